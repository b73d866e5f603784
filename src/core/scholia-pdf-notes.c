/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-pdf-export-private.h"

static char *
note_markup (Span     *span,
             gboolean  with_number)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GString) tags = g_string_new (NULL);
  const char *note = scholia_annotation_get_note (span->annotation);

  if (with_number)
    g_string_append_printf (markup, "<b>%d.</b> ", span->endnote);
  for (guint t = 0; t < span->tags->len; t++)
    {
      KeyTag *key_tag = g_ptr_array_index (span->tags, t);

      scholia_pdf_append_tag_markup (tags, scholia_label_get_name (SCHOLIA_LABEL (key_tag->tag)), key_tag->rgb);
    }
  g_string_append (markup, tags->str);
  if (*span->theme_names != '\0')
    {
      g_autofree char *themes = g_markup_escape_text (span->theme_names, -1);

      g_string_append_printf (markup, "%s<i>%s</i>", span->tags->len > 0 ? " · " : "", themes);
    }
  if (note != NULL && *note != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (note, -1);

      g_string_append_printf (markup, "%s%s", markup->len > 0 ? (with_number ? " — " : "\n") : "", escaped);
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
draw_leader (Export               *export,
             const Anchor         *anchor,
             const ScholiaPdfRect *text,
             const ScholiaPdfRect *margin,
             double                note_y)
{
  gboolean outside_right = margin->x > text->x;
  double start = outside_right ? anchor->right : anchor->left;
  double edge = outside_right ? text->x + text->width + 3 : text->x - 3;
  double end = outside_right ? margin->x - 2 : margin->x + margin->width + 2;

  cairo_save (export->cr);
  cairo_set_source_rgba (export->cr, anchor->span->rgb[0] * 0.7, anchor->span->rgb[1] * 0.7,
                         anchor->span->rgb[2] * 0.7, 0.8);
  cairo_set_line_width (export->cr, 0.4);
  cairo_move_to (export->cr, start, anchor->lead_y);
  cairo_line_to (export->cr, edge, anchor->lead_y);
  cairo_line_to (export->cr, end, note_y);
  cairo_stroke (export->cr);
  cairo_restore (export->cr);
}

/* Notes go beside their spans' first lines, pushed down when they would collide; a note the
 * margin of this page cannot hold becomes a numbered endnote. */
void
scholia_pdf_export_place_notes (Export               *export,
                                const ScholiaPdfRect *text,
                                const ScholiaPdfRect *margin)
{
  double floor = margin->y;
  double limit = margin->y + margin->height;

  if (export->note_layout == NULL)
    export->note_layout = scholia_pdf_writer_create_layout (export->writer, margin->width, NOTE_FONT_SIZE,
                                                            PANGO_STYLE_NORMAL, PANGO_WEIGHT_NORMAL);

  for (guint i = 0; i < export->anchors->len; i++)
    {
      Anchor *anchor = &g_array_index (export->anchors, Anchor, i);
      g_autofree char *markup = note_markup (anchor->span, FALSE);
      PangoLayout *layout = export->note_layout;
      PangoRectangle logical;
      double y, height, first_line_middle;

      if (*markup == '\0')
        continue;
      pango_layout_set_markup (layout, markup, -1);
      pango_layout_set_alignment (layout, margin->x > text->x ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      pango_layout_get_extents (layout, NULL, &logical);
      height = logical.height / (double) PANGO_SCALE;
      y = MAX (anchor->top, floor);
      if (y + height > limit)
        {
          anchor->span->endnote = export->endnotes->len + 1;
          g_ptr_array_add (export->endnotes, anchor->span);
          continue;
        }

      cairo_set_source_rgb (export->cr, 0.15, 0.15, 0.15);
      cairo_move_to (export->cr, margin->x, y);
      cairo_tag_begin (export->cr, "Note", "");
      pango_cairo_show_layout (export->cr, layout);
      cairo_tag_end (export->cr, "Note");
      first_line_middle = y + pango_layout_get_baseline (layout) / (double) PANGO_SCALE - NOTE_FONT_SIZE * 0.35;
      draw_leader (export, anchor, text, margin, first_line_middle);
      floor = y + height + 4;
    }
}

void
scholia_pdf_export_mark_endnotes (Export *export)
{
  for (guint i = 0; i < export->ends->len; i++)
    {
      SpanEnd *span_end = &g_array_index (export->ends, SpanEnd, i);
      char number[16];

      if (span_end->span->endnote == 0)
        continue;
      if (export->mark_layout == NULL)
        export->mark_layout = scholia_pdf_writer_create_layout (export->writer, -1, export->font_size * 0.6,
                                                                PANGO_STYLE_NORMAL, PANGO_WEIGHT_BOLD);
      g_snprintf (number, sizeof number, "%d", span_end->span->endnote);
      pango_layout_set_text (export->mark_layout, number, -1);
      cairo_set_source_rgb (export->cr, 0.1, 0.1, 0.1);
      cairo_move_to (export->cr, span_end->x + 0.5, span_end->baseline - export->font_size * 0.42);
      pango_cairo_show_layout_line (export->cr, pango_layout_get_line_readonly (export->mark_layout, 0));
    }
}

gboolean
scholia_pdf_export_write_endnotes (Export          *export,
                                   GError         **error)
{
  ScholiaPdfRect text;
  ScholiaPdfFlow flow;
  g_autoptr(PangoLayout) heading = NULL;
  g_autofree char *markup = NULL;
  gboolean done;

  scholia_pdf_writer_get_geometry (export->writer, &text, NULL);
  scholia_pdf_flow_init (&flow, scholia_pdf_writer_get_page (export->writer), text.y, text.y + text.height);
  /* The body's blocks are drawn: the notes' flow numbers its own from 0. */
  g_array_set_size (export->blocks, 0);
  export->title_blocks = 0;

  markup = g_markup_printf_escaped ("<span font_variant='smallcaps'>%s</span>", _("Notes"));
  heading = scholia_pdf_writer_create_markup_layout (export->writer, text.width, 13, PANGO_STYLE_NORMAL, markup);
  scholia_pdf_export_add_block (export, &flow, heading, BLOCK_PLAIN, 0, 0, 0, 0);
  scholia_pdf_flow_tag_last (&flow, "H2");
  flow.y += 8;

  for (guint i = 0; i < export->endnotes->len; i++)
    {
      g_autofree char *note = note_markup (g_ptr_array_index (export->endnotes, i), TRUE);
      g_autoptr(PangoLayout) layout = scholia_pdf_writer_create_markup_layout (export->writer, text.width, export->font_size * 0.85,
                                                     PANGO_STYLE_NORMAL, note);

      scholia_pdf_export_add_block (export, &flow, layout, BLOCK_PLAIN, 0, 0, 3, 0);
      scholia_pdf_flow_tag_last (&flow, "Note");
    }

  done = scholia_pdf_export_draw_pages (export, &flow, 0.85, 0.05, error);
  scholia_pdf_flow_clear (&flow);
  return done;
}
