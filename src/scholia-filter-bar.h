/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-annotation-filter.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_FILTER_BAR (scholia_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaFilterBar, scholia_filter_bar, SCHOLIA, FILTER_BAR, GtkWidget)

/* How a bar lets the user choose authors. */
typedef enum
{
  SCHOLIA_FILTER_BAR_AUTHORS_NONE,
  SCHOLIA_FILTER_BAR_AUTHORS_ONE,      /* a drop-down: every author, or one */
  SCHOLIA_FILTER_BAR_AUTHORS_SEVERAL,  /* a menu of check buttons */
} ScholiaFilterBarAuthors;

/* The filters above the comparison, the side-by-side window and the matrix, bound to one
 * ScholiaAnnotationFilter (the bar's own, for the view to read): a theme drop-down (the
 * filter's theme), a chip per tag of the library (checked chips are the filter's tags) and the
 * authors offered by the view (the filter's authors). It follows the library's themes and tags,
 * and the filter as others change it. */
GtkWidget               *scholia_filter_bar_new            (void);
void                     scholia_filter_bar_configure      (ScholiaFilterBar        *self,
                                                            GtkOrientation           orientation,
                                                            gboolean                 show_themes,
                                                            gboolean                 show_tags,
                                                            ScholiaFilterBarAuthors  authors);
ScholiaAnnotationFilter *scholia_filter_bar_get_filter     (ScholiaFilterBar        *self);
void                     scholia_filter_bar_set_store      (ScholiaFilterBar        *self,
                                                            ScholiaStore            *store);
void                     scholia_filter_bar_set_theme      (ScholiaFilterBar        *self,
                                                            ScholiaTheme            *theme);
/* The authors to offer, in menu order; those the filter shows stay on offer after them even
 * when the view no longer has passages of theirs, so that a choice never changes behind the
 * user's back. */
void                     scholia_filter_bar_offer_authors  (ScholiaFilterBar        *self,
                                                            const char * const      *authors);
/* The authors on offer, as shown: for the views' column order and for tests. */
const char * const      *scholia_filter_bar_get_offered_authors (ScholiaFilterBar   *self);

G_END_DECLS
