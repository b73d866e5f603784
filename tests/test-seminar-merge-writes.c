/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A seminar merge writes its rows with the schema's triggers off and does their work itself,
 * set-wise: every trigger on the tables it writes is one it knows, a link set aside when one
 * of its passages was deleted comes back when a later merge puts that passage back, and what
 * the merge wrote is what the triggers would have written (the notes' full-text rows, tested
 * in test-seminar-merge-search.c), while every other write still runs them. */
#include "config.h"

#include <string.h>

#include "scholia-seminar-store.h"
#include "scholia-store-links.h"
#include "scholia-store-private.h"
#include "scholia-store-seminar-private.h"
#include "seminar-records.h"
#include "test-files.h"

#define OWNER "e0000000-0000-4000-8000-00000000000e"
#define FIRST "b0000000-0000-4000-8000-000000000001"
#define SECOND "b0000000-0000-4000-8000-000000000002"

static const char essay[] =
  "The ferrymen of Oskel kept a tally of crossings on the boathouse door, one notch a crossing. "
  "When the river froze they cut the door down and began another, and the old doors were stacked "
  "in the loft, where a clerk of the toll counted them every spring for the council.";

typedef struct
{
  char            *dir;
  ScholiaStore    *store;
  ScholiaSeminar  *seminar;
  ScholiaDocument *document;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-merge-writes-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  fixture->document = scholia_store_add_document (fixture->store, "The Oskel Tallies", "Ivo Brandt", "1998", "",
                                                  essay, NULL, &error);
  g_assert_no_error (error);
  fixture->seminar = scholia_store_add_seminar (fixture->store, NULL, "Rivers and Tolls", fixture->dir,
                                                SCHOLIA_SEMINAR_PARTICIPANT, NULL, "Reader", NULL, &error);
  g_assert_no_error (error);
  scholia_store_add_seminar_essay (fixture->store, fixture->seminar, fixture->document, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->seminar, scholia_seminar_free);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static void
merge (Fixture   *fixture,
       GPtrArray *log)
{
  g_autoptr(GError) error = NULL;
  ScholiaMergeReport report = { 0 };

  records_number_lines (log);
  g_assert_true (scholia_store_merge_log (fixture->store, fixture->seminar, OWNER, "Lene Varga", log, &report,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.forged, ==, 0);
  scholia_merge_report_clear (&report);
}

static gint64
sql_int (Fixture    *fixture,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (scholia_db_query_int (fixture->store->db, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

static gint64
annotation_id (Fixture    *fixture,
               const char *uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM annotations WHERE uuid = '%s'", uuid);

  return sql_int (fixture, sql);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The schema's triggers that fire when the merge inserts or updates rows, against the list of
 * those whose work the merge does itself: a trigger added without teaching the merge fails
 * here instead of being skipped by every merge. */
static void
test_triggers_known (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) known = g_ptr_array_new ();
  g_autofree char *found_names = NULL;
  g_autofree char *known_names = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  stmt = scholia_db_get_statement (fixture->store->db,
                                   "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                   " AND tbl_name IN ('annotations', 'annotation_tags', 'annotation_themes',"
                                   "  'replies', 'seminar_items', 'notes_fts', 'annotation_links',"
                                   "  'annotation_links_set_aside')"
                                   " AND (tbl_name = 'annotation_links_set_aside' OR"
                                   "  (sql NOT LIKE '% DELETE ON %' COLLATE NOCASE)) ORDER BY name",
                                   &error);
  g_assert_no_error (error);
  while ((rc = scholia_db_statement_step (stmt, &error)) == SCHOLIA_DB_STEP_ROW)
    g_ptr_array_add (found, g_strdup (scholia_db_statement_column_text (stmt, 0)));
  scholia_db_statement_reset (stmt);
  g_assert_cmpint (rc, ==, SCHOLIA_DB_STEP_DONE);
  g_assert_no_error (error);

  for (guint i = 0; _scholia_merge_replaced_triggers[i] != NULL; i++)
    g_ptr_array_add (known, (gpointer) _scholia_merge_replaced_triggers[i]);
  g_ptr_array_sort (known, compare_names);
  g_ptr_array_add (found, NULL);
  g_ptr_array_add (known, NULL);
  /* sqlite_master's order is the C locale's, as strcmp()'s. */
  found_names = g_strjoinv (" ", (char **) found->pdata);
  known_names = g_strjoinv (" ", (char **) known->pdata);
  g_assert_cmpstr (found_names, ==, known_names);
}

/* A link between two merged passages is set aside when a later log deletes one of them, and
 * comes back, the same link, when a still later log puts the passage back. */
static void
test_link_put_back (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = records_new ();
  g_autoptr(GPtrArray) second = records_new ();
  g_autoptr(GPtrArray) third = records_new ();
  const char *document_uuid = scholia_document_get_uuid (fixture->document);
  g_autoptr(ScholiaLink) link = NULL;
  g_autoptr(ScholiaLink) back = NULL;

  g_ptr_array_add (first, record_put (OWNER, FIRST, 1000, document_uuid, essay, 4, 30, "Notches as records.", "", ""));
  g_ptr_array_add (first, record_put (OWNER, SECOND, 1001, document_uuid, essay, 95, 140, "A new door each winter.",
                                      "", ""));
  merge (fixture, first);
  link = scholia_store_add_link (fixture->store, annotation_id (fixture, FIRST), annotation_id (fixture, SECOND),
                                 "supports", &error);
  g_assert_no_error (error);

  g_ptr_array_add (second, record_delete (OWNER, FIRST, 2000));
  merge (fixture, second);
  g_assert_cmpint (annotation_id (fixture, FIRST), ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM annotation_links"), ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM annotation_links_set_aside"), ==, 1);

  g_ptr_array_add (third, record_put (OWNER, FIRST, 3000, document_uuid, essay, 4, 30, "Notches as records, again.",
                                      "", ""));
  merge (fixture, third);
  g_assert_cmpint (annotation_id (fixture, FIRST), >, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM annotation_links_set_aside"), ==, 0);
  back = scholia_store_get_link (fixture->store, scholia_link_get_id (link), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_link_get_uuid (back), ==, scholia_link_get_uuid (link));
  g_assert_cmpint (scholia_link_get_annotation_id (back, SCHOLIA_LINK_END_SOURCE), ==, annotation_id (fixture, FIRST));
  g_assert_cmpint (scholia_link_get_annotation_id (back, SCHOLIA_LINK_END_TARGET), ==, annotation_id (fixture, SECOND));
}

/* The triggers run again once the merge is over: an annotation added by hand afterwards is in
 * the full-text index and in the seminar's outbox. */
static void
test_triggers_back_on (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = records_new ();
  g_autoptr(ScholiaAnnotation) annotation = NULL;

  g_ptr_array_add (log, record_put (OWNER, FIRST, 1000, scholia_document_get_uuid (fixture->document), essay, 4, 30,
                                    "Notches as records.", "", ""));
  merge (fixture, log);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'notches'"), ==, 1);

  annotation = scholia_store_add_annotation (fixture->store, fixture->document, 100, 130, NULL, 0, NULL, 0,
                                             "Thawing rivers and the council.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'thawing'"), ==, 1);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM seminar_outbox"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/seminar-merge-writes/triggers-known", Fixture, NULL, fixture_set_up, test_triggers_known,
              fixture_tear_down);
  g_test_add ("/seminar-merge-writes/link-put-back", Fixture, NULL, fixture_set_up, test_link_put_back,
              fixture_tear_down);
  g_test_add ("/seminar-merge-writes/triggers-back-on", Fixture, NULL, fixture_set_up, test_triggers_back_on,
              fixture_tear_down);
  return g_test_run ();
}
