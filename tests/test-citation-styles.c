/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "scholia-citation-styles.h"
#include "scholia-types.h"

/* Issue 15: Pandoc citations and Chicago notes (17th edition, notes and bibliography). Every
 * expected string below was written by hand from the Manual's patterns (14.100 books, 14.103
 * editors, 14.106 chapters, 14.171 journals, 14.191 newspapers, 14.206 web pages, 14.224 theses)
 * for references we made up. */

/* Whether Pango (and an HTML parser) would read @markup: well-formed once wrapped. */
static gboolean
pango_ok (const char *markup)
{
  g_autofree char *wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  const GMarkupParser parser = { NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);

  return g_markup_parse_context_parse (context, wrapped, -1, NULL) &&
         g_markup_parse_context_end_parse (context, NULL);
}

static ScholiaReference *
reference_new (const char *key,
               const char *type,
               const char *title,
               const char *issued)
{
  ScholiaReference *reference = scholia_reference_new (key);

  scholia_reference_set (reference, SCHOLIA_REFERENCE_TYPE, type);
  scholia_reference_set (reference, SCHOLIA_REFERENCE_TITLE, title);
  scholia_reference_set (reference, SCHOLIA_REFERENCE_ISSUED, issued);
  return reference;
}

static void
set_imprint (ScholiaReference *reference,
             const char       *place,
             const char       *publisher)
{
  scholia_reference_set (reference, SCHOLIA_REFERENCE_PUBLISHER_PLACE, place);
  scholia_reference_set (reference, SCHOLIA_REFERENCE_PUBLISHER, publisher);
}

static void
assert_forms (ScholiaReference *reference,
              const char       *locator,
              const char       *note,
              const char       *short_note,
              const char       *bibliography)
{
  g_autofree char *full = scholia_citation_format_chicago (reference, SCHOLIA_CHICAGO_NOTE, locator, SCHOLIA_CITATION_MARKUP_MARKDOWN);
  g_autofree char *brief = scholia_citation_format_chicago (reference, SCHOLIA_CHICAGO_SHORT_NOTE, locator, SCHOLIA_CITATION_MARKUP_MARKDOWN);
  g_autofree char *entry = scholia_citation_format_chicago (reference, SCHOLIA_CHICAGO_BIBLIOGRAPHY, locator, SCHOLIA_CITATION_MARKUP_MARKDOWN);

  g_assert_cmpstr (full, ==, note);
  if (short_note != NULL)
    g_assert_cmpstr (brief, ==, short_note);
  if (bibliography != NULL)
    g_assert_cmpstr (entry, ==, bibliography);
}

static ScholiaReference *
kowal_book (void)
{
  ScholiaReference *book = reference_new ("kowal2019", "book",
                                          "The Grain Requisitions: Village and State in Podolia, 1919–1923", "2019");

  scholia_reference_add_author (book, "Kowal", "Anna Maria", NULL);
  set_imprint (book, "Kraków", "Wydawnictwo Ostoja");
  return book;
}

static void
test_book_authors (void)
{
  g_autoptr(ScholiaReference) one = kowal_book ();
  g_autoptr(ScholiaReference) two = reference_new ("reiner2008", "book", "Salt Roads", "2008");
  g_autoptr(ScholiaReference) three = reference_new ("adeyemi2015", "book", "Harbours of Memory", "2015-06");
  g_autoptr(ScholiaReference) four = reference_new ("okafor2015", "book", "Harbours of Memory", "2015");

  assert_forms (one, "118",
                "Anna Maria Kowal, *The Grain Requisitions: Village and State in Podolia, 1919–1923* (Kraków: Wydawnictwo Ostoja, 2019), 118.",
                "Kowal, *The Grain Requisitions*, 118.",
                "Kowal, Anna Maria. *The Grain Requisitions: Village and State in Podolia, 1919–1923*. Kraków: Wydawnictwo Ostoja, 2019.");

  scholia_reference_add_author (two, "Reiner", "Tomas", NULL);
  scholia_reference_add_author (two, "Marquardt", "Ilse", NULL);
  set_imprint (two, "Leipzig", "Hafen Verlag");
  assert_forms (two, "3–4",
                "Tomas Reiner and Ilse Marquardt, *Salt Roads* (Leipzig: Hafen Verlag, 2008), 3–4.",
                "Reiner and Marquardt, *Salt Roads*, 3–4.",
                "Reiner, Tomas, and Ilse Marquardt. *Salt Roads*. Leipzig: Hafen Verlag, 2008.");

  scholia_reference_add_author (three, "Adeyemi", "Samuel", NULL);
  scholia_reference_add_author (three, "Eze", "Grace", NULL);
  scholia_reference_add_author (three, "Nnamdi", "Paul", NULL);
  set_imprint (three, "Lagos", "Tideway Press");
  assert_forms (three, NULL,
                "Samuel Adeyemi, Grace Eze, and Paul Nnamdi, *Harbours of Memory* (Lagos: Tideway Press, 2015).",
                "Adeyemi, Eze, and Nnamdi, *Harbours of Memory*.",
                "Adeyemi, Samuel, Grace Eze, and Paul Nnamdi. *Harbours of Memory*. Lagos: Tideway Press, 2015.");

  /* Four or more: "et al." in the notes, all of them in the bibliography. */
  scholia_reference_add_author (four, "Okafor", "Lina", NULL);
  scholia_reference_add_author (four, "Adeyemi", "Samuel", NULL);
  scholia_reference_add_author (four, "Eze", "Grace", NULL);
  scholia_reference_add_author (four, "Nnamdi", "Paul", NULL);
  set_imprint (four, "Lagos", "Tideway Press");
  assert_forms (four, "201",
                "Lina Okafor et al., *Harbours of Memory* (Lagos: Tideway Press, 2015), 201.",
                "Okafor et al., *Harbours of Memory*, 201.",
                "Okafor, Lina, Samuel Adeyemi, Grace Eze, and Paul Nnamdi. *Harbours of Memory*. Lagos: Tideway Press, 2015.");
}

static void
test_book_many_authors (void)
{
  g_autoptr(ScholiaReference) book = reference_new ("many", "book", "Atlas of Mills", "1999");
  const char *families[] = { "Aa", "Bb", "Cc", "Dd", "Ee", "Ff", "Gg", "Hh", "Ii", "Jj", "Kk" };
  g_autofree char *entry = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    scholia_reference_add_author (book, families[i], "X.", NULL);
  entry = scholia_citation_format_chicago (book, SCHOLIA_CHICAGO_BIBLIOGRAPHY, NULL, SCHOLIA_CITATION_MARKUP_TEXT);
  /* More than ten: the first seven, then "et al." (CMOS 14.76). */
  g_assert_cmpstr (entry, ==, "Aa, X., X. Bb, X. Cc, X. Dd, X. Ee, X. Ff, X. Gg, et al. Atlas of Mills. 1999.");
}

static void
test_book_editors (void)
{
  g_autoptr(ScholiaReference) edited = reference_new ("zielinska2011", "book", "Letters from the Front", "2011");
  g_autoptr(ScholiaReference) two = reference_new ("brandt1990", "book", "Village Diaries", "1990");
  g_autoptr(ScholiaReference) letters = reference_new ("brandt1990a", "book", "Collected Letters", "1990");
  g_autoptr(ScholiaReference) report = reference_new ("credit1931", "report", "Report on Cooperative Banks", "1931");

  scholia_reference_add_editor (edited, "Zielińska", "Marta", NULL);
  set_imprint (edited, "Warsaw", "Ostoja");
  assert_forms (edited, "45",
                "Marta Zielińska, ed., *Letters from the Front* (Warsaw: Ostoja, 2011), 45.",
                "Zielińska, *Letters from the Front*, 45.",
                "Zielińska, Marta, ed. *Letters from the Front*. Warsaw: Ostoja, 2011.");

  scholia_reference_add_editor (two, "Brandt", "Olek", NULL);
  scholia_reference_add_editor (two, "Kiefer", "Ruth", NULL);
  scholia_reference_set (two, SCHOLIA_REFERENCE_PUBLISHER, "Kiefer");
  assert_forms (two, NULL,
                "Olek Brandt and Ruth Kiefer, eds., *Village Diaries* (Kiefer, 1990).",
                "Brandt and Kiefer, *Village Diaries*.",
                "Brandt, Olek, and Ruth Kiefer, eds. *Village Diaries*. Kiefer, 1990.");

  /* An author's work edited by another. */
  scholia_reference_add_author (letters, "Brandt", "Ada", NULL);
  scholia_reference_add_editor (letters, "Brandt", "Olek", NULL);
  set_imprint (letters, "Berlin", "Kiefer");
  assert_forms (letters, "5",
                "Ada Brandt, *Collected Letters*, ed. Olek Brandt (Berlin: Kiefer, 1990), 5.",
                "Brandt, *Collected Letters*, 5.",
                "Brandt, Ada. *Collected Letters*. Edited by Olek Brandt. Berlin: Kiefer, 1990.");

  /* An institution as author, and a report cited as a book. */
  scholia_reference_add_author (report, NULL, NULL, "Commission on Rural Credit");
  set_imprint (report, "Geneva", "League of Nations");
  assert_forms (report, "12",
                "Commission on Rural Credit, *Report on Cooperative Banks* (Geneva: League of Nations, 1931), 12.",
                "Commission on Rural Credit, *Report on Cooperative Banks*, 12.",
                "Commission on Rural Credit. *Report on Cooperative Banks*. Geneva: League of Nations, 1931.");
}

static void
test_chapter (void)
{
  g_autoptr(ScholiaReference) chapter = reference_new ("nowak2011", "chapter", "Bread and Order in Vinnytsia", "2011");

  scholia_reference_add_author (chapter, "Nowak", "Jan", NULL);
  scholia_reference_add_editor (chapter, "Zielińska", "Marta", NULL);
  scholia_reference_add_editor (chapter, "Brandt", "Olek", NULL);
  scholia_reference_set (chapter, SCHOLIA_REFERENCE_CONTAINER_TITLE, "The Hungry Years");
  scholia_reference_set (chapter, SCHOLIA_REFERENCE_PAGE, "110–134");
  set_imprint (chapter, "Warsaw", "Ostoja");
  assert_forms (chapter, "122",
                "Jan Nowak, “Bread and Order in Vinnytsia,” in *The Hungry Years*, ed. Marta Zielińska and Olek Brandt (Warsaw: Ostoja, 2011), 122.",
                "Nowak, “Bread and Order in Vinnytsia,” 122.",
                "Nowak, Jan. “Bread and Order in Vinnytsia.” In *The Hungry Years*, edited by Marta Zielińska and Olek Brandt, 110–34. Warsaw: Ostoja, 2011.");
}

static void
test_journal (void)
{
  g_autoptr(ScholiaReference) article = reference_new ("voss2019", "article-journal", "Did the Guilds Resist the Tax?", "2019-09");

  scholia_reference_add_author (article, "Voss", "Clara", NULL);
  scholia_reference_set (article, SCHOLIA_REFERENCE_CONTAINER_TITLE, "Journal of Civic History");
  scholia_reference_set (article, SCHOLIA_REFERENCE_VOLUME, "12");
  scholia_reference_set (article, SCHOLIA_REFERENCE_ISSUE, "3");
  scholia_reference_set (article, SCHOLIA_REFERENCE_PAGE, "101–108");
  scholia_reference_set (article, SCHOLIA_REFERENCE_DOI, "10.5555/jch.2019.12.3");
  /* The title's question mark takes the place of the comma and the period (CMOS 6.119). */
  assert_forms (article, "104",
                "Clara Voss, “Did the Guilds Resist the Tax?” *Journal of Civic History* 12, no. 3 (2019): 104, https://doi.org/10.5555/jch.2019.12.3.",
                "Voss, “Did the Guilds Resist the Tax?” 104.",
                "Voss, Clara. “Did the Guilds Resist the Tax?” *Journal of Civic History* 12, no. 3 (2019): 101–8. https://doi.org/10.5555/jch.2019.12.3.");
}

static void
test_newspaper_thesis_web (void)
{
  g_autoptr(ScholiaReference) news = reference_new ("hals1921", "article-newspaper", "Dockers Vote to Strike", "1921-03-02");
  g_autoptr(ScholiaReference) thesis = reference_new ("lis2004", "thesis", "Parish Schools in Galicia, 1850–1890", "2004");
  g_autoptr(ScholiaReference) web = reference_new ("registers", "webpage", "Ship Registers, 1890–1910", "2020-05-05");
  g_autoptr(ScholiaReference) bare = reference_new ("notes", "webpage", "Harbour Notes", NULL);

  scholia_reference_add_author (news, "Hals", "Pieter", NULL);
  scholia_reference_set (news, SCHOLIA_REFERENCE_CONTAINER_TITLE, "Rotterdam Courier");
  assert_forms (news, NULL,
                "Pieter Hals, “Dockers Vote to Strike,” *Rotterdam Courier*, March 2, 1921.",
                "Hals, “Dockers Vote to Strike.”",
                "Hals, Pieter. “Dockers Vote to Strike.” *Rotterdam Courier*, March 2, 1921.");

  scholia_reference_add_author (thesis, "Lis", "Ewa", NULL);
  scholia_reference_set (thesis, SCHOLIA_REFERENCE_PUBLISHER, "University of Lviv");
  assert_forms (thesis, "77",
                "Ewa Lis, “Parish Schools in Galicia, 1850–1890” (thesis, University of Lviv, 2004), 77.",
                "Lis, “Parish Schools in Galicia, 1850–1890,” 77.",
                "Lis, Ewa. “Parish Schools in Galicia, 1850–1890.” Thesis, University of Lviv, 2004.");

  /* A page known by its title alone. */
  assert_forms (bare, NULL, "“Harbour Notes.”", "“Harbour Notes.”", "“Harbour Notes.”");

  scholia_reference_add_author (web, NULL, NULL, "Harbour Archive Project");
  scholia_reference_set (web, SCHOLIA_REFERENCE_CONTAINER_TITLE, "Harbour Archive");
  scholia_reference_set (web, SCHOLIA_REFERENCE_ACCESSED, "2024-03-02");
  scholia_reference_set (web, SCHOLIA_REFERENCE_URL, "https://example.org/ship_registers");
  assert_forms (web, NULL,
                "Harbour Archive Project, “Ship Registers, 1890–1910,” Harbour Archive, May 5, 2020, accessed March 2, 2024, https://example.org/ship_registers.",
                "Harbour Archive Project, “Ship Registers, 1890–1910.”",
                "Harbour Archive Project. “Ship Registers, 1890–1910.” Harbour Archive. May 5, 2020. Accessed March 2, 2024. https://example.org/ship_registers.");
}

static void
test_markup (void)
{
  g_autoptr(ScholiaReference) book = reference_new ("mills", "book", "Mills & Markets: *Bread* in Łódź", "1980");
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *pango = NULL;

  scholia_reference_add_author (book, "Kern", "Olga", NULL);
  text = scholia_citation_format_chicago (book, SCHOLIA_CHICAGO_SHORT_NOTE, "9", SCHOLIA_CITATION_MARKUP_TEXT);
  markdown = scholia_citation_format_chicago (book, SCHOLIA_CHICAGO_NOTE, "9", SCHOLIA_CITATION_MARKUP_MARKDOWN);
  pango = scholia_citation_format_chicago (book, SCHOLIA_CHICAGO_NOTE, "9", SCHOLIA_CITATION_MARKUP_PANGO);

  g_assert_cmpstr (text, ==, "Kern, Mills & Markets, 9.");
  g_assert_cmpstr (markdown, ==, "Olga Kern, *Mills & Markets: \\*Bread\\* in Łódź* (1980), 9.");
  g_assert_cmpstr (pango, ==, "Olga Kern, <i>Mills &amp; Markets: *Bread* in Łódź</i> (1980), 9.");
  g_assert_true (pango_ok (pango));
}

static void
test_pages (void)
{
  const char *cases[][2] = {
    { "118–134", "118–34" }, { "101–108", "101–8" }, { "321–328", "321–28" }, { "498–532", "498–532" },
    { "1536–1538", "1536–38" }, { "1496–1504", "1496–1504" }, { "71–72", "71–72" }, { "100–104", "100–104" },
    { "808–833", "808–33" }, { "xii–xiv", "xii–xiv" }, { "12", "12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *abbreviated = scholia_citation_abbreviate_pages (cases[i][0]);

      g_assert_cmpstr (abbreviated, ==, cases[i][1]);
    }
}

static const char essay[] =
  "The mills of Lublin stopped in the winter of 1920.\n"
  "\n"
  "Millers blamed the requisitions & the frost alike.\n";

static ScholiaDocument *
document_new (const char *key)
{
  ScholiaDocument *document = scholia_document_new (1, "0c1d2e3f-0000-4000-8000-000000000001");

  scholia_document_set_title (document, "The Mills of Lublin");
  scholia_document_set_author (document, "Irena Małecka");
  scholia_document_set_date (document, "1998");
  scholia_document_set_source (document, "Quarterly of the Vistula Society");
  scholia_document_set_citation_key (document, key);
  return document;
}

static char *
cite (ScholiaDocument      *document,
      ScholiaReference     *reference,
      GArray               *pages,
      ScholiaCitationStyle  style,
      gboolean              short_note,
      ScholiaCitationMarkup markup)
{
  const char *quote = "Millers blamed the requisitions & the frost alike.";
  int start = g_utf8_pointer_to_offset (essay, strstr (essay, quote));

  return scholia_citation_format_styled (document, reference, essay, pages, start, start + g_utf8_strlen (quote, -1),
                                         style, short_note, markup);
}

static void
test_passage_pandoc (void)
{
  g_autoptr(ScholiaDocument) keyed = document_new ("malecka1998");
  g_autoptr(ScholiaDocument) unkeyed = document_new (NULL);
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  ScholiaPageRange range = { 0, g_utf8_strlen (essay, -1), g_strdup ("118") };
  g_autofree char *plain = scholia_citation_format_pandoc ("anderson2019", "p. 118");
  g_autofree char *bare = scholia_citation_format_pandoc ("anderson2019", NULL);
  g_autofree char *paragraph = cite (keyed, NULL, NULL, SCHOLIA_CITATION_STYLE_PANDOC, FALSE, SCHOLIA_CITATION_MARKUP_TEXT);
  g_autofree char *page = NULL;
  g_autofree char *footnote = cite (unkeyed, NULL, NULL, SCHOLIA_CITATION_STYLE_PANDOC, FALSE, SCHOLIA_CITATION_MARKUP_MARKDOWN);

  g_assert_cmpstr (plain, ==, "[@anderson2019, p. 118]");
  g_assert_cmpstr (bare, ==, "[@anderson2019]");
  g_assert_cmpstr (paragraph, ==, "“Millers blamed the requisitions & the frost alike.” [@malecka1998, ¶ 2]");

  g_array_append_val (pages, range);
  page = cite (keyed, NULL, pages, SCHOLIA_CITATION_STYLE_PANDOC, FALSE, SCHOLIA_CITATION_MARKUP_TEXT);
  g_assert_cmpstr (page, ==, "“Millers blamed the requisitions & the frost alike.” [@malecka1998, p. 118]");

  /* No key, no Pandoc name: the note goes in a Pandoc inline footnote. */
  g_assert_cmpstr (footnote, ==, "“Millers blamed the requisitions & the frost alike.”^[Irena Małecka, “The Mills of Lublin,” "
                                 "Quarterly of the Vistula Society, 1998, ¶ 2.]");
}

static void
test_passage_chicago (void)
{
  g_autoptr(ScholiaDocument) document = document_new ("kowal2019");
  g_autoptr(ScholiaReference) book = kowal_book ();
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  int second = g_utf8_pointer_to_offset (essay, strstr (essay, "frost"));
  ScholiaPageRange first_page = { 0, second, g_strdup ("118") };
  ScholiaPageRange next_page = { second, g_utf8_strlen (essay, -1), g_strdup ("119") };
  g_autofree char *full = NULL;
  g_autofree char *brief = NULL;
  g_autofree char *own = cite (document, NULL, NULL, SCHOLIA_CITATION_STYLE_CHICAGO, FALSE, SCHOLIA_CITATION_MARKUP_TEXT);
  g_autofree char *own_short = cite (document, NULL, NULL, SCHOLIA_CITATION_STYLE_CHICAGO, TRUE, SCHOLIA_CITATION_MARKUP_PANGO);
  g_autofree char *plain = cite (document, book, NULL, SCHOLIA_CITATION_STYLE_PLAIN, FALSE, SCHOLIA_CITATION_MARKUP_TEXT);

  g_array_append_val (pages, first_page);
  g_array_append_val (pages, next_page);
  full = cite (document, book, pages, SCHOLIA_CITATION_STYLE_CHICAGO, FALSE, SCHOLIA_CITATION_MARKUP_TEXT);
  brief = cite (document, book, pages, SCHOLIA_CITATION_STYLE_CHICAGO, TRUE, SCHOLIA_CITATION_MARKUP_PANGO);

  g_assert_cmpstr (full, ==, "“Millers blamed the requisitions & the frost alike.”\n\n"
                             "Anna Maria Kowal, The Grain Requisitions: Village and State in Podolia, 1919–1923 "
                             "(Kraków: Wydawnictwo Ostoja, 2019), 118–19.");
  g_assert_cmpstr (brief, ==, "“Millers blamed the requisitions &amp; the frost alike.”\n\n"
                              "Kowal, <i>The Grain Requisitions</i>, 118–19.");
  /* Without its reference, the essay's own metadata in the same style. */
  g_assert_cmpstr (own, ==, "“Millers blamed the requisitions & the frost alike.”\n\n"
                            "Irena Małecka, “The Mills of Lublin,” Quarterly of the Vistula Society, 1998, ¶ 2.");
  g_assert_cmpstr (own_short, ==, "“Millers blamed the requisitions &amp; the frost alike.”\n\n"
                                  "Małecka, “The Mills of Lublin,” ¶ 2.");
  g_assert_cmpstr (plain, ==, "“Millers blamed the requisitions & the frost alike.” (Małecka, “The Mills of Lublin”, 1998, ¶ 2)");
}

static void
test_style_names (void)
{
  ScholiaCitationStyle style = SCHOLIA_CITATION_STYLE_PLAIN;

  g_assert_true (scholia_citation_style_parse ("chicago", &style));
  g_assert_cmpint (style, ==, SCHOLIA_CITATION_STYLE_CHICAGO);
  g_assert_true (scholia_citation_style_parse ("pandoc", &style));
  g_assert_cmpint (style, ==, SCHOLIA_CITATION_STYLE_PANDOC);
  g_assert_false (scholia_citation_style_parse ("apa", &style));
  g_assert_cmpstr (scholia_citation_style_to_string (SCHOLIA_CITATION_STYLE_PLAIN), ==, "plain");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/citation-styles/chicago/book-authors", test_book_authors);
  g_test_add_func ("/citation-styles/chicago/book-many-authors", test_book_many_authors);
  g_test_add_func ("/citation-styles/chicago/book-editors", test_book_editors);
  g_test_add_func ("/citation-styles/chicago/chapter", test_chapter);
  g_test_add_func ("/citation-styles/chicago/journal", test_journal);
  g_test_add_func ("/citation-styles/chicago/newspaper-thesis-web", test_newspaper_thesis_web);
  g_test_add_func ("/citation-styles/chicago/markup", test_markup);
  g_test_add_func ("/citation-styles/chicago/pages", test_pages);
  g_test_add_func ("/citation-styles/passage/pandoc", test_passage_pandoc);
  g_test_add_func ("/citation-styles/passage/chicago", test_passage_chicago);
  g_test_add_func ("/citation-styles/style-names", test_style_names);
  return g_test_run ();
}
