/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Historians look authors up by surname: "Helena Marwick" files under M. Each author keeps a
 * "sort as" key in the library, which the user may edit; this is the guess it starts from:
 * "Marwick, Helena". See scholia-names.c for the rules. */
char *scholia_names_guess_sort_key (const char *name);

/* The g_utf8_collate_key() of a sort key, case folded, for ordering authors the same way
 * everywhere ("berg, tomas" and "Berg, Tomas" sort together). */
char *scholia_names_collate_key    (const char *sort_key);
/* The same, made once per sort key and kept for the life of the process, like an interned
 * string: the comparison and the matrix order the same 1,000 authors each time they are made.
 * Safe from any thread. */
const char *scholia_names_intern_collate_key (const char *sort_key);

G_END_DECLS
