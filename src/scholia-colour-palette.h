/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SCHOLIA_TYPE_COLOUR_PALETTE (scholia_colour_palette_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaColourPalette, scholia_colour_palette, SCHOLIA, COLOUR_PALETTE, GtkWidget)

/* A grid of round colour buttons, one per colour of the GNOME palette that reads well as a
 * translucent highlight on light and dark pages. The "colour" property marks the current
 * colour ("#rrggbb"; none is marked when it is not one of the palette's); "colour-activated"
 * is emitted only when the user picks a colour, never when the property is set. */
GtkWidget  *scholia_colour_palette_new             (void);
const char *scholia_colour_palette_get_colour      (ScholiaColourPalette *self);
void        scholia_colour_palette_set_colour      (ScholiaColourPalette *self,
                                                    const char           *colour);

/* The translated name of a palette colour ("Blue"), or NULL for a colour outside it. */
const char *scholia_colour_palette_get_colour_name (const char           *colour);

/* Draws a round swatch of @colour filling a width × height area, outlined so that pale and
 * dark colours both stand out from the background. */
void        scholia_colour_palette_draw_swatch     (cairo_t              *cr,
                                                    int                   width,
                                                    int                   height,
                                                    const char           *colour,
                                                    gboolean              checked);

G_END_DECLS
