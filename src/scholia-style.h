/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The application's stylesheet (ui/style.css) for every widget on @display, once per display.
 * The application installs it at start-up; widget tests, which build widgets without the
 * application, install it themselves so that they see the same styles. */
void scholia_style_install (GdkDisplay *display);

G_END_DECLS
