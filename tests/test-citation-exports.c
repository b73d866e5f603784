/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-pdf-handout.h"
#include "scholia-store-references.h"
#include "scholia-table-export.h"
#include "test-pdf.h"

/* Issue 15: exports cite essays that have a citation key. The Markdown of a document gives each
 * passage its Pandoc citation and the essay's Chicago bibliography entry as its source line; a
 * theme's Markdown adds the Pandoc citation to each passage's; the seminar handout cites each
 * passage by its Chicago short note and ends with the sources in full. Without a key, exports
 * stay as they were. */

static void
link_reference (TestPdfFixture *fixture)
{
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  ScholiaReference *book = scholia_reference_new ("marwick1956");

  scholia_reference_set (book, SCHOLIA_REFERENCE_TYPE, "book");
  scholia_reference_set (book, SCHOLIA_REFERENCE_TITLE, "The Silted Staple: Kessmouth and Its River");
  scholia_reference_set (book, SCHOLIA_REFERENCE_ISSUED, "1956");
  scholia_reference_set (book, SCHOLIA_REFERENCE_PUBLISHER, "Tidewater Press");
  scholia_reference_set (book, SCHOLIA_REFERENCE_PUBLISHER_PLACE, "Bergen");
  scholia_reference_add_author (book, "Marwick", "Helena", NULL);
  g_ptr_array_add (references, book);
  g_assert_true (scholia_store_import_references (fixture->store, references, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_store_set_document_citation_key (fixture->store, fixture->document, "marwick1956", &error));
  g_assert_no_error (error);
}

static char *
document_markdown (TestPdfFixture *fixture)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *markdown;

  g_ptr_array_add (documents, fixture->document);
  markdown = scholia_table_export_markdown (fixture->store, documents, &error);
  g_assert_no_error (error);
  return markdown;
}

static void
test_markdown_document (TestPdfFixture *fixture,
                        gconstpointer   data)
{
  g_autofree char *before = document_markdown (fixture);
  g_autofree char *after = NULL;

  g_assert_null (strstr (before, "[@"));
  g_assert_nonnull (strstr (before, "*Helena Marwick* · 1956 · Journal of Maritime History 12\n"));

  link_reference (fixture);
  after = document_markdown (fixture);
  g_assert_true (g_str_has_prefix (after, "# The Silted Staple\n\n"
                                          "Marwick, Helena. *The Silted Staple: Kessmouth and Its River*. Bergen: Tidewater Press, 1956.\n\n"));
  g_assert_nonnull (strstr (after, "**thesis** · Themes: Silt · [@marwick1956, ¶ 2]\n"));
  g_assert_nonnull (strstr (after, "**source-reference** · Themes: Silt · [@marwick1956, ¶ 4]\n"));
  g_assert_nonnull (strstr (after, "**evidence** · [@marwick1956, ¶ 2]\n"));
}

/* A key whose reference is not imported: the essay's own metadata in the bibliography's form. */
static void
test_markdown_key_without_reference (TestPdfFixture *fixture,
                                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;

  g_assert_true (scholia_store_set_document_citation_key (fixture->store, fixture->document, "marwick1956", &error));
  g_assert_no_error (error);
  markdown = document_markdown (fixture);
  g_assert_nonnull (strstr (markdown, "\n\nMarwick, Helena. “The Silted Staple.” Journal of Maritime History 12, 1956.\n\n"));
  g_assert_nonnull (strstr (markdown, "[@marwick1956, ¶ 2]"));
}

static void
test_markdown_theme (TestPdfFixture *fixture,
                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = scholia_table_export_theme_markdown (fixture->store, fixture->silt, &error);
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_null (strstr (before, "[@"));
  link_reference (fixture);
  after = scholia_table_export_theme_markdown (fixture->store, fixture->silt, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (after, "— Helena Marwick, *The Silted Staple* (1956) [@marwick1956, ¶ 2]\n"));
  g_assert_nonnull (strstr (after, "— Helena Marwick, *The Silted Staple* (1956) [@marwick1956, ¶ 4]\n"));
}

/* Whether the characters of @needle in @page's text are set in an italic face. */
static gboolean
is_italic (PopplerPage *page,
           const char  *text,
           const char  *needle)
{
  const char *found = strstr (text, needle);
  glong offset;
  GList *attributes;
  gboolean italic = FALSE;

  g_assert_nonnull (found);
  offset = g_utf8_pointer_to_offset (text, found);
  attributes = poppler_page_get_text_attributes (page);
  for (GList *l = attributes; l != NULL; l = l->next)
    {
      PopplerTextAttributes *attribute = l->data;

      if (attribute->start_index <= offset && offset <= attribute->end_index)
        italic = strstr (attribute->font_name, "Italic") != NULL || strstr (attribute->font_name, "Oblique") != NULL;
    }
  poppler_page_free_text_attributes (attributes);
  return italic;
}

static void
test_handout (TestPdfFixture *fixture,
              gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  ScholiaPageRange only = { 0, 10000, g_strdup ("118") };
  ScholiaDocument *paged;
  PopplerDocument *pdf;
  PopplerPage *page;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  const char *sources;

  /* A second essay with pages and no key: cited from its metadata, in the same style. */
  g_array_append_val (pages, only);
  paged = scholia_store_add_document (fixture->store, "A River Grown Tired", "Adaeze Okafor", "1978", NULL,
                                      test_pdf_essay, pages, &error);
  g_assert_no_error (error);
  test_pdf_annotate (fixture, paged, test_pdf_essay, "the dues rose", fixture->evidence, fixture->silt, NULL);
  link_reference (fixture);

  g_assert_true (scholia_pdf_export_handout (fixture->store, fixture->silt, NULL, fixture->output, NULL, NULL,
                                             NULL, &error));
  g_assert_no_error (error);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  text = poppler_page_get_text (page);
  flat = test_pdf_without_whitespace (text);

  g_assert_nonnull (strstr (flat, "—Marwick,TheSiltedStaple,¶2."));
  g_assert_nonnull (strstr (flat, "—Marwick,TheSiltedStaple,¶4."));
  g_assert_nonnull (strstr (flat, "—Okafor,“ARiverGrownTired,”118."));
  g_assert_null (strstr (flat, "(1956)"));
  /* The short note's book title is in italics, the rest of it roman. */
  g_assert_true (is_italic (page, text, "Silted Staple,"));
  g_assert_false (is_italic (page, text, "Marwick, "));

  sources = strstr (flat, "Sources");
  g_assert_nonnull (sources);
  g_assert_nonnull (strstr (sources, "Marwick,Helena.TheSiltedStaple:KessmouthandItsRiver.Bergen:TidewaterPress,1956."));
  g_assert_nonnull (strstr (sources, "Okafor,Adaeze.“ARiverGrownTired.”1978."));
  g_assert_true (strstr (sources, "Marwick,Helena") < strstr (sources, "Okafor,Adaeze"));

  g_object_unref (page);
  g_object_unref (pdf);
}

/* A handout of essays without keys keeps Scholia's own citations and no source list. */
static void
test_handout_without_keys (TestPdfFixture *fixture,
                           gconstpointer   data)
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
  g_assert_nonnull (strstr (text, "Marwick, The Silted Staple (1956), ¶ 2"));
  g_assert_null (strstr (text, "Sources"));
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

  ADD ("/citation-exports/markdown/document", test_markdown_document);
  ADD ("/citation-exports/markdown/key-without-reference", test_markdown_key_without_reference);
  ADD ("/citation-exports/markdown/theme", test_markdown_theme);
  ADD ("/citation-exports/handout/chicago", test_handout);
  ADD ("/citation-exports/handout/without-keys", test_handout_without_keys);

  return g_test_run ();
}
