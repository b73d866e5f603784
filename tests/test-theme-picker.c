/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "scholia-theme-picker.h"
#include "test-files.h"
#include "test-ui.h"

static const char essay[] =
  "The famine of 1847 emptied the villages above Kessmar. "
  "Those who left wrote home from the coast, and the letters were kept in the parish chest.";

typedef struct
{
  char               *dir;
  ScholiaStore       *store;
  ScholiaEditor      *editor;
  ScholiaDocument    *document;
  ScholiaAnnotation  *annotation;
  GtkWindow          *window;
  GtkMenuButton      *button;
  ScholiaThemePicker *picker;
} Fixture;

static ScholiaLabel *
add_theme (Fixture    *fixture,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *theme = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, name, NULL, NULL, &error);

  g_assert_no_error (error);
  return theme;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-theme-picker-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  fixture->editor = scholia_editor_new (fixture->store);
  fixture->document = scholia_store_add_document (fixture->store, "Letters from the Coast",
                                                  "Marit Oslund", "1978", NULL, essay, NULL, &error);
  g_assert_no_error (error);
  fixture->annotation = scholia_store_add_annotation (fixture->store, fixture->document, 4, 19,
                                                      NULL, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);

  add_theme (fixture, "famine");
  add_theme (fixture, "Émigré letters");
  add_theme (fixture, "Famine relief");

  /* As the inspector uses it: the popover of a menu button. */
  fixture->picker = SCHOLIA_THEME_PICKER (scholia_theme_picker_new (fixture->editor));
  scholia_theme_picker_set_annotation (fixture->picker, fixture->annotation);
  fixture->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (fixture->button, GTK_WIDGET (fixture->picker));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 400, 500);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->button));
  gtk_window_present (fixture->window);
  drain_main_context ();
  gtk_menu_button_popup (fixture->button);
  drain_main_context ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* GTK 4.8 keeps a popover that is still up when its window is destroyed (a plain label in
   * one leaks too): close it first, as a user closing the window would have. */
  gtk_popover_popdown (GTK_POPOVER (fixture->picker));
  drain_main_context ();
  gtk_window_destroy (fixture->window);
  drain_main_context ();
  g_clear_object (&fixture->annotation);
  g_assert_finalize_object (fixture->editor);
  /* The picker lets go of the store and its themes once it is gone. */
  g_assert_finalize_object (fixture->store);

  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static gpointer
template_child (Fixture    *fixture,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->picker),
                                                  SCHOLIA_TYPE_THEME_PICKER, name);

  g_assert_nonnull (child);
  return child;
}

static GtkEditable *
search_entry (Fixture *fixture)
{
  return template_child (fixture, "search_entry");
}

static GtkSingleSelection *
selection (Fixture *fixture)
{
  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (template_child (fixture, "list_view")));
}

static void
type (Fixture    *fixture,
      const char *text)
{
  gtk_editable_set_text (search_entry (fixture), text);
  drain_main_context ();
}

static void
press_enter (Fixture *fixture)
{
  g_signal_emit_by_name (search_entry (fixture), "activate");
  drain_main_context ();
}

static gboolean
press_key (Fixture *fixture,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (search_entry (fixture)));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  drain_main_context ();
  return handled;
}

/* The rows as the model holds them: theme names, "+name" for the row that creates, "✓" after
 * a theme the picker's annotation is in. describe_checked() reads what the screen shows. */
static char *
describe_rows (Fixture *fixture)
{
  GListModel *rows = G_LIST_MODEL (selection (fixture));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      if (GTK_IS_STRING_OBJECT (item))
        {
          g_autofree char *text = g_strconcat ("+", gtk_string_object_get_string (GTK_STRING_OBJECT (item)), NULL);

          g_strv_builder_add (builder, text);
        }
      else
        {
          ScholiaLabel *theme = SCHOLIA_LABEL (item);
          ScholiaAnnotation *shown = scholia_theme_picker_get_annotation (fixture->picker);
          gboolean in = scholia_annotation_has_label (shown, theme);
          g_autofree char *text = g_strconcat (scholia_label_get_name (theme), in ? "✓" : "", NULL);

          g_strv_builder_add (builder, text);
        }
    }

  strv = g_strv_builder_end (builder);
  return g_strjoinv ("|", strv);
}

static void
assert_rows (Fixture    *fixture,
             const char *expected)
{
  g_autofree char *rows = describe_rows (fixture);

  g_assert_cmpstr (rows, ==, expected);
}

/* The labels of the rows on screen whose check mark shows. */
static void
collect_checked (GtkWidget *widget,
                 GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *last = gtk_widget_get_last_child (child);

      if (GTK_IS_BOX (child) && GTK_IS_IMAGE (last) &&
          g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (last)), "object-select-symbolic") == 0)
        {
          if (gtk_widget_get_visible (last))
            g_string_append_printf (out, "%s;", gtk_label_get_label (GTK_LABEL (gtk_widget_get_prev_sibling (last))));
        }
      else
        collect_checked (child, out);
    }
}

static char *
describe_checked (Fixture *fixture)
{
  GString *out = g_string_new (NULL);

  collect_checked (template_child (fixture, "list_view"), out);
  return g_string_free (out, FALSE);
}

static void
test_filters_as_you_type (Fixture       *fixture,
                          gconstpointer  data)
{
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->picker)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (search_entry (fixture))) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (fixture->picker))),
                                         GTK_WIDGET (search_entry (fixture))));
  assert_rows (fixture, "famine|Émigré letters|Famine relief");

  /* Case does not matter; a name no theme has is offered for creation, after the matches. */
  type (fixture, "FAM");
  assert_rows (fixture, "famine|Famine relief|+FAM");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (fixture)), ==, 0);

  /* Neither do accents. */
  type (fixture, "emigre");
  assert_rows (fixture, "Émigré letters|+emigre");

  /* A theme has exactly this name (but for case): nothing to create. */
  type (fixture, "Famine ");
  assert_rows (fixture, "famine|Famine relief");

  type (fixture, "relief");
  assert_rows (fixture, "Famine relief|+relief");

  type (fixture, "");
  assert_rows (fixture, "famine|Émigré letters|Famine relief");
}

static void
test_enter_toggles_theme (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *relief = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_THEME, "Famine relief", NULL);
  g_autofree char *checked = NULL;

  type (fixture, "relief");
  press_enter (fixture);
  g_assert_true (scholia_annotation_has_theme (fixture->annotation, scholia_label_get_id (relief)));
  assert_rows (fixture, "Famine relief✓|+relief");
  checked = describe_checked (fixture);
  g_assert_cmpstr (checked, ==, "Famine relief;");
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Add Theme");
  /* The typed text is selected, to be typed over. */
  g_assert_true (gtk_editable_get_selection_bounds (search_entry (fixture), NULL, NULL));

  /* Undo through the editor takes the annotation out again, and the check goes. */
  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_false (scholia_annotation_has_theme (fixture->annotation, scholia_label_get_id (relief)));
  g_clear_pointer (&checked, g_free);
  checked = describe_checked (fixture);
  g_assert_cmpstr (checked, ==, "");

  /* Enter twice: in, then out. */
  press_enter (fixture);
  g_assert_true (scholia_annotation_has_theme (fixture->annotation, scholia_label_get_id (relief)));
  press_enter (fixture);
  g_assert_false (scholia_annotation_has_theme (fixture->annotation, scholia_label_get_id (relief)));
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Remove Theme");
}

static void
test_enter_creates_typed_theme (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *themes = scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_THEME);
  ScholiaLabel *created;

  type (fixture, "  parish chest ");
  assert_rows (fixture, "+parish chest");

  press_enter (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 4);
  created = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_THEME, "parish chest", &error);
  g_assert_no_error (error);
  g_assert_nonnull (created);
  g_assert_true (scholia_annotation_has_theme (fixture->annotation, scholia_label_get_id (created)));
  /* The new theme replaces the row that made it, checked and selected. */
  assert_rows (fixture, "parish chest✓");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (fixture)), ==, 0);

  /* Undo takes the annotation out of it; the theme stays in the library. */
  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_no_error (error);
  g_assert_false (scholia_annotation_has_theme (fixture->annotation, scholia_label_get_id (created)));
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 4);
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  ScholiaLabel *emigre = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_THEME, "Émigré letters", NULL);

  g_assert_cmpuint (gtk_single_selection_get_selected (selection (fixture)), ==, 0);
  g_assert_true (press_key (fixture, GDK_KEY_Down));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (fixture)), ==, 1);
  press_key (fixture, GDK_KEY_Down);
  press_key (fixture, GDK_KEY_Down);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (fixture)), ==, 2);
  press_key (fixture, GDK_KEY_Up);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (fixture)), ==, 1);
  /* Other keys are the entry's. */
  g_assert_false (press_key (fixture, GDK_KEY_a));

  press_enter (fixture);
  g_assert_true (scholia_annotation_has_theme (fixture->annotation, scholia_label_get_id (emigre)));

  /* Escape closes; popping up again starts a new search. */
  type (fixture, "fam");
  g_signal_emit_by_name (search_entry (fixture), "stop-search");
  drain_main_context ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->picker)));
  gtk_menu_button_popup (fixture->button);
  drain_main_context ();
  g_assert_cmpstr (gtk_editable_get_text (search_entry (fixture)), ==, "");
  assert_rows (fixture, "famine|Émigré letters✓|Famine relief");
}

static void
test_follows_annotation (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) other = NULL;
  ScholiaLabel *famine = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_THEME, "famine", NULL);
  g_autofree char *checked = NULL;

  /* A change made elsewhere shows at once. */
  g_assert_true (scholia_editor_add_label (fixture->editor, fixture->annotation, famine, &error));
  g_assert_no_error (error);
  drain_main_context ();
  checked = describe_checked (fixture);
  g_assert_cmpstr (checked, ==, "famine;");

  other = scholia_store_add_annotation (fixture->store, fixture->document, 30, 40, NULL, 0,
                                        NULL, 0, NULL, &error);
  g_assert_no_error (error);
  scholia_theme_picker_set_annotation (fixture->picker, other);
  drain_main_context ();
  g_assert_true (scholia_theme_picker_get_annotation (fixture->picker) == other);
  g_clear_pointer (&checked, g_free);
  checked = describe_checked (fixture);
  g_assert_cmpstr (checked, ==, "");

  /* A theme renamed elsewhere is found by its new name. */
  g_assert_true (scholia_store_update_label (fixture->store, famine, "hunger", NULL, NULL, &error));
  g_assert_no_error (error);
  type (fixture, "hung");
  drain_main_context ();
  assert_rows (fixture, "hunger|+hung");
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: skipping the theme picker tests\n");
      return 77;
    }

  test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/theme-picker/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("filter/as-you-type-ignoring-case-and-accents", test_filters_as_you_type);
  ADD ("enter/toggles-theme-and-undo-takes-it-back", test_enter_toggles_theme);
  ADD ("enter/creates-typed-theme-and-assigns-it", test_enter_creates_typed_theme);
  ADD ("keys/arrows-move-escape-closes", test_keyboard);
  ADD ("follows/annotation-and-theme-changes", test_follows_annotation);

#undef ADD

  return g_test_run ();
}
