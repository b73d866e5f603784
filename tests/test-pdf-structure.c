/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "scholia-pdf-handout.h"
#include "test-pdf.h"

/* What a viewer's side panels and a screen reader see: a tagged, clean file with bookmarks to
 * the passages, the library's metadata, side-by-side columns that extract one after the other
 * and running heads that read as written. */

/* pdfinfo finds a structure tree; qpdf finds nothing to repair or warn about. */
static void
assert_tagged_and_clean (const char *path)
{
  const char *pdfinfo[] = { "pdfinfo", path, NULL };
  const char *qpdf[] = { "qpdf", "--check", path, NULL };
  g_autofree char *info = test_pdf_run_tool (pdfinfo, 0);
  g_autofree char *check = test_pdf_run_tool (qpdf, 0);

  g_assert_nonnull (strstr (info, "\nTagged:          yes\n"));
  g_assert_null (strstr (check, "WARNING"));
  g_assert_nonnull (strstr (check, "No syntax or stream encoding errors"));
}

/* How many structure elements of @role the tagged PDF at @path holds, read in qpdf's plain,
 * uncompressed form. */
static guint
count_elements (const char *path,
                const char *role)
{
  g_autofree char *plain = g_strconcat (path, ".qdf", NULL);
  const char *qpdf[] = { "qpdf", "--qdf", "--object-streams=disable", path, plain, NULL };
  g_autofree char *out = test_pdf_run_tool (qpdf, 0);
  g_autofree char *contents = NULL;
  g_autofree char *needle = g_strdup_printf ("/S /%s\n  /Type /StructElem", role);
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_assert_true (g_file_get_contents (plain, &contents, NULL, &error));
  g_assert_no_error (error);
  for (const char *p = strstr (contents, needle); p != NULL; p = strstr (p + 1, needle))
    count++;
  g_unlink (plain);
  return count;
}

/* The essay's paragraphs @times over: a text of several pages. */
static char *
long_essay (int times)
{
  GString *text = g_string_new ("The Harbour at Kessmouth\n\n");
  const char *body = strchr (test_pdf_essay, '\n') + 1;

  for (int i = 0; i < times; i++)
    g_string_append (text, body);
  return g_string_free (text, FALSE);
}

static void
test_tagged (TestPdfFixture *fixture,
             gconstpointer   data)
{
  test_pdf_export (fixture, NULL);
  assert_tagged_and_clean (fixture->output);
  /* The title, the essay's four paragraphs and the title block's, and a note in the margin for
   * each of its three annotations. */
  g_assert_cmpuint (count_elements (fixture->output, "Document"), ==, 1);
  g_assert_cmpuint (count_elements (fixture->output, "H1"), ==, 1);
  g_assert_cmpuint (count_elements (fixture->output, "P"), >=, 4);
  g_assert_cmpuint (count_elements (fixture->output, "Note"), ==, 3);
}

/* The essay twice over by William Anderson, under a title too long for the running head. */
static void
export_long (TestPdfFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = long_essay (12);
  ScholiaDocument *document;

  document = scholia_store_add_document (fixture->store,
                                         "Silt, Ledgers and the Slow Abandonment of a Northern Staple Port",
                                         "William Anderson", "1961", NULL, text, NULL, &error);
  g_assert_no_error (error);
  test_pdf_annotate (fixture, document, text, "the merchants of Kessmouth did not at first believe it",
                     fixture->thesis, fixture->silt, "Disbelief?");
  test_pdf_annotate (fixture, document, text, "the dues rose", fixture->evidence, NULL, NULL);
  g_assert_true (scholia_pdf_export_document (fixture->store, document, NULL, fixture->output, NULL, NULL,
                                              NULL, &error));
  g_assert_no_error (error);
}

static void
export_side_by_side (TestPdfFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  ScholiaPdfOptions options;
  ScholiaDocument *other;

  scholia_pdf_options_init (&options);
  options.filter = filter;
  other = test_pdf_add_second_author (fixture, filter);
  test_pdf_annotate (fixture, other, test_pdf_essay, "Historians have long read this delay as complacency",
                     fixture->evidence, fixture->silt, NULL);
  test_pdf_annotate (fixture, other, test_pdf_essay, "What one can say is that the dues rose, the ships grew larger",
                     fixture->thesis, fixture->silt, "Three clauses, one cause.");
  g_assert_true (scholia_pdf_export_handout (fixture->store, fixture->silt, &options, fixture->output, NULL,
                                             NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_handout_tagged (TestPdfFixture *fixture,
                     gconstpointer   data)
{
  export_side_by_side (fixture);
  assert_tagged_and_clean (fixture->output);
  /* The theme's heading, a section per author, headed by the name, and the four passages. */
  g_assert_cmpuint (count_elements (fixture->output, "H1"), ==, 1);
  g_assert_cmpuint (count_elements (fixture->output, "Sect"), ==, 2);
  g_assert_cmpuint (count_elements (fixture->output, "H2"), ==, 2);
  g_assert_cmpuint (count_elements (fixture->output, "BlockQuote"), ==, 4);
}

/* Each column of the side-by-side handout reads whole, the left one first: as pdftotext
 * extracts it and as poppler gives it to a viewer's copy and search. */
static void
assert_columns_whole (const char *text)
{
  const char *left[] = { "Helena Marwick", "Kessmouth", "Disbelief", "eleven of the forty", "What survives", NULL };
  const char *right[] = { "Adaeze Okafor", "Historians", "complacency", "the dues", "Three clauses", NULL };
  const char *previous = text;

  for (guint i = 0; left[i] != NULL; i++)
    {
      const char *found = strstr (text, left[i]);

      g_assert_nonnull (found);
      g_assert_true (found >= previous);
      previous = found;
    }
  for (guint i = 0; right[i] != NULL; i++)
    {
      const char *found = strstr (text, right[i]);

      g_assert_nonnull (found);
      g_assert_true (found > previous);
      previous = found;
    }
}

static void
test_handout_columns (TestPdfFixture *fixture,
                      gconstpointer   data)
{
  const char *pdftotext[] = { "pdftotext", "-l", "1", fixture->output, "-", NULL };
  g_autofree char *extracted = NULL;
  g_autofree char *page_text = NULL;
  PopplerDocument *pdf;
  PopplerPage *page;

  export_side_by_side (fixture);
  extracted = test_pdf_run_tool (pdftotext, 0);
  assert_columns_whole (extracted);

  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  page_text = poppler_page_get_text (page);
  assert_columns_whole (page_text);
  g_object_unref (page);
  g_object_unref (pdf);
}

/* The text drawn in @page's running head, above its text column. */
static char *
running_head (PopplerDocument *pdf,
              int              index)
{
  PopplerPage *page = poppler_document_get_page (pdf, index);
  ScholiaPdfRect text, head;
  ScholiaPdfOptions options;
  char *found;

  scholia_pdf_options_init (&options);
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, index, &text, NULL);
  head = (ScholiaPdfRect) { text.x - 2, text.y - 40, text.width + 4, 30 };
  found = test_pdf_text_in (page, &head);
  g_object_unref (page);
  return found;
}

/* The author's name in small capitals extracts as written; the title, too long for half the
 * head, loses whole words, an ellipsis in their place. */
static void
test_running_head (TestPdfFixture *fixture,
                   gconstpointer   data)
{
  const char *title = "Silt, Ledgers and the Slow Abandonment of a Northern Staple Port";
  PopplerDocument *pdf;
  g_autofree char *head = NULL;
  g_autofree char *shown = NULL;
  const char *ellipsis;

  export_long (fixture);
  pdf = test_pdf_open (fixture->output);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >, 1);
  head = running_head (pdf, 1);
  g_assert_nonnull (strstr (head, "William Anderson"));

  ellipsis = strstr (head, "…");
  g_assert_nonnull (ellipsis);
  shown = g_strndup (strstr (head, "Silt"), ellipsis - strstr (head, "Silt"));
  g_assert_cmpuint (strlen (shown), >, 4);
  g_assert_true (g_str_has_prefix (title, shown));
  /* The cut falls between words: the title goes on with a space or a punctuation mark. */
  g_assert_true (title[strlen (shown)] == ' ' || title[strlen (shown)] == ',');
  g_assert_true (g_ascii_isalpha (shown[strlen (shown) - 1]));
  g_object_unref (pdf);
}

static PopplerDest *
bookmark_dest (PopplerDocument *pdf,
               PopplerAction   *action)
{
  g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
  g_assert_nonnull (action->goto_dest.dest);
  return action->goto_dest.dest;
}

/* The bookmarks under @iter, their titles with "/" between levels and the children's in
 * brackets: "Silt[the merchants…]". */
static void
append_outline (PopplerIndexIter *iter,
                GString          *out)
{
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child = poppler_index_iter_get_child (iter);

      g_string_append_printf (out, "%s%s", out->len > 0 && out->str[out->len - 1] != '[' ? "|" : "",
                              action->any.title);
      if (child != NULL)
        {
          g_string_append_c (out, '[');
          append_outline (child, out);
          g_string_append_c (out, ']');
          poppler_index_iter_free (child);
        }
      poppler_action_free (action);
    }
  while (poppler_index_iter_next (iter));
}

/* A passage's bookmark leads to its page, its top at the passage's first line. */
static void
assert_leads_to (PopplerDocument *pdf,
                 PopplerAction   *action,
                 const char      *words)
{
  PopplerDest *dest = bookmark_dest (pdf, action);
  PopplerPage *page = poppler_document_get_page (pdf, dest->page_num - 1);
  GList *found = poppler_page_find_text (page, words);
  double nearest = G_MAXDOUBLE;

  g_assert_nonnull (found);
  g_assert_true (dest->change_top);
  /* Both in PDF coordinates, from the page's foot. */
  for (GList *l = found; l != NULL; l = l->next)
    nearest = MIN (nearest, fabs (((PopplerRectangle *) l->data)->y2 - dest->top));
  g_assert_cmpfloat (nearest, <, 6);
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  g_object_unref (page);
}

static void
test_outline (TestPdfFixture *fixture,
              gconstpointer   data)
{
  PopplerDocument *pdf;
  PopplerIndexIter *iter, *child;
  PopplerAction *action;
  g_autoptr(GString) outline = g_string_new (NULL);

  export_long (fixture);
  pdf = test_pdf_open (fixture->output);
  iter = poppler_index_iter_new (pdf);
  g_assert_nonnull (iter);
  append_outline (iter, outline);
  poppler_index_iter_free (iter);
  g_assert_cmpstr (outline->str, ==,
                   "Silt, Ledgers and the Slow Abandonment of a Northern Staple Port"
                   "|Silt[the merchants of Kessmouth did not at first…]"
                   "|Unthemed[evidence[the dues rose]]");

  /* The title leads to the first page; each passage to its first line. */
  iter = poppler_index_iter_new (pdf);
  action = poppler_index_iter_get_action (iter);
  g_assert_cmpint (bookmark_dest (pdf, action)->page_num, ==, 1);
  poppler_action_free (action);
  g_assert_true (poppler_index_iter_next (iter));
  child = poppler_index_iter_get_child (iter);
  action = poppler_index_iter_get_action (child);
  assert_leads_to (pdf, action, "the merchants");
  poppler_action_free (action);
  poppler_index_iter_free (child);
  g_assert_true (poppler_index_iter_next (iter));
  child = poppler_index_iter_get_child (iter);
  {
    PopplerIndexIter *passages = poppler_index_iter_get_child (child);

    action = poppler_index_iter_get_action (passages);
    assert_leads_to (pdf, action, "the dues rose");
    poppler_action_free (action);
    poppler_index_iter_free (passages);
  }
  poppler_index_iter_free (child);
  poppler_index_iter_free (iter);
  g_object_unref (pdf);
}

/* Notes the margin cannot hold go to the endnotes: a bookmark leads to them. */
static void
test_outline_notes (TestPdfFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  ScholiaDocument *document;
  PopplerDocument *pdf;
  PopplerIndexIter *iter;
  PopplerPage *page;
  g_autofree char *page_text = NULL;
  int notes_page = 0;

  /* Thirty sentences, each with a note of several lines: more than one margin holds. */
  for (int i = 0; i < 30; i++)
    g_ptr_array_add (sentences, g_strdup_printf ("Sentence %d of this paragraph carries a remark.", i + 1));
  g_ptr_array_add (sentences, NULL);
  body = g_strjoinv (" ", (char **) sentences->pdata);
  text = g_strconcat ("Crowded\n\n", body, "\n", NULL);
  document = scholia_store_add_document (fixture->store, "Crowded", "Ann Other", "2001", NULL, text, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i + 1 < sentences->len; i++)
    test_pdf_annotate (fixture, document, text, g_ptr_array_index (sentences, i), fixture->evidence, NULL,
                       "A remark long enough to take three or four lines of the margin beside it.");
  g_assert_true (scholia_pdf_export_document (fixture->store, document, NULL, fixture->output, NULL, NULL,
                                              NULL, &error));
  g_assert_no_error (error);

  pdf = test_pdf_open (fixture->output);
  iter = poppler_index_iter_new (pdf);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);

      if (g_str_equal (action->any.title, "Notes"))
        notes_page = bookmark_dest (pdf, action)->page_num;
      poppler_action_free (action);
    }
  while (poppler_index_iter_next (iter));
  poppler_index_iter_free (iter);

  /* The endnotes follow the text on its last page. */
  g_assert_cmpint (notes_page, >=, 1);
  page = poppler_document_get_page (pdf, notes_page - 1);
  page_text = poppler_page_get_text (page);
  g_assert_true (g_str_has_prefix (page_text, "Notes") || strstr (page_text, "\nNotes\n") != NULL);
  g_object_unref (page);
  g_object_unref (pdf);
}

/* The document info holds the library's record: its dates, not the export's, and the tags and
 * themes as keywords. */
static void
test_metadata (TestPdfFixture *fixture,
               gconstpointer   data)
{
  PopplerDocument *pdf;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *creator = NULL;

  /* 3 March 2021 and 5 May 2022, as the library could have recorded them. */
  scholia_document_set_created (fixture->document, 1614780000);
  scholia_document_set_modified (fixture->document, 1651750000);
  test_pdf_export (fixture, NULL);

  pdf = test_pdf_open (fixture->output);
  created = poppler_document_get_creation_date_time (pdf);
  modified = poppler_document_get_modification_date_time (pdf);
  g_assert_nonnull (created);
  g_assert_nonnull (modified);
  g_assert_cmpint (g_date_time_to_unix (created), ==, 1614780000);
  g_assert_cmpint (g_date_time_to_unix (modified), ==, 1651750000);
  keywords = poppler_document_get_keywords (pdf);
  g_assert_cmpstr (keywords, ==, "thesis, evidence, source-reference, Silt");
  title = poppler_document_get_title (pdf);
  author = poppler_document_get_author (pdf);
  subject = poppler_document_get_subject (pdf);
  creator = poppler_document_get_creator (pdf);
  g_assert_cmpstr (title, ==, "The Silted Staple");
  g_assert_cmpstr (author, ==, "Helena Marwick");
  g_assert_cmpstr (subject, ==, "Journal of Maritime History 12");
  g_assert_cmpstr (creator, ==, "Scholia");
  g_object_unref (pdf);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, TestPdfFixture, NULL, test_pdf_fixture_set_up, func, test_pdf_fixture_tear_down)
  ADD ("/pdf-structure/document/tagged-and-clean", test_tagged);
  ADD ("/pdf-structure/handout/tagged-and-clean", test_handout_tagged);
  ADD ("/pdf-structure/handout/columns-extract-whole", test_handout_columns);
  ADD ("/pdf-structure/document/running-head-as-written", test_running_head);
  ADD ("/pdf-structure/document/bookmarks-by-theme", test_outline);
  ADD ("/pdf-structure/document/bookmark-to-notes", test_outline_notes);
  ADD ("/pdf-structure/document/library-metadata", test_metadata);
#undef ADD

  return g_test_run ();
}
