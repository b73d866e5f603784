/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "scholia-colour.h"

/* The palette, in the order new tags and themes take its colours; the first four are the
 * built-in tags' (thesis, evidence, source-reference, counter-argument: see the schema). Each
 * value was chosen for its wash, in both schemes (see the header), which leaves room for only
 * five: pale washes differ little, and the text on them must stay readable. Blues are left out
 * because the selection is the accent blue, and a blue wash reads as selected text. */
static const ScholiaPaletteColour palette[] = {
  { "#a01890", N_("Purple") },
  { "#38a010", N_("Green") },
  { "#d07020", N_("Orange") },
  { "#ff0008", N_("Red") },
  { "#ff00ff", N_("Magenta") },
};

/* The seminar participants' colours, for their layers' thin bands in the gutter and their
 * names in lists: solid strokes, not washes, so blues may be used. Each is at least
 * SCHOLIA_COLOUR_MIN_BAND_CONTRAST against the page of both schemes, at least
 * SCHOLIA_COLOUR_MIN_PARTICIPANT_DELTA_E from every other and from every tag colour above, so
 * that a participant never looks like another or like a tag (tests/test-seminar-rules.c checks
 * this). In the order participants take them: neighbours differ most. */
static const ScholiaPaletteColour participant_palette[] = {
  { "#d9214f", N_("Crimson") },
  { "#00a661", N_("Jade") },
  { "#2469f2", N_("Blue") },
  { "#1d97bf", N_("Cerulean") },
  { "#a68a00", N_("Ochre") },
  { "#a6614b", N_("Terracotta") },
  { "#ac49f2", N_("Violet") },
  { "#f2249c", N_("Pink") },
  { "#bf5682", N_("Rose") },
  { "#5670bf", N_("Slate") },
  { "#3f8c79", N_("Teal") },
  { "#738c3f", N_("Olive") },
};

/* The GtkSourceView "Adwaita" and "Adwaita-dark" schemes' text style and libadwaita 1.2's
 * "selection:focus-within { background-color: alpha(@accent_bg_color, 0.3) }", whose accent
 * is #3584e4 in both schemes. */
static const ScholiaColourScheme light_scheme = { "#fcfcfc", "#504e55", 0.28, 0.48, "#3584e4", 0.3 };
static const ScholiaColourScheme dark_scheme = { "#262626", "#c0bfbc", 0.38, 0.62, "#3584e4", 0.3 };

/**
 * scholia_colour_parse:
 * @colour: "#rrggbb"
 * @rgb: (out): the colour
 *
 * Returns: whether @colour was of that form
 */
gboolean
scholia_colour_parse (const char *colour,
                      ScholiaRgb *rgb)
{
  double channels[3];

  if (colour == NULL || colour[0] != '#' || strlen (colour) != 7)
    return FALSE;

  for (int i = 0; i < 3; i++)
    {
      int high = g_ascii_xdigit_value (colour[1 + 2 * i]);
      int low = g_ascii_xdigit_value (colour[2 + 2 * i]);

      if (high < 0 || low < 0)
        return FALSE;
      channels[i] = (high * 16 + low) / 255.0;
    }

  rgb->red = channels[0];
  rgb->green = channels[1];
  rgb->blue = channels[2];
  return TRUE;
}

/* GTK composites in sRGB's encoded values, so this is what reaches the screen. */
void
scholia_colour_blend (const ScholiaRgb *top,
                      double            alpha,
                      const ScholiaRgb *bottom,
                      ScholiaRgb       *result)
{
  result->red = alpha * top->red + (1 - alpha) * bottom->red;
  result->green = alpha * top->green + (1 - alpha) * bottom->green;
  result->blue = alpha * top->blue + (1 - alpha) * bottom->blue;
}

static double
linear (double channel)
{
  return channel <= 0.04045 ? channel / 12.92 : pow ((channel + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  const double delta = 6.0 / 29.0;

  return t > delta * delta * delta ? cbrt (t) : t / (3 * delta * delta) + 4.0 / 29.0;
}

void
scholia_colour_to_lab (const ScholiaRgb *rgb,
                       ScholiaLab       *lab)
{
  double r = linear (rgb->red);
  double g = linear (rgb->green);
  double b = linear (rgb->blue);
  /* sRGB to XYZ, relative to the D65 white point. */
  double fx = lab_f ((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047);
  double fy = lab_f (0.2126729 * r + 0.7151522 * g + 0.0721750 * b);
  double fz = lab_f ((0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883);

  lab->l = 116 * fy - 16;
  lab->a = 500 * (fx - fy);
  lab->b = 200 * (fy - fz);
}

double
scholia_colour_delta_e_76 (const ScholiaLab *one,
                           const ScholiaLab *other)
{
  return sqrt ((one->l - other->l) * (one->l - other->l) + (one->a - other->a) * (one->a - other->a) +
               (one->b - other->b) * (one->b - other->b));
}

static double
radians (double degrees)
{
  return degrees * G_PI / 180;
}

static double
hue_angle (double b,
           double a)
{
  double h;

  if (a == 0 && b == 0)
    return 0;
  h = atan2 (b, a) * 180 / G_PI;
  return h < 0 ? h + 360 : h;
}

/* CIEDE2000, as Sharma, Wu and Dalal give it (Color Res. Appl. 30, 2005), with kL = kC = kH = 1. */
double
scholia_colour_delta_e_2000 (const ScholiaLab *one,
                             const ScholiaLab *other)
{
  double c_mean = (hypot (one->a, one->b) + hypot (other->a, other->b)) / 2;
  double c7 = pow (c_mean, 7);
  double g = 0.5 * (1 - sqrt (c7 / (c7 + pow (25, 7))));
  double a1 = (1 + g) * one->a, a2 = (1 + g) * other->a;
  double c1 = hypot (a1, one->b), c2 = hypot (a2, other->b);
  double h1 = hue_angle (one->b, a1), h2 = hue_angle (other->b, a2);
  double dl = other->l - one->l, dc = c2 - c1, dh = 0, h_mean = h1 + h2;
  double l_mean = (one->l + other->l) / 2, cp_mean = (c1 + c2) / 2, cp7 = pow (cp_mean, 7);
  double t, dtheta, rc, sl, sc, sh, rt, dhh;

  if (c1 * c2 != 0)
    {
      dh = h2 - h1;
      if (dh > 180)
        dh -= 360;
      else if (dh < -180)
        dh += 360;

      if (fabs (h1 - h2) <= 180)
        h_mean = (h1 + h2) / 2;
      else
        h_mean = (h1 + h2 + (h1 + h2 < 360 ? 360 : -360)) / 2;
    }
  dhh = 2 * sqrt (c1 * c2) * sin (radians (dh / 2));

  t = 1 - 0.17 * cos (radians (h_mean - 30)) + 0.24 * cos (radians (2 * h_mean)) +
      0.32 * cos (radians (3 * h_mean + 6)) - 0.20 * cos (radians (4 * h_mean - 63));
  dtheta = 30 * exp (-((h_mean - 275) / 25) * ((h_mean - 275) / 25));
  rc = 2 * sqrt (cp7 / (cp7 + pow (25, 7)));
  sl = 1 + 0.015 * (l_mean - 50) * (l_mean - 50) / sqrt (20 + (l_mean - 50) * (l_mean - 50));
  sc = 1 + 0.045 * cp_mean;
  sh = 1 + 0.015 * cp_mean * t;
  rt = -sin (radians (2 * dtheta)) * rc;

  return sqrt ((dl / sl) * (dl / sl) + (dc / sc) * (dc / sc) + (dhh / sh) * (dhh / sh) +
               rt * (dc / sc) * (dhh / sh));
}

static double
luminance (const ScholiaRgb *rgb)
{
  return 0.2126 * linear (rgb->red) + 0.7152 * linear (rgb->green) + 0.0722 * linear (rgb->blue);
}

/* The WCAG contrast ratio, 1 to 21. */
double
scholia_colour_contrast (const ScholiaRgb *one,
                         const ScholiaRgb *other)
{
  double l1 = luminance (one), l2 = luminance (other);

  return (MAX (l1, l2) + 0.05) / (MIN (l1, l2) + 0.05);
}

const ScholiaPaletteColour *
scholia_colour_get_palette (guint *n_colours)
{
  *n_colours = G_N_ELEMENTS (palette);
  return palette;
}

const ScholiaPaletteColour *
scholia_colour_get_participant_palette (guint *n_colours)
{
  g_return_val_if_fail (n_colours != NULL, NULL);

  *n_colours = G_N_ELEMENTS (participant_palette);
  return participant_palette;
}

/**
 * scholia_colour_get_automatic:
 * @n_existing: how many labels of the kind there are already
 *
 * Returns: the colour a new tag or theme takes: the palette's, in turn
 */
const char *
scholia_colour_get_automatic (guint n_existing)
{
  return palette[n_existing % G_N_ELEMENTS (palette)].colour;
}

const ScholiaColourScheme *
scholia_colour_get_scheme (gboolean dark)
{
  return dark ? &dark_scheme : &light_scheme;
}

/**
 * scholia_colour_get_wash:
 * @colour: "#rrggbb"
 * @dark: which scheme
 * @wash: (out): the colour a highlight in @colour shows on the page
 *
 * Returns: whether @colour was a colour
 */
gboolean
scholia_colour_get_wash (const char *colour,
                         gboolean    dark,
                         ScholiaRgb *wash)
{
  const ScholiaColourScheme *scheme = scholia_colour_get_scheme (dark);
  ScholiaRgb top, page;

  if (!scholia_colour_parse (colour, &top))
    return FALSE;
  scholia_colour_parse (scheme->page, &page);
  scholia_colour_blend (&top, scheme->wash_alpha, &page, wash);
  return TRUE;
}
