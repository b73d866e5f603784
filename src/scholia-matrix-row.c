/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-matrix-row.h"

#include <string.h>


struct _ScholiaMatrixRow
{
  GObject  parent_instance;

  /* The counts are read from the matrix, kept for them, rather than copied row by row (1,000
   * authors × 200 themes); the author and the collation key are the matrix's too. */
  ScholiaMatrix *matrix;
  guint          row;
  const char    *author;        /* or the participant's name, in the participants mode */
  gint64         participant_id;
  char          *colour;        /* the participant's, as their bands in the margin; NULL for authors */
  const char    *collate_key;   /* by the author's sort key */
  guint          n_themes;
  GArray       **tag_counts;    /* per theme column: ScholiaMatrixTagCount, in palette order; NULL unless split by tag */
};

G_DEFINE_FINAL_TYPE (ScholiaMatrixRow, scholia_matrix_row, G_TYPE_OBJECT)

static void
tag_count_clear (ScholiaMatrixTagCount *tag_count)
{
  g_clear_object (&tag_count->tag);
}

static void
scholia_matrix_row_finalize (GObject *object)
{
  ScholiaMatrixRow *self = SCHOLIA_MATRIX_ROW (object);

  for (guint i = 0; self->tag_counts != NULL && i < self->n_themes; i++)
    g_array_unref (self->tag_counts[i]);
  g_free (self->tag_counts);
  g_free (self->colour);
  scholia_matrix_free (self->matrix);

  G_OBJECT_CLASS (scholia_matrix_row_parent_class)->finalize (object);
}

static void
scholia_matrix_row_class_init (ScholiaMatrixRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = scholia_matrix_row_finalize;
}

static void
scholia_matrix_row_init (ScholiaMatrixRow *self)
{
}

/* The split counts are read only when asked for: a large library has many tags, and 1,000
 * authors × 200 themes would make 200,000 empty arrays. */
ScholiaMatrixRow *
scholia_matrix_row_new (ScholiaMatrix *matrix,
                        guint          row,
                        GListModel    *tags)
{
  ScholiaMatrixRow *self = g_object_new (SCHOLIA_TYPE_MATRIX_ROW, NULL);
  guint n_tags = tags != NULL ? g_list_model_get_n_items (tags) : 0;

  self->matrix = scholia_matrix_ref (matrix);
  self->row = row;
  self->author = scholia_matrix_get_author (matrix, row);
  self->participant_id = scholia_matrix_get_participant_id (matrix, row);
  self->collate_key = scholia_matrix_get_author_collate_key (matrix, row);
  self->n_themes = scholia_matrix_get_n_themes (matrix);
  if (tags == NULL)
    return self;

  self->tag_counts = g_new0 (GArray *, self->n_themes);
  for (guint column = 0; column < self->n_themes; column++)
    {
      guint count = scholia_matrix_get_count (matrix, row, column, 0);

      self->tag_counts[column] = g_array_new (FALSE, FALSE, sizeof (ScholiaMatrixTagCount));
      g_array_set_clear_func (self->tag_counts[column], (GDestroyNotify) tag_count_clear);

      for (guint i = 0; count > 0 && i < n_tags; i++)
        {
          g_autoptr(ScholiaTag) tag = g_list_model_get_item (tags, i);
          ScholiaMatrixTagCount tag_count = { NULL, scholia_matrix_get_count (matrix, row, column, scholia_label_get_id (SCHOLIA_LABEL (tag))) };

          if (tag_count.count == 0)
            continue;
          tag_count.tag = g_steal_pointer (&tag);
          g_array_append_val (self->tag_counts[column], tag_count);
        }
    }

  return self;
}

const char *
scholia_matrix_row_get_author (ScholiaMatrixRow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_MATRIX_ROW (self), NULL);

  return self->author;
}

gint64
scholia_matrix_row_get_participant_id (ScholiaMatrixRow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_MATRIX_ROW (self), 0);

  return self->participant_id;
}

const char *
scholia_matrix_row_get_colour (ScholiaMatrixRow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_MATRIX_ROW (self), NULL);

  return self->colour;
}

void
scholia_matrix_row_set_colour (ScholiaMatrixRow *self,
                               const char       *colour)
{
  g_return_if_fail (SCHOLIA_IS_MATRIX_ROW (self));

  g_free (self->colour);
  self->colour = g_strdup (colour);
}

guint
scholia_matrix_row_get_count (ScholiaMatrixRow *self,
                              guint             column)
{
  g_return_val_if_fail (SCHOLIA_IS_MATRIX_ROW (self), 0);

  return column < self->n_themes ? scholia_matrix_get_count (self->matrix, self->row, column, 0) : 0;
}

GArray *
scholia_matrix_row_get_tag_counts (ScholiaMatrixRow *self,
                                   guint             column)
{
  g_return_val_if_fail (SCHOLIA_IS_MATRIX_ROW (self), NULL);

  return self->tag_counts != NULL && column < self->n_themes ? self->tag_counts[column] : NULL;
}

int
scholia_matrix_row_compare_authors (gconstpointer a,
                                    gconstpointer b,
                                    gpointer      user_data)
{
  const ScholiaMatrixRow *left = a;
  const ScholiaMatrixRow *right = b;
  gboolean left_unknown = left->author[0] == '\0';
  gboolean right_unknown = right->author[0] == '\0';
  int result;

  /* Documents without an author come last whichever way the column sorts. */
  if (left_unknown != right_unknown)
    return left_unknown ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
  result = strcmp (left->collate_key, right->collate_key);
  /* Two authors filed alike ("Anonymous") stay apart. */
  return gtk_ordering_from_cmpfunc (result != 0 ? result : strcmp (left->author, right->author));
}

int
scholia_matrix_row_compare_counts (gconstpointer a,
                                   gconstpointer b,
                                   gpointer      user_data)
{
  const ScholiaMatrixRow *left = a;
  const ScholiaMatrixRow *right = b;
  guint column = GPOINTER_TO_UINT (user_data);
  guint left_count = column < left->n_themes ? scholia_matrix_get_count (left->matrix, left->row, column, 0) : 0;
  guint right_count = column < right->n_themes ? scholia_matrix_get_count (right->matrix, right->row, column, 0) : 0;

  if (left_count != right_count)
    return left_count < right_count ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return scholia_matrix_row_compare_authors (a, b, NULL);
}
