/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-filter-bar.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_FILTERED_VIEW (scholia_filtered_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (ScholiaFilteredView, scholia_filtered_view, SCHOLIA, FILTERED_VIEW, GtkWidget)

/* What the comparison view, the side-by-side window and the matrix view share: a library (the
 * "store" property) shown through a ScholiaFilterBar. A subclass names its bar in init and
 * leaves the store with scholia_filtered_view_set_store (self, NULL) first thing in dispose.
 * "passage-activated" (ScholiaPassage): the user chose a passage to read in its document. */
struct _ScholiaFilteredViewClass
{
  GtkWidgetClass parent_class;

  /* The view leaves @store (still its store), then shows the new one (already its store). */
  void (*unbind_store) (ScholiaFilteredView *self,
                        ScholiaStore        *store);
  void (*bind_store)   (ScholiaFilteredView *self,
                        ScholiaStore        *store);
};

ScholiaStore     *scholia_filtered_view_get_store      (ScholiaFilteredView *self);
void              scholia_filtered_view_set_store      (ScholiaFilteredView *self,
                                                        ScholiaStore        *store);
ScholiaFilterBar *scholia_filtered_view_get_filter_bar (ScholiaFilteredView *self);

/* For subclasses. */
void              scholia_filtered_view_set_filter_bar (ScholiaFilteredView *self,
                                                        ScholiaFilterBar    *bar);
void              scholia_filtered_view_activate_passage (ScholiaFilteredView *self,
                                                          ScholiaPassage      *passage);

G_END_DECLS
