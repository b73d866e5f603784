/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A 1 MB document with 5,000 annotations whose text gains a paragraph near the start: time to
 * re-anchor them all and write the new places to the library. Target: < 100 ms. */
#include "config.h"

#include <sqlite3.h>

#include "bench-corpus.h"
#include "scholia-reanchor.h"
#include "scholia-stem-tokenizer.h"

#define N_ANNOTATIONS 5000

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scholia-bench-reanchor-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  g_autofree char *text = bench_corpus_essay (7, 1024 * 1024);
  g_autofree char *revised = NULL;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  ScholiaReanchorSummary summary;
  ScholiaDocument *document;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 tag_id;
  gint64 started;
  int length;

  g_assert_no_error (error);
  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  document = scholia_store_add_document (store, "Long", "Helena Marwick", NULL, NULL, text, NULL, &error);
  g_assert_no_error (error);
  length = scholia_document_get_characters (document);
  tag_id = scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "evidence", NULL));

  for (int i = 0; i < N_ANNOTATIONS; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = NULL;
      int start = g_rand_int_range (rand, 200, length - 300);

      annotation = scholia_store_add_annotation (store, document, start,
                                                 start + g_rand_int_range (rand, 20, 200),
                                                 &tag_id, 1, NULL, 0, NULL, NULL);
    }
  g_clear_object (&store);

  /* The revised edition: a new paragraph near the start. */
  revised = g_strdup_printf ("%.*sA paragraph the author added in the second edition, on the flood of 1851. "
                             "It moves everything after it.\n\n%s",
                             100, text, text + 100);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* The documents' index stems with it, as on every connection Scholia opens. */
  g_assert_cmpint (scholia_stem_tokenizer_register (db), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "UPDATE documents SET text = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, revised, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  document = scholia_store_find_document (store, "Long", &error);
  annotations = scholia_store_list_annotations (store, document, &error);
  g_assert_no_error (error);

  started = g_get_monotonic_time ();
  g_assert_true (scholia_reanchor_document (store, document, revised, &summary, &error));
  g_assert_no_error (error);
  g_print ("re-anchor %d annotations after an edit near the start of a 1 MB document, written to "
           "the library: %.1f ms (unchanged %u, moved %u, fuzzy %u, orphaned %u; target < 100 ms)\n",
           N_ANNOTATIONS, (g_get_monotonic_time () - started) / 1000.0,
           summary.unchanged, summary.moved, summary.fuzzy, summary.orphaned);

  g_clear_object (&annotations);
  g_clear_object (&store);
  g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL);
  return 0;
}
