/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scholia-agreement-bar.h"
#include "scholia-document-page.h"

G_BEGIN_DECLS

/* Shared by the page's files, which call each other one way only (see the top of
 * scholia-document-page.c): scholia-document-page.c (the type and its public API) calls
 * -actions.c (the "doc." and "annotation." actions) and -menu.c (the context menu); those and
 * the page call -pane.c, -toasts.c and -a11y.c, which call none of the others. */
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
  /* Whether the comparison and the matrix have been given the library: each reads the whole
   * library, so it is given it when first shown or asked for, not as the library opens. */
  gboolean              comparison_bound;
  gboolean              matrix_bound;
  ScholiaAnnotationList *annotation_list;
  GMenu                *selection_menu;
  GMenu                *tag_menu;
  /* Where the focus was when the pane opened (weak), for it to go back there on closing. */
  GtkWidget            *focus_before_pane;
  /* Pops the theme picker up once the pane has slid in, if it was asked for before. */
  guint                 pick_theme_tick;

  /* The agreement map (-agreement.c): its bar under the reader, its strip in the margin while
   * shown, the store's signals, and the refresh waiting for the main loop. */
  GtkRevealer          *agreement_revealer;
  ScholiaAgreementBar  *agreement_bar;
  GtkSourceGutterRenderer *agreement_strip;
  GSignalGroup         *agreement_signals;
  guint                 agreement_idle_id;
};

/* scholia-document-page-toasts.c */
void _scholia_document_page_add_toast          (ScholiaDocumentPage          *self,
                                                AdwToast                     *toast);
void _scholia_document_page_add_message_toast  (ScholiaDocumentPage          *self,
                                                const char                   *message);
void _scholia_document_page_report_reanchoring (ScholiaDocumentPage          *self,
                                                const ScholiaReanchorSummary *summary);

/* scholia-document-page-a11y.c */
void _scholia_document_page_describe_caret     (ScholiaDocumentPage *self);

/* scholia-document-page-pane.c */
void _scholia_document_page_reveal_pane        (ScholiaDocumentPage *self,
                                                const char          *page);
void _scholia_document_page_inspect_annotation (ScholiaDocumentPage *self,
                                                ScholiaAnnotation   *annotation);
void _scholia_document_page_offer_inspector    (ScholiaDocumentPage *self);
void _scholia_document_page_pick_theme         (ScholiaDocumentPage *self);
void _scholia_document_page_follow_annotation  (ScholiaDocumentPage *self,
                                                ScholiaAnnotation   *annotation);
void _scholia_document_page_select_annotation  (ScholiaDocumentPage *self,
                                                ScholiaAnnotation   *annotation);

void _scholia_document_page_pane_revealed_changed (ScholiaDocumentPage *self);
void _scholia_document_page_bind_comparison    (ScholiaDocumentPage *self);
void _scholia_document_page_bind_matrix        (ScholiaDocumentPage *self);
void _scholia_document_page_pane_page_changed  (ScholiaDocumentPage *self);

ScholiaAnnotation *_scholia_document_page_lookup_annotation (ScholiaDocumentPage *self,
                                                             gint64               annotation_id);

/* scholia-document-page-layout.c */
void _scholia_document_page_init_layout        (ScholiaDocumentPage *self);

/* scholia-document-page-menu.c */
void _scholia_document_page_rebuild_tag_menu   (ScholiaDocumentPage *self);
void _scholia_document_page_dispose_tag_menu   (ScholiaDocumentPage *self);

/* scholia-document-page-unplaced.c: calls only -toasts.c */
void _scholia_document_page_delete_unplaced    (ScholiaDocumentPage *self);

/* scholia-document-page-agreement.c: calls only -toasts.c */
void _scholia_document_page_init_agreement     (ScholiaDocumentPage *self);
void _scholia_document_page_update_agreement   (ScholiaDocumentPage *self);
void _scholia_document_page_dispose_agreement  (ScholiaDocumentPage *self);

/* scholia-document-page-actions.c */
void _scholia_document_page_init_actions       (ScholiaDocumentPage *self);
void _scholia_document_page_update_actions     (ScholiaDocumentPage *self);
void _scholia_document_page_watch_selection    (ScholiaDocumentPage *self);

G_END_DECLS
