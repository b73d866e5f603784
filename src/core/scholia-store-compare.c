/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-passage-sql.h"
#include "scholia-store-private.h"

/* The printed page a passage starts on; a library without any (no essay imported from a PDF)
 * reads none: looking for one took a tenth of a theme's comparison, even in an empty table. */
#define PAGE_LABEL \
  "coalesce((SELECT p.label FROM document_pages p" \
  "          WHERE p.document_id = a.document_id AND p.start_offset <= a.start_offset" \
  "          ORDER BY p.start_offset DESC LIMIT 1), '')"
#define NO_PAGE_LABEL "''"

#define SELECT_THEME_PASSAGES(places_index, page_label) \
  "SELECT a.id, a.document_id, a.start_offset, a.end_offset, " page_label "," \
  " coalesce(a.participant_id, 0)" \
  " FROM annotation_themes th" \
  " JOIN annotations a " places_index " ON a.id = th.annotation_id" \
  " WHERE th.theme_id = ? AND a.orphaned = 0 ORDER BY th.annotation_id"

/* In the order of the passages: both statements walk the theme's index, so the tags are merged
 * in as they come, with no sort of the links nor a table of them by annotation (issue 17: the
 * tags read that way were 40 % of a theme's comparison). */
#define SELECT_THEME_TAGS \
  "SELECT t.annotation_id, t.tag_id, t.position FROM annotation_themes th" \
  " JOIN annotation_tags t ON t.annotation_id = th.annotation_id" \
  " WHERE th.theme_id = ? ORDER BY th.annotation_id"

typedef struct
{
  gint64 tag_id;
  gint64 position;
} TagLink;

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  const TagLink *l = a;
  const TagLink *r = b;

  return (l->position > r->position) - (l->position < r->position);
}

/* Moves @tags past @annotation_id's links, leaving that annotation's tag ids in @tag_ids in the
 * order the user gave them; links of passages that were left out (orphans) are skipped. */
static gboolean
read_passage_tags (ScholiaDbStatement  *tags,
                   ScholiaDbStep       *tags_rc,
                   gint64               annotation_id,
                   GArray              *links,
                   GArray              *tag_ids,
                   GError             **error)
{
  g_array_set_size (links, 0);
  g_array_set_size (tag_ids, 0);
  for (; *tags_rc == SCHOLIA_DB_STEP_ROW; *tags_rc = scholia_db_statement_step (tags, error))
    {
      gint64 id = scholia_db_statement_column_int64 (tags, 0);

      if (id > annotation_id)
        break;
      if (id == annotation_id)
        g_array_append_val (links, ((TagLink) { scholia_db_statement_column_int64 (tags, 1),
                                                scholia_db_statement_column_int64 (tags, 2) }));
    }
  if (*tags_rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;
  g_array_sort (links, compare_positions);
  for (guint i = 0; i < links->len; i++)
    g_array_append_val (tag_ids, g_array_index (links, TagLink, i).tag_id);
  return TRUE;
}

GPtrArray *
scholia_store_list_theme_passages (ScholiaStore  *self,
                                   ScholiaTheme  *theme,
                                   gboolean       with_tags,
                                   GError       **error)
{
  g_autoptr(GPtrArray) passages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (TagLink));
  g_autoptr(GArray) tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) hidden = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStatement *tags = NULL;
  const char *sql;
  gint64 has_pages;
  gint64 theme_id;
  ScholiaDbStep rc = SCHOLIA_DB_STEP_DONE;
  ScholiaDbStep tags_rc = SCHOLIA_DB_STEP_DONE;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_THEME (theme), NULL);

  _scholia_store_map_file (self);
  theme_id = scholia_label_get_id (SCHOLIA_LABEL (theme));
  hidden = _scholia_store_load_hidden_essays (self, 0, error);
  if (hidden == NULL)
    return NULL;

  /* Orphans have no place in the text to show or open, so they stay out of comparisons; the
   * printed page is the one the passage starts on. The document's title, date and author are
   * the store's own, held in memory: joining their rows cost a third of the query (issue 17,
   * 5,000 passages from 10,000 essays). The quotes and notes are read when a passage is shown
   * or exported (scholia_passage_new_deferred), the rest from the index of places: the rows,
   * with their quote, context and note, each on a page of its own, are not read. */
  if (!scholia_db_query_int (self->db, "SELECT EXISTS (SELECT 1 FROM document_pages)", &has_pages, error))
    return NULL;
  if (self->schema_version >= SCHOLIA_SCHEMA_UUID_KEYS)
    sql = has_pages ? SELECT_THEME_PASSAGES ("INDEXED BY annotations_places", PAGE_LABEL)
                    : SELECT_THEME_PASSAGES ("INDEXED BY annotations_places", NO_PAGE_LABEL);
  else
    sql = has_pages ? SELECT_THEME_PASSAGES ("", PAGE_LABEL) : SELECT_THEME_PASSAGES ("", NO_PAGE_LABEL);
  stmt = scholia_db_get_statement (self->db, sql, error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, theme_id);
  if (with_tags)
    {
      tags = scholia_db_get_statement (self->db, SELECT_THEME_TAGS, error);
      if (tags == NULL)
        return NULL;
      scholia_db_statement_bind_int64 (tags, 1, theme_id);
      tags_rc = scholia_db_statement_step (tags, error);
    }
  while (tags_rc != SCHOLIA_DB_STEP_ERROR &&
         (rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 annotation_id = scholia_db_statement_column_int64 (stmt, 0);
      gint64 document_id = scholia_db_statement_column_int64 (stmt, 1);
      gint64 participant_id = scholia_db_statement_column_int64 (stmt, 5);
      ScholiaDocument *document = scholia_store_lookup_document (self, document_id);
      ScholiaPassageInfo info;

      if (with_tags && !read_passage_tags (tags, &tags_rc, annotation_id, links, tag_ids, error))
        break;
      if (document == NULL || _scholia_store_is_hidden (hidden, document_id, participant_id))
        continue;
      info = (ScholiaPassageInfo) {
        .annotation_id = annotation_id,
        .document_id = document_id,
        .start = scholia_db_statement_column_int (stmt, 2),
        .end = scholia_db_statement_column_int (stmt, 3),
        .title = scholia_document_get_title (document),
        .date = scholia_document_get_date (document),
        .author = scholia_document_get_author (document),
        .page = scholia_db_statement_column_text (stmt, 4),
        .author_sort_key = scholia_document_get_author_sort_key (document),
        .participant_id = participant_id,
      };

      g_ptr_array_add (passages,
                       scholia_passage_new_deferred (&info, with_tags ? (gint64 *) tag_ids->data : NULL,
                                                     tag_ids->len, self));
    }
  scholia_db_statement_reset (stmt);
  if (tags != NULL)
    scholia_db_statement_reset (tags);
  if (tags_rc == SCHOLIA_DB_STEP_ERROR || rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&passages);
}

/* Steps @sql, bound to the JSON array of @ids, handing each row to @row. */
static gboolean
step_by_ids (ScholiaStore       *self,
             const char         *sql,
             const gint64       *ids,
             guint               n_ids,
             void              (*row) (ScholiaDbStatement *stmt,
                                       gpointer            user_data),
             gpointer            user_data,
             GError            **error)
{
  g_autofree char *json = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  if (n_ids == 0)
    return TRUE;
  stmt = scholia_db_get_statement (self->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  json = _scholia_store_ids_to_json (ids, n_ids);
  scholia_db_statement_bind_text (stmt, 1, json);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    row (stmt, user_data);
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
}

typedef struct
{
  ScholiaAnnotationTextFunc text;
  ScholiaAnnotationTagFunc  tag;
  gpointer                  user_data;
} ReadClosure;

static void
hand_text (ScholiaDbStatement *stmt,
           gpointer            user_data)
{
  ReadClosure *closure = user_data;

  closure->text (scholia_db_statement_column_int64 (stmt, 0), scholia_db_statement_column_text (stmt, 1),
                 scholia_db_statement_column_text (stmt, 2), closure->user_data);
}

static void
hand_tag (ScholiaDbStatement *stmt,
          gpointer            user_data)
{
  ReadClosure *closure = user_data;

  closure->tag (scholia_db_statement_column_int64 (stmt, 0), scholia_db_statement_column_int64 (stmt, 1),
                closure->user_data);
}

/* One statement for all of @ids, in id order: the quotes are cut from each essay's text, which
 * scholia_passage() keeps for the next rows of the same essay. */
gboolean
scholia_store_read_annotation_texts (ScholiaStore               *self,
                                     const gint64               *ids,
                                     guint                       n_ids,
                                     ScholiaAnnotationTextFunc   func,
                                     gpointer                    user_data,
                                     GError                    **error)
{
  ReadClosure closure = { .text = func, .user_data = user_data };

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return step_by_ids (self,
                      "SELECT a.id, " SCHOLIA_QUOTE_SQL ("a.") ", a.note FROM annotations a"
                      " WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.id",
                      ids, n_ids, hand_text, &closure, error);
}

gboolean
scholia_store_read_annotation_tags (ScholiaStore              *self,
                                    const gint64              *ids,
                                    guint                      n_ids,
                                    ScholiaAnnotationTagFunc   func,
                                    gpointer                   user_data,
                                    GError                   **error)
{
  ReadClosure closure = { .tag = func, .user_data = user_data };

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return step_by_ids (self,
                      "SELECT annotation_id, tag_id FROM annotation_tags"
                      " WHERE annotation_id IN (SELECT value FROM json_each(?))"
                      " ORDER BY annotation_id, position, tag_id",
                      ids, n_ids, hand_tag, &closure, error);
}

typedef struct
{
  gint64 document_id;
  gint64 theme_id;
  gint64 tag_id;
} CountKey;

static guint
count_key_hash (gconstpointer key)
{
  const CountKey *k = key;

  return (guint) (k->document_id * 1000003 ^ k->theme_id * 7919 ^ k->tag_id * 104729);
}

static gboolean
count_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const CountKey *l = a;
  const CountKey *r = b;

  return l->document_id == r->document_id && l->theme_id == r->theme_id && l->tag_id == r->tag_id;
}

static void
add_to_count (GHashTable *table,
              GArray     *counts,
              gint64      document_id,
              gint64      theme_id,
              gint64      tag_id)
{
  CountKey key = { document_id, theme_id, tag_id };
  gpointer index;

  if (g_hash_table_lookup_extended (table, &key, NULL, &index))
    {
      g_array_index (counts, ScholiaPassageCount, GPOINTER_TO_UINT (index) - 1).count++;
      return;
    }

  g_array_append_val (counts, ((ScholiaPassageCount) { document_id, theme_id, tag_id, 1 }));
  g_hash_table_insert (table, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (counts->len));
}

/* Hide until posted: the others' annotations on the essays hidden from me are not counted. The
 * query that fills @document_of reads no participant, to stay on its small index; only when
 * something is hidden are the annotations read again, once, for their participants. */
static gboolean
forget_hidden (ScholiaStore  *self,
               gint64        *document_of,
               gint64         max_id,
               GError       **error)
{
  g_autoptr(GHashTable) hidden = _scholia_store_load_hidden_essays (self, 0, error);
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  if (hidden == NULL)
    return FALSE;
  if (g_hash_table_size (hidden) == 0)
    return TRUE;
  stmt = scholia_db_get_statement (self->db,
                                   "SELECT id, document_id, participant_id FROM annotations WHERE participant_id IS NOT NULL",
                                   error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 id = scholia_db_statement_column_int64 (stmt, 0);

      if (id >= 0 && id <= max_id &&
          _scholia_store_is_hidden (hidden, scholia_db_statement_column_int64 (stmt, 1),
                                    scholia_db_statement_column_int64 (stmt, 2)))
        document_of[id] = 0;
    }
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
}

/* Counting is done here rather than by GROUP BY: sequential scans (each annotation's document
 * from a small index, the tag links, the theme links, the links stored in annotation order)
 * read far less than SQLite's per-link lookups of annotation rows, which carry their quotes
 * and context. */
GArray *
scholia_store_count_theme_passages (ScholiaStore  *self,
                                    gboolean       by_tag,
                                    GError       **error)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (ScholiaPassageCount));
  g_autoptr(GHashTable) table = g_hash_table_new_full (count_key_hash, count_key_equal, g_free, NULL);
  g_autofree gint64 *document_of = NULL;
  g_autofree guint *tags_start = NULL;
  g_autoptr(GArray) tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ScholiaDbStatement *stmt;
  gint64 max_id = 0;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  if (!scholia_db_query_int (self->db, "SELECT coalesce(max(id), 0) FROM annotations", &max_id, error))
    return NULL;

  /* 0 for orphans and deleted ids: they are not counted. Read from the index of places (or,
   * read-only at an older version, through the view of the annotations that adds their uuids'
   * keys, where no index can be named). */
  document_of = g_new0 (gint64, max_id + 1);
  stmt = scholia_db_get_statement (self->db,
                                   self->schema_version >= SCHOLIA_SCHEMA_UUID_KEYS
                                   ? "SELECT id, document_id FROM annotations INDEXED BY annotations_places"
                                     " WHERE orphaned = 0"
                                   : "SELECT id, document_id FROM annotations WHERE orphaned = 0",
                                   error);
  if (stmt == NULL)
    return NULL;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 id = scholia_db_statement_column_int64 (stmt, 0);

      if (id >= 0 && id <= max_id)
        document_of[id] = scholia_db_statement_column_int64 (stmt, 1);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  if (!forget_hidden (self, document_of, max_id, error))
    return NULL;

  /* Each annotation's tags as a run of tag_ids: tags_start[id] .. tags_start[id + 1]. */
  if (by_tag)
    {
      gint64 filled = 0;

      tags_start = g_new0 (guint, max_id + 2);
      stmt = scholia_db_get_statement (self->db,
                                       "SELECT annotation_id, tag_id FROM annotation_tags ORDER BY annotation_id",
                                       error);
      if (stmt == NULL)
        return NULL;
      while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
        {
          gint64 annotation_id = scholia_db_statement_column_int64 (stmt, 0);
          gint64 tag_id = scholia_db_statement_column_int64 (stmt, 1);

          if (annotation_id < 0 || annotation_id > max_id)
            continue;
          for (; filled <= annotation_id; filled++)
            tags_start[filled] = tag_ids->len;
          g_array_append_val (tag_ids, tag_id);
        }
      scholia_db_statement_reset (stmt);
      if (rc == SCHOLIA_DB_STEP_ERROR)
        return NULL;
      for (; filled <= max_id + 1; filled++)
        tags_start[filled] = tag_ids->len;
    }

  stmt = scholia_db_get_statement (self->db, "SELECT annotation_id, theme_id FROM annotation_themes", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 annotation_id = scholia_db_statement_column_int64 (stmt, 0);
      gint64 theme_id = scholia_db_statement_column_int64 (stmt, 1);
      gint64 document_id = annotation_id >= 0 && annotation_id <= max_id ? document_of[annotation_id] : 0;

      if (document_id == 0)
        continue;
      if (!by_tag)
        {
          add_to_count (table, counts, document_id, theme_id, 0);
          continue;
        }
      for (guint i = tags_start[annotation_id]; i < tags_start[annotation_id + 1]; i++)
        add_to_count (table, counts, document_id, theme_id, g_array_index (tag_ids, gint64, i));
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&counts);
}
