/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-tag.h"
#include "scholia-theme.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_TAG_CHIP (scholia_tag_chip_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaTagChip, scholia_tag_chip, SCHOLIA, TAG_CHIP, GtkWidget)

/* A tag or theme as a small rounded label in its colour, its description as tooltip, with a
 * button that emits "remove". */
GtkWidget    *scholia_tag_chip_new              (ScholiaLabel   *label);
ScholiaLabel *scholia_tag_chip_get_label        (ScholiaTagChip *self);
/* Whether the chip offers its remove button (it does when made): not on a label that cannot be
 * taken off, such as another seminar participant's annotation's tags. */
void          scholia_tag_chip_set_removable    (ScholiaTagChip *self,
                                                 gboolean        removable);

/* The CSS class that paints a widget in a tag colour ("#rrggbb"): a chip ("tag-chip") gets a
 * translucent background and a border, a quote ("quote") a coloured left border. The rules are
 * added to the display the first time a colour is asked for. NULL for a colour that does not
 * parse. */
char         *scholia_tag_chip_colour_css_class (const char     *colour);

/* A tag's or theme's name as a menu item shows it: as typed, its underscores literal rather
 * than mnemonics. */
char         *scholia_tag_chip_menu_label       (const char     *name);

/* Installs the shape of chips and quotes on the default display (once; chips do it
 * themselves): for a view that shows a quote before any chip. */
void          scholia_tag_chip_ensure_style     (void);

G_END_DECLS
