/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-tag-manager.h"
#include "scholia-accessible.h"
#include "scholia-tag-row.h"

struct _ScholiaTagManager
{
  AdwPreferencesWindow  parent_instance;

  ScholiaEditor        *editor;
  ScholiaStore         *store;
  GType                 label_type;  /* SCHOLIA_TYPE_TAG or SCHOLIA_TYPE_THEME */
  GListModel           *labels;      /* the store's tags or themes */

  /* The toast offering to undo the last delete or merge; a newer step replaces it, since
   * Undo only ever takes back the newest step. */
  AdwToast             *undo_toast;

  /* The labels a confirmation dialog is asking about (only one is open at a time: it is modal). */
  gint64                pending_from;
  gint64                pending_into;

  guint                 refresh_counts_id;

  AdwEntryRow          *add_row;
  GtkWidget            *add_button;
  AdwPreferencesGroup  *list_group;
  AdwPreferencesPage   *page;
  GtkListBox           *tag_list;
};

G_DEFINE_FINAL_TYPE (ScholiaTagManager, scholia_tag_manager, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_LABEL_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (ScholiaTagManager *self,
            const char        *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (markup));
}

static void
show_undo_toast (ScholiaTagManager *self,
                 const char        *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "labels.undo");

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_set_weak_pointer (&self->undo_toast, toast);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
on_row_edit_failed_cb (ScholiaTagManager *self,
                       const char        *message)
{
  show_toast (self, message);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  ScholiaTagManager *self = user_data;
  GtkWidget *row = scholia_tag_row_new (self->editor, item);

  g_signal_connect_object (row, "edit-failed", G_CALLBACK (on_row_edit_failed_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static ScholiaTagRow *
get_row (ScholiaTagManager *self,
         guint              index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->tag_list, (int) index);

  return row != NULL ? SCHOLIA_TAG_ROW (row) : NULL;
}

/* Every row learns where it stands, at once: the move buttons must be right before the next
 * key press. */
static void
sync_positions (ScholiaTagManager *self)
{
  guint n = g_list_model_get_n_items (self->labels);

  for (guint i = 0; i < n; i++)
    {
      ScholiaTagRow *row = get_row (self, i);

      if (row != NULL)
        scholia_tag_row_set_position (row, i, n);
    }
}

static gboolean
refresh_counts_cb (gpointer user_data)
{
  ScholiaTagManager *self = user_data;
  ScholiaTagRow *row;

  self->refresh_counts_id = 0;
  for (guint i = 0; (row = get_row (self, i)) != NULL; i++)
    scholia_tag_row_refresh_count (row);

  return G_SOURCE_REMOVE;
}

/* A merge, a delete or an undo changes the counts of rows that stay where they were, and an
 * undo relinks annotations only after the label is back in the list: count once it is done. */
static void
on_labels_items_changed_cb (ScholiaTagManager *self)
{
  sync_positions (self);
  if (self->refresh_counts_id == 0)
    self->refresh_counts_id = g_idle_add (refresh_counts_cb, self);
}

static gboolean
find_label_index (ScholiaTagManager *self,
                  ScholiaLabel      *label,
                  guint             *index)
{
  guint n = g_list_model_get_n_items (self->labels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaLabel) item = g_list_model_get_item (self->labels, i);

      if (item == label)
        {
          *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

static ScholiaLabel *
lookup_label (ScholiaTagManager *self,
              gint64             id)
{
  ScholiaLabel *label = scholia_store_lookup_label (self->store, self->label_type, id);

  if (label == NULL)
    show_toast (self, self->label_type == SCHOLIA_TYPE_THEME
                        ? _("That theme is no longer in the library")
                        : _("That tag is no longer in the library"));
  return label;
}

static guint
count_annotations (ScholiaTagManager *self,
                   ScholiaLabel      *label,
                   GError           **error)
{
  g_autoptr(GArray) ids = scholia_store_get_label_annotation_ids (self->store, label, error);

  return ids != NULL ? ids->len : G_MAXUINT;
}

static void
update_add_action (ScholiaTagManager *self)
{
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "labels.add", *g_strstrip (name) != '\0');
}

static void
on_add_row_changed_cb (ScholiaTagManager *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
  update_add_action (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ScholiaTagManager *self = SCHOLIA_TAG_MANAGER (widget);
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->add_row));

  if (scholia_editor_create_label (self->editor, self->label_type, name, NULL, NULL, &error) == NULL)
    {
      /* The typed name stays, so a near-duplicate can be fixed rather than retyped. */
      gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "error");
      show_toast (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

static void
on_add_row_activated_cb (ScholiaTagManager *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "labels.add", NULL);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScholiaTagManager *self = SCHOLIA_TAG_MANAGER (widget);
  g_autoptr(GError) error = NULL;
  ScholiaTagRow *row;
  ScholiaLabel *label;
  gboolean expanded = FALSE;
  gint64 id;
  int delta;
  guint from;
  guint n;

  g_variant_get (parameter, "(xi)", &id, &delta);
  label = lookup_label (self, id);
  if (label == NULL || !find_label_index (self, label, &from))
    return;

  n = g_list_model_get_n_items (self->labels);
  if ((delta < 0 && from == 0) || (delta > 0 && from + 1 >= n))
    return;

  row = get_row (self, from);
  if (row != NULL)
    expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row));

  if (!scholia_editor_move_label (self->editor, label, from + delta, &error))
    {
      show_toast (self, error->message);
      return;
    }

  /* The store rebuilt the list, and with it every row: keep the moved label open and focused
   * so that Alt+Up or Alt+Down can go on moving it. */
  row = get_row (self, from + delta);
  if (row != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), expanded);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScholiaTagManager *self = SCHOLIA_TAG_MANAGER (widget);
  g_autoptr(GError) error = NULL;

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  if (!scholia_editor_undo (self->editor, &error))
    show_toast (self, error->message);
}

static char *
format_delete_body (GType label_type,
                    guint n_annotations)
{
  if (label_type == SCHOLIA_TYPE_THEME)
    {
      if (n_annotations == 0)
        return g_strdup (_("It is in no annotations."));
      return g_strdup_printf (ngettext ("It is in %u annotation; it keeps its other themes.",
                                        "It is in %u annotations; they keep their other themes.",
                                        n_annotations),
                              n_annotations);
    }

  if (n_annotations == 0)
    return g_strdup (_("It is on no annotations."));
  return g_strdup_printf (ngettext ("It is on %u annotation; it keeps its other tags.",
                                    "It is on %u annotations; they keep their other tags.",
                                    n_annotations),
                          n_annotations);
}

static char *
format_merge_body (GType       label_type,
                   guint       n_annotations,
                   const char *from_name,
                   const char *into_name)
{
  if (label_type == SCHOLIA_TYPE_THEME)
    {
      if (n_annotations == 0)
        return g_strdup_printf (_("No annotations are in “%s”: it will be removed."), from_name);
      return g_strdup_printf (ngettext ("%u annotation will be in “%s” instead.",
                                        "%u annotations will be in “%s” instead.",
                                        n_annotations),
                              n_annotations, into_name);
    }

  if (n_annotations == 0)
    return g_strdup_printf (_("No annotations carry “%s”: it will be removed."), from_name);
  return g_strdup_printf (ngettext ("%u annotation will carry “%s” instead.",
                                    "%u annotations will carry “%s” instead.",
                                    n_annotations),
                          n_annotations, into_name);
}

/* How many annotations carry @label, before a delete or merge asks; FALSE (with a toast) when
 * @label is built in, which neither may take away, or its annotations cannot be counted. */
static gboolean
count_before_removing (ScholiaTagManager *self,
                       ScholiaLabel      *label,
                       const char        *builtin_refusal,
                       guint             *n_annotations)
{
  g_autoptr(GError) error = NULL;

  if (scholia_label_get_builtin (label))
    {
      show_toast (self, builtin_refusal);
      return FALSE;
    }

  *n_annotations = count_annotations (self, label, &error);
  if (error != NULL)
    {
      show_toast (self, error->message);
      return FALSE;
    }
  return TRUE;
}

/* A modal question whose destructive answer is @response (labelled @response_label); the
 * labels it concerns are in pending_from and pending_into. */
static void
confirm (ScholiaTagManager *self,
         const char        *heading,
         const char        *body,
         const char        *response,
         const char        *response_label,
         GCallback          on_response)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", on_response, self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_response_cb (ScholiaTagManager *self,
                       const char        *response,
                       AdwMessageDialog  *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  ScholiaLabel *label;

  if (!g_str_equal (response, "delete"))
    return;

  label = lookup_label (self, self->pending_from);
  if (label == NULL)
    return;

  name = g_strdup (scholia_label_get_display_name (label));
  if (!scholia_editor_delete_label (self->editor, label, &error))
    {
      show_toast (self, error->message);
      return;
    }

  message = g_strdup_printf (_("Deleted “%s”"), name);
  show_undo_toast (self, message);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScholiaTagManager *self = SCHOLIA_TAG_MANAGER (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  ScholiaLabel *label;
  guint n;

  label = lookup_label (self, g_variant_get_int64 (parameter));
  if (label == NULL || !count_before_removing (self, label, _("Built-in tags cannot be deleted"), &n))
    return;

  self->pending_from = scholia_label_get_id (label);
  heading = g_strdup_printf (_("Delete “%s”?"), scholia_label_get_display_name (label));
  body = format_delete_body (self->label_type, n);
  confirm (self, heading, body, "delete", _("_Delete"), G_CALLBACK (on_delete_response_cb));
}

static void
on_merge_response_cb (ScholiaTagManager *self,
                      const char        *response,
                      AdwMessageDialog  *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ScholiaLabel *from;
  ScholiaLabel *into;

  if (!g_str_equal (response, "merge"))
    return;

  from = lookup_label (self, self->pending_from);
  into = lookup_label (self, self->pending_into);
  if (from == NULL || into == NULL)
    return;

  message = g_strdup_printf (_("Merged “%s” into “%s”"),
                             scholia_label_get_display_name (from), scholia_label_get_display_name (into));
  if (!scholia_editor_merge_labels (self->editor, from, into, &error))
    {
      show_toast (self, error->message);
      return;
    }

  show_undo_toast (self, message);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ScholiaTagManager *self = SCHOLIA_TAG_MANAGER (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  ScholiaLabel *from;
  ScholiaLabel *into;
  gint64 from_id;
  gint64 into_id;
  guint n;

  g_variant_get (parameter, "(xx)", &from_id, &into_id);
  from = lookup_label (self, from_id);
  into = lookup_label (self, into_id);
  if (from == NULL || into == NULL || from == into ||
      !count_before_removing (self, from, _("Built-in tags cannot be merged into another tag"), &n))
    return;

  self->pending_from = from_id;
  self->pending_into = into_id;
  heading = g_strdup_printf (_("Merge “%s” into “%s”?"),
                             scholia_label_get_display_name (from), scholia_label_get_display_name (into));
  body = format_merge_body (self->label_type, n,
                            scholia_label_get_display_name (from), scholia_label_get_display_name (into));
  confirm (self, heading, body, "merge", _("_Merge"), G_CALLBACK (on_merge_response_cb));
}

/* The template says nothing about which kind it lists: every word that depends on it is here. */
static void
set_kind_texts (ScholiaTagManager *self)
{
  gboolean themes = self->label_type == SCHOLIA_TYPE_THEME;
  const char *add = themes ? _("Add Theme") : _("Add Tag");
  const char *list = themes ? _("Themes") : _("Tags");

  gtk_window_set_title (GTK_WINDOW (self), list);
  adw_preferences_page_set_title (self->page, list);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row),
                                 themes ? _("New Theme Name") : _("New Tag Name"));
  gtk_widget_set_tooltip_text (self->add_button, add);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add,
                                  -1);
  adw_preferences_group_set_title (self->list_group, list);
  adw_preferences_group_set_description (self->list_group,
                                         themes
                                         ? _("Themes gather passages across essays. Open a theme to rename, describe, merge or delete it.")
                                         : _("The palette offers tags in this order. Open a tag to rename, describe, merge or delete it."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tag_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, list,
                                  -1);
}

static void
scholia_tag_manager_constructed (GObject *object)
{
  ScholiaTagManager *self = SCHOLIA_TAG_MANAGER (object);

  G_OBJECT_CLASS (scholia_tag_manager_parent_class)->constructed (object);

  g_assert (SCHOLIA_IS_EDITOR (self->editor));

  set_kind_texts (self);
  self->store = g_object_ref (scholia_editor_get_store (self->editor));
  self->labels = g_object_ref (scholia_store_get_labels (self->store, self->label_type));
  gtk_list_box_bind_model (self->tag_list, self->labels, create_row_cb, self, NULL);
  /* Connected after the list box's own handler, so the rows exist when they are synced. */
  g_signal_connect_object (self->labels, "items-changed", G_CALLBACK (on_labels_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  sync_positions (self);
}

static void
scholia_tag_manager_dispose (GObject *object)
{
  ScholiaTagManager *self = SCHOLIA_TAG_MANAGER (object);

  if (self->labels != NULL)
    g_signal_handlers_disconnect_by_data (self->labels, self);
  if (self->tag_list != NULL)
    gtk_list_box_bind_model (self->tag_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_TAG_MANAGER);
  g_clear_handle_id (&self->refresh_counts_id, g_source_remove);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_object (&self->labels);
  g_clear_object (&self->store);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (scholia_tag_manager_parent_class)->dispose (object);
}

static void
scholia_tag_manager_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ScholiaTagManager *self = SCHOLIA_TAG_MANAGER (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;

    case PROP_LABEL_TYPE:
      g_value_set_gtype (value, self->label_type);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_tag_manager_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ScholiaTagManager *self = SCHOLIA_TAG_MANAGER (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      self->editor = g_value_dup_object (value);
      break;

    case PROP_LABEL_TYPE:
      self->label_type = g_value_get_gtype (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_tag_manager_class_init (ScholiaTagManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = scholia_tag_manager_constructed;
  object_class->dispose = scholia_tag_manager_dispose;
  object_class->get_property = scholia_tag_manager_get_property;
  object_class->set_property = scholia_tag_manager_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL,
                         SCHOLIA_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* Whether the manager lists tags or themes: SCHOLIA_TYPE_TAG or SCHOLIA_TYPE_THEME. */
  properties[PROP_LABEL_TYPE] =
    g_param_spec_gtype ("label-type", NULL, NULL,
                        SCHOLIA_TYPE_LABEL,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SCHOLIA_TYPE_TAG_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-tag-manager.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagManager, add_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagManager, add_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagManager, list_group);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagManager, page);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagManager, tag_list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "labels.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "labels.move", "(xi)", move_action);
  gtk_widget_class_install_action (widget_class, "labels.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "labels.merge", "(xx)", merge_action);
  gtk_widget_class_install_action (widget_class, "labels.undo", NULL, undo_action);
}

static void
scholia_tag_manager_init (ScholiaTagManager *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_accessible_label_descendant (GTK_WIDGET (self), GTK_TYPE_SEARCH_ENTRY, NULL,
                                       /* Translators: the accessible name of the search field of tags or themes */
                                       C_("accessible name", "Search"));
  update_add_action (self);
  /* The new name, rather than the header's page switcher that GTK would focus first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
}

/**
 * scholia_tag_manager_new:
 * @editor: the editor whose library's labels to manage
 * @label_type: SCHOLIA_TYPE_TAG or SCHOLIA_TYPE_THEME
 *
 * Returns: (transfer none): a new tag (or theme) manager, owned by GTK like every toplevel
 *   window and destroyed when closed; make it transient for a window
 */
ScholiaTagManager *
scholia_tag_manager_new (ScholiaEditor *editor,
                         GType          label_type)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (label_type == SCHOLIA_TYPE_TAG || label_type == SCHOLIA_TYPE_THEME, NULL);

  return g_object_new (SCHOLIA_TYPE_TAG_MANAGER,
                       "editor", editor,
                       "label-type", label_type,
                       NULL);
}

ScholiaEditor *
scholia_tag_manager_get_editor (ScholiaTagManager *self)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG_MANAGER (self), NULL);

  return self->editor;
}

GType
scholia_tag_manager_get_label_type (ScholiaTagManager *self)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG_MANAGER (self), G_TYPE_INVALID);

  return self->label_type;
}
