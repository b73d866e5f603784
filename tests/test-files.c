/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-files.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

GBytes *
test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

char *
test_sql_text (const char *path,
               const char *query)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return value;
}

void
test_sql_exec (const char *path,
               const char *statements)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, statements, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

void
test_assert_nothing_beside (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *beside = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (beside, G_FILE_TEST_EXISTS))
        g_error ("“%s” was created", beside);
    }
}

void
test_library_fixture_set_up (TestLibraryFixture *fixture,
                             gconstpointer       data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("scholia-test-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  fixture->library = g_build_filename (fixture->dir, "library.sqlite3", NULL);
}

void
test_library_fixture_tear_down (TestLibraryFixture *fixture,
                                gconstpointer       data)
{
  const char *argv[] = { "rm", "-rf", fixture->dir, NULL };
  const char *chmod_argv[] = { "chmod", "-R", "u+w", fixture->dir, NULL };

  /* A test of read-only folders may have failed before it made its folder writable again. */
  g_assert_true (g_spawn_sync (NULL, (char **) chmod_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, NULL, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, NULL, NULL));
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->library, g_free);
}
