/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-link-arrows.h"

#include <glib/gi18n.h>
#include <math.h>

#include "scholia-link.h"

#define LINE_WIDTH  2.5
#define HEAD_LENGTH 11.0
#define HEAD_ANGLE  (G_PI / 7)

typedef struct
{
  const char *type;
  const char *light;
  const char *dark;
} TypeColour;

/* GNOME's palette: blue 4, green 5, red 4, purple 3 on white; their lighter steps on dark. */
static const TypeColour type_colours[] = {
  { SCHOLIA_LINK_TYPE_ANSWERS,     "#1c71d8", "#62a0ea" },
  { SCHOLIA_LINK_TYPE_AGREES_WITH, "#26a269", "#8ff0a4" },
  { SCHOLIA_LINK_TYPE_CONTRADICTS, "#c01c28", "#f66151" },
  { SCHOLIA_LINK_TYPE_SAME_SOURCE, "#813d9c", "#dc8add" },
};
/* Brown, for every type of the user's. */
static const TypeColour user_colour = { NULL, "#865e3c", "#cdab8f" };

static const TypeColour *
find_colour (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_colours); i++)
    if (g_strcmp0 (type, type_colours[i].type) == 0)
      return &type_colours[i];
  return &user_colour;
}

static gboolean
is_dashed (const char *type)
{
  return g_strcmp0 (type, SCHOLIA_LINK_TYPE_SAME_SOURCE) == 0 || !scholia_link_type_is_builtin (type);
}

void
scholia_link_arrow_clear (ScholiaLinkArrow *arrow)
{
  g_clear_pointer (&arrow->type, g_free);
}

void
scholia_link_arrow_get_colour (const char *type,
                               gboolean    dark,
                               GdkRGBA    *colour)
{
  const TypeColour *found = find_colour (type);

  gdk_rgba_parse (colour, dark ? found->dark : found->light);
}

void
scholia_link_arrow_draw (const ScholiaLinkArrow *arrow,
                         cairo_t                *cr,
                         gboolean                dark)
{
  static const double dashes[] = { 7.0, 5.0 };
  GdkRGBA colour;
  /* A curve that leaves and enters each column level, as a hand would draw it. */
  double bend = fabs (arrow->x2 - arrow->x1) / 2;
  double direction = arrow->x2 >= arrow->x1 ? 1.0 : -1.0;
  double c1x = arrow->x1 + direction * bend;
  double c2x = arrow->x2 - direction * bend;
  /* The curve enters the target level: the head points straight along the row. */
  double angle = direction > 0 ? 0 : G_PI;

  scholia_link_arrow_get_colour (arrow->type, dark, &colour);

  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, &colour);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (is_dashed (arrow->type))
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);

  cairo_move_to (cr, arrow->x1, arrow->y1);
  cairo_curve_to (cr, c1x, arrow->y1, c2x, arrow->y2, arrow->x2 - direction * HEAD_LENGTH / 2, arrow->y2);
  cairo_stroke (cr);

  /* The head, solid whatever the stroke. */
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, arrow->x2, arrow->y2);
  cairo_line_to (cr, arrow->x2 - HEAD_LENGTH * cos (angle - HEAD_ANGLE),
                 arrow->y2 - HEAD_LENGTH * sin (angle - HEAD_ANGLE));
  cairo_line_to (cr, arrow->x2 - HEAD_LENGTH * cos (angle + HEAD_ANGLE),
                 arrow->y2 - HEAD_LENGTH * sin (angle + HEAD_ANGLE));
  cairo_close_path (cr);
  cairo_fill (cr);

  /* A dot marks where the arrow leaves. */
  cairo_arc (cr, arrow->x1, arrow->y1, LINE_WIDTH * 1.4, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
}

char *
scholia_link_arrow_legend (const char * const *types,
                           gboolean            dark)
{
  g_autoptr(GString) markup = g_string_new (NULL);

  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    {
      const TypeColour *found = find_colour (types[i]);
      g_autofree char *label = scholia_link_type_get_label (types[i]);
      g_autofree char *escaped = g_markup_escape_text (label, -1);

      if (i > 0)
        g_string_append (markup, "   ");
      g_string_append_printf (markup, "<span foreground=\"%s\" weight=\"bold\">%s</span> %s",
                              dark ? found->dark : found->light,
                              is_dashed (types[i]) ? "╌╌▶" : "──▶", escaped);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}
