/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_SEARCH_RESULTS (scholia_search_results_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaSearchResults, scholia_search_results, SCHOLIA, SEARCH_RESULTS,
                      GtkWidget)

/* Full-text search results across the library's texts and notes, best first: one row per match
 * with the essay's title and author, whether the words are in the text or in a note, and the
 * snippet with the matched words in bold. Activating a row (click, Enter) emits
 * "result-activated" (ScholiaDocument, int offset, int length: the passage to select, in code
 * points; offset -1 when only the title matched). The results follow the store: they are
 * searched again when documents or annotations change. */
GtkWidget  *scholia_search_results_new         (void);
void        scholia_search_results_set_store   (ScholiaSearchResults *self,
                                                ScholiaStore         *store);
const char *scholia_search_results_get_query   (ScholiaSearchResults *self);
void        scholia_search_results_set_query   (ScholiaSearchResults *self,
                                                const char           *query);
/* ScholiaSearchHit items, in rank order. */
GListModel *scholia_search_results_get_results (ScholiaSearchResults *self);
gboolean    scholia_search_results_focus_first (ScholiaSearchResults *self);
guint       scholia_search_results_get_n_found (ScholiaSearchResults *self);
gboolean    scholia_search_results_load_more   (ScholiaSearchResults *self);

G_END_DECLS
