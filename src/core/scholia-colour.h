/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Tag colours and how far apart they look.
 *
 * The reader tells tags apart by the translucent wash each one lays behind the text, so what
 * must differ is the wash as drawn on the page, not the colour a tag stores: Scholia's palette
 * is chosen so that every wash, in the light and in the dark scheme, is at least
 * SCHOLIA_COLOUR_MIN_DELTA_E (CIE76 ΔE*ab) from every other and from the text selection, and
 * leaves the text on it at least SCHOLIA_COLOUR_MIN_CONTRAST readable. tests/test-colour.c
 * checks this over the very tables below, which the store (colours of new tags), the palette
 * widget and the highlighter all read. */

/* ΔE*ab 20 is a difference anyone sees at a glance, even between pale washes. */
#define SCHOLIA_COLOUR_MIN_DELTA_E  20.0
/* WCAG AA for body text. */
#define SCHOLIA_COLOUR_MIN_CONTRAST 4.5

/* A participant's band in the gutter is a thin solid stroke: WCAG's 3:1 for graphics. */
#define SCHOLIA_COLOUR_MIN_BAND_CONTRAST     3.0
/* Participants' colours differ from each other and from tags' at least this much (ΔE*ab). */
#define SCHOLIA_COLOUR_MIN_PARTICIPANT_DELTA_E 30.0

/* Annotations without a tag are washed in this neutral grey. */
#define SCHOLIA_COLOUR_UNTAGGED     "#9a9996"

/* sRGB, each channel in 0…1. */
typedef struct
{
  double red;
  double green;
  double blue;
} ScholiaRgb;

/* CIELAB under D65. */
typedef struct
{
  double l;
  double a;
  double b;
} ScholiaLab;

typedef struct
{
  const char *colour; /* "#rrggbb" */
  const char *name;   /* untranslated: look it up in the gettext domain to show it */
} ScholiaPaletteColour;

/* How the reading view paints a scheme: its page and text colours (those of the GtkSourceView
 * style scheme it uses), the alpha of a highlight's wash and of the stronger wash where
 * highlights overlap, and the text selection (libadwaita's: the accent colour at an alpha over
 * the page while the view has focus). */
typedef struct
{
  const char *page;
  const char *text;
  double      wash_alpha;
  double      strong_wash_alpha;
  const char *selection;
  double      selection_alpha;
} ScholiaColourScheme;

gboolean                    scholia_colour_parse         (const char       *colour,
                                                          ScholiaRgb       *rgb);
void                        scholia_colour_blend         (const ScholiaRgb *top,
                                                          double            alpha,
                                                          const ScholiaRgb *bottom,
                                                          ScholiaRgb       *result);
void                        scholia_colour_to_lab        (const ScholiaRgb *rgb,
                                                          ScholiaLab       *lab);
double                      scholia_colour_delta_e_76    (const ScholiaLab *one,
                                                          const ScholiaLab *other);
double                      scholia_colour_delta_e_2000  (const ScholiaLab *one,
                                                          const ScholiaLab *other);
double                      scholia_colour_contrast      (const ScholiaRgb *one,
                                                          const ScholiaRgb *other);

const ScholiaPaletteColour *scholia_colour_get_palette   (guint            *n_colours);
const char                 *scholia_colour_get_automatic (guint             n_existing);
/* The seminar participants' colours (see scholia-colour.c). */
const ScholiaPaletteColour *scholia_colour_get_participant_palette (guint *n_colours);
const ScholiaColourScheme  *scholia_colour_get_scheme    (gboolean          dark);
gboolean                    scholia_colour_get_wash      (const char       *colour,
                                                          gboolean          dark,
                                                          ScholiaRgb       *wash);

G_END_DECLS
