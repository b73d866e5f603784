/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Widening a passage to whole words, so that a drag that started or ended a letter off does not
 * store "er, Stalin's ri" as the quote that compare and the handout show. */

#include "config.h"

#include "scholia-word-snap.h"

/* Apostrophes and hyphens join the letters on either side into one word: "Stalin's",
 * "l’était", "anti-Bolshevik", and so do the marks Hebrew and Persian write inside a word. */
static gboolean
is_joiner (gunichar c)
{
  switch (c)
    {
    case '\'':
    case '-':
    case 0x2019: /* RIGHT SINGLE QUOTATION MARK, the typographic apostrophe */
    case 0x2010: /* HYPHEN */
    case 0x2011: /* NON-BREAKING HYPHEN */
    case 0x05BE: /* HEBREW PUNCTUATION MAQAF, Hebrew's hyphen */
    case 0x05F3: /* HEBREW PUNCTUATION GERESH */
    case 0x05F4: /* HEBREW PUNCTUATION GERSHAYIM, inside abbreviations */
    case 0x200C: /* ZERO WIDTH NON-JOINER, between the parts of one Persian word */
    case 0x200D: /* ZERO WIDTH JOINER */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_letter (gunichar c)
{
  /* Marks too: a decomposed "é" is "e" followed by a combining accent. */
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Whether the code point at i of chars[0, n) belongs to a word. */
static gboolean
is_word_at (const gunichar *chars,
            glong           n,
            glong           i)
{
  if (i < 0 || i >= n)
    return FALSE;
  if (is_letter (chars[i]))
    return TRUE;

  return is_joiner (chars[i]) && i > 0 && i + 1 < n &&
         is_letter (chars[i - 1]) && is_letter (chars[i + 1]);
}

/**
 * scholia_word_snap:
 * @text: the whole text, UTF-8
 * @start: (inout): code-point offset where the passage starts
 * @end: (inout): code-point offset just past its end
 *
 * Widens [@start, @end) so that it neither starts nor ends inside a word. An end that already
 * lies on white space or punctuation stays where it is, and so does a passage holding no
 * letter or digit at all.
 *
 * Returns: %TRUE if the passage was widened
 */
gboolean
scholia_word_snap (const char *text,
                   int        *start,
                   int        *end)
{
  g_autofree gunichar *chars = NULL;
  gboolean has_word = FALSE;
  glong n, s, e;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  s = CLAMP (*start, 0, n);
  e = CLAMP (*end, s, n);

  for (glong i = s; i < e && !has_word; i++)
    has_word = is_letter (chars[i]);
  if (!has_word)
    return FALSE;

  if (is_word_at (chars, n, s))
    while (is_word_at (chars, n, s - 1))
      s--;
  if (is_word_at (chars, n, e - 1))
    while (is_word_at (chars, n, e))
      e++;

  if (s == *start && e == *end)
    return FALSE;

  *start = s;
  *end = e;
  return TRUE;
}
