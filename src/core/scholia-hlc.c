/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "scholia-hlc.h"

#define WALL_DIGITS 16
#define COUNTER_DIGITS 4
#define COUNTER_MAX 0xffff

void
scholia_hlc_init (ScholiaHlc *clock,
                  const char *node)
{
  clock->wall_ms = 0;
  clock->counter = 0;
  clock->node = g_strdup (node);
}

void
scholia_hlc_clear (ScholiaHlc *clock)
{
  g_clear_pointer (&clock->node, g_free);
}

/* A counter that would overflow its four digits moves the clock a millisecond on instead, so
 * the text form keeps sorting as the clock does. */
static void
advance (ScholiaHlc *clock)
{
  if (clock->counter < COUNTER_MAX)
    {
      clock->counter++;
      return;
    }
  clock->wall_ms++;
  clock->counter = 0;
}

char *
scholia_hlc_tick (ScholiaHlc *clock,
                  gint64      now_ms)
{
  if (now_ms > clock->wall_ms)
    {
      clock->wall_ms = now_ms;
      clock->counter = 0;
    }
  else
    advance (clock);

  return g_strdup_printf ("%0" G_STRINGIFY (WALL_DIGITS) G_GINT64_MODIFIER "d-%0"
                          G_STRINGIFY (COUNTER_DIGITS) "x-%s",
                          clock->wall_ms, clock->counter, clock->node);
}

gboolean
scholia_hlc_parse (const char  *stamp,
                   gint64      *wall_ms,
                   guint       *counter,
                   const char **node)
{
  gint64 wall = 0;
  guint count = 0;

  if (stamp == NULL || strlen (stamp) < WALL_DIGITS + COUNTER_DIGITS + 3)
    return FALSE;

  for (int i = 0; i < WALL_DIGITS; i++)
    {
      if (!g_ascii_isdigit (stamp[i]))
        return FALSE;
      wall = wall * 10 + (stamp[i] - '0');
    }
  if (stamp[WALL_DIGITS] != '-' || stamp[WALL_DIGITS + COUNTER_DIGITS + 1] != '-')
    return FALSE;
  for (int i = WALL_DIGITS + 1; i <= WALL_DIGITS + COUNTER_DIGITS; i++)
    {
      /* Lower-case only, as tick writes it: "00A0" would sort apart from "00a0". */
      if (!g_ascii_isdigit (stamp[i]) && !(stamp[i] >= 'a' && stamp[i] <= 'f'))
        return FALSE;
      count = count * 16 + g_ascii_xdigit_value (stamp[i]);
    }

  if (wall_ms != NULL)
    *wall_ms = wall;
  if (counter != NULL)
    *counter = count;
  if (node != NULL)
    *node = stamp + WALL_DIGITS + COUNTER_DIGITS + 2;
  return TRUE;
}

gboolean
scholia_hlc_observe (ScholiaHlc *clock,
                     const char *stamp,
                     gint64      now_ms)
{
  gint64 wall;
  guint counter;

  if (!scholia_hlc_parse (stamp, &wall, &counter, NULL))
    return FALSE;

  if (now_ms > clock->wall_ms && now_ms > wall)
    {
      clock->wall_ms = now_ms;
      clock->counter = 0;
    }
  else if (wall > clock->wall_ms)
    {
      clock->wall_ms = wall;
      clock->counter = counter;
    }
  else if (wall == clock->wall_ms && counter > clock->counter)
    clock->counter = counter;
  return TRUE;
}

int
scholia_hlc_compare (const char *a,
                     const char *b)
{
  return strcmp (a, b);
}
