/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A name-based (version 5 style, SHA-1) uuid of @name_space followed by @name: the same name
 * always gives the same uuid, so that an export written twice, or an import read twice, names
 * the same things alike. */
char *scholia_uuid_from_name (const char *name_space,
                              const char *name);

G_END_DECLS
