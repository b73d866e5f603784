/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Historians look authors up by surname: "Helena Marwick" files under M. This gives the
 * g_utf8_collate_key() of a name with its last word (the surname, "Ferrand-Baptiste" kept
 * whole) put first, for sorting authors the same way everywhere. */
char *scholia_names_collate_key (const char *name);

G_END_DECLS
