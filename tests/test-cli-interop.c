/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "cli-runner.h"
#include "repro.h"
#include "test-files.h"

static const char essay[] =
  "Varnholm’s harbour dues rose three times after 1843.\n\n"
  "The Twelve Houses blamed the railway for every lost barge. The railway blamed the river.\n\n"
  "Żeleński alone countd the bargs, and his count is damning.\n";

static const char second_edition[] =
  "A preface to the second edition opens the essay.\n\n"
  "Varnholm’s harbour dues rose three times after 1843.\n\n"
  "The railway blamed the river.\n\n"
  "Żeleński alone counted the barges, and his count is damning.\n";

typedef TestLibraryFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *essay_path = NULL;

  test_library_fixture_set_up (fixture, data);
  essay_path = test_write_file (fixture->dir, "dues.txt", essay);

  cli_run (&run, fixture->dir, "--library", fixture->library, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--title", "Dues",
           "--author", "Helena Marwick", essay_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static char *
info (Fixture *fixture)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, fixture->dir, "--library", fixture->library, "info", NULL);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

static const char annotations_json[] =
  "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"AnnotationCollection\","
  " \"first\": {\"type\": \"AnnotationPage\", \"items\": ["
  "  {\"type\": \"Annotation\", \"id\": \"urn:uuid:3f0c7a52-0d6e-4e0b-9a41-5c1d7e2b0001\","
  "   \"body\": [{\"type\": \"TextualBody\", \"purpose\": \"classifying\", \"value\": \"thesis\"},"
  "             {\"type\": \"TextualBody\", \"purpose\": \"commenting\", \"value\": \"The claim.\"}],"
  "   \"target\": {\"source\": \"https://example.org/dues\", \"selector\": ["
  "     {\"type\": \"TextQuoteSelector\", \"exact\": \"harbour dues rose three times\"},"
  "     {\"type\": \"TextPositionSelector\", \"start\": 11, \"end\": 40}]}},"
  "  {\"type\": \"Annotation\", \"id\": \"urn:uuid:3f0c7a52-0d6e-4e0b-9a41-5c1d7e2b0002\","
  "   \"body\": {\"type\": \"TextualBody\", \"purpose\": \"tagging\", \"value\": \"Excuses\"},"
  "   \"target\": {\"source\": \"https://example.org/dues\", \"selector\": ["
  "     {\"type\": \"TextQuoteSelector\", \"exact\": \"The Twelve Houses blamed the railway for every lost barge.\"},"
  "     {\"type\": \"TextPositionSelector\", \"start\": 0, \"end\": 5}]}},"
  "  {\"type\": \"Annotation\", \"id\": \"urn:uuid:3f0c7a52-0d6e-4e0b-9a41-5c1d7e2b0003\","
  "   \"target\": {\"source\": \"https://example.org/dues\", \"selector\":"
  "     {\"type\": \"TextQuoteSelector\", \"exact\": \"Żeleński alone countd the bargs\"}}},"
  "  {\"type\": \"Annotation\", \"id\": \"urn:uuid:3f0c7a52-0d6e-4e0b-9a41-5c1d7e2b0004\","
  "   \"target\": {\"source\": \"https://example.org/dues\", \"selector\":"
  "     {\"type\": \"TextQuoteSelector\", \"exact\": \"a sentence this essay never had\"}}}"
  " ]}}";

static void
test_import_annotations (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *path = test_write_file (fixture->dir, "notes.jsonld", annotations_json);
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;

  cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", path, "--document", "Dues", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  /* The one whose passage Dues never had is not stored as an unplaced annotation of it, but
   * reported. */
  g_assert_cmpstr (run.out, ==, "Imported 3 annotations: anchored exactly: 2, re-anchored: 1, orphaned: 0, "
                                "already present: 0\n"
                                "1 skipped: its passage is not in “Dues”\n");

  after = info (fixture);
  g_assert_nonnull (strstr (after, "Annotations:     3\n"));
  g_assert_nonnull (strstr (after, "Themes:          1 (Excuses)\n"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", path, "--document", "Dues", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Imported 0 annotations: anchored exactly: 0, re-anchored: 0, orphaned: 0, "
                                "already present: 3\n"
                                "1 skipped: its passage is not in “Dues”\n");
  again = info (fixture);
  g_assert_cmpstr (again, ==, after);

  cli_run (&run, fixture->dir, "--library", fixture->library, "annotations", "Dues", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "harbour dues rose three times"));
}

static void
test_import_errors_change_nothing (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *before = info (fixture);
  g_autofree char *broken = test_write_file (fixture->dir, "broken.jsonld", "{\"type\": \"AnnotationCollection\", \"first\": [");
  g_autofree char *elsewhere = test_write_file (fixture->dir, "elsewhere.jsonld", annotations_json);
  g_autofree char *no_selector = test_write_file (fixture->dir, "no-selector.jsonld",
    "[{\"type\": \"Annotation\", \"target\": {\"selector\": {\"type\": \"CssSelector\", \"value\": \"p\"}}}]");
  const struct
  {
    const char *path;
    const char *document;
    const char *message;
  } cases[] = {
    { broken, NULL, "not valid JSON" },
    { elsewhere, NULL, "No document in the library is “https://example.org/dues”" },
    { no_selector, "Dues", "no TextQuoteSelector or TextPositionSelector" },
    { elsewhere, "Nonesuch", "No document has the id or title “Nonesuch”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *after = NULL;

      if (cases[i].document != NULL)
        cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", cases[i].path,
                 "--document", cases[i].document, NULL);
      else
        cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", cases[i].path, NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpint (cli_count_lines (run.err), ==, 1);
      g_assert_nonnull (strstr (run.err, cases[i].message));
      if (cases[i].document == NULL || g_str_equal (cases[i].document, "Dues"))
        g_assert_nonnull (strstr (run.err, cases[i].path));

      after = info (fixture);
      g_assert_cmpstr (after, ==, before);
    }

  cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* 100,000 nested arrays: refused before json-glib recurses into them and overflows the stack. */
static void
test_import_deep_nesting_refused (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *path = repro_copy ("w3c-deep-array-100k.json", fixture->dir);
  g_autofree char *before = info (fixture);
  g_autofree char *after = NULL;

  cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", path, "--document", "Dues", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (cli_count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, path));
  g_assert_nonnull (strstr (run.err, "nested more than 64 levels deep"));
  after = info (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
import_revolution (Fixture    *fixture,
                   const char *title)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *path = test_write_file (fixture->dir, "october.txt",
    "The October Revolution was a revolution in Russia. Its armed rise in the autumn o"
    "f 1917, spearheaded by Vladimir Lenin and the Bolshevik Party, aimed at the Provisional Government.\n");

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--title", title, path, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* A lone surrogate in a tag name is imported as U+FFFD, and the user is told. */
static void
test_import_lone_surrogate_replaced (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *path = repro_copy ("w3c-lone-surrogate-tag.json", fixture->dir);

  import_revolution (fixture, "October");
  cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", path, "--document", "October", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Imported 1 annotation: anchored exactly: 1, re-anchored: 0, orphaned: 0, already present: 0\n");
  g_assert_nonnull (strstr (run.err, path));
  g_assert_nonnull (strstr (run.err, "1 character that was not valid Unicode text was replaced by “\xef\xbf\xbd”"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "tags", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_utf8_validate (run.out, -1, NULL));
  g_assert_nonnull (strstr (run.out, "\xef\xbf\xbdx"));
}

/* An export of one essay imported onto another: not "already present", but another essay's
 * annotation, which --copy-foreign copies (once). */
static void
test_import_another_essays_export (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *path = repro_copy ("w3c-export-doc1.json", fixture->dir);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import_revolution (fixture, "October");
  import_revolution (fixture, "October, a Reprint");
  cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", path, "--document", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  before = info (fixture);

  cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", path, "--document", "3", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Imported 0 annotations: anchored exactly: 0, re-anchored: 0, orphaned: 0, already present: 0\n"
                                "1 annotation belongs to another essay (“October”); add --copy-foreign to copy it "
                                "as a new annotation\n");
  after = info (fixture);
  g_assert_cmpstr (after, ==, before);

  cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", path, "--document", "3",
           "--copy-foreign", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Imported 1 annotation: anchored exactly: 1, re-anchored: 0, orphaned: 0, already present: 0\n"
                                "1 annotation of another essay (“October”) was copied as a new one\n");
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotations", "3", NULL);
  g_assert_nonnull (strstr (run.out, "Lenin"));
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotations", "2", NULL);
  g_assert_nonnull (strstr (run.out, "Lenin"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", path, "--document", "3",
           "--copy-foreign", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Imported 0 annotations: anchored exactly: 0, re-anchored: 0, orphaned: 0, already present: 1\n");
}

static void
test_reimport_prints_summary (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *annotations = test_write_file (fixture->dir, "notes.jsonld", annotations_json);
  g_autofree char *revised = test_write_file (fixture->dir, "dues-2nd.txt", second_edition);
  g_autofree char *missing = g_build_filename (fixture->dir, "nowhere.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Placed by the source their targets name, the one whose passage is not in the text is kept
   * unplaced (into a chosen essay it would be skipped). */
  cli_run (&run, fixture->dir, "--library", fixture->library, "edit", "1", "--source", "https://example.org/dues", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", annotations, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "orphaned: 1"));

  before = info (fixture);
  cli_run (&run, fixture->dir, "--library", fixture->library, "reimport", "Dues", missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "nowhere.txt"));
  after = info (fixture);
  g_assert_cmpstr (after, ==, before);

  cli_run (&run, fixture->dir, "--library", fixture->library, "reimport", "Dues", revised, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Replaced the text of “Dues”: annotations moved exactly: 1, moved fuzzily: 1, orphaned: 1 "
                                "(1 still orphaned)\n");

  cli_run (&run, fixture->dir, "--library", fixture->library, "show", "Dues", "--text", NULL);
  g_assert_nonnull (strstr (run.out, "A preface to the second edition"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "reimport", "Dues", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *results;
  JsonObject *result;
  JsonArray *match;
  const char *snippet;
  g_autofree char *word = NULL;

  cli_run (&run, fixture->dir, "--library", fixture->library, "search", "zelenski", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "1\tDues — Helena Marwick\tat "));
  g_assert_nonnull (strstr (run.out, "Żeleński alone"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "search", "zelenski", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  results = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  result = json_array_get_object_element (results, 0);
  g_assert_cmpstr (json_object_get_string_member (result, "kind"), ==, "text");
  g_assert_cmpint (json_object_get_int_member (result, "offset"), ==,
                   g_utf8_pointer_to_offset (essay, strstr (essay, "Żeleński")));
  snippet = json_object_get_string_member (result, "snippet");
  match = json_array_get_array_element (json_object_get_array_member (result, "matches"), 0);
  word = g_utf8_substring (snippet, json_array_get_int_element (match, 0), json_array_get_int_element (match, 1));
  g_assert_cmpstr (word, ==, "Żeleński");

  /* A lone quote is not an error: the words are searched. */
  cli_run (&run, fixture->dir, "--library", fixture->library, "search", "\"railway", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Dues"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "search", "steamship", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "Nothing matches"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "search", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* The snippets the CLI prints are still SQLite's: around the most matched words, from the start
 * of a sentence, rather than around the first match as the results list (which lists every
 * match) cuts them for speed. */
static void
test_search_snippet_has_most_words (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *path = test_write_file (fixture->dir, "grain.txt",
    "Grain was scarce that winter. The council met often and argued about the price of bread, "
    "the tolls at the bridge, the state of the roads and the wages of the porters, and nobody "
    "agreed on any of it until the thaw came. The barges carried grain down the river at last.\n");

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--title", "Scarcity", path, NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli_run (&run, fixture->dir, "--library", fixture->library, "search", "grain barges", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "2\tScarcity\tat "));
  g_assert_nonnull (strstr (run.out, "The barges carried grain down the river at last."));

  /* From the start of the text: the language mark the index reads is not printed. */
  cli_run (&run, fixture->dir, "--library", fixture->library, "search", "scarce", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\n    Grain was scarce that winter."));
  g_assert_null (strstr (run.out, "\xef\xb7\x92"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, \
                                    test_library_fixture_tear_down)
  ADD ("/cli/import-annotations/counts-then-already-present", test_import_annotations);
  ADD ("/cli/import-annotations/errors-change-nothing", test_import_errors_change_nothing);
  ADD ("/cli/import-annotations/deep-nesting-refused", test_import_deep_nesting_refused);
  ADD ("/cli/import-annotations/lone-surrogate-replaced", test_import_lone_surrogate_replaced);
  ADD ("/cli/import-annotations/another-essays-export-then-copy", test_import_another_essays_export);
  ADD ("/cli/reimport/prints-summary", test_reimport_prints_summary);
  ADD ("/cli/search/text-and-json", test_search);
  ADD ("/cli/search/snippet-has-most-words", test_search_snippet_has_most_words);
#undef ADD

  return g_test_run ();
}
