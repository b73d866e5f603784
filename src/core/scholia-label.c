/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-label.h"
#include "scholia-model-private.h"

typedef struct
{
  gint64    id;
  char     *name;
  char     *colour;
  char     *description;
  char     *shown;        /* the display name last notified */
  int       position;
  gboolean  builtin;
} ScholiaLabelPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ScholiaLabel, scholia_label, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOUR,
  PROP_DESCRIPTION,
  PROP_POSITION,
  PROP_BUILTIN,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
scholia_label_finalize (GObject *object)
{
  ScholiaLabelPrivate *priv = scholia_label_get_instance_private (SCHOLIA_LABEL (object));

  g_clear_pointer (&priv->name, g_free);
  g_clear_pointer (&priv->colour, g_free);
  g_clear_pointer (&priv->description, g_free);
  g_clear_pointer (&priv->shown, g_free);

  G_OBJECT_CLASS (scholia_label_parent_class)->finalize (object);
}

static void
scholia_label_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ScholiaLabelPrivate *priv = scholia_label_get_instance_private (SCHOLIA_LABEL (object));

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, priv->name);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, scholia_label_get_display_name (SCHOLIA_LABEL (object)));
      break;

    case PROP_COLOUR:
      g_value_set_string (value, priv->colour);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, priv->description);
      break;

    case PROP_POSITION:
      g_value_set_int (value, priv->position);
      break;

    case PROP_BUILTIN:
      g_value_set_boolean (value, priv->builtin);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_label_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ScholiaLabel *self = SCHOLIA_LABEL (object);
  ScholiaLabelPrivate *priv = scholia_label_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      priv->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      scholia_label_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLOUR:
      scholia_label_set_colour (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      scholia_label_set_description (self, g_value_get_string (value));
      break;

    case PROP_POSITION:
      scholia_label_set_position (self, g_value_get_int (value));
      break;

    case PROP_BUILTIN:
      scholia_label_set_builtin (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_label_class_init (ScholiaLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = scholia_label_finalize;
  object_class->get_property = scholia_label_get_property;
  object_class->set_property = scholia_label_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, rw | G_PARAM_CONSTRUCT_ONLY);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_COLOUR] =
    g_param_spec_string ("colour", NULL, NULL, NULL, rw);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, rw);
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_BUILTIN] =
    g_param_spec_boolean ("builtin", NULL, NULL, FALSE, rw);
  /* The name a person reads (scholia_label_get_display_name()), for list items to bind. */
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* The name shown follows the name and whether the label is built in; it notifies when it
 * changes, like the other properties. */
static void
notify_display_name_cb (ScholiaLabel *self)
{
  ScholiaLabelPrivate *priv = scholia_label_get_instance_private (self);
  const char *shown = scholia_label_get_display_name (self);

  if (g_strcmp0 (shown, priv->shown) == 0)
    return;
  g_free (priv->shown);
  priv->shown = g_strdup (shown);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

static void
scholia_label_init (ScholiaLabel *self)
{
  ScholiaLabelPrivate *priv = scholia_label_get_instance_private (self);

  priv->shown = g_strdup ("");
  g_signal_connect (self, "notify::name", G_CALLBACK (notify_display_name_cb), NULL);
  g_signal_connect (self, "notify::builtin", G_CALLBACK (notify_display_name_cb), NULL);

  priv->name = g_strdup ("");
  priv->colour = g_strdup ("");
  priv->description = g_strdup ("");
}

/**
 * scholia_label_new:
 * @label_type: SCHOLIA_TYPE_TAG or SCHOLIA_TYPE_THEME
 *
 * Returns: (transfer full): a new label of that type, not yet in any library
 */
ScholiaLabel *
scholia_label_new (GType       label_type,
                   gint64      id,
                   const char *name)
{
  g_return_val_if_fail (g_type_is_a (label_type, SCHOLIA_TYPE_LABEL), NULL);
  g_return_val_if_fail (id >= 0, NULL);

  return g_object_new (label_type,
                       "id", id,
                       "name", name,
                       NULL);
}

gint64
scholia_label_get_id (ScholiaLabel *self)
{
  ScholiaLabelPrivate *priv;

  g_return_val_if_fail (SCHOLIA_IS_LABEL (self), 0);

  priv = scholia_label_get_instance_private (self);
  return priv->id;
}

const char *
scholia_label_get_name (ScholiaLabel *self)
{
  ScholiaLabelPrivate *priv;

  g_return_val_if_fail (SCHOLIA_IS_LABEL (self), NULL);

  priv = scholia_label_get_instance_private (self);
  return priv->name;
}

void
scholia_label_set_name (ScholiaLabel *self,
                        const char   *name)
{
  ScholiaLabelPrivate *priv;

  g_return_if_fail (SCHOLIA_IS_LABEL (self));

  priv = scholia_label_get_instance_private (self);
  _scholia_model_set_text (G_OBJECT (self), &priv->name, name, properties[PROP_NAME]);
}

const char *
scholia_label_get_colour (ScholiaLabel *self)
{
  ScholiaLabelPrivate *priv;

  g_return_val_if_fail (SCHOLIA_IS_LABEL (self), NULL);

  priv = scholia_label_get_instance_private (self);
  return priv->colour;
}

void
scholia_label_set_colour (ScholiaLabel *self,
                          const char   *colour)
{
  ScholiaLabelPrivate *priv;

  g_return_if_fail (SCHOLIA_IS_LABEL (self));

  priv = scholia_label_get_instance_private (self);
  _scholia_model_set_text (G_OBJECT (self), &priv->colour, colour, properties[PROP_COLOUR]);
}

const char *
scholia_label_get_description (ScholiaLabel *self)
{
  ScholiaLabelPrivate *priv;

  g_return_val_if_fail (SCHOLIA_IS_LABEL (self), NULL);

  priv = scholia_label_get_instance_private (self);
  return priv->description;
}

void
scholia_label_set_description (ScholiaLabel *self,
                               const char   *description)
{
  ScholiaLabelPrivate *priv;

  g_return_if_fail (SCHOLIA_IS_LABEL (self));

  priv = scholia_label_get_instance_private (self);
  _scholia_model_set_text (G_OBJECT (self), &priv->description, description, properties[PROP_DESCRIPTION]);
}

int
scholia_label_get_position (ScholiaLabel *self)
{
  ScholiaLabelPrivate *priv;

  g_return_val_if_fail (SCHOLIA_IS_LABEL (self), 0);

  priv = scholia_label_get_instance_private (self);
  return priv->position;
}

void
scholia_label_set_position (ScholiaLabel *self,
                            int           position)
{
  ScholiaLabelPrivate *priv;

  g_return_if_fail (SCHOLIA_IS_LABEL (self));

  priv = scholia_label_get_instance_private (self);
  _scholia_model_set_int (G_OBJECT (self), &priv->position, position, properties[PROP_POSITION]);
}

gboolean
scholia_label_get_builtin (ScholiaLabel *self)
{
  ScholiaLabelPrivate *priv;

  g_return_val_if_fail (SCHOLIA_IS_LABEL (self), FALSE);

  priv = scholia_label_get_instance_private (self);
  return priv->builtin;
}

void
scholia_label_set_builtin (ScholiaLabel *self,
                           gboolean      builtin)
{
  ScholiaLabelPrivate *priv;

  g_return_if_fail (SCHOLIA_IS_LABEL (self));

  priv = scholia_label_get_instance_private (self);
  _scholia_model_set_int (G_OBJECT (self), &priv->builtin, !!builtin, properties[PROP_BUILTIN]);
}
