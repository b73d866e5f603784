/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-highlighter-private.h"
#include "scholia-library-sidebar.h"
#include "scholia-search-bar.h"
#include "scholia-tag-manager.h"
#include "scholia-tag-row.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

/* Curly quotes, dashes and accents: offsets are code points, never bytes. */
#define ESSAY_TEXT \
  "The “harbour” ledgers — kept by Élodie Marchand — show a town older than its charter.   " \
  "Café accounts from 1821 survive as well."

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-window-annotate-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static ScholiaWindow *
window_open (Fixture *fixture)
{
  /* The extra reference lets window_destroy() check the window really goes away. */
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));

  g_assert_true (scholia_window_open_library (window, fixture->path));
  /* Wide enough that the pane sits beside the reader rather than folding over it. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();
  return window;
}

static void
window_destroy (ScholiaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A window showing one essay of ESSAY_TEXT. */
static ScholiaWindow *
window_with_essay (Fixture *fixture)
{
  ScholiaWindow *window = window_open (fixture);
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  document = scholia_store_add_document (scholia_window_get_store (window), "Harbour Ledgers",
                                         "Ines Varga", NULL, NULL, ESSAY_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_window_show_document (window, document));
  wait_for_layout (window);
  return window;
}

static ScholiaTag *
nth_tag (ScholiaWindow *window,
         guint          position)
{
  g_autoptr(ScholiaTag) tag = g_list_model_get_item (scholia_store_get_labels (scholia_window_get_store (window), SCHOLIA_TYPE_TAG), position);

  g_assert_nonnull (tag);
  return tag;
}

/* The code-point range of the first occurrence of @passage in ESSAY_TEXT. */
static void
find_passage (const char *passage,
              int        *start,
              int        *end)
{
  const char *found = strstr (ESSAY_TEXT, passage);

  g_assert_nonnull (found);
  *start = (int) g_utf8_pointer_to_offset (ESSAY_TEXT, found);
  *end = *start + (int) g_utf8_strlen (passage, -1);
}

static void
select_passage (ScholiaWindow *window,
                const char    *passage,
                int           *start,
                int           *end)
{
  find_passage (passage, start, end);
  scholia_reading_view_select_range (window_reader (window), *start, *end);
}

static void
apply_tag (ScholiaWindow *window,
           int            index)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.tag", "i", index));
  drain_main_context ();
}

static void
activate (ScholiaWindow *window,
          const char    *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  drain_main_context ();
}

static GListModel *
list_annotations (ScholiaWindow *window)
{
  g_autoptr(GError) error = NULL;
  GListModel *annotations;

  annotations = scholia_store_list_annotations (scholia_window_get_store (window), scholia_window_get_document (window), &error);
  g_assert_no_error (error);
  return annotations;
}

static ScholiaAnnotation *
only_annotation (ScholiaWindow *window)
{
  g_autoptr(GListModel) annotations = list_annotations (window);
  g_autoptr(ScholiaAnnotation) annotation = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 1);
  annotation = g_list_model_get_item (annotations, 0);
  return annotation;
}

static guint
count_annotations (ScholiaWindow *window)
{
  g_autoptr(GListModel) annotations = list_annotations (window);

  return g_list_model_get_n_items (annotations);
}

/* Whether every character of [start, end) is painted in @tag's colour, and the characters just
 * outside are not. */
static gboolean
painted_with (ScholiaWindow *window,
              ScholiaTag    *tag,
              int            start,
              int            end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (window_reader (window)));
  g_autofree char *name = g_strdup_printf ("scholia-tag-%" G_GINT64_FORMAT, scholia_label_get_id (SCHOLIA_LABEL (tag)));
  GtkTextTag *text_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter iter;

  if (text_tag == NULL)
    return FALSE;

  for (int offset = start; offset < end; offset++)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
      if (!gtk_text_iter_has_tag (&iter, text_tag))
        return FALSE;
    }

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, end);
  if (gtk_text_iter_has_tag (&iter, text_tag))
    return FALSE;
  if (start > 0)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, start - 1);
      if (gtk_text_iter_has_tag (&iter, text_tag))
        return FALSE;
    }

  return TRUE;
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
shows_toast (ScholiaWindow *window,
             const char    *title)
{
  return shows_label (GTK_WIDGET (window_child (window, "toast_overlay")), title);
}

static GtkTextView *
note_view (ScholiaWindow *window)
{
  GObject *view = gtk_widget_get_template_child (GTK_WIDGET (window_inspector (window)),
                                                 SCHOLIA_TYPE_ANNOTATION_INSPECTOR, "note_view");

  g_assert_true (GTK_IS_TEXT_VIEW (view));
  return GTK_TEXT_VIEW (view);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_keyboard_tagging_creates_annotation (Fixture       *fixture,
                                          gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  const char *passage = "“harbour” ledgers — kept by Élodie";
  ScholiaTag *tag = nth_tag (window, 1);
  ScholiaAnnotation *annotation;
  const gint64 *tag_ids;
  guint n_tag_ids;
  int start, end, selected_start, selected_end;

  select_passage (window, passage, &start, &end);
  apply_tag (window, 1);

  annotation = only_annotation (window);
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, start);
  g_assert_cmpint (scholia_annotation_get_end (annotation), ==, end);
  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, passage);
  tag_ids = scholia_annotation_get_tag_ids (annotation, &n_tag_ids);
  g_assert_cmpuint (n_tag_ids, ==, 1);
  g_assert_cmpint (tag_ids[0], ==, scholia_label_get_id (SCHOLIA_LABEL (tag)));

  g_assert_true (painted_with (window, tag, start, end));
  g_assert_true (scholia_annotation_inspector_get_annotation (window_inspector (window)) == annotation);
  g_assert_true (scholia_document_page_get_pane_revealed (window_page (window)));

  /* The passage stays selected, ready for another tag. */
  g_assert_true (scholia_reading_view_get_selection (window_reader (window), &selected_start,
                                                     &selected_end));
  g_assert_cmpint (selected_start, ==, start);
  g_assert_cmpint (selected_end, ==, end);

  window_destroy (window);
}

static void
test_blank_selection_only_explains (Fixture       *fixture,
                                    gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  int start, end;

  /* Nothing selected. */
  scholia_reading_view_select_range (window_reader (window), 4, 4);
  apply_tag (window, 0);
  g_assert_cmpuint (count_annotations (window), ==, 0);
  g_assert_true (shows_toast (window, "Select some text to tag"));

  /* Only the spaces between two sentences. */
  select_passage (window, "   ", &start, &end);
  apply_tag (window, 0);
  g_assert_cmpuint (count_annotations (window), ==, 0);
  g_assert_false (scholia_editor_get_can_undo (scholia_window_get_editor (window)));

  window_destroy (window);
}

static void
test_second_tag_joins_same_annotation (Fixture       *fixture,
                                       gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  ScholiaAnnotation *annotation;
  const gint64 *tag_ids;
  guint n_tag_ids;
  int start, end;

  select_passage (window, "Café accounts", &start, &end);
  apply_tag (window, 0);
  apply_tag (window, 2);

  annotation = only_annotation (window);
  tag_ids = scholia_annotation_get_tag_ids (annotation, &n_tag_ids);
  g_assert_cmpuint (n_tag_ids, ==, 2);
  g_assert_cmpint (tag_ids[0], ==, scholia_label_get_id (SCHOLIA_LABEL (nth_tag (window, 0))));
  g_assert_cmpint (tag_ids[1], ==, scholia_label_get_id (SCHOLIA_LABEL (nth_tag (window, 2))));

  /* The same tag again, on the same passage, takes it off, leaving the highlight. */
  select_passage (window, "Café accounts", &start, &end);
  apply_tag (window, 2);
  annotation = only_annotation (window);
  scholia_annotation_get_tag_ids (annotation, &n_tag_ids);
  g_assert_cmpuint (n_tag_ids, ==, 1);

  window_destroy (window);
}

static void
test_undo_and_redo_highlight (Fixture       *fixture,
                              gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  ScholiaTag *tag = nth_tag (window, 1);
  gint64 id;
  int start, end;

  g_assert_false (gtk_widget_is_sensitive (window_child (window, "undo_button")));

  select_passage (window, "a town older than its charter", &start, &end);
  apply_tag (window, 1);
  id = scholia_annotation_get_id (only_annotation (window));
  g_assert_true (gtk_widget_is_sensitive (window_child (window, "undo_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (window_child (window, "undo_button")), ==, "Undo Highlight");

  gtk_widget_grab_focus (GTK_WIDGET (scholia_reading_view_get_source_view (window_reader (window))));
  activate (window, "library.undo");
  g_assert_cmpuint (count_annotations (window), ==, 0);
  g_assert_false (painted_with (window, tag, start, end));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (window_child (window, "redo_button")), ==, "Redo Highlight");

  activate (window, "library.redo");
  g_assert_cmpint (scholia_annotation_get_id (only_annotation (window)), ==, id);
  g_assert_true (painted_with (window, tag, start, end));

  window_destroy (window);
}

/* Attaching an unplaced annotation to the selected passage is a step Undo takes back. */
static void
test_attach_is_undone (Fixture       *fixture,
                       gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  int start, end;

  find_passage ("a town older than its charter", &start, &end);
  annotation = scholia_store_add_annotation (scholia_window_get_store (window), scholia_window_get_document (window),
                                             start, end, NULL, 0, NULL, 0, "Lost in the revision", &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_set_annotation_anchor (scholia_window_get_store (window), annotation, start, end, TRUE, &error));
  g_assert_no_error (error);
  drain_main_context ();

  select_passage (window, "older", &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window_inspector (window)), "inspector.attach", "x",
                                             scholia_annotation_get_id (annotation)));
  drain_main_context ();
  g_assert_false (scholia_annotation_get_orphaned (annotation));
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, start);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (window_child (window, "undo_button")), ==, "Undo Attach Annotation");

  gtk_widget_grab_focus (GTK_WIDGET (scholia_reading_view_get_source_view (window_reader (window))));
  activate (window, "library.undo");
  g_assert_true (scholia_annotation_get_orphaned (annotation));
  g_assert_cmpint (scholia_annotation_get_end (annotation) - scholia_annotation_get_start (annotation), ==,
                   (int) strlen ("a town older than its charter"));

  window_destroy (window);
}

static void
test_undo_in_note_undoes_typing (Fixture       *fixture,
                                 gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  GtkTextView *view;
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;
  int start, end;

  select_passage (window, "Élodie Marchand", &start, &end);
  apply_tag (window, 0);

  view = note_view (window);
  buffer = gtk_text_view_get_buffer (view);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "A clerk, not the owner.", -1, TRUE);

  activate (window, "library.undo");
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpuint (count_annotations (window), ==, 1);

  window_destroy (window);
}

static void
test_activating_highlight_inspects_it (Fixture       *fixture,
                                       gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  g_autoptr(ScholiaAnnotation) first = NULL;
  ScholiaAnnotation *second;
  int start, end, selected_start, selected_end;

  select_passage (window, "Élodie Marchand", &start, &end);
  apply_tag (window, 0);
  first = g_object_ref (only_annotation (window));
  select_passage (window, "Café accounts", &start, &end);
  apply_tag (window, 1);
  second = scholia_annotation_inspector_get_annotation (window_inspector (window));
  g_assert_true (second != first);

  scholia_reading_view_select_range (window_reader (window), 0, 0);
  scholia_document_page_set_pane_revealed (window_page (window), FALSE);

  g_assert_cmpuint (_scholia_highlighter_activate_at (scholia_document_page_get_highlighter (window_page (window)),
                                                      scholia_annotation_get_start (first) + 2),
                    ==, 1);
  drain_main_context ();

  g_assert_true (scholia_annotation_inspector_get_annotation (window_inspector (window)) == first);
  /* The current annotation is the open document's, which the inspector shows. */
  g_assert_true (scholia_reading_get_current (scholia_window_get_reading (window)) == first);
  g_assert_true (scholia_document_page_get_pane_revealed (window_page (window)));
  g_assert_true (scholia_reading_view_get_selection (window_reader (window), &selected_start,
                                                     &selected_end));
  g_assert_cmpint (selected_start, ==, scholia_annotation_get_start (first));
  g_assert_cmpint (selected_end, ==, scholia_annotation_get_end (first));

  /* Alt+Down's action goes on to the next highlight in the text. */
  activate (window, "doc.next-annotation");
  g_assert_true (scholia_annotation_inspector_get_annotation (window_inspector (window)) == second);
  g_assert_true (scholia_reading_get_current (scholia_window_get_reading (window)) == second);
  g_assert_true (scholia_reading_view_get_selection (window_reader (window), &selected_start,
                                                     &selected_end));
  g_assert_cmpint (selected_start, ==, scholia_annotation_get_start (second));
  activate (window, "doc.previous-annotation");
  g_assert_true (scholia_annotation_inspector_get_annotation (window_inspector (window)) == first);

  window_destroy (window);
}

/* The shortcut the window's global-scope controller has for @trigger: global, so that it is
 * handled wherever the focus is in the window. */
static GtkShortcut *
window_shortcut (ScholiaWindow *window,
                 const char    *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != GTK_SHORTCUT_SCOPE_GLOBAL)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return shortcut;
        }
    }

  return NULL;
}

/* Presses @trigger as the window's shortcut controller would, with the focus where it is. */
static void
press_shortcut (ScholiaWindow *window,
                const char    *trigger,
                const char    *action_name)
{
  GtkShortcut *shortcut = window_shortcut (window, trigger);
  GtkShortcutAction *action;

  g_assert_nonnull (shortcut);
  action = gtk_shortcut_get_action (shortcut);
  g_assert_true (GTK_IS_NAMED_ACTION (action));
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==, action_name);
  g_assert_true (gtk_shortcut_action_activate (action, GTK_SHORTCUT_ACTION_EXCLUSIVE, GTK_WIDGET (window),
                                               gtk_shortcut_get_arguments (shortcut)));
  drain_main_context ();
}

static void
focus_sidebar (ScholiaWindow *window)
{
  GtkWidget *sidebar = scholia_window_get_sidebar (window);
  GtkWidget *list = find_descendant (sidebar, GTK_TYPE_LIST_VIEW);

  g_assert_true (gtk_widget_grab_focus (list));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), sidebar));
}

static void
test_shortcuts_work_from_sidebar (Fixture       *fixture,
                                  gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  ScholiaReadingView *reader = window_reader (window);
  ScholiaSearchBar *search_bar = SCHOLIA_SEARCH_BAR (find_descendant (GTK_WIDGET (reader),
                                                                      SCHOLIA_TYPE_SEARCH_BAR));
  g_autoptr(ScholiaAnnotation) first = NULL;
  ScholiaAnnotation *second;
  int start, end, selected_start, selected_end;

  /* Ctrl+1 tags the selection though the focus is in the library. */
  select_passage (window, "Élodie Marchand", &start, &end);
  focus_sidebar (window);
  press_shortcut (window, "<Control>1", "doc.tag");
  first = g_object_ref (only_annotation (window));
  g_assert_cmpint (scholia_annotation_get_start (first), ==, start);

  select_passage (window, "Café accounts", &start, &end);
  apply_tag (window, 1);
  second = scholia_annotation_inspector_get_annotation (window_inspector (window));
  g_assert_true (second != first);

  /* Alt+Down goes on to the next highlight. */
  scholia_annotation_inspector_set_annotation (window_inspector (window), first);
  focus_sidebar (window);
  press_shortcut (window, "<Alt>Down", "doc.next-annotation");
  g_assert_true (scholia_annotation_inspector_get_annotation (window_inspector (window)) == second);
  g_assert_true (scholia_reading_view_get_selection (reader, &selected_start, &selected_end));
  g_assert_cmpint (selected_start, ==, scholia_annotation_get_start (second));

  /* Ctrl+F opens the reader's find bar and moves the focus there. */
  g_assert_false (scholia_search_bar_get_search_mode (search_bar));
  focus_sidebar (window);
  press_shortcut (window, "<Control>f", "doc.find");
  g_assert_true (scholia_search_bar_get_search_mode (search_bar));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (search_bar)));

  window_destroy (window);
}

/* Where the focus is: the library, the text or the pane, or none of them. */
static const char *
focus_region (ScholiaWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  if (focus == NULL)
    return "none";
  if (gtk_widget_is_ancestor (focus, scholia_window_get_sidebar (window)))
    return "library";
  if (focus == GTK_WIDGET (scholia_reading_view_get_source_view (window_reader (window))))
    return "text";
  if (gtk_widget_is_ancestor (focus, GTK_WIDGET (window_inspector (window))))
    return "pane";
  return G_OBJECT_TYPE_NAME (focus);
}

/* F6 goes library → text → pane → library, Shift+F6 back; a hidden pane is skipped. */
static void
test_f6_cycles_regions (Fixture       *fixture,
                        gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  ScholiaDocumentPage *page = window_page (window);

  scholia_document_page_set_pane_revealed (page, TRUE);
  drain_main_context ();
  focus_sidebar (window);
  press_shortcut (window, "F6", "library.focus-next-region");
  g_assert_cmpstr (focus_region (window), ==, "text");
  press_shortcut (window, "F6", "library.focus-next-region");
  g_assert_cmpstr (focus_region (window), ==, "pane");
  press_shortcut (window, "F6", "library.focus-next-region");
  g_assert_cmpstr (focus_region (window), ==, "library");

  press_shortcut (window, "<Shift>F6", "library.focus-previous-region");
  g_assert_cmpstr (focus_region (window), ==, "pane");
  press_shortcut (window, "<Shift>F6", "library.focus-previous-region");
  g_assert_cmpstr (focus_region (window), ==, "text");
  press_shortcut (window, "<Shift>F6", "library.focus-previous-region");
  g_assert_cmpstr (focus_region (window), ==, "library");

  scholia_document_page_set_pane_revealed (page, FALSE);
  drain_main_context ();
  press_shortcut (window, "F6", "library.focus-next-region");
  g_assert_cmpstr (focus_region (window), ==, "text");
  press_shortcut (window, "F6", "library.focus-next-region");
  g_assert_cmpstr (focus_region (window), ==, "library");
  press_shortcut (window, "<Shift>F6", "library.focus-previous-region");
  g_assert_cmpstr (focus_region (window), ==, "text");

  window_destroy (window);
}

/* Closing the find bar or the pane puts the focus back in the text it came from. */
static void
test_closing_returns_focus (Fixture       *fixture,
                            gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  ScholiaDocumentPage *page = window_page (window);
  ScholiaReadingView *reader = window_reader (window);
  GtkWidget *text = GTK_WIDGET (scholia_reading_view_get_source_view (reader));
  ScholiaSearchBar *search_bar = SCHOLIA_SEARCH_BAR (find_descendant (GTK_WIDGET (reader),
                                                                      SCHOLIA_TYPE_SEARCH_BAR));

  scholia_document_page_set_pane_revealed (page, FALSE);
  drain_main_context ();
  g_assert_true (gtk_widget_grab_focus (text));
  press_shortcut (window, "<Control>f", "doc.find");
  g_assert_true (scholia_search_bar_get_search_mode (search_bar));
  scholia_search_bar_end (search_bar);
  drain_main_context ();
  g_assert_cmpstr (focus_region (window), ==, "text");

  /* F9 opens the pane; the focus moves into it and comes back when F9 closes it. */
  press_shortcut (window, "F9", "doc.toggle-pane");
  g_assert_true (scholia_document_page_get_pane_revealed (page));
  press_shortcut (window, "F6", "library.focus-next-region");
  g_assert_cmpstr (focus_region (window), ==, "pane");
  press_shortcut (window, "F9", "doc.toggle-pane");
  g_assert_false (scholia_document_page_get_pane_revealed (page));
  g_assert_cmpstr (focus_region (window), ==, "text");

  window_destroy (window);
}

/* "annotation." acts on the inspector's annotation: its note field takes the focus, and it is
 * deleted. */
static void
test_annotation_actions_act_on_inspected (Fixture       *fixture,
                                          gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  GActionGroup *actions = scholia_document_page_get_action_group (window_page (window), "annotation");
  g_autoptr(GListModel) annotations = NULL;
  GtkWidget *focus;
  int start, end;

  /* Nothing inspected yet. */
  g_assert_false (g_action_group_get_action_enabled (actions, "delete"));
  select_passage (window, "Élodie Marchand", &start, &end);
  apply_tag (window, 0);
  g_assert_nonnull (scholia_annotation_inspector_get_annotation (window_inspector (window)));

  activate (window, "annotation.note");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (window_inspector (window))));

  activate (window, "annotation.delete");
  annotations = list_annotations (window);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 0);

  window_destroy (window);
}

/* Writes @text as the stored text of every document, behind the store's back, as an edition
 * replaced on disk would be. */
static void
replace_text (const char *path,
              const char *text)
{
  test_sql_exec_with_text (path, "UPDATE documents SET text = ?", text);
}

static void
test_changed_text_is_reanchored_on_open (Fixture       *fixture,
                                         gconstpointer  data)
{
  const char *revised = "A new preface. " ESSAY_TEXT;
  g_autoptr(GError) error = NULL;
  ScholiaWindow *window;
  ScholiaAnnotation *annotation;
  gint64 id;
  int start, end;

  {
    g_autoptr(ScholiaStore) store = scholia_store_open (fixture->path, &error);
    g_autoptr(ScholiaAnnotation) added = NULL;
    ScholiaDocument *document;

    g_assert_no_error (error);
    document = scholia_store_add_document (store, "Harbour Ledgers", NULL, NULL, NULL,
                                           ESSAY_TEXT, NULL, &error);
    g_assert_no_error (error);
    find_passage ("Café accounts", &start, &end);
    added = scholia_store_add_annotation (store, document, start, end, NULL, 0, NULL, 0, NULL,
                                          &error);
    g_assert_no_error (error);
    id = scholia_annotation_get_id (added);
  }

  replace_text (fixture->path, revised);

  window = window_open (fixture);
  g_assert_nonnull (scholia_window_get_document (window));

  annotation = only_annotation (window);
  g_assert_cmpint (scholia_annotation_get_id (annotation), ==, id);
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, start + 15);
  g_assert_cmpint (scholia_annotation_get_end (annotation), ==, end + 15);
  g_assert_false (scholia_annotation_get_orphaned (annotation));
  g_assert_true (shows_toast (window, "1 annotation moved with the changed text"));

  /* What the store now holds, not only what the window was told. */
  {
    g_autoptr(ScholiaStore) reopened = NULL;
    g_autoptr(ScholiaAnnotation) stored = NULL;

    window_destroy (window);
    reopened = scholia_store_open (fixture->path, &error);
    g_assert_no_error (error);
    stored = scholia_store_get_annotation (reopened, id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (scholia_annotation_get_start (stored), ==, start + 15);
  }
}

static GtkWindow *
open_tag_manager (ScholiaWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *manager = NULL;

  activate (window, "library.manage-tags");

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && manager == NULL; i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (SCHOLIA_IS_TAG_MANAGER (toplevel))
        manager = toplevel;
    }

  g_assert_nonnull (manager);
  return manager;
}

static void
test_manage_tags_presents_manager (Fixture       *fixture,
                                   gconstpointer  data)
{
  ScholiaWindow *window = window_open (fixture);
  GtkWindow *manager = open_tag_manager (window);

  g_assert_true (gtk_window_get_transient_for (manager) == GTK_WINDOW (window));
  g_assert_true (scholia_tag_manager_get_editor (SCHOLIA_TAG_MANAGER (manager)) == scholia_library_get_editor (scholia_window_get_library (window)));

  gtk_window_destroy (manager);
  window_destroy (window);
}

/* A tag renamed in the manager is a step of the library's history: the window's Undo (Ctrl+Z)
 * takes it back once the manager is closed. */
static void
test_manager_rename_is_undone_by_window (Fixture       *fixture,
                                         gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  GtkWindow *manager = open_tag_manager (window);
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (manager), SCHOLIA_TYPE_TAG_MANAGER,
                                                               "tag_list"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  GtkWidget *name_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), SCHOLIA_TYPE_TAG_ROW,
                                                                   "name_row"));
  ScholiaTag *tag = nth_tag (window, 0);

  gtk_editable_set_text (GTK_EDITABLE (name_row), "claim");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (name_row)), "activate");
  drain_main_context ();
  g_assert_cmpstr (scholia_label_get_name (SCHOLIA_LABEL (tag)), ==, "claim");
  gtk_window_destroy (manager);
  drain_main_context ();

  g_assert_cmpstr (gtk_widget_get_tooltip_text (window_child (window, "undo_button")), ==, "Undo Rename Tag");
  gtk_widget_grab_focus (GTK_WIDGET (scholia_reading_view_get_source_view (window_reader (window))));
  activate (window, "library.undo");
  g_assert_cmpstr (scholia_label_get_name (SCHOLIA_LABEL (tag)), ==, "thesis");

  window_destroy (window);
}

static void
test_note_is_saved_on_close (Fixture       *fixture,
                             gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  g_autoptr(ScholiaStore) reopened = NULL;
  g_autoptr(ScholiaAnnotation) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  gint64 id;
  int start, end;

  select_passage (window, "its charter", &start, &end);
  apply_tag (window, 3);
  id = scholia_annotation_get_id (only_annotation (window));

  buffer = gtk_text_view_get_buffer (note_view (window));
  gtk_widget_grab_focus (GTK_WIDGET (note_view (window)));
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "Granted in 1790 — check the seal.", -1,
                                                TRUE);

  /* At once, before the note's own save timer could run. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  reopened = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  stored = scholia_store_get_annotation (reopened, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_annotation_get_note (stored), ==, "Granted in 1790 — check the seal.");
}

static GtkWidget *
nth_child (GtkWidget *widget,
           guint      position)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  for (guint i = 0; child != NULL && i < position; i++)
    child = gtk_widget_get_next_sibling (child);

  return child;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

static GMenuModel *
tag_submenu (ScholiaWindow *window)
{
  GtkTextView *view = GTK_TEXT_VIEW (scholia_reading_view_get_source_view (window_reader (window)));
  GMenuModel *menu = gtk_text_view_get_extra_menu (view);
  g_autoptr(GMenuModel) section = NULL;
  g_autoptr(GMenuModel) submenu = NULL;
  g_autoptr(GMenuModel) tags = NULL;

  g_assert_nonnull (menu);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  submenu = g_menu_model_get_item_link (section, 0, G_MENU_LINK_SUBMENU);
  g_assert_nonnull (submenu);
  tags = g_menu_model_get_item_link (submenu, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (tags);
  return tags;
}

static void
test_palette_and_menu_follow_tags (Fixture       *fixture,
                                   gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  GtkWidget *palette = GTK_WIDGET (scholia_document_page_get_tag_palette (window_page (window)));
  guint n_tags = g_list_model_get_n_items (scholia_store_get_labels (scholia_window_get_store (window), SCHOLIA_TYPE_TAG));
  g_autoptr(GError) error = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *label = NULL;

  g_assert_true (gtk_revealer_get_reveal_child (page_child (window, "palette_revealer")));
  g_assert_cmpuint (count_children (palette), ==, n_tags);
  tooltip = g_strdup_printf ("Tag as “%s” (Ctrl+2)", scholia_label_get_name (SCHOLIA_LABEL (nth_tag (window, 1))));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (nth_child (palette, 1)), ==, tooltip);
  g_assert_cmpint (g_menu_model_get_n_items (tag_submenu (window)), ==, n_tags);

  for (guint i = n_tags; i < 11; i++)
    {
      g_autofree char *name = g_strdup_printf ("theme_%u", i);

      SCHOLIA_TAG (scholia_store_add_label (scholia_window_get_store (window), SCHOLIA_TYPE_TAG, name, "#3584e4", NULL, &error));
      g_assert_no_error (error);
    }
  drain_main_context ();

  /* Nine at most, one per Ctrl+digit; the context menu offers them all. */
  g_assert_cmpuint (count_children (palette), ==, 9);
  g_assert_cmpint (g_menu_model_get_n_items (tag_submenu (window)), ==, 11);
  g_assert_true (g_menu_model_get_item_attribute (tag_submenu (window), 10, G_MENU_ATTRIBUTE_LABEL,
                                                  "s", &label));
  /* An underscore in a tag name is shown, not taken for a mnemonic. */
  g_assert_cmpstr (label, ==, "theme__10");

  /* Clicking the third button tags as the third tag does. */
  {
    int start, end;

    select_passage (window, "Marchand", &start, &end);
    g_signal_emit_by_name (nth_child (palette, 2), "clicked");
    drain_main_context ();
    g_assert_true (painted_with (window, nth_tag (window, 2), start, end));
  }

  window_destroy (window);
}

/* The page is bound to one ScholiaReading of the window's library: the highlighter and the
 * inspector ask the same one, a new highlight is in its index at once, and it is the current
 * annotation there. Another essay is another reading. */
static void
test_page_binds_one_reading (Fixture       *fixture,
                             gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  ScholiaDocumentPage *page = window_page (window);
  ScholiaReading *reading = scholia_document_page_get_reading (page);
  g_autoptr(GError) error = NULL;
  ScholiaAnnotation *tagged;
  ScholiaDocument *other;
  int start, end;

  g_assert_nonnull (reading);
  g_assert_true (scholia_window_get_reading (window) == reading);
  g_assert_true (scholia_reading_get_document (reading) == scholia_window_get_document (window));
  g_assert_true (scholia_highlighter_get_reading (scholia_document_page_get_highlighter (page)) == reading);
  g_assert_true (scholia_annotation_inspector_get_reading (window_inspector (window)) == reading);
  g_assert_true (scholia_window_get_editor (window) ==
                 scholia_library_get_editor (scholia_window_get_library (window)));

  select_passage (window, "Marchand", &start, &end);
  apply_tag (window, 0);
  tagged = scholia_reading_find_exact (reading, start, end);
  g_assert_nonnull (tagged);
  g_assert_true (scholia_reading_get_current (reading) == tagged);
  g_assert_true (scholia_annotation_inspector_get_annotation (window_inspector (window)) == tagged);

  other = scholia_store_add_document (scholia_window_get_store (window), "Second Ledger",
                                      "Ines Varga", NULL, NULL, ESSAY_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_window_show_document (window, other));
  reading = scholia_document_page_get_reading (page);
  g_assert_true (scholia_reading_get_document (reading) == other);
  g_assert_null (scholia_reading_find_exact (reading, start, end));
  g_assert_true (scholia_highlighter_get_reading (scholia_document_page_get_highlighter (page)) == reading);
  g_assert_true (scholia_annotation_inspector_get_reading (window_inspector (window)) == reading);

  window_destroy (window);
}

static void
test_closing_reader_clears_inspector (Fixture       *fixture,
                                      gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  ScholiaDocument *document = scholia_window_get_document (window);
  int start, end;

  select_passage (window, "Marchand", &start, &end);
  apply_tag (window, 0);
  g_assert_true (scholia_reading_get_document (scholia_annotation_inspector_get_reading (window_inspector (window))) == document);

  scholia_window_delete_document (window, document);
  drain_main_context ();

  g_assert_null (scholia_window_get_document (window));
  g_assert_null (scholia_window_get_reading (window));
  g_assert_null (scholia_annotation_inspector_get_reading (window_inspector (window)));
  g_assert_null (scholia_annotation_inspector_get_annotation (window_inspector (window)));
  g_assert_false (gtk_revealer_get_reveal_child (page_child (window, "palette_revealer")));
  g_assert_false (gtk_widget_is_sensitive (nth_child (GTK_WIDGET (scholia_document_page_get_tag_palette (window_page (window))), 0)));

  window_destroy (window);
}

/* A library that cannot be written: the window says so under the header bar, and tagging a
 * passage explains why nothing happened instead of failing. */
static void
test_read_only_library_says_so (Fixture       *fixture,
                                gconstpointer  data)
{
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->path, NULL);
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;
  GtkWidget *notice;
  int start, end;

  g_assert_nonnull (scholia_store_add_document (store, "Harbour Ledgers", "Ines Varga", NULL, NULL,
                                                ESSAY_TEXT, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  store = scholia_store_open_read_only (fixture->path, &error);
  g_assert_no_error (error);

  scholia_window_set_store (window, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  document = scholia_store_find_document (store, "Harbour Ledgers", &error);
  g_assert_true (scholia_window_show_document (window, document));
  wait_for_layout (window);

  notice = GTK_WIDGET (window_child (window, "read_only_revealer"));
  g_assert_true (gtk_revealer_get_reveal_child (window_child (window, "read_only_revealer")));
  g_assert_true (gtk_widget_get_mapped (notice));
  g_assert_true (shows_label (notice, "This library is read-only: you can read and export, "
                                      "changes are not possible"));

  select_passage (window, "“harbour” ledgers", &start, &end);
  apply_tag (window, 1);
  g_assert_cmpuint (count_annotations (window), ==, 0);
  g_assert_true (shows_toast (window, "“library.sqlite3” is read-only: it can be read and "
                                      "exported, but not changed"));

  window_destroy (window);
  g_clear_object (&store);

  /* A library that can be written shows no such notice. */
  window = window_open (fixture);
  g_assert_false (gtk_revealer_get_reveal_child (window_child (window, "read_only_revealer")));
  window_destroy (window);
}

/* Ctrl+Z after moving on to another essay takes back the last change where it was made: its
 * essay comes back into the reader with the passage selected, and a toast says what was undone
 * and where; the essay being read is left alone. */
static void
test_undo_brings_its_essay_back (Fixture       *fixture,
                                 gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  ScholiaStore *store = scholia_window_get_store (window);
  ScholiaDocument *ledgers = scholia_window_get_document (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  ScholiaLabel *tolls;
  ScholiaDocument *other;
  int start, end, selected_start, selected_end;

  tolls = scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Tolls", NULL, NULL, &error);
  g_assert_no_error (error);
  other = scholia_store_add_document (store, "Salt Roads", "Bruno Keel", NULL, NULL,
                                      "Salt went inland on mules, and every bridge took its share.",
                                      NULL, &error);
  g_assert_no_error (error);

  select_passage (window, "Café accounts", &start, &end);
  apply_tag (window, 0);
  annotation = g_object_ref (only_annotation (window));
  g_assert_true (scholia_editor_add_label (scholia_window_get_editor (window), annotation, tolls, &error));
  g_assert_no_error (error);

  g_assert_true (scholia_window_show_document (window, other));
  wait_for_layout (window);
  focus_sidebar (window);
  press_shortcut (window, "<Control>z", "library.undo");

  g_assert_false (scholia_annotation_has_label (annotation, tolls));
  g_assert_true (scholia_window_get_document (window) == ledgers);
  g_assert_true (scholia_library_sidebar_get_selected_document (
                   SCHOLIA_LIBRARY_SIDEBAR (scholia_window_get_sidebar (window))) == ledgers);
  g_assert_true (scholia_reading_view_get_selection (window_reader (window), &selected_start, &selected_end));
  g_assert_cmpint (selected_start, ==, start);
  g_assert_cmpint (selected_end, ==, end);
  g_assert_true (scholia_reading_get_current (scholia_window_get_reading (window)) == annotation);
  g_assert_true (shows_toast (window, "Undid “Add Theme” in Harbour Ledgers"));

  /* Redo goes back to the same place and says so. */
  g_assert_true (scholia_window_show_document (window, other));
  press_shortcut (window, "<Control><Shift>z", "library.redo");
  g_assert_true (scholia_annotation_has_label (annotation, tolls));
  g_assert_true (scholia_window_get_document (window) == ledgers);
  g_assert_true (shows_toast (window, "Redid “Add Theme” in Harbour Ledgers"));

  window_destroy (window);
}

/* A change to a tag is named with the tag it concerns. */
static void
test_undo_names_the_label (Fixture       *fixture,
                           gconstpointer  data)
{
  ScholiaWindow *window = window_with_essay (fixture);
  ScholiaLabel *thesis = scholia_store_find_label (scholia_window_get_store (window), SCHOLIA_TYPE_TAG,
                                                   "thesis", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_editor_update_label (scholia_window_get_editor (window), thesis, "claim",
                                              NULL, NULL, &error));
  g_assert_no_error (error);
  focus_sidebar (window);
  press_shortcut (window, "<Control>z", "library.undo");
  g_assert_cmpstr (scholia_label_get_name (thesis), ==, "thesis");
  g_assert_true (shows_toast (window, "Undid “Rename Tag”: thesis"));

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
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/window/annotate/keyboard-tagging-creates-annotation",
       test_keyboard_tagging_creates_annotation);
  ADD ("/window/annotate/blank-selection-only-explains", test_blank_selection_only_explains);
  ADD ("/window/annotate/second-tag-joins-same-annotation", test_second_tag_joins_same_annotation);
  ADD ("/window/annotate/undo-and-redo-highlight", test_undo_and_redo_highlight);
  ADD ("/window/annotate/undo-in-note-undoes-typing", test_undo_in_note_undoes_typing);
  ADD ("/window/annotate/attach-is-undone-by-undo", test_attach_is_undone);
  ADD ("/window/annotate/activating-highlight-inspects-it", test_activating_highlight_inspects_it);
  ADD ("/window/annotate/changed-text-is-reanchored-on-open",
       test_changed_text_is_reanchored_on_open);
  ADD ("/window/annotate/manage-tags-presents-manager", test_manage_tags_presents_manager);
  ADD ("/window/annotate/manager-rename-is-undone-by-window", test_manager_rename_is_undone_by_window);
  ADD ("/window/annotate/shortcuts-work-from-sidebar", test_shortcuts_work_from_sidebar);
  ADD ("/window/annotate/f6-cycles-regions", test_f6_cycles_regions);
  ADD ("/window/annotate/closing-returns-focus", test_closing_returns_focus);
  ADD ("/window/annotate/undo-brings-its-essay-back", test_undo_brings_its_essay_back);
  ADD ("/window/annotate/undo-names-the-label", test_undo_names_the_label);
  ADD ("/window/annotate/annotation-actions-act-on-inspected", test_annotation_actions_act_on_inspected);
  ADD ("/window/annotate/note-is-saved-on-close", test_note_is_saved_on_close);
  ADD ("/window/annotate/palette-and-menu-follow-tags", test_palette_and_menu_follow_tags);
  ADD ("/window/annotate/page-binds-one-reading", test_page_binds_one_reading);
  ADD ("/window/annotate/closing-reader-clears-inspector", test_closing_reader_clears_inspector);
  ADD ("/window/annotate/read-only-library-says-so", test_read_only_library_says_so);

#undef ADD

  return g_test_run ();
}
