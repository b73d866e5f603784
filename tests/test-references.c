/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli-runner.h"
#include "scholia-error.h"
#include "scholia-reference-file.h"
#include "scholia-schema.h"
#include "scholia-store-private.h"
#include "scholia-store-references.h"
#include "scholia-tex.h"
#include "test-files.h"

/* Issue 15, section 3: references imported from Zotero, keyed by citation key, and the key an
 * essay carries. The authors, titles and journals are invented. */

static ScholiaReference *
make_article (const char *key,
              const char *family,
              const char *given,
              const char *title,
              const char *issued)
{
  ScholiaReference *reference = scholia_reference_new (key);

  scholia_reference_set (reference, SCHOLIA_REFERENCE_TYPE, "article-journal");
  scholia_reference_set (reference, SCHOLIA_REFERENCE_TITLE, title);
  scholia_reference_set (reference, SCHOLIA_REFERENCE_CONTAINER_TITLE, "Journal of Imaginary Archives");
  scholia_reference_set (reference, SCHOLIA_REFERENCE_ISSUED, issued);
  scholia_reference_add_author (reference, family, given, NULL);
  scholia_reference_set_source (reference, SCHOLIA_REFERENCE_SOURCE_CSL_JSON);
  return reference;
}

static GPtrArray *
sample_references (void)
{
  GPtrArray *references = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (references, make_article ("zelenska1998", "Żeleńska", "Marta",
                                             "Grain ledgers of a river port", "1998-04"));
  g_ptr_array_add (references, make_article ("okafor2011", "Okafor", "Chidi",
                                             "Émigré printers and their readers", "2011"));
  g_ptr_array_add (references, make_article ("brandt1987", "Brandt", "Ilse",
                                             "Zeal and zoning in a provincial town", "1987-11-02"));
  return references;
}

static ScholiaDocument *
add_essay (ScholiaStore *store,
           const char   *title)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_add_document (store, title, "Someone Typed", "1999", "",
                                                          "An essay of our own invention.\n", NULL, &error);

  g_assert_no_error (error);
  return document;
}

static void
test_reference_model (void)
{
  g_autoptr(ScholiaReference) reference = scholia_reference_new ("vries2003");
  g_autofree char *year = NULL;
  g_autofree char *json = NULL;
  g_autofree char *name = NULL;
  ScholiaReferenceName *first;

  /* Text is kept NFC: "e" + U+0301 becomes "é". */
  scholia_reference_set (reference, SCHOLIA_REFERENCE_TITLE, "Cafe\xcc\x81 politics");
  g_assert_cmpstr (scholia_reference_get (reference, SCHOLIA_REFERENCE_TITLE), ==, "Café politics");
  g_assert_cmpstr (scholia_reference_get (reference, SCHOLIA_REFERENCE_VOLUME), ==, "");
  g_assert_false (scholia_reference_has (reference, SCHOLIA_REFERENCE_VOLUME));
  scholia_reference_set (reference, SCHOLIA_REFERENCE_ISSUED, "Spring 2003");
  year = scholia_reference_dup_year (reference);
  g_assert_cmpstr (year, ==, "2003");

  scholia_reference_add_author (reference, "de Vries", "Pieter", NULL);
  scholia_reference_add_editor (reference, NULL, NULL, "Society of Invented Studies");
  first = g_ptr_array_index (scholia_reference_get_authors (reference), 0);
  name = scholia_reference_name_format (first);
  g_assert_cmpstr (name, ==, "Pieter de Vries");
  g_assert_cmpstr (scholia_reference_field_get_name (SCHOLIA_REFERENCE_CONTAINER_TITLE), ==, "container-title");

  scholia_reference_set (reference, SCHOLIA_REFERENCE_ISSUED, "2003-05");
  json = scholia_reference_to_csl_json (reference);
  g_assert_nonnull (strstr (json, "\"id\":\"vries2003\""));
  g_assert_nonnull (strstr (json, "\"issued\":{\"date-parts\":[[2003,5]]}"));
  g_assert_nonnull (strstr (json, "\"author\":[{\"family\":\"de Vries\",\"given\":\"Pieter\"}]"));
  g_assert_nonnull (strstr (json, "\"editor\":[{\"literal\":\"Society of Invented Studies\"}]"));

  g_assert_true (scholia_reference_key_is_valid ("kowal2019"));
  g_assert_true (scholia_reference_key_is_valid ("http://zotero.org/users/1/items/AB12"));
  g_assert_true (scholia_reference_key_is_valid ("Żeleńska:1998"));
  g_assert_false (scholia_reference_key_is_valid (""));
  g_assert_false (scholia_reference_key_is_valid ("two words"));
  g_assert_false (scholia_reference_key_is_valid ("a,b"));
  g_assert_false (scholia_reference_key_is_valid ("a@b"));
  g_assert_false (scholia_reference_key_is_valid ("\xff"));
}

static void
test_tex (void)
{
  struct {
    const char *tex;
    const char *text;
  } cases[] = {
    { "{\\\"o}", "ö" },
    { "\\'e", "é" },
    { "M{\\\"u}ller", "Müller" },
    { "Stra{\\ss}e", "Straße" },
    { "{\\ss}", "ß" },
    { "\\.{Z}ele{\\'n}ska", "Żeleńska" },
    { "\\v{C}apek", "Čapek" },
    { "Ba{\\c{c}}o", "Baço" },
    { "Lu{\\'\\i}s", "Luís" },
    { "{\\AA}sa", "Åsa" },
    { "\\l{}\\'od\\'z", "łódź" },
    { "118--134", "118–134" },
    { "a---b", "a—b" },
    { "Caf\\'e~Society", "Café\u00a0Society" },
    { "Grain Ledgers of a {River} Port", "Grain Ledgers of a River Port" },
    { "\\emph{Über} den  Hafen", "Über den Hafen" },
    { "Smith \\& Sons, 50\\%", "Smith & Sons, 50%" },
    { "``quoted''", "“quoted”" },
    { "\\textit{A} \\textbf{B}", "A B" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = scholia_tex_to_unicode (cases[i].tex);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static char *
sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "references", name, NULL);
}

static ScholiaReferenceFile *
load_sample (const char  *name,
             GError     **error)
{
  g_autofree char *path = sample_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return scholia_reference_file_load (file, NULL, error);
}

static ScholiaReference *
reference_at (ScholiaReferenceFile *file,
              guint                 index)
{
  g_assert_cmpuint (index, <, file->references->len);
  return g_ptr_array_index (file->references, index);
}

static ScholiaReferenceName *
name_at (GPtrArray *names,
         guint      index)
{
  g_assert_cmpuint (index, <, names->len);
  return g_ptr_array_index (names, index);
}

/* Zotero's CSL JSON and Better BibTeX's: citation-key wins over id, names, dates, pages. */
static void
test_csl_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaReferenceFile) file = load_sample ("library.json", &error);
  ScholiaReference *article;
  ScholiaReference *book;
  ScholiaReferenceName *name;

  g_assert_no_error (error);
  g_assert_cmpuint (file->references->len, ==, 3);
  g_assert_cmpuint (file->skipped->len, ==, 0);
  article = reference_at (file, 0);
  g_assert_cmpstr (scholia_reference_get_key (article), ==, "kowal2019");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_TYPE), ==, "article-journal");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_CONTAINER_TITLE), ==, "Journal of Imaginary Archives");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_VOLUME), ==, "12");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_ISSUE), ==, "3");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_PAGE), ==, "118–134");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_ISSUED), ==, "2019-04-12");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_DOI), ==, "10.5555/jia.2019.118");
  g_assert_cmpstr (scholia_reference_get_source (article), ==, "csl-json");
  g_assert_nonnull (strstr (scholia_reference_get_csl_json (article), "\"citation-key\":\"kowal2019\""));
  name = name_at (scholia_reference_get_authors (article), 1);
  g_assert_cmpstr (name->family, ==, "de Vries");
  g_assert_cmpstr (name->given, ==, "Pieter");

  book = reference_at (file, 1);
  g_assert_cmpstr (scholia_reference_get_key (book), ==, "okafor2011");
  g_assert_cmpstr (scholia_reference_get (book, SCHOLIA_REFERENCE_ISSUED), ==, "Spring 2011");
  g_assert_cmpstr (scholia_reference_get (book, SCHOLIA_REFERENCE_ACCESSED), ==, "2024-03-02");
  g_assert_cmpstr (scholia_reference_get (book, SCHOLIA_REFERENCE_PUBLISHER_PLACE), ==, "Lagos");
  g_assert_cmpstr (scholia_reference_get (book, SCHOLIA_REFERENCE_FILE), ==, "essays/okafor.txt");
  name = name_at (scholia_reference_get_editors (book), 0);
  g_assert_cmpstr (name->literal, ==, "Society of Invented Studies");
  g_assert_cmpstr (scholia_reference_get (reference_at (file, 2), SCHOLIA_REFERENCE_ISSUED), ==, "2001");
}

static const ScholiaReferenceProblem *
problem_at (GPtrArray *problems,
            guint      index)
{
  g_assert_cmpuint (index, <, problems->len);
  return g_ptr_array_index (problems, index);
}

/* Each broken item is skipped and named by the line it starts on; the others are read. */
static void
test_csl_json_broken (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaReferenceFile) file = load_sample ("broken.json", &error);
  g_autoptr(ScholiaReferenceFile) refused = NULL;
  g_autoptr(ScholiaReferenceFile) unclosed = NULL;
  guint lines[] = { 7, 11, 14, 19 };

  g_assert_no_error (error);
  g_assert_cmpuint (file->references->len, ==, 2);
  g_assert_cmpstr (scholia_reference_get_key (reference_at (file, 0)), ==, "first2001");
  g_assert_cmpstr (scholia_reference_get_key (reference_at (file, 1)), ==, "last2003");
  g_assert_cmpuint (file->skipped->len, ==, G_N_ELEMENTS (lines));
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    g_assert_cmpuint (problem_at (file->skipped, i)->line, ==, lines[i]);
  g_assert_cmpstr (problem_at (file->skipped, 3)->key, ==, "has space");
  g_assert_cmpuint (file->duplicates->len, ==, 1);
  g_assert_cmpuint (problem_at (file->duplicates, 0)->line, ==, 15);
  g_assert_cmpstr (problem_at (file->duplicates, 0)->key, ==, "first2001");

  refused = scholia_reference_file_parse_csl_json ("{\"id\": \"one\"}", 13, &error);
  g_assert_null (refused);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  unclosed = scholia_reference_file_parse_csl_json ("[\n{\"id\": \"one\"},\n{\"id\": \"two\"\n", 29, &error);
  g_assert_null (unclosed);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 3"));
}

/* BibTeX and BibLaTeX: names split, TeX decoded, fields mapped, Zotero's file field read. */
static void
test_bibtex (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaReferenceFile) file = load_sample ("library.bib", &error);
  ScholiaReference *article;
  ScholiaReference *chapter;
  ScholiaReference *web;
  ScholiaReferenceName *name;

  g_assert_no_error (error);
  g_assert_cmpuint (file->skipped->len, ==, 0);
  g_assert_cmpuint (file->references->len, ==, 3);
  article = reference_at (file, 0);
  g_assert_cmpstr (scholia_reference_get_key (article), ==, "zelenska1998");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_TYPE), ==, "article-journal");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_TITLE), ==, "Grain Ledgers of a River Port");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_CONTAINER_TITLE), ==, "Journal of Imaginary Archives");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_ISSUE), ==, "2");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_PAGE), ==, "118–134");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_ISSUED), ==, "1998-04");
  g_assert_cmpstr (scholia_reference_get (article, SCHOLIA_REFERENCE_FILE), ==,
                   "/home/historian/Zotero/storage/AB12/zelenska.pdf");
  g_assert_cmpstr (scholia_reference_get_source (article), ==, "bibtex");
  name = name_at (scholia_reference_get_authors (article), 0);
  g_assert_cmpstr (name->family, ==, "Żeleńska");
  g_assert_cmpstr (name->given, ==, "Marta");
  name = name_at (scholia_reference_get_authors (article), 1);
  g_assert_cmpstr (name->family, ==, "Müller");
  g_assert_cmpstr (name->given, ==, "Jörg");

  chapter = reference_at (file, 1);
  g_assert_cmpstr (scholia_reference_get (chapter, SCHOLIA_REFERENCE_TYPE), ==, "chapter");
  g_assert_cmpstr (scholia_reference_get (chapter, SCHOLIA_REFERENCE_TITLE), ==, "Über die Häfen—eine Skizze");
  g_assert_cmpstr (scholia_reference_get (chapter, SCHOLIA_REFERENCE_CONTAINER_TITLE), ==, "Voices of the Quay");
  g_assert_cmpstr (scholia_reference_get (chapter, SCHOLIA_REFERENCE_PUBLISHER_PLACE), ==, "Gdańsk");
  g_assert_cmpstr (scholia_reference_get (chapter, SCHOLIA_REFERENCE_ISSUED), ==, "2004-11-02");
  g_assert_cmpstr (scholia_reference_get (chapter, SCHOLIA_REFERENCE_PAGE), ==, "5–9");
  name = name_at (scholia_reference_get_authors (chapter), 0);
  g_assert_cmpstr (name->family, ==, "Straßer");
  name = name_at (scholia_reference_get_authors (chapter), 1);
  g_assert_cmpstr (name->family, ==, "von Bahr");
  g_assert_cmpstr (name->given, ==, "Åsa");
  name = name_at (scholia_reference_get_editors (chapter), 0);
  g_assert_cmpstr (name->literal, ==, "Society of Invented Studies");

  web = reference_at (file, 2);
  g_assert_cmpstr (scholia_reference_get (web, SCHOLIA_REFERENCE_TYPE), ==, "webpage");
  g_assert_cmpstr (scholia_reference_get (web, SCHOLIA_REFERENCE_TITLE), ==, "Crème and Café\u00a0Society");
  g_assert_cmpstr (scholia_reference_get (web, SCHOLIA_REFERENCE_URL), ==, "https://example.org/a~b--c");
  g_assert_cmpstr (scholia_reference_get (web, SCHOLIA_REFERENCE_ACCESSED), ==, "2024-03-02");
  g_assert_cmpstr (scholia_reference_get (web, SCHOLIA_REFERENCE_FILE), ==, "essays/web.md");
  name = name_at (scholia_reference_get_authors (web), 0);
  g_assert_cmpstr (name->family, ==, "Baço");
  g_assert_cmpstr (name->given, ==, "Luís");
}

static void
test_bibtex_broken (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaReferenceFile) file = load_sample ("broken.bib", &error);
  g_autoptr(ScholiaReferenceFile) refused = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (file->references->len, ==, 2);
  g_assert_cmpstr (scholia_reference_get_key (reference_at (file, 0)), ==, "good1999");
  g_assert_cmpstr (scholia_reference_get_key (reference_at (file, 1)), ==, "good2001");
  g_assert_cmpuint (file->skipped->len, ==, 2);
  g_assert_cmpuint (problem_at (file->skipped, 0)->line, ==, 7);
  g_assert_cmpuint (problem_at (file->skipped, 1)->line, ==, 18);
  g_assert_cmpstr (problem_at (file->skipped, 1)->key, ==, "syntax2002");
  g_assert_cmpuint (file->duplicates->len, ==, 1);
  g_assert_cmpuint (problem_at (file->duplicates, 0)->line, ==, 23);

  refused = scholia_reference_file_parse_bibtex ("Just some notes, no entries.\n", 29, &error);
  g_assert_null (refused);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED);
}

/* A batch lands whole, and re-importing tells added, updated and unchanged keys apart. */
static void
test_import_and_lookup (TestLibraryFixture *fixture,
                        gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
  g_autoptr(GPtrArray) references = sample_references ();
  g_autoptr(ScholiaReferenceChanges) changes = scholia_reference_changes_new ();
  g_autoptr(ScholiaReferenceChanges) again = scholia_reference_changes_new ();
  g_autoptr(ScholiaReference) found = NULL;
  g_autoptr(ScholiaReference) missing = NULL;
  ScholiaReferenceName *author;
  guint count;

  g_assert_no_error (error);
  g_assert_true (scholia_store_import_references (store, references, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->added->len, ==, 3);
  g_assert_cmpuint (changes->updated->len, ==, 0);
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM bib_references"), ==, 3);

  found = scholia_store_lookup_reference (store, "zelenska1998", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (scholia_reference_get (found, SCHOLIA_REFERENCE_TITLE), ==, "Grain ledgers of a river port");
  g_assert_cmpstr (scholia_reference_get (found, SCHOLIA_REFERENCE_ISSUED), ==, "1998-04");
  g_assert_cmpstr (scholia_reference_get_source (found), ==, "csl-json");
  g_assert_cmpuint (scholia_reference_get_authors (found)->len, ==, 1);
  author = g_ptr_array_index (scholia_reference_get_authors (found), 0);
  g_assert_cmpstr (author->family, ==, "Żeleńska");
  g_assert_cmpstr (author->given, ==, "Marta");
  /* Without the item's own text, the store keeps the one its fields give. */
  g_assert_nonnull (strstr (scholia_reference_get_csl_json (found), "\"id\":\"zelenska1998\""));

  missing = scholia_store_lookup_reference (store, "Zelenska1998", &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  /* Zotero exports again: one reference changed its title, one is new. */
  scholia_reference_set (g_ptr_array_index (references, 1), SCHOLIA_REFERENCE_TITLE,
                         "Émigré printers and their readers, revised");
  g_ptr_array_add (references, make_article ("adeyemi2020", "Adeyemi", "Folake", "Harbour songs", "2020"));
  g_assert_true (scholia_store_import_references (store, references, again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->added->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (again->added, 0), ==, "adeyemi2020");
  g_assert_cmpuint (again->updated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (again->updated, 0), ==, "okafor2011");
  g_assert_cmpuint (again->unchanged->len, ==, 2);
  g_assert_true (scholia_store_count_references (store, &count, &error));
  g_assert_cmpuint (count, ==, 4);
  g_clear_object (&found);
  found = scholia_store_lookup_reference (store, "okafor2011", &error);
  g_assert_cmpstr (scholia_reference_get (found, SCHOLIA_REFERENCE_TITLE), ==,
                   "Émigré printers and their readers, revised");
}

/* A batch with a bad or repeated key is refused before anything is written. */
static void
test_import_all_or_nothing (TestLibraryFixture *fixture,
                            gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
  g_autoptr(GPtrArray) repeated = sample_references ();
  g_autoptr(GPtrArray) invalid = sample_references ();
  guint count = 99;

  g_assert_no_error (error);
  g_ptr_array_add (repeated, make_article ("okafor2011", "Okafor", "Ngozi", "Another", "2012"));
  g_assert_false (scholia_store_import_references (store, repeated, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS);
  g_clear_error (&error);

  g_ptr_array_add (invalid, make_article ("no good", "Okafor", "Ngozi", "Another", "2012"));
  g_assert_false (scholia_store_import_references (store, invalid, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (scholia_store_count_references (store, &count, &error));
  g_assert_cmpuint (count, ==, 0);
}

/* A failure inside the transaction (here the table is gone behind the store's back after the
 * first row) leaves the library with none of the batch. */
static void
test_import_rolls_back (TestLibraryFixture *fixture,
                        gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
  g_autoptr(GPtrArray) first = sample_references ();
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_no_error (error);
  g_assert_true (scholia_store_import_references (store, first, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* A trigger that refuses the third row of the next batch. */
  test_sql_exec (fixture->library,
                 "CREATE TRIGGER refuse_third BEFORE INSERT ON bib_references"
                 " WHEN new.citation_key = 'refused2001' BEGIN SELECT RAISE (ABORT, 'refused'); END;");
  before = test_read_bytes (fixture->library);
  store = scholia_store_open (fixture->library, &error);
  g_assert_no_error (error);
  g_ptr_array_add (second, make_article ("first2001", "Lind", "Aino", "First", "2001"));
  g_ptr_array_add (second, make_article ("second2001", "Lind", "Aino", "Second", "2001"));
  g_ptr_array_add (second, make_article ("refused2001", "Lind", "Aino", "Third", "2001"));
  g_assert_false (scholia_store_import_references (store, second, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&store);

  after = test_read_bytes (fixture->library);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM bib_references"), ==, 3);
}

static char *
keys_of (GPtrArray *references)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < references->len; i++)
    g_string_append_printf (keys, "%s%s", i > 0 ? " " : "",
                            scholia_reference_get_key (g_ptr_array_index (references, i)));
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static char *
search (ScholiaStore *store,
        const char   *query,
        guint         limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = scholia_store_search_references (store, query, limit, &error);

  g_assert_no_error (error);
  return keys_of (found);
}

/* Searching as one types: word beginnings of key, names and title, case and diacritics folded. */
static void
test_search (TestLibraryFixture *fixture,
             gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
  g_autoptr(GPtrArray) references = sample_references ();
  struct {
    const char *query;
    guint       limit;
    const char *keys;
  } cases[] = {
    { "", 0, "brandt1987 okafor2011 zelenska1998" },
    { "", 2, "brandt1987 okafor2011" },
    { "zel", 0, "zelenska1998" },               /* the key */
    { "ŻELEŃ", 0, "zelenska1998" },             /* the family name, case and marks folded */
    { "marta", 0, "zelenska1998" },             /* the given name */
    { "emigre", 0, "okafor2011" },              /* the title without its accents */
    { "printers read", 0, "okafor2011" },       /* every word must begin one */
    { "printers zeal", 0, "" },
    { "rinters", 0, "" },                       /* beginnings only */
    { "z", 0, "zelenska1998 brandt1987" },      /* key first, then "Zeal and zoning" */
    { "Okafor, C.", 0, "okafor2011" },          /* punctuation ignored */
  };

  g_assert_no_error (error);
  g_assert_true (scholia_store_import_references (store, references, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *keys = search (store, cases[i].query, cases[i].limit);

      g_assert_cmpstr (keys, ==, cases[i].keys);
    }
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* A key may be set before its reference is imported, stays when it is imported again, is read
 * back when the library is opened again, and can be cleared. */
static void
test_document_key (TestLibraryFixture *fixture,
                   gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
  g_autoptr(GPtrArray) references = sample_references ();
  g_autoptr(ScholiaReference) none = NULL;
  g_autoptr(ScholiaReference) linked = NULL;
  g_autoptr(GPtrArray) holders = NULL;
  ScholiaDocument *essay;
  ScholiaDocument *other;
  guint notified = 0;

  g_assert_no_error (error);
  essay = add_essay (store, "Ports and grain");
  other = add_essay (store, "Another essay");
  g_assert_cmpstr (scholia_document_get_citation_key (essay), ==, "");
  g_signal_connect (essay, "notify::citation-key", G_CALLBACK (on_notify), &notified);

  g_assert_true (scholia_store_set_document_citation_key (store, essay, " zelenska1998 ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (scholia_document_get_citation_key (essay), ==, "zelenska1998");
  g_assert_true (scholia_store_set_document_citation_key (store, essay, "zelenska1998", &error));
  g_assert_cmpuint (notified, ==, 1);
  none = scholia_store_get_document_reference (store, essay, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  g_assert_false (scholia_store_set_document_citation_key (store, other, "bad key", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (scholia_document_get_citation_key (other), ==, "");

  g_assert_true (scholia_store_import_references (store, references, NULL, &error));
  linked = scholia_store_get_document_reference (store, essay, &error);
  g_assert_no_error (error);
  g_assert_nonnull (linked);
  g_assert_cmpstr (scholia_reference_get (linked, SCHOLIA_REFERENCE_TITLE), ==, "Grain ledgers of a river port");

  scholia_reference_set (g_ptr_array_index (references, 0), SCHOLIA_REFERENCE_VOLUME, "12");
  g_assert_true (scholia_store_import_references (store, references, NULL, &error));
  g_assert_cmpstr (scholia_document_get_citation_key (essay), ==, "zelenska1998");
  holders = scholia_store_find_documents_by_citation_key (store, "zelenska1998");
  g_assert_cmpuint (holders->len, ==, 1);
  g_assert_true (g_ptr_array_index (holders, 0) == essay);

  g_signal_handlers_disconnect_by_func (essay, on_notify, &notified);
  g_clear_object (&store);
  store = scholia_store_open (fixture->library, &error);
  g_assert_no_error (error);
  essay = scholia_store_find_document (store, "Ports and grain", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_citation_key (essay), ==, "zelenska1998");
  g_clear_object (&linked);
  linked = scholia_store_get_document_reference (store, essay, &error);
  g_assert_cmpstr (scholia_reference_get (linked, SCHOLIA_REFERENCE_VOLUME), ==, "12");

  g_assert_true (scholia_store_set_document_citation_key (store, essay, NULL, &error));
  g_assert_cmpstr (scholia_document_get_citation_key (essay), ==, "");
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM document_citations"), ==, 0);
}

/* An essay deleted and brought back by undo keeps its key (kept by uuid). */
static void
test_key_survives_restore (TestLibraryFixture *fixture,
                           gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
  g_autoptr(ScholiaDeletedDocument) deleted = NULL;
  ScholiaDocument *essay;

  g_assert_no_error (error);
  essay = add_essay (store, "Ports and grain");
  g_assert_true (scholia_store_set_document_citation_key (store, essay, "brandt1987", &error));
  deleted = scholia_store_delete_document_undoable (store, essay, &error);
  g_assert_no_error (error);
  essay = scholia_store_restore_document (store, deleted, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_citation_key (essay), ==, "brandt1987");
}

/* A version-7 library gains the tables, empty; read-only, it reads as if it had them and is
 * left byte for byte as it was. */
static void
test_version_7_library_upgrades (TestLibraryFixture *fixture,
                                 gconstpointer       data)
{
  g_autofree char *read_only = g_build_filename (fixture->dir, "v7-read-only.sqlite3", NULL);
  guint n_migrations;
  const ScholiaMigration *migrations = scholia_schema_get_migrations (&n_migrations);

  g_assert_cmpint (migrations[6].version, ==, 7);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScholiaStore) store = _scholia_store_open_with_migrations (i == 0 ? fixture->library : read_only,
                                                                          migrations, 7, &error);

      g_assert_no_error (error);
      add_essay (store, "Ports and grain");
      g_assert_cmpstr (scholia_document_get_citation_key (add_essay (store, "Second")), ==, "");
    }
  g_assert_cmpint (test_sql_int (fixture->library, "PRAGMA user_version"), ==, 7);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
    g_autoptr(GPtrArray) references = sample_references ();
    ScholiaDocument *essay;

    g_assert_no_error (error);
    g_assert_cmpint (scholia_store_get_schema_version (store), ==, SCHOLIA_SCHEMA_VERSION);
    essay = scholia_store_find_document (store, "Ports and grain", &error);
    g_assert_cmpstr (scholia_document_get_citation_key (essay), ==, "");
    g_assert_true (scholia_store_import_references (store, references, NULL, &error));
    g_assert_true (scholia_store_set_document_citation_key (store, essay, "okafor2011", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (test_sql_int (fixture->library, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM bib_references"), ==, 3);
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM documents"), ==, 2);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) before = test_read_bytes (read_only);
    g_autoptr(GBytes) after = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open_read_only (read_only, &error);
    g_autoptr(GPtrArray) found = NULL;
    ScholiaDocument *essay;
    guint count = 99;

    g_assert_no_error (error);
    g_assert_cmpint (scholia_store_get_schema_version (store), ==, 7);
    found = scholia_store_search_references (store, "", 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 0);
    g_assert_true (scholia_store_count_references (store, &count, &error));
    g_assert_cmpuint (count, ==, 0);
    essay = scholia_store_find_document (store, "Ports and grain", &error);
    g_assert_false (scholia_store_set_document_citation_key (store, essay, "okafor2011", &error));
    g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
    g_clear_object (&store);
    after = test_read_bytes (read_only);
    g_assert_true (g_bytes_equal (before, after));
  }
}

/* scholia-cli: import-references (0 all, 3 some with the others listed, 1 refused and the
 * library untouched), references, edit --key filling only empty fields unless told. */
static void
test_cli (TestLibraryFixture *fixture,
          gconstpointer       data)
{
  g_autofree char *json = sample_path ("library.json");
  g_autofree char *bib = sample_path ("library.bib");
  g_autofree char *broken = sample_path ("broken.bib");
  g_autofree char *web = g_test_build_filename (G_TEST_DIST, "references", "essays", "web.md", NULL);
  g_autofree char *not_references = test_write_file (fixture->dir, "notes.bib", "Notes without entries.\n");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->library, "import-references", json, "--with-files", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "new: 3, updated: 0"));
    g_assert_nonnull (strstr (run.out, "Imported the file of “okafor2011”"));
  }
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM bib_references"), ==, 3);
  g_assert_cmpint (test_sql_int (fixture->library,
                                 "SELECT count(*) FROM documents d JOIN document_citations c ON c.document_uuid = d.uuid"
                                 " WHERE c.citation_key = 'okafor2011' AND d.title = 'Émigré printers and their readers'"
                                 " AND d.date = 'Spring 2011'"), ==, 1);

  {
    g_auto(CliRun) run = { 0 };

    /* Importing again adds no essay twice and changes nothing. */
    cli_run (&run, fixture->dir, "--library", fixture->library, "import-references", json, "--with-files", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "new: 0, updated: 0, unchanged: 3"));
  }
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM documents"), ==, 1);

  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->library, "import-references", broken, NULL);
    g_assert_cmpint (run.status, ==, 3);
    g_assert_nonnull (strstr (run.err, "line 7: skipped: its braces do not close"));
    g_assert_nonnull (strstr (run.err, "line 18: “syntax2002” skipped"));
    g_assert_nonnull (strstr (run.err, "line 23: duplicate key “good1999”"));
  }

  before = test_read_bytes (fixture->library);
  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->library, "import-references", not_references, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "holds no BibTeX entries"));
  }
  after = test_read_bytes (fixture->library);
  g_assert_true (g_bytes_equal (before, after));

  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->library, "import-references", bib, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\"added\" : ["));
  }

  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->library, "references", "zelen", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "zelenska1998\tMarta Żeleńska and Jörg Müller (1998)\tGrain Ledgers of a River Port\n");
  }

  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--title", "Typed by me", web, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->library, "edit", "Typed by me", "--key", "kowal2019", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Kept the title “Typed by me”"));
    g_assert_nonnull (strstr (run.out, "Filled the date from “kowal2019”: 2019-04-12"));
  }
  g_assert_cmpint (test_sql_int (fixture->library,
                                 "SELECT count(*) FROM documents d JOIN authors a ON a.id = d.author_id"
                                 " WHERE d.title = 'Typed by me' AND a.name = 'Anna Kowal and Pieter de Vries'"
                                 " AND a.sort_key = 'Kowal, Anna'"
                                 " AND d.source = 'Journal of Imaginary Archives 12, no. 3: 118–134."
                                 " https://doi.org/10.5555/jia.2019.118'"), ==, 1);
  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->library, "edit", "Typed by me", "--fill-from-reference", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Filled the title"));
  }
  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->library, "list", "--json", NULL);
    g_assert_nonnull (strstr (run.out, "\"citation_key\" : \"kowal2019\""));
  }
  {
    g_auto(CliRun) run = { 0 };

    cli_run (&run, fixture->dir, "--library", fixture->library, "edit", "Grain ledgers of a river port, 1780–1795",
             "--key", "", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM document_citations"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/references/model", test_reference_model);
  g_test_add_func ("/references/tex", test_tex);
  g_test_add_func ("/references/csl-json", test_csl_json);
  g_test_add_func ("/references/csl-json-broken", test_csl_json_broken);
  g_test_add_func ("/references/bibtex", test_bibtex);
  g_test_add_func ("/references/bibtex-broken", test_bibtex_broken);
  test_add_with_library ("/references/import-and-lookup", test_import_and_lookup);
  test_add_with_library ("/references/import-all-or-nothing", test_import_all_or_nothing);
  test_add_with_library ("/references/import-rolls-back", test_import_rolls_back);
  test_add_with_library ("/references/search", test_search);
  test_add_with_library ("/references/document-key", test_document_key);
  test_add_with_library ("/references/key-survives-restore", test_key_survives_restore);
  test_add_with_library ("/references/version-7-upgrades", test_version_7_library_upgrades);
  test_add_with_library ("/references/cli", test_cli);

  return g_test_run ();
}
