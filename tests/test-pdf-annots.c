/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scholia-pdf-handout.h"
#include "test-pdf.h"

/* The annotated document's native highlights, read back as a reader's viewer would: their
 * fields, the tint each puts on the page (once, and only with annotations shown), and the
 * file's /Lang. */

#define CREATED  G_GINT64_CONSTANT (1700000000)  /* 14 November 2023, 22:13:20 UTC */
#define MODIFIED G_GINT64_CONSTANT (1710000000)  /*  9 March 2024, 16:00:00 UTC */
#define QUOTE    "Historians have long read this delay as complacency"

/* A fourth span with two tags, a theme and a note, dated well before the export. */
static ScholiaAnnotation *
annotate_twice_tagged (TestPdfFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 tags[2] = { fixture->thesis, fixture->evidence };
  gint64 theme = scholia_label_get_id (SCHOLIA_LABEL (fixture->silt));
  int start = test_pdf_offset_of (test_pdf_essay, QUOTE);
  ScholiaAnnotation *annotation;

  annotation = scholia_store_add_annotation (fixture->store, fixture->document, start, start + strlen (QUOTE),
                                             tags, 2, &theme, 1, "Complacency or prudence?", &error);
  g_assert_no_error (error);
  /* The store hands the export this same object: its dates stand for old ones in the file. */
  scholia_annotation_set_created (annotation, CREATED);
  scholia_annotation_set_modified (annotation, MODIFIED);
  return annotation;
}

static PopplerAnnot *
find_highlight (PopplerPage *page,
                const char  *uuid)
{
  GList *highlights = test_pdf_highlights_on (page);
  PopplerAnnot *found = NULL;

  for (GList *l = highlights; l != NULL; l = l->next)
    {
      g_autofree char *name = poppler_annot_get_name (l->data);

      if (g_strcmp0 (name, uuid) == 0)
        found = g_object_ref (l->data);
    }
  g_list_free_full (highlights, g_object_unref);
  g_assert_nonnull (found);
  return found;
}

static void
test_fields (TestPdfFixture *fixture,
             gconstpointer   data)
{
  g_autoptr(ScholiaAnnotation) annotation = annotate_twice_tagged (fixture);
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  PopplerPage *page;
  PopplerAnnot *annot;
  PopplerColor *colour;
  g_autofree char *contents = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *label = NULL;
  g_autofree char *modified = NULL;
  GDate *created;

  scholia_pdf_options_init (&options);
  options.annotator = "Dr. Ilse Varga";
  test_pdf_export (fixture, &options);

  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  annot = find_highlight (page, scholia_annotation_get_uuid (annotation));

  label = poppler_annot_markup_get_label (POPPLER_ANNOT_MARKUP (annot));
  g_assert_cmpstr (label, ==, "Dr. Ilse Varga");
  subject = poppler_annot_markup_get_subject (POPPLER_ANNOT_MARKUP (annot));
  g_assert_cmpstr (subject, ==, "thesis, evidence");
  contents = poppler_annot_get_contents (annot);
  g_assert_cmpstr (contents, ==, "thesis, evidence · Silt — Complacency or prudence?");

  modified = poppler_annot_get_modified (annot);
  g_assert_cmpstr (modified, ==, "D:20240309160000Z");
  created = poppler_annot_markup_get_date (POPPLER_ANNOT_MARKUP (annot));
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_get_year (created), ==, 2023);
  g_assert_cmpint (g_date_get_month (created), ==, G_DATE_NOVEMBER);
  g_assert_cmpint (g_date_get_day (created), ==, 14);
  g_date_free (created);

  g_assert_true (poppler_annot_get_flags (annot) & POPPLER_ANNOT_FLAG_PRINT);
  g_assert_false (poppler_annot_get_flags (annot) & POPPLER_ANNOT_FLAG_HIDDEN);
  g_assert_cmpfloat (poppler_annot_markup_get_opacity (POPPLER_ANNOT_MARKUP (annot)), ==, 1.0);
  colour = poppler_annot_get_color (annot);
  g_assert_nonnull (colour);
  g_free (colour);

  g_object_unref (annot);
  g_object_unref (page);
  g_object_unref (pdf);
}

/* Without a name in the options, the highlights name the user. */
static void
test_default_annotator (TestPdfFixture *fixture,
                        gconstpointer   data)
{
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  PopplerPage *page;
  GList *highlights;

  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  highlights = test_pdf_highlights_on (page);
  g_assert_cmpint (g_list_length (highlights), ==, 3);
  for (GList *l = highlights; l != NULL; l = l->next)
    {
      g_autofree char *label = poppler_annot_markup_get_label (l->data);

      g_assert_cmpstr (label, ==, scholia_pdf_default_annotator ());
    }
  g_assert_cmpstr (scholia_pdf_default_annotator (), !=, "");
  g_list_free_full (highlights, g_object_unref);
  g_object_unref (page);
  g_object_unref (pdf);
}

static void
test_tinted_once (TestPdfFixture *fixture,
                  gconstpointer   data)
{
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  PopplerPage *page;
  GList *highlights;
  double width, height;
  cairo_surface_t *shown;
  cairo_surface_t *printed_plain;

  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  poppler_page_get_size (page, &width, &height);
  shown = test_pdf_render_page (page, 2, TRUE);
  printed_plain = test_pdf_render_page (page, 2, FALSE);

  highlights = test_pdf_highlights_on (page);
  g_assert_cmpint (g_list_length (highlights), ==, 3);
  for (GList *l = highlights; l != NULL; l = l->next)
    {
      GArray *quads = poppler_annot_text_markup_get_quadrilaterals (l->data);
      PopplerQuadrilateral *quad = &g_array_index (quads, PopplerQuadrilateral, 0);
      PopplerColor *colour = poppler_annot_get_color (l->data);
      guint32 with = test_pdf_quad_colour (shown, height, quad);
      guint32 without = test_pdf_quad_colour (printed_plain, height, quad);

      /* Shown: the tag's colour at the wash's alpha over white, once; not twice. */
      for (int c = 0; c < 3; c++)
        {
          guint16 tag[3] = { colour->red, colour->green, colour->blue };
          double found = ((with >> (16 - 8 * c)) & 0xff) / 255.0;
          double once = 1.0 - 0.30 * (1.0 - tag[c] / 65535.0);
          double twice = 1.0 - 0.51 * (1.0 - tag[c] / 65535.0);

          g_assert_cmpfloat (fabs (found - once), <, 0.02);
          if (fabs (once - twice) > 0.04)
            g_assert_cmpfloat (fabs (found - twice), >, 0.02);
        }
      g_assert_cmphex (with, !=, 0xffffff);
      /* Without annotations the page itself is white there: no wash is painted into it. */
      g_assert_cmphex (without, ==, 0xffffff);

      g_free (colour);
      g_array_unref (quads);
    }

  g_list_free_full (highlights, g_object_unref);
  cairo_surface_destroy (shown);
  cairo_surface_destroy (printed_plain);
  g_object_unref (page);
  g_object_unref (pdf);
}

/* The catalog of the PDF at @path, as qpdf shows it. */
static char *
read_catalog (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trailer = NULL;
  g_autofree char *option = NULL;
  const char *trailer_argv[] = { "qpdf", "--show-object=trailer", path, NULL };
  const char *catalog_argv[] = { "qpdf", NULL, path, NULL };
  const char *root;
  char *catalog = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) trailer_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &trailer, NULL, &status, &error));
  g_assert_no_error (error);
  root = strstr (trailer, "/Root ");
  g_assert_nonnull (root);
  option = g_strdup_printf ("--show-object=%d", atoi (root + strlen ("/Root ")));
  catalog_argv[1] = option;
  g_assert_true (g_spawn_sync (NULL, (char **) catalog_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &catalog, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (catalog, "/Type /Catalog"));
  return catalog;
}

static void
test_language_and_check (TestPdfFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *standard_output = NULL;
  g_autofree char *standard_error = NULL;
  g_autofree char *catalog = NULL;
  const char *check_argv[] = { "qpdf", "--check", fixture->output, NULL };
  int status;

  g_assert_true (scholia_store_set_document_language (fixture->store, fixture->document, "de", &error));
  g_assert_no_error (error);
  test_pdf_export (fixture, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) check_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &standard_output, &standard_error, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (standard_output, "No syntax or stream encoding errors found"));
  g_assert_cmpstr (standard_error, ==, "");

  catalog = read_catalog (fixture->output);
  g_assert_nonnull (strstr (catalog, "/Lang (de)"));
}

/* The handout quotes one document: its language is the handout's. */
static void
test_handout_language (TestPdfFixture *fixture,
                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *catalog = NULL;

  g_assert_true (scholia_store_set_document_language (fixture->store, fixture->document, "ru", &error));
  g_assert_no_error (error);
  g_assert_true (scholia_pdf_export_handout (fixture->store, fixture->silt, NULL, fixture->output, NULL, NULL,
                                             NULL, &error));
  g_assert_no_error (error);
  catalog = read_catalog (fixture->output);
  g_assert_nonnull (strstr (catalog, "/Lang (ru)"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestPdfFixture, NULL, test_pdf_fixture_set_up, func, test_pdf_fixture_tear_down)
  ADD ("/pdf-annots/fields", test_fields);
  ADD ("/pdf-annots/default-annotator", test_default_annotator);
  ADD ("/pdf-annots/tinted-once", test_tinted_once);
  ADD ("/pdf-annots/language-and-check", test_language_and_check);
  ADD ("/pdf-annots/handout-language", test_handout_language);
#undef ADD

  return g_test_run ();
}
