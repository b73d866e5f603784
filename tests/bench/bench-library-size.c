/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The size of the big library (issue 17, "Sizes"): its file against the raw text of its essays
 * (target ≤ 2.5×), the share of the search indexes, the biggest tables and indexes (SQLite's
 * dbstat), before and after Compact Library, with the compaction's wall and processor time and
 * the machine's load (8 people share 2 cores). Works on a copy of the big library. */
#include "config.h"

#include <glib/gstdio.h>

#include "bench-big-library.h"
#include "bench-corpus.h"
#include "scholia-store-compact.h"
#include "scholia-store-private.h"
#include "scholia-text-pack.h"

#define TARGET_RATIO 2.5
#define BIGGEST 12

static gint64
query_int (ScholiaDb  *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  g_assert_true (scholia_db_query_int (db, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

/* How the sample essays (original prose, about 5 kB each) compress, each on its own as the
 * library stores them. */
static double
real_prose_ratio (void)
{
  const char *samples = g_getenv ("SCHOLIA_SAMPLES_DIR");
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gsize plain = 0, packed = 0;

  g_assert_nonnull (samples);
  dir = g_dir_open (samples, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (samples, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length = 0;

      if (!g_str_has_suffix (name, ".md"))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      bytes = scholia_text_pack (contents, length);
      plain += length;
      packed += bytes != NULL ? g_bytes_get_size (bytes) : length;
    }
  g_assert_cmpuint (packed, >, 0);
  return (double) plain / packed;
}

static void
print_sizes (const char *path,
             const char *when)
{
  g_autoptr(ScholiaDb) db = scholia_db_open (path, SCHOLIA_DB_READ_ONLY, NULL);
  g_autoptr(GError) error = NULL;
  ScholiaDbStatement *stmt;
  gint64 file, text, stored, fts;

  g_assert_nonnull (db);
  file = query_int (db, "PRAGMA page_count") * query_int (db, "PRAGMA page_size");
  text = query_int (db, "SELECT sum(length(CAST(scholia_text(text) AS BLOB))) FROM documents");
  stored = query_int (db, "SELECT sum(length(CAST(text AS BLOB))) FROM documents");
  fts = query_int (db, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE '%fts%'");

  g_print ("%s: file %.1f MB for %.1f MB of text: %.2fx (target <= %.1fx: %.2f of the target)\n",
           when, file / 1e6, text / 1e6, (double) file / text, TARGET_RATIO,
           (double) file / text / TARGET_RATIO);
  g_print ("  search indexes %.1f MB (%.1f%% of the file); free pages %.1f MB\n", fts / 1e6,
           100.0 * fts / file,
           query_int (db, "PRAGMA freelist_count") * query_int (db, "PRAGMA page_size") / 1e6);
  /* The generated essays repeat their sentences and compress about eight to one; real prose
   * compresses as the sample essays do, which gives the file it would make. */
  if (stored < text)
    {
      double prose = real_prose_ratio ();
      double honest = file - stored + text / prose;

      g_print ("  texts stored in %.1f MB (%.1f to one); real prose (data/samples, each essay on its own)"
               " packs %.2f to one: the file would be %.1f MB, %.2fx (%.2f of the target)\n",
               stored / 1e6, (double) text / stored, prose, honest / 1e6, honest / text,
               honest / text / TARGET_RATIO);
    }

  stmt = scholia_db_get_statement (db, "SELECT name, sum(pgsize) AS size FROM dbstat"
                                       " GROUP BY name ORDER BY size DESC LIMIT " G_STRINGIFY (BIGGEST),
                                   &error);
  g_assert_no_error (error);
  while (scholia_db_statement_step (stmt, &error) == SCHOLIA_DB_STEP_ROW)
    g_print ("  %-34s %7.1f MB\n", scholia_db_statement_column_text (stmt, 0),
             scholia_db_statement_column_int64 (stmt, 1) / 1e6);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scholia-bench-size-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *load = NULL;
  static const char *const suffixes[] = { "", "-wal", "-shm" };
  ScholiaCompactSizes sizes;
  gint64 started;
  double cpu;

  g_assert_no_error (error);
  path = bench_big_library_copy (dir);
  print_sizes (path, "As generated");

  /* Opening a library of an older schema upgrades it: say what that costs. */
  started = g_get_monotonic_time ();
  cpu = bench_cpu_seconds ();
  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  load = bench_load_average ();
  g_print ("Opening (upgrading to schema %d): %.1f s (processor %.1f s; load average %s)\n",
           SCHOLIA_SCHEMA_VERSION, (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC,
           bench_cpu_seconds () - cpu, load);
  g_clear_pointer (&load, g_free);
  started = g_get_monotonic_time ();
  cpu = bench_cpu_seconds ();
  g_assert_true (scholia_store_compact (store, &sizes, &error));
  g_assert_no_error (error);
  load = bench_load_average ();
  g_print ("Compact Library: %.1f MB -> %.1f MB in %.1f s (processor %.1f s; load average %s)\n",
           sizes.size_before / 1e6, sizes.size_after / 1e6,
           (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC, bench_cpu_seconds () - cpu, load);
  g_clear_object (&store);
  print_sizes (path, "Compacted");

  /* The read-only connections leave the log's files beside the library. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  return 0;
}
