/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-annotation-inspector.h"
#include "scholia-comparison-view.h"
#include "scholia-editor.h"
#include "scholia-highlighter.h"
#include "scholia-library.h"
#include "scholia-matrix-view.h"
#include "scholia-reading-view.h"
#include "scholia-side-by-side.h"
#include "scholia-tag-palette.h"
#include "scholia-window.h"

G_BEGIN_DECLS

/* The window's parts, shared by the files that implement it: scholia-window.c (panes, the open
 * document, deleting), scholia-window-import.c (every way essays come in),
 * scholia-window-annotate.c (highlighting, the inspector, themes, undo),
 * scholia-window-compare.c (the sidebar's Compare and Matrix pages, side by side) and
 * scholia-window-export.c (PDF exports). */
struct _ScholiaWindow
{
  AdwApplicationWindow  parent_instance;

  /* The open library, and its store for short. */
  ScholiaLibrary       *library;
  ScholiaStore         *store;
  GSettings            *settings;
  GtkNativeDialog      *chooser;

  /* The document in the reader, or NULL; followed for renames. */
  ScholiaDocument      *document;
  GSignalGroup         *document_signals;

  /* The library's batch running now is the window's while this is set; files waiting for
   * it, and what failed since the progress bar last appeared (ImportFailure). */
  GCancellable         *import_cancellable;
  GPtrArray            *import_queue;
  GPtrArray            *import_failures;
  guint                 import_reveal_id;

  /* Every annotation edit of the open library goes through its editor, so it can be undone;
   * the reading is the open document, whose annotations the highlighter draws on the reader
   * and the inspector shows. */
  GSignalGroup         *editor_signals;
  GSignalGroup         *tags_signals;
  ScholiaHighlighter   *highlighter;
  ScholiaReading       *reading;
  GSignalGroup         *reading_signals;
  GMenu                *tag_menu;
  GMenu                *selection_menu;
  GPtrArray            *menu_tags;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  AdwBin               *sidebar_bin;
  GtkWidget            *sidebar;
  GtkWidget            *content_box;
  AdwHeaderBar         *content_header;
  AdwWindowTitle       *content_title;
  GtkRevealer          *read_only_revealer;
  GtkWidget            *back_button;
  GtkMenuButton        *primary_menu_button;
  GtkWidget            *document_menu_button;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  GtkStack             *document_stack;
  AdwFlap              *inspector_flap;
  AdwBin               *document_bin;
  GtkWidget            *pane_box;
  AdwViewStack         *pane_stack;
  ScholiaAnnotationInspector *inspector;
  ScholiaComparisonView *comparison_view;
  ScholiaMatrixView    *matrix_view;
  GtkWindow            *side_by_side_window;   /* weak */
  ScholiaSideBySide    *side_by_side;          /* weak, in that window */
  GtkWindow            *export_dialog;         /* weak */
  GtkRevealer          *palette_revealer;
  ScholiaTagPalette    *tag_palette;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkToggleButton      *inspector_button;
  ScholiaReadingView   *reading_view;
  GtkActionBar         *import_bar;
  GtkLabel             *import_label;
  GtkProgressBar       *import_progress;
};

void _scholia_window_class_init_import (GtkWidgetClass *widget_class);
void _scholia_window_init_import       (ScholiaWindow  *self);
void _scholia_window_dispose_import    (ScholiaWindow  *self);
void _scholia_window_update_actions    (ScholiaWindow  *self);
void _scholia_window_notify_importing  (ScholiaWindow  *self);
void _scholia_window_add_message_toast (ScholiaWindow  *self,
                                        const char     *message);

void _scholia_window_class_init_annotate     (GtkWidgetClass  *widget_class);
void _scholia_window_init_annotate           (ScholiaWindow   *self);
void _scholia_window_dispose_annotate        (ScholiaWindow   *self);
void _scholia_window_update_annotate_actions (ScholiaWindow   *self);
void _scholia_window_annotate_set_store      (ScholiaWindow   *self);
void _scholia_window_annotate_leave_document (ScholiaWindow   *self);
void _scholia_window_annotate_show_document  (ScholiaWindow                *self,
                                              const ScholiaReanchorSummary *summary,
                                              const GError                 *reanchor_error);

void _scholia_window_class_init_compare     (GtkWidgetClass  *widget_class);
void _scholia_window_init_compare           (ScholiaWindow   *self);
void _scholia_window_dispose_compare        (ScholiaWindow   *self);
void _scholia_window_update_compare_actions (ScholiaWindow   *self);
void _scholia_window_show_pane              (ScholiaWindow   *self,
                                             const char      *page);

void _scholia_window_class_init_interop     (GtkWidgetClass  *widget_class);
void _scholia_window_init_interop           (ScholiaWindow   *self);
void _scholia_window_update_interop_actions (ScholiaWindow   *self);

gboolean _scholia_window_export_annotations (ScholiaWindow   *self,
                                             GFile           *file,
                                             const char      *format,
                                             gboolean         whole_library,
                                             GError         **error);

void _scholia_window_class_init_export      (GtkWidgetClass  *widget_class);
void _scholia_window_show_exported_toast    (ScholiaWindow   *self,
                                             GFile           *file);
void _scholia_window_dispose_export         (ScholiaWindow   *self);
void _scholia_window_update_export_actions  (ScholiaWindow   *self);

G_END_DECLS
