/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "scholia-citation.h"
#include "scholia-types.h"

/* Issue 12: "Copy passage with citation" (Ctrl+Shift+C) pastes the quote with author, title,
 * date and page or paragraph, as a historian's footnote would. */

static const char essay[] =
  "Lenin warned against Stalin in his testament.\n"
  "The warning was suppressed.\n"
  "\n"
  "  \n"
  "Trotsky called it a betrayal of the revolution.\n"
  "\n"
  "Anderson doubts that Stalin betrayed Lenin’s legacy at all.\n";

static ScholiaDocument *
document_new (const char *author,
              const char *date)
{
  ScholiaDocument *document = scholia_document_new (1, "d6a8b0de-0000-4000-8000-000000000001");

  scholia_document_set_title (document, "Did Stalin betray Lenin's legacy?");
  scholia_document_set_author (document, author);
  scholia_document_set_author_sort_key (document, NULL);
  scholia_document_set_date (document, date);
  return document;
}

static char *
cite (ScholiaDocument *document,
      GArray          *pages,
      const char      *quote)
{
  const char *found = strstr (essay, quote);
  int start;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (essay, found);
  return scholia_citation_format (document, essay, pages, start, start + g_utf8_strlen (quote, -1));
}

static void
test_paragraph (void)
{
  g_autoptr(ScholiaDocument) document = document_new ("Perry Anderson", "1998");
  g_autofree char *first = cite (document, NULL, "Lenin warned");
  g_autofree char *same = cite (document, NULL, "The warning was suppressed.");
  g_autofree char *third = cite (document, NULL, "Stalin betrayed Lenin’s legacy");
  g_autoptr(GArray) empty = scholia_page_ranges_new ();
  g_autofree char *second = cite (document, empty, "a betrayal");

  g_assert_cmpstr (first, ==, "“Lenin warned” (Anderson, “Did Stalin betray Lenin's legacy?”, 1998, ¶ 1)");
  /* A single line break does not start a paragraph; a line of spaces is blank. */
  g_assert_cmpstr (same, ==, "“The warning was suppressed.” (Anderson, “Did Stalin betray Lenin's legacy?”, 1998, ¶ 1)");
  g_assert_cmpstr (second, ==, "“a betrayal” (Anderson, “Did Stalin betray Lenin's legacy?”, 1998, ¶ 2)");
  g_assert_cmpstr (third, ==, "“Stalin betrayed Lenin’s legacy” (Anderson, “Did Stalin betray Lenin's legacy?”, 1998, ¶ 3)");
}

static GArray *
pages_new (void)
{
  GArray *pages = scholia_page_ranges_new ();
  int second = g_utf8_pointer_to_offset (essay, strstr (essay, "Trotsky"));
  ScholiaPageRange range3 = { 0, second, g_strdup ("3") };
  ScholiaPageRange range4 = { second, g_utf8_strlen (essay, -1), g_strdup ("4") };

  g_array_append_val (pages, range3);
  g_array_append_val (pages, range4);
  return pages;
}

static void
test_page (void)
{
  g_autoptr(ScholiaDocument) document = document_new ("Perry Anderson", "1998");
  g_autoptr(GArray) pages = pages_new ();
  g_autofree char *third = cite (document, pages, "suppressed");
  g_autofree char *fourth = cite (document, pages, "Trotsky called it");
  g_autofree char *both = NULL;
  const char *from = strstr (essay, "suppressed");
  const char *to = strstr (essay, " of the revolution");
  int start = g_utf8_pointer_to_offset (essay, from);

  g_assert_cmpstr (third, ==, "“suppressed” (Anderson, “Did Stalin betray Lenin's legacy?”, 1998, p. 3)");
  g_assert_cmpstr (fourth, ==, "“Trotsky called it” (Anderson, “Did Stalin betray Lenin's legacy?”, 1998, p. 4)");

  /* A passage running over a page break, kept whole, its line breaks included. */
  both = scholia_citation_format (document, essay, pages, start, g_utf8_pointer_to_offset (essay, to));
  g_assert_cmpstr (both, ==, "“suppressed.\n\n  \nTrotsky called it a betrayal” "
                             "(Anderson, “Did Stalin betray Lenin's legacy?”, 1998, pp. 3–4)");
}

static void
test_missing (void)
{
  g_autoptr(ScholiaDocument) anonymous = document_new ("", "1998");
  g_autoptr(ScholiaDocument) undated = document_new ("Perry Anderson", "");
  g_autoptr(ScholiaDocument) qualified = document_new ("Anonymous student (MLA essay)", NULL);
  g_autofree char *no_author = cite (anonymous, NULL, "Lenin warned");
  g_autofree char *no_date = cite (undated, NULL, "Lenin warned");
  g_autofree char *single = cite (qualified, NULL, "Lenin warned");

  g_assert_cmpstr (no_author, ==, "“Lenin warned” (“Did Stalin betray Lenin's legacy?”, 1998, ¶ 1)");
  g_assert_cmpstr (no_date, ==, "“Lenin warned” (Anderson, “Did Stalin betray Lenin's legacy?”, ¶ 1)");
  g_assert_cmpstr (single, ==, "“Lenin warned” (Anonymous student, “Did Stalin betray Lenin's legacy?”, ¶ 1)");
}

/* The author's own "sort as" key names the surname, and the result is NFC. */
static void
test_sort_key_nfc (void)
{
  g_autoptr(ScholiaDocument) document = document_new ("Clara van Dijk", "2001");
  g_autofree char *cited = NULL;
  const char *decomposed = "Cafe\xcc\x81 society";   /* "Café" with a combining acute */
  g_autofree char *text = g_strdup_printf ("%s\n", decomposed);

  scholia_document_set_author_sort_key (document, "van Dijk, Clara");
  cited = scholia_citation_format (document, text, NULL, 0, g_utf8_strlen (decomposed, -1));
  g_assert_cmpstr (cited, ==, "“Caf\xc3\xa9 society” (van Dijk, “Did Stalin betray Lenin's legacy?”, 2001, ¶ 1)");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/citation/paragraph", test_paragraph);
  g_test_add_func ("/citation/page", test_page);
  g_test_add_func ("/citation/missing", test_missing);
  g_test_add_func ("/citation/sort-key-nfc", test_sort_key_nfc);

  return g_test_run ();
}
