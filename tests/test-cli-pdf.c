/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PDFs through scholia-cli as a user meets them: the printed page every citation names, and a
 * file that would keep the PDF reader busy for minutes, skipped within the time limit. */
#include "config.h"

#include <string.h>

#include "cli-runner.h"
#include "repro.h"
#include "test-pdf.h"
#include "test-files.h"

typedef TestLibraryFixture Fixture;

/* hyphen-blank-page.pdf: page 1, a plate on page 2, page 3. A passage on page 3 used to be cited
 * as p. 2 everywhere a citation is printed. */
static void
test_page_citations (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *pdf = repro_copy ("hyphen-blank-page.pdf", fixture->dir);
  g_autofree char *handout = g_build_filename (fixture->dir, "handout.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *lib = fixture->library;

  cli_run (&run, fixture->dir, "--library", lib, "import", "--author", "Ada Okafor", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", lib, "theme", "add", "Decline", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* "histo-" on page 1, "rian" on page 3: cited where it starts. */
  cli_run (&run, fixture->dir, "--library", lib, "annotate", "1", "--quote", "historian of the Baltic",
           "--tag", "thesis", "--theme", "Decline", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", lib, "annotate", "1", "--quote",
           "explains the decline, line 5", "--tag", "evidence", "--theme", "Decline", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli_run (&run, fixture->dir, "--library", lib, "compare", "Decline", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "“historian of the Baltic” [thesis] p. 1\n"));
  g_assert_nonnull (strstr (run.out, "“explains the decline, line 5” [evidence] p. 3\n"));

  cli_run (&run, fixture->dir, "--library", lib, "export", "1", "--format", "csv", "-o", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, ",1,thesis,Decline,historian of the Baltic,"));
  g_assert_nonnull (strstr (run.out, ",3,evidence,Decline,\"explains the decline, line 5\","));

  cli_run (&run, fixture->dir, "--library", lib, "export", "1", "--format", "md", "-o", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "**thesis** · Themes: Decline · p. 1\n"));
  g_assert_nonnull (strstr (run.out, "**evidence** · Themes: Decline · p. 3\n"));

  cli_run (&run, fixture->dir, "--library", lib, "export", "--format", "md", "--theme", "Decline",
           "-o", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "*hyphen-blank-page* (2026), p. 1\n"));
  g_assert_nonnull (strstr (run.out, "*hyphen-blank-page* (2026), p. 3\n"));
  g_assert_null (strstr (run.out, "p. 2"));

  cli_run (&run, fixture->dir, "--library", lib, "handout", "Decline", "-o", handout, NULL);
  g_assert_cmpint (run.status, ==, 0);
  if (pdftotext == NULL)
    {
      g_test_message ("pdftotext is not installed: the handout's text is not checked");
      return;
    }
  {
    const char *argv[] = { pdftotext, handout, "-", NULL };
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text,
                  NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "(2026), p. 1"));
    g_assert_nonnull (strstr (text, "(2026), p. 3"));
    g_assert_null (strstr (text, "p. 2"));
  }
}

/* pdf-pagerange-fuzz.pdf prints its own labels, "p-1" and "p-3". */
static void
test_fuzzed_page_labels (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *pdf = repro_copy ("pdf-pagerange-fuzz.pdf", fixture->dir);
  const char *lib = fixture->library;

  cli_run (&run, fixture->dir, "--library", lib, "import", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", lib, "theme", "add", "Silt", NULL);
  cli_run (&run, fixture->dir, "--library", lib, "annotate", "1", "--quote", "qine 5 of page 2",
           "--tag", "evidence", "--theme", "Silt", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli_run (&run, fixture->dir, "--library", lib, "compare", "Silt", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "“qine 5 of page 2” [evidence] p. p-3\n"));
}

/* A PDF that keeps poppler busy for minutes is skipped after --timeout seconds with a message
 * naming it, and the rest of the batch is imported. */
static void
test_timeout_skips_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *bomb = repro_copy ("pdf-textbomb-2KB.pdf", fixture->dir);
  g_autofree char *good = repro_copy ("hyphen-blank-page.pdf", fixture->dir);
  const char *lib = fixture->library;
  gint64 started;
  double seconds;

  started = g_get_monotonic_time ();
  cli_run (&run, fixture->dir, "--library", lib, "import", "--timeout", "2", bomb, good, NULL);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpfloat (seconds, <, 15);
  g_assert_cmpstr (run.out, ==, "1\thyphen-blank-page\n");
  g_assert_cmpint (cli_count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "pdf-textbomb-2KB.pdf”"));
  g_assert_nonnull (strstr (run.err, "took longer than 2 seconds to read and was skipped"));

  cli_run (&run, fixture->dir, "--library", lib, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (cli_count_lines (run.out), ==, 2);
  g_assert_nonnull (strstr (run.out, "\n1 "));
  g_assert_nonnull (strstr (run.out, "hyphen-blank-page"));

  cli_run (&run, fixture->dir, "--library", lib, "import", "--timeout", "-1", good, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--timeout"));
}

static void
test_zero_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *pdf = repro_copy ("zero-pages.pdf", fixture->dir);

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", pdf, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "zero-pages.pdf” has no pages"));
}

/* The native highlights name --annotator as their author, and the user without it. */
static void
test_annotator (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *essay = g_build_filename (fixture->dir, "quay.txt", NULL);
  g_autofree char *output = g_build_filename (fixture->dir, "quay.pdf", NULL);
  g_autoptr(GError) error = NULL;
  const char *lib = fixture->library;
  const char *expected[] = { "Prof. Ana Lind", scholia_pdf_default_annotator () };

  g_assert_true (g_file_set_contents (essay, "The Quay\n\nThe quay was rebuilt twice before the war.\n", -1, &error));
  g_assert_no_error (error);
  cli_run (&run, fixture->dir, "--library", lib, "import", essay, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", lib, "annotate", "1", "--quote", "rebuilt twice", "--tag", "thesis", NULL);
  g_assert_cmpint (run.status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) labels = NULL;

      if (i == 0)
        cli_run (&run, fixture->dir, "--library", lib, "export", "1", "--format", "pdf", "-o", output,
                 "--annotator", expected[0], NULL);
      else
        cli_run (&run, fixture->dir, "--library", lib, "export", "1", "--format", "pdf", "-o", output, NULL);
      g_assert_cmpint (run.status, ==, 0);

      labels = test_pdf_highlight_labels (output);
      g_assert_cmpuint (g_strv_length (labels), ==, 1);
      g_assert_cmpstr (labels[0], ==, expected[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) test_add_with_library (path, func)
  ADD ("/cli/pdf/citations-name-the-printed-page", test_page_citations);
  ADD ("/cli/pdf/citations-use-the-pdf-page-labels", test_fuzzed_page_labels);
  ADD ("/cli/pdf/timeout-skips-file-batch-goes-on", test_timeout_skips_file);
  ADD ("/cli/pdf/zero-pages-has-no-pages", test_zero_pages);
  ADD ("/cli/pdf/annotator-names-the-highlights-author", test_annotator);
#undef ADD

  return g_test_run ();
}
