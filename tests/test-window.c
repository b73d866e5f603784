/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-document-properties.h"
#include "scholia-library-sidebar.h"
#include "scholia-reading-view.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-window-XXXXXX");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static ScholiaWindow *
window_new (void)
{
  /* GTK keeps windows in its toplevel list; the extra reference lets the test check that the
   * window, and with it the store, is really finalized. */
  return g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
}

static void
window_destroy (ScholiaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static gpointer
template_child (ScholiaWindow *window,
                const char    *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), SCHOLIA_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
visible_page (ScholiaWindow *window)
{
  return gtk_stack_get_visible_child_name (template_child (window, "main_stack"));
}


static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static ScholiaWindow *
window_with_library (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  ScholiaWindow *window = window_new ();

  g_assert_true (scholia_window_open_library (window, path));
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();
  return window;
}

static ScholiaDocument *
add_document (ScholiaStore *store,
              const char   *title,
              const char   *author,
              const char   *text)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  document = scholia_store_add_document (store, title, author, NULL, NULL, text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static ScholiaDocument *
nth_document (ScholiaStore *store,
              guint         position)
{
  g_autoptr(ScholiaDocument) document =
    g_list_model_get_item (scholia_store_get_documents (store), position);

  g_assert_nonnull (document);
  return document;
}

static guint
count_documents (ScholiaStore *store)
{
  return g_list_model_get_n_items (scholia_store_get_documents (store));
}

static void
wait_for_import (ScholiaWindow *window)
{
  while (scholia_window_get_importing (window))
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static char *
reader_text (ScholiaWindow *window)
{
  ScholiaReadingView *view = window_reader (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
assert_reader_shows (ScholiaWindow   *window,
                     ScholiaDocument *document)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *shown = reader_text (window);
  AdwWindowTitle *title = template_child (window, "content_title");

  expected = scholia_store_load_text (scholia_window_get_store (window), document, &error);
  g_assert_no_error (error);

  g_assert_true (scholia_window_get_document (window) == document);
  g_assert_cmpstr (visible_page (window), ==, "document");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "document_stack")),
                   ==, "reader");
  g_assert_cmpstr (shown, ==, expected);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, scholia_document_get_title (document));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==,
                   scholia_document_get_author (document) != NULL
                   ? scholia_document_get_author (document) : "");
}

static void
test_new_library_shows_empty_page (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  ScholiaWindow *window = window_new ();
  ScholiaStore *store;

  g_assert_true (scholia_window_open_library (window, path));
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();

  store = scholia_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_cmpstr (scholia_store_get_path (store), ==, path);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);

  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (template_child (window, "empty_page")), ==,
                   "No Essays Yet");
  g_assert_true (gtk_widget_get_visible (template_child (window, "sidebar_box")));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Scholia");

  window_destroy (window);
  g_assert_null (store);
}

static void
test_foreign_file_shows_error_page (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  ScholiaWindow *window = window_new ();
  AdwStatusPage *error_page;
  gsize length;

  g_file_set_contents (path, "hello", -1, &error);
  g_assert_no_error (error);

  g_assert_false (scholia_window_open_library (window, path));
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();

  g_assert_null (scholia_window_get_store (window));
  g_assert_cmpstr (visible_page (window), ==, "error");
  error_page = template_child (window, "error_page");
  g_assert_cmpstr (adw_status_page_get_title (error_page), ==, "Could Not Open the Library");
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), path));
  g_assert_false (gtk_widget_get_visible (template_child (window, "sidebar_box")));

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, "hello", 5);

  /* What "Open Another Library…" does once a file is chosen. */
  g_assert_true (scholia_window_open_library (window, other));
  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_true (gtk_widget_get_visible (template_child (window, "sidebar_box")));

  window_destroy (window);
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_text (child, text))
        return TRUE;
    }

  return FALSE;
}

static void
test_error_names_file_with_markup_characters (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "A & B <notes>.txt", NULL);
  g_autoptr(GError) error = NULL;
  ScholiaWindow *window = window_new ();

  g_file_set_contents (path, "hello", -1, &error);
  g_assert_no_error (error);

  g_assert_false (scholia_window_open_library (window, path));
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();

  g_assert_true (shows_text (template_child (window, "error_page"), "A & B <notes>.txt"));

  window_destroy (window);
}

static void
test_added_document_shows_document_page (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  ScholiaWindow *window = window_new ();
  ScholiaDocument *document;
  ScholiaStore *store;

  g_assert_true (scholia_window_open_library (window, path));
  store = scholia_window_get_store (window);
  g_assert_cmpstr (visible_page (window), ==, "empty");

  document = scholia_store_add_document (store, "On Harbours", "Ines Marrow", "1911", NULL,
                                         "The harbour was older than the town.", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpstr (visible_page (window), ==, "document");

  scholia_store_delete_document (store, document, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (visible_page (window), ==, "empty");

  window_destroy (window);
}

static void
test_library_already_holding_documents_shows_document_page (Fixture       *fixture,
                                                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  ScholiaWindow *window;

  {
    g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);

    g_assert_no_error (error);
    scholia_store_add_document (store, "On Harbours", "Ines Marrow", NULL, NULL,
                                "The harbour was older than the town.", NULL, &error);
    g_assert_no_error (error);
  }

  window = window_new ();
  g_assert_true (scholia_window_open_library (window, path));
  g_assert_cmpstr (visible_page (window), ==, "document");

  window_destroy (window);
}

static void
test_primary_menu_is_labelled (void)
{
  ScholiaWindow *window = window_new ();
  GtkMenuButton *button = template_child (window, "primary_menu_button");

  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, "Main Menu");
  g_assert_true (gtk_menu_button_get_primary (button));
  g_assert_nonnull (gtk_menu_button_get_menu_model (button));

  window_destroy (window);
}

static void
test_window_size_is_kept (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  ScholiaWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);

  window = window_new ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  window_destroy (window);
}


static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_import_skips_bad_file_and_lists_it (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autofree char *first = g_build_filename (fixture->dir, "harbours.txt", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "broken.pdf", NULL);
  g_autofree char *last = g_build_filename (fixture->dir, "tides.md", NULL);
  GFile *files[3];
  ScholiaWindow *window;
  ScholiaStore *store;
  GtkWindow *dialog;

  write_file (first, "On Harbours\n\nThe harbour was older than the town.\n");
  write_file (bad, "%PDF-1.4 this is not really a PDF");
  write_file (last, "# On Tides\n\nThe tide kept its own calendar.\n");
  files[0] = g_file_new_for_path (first);
  files[1] = g_file_new_for_path (bad);
  files[2] = g_file_new_for_path (last);

  window = window_with_library (fixture);
  store = scholia_window_get_store (window);

  scholia_window_import_files (window, files, G_N_ELEMENTS (files));
  g_assert_true (scholia_window_get_importing (window));
  g_assert_true (gtk_action_bar_get_revealed (template_child (window, "import_bar")));
  wait_for_import (window);

  /* The broken file did not stop the batch; the essay imported last is open. */
  g_assert_false (gtk_action_bar_get_revealed (template_child (window, "import_bar")));
  g_assert_cmpuint (count_documents (store), ==, 2);
  g_assert_cmpstr (scholia_document_get_title (nth_document (store, 1)), ==, "On Tides");
  assert_reader_shows (window, nth_document (store, 1));

  /* What the toast's Details button shows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "library.show-import-errors", NULL));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "broken.pdf"));
  g_assert_false (shows_text (GTK_WIDGET (dialog), "tides.md"));
  gtk_window_destroy (dialog);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
  window_destroy (window);
}

static void
test_import_files_queued_during_import_follow (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autofree char *first = g_build_filename (fixture->dir, "harbours.txt", NULL);
  g_autofree char *second = g_build_filename (fixture->dir, "tides.md", NULL);
  g_autoptr(GFile) first_file = NULL;
  g_autoptr(GFile) second_file = NULL;
  ScholiaWindow *window;
  ScholiaStore *store;

  write_file (first, "On Harbours\n\nThe harbour was older than the town.\n");
  write_file (second, "# On Tides\n\nThe tide kept its own calendar.\n");
  first_file = g_file_new_for_path (first);
  second_file = g_file_new_for_path (second);

  window = window_with_library (fixture);
  store = scholia_window_get_store (window);

  scholia_window_import_files (window, &first_file, 1);
  scholia_window_import_files (window, &second_file, 1);
  wait_for_import (window);

  g_assert_cmpuint (count_documents (store), ==, 2);
  assert_reader_shows (window, nth_document (store, 1));

  window_destroy (window);
}

static void
test_import_cancel_stops_before_next_file (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autofree char *first = g_build_filename (fixture->dir, "harbours.txt", NULL);
  g_autofree char *second = g_build_filename (fixture->dir, "tides.md", NULL);
  GFile *files[2];
  ScholiaWindow *window;
  GtkWidget *cancel;

  write_file (first, "On Harbours\n\nThe harbour was older than the town.\n");
  write_file (second, "# On Tides\n\nThe tide kept its own calendar.\n");
  files[0] = g_file_new_for_path (first);
  files[1] = g_file_new_for_path (second);

  window = window_with_library (fixture);
  scholia_window_import_files (window, files, G_N_ELEMENTS (files));
  cancel = find_button (template_child (window, "import_bar"), "_Cancel");
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");
  wait_for_import (window);

  /* Cancelled before the first file reached the library: nothing half imported, nothing open. */
  g_assert_cmpuint (count_documents (scholia_window_get_store (window)), ==, 0);
  g_assert_null (scholia_window_get_document (window));
  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_false (gtk_action_bar_get_revealed (template_child (window, "import_bar")));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
  window_destroy (window);
}

static void
test_samples_fill_library_and_open_first (Fixture       *fixture,
                                          gconstpointer  data)
{
  ScholiaWindow *window = window_with_library (fixture);
  ScholiaStore *store = scholia_window_get_store (window);
  ScholiaDocument *first;

  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "library.import-samples", NULL));
  drain_main_context ();

  g_assert_cmpuint (count_documents (store), ==, 5);
  first = nth_document (store, 0);
  assert_reader_shows (window, first);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   scholia_document_get_title (first));
  g_assert_true (shows_text (scholia_window_get_sidebar (window),
                             scholia_document_get_title (first)));

  window_destroy (window);
}

static void
test_document_named_is_shown (Fixture       *fixture,
                              gconstpointer  data)
{
  ScholiaWindow *window = window_with_library (fixture);
  ScholiaStore *store = scholia_window_get_store (window);
  ScholiaDocument *harbours = add_document (store, "On Harbours", "Ines Marrow",
                                            "The harbour was older than the town.");
  ScholiaDocument *tides = add_document (store, "On Tides", "Ines Marrow",
                                         "The tide kept its own calendar.");
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, scholia_document_get_id (harbours));

  g_assert_true (scholia_window_show_document_by_name (window, "On Tides"));
  assert_reader_shows (window, tides);

  g_assert_true (scholia_window_show_document_by_name (window, id));
  assert_reader_shows (window, harbours);

  /* An unknown name leaves the reader alone (a toast says why). */
  g_assert_false (scholia_window_show_document_by_name (window, "On Winds"));
  assert_reader_shows (window, harbours);

  window_destroy (window);
}

static gboolean
record_document_and_close_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  ScholiaWindow *window = SCHOLIA_WINDOW (gtk_application_get_active_window (app));
  ScholiaDocument *document = scholia_window_get_document (window);

  g_object_set_data_full (G_OBJECT (app), "shown",
                          g_strdup (document != NULL ? scholia_document_get_title (document) : ""),
                          g_free);
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
on_app_activate_cb (GApplication *app)
{
  g_idle_add (record_document_and_close_cb, app);
}

/* Every essay the window shows, in a string the application keeps. */
static void
on_window_document_notify_cb (ScholiaWindow *window,
                              GParamSpec    *pspec,
                              GString       *shown)
{
  ScholiaDocument *document = scholia_window_get_document (window);

  g_string_append_printf (shown, "[%s]", document != NULL ? scholia_document_get_title (document) : "");
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    GString        *shown)
{
  g_signal_connect (window, "notify::document", G_CALLBACK (on_window_document_notify_cb), shown);
}

static void
test_document_option_opens_document (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  g_autoptr(ScholiaApplication) app = NULL;
  char *argv[] = { "scholia", "--library", path, "--document", "On Tides", NULL };

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);

    g_assert_no_error (error);
    add_document (store, "On Harbours", NULL, "The harbour was older than the town.");
    add_document (store, "On Tides", NULL, "The tide kept its own calendar.");
  }

  app = scholia_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_app_activate_cb), NULL);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), shown);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);

  g_assert_cmpstr (g_object_get_data (G_OBJECT (app), "shown"), ==, "On Tides");
  /* Opened on it: the first essay, which a library opened without one shows, never was. */
  g_assert_cmpstr (shown->str, ==, "[On Tides]");
}

static void
test_last_document_reopens (Fixture       *fixture,
                            gconstpointer  data)
{
  ScholiaWindow *window = window_with_library (fixture);
  ScholiaStore *store = scholia_window_get_store (window);
  g_autofree char *uuid = NULL;

  add_document (store, "On Harbours", NULL, "The harbour was older than the town.");
  add_document (store, "On Tides", NULL, "The tide kept its own calendar.");
  g_assert_true (scholia_window_show_document (window, nth_document (store, 1)));
  uuid = g_strdup (scholia_document_get_uuid (nth_document (store, 1)));
  window_destroy (window);

  window = window_with_library (fixture);
  store = scholia_window_get_store (window);
  g_assert_cmpstr (scholia_document_get_uuid (scholia_window_get_document (window)), ==, uuid);
  assert_reader_shows (window, nth_document (store, 1));
  window_destroy (window);
}

static ScholiaDocumentProperties *
open_properties (ScholiaWindow *window)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.properties", NULL));
  drain_main_context ();
  dialog = find_toplevel (SCHOLIA_TYPE_DOCUMENT_PROPERTIES);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (dialog));
  return SCHOLIA_DOCUMENT_PROPERTIES (dialog);
}

static GtkEditable *
properties_row (ScholiaDocumentProperties *dialog,
                const char                *name)
{
  GObject *row = gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                SCHOLIA_TYPE_DOCUMENT_PROPERTIES, name);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static void
test_properties_save_changes_store_and_header (Fixture       *fixture,
                                               gconstpointer  data)
{
  ScholiaWindow *window = window_with_library (fixture);
  ScholiaStore *store = scholia_window_get_store (window);
  ScholiaDocument *document = add_document (store, "On Harbours", "Ines Marrow",
                                            "The harbour was older than the town.");
  AdwWindowTitle *title = template_child (window, "content_title");
  ScholiaDocumentProperties *dialog;
  AdwComboRow *language_row;
  const char *english;

  g_assert_true (scholia_window_show_document (window, document));
  dialog = open_properties (window);
  g_assert_true (scholia_document_properties_get_document (dialog) == document);
  g_assert_cmpstr (gtk_editable_get_text (properties_row (dialog, "title_row")), ==, "On Harbours");
  g_assert_cmpstr (gtk_editable_get_text (properties_row (dialog, "author_row")), ==, "Ines Marrow");

  gtk_editable_set_text (properties_row (dialog, "title_row"), "On Harbours and Quays");
  gtk_editable_set_text (properties_row (dialog, "author_row"), "Ines Marrow-Dahl");
  gtk_editable_set_text (properties_row (dialog, "date_row"), "c. 1925");
  gtk_editable_set_text (properties_row (dialog, "source_row"), "Harbour Review 3 (1925): 1–9");
  /* Issue 12: the language search stems the essay in, by its name. */
  language_row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (dialog), SCHOLIA_TYPE_DOCUMENT_PROPERTIES,
                                                               "language_row"));
  english = gtk_string_object_get_string (adw_combo_row_get_selected_item (language_row));
  g_assert_cmpstr (english, ==, "English");
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (language_row)); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (adw_combo_row_get_model (language_row), i);

      if (g_str_equal (gtk_string_object_get_string (name), "German"))
        adw_combo_row_set_selected (language_row, i);
    }
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "properties.save", NULL));
  drain_main_context ();

  g_assert_null (dialog);
  g_assert_cmpstr (scholia_document_get_title (document), ==, "On Harbours and Quays");
  g_assert_cmpstr (scholia_document_get_author (document), ==, "Ines Marrow-Dahl");
  g_assert_cmpstr (scholia_document_get_date (document), ==, "c. 1925");
  g_assert_cmpstr (scholia_document_get_source (document), ==, "Harbour Review 3 (1925): 1–9");
  g_assert_cmpstr (scholia_document_get_language (document), ==, "de");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "On Harbours and Quays");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Ines Marrow-Dahl");

  /* Saving is one step of the library's history. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "library.undo", NULL));
  drain_main_context ();
  g_assert_cmpstr (scholia_document_get_title (document), ==, "On Harbours");
  g_assert_cmpstr (scholia_document_get_author (document), ==, "Ines Marrow");
  g_assert_cmpstr (scholia_document_get_date (document), ==, "");
  g_assert_cmpstr (scholia_document_get_language (document), ==, "en");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "On Harbours");

  window_destroy (window);
}

/* The author headings of the sidebar, top to bottom, one per line. */
static char *
sidebar_authors (ScholiaWindow *window)
{
  GtkWidget *sidebar = scholia_window_get_sidebar (window);
  GtkListView *list_view = GTK_LIST_VIEW (gtk_widget_get_template_child (sidebar, SCHOLIA_TYPE_LIBRARY_SIDEBAR,
                                                                         "list_view"));
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  GString *authors = g_string_new (NULL);

  drain_main_context ();
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
      g_autofree char *name = NULL;

      if (SCHOLIA_IS_DOCUMENT (item))
        continue;
      g_object_get (item, "name", &name, NULL);
      g_string_append_printf (authors, "%s\n", name);
    }
  return g_string_free (authors, FALSE);
}

/* Issue 12: authors sorted by their last word ("A)", "essay)", "Berg", "Dijk"); they file by a
 * sort key, which the essay's properties edit as one undoable step. */
static void
test_properties_sort_author_as_reorders_sidebar (Fixture       *fixture,
                                                 gconstpointer  data)
{
  ScholiaWindow *window = window_with_library (fixture);
  ScholiaStore *store = scholia_window_get_store (window);
  ScholiaDocument *berg;
  ScholiaDocumentProperties *dialog;
  g_autofree char *before = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *undone = NULL;

  add_document (store, "Excerpt A", "Anonymous (excerpt A)", "Grain left the port.");
  add_document (store, "An Essay", "Anonymous student (MLA essay)", "Barges left the port.");
  add_document (store, "On Dykes", "Clara van Dijk", "The dykes held.");
  berg = add_document (store, "On Ledgers", "Tomas Berg", "The ledgers closed.");
  before = sidebar_authors (window);
  g_assert_cmpstr (before, ==,
                   "Anonymous (excerpt A)\nAnonymous student (MLA essay)\nTomas Berg\nClara van Dijk\n");

  g_assert_true (scholia_window_show_document (window, berg));
  dialog = open_properties (window);
  g_assert_cmpstr (gtk_editable_get_text (properties_row (dialog, "author_sort_row")), ==, "Berg, Tomas");
  gtk_editable_set_text (properties_row (dialog, "author_sort_row"), "Zeeland, Tomas");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "properties.save", NULL));
  drain_main_context ();
  g_assert_null (dialog);

  edited = sidebar_authors (window);
  g_assert_cmpstr (edited, ==,
                   "Anonymous (excerpt A)\nAnonymous student (MLA essay)\nClara van Dijk\nTomas Berg\n");
  g_assert_cmpstr (scholia_document_get_author (berg), ==, "Tomas Berg");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "library.undo", NULL));
  undone = sidebar_authors (window);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpstr (scholia_document_get_author_sort_key (berg), ==, "Berg, Tomas");

  window_destroy (window);
}

/* Typing a new author name carries the guessed key along, until the user writes one. */
static void
test_properties_sort_author_as_follows_name (Fixture       *fixture,
                                             gconstpointer  data)
{
  ScholiaWindow *window = window_with_library (fixture);
  ScholiaStore *store = scholia_window_get_store (window);
  ScholiaDocument *document = add_document (store, "On Harbours", "Ines Marrow",
                                            "The harbour was older than the town.");
  ScholiaDocumentProperties *dialog;

  g_assert_true (scholia_window_show_document (window, document));
  dialog = open_properties (window);
  gtk_editable_set_text (properties_row (dialog, "author_row"), "Ludwig van Beethoven");
  g_assert_cmpstr (gtk_editable_get_text (properties_row (dialog, "author_sort_row")), ==, "Beethoven, Ludwig van");
  gtk_editable_set_text (properties_row (dialog, "author_sort_row"), "Van Beethoven, Ludwig");
  gtk_editable_set_text (properties_row (dialog, "author_row"), "Ludwig van Beethoven II");
  g_assert_cmpstr (gtk_editable_get_text (properties_row (dialog, "author_sort_row")), ==, "Van Beethoven, Ludwig");

  gtk_window_destroy (GTK_WINDOW (dialog));
  window_destroy (window);
}

static void
test_properties_blank_title_keeps_dialog_and_typing (Fixture       *fixture,
                                                     gconstpointer  data)
{
  ScholiaWindow *window = window_with_library (fixture);
  ScholiaStore *store = scholia_window_get_store (window);
  ScholiaDocument *document = add_document (store, "On Harbours", "Ines Marrow",
                                            "The harbour was older than the town.");
  ScholiaDocumentProperties *dialog;

  g_assert_true (scholia_window_show_document (window, document));
  dialog = open_properties (window);

  gtk_editable_set_text (properties_row (dialog, "title_row"), "   ");
  gtk_editable_set_text (properties_row (dialog, "date_row"), "spring 1917");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "properties.save", NULL));
  drain_main_context ();

  g_assert_true (find_toplevel (SCHOLIA_TYPE_DOCUMENT_PROPERTIES) == GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (properties_row (dialog, "title_row")),
                                           "error"));
  g_assert_cmpstr (gtk_editable_get_text (properties_row (dialog, "date_row")), ==, "spring 1917");
  g_assert_cmpstr (scholia_document_get_title (document), ==, "On Harbours");
  g_assert_cmpstr (scholia_document_get_date (document), !=, "spring 1917");

  gtk_window_destroy (GTK_WINDOW (dialog));
  window_destroy (window);
}

static void
test_delete_closes_reader_and_undo_restores (Fixture       *fixture,
                                             gconstpointer  data)
{
  ScholiaWindow *window = window_with_library (fixture);
  ScholiaStore *store = scholia_window_get_store (window);
  ScholiaDocument *harbours = add_document (store, "On Harbours", "Ines Marrow",
                                            "The harbour was older than the town.");
  g_autofree char *uuid = g_strdup (scholia_document_get_uuid (harbours));
  GtkWidget *undo;

  add_document (store, "On Tides", NULL, "The tide kept its own calendar.");
  g_assert_true (scholia_window_show_document (window, harbours));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.delete", NULL));
  drain_main_context ();

  g_assert_cmpuint (count_documents (store), ==, 1);
  g_assert_null (scholia_window_get_document (window));
  g_assert_cmpstr (visible_page (window), ==, "document");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "document_stack")),
                   ==, "choose");
  g_assert_true (shows_text (template_child (window, "toast_overlay"), "“On Harbours” deleted"));

  undo = find_button (template_child (window, "toast_overlay"), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  drain_main_context ();

  g_assert_cmpuint (count_documents (store), ==, 2);
  g_assert_nonnull (scholia_window_get_document (window));
  g_assert_cmpstr (scholia_document_get_uuid (scholia_window_get_document (window)), ==, uuid);
  assert_reader_shows (window, scholia_window_get_document (window));

  window_destroy (window);
}

/* The sidebar asks the window through "library." actions, for the essay selected there even
 * when another is open. */
static void
test_sidebar_actions_reach_window (Fixture       *fixture,
                                   gconstpointer  data)
{
  ScholiaWindow *window = window_with_library (fixture);
  ScholiaStore *store = scholia_window_get_store (window);
  GtkWidget *sidebar = scholia_window_get_sidebar (window);
  ScholiaDocument *harbours = add_document (store, "On Harbours", "Ines Marrow",
                                            "The harbour was older than the town.");
  ScholiaDocument *tides = add_document (store, "On Tides", NULL, "The tide kept its own calendar.");
  GtkWindow *dialog;

  g_assert_true (scholia_window_show_document (window, tides));
  scholia_library_sidebar_select_document (SCHOLIA_LIBRARY_SIDEBAR (sidebar), harbours);

  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.properties", NULL));
  drain_main_context ();
  dialog = find_toplevel (SCHOLIA_TYPE_DOCUMENT_PROPERTIES);
  g_assert_nonnull (dialog);
  g_assert_true (scholia_document_properties_get_document (SCHOLIA_DOCUMENT_PROPERTIES (dialog)) == harbours);
  gtk_window_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.delete", NULL));
  drain_main_context ();
  g_assert_cmpuint (count_documents (store), ==, 1);
  g_assert_true (scholia_window_get_document (window) == tides);
  g_assert_true (shows_text (template_child (window, "toast_overlay"), "“On Harbours” deleted"));

  window_destroy (window);
}

static void
test_deleting_last_document_shows_empty_page (Fixture       *fixture,
                                              gconstpointer  data)
{
  ScholiaWindow *window = window_with_library (fixture);
  ScholiaStore *store = scholia_window_get_store (window);
  ScholiaDocument *harbours = add_document (store, "On Harbours", "Ines Marrow",
                                            "The harbour was older than the town.");

  g_assert_true (scholia_window_show_document (window, harbours));
  scholia_window_delete_document (window, harbours);
  drain_main_context ();

  g_assert_cmpuint (count_documents (store), ==, 0);
  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_false (gtk_widget_get_visible (template_child (window, "document_menu_button")));

  /* Deleting is a step of the library's history: Undo in the header bar takes it back too. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (template_child (window, "undo_button")), ==, "Undo Delete Essay");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "library.undo", NULL));
  drain_main_context ();
  g_assert_cmpuint (count_documents (store), ==, 1);

  window_destroy (window);
}

static void
test_shortcuts_window_loads (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/scholia/Scholia/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);
  /* A toast's Undo clicked while the toast still slides in (as only a test can, at once) trips
   * libadwaita 1.2's toast overlay into unreffing a freed animation, a crash seen under load:
   * without animations the toast is simply there. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/window/library/new-shows-empty-page", Fixture, NULL,
              fixture_setup, test_new_library_shows_empty_page, fixture_teardown);
  g_test_add ("/window/library/foreign-file-shows-error-and-stays-untouched", Fixture, NULL,
              fixture_setup, test_foreign_file_shows_error_page, fixture_teardown);
  g_test_add ("/window/library/error-names-file-with-markup-characters", Fixture, NULL,
              fixture_setup, test_error_names_file_with_markup_characters, fixture_teardown);
  g_test_add ("/window/library/added-document-shows-document-page", Fixture, NULL,
              fixture_setup, test_added_document_shows_document_page, fixture_teardown);
  g_test_add ("/window/library/with-documents-shows-document-page", Fixture, NULL,
              fixture_setup, test_library_already_holding_documents_shows_document_page,
              fixture_teardown);
  g_test_add_func ("/window/primary-menu/is-labelled", test_primary_menu_is_labelled);
  g_test_add_func ("/window/settings/size-is-kept", test_window_size_is_kept);
  g_test_add_func ("/window/shortcuts/window-loads", test_shortcuts_window_loads);

  g_test_add ("/window/import/bad-file-is-skipped-and-listed", Fixture, NULL,
              fixture_setup, test_import_skips_bad_file_and_lists_it, fixture_teardown);
  g_test_add ("/window/import/files-given-during-import-follow", Fixture, NULL,
              fixture_setup, test_import_files_queued_during_import_follow, fixture_teardown);
  g_test_add ("/window/import/cancel-stops-before-next-file", Fixture, NULL,
              fixture_setup, test_import_cancel_stops_before_next_file, fixture_teardown);
  g_test_add ("/window/import/samples-fill-library-and-open-first", Fixture, NULL,
              fixture_setup, test_samples_fill_library_and_open_first, fixture_teardown);
  g_test_add ("/window/document/named-is-shown", Fixture, NULL,
              fixture_setup, test_document_named_is_shown, fixture_teardown);
  g_test_add ("/window/document/option-opens-document-at-start", Fixture, NULL,
              fixture_setup, test_document_option_opens_document, fixture_teardown);
  g_test_add ("/window/document/last-read-reopens", Fixture, NULL,
              fixture_setup, test_last_document_reopens, fixture_teardown);
  g_test_add ("/window/properties/save-changes-store-and-header", Fixture, NULL,
              fixture_setup, test_properties_save_changes_store_and_header, fixture_teardown);
  g_test_add ("/window/properties/sort-author-as-reorders-sidebar", Fixture, NULL,
              fixture_setup, test_properties_sort_author_as_reorders_sidebar, fixture_teardown);
  g_test_add ("/window/properties/sort-author-as-follows-name", Fixture, NULL,
              fixture_setup, test_properties_sort_author_as_follows_name, fixture_teardown);
  g_test_add ("/window/properties/blank-title-keeps-dialog-and-typing", Fixture, NULL,
              fixture_setup, test_properties_blank_title_keeps_dialog_and_typing,
              fixture_teardown);
  g_test_add ("/window/delete/closes-reader-and-undo-restores", Fixture, NULL,
              fixture_setup, test_delete_closes_reader_and_undo_restores, fixture_teardown);
  g_test_add ("/window/delete/sidebar-actions-reach-window", Fixture, NULL,
              fixture_setup, test_sidebar_actions_reach_window, fixture_teardown);
  g_test_add ("/window/delete/last-document-shows-empty-page", Fixture, NULL,
              fixture_setup, test_deleting_last_document_shows_empty_page, fixture_teardown);

  return g_test_run ();
}
