/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "scholia-annotation.h"
#include "scholia-annotation-gutter.h"
#include "scholia-highlighter.h"

G_BEGIN_DECLS

/* What the margin needs from the highlighter, and the click path tests drive. */

ScholiaAnnotationGutter *_scholia_annotation_gutter_new          (ScholiaHighlighter *highlighter);

/* The opaque colour of an annotation's first tag, as its mark shows it. */
void                     _scholia_highlighter_get_mark_colour     (ScholiaHighlighter *self,
                                                                   ScholiaAnnotation  *annotation,
                                                                   GdkRGBA            *colour);
/* In a seminar essay, the name of @annotation's participant; NULL elsewhere. */
const char              *_scholia_highlighter_get_participant_name (ScholiaHighlighter *self,
                                                                    ScholiaAnnotation  *annotation);
/* Whether @annotation is drawn: the participant filter lets its author through. */
gboolean                 _scholia_highlighter_shows               (ScholiaHighlighter *self,
                                                                   ScholiaAnnotation  *annotation);
/* Opens @annotations: "annotation-activated" for one, the chooser for
 * several. @pointing_to is in @relative_to's coordinates. */
void                     _scholia_highlighter_activate            (ScholiaHighlighter *self,
                                                                   GPtrArray          *annotations,
                                                                   GtkWidget          *relative_to,
                                                                   const GdkRectangle *pointing_to);
/* What a click at code-point @offset of the text does. Returns how many
 * annotations were found there. */
guint                    _scholia_highlighter_activate_at         (ScholiaHighlighter *self,
                                                                   int                 offset);
/* The chooser popover the gutter hosts, or %NULL when it is not shown. */
GtkPopover              *_scholia_annotation_gutter_get_popover   (ScholiaAnnotationGutter *self);
void                     _scholia_annotation_gutter_show_popover  (ScholiaAnnotationGutter *self,
                                                                   GtkPopover              *popover,
                                                                   GtkWidget               *relative_to,
                                                                   const GdkRectangle      *pointing_to);

G_END_DECLS
