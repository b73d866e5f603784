/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-side-by-side.h"
#include "scholia-tag-manager.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-keys.h"
#include "test-ui.h"

#define HARBOUR_TEXT \
  "The harbour ledgers show a town older than its charter. " \
  "The railway came late and stopped short of the quays."

#define MILLS_TEXT \
  "Nothing in the mill accounts suggests a crisis before 1850. " \
  "The railway, when it came, carried the mills’ timber away."

typedef struct
{
  char *dir;
  char *path;
} Fixture;

/* A window on a library of two essays by two authors, each with a passage on the theme
 * "Railway" and the harbour essay with one on "Charter" too. */
typedef struct
{
  ScholiaWindow     *window;
  ScholiaDocument   *harbour;
  ScholiaDocument   *mills;
  ScholiaTheme      *railway;
  ScholiaTheme      *charter;
  ScholiaAnnotation *harbour_railway;
  ScholiaAnnotation *mills_railway;
} Library;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-window-compare-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static ScholiaAnnotation *
annotate (ScholiaStore    *store,
          ScholiaDocument *document,
          const char      *text,
          const char      *passage,
          ScholiaTheme    *theme)
{
  g_autoptr(GError) error = NULL;
  ScholiaTag *tag = g_list_model_get_item (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG), 0);
  const char *found = strstr (text, passage);
  gint64 tag_id = scholia_label_get_id (SCHOLIA_LABEL (tag));
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (theme));
  ScholiaAnnotation *annotation;
  int start;

  g_object_unref (tag);
  g_assert_nonnull (found);
  start = (int) g_utf8_pointer_to_offset (text, found);
  annotation = scholia_store_add_annotation (store, document, start,
                                             start + (int) g_utf8_strlen (passage, -1),
                                             &tag_id, 1, &theme_id, 1, NULL, &error);
  g_assert_no_error (error);
  return annotation;
}

static void
library_open (Fixture *fixture,
              Library *library)
{
  g_autoptr(GError) error = NULL;
  ScholiaStore *store;

  /* The extra reference lets library_close() check the window really goes away. */
  library->window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_assert_true (scholia_window_open_library (library->window, fixture->path));
  /* Wide enough that the pane sits beside the reader rather than folding over it, and within
   * the test's screen (1280×800), where the popovers of the pane must find a monitor. */
  gtk_window_set_default_size (GTK_WINDOW (library->window), 1260, 780);
  store = scholia_window_get_store (library->window);

  library->harbour = scholia_store_add_document (store, "Harbour Ledgers", "Ines Varga", "1961",
                                                 NULL, HARBOUR_TEXT, NULL, &error);
  g_assert_no_error (error);
  library->mills = scholia_store_add_document (store, "Mill Accounts", "Piet Osterhout", "1974",
                                               NULL, MILLS_TEXT, NULL, &error);
  g_assert_no_error (error);
  library->railway = SCHOLIA_THEME (scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Railway", NULL, NULL, &error));
  g_assert_no_error (error);
  library->charter = SCHOLIA_THEME (scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Charter", NULL, NULL, &error));
  g_assert_no_error (error);

  library->harbour_railway = annotate (store, library->harbour, HARBOUR_TEXT,
                                       "The railway came late", library->railway);
  library->mills_railway = annotate (store, library->mills, MILLS_TEXT,
                                     "carried the mills’ timber away", library->railway);
  g_object_unref (annotate (store, library->harbour, HARBOUR_TEXT, "older than its charter",
                            library->charter));

  gtk_window_present (GTK_WINDOW (library->window));
  g_assert_true (scholia_window_show_document (library->window, library->harbour));
  wait_for_layout (library->window);
}

static void
library_close (Library *library)
{
  g_clear_object (&library->harbour_railway);
  g_clear_object (&library->mills_railway);
  gtk_window_destroy (GTK_WINDOW (library->window));
  g_assert_finalize_object (library->window);
}

static void
activate (ScholiaWindow *window,
          const char    *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  drain_main_context ();
}

static const char *
pane_page (ScholiaWindow *window)
{
  return scholia_document_page_get_pane (window_page (window));
}

/* The listed passage of @annotation. */
static ScholiaPassage *
find_passage (GListModel        *passages,
              ScholiaAnnotation *annotation)
{
  guint n = g_list_model_get_n_items (passages);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);

      if (scholia_passage_get_annotation_id (passage) == scholia_annotation_get_id (annotation))
        return passage;
    }

  g_assert_not_reached ();
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
shows_toast (ScholiaWindow *window,
             const char    *title)
{
  return shows_label (GTK_WIDGET (window_child (window, "toast_overlay")), title);
}

static GtkPopover *
theme_picker (ScholiaWindow *window)
{
  GObject *button = gtk_widget_get_template_child (GTK_WIDGET (window_inspector (window)),
                                                   SCHOLIA_TYPE_ANNOTATION_INSPECTOR,
                                                   "add_theme_button");

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  return gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
}

static void
test_compare_page_lists_theme_passages (Fixture       *fixture,
                                        gconstpointer  data)
{
  Library library = { 0 };
  GListModel *passages;

  library_open (fixture, &library);
  scholia_document_page_set_pane_revealed (window_page (library.window), FALSE);

  activate (library.window, "library.show-compare");
  g_assert_true (scholia_document_page_get_pane_revealed (window_page (library.window)));
  g_assert_cmpstr (pane_page (library.window), ==, "compare");

  scholia_comparison_view_set_theme (window_comparison (library.window), library.railway);
  drain_main_context ();
  passages = scholia_comparison_view_get_passages (window_comparison (library.window));
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 2);

  scholia_comparison_view_set_theme (window_comparison (library.window), library.charter);
  drain_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 1);

  activate (library.window, "library.show-matrix");
  g_assert_cmpstr (pane_page (library.window), ==, "matrix");

  library_close (&library);
}

/* The comparison and the matrix read the whole library: opening a library gives them none of
 * it, showing each gives it to that one, and what it lists is what it lists when bound at once. */
static void
test_panes_read_library_when_shown (Fixture       *fixture,
                                    gconstpointer  data)
{
  Library library = { 0 };
  ScholiaDocumentPage *page;
  ScholiaStore *store;
  GObject *comparison;
  GObject *matrix;

  library_open (fixture, &library);
  page = window_page (library.window);
  store = scholia_window_get_store (library.window);
  comparison = gtk_widget_get_template_child (GTK_WIDGET (page), SCHOLIA_TYPE_DOCUMENT_PAGE, "comparison_view");
  matrix = gtk_widget_get_template_child (GTK_WIDGET (page), SCHOLIA_TYPE_DOCUMENT_PAGE, "matrix_view");
  g_assert_null (scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (comparison)));
  g_assert_null (scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (matrix)));

  activate (library.window, "library.show-compare");
  g_assert_true (scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (comparison)) == store);
  g_assert_null (scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (matrix)));
  scholia_comparison_view_set_theme (SCHOLIA_COMPARISON_VIEW (comparison), library.railway);
  drain_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_view_get_passages (SCHOLIA_COMPARISON_VIEW (comparison))),
                    ==, 2);

  activate (library.window, "library.show-matrix");
  g_assert_true (scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (matrix)) == store);

  library_close (&library);
}

static void
test_passage_opens_document_with_passage_selected (Fixture       *fixture,
                                                   gconstpointer  data)
{
  Library library = { 0 };
  ScholiaPassage *passage;
  ScholiaAnnotation *inspected;
  int start, end;

  library_open (fixture, &library);
  activate (library.window, "library.show-compare");
  scholia_comparison_view_set_theme (window_comparison (library.window), library.railway);
  drain_main_context ();

  /* The harbour essay is open; the mills passage is in the other one. */
  passage = find_passage (scholia_comparison_view_get_passages (window_comparison (library.window)),
                          library.mills_railway);
  g_signal_emit_by_name (window_comparison (library.window), "passage-activated", passage);
  drain_main_context ();

  g_assert_true (scholia_window_get_document (library.window) == library.mills);
  g_assert_true (scholia_reading_view_get_selection (window_reader (library.window), &start, &end));
  g_assert_cmpint (start, ==, scholia_passage_get_start (passage));
  g_assert_cmpint (end, ==, scholia_passage_get_end (passage));
  g_assert_cmpint (start, ==, scholia_annotation_get_start (library.mills_railway));

  /* The user goes on through the comparison: the page stays, the inspector follows. */
  g_assert_cmpstr (pane_page (library.window), ==, "compare");
  inspected = scholia_annotation_inspector_get_annotation (window_inspector (library.window));
  g_assert_nonnull (inspected);
  g_assert_cmpint (scholia_annotation_get_id (inspected), ==,
                   scholia_annotation_get_id (library.mills_railway));

  library_close (&library);
}

static void
test_matrix_cell_opens_comparison_on_author_and_theme (Fixture       *fixture,
                                                       gconstpointer  data)
{
  Library library = { 0 };
  g_autoptr(ScholiaPassage) passage = NULL;
  GListModel *passages;

  library_open (fixture, &library);
  activate (library.window, "library.show-matrix");
  scholia_comparison_view_set_theme (window_comparison (library.window), library.charter);
  drain_main_context ();

  g_signal_emit_by_name (scholia_document_page_get_matrix_view (window_page (library.window)), "cell-activated", "Piet Osterhout",
                         library.railway);
  drain_main_context ();

  g_assert_cmpstr (pane_page (library.window), ==, "compare");
  g_assert_true (scholia_comparison_view_get_theme (window_comparison (library.window)) == library.railway);
  g_assert_cmpstr (scholia_comparison_view_get_author (window_comparison (library.window)), ==,
                   "Piet Osterhout");
  passages = scholia_comparison_view_get_passages (window_comparison (library.window));
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 1);
  passage = g_list_model_get_item (passages, 0);
  g_assert_cmpstr (scholia_passage_get_author (passage), ==, "Piet Osterhout");

  library_close (&library);
}

static void
test_side_by_side_opens_passages_in_main_window (Fixture       *fixture,
                                                 gconstpointer  data)
{
  Library library = { 0 };
  g_autoptr(ScholiaPassage) passage = NULL;
  ScholiaSideBySide *side_by_side;
  GtkWindow *side_window;
  GListModel *column;
  int start, end;

  library_open (fixture, &library);
  scholia_comparison_view_set_theme (window_comparison (library.window), library.railway);
  activate (library.window, "library.side-by-side");

  side_window = find_transient (GTK_WINDOW (library.window), SCHOLIA_TYPE_SIDE_BY_SIDE);
  g_assert_nonnull (side_window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (side_window)));
  g_assert_cmpstr (gtk_window_get_title (side_window), ==, "Side by Side");
  g_assert_true (gtk_window_get_transient_for (side_window) == GTK_WINDOW (library.window));
  side_by_side = SCHOLIA_SIDE_BY_SIDE (find_descendant (GTK_WIDGET (side_window), SCHOLIA_TYPE_SIDE_BY_SIDE));
  g_assert_true (scholia_side_by_side_get_theme (side_by_side) == library.railway);
  g_assert_cmpuint (scholia_side_by_side_get_n_columns (side_by_side), ==, 2);

  /* Asking again brings the same window forward. */
  activate (library.window, "library.side-by-side");
  g_assert_true (find_transient (GTK_WINDOW (library.window), SCHOLIA_TYPE_SIDE_BY_SIDE) == side_window);

  /* The mills passage, in whichever column is Osterhout's. */
  for (guint i = 0; i < 2 && passage == NULL; i++)
    {
      g_autoptr(ScholiaPassage) first = NULL;

      column = scholia_side_by_side_get_column_passages (side_by_side, i);
      first = g_list_model_get_item (column, 0);
      if (g_strcmp0 (scholia_passage_get_author (first), "Piet Osterhout") == 0)
        passage = g_steal_pointer (&first);
    }
  g_assert_nonnull (passage);
  g_signal_emit_by_name (side_by_side, "passage-activated", passage);
  drain_main_context ();

  g_assert_true (scholia_window_get_document (library.window) == library.mills);
  g_assert_true (scholia_reading_view_get_selection (window_reader (library.window), &start, &end));
  g_assert_cmpint (start, ==, scholia_passage_get_start (passage));
  g_assert_cmpint (end, ==, scholia_passage_get_end (passage));

  library_close (&library);
}

/* Pops the picker down and waits until it is gone: popping up again while it is still closing
 * is ignored by GTK. */
static void
close_picker (ScholiaWindow *window)
{
  gtk_popover_popdown (theme_picker (window));
  while (gtk_widget_get_visible (GTK_WIDGET (theme_picker (window))))
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
}

static gboolean
picker_visible (gpointer data)
{
  ScholiaWindow *window = data;

  return theme_picker (window) != NULL && gtk_widget_get_visible (GTK_WIDGET (theme_picker (window)));
}

/* Whether the theme picker pops up, once the pane it pops up from has slid in. */
static gboolean
picker_pops_up (ScholiaWindow *window)
{
  return test_keys_wait (picker_visible, window);
}

static void
test_pick_theme_pops_up_picker_for_annotation (Fixture       *fixture,
                                               gconstpointer  data)
{
  Library library = { 0 };

  library_open (fixture, &library);
  activate (library.window, "library.show-compare");

  scholia_reading_view_select_range (window_reader (library.window),
                                     scholia_annotation_get_start (library.harbour_railway),
                                     scholia_annotation_get_end (library.harbour_railway));
  activate (library.window, "annotation.add-theme");

  g_assert_cmpstr (pane_page (library.window), ==, "annotation");
  g_assert_cmpint (scholia_annotation_get_id (scholia_annotation_inspector_get_annotation (window_inspector (library.window))),
                   ==, scholia_annotation_get_id (library.harbour_railway));
  g_assert_true (picker_pops_up (library.window));
  close_picker (library.window);

  /* From the context menu too. */
  activate (library.window, "annotation.add-selection-to-theme");
  g_assert_true (picker_pops_up (library.window));
  close_picker (library.window);

  /* With the caret in a highlight, that highlight is meant. */
  scholia_annotation_inspector_set_annotation (window_inspector (library.window), NULL);
  scholia_reading_view_select_range (window_reader (library.window),
                                     scholia_annotation_get_start (library.harbour_railway) + 3,
                                     scholia_annotation_get_start (library.harbour_railway) + 3);
  activate (library.window, "annotation.add-theme");
  g_assert_cmpint (scholia_annotation_get_id (scholia_annotation_inspector_get_annotation (window_inspector (library.window))),
                   ==, scholia_annotation_get_id (library.harbour_railway));
  g_assert_true (picker_pops_up (library.window));
  gtk_popover_popdown (theme_picker (library.window));

  library_close (&library);
}

static void
test_pick_theme_on_untagged_text_explains (Fixture       *fixture,
                                           gconstpointer  data)
{
  Library library = { 0 };

  library_open (fixture, &library);

  /* "The harbour ledgers": no annotation there. */
  scholia_reading_view_select_range (window_reader (library.window), 0, 19);
  drain_main_context ();

  /* The context menu item does not apply to such a selection: it does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (library.window), "annotation.add-selection-to-theme", NULL);
  drain_main_context ();
  g_assert_false (shows_toast (library.window, "Tag the passage first, then add it to themes"));

  /* The shortcut explains. */
  activate (library.window, "annotation.add-theme");
  g_assert_true (shows_toast (library.window, "Tag the passage first, then add it to themes"));
  g_assert_null (scholia_annotation_inspector_get_annotation (window_inspector (library.window)));

  library_close (&library);
}

static void
test_manage_themes_presents_theme_manager (Fixture       *fixture,
                                           gconstpointer  data)
{
  Library library = { 0 };
  GListModel *toplevels = gtk_window_get_toplevels ();
  ScholiaTagManager *manager = NULL;

  library_open (fixture, &library);
  activate (library.window, "library.manage-themes");

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (SCHOLIA_IS_TAG_MANAGER (toplevel))
        manager = SCHOLIA_TAG_MANAGER (toplevel);
    }

  g_assert_nonnull (manager);
  g_assert_cmpint (scholia_tag_manager_get_label_type (manager), ==, SCHOLIA_TYPE_THEME);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (manager)) == GTK_WINDOW (library.window));
  gtk_window_destroy (GTK_WINDOW (manager));

  library_close (&library);
}

static void
test_pane_is_there_without_an_open_essay (Fixture       *fixture,
                                          gconstpointer  data)
{
  Library library = { 0 };
  GtkWidget *button;

  library_open (fixture, &library);
  g_assert_true (scholia_window_show_document (library.window, NULL));
  drain_main_context ();

  /* Comparing starts from the library, not from an essay. */
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (library.window),
                                                      SCHOLIA_TYPE_WINDOW, "inspector_button"));
  g_assert_true (gtk_widget_get_visible (button));
  activate (library.window, "library.show-compare");
  g_assert_true (scholia_document_page_get_pane_revealed (window_page (library.window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window_comparison (library.window))));

  activate (library.window, "doc.toggle-pane");
  g_assert_false (scholia_document_page_get_pane_revealed (window_page (library.window)));

  library_close (&library);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);
  /* The pane then opens at once, without waiting for frames. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/window/compare/page-lists-theme-passages", test_compare_page_lists_theme_passages);
  ADD ("/window/compare/panes-read-library-when-shown", test_panes_read_library_when_shown);
  ADD ("/window/compare/passage-opens-document-with-passage-selected",
       test_passage_opens_document_with_passage_selected);
  ADD ("/window/compare/matrix-cell-opens-comparison-on-author-and-theme",
       test_matrix_cell_opens_comparison_on_author_and_theme);
  ADD ("/window/compare/side-by-side-opens-passages-in-main-window",
       test_side_by_side_opens_passages_in_main_window);
  ADD ("/window/compare/pane-is-there-without-an-open-essay",
       test_pane_is_there_without_an_open_essay);
  ADD ("/window/themes/pick-theme-pops-up-picker-for-annotation",
       test_pick_theme_pops_up_picker_for_annotation);
  ADD ("/window/themes/pick-theme-on-untagged-text-explains",
       test_pick_theme_on_untagged_text_explains);
  ADD ("/window/themes/manage-themes-presents-theme-manager",
       test_manage_themes_presents_theme_manager);

#undef ADD

  return g_test_run ();
}
