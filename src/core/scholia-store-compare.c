/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-store-private.h"

GPtrArray *
scholia_store_list_theme_passages (ScholiaStore  *self,
                                   ScholiaTheme  *theme,
                                   GError       **error)
{
  g_autoptr(GPtrArray) passages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) tags = NULL;
  sqlite3_stmt *stmt;
  gint64 theme_id;
  int rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_THEME (theme), NULL);

  theme_id = scholia_theme_get_id (theme);
  tags = _scholia_store_load_links (self,
                                    "SELECT t.annotation_id, t.tag_id FROM annotation_tags t"
                                    " JOIN annotation_themes th ON th.annotation_id = t.annotation_id"
                                    " WHERE th.theme_id = ? ORDER BY t.annotation_id, t.position",
                                    theme_id, error);
  if (tags == NULL)
    return NULL;

  /* Orphans have no place in the text to show or open, so they stay out of comparisons; the
   * printed page is the one the passage starts on. */
  stmt = scholia_db_prepare (self->db,
                             "SELECT a.id, a.document_id, a.start_offset, a.end_offset, a.quote, a.note,"
                             " d.title, d.date, coalesce(au.name, ''),"
                             " coalesce((SELECT p.label FROM document_pages p"
                             "           WHERE p.document_id = a.document_id AND p.start_offset <= a.start_offset"
                             "           ORDER BY p.start_offset DESC LIMIT 1), '')"
                             " FROM annotation_themes th"
                             " JOIN annotations a ON a.id = th.annotation_id"
                             " JOIN documents d ON d.id = a.document_id"
                             " LEFT JOIN authors au ON au.id = d.author_id"
                             " WHERE th.theme_id = ? AND a.orphaned = 0",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, theme_id);
  while ((rc = scholia_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      gint64 annotation_id = sqlite3_column_int64 (stmt, 0);
      GArray *tag_ids = g_hash_table_lookup (tags, &annotation_id);
      ScholiaPassageInfo info = {
        .annotation_id = annotation_id,
        .document_id = sqlite3_column_int64 (stmt, 1),
        .start = sqlite3_column_int (stmt, 2),
        .end = sqlite3_column_int (stmt, 3),
        .quote = scholia_db_column_text (stmt, 4),
        .note = scholia_db_column_text (stmt, 5),
        .title = scholia_db_column_text (stmt, 6),
        .date = scholia_db_column_text (stmt, 7),
        .author = scholia_db_column_text (stmt, 8),
        .page = scholia_db_column_text (stmt, 9),
      };

      g_ptr_array_add (passages,
                       scholia_passage_new (&info,
                                            tag_ids != NULL ? (gint64 *) tag_ids->data : NULL,
                                            tag_ids != NULL ? tag_ids->len : 0));
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  return g_steal_pointer (&passages);
}

static void
passage_count_clear (ScholiaPassageCount *count)
{
  g_free (count->author);
}

GArray *
scholia_store_count_theme_passages (ScholiaStore  *self,
                                    gboolean       by_tag,
                                    GError       **error)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (ScholiaPassageCount));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  g_array_set_clear_func (counts, (GDestroyNotify) passage_count_clear);
  if (by_tag)
    stmt = scholia_db_prepare (self->db,
                               "SELECT coalesce(au.name, ''), th.theme_id, t.tag_id, count(*)"
                               " FROM annotation_themes th"
                               " JOIN annotations a ON a.id = th.annotation_id"
                               " JOIN annotation_tags t ON t.annotation_id = a.id"
                               " JOIN documents d ON d.id = a.document_id"
                               " LEFT JOIN authors au ON au.id = d.author_id"
                               " WHERE a.orphaned = 0 GROUP BY d.author_id, th.theme_id, t.tag_id",
                               error);
  else
    stmt = scholia_db_prepare (self->db,
                               "SELECT coalesce(au.name, ''), th.theme_id, 0, count(*)"
                               " FROM annotation_themes th"
                               " JOIN annotations a ON a.id = th.annotation_id"
                               " JOIN documents d ON d.id = a.document_id"
                               " LEFT JOIN authors au ON au.id = d.author_id"
                               " WHERE a.orphaned = 0 GROUP BY d.author_id, th.theme_id",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = scholia_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      ScholiaPassageCount count = {
        .author = g_strdup (scholia_db_column_text (stmt, 0)),
        .theme_id = sqlite3_column_int64 (stmt, 1),
        .tag_id = sqlite3_column_int64 (stmt, 2),
        .count = sqlite3_column_int (stmt, 3),
      };

      g_array_append_val (counts, count);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  return g_steal_pointer (&counts);
}
