/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Compact Library (issue 17, "Sizes"): compacting keeps every row of every table (checksums of
 * the tables before and after), makes the file smaller, and a process killed at any point of it
 * (at each named step, and after delays spread over a whole run) leaves a library that opens
 * with every row and passes SQLite's integrity check. A read-only or busy library is refused
 * with a message, and scholia-cli compact fails with a non-zero status then. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli-runner.h"
#include "scholia-error.h"
#include "scholia-store-compact.h"
#include "scholia-store-private.h"
#include "test-files.h"

#define TIMED_KILLS 16

typedef TestLibraryFixture Fixture;

static const char *const sentences[] = {
  "The ferry toll of Kessendorf was raised twice in one winter, and the boatmen kept both receipts. ",
  "Nobody on the council admitted to drafting the second ordinance; its hand matches the clerk’s. ",
  "Grain prices in the river towns moved together until the bridge at Ossel washed away in 1861. ",
  "A widow’s petition of that spring asks for the toll to be waived “for as long as the ice holds”. ",
  "The archive keeps the petition but not the answer, which the clerk’s index calls favourable. ",
};

static char *
make_essay (guint seed,
            guint n_sentences)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_sentences; i++)
    {
      g_string_append (text, sentences[(seed + i * 3) % G_N_ELEMENTS (sentences)]);
      if (i % 9 == 8)
        g_string_append_printf (text, "[%u.%u]\n\n", seed, i);
    }
  return g_string_free (text, FALSE);
}

/* Forty essays, each with thirty annotations (tags, themes, a note on every third), then every
 * third essay deleted: the file has free pages and the indexes many segments. A few megabytes,
 * so that a compaction lasts long enough to be killed in the middle. */
static void
write_library (const char *path)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  gint64 tag_ids[2];
  gint64 theme_id;

  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  tag_ids[0] = scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "evidence", &error));
  tag_ids[1] = scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "thesis", &error));
  theme_id = scholia_label_get_id (scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Tolls", "#38a010", "", &error));
  g_assert_no_error (error);

  for (guint d = 0; d < 40; d++)
    {
      g_autofree char *text = make_essay (d, 400);
      g_autofree char *title = g_strdup_printf ("River ledger %u", d);
      ScholiaDocument *document;

      document = scholia_store_add_document (store, title, d % 2 ? "Ilse Varnhagen" : "Tomas Reel",
                                             "1862", "", text, NULL, &error);
      g_assert_no_error (error);
      for (guint a = 0; a < 30; a++)
        {
          g_autoptr(ScholiaAnnotation) annotation = NULL;
          g_autofree char *note = a % 3 == 0 ? g_strdup_printf ("Compare with ledger %u, toll %u", d, a) : NULL;
          int start = a * 97;

          annotation = scholia_store_add_annotation (store, document, start, start + 40 + a,
                                                     tag_ids, 1 + a % 2, &theme_id, a % 4 == 0,
                                                     note, &error);
          g_assert_no_error (error);
        }
      if (d % 3 == 1)
        g_ptr_array_add (doomed, document);
    }

  for (guint i = 0; i < doomed->len; i++)
    {
      scholia_store_delete_document (store, doomed->pdata[i], &error);
      g_assert_no_error (error);
    }
}

/* A checksum of every row of every table but the search indexes' own (which compaction
 * rewrites), in a fixed order, and of what searching the indexes finds. */
static char *
checksum_library (const char *path)
{
  g_autoptr(ScholiaDb) db = scholia_db_open (path, SCHOLIA_DB_READ_ONLY, NULL);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  ScholiaDbStatement *stmt;
  static const char *const searches[] = {
    "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'toll' ORDER BY rowid",
    "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'widow petition' ORDER BY rowid",
    "SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'ledger' ORDER BY rowid",
  };

  g_assert_nonnull (db);
  stmt = scholia_db_get_statement (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'"
                                       " ORDER BY name", &error);
  g_assert_no_error (error);
  while (scholia_db_statement_step (stmt, &error) == SCHOLIA_DB_STEP_ROW)
    g_ptr_array_add (tables, g_strdup (scholia_db_statement_column_text (stmt, 0)));
  g_assert_no_error (error);
  g_assert_cmpuint (tables->len, >, 10);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *columns_sql = g_strdup_printf ("SELECT group_concat('quote(\"' || name || '\")', \" || ',' || \")"
                                                      " FROM pragma_table_info('%s')",
                                                      (char *) tables->pdata[i]);
      g_autofree char *rows_sql = NULL;
      g_autofree char *row_expression = NULL;

      stmt = scholia_db_get_statement (db, columns_sql, &error);
      g_assert_no_error (error);
      g_assert_cmpint (scholia_db_statement_step (stmt, &error), ==, SCHOLIA_DB_STEP_ROW);
      row_expression = g_strdup (scholia_db_statement_column_text (stmt, 0));
      scholia_db_statement_reset (stmt);

      rows_sql = g_strdup_printf ("SELECT %s AS r FROM \"%s\" ORDER BY r", row_expression,
                                  (char *) tables->pdata[i]);
      g_checksum_update (checksum, (const guchar *) tables->pdata[i], -1);
      stmt = scholia_db_get_statement (db, rows_sql, &error);
      g_assert_no_error (error);
      while (scholia_db_statement_step (stmt, &error) == SCHOLIA_DB_STEP_ROW)
        {
          g_checksum_update (checksum, (const guchar *) scholia_db_statement_column_text (stmt, 0), -1);
          g_checksum_update (checksum, (const guchar *) "\n", 1);
        }
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      guint found = 0;

      stmt = scholia_db_get_statement (db, searches[i], &error);
      g_assert_no_error (error);
      while (scholia_db_statement_step (stmt, &error) == SCHOLIA_DB_STEP_ROW)
        {
          g_autofree char *rowid = g_strdup_printf ("%" G_GINT64_FORMAT ",",
                                                    scholia_db_statement_column_int64 (stmt, 0));

          g_checksum_update (checksum, (const guchar *) rowid, -1);
          found++;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (found, >, 0);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* The library opens through the store with every row as @expected, and SQLite's integrity
 * check (with the search indexes' own) finds nothing wrong. */
static void
assert_library_whole (const char *path,
                      const char *expected)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *integrity = NULL;

  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 27);
  g_assert_true (scholia_db_exec (store->db,
                                  "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check');"
                                  "INSERT INTO notes_fts (notes_fts) VALUES ('integrity-check');",
                                  &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  integrity = test_sql_text (path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  checksum = checksum_library (path);
  g_assert_cmpstr (checksum, ==, expected);
}

/* Every test starts from a copy of one library written once. */
static char *template_path;

static void
copy_template (const char *path)
{
  g_autoptr(GFile) from = g_file_new_for_path (template_path);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_keeps_every_row (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  ScholiaCompactSizes sizes = { 0 };
  gint64 segments_before;

  copy_template (fixture->library);
  before = checksum_library (fixture->library);
  segments_before = test_sql_int (fixture->library, "SELECT count(*) FROM documents_fts_data");

  store = scholia_store_open (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_compact (store, &sizes, &error));
  g_assert_no_error (error);
  g_test_message ("%" G_GINT64_FORMAT " bytes before, %" G_GINT64_FORMAT " after",
                  sizes.size_before, sizes.size_after);
  g_assert_cmpint (sizes.size_after, <, sizes.size_before * 9 / 10);

  /* The store open during the compaction goes on reading. */
  g_assert_nonnull (scholia_store_find_document (store, "River ledger 3", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM documents_fts_data"), <,
                   segments_before);
  assert_library_whole (fixture->library, before);
}

/* The child: opens the library, says so on @fd, compacts it; exits 0 when done. */
static G_GNUC_NORETURN void
compact_in_child (const char *path,
                  const char *kill_at,
                  int         fd)
{
  g_autoptr(ScholiaStore) store = NULL;
  ScholiaCompactSizes sizes;
  char ready = 'r';

  if (kill_at != NULL)
    g_setenv ("SCHOLIA_COMPACT_KILL_AT", kill_at, TRUE);
  store = scholia_store_open (path, NULL);
  if (store == NULL || write (fd, &ready, 1) != 1)
    _exit (2);
  if (!scholia_store_compact (store, &sizes, NULL))
    _exit (3);
  _exit (0);
}

/* Forks a compacting child, kills it @delay_us after it has opened the library (never, for a
 * negative delay); returns whether it died by SIGKILL (FALSE: it finished first). */
static gboolean
run_child (const char *path,
           const char *kill_at,
           gint64      delay_us)
{
  int fds[2];
  int status;
  pid_t child;
  char ready;

  g_assert_cmpint (pipe (fds), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      close (fds[0]);
      compact_in_child (path, kill_at, fds[1]);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &ready, 1), ==, 1);
  close (fds[0]);

  if (delay_us >= 0)
    {
      g_usleep (delay_us);
      kill (child, SIGKILL);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  if (WIFEXITED (status))
    {
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      return FALSE;
    }
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  return TRUE;
}

static void
test_survives_kill_at_each_step (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char *const points[] = {
    "documents-index", "notes-index", "vacuum", "checkpoint", "optimize",
  };
  g_autofree char *expected = checksum_library (template_path);

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      copy_template (fixture->library);
      g_test_message ("killed after %s", points[i]);
      g_assert_true (run_child (fixture->library, points[i], -1));
      assert_library_whole (fixture->library, expected);

      /* Compacting again after the kill finishes the work. */
      g_assert_false (run_child (fixture->library, NULL, -1));
      assert_library_whole (fixture->library, expected);
    }
}

static void
test_survives_kill_at_any_time (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *expected = checksum_library (template_path);
  gint64 started;
  gint64 whole_us;
  guint killed = 0;

  copy_template (fixture->library);
  started = g_get_monotonic_time ();
  g_assert_false (run_child (fixture->library, NULL, -1));
  whole_us = g_get_monotonic_time () - started;

  /* Delays spread over a whole run, each from a fresh copy. A run slower or faster than the
   * first moves the points, not what must hold at each. */
  for (guint i = 0; i < TIMED_KILLS; i++)
    {
      gint64 delay_us = whole_us * i / TIMED_KILLS;

      copy_template (fixture->library);
      killed += run_child (fixture->library, NULL, delay_us);
      assert_library_whole (fixture->library, expected);
    }
  g_test_message ("a compaction took %.0f ms; %u of %d runs killed before they finished",
                  whole_us / 1000.0, killed, TIMED_KILLS);
  g_assert_cmpuint (killed, >, 0);
}

/* The unprivileged user scholia-cli runs as when the suite runs as root, which file modes do
 * not stop. */
#define NOBODY 65534

static void
become_nobody (gpointer data)
{
  if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
    _exit (125);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  CliRunOptions options = { .child_setup = getuid () == 0 ? become_nobody : NULL };
  const char *const args[] = { "--library", fixture->library, "compact", NULL };
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  g_autofree char *expected = NULL;
  ScholiaCompactSizes sizes;

  copy_template (fixture->library);
  expected = checksum_library (fixture->library);

  store = scholia_store_open_read_only (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_false (scholia_store_compact (store, &sizes, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_assert_true (g_str_has_suffix (error->message, "is open read-only: it cannot be compacted"));
  g_clear_object (&store);

  /* Only the library is read-only: its folder lets SQLite make its -wal and -shm files. */
  if (getuid () == 0)
    {
      g_assert_cmpint (chown (fixture->dir, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (g_chmod (fixture->library, 0644), ==, 0);
    }
  else
    g_assert_cmpint (g_chmod (fixture->library, 0444), ==, 0);
  cli_run_argv (&run, &options, fixture->dir, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "it cannot be compacted"));

  g_assert_cmpint (g_chmod (fixture->library, 0644), ==, 0);
  assert_library_whole (fixture->library, expected);
}

/* Another connection in the middle of a write: the compaction waits for it a while, then
 * gives up, saying why, and changes nothing. */
static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaDb) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  g_autofree char *expected = NULL;
  ScholiaCompactSizes sizes;

  copy_template (fixture->library);
  expected = checksum_library (fixture->library);
  store = scholia_store_open (fixture->library, &error);
  g_assert_no_error (error);

  writer = scholia_db_open (fixture->library, SCHOLIA_DB_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_db_exec (writer, "BEGIN IMMEDIATE; UPDATE tags SET position = position", &error));
  g_assert_no_error (error);

  g_assert_false (scholia_store_compact (store, &sizes, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "is in use by another program"));
  g_clear_error (&error);

  cli_run (&run, fixture->dir, "--library", fixture->library, "compact", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "is in use by another program"));

  scholia_db_rollback (writer);
  g_clear_pointer (&writer, scholia_db_close);
  g_clear_object (&store);
  assert_library_whole (fixture->library, expected);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_auto(CliRun) json_run = { 0 };
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  JsonObject *sizes;

  copy_template (fixture->library);
  expected = checksum_library (fixture->library);

  cli_run (&json_run, fixture->dir, "--library", fixture->library, "compact", "--json", NULL);
  g_assert_cmpint (json_run.status, ==, 0);
  json_parser_load_from_data (parser, json_run.out, -1, &error);
  g_assert_no_error (error);
  sizes = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (sizes, "size_after"), <,
                   json_object_get_int_member (sizes, "size_before"));
  g_assert_cmpint (json_object_get_int_member (sizes, "size_after"), ==,
                   test_sql_int (fixture->library, "PRAGMA page_count") *
                   test_sql_int (fixture->library, "PRAGMA page_size"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "compact", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Compacted the library: "));
  assert_library_whole (fixture->library, expected);

  cli_run_clear (&run);
  cli_run (&run, fixture->dir, "--library", fixture->library, "compact", "extra", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = test_tmp_dir_new ("scholia-compact-XXXXXX");
  template_path = g_build_filename (dir, "template.sqlite3", NULL);
  write_library (template_path);

  test_add_with_library ("/compact/keeps-every-row", test_keeps_every_row);
  test_add_with_library ("/compact/survives-kill-at-each-step", test_survives_kill_at_each_step);
  test_add_with_library ("/compact/survives-kill-at-any-time", test_survives_kill_at_any_time);
  test_add_with_library ("/compact/refuses-read-only", test_read_only);
  test_add_with_library ("/compact/refuses-busy", test_busy);
  test_add_with_library ("/compact/cli", test_cli);

  status = g_test_run ();
  test_tmp_dir_remove (dir);
  g_free (template_path);
  return status;
}
