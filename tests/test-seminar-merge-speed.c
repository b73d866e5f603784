/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A seminar's merge writes a log's states with INSERTs of many rows each (scholia-db-rows.c):
 * every row reaches its table whole and in place, whether it falls in a full INSERT or in the
 * remainder written one row at a time, and a log longer than one INSERT merges like a short
 * one. */
#include "config.h"

#include "scholia-db-rows.h"
#include "scholia-seminar-store.h"
#include "scholia-store-private.h"
#include "test-files.h"

#define OWNER "d0000000-0000-4000-8000-00000000000d"

static const char essay[] =
  "The customs house at Ostrand kept two books, one for the crown and one for the guild. "
  "Only the guild's book survives, and it lists cargoes the crown's officers never taxed. "
  "Read beside the parish registers, it shows whole streets living on that untaxed trade.";

static gint64
query_int (ScholiaDb  *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  scholia_db_query_int (db, sql, &value, &error);
  g_assert_no_error (error);
  return value;
}

/* 0, 1, 63, 64, 65 and 130 rows: none, the remainder alone, one full INSERT, both. */
static void
test_rows_blocks (void)
{
  static const guint counts[] = { 0, 1, 63, 64, 65, 130 };
  g_autofree char *dir = test_tmp_dir_new ("scholia-db-rows-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "rows.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  ScholiaDb *db = scholia_db_open (path, SCHOLIA_DB_CREATE, &error);

  g_assert_no_error (error);
  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(ScholiaDbRows) rows = scholia_db_rows_new (db, "temp.t", "name, n, twice", "tii");
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *check = NULL;

      g_assert_true (scholia_db_exec (db, "DROP TABLE IF EXISTS temp.t;"
                                          " CREATE TEMP TABLE t (name TEXT, n INTEGER, twice INTEGER)", &error));
      g_assert_no_error (error);
      for (guint i = 0; i < counts[c]; i++)
        {
          /* The texts are not copied: they live until the rows are written. */
          g_ptr_array_add (names, g_strdup_printf ("row %u", i));
          scholia_db_rows_add_text (rows, g_ptr_array_index (names, i));
          scholia_db_rows_add_int64 (rows, i);
          scholia_db_rows_add_int64 (rows, 2 * i);
          g_assert_true (scholia_db_rows_end_row (rows, &error));
          g_assert_no_error (error);
        }
      g_assert_true (scholia_db_rows_flush (rows, &error));
      g_assert_no_error (error);

      g_assert_cmpint (query_int (db, "SELECT count(*) FROM temp.t"), ==, counts[c]);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM temp.t WHERE name = 'row ' || n AND twice = 2 * n"),
                       ==, counts[c]);
      check = g_strdup_printf ("SELECT count(DISTINCT n) FROM temp.t WHERE n < %u", counts[c]);
      g_assert_cmpint (query_int (db, check), ==, counts[c]);
    }
  scholia_db_close (db);
  test_tmp_dir_remove (dir);
}

static ScholiaLogRecord *
put (guint       n,
     const char *document_uuid)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_PUT_ANNOTATION);
  static const char *tags[] = { "thesis", "evidence", "method" };
  guint start = (n * 7) % 200;

  record->hlc = g_strdup_printf ("%016" G_GINT64_FORMAT "-0000-%s", (gint64) 1764700000000 + n, OWNER);
  record->author = g_strdup (OWNER);
  record->uuid = g_strdup_printf ("e0000000-0000-4000-8000-%012u", n);
  record->created = record->modified = 1764700000 + n;
  record->document_uuid = g_strdup (document_uuid);
  record->start = start;
  record->end = start + 10 + n % 40;
  record->quote = g_utf8_substring (essay, record->start, record->end);
  g_free (record->note);
  record->note = g_strdup_printf ("Note %u on the untaxed trade.", n);
  g_strfreev (record->tags);
  record->tags = n % 2 == 0 ? g_strsplit (tags[n % 3], ",", -1) : g_strsplit ("thesis,evidence", ",", -1);
  return record;
}

/* 150 annotations, more than two INSERTs' worth, each with its tags; merged again, nothing
 * changes. */
static void
test_merge_many (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-merge-many-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_log_record_free);
  ScholiaMergeReport report = { 0 };
  ScholiaDocument *document;

  g_assert_no_error (error);
  document = scholia_store_add_document (store, "The Ostrand Books", "Lena Vos", "2011", "", essay, NULL, &error);
  g_assert_no_error (error);
  seminar = scholia_store_add_seminar (store, NULL, "Trade and Tax", dir, SCHOLIA_SEMINAR_PARTICIPANT, NULL,
                                       "Reader", NULL, &error);
  g_assert_no_error (error);
  scholia_store_add_seminar_essay (store, seminar, document, &error);
  g_assert_no_error (error);
  for (guint n = 0; n < 150; n++)
    g_ptr_array_add (log, put (n, scholia_document_get_uuid (document)));

  g_assert_true (scholia_store_merge_log (store, seminar, OWNER, "Dara Quill", log, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.applied, ==, 150);
  scholia_merge_report_clear (&report);

  g_assert_cmpint (query_int (store->db, "SELECT count(*) FROM annotations"), ==, 150);
  /* Each row holds its own record's span, quote, note and clock. */
  g_assert_cmpint (query_int (store->db,
                              "SELECT count(*) FROM annotations a JOIN documents d ON d.id = a.document_id"
                              " WHERE scholia_passage(0, a.quote, a.document_id, a.start_offset, a.end_offset) = substr(d.text, a.start_offset + 1, a.end_offset - a.start_offset)"
                              "  AND a.end_offset - a.start_offset = 10 + CAST(substr(a.uuid, 25) AS INTEGER) % 40"
                              "  AND a.note = 'Note ' || CAST(substr(a.uuid, 25) AS INTEGER) || ' on the untaxed trade.'"
                              "  AND a.hlc = printf('%016d-0000-%s', 1764700000000 + CAST(substr(a.uuid, 25) AS INTEGER),"
                              "                     '" OWNER "')"),
                   ==, 150);
  /* Odd records have two tags, even ones one: 75 × 2 + 75. */
  g_assert_cmpint (query_int (store->db, "SELECT count(*) FROM annotation_tags"), ==, 225);
  /* Each uuid's first clock is on its row; seminar_items keeps only tombstones. */
  g_assert_cmpint (query_int (store->db, "SELECT count(*) FROM annotations WHERE first_hlc = hlc"), ==, 150);
  g_assert_cmpint (query_int (store->db, "SELECT count(*) FROM seminar_items"), ==, 0);
  g_assert_cmpint (query_int (store->db, "SELECT count(*) FROM seminar_outbox"), ==, 0);
  g_assert_cmpuint (scholia_document_get_annotation_count (document), ==, 150);

  g_assert_true (scholia_store_merge_log (store, seminar, OWNER, "Dara Quill", log, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.applied, ==, 0);
  g_assert_cmpuint (report.unchanged, ==, 150);
  scholia_merge_report_clear (&report);
  g_assert_cmpint (query_int (store->db, "SELECT count(*) FROM annotations"), ==, 150);
  g_assert_cmpint (query_int (store->db, "SELECT count(*) FROM annotation_tags"), ==, 225);

  g_clear_object (&store);
  test_tmp_dir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/db-rows/blocks", test_rows_blocks);
  g_test_add_func ("/seminar-merge/many-records", test_merge_many);
  return g_test_run ();
}
