/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-editor.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_LINK_LIST (scholia_link_list_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaLinkList, scholia_link_list, SCHOLIA, LINK_LIST, GtkWidget)

/* The inspector's Links section: every link of one annotation, at either end, as it reads from
 * there ("Answers “…” — Author, Title", "Answered by …"), with a button that removes it, and
 * Add Link…, which opens a ScholiaLinkPicker. It follows the library as links come and go
 * (undo, redo, another view).
 *
 * Signals: "link-activated" (gint64, the other end's annotation id): the user wants to read the
 * other passage; "pick-requested" (gint64 the annotation shown, char * type): the user chose
 * to pick the other passage in the annotation list or the compare sidebar. Actions:
 * "links.add", "links.remove" (the link id). */
GtkWidget  *scholia_link_list_new            (void);
void        scholia_link_list_set_editor     (ScholiaLinkList   *self,
                                              ScholiaEditor     *editor);
void        scholia_link_list_set_annotation (ScholiaLinkList   *self,
                                              ScholiaAnnotation *annotation);
/* The links shown (ScholiaLink), and the picker while it is open: for tests. */
GListModel *scholia_link_list_get_links      (ScholiaLinkList   *self);
GtkWindow  *scholia_link_list_get_picker     (ScholiaLinkList   *self);


G_END_DECLS
