/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-link-list.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "scholia-link-picker.h"
#include "scholia-store-links.h"

/* How much of the other passage a row quotes. */
#define QUOTE_MAX_CHARS 60

struct _ScholiaLinkList
{
  GtkWidget          parent_instance;

  GtkListBox        *list_box;
  GtkLabel          *error_label;

  ScholiaEditor     *editor;
  ScholiaStore      *store;
  ScholiaAnnotation *annotation;
  GListStore        *links;
  GtkWindow         *picker;      /* weak */
  gulong             links_changed_id;
  gulong             annotations_changed_id;
};

G_DEFINE_FINAL_TYPE (ScholiaLinkList, scholia_link_list, GTK_TYPE_WIDGET)

enum {
  LINK_ACTIVATED,
  PICK_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ScholiaLinkList *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_links (ScholiaLinkList *self)
{
  g_autoptr(GListModel) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->store != NULL && self->annotation != NULL)
    {
      links = scholia_store_list_annotation_links (self->store, scholia_annotation_get_id (self->annotation),
                                                   &error);
      if (links == NULL)
        show_error (self, error->message);
    }

  for (guint i = 0; links != NULL && i < g_list_model_get_n_items (links); i++)
    g_ptr_array_add (items, g_list_model_get_item (links, i));
  g_list_store_splice (self->links, 0, g_list_model_get_n_items (G_LIST_MODEL (self->links)),
                       items->pdata, items->len);
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), items->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "links.add",
                                 self->editor != NULL && self->annotation != NULL);
}

/* Which end of @link the annotation shown is. */
static ScholiaLinkEnd
find_own_end (ScholiaLinkList *self,
              ScholiaLink     *link)
{
  ScholiaLinkEnd end = SCHOLIA_LINK_END_SOURCE;

  if (self->annotation != NULL)
    scholia_link_find_end (link, scholia_annotation_get_id (self->annotation), &end);
  return end;
}

static GtkWidget *
create_link_row (gpointer item,
                 gpointer user_data)
{
  ScholiaLinkList *self = user_data;
  ScholiaLink *link = SCHOLIA_LINK (item);
  ScholiaLinkEnd own = find_own_end (self, link);
  ScholiaLinkEnd other = scholia_link_end_opposite (own);
  g_autofree char *reading = scholia_link_get_reading (link, own);
  g_autofree char *capital = scholia_link_capitalize (reading);
  g_autofree char *described = scholia_link_describe_end (link, other, QUOTE_MAX_CHARS);
  /* Translators: a link as the inspector lists it: how it reads ("Answers", "Contradicts"),
   * then the other passage ("“quote” — Author, Title") */
  g_autofree char *text = g_strdup_printf (_("%s %s"), capital, described);
  /* Translators: the accessible name of the button that removes a link; %s is the other
   * passage */
  g_autofree char *remove_name = g_strdup_printf (_("Remove link to %s"), described);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Link"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "links.remove");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                          g_variant_new_int64 (scholia_link_get_id (link)));
  gtk_box_append (GTK_BOX (box), remove);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Open the other passage"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  return row;
}

static void
on_row_activated_cb (ScholiaLinkList *self,
                     GtkListBoxRow   *row)
{
  g_autoptr(ScholiaLink) link = g_list_model_get_item (G_LIST_MODEL (self->links),
                                                       gtk_list_box_row_get_index (row));
  ScholiaLinkEnd other;

  if (link == NULL)
    return;
  other = scholia_link_end_opposite (find_own_end (self, link));
  g_signal_emit (self, signals[LINK_ACTIVATED], 0, scholia_link_get_annotation_id (link, other));
}

static void
on_pick_requested_cb (ScholiaLinkList *self,
                      const char      *type)
{
  if (self->annotation != NULL)
    g_signal_emit (self, signals[PICK_REQUESTED], 0, scholia_annotation_get_id (self->annotation), type);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ScholiaLinkList *self = SCHOLIA_LINK_LIST (widget);
  ScholiaLinkPicker *picker;

  if (self->editor == NULL || self->annotation == NULL)
    return;
  if (self->picker != NULL)
    gtk_window_destroy (self->picker);

  picker = scholia_link_picker_new (self->editor, self->annotation);
  gtk_window_set_transient_for (GTK_WINDOW (picker), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (picker, "pick-requested", G_CALLBACK (on_pick_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->picker, GTK_WINDOW (picker));
  gtk_window_present (GTK_WINDOW (picker));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScholiaLinkList *self = SCHOLIA_LINK_LIST (widget);
  gint64 id = g_variant_get_int64 (parameter);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->links));

  for (guint i = 0; i < n && self->editor != NULL; i++)
    {
      g_autoptr(ScholiaLink) link = g_list_model_get_item (G_LIST_MODEL (self->links), i);
      g_autoptr(GError) error = NULL;

      if (scholia_link_get_id (link) != id)
        continue;
      if (!scholia_editor_remove_link (self->editor, link, &error))
        show_error (self, error->message);
      return;
    }
}

static void
disconnect_store (ScholiaLinkList *self)
{
  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->links_changed_id, self->store);
      g_clear_signal_handler (&self->annotations_changed_id, self->store);
    }
  g_clear_object (&self->store);
}

static void
scholia_link_list_dispose (GObject *object)
{
  ScholiaLinkList *self = SCHOLIA_LINK_LIST (object);
  GtkWidget *child;

  if (self->picker != NULL)
    gtk_window_destroy (self->picker);
  g_clear_weak_pointer (&self->picker);
  disconnect_store (self);
  g_clear_object (&self->editor);
  g_clear_object (&self->annotation);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->links);

  G_OBJECT_CLASS (scholia_link_list_parent_class)->dispose (object);
}

static void
scholia_link_list_class_init (ScholiaLinkListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_link_list_dispose;

  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[PICK_REQUESTED] =
    g_signal_new ("pick-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "links.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "links.remove", "x", remove_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scholialinklist");
}

static void
scholia_link_list_init (ScholiaLinkList *self)
{
  GtkWidget *heading = gtk_label_new (_("Links"));
  GtkWidget *add = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_parent (heading, GTK_WIDGET (self));

  self->links = g_list_store_new (SCHOLIA_TYPE_LINK);
  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Links"), -1);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->links), create_link_row, self, NULL);
  g_signal_connect_object (self->list_box, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->list_box), GTK_WIDGET (self));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->error_label), GTK_WIDGET (self));

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "insert-link-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add Link…"));
  gtk_button_set_child (GTK_BUTTON (add), content);
  gtk_widget_set_name (add, "add-link-button");
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Link this passage to one it answers, agrees with or contradicts"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "links.add");
  gtk_widget_set_parent (add, GTK_WIDGET (self));

  update_links (self);
}

GtkWidget *
scholia_link_list_new (void)
{
  return g_object_new (SCHOLIA_TYPE_LINK_LIST, NULL);
}

void
scholia_link_list_set_editor (ScholiaLinkList *self,
                              ScholiaEditor   *editor)
{
  g_return_if_fail (SCHOLIA_IS_LINK_LIST (self));
  g_return_if_fail (editor == NULL || SCHOLIA_IS_EDITOR (editor));

  disconnect_store (self);
  g_set_object (&self->editor, editor);
  if (editor != NULL)
    {
      self->store = g_object_ref (scholia_editor_get_store (editor));
      /* An annotation deleted or put back takes its links with it and says only this. */
      self->links_changed_id = g_signal_connect_object (self->store, "links-changed",
                                                        G_CALLBACK (update_links), self, G_CONNECT_SWAPPED);
      self->annotations_changed_id = g_signal_connect_object (self->store, "annotations-changed",
                                                              G_CALLBACK (update_links), self,
                                                              G_CONNECT_SWAPPED);
    }
  show_error (self, NULL);
  update_links (self);
}

void
scholia_link_list_set_annotation (ScholiaLinkList   *self,
                                  ScholiaAnnotation *annotation)
{
  g_return_if_fail (SCHOLIA_IS_LINK_LIST (self));

  if (!g_set_object (&self->annotation, annotation))
    return;
  show_error (self, NULL);
  update_links (self);
}

GListModel *
scholia_link_list_get_links (ScholiaLinkList *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LINK_LIST (self), NULL);

  return G_LIST_MODEL (self->links);
}

GtkWindow *
scholia_link_list_get_picker (ScholiaLinkList *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LINK_LIST (self), NULL);

  return self->picker;
}
