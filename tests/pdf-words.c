/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pdf-words.h"
#include "test-pdf.h"

static int
compare_unichars (gconstpointer a,
                  gconstpointer b)
{
  gunichar left = *(const gunichar *) a;
  gunichar right = *(const gunichar *) b;

  return (left > right) - (left < right);
}

/* The letters of @text, NFKC-normalized and sorted: what lies under a highlight, whatever the
 * order a reader of a right-to-left line takes them in and whether it reads an Arabic letter
 * back in its shaped (presentation) form. White space and the direction controls poppler adds
 * around each right-to-left run are left out. */
static GArray *
sorted_letters (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  GArray *letters = g_array_new (FALSE, FALSE, sizeof (gunichar));

  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && g_unichar_type (c) != G_UNICODE_FORMAT)
        g_array_append_val (letters, c);
    }
  g_array_sort (letters, compare_unichars);
  return letters;
}

static void
word_clear (PdfWord *word)
{
  g_free (word->text);
}

GArray *
pdf_words_read (const char *path)
{
  return pdf_words_read_page (path, 0);
}

GArray *
pdf_words_read_page (const char *path,
                     int         page)
{
  g_autofree char *number = g_strdup_printf ("%d", page + 1);
  const char *pdftotext[] = { "pdftotext", "-bbox", "-f", number, "-l", number, path, "-", NULL };
  g_autofree char *html = test_pdf_run_tool (pdftotext, 0);
  GArray *words = g_array_new (FALSE, FALSE, sizeof (PdfWord));
  const char *p = html;

  g_array_set_clear_func (words, (GDestroyNotify) word_clear);
  while ((p = strstr (p, "<word xMin=\"")) != NULL)
    {
      PdfWord word;
      const char *start, *end;
      g_autofree char *escaped = NULL;

      g_assert_cmpint (sscanf (p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">",
                               &word.x1, &word.y1, &word.x2, &word.y2), ==, 4);
      start = strchr (p, '>') + 1;
      end = strstr (start, "</word>");
      escaped = g_strndup (start, end - start);
      /* Only these five: pdftotext escapes nothing else. */
      {
        g_auto(GStrv) amp = g_strsplit (escaped, "&amp;", -1);
        g_autofree char *joined = g_strjoinv ("&", amp);
        g_auto(GStrv) lt = g_strsplit (joined, "&lt;", -1);
        g_autofree char *less = g_strjoinv ("<", lt);
        g_auto(GStrv) gt = g_strsplit (less, "&gt;", -1);

        word.text = g_strjoinv (">", gt);
      }
      g_array_append_val (words, word);
      p = end;
    }
  return words;
}

/* The words whose centres lie between @x1 and @x2, @y1 and @y2, joined. */
static void
append_words_in (GString      *out,
                 const GArray *words,
                 double        x1,
                 double        y1,
                 double        x2,
                 double        y2)
{
  for (guint i = 0; i < words->len; i++)
    {
      const PdfWord *word = &g_array_index (words, PdfWord, i);
      double x = (word->x1 + word->x2) / 2;
      double y = (word->y1 + word->y2) / 2;

      if (x > x1 && x < x2 && y > y1 && y < y2)
        g_string_append (out, word->text);
    }
}

GArray *
pdf_words_find_highlight (PopplerPage  *page,
                          const GArray *words,
                          const char   *quote)
{
  GList *highlights = test_pdf_highlights_on (page);
  g_autoptr(GArray) expected = sorted_letters (quote);
  GArray *found = NULL;
  double height;

  poppler_page_get_size (page, NULL, &height);
  for (GList *l = highlights; l != NULL && found == NULL; l = l->next)
    {
      g_autoptr(GArray) quads = poppler_annot_text_markup_get_quadrilaterals (l->data);
      g_autoptr(GString) under = g_string_new (NULL);
      g_autoptr(GArray) letters = NULL;

      for (guint q = 0; q < quads->len; q++)
        {
          PopplerQuadrilateral *quad = &g_array_index (quads, PopplerQuadrilateral, q);

          append_words_in (under, words, MIN (quad->p1.x, quad->p3.x), height - MAX (quad->p1.y, quad->p2.y),
                           MAX (quad->p2.x, quad->p4.x), height - MIN (quad->p3.y, quad->p4.y));
        }
      letters = sorted_letters (under->str);
      if (letters->len == expected->len &&
          memcmp (letters->data, expected->data, letters->len * sizeof (gunichar)) == 0)
        found = g_steal_pointer (&quads);
    }
  g_list_free_full (highlights, g_object_unref);
  return found;
}

char *
pdf_words_in_rect (const GArray         *words,
                   const ScholiaPdfRect *rect)
{
  GString *out = g_string_new (NULL);

  append_words_in (out, words, rect->x, rect->y, rect->x + rect->width, rect->y + rect->height);
  return g_string_free (out, FALSE);
}

gboolean
pdf_words_same_letters (const char *text,
                        const char *expected)
{
  g_autoptr(GArray) letters = sorted_letters (text);
  g_autoptr(GArray) wanted = sorted_letters (expected);

  return letters->len == wanted->len &&
         memcmp (letters->data, wanted->data, letters->len * sizeof (gunichar)) == 0;
}

ScholiaDocument *
pdf_words_add_essay (TestPdfFixture *fixture,
                     const char     *title,
                     const char     *author,
                     const char     *text)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_add_document (fixture->store, title, author, "2024", NULL,
                                                          text, NULL, &error);

  g_assert_no_error (error);
  return document;
}

char *
pdf_words_export_essay (TestPdfFixture  *fixture,
                        ScholiaDocument *document,
                        const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (fixture->output);
  char *path = g_build_filename (folder, name, NULL);
  const char *pdfinfo[] = { "pdfinfo", path, NULL };
  const char *qpdf[] = { "qpdf", "--check", path, NULL };
  g_autofree char *info = NULL;
  g_autofree char *check = NULL;

  g_assert_true (scholia_pdf_export_document (fixture->store, document, NULL, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  info = test_pdf_run_tool (pdfinfo, 0);
  check = test_pdf_run_tool (qpdf, 0);
  g_assert_nonnull (strstr (info, "\nTagged:          yes\n"));
  g_assert_null (strstr (check, "WARNING"));
  return path;
}
