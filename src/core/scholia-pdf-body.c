/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-language.h"
#include "scholia-pdf-export-private.h"
#include "scholia-pdf-header.h"

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
          Paragraph paragraph = { position, end, g_array_new (FALSE, FALSE, sizeof (guint)), SCHOLIA_PARAGRAPH_BODY, NULL };

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
  scholia_pdf_writer_align_to_page (export->writer, title_layout);
  scholia_pdf_export_add_block (export, flow, title_layout, BLOCK_PLAIN, 0, 0, 0, 0);
  scholia_pdf_flow_tag_last (flow, "H1");

  if (author != NULL && *author != '\0')
    {
      g_autoptr(PangoLayout) layout = NULL;

      markup = g_markup_printf_escaped ("<span font_variant='smallcaps'>%s</span>", author);
      layout = scholia_pdf_writer_create_markup_layout (export->writer, width, 11.5, PANGO_STYLE_NORMAL, markup);
      scholia_pdf_writer_align_to_page (export->writer, layout);
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
      scholia_pdf_writer_align_to_page (export->writer, layout);
      scholia_pdf_export_add_block (export, flow, layout, BLOCK_PLAIN, 0, 0, 3, 0);
      g_clear_pointer (&markup, g_free);
    }

  {
    g_autofree char *header = scholia_pdf_format_header_line (export->store, export->options);
    g_autoptr(PangoLayout) layout = scholia_pdf_writer_create_layout (export->writer, width, 9, PANGO_STYLE_NORMAL,
                                                                      PANGO_WEIGHT_NORMAL);

    pango_layout_set_text (layout, header, -1);
    scholia_pdf_writer_align_to_page (export->writer, layout);
    scholia_pdf_export_add_block (export, flow, layout, BLOCK_PLAIN, 0, 0, 3, 0);
  }

  export->rule_y = flow->y + 9;
  flow->y += 18;

  for (guint i = 0; i < export->key->len; i++)
    {
      KeyTag *key_tag = g_ptr_array_index (export->key, i);
      const char *description = scholia_label_get_display_description (SCHOLIA_LABEL (key_tag->tag));
      g_autoptr(PangoLayout) layout = NULL;

      markup = g_markup_printf_escaped ("<b>%s</b>%s<span foreground='#555555'>%s</span>",
                                        scholia_label_get_display_name (SCHOLIA_LABEL (key_tag->tag)),
                                        description != NULL && *description != '\0' ? " — " : "",
                                        description != NULL ? description : "");
      layout = scholia_pdf_writer_create_markup_layout (export->writer, width - 30, KEY_FONT_SIZE, PANGO_STYLE_NORMAL, markup);
      scholia_pdf_writer_align_to_page (export->writer, layout);
      /* The swatch's room on the side the lines start from (draw_key_swatch()). */
      scholia_pdf_export_add_block (export, flow, layout, BLOCK_KEY, i, export->options->right_to_left ? 0 : 30, 2, 0);
      g_clear_pointer (&markup, g_free);
    }

  if (export->themes->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autoptr(PangoLayout) layout = NULL;

      for (guint i = 0; i < export->themes->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                scholia_label_get_display_name (SCHOLIA_LABEL (g_ptr_array_index (export->themes, i))));
      markup = g_markup_printf_escaped ("<span font_variant='smallcaps'>%s</span>  %s",
                                        _("Themes"), names->str);
      layout = scholia_pdf_writer_create_markup_layout (export->writer, width, KEY_FONT_SIZE, PANGO_STYLE_NORMAL, markup);
      scholia_pdf_writer_align_to_page (export->writer, layout);
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

/* The document's language's hyphenator; a document that names none is taken for English, as
 * the library does. */
ScholiaHyphenator *
scholia_pdf_export_find_hyphenator (ScholiaDocument *document)
{
  const char *language = scholia_document_get_language (document);

  return scholia_hyphenator_get (language != NULL && *language != '\0' ? language : SCHOLIA_LANGUAGE_DEFAULT);
}

/* How many of @paragraph's soft hyphens k have hyphens[k] + @step × k below @limit: the
 * positions grow with k, so a binary search finds them. */
static gsize
count_hyphens_below (const Paragraph *paragraph,
                     gsize            limit,
                     gsize            step)
{
  guint low = 0, high = paragraph->hyphens != NULL ? paragraph->hyphens->len : 0;

  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (g_array_index (paragraph->hyphens, guint32, middle) + step * middle < limit)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* @offset bytes into @paragraph's text, counted in its layouts' text: with the soft hyphens
 * before it, and one inserted at @offset itself, which belongs to the text before. */
static gsize
shown_offset (const Paragraph *paragraph,
              gsize            offset)
{
  return offset + SCHOLIA_SOFT_HYPHEN_LEN * count_hyphens_below (paragraph, offset + 1, 0);
}

/* The reverse: an offset into the layouts' text as one into the paragraph's; soft hyphen k
 * stands at hyphens[k] + 2k in the layouts' text. */
static gsize
source_offset (const Paragraph *paragraph,
               gsize            shown)
{
  return shown - SCHOLIA_SOFT_HYPHEN_LEN * count_hyphens_below (paragraph, shown, SCHOLIA_SOFT_HYPHEN_LEN);
}

int
scholia_pdf_export_layout_index (Export      *export,
                                 const Block *block,
                                 gsize        offset)
{
  const Paragraph *paragraph = &g_array_index (export->paragraphs, Paragraph, block->index);

  return (int) (shown_offset (paragraph, offset - paragraph->start) -
                shown_offset (paragraph, block->text_start - paragraph->start));
}

gsize
scholia_pdf_export_text_offset (Export      *export,
                                const Block *block,
                                int          index)
{
  const Paragraph *paragraph = &g_array_index (export->paragraphs, Paragraph, block->index);

  return paragraph->start +
         source_offset (paragraph, shown_offset (paragraph, block->text_start - paragraph->start) + index);
}

/* How each kind of paragraph is set: headings bold and unindented, kept with what follows;
 * the notes section smaller, ragged, each note hanging. */
typedef struct
{
  double      size;
  PangoWeight weight;
  gboolean    justify;
  gboolean    hyphenate;
  double      indent;        /* of the first line; negative: of the others */
  double      space_before;
  double      keep_after;
} ParagraphStyle;

static ParagraphStyle
paragraph_style (Export               *export,
                 ScholiaParagraphRole  role,
                 gboolean              follows_text)
{
  double size = export->font_size;
  /* Justified lines need break points inside words to keep their spaces even: without a
   * dictionary for the language, ragged right. */
  gboolean justify = !export->options->ragged && export->hyphenator != NULL;
  ParagraphStyle style = { size, PANGO_WEIGHT_NORMAL, justify, export->hyphenator != NULL,
                           follows_text ? 1.5 * size : 0, 0, 0 };

  switch (role)
    {
    case SCHOLIA_PARAGRAPH_HEADING:
    case SCHOLIA_PARAGRAPH_NOTES_HEADING:
      /* Room for the three lines of the next paragraph that widow control may keep together. */
      style = (ParagraphStyle) { size, PANGO_WEIGHT_BOLD, FALSE, FALSE, 0, 0.9 * size, 4.2 * size };
      break;
    case SCHOLIA_PARAGRAPH_NOTE:
      size = MAX (0.85 * size, 8.0);
      style = (ParagraphStyle) { size, PANGO_WEIGHT_NORMAL, FALSE, style.hyphenate, -1.5 * size,
                                 0.25 * size, 0 };
      break;
    case SCHOLIA_PARAGRAPH_BODY:
    case SCHOLIA_PARAGRAPH_TITLE:
    default:
      break;
    }
  return style;
}

/* The essay's title line under the title block would say it twice; kept only when an annotation
 * marks it, which must show. */
static gboolean
is_omitted (const Paragraph *paragraph)
{
  return paragraph->role == SCHOLIA_PARAGRAPH_TITLE && paragraph->spans->len == 0;
}

/* Finding every paragraph's soft hyphens costs a tenth of laying the text out, and the second
 * core has nothing to do meanwhile: a worker thread finds them, paragraph after paragraph,
 * ahead of the layout, which waits only when it catches up. */
typedef struct
{
  Export    *export;
  GString  **hyphenated;  /* each paragraph's text with its soft hyphens; NULL: not hyphenated */
  guint      ready;       /* the paragraphs before this one are done */
  gboolean   stop;
  GMutex     lock;
  GCond      cond;
} Hyphenation;

static gpointer
hyphenate_ahead (gpointer data)
{
  Hyphenation *hyphenation = data;
  Export *export = hyphenation->export;

  for (guint i = 0; i < export->paragraphs->len; i++)
    {
      Paragraph *paragraph = &g_array_index (export->paragraphs, Paragraph, i);
      GString *hyphenated = NULL;
      gboolean stop;

      /* Whether a paragraph follows text changes only its indent. */
      if (!is_omitted (paragraph) && paragraph_style (export, paragraph->role, FALSE).hyphenate)
        {
          hyphenated = g_string_sized_new (paragraph->end - paragraph->start + 64);
          paragraph->hyphens = g_array_new (FALSE, FALSE, sizeof (guint32));
          scholia_hyphenator_hyphenate (export->hyphenator, export->text + paragraph->start,
                                        paragraph->end - paragraph->start, hyphenated, paragraph->hyphens);
        }
      g_mutex_lock (&hyphenation->lock);
      hyphenation->hyphenated[i] = hyphenated;
      hyphenation->ready = i + 1;
      stop = hyphenation->stop;
      g_cond_signal (&hyphenation->cond);
      g_mutex_unlock (&hyphenation->lock);
      if (stop)
        break;
    }
  return NULL;
}

/* Paragraph @index's text with its soft hyphens, once the worker has found them. */
static GString *
take_hyphenated (Hyphenation *hyphenation,
                 guint        index)
{
  GString *hyphenated;

  g_mutex_lock (&hyphenation->lock);
  while (hyphenation->ready <= index)
    g_cond_wait (&hyphenation->cond, &hyphenation->lock);
  hyphenated = g_steal_pointer (&hyphenation->hyphenated[index]);
  g_mutex_unlock (&hyphenation->lock);
  return hyphenated;
}

/* Lays out a paragraph in pieces, each a layout whose last line is left to the next piece, so
 * that the lines break and justify exactly as in one layout. */
static gboolean
add_paragraph (Export               *export,
               Hyphenation          *hyphenation,
               ScholiaPdfFlow       *flow,
               guint                 index,
               double                width,
               const ParagraphStyle *style,
               GError              **error)
{
  Paragraph *paragraph = &g_array_index (export->paragraphs, Paragraph, index);
  g_autoptr(GString) hyphenated = take_hyphenated (hyphenation, index);
  const char *shown = hyphenated != NULL ? hyphenated->str : export->text + paragraph->start;
  gsize start = paragraph->start;

  while (start < paragraph->end)
    {
      g_autoptr(PangoLayout) layout = scholia_pdf_writer_create_layout (export->writer, width, style->size,
                                                                        PANGO_STYLE_NORMAL, style->weight);
      gsize end = find_piece_end (export->text, start, paragraph->end);
      gsize from = shown_offset (paragraph, start - paragraph->start);
      int n_lines;
      Block block = { BLOCK_PARAGRAPH, index, start };

      pango_layout_set_text (layout, shown + from, shown_offset (paragraph, end - paragraph->start) - from);
      pango_layout_set_justify (layout, style->justify);
      if (start == paragraph->start)
        pango_layout_set_indent (layout, style->indent * PANGO_SCALE);
      scholia_pdf_export_reserve_marks (export, layout, &block, start, end);
      scholia_pdf_even_word_spaces (layout, style->size);
      n_lines = pango_layout_get_line_count (layout);
      if (end < paragraph->end && n_lines > 1)
        {
          n_lines--;
          end = scholia_pdf_export_text_offset (export, &block,
                                                pango_layout_get_line_readonly (layout, n_lines)->start_index);
        }

      if (start == paragraph->start && end == paragraph->end)
        scholia_pdf_flow_add (flow, layout, 0, style->space_before, style->keep_after);
      else
        scholia_pdf_flow_add_lines (flow, layout, n_lines, start > paragraph->start, 0);
      g_array_append_val (export->blocks, block);
      start = end;
      if (start < paragraph->end && !scholia_pdf_writer_check_cancelled (export->writer, error))
        return FALSE;
    }
  return TRUE;
}

/* Reads the essay's own structure from its paragraphs (scholia-essay-structure.c). */
static void
detect_structure (Export *export)
{
  guint n = export->paragraphs->len;
  g_autofree ScholiaTextRange *ranges = g_new (ScholiaTextRange, n);
  g_autofree ScholiaParagraphRole *roles = g_new (ScholiaParagraphRole, n);

  for (guint i = 0; i < n; i++)
    {
      Paragraph *paragraph = &g_array_index (export->paragraphs, Paragraph, i);

      ranges[i] = (ScholiaTextRange) { paragraph->start, paragraph->end };
    }
  scholia_essay_structure_detect (export->text, ranges, n, scholia_document_get_title (export->document), roles);
  for (guint i = 0; i < n; i++)
    g_array_index (export->paragraphs, Paragraph, i).role = roles[i];
}

gboolean
scholia_pdf_export_layout_text (Export          *export,
                                ScholiaPdfFlow  *flow,
                                double           width,
                                GError         **error)
{
  gboolean follows_text = FALSE, done = TRUE;
  guint n = export->paragraphs->len;
  Hyphenation hyphenation = { export, g_new0 (GString *, n), 0, FALSE };
  GThread *worker;

  detect_structure (export);
  g_mutex_init (&hyphenation.lock);
  g_cond_init (&hyphenation.cond);
  worker = g_thread_new ("scholia-hyphenate", hyphenate_ahead, &hyphenation);
  for (guint i = 0; i < n && done; i++)
    {
      Paragraph *paragraph = &g_array_index (export->paragraphs, Paragraph, i);
      ParagraphStyle style;

      if (is_omitted (paragraph))
        continue;

      /* Book paragraphs: indented, except the first of the text and of each section. */
      style = paragraph_style (export, paragraph->role, follows_text);
      done = add_paragraph (export, &hyphenation, flow, i, width, &style, error) &&
             (i % 64 != 0 || scholia_pdf_writer_check_cancelled (export->writer, error));
      follows_text = paragraph->role == SCHOLIA_PARAGRAPH_BODY;
    }

  g_mutex_lock (&hyphenation.lock);
  hyphenation.stop = TRUE;
  g_mutex_unlock (&hyphenation.lock);
  g_thread_join (worker);
  for (guint i = 0; i < n; i++)
    if (hyphenation.hyphenated[i] != NULL)
      g_string_free (hyphenation.hyphenated[i], TRUE);
  g_free (hyphenation.hyphenated);
  g_mutex_clear (&hyphenation.lock);
  g_cond_clear (&hyphenation.cond);
  return done;
}
