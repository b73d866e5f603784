/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-annotation-filter.h"
#include "scholia-editor.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_ANNOTATION_LIST (scholia_annotation_list_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaAnnotationList, scholia_annotation_list, SCHOLIA, ANNOTATION_LIST, GtkWidget)

/* Every annotation of the open essay in text order, or of the whole library essay by essay
 * (in the order they were added), each with its quote, tags, themes, the first line of its
 * note and its page; narrowed by tag, by theme (a ScholiaAnnotationFilter) and by text in the
 * quote or note. Rows can be selected together (Shift/Ctrl-click, Ctrl+A) for bulk actions,
 * each one undo step through the editor: add a tag, add to or remove from a theme, delete
 * (Delete). Enter or a click on a row emits "annotation-activated" (ScholiaAnnotation *), for
 * the window to show the passage. It keeps current with the store, while shown. */
GtkWidget               *scholia_annotation_list_new               (void);
void                     scholia_annotation_list_set_editor        (ScholiaAnnotationList *self,
                                                                    ScholiaEditor         *editor);
void                     scholia_annotation_list_set_document      (ScholiaAnnotationList *self,
                                                                    ScholiaDocument       *document);
void                     scholia_annotation_list_set_whole_library (ScholiaAnnotationList *self,
                                                                    gboolean               whole_library);
gboolean                 scholia_annotation_list_get_whole_library (ScholiaAnnotationList *self);
ScholiaAnnotationFilter *scholia_annotation_list_get_filter        (ScholiaAnnotationList *self);
/* Text the quote or note must contain (case-insensitive), as typed in the search entry. */
void                     scholia_annotation_list_set_search_text   (ScholiaAnnotationList *self,
                                                                    const char            *text);
/* (transfer none): the rows shown, as a multi-selection of ScholiaAnnotation. */
GtkSelectionModel       *scholia_annotation_list_get_selection     (ScholiaAnnotationList *self);
/* (transfer full) (element-type ScholiaAnnotation): the selected annotations, in list order. */
GPtrArray               *scholia_annotation_list_dup_selected      (ScholiaAnnotationList *self);
/* Puts the focus on the rows (the last focused, or the first): Ctrl+Alt+L, or Enter in the
 * search entry. */
gboolean                 scholia_annotation_list_focus_rows        (ScholiaAnnotationList *self);
/* Brings the list up to date now rather than at the next idle moment (for a benchmark). */
void                     scholia_annotation_list_refresh           (ScholiaAnnotationList *self);

G_END_DECLS
