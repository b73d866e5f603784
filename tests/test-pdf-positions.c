/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Citable positions: paragraph numbers counted alike everywhere and set in the PDF's inner
 * margin, a PDF source's original pages marked in the export, and the handout's header and
 * places. */
#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "scholia-citation.h"
#include "scholia-importer.h"
#include "scholia-paragraphs.h"
#include "scholia-pdf-handout.h"
#include "test-files.h"
#include "test-pdf.h"

#define N_PARAGRAPHS 24

/* An essay long enough for three pages: every paragraph opens with its own year, so that its
 * first line can be found on the page. */
static char *
long_essay (void)
{
  static const char *sentences[] = {
    "the wharfingers of Lindqvist Quay kept two ledgers, one for the customs men and one for themselves,",
    "and the difference between them is the best measure we have of what the silt cost the town.",
    "Nobody in the council minutes says so plainly; the word dredging appears only in the margins,",
    "written in a hand that changes every few years as the clerks came and went.",
    "A historian who trusts the printed returns will find a port in gentle decline,",
    "while one who reads the pilots' notebooks will find a harbour fighting for every foot of water.",
  };
  GString *essay = g_string_new (NULL);

  for (int i = 0; i < N_PARAGRAPHS; i++)
    {
      if (i > 0)
        g_string_append (essay, "\n\n");
      g_string_append_printf (essay, "In %d", 1841 + i);
      for (int s = 0; s < 3 + i % 4; s++)
        g_string_append_printf (essay, " %s", sentences[(i + s) % G_N_ELEMENTS (sentences)]);
    }
  g_string_append_c (essay, '\n');
  return g_string_free (essay, FALSE);
}

/* The box of the first character of @needle on @page, in points from the top left. */
static gboolean
find_box (PopplerPage      *page,
          const char       *needle,
          PopplerRectangle *box)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *boxes = NULL;
  guint n_boxes = 0;
  const char *found = strstr (text, needle);
  glong index;

  if (found == NULL)
    return FALSE;
  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
  index = g_utf8_pointer_to_offset (text, found);
  g_assert_cmpint (index, <, n_boxes);
  *box = boxes[index];
  return TRUE;
}

typedef struct
{
  int              page;
  char            *text;   /* "¶ 14" or "118", as extracted */
  PopplerRectangle box;    /* of the whole mark */
} MarginMark;

static void
margin_mark_clear (MarginMark *mark)
{
  g_free (mark->text);
}

/* The words set in the inner margin of every page, at least 20 pt from the column: the ¶
 * numbers and page labels. */
static GArray *
inner_margin_marks (PopplerDocument *pdf,
                    gboolean         one_sided)
{
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (MarginMark));
  ScholiaPdfOptions options;

  scholia_pdf_options_init (&options);
  options.one_sided = one_sided;
  g_array_set_clear_func (marks, (GDestroyNotify) margin_mark_clear);
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree PopplerRectangle *boxes = NULL;
      guint n_boxes = 0, c = 0;
      ScholiaPdfRect column;
      gboolean inner_left = one_sided || i % 2 == 0;
      MarginMark mark = { -1 };

      scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, i, &column, NULL);
      poppler_page_get_text_layout (page, &boxes, &n_boxes);
      g_object_unref (page);
      for (const char *p = text; *p != '\0' && c < n_boxes; p = g_utf8_next_char (p), c++)
        {
          gunichar ch = g_utf8_get_char (p);
          double middle = (boxes[c].x1 + boxes[c].x2) / 2;
          gboolean in_margin = inner_left ? middle < column.x - 20 : middle > column.x + column.width + 20;

          /* A mark ends at a gap wider than its own spaces, or at the line's end. */
          if (mark.page >= 0 && (!in_margin || ch == '\n' || boxes[c].x1 - mark.box.x2 > 3.5))
            {
              g_strstrip (mark.text);
              g_array_append_val (marks, mark);
              mark.page = -1;
            }
          if (!in_margin || g_unichar_isspace (ch))
            continue;
          if (mark.page < 0)
            mark = (MarginMark) { i, g_strdup (""), boxes[c] };
          else if (boxes[c].x1 - mark.box.x2 > 0.5)
            {
              char *spaced = g_strconcat (mark.text, " ", NULL);

              g_free (mark.text);
              mark.text = spaced;
            }
          {
            char utf8[8] = { 0 };
            char *longer;

            g_unichar_to_utf8 (ch, utf8);
            longer = g_strconcat (mark.text, utf8, NULL);
            g_free (mark.text);
            mark.text = longer;
          }
          mark.box.x1 = MIN (mark.box.x1, boxes[c].x1);
          mark.box.x2 = MAX (mark.box.x2, boxes[c].x2);
          mark.box.y1 = MIN (mark.box.y1, boxes[c].y1);
          mark.box.y2 = MAX (mark.box.y2, boxes[c].y2);
        }
      if (mark.page >= 0)
        {
          g_strstrip (mark.text);
          g_array_append_val (marks, mark);
        }
    }
  return marks;
}

static const MarginMark *
find_mark (GArray     *marks,
           const char *text)
{
  for (guint i = 0; i < marks->len; i++)
    if (g_str_equal (g_array_index (marks, MarginMark, i).text, text))
      return &g_array_index (marks, MarginMark, i);
  return NULL;
}

/* The page of @pdf on which @needle stands, and its first character's box; -1 if none. */
static int
find_in_pdf (PopplerDocument  *pdf,
             const char       *needle,
             PopplerRectangle *box)
{
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      gboolean found = find_box (page, needle, box);

      g_object_unref (page);
      if (found)
        return i;
    }
  return -1;
}

/* The text of every page, in order. */
static char *
all_text (PopplerDocument *pdf)
{
  GString *all = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (all, page_text);
      g_object_unref (page);
    }
  return g_string_free (all, FALSE);
}

/* Numbering */

static void
test_paragraphs_numbered_as_cited (void)
{
  /* Leading blank lines, a line of spaces between paragraphs, a two-line paragraph. */
  const char text[] = "\n\nFirst one.\nStill the first.\n  \nSecond, after spaces.\n\n\n\nThird “é”.";
  g_autoptr(GArray) paragraphs = scholia_paragraphs_split (text);
  const ScholiaParagraph *third;

  g_assert_cmpuint (paragraphs->len, ==, 3);
  g_assert_cmpuint (g_array_index (paragraphs, ScholiaParagraph, 0).start, ==, 2);
  g_assert_cmpuint (g_array_index (paragraphs, ScholiaParagraph, 1).start, ==, strstr (text, "Second") - text);
  third = &g_array_index (paragraphs, ScholiaParagraph, 2);
  g_assert_cmpuint (third->start, ==, strstr (text, "Third") - text);
  g_assert_cmpint (third->start_offset, ==, g_utf8_pointer_to_offset (text, strstr (text, "Third")));

  g_assert_cmpuint (scholia_paragraphs_number_at (paragraphs, 0), ==, 1);
  g_assert_cmpuint (scholia_paragraphs_number_at (paragraphs, test_pdf_offset_of (text, "Still")), ==, 1);
  g_assert_cmpuint (scholia_paragraphs_number_at (paragraphs, test_pdf_offset_of (text, "after")), ==, 2);
  /* Between two paragraphs, a passage belongs to the next. */
  g_assert_cmpuint (scholia_paragraphs_number_at (paragraphs, test_pdf_offset_of (text, "\n\n\nThird") + 1), ==, 3);
  g_assert_cmpuint (scholia_paragraphs_number_at (paragraphs, g_utf8_strlen (text, -1)), ==, 3);
}

/* The PDF's margin */

static ScholiaDocument *
add_long_essay (TestPdfFixture *fixture,
                char          **text_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = long_essay ();
  ScholiaDocument *document;

  document = scholia_store_add_document (fixture->store, "Two Ledgers", "Ilse Varnholm", "1971", NULL, text,
                                         NULL, &error);
  g_assert_no_error (error);
  test_pdf_annotate (fixture, document, text, "the best measure we have", fixture->thesis, NULL, "Is it?");
  *text_out = g_steal_pointer (&text);
  return document;
}

static void
export_document (TestPdfFixture          *fixture,
                 ScholiaDocument         *document,
                 const ScholiaPdfOptions *options,
                 const char              *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_pdf_export_document (fixture->store, document, options, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Each paragraph's number stands in the inner margin beside its first line: left of the column
 * on odd pages, right of it on even ones, clear of the coding stripes' band, within the page. */
static void
assert_paragraph_numbers (PopplerDocument *pdf,
                          gboolean         one_sided)
{
  g_autoptr(GArray) marks = inner_margin_marks (pdf, one_sided);
  double page_width, page_height;
  gboolean seen_right = FALSE;
  ScholiaPdfOptions options;

  scholia_pdf_options_init (&options);
  options.one_sided = one_sided;
  scholia_pdf_page_get_size (SCHOLIA_PDF_PAGE_A4, &page_width, &page_height);
  g_assert_cmpuint (marks->len, ==, N_PARAGRAPHS);
  for (int n = 1; n <= N_PARAGRAPHS; n++)
    {
      g_autofree char *number = g_strdup_printf ("¶ %d", n);
      g_autofree char *opening = g_strdup_printf ("In %d", 1840 + n);
      const MarginMark *mark = find_mark (marks, number);
      PopplerRectangle first;
      ScholiaPdfRect column;
      int page = find_in_pdf (pdf, opening, &first);

      g_assert_nonnull (mark);
      g_assert_cmpint (mark->page, ==, page);
      /* Beside the first line: their middles within two points. */
      g_assert_cmpfloat (fabs ((mark->box.y1 + mark->box.y2) / 2 - (first.y1 + first.y2) / 2), <, 2.0);
      scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, page, &column, NULL);
      if (one_sided || page % 2 == 0)
        {
          g_assert_cmpfloat (mark->box.x2, <=, column.x - 22 + 0.5);
          g_assert_cmpfloat (mark->box.x1, >=, 0);
        }
      else
        {
          g_assert_cmpfloat (mark->box.x1, >=, column.x + column.width + 22 - 0.5);
          g_assert_cmpfloat (mark->box.x2, <=, page_width);
          seen_right = TRUE;
        }
    }
  g_assert_true (seen_right != one_sided);
}

static void
test_paragraph_numbers_in_inner_margin (TestPdfFixture *fixture,
                                        gconstpointer   data)
{
  g_autofree char *text = NULL;
  ScholiaDocument *document = add_long_essay (fixture, &text);
  PopplerDocument *pdf = NULL;
  PopplerDocument *one_sided_pdf = NULL;
  g_autofree char *one_sided_path = g_build_filename (fixture->dir, "one-sided.pdf", NULL);
  ScholiaPdfOptions options;

  scholia_pdf_options_init (&options);
  export_document (fixture, document, &options, fixture->output);
  pdf = test_pdf_open (fixture->output);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >=, 3);
  assert_paragraph_numbers (pdf, FALSE);

  options.one_sided = TRUE;
  export_document (fixture, document, &options, one_sided_path);
  one_sided_pdf = test_pdf_open (one_sided_path);
  assert_paragraph_numbers (one_sided_pdf, TRUE);
  g_object_unref (one_sided_pdf);
  g_object_unref (pdf);
}

/* The ¶ a citation names is the one printed beside the passage; two exports number alike. */
static void
test_paragraph_numbers_match_citation (TestPdfFixture *fixture,
                                       gconstpointer   data)
{
  g_autofree char *text = NULL;
  ScholiaDocument *document = add_long_essay (fixture, &text);
  g_autofree char *second_path = g_build_filename (fixture->dir, "second.pdf", NULL);
  PopplerDocument *pdf = NULL;
  PopplerDocument *second = NULL;
  g_autoptr(GArray) marks = NULL;
  g_autoptr(GArray) second_marks = NULL;
  const char *quote = "In 1854";
  int start = test_pdf_offset_of (text, quote);
  g_autofree char *citation = scholia_citation_format (document, text, NULL, start, start + 7);
  g_autofree char *place = scholia_citation_format_place (text, NULL, start, start + 7);
  const MarginMark *mark;
  PopplerRectangle box;
  int page;

  g_assert_cmpstr (place, ==, "¶ 14");
  g_assert_nonnull (strstr (citation, "¶ 14)"));

  export_document (fixture, document, NULL, fixture->output);
  export_document (fixture, document, NULL, second_path);
  pdf = test_pdf_open (fixture->output);
  second = test_pdf_open (second_path);
  marks = inner_margin_marks (pdf, FALSE);
  second_marks = inner_margin_marks (second, FALSE);

  mark = find_mark (marks, place);
  g_assert_nonnull (mark);
  page = find_in_pdf (pdf, quote, &box);
  g_assert_cmpint (mark->page, ==, page);
  g_assert_cmpfloat (fabs ((mark->box.y1 + mark->box.y2) / 2 - (box.y1 + box.y2) / 2), <, 2.0);

  g_assert_cmpuint (marks->len, ==, second_marks->len);
  for (guint i = 0; i < marks->len; i++)
    {
      MarginMark *one = &g_array_index (marks, MarginMark, i);
      MarginMark *other = &g_array_index (second_marks, MarginMark, i);

      g_assert_cmpstr (one->text, ==, other->text);
      g_assert_cmpint (one->page, ==, other->page);
      g_assert_cmpfloat (fabs (one->box.y1 - other->box.y1), <, 0.01);
    }
  g_object_unref (second);
  g_object_unref (pdf);
}

/* The numbers copy apart from the text: no number glued onto a paragraph's first word, and the
 * column's text as it was. */
static void
test_paragraph_numbers_keep_text_clean (TestPdfFixture *fixture,
                                        gconstpointer   data)
{
  g_autofree char *text = NULL;
  ScholiaDocument *document = add_long_essay (fixture, &text);
  PopplerDocument *pdf = NULL;
  g_autofree char *all = NULL;
  g_autofree char *column = NULL;

  export_document (fixture, document, NULL, fixture->output);
  pdf = test_pdf_open (fixture->output);
  all = all_text (pdf);
  for (int n = 1; n <= N_PARAGRAPHS; n++)
    {
      g_autofree char *opening = g_strdup_printf ("In %d", 1840 + n);
      const char *found = strstr (all, opening);

      g_assert_nonnull (found);
      g_assert_true (found == all || g_ascii_isspace (found[-1]));
    }
  column = test_pdf_column_text (pdf, NULL, FALSE);
  g_assert_null (strstr (column, "¶"));
  g_object_unref (pdf);
}

/* A journal article printed on pages 117–120 */

static const char *article_pages[] = {
  "Harbour dues at Ostrava Bay were never light. The charter of 1702\n"
  "fixed them at a tenth of the cargo, and the merchants grumbled\n"
  "in every assembly for the next hundred years, asking the crown\n"
  "to lower a rate that the crown had no wish to",
  "lower while its own fleet was paid from the same chest. The grumbling\n"
  "produced petitions, and the petitions produced a commission in 1788\n"
  "whose report survives only in a copy kept by the harbour master.\n"
  "\n"
  "That copy is the source of nearly every figure quoted since.",
  "Its author was careful about tonnage and careless about dates, so\n"
  "that the series he compiled runs smoothly but cannot be trusted for\n"
  "any single year. Later writers took it at its word.",
  "The lesson for anyone working on Ostrava is plain: the commission\n"
  "counted ships, not goods, and the goods are what paid the dues.",
};

/* Writes a four-page PDF whose pages are labelled 117 to 120, as a journal prints them. */
static char *
write_article (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "article.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  for (guint i = 0; i < G_N_ELEMENTS (article_pages); i++)
    {
      g_auto(GStrv) lines = g_strsplit (article_pages[i], "\n", -1);
      g_autofree char *label = g_strdup_printf ("%u", 117 + i);
      double y = 90;

      cairo_pdf_surface_set_page_label (surface, label);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          /* A blank line's worth of space ends a paragraph; its successor is indented. */
          if (*lines[l] == '\0')
            {
              y += 15;
              continue;
            }
          cairo_move_to (cr, l > 0 && *lines[l - 1] == '\0' ? 90 : 72, y);
          cairo_show_text (cr, lines[l]);
          y += 15;
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_steal_pointer (&path);
}

static ScholiaDocument *
import_article (TestPdfFixture *fixture,
                char          **text_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_article (fixture->dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ScholiaImportedText) imported = scholia_import_file (file, NULL, &error);
  ScholiaDocument *document;

  g_assert_no_error (error);
  document = scholia_store_add_document (fixture->store, "Dues at Ostrava", "Piet Almqvist", "1994",
                                         "Northern Ports Review 31", imported->text, imported->pages, &error);
  g_assert_no_error (error);
  *text_out = g_strdup (imported->text);
  return document;
}

/* The importer takes the source's own page labels, not the pages' indexes. */
static void
test_import_keeps_page_labels (TestPdfFixture *fixture,
                               gconstpointer   data)
{
  g_autofree char *text = NULL;
  ScholiaDocument *document = import_article (fixture, &text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = scholia_store_load_pages (fixture->store, document, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *label = g_strdup_printf ("%u", 117 + i);

      g_assert_cmpstr (g_array_index (pages, ScholiaPageRange, i).label, ==, label);
    }
  g_assert_cmpstr (scholia_page_ranges_lookup (pages, test_pdf_offset_of (text, "produced a commission")), ==, "118");
}

/* How many dark pixels lie in @rect of @page rendered at 4 pixels a point. */
static int
count_dark_pixels (PopplerPage            *page,
                   const PopplerRectangle *rect)
{
  cairo_surface_t *surface = test_pdf_render_page (page, 4, TRUE);
  int dark = 0, stride;
  unsigned char *data;

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = rect->y1 * 4; y < rect->y2 * 4; y++)
    for (int x = rect->x1 * 4; x < rect->x2 * 4; x++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + x * 4);

        if (((pixel >> 8) & 0xff) < 160)
          dark++;
      }
  cairo_surface_destroy (surface);
  return dark;
}

/* Where the source's page 118 began, a stroke stands in the word space and "118" in the inner
 * margin of that line; the note and the highlight of a passage there say "p. 118". */
static void
test_source_pages_marked (TestPdfFixture *fixture,
                          gconstpointer   data)
{
  g_autofree char *text = NULL;
  ScholiaDocument *document = import_article (fixture, &text);
  PopplerDocument *pdf = NULL;
  PopplerPage *page = NULL;
  g_autoptr(GArray) marks = NULL;
  g_autofree char *all = NULL;
  g_autofree char *margin = NULL;
  GList *highlights;
  PopplerRectangle before, after, gap, plain_gap, word;
  const MarginMark *label;
  gboolean found_page_note = FALSE;

  test_pdf_annotate (fixture, document, text, "produced a commission in 1788", fixture->evidence, NULL,
                     "The commission's report.");
  export_document (fixture, document, NULL, fixture->output);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);

  /* "to | lower": the last word of page 117 and the first of page 118. */
  g_assert_true (find_box (page, "to lower while", &before));
  g_assert_true (find_box (page, "lower while", &after));
  g_assert_cmpfloat (fabs (before.y1 - after.y1), <, 1.0);
  marks = inner_margin_marks (pdf, FALSE);
  label = find_mark (marks, "118");
  g_assert_nonnull (label);
  g_assert_cmpint (label->page, ==, 0);
  g_assert_cmpfloat (fabs (label->box.y2 - after.y2), <, 2.0);
  g_assert_nonnull (find_mark (marks, "117"));
  g_assert_nonnull (find_mark (marks, "119"));
  g_assert_nonnull (find_mark (marks, "120"));

  /* The gap after "to" holds ink; the gap after "lower" none. */
  {
    g_autofree char *page_text = poppler_page_get_text (page);
    g_autofree PopplerRectangle *boxes = NULL;
    guint n_boxes;
    glong o = g_utf8_pointer_to_offset (page_text, strstr (page_text, "to lower while"));

    poppler_page_get_text_layout (page, &boxes, &n_boxes);
    gap = (PopplerRectangle) { boxes[o + 1].x2 + 0.3, after.y1, boxes[o + 3].x1 - 0.3, after.y2 };
    word = boxes[o + 7];
    plain_gap = (PopplerRectangle) { word.x2 + 0.3, after.y1, boxes[o + 9].x1 - 0.3, after.y2 };
  }
  g_assert_cmpint (count_dark_pixels (page, &gap), >, 4);
  g_assert_cmpint (count_dark_pixels (page, &plain_gap), ==, 0);

  /* The stroke is drawn, not a character: the text copies as written. */
  all = poppler_page_get_text (page);
  g_assert_nonnull (strstr (all, "to lower while"));
  g_assert_null (strstr (all, "|"));

  margin = test_pdf_column_text (pdf, NULL, TRUE);
  g_assert_nonnull (strstr (margin, "p. 118"));

  for (int i = 0; i < poppler_document_get_n_pages (pdf) && !found_page_note; i++)
    {
      PopplerPage *each = poppler_document_get_page (pdf, i);

      highlights = test_pdf_highlights_on (each);
      for (GList *l = highlights; l != NULL; l = l->next)
        {
          g_autofree char *contents = poppler_annot_get_contents (l->data);

          g_assert_nonnull (strstr (contents, "(p. 118)"));
          found_page_note = TRUE;
        }
      g_list_free_full (highlights, g_object_unref);
      g_object_unref (each);
    }
  g_assert_true (found_page_note);
  g_object_unref (page);
  g_object_unref (pdf);
}

/* A note that goes to the endnotes names its passage's page there. */
static void
test_endnote_gives_page (TestPdfFixture *fixture,
                         gconstpointer   data)
{
  g_autofree char *text = NULL;
  ScholiaDocument *document = import_article (fixture, &text);
  g_autoptr(GString) long_note = g_string_new (NULL);
  PopplerDocument *pdf = NULL;
  g_autofree char *all = NULL;

  for (int i = 0; i < 120; i++)
    g_string_append (long_note, "The tonnage series repeats itself from year to year. ");
  test_pdf_annotate (fixture, document, text, "careless about dates", fixture->evidence, NULL, long_note->str);
  export_document (fixture, document, NULL, fixture->output);
  pdf = test_pdf_open (fixture->output);
  all = all_text (pdf);
  g_assert_nonnull (strstr (all, "evidence · p. 119 — The tonnage"));
  g_object_unref (pdf);
}

/* The handout */

static void
test_handout_header_and_places (TestPdfFixture *fixture,
                                gconstpointer   data)
{
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  PopplerDocument *pdf = NULL;
  PopplerPage *page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *article_text = NULL;
  ScholiaDocument *article = import_article (fixture, &article_text);
  gint64 tags[] = { fixture->thesis, fixture->evidence };
  ScholiaPdfOptions options;
  g_autofree char *place = NULL;

  test_pdf_annotate (fixture, article, article_text, "careless about dates", fixture->thesis, fixture->silt, NULL);
  scholia_pdf_options_init (&options);
  options.course = "Ports and Rivers, Spring Seminar";
  options.filter = filter;
  scholia_annotation_filter_set_tag_ids (filter, tags, G_N_ELEMENTS (tags));
  g_assert_true (scholia_pdf_export_handout (fixture->store, fixture->silt, &options, fixture->output, NULL, NULL,
                                             NULL, &error));
  g_assert_no_error (error);

  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "Only: thesis, evidence"));
  g_assert_nonnull (strstr (text, "Ports and Rivers, Spring Seminar"));
  /* The theme is the handout's title, not a filter to state. */
  g_assert_null (strstr (text, "Theme: Silt"));

  /* The fixture's thesis stands in its essay's second paragraph (after the title line), as a
   * citation has it; the article's passage on its page. */
  place = scholia_citation_format_place (test_pdf_essay, NULL,
                                         test_pdf_offset_of (test_pdf_essay, "the merchants of Kessmouth"),
                                         test_pdf_offset_of (test_pdf_essay, "the merchants of Kessmouth") + 5);
  g_assert_cmpstr (place, ==, "¶ 2");
  g_assert_nonnull (strstr (text, "Marwick, The Silted Staple (1956), ¶ 2"));
  g_assert_nonnull (strstr (text, "Almqvist, Dues at Ostrava (1994), p. 119"));
  g_object_unref (page);
  g_object_unref (pdf);
}

#define ADD(path, func) \
  g_test_add (path, TestPdfFixture, NULL, test_pdf_fixture_set_up, func, test_pdf_fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf-positions/paragraphs/numbered-as-cited", test_paragraphs_numbered_as_cited);
  ADD ("/pdf-positions/pdf/paragraph-numbers-in-inner-margin", test_paragraph_numbers_in_inner_margin);
  ADD ("/pdf-positions/pdf/paragraph-numbers-match-citation", test_paragraph_numbers_match_citation);
  ADD ("/pdf-positions/pdf/paragraph-numbers-keep-text-clean", test_paragraph_numbers_keep_text_clean);
  ADD ("/pdf-positions/import/keeps-page-labels", test_import_keeps_page_labels);
  ADD ("/pdf-positions/pdf/source-pages-marked", test_source_pages_marked);
  ADD ("/pdf-positions/pdf/endnote-gives-page", test_endnote_gives_page);
  ADD ("/pdf-positions/handout/header-and-places", test_handout_header_and_places);

  return g_test_run ();
}
