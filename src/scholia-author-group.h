/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SCHOLIA_TYPE_AUTHOR_GROUP (scholia_author_group_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaAuthorGroup, scholia_author_group, SCHOLIA, AUTHOR_GROUP, GObject)

/* No author's name starts with a control character: a seminar's group never meets an author's. */
#define SCHOLIA_SEMINAR_MARK "\x01"

/* One author's (or one seminar's) essays in the library sidebar, a top-level item of its tree.
 * Its key is the author as the documents hold it, "" for essays without one, or
 * SCHOLIA_SEMINAR_MARK and the seminar's name. The group holds its members (ScholiaDocument)
 * as they came and lists those the search filter lets through, sorted; "count" is how many. */
ScholiaAuthorGroup *scholia_author_group_new            (const char         *key,
                                                         const char         *sort_key,
                                                         GPtrArray          *members,
                                                         GtkFilter          *filter,
                                                         GtkSorter          *sorter);
const char         *scholia_author_group_get_key        (ScholiaAuthorGroup *self);
const char         *scholia_author_group_get_name       (ScholiaAuthorGroup *self);
guint               scholia_author_group_get_count      (ScholiaAuthorGroup *self);
gboolean            scholia_author_group_is_seminar     (ScholiaAuthorGroup *self);
gboolean            scholia_author_group_set_sort_key   (ScholiaAuthorGroup *self,
                                                         const char         *sort_key);
void                scholia_author_group_add            (ScholiaAuthorGroup *self,
                                                         GPtrArray          *documents);
void                scholia_author_group_remove         (ScholiaAuthorGroup *self,
                                                         gpointer            document);
gboolean            scholia_author_group_get_listed     (ScholiaAuthorGroup *self);
void                scholia_author_group_set_listed     (ScholiaAuthorGroup *self,
                                                         gboolean            listed);
guint               scholia_author_group_get_n_members  (ScholiaAuthorGroup *self);
GListModel         *scholia_author_group_get_documents  (ScholiaAuthorGroup *self);
int                 scholia_author_group_compare        (gconstpointer       a,
                                                         gconstpointer       b,
                                                         gpointer            user_data);

G_END_DECLS
