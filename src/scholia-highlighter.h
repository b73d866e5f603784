/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtksourceview/gtksource.h>

#include "scholia-annotation-filter.h"
#include "scholia-annotation-gutter.h"
#include "scholia-reading.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_HIGHLIGHTER (scholia_highlighter_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaHighlighter, scholia_highlighter, SCHOLIA, HIGHLIGHTER, GObject)

ScholiaHighlighter      *scholia_highlighter_new            (GtkSourceView      *view);
GtkSourceView           *scholia_highlighter_get_view       (ScholiaHighlighter *self);
ScholiaAnnotationGutter *scholia_highlighter_get_gutter     (ScholiaHighlighter *self);
void                     scholia_highlighter_set_reading    (ScholiaHighlighter *self,
                                                             ScholiaReading     *reading);
ScholiaReading          *scholia_highlighter_get_reading    (ScholiaHighlighter *self);
void                     scholia_highlighter_set_participant_filter (ScholiaHighlighter      *self,
                                                                     ScholiaAnnotationFilter *filter);

G_END_DECLS
