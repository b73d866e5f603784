/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "scholia-library-sidebar.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-keys.h"
#include "test-ui.h"

/* Typing in the library's list filters it, with real key presses: what a user types must all
 * reach the filter, and none of it may land on a button of the window. */

typedef struct
{
  GtkEditable *entry;
  const char  *expected;
} Typed;

static gboolean
entry_shows (gpointer data)
{
  Typed *typed = data;

  return g_str_equal (gtk_editable_get_text (typed->entry), typed->expected);
}

static gpointer
sidebar_child (GtkWidget  *sidebar,
               const char *name)
{
  GObject *child = gtk_widget_get_template_child (sidebar, SCHOLIA_TYPE_LIBRARY_SIDEBAR, name);

  g_assert_nonnull (child);
  return child;
}

static ScholiaDocument *
add_document (ScholiaStore *store,
              const char   *title,
              const char   *author)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  document = scholia_store_add_document (store, title, author, NULL, NULL,
                                         "The debate outlived both of them.", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static void
test_typing_in_list_filters_with_spaces_and_keeps_history (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-sidebar-typing-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *undo_label = NULL;
  ScholiaWindow *window = g_object_new (SCHOLIA_TYPE_WINDOW, NULL);
  ScholiaStore *store;
  ScholiaEditor *editor;
  ScholiaDocument *lenin;
  GtkWidget *sidebar;
  GtkWidget *list_view;
  GtkWidget *focus;
  Typed typed;

  if (!test_keys_available ())
    {
      gtk_window_destroy (GTK_WINDOW (window));
      test_tmp_dir_remove (dir);
      return;
    }

  g_assert_true (scholia_window_open_library (window, path));
  gtk_window_present (GTK_WINDOW (window));
  store = scholia_window_get_store (window);
  editor = scholia_window_get_editor (window);
  sidebar = scholia_window_get_sidebar (window);
  list_view = sidebar_child (sidebar, "list_view");
  typed.entry = sidebar_child (sidebar, "search_entry");
  typed.expected = "stalin trotsky";
  g_object_set (typed.entry, "search-delay", 0, NULL);

  add_document (store, "Stalin and Trotsky", "Perry Anderson");
  lenin = add_document (store, "Lenin's Last Struggle", "Moshe Lewin");
  g_assert_true (scholia_window_show_document (window, lenin));
  drain_main_context ();

  /* A change the user may still want to undo. */
  g_assert_true (scholia_editor_update_document (editor, lenin, "Lenin's Testament", NULL, NULL,
                                                 NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  undo_label = g_strdup (scholia_editor_get_undo_label (editor));
  drain_main_context ();

  /* The focus on the row the filter is about to hide. */
  test_keys_focus (GTK_WINDOW (window));
  scholia_library_sidebar_select_document (SCHOLIA_LIBRARY_SIDEBAR (sidebar), lenin);
  g_assert_true (gtk_widget_grab_focus (list_view));
  drain_main_context ();

  test_keys_type ("stalin trotsky");
  test_keys_wait (entry_shows, &typed);

  g_assert_cmpstr (gtk_editable_get_text (typed.entry), ==, "stalin trotsky");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (typed.entry) ||
                 gtk_widget_is_ancestor (focus, GTK_WIDGET (typed.entry)));
  g_assert_cmpstr (scholia_document_get_title (lenin), ==, "Lenin's Testament");
  g_assert_true (scholia_editor_get_can_undo (editor));
  g_assert_cmpstr (scholia_editor_get_undo_label (editor), ==, undo_label);
  g_assert_false (scholia_editor_get_can_redo (editor));

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  test_tmp_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

  g_test_add_func ("/sidebar-typing/spaces-reach-filter-and-history-is-kept",
                   test_typing_in_list_filters_with_spaces_and_keeps_history);

  return g_test_run ();
}
