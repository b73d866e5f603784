/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Issue 12: "Copy passage with citation". Ctrl+Shift+C on a selection or on the current
 * annotation puts the quote with author, title, date and page or paragraph on the clipboard. */

#include "config.h"

#include <string.h>

#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

#define TITLE "Did Stalin betray Lenin's legacy?"
#define ESSAY_TEXT \
  "Lenin warned against Stalin in his testament.\n\n" \
  "Trotsky called the NEP’s end a betrayal of the revolution.\n"

typedef TestLibraryFixture Fixture;

/* A window showing ESSAY_TEXT by Perry Anderson, 1998, printed over @pages (NULL: none). */
static ScholiaWindow *
window_with_essay (Fixture *fixture,
                   GArray  *pages)
{
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  g_assert_true (scholia_window_open_library (window, fixture->library));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();

  document = scholia_store_add_document (scholia_window_get_store (window), TITLE, "Perry Anderson",
                                         "1998", NULL, ESSAY_TEXT, pages, &error);
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

static void
select_passage (ScholiaWindow *window,
                const char    *passage)
{
  const char *found = strstr (ESSAY_TEXT, passage);
  int start;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (ESSAY_TEXT, found);
  scholia_reading_view_select_range (window_reader (window), start, start + g_utf8_strlen (passage, -1));
}

/* Presses Ctrl+Shift+C as the window's global shortcut controller does. */
static void
press_copy_citation (ScholiaWindow *window)
{
  press_global_shortcut (window, "<Control><Shift>c", "doc.copy-citation");
}

static char *
read_clipboard (ScholiaWindow *window)
{
  return read_clipboard_text (GTK_WIDGET (window));
}

static void
test_selection_cites_paragraph (Fixture       *fixture,
                                gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture, NULL);
  g_autofree char *copied = NULL;

  select_passage (window, "the NEP’s end a betrayal");
  press_copy_citation (window);
  copied = read_clipboard (window);
  g_assert_cmpstr (copied, ==, "“the NEP’s end a betrayal” (Anderson, “" TITLE "”, 1998, ¶ 2)");

  window_destroy (window);
}

static void
test_selection_cites_page (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  int second = g_utf8_pointer_to_offset (ESSAY_TEXT, strstr (ESSAY_TEXT, "Trotsky"));
  ScholiaPageRange first_page = { 0, second, g_strdup ("13") };
  ScholiaPageRange second_page = { second, g_utf8_strlen (ESSAY_TEXT, -1), g_strdup ("14") };
  ScholiaWindow *window;
  g_autofree char *copied = NULL;

  g_array_append_val (pages, first_page);
  g_array_append_val (pages, second_page);
  window = window_with_essay (fixture, pages);

  select_passage (window, "a betrayal of the revolution");
  press_copy_citation (window);
  copied = read_clipboard (window);
  g_assert_cmpstr (copied, ==, "“a betrayal of the revolution” (Anderson, “" TITLE "”, 1998, p. 14)");

  window_destroy (window);
}

/* With nothing selected, the annotation just tagged (the current one) is cited. */
static void
test_current_annotation_is_cited (Fixture       *fixture,
                                  gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture, NULL);
  g_autofree char *copied = NULL;

  select_passage (window, "Stalin in his testament");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.tag", "i", 0));
  drain_main_context ();
  scholia_reading_view_select_range (window_reader (window), 0, 0);
  press_copy_citation (window);
  copied = read_clipboard (window);
  g_assert_cmpstr (copied, ==, "“Stalin in his testament” (Anderson, “" TITLE "”, 1998, ¶ 1)");

  window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;

  if (g_getenv ("DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);
  /* These check the plain style of issue 12; test-window-cite-style.c checks the others. */
  settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_settings_set_string (settings, "citation-style", "plain");

#define ADD(path, func) \
  test_add_with_library (path, func)

  ADD ("/window/cite/selection-cites-paragraph", test_selection_cites_paragraph);
  ADD ("/window/cite/selection-cites-page", test_selection_cites_page);
  ADD ("/window/cite/current-annotation-is-cited", test_current_annotation_is_cited);

#undef ADD

  return g_test_run ();
}
