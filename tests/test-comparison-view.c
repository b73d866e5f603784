/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "scholia-comparison-view.h"
#include "scholia-passage-row.h"
#include "scholia-side-by-side.h"
#include "test-files.h"
#include "test-ui.h"

static const char essay[] =
  "The river silted. The railway came late. The dues rose. The merchants left for Kessmouth.\n";

typedef struct
{
  char                  *dir;
  ScholiaStore          *store;
  ScholiaDocument       *marwick;
  ScholiaDocument       *lindqvist_late;
  ScholiaDocument       *lindqvist_early;
  ScholiaDocument       *anonymous;
  ScholiaDocument       *okafor;
  ScholiaTheme          *silt;
  ScholiaTheme          *railway;
  gint64                 thesis;
  gint64                 evidence;
  ScholiaAnnotation     *marwick_thesis;
  GtkWindow             *window;
  ScholiaComparisonView *view;
} Fixture;

static ScholiaDocument *
add_document (Fixture    *fixture,
              const char *title,
              const char *author,
              const char *date)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_add_document (fixture->store, title, author, date, NULL,
                                                          essay, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static ScholiaAnnotation *
annotate (Fixture         *fixture,
          ScholiaDocument *document,
          const char      *quote,
          gint64           tag_id,
          ScholiaTheme    *theme)
{
  g_autoptr(GError) error = NULL;
  int start = g_utf8_pointer_to_offset (essay, strstr (essay, quote));
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (theme));
  ScholiaAnnotation *annotation;

  annotation = scholia_store_add_annotation (fixture->store, document, start, start + strlen (quote),
                                             &tag_id, 1, &theme_id, 1, "Compare the harbour dues", &error);
  g_assert_no_error (error);
  return annotation;
}

static void
fill_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->marwick = add_document (fixture, "The Silted Staple", "Helena Marwick", "1956");
  fixture->lindqvist_late = add_document (fixture, "The Twelve Houses", "Tomasz Lindqvist", "c. 1925");
  fixture->lindqvist_early = add_document (fixture, "A Letter on the Harbour", "Tomasz Lindqvist", "spring 1917");
  fixture->anonymous = add_document (fixture, "Harbour Board Minutes", NULL, "1843");
  fixture->okafor = add_document (fixture, "A River Grown Tired", "Adaeze Okafor", "spring 1978");
  fixture->silt = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Silt", NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->railway = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Railway", NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->thesis = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "thesis", NULL));
  fixture->evidence = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "evidence", NULL));

  g_object_unref (annotate (fixture, fixture->marwick, "The dues rose", fixture->evidence, fixture->silt));
  fixture->marwick_thesis = annotate (fixture, fixture->marwick, "The river silted", fixture->thesis, fixture->silt);
  g_object_unref (annotate (fixture, fixture->lindqvist_late, "The river silted", fixture->thesis, fixture->silt));
  g_object_unref (annotate (fixture, fixture->lindqvist_early, "The merchants left", fixture->evidence, fixture->silt));
  g_object_unref (annotate (fixture, fixture->anonymous, "The dues rose", fixture->evidence, fixture->silt));
  g_object_unref (annotate (fixture, fixture->marwick, "The railway came late", fixture->thesis, fixture->railway));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean empty = GPOINTER_TO_INT (data);

  fixture->dir = test_tmp_dir_new ("scholia-comparison-view-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  if (!empty)
    fill_store (fixture);

  fixture->view = SCHOLIA_COMPARISON_VIEW (scholia_comparison_view_new ());
  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (fixture->view), fixture->store);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 360, 900);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  drain_main_context ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  drain_main_context ();
  g_clear_object (&fixture->marwick_thesis);
  g_assert_finalize_object (fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

/* The view's own parts, or those of its filter bar (the theme, tag and author filters). */
static GtkWidget *
template_child (Fixture    *fixture,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->view), SCHOLIA_TYPE_COMPARISON_VIEW, name);

  if (child == NULL)
    child = gtk_widget_get_template_child (GTK_WIDGET (scholia_filtered_view_get_filter_bar (SCHOLIA_FILTERED_VIEW (fixture->view))),
                                           SCHOLIA_TYPE_FILTER_BAR, name);
  return GTK_WIDGET (child);
}

static void
collect_descendants (GtkWidget *widget,
                     GType      type,
                     GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect_descendants (child, type, found);
    }
}

/* The bound row showing the passage at `position` of the view's list. */
static ScholiaPassageRow *
row_at (Fixture *fixture,
        guint    position)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(ScholiaPassage) passage = g_list_model_get_item (scholia_comparison_view_get_passages (fixture->view),
                                                             position);

  g_assert_nonnull (passage);
  collect_descendants (template_child (fixture, "list_view"), SCHOLIA_TYPE_PASSAGE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (scholia_passage_row_get_passage (g_ptr_array_index (rows, i)) == passage)
      return g_ptr_array_index (rows, i);

  g_assert_not_reached ();
  return NULL;
}

/* "A" for an author heading, "D" for a document heading, "-" for none, one per passage. */
static char *
describe_headings (Fixture *fixture)
{
  GListModel *passages = scholia_comparison_view_get_passages (fixture->view);
  GString *out = g_string_new (NULL);

  drain_main_context ();
  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      ScholiaPassageRow *row = row_at (fixture, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      if (scholia_passage_row_get_author_heading (row))
        g_string_append_c (out, 'A');
      if (scholia_passage_row_get_document_heading (row))
        g_string_append_c (out, 'D');
      if (!scholia_passage_row_get_author_heading (row) && !scholia_passage_row_get_document_heading (row))
        g_string_append_c (out, '-');
    }
  return g_string_free (out, FALSE);
}

static char *
describe_authors (Fixture *fixture)
{
  GListModel *passages = scholia_comparison_view_get_passages (fixture->view);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);

      g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", scholia_passage_get_author (passage));
    }
  return g_string_free (out, FALSE);
}

static void
test_groups_with_headings (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *authors = NULL;
  g_autofree char *headings = NULL;
  g_autoptr(ScholiaPassage) first = NULL;

  /* The first theme is shown at once. */
  g_assert_true (scholia_comparison_view_get_theme (fixture->view) == fixture->silt);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (fixture, "stack"))), ==, "passages");

  authors = describe_authors (fixture);
  g_assert_cmpstr (authors, ==, "Tomasz Lindqvist|Tomasz Lindqvist|Helena Marwick|Helena Marwick|");
  first = g_list_model_get_item (scholia_comparison_view_get_passages (fixture->view), 0);
  /* "spring 1917" comes before "c. 1925". */
  g_assert_cmpstr (scholia_passage_get_title (first), ==, "A Letter on the Harbour");

  /* Lindqvist: two documents; Marwick: one document, two passages; then the unknown author. */
  headings = describe_headings (fixture);
  g_assert_cmpstr (headings, ==, "AD D AD - AD");

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (template_child (fixture, "count_label"))), ==,
                   "5 passages by 3 authors");
}

static void
test_theme_dropdown (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (template_child (fixture, "theme_dropdown"));
  g_autofree char *authors = NULL;

  gtk_drop_down_set_selected (dropdown, 1);
  drain_main_context ();

  g_assert_true (scholia_comparison_view_get_theme (fixture->view) == fixture->railway);
  authors = describe_authors (fixture);
  g_assert_cmpstr (authors, ==, "Helena Marwick");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (template_child (fixture, "count_label"))), ==,
                   "1 passage by 1 author");
}

static GtkToggleButton *
tag_chip (Fixture *fixture,
          gint64   tag_id)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_descendants (template_child (fixture, "tag_flow"), GTK_TYPE_TOGGLE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      ScholiaTag *tag = g_object_get_data (g_ptr_array_index (buttons, i), "scholia-tag");

      if (scholia_label_get_id (SCHOLIA_LABEL (tag)) == tag_id)
        return g_ptr_array_index (buttons, i);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_tag_chip_filters (Fixture       *fixture,
                       gconstpointer  data)
{
  GListModel *passages = scholia_comparison_view_get_passages (fixture->view);
  GtkToggleButton *thesis = tag_chip (fixture, fixture->thesis);
  g_autofree char *authors = NULL;
  g_autofree char *headings = NULL;

  gtk_toggle_button_set_active (thesis, TRUE);
  drain_main_context ();
  authors = describe_authors (fixture);
  g_assert_cmpstr (authors, ==, "Tomasz Lindqvist|Helena Marwick");
  headings = describe_headings (fixture);
  g_assert_cmpstr (headings, ==, "AD AD");

  gtk_toggle_button_set_active (thesis, FALSE);
  drain_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 5);
}

static void
test_author_filter (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (template_child (fixture, "author_dropdown"));
  GListModel *names = gtk_drop_down_get_model (dropdown);
  g_autofree char *authors = NULL;
  g_autofree char *only_marwick = NULL;
  g_autofree char *everyone = NULL;

  /* "All Authors", then by surname, the documents without an author last. */
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), ==, "Tomasz Lindqvist");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 3), ==, "Unknown Author");

  gtk_drop_down_set_selected (dropdown, 2);
  drain_main_context ();
  authors = describe_authors (fixture);
  g_assert_cmpstr (authors, ==, "Helena Marwick|Helena Marwick");
  g_assert_cmpstr (scholia_comparison_view_get_author (fixture->view), ==, "Helena Marwick");
  only_marwick = describe_headings (fixture);
  g_assert_cmpstr (only_marwick, ==, "AD -");
  /* Every author stays on offer while one is shown. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 4);

  scholia_comparison_view_set_author (fixture->view, NULL);
  drain_main_context ();
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_view_get_passages (fixture->view)), ==, 5);
  /* Passages came back around rows that stayed bound: their headings follow. */
  everyone = describe_headings (fixture);
  g_assert_cmpstr (everyone, ==, "AD D AD - AD");
}

static void
test_follows_store (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) added = NULL;
  g_autofree char *authors = NULL;
  g_autofree char *headings = NULL;
  g_autofree char *retagged = NULL;
  g_autofree char *after_delete = NULL;
  g_autofree char *after_delete_headings = NULL;

  /* Okafor files between Marwick and the unknown author: a group appears in the middle. */
  added = annotate (fixture, fixture->okafor, "The river silted", fixture->evidence, fixture->silt);
  drain_main_context ();
  authors = describe_authors (fixture);
  g_assert_cmpstr (authors, ==,
                   "Tomasz Lindqvist|Tomasz Lindqvist|Helena Marwick|Helena Marwick|Adaeze Okafor|");
  headings = describe_headings (fixture);
  g_assert_cmpstr (headings, ==, "AD D AD - AD AD");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (template_child (fixture, "count_label"))), ==,
                   "6 passages by 4 authors");

  /* With only evidence shown, retagging Marwick's thesis brings it in. */
  gtk_toggle_button_set_active (tag_chip (fixture, fixture->evidence), TRUE);
  drain_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_view_get_passages (fixture->view)), ==, 4);
  g_assert_true (scholia_store_set_annotation_labels (fixture->store, fixture->marwick_thesis, SCHOLIA_TYPE_TAG,
                                                    &fixture->evidence, 1, &error));
  g_assert_no_error (error);
  drain_main_context ();
  retagged = describe_headings (fixture);
  g_assert_cmpstr (retagged, ==, "AD AD - AD AD");

  g_assert_true (scholia_store_delete_annotation (fixture->store, added, &error));
  g_assert_no_error (error);
  drain_main_context ();
  after_delete = describe_authors (fixture);
  g_assert_cmpstr (after_delete, ==, "Tomasz Lindqvist|Helena Marwick|Helena Marwick|");
  after_delete_headings = describe_headings (fixture);
  g_assert_cmpstr (after_delete_headings, ==, "AD AD - AD");
}

static void
on_passage_activated_cb (ScholiaComparisonView  *view,
                         ScholiaPassage         *passage,
                         ScholiaPassage        **activated)
{
  g_set_object (activated, passage);
}

/* The row's place label, or NULL when it shows none. */
static const char *
row_place (ScholiaPassageRow *row)
{
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), SCHOLIA_TYPE_PASSAGE_ROW,
                                                                "page_label"));

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

/* Each passage says where it stands: its printed page, or its paragraph as citations number
 * them. */
static void
test_passages_show_place (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char paragraphs[] =
    "The pilots kept their own counsel.\n\nThe channel moved east every winter.\n\nThe dredgers came too late.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  ScholiaPageRange page = { 0, g_utf8_strlen (essay, -1), g_strdup ("118") };
  ScholiaDocument *essayist, *journal;
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (fixture->silt));
  int start = g_utf8_pointer_to_offset (paragraphs, strstr (paragraphs, "The dredgers"));
  g_autoptr(ScholiaAnnotation) late = NULL;
  GListModel *passages = scholia_comparison_view_get_passages (fixture->view);
  gboolean seen_paragraph = FALSE, seen_page = FALSE;

  g_array_append_val (pages, page);
  essayist = scholia_store_add_document (fixture->store, "Winter Channels", "Ruth Abernethy", "1988", NULL,
                                         paragraphs, NULL, &error);
  g_assert_no_error (error);
  journal = scholia_store_add_document (fixture->store, "Dues at Ostrava", "Piet Almqvist", "1994", NULL,
                                        essay, pages, &error);
  g_assert_no_error (error);
  late = scholia_store_add_annotation (fixture->store, essayist, start, start + 11, &fixture->thesis, 1,
                                       &theme_id, 1, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (annotate (fixture, journal, "The dues rose", fixture->evidence, fixture->silt));
  drain_main_context ();

  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);
      ScholiaPassageRow *row = row_at (fixture, i);

      if (scholia_passage_get_document_id (passage) == scholia_document_get_id (essayist))
        {
          g_assert_cmpstr (row_place (row), ==, "¶ 3");
          seen_paragraph = TRUE;
        }
      else if (scholia_passage_get_document_id (passage) == scholia_document_get_id (journal))
        {
          g_assert_cmpstr (row_place (row), ==, "p. 118");
          seen_page = TRUE;
        }
      else
        g_assert_cmpstr (row_place (row), ==, "¶ 1");
    }
  g_assert_true (seen_paragraph && seen_page);
}

static void
test_activation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ScholiaPassage) activated = NULL;
  ScholiaPassageRow *row;

  g_signal_connect (fixture->view, "passage-activated", G_CALLBACK (on_passage_activated_cb), &activated);

  /* What Enter or a click on the row does. */
  row = row_at (fixture, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "list.activate-item", "u", 3));
  g_assert_nonnull (activated);
  g_assert_cmpint (scholia_passage_get_document_id (activated), ==, scholia_document_get_id (fixture->marwick));
  g_assert_cmpint (scholia_passage_get_start (activated), ==,
                   g_utf8_pointer_to_offset (essay, strstr (essay, "The dues rose")));
  g_assert_cmpstr (scholia_passage_get_quote (activated), ==, "The dues rose");
}

static void
test_no_themes (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (fixture, "stack"))), ==, "no-themes");
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "header_box")));

  SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Tolls", NULL, NULL, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (fixture, "stack"))), ==, "no-passages");
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "header_box")));
}

/* Side by side */

static void
test_side_by_side (Fixture       *fixture,
                   gconstpointer  data)
{
  ScholiaSideBySide *side = SCHOLIA_SIDE_BY_SIDE (scholia_side_by_side_new ());
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  const char *chosen[] = { "Helena Marwick", "Tomasz Lindqvist", NULL };
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_auto(GStrv) authors = NULL;

  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (side), fixture->store);
  gtk_window_set_default_size (window, 1200, 800);
  gtk_window_set_child (window, GTK_WIDGET (side));
  gtk_window_present (window);
  drain_main_context ();

  /* Until the user picks, the first two authors on the first theme. */
  g_assert_true (scholia_side_by_side_get_theme (side) == fixture->silt);
  authors = scholia_side_by_side_get_authors (side);
  g_assert_cmpuint (g_strv_length (authors), ==, 2);
  g_assert_cmpstr (authors[0], ==, "Tomasz Lindqvist");
  g_assert_cmpstr (authors[1], ==, "Helena Marwick");

  scholia_side_by_side_set_authors (side, chosen);
  drain_main_context ();
  /* Columns come by surname, whatever order they were asked for in. */
  g_assert_cmpuint (scholia_side_by_side_get_n_columns (side), ==, 2);
  for (guint column = 0; column < 2; column++)
    {
      GListModel *passages = scholia_side_by_side_get_column_passages (side, column);
      const char *expected = column == 0 ? "Tomasz Lindqvist" : "Helena Marwick";

      g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 2);
      for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
        {
          g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);

          g_assert_cmpstr (scholia_passage_get_author (passage), ==, expected);
        }
    }

  /* Ticking the unknown author in the menu adds a third column. */
  collect_descendants (GTK_WIDGET (side), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, 3);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 2)));
  gtk_check_button_set_active (g_ptr_array_index (checks, 2), TRUE);
  drain_main_context ();
  g_assert_cmpuint (scholia_side_by_side_get_n_columns (side), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_side_by_side_get_column_passages (side, 2)), ==, 1);

  /* Another theme: the same authors, their passages on it. */
  scholia_side_by_side_set_theme (side, fixture->railway);
  drain_main_context ();
  g_assert_cmpuint (scholia_side_by_side_get_n_columns (side), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_side_by_side_get_column_passages (side, 0)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_side_by_side_get_column_passages (side, 1)), ==, 1);

  gtk_window_destroy (window);
  drain_main_context ();
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: skipping the comparison view tests\n");
      return 77;
    }

  test_ui_init (&argc, &argv);

#define ADD(path, func, empty) \
  g_test_add (path, Fixture, GINT_TO_POINTER (empty), fixture_setup, func, fixture_teardown)
  ADD ("/comparison-view/groups-passages-under-author-and-document-headings", test_groups_with_headings, FALSE);
  ADD ("/comparison-view/theme-dropdown-changes-the-list", test_theme_dropdown, FALSE);
  ADD ("/comparison-view/tag-chip-filters", test_tag_chip_filters, FALSE);
  ADD ("/comparison-view/author-menu-shows-one-author", test_author_filter, FALSE);
  ADD ("/comparison-view/follows-the-store-live", test_follows_store, FALSE);
  ADD ("/comparison-view/activating-a-passage-emits-it", test_activation, FALSE);
  ADD ("/comparison-view/passages-show-their-place", test_passages_show_place, FALSE);
  ADD ("/comparison-view/no-themes-status", test_no_themes, TRUE);
  ADD ("/side-by-side/one-column-per-chosen-author", test_side_by_side, FALSE);
#undef ADD

  return g_test_run ();
}
