/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Issue 17, opening a large library: the window shows the essay before the library is checked
 * page by page, and checks it on a worker thread after. A library whose pages are damaged past
 * its header is still refused with the message opening gives, and left byte for byte as it was
 * (its write-ahead log too): an edit made before the check has finished waits for it and fails.
 * A whole library takes the edit once checked. A library of an earlier version is upgraded on a
 * worker thread while the window says so. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-store.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

typedef TestLibraryFixture Fixture;

#define N_ESSAYS 60

/* Sixty essays of about 5 kB each: the essays' table spans many pages, most of them away from
 * the first essay's. */
static void
write_library (const char *path)
{
  g_autoptr(ScholiaStore) store = scholia_store_open (path, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (store);
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (text, "Sluice keeper %u logged the barges that paid in peat. ", i);
  for (guint d = 0; d < N_ESSAYS; d++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *title = g_strdup_printf ("Peat tolls %02u", d);

      g_assert_nonnull (scholia_store_add_document (store, title, "Marit Vellekoop", "1811", "",
                                                    text->str, NULL, &error));
      g_assert_no_error (error);
    }
}

/* The file's bytes (or NULL when it is not there). */
static GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (contents, length);
}

static void
assert_same_bytes (GBytes *before,
                   GBytes *after)
{
  if (before == NULL || after == NULL)
    {
      g_assert_true (before == after);
      return;
    }
  g_assert_cmpmem (g_bytes_get_data (before, NULL), g_bytes_get_size (before),
                   g_bytes_get_data (after, NULL), g_bytes_get_size (after));
}

static ScholiaWindow *
open_window (const char *path)
{
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));

  g_assert_true (scholia_window_open_library (window, path));
  return window;
}

static void
window_destroy (ScholiaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* What a user's first edit does to the store: a new tag. */
static ScholiaLabel *
add_tag (ScholiaStore  *store,
         GError       **error)
{
  return scholia_store_add_label (store, SCHOLIA_TYPE_TAG, "peat", "#33d17a", NULL, error);
}

static void
on_check_finished_cb (ScholiaStore *store,
                      gboolean     *finished)
{
  *finished = TRUE;
}

/* Opens the damaged library at @path in a window, edits it before the check is done, and
 * waits for the window to refuse it. */
static void
refuse_in_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *tag;
  g_autoptr(ScholiaStore) store = NULL;
  ScholiaWindow *window = open_window (path);
  AdwStatusPage *error_page;

  store = g_object_ref (scholia_window_get_store (window));
  /* The essays are listed and one of them shows: the damage is not in what opening read. */
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, N_ESSAYS);
  g_assert_true (scholia_store_is_check_pending (store));

  tag = add_tag (store, &error);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT);
  g_assert_null (tag);
  g_assert_nonnull (scholia_store_get_damage (store));

  gtk_window_present (GTK_WINDOW (window));
  while (scholia_window_get_store (window) != NULL)
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();

  error_page = window_child (window, "error_page");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (error_page)));
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "is damaged"));

  /* Still refused, whoever asks. */
  g_clear_error (&error);
  tag = add_tag (store, &error);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT);

  window_destroy (window);
  g_clear_object (&store);
}

static void
test_damaged_refused_untouched (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *log = g_strconcat (fixture->library, "-wal", NULL);
  g_autofree char *index = g_strconcat (fixture->library, "-shm", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  write_library (fixture->library);
  test_damage_middle_page (fixture->library);
  before = file_bytes (fixture->library);
  g_assert_false (g_file_test (log, G_FILE_TEST_EXISTS));

  refuse_in_window (fixture->library);

  after = file_bytes (fixture->library);
  assert_same_bytes (before, after);
  g_assert_false (g_file_test (log, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));
}

/* A damaged library with changes still in its write-ahead log (as a crash leaves it): closing
 * it copies nothing from the log into the file. */
static void
test_damaged_log_untouched (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.sqlite3", NULL);
  g_autofree char *copy_log = g_strconcat (copy, "-wal", NULL);
  g_autofree char *log = g_strconcat (fixture->library, "-wal", NULL);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) log_before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) log_after = NULL;
  char *contents = NULL;
  gsize length;

  write_library (fixture->library);
  /* A change in the log, copied with the file while the library is open. */
  store = scholia_store_open (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scholia_store_add_label (store, SCHOLIA_TYPE_TAG, "turf", "#33d17a", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture->library, &contents, &length, NULL) &&
                 g_file_set_contents (copy, contents, length, NULL));
  g_free (contents);
  g_assert_true (g_file_get_contents (log, &contents, &length, NULL) &&
                 g_file_set_contents (copy_log, contents, length, NULL));
  g_free (contents);
  g_clear_object (&store);

  test_damage_middle_page (copy);
  before = file_bytes (copy);
  log_before = file_bytes (copy_log);
  g_assert_cmpuint (g_bytes_get_size (log_before), >, 0);

  refuse_in_window (copy);

  after = file_bytes (copy);
  log_after = file_bytes (copy_log);
  assert_same_bytes (before, after);
  assert_same_bytes (log_before, log_after);
}

/* A whole library in a window, not checked yet; *@finished once it is. */
static ScholiaWindow *
open_whole_library (const char *path,
                    gboolean   *finished)
{
  ScholiaWindow *window;

  write_library (path);
  window = open_window (path);
  g_signal_connect (scholia_window_get_store (window), "check-finished",
                    G_CALLBACK (on_check_finished_cb), finished);
  g_assert_true (scholia_store_is_check_pending (scholia_window_get_store (window)));
  return window;
}

static void
wait_for_check (ScholiaWindow *window,
                gboolean      *finished)
{
  gtk_window_present (GTK_WINDOW (window));
  while (!*finished)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_whole_takes_edit_after_check (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *tag;
  g_autoptr(ScholiaStore) reread = NULL;
  ScholiaWindow *window;
  ScholiaStore *store;
  gboolean finished = FALSE;

  window = open_whole_library (fixture->library, &finished);
  store = scholia_window_get_store (window);

  /* Made before the check is done: it waits for it, then is written. */
  tag = add_tag (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tag);
  g_assert_false (scholia_store_is_check_pending (store));
  g_assert_null (scholia_store_get_damage (store));

  wait_for_check (window, &finished);
  g_assert_true (scholia_window_get_store (window) == store);
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (window)));
  window_destroy (window);

  reread = scholia_store_open_read_only (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scholia_store_find_label (reread, SCHOLIA_TYPE_TAG, "peat", NULL));
}

/* Left alone, the window checks the library once it has painted it, and it then takes changes
 * at once. */
static void
test_whole_checked_after_first_frame (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaWindow *window;
  ScholiaStore *store;
  gboolean finished = FALSE;

  window = open_whole_library (fixture->library, &finished);
  store = scholia_window_get_store (window);
  g_assert_cmpstr (gtk_widget_get_cursor (GTK_WIDGET (window)) != NULL
                   ? gdk_cursor_get_name (gtk_widget_get_cursor (GTK_WIDGET (window))) : NULL, ==, "progress");

  wait_for_check (window, &finished);
  g_assert_false (scholia_store_is_check_pending (store));
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (window)));

  g_assert_nonnull (add_tag (store, &error));
  g_assert_no_error (error);
  window_destroy (window);
}

/* A library of 1,000 essays shows before its essays are counted; the counts come after the
 * first frame, the same as a store opened at once gives them. */
static void
test_counts_after_first_frame (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) eager = NULL;
  ScholiaWindow *window;
  ScholiaStore *store;
  GListModel *documents;
  gboolean finished = FALSE;

  {
    g_autoptr(ScholiaStore) writing = scholia_store_open (fixture->library, &error);

    g_assert_no_error (error);
    g_assert_true (scholia_store_begin_batch (writing, &error));
    for (guint d = 0; d < 1000; d++)
      {
        g_autofree char *title = g_strdup_printf ("Ferry ledger %04u", d);
        ScholiaDocument *document = scholia_store_add_document (writing, title, "Anke Doorn", "1812", "",
                                                                "The ferry paid its dues in eels.", NULL, &error);

        g_assert_no_error (error);
        for (guint a = 0; a < d % 4; a++)
          {
            g_autoptr(ScholiaAnnotation) annotation =
              scholia_store_add_annotation (writing, document, a * 4, a * 4 + 3, NULL, 0, NULL, 0, "", &error);

            g_assert_no_error (error);
          }
      }
    g_assert_true (scholia_store_commit_batch (writing, &error));
  }

  window = open_window (fixture->library);
  store = scholia_window_get_store (window);
  g_signal_connect (store, "check-finished", G_CALLBACK (on_check_finished_cb), &finished);
  documents = scholia_store_get_documents (store);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1000);
  g_assert_cmpuint (scholia_document_get_annotation_count (scholia_store_lookup_document (store, 4)), ==, 0);

  wait_for_check (window, &finished);
  eager = scholia_store_open_read_only (fixture->library, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);
      ScholiaDocument *counted = scholia_store_lookup_document (eager, scholia_document_get_id (document));

      g_assert_cmpuint (scholia_document_get_annotation_count (document), ==,
                        scholia_document_get_annotation_count (counted));
    }
  g_assert_cmpuint (scholia_document_get_annotation_count (scholia_store_lookup_document (store, 4)), ==, 3);
  window_destroy (window);
}

/* scholia-cli and every other caller still check before opening. */
static void
test_store_open_checks_first (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  write_library (fixture->library);
  test_damage_middle_page (fixture->library);
  before = file_bytes (fixture->library);
  store = scholia_store_open (fixture->library, &error);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT);
  g_assert_null (store);
  after = file_bytes (fixture->library);
  assert_same_bytes (before, after);
}

/* Issue 17, opening a library written by an earlier Scholia: the window says it is upgrading
 * (the file named) while a worker thread upgrades it, with no library to act on, then shows the
 * library, and the essay asked for by name meanwhile (as --document does). */
static void
test_upgrade_shows_page_then_essay (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *name = g_path_get_basename (fixture->library);
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  GtkStack *stack = window_child (window, "main_stack");
  AdwStatusPage *upgrade_page = window_child (window, "upgrade_page");
  ScholiaDocument *document;
  int latest = SCHOLIA_SCHEMA_VERSION;

  test_write_older_library (fixture->library, 3);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (scholia_window_open_library (window, fixture->library));
  g_assert_false (scholia_window_show_document_by_name (window, "Salt tolls 02"));

  g_assert_null (scholia_window_get_store (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "upgrading");
  g_assert_nonnull (strstr (adw_status_page_get_description (upgrade_page), name));
  g_assert_false (gtk_widget_get_visible (window_child (window, "sidebar_box")));

  while (scholia_window_get_store (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "document");
  document = scholia_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_cmpstr (scholia_document_get_title (document), ==, "Salt tolls 02");
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (scholia_window_get_store (window))), ==, 3);
  window_destroy (window);
  g_assert_cmpint (test_sql_int (fixture->library, "PRAGMA user_version"), ==, latest);
}

/* Waits for the window to leave its upgrading page. */
static void
wait_for_upgrade (ScholiaWindow *window)
{
  GtkStack *stack = window_child (window, "main_stack");

  while (g_str_equal (gtk_stack_get_visible_child_name (stack), "upgrading"))
    g_main_context_iteration (NULL, TRUE);
}

/* A damaged library of an earlier version is refused by the upgrade's check with the message
 * opening gives, and left byte for byte as it was. */
static void
test_upgrade_damaged_refused_untouched (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  AdwStatusPage *error_page = window_child (window, "error_page");

  test_write_older_library (fixture->library, N_ESSAYS);
  test_damage_middle_page (fixture->library);
  before = file_bytes (fixture->library);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (scholia_window_open_library (window, fixture->library));
  wait_for_upgrade (window);
  drain_main_context ();

  g_assert_null (scholia_window_get_store (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (error_page)));
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "is damaged"));
  window_destroy (window);

  after = file_bytes (fixture->library);
  assert_same_bytes (before, after);
  test_assert_nothing_beside (fixture->library);
}

static void
on_activate_close_midway_cb (GtkApplication *application,
                             const char     *path)
{
  ScholiaWindow *window = g_object_new (SCHOLIA_TYPE_WINDOW, "application", application, NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (scholia_window_open_library (window, path));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing the window while the library upgrades stops the upgrade, and the application stays
 * until the worker has let the file go: the file is then either as it was, byte for byte, or
 * whole at the current version; never anything between. */
static void
test_upgrade_closed_midway (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GtkApplication) application = gtk_application_new ("io.github.scholia.TestUpgrade",
                                                                G_APPLICATION_NON_UNIQUE);
  int latest = SCHOLIA_SCHEMA_VERSION;

  test_write_older_library (fixture->library, N_ESSAYS);
  before = file_bytes (fixture->library);

  g_signal_connect (application, "activate", G_CALLBACK (on_activate_close_midway_cb),
                    fixture->library);
  g_assert_cmpint (g_application_run (G_APPLICATION (application), 0, NULL), ==, 0);

  test_assert_nothing_beside (fixture->library);
  after = file_bytes (fixture->library);
  g_test_message ("Closed %s the upgrade committed",
                  g_bytes_equal (before, after) ? "before" : "after");
  if (!g_bytes_equal (before, after))
    {
      g_autofree char *check = test_sql_text (fixture->library, "PRAGMA quick_check");

      g_assert_cmpstr (check, ==, "ok");
      g_assert_cmpint (test_sql_int (fixture->library, "PRAGMA user_version"), ==, latest);
      g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM documents"), ==, N_ESSAYS);
    }
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

  test_add_with_library ("/open-check/damaged/refused-untouched", test_damaged_refused_untouched);
  test_add_with_library ("/open-check/damaged/log-untouched", test_damaged_log_untouched);
  test_add_with_library ("/open-check/whole/edit-waits-for-check", test_whole_takes_edit_after_check);
  test_add_with_library ("/open-check/whole/checked-after-first-frame", test_whole_checked_after_first_frame);
  test_add_with_library ("/open-check/store-open-checks-first", test_store_open_checks_first);
  test_add_with_library ("/open-check/counts-after-first-frame", test_counts_after_first_frame);
  test_add_with_library ("/open-check/upgrade/page-then-essay", test_upgrade_shows_page_then_essay);
  test_add_with_library ("/open-check/upgrade/damaged-refused-untouched", test_upgrade_damaged_refused_untouched);
  test_add_with_library ("/open-check/upgrade/closed-midway", test_upgrade_closed_midway);

  return g_test_run ();
}
