/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "scholia-colour-palette.h"
#include "scholia-tag-manager.h"
#include "scholia-tag-row.h"
#include "test-files.h"
#include "test-ui.h"

static const char essay[] =
  "The customs house at Vell kept two ledgers, one for the crown and one for the harbour guild. "
  "Neither agrees with the other about the winter of 1741.";

static const char * const builtin_names[] = {
  "thesis", "evidence", "source-reference", "counter-argument",
};

typedef struct
{
  char              *dir;
  ScholiaStore      *store;
  ScholiaEditor     *editor;
  ScholiaDocument   *document;
  ScholiaTagManager *manager;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-tag-manager-XXXXXX");

  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  fixture->editor = scholia_editor_new (fixture->store);
  fixture->document = scholia_store_add_document (fixture->store, "Two Ledgers", "Ansel Korvik",
                                                  "1990", NULL, essay, NULL, &error);
  g_assert_no_error (error);

  /* The tests of the theme manager pass the label type as data. */
  fixture->manager = scholia_tag_manager_new (fixture->editor,
                                              data != NULL ? GPOINTER_TO_SIZE (data) : SCHOLIA_TYPE_TAG);
  gtk_window_present (GTK_WINDOW (fixture->manager));
  drain_main_context ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->manager));
  drain_main_context ();
  g_clear_object (&fixture->editor);
  g_clear_object (&fixture->store);

  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GtkWidget *child = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name));

  g_assert_nonnull (child);
  return child;
}

static GtkListBox *
tag_list (Fixture *fixture)
{
  return GTK_LIST_BOX (template_child (fixture->manager, SCHOLIA_TYPE_TAG_MANAGER, "tag_list"));
}

static guint
count_rows (Fixture *fixture)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (tag_list (fixture), (int) n) != NULL)
    n++;
  return n;
}

static ScholiaTagRow *
row_at (Fixture *fixture,
        guint    index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (tag_list (fixture), (int) index);

  g_assert_nonnull (row);
  return SCHOLIA_TAG_ROW (row);
}

static ScholiaLabel *
store_tag_at (Fixture *fixture,
              guint    index)
{
  g_autoptr(ScholiaLabel) tag = g_list_model_get_item (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG), index);

  g_assert_nonnull (tag);
  return tag;  /* the store keeps its own reference */
}

/* Types into an entry row and presses Enter, as a user would. */
static void
enter_text (GtkWidget  *entry_row,
            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry_row), text);
  /* GtkText has no activate_signal for gtk_widget_activate(): Enter emits "activate". */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry_row)), "activate");
  drain_main_context ();
}

/* gtk_widget_activate() on a button animates a press and clicks only after a timeout. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  drain_main_context ();
}

static GtkWidget *
find_by_tooltip (GtkWidget  *widget,
                 const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;
      found = find_by_tooltip (child, tooltip);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* Answers a dialog as a click on its button does: the response, then the dialog closes
 * (adw_message_dialog_response() alone leaves it open). */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain_main_context ();
}

static guint
count_tagged (Fixture    *fixture,
              ScholiaLabel *tag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = scholia_store_get_label_annotation_ids (fixture->store, tag, &error);

  g_assert_no_error (error);
  return ids->len;
}

static ScholiaLabel *
add_user_tag_on_two_annotations (Fixture    *fixture,
                                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) first = NULL;
  g_autoptr(ScholiaAnnotation) second = NULL;
  ScholiaLabel *tag;
  gint64 id;

  tag = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_TAG, name, NULL, NULL, &error);
  g_assert_no_error (error);
  id = scholia_label_get_id (tag);
  first = scholia_store_add_annotation (fixture->store, fixture->document, 4, 16, &id, 1,
                                        NULL, 0, NULL, &error);
  g_assert_no_error (error);
  second = scholia_store_add_annotation (fixture->store, fixture->document, 20, 40, &id, 1,
                                         NULL, 0, NULL, &error);
  g_assert_no_error (error);
  drain_main_context ();

  return tag;
}

static void
test_lists_builtin_tags_in_order (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_assert_cmpuint (count_rows (fixture), ==, G_N_ELEMENTS (builtin_names));
  for (guint i = 0; i < G_N_ELEMENTS (builtin_names); i++)
    {
      ScholiaTagRow *row = row_at (fixture, i);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, builtin_names[i]);
      g_assert_cmpstr (scholia_label_get_name (SCHOLIA_LABEL (scholia_tag_row_get_label (row))), ==, builtin_names[i]);
      g_assert_cmpuint (scholia_tag_row_get_count (row), ==, 0);
    }
}

static void
test_add_row_creates_tag (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *add_row = template_child (fixture->manager, SCHOLIA_TYPE_TAG_MANAGER, "add_row");
  GListModel *tags = scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG);
  ScholiaLabel *tag;

  enter_text (add_row, "harbour dues");

  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 5);
  g_assert_cmpuint (count_rows (fixture), ==, 5);
  tag = store_tag_at (fixture, 4);
  g_assert_cmpstr (scholia_label_get_name (tag), ==, "harbour dues");
  g_assert_cmpstr (scholia_label_get_colour (tag), !=, NULL);
  g_assert_true (scholia_tag_row_get_label (row_at (fixture, 4)) == tag);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");

  /* A name already taken is refused, and what was typed stays to be corrected. */
  enter_text (add_row, "Thesis");
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 5);
  g_assert_cmpuint (count_rows (fixture), ==, 5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "Thesis");
  g_assert_true (gtk_widget_has_css_class (add_row, "error"));
}

/* The store refuses names with control characters or too long: the manager shows its message and
 * keeps what was typed. */
static void
test_add_row_refuses_bad_names (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *add_row = template_child (fixture->manager, SCHOLIA_TYPE_TAG_MANAGER, "add_row");
  GListModel *tags = scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG);
  g_autofree char *long_name = g_strnfill (101, 'x');
  const char *names[] = { "harbour\x1b[31m", long_name };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      enter_text (add_row, names[i]);
      g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 4);
      g_assert_cmpuint (count_rows (fixture), ==, 4);
      g_assert_true (gtk_widget_has_css_class (add_row, "error"));
    }
}

static void
test_rename_from_row (Fixture       *fixture,
                      gconstpointer  data)
{
  ScholiaTagRow *row = row_at (fixture, 0);
  GtkWidget *name_row = template_child (row, SCHOLIA_TYPE_TAG_ROW, "name_row");
  ScholiaLabel *tag = scholia_tag_row_get_label (row);

  enter_text (name_row, "claim");
  g_assert_cmpstr (scholia_label_get_name (tag), ==, "claim");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "claim");

  /* Another tag's name is refused; the tag keeps its own. */
  enter_text (name_row, "Evidence");
  g_assert_cmpstr (scholia_label_get_name (tag), ==, "claim");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
}

static void
test_describe_from_row (Fixture       *fixture,
                        gconstpointer  data)
{
  ScholiaTagRow *row = row_at (fixture, 1);
  GtkWidget *description_row = template_child (row, SCHOLIA_TYPE_TAG_ROW, "description_row");

  enter_text (description_row, "Ledgers, tallies & letters");
  g_assert_cmpstr (scholia_label_get_description (SCHOLIA_LABEL (scholia_tag_row_get_label (row))), ==,
                   "Ledgers, tallies & letters");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "Ledgers, tallies & letters");
}

static void
test_palette_recolours_tag (Fixture       *fixture,
                            gconstpointer  data)
{
  ScholiaTagRow *row = row_at (fixture, 2);
  GtkWidget *palette = template_child (row, SCHOLIA_TYPE_TAG_ROW, "palette");
  GtkWidget *purple = find_by_tooltip (palette, "Purple");

  g_assert_nonnull (purple);
  g_assert_cmpstr (scholia_colour_palette_get_colour (SCHOLIA_COLOUR_PALETTE (palette)), ==,
                   scholia_label_get_colour (SCHOLIA_LABEL (scholia_tag_row_get_label (row))));

  click (purple);

  g_assert_cmpstr (scholia_label_get_colour (SCHOLIA_LABEL (scholia_tag_row_get_label (row))), ==, "#a01890");
  g_assert_cmpstr (scholia_label_get_colour (SCHOLIA_LABEL (store_tag_at (fixture, 2))), ==, "#a01890");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (purple)));
}

static void
test_move_down_changes_palette_order (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkWidget *up = template_child (row_at (fixture, 0), SCHOLIA_TYPE_TAG_ROW, "move_up_button");
  GtkWidget *down = template_child (row_at (fixture, 0), SCHOLIA_TYPE_TAG_ROW, "move_down_button");

  /* The first tag cannot go further up. */
  g_assert_false (gtk_widget_get_sensitive (up));
  g_assert_true (gtk_widget_get_sensitive (down));

  click (down);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->manager)),
                                         GTK_WIDGET (row_at (fixture, 1))));

  g_assert_cmpstr (scholia_label_get_name (SCHOLIA_LABEL (store_tag_at (fixture, 0))), ==, "evidence");
  g_assert_cmpstr (scholia_label_get_name (SCHOLIA_LABEL (store_tag_at (fixture, 1))), ==, "thesis");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (fixture, 0))), ==,
                   "evidence");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (fixture, 1))), ==,
                   "thesis");

  /* The last tag cannot go further down. */
  down = template_child (row_at (fixture, 3), SCHOLIA_TYPE_TAG_ROW, "move_down_button");
  g_assert_false (gtk_widget_get_sensitive (down));
}

static void
undo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_editor_undo (fixture->editor, &error));
  g_assert_no_error (error);
}

/* Every edit made in the manager is a step of the library's history, undone newest first. */
static void
test_edits_can_be_undone (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *add_row = template_child (fixture->manager, SCHOLIA_TYPE_TAG_MANAGER, "add_row");
  ScholiaTagRow *row = row_at (fixture, 1);
  ScholiaLabel *evidence = scholia_tag_row_get_label (row);
  g_autofree char *description = g_strdup (scholia_label_get_description (evidence));
  g_autofree char *colour = g_strdup (scholia_label_get_colour (evidence));

  enter_text (template_child (row, SCHOLIA_TYPE_TAG_ROW, "name_row"), "proof");
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Rename Tag");
  enter_text (template_child (row, SCHOLIA_TYPE_TAG_ROW, "description_row"), "Ledgers");
  click (find_by_tooltip (template_child (row, SCHOLIA_TYPE_TAG_ROW, "palette"), "Purple"));
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Recolour Tag");
  click (template_child (row, SCHOLIA_TYPE_TAG_ROW, "move_up_button"));
  g_assert_true (store_tag_at (fixture, 0) == evidence);
  enter_text (add_row, "harbour dues");
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo New Tag");
  g_assert_cmpuint (count_rows (fixture), ==, 5);

  undo (fixture);
  g_assert_cmpuint (count_rows (fixture), ==, 4);
  g_assert_null (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "harbour dues", NULL));
  undo (fixture);
  g_assert_true (store_tag_at (fixture, 1) == evidence);
  g_assert_true (scholia_tag_row_get_label (row_at (fixture, 1)) == evidence);
  undo (fixture);
  g_assert_cmpstr (scholia_label_get_colour (evidence), ==, colour);
  undo (fixture);
  g_assert_cmpstr (scholia_label_get_description (evidence), ==, description);

  /* The rename is undone in the store and in the row showing it. */
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Rename Tag");
  undo (fixture);
  g_assert_cmpstr (scholia_label_get_name (evidence), ==, "evidence");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (fixture, 1))), ==, "evidence");
  g_assert_false (scholia_editor_get_can_undo (fixture->editor));
}

static void
test_builtin_tags_cannot_be_deleted (Fixture       *fixture,
                                     gconstpointer  data)
{
  ScholiaLabel *tag;

  for (guint i = 0; i < G_N_ELEMENTS (builtin_names); i++)
    {
      ScholiaTagRow *row = row_at (fixture, i);

      g_assert_false (gtk_widget_get_sensitive (template_child (row, SCHOLIA_TYPE_TAG_ROW, "delete_button")));
      g_assert_false (gtk_widget_get_sensitive (template_child (row, SCHOLIA_TYPE_TAG_ROW, "merge_button")));
    }

  tag = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_TAG, "tariff", NULL, NULL, NULL);
  g_assert_nonnull (tag);
  drain_main_context ();
  g_assert_true (gtk_widget_get_sensitive (template_child (row_at (fixture, 4), SCHOLIA_TYPE_TAG_ROW,
                                                           "delete_button")));

  /* Even asked directly, the manager keeps a built-in tag. */
  gtk_widget_activate_action (GTK_WIDGET (row_at (fixture, 0)), "labels.delete", "x",
                              scholia_label_get_id (SCHOLIA_LABEL (store_tag_at (fixture, 0))));
  drain_main_context ();
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG)), ==, 5);
}

static void
test_delete_confirms_with_count_and_undoes (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *tag = add_user_tag_on_two_annotations (fixture, "smuggling");
  gint64 id = scholia_label_get_id (tag);
  AdwMessageDialog *dialog;
  ScholiaTagRow *row = row_at (fixture, 4);

  click (template_child (row, SCHOLIA_TYPE_TAG_ROW, "delete_button"));

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “smuggling”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "It is on 2 annotations; they keep their other tags.");

  adw_message_dialog_response (dialog, "delete");
  drain_main_context ();

  g_assert_null (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, id));
  g_assert_cmpuint (count_rows (fixture), ==, 4);
  g_assert_true (scholia_editor_get_can_undo (fixture->editor));

  scholia_editor_undo (fixture->editor, &error);
  g_assert_no_error (error);
  drain_main_context ();

  tag = scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, id);
  g_assert_nonnull (tag);
  g_assert_cmpuint (count_tagged (fixture, tag), ==, 2);
  g_assert_cmpuint (count_rows (fixture), ==, 5);
  g_assert_cmpuint (scholia_tag_row_get_count (row_at (fixture, 4)), ==, 2);
}

static void
test_delete_cancel_keeps_tag (Fixture       *fixture,
                              gconstpointer  data)
{
  ScholiaLabel *tag = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_TAG, "quarantine", NULL, NULL, NULL);
  AdwMessageDialog *dialog;

  drain_main_context ();
  gtk_widget_activate_action (GTK_WIDGET (row_at (fixture, 4)), "row.delete", NULL);
  drain_main_context ();

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "It is on no annotations.");

  adw_message_dialog_response (dialog, "cancel");
  drain_main_context ();

  g_assert_true (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, scholia_label_get_id (tag)) == tag);
  g_assert_cmpuint (count_rows (fixture), ==, 5);
}

static void
test_merge_moves_annotations (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *from = add_user_tag_on_two_annotations (fixture, "contraband");
  ScholiaLabel *into = store_tag_at (fixture, 1);
  gint64 from_id = scholia_label_get_id (from);
  AdwMessageDialog *dialog;

  g_assert_cmpuint (count_tagged (fixture, into), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (row_at (fixture, 4)), "row.merge-into", "x",
                              scholia_label_get_id (into));
  drain_main_context ();

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Merge “contraband” into “evidence”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "2 annotations will carry “evidence” instead.");

  adw_message_dialog_response (dialog, "merge");
  drain_main_context ();

  g_assert_null (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, from_id));
  g_assert_cmpuint (count_tagged (fixture, into), ==, 2);
  g_assert_cmpuint (count_rows (fixture), ==, 4);
  g_assert_cmpuint (scholia_tag_row_get_count (row_at (fixture, 1)), ==, 2);

  scholia_editor_undo (fixture->editor, &error);
  g_assert_no_error (error);
  drain_main_context ();

  g_assert_nonnull (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, from_id));
  g_assert_cmpuint (count_tagged (fixture, into), ==, 0);
  g_assert_cmpuint (scholia_tag_row_get_count (row_at (fixture, 1)), ==, 0);
}

static void
test_builtin_tags_cannot_be_merged_away (Fixture       *fixture,
                                         gconstpointer  data)
{
  ScholiaLabel *thesis = store_tag_at (fixture, 0);

  gtk_widget_activate_action (GTK_WIDGET (row_at (fixture, 0)), "labels.merge", "(xx)",
                              scholia_label_get_id (thesis),
                              scholia_label_get_id (SCHOLIA_LABEL (store_tag_at (fixture, 1))));
  drain_main_context ();

  g_assert_null (find_message_dialog ());
  g_assert_true (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, scholia_label_get_id (thesis)) == thesis);
}

/* Themes. */

static ScholiaLabel *
store_theme_at (Fixture *fixture,
                guint    index)
{
  g_autoptr(ScholiaLabel) theme = g_list_model_get_item (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_THEME), index);

  g_assert_nonnull (theme);
  return theme;  /* the store keeps its own reference */
}

static guint
count_in_theme (Fixture      *fixture,
                ScholiaLabel *theme)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = scholia_store_get_label_annotation_ids (fixture->store, theme, &error);

  g_assert_no_error (error);
  return ids->len;
}

/* Two themes, "harbour" and "customs", and two annotations in "customs", one also in
 * "harbour". */
static ScholiaLabel *
add_theme_on_two_annotations (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) first = NULL;
  g_autoptr(ScholiaAnnotation) second = NULL;
  ScholiaLabel *harbour;
  ScholiaLabel *customs;
  gint64 ids[2];

  harbour = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "harbour", NULL, NULL, &error);
  g_assert_no_error (error);
  customs = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "customs", NULL, NULL, &error);
  g_assert_no_error (error);
  ids[0] = scholia_label_get_id (customs);
  ids[1] = scholia_label_get_id (harbour);
  first = scholia_store_add_annotation (fixture->store, fixture->document, 4, 16, NULL, 0,
                                        ids, 1, NULL, &error);
  g_assert_no_error (error);
  second = scholia_store_add_annotation (fixture->store, fixture->document, 20, 40, NULL, 0,
                                         ids, 2, NULL, &error);
  g_assert_no_error (error);
  drain_main_context ();

  return customs;
}

static void
test_theme_manager_creates_themes (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *add_row = template_child (fixture->manager, SCHOLIA_TYPE_TAG_MANAGER, "add_row");
  GListModel *themes = scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_THEME);
  ScholiaLabel *theme;

  /* No built-in themes: the list starts empty, and it is about themes, not tags. */
  g_assert_cmpint (scholia_tag_manager_get_label_type (fixture->manager), ==, SCHOLIA_TYPE_THEME);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->manager)), ==, "Themes");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (add_row)), ==, "New Theme Name");
  g_assert_cmpuint (count_rows (fixture), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG)), ==, 4);

  enter_text (add_row, "harbour dues");
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 1);
  g_assert_cmpuint (count_rows (fixture), ==, 1);
  theme = store_theme_at (fixture, 0);
  g_assert_cmpstr (scholia_label_get_name (theme), ==, "harbour dues");
  g_assert_true (scholia_tag_row_get_label (row_at (fixture, 0)) == theme);
  g_assert_cmpuint (scholia_tag_row_get_count (row_at (fixture, 0)), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");
  /* Nothing leaked into the tags. */
  g_assert_null (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "harbour dues", NULL));

  /* A name already taken is refused and stays to be corrected. */
  enter_text (add_row, "Harbour Dues");
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 1);
  g_assert_true (gtk_widget_has_css_class (add_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "Harbour Dues");

  /* Themes are never built in: they can always be deleted and merged. */
  g_assert_true (gtk_widget_get_sensitive (template_child (row_at (fixture, 0), SCHOLIA_TYPE_TAG_ROW,
                                                           "delete_button")));
  g_assert_true (gtk_widget_get_sensitive (template_child (row_at (fixture, 0), SCHOLIA_TYPE_TAG_ROW,
                                                           "merge_button")));
}

static void
test_theme_manager_edits_themes (Fixture       *fixture,
                                 gconstpointer  data)
{
  ScholiaLabel *customs = add_theme_on_two_annotations (fixture);
  ScholiaTagRow *row = row_at (fixture, 1);
  GtkWidget *palette = template_child (row, SCHOLIA_TYPE_TAG_ROW, "palette");

  g_assert_true (scholia_tag_row_get_label (row) == customs);
  g_assert_cmpuint (scholia_tag_row_get_count (row), ==, 2);
  g_assert_cmpuint (scholia_tag_row_get_count (row_at (fixture, 0)), ==, 1);

  enter_text (template_child (row, SCHOLIA_TYPE_TAG_ROW, "name_row"), "excise");
  g_assert_cmpstr (scholia_label_get_name (customs), ==, "excise");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "excise");

  enter_text (template_child (row, SCHOLIA_TYPE_TAG_ROW, "description_row"), "Duties & who paid them");
  g_assert_cmpstr (scholia_label_get_description (customs), ==, "Duties & who paid them");

  click (find_by_tooltip (palette, "Purple"));
  g_assert_cmpstr (scholia_label_get_colour (customs), ==, "#a01890");

  /* Up one: the order is the store's. */
  click (template_child (row, SCHOLIA_TYPE_TAG_ROW, "move_up_button"));
  g_assert_true (store_theme_at (fixture, 0) == customs);
  g_assert_true (scholia_tag_row_get_label (row_at (fixture, 0)) == customs);

  /* Each is a step of the history, a theme's as a tag's. */
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Move Theme");
  for (guint i = 0; i < 4; i++)
    undo (fixture);
  g_assert_true (store_theme_at (fixture, 1) == customs);
  g_assert_cmpstr (scholia_label_get_name (customs), ==, "customs");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (fixture, 1))), ==, "customs");
}

static void
test_theme_manager_deletes_with_count (Fixture       *fixture,
                                       gconstpointer  data)
{
  ScholiaLabel *customs = add_theme_on_two_annotations (fixture);
  gint64 id = scholia_label_get_id (customs);
  AdwMessageDialog *dialog;

  click (template_child (row_at (fixture, 1), SCHOLIA_TYPE_TAG_ROW, "delete_button"));

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “customs”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "It is in 2 annotations; they keep their other themes.");

  respond (dialog, "delete");

  g_assert_null (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_THEME, id));
  g_assert_cmpuint (count_rows (fixture), ==, 1);
  g_assert_cmpuint (scholia_tag_row_get_count (row_at (fixture, 0)), ==, 1);
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Delete Theme");

  /* The toast's Undo puts it back, in its place, in both annotations. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->manager), "labels.undo", NULL);
  drain_main_context ();

  customs = scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_THEME, id);
  g_assert_nonnull (customs);
  g_assert_true (store_theme_at (fixture, 1) == customs);
  g_assert_cmpuint (count_in_theme (fixture, customs), ==, 2);
  g_assert_cmpuint (count_rows (fixture), ==, 2);
  g_assert_cmpuint (scholia_tag_row_get_count (row_at (fixture, 1)), ==, 2);

  /* Cancelling keeps the theme; the count is singular for one annotation. */
  gtk_widget_activate_action (GTK_WIDGET (row_at (fixture, 0)), "row.delete", NULL);
  drain_main_context ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “harbour”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "It is in 1 annotation; it keeps its other themes.");
  respond (dialog, "cancel");
  g_assert_cmpuint (count_rows (fixture), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_THEME)), ==, 2);
}

static void
test_theme_manager_merges_with_count (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *customs = add_theme_on_two_annotations (fixture);
  ScholiaLabel *harbour = store_theme_at (fixture, 0);
  gint64 customs_id = scholia_label_get_id (customs);
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (row_at (fixture, 1)), "row.merge-into", "x",
                              scholia_label_get_id (harbour));
  drain_main_context ();

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Merge “customs” into “harbour”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "2 annotations will be in “harbour” instead.");

  respond (dialog, "merge");

  /* The annotation in both is in "harbour" once. */
  g_assert_null (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_THEME, customs_id));
  g_assert_cmpuint (count_in_theme (fixture, harbour), ==, 2);
  g_assert_cmpuint (count_rows (fixture), ==, 1);
  g_assert_cmpuint (scholia_tag_row_get_count (row_at (fixture, 0)), ==, 2);
  g_assert_cmpstr (scholia_editor_get_undo_label (fixture->editor), ==, "Undo Theme Merge");

  scholia_editor_undo (fixture->editor, &error);
  g_assert_no_error (error);
  drain_main_context ();

  customs = scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_THEME, customs_id);
  g_assert_nonnull (customs);
  g_assert_cmpuint (count_in_theme (fixture, customs), ==, 2);
  g_assert_cmpuint (count_in_theme (fixture, harbour), ==, 1);
  g_assert_cmpuint (scholia_tag_row_get_count (row_at (fixture, 0)), ==, 1);
  g_assert_cmpuint (scholia_tag_row_get_count (row_at (fixture, 1)), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: skipping the tag manager tests\n");
      return 77;
    }

  test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/tag-manager/list/builtin-tags-in-palette-order", test_lists_builtin_tags_in_order);
  ADD ("/tag-manager/add/enter-creates-tag-and-keeps-refused-name", test_add_row_creates_tag);
  ADD ("/tag-manager/add/control-characters-and-long-names-refused", test_add_row_refuses_bad_names);
  ADD ("/tag-manager/rename/enter-renames-in-store", test_rename_from_row);
  ADD ("/tag-manager/describe/enter-sets-description", test_describe_from_row);
  ADD ("/tag-manager/colour/palette-choice-recolours-tag", test_palette_recolours_tag);
  ADD ("/tag-manager/move/down-changes-palette-order", test_move_down_changes_palette_order);
  ADD ("/tag-manager/undo/rename-describe-recolour-move-add-undone", test_edits_can_be_undone);
  ADD ("/tag-manager/delete/refused-for-builtin-tags", test_builtin_tags_cannot_be_deleted);
  ADD ("/tag-manager/delete/confirms-with-count-and-can-be-undone", test_delete_confirms_with_count_and_undoes);
  ADD ("/tag-manager/delete/cancel-keeps-tag", test_delete_cancel_keeps_tag);
  ADD ("/tag-manager/merge/moves-annotations-and-can-be-undone", test_merge_moves_annotations);
  ADD ("/tag-manager/merge/refused-for-builtin-tags", test_builtin_tags_cannot_be_merged_away);

#undef ADD

#define ADD_THEMES(path, func) \
  g_test_add (path, Fixture, GSIZE_TO_POINTER (SCHOLIA_TYPE_THEME), \
              fixture_setup, func, fixture_teardown)

  ADD_THEMES ("/theme-manager/add/starts-empty-and-enter-creates-theme", test_theme_manager_creates_themes);
  ADD_THEMES ("/theme-manager/edit/rename-describe-recolour-reorder", test_theme_manager_edits_themes);
  ADD_THEMES ("/theme-manager/delete/confirms-with-count-and-can-be-undone", test_theme_manager_deletes_with_count);
  ADD_THEMES ("/theme-manager/merge/confirms-with-count-and-can-be-undone", test_theme_manager_merges_with_count);

#undef ADD_THEMES

  return g_test_run ();
}
