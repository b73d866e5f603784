/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Counts a person reads ("12,345 annotations"), their digits grouped. @format is a message
 * whose only conversions are %'u (each taking a guint from the arguments) and %%, as the
 * translated count messages are: each count is written with the digits grouped as the user's
 * locale groups them (LC_NUMERIC: "12.345" in German, "12 345" in French), and in the C or
 * POSIX locale with commas. Machine-readable output (JSON, CSV, W3C) never comes here. */
char *scholia_count_format (const char *format,
                            ...);

G_END_DECLS
