/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-agreement-strip.h"
#include "scholia-document-page.h"
#include "scholia-seminar-dialog.h"
#include "scholia-window.h"

G_BEGIN_DECLS

/* Helpers for the widget tests only: the core's tests do not link GTK. */

/* gtk_test_init () and adw_init (), then the application's stylesheet, which widgets built
 * without the application would not see. */
void test_ui_init       (int     *argc,
                         char  ***argv);
/* Runs whatever the main context has ready (redraws, idle callbacks), without waiting. */
void drain_main_context (void);
/* The pane beside the reader folds into an overlay when the window is narrow, and folding
 * hides it: the first layout must be done before a test opens it. Its width is 0 until then. */
void wait_for_layout    (ScholiaWindow *window);
/* The pane beside the reader slides in and out: until it has, it cannot take the focus or hold
 * a popover. */
void wait_for_pane      (ScholiaWindow *window);

/* The window's document page and its parts. */
ScholiaDocumentPage        *window_page       (ScholiaWindow *window);
ScholiaReadingView         *window_reader     (ScholiaWindow *window);
ScholiaAnnotationInspector *window_inspector  (ScholiaWindow *window);
ScholiaComparisonView      *window_comparison (ScholiaWindow *window);
/* The agreement map's strip in the reader's margin, or NULL while the map is hidden. */
ScholiaAgreementStrip      *window_agreement_strip (ScholiaWindow *window);

/* A named part of the window's or its document page's template. */
gpointer   window_child    (ScholiaWindow *window,
                            const char    *name);
gpointer   page_child      (ScholiaWindow *window,
                            const char    *name);
/* @widget itself or its first descendant of @type, or NULL. */
GtkWidget *find_descendant (GtkWidget     *widget,
                            GType          type);
/* The window transient for @parent that is or holds a widget of @type, or NULL; there must be
 * no second one. */
GtkWindow *find_transient  (GtkWindow     *parent,
                            GType          type);
/* Activates @action ("library.new-seminar", "library.join-seminar") on @window and returns the
 * seminar dialog it opened (a new reference). */
ScholiaSeminarDialog *open_seminar_dialog (ScholiaWindow *window,
                                           const char    *action);
/* Presses @trigger ("<Control><Shift>c") as @window's global shortcut controller does, checking
 * that it names @action_name ("doc.copy-citation"). */
void  press_global_shortcut (ScholiaWindow *window,
                             const char    *trigger,
                             const char    *action_name);
/* What a paste would give, read back through @widget's clipboard like another application. */
char *read_clipboard_text   (GtkWidget     *widget);

G_END_DECLS
