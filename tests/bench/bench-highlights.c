/* SPDX-License-Identifier: GPL-3.0-or-later */

/* How long a reader waits between opening a long, heavily annotated essay
 * and seeing every highlight and margin mark, and between annotating a
 * passage and seeing it highlighted. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bench-corpus.h"
#include "scholia-highlighter.h"
#include "scholia-reading-view.h"
#include "scholia-store.h"

#define DOCUMENT_BYTES   (1024 * 1024)
#define N_ANNOTATIONS    5000
#define OVERLAP_PERCENT  10
#define N_SINGLE_ADDS    10

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
on_after_paint_cb (GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  gboolean *painted = user_data;

  *painted = TRUE;
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

/* Spans of 20 to 200 characters with gaps between them, one in ten
 * starting inside the one before; one or two of the four tags each. */
static void
add_annotations (ScholiaStore    *store,
                 ScholiaDocument *document,
                 int              length,
                 const gint64    *tag_ids)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1789);
  int mean_step = length / N_ANNOTATIONS;
  int previous_start = 0;
  int previous_end = 0;

  for (int i = 0; i < N_ANNOTATIONS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScholiaAnnotation) annotation = NULL;
      int span = g_rand_int_range (rand, 20, 201);
      gint64 tags[2];
      guint n_tags = g_rand_int_range (rand, 1, 3);
      int first;
      int start;

      if (i > 0 && g_rand_int_range (rand, 0, 100) < OVERLAP_PERCENT)
        start = g_rand_int_range (rand, previous_start + 1, MAX (previous_end, previous_start + 2));
      else
        start = previous_end + g_rand_int_range (rand, 1, MAX (2 * (mean_step - 110), 2));

      start = MIN (start, length - 201);
      first = g_rand_int_range (rand, 0, 4);
      tags[0] = tag_ids[first];
      tags[1] = tag_ids[(first + g_rand_int_range (rand, 1, 4)) % 4];

      annotation = scholia_store_add_annotation (store, document, start, start + span, tags, n_tags,
                                                 NULL, 0, NULL, &error);
      g_assert_no_error (error);
      previous_start = start;
      previous_end = MAX (previous_end, start + span);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaReading) reading = NULL;
  g_autoptr(ScholiaHighlighter) highlighter = NULL;
  g_autoptr(GArray) add_times = g_array_new (FALSE, FALSE, sizeof (double));
  ScholiaDocument *document;
  ScholiaReadingView *view;
  GListModel *tags;
  GtkWidget *window;
  gint64 tag_ids[4];
  gint64 begin, loaded, opened;
  int length;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: skipping the highlights benchmark\n");
      return 77;
    }

  gtk_init ();
  adw_init ();

  text = bench_corpus_essay (1848, DOCUMENT_BYTES);
  length = (int) g_utf8_strlen (text, -1);

  dir = g_dir_make_tmp ("scholia-bench-highlights-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "library.db", NULL);
  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  document = scholia_store_add_document (store, "A Benchmark Essay", "Nobody", NULL, NULL, text, NULL, &error);
  g_assert_no_error (error);
  tags = scholia_store_get_labels (store, SCHOLIA_TYPE_TAG);
  g_assert_cmpuint (g_list_model_get_n_items (tags), >=, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(ScholiaTag) tag = g_list_model_get_item (tags, i);

      tag_ids[i] = scholia_label_get_id (SCHOLIA_LABEL (tag));
    }
  add_annotations (store, document, length, tag_ids);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  view = SCHOLIA_READING_VIEW (scholia_reading_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  highlighter = scholia_highlighter_new (scholia_reading_view_get_source_view (view));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (window);

  /* Opening: the text and annotations come from the library (indexed by
   * the reading), the text goes into the view, the highlights onto the
   * text, and a frame shows it all. */
  begin = g_get_monotonic_time ();
  reading = scholia_reading_new (store, document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scholia_reading_get_n_placed (reading), ==, N_ANNOTATIONS);
  loaded = g_get_monotonic_time ();
  scholia_reading_view_set_document (view, "A Benchmark Essay", "Nobody", text);
  scholia_highlighter_set_reading (highlighter, reading);
  wait_for_paint (window);
  opened = g_get_monotonic_time ();

  g_print ("load and index 5000 annotations from the library: %" G_GINT64_FORMAT " ms\n", (loaded - begin) / 1000);
  g_print ("open 1 MB with 5000 annotations, highlights and margin marks drawn: %" G_GINT64_FORMAT
           " ms (target < 200)\n", (opened - loaded) / 1000);

  for (int i = 0; i < N_SINGLE_ADDS; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = NULL;
      g_autoptr(GPtrArray) found = NULL;
      int start = length / 2 + i * 1000;
      double elapsed;

      begin = g_get_monotonic_time ();
      annotation = scholia_store_add_annotation (store, document, start, start + 80, &tag_ids[i % 4], 1,
                                                 NULL, 0, NULL, &error);
      g_assert_no_error (error);
      found = scholia_reading_list_at (reading, start + 40);
      elapsed = (g_get_monotonic_time () - begin) / 1000.0;
      g_assert_cmpuint (found->len, >=, 1);
      g_array_append_val (add_times, elapsed);
      wait_for_paint (window);
    }
  g_array_sort (add_times, compare_doubles);
  g_print ("apply one tag: %.1f ms (target < 16; median of %d, slowest %.1f ms)\n",
           g_array_index (add_times, double, N_SINGLE_ADDS / 2), N_SINGLE_ADDS,
           g_array_index (add_times, double, N_SINGLE_ADDS - 1));

  gtk_window_destroy (GTK_WINDOW (window));
  remove_tree (dir);

  return 0;
}
