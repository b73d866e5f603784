/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SCHOLIA_TYPE_TAG_PALETTE (scholia_tag_palette_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaTagPalette, scholia_tag_palette, SCHOLIA, TAG_PALETTE, GtkWidget)

/* How many tags the palette offers: one per Ctrl+digit shortcut. */
#define SCHOLIA_TAG_PALETTE_MAX_TAGS 9

/* A row of flat buttons, one per tag of a tag list (its first nine), each showing the tag's
 * colour and name. A button activates "doc.tag" with the tag's position in the list as
 * an int32, the same action Ctrl+1 … Ctrl+9 activate, so the window that holds the palette
 * decides what applying a tag means. */
GtkWidget  *scholia_tag_palette_new      (void);
GListModel *scholia_tag_palette_get_tags (ScholiaTagPalette *self);
void        scholia_tag_palette_set_tags (ScholiaTagPalette *self,
                                          GListModel        *tags);

G_END_DECLS
