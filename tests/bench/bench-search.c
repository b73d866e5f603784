/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Searching 100 essays of 100 KB (10 MB) for one and two words, with the index of schema
 * version 1 (unicode61 only, what Scholia searched before stemming) and of the current one
 * (stemmed in each essay's language). Budget: 20 ms a query. */
#include "config.h"

#include <glib/gstdio.h>

#include "bench-corpus.h"
#include "scholia-schema.h"
#include "scholia-store-private.h"
#include "scholia-store.h"
#include "test-files.h"

#define N_ESSAYS 100
#define ESSAY_BYTES (100 * 1024)
#define ROUNDS 20
#define BUDGET_MS 20.0

/* Words in every essay of the corpus ("record" finds "recorded" once stemmed), a phrase, and a
 * word in none. */
static const char *queries[] = { "harbour", "record", "harbour record", "\"the harbour board\"", "betray" };

static double
time_query (ScholiaStore *store,
            const char   *query,
            guint        *n_results)
{
  gint64 start = g_get_monotonic_time ();

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = scholia_store_search (store, query, 50, &error);

      g_assert_no_error (error);
      *n_results = results->len;
    }
  return (g_get_monotonic_time () - start) / 1000.0 / ROUNDS;
}

static gboolean
run (const char *path,
     guint       n_migrations)
{
  const ScholiaMigration *migrations;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean within = TRUE;
  guint n;

  migrations = scholia_schema_get_migrations (&n);
  store = _scholia_store_open_with_migrations (path, migrations, n_migrations, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      guint n_results = 0;
      double ms = time_query (store, queries[i], &n_results);

      g_print ("  %-18s %7.2f ms  %u essays\n", queries[i], ms, n_results);
      within &= ms < BUDGET_MS || n_migrations < n;
    }
  return within;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("scholia-bench-search-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  const ScholiaMigration *migrations;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean within;
  guint n;

  /* Written at version 1, as today's libraries are, then measured before and after the
   * upgrade. */
  migrations = scholia_schema_get_migrations (&n);
  store = _scholia_store_open_with_migrations (path, migrations, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  for (guint i = 0; i < N_ESSAYS; i++)
    {
      g_autofree char *text = bench_corpus_essay (i + 1, ESSAY_BYTES);
      g_autofree char *insert =
        g_strdup_printf ("INSERT INTO documents (uuid, title, text, characters, checksum, created, modified)"
                         " VALUES ('essay-%u', 'Essay %u', ?, %ld, '', 0, 0)", i, i, g_utf8_strlen (text, -1));

      test_sql_exec_with_text (path, insert, text);
    }

  g_print ("search, %d essays of %d KB, mean of %d rounds\nversion 1 (unstemmed):\n",
           N_ESSAYS, ESSAY_BYTES / 1024, ROUNDS);
  run (path, 1);
  g_print ("version %u (stemmed):\n", n);
  within = run (path, n);

  g_assert_cmpint (system (cleanup), ==, 0);
  if (!within)
    g_print ("over the budget of %.0f ms\n", BUDGET_MS);
  return within ? 0 : 1;
}
