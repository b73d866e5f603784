/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-search-fold.h"

/* A mark the writer may leave out (see the header). */
static gboolean
is_optional_mark (gunichar c)
{
  if (c >= 0x0591 && c <= 0x05C7)
    return c != 0x05BE && c != 0x05C0 && c != 0x05C3 && c != 0x05C6;
  return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
         c == 0x0640 || (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) ||
         c == 0x06E7 || c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED);
}

/* The letter @c is searched as. */
static gunichar
fold_letter (gunichar c)
{
  switch (c)
    {
    case 0x0622: /* آ */
    case 0x0623: /* أ */
    case 0x0625: /* إ */
    case 0x0671: /* ٱ */
      return 0x0627; /* ا */
    case 0x0624: /* ؤ */
      return 0x0648; /* و */
    case 0x0626: /* ئ */
    case 0x0649: /* ى */
    case 0x06CC: /* ی */
      return 0x064A; /* ي */
    case 0x06A9: /* ک */
      return 0x0643; /* ك */
    case 0x0629: /* ة */
    case 0x06C0: /* ۀ */
      return 0x0647; /* ه */
    default:
      return c;
    }
}

gsize
scholia_search_fold_word (const char *word,
                          gsize       length,
                          char       *out)
{
  const char *end = word + length;
  gsize written = 0;

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Every folded letter is two bytes in UTF-8, as its original: @out never overflows. */
      if (c < 0x0591 || c > 0x06ED)
        {
          gsize n = g_utf8_next_char (p) - p;

          memcpy (out + written, p, n);
          written += n;
        }
      else if (!is_optional_mark (c))
        written += g_unichar_to_utf8 (fold_letter (c), out + written);
    }
  return written;
}
