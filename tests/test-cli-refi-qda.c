/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cli-runner.h"
#include "test-files.h"

/* scholia-cli's REFI-QDA commands as a user runs them: what they print and how they exit. */

static const char essay[] =
  "Żeleński’s ledger of the Varnholm harbour runs from 1841 to 1849.\n\n"
  "The dues rose three times; the Twelve Houses blamed the railway, the railway the river.\n";

static char *
shared_path (const char *name)
{
  return g_build_filename (g_getenv ("SCHOLIA_SHARED_DIR"), "refi-qda", name, NULL);
}

static void
set_up_library (TestLibraryFixture *fixture)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *essay_path = test_write_file (fixture->dir, "ledger.txt", essay);

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--title", "Ledger",
           "--author", "Irena Sobczak", essay_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "theme", "add", "Trade", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "Ledger", "--quote",
           "The dues rose three times", "--tag", "evidence", "--theme", "Trade", "--note", "Three rises.", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_export_import (TestLibraryFixture *fixture,
                    gconstpointer       data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *project = g_build_filename (fixture->dir, "ledger.qdpx", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.sqlite3", NULL);

  set_up_library (fixture);
  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "--all", "--format", "qdpx",
           "-o", project, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (project, G_FILE_TEST_IS_REGULAR));

  cli_run (&run, fixture->dir, "--library", other, "import-project", project, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported 1 essay: annotations: 1 (codings: 2, notes: 1)"));
  cli_run (&run, fixture->dir, "--library", other, "annotations", "Ledger", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "The dues rose three times"));
  g_assert_nonnull (strstr (run.out, "Trade"));

  /* One essay alone; a project cannot go to standard output. */
  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Ledger", "--format", "qdpx",
           "-o", project, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "--all", "--format", "qdpx",
           "-o", "-", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "zip"));
}

static void
test_import_real (TestLibraryFixture *fixture,
                  gconstpointer       data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *demo = shared_path ("demo.qdpx");

  cli_run (&run, fixture->dir, "--library", fixture->library, "import-project", demo, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported 2 essays: annotations: 158 (codings: 205, notes: 0)"));
  /* Who coded cannot be kept: said on standard error. */
  g_assert_nonnull (strstr (run.err, "205 codings were made by “cp”"));
}

static void
test_refused (TestLibraryFixture *fixture,
              gconstpointer       data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *corrupt = test_write_file (fixture->dir, "broken.qdpx", "not a zip at all");
  g_autofree char *before = NULL;

  set_up_library (fixture);
  cli_run (&run, fixture->dir, "--library", fixture->library, "info", NULL);
  before = g_steal_pointer (&run.out);
  cli_run (&run, fixture->dir, "--library", fixture->library, "import-project", corrupt, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "broken.qdpx"));
  cli_run (&run, fixture->dir, "--library", fixture->library, "info", NULL);
  g_assert_cmpstr (run.out, ==, before);

  cli_run (&run, fixture->dir, "--library", fixture->library, "import-project", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_run (&run, fixture->dir, "--library", fixture->library, "export-codebook", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_run (&run, fixture->dir, "--library", fixture->library, "import-codebook", corrupt, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "broken.qdpx"));
}

static void
test_codebook (TestLibraryFixture *fixture,
               gconstpointer       data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *codebook = g_build_filename (fixture->dir, "codes.qdc", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.sqlite3", NULL);

  set_up_library (fixture);
  cli_run (&run, fixture->dir, "--library", fixture->library, "export-codebook", "-o", codebook, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", other, "import-codebook", codebook, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* Two parents, four built-in tags (there already) and the theme, which is new. */
  g_assert_nonnull (strstr (run.out, "Read 7 codes: 1 new tag or theme"));
  cli_run (&run, fixture->dir, "--library", other, "themes", NULL);
  g_assert_nonnull (strstr (run.out, "Trade"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add_with_library ("/cli-refi-qda/export-import", test_export_import);
  test_add_with_library ("/cli-refi-qda/import-real", test_import_real);
  test_add_with_library ("/cli-refi-qda/refused", test_refused);
  test_add_with_library ("/cli-refi-qda/codebook", test_codebook);

  return g_test_run ();
}
