/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-filtered-view.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_SIDE_BY_SIDE (scholia_side_by_side_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaSideBySide, scholia_side_by_side, SCHOLIA, SIDE_BY_SIDE, ScholiaFilteredView)

/* Two or more authors on one theme, in parallel columns of equal width, each author's passages
 * in the order of their documents' dates: the layout a seminar leader projects, in large type.
 * Until the user picks, the first two authors on the theme are shown. Activating a passage
 * emits "passage-activated" (ScholiaPassage). */
GtkWidget    *scholia_side_by_side_new                 (void);
ScholiaTheme *scholia_side_by_side_get_theme           (ScholiaSideBySide  *self);
void          scholia_side_by_side_set_theme           (ScholiaSideBySide  *self,
                                                        ScholiaTheme       *theme);
char        **scholia_side_by_side_get_authors         (ScholiaSideBySide  *self);
void          scholia_side_by_side_set_authors         (ScholiaSideBySide  *self,
                                                        const char * const *authors);
/* The columns as shown: for tests. */
guint         scholia_side_by_side_get_n_columns       (ScholiaSideBySide  *self);
GListModel   *scholia_side_by_side_get_column_passages (ScholiaSideBySide  *self,
                                                        guint               column);
/* Arrows between linked passages in sight (ScholiaLinkArrow, scholia-link-arrows.h), in the
 * coordinates of the area drawn over the columns, and the row of a passage: for tests. */
GArray       *scholia_side_by_side_get_arrows          (ScholiaSideBySide  *self);
GtkWidget    *scholia_side_by_side_get_row             (ScholiaSideBySide  *self,
                                                        gint64              annotation_id);

G_END_DECLS
