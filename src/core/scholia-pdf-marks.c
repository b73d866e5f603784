/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "scholia-pdf-export-private.h"

/* Underline tracks below the baseline: lines of UNDERLINE_WIDTH, the first UNDERLINE_FIRST
 * below the baseline, each next TRACK_STEP lower. */
#define UNDERLINE_WIDTH  0.7
#define STRIPE_WIDTH     1.2   /* as scholia-pdf-stripes.c draws a stripe */
#define UNDERLINE_FIRST  1.0
#define TRACK_STEP       1.4
/* Room kept between the lowest track and the top of the next line's glyphs. */
#define TRACK_CLEARANCE  0.3

/* Patterns that stay apart when printed: every dash, dot and gap at least 0.8 pt (three dots
 * at 300 dpi), butt caps so that a dash is as long as it says, and each pattern a different set
 * of dash lengths (solid; 3; 0.8; 7; 3 and 0.8; 7 and 0.8) or, for the same dash, a different
 * gap. The pattern's phase follows @x, the line's start on the page, so that pieces of one
 * underline drawn apart join up. */
static void
set_pattern (cairo_t *cr,
             guint    index,
             double   x)
{
  static const double dashed[] = { 3.0, 1.6 };
  static const double dotted[] = { 0.8, 1.2 };
  static const double long_dash[] = { 7.0, 2.0 };
  static const double dash_dot[] = { 3.0, 1.2, 0.8, 1.2 };
  static const double long_dash_dot[] = { 7.0, 1.2, 0.8, 1.2 };

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  switch (index % N_PATTERNS)
    {
    case 0:
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case 1:
      cairo_set_dash (cr, dashed, G_N_ELEMENTS (dashed), x);
      break;
    case 2:
      cairo_set_dash (cr, dotted, G_N_ELEMENTS (dotted), x);
      break;
    case 3:
      cairo_set_dash (cr, long_dash, G_N_ELEMENTS (long_dash), x);
      break;
    case 4:
      cairo_set_dash (cr, dash_dot, G_N_ELEMENTS (dash_dot), x);
      break;
    default:
      cairo_set_dash (cr, long_dash_dot, G_N_ELEMENTS (long_dash_dot), x);
      break;
    }
}

/* A tag's underline: its colour darkened so that it also reads as a dark line in grey. */
static void
stroke_underline (cairo_t      *cr,
                  const KeyTag *key_tag,
                  double        x1,
                  double        x2,
                  double        y)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, key_tag->rgb[0] * 0.75, key_tag->rgb[1] * 0.75, key_tag->rgb[2] * 0.75);
  cairo_set_line_width (cr, UNDERLINE_WIDTH);
  set_pattern (cr, key_tag->index, x1);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x2, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static double
track_y (double baseline,
         int    track)
{
  return baseline + UNDERLINE_FIRST + TRACK_STEP * track;
}

/* How many tracks fit between the baseline and the line's foot, where the next line's glyphs
 * begin: the line's leading below the baseline decides, so a small font has fewer. */
static int
count_tracks (const ScholiaPdfLine *line)
{
  int n = 0;

  while (n < MAX_TRACKS && track_y (line->baseline, n) + UNDERLINE_WIDTH / 2 + TRACK_CLEARANCE <= line->bottom)
    n++;
  return n;
}

static double
fill_top (Export *export,
          double  baseline)
{
  return baseline - 0.95 * export->font_size;
}

static double
fill_bottom (Export *export,
             double  baseline)
{
  return baseline + 0.3 * export->font_size;
}

/* A tag in the key as it stands on the page: its stripe, its wash and its underline. */
static void
draw_key_swatch (Export               *export,
                 const ScholiaPdfLine *line,
                 double                column_x,
                 KeyTag               *key_tag)
{
  double x = column_x + 3;
  double stripe_x = column_x;
  double top = line->baseline - KEY_FONT_SIZE;
  double bottom = line->baseline + 2.5;

  /* On a right-to-left essay's mirrored pages the key's swatches and stripes are on the right,
   * as the stripes beside its paragraphs are. */
  if (export->options->right_to_left)
    {
      ScholiaPdfRect text;

      scholia_pdf_writer_get_geometry (export->writer, &text, NULL);
      x = column_x + text.width - 3 - 23;
      stripe_x = column_x + text.width - STRIPE_WIDTH;
    }
  scholia_pdf_draw_stripe (export->cr, key_tag, stripe_x, top, bottom);
  cairo_set_source_rgba (export->cr, key_tag->rgb[0], key_tag->rgb[1], key_tag->rgb[2], FILL_ALPHA);
  cairo_rectangle (export->cr, x, top, 23, bottom - top);
  cairo_fill (export->cr);
  stroke_underline (export->cr, key_tag, x, x + 23, track_y (line->baseline, 0));
}

/* A span's part of the line being decorated, in bytes into the text. */
typedef struct
{
  guint span;
  gsize start;
  gsize end;
} OnLine;

/* The span whose wash a piece of a line takes: of the spans over it, the shortest, so that a
 * span nested in another shows; of equal lengths, the one that starts later. */
static gboolean
is_inner (const Span *candidate,
          const Span *best)
{
  gsize candidate_length = candidate->end - candidate->start;
  gsize best_length = best->end - best->start;

  if (candidate_length != best_length)
    return candidate_length < best_length;
  return candidate->start > best->start;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  gsize left = *(const gsize *) a;
  gsize right = *(const gsize *) b;

  return (left > right) - (left < right);
}

static void
record_wash (Export               *export,
             const ScholiaPdfLine *line,
             double                layout_x,
             const Block          *block,
             guint                 index,
             gsize                 start,
             gsize                 end)
{
  int *ranges = NULL;
  int n_ranges = 0;

  pango_layout_line_get_x_ranges (line->line, scholia_pdf_export_layout_index (export, block, start),
                                  scholia_pdf_export_layout_index (export, block, end), &ranges, &n_ranges);
  /* Recorded, not painted: the wash is the appearance of the span's native highlight
   * (scholia-pdf-annots.c says why). */
  for (int r = 0; r < n_ranges; r++)
    {
      Quad wash = { index, line->page, export->washes->len,
                    layout_x + ranges[2 * r] / (double) PANGO_SCALE, fill_top (export, line->baseline),
                    layout_x + ranges[2 * r + 1] / (double) PANGO_SCALE, fill_bottom (export, line->baseline) };

      g_array_append_val (export->washes, wash);
    }
  g_free (ranges);
}

/* One wash per character, the innermost span's: the line is cut where any of its spans starts
 * or ends, each piece takes the wash of the innermost span over it, and neighbouring pieces of
 * the same span are filled as one. Returns the cuts, in order. */
static GArray *
wash_line (Export               *export,
           const ScholiaPdfLine *line,
           double                layout_x,
           const Block          *block,
           const GArray         *on_line)
{
  GArray *cuts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 2 * on_line->len);
  guint run_span = G_MAXUINT;
  gsize run_start = 0;

  for (guint i = 0; i < on_line->len; i++)
    {
      const OnLine *part = &g_array_index (on_line, OnLine, i);

      g_array_append_val (cuts, part->start);
      g_array_append_val (cuts, part->end);
    }
  g_array_sort (cuts, compare_offsets);

  for (guint c = 0; c + 1 < cuts->len; c++)
    {
      gsize piece_start = g_array_index (cuts, gsize, c);
      gsize piece_end = g_array_index (cuts, gsize, c + 1);
      guint inner = G_MAXUINT;

      if (piece_start == piece_end)
        continue;
      for (guint i = 0; i < on_line->len; i++)
        {
          const OnLine *part = &g_array_index (on_line, OnLine, i);

          if (part->start <= piece_start && part->end >= piece_end &&
              (inner == G_MAXUINT ||
               is_inner (g_ptr_array_index (export->spans, part->span), g_ptr_array_index (export->spans, inner))))
            inner = part->span;
        }
      if (inner != run_span)
        {
          if (run_span != G_MAXUINT)
            record_wash (export, line, layout_x, block, run_span, run_start, piece_start);
          run_span = inner;
          run_start = piece_start;
        }
    }
  if (run_span != G_MAXUINT)
    record_wash (export, line, layout_x, block, run_span, run_start, g_array_index (cuts, gsize, cuts->len - 1));
  return cuts;
}

/* One tag's underline over a piece of a line. */
typedef struct
{
  const KeyTag *key_tag;
  const Span   *span;
  int           track;
} Mark;

static int
compare_marks_by_track (gconstpointer a,
                        gconstpointer b)
{
  return ((const Mark *) a)->track - ((const Mark *) b)->track;
}

static int
compare_marks_inner_first (gconstpointer a,
                           gconstpointer b)
{
  const Mark *left = a;
  const Mark *right = b;

  if (left->span != right->span && is_inner (left->span, right->span))
    return -1;
  if (left->span != right->span && is_inner (right->span, left->span))
    return 1;
  return left->track - right->track;
}

/* The underlines of the tags over one piece of a line, each on its span's track. Where more
 * tracks are wanted than fit above the next line, the innermost spans' tags keep theirs, in
 * the same order, on the tracks there are: the underlines, like the wash, show the innermost
 * span first, and the stripes show the others. */
static void
underline_piece (Export               *export,
                 const ScholiaPdfLine *line,
                 double                layout_x,
                 const Block          *block,
                 const GArray         *on_line,
                 gsize                 start,
                 gsize                 end,
                 int                   n_tracks)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  int *ranges = NULL;
  int n_ranges = 0;
  gboolean overflow = FALSE;

  for (guint i = 0; i < on_line->len; i++)
    {
      const OnLine *part = &g_array_index (on_line, OnLine, i);
      const Span *span = g_ptr_array_index (export->spans, part->span);

      if (part->start > start || part->end < end)
        continue;
      for (guint t = 0; t < span->tags->len; t++)
        {
          Mark mark = { g_ptr_array_index (span->tags, t), span, span->track + (int) t };

          overflow |= mark.track >= n_tracks;
          g_array_append_val (marks, mark);
        }
    }
  if (overflow)
    {
      g_array_sort (marks, compare_marks_inner_first);
      g_array_set_size (marks, MIN (marks->len, (guint) n_tracks));
      g_array_sort (marks, compare_marks_by_track);
      for (guint m = 0; m < marks->len; m++)
        g_array_index (marks, Mark, m).track = m;
    }
  if (marks->len == 0)
    return;

  pango_layout_line_get_x_ranges (line->line, scholia_pdf_export_layout_index (export, block, start),
                                  scholia_pdf_export_layout_index (export, block, end), &ranges, &n_ranges);
  for (int r = 0; r < n_ranges; r++)
    for (guint m = 0; m < marks->len; m++)
      {
        const Mark *mark = &g_array_index (marks, Mark, m);

        stroke_underline (export->cr, mark->key_tag, layout_x + ranges[2 * r] / (double) PANGO_SCALE,
                          layout_x + ranges[2 * r + 1] / (double) PANGO_SCALE, track_y (line->baseline, mark->track));
      }
  g_free (ranges);
}

/* Whether the character at byte @offset of the text is set right to left: its leading edge is
 * right of its trailing one. */
static gboolean
is_right_to_left_at (Export               *export,
                     const ScholiaPdfLine *line,
                     const Block          *block,
                     gsize                 offset)
{
  int index = scholia_pdf_export_layout_index (export, block, offset);
  int leading, trailing;

  pango_layout_line_index_to_x (line->line, index, FALSE, &leading);
  pango_layout_line_index_to_x (line->line, index, TRUE, &trailing);
  return leading > trailing;
}

/* The end of the glyph before a span's mark, which may follow the span's end by a few
 * characters of punctuation. */
static double
mark_x (Export               *export,
        const ScholiaPdfLine *line,
        const Block          *block,
        double                layout_x,
        const Span           *span,
        gsize                 line_end)
{
  gsize mark = MIN (span->mark_index, line_end);
  const char *before = g_utf8_find_prev_char (export->text + block->text_start, export->text + mark);
  int *ranges = NULL;
  int n_ranges = 0;
  double x = layout_x;

  if (before == NULL)
    return x;
  pango_layout_line_get_x_ranges (line->line, scholia_pdf_export_layout_index (export, block, before - export->text),
                                  scholia_pdf_export_layout_index (export, block, mark), &ranges, &n_ranges);
  if (n_ranges > 0 && is_right_to_left_at (export, line, block, before - export->text))
    {
      /* A right-to-left word ends at its left: the mark goes into the room left of it. */
      x = G_MAXDOUBLE;
      for (int r = 0; r < n_ranges; r++)
        x = MIN (x, layout_x + ranges[2 * r] / (double) PANGO_SCALE);
      x -= export->mark_room;
    }
  else
    for (int r = 0; r < n_ranges; r++)
      x = MAX (x, layout_x + ranges[2 * r + 1] / (double) PANGO_SCALE);
  g_free (ranges);
  return x;
}

/* Washes and underlines behind one line of a paragraph, and the lines its tags' stripes go
 * beside; notes' anchors, marks and the quadrilaterals of the native annotations are
 * collected on the way. */
static void
decorate_paragraph_line (Export               *export,
                         const ScholiaPdfLine *line,
                         double                column_x,
                         Paragraph            *paragraph)
{
  const Block *block = &g_array_index (export->blocks, Block, line->block);
  gsize line_start = scholia_pdf_export_text_offset (export, block, line->line->start_index);
  gsize line_end = scholia_pdf_export_text_offset (export, block, line->line->start_index + line->line->length);
  /* x ranges count from the layout's left edge, alignment and indent included. */
  double layout_x = column_x + line->layout_x;
  g_autoptr(GArray) on_line = g_array_new (FALSE, FALSE, sizeof (OnLine));
  g_autoptr(GArray) cuts = NULL;

  for (guint i = 0; i < paragraph->spans->len; i++)
    {
      guint index = g_array_index (paragraph->spans, guint, i);
      Span *span = g_ptr_array_index (export->spans, index);
      gsize start = MAX (span->start, line_start);
      gsize end = MIN (span->end, line_end);
      int *ranges = NULL;
      int n_ranges = 0;
      double left = G_MAXDOUBLE, right = -G_MAXDOUBLE;

      if (start >= end)
        continue;

      pango_layout_line_get_x_ranges (line->line, scholia_pdf_export_layout_index (export, block, start),
                                        scholia_pdf_export_layout_index (export, block, end), &ranges, &n_ranges);
      /* A quad for each run the span covers: on a line that changes direction, its part of a
       * left-to-right name inside a right-to-left sentence stands apart from its other words,
       * and one quad around both would cover words it does not quote. */
      for (int r = 0; r < n_ranges; r++)
        {
          double run_left = layout_x + ranges[2 * r] / (double) PANGO_SCALE;
          double run_right = layout_x + ranges[2 * r + 1] / (double) PANGO_SCALE;
          Quad quad = { index, line->page, export->quads->len, run_left, fill_top (export, line->baseline),
                        run_right, fill_bottom (export, line->baseline) };

          if (r > 0 && fabs (run_left - right) < 0.01)
            g_array_index (export->quads, Quad, export->quads->len - 1).x2 = run_right;
          else
            g_array_append_val (export->quads, quad);
          left = MIN (left, run_left);
          right = MAX (right, run_right);
        }
      g_free (ranges);
      if (n_ranges == 0)
        continue;

      {
        OnLine part = { index, start, end };

        g_array_append_val (on_line, part);
      }
      for (guint t = 0; t < span->tags->len; t++)
        {
          Stripe stripe = { g_ptr_array_index (span->tags, t), fill_top (export, line->baseline),
                            fill_bottom (export, line->baseline) };

          g_array_append_val (export->stripes, stripe);
        }
      if (!span->seen)
        {
          Anchor anchor = { span, line->top, fill_bottom (export, line->baseline) + 1.2, left, right };

          span->seen = TRUE;
          g_array_append_val (export->anchors, anchor);
        }
      if (span->end <= line_end && span->has_note)
        {
          SpanEnd span_end = { span, mark_x (export, line, block, layout_x, span, line_end), line->baseline };

          g_array_append_val (export->ends, span_end);
        }
    }

  if (on_line->len == 0)
    return;
  cuts = wash_line (export, line, layout_x, block, on_line);
  /* Over all the washes, so that none tints an underline. */
  for (guint c = 0; c + 1 < cuts->len; c++)
    if (g_array_index (cuts, gsize, c) < g_array_index (cuts, gsize, c + 1))
      underline_piece (export, line, layout_x, block, on_line, g_array_index (cuts, gsize, c),
                       g_array_index (cuts, gsize, c + 1), count_tracks (line));
}

void
scholia_pdf_export_before_line (const ScholiaPdfLine *line,
                                double                column_x,
                                gpointer              user_data)
{
  Export *export = user_data;
  Block *block = &g_array_index (export->blocks, Block, line->block);

  if (block->kind == BLOCK_PARAGRAPH)
    {
      decorate_paragraph_line (export, line, column_x,
                               &g_array_index (export->paragraphs, Paragraph, block->index));
      scholia_pdf_export_mark_places (export, line, column_x);
    }
  else if (block->kind == BLOCK_KEY)
    draw_key_swatch (export, line, column_x, g_ptr_array_index (export->key, block->index));
  else if (block->kind == BLOCK_ENDNOTE)
    scholia_pdf_export_link_endnote (export, line, column_x);
}
