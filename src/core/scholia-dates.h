/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates in a library are free text as the historian wrote them ("c. 1925", "spring 1917",
 * "1956"). These give them an order: by the first four-digit year in the text, then by the text. */
int scholia_dates_year    (const char *date);
int scholia_dates_compare (const char *a,
                           const char *b);

G_END_DECLS
