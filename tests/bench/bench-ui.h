/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Iterates until @window has painted a frame after this call: what a user waits for. */
void   bench_wait_for_paint (GtkWidget *window);

/* Whether @text_view shows its caret whole: where a jump (Ctrl+End, an annotation) must land. */
gboolean bench_caret_is_visible (GtkTextView *text_view);

G_END_DECLS
