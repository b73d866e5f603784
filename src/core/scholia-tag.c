/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-tag.h"

struct _ScholiaTag
{
  GObject   parent_instance;

  gint64    id;
  char     *name;
  char     *colour;
  char     *description;
  int       position;
  gboolean  builtin;
};

G_DEFINE_FINAL_TYPE (ScholiaTag, scholia_tag, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOUR,
  PROP_DESCRIPTION,
  PROP_POSITION,
  PROP_BUILTIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Text fields are never NULL: a NULL value is stored as "", so views and exporters can use a
 * getter's result directly. Notifies only when the text really changes. */
static void
set_text_property (ScholiaTag  *self,
                   char       **field,
                   const char  *value,
                   int          prop_id)
{
  char *copy;

  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return;

  /* Copy before freeing: value may point into the old string. */
  copy = g_strdup (value);
  g_free (*field);
  *field = copy;

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
scholia_tag_finalize (GObject *object)
{
  ScholiaTag *self = (ScholiaTag *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->colour, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (scholia_tag_parent_class)->finalize (object);
}

static void
scholia_tag_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ScholiaTag *self = SCHOLIA_TAG (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOUR:
      g_value_set_string (value, self->colour);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;

    case PROP_BUILTIN:
      g_value_set_boolean (value, self->builtin);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_tag_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ScholiaTag *self = SCHOLIA_TAG (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      scholia_tag_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLOUR:
      scholia_tag_set_colour (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      scholia_tag_set_description (self, g_value_get_string (value));
      break;

    case PROP_POSITION:
      scholia_tag_set_position (self, g_value_get_int (value));
      break;

    case PROP_BUILTIN:
      scholia_tag_set_builtin (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_tag_class_init (ScholiaTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = scholia_tag_finalize;
  object_class->get_property = scholia_tag_get_property;
  object_class->set_property = scholia_tag_set_property;

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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_tag_init (ScholiaTag *self)
{
  self->name = g_strdup ("");
  self->colour = g_strdup ("");
  self->description = g_strdup ("");
}

ScholiaTag *
scholia_tag_new (gint64      id,
                 const char *name)
{
  g_return_val_if_fail (id >= 0, NULL);

  return g_object_new (SCHOLIA_TYPE_TAG,
                       "id", id,
                       "name", name,
                       NULL);
}

gint64
scholia_tag_get_id (ScholiaTag *self)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG (self), 0);

  return self->id;
}

const char *
scholia_tag_get_name (ScholiaTag *self)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG (self), NULL);

  return self->name;
}

void
scholia_tag_set_name (ScholiaTag *self,
                      const char *name)
{
  g_return_if_fail (SCHOLIA_IS_TAG (self));

  set_text_property (self, &self->name, name, PROP_NAME);
}

const char *
scholia_tag_get_colour (ScholiaTag *self)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG (self), NULL);

  return self->colour;
}

void
scholia_tag_set_colour (ScholiaTag *self,
                        const char *colour)
{
  g_return_if_fail (SCHOLIA_IS_TAG (self));

  set_text_property (self, &self->colour, colour, PROP_COLOUR);
}

const char *
scholia_tag_get_description (ScholiaTag *self)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG (self), NULL);

  return self->description;
}

void
scholia_tag_set_description (ScholiaTag *self,
                             const char *description)
{
  g_return_if_fail (SCHOLIA_IS_TAG (self));

  set_text_property (self, &self->description, description, PROP_DESCRIPTION);
}

int
scholia_tag_get_position (ScholiaTag *self)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG (self), 0);

  return self->position;
}

void
scholia_tag_set_position (ScholiaTag *self,
                          int         position)
{
  g_return_if_fail (SCHOLIA_IS_TAG (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

gboolean
scholia_tag_get_builtin (ScholiaTag *self)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG (self), FALSE);

  return self->builtin;
}

void
scholia_tag_set_builtin (ScholiaTag *self,
                         gboolean    builtin)
{
  g_return_if_fail (SCHOLIA_IS_TAG (self));

  builtin = !!builtin;

  if (self->builtin == builtin)
    return;

  self->builtin = builtin;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILTIN]);
}
