/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How an arrow between two linked passages looks, by the link's type: a colour of the GNOME
 * palette that reads on the light or the dark style, and a solid stroke for answers, agrees
 * with and contradicts, a dashed one for cites the same source and the user's own types. */

/* An arrow from a link's source passage to its target, in the coordinates of the widget that
 * draws it. */
typedef struct
{
  gint64  link_id;
  char   *type;
  double  x1, y1;   /* at the source */
  double  x2, y2;   /* at the target: the head */
} ScholiaLinkArrow;

void   scholia_link_arrow_clear      (ScholiaLinkArrow *arrow);
void   scholia_link_arrow_get_colour (const char       *type,
                                      gboolean          dark,
                                      GdkRGBA          *colour);
void   scholia_link_arrow_draw       (const ScholiaLinkArrow *arrow,
                                      cairo_t          *cr,
                                      gboolean          dark);
/* Pango markup naming each of @types (distinct, NULL-terminated) in its colour and stroke. */
char  *scholia_link_arrow_legend     (const char * const *types,
                                      gboolean          dark);

G_END_DECLS
