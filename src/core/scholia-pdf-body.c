/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-pdf-export-private.h"

/* Paragraphs are the text's non-empty lines; each knows the spans that touch it. */
void
scholia_pdf_export_split_paragraphs (Export *export)
{
  const char *text = export->text;
  gsize position = 0;
  guint first_span = 0;

  while (text[position] != '\0')
    {
      const char *newline = strchr (text + position, '\n');
      gsize end = newline != NULL ? (gsize) (newline - text) : strlen (text);

      if (end > position)
        {
          Paragraph paragraph = { position, end, g_array_new (FALSE, FALSE, sizeof (guint)) };

          /* Spans come sorted by start: those at the front that end before this paragraph
           * are done with; the others are checked one by one up to the first that starts
           * after it. */
          while (first_span < export->spans->len &&
                 ((Span *) g_ptr_array_index (export->spans, first_span))->end <= position &&
                 ((Span *) g_ptr_array_index (export->spans, first_span))->start < position)
            first_span++;
          for (guint s = first_span; s < export->spans->len; s++)
            {
              Span *span = g_ptr_array_index (export->spans, s);

              if (span->start >= end)
                break;
              if (span->end > position && span->end > span->start)
                g_array_append_val (paragraph.spans, s);
            }
          g_array_append_val (export->paragraphs, paragraph);
        }
      position = newline != NULL ? end + 1 : end;
    }
}

void
scholia_pdf_export_add_block (Export         *export,
                              ScholiaPdfFlow *flow,
                              PangoLayout    *layout,
                              BlockKind       kind,
                              guint           index,
                              double          indent,
                              double          space_before,
                              double          keep_after)
{
  Block block = { kind, index, 0 };

  scholia_pdf_flow_add (flow, layout, indent, space_before, keep_after);
  g_array_append_val (export->blocks, block);
}

/* The names of the labels of @type the filter keeps, ", " between them; NULL when it keeps all. */
static char *
filter_label_names (ScholiaStore *store,
                    const gint64 *ids,
                    guint         n_ids,
                    GType         type)
{
  g_autoptr(GString) names = NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaLabel *label = scholia_store_lookup_label (store, type, ids[i]);

      if (label == NULL)
        continue;
      if (names == NULL)
        names = g_string_new (NULL);
      else
        g_string_append (names, ", ");
      g_string_append (names, scholia_label_get_name (label));
    }
  return names != NULL ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

/* What the reader of a printed copy must know about this export: that it shows only some
 * annotations ("Only: thesis, evidence · Theme: Decline"), the day it was made and, when given,
 * the course. */
static char *
export_header_line (Export *export)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Not %e, which pads a one-digit day with a figure space. */
  g_autofree char *date = g_date_time_format (now, "%-d %B %Y");
  ScholiaAnnotationFilter *filter = export->options->filter;

  if (filter != NULL && !scholia_annotation_filter_is_empty (filter))
    {
      guint n_tags, n_themes;
      const gint64 *tag_ids = scholia_annotation_filter_get_tag_ids (filter, &n_tags);
      const gint64 *theme_ids = scholia_annotation_filter_get_theme_ids (filter, &n_themes);
      g_autofree char *tags = filter_label_names (export->store, tag_ids, n_tags, SCHOLIA_TYPE_TAG);
      g_autofree char *themes = filter_label_names (export->store, theme_ids, n_themes, SCHOLIA_TYPE_THEME);

      if (tags != NULL)
        /* Translators: heads an export that shows only the annotations with these tags */
        g_string_append_printf (line, _("Only: %s"), tags);
      if (themes != NULL)
        {
          if (line->len > 0)
            g_string_append (line, " · ");
          /* Translators: heads an export that shows only the annotations in these themes */
          g_string_append_printf (line, _("Theme: %s"), themes);
        }
      if (line->len > 0)
        g_string_append (line, " · ");
    }

  /* Translators: the day the PDF was made, as it stands in its header */
  g_string_append_printf (line, _("Exported %s"), date);
  if (export->options->course != NULL && *export->options->course != '\0')
    g_string_append_printf (line, " · %s", export->options->course);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* Title, author, date and source, the export's header line, a hairline, then the key to tags
 * and themes. */
void
scholia_pdf_export_add_title_block (Export         *export,
                                    ScholiaPdfFlow *flow,
                                    double          width)
{
  const char *title = scholia_document_get_title (export->document);
  const char *author = scholia_document_get_author (export->document);
  const char *date = scholia_document_get_date (export->document);
  const char *source = scholia_document_get_source (export->document);
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autofree char *markup = NULL;

  title_layout = scholia_pdf_writer_create_layout (export->writer, width, 20, PANGO_STYLE_NORMAL,
                                                   PANGO_WEIGHT_NORMAL);
  pango_layout_set_text (title_layout, title != NULL && *title != '\0' ? title : _("Untitled"), -1);
  scholia_pdf_export_add_block (export, flow, title_layout, BLOCK_PLAIN, 0, 0, 0, 0);
  scholia_pdf_flow_tag_last (flow, "H1");

  if (author != NULL && *author != '\0')
    {
      g_autoptr(PangoLayout) layout = NULL;

      markup = g_markup_printf_escaped ("<span font_variant='smallcaps'>%s</span>", author);
      layout = scholia_pdf_writer_create_markup_layout (export->writer, width, 11.5, PANGO_STYLE_NORMAL, markup);
      scholia_pdf_export_add_block (export, flow, layout, BLOCK_PLAIN, 0, 0, 6, 0);
      g_clear_pointer (&markup, g_free);
    }

  if ((date != NULL && *date != '\0') || (source != NULL && *source != '\0'))
    {
      g_autoptr(PangoLayout) layout = NULL;
      gboolean both = date != NULL && *date != '\0' && source != NULL && *source != '\0';

      markup = g_markup_printf_escaped ("<span foreground='#555555'>%s%s%s</span>",
                                        date != NULL ? date : "", both ? " · " : "",
                                        source != NULL ? source : "");
      layout = scholia_pdf_writer_create_markup_layout (export->writer, width, 9, PANGO_STYLE_ITALIC, markup);
      scholia_pdf_export_add_block (export, flow, layout, BLOCK_PLAIN, 0, 0, 3, 0);
      g_clear_pointer (&markup, g_free);
    }

  {
    g_autofree char *header = export_header_line (export);
    g_autoptr(PangoLayout) layout = scholia_pdf_writer_create_layout (export->writer, width, 9, PANGO_STYLE_NORMAL,
                                                                      PANGO_WEIGHT_NORMAL);

    pango_layout_set_text (layout, header, -1);
    scholia_pdf_export_add_block (export, flow, layout, BLOCK_PLAIN, 0, 0, 3, 0);
  }

  export->rule_y = flow->y + 9;
  flow->y += 18;

  for (guint i = 0; i < export->key->len; i++)
    {
      KeyTag *key_tag = g_ptr_array_index (export->key, i);
      const char *description = scholia_label_get_description (SCHOLIA_LABEL (key_tag->tag));
      g_autoptr(PangoLayout) layout = NULL;

      markup = g_markup_printf_escaped ("<b>%s</b>%s<span foreground='#555555'>%s</span>",
                                        scholia_label_get_name (SCHOLIA_LABEL (key_tag->tag)),
                                        description != NULL && *description != '\0' ? " — " : "",
                                        description != NULL ? description : "");
      layout = scholia_pdf_writer_create_markup_layout (export->writer, width - 30, KEY_FONT_SIZE, PANGO_STYLE_NORMAL, markup);
      scholia_pdf_export_add_block (export, flow, layout, BLOCK_KEY, i, 30, 2, 0);
      g_clear_pointer (&markup, g_free);
    }

  if (export->themes->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autoptr(PangoLayout) layout = NULL;

      for (guint i = 0; i < export->themes->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                scholia_label_get_name (SCHOLIA_LABEL (g_ptr_array_index (export->themes, i))));
      markup = g_markup_printf_escaped ("<span font_variant='smallcaps'>%s</span>  %s",
                                        _("Themes"), names->str);
      layout = scholia_pdf_writer_create_markup_layout (export->writer, width, KEY_FONT_SIZE, PANGO_STYLE_NORMAL, markup);
      scholia_pdf_export_add_block (export, flow, layout, BLOCK_PLAIN, 0, 0, 4, 0);
    }

  flow->y += 20;
}

/* Where a piece of a long paragraph starting at @start may end: at a space before
 * @start + PIECE_BYTES, else at a character boundary. The layout's last line, which holds the
 * cut, is laid out again with the next piece. */
static gsize
find_piece_end (const char *text,
                gsize       start,
                gsize       end)
{
  gsize cut = start + PIECE_BYTES;

  if (cut >= end)
    return end;
  while (cut > start + PIECE_BYTES / 2 && text[cut] != ' ')
    cut--;
  while ((text[cut] & 0xc0) == 0x80)
    cut--;
  return cut;
}

/* Lays out a paragraph in pieces, each a layout whose last line is left to the next piece, so
 * that the lines break and justify exactly as in one layout. */
static gboolean
add_paragraph (Export          *export,
               ScholiaPdfFlow  *flow,
               guint            index,
               double           width,
               double           indent,
               GError         **error)
{
  Paragraph *paragraph = &g_array_index (export->paragraphs, Paragraph, index);
  gsize start = paragraph->start;

  while (start < paragraph->end)
    {
      g_autoptr(PangoLayout) layout = scholia_pdf_writer_create_layout (export->writer, width, export->font_size,
                                                                        PANGO_STYLE_NORMAL, PANGO_WEIGHT_NORMAL);
      gsize end = find_piece_end (export->text, start, paragraph->end);
      int n_lines;
      Block block = { BLOCK_PARAGRAPH, index, start };

      pango_layout_set_text (layout, export->text + start, end - start);
      pango_layout_set_justify (layout, !export->options->ragged);
      if (start == paragraph->start)
        pango_layout_set_indent (layout, indent * PANGO_SCALE);
      n_lines = pango_layout_get_line_count (layout);
      if (end < paragraph->end && n_lines > 1)
        {
          n_lines--;
          end = start + pango_layout_get_line_readonly (layout, n_lines)->start_index;
        }

      scholia_pdf_flow_add_lines (flow, layout, n_lines, start > paragraph->start, 0);
      g_array_append_val (export->blocks, block);
      start = end;
      if (start < paragraph->end && !scholia_pdf_writer_check_cancelled (export->writer, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
scholia_pdf_export_layout_text (Export          *export,
                                ScholiaPdfFlow  *flow,
                                double           width,
                                GError         **error)
{
  for (guint i = 0; i < export->paragraphs->len; i++)
    {
      /* Book paragraphs: indented, except the first. */
      if (!add_paragraph (export, flow, i, width, i > 0 ? 1.5 * export->font_size : 0, error))
        return FALSE;

      if (i % 64 == 0 && !scholia_pdf_writer_check_cancelled (export->writer, error))
        return FALSE;
    }
  return TRUE;
}
