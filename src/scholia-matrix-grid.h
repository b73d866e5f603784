/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_MATRIX_GRID (scholia_matrix_grid_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaMatrixGrid, scholia_matrix_grid, SCHOLIA, MATRIX_GRID, GtkWidget)

/* The authors × themes table, scrollable (GtkScrollable, in a GtkScrolledWindow): a row per
 * ScholiaMatrixRow of `rows`, a column per theme, with the themes' names in a header row and the
 * authors' names in a first column that stay in place while the cells scroll. It keeps widgets
 * only for the cells in sight (about a screenful: 1,000 × 200 cells cost what 20 × 10 do) and
 * binds them again as the view moves.
 *
 * The grid takes the focus and moves a cursor over the cells (arrows, Home/End, Page Up/Down,
 * Ctrl+Home/End), up into the header row and left into the authors' column; Enter or Space on a
 * cell, or a click, emits "cell-activated" (row, column); on a header, "header-activated"
 * (column, -1 for the authors' column), which the owner answers by sorting and calling
 * scholia_matrix_grid_set_sort(). */
GtkWidget *scholia_matrix_grid_new           (void);
void       scholia_matrix_grid_set_model     (ScholiaMatrixGrid *self,
                                              GListModel        *rows,
                                              GPtrArray         *themes);
void       scholia_matrix_grid_set_row_title (ScholiaMatrixGrid *self,
                                              const char        *title);
void       scholia_matrix_grid_set_sort      (ScholiaMatrixGrid *self,
                                              int                column,
                                              GtkSortType        order);
void       scholia_matrix_grid_set_cursor    (ScholiaMatrixGrid *self,
                                              int                row,
                                              int                column);
void       scholia_matrix_grid_get_cursor    (ScholiaMatrixGrid *self,
                                              int               *row,
                                              int               *column);
/* The cell widget showing a row and column, or NULL while it is out of sight: for tests. */
GtkWidget *scholia_matrix_grid_get_cell      (ScholiaMatrixGrid *self,
                                              guint              row,
                                              guint              column);

G_END_DECLS
