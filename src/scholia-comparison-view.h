/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-comparison.h"
#include "scholia-filtered-view.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_COMPARISON_VIEW (scholia_comparison_view_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaComparisonView, scholia_comparison_view, SCHOLIA, COMPARISON_VIEW,
                      ScholiaFilteredView)

/* The comparison page of the right-hand sidebar: pick a theme and read how every author treats
 * it, passage by passage, grouped by author and document, optionally only the passages carrying
 * some tags or by one author, chosen in its filter bar. It follows the library ("store") as it
 * changes. Activating a passage emits "passage-activated" (ScholiaPassage) for the window to
 * open its document there. */
GtkWidget         *scholia_comparison_view_new            (void);
ScholiaComparison *scholia_comparison_view_get_comparison (ScholiaComparisonView *self);
ScholiaTheme      *scholia_comparison_view_get_theme      (ScholiaComparisonView *self);
void               scholia_comparison_view_set_theme      (ScholiaComparisonView *self,
                                                           ScholiaTheme          *theme);
const char        *scholia_comparison_view_get_author     (ScholiaComparisonView *self);
void               scholia_comparison_view_set_author     (ScholiaComparisonView *self,
                                                           const char            *author);
/* The passages as listed, after every filter: for tests and for the window's status. */
GListModel        *scholia_comparison_view_get_passages   (ScholiaComparisonView *self);
GListModel        *scholia_comparison_view_get_links      (ScholiaComparisonView *self);

G_END_DECLS
