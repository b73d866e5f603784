/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A folder of essays imported through the window (Import…, files dropped, files named on the
 * command line: scholia_window_import_files()) takes the path scholia-cli takes (issue 17,
 * target 4): files read ahead in a thread, each batch written in one transaction with its
 * search index built once. What the historian sees must be what scholia-cli gives, a bad file
 * named while the others land, and Cancel keeping the batches written, each whole. */
#include "config.h"

#include <string.h>

#include "cli-runner.h"
#include "import-essays.h"
#include "scholia-import-batch.h"
#include "scholia-library.h"
#include "test-files.h"
#include "test-ui.h"

typedef struct
{
  ScholiaWindow *window;
  guint          reported;      /* files the batch reported, imported or not */
  GPtrArray     *failed;        /* the messages of the files that failed */
  gboolean       cancel_first;  /* Cancel clicked when the first file is reported */
  guint          reported_at_cancel;
} Import;

static void
on_file_finished (ScholiaImportBatch *batch,
                  GFile              *file,
                  ScholiaDocument    *document,
                  const GError       *error,
                  Import             *import)
{
  import->reported++;
  if (document == NULL)
    g_ptr_array_add (import->failed, g_strdup (error->message));
  if (import->cancel_first && import->reported == 1)
    {
      /* Reported means committed: the library already holds the essay, and its batch. */
      import->reported_at_cancel = g_list_model_get_n_items (
        scholia_store_get_documents (scholia_window_get_store (import->window)));
      g_signal_emit_by_name (find_descendant (window_child (import->window, "import_bar"), GTK_TYPE_BUTTON),
                             "clicked");
    }
}

/* Imports @paths through the window into a new library at @library, as Import… does. */
static void
import_through_window (const char *library,
                       GPtrArray  *paths,
                       Import     *import)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  ScholiaImportBatch *batch;

  import->window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  import->failed = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (scholia_window_open_library (import->window, library));
  gtk_window_present (GTK_WINDOW (import->window));
  drain_main_context ();

  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (files, g_file_new_for_path (g_ptr_array_index (paths, i)));
  scholia_window_import_files (import->window, (GFile **) files->pdata, files->len);
  batch = scholia_library_get_import_batch (scholia_window_get_library (import->window));
  g_assert_nonnull (batch);
  g_signal_connect (batch, "file-finished", G_CALLBACK (on_file_finished), import);
  g_assert_true (gtk_action_bar_get_revealed (window_child (import->window, "import_bar")));

  while (scholia_window_get_importing (import->window))
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
}

static void
import_finish (Import *import)
{
  gtk_window_destroy (GTK_WINDOW (import->window));
  g_assert_finalize_object (import->window);
  g_ptr_array_unref (import->failed);
}

/* 200 essays and an empty file among them, through the window and through scholia-cli: the
 * same rows (title, language, length, checksum, text), an index that matches them and the same
 * search hits; the empty file named, every other essay imported and the last one open. */
static void
test_folder_same_as_cli (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-window-import-XXXXXX");
  g_autofree char *window_library = g_build_filename (dir, "window.sqlite3", NULL);
  g_autofree char *cli_library = g_build_filename (dir, "cli.sqlite3", NULL);
  g_autoptr(GPtrArray) paths = import_essays_write (dir, 200, 3000);
  g_autofree char *empty = test_write_file (dir, "empty.txt", "");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(CliRun) run = { 0 };
  g_autofree char *window_rows = NULL;
  g_autofree char *cli_rows = NULL;
  Import import = { 0 };

  g_ptr_array_insert (paths, 100, g_strdup (empty));
  import_through_window (window_library, paths, &import);

  g_assert_cmpuint (import.reported, ==, 201);
  g_assert_cmpuint (import.failed->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (import.failed, 0), "empty.txt"));
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (scholia_window_get_store (import.window))), ==, 200);
  g_assert_cmpstr (scholia_document_get_title (scholia_window_get_document (import.window)), ==, "Essay 199 on the vellomir199 question");
  g_assert_false (gtk_action_bar_get_revealed (window_child (import.window, "import_bar")));
  import_finish (&import);

  g_ptr_array_add (args, (gpointer) "--library");
  g_ptr_array_add (args, cli_library);
  g_ptr_array_add (args, (gpointer) "import");
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (paths, i));
  g_ptr_array_add (args, NULL);
  cli_run_argv (&run, NULL, dir, (const char * const *) args->pdata);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpint (cli_count_lines (run.out), ==, 200);

  window_rows = import_essays_rows (window_library);
  cli_rows = import_essays_rows (cli_library);
  g_assert_cmpint (test_sql_int (window_library, "SELECT count(*) FROM documents"), ==, 200);
  g_assert_cmpint (test_sql_int (window_library, "SELECT count(DISTINCT language) FROM documents"), ==, 3);
  g_assert_cmpstr (window_rows, ==, cli_rows);
  import_essays_assert_index (window_library);
  g_assert_cmpint (test_sql_int (window_library, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                                 " AND name = 'documents_fts_insert'"), ==, 1);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) through_window = scholia_store_open (window_library, &error);
    g_autoptr(ScholiaStore) through_cli = scholia_store_open (cli_library, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < import_essays_n_queries; i++)
      {
        g_autofree char *expected = import_essays_search (through_cli, import_essays_queries[i]);
        g_autofree char *found = import_essays_search (through_window, import_essays_queries[i]);

        if (*expected == '\0')
          g_error ("“%s” finds nothing", import_essays_queries[i]);
        g_assert_cmpstr (found, ==, expected);
      }
  }
  test_tmp_dir_remove (dir);
}

/* 10 MB of essays, more than one batch: Cancel clicked as the first essay is reported keeps
 * that essay's whole batch, committed, and nothing after it; every essay there is whole and
 * found, and the index matches them. */
static void
test_cancel_keeps_whole_batches (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-window-import-XXXXXX");
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(GPtrArray) paths = import_essays_write (dir, 200, 50000);
  Import import = { .cancel_first = TRUE };
  guint n;

  import_through_window (library, paths, &import);

  n = g_list_model_get_n_items (scholia_store_get_documents (scholia_window_get_store (import.window)));
  /* The first batch, whole (about 8 MB of 10), and not one essay of the next. */
  g_assert_cmpuint (import.reported_at_cancel, ==, n);
  g_assert_cmpuint (import.reported, ==, n);
  g_assert_cmpuint (n, >, 100);
  g_assert_cmpuint (n, <, 200);
  g_assert_cmpuint (import.failed->len, ==, 0);
  g_assert_false (gtk_action_bar_get_revealed (window_child (import.window, "import_bar")));
  import_finish (&import);

  /* Another connection sees the same: committed, whole, in order, and indexed. */
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM documents"), ==, n);
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM documents WHERE scholia_text(text) NOT LIKE"
                                          " '%The end of vellomir' || (id - 1) || '.%'"), ==, 0);
  import_essays_assert_index (library);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (library, &error);
    g_autofree char *query = g_strdup_printf ("vellomir%u", n - 1);
    g_autofree char *found = import_essays_search (store, query);
    g_autofree char *expected = g_strdup_printf ("%u:2@", n);

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (found, expected));
  }
  test_tmp_dir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  test_ui_init (&argc, &argv);
  g_test_add_func ("/window-import-speedpath/folder-same-as-cli", test_folder_same_as_cli);
  g_test_add_func ("/window-import-speedpath/cancel-keeps-whole-batches", test_cancel_keeps_whole_batches);
  return g_test_run ();
}
