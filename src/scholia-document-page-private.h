/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scholia-document-page.h"

G_BEGIN_DECLS

/* Shared by scholia-document-page.c (the page, the open essay, its highlights and pane) and
 * scholia-document-page-actions.c (the "doc." and "annotation." actions). */
struct _ScholiaDocumentPage
{
  GtkWidget             parent_instance;

  /* The open library, and its store and editor (every annotation edit, undoable) for short. */
  ScholiaLibrary       *library;
  ScholiaStore         *store;
  ScholiaEditor        *editor;

  /* The open essay: its text, its annotations and the current one, which the highlighter,
   * its gutter, the inspector and the actions ask. */
  ScholiaReading       *reading;
  GSignalGroup         *reading_signals;
  GSignalGroup         *tags_signals;
  GPtrArray            *menu_tags;
  ScholiaHighlighter   *highlighter;
  ScholiaReadingView   *reading_view;
  GSimpleActionGroup   *doc_actions;
  GSimpleActionGroup   *annotation_actions;

  GtkRevealer          *palette_revealer;
  ScholiaTagPalette    *tag_palette;
  AdwFlap              *inspector_flap;
  GtkStack             *document_stack;
  AdwBin               *document_bin;
  AdwViewStack         *pane_stack;
  ScholiaAnnotationInspector *inspector;
  ScholiaComparisonView *comparison_view;
  ScholiaMatrixView    *matrix_view;
  GMenu                *selection_menu;
  GMenu                *tag_menu;
};

void _scholia_document_page_add_message_toast  (ScholiaDocumentPage *self,
                                                const char          *message);
void _scholia_document_page_inspect_annotation (ScholiaDocumentPage *self,
                                                ScholiaAnnotation   *annotation);

ScholiaAnnotation *_scholia_document_page_lookup_annotation (ScholiaDocumentPage *self,
                                                             gint64               annotation_id);

void _scholia_document_page_init_actions       (ScholiaDocumentPage *self);
void _scholia_document_page_update_actions     (ScholiaDocumentPage *self);
void _scholia_document_page_watch_selection    (ScholiaDocumentPage *self);

G_END_DECLS
