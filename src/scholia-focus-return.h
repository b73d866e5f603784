/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Focus that goes back where it was (issue 12): once @surface, a GtkPopover or a GtkWindow
 * opened from @widget, closes, @widget's window is brought forward and @widget takes the focus
 * again, if it is still shown; a text view gets back the selection it had (as offsets: for text
 * that does not change meanwhile, as the reader's). Asking again for the same @surface replaces
 * the widget; a NULL @widget leaves the focus to GTK. */
void scholia_focus_return_when_closed (GtkWidget *surface,
                                       GtkWidget *widget);

G_END_DECLS
