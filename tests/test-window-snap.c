/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Tagging a passage dragged a letter off stores whole words; a keyboard selection, or any
 * selection with the preference off, is stored as made. */

#include "config.h"

#include <string.h>

#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

#define ESSAY_TEXT \
  "After Lenin’s death the leader, Stalin's rise was swift; the anti-Bolshevik café press " \
  "of 1924 said little."

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

  document = scholia_store_add_document (scholia_window_get_store (window), "Succession",
                                         "Ines Varga", NULL, NULL, ESSAY_TEXT, NULL, &error);
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

/* Selects the first occurrence of @passage, as a drag or as Shift+arrows would, and tags it
 * with the first tag. */
static void
tag_passage (ScholiaWindow *window,
             const char    *passage,
             gboolean       by_pointer)
{
  ScholiaReadingView *reader = window_reader (window);
  const char *found = strstr (ESSAY_TEXT, passage);
  int start;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (ESSAY_TEXT, found);
  scholia_reading_view_select_range (reader, start, start + g_utf8_strlen (passage, -1));
  scholia_reading_view_set_selected_by_pointer (reader, by_pointer);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.tag", "i", 0));
  drain_main_context ();
}

/* The one annotation of the essay must quote @quote, at its place in the text. */
static void
assert_stored (ScholiaWindow *window,
               const char    *quote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  const char *found = strstr (ESSAY_TEXT, quote);
  int start, selected_start, selected_end;

  annotations = scholia_store_list_annotations (scholia_window_get_store (window),
                                                scholia_window_get_document (window), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 1);
  annotation = g_list_model_get_item (annotations, 0);

  start = g_utf8_pointer_to_offset (ESSAY_TEXT, found);
  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, quote);
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, start);
  g_assert_cmpint (scholia_annotation_get_end (annotation), ==, start + g_utf8_strlen (quote, -1));

  /* The reader shows what was tagged, so that the next tag or theme goes to the same passage. */
  g_assert_true (scholia_reading_view_get_selection (window_reader (window), &selected_start,
                                                     &selected_end));
  g_assert_cmpint (selected_start, ==, scholia_annotation_get_start (annotation));
  g_assert_cmpint (selected_end, ==, scholia_annotation_get_end (annotation));
}

static void
test_pointer_selection_is_widened (Fixture       *fixture,
                                   gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);

  tag_passage (window, "er, Stalin's ri", TRUE);
  assert_stored (window, "leader, Stalin's rise");

  window_destroy (window);
}

static void
test_pointer_selection_keeps_words_whole (Fixture       *fixture,
                                          gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);

  /* A curly apostrophe, a hyphen, an accent and a number all belong to their words. */
  tag_passage (window, "’s death", TRUE);
  assert_stored (window, "Lenin’s death");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "library.undo", NULL));
  drain_main_context ();

  tag_passage (window, "Bolshevik caf", TRUE);
  assert_stored (window, "anti-Bolshevik café");

  window_destroy (window);
}

static void
test_keyboard_selection_is_kept (Fixture       *fixture,
                                 gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);

  tag_passage (window, "er, Stalin's ri", FALSE);
  assert_stored (window, "er, Stalin's ri");

  window_destroy (window);
}

static void
test_preference_off_keeps_selection (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  ScholiaWindow *window = window_with_essay (fixture);

  g_settings_set_boolean (settings, "snap-selection-to-words", FALSE);
  tag_passage (window, "er, Stalin's ri", TRUE);
  assert_stored (window, "er, Stalin's ri");

  window_destroy (window);
  g_settings_reset (settings, "snap-selection-to-words");
}

/* The reading view's own capture-phase controller of @type on its text. */
static GtkEventController *
input_watcher (ScholiaReadingView *reader,
               GType               type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (scholia_reading_view_get_source_view (reader)));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        return controller;
    }
  g_assert_not_reached ();
}

static void
select_in_buffer (ScholiaReadingView *reader,
                  int                 start,
                  int                 end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (reader));
  GtkTextIter start_iter, end_iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, end);
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
}

/* A press of a mouse button followed by a move of the selection is a drag; a key that moves the
 * selection makes it a keyboard selection, and a key that does not (Ctrl+1 itself) leaves a drag
 * a drag. */
static void
test_pointer_and_keys_are_told_apart (Fixture       *fixture,
                                      gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  ScholiaReadingView *reader = window_reader (window);
  GtkEventController *click = input_watcher (reader, GTK_TYPE_GESTURE_CLICK);
  GtkEventController *keys = input_watcher (reader, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled;

  g_signal_emit_by_name (click, "pressed", 1, 10.0, 10.0);
  select_in_buffer (reader, 2, 7);
  g_assert_true (scholia_reading_view_get_selected_by_pointer (reader));

  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_1, 0, GDK_CONTROL_MASK, &handled);
  g_assert_false (handled);
  g_assert_true (scholia_reading_view_get_selected_by_pointer (reader));

  select_in_buffer (reader, 2, 8);
  g_assert_false (scholia_reading_view_get_selected_by_pointer (reader));

  window_destroy (window);
}

/* A selection moved by other means than the pointer (keys, the program) counts as exact. */
static void
test_moved_selection_is_exact (Fixture       *fixture,
                                   gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  ScholiaReadingView *reader = window_reader (window);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (reader));
  GtkTextIter start, end;

  scholia_reading_view_select_range (reader, 2, 5);
  g_assert_false (scholia_reading_view_get_selected_by_pointer (reader));
  scholia_reading_view_set_selected_by_pointer (reader, TRUE);
  g_assert_true (scholia_reading_view_get_selected_by_pointer (reader));

  gtk_text_buffer_get_iter_at_offset (buffer, &start, 2);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 7);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_false (scholia_reading_view_get_selected_by_pointer (reader));

  window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);

#define ADD(path, func) \
  test_add_with_library (path, func)

  ADD ("/window/snap/pointer-selection-is-widened", test_pointer_selection_is_widened);
  ADD ("/window/snap/pointer-selection-keeps-words-whole", test_pointer_selection_keeps_words_whole);
  ADD ("/window/snap/keyboard-selection-is-kept", test_keyboard_selection_is_kept);
  ADD ("/window/snap/preference-off-keeps-selection", test_preference_off_keeps_selection);
  ADD ("/window/snap/moved-selection-is-exact", test_moved_selection_is_exact);
  ADD ("/window/snap/pointer-and-keys-are-told-apart", test_pointer_and_keys_are_told_apart);

#undef ADD

  return g_test_run ();
}
