/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the benchmarks on the big library of issue 17 share: their main() and their report. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bench-big-library.h"
#include "bench-big-runs.h"
#include "bench-corpus.h"

static double
median (const double *values)
{
  double sorted[BENCH_N_RUNS];

  memcpy (sorted, values, sizeof sorted);
  return bench_median (sorted, BENCH_N_RUNS);
}

static double
worst (const double *values)
{
  double result = values[0];

  for (guint i = 1; i < BENCH_N_RUNS; i++)
    result = MAX (result, values[i]);
  return result;
}

void
bench_runs_report (const char      *what,
                   const BenchRuns *runs,
                   double           target_ms)
{
  g_autofree char *load = bench_load_average ();
  double wall = median (runs->wall);

  g_print ("%s: median %.1f ms (worst %.1f ms), processor %.1f ms; target < %.0f ms, ratio %.2f; load %s\n",
           what, wall, worst (runs->wall), median (runs->cpu), target_ms, wall / target_ms, load);
}

int
bench_big_library_main (BenchStoreFunc  core,
                        BenchStoreFunc  widget,
                        const char     *widget_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bench_big_library_ensure ();
  g_autoptr(ScholiaStore) store = NULL;
  gint64 begin = g_get_monotonic_time ();

  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  g_print ("big library opened in %.0f ms\n", (g_get_monotonic_time () - begin) / 1e3);

  core (store);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("No display: %s is not measured\n", widget_name);
      return 0;
    }
  gtk_init ();
  adw_init ();
  widget (store);
  return 0;
}
