/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The annotation list's bulk actions on the selected rows, each one undo step through the
 * editor, with a toast offering Undo, and the menus of tags and themes they take: the
 * "annotations." group, which the list inserts on itself. It also holds the theme the list is
 * narrowed to. It calls nothing else of the list but its public API. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "scholia-annotation-list-private.h"
#include "scholia-count-format.h"
#include "scholia-tag-chip.h"

static void
add_toast (ScholiaAnnotationList *self,
           const char            *message,
           gboolean               can_undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (markup);

  if (can_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "library.undo");
    }
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
report (ScholiaAnnotationList *self,
        gboolean               done,
        GError                *error,
        const char            *message)
{
  if (!done)
    add_toast (self, error->message, FALSE);
  else
    add_toast (self, message, TRUE);
}

static void
delete_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ScholiaAnnotationList *self = user_data;
  g_autoptr(GPtrArray) annotations = scholia_annotation_list_dup_selected (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean emptied;
  gboolean done;

  if (self->editor == NULL || annotations->len == 0)
    return;
  emptied = annotations->len == g_list_model_get_n_items (_scholia_annotation_list_get_rows (self));
  done = scholia_editor_delete_annotations (self->editor, annotations, &error);
  message = scholia_count_format (ngettext ("%'u annotation deleted", "%'u annotations deleted", annotations->len),
                             annotations->len);
  report (self, done, error, message);

  /* When no row is left, the focused one goes with the others and GTK would move the keyboard to
   * whatever comes next in the window, a text perhaps, where Ctrl+Z would undo typing instead
   * of the deletion. An empty list cannot hold the focus: keep it on the list's scope switch. */
  if (done && emptied)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_toggle_button_get_active (self->library_button)
                                       ? self->library_button : self->essay_button));
}

/* Adds (@add) or removes the label of @type whose id is @parameter on every selected row. */
static void
relabel_selected (ScholiaAnnotationList *self,
                  GType                  type,
                  GVariant              *parameter,
                  gboolean               add)
{
  g_autoptr(GPtrArray) annotations = scholia_annotation_list_dup_selected (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ScholiaLabel *label;
  gboolean done;
  guint n = annotations->len;

  if (self->editor == NULL || n == 0)
    return;
  label = scholia_store_lookup_label (self->store, type, g_variant_get_int64 (parameter));
  if (label == NULL)
    return;

  if (add)
    done = scholia_editor_add_label_to_all (self->editor, annotations, label, &error);
  else
    done = scholia_editor_remove_label_from_all (self->editor, annotations, label, &error);

  if (type == SCHOLIA_TYPE_TAG)
    /* TRANSLATORS: a toast after a bulk action; %s is a tag's name */
    message = g_strdup_printf (ngettext ("Tagged %u annotation “%s”", "Tagged %u annotations “%s”", n),
                               n, scholia_label_get_display_name (label));
  else if (add)
    message = g_strdup_printf (ngettext ("Added %u annotation to “%s”", "Added %u annotations to “%s”", n),
                               n, scholia_label_get_display_name (label));
  else
    message = g_strdup_printf (ngettext ("Removed %u annotation from “%s”",
                                         "Removed %u annotations from “%s”", n),
                               n, scholia_label_get_display_name (label));
  report (self, done, error, message);
}

static void
add_tag_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  relabel_selected (user_data, SCHOLIA_TYPE_TAG, parameter, TRUE);
}

static void
add_theme_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  relabel_selected (user_data, SCHOLIA_TYPE_THEME, parameter, TRUE);
}

static void
remove_theme_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  relabel_selected (user_data, SCHOLIA_TYPE_THEME, parameter, FALSE);
}

/* 0 lets every theme through. */
static void
filter_theme_changed (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       user_data)
{
  ScholiaAnnotationList *self = user_data;
  gint64 id = g_variant_get_int64 (state);

  g_simple_action_set_state (action, state);
  scholia_annotation_filter_set_theme_ids (scholia_annotation_list_get_filter (self), &id, id != 0 ? 1 : 0);
}

static const GActionEntry entries[] = {
  { "delete", delete_activated },
  { "add-tag", add_tag_activated, "x" },
  { "add-theme", add_theme_activated, "x" },
  { "remove-theme", remove_theme_activated, "x" },
  { "filter-theme", NULL, "x", "int64 0", filter_theme_changed },
};

/* Menus of labels */

static void
fill_menu (GMenu       *menu,
           GListModel  *labels,
           const char  *action)
{
  g_menu_remove_all (menu);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (labels, i);
      g_autofree char *text = scholia_tag_chip_menu_label (scholia_label_get_display_name (label));
      g_autoptr(GMenuItem) item = g_menu_item_new (text, NULL);

      g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (scholia_label_get_id (label)));
      g_menu_append_item (menu, item);
    }
}

static void
rebuild_menus (ScholiaAnnotationList *self)
{
  GListModel *tags = scholia_store_get_labels (self->store, SCHOLIA_TYPE_TAG);
  GListModel *themes = scholia_store_get_labels (self->store, SCHOLIA_TYPE_THEME);

  fill_menu (self->tag_menu, tags, "annotations.add-tag");
  fill_menu (self->add_theme_menu, themes, "annotations.add-theme");
  fill_menu (self->remove_theme_menu, themes, "annotations.remove-theme");
  fill_menu (self->filter_theme_menu, themes, "annotations.filter-theme");
  _scholia_annotation_list_update_actions (self);
}

void
_scholia_annotation_list_watch_labels (ScholiaAnnotationList *self)
{
  GAction *filter_theme = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "filter-theme");

  g_simple_action_set_state (G_SIMPLE_ACTION (filter_theme), g_variant_new_int64 (0));
  if (self->store == NULL)
    {
      g_menu_remove_all (self->tag_menu);
      g_menu_remove_all (self->add_theme_menu);
      g_menu_remove_all (self->remove_theme_menu);
      g_menu_remove_all (self->filter_theme_menu);
      return;
    }
  for (guint i = 0; i < 2; i++)
    g_signal_connect_object (scholia_store_get_labels (self->store, i == 0 ? SCHOLIA_TYPE_TAG : SCHOLIA_TYPE_THEME),
                             "items-changed", G_CALLBACK (rebuild_menus), self, G_CONNECT_SWAPPED);
  rebuild_menus (self);
}

/* The menu's widgets are made as it first opens: a popover menu makes a row for every item as
 * soon as it has its model, and a library's 200 themes in three menus took a tenth of the
 * processor time before its first frame. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  g_autoptr(GMenuModel) menu = g_object_ref (G_MENU_MODEL (user_data));

  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  gtk_menu_button_set_menu_model (button, menu);
}

/* A menu button with a section of labels under a fixed first part (none for the bulk menus,
 * "Any Theme" for the filter). */
static GMenu *
attach_menu (GtkMenuButton *button,
             GMenu         *head)
{
  GMenu *labels = g_menu_new ();
  GMenu *menu = head != NULL ? g_object_ref (head) : g_menu_new ();

  g_menu_append_section (menu, NULL, G_MENU_MODEL (labels));
  gtk_menu_button_set_create_popup_func (button, create_popup_cb, menu, g_object_unref);
  return labels;
}

void
_scholia_annotation_list_init_actions (ScholiaAnnotationList *self)
{
  g_autoptr(GMenu) any_theme = g_menu_new ();
  /* Translators: a menu item under “Add to Theme”: choose the theme from a list */
  g_autoptr(GMenuItem) any = g_menu_item_new (_("Any Theme"), NULL);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "annotations", G_ACTION_GROUP (self->actions));

  self->tag_menu = attach_menu (self->add_tag_button, NULL);
  self->add_theme_menu = attach_menu (self->add_theme_button, NULL);
  self->remove_theme_menu = attach_menu (self->remove_theme_button, NULL);
  g_menu_item_set_action_and_target_value (any, "annotations.filter-theme", g_variant_new_int64 (0));
  g_menu_append_item (any_theme, any);
  self->filter_theme_menu = attach_menu (self->theme_filter_button, any_theme);

  /* Delete in the list deletes the selected rows, before the window's Delete (the essay). */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0)),
                                                          gtk_named_action_new ("annotations.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);

  _scholia_annotation_list_update_actions (self);
}

void
_scholia_annotation_list_update_actions (ScholiaAnnotationList *self)
{
  g_autoptr(GtkBitset) rows = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint n = (guint) gtk_bitset_get_size (rows);
  gboolean any = n > 0 && self->editor != NULL;
  g_autofree char *text = NULL;
  const char *names[] = { "delete", "add-tag", "add-theme", "remove-theme" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                              names[i])), any);
  text = scholia_count_format (ngettext ("%'u selected", "%'u selected", n), n);
  gtk_label_set_label (self->selected_label, text);
  gtk_revealer_set_reveal_child (self->action_revealer, any);
}
