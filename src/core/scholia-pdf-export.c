/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-pdf-export.h"

/* How a span looks. Each span is filled, behind the text, with a translucent wash of its first
 * tag's colour: overlapping spans stack their washes and stay readable. Because washes turn
 * into the same grey on a black-and-white printer, every tag of a span also draws an underline
 * in its own pattern (solid, dashed, dotted…), each on its own track below the baseline, so
 * that overlapping spans and their tags remain distinguishable without colour; the key on the
 * first page shows each tag's wash and pattern. */
#define FILL_ALPHA       0.30
#define N_PATTERNS       6
#define MAX_TRACKS       4
#define NOTE_FONT_SIZE   7.5
#define KEY_FONT_SIZE    8.5
/* Pango loses text from a layout of a few hundred kilobytes: longer paragraphs are laid out in
 * pieces of about this many bytes. */
#define PIECE_BYTES      (16 * 1024)

typedef struct
{
  ScholiaTag *tag;
  guint       index;      /* its place in the key: picks the underline pattern */
  double      rgb[3];
} KeyTag;

typedef struct
{
  ScholiaAnnotation *annotation;
  gsize              start;       /* bytes into the text */
  gsize              end;
  double             rgb[3];
  GPtrArray         *tags;        /* KeyTag, in the annotation's order */
  char              *tag_names;   /* "thesis, evidence" */
  char              *theme_names;
  int                track;       /* the first of its underline tracks */
  int                endnote;     /* its number, 0 while it has none */
  gboolean           seen;        /* its first line has been drawn */
} Span;

typedef struct
{
  gsize   start;
  gsize   end;
  GArray *spans;  /* guint indexes into Export.spans */
} Paragraph;

/* A span's first line on the page being drawn: its note goes beside it. */
typedef struct
{
  Span   *span;
  double  top;
  double  lead_y;
  double  left;
  double  right;
} Anchor;

/* Where a span ends on the page being drawn: an endnote's number goes there. */
typedef struct
{
  Span   *span;
  double  x;
  double  baseline;
} SpanEnd;

/* One line of a span, for its native annotation; cairo coordinates. */
typedef struct
{
  guint  span;
  int    page;
  guint  order;
  double x1;
  double y1;
  double x2;
  double y2;
} Quad;

typedef enum
{
  BLOCK_PLAIN,
  BLOCK_KEY,
  BLOCK_PARAGRAPH,
} BlockKind;

typedef struct
{
  BlockKind kind;
  guint     index;
  gsize     text_start;  /* of a paragraph's layout, in bytes into the text */
} Block;

typedef struct
{
  ScholiaStore            *store;
  ScholiaDocument         *document;
  const ScholiaPdfOptions *options;
  ScholiaPdfWriter        *writer;
  cairo_t                 *cr;
  double                   font_size;
  char                    *text;
  GPtrArray               *spans;       /* Span, in text order */
  GPtrArray               *key;         /* KeyTag, in palette order */
  GPtrArray               *themes;      /* ScholiaTheme used by the spans, in the user's order */
  GArray                  *paragraphs;
  GArray                  *blocks;      /* Block, one per layout of the flow */
  GArray                  *quads;
  GArray                  *anchors;
  GArray                  *ends;
  GPtrArray               *endnotes;    /* Span, by number */
  double                   rule_y;      /* the hairline under the title block on page 1 */
  guint                    title_blocks; /* blocks of the flow before the text's first paragraph */
  PangoLayout             *note_layout; /* one for every margin note, its markup replaced */
  PangoLayout             *mark_layout; /* one for every endnote's number */
} Export;

static void
key_tag_free (KeyTag *key_tag)
{
  g_free (key_tag);
}

static void
span_free (Span *span)
{
  g_clear_object (&span->annotation);
  g_clear_pointer (&span->tags, g_ptr_array_unref);
  g_free (span->tag_names);
  g_free (span->theme_names);
  g_free (span);
}

static void
paragraph_clear (Paragraph *paragraph)
{
  g_clear_pointer (&paragraph->spans, g_array_unref);
}

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->text, g_free);
  g_clear_pointer (&export->spans, g_ptr_array_unref);
  g_clear_pointer (&export->key, g_ptr_array_unref);
  g_clear_pointer (&export->themes, g_ptr_array_unref);
  g_clear_pointer (&export->paragraphs, g_array_unref);
  g_clear_pointer (&export->blocks, g_array_unref);
  g_clear_pointer (&export->quads, g_array_unref);
  g_clear_pointer (&export->anchors, g_array_unref);
  g_clear_pointer (&export->ends, g_array_unref);
  g_clear_pointer (&export->endnotes, g_ptr_array_unref);
  g_clear_object (&export->note_layout);
  g_clear_object (&export->mark_layout);
  g_clear_pointer (&export->writer, scholia_pdf_writer_free);
}

/* One document: its author is no criterion. */
static gboolean
passes_filters (const ScholiaPdfOptions *options,
                ScholiaAnnotation       *annotation)
{
  return !scholia_annotation_get_orphaned (annotation) &&
         (options->filter == NULL || scholia_annotation_filter_match_annotation (options->filter, annotation, NULL));
}

typedef struct
{
  int    offset;
  gsize *bytes;
} OffsetSlot;

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const OffsetSlot *left = a;
  const OffsetSlot *right = b;

  return (left->offset > right->offset) - (left->offset < right->offset);
}

/* Annotations count code points; layouts index bytes. One walk over the text converts all. */
static void
convert_offsets (Export *export)
{
  g_autoptr(GArray) slots = g_array_sized_new (FALSE, FALSE, sizeof (OffsetSlot), export->spans->len * 2);
  const char *p = export->text;
  int offset = 0;

  for (guint i = 0; i < export->spans->len; i++)
    {
      Span *span = g_ptr_array_index (export->spans, i);
      OffsetSlot start = { scholia_annotation_get_start (span->annotation), &span->start };
      OffsetSlot end = { scholia_annotation_get_end (span->annotation), &span->end };

      g_array_append_val (slots, start);
      g_array_append_val (slots, end);
    }
  g_array_sort (slots, compare_slots);

  for (guint i = 0; i < slots->len; i++)
    {
      OffsetSlot *slot = &g_array_index (slots, OffsetSlot, i);

      while (offset < slot->offset && *p != '\0')
        {
          p = g_utf8_next_char (p);
          offset++;
        }
      *slot->bytes = p - export->text;
    }
}

static KeyTag *
find_key_tag (Export *export,
              gint64  tag_id)
{
  for (guint i = 0; i < export->key->len; i++)
    {
      KeyTag *key_tag = g_ptr_array_index (export->key, i);

      if (scholia_label_get_id (SCHOLIA_LABEL (key_tag->tag)) == tag_id)
        return key_tag;
    }
  return NULL;
}

/* The key lists the tags the exported spans carry, in palette order, and so do the themes. */
static void
collect_key (Export *export)
{
  GListModel *tags = scholia_store_get_labels (export->store, SCHOLIA_TYPE_TAG);
  GListModel *themes = scholia_store_get_labels (export->store, SCHOLIA_TYPE_THEME);

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(ScholiaTag) tag = g_list_model_get_item (tags, i);

      for (guint s = 0; s < export->spans->len; s++)
        {
          Span *span = g_ptr_array_index (export->spans, s);

          if (scholia_annotation_has_tag (span->annotation, scholia_label_get_id (SCHOLIA_LABEL (tag))))
            {
              KeyTag *key_tag = g_new0 (KeyTag, 1);

              key_tag->tag = tag;
              key_tag->index = export->key->len;
              scholia_pdf_parse_colour (scholia_label_get_colour (SCHOLIA_LABEL (tag)), key_tag->rgb);
              g_ptr_array_add (export->key, key_tag);
              break;
            }
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(ScholiaTheme) theme = g_list_model_get_item (themes, i);

      for (guint s = 0; s < export->spans->len; s++)
        if (scholia_annotation_has_theme (((Span *) g_ptr_array_index (export->spans, s))->annotation,
                                          scholia_label_get_id (SCHOLIA_LABEL (theme))))
          {
            g_ptr_array_add (export->themes, theme);
            break;
          }
    }
}

static void
describe_span (Export *export,
               Span   *span)
{
  g_autoptr(GString) tag_names = g_string_new (NULL);
  g_autoptr(GString) theme_names = g_string_new (NULL);
  const gint64 *ids;
  guint n_ids;

  span->tags = g_ptr_array_new ();
  ids = scholia_annotation_get_tag_ids (span->annotation, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      KeyTag *key_tag = find_key_tag (export, ids[i]);

      if (key_tag == NULL)
        continue;
      g_ptr_array_add (span->tags, key_tag);
      g_string_append_printf (tag_names, "%s%s", tag_names->len > 0 ? ", " : "",
                              scholia_label_get_name (SCHOLIA_LABEL (key_tag->tag)));
    }

  ids = scholia_annotation_get_theme_ids (span->annotation, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaLabel *theme = scholia_store_lookup_label (export->store, SCHOLIA_TYPE_THEME, ids[i]);

      if (theme != NULL)
        g_string_append_printf (theme_names, "%s%s", theme_names->len > 0 ? ", " : "",
                                scholia_label_get_name (SCHOLIA_LABEL (theme)));
    }

  /* The wash takes the first tag's colour, else the first theme's. */
  if (span->tags->len > 0)
    memcpy (span->rgb, ((KeyTag *) g_ptr_array_index (span->tags, 0))->rgb, sizeof span->rgb);
  else if (n_ids > 0 && scholia_store_lookup_label (export->store, SCHOLIA_TYPE_THEME, ids[0]) != NULL)
    scholia_pdf_parse_colour (scholia_label_get_colour (scholia_store_lookup_label (export->store, SCHOLIA_TYPE_THEME, ids[0])), span->rgb);
  else
    scholia_pdf_parse_colour (NULL, span->rgb);

  span->tag_names = g_string_free (g_steal_pointer (&tag_names), FALSE);
  span->theme_names = g_string_free (g_steal_pointer (&theme_names), FALSE);
}

/* Underline tracks: a span takes one track per tag, the lowest free at its start, so that the
 * underlines of overlapping spans lie one under the other. */
static void
assign_tracks (Export *export)
{
  gsize track_end[MAX_TRACKS * 4] = { 0 };

  for (guint i = 0; i < export->spans->len; i++)
    {
      Span *span = g_ptr_array_index (export->spans, i);
      int needed = MAX (1, (int) span->tags->len);
      int track = 0;

      for (int t = 0; t + needed <= (int) G_N_ELEMENTS (track_end); t++)
        {
          gboolean free = TRUE;

          for (int k = t; k < t + needed && free; k++)
            free = track_end[k] <= span->start;
          if (free)
            {
              track = t;
              break;
            }
        }
      span->track = track;
      for (int k = track; k < track + needed && k < (int) G_N_ELEMENTS (track_end); k++)
        track_end[k] = span->end;
    }
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *left = *(Span * const *) a;
  const Span *right = *(Span * const *) b;

  if (left->start != right->start)
    return left->start < right->start ? -1 : 1;
  return (left->end > right->end) - (left->end < right->end);
}

static gboolean
load_spans (Export  *export,
            GError **error)
{
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (export->store, export->document, error);
  gsize length = strlen (export->text);

  if (annotations == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
      Span *span;

      if (!passes_filters (export->options, annotation))
        continue;
      span = g_new0 (Span, 1);
      span->annotation = g_steal_pointer (&annotation);
      g_ptr_array_add (export->spans, span);
    }

  convert_offsets (export);
  g_ptr_array_sort (export->spans, compare_spans);
  collect_key (export);
  for (guint i = 0; i < export->spans->len; i++)
    {
      Span *span = g_ptr_array_index (export->spans, i);

      span->end = MIN (span->end, length);
      describe_span (export, span);
    }
  assign_tracks (export);
  return TRUE;
}

/* Paragraphs are the text's non-empty lines; each knows the spans that touch it. */
static void
split_paragraphs (Export *export)
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

static void
add_block (Export         *export,
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
static void
add_title_block (Export         *export,
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
  add_block (export, flow, title_layout, BLOCK_PLAIN, 0, 0, 0, 0);

  if (author != NULL && *author != '\0')
    {
      g_autoptr(PangoLayout) layout = NULL;

      markup = g_markup_printf_escaped ("<span font_variant='smallcaps'>%s</span>", author);
      layout = scholia_pdf_writer_create_markup_layout (export->writer, width, 11.5, PANGO_STYLE_NORMAL, markup);
      add_block (export, flow, layout, BLOCK_PLAIN, 0, 0, 6, 0);
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
      add_block (export, flow, layout, BLOCK_PLAIN, 0, 0, 3, 0);
      g_clear_pointer (&markup, g_free);
    }

  {
    g_autofree char *header = export_header_line (export);
    g_autoptr(PangoLayout) layout = scholia_pdf_writer_create_layout (export->writer, width, 9, PANGO_STYLE_NORMAL,
                                                                      PANGO_WEIGHT_NORMAL);

    pango_layout_set_text (layout, header, -1);
    add_block (export, flow, layout, BLOCK_PLAIN, 0, 0, 3, 0);
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
      add_block (export, flow, layout, BLOCK_KEY, i, 30, 2, 0);
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
      add_block (export, flow, layout, BLOCK_PLAIN, 0, 0, 4, 0);
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

static gboolean
layout_text (Export          *export,
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

/* Washes and underlines behind one line of a paragraph; notes' anchors, endnote marks and the
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
                cairo_set_source_rgba (export->cr, span->rgb[0], span->rgb[1], span->rgb[2], FILL_ALPHA);
                cairo_rectangle (export->cr, x1, fill_top (export, line->baseline), x2 - x1,
                                 fill_bottom (export, line->baseline) - fill_top (export, line->baseline));
                cairo_fill (export->cr);
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
        if (span->end <= line_end)
          {
            SpanEnd span_end = { span, right, line->baseline };

            g_array_append_val (export->ends, span_end);
          }
      }
}

static void
before_line (const ScholiaPdfLine *line,
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
}

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
static void
place_notes (Export               *export,
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
      pango_cairo_show_layout (export->cr, layout);
      first_line_middle = y + pango_layout_get_baseline (layout) / (double) PANGO_SCALE - NOTE_FONT_SIZE * 0.35;
      draw_leader (export, anchor, text, margin, first_line_middle);
      floor = y + height + 4;
    }
}

static void
mark_endnotes (Export *export)
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

static gboolean
draw_pages (Export          *export,
            ScholiaPdfFlow  *flow,
            double           first,
            double           share,
            GError         **error)
{
  guint next = 0;
  int last = scholia_pdf_flow_last_page (flow);

  while (next < flow->lines->len)
    {
      int page = scholia_pdf_writer_get_page (export->writer);
      ScholiaPdfRect text, margin;

      scholia_pdf_writer_get_geometry (export->writer, &text, &margin);
      g_array_set_size (export->anchors, 0);
      g_array_set_size (export->ends, 0);

      /* cairo files each glyph in a PDF font subset under the character it stands for, the
       * first glyph drawn for a character taking the subset's slot. Drawn first, the small
       * capitals of the title block would take the slots of their letters, and the body's
       * plain letters would land in a second subset: the text would switch fonts at nearly
       * every glyph, and the pages' content be twice as long to build, compress and write.
       * As a group (a form in the PDF), the title block keeps its place on the page and in
       * the reading order, but cairo files its glyphs only after the page's own text. Only
       * the text goes in the group: the key's swatches, drawn outside it, stay as crisp as
       * the washes. */
      if (page == 0 && export->title_blocks > 0)
        {
          for (guint i = next; i < flow->lines->len; i++)
            {
              const ScholiaPdfLine *line = &g_array_index (flow->lines, ScholiaPdfLine, i);

              if (line->page > page || line->block >= export->title_blocks)
                break;
              before_line (line, text.x, export);
            }
          cairo_push_group (export->cr);
          next = scholia_pdf_flow_draw_blocks (flow, next, page, export->title_blocks, export->cr, text.x,
                                               NULL, NULL);
          cairo_pop_group_to_source (export->cr);
          cairo_paint (export->cr);
        }
      next = scholia_pdf_flow_draw_page (flow, next, page, export->cr, text.x, before_line, export);

      if (page == 0)
        {
          cairo_set_source_rgb (export->cr, 0.35, 0.35, 0.35);
          cairo_set_line_width (export->cr, 0.5);
          cairo_move_to (export->cr, text.x, export->rule_y);
          cairo_line_to (export->cr, text.x + text.width * 0.3, export->rule_y);
          cairo_stroke (export->cr);
        }
      if (export->options->include_notes)
        place_notes (export, &text, &margin);
      mark_endnotes (export);

      if (!scholia_pdf_writer_show_page (export->writer, first + share * (page + 1) / (last + 1), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_endnotes (Export          *export,
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
  add_block (export, &flow, heading, BLOCK_PLAIN, 0, 0, 0, 0);
  flow.y += 8;

  for (guint i = 0; i < export->endnotes->len; i++)
    {
      g_autofree char *note = note_markup (g_ptr_array_index (export->endnotes, i), TRUE);
      g_autoptr(PangoLayout) layout = scholia_pdf_writer_create_markup_layout (export->writer, text.width, export->font_size * 0.85,
                                                     PANGO_STYLE_NORMAL, note);

      add_block (export, &flow, layout, BLOCK_PLAIN, 0, 0, 3, 0);
    }

  done = draw_pages (export, &flow, 0.85, 0.05, error);
  scholia_pdf_flow_clear (&flow);
  return done;
}

static int
compare_quads (gconstpointer a,
               gconstpointer b)
{
  const Quad *left = a;
  const Quad *right = b;

  if (left->page != right->page)
    return left->page - right->page;
  if (left->span != right->span)
    return left->span < right->span ? -1 : 1;
  return left->order < right->order ? -1 : 1;
}

static PopplerAnnot *
new_highlight (Export          *export,
               PopplerDocument *pdf,
               const Quad      *quads,
               guint            n_quads,
               double           page_height)
{
  Span *span = g_ptr_array_index (export->spans, quads[0].span);
  const char *note = scholia_annotation_get_note (span->annotation);
  g_autoptr(GArray) quadrilaterals = g_array_sized_new (FALSE, FALSE, sizeof (PopplerQuadrilateral), n_quads);
  PopplerRectangle bounds = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  PopplerColor colour = { span->rgb[0] * 65535, span->rgb[1] * 65535, span->rgb[2] * 65535 };
  g_autofree char *contents = NULL;
  PopplerAnnot *annot;

  /* PDF user space has its origin at the bottom left: y is flipped. */
  for (guint i = 0; i < n_quads; i++)
    {
      double top = page_height - quads[i].y1;
      double bottom = page_height - quads[i].y2;
      PopplerQuadrilateral quad = {
        { quads[i].x1, top }, { quads[i].x2, top }, { quads[i].x1, bottom }, { quads[i].x2, bottom },
      };

      g_array_append_val (quadrilaterals, quad);
      bounds.x1 = MIN (bounds.x1, quads[i].x1);
      bounds.x2 = MAX (bounds.x2, quads[i].x2);
      bounds.y1 = MIN (bounds.y1, bottom);
      bounds.y2 = MAX (bounds.y2, top);
    }

  annot = poppler_annot_text_markup_new_highlight (pdf, &bounds, quadrilaterals);
  if (*span->tag_names != '\0' && note != NULL && *note != '\0')
    contents = g_strdup_printf ("%s — %s", span->tag_names, note);
  else
    contents = g_strdup (*span->tag_names != '\0' ? span->tag_names : note != NULL ? note : "");
  poppler_annot_set_contents (annot, contents);
  poppler_annot_set_color (annot, &colour);
  poppler_annot_markup_set_label (POPPLER_ANNOT_MARKUP (annot), span->tag_names);
  /* Viewers draw a highlight annotation themselves (poppler writes no appearance stream), on
   * top of the wash cairo already printed into the page: the span would show twice, darker,
   * and hide the underline patterns. The wash is what prints everywhere, so the annotation is
   * made fully transparent: poppler and MuPDF then draw nothing for it, while readers still
   * list it and pop up its tags and note. (Hiding it with the Hidden flag would drop it from
   * some readers' lists.) */
  poppler_annot_markup_set_opacity (POPPLER_ANNOT_MARKUP (annot), 0.0);
  return annot;
}

static gboolean
add_native_annotations (const char  *input_path,
                        const char  *output_path,
                        gpointer     user_data,
                        GError     **error)
{
  Export *export = user_data;
  g_autofree char *input_absolute = g_canonicalize_filename (input_path, NULL);
  g_autofree char *output_absolute = g_canonicalize_filename (output_path, NULL);
  g_autofree char *input_uri = g_filename_to_uri (input_absolute, NULL, error);
  g_autofree char *output_uri = NULL;
  PopplerDocument *pdf;
  gboolean saved;
  guint i = 0;

  /* poppler-glib 22.12 declares no autoptr cleanups: references are dropped by hand. */
  if (input_uri == NULL || (output_uri = g_filename_to_uri (output_absolute, NULL, error)) == NULL)
    return FALSE;
  pdf = poppler_document_new_from_file (input_uri, NULL, error);
  if (pdf == NULL)
    return FALSE;

  g_array_sort (export->quads, compare_quads);
  while (i < export->quads->len)
    {
      const Quad *first = &g_array_index (export->quads, Quad, i);
      PopplerPage *page = poppler_document_get_page (pdf, first->page);
      guint n = 1;

      while (i + n < export->quads->len &&
             g_array_index (export->quads, Quad, i + n).page == first->page &&
             g_array_index (export->quads, Quad, i + n).span == first->span)
        n++;

      if (page != NULL)
        {
          PopplerAnnot *annot;
          double width, height;

          poppler_page_get_size (page, &width, &height);
          annot = new_highlight (export, pdf, first, n, height);
          poppler_page_add_annot (page, annot);
          g_object_unref (annot);
          g_object_unref (page);
        }
      i += n;
    }

  saved = poppler_document_save (pdf, output_uri, error);
  g_object_unref (pdf);
  return saved;
}

gboolean
scholia_pdf_export_document (ScholiaStore            *store,
                             ScholiaDocument         *document,
                             const ScholiaPdfOptions *options,
                             const char              *path,
                             GCancellable            *cancellable,
                             ScholiaPdfProgressFunc   progress,
                             gpointer                 user_data,
                             GError                 **error)
{
  ScholiaPdfOptions defaults;
  Export export = { 0 };
  ScholiaPdfFlow flow = { 0 };
  ScholiaPdfRect text;
  g_autoptr(GError) local_error = NULL;
  gboolean done = FALSE;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      scholia_pdf_options_init (&defaults);
      options = &defaults;
    }

  export.store = store;
  export.document = document;
  export.options = options;
  export.spans = g_ptr_array_new_with_free_func ((GDestroyNotify) span_free);
  export.key = g_ptr_array_new_with_free_func ((GDestroyNotify) key_tag_free);
  export.themes = g_ptr_array_new ();
  export.paragraphs = g_array_new (FALSE, FALSE, sizeof (Paragraph));
  g_array_set_clear_func (export.paragraphs, (GDestroyNotify) paragraph_clear);
  export.blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  export.quads = g_array_new (FALSE, FALSE, sizeof (Quad));
  export.anchors = g_array_new (FALSE, FALSE, sizeof (Anchor));
  export.ends = g_array_new (FALSE, FALSE, sizeof (SpanEnd));
  export.endnotes = g_ptr_array_new ();

  export.text = scholia_store_load_text (store, document, &local_error);
  if (export.text == NULL || !load_spans (&export, &local_error))
    goto out;
  split_paragraphs (&export);

  export.writer = scholia_pdf_writer_new (path, options, SCHOLIA_PDF_LAYOUT_ANNOTATED, cancellable,
                                          progress, user_data, &local_error);
  if (export.writer == NULL)
    goto out;
  export.cr = scholia_pdf_writer_get_cairo (export.writer);
  export.font_size = scholia_pdf_writer_get_font_size (export.writer);
  scholia_pdf_writer_set_metadata (export.writer, scholia_document_get_title (document),
                                   scholia_document_get_author (document), scholia_document_get_source (document));
  scholia_pdf_writer_set_running_head (export.writer, scholia_document_get_author (document),
                                       scholia_document_get_title (document));

  scholia_pdf_writer_get_geometry (export.writer, &text, NULL);
  scholia_pdf_flow_init (&flow, 0, text.y, text.y + text.height);
  add_title_block (&export, &flow, text.width);
  export.title_blocks = export.blocks->len;
  if (!layout_text (&export, &flow, text.width, &local_error))
    goto out;
  scholia_pdf_writer_report (export.writer, 0.05);

  if (!draw_pages (&export, &flow, 0.05, 0.8, &local_error))
    goto out;
  if (export.endnotes->len > 0 && !write_endnotes (&export, &local_error))
    goto out;

  if (!scholia_pdf_writer_close (export.writer, &local_error) ||
      (export.quads->len > 0 &&
       !scholia_pdf_writer_rewrite (export.writer, add_native_annotations, &export, &local_error)) ||
      !scholia_pdf_writer_commit (export.writer, &local_error))
    goto out;
  done = TRUE;

out:
  scholia_pdf_flow_clear (&flow);
  export_clear (&export);
  if (!done)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return done;
}
