/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-files.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "scholia-db.h"
#include "scholia-schema.h"
#include "scholia-store-private.h"
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

GBytes *
test_copy_read_only (const char *path,
                     const char *copy)
{
  GBytes *bytes = test_read_bytes (path);

  g_assert_true (g_file_set_contents (copy, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_assert_cmpint (g_chmod (copy, 0444), ==, 0);
  return bytes;
}

char *
test_sql_text (const char *path,
               const char *query)
{
  g_autoptr(GError) error = NULL;
  /* A connection as Scholia opens one: the documents' index needs its tokenizer, and the
   * annotations' quotes are read through scholia_passage() (scholia-passage-sql.h). */
  g_autoptr(ScholiaDb) db = scholia_db_open (path, SCHOLIA_DB_READ_WRITE, &error);
  ScholiaDbStatement *stmt;
  char *value;

  g_assert_no_error (error);
  stmt = scholia_db_get_statement (db, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_db_statement_step (stmt, &error), ==, SCHOLIA_DB_STEP_ROW);
  value = g_strdup (scholia_db_statement_column_text (stmt, 0));
  scholia_db_statement_reset (stmt);
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
  g_autoptr(GError) error = NULL;
  /* Functions and tokenizer as on every connection Scholia opens: the schema's triggers use them. */
  g_autoptr(ScholiaDb) db = scholia_db_open (path, SCHOLIA_DB_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (scholia_db_exec (db, statements, &error));
  g_assert_no_error (error);
}

void
test_sql_exec_with_text (const char *path,
                         const char *statement,
                         const char *text)
{
  g_autoptr(GError) error = NULL;
  /* As Scholia's connections: changing a text keeps the quotes the old one held. */
  g_autoptr(ScholiaDb) db = scholia_db_open (path, SCHOLIA_DB_READ_WRITE, &error);
  ScholiaDbStatement *stmt;

  g_assert_no_error (error);
  stmt = scholia_db_get_statement (db, statement, &error);
  g_assert_no_error (error);
  scholia_db_statement_bind_text (stmt, 1, text);
  g_assert_true (scholia_db_statement_execute (stmt, &error));
  g_assert_no_error (error);
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

void
test_write_older_library (const char *path,
                          guint       n_essays)
{
  const ScholiaMigration *migrations;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint n;

  migrations = scholia_schema_get_migrations (&n);
  for (n = 0; migrations[n].version <= TEST_OLDER_VERSION; n++)
    ;
  store = _scholia_store_open_with_migrations (path, migrations, n, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (text, "Lock keeper %u counted the barges that paid in salt. ", i);
  for (guint d = 0; d < n_essays; d++)
    {
      g_autofree char *title = g_strdup_printf ("Salt tolls %02u", d);

      g_assert_nonnull (scholia_store_add_document (store, title, "Ilse Brandvold", "1809", "",
                                                    text->str, NULL, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, TEST_OLDER_VERSION);
}

/* Overwrites the page in the middle of the essays' table's leaves with a pattern that is not a
 * b-tree page, leaving the header and the index that lists the essays as they were. */
void
test_damage_middle_page (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strconcat ("file:", path, "?immutable=1", NULL);
  g_autofree char *contents = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page = 0, page_size = 0;
  gsize length;
  int n = 0;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno, pgsize FROM dbstat WHERE name = 'documents' "
                                       "AND pagetype = 'leaf' ORDER BY pageno", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n++;
  g_assert_cmpint (n, >=, 5);
  sqlite3_reset (stmt);
  for (int i = 0; i <= n / 2; i++)
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int64 (stmt, 0);
  page_size = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint ((page - 1) * page_size + page_size, <=, length);
  for (gint64 i = 0; i < page_size; i++)
    contents[(page - 1) * page_size + i] = (char) (0xA5 ^ i);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}
