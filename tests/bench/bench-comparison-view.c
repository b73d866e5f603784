/* SPDX-License-Identifier: GPL-3.0-or-later */

/* How long a historian waits, in a large library, between choosing a theme and reading how every
 * author treats it: the comparison query itself, the authors × themes table, and the sidebar
 * filled and drawn. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-corpus.h"
#include "scholia-comparison-view.h"
#include "scholia-comparison.h"
#include "scholia-matrix.h"
#include "scholia-stem-tokenizer.h"
#include "scholia-store.h"

#define N_DOCUMENTS      1000
#define N_AUTHORS        200
#define N_THEMES         50
#define N_ANNOTATIONS    100000
#define DOCUMENT_BYTES   6000
#define N_RUNS           5

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
check_sqlite (sqlite3 *db,
              int      rc)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("SQLite: %s", sqlite3_errmsg (db));
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  check_sqlite (db, sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL));
  return stmt;
}

static void
step_and_reset (sqlite3      *db,
                sqlite3_stmt *stmt)
{
  check_sqlite (db, sqlite3_step (stmt));
  sqlite3_reset (stmt);
}

/* Dates as historians write them, the vague ones included. */
static char *
make_date (GRand *rand)
{
  int year = g_rand_int_range (rand, 1840, 1990);

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return g_strdup_printf ("c. %d", year);
    case 1:
      return g_strdup_printf ("spring %d", year);
    default:
      return g_strdup_printf ("%d", year);
    }
}

/* The store writes the schema and the themes; the bulk goes in with raw SQL in one
 * transaction, which takes seconds where the store's one-transaction-per-call API would take
 * minutes. Every theme gets N_ANNOTATIONS / N_THEMES passages. */
static void
generate_library (const char *path)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1917);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *author, *document, *annotation, *tag, *theme;
  sqlite3 *db;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 theme_ids[N_THEMES];
  guint annotation_index = 0;

  {
    g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < N_THEMES; i++)
      {
        g_autofree char *name = g_strdup_printf ("Theme %02u", i + 1);
        ScholiaLabel *added = scholia_store_add_label (store, SCHOLIA_TYPE_THEME, name, NULL, NULL, &error);

        g_assert_no_error (error);
        theme_ids[i] = scholia_label_get_id (added);
      }
  }

  check_sqlite (NULL, sqlite3_open (path, &db));
  /* The documents' index stems with it, as on every connection Scholia opens. */
  check_sqlite (db, scholia_stem_tokenizer_register (db));
  check_sqlite (db, sqlite3_exec (db, "BEGIN", NULL, NULL, NULL));

  author = prepare (db, "INSERT INTO authors (id, name) VALUES (?, ?)");
  for (guint i = 0; i < N_AUTHORS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Author%03u Surname%03u", i, (i * 37) % N_AUTHORS);

      sqlite3_bind_int (author, 1, i + 1);
      sqlite3_bind_text (author, 2, name, -1, SQLITE_TRANSIENT);
      step_and_reset (db, author);
    }

  document = prepare (db, "INSERT INTO documents (id, uuid, title, author_id, date, text, characters,"
                          " checksum, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?)");
  annotation = prepare (db, "INSERT INTO annotations (id, uuid, document_id, start_offset, end_offset,"
                            " quote, note, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  tag = prepare (db, "INSERT INTO annotation_tags (annotation_id, tag_id, position) VALUES (?, ?, ?)");
  theme = prepare (db, "INSERT INTO annotation_themes (annotation_id, theme_id, position) VALUES (?, ?, 0)");

  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autofree char *text = bench_corpus_essay (d + 1, DOCUMENT_BYTES);
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *title = g_strdup_printf ("Essay %04u on the Harbour", d + 1);
      g_autofree char *date = make_date (rand);
      glong characters = g_utf8_strlen (text, -1);
      guint n_annotations = N_ANNOTATIONS / N_DOCUMENTS;

      sqlite3_bind_int (document, 1, d + 1);
      sqlite3_bind_text (document, 2, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (document, 3, title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (document, 4, d % N_AUTHORS + 1);
      sqlite3_bind_text (document, 5, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (document, 6, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (document, 7, characters);
      sqlite3_bind_int64 (document, 8, now);
      sqlite3_bind_int64 (document, 9, now);
      step_and_reset (db, document);

      for (guint a = 0; a < n_annotations; a++, annotation_index++)
        {
          g_autofree char *annotation_uuid = g_uuid_string_random ();
          int length = g_rand_int_range (rand, 40, 240);
          int start = g_rand_int_range (rand, 0, characters - length);
          const char *quote_start = g_utf8_offset_to_pointer (text, start);
          const char *quote_end = g_utf8_offset_to_pointer (quote_start, length);
          gint64 id = annotation_index + 1;
          gint64 first_tag = g_rand_int_range (rand, 1, 5);

          sqlite3_bind_int64 (annotation, 1, id);
          sqlite3_bind_text (annotation, 2, annotation_uuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (annotation, 3, d + 1);
          sqlite3_bind_int (annotation, 4, start);
          sqlite3_bind_int (annotation, 5, start + length);
          sqlite3_bind_text (annotation, 6, quote_start, quote_end - quote_start, SQLITE_TRANSIENT);
          sqlite3_bind_text (annotation, 7, a % 3 == 0 ? "Compare with the customs ledgers" : "", -1,
                             SQLITE_STATIC);
          sqlite3_bind_int64 (annotation, 8, now);
          sqlite3_bind_int64 (annotation, 9, now);
          step_and_reset (db, annotation);

          sqlite3_bind_int64 (tag, 1, id);
          sqlite3_bind_int64 (tag, 2, first_tag);
          sqlite3_bind_int (tag, 3, 0);
          step_and_reset (db, tag);
          if (a % 4 == 0)
            {
              sqlite3_bind_int64 (tag, 1, id);
              sqlite3_bind_int64 (tag, 2, first_tag % 4 + 1);
              sqlite3_bind_int (tag, 3, 1);
              step_and_reset (db, tag);
            }

          sqlite3_bind_int64 (theme, 1, id);
          sqlite3_bind_int64 (theme, 2, theme_ids[annotation_index % N_THEMES]);
          step_and_reset (db, theme);
        }
    }

  sqlite3_finalize (author);
  sqlite3_finalize (document);
  sqlite3_finalize (annotation);
  sqlite3_finalize (tag);
  sqlite3_finalize (theme);
  check_sqlite (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL));
  sqlite3_close (db);
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Iterates until the window has painted a frame after this call. */
static void
wait_for_paint (GtkWidget *window)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong handler;

  handler = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (frame_clock, handler);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaComparison) comparison = NULL;
  GListModel *themes;
  double runs[N_RUNS];
  double settled[N_RUNS];
  GtkWidget *window;
  GtkWidget *view;
  GtkListView *list_view;
  gint64 begin;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: skipping the comparison view benchmark\n");
      return 77;
    }

  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("scholia-bench-comparison-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "library.sqlite3", NULL);

  begin = g_get_monotonic_time ();
  generate_library (path);
  g_print ("generate %u documents, %u annotations, %u themes, %u authors: %.1f s\n",
           N_DOCUMENTS, N_ANNOTATIONS, N_THEMES, N_AUTHORS,
           (g_get_monotonic_time () - begin) / (double) G_USEC_PER_SEC);

  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  themes = scholia_store_get_labels (store, SCHOLIA_TYPE_THEME);
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, N_THEMES);

  /* (a) The comparison query: a theme chosen, its passages fetched, filtered and sorted. */
  comparison = scholia_comparison_new (store);
  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(ScholiaTheme) theme = g_list_model_get_item (themes, i + 1);

      begin = g_get_monotonic_time ();
      scholia_comparison_set_theme (comparison, theme);
      runs[i] = (g_get_monotonic_time () - begin) / 1000.0;
      g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_get_passages (comparison)), ==,
                        N_ANNOTATIONS / N_THEMES);
    }
  g_print ("(a) compare one theme (%u passages): %.1f ms median of %u (target < 20 ms)\n",
           N_ANNOTATIONS / N_THEMES, bench_median (runs, N_RUNS), N_RUNS);

  /* (b) The authors × themes table. */
  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(ScholiaMatrix) matrix = NULL;

      begin = g_get_monotonic_time ();
      matrix = scholia_matrix_new (store, FALSE, &error);
      runs[i] = (g_get_monotonic_time () - begin) / 1000.0;
      g_assert_no_error (error);
      g_assert_cmpuint (scholia_matrix_get_n_authors (matrix), ==, N_AUTHORS);
    }
  g_print ("(b) authors × themes matrix (%u × %u): %.1f ms median of %u (target < 50 ms)\n",
           N_AUTHORS, N_THEMES, bench_median (runs, N_RUNS), N_RUNS);

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(ScholiaMatrix) matrix = NULL;

      begin = g_get_monotonic_time ();
      matrix = scholia_matrix_new (store, TRUE, &error);
      runs[i] = (g_get_monotonic_time () - begin) / 1000.0;
      g_assert_no_error (error);
    }
  g_print ("(b) the same, split by tag: %.1f ms median of %u\n", bench_median (runs, N_RUNS), N_RUNS);

  /* (c) The sidebar page, as wide as the window gives it, switching themes. */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 900);
  view = scholia_comparison_view_new ();
  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (view), store);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (window);
  list_view = GTK_LIST_VIEW (gtk_widget_get_template_child (view, SCHOLIA_TYPE_COMPARISON_VIEW, "list_view"));

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(ScholiaTheme) theme = g_list_model_get_item (themes, i + 10);

      begin = g_get_monotonic_time ();
      scholia_comparison_view_set_theme (SCHOLIA_COMPARISON_VIEW (view), theme);
      wait_for_paint (window);
      runs[i] = (g_get_monotonic_time () - begin) / 1000.0;
      g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_view_get_passages (SCHOLIA_COMPARISON_VIEW (view))),
                        ==, N_ANNOTATIONS / N_THEMES);

      /* The view shows the first rows first and gives the list the rest a frame later. */
      while (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view))) < N_ANNOTATIONS / N_THEMES)
        wait_for_paint (window);
      wait_for_paint (window);
      settled[i] = (g_get_monotonic_time () - begin) / 1000.0;
    }
  g_print ("(c) comparison view filled and drawn (%u passages): %.1f ms median of %u (target < 100 ms)\n",
           N_ANNOTATIONS / N_THEMES, bench_median (runs, N_RUNS), N_RUNS);
  g_print ("    then the whole list handed to GTK and drawn again: %.1f ms median\n",
           bench_median (settled, N_RUNS));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&comparison);
  g_clear_object (&store);
  remove_tree (dir);

  return 0;
}
