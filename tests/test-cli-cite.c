/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 15: `scholia-cli cite ANNOTATION_ID --style pandoc|chicago|plain [--short] [--json]`
 * prints an annotation's passage with its citation; an unknown or orphaned annotation fails in
 * plain words. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-runner.h"
#include "test-files.h"

static const char essay[] =
  "The harbour at Varnholm silted up within a generation, wrote the harbour master in 1851.\n\n"
  "The merchants left for the east, and the ledger closes with a single word: finis.\n";

static const char revised[] =
  "The harbour at Varnholm was dredged every spring, wrote the harbour master in 1851.\n\n"
  "The merchants left for the east, and the ledger closes with a single word: finis.\n";

static const char references[] =
  "[{\"id\": \"marwick1999\", \"type\": \"book\", \"title\": \"The Ledger of Varnholm: A Port in Decline\",\n"
  "  \"author\": [{\"family\": \"Marwick\", \"given\": \"Helena\"}],\n"
  "  \"issued\": {\"date-parts\": [[1999]]}, \"publisher\": \"Tidewater Press\", \"publisher-place\": \"Bergen\"}]\n";

typedef TestLibraryFixture Fixture;

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* The essay, annotated on "silted up" (¶ 1) and "finis" (¶ 2); returns the ids. */
static void
make_library (Fixture *fixture,
              char   **first_id,
              char   **second_id)
{
  g_autofree char *essay_path = write_file (fixture, "ledger.txt", essay);
  g_auto(CliRun) result = { 0 };

  cli_run (&result, fixture->dir, "--library", fixture->library, "import", "--title", "The Ledger", "--author", "Helena Marwick", "--date", "1999",
       "--source", "Nordic Ports Quarterly", essay_path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  cli_run (&result, fixture->dir, "--library", fixture->library, "annotate", "The Ledger", "--quote", "silted up", "--tag", "evidence", NULL);
  g_assert_cmpint (result.status, ==, 0);
  *first_id = g_strndup (result.out, strcspn (result.out, "\t"));
  cli_run (&result, fixture->dir, "--library", fixture->library, "annotate", "The Ledger", "--quote", "finis", "--tag", "evidence", NULL);
  g_assert_cmpint (result.status, ==, 0);
  *second_id = g_strndup (result.out, strcspn (result.out, "\t"));
}

static void
link_reference (Fixture *fixture)
{
  g_autofree char *json_path = write_file (fixture, "zotero.json", references);
  g_auto(CliRun) result = { 0 };

  cli_run (&result, fixture->dir, "--library", fixture->library, "import-references", json_path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  cli_run (&result, fixture->dir, "--library", fixture->library, "edit", "The Ledger", "--key", "marwick1999", NULL);
  g_assert_cmpint (result.status, ==, 0);
}

static void
test_styles_with_reference (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_auto(CliRun) result = { 0 };

  make_library (fixture, &first, &second);
  link_reference (fixture);

  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", first, "--style", "pandoc", NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "“silted up” [@marwick1999, ¶ 1]\n");

  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", second, "--style", "chicago", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "“finis”\n\n"
                                   "Helena Marwick, *The Ledger of Varnholm: A Port in Decline* (Bergen: Tidewater Press, 1999), ¶ 2.\n");

  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", second, "--style", "chicago", "--short", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "“finis”\n\nMarwick, *The Ledger of Varnholm*, ¶ 2.\n");

  /* Plain is the default, as `cite` printed before styles. */
  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", second, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "“finis” (Marwick, “The Ledger”, 1999, ¶ 2)\n");

  /* The quote form takes a style too. */
  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", "The Ledger", "--quote", "single word", "--style", "pandoc", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "“single word” [@marwick1999, ¶ 2]\n");
}

/* Without a key, or with a key whose reference is not imported, the essay's own metadata. */
static void
test_styles_without_reference (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_auto(CliRun) result = { 0 };

  make_library (fixture, &first, &second);
  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", first, "--style", "chicago", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "“silted up”\n\nHelena Marwick, “The Ledger,” Nordic Ports Quarterly, 1999, ¶ 1.\n");

  /* No key: Pandoc has no name for it, so the note goes in an inline footnote. */
  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", first, "--style", "pandoc", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "“silted up”^[Helena Marwick, “The Ledger,” Nordic Ports Quarterly, 1999, ¶ 1.]\n");

  cli_run (&result, fixture->dir, "--library", fixture->library, "edit", "The Ledger", "--key", "marwick1999", NULL);
  g_assert_cmpint (result.status, ==, 0);
  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", first, "--style", "pandoc", NULL);
  g_assert_cmpstr (result.out, ==, "“silted up” [@marwick1999, ¶ 1]\n");
  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", first, "--style", "chicago", "--short", NULL);
  g_assert_cmpstr (result.out, ==, "“silted up”\n\nMarwick, “The Ledger,” ¶ 1.\n");
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_auto(CliRun) result = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  make_library (fixture, &first, &second);
  link_reference (fixture);
  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", first, "--style", "pandoc", "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (object, "annotation"), ==, g_ascii_strtoll (first, NULL, 10));
  g_assert_cmpstr (json_object_get_string_member (object, "key"), ==, "marwick1999");
  g_assert_true (json_object_get_boolean_member (object, "reference"));
  g_assert_cmpstr (json_object_get_string_member (object, "style"), ==, "pandoc");
  g_assert_cmpstr (json_object_get_string_member (object, "citation"), ==, "“silted up” [@marwick1999, ¶ 1]");
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *revised_path = NULL;
  g_auto(CliRun) result = { 0 };

  make_library (fixture, &first, &second);

  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", "9999", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, "9999"));

  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", first, "--style", "apa", NULL);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "plain, pandoc or chicago"));

  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", "silted", NULL);
  g_assert_cmpint (result.status, ==, 2);

  /* The revised edition no longer holds "silted up": its annotation is orphaned. */
  revised_path = write_file (fixture, "revised.txt", revised);
  cli_run (&result, fixture->dir, "--library", fixture->library, "reimport", "The Ledger", revised_path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", first, "--style", "chicago", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, "no longer found in the text of “The Ledger”"));
  cli_run (&result, fixture->dir, "--library", fixture->library, "cite", second, "--style", "chicago", NULL);
  g_assert_cmpint (result.status, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) test_add_with_library (path, func)
  ADD ("/cli/cite/styles-with-reference", test_styles_with_reference);
  ADD ("/cli/cite/styles-without-reference", test_styles_without_reference);
  ADD ("/cli/cite/json", test_json);
  ADD ("/cli/cite/errors", test_errors);
#undef ADD

  return g_test_run ();
}
