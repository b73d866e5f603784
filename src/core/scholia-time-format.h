/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a moment (seconds since 1970, as the library stores them) is written for a person to read,
 * in the local time zone and the user's locale (LC_TIME): the date as the locale writes it
 * ("3.12.2026" in German, "12/03/2026" in American English), with the time of day or written
 * out in full. Machine-readable output (JSON, W3C, REFI-QDA, CSV) writes ISO 8601 instead. */
typedef enum
{
  SCHOLIA_TIME_DATE,       /* the locale's date */
  SCHOLIA_TIME_DATE_TIME,  /* the locale's date and the time of day */
  SCHOLIA_TIME_LONG_DATE,  /* the date with the month's name, as printed documents write it */
} ScholiaTimeStyle;

char *scholia_time_format (gint64           seconds,
                           ScholiaTimeStyle style);

G_END_DECLS
