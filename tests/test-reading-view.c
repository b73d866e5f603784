/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "scholia-colour.h"
#include "scholia-reading-view.h"
#include "test-ui.h"

/* Curly quotes, an accented letter, an em dash, Cyrillic and an emoji
 * outside the Basic Multilingual Plane: every width UTF-8 has. */
static const char multibyte_text[] =
  "“Café” — Москва 🦉 annals.\n"
  "Second line: naïve façade — end.";

/* "Quire" appears three times, in three cases. */
static const char find_text[] =
  "The first quire was bound in vellum. A second Quire followed,\n"
  "and the binder's ledger lists a third QUIRE — the last of them.";

/* Spins the main loop without blocking until @cond holds or a generous
 * number of iterations has passed; the caller asserts the condition. */
#define ITERATE_UNTIL(cond)                                               \
  G_STMT_START {                                                          \
    for (guint iterations_ = 0; iterations_ < 200000 && !(cond); iterations_++) \
      g_main_context_iteration (NULL, FALSE);                             \
  } G_STMT_END

typedef struct
{
  GtkWindow          *window;
  ScholiaReadingView *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
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
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);

  gtk_window_destroy (fixture->window);
  g_settings_reset (settings, "reading-font");
  g_settings_reset (settings, "reading-line-spacing");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static GtkWidget *
find_buildable (GtkWidget  *widget,
                 GType       type,
                 const char *buildable_id)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (buildable_id == NULL ||
       g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), buildable_id) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_buildable (child, type, buildable_id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
get_buffer_text (ScholiaReadingView *view)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static GtkTextTag *
get_font_tag (ScholiaReadingView *view)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (view));
  g_autoptr(GSList) tags = NULL;
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (buffer, &start);
  tags = gtk_text_iter_get_tags (&start);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      gboolean size_set;

      g_object_get (l->data, "size-set", &size_set, NULL);
      if (size_set)
        return l->data;
    }

  return NULL;
}

static int
get_tag_font_size (GtkTextTag *tag)
{
  PangoFontDescription *desc = NULL;
  int size;

  g_object_get (tag, "font-desc", &desc, NULL);
  size = pango_font_description_get_size (desc);
  pango_font_description_free (desc);

  return size;
}

static int
get_tag_line_spacing (GtkTextTag *tag)
{
  int pixels = -1;

  g_object_get (tag, "pixels-inside-wrap", &pixels, NULL);
  return pixels;
}

static int
code_point_offset_of (const char *text,
                      const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return (int) g_utf8_pointer_to_offset (text, found);
}

static void
test_document_keeps_text (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *text = NULL;
  GtkTextView *text_view = GTK_TEXT_VIEW (scholia_reading_view_get_source_view (fixture->view));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (fixture->view));

  scholia_reading_view_set_document (fixture->view, "Ledgers of the Quiet Abbey",
                                     "Ilse Varga", multibyte_text);

  text = get_buffer_text (fixture->view);
  g_assert_cmpstr (text, ==, multibyte_text);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==,
                   g_utf8_strlen (multibyte_text, -1));
  g_assert_true (gtk_text_view_get_buffer (text_view) == buffer);
  g_assert_false (gtk_text_view_get_editable (text_view));
  g_assert_true (gtk_text_view_get_cursor_visible (text_view));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (text_view), ==, GTK_WRAP_WORD_CHAR);
  g_assert_cmpstr (scholia_reading_view_get_title (fixture->view), ==, "Ledgers of the Quiet Abbey");
  g_assert_cmpstr (scholia_reading_view_get_author (fixture->view), ==, "Ilse Varga");
}

static void
on_notify_count_cb (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  int *count = user_data;

  (*count)++;
}

static void
test_document_notifies_title_on_change (Fixture       *fixture,
                                        gconstpointer  user_data)
{
  int notifications = 0;
  g_autofree char *text = NULL;

  g_signal_connect (fixture->view, "notify::title", G_CALLBACK (on_notify_count_cb), &notifications);

  scholia_reading_view_set_document (fixture->view, "A Map of Salt", "Odo Brisk", "Text.");
  g_assert_cmpint (notifications, ==, 1);
  scholia_reading_view_set_document (fixture->view, "A Map of Salt", "Odo Brisk", "Other text.");
  g_assert_cmpint (notifications, ==, 1);

  scholia_reading_view_set_document (fixture->view, NULL, NULL, NULL);
  g_assert_cmpint (notifications, ==, 2);
  g_assert_null (scholia_reading_view_get_title (fixture->view));
  text = get_buffer_text (fixture->view);
  g_assert_cmpstr (text, ==, "");
}

static void
test_selection_round_trips_offsets (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (fixture->view));
  int owl = code_point_offset_of (multibyte_text, "🦉");
  int start = -1, end = -1;
  g_autofree char *expected = NULL;
  g_autofree char *selected = NULL;
  GtkTextIter start_iter, end_iter;

  scholia_reading_view_set_document (fixture->view, NULL, NULL, multibyte_text);

  /* Nothing selected: both offsets are the caret's, at the start. */
  g_assert_false (scholia_reading_view_get_selection (fixture->view, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 0);

  /* From "Москва" to just past the owl. */
  scholia_reading_view_select_range (fixture->view, owl - 7, owl + 1);
  g_assert_true (scholia_reading_view_get_selection (fixture->view, &start, &end));
  g_assert_cmpint (start, ==, owl - 7);
  g_assert_cmpint (end, ==, owl + 1);

  gtk_text_buffer_get_selection_bounds (buffer, &start_iter, &end_iter);
  selected = gtk_text_iter_get_text (&start_iter, &end_iter);
  expected = g_utf8_substring (multibyte_text, owl - 7, owl + 1);
  g_assert_cmpstr (selected, ==, "Москва 🦉");
  g_assert_cmpstr (selected, ==, expected);
}

static gboolean
insert_is_on_screen (GtkTextView *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GdkRectangle visible, location;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_location (text_view, &iter, &location);

  return visible.height > 0 &&
         location.y >= visible.y &&
         location.y + location.height <= visible.y + visible.height;
}

static void
test_selection_scrolls_into_view (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (scholia_reading_view_get_source_view (fixture->view));
  g_autoptr(GString) text = g_string_new (NULL);
  int length;

  /* Long enough that the view has not measured the end when asked to
   * show it. */
  for (int i = 0; i < 4000; i++)
    g_string_append_printf (text, "Entry %d of the tithe roll names a miller, his mill and its rent.\n", i);
  length = (int) g_utf8_strlen (text->str, -1);

  scholia_reading_view_set_document (fixture->view, NULL, NULL, text->str);
  ITERATE_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (text_view)));

  scholia_reading_view_select_range (fixture->view, length - 20, length - 10);
  ITERATE_UNTIL (insert_is_on_screen (text_view));
  g_assert_true (insert_is_on_screen (text_view));
}

static void
test_selection_by_keyboard (Fixture       *fixture,
                            gconstpointer  user_data)
{
  GtkSourceView *source_view = scholia_reading_view_get_source_view (fixture->view);
  int start = -1, end = -1;

  scholia_reading_view_set_document (fixture->view, NULL, NULL, multibyte_text);
  ITERATE_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (source_view)));

  /* What Shift+Right does, three times: with a visible caret the read-only
   * view extends a selection instead of scrolling. */
  g_signal_emit_by_name (source_view, "move-cursor", GTK_MOVEMENT_VISUAL_POSITIONS, 3, TRUE);
  g_assert_true (scholia_reading_view_get_selection (fixture->view, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 3);
}

static void
test_find_counts_and_moves (Fixture       *fixture,
                            gconstpointer  user_data)
{
  GtkWidget *search_bar = find_buildable (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_BAR, NULL);
  GtkWidget *entry = find_buildable (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *count_label = find_buildable (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL, "count_label");
  int first = code_point_offset_of (find_text, "quire");
  int second = code_point_offset_of (find_text, "Quire");
  int third = code_point_offset_of (find_text, "QUIRE");
  int start = -1, end = -1;

  g_assert_nonnull (search_bar);
  g_assert_nonnull (entry);
  g_assert_nonnull (count_label);

  scholia_reading_view_set_document (fixture->view, NULL, NULL, find_text);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "reader.find", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "quire");
  ITERATE_UNTIL (g_str_equal (gtk_label_get_label (GTK_LABEL (count_label)), "1 of 3"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count_label)), ==, "1 of 3");
  g_assert_true (scholia_reading_view_get_selection (fixture->view, &start, &end));
  g_assert_cmpint (start, ==, first);
  g_assert_cmpint (end, ==, first + 5);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "reader.find-next", NULL));
  ITERATE_UNTIL (scholia_reading_view_get_selection (fixture->view, &start, &end) && start == second);
  g_assert_cmpint (start, ==, second);
  g_assert_cmpint (end, ==, second + 5);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count_label)), ==, "2 of 3");

  /* Enter in the entry goes on to the next match. */
  g_signal_emit_by_name (entry, "activate");
  ITERATE_UNTIL (scholia_reading_view_get_selection (fixture->view, &start, &end) && start == third);
  g_assert_cmpint (start, ==, third);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count_label)), ==, "3 of 3");

  /* Previous from the first match wraps around to the last one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "reader.find-previous", NULL));
  ITERATE_UNTIL (scholia_reading_view_get_selection (fixture->view, &start, &end) && start == second);
  g_assert_cmpint (start, ==, second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "reader.find-previous", NULL));
  ITERATE_UNTIL (scholia_reading_view_get_selection (fixture->view, &start, &end) && start == first);
  g_assert_cmpint (start, ==, first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "reader.find-previous", NULL));
  ITERATE_UNTIL (scholia_reading_view_get_selection (fixture->view, &start, &end) && start == third);
  g_assert_cmpint (start, ==, third);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "reader.find-close", NULL));
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  /* The match stays selected for the reader to act on. */
  g_assert_true (scholia_reading_view_get_selection (fixture->view, &start, &end));
  g_assert_cmpint (start, ==, third);
}

static void
test_find_escape_returns_to_text (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  GtkWidget *search_bar = find_buildable (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_BAR, NULL);
  GtkWidget *entry = find_buildable (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *source_view = GTK_WIDGET (scholia_reading_view_get_source_view (fixture->view));

  scholia_reading_view_set_document (fixture->view, NULL, NULL, find_text);
  ITERATE_UNTIL (gtk_widget_get_mapped (source_view));

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "reader.find", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (fixture->window), entry));

  /* What the entry does on Escape. */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (gtk_window_get_focus (fixture->window) == source_view);
}

static void
test_find_reports_no_matches (Fixture       *fixture,
                              gconstpointer  user_data)
{
  GtkWidget *entry = find_buildable (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *count_label = find_buildable (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL, "count_label");

  scholia_reading_view_set_document (fixture->view, NULL, NULL, find_text);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "reader.find", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "palimpsest");
  ITERATE_UNTIL (g_str_equal (gtk_label_get_label (GTK_LABEL (count_label)), "No matches"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count_label)), ==, "No matches");

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count_label)), ==, "");
}

static void
test_find_starts_from_selection (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  GtkWidget *entry = find_buildable (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *count_label = find_buildable (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL, "count_label");
  int second = code_point_offset_of (find_text, "Quire");

  scholia_reading_view_set_document (fixture->view, NULL, NULL, find_text);
  scholia_reading_view_select_range (fixture->view, second, second + 5);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "reader.find", NULL);

  /* The selected word becomes the query and stays the current match. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Quire");
  ITERATE_UNTIL (g_str_equal (gtk_label_get_label (GTK_LABEL (count_label)), "2 of 3"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count_label)), ==, "2 of 3");
}

static void
test_settings_reading_font (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  PangoFontDescription *desc = NULL;
  GtkTextTag *tag;
  int default_spacing = -1;
  int wider_spacing = -1;

  scholia_reading_view_set_document (fixture->view, NULL, NULL, multibyte_text);
  tag = get_font_tag (fixture->view);
  g_assert_nonnull (tag);

  g_object_get (tag, "font-desc", &desc, "pixels-inside-wrap", &default_spacing, NULL);
  g_assert_cmpstr (pango_font_description_get_family (desc), ==, "Serif");
  g_assert_cmpint (pango_font_description_get_size (desc), ==, 13 * PANGO_SCALE);
  g_assert_cmpint (default_spacing, >, 0);
  g_clear_pointer (&desc, pango_font_description_free);

  g_settings_set_string (settings, "reading-font", "Sans Bold 17");
  ITERATE_UNTIL (get_tag_font_size (tag) == 17 * PANGO_SCALE);
  g_object_get (tag, "font-desc", &desc, NULL);
  g_assert_cmpstr (pango_font_description_get_family (desc), ==, "Sans");
  g_assert_cmpint (pango_font_description_get_weight (desc), ==, PANGO_WEIGHT_BOLD);
  g_assert_cmpint (pango_font_description_get_size (desc), ==, 17 * PANGO_SCALE);
  g_clear_pointer (&desc, pango_font_description_free);

  g_settings_set_double (settings, "reading-line-spacing", 2.2);
  ITERATE_UNTIL (get_tag_line_spacing (tag) > default_spacing);
  wider_spacing = get_tag_line_spacing (tag);
  g_assert_cmpint (wider_spacing, >, default_spacing);
}

static const char *
get_scheme_id (ScholiaReadingView *view)
{
  GtkSourceStyleScheme *scheme = gtk_source_buffer_get_style_scheme (scholia_reading_view_get_buffer (view));

  return scheme != NULL ? gtk_source_style_scheme_get_id (scheme) : NULL;
}

static void
test_style_follows_dark_mode (Fixture       *fixture,
                              gconstpointer  user_data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  ITERATE_UNTIL (g_strcmp0 (get_scheme_id (fixture->view), "Adwaita") == 0);
  g_assert_cmpstr (get_scheme_id (fixture->view), ==, "Adwaita");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  ITERATE_UNTIL (g_strcmp0 (get_scheme_id (fixture->view), "Adwaita-dark") == 0);
  g_assert_cmpstr (get_scheme_id (fixture->view), ==, "Adwaita-dark");
}

/* The palette's rule (tests/test-colour.c) is computed from the page and selection colours the
 * core assumes for each scheme (src/core/scholia-colour.c). These tests measure them in the
 * view as GTK draws it, so that a change of style scheme or of libadwaita's selection fails
 * here rather than making highlights look selected again. */

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

/* @widget as it is drawn now, as cairo's ARGB32 (little-endian: B, G, R, A), width × height. */
static guchar *
download_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guchar *pixels = g_malloc (width * height * 4);

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
  return pixels;
}

/* The source view as it is drawn now, and the colour of its pixel at (x, y). */
static void
read_pixel (GtkWidget  *widget,
            int         x,
            int         y,
            ScholiaRgb *rgb)
{
  g_autofree guchar *pixels = download_widget (widget);
  const guchar *pixel = pixels + (y * gtk_widget_get_width (widget) + x) * 4;

  /* The view is opaque. */
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

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  ITERATE_UNTIL (g_strcmp0 (get_scheme_id (fixture->view), dark ? "Adwaita-dark" : "Adwaita") == 0);
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

static void
test_widget_finalizes (void)
{
  GtkWidget *view = scholia_reading_view_new ();

  g_object_ref_sink (view);
  scholia_reading_view_set_document (SCHOLIA_READING_VIEW (view), "T", "A", multibyte_text);
  g_assert_finalize_object (view);
}

/* How many pixels of @widget between rows @top and @bottom carry ink (any opaque pixel darker
 * than mid-grey). */
static int
count_ink (GtkWidget *widget,
           int        top,
           int        bottom)
{
  g_autofree guchar *pixels = download_widget (widget);
  int width = gtk_widget_get_width (widget);
  int ink = 0;

  for (int y = MAX (top, 0); y < MIN (bottom, gtk_widget_get_height (widget)); y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *pixel = pixels + (y * width + x) * 4;

        if (pixel[3] > 0 && (pixel[0] + pixel[1] + pixel[2]) / 3 < 200)
          ink++;
      }
  return ink;
}

/* The top and bottom of buffer line @line in the left gutter's coordinates. */
static void
line_rows (ScholiaReadingView *view,
           int                 line,
           int                *top,
           int                *bottom)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (scholia_reading_view_get_source_view (view));
  GtkTextIter iter;
  int y, height;

  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (text_view), &iter, line);
  gtk_text_view_get_line_yrange (text_view, &iter, &y, &height);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_LEFT, 0, y, NULL, top);
  *bottom = *top + height;
}

/* "¶ N" beside each paragraph's first line, numbered as citations number them; a preference
 * hides them. */
static void
test_paragraph_numbers (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const char text[] =
    "The harbour master kept a diary.\n"
    "Its second line belongs to the same paragraph.\n"
    "\n"
    "The diary stops in 1861.\n"
    "  \n"
    "A third paragraph, after a line of spaces.";
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  ScholiaParagraphGutter *gutter = scholia_reading_view_get_paragraph_gutter (fixture->view);
  int top, bottom;

  g_assert_true (g_settings_get_boolean (settings, "reading-paragraph-numbers"));
  scholia_reading_view_set_document (fixture->view, NULL, NULL, text);
  wait_until_drawn (GTK_WIDGET (gutter));

  g_assert_cmpuint (scholia_paragraph_gutter_get_number (gutter, 0), ==, 1);
  g_assert_cmpuint (scholia_paragraph_gutter_get_number (gutter, 1), ==, 0);
  g_assert_cmpuint (scholia_paragraph_gutter_get_number (gutter, 2), ==, 0);
  g_assert_cmpuint (scholia_paragraph_gutter_get_number (gutter, 3), ==, 2);
  g_assert_cmpuint (scholia_paragraph_gutter_get_number (gutter, 5), ==, 3);

  /* Drawn beside the paragraph's first line, not its second. */
  line_rows (fixture->view, 0, &top, &bottom);
  g_assert_cmpint (count_ink (GTK_WIDGET (gutter), top, bottom), >, 0);
  line_rows (fixture->view, 1, &top, &bottom);
  g_assert_cmpint (count_ink (GTK_WIDGET (gutter), top, bottom), ==, 0);
  line_rows (fixture->view, 3, &top, &bottom);
  g_assert_cmpint (count_ink (GTK_WIDGET (gutter), top, bottom), >, 0);

  /* Its column holds a four-figure number in the gutter's own font: the numbers never reach
   * into the annotations' bars beside it. */
  {
    g_autoptr(PangoLayout) widest = gtk_widget_create_pango_layout (GTK_WIDGET (gutter), NULL);
    int width;

    pango_layout_set_markup (widest, "<small>¶ 8888</small>", -1);
    pango_layout_get_pixel_size (widest, &width, NULL);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (gutter)), >=, width);
  }

  g_settings_set_boolean (settings, "reading-paragraph-numbers", FALSE);
  ITERATE_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (gutter)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gutter)));
  g_settings_reset (settings, "reading-paragraph-numbers");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gutter)));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: skipping the reading view tests\n");
      return 77;
    }

  test_ui_init (&argc, &argv);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/reading-view/document/keeps-text-and-is-read-only", test_document_keeps_text);
  ADD_TEST ("/reading-view/document/notifies-title-on-change", test_document_notifies_title_on_change);
  ADD_TEST ("/reading-view/selection/round-trips-code-point-offsets", test_selection_round_trips_offsets);
  ADD_TEST ("/reading-view/selection/scrolls-far-passage-into-view", test_selection_scrolls_into_view);
  ADD_TEST ("/reading-view/selection/extends-by-keyboard", test_selection_by_keyboard);
  ADD_TEST ("/reading-view/find/counts-and-moves-between-matches", test_find_counts_and_moves);
  ADD_TEST ("/reading-view/find/escape-returns-to-text", test_find_escape_returns_to_text);
  ADD_TEST ("/reading-view/find/reports-no-matches", test_find_reports_no_matches);
  ADD_TEST ("/reading-view/find/starts-from-selected-word", test_find_starts_from_selection);
  ADD_TEST ("/reading-view/settings/reading-font-and-spacing", test_settings_reading_font);
  ADD_TEST ("/reading-view/style/follows-dark-mode", test_style_follows_dark_mode);
  ADD_TEST ("/reading-view/paragraph-numbers/beside-first-lines", test_paragraph_numbers);
  g_test_add ("/reading-view/style/page-and-selection-light", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_page_and_selection_as_drawn, fixture_tear_down);
  g_test_add ("/reading-view/style/page-and-selection-dark", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_and_selection_as_drawn, fixture_tear_down);
  g_test_add_func ("/reading-view/lifecycle/finalizes", test_widget_finalizes);

  return g_test_run ();
}
