/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-filtered-view.h"

typedef struct
{
  ScholiaStore     *store;
  ScholiaFilterBar *filter_bar;  /* in the subclass's template */
} ScholiaFilteredViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ScholiaFilteredView, scholia_filtered_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  PASSAGE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
scholia_filtered_view_dispose (GObject *object)
{
  ScholiaFilteredViewPrivate *priv = scholia_filtered_view_get_instance_private (SCHOLIA_FILTERED_VIEW (object));

  /* The subclass left the store already; this only drops a reference left by a failed init. */
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (scholia_filtered_view_parent_class)->dispose (object);
}

static void
scholia_filtered_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, scholia_filtered_view_get_store (SCHOLIA_FILTERED_VIEW (object)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_filtered_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_STORE:
      scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (object), g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_filtered_view_class_init (ScholiaFilteredViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scholia_filtered_view_dispose;
  object_class->get_property = scholia_filtered_view_get_property;
  object_class->set_property = scholia_filtered_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SCHOLIA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PASSAGE_ACTIVATED] =
    g_signal_new ("passage-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SCHOLIA_TYPE_PASSAGE);

  g_type_ensure (SCHOLIA_TYPE_FILTER_BAR);
}

static void
scholia_filtered_view_init (ScholiaFilteredView *self)
{
}

ScholiaStore *
scholia_filtered_view_get_store (ScholiaFilteredView *self)
{
  ScholiaFilteredViewPrivate *priv = scholia_filtered_view_get_instance_private (self);

  g_return_val_if_fail (SCHOLIA_IS_FILTERED_VIEW (self), NULL);

  return priv->store;
}

void
scholia_filtered_view_set_store (ScholiaFilteredView *self,
                                 ScholiaStore        *store)
{
  ScholiaFilteredViewPrivate *priv = scholia_filtered_view_get_instance_private (self);
  ScholiaFilteredViewClass *klass = SCHOLIA_FILTERED_VIEW_GET_CLASS (self);

  g_return_if_fail (SCHOLIA_IS_FILTERED_VIEW (self));
  g_return_if_fail (store == NULL || SCHOLIA_IS_STORE (store));

  if (priv->store == store)
    return;

  if (priv->store != NULL)
    klass->unbind_store (self, priv->store);
  g_set_object (&priv->store, store);
  klass->bind_store (self, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

ScholiaFilterBar *
scholia_filtered_view_get_filter_bar (ScholiaFilteredView *self)
{
  ScholiaFilteredViewPrivate *priv = scholia_filtered_view_get_instance_private (self);

  g_return_val_if_fail (SCHOLIA_IS_FILTERED_VIEW (self), NULL);

  return priv->filter_bar;
}

void
scholia_filtered_view_set_filter_bar (ScholiaFilteredView *self,
                                      ScholiaFilterBar    *bar)
{
  ScholiaFilteredViewPrivate *priv = scholia_filtered_view_get_instance_private (self);

  g_return_if_fail (SCHOLIA_IS_FILTERED_VIEW (self));

  priv->filter_bar = bar;
}

void
scholia_filtered_view_activate_passage (ScholiaFilteredView *self,
                                        ScholiaPassage      *passage)
{
  g_return_if_fail (SCHOLIA_IS_FILTERED_VIEW (self));

  if (passage != NULL)
    g_signal_emit (self, signals[PASSAGE_ACTIVATED], 0, passage);
}
