/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Issue 12, defect 9: the unplaced list says why each annotation is there, and "Delete All"
 * removes them all as one step that Ctrl+Z brings back whole. */

#include "config.h"

#include <string.h>

#include "scholia-w3c.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-keys.h"
#include "test-ui.h"

#define ESSAY_TEXT \
  "The canal company of Vessen kept no minutes before 1802.\n\n" \
  "Its clerk, Aurel Dancu, wrote the first ones in the margins of a hymnal.\n"

#define REVISED_TEXT \
  "The canal guild of Vessen kept no minutes before 1802.\n\n" \
  "Its clerk, Aurel Dancu, wrote the first ones in the margins of a hymnal.\n"

typedef TestLibraryFixture Fixture;

/* An essay with one placed annotation, one that lost its place when the text changed and two
 * from a file whose quotes the essay never had. */
static ScholiaWindow *
window_with_unplaced (Fixture *fixture)
{
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ScholiaAnnotation) placed = NULL;
  g_autoptr(ScholiaAnnotation) moved_away = NULL;
  g_autofree char *path = NULL;
  ScholiaTextAnchor revision;
  ScholiaDocument *document;
  ScholiaStore *store;

  g_assert_true (scholia_window_open_library (window, fixture->library));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();

  store = scholia_window_get_store (window);
  document = scholia_store_add_document (store, "Minutes", "Mira Olt", NULL, "https://example.org/minutes",
                                         ESSAY_TEXT, NULL, &error);
  g_assert_no_error (error);
  placed = scholia_store_add_annotation (store, document, 4, 10, NULL, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  moved_away = scholia_store_add_annotation (store, document, 12, 19, NULL, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  /* A revised edition calls it a guild: "company" is not found again, even on opening. */
  revision = (ScholiaTextAnchor) { .annotation = moved_away, .start = 12, .end = 19, .orphaned = TRUE };
  g_assert_true (scholia_store_replace_text (store, document, REVISED_TEXT, NULL, &revision, 1, &error));
  g_assert_no_error (error);

  path = test_write_file (fixture->dir, "seminar-notes.json",
    "[{\"type\": \"Annotation\", \"target\": {\"source\": \"https://example.org/minutes\","
    "  \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"a ledger bound in calfskin\"}}},"
    " {\"type\": \"Annotation\", \"target\": {\"source\": \"https://example.org/minutes\","
    "  \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"the bishop's seal\"}}}]");
  file = g_file_new_for_path (path);
  g_assert_true (scholia_w3c_import_file (store, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (scholia_window_show_document (window, document));
  wait_for_layout (window);
  return window;
}

static void
window_destroy (ScholiaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* The reasons the unplaced list shows, one per row, in its order. */
static GPtrArray *
shown_reasons (ScholiaWindow *window)
{
  GtkWidget *list = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window_inspector (window)),
                                                   SCHOLIA_TYPE_ANNOTATION_INSPECTOR, "orphans_list");
  GPtrArray *reasons = g_ptr_array_new_with_free_func (g_free);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    {
      GtkWidget *box = gtk_list_box_row_get_child (row);

      for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (g_strcmp0 (gtk_widget_get_name (child), "unplaced-reason") == 0)
          g_ptr_array_add (reasons, g_strdup (gtk_label_get_text (GTK_LABEL (child))));
    }
  return reasons;
}

/* The button in @widget that activates @action. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_unplaced (ScholiaWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = NULL;
  guint n = 0;

  annotations = scholia_store_list_annotations (scholia_window_get_store (window),
                                                scholia_window_get_document (window), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      n += scholia_annotation_get_orphaned (annotation);
    }
  return n;
}

static void
test_list_says_why (Fixture       *fixture,
                    gconstpointer  data)
{
  ScholiaWindow *window = window_with_unplaced (fixture);
  g_autoptr(GPtrArray) reasons = NULL;
  guint imported = 0, changed = 0;

  reasons = shown_reasons (window);
  g_assert_cmpuint (reasons->len, ==, 3);
  for (guint i = 0; i < reasons->len; i++)
    {
      const char *reason = g_ptr_array_index (reasons, i);

      if (strstr (reason, "Imported from “seminar-notes.json”") != NULL)
        imported++;
      else if (strstr (reason, "text changed") != NULL)
        changed++;
    }
  g_assert_cmpuint (imported, ==, 2);
  g_assert_cmpuint (changed, ==, 1);

  window_destroy (window);
}

static gboolean
all_back (gpointer data)
{
  return count_unplaced (data) == 3;
}

static void
test_delete_all_then_undo (Fixture       *fixture,
                           gconstpointer  data)
{
  ScholiaWindow *window;
  GtkWidget *button;
  g_autoptr(GPtrArray) reasons = NULL;

  if (!test_keys_available ())
    return;

  window = window_with_unplaced (fixture);
  g_assert_cmpuint (count_unplaced (window), ==, 3);

  button = find_action_button (GTK_WIDGET (window_inspector (window)), "doc.delete-unplaced");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.show-inspector", NULL));
  drain_main_context ();
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (button))));
  g_signal_emit_by_name (button, "clicked");
  drain_main_context ();
  g_assert_cmpuint (count_unplaced (window), ==, 0);
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM annotations"), ==, 1);
  reasons = shown_reasons (window);
  g_assert_cmpuint (reasons->len, ==, 0);
  g_clear_pointer (&reasons, g_ptr_array_unref);

  /* One Ctrl+Z brings all three back, with their reasons; there is no step before it. */
  test_keys_focus (GTK_WINDOW (window));
  gtk_widget_grab_focus (GTK_WIDGET (window_reader (window)));
  test_keys_press ("ctrl+z");
  g_assert_true (test_keys_wait (all_back, window));
  g_assert_false (scholia_editor_get_can_undo (scholia_window_get_editor (window)));
  drain_main_context ();
  reasons = shown_reasons (window);
  g_assert_cmpuint (reasons->len, ==, 3);
  g_assert_cmpint (test_sql_int (fixture->library,
                                 "SELECT count(*) FROM annotations WHERE unplaced_source = 'seminar-notes.json'"), ==, 2);

  /* The document menu's action does the same. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.delete-unplaced", NULL));
  drain_main_context ();
  g_assert_cmpuint (count_unplaced (window), ==, 0);

  window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);

  test_add_with_library ("/window/unplaced/list-says-why", test_list_says_why);
  test_add_with_library ("/window/unplaced/delete-all-then-undo", test_delete_all_then_undo);

  return g_test_run ();
}
