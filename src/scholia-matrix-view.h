/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-filtered-view.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_MATRIX_VIEW (scholia_matrix_view_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaMatrixView, scholia_matrix_view, SCHOLIA, MATRIX_VIEW, ScholiaFilteredView)

/* Authors × themes: a table with a row for every author of the library and a column for every
 * theme, each cell the number of passages the author has on the theme, or a dim dash where
 * the author is silent on it. Optionally split by tag. Columns sort by their counts, the
 * author column by surname. It follows the library, rebuilt at most once per main loop
 * iteration. Clicking a cell emits "cell-activated" (the author, "" for documents without
 * one, and the ScholiaTheme) for the window to open the comparison there. Its filter bar's
 * tag chips count only the passages carrying any of the tags checked.
 *
 * In a library taking part in a seminar it offers participants × themes instead: a row per
 * participant, and a cell emits "participant-cell-activated" (the participant's id and the
 * theme). */
GtkWidget    *scholia_matrix_view_new             (void);
gboolean      scholia_matrix_view_get_split_by_tag (ScholiaMatrixView *self);
void          scholia_matrix_view_set_split_by_tag (ScholiaMatrixView *self,
                                                    gboolean           split_by_tag);
gboolean      scholia_matrix_view_get_by_participant (ScholiaMatrixView *self);
void          scholia_matrix_view_set_by_participant (ScholiaMatrixView *self,
                                                      gboolean           by_participant);
void          scholia_matrix_view_sort_by_theme   (ScholiaMatrixView *self,
                                                   ScholiaTheme      *theme,
                                                   GtkSortType        order);

/* The rows as shown, in their current order: for tests. */
guint         scholia_matrix_view_get_n_rows      (ScholiaMatrixView *self);
const char   *scholia_matrix_view_get_row_author  (ScholiaMatrixView *self,
                                                   guint              row);
guint         scholia_matrix_view_get_row_count   (ScholiaMatrixView *self,
                                                   guint              row,
                                                   ScholiaTheme      *theme);

G_END_DECLS
