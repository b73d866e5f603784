/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Upgrading a library written by an earlier Scholia apart from opening it (issue 17: the window
 * does it on a worker thread while it says so): the store tells which files opening would
 * upgrade without changing them, upgrades one in place, and a cancelled upgrade, even one
 * stopped in the middle of its transaction, leaves the file byte for byte as it was. */
#include "config.h"

#include <glib/gstdio.h>

#include "scholia-error.h"
#include "scholia-store-private.h"
#include "scholia-store-upgrade.h"
#include "test-files.h"

typedef TestLibraryFixture Fixture;

static void
test_needs_upgrade (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *current = g_build_filename (fixture->dir, "current.sqlite3", NULL);
  g_autofree char *newer = g_build_filename (fixture->dir, "newer.sqlite3", NULL);
  g_autofree char *foreign = g_build_filename (fixture->dir, "foreign.sqlite3", NULL);
  g_autofree char *text = test_write_file (fixture->dir, "notes.txt", "Not a library.\n");
  g_autofree char *newer_sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                                SCHOLIA_APPLICATION_ID, SCHOLIA_SCHEMA_VERSION + 1);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  /* Nothing there yet: opening creates a library at the current version. */
  g_assert_false (scholia_store_needs_upgrade (fixture->library));

  test_write_older_library (fixture->library, 2);
  before = test_read_bytes (fixture->library);
  g_assert_true (scholia_store_needs_upgrade (fixture->library));
  /* Asking changes nothing. */
  after = test_read_bytes (fixture->library);
  g_assert_true (g_bytes_equal (before, after));
  test_assert_nothing_beside (fixture->library);

  g_object_unref (scholia_store_open (current, NULL));
  g_assert_false (scholia_store_needs_upgrade (current));

  /* What opening refuses, or reads without writing, is opening's to say. */
  test_sql_exec (newer, newer_sql);
  g_assert_false (scholia_store_needs_upgrade (newer));
  test_sql_exec (foreign, "CREATE TABLE ledger (entry TEXT); PRAGMA user_version = 3;");
  g_assert_false (scholia_store_needs_upgrade (foreign));
  g_assert_false (scholia_store_needs_upgrade (text));
  g_assert_false (scholia_store_needs_upgrade (fixture->dir));
}

static void
test_upgrades_in_place (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = NULL;

  test_write_older_library (fixture->library, 5);
  g_assert_true (scholia_store_upgrade (fixture->library, NULL, &error));
  g_assert_no_error (error);
  test_assert_nothing_beside (fixture->library);
  g_assert_cmpint (test_sql_int (fixture->library, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
  g_assert_false (scholia_store_needs_upgrade (fixture->library));

  store = scholia_store_open (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 5);
}

static void
test_cancelled_untouched (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  test_write_older_library (fixture->library, 5);
  before = test_read_bytes (fixture->library);
  g_cancellable_cancel (cancellable);
  g_assert_false (scholia_store_upgrade (fixture->library, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = test_read_bytes (fixture->library);
  g_assert_true (g_bytes_equal (before, after));
  test_assert_nothing_beside (fixture->library);
}

typedef struct
{
  ScholiaDb    *db;
  GCancellable *cancellable;
  GMutex        mutex;
  GCond         cond;
  gboolean      in_transaction;
} Writer;

/* Writes inside a transaction, then runs a statement that never ends on its own. */
static gpointer
write_until_cancelled (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  gint64 count = 0;

  g_assert_true (scholia_db_begin (writer->db, &error));
  g_assert_true (scholia_db_exec (writer->db, "CREATE TABLE scratch (line TEXT); "
                                 "INSERT INTO scratch VALUES ('half an upgrade')", &error));
  g_mutex_lock (&writer->mutex);
  writer->in_transaction = TRUE;
  g_cond_signal (&writer->cond);
  g_mutex_unlock (&writer->mutex);

  g_assert_false (scholia_db_query_int (writer->db,
                                        "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                                        "SELECT count(*) FROM n", &count, &error));
  g_assert_nonnull (error);
  scholia_db_rollback (writer->db);
  return NULL;
}

/* A cancellation from another thread stops the statement running in the middle of a
 * transaction (the upgrade's connection is watched so), which then rolls back. */
static void
test_cancel_stops_transaction (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  Writer writer = { 0 };
  GThread *thread;

  test_write_older_library (fixture->library, 5);
  before = test_read_bytes (fixture->library);
  writer.db = scholia_db_open (fixture->library, SCHOLIA_DB_READ_WRITE, &error);
  g_assert_no_error (error);
  writer.cancellable = g_cancellable_new ();
  scholia_db_set_cancellable (writer.db, writer.cancellable);
  g_mutex_init (&writer.mutex);
  g_cond_init (&writer.cond);

  thread = g_thread_new ("writer", write_until_cancelled, &writer);
  g_mutex_lock (&writer.mutex);
  while (!writer.in_transaction)
    g_cond_wait (&writer.cond, &writer.mutex);
  g_mutex_unlock (&writer.mutex);
  g_cancellable_cancel (writer.cancellable);
  g_thread_join (thread);

  scholia_db_close (writer.db);
  g_object_unref (writer.cancellable);
  g_mutex_clear (&writer.mutex);
  g_cond_clear (&writer.cond);
  after = test_read_bytes (fixture->library);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (test_sql_int (fixture->library,
                                 "SELECT count(*) FROM sqlite_schema WHERE name = 'scratch'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add_with_library ("/store-upgrade/needs-upgrade", test_needs_upgrade);
  test_add_with_library ("/store-upgrade/upgrades-in-place", test_upgrades_in_place);
  test_add_with_library ("/store-upgrade/cancelled-untouched", test_cancelled_untouched);
  test_add_with_library ("/store-upgrade/cancel-stops-transaction", test_cancel_stops_transaction);

  return g_test_run ();
}
