/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "test-pdf.h"

/* The annotated document's side notes, read back with poppler: marks clear of the text, notes
 * beside their passages, stubs and endnotes, and the links between them. The export names its
 * link targets "scholia-<what>-<span>": mark, note, passage, endnote. */

#define LINE_PITCH 1.362  /* Noto Serif's line height, of its size */

typedef struct
{
  int    page;    /* 0-based */
  char  *dest;
  double x1, y1, x2, y2;  /* from the page's top-left corner */
} Link;

static void
link_clear (Link *link)
{
  g_free (link->dest);
}

static GArray *
collect_links (PopplerDocument *pdf)
{
  GArray *links = g_array_new (FALSE, FALSE, sizeof (Link));

  g_array_set_clear_func (links, (GDestroyNotify) link_clear);
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      GList *mappings = poppler_page_get_link_mapping (page);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      for (GList *l = mappings; l != NULL; l = l->next)
        {
          PopplerLinkMapping *mapping = l->data;
          Link link;

          if (mapping->action->type != POPPLER_ACTION_GOTO_DEST ||
              mapping->action->goto_dest.dest->type != POPPLER_DEST_NAMED)
            continue;
          /* Link areas count from the page's bottom. */
          link = (Link) { i, g_strdup (mapping->action->goto_dest.dest->named_dest),
                          mapping->area.x1, height - mapping->area.y2, mapping->area.x2, height - mapping->area.y1 };
          g_array_append_val (links, link);
        }
      poppler_page_free_link_mapping (mappings);
      g_object_unref (page);
    }
  return links;
}

typedef struct
{
  int    page;  /* 0-based */
  double x;
  double y;     /* from the page's top */
} Target;

static gboolean
find_target (PopplerDocument *pdf,
             const char      *name,
             Target          *target)
{
  PopplerDest *dest = poppler_document_find_dest (pdf, name);
  PopplerPage *page;
  double width, height;

  if (dest == NULL)
    return FALSE;
  g_assert_cmpint (dest->type, ==, POPPLER_DEST_XYZ);
  page = poppler_document_get_page (pdf, dest->page_num - 1);
  g_assert_nonnull (page);
  poppler_page_get_size (page, &width, &height);
  *target = (Target) { dest->page_num - 1, dest->left, height - dest->top };
  g_object_unref (page);
  poppler_dest_free (dest);
  return TRUE;
}

typedef struct
{
  char             *text;
  PopplerRectangle *boxes;  /* one per character of text */
  guint             n_boxes;
} PageText;

static void
page_text_load (PopplerPage *page,
                PageText    *page_text)
{
  page_text->text = poppler_page_get_text (page);
  g_assert_true (poppler_page_get_text_layout (page, &page_text->boxes, &page_text->n_boxes));
}

static void
page_text_clear (PageText *page_text)
{
  g_free (page_text->text);
  g_free (page_text->boxes);
}

/* The box of the first (or, with @last, the last) character of the @nth occurrence of @needle
 * whose box lies between @x1 and @x2. */
static gboolean
find_text (const PageText   *page_text,
           const char       *needle,
           guint             nth,
           gboolean          last,
           double            x1,
           double            x2,
           PopplerRectangle *box)
{
  const char *found = page_text->text;

  while ((found = strstr (found, needle)) != NULL)
    {
      glong index = g_utf8_pointer_to_offset (page_text->text, found);

      if (last)
        index += g_utf8_strlen (needle, -1) - 1;
      g_assert_cmpint (index, <, page_text->n_boxes);
      if (page_text->boxes[index].x1 >= x1 && page_text->boxes[index].x2 <= x2 && nth-- == 0)
        {
          *box = page_text->boxes[index];
          return TRUE;
        }
      found++;
    }
  return FALSE;
}

/* Every passage ending in one of @ends (each names the text up to a mark) has a mark drawn
 * after it, above the baseline, that meets the box of no glyph of the text. Returns the number
 * of marks. */
static guint
check_marks_clear (PopplerDocument         *pdf,
                   const ScholiaPdfOptions *options,
                   const char * const      *ends)
{
  guint n_marks = 0;

  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, p);
      PageText page_text;
      ScholiaPdfRect text;

      scholia_pdf_page_get_geometry (options, SCHOLIA_PDF_LAYOUT_ANNOTATED, p, &text, NULL);
      page_text_load (page, &page_text);
      for (guint e = 0; ends[e] != NULL; e++)
        {
          PopplerRectangle end;

          for (guint nth = 0; find_text (&page_text, ends[e], nth, TRUE, text.x - 1, text.x + text.width + 1, &end); nth++)
            {
              /* Above the baseline, where underlines are not. */
              PopplerRectangle area = { end.x2, end.y1, end.x2 + options->font_size, end.y2 - 0.3 * options->font_size };
              PopplerRectangle ink = { 0 };
              const char *c = page_text.text;

              if (!test_pdf_find_mark_ink (page, &area, &ink))
                g_error ("page %d: no mark after “%s”", p + 1, ends[e]);
              n_marks++;
              g_assert_cmpfloat (ink.x2 - ink.x1, >, 1);
              g_assert_cmpfloat (ink.x2 - ink.x1, <, options->font_size * 0.6);
              for (guint b = 0; b < page_text.n_boxes && *c != '\0'; b++, c = g_utf8_next_char (c))
                {
                  PopplerRectangle *box = &page_text.boxes[b];

                  if (g_unichar_isspace (g_utf8_get_char (c)))
                    continue;
                  if (box->x1 < ink.x2 && box->x2 > ink.x1 && box->y1 < ink.y2 && box->y2 > ink.y1)
                    g_error ("page %d: the mark at %.2f,%.2f–%.2f,%.2f overlaps “%.4s” at %.2f,%.2f–%.2f,%.2f",
                             p + 1, ink.x1, ink.y1, ink.x2, ink.y2, c, box->x1, box->y1, box->x2, box->y2);
                }
            }
        }
      page_text_clear (&page_text);
      g_object_unref (page);
    }
  return n_marks;
}

/* Each note (found by its text in @notes) whose text is in the margin has its first line within
 * three lines of its passage's (found by its text in @passages); a note not in the margin is in
 * the endnotes, and a stub in the margin. Returns the number of notes in the margin. */
static guint
check_notes_near (PopplerDocument         *pdf,
                  const ScholiaPdfOptions *options,
                  GPtrArray               *passages,
                  GPtrArray               *notes,
                  guint                   *n_stubs)
{
  guint in_margin = 0;
  /* Tops compared: a note's first baseline is level with its passage's, and its smaller type
   * starts lower. */
  double limit = 3 * LINE_PITCH * options->font_size + 0.4 * options->font_size;
  g_autofree char *margins = test_pdf_column_text (pdf, options, TRUE);
  g_autofree char *columns = test_pdf_column_text (pdf, options, FALSE);
  g_autofree char *flat_columns = test_pdf_without_whitespace (columns);
  const char *endnotes = strstr (flat_columns, "NOTES") != NULL ? strstr (flat_columns, "NOTES") : strstr (flat_columns, "Notes");

  *n_stubs = 0;
  for (guint i = 0; i < notes->len; i++)
    {
      const char *passage_text = g_ptr_array_index (passages, i);
      const char *note_text = g_ptr_array_index (notes, i);
      gboolean found = FALSE;

      for (int p = 0; p < poppler_document_get_n_pages (pdf) && !found; p++)
        {
          PopplerPage *page = poppler_document_get_page (pdf, p);
          PageText page_text;
          ScholiaPdfRect text, margin;
          PopplerRectangle passage, note;

          scholia_pdf_page_get_geometry (options, SCHOLIA_PDF_LAYOUT_ANNOTATED, p, &text, &margin);
          page_text_load (page, &page_text);
          if (find_text (&page_text, note_text, 0, FALSE, margin.x - 1, margin.x + margin.width + 1, &note))
            {
              found = TRUE;
              g_assert_true (find_text (&page_text, passage_text, 0, FALSE, text.x - 1, text.x + text.width + 1, &passage));
              if (fabs (note.y1 - passage.y1) > limit)
                g_error ("note %u stands %.1f points from its passage (at most %.1f)", i, note.y1 - passage.y1, limit);
            }
          page_text_clear (&page_text);
          g_object_unref (page);
        }
      if (found)
        in_margin++;
      else
        {
          g_autofree char *flat_note = test_pdf_without_whitespace (note_text);

          g_assert_nonnull (endnotes);
          g_assert_nonnull (strstr (endnotes, flat_note));
          g_assert_nonnull (strstr (margins, "→ n"));
          (*n_stubs)++;
        }
    }
  return in_margin;
}

/* Every link leads to a target in the file. */
static void
check_links_resolve (PopplerDocument *pdf)
{
  g_autoptr(GArray) links = collect_links (pdf);

  g_assert_cmpuint (links->len, >, 0);
  for (guint l = 0; l < links->len; l++)
    {
      Target target;

      if (!find_target (pdf, g_array_index (links, Link, l).dest, &target))
        g_error ("the link to %s leads nowhere", g_array_index (links, Link, l).dest);
    }
}

static void
test_marks_clear_of_text (TestPdfFixture *fixture,
                          gconstpointer   data)
{
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  PopplerPage *page;
  g_autofree char *text = NULL;

  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  g_assert_cmpuint (check_marks_clear (pdf, &options, (const char *[]) { "believe it.", "bank”.", "forty years;", NULL }), ==, 3);

  /* Copied, the passages' ends keep their words and punctuation as they were. */
  page = poppler_document_get_page (pdf, 0);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "believe it. Their"));
  g_assert_nonnull (strstr (text, "bank”.\n"));
  g_assert_nonnull (strstr (text, "forty years; the"));

  g_object_unref (page);
  g_object_unref (pdf);
}

/* Thirteen notes on neighbouring lines and one of 376 words: every note left in the margin
 * stands within three lines of its passage, the rest leave stubs, at 9 and at 16 points. */
static void
test_dense_notes_stay_near (TestPdfFixture *fixture,
                            gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("Moorings\n\n");
  g_autoptr(GString) long_note = g_string_new (NULL);
  g_autoptr(GPtrArray) passages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  ScholiaDocument *document;
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  g_autofree char *all_text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *margins = NULL;
  guint n_stubs, in_margin;

  for (int i = 0; i < 4; i++)
    g_string_append (text, "The harbour board met on the first Monday of each month, and its clerk wrote down "
                           "every fee, every complaint and every vote in a hand that grew smaller each year. ");
  g_string_append_c (text, '\n');
  for (int i = 0; i < 13; i++)
    g_string_append_printf (text, "Berth %02d paid its dues in barley, not coin. ", i + 1);
  g_string_append_c (text, '\n');
  for (int i = 0; i < 6; i++)
    g_string_append (text, "Nobody on the quay kept the older rolls, and the newer ones say little about who "
                           "owned the lighters that carried grain from the ships to the warehouses. ");
  g_string_append (text, "The lighters were the real trade of the town.\n");
  document = scholia_store_add_document (fixture->store, "Moorings", "Ivo Danek", "2003", NULL, text->str, NULL, &error);
  g_assert_no_error (error);

  for (int i = 0; i < 13; i++)
    {
      g_autofree char *quote = g_strdup_printf ("Berth %02d paid its dues in barley", i + 1);
      g_autofree char *note = g_strdup_printf ("Remark%02d: why barley rather than coin at this berth.", i + 1);

      test_pdf_annotate (fixture, document, text->str, quote, i % 2 ? fixture->thesis : fixture->evidence, NULL, note);
    }
  for (int i = 0; i < 376; i++)
    g_string_append_printf (long_note, "%s%s", i == 0 ? "LongRemark" : " ", (const char *[]) { "grain", "tolls", "the", "quay", "rose", "while", "barges", "waited" }[i % 8]);
  test_pdf_annotate (fixture, document, text->str, "The lighters were the real trade of the town", fixture->source,
                     NULL, long_note->str);

  scholia_pdf_options_init (&options);
  options.font_size = GPOINTER_TO_INT (data);
  g_assert_true (scholia_pdf_export_document (fixture->store, document, &options, fixture->output, NULL, NULL,
                                              NULL, &error));
  g_assert_no_error (error);

  pdf = test_pdf_open (fixture->output);
  g_assert_cmpuint (check_marks_clear (pdf, &options, (const char *[]) { "barley,", "town.", NULL }), ==, 14);
  for (int i = 0; i < 13; i++)
    {
      g_ptr_array_add (passages, g_strdup_printf ("Berth %02d paid", i + 1));
      g_ptr_array_add (notes, g_strdup_printf ("Remark%02d", i + 1));
    }
  in_margin = check_notes_near (pdf, &options, passages, notes, &n_stubs);
  g_assert_cmpuint (in_margin + n_stubs, ==, 13);
  /* Some stand in the margin (all at 16 points, where lines are farther apart); the long note
   * goes to the endnotes. */
  g_assert_cmpuint (in_margin, >=, 3);
  check_links_resolve (pdf);

  /* Each note is printed once, in the margin or the endnotes, and the long one in the endnotes. */
  all_text = test_pdf_column_text (pdf, &options, FALSE);
  flat = test_pdf_without_whitespace (all_text);
  g_assert_nonnull (strstr (flat, "LongRemarkgraintollsthequay"));
  margins = test_pdf_column_text (pdf, &options, TRUE);
  g_assert_nonnull (strstr (margins, "→ n"));
  g_assert_null (strstr (margins, "LongRemark"));
  g_assert_nonnull (strstr (flat, ",“Thelighterswerethereal…”source-reference—LongRemark"));
  g_object_unref (pdf);
}

/* Notes on the text's first lines move up beside the title block when those below them need the
 * room. */
static void
test_notes_move_up (TestPdfFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("Tolls\n\n");
  g_autoptr(GPtrArray) passages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  ScholiaDocument *document;
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  gboolean moved_up = FALSE;
  PopplerPage *page;
  PageText page_text;
  guint n_stubs;

  for (int i = 0; i < 4; i++)
    g_string_append_printf (text, "Toll %d was raised again. ", i + 1);
  g_string_append (text, "After that the ledgers fall silent for a decade, and the silence is itself a kind of record.\n");
  document = scholia_store_add_document (fixture->store, "Tolls", "Mara Ostlund", "1999", NULL, text->str, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *quote = g_strdup_printf ("Toll %d was raised", i + 1);

      g_autofree char *note = g_strdup_printf ("After wet winter %d.", i + 1);

      test_pdf_annotate (fixture, document, text->str, quote, fixture->thesis, NULL, note);
    }

  scholia_pdf_options_init (&options);
  g_assert_true (scholia_pdf_export_document (fixture->store, document, &options, fixture->output, NULL, NULL,
                                              NULL, &error));
  g_assert_no_error (error);
  pdf = test_pdf_open (fixture->output);
  for (int i = 0; i < 4; i++)
    {
      g_ptr_array_add (passages, g_strdup_printf ("Toll %d was", i + 1));
      g_ptr_array_add (notes, g_strdup_printf ("winter %d.", i + 1));
    }
  g_assert_cmpuint (check_notes_near (pdf, &options, passages, notes, &n_stubs), ==, 4);
  g_assert_cmpuint (n_stubs, ==, 0);
  page = poppler_document_get_page (pdf, 0);
  page_text_load (page, &page_text);
  for (guint i = 0; i < 4; i++)
    {
      PopplerRectangle note, passage;

      g_assert_true (find_text (&page_text, g_ptr_array_index (notes, i), 0, FALSE, 0, 1000, &note));
      g_assert_true (find_text (&page_text, g_ptr_array_index (passages, i), 0, FALSE, 0, 1000, &passage));
      g_assert_cmpfloat (note.y1, >=, 72 - 1);
      moved_up |= note.y1 < passage.y1 - options.font_size;
    }
  page_text_clear (&page_text);
  g_object_unref (page);
  g_assert_true (moved_up);
  g_object_unref (pdf);
}

/* A note too long for the margin leaves a stub naming its letter and page; its endnote follows
 * the text on the same page, under "Notes" and "Page 1", naming the page and the passage's
 * opening words; mark, stub and endnote link to each other. */
static void
test_overflow_stub_and_endnote (TestPdfFixture *fixture,
                                gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  ScholiaPdfOptions options;
  ScholiaPdfRect text, margin;
  PopplerDocument *pdf;
  PopplerPage *page;
  g_autofree char *margin_text = NULL;
  g_autofree char *body_text = NULL;
  g_autofree char *flat_margin = NULL;
  g_autofree char *flat_body = NULL;
  g_autoptr(GArray) links = NULL;
  const char *notes;
  Target endnote, mark;
  gboolean stub_links = FALSE, mark_links = FALSE, endnote_links = FALSE;
  int opening = test_pdf_offset_of (test_pdf_essay, "When the river began");

  for (int i = 0; i < 200; i++)
    g_string_append (note, i == 0 ? "Overlong" : " tide");
  annotation = scholia_store_add_annotation (fixture->store, fixture->document, opening, opening + 60,
                                             &fixture->evidence, 1, NULL, 0, note->str, &error);
  g_assert_no_error (error);

  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  page = poppler_document_get_page (pdf, 0);
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, 0, &text, &margin);
  margin_text = test_pdf_text_in (page, &margin);
  body_text = test_pdf_text_in (page, &text);
  flat_margin = test_pdf_without_whitespace (margin_text);
  flat_body = test_pdf_without_whitespace (body_text);

  /* The passage starting the text gets letter a; its note, the first endnote, is on page 1. */
  g_assert_nonnull (strstr (flat_margin, "→n.a,p.1"));
  g_assert_null (strstr (flat_margin, "Overlong"));
  notes = strstr (flat_body, "NOTES");
  if (notes == NULL)
    notes = strstr (flat_body, "Notes");
  g_assert_nonnull (notes);
  g_assert_nonnull (strstr (notes, "Page1ap.1,“Whentheriverbeganto…”evidence—Overlongtide"));
  g_assert_null (strstr (notes, "1."));

  g_assert_true (find_target (pdf, "scholia-endnote-0", &endnote));
  g_assert_true (find_target (pdf, "scholia-mark-0", &mark));
  g_assert_cmpint (endnote.page, ==, 0);
  g_assert_cmpfloat (endnote.y, >, mark.y);
  links = collect_links (pdf);
  for (guint l = 0; l < links->len; l++)
    {
      Link *link = &g_array_index (links, Link, l);

      if (strcmp (link->dest, "scholia-endnote-0") == 0 && link->x1 >= margin.x - 1)
        stub_links = TRUE;
      else if (strcmp (link->dest, "scholia-endnote-0") == 0)
        mark_links = TRUE;
      else if (strcmp (link->dest, "scholia-mark-0") == 0)
        endnote_links = fabs (link->y1 - endnote.y) < 1;
    }
  g_assert_true (stub_links);
  g_assert_true (mark_links);
  g_assert_true (endnote_links);
  check_links_resolve (pdf);
  g_assert_cmpuint (check_marks_clear (pdf, &options, (const char *[]) { "merchants of", "believe it.", "bank”.", "forty years;", NULL }), ==, 4);

  g_object_unref (page);
  g_object_unref (pdf);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) g_test_add (path, TestPdfFixture, data, test_pdf_fixture_set_up, func, test_pdf_fixture_tear_down)
  ADD ("/pdf-notes/marks/clear-of-the-text", test_marks_clear_of_text, NULL);
  ADD ("/pdf-notes/margin/dense-notes-stay-near/9pt", test_dense_notes_stay_near, GINT_TO_POINTER (9));
  ADD ("/pdf-notes/margin/dense-notes-stay-near/16pt", test_dense_notes_stay_near, GINT_TO_POINTER (16));
  ADD ("/pdf-notes/margin/notes-move-up", test_notes_move_up, NULL);
  ADD ("/pdf-notes/endnotes/stub-and-endnote-on-the-same-page", test_overflow_stub_and_endnote, NULL);
#undef ADD

  return g_test_run ();
}
