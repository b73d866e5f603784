/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-agreement-bar.h"

#include "scholia-accessible.h"

struct _ScholiaAgreementBar
{
  GtkWidget    parent_instance;

  GtkDropDown *tag_dropdown;
  GtkLabel    *summary_label;
};

G_DEFINE_FINAL_TYPE (ScholiaAgreementBar, scholia_agreement_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TAG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_tag_dropdown_selected_cb (ScholiaAgreementBar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG]);
}

static void
scholia_agreement_bar_dispose (GObject *object)
{
  GtkWidget *child;

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
  g_return_if_fail (SCHOLIA_IS_AGREEMENT_BAR (self));

  gtk_drop_down_set_model (self->tag_dropdown, tags);
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
