/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-db-rows.h"
#include "scholia-error.h"
#include "scholia-passage-sql.h"
#include "scholia-store-private.h"
#include "scholia-text-check.h"

static int
compare_annotations (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  ScholiaAnnotation *left = (ScholiaAnnotation *) a;
  ScholiaAnnotation *right = (ScholiaAnnotation *) b;
  gint64 left_id = scholia_annotation_get_id (left);
  gint64 right_id = scholia_annotation_get_id (right);
  int diff;

  diff = scholia_annotation_get_start (left) - scholia_annotation_get_start (right);
  if (diff == 0)
    diff = scholia_annotation_get_end (left) - scholia_annotation_get_end (right);
  if (diff == 0)
    diff = (left_id > right_id) - (left_id < right_id);
  return diff;
}

/* A list someone holds for @document (an open reading view) is brought up to date with the
 * file: the store builds a fresh list, whose items — the live annotations, plus new ones now
 * remembered as live — replace the old list's, and the old list stays the one the store keeps
 * current. */
static gboolean
refresh_live_list (ScholiaStore     *self,
                   ScholiaDocument  *document,
                   GError          **error)
{
  gint64 document_id = scholia_document_get_id (document);
  GListStore *live = g_hash_table_lookup (self->live_lists, &document_id);
  g_autoptr(GListStore) held = NULL;
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  if (live == NULL)
    return TRUE;

  held = g_object_ref (live);
  g_hash_table_remove (self->live_lists, &document_id);
  fresh = scholia_store_list_annotations (self, document, error);
  g_hash_table_insert (self->live_lists, g_memdup2 (&document_id, sizeof document_id), held);
  if (fresh == NULL)
    return FALSE;

  n = g_list_model_get_n_items (fresh);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (fresh, i));
  g_list_store_splice (held, 0, g_list_model_get_n_items (G_LIST_MODEL (held)), items->pdata, n);
  return TRUE;
}

/* The tag (or theme) rows of @records, given their annotations' ids from @first_id on. */
static gboolean
insert_links (ScholiaStore                   *self,
              const char                     *table,
              const char                     *columns,
              const ScholiaAnnotationRecord  *records,
              guint                           n_records,
              gint64                          first_id,
              gboolean                        themes,
              GError                        **error)
{
  g_autoptr(ScholiaDbRows) rows = scholia_db_rows_new (self->db, table, columns, "iii");

  for (guint i = 0; i < n_records; i++)
    {
      const gint64 *ids = themes ? records[i].theme_ids : records[i].tag_ids;
      guint n_ids = themes ? records[i].n_theme_ids : records[i].n_tag_ids;

      for (guint j = 0; j < n_ids; j++)
        {
          scholia_db_rows_add_int64 (rows, first_id + i);
          scholia_db_rows_add_int64 (rows, ids[j]);
          scholia_db_rows_add_int64 (rows, j);
          if (!scholia_db_rows_end_row (rows, error))
            return FALSE;
        }
    }
  return scholia_db_rows_flush (rows, error);
}

static gboolean
check_record (ScholiaStore                   *self,
              const ScholiaAnnotationRecord  *record,
              GError                        **error)
{
  gint64 characters;

  if (!SCHOLIA_IS_DOCUMENT (record->document) ||
      scholia_store_lookup_document (self, scholia_document_get_id (record->document)) != record->document)
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                           _("An annotation names a document that is not in the library"));
      return FALSE;
    }

  characters = scholia_document_get_characters (record->document);
  if (record->start < 0 || record->end <= record->start || record->end > characters)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("The span %d–%d does not lie within “%s”, which has %lld characters"),
                   record->start, record->end, scholia_document_get_title (record->document),
                   (long long) characters);
      return FALSE;
    }

  if (record->quote == NULL || *record->quote == '\0')
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("An annotation on “%s” has no quote"), scholia_document_get_title (record->document));
      return FALSE;
    }

  if (!g_utf8_validate (record->quote, -1, NULL) ||
      (record->prefix != NULL && !g_utf8_validate (record->prefix, -1, NULL)) ||
      (record->suffix != NULL && !g_utf8_validate (record->suffix, -1, NULL)) ||
      (record->note != NULL && !g_utf8_validate (record->note, -1, NULL)))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("An annotation on “%s” holds text that is not valid UTF-8"),
                   scholia_document_get_title (record->document));
      return FALSE;
    }

  for (guint i = 0; i < record->n_tag_ids; i++)
    if (scholia_store_lookup_label (self, SCHOLIA_TYPE_TAG, record->tag_ids[i]) == NULL)
      {
        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                     _("No tag has the id %lld"), (long long) record->tag_ids[i]);
        return FALSE;
      }
  for (guint i = 0; i < record->n_theme_ids; i++)
    if (scholia_store_lookup_label (self, SCHOLIA_TYPE_THEME, record->theme_ids[i]) == NULL)
      {
        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                     _("No theme has the id %lld"), (long long) record->theme_ids[i]);
        return FALSE;
      }

  return TRUE;
}

/* The @n annotations just written from @first_id on store NULL for the quotes and context their
 * texts hold: one statement for them all, as the rows went in many to an INSERT. */
static gboolean
compact_passages (ScholiaStore  *self,
                  gint64         first_id,
                  guint          n,
                  GError       **error)
{
  ScholiaDbStatement *stmt = scholia_db_get_statement (self->db,
                                                       "UPDATE annotations SET"
                                                       " quote = " SCHOLIA_STORED_PASSAGE_SQL ("0", "quote", "document_id", "start_offset", "end_offset") ","
                                                       " prefix = " SCHOLIA_STORED_PASSAGE_SQL ("1", "prefix", "document_id", "start_offset", "end_offset") ","
                                                       " suffix = " SCHOLIA_STORED_PASSAGE_SQL ("2", "suffix", "document_id", "start_offset", "end_offset")
                                                       " WHERE id >= ?1 AND id < ?2",
                                                       error);

  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, first_id);
  scholia_db_statement_bind_int64 (stmt, 2, first_id + n);
  return scholia_db_statement_execute (stmt, error);
}

gboolean
scholia_store_add_annotations_full (ScholiaStore                   *self,
                                    const ScholiaAnnotationRecord  *records,
                                    guint                           n_records,
                                    GError                        **error)
{
  g_autoptr(GHashTable) added = g_hash_table_new (NULL, NULL);  /* document → count */
  g_autoptr(ScholiaDbRows) annotation_rows = NULL;
  g_auto(GStrv) uuids = NULL;
  gint64 now = _scholia_store_now ();
  gint64 first_id;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);

  for (guint i = 0; i < n_records; i++)
    if (!check_record (self, &records[i], error))
      return FALSE;
  if (n_records == 0)
    return TRUE;
  uuids = g_new0 (char *, n_records + 1);

  if (!scholia_db_begin (self->db, error))
    return FALSE;

  /* The rows go in 64 to an INSERT: each INSERT journals the pages it changes (its triggers
   * could fail half-way), which one row at a time meant a million page copies for 100,000
   * annotations. The ids are given, so that the tags can name them; holding the write lock,
   * nothing else takes them meanwhile. */
  if (!scholia_db_query_int (self->db, "SELECT coalesce(max(id), 0) + 1 FROM annotations", &first_id, error))
    goto failed;
  annotation_rows = scholia_db_rows_new (self->db, "annotations",
                                         "id, uuid_key, document_id, start_offset, end_offset, quote, prefix,"
                                         " suffix, note, orphaned, created, modified, unplaced_reason,"
                                         " unplaced_source",
                                         "iuiiittttiiitt");
  for (guint i = 0; i < n_records; i++)
    {
      const ScholiaAnnotationRecord *record = &records[i];
      g_autofree char *note = NULL;

      if (record->note != NULL && (note = scholia_text_check_note (record->note, error)) == NULL)
        goto failed;

      uuids[i] = record->uuid != NULL ? g_strdup (record->uuid) : g_uuid_string_random ();
      scholia_db_rows_add_int64 (annotation_rows, first_id + i);
      scholia_db_rows_add_text (annotation_rows, uuids[i]);
      scholia_db_rows_add_int64 (annotation_rows, scholia_document_get_id (record->document));
      scholia_db_rows_add_int64 (annotation_rows, record->start);
      scholia_db_rows_add_int64 (annotation_rows, record->end);
      scholia_db_rows_add_text (annotation_rows, record->quote);
      scholia_db_rows_add_text (annotation_rows, record->prefix);
      scholia_db_rows_add_text (annotation_rows, record->suffix);
      scholia_db_rows_add_text_copy (annotation_rows, note);
      scholia_db_rows_add_int64 (annotation_rows, record->orphaned ? 1 : 0);
      scholia_db_rows_add_int64 (annotation_rows, record->created > 0 ? record->created : now);
      scholia_db_rows_add_int64 (annotation_rows, record->modified > 0 ? record->modified : now);
      scholia_db_rows_add_text (annotation_rows, !record->orphaned ? "" :
                                scholia_unplaced_reason_to_code (record->reason != SCHOLIA_UNPLACED_NONE ?
                                                                 record->reason : SCHOLIA_UNPLACED_IMPORTED));
      scholia_db_rows_add_text (annotation_rows, record->orphaned && record->source != NULL ? record->source : "");
      if (!scholia_db_rows_end_row (annotation_rows, error))
        goto write_failed;

      g_hash_table_insert (added, record->document,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (added, record->document)) + 1));
    }
  if (!scholia_db_rows_flush (annotation_rows, error))
    goto write_failed;
  /* The quotes and context the texts hold are not kept twice (see scholia-passage-sql.h). */
  if (!compact_passages (self, first_id, n_records, error))
    goto failed;

  /* The annotations are in: their tags' and themes' rows may name them now. */
  if (!insert_links (self, "annotation_tags", "annotation_id, tag_id, position",
                     records, n_records, first_id, FALSE, error) ||
      !insert_links (self, "annotation_themes", "annotation_id, theme_id, position",
                     records, n_records, first_id, TRUE, error))
    goto failed;
  for (guint i = 0; i < n_records; i++)
    if (records[i].provenance != NULL &&
        !_scholia_store_add_provenance (self, uuids[i], records[i].provenance, error))
      goto failed;

  if (!scholia_db_commit (self->db, error))
    goto failed;

  g_hash_table_iter_init (&iter, added);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ScholiaDocument *document = key;

      scholia_document_set_annotation_count (document,
                                             scholia_document_get_annotation_count (document) +
                                             GPOINTER_TO_UINT (value));
      /* The rows are committed: a list that cannot be refreshed is only stale until reopened. */
      if (!refresh_live_list (self, document, NULL))
        g_warning ("Could not refresh the annotations of “%s”", scholia_document_get_title (document));
    }
  _scholia_store_emit_annotations_changed (self, g_hash_table_size (added) == 1 ?
                                           scholia_document_get_id (records[0].document) : 0);
  return TRUE;

write_failed:
  g_prefix_error (error, g_dngettext (GETTEXT_PACKAGE, "Could not add the annotation: ", "Could not add the %u annotations: ", n_records),
                  n_records);
failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

GHashTable *
scholia_store_find_annotation_uuids (ScholiaStore  *self,
                                     GPtrArray     *uuids,
                                     GError       **error)
{
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (uuids != NULL, NULL);

  for (guint i = 0; i < uuids->len; i++)
    {
      const char *uuid = g_ptr_array_index (uuids, i);
      ScholiaDbStatement *stmt = scholia_db_get_statement (self->db,
                                                           "SELECT document_id FROM annotations"
                                                           " WHERE uuid_key = scholia_uuid_key(?)",
                                                           error);
      gint64 document_id;
      ScholiaDbStep rc;

      if (stmt == NULL)
        return NULL;
      scholia_db_statement_bind_text (stmt, 1, uuid);
      rc = scholia_db_statement_step (stmt, error);
      document_id = rc == SCHOLIA_DB_STEP_ROW ? scholia_db_statement_column_int64 (stmt, 0) : 0;
      scholia_db_statement_reset (stmt);
      if (rc == SCHOLIA_DB_STEP_ERROR)
        return NULL;
      if (rc == SCHOLIA_DB_STEP_ROW)
        g_hash_table_insert (present, (gpointer) uuid, g_memdup2 (&document_id, sizeof document_id));
    }

  return g_steal_pointer (&present);
}

gboolean
scholia_store_replace_text (ScholiaStore             *self,
                            ScholiaDocument          *document,
                            const char               *text,
                            GArray                   *pages,
                            const ScholiaTextAnchor  *anchors,
                            guint                     n_anchors,
                            GError                  **error)
{
  g_autofree char *checksum = NULL;
  g_autofree ScholiaTextAnchor *resolved = NULL;
  gint64 document_id;
  gint64 characters;
  gint64 now = _scholia_store_now ();
  ScholiaDbStatement *stmt;
  GListStore *live;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (anchors != NULL || n_anchors == 0, FALSE);

  if (!g_utf8_validate (text, -1, NULL) || *text == '\0')
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("The new text of “%s” is empty or not valid UTF-8"),
                   scholia_document_get_title (document));
      return FALSE;
    }

  document_id = scholia_document_get_id (document);
  characters = _scholia_store_count_characters (text);
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  resolved = g_new (ScholiaTextAnchor, MAX (n_anchors, 1));
  for (guint i = 0; i < n_anchors; i++)
    {
      resolved[i] = anchors[i];
      if (!anchors[i].orphaned)
        {
          resolved[i].reason = SCHOLIA_UNPLACED_NONE;
          resolved[i].source = NULL;
        }
      else if (anchors[i].reason == SCHOLIA_UNPLACED_NONE)
        resolved[i].reason = SCHOLIA_UNPLACED_TEXT_CHANGED;
      if (scholia_annotation_get_document_id (anchors[i].annotation) != document_id)
        {
          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                       _("The annotation “%s” is not on “%s”"),
                       scholia_annotation_get_quote (anchors[i].annotation),
                       scholia_document_get_title (document));
          return FALSE;
        }
      /* An orphan keeps roughly its old place, which must still lie within the text. */
      if (anchors[i].orphaned)
        {
          resolved[i].end = MIN (MAX (anchors[i].end, 1), characters);
          resolved[i].start = CLAMP (anchors[i].start, 0, resolved[i].end - 1);
        }
      else if (anchors[i].start < 0 || anchors[i].end <= anchors[i].start || anchors[i].end > characters)
        {
          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                       _("The span %d–%d is not a place in the new text of “%s”"),
                       anchors[i].start, anchors[i].end, scholia_document_get_title (document));
          return FALSE;
        }
    }

  if (!scholia_db_begin (self->db, error))
    return FALSE;

  stmt = scholia_db_get_statement (self->db,
                                   "UPDATE documents SET text = scholia_pack(?), characters = ?, checksum = ?, modified = ?"
                                   " WHERE id = ?",
                                   error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_static_text (stmt, 1, text);
  scholia_db_statement_bind_int64 (stmt, 2, characters);
  scholia_db_statement_bind_text (stmt, 3, checksum);
  scholia_db_statement_bind_int64 (stmt, 4, now);
  scholia_db_statement_bind_int64 (stmt, 5, document_id);
  if (!scholia_db_statement_execute (stmt, error))
    goto failed;

  stmt = scholia_db_get_statement (self->db, "DELETE FROM document_pages WHERE document_id = ?", error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_int64 (stmt, 1, document_id);
  if (!scholia_db_statement_execute (stmt, error) ||
      !_scholia_store_insert_pages (self, document_id, pages, error))
    goto failed;

  for (guint i = 0; i < n_anchors; i++)
    {
      const ScholiaTextAnchor *anchor = &resolved[i];
      ScholiaAnnotation *annotation = anchor->annotation;

      stmt = scholia_db_get_statement (self->db,
                                       "UPDATE annotations SET start_offset = ?1, end_offset = ?2, orphaned = ?3,"
                                       " quote = " SCHOLIA_STORED_PASSAGE_SQL ("0", "?4", "document_id", "?1", "?2") ","
                                       " prefix = " SCHOLIA_STORED_PASSAGE_SQL ("1", "?5", "document_id", "?1", "?2") ","
                                       " suffix = " SCHOLIA_STORED_PASSAGE_SQL ("2", "?6", "document_id", "?1", "?2") ","
                                       " unplaced_reason = ?7, unplaced_source = ?8 WHERE id = ?9",
                                       error);
      if (stmt == NULL)
        goto failed;
      scholia_db_statement_bind_int64 (stmt, 1, anchor->start);
      scholia_db_statement_bind_int64 (stmt, 2, anchor->end);
      scholia_db_statement_bind_int64 (stmt, 3, anchor->orphaned ? 1 : 0);
      scholia_db_statement_bind_text (stmt, 4, anchor->quote != NULL ? anchor->quote
                                                                      : scholia_annotation_get_quote (annotation));
      scholia_db_statement_bind_text (stmt, 5, anchor->quote != NULL ? anchor->prefix
                                                                      : scholia_annotation_get_prefix (annotation));
      scholia_db_statement_bind_text (stmt, 6, anchor->quote != NULL ? anchor->suffix
                                                                      : scholia_annotation_get_suffix (annotation));
      scholia_db_statement_bind_text (stmt, 7, scholia_unplaced_reason_to_code (anchor->reason));
      scholia_db_statement_bind_text (stmt, 8, anchor->source != NULL ? anchor->source : "");
      scholia_db_statement_bind_int64 (stmt, 9, scholia_annotation_get_id (annotation));
      if (!scholia_db_statement_execute (stmt, error))
        goto failed;
    }

  if (!scholia_db_commit (self->db, error))
    goto failed;

  if (self->cached_text_id == document_id)
    {
      g_clear_pointer (&self->cached_text, g_free);
      g_clear_pointer (&self->cached_text_index, g_array_unref);
    }

  for (guint i = 0; i < n_anchors; i++)
    {
      const ScholiaTextAnchor *anchor = &resolved[i];

      scholia_annotation_set_range (anchor->annotation, anchor->start, anchor->end);
      scholia_annotation_set_orphaned (anchor->annotation, anchor->orphaned);
      scholia_annotation_set_unplaced_reason (anchor->annotation, anchor->reason, anchor->source);
      if (anchor->quote != NULL)
        scholia_annotation_set_context (anchor->annotation, anchor->quote, anchor->prefix, anchor->suffix);
    }

  live = g_hash_table_lookup (self->live_lists, &document_id);
  if (live != NULL)
    g_list_store_sort (live, compare_annotations, NULL);

  g_object_freeze_notify (G_OBJECT (document));
  scholia_document_set_characters (document, characters);
  scholia_document_set_modified (document, now);
  scholia_document_set_checksum (document, checksum);
  g_object_thaw_notify (G_OBJECT (document));
  _scholia_store_emit_annotations_changed (self, document_id);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}
