/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean scholia_word_snap (const char *text,
                            int        *start,
                            int        *end);

G_END_DECLS
