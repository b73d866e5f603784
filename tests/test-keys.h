/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Real key presses for the widget tests, through the X server (xdotool, XTEST): they take the
 * path a user's do, input method, capture controllers, shortcuts and focus included. GTK 4 has no
 * way of synthesizing key events itself. */

/* Whether keys can be sent: an X11 display and xdotool. If not, the test is marked skipped and
 * should return. */
gboolean test_keys_available (void);
/* Makes @window the active window of the X server, so that it receives the keys. */
void     test_keys_focus     (GtkWindow   *window);
/* Types @text, one key press per character, as xdotool type does. */
void     test_keys_type      (const char  *text);
/* Presses and releases one key, named as X keysyms are ("Escape", "Return", "ctrl+z"). */
void     test_keys_press     (const char  *key);
/* Runs the main loop until @condition returns TRUE or a few seconds have passed (the keys reach
 * the application asynchronously); returns the last result of @condition. */
gboolean test_keys_wait      (gboolean   (*condition) (gpointer data),
                              gpointer      data);

G_END_DECLS
