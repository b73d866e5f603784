/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Issue 12, accessibility: the note of the annotation under the caret is one key away from the
 * text (Ctrl+Shift+N), and Escape goes back; the margin's marks open from the keyboard
 * (Ctrl+Enter), as a click on them does. Real key presses, as a keyboard user's. */

#include "config.h"

#include <string.h>

#include "scholia-highlighter-private.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-keys.h"
#include "test-ui.h"

#define ESSAY_TEXT \
  "Halvorsen blamed the harbour guild for the silted channel.\n\n" \
  "The port books show dredging stopped when the tolls fell.\n"

typedef TestLibraryFixture Fixture;

static ScholiaWindow *
window_with_essay (Fixture *fixture)
{
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  g_assert_true (scholia_window_open_library (window, fixture->library));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();

  document = scholia_store_add_document (scholia_window_get_store (window), "Silt and Tolls",
                                         "Ragna Halvorsen", "1988", NULL, ESSAY_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_window_show_document (window, document));
  wait_for_layout (window);
  return window;
}

static void
window_destroy (ScholiaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static int
offset_of (const char *passage)
{
  const char *found = strstr (ESSAY_TEXT, passage);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (ESSAY_TEXT, found);
}

/* Tags @passage with the palette's first tag and gives it @note, as a user would. */
static ScholiaAnnotation *
annotate (ScholiaWindow *window,
          const char    *passage,
          const char    *note)
{
  int start = offset_of (passage);
  ScholiaAnnotation *annotation;
  g_autoptr(GError) error = NULL;

  scholia_reading_view_select_range (window_reader (window), start, start + g_utf8_strlen (passage, -1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.tag", "i", 0));
  drain_main_context ();
  annotation = scholia_reading_get_current (scholia_window_get_reading (window));
  g_assert_nonnull (annotation);
  g_assert_true (scholia_editor_set_note (scholia_window_get_editor (window), annotation, note, &error));
  g_assert_no_error (error);
  return annotation;
}

static GtkWidget *
focus_of (ScholiaWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static gboolean
note_has_focus (gpointer data)
{
  ScholiaWindow *window = data;
  GtkWidget *focus = focus_of (window);

  return focus != NULL && GTK_IS_TEXT_VIEW (focus) && !GTK_SOURCE_IS_VIEW (focus) &&
         gtk_widget_is_ancestor (focus, GTK_WIDGET (window_inspector (window)));
}

static gboolean
text_has_focus (gpointer data)
{
  ScholiaWindow *window = data;

  return focus_of (window) == GTK_WIDGET (scholia_reading_view_get_source_view (window_reader (window)));
}

static char *
focused_text (ScholiaWindow *window)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus_of (window)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The caret in the first of two highlights, the pane closed and showing the second: one key
 * opens the first one's note, ready to read and edit; Escape goes back to the text. */
static void
test_note_of_caret_annotation_in_one_key (Fixture       *fixture,
                                          gconstpointer  data)
{
  ScholiaWindow *window;
  ScholiaAnnotation *first;
  g_autofree char *note = NULL;
  int caret = offset_of ("harbour guild") + 3;

  if (!test_keys_available ())
    return;

  window = window_with_essay (fixture);
  first = annotate (window, "harbour guild", "Which guild? Check the charter of 1841.");
  annotate (window, "dredging stopped", "Port books, vol. 3");
  scholia_document_page_set_pane_revealed (window_page (window), FALSE);
  scholia_reading_view_select_range (window_reader (window), caret, caret);
  g_assert_true (scholia_document_page_focus_text (window_page (window)));
  drain_main_context ();

  test_keys_focus (GTK_WINDOW (window));
  test_keys_press ("ctrl+shift+n");
  g_assert_true (test_keys_wait (note_has_focus, window));
  g_assert_true (scholia_document_page_get_pane_revealed (window_page (window)));
  g_assert_true (scholia_annotation_inspector_get_annotation (window_inspector (window)) == first);
  note = focused_text (window);
  g_assert_cmpstr (note, ==, "Which guild? Check the charter of 1841.");

  test_keys_press ("Escape");
  g_assert_true (test_keys_wait (text_has_focus, window));

  window_destroy (window);
}

static gboolean
inspects_third (gpointer data)
{
  ScholiaWindow *window = data;
  ScholiaAnnotation *annotation = scholia_annotation_inspector_get_annotation (window_inspector (window));

  return annotation != NULL && scholia_annotation_get_start (annotation) == offset_of ("dredging stopped");
}

static gboolean
chooser_shown (gpointer data)
{
  ScholiaWindow *window = data;
  ScholiaHighlighter *highlighter = scholia_document_page_get_highlighter (window_page (window));

  return _scholia_annotation_gutter_get_popover (scholia_highlighter_get_gutter (highlighter)) != NULL;
}

static void
press_in_text_at (ScholiaWindow *window,
                  int            caret,
                  const char    *key)
{
  scholia_reading_view_select_range (window_reader (window), caret, caret);
  g_assert_true (scholia_document_page_focus_text (window_page (window)));
  drain_main_context ();
  test_keys_focus (GTK_WINDOW (window));
  test_keys_press (key);
}

/* A gutter renderer cannot take the focus: Ctrl+Enter in the text does what a click on the
 * caret line's marks does, the one annotation inspected, or the chooser for two. */
static void
test_margin_marks_from_keyboard (Fixture       *fixture,
                                 gconstpointer  data)
{
  ScholiaWindow *window;

  if (!test_keys_available ())
    return;

  window = window_with_essay (fixture);
  annotate (window, "harbour guild", "");
  annotate (window, "silted channel", "");
  annotate (window, "dredging stopped", "");
  scholia_reading_set_current (scholia_window_get_reading (window), NULL);
  scholia_document_page_set_pane_revealed (window_page (window), FALSE);

  press_in_text_at (window, offset_of ("port books"), "ctrl+Return");
  g_assert_true (test_keys_wait (inspects_third, window));
  g_assert_true (scholia_document_page_get_pane_revealed (window_page (window)));
  g_assert_false (chooser_shown (window));

  press_in_text_at (window, offset_of ("blamed"), "ctrl+Return");
  g_assert_true (test_keys_wait (chooser_shown, window));

  window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);

  test_add_with_library ("/window/a11y/note-of-caret-annotation-in-one-key",
                         test_note_of_caret_annotation_in_one_key);
  test_add_with_library ("/window/a11y/margin-marks-from-keyboard", test_margin_marks_from_keyboard);

  return g_test_run ();
}
