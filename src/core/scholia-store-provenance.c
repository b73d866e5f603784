/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-store-private.h"

/* What a W3C Web Annotation brought with it (schema version 7, table annotation_provenance):
 * written once, when the annotation is imported, and read by the W3C export. */

void
scholia_annotation_provenance_free (ScholiaAnnotationProvenance *provenance)
{
  if (provenance == NULL)
    return;
  g_free (provenance->canonical);
  g_free (provenance->via);
  g_free (provenance->motivation);
  g_free (provenance->creator);
  g_free (provenance->note_purpose);
  g_free (provenance->note_language);
  g_free (provenance->note_format);
  g_free (provenance->note_html);
  g_free (provenance);
}

/* NULL is "not given", apart from "" (a note body that gave no purpose). */
static void
bind_text_or_null (ScholiaDbStatement *stmt,
                   int                 index,
                   const char         *text)
{
  if (text == NULL)
    scholia_db_statement_bind_null (stmt, index);
  else
    scholia_db_statement_bind_text (stmt, index, text);
}

gboolean
_scholia_store_add_provenance (ScholiaStore                       *self,
                               const char                         *uuid,
                               const ScholiaAnnotationProvenance  *provenance,
                               GError                            **error)
{
  /* OR IGNORE: an annotation imported before keeps what it was first given, canonical above all. */
  ScholiaDbStatement *stmt = scholia_db_get_statement (self->db,
                                                       "INSERT OR IGNORE INTO annotation_provenance (uuid, canonical,"
                                                       " via, motivation, creator, note_purpose, note_language,"
                                                       " note_format, note_html) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                                       error);

  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, uuid);
  bind_text_or_null (stmt, 2, provenance->canonical);
  bind_text_or_null (stmt, 3, provenance->via);
  bind_text_or_null (stmt, 4, provenance->motivation);
  bind_text_or_null (stmt, 5, provenance->creator);
  bind_text_or_null (stmt, 6, provenance->note_purpose);
  bind_text_or_null (stmt, 7, provenance->note_language);
  bind_text_or_null (stmt, 8, provenance->note_format);
  bind_text_or_null (stmt, 9, provenance->note_html);
  return scholia_db_statement_execute (stmt, error);
}

static char *
column_or_null (ScholiaDbStatement *stmt,
                int                 column)
{
  if (scholia_db_statement_column_is_null (stmt, column))
    return NULL;
  return g_strdup (scholia_db_statement_column_text (stmt, column));
}

GHashTable *
scholia_store_load_provenance (ScholiaStore     *self,
                               ScholiaDocument  *document,
                               GError          **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) scholia_annotation_provenance_free);
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT p.uuid, p.canonical, p.via, p.motivation, p.creator, p.note_purpose,"
                                   " p.note_language, p.note_format, p.note_html"
                                   /* The essay's annotations, each one's provenance by its uuid. */
                                   " FROM annotation_provenance p JOIN annotations a ON p.uuid = a.uuid"
                                   " WHERE a.document_id = ?",
                                   error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, scholia_document_get_id (document));
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      ScholiaAnnotationProvenance *provenance = g_new0 (ScholiaAnnotationProvenance, 1);

      provenance->canonical = column_or_null (stmt, 1);
      provenance->via = column_or_null (stmt, 2);
      provenance->motivation = column_or_null (stmt, 3);
      provenance->creator = column_or_null (stmt, 4);
      provenance->note_purpose = column_or_null (stmt, 5);
      provenance->note_language = column_or_null (stmt, 6);
      provenance->note_format = column_or_null (stmt, 7);
      provenance->note_html = column_or_null (stmt, 8);
      g_hash_table_insert (found, g_strdup (scholia_db_statement_column_text (stmt, 0)), provenance);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&found);
}

GHashTable *
scholia_store_find_canonicals (ScholiaStore  *self,
                               GPtrArray     *canonicals,
                               GError       **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (canonicals != NULL, NULL);

  for (guint i = 0; i < canonicals->len; i++)
    {
      const char *canonical = g_ptr_array_index (canonicals, i);
      ScholiaDbStatement *stmt = scholia_db_get_statement (self->db,
                                                           "SELECT p.uuid FROM annotation_provenance p"
                                                           /* Its annotation by the key's index. */
                                                           " JOIN annotations a ON a.uuid_key = scholia_uuid_key(p.uuid)"
                                                           " WHERE p.canonical = ? LIMIT 1",
                                                           error);
      ScholiaDbStep rc;

      if (stmt == NULL)
        return NULL;
      scholia_db_statement_bind_text (stmt, 1, canonical);
      rc = scholia_db_statement_step (stmt, error);
      if (rc == SCHOLIA_DB_STEP_ROW)
        g_hash_table_insert (found, (gpointer) canonical, g_strdup (scholia_db_statement_column_text (stmt, 0)));
      scholia_db_statement_reset (stmt);
      if (rc == SCHOLIA_DB_STEP_ERROR)
        return NULL;
    }
  return g_steal_pointer (&found);
}
