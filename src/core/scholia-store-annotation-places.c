/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Which annotations of the whole library a filter lets through, as ids in the list's order,
 * without building an object per annotation (issue 17: a million annotations). */

#include "config.h"

#include "scholia-store-private.h"

/* A row of the list with what orders it. */
typedef struct
{
  gint64 annotation_id;
  gint64 document_id;
  int    start;
  int    end;
} SortablePlace;

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const SortablePlace *l = a, *r = b;

  if (l->document_id != r->document_id)
    return l->document_id < r->document_id ? -1 : 1;
  if (l->start != r->start)
    return l->start < r->start ? -1 : 1;
  if (l->end != r->end)
    return l->end < r->end ? -1 : 1;
  return (l->annotation_id > r->annotation_id) - (l->annotation_id < r->annotation_id);
}

/* The library's rows with a tag or theme: the links' index gives the ids, and each id's place
 * is read from the index of places (schema 16; the annotation's row before) and sorted here,
 * which SQLite's sorter did three times slower. An annotation reached through two of the tags
 * (or themes) is listed once. */
static gboolean
read_linked_places (ScholiaDbStatement  *stmt,
                    GHashTable          *hidden,
                    GArray              *places,
                    GError             **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (SortablePlace));
  ScholiaDbStep rc;

  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      SortablePlace row = {
        .annotation_id = scholia_db_statement_column_int64 (stmt, 0),
        .document_id = scholia_db_statement_column_int64 (stmt, 1),
        .start = scholia_db_statement_column_int (stmt, 2),
        .end = scholia_db_statement_column_int (stmt, 3),
      };

      if (!_scholia_store_is_hidden (hidden, row.document_id, scholia_db_statement_column_int64 (stmt, 4)))
        g_array_append_val (rows, row);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;

  g_array_sort (rows, compare_places);
  for (guint i = 0; i < rows->len; i++)
    {
      const SortablePlace *row = &g_array_index (rows, SortablePlace, i);
      ScholiaAnnotationPlace place = { row->annotation_id, row->document_id };

      if (i > 0 && g_array_index (rows, SortablePlace, i - 1).annotation_id == row->annotation_id)
        continue;
      g_array_append_val (places, place);
    }
  return TRUE;
}

/* Sets the bit of each annotation id (below @n_bits) that @sql, given the ids @ids_json as ?1,
 * lists. */
static gboolean
mark_ids (ScholiaStore  *self,
          const char    *sql,
          const char    *ids_json,
          guint32       *bits,
          gint64         n_bits,
          GError       **error)
{
  ScholiaDbStatement *stmt = scholia_db_get_statement (self->db, sql, error);
  ScholiaDbStep rc;

  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, ids_json);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 id = scholia_db_statement_column_int64 (stmt, 0);

      if (id >= 0 && id < n_bits)
        bits[id / 32] |= 1u << (id % 32);
    }
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
}

/* A tag's or theme's rows picked out of the unfiltered list the store keeps (valid while
 * nothing has been written since it was read): the links' index gives the ids, a bitmap by id
 * marks them, and one pass over the kept list takes them in its order. For a tag's 55,000 rows
 * of a million, a fifth of the time an index seek for each id's place and a sort take. */
static GArray *
pick_linked_places (ScholiaStore  *self,
                    const char    *tags_json,
                    const char    *themes_json,
                    GError       **error)
{
  gint64 n_bits = self->annotation_order_max_id + 1;
  g_autofree guint32 *tagged = g_new0 (guint32, n_bits / 32 + 1);
  g_autofree guint32 *themed = NULL;
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (ScholiaAnnotationPlace));
  const ScholiaAnnotationPlace *order = (const ScholiaAnnotationPlace *) self->annotation_order->data;

  if (tags_json != NULL &&
      !mark_ids (self, "SELECT annotation_id FROM annotation_tags WHERE tag_id IN (SELECT value FROM json_each(?1))",
                 tags_json, tagged, n_bits, error))
    return NULL;
  if (themes_json != NULL)
    {
      guint32 *bits = tags_json != NULL ? (themed = g_new0 (guint32, n_bits / 32 + 1)) : tagged;

      if (!mark_ids (self, "SELECT annotation_id FROM annotation_themes WHERE theme_id IN (SELECT value FROM json_each(?1))",
                     themes_json, bits, n_bits, error))
        return NULL;
    }
  /* Both: those with one of the tags and one of the themes. */
  if (themed != NULL)
    for (gint64 i = 0; i <= n_bits / 32; i++)
      tagged[i] &= themed[i];

  for (guint i = 0; i < self->annotation_order->len; i++)
    {
      gint64 id = order[i].annotation_id;

      if (tagged[id / 32] & (1u << (id % 32)))
        g_array_append_val (places, order[i]);
    }
  return g_steal_pointer (&places);
}

/* Keeps the unfiltered list @places as of the hidden essays' reading, which notes the
 * connection's changes and the file's version. */
static void
keep_order (ScholiaStore *self,
            GArray       *places)
{
  gint64 max_id = 0;

  for (guint i = 0; i < places->len; i++)
    max_id = MAX (max_id, g_array_index (places, ScholiaAnnotationPlace, i).annotation_id);
  g_clear_pointer (&self->annotation_order, g_array_unref);
  self->annotation_order = g_array_ref (places);
  self->annotation_order_max_id = max_id;
  self->annotation_order_changes = self->hidden_changes;
  self->annotation_order_data_version = self->hidden_data_version;
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
  g_autofree char *tags_json = _scholia_store_ids_to_json (tag_ids, n_tag_ids);
  g_autofree char *themes_json = _scholia_store_ids_to_json (theme_ids, n_theme_ids);
  g_autofree char *participants_json = _scholia_store_ids_to_json (participant_ids, n_participant_ids);
  const char *places_index;
  gboolean linked = n_tag_ids > 0 || n_theme_ids > 0;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  _scholia_store_map_file (self);
  hidden = _scholia_store_load_hidden_essays (self, 0, error);
  if (hidden == NULL)
    return NULL;
  if (linked && n_participant_ids == 0 && self->annotation_order != NULL &&
      self->annotation_order_changes == self->hidden_changes &&
      self->annotation_order_data_version == self->hidden_data_version)
    return pick_linked_places (self, n_tag_ids > 0 ? tags_json : NULL, n_theme_ids > 0 ? themes_json : NULL, error);

  /* A tag or theme is looked up in its link table's index, and the places of those ids only
   * are read. (Read-only below version 18, the annotations are a view that adds their uuids'
   * keys, where no index can be named.) */
  places_index = self->schema_version >= SCHOLIA_SCHEMA_UUID_KEYS ? " INDEXED BY annotations_places" : "";
  if (linked)
    {
      g_string_append (sql, "SELECT a.id, a.document_id, a.start_offset, a.end_offset, coalesce(a.participant_id, 0)");
      if (n_tag_ids > 0)
        g_string_append_printf (sql, " FROM annotation_tags l JOIN annotations a%s ON a.id = l.annotation_id"
                                     " WHERE l.tag_id IN (SELECT value FROM json_each(?1))", places_index);
      else
        g_string_append_printf (sql, " FROM annotation_themes l JOIN annotations a%s ON a.id = l.annotation_id"
                                     " WHERE l.theme_id IN (SELECT value FROM json_each(?2))", places_index);
      if (n_tag_ids > 0 && n_theme_ids > 0)
        g_string_append (sql, " AND a.id IN (SELECT annotation_id FROM annotation_themes"
                              " WHERE theme_id IN (SELECT value FROM json_each(?2)))");
    }
  else
    {
      /* The participant is read from the annotation's row; without a hidden essay or a chosen
       * participant, the unfiltered list is read in its order from the index on (document,
       * offsets) alone. */
      gboolean need_participant = n_participant_ids > 0 || g_hash_table_size (hidden) > 0;

      g_string_append_printf (sql, "SELECT a.id, a.document_id, %s FROM annotations a",
                              need_participant ? "coalesce(a.participant_id, 0)" : "0");
      if (!need_participant && self->schema_version >= SCHOLIA_SCHEMA_UUID_KEYS)
        g_string_append (sql, " INDEXED BY annotations_document");
      g_string_append (sql, " WHERE 1");
    }
  if (n_participant_ids > 0)
    g_string_append (sql, " AND coalesce(a.participant_id, 0) IN (SELECT value FROM json_each(?3))");

  if (!linked)
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
  if (linked)
    return read_linked_places (stmt, hidden, places, error) ? g_steal_pointer (&places) : NULL;

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

  if (n_participant_ids == 0)
    keep_order (self, places);
  return g_steal_pointer (&places);
}
