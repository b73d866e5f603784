/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-agreement-bar.h"

#include "scholia-accessible.h"

struct _ScholiaAgreementBar
{
  GtkWidget    parent_instance;

  GtkDropDown  *tag_dropdown;
  GtkLabel     *summary_label;

  /* The tag chosen, by id: a label list spliced anew (tags reordered, reloaded) hands out
   * other positions, and the choice is found again by it. */
  gint64        tag_id;
  gboolean      model_changing;
  /* The chosen tag's renames and recolours, which the map shows. */
  GSignalGroup *tag_signals;
};

G_DEFINE_FINAL_TYPE (ScholiaAgreementBar, scholia_agreement_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TAG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
follow_selected_tag (ScholiaAgreementBar *self)
{
  ScholiaLabel *tag = gtk_drop_down_get_selected_item (self->tag_dropdown);

  self->tag_id = tag != NULL ? scholia_label_get_id (tag) : 0;
  g_signal_group_set_target (self->tag_signals, tag);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tag_dropdown),
                               tag != NULL ? scholia_label_get_display_name (tag) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG]);
}

static void
on_tag_dropdown_selected_cb (ScholiaAgreementBar *self)
{
  /* A selection moved by a change of the list waits for the list to be seen to. */
  if (!self->model_changing)
    follow_selected_tag (self);
}

static void
on_tag_changed_cb (ScholiaAgreementBar *self)
{
  follow_selected_tag (self);
}

/* Connected before the drop-down's own handler, so it runs first. */
static void
on_tags_changing_cb (ScholiaAgreementBar *self)
{
  self->model_changing = TRUE;
}

/* Connected after it: the chosen tag, if still there, is chosen again; a deleted one gives way
 * to the tag the drop-down moved to. */
static void
on_tags_changed_cb (ScholiaAgreementBar *self,
                    guint                position,
                    guint                removed,
                    guint                added,
                    GListModel          *tags)
{
  guint n = g_list_model_get_n_items (tags);

  self->model_changing = FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaLabel) item = g_list_model_get_item (tags, i);

      if (self->tag_id != 0 && scholia_label_get_id (item) == self->tag_id)
        {
          if (gtk_drop_down_get_selected (self->tag_dropdown) != i)
            gtk_drop_down_set_selected (self->tag_dropdown, i);
          else
            follow_selected_tag (self);
          return;
        }
    }
  follow_selected_tag (self);
}

static void
scholia_agreement_bar_dispose (GObject *object)
{
  GtkWidget *child;

  scholia_agreement_bar_set_tags (SCHOLIA_AGREEMENT_BAR (object), NULL);
  g_clear_object (&SCHOLIA_AGREEMENT_BAR (object)->tag_signals);
  gtk_widget_dispose_template (GTK_WIDGET (object), SCHOLIA_TYPE_AGREEMENT_BAR);
  /* The template's box is its own child, not a bound one. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (scholia_agreement_bar_parent_class)->dispose (object);
}

static void
scholia_agreement_bar_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ScholiaAgreementBar *self = SCHOLIA_AGREEMENT_BAR (object);

  switch (prop_id)
    {
    case PROP_TAG:
      g_value_set_object (value, scholia_agreement_bar_get_tag (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_agreement_bar_class_init (ScholiaAgreementBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_agreement_bar_dispose;
  object_class->get_property = scholia_agreement_bar_get_property;

  properties[PROP_TAG] =
    g_param_spec_object ("tag", NULL, NULL, SCHOLIA_TYPE_LABEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The drop-down's items look the tag's name up by type. */
  g_type_ensure (SCHOLIA_TYPE_LABEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-agreement-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaAgreementBar, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAgreementBar, summary_label);

  gtk_widget_class_set_css_name (widget_class, "scholiaagreementbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
scholia_agreement_bar_init (ScholiaAgreementBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_expression (self->tag_dropdown,
                                gtk_property_expression_new (SCHOLIA_TYPE_LABEL, NULL, "name"));
  scholia_accessible_name_inner_button (GTK_WIDGET (self->tag_dropdown));
  g_signal_connect_object (self->tag_dropdown, "notify::selected",
                           G_CALLBACK (on_tag_dropdown_selected_cb), self, G_CONNECT_SWAPPED);

  self->tag_signals = g_signal_group_new (SCHOLIA_TYPE_LABEL);
  g_signal_group_connect_swapped (self->tag_signals, "notify::name", G_CALLBACK (on_tag_changed_cb), self);
  g_signal_group_connect_swapped (self->tag_signals, "notify::colour", G_CALLBACK (on_tag_changed_cb), self);
}

GtkWidget *
scholia_agreement_bar_new (void)
{
  return g_object_new (SCHOLIA_TYPE_AGREEMENT_BAR, NULL);
}

void
scholia_agreement_bar_set_tags (ScholiaAgreementBar *self,
                                GListModel          *tags)
{
  GListModel *old;

  g_return_if_fail (SCHOLIA_IS_AGREEMENT_BAR (self));

  old = gtk_drop_down_get_model (self->tag_dropdown);
  if (old == tags)
    return;
  if (old != NULL)
    {
      g_signal_handlers_disconnect_by_func (old, on_tags_changing_cb, self);
      g_signal_handlers_disconnect_by_func (old, on_tags_changed_cb, self);
    }
  if (tags != NULL)
    g_signal_connect_object (tags, "items-changed", G_CALLBACK (on_tags_changing_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_drop_down_set_model (self->tag_dropdown, tags);
  if (tags != NULL)
    g_signal_connect_object (tags, "items-changed", G_CALLBACK (on_tags_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

ScholiaLabel *
scholia_agreement_bar_get_tag (ScholiaAgreementBar *self)
{
  g_return_val_if_fail (SCHOLIA_IS_AGREEMENT_BAR (self), NULL);

  return gtk_drop_down_get_selected_item (self->tag_dropdown);
}

void
scholia_agreement_bar_set_tag (ScholiaAgreementBar *self,
                               ScholiaLabel        *tag)
{
  GListModel *tags;
  guint n;

  g_return_if_fail (SCHOLIA_IS_AGREEMENT_BAR (self));

  tags = gtk_drop_down_get_model (self->tag_dropdown);
  n = tags != NULL ? g_list_model_get_n_items (tags) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaLabel) item = g_list_model_get_item (tags, i);

      if (item == tag)
        {
          gtk_drop_down_set_selected (self->tag_dropdown, i);
          return;
        }
    }
}

void
scholia_agreement_bar_set_summary (ScholiaAgreementBar *self,
                                   const char          *summary)
{
  g_return_if_fail (SCHOLIA_IS_AGREEMENT_BAR (self));

  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), summary);
}

const char *
scholia_agreement_bar_get_summary (ScholiaAgreementBar *self)
{
  g_return_val_if_fail (SCHOLIA_IS_AGREEMENT_BAR (self), NULL);

  return gtk_label_get_label (self->summary_label);
}
