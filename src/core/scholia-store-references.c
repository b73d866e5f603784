/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-store-private.h"
#include "scholia-store-references.h"
#include "scholia-text-check.h"

/* Bibliographic references and essays' citation keys (schema version 8: tables bib_references
 * and document_citations). Calls only scholia-store.c, so that loading the documents may read
 * their keys from here. */

/* The key, then the columns in ScholiaReferenceField's order, then the rest. */
#define REFERENCE_COLUMNS \
  "citation_key, csl_type, title, container_title, collection_title, volume, issue, page," \
  " publisher, publisher_place, issued, doi, url, accessed, file, authors, editors, source, csl_json"
#define COLUMN_AUTHORS  (1 + SCHOLIA_REFERENCE_N_FIELDS)
#define COLUMN_EDITORS  (2 + SCHOLIA_REFERENCE_N_FIELDS)
#define COLUMN_SOURCE   (3 + SCHOLIA_REFERENCE_N_FIELDS)
#define COLUMN_CSL_JSON (4 + SCHOLIA_REFERENCE_N_FIELDS)

/* Searches read at most this many words of a query. */
#define MAX_QUERY_WORDS 8

ScholiaReferenceChanges *
scholia_reference_changes_new (void)
{
  ScholiaReferenceChanges *changes = g_new0 (ScholiaReferenceChanges, 1);

  changes->added = g_ptr_array_new_with_free_func (g_free);
  changes->updated = g_ptr_array_new_with_free_func (g_free);
  changes->unchanged = g_ptr_array_new_with_free_func (g_free);
  return changes;
}

void
scholia_reference_changes_free (ScholiaReferenceChanges *changes)
{
  if (changes == NULL)
    return;
  g_ptr_array_unref (changes->added);
  g_ptr_array_unref (changes->updated);
  g_ptr_array_unref (changes->unchanged);
  g_free (changes);
}

gboolean
_scholia_store_has_references (ScholiaStore *self)
{
  return self->schema_version >= SCHOLIA_SCHEMA_REFERENCES || scholia_db_is_read_only (self->db);
}

/* ---- names as CSL-JSON arrays ---- */

static char *
names_to_json (GPtrArray *names)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < names->len; i++)
    {
      ScholiaReferenceName *name = g_ptr_array_index (names, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "family");
      json_builder_add_string_value (builder, name->family);
      json_builder_set_member_name (builder, "given");
      json_builder_add_string_value (builder, name->given);
      json_builder_set_member_name (builder, "literal");
      json_builder_add_string_value (builder, name->literal);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

typedef void (*AddName) (ScholiaReference *reference,
                         const char       *family,
                         const char       *given,
                         const char       *literal);

/* The store wrote the text: a damaged one gives no names rather than failing the read. */
static void
names_from_json (ScholiaReference *reference,
                 const char       *text,
                 AddName           add)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (object == NULL)
        continue;
      add (reference,
           json_object_get_string_member_with_default (object, "family", ""),
           json_object_get_string_member_with_default (object, "given", ""),
           json_object_get_string_member_with_default (object, "literal", ""));
    }
}

static ScholiaReference *
reference_from_row (ScholiaDbStatement *stmt)
{
  ScholiaReference *reference = scholia_reference_new (scholia_db_statement_column_text (stmt, 0));

  for (guint i = 0; i < SCHOLIA_REFERENCE_N_FIELDS; i++)
    scholia_reference_set (reference, i, scholia_db_statement_column_text (stmt, 1 + i));
  names_from_json (reference, scholia_db_statement_column_text (stmt, COLUMN_AUTHORS),
                   scholia_reference_add_author);
  names_from_json (reference, scholia_db_statement_column_text (stmt, COLUMN_EDITORS),
                   scholia_reference_add_editor);
  scholia_reference_set_source (reference, scholia_db_statement_column_text (stmt, COLUMN_SOURCE));
  scholia_reference_set_csl_json (reference, scholia_db_statement_column_text (stmt, COLUMN_CSL_JSON));
  return reference;
}

/* ---- searching ---- */

/* @text folded (scholia_text_fold_bare()) with every run of characters that are neither
 * letters nor digits made one space, so that words can be matched by their beginnings. */
static void
append_search_words (GString    *words,
                     const char *text)
{
  g_autofree char *folded = scholia_text_fold_bare (text);
  gboolean space = words->len == 0 || words->str[words->len - 1] == ' ';

  if (folded == NULL)
    return;
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          g_string_append_unichar (words, c);
          space = FALSE;
        }
      else if (!space)
        {
          g_string_append_c (words, ' ');
          space = TRUE;
        }
    }
  if (!space)
    g_string_append_c (words, ' ');
}

static void
append_names (GString   *words,
              GPtrArray *names)
{
  for (guint i = 0; i < names->len; i++)
    {
      ScholiaReferenceName *name = g_ptr_array_index (names, i);

      append_search_words (words, name->given);
      append_search_words (words, name->family);
      append_search_words (words, name->literal);
    }
}

/* The key first: a query whose first word begins the key ranks the reference first. */
static char *
search_text (ScholiaReference *reference)
{
  GString *words = g_string_new (NULL);

  append_search_words (words, scholia_reference_get_key (reference));
  append_names (words, scholia_reference_get_authors (reference));
  append_names (words, scholia_reference_get_editors (reference));
  append_search_words (words, scholia_reference_get (reference, SCHOLIA_REFERENCE_TITLE));
  return g_string_free (words, FALSE);
}

GPtrArray *
scholia_store_search_references (ScholiaStore  *self,
                                 const char    *query,
                                 guint          limit,
                                 GError       **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new ("SELECT " REFERENCE_COLUMNS " FROM bib_references");
  g_auto(GStrv) words = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;
  guint n_words;
  int index = 1;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  if (!_scholia_store_has_references (self))
    return g_steal_pointer (&found);

  append_search_words (folded, query != NULL ? query : "");
  words = g_strsplit (g_strstrip (folded->str), " ", MAX_QUERY_WORDS + 1);
  n_words = MIN (g_strv_length (words), MAX_QUERY_WORDS);
  if (n_words > 0 && *words[0] == '\0')
    n_words = 0;

  for (guint i = 0; i < n_words; i++)
    g_string_append (sql, i == 0 ? " WHERE instr(' ' || search_text, ?) > 0"
                                 : " AND instr(' ' || search_text, ?) > 0");
  g_string_append (sql, n_words > 0 ? " ORDER BY instr(search_text, ?) != 1, citation_key LIMIT ?"
                                    : " ORDER BY citation_key LIMIT ?");

  stmt = scholia_db_get_statement (self->db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_words; i++)
    {
      g_autofree char *word = g_strconcat (" ", words[i], NULL);

      scholia_db_statement_bind_text (stmt, index++, word);
    }
  if (n_words > 0)
    scholia_db_statement_bind_text (stmt, index++, words[0]);
  scholia_db_statement_bind_int64 (stmt, index, limit > 0 ? (gint64) limit : -1);

  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    g_ptr_array_add (found, reference_from_row (stmt));
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&found);
}

gboolean
scholia_store_count_references (ScholiaStore  *self,
                                guint         *count,
                                GError       **error)
{
  gint64 n = 0;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  *count = 0;
  if (!_scholia_store_has_references (self))
    return TRUE;
  if (!scholia_db_query_int (self->db, "SELECT count(*) FROM bib_references", &n, error))
    return FALSE;
  *count = (guint) n;
  return TRUE;
}

ScholiaReference *
scholia_store_lookup_reference (ScholiaStore  *self,
                                const char    *key,
                                GError       **error)
{
  ScholiaReference *reference = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!_scholia_store_has_references (self) || *key == '\0')
    return NULL;
  stmt = scholia_db_get_statement (self->db,
                                   "SELECT " REFERENCE_COLUMNS " FROM bib_references WHERE citation_key = ?",
                                   error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_text (stmt, 1, key);
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    reference = reference_from_row (stmt);
  scholia_db_statement_reset (stmt);
  return reference;
}

/* ---- importing ---- */

/* Whether the library holds @reference just so: same fields, names, source and item text. */
static gboolean
is_unchanged (ScholiaReference *stored,
              ScholiaReference *reference)
{
  g_autofree char *stored_fields = scholia_reference_to_csl_json (stored);
  g_autofree char *new_fields = scholia_reference_to_csl_json (reference);

  const char *item = scholia_reference_get_csl_json (reference);

  /* Without its item's text, a reference is stored with the one its fields give (below). */
  if (*item == '\0')
    item = new_fields;
  return g_str_equal (stored_fields, new_fields) &&
         g_str_equal (scholia_reference_get (stored, SCHOLIA_REFERENCE_FILE),
                      scholia_reference_get (reference, SCHOLIA_REFERENCE_FILE)) &&
         g_str_equal (scholia_reference_get_source (stored), scholia_reference_get_source (reference)) &&
         g_str_equal (scholia_reference_get_csl_json (stored), item);
}

static gboolean
write_reference (ScholiaStore      *self,
                 ScholiaReference  *reference,
                 gint64             now,
                 GError           **error)
{
  g_autofree char *authors = names_to_json (scholia_reference_get_authors (reference));
  g_autofree char *editors = names_to_json (scholia_reference_get_editors (reference));
  g_autofree char *words = search_text (reference);
  g_autofree char *csl_json = NULL;
  ScholiaDbStatement *stmt;
  int index = 1;

  /* A reference without its item's text (BibTeX, made by hand) keeps the one its fields give. */
  if (*scholia_reference_get_csl_json (reference) == '\0')
    csl_json = scholia_reference_to_csl_json (reference);

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO bib_references (" REFERENCE_COLUMNS ", search_text, imported, modified)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                   " ON CONFLICT (citation_key) DO UPDATE SET csl_type = excluded.csl_type,"
                                   " title = excluded.title, container_title = excluded.container_title,"
                                   " collection_title = excluded.collection_title, volume = excluded.volume,"
                                   " issue = excluded.issue, page = excluded.page, publisher = excluded.publisher,"
                                   " publisher_place = excluded.publisher_place, issued = excluded.issued,"
                                   " doi = excluded.doi, url = excluded.url, accessed = excluded.accessed,"
                                   " file = excluded.file, authors = excluded.authors, editors = excluded.editors,"
                                   " source = excluded.source, csl_json = excluded.csl_json,"
                                   " search_text = excluded.search_text, modified = excluded.modified",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, index++, scholia_reference_get_key (reference));
  for (guint i = 0; i < SCHOLIA_REFERENCE_N_FIELDS; i++)
    scholia_db_statement_bind_text (stmt, index++, scholia_reference_get (reference, i));
  scholia_db_statement_bind_text (stmt, index++, authors);
  scholia_db_statement_bind_text (stmt, index++, editors);
  scholia_db_statement_bind_text (stmt, index++, scholia_reference_get_source (reference));
  scholia_db_statement_bind_text (stmt, index++, csl_json != NULL ? csl_json : scholia_reference_get_csl_json (reference));
  scholia_db_statement_bind_text (stmt, index++, words);
  scholia_db_statement_bind_int64 (stmt, index++, now);
  scholia_db_statement_bind_int64 (stmt, index, now);
  return scholia_db_statement_execute (stmt, error);
}

/* Refuses the batch before anything is written: an invalid or repeated key is the parser's to
 * report, and reaching here is a mistake of the caller's. */
static gboolean
check_keys (GPtrArray  *references,
            GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < references->len; i++)
    {
      const char *key = scholia_reference_get_key (g_ptr_array_index (references, i));

      if (!scholia_reference_key_is_valid (key))
        {
          g_autofree char *shown = scholia_text_printable (key);

          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                       _("“%s” cannot be a citation key: it must not be empty or hold spaces or any of , ; @ { } [ ] \" \\"),
                       shown);
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer) key))
        {
          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS,
                       _("The citation key “%s” names two references"), key);
          return FALSE;
        }
    }
  return TRUE;
}

static void
append_keys (GPtrArray *into,
             GPtrArray *keys)
{
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (into, g_strdup (g_ptr_array_index (keys, i)));
}

gboolean
scholia_store_import_references (ScholiaStore             *self,
                                 GPtrArray                *references,
                                 ScholiaReferenceChanges  *changes,
                                 GError                  **error)
{
  g_autoptr(ScholiaReferenceChanges) found = scholia_reference_changes_new ();
  gint64 now = _scholia_store_now ();

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (references != NULL, FALSE);

  if (!check_keys (references, error) || !scholia_db_begin (self->db, error))
    return FALSE;

  for (guint i = 0; i < references->len; i++)
    {
      ScholiaReference *reference = g_ptr_array_index (references, i);
      const char *key = scholia_reference_get_key (reference);
      g_autoptr(ScholiaReference) stored = NULL;
      g_autoptr(GError) local_error = NULL;

      stored = scholia_store_lookup_reference (self, key, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
      if (stored != NULL && is_unchanged (stored, reference))
        {
          g_ptr_array_add (found->unchanged, g_strdup (key));
          continue;
        }
      if (!write_reference (self, reference, now, error))
        goto failed;
      g_ptr_array_add (stored != NULL ? found->updated : found->added, g_strdup (key));
    }

  if (!scholia_db_commit (self->db, error))
    goto failed;

  if (changes != NULL)
    {
      append_keys (changes->added, found->added);
      append_keys (changes->updated, found->updated);
      append_keys (changes->unchanged, found->unchanged);
    }
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

/* ---- essays' keys ---- */

ScholiaReference *
scholia_store_get_document_reference (ScholiaStore     *self,
                                      ScholiaDocument  *document,
                                      GError          **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  return scholia_store_lookup_reference (self, scholia_document_get_citation_key (document), error);
}

gboolean
scholia_store_set_document_citation_key (ScholiaStore     *self,
                                         ScholiaDocument  *document,
                                         const char       *key,
                                         GError          **error)
{
  g_autofree char *clean = NULL;
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);

  clean = g_strstrip (g_strdup (key != NULL ? key : ""));
  if (*clean != '\0' && !scholia_reference_key_is_valid (clean))
    {
      g_autofree char *shown = scholia_text_printable (clean);

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” cannot be a citation key: it must not hold spaces or any of , ; @ { } [ ] \" \\"),
                   shown);
      return FALSE;
    }
  if (scholia_db_is_read_only (self->db))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY,
                   _("The library can only be read: the citation key of “%s” was left unchanged"),
                   scholia_document_get_title (document));
      return FALSE;
    }
  if (!_scholia_store_has_references (self))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED,
                   _("This library is too old to hold citation keys"));
      return FALSE;
    }
  if (g_str_equal (clean, scholia_document_get_citation_key (document)))
    return TRUE;

  if (*clean == '\0')
    stmt = scholia_db_get_statement (self->db, "DELETE FROM document_citations WHERE document_uuid = ?", error);
  else
    stmt = scholia_db_get_statement (self->db,
                                     "INSERT INTO document_citations (document_uuid, citation_key) VALUES (?, ?)"
                                     " ON CONFLICT (document_uuid) DO UPDATE SET citation_key = excluded.citation_key",
                                     error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, scholia_document_get_uuid (document));
  if (*clean != '\0')
    scholia_db_statement_bind_text (stmt, 2, clean);
  if (!scholia_db_statement_execute (stmt, error))
    return FALSE;

  scholia_document_set_citation_key (document, clean);
  return TRUE;
}

GPtrArray *
scholia_store_find_documents_by_citation_key (ScholiaStore *self,
                                              const char   *key)
{
  GPtrArray *found = g_ptr_array_new ();
  GListModel *documents;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  documents = G_LIST_MODEL (self->documents);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

      if (*key != '\0' && g_str_equal (scholia_document_get_citation_key (document), key))
        g_ptr_array_add (found, document);
    }
  return found;
}
