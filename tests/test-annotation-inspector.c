/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "scholia-annotation-inspector.h"
#include "scholia-tag-chip.h"
#include "scholia-theme-picker.h"
#include "test-files.h"
#include "test-ui.h"

/* Original text: three sentences, three annotations, the middle one orphaned. */
static const char essay[] =
  "The harbour silted up within a generation. "
  "Merchants moved their warehouses inland. "
  "By 1790 the customs house stood empty.";

typedef struct
{
  char                       *dir;
  char                       *path;
  ScholiaStore               *store;
  ScholiaEditor              *editor;
  ScholiaDocument            *document;
  ScholiaReading             *reading;
  ScholiaAnnotation          *first;
  ScholiaAnnotation          *orphan;
  ScholiaAnnotation          *last;
  GtkWindow                  *window;
  ScholiaAnnotationInspector *inspector;
  GPtrArray                  *revealed;
  GPtrArray                  *attach_requests;  /* annotation ids */
} Fixture;

static gboolean
on_guard_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the store holds the note, or gives up after a generous while. */
static void
wait_for_note (ScholiaAnnotation *annotation,
               const char        *note)
{
  gboolean timed_out = FALSE;
  guint guard = g_timeout_add_seconds (5, on_guard_timeout_cb, &timed_out);

  while (!g_str_equal (scholia_annotation_get_note (annotation), note) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (guard);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, note);
}

static gint64
tag_id (Fixture    *fixture,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *tag = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tag);
  return scholia_label_get_id (tag);
}

static ScholiaAnnotation *
annotate (Fixture    *fixture,
          const char *quote,
          const char *tag_names)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_strsplit (tag_names, ",", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *found = strstr (essay, quote);
  ScholiaAnnotation *annotation;
  int start;

  g_assert_nonnull (found);
  start = (int) g_utf8_pointer_to_offset (essay, found);

  for (guint i = 0; names[i] != NULL; i++)
    {
      gint64 id = tag_id (fixture, names[i]);

      g_array_append_val (ids, id);
    }

  annotation = scholia_editor_annotate (fixture->editor, fixture->document, start,
                                        start + (int) g_utf8_strlen (quote, -1),
                                        (const gint64 *) ids->data, ids->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

static void
on_reveal_annotation_cb (ScholiaAnnotationInspector *inspector,
                         ScholiaAnnotation          *annotation,
                         Fixture                    *fixture)
{
  g_ptr_array_add (fixture->revealed, annotation);
}

/* The page's "annotation.attach", as the inspector activates it. */
static void
on_attach_cb (GSimpleAction *action,
              GVariant      *parameter,
              Fixture       *fixture)
{
  g_ptr_array_add (fixture->attach_requests, GSIZE_TO_POINTER (g_variant_get_int64 (parameter)));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) annotation_actions = NULL;
  g_autoptr(GSimpleAction) attach = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-inspector-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->editor = scholia_editor_new (fixture->store);

  fixture->document = scholia_store_add_document (fixture->store, "The Silted Harbour",
                                                  "Ilse Marren", "1931", NULL, essay, NULL,
                                                  &error);
  g_assert_no_error (error);

  fixture->first = annotate (fixture, "The harbour silted up", "evidence");
  fixture->orphan = annotate (fixture, "Merchants moved their warehouses inland", "thesis");
  fixture->last = annotate (fixture, "the customs house stood empty", "thesis,evidence");
  g_assert_true (scholia_store_set_annotation_anchor (fixture->store, fixture->orphan,
                                                      scholia_annotation_get_start (fixture->orphan),
                                                      scholia_annotation_get_end (fixture->orphan),
                                                      TRUE, &error));
  g_assert_no_error (error);
  scholia_editor_clear_history (fixture->editor);

  fixture->revealed = g_ptr_array_new ();
  fixture->attach_requests = g_ptr_array_new ();

  fixture->reading = scholia_reading_new (fixture->store, fixture->document, &error);
  g_assert_no_error (error);
  fixture->inspector = scholia_annotation_inspector_new ();
  g_object_set (fixture->inspector,
                "editor", fixture->editor,
                "reading", fixture->reading,
                NULL);
  g_signal_connect (fixture->inspector, "reveal-annotation",
                    G_CALLBACK (on_reveal_annotation_cb), fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  attach = g_simple_action_new ("attach", G_VARIANT_TYPE_INT64);
  g_signal_connect (attach, "activate", G_CALLBACK (on_attach_cb), fixture);
  annotation_actions = g_simple_action_group_new ();
  g_action_map_add_action (G_ACTION_MAP (annotation_actions), G_ACTION (attach));
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "annotation",
                                  G_ACTION_GROUP (annotation_actions));
  gtk_window_set_default_size (fixture->window, 360, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->inspector));
  gtk_window_present (fixture->window);
  drain_main_context ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  drain_main_context ();

  g_ptr_array_unref (fixture->revealed);
  g_ptr_array_unref (fixture->attach_requests);
  g_clear_object (&fixture->first);
  g_clear_object (&fixture->orphan);
  g_clear_object (&fixture->last);
  g_assert_finalize_object (fixture->reading);
  g_assert_finalize_object (fixture->editor);
  /* The inspector must let go of the store and everything in it once it is gone. */
  g_assert_finalize_object (fixture->store);

  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gpointer
template_child (Fixture    *fixture,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->inspector),
                                                  SCHOLIA_TYPE_ANNOTATION_INSPECTOR, name);

  g_assert_nonnull (child);
  return child;
}

static GtkTextBuffer *
note_buffer (Fixture *fixture)
{
  return gtk_text_view_get_buffer (template_child (fixture, "note_view"));
}

static char *
note_text (Fixture *fixture)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (note_buffer (fixture), &start, &end);
  return gtk_text_buffer_get_text (note_buffer (fixture), &start, &end, FALSE);
}

static ScholiaTagChip *
chip_at (Fixture *fixture,
         int      index)
{
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (template_child (fixture, "tags_box"), index);

  return child != NULL ? SCHOLIA_TAG_CHIP (gtk_flow_box_child_get_child (child)) : NULL;
}

/* The chips as the user reads them, comma-separated. */
static char *
describe_chips (Fixture *fixture)
{
  GString *description = g_string_new (NULL);
  ScholiaTagChip *chip;

  for (int i = 0; (chip = chip_at (fixture, i)) != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (description, ',');
      g_string_append (description, scholia_label_get_name (scholia_tag_chip_get_label (chip)));
    }

  return g_string_free (description, FALSE);
}

/* The tags the Add Tag menu offers, comma-separated. */
static char *
describe_add_menu (Fixture *fixture)
{
  GMenuModel *menu = template_child (fixture, "add_tag_menu");
  GString *description = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      if (i > 0)
        g_string_append_c (description, ',');
      g_string_append (description, label);
    }

  return g_string_free (description, FALSE);
}

static gboolean
has_annotation (Fixture           *fixture,
                ScholiaAnnotation *annotation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = scholia_store_list_annotations (fixture->store, fixture->document, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ScholiaAnnotation) item = g_list_model_get_item (list, i);

      if (item == annotation)
        return TRUE;
    }

  return FALSE;
}

static void
test_shows_quote_and_tags (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *chips = NULL;
  g_autofree char *menu = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture, "content_stack")), ==, "empty");

  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->last);
  drain_main_context ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture, "content_stack")), ==, "annotation");
  g_assert_cmpstr (gtk_label_get_label (template_child (fixture, "quote_label")), ==,
                   "the customs house stood empty");
  chips = describe_chips (fixture);
  g_assert_cmpstr (chips, ==, "thesis,evidence");
  menu = describe_add_menu (fixture);
  g_assert_cmpstr (menu, ==, "source-reference,counter-argument");
  /* The orphan does not count among the placed annotations. */
  g_assert_cmpstr (gtk_label_get_label (template_child (fixture, "position_label")), ==, "2 of 2");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (template_child (fixture, "created_label")), "Created "));

  scholia_annotation_inspector_set_annotation (fixture->inspector, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture, "content_stack")), ==, "empty");
}

static void
test_note_saved_after_typing (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) reopened = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  const char *note = "Silting, not war, ended the port.";

  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->first);
  gtk_text_buffer_set_text (note_buffer (fixture), note, -1);
  /* Not at once: the save waits for the typing to pause. */
  g_assert_cmpstr (scholia_annotation_get_note (fixture->first), ==, "");

  wait_for_note (fixture->first, note);

  reopened = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  annotation = scholia_store_get_annotation (reopened, scholia_annotation_get_id (fixture->first), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, note);
}

static void
test_note_flushed_on_switch (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *text = NULL;

  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->first);
  gtk_text_buffer_set_text (note_buffer (fixture), "Typed just before moving on.", -1);
  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->last);

  /* Saved without a turn of the main loop. */
  g_assert_cmpstr (scholia_annotation_get_note (fixture->first), ==, "Typed just before moving on.");
  text = note_text (fixture);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpstr (scholia_annotation_get_note (fixture->last), ==, "");
}

static void
test_note_flush (Fixture       *fixture,
                 gconstpointer  data)
{
  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->last);
  gtk_text_buffer_set_text (note_buffer (fixture), "Typed as the window closes.", -1);
  scholia_annotation_inspector_flush (fixture->inspector);

  g_assert_cmpstr (scholia_annotation_get_note (fixture->last), ==, "Typed as the window closes.");
}

static void
test_note_flushed_on_destroy (Fixture       *fixture,
                              gconstpointer  data)
{
  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->last);
  gtk_text_buffer_set_text (note_buffer (fixture), "Typed as the window went away.", -1);
  gtk_window_destroy (fixture->window);
  fixture->window = GTK_WINDOW (gtk_window_new ());

  g_assert_cmpstr (scholia_annotation_get_note (fixture->last), ==, "Typed as the window went away.");
}

static void
test_note_one_undo (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->first);
  gtk_text_buffer_set_text (note_buffer (fixture), "Sil", -1);
  wait_for_note (fixture->first, "Sil");
  gtk_text_buffer_set_text (note_buffer (fixture), "Silting", -1);
  wait_for_note (fixture->first, "Silting");
  gtk_text_buffer_set_text (note_buffer (fixture), "Silting, then decline.", -1);
  wait_for_note (fixture->first, "Silting, then decline.");

  /* Three pauses in the typing, one edit of the note. */
  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_annotation_get_note (fixture->first), ==, "");
  g_assert_false (scholia_editor_get_can_undo (fixture->editor));

  /* The text view follows the undo, since nothing is being typed. */
  text = note_text (fixture);
  g_assert_cmpstr (text, ==, "");
}

static void
test_remove_tag_chip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *chips = NULL;
  ScholiaTagChip *chip;
  GtkWidget *button;

  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->last);
  chip = chip_at (fixture, 0);
  g_assert_nonnull (chip);
  g_assert_cmpstr (scholia_label_get_name (scholia_tag_chip_get_label (chip)), ==, "thesis");
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (chip), SCHOLIA_TYPE_TAG_CHIP,
                                                      "remove_button"));
  g_signal_emit_by_name (button, "clicked");
  drain_main_context ();

  g_assert_false (scholia_annotation_has_tag (fixture->last, tag_id (fixture, "thesis")));
  g_assert_true (scholia_annotation_has_tag (fixture->last, tag_id (fixture, "evidence")));
  chips = describe_chips (fixture);
  g_assert_cmpstr (chips, ==, "evidence");
  g_assert_true (scholia_editor_get_can_undo (fixture->editor));
}

static void
test_add_tag_from_menu (Fixture       *fixture,
                        gconstpointer  data)
{
  GMenuModel *menu = template_child (fixture, "add_tag_menu");
  g_autofree char *action = NULL;
  g_autofree char *chips = NULL;
  g_autofree char *offered = NULL;
  g_autoptr(GVariant) target = NULL;

  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->first);
  offered = describe_add_menu (fixture);
  g_assert_cmpstr (offered, ==, "thesis,source-reference,counter-argument");

  /* "counter-argument", as the menu would activate it. */
  g_assert_true (g_menu_model_get_item_attribute (menu, 2, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  target = g_menu_model_get_item_attribute_value (menu, 2, G_MENU_ATTRIBUTE_TARGET, NULL);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->inspector), action, target));
  drain_main_context ();

  g_assert_true (scholia_annotation_has_tag (fixture->first, tag_id (fixture, "counter-argument")));
  chips = describe_chips (fixture);
  g_assert_cmpstr (chips, ==, "evidence,counter-argument");
  g_clear_pointer (&offered, g_free);
  offered = describe_add_menu (fixture);
  g_assert_cmpstr (offered, ==, "thesis,source-reference");
}

/* Themes. */

static ScholiaLabel *
add_theme (Fixture    *fixture,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *theme = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, name, NULL, NULL, &error);

  g_assert_no_error (error);
  return theme;
}

static GtkWidget *
theme_chip_at (Fixture *fixture,
               int      index)
{
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (template_child (fixture, "themes_box"), index);

  return child != NULL ? gtk_flow_box_child_get_child (child) : NULL;
}

/* The theme chips as the user reads them, comma-separated. */
static char *
describe_theme_chips (Fixture *fixture)
{
  GString *description = g_string_new (NULL);
  GtkWidget *chip;

  for (int i = 0; (chip = theme_chip_at (fixture, i)) != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (description, ',');
      g_string_append (description, gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (chip))));
    }

  return g_string_free (description, FALSE);
}

static void
assert_theme_chips (Fixture    *fixture,
                    const char *expected)
{
  g_autofree char *chips = describe_theme_chips (fixture);

  g_assert_cmpstr (chips, ==, expected);
}

static void
test_theme_chips (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *trade = add_theme (fixture, "harbour trade");
  ScholiaLabel *decline = add_theme (fixture, "decline");
  g_autofree char *colour_class = NULL;
  GtkWidget *remove;

  g_assert_true (scholia_editor_add_label (fixture->editor, fixture->last, trade, &error));
  g_assert_true (scholia_editor_add_label (fixture->editor, fixture->last, decline, &error));
  g_assert_no_error (error);

  /* An annotation in no theme shows no chips. */
  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->first);
  drain_main_context ();
  assert_theme_chips (fixture, "");
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "themes_box")));

  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->last);
  drain_main_context ();
  assert_theme_chips (fixture, "harbour trade,decline");
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "themes_box")));

  /* Each chip is painted in its theme's colour, and follows it. */
  colour_class = scholia_tag_chip_colour_css_class (scholia_label_get_colour (decline));
  g_assert_true (gtk_widget_has_css_class (theme_chip_at (fixture, 1), "tag-chip"));
  g_assert_true (gtk_widget_has_css_class (theme_chip_at (fixture, 1), colour_class));
  g_assert_true (scholia_store_update_label (fixture->store, decline, "decay", "#9141ac", NULL, &error));
  g_assert_no_error (error);
  drain_main_context ();
  assert_theme_chips (fixture, "harbour trade,decay");
  g_assert_true (gtk_widget_has_css_class (theme_chip_at (fixture, 1), "tag-colour-9141ac"));

  /* The chip's button takes the annotation out of the theme, undoably. */
  remove = gtk_widget_get_last_child (theme_chip_at (fixture, 0));
  g_assert_true (GTK_IS_BUTTON (remove));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, "Remove from Theme “harbour trade”");
  g_signal_emit_by_name (remove, "clicked");
  drain_main_context ();

  g_assert_false (scholia_annotation_has_theme (fixture->last, scholia_label_get_id (trade)));
  g_assert_true (scholia_annotation_has_theme (fixture->last, scholia_label_get_id (decline)));
  assert_theme_chips (fixture, "decay");
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Remove Theme");

  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_no_error (error);
  drain_main_context ();
  assert_theme_chips (fixture, "harbour trade,decay");

  /* A theme deleted from the library leaves the chips. */
  g_assert_true (scholia_editor_delete_label (fixture->editor, trade, &error));
  g_assert_no_error (error);
  drain_main_context ();
  assert_theme_chips (fixture, "decay");
}

static void
test_add_to_theme_with_picker (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkMenuButton *button = template_child (fixture, "add_theme_button");
  ScholiaThemePicker *picker;
  GtkEditable *entry;
  ScholiaLabel *created;

  /* Nothing to add to a theme until an annotation is shown. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (button)));

  add_theme (fixture, "silting");
  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->first);
  drain_main_context ();
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->inspector), "inspector.pick-theme", NULL));
  drain_main_context ();
  picker = SCHOLIA_THEME_PICKER (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (picker)));
  g_assert_true (scholia_theme_picker_get_annotation (picker) == fixture->first);

  /* An existing theme, then a new one, both from the keyboard. */
  entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (picker), SCHOLIA_TYPE_THEME_PICKER,
                                                       "search_entry"));
  gtk_editable_set_text (entry, "silt");
  g_signal_emit_by_name (entry, "activate");
  drain_main_context ();
  assert_theme_chips (fixture, "silting");

  gtk_editable_set_text (entry, "inland warehouses");
  g_signal_emit_by_name (entry, "activate");
  drain_main_context ();
  created = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_THEME, "inland warehouses", NULL);
  g_assert_nonnull (created);
  g_assert_true (scholia_annotation_has_theme (fixture->first, scholia_label_get_id (created)));
  assert_theme_chips (fixture, "silting,inland warehouses");

  /* The picker follows the inspector to another annotation. */
  gtk_popover_popdown (GTK_POPOVER (picker));
  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->last);
  drain_main_context ();
  g_assert_true (scholia_theme_picker_get_annotation (picker) == fixture->last);
  assert_theme_chips (fixture, "");
}

static void
test_navigation_skips_orphans (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *previous = template_child (fixture, "previous_button");
  GtkWidget *next = template_child (fixture, "next_button");

  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->first);
  g_assert_false (gtk_widget_get_sensitive (previous));
  g_assert_true (gtk_widget_get_sensitive (next));

  gtk_widget_activate_action (GTK_WIDGET (fixture->inspector), "inspector.next", NULL);
  g_assert_true (scholia_annotation_inspector_get_annotation (fixture->inspector) == fixture->last);
  g_assert_cmpuint (fixture->revealed->len, ==, 1);
  g_assert_true (g_ptr_array_index (fixture->revealed, 0) == fixture->last);
  g_assert_true (gtk_widget_get_sensitive (previous));
  g_assert_false (gtk_widget_get_sensitive (next));

  gtk_widget_activate_action (GTK_WIDGET (fixture->inspector), "inspector.previous", NULL);
  g_assert_true (scholia_annotation_inspector_get_annotation (fixture->inspector) == fixture->first);
  g_assert_cmpuint (fixture->revealed->len, ==, 2);
  g_assert_true (g_ptr_array_index (fixture->revealed, 1) == fixture->first);
}

static void
test_orphans_listed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkListBox *list = template_child (fixture, "orphans_list");
  GtkListBoxRow *row;
  GtkWidget *box;

  /* Shown with or without an annotation selected. */
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "orphans_group")));
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  box = gtk_list_box_row_get_child (row);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (box))), ==,
                   "Merchants moved their warehouses inland");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->inspector), "inspector.attach", "x",
                                             scholia_annotation_get_id (fixture->orphan)));
  g_assert_cmpuint (fixture->attach_requests->len, ==, 1);
  g_assert_cmpint (GPOINTER_TO_SIZE (g_ptr_array_index (fixture->attach_requests, 0)), ==,
                   scholia_annotation_get_id (fixture->orphan));

  /* The window attaches it; the group empties and navigation includes it. */
  g_assert_true (scholia_store_set_annotation_anchor (fixture->store, fixture->orphan, 43, 82, FALSE, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "orphans_group")));

  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->first);
  gtk_widget_activate_action (GTK_WIDGET (fixture->inspector), "inspector.next", NULL);
  g_assert_true (scholia_annotation_inspector_get_annotation (fixture->inspector) == fixture->orphan);
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->first);
  gtk_text_buffer_set_text (note_buffer (fixture), "Worth keeping.", -1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->inspector), "inspector.delete", NULL);
  drain_main_context ();
  g_assert_false (has_annotation (fixture, fixture->first));
  g_assert_true (scholia_annotation_inspector_get_annotation (fixture->inspector) == fixture->last);

  /* The last placed one: only the orphan is left, which is not shown in its stead. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->inspector), "inspector.delete", NULL);
  drain_main_context ();
  g_assert_false (has_annotation (fixture, fixture->last));
  g_assert_null (scholia_annotation_inspector_get_annotation (fixture->inspector));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture, "content_stack")), ==, "empty");

  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_no_error (error);
  g_assert_true (has_annotation (fixture, fixture->last));
  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_no_error (error);
  g_assert_true (has_annotation (fixture, fixture->first));
  /* What was typed before the delete came back with it. */
  g_assert_cmpstr (scholia_annotation_get_note (fixture->first), ==, "Worth keeping.");
}

static void
test_delete_orphan (Fixture       *fixture,
                    gconstpointer  data)
{
  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->inspector), "inspector.delete-annotation",
                                             "x", scholia_annotation_get_id (fixture->orphan)));
  drain_main_context ();

  g_assert_false (has_annotation (fixture, fixture->orphan));
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "orphans_group")));
  g_assert_true (scholia_annotation_inspector_get_annotation (fixture->inspector) == fixture->first);
}

static void
test_follows_external_delete (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  scholia_annotation_inspector_set_annotation (fixture->inspector, fixture->last);
  g_assert_true (scholia_editor_delete_annotation (fixture->editor, fixture->last, &error));
  g_assert_no_error (error);
  drain_main_context ();

  g_assert_null (scholia_annotation_inspector_get_annotation (fixture->inspector));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/annotation-inspector/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("shows/quote-and-tags", test_shows_quote_and_tags);
  ADD ("note/saved-after-typing-pauses", test_note_saved_after_typing);
  ADD ("note/saved-at-once-when-switching", test_note_flushed_on_switch);
  ADD ("note/flush-writes-pending-text", test_note_flush);
  ADD ("note/saved-when-destroyed", test_note_flushed_on_destroy);
  ADD ("note/one-undo-restores-original", test_note_one_undo);
  ADD ("tags/remove-chip", test_remove_tag_chip);
  ADD ("tags/add-from-menu", test_add_tag_from_menu);
  ADD ("themes/chips-follow-store-and-remove-undoably", test_theme_chips);
  ADD ("themes/add-to-theme-picks-and-creates", test_add_to_theme_with_picker);
  ADD ("navigation/skips-orphans", test_navigation_skips_orphans);
  ADD ("orphans/listed-and-attachable", test_orphans_listed);
  ADD ("delete/shows-next-and-undoes", test_delete_and_undo);
  ADD ("delete/orphan", test_delete_orphan);
  ADD ("delete/external-clears", test_follows_external_delete);

#undef ADD

  return g_test_run ();
}
