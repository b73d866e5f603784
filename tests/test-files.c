/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-files.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "scholia-db.h"
#include "scholia-schema.h"
#include "scholia-stem-tokenizer.h"
#include <sys/stat.h>

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
  g_assert_cmpint (scholia_stem_tokenizer_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return value;
}

gint64
test_sql_int (const char *path,
              const char *query)
{
  /* SQLite prints an integer column as its decimal digits, so this loses nothing. */
  g_autofree char *text = test_sql_text (path, query);

  return g_ascii_strtoll (text, NULL, 10);
}

void
test_sql_exec (const char *path,
               const char *statements)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* The documents' index needs it, as on every connection Scholia opens. */
  g_assert_cmpint (scholia_stem_tokenizer_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, statements, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

void
test_sql_exec_with_text (const char *path,
                         const char *statement,
                         const char *text)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* The documents' index needs it, as on every connection Scholia opens. */
  g_assert_cmpint (scholia_stem_tokenizer_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, statement, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
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

char *
test_write_file (const char *dir,
                 const char *name,
                 const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

char *
test_tmp_dir_new (const char *template)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
test_tmp_dir_remove (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf info;
  const char *name;

  g_assert_cmpint (g_lstat (path, &info), ==, 0);
  if (!S_ISDIR (info.st_mode))
    {
      g_assert_cmpint (g_remove (path), ==, 0);
      return;
    }

  /* A test of read-only folders may have failed before it made its folder writable again. */
  g_assert_cmpint (g_chmod (path, 0700), ==, 0);
  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      test_tmp_dir_remove (child);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

void
test_library_fixture_set_up (TestLibraryFixture *fixture,
                             gconstpointer       data)
{
  fixture->dir = test_tmp_dir_new ("scholia-test-XXXXXX");
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  fixture->library = g_build_filename (fixture->dir, "library.sqlite3", NULL);
}

void
test_library_fixture_tear_down (TestLibraryFixture *fixture,
                                gconstpointer       data)
{
  test_tmp_dir_remove (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->library, g_free);
}

void
test_write_library_at_version (const char *path,
                               int         version)
{
  const ScholiaMigration *migrations;
  g_autoptr(GError) error = NULL;
  ScholiaDb *db;
  guint n;

  migrations = scholia_schema_get_migrations (&n);
  for (n = 0; migrations[n].version <= version; n++)
    ;
  db = scholia_db_open (path, SCHOLIA_DB_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_schema_migrate (db, 0, migrations, n, &error));
  g_assert_no_error (error);
  scholia_db_close (db);
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, version);
}
