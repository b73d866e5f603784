/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Each seminar participant's layer in the window: the margin's bands in their colours, the
 * participant filter of the annotation list (which the reading view follows), the comparison
 * and the matrix, and the matrix's participants × themes mode. A library outside any seminar
 * looks as before. */

#include "config.h"

#include <string.h>

#include "scholia-annotation-list.h"
#include "scholia-comparison-view.h"
#include "scholia-filter-bar.h"
#include "scholia-matrix-view.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-seminar-fixture.h"
#include "test-ui.h"

typedef struct
{
  char          *dir;
  char          *path;
  ScholiaWindow *window;
  ScholiaStore  *store;
  TestSeminar    seminar;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-window-layers-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_assert_true (scholia_window_open_library (fixture->window, fixture->path));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1260, 780);
  fixture->store = scholia_window_get_store (fixture->window);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  test_seminar_clear (&fixture->seminar);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
show (Fixture         *fixture,
      ScholiaDocument *document)
{
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (scholia_window_show_document (fixture->window, document));
  wait_for_layout (fixture->window);
}

static ScholiaAnnotationGutter *
gutter (Fixture *fixture)
{
  return scholia_highlighter_get_gutter (scholia_document_page_get_highlighter (window_page (fixture->window)));
}

static GdkRGBA
participant_colour (Fixture *fixture,
                    gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaParticipant) participant = scholia_store_get_participant (fixture->store, id, &error);
  GdkRGBA colour;

  g_assert_no_error (error);
  g_assert_true (gdk_rgba_parse (&colour, participant->colour));
  return colour;
}

static GdkRGBA
tag_colour (Fixture    *fixture,
            const char *name)
{
  GdkRGBA colour;

  g_assert_true (gdk_rgba_parse (&colour, scholia_label_get_colour (test_seminar_find_label (fixture->store, SCHOLIA_TYPE_TAG,
                                                                                            name))));
  return colour;
}

static void
assert_marks (Fixture       *fixture,
              int            line,
              const GdkRGBA *expected,
              guint          n_expected)
{
  GdkRGBA colours[4];
  guint n = scholia_annotation_gutter_get_marks_for_line (gutter (fixture), line, colours, G_N_ELEMENTS (colours));

  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *shown = gdk_rgba_to_string (&colours[i]);
      g_autofree char *wanted = gdk_rgba_to_string (&expected[i]);

      g_assert_cmpstr (shown, ==, wanted);
    }
}

/* The filter bar's participant drop-down: the one offering "Everyone". */
static GtkDropDown *
find_participant_dropdown (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));

      if (GTK_IS_STRING_LIST (model) && g_list_model_get_n_items (model) > 0 &&
          g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), "Everyone") == 0)
        return GTK_DROP_DOWN (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_participant_dropdown (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
choose (GtkDropDown *dropdown,
        const char  *label)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (strcmp (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        drain_main_context ();
        return;
      }
  g_assert_not_reached ();
}

static gboolean
highlighted_at (Fixture    *fixture,
                const char *text,
                const char *passage)
{
  GtkTextView *view = GTK_TEXT_VIEW (scholia_reading_view_get_source_view (window_reader (fixture->window)));
  g_autoptr(GSList) tags = NULL;
  GtkTextIter iter;
  gboolean found = FALSE;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter,
                                      (int) g_utf8_pointer_to_offset (text, strstr (text, passage)) + 1);
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      g_autofree char *name = NULL;

      g_object_get (l->data, "name", &name, NULL);
      found |= name != NULL && g_str_has_prefix (name, "scholia-tag-");
    }
  return found;
}

static guint
listed_annotations (Fixture *fixture)
{
  ScholiaAnnotationList *list = scholia_document_page_get_annotation_list (window_page (fixture->window));

  return g_list_model_get_n_items (G_LIST_MODEL (scholia_annotation_list_get_selection (list)));
}

static void
test_bands_in_participant_colours (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *outside;
  GdkRGBA ana, bruno[2], lines_four[2], evidence;

  test_seminar_populate (fixture->store, &fixture->seminar);
  ana = participant_colour (fixture, fixture->seminar.ana);
  bruno[0] = bruno[1] = participant_colour (fixture, fixture->seminar.bruno);
  lines_four[0] = participant_colour (fixture, fixture->seminar.clara);
  lines_four[1] = participant_colour (fixture, fixture->seminar.me);
  evidence = tag_colour (fixture, "evidence");
  /* Otherwise the bands could not tell the layers from the tags. */
  g_assert_false (gdk_rgba_equal (&ana, &evidence));

  show (fixture, fixture->seminar.essay);
  assert_marks (fixture, 0, &ana, 1);
  assert_marks (fixture, 2, bruno, 2);
  /* Mine, not yet published, are in my colour already. */
  assert_marks (fixture, 4, lines_four, 2);
  /* The margin's tooltip names whose bands they are. */
  {
    g_autofree char *line_two = scholia_annotation_gutter_dup_readers_for_line (gutter (fixture), 2);
    g_autofree char *line_four = scholia_annotation_gutter_dup_readers_for_line (gutter (fixture), 4);

    g_assert_cmpstr (line_two, ==, "Bruno Sato");
    g_assert_cmpstr (line_four, ==, "Clara Vidal\nEli Marsh");
    g_assert_null (scholia_annotation_gutter_dup_readers_for_line (gutter (fixture), 1));
  }

  /* An essay outside the seminar keeps its tags' colours. */
  outside = scholia_store_add_document (fixture->store, "Customs at Vell", "Ruth Alder", "1979", "",
                                        "The customs house burned twice.", NULL, &error);
  g_assert_no_error (error);
  {
    gint64 tag_id = scholia_label_get_id (test_seminar_find_label (fixture->store, SCHOLIA_TYPE_TAG, "evidence"));

    g_object_unref (scholia_store_add_annotation (fixture->store, outside, 0, 16, &tag_id, 1, NULL, 0, NULL, &error));
    g_assert_no_error (error);
  }
  show (fixture, outside);
  assert_marks (fixture, 0, &evidence, 1);
  g_assert_null (scholia_annotation_gutter_dup_readers_for_line (gutter (fixture), 0));

  /* The leader seminar.json names is marked so in the margin and in the participant filter. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *line_two = NULL;
    g_autofree char *options = g_strdup_printf ("{\"leader\": \"%s\"}", "b0000000-0000-4000-8000-0000000000b1");
    GtkDropDown *dropdown;
    gboolean listed = FALSE;

    g_assert_true (scholia_store_set_seminar_options (fixture->store, fixture->seminar.seminar, options, &error));
    g_assert_no_error (error);
    show (fixture, fixture->seminar.essay);
    line_two = scholia_annotation_gutter_dup_readers_for_line (gutter (fixture), 2);
    g_assert_cmpstr (line_two, ==, "Bruno Sato (leader)");
    scholia_document_page_show_pane (window_page (fixture->window), "list");
    wait_for_pane (fixture->window);
    dropdown = find_participant_dropdown (GTK_WIDGET (scholia_document_page_get_annotation_list (window_page (fixture->window))));
    g_assert_nonnull (dropdown);
    for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)); i++)
      listed |= g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)), i),
                           "Bruno Sato (leader)") == 0;
    g_assert_true (listed);
  }
}

static void
test_participant_filter_hides_others (Fixture       *fixture,
                                      gconstpointer  data)
{
  const char *text;
  ScholiaAnnotationList *list;
  ScholiaAnnotationFilter *filter;
  GtkDropDown *dropdown;
  GdkRGBA me;
  guint n_ids;
  const gint64 *ids;

  test_seminar_populate (fixture->store, &fixture->seminar);
  me = participant_colour (fixture, fixture->seminar.me);
  show (fixture, fixture->seminar.essay);
  text = scholia_reading_get_text (scholia_highlighter_get_reading (scholia_document_page_get_highlighter (window_page (fixture->window))));
  list = scholia_document_page_get_annotation_list (window_page (fixture->window));
  filter = scholia_annotation_list_get_filter (list);
  scholia_document_page_show_pane (window_page (fixture->window), "list");
  wait_for_pane (fixture->window);

  dropdown = find_participant_dropdown (GTK_WIDGET (list));
  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 5);
  /* Reachable from the keyboard. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (listed_annotations (fixture), ==, 5);
  g_assert_true (highlighted_at (fixture, text, "carts that paid no toll"));

  choose (dropdown, "Bruno Sato");
  ids = scholia_annotation_filter_get_participant_ids (filter, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_cmpint (ids[0], ==, fixture->seminar.bruno);
  g_assert_false (highlighted_at (fixture, text, "carts that paid no toll"));
  g_assert_true (highlighted_at (fixture, text, "silent about salt"));
  g_assert_cmpuint (scholia_annotation_gutter_get_marks_for_line (gutter (fixture), 0, NULL, 0), ==, 0);
  g_assert_cmpuint (scholia_annotation_gutter_get_marks_for_line (gutter (fixture), 2, NULL, 0), ==, 2);
  g_assert_cmpuint (listed_annotations (fixture), ==, 2);

  choose (dropdown, "Me");
  assert_marks (fixture, 4, &me, 1);
  g_assert_false (highlighted_at (fixture, text, "When the marshes flooded"));
  g_assert_true (highlighted_at (fixture, text, "the price of fish doubled"));
  g_assert_cmpuint (listed_annotations (fixture), ==, 1);

  choose (dropdown, "Everyone");
  scholia_annotation_filter_get_participant_ids (filter, &n_ids);
  g_assert_cmpuint (n_ids, ==, 0);
  g_assert_true (highlighted_at (fixture, text, "carts that paid no toll"));
  g_assert_cmpuint (listed_annotations (fixture), ==, 5);
}

static void
test_comparison_and_matrix_by_participant (Fixture       *fixture,
                                           gconstpointer  data)
{
  ScholiaComparisonView *comparison;
  ScholiaMatrixView *matrix;
  ScholiaTheme *famine, *memory;
  GtkDropDown *dropdown;
  GtkWidget *participants_button;

  test_seminar_populate (fixture->store, &fixture->seminar);
  famine = SCHOLIA_THEME (test_seminar_find_label (fixture->store, SCHOLIA_TYPE_THEME, "Famine"));
  memory = SCHOLIA_THEME (test_seminar_find_label (fixture->store, SCHOLIA_TYPE_THEME, "Memory"));
  show (fixture, fixture->seminar.essay);

  /* The comparison: one participant's passages on the theme. */
  comparison = window_comparison (fixture->window);
  scholia_document_page_show_pane (window_page (fixture->window), "compare");
  scholia_comparison_view_set_theme (comparison, famine);
  drain_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_view_get_passages (comparison)), ==, 3);
  dropdown = find_participant_dropdown (GTK_WIDGET (comparison));
  g_assert_nonnull (dropdown);
  choose (dropdown, "Bruno Sato");
  g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_view_get_passages (comparison)), ==, 2);

  /* The matrix: participants × themes. */
  matrix = scholia_document_page_get_matrix_view (window_page (fixture->window));
  scholia_document_page_show_pane (window_page (fixture->window), "matrix");
  drain_main_context ();
  participants_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (matrix), SCHOLIA_TYPE_MATRIX_VIEW,
                                                                   "participants_button"));
  g_assert_true (gtk_widget_is_visible (participants_button));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (participants_button), TRUE);
  drain_main_context ();
  g_assert_true (scholia_matrix_view_get_by_participant (matrix));
  g_assert_cmpuint (scholia_matrix_view_get_n_rows (matrix), ==, 4);
  g_assert_cmpstr (scholia_matrix_view_get_row_author (matrix, 1), ==, "Bruno Sato");
  g_assert_cmpuint (scholia_matrix_view_get_row_count (matrix, 1, famine), ==, 2);
  g_assert_cmpuint (scholia_matrix_view_get_row_count (matrix, 1, memory), ==, 1);
  g_assert_cmpstr (scholia_matrix_view_get_row_author (matrix, 3), ==, "Eli Marsh");
  g_assert_cmpuint (scholia_matrix_view_get_row_count (matrix, 3, memory), ==, 1);

  dropdown = find_participant_dropdown (GTK_WIDGET (matrix));
  g_assert_nonnull (dropdown);
  choose (dropdown, "Clara Vidal");
  g_assert_cmpuint (scholia_matrix_view_get_n_rows (matrix), ==, 1);
  g_assert_cmpstr (scholia_matrix_view_get_row_author (matrix, 0), ==, "Clara Vidal");

  /* A participant's cell opens the comparison on their passages. */
  choose (dropdown, "Everyone");
  g_signal_emit_by_name (matrix, "participant-cell-activated", fixture->seminar.ana, memory);
  drain_main_context ();
  g_assert_cmpstr (scholia_document_page_get_pane (window_page (fixture->window)), ==, "compare");
  g_assert_true (scholia_comparison_view_get_theme (comparison) == memory);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_view_get_passages (comparison)), ==, 1);
}

/* Outside any seminar nothing of this shows. */
static void
test_library_without_seminar (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *essay = scholia_store_add_document (fixture->store, "Customs at Vell", "Ruth Alder", "1979", "",
                                                       "The customs house burned twice.", NULL, &error);
  ScholiaMatrixView *matrix = scholia_document_page_get_matrix_view (window_page (fixture->window));
  ScholiaAnnotationList *list = scholia_document_page_get_annotation_list (window_page (fixture->window));
  GObject *participants_button;

  g_assert_no_error (error);
  show (fixture, essay);
  scholia_document_page_show_pane (window_page (fixture->window), "matrix");
  drain_main_context ();
  participants_button = gtk_widget_get_template_child (GTK_WIDGET (matrix), SCHOLIA_TYPE_MATRIX_VIEW, "participants_button");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (participants_button)));
  g_assert_null (find_participant_dropdown (GTK_WIDGET (list)));
  g_assert_null (find_participant_dropdown (GTK_WIDGET (matrix)));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/window/layers/bands-in-participant-colours", test_bands_in_participant_colours);
  ADD ("/window/layers/participant-filter-hides-others", test_participant_filter_hides_others);
  ADD ("/window/layers/comparison-and-matrix-by-participant", test_comparison_and_matrix_by_participant);
  ADD ("/window/layers/library-without-seminar", test_library_without_seminar);

#undef ADD

  return g_test_run ();
}
