/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-annotation-list.h"
#include "scholia-annotation-pages.h"
#include "scholia-filter-bar.h"

G_BEGIN_DECLS

/* Shared by scholia-annotation-list.c (the type, its model and rows), which calls
 * scholia-annotation-list-actions.c (the bulk actions and their menus), which calls nothing
 * back. */
struct _ScholiaAnnotationList
{
  GtkWidget           parent_instance;

  ScholiaEditor      *editor;
  ScholiaStore       *store;
  ScholiaDocument    *document;
  gboolean            whole_library;

  /* Every annotation of the scope, the live lists they come from (held, so that the store
   * keeps them current), those the filter lets through (the rows) and the selection among
   * them. The rows are one store spliced at each change: a GtkFilterListModel over 5,000
   * items took several times longer in GTK 4.8 to hand a changed filter to the view. */
  GPtrArray          *items;
  GPtrArray          *lists;
  GListStore         *shown;
  /* The whole library's rows without a search text: the ids the filter lets through, read
   * from the store's indexes, each annotation built when its row is first shown (issue 17: a
   * million annotations). The selection wraps it instead of @shown while @paged. */
  ScholiaAnnotationPages *library_rows;
  gboolean            paged;
  GtkMultiSelection  *selection;
  char               *search_folded;
  /* Document id → its printed pages (an empty array for none), loaded once per refresh. */
  GHashTable         *pages;
  gboolean            stale;
  guint               refresh_source;

  GSimpleActionGroup *actions;
  GMenu              *tag_menu;
  GMenu              *add_theme_menu;
  GMenu              *remove_theme_menu;
  GMenu              *filter_theme_menu;

  GtkWidget          *content;
  GtkToggleButton    *essay_button;
  GtkToggleButton    *library_button;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *theme_filter_button;
  ScholiaFilterBar   *filter_bar;
  GtkLabel           *count_label;
  GtkListView        *list_view;
  GtkRevealer        *action_revealer;
  GtkLabel           *selected_label;
  GtkMenuButton      *add_tag_button;
  GtkMenuButton      *add_theme_button;
  GtkMenuButton      *remove_theme_button;
};

/* scholia-annotation-list.c: the model the rows come from, @shown or @library_rows. */
GListModel *_scholia_annotation_list_get_rows (ScholiaAnnotationList *self);

/* scholia-annotation-list-actions.c */
void _scholia_annotation_list_init_actions   (ScholiaAnnotationList *self);
/* The menus follow the library's tags and themes. */
void _scholia_annotation_list_watch_labels   (ScholiaAnnotationList *self);
void _scholia_annotation_list_update_actions (ScholiaAnnotationList *self);

G_END_DECLS
