/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Issue 12, defect 1: the right pane covered the essay at the default size. The pane sits
 * beside the text whenever a readable column fits beside it, and is otherwise an overlay that
 * opens only when asked for; tagging with Ctrl+1 leaves the passage in view with the focus in
 * the text; the library folds before the text column would narrow. Keys are real key presses. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scholia-window.h"
#include "test-files.h"
#include "test-keys.h"
#include "test-ui.h"

#define PASSAGE "the harbour books of Tessaly were kept in two hands"
#define PARAGRAPH \
  "Nobody who has read the customs rolls doubts that trade moved south after the flood, but " \
  "the rolls say little about why the merchants followed it. The guild minutes are fuller, " \
  "and they are kinder to the aldermen than the pamphlets of the period ever were.\n\n"
#define ESSAY_TEXT \
  "For most of the century " PASSAGE ", one for the quays and one for the warehouses, and " \
  "the two seldom agreed.\n\n" \
  PARAGRAPH PARAGRAPH PARAGRAPH PARAGRAPH PARAGRAPH PARAGRAPH PARAGRAPH PARAGRAPH

typedef TestLibraryFixture Fixture;

typedef struct
{
  ScholiaWindow *window;
  int            width;
} SizeWait;

static gboolean
has_width (gpointer data)
{
  SizeWait *wait = data;

  /* Less the frame the window draws around itself without a window manager. */
  return ABS (gtk_widget_get_width (GTK_WIDGET (wait->window)) - wait->width) <= 16;
}

static gboolean
leaflet_at_rest (gpointer data)
{
  ScholiaWindow *window = data;
  GtkWidget *sidebar = window_child (window, "sidebar_box");
  GtkWidget *content = window_child (window, "content_box");
  graphene_rect_t sidebar_bounds, content_bounds;

  g_assert_true (gtk_widget_compute_bounds (sidebar, GTK_WIDGET (window), &sidebar_bounds));
  g_assert_true (gtk_widget_compute_bounds (content, GTK_WIDGET (window), &content_bounds));

  /* Folded, the content column fills the window; unfolded, the library has slid fully in. */
  if (adw_leaflet_get_folded (window_child (window, "leaflet")))
    return content_bounds.origin.x == 0;
  return sidebar_bounds.origin.x == 0 &&
         content_bounds.origin.x >= sidebar_bounds.size.width;
}

/* Lets the layout (and the flap's and the leaflet's animations) come to rest. */
static void
settle (ScholiaWindow *window)
{
  wait_for_pane (window);
  g_assert_true (test_keys_wait (leaflet_at_rest, window));
  drain_main_context ();
}

/* The widest window the screen holds: GTK keeps a window within its monitor. */
static int
screen_width (ScholiaWindow *window)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GdkMonitor *monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  g_object_unref (monitor);
  return geometry.width;
}

static void
resize (ScholiaWindow *window,
        int            width,
        int            height)
{
  SizeWait wait = { window, width };

  width = MIN (width, screen_width (window) - 10);
  wait.width = width;
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (!test_keys_wait (has_width, &wait))
    g_error ("window %d wide, not %d", gtk_widget_get_width (GTK_WIDGET (window)), width);
  settle (window);
}

static ScholiaWindow *
window_with_essay (Fixture *fixture,
                   int      width,
                   int      height)
{
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  g_assert_true (scholia_window_open_library (window, fixture->library));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();

  document = scholia_store_add_document (scholia_window_get_store (window), "Two Hands at the Quay",
                                         "Maren Oskarsdottir", "2004", NULL, ESSAY_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_window_show_document (window, document));
  wait_for_layout (window);
  resize (window, width, height);
  test_keys_focus (GTK_WINDOW (window));
  return window;
}

static void
window_destroy (ScholiaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static GtkWidget *
text_view (ScholiaWindow *window)
{
  return GTK_WIDGET (scholia_reading_view_get_source_view (window_reader (window)));
}

static GtkWidget *
focus (ScholiaWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static AdwFlap *
flap (ScholiaWindow *window)
{
  return page_child (window, "inspector_flap");
}

static gboolean
pane_revealed (gpointer data)
{
  return scholia_document_page_get_pane_revealed (window_page (data));
}

static gboolean
pane_closed (gpointer data)
{
  return !pane_revealed (data);
}

/* Presses F9, which opens or closes the pane (@open says which is expected). */
static void
press_f9 (ScholiaWindow *window,
          gboolean       open)
{
  test_keys_press ("F9");
  g_assert_true (test_keys_wait (open ? pane_revealed : pane_closed, window));
  settle (window);
}

/* Where @widget is in the window. */
static graphene_rect_t
window_bounds (ScholiaWindow *window,
               GtkWidget     *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  return bounds;
}

/* Where the characters [start, end) are drawn, in the window's coordinates. */
static graphene_rect_t
passage_bounds (ScholiaWindow *window,
                int            start,
                int            end)
{
  GtkTextView *view = GTK_TEXT_VIEW (text_view (window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  graphene_rect_t passage = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  for (int offset = start; offset < end; offset++)
    {
      GtkTextIter iter;
      GdkRectangle location;
      graphene_point_t point;
      graphene_rect_t character;
      int x, y;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
      gtk_text_view_get_iter_location (view, &iter, &location);
      gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, location.x, location.y, &x, &y);
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (window),
                                               &GRAPHENE_POINT_INIT (x, y), &point));
      graphene_rect_init (&character, point.x, point.y, MAX (location.width, 1), location.height);
      if (offset == start)
        passage = character;
      else
        graphene_rect_union (&passage, &character, &passage);
    }

  return passage;
}

typedef struct
{
  ScholiaWindow *window;
  int            start;
  int            end;
} PassageWait;

/* The text view scrolls a selection into view once its lines are laid out, which under load
 * may take more than one frame. */
static gboolean
passage_scrolled_into_view (gpointer data)
{
  PassageWait *wait = data;
  GtkWidget *scroller = gtk_widget_get_ancestor (text_view (wait->window), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t passage = passage_bounds (wait->window, wait->start, wait->end);
  graphene_rect_t visible = window_bounds (wait->window, scroller);

  return graphene_rect_contains_rect (&visible, &passage);
}

/* The passage is drawn inside the part of the reader on screen, and no open pane covers it. */
static void
assert_passage_in_view (ScholiaWindow *window,
                        int            start,
                        int            end)
{
  PassageWait wait = { window, start, end };
  GtkWidget *scroller = gtk_widget_get_ancestor (text_view (window), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t on_screen = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (window)),
                                                  gtk_widget_get_height (GTK_WIDGET (window)));
  graphene_rect_t passage;

  g_assert_true (test_keys_wait (passage_scrolled_into_view, &wait));
  passage = passage_bounds (window, start, end);
  g_assert_true (gtk_widget_get_mapped (scroller));
  g_assert_true (graphene_rect_contains_rect (&on_screen, &passage));

  if (scholia_document_page_get_pane_revealed (window_page (window)))
    {
      graphene_rect_t pane = window_bounds (window, adw_flap_get_flap (flap (window)));

      g_assert_false (scholia_document_page_get_pane_folded (window_page (window)));
      g_assert_false (graphene_rect_intersection (&pane, &passage, NULL));
    }
}

static void
find_passage (int *start,
              int *end)
{
  const char *found = strstr (ESSAY_TEXT, PASSAGE);

  *start = (int) g_utf8_pointer_to_offset (ESSAY_TEXT, found);
  *end = *start + (int) g_utf8_strlen (PASSAGE, -1);
}

static guint
count_annotations (ScholiaWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = NULL;

  annotations = scholia_store_list_annotations (scholia_window_get_store (window),
                                                scholia_window_get_document (window), &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (annotations);
}

static gboolean
annotated (gpointer data)
{
  return count_annotations (data) == 1;
}

/* Select a passage in the text, press Ctrl+1: the passage is tagged, still in view and not
 * under the pane, and the focus is still in the text. */
static void
check_tagging_keeps_passage_in_view (Fixture *fixture,
                                     int      width,
                                     int      height)
{
  ScholiaWindow *window = window_with_essay (fixture, width, height);
  int start, end;

  find_passage (&start, &end);
  g_assert_true (gtk_widget_grab_focus (text_view (window)));
  scholia_reading_view_select_range (window_reader (window), start, end);
  settle (window);
  assert_passage_in_view (window, start, end);

  test_keys_press ("ctrl+1");
  g_assert_true (test_keys_wait (annotated, window));
  settle (window);

  assert_passage_in_view (window, start, end);
  g_assert_true (focus (window) == text_view (window));

  window_destroy (window);
}

static void
test_tag_at_default_size (Fixture       *fixture,
                          gconstpointer  data)
{
  if (!test_keys_available ())
    return;

  check_tagging_keeps_passage_in_view (fixture, 1100, 720);
}

static void
test_tag_at_small_size (Fixture       *fixture,
                        gconstpointer  data)
{
  if (!test_keys_available ())
    return;

  check_tagging_keeps_passage_in_view (fixture, 800, 600);
}

/* F9 opens the pane beside the text, the text keeping a readable column. */
static void
check_pane_beside (Fixture *fixture,
                   int      width,
                   int      height)
{
  ScholiaWindow *window = window_with_essay (fixture, width, height);
  graphene_rect_t pane, text;
  int readable;

  g_assert_true (gtk_widget_grab_focus (text_view (window)));
  if (screen_width (window) < width)
    g_test_message ("The screen is narrower than %d: the window is as wide as it holds", width);

  press_f9 (window, TRUE);

  g_assert_false (scholia_document_page_get_pane_folded (window_page (window)));
  pane = window_bounds (window, adw_flap_get_flap (flap (window)));
  text = window_bounds (window, text_view (window));
  g_assert_cmpfloat (pane.size.width, >=, 340);
  g_assert_cmpfloat (pane.size.width, <=, 380);
  g_assert_false (graphene_rect_intersection (&pane, &text, NULL));
  /* 45 characters of the reading font, at the least. */
  scholia_reading_view_measure_column (window_reader (window), 45, &readable, NULL);
  g_assert_cmpfloat (text.size.width, >=, readable);

  window_destroy (window);
}

static void
test_pane_beside_wide (Fixture       *fixture,
                       gconstpointer  data)
{
  if (!test_keys_available ())
    return;

  check_pane_beside (fixture, 1440, 900);
}

static void
test_pane_beside_default (Fixture       *fixture,
                          gconstpointer  data)
{
  if (!test_keys_available ())
    return;

  check_pane_beside (fixture, 1100, 720);
}

/* On a small window the pane is an overlay of its own width, opened by F9; closing it gives
 * the focus back to the text. */
static void
test_pane_overlay_small (Fixture       *fixture,
                         gconstpointer  data)
{
  ScholiaWindow *window;
  graphene_rect_t pane;

  if (!test_keys_available ())
    return;

  window = window_with_essay (fixture, 800, 600);
  g_assert_true (scholia_document_page_get_pane_folded (window_page (window)));
  g_assert_false (scholia_document_page_get_pane_revealed (window_page (window)));

  g_assert_true (gtk_widget_grab_focus (text_view (window)));
  press_f9 (window, TRUE);
  g_assert_true (scholia_document_page_get_pane_folded (window_page (window)));
  pane = window_bounds (window, adw_flap_get_flap (flap (window)));
  g_assert_cmpfloat (pane.size.width, <=, 380);

  /* Into the pane, then out of it with Escape: the focus is back in the text. */
  g_assert_true (scholia_document_page_focus_pane (window_page (window)));
  g_assert_true (scholia_document_page_pane_contains (window_page (window), focus (window)));
  test_keys_press ("Escape");
  g_assert_true (test_keys_wait (pane_closed, window));
  settle (window);
  g_assert_true (focus (window) == text_view (window));

  /* F9 again from the text opens it, F9 closes it, and the focus stays in the text. */
  press_f9 (window, TRUE);
  press_f9 (window, FALSE);
  g_assert_true (focus (window) == text_view (window));

  window_destroy (window);
}

/* Narrowing the window past the fold closes the pane rather than laying it over the text. */
static void
test_pane_closes_when_folding (Fixture       *fixture,
                               gconstpointer  data)
{
  ScholiaWindow *window;

  if (!test_keys_available ())
    return;

  window = window_with_essay (fixture, 1100, 720);
  scholia_document_page_set_pane_revealed (window_page (window), TRUE);
  settle (window);
  g_assert_false (scholia_document_page_get_pane_folded (window_page (window)));

  resize (window, 700, 600);
  g_assert_true (scholia_document_page_get_pane_folded (window_page (window)));
  g_assert_false (scholia_document_page_get_pane_revealed (window_page (window)));

  /* Nor does it come back over the text when the window widens again. */
  resize (window, 1100, 720);
  g_assert_false (scholia_document_page_get_pane_revealed (window_page (window)));

  window_destroy (window);
}

/* The width of the text column, as laid out. */
static int
column_width (ScholiaWindow *window)
{
  return gtk_widget_get_width (text_view (window));
}

static void
check_column_grows (ScholiaWindow *window,
                    int            from,
                    gboolean       pane_open)
{
  int previous = 0;

  for (int width = from; width <= screen_width (window); width += 40)
    {
      int column;

      resize (window, width, 720);
      column = column_width (window);
      g_test_message ("window %d, pane %s: text column %d, library %s", width,
                      pane_open ? "open" : "closed", column,
                      adw_leaflet_get_folded (window_child (window, "leaflet")) ? "folded" : "beside");
      g_assert_cmpint (column, >=, previous);
      previous = column;
    }
}

/* The text column never gets narrower because the window got wider: the library comes in only
 * when the text keeps its full column beside it, with the pane closed and with it open. */
static void
test_column_never_narrows (Fixture       *fixture,
                           gconstpointer  data)
{
  ScholiaWindow *window;

  if (!test_keys_available ())
    return;

  window = window_with_essay (fixture, 720, 720);
  check_column_grows (window, 720, FALSE);

  /* From the width where the pane goes beside the text. */
  resize (window, 1000, 720);
  scholia_document_page_set_pane_revealed (window_page (window), TRUE);
  settle (window);
  g_assert_false (scholia_document_page_get_pane_folded (window_page (window)));
  check_column_grows (window, 1000, TRUE);

  window_destroy (window);
}

/* The narrowest display the metainfo says Scholia works on (<requires><display_length>). */
static int
required_display_length (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "io.github.scholia.Scholia.metainfo.xml.in", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<requires>\\s*<display_length compare=\"ge\">(\\d+)<",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *length = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match (regex, contents, 0, &match));
  length = g_match_info_fetch (match, 1);
  return atoi (length);
}

/* The metainfo's display_length is true: with GNOME's title bar buttons, the window gets that
 * narrow (less the frame it draws without a window manager), and shows the text there. */
static void
test_narrowest_width (Fixture       *fixture,
                      gconstpointer  data)
{
  int narrowest = required_display_length ();
  ScholiaWindow *window;
  GtkWidget *leaflet;
  int minimum, frame;

  if (!test_keys_available ())
    return;

  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  window = window_with_essay (fixture, 800, 600);
  leaflet = window_child (window, "leaflet");

  gtk_widget_measure (leaflet, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, narrowest);

  frame = gtk_widget_get_width (GTK_WIDGET (window)) - gtk_widget_get_width (leaflet);
  resize (window, narrowest + frame, 600);
  g_assert_cmpint (gtk_widget_get_width (leaflet), <=, narrowest);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  g_assert_true (scholia_document_page_get_pane_folded (window_page (window)));
  g_assert_true (gtk_widget_get_mapped (text_view (window)));
  g_assert_cmpint (column_width (window), >=, narrowest - 24);

  window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);

  test_add_with_library ("/window-layout/tag/default-size", test_tag_at_default_size);
  test_add_with_library ("/window-layout/tag/small-size", test_tag_at_small_size);
  test_add_with_library ("/window-layout/pane/beside-wide", test_pane_beside_wide);
  test_add_with_library ("/window-layout/pane/beside-default", test_pane_beside_default);
  test_add_with_library ("/window-layout/pane/overlay-small", test_pane_overlay_small);
  test_add_with_library ("/window-layout/pane/closes-when-folding", test_pane_closes_when_folding);
  test_add_with_library ("/window-layout/column-never-narrows", test_column_never_narrows);

  test_add_with_library ("/window-layout/narrowest-width", test_narrowest_width);
  return g_test_run ();
}
