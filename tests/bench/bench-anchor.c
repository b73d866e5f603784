/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Re-anchors 5,000 annotations on a generated 1 MB essay after an edit near its start (a
 * 300-character paragraph inserted at offset 100) and a few characters changed inside ~5% of
 * the annotated spans, as a revised edition would. Times preparing the text plus locating them
 * all. Targets: < 100 ms (issue 4), < 200 ms for a revised 1 MB document (issue 7). */
#include "config.h"

#include <string.h>

#include "bench-corpus.h"
#include "scholia-anchor.h"

#define TEXT_BYTES (1024 * 1024)
#define N_SELECTORS 5000
#define MIN_SPAN 20
#define MAX_SPAN 200
#define INSERT_AT 100
#define INSERT_LENGTH 300
#define EDITED_PERCENT 5
#define N_RUNS 5

typedef struct
{
  char *quote;
  char *prefix;
  char *suffix;
} SelectorStrings;

static char *
ucs4_to_utf8 (const gunichar *chars,
              int             length)
{
  char *utf8 = g_ucs4_to_utf8 (chars, length, NULL, NULL, NULL);

  g_assert_nonnull (utf8);
  return utf8;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autofree char *original = bench_corpus_essay (1, TEXT_BYTES);
  g_autofree char *filler = bench_corpus_essay (2, 2 * INSERT_LENGTH);
  g_autofree gunichar *chars = NULL;
  g_autofree gunichar *filler_chars = NULL;
  g_autofree char *revised = NULL;
  g_autoptr(GArray) edited = g_array_new (FALSE, FALSE, sizeof (gunichar));
  ScholiaAnchorSelector *selectors = g_new (ScholiaAnchorSelector, N_SELECTORS);
  SelectorStrings *strings = g_new (SelectorStrings, N_SELECTORS);
  ScholiaAnchorResult *results = g_new (ScholiaAnchorResult, N_SELECTORS);
  guint counts[SCHOLIA_ANCHOR_ORPHAN + 1] = { 0 };
  gint64 best_prepare = G_MAXINT64;
  gint64 best_total = G_MAXINT64;
  glong length = 0;
  guint n_edited = 0;
  guint n_in_place = 0;

  chars = g_utf8_to_ucs4_fast (original, -1, &length);
  filler_chars = g_utf8_to_ucs4_fast (filler, -1, NULL);

  for (int i = 0; i < N_SELECTORS; i++)
    {
      int span = g_rand_int_range (rand, MIN_SPAN, MAX_SPAN + 1);
      int start = g_rand_int_range (rand, 0, length - span);
      int prefix_start = MAX (start - SCHOLIA_ANCHOR_CONTEXT_LENGTH, 0);
      int suffix_end = MIN (start + span + SCHOLIA_ANCHOR_CONTEXT_LENGTH, length);

      strings[i].quote = ucs4_to_utf8 (chars + start, span);
      strings[i].prefix = ucs4_to_utf8 (chars + prefix_start, start - prefix_start);
      strings[i].suffix = ucs4_to_utf8 (chars + start + span, suffix_end - start - span);
      selectors[i] = (ScholiaAnchorSelector) { start, start + span, strings[i].quote,
                                               strings[i].prefix, strings[i].suffix };
    }

  /* The revision: a few characters changed inside some spans, then a paragraph near the start. */
  for (int i = 0; i < N_SELECTORS; i++)
    {
      if (g_rand_int_range (rand, 0, 100) >= EDITED_PERCENT)
        continue;
      n_edited++;
      for (int e = g_rand_int_range (rand, 1, 4); e > 0; e--)
        chars[g_rand_int_range (rand, selectors[i].start, selectors[i].end)] = 'x';
    }
  g_array_append_vals (edited, chars, INSERT_AT);
  g_array_append_vals (edited, filler_chars, INSERT_LENGTH - 2);
  g_array_append_vals (edited, (gunichar[]) { '\n', '\n' }, 2);
  g_array_append_vals (edited, chars + INSERT_AT, length - INSERT_AT);
  revised = ucs4_to_utf8 ((const gunichar *) edited->data, edited->len);

  for (int run = 0; run < N_RUNS; run++)
    {
      gint64 started = g_get_monotonic_time ();
      g_autoptr(ScholiaAnchorText) text = scholia_anchor_text_new (revised, -1);
      gint64 prepared = g_get_monotonic_time ();

      scholia_anchor_locate_all (text, selectors, N_SELECTORS, results);
      best_prepare = MIN (best_prepare, prepared - started);
      best_total = MIN (best_total, g_get_monotonic_time () - started);
    }

  for (int i = 0; i < N_SELECTORS; i++)
    {
      int shift = selectors[i].start >= INSERT_AT ? INSERT_LENGTH : 0;

      /* Edits only replace characters, so a span not cut by the new paragraph should be
       * found exactly where it moved to. */
      if (results[i].start == selectors[i].start + shift && results[i].end == selectors[i].end + shift)
        n_in_place++;
      counts[results[i].status]++;
      g_free (strings[i].quote);
      g_free (strings[i].prefix);
      g_free (strings[i].suffix);
    }

  g_print ("re-anchor %d annotations after an edit near the start of a %.1f MB text "
           "(%u spans changed): %.1f ms, of which %.1f ms preparing the text "
           "(exact %u, moved %u, fuzzy %u, orphan %u; %u at their revised position; best of %d; "
           "target < 100 ms)\n",
           N_SELECTORS, strlen (revised) / 1e6, n_edited, best_total / 1000.0,
           best_prepare / 1000.0, counts[SCHOLIA_ANCHOR_EXACT_POSITION],
           counts[SCHOLIA_ANCHOR_EXACT_MOVED], counts[SCHOLIA_ANCHOR_FUZZY],
           counts[SCHOLIA_ANCHOR_ORPHAN], n_in_place, N_RUNS);

  g_free (selectors);
  g_free (strings);
  g_free (results);
  return 0;
}
