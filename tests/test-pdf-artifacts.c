/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "scholia-pdf-handout.h"
#include "scholia-pdf-layout.h"
#include "scholia-pdf-qpdf.h"
#include "scholia-pdf-structure.h"
#include "test-pdf.h"

/* What a screen reader and an accessibility checker find in the tagged PDF: running heads,
 * folios and other drawing outside the structure marked as artifacts, so that they are in no
 * structure element, the text wholly in its elements, and a paragraph a page break splits one
 * element; and what a reader sees and copies unchanged by the marking. */

/* poppler-glib 22.12 declares no cleanup for these. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerStructureElement, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerStructureElementIter, poppler_structure_element_iter_free)

static const char *paragraphs[] = {
  "Oksana Wrey came to the salt archive at Velmar late in a wet autumn, expecting a week of "
  "tidy ledgers; she found instead forty crates of loose receipts, tied in bundles by a clerk "
  "who had sorted them, as far as anyone could tell, by the colour of the ink. ",
  "The receipts record the weight of every cart that crossed the weighbridge below the "
  "boiling houses, and with them, in a second hand, the name of the carter, the parish he came "
  "from and, more often than one would expect, a remark about the weather on the road. ",
  "Read together, the remarks make a calendar of their own: a hard frost closes the upland "
  "road for eleven days in one winter, a spate carries away the ford in another, and in a dry "
  "summer the carters complain of dust that spoils the salt before it is sold. ",
};

/* Each paragraph @repeat times over, so that each fills most of a page. */
static char *
make_paragraph (guint index,
                int   repeat)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < repeat; i++)
    g_string_append (text, paragraphs[index]);
  g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

static char *
make_essay (void)
{
  GString *text = g_string_new ("Salt Roads of the Velmar Upland\n\n");

  for (int round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (paragraphs); i++)
      {
        g_autofree char *paragraph = make_paragraph (i, 8 + round);

        g_string_append_printf (text, "%s\n\n", paragraph);
      }
  return g_string_free (text, FALSE);
}

typedef struct
{
  GPtrArray *texts;   /* each marked sequence's text, with its page, "3:…" */
  GPtrArray *notes;   /* each Note's text, its pieces' included */
  GPtrArray *whole;   /* each P's text with its children's, without white space; poppler reads
                       * only the first line of each marked sequence, up to cairo's /ActualText
                       * span for the space the line break took */
} Structure;

static void
structure_clear (Structure *structure)
{
  g_ptr_array_unref (structure->texts);
  g_ptr_array_unref (structure->notes);
  g_ptr_array_unref (structure->whole);
}

static void
collect_elements (PopplerStructureElementIter *iter,
                  Structure                   *structure)
{
  do
    {
      g_autoptr(PopplerStructureElement) element = poppler_structure_element_iter_get_element (iter);
      g_autoptr(PopplerStructureElementIter) child = poppler_structure_element_iter_get_child (iter);
      g_autofree char *own = poppler_structure_element_get_text (element, POPPLER_STRUCTURE_GET_TEXT_NONE);

      if (own != NULL && *own != '\0')
        g_ptr_array_add (structure->texts,
                         g_strdup_printf ("%d:%s", poppler_structure_element_get_page (element), own));
      if (poppler_structure_element_get_kind (element) == POPPLER_STRUCTURE_ELEMENT_NOTE)
        g_ptr_array_add (structure->notes,
                         poppler_structure_element_get_text (element, POPPLER_STRUCTURE_GET_TEXT_RECURSIVE));
      if (poppler_structure_element_get_kind (element) == POPPLER_STRUCTURE_ELEMENT_PARAGRAPH)
        {
          g_autofree char *text = poppler_structure_element_get_text (element,
                                                                      POPPLER_STRUCTURE_GET_TEXT_RECURSIVE);

          g_ptr_array_add (structure->whole, test_pdf_without_whitespace (text != NULL ? text : ""));
        }
      if (child != NULL)
        collect_elements (child, structure);
    }
  while (poppler_structure_element_iter_next (iter));
}

static void
read_structure (PopplerDocument *pdf,
                Structure       *structure)
{
  g_autoptr(PopplerStructureElementIter) iter = poppler_structure_element_iter_new (pdf);

  g_assert_nonnull (iter);
  structure->texts = g_ptr_array_new_with_free_func (g_free);
  structure->notes = g_ptr_array_new_with_free_func (g_free);
  structure->whole = g_ptr_array_new_with_free_func (g_free);
  collect_elements (iter, structure);
}

/* How many P elements begin as @paragraph does, white space aside. */
static guint
count_openings (Structure  *structure,
                const char *paragraph)
{
  g_autofree char *wanted = test_pdf_without_whitespace (paragraph);
  guint count = 0;

  wanted[40] = '\0';
  for (guint i = 0; i < structure->whole->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (structure->whole, i), wanted))
      count++;
  return count;
}

/* Nothing on any page is drawn outside a tagged or artifact sequence: marking the pages again
 * changes none. */
static void
assert_all_marked (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_auto(qpdf_data) qpdf = qpdf_init ();
  int n_pages;

  qpdf_silence_errors (qpdf);
  qpdf_read (qpdf, path, NULL);
  g_assert_true (scholia_pdf_qpdf_check (qpdf, &error));
  g_assert_no_error (error);
  n_pages = qpdf_get_num_pages (qpdf);
  g_assert_cmpint (n_pages, >, 0);
  for (int p = 0; p < n_pages; p++)
    {
      unsigned char *content = NULL;
      size_t length = 0;
      g_autoptr(GBytes) marked = NULL;
      g_autoptr(GBytes) original = NULL;

      g_assert_cmpint (qpdf_oh_get_page_content_data (qpdf, qpdf_get_page_n (qpdf, p), &content, &length), ==,
                       QPDF_SUCCESS);
      original = g_bytes_new_with_free_func (content, length, free, content);
      g_assert_nonnull (g_strstr_len ((const char *) content, length, "/Artifact BMC"));
      marked = scholia_pdf_mark_artifacts ((const char *) content, length, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (marked, original));
    }
}

/* Each page's content is in the file once: the content the marking replaced is not left in it
 * unused, which would make the file half as large again. */
static void
assert_content_written_once (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_auto(qpdf_data) qpdf = qpdf_init ();
  g_autofree char *file = NULL;
  gsize length;
  int n_pages;

  g_assert_true (g_file_get_contents (path, &file, &length, &error));
  qpdf_silence_errors (qpdf);
  qpdf_read (qpdf, path, NULL);
  g_assert_true (scholia_pdf_qpdf_check (qpdf, &error));
  n_pages = qpdf_get_num_pages (qpdf);
  for (int p = 0; p < n_pages; p++)
    {
      qpdf_oh content = qpdf_oh_get_key (qpdf, qpdf_get_page_n (qpdf, p), "/Contents");
      g_autofree char *opening = g_strdup_printf ("\n%d 0 obj", qpdf_oh_get_object_id (qpdf, content));
      guint count = 0;

      gsize n = strlen (opening);

      /* The streams hold zeros: not a string search. */
      for (const char *at = file; (at = memchr (at, '\n', file + length - at)) != NULL; at++)
        if ((gsize) (file + length - at) >= n && memcmp (at, opening, n) == 0)
          count++;
      g_assert_cmpuint (count, ==, 1);
    }
}

static char *
run_qpdf_check (const char *path)
{
  const char *argv[] = { "qpdf", "--check", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_heads_and_folios_are_artifacts (TestPdfFixture *fixture,
                                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *essay = make_essay ();
  g_autofree char *check = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  ScholiaDocument *document;
  Structure structure;
  int n_pages;

  document = scholia_store_add_document (fixture->store, "Salt Roads of the Velmar Upland", "Ilse Marrow", "1974",
                                         NULL, essay, NULL, &error);
  g_assert_no_error (error);
  /* Set ragged, as in a language without a hyphenation dictionary: the paragraphs begin alike
   * each time, poppler reading elements' text only up to a soft hyphen's /ActualText span. */
  scholia_document_set_language (document, "cy");
  test_pdf_annotate (fixture, document, essay, "a hard frost closes the upland road", fixture->evidence, NULL,
                     "The frost of 1838?");
  g_assert_true (scholia_pdf_export_document (fixture->store, document, NULL, fixture->output, NULL, NULL, NULL,
                                              &error));
  g_assert_no_error (error);

  check = run_qpdf_check (fixture->output);
  g_assert_nonnull (strstr (check, "No syntax or stream encoding errors"));
  g_assert_null (strstr (check, "WARNING"));

  assert_all_marked (fixture->output);
  assert_content_written_once (fixture->output);
  pdf = test_pdf_open (fixture->output);
  n_pages = poppler_document_get_n_pages (pdf);
  g_assert_cmpint (n_pages, >=, 4);
  read_structure (pdf, &structure);

  /* From the second page on: the running head (the author) and the folio are on the page, and
   * in none of its structure elements. */
  for (int p = 1; p < n_pages; p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, p);
      g_autofree char *page_text = poppler_page_get_text (page);
      g_autofree char *prefix = g_strdup_printf ("%d:", p);
      g_autofree char *folio = g_strdup_printf ("%d", p + 1);
      guint on_page = 0;

      g_assert_nonnull (strstr (page_text, "Ilse Marrow"));
      g_assert_nonnull (strstr (page_text, folio));
      for (guint i = 0; i < structure.texts->len; i++)
        {
          const char *text = g_ptr_array_index (structure.texts, i);
          g_autofree char *own = NULL;

          if (!g_str_has_prefix (text, prefix))
            continue;
          on_page++;
          own = g_strstrip (g_strdup (text + strlen (prefix)));
          g_assert_null (strstr (own, "Ilse Marrow"));
          g_assert_cmpstr (own, !=, folio);
        }
      g_assert_cmpuint (on_page, >, 0);
    }

  /* Each paragraph is one P, though most run over a page break: the title block's and one for
   * each of the six. */
  g_assert_cmpuint (structure.whole->len, ==, 1 + 2 * G_N_ELEMENTS (paragraphs));
  for (guint i = 0; i < G_N_ELEMENTS (paragraphs); i++)
    g_assert_cmpuint (count_openings (&structure, paragraphs[i]), ==, 2);
  structure_clear (&structure);
}

/* A ScholiaPdfAppendFunc keeping a copy of the file as cairo wrote it (@user_data: its path). */
static gboolean
keep_original (ScholiaPdfUpdate  *update,
               gpointer           user_data,
               GError           **error)
{
  gsize length;
  const char *original = scholia_pdf_update_get_original (update, &length);

  return g_file_set_contents (user_data, original, length, error);
}

/* The writer alone: a running head, folios, a rule outside the structure, and one paragraph over
 * three pages; returns the path of the file as cairo wrote it. */
static char *
write_pages (TestPdfFixture *fixture,
             char          **paragraph)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = g_build_filename (fixture->dir, "before.pdf", NULL);
  ScholiaPdfOptions options;
  ScholiaPdfWriter *writer;
  ScholiaPdfFlow flow = { 0 };
  ScholiaPdfRect text;
  PangoLayout *layout;
  guint next = 0;

  scholia_pdf_options_init (&options);
  writer = scholia_pdf_writer_new (fixture->output, &options, SCHOLIA_PDF_LAYOUT_ANNOTATED, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  scholia_pdf_writer_set_running_head (writer, "Ilse Marrow", "Salt Roads");
  scholia_pdf_writer_get_geometry (writer, &text, NULL);
  scholia_pdf_flow_init (&flow, 0, text.y, text.y + text.height);
  *paragraph = make_paragraph (1, 34);
  layout = scholia_pdf_writer_create_layout (writer, text.width, scholia_pdf_writer_get_font_size (writer),
                                             PANGO_STYLE_NORMAL, PANGO_WEIGHT_NORMAL);
  pango_layout_set_text (layout, *paragraph, -1);
  scholia_pdf_flow_add (&flow, layout, 0, 0, 0);
  g_assert_cmpint (scholia_pdf_flow_last_page (&flow), ==, 2);

  for (int page = 0; next < flow.lines->len; page++)
    {
      cairo_t *cr = scholia_pdf_writer_get_cairo (writer);

      next = scholia_pdf_flow_draw_page (&flow, next, page, cr, text.x, NULL, NULL);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, text.x, text.y + text.height + 4);
      cairo_line_to (cr, text.x + text.width / 3, text.y + text.height + 4);
      cairo_stroke (cr);
      g_assert_true (scholia_pdf_writer_show_page (writer, 0.5, &error));
      g_assert_no_error (error);
    }
  scholia_pdf_flow_clear (&flow);

  g_assert_true (scholia_pdf_writer_close (writer, &error));
  g_assert_true (scholia_pdf_writer_append (writer, keep_original, before, &error));
  g_assert_true (scholia_pdf_writer_commit (writer, &error));
  g_assert_no_error (error);
  scholia_pdf_writer_free (writer);
  return g_steal_pointer (&before);
}

static void
test_marking_changes_nothing_seen (TestPdfFixture *fixture,
                                   gconstpointer   data)
{
  g_autofree char *paragraph = NULL;
  g_autofree char *before_path = write_pages (fixture, &paragraph);
  g_autofree char *check = run_qpdf_check (fixture->output);
  g_autoptr(PopplerDocument) before = test_pdf_open (before_path);
  g_autoptr(PopplerDocument) after = test_pdf_open (fixture->output);
  g_autofree char *pieces = NULL;
  Structure structure;

  g_assert_nonnull (strstr (check, "No syntax or stream encoding errors"));
  assert_all_marked (fixture->output);
  g_assert_cmpint (poppler_document_get_n_pages (after), ==, 3);
  g_assert_cmpint (poppler_document_get_n_pages (before), ==, 3);
  for (int p = 0; p < 3; p++)
    {
      g_autoptr(PopplerPage) old_page = poppler_document_get_page (before, p);
      g_autoptr(PopplerPage) new_page = poppler_document_get_page (after, p);
      g_autofree char *old_text = poppler_page_get_text (old_page);
      g_autofree char *new_text = poppler_page_get_text (new_page);
      cairo_surface_t *old_render = test_pdf_render_page (old_page, 50.0 / 72, FALSE);
      cairo_surface_t *new_render = test_pdf_render_page (new_page, 50.0 / 72, FALSE);
      int height = cairo_image_surface_get_height (old_render);

      g_assert_cmpstr (new_text, ==, old_text);
      g_assert_cmpint (cairo_image_surface_get_width (new_render), ==, cairo_image_surface_get_width (old_render));
      g_assert_cmpint (cairo_image_surface_get_height (new_render), ==, height);
      g_assert_cmpint (cairo_image_surface_get_stride (new_render), ==, cairo_image_surface_get_stride (old_render));
      g_assert_true (memcmp (cairo_image_surface_get_data (new_render), cairo_image_surface_get_data (old_render),
                             (gsize) cairo_image_surface_get_stride (old_render) * height) == 0);
      cairo_surface_destroy (old_render);
      cairo_surface_destroy (new_render);
    }

  /* cairo wrote three P elements, one a page; the finished file has one, holding the three
   * pieces' text in their order. */
  read_structure (before, &structure);
  g_assert_cmpuint (structure.whole->len, ==, 3);
  pieces = g_strconcat (g_ptr_array_index (structure.whole, 0), g_ptr_array_index (structure.whole, 1),
                        g_ptr_array_index (structure.whole, 2), NULL);
  structure_clear (&structure);
  read_structure (after, &structure);
  g_assert_cmpuint (structure.whole->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (structure.whole, 0), ==, pieces);
  g_assert_cmpuint (count_openings (&structure, paragraph), ==, 1);
  for (guint i = 0; i < structure.texts->len; i++)
    g_assert_null (strstr (g_ptr_array_index (structure.texts, i), "Ilse Marrow"));
  structure_clear (&structure);
}

/* How many Note elements' text holds @word. */
static guint
count_holding (Structure  *structure,
               const char *word)
{
  guint count = 0;

  for (guint i = 0; i < structure->notes->len; i++)
    if (strstr (g_ptr_array_index (structure->notes, i), word) != NULL)
      count++;
  return count;
}

/* Side by side, each column's note runs over the page break, the left column's first: each
 * note's pieces join the note they continue, not the other column's. */
static void
test_handout_columns_join_their_own (TestPdfFixture *fixture,
                                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  g_autoptr(GString) left = g_string_new (NULL);
  g_autoptr(GString) right = g_string_new (NULL);
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *check = NULL;
  ScholiaPdfOptions options;
  ScholiaDocument *other;
  Structure structure;

  for (int i = 0; i < 60; i++)
    g_string_append (left, "The cold came and the carts stood still. ");
  /* Longer: the right column has one passage above its note, the left two. */
  for (int i = 0; i < 75; i++)
    g_string_append (right, "Yet the dry ford let the salt go by. ");
  scholia_pdf_options_init (&options);
  options.filter = filter;
  other = test_pdf_add_second_author (fixture, filter);
  test_pdf_annotate (fixture, fixture->document, test_pdf_essay, "Historians have long read this delay as complacency",
                     fixture->evidence, fixture->silt, left->str);
  test_pdf_annotate (fixture, other, test_pdf_essay, "Historians have long read this delay as complacency",
                     fixture->evidence, fixture->silt, right->str);
  g_assert_true (scholia_pdf_export_handout (fixture->store, fixture->silt, &options, fixture->output, NULL,
                                             NULL, NULL, &error));
  g_assert_no_error (error);

  check = run_qpdf_check (fixture->output);
  g_assert_nonnull (strstr (check, "No syntax or stream encoding errors"));
  g_assert_null (strstr (check, "WARNING"));
  assert_all_marked (fixture->output);
  assert_content_written_once (fixture->output);
  pdf = test_pdf_open (fixture->output);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >=, 2);
  read_structure (pdf, &structure);
  g_assert_cmpuint (count_holding (&structure, "cold"), ==, 1);
  g_assert_cmpuint (count_holding (&structure, "dry"), ==, 1);
  for (guint i = 0; i < structure.notes->len; i++)
    {
      const char *text = g_ptr_array_index (structure.notes, i);

      g_assert_false (strstr (text, "cold") != NULL && strstr (text, "dry") != NULL);
    }
  structure_clear (&structure);
}

static char *
mark (const char *content)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) marked = scholia_pdf_mark_artifacts (content, strlen (content), &error);
  gsize length;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (marked, &length);
  return g_strndup (data, length);
}

/* Only what is outside tagged and artifact sequences is wrapped, whole operators at a time,
 * never twice (cairo ≥ 1.17.6 marks some artifacts itself) and never around tagged content. */
static void
test_marks_only_untagged_runs (void)
{
  g_autofree char *untagged = mark ("q /P <</MCID 0>> BDC BT (a) Tj ET EMC 0 0 m 9 9 l S Q");
  g_autofree char *already = mark ("/Artifact BMC 0 0 m 9 9 l S EMC /P <</MCID 0>> BDC BT (a) Tj ET EMC");
  g_autofree char *spans = mark ("BT /Span <</ActualText (fi)>> BDC (a) Tj EMC ET /P <</MCID 0>> BDC EMC");
  g_autofree char *inside_text = mark ("BT /P <</MCID 0>> BDC (a) Tj EMC ET");
  g_autofree char *state_only = mark ("q 1 0 0 1 5 5 cm /P <</MCID 0>> BDC EMC Q");

  g_assert_cmpstr (untagged, ==, "q /P <</MCID 0>> BDC BT (a) Tj ET EMC\n/Artifact BMC\n 0 0 m 9 9 l S Q\nEMC\n");
  g_assert_cmpstr (already, ==, "/Artifact BMC 0 0 m 9 9 l S EMC /P <</MCID 0>> BDC BT (a) Tj ET EMC");
  g_assert_cmpstr (spans, ==,
                   "\n/Artifact BMC\nBT /Span <</ActualText (fi)>> BDC (a) Tj EMC ET\nEMC\n /P <</MCID 0>> BDC EMC");
  g_assert_cmpstr (inside_text, ==, "BT /P <</MCID 0>> BDC (a) Tj EMC ET");
  g_assert_cmpstr (state_only, ==, "q 1 0 0 1 5 5 cm /P <</MCID 0>> BDC EMC Q");
}

/* Words in strings, comments and an inline image's data are not operators. */
static void
test_reads_whole_tokens (void)
{
  g_autofree char *marked = mark ("q (EMC \\) BDC) Tj % BDC EMC\n<454D43> Tj BI /W 1 /H 1 ID EMC\n EI "
                                  "0 0 m 9 9 l S Q /P <</MCID 0>> BDC EMC");

  g_assert_cmpstr (marked, ==, "\n/Artifact BMC\nq (EMC \\) BDC) Tj % BDC EMC\n<454D43> Tj BI /W 1 /H 1 ID EMC\n EI "
                               "0 0 m 9 9 l S Q\nEMC\n /P <</MCID 0>> BDC EMC");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pdf/artifacts/marks-only-untagged-runs", test_marks_only_untagged_runs);
  g_test_add_func ("/pdf/artifacts/reads-whole-tokens", test_reads_whole_tokens);
  g_test_add ("/pdf/artifacts/heads-and-folios-in-no-element", TestPdfFixture, NULL, test_pdf_fixture_set_up,
              test_heads_and_folios_are_artifacts, test_pdf_fixture_tear_down);
  g_test_add ("/pdf/artifacts/marking-changes-nothing-seen", TestPdfFixture, NULL, test_pdf_fixture_set_up,
              test_marking_changes_nothing_seen, test_pdf_fixture_tear_down);
  g_test_add ("/pdf/artifacts/handout-columns-join-their-own", TestPdfFixture, NULL, test_pdf_fixture_set_up,
              test_handout_columns_join_their_own, test_pdf_fixture_tear_down);
  return g_test_run ();
}
