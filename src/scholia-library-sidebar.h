/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-document.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_LIBRARY_SIDEBAR (scholia_library_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaLibrarySidebar, scholia_library_sidebar, SCHOLIA, LIBRARY_SIDEBAR,
                      GtkWidget)

/* The library's essays grouped by author, filterable as you type. It only shows and asks: opening
 * is left to the window ("document-activated", carrying the ScholiaDocument), editing and
 * deleting too, by activating "library.edit-document" and "library.delete-document" with the
 * essay's id. Its actions "sidebar.properties" (Alt+Return), "sidebar.delete" (Delete) act on
 * the selected document that way; "sidebar.focus-filter"
 * moves the focus to the filter entry, for the window to bind to a shortcut. */
ScholiaLibrarySidebar *scholia_library_sidebar_new                   (void);
ScholiaStore          *scholia_library_sidebar_get_store             (ScholiaLibrarySidebar *self);
void                   scholia_library_sidebar_set_store             (ScholiaLibrarySidebar *self,
                                                                      ScholiaStore          *store);
ScholiaDocument       *scholia_library_sidebar_get_selected_document (ScholiaLibrarySidebar *self);
void                   scholia_library_sidebar_select_document       (ScholiaLibrarySidebar *self,
                                                                      ScholiaDocument       *document);
gboolean               scholia_library_sidebar_focus                 (ScholiaLibrarySidebar *self);
void                   scholia_library_sidebar_reload_seminars       (ScholiaLibrarySidebar *self);

G_END_DECLS
