/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "scholia-dates.h"

/* The first run of exactly four ASCII digits: longer runs ("10000", a catalogue number) are not
 * years, and a run of three ("c. 950") is rare enough in essays' dates that a text sort is fine.
 * Returns G_MAXINT when there is none, so that undated documents sort last. */
int
scholia_dates_year (const char *date)
{
  const char *p = date;

  if (date == NULL)
    return G_MAXINT;

  while (*p != '\0')
    {
      const char *start;

      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }

      start = p;
      while (g_ascii_isdigit (*p))
        p++;

      if (p - start == 4)
        return (start[0] - '0') * 1000 + (start[1] - '0') * 100 + (start[2] - '0') * 10 +
               (start[3] - '0');
    }

  return G_MAXINT;
}

/* NULL and "" mean "no date" and come after every written date, even one without a year, so that
 * "undated" or "n.d." stays with the dated texts of its kind rather than among the blanks. */
int
scholia_dates_compare (const char *a,
                       const char *b)
{
  gboolean a_empty = a == NULL || *a == '\0';
  gboolean b_empty = b == NULL || *b == '\0';
  int year_a;
  int year_b;

  if (a_empty || b_empty)
    return (int) a_empty - (int) b_empty;

  year_a = scholia_dates_year (a);
  year_b = scholia_dates_year (b);

  if (year_a != year_b)
    return year_a < year_b ? -1 : 1;

  return g_utf8_collate (a, b);
}
