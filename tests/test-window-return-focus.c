/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Issue 12, defect 6: after the theme picker (Ctrl+T) or side by side closes, the focus is back
 * where it was, the selection intact; Ctrl+F, Alt+Up/Down and Ctrl+1…9 work wherever the focus
 * is. Real key presses, as a user's. */

#include "config.h"

#include <string.h>

#include "scholia-search-bar.h"
#include "scholia-theme-picker.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-keys.h"
#include "test-ui.h"

#define ESSAY_TEXT \
  "The grain boards of Teslin met every Thursday in the back room of a tavern.\n\n" \
  "Nobody kept minutes, so the only record is a cook's account of the beer they drank.\n"

typedef TestLibraryFixture Fixture;

typedef struct
{
  ScholiaWindow     *window;
  ScholiaAnnotation *first;
  ScholiaAnnotation *second;
} Desk;

static void
passage_range (const char *passage,
               int        *start,
               int        *end)
{
  const char *found = strstr (ESSAY_TEXT, passage);

  g_assert_nonnull (found);
  *start = g_utf8_pointer_to_offset (ESSAY_TEXT, found);
  *end = *start + g_utf8_strlen (passage, -1);
}

/* A window on an essay with two tagged passages, its keys going to the window. */
static gboolean
desk_open (Fixture *fixture,
           Desk    *desk)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;
  ScholiaStore *store;
  int start, end;

  if (!test_keys_available ())
    return FALSE;

  desk->window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_assert_true (scholia_window_open_library (desk->window, fixture->library));
  gtk_window_set_default_size (GTK_WINDOW (desk->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (desk->window));
  drain_main_context ();

  store = scholia_window_get_store (desk->window);
  document = scholia_store_add_document (store, "Grain Boards", "Pavel Rusu", NULL, NULL, ESSAY_TEXT, NULL, &error);
  g_assert_no_error (error);
  passage_range ("met every Thursday", &start, &end);
  desk->first = scholia_store_add_annotation (store, document, start, end, NULL, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  passage_range ("a cook's account", &start, &end);
  desk->second = scholia_store_add_annotation (store, document, start, end, NULL, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_window_show_document (desk->window, document));
  wait_for_layout (desk->window);
  test_keys_focus (GTK_WINDOW (desk->window));
  return TRUE;
}

static void
desk_close (Desk *desk)
{
  g_clear_object (&desk->first);
  g_clear_object (&desk->second);
  gtk_window_destroy (GTK_WINDOW (desk->window));
  g_assert_finalize_object (desk->window);
}

static GtkWidget *
text_view (Desk *desk)
{
  return GTK_WIDGET (scholia_reading_view_get_source_view (window_reader (desk->window)));
}

static gboolean
text_has_focus (gpointer data)
{
  Desk *desk = data;

  return gtk_window_is_active (GTK_WINDOW (desk->window)) &&
         gtk_root_get_focus (GTK_ROOT (desk->window)) == text_view (desk);
}

static ScholiaThemePicker *
theme_picker (Desk *desk)
{
  return SCHOLIA_THEME_PICKER (find_descendant (GTK_WIDGET (window_inspector (desk->window)),
                                                SCHOLIA_TYPE_THEME_PICKER));
}

static gboolean
picker_open (gpointer data)
{
  ScholiaThemePicker *picker = theme_picker (data);

  return picker != NULL && gtk_widget_get_mapped (GTK_WIDGET (picker));
}

static void
select_in_text (Desk       *desk,
                const char *passage)
{
  int start, end;

  passage_range (passage, &start, &end);
  scholia_reading_view_select_range (window_reader (desk->window), start, end);
  gtk_widget_grab_focus (text_view (desk));
  g_assert_true (text_has_focus (desk));
}

static void
assert_selected (Desk       *desk,
                 const char *passage)
{
  int start, end, selected_start, selected_end;

  passage_range (passage, &start, &end);
  g_assert_true (scholia_reading_view_get_selection (window_reader (desk->window), &selected_start, &selected_end));
  g_assert_cmpint (selected_start, ==, start);
  g_assert_cmpint (selected_end, ==, end);
}

/* Ctrl+T on a tagged selection, then Escape: back in the text, the passage still selected. */
static void
test_theme_picker_cancel (Fixture       *fixture,
                          gconstpointer  data)
{
  Desk desk = { 0 };

  if (!desk_open (fixture, &desk))
    return;

  select_in_text (&desk, "met every Thursday");
  test_keys_press ("ctrl+t");
  g_assert_true (test_keys_wait (picker_open, &desk));
  test_keys_press ("Escape");
  g_assert_true (test_keys_wait (text_has_focus, &desk));
  assert_selected (&desk, "met every Thursday");

  desk_close (&desk);
}

static gboolean
second_has_theme (gpointer data)
{
  Desk *desk = data;

  return scholia_annotation_get_theme_ids (desk->second, NULL) != NULL;
}

/* Ctrl+T, a new theme's name, Enter and Escape: the passage is in the theme and the focus back
 * in the text, on the passage. */
static void
test_theme_picker_apply (Fixture       *fixture,
                         gconstpointer  data)
{
  Desk desk = { 0 };

  if (!desk_open (fixture, &desk))
    return;

  select_in_text (&desk, "a cook's account");
  test_keys_press ("ctrl+t");
  g_assert_true (test_keys_wait (picker_open, &desk));
  test_keys_type ("Taverns");
  test_keys_press ("Return");
  g_assert_true (test_keys_wait (second_has_theme, &desk));
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (scholia_window_get_store (desk.window),
                                                                        SCHOLIA_TYPE_THEME)), ==, 1);
  /* The picker stays open for more themes; Escape closes it. */
  test_keys_press ("Escape");
  g_assert_true (test_keys_wait (text_has_focus, &desk));
  assert_selected (&desk, "a cook's account");

  desk_close (&desk);
}

static GtkWindow *
side_by_side_window (Desk *desk)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (desk->window) &&
          g_object_get_data (G_OBJECT (window), "side-by-side") != NULL)
        return window;
    }
  return NULL;
}

static gboolean
side_by_side_active (gpointer data)
{
  GtkWindow *window = side_by_side_window (data);

  return window != NULL && gtk_window_is_active (window);
}

/* Side by side opened from the text with Ctrl+Alt+S and closed with Escape: the essay's window
 * is active again, its focus in the text, the selection as it was. */
static void
test_side_by_side_returns_focus (Fixture       *fixture,
                                 gconstpointer  data)
{
  Desk desk = { 0 };

  if (!desk_open (fixture, &desk))
    return;

  select_in_text (&desk, "met every Thursday");
  test_keys_press ("ctrl+alt+s");
  g_assert_true (test_keys_wait (side_by_side_active, &desk));
  test_keys_press ("Escape");
  g_assert_true (test_keys_wait (text_has_focus, &desk));
  g_assert_null (side_by_side_window (&desk));
  assert_selected (&desk, "met every Thursday");

  desk_close (&desk);
}

/* Where the focus is put before each shortcut. */
typedef enum
{
  FROM_LIBRARY,
  FROM_PANE,
} Origin;

static void
focus_origin (Desk   *desk,
              Origin  origin)
{
  ScholiaDocumentPage *page = window_page (desk->window);
  GtkWidget *sidebar = scholia_window_get_sidebar (desk->window);

  if (origin == FROM_LIBRARY)
    {
      g_assert_true (gtk_widget_grab_focus (find_descendant (sidebar, GTK_TYPE_LIST_VIEW)));
      g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (desk->window)), sidebar));
    }
  else
    {
      scholia_document_page_set_pane_revealed (page, TRUE);
      wait_for_pane (desk->window);
      g_assert_true (scholia_document_page_focus_pane (page));
      g_assert_true (scholia_document_page_pane_contains (page, gtk_root_get_focus (GTK_ROOT (desk->window))));
    }
  drain_main_context ();
}

static gboolean
find_bar_has_focus (gpointer data)
{
  Desk *desk = data;
  GtkWidget *bar = find_descendant (GTK_WIDGET (window_reader (desk->window)), SCHOLIA_TYPE_SEARCH_BAR);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (desk->window));

  return scholia_search_bar_get_search_mode (SCHOLIA_SEARCH_BAR (bar)) && focus != NULL &&
         gtk_widget_is_ancestor (focus, bar);
}

static gboolean
second_is_current (gpointer data)
{
  Desk *desk = data;

  return scholia_annotation_inspector_get_annotation (window_inspector (desk->window)) == desk->second;
}

static gboolean
first_is_current (gpointer data)
{
  Desk *desk = data;

  return scholia_annotation_inspector_get_annotation (window_inspector (desk->window)) == desk->first;
}

static gboolean
first_is_tagged (gpointer data)
{
  Desk *desk = data;

  return scholia_annotation_get_tag_ids (desk->first, NULL) != NULL;
}

static void
test_shortcuts_anywhere (Fixture       *fixture,
                         gconstpointer  data)
{
  Origin origin = GPOINTER_TO_INT (data);
  Desk desk = { 0 };
  int start, end;

  if (!desk_open (fixture, &desk))
    return;

  /* Alt+Down and Alt+Up step through the highlights. */
  scholia_annotation_inspector_set_annotation (window_inspector (desk.window), desk.first);
  focus_origin (&desk, origin);
  test_keys_press ("alt+Down");
  g_assert_true (test_keys_wait (second_is_current, &desk));
  focus_origin (&desk, origin);
  test_keys_press ("alt+Up");
  g_assert_true (test_keys_wait (first_is_current, &desk));

  /* Ctrl+1 tags the passage selected in the text. */
  passage_range ("met every Thursday", &start, &end);
  scholia_reading_view_select_range (window_reader (desk.window), start, end);
  focus_origin (&desk, origin);
  test_keys_press ("ctrl+1");
  g_assert_true (test_keys_wait (first_is_tagged, &desk));

  /* Ctrl+F opens the find bar with the focus in it. */
  focus_origin (&desk, origin);
  test_keys_press ("ctrl+f");
  g_assert_true (test_keys_wait (find_bar_has_focus, &desk));

  desk_close (&desk);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);

  test_add_with_library ("/window/return-focus/theme-picker-cancel", test_theme_picker_cancel);
  test_add_with_library ("/window/return-focus/theme-picker-apply", test_theme_picker_apply);
  test_add_with_library ("/window/return-focus/side-by-side", test_side_by_side_returns_focus);
  g_test_add ("/window/shortcuts-anywhere/from-library", TestLibraryFixture, GINT_TO_POINTER (FROM_LIBRARY),
              test_library_fixture_set_up, test_shortcuts_anywhere, test_library_fixture_tear_down);
  g_test_add ("/window/shortcuts-anywhere/from-pane", TestLibraryFixture, GINT_TO_POINTER (FROM_PANE),
              test_library_fixture_set_up, test_shortcuts_anywhere, test_library_fixture_tear_down);

  return g_test_run ();
}
