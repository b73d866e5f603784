/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-matrix.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_MATRIX_ROW (scholia_matrix_row_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaMatrixRow, scholia_matrix_row, SCHOLIA, MATRIX_ROW, GObject)

/* One row of the authors × themes table: an author (or a seminar participant) and their
 * count per theme column, with each tag's share of it when split by tag. */
typedef struct
{
  ScholiaTag *tag;
  guint       count;
} ScholiaMatrixTagCount;

ScholiaMatrixRow *scholia_matrix_row_new            (ScholiaMatrix    *matrix,
                                                     guint             row,
                                                     GListModel       *tags);
const char       *scholia_matrix_row_get_author     (ScholiaMatrixRow *self);
gint64            scholia_matrix_row_get_participant_id (ScholiaMatrixRow *self);
const char       *scholia_matrix_row_get_colour     (ScholiaMatrixRow *self);
void              scholia_matrix_row_set_colour     (ScholiaMatrixRow *self,
                                                     const char       *colour);
guint             scholia_matrix_row_get_count      (ScholiaMatrixRow *self,
                                                     guint             column);
/* Each tag's share of a cell, in palette order; NULL unless split by tag. */
GArray           *scholia_matrix_row_get_tag_counts (ScholiaMatrixRow *self,
                                                     guint             column);

/* GCompareDataFuncs for a GtkCustomSorter: by author (surname), or by the count in the
 * column given as GUINT_TO_POINTER, then by author. */
int               scholia_matrix_row_compare_authors (gconstpointer a,
                                                      gconstpointer b,
                                                      gpointer      user_data);
int               scholia_matrix_row_compare_counts  (gconstpointer a,
                                                      gconstpointer b,
                                                      gpointer      user_data);

G_END_DECLS
