/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-annotation-inspector.h"
#include "scholia-comparison-view.h"
#include "scholia-highlighter.h"
#include "scholia-library.h"
#include "scholia-matrix-view.h"
#include "scholia-reading-view.h"
#include "scholia-tag-palette.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_DOCUMENT_PAGE (scholia_document_page_get_type ())

/**
 * ScholiaDocumentPage:
 *
 * The reading desk beside the library: the open essay (a #ScholiaReading of the page's
 * #ScholiaLibrary, which the highlighter, the gutter, the inspector and the actions ask) in the
 * reading view with its highlights and margin, the tag palette above it, the find bar, and the
 * pane beside it (the annotation inspector, the comparison and the matrix). It owns the "doc."
 * actions (the open essay) and the "annotation." actions (the annotation being inspected); the
 * window it sits in inserts both groups so that its menus and shortcuts reach them. What it
 * cannot do itself (a toast) it asks of the nearest AdwToastOverlay above it.
 */
G_DECLARE_FINAL_TYPE (ScholiaDocumentPage, scholia_document_page, SCHOLIA, DOCUMENT_PAGE, GtkWidget)

GtkWidget                  *scholia_document_page_new                (void);
void                        scholia_document_page_set_library        (ScholiaDocumentPage *self,
                                                                      ScholiaLibrary      *library);
gboolean                    scholia_document_page_show_document      (ScholiaDocumentPage *self,
                                                                      ScholiaDocument     *document,
                                                                      GError             **error);
ScholiaDocument            *scholia_document_page_get_document       (ScholiaDocumentPage *self);
ScholiaReading             *scholia_document_page_get_reading        (ScholiaDocumentPage *self);
void                        scholia_document_page_flush              (ScholiaDocumentPage *self);
void                        scholia_document_page_show_pane          (ScholiaDocumentPage *self,
                                                                      const char          *page);
const char                 *scholia_document_page_get_pane           (ScholiaDocumentPage *self);
gboolean                    scholia_document_page_get_pane_revealed  (ScholiaDocumentPage *self);
void                        scholia_document_page_set_pane_revealed  (ScholiaDocumentPage *self,
                                                                      gboolean             revealed);
gboolean                    scholia_document_page_get_pane_folded    (ScholiaDocumentPage *self);
gboolean                    scholia_document_page_focus_text         (ScholiaDocumentPage *self);
gboolean                    scholia_document_page_focus_pane         (ScholiaDocumentPage *self);
gboolean                    scholia_document_page_pane_contains      (ScholiaDocumentPage *self,
                                                                      GtkWidget           *widget);
void                        scholia_document_page_show_passage       (ScholiaDocumentPage *self,
                                                                      ScholiaPassage      *passage);
GActionGroup               *scholia_document_page_get_action_group   (ScholiaDocumentPage *self,
                                                                      const char          *prefix);

ScholiaReadingView         *scholia_document_page_get_reading_view   (ScholiaDocumentPage *self);
ScholiaHighlighter         *scholia_document_page_get_highlighter    (ScholiaDocumentPage *self);
ScholiaTagPalette          *scholia_document_page_get_tag_palette    (ScholiaDocumentPage *self);
ScholiaAnnotationInspector *scholia_document_page_get_inspector      (ScholiaDocumentPage *self);
ScholiaComparisonView      *scholia_document_page_get_comparison_view (ScholiaDocumentPage *self);
ScholiaMatrixView          *scholia_document_page_get_matrix_view    (ScholiaDocumentPage *self);

G_END_DECLS
