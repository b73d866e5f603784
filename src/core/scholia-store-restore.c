/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-passage-sql.h"
#include "scholia-store-private.h"

/* Deleting a document with undo: the rows it owned are read into memory inside the deleting
 * transaction, and restore writes them back with their old ids and uuids, so that anything
 * which refers to them (exports, W3C annotation ids) still matches. */

typedef struct
{
  gint64  id;
  char   *uuid;
  int     start;
  int     end;
  char   *quote;
  char   *prefix;
  char   *suffix;
  char   *note;
  int     orphaned;
  char   *unplaced_reason;   /* as stored */
  char   *unplaced_source;
  gint64  created;
  gint64  modified;
  GArray *tag_ids;
  GArray *theme_ids;
} SavedAnnotation;

struct _ScholiaDeletedDocument
{
  gint64  id;
  char   *uuid;
  char   *title;
  char   *author;
  char   *author_sort_key;   /* restored with the author if it went with the document */
  char   *date;
  char   *source;
  char   *text;
  char   *checksum;
  char   *language;
  gint64  created;
  gint64  modified;
  GArray *pages;        /* ScholiaPageRange */
  GArray *annotations;  /* SavedAnnotation */
};

static void
saved_annotation_clear (SavedAnnotation *saved)
{
  g_free (saved->uuid);
  g_free (saved->quote);
  g_free (saved->prefix);
  g_free (saved->suffix);
  g_free (saved->note);
  g_free (saved->unplaced_reason);
  g_free (saved->unplaced_source);
  g_clear_pointer (&saved->tag_ids, g_array_unref);
  g_clear_pointer (&saved->theme_ids, g_array_unref);
}

void
scholia_deleted_document_free (ScholiaDeletedDocument *deleted)
{
  if (deleted == NULL)
    return;

  g_free (deleted->uuid);
  g_free (deleted->title);
  g_free (deleted->author);
  g_free (deleted->author_sort_key);
  g_free (deleted->date);
  g_free (deleted->source);
  g_free (deleted->text);
  g_free (deleted->checksum);
  g_free (deleted->language);
  g_clear_pointer (&deleted->pages, g_array_unref);
  g_clear_pointer (&deleted->annotations, g_array_unref);
  g_free (deleted);
}

static gboolean
save_annotations (ScholiaStore            *self,
                  ScholiaDeletedDocument  *deleted,
                  GError                 **error)
{
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  deleted->annotations = g_array_new (FALSE, TRUE, sizeof (SavedAnnotation));
  g_array_set_clear_func (deleted->annotations, (GDestroyNotify) saved_annotation_clear);

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT id, uuid, start_offset, end_offset, " SCHOLIA_QUOTE_SQL ("") ","
                                   " " SCHOLIA_PREFIX_SQL ("") ", " SCHOLIA_SUFFIX_SQL ("") ", note,"
                                   " orphaned, created, modified, unplaced_reason, unplaced_source"
                                   " FROM annotations WHERE document_id = ?",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, deleted->id);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      SavedAnnotation saved = {
        .id = scholia_db_statement_column_int64 (stmt, 0),
        .uuid = g_strdup (scholia_db_statement_column_text (stmt, 1)),
        .start = scholia_db_statement_column_int (stmt, 2),
        .end = scholia_db_statement_column_int (stmt, 3),
        .quote = g_strdup (scholia_db_statement_column_text (stmt, 4)),
        .prefix = g_strdup (scholia_db_statement_column_text (stmt, 5)),
        .suffix = g_strdup (scholia_db_statement_column_text (stmt, 6)),
        .note = g_strdup (scholia_db_statement_column_text (stmt, 7)),
        .orphaned = scholia_db_statement_column_int (stmt, 8),
        .created = scholia_db_statement_column_int64 (stmt, 9),
        .modified = scholia_db_statement_column_int64 (stmt, 10),
        .unplaced_reason = g_strdup (scholia_db_statement_column_text (stmt, 11)),
        .unplaced_source = g_strdup (scholia_db_statement_column_text (stmt, 12)),
      };

      g_array_append_val (deleted->annotations, saved);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;

  /* Links are read after the loop: one statement at a time keeps the cache simple. */
  for (guint i = 0; i < deleted->annotations->len; i++)
    {
      SavedAnnotation *saved = &g_array_index (deleted->annotations, SavedAnnotation, i);

      saved->tag_ids = scholia_db_query_ids (self->db, "SELECT tag_id FROM annotation_tags WHERE annotation_id = ?"
                                                       " ORDER BY position", saved->id, error);
      if (saved->tag_ids == NULL)
        return FALSE;
      saved->theme_ids = scholia_db_query_ids (self->db, "SELECT theme_id FROM annotation_themes WHERE annotation_id = ?"
                                                         " ORDER BY position", saved->id, error);
      if (saved->theme_ids == NULL)
        return FALSE;
    }

  return TRUE;
}

static ScholiaDeletedDocument *
save_document (ScholiaStore     *self,
               ScholiaDocument  *document,
               GError          **error)
{
  g_autoptr(ScholiaDeletedDocument) deleted = g_new0 (ScholiaDeletedDocument, 1);

  deleted->id = scholia_document_get_id (document);
  deleted->uuid = g_strdup (scholia_document_get_uuid (document));
  deleted->title = g_strdup (scholia_document_get_title (document));
  deleted->author = g_strdup (scholia_document_get_author (document));
  deleted->author_sort_key = g_strdup (scholia_document_get_author_sort_key (document));
  deleted->date = g_strdup (scholia_document_get_date (document));
  deleted->source = g_strdup (scholia_document_get_source (document));
  deleted->checksum = g_strdup (scholia_document_get_checksum (document));
  deleted->language = g_strdup (scholia_document_get_language (document));
  deleted->created = scholia_document_get_created (document);
  deleted->modified = scholia_document_get_modified (document);

  deleted->text = scholia_store_load_text (self, document, error);
  if (deleted->text == NULL)
    return NULL;
  deleted->pages = scholia_store_load_pages (self, document, error);
  if (deleted->pages == NULL || !save_annotations (self, deleted, error))
    return NULL;

  return g_steal_pointer (&deleted);
}

ScholiaDeletedDocument *
scholia_store_delete_document_undoable (ScholiaStore     *self,
                                        ScholiaDocument  *document,
                                        GError          **error)
{
  g_autoptr(ScholiaDeletedDocument) deleted = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  deleted = save_document (self, document, error);
  if (deleted == NULL || !scholia_store_delete_document (self, document, error))
    return NULL;

  return g_steal_pointer (&deleted);
}

static gboolean
restore_links (ScholiaStore  *self,
               const char    *sql,
               gint64         annotation_id,
               GArray        *ids,
               GError       **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      ScholiaDbStatement *stmt = scholia_db_get_statement (self->db, sql, error);

      if (stmt == NULL)
        return FALSE;
      scholia_db_statement_bind_int64 (stmt, 1, annotation_id);
      scholia_db_statement_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      scholia_db_statement_bind_int64 (stmt, 3, i);
      if (!scholia_db_statement_execute (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
restore_annotations (ScholiaStore            *self,
                     ScholiaDeletedDocument  *deleted,
                     gint64                   document_id,
                     GError                 **error)
{
  for (guint i = 0; i < deleted->annotations->len; i++)
    {
      SavedAnnotation *saved = &g_array_index (deleted->annotations, SavedAnnotation, i);
      ScholiaDbStatement *stmt;

      stmt = scholia_db_get_statement (self->db,
                                       "INSERT INTO annotations (id, uuid_key, document_id, start_offset, end_offset,"
                                       " quote, prefix, suffix, note, orphaned, created, modified,"
                                       " unplaced_reason, unplaced_source)"
                                       " VALUES (?1, scholia_uuid_key(?2), ?3, ?4, ?5,"
                                       " " SCHOLIA_STORED_PASSAGE_SQL ("0", "?6", "?3", "?4", "?5") ","
                                       " " SCHOLIA_STORED_PASSAGE_SQL ("1", "?7", "?3", "?4", "?5") ","
                                       " " SCHOLIA_STORED_PASSAGE_SQL ("2", "?8", "?3", "?4", "?5") ","
                                       " ?9, ?10, ?11, ?12, ?13, ?14)",
                                       error);
      if (stmt == NULL)
        return FALSE;
      scholia_db_statement_bind_int64 (stmt, 1, saved->id);
      scholia_db_statement_bind_text (stmt, 2, saved->uuid);
      scholia_db_statement_bind_int64 (stmt, 3, document_id);
      scholia_db_statement_bind_int64 (stmt, 4, saved->start);
      scholia_db_statement_bind_int64 (stmt, 5, saved->end);
      scholia_db_statement_bind_text (stmt, 6, saved->quote);
      scholia_db_statement_bind_text (stmt, 7, saved->prefix);
      scholia_db_statement_bind_text (stmt, 8, saved->suffix);
      scholia_db_statement_bind_text (stmt, 9, saved->note);
      scholia_db_statement_bind_int64 (stmt, 10, saved->orphaned);
      scholia_db_statement_bind_int64 (stmt, 11, saved->created);
      scholia_db_statement_bind_int64 (stmt, 12, saved->modified);
      scholia_db_statement_bind_text (stmt, 13, saved->unplaced_reason);
      scholia_db_statement_bind_text (stmt, 14, saved->unplaced_source);
      if (!scholia_db_statement_execute (stmt, error))
        return FALSE;

      /* Tags and themes deleted since are skipped rather than failing the restore. */
      if (!restore_links (self,
                          "INSERT INTO annotation_tags (annotation_id, tag_id, position)"
                          " SELECT ?1, id, ?3 FROM tags WHERE id = ?2",
                          saved->id, saved->tag_ids, error) ||
          !restore_links (self,
                          "INSERT INTO annotation_themes (annotation_id, theme_id, position)"
                          " SELECT ?1, id, ?3 FROM themes WHERE id = ?2",
                          saved->id, saved->theme_ids, error))
        return FALSE;
    }

  return TRUE;
}

ScholiaDocument *
scholia_store_restore_document (ScholiaStore            *self,
                                ScholiaDeletedDocument  *deleted,
                                GError                 **error)
{
  ScholiaDocument *restored;
  ScholiaDbStatement *stmt;
  gint64 author_id;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (deleted != NULL, NULL);

  if (!scholia_db_begin (self->db, error))
    return NULL;

  if (!_scholia_store_ensure_author (self, deleted->author, deleted->author_sort_key, &author_id, NULL, error))
    goto failed;

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO documents (id, uuid, title, author_id, date, source, text,"
                                   " characters, checksum, created, modified, language)"
                                   " VALUES (?, ?, ?, ?, ?, ?, scholia_pack(?), ?, ?, ?, ?, ?)",
                                   error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_int64 (stmt, 1, deleted->id);
  scholia_db_statement_bind_text (stmt, 2, deleted->uuid);
  scholia_db_statement_bind_text (stmt, 3, deleted->title);
  if (author_id > 0)
    scholia_db_statement_bind_int64 (stmt, 4, author_id);
  scholia_db_statement_bind_text (stmt, 5, deleted->date);
  scholia_db_statement_bind_text (stmt, 6, deleted->source);
  scholia_db_statement_bind_static_text (stmt, 7, deleted->text);
  scholia_db_statement_bind_int64 (stmt, 8, _scholia_store_count_characters (deleted->text));
  scholia_db_statement_bind_text (stmt, 9, deleted->checksum);
  scholia_db_statement_bind_int64 (stmt, 10, deleted->created);
  scholia_db_statement_bind_int64 (stmt, 11, deleted->modified);
  scholia_db_statement_bind_text (stmt, 12, deleted->language);
  if (!scholia_db_statement_execute (stmt, error))
    goto failed;

  if (!_scholia_store_insert_pages (self, deleted->id, deleted->pages, error) ||
      !restore_annotations (self, deleted, deleted->id, error) ||
      !scholia_db_commit (self->db, error))
    goto failed;

  restored = _scholia_store_load_document (self, deleted->id, error);
  if (restored != NULL)
    _scholia_store_emit_annotations_changed (self, deleted->id);
  return restored;

failed:
  scholia_db_rollback (self->db);
  return NULL;
}
