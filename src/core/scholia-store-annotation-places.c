/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Which annotations of the whole library a filter lets through, as ids in the list's order,
 * without building an object per annotation (issue 17: a million annotations). */

#include "config.h"

#include "scholia-store-private.h"

/* The ids as a JSON array, bound to one parameter so that the statement does not depend on
 * how many are chosen and stays cached. */
static char *
ids_to_json (const gint64 *ids,
             guint         n_ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

GArray *
scholia_store_list_annotation_places (ScholiaStore  *self,
                                      const gint64  *tag_ids,
                                      guint          n_tag_ids,
                                      const gint64  *theme_ids,
                                      guint          n_theme_ids,
                                      const gint64  *participant_ids,
                                      guint          n_participant_ids,
                                      GError       **error)
{
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (ScholiaAnnotationPlace));
  g_autoptr(GHashTable) hidden = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *tags_json = ids_to_json (tag_ids, n_tag_ids);
  g_autofree char *themes_json = ids_to_json (theme_ids, n_theme_ids);
  g_autofree char *participants_json = ids_to_json (participant_ids, n_participant_ids);
  gboolean need_participant;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  hidden = _scholia_store_load_hidden_essays (self, 0, error);
  if (hidden == NULL)
    return NULL;

  /* The participant is read from the annotation's row; without a hidden essay or a chosen
   * participant, the unfiltered list is read from the index on (document, offsets) alone. A
   * tag or theme is looked up in its link table's index, and the rows of those ids only are
   * read. */
  need_participant = n_participant_ids > 0 || g_hash_table_size (hidden) > 0;
  g_string_append_printf (sql, "SELECT a.id, a.document_id, %s FROM annotations a",
                          need_participant ? "coalesce(a.participant_id, 0)" : "0");
  if (!need_participant && n_tag_ids == 0 && n_theme_ids == 0)
    g_string_append (sql, " INDEXED BY annotations_document");
  g_string_append (sql, " WHERE 1");
  if (n_tag_ids > 0)
    g_string_append (sql, " AND a.id IN (SELECT annotation_id FROM annotation_tags"
                          " WHERE tag_id IN (SELECT value FROM json_each(?1)))");
  if (n_theme_ids > 0)
    g_string_append (sql, " AND a.id IN (SELECT annotation_id FROM annotation_themes"
                          " WHERE theme_id IN (SELECT value FROM json_each(?2)))");
  if (n_participant_ids > 0)
    g_string_append (sql, " AND coalesce(a.participant_id, 0) IN (SELECT value FROM json_each(?3))");
  g_string_append (sql, " ORDER BY a.document_id, a.start_offset, a.end_offset, a.id");

  stmt = scholia_db_get_statement (self->db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (n_tag_ids > 0)
    scholia_db_statement_bind_text (stmt, 1, tags_json);
  if (n_theme_ids > 0)
    scholia_db_statement_bind_text (stmt, 2, themes_json);
  if (n_participant_ids > 0)
    scholia_db_statement_bind_text (stmt, 3, participants_json);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      ScholiaAnnotationPlace place = {
        .annotation_id = scholia_db_statement_column_int64 (stmt, 0),
        .document_id = scholia_db_statement_column_int64 (stmt, 1),
      };

      if (!_scholia_store_is_hidden (hidden, place.document_id, scholia_db_statement_column_int64 (stmt, 2)))
        g_array_append_val (places, place);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&places);
}
