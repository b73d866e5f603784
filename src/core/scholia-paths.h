/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* $XDG_DATA_HOME/scholia/library.sqlite3: where a library lives unless --library names another. */
char *scholia_paths_default_library (void);

G_END_DECLS
