/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define SCHOLIA_TYPE_PARAGRAPH_GUTTER (scholia_paragraph_gutter_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaParagraphGutter, scholia_paragraph_gutter,
                      SCHOLIA, PARAGRAPH_GUTTER, GtkSourceGutterRendererText)

/* The reading view's paragraph numbers: "¶ 14" in small dim figures beside the first line of
 * each paragraph, numbered as citations and the PDF number them. */
GtkSourceGutterRenderer *scholia_paragraph_gutter_new        (void);
/* Numbers the paragraphs of @text, the text the view's buffer holds. */
void                     scholia_paragraph_gutter_set_text   (ScholiaParagraphGutter *self,
                                                              const char             *text);
/* The number shown beside buffer line @line, 0 for none. */
guint                    scholia_paragraph_gutter_get_number (ScholiaParagraphGutter *self,
                                                              int                     line);

G_END_DECLS
