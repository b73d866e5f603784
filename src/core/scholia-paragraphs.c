/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-paragraphs.h"

GArray *
scholia_paragraphs_split (const char *text)
{
  GArray *paragraphs = g_array_new (FALSE, FALSE, sizeof (ScholiaParagraph));
  ScholiaParagraph current = { 0 };
  gboolean line_blank = TRUE;
  gboolean in_paragraph = FALSE;
  int offset = 0;

  g_return_val_if_fail (text != NULL, paragraphs);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), offset++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        {
          /* A blank line's newline closes the paragraph: what follows belongs to the next. */
          if (line_blank && in_paragraph)
            {
              current.end = p + 1 - text;
              current.end_offset = offset + 1;
              g_array_append_val (paragraphs, current);
              in_paragraph = FALSE;
            }
          line_blank = TRUE;
        }
      else if (!g_unichar_isspace (c))
        {
          line_blank = FALSE;
          if (!in_paragraph)
            {
              current.start = p - text;
              current.start_offset = offset;
              in_paragraph = TRUE;
            }
        }
    }
  /* Unclosed, the last paragraph takes in whatever is appended to the text. */
  if (in_paragraph)
    {
      current.end = G_MAXSIZE;
      current.end_offset = G_MAXINT;
      g_array_append_val (paragraphs, current);
    }
  return paragraphs;
}

/* The number of paragraphs starting before @position, plus one unless @position lies inside
 * the last of them. */
static guint
number_at (GArray *paragraphs,
           gsize   position)
{
  guint low = 0, high = paragraphs->len;

  /* low becomes the count of paragraphs whose start is before @position. */
  while (low < high)
    {
      guint middle = (low + high) / 2;
      const ScholiaParagraph *paragraph = &g_array_index (paragraphs, ScholiaParagraph, middle);
      gsize start = paragraph->start_offset;

      if (start < position)
        low = middle + 1;
      else
        high = middle;
    }
  if (low > 0)
    {
      const ScholiaParagraph *last = &g_array_index (paragraphs, ScholiaParagraph, low - 1);
      gsize end = last->end_offset;

      if (position < end)
        return low;
    }
  return low + 1;
}

guint
scholia_paragraphs_number_at (GArray *paragraphs,
                              int     offset)
{
  g_return_val_if_fail (paragraphs != NULL, 1);

  return number_at (paragraphs, MAX (offset, 0));
}
