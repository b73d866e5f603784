/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pdf-words.h"
#include "test-files.h"
#include "test-pdf.h"

/* The annotated PDF of a right-to-left essay, read back with poppler: what is laid out once
 * for the page (running head, title block, key) mirrored as its lines are, and a passage's
 * mark clear of the text where the passage ends in a run set the other way than its line
 * (an English name in an Arabic sentence, a Hebrew name in an English one). The essays are
 * invented for these tests. */

static const char arabic_opening[] =
  "رسا في الميناء مركب اسمه Blue Heron قبل الفجر بساعة، وكان بحارته متعبين من الرحلة الطويلة.\n"
  "\n";
static const char arabic_paragraph[] =
  "دوّن كاتب الميناء أسماء البحارة واحدا واحدا، ثم أحصى أكياس الملح وصناديق الشاي، "
  "وسأل الربان عن الطريق الذي سلكه بين الجزر، فأجابه بأن الرياح دفعتهم شمالا ثلاثة أيام.\n"
  "\n";
static const char english_text[] =
  "The Harbour Ledger\n"
  "\n"
  "Its keeper copied שער הים הישן above the first page and said nothing more about it, as if "
  "every reader of the port knew those words by heart.\n";

typedef struct
{
  TestPdfFixture   pdf;
  char            *arabic_text;
  ScholiaDocument *arabic;       /* the store's */
  ScholiaDocument *english;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) arabic = g_string_new ("سجل الميناء القديم\n\n");

  test_pdf_fixture_set_up (&fixture->pdf, data);
  g_string_append (arabic, arabic_opening);
  /* Three pages, so that the second has a running head. */
  for (int i = 0; i < 24; i++)
    g_string_append (arabic, arabic_paragraph);
  fixture->arabic_text = g_string_free (g_steal_pointer (&arabic), FALSE);
  fixture->arabic = pdf_words_add_essay (&fixture->pdf, "سجل الميناء القديم", "سلمى القاضي", fixture->arabic_text);
  fixture->english = pdf_words_add_essay (&fixture->pdf, "The Harbour Ledger", "Iris Fenwick", english_text);
  test_pdf_annotate (&fixture->pdf, fixture->arabic, fixture->arabic_text, "مركب اسمه Blue Heron",
                     fixture->pdf.evidence, NULL, "Its English name");
  test_pdf_annotate (&fixture->pdf, fixture->english, english_text, "שער הים הישן",
                     fixture->pdf.evidence, NULL, "The gate of the old sea");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->arabic_text);
  test_pdf_fixture_tear_down (&fixture->pdf, data);
}

static void
get_mirrored_geometry (int             page,
                       ScholiaPdfRect *column)
{
  ScholiaPdfOptions options;

  scholia_pdf_options_init (&options);
  options.right_to_left = TRUE;
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, page, column, NULL);
}

static const PdfWord *
find_word (const GArray *words,
           const char   *text)
{
  for (guint i = 0; i < words->len; i++)
    if (strcmp (g_array_index (words, PdfWord, i).text, text) == 0)
      return &g_array_index (words, PdfWord, i);
  g_error ("no word “%s” on the page", text);
}

/* The running head of the second page has the author on the right, where the lines start, and
 * the title on the left; on the first, the export's line (“Exported …”, left to right) and the
 * key's tag name are set flush right, the key's room for its swatch on the right. */
static void
test_page_furniture_mirrored (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = pdf_words_export_essay (&fixture->pdf, fixture->arabic, "arabic.pdf");
  g_autoptr(GArray) words = pdf_words_read (path);
  PopplerDocument *pdf = test_pdf_open (path);
  g_autoptr(GArray) second_words = NULL;
  ScholiaPdfRect column, right_half, left_half;
  g_autofree char *right = NULL;
  g_autofree char *left = NULL;
  const PdfWord *exported, *tag;

  g_assert_cmpint (poppler_document_get_n_pages (pdf), >=, 2);
  get_mirrored_geometry (0, &column);
  exported = find_word (words, "Exported");
  g_assert_cmpfloat (exported->x1, >, column.x + column.width / 2);
  /* The key's line ends its swatch's room in from the right: “evidence — … in support”. */
  tag = find_word (words, "support");
  g_assert_cmpfloat (fabs (tag->x2 - (column.x + column.width - 30)), <, 1.5);

  get_mirrored_geometry (1, &column);
  right_half = (ScholiaPdfRect) { column.x + column.width / 2, column.y - 50, column.width / 2 + 1, 35 };
  left_half = (ScholiaPdfRect) { column.x - 1, column.y - 50, column.width / 2, 35 };
  second_words = pdf_words_read_page (path, 1);
  right = pdf_words_in_rect (second_words, &right_half);
  left = pdf_words_in_rect (second_words, &left_half);
  g_assert_true (pdf_words_same_letters (right, "سلمى القاضي"));
  g_assert_true (pdf_words_same_letters (left, "سجل الميناء القديم"));

  g_object_unref (pdf);
}

/* A mark's ink in @area meets no word of the page (in a right-to-left line, no letter). */
static void
assert_mark_clear (PopplerPage            *page,
                   const GArray           *words,
                   const PopplerRectangle *area)
{
  PopplerRectangle ink = { 0 };

  if (!test_pdf_find_mark_ink (page, area, &ink))
    g_error ("no mark in %.2f,%.2f–%.2f,%.2f", area->x1, area->y1, area->x2, area->y2);
  g_assert_cmpfloat (ink.x2 - ink.x1, >, 1);
  for (guint i = 0; i < words->len; i++)
    {
      const PdfWord *word = &g_array_index (words, PdfWord, i);

      if (word->x1 < ink.x2 && word->x2 > ink.x1 && word->y1 < ink.y2 && word->y2 > ink.y1)
        g_error ("the mark at %.2f,%.2f–%.2f,%.2f overlaps “%s” at %.2f,%.2f–%.2f,%.2f",
                 ink.x1, ink.y1, ink.x2, ink.y2, word->text, word->x1, word->y1, word->x2, word->y2);
    }
}

/* The first word right of @word on its line (in a right-to-left line, a letter). */
static const PdfWord *
word_right_of (const GArray  *words,
               const PdfWord *word)
{
  const PdfWord *nearest = NULL;

  for (guint i = 0; i < words->len; i++)
    {
      const PdfWord *other = &g_array_index (words, PdfWord, i);

      if (other->x1 >= word->x2 - 0.5 && other->y1 < word->y2 && other->y2 > word->y1 &&
          (nearest == NULL || other->x1 < nearest->x1))
        nearest = other;
    }
  g_assert_nonnull (nearest);
  return nearest;
}

/* A passage ending in the English name inside an Arabic line, its Arabic words right of the
 * name: its mark stands right of the name's last word, before the Arabic words, clear of both
 * (it followed the name into the space between them, and overlapped the Arabic word). */
static void
test_mark_after_english_name (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = pdf_words_export_essay (&fixture->pdf, fixture->arabic, "arabic.pdf");
  g_autoptr(GArray) words = pdf_words_read (path);
  PopplerDocument *pdf = test_pdf_open (path);
  PopplerPage *page = poppler_document_get_page (pdf, 0);
  g_autoptr(GArray) quads = pdf_words_find_highlight (page, words, "مركب اسمه Blue Heron");
  const PdfWord *heron = find_word (words, "Heron");
  const PdfWord *next = word_right_of (words, heron);
  PopplerRectangle area;

  g_assert_nonnull (quads);
  /* Above the baseline, between the name and the Arabic letter right of it. */
  area = (PopplerRectangle) { heron->x2, heron->y1, next->x1 + 0.5,
                              heron->y2 - 0.3 * SCHOLIA_PDF_DEFAULT_FONT_SIZE };
  g_assert_cmpfloat (area.x2 - area.x1, >, 4);
  assert_mark_clear (page, words, &area);

  g_object_unref (page);
  g_object_unref (pdf);
}

/* The mirror case: a passage ending in a Hebrew name inside an English line has its mark left
 * of the name's last word, which is the name's left end, clear of the English word before. */
static void
test_mark_after_hebrew_name (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = pdf_words_export_essay (&fixture->pdf, fixture->english, "english.pdf");
  g_autoptr(GArray) words = pdf_words_read (path);
  PopplerDocument *pdf = test_pdf_open (path);
  PopplerPage *page = poppler_document_get_page (pdf, 0);
  g_autoptr(GArray) quads = pdf_words_find_highlight (page, words, "שער הים הישן");
  const PdfWord *copied = find_word (words, "copied");
  PopplerQuadrilateral *name;
  PopplerRectangle area;

  g_assert_nonnull (quads);
  g_assert_cmpuint (quads->len, ==, 1);
  name = &g_array_index (quads, PopplerQuadrilateral, 0);
  area = (PopplerRectangle) { copied->x2, copied->y1, MIN (name->p1.x, name->p3.x) + 0.5,
                              copied->y2 - 0.3 * SCHOLIA_PDF_DEFAULT_FONT_SIZE };
  g_assert_cmpfloat (area.x2 - area.x1, >, 4);
  assert_mark_clear (page, words, &area);

  g_object_unref (page);
  g_object_unref (pdf);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rtl-pdf/page-furniture", test_page_furniture_mirrored);
  ADD ("/rtl-pdf/mark-after-english-name", test_mark_after_english_name);
  ADD ("/rtl-pdf/mark-after-hebrew-name", test_mark_after_hebrew_name);
#undef ADD

  return g_test_run ();
}
