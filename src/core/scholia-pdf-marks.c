/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-pdf-export-private.h"

static void
set_pattern (cairo_t *cr,
             guint    index)
{
  static const double dashed[] = { 3.0, 1.6 };
  static const double dotted[] = { 0.0, 1.8 };
  static const double dash_dot[] = { 3.2, 1.3, 0.0, 1.3 };
  static const double long_dash[] = { 6.5, 2.0 };
  static const double dash_dot_dot[] = { 3.2, 1.2, 0.0, 1.2, 0.0, 1.2 };

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  switch (index % N_PATTERNS)
    {
    case 0:
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case 1:
      cairo_set_dash (cr, dashed, G_N_ELEMENTS (dashed), 0);
      break;
    case 2:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dotted, G_N_ELEMENTS (dotted), 0);
      break;
    case 3:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dash_dot, G_N_ELEMENTS (dash_dot), 0);
      break;
    case 4:
      cairo_set_dash (cr, long_dash, G_N_ELEMENTS (long_dash), 0);
      break;
    default:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dash_dot_dot, G_N_ELEMENTS (dash_dot_dot), 0);
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
  cairo_set_line_width (cr, 0.9);
  set_pattern (cr, key_tag->index);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x2, y);
  cairo_stroke (cr);
  cairo_restore (cr);
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

static void
draw_key_swatch (Export               *export,
                 const ScholiaPdfLine *line,
                 double                column_x,
                 KeyTag               *key_tag)
{
  double x = column_x;
  double top = line->baseline - KEY_FONT_SIZE;

  cairo_set_source_rgba (export->cr, key_tag->rgb[0], key_tag->rgb[1], key_tag->rgb[2], FILL_ALPHA);
  cairo_rectangle (export->cr, x, top, 22, KEY_FONT_SIZE + 2.5);
  cairo_fill (export->cr);
  stroke_underline (export->cr, key_tag, x, x + 22, line->baseline + 2.2);
}

/* The end of the glyph before a span's mark, which may follow the span's end by a few
 * characters of punctuation. */
static double
mark_x (Export               *export,
        const ScholiaPdfLine *line,
        double                layout_x,
        const Span           *span,
        gsize                 line_end)
{
  gsize text_start = g_array_index (export->blocks, Block, line->block).text_start;
  gsize mark = MIN (span->mark_index, line_end);
  const char *before = g_utf8_find_prev_char (export->text + text_start, export->text + mark);
  int *ranges = NULL;
  int n_ranges = 0;
  double x = layout_x;

  if (before == NULL)
    return x;
  pango_layout_line_get_x_ranges (line->line, before - export->text - text_start, mark - text_start, &ranges, &n_ranges);
  for (int r = 0; r < n_ranges; r++)
    x = MAX (x, layout_x + ranges[2 * r + 1] / (double) PANGO_SCALE);
  g_free (ranges);
  return x;
}

/* Washes and underlines behind one line of a paragraph; notes' anchors, marks and the
 * quadrilaterals of the native annotations are collected on the way. */
static void
decorate_paragraph_line (Export               *export,
                         const ScholiaPdfLine *line,
                         double                column_x,
                         Paragraph            *paragraph)
{
  gsize text_start = g_array_index (export->blocks, Block, line->block).text_start;
  gsize line_start = text_start + line->line->start_index;
  gsize line_end = line_start + line->line->length;
  /* x ranges count from the layout's left edge, alignment and indent included. */
  double layout_x = column_x + line->layout_x;

  for (guint pass = 0; pass < 2; pass++)
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

        pango_layout_line_get_x_ranges (line->line, start - text_start, end - text_start,
                                        &ranges, &n_ranges);
        for (int r = 0; r < n_ranges; r++)
          {
            double x1 = layout_x + ranges[2 * r] / (double) PANGO_SCALE;
            double x2 = layout_x + ranges[2 * r + 1] / (double) PANGO_SCALE;

            left = MIN (left, x1);
            right = MAX (right, x2);
            if (pass == 0)
              {
                Quad wash = { index, line->page, export->washes->len, x1, fill_top (export, line->baseline),
                              x2, fill_bottom (export, line->baseline) };

                cairo_set_source_rgba (export->cr, span->rgb[0], span->rgb[1], span->rgb[2], FILL_ALPHA);
                cairo_rectangle (export->cr, wash.x1, wash.y1, wash.x2 - wash.x1, wash.y2 - wash.y1);
                cairo_fill (export->cr);
                g_array_append_val (export->washes, wash);
              }
            else
              {
                for (guint t = 0; t < span->tags->len; t++)
                  {
                    int track = MIN (span->track + (int) t, MAX_TRACKS - 1);

                    stroke_underline (export->cr, g_ptr_array_index (span->tags, t), x1, x2,
                                      line->baseline + 1.9 + 1.5 * track);
                  }
              }
          }
        g_free (ranges);

        if (pass == 1 || n_ranges == 0)
          continue;

        {
          Quad quad = { index, line->page, export->quads->len, left, fill_top (export, line->baseline),
                        right, fill_bottom (export, line->baseline) };

          g_array_append_val (export->quads, quad);
        }
        if (!span->seen)
          {
            Anchor anchor = { span, line->top, fill_bottom (export, line->baseline) + 1.2, left, right };

            span->seen = TRUE;
            g_array_append_val (export->anchors, anchor);
          }
        if (span->end <= line_end && span->has_note)
          {
            SpanEnd span_end = { span, mark_x (export, line, layout_x, span, line_end), line->baseline };

            g_array_append_val (export->ends, span_end);
          }
      }
}

void
scholia_pdf_export_before_line (const ScholiaPdfLine *line,
                                double                column_x,
                                gpointer              user_data)
{
  Export *export = user_data;
  Block *block = &g_array_index (export->blocks, Block, line->block);

  if (block->kind == BLOCK_PARAGRAPH)
    decorate_paragraph_line (export, line, column_x,
                             &g_array_index (export->paragraphs, Paragraph, block->index));
  else if (block->kind == BLOCK_KEY)
    draw_key_swatch (export, line, column_x, g_ptr_array_index (export->key, block->index));
  else if (block->kind == BLOCK_ENDNOTE)
    scholia_pdf_export_link_endnote (export, line, column_x);
}
