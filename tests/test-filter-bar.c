/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "scholia-comparison-view.h"
#include "scholia-filter-bar.h"
#include "scholia-matrix-view.h"
#include "scholia-passage-row.h"
#include "scholia-side-by-side.h"
#include "test-files.h"
#include "test-ui.h"

static const char harbour[] = "The river silted. The railway came late. The dues rose.\n";

/* One library behind the three views that filter it, each with its filter bar. */
typedef struct
{
  char                  *dir;
  ScholiaStore          *store;
  ScholiaTheme          *silt;
  ScholiaTheme          *railway;
  ScholiaTag            *thesis;
  GtkWindow             *window;
  ScholiaComparisonView *comparison;
  ScholiaSideBySide     *side_by_side;
  ScholiaMatrixView     *matrix;
} Fixture;

static void
mark (Fixture         *fixture,
      ScholiaDocument *document,
      const char      *quote,
      const char      *tag_name,
      ScholiaTheme    *theme)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  int start = g_utf8_pointer_to_offset (harbour, strstr (harbour, quote));
  gint64 tag_id = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, tag_name, NULL));
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (theme));

  annotation = scholia_store_add_annotation (fixture->store, document, start, start + strlen (quote), &tag_id, 1,
                                             &theme_id, 1, NULL, &error);
  g_assert_no_error (error);
}

static ScholiaDocument *
essay_by (Fixture    *fixture,
          const char *author)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_add_document (fixture->store, author, author, "1950", NULL, harbour,
                                                          NULL, &error);

  g_assert_no_error (error);
  return document;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ScholiaDocument *marwick, *lindqvist, *okafor;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  fixture->dir = test_tmp_dir_new ("scholia-filter-bar-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);

  marwick = essay_by (fixture, "Helena Marwick");
  lindqvist = essay_by (fixture, "Tomasz Lindqvist");
  okafor = essay_by (fixture, "Adaeze Okafor");
  fixture->silt = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Silt", NULL, NULL, &error));
  fixture->railway = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Railway", NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->thesis = SCHOLIA_TAG (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "thesis", NULL));
  mark (fixture, marwick, "The river silted", "thesis", fixture->silt);
  mark (fixture, marwick, "The dues rose", "evidence", fixture->silt);
  mark (fixture, lindqvist, "The river silted", "evidence", fixture->silt);
  mark (fixture, okafor, "The railway came late", "thesis", fixture->railway);

  fixture->comparison = SCHOLIA_COMPARISON_VIEW (scholia_comparison_view_new ());
  fixture->side_by_side = SCHOLIA_SIDE_BY_SIDE (scholia_side_by_side_new ());
  fixture->matrix = SCHOLIA_MATRIX_VIEW (scholia_matrix_view_new ());
  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (fixture->comparison), fixture->store);
  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (fixture->side_by_side), fixture->store);
  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (fixture->matrix), fixture->store);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->comparison));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->side_by_side));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->matrix));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1260, 700);
  gtk_window_set_child (fixture->window, box);
  gtk_window_present (fixture->window);
  drain_main_context ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  drain_main_context ();
  g_assert_finalize_object (fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
bar_part (ScholiaFilterBar *bar,
          const char       *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (bar), SCHOLIA_TYPE_FILTER_BAR, name));
}

/* What a click on a tag's chip in the bar does. */
static void
click_tag_chip (ScholiaFilterBar *bar,
                ScholiaTag       *tag)
{
  for (GtkWidget *child = gtk_widget_get_first_child (bar_part (bar, "tag_flow"));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_object_get_data (G_OBJECT (chip), "scholia-tag") == tag)
        {
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip),
                                        !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chip)));
          drain_main_context ();
          return;
        }
    }
  g_assert_not_reached ();
}

static guint
matrix_count (Fixture    *fixture,
              const char *author)
{
  for (guint row = 0; row < scholia_matrix_view_get_n_rows (fixture->matrix); row++)
    if (g_str_equal (scholia_matrix_view_get_row_author (fixture->matrix, row), author))
      return scholia_matrix_view_get_row_count (fixture->matrix, row, fixture->silt);
  g_assert_not_reached ();
  return 0;
}

/* The comparison's bar: its theme, tag chips and author menu drive the passages listed. */
static void
test_drives_comparison (Fixture       *fixture,
                        gconstpointer  data)
{
  ScholiaFilterBar *bar = scholia_filtered_view_get_filter_bar (SCHOLIA_FILTERED_VIEW (fixture->comparison));
  ScholiaAnnotationFilter *filter = scholia_filter_bar_get_filter (bar);
  GListModel *passages = scholia_comparison_view_get_passages (fixture->comparison);
  GtkDropDown *authors = GTK_DROP_DOWN (bar_part (bar, "author_dropdown"));
  guint n_tag_ids;

  g_assert_true (scholia_comparison_view_get_theme (fixture->comparison) == fixture->silt);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 3);

  click_tag_chip (bar, fixture->thesis);
  scholia_annotation_filter_get_tag_ids (filter, &n_tag_ids);
  g_assert_cmpuint (n_tag_ids, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 1);
  click_tag_chip (bar, fixture->thesis);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 3);

  /* "All Authors", Lindqvist, Marwick. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (authors)), ==, 3);
  gtk_drop_down_set_selected (authors, 1);
  drain_main_context ();
  g_assert_cmpstr (scholia_comparison_view_get_author (fixture->comparison), ==, "Tomasz Lindqvist");
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 1);

  /* A change made to the filter elsewhere shows in the bar. */
  scholia_annotation_filter_set_author (filter, NULL);
  drain_main_context ();
  g_assert_cmpuint (gtk_drop_down_get_selected (authors), ==, 0);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (bar_part (bar, "theme_dropdown")), 1);
  drain_main_context ();
  g_assert_true (scholia_comparison_view_get_theme (fixture->comparison) == fixture->railway);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 1);
}

/* The side-by-side window's bar: the same widget, with an author menu of check buttons. */
static void
test_drives_side_by_side (Fixture       *fixture,
                          gconstpointer  data)
{
  ScholiaFilterBar *bar = scholia_filtered_view_get_filter_bar (SCHOLIA_FILTERED_VIEW (fixture->side_by_side));
  GtkWidget *author_box = bar_part (bar, "author_box");
  GtkWidget *first_check = gtk_widget_get_first_child (author_box);

  g_assert_true (SCHOLIA_IS_FILTER_BAR (bar));
  g_assert_false (gtk_widget_get_visible (bar_part (bar, "tag_flow")));
  g_assert_cmpuint (scholia_side_by_side_get_n_columns (fixture->side_by_side), ==, 2);

  /* Unticking Lindqvist leaves Marwick's column alone. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (first_check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (first_check), FALSE);
  drain_main_context ();
  g_assert_cmpuint (scholia_side_by_side_get_n_columns (fixture->side_by_side), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_side_by_side_get_column_passages (fixture->side_by_side, 0)),
                    ==, 2);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (bar_part (bar, "theme_dropdown")), 1);
  drain_main_context ();
  g_assert_true (scholia_side_by_side_get_theme (fixture->side_by_side) == fixture->railway);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_side_by_side_get_column_passages (fixture->side_by_side, 0)),
                    ==, 0);
}

/* The matrix's bar: tag chips only, and the counts follow them. */
static void
test_drives_matrix (Fixture       *fixture,
                    gconstpointer  data)
{
  ScholiaFilterBar *bar = scholia_filtered_view_get_filter_bar (SCHOLIA_FILTERED_VIEW (fixture->matrix));

  g_assert_true (SCHOLIA_IS_FILTER_BAR (bar));
  g_assert_false (gtk_widget_get_visible (bar_part (bar, "theme_dropdown")));
  g_assert_cmpuint (matrix_count (fixture, "Helena Marwick"), ==, 2);
  g_assert_cmpuint (matrix_count (fixture, "Tomasz Lindqvist"), ==, 1);

  click_tag_chip (bar, fixture->thesis);
  g_assert_cmpuint (matrix_count (fixture, "Helena Marwick"), ==, 1);
  g_assert_cmpuint (matrix_count (fixture, "Tomasz Lindqvist"), ==, 0);
}

/* The matrix of @fixture's library in a window as narrow as a small window's pane, laid out. */
static GtkWindow *
show_matrix_narrow (Fixture           *fixture,
                    ScholiaMatrixView *matrix)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *grid = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (matrix), SCHOLIA_TYPE_MATRIX_VIEW, "grid"));

  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (matrix), fixture->store);
  gtk_window_set_default_size (window, 360, 500);
  gtk_window_set_child (window, GTK_WIDGET (matrix));
  gtk_window_present (window);
  while (gtk_widget_get_height (grid) == 0)
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
  return window;
}

/* In a pane as narrow as a small window's, the matrix's tag chips share lines across the bar's
 * width (a row's flow box that did not expand was given its minimum width: one chip a line). */
static void
test_matrix_chips_flow (Fixture       *fixture,
                        gconstpointer  data)
{
  ScholiaMatrixView *matrix = SCHOLIA_MATRIX_VIEW (scholia_matrix_view_new ());
  ScholiaFilterBar *bar = scholia_filtered_view_get_filter_bar (SCHOLIA_FILTERED_VIEW (matrix));
  GtkWidget *flow = bar_part (bar, "tag_flow");
  GtkWindow *window = show_matrix_narrow (fixture, matrix);
  GtkWidget *first, *second;
  graphene_rect_t first_bounds, second_bounds;

  g_assert_cmpint (gtk_widget_get_width (flow), ==, gtk_widget_get_width (GTK_WIDGET (bar)));
  first = gtk_widget_get_first_child (flow);
  second = gtk_widget_get_next_sibling (first);
  g_assert_true (gtk_widget_compute_bounds (first, flow, &first_bounds));
  g_assert_true (gtk_widget_compute_bounds (second, flow, &second_bounds));
  g_assert_cmpfloat (second_bounds.origin.y, ==, first_bounds.origin.y);
  g_assert_cmpfloat (second_bounds.origin.x, >, first_bounds.origin.x + first_bounds.size.width);
  gtk_window_destroy (window);
}

/* A library's twenty tags in a small window's pane: past three lines and a half the chips
 * scroll, and the matrix under them keeps most of the height. */
static void
test_many_chips_scroll (Fixture       *fixture,
                        gconstpointer  data)
{
  ScholiaMatrixView *matrix = SCHOLIA_MATRIX_VIEW (scholia_matrix_view_new ());
  ScholiaFilterBar *bar = scholia_filtered_view_get_filter_bar (SCHOLIA_FILTERED_VIEW (matrix));
  GtkWidget *flow = bar_part (bar, "tag_flow");
  GtkWidget *scroller = bar_part (bar, "tag_scroller");
  GtkWidget *grid = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (matrix), SCHOLIA_TYPE_MATRIX_VIEW, "grid"));
  GtkWindow *window;
  int chip_height, flow_height;

  for (guint i = g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG)); i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("Ledger finding %u", i);

      g_assert_nonnull (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_TAG, name, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  window = show_matrix_narrow (fixture, matrix);

  chip_height = gtk_widget_get_height (gtk_widget_get_first_child (flow));
  gtk_widget_measure (flow, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (flow), NULL, &flow_height, NULL, NULL);
  g_assert_cmpint (flow_height, >, 6 * chip_height);
  g_assert_cmpint (gtk_widget_get_height (scroller), <, 5 * chip_height);
  g_assert_cmpint (gtk_widget_get_height (scroller), >, 3 * chip_height);
  g_assert_cmpint (gtk_widget_get_height (grid), >, 250);
  gtk_window_destroy (window);
}

/* Deleting the theme shown leaves each bar on a theme of the library, and its view with it. */
static void
test_theme_deleted (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_store_delete_label (fixture->store, SCHOLIA_LABEL (fixture->silt), &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_true (scholia_comparison_view_get_theme (fixture->comparison) == fixture->railway);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_view_get_passages (fixture->comparison)), ==, 1);
  g_assert_true (scholia_side_by_side_get_theme (fixture->side_by_side) == fixture->railway);
}

/* The bars of the views are independent: a filter in one leaves the others as they were. */
static void
test_bars_independent (Fixture       *fixture,
                       gconstpointer  data)
{
  click_tag_chip (scholia_filtered_view_get_filter_bar (SCHOLIA_FILTERED_VIEW (fixture->matrix)), fixture->thesis);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_view_get_passages (fixture->comparison)), ==, 3);
  g_assert_cmpuint (matrix_count (fixture, "Helena Marwick"), ==, 1);
}

/* Widgets built without the application still see its stylesheet (test_ui_init installs it). */
static void
test_stylesheet_installed (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *plain = gtk_label_new ("Silt");
  GtkWidget *styled = gtk_label_new ("Silt");
  int plain_height, styled_height;

  gtk_widget_add_css_class (styled, "passage-row");
  gtk_widget_measure (plain, GTK_ORIENTATION_VERTICAL, -1, NULL, &plain_height, NULL, NULL);
  gtk_widget_measure (styled, GTK_ORIENTATION_VERTICAL, -1, NULL, &styled_height, NULL, NULL);
  /* .passage-row { padding: 6px 2px; } */
  g_assert_cmpint (styled_height, ==, plain_height + 12);
  g_object_ref_sink (plain);
  g_object_ref_sink (styled);
  g_object_unref (plain);
  g_object_unref (styled);
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: skipping the filter bar tests\n");
      return 77;
    }

  test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/filter-bar/drives-the-comparison", test_drives_comparison);
  ADD ("/filter-bar/drives-the-side-by-side-window", test_drives_side_by_side);
  ADD ("/filter-bar/drives-the-matrix", test_drives_matrix);
  ADD ("/filter-bar/matrix-chips-share-lines", test_matrix_chips_flow);
  ADD ("/filter-bar/many-chips-scroll", test_many_chips_scroll);
  ADD ("/filter-bar/each-view-has-its-own", test_bars_independent);
  ADD ("/filter-bar/deleted-theme-gives-way-to-another", test_theme_deleted);
  ADD ("/filter-bar/stylesheet-installed-without-the-application", test_stylesheet_installed);
#undef ADD

  return g_test_run ();
}
