/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "cli-runner.h"
#include "scholia-store.h"
#include "test-files.h"

typedef TestLibraryFixture Fixture;

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, fixture->dir, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Usage: scholia-cli"));
  g_assert_nonnull (strstr (run.out, "init"));
  g_assert_nonnull (strstr (run.out, "info"));
  g_assert_nonnull (strstr (run.out, "--library FILE"));

  cli_run (&run, fixture->dir, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "scholia-cli " PACKAGE_VERSION "\n");
}

static void
test_bad_usage (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, fixture->dir, NULL, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "No command given"));

  cli_run (&run, fixture->dir, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Unknown command “frobnicate”"));

  cli_run (&run, fixture->dir, "--colour", "info", NULL);
  g_assert_cmpint (run.status, ==, 2);

  cli_run (&run, fixture->dir, "info", "--verbose", NULL);
  g_assert_cmpint (run.status, ==, 2);

  cli_run (&run, fixture->dir, "info", "extra", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_init_then_info (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *version = g_strdup_printf ("Schema version:  %d\n", SCHOLIA_SCHEMA_VERSION);

  cli_run (&run, fixture->dir, "--library", fixture->library, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Created the library"));
  g_assert_true (g_file_test (fixture->library, G_FILE_TEST_IS_REGULAR));

  cli_run (&run, fixture->dir, "--library", fixture->library, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "is ready"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "info", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, fixture->library));
  g_assert_nonnull (strstr (run.out, version));
  g_assert_nonnull (strstr (run.out, "Documents:       0\n"));
  g_assert_nonnull (strstr (run.out, "Annotations:     0\n"));
  g_assert_nonnull (strstr (run.out, "Tags:            4 (thesis, evidence, source-reference, counter-argument)\n"));
  g_assert_nonnull (strstr (run.out, "Themes:          0\n"));
}

static void
test_default_library (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *expected = g_build_filename (fixture->dir, "scholia", "library.sqlite3", NULL);

  cli_run (&run, fixture->dir, "info", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));

  cli_run (&run, fixture->dir, "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_missing_library (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, fixture->dir, "--library", fixture->library, "info", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpint (cli_count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, fixture->library));
  g_assert_nonnull (strstr (run.err, "scholia-cli init"));
  g_assert_false (g_file_test (fixture->library, G_FILE_TEST_EXISTS));
}

static void
test_foreign_file_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  const char notes[] = "Seminar notes, week 3: the harbour question.\n";
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (fixture->library, notes, -1, NULL));

  cli_run (&run, fixture->dir, "--library", fixture->library, "init", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpint (cli_count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "library.sqlite3” is not a Scholia library"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "info", NULL);
  g_assert_cmpint (run.status, ==, 1);

  g_assert_true (g_file_get_contents (fixture->library, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, notes);
}

static char *
write_essay (Fixture    *fixture,
             const char *name,
             const char *contents,
             gssize      length)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static void
test_import_batch_goes_on_after_bad_files (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *good = write_essay (fixture, "harbour_dues.txt",
                                       "The dues rose in 1843.\r\nThe merchants left.\r\n", -1);
  g_autofree char *empty = write_essay (fixture, "empty.txt", "", 0);
  g_autofree char *binary = write_essay (fixture, "ledger.bin", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--author", "Helena Marwick",
           empty, good, binary, missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "1\tharbour dues\n");
  g_assert_cmpint (cli_count_lines (run.err), ==, 3);
  g_assert_nonnull (strstr (run.err, "empty.txt"));
  g_assert_nonnull (strstr (run.err, "ledger.bin"));
  g_assert_nonnull (strstr (run.err, "missing.txt"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "show", "--text", "harbour dues", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "The dues rose in 1843.\nThe merchants left.\n");
}

static void
test_document_commands (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *essay = write_essay (fixture, "essay.md",
                                        "# The Customs House\n\nIt *closed* in 1861, “for good”.\n", -1);
  JsonArray *documents;
  JsonObject *first;

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--date", "c. 1925",
           "--source", "Harbour Board minutes, fol. 12", essay, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "1\tThe Customs House\n");

  cli_run (&run, fixture->dir, "--library", fixture->library, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  documents = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (documents), ==, 1);
  first = json_array_get_object_element (documents, 0);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "The Customs House");
  g_assert_cmpstr (json_object_get_string_member (first, "date"), ==, "c. 1925");
  g_assert_cmpint (json_object_get_int_member (first, "annotations"), ==, 0);

  cli_run (&run, fixture->dir, "--library", fixture->library, "edit", "1", "--author", "Tomasz Lindqvist",
           "--title", "The Old Customs House", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli_run (&run, fixture->dir, "--library", fixture->library, "show", "The Old Customs House", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Author:       Tomasz Lindqvist\n"));
  g_assert_nonnull (strstr (run.out, "Source:       Harbour Board minutes, fol. 12\n"));
  g_assert_nonnull (strstr (run.out, "Language:     English (en)\n"));

  /* Issue 12: the language search stems in, set and shown; a code it does not know is refused. */
  cli_run (&run, fixture->dir, "--library", fixture->library, "edit", "1", "--language", "de", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "show", "1", NULL);
  g_assert_nonnull (strstr (run.out, "Language:     German (de)\n"));
  cli_run (&run, fixture->dir, "--library", fixture->library, "edit", "1", "--language", "xx", "--title", "Lost", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“xx” is not a language"));
  cli_run (&run, fixture->dir, "--library", fixture->library, "show", "1", NULL);
  g_assert_nonnull (strstr (run.out, "Title:        The Old Customs House\n"));
  g_assert_nonnull (strstr (run.out, "Language:     German (de)\n"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Tomasz Lindqvist"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "edit", "1", NULL);
  g_assert_cmpint (run.status, ==, 2);

  cli_run (&run, fixture->dir, "--library", fixture->library, "show", "No Such Essay", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "No Such Essay"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "delete", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "info", NULL);
  g_assert_nonnull (strstr (run.out, "Documents:       0\n"));
}

static void
test_annotate_commands (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *essay = write_essay (fixture, "zelenski.txt",
    "Żeleński wrote that “the river forgot us” — twice.\n\n"
    "Ни один купец не остался; the river forgot us, and so did Kessmouth.\n", -1);
  g_autofree char *expected = NULL;
  const char *second;
  JsonArray *annotations;
  JsonObject *first;
  int start;

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--title", "Twice", essay, NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* Ambiguous without --occurrence; not found; unknown tag. */
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "Twice",
           "--quote", "the river forgot us", "--tag", "evidence", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "occurs 2 times"));
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "Twice",
           "--quote", "the sea forgot us", "--tag", "evidence", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "does not occur"));
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "Twice",
           "--quote", "Kessmouth", "--tag", "gossip", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "gossip"));
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "Twice", "--quote", "Kessmouth", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* The second occurrence sits after Cyrillic text: offsets are code points, not bytes. */
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "Twice",
           "--quote", "the river forgot us", "--occurrence", "2",
           "--tag", "evidence", "--tag", "counter-argument", "--note", "Repeated — on purpose?", NULL);
  g_assert_cmpint (run.status, ==, 0);
  second = strstr (strstr ("Żeleński wrote that “the river forgot us” — twice.\n\n"
                           "Ни один купец не остался; the river forgot us, and so did Kessmouth.\n",
                           "Ни"), "the river");
  start = g_utf8_pointer_to_offset ("Żeleński wrote that “the river forgot us” — twice.\n\n"
                                    "Ни один купец не остался; the river forgot us, and so did Kessmouth.\n",
                                    second);
  g_assert_cmpint (start, ==, 78);
  expected = g_strdup_printf ("1\t%d\t%d\n", start, start + 19);
  g_assert_cmpstr (run.out, ==, expected);

  cli_run (&run, fixture->dir, "--library", fixture->library, "annotations", "Twice", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  annotations = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (annotations), ==, 1);
  first = json_array_get_object_element (annotations, 0);
  g_assert_cmpint (json_object_get_int_member (first, "start"), ==, start);
  g_assert_cmpstr (json_object_get_string_member (first, "quote"), ==, "the river forgot us");
  g_assert_cmpstr (json_object_get_string_member (first, "prefix"), ==, "ice.\n\nНи один купец не остался; ");
  g_assert_cmpstr (json_object_get_string_member (first, "note"), ==, "Repeated — on purpose?");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "tags")), ==, 2);

  cli_run (&run, fixture->dir, "--library", fixture->library, "annotations", "Twice", NULL);
  g_assert_nonnull (strstr (run.out, "evidence, counter-argument"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "unannotate", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "unannotate", "1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  cli_run (&run, fixture->dir, "--library", fixture->library, "unannotate", "one", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* Issue 12, defect 9: "annotations" says why each unplaced one is unplaced, and
 * "unannotate --unplaced DOC" deletes them all, leaving the placed ones. */
static void
test_unplaced_commands (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *essay = write_essay (fixture, "locks.txt", "The lock at Orsava was rebuilt twice.\n", -1);
  g_autofree char *notes = NULL;

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--title", "Locks",
           "--source", "https://example.org/locks", essay, NULL);
  g_assert_cmpint (run.status, ==, 0);
  notes = test_write_file (fixture->dir, "weirs.json",
    "[{\"type\": \"Annotation\", \"target\": {\"source\": \"https://example.org/locks\","
    "  \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"a weir that never was\"}}},"
    " {\"type\": \"Annotation\", \"target\": {\"source\": \"https://example.org/locks\","
    "  \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"rebuilt twice\"}}}]");
  cli_run (&run, fixture->dir, "--library", fixture->library, "import-annotations", notes, NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli_run (&run, fixture->dir, "--library", fixture->library, "annotations", "Locks", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\tUnplaced: Imported from “weirs.json”, but this passage is not in the essay’s text.\n"));
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotations", "Locks", "--json", NULL);
  g_assert_nonnull (strstr (run.out, "\"unplaced_reason\" : \"imported\""));
  g_assert_nonnull (strstr (run.out, "\"unplaced_source\" : \"weirs.json\""));

  cli_run (&run, fixture->dir, "--library", fixture->library, "unannotate", "1", "--unplaced", "Locks", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_run (&run, fixture->dir, "--library", fixture->library, "unannotate", "--unplaced", "Locks", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Deleted 1 unplaced annotation of “Locks”\n");
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM annotations"), ==, 1);
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM annotations WHERE orphaned"), ==, 0);
}

static void
test_tag_commands (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *essay = write_essay (fixture, "dues.txt", "The dues rose in 1843 and again in 1846.\n", -1);

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", essay, NULL);
  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "add", "chronology",
           "--colour", "#9141AC", "--description", "Dates and sequence", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "add", "Chronology", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "already exists"));
  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "recolour", "chronology", "purple", NULL);
  g_assert_cmpint (run.status, ==, 1);

  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "1", "--quote", "1843",
           "--tag", "chronology", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "rename", "thesis", "claim", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "merge", "chronology", "evidence", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli_run (&run, fixture->dir, "--library", fixture->library, "tags", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "claim\t#a01890\t0\tA claim the author argues for\n"
                   "evidence\t#38a010\t1\tFacts, figures or testimony offered in support\n"
                   "source-reference\t#d07020\t0\tA citation of an archive, text or witness\n"
                   "counter-argument\t#ff0008\t0\tA position the author argues against\n");

  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "delete", "evidence", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "which 1 annotation carried"));
  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "frobnicate", "x", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_compare_and_matrix (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *early = write_essay (fixture, "early.txt", "The river silted. The dues rose.\n", -1);
  g_autofree char *late = write_essay (fixture, "late.txt", "The dues rose, and the river silted.\n", -1);
  g_autofree char *silent = write_essay (fixture, "silent.txt", "On the opera house of 1862.\n", -1);
  JsonArray *groups;
  JsonObject *first;

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--author", "Helena Marwick",
           "--date", "1956", late, NULL);
  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--author", "Tomasz Lindqvist",
           "--date", "c. 1925", early, NULL);
  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--author", "Adaeze Okafor", silent, NULL);
  cli_run (&run, fixture->dir, "--library", fixture->library, "theme", "add", "Silt", NULL);
  cli_run (&run, fixture->dir, "--library", fixture->library, "theme", "add", "Dues", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "1", "--quote", "the river silted",
           "--tag", "thesis", "--theme", "Silt", "--note", "Second place", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "2", "--quote", "The river silted",
           "--tag", "evidence", "--theme", "Silt", NULL);
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "2", "--quote", "The dues rose",
           "--tag", "evidence", NULL);
  cli_run (&run, fixture->dir, "--library", fixture->library, "theme", "assign", "3", "Dues", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "theme", "assign", "99", "Dues", NULL);
  g_assert_cmpint (run.status, ==, 1);

  cli_run (&run, fixture->dir, "--library", fixture->library, "compare", "Silt", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "Tomasz Lindqvist\n"
                   "  early (c. 1925)\n"
                   "    “The river silted” [evidence] ¶ 1\n"
                   "\n"
                   "Helena Marwick\n"
                   "  late (1956)\n"
                   "    “the river silted” [thesis] ¶ 1\n"
                   "      Second place\n");

  cli_run (&run, fixture->dir, "--library", fixture->library, "compare", "Silt", "--tag", "thesis", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  groups = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (groups), ==, 1);
  first = json_array_get_object_element (groups, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "author"), ==, "Helena Marwick");

  cli_run (&run, fixture->dir, "--library", fixture->library, "compare", "Nothing", NULL);
  g_assert_cmpint (run.status, ==, 1);

  cli_run (&run, fixture->dir, "--library", fixture->library, "matrix", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "Author\tSilt\tDues\n"
                   "Tomasz Lindqvist\t1\t1\n"
                   "Helena Marwick\t1\t—\n"
                   "Adaeze Okafor\t—\t—\n");

  cli_run (&run, fixture->dir, "--library", fixture->library, "theme", "unassign", "3", "Dues", NULL);
  cli_run (&run, fixture->dir, "--library", fixture->library, "matrix", "--by-tag", NULL);
  g_assert_nonnull (strstr (run.out, "Tomasz Lindqvist\t1 (evidence 1)\t—\n"));
}

static void
test_export_formats (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *essay = write_essay (fixture, "dues.txt", "The dues rose, “and the river silted”.\n", -1);
  g_autofree char *json_path = g_build_filename (fixture->dir, "all.json", NULL);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "all.pdf", NULL);
  JsonObject *collection;

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--author", "Helena Marwick", essay, NULL);
  cli_run (&run, fixture->dir, "--library", fixture->library, "theme", "add", "Silt", NULL);
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "1", "--quote", "the river silted",
           "--tag", "evidence", "--theme", "Silt", "--note", "A note, with a comma", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "1", "--format", "csv", "-o", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "document,author,date,source,page,tags,themes,quote,note,start,end,orphaned\r\n"));
  g_assert_nonnull (strstr (run.out, "\"A note, with a comma\""));

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "--all", "--format", "w3c",
           "-o", json_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  collection = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==, "AnnotationCollection");
  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==, 1);

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "--format", "md", "--theme", "Silt",
           "-o", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "# Silt\n"));
  g_assert_nonnull (strstr (run.out, "## Helena Marwick\n"));
  g_assert_nonnull (strstr (run.out, "> the river silted\n"));

  /* A PDF is one document; --all is refused before anything is written. */
  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "--all", "--format", "pdf",
           "-o", pdf_path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_false (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "1", "--format", "docx", "-o", pdf_path, NULL);
  g_assert_cmpint (run.status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) test_add_with_library (path, func)
  ADD ("/cli/help-and-version", test_help);
  ADD ("/cli/bad-usage-exits-2", test_bad_usage);
  ADD ("/cli/init-then-info", test_init_then_info);
  ADD ("/cli/default-library-under-xdg-data-home", test_default_library);
  ADD ("/cli/missing-library-is-an-error", test_missing_library);
  ADD ("/cli/foreign-file-refused-unchanged", test_foreign_file_refused);
  ADD ("/cli/import/batch-goes-on-after-bad-files", test_import_batch_goes_on_after_bad_files);
  ADD ("/cli/documents/import-list-edit-show-delete", test_document_commands);
  ADD ("/cli/annotations/annotate-list-unannotate", test_annotate_commands);
  ADD ("/cli/annotations/unplaced", test_unplaced_commands);
  ADD ("/cli/tags/add-rename-merge-delete", test_tag_commands);
  ADD ("/cli/themes/compare-and-matrix", test_compare_and_matrix);
  ADD ("/cli/export/csv-w3c-markdown", test_export_formats);
#undef ADD

  return g_test_run ();
}
