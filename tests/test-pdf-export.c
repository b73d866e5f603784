/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "repro.h"
#include "scholia-error.h"
#include "scholia-pdf-export.h"
#include "scholia-pdf-handout.h"
#include "test-files.h"
#include "test-pdf.h"

static void
test_text_in_order (TestPdfFixture *fixture,
                    gconstpointer   data)
{
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  g_autofree char *body = NULL;
  g_autofree char *flat_body = NULL;
  g_autofree char *flat_essay = test_pdf_without_whitespace (test_pdf_essay);

  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);

  pdf = test_pdf_open (fixture->output);
  body = test_pdf_column_text (pdf, NULL, FALSE);
  flat_body = test_pdf_without_whitespace (body);
  g_assert_nonnull (strstr (flat_body, flat_essay));
  g_assert_nonnull (strstr (body, "The Silted Staple"));
  g_assert_nonnull (strstr (body, "Helena Marwick"));
  g_object_unref (pdf);
}

/* Where a highlight's first quadrilateral lies, sampled at 2× in the rendered page: the most
 * frequent colour there (text pixels vary; the wash is flat) must be the tag's colour washed
 * once over white, neither white nor darkened by a second, native highlight. */
static void
check_wash (PopplerPage  *page,
            PopplerAnnot *annot)
{
  GArray *quads = poppler_annot_text_markup_get_quadrilaterals (POPPLER_ANNOT_TEXT_MARKUP (annot));
  PopplerColor *colour = poppler_annot_get_color (annot);
  cairo_surface_t *surface = test_pdf_render_page (page, 2, TRUE);
  double width, height;
  guint32 best;

  poppler_page_get_size (page, &width, &height);
  best = test_pdf_quad_colour (surface, height, &g_array_index (quads, PopplerQuadrilateral, 0));

  {
    double found[3] = { ((best >> 16) & 0xff) / 255.0, ((best >> 8) & 0xff) / 255.0, (best & 0xff) / 255.0 };
    double tag[3] = { colour->red / 65535.0, colour->green / 65535.0, colour->blue / 65535.0 };
    double tint = 0;

    for (int c = 0; c < 3; c++)
      {
        double expected = 1.0 - 0.30 * (1.0 - tag[c]);

        g_assert_cmpfloat (fabs (found[c] - expected), <, 0.06);
        tint += 1.0 - found[c];
      }
    g_assert_cmpfloat (tint, >, 0.1);
  }

  g_free (colour);
  g_array_unref (quads);
  cairo_surface_destroy (surface);
}

static void
test_highlights (TestPdfFixture *fixture,
                 gconstpointer   data)
{
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  PopplerPage *page;
  GList *highlights;
  g_autoptr(GString) contents = g_string_new (NULL);

  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);

  pdf = test_pdf_open (fixture->output);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  page = poppler_document_get_page (pdf, 0);
  highlights = test_pdf_highlights_on (page);
  g_assert_cmpint (g_list_length (highlights), ==, 3);

  for (GList *l = highlights; l != NULL; l = l->next)
    {
      g_autofree char *text = poppler_annot_get_contents (l->data);

      g_string_append_printf (contents, "%s\n", text);
      check_wash (page, l->data);
    }
  g_assert_nonnull (strstr (contents->str, "thesis · Silt — Disbelief, or calculation?"));
  g_assert_nonnull (strstr (contents->str, "evidence — Pilots’ logs, vols. 3–9."));
  g_assert_nonnull (strstr (contents->str, "source-reference · Silt — What survives, and why?"));
  g_assert_cmpstr (poppler_annot_markup_get_subject (POPPLER_ANNOT_MARKUP (highlights->data)), ==, "thesis");

  g_list_free_full (highlights, g_object_unref);
  g_object_unref (page);
  g_object_unref (pdf);
}

static void
test_notes_in_margin (TestPdfFixture *fixture,
                      gconstpointer   data)
{
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  g_autofree char *margin = NULL;
  g_autofree char *body = NULL;
  g_autofree char *flat = NULL;

  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  margin = test_pdf_column_text (pdf, NULL, TRUE);
  body = test_pdf_column_text (pdf, NULL, FALSE);
  flat = test_pdf_without_whitespace (margin);
  g_assert_nonnull (strstr (flat, "Disbelief,orcalculation?"));
  g_assert_nonnull (strstr (flat, "Pilots’logs,vols.3–9."));
  g_assert_nonnull (strstr (flat, "Whatsurvives,andwhy?"));
  g_assert_null (strstr (body, "Notes"));
  g_object_unref (pdf);

  /* Without notes the margin stays empty for the reader's own. */
  options.include_notes = FALSE;
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  g_free (margin);
  margin = test_pdf_column_text (pdf, NULL, TRUE);
  g_assert_null (strstr (margin, "Disbelief"));
  g_object_unref (pdf);
}

/* Thirty notes on one paragraph cannot all stand beside it: the rest become endnotes, each
 * note printed once. */
static void
test_crowded_notes_become_endnotes (TestPdfFixture *fixture,
                                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("Crowded\n\n");
  ScholiaDocument *document;
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  g_autofree char *margin = NULL;
  g_autofree char *body = NULL;
  g_autofree char *flat_margin = NULL;
  g_autofree char *flat_body = NULL;
  const char *notes_section;
  int endnotes = 0;

  for (int i = 0; i < 30; i++)
    g_string_append_printf (text, "Clause number %d of the long paragraph has its own remark. ", i + 1);
  g_string_append_c (text, '\n');
  document = scholia_store_add_document (fixture->store, "Crowded", "Ann Other", "2001", NULL, text->str, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 30; i++)
    {
      g_autofree char *quote = g_strdup_printf ("Clause number %d of", i + 1);
      g_autofree char *note = g_strdup_printf ("Remark%02d explains at some length why clause %d matters to the argument.", i + 1, i + 1);

      test_pdf_annotate (fixture, document, text->str, quote, i % 2 ? fixture->thesis : fixture->evidence, NULL, note);
    }

  scholia_pdf_options_init (&options);
  g_assert_true (scholia_pdf_export_document (fixture->store, document, &options, fixture->output, NULL, NULL,
                                              NULL, &error));
  g_assert_no_error (error);

  pdf = test_pdf_open (fixture->output);
  margin = test_pdf_column_text (pdf, NULL, TRUE);
  body = test_pdf_column_text (pdf, NULL, FALSE);
  flat_margin = test_pdf_without_whitespace (margin);
  flat_body = test_pdf_without_whitespace (body);
  notes_section = strstr (flat_body, "Notes");
  g_assert_nonnull (notes_section);

  for (int i = 0; i < 30; i++)
    {
      g_autofree char *marker = g_strdup_printf ("Remark%02d", i + 1);
      const char *in_margin = strstr (flat_margin, marker);
      const char *in_notes = strstr (notes_section, marker);

      /* Exactly one place holds each note. */
      g_assert_true ((in_margin != NULL) != (in_notes != NULL));
      if (in_notes != NULL)
        {
          /* Each endnote quotes its passage's opening words, then its tag and note. */
          g_autofree char *cited = g_strdup_printf ("“Clausenumber%dof”%s—Remark%02d", i + 1,
                                                    i % 2 ? "thesis" : "evidence", i + 1);

          endnotes++;
          g_assert_nonnull (strstr (notes_section, cited));
        }
    }
  g_assert_cmpint (endnotes, >, 0);
  g_assert_cmpint (endnotes, <, 30);
  g_object_unref (pdf);
}

static void
test_key_lists_tags (TestPdfFixture *fixture,
                     gconstpointer   data)
{
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  PopplerPage *page;
  g_autofree char *text = NULL;

  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "thesis — A claim the author argues for"));
  g_assert_nonnull (strstr (text, "evidence — Facts, figures"));
  g_assert_nonnull (strstr (text, "source-reference — A citation"));
  g_assert_null (strstr (text, "counter-argument"));
  g_assert_nonnull (strstr (text, "Silt"));
  g_object_unref (page);
  g_object_unref (pdf);
}

static void
test_filters (TestPdfFixture *fixture,
              gconstpointer   data)
{
  ScholiaPdfOptions options;
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  PopplerDocument *pdf;
  PopplerPage *page;
  GList *highlights;
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (fixture->silt));

  scholia_pdf_options_init (&options);
  options.filter = filter;
  scholia_annotation_filter_set_tag_ids (filter, &fixture->evidence, 1);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  highlights = test_pdf_highlights_on (page);
  g_assert_cmpint (g_list_length (highlights), ==, 1);
  g_list_free_full (highlights, g_object_unref);
  g_object_unref (page);
  g_object_unref (pdf);

  scholia_annotation_filter_set_tag_ids (filter, NULL, 0);
  scholia_annotation_filter_set_theme_ids (filter, &theme_id, 1);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  highlights = test_pdf_highlights_on (page);
  g_assert_cmpint (g_list_length (highlights), ==, 2);
  g_list_free_full (highlights, g_object_unref);
  g_object_unref (page);
  g_object_unref (pdf);
}

/* The header says what a printed copy leaves out, when it was made and for which course. */
static void
test_header (TestPdfFixture *fixture,
             gconstpointer   data)
{
  ScholiaPdfOptions options;
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  gint64 tags[] = { fixture->thesis, fixture->evidence };
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (fixture->silt));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%-d %B %Y");
  g_autofree char *flat_today = test_pdf_without_whitespace (today);
  PopplerDocument *pdf;
  PopplerPage *page;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  scholia_pdf_options_init (&options);
  options.filter = filter;
  options.course = "Ports and Rivers, Spring Seminar";
  scholia_annotation_filter_set_tag_ids (filter, tags, G_N_ELEMENTS (tags));
  scholia_annotation_filter_set_theme_ids (filter, &theme_id, 1);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  text = poppler_page_get_text (page);
  flat = test_pdf_without_whitespace (text);
  g_assert_nonnull (strstr (flat, "Only:thesis,evidence·Theme:Silt"));
  g_assert_nonnull (strstr (flat, flat_today));
  /* The day unpadded: "Exported 2 December 2026", one plain space. */
  g_assert_nonnull (strstr (text, today));
  g_assert_nonnull (strstr (flat, "PortsandRivers,SpringSeminar"));
  /* Above the text, below the title. */
  g_assert_true (strstr (flat, "TheSiltedStaple") < strstr (flat, "Only:"));
  g_assert_nonnull (strstr (flat, "Whentheriverbegantosilt"));
  g_assert_true (strstr (flat, "Only:") < strstr (flat, "Whentheriverbegantosilt"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&flat, g_free);
  g_object_unref (page);
  g_object_unref (pdf);

  /* Unfiltered, no course: only the date. */
  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  text = poppler_page_get_text (page);
  flat = test_pdf_without_whitespace (text);
  g_assert_null (strstr (flat, "Only:"));
  g_assert_null (strstr (flat, "Theme:"));
  g_assert_null (strstr (flat, "PortsandRivers"));
  g_assert_nonnull (strstr (flat, flat_today));
  g_object_unref (page);
  g_object_unref (pdf);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The left edge of the leftmost glyph on @page_index. */
static double
leftmost_glyph (PopplerDocument *pdf,
                int              page_index)
{
  PopplerPage *page = poppler_document_get_page (pdf, page_index);
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *boxes = NULL;
  guint n_boxes = 0, i = 0;
  double left = G_MAXDOUBLE;

  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
  for (const char *p = text; *p != '\0' && i < n_boxes; p = g_utf8_next_char (p), i++)
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      left = MIN (left, boxes[i].x1);
  g_object_unref (page);
  return left;
}

/* Two-sided, the text column of a left-hand page moves right to put the notes margin outside;
 * one-sided, every page is laid out as the first. */
static void
test_one_sided (TestPdfFixture *fixture,
                gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  double first, second;

  for (int i = 0; i < 6; i++)
    g_string_append_printf (long_text, "%s\n", test_pdf_essay);
  fixture->document = scholia_store_add_document (fixture->store, "Silt Again", "Helena Marwick", "1957", NULL,
                                                  long_text->str, NULL, &error);
  g_assert_no_error (error);

  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >=, 2);
  first = leftmost_glyph (pdf, 0);
  second = leftmost_glyph (pdf, 1);
  g_assert_cmpfloat (second - first, >, 100);
  g_object_unref (pdf);

  options.one_sided = TRUE;
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >=, 2);
  first = leftmost_glyph (pdf, 0);
  second = leftmost_glyph (pdf, 1);
  g_assert_cmpfloat (fabs (second - first), <, 1);
  g_object_unref (pdf);
}

static void
test_page_sizes (TestPdfFixture *fixture,
                 gconstpointer   data)
{
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  PopplerPage *page;
  double width, height;
  g_autofree char *body = NULL;
  g_autofree char *flat_body = NULL;
  g_autofree char *flat_essay = test_pdf_without_whitespace (test_pdf_essay);

  scholia_pdf_options_init (&options);
  options.page_size = SCHOLIA_PDF_PAGE_LETTER;
  options.ragged = TRUE;
  options.font_size = 13;
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat (fabs (width - 612), <, 0.5);
  g_assert_cmpfloat (fabs (height - 792), <, 0.5);
  body = test_pdf_column_text (pdf, &options, FALSE);
  flat_body = test_pdf_without_whitespace (body);
  g_assert_nonnull (strstr (flat_body, flat_essay));
  g_object_unref (page);
  g_object_unref (pdf);

  options.page_size = SCHOLIA_PDF_PAGE_A4;
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat (fabs (width - 595.3), <, 0.5);
  g_assert_cmpfloat (fabs (height - 841.9), <, 0.5);
  g_object_unref (page);
  g_object_unref (pdf);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_progress (TestPdfFixture *fixture,
               gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_true (scholia_pdf_export_document (fixture->store, fixture->document, NULL, fixture->output, NULL,
                                              record_progress, fractions, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, >=, 2);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_missing_folder (TestPdfFixture *fixture,
                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (fixture->dir, "no-such-folder", "essay.pdf", NULL);

  g_assert_false (scholia_pdf_export_document (fixture->store, fixture->document, NULL, target, NULL, NULL,
                                               NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, target));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

static void
test_not_a_folder (TestPdfFixture *fixture,
                   gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (fixture->dir, "plain-file", NULL);
  g_autofree char *target = g_build_filename (file, "essay.pdf", NULL);

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_false (scholia_pdf_export_handout (fixture->store, fixture->silt, NULL, target, NULL, NULL, NULL,
                                              &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, target));
}

static void
test_read_only_folder (TestPdfFixture *fixture,
                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (fixture->output);

  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  if (access (folder, W_OK) == 0)
    {
      g_test_skip ("Permissions do not bind this user (root)");
      return;
    }
  g_assert_false (scholia_pdf_export_document (fixture->store, fixture->document, NULL, fixture->output, NULL,
                                               NULL, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, fixture->output));
  g_assert_cmpuint (count_entries (folder), ==, 0);
}

static void
cancel_on_first_page (double   fraction,
                      gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* Cancelled half-way, and the older file of the same name is kept as it was. */
static void
test_cancelled (TestPdfFixture *fixture,
                gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *folder = g_path_get_dirname (fixture->output);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (fixture->output, "older", -1, NULL));
  g_assert_false (scholia_pdf_export_document (fixture->store, fixture->document, NULL, fixture->output,
                                               cancellable, cancel_on_first_page, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, fixture->output));
  g_assert_cmpuint (count_entries (folder), ==, 1);
  g_assert_true (g_file_get_contents (fixture->output, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "older");
}

/* A full disk, simulated with a file size limit: the write fails mid-file (EFBIG) and the
 * partial file is removed. */
static void
test_write_fails (TestPdfFixture *fixture,
                  gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (fixture->output);
  struct rlimit saved, limited;
  gboolean done;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, SIG_IGN);
  limited = saved;
  limited.rlim_cur = 4096;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  done = scholia_pdf_export_document (fixture->store, fixture->document, NULL, fixture->output, NULL, NULL,
                                      NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  g_assert_false (done);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, fixture->output));
  g_assert_cmpuint (count_entries (folder), ==, 0);
}

/* The handout of the theme Silt, with every passage: its first page's text without spaces. */
static char *
handout_first_page (TestPdfFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *pdf;
  PopplerPage *page;
  g_autofree char *text = NULL;

  g_assert_true (scholia_pdf_export_handout (fixture->store, fixture->silt, NULL, fixture->output, NULL, NULL,
                                             NULL, &error));
  g_assert_no_error (error);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  text = poppler_page_get_text (page);
  g_object_unref (page);
  g_object_unref (pdf);
  return test_pdf_without_whitespace (text);
}

static void
test_handout (TestPdfFixture *fixture,
              gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  ScholiaPageRange first = { 0, 200, g_strdup ("16") };
  ScholiaPageRange second = { 200, 10000, g_strdup ("17") };
  ScholiaDocument *paged;
  g_autofree char *flat = NULL;
  const char *okafor, *marwick_first, *marwick_second;

  g_array_append_val (pages, first);
  g_array_append_val (pages, second);
  paged = scholia_store_add_document (fixture->store, "A River Grown Tired", "Adaeze Okafor", "1978", NULL,
                                      test_pdf_essay, pages, &error);
  g_assert_no_error (error);
  test_pdf_annotate (fixture, paged, test_pdf_essay, "the dues rose", fixture->evidence, fixture->silt, "Okafor’s figure.");

  flat = handout_first_page (fixture);
  g_assert_nonnull (strstr (flat, "Silt"));
  g_assert_nonnull (strstr (flat, "Howriversshapeports"));

  /* Comparison order: by surname, Marwick before Okafor; Marwick's passages in text order. */
  marwick_first = strstr (flat, "“themerchantsofKessmouthdidnotatfirstbelieveit”");
  marwick_second = strstr (flat, "“Customsreturnssurviveforonlyelevenofthefortyyears”");
  okafor = strstr (flat, "“theduesrose”");
  g_assert_nonnull (marwick_first);
  g_assert_nonnull (marwick_second);
  g_assert_nonnull (okafor);
  g_assert_true (marwick_first < marwick_second);
  g_assert_true (marwick_second < okafor);
  g_assert_nonnull (strstr (flat, "TheSiltedStaple(1956)"));
  g_assert_nonnull (strstr (flat, "ARiverGrownTired(1978),p.17"));
  g_assert_nonnull (strstr (flat, "Okafor’sfigure."));
}

/* Each passage's citation names author, title, date and page or paragraph once, with no
 * document heading above repeating it; a quotation inside a quote takes single marks. */
static void
test_handout_citations (TestPdfFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  ScholiaPageRange only = { 0, 10000, g_strdup ("118") };
  ScholiaDocument *paged;
  g_autofree char *flat = NULL;

  g_array_append_val (pages, only);
  paged = scholia_store_add_document (fixture->store, "A River Grown Tired", "Adaeze Okafor", "1978", NULL,
                                      test_pdf_essay, pages, &error);
  g_assert_no_error (error);
  test_pdf_annotate (fixture, paged, test_pdf_essay, "the dues rose", fixture->evidence, fixture->silt, NULL);
  test_pdf_annotate (fixture, fixture->document, test_pdf_essay, "the channel had moved “a fathom nearer the Øster bank”",
            fixture->thesis, fixture->silt, NULL);

  flat = handout_first_page (fixture);
  g_assert_nonnull (strstr (flat, "—Marwick,TheSiltedStaple(1956),¶2"));
  g_assert_nonnull (strstr (flat, "—Marwick,TheSiltedStaple(1956),¶4"));
  g_assert_nonnull (strstr (flat, "—Okafor,ARiverGrownTired(1978),p.118"));
  /* Named once per passage, in its citation only. */
  g_assert_cmpint (count_occurrences (flat, "TheSiltedStaple"), ==, 3);
  g_assert_cmpint (count_occurrences (flat, "ARiverGrownTired"), ==, 1);
  g_assert_nonnull (strstr (flat, "“thechannelhadmoved‘afathomnearertheØsterbank’”"));
}

static void
test_handout_side_by_side (TestPdfFixture *fixture,
                           gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  ScholiaPdfOptions options;
  ScholiaDocument *other;
  PopplerDocument *pdf;
  PopplerPage *page;
  ScholiaPdfRect text, left, right;
  g_autofree char *left_text = NULL;
  g_autofree char *right_text = NULL;

  scholia_pdf_options_init (&options);
  options.filter = filter;
  other = test_pdf_add_second_author (fixture, filter);
  test_pdf_annotate (fixture, other, test_pdf_essay, "the dues rose", fixture->evidence, fixture->silt, NULL);

  g_assert_true (scholia_pdf_export_handout (fixture->store, fixture->silt, &options, fixture->output, NULL,
                                             NULL, NULL, &error));
  g_assert_no_error (error);

  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_FULL_WIDTH, 0, &text, NULL);
  left = right = text;
  left.width = right.width = text.width / 2 - 8;
  right.x = text.x + text.width / 2 + 8;
  left_text = test_pdf_text_in (page, &left);
  right_text = test_pdf_text_in (page, &right);
  g_assert_nonnull (strstr (left_text, "Kessmouth"));
  g_assert_null (strstr (left_text, "A River Grown Tired"));
  g_assert_nonnull (strstr (right_text, "A River Grown Tired"));
  g_assert_null (strstr (right_text, "Silted Staple"));
  g_object_unref (page);
  g_object_unref (pdf);
}

/* The characters of @page that lie under @annot's quadrilaterals, in reading order. */
static void
append_highlighted_text (PopplerPage  *page,
                         PopplerAnnot *annot,
                         GString      *out)
{
  GArray *quads = poppler_annot_text_markup_get_quadrilaterals (POPPLER_ANNOT_TEXT_MARKUP (annot));
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *boxes = NULL;
  double width, height;
  guint n_boxes = 0, i = 0;

  poppler_page_get_size (page, &width, &height);
  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
  for (const char *p = text; *p != '\0' && i < n_boxes; p = g_utf8_next_char (p), i++)
    {
      /* Text boxes have their origin at the top left, quadrilaterals at the bottom left. */
      double x = (boxes[i].x1 + boxes[i].x2) / 2;
      double y = height - (boxes[i].y1 + boxes[i].y2) / 2;

      for (guint q = 0; q < quads->len; q++)
        {
          PopplerQuadrilateral *quad = &g_array_index (quads, PopplerQuadrilateral, q);

          if (x >= quad->p1.x && x <= quad->p2.x && y <= quad->p1.y && y >= quad->p3.y)
            {
              g_string_append_unichar (out, g_utf8_get_char (p));
              break;
            }
        }
    }
  g_array_unref (quads);
}

/* A paragraph of 1 MB once lost three quarters of its text: Pango garbles a layout that long.
 * It is laid out in pieces, every word is there, and a highlight across several pieces covers
 * exactly its passage. */
static void
test_long_paragraph (TestPdfFixture *fixture,
                     gconstpointer   data)
{
  g_autofree char *path = repro_copy ("export-1MB-paragraph.txt", fixture->dir);
  g_autofree char *text = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *flat_quote = NULL;
  g_autofree char *flat_highlighted = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) highlighted = g_string_new (NULL);
  g_autoptr(GRegex) soft_hyphen = g_regex_new ("\xc2\xad\\s*", 0, 0, NULL);
  g_autofree char *column = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  ScholiaDocument *document;
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  const char *found;
  gint64 tag_id = fixture->thesis;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_strchomp (text);
  document = scholia_store_add_document (fixture->store, "One Paragraph", "Helena Marwick", NULL, NULL, text,
                                         NULL, &error);
  g_assert_no_error (error);
  /* ASCII: bytes are characters. From 20 KB to 60 KB: over the ends of three pieces. */
  annotation = scholia_store_add_annotation (fixture->store, document, 20000, 60000, &tag_id, 1, NULL, 0,
                                             "Across pieces.", &error);
  g_assert_no_error (error);
  quote = g_strndup (text + 20000, 40000);

  scholia_pdf_options_init (&options);
  g_assert_true (scholia_pdf_export_document (fixture->store, document, &options, fixture->output, NULL, NULL,
                                              NULL, &error));
  g_assert_no_error (error);

  pdf = test_pdf_open (fixture->output);
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      GList *highlights = test_pdf_highlights_on (page);

      for (GList *l = highlights; l != NULL; l = l->next)
        append_highlighted_text (page, l->data, highlighted);
      g_list_free_full (highlights, g_object_unref);
      g_object_unref (page);
    }
  /* The text column alone, so that a word hyphenated at a page's foot is whole again once
   * the lines are joined, with no folio or running head between its halves. */
  column = test_pdf_column_text (pdf, &options, FALSE);
  g_object_unref (pdf);
  joined = g_regex_replace_literal (soft_hyphen, column, -1, 0, "", 0, &error);
  g_assert_no_error (error);
  g_string_append (body, joined);

  words = g_strsplit_set (text, " \n", -1);
  found = body->str;
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = strstr (found, words[i]);

      if (word == NULL)
        g_error ("word %u of %u, “%s”, is missing from the PDF after “%.80s”", i, g_strv_length (words), words[i], found);
      found = word + strlen (words[i]);
    }

  flat_quote = test_pdf_without_whitespace (quote);
  flat_highlighted = test_pdf_without_whitespace (highlighted->str);
  g_assert_cmpuint (strlen (flat_highlighted), ==, strlen (flat_quote));
  g_assert_true (g_str_equal (flat_highlighted, flat_quote));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, TestPdfFixture, NULL, test_pdf_fixture_set_up, func, test_pdf_fixture_tear_down)
  ADD ("/pdf-export/text/in-order-with-multibyte-characters", test_text_in_order);
  ADD ("/pdf-export/highlights/one-wash-per-span-in-tag-colour", test_highlights);
  ADD ("/pdf-export/notes/in-the-outer-margin", test_notes_in_margin);
  ADD ("/pdf-export/notes/crowded-become-endnotes", test_crowded_notes_become_endnotes);
  ADD ("/pdf-export/key/lists-tags-and-themes", test_key_lists_tags);
  ADD ("/pdf-export/filters/tag-and-theme", test_filters);
  ADD ("/pdf-export/page-size/letter-and-a4", test_page_sizes);
  ADD ("/pdf-export/header/filter-date-and-course", test_header);
  ADD ("/pdf-export/page-size/one-sided-not-mirrored", test_one_sided);
  ADD ("/pdf-export/progress/ends-at-one", test_progress);
  ADD ("/pdf-export/text/long-paragraph-in-pieces", test_long_paragraph);
  ADD ("/pdf-export/failure/missing-folder", test_missing_folder);
  ADD ("/pdf-export/failure/not-a-folder", test_not_a_folder);
  ADD ("/pdf-export/failure/read-only-folder", test_read_only_folder);
  ADD ("/pdf-export/failure/cancelled-keeps-older-file", test_cancelled);
  ADD ("/pdf-export/failure/write-error-leaves-nothing", test_write_fails);
  ADD ("/pdf-handout/order-and-page-citations", test_handout);
  ADD ("/pdf-handout/two-authors-side-by-side", test_handout_side_by_side);
  ADD ("/pdf-handout/citation-line-and-nested-quotes", test_handout_citations);
#undef ADD

  return g_test_run ();
}
