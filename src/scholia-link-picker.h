/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scholia-editor.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_LINK_PICKER (scholia_link_picker_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaLinkPicker, scholia_link_picker, SCHOLIA, LINK_PICKER, AdwWindow)

/* The dialog that links one passage (the source, an annotation) to another: choose the type
 * (the built-in ones, those the library uses, or a new one) and the other passage from every
 * annotation of the library, searched as one types (quote, author, title). Link makes the link
 * through the editor, as one undo step, and closes. "Pick in the List" closes it and emits
 * "pick-requested" (the type as the library keeps it): the window then lets the user choose
 * the other passage in the annotation list or the compare sidebar. */
ScholiaLinkPicker *scholia_link_picker_new          (ScholiaEditor     *editor,
                                                     ScholiaAnnotation *source);
/* The type chosen, normalized; NULL (with an error) when a new type's name is not valid. */
char              *scholia_link_picker_dup_type     (ScholiaLinkPicker *self,
                                                     GError           **error);
/* For tests and the keyboard path: the passages listed after the search, and choosing. */
GListModel        *scholia_link_picker_get_passages (ScholiaLinkPicker *self);
void               scholia_link_picker_set_search   (ScholiaLinkPicker *self,
                                                     const char        *text);
void               scholia_link_picker_select_type  (ScholiaLinkPicker *self,
                                                     const char        *type);
/* Links the source to the passage at @position of the list; FALSE, with the reason shown in
 * the dialog, when it could not. */
gboolean           scholia_link_picker_link         (ScholiaLinkPicker *self,
                                                     guint              position);

G_END_DECLS
