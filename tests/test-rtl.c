/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "scholia-importer.h"
#include "scholia-table-export.h"
#include "scholia-text-direction.h"
#include "scholia-w3c.h"
#include "scholia-word-snap.h"
#include "test-files.h"
#include "test-pdf.h"
#include "pdf-words.h"
#include "rtl-essays.h"

/* Essays in Arabic, Hebrew and Persian, and an English one quoting them: the text is kept as
 * written (logical order, its own direction marks, no new ones), offsets count code points,
 * search finds the words, the exports give the quotes back, and the PDF reads right to left.
 * The sentences are invented for these tests: a fictional archive and its historians. */

/* The bidirectional controls: marks, embeddings, overrides and isolates. */
static guint
count_bidi_controls (const char *text)
{
  guint count = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
          (c >= 0x2066 && c <= 0x2069))
        count++;
    }
  return count;
}

static ScholiaImportedText *
import_string (const char *contents,
               const char *filename)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (contents, strlen (contents));
  ScholiaImportedText *imported = scholia_import_bytes (bytes, filename, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (imported);
  return imported;
}

static void
test_import_keeps_logical_order (void)
{
  g_autoptr(ScholiaImportedText) text = import_string (arabic_essay, "salt-house.txt");
  g_autoptr(ScholiaImportedText) markdown = NULL;
  g_autoptr(ScholiaImportedText) html = NULL;

  g_autofree char *written = g_strndup (arabic_essay, strlen (arabic_essay) - 1);

  /* Plain text: as written (but its last line end), its one right-to-left mark kept and none
   * added. */
  g_assert_cmpstr (text->text, ==, written);
  g_assert_cmpuint (count_bidi_controls (text->text), ==, 1);

  markdown = import_string ("# أرشيف بيت الملح\n\nفي عام 1923\u200F نقل أمين الأرشيف سليم الحداد دفاتر الميناء إلى بيت الملح.\n",
                            "salt-house.md");
  g_assert_nonnull (strstr (markdown->text, "في عام 1923\u200F نقل أمين الأرشيف"));
  g_assert_cmpuint (count_bidi_controls (markdown->text), ==, 1);

  /* An HTML paragraph's dir attribute is the browser's business: no marks stand in for it. */
  html = import_string ("<html><body><p dir=\"rtl\">המכתבים מזכירים את האונייה "
                        "<span dir=\"ltr\">Northern Star</span> שלוש פעמים&rlm;.</p></body></html>",
                        "letters.html");
  g_assert_nonnull (strstr (html->text, "המכתבים מזכירים את האונייה Northern Star שלוש פעמים\u200F."));
  g_assert_cmpuint (count_bidi_controls (html->text), ==, 1);
}

static void
test_direction_of_essays (void)
{
  g_assert_true (scholia_text_is_right_to_left (arabic_essay));
  g_assert_true (scholia_text_is_right_to_left (hebrew_essay));
  g_assert_true (scholia_text_is_right_to_left (persian_essay));
  g_assert_false (scholia_text_is_right_to_left (english_essay));
  g_assert_false (scholia_text_is_right_to_left ("1923\n\n— 1951 —\n"));
}

/* A drag that ends inside a word takes the whole word, a Persian word written in parts (with a
 * zero-width non-joiner) and a Hebrew abbreviation (with gershayim) included. */
static void
test_word_snap (void)
{
  const char *persian = "نویسنده‌ی گزارش خواند";
  const char *hebrew = "לפי הדו״ח של הארכיון";
  int start = 2, end = 3;

  scholia_word_snap (persian, &start, &end);
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 9);
  start = 5;
  end = 6;
  scholia_word_snap (hebrew, &start, &end);
  g_assert_cmpint (start, ==, 4);
  g_assert_cmpint (end, ==, 9);
}

typedef struct
{
  TestPdfFixture   pdf;
  ScholiaDocument *arabic;      /* the store's */
  ScholiaDocument *hebrew;
  ScholiaDocument *persian;
  ScholiaDocument *english;
  gint64           keeper;      /* the Arabic essay's annotations */
  gint64           ship;
  gint64           crossing;    /* from an Arabic word into the English name after it */
  gint64           catalogue;   /* the English essay's, on its Hebrew quote */
} Fixture;

static gint64
annotate (Fixture         *fixture,
          ScholiaDocument *document,
          const char      *text,
          const char      *quote,
          const char      *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  int start = test_pdf_offset_of (text, quote);

  annotation = scholia_store_add_annotation (fixture->pdf.store, document, start, start + g_utf8_strlen (quote, -1),
                                             &fixture->pdf.evidence, 1, NULL, 0, note, &error);
  g_assert_no_error (error);
  return scholia_annotation_get_id (annotation);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_pdf_fixture_set_up (&fixture->pdf, data);
  fixture->arabic = pdf_words_add_essay (&fixture->pdf, "أرشيف بيت الملح", "ليلى الحداد", arabic_essay);
  fixture->hebrew = pdf_words_add_essay (&fixture->pdf, "בית המלח", "נעמה ברק", hebrew_essay);
  fixture->persian = pdf_words_add_essay (&fixture->pdf, "دفترهای گمرک", "مریم نوری", persian_essay);
  fixture->english = pdf_words_add_essay (&fixture->pdf, "The Salt House Archive", "Iris Fenwick", english_essay);
  fixture->keeper = annotate (fixture, fixture->arabic, arabic_essay, "1923\u200F نقل أمين الأرشيف",
                              "The keeper’s move");
  fixture->ship = annotate (fixture, fixture->arabic, arabic_essay, "Northern Star", "The ship’s name");
  fixture->crossing = annotate (fixture, fixture->arabic, arabic_essay, "السفينة Northern",
                                 "Half the name");
  fixture->catalogue = annotate (fixture, fixture->english, english_essay, "הארכיון נפתח לקוראים",
                                 "The catalogue");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_pdf_fixture_tear_down (&fixture->pdf, data);
}

static ScholiaAnnotation *
get_annotation (Fixture *fixture,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  ScholiaAnnotation *annotation = scholia_store_get_annotation (fixture->pdf.store, id, &error);

  g_assert_no_error (error);
  return annotation;
}

/* Offsets are code points of the text as written, the direction mark one like any other. */
static void
test_offsets_count_code_points (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) keeper = get_annotation (fixture, fixture->keeper);
  g_autoptr(ScholiaAnnotation) ship = get_annotation (fixture, fixture->ship);
  g_autoptr(ScholiaAnnotation) catalogue = get_annotation (fixture, fixture->catalogue);

  /* "أرشيف بيت الملح\n\nفي عام " is 24 code points; the quote 22, its mark one of them. */
  g_assert_cmpint (scholia_annotation_get_start (keeper), ==, 24);
  g_assert_cmpint (scholia_annotation_get_end (keeper), ==, 24 + 22);
  g_assert_cmpstr (scholia_annotation_get_quote (keeper), ==, "1923\u200F نقل أمين الأرشيف");
  g_assert_cmpstr (scholia_annotation_get_prefix (keeper) + strlen (scholia_annotation_get_prefix (keeper)) - strlen ("في عام "),
                   ==, "في عام ");
  g_assert_cmpstr (scholia_annotation_get_quote (ship), ==, "Northern Star");
  g_assert_true (g_str_has_prefix (scholia_annotation_get_suffix (ship), " بالإنجليزية"));
  g_assert_cmpstr (scholia_annotation_get_quote (catalogue), ==, "הארכיון נפתח לקוראים");
  g_assert_true (g_str_has_suffix (scholia_annotation_get_prefix (catalogue), "agrees: "));
  g_assert_true (g_str_has_prefix (scholia_annotation_get_suffix (catalogue), " only in 1951"));
}

static void
assert_found (Fixture         *fixture,
              const char      *word,
              ScholiaDocument *document,
              const char      *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = scholia_store_search (fixture->pdf.store, word, 20, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      ScholiaSearchResult *result = g_ptr_array_index (results, i);
      const ScholiaSearchRange *range;
      g_autofree char *matched = NULL;
      const char *from;

      if (result->kind != SCHOLIA_SEARCH_TEXT || result->document_id != scholia_document_get_id (document))
        continue;
      found = TRUE;
      g_assert_cmpint (result->offset, ==, test_pdf_offset_of (text, word));
      g_assert_cmpuint (result->matches->len, >=, 1);
      range = &g_array_index (result->matches, ScholiaSearchRange, 0);
      from = g_utf8_offset_to_pointer (result->snippet, range->start);
      matched = g_strndup (from, g_utf8_offset_to_pointer (result->snippet, range->end) - from);
      g_assert_cmpstr (matched, ==, word);
    }
  g_assert_true (found);
}

static void
test_search_finds_words (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_found (fixture, "الأرشيف", fixture->arabic, arabic_essay);
  assert_found (fixture, "המכתבים", fixture->hebrew, hebrew_essay);
  assert_found (fixture, "زیرزمین", fixture->persian, persian_essay);
  /* A Hebrew word inside an English essay. */
  assert_found (fixture, "לקוראים", fixture->english, english_essay);
}

static JsonObject *
find_selector (JsonObject *annotation,
               const char *type)
{
  JsonArray *selectors = json_object_get_array_member (json_object_get_object_member (annotation, "target"), "selector");

  for (guint i = 0; i < json_array_get_length (selectors); i++)
    {
      JsonObject *selector = json_array_get_object_element (selectors, i);

      if (g_strcmp0 (json_object_get_string_member (selector, "type"), type) == 0)
        return selector;
    }
  g_assert_not_reached ();
}

/* Exported, the selectors hold the quote as stored, across the changes of direction; imported
 * into another library holding the same essay, each annotation lands where it was. */
static void
test_w3c_round_trip (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *other_path = g_build_filename (fixture->pdf.dir, "other.sqlite3", NULL);
  g_autoptr(ScholiaStore) other = NULL;
  ScholiaDocument *copy;
  g_autoptr(GListModel) copied = NULL;
  g_autoptr(ScholiaAnnotation) keeper = get_annotation (fixture, fixture->keeper);
  ScholiaW3cSummary summary;
  JsonArray *items;
  gboolean seen_keeper = FALSE;

  g_ptr_array_add (documents, fixture->arabic);
  root = scholia_w3c_export (fixture->pdf.store, documents, &error);
  g_assert_no_error (error);
  items = json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "first"), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *quote = find_selector (item, "TextQuoteSelector");
      JsonObject *position = find_selector (item, "TextPositionSelector");

      if (g_strcmp0 (json_object_get_string_member (quote, "exact"), "1923\u200F نقل أمين الأرشيف") != 0)
        continue;
      seen_keeper = TRUE;
      g_assert_true (g_str_has_suffix (json_object_get_string_member (quote, "prefix"), "\n\nفي عام "));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (quote, "suffix"), " سليم الحداد"));
      g_assert_cmpint (json_object_get_int_member (position, "start"), ==, scholia_annotation_get_start (keeper));
      g_assert_cmpint (json_object_get_int_member (position, "end"), ==, scholia_annotation_get_end (keeper));
    }
  g_assert_true (seen_keeper);

  other = scholia_store_open (other_path, &error);
  g_assert_no_error (error);
  copy = scholia_store_add_document (other, "أرشيف بيت الملح", "ليلى الحداد", "2024", NULL, arabic_essay, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_w3c_import (other, root, copy, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact, ==, 3);
  g_assert_cmpuint (summary.reanchored + summary.orphaned, ==, 0);
  copied = scholia_store_list_annotations (other, copy, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (copied), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (copied, i);
      const char *quote = scholia_annotation_get_quote (annotation);
      g_autoptr(ScholiaAnnotation) original =
        get_annotation (fixture, g_str_has_prefix (quote, "1923") ? fixture->keeper
                                 : g_str_has_prefix (quote, "Northern") ? fixture->ship : fixture->crossing);

      g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, scholia_annotation_get_quote (original));
      g_assert_cmpint (scholia_annotation_get_start (annotation), ==, scholia_annotation_get_start (original));
      g_assert_cmpint (scholia_annotation_get_end (annotation), ==, scholia_annotation_get_end (original));
    }
  scholia_w3c_summary_clear (&summary);
}

static void
test_csv_keeps_quotes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autofree char *csv = NULL;

  g_ptr_array_add (documents, fixture->arabic);
  g_ptr_array_add (documents, fixture->english);
  csv = scholia_table_export_csv (fixture->pdf.store, documents, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv, "1923\u200F نقل أمين الأرشيف"));
  g_assert_nonnull (strstr (csv, "הארכיון נפתח לקוראים"));
  /* Nothing but the text's own mark: a spreadsheet decides each cell's direction itself. */
  g_assert_cmpuint (count_bidi_controls (csv), ==, 1);
}

/* Every font embedded, and among them a face for @script ("Arabic", "Hebrew"): Noto Serif has
 * neither. */
static void
assert_fonts_embedded (PopplerDocument *pdf,
                       const char      *script)
{
  PopplerFontInfo *info = poppler_font_info_new (pdf);
  PopplerFontsIter *iter = NULL;
  gboolean found = FALSE;

  g_assert_true (poppler_font_info_scan (info, poppler_document_get_n_pages (pdf), &iter));
  do
    {
      const char *name = poppler_fonts_iter_get_name (iter);

      g_assert_true (poppler_fonts_iter_is_embedded (iter));
      if (name != NULL && strstr (name, script) != NULL)
        found = TRUE;
    }
  while (poppler_fonts_iter_next (iter));
  poppler_fonts_iter_free (iter);
  poppler_font_info_free (info);
  g_assert_true (found);
}


/* The Arabic essay: its pages mirrored (notes in the left margin), its lines set flush right,
 * its words in an Arabic face, embedded; each highlight over its own words, the English name
 * inside the Arabic line included. */
static void
test_pdf_right_to_left (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = NULL;
  PopplerDocument *pdf;
  PopplerPage *page;
  g_autoptr(GArray) keeper = NULL;
  g_autoptr(GArray) ship = NULL;
  g_autoptr(GArray) crossing = NULL;
  g_autoptr(GArray) last = NULL;
  g_autofree char *notes = NULL;
  g_autoptr(GArray) words = NULL;
  ScholiaPdfOptions options;
  ScholiaPdfRect column, margin;
  PopplerQuadrilateral *first_words;

  /* The first words of the last paragraph, one short line. */
  annotate (fixture, fixture->arabic, arabic_essay, "لم يبق", "Its first words");
  path = pdf_words_export_essay (&fixture->pdf, fixture->arabic, "arabic.pdf");
  pdf = test_pdf_open (path);
  page = poppler_document_get_page (pdf, 0);
  words = pdf_words_read (path);
  assert_fonts_embedded (pdf, "Arabic");

  scholia_pdf_options_init (&options);
  options.right_to_left = TRUE;
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, 0, &column, &margin);
  g_assert_cmpfloat (margin.x + margin.width, <, column.x);
  notes = pdf_words_in_rect (words, &margin);
  g_assert_nonnull (strstr (notes, "Theship’sname"));
  g_assert_nonnull (strstr (notes, "Thekeeper’smove"));

  keeper = pdf_words_find_highlight (page, words, "1923\u200F نقل أمين الأرشيف");
  ship = pdf_words_find_highlight (page, words, "Northern Star");
  crossing = pdf_words_find_highlight (page, words, "السفينة Northern");
  last = pdf_words_find_highlight (page, words, "لم يبق");
  g_assert_nonnull (keeper);
  g_assert_nonnull (ship);
  g_assert_nonnull (crossing);
  g_assert_nonnull (last);
  /* The Arabic word and the English one after it in the text stand apart on the line: two quads,
   * with "Star" between them (to the right of "Northern", left of "السفينة") in neither. */
  g_assert_cmpuint (crossing->len, ==, 2);
  /* Flush right: the paragraph's first words end a book paragraph's indent (1.5 em) in from the
   * column's right edge, and its one line stays far from the left edge. */
  g_assert_cmpuint (last->len, ==, 1);
  first_words = &g_array_index (last, PopplerQuadrilateral, 0);
  g_assert_cmpfloat (fabs (MAX (first_words->p2.x, first_words->p4.x) -
                           (column.x + column.width - 1.5 * SCHOLIA_PDF_DEFAULT_FONT_SIZE)), <, 1.0);
  g_assert_cmpfloat (MIN (first_words->p1.x, first_words->p3.x), >, column.x + column.width / 2);

  g_object_unref (page);
  g_object_unref (pdf);
}

/* The English essay stays left to right, its Hebrew quote highlighted over the Hebrew words
 * in a Hebrew face. */
static void
test_pdf_quote_in_english (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = pdf_words_export_essay (&fixture->pdf, fixture->english, "english.pdf");
  PopplerDocument *pdf = test_pdf_open (path);
  PopplerPage *page = poppler_document_get_page (pdf, 0);
  g_autoptr(GArray) words = pdf_words_read (path);
  g_autoptr(GArray) catalogue = pdf_words_find_highlight (page, words, "הארכיון נפתח לקוראים");
  ScholiaPdfOptions options;
  ScholiaPdfRect column, margin;
  g_autofree char *notes = NULL;

  assert_fonts_embedded (pdf, "Hebrew");
  g_assert_nonnull (catalogue);
  scholia_pdf_options_init (&options);
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, 0, &column, &margin);
  g_assert_cmpfloat (margin.x, >, column.x);
  notes = pdf_words_in_rect (words, &margin);
  g_assert_nonnull (strstr (notes, "Thecatalogue"));
  g_object_unref (page);
  g_object_unref (pdf);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rtl/import/logical-order", test_import_keeps_logical_order);
  g_test_add_func ("/rtl/direction", test_direction_of_essays);
  g_test_add_func ("/rtl/word-snap", test_word_snap);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rtl/offsets", test_offsets_count_code_points);
  ADD ("/rtl/search", test_search_finds_words);
  ADD ("/rtl/w3c/round-trip", test_w3c_round_trip);
  ADD ("/rtl/csv", test_csv_keeps_quotes);
  ADD ("/rtl/pdf/right-to-left", test_pdf_right_to_left);
  ADD ("/rtl/pdf/quote-in-english", test_pdf_quote_in_english);
#undef ADD

  return g_test_run ();
}
