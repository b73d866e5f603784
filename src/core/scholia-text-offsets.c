/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-anchor.h"
#include "scholia-text-offsets.h"

#define STRIDE 64

struct _ScholiaTextOffsets
{
  const char *text;
  GArray     *bytes;   /* gsize: the byte of code point i × STRIDE */
  int         length;  /* in code points */
};

ScholiaTextOffsets *
scholia_text_offsets_new (const char *text)
{
  ScholiaTextOffsets *self = g_new0 (ScholiaTextOffsets, 1);
  int count = 0;
  const guchar *p;

  g_return_val_if_fail (text != NULL, NULL);

  self->text = text;
  self->bytes = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (p = (const guchar *) text; *p != '\0'; p++)
    if ((*p & 0xc0) != 0x80)
      {
        if (count % STRIDE == 0)
          {
            gsize byte = (const char *) p - text;

            g_array_append_val (self->bytes, byte);
          }
        count++;
      }
  self->length = count;
  return self;
}

void
scholia_text_offsets_free (ScholiaTextOffsets *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->bytes);
  g_free (self);
}

int
scholia_text_offsets_get_length (ScholiaTextOffsets *self)
{
  return self->length;
}

/* A pointer to code point @offset, clamped to the text. */
const char *
scholia_text_offsets_pointer (ScholiaTextOffsets *self,
                              int                 offset)
{
  const char *p;
  int steps;

  offset = CLAMP (offset, 0, self->length);
  if (self->bytes->len == 0)
    return self->text;
  p = self->text + g_array_index (self->bytes, gsize, MIN ((guint) (offset / STRIDE), self->bytes->len - 1));
  for (steps = offset % STRIDE; steps > 0 && *p != '\0'; steps--)
    p = g_utf8_next_char (p);
  return p;
}

char *
scholia_text_offsets_cut (ScholiaTextOffsets *self,
                          int                 start,
                          int                 end)
{
  const char *from = scholia_text_offsets_pointer (self, start);
  const char *to = scholia_text_offsets_pointer (self, end);

  return g_strndup (from, MAX (to - from, 0));
}

void
scholia_text_offsets_context (ScholiaTextOffsets  *self,
                              int                  start,
                              int                  end,
                              char               **quote,
                              char               **prefix,
                              char               **suffix)
{
  *quote = scholia_text_offsets_cut (self, start, end);
  *prefix = scholia_text_offsets_cut (self, MAX (0, start - SCHOLIA_ANCHOR_CONTEXT_LENGTH), start);
  *suffix = scholia_text_offsets_cut (self, end, MIN (self->length, end + SCHOLIA_ANCHOR_CONTEXT_LENGTH));
}
