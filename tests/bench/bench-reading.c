/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A 1 MB document with 5,000 annotations: time to open it as a ScholiaReading (text, live list,
 * index), and what one lookup costs there (at an offset, next, over a range) against scanning
 * the live list, as the window, the inspector and the highlighter each did before. */
#include "config.h"

#include "bench-corpus.h"
#include "scholia-reading.h"

#define N_ANNOTATIONS 5000
#define N_LOOKUPS     20000

/* What the window did for "which annotation is at this offset": a pass over the live list. */
static ScholiaAnnotation *
scan_innermost_at (GListModel *annotations,
                   int         offset)
{
  guint n = g_list_model_get_n_items (annotations);
  ScholiaAnnotation *found = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
      int start = scholia_annotation_get_start (annotation);
      int end = scholia_annotation_get_end (annotation);

      if (offset < start || offset >= end)
        continue;
      if (found == NULL ||
          end - start < scholia_annotation_get_end (found) - scholia_annotation_get_start (found))
        found = annotation;
    }

  return found;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scholia-bench-reading-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  g_autofree char *text = bench_corpus_essay (7, 1024 * 1024);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaReading) reading = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  ScholiaAnnotation *annotation = NULL;
  ScholiaDocument *document;
  guint found = 0;
  gint64 started;
  double loaded, opened, at, next, range, scan;
  int length;

  g_assert_no_error (error);
  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  document = scholia_store_add_document (store, "Long", "Helena Marwick", NULL, NULL, text, NULL, &error);
  g_assert_no_error (error);
  length = scholia_document_get_characters (document);

  g_assert_true (scholia_store_begin_batch (store, &error));
  for (int i = 0; i < N_ANNOTATIONS; i++)
    {
      g_autoptr(ScholiaAnnotation) added = NULL;
      int start = g_rand_int_range (rand, 200, length - 300);

      added = scholia_store_add_annotation (store, document, start,
                                            start + g_rand_int_range (rand, 20, 200),
                                            NULL, 0, NULL, 0, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (scholia_store_commit_batch (store, &error));

  /* The store's live list first, which the reading then shares, to tell loading from indexing. */
  started = g_get_monotonic_time ();
  list = scholia_store_list_annotations (store, document, &error);
  g_assert_no_error (error);
  loaded = (g_get_monotonic_time () - started) / 1000.0;

  started = g_get_monotonic_time ();
  reading = scholia_reading_new (store, document, &error);
  g_assert_no_error (error);
  opened = (g_get_monotonic_time () - started) / 1000.0;

  started = g_get_monotonic_time ();
  for (int i = 0; i < N_LOOKUPS; i++)
    found += scholia_reading_get_innermost_at (reading, g_rand_int_range (rand, 0, length)) != NULL;
  at = (g_get_monotonic_time () - started) / (double) N_LOOKUPS;

  started = g_get_monotonic_time ();
  for (int i = 0; i < N_LOOKUPS; i++)
    annotation = scholia_reading_get_next (reading, annotation);
  next = (g_get_monotonic_time () - started) / (double) N_LOOKUPS;

  started = g_get_monotonic_time ();
  for (int i = 0; i < N_LOOKUPS; i++)
    {
      int start = g_rand_int_range (rand, 0, length - 100);
      g_autoptr(GPtrArray) over = scholia_reading_list_overlapping (reading, start, start + 100);

      found += over->len;
    }
  range = (g_get_monotonic_time () - started) / (double) N_LOOKUPS;

  started = g_get_monotonic_time ();
  for (int i = 0; i < 200; i++)
    found += scan_innermost_at (scholia_reading_get_annotations (reading),
                                g_rand_int_range (rand, 0, length)) != NULL;
  scan = (g_get_monotonic_time () - started) / 200.0;

  g_print ("load %d annotations of a 1 MB document from the library: %.1f ms\n", N_ANNOTATIONS,
           loaded);
  g_print ("open it as a reading (text and index): %.1f ms\n", opened);
  g_print ("annotation at an offset: %.2f us (a scan of the list: %.0f us)\n", at, scan);
  g_print ("next annotation: %.2f us; annotations over 100 characters: %.2f us (%u found)\n",
           next, range, found);

  g_clear_object (&reading);
  g_clear_object (&list);
  g_clear_object (&store);
  g_assert_cmpint (system (cleanup), ==, 0);

  return 0;
}
