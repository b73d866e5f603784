/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-editor.h"
#include "scholia-reading.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_ANNOTATION_INSPECTOR (scholia_annotation_inspector_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaAnnotationInspector, scholia_annotation_inspector,
                      SCHOLIA, ANNOTATION_INSPECTOR, GtkWidget)

/* The sidebar that shows one annotation of a document: its quote, tags, themes, note and
 * dates, with previous/next through the document's annotations in text order and the
 * annotations that lost their place, all as the reading (the open document) has them; the
 * annotation shown is the reading's current one. Every change goes through the editor, so it
 * can be undone. The note is saved as the user types; call flush() before the window closes so that
 * nothing typed in the last moment is lost. The action "inspector.pick-theme" pops up its
 * theme picker (see scholia-theme-picker.h) under the Add to Theme button. */
ScholiaAnnotationInspector *scholia_annotation_inspector_new            (void);

ScholiaEditor              *scholia_annotation_inspector_get_editor     (ScholiaAnnotationInspector *self);
void                        scholia_annotation_inspector_set_editor     (ScholiaAnnotationInspector *self,
                                                                         ScholiaEditor              *editor);
ScholiaReading             *scholia_annotation_inspector_get_reading    (ScholiaAnnotationInspector *self);
void                        scholia_annotation_inspector_set_reading    (ScholiaAnnotationInspector *self,
                                                                         ScholiaReading             *reading);
ScholiaAnnotation          *scholia_annotation_inspector_get_annotation (ScholiaAnnotationInspector *self);
void                        scholia_annotation_inspector_set_annotation (ScholiaAnnotationInspector *self,
                                                                         ScholiaAnnotation          *annotation);

GtkWidget                  *scholia_annotation_inspector_get_link_list (ScholiaAnnotationInspector *self);

void                        scholia_annotation_inspector_flush          (ScholiaAnnotationInspector *self);

G_END_DECLS
