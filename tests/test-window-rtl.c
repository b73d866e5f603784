/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "scholia-table-export.h"
#include "scholia-w3c.h"
#include "scholia-window.h"
#include "rtl-essays.h"
#include "test-files.h"
#include "test-ui.h"

/* The reading view with a right-to-left essay: each paragraph set in its own direction, what
 * is selected on a line that changes direction stored as the code points selected, and the
 * gutters beside the text. */

typedef struct
{
  char          *dir;
  ScholiaWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-window-rtl-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  /* The extra reference lets the teardown check the window really goes away. */
  fixture->window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_assert_true (scholia_window_open_library (fixture->window, path));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  drain_main_context ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static void
show_essay (Fixture    *fixture,
            const char *title,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  document = scholia_store_add_document (scholia_window_get_store (fixture->window), title, "ليلى الحداد", NULL,
                                         NULL, text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_window_show_document (fixture->window, document));
  wait_for_layout (fixture->window);
}

static int
offset_of (const char *text,
           const char *quote)
{
  const char *found = strstr (text, quote);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (text, found);
}

/* Where the character at @offset is drawn, in the view's text window. */
static GdkRectangle
location_of (GtkTextView *view,
             int          offset)
{
  GtkTextIter iter;
  GdkRectangle location;
  int x, y;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, offset);
  gtk_text_view_get_iter_location (view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_TEXT, location.x, location.y, &x, &y);
  location.x = x;
  location.y = y;
  return location;
}

/* GtkTextView gives each paragraph the direction of its first strong character: the Arabic
 * paragraphs start at the right edge and run leftwards, the English essay's start at the left,
 * and the English name inside an Arabic line runs left to right. */
static void
test_paragraph_direction (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkTextView *view;
  int width, paragraph, name;
  GdkRectangle first, last, name_start, name_end;

  show_essay (fixture, "أرشيف بيت الملح", arabic_essay);
  view = GTK_TEXT_VIEW (scholia_reading_view_get_source_view (window_reader (fixture->window)));
  width = gtk_widget_get_width (GTK_WIDGET (view));

  paragraph = offset_of (arabic_essay, "لم يبق");
  first = location_of (view, paragraph);
  last = location_of (view, paragraph + g_utf8_strlen ("لم يبق من السجلات إلا أحد عشر مجلدا، وبعضها بلا تاريخ", -1) - 1);
  g_assert_cmpint (first.x, >, last.x);
  g_assert_cmpint (first.x, >, width / 2);

  name = offset_of (arabic_essay, "Northern Star");
  name_start = location_of (view, name);
  name_end = location_of (view, name + strlen ("Northern Star") - 1);
  g_assert_cmpint (name_start.x, <, name_end.x);
  g_assert_cmpint (name_start.y, ==, name_end.y);

  show_essay (fixture, "The Salt House Archive", english_essay);
  paragraph = offset_of (english_essay, "The keeper");
  first = location_of (view, paragraph);
  g_assert_cmpint (first.x, <, width / 4);
}

/* Selected by iters (as a drag through GtkTextView's own hit testing selects), a run of the
 * Arabic line, the English name inside it and a passage crossing from one into the other are
 * stored as the code points selected, quote included. */
static void
test_selection_on_mixed_lines (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *passages[] = { "نقل أمين الأرشيف", "Northern Star", "السفينة Northern" };
  ScholiaReadingView *reader;
  GtkTextView *view;
  GtkTextBuffer *buffer;

  show_essay (fixture, "أرشيف بيت الملح", arabic_essay);
  reader = window_reader (fixture->window);
  view = GTK_TEXT_VIEW (scholia_reading_view_get_source_view (reader));
  buffer = gtk_text_view_get_buffer (view);

  for (guint i = 0; i < G_N_ELEMENTS (passages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) annotations = NULL;
      g_autoptr(ScholiaAnnotation) annotation = NULL;
      int start = offset_of (arabic_essay, passages[i]);
      int end = start + g_utf8_strlen (passages[i], -1);
      GdkRectangle first = location_of (view, start);
      GtkTextIter start_iter, end_iter;
      int x, y;

      /* Where the passage's first letter is drawn leads back to it. */
      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_TEXT, first.x + first.width / 2,
                                             first.y + first.height / 2, &x, &y);
      gtk_text_view_get_iter_at_location (view, &start_iter, x, y);
      g_assert_cmpint (gtk_text_iter_get_offset (&start_iter), ==, start);

      gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, end);
      gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "doc.tag", "i", 0));
      drain_main_context ();

      annotations = scholia_store_list_annotations (scholia_window_get_store (fixture->window),
                                                    scholia_window_get_document (fixture->window), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, i + 1);
      for (guint a = 0; a < g_list_model_get_n_items (annotations); a++)
        {
          g_autoptr(ScholiaAnnotation) candidate = g_list_model_get_item (annotations, a);

          if (scholia_annotation_get_start (candidate) == start)
            annotation = g_steal_pointer (&candidate);
        }
      g_assert_nonnull (annotation);
      g_assert_cmpint (scholia_annotation_get_end (annotation), ==, end);
      g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, passages[i]);
    }
}

/* The gutters (paragraph numbers, annotation bars) stay on the reader's left, beside the text
 * column, for a right-to-left essay too: they belong to the window's chrome, which GTK lays out
 * in the desktop's direction, not the essay's. */
static void
test_gutter_side (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkSourceView *view;
  GtkWidget *gutter;
  graphene_point_t origin;

  show_essay (fixture, "أرشيف بيت الملح", arabic_essay);
  view = scholia_reading_view_get_source_view (window_reader (fixture->window));
  gutter = GTK_WIDGET (gtk_source_view_get_gutter (view, GTK_TEXT_WINDOW_LEFT));
  g_assert_true (gtk_widget_get_visible (gutter));
  g_assert_true (gtk_widget_compute_point (gutter, GTK_WIDGET (view), &GRAPHENE_POINT_INIT (0, 0), &origin));
  g_assert_cmpfloat (origin.x, <, gtk_widget_get_width (GTK_WIDGET (view)) / 4.0);
  g_assert_cmpint (gtk_widget_get_width (gutter), >, 0);
}

/* An Arabic sentence quoting an English title and a year: the passage from the Arabic word
 * before the title to the year, selected where its first and last characters are drawn, is
 * stored, exported to W3C and to CSV as the code points selected. */
static const char quoting_essay[] =
  "مكتبة الميناء\n"
  "\n"
  "قرأ المؤرخ فصلا من كتاب The Salt Roads طبعة 1887 ثم أعاده إلى الرف.\n";

static void
test_export_of_mixed_line (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *passage = "كتاب The Salt Roads طبعة 1887";
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *row = NULL;
  ScholiaStore *store;
  GtkTextView *view;
  GtkTextIter start_iter, end_iter;
  JsonObject *item;
  JsonArray *selectors;
  int start = offset_of (quoting_essay, passage);
  int end = start + g_utf8_strlen (passage, -1);
  gboolean seen_position = FALSE, seen_quote = FALSE;

  show_essay (fixture, "مكتبة الميناء", quoting_essay);
  store = scholia_window_get_store (fixture->window);
  view = GTK_TEXT_VIEW (scholia_reading_view_get_source_view (window_reader (fixture->window)));
  for (guint i = 0; i < 2; i++)
    {
      GdkRectangle drawn = location_of (view, i == 0 ? start : end - 1);
      GtkTextIter *iter = i == 0 ? &start_iter : &end_iter;
      int x, y;

      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_TEXT, drawn.x + drawn.width / 2,
                                             drawn.y + drawn.height / 2, &x, &y);
      gtk_text_view_get_iter_at_location (view, iter, x, y);
    }
  /* The last character's own place, then past it, as a drag over it selects it. */
  g_assert_cmpint (gtk_text_iter_get_offset (&end_iter), ==, end - 1);
  gtk_text_iter_forward_char (&end_iter);
  g_assert_cmpint (gtk_text_iter_get_offset (&start_iter), ==, start);
  gtk_text_buffer_select_range (gtk_text_view_get_buffer (view), &start_iter, &end_iter);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "doc.tag", "i", 0));
  drain_main_context ();

  annotations = scholia_store_list_annotations (store, scholia_window_get_document (fixture->window), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 1);
  annotation = g_list_model_get_item (annotations, 0);
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, start);
  g_assert_cmpint (scholia_annotation_get_end (annotation), ==, end);
  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, passage);

  g_ptr_array_add (documents, scholia_window_get_document (fixture->window));
  root = scholia_w3c_export (store, documents, &error);
  g_assert_no_error (error);
  item = json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "first"), "items"), 0);
  selectors = json_object_get_array_member (json_object_get_object_member (item, "target"), "selector");
  for (guint i = 0; i < json_array_get_length (selectors); i++)
    {
      JsonObject *selector = json_array_get_object_element (selectors, i);
      const char *type = json_object_get_string_member (selector, "type");

      if (g_strcmp0 (type, "TextPositionSelector") == 0)
        {
          seen_position = TRUE;
          g_assert_cmpint (json_object_get_int_member (selector, "start"), ==, start);
          g_assert_cmpint (json_object_get_int_member (selector, "end"), ==, end);
        }
      else if (g_strcmp0 (type, "TextQuoteSelector") == 0)
        {
          seen_quote = TRUE;
          g_assert_cmpstr (json_object_get_string_member (selector, "exact"), ==, passage);
          g_assert_true (g_str_has_suffix (json_object_get_string_member (selector, "prefix"), "فصلا من "));
          g_assert_true (g_str_has_prefix (json_object_get_string_member (selector, "suffix"), " ثم أعاده"));
        }
    }
  g_assert_true (seen_position && seen_quote);

  csv = scholia_table_export_csv (store, documents, &error);
  g_assert_no_error (error);
  /* quote, note (none), start, end */
  row = g_strdup_printf ("%s,,%d,%d,", passage, start, end);
  g_assert_nonnull (strstr (csv, row));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/window/rtl/paragraph-direction", test_paragraph_direction);
  ADD ("/window/rtl/selection-on-mixed-lines", test_selection_on_mixed_lines);
  ADD ("/window/rtl/gutter-side", test_gutter_side);
  ADD ("/window/rtl/export-of-mixed-line", test_export_of_mixed_line);
#undef ADD

  return g_test_run ();
}
