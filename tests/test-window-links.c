/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "scholia-annotation-list.h"
#include "scholia-link-arrows.h"
#include "scholia-link-list.h"
#include "scholia-link-picker.h"
#include "scholia-passage-row.h"
#include "scholia-side-by-side.h"
#include "scholia-store-links.h"
#include "scholia-window-private.h"
#include "test-files.h"
#include "test-keys.h"
#include "test-ui.h"

/* Two essays of our own invention, by two authors, each with a passage on "Tolls". */
#define BRIDGE_TEXT \
  "The bridge tolls paid for the new quay within a decade. " \
  "Merchants grumbled, yet the ledgers show them crossing more often."

#define FERRY_TEXT \
  "No quay was ever paid for by tolls alone. " \
  "The ferrymen kept their trade long after the bridge opened."

typedef struct
{
  char              *dir;
  char              *path;
  ScholiaWindow     *window;
  ScholiaStore      *store;
  ScholiaDocument   *bridge;
  ScholiaDocument   *ferry;
  ScholiaTheme      *tolls;
  ScholiaAnnotation *bridge_tolls;    /* Hedda Marsk: "The bridge tolls paid for the new quay" */
  ScholiaAnnotation *ferry_tolls;     /* Olek Prawda: "No quay was ever paid for by tolls alone" */
} Fixture;

static ScholiaAnnotation *
annotate (Fixture         *fixture,
          ScholiaDocument *document,
          const char      *text,
          const char      *passage)
{
  g_autoptr(GError) error = NULL;
  const char *found = strstr (text, passage);
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (fixture->tolls));
  int start;
  ScholiaAnnotation *annotation;

  g_assert_nonnull (found);
  start = (int) g_utf8_pointer_to_offset (text, found);
  annotation = scholia_store_add_annotation (fixture->store, document, start,
                                             start + (int) g_utf8_strlen (passage, -1),
                                             NULL, 0, &theme_id, 1, NULL, &error);
  g_assert_no_error (error);
  return annotation;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-window-links-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);

  fixture->window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_assert_true (scholia_window_open_library (fixture->window, fixture->path));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1260, 780);
  fixture->store = scholia_window_get_store (fixture->window);

  fixture->bridge = scholia_store_add_document (fixture->store, "Bridge Tolls", "Hedda Marsk", "1958",
                                                NULL, BRIDGE_TEXT, NULL, &error);
  g_assert_no_error (error);
  fixture->ferry = scholia_store_add_document (fixture->store, "The Ferrymen", "Olek Prawda", "1971",
                                               NULL, FERRY_TEXT, NULL, &error);
  g_assert_no_error (error);
  fixture->tolls = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Tolls",
                                                           NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->bridge_tolls = annotate (fixture, fixture->bridge, BRIDGE_TEXT, "The bridge tolls paid for the new quay");
  fixture->ferry_tolls = annotate (fixture, fixture->ferry, FERRY_TEXT, "No quay was ever paid for by tolls alone");

  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (scholia_window_show_document (fixture->window, fixture->bridge));
  wait_for_layout (fixture->window);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->bridge_tolls);
  g_clear_object (&fixture->ferry_tolls);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static ScholiaLinkList *
link_list (Fixture *fixture)
{
  return SCHOLIA_LINK_LIST (scholia_annotation_inspector_get_link_list (window_inspector (fixture->window)));
}

/* Opens @annotation's essay with it in the inspector, as a click on its highlight would. */
static void
inspect (Fixture           *fixture,
         ScholiaAnnotation *annotation)
{
  ScholiaDocument *document = scholia_store_lookup_document (fixture->store,
                                                             scholia_annotation_get_document_id (annotation));

  g_assert_true (scholia_window_show_document (fixture->window, document));
  scholia_document_page_show_annotation (window_page (fixture->window), annotation);
  drain_main_context ();
  g_assert_cmpint (scholia_annotation_get_id (scholia_annotation_inspector_get_annotation (window_inspector (fixture->window))),
                   ==, scholia_annotation_get_id (annotation));
}

static ScholiaLinkPicker *
open_picker (Fixture *fixture)
{
  GtkWindow *picker;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (link_list (fixture)), "links.add", NULL));
  drain_main_context ();
  picker = scholia_link_list_get_picker (link_list (fixture));
  g_assert_true (SCHOLIA_IS_LINK_PICKER (picker));
  return SCHOLIA_LINK_PICKER (picker);
}

static guint
count_links (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = scholia_store_list_links (fixture->store, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (links);
}

static ScholiaLink *
first_link (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = scholia_store_list_links (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (links), >=, 1);
  return g_list_model_get_item (links, 0);
}

/* The text of the inspector's first link row. */
static char *
first_row_text (Fixture *fixture)
{
  GListModel *links = scholia_link_list_get_links (link_list (fixture));
  GtkWidget *label;

  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 1);
  label = find_descendant (GTK_WIDGET (link_list (fixture)), GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (label);
  label = find_descendant (label, GTK_TYPE_LABEL);
  return g_strdup (gtk_label_get_label (GTK_LABEL (label)));
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
  drain_main_context ();
}

static void
link_through_picker (Fixture    *fixture,
                     const char *type)
{
  ScholiaLinkPicker *picker;

  inspect (fixture, fixture->bridge_tolls);
  picker = open_picker (fixture);
  scholia_link_picker_select_type (picker, type);
  /* The search matches the author, the title or the quote; the passage itself is not offered. */
  scholia_link_picker_set_search (picker, "prawda");
  g_assert_cmpuint (g_list_model_get_n_items (scholia_link_picker_get_passages (picker)), ==, 1);
  scholia_link_picker_set_search (picker, "quay");
  g_assert_cmpuint (g_list_model_get_n_items (scholia_link_picker_get_passages (picker)), ==, 1);
  g_assert_true (scholia_link_picker_link (picker, 0));
  drain_main_context ();
  g_assert_null (scholia_link_list_get_picker (link_list (fixture)));
}

static void
test_picker_links_and_both_inspectors_show_it (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(ScholiaLink) link = NULL;
  g_autofree char *at_source = NULL;
  g_autofree char *at_target = NULL;

  link_through_picker (fixture, SCHOLIA_LINK_TYPE_ANSWERS);

  g_assert_cmpuint (count_links (fixture), ==, 1);
  link = first_link (fixture);
  g_assert_cmpstr (scholia_link_get_link_type (link), ==, SCHOLIA_LINK_TYPE_ANSWERS);
  g_assert_cmpint (scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_SOURCE), ==,
                   scholia_annotation_get_id (fixture->bridge_tolls));
  g_assert_cmpint (scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_TARGET), ==,
                   scholia_annotation_get_id (fixture->ferry_tolls));

  at_source = first_row_text (fixture);
  g_assert_cmpstr (at_source, ==, "Answers “No quay was ever paid for by tolls alone” (Olek Prawda, The Ferrymen)");

  inspect (fixture, fixture->ferry_tolls);
  at_target = first_row_text (fixture);
  g_assert_cmpstr (at_target, ==, "Answered by “The bridge tolls paid for the new quay” (Hedda Marsk, Bridge Tolls)");
}

static void
test_undo_removes_link_and_redo_restores_it (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(ScholiaLink) link = NULL;
  gint64 id;

  link_through_picker (fixture, SCHOLIA_LINK_TYPE_CONTRADICTS);
  link = first_link (fixture);
  id = scholia_link_get_id (link);

  activate (fixture, "library.undo");
  g_assert_cmpuint (count_links (fixture), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_link_list_get_links (link_list (fixture))), ==, 0);

  /* At once, while the undo's toast still slides in: the toast takes the new words (replacing
   * it mid-animation crashed libadwaita 1.2 here, AdwAnimation "done" on unmap). */
  activate (fixture, "library.redo");
  drain_main_context ();
  g_assert_cmpuint (count_links (fixture), ==, 1);
  g_clear_object (&link);
  link = first_link (fixture);
  g_assert_cmpint (scholia_link_get_id (link), ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_link_list_get_links (link_list (fixture))), ==, 1);
}

/* A link's row opens the other passage in its essay. */
static void
test_row_opens_other_passage (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *row;

  link_through_picker (fixture, SCHOLIA_LINK_TYPE_ANSWERS);
  g_assert_true (scholia_window_get_document (fixture->window) == fixture->bridge);
  row = find_descendant (GTK_WIDGET (link_list (fixture)), GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  drain_main_context ();

  g_assert_true (scholia_window_get_document (fixture->window) == fixture->ferry);
  g_assert_cmpint (scholia_annotation_get_id (scholia_annotation_inspector_get_annotation (window_inspector (fixture->window))),
                   ==, scholia_annotation_get_id (fixture->ferry_tolls));
}

static void
test_remove_button_deletes_link (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *row;
  GtkWidget *button;

  link_through_picker (fixture, SCHOLIA_LINK_TYPE_AGREES_WITH);
  row = find_descendant (GTK_WIDGET (link_list (fixture)), GTK_TYPE_LIST_BOX_ROW);
  button = find_descendant (row, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));

  g_signal_emit_by_name (button, "clicked");
  drain_main_context ();
  g_assert_cmpuint (count_links (fixture), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_link_list_get_links (link_list (fixture))), ==, 0);

  /* One undo step, as every edit. */
  activate (fixture, "library.undo");
  g_assert_cmpuint (count_links (fixture), ==, 1);
}

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
start_picking (Fixture    *fixture,
               const char *type)
{
  ScholiaLinkPicker *picker;
  GtkWidget *pick;

  inspect (fixture, fixture->bridge_tolls);
  picker = open_picker (fixture);
  scholia_link_picker_select_type (picker, type);
  pick = find_button_with_label (GTK_WIDGET (picker), "_Pick in the Annotation List or Compare Sidebar");
  g_assert_nonnull (pick);
  g_signal_emit_by_name (pick, "clicked");
  drain_main_context ();
  g_assert_true (_scholia_window_is_choosing_link (fixture->window));
}

static void
test_pick_from_annotation_list_completes_link (Fixture       *fixture,
                                               gconstpointer  data)
{
  ScholiaAnnotationList *list = scholia_document_page_get_annotation_list (window_page (fixture->window));
  g_autoptr(ScholiaLink) link = NULL;

  start_picking (fixture, "paraphrases");
  g_assert_cmpstr (scholia_document_page_get_pane (window_page (fixture->window)), ==, "list");

  g_signal_emit_by_name (list, "annotation-activated", fixture->ferry_tolls);
  drain_main_context ();

  g_assert_false (_scholia_window_is_choosing_link (fixture->window));
  g_assert_cmpuint (count_links (fixture), ==, 1);
  link = first_link (fixture);
  g_assert_cmpstr (scholia_link_get_link_type (link), ==, "paraphrases");
  g_assert_cmpint (scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_TARGET), ==,
                   scholia_annotation_get_id (fixture->ferry_tolls));

  /* The next choice opens the passage again, as before. */
  g_signal_emit_by_name (list, "annotation-activated", fixture->ferry_tolls);
  drain_main_context ();
  g_assert_true (scholia_window_get_document (fixture->window) == fixture->ferry);
  g_assert_cmpuint (count_links (fixture), ==, 1);
}

static void
test_pick_from_compare_sidebar_and_cancel (Fixture       *fixture,
                                           gconstpointer  data)
{
  ScholiaComparisonView *comparison = window_comparison (fixture->window);
  g_autoptr(ScholiaPassage) passage = NULL;
  GListModel *passages;

  start_picking (fixture, SCHOLIA_LINK_TYPE_ANSWERS);
  scholia_document_page_show_pane (window_page (fixture->window), "compare");
  scholia_comparison_view_set_theme (comparison, fixture->tolls);
  drain_main_context ();
  passages = scholia_comparison_view_get_passages (comparison);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 2);

  for (guint i = 0; i < 2 && passage == NULL; i++)
    {
      g_autoptr(ScholiaPassage) candidate = g_list_model_get_item (passages, i);

      if (scholia_passage_get_annotation_id (candidate) == scholia_annotation_get_id (fixture->ferry_tolls))
        passage = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (passage);

  scholia_filtered_view_activate_passage (SCHOLIA_FILTERED_VIEW (comparison), passage);
  drain_main_context ();
  g_assert_false (_scholia_window_is_choosing_link (fixture->window));
  g_assert_cmpuint (count_links (fixture), ==, 1);

  /* The compare sidebar lists the link among its passages. */
  g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_view_get_links (comparison)), ==, 1);
  activate (fixture, "library.undo");
  g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_view_get_links (comparison)), ==, 0);
}

static gboolean
not_choosing (gpointer data)
{
  return !_scholia_window_is_choosing_link (data);
}

static gboolean
has_one_link (gpointer data)
{
  Fixture *fixture = data;

  return count_links (fixture) == 1;
}

static void
test_escape_cancels_picking (Fixture       *fixture,
                             gconstpointer  data)
{
  ScholiaAnnotationList *list = scholia_document_page_get_annotation_list (window_page (fixture->window));

  if (!test_keys_available ())
    return;

  start_picking (fixture, SCHOLIA_LINK_TYPE_ANSWERS);
  test_keys_focus (GTK_WINDOW (fixture->window));
  test_keys_press ("Escape");
  g_assert_true (test_keys_wait (not_choosing, fixture->window));

  /* Given up: the passage chosen next just opens. */
  g_signal_emit_by_name (list, "annotation-activated", fixture->ferry_tolls);
  drain_main_context ();
  g_assert_cmpuint (count_links (fixture), ==, 0);
  g_assert_true (scholia_window_get_document (fixture->window) == fixture->ferry);
}

static gboolean
picker_open (gpointer data)
{
  return scholia_link_list_get_picker (link_list (data)) != NULL;
}

/* Ctrl+K, a word of the other passage, Enter: linked, keys only. */
static void
test_picker_by_keyboard (Fixture       *fixture,
                         gconstpointer  data)
{
  ScholiaLinkPicker *picker;
  g_autoptr(ScholiaLink) link = NULL;

  if (!test_keys_available ())
    return;

  inspect (fixture, fixture->bridge_tolls);
  test_keys_focus (GTK_WINDOW (fixture->window));
  test_keys_press ("ctrl+k");
  g_assert_true (test_keys_wait (picker_open, fixture));
  picker = SCHOLIA_LINK_PICKER (scholia_link_list_get_picker (link_list (fixture)));
  test_keys_focus (GTK_WINDOW (picker));
  test_keys_type ("ferrymen");
  test_keys_press ("Return");
  g_assert_true (test_keys_wait (has_one_link, fixture));

  link = first_link (fixture);
  /* The first type offered. */
  g_assert_cmpstr (scholia_link_get_link_type (link), ==, SCHOLIA_LINK_TYPE_ANSWERS);
  g_assert_cmpint (scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_TARGET), ==,
                   scholia_annotation_get_id (fixture->ferry_tolls));
}

/* The side-by-side window on the theme "Tolls": Marsk's column, then Prawda's. */
static ScholiaSideBySide *
open_side_by_side (Fixture    *fixture,
                   GtkWindow **window)
{
  ScholiaSideBySide *side_by_side;

  scholia_comparison_view_set_theme (window_comparison (fixture->window), fixture->tolls);
  activate (fixture, "library.side-by-side");
  *window = find_transient (GTK_WINDOW (fixture->window), SCHOLIA_TYPE_SIDE_BY_SIDE);
  g_assert_nonnull (*window);
  side_by_side = SCHOLIA_SIDE_BY_SIDE (find_descendant (GTK_WIDGET (*window), SCHOLIA_TYPE_SIDE_BY_SIDE));
  g_assert_cmpuint (scholia_side_by_side_get_n_columns (side_by_side), ==, 2);
  return side_by_side;
}

static guint
count_arrows (ScholiaSideBySide *side_by_side)
{
  g_autoptr(GArray) arrows = scholia_side_by_side_get_arrows (side_by_side);

  return arrows->len;
}

/* The middle of the quote of @annotation's row, in @area's coordinates. */
static void
find_quote (ScholiaSideBySide *side_by_side,
            GtkWidget         *area,
            ScholiaAnnotation *annotation,
            graphene_rect_t   *bounds)
{
  GtkWidget *row = scholia_side_by_side_get_row (side_by_side, scholia_annotation_get_id (annotation));

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (gtk_widget_get_template_child (row, SCHOLIA_TYPE_PASSAGE_ROW,
                                                                                      "quote_label")),
                                            area, bounds));
}

static void
check_arrow (ScholiaSideBySide *side_by_side,
             ScholiaLinkArrow  *arrow,
             ScholiaAnnotation *source,
             ScholiaAnnotation *target)
{
  GtkWidget *area = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (side_by_side), SCHOLIA_TYPE_SIDE_BY_SIDE,
                                                               "arrows_area"));
  graphene_rect_t source_bounds, target_bounds;

  find_quote (side_by_side, area, source, &source_bounds);
  find_quote (side_by_side, area, target, &target_bounds);

  /* Level with each quote's middle, across the gap between the left column and the right. */
  g_assert_cmpfloat_with_epsilon (arrow->y1, source_bounds.origin.y + source_bounds.size.height / 2, 0.5);
  g_assert_cmpfloat_with_epsilon (arrow->y2, target_bounds.origin.y + target_bounds.size.height / 2, 0.5);
  g_assert_cmpfloat (arrow->x1, >=, source_bounds.origin.x + source_bounds.size.width);
  g_assert_cmpfloat (arrow->x2, <=, target_bounds.origin.x);
  g_assert_cmpfloat (arrow->x1, <, arrow->x2);
}

static void
test_side_by_side_draws_arrow_between_rows (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) ferry_trade = NULL;
  g_autoptr(ScholiaLink) answers = NULL;
  g_autoptr(ScholiaLink) agrees = NULL;
  g_autoptr(GArray) arrows = NULL;
  const char *only_marsk[] = { "Hedda Marsk", NULL };
  ScholiaSideBySide *side_by_side;
  ScholiaLinkArrow *first;
  GtkWindow *window;

  link_through_picker (fixture, SCHOLIA_LINK_TYPE_ANSWERS);
  answers = first_link (fixture);
  /* A second passage of Prawda's, on a row further down, agreed with by the same one. */
  ferry_trade = annotate (fixture, fixture->ferry, FERRY_TEXT, "The ferrymen kept their trade");
  agrees = scholia_store_add_link (fixture->store, scholia_annotation_get_id (fixture->bridge_tolls),
                                   scholia_annotation_get_id (ferry_trade), SCHOLIA_LINK_TYPE_AGREES_WITH, &error);
  g_assert_no_error (error);

  side_by_side = open_side_by_side (fixture, &window);

  for (int i = 0; i < 200 && count_arrows (side_by_side) != 2; i++)
    g_main_context_iteration (NULL, TRUE);

  arrows = scholia_side_by_side_get_arrows (side_by_side);
  g_assert_cmpuint (arrows->len, ==, 2);
  first = &g_array_index (arrows, ScholiaLinkArrow, 0);
  g_assert_cmpint (first->link_id, ==, scholia_link_get_id (answers));
  g_assert_cmpstr (first->type, ==, SCHOLIA_LINK_TYPE_ANSWERS);
  check_arrow (side_by_side, first, fixture->bridge_tolls, fixture->ferry_tolls);
  g_assert_cmpint (g_array_index (arrows, ScholiaLinkArrow, 1).link_id, ==, scholia_link_get_id (agrees));
  check_arrow (side_by_side, &g_array_index (arrows, ScholiaLinkArrow, 1), fixture->bridge_tolls, ferry_trade);
  /* The rows are not level: the second arrow slopes down. */
  g_assert_cmpfloat (g_array_index (arrows, ScholiaLinkArrow, 1).y2, >, first->y2 + 10);

  /* An end left out of the columns: nothing drawn. */
  scholia_side_by_side_set_authors (side_by_side, only_marsk);
  drain_main_context ();
  g_clear_pointer (&arrows, g_array_unref);
  arrows = scholia_side_by_side_get_arrows (side_by_side);
  g_assert_cmpuint (arrows->len, ==, 0);

  gtk_window_destroy (window);
}

/* A passage far down Prawda's column: no arrow until the column is scrolled to it. */
static void
test_side_by_side_arrow_follows_scrolling (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaLink) link = NULL;
  g_autoptr(ScholiaPassage) last = NULL;
  g_autoptr(GArray) arrows = NULL;
  ScholiaSideBySide *side_by_side;
  GtkAdjustment *adjustment;
  GListModel *passages;
  GtkWidget *row;
  GtkWindow *window;

  for (int i = 0; i < 14; i++)
    g_object_unref (annotate (fixture, fixture->ferry, FERRY_TEXT, "The ferrymen kept their trade"));

  side_by_side = open_side_by_side (fixture, &window);
  passages = scholia_side_by_side_get_column_passages (side_by_side, 1);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 15);
  last = g_list_model_get_item (passages, 14);

  link = scholia_store_add_link (fixture->store, scholia_annotation_get_id (fixture->bridge_tolls),
                                 scholia_passage_get_annotation_id (last), SCHOLIA_LINK_TYPE_CONTRADICTS, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  drain_main_context ();
  arrows = scholia_side_by_side_get_arrows (side_by_side);
  g_assert_cmpuint (arrows->len, ==, 0);

  /* Scrolled to the end of the column: the arrow reaches the row. */
  row = scholia_side_by_side_get_row (side_by_side, scholia_annotation_get_id (fixture->ferry_tolls));
  g_assert_nonnull (row);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  for (int i = 0; i < 200 && count_arrows (side_by_side) != 1; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      g_main_context_iteration (NULL, TRUE);
    }
  g_clear_pointer (&arrows, g_array_unref);
  arrows = scholia_side_by_side_get_arrows (side_by_side);
  g_assert_cmpuint (arrows->len, ==, 1);
  g_assert_cmpstr (g_array_index (arrows, ScholiaLinkArrow, 0).type, ==, SCHOLIA_LINK_TYPE_CONTRADICTS);
  {
    g_autoptr(ScholiaAnnotation) target = scholia_store_get_annotation (fixture->store,
                                                                        scholia_passage_get_annotation_id (last), &error);

    g_assert_no_error (error);
    check_arrow (side_by_side, &g_array_index (arrows, ScholiaLinkArrow, 0), fixture->bridge_tolls, target);
  }

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/window-links/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("picker/links-and-both-inspectors-show-it", test_picker_links_and_both_inspectors_show_it);
  ADD ("undo/removes-link-and-redo-restores-it", test_undo_removes_link_and_redo_restores_it);
  ADD ("inspector/row-opens-other-passage", test_row_opens_other_passage);
  ADD ("inspector/remove-button-deletes-link", test_remove_button_deletes_link);
  ADD ("pick/from-annotation-list-completes-link", test_pick_from_annotation_list_completes_link);
  ADD ("pick/from-compare-sidebar-listed-there", test_pick_from_compare_sidebar_and_cancel);
  ADD ("pick/escape-cancels", test_escape_cancels_picking);
  ADD ("picker/keyboard-only", test_picker_by_keyboard);
  ADD ("side-by-side/arrow-between-linked-rows", test_side_by_side_draws_arrow_between_rows);
  ADD ("side-by-side/arrow-follows-scrolling", test_side_by_side_arrow_follows_scrolling);
#undef ADD

  return g_test_run ();
}
