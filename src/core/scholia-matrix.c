/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-matrix.h"
#include "scholia-names.h"

struct _ScholiaMatrix
{
  GPtrArray  *authors;  /* char*, "" for documents without an author */
  GPtrArray  *themes;   /* ScholiaTheme */
  GHashTable *counts;   /* "row:column:tag" → count; tag 0 is the total */
};

static char *
cell_key (guint  row,
          guint  column,
          gint64 tag_id)
{
  return g_strdup_printf ("%u:%u:%" G_GINT64_FORMAT, row, column, tag_id);
}

static int
compare_authors (gconstpointer a,
                 gconstpointer b)
{
  const char *left = *(const char **) a;
  const char *right = *(const char **) b;
  g_autofree char *left_key = NULL;
  g_autofree char *right_key = NULL;

  if ((*left == '\0') != (*right == '\0'))
    return (*left == '\0') - (*right == '\0');
  left_key = scholia_names_collate_key (left);
  right_key = scholia_names_collate_key (right);
  return strcmp (left_key, right_key);
}

static void
add_count (ScholiaMatrix *self,
           GHashTable    *rows,
           GHashTable    *columns,
           const ScholiaPassageCount *count,
           gint64         tag_id)
{
  gpointer row, column;
  g_autofree char *key = NULL;
  guint previous;

  if (!g_hash_table_lookup_extended (rows, count->author, NULL, &row) ||
      !g_hash_table_lookup_extended (columns, &count->theme_id, NULL, &column))
    return;

  key = cell_key (GPOINTER_TO_UINT (row), GPOINTER_TO_UINT (column), tag_id);
  previous = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, key));
  g_hash_table_insert (self->counts, g_steal_pointer (&key), GUINT_TO_POINTER (previous + count->count));
}

ScholiaMatrix *
scholia_matrix_new (ScholiaStore  *store,
                    GError       **error)
{
  g_autoptr(ScholiaMatrix) self = g_new0 (ScholiaMatrix, 1);
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GArray) by_tag = NULL;
  g_auto(GStrv) names = NULL;
  GListModel *documents;
  GListModel *themes;
  gboolean anonymous = FALSE;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  self->authors = g_ptr_array_new_with_free_func (g_free);
  self->themes = g_ptr_array_new_with_free_func (g_object_unref);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

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
  g_ptr_array_sort (self->authors, compare_authors);
  for (guint i = 0; i < self->authors->len; i++)
    g_hash_table_insert (rows, g_ptr_array_index (self->authors, i), GUINT_TO_POINTER (i));

  themes = scholia_store_get_themes (store);
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      ScholiaTheme *theme = g_list_model_get_item (themes, i);
      gint64 id = scholia_theme_get_id (theme);

      g_ptr_array_add (self->themes, theme);
      g_hash_table_insert (columns, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (i));
    }

  totals = scholia_store_count_theme_passages (store, FALSE, error);
  if (totals == NULL)
    return NULL;
  by_tag = scholia_store_count_theme_passages (store, TRUE, error);
  if (by_tag == NULL)
    return NULL;

  for (guint i = 0; i < totals->len; i++)
    add_count (self, rows, columns, &g_array_index (totals, ScholiaPassageCount, i), 0);
  for (guint i = 0; i < by_tag->len; i++)
    {
      const ScholiaPassageCount *count = &g_array_index (by_tag, ScholiaPassageCount, i);

      add_count (self, rows, columns, count, count->tag_id);
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
  g_clear_pointer (&self->counts, g_hash_table_unref);
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
  g_autofree char *key = cell_key (row, column, tag_id);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, key));
}
