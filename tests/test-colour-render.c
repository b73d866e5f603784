/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "scholia-colour.h"
#include "scholia-reading-view.h"
#include "test-ui.h"

/* The palette's rule (tests/test-colour.c) is computed from the page and selection colours the
 * core assumes for each scheme. These tests measure them in the reading view as GTK draws it,
 * so that a change of style scheme or of libadwaita's selection shows up as a failure here
 * rather than as highlights that look selected again. */

/* Long runs of spaces: selected, they show the selection's background and no glyph. */
static const char blank_text[] =
  "                                                                \n"
  "                                                                \n"
  "                                                                \n";

/* Until @widget is laid out and what is pending has run. */
static void
wait_until_drawn (GtkWidget *widget)
{
  for (guint i = 0; i < 200000 && (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0); i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
  drain_main_context ();
}

typedef struct
{
  GtkWindow          *window;
  ScholiaReadingView *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      GPOINTER_TO_INT (user_data) ? ADW_COLOR_SCHEME_FORCE_DARK
                                                                  : ADW_COLOR_SCHEME_FORCE_LIGHT);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 600);
  fixture->view = SCHOLIA_READING_VIEW (scholia_reading_view_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The source view as it is drawn now, and the colour of its pixel at (x, y). */
static void
read_pixel (GtkWidget  *widget,
            int         x,
            int         y,
            ScholiaRgb *rgb)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autofree guchar *pixels = g_malloc (width * height * 4);
  const guchar *pixel;

  /* A widget in the middle of a relayout draws nothing until the layout is done. */
  for (guint i = 0; i < 200000 && node == NULL; i++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        g_main_context_iteration (NULL, FALSE);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, pixels, width * 4);
  /* Cairo's ARGB32, little-endian: B, G, R, A; the view is opaque. */
  pixel = pixels + (y * width + x) * 4;
  rgb->red = pixel[2] / 255.0;
  rgb->green = pixel[1] / 255.0;
  rgb->blue = pixel[0] / 255.0;
}

static void
assert_rgb_near (const ScholiaRgb *measured,
                 const ScholiaRgb *expected)
{
  ScholiaLab one, other;

  scholia_colour_to_lab (measured, &one);
  scholia_colour_to_lab (expected, &other);
  g_test_message ("measured %.0f,%.0f,%.0f, expected %.0f,%.0f,%.0f", measured->red * 255,
                  measured->green * 255, measured->blue * 255, expected->red * 255, expected->green * 255,
                  expected->blue * 255);
  g_assert_cmpfloat (scholia_colour_delta_e_76 (&one, &other), <, 1.5);
}

static void
test_page_and_selection_as_drawn (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  gboolean dark = GPOINTER_TO_INT (user_data);
  const ScholiaColourScheme *scheme = scholia_colour_get_scheme (dark);
  GtkWidget *source_view = GTK_WIDGET (scholia_reading_view_get_source_view (fixture->view));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (fixture->view));
  GtkTextIter start, end;
  GdkRectangle location;
  ScholiaRgb page, accent, selection, measured;
  int x, y;

  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()) == dark);
  gtk_text_buffer_set_text (buffer, blank_text, -1);
  wait_until_drawn (source_view);

  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 1, 8);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (source_view), &start, &location);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (source_view), GTK_TEXT_WINDOW_WIDGET,
                                         location.x, location.y, &x, &y);
  x += 2;
  y += location.height / 2;

  g_assert_true (scholia_colour_parse (scheme->page, &page));
  read_pixel (source_view, x, y, &measured);
  assert_rgb_near (&measured, &page);

  gtk_widget_grab_focus (source_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  wait_until_drawn (source_view);
  g_assert_true (gtk_widget_has_focus (source_view));

  g_assert_true (scholia_colour_parse (scheme->selection, &accent));
  scholia_colour_blend (&accent, scheme->selection_alpha, &page, &selection);
  read_pixel (source_view, x, y, &measured);
  assert_rgb_near (&measured, &selection);
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

  g_test_add ("/colour-render/light/page-and-selection", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_page_and_selection_as_drawn, fixture_tear_down);
  g_test_add ("/colour-render/dark/page-and-selection", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_and_selection_as_drawn, fixture_tear_down);

  return g_test_run ();
}
