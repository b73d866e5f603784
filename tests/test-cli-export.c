/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "cli-runner.h"
#include "repro.h"
#include "test-files.h"

typedef struct
{
  char *dir;
  char *library;
  char *output;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *essay = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-cli-export-XXXXXX");
  fixture->library = g_build_filename (fixture->dir, "x.sqlite3", NULL);
  fixture->output = g_build_filename (fixture->dir, "essay.pdf", NULL);
  essay = g_build_filename (fixture->dir, "harbour.txt", NULL);
  g_assert_true (g_file_set_contents (essay, "The river silted. The railway came late. The dues rose.\n", -1, NULL));

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--title", "Harbour",
           "--author", "Helena Marwick", essay, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "theme", "add", "Silt", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "Harbour", "--quote", "The river silted",
           "--tag", "thesis", "--theme", "Silt", "--note", "The claim.", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->library);
  g_free (fixture->output);
}

static gboolean
is_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  return g_file_get_contents (path, &contents, &length, NULL) && length > 5 && memcmp (contents, "%PDF-", 5) == 0;
}

static void
test_export_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Harbour", "--format", "pdf",
           "-o", fixture->output, "--page-size", "letter", "--tag", "thesis", "--theme", "Silt",
           "--font-size", "12", "--ragged", "--no-notes", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (is_pdf (fixture->output));
}

static void
test_export_usage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Harbour", "--format", "docx",
           "-o", fixture->output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Unknown format “docx”"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Harbour", "--format", "pdf", NULL);
  g_assert_cmpint (run.status, ==, 2);

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Harbour", "--format", "pdf",
           "-o", fixture->output, "--page-size", "a3", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));
}

/* Failures exit 1 with one line naming what went wrong, and leave no file. */
static void
test_export_failures (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *unwritable = g_build_filename (fixture->dir, "missing", "essay.pdf", NULL);

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Nowhere", "--format", "pdf",
           "-o", fixture->output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpint (cli_count_lines (run.err), ==, 1);

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Harbour", "--format", "pdf",
           "-o", fixture->output, "--tag", "no-such-tag", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no-such-tag"));
  g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Harbour", "--format", "pdf",
           "-o", unwritable, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpint (cli_count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, unwritable));
}

static void
test_handout (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, fixture->dir, "--library", fixture->library, "handout", "Silt", "-o", fixture->output,
           "--author", "Helena Marwick", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (is_pdf (fixture->output));

  g_assert_cmpint (g_unlink (fixture->output), ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "handout", "Terror", "-o", fixture->output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpint (cli_count_lines (run.err), ==, 1);

  cli_run (&run, fixture->dir, "--library", fixture->library, "handout", "Silt", "-o", fixture->output,
           "--author", "Nobody Atall", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Nobody Atall"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "handout", "Silt", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));
}

/* pdftotext's words of @pdf, with words split by a hyphen (or the soft hyphen the export
 * breaks words at) at a line's end joined again. */
static char **
pdf_words (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) words = g_string_new (NULL);
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '-' && p[1] == '\n')
        p++;
      else if (g_str_has_prefix (p, "\xc2\xad\n") && p[3] != '\0' && !g_ascii_isspace (p[3]))
        p += 2;
      else if (g_ascii_isspace (*p))
        {
          if (words->len > 0 && words->str[words->len - 1] != ' ')
            g_string_append_c (words, ' ');
        }
      else
        g_string_append_c (words, *p);
    }
  return g_strsplit (g_strchomp (words->str), " ", -1);
}

/* Whether @word is hyphenated at the foot of a page: its first part ends found[@at] with a
 * soft hyphen, and the rest comes after the folio and the next page's running head. */
static gboolean
is_split_at_page (char       **found,
                  guint        at,
                  const char  *word)
{
  gsize length = strlen (found[at]);

  if (!g_str_has_suffix (found[at], "\xc2\xad") || strncmp (found[at], word, length - 2) != 0)
    return FALSE;
  for (guint i = at + 1; found[i] != NULL && i < at + 40; i++)
    if (g_str_equal (found[i], word + length - 2))
      return TRUE;
  return FALSE;
}

/* A 1 MB paragraph once came out as 89 pages holding a quarter of it, garbled, with exit 0:
 * every word of the input must be in the PDF, in order (folios and running heads between). */
static void
test_export_long_paragraph (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *essay = repro_copy ("export-1MB-paragraph.txt", fixture->dir);
  g_autofree char *text = NULL;
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) found = NULL;
  guint next = 0;

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--title", "Paragraph", essay, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Paragraph", "--format", "pdf",
           "-o", fixture->output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  g_assert_true (g_file_get_contents (essay, &text, NULL, NULL));
  words = g_strsplit_set (g_strstrip (text), " \n", -1);
  found = pdf_words (fixture->output);
  for (guint i = 0; words[i] != NULL; i++)
    {
      while (found[next] != NULL && !g_str_equal (found[next], words[i]) && !is_split_at_page (found, next, words[i]))
        next++;
      if (found[next] == NULL)
        g_error ("word %u of %u, “%s”, is missing from the PDF", i, g_strv_length (words), words[i]);
      next++;
    }
}

/* pdftotext's text of @pdf's page @page (1-based), or with -bbox its words' boxes as XHTML. */
static char *
pdf_page_text (const char *pdf,
               int         page,
               gboolean    bbox)
{
  g_autofree char *number = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", number, "-l", number, bbox ? "-bbox" : "-raw", pdf, "-",
                         NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* The left edge of the leftmost word on @pdf's page @page (1-based). */
static double
leftmost_word (const char *pdf,
               int         page)
{
  g_autofree char *boxes = pdf_page_text (pdf, page, TRUE);
  double left = G_MAXDOUBLE;

  for (const char *p = strstr (boxes, "<word xMin=\""); p != NULL; p = strstr (p + 1, "<word xMin=\""))
    left = MIN (left, g_ascii_strtod (p + strlen ("<word xMin=\""), NULL));
  g_assert_cmpfloat (left, <, G_MAXDOUBLE);
  return left;
}

/* --course and a filter head the first page; --one-sided lays the second page out as the
 * first, where by default its column moves right to mirror the margins. */
static void
test_export_course_and_one_sided (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *essay = g_build_filename (fixture->dir, "long.txt", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *first_page = NULL;
  double two_sided[2], one_sided[2];

  for (int i = 0; i < 60; i++)
    g_string_append (text, "The harbour master wrote each spring that the channel was narrower, and each spring the "
                           "town council thanked him and did nothing at all.\n\n");
  g_assert_true (g_file_set_contents (essay, text->str, -1, NULL));
  cli_run (&run, fixture->dir, "--library", fixture->library, "import", "--title", "Long Harbour", essay, NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Harbour", "--format", "pdf",
           "-o", fixture->output, "--tag", "thesis", "--course", "Rivers and Ports, Spring Term", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  first_page = pdf_page_text (fixture->output, 1, FALSE);
  g_assert_nonnull (strstr (first_page, "Only: thesis"));
  g_assert_nonnull (strstr (first_page, "Rivers and Ports, Spring Term"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Long Harbour", "--format", "pdf",
           "-o", fixture->output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  two_sided[0] = leftmost_word (fixture->output, 1);
  two_sided[1] = leftmost_word (fixture->output, 2);
  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Long Harbour", "--format", "pdf",
           "-o", fixture->output, "--one-sided", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  one_sided[0] = leftmost_word (fixture->output, 1);
  one_sided[1] = leftmost_word (fixture->output, 2);
  g_assert_cmpfloat (two_sided[1] - two_sided[0], >, 100);
  g_assert_cmpfloat (fabs (one_sided[1] - one_sided[0]), <, 1);
}

/* Runs one export of each kind, PDF, CSV, Markdown, W3C and handout, to @path. */
static void
export_every_kind (Fixture    *fixture,
                   const char *path,
                   void      (*check) (const char *path, gconstpointer data),
                   gconstpointer data)
{
  const char *formats[] = { "pdf", "csv", "md", "w3c" };

  for (guint i = 0; i <= G_N_ELEMENTS (formats); i++)
    {
      g_auto(CliRun) run = { 0 };

      if (i < G_N_ELEMENTS (formats))
        cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Harbour", "--format", formats[i],
                 "-o", path, NULL);
      else
        cli_run (&run, fixture->dir, "--library", fixture->library, "handout", "Silt", "-o", path, NULL);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);
      check (path, data);
    }
}

/* A private file with old bytes, which the next export has to replace. */
static void
write_private_old_file (const char *path)
{
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

static void
check_private_and_new (const char    *path,
                       gconstpointer  data)
{
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, !=, "old");
  write_private_old_file (path);
}

/* Every exporter keeps a private file private (a re-export once made it 0644). */
static void
test_export_keeps_mode (Fixture       *fixture,
                        gconstpointer  data)
{
  write_private_old_file (fixture->output);
  export_every_kind (fixture, fixture->output, check_private_and_new, NULL);
}

static void
check_link_kept (const char    *path,
                 gconstpointer  data)
{
  const char *real = data;
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  check_private_and_new (real, NULL);
}

/* Every exporter writes through a link at the target (it once replaced the link by a file). */
static void
test_export_through_symlink (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *link = g_build_filename (fixture->dir, "link.out", NULL);

  write_private_old_file (fixture->output);
  g_assert_cmpint (symlink (fixture->output, link), ==, 0);
  export_every_kind (fixture, link, check_link_kept, fixture->output);
}

/* What a killed PDF export left (".essay.pdf.XXXXXX") goes with the next export there. */
static void
test_export_removes_stale_temp (Fixture       *fixture,
                                gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *stale = g_build_filename (fixture->dir, ".essay.pdf.Qw3rT9", NULL);
  struct utimbuf times;

  g_assert_true (g_file_set_contents (stale, "%PDF-1.5 cut short", -1, NULL));
  times.actime = times.modtime = g_get_real_time () / G_USEC_PER_SEC - 3 * 60 * 60;
  g_assert_cmpint (g_utime (stale, &times), ==, 0);

  cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Harbour", "--format", "pdf",
           "-o", fixture->output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (is_pdf (fixture->output));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
}

/* --font-size took "nan" (and 0 silently meant the default): anything but a number of points
 * from 6 to 24 is refused, naming the value, and nothing is written. */
static void
test_export_font_size_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *sizes[] = { "nan", "inf", "-inf", "-12", "0", "1e300", "100", "12pt", "" };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_auto(CliRun) run = { 0 };
      g_autofree char *quoted = g_strdup_printf ("“%s”", sizes[i]);

      cli_run (&run, fixture->dir, "--library", fixture->library, "export", "Harbour", "--format", "pdf",
               "-o", fixture->output, "--font-size", sizes[i], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, "--font-size must be a number between 6 and 24 points"));
      g_assert_nonnull (strstr (run.err, quoted));
      g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));

      cli_run (&run, fixture->dir, "--library", fixture->library, "handout", "Silt", "-o", fixture->output,
               "--font-size", sizes[i], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));
    }
}

static void
redirect_stdout (gpointer user_data)
{
  int fd = open (user_data, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  if (fd >= 0)
    dup2 (fd, STDOUT_FILENO);
}

/* Runs scholia-cli in @fixture's folder with its standard output in @stdout_path (a PDF may
 * hold NUL bytes, which a captured string would cut). */
static int
run_to_file (Fixture    *fixture,
             const char *stdout_path,
             const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (char *) SCHOLIA_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (fixture->dir, (char **) argv->pdata, NULL, G_SPAWN_CHILD_INHERITS_STDOUT, redirect_stdout,
                (gpointer) stdout_path, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* "-o -" wrote a PDF to a file named "-": the PDF (and the handout) go to standard output. */
static void
test_export_pdf_to_stdout (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *export_args[] = { "--library", fixture->library, "export", "Harbour", "--format", "pdf", "-o", "-",
                                NULL };
  const char *handout_args[] = { "--library", fixture->library, "handout", "Silt", "-o", "-", NULL };
  g_autofree char *dash = g_build_filename (fixture->dir, "-", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpint (run_to_file (fixture, fixture->output, export_args), ==, 0);
  g_assert_true (is_pdf (fixture->output));
  g_assert_true (g_file_get_contents (fixture->output, &contents, &length, NULL));
  /* The whole file: it ends with the end-of-file marker. */
  g_assert_cmpuint (length, >, 32);
  g_assert_nonnull (g_strstr_len (contents + length - 32, 32, "%%EOF"));

  g_assert_cmpint (run_to_file (fixture, fixture->output, handout_args), ==, 0);
  g_assert_true (is_pdf (fixture->output));
  g_assert_false (g_file_test (dash, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/export/pdf-with-options", Fixture, NULL, fixture_set_up, test_export_pdf, fixture_tear_down);
  g_test_add ("/cli/export/pdf-course-and-one-sided", Fixture, NULL, fixture_set_up, test_export_course_and_one_sided,
              fixture_tear_down);
  g_test_add ("/cli/export/usage-errors-exit-2", Fixture, NULL, fixture_set_up, test_export_usage, fixture_tear_down);
  g_test_add ("/cli/export/failures-exit-1-and-leave-nothing", Fixture, NULL, fixture_set_up, test_export_failures,
              fixture_tear_down);
  g_test_add ("/cli/export/long-paragraph-every-word", Fixture, NULL, fixture_set_up, test_export_long_paragraph,
              fixture_tear_down);
  g_test_add ("/cli/export/keeps-a-private-file-private", Fixture, NULL, fixture_set_up, test_export_keeps_mode,
              fixture_tear_down);
  g_test_add ("/cli/export/writes-through-a-symlink", Fixture, NULL, fixture_set_up, test_export_through_symlink,
              fixture_tear_down);
  g_test_add ("/cli/export/removes-stale-temporary-file", Fixture, NULL, fixture_set_up,
              test_export_removes_stale_temp, fixture_tear_down);
  g_test_add ("/cli/export/font-size-must-be-a-sane-number", Fixture, NULL, fixture_set_up,
              test_export_font_size_refused, fixture_tear_down);
  g_test_add ("/cli/export/pdf-to-standard-output", Fixture, NULL, fixture_set_up, test_export_pdf_to_stdout,
              fixture_tear_down);
  g_test_add ("/cli/handout/theme-and-authors", Fixture, NULL, fixture_set_up, test_handout, fixture_tear_down);

  return g_test_run ();
}
