/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-files.h"
#include "scholia-db.h"
#include "scholia-error.h"

/* ScholiaDbStatement, the only way the store reaches SQLite: values come back as they were
 * bound, failures arrive as GError naming the file, and a cached statement starts afresh. */

typedef struct
{
  char      *dir;
  ScholiaDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-db-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->db = scholia_db_open (path, SCHOLIA_DB_CREATE, &error);
  g_assert_no_error (error);
  scholia_db_exec (fixture->db,
                   "CREATE TABLE t (i INTEGER, s TEXT, b BLOB, n, u TEXT UNIQUE)", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->db, scholia_db_close);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static ScholiaDbStatement *
statement (Fixture    *fixture,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  ScholiaDbStatement *stmt = scholia_db_get_statement (fixture->db, sql, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  return stmt;
}

static void
insert_int (Fixture *fixture,
            gint64   value)
{
  g_autoptr(GError) error = NULL;
  ScholiaDbStatement *stmt = statement (fixture, "INSERT INTO t (i) VALUES (?)");

  scholia_db_statement_bind_int64 (stmt, 1, value);
  g_assert_true (scholia_db_statement_execute (stmt, &error));
  g_assert_no_error (error);
}

static gint64
count_rows (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 count = -1;

  g_assert_true (scholia_db_query_int (fixture->db, "SELECT count(*) FROM t", &count, &error));
  g_assert_no_error (error);
  return count;
}

static void
test_values_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char blob[] = { 'a', '\0', 'b', '\xff' };
  static const char text[] = "“Żeleński” — Ни один 𝔉inis";
  g_autoptr(GError) error = NULL;
  g_autofree char *copied = g_strdup (text);
  ScholiaDbStatement *stmt;
  gconstpointer read;
  gsize length = 99;

  stmt = statement (fixture, "INSERT INTO t (i, s, b, n, u) VALUES (?, ?, ?, ?, ?)");
  scholia_db_statement_bind_int64 (stmt, 1, G_MININT64);
  scholia_db_statement_bind_text (stmt, 2, copied);
  scholia_db_statement_bind_blob (stmt, 3, blob, sizeof blob);
  scholia_db_statement_bind_null (stmt, 4);
  scholia_db_statement_bind_static_text (stmt, 5, text);
  /* bind_text copies: the statement does not see a later change to the caller's string. */
  copied[0] = 'X';
  g_assert_true (scholia_db_statement_execute (stmt, &error));
  g_assert_no_error (error);

  stmt = statement (fixture, "INSERT INTO t (i, b) VALUES (?, ?)");
  scholia_db_statement_bind_int64 (stmt, 1, G_MAXINT64);
  scholia_db_statement_bind_blob (stmt, 2, NULL, 0);
  g_assert_true (scholia_db_statement_execute (stmt, &error));
  g_assert_no_error (error);

  stmt = statement (fixture, "SELECT i, s, b, n, u, i / 4.0 FROM t ORDER BY i");
  g_assert_cmpint (scholia_db_statement_step (stmt, &error), ==, SCHOLIA_DB_STEP_ROW);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_db_statement_column_int64 (stmt, 0), ==, G_MININT64);
  g_assert_cmpstr (scholia_db_statement_column_text (stmt, 1), ==, text);
  read = scholia_db_statement_column_blob (stmt, 2, &length);
  g_assert_cmpmem (read, length, blob, sizeof blob);
  g_assert_true (scholia_db_statement_column_is_null (stmt, 3));
  g_assert_false (scholia_db_statement_column_is_null (stmt, 4));
  g_assert_cmpstr (scholia_db_statement_column_text (stmt, 4), ==, text);
  g_assert_cmpfloat (scholia_db_statement_column_double (stmt, 5), ==, G_MININT64 / 4.0);

  g_assert_cmpint (scholia_db_statement_step (stmt, &error), ==, SCHOLIA_DB_STEP_ROW);
  g_assert_cmpint (scholia_db_statement_column_int64 (stmt, 0), ==, G_MAXINT64);
  /* An empty blob is empty, not NULL. */
  g_assert_false (scholia_db_statement_column_is_null (stmt, 2));
  scholia_db_statement_column_blob (stmt, 2, &length);
  g_assert_cmpuint (length, ==, 0);

  g_assert_cmpint (scholia_db_statement_step (stmt, &error), ==, SCHOLIA_DB_STEP_DONE);
  g_assert_no_error (error);
  scholia_db_statement_reset (stmt);
}

static void
test_null_text (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaDbStatement *stmt;

  stmt = statement (fixture, "INSERT INTO t (i, s) VALUES (?, ?)");
  scholia_db_statement_bind_int64 (stmt, 1, 1);
  scholia_db_statement_bind_null (stmt, 2);
  g_assert_true (scholia_db_statement_execute (stmt, &error));
  /* The library's text columns are never NULL: bind_text stores "" for a NULL string. */
  stmt = statement (fixture, "INSERT INTO t (i, s) VALUES (?, ?)");
  scholia_db_statement_bind_int64 (stmt, 1, 2);
  scholia_db_statement_bind_text (stmt, 2, NULL);
  g_assert_true (scholia_db_statement_execute (stmt, &error));
  g_assert_no_error (error);

  stmt = statement (fixture, "SELECT s FROM t ORDER BY i");
  g_assert_cmpint (scholia_db_statement_step (stmt, &error), ==, SCHOLIA_DB_STEP_ROW);
  g_assert_true (scholia_db_statement_column_is_null (stmt, 0));
  g_assert_cmpstr (scholia_db_statement_column_text (stmt, 0), ==, "");
  g_assert_cmpint (scholia_db_statement_step (stmt, &error), ==, SCHOLIA_DB_STEP_ROW);
  g_assert_false (scholia_db_statement_column_is_null (stmt, 0));
  g_assert_cmpstr (scholia_db_statement_column_text (stmt, 0), ==, "");
  g_assert_no_error (error);
  scholia_db_statement_reset (stmt);
}

static void
test_bad_sql_is_an_error (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (scholia_db_get_statement (fixture->db, "SELECT nonesuch FROM t", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "library.sqlite3"));
  g_assert_nonnull (strstr (error->message, "no such column: nonesuch"));
}

static void
test_failed_step_is_an_error (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaDbStatement *stmt;

  stmt = statement (fixture, "INSERT INTO t (u) VALUES (?)");
  scholia_db_statement_bind_text (stmt, 1, "once");
  g_assert_true (scholia_db_statement_execute (stmt, &error));
  g_assert_no_error (error);

  stmt = statement (fixture, "INSERT INTO t (u) VALUES (?)");
  scholia_db_statement_bind_text (stmt, 1, "once");
  g_assert_cmpint (scholia_db_statement_step (stmt, &error), ==, SCHOLIA_DB_STEP_ERROR);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "library.sqlite3"));
  g_assert_nonnull (strstr (error->message, "UNIQUE constraint failed: t.u"));
  /* The engine's own message stays readable for callers that tell failures apart. */
  g_assert_true (g_str_has_prefix (scholia_db_get_error_message (fixture->db), "UNIQUE constraint failed"));
  g_clear_error (&error);

  /* The failed statement was reset: it runs again with a new value. */
  scholia_db_statement_bind_text (stmt, 1, "twice");
  g_assert_true (scholia_db_statement_execute (stmt, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture), ==, 2);
}

static void
test_failed_bind_is_reported_by_step (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaDbStatement *stmt;

  stmt = statement (fixture, "INSERT INTO t (i) VALUES (?)");
  scholia_db_statement_bind_int64 (stmt, 2, 7);
  /* A later bind that succeeds does not hide the failed one. */
  scholia_db_statement_bind_int64 (stmt, 1, 7);
  g_assert_cmpint (scholia_db_statement_step (stmt, &error), ==, SCHOLIA_DB_STEP_ERROR);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "library.sqlite3"));
  g_assert_nonnull (strstr (error->message, "column index out of range"));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture), ==, 0);

  /* Handed out again, the statement carries no trace of it. */
  insert_int (fixture, 7);
  g_assert_cmpint (count_rows (fixture), ==, 1);
}

static void
test_cached_statement_starts_afresh (Fixture       *fixture,
                                     gconstpointer  data)
{
  const char *sql = "SELECT i FROM t WHERE i >= ? ORDER BY i";
  g_autoptr(GError) error = NULL;
  ScholiaDbStatement *first;
  ScholiaDbStatement *second;

  for (int i = 1; i <= 3; i++)
    insert_int (fixture, i);

  /* A query left after its first row, as a caller that returns early does. */
  first = statement (fixture, sql);
  scholia_db_statement_bind_int64 (first, 1, 1);
  g_assert_cmpint (scholia_db_statement_step (first, &error), ==, SCHOLIA_DB_STEP_ROW);
  g_assert_cmpint (scholia_db_statement_column_int64 (first, 0), ==, 1);

  /* The same prepared statement comes back, its bindings cleared: i >= NULL matches nothing. */
  second = statement (fixture, sql);
  g_assert_true (second == first);
  g_assert_cmpint (scholia_db_statement_step (second, &error), ==, SCHOLIA_DB_STEP_DONE);
  g_assert_no_error (error);

  /* With a fresh binding, it starts from the first row, not where the other use stopped. */
  second = statement (fixture, sql);
  scholia_db_statement_bind_int64 (second, 1, 2);
  g_assert_cmpint (scholia_db_statement_step (second, &error), ==, SCHOLIA_DB_STEP_ROW);
  g_assert_cmpint (scholia_db_statement_column_int64 (second, 0), ==, 2);
  g_assert_cmpint (scholia_db_statement_step (second, &error), ==, SCHOLIA_DB_STEP_ROW);
  g_assert_cmpint (scholia_db_statement_column_int64 (second, 0), ==, 3);
  g_assert_cmpint (scholia_db_statement_step (second, &error), ==, SCHOLIA_DB_STEP_DONE);
  g_assert_no_error (error);
  scholia_db_statement_reset (second);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/db/statement/values-round-trip", test_values_round_trip);
  ADD ("/db/statement/null-text", test_null_text);
  ADD ("/db/statement/bad-sql", test_bad_sql_is_an_error);
  ADD ("/db/statement/failed-step", test_failed_step_is_an_error);
  ADD ("/db/statement/failed-bind", test_failed_bind_is_reported_by_step);
  ADD ("/db/statement/cached-afresh", test_cached_statement_starts_afresh);
#undef ADD

  return g_test_run ();
}
