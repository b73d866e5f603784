/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-matrix-row.h"

G_BEGIN_DECLS

/* The widgets of the authors × themes grid, made once per place on screen and bound again to
 * whichever row and theme scrolls there (ScholiaMatrixGrid keeps them). */

/* A cell: a flat button holding the count and, split by tag, a coloured number per tag. */
GtkWidget *scholia_matrix_cell_new               (void);
void       scholia_matrix_cell_bind              (GtkWidget        *cell,
                                                  ScholiaMatrixRow *row,
                                                  ScholiaTheme     *theme,
                                                  guint             column);
/* The natural size of a cell holding a four-digit count and `n_chips` tag numbers of two. */
void       scholia_matrix_cell_measure           (GtkWidget        *cell,
                                                  guint             n_chips,
                                                  int              *width,
                                                  int              *height);

/* An author's (or participant's) name at the start of a row, with the participant's colour. */
GtkWidget *scholia_matrix_row_header_new         (void);
void       scholia_matrix_row_header_bind        (GtkWidget        *header,
                                                  ScholiaMatrixRow *row);

/* A theme's name above its column (or, without a theme, the authors' column's title), a
 * button that sorts by it, with an arrow while it does. */
GtkWidget *scholia_matrix_column_header_new      (void);
void       scholia_matrix_column_header_bind     (GtkWidget        *header,
                                                  const char       *title,
                                                  gboolean          sorted,
                                                  GtkSortType       order);
int        scholia_matrix_column_header_measure  (GtkWidget        *header,
                                                  const char       *title);

/* What a cell's, a row name's or a column title's tooltip says (given when GTK asks for it). */
const char *scholia_matrix_cell_get_tooltip      (GtkWidget        *widget);

G_END_DECLS
