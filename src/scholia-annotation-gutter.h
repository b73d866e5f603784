/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define SCHOLIA_TYPE_ANNOTATION_GUTTER (scholia_annotation_gutter_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaAnnotationGutter, scholia_annotation_gutter,
                      SCHOLIA, ANNOTATION_GUTTER, GtkSourceGutterRenderer)

guint scholia_annotation_gutter_get_marks_for_line (ScholiaAnnotationGutter *self,
                                                    int                      line,
                                                    GdkRGBA                 *colours,
                                                    guint                    max_colours);

char *scholia_annotation_gutter_dup_readers_for_line (ScholiaAnnotationGutter *self,
                                                      int                      line);
guint scholia_annotation_gutter_activate_line    (ScholiaAnnotationGutter *self,
                                                    int                      line);

G_END_DECLS
