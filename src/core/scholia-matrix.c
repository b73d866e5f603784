/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-matrix.h"
#include "scholia-names.h"

struct _ScholiaMatrix
{
  GPtrArray  *authors;  /* char*, "" for documents without an author */
  GPtrArray  *themes;   /* ScholiaTheme */
  GHashTable *tag_slots;  /* tag id → slot 1…n in a cell; slot 0 is the total */
  guint       n_slots;
  guint      *counts;   /* [row][column][slot] */
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

  if ((*left == '\0') != (*right == '\0'))
    return (*left == '\0') - (*right == '\0');
  return strcmp (g_hash_table_lookup (keys, left), g_hash_table_lookup (keys, right));
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
  gpointer row, column, slot = GUINT_TO_POINTER (0);

  if (document == NULL ||
      !g_hash_table_lookup_extended (rows, scholia_document_get_author (document), NULL, &row) ||
      !g_hash_table_lookup_extended (columns, &count->theme_id, NULL, &column) ||
      (tag_id != 0 && !g_hash_table_lookup_extended (self->tag_slots, &tag_id, NULL, &slot)))
    return;

  cell (self, GPOINTER_TO_UINT (row), GPOINTER_TO_UINT (column))[GPOINTER_TO_UINT (slot)] += count->count;
}

ScholiaMatrix *
scholia_matrix_new (ScholiaStore  *store,
                    gboolean       by_tag,
                    GError       **error)
{
  g_autoptr(ScholiaMatrix) self = g_new0 (ScholiaMatrix, 1);
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GArray) split = NULL;
  g_auto(GStrv) names = NULL;
  GListModel *documents;
  GListModel *themes;
  gboolean anonymous = FALSE;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  self->authors = g_ptr_array_new_with_free_func (g_free);
  self->themes = g_ptr_array_new_with_free_func (g_object_unref);
  self->tag_slots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->n_slots = 1;

  names = scholia_store_list_authors (store, error);
  if (names == NULL)
    return NULL;
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (self->authors, g_strdup (names[i]));

  documents = scholia_store_get_documents (store);
  for (guint i = 0; !anonymous && i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

      anonymous = *scholia_document_get_author (document) == '\0';
    }
  if (anonymous)
    g_ptr_array_add (self->authors, g_strdup (""));
  {
    g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

    for (guint i = 0; i < self->authors->len; i++)
      g_hash_table_insert (keys, g_ptr_array_index (self->authors, i),
                           scholia_names_collate_key (g_ptr_array_index (self->authors, i)));
    g_ptr_array_sort_with_data (self->authors, compare_authors, keys);
  }
  for (guint i = 0; i < self->authors->len; i++)
    g_hash_table_insert (rows, g_ptr_array_index (self->authors, i), GUINT_TO_POINTER (i));

  themes = scholia_store_get_labels (store, SCHOLIA_TYPE_THEME);
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      ScholiaTheme *theme = g_list_model_get_item (themes, i);
      gint64 id = scholia_label_get_id (SCHOLIA_LABEL (theme));

      g_ptr_array_add (self->themes, theme);
      g_hash_table_insert (columns, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (i));
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

  totals = scholia_store_count_theme_passages (store, FALSE, error);
  if (totals == NULL)
    return NULL;
  for (guint i = 0; i < totals->len; i++)
    add_count (self, store, rows, columns, &g_array_index (totals, ScholiaPassageCount, i), 0);

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

void
scholia_matrix_free (ScholiaMatrix *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->authors, g_ptr_array_unref);
  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->tag_slots, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_free);
  g_free (self);
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
