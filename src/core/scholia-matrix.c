/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-matrix.h"
#include "scholia-names.h"
#include "scholia-seminar-store.h"

struct _ScholiaMatrix
{
  GPtrArray  *authors;  /* char*, "" for documents without an author */
  GHashTable *sort_keys;  /* author → how the author files */
  GHashTable *collate_keys;  /* author (borrowed from authors) → its sort key's collate key (interned) */
  GPtrArray  *themes;   /* ScholiaTheme */
  GHashTable *tag_slots;  /* tag id → slot 1…n in a cell; slot 0 is the total */
  guint       n_slots;
  guint      *counts;   /* [row][column][slot] */
  GArray     *participant_ids;  /* gint64 per row, in the participants mode; NULL otherwise */
};

static guint *
cell (ScholiaMatrix *self,
      guint          row,
      guint          column)
{
  return self->counts + ((gsize) row * self->themes->len + column) * self->n_slots;
}

static int
compare_authors (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GHashTable *keys = user_data;
  const char *left = *(const char **) a;
  const char *right = *(const char **) b;
  int result;

  if ((*left == '\0') != (*right == '\0'))
    return (*left == '\0') - (*right == '\0');
  result = strcmp (g_hash_table_lookup (keys, left), g_hash_table_lookup (keys, right));
  /* Two authors filed alike ("Anonymous") stay apart. */
  return result != 0 ? result : strcmp (left, right);
}

/* Authors and themes the filter leaves out have no row or column: their counts are dropped. */
static void
add_to_cell (ScholiaMatrix *self,
             GHashTable    *rows,
             GHashTable    *columns,
             const char    *author,
             gint64         theme_id,
             gint64         tag_id,
             guint          count)
{
  gpointer row, column, slot = GUINT_TO_POINTER (0);

  if (!g_hash_table_lookup_extended (rows, author, NULL, &row) ||
      !g_hash_table_lookup_extended (columns, &theme_id, NULL, &column) ||
      (tag_id != 0 && !g_hash_table_lookup_extended (self->tag_slots, &tag_id, NULL, &slot)))
    return;

  cell (self, GPOINTER_TO_UINT (row), GPOINTER_TO_UINT (column))[GPOINTER_TO_UINT (slot)] += count;
}

static void
add_count (ScholiaMatrix             *self,
           ScholiaStore              *store,
           GHashTable                *rows,
           GHashTable                *columns,
           const ScholiaPassageCount *count,
           gint64                     tag_id)
{
  ScholiaDocument *document = scholia_store_lookup_document (store, count->document_id);

  if (document != NULL)
    add_to_cell (self, rows, columns, scholia_document_get_author (document), count->theme_id, tag_id,
                 count->count);
}

/* Counts by passages that carry any of the filter's tags and are by its participants: the store
 * counts each tag apart, and a passage with two of them must count once, and does not count by
 * participant. Only a filtered matrix reads every passage. */
static gboolean
count_tagged_passages (ScholiaMatrix           *self,
                       ScholiaStore            *store,
                       ScholiaAnnotationFilter *filter,
                       GHashTable              *rows,
                       GHashTable              *columns,
                       GError                 **error)
{
  for (guint c = 0; c < self->themes->len; c++)
    {
      ScholiaTheme *theme = g_ptr_array_index (self->themes, c);
      g_autoptr(GPtrArray) passages = scholia_store_list_theme_passages (store, theme, TRUE, error);

      if (passages == NULL)
        return FALSE;
      for (guint i = 0; i < passages->len; i++)
        {
          ScholiaPassage *passage = g_ptr_array_index (passages, i);
          const char *author = scholia_passage_get_author (passage);
          guint n_tags;
          const gint64 *tag_ids = scholia_passage_get_tag_ids (passage, &n_tags);

          if (!scholia_annotation_filter_match_tags (filter, tag_ids, n_tags) ||
              !scholia_annotation_filter_match_participant (filter, scholia_passage_get_participant_id (passage)))
            continue;
          add_to_cell (self, rows, columns, author, scholia_label_get_id (SCHOLIA_LABEL (theme)), 0, 1);
          for (guint t = 0; self->n_slots > 1 && t < n_tags; t++)
            add_to_cell (self, rows, columns, author, scholia_label_get_id (SCHOLIA_LABEL (theme)), tag_ids[t], 1);
        }
    }
  return TRUE;
}

/* Index by id (authors' and themes' ids are small and dense) of the rows or columns that
 * @ids gives (id → index), G_MAXUINT for none: 200,000 counts are placed without a hash
 * look-up each. */
static guint *
index_by_id (GHashTable *ids,
             gint64     *max_id)
{
  GHashTableIter iter;
  gpointer key, value;
  guint *index;

  *max_id = 0;
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    *max_id = MAX (*max_id, *(gint64 *) key);
  index = g_new (guint, *max_id + 1);
  memset (index, 0xff, (*max_id + 1) * sizeof (guint));
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) key >= 0)
      index[*(gint64 *) key] = GPOINTER_TO_UINT (value);
  return index;
}

typedef struct
{
  ScholiaMatrix *matrix;
  guint         *row_of;
  gint64         max_author;
  guint         *column_of;
  gint64         max_theme;
} KeptCounts;

static void
add_kept_count (const ScholiaAuthorThemeCount *count,
                gpointer                       user_data)
{
  KeptCounts *kept = user_data;

  if (count->author_id < 0 || count->author_id > kept->max_author || kept->row_of[count->author_id] == G_MAXUINT ||
      count->theme_id < 0 || count->theme_id > kept->max_theme || kept->column_of[count->theme_id] == G_MAXUINT)
    return;
  cell (kept->matrix, kept->row_of[count->author_id], kept->column_of[count->theme_id])[0] += count->count;
}

/* The totals, from the counts the library keeps per author and theme, put in their cells as
 * they are read. */
static gboolean
add_kept_counts (ScholiaMatrix  *self,
                 ScholiaStore   *store,
                 GHashTable     *rows,
                 GHashTable     *columns,
                 GError        **error)
{
  g_autoptr(GHashTable) names = scholia_store_get_author_names_by_id (store, error);
  g_autoptr(GHashTable) author_rows = NULL;
  g_autofree guint *row_of = NULL;
  g_autofree guint *column_of = NULL;
  KeptCounts kept = { self };
  GHashTableIter iter;
  gpointer id, name, row;

  if (names == NULL)
    return FALSE;
  author_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &id, &name))
    if (g_hash_table_lookup_extended (rows, name, NULL, &row))
      g_hash_table_insert (author_rows, id, row);
  kept.row_of = row_of = index_by_id (author_rows, &kept.max_author);
  kept.column_of = column_of = index_by_id (columns, &kept.max_theme);

  return scholia_store_foreach_author_theme_count (store, add_kept_count, &kept, error);
}

/* The theme columns the filter lets through, and a slot per tag when counting by tag. */
static void
add_columns (ScholiaMatrix           *self,
             ScholiaStore            *store,
             gboolean                 by_tag,
             ScholiaAnnotationFilter *filter,
             GHashTable              *columns)
{
  GListModel *themes;

  themes = scholia_store_get_labels (store, SCHOLIA_TYPE_THEME);
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      ScholiaTheme *theme = g_list_model_get_item (themes, i);
      gint64 id = scholia_label_get_id (SCHOLIA_LABEL (theme));

      if (filter != NULL && !scholia_annotation_filter_match_themes (filter, &id, 1))
        {
          g_object_unref (theme);
          continue;
        }
      g_hash_table_insert (columns, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (self->themes->len));
      g_ptr_array_add (self->themes, theme);
    }

  if (by_tag)
    {
      GListModel *tags = scholia_store_get_labels (store, SCHOLIA_TYPE_TAG);

      for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
        {
          g_autoptr(ScholiaTag) tag = g_list_model_get_item (tags, i);
          gint64 id = scholia_label_get_id (SCHOLIA_LABEL (tag));

          g_hash_table_insert (self->tag_slots, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (self->n_slots++));
        }
    }
  self->counts = g_new0 (guint, (gsize) MAX (self->authors->len * self->themes->len, 1) * self->n_slots);
}

ScholiaMatrix *
scholia_matrix_new (ScholiaStore  *store,
                    gboolean       by_tag,
                    GError       **error)
{
  return scholia_matrix_new_filtered (store, by_tag, NULL, error);
}

ScholiaMatrix *
scholia_matrix_new_filtered (ScholiaStore            *store,
                             gboolean                 by_tag,
                             ScholiaAnnotationFilter *filter,
                             GError                 **error)
{
  g_autoptr(ScholiaMatrix) self = g_atomic_rc_box_new0 (ScholiaMatrix);
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) split = NULL;
  g_auto(GStrv) names = NULL;
  GListModel *documents;
  gboolean anonymous = FALSE;
  guint n_tag_filter = 0;
  guint n_participant_filter = 0;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (filter == NULL || SCHOLIA_IS_ANNOTATION_FILTER (filter), NULL);

  if (filter != NULL)
    {
      scholia_annotation_filter_get_tag_ids (filter, &n_tag_filter);
      scholia_annotation_filter_get_participant_ids (filter, &n_participant_filter);
    }

  self->authors = g_ptr_array_new_with_free_func (g_free);
  self->themes = g_ptr_array_new_with_free_func (g_object_unref);
  self->tag_slots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->n_slots = 1;

  names = scholia_store_list_authors (store, error);
  if (names == NULL)
    return NULL;
  for (guint i = 0; names[i] != NULL; i++)
    if (filter == NULL || scholia_annotation_filter_match_author (filter, names[i]))
      g_ptr_array_add (self->authors, g_strdup (names[i]));

  self->sort_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  documents = scholia_store_get_documents (store);
  /* The last essay of an author says how the author files; read from the end, each author is
   * copied once, not once per essay (10,000 essays by 1,000 authors). */
  for (guint i = g_list_model_get_n_items (documents); i-- > 0;)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);
      const char *author = scholia_document_get_author (document);

      anonymous |= *author == '\0';
      if (!g_hash_table_contains (self->sort_keys, author))
        g_hash_table_insert (self->sort_keys, g_strdup (author),
                             g_strdup (scholia_document_get_author_sort_key (document)));
    }
  if (anonymous && (filter == NULL || scholia_annotation_filter_match_author (filter, "")))
    g_ptr_array_add (self->authors, g_strdup (""));
  /* Made once here, for the sort and for the view's rows, which sort by them again. */
  self->collate_keys = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->authors->len; i++)
    g_hash_table_insert (self->collate_keys, g_ptr_array_index (self->authors, i),
                         (gpointer) scholia_names_intern_collate_key (scholia_matrix_get_author_sort_key (self, i)));
  g_ptr_array_sort_with_data (self->authors, compare_authors, self->collate_keys);
  for (guint i = 0; i < self->authors->len; i++)
    g_hash_table_insert (rows, g_ptr_array_index (self->authors, i), GUINT_TO_POINTER (i));

  add_columns (self, store, by_tag, filter, columns);

  if (n_tag_filter > 0 || n_participant_filter > 0)
    return count_tagged_passages (self, store, filter, rows, columns, error) ? g_steal_pointer (&self) : NULL;

  if (!add_kept_counts (self, store, rows, columns, error))
    return NULL;

  /* The tags' shares are not kept: counted here, from every passage's links. */
  if (by_tag)
    {
      split = scholia_store_count_theme_passages (store, TRUE, error);
      if (split == NULL)
        return NULL;
      for (guint i = 0; i < split->len; i++)
        {
          const ScholiaPassageCount *count = &g_array_index (split, ScholiaPassageCount, i);

          add_count (self, store, rows, columns, count, count->tag_id);
        }
    }

  return g_steal_pointer (&self);
}

/* Every participant of the library's seminars the filter lets through, by name. */
static gboolean
add_participant_rows (ScholiaMatrix           *self,
                      ScholiaStore            *store,
                      ScholiaAnnotationFilter *filter,
                      GHashTable              *rows,
                      GError                 **error)
{
  g_autoptr(GPtrArray) everyone = scholia_store_list_all_participants (store, error);

  if (everyone == NULL)
    return FALSE;
  for (guint i = 0; i < everyone->len; i++)
    {
      ScholiaParticipant *participant = g_ptr_array_index (everyone, i);

      if (filter != NULL && !scholia_annotation_filter_match_participant (filter, participant->id))
        continue;
      g_hash_table_insert (rows, g_memdup2 (&participant->id, sizeof participant->id),
                           GUINT_TO_POINTER (self->authors->len));
      g_array_append_val (self->participant_ids, participant->id);
      g_ptr_array_add (self->authors, g_strdup (participant->name));
      g_hash_table_replace (self->sort_keys, g_strdup (participant->name), g_strdup (participant->name));
      g_hash_table_replace (self->collate_keys, g_ptr_array_index (self->authors, self->authors->len - 1),
                            (gpointer) scholia_names_intern_collate_key (participant->name));
    }
  return TRUE;
}

/**
 * scholia_matrix_new_by_participant:
 *
 * Participants × themes: how many placed passages each participant of the library's seminars
 * wrote on each theme of their essays. Rows are participants by name (get_author gives the
 * name, get_participant_id the row of the store's participants); filtered, only the filter's
 * participants and themes, and passages with any of its tags. The filter's authors (of
 * documents) do not apply: every seminar essay is read by every participant.
 */
ScholiaMatrix *
scholia_matrix_new_by_participant (ScholiaStore            *store,
                                   gboolean                 by_tag,
                                   ScholiaAnnotationFilter *filter,
                                   GError                 **error)
{
  g_autoptr(ScholiaMatrix) self = g_atomic_rc_box_new0 (ScholiaMatrix);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) counts = NULL;
  const gint64 *tag_ids = NULL;
  guint n_tag_ids = 0;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (filter == NULL || SCHOLIA_IS_ANNOTATION_FILTER (filter), NULL);

  self->authors = g_ptr_array_new_with_free_func (g_free);
  self->sort_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->collate_keys = g_hash_table_new (g_str_hash, g_str_equal);
  self->themes = g_ptr_array_new_with_free_func (g_object_unref);
  self->tag_slots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->participant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->n_slots = 1;

  if (!add_participant_rows (self, store, filter, rows, error))
    return NULL;
  add_columns (self, store, by_tag, filter, columns);

  if (filter != NULL)
    tag_ids = scholia_annotation_filter_get_tag_ids (filter, &n_tag_ids);
  for (int split = 0; split <= (by_tag ? 1 : 0); split++)
    {
      counts = scholia_store_count_participant_passages (store, split, tag_ids, n_tag_ids, error);
      if (counts == NULL)
        return NULL;
      for (guint i = 0; i < counts->len; i++)
        {
          const ScholiaParticipantCount *count = &g_array_index (counts, ScholiaParticipantCount, i);
          gpointer row, column, slot = GUINT_TO_POINTER (0);

          if (!g_hash_table_lookup_extended (rows, &count->participant_id, NULL, &row) ||
              !g_hash_table_lookup_extended (columns, &count->theme_id, NULL, &column) ||
              (count->tag_id != 0 && !g_hash_table_lookup_extended (self->tag_slots, &count->tag_id, NULL, &slot)))
            continue;
          cell (self, GPOINTER_TO_UINT (row), GPOINTER_TO_UINT (column))[GPOINTER_TO_UINT (slot)] += count->count;
        }
      g_clear_pointer (&counts, g_array_unref);
    }

  return g_steal_pointer (&self);
}

static void
scholia_matrix_clear (ScholiaMatrix *self)
{
  /* Its keys are the authors' strings. */
  g_clear_pointer (&self->collate_keys, g_hash_table_unref);
  g_clear_pointer (&self->authors, g_ptr_array_unref);
  g_clear_pointer (&self->sort_keys, g_hash_table_unref);
  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->tag_slots, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->participant_ids, g_array_unref);
}

/* A view's rows each keep the matrix they read their counts from: a reference each. */
ScholiaMatrix *
scholia_matrix_ref (ScholiaMatrix *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

/* Drops the caller's reference; the matrix goes with the last. */
void
scholia_matrix_free (ScholiaMatrix *self)
{
  if (self == NULL)
    return;

  g_atomic_rc_box_release_full (self, (GDestroyNotify) scholia_matrix_clear);
}

guint
scholia_matrix_get_n_authors (ScholiaMatrix *self)
{
  return self->authors->len;
}

const char *
scholia_matrix_get_author (ScholiaMatrix *self,
                           guint          row)
{
  g_return_val_if_fail (row < self->authors->len, NULL);
  return g_ptr_array_index (self->authors, row);
}

const char *
scholia_matrix_get_author_sort_key (ScholiaMatrix *self,
                                    guint          row)
{
  const char *key;

  g_return_val_if_fail (row < self->authors->len, NULL);
  key = g_hash_table_lookup (self->sort_keys, g_ptr_array_index (self->authors, row));
  return key != NULL ? key : "";
}

/* The collation key of the row's sort key (scholia_names_collate_key), as the rows were
 * sorted by: made once per author. */
const char *
scholia_matrix_get_author_collate_key (ScholiaMatrix *self,
                                       guint          row)
{
  const char *key;

  g_return_val_if_fail (row < self->authors->len, NULL);
  key = g_hash_table_lookup (self->collate_keys, g_ptr_array_index (self->authors, row));
  return key != NULL ? key : "";
}

guint
scholia_matrix_get_n_themes (ScholiaMatrix *self)
{
  return self->themes->len;
}

ScholiaTheme *
scholia_matrix_get_theme (ScholiaMatrix *self,
                          guint          column)
{
  g_return_val_if_fail (column < self->themes->len, NULL);
  return g_ptr_array_index (self->themes, column);
}

guint
scholia_matrix_get_count (ScholiaMatrix *self,
                          guint          row,
                          guint          column,
                          gint64         tag_id)
{
  gpointer slot = GUINT_TO_POINTER (0);

  g_return_val_if_fail (row < self->authors->len && column < self->themes->len, 0);

  if (tag_id != 0 && !g_hash_table_lookup_extended (self->tag_slots, &tag_id, NULL, &slot))
    return 0;
  return cell (self, row, column)[GPOINTER_TO_UINT (slot)];
}

/* The row's participant in the participants mode; 0 in the authors mode. */
gint64
scholia_matrix_get_participant_id (ScholiaMatrix *self,
                                   guint          row)
{
  g_return_val_if_fail (row < self->authors->len, 0);

  return self->participant_ids != NULL ? g_array_index (self->participant_ids, gint64, row) : 0;
}
