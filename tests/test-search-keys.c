/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "scholia-library-sidebar.h"
#include "scholia-search-results.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-keys.h"
#include "test-ui.h"

/* Issue 12: the library's search lists every place an essay matches under the essay, and the
 * keyboard goes from the search entry through essays and places to the passage, with real key
 * presses. */

static const char nep_text[] =
  "Anderson holds that Stalin betrayed the revolution in 1928.\n\n"
  "The NEP itself, he writes, was no betrayal but a retreat.\n\n"
  "Those who said the Party betrays its own were expelled.\n";

typedef struct
{
  ScholiaWindow *window;
  GListModel    *results;
  int            start;
  int            end;
} Waited;

static gpointer
sidebar_child (GtkWidget  *sidebar,
               const char *name)
{
  GObject *child = gtk_widget_get_template_child (sidebar, SCHOLIA_TYPE_LIBRARY_SIDEBAR, name);

  g_assert_nonnull (child);
  return child;
}

static gboolean
results_shown (gpointer data)
{
  Waited *waited = data;

  return g_list_model_get_n_items (waited->results) > 0;
}

static gboolean
entry_focused (gpointer data)
{
  GtkWidget *entry = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (entry));

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static gboolean
text_has_focus_and_selection (gpointer data)
{
  Waited *waited = data;
  ScholiaReadingView *reader = window_reader (waited->window);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (waited->window));
  int start = -1, end = -1;

  return focus == GTK_WIDGET (scholia_reading_view_get_source_view (reader)) &&
         scholia_reading_view_get_selection (reader, &start, &end) &&
         start == waited->start && end == waited->end;
}

static void
test_keys_reach_second_place (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-search-keys-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  ScholiaWindow *window = g_object_new (SCHOLIA_TYPE_WINDOW, NULL);
  ScholiaStore *store;
  ScholiaDocument *nep;
  GtkWidget *sidebar;
  GtkEditable *entry;
  ScholiaSearchResults *results;
  Waited waited = { window, NULL, 0, 0 };
  int start = -1, end = -1;

  if (!test_keys_available ())
    {
      gtk_window_destroy (GTK_WINDOW (window));
      test_tmp_dir_remove (dir);
      return;
    }

  g_assert_true (scholia_window_open_library (window, path));
  gtk_window_present (GTK_WINDOW (window));
  store = scholia_window_get_store (window);
  nep = scholia_store_add_document (store, "NEP", "Perry Anderson", NULL, NULL, nep_text, NULL, &error);
  g_assert_no_error (error);
  scholia_store_add_document (store, "Barges", "Clara van Dijk", NULL, NULL,
                              "The barges left the port at dawn.\n", NULL, &error);
  g_assert_no_error (error);
  sidebar = scholia_window_get_sidebar (window);
  entry = sidebar_child (sidebar, "search_entry");
  results = sidebar_child (sidebar, "search_results");
  waited.results = scholia_search_results_get_results (results);
  g_object_set (entry, "search-delay", 0, NULL);

  test_keys_focus (GTK_WINDOW (window));
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  drain_main_context ();
  test_keys_type ("betray");
  g_assert_true (test_keys_wait (results_shown, &waited));
  g_assert_cmpuint (g_list_model_get_n_items (waited.results), ==, 1);

  /* Up from the essay's row goes back to the entry; Down comes again. */
  test_keys_press ("Down");
  test_keys_press ("Up");
  test_keys_wait (entry_focused, entry);
  g_assert_true (entry_focused (entry));

  /* The essay, its first place, its second ("betrayal"); Up and Down again on the way. */
  test_keys_press ("Down");
  test_keys_press ("Down");
  test_keys_press ("Down");
  test_keys_press ("Down");
  test_keys_press ("Up");
  test_keys_press ("Return");

  waited.start = g_utf8_pointer_to_offset (nep_text, strstr (nep_text, "betrayal"));
  waited.end = waited.start + strlen ("betrayal");
  test_keys_wait (text_has_focus_and_selection, &waited);
  g_assert_true (scholia_window_get_document (window) == nep);
  g_assert_true (scholia_reading_view_get_selection (window_reader (window), &start, &end));
  g_assert_cmpint (start, ==, waited.start);
  g_assert_cmpint (end, ==, waited.end);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) ==
                 GTK_WIDGET (scholia_reading_view_get_source_view (window_reader (window))));

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  test_tmp_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

  g_test_add_func ("/search-keys/down-up-and-enter-open-the-place", test_keys_reach_second_place);

  return g_test_run ();
}
