/* SPDX-License-Identifier: GPL-3.0-or-later */

/* scholia-cli's library-wide exports on the big library of issue 17 (10,000 essays, 1,000,000
 * annotations, 200 themes; bench-big-library.h), run in this process as the tool runs them
 * (the library opened once, as the tool opens it, and not measured; the output written to
 * /dev/null):
 *   - `compare THEME`: a theme's ≈5,000 passages printed with their quotes, tags, places and
 *     notes; target: under twice the processor time of the window's comparison of a theme
 *     (its passages listed, their text read when shown), measured here in the same minutes;
 *   - `export --all --format csv`: every annotation as a row (figure only).
 * Each is run once to warm the caches, then on other themes: medians of processor time (user
 * and system, which other work on a shared machine does not inflate) and of wall time. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench-big-library.h"
#include "bench-corpus.h"
#include "scholia-cli.h"
#include "scholia-comparison.h"

#define N_RUNS 5
#define N_CSV_RUNS 3

typedef struct
{
  double wall[N_RUNS];
  double cpu[N_RUNS];
} Runs;

static char *
theme_name (guint position)
{
  return g_strdup_printf ("Theme %03u", position + 1);
}

/* The window's comparison, as bench-library-queries measures it. */
static void
compare_in_window (ScholiaCli *cli,
                   guint       position)
{
  g_autoptr(ScholiaComparison) comparison = scholia_comparison_new (cli->store);
  g_autoptr(ScholiaTheme) theme = g_list_model_get_item (scholia_store_get_labels (cli->store, SCHOLIA_TYPE_THEME),
                                                         position);

  scholia_comparison_set_theme (comparison, theme);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_get_passages (comparison)), >, 3000);
}

/* Runs a command of the tool with its standard output thrown away. */
static void
run_quietly (ScholiaCli *cli,
             char      **argv)
{
  int null = open ("/dev/null", O_WRONLY);
  int saved;

  g_assert_cmpint (null, >=, 0);
  fflush (stdout);
  saved = dup (STDOUT_FILENO);
  dup2 (null, STDOUT_FILENO);
  close (null);
  g_assert_cmpint (g_str_equal (argv[0], "compare") ? scholia_cli_run_compare (cli, g_strv_length (argv), argv)
                                                    : scholia_cli_run_export (cli, g_strv_length (argv), argv), ==, 0);
  fflush (stdout);
  dup2 (saved, STDOUT_FILENO);
  close (saved);
}

static void
compare_in_cli (ScholiaCli *cli,
                guint       position)
{
  g_autofree char *name = theme_name (position);
  char *argv[] = { "compare", name, NULL };

  run_quietly (cli, argv);
}

static void
measure (Runs   *runs,
         guint   run,
         void  (*func) (ScholiaCli *, guint),
         ScholiaCli *cli,
         guint   position)
{
  gint64 begin = g_get_monotonic_time ();
  double cpu = bench_cpu_ms ();

  func (cli, position);
  runs->wall[run] = (g_get_monotonic_time () - begin) / 1e3;
  runs->cpu[run] = bench_cpu_ms () - cpu;
}

static double
median_of (const double *values,
           guint         n)
{
  double sorted[N_RUNS];

  memcpy (sorted, values, n * sizeof (double));
  return bench_median (sorted, n);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bench_big_library_ensure ();
  g_autofree char *dir = g_dir_make_tmp ("bench-cli-exports-XXXXXX", &error);
  g_autofree char *csv = NULL;
  g_autofree char *load = NULL;
  ScholiaCli cli = { .library_path = path };
  Runs window = { 0 }, tool = { 0 }, table = { 0 };
  double window_cpu, tool_cpu;
  GStatBuf info;

  g_assert_no_error (error);
  g_assert_nonnull (scholia_cli_open_store (&cli, FALSE, &error));
  g_assert_no_error (error);

  /* Warm the caches, as a library in use has them; then a theme not yet compared each run. */
  compare_in_window (&cli, 0);
  compare_in_cli (&cli, 1);
  for (guint i = 0; i < N_RUNS; i++)
    {
      measure (&window, i, compare_in_window, &cli, 20 + i);
      measure (&tool, i, compare_in_cli, &cli, 40 + i);
    }
  window_cpu = median_of (window.cpu, N_RUNS);
  tool_cpu = median_of (tool.cpu, N_RUNS);
  load = bench_load_average ();
  g_print ("compare one theme in the window (≈5,000 passages): processor %.1f ms, wall %.1f ms\n",
           window_cpu, median_of (window.wall, N_RUNS));
  g_print ("scholia-cli compare one theme, printed: processor %.1f ms, wall %.1f ms; "
           "target < 2× the window's (%.1f ms), ratio to the window %.2f; load %s\n",
           tool_cpu, median_of (tool.wall, N_RUNS), 2 * window_cpu, tool_cpu / window_cpu, load);

  csv = g_build_filename (dir, "library.csv", NULL);
  for (guint i = 0; i < N_CSV_RUNS; i++)
    {
      char *export_argv[] = { "export", "--all", "--format", "csv", "-o", csv, NULL };
      gint64 begin = g_get_monotonic_time ();
      double cpu = bench_cpu_ms ();

      run_quietly (&cli, export_argv);
      table.wall[i] = (g_get_monotonic_time () - begin) / 1e3;
      table.cpu[i] = bench_cpu_ms () - cpu;
    }
  g_assert_cmpint (g_stat (csv, &info), ==, 0);
  g_free (load);
  load = bench_load_average ();
  g_print ("scholia-cli export --all --format csv (%.1f MB): processor %.2f s, wall %.2f s; load %s\n",
           info.st_size / 1e6, median_of (table.cpu, N_CSV_RUNS) / 1e3, median_of (table.wall, N_CSV_RUNS) / 1e3, load);

  bench_remove_dir (dir);
  g_clear_object (&cli.library);
  return 0;
}
