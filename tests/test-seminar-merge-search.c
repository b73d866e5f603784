/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The notes a seminar merge writes, in a few statements over thousands of rows, are searched
 * like those written here: a merged note is found, one a later merge rewrites or deletes is
 * found no more (under its old words), and the index holds exactly the annotations' notes. */
#include "config.h"

#include "scholia-seminar-store.h"
#include "scholia-store-private.h"
#include "test-files.h"

#define OWNER "f0000000-0000-4000-8000-00000000000f"

static const char essay[] =
  "The salt pans of Virrel were leased each spring by lot, and the lots were drawn in the chapel. "
  "A family that drew a far pan walked an hour before dawn to reach it, and sold its salt last. "
  "The ledgers of the lease show the same names drawing the near pans for thirty years.";

static ScholiaLogRecord *
put (guint       n,
     guint       tick,
     const char *document_uuid,
     const char *note)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_PUT_ANNOTATION);

  record->hlc = g_strdup_printf ("%016" G_GINT64_FORMAT "-0000-%s", (gint64) 1764700000000 + tick, OWNER);
  record->author = g_strdup (OWNER);
  record->uuid = g_strdup_printf ("a0000000-0000-4000-8000-%012u", n);
  record->created = record->modified = 1764700000 + tick;
  record->document_uuid = g_strdup (document_uuid);
  record->start = 10 * n;
  record->end = 10 * n + 25;
  record->quote = g_utf8_substring (essay, record->start, record->end);
  g_free (record->note);
  record->note = g_strdup (note);
  return record;
}

static ScholiaLogRecord *
delete (guint n,
        guint tick)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_DELETE);

  record->hlc = g_strdup_printf ("%016" G_GINT64_FORMAT "-0000-%s", (gint64) 1764700000000 + tick, OWNER);
  record->author = g_strdup (OWNER);
  record->uuid = g_strdup_printf ("a0000000-0000-4000-8000-%012u", n);
  return record;
}

/* The notes' annotations @query finds, their ids joined by commas in the order found. */
static char *
found_notes (ScholiaStore *store,
             const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = scholia_store_search (store, query, 50, &error);
  g_autoptr(GString) ids = g_string_new ("");

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      ScholiaSearchResult *result = g_ptr_array_index (results, i);

      if (result->kind != SCHOLIA_SEARCH_NOTE)
        continue;
      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? "," : "", result->annotation_id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static gint64
annotation_id (ScholiaStore *store,
               guint         n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM annotations WHERE uuid = 'a0000000-0000-4000-8000-%012u'",
                                          n);
  gint64 id = -1;

  g_assert_true (scholia_db_query_int (store->db, sql, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* The index holds exactly the notes of the annotations table: FTS5 compares the two. */
static void
assert_index_whole (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_db_exec (store->db, "INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)",
                                  &error));
  g_assert_no_error (error);
}

/* @query finds the note of annotation @id alone, or no note when @id is 0. */
static void
assert_found (ScholiaStore *store,
              const char   *query,
              gint64        id)
{
  g_autofree char *found = found_notes (store, query);
  g_autofree char *expected = id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");

  g_assert_cmpstr (found, ==, expected);
}

static void
merge (ScholiaStore   *store,
       ScholiaSeminar *seminar,
       GPtrArray      *log)
{
  g_autoptr(GError) error = NULL;
  ScholiaMergeReport report = { 0 };

  g_assert_true (scholia_store_merge_log (store, seminar, OWNER, "Oda Renn", log, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.forged, ==, 0);
  scholia_merge_report_clear (&report);
}

static ScholiaSeminar *
add_seminar (ScholiaStore     *store,
             const char       *dir,
             ScholiaDocument **document)
{
  g_autoptr(GError) error = NULL;
  ScholiaSeminar *seminar;

  *document = scholia_store_add_document (store, "The Virrel Leases", "Mara Tolst", "2004", "", essay, NULL, &error);
  g_assert_no_error (error);
  seminar = scholia_store_add_seminar (store, NULL, "Salt and Lots", dir, SCHOLIA_SEMINAR_PARTICIPANT, NULL,
                                       "Reader", NULL, &error);
  g_assert_no_error (error);
  scholia_store_add_seminar_essay (store, seminar, *document, &error);
  g_assert_no_error (error);
  return seminar;
}

static void
test_merged_notes_found (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-merge-search-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_log_record_free);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_log_record_free);
  g_autoptr(ScholiaAnnotation) mine = NULL;
  ScholiaDocument *document;
  const char *uuid;

  g_assert_no_error (error);
  seminar = add_seminar (store, dir, &document);
  uuid = scholia_document_get_uuid (document);
  g_ptr_array_add (first, put (0, 1, uuid, "The chapel lottery was rigged by the wardens."));
  g_ptr_array_add (first, put (1, 2, uuid, "A dawn walk of an hour: distance as a tax."));
  g_ptr_array_add (first, put (2, 3, uuid, ""));
  g_ptr_array_add (first, put (3, 4, uuid, "Thirty years of the same wardens' kin."));
  merge (store, seminar, first);

  assert_index_whole (store);
  assert_found (store, "lottery", annotation_id (store, 0));
  assert_found (store, "dawn", annotation_id (store, 1));
  /* Diacritics folded, as for a note written here. */
  assert_found (store, "thïrty", annotation_id (store, 3));

  /* A later merge rewrites a note, deletes an annotation and adds one. */
  g_ptr_array_add (second, put (0, 5, uuid, "Drawn in the chapel, so no one dared question it."));
  g_ptr_array_add (second, delete (1, 6));
  g_ptr_array_add (second, put (4, 7, uuid, "The near pans' salt reached the market first."));
  merge (store, seminar, second);

  assert_index_whole (store);
  assert_found (store, "lottery", 0);
  assert_found (store, "dawn", 0);
  assert_found (store, "dared", annotation_id (store, 0));
  assert_found (store, "market", annotation_id (store, 4));

  /* My own notes, written after the merge, are indexed too. */
  mine = scholia_store_add_annotation (store, document, 40, 60, NULL, 0, NULL, 0, "My guess: the market fixed it.",
                                       &error);
  g_assert_no_error (error);
  assert_index_whole (store);
  assert_found (store, "guess", scholia_annotation_get_id (mine));
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'market'"), ==, 2);

  g_clear_object (&mine);
  g_clear_object (&store);
  test_tmp_dir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/seminar-merge-search/merged-notes-found", test_merged_notes_found);
  return g_test_run ();
}
