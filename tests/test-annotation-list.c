/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Issue 12: the annotation list in the pane and its bulk actions, on the annotated samples. */

#include "config.h"

#include "scholia-annotation-list-row.h"
#include "scholia-store.h"
#include "scholia-theme.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-keys.h"
#include "test-ui.h"

typedef TestLibraryFixture Fixture;

/* A window on a library holding the samples, the first essay open and the list in the pane. */
static ScholiaWindow *
window_with_samples (Fixture *fixture)
{
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));

  g_assert_true (scholia_window_open_library (window, fixture->library));
  gtk_window_set_default_size (GTK_WINDOW (window), 1260, 780);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "library.import-samples", NULL));
  drain_main_context ();
  g_assert_nonnull (scholia_document_page_get_document (window_page (window)));
  scholia_document_page_show_pane (window_page (window), "list");
  wait_for_pane (window);
  return window;
}

static void
window_destroy (ScholiaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static ScholiaAnnotationList *
window_list (ScholiaWindow *window)
{
  return scholia_document_page_get_annotation_list (window_page (window));
}

/* The list's own view (the filter bar's drop-downs hold list views too). */
static GtkWidget *
list_view (ScholiaWindow *window)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window_list (window)),
                                                    SCHOLIA_TYPE_ANNOTATION_LIST, "list_view"));
}

static GListModel *
rows (ScholiaWindow *window)
{
  return G_LIST_MODEL (scholia_annotation_list_get_selection (window_list (window)));
}

static ScholiaAnnotation *
row (ScholiaWindow *window,
     guint          position)
{
  ScholiaAnnotation *annotation = g_list_model_get_item (rows (window), position);

  g_assert_nonnull (annotation);
  g_object_unref (annotation);  /* the list holds it */
  return annotation;
}

/* How many annotations of @document carry the tag @tag_id (0: how many in all), in the file. */
static gint64
count_in_file (Fixture         *fixture,
               ScholiaDocument *document,
               gint64           tag_id)
{
  g_autofree char *sql = NULL;

  if (tag_id == 0)
    sql = g_strdup_printf ("SELECT count(*) FROM annotations WHERE document_id = %" G_GINT64_FORMAT,
                           scholia_document_get_id (document));
  else
    sql = g_strdup_printf ("SELECT count(*) FROM annotation_tags l JOIN annotations a ON a.id = l.annotation_id"
                           " WHERE a.document_id = %" G_GINT64_FORMAT " AND l.tag_id = %" G_GINT64_FORMAT,
                           scholia_document_get_id (document), tag_id);
  return test_sql_int (fixture->library, sql);
}

/* Every tag link of the library, as "annotation:tag" in order: to compare before and after. */
static char *
tag_links (const char *library)
{
  return test_sql_text (library,
                        "SELECT group_concat(annotation_id || ':' || tag_id || '@' || position, ' ') FROM"
                        " (SELECT * FROM annotation_tags ORDER BY annotation_id, position)");
}

static void
test_lists_essay_in_text_order_and_filters (Fixture       *fixture,
                                            gconstpointer  data)
{
  ScholiaWindow *window = window_with_samples (fixture);
  ScholiaDocument *document = scholia_document_page_get_document (window_page (window));
  ScholiaAnnotationList *list = window_list (window);
  ScholiaAnnotationFilter *filter = scholia_annotation_list_get_filter (list);
  guint n = g_list_model_get_n_items (rows (window));
  const gint64 *tag_ids;
  guint n_tags;
  gint64 tag_id;
  gint64 tagged;

  /* Every annotation of the essay, in text order, drawn as rows. */
  g_assert_cmpint (n, >, 3);
  g_assert_cmpint (n, ==, count_in_file (fixture, document, 0));
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (scholia_annotation_get_start (row (window, i - 1)), <=,
                     scholia_annotation_get_start (row (window, i)));
  g_assert_nonnull (find_descendant (GTK_WIDGET (list), SCHOLIA_TYPE_ANNOTATION_LIST_ROW));

  /* A tag narrows it to the annotations carrying it. */
  tag_ids = scholia_annotation_get_tag_ids (row (window, 0), &n_tags);
  g_assert_cmpuint (n_tags, >, 0);
  tag_id = tag_ids[0];
  tagged = count_in_file (fixture, document, tag_id);
  g_assert_cmpint (tagged, <, n);
  scholia_annotation_filter_set_tag_ids (filter, &tag_id, 1);
  drain_main_context ();
  g_assert_cmpint (g_list_model_get_n_items (rows (window)), ==, tagged);
  for (guint i = 0; i < tagged; i++)
    g_assert_true (scholia_annotation_has_tag (row (window, i), tag_id));

  /* Text in the quote narrows it further; clearing both shows them all again. */
  scholia_annotation_list_set_search_text (list, scholia_annotation_get_quote (row (window, 0)));
  g_assert_cmpint (g_list_model_get_n_items (rows (window)), >=, 1);
  g_assert_cmpint (g_list_model_get_n_items (rows (window)), <=, tagged);
  scholia_annotation_list_set_search_text (list, "no sample says this");
  g_assert_cmpint (g_list_model_get_n_items (rows (window)), ==, 0);
  scholia_annotation_list_set_search_text (list, NULL);
  scholia_annotation_filter_set_tag_ids (filter, NULL, 0);
  g_assert_cmpint (g_list_model_get_n_items (rows (window)), ==, n);

  window_destroy (window);
}

/* A tag that none of the first three rows carries. */
static ScholiaLabel *
tag_missing_from_first_three (ScholiaWindow *window)
{
  GListModel *tags = scholia_store_get_labels (scholia_window_get_store (window), SCHOLIA_TYPE_TAG);

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(ScholiaLabel) tag = g_list_model_get_item (tags, i);
      gboolean carried = FALSE;

      for (guint j = 0; j < 3; j++)
        carried |= scholia_annotation_has_label (row (window, j), tag);
      if (!carried)
        return tag;
    }
  g_assert_not_reached ();
}

static gboolean
tag_links_are (gpointer data)
{
  const char **wanted = data;
  g_autofree char *now = tag_links (wanted[0]);

  return g_strcmp0 (now, wanted[1]) == 0;
}

static void
test_bulk_tag_is_one_undo_step (Fixture       *fixture,
                                gconstpointer  data)
{
  ScholiaWindow *window = window_with_samples (fixture);
  ScholiaDocument *document = scholia_document_page_get_document (window_page (window));
  ScholiaAnnotationList *list = window_list (window);
  GtkSelectionModel *selection = scholia_annotation_list_get_selection (list);
  g_autofree char *before = tag_links (fixture->library);
  const char *wanted[2] = { fixture->library, before };
  ScholiaLabel *tag;
  gint64 tag_id;
  gint64 tagged;

  if (!test_keys_available ())
    {
      window_destroy (window);
      return;
    }

  tag = tag_missing_from_first_three (window);
  tag_id = scholia_label_get_id (tag);
  tagged = count_in_file (fixture, document, tag_id);

  /* Three rows selected, the Tag menu's item for the tag: all three carry it, in the file. */
  gtk_selection_model_select_range (selection, 0, 3, TRUE);
  drain_main_context ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "annotations.add-tag", "x", tag_id));
  drain_main_context ();
  g_assert_cmpint (count_in_file (fixture, document, tag_id), ==, tagged + 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (scholia_annotation_has_label (row (window, i), tag));
  /* The rows stay selected for the next bulk action. */
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_true (gtk_selection_model_is_selected (selection, 2));

  /* One Ctrl+Z, from the list, takes all three back. */
  test_keys_focus (GTK_WINDOW (window));
  gtk_widget_grab_focus (list_view (window));
  test_keys_press ("ctrl+z");
  g_assert_true (test_keys_wait (tag_links_are, wanted));
  g_assert_cmpint (count_in_file (fixture, document, tag_id), ==, tagged);
  g_assert_false (scholia_annotation_has_label (row (window, 0), tag));

  window_destroy (window);
}

static gboolean
focus_in_text (gpointer data)
{
  ScholiaWindow *window = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *view = GTK_WIDGET (scholia_reading_view_get_source_view (window_reader (window)));

  return focus == view;
}

static gboolean
focus_in_rows (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && gtk_widget_is_ancestor (focus, list_view (data));
}

static gboolean
focus_on_scope (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return GTK_IS_TOGGLE_BUTTON (focus) && gtk_widget_is_ancestor (focus, GTK_WIDGET (window_list (data)));
}

/* The list item widget showing @position, to put the focus on. */
static GtkWidget *
row_widget (ScholiaWindow *window,
            guint          position)
{
  ScholiaAnnotation *wanted = row (window, position);

  for (GtkWidget *child = gtk_widget_get_first_child (list_view (window)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row_child = find_descendant (child, SCHOLIA_TYPE_ANNOTATION_LIST_ROW);
      g_autofree char *quote = NULL;

      if (row_child == NULL)
        continue;
      quote = g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (gtk_widget_get_first_child (row_child))));
      if (g_strcmp0 (quote, scholia_annotation_get_quote (wanted)) == 0)
        return child;
    }
  g_assert_not_reached ();
}

static void
test_enter_shows_passage (Fixture       *fixture,
                          gconstpointer  data)
{
  ScholiaWindow *window = window_with_samples (fixture);
  ScholiaAnnotation *annotation;
  int start, end;

  if (!test_keys_available ())
    {
      window_destroy (window);
      return;
    }

  annotation = row (window, 2);
  test_keys_focus (GTK_WINDOW (window));
  g_assert_true (gtk_widget_grab_focus (row_widget (window, 2)));
  drain_main_context ();
  test_keys_press ("Return");
  g_assert_true (test_keys_wait (focus_in_text, window));

  g_assert_true (scholia_reading_view_get_selection (window_reader (window), &start, &end));
  g_assert_cmpint (start, ==, scholia_annotation_get_start (annotation));
  g_assert_cmpint (end, ==, scholia_annotation_get_end (annotation));
  g_assert_true (scholia_reading_get_current (scholia_document_page_get_reading (window_page (window))) ==
                 annotation);

  window_destroy (window);
}

static void
test_whole_library_opens_other_essay (Fixture       *fixture,
                                      gconstpointer  data)
{
  ScholiaWindow *window = window_with_samples (fixture);
  ScholiaDocument *first = scholia_document_page_get_document (window_page (window));
  ScholiaAnnotationList *list = window_list (window);
  ScholiaAnnotation *elsewhere = NULL;
  guint n;
  int start, end;

  /* A click on the Whole Library button. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (list), SCHOLIA_TYPE_ANNOTATION_LIST,
                                                        "library_button"), "clicked");
  drain_main_context ();
  g_assert_true (scholia_annotation_list_get_whole_library (list));
  n = g_list_model_get_n_items (rows (window));
  g_assert_cmpint (n, ==, test_sql_int (fixture->library, "SELECT count(*) FROM annotations"));

  /* Activating a row of another essay (Enter or a click) opens that essay at the passage. */
  for (guint i = 0; i < n && elsewhere == NULL; i++)
    if (scholia_annotation_get_document_id (row (window, i)) != scholia_document_get_id (first))
      {
        elsewhere = row (window, i);
        g_assert_true (gtk_widget_activate_action (list_view (window), "list.activate-item", "u", i));
      }
  g_assert_nonnull (elsewhere);
  drain_main_context ();
  g_assert_cmpint (scholia_document_get_id (scholia_document_page_get_document (window_page (window))), ==,
                   scholia_annotation_get_document_id (elsewhere));
  g_assert_true (scholia_reading_view_get_selection (window_reader (window), &start, &end));
  g_assert_cmpint (start, ==, scholia_annotation_get_start (elsewhere));
  g_assert_cmpint (end, ==, scholia_annotation_get_end (elsewhere));

  /* The list still spans the library. */
  g_assert_cmpint (g_list_model_get_n_items (rows (window)), ==, n);

  window_destroy (window);
}

/* Ctrl+Alt+L shows the list with the focus on its rows, from the text. */
static void
test_shortcut_shows_list (Fixture       *fixture,
                          gconstpointer  data)
{
  ScholiaWindow *window = window_with_samples (fixture);
  ScholiaDocumentPage *page = window_page (window);
  GObject *search;
  GtkWidget *focus;

  scholia_document_page_show_pane (page, "annotation");
  g_assert_true (scholia_document_page_focus_text (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "library.show-annotations", NULL));
  drain_main_context ();
  g_assert_cmpstr (scholia_document_page_get_pane (page), ==, "list");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == list_view (window) || gtk_widget_is_ancestor (focus, list_view (window)));

  /* Enter in the search entry goes on to the rows. */
  search = gtk_widget_get_template_child (GTK_WIDGET (window_list (window)), SCHOLIA_TYPE_ANNOTATION_LIST,
                                          "search_entry");
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (search)));
  g_signal_emit_by_name (search, "activate");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == list_view (window) || gtk_widget_is_ancestor (focus, list_view (window)));

  window_destroy (window);
}

static gboolean
count_is (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
test_delete_key_deletes_selected (Fixture       *fixture,
                                  gconstpointer  data)
{
  ScholiaWindow *window = window_with_samples (fixture);
  ScholiaDocument *document = scholia_document_page_get_document (window_page (window));
  ScholiaAnnotationList *list = window_list (window);
  GtkSelectionModel *selection = scholia_annotation_list_get_selection (list);
  guint n = g_list_model_get_n_items (rows (window));
  gpointer fewer[2] = { rows (window), GUINT_TO_POINTER (n - 2) };
  gpointer all[2] = { rows (window), GUINT_TO_POINTER (n) };
  gpointer none[2] = { rows (window), GUINT_TO_POINTER (0) };

  if (!test_keys_available ())
    {
      window_destroy (window);
      return;
    }

  gtk_selection_model_select_range (selection, 1, 2, TRUE);
  test_keys_focus (GTK_WINDOW (window));
  g_assert_true (gtk_widget_grab_focus (row_widget (window, 1)));
  drain_main_context ();
  test_keys_press ("Delete");
  g_assert_true (test_keys_wait (count_is, fewer));
  g_assert_cmpint (count_in_file (fixture, document, 0), ==, n - 2);
  /* The keyboard stays on the rows that are left. */
  g_assert_true (test_keys_wait (focus_in_rows, window));
  /* The essay itself is still open: Delete in the list is not the essay's. */
  g_assert_true (scholia_document_page_get_document (window_page (window)) == document);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "library.undo", NULL));
  g_assert_true (test_keys_wait (count_is, all));
  g_assert_cmpint (count_in_file (fixture, document, 0), ==, n);

  /* Ctrl+A selects every row, Delete deletes them all, one Ctrl+Z brings them all back. */
  g_assert_true (gtk_widget_grab_focus (row_widget (window, 0)));
  drain_main_context ();
  test_keys_press ("ctrl+a");
  test_keys_press ("Delete");
  g_assert_true (test_keys_wait (count_is, none));
  g_assert_cmpint (count_in_file (fixture, document, 0), ==, 0);
  /* With no row left, the keyboard stays in the list's pane, not in a text where Ctrl+Z is
   * typing's. */
  g_assert_true (test_keys_wait (focus_on_scope, window));
  test_keys_press ("ctrl+z");
  g_assert_true (test_keys_wait (count_is, all));
  g_assert_cmpint (count_in_file (fixture, document, 0), ==, n);

  window_destroy (window);
}

/* The number of themes the theme filter's menu lists (after "Any Theme"). */
static guint
themes_in_filter_menu (GtkMenuButton *button)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (button);
  g_autoptr(GMenuModel) themes = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);

  return g_menu_model_get_n_items (themes);
}

static void
test_theme_menu_made_as_it_opens (Fixture       *fixture,
                                  gconstpointer  data)
{
  ScholiaWindow *window = window_with_samples (fixture);
  ScholiaStore *store = scholia_window_get_store (window);
  GListModel *themes = scholia_store_get_labels (store, SCHOLIA_TYPE_THEME);
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window_list (window)),
                                                                          SCHOLIA_TYPE_ANNOTATION_LIST,
                                                                          "theme_filter_button"));
  g_autoptr(GError) error = NULL;
  guint n;

  /* A theme added before the menu is first opened is in it; the menu has no rows until then. */
  g_assert_nonnull (scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Tidal memory", "#3584e4", NULL, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (themes);
  g_assert_null (gtk_menu_button_get_menu_model (button));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));

  gtk_menu_button_popup (button);
  drain_main_context ();
  g_assert_nonnull (gtk_menu_button_get_menu_model (button));
  g_assert_cmpuint (themes_in_filter_menu (button), ==, n);

  /* One added while it is open joins it. */
  g_assert_nonnull (scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Salt roads", "#33d17a", NULL, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_cmpuint (themes_in_filter_menu (button), ==, n + 1);
  gtk_menu_button_popdown (button);

  window_destroy (window);
}

/* A passage across two paragraphs is drawn on its row's one line, both paragraphs running on
 * (a line break would leave the second out of sight, with no ellipsis to say so). */
static void
test_row_quote_across_paragraphs (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  GtkWidget *row = g_object_ref_sink (scholia_annotation_list_row_new ());
  ScholiaDocument *document;

  g_assert_no_error (error);
  document = scholia_store_add_document (store, "Tide Tables", "Oriel Vance", "1931", "",
                                         "The ferry kept no timetable.\n\nIts pilots read the tide instead.",
                                         NULL, &error);
  g_assert_no_error (error);
  annotation = scholia_store_add_annotation (store, document, 15, 49, NULL, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "no timetable.\n\nIts pilots read the");

  scholia_annotation_list_row_bind (SCHOLIA_ANNOTATION_LIST_ROW (row), store, annotation, NULL, NULL);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (gtk_widget_get_first_child (row))), ==,
                   "no timetable.  Its pilots read the");
  g_object_unref (row);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);
  /* libadwaita 1.2.2's flap, in about one run in thirty on a loaded machine, gives a new window's
   * pane a reveal progress of NaN at its first allocation and lays out the text's column at a
   * width of INT_MIN (a GTK warning, fatal here; GTK clamps it to 1 pixel for that frame). This
   * file opens a window per test; with animations off the flap has no progress to get wrong. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  test_add_with_library (path, func)

  ADD ("/annotation-list/essay/text-order-and-filters", test_lists_essay_in_text_order_and_filters);
  ADD ("/annotation-list/row/quote-across-paragraphs", test_row_quote_across_paragraphs);
  ADD ("/annotation-list/bulk/tag-three-then-one-undo", test_bulk_tag_is_one_undo_step);
  ADD ("/annotation-list/keys/enter-shows-passage", test_enter_shows_passage);
  ADD ("/annotation-list/keys/shortcut-shows-list", test_shortcut_shows_list);
  ADD ("/annotation-list/library/row-of-other-essay-opens-it", test_whole_library_opens_other_essay);
  ADD ("/annotation-list/keys/delete-and-ctrl-a", test_delete_key_deletes_selected);
  ADD ("/annotation-list/menus/theme-menu-made-as-it-opens", test_theme_menu_made_as_it_opens);

#undef ADD

  return g_test_run ();
}
