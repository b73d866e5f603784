/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-pdf-export-private.h"

/* Pango justifies a line by widening its word spaces alone, and breaks lines greedily: a
 * line that could not take the next word (or syllable) gapes. A book's justification lets the
 * letters take a little of that room too. Here a justified line's spaces keep at most
 * SPACE_STRETCH times their natural width and its letters take the rest, up to MAX_TRACKING
 * of an em between two characters; only what is left past that goes back to the spaces. The
 * line's width, its breaks and its text do not change: glyph widths are moved, not added. */
#define SPACE_STRETCH  1.3
#define MAX_TRACKING   0.04

typedef struct
{
  int n_spaces;
  int n_letters;   /* clusters that may take tracking: all but the line's last */
  int surplus;     /* Pango units of space width past SPACE_STRETCH × natural */
} LineRoom;

static gboolean
is_space_glyph (const char          *text,
                const PangoGlyphItem *run,
                int                   glyph)
{
  return text[run->item->offset + run->glyphs->log_clusters[glyph]] == ' ';
}

/* Whether letter spacing goes after @glyph: between two letters, so at the end of its
 * cluster (not between a letter and its accent), not before a space (the word space would
 * grow by it) and not after an invisible soft hyphen (it would double). */
static gboolean
takes_tracking (const char           *text,
                const PangoGlyphItem *run,
                int                   glyph)
{
  const PangoGlyphString *glyphs = run->glyphs;

  if (glyphs->glyphs[glyph].geometry.width <= 0)
    return FALSE;
  if (glyph + 1 >= glyphs->num_glyphs)
    return TRUE;
  return glyphs->glyphs[glyph + 1].attr.is_cluster_start && !is_space_glyph (text, run, glyph + 1);
}

/* A space's width before justification. Asked once per layout and font: a paragraph's lines
 * share them, and asking costs more than all the rest. */
typedef struct
{
  PangoFont  *font;
  PangoGlyph  glyph;
  int         width;
} NaturalSpace;

static int
natural_space_width (NaturalSpace *cache,
                     PangoFont    *font,
                     PangoGlyph    glyph)
{
  PangoRectangle logical;

  if (cache->font == font && cache->glyph == glyph)
    return cache->width;
  pango_font_get_glyph_extents (font, glyph, NULL, &logical);
  *cache = (NaturalSpace) { font, glyph, logical.width };
  return logical.width;
}

/* The word spaces between @line's words: not the space a line broken after it ends with,
 * which Pango sets at no width outside the column. */
static int
count_inner_spaces (PangoLayoutLine *line,
                    const char      *text)
{
  int n_spaces = 0, trailing = 0;

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;

      for (int g = 0; g < run->glyphs->num_glyphs; g++)
        {
          if (is_space_glyph (text, run, g))
            {
              n_spaces++;
              trailing++;
            }
          else
            trailing = 0;
        }
    }
  return n_spaces - trailing;
}

static LineRoom
measure_line (PangoLayoutLine *line,
              const char      *text,
              NaturalSpace    *cache)
{
  LineRoom room = { 0, 0, 0 };
  int spaces_left = count_inner_spaces (line, text);

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      int natural = -1;

      for (int g = 0; g < run->glyphs->num_glyphs; g++)
        {
          PangoGlyphInfo *info = &run->glyphs->glyphs[g];

          if (is_space_glyph (text, run, g))
            {
              if (spaces_left-- <= 0)
                continue;
              if (natural < 0)
                natural = natural_space_width (cache, run->item->analysis.font, info->glyph);
              room.n_spaces++;
              room.surplus += MAX (0, info->geometry.width - (int) (SPACE_STRETCH * natural));
            }
          else if (takes_tracking (text, run, g))
            room.n_letters++;
        }
    }
  /* The line's last character stays at the right edge. */
  room.n_letters = MAX (0, room.n_letters - 1);
  return room;
}

/* Takes @per_space from each space (the rest from the last) and gives @per_letter after each
 * cluster but the last, so that the line keeps its width. */
static void
move_width (PangoLayoutLine *line,
            const char      *text,
            const LineRoom  *room,
            int              per_letter)
{
  int taken = per_letter * room->n_letters;
  int per_space = taken / room->n_spaces;
  int remainder = taken - per_space * room->n_spaces;
  int letters_left = room->n_letters;
  int spaces_left = room->n_spaces;

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;

      for (int g = 0; g < run->glyphs->num_glyphs; g++)
        {
          PangoGlyphInfo *info = &run->glyphs->glyphs[g];

          if (is_space_glyph (text, run, g))
            {
              if (spaces_left > 0)
                info->geometry.width -= per_space + (--spaces_left == 0 ? remainder : 0);
            }
          else if (takes_tracking (text, run, g) && letters_left > 0)
            {
              info->geometry.width += per_letter;
              letters_left--;
            }
        }
    }
}

/* Pango 1.50 sometimes justifies a line broken at a soft hyphen as if the hyphen it adds took
 * no room: the line runs past the column by the hyphen's width. Its word spaces give that
 * width back. The line's width is summed from its glyphs: asking Pango for its extents would
 * cache them before they are right. */
static void
pull_in_overflow (PangoLayout     *layout,
                  PangoLayoutLine *line,
                  const char      *text)
{
  int indent = pango_layout_get_indent (layout);
  int x = (line->is_paragraph_start && indent > 0) ? indent : (!line->is_paragraph_start && indent < 0 ? -indent : 0);
  int overflow, n_spaces, per_space, remainder;

  /* Only a line broken at a soft hyphen. */
  if (line->length < 2 || memcmp (text + line->start_index + line->length - 2, SCHOLIA_SOFT_HYPHEN, 2) != 0)
    return;
  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;

      for (int g = 0; g < run->glyphs->num_glyphs; g++)
        x += run->glyphs->glyphs[g].geometry.width;
    }
  overflow = x - pango_layout_get_width (layout);
  n_spaces = count_inner_spaces (line, text);
  if (overflow <= 0 || n_spaces == 0)
    return;

  per_space = overflow / n_spaces;
  remainder = overflow - per_space * n_spaces;
  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;

      for (int g = 0; g < run->glyphs->num_glyphs && n_spaces > 0; g++)
        if (is_space_glyph (text, run, g))
          run->glyphs->glyphs[g].geometry.width -= per_space + (--n_spaces == 0 ? remainder : 0);
    }
}

void
scholia_pdf_even_word_spaces (PangoLayout *layout,
                              double       font_size)
{
  const char *text = pango_layout_get_text (layout);
  int max_per_letter = (int) (MAX_TRACKING * font_size * PANGO_SCALE);
  NaturalSpace cache = { NULL, 0, 0 };

  if (!pango_layout_get_justify (layout))
    return;

  /* The writable pango_layout_get_lines() would switch off the lines' cache of their extents
   * for good, and the flow, the marks and the drawing ask for them again and again. The widths
   * change here, before anything has asked. */
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      LineRoom room;
      int per_letter;

      pull_in_overflow (layout, line, text);
      room = measure_line (line, text, &cache);
      if (room.surplus <= 0 || room.n_spaces == 0 || room.n_letters == 0)
        continue;
      per_letter = MIN (room.surplus / room.n_letters, max_per_letter);
      if (per_letter > 0)
        move_width (line, text, &room, per_letter);
    }
}
