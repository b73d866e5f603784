/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A hybrid logical clock (Kulkarni et al.): wall time in milliseconds plus a counter, so that
 * every event a participant logs sorts after every event it has seen, even when the clocks of
 * two machines are hours apart. Its text form sorts as the clock does (plain strcmp):
 *
 *   "0001764700000000-0000-<participant uuid>"
 *    wall ms, 16 digits   counter, 4 hex   node: breaks ties between participants
 */
typedef struct
{
  gint64  wall_ms;    /* the largest wall time seen */
  guint   counter;    /* events at that wall time */
  char   *node;       /* the participant's uuid */
} ScholiaHlc;

void      scholia_hlc_init     (ScholiaHlc  *clock,
                                const char  *node);
void      scholia_hlc_clear    (ScholiaHlc  *clock);
/* The next timestamp for an event here; @now_ms is the wall clock (g_get_real_time () / 1000),
 * passed in so that tests can skew it. Returns a newly allocated string. */
char     *scholia_hlc_tick     (ScholiaHlc  *clock,
                                gint64       now_ms);
/* Takes in a timestamp seen in another participant's log, so that later ticks sort after it.
 * FALSE when @stamp is not a clock's text form. */
gboolean  scholia_hlc_observe  (ScholiaHlc  *clock,
                                const char  *stamp,
                                gint64       now_ms);
gboolean  scholia_hlc_parse    (const char  *stamp,
                                gint64      *wall_ms,
                                guint       *counter,
                                const char **node);
/* <0, 0, >0 as strcmp; both must be valid. */
int       scholia_hlc_compare  (const char  *a,
                                const char  *b);

G_END_DECLS
