/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A REFI-QDA project of a large library: 1,000 essays of about 10 kB with 100,000 annotations
 * (a tag each, a theme on half, a note on one in five) exported as a .qdpx, then imported into
 * an empty library. Target: < 10 s each way. The machine's load average is printed beside the
 * figures, since other work on a shared machine slows the wall clock; the processor time
 * (user and system) is what to judge a change by, and on a quiet machine the wall time is
 * about that. */
#include "config.h"

#include <string.h>

#include "bench-corpus.h"
#include "scholia-refi.h"

#define N_DOCUMENTS 1000
#define N_ANNOTATIONS_PER_DOCUMENT 100
#define N_TAGS 20
#define N_THEMES 10

static double
elapsed_s (gint64 started)
{
  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

static ScholiaStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  ScholiaStore *store = scholia_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fill (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  gint64 tags[N_TAGS], themes[N_THEMES];

  for (guint i = 0; i < N_TAGS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Tag %u", i);

      tags[i] = scholia_label_get_id (scholia_store_add_label (store, SCHOLIA_TYPE_TAG, name, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_THEMES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Theme %u", i);

      themes[i] = scholia_label_get_id (scholia_store_add_label (store, SCHOLIA_TYPE_THEME, name, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_true (scholia_store_begin_batch (store, &error));
  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autofree char *text = bench_corpus_essay (1000 + d, 10 * 1024);
      g_autofree char *title = g_strdup_printf ("Essay %u", d);
      g_autofree char *author = g_strdup_printf ("Author %u", d % 97);
      ScholiaAnnotationRecord records[N_ANNOTATIONS_PER_DOCUMENT];
      g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
      ScholiaDocument *document;
      int length = g_utf8_strlen (text, -1);

      document = scholia_store_add_document (store, title, author, "1900", NULL, text, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < N_ANNOTATIONS_PER_DOCUMENT; i++)
        {
          int start = g_rand_int_range (rand, 0, length - 200);
          int end = start + g_rand_int_range (rand, 10, 200);
          char *quote = g_utf8_substring (text, start, end);
          char *prefix = g_utf8_substring (text, MAX (0, start - 32), start);
          char *suffix = g_utf8_substring (text, end, MIN (length, end + 32));

          g_ptr_array_add (owned, quote);
          g_ptr_array_add (owned, prefix);
          g_ptr_array_add (owned, suffix);
          records[i] = (ScholiaAnnotationRecord) {
            .document = document, .start = start, .end = end,
            .quote = quote, .prefix = prefix, .suffix = suffix,
            .note = i % 5 == 0 ? "A note on this passage, written while reading." : NULL,
            .tag_ids = &tags[g_rand_int_range (rand, 0, N_TAGS)], .n_tag_ids = 1,
            .theme_ids = &themes[g_rand_int_range (rand, 0, N_THEMES)], .n_theme_ids = i % 2,
          };
        }
      g_assert_true (scholia_store_add_annotations_full (store, records, N_ANNOTATIONS_PER_DOCUMENT, &error));
      g_assert_no_error (error);
    }
  g_assert_true (scholia_store_commit_batch (store, &error));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scholia-bench-refi-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "library.qdpx", NULL);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaStore) empty = NULL;
  g_autofree char *load_before = NULL;
  g_autofree char *load_after = NULL;
  ScholiaRefiSummary summary;
  ScholiaCounts counts;
  double exported, imported, export_cpu, import_cpu;
  gint64 started;

  g_assert_no_error (error);
  store = open_store (dir, "library.sqlite3");
  fill (store);

  load_before = bench_load_average ();
  started = g_get_monotonic_time ();
  export_cpu = bench_cpu_seconds ();
  g_assert_true (scholia_refi_export_project (store, NULL, "Bench Reader", project, NULL, &error));
  g_assert_no_error (error);
  exported = elapsed_s (started);
  export_cpu = bench_cpu_seconds () - export_cpu;

  empty = open_store (dir, "empty.sqlite3");
  scholia_refi_summary_init (&summary);
  started = g_get_monotonic_time ();
  import_cpu = bench_cpu_seconds ();
  g_assert_true (scholia_refi_import_project (empty, project, &summary, &error));
  g_assert_no_error (error);
  imported = elapsed_s (started);
  import_cpu = bench_cpu_seconds () - import_cpu;
  load_after = bench_load_average ();

  g_assert_cmpuint (summary.sources, ==, N_DOCUMENTS);
  g_assert_cmpuint (summary.annotations, ==, N_DOCUMENTS * N_ANNOTATIONS_PER_DOCUMENT);
  g_assert_true (scholia_store_get_counts (empty, &counts, &error));
  g_assert_cmpuint (counts.annotations, ==, N_DOCUMENTS * N_ANNOTATIONS_PER_DOCUMENT);
  scholia_refi_summary_clear (&summary);

  g_print ("export %u essays, %u annotations as .qdpx: %.2f s of processor time, %.2f s wall (target < 10 s)\n",
           N_DOCUMENTS, N_DOCUMENTS * N_ANNOTATIONS_PER_DOCUMENT, export_cpu, exported);
  g_print ("import that .qdpx into an empty library: %.2f s of processor time, %.2f s wall (target < 10 s)%s\n",
           import_cpu, imported, import_cpu < 10 ? "" : ": OVER THE TARGET");
  g_print ("load average (1 and 5 min) before: %s, after: %s, on %u cores\n",
           load_before, load_after, g_get_num_processors ());

  g_clear_object (&store);
  g_clear_object (&empty);
  g_assert_cmpint (system (cleanup), ==, 0);
  return 0;
}
