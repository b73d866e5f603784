/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-import-batch.h"
#include "scholia-reading-view.h"
#include "scholia-window.h"

G_BEGIN_DECLS

/* The window's parts, shared by the files that implement it: scholia-window.c (panes, the open
 * document, deleting) and scholia-window-import.c (every way essays come in). */
struct _ScholiaWindow
{
  AdwApplicationWindow  parent_instance;

  ScholiaStore         *store;
  GSettings            *settings;
  GtkNativeDialog      *chooser;

  /* The document in the reader, or NULL; followed for renames. */
  ScholiaDocument      *document;
  GSignalGroup         *document_signals;

  /* The batch running now, files waiting for it, and what failed since the progress bar
   * last appeared (ImportFailure). */
  ScholiaImportBatch   *import_batch;
  GCancellable         *import_cancellable;
  GPtrArray            *import_queue;
  GPtrArray            *import_failures;
  guint                 import_reveal_id;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  AdwBin               *sidebar_bin;
  GtkWidget            *sidebar;
  GtkWidget            *content_box;
  AdwHeaderBar         *content_header;
  AdwWindowTitle       *content_title;
  GtkWidget            *back_button;
  GtkMenuButton        *primary_menu_button;
  GtkWidget            *document_menu_button;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  GtkStack             *document_stack;
  AdwBin               *document_bin;
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

G_END_DECLS
