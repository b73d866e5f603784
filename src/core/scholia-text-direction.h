/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which way an essay reads, for what is laid out once for the whole text rather than paragraph
 * by paragraph: the side of a PDF's notes and stripes, the side of the reading view's gutters.
 * Each paragraph's own direction stays its first strong character's (pango_find_base_dir), as
 * Pango and GtkTextView decide it when they lay the paragraph out. */
gboolean scholia_text_is_right_to_left (const char *text);

G_END_DECLS
