/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The authors × themes matrix of the big library of issue 17 (1,000 authors × 200 themes over
 * 1,000,000 annotations; bench-big-library.h), as a user waits for it:
 *   - counted (core): the matrix built from the counts the library keeps (schema 15);
 *   - shown (widget): the matrix pane given the library, until the frame with its cells is
 *     painted, as when the pane is first opened (the counting above included);
 *   - scrolled (widget): from the first cells to the last author's last theme, painted;
 * each against the target of < 50 ms. Each is run once to warm the caches, then BENCH_N_RUNS
 * times: the median and the worst wall time, the median processor time and the ratio of the
 * median to the target. */

#include "config.h"

#include <adwaita.h>

#include "bench-big-library.h"
#include "bench-big-runs.h"
#include "bench-corpus.h"
#include "bench-ui.h"
#include "scholia-matrix-grid.h"
#include "scholia-matrix-view.h"
#include "scholia-matrix.h"

#define TARGET_MS 50

static void
bench_counted (ScholiaStore *store)
{
  BenchRuns runs = { 0 };

  for (guint i = 0; i <= BENCH_N_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 begin = g_get_monotonic_time ();
      double cpu = bench_cpu_ms ();
      g_autoptr(ScholiaMatrix) matrix = scholia_matrix_new (store, FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (scholia_matrix_get_n_authors (matrix), ==, BENCH_BIG_N_AUTHORS);
      g_assert_cmpuint (scholia_matrix_get_n_themes (matrix), ==, BENCH_BIG_N_THEMES);
      /* The first run warms the caches. */
      if (i > 0)
        {
          runs.wall[i - 1] = (g_get_monotonic_time () - begin) / 1e3;
          runs.cpu[i - 1] = bench_cpu_ms () - cpu;
        }
    }
  bench_runs_report ("matrix 1,000 authors × 200 themes, counted (core)", &runs, TARGET_MS);
}

static GtkWidget *
find_grid (GtkWidget *widget)
{
  if (SCHOLIA_IS_MATRIX_GRID (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *grid = find_grid (child);

      if (grid != NULL)
        return grid;
    }
  return NULL;
}

static void
scroll_to_end (GtkAdjustment *adjustment)
{
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static void
bench_shown (ScholiaStore *store)
{
  GtkWidget *window = gtk_window_new ();
  ScholiaMatrixView *view = SCHOLIA_MATRIX_VIEW (scholia_matrix_view_new ());
  GtkScrollable *grid = GTK_SCROLLABLE (find_grid (GTK_WIDGET (view)));
  BenchRuns runs = { 0 };
  BenchRuns scrolled = { 0 };

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i <= BENCH_N_RUNS; i++)
    {
      gint64 begin = g_get_monotonic_time ();
      double cpu = bench_cpu_ms ();

      scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (view), store);
      bench_wait_for_paint (window);
      if (i > 0)
        {
          runs.wall[i - 1] = (g_get_monotonic_time () - begin) / 1e3;
          runs.cpu[i - 1] = bench_cpu_ms () - cpu;
        }
      g_assert_cmpuint (scholia_matrix_view_get_n_rows (view), ==, BENCH_BIG_N_AUTHORS);

      begin = g_get_monotonic_time ();
      cpu = bench_cpu_ms ();
      scroll_to_end (gtk_scrollable_get_hadjustment (grid));
      scroll_to_end (gtk_scrollable_get_vadjustment (grid));
      bench_wait_for_paint (window);
      if (i > 0)
        {
          scrolled.wall[i - 1] = (g_get_monotonic_time () - begin) / 1e3;
          scrolled.cpu[i - 1] = bench_cpu_ms () - cpu;
        }
      g_assert_nonnull (scholia_matrix_grid_get_cell (SCHOLIA_MATRIX_GRID (grid), BENCH_BIG_N_AUTHORS - 1,
                                                      BENCH_BIG_N_THEMES - 1));
      gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (grid), 0);
      gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (grid), 0);
      scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (view), NULL);
      bench_wait_for_paint (window);
    }
  bench_runs_report ("matrix 1,000 authors × 200 themes, shown (widget, painted)", &runs, TARGET_MS);
  bench_runs_report ("matrix 1,000 authors × 200 themes, scrolled to the last cell (widget, painted)", &scrolled, TARGET_MS);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  return bench_big_library_main (bench_counted, bench_shown, "the matrix widget");
}
