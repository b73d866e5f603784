/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-seminar-dialog.h"
#include "scholia-seminar-store.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

/* Two short essays of our own invention, by invented historians. */
static const char weirs_text[] =
  "The weirs of the Ostbrook were rebuilt in 1823 by men who had never seen the river flood.\n\n"
  "Their ledgers speak of timber, never of water.\n";
static const char tolls_text[] =
  "Tolls on the Marrow bridge fell twice in a decade, and the ferrymen prospered both times.\n";

typedef struct
{
  char            *dir;
  char            *seminar_dir;
  ScholiaWindow   *window;
  ScholiaDocument *weirs;
  ScholiaDocument *tolls;
} Fixture;

static ScholiaWindow *
open_window (const char *dir,
             const char *file_name)
{
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));

  g_assert_true (scholia_window_open_library (window, path));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
close_window (ScholiaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaStore *store;

  fixture->dir = test_tmp_dir_new ("scholia-window-seminar-XXXXXX");
  fixture->seminar_dir = g_build_filename (fixture->dir, "Seminar 17", NULL);
  fixture->window = open_window (fixture->dir, "leader.sqlite3");
  store = scholia_window_get_store (fixture->window);
  fixture->weirs = scholia_store_add_document (store, "The Ostbrook Weirs", "Ilse Varga", "1961",
                                               NULL, weirs_text, NULL, &error);
  g_assert_no_error (error);
  fixture->tolls = scholia_store_add_document (store, "Bridge Tolls", "Tomasz Reyes", "1974",
                                               NULL, tolls_text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_window_show_document (fixture->window, fixture->tolls));
  drain_main_context ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_window (fixture->window);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->seminar_dir);
  g_free (fixture->dir);
}

/* Clicks the dialog's Create or Join and runs the main loop until the work is over. */
static void
start_and_wait (ScholiaSeminarDialog *dialog)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "seminar.start", NULL));
  while (scholia_seminar_dialog_get_busy (dialog))
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
}

/* The names of the sidebar's group headings, in order. */
static GPtrArray *
sidebar_groups (ScholiaWindow *window)
{
  GtkWidget *list_view = find_descendant (scholia_window_get_sidebar (window), GTK_TYPE_LIST_VIEW);
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
      char *name = NULL;

      if (SCHOLIA_IS_DOCUMENT (item))
        continue;
      g_object_get (item, "name", &name, NULL);
      g_ptr_array_add (names, name);
    }

  return names;
}

static gboolean
contains_string (GPtrArray  *strings,
                 const char *wanted)
{
  return g_ptr_array_find_with_equal_func (strings, wanted, g_str_equal, NULL);
}

static void
create_seminar (Fixture *fixture)
{
  g_autoptr(ScholiaSeminarDialog) dialog = open_seminar_dialog (fixture->window, "library.new-seminar");

  /* The essay being read is offered, the other one is not until ticked. */
  g_assert_true (scholia_seminar_dialog_get_essay_included (dialog, scholia_document_get_id (fixture->tolls)));
  g_assert_false (scholia_seminar_dialog_get_essay_included (dialog, scholia_document_get_id (fixture->weirs)));
  scholia_seminar_dialog_set_essay_included (dialog, scholia_document_get_id (fixture->weirs), TRUE);

  scholia_seminar_dialog_set_name (dialog, "Rivers and Revenue");
  scholia_seminar_dialog_set_location (dialog, fixture->seminar_dir);
  scholia_seminar_dialog_set_my_name (dialog, "Maren Holt");
  start_and_wait (dialog);

  g_assert_null (scholia_seminar_dialog_get_error (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
}

static void
test_new_seminar_creates_folder_and_rows (Fixture       *fixture,
                                          gconstpointer  data)
{
  ScholiaStore *store = scholia_window_get_store (fixture->window);
  g_autofree char *info_path = g_build_filename (fixture->seminar_dir, "seminar.json", NULL);
  g_autofree char *info = NULL;
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GArray) essays = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  ScholiaSeminar *seminar;

  create_seminar (fixture);

  g_assert_true (g_file_get_contents (info_path, &info, NULL, NULL));
  g_assert_nonnull (strstr (info, "Rivers and Revenue"));

  seminars = scholia_store_list_seminars (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seminars->len, ==, 1);
  seminar = g_ptr_array_index (seminars, 0);
  g_assert_cmpstr (seminar->name, ==, "Rivers and Revenue");
  g_assert_cmpint (seminar->role, ==, SCHOLIA_SEMINAR_LEADER);
  essays = scholia_store_list_seminar_essays (store, seminar, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (essays->len, ==, 2);

  /* The library lists the essays under the seminar's name, and the status button appears. */
  groups = sidebar_groups (fixture->window);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (groups, 0), ==, "Seminar: Rivers and Revenue");
  g_assert_true (gtk_widget_get_visible (window_child (fixture->window, "seminar_button")));
}

static void
test_new_seminar_failure_stays_in_dialog (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(ScholiaSeminarDialog) dialog = open_seminar_dialog (fixture->window, "library.new-seminar");
  g_autofree char *stray = NULL;
  g_autoptr(GPtrArray) seminars = NULL;

  /* Nothing chosen yet: said in the dialog, nothing started. */
  scholia_seminar_dialog_set_name (dialog, "Rivers and Revenue");
  start_and_wait (dialog);
  g_assert_nonnull (scholia_seminar_dialog_get_error (dialog));
  g_assert_nonnull (strstr (scholia_seminar_dialog_get_error (dialog), "folder"));

  /* A folder that holds something else is refused, in plain words, and the dialog stays. */
  g_assert_cmpint (g_mkdir_with_parents (fixture->seminar_dir, 0700), ==, 0);
  stray = test_write_file (fixture->seminar_dir, "notes.txt", "not a seminar");
  scholia_seminar_dialog_set_location (dialog, fixture->seminar_dir);
  start_and_wait (dialog);

  g_assert_nonnull (scholia_seminar_dialog_get_error (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  seminars = scholia_store_list_seminars (scholia_window_get_store (fixture->window), NULL);
  g_assert_cmpuint (seminars->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_join_from_second_library (Fixture       *fixture,
                               gconstpointer  data)
{
  ScholiaWindow *student;
  ScholiaStore *store;
  g_autoptr(ScholiaSeminarDialog) dialog = NULL;
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(ScholiaParticipant) me = NULL;
  ScholiaSeminar *seminar;

  create_seminar (fixture);

  student = open_window (fixture->dir, "student.sqlite3");
  store = scholia_window_get_store (student);
  dialog = open_seminar_dialog (student, "library.join-seminar");
  scholia_seminar_dialog_set_location (dialog, fixture->seminar_dir);
  scholia_seminar_dialog_set_my_name (dialog, "Jonas Brandt");
  start_and_wait (dialog);
  g_assert_null (scholia_seminar_dialog_get_error (dialog));

  seminars = scholia_store_list_seminars (store, NULL);
  g_assert_cmpuint (seminars->len, ==, 1);
  seminar = g_ptr_array_index (seminars, 0);
  g_assert_cmpstr (seminar->name, ==, "Rivers and Revenue");
  g_assert_cmpint (seminar->role, ==, SCHOLIA_SEMINAR_PARTICIPANT);
  me = scholia_store_get_my_participant (store, seminar, NULL);
  g_assert_cmpstr (me->name, ==, "Jonas Brandt");
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 2);

  groups = sidebar_groups (student);
  g_assert_true (contains_string (groups, "Seminar: Rivers and Revenue"));

  g_clear_object (&dialog);
  close_window (student);
}

static void
test_sync_action_updates_status (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkLabel *status = window_child (fixture->window, "seminar_status_label");
  GtkSpinner *spinner = window_child (fixture->window, "seminar_spinner");
  GtkMenuButton *button = window_child (fixture->window, "seminar_button");
  ScholiaStore *store = scholia_window_get_store (fixture->window);
  GtkLabel *problems = window_child (fixture->window, "seminar_problems_label");
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *logs = NULL;
  g_autofree char *damaged = NULL;

  create_seminar (fixture);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (problems)));

  /* A highlight made since: the status, read as the popover opens, says it waits. */
  annotation = scholia_store_add_annotation (store, fixture->tolls, 0, 5, NULL, 0, NULL, 0, NULL,
                                             &error);
  g_assert_no_error (error);
  gtk_menu_button_popup (button);
  drain_main_context ();
  g_assert_nonnull (strstr (gtk_label_get_label (status), "1 change is waiting to upload"));
  gtk_menu_button_popdown (button);

  /* Another participant's log with a damaged line: the sync goes on and the popover says so. */
  logs = g_build_filename (fixture->seminar_dir, "logs", NULL);
  damaged = test_write_file (logs, "7d2c9a4e-5b1f-4c3a-9e8d-2f6b1a0c4d5e.jsonl", "{ not a record\n");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "library.sync-seminars",
                                             NULL));
  g_assert_true (gtk_spinner_get_spinning (spinner));
  /* A second sync asked for meanwhile does not start beside the first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "library.sync-seminars",
                                             NULL));
  while (gtk_spinner_get_spinning (spinner))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (gtk_label_get_label (status), ==, "Synced just now");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problems)));
  g_assert_nonnull (strstr (gtk_label_get_label (problems), "Line 1 of"));
  g_assert_nonnull (strstr (gtk_label_get_label (problems), "skipped"));
}

/* What the WebDAV fields need is said before anything is sent or stored. */
static void
test_webdav_fields_checked (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ScholiaSeminarDialog) dialog = open_seminar_dialog (fixture->window, "library.join-seminar");

  scholia_seminar_dialog_set_location (dialog, "https://cloud.example.edu/dav/files/maren/S17/");
  scholia_seminar_dialog_set_credentials (dialog, "", "app-password");
  start_and_wait (dialog);
  g_assert_nonnull (strstr (scholia_seminar_dialog_get_error (dialog), "user name"));

  scholia_seminar_dialog_set_location (dialog, "https://");
  scholia_seminar_dialog_set_credentials (dialog, "maren", "");
  start_and_wait (dialog);
  g_assert_nonnull (strstr (scholia_seminar_dialog_get_error (dialog), "WebDAV address"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_cancel_closes_dialog (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ScholiaSeminarDialog) dialog = open_seminar_dialog (fixture->window, "library.join-seminar");
  g_autoptr(GPtrArray) seminars = NULL;

  /* Escape and the Cancel button: with nothing running, the dialog goes, leaving nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "seminar.cancel", NULL));
  drain_main_context ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_null (find_transient (GTK_WINDOW (fixture->window), SCHOLIA_TYPE_SEMINAR_DIALOG));
  seminars = scholia_store_list_seminars (scholia_window_get_store (fixture->window), NULL);
  g_assert_cmpuint (seminars->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/seminar/new-creates-folder-and-rows", test_new_seminar_creates_folder_and_rows);
  ADD ("/window/seminar/new-failure-stays-in-dialog", test_new_seminar_failure_stays_in_dialog);
  ADD ("/window/seminar/join-from-second-library", test_join_from_second_library);
  ADD ("/window/seminar/sync-action-updates-status", test_sync_action_updates_status);
  ADD ("/window/seminar/webdav-fields-checked", test_webdav_fields_checked);
  ADD ("/window/seminar/cancel-closes-dialog", test_cancel_closes_dialog);
#undef ADD

  return g_test_run ();
}
