/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing many essays in batches (issue 17, target 4): the search index is written once per
 * batch instead of essay by essay, and scholia-cli reads files in a thread ahead of the
 * writer. What a user sees must not change: the same rows and the same search hits as essays
 * imported one by one, a bad file named while the others land, and a line printed for an essay
 * only once it is committed, so that an import killed at any moment leaves the library with at
 * least the essays it printed and none half-written. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli-runner.h"
#include "import-essays.h"
#include "scholia-import-batch.h"
#include "scholia-library-import.h"
#include "scholia-store.h"
#include "test-files.h"

/* An essay imported alone, then the same essays in one batch and through scholia-cli: the same
 * rows, an index that matches them, and the same search results with the same hits. */
static void
test_batch_same_as_one_by_one (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-import-batches-XXXXXX");
  g_autofree char *one_by_one = g_build_filename (dir, "one-by-one.sqlite3", NULL);
  g_autofree char *batched = g_build_filename (dir, "batched.sqlite3", NULL);
  g_autofree char *cli = g_build_filename (dir, "cli.sqlite3", NULL);
  g_autoptr(GPtrArray) paths = import_essays_write (dir, 60, 3000);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(CliRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *batched_rows = NULL;
  g_autofree char *cli_rows = NULL;
  g_autofree char *found = NULL;

  {
    g_autoptr(ScholiaStore) store = scholia_store_open (one_by_one, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < paths->len; i++)
      {
        g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (paths, i));

        g_assert_nonnull (scholia_library_import_file (store, file, NULL, NULL, &error));
        g_assert_no_error (error);
      }
  }
  {
    g_autoptr(ScholiaStore) store = scholia_store_open (batched, &error);

    g_assert_no_error (error);
    g_assert_true (scholia_store_begin_import_batch (store, &error));
    for (guint i = 0; i < paths->len; i++)
      {
        g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (paths, i));

        g_assert_nonnull (scholia_library_import_file (store, file, NULL, NULL, &error));
        g_assert_no_error (error);
      }
    g_assert_true (scholia_store_commit_batch (store, &error));
    g_assert_no_error (error);
  }
  g_ptr_array_add (args, (gpointer) "--library");
  g_ptr_array_add (args, cli);
  g_ptr_array_add (args, (gpointer) "import");
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (paths, i));
  g_ptr_array_add (args, NULL);
  cli_run_argv (&run, NULL, dir, (const char * const *) args->pdata);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (cli_count_lines (run.out), ==, 60);

  /* Uuids and times differ by nature; everything else is the same. */
  rows = import_essays_rows (one_by_one);
  g_assert_cmpint (test_sql_int (one_by_one, "SELECT count(*) FROM documents"), ==, 60);
  batched_rows = import_essays_rows (batched);
  cli_rows = import_essays_rows (cli);
  g_assert_cmpstr (batched_rows, ==, rows);
  g_assert_cmpstr (cli_rows, ==, rows);
  g_assert_cmpint (test_sql_int (one_by_one, "SELECT count(DISTINCT language) FROM documents"), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const char *library = (const char *[]) { one_by_one, batched, cli }[i];

      import_essays_assert_index (library);
      /* The trigger that indexes essays added later is back. */
      g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                              " AND name = 'documents_fts_insert'"), ==, 1);
    }

  {
    g_autoptr(ScholiaStore) alone = scholia_store_open (one_by_one, &error);
    g_autoptr(ScholiaStore) in_batches = scholia_store_open (batched, &error);
    g_autoptr(ScholiaStore) by_cli = scholia_store_open (cli, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < import_essays_n_queries; i++)
      {
        g_autofree char *expected = import_essays_search (alone, import_essays_queries[i]);
        g_autofree char *in_batch = import_essays_search (in_batches, import_essays_queries[i]);
        g_autofree char *through_cli = import_essays_search (by_cli, import_essays_queries[i]);

        if (*expected == '\0')
          g_error ("“%s” finds nothing", import_essays_queries[i]);
        g_assert_cmpstr (in_batch, ==, expected);
        g_assert_cmpstr (through_cli, ==, expected);
      }
    /* A word of one essay finds that essay alone, twice (its title line and its last). */
    found = import_essays_search (by_cli, "vellomir40");
    g_assert_cmpstr (found, ==, "41:2@16 ");
    /* An essay added after the import is indexed by the trigger put back. */
    g_assert_nonnull (scholia_store_add_document (by_cli, "Later", NULL, NULL, NULL,
                                                  "A later essay on gravelmoot.", NULL, &error));
    g_assert_no_error (error);
    g_free (found);
    found = import_essays_search (by_cli, "gravelmoot");
    g_assert_cmpstr (found, ==, "61:1@17 ");
  }

  test_tmp_dir_remove (dir);
}

/* A file that cannot be read, and one that has no text, in the middle of a batch: each is named
 * with its reason, the command exits non-zero, and every other file lands and is found. */
static void
test_bad_files_in_the_middle (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-import-batches-XXXXXX");
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(GPtrArray) paths = import_essays_write (dir, 40, 2000);
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);
  g_autofree char *empty = test_write_file (dir, "empty.txt", "");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(CliRun) run = { 0 };

  g_ptr_array_add (args, (gpointer) "--library");
  g_ptr_array_add (args, library);
  g_ptr_array_add (args, (gpointer) "import");
  for (guint i = 0; i < paths->len; i++)
    {
      if (i == 15)
        g_ptr_array_add (args, missing);
      if (i == 25)
        g_ptr_array_add (args, empty);
      g_ptr_array_add (args, g_ptr_array_index (paths, i));
    }
  g_ptr_array_add (args, NULL);
  cli_run_argv (&run, NULL, dir, (const char * const *) args->pdata);

  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpint (cli_count_lines (run.out), ==, 40);
  g_assert_nonnull (strstr (run.err, "missing.txt"));
  g_assert_cmpint (cli_count_lines (run.err), ==, 2);
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM documents"), ==, 40);
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM documents WHERE scholia_text(text) LIKE '%vellomir39.%'"), ==, 1);
  import_essays_assert_index (library);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (library, &error);

    g_assert_no_error (error);
    /* The essays after each bad file are found. */
    g_assert_cmpstr (import_essays_search (store, "vellomir16"), !=, "");
    g_assert_cmpstr (import_essays_search (store, "vellomir39"), !=, "");
  }
  test_tmp_dir_remove (dir);
}

/* scholia-cli killed (SIGKILL) once it printed the lines of its first batch, while it reads
 * and writes the next: the library opens with every essay it printed, whole, and no other
 * essay half-written; the index matches the essays and finds the printed ones. */
static void
test_killed_import_keeps_printed_essays (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-import-batches-XXXXXX");
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  /* 30 MB: the 8 MB batches leave the first committed long before the last is read. */
  g_autoptr(GPtrArray) paths = import_essays_write (dir, 3000, 10000);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) printed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GIOChannel) out = NULL;
  GPid pid;
  int out_fd;
  int wait_status;
  char *line = NULL;

  g_ptr_array_add (argv, (gpointer) SCHOLIA_CLI_PATH);
  g_ptr_array_add (argv, (gpointer) "--library");
  g_ptr_array_add (argv, library);
  g_ptr_array_add (argv, (gpointer) "import");
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (paths, i));
  g_ptr_array_add (argv, NULL);
  g_spawn_async_with_pipes (dir, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  /* Every line of the first batch: the CLI prints a batch's lines together, once committed. */
  out = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (out, TRUE);
  while (printed->len < 100 &&
         g_io_channel_read_line (out, &line, NULL, NULL, &error) == G_IO_STATUS_NORMAL)
    {
      g_strchomp (line);
      g_ptr_array_add (printed, line);
    }
  g_assert_no_error (error);
  g_assert_cmpint (printed->len, ==, 100);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (wait_status));
  g_spawn_close_pid (pid);

  {
    g_autoptr(ScholiaStore) store = scholia_store_open (library, &error);
    guint n;

    g_assert_no_error (error);
    n = g_list_model_get_n_items (scholia_store_get_documents (store));
    g_assert_cmpuint (n, >=, printed->len);
    g_assert_cmpuint (n, <, paths->len);
    for (guint i = 0; i < printed->len; i++)
      {
        g_auto(GStrv) fields = g_strsplit (g_ptr_array_index (printed, i), "\t", 2);
        gint64 id = g_ascii_strtoll (fields[0], NULL, 10);
        ScholiaDocument *document = scholia_store_lookup_document (store, id);
        g_autofree char *query = g_strdup_printf ("vellomir%u", i);
        g_autofree char *found = import_essays_search (store, query);

        g_assert_nonnull (document);
        g_assert_cmpstr (scholia_document_get_title (document), ==, fields[1]);
        g_assert_true (g_str_has_prefix (found, fields[0]) && found[strlen (fields[0])] == ':');
      }
  }
  /* Every essay there, printed or not, is whole: its text ends as its file does. */
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM documents WHERE scholia_text(text) NOT LIKE"
                                          " '%The end of vellomir' || (id - 1) || '.%'"), ==, 0);
  import_essays_assert_index (library);
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                          " AND name = 'documents_fts_insert'"), ==, 1);
  test_tmp_dir_remove (dir);
}

typedef struct
{
  char     *log;
  goffset   log_max;  /* the write-ahead log's size after each batch, at most */
  gboolean  done;
  GError   *error;
} LogWatch;

static void
on_file_finished_watch_log (ScholiaImportBatch *batch,
                            GFile              *file,
                            ScholiaDocument    *document,
                            const GError       *error,
                            LogWatch           *watch)
{
  struct stat st;

  g_assert_no_error (error);
  if (stat (watch->log, &st) == 0)
    watch->log_max = MAX (watch->log_max, st.st_size);
}

static void
on_log_watch_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LogWatch *watch = user_data;

  scholia_import_batch_run_finish (SCHOLIA_IMPORT_BATCH (source), result, &watch->error);
  watch->done = TRUE;
}

/* An import of many batches (the window's path, the command's too) copies each batch's
 * write-ahead log into the file while the next is written, and never lets the log grow by the
 * whole import: after every batch it holds at most two batches (here 28 % of the text
 * imported; the main loop's checkpoint of the previous release let it reach 54 %), where
 * without checkpoints it would outgrow the text itself. The text is the measure, not the
 * library, since the library keeps its essays compressed. The essays all land, whole and
 * indexed. */
#define LOG_ESSAYS 120
#define LOG_ESSAY_BYTES 20000

static void
test_log_bounded (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-import-batches-XXXXXX");
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(GPtrArray) paths = import_essays_write (dir, LOG_ESSAYS, LOG_ESSAY_BYTES);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  LogWatch watch = { g_strconcat (library, "-wal", NULL), 0, FALSE, NULL };
  struct stat st;

  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (files, g_file_new_for_path (g_ptr_array_index (paths, i)));
  {
    g_autoptr(ScholiaStore) store = scholia_store_open (library, &error);
    g_autoptr(ScholiaImportBatch) batch = NULL;

    g_assert_no_error (error);
    batch = scholia_import_batch_new (store, (GFile **) files->pdata, files->len);
    /* Five essays a batch: 24 batches. */
    scholia_import_batch_set_batch_bytes (batch, 100000);
    g_signal_connect (batch, "file-finished", G_CALLBACK (on_file_finished_watch_log), &watch);
    scholia_import_batch_run_async (batch, NULL, on_log_watch_done, &watch);
    while (!watch.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (watch.error);
    g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, LOG_ESSAYS);
  }

  g_assert_cmpint (stat (library, &st), ==, 0);
  g_test_message ("log max %ld, library %ld", (long) watch.log_max, (long) st.st_size);
  g_assert_cmpint (watch.log_max, >, 0);
  g_assert_cmpint (watch.log_max * 3, <, LOG_ESSAYS * LOG_ESSAY_BYTES);
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM documents WHERE scholia_text(text) NOT LIKE"
                                          " '%The end of vellomir' || (id - 1) || '.%'"), ==, 0);
  import_essays_assert_index (library);
  g_free (watch.log);
  test_tmp_dir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-batches/same-as-one-by-one", test_batch_same_as_one_by_one);
  g_test_add_func ("/import-batches/bad-files-in-the-middle", test_bad_files_in_the_middle);
  g_test_add_func ("/import-batches/killed-import-keeps-printed-essays", test_killed_import_keeps_printed_essays);
  g_test_add_func ("/import-batches/log-bounded", test_log_bounded);
  return g_test_run ();
}
