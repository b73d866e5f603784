/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void scholia_text_view_scroll_to_insert (GtkTextView *text_view);

G_END_DECLS
