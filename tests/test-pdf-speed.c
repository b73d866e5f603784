/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-pdf.h"

/* The native highlights are added to the file cairo wrote as an incremental update, written as
 * PDF syntax by Scholia rather than by qpdf (scholia-pdf-update.c): what a reader's viewer reads
 * back must be what the annotations say, and the page's own links must stay beside them. */

#define BRACKETS "Ledger (vol. 2) \\ folio (3): a ) lone bracket"
#define CYRILLIC "Ср. «журнал» — и 1858 г."

/* Whether a highlight's contents end with @note. */
static gboolean
has_contents_ending (GList      *highlights,
                     const char *note)
{
  for (GList *l = highlights; l != NULL; l = l->next)
    {
      g_autofree char *contents = poppler_annot_get_contents (l->data);

      if (contents != NULL && g_str_has_suffix (contents, note))
        return TRUE;
    }
  return FALSE;
}

static void
test_text_strings (TestPdfFixture *fixture,
                   gconstpointer   data)
{
  PopplerDocument *pdf;
  PopplerPage *page;
  GList *highlights;

  test_pdf_annotate (fixture, fixture->document, test_pdf_essay, "Customs returns survive", fixture->evidence,
                     NULL, BRACKETS);
  test_pdf_annotate (fixture, fixture->document, test_pdf_essay, "the dues rose", fixture->thesis, NULL,
                     CYRILLIC);
  test_pdf_export (fixture, NULL);

  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  highlights = test_pdf_highlights_on (page);
  g_assert_cmpint (g_list_length (highlights), ==, 5);
  /* Brackets, unbalanced ones too, and backslashes escaped; other scripts in UTF-16. */
  g_assert_true (has_contents_ending (highlights, BRACKETS));
  g_assert_true (has_contents_ending (highlights, CYRILLIC));

  g_list_free_full (highlights, g_object_unref);
  g_object_unref (page);
  g_object_unref (pdf);
}

/* A page that holds links (a note too long for the margin: its mark, stub and endnote link to
 * each other) gets its highlights as well, the links kept. */
static void
test_links_kept (TestPdfFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(GString) note = g_string_new ("Overlong");
  PopplerDocument *pdf;
  PopplerPage *page;
  GList *highlights;
  GList *links;

  for (int i = 0; i < 600; i++)
    g_string_append (note, " ebb");
  test_pdf_annotate (fixture, fixture->document, test_pdf_essay, "What one can say", fixture->source, NULL,
                     note->str);
  test_pdf_export (fixture, NULL);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  highlights = test_pdf_highlights_on (page);
  links = poppler_page_get_link_mapping (page);
  g_assert_cmpint (g_list_length (highlights), ==, 4);
  g_assert_cmpint (g_list_length (links), >=, 3);

  poppler_page_free_link_mapping (links);
  g_list_free_full (highlights, g_object_unref);
  g_object_unref (page);
  g_object_unref (pdf);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestPdfFixture, NULL, test_pdf_fixture_set_up, func, test_pdf_fixture_tear_down)
  ADD ("/pdf-speed/text-strings", test_text_strings);
  ADD ("/pdf-speed/links-kept", test_links_kept);
#undef ADD

  return g_test_run ();
}
