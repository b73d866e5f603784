/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scholia-document-page.h"

G_BEGIN_DECLS

/* Shared by the page's files, which call each other one way only (see the top of
 * scholia-document-page.c): scholia-document-page.c (the type and its public API) calls
 * -actions.c (the "doc." and "annotation." actions) and -menu.c (the context menu); those and
 * the page call -pane.c and -toasts.c, which call none of the others. */
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
  /* Where the focus was when the pane opened (weak), for it to go back there on closing. */
  GtkWidget            *focus_before_pane;
};

/* scholia-document-page-toasts.c */
void _scholia_document_page_add_toast          (ScholiaDocumentPage          *self,
                                                AdwToast                     *toast);
void _scholia_document_page_add_message_toast  (ScholiaDocumentPage          *self,
                                                const char                   *message);
void _scholia_document_page_report_reanchoring (ScholiaDocumentPage          *self,
                                                const ScholiaReanchorSummary *summary);

/* scholia-document-page-pane.c */
void _scholia_document_page_reveal_pane        (ScholiaDocumentPage *self,
                                                const char          *page);
void _scholia_document_page_inspect_annotation (ScholiaDocumentPage *self,
                                                ScholiaAnnotation   *annotation);
void _scholia_document_page_select_annotation  (ScholiaDocumentPage *self,
                                                ScholiaAnnotation   *annotation);

void _scholia_document_page_pane_revealed_changed (ScholiaDocumentPage *self);

ScholiaAnnotation *_scholia_document_page_lookup_annotation (ScholiaDocumentPage *self,
                                                             gint64               annotation_id);

/* scholia-document-page-menu.c */
void _scholia_document_page_rebuild_tag_menu   (ScholiaDocumentPage *self);
void _scholia_document_page_dispose_tag_menu   (ScholiaDocumentPage *self);

/* scholia-document-page-unplaced.c: calls only -toasts.c */
void _scholia_document_page_delete_unplaced    (ScholiaDocumentPage *self);

/* scholia-document-page-actions.c */
void _scholia_document_page_init_actions       (ScholiaDocumentPage *self);
void _scholia_document_page_update_actions     (ScholiaDocumentPage *self);
void _scholia_document_page_watch_selection    (ScholiaDocumentPage *self);

G_END_DECLS
