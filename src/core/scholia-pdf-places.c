/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-citation.h"
#include "scholia-paragraphs.h"
#include "scholia-pdf-export-private.h"

/* Where the margin marks stand: beyond the band next to the column where the coding stripes
 * go, in small grey figures set toward the text. */
#define POSITION_GAP        22.0
#define POSITION_FONT_SIZE  6.5
#define POSITION_SPACING    4.0

/* Where a page of the source began, in bytes into the text, and the page's printed label. */
typedef struct
{
  gsize  byte;
  char  *label;
} PageBreak;

/* What goes into the inner margin beside one line. */
typedef struct
{
  double      baseline;
  guint       paragraph;   /* its number when the line opens a paragraph, else 0 */
  const char *label;       /* the source page that begins on the line, else NULL */
} Position;

static void
page_break_clear (PageBreak *page_break)
{
  g_clear_pointer (&page_break->label, g_free);
}

gboolean
scholia_pdf_export_load_places (Export  *export,
                                GError **error)
{
  g_autoptr(GArray) pages = scholia_store_load_pages (export->store, export->document, error);
  const char *p = export->text;
  int offset = 0;

  if (pages == NULL)
    return FALSE;

  export->numbered = scholia_paragraphs_split (export->text);
  export->page_breaks = g_array_new (FALSE, FALSE, sizeof (PageBreak));
  g_array_set_clear_func (export->page_breaks, (GDestroyNotify) page_break_clear);
  export->positions = g_array_new (FALSE, FALSE, sizeof (Position));

  /* The ranges count code points and come in order: one walk turns them into bytes. */
  for (guint i = 0; i < pages->len; i++)
    {
      const ScholiaPageRange *range = &g_array_index (pages, ScholiaPageRange, i);
      PageBreak page_break;

      while (offset < range->start && *p != '\0')
        {
          p = g_utf8_next_char (p);
          offset++;
        }
      if (offset < range->start)
        break;
      page_break.byte = p - export->text;
      page_break.label = g_strdup (range->label);
      g_array_append_val (export->page_breaks, page_break);
    }
  return TRUE;
}

void
scholia_pdf_export_clear_places (Export *export)
{
  g_clear_pointer (&export->numbered, g_array_unref);
  g_clear_pointer (&export->page_breaks, g_array_unref);
  g_clear_pointer (&export->positions, g_array_unref);
  g_clear_object (&export->position_layout);
}

/* A thin upright stroke where the source's page ended: in the word space before @byte, or just
 * before the line's first letter when the page began with the line. Drawn, not set as a
 * character, so that the text copies as it was written. */
static void
stroke_page_break (Export               *export,
                   const ScholiaPdfLine *line,
                   double                column_x,
                   const Block          *block,
                   gsize                 byte)
{
  /* Unlike x ranges, index_to_x counts from the line's origin. */
  double origin = column_x + line->x;
  int index = scholia_pdf_export_layout_index (export, block, byte);
  const char *previous = g_utf8_find_prev_char (export->text, export->text + byte);
  int here, before;
  double x;

  pango_layout_line_index_to_x (line->line, index, FALSE, &here);
  x = origin + here / (double) PANGO_SCALE;
  if (index == line->line->start_index)
    x -= 0.15 * export->font_size;
  else if (previous != NULL && g_unichar_isspace (g_utf8_get_char (previous)))
    {
      /* Centred in the word space; a word the source split over its pages is cut between
       * its letters. */
      pango_layout_line_index_to_x (line->line,
                                    scholia_pdf_export_layout_index (export, block, previous - export->text),
                                    FALSE, &before);
      x = origin + (before + here) / 2.0 / PANGO_SCALE;
    }

  cairo_save (export->cr);
  cairo_set_source_rgb (export->cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (export->cr, 0.5);
  cairo_move_to (export->cr, x, line->baseline - 0.85 * export->font_size);
  cairo_line_to (export->cr, x, line->baseline + 0.2 * export->font_size);
  cairo_stroke (export->cr);
  cairo_restore (export->cr);
}

/* Called ahead of each line of a paragraph, in text order: the line opens a numbered paragraph
 * or holds the start of a source page when the next one not yet drawn lies on it. Ones that
 * no line holds (the text left out of the column) are passed by. */
void
scholia_pdf_export_mark_places (Export               *export,
                                const ScholiaPdfLine *line,
                                double                column_x)
{
  const Block *block = &g_array_index (export->blocks, Block, line->block);
  gsize line_start = scholia_pdf_export_text_offset (export, block, line->line->start_index);
  gsize line_end = scholia_pdf_export_text_offset (export, block, line->line->start_index + line->line->length);
  Position position = { line->baseline, 0, NULL };

  while (export->next_numbered < export->numbered->len)
    {
      const ScholiaParagraph *paragraph = &g_array_index (export->numbered, ScholiaParagraph,
                                                          export->next_numbered);

      if (paragraph->start >= line_end)
        break;
      if (paragraph->start >= line_start)
        position.paragraph = export->next_numbered + 1;
      export->next_numbered++;
    }

  while (export->next_break < export->page_breaks->len)
    {
      const PageBreak *page_break = &g_array_index (export->page_breaks, PageBreak, export->next_break);

      if (page_break->byte >= line_end)
        break;
      position.label = page_break->label;
      /* The first page began with the text: its label alone says where the text starts. */
      if (page_break->byte > line_start || export->next_break > 0)
        stroke_page_break (export, line, column_x, block, MAX (page_break->byte, line_start));
      export->next_break++;
    }

  if (position.paragraph > 0 || position.label != NULL)
    g_array_append_val (export->positions, position);
}

/* Shows @line at @baseline, its edge toward the text at @edge; returns the far edge. */
static double
show_position (Export          *export,
               PangoLayoutLine *line,
               gboolean         inner_left,
               double           edge,
               double           baseline)
{
  PangoRectangle logical;
  double width, x;

  pango_layout_line_get_extents (line, NULL, &logical);
  width = logical.width / (double) PANGO_SCALE;
  x = inner_left ? edge - width : edge;
  cairo_move_to (export->cr, x, baseline);
  pango_cairo_show_layout_line (export->cr, line);
  return inner_left ? x - POSITION_SPACING : x + width + POSITION_SPACING;
}

/* The line of @layout that starts at byte @start, from @from on; lines come in order. */
static GSList *
find_line (GSList *from,
           int     start)
{
  while (from != NULL && ((PangoLayoutLine *) from->data)->start_index < start)
    from = from->next;
  return from;
}

/* The marks of the page just drawn, after its text so that they come last in its content and
 * its lines copy without them: the ¶ number nearest the text, a page label beyond it. All of a
 * page's marks are laid out together, one a line: one layout for each mark cost more than
 * the rest of them. */
void
scholia_pdf_export_draw_places (Export               *export,
                                const ScholiaPdfRect *text)
{
  /* The inner margin is the side away from the notes: left on odd pages (0, 2, … counted from
   * 0), right on mirrored even ones and on a right-to-left essay's odd pages. */
  ScholiaPdfRect margin;
  gboolean inner_left;
  double edge;
  g_autoptr(GString) marks = g_string_new (NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (int));
  GSList *line;
  guint next = 0;

  scholia_pdf_writer_get_geometry (export->writer, NULL, &margin);
  inner_left = margin.x > text->x;
  edge = inner_left ? text->x - POSITION_GAP : text->x + text->width + POSITION_GAP;

  if (export->positions->len == 0)
    return;
  if (export->position_layout == NULL)
    export->position_layout = scholia_pdf_writer_create_layout (export->writer, -1, POSITION_FONT_SIZE,
                                                                PANGO_STYLE_NORMAL, PANGO_WEIGHT_NORMAL);

  for (guint i = 0; i < export->positions->len; i++)
    {
      const Position *position = &g_array_index (export->positions, Position, i);
      int start;

      if (position->paragraph > 0)
        {
          g_autofree char *number = scholia_citation_format_paragraph (position->paragraph);

          start = marks->len;
          g_array_append_val (starts, start);
          g_string_append_printf (marks, "%s\n", number);
        }
      if (position->label != NULL)
        {
          start = marks->len;
          g_array_append_val (starts, start);
          g_string_append_printf (marks, "%s\n", position->label);
        }
    }
  pango_layout_set_text (export->position_layout, marks->str, marks->len - 1);
  line = pango_layout_get_lines_readonly (export->position_layout);

  cairo_save (export->cr);
  cairo_set_source_rgb (export->cr, 0.5, 0.5, 0.5);
  for (guint i = 0; i < export->positions->len; i++)
    {
      const Position *position = &g_array_index (export->positions, Position, i);
      double x = edge;

      if (position->paragraph > 0 && (line = find_line (line, g_array_index (starts, int, next++))) != NULL)
        x = show_position (export, line->data, inner_left, x, position->baseline);
      if (position->label != NULL && (line = find_line (line, g_array_index (starts, int, next++))) != NULL)
        show_position (export, line->data, inner_left, x, position->baseline);
    }
  cairo_restore (export->cr);
  g_array_set_size (export->positions, 0);
}

/* The label of the source page holding @byte, NULL before the first. */
static const char *
page_at (Export *export,
         gsize   byte)
{
  guint low = 0, high = export->page_breaks->len;

  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (g_array_index (export->page_breaks, PageBreak, middle).byte <= byte)
        low = middle + 1;
      else
        high = middle;
    }
  return low > 0 ? g_array_index (export->page_breaks, PageBreak, low - 1).label : NULL;
}

char *
scholia_pdf_export_span_page (Export     *export,
                              const Span *span)
{
  const char *first = page_at (export, span->start);

  if (first == NULL)
    return NULL;
  return scholia_citation_format_pages (first, page_at (export, MAX (span->start, span->end - 1)));
}
