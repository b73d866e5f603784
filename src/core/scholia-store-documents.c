/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-language.h"
#include "scholia-names.h"
#include "scholia-store-private.h"
#include "scholia-text-check.h"
#include "scholia-text-facts.h"
#include "scholia-text-pack.h"

#define DOCUMENT_COLUMNS_AROUND(count) \
  "d.id, d.uuid, d.title, coalesce(a.name, ''), d.date, d.source, d.checksum, d.characters," \
  " d.created, d.modified, " count ", coalesce(a.sort_key, ''), d.language"
#define DOCUMENT_COUNT "(SELECT count(*) FROM annotations WHERE document_id = d.id)"
/* Counting a million annotations takes longer than listing 10,000 essays: a large library's
 * counts come after its first frame (scholia_store_load_annotation_counts()). */
#define DOCUMENT_NO_COUNT "0"
#define DOCUMENT_FROM " FROM documents d LEFT JOIN authors a ON a.id = d.author_id"
#define DOCUMENT_CITATION_KEY ", coalesce(c.citation_key, '')"
#define DOCUMENT_CITATIONS " LEFT JOIN document_citations c ON c.document_uuid = d.uuid"
#define DOCUMENT_WHERE_ID " WHERE d.id = ?"
#define DOCUMENT_BY_ID " ORDER BY d.id"
#define COUNT_LATER_FROM 1000

static ScholiaDocument *
document_from_row (ScholiaDbStatement *stmt)
{
  ScholiaDocument *document;

  document = scholia_document_new (scholia_db_statement_column_int64 (stmt, 0),
                                   scholia_db_statement_column_text (stmt, 1));
  scholia_document_set_title (document, scholia_db_statement_column_text (stmt, 2));
  scholia_document_set_author (document, scholia_db_statement_column_text (stmt, 3));
  scholia_document_set_date (document, scholia_db_statement_column_text (stmt, 4));
  scholia_document_set_source (document, scholia_db_statement_column_text (stmt, 5));
  scholia_document_set_checksum (document, scholia_db_statement_column_text (stmt, 6));
  scholia_document_set_characters (document, scholia_db_statement_column_int64 (stmt, 7));
  scholia_document_set_created (document, scholia_db_statement_column_int64 (stmt, 8));
  scholia_document_set_modified (document, scholia_db_statement_column_int64 (stmt, 9));
  scholia_document_set_annotation_count (document, scholia_db_statement_column_int (stmt, 10));
  scholia_document_set_author_sort_key (document, scholia_db_statement_column_text (stmt, 11));
  scholia_document_set_language (document, scholia_db_statement_column_text (stmt, 12));
  scholia_document_set_citation_key (document, scholia_db_statement_column_text (stmt, 13));
  return document;
}

static void
remember_document (ScholiaStore    *self,
                   ScholiaDocument *document)
{
  gint64 *key = g_new (gint64, 1);

  *key = scholia_document_get_id (document);
  g_hash_table_replace (self->documents_by_id, key, g_object_ref (document));
}

/* An essay whose others' annotations are hidden from me counts mine alone. */
static gboolean
count_hidden (ScholiaStore  *self,
              GPtrArray     *documents,
              GError       **error)
{
  g_autoptr(GHashTable) hidden = _scholia_store_load_hidden_essays (self, 0, error);

  if (hidden == NULL)
    return FALSE;
  for (guint i = 0; g_hash_table_size (hidden) > 0 && i < documents->len; i++)
    {
      ScholiaDocument *document = g_ptr_array_index (documents, i);
      gint64 id = scholia_document_get_id (document);
      gint64 count;

      if (!g_hash_table_contains (hidden, &id))
        continue;
      if (!_scholia_store_count_visible (self, id, hidden, &count, error))
        return FALSE;
      scholia_document_set_annotation_count (document, (guint) count);
    }
  return TRUE;
}

/* The essay of @id (0: every essay, by id) as the file holds it, each one an essay already
 * read where there is one, so that views keep the objects they hold. */
static GPtrArray *
read_documents (ScholiaStore  *self,
                gint64         id,
                GError       **error)
{
  g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean counted = !self->counts_pending;
  gboolean cited = _scholia_store_has_references (self);
  g_autofree char *sql = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  sql = g_strconcat ("SELECT ", counted ? DOCUMENT_COLUMNS_AROUND (DOCUMENT_COUNT)
                                        : DOCUMENT_COLUMNS_AROUND (DOCUMENT_NO_COUNT),
                     cited ? DOCUMENT_CITATION_KEY : ", ''", DOCUMENT_FROM,
                     cited ? DOCUMENT_CITATIONS : "", id != 0 ? DOCUMENT_WHERE_ID : DOCUMENT_BY_ID,
                     NULL);
  stmt = scholia_db_get_statement (self->db, sql, error);
  if (stmt == NULL)
    return NULL;
  if (id != 0)
    scholia_db_statement_bind_int64 (stmt, 1, id);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 row_id = scholia_db_statement_column_int64 (stmt, 0);
      ScholiaDocument *known = g_hash_table_lookup (self->documents_by_id, &row_id);

      g_ptr_array_add (read, known != NULL ? g_object_ref (known) : document_from_row (stmt));
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR || (counted && !count_hidden (self, read, error)))
    return NULL;
  return g_steal_pointer (&read);
}

/* The list's loader: every essay, the first time a view asks for one. */
static GPtrArray *
read_every_document (gpointer   user_data,
                     GError   **error)
{
  ScholiaStore *self = user_data;
  GPtrArray *read = read_documents (self, 0, error);

  for (guint i = 0; read != NULL && i < read->len; i++)
    remember_document (self, g_ptr_array_index (read, i));
  return read;
}

/**
 * scholia_store_load_annotation_counts:
 * @self: a store
 * @error: why they could not be read
 *
 * Gives each essay its count of annotations, when opening left them for later
 * (scholia_store_open_checking_later() on a large library): one pass over the annotations'
 * index instead of a count per essay. Nothing happens when they are known.
 *
 * Returns: whether every essay has its count
 */
gboolean
scholia_store_load_annotation_counts (ScholiaStore  *self,
                                      GError       **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = G_LIST_MODEL (self->documents);
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);

  if (!self->counts_pending)
    return TRUE;

  if (!_scholia_document_list_load (self->documents, error))
    return FALSE;
  stmt = scholia_db_get_statement (self->db, "SELECT document_id, count(*) FROM annotations"
                                   " GROUP BY document_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    g_hash_table_insert (counts, g_memdup2 (&(gint64) { scholia_db_statement_column_int64 (stmt, 0) }, sizeof (gint64)),
                         GUINT_TO_POINTER (scholia_db_statement_column_int (stmt, 1)));
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      ScholiaDocument *document = g_list_model_get_item (model, i);
      gint64 id = scholia_document_get_id (document);

      g_ptr_array_add (documents, document);
      scholia_document_set_annotation_count (document, GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id)));
    }
  if (!count_hidden (self, documents, error))
    return FALSE;
  self->counts_pending = FALSE;
  return TRUE;
}

/* The essays are counted here (an index's count, not a row each) and read when a view first
 * asks for one; the window shows one essay of a large library before (scholia-document-list.h). */
gboolean
_scholia_store_load_documents (ScholiaStore  *self,
                               GError       **error)
{
  gint64 n = 0;

  if (!scholia_db_query_int (self->db, "SELECT count(*) FROM documents", &n, error))
    return FALSE;
  if (self->counts_pending)
    self->counts_pending = n >= COUNT_LATER_FROM;
  if (self->documents == NULL)
    self->documents = _scholia_document_list_new (read_every_document, self);
  g_hash_table_remove_all (self->documents_by_id);
  self->documents_read_alone = 0;
  _scholia_document_list_reset (self->documents, (guint) n);
  return TRUE;
}

/* Reads one document back from the file (after a restore) and puts it into the model where
 * its id belongs. */
ScholiaDocument *
_scholia_store_load_document (ScholiaStore  *self,
                              gint64         id,
                              GError       **error)
{
  ScholiaDocument *document = scholia_store_lookup_document (self, id);

  if (document == NULL)
    {
      g_autoptr(GPtrArray) read = read_documents (self, id, error);

      if (read == NULL)
        return NULL;
      if (read->len == 0)
        {
          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                       _("No document has the id %lld"), (long long) id);
          return NULL;
        }
      document = g_ptr_array_index (read, 0);
      remember_document (self, document);
    }
  if (!_scholia_document_list_insert (self->documents, document, error))
    return NULL;
  return document;
}

GListModel *
scholia_store_get_documents (ScholiaStore *self)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->documents);
}

/* Before the list is read (the window opening one essay), the essay asked for is read alone;
 * a caller going through many (a comparison, an export from the command line) has the list read
 * instead, one pass rather than a statement per essay. */
#define READ_ALONE_AT_MOST 32

ScholiaDocument *
scholia_store_lookup_document (ScholiaStore *self,
                               gint64        id)
{
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  document = g_hash_table_lookup (self->documents_by_id, &id);
  if (document != NULL || _scholia_document_list_is_loaded (self->documents))
    return document;

  if (++self->documents_read_alone > READ_ALONE_AT_MOST)
    {
      if (!_scholia_document_list_load (self->documents, &error))
        g_warning ("The library's essays could not be read: %s", error->message);
      return g_hash_table_lookup (self->documents_by_id, &id);
    }

  read = read_documents (self, id, &error);
  if (read == NULL)
    {
      g_warning ("Essay %" G_GINT64_FORMAT " could not be read: %s", id, error->message);
      return NULL;
    }
  if (read->len == 0)
    return NULL;
  remember_document (self, g_ptr_array_index (read, 0));
  return g_ptr_array_index (read, 0);
}

ScholiaDocument *
scholia_store_lookup_document_or_first (ScholiaStore *self,
                                        const char   *uuid)
{
  g_autoptr(GError) error = NULL;
  ScholiaDbStatement *stmt;
  gint64 id = 0;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT coalesce((SELECT id FROM documents WHERE uuid = ?),"
                                   " (SELECT min(id) FROM documents))", &error);
  if (stmt != NULL)
    {
      scholia_db_statement_bind_text (stmt, 1, uuid);
      rc = scholia_db_statement_step (stmt, &error);
      if (rc == SCHOLIA_DB_STEP_ROW)
        id = scholia_db_statement_column_int64 (stmt, 0);
      scholia_db_statement_reset (stmt);
    }
  if (error != NULL)
    {
      g_warning ("The library's essays could not be read: %s", error->message);
      return NULL;
    }
  return id != 0 ? scholia_store_lookup_document (self, id) : NULL;
}

/* The author named @name (created with @sort_key, or the guess for NULL, if new), its id, 0
 * for no author, and in @stored_sort_key (may be NULL) the key it files under. */
gboolean
_scholia_store_ensure_author (ScholiaStore  *self,
                              const char    *name,
                              const char    *sort_key,
                              gint64        *author_id,
                              char         **stored_sort_key,
                              GError       **error)
{
  g_autofree char *guess = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  *author_id = 0;
  if (stored_sort_key != NULL)
    *stored_sort_key = g_strdup ("");
  if (name == NULL || *name == '\0')
    return TRUE;

  if (sort_key == NULL || *sort_key == '\0')
    sort_key = guess = scholia_names_guess_sort_key (name);
  stmt = scholia_db_get_statement (self->db, "INSERT OR IGNORE INTO authors (name, sort_key) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, name);
  scholia_db_statement_bind_text (stmt, 2, sort_key);
  if (!scholia_db_statement_execute (stmt, error))
    return FALSE;

  stmt = scholia_db_get_statement (self->db, "SELECT id, sort_key FROM authors WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, name);
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    {
      *author_id = scholia_db_statement_column_int64 (stmt, 0);
      if (stored_sort_key != NULL)
        {
          g_free (*stored_sort_key);
          *stored_sort_key = g_strdup (scholia_db_statement_column_text (stmt, 1));
        }
    }
  scholia_db_statement_reset (stmt);
  return rc == SCHOLIA_DB_STEP_ROW;
}

gboolean
_scholia_store_delete_unused_authors (ScholiaStore  *self,
                                      GError       **error)
{
  ScholiaDbStatement *stmt;

  stmt = scholia_db_get_statement (self->db,
                                   "DELETE FROM authors WHERE id NOT IN"
                                   " (SELECT author_id FROM documents WHERE author_id IS NOT NULL)",
                                   error);
  return stmt != NULL && scholia_db_statement_execute (stmt, error);
}

/* Counts code points in valid UTF-8 by skipping continuation bytes: a plain loop the compiler
 * vectorises, several times faster than g_utf8_strlen() on megabyte texts. */
gint64
_scholia_store_count_characters (const char *text)
{
  gint64 count = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    count += (*p & 0xc0) != 0x80;
  return count;
}

/* A title, author, date or source as the store keeps it: trimmed, "" for blank, NULL for NULL
 * (keep); FALSE when it is not text at all, and then the caller writes nothing. */
static gboolean
tidy_field (const char  *value,
            char       **tidied,
            GError     **error)
{
  *tidied = NULL;
  return value == NULL || (*tidied = scholia_text_check_field (value, error)) != NULL;
}

gboolean
_scholia_store_insert_pages (ScholiaStore  *self,
              gint64         document_id,
              GArray        *pages,
              GError       **error)
{
  ScholiaDbStatement *stmt;

  if (pages == NULL)
    return TRUE;

  for (guint i = 0; i < pages->len; i++)
    {
      const ScholiaPageRange *range = &g_array_index (pages, ScholiaPageRange, i);

      stmt = scholia_db_get_statement (self->db,
                                       "INSERT INTO document_pages (document_id, start_offset, end_offset, label)"
                                       " VALUES (?, ?, ?, ?)",
                                       error);
      if (stmt == NULL)
        return FALSE;
      scholia_db_statement_bind_int64 (stmt, 1, document_id);
      scholia_db_statement_bind_int64 (stmt, 2, range->start);
      scholia_db_statement_bind_int64 (stmt, 3, range->end);
      scholia_db_statement_bind_text (stmt, 4, range->label);
      if (!scholia_db_statement_execute (stmt, error))
        return FALSE;
    }

  return TRUE;
}

ScholiaDocument *
scholia_store_add_document (ScholiaStore  *self,
                            const char    *title,
                            const char    *author,
                            const char    *date,
                            const char    *source,
                            const char    *text,
                            GArray        *pages,
                            GError       **error)
{
  return scholia_store_add_document_with_uuid (self, NULL, title, author, date, source, text, pages, error);
}

void
scholia_text_facts_init (ScholiaTextFacts *self,
                         const char       *text)
{
  self->valid = g_utf8_validate (text, -1, NULL);
  self->language = scholia_language_guess (text);
  self->characters = self->valid ? _scholia_store_count_characters (text) : 0;
  self->checksum = self->valid ? g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1) : NULL;
  self->packed = self->valid ? scholia_text_pack (text, strlen (text)) : NULL;
}

void
scholia_text_facts_clear (ScholiaTextFacts *self)
{
  g_clear_pointer (&self->checksum, g_free);
  g_clear_pointer (&self->packed, g_bytes_unref);
}

static ScholiaDocument *
add_document (ScholiaStore            *self,
              const char              *given_uuid,
              const char              *title,
              const char              *author,
              const char              *date,
              const char              *source,
              const char              *text,
              GArray                  *pages,
              const ScholiaTextFacts  *facts,
              GError                 **error)
{
  g_autofree char *clean_title = NULL;
  g_autofree char *clean_author = NULL;
  g_autofree char *clean_date = NULL;
  g_autofree char *clean_source = NULL;
  g_autofree char *uuid = given_uuid != NULL ? g_strdup (given_uuid) : g_uuid_string_random ();
  g_autofree char *author_sort_key = NULL;
  g_autoptr(ScholiaDocument) document = NULL;
  const char *language = facts->language;
  const char *checksum = facts->checksum;
  gint64 characters = facts->characters;
  ScholiaDbStatement *stmt;
  gint64 author_id;
  gint64 now = _scholia_store_now ();
  gint64 id;

  if (!tidy_field (title, &clean_title, error) || !tidy_field (author, &clean_author, error) ||
      !tidy_field (date, &clean_date, error) || !tidy_field (source, &clean_source, error))
    return NULL;

  if (!facts->valid)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("The text of “%s” is not valid UTF-8"), clean_title != NULL ? clean_title : "");
      return NULL;
    }

  if (*text == '\0')
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” has no text to add"), title != NULL ? title : "");
      return NULL;
    }

  if (clean_title == NULL || *clean_title == '\0')
    {
      g_free (clean_title);
      clean_title = g_strdup (_("Untitled Essay"));
    }

  if (!scholia_db_begin (self->db, error))
    return NULL;

  if (!_scholia_store_ensure_author (self, clean_author, NULL, &author_id, &author_sort_key, error))
    goto failed;

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO documents (uuid, title, author_id, date, source, text,"
                                   " characters, checksum, created, modified, language)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_text (stmt, 1, uuid);
  scholia_db_statement_bind_text (stmt, 2, clean_title);
  if (author_id > 0)
    scholia_db_statement_bind_int64 (stmt, 3, author_id);
  scholia_db_statement_bind_text (stmt, 4, clean_date);
  scholia_db_statement_bind_text (stmt, 5, clean_source);
  if (facts->packed != NULL && self->schema_version >= SCHOLIA_SCHEMA_PACKED_TEXT)
    scholia_db_statement_bind_blob (stmt, 6, g_bytes_get_data (facts->packed, NULL),
                                    g_bytes_get_size (facts->packed));
  else
    scholia_db_statement_bind_static_text (stmt, 6, text);
  scholia_db_statement_bind_int64 (stmt, 7, characters);
  scholia_db_statement_bind_text (stmt, 8, checksum);
  scholia_db_statement_bind_int64 (stmt, 9, now);
  scholia_db_statement_bind_int64 (stmt, 10, now);
  scholia_db_statement_bind_static_text (stmt, 11, language);
  if (!scholia_db_statement_execute (stmt, error))
    goto failed;
  id = scholia_db_last_insert_id (self->db);

  if (!_scholia_store_insert_pages (self, id, pages, error) || !scholia_db_commit (self->db, error))
    goto failed;

  document = scholia_document_new (id, uuid);
  g_object_freeze_notify (G_OBJECT (document));
  scholia_document_set_title (document, clean_title);
  scholia_document_set_author (document, clean_author);
  scholia_document_set_author_sort_key (document, author_sort_key);
  scholia_document_set_date (document, clean_date);
  scholia_document_set_source (document, clean_source);
  scholia_document_set_language (document, language);
  scholia_document_set_checksum (document, checksum);
  scholia_document_set_characters (document, characters);
  scholia_document_set_created (document, now);
  scholia_document_set_modified (document, now);
  g_object_thaw_notify (G_OBJECT (document));

  remember_document (self, document);
  {
    g_autoptr(GError) list_error = NULL;

    /* The essay is in the file: a view missing it is told so, the essay is not undone. */
    if (!_scholia_document_list_insert (self->documents, document, &list_error))
      g_warning ("The library's list of essays could not be read: %s", list_error->message);
  }
  return document;

failed:
  scholia_db_rollback (self->db);
  return NULL;
}

ScholiaDocument *
scholia_store_add_document_with_uuid (ScholiaStore  *self,
                                      const char    *given_uuid,
                                      const char    *title,
                                      const char    *author,
                                      const char    *date,
                                      const char    *source,
                                      const char    *text,
                                      GArray        *pages,
                                      GError       **error)
{
  ScholiaTextFacts facts;
  ScholiaDocument *document;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  scholia_text_facts_init (&facts, text);
  document = add_document (self, given_uuid, title, author, date, source, text, pages, &facts, error);
  scholia_text_facts_clear (&facts);
  return document;
}

ScholiaDocument *
scholia_store_add_document_with_facts (ScholiaStore            *self,
                                       const char              *title,
                                       const char              *author,
                                       const char              *date,
                                       const char              *source,
                                       const char              *text,
                                       GArray                  *pages,
                                       const ScholiaTextFacts  *facts,
                                       GError                 **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL && facts != NULL, NULL);

  return add_document (self, NULL, title, author, date, source, text, pages, facts, error);
}

static gboolean
is_number (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/* DOC on the command line: an id, a uuid, or an exact title (case-insensitive). */
ScholiaDocument *
scholia_store_find_document (ScholiaStore  *self,
                             const char    *id_or_title,
                             GError       **error)
{
  GListModel *documents = G_LIST_MODEL (self->documents);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autofree char *folded = NULL;
  g_autofree char *shown = NULL;
  guint n;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_title != NULL, NULL);

  if (is_number (id_or_title))
    {
      ScholiaDocument *document = scholia_store_lookup_document (self, g_ascii_strtoll (id_or_title, NULL, 10));

      if (document != NULL)
        return document;
    }

  folded = scholia_text_fold (id_or_title);
  n = folded != NULL ? g_list_model_get_n_items (documents) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *title = scholia_text_fold (scholia_document_get_title (document));

      if (g_strcmp0 (scholia_document_get_uuid (document), id_or_title) == 0)
        return document;
      if (g_strcmp0 (title, folded) == 0)
        g_ptr_array_add (matches, document);
    }

  if (matches->len == 1)
    return g_ptr_array_index (matches, 0);

  if (matches->len > 1)
    {
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < matches->len; i++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                                scholia_document_get_id (g_ptr_array_index (matches, i)));
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_AMBIGUOUS,
                   /* Translators: a count (two or more), the title the user gave and the ids of the
                    * essays, separated by commas. */
                   g_dngettext (GETTEXT_PACKAGE, "%u document is titled “%s” (ids %s): use an id",
                                "%u documents are titled “%s” (ids %s): use an id", matches->len),
                   matches->len, id_or_title, ids->str);
      return NULL;
    }

  shown = scholia_text_printable (id_or_title);
  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
               _("No document has the id or title “%s”"), shown);
  return NULL;
}

char *
scholia_store_load_text (ScholiaStore     *self,
                         ScholiaDocument  *document,
                         GError          **error)
{
  ScholiaDbStatement *stmt;
  char *text = NULL;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  stmt = scholia_db_get_statement (self->db, "SELECT scholia_text(text) FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, scholia_document_get_id (document));
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    text = g_strdup (scholia_db_statement_column_text (stmt, 0));
  else if (rc == SCHOLIA_DB_STEP_DONE)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                 _("“%s” is no longer in the library"), scholia_document_get_title (document));
  scholia_db_statement_reset (stmt);
  return text;
}

/* Code points between two entries of the cached text's index: finding a code point's byte costs
 * at most this many steps instead of a walk from the start of a megabyte. */
#define STORE_TEXT_STRIDE 256

const char *
_scholia_store_get_cached_text (ScholiaStore     *self,
                                ScholiaDocument  *document,
                                GError          **error)
{
  gint64 id = scholia_document_get_id (document);

  if (self->cached_text == NULL || self->cached_text_id != id)
    {
      char *text = scholia_store_load_text (self, document, error);
      gsize count = 0;

      if (text == NULL)
        return NULL;
      g_free (self->cached_text);
      self->cached_text = text;
      self->cached_text_id = id;

      g_clear_pointer (&self->cached_text_index, g_array_unref);
      self->cached_text_index = g_array_new (FALSE, FALSE, sizeof (gsize));
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), count++)
        if (count % STORE_TEXT_STRIDE == 0)
          {
            gsize byte = p - text;

            g_array_append_val (self->cached_text_index, byte);
          }
    }

  return self->cached_text;
}

/* A pointer into the cached text at code point @offset (clamped to its end). */
const char *
_scholia_store_text_pointer (ScholiaStore *self,
                             int           offset)
{
  guint entry = offset / STORE_TEXT_STRIDE;
  const char *p;
  int steps;

  g_assert (self->cached_text != NULL);

  if (self->cached_text_index->len == 0)
    return self->cached_text;
  if (entry >= self->cached_text_index->len)
    entry = self->cached_text_index->len - 1;

  p = self->cached_text + g_array_index (self->cached_text_index, gsize, entry);
  for (steps = offset - (int) entry * STORE_TEXT_STRIDE; steps > 0 && *p != '\0'; steps--)
    p = g_utf8_next_char (p);
  return p;
}

GArray *
scholia_store_load_pages (ScholiaStore     *self,
                          ScholiaDocument  *document,
                          GError          **error)
{
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT start_offset, end_offset, label FROM document_pages"
                                   " WHERE document_id = ? ORDER BY start_offset",
                                   error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, scholia_document_get_id (document));
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      ScholiaPageRange range = {
        .start = scholia_db_statement_column_int (stmt, 0),
        .end = scholia_db_statement_column_int (stmt, 1),
        .label = g_strdup (scholia_db_statement_column_text (stmt, 2)),
      };

      g_array_append_val (pages, range);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&pages);
}

gboolean
scholia_store_update_document (ScholiaStore     *self,
                               ScholiaDocument  *document,
                               const char       *title,
                               const char       *author,
                               const char       *date,
                               const char       *source,
                               GError          **error)
{
  g_autofree char *new_title = NULL;
  g_autofree char *new_author = NULL;
  g_autofree char *new_date = NULL;
  g_autofree char *new_source = NULL;
  g_autofree char *author_sort_key = NULL;
  ScholiaDbStatement *stmt;
  gint64 author_id = 0;
  gint64 now = _scholia_store_now ();

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);

  if (!tidy_field (title, &new_title, error) || !tidy_field (author, &new_author, error) ||
      !tidy_field (date, &new_date, error) || !tidy_field (source, &new_source, error))
    return FALSE;

  if (new_title != NULL && *new_title == '\0')
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("A document needs a title: “%s” was left unchanged"),
                   scholia_document_get_title (document));
      return FALSE;
    }

  if (new_title == NULL)
    new_title = g_strdup (scholia_document_get_title (document));
  if (new_author == NULL)
    new_author = g_strdup (scholia_document_get_author (document));
  if (new_date == NULL)
    new_date = g_strdup (scholia_document_get_date (document));
  if (new_source == NULL)
    new_source = g_strdup (scholia_document_get_source (document));

  if (!scholia_db_begin (self->db, error))
    return FALSE;

  if (!_scholia_store_ensure_author (self, new_author, NULL, &author_id, &author_sort_key, error))
    goto failed;

  stmt = scholia_db_get_statement (self->db,
                                   "UPDATE documents SET title = ?, author_id = ?, date = ?, source = ?,"
                                   " modified = ? WHERE id = ?",
                                   error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_text (stmt, 1, new_title);
  if (author_id > 0)
    scholia_db_statement_bind_int64 (stmt, 2, author_id);
  scholia_db_statement_bind_text (stmt, 3, new_date);
  scholia_db_statement_bind_text (stmt, 4, new_source);
  scholia_db_statement_bind_int64 (stmt, 5, now);
  scholia_db_statement_bind_int64 (stmt, 6, scholia_document_get_id (document));
  if (!scholia_db_statement_execute (stmt, error))
    goto failed;

  if (!_scholia_store_delete_unused_authors (self, error) || !scholia_db_commit (self->db, error))
    goto failed;

  g_object_freeze_notify (G_OBJECT (document));
  scholia_document_set_title (document, new_title);
  scholia_document_set_author (document, new_author);
  scholia_document_set_author_sort_key (document, author_sort_key);
  scholia_document_set_date (document, new_date);
  scholia_document_set_source (document, new_source);
  scholia_document_set_modified (document, now);
  g_object_thaw_notify (G_OBJECT (document));
  g_signal_emit_by_name (self, "document-changed", document);
  _scholia_store_emit_annotations_changed (self, scholia_document_get_id (document));
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

gboolean
scholia_store_set_document_language (ScholiaStore     *self,
                                     ScholiaDocument  *document,
                                     const char       *language,
                                     GError          **error)
{
  ScholiaDbStatement *stmt;
  gint64 now = _scholia_store_now ();

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);

  if (!scholia_language_is_known (language))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” is not a language Scholia can search in: “%s” was left unchanged"),
                   language != NULL ? language : "", scholia_document_get_title (document));
      return FALSE;
    }

  /* The index's update trigger takes the essay's words out under the old stems and puts them
   * back under the new language's. */
  stmt = scholia_db_get_statement (self->db, "UPDATE documents SET language = ?, modified = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, language);
  scholia_db_statement_bind_int64 (stmt, 2, now);
  scholia_db_statement_bind_int64 (stmt, 3, scholia_document_get_id (document));
  if (!scholia_db_statement_execute (stmt, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (document));
  scholia_document_set_language (document, language);
  scholia_document_set_modified (document, now);
  g_object_thaw_notify (G_OBJECT (document));
  return TRUE;
}

void
_scholia_store_forget_document (ScholiaStore *self,
                                gint64        document_id)
{
  g_autoptr(ScholiaDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gpointer key;

  if (self->cached_text_id == document_id)
    {
      g_clear_pointer (&self->cached_text, g_free);
      g_clear_pointer (&self->cached_text_index, g_array_unref);
    }

  /* Every essay a view was given is remembered (the list's, or one read alone before it); it
   * is forgotten before the list tells views, which may look it up. */
  if (!g_hash_table_steal_extended (self->documents_by_id, &document_id, &key, (gpointer *) &document))
    return;
  g_free (key);

  if (!_scholia_document_list_remove (self->documents, document_id, &error))
    g_warning ("The library's list of essays could not be read: %s", error->message);
}

gboolean
scholia_store_delete_document (ScholiaStore     *self,
                               ScholiaDocument  *document,
                               GError          **error)
{
  ScholiaDbStatement *stmt;
  gint64 id;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);

  id = scholia_document_get_id (document);

  if (!scholia_db_begin (self->db, error))
    return FALSE;

  stmt = scholia_db_get_statement (self->db, "DELETE FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_int64 (stmt, 1, id);
  if (!scholia_db_statement_execute (stmt, error) ||
      !_scholia_store_delete_unused_authors (self, error) ||
      !scholia_db_commit (self->db, error))
    goto failed;

  _scholia_store_forget_document (self, id);
  _scholia_store_emit_annotations_changed (self, id);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

char **
scholia_store_list_authors (ScholiaStore  *self,
                            GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  stmt = scholia_db_get_statement (self->db, "SELECT name FROM authors ORDER BY name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    g_strv_builder_add (builder, scholia_db_statement_column_text (stmt, 0));
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;

  return g_strv_builder_end (builder);
}


/* After a commit that renamed an author or changed how it sorts: its essays in memory follow. */
static void
refile_author (ScholiaStore *self,
               const char   *old_name,
               const char   *name,
               const char   *sort_key)
{
  GListModel *documents = G_LIST_MODEL (self->documents);
  guint n = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

      if (g_ascii_strcasecmp (scholia_document_get_author (document), old_name) == 0)
        {
          scholia_document_set_author (document, name);
          scholia_document_set_author_sort_key (document, sort_key);
          g_signal_emit_by_name (self, "document-changed", document);
        }
    }
  _scholia_store_emit_annotations_changed (self, 0);
}

gboolean
scholia_store_rename_author (ScholiaStore  *self,
                             const char    *old_name,
                             const char    *new_name,
                             GError       **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *old_sort_key = NULL;
  g_autofree char *sort_key = NULL;
  ScholiaDbStatement *stmt;
  gint64 old_id = 0;
  gint64 new_id = 0;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (old_name != NULL && new_name != NULL, FALSE);

  if (!tidy_field (new_name, &clean_name, error))
    return FALSE;
  if (*clean_name == '\0')
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("An author needs a name: “%s” was left unchanged"), old_name);
      return FALSE;
    }

  if (!scholia_db_begin (self->db, error))
    return FALSE;

  stmt = scholia_db_get_statement (self->db, "SELECT id, name, sort_key FROM authors WHERE name = ?", error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_text (stmt, 1, old_name);
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    {
      g_autofree char *old_guess = scholia_names_guess_sort_key (scholia_db_statement_column_text (stmt, 1));

      old_id = scholia_db_statement_column_int64 (stmt, 0);
      old_sort_key = g_strdup (scholia_db_statement_column_text (stmt, 2));
      /* A key the user chose stays; a guessed one follows the new name. */
      sort_key = g_str_equal (old_sort_key, old_guess) ? scholia_names_guess_sort_key (clean_name)
                                                       : g_strdup (old_sort_key);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    goto failed;
  if (old_id == 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   _("No author is named “%s”"), old_name);
      goto failed;
    }

  /* Renaming onto an existing author merges the two (case-only changes rename in place). */
  stmt = scholia_db_get_statement (self->db, "SELECT id, name, sort_key FROM authors WHERE name = ? AND id != ?",
                                   error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_text (stmt, 1, clean_name);
  scholia_db_statement_bind_int64 (stmt, 2, old_id);
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    {
      /* The existing author's spelling wins. */
      new_id = scholia_db_statement_column_int64 (stmt, 0);
      g_free (clean_name);
      clean_name = g_strdup (scholia_db_statement_column_text (stmt, 1));
      g_free (sort_key);
      sort_key = g_strdup (scholia_db_statement_column_text (stmt, 2));
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    goto failed;

  if (new_id != 0)
    {
      stmt = scholia_db_get_statement (self->db, "UPDATE documents SET author_id = ? WHERE author_id = ?",
                                       error);
      if (stmt == NULL)
        goto failed;
      scholia_db_statement_bind_int64 (stmt, 1, new_id);
      scholia_db_statement_bind_int64 (stmt, 2, old_id);
      if (!scholia_db_statement_execute (stmt, error) ||
          !_scholia_store_delete_unused_authors (self, error))
        goto failed;
    }
  else
    {
      stmt = scholia_db_get_statement (self->db, "UPDATE authors SET name = ?, sort_key = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto failed;
      scholia_db_statement_bind_text (stmt, 1, clean_name);
      scholia_db_statement_bind_text (stmt, 2, sort_key);
      scholia_db_statement_bind_int64 (stmt, 3, old_id);
      if (!scholia_db_statement_execute (stmt, error))
        goto failed;
    }

  if (!scholia_db_commit (self->db, error))
    goto failed;

  refile_author (self, old_name, clean_name, sort_key);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

gboolean
scholia_store_set_author_sort_key (ScholiaStore  *self,
                                   const char    *author,
                                   const char    *sort_key,
                                   GError       **error)
{
  g_autofree char *clean_key = NULL;
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (author != NULL, FALSE);

  if (!tidy_field (sort_key, &clean_key, error))
    return FALSE;
  /* A blank key files the author under the guess again. */
  if (clean_key == NULL || *clean_key == '\0')
    {
      g_free (clean_key);
      clean_key = scholia_names_guess_sort_key (author);
    }

  if (!scholia_db_begin (self->db, error))
    return FALSE;

  stmt = scholia_db_get_statement (self->db, "UPDATE authors SET sort_key = ? WHERE name = ?", error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_text (stmt, 1, clean_key);
  scholia_db_statement_bind_text (stmt, 2, author);
  if (!scholia_db_statement_execute (stmt, error))
    goto failed;
  if (scholia_db_changes (self->db) == 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   _("No author is named “%s”"), author);
      goto failed;
    }
  if (!scholia_db_commit (self->db, error))
    goto failed;

  refile_author (self, author, author, clean_key);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

char *
scholia_store_dup_author_sort_key (ScholiaStore *self,
                                   const char   *author)
{
  GListModel *documents;
  guint n;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (author != NULL, NULL);

  /* Every author of the library has a document, which holds the author's key. */
  documents = G_LIST_MODEL (self->documents);
  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

      if (g_ascii_strcasecmp (scholia_document_get_author (document), author) == 0)
        return g_strdup (scholia_document_get_author_sort_key (document));
    }
  return NULL;
}
