/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A book-length essay (1 MB, 5,000 highlights): Ctrl+End, Ctrl+Home and a jump to the last
 * annotation show their target within a few frames, before the view has measured the lines in
 * between, and keep showing it once it has; the highlights at the far end carry their tags'
 * colours. Not timed: bench-long-text measures. */

#include "config.h"

#include "bench/bench-corpus.h"
#include "bench/bench-long-essay.h"
#include "bench/bench-ui.h"
#include "scholia-window.h"
#include "test-keys.h"
#include "test-ui.h"

/* The view lays the whole essay out in idle time over a second or more (hundreds of frames); a
 * jump must not wait for that: it takes two frames at most (one to measure around the target,
 * one to scroll there). */
#define MAX_JUMP_FRAMES 2

/* Frames in a row without the text growing taller: the view has measured it all. */
#define STEADY_FRAMES   90

static char *library_path;
static char *essay_text;

static GtkTextView *
text_view_of (ScholiaWindow *window)
{
  return GTK_TEXT_VIEW (scholia_reading_view_get_source_view (window_reader (window)));
}

static int
caret_offset (ScholiaWindow *window)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view_of (window));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

/* The character at @offset is on screen, whole. */
static gboolean
offset_is_visible (ScholiaWindow *window,
                   int            offset)
{
  GtkTextView *text_view = text_view_of (window);
  GdkRectangle visible, location;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, offset);
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_location (text_view, &iter, &location);

  return location.y >= visible.y && location.y + location.height <= visible.y + visible.height;
}

/* The essay's last line (its last character's row) or its first. */
static gboolean
last_line_visible (ScholiaWindow *window)
{
  return offset_is_visible (window, MAX (g_utf8_strlen (essay_text, -1) - 1, 0));
}

static gboolean
first_line_visible (ScholiaWindow *window)
{
  return offset_is_visible (window, 0);
}

/* Counts the frames painted until @shown holds, failing past MAX_JUMP_FRAMES. */
static void
assert_shown_within_frames (ScholiaWindow *window,
                            gboolean     (*shown) (ScholiaWindow *window))
{
  guint frames = 0;

  while (!shown (window))
    {
      g_assert_cmpuint (++frames, <=, MAX_JUMP_FRAMES);
      bench_wait_for_paint (GTK_WIDGET (window));
    }
}

/* Paints frames until the view has measured the whole essay. */
static void
wait_for_measured (ScholiaWindow *window)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (text_view_of (window)));
  double upper = -1;
  guint steady = 0;

  while (steady < STEADY_FRAMES)
    {
      bench_wait_for_paint (GTK_WIDGET (window));
      if (gtk_adjustment_get_upper (vadjustment) == upper)
        steady++;
      else
        steady = 0;
      upper = gtk_adjustment_get_upper (vadjustment);
    }
}

static gboolean
caret_at_end (gpointer data)
{
  return caret_offset (data) == g_utf8_strlen (essay_text, -1);
}

static gboolean
caret_at_start (gpointer data)
{
  return caret_offset (data) == 0;
}

static ScholiaWindow *
window_with_essay (void)
{
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));

  g_assert_true (scholia_window_open_library (window, library_path));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_layout (window);
  g_assert_true (scholia_window_show_document_by_name (window, BENCH_LONG_ESSAY_TITLE));
  bench_wait_for_paint (GTK_WIDGET (window));
  g_assert_true (first_line_visible (window));
  return window;
}

static void
window_destroy (ScholiaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Presses @key in the text and checks that the caret lands where @landed says, shown within a
 * few frames by @shown. */
static void
press_in_text (ScholiaWindow *window,
               const char    *key,
               gboolean     (*landed) (gpointer data),
               gboolean     (*shown) (ScholiaWindow *window))
{
  test_keys_press (key);
  g_assert_true (test_keys_wait (landed, window));
  assert_shown_within_frames (window, shown);
}

static ScholiaWindow *
window_with_keys (void)
{
  ScholiaWindow *window = window_with_essay ();

  g_assert_true (scholia_document_page_focus_text (window_page (window)));
  test_keys_focus (GTK_WINDOW (window));
  return window;
}

/* Ctrl+End and Ctrl+Home pressed on the keyboard, as a reader does. */
static void
test_end_and_home (void)
{
  ScholiaWindow *window;

  if (!test_keys_available ())
    return;

  window = window_with_keys ();
  press_in_text (window, "ctrl+End", caret_at_end, last_line_visible);
  /* The lines above, measured later, must not push the end out of view. */
  wait_for_measured (window);
  g_assert_true (last_line_visible (window));
  g_assert_true (caret_at_end (window));

  press_in_text (window, "ctrl+Home", caret_at_start, first_line_visible);
  g_assert_false (last_line_visible (window));

  window_destroy (window);
}

/* Ctrl+Home before the view has measured the text down to the end it was sent to. */
static void
test_home_right_after_end (void)
{
  ScholiaWindow *window;

  if (!test_keys_available ())
    return;

  window = window_with_keys ();
  press_in_text (window, "ctrl+End", caret_at_end, last_line_visible);
  press_in_text (window, "ctrl+Home", caret_at_start, first_line_visible);
  /* Nothing drags the view back to the end. */
  wait_for_measured (window);
  g_assert_true (first_line_visible (window));

  window_destroy (window);
}

/* The last characters selected by the program, as a search hit there is: the 2.3 s. */
static void
test_select_at_end (void)
{
  ScholiaWindow *window = window_with_essay ();
  int length = g_utf8_strlen (essay_text, -1);
  int start, end;

  scholia_reading_view_select_range (window_reader (window), length - 10, length);
  assert_shown_within_frames (window, last_line_visible);
  wait_for_measured (window);
  g_assert_true (last_line_visible (window));
  g_assert_true (scholia_reading_view_get_selection (window_reader (window), &start, &end));
  g_assert_cmpint (start, ==, length - 10);
  g_assert_cmpint (end, ==, length);

  window_destroy (window);
}

static void
assert_annotation_shown (ScholiaWindow     *window,
                         ScholiaAnnotation *annotation)
{
  int start, end;

  g_assert_true (scholia_reading_get_current (scholia_window_get_reading (window)) == annotation);
  g_assert_true (scholia_reading_view_get_selection (window_reader (window), &start, &end));
  g_assert_cmpint (start, ==, scholia_annotation_get_start (annotation));
  g_assert_cmpint (end, ==, scholia_annotation_get_end (annotation));
  g_assert_true (offset_is_visible (window, end - 1));
}

static gboolean
last_annotation_end_visible (ScholiaWindow *window)
{
  ScholiaAnnotation *last = scholia_reading_get_previous (scholia_window_get_reading (window), NULL);

  return offset_is_visible (window, scholia_annotation_get_end (last) - 1);
}

/* Its row in the annotation list, then the previous and next annotation actions. */
static void
test_jump_to_last_annotation (void)
{
  ScholiaWindow *window = window_with_essay ();
  ScholiaReading *reading = scholia_window_get_reading (window);
  ScholiaAnnotation *last = scholia_reading_get_previous (reading, NULL);
  ScholiaAnnotation *before_last = scholia_reading_get_previous (reading, last);

  g_assert_cmpuint (scholia_reading_get_n_placed (reading), ==, BENCH_LONG_ESSAY_N_ANNOTATIONS);
  g_assert_cmpint (scholia_annotation_get_end (last), >, g_utf8_strlen (essay_text, -1) - 1000);

  scholia_document_page_show_annotation (window_page (window), last);
  assert_shown_within_frames (window, last_annotation_end_visible);
  assert_annotation_shown (window, last);
  wait_for_measured (window);
  assert_annotation_shown (window, last);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.previous-annotation", NULL));
  drain_main_context ();
  assert_annotation_shown (window, before_last);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.next-annotation", NULL));
  drain_main_context ();
  assert_annotation_shown (window, last);

  window_destroy (window);
}

/* The last annotation's passage, at the far end of the text, carries its first tag's
 * background, in that tag's colour. */
static void
test_highlights_at_end (void)
{
  ScholiaWindow *window = window_with_essay ();
  ScholiaReading *reading = scholia_window_get_reading (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view_of (window));
  guint checked = 0;

  for (ScholiaAnnotation *annotation = scholia_reading_get_previous (reading, NULL);
       annotation != NULL && checked < 20;
       annotation = scholia_reading_get_previous (reading, annotation), checked++)
    {
      ScholiaLabel *tag;
      g_autofree char *tag_name = NULL;
      g_autoptr(GdkRGBA) background = NULL;
      GtkTextTag *text_tag;
      GtkTextIter iter;
      GdkRGBA colour;
      /* Its first character: the passage drawn there may be nested in this one, but not its
       * first character's fill, unless another begins at the same place. */
      int offset = scholia_annotation_get_start (annotation);
      guint n_tags = 0;
      gint64 tag_id = scholia_annotation_get_tag_ids (annotation, &n_tags)[0];

      g_assert_cmpuint (n_tags, >, 0);
      tag = scholia_store_lookup_label (scholia_window_get_store (window), SCHOLIA_TYPE_TAG, tag_id);
      g_assert_nonnull (tag);
      tag_name = g_strdup_printf ("scholia-tag-%" G_GINT64_FORMAT, tag_id);
      text_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
      g_assert_nonnull (text_tag);

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
      g_assert_true (gtk_text_iter_has_tag (&iter, text_tag));
      g_object_get (text_tag, "background-rgba", &background, NULL);
      g_assert_true (gdk_rgba_parse (&colour, scholia_label_get_colour (tag)));
      g_assert_cmpfloat_with_epsilon (background->red, colour.red, 1e-3);
      g_assert_cmpfloat_with_epsilon (background->green, colour.green, 1e-3);
      g_assert_cmpfloat_with_epsilon (background->blue, colour.blue, 1e-3);
    }
  g_assert_cmpuint (checked, ==, 20);

  window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int status;

  test_ui_init (&argc, &argv);

  dir = g_dir_make_tmp ("scholia-test-long-text-XXXXXX", &error);
  g_assert_no_error (error);
  library_path = g_build_filename (dir, "library.db", NULL);
  bench_long_essay_library (library_path, &essay_text);

  g_test_add_func ("/window-long-text/end-and-home", test_end_and_home);
  g_test_add_func ("/window-long-text/home-right-after-end", test_home_right_after_end);
  g_test_add_func ("/window-long-text/select-at-end", test_select_at_end);
  g_test_add_func ("/window-long-text/jump-to-last-annotation", test_jump_to_last_annotation);
  g_test_add_func ("/window-long-text/highlights-at-end", test_highlights_at_end);
  status = g_test_run ();

  bench_remove_dir (dir);
  g_free (library_path);
  g_free (essay_text);
  return status;
}
