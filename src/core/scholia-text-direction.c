/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-text-direction.h"

#include <fribidi.h>
#include <string.h>

/* The direction of a paragraph's first strong character, as pango_find_base_dir() finds it:
 * 1 right to left, -1 left to right, 0 when it has none (numbers, punctuation). */
static int
find_direction (const char *paragraph,
                gsize       length)
{
  const char *end = paragraph + length;

  for (const char *p = paragraph; p < end; p = g_utf8_next_char (p))
    {
      FriBidiCharType type = fribidi_get_bidi_type (g_utf8_get_char (p));

      if (FRIBIDI_IS_STRONG (type))
        return FRIBIDI_IS_RTL (type) ? 1 : -1;
    }
  return 0;
}

/* Right to left when the paragraphs that start with a right-to-left letter hold more of the text
 * than those that start with a left-to-right one: an English essay quoting whole Arabic
 * paragraphs still reads left to right, a Hebrew one with English headings right to left. */
gboolean
scholia_text_is_right_to_left (const char *text)
{
  gsize right_to_left = 0;
  gsize left_to_right = 0;
  const char *paragraph = text;

  g_return_val_if_fail (text != NULL, FALSE);

  while (*paragraph != '\0')
    {
      const char *end = strchr (paragraph, '\n');
      gsize length = end != NULL ? (gsize) (end - paragraph) : strlen (paragraph);
      int direction = find_direction (paragraph, length);

      if (direction > 0)
        right_to_left += length;
      else if (direction < 0)
        left_to_right += length;
      paragraph += length;
      if (*paragraph == '\n')
        paragraph++;
    }
  return right_to_left > left_to_right;
}
