/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-window.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("scholia-window-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
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
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
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
  g_autoptr(GSettings) settings = g_settings_new ("io.github.scholia.Scholia");
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

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

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

  return g_test_run ();
}
