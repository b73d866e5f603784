/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Issue 15: "Copy passage with citation" (Ctrl+Shift+C) in the style chosen in Preferences: a
 * Chicago note by default, from the essay's reference when its citation key names an imported
 * one, else from its own metadata; or a Pandoc citation. The clipboard offers HTML with the
 * italics beside the plain text. */

#include "config.h"

#include <string.h>

#include "scholia-preferences.h"
#include "scholia-store-references.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

#define ESSAY_TEXT \
  "The ferrymen of Kaunas kept their own calendar of feasts.\n\n" \
  "Their guild books record every crossing refused on a holy day.\n"

typedef TestLibraryFixture Fixture;

/* A window showing ESSAY_TEXT, "The Ferrymen's Calendar" by Dovile Rimkute (2004), with the
 * citation key @key (NULL: none). */
static ScholiaWindow *
window_with_essay (Fixture    *fixture,
                   const char *key)
{
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  g_assert_true (scholia_window_open_library (window, fixture->library));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();

  document = scholia_store_add_document (scholia_window_get_store (window), "The Ferrymen's Calendar",
                                         "Dovile Rimkute", "2004", "Baltic Review", ESSAY_TEXT, NULL, &error);
  g_assert_no_error (error);
  if (key != NULL)
    {
      g_assert_true (scholia_store_set_document_citation_key (scholia_window_get_store (window), document, key, &error));
      g_assert_no_error (error);
    }
  g_assert_true (scholia_window_show_document (window, document));
  wait_for_layout (window);
  return window;
}

/* Imports the journal article the essay is, under the key "rimkute2004". */
static void
import_reference (ScholiaWindow *window)
{
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  ScholiaReference *article = scholia_reference_new ("rimkute2004");

  scholia_reference_set (article, SCHOLIA_REFERENCE_TYPE, "article-journal");
  scholia_reference_set (article, SCHOLIA_REFERENCE_TITLE, "The Ferrymen’s Calendar: Guild Time in Kaunas");
  scholia_reference_set (article, SCHOLIA_REFERENCE_CONTAINER_TITLE, "Baltic Review");
  scholia_reference_set (article, SCHOLIA_REFERENCE_VOLUME, "7");
  scholia_reference_set (article, SCHOLIA_REFERENCE_ISSUE, "2");
  scholia_reference_set (article, SCHOLIA_REFERENCE_ISSUED, "2004");
  scholia_reference_add_author (article, "Rimkutė", "Dovilė", NULL);
  g_ptr_array_add (references, article);
  g_assert_true (scholia_store_import_references (scholia_window_get_store (window), references, NULL, &error));
  g_assert_no_error (error);
}

static void
window_destroy (ScholiaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
set_style (const char *style)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);

  g_assert_true (g_settings_set_string (settings, "citation-style", style));
}

/* Selects @passage, presses Ctrl+Shift+C and returns what a paste of plain text gives. */
static char *
copy_citation (ScholiaWindow *window,
               const char    *passage)
{
  const char *found = strstr (ESSAY_TEXT, passage);
  int start;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (ESSAY_TEXT, found);
  scholia_reading_view_select_range (window_reader (window), start, start + g_utf8_strlen (passage, -1));
  press_global_shortcut (window, "<Control><Shift>c", "doc.copy-citation");
  return read_clipboard_text (GTK_WIDGET (window));
}

static void
on_html_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GInputStream **stream = user_data;
  g_autoptr(GError) error = NULL;

  *stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  g_assert_no_error (error);
}

static void
on_html_spliced_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

/* What a word processor would paste: the clipboard's text/html. Read asynchronously: the
 * clipboard writes it from this same main loop. */
static char *
read_clipboard_html (ScholiaWindow *window)
{
  const char *mime_types[] = { "text/html", NULL };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  gdk_clipboard_read_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), mime_types, G_PRIORITY_DEFAULT, NULL,
                            on_html_read_cb, &stream);
  while (stream == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_output_stream_splice_async (memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, G_PRIORITY_DEFAULT, NULL,
                                on_html_spliced_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_output_stream_write (memory, "", 1, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (memory, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

/* Chicago is the default: the full note of the imported reference, italics in the HTML. */
static void
test_chicago_from_reference (Fixture       *fixture,
                             gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture, "rimkute2004");
  g_autofree char *copied = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);

  g_settings_reset (settings, "citation-style");
  import_reference (window);
  copied = copy_citation (window, "every crossing refused");
  g_assert_cmpstr (copied, ==, "“every crossing refused”\n\n"
                               "Dovilė Rimkutė, “The Ferrymen’s Calendar: Guild Time in Kaunas,” Baltic Review 7, no. 2 (2004), ¶ 2.");
  html = read_clipboard_html (window);
  g_assert_nonnull (strstr (html, "Dovilė Rimkutė, “The Ferrymen’s Calendar: Guild Time in Kaunas,” <i>Baltic Review</i> 7, no. 2"));
  g_assert_nonnull (strstr (html, "“every crossing refused”<br><br>"));

  window_destroy (window);
}

/* Without a reference the note is made of the essay's own metadata. */
static void
test_chicago_from_metadata (Fixture       *fixture,
                            gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture, NULL);
  g_autofree char *copied = NULL;

  set_style ("chicago");
  copied = copy_citation (window, "kept their own calendar");
  g_assert_cmpstr (copied, ==, "“kept their own calendar”\n\n"
                               "Dovile Rimkute, “The Ferrymen's Calendar,” Baltic Review, 2004, ¶ 1.");

  window_destroy (window);
}

static void
test_pandoc (Fixture       *fixture,
             gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture, "rimkute2004");
  g_autofree char *copied = NULL;

  set_style ("pandoc");
  copied = copy_citation (window, "every crossing refused");
  g_assert_cmpstr (copied, ==, "“every crossing refused” [@rimkute2004, ¶ 2]");

  window_destroy (window);
}

/* The combo row in Preferences writes the key the copy reads. */
static void
test_preferences_row (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  ScholiaPreferences *preferences = scholia_preferences_new (NULL);
  AdwComboRow *row;

  g_settings_reset (settings, "citation-style");
  gtk_window_present (GTK_WINDOW (preferences));
  row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences), SCHOLIA_TYPE_PREFERENCES,
                                                      "citation_style_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  adw_combo_row_set_selected (row, 1);
  g_assert_cmpstr (g_settings_get_string (settings, "citation-style"), ==, "pandoc");
  g_settings_set_string (settings, "citation-style", "plain");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  gtk_window_destroy (GTK_WINDOW (preferences));
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

  ADD ("/window/cite-style/chicago-from-reference", test_chicago_from_reference);
  ADD ("/window/cite-style/chicago-from-metadata", test_chicago_from_metadata);
  ADD ("/window/cite-style/pandoc", test_pandoc);
  g_test_add_func ("/window/cite-style/preferences-row", test_preferences_row);

#undef ADD

  return g_test_run ();
}
