/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-matrix-grid.h"

G_BEGIN_DECLS

/* A widget of the pool and the row and column it shows (-1: none yet). */
typedef struct
{
  GtkWidget *widget;
  int        row;
  int        column;
  gboolean   placed;      /* in this allocation */
} Slot;

struct _ScholiaMatrixGrid
{
  GtkWidget      parent_instance;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;

  GListModel    *rows;            /* ScholiaMatrixRow, in the order shown */
  GPtrArray     *themes;          /* ScholiaTheme per column */
  int            sort_column;     /* -1: the authors' column */
  GtkSortType    sort_order;

  /* Sizes, measured again when the rows, themes or style change. */
  gboolean       sized;
  int            row_height;
  int            header_height;
  int            row_header_width;
  GArray        *column_x;        /* int: each column's left edge, then the right edge of the last */
  GHashTable    *title_widths;    /* a theme's name → its title's width, kept while the style is */

  /* The pool: a cell's slot is (row % pool_rows) × pool_columns + column % pool_columns, so a
   * row or column scrolling in takes the slots of the one scrolling out. */
  guint          pool_rows;
  guint          pool_columns;
  GArray        *cells;           /* Slot */
  GArray        *row_headers;     /* Slot, by row % pool_rows */
  GArray        *column_headers;  /* Slot, by column % pool_columns */
  GtkWidget     *corner;          /* the authors' column's title */
  GtkWidget     *measured_cell;   /* never shown: measures cells for the column widths */
  char          *row_title;

  int            cursor_row;      /* -1: the header row */
  int            cursor_column;   /* -1: the authors' column */
  GtkWidget     *cursor_widget;
};

static inline guint
scholia_matrix_grid_n_rows (ScholiaMatrixGrid *self)
{
  return self->rows != NULL ? g_list_model_get_n_items (self->rows) : 0;
}

static inline guint
scholia_matrix_grid_n_columns (ScholiaMatrixGrid *self)
{
  return self->themes != NULL ? self->themes->len : 0;
}

/* scholia-matrix-grid-layout.c: sizes, the pool of widgets, allocation and drawing. */
void _scholia_matrix_grid_init_pool        (ScholiaMatrixGrid *self);
void _scholia_matrix_grid_invalidate       (ScholiaMatrixGrid *self);
void _scholia_matrix_grid_scroll_to_cursor (ScholiaMatrixGrid *self);
void _scholia_matrix_grid_measure          (GtkWidget         *widget,
                                            GtkOrientation     orientation,
                                            int                for_size,
                                            int               *minimum,
                                            int               *natural,
                                            int               *minimum_baseline,
                                            int               *natural_baseline);
void _scholia_matrix_grid_size_allocate    (GtkWidget         *widget,
                                            int                width,
                                            int                height,
                                            int                baseline);
void _scholia_matrix_grid_snapshot         (GtkWidget         *widget,
                                            GtkSnapshot       *snapshot);

G_END_DECLS
