/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

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

G_END_DECLS
