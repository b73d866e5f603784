/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fuzzes re-anchoring: a text, passages chosen in it, and edits made to it all come from the
 * input; then the passages are looked for in the edited text, one by one and all at once.
 * Whatever the text and the edits, each passage either lands on its quote (exact), lands
 * somewhere within the text (fuzzy), or is an orphan at -1–-1: never out of range.
 *
 * Input: the original text, FUZZ_SEPARATOR, a byte giving the number of edits (modulo
 * MAX_EDITS + 1), the edits (each a u16 position and a byte of how many code points to delete,
 * then the string to insert, up to the next separator), then up to MAX_PASSAGES passages
 * (u16 start, byte length, byte flags: bit 0 no position, as a quote-only selector gives;
 * bit 1 no context) until the input ends. */

#include <string.h>

#include "fuzz-support.h"
#include "scholia-anchor.h"

#define MAX_EDITS 8
#define MAX_PASSAGES 16

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* The code points from..to of @text (clamped), as UTF-8. */
static char *
substring (const char *text,
           glong       length,
           glong       from,
           glong       to)
{
  from = CLAMP (from, 0, length);
  to = CLAMP (to, from, length);
  return g_utf8_substring (text, from, to);
}

static char *
apply_edit (const char *text,
            guint       position,
            guint       deleted,
            const char *inserted)
{
  glong length = g_utf8_strlen (text, -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  position = length > 0 ? position % (length + 1) : 0;
  before = substring (text, length, 0, position);
  after = substring (text, length, position + deleted, length);
  return g_strconcat (before, inserted, after, NULL);
}

static void
check_result (const char                  *edited,
              glong                        length,
              const ScholiaAnchorSelector *selector,
              ScholiaAnchorResult          result)
{
  g_autofree char *quote = g_utf8_normalize (selector->quote, -1, G_NORMALIZE_NFC);
  g_autofree char *found = NULL;

  fuzz_check (result.score >= 0.0 && result.score <= 1.0, "score %g", result.score);
  if (result.status == SCHOLIA_ANCHOR_ORPHAN)
    {
      fuzz_check (result.start == -1 && result.end == -1, "an orphan at %d-%d", result.start, result.end);
      return;
    }
  fuzz_check (0 <= result.start && result.start <= result.end && result.end <= length,
              "a passage placed at %d-%d in a text of %ld code points", result.start, result.end, length);
  if (result.status == SCHOLIA_ANCHOR_FUZZY)
    return;
  found = substring (edited, length, result.start, result.end);
  fuzz_check (strcmp (found, quote) == 0, "an exact match at %d-%d reads \"%s\", not \"%s\"",
              result.start, result.end, found, quote);
}

static void
check_occurrences (ScholiaAnchorText *text,
                   const char        *edited,
                   glong              length,
                   const char        *quote)
{
  g_autoptr(GArray) starts = scholia_anchor_find_all (text, quote);
  glong quote_length = g_utf8_strlen (quote, -1);
  int previous = -1;

  if (starts == NULL)
    return;
  for (guint i = 0; i < starts->len; i++)
    {
      int start = g_array_index (starts, int, i);
      g_autofree char *found = substring (edited, length, start, start + quote_length);

      fuzz_check (start > previous && start + quote_length <= length,
                  "occurrence %u at %d (after %d) in %ld code points", i, start, previous, length);
      fuzz_check (strcmp (found, quote) == 0, "occurrence at %d reads \"%s\", not \"%s\"", start, found, quote);
      previous = start;
    }
}

static char *
take_nfc_string (FuzzInput *input)
{
  g_autofree char *string = fuzz_input_take_string (input);

  return g_utf8_normalize (string, -1, G_NORMALIZE_NFC);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  FuzzInput input = { data, size };
  g_autofree char *original = take_nfc_string (&input);
  g_autofree char *edited = g_strdup (original);
  glong original_length = g_utf8_strlen (original, -1);
  glong length;
  guint n_edits = fuzz_input_take_byte (&input) % (MAX_EDITS + 1);
  ScholiaAnchorSelector selectors[MAX_PASSAGES];
  ScholiaAnchorResult results[MAX_PASSAGES];
  char *strings[MAX_PASSAGES * 3];
  guint n = 0;
  g_autofree char *normalized = NULL;
  g_autoptr(ScholiaAnchorText) text = NULL;

  for (guint i = 0; i < n_edits; i++)
    {
      guint position = fuzz_input_take_u16 (&input);
      guint deleted = fuzz_input_take_byte (&input);
      g_autofree char *inserted = fuzz_input_take_string (&input);
      char *next = apply_edit (edited, position, deleted, inserted);

      g_free (edited);
      edited = next;
    }
  /* A revised edition comes from an importer, in NFC as every stored text. */
  normalized = g_utf8_normalize (edited, -1, G_NORMALIZE_NFC);
  length = g_utf8_strlen (normalized, -1);

  /* Passages as they were in the original text, with their context, as the store keeps them. */
  while (input.size > 0 && n < MAX_PASSAGES && original_length > 0)
    {
      guint start = fuzz_input_take_u16 (&input) % original_length;
      guint end = MIN (start + fuzz_input_take_byte (&input), (guint) original_length);
      guint flags = fuzz_input_take_byte (&input);

      strings[3 * n] = substring (original, original_length, start, end);
      strings[3 * n + 1] = substring (original, original_length, (glong) start - SCHOLIA_ANCHOR_CONTEXT_LENGTH, start);
      strings[3 * n + 2] = substring (original, original_length, end, end + SCHOLIA_ANCHOR_CONTEXT_LENGTH);
      selectors[n] = (ScholiaAnchorSelector) {
        .start = (flags & 1) ? -1 : (int) start,
        .end = (flags & 1) ? -1 : (int) end,
        .quote = strings[3 * n],
        .prefix = (flags & 2) ? NULL : strings[3 * n + 1],
        .suffix = (flags & 2) ? NULL : strings[3 * n + 2],
      };
      n++;
    }

  text = scholia_anchor_text_new (normalized, -1);
  fuzz_check (text != NULL, "a valid text was refused");
  fuzz_check (scholia_anchor_text_get_length (text) == length, "%d code points, not %ld",
              scholia_anchor_text_get_length (text), length);

  for (guint i = 0; i < n; i++)
    {
      check_result (normalized, length, &selectors[i], scholia_anchor_locate (text, &selectors[i]));
      if (selectors[i].quote[0] != '\0')
        check_occurrences (text, normalized, length, selectors[i].quote);
    }
  scholia_anchor_locate_all (text, selectors, n, results);
  for (guint i = 0; i < n; i++)
    check_result (normalized, length, &selectors[i], results[i]);

  for (guint i = 0; i < 3 * n; i++)
    g_free (strings[i]);
  return 0;
}
