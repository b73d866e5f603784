/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What scholia-cli's library-wide exports print, byte for byte (issue 17): compare (text and
 * JSON, with and without a tag to match), the table of every annotation (CSV), the Markdown of
 * every essay and of a theme, from a library with tags in the order they were given, themes,
 * notes that CSV must quote, links, and an essay with printed pages beside essays without. The
 * expected files (tests/exports/) were written by the exports as they were before they read
 * the passages' quotes, notes and tags in one pass rather than one statement per passage.
 * SCHOLIA_TEST_WRITE_EXPECTED=1 writes them again instead of comparing. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cli-runner.h"
#include "scholia-store.h"
#include "scholia-store-links.h"
#include "test-files.h"

typedef TestLibraryFixture Fixture;

static const char harbour[] =
  "The Harbour Ledger\n\n"
  "The river silted after 1840, and the merchants said so in every petition.\n\n"
  "The railway came late; the dues rose, and the board denied it.\n\n"
  "Some still wrote of a “temporary” decline, as if the sea would return.\n";

static const char granary[] =
  "Granaries\n\n"
  "Grain left by rail, not by sea.\n\n"
  "The customs house kept counting ships that no longer came.\n";

static const char anonymous[] =
  "A Pamphlet\n\n"
  "Nobody signed it, but everyone read it: the harbour was dying.\n";

static ScholiaAnnotation *
annotate (ScholiaStore    *store,
          ScholiaDocument *document,
          const char      *text,
          const char      *quote,
          gint64           tag_a,
          gint64           tag_b,
          gint64           theme,
          const char      *note)
{
  g_autoptr(GError) error = NULL;
  const char *found = strstr (text, quote);
  gint64 tags[] = { tag_a, tag_b };
  int start;
  ScholiaAnnotation *annotation;

  g_assert_nonnull (found);
  start = (int) g_utf8_pointer_to_offset (text, found);
  annotation = scholia_store_add_annotation (store, document, start, start + (int) g_utf8_strlen (quote, -1),
                                             tags, tag_b != 0 ? 2 : 1, &theme, theme != 0 ? 1 : 0, note, &error);
  g_assert_no_error (error);
  return annotation;
}

static gint64
add_label (ScholiaStore *store,
           GType         type,
           const char   *name)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *label = scholia_store_add_label (store, type, name, NULL, NULL, &error);

  g_assert_no_error (error);
  return scholia_label_get_id (label);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  g_autoptr(ScholiaAnnotation) first = NULL;
  g_autoptr(ScholiaAnnotation) second = NULL;
  g_autoptr(ScholiaLink) link = NULL;
  ScholiaDocument *ledger, *grain, *pamphlet;
  gint64 evidence, doubt, silt, trade;
  int half = (int) g_utf8_strlen (harbour, -1) / 2;

  test_library_fixture_set_up (fixture, data);
  store = scholia_store_open (fixture->library, &error);
  g_assert_no_error (error);

  g_array_append_val (pages, ((ScholiaPageRange) { 0, half, g_strdup ("117") }));
  g_array_append_val (pages, ((ScholiaPageRange) { half, (int) g_utf8_strlen (harbour, -1), g_strdup ("118") }));
  ledger = scholia_store_add_document (store, "The Harbour Ledger", "Helena Marwick", "1902", "Varnholm Review",
                                       harbour, pages, &error);
  g_assert_no_error (error);
  grain = scholia_store_add_document (store, "Granaries", "Jonas Abelard", "spring 1899", "", granary, NULL, &error);
  g_assert_no_error (error);
  pamphlet = scholia_store_add_document (store, "A Pamphlet", "", "", "", anonymous, NULL, &error);
  g_assert_no_error (error);

  evidence = add_label (store, SCHOLIA_TYPE_TAG, "figures");
  doubt = add_label (store, SCHOLIA_TYPE_TAG, "doubt, mild");
  silt = add_label (store, SCHOLIA_TYPE_THEME, "Silt");
  trade = add_label (store, SCHOLIA_TYPE_THEME, "Trade");

  first = annotate (store, ledger, harbour, "The river silted after 1840", doubt, evidence, silt,
                    "Says \"after\", not before;\nsee the petitions.");
  second = annotate (store, ledger, harbour, "the dues rose", evidence, 0, trade, "");
  g_clear_object (&second);
  second = annotate (store, ledger, harbour, "a “temporary” decline", doubt, 0, silt, "Irony?");
  g_clear_object (&second);
  second = annotate (store, grain, granary, "Grain left by rail, not by sea.", evidence, 0, silt, "");
  g_clear_object (&second);
  second = annotate (store, grain, granary, "ships that no longer came", evidence, doubt, trade, "The count, | *kept*.");
  g_clear_object (&second);
  second = annotate (store, pamphlet, anonymous, "the harbour was dying", doubt, 0, silt, "# not a heading");
  link = scholia_store_add_link (store, scholia_annotation_get_id (second), scholia_annotation_get_id (first),
                                 "agrees-with", &error);
  g_assert_no_error (error);
}

static void
assert_expected (const char *name,
                 const char *actual)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "exports", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("SCHOLIA_TEST_WRITE_EXPECTED") != NULL)
    {
      g_file_set_contents (path, actual, -1, &error);
      g_assert_no_error (error);
      return;
    }
  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (actual, ==, expected);
}

static void
assert_prints (Fixture    *fixture,
               const char *name,
               const char *first_arg,
               ...)
{
  g_auto(CliRun) run = { 0 };
  va_list args;

  va_start (args, first_arg);
  cli_run_valist (&run, NULL, fixture->dir, fixture->library, first_arg, args);
  va_end (args);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  assert_expected (name, run.out);
}

static void
assert_exports (Fixture    *fixture,
                const char *name,
                const char *first_arg,
                ...)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *output = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, "--library");
  g_ptr_array_add (argv, fixture->library);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, "-o");
  g_ptr_array_add (argv, output);
  g_ptr_array_add (argv, NULL);

  cli_run_argv (&run, NULL, fixture->dir, (const char * const *) argv->pdata);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_file_get_contents (output, &contents, NULL, &error);
  g_assert_no_error (error);
  assert_expected (name, contents);
}

static void
test_compare (Fixture       *fixture,
              gconstpointer  data)
{
  assert_prints (fixture, "compare.txt", "compare", "Silt", NULL);
  assert_prints (fixture, "compare.json", "compare", "Silt", "--json", NULL);
  assert_prints (fixture, "compare-tag.txt", "compare", "Silt", "--tag", "figures", NULL);
  assert_prints (fixture, "compare-trade.json", "compare", "Trade", "--json", NULL);
}

static void
test_tables (Fixture       *fixture,
             gconstpointer  data)
{
  assert_exports (fixture, "all.csv", "export", "--all", "--format", "csv", NULL);
  assert_exports (fixture, "all.md", "export", "--all", "--format", "md", NULL);
  assert_exports (fixture, "silt.md", "export", "--format", "md", "--theme", "Silt", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-export-bytes/compare", Fixture, NULL, fixture_set_up, test_compare, test_library_fixture_tear_down);
  g_test_add ("/cli-export-bytes/tables", Fixture, NULL, fixture_set_up, test_tables, test_library_fixture_tear_down);
  return g_test_run ();
}
