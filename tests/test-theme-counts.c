/* SPDX-License-Identifier: GPL-3.0-or-later */

/* An author's counts by theme as the library keeps them (schema 19, scholia-theme-counts.h):
 * whatever is added or taken, in whatever order, the list read back holds each theme's sum,
 * in the order of the ids and without the themes that sum to 0, whatever the ids (0, the
 * largest, negative) and counts (several bytes); a list that is not whole is refused, not read
 * as other numbers. */

#include "config.h"

#include "scholia-theme-counts.h"

static sqlite3 *
open_memory (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (scholia_theme_counts_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE lists (id INTEGER PRIMARY KEY, themes BLOB);"
                                     "CREATE TABLE rows (theme_id INTEGER, n INTEGER);",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  return db;
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The list @sql's first column gives, as "id:count id:count", or "NULL". */
static char *
read_list (sqlite3    *db,
           const char *sql)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  ScholiaThemeCountsIter iter;
  gint64 theme_id, count;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      sqlite3_finalize (stmt);
      return g_strdup ("NULL");
    }
  g_assert_cmpint (sqlite3_column_type (stmt, 0), ==, SQLITE_BLOB);
  scholia_theme_counts_iter_init (&iter, sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  while (scholia_theme_counts_iter_next (&iter, &theme_id, &count))
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, text->len > 0 ? " " : "", theme_id,
                            count);
  g_assert_true (scholia_theme_counts_iter_is_whole (&iter));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define assert_list(db, sql, expected) \
  G_STMT_START { \
    g_autofree char *list_ = read_list (db, sql); \
    g_assert_cmpstr (list_, ==, expected); \
  } G_STMT_END

static void
test_sums (void)
{
  sqlite3 *db = open_memory ();

  /* Summed per theme in the ids' order; a theme summing to 0 is left out; no row: NULL. */
  exec (db, "INSERT INTO rows VALUES (7, 1), (3, 2), (7, 4), (9, 1), (3, -2), (0, 1),"
            " (9223372036854775807, 5), (-4, 1), (1099511627776, 300), (NULL, 8);");
  assert_list (db, "SELECT scholia_theme_counts(theme_id, n) FROM rows",
               "0:1 7:5 9:1 1099511627776:300 9223372036854775807:5 -4:1");
  assert_list (db, "SELECT scholia_theme_counts(theme_id, n) FROM rows WHERE theme_id = 3", "");
  assert_list (db, "SELECT scholia_theme_counts(theme_id, n) FROM rows WHERE theme_id = 12", "NULL");

  /* Added: one theme at a time, or a list; taking a theme's last passage leaves it out, and
   * NULL adds nothing. */
  exec (db, "INSERT INTO lists SELECT 1, scholia_theme_counts(theme_id, n) FROM rows;");
  exec (db, "UPDATE lists SET themes = scholia_theme_counts_add(themes, 9, -1);"
            "UPDATE lists SET themes = scholia_theme_counts_add(themes, 8, 70);"
            "UPDATE lists SET themes = scholia_theme_counts_add(themes, NULL);");
  assert_list (db, "SELECT themes FROM lists", "0:1 7:5 8:70 1099511627776:300 9223372036854775807:5 -4:1");
  exec (db, "UPDATE lists SET themes = scholia_theme_counts_add(themes,"
            " (SELECT scholia_theme_counts(theme_id, -n) FROM rows WHERE theme_id != 7));");
  assert_list (db, "SELECT themes FROM lists", "7:5 8:70 9:-1");
  assert_list (db, "SELECT scholia_theme_counts_add(NULL, 4, 2)", "4:2");
  sqlite3_close (db);
}

/* A thousand random changes to one author's list, against the sums kept beside them. */
static void
test_random_changes (void)
{
  sqlite3 *db = open_memory ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (1871);
  gint64 expected[40] = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);

  exec (db, "INSERT INTO lists VALUES (1, x'')");
  for (guint i = 0; i < 1000; i++)
    {
      guint theme = g_rand_int_range (rand, 0, G_N_ELEMENTS (expected));
      int n = g_rand_int_range (rand, -3, 200);
      g_autofree char *sql = NULL;

      expected[theme] += n;
      if (g_rand_boolean (rand))
        sql = g_strdup_printf ("UPDATE lists SET themes = scholia_theme_counts_add(themes, %u, %d)", theme * 97, n);
      else
        sql = g_strdup_printf ("UPDATE lists SET themes = scholia_theme_counts_add(themes,"
                               " (SELECT scholia_theme_counts(%u, %d)))", theme * 97, n);
      exec (db, sql);
    }
  for (guint theme = 0; theme < G_N_ELEMENTS (expected); theme++)
    if (expected[theme] != 0)
      g_string_append_printf (text, "%s%u:%" G_GINT64_FORMAT, text->len > 0 ? " " : "", theme * 97, expected[theme]);
  assert_list (db, "SELECT themes FROM lists", text->str);
  sqlite3_close (db);
}

/* A list cut short, or naming a theme twice, is refused by the functions and the iterator. */
static void
test_not_whole (void)
{
  sqlite3 *db = open_memory ();
  const char *broken[] = { "x'07'", "x'0780'", "x'02020002'", "x'ffffffffffffffffffff0102'" };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT scholia_theme_counts_add(%s, 1, 1)", broken[i]);
      sqlite3_stmt *stmt = NULL;
      ScholiaThemeCountsIter iter;
      gint64 theme_id, count;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ERROR);
      sqlite3_finalize (stmt);

      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT %s", broken[i]);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      scholia_theme_counts_iter_init (&iter, sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      while (scholia_theme_counts_iter_next (&iter, &theme_id, &count))
        ;
      g_assert_false (scholia_theme_counts_iter_is_whole (&iter));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/theme-counts/sums", test_sums);
  g_test_add_func ("/theme-counts/random-changes", test_random_changes);
  g_test_add_func ("/theme-counts/not-whole", test_not_whole);

  return g_test_run ();
}
