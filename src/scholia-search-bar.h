/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define SCHOLIA_TYPE_SEARCH_BAR (scholia_search_bar_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaSearchBar, scholia_search_bar, SCHOLIA, SEARCH_BAR, GtkWidget)

GtkWidget *scholia_search_bar_new            (void);
void       scholia_search_bar_set_view       (ScholiaSearchBar *self,
                                              GtkSourceView    *view);
gboolean   scholia_search_bar_get_search_mode (ScholiaSearchBar *self);
void       scholia_search_bar_begin          (ScholiaSearchBar *self);
void       scholia_search_bar_end            (ScholiaSearchBar *self);
void       scholia_search_bar_move_next      (ScholiaSearchBar *self);
void       scholia_search_bar_move_previous  (ScholiaSearchBar *self);

G_END_DECLS
