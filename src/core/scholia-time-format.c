/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-time-format.h"

char *
scholia_time_format (gint64           seconds,
                     ScholiaTimeStyle style)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (seconds);
  const char *format = "%x";

  if (time == NULL)
    return g_strdup ("");
  switch (style)
    {
    case SCHOLIA_TIME_DATE:
      break;
    case SCHOLIA_TIME_DATE_TIME:
      /* Translators: a date with the time of day, in g_date_time_format() notation. %x is the
       * date as the user's locale writes it (3.12.2026, 12/03/2026): keep it; write the time as
       * your language does, e.g. "%x %H:%M" or "%x, %l:%M %p". */
      format = _("%x, %H:%M");
      break;
    case SCHOLIA_TIME_LONG_DATE:
    default:
      /* Translators: a date written out, as exported PDFs print it ("3 December 2026"), in
       * g_date_time_format() notation: %-d is the day, %B the month's name, %Y the year. Order
       * them as your language does, e.g. "%-d. %B %Y" or "%B %-d, %Y". */
      format = _("%-d %B %Y");
      break;
    }
  return g_date_time_format (time, format);
}
