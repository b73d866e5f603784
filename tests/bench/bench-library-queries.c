/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Library-wide queries on the big library of issue 17 (10,000 essays, 1,000,000 annotations,
 * 200 themes, 20 tags, 1,000 authors; bench-big-library.h):
 *   - one theme compared (≈5,000 passages with their quotes, by author, document and text
 *     order): target < 20 ms;
 *   - the matrix of 1,000 authors × 200 themes: target < 50 ms;
 *   - the whole library's annotation list filtered by a tag, to its first rows: the rows'
 *     ids from the store and the first screen of annotations built (core), and with a display
 *     the list widget switched to the whole library and painted: target < 100 ms.
 * Each is run once to warm the caches, then BENCH_N_RUNS times: the median and the worst wall time,
 * the median processor time (user and system, which other work on a shared machine does not
 * inflate) and the ratio of the median to the target. */

#include "config.h"

#include <adwaita.h>

#include "bench-big-library.h"
#include "bench-big-runs.h"
#include "bench-corpus.h"
#include "bench-ui.h"
#include "scholia-annotation-list.h"
#include "scholia-annotation-pages.h"
#include "scholia-comparison.h"
#include "scholia-matrix.h"

#define FIRST_ROWS 40   /* a pane's screen of rows, and some */

static ScholiaTheme *
theme_at (ScholiaStore *store,
          guint         position)
{
  return g_list_model_get_item (scholia_store_get_labels (store, SCHOLIA_TYPE_THEME), position);
}

static gint64
tag_id_at (ScholiaStore *store,
           guint         position)
{
  g_autoptr(ScholiaLabel) tag = g_list_model_get_item (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG), position);

  return scholia_label_get_id (tag);
}

/* A new comparison each time, as when the theme is first chosen; a different theme each run. */
static guint
compare_theme (ScholiaStore *store,
               guint         run)
{
  g_autoptr(ScholiaComparison) comparison = scholia_comparison_new (store);
  g_autoptr(ScholiaTheme) theme = theme_at (store, 10 + run);

  scholia_comparison_set_theme (comparison, theme);
  return g_list_model_get_n_items (scholia_comparison_get_passages (comparison));
}

static guint
count_matrix (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  ScholiaMatrix *matrix = scholia_matrix_new (store, FALSE, &error);
  guint authors;

  g_assert_no_error (error);
  authors = scholia_matrix_get_n_authors (matrix);
  g_assert_cmpuint (scholia_matrix_get_n_themes (matrix), ==, BENCH_BIG_N_THEMES);
  scholia_matrix_free (matrix);
  return authors;
}

/* The ids of a tag's annotations across the library, and the first screen of them built. */
static guint
list_tag_first_rows (ScholiaStore *store,
                     guint         run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotationPages) rows = scholia_annotation_pages_new (store);
  gint64 tag_id = tag_id_at (store, 4 + run);
  g_autoptr(GArray) places = scholia_store_list_annotation_places (store, &tag_id, 1, NULL, 0, NULL, 0, &error);

  g_assert_no_error (error);
  scholia_annotation_pages_set_places (rows, places);
  for (guint i = 0; i < FIRST_ROWS; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (rows), i);

      g_assert_nonnull (annotation);
    }
  return places->len;
}

static void
bench_core (ScholiaStore *store)
{
  BenchRuns compare = { 0 }, matrix = { 0 }, list = { 0 };
  gint64 begin;
  double cpu;
  guint n;

  /* Warm the caches, as a library in use has them. */
  n = compare_theme (store, BENCH_N_RUNS);
  g_print ("compare: %u passages in theme 16 (first run)\n", n);
  for (guint i = 0; i < BENCH_N_RUNS; i++)
    {
      begin = g_get_monotonic_time ();
      cpu = bench_cpu_ms ();
      n = compare_theme (store, i);
      compare.wall[i] = (g_get_monotonic_time () - begin) / 1e3;
      compare.cpu[i] = bench_cpu_ms () - cpu;
      g_assert_cmpuint (n, >, 3000);
    }
  bench_runs_report ("compare one theme (≈5,000 passages)", &compare, 20);

  n = count_matrix (store);
  for (guint i = 0; i < BENCH_N_RUNS; i++)
    {
      begin = g_get_monotonic_time ();
      cpu = bench_cpu_ms ();
      n = count_matrix (store);
      matrix.wall[i] = (g_get_monotonic_time () - begin) / 1e3;
      matrix.cpu[i] = bench_cpu_ms () - cpu;
    }
  g_assert_cmpuint (n, ==, BENCH_BIG_N_AUTHORS);
  bench_runs_report ("matrix 1,000 authors × 200 themes", &matrix, 50);

  n = list_tag_first_rows (store, BENCH_N_RUNS);
  g_print ("annotation list: %u annotations with tag 10 (first run)\n", n);
  for (guint i = 0; i < BENCH_N_RUNS; i++)
    {
      begin = g_get_monotonic_time ();
      cpu = bench_cpu_ms ();
      n = list_tag_first_rows (store, i);
      list.wall[i] = (g_get_monotonic_time () - begin) / 1e3;
      list.cpu[i] = bench_cpu_ms () - cpu;
      g_assert_cmpuint (n, >, 30000);
    }
  bench_runs_report ("whole-library annotation list by a tag, first rows built (core)", &list, 100);
}

/* The list widget in the pane, already showing the whole library, given a tag in its filter:
 * until the frame with the first rows is painted. */
static void
bench_list_widget (ScholiaStore *store)
{
  g_autoptr(ScholiaEditor) editor = scholia_editor_new (store);
  ScholiaAnnotationList *list = SCHOLIA_ANNOTATION_LIST (scholia_annotation_list_new ());
  ScholiaAnnotationFilter *filter = scholia_annotation_list_get_filter (list);
  GtkWidget *window = gtk_window_new ();
  BenchRuns painted = { 0 };

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (list));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  scholia_annotation_list_set_editor (list, editor);
  scholia_annotation_list_set_whole_library (list, TRUE);
  scholia_annotation_list_refresh (list);
  bench_wait_for_paint (window);
  g_print ("annotation list: whole library, %u rows\n",
           g_list_model_get_n_items (G_LIST_MODEL (scholia_annotation_list_get_selection (list))));

  for (guint i = 0; i <= BENCH_N_RUNS; i++)
    {
      gint64 tag_id = tag_id_at (store, 4 + i);
      gint64 begin = g_get_monotonic_time ();
      double cpu = bench_cpu_ms ();

      scholia_annotation_filter_set_tag_ids (filter, &tag_id, 1);
      bench_wait_for_paint (window);
      /* The first run warms the caches. */
      if (i > 0)
        {
          painted.wall[i - 1] = (g_get_monotonic_time () - begin) / 1e3;
          painted.cpu[i - 1] = bench_cpu_ms () - cpu;
        }
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (scholia_annotation_list_get_selection (list))), >, 30000);
    }
  bench_runs_report ("whole-library annotation list by a tag, first rows painted (widget)", &painted, 100);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  return bench_big_library_main (bench_core, bench_list_widget, "the list widget");
}
