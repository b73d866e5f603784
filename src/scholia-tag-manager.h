/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scholia-editor.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_TAG_MANAGER (scholia_tag_manager_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaTagManager, scholia_tag_manager, SCHOLIA, TAG_MANAGER, AdwPreferencesWindow)

/* The tag manager, or for SCHOLIA_TYPE_THEME the theme manager: create, rename, recolour,
 * describe and reorder tags (themes), merge one into another and delete them. Deleting and
 * merging ask first and go through @editor, so the main window's Undo can take them back;
 * the rest goes straight to the store. Make it transient for the main window before
 * presenting it. */
ScholiaTagManager *scholia_tag_manager_new            (ScholiaEditor     *editor,
                                                       GType              label_type);
ScholiaEditor     *scholia_tag_manager_get_editor     (ScholiaTagManager *self);
GType              scholia_tag_manager_get_label_type (ScholiaTagManager *self);

G_END_DECLS
