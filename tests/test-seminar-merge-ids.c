/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A seminar merge gives each annotation's row its id itself (its labels and its note's full-text
 * row name it by that id): an annotation the library already holds is written again in its own
 * row, even one made here without clocks (brought in by an import under the same uuid), its old
 * note leaves the full-text index, and the new annotations come after the library's last id. */
#include "config.h"

#include "scholia-seminar-store.h"
#include "scholia-store-private.h"
#include "test-files.h"

#define OWNER "c0000000-0000-4000-8000-00000000000c"
#define KNOWN_UUID "b0000000-0000-4000-8000-000000000001"
#define NEW_UUID "b0000000-0000-4000-8000-000000000002"

static const char essay[] =
  "The ferrymen of Hollin charged by the head in summer and by the cart in winter. "
  "Their tariff boards, repainted each year, are the only prices the town kept. "
  "A board of 1702 charges a widow nothing, and a priest twice a farmer's fare.";

static ScholiaLogRecord *
put (const char *uuid,
     guint       tick,
     const char *document_uuid,
     guint       start,
     const char *note,
     const char *tag)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_PUT_ANNOTATION);

  record->hlc = g_strdup_printf ("%016" G_GINT64_FORMAT "-0000-%s", (gint64) 1764700000000 + tick, OWNER);
  record->author = g_strdup (OWNER);
  record->uuid = g_strdup (uuid);
  record->created = record->modified = 1764700000 + tick;
  record->document_uuid = g_strdup (document_uuid);
  record->start = start;
  record->end = start + 20;
  record->quote = g_utf8_substring (essay, record->start, record->end);
  g_free (record->note);
  record->note = g_strdup (note);
  g_strfreev (record->tags);
  record->tags = g_strsplit (tag, ",", -1);
  return record;
}

static gint64
query_int (ScholiaStore *store,
           const char   *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (scholia_db_query_int (store->db, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

/* How many annotations' notes FTS5 finds for @word. */
static gint64
count_matches (ScholiaStore *store,
               const char   *word)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH '%s'", word);

  return query_int (store, sql);
}

static void
test_row_without_clocks (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-merge-ids-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaAnnotation) imported = NULL;
  ScholiaLabel *evidence;
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_log_record_free);
  ScholiaMergeReport report = { 0 };
  ScholiaDocument *document;
  gint64 imported_id;
  gint64 evidence_id;

  g_assert_no_error (error);
  document = scholia_store_add_document (store, "The Hollin Tariffs", "Ivo Marr", "1999", "", essay, NULL, &error);
  g_assert_no_error (error);
  /* A tag every new library has. */
  evidence = scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "evidence", &error);
  g_assert_no_error (error);
  evidence_id = scholia_label_get_id (evidence);
  /* An annotation brought in before the essay was a seminar's, under a uuid a participant's log
   * then holds, as an import of that participant's export would; the log gives it the same tag. */
  imported = scholia_store_add_annotation (store, document, 5, 25, &evidence_id, 1, NULL, 0,
                                           "The widow's free passage was charity, not law.", &error);
  g_assert_no_error (error);
  imported_id = scholia_annotation_get_id (imported);
  g_assert_true (scholia_db_exec (store->db, "UPDATE annotations SET uuid_key = scholia_uuid_key('" KNOWN_UUID "')", &error));
  g_assert_no_error (error);

  seminar = scholia_store_add_seminar (store, NULL, "Fares and Fees", dir, SCHOLIA_SEMINAR_PARTICIPANT, NULL,
                                       "Reader", NULL, &error);
  g_assert_no_error (error);
  scholia_store_add_seminar_essay (store, seminar, document, &error);
  g_assert_no_error (error);
  g_ptr_array_add (log, put (KNOWN_UUID, 1, scholia_document_get_uuid (document), 8,
                             "The tariff boards priced a priest above a farmer.", "evidence"));
  g_ptr_array_add (log, put (NEW_UUID, 2, scholia_document_get_uuid (document), 60,
                             "Repainted yearly: a price series nobody meant to keep.", "thesis"));
  g_assert_true (scholia_store_merge_log (store, seminar, OWNER, "Tove Arnell", log, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.applied, ==, 2);
  scholia_merge_report_clear (&report);

  /* Written again in its own row; the new one after the last id the library gave. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM annotations"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT id FROM annotations WHERE uuid = '" KNOWN_UUID "'"), ==, imported_id);
  g_assert_cmpint (query_int (store, "SELECT id FROM annotations WHERE uuid = '" NEW_UUID "'"), >, imported_id);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM annotations WHERE uuid = '" KNOWN_UUID "'"
                                     " AND start_offset = 8 AND note LIKE 'The tariff boards%'"),
                   ==, 1);
  /* Each label on its own annotation. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM annotation_tags l JOIN annotations a ON a.id = l.annotation_id"
                                     " JOIN tags t ON t.id = l.tag_id"
                                     " WHERE (a.uuid = '" KNOWN_UUID "' AND t.name = 'evidence')"
                                     "  OR (a.uuid = '" NEW_UUID "' AND t.name = 'thesis')"),
                   ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM annotation_tags"), ==, 2);

  /* The old note is found no more, the new ones are, and the index matches the notes. */
  g_assert_cmpint (count_matches (store, "widow"), ==, 0);
  g_assert_cmpint (count_matches (store, "priest"), ==, 1);
  g_assert_cmpint (count_matches (store, "repainted"), ==, 1);
  g_assert_true (scholia_db_exec (store->db, "INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)",
                                  &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  test_tmp_dir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/seminar-merge-ids/row-without-clocks", test_row_without_clocks);
  return g_test_run ();
}
