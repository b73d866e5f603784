/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "scholia-library-sidebar.h"
#include "scholia-search-results.h"
#include "test-files.h"
#include "test-ui.h"

typedef struct
{
  char                  *dir;
  ScholiaStore          *store;
  GtkWindow             *window;
  ScholiaLibrarySidebar *sidebar;
} Fixture;

static ScholiaDocument *
add_document (Fixture    *fixture,
              const char *title,
              const char *author,
              const char *date)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  document = scholia_store_add_document (fixture->store, title, author, date, NULL,
                                         "The harbour silted up within a generation.", NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  drain_main_context ();

  return document;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-sidebar-XXXXXX");

  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);

  fixture->sidebar = scholia_library_sidebar_new ();
  scholia_library_sidebar_set_store (fixture->sidebar, fixture->store);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 300, 600);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->sidebar));
  gtk_window_present (fixture->window);

  /* A search on every key press keeps the test free of timeouts. */
  g_object_set (gtk_widget_get_template_child (GTK_WIDGET (fixture->sidebar),
                                               SCHOLIA_TYPE_LIBRARY_SIDEBAR, "search_entry"),
                "search-delay", 0,
                NULL);
  drain_main_context ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  drain_main_context ();
  /* The sidebar must let go of the store (and every document) once it is gone. */
  g_assert_finalize_object (fixture->store);

  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static gpointer
template_child (Fixture    *fixture,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->sidebar),
                                                  SCHOLIA_TYPE_LIBRARY_SIDEBAR, name);

  g_assert_nonnull (child);
  return child;
}

static GListModel *
rows (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_list_view_get_model (template_child (fixture, "list_view")));
}

/* The rows as a reader sees them: "Author (count)" headings with their essays indented under
 * them, one per line. */
static char *
describe_rows (Fixture *fixture)
{
  GString *description = g_string_new (NULL);
  guint n_items = g_list_model_get_n_items (rows (fixture));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows (fixture), i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (SCHOLIA_IS_DOCUMENT (item))
        {
          g_string_append_printf (description, "  %s\n",
                                  scholia_document_get_title (SCHOLIA_DOCUMENT (item)));
        }
      else
        {
          g_autofree char *name = NULL;
          guint count;

          g_object_get (item, "name", &name, "count", &count, NULL);
          g_string_append_printf (description, "%s (%u)\n", name, count);
        }
    }

  return g_string_free (description, FALSE);
}

static guint
row_position (Fixture         *fixture,
              ScholiaDocument *document)
{
  guint n_items = g_list_model_get_n_items (rows (fixture));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows (fixture), i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == (GObject *) document)
        return i;
    }

  g_assert_not_reached ();
}

static ScholiaDocument *
selected_row_document (Fixture *fixture)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (rows (fixture)));
  g_autoptr(GObject) item = NULL;

  if (row == NULL)
    return NULL;

  item = gtk_tree_list_row_get_item (row);
  return SCHOLIA_IS_DOCUMENT (item) ? SCHOLIA_DOCUMENT (item) : NULL;
}

static void
type_filter (Fixture    *fixture,
             const char *text)
{
  gtk_editable_set_text (template_child (fixture, "search_entry"), text);
  drain_main_context ();
}

static void
add_sample_library (Fixture *fixture)
{
  add_document (fixture, "Tidewater Ledgers", "Helena Marwick", "c. 1925");
  add_document (fixture, "Notes Without a Date", "Helena Marwick", NULL);
  add_document (fixture, "The Silting of Varnholm", "Helena Marwick", "spring 1917");
  add_document (fixture, "Anonymous Broadsheet", NULL, "1899");
  add_document (fixture, "Harbour Lights", "Helena Marwick", "1956");
  add_document (fixture, "Salt and Granite", "Agnès Ferrand", "1931");
  add_document (fixture, "A Ferry Timetable", "Zeno Whitlock", "1940");
}

static const char *sample_rows =
  "Agnès Ferrand (1)\n"
  "  Salt and Granite\n"
  "Helena Marwick (4)\n"
  "  The Silting of Varnholm\n"
  "  Tidewater Ledgers\n"
  "  Harbour Lights\n"
  "  Notes Without a Date\n"
  "Zeno Whitlock (1)\n"
  "  A Ferry Timetable\n"
  "Unknown Author (1)\n"
  "  Anonymous Broadsheet\n";

static void
test_groups_by_author (Fixture       *fixture,
                       gconstpointer  data)
{
  char *description;

  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==, "");
  g_free (description);

  add_sample_library (fixture);
  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==, sample_rows);
  g_free (description);
}

static void
test_follows_store_changes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *ferry;
  ScholiaDocument *lights;
  char *description;

  add_sample_library (fixture);

  add_document (fixture, "Customs House Accounts", "Agnès Ferrand", "1902");
  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==,
                   "Agnès Ferrand (2)\n"
                   "  Customs House Accounts\n"
                   "  Salt and Granite\n"
                   "Helena Marwick (4)\n"
                   "  The Silting of Varnholm\n"
                   "  Tidewater Ledgers\n"
                   "  Harbour Lights\n"
                   "  Notes Without a Date\n"
                   "Zeno Whitlock (1)\n"
                   "  A Ferry Timetable\n"
                   "Unknown Author (1)\n"
                   "  Anonymous Broadsheet\n");
  g_free (description);

  /* Moving Zeno's only essay to Helena empties and removes his group; a new date re-sorts. */
  ferry = scholia_store_find_document (fixture->store, "A Ferry Timetable", &error);
  g_assert_no_error (error);
  scholia_store_update_document (fixture->store, ferry, NULL, "Helena Marwick", "1920", NULL,
                                 &error);
  g_assert_no_error (error);
  drain_main_context ();

  lights = scholia_store_find_document (fixture->store, "Harbour Lights", &error);
  g_assert_no_error (error);
  scholia_store_update_document (fixture->store, lights, "Harbour Lights Relit", "Ida Quell",
                                 NULL, NULL, &error);
  g_assert_no_error (error);
  drain_main_context ();

  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==,
                   "Agnès Ferrand (2)\n"
                   "  Customs House Accounts\n"
                   "  Salt and Granite\n"
                   "Helena Marwick (4)\n"
                   "  The Silting of Varnholm\n"
                   "  A Ferry Timetable\n"
                   "  Tidewater Ledgers\n"
                   "  Notes Without a Date\n"
                   "Ida Quell (1)\n"
                   "  Harbour Lights Relit\n"
                   "Unknown Author (1)\n"
                   "  Anonymous Broadsheet\n");
  g_free (description);

  g_assert_true (scholia_store_delete_document (fixture->store, lights, &error));
  g_assert_no_error (error);
  drain_main_context ();

  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==,
                   "Agnès Ferrand (2)\n"
                   "  Customs House Accounts\n"
                   "  Salt and Granite\n"
                   "Helena Marwick (4)\n"
                   "  The Silting of Varnholm\n"
                   "  A Ferry Timetable\n"
                   "  Tidewater Ledgers\n"
                   "  Notes Without a Date\n"
                   "Unknown Author (1)\n"
                   "  Anonymous Broadsheet\n");
  g_free (description);
}

static void
test_filter_narrows_as_you_type (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkStack *stack = template_child (fixture, "stack");
  char *description;

  add_sample_library (fixture);

  type_filter (fixture, "LEDG");
  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==, "Helena Marwick (1)\n  Tidewater Ledgers\n");
  g_free (description);

  /* Authors match too, without their accents. */
  type_filter (fixture, "agnes");
  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==, "Agnès Ferrand (1)\n  Salt and Granite\n");
  g_free (description);

  /* Every word must match, in the title or the author. */
  type_filter (fixture, "marwick harb");
  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==, "Helena Marwick (1)\n  Harbour Lights\n");
  g_free (description);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  type_filter (fixture, "cartography");
  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==, "");
  g_free (description);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");

  /* A new essay that matches appears while the filter is on. */
  add_document (fixture, "Cartography of the Shoals", "Zeno Whitlock", "1938");
  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==, "Zeno Whitlock (1)\n  Cartography of the Shoals\n");
  g_free (description);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  type_filter (fixture, "");
  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==,
                   "Agnès Ferrand (1)\n"
                   "  Salt and Granite\n"
                   "Helena Marwick (4)\n"
                   "  The Silting of Varnholm\n"
                   "  Tidewater Ledgers\n"
                   "  Harbour Lights\n"
                   "  Notes Without a Date\n"
                   "Zeno Whitlock (2)\n"
                   "  Cartography of the Shoals\n"
                   "  A Ferry Timetable\n"
                   "Unknown Author (1)\n"
                   "  Anonymous Broadsheet\n");
  g_free (description);
}

static void
on_document_signal_cb (ScholiaLibrarySidebar  *sidebar,
                       ScholiaDocument        *document,
                       ScholiaDocument       **out)
{
  g_assert_null (*out);
  *out = document;
}

static void
test_activation_opens_document (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *activated = NULL;
  ScholiaDocument *tidewater;
  ScholiaDocument *salt;

  add_sample_library (fixture);
  tidewater = scholia_store_find_document (fixture->store, "Tidewater Ledgers", &error);
  g_assert_no_error (error);
  salt = scholia_store_find_document (fixture->store, "Salt and Granite", &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->sidebar, "document-activated", G_CALLBACK (on_document_signal_cb),
                    &activated);

  /* Enter (or a double click) on a row. */
  gtk_widget_activate_action (template_child (fixture, "list_view"), "list.activate-item", "u",
                              row_position (fixture, tidewater));
  g_assert_true (activated == tidewater);
  g_assert_true (scholia_library_sidebar_get_selected_document (fixture->sidebar) == tidewater);
  g_assert_true (selected_row_document (fixture) == tidewater);

  /* A click or an arrow key selects the row, which opens it too. */
  activated = NULL;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows (fixture)),
                                   row_position (fixture, salt), TRUE);
  g_assert_true (activated == salt);
  g_assert_true (scholia_library_sidebar_get_selected_document (fixture->sidebar) == salt);

  /* The window selecting what it opened is not the user asking to open it. */
  activated = NULL;
  scholia_library_sidebar_select_document (fixture->sidebar, tidewater);
  g_assert_null (activated);
  g_assert_true (selected_row_document (fixture) == tidewater);

  /* Enter in the filter opens the first essay it lists. */
  type_filter (fixture, "salt");
  g_signal_emit_by_name (template_child (fixture, "search_entry"), "activate");
  g_assert_true (activated == salt);
}

static void
on_library_action_cb (GSimpleAction    *action,
                      GVariant         *parameter,
                      ScholiaDocument **out)
{
  ScholiaStore *store = g_object_get_data (G_OBJECT (action), "store");

  g_assert_null (*out);
  *out = scholia_store_lookup_document (store, g_variant_get_int64 (parameter));
  g_assert_nonnull (*out);
}

/* The window's "library." action @name, as the sidebar activates it: records the essay asked for. */
static void
watch_library_action (Fixture          *fixture,
                      const char       *name,
                      ScholiaDocument **out)
{
  GActionMap *group = g_object_get_data (G_OBJECT (fixture->window), "library");
  g_autoptr(GSimpleAction) action = g_simple_action_new (name, G_VARIANT_TYPE_INT64);

  if (group == NULL)
    {
      group = G_ACTION_MAP (g_simple_action_group_new ());
      g_object_set_data_full (G_OBJECT (fixture->window), "library", group, g_object_unref);
      gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "library", G_ACTION_GROUP (group));
    }

  g_object_set_data (G_OBJECT (action), "store", fixture->store);
  g_signal_connect (action, "activate", G_CALLBACK (on_library_action_cb), out);
  g_action_map_add_action (group, G_ACTION (action));
}

static void
test_actions_act_on_selection (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *sidebar = GTK_WIDGET (fixture->sidebar);
  ScholiaDocument *deleted = NULL;
  ScholiaDocument *edited = NULL;
  ScholiaDocument *lights;

  add_sample_library (fixture);
  lights = scholia_store_find_document (fixture->store, "Harbour Lights", &error);
  g_assert_no_error (error);
  watch_library_action (fixture, "delete-document", &deleted);
  watch_library_action (fixture, "edit-document", &edited);

  /* Nothing selected: nothing to delete. */
  gtk_widget_activate_action (sidebar, "sidebar.delete", NULL);
  gtk_widget_activate_action (sidebar, "sidebar.properties", NULL);
  g_assert_null (deleted);
  g_assert_null (edited);

  scholia_library_sidebar_select_document (fixture->sidebar, lights);
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.properties", NULL));
  g_assert_true (edited == lights);
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.delete", NULL));
  g_assert_true (deleted == lights);

  /* The sidebar only asks; once the window has deleted it, it is gone from the sidebar too. */
  g_assert_true (scholia_store_delete_document (fixture->store, lights, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_null (scholia_library_sidebar_get_selected_document (fixture->sidebar));
  deleted = NULL;
  gtk_widget_activate_action (sidebar, "sidebar.delete", NULL);
  g_assert_null (deleted);
}

static void
test_selection_survives_filter (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *lights;

  add_sample_library (fixture);
  lights = scholia_store_find_document (fixture->store, "Harbour Lights", &error);
  g_assert_no_error (error);
  scholia_library_sidebar_select_document (fixture->sidebar, lights);

  type_filter (fixture, "salt");
  g_assert_null (selected_row_document (fixture));
  g_assert_true (scholia_library_sidebar_get_selected_document (fixture->sidebar) == lights);

  type_filter (fixture, "");
  g_assert_true (selected_row_document (fixture) == lights);
}

static const char tolls_text[] =
  "The ferry tolls doubled in the winter of 1902.\n\n"
  "Żeleński wrote that the carts & the <barrows> paid twice, a claim nobody checked.\n";

static ScholiaDocument *
add_tolls_essay (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  ScholiaDocument *document;

  document = scholia_store_add_document (fixture->store, "Ferry Tolls", "Agnès Ferrand", "1931",
                                         NULL, tolls_text, NULL, &error);
  g_assert_no_error (error);
  annotation = scholia_store_add_annotation (fixture->store, document, 4, 15, NULL, 0, NULL, 0,
                                             "Compare the quayside inventory.", &error);
  g_assert_no_error (error);
  drain_main_context ();

  return document;
}

static ScholiaSearchResults *
search_results (Fixture *fixture)
{
  return template_child (fixture, "search_results");
}

static GListModel *
hits (Fixture *fixture)
{
  return scholia_search_results_get_results (search_results (fixture));
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

typedef struct
{
  ScholiaDocument *document;
  int              offset;
  int              length;
} Activation;

static void
on_search_result_activated_cb (ScholiaLibrarySidebar *sidebar,
                               ScholiaDocument       *document,
                               int                    offset,
                               int                    length,
                               Activation            *out)
{
  g_assert_null (out->document);
  out->document = document;
  out->offset = offset;
  out->length = length;
}

static void
test_text_search_after_pause (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *results = GTK_WIDGET (search_results (fixture));
  ScholiaDocument *tolls;
  Activation activation = { NULL, -2, -2 };
  gboolean timed_out = FALSE;
  guint timeout;
  char *description;

  add_sample_library (fixture);
  tolls = add_tolls_essay (fixture);
  g_signal_connect (fixture->sidebar, "search-result-activated",
                    G_CALLBACK (on_search_result_activated_cb), &activation);

  /* Two letters filter the titles but search no text. */
  type_filter (fixture, "fe");
  g_assert_false (gtk_widget_get_visible (results));

  /* After a pause, the texts are searched too, accents or not. */
  type_filter (fixture, "zelenski");
  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==, "");
  g_free (description);
  timeout = g_timeout_add_seconds (5, on_timeout_cb, &timed_out);
  while (!gtk_widget_get_visible (results) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  g_assert_cmpuint (g_list_model_get_n_items (hits (fixture)), ==, 1);

  /* Choosing the match asks the window to open the essay there. */
  gtk_widget_activate_action (GTK_WIDGET (gtk_widget_get_template_child (results,
                                                                         SCHOLIA_TYPE_SEARCH_RESULTS,
                                                                         "list_view")),
                              "list.activate-item", "u", 0);
  g_assert_true (activation.document == tolls);
  g_assert_cmpint (activation.offset, ==,
                   g_utf8_pointer_to_offset (tolls_text, strstr (tolls_text, "Żeleński")));
  g_assert_cmpint (activation.length, ==, 8);

  /* Emptying the filter takes the text matches away. */
  type_filter (fixture, "");
  g_assert_false (gtk_widget_get_visible (results));
}

static void
test_text_search_on_enter (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *results = GTK_WIDGET (search_results (fixture));
  GtkWidget *entry = template_child (fixture, "search_entry");
  GtkEventController *down_handler = NULL;
  g_autoptr(GListModel) controllers = NULL;
  gboolean handled = FALSE;
  GtkWidget *focus;
  char *description;

  add_sample_library (fixture);
  add_tolls_essay (fixture);

  /* Enter searches at once: a note, and the title filter still narrows the essays. */
  type_filter (fixture, "quayside");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_get_visible (results));
  g_assert_cmpuint (g_list_model_get_n_items (hits (fixture)), ==, 1);

  type_filter (fixture, "tolls");
  g_signal_emit_by_name (entry, "activate");
  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==, "Agnès Ferrand (1)\n  Ferry Tolls\n");
  g_free (description);
  g_assert_cmpuint (g_list_model_get_n_items (hits (fixture)), ==, 1);

  type_filter (fixture, "cartography");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (g_list_model_get_n_items (hits (fixture)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (gtk_widget_get_template_child (results, SCHOLIA_TYPE_SEARCH_RESULTS,
                                                               "stack"))),
                   ==, "empty");

  /* Down in the entry moves into the matches. */
  type_filter (fixture, "barrows");
  g_signal_emit_by_name (entry, "activate");
  gtk_widget_grab_focus (entry);
  controllers = gtk_widget_observe_controllers (entry);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        down_handler = controller;
    }
  g_assert_nonnull (down_handler);
  g_signal_emit_by_name (down_handler, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_true (handled);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, results));
}

static void
test_forgets_store (Fixture       *fixture,
                    gconstpointer  data)
{
  char *description;

  add_sample_library (fixture);
  scholia_library_sidebar_set_store (fixture->sidebar, NULL);
  drain_main_context ();

  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==, "");
  g_free (description);

  scholia_library_sidebar_set_store (fixture->sidebar, fixture->store);
  drain_main_context ();
  description = describe_rows (fixture);
  g_assert_cmpstr (description, ==, sample_rows);
  g_free (description);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/library-sidebar/rows/grouped-by-author-sorted-by-date", test_groups_by_author);
  ADD ("/library-sidebar/rows/follow-adds-renames-and-deletes", test_follows_store_changes);
  ADD ("/library-sidebar/filter/narrows-rows-and-counts-as-you-type",
       test_filter_narrows_as_you_type);
  ADD ("/library-sidebar/activate/emits-document-activated", test_activation_opens_document);
  ADD ("/library-sidebar/actions/act-on-selected-document", test_actions_act_on_selection);
  ADD ("/library-sidebar/selection/survives-filter", test_selection_survives_filter);
  ADD ("/library-sidebar/store/cleared-and-set-again", test_forgets_store);
  ADD ("/library-sidebar/search/texts-and-notes-after-a-pause", test_text_search_after_pause);
  ADD ("/library-sidebar/search/at-once-on-enter-and-down-moves-into-matches",
       test_text_search_on_enter);

#undef ADD

  return g_test_run ();
}
