/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The library file as scholia-cli treats it: a library left by an interrupted checkpoint opens,
 * --library is always a path (never an SQLite URI), a read-only library can be read but not
 * changed, and a foreign database is left exactly as it was, with nothing new beside it. */
#include "config.h"

#include <glib/gstdio.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli-runner.h"
#include "repro.h"
#include "scholia-store.h"
#include "test-files.h"

/* The unprivileged user read-only tests run as when the suite runs as root, which file modes do
 * not stop. */
#define NOBODY 65534

static const char essay[] =
  "The harbour at Varnholm silted up within a generation, wrote the harbour master in 1851.\n\n"
  "The merchants left for the east, and the ledger closes with a single word: finis.\n";

typedef TestLibraryFixture Fixture;

static void
assert_bytes_unchanged (const char *path,
                        GBytes     *before)
{
  g_autoptr(GBytes) after = test_read_bytes (path);

  g_assert_true (g_bytes_equal (before, after));
}

/* scholia-cli run in @cwd, where relative --library names lead. */
static void
run_in (CliRun     *run,
        const char *cwd,
        const char *first_arg,
        ...)
{
  CliRunOptions options = { .cwd = cwd };
  va_list args;

  va_start (args, first_arg);
  cli_run_valist (run, &options, cwd, NULL, first_arg, args);
  va_end (args);
}

/* A library with one essay and one annotation, closed so that it is all in the main file. */
static void
make_library (Fixture *fixture)
{
  g_autofree char *essay_path = g_build_filename (fixture->dir, "ledger.txt", NULL);
  g_auto(CliRun) run = { 0 };

  g_assert_true (g_file_set_contents (essay_path, essay, -1, NULL));
  cli_run (&run, fixture->dir, "--library", fixture->library, "import",
           "--title", "The Ledger", "--author", "Helena Marwick", essay_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "The Ledger",
           "--quote", "silted up", "--tag", "evidence", "--note", "Compare Okafor", NULL);
  g_assert_cmpint (run.status, ==, 0);
  test_assert_nothing_beside (fixture->library);
}

static void
test_interrupted_checkpoint_opens (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *folder = repro_copy ("diskfull-library", fixture->dir);
  g_autofree char *library = g_build_filename (folder, "lib.sqlite3", NULL);
  g_autofree char *integrity = NULL;
  g_auto(CliRun) run = { 0 };
  g_autofree char *upgrading = g_strdup_printf ("Upgrading library “%s” to the current version…\n",
                                                library);
  GStatBuf st;

  /* A library of schema version 1: the only line on stderr says it is upgraded. */
  cli_run (&run, fixture->dir, "--library", library, "info", NULL);
  g_assert_cmpstr (run.err, ==, upgrading);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Documents:       13\n"));

  cli_run (&run, fixture->dir, "--library", library, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (cli_count_lines (run.out), ==, 1 + 13);

  integrity = test_sql_text (library, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");

  /* With room on the disk again, the checkpoint completed: the main file is whole (every
   * page it counts is there; opening it upgraded it from schema version 1, whose 714 pages
   * the stemmed index changes). */
  g_assert_cmpint (g_stat (library, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, test_sql_int (library, "PRAGMA page_count") * 4096);
  g_assert_cmpint (test_sql_int (library, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
}

static void
test_file_uri_is_a_path (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *victim = g_build_filename (fixture->dir, "victim.sqlite3", NULL);
  g_autofree char *named = g_build_filename (fixture->dir, "file:victim.sqlite3", NULL);
  g_autofree char *memory = g_build_filename (fixture->dir, "file:x?mode=memory", NULL);
  g_autoptr(GBytes) before = NULL;
  g_auto(CliRun) run = { 0 };

  test_sql_exec (victim, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
  before = test_read_bytes (victim);

  /* “file:victim.sqlite3” is a file of that name: another program's victim.sqlite3 is not
   * opened, converted to WAL, or given Scholia's tables. */
  run_in (&run, fixture->dir, "--library", "file:victim.sqlite3", "info", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no library at “file:victim.sqlite3”"));
  run_in (&run, fixture->dir, "--library", "file:victim.sqlite3", "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (named, G_FILE_TEST_IS_REGULAR));
  assert_bytes_unchanged (victim, before);
  test_assert_nothing_beside (victim);

  /* “file:x?mode=memory” is a file too, and what is written there is kept. */
  run_in (&run, fixture->dir, "--library", "file:x?mode=memory",
          "tag", "add", "Kept", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_in (&run, fixture->dir, "--library", "file:x?mode=memory", "init", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_in (&run, fixture->dir, "--library", "file:x?mode=memory",
          "tag", "add", "Kept", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (memory, G_FILE_TEST_IS_REGULAR));
  cli_run (&run, fixture->dir, "--library", memory, "tags", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Kept"));
}

static void
test_foreign_wal_database_untouched (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *foreign = g_build_filename (fixture->dir, "recipes.sqlite3", NULL);
  g_autoptr(GBytes) before = NULL;
  g_auto(CliRun) run = { 0 };

  test_sql_exec (foreign, "PRAGMA journal_mode = WAL; CREATE TABLE recipes (name TEXT);"
                "INSERT INTO recipes VALUES ('soup');");
  test_assert_nothing_beside (foreign);
  before = test_read_bytes (foreign);

  cli_run (&run, fixture->dir, "--library", foreign, "info", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "another program"));
  cli_run (&run, fixture->dir, "--library", foreign, "init", NULL);
  g_assert_cmpint (run.status, ==, 1);

  assert_bytes_unchanged (foreign, before);
  test_assert_nothing_beside (foreign);
}

/* In the child, before scholia-cli starts: become a user who may read the test's files but not
 * write them. */
static void
become_nobody (gpointer data)
{
  if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
    _exit (125);
}

static void
run_as_reader (CliRun     *run,
               Fixture    *fixture,
               const char *first_arg,
               ...)
{
  CliRunOptions options = { .child_setup = getuid () == 0 ? become_nobody : NULL };
  va_list args;

  va_start (args, first_arg);
  cli_run_valist (run, &options, fixture->dir, fixture->library, first_arg, args);
  va_end (args);
  g_assert_cmpint (run->status, !=, 125);
}

static void
assert_reads_but_no_writes (Fixture *fixture)
{
  g_autoptr(GBytes) before = test_read_bytes (fixture->library);
  g_autofree char *essay_path = g_build_filename (fixture->dir, "ledger.txt", NULL);
  g_auto(CliRun) run = { 0 };
  const char *writes[][6] = {
    { "annotate", "1", "--quote", "finis", "--tag", "thesis" },
    { "tag", "add", "Harbour", NULL },
    { "edit", "1", "--title", "Another title", NULL },
    { "import", essay_path, NULL },
    { "unannotate", "1", NULL },
  };

  run_as_reader (&run, fixture, "info", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Documents:       1\n"));
  g_assert_nonnull (strstr (run.out, "Annotations:     1\n"));

  run_as_reader (&run, fixture, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "The Ledger"));

  run_as_reader (&run, fixture, "annotations", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "silted up"));

  run_as_reader (&run, fixture, "search", "merchants", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "The Ledger"));

  run_as_reader (&run, fixture, "export", "1", "--format", "csv", "-o", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Compare Okafor"));

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      const char **w = writes[i];

      run_as_reader (&run, fixture, w[0], w[1], w[2], w[3], w[4], w[5], NULL);
      g_test_message ("%s: %s", w[0], run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "“library.sqlite3” is read-only"));
    }

  assert_bytes_unchanged (fixture->library, before);
  test_assert_nothing_beside (fixture->library);
}

/* Once it can be written again, the library takes changes as before: the read-only session left
 * nothing (such as a -shm file only its owner could read) that stands in the way. */
static void
assert_writable_again (Fixture *fixture)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "add", "Harbour", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
}

/* Issue 12: "cite" prints what Ctrl+Shift+C copies; a quote not in the essay fails, saying so. */
static void
test_cite_prints_citation (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };

  make_library (fixture);
  cli_run (&run, fixture->dir, "--library", fixture->library, "cite", "The Ledger", "--quote", "finis", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "“finis” (Marwick, “The Ledger”, ¶ 2)\n");

  cli_run (&run, fixture->dir, "--library", fixture->library, "cite", "The Ledger", "--quote", "NEP", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, !=, "");
}

static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  make_library (fixture);
  /* Only the library is read-only: its folder would let SQLite create -wal and -shm files. */
  if (getuid () == 0)
    {
      g_assert_cmpint (chown (fixture->dir, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (g_chmod (fixture->library, 0644), ==, 0);
    }
  else
    g_assert_cmpint (g_chmod (fixture->library, 0444), ==, 0);

  assert_reads_but_no_writes (fixture);

  g_assert_cmpint (g_chmod (fixture->library, 0600), ==, 0);
  assert_writable_again (fixture);
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  make_library (fixture);
  /* The library itself may be written, but nothing can be created beside it. */
  if (getuid () == 0)
    g_assert_cmpint (chown (fixture->library, NOBODY, NOBODY), ==, 0);
  else
    g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);

  assert_reads_but_no_writes (fixture);

  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  assert_writable_again (fixture);
}

/* Issue 17: upgrading a large library to the current version takes a minute; scholia-cli says
 * why it waits, on stderr before it starts, and only when it upgrades. */
static void
test_upgrade_says_so (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *line = g_strdup_printf ("Upgrading library “%s” to the current version…\n",
                                           fixture->library);

  test_write_older_library (fixture->library, 2);
  cli_run (&run, fixture->dir, "--library", fixture->library, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, line);
  g_assert_nonnull (strstr (run.out, "Salt tolls 01"));
  g_assert_cmpint (test_sql_int (fixture->library, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);

  cli_run (&run, fixture->dir, "--library", fixture->library, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
}

typedef struct
{
  GPid     pid;
  gboolean killed;
  gboolean exited;
} Upgrader;

/* The upgrade's first write to the write-ahead log: its transaction is being written. */
static void
on_folder_changed_cb (GFileMonitor      *monitor,
                      GFile             *file,
                      GFile             *other,
                      GFileMonitorEvent  event,
                      gpointer           data)
{
  Upgrader *upgrader = data;
  g_autofree char *path = g_file_get_path (file);
  GStatBuf st;

  if (!upgrader->killed && g_str_has_suffix (path, "-wal") && g_stat (path, &st) == 0 &&
      st.st_size > 0)
    {
      kill (upgrader->pid, SIGKILL);
      upgrader->killed = TRUE;
    }
}

static void
on_upgrader_exited_cb (GPid     pid,
                       int      wait_status,
                       gpointer data)
{
  Upgrader *upgrader = data;

  upgrader->exited = TRUE;
  g_spawn_close_pid (pid);
}

/* Killed while its upgrade writes (as a power cut or kill -9 would), scholia-cli leaves the
 * library either as it was, byte for byte, or whole at the current version. */
static void
test_upgrade_killed_midway (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autoptr(GFileMonitor) monitor = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { SCHOLIA_CLI_PATH, "--library", fixture->library, "list", NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", fixture->dir, TRUE);
  Upgrader upgrader = { 0 };
  gint64 version;

  test_write_older_library (fixture->library, 200);
  before = test_read_bytes (fixture->library);
  monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_NONE, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (monitor, "changed", G_CALLBACK (on_folder_changed_cb), &upgrader);

  g_assert_true (g_spawn_async (fixture->dir, (char **) argv, envp,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &upgrader.pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (upgrader.pid, on_upgrader_exited_cb, &upgrader);
  while (!upgrader.exited)
    g_main_context_iteration (NULL, TRUE);
  g_file_monitor_cancel (monitor);

  version = test_sql_int (fixture->library, "PRAGMA user_version");
  g_test_message ("Killed %s the upgrade committed", version == TEST_OLDER_VERSION ? "before" : "after");
  if (version == TEST_OLDER_VERSION)
    {
      g_autoptr(GBytes) after = test_read_bytes (fixture->library);

      g_assert_true (g_bytes_equal (before, after));
    }
  else
    {
      g_autofree char *check = test_sql_text (fixture->library, "PRAGMA quick_check");

      g_assert_cmpint (version, ==, SCHOLIA_SCHEMA_VERSION);
      g_assert_cmpstr (check, ==, "ok");
    }
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM documents"), ==, 200);
}

/* `check` (issue 17): a whole library is "ok"; a copy with a page of its essays overwritten has
 * its problems listed and exits with 1, and is left as it was; a missing file is no library. A
 * schema-18 library needs Scholia's functions to be checked at all (the annotations' uuids are
 * computed), which the sqlite3 shell lacks. */
static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *damaged = g_build_filename (fixture->dir, "damaged.sqlite3", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.sqlite3", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  {
    g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, NULL);
    g_autoptr(ScholiaAnnotation) annotation = NULL;
    ScholiaDocument *document = NULL;

    g_assert_nonnull (store);
    for (guint d = 0; d < 60; d++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GString) text = g_string_new (NULL);
        g_autofree char *title = g_strdup_printf ("Peat tolls %02u", d);

        /* Different in every essay, so that packing leaves the table many pages. */
        for (guint i = 0; i < 80; i++)
          g_string_append_printf (text, "Keeper %u logged barge %u paying %u turves. ", d, i * 7919 % 1000, (d * i) % 97);
        document = scholia_store_add_document (store, title, "Marit Vellekoop", "1811", "", text->str, NULL, &error);
        g_assert_no_error (error);
      }
    annotation = scholia_store_add_annotation (store, document, 0, 6, NULL, 0, NULL, 0, "", NULL);
    g_assert_nonnull (annotation);
  }

  cli_run (&run, fixture->dir, "--library", fixture->library, "check", NULL);
  g_assert_cmpstr (run.out, ==, "ok\n");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);

  {
    g_autoptr(GBytes) whole = test_read_bytes (fixture->library);

    g_assert_true (g_file_set_contents (damaged, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole), NULL));
  }
  test_damage_middle_page (damaged);
  before = test_read_bytes (damaged);
  cli_run (&run, fixture->dir, "--library", damaged, "check", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "Page "));
  g_assert_null (strstr (run.out, "ok\n"));
  after = test_read_bytes (damaged);
  g_assert_true (g_bytes_equal (before, after));
  test_assert_nothing_beside (damaged);

  cli_run (&run, fixture->dir, "--library", missing, "check", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no library"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) test_add_with_library (path, func)
  ADD ("/cli/library/interrupted-checkpoint-opens", test_interrupted_checkpoint_opens);
  ADD ("/cli/library/file-uri-is-a-path", test_file_uri_is_a_path);
  ADD ("/cli/library/foreign-wal-database-untouched", test_foreign_wal_database_untouched);
  ADD ("/cli/library/cite-prints-citation", test_cite_prints_citation);
  ADD ("/cli/library/read-only-file", test_read_only_file);
  ADD ("/cli/library/read-only-folder", test_read_only_folder);
  ADD ("/cli/library/upgrade-says-so", test_upgrade_says_so);
  ADD ("/cli/library/upgrade-killed-midway", test_upgrade_killed_midway);
  ADD ("/cli/library/check", test_check);
#undef ADD

  return g_test_run ();
}
