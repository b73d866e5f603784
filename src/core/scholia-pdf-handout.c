/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-citation.h"
#include "scholia-count-format.h"
#include "scholia-citation-styles.h"
#include "scholia-comparison.h"
#include "scholia-error.h"
#include "scholia-pdf-handout.h"
#include "scholia-pdf-header.h"
#include "scholia-pdf-structure.h"
#include "scholia-store-references.h"

#define COLUMN_GAP 24.0

typedef struct
{
  ScholiaStore      *store;
  ScholiaPdfWriter  *writer;
  double             font_size;
  ScholiaComparison *comparison;  /* its passages, and where each stands */
  /* Issue 15: when an essay of the handout has a citation key, every passage is cited by its
   * Chicago short note and each column ends with its sources in full; @references holds each
   * document's reference (or one made of its metadata) by id. NULL: Scholia's own citations. */
  GHashTable        *references;
} Handout;

static void
add_markup (Handout        *handout,
            ScholiaPdfFlow *flow,
            double          width,
            double          indent,
            double          size,
            PangoStyle      style,
            const char     *markup,
            double          space_before,
            double          keep_after)
{
  g_autoptr(PangoLayout) layout = scholia_pdf_writer_create_markup_layout (handout->writer, width - indent, size, style, markup);

  scholia_pdf_flow_add (flow, layout, indent, space_before, keep_after);
}

/* The language every quoted document is in, for the file's /Lang; NULL when they differ (no
 * language rather than a wrong one) or nothing is quoted. */
static char *
shared_language (Handout    *handout,
                 GListModel *passages)
{
  g_autofree char *language = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);
      ScholiaDocument *document = scholia_store_lookup_document (handout->store,
                                                                 scholia_passage_get_document_id (passage));
      const char *code = document != NULL ? scholia_document_get_language (document) : NULL;

      if (code == NULL || (language != NULL && g_strcmp0 (language, code) != 0))
        return NULL;
      if (language == NULL)
        language = g_strdup (code);
    }
  return g_steal_pointer (&language);
}

/* Whether an essay of @passages has a citation key: then the handout cites in Chicago style. */
static gboolean
any_citation_key (Handout    *handout,
                  GListModel *passages)
{
  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);
      ScholiaDocument *document = scholia_store_lookup_document (handout->store,
                                                                 scholia_passage_get_document_id (passage));

      if (document != NULL && *scholia_document_get_citation_key (document) != '\0')
        return TRUE;
    }
  return FALSE;
}

/* The reference a passage's essay is cited by: its key's, else one of its own metadata. */
static ScholiaReference *
reference_of (Handout        *handout,
              ScholiaPassage *passage)
{
  gint64 id = scholia_passage_get_document_id (passage);
  ScholiaReference *reference = g_hash_table_lookup (handout->references, &id);
  ScholiaDocument *document;

  if (reference != NULL)
    return reference;
  document = scholia_store_lookup_document (handout->store, id);
  if (document == NULL)
    return NULL;
  /* A reference that cannot be read is cited from the essay's metadata rather than lost. */
  reference = scholia_store_get_document_reference (handout->store, document, NULL);
  if (reference == NULL)
    reference = scholia_citation_reference_from_document (document);
  g_hash_table_insert (handout->references, g_memdup2 (&id, sizeof id), reference);
  return reference;
}

/* The Chicago short note, as Pango markup: "Kowal, <i>Grain Requisitions</i>, 118." */
static char *
chicago_citation (Handout        *handout,
                  ScholiaPassage *passage)
{
  ScholiaReference *reference = reference_of (handout, passage);
  const char *page = scholia_passage_get_page (passage);
  g_autofree char *place = *page != '\0' ? g_strdup (page) : scholia_comparison_dup_place (handout->comparison, passage);

  if (reference == NULL)
    return g_markup_escape_text (scholia_passage_get_title (passage), -1);
  return scholia_citation_format_chicago (reference, SCHOLIA_CHICAGO_SHORT_NOTE, place, SCHOLIA_CITATION_MARKUP_PANGO);
}

/* "Author, Title (date), p. N" (or "¶ N"): the source of the quote set above it. */
static char *
citation (Handout        *handout,
          ScholiaPassage *passage)
{
  g_autofree char *place = scholia_comparison_dup_place (handout->comparison, passage);

  return scholia_citation_format_source (scholia_passage_get_author (passage),
                                         scholia_passage_get_author_sort_key (passage),
                                         scholia_passage_get_title (passage),
                                         scholia_passage_get_date (passage), place);
}

/* A quotation inside the quoted passage takes the single marks, as “… ‘…’ …”. */
static char *
quote_markup (ScholiaPassage *passage)
{
  g_autoptr(GString) quote = g_string_new (scholia_passage_get_quote (passage));

  g_string_replace (quote, "“", "‘", 0);
  g_string_replace (quote, "”", "’", 0);
  return g_markup_printf_escaped ("“%s”", quote->str);
}

static char *
tags_markup (Handout        *handout,
             ScholiaPassage *passage)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  const gint64 *ids;
  guint n_ids;

  ids = scholia_passage_get_tag_ids (passage, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaLabel *tag = scholia_store_lookup_label (handout->store, SCHOLIA_TYPE_TAG, ids[i]);
      double rgb[3];

      if (tag == NULL)
        continue;
      scholia_pdf_parse_colour (scholia_label_get_colour (tag), rgb);
      scholia_pdf_append_tag_markup (markup, scholia_label_get_display_name (tag), rgb);
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* A passage: the quote indented, its tags and note under it, the citation set right. */
static void
add_passage (Handout        *handout,
             ScholiaPdfFlow *flow,
             double          width,
             ScholiaPassage *passage)
{
  const char *note = scholia_passage_get_note (passage);
  g_autofree char *quote = quote_markup (passage);
  g_autofree char *tags = tags_markup (handout, passage);
  g_autofree char *cite = NULL;
  g_autofree char *cite_markup = NULL;
  g_autoptr(PangoLayout) cite_layout = NULL;

  if (handout->references != NULL)
    {
      cite = chicago_citation (handout, passage);
      cite_markup = g_strdup_printf ("<span foreground='#555555'>— %s</span>", cite);
    }
  else
    {
      cite = citation (handout, passage);
      cite_markup = g_markup_printf_escaped ("<span foreground='#555555'>— %s</span>", cite);
    }

  add_markup (handout, flow, width, 14, handout->font_size * 0.95, PANGO_STYLE_NORMAL, quote, 9, 0);
  scholia_pdf_flow_tag_last (flow, "BlockQuote");
  if (*tags != '\0' || (note != NULL && *note != '\0'))
    {
      g_autofree char *escaped = g_markup_escape_text (note != NULL ? note : "", -1);
      g_autofree char *markup = g_strdup_printf ("%s%s%s", tags, *tags != '\0' && *escaped != '\0' ? "  " : "",
                                                 escaped);

      add_markup (handout, flow, width, 14, handout->font_size * 0.78, PANGO_STYLE_NORMAL, markup, 2, 0);
      scholia_pdf_flow_tag_last (flow, "Note");
    }
  /* A Chicago note marks its own italics: the titles of books and journals. */
  cite_layout = scholia_pdf_writer_create_markup_layout (handout->writer, width - 14, handout->font_size * 0.78,
                                                         handout->references != NULL ? PANGO_STYLE_NORMAL : PANGO_STYLE_ITALIC,
                                                         cite_markup);
  pango_layout_set_alignment (cite_layout, PANGO_ALIGN_RIGHT);
  scholia_pdf_flow_add (flow, cite_layout, 14, 1, 0);
}

/* One author's (or every author's) passages, grouped as the comparison gives them, the first
 * @drop points lower. */
static void
add_passages (Handout        *handout,
              ScholiaPdfFlow *flow,
              double          width,
              GPtrArray      *passages,
              double          drop)
{
  ScholiaPassage *previous = NULL;

  for (guint i = 0; i < passages->len; i++)
    {
      ScholiaPassage *passage = g_ptr_array_index (passages, i);
      const char *author = scholia_passage_get_author (passage);
      gboolean new_author = previous == NULL || g_strcmp0 (scholia_passage_get_author (previous), author) != 0;

      if (new_author)
        {
          g_autofree char *markup = g_markup_printf_escaped ("<span font_variant='smallcaps'>%s</span>",
                                                             *author != '\0' ? author : _("Unknown author"));

          add_markup (handout, flow, width, 0, handout->font_size * 1.2, PANGO_STYLE_NORMAL, markup,
                      previous != NULL ? 22 : 0, 60);
          scholia_pdf_flow_tag_last (flow, "H2");
          if (previous == NULL)
            flow->y += drop;
        }
      add_passage (handout, flow, width, passage);
      previous = passage;
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* Under a column's passages, the full bibliography entries of their essays, alphabetically:
 * the short notes above point to them. */
static void
add_sources (Handout        *handout,
             ScholiaPdfFlow *flow,
             double          width,
             GPtrArray      *passages)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *heading = NULL;

  for (guint i = 0; i < passages->len; i++)
    {
      ScholiaPassage *passage = g_ptr_array_index (passages, i);
      gint64 id = scholia_passage_get_document_id (passage);
      ScholiaReference *reference;

      if (g_hash_table_contains (seen, &id) || (reference = reference_of (handout, passage)) == NULL)
        continue;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (entries, scholia_citation_format_chicago (reference, SCHOLIA_CHICAGO_BIBLIOGRAPHY, NULL,
                                                                 SCHOLIA_CITATION_MARKUP_PANGO));
    }
  if (entries->len == 0)
    return;

  g_ptr_array_sort (entries, compare_entries);
  /* Translators: the heading of the handout's bibliography: the essays and works cited */
  heading = g_markup_printf_escaped ("<span font_variant='smallcaps'>%s</span>", _("Sources"));
  add_markup (handout, flow, width, 0, handout->font_size * 1.05, PANGO_STYLE_NORMAL, heading, 22, 40);
  scholia_pdf_flow_tag_last (flow, "H2");
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(PangoLayout) layout = scholia_pdf_writer_create_markup_layout (handout->writer, width,
                                                                               handout->font_size * 0.85,
                                                                               PANGO_STYLE_NORMAL,
                                                                               g_ptr_array_index (entries, i));

      /* A bibliography's hanging indent: the names that order the list stand out. */
      pango_layout_set_indent (layout, -pango_units_from_double (handout->font_size * 1.5));
      scholia_pdf_flow_add (flow, layout, 0, 4, 0);
      scholia_pdf_flow_tag_last (flow, "P");
    }
}

/* The theme's name and description, what the handout holds and the header line (filter,
 * date, course), over a hairline; returns where the passages start. */
static double
add_title (Handout        *handout,
           ScholiaPdfFlow *flow,
           double          width,
           ScholiaTheme   *theme,
           guint           n_passages,
           guint           n_authors,
           const char     *header)
{
  const char *description = scholia_label_get_display_description (SCHOLIA_LABEL (theme));
  g_autofree char *title = g_markup_escape_text (scholia_label_get_display_name (SCHOLIA_LABEL (theme)), -1);
  g_autofree char *passages = scholia_count_format (ngettext ("%'u passage", "%'u passages", n_passages), n_passages);
  g_autofree char *authors = scholia_count_format (ngettext ("%'u author", "%'u authors", n_authors), n_authors);
  g_autofree char *summary = NULL;

  add_markup (handout, flow, width, 0, 22, PANGO_STYLE_NORMAL, title, 0, 0);
  scholia_pdf_flow_tag_last (flow, "H1");
  if (description != NULL && *description != '\0')
    {
      g_autofree char *markup = g_markup_escape_text (description, -1);

      add_markup (handout, flow, width, 0, handout->font_size * 1.05, PANGO_STYLE_ITALIC, markup, 6, 0);
    }
  summary = g_markup_printf_escaped ("<span foreground='#555555' font_variant='smallcaps'>%s · %s</span>",
                                     passages, authors);
  add_markup (handout, flow, width, 0, handout->font_size * 0.8, PANGO_STYLE_NORMAL, summary, 6, 0);
  {
    g_autofree char *markup = g_markup_printf_escaped ("<span foreground='#555555'>%s</span>", header);

    add_markup (handout, flow, width, 0, handout->font_size * 0.8, PANGO_STYLE_NORMAL, markup, 3, 0);
  }
  flow->y += 26;
  return flow->y;
}

static void
draw_rule (cairo_t *cr,
           double   x1,
           double   y1,
           double   x2,
           double   y2)
{
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x2, y2);
  cairo_stroke (cr);
}

/* The passages of each chosen author, in the comparison's order. */
static GPtrArray *
split_by_author (GListModel *passages,
                 GStrv      *authors_out)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GStrvBuilder) authors = g_strv_builder_new ();
  const char *current = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);
      const char *author = scholia_passage_get_author (passage);

      if (current == NULL || g_strcmp0 (current, author) != 0)
        {
          g_ptr_array_add (columns, g_ptr_array_new_with_free_func (g_object_unref));
          g_strv_builder_add (authors, author);
          current = scholia_passage_get_author (passage);
        }
      g_ptr_array_add (g_ptr_array_index (columns, columns->len - 1), g_object_ref (passage));
    }
  *authors_out = g_strv_builder_end (authors);
  return g_steal_pointer (&columns);
}

/* The caller's filter may name themes, and it is borrowed: the comparison keeps its own, with
 * the tags, participants and authors of the caller's. */
static void
copy_criteria (ScholiaAnnotationFilter *into,
               ScholiaAnnotationFilter *from)
{
  const gint64 *ids;
  guint n_ids;

  if (from == NULL)
    return;
  ids = scholia_annotation_filter_get_tag_ids (from, &n_ids);
  scholia_annotation_filter_set_tag_ids (into, ids, n_ids);
  ids = scholia_annotation_filter_get_participant_ids (from, &n_ids);
  scholia_annotation_filter_set_participant_ids (into, ids, n_ids);
  scholia_annotation_filter_set_authors (into, scholia_annotation_filter_get_authors (from));
}

gboolean
scholia_pdf_export_handout (ScholiaStore            *store,
                            ScholiaTheme            *theme,
                            const ScholiaPdfOptions *options,
                            const char              *path,
                            GCancellable            *cancellable,
                            ScholiaPdfProgressFunc   progress,
                            gpointer                 user_data,
                            GError                 **error)
{
  g_autoptr(ScholiaComparison) comparison = NULL;
  g_autoptr(GHashTable) references = NULL;
  g_autoptr(ScholiaPdfWriter) writer = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_auto(GStrv) column_authors = NULL;
  g_autofree char *language = NULL;
  const char * const *authors;
  ScholiaPdfOptions defaults;
  ScholiaPdfFlow title_flow, flows[2];
  ScholiaPdfRect text;
  Handout handout = { store, NULL, 0, NULL, NULL };
  GListModel *passages;
  guint n_flows, n_passages, next[2] = { 0, 0 }, title_next = 0;
  gboolean side_by_side, done = TRUE;
  double column_width, start_y;
  int last_page = 0;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_THEME (theme), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      scholia_pdf_options_init (&defaults);
      options = &defaults;
    }

  comparison = scholia_comparison_new (store);
  handout.comparison = comparison;
  copy_criteria (scholia_comparison_get_filter (comparison), options->filter);
  scholia_comparison_set_theme (comparison, theme);
  passages = scholia_comparison_get_passages (comparison);
  /* Every passage is printed: its quote, note and tags read in one pass, not two statements each. */
  if (!scholia_passages_read_model (passages, error))
    return FALSE;
  n_passages = g_list_model_get_n_items (passages);
  if (any_citation_key (&handout, passages))
    handout.references = references = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  columns = split_by_author (passages, &column_authors);

  writer = scholia_pdf_writer_new (path, options, SCHOLIA_PDF_LAYOUT_FULL_WIDTH, cancellable, progress,
                                   user_data, error);
  if (writer == NULL)
    return FALSE;
  handout.writer = writer;
  handout.font_size = scholia_pdf_writer_get_font_size (writer);
  scholia_pdf_writer_set_metadata (writer, scholia_label_get_display_name (SCHOLIA_LABEL (theme)), NULL, scholia_label_get_display_description (SCHOLIA_LABEL (theme)));
  scholia_pdf_writer_set_running_head (writer, _("Seminar handout"), scholia_label_get_display_name (SCHOLIA_LABEL (theme)));

  /* Two authors read best face to face: each in a column, documents in date order. */
  scholia_pdf_writer_get_geometry (writer, &text, NULL);
  authors = options->filter != NULL ? scholia_annotation_filter_get_authors (options->filter) : NULL;
  side_by_side = authors != NULL && g_strv_length ((char **) authors) == 2 && columns->len == 2;
  n_flows = side_by_side ? 2 : 1;
  column_width = side_by_side ? (text.width - COLUMN_GAP) / 2 : text.width;

  scholia_pdf_flow_init (&title_flow, 0, text.y, text.y + text.height);
  {
    /* The handout keeps the filter's tags and participants only: its theme is its title, its
     * authors head its passages. */
    g_autoptr(ScholiaAnnotationFilter) shown = scholia_annotation_filter_new ();
    ScholiaPdfOptions header_options = *options;
    g_autofree char *header = NULL;

    if (options->filter != NULL)
      {
        const gint64 *ids;
        guint n_ids;

        ids = scholia_annotation_filter_get_tag_ids (options->filter, &n_ids);
        scholia_annotation_filter_set_tag_ids (shown, ids, n_ids);
        ids = scholia_annotation_filter_get_participant_ids (options->filter, &n_ids);
        scholia_annotation_filter_set_participant_ids (shown, ids, n_ids);
      }
    header_options.filter = shown;
    header = scholia_pdf_format_header_line (store, &header_options);
    start_y = add_title (&handout, &title_flow, text.width, theme, n_passages, columns->len, header);
  }
  for (guint f = 0; f < n_flows; f++)
    {
      g_autoptr(GPtrArray) all = NULL;
      GPtrArray *mine;

      scholia_pdf_flow_init (&flows[f], 0, text.y, text.y + text.height);
      flows[f].y = start_y;
      if (side_by_side)
        mine = g_ptr_array_index (columns, f);
      else
        {
          all = g_ptr_array_new ();
          for (guint c = 0; c < columns->len; c++)
            g_ptr_array_extend (all, g_ptr_array_index (columns, c), NULL, NULL);
          mine = all;
        }
      /* Under its heading, the right column's passages start a little lower, so that they never
       * stand level with the left one's: text extraction (poppler's) reads blocks level in two
       * columns as a table's cells, row by row across the columns. */
      add_passages (&handout, &flows[f], column_width, mine, f == 1 ? handout.font_size * 0.6 : 0);
      if (handout.references != NULL)
        add_sources (&handout, &flows[f], column_width, mine);
      last_page = MAX (last_page, scholia_pdf_flow_last_page (&flows[f]));
    }

  for (int page = 0; page <= last_page && done; page++)
    {
      cairo_t *cr = scholia_pdf_writer_get_cairo (writer);
      double column_bottom = text.y;

      scholia_pdf_writer_get_geometry (writer, &text, NULL);
      title_next = scholia_pdf_flow_draw_page (&title_flow, title_next, page, cr, text.x, NULL, NULL);
      if (page == 0)
        draw_rule (cr, text.x, start_y - 14, text.x + text.width, start_y - 14);
      for (guint f = 0; f < n_flows; f++)
        {
          double x = text.x + f * (column_width + COLUMN_GAP);
          gboolean column_here = next[f] < flows[f].lines->len &&
                                 g_array_index (flows[f].lines, ScholiaPdfLine, next[f]).page == page;
          const ScholiaPdfLine *last;

          /* In the structure too, each column is a whole: one author's passages, then the
           * other's. */
          if (side_by_side && column_here)
            cairo_tag_begin (cr, "Sect", "");
          next[f] = scholia_pdf_flow_draw_page (&flows[f], next[f], page, cr, x, NULL, NULL);
          if (side_by_side && column_here)
            cairo_tag_end (cr, "Sect");
          last = next[f] > 0 ? &g_array_index (flows[f].lines, ScholiaPdfLine, next[f] - 1) : NULL;
          if (last != NULL && last->page == page)
            column_bottom = MAX (column_bottom, last->bottom);
        }
      if (side_by_side)
        {
          double x = text.x + column_width + COLUMN_GAP / 2;

          draw_rule (cr, x, page == 0 ? start_y : text.y, x, column_bottom);
        }
      done = scholia_pdf_writer_show_page (writer, 0.95 * (page + 1) / (last_page + 1), error);
    }

  scholia_pdf_flow_clear (&title_flow);
  for (guint f = 0; f < n_flows; f++)
    scholia_pdf_flow_clear (&flows[f]);

  language = shared_language (&handout, passages);
  return done &&
         scholia_pdf_writer_close (writer, error) &&
         scholia_pdf_writer_append (writer, scholia_pdf_structure_append, language, error) &&
         scholia_pdf_writer_commit (writer, error);
}
