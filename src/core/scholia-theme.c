/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-theme.h"

struct _ScholiaTheme
{
  GObject   parent_instance;

  gint64    id;
  char     *name;
  char     *colour;
  char     *description;
  int       position;
};

G_DEFINE_FINAL_TYPE (ScholiaTheme, scholia_theme, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOUR,
  PROP_DESCRIPTION,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Text fields are never NULL: a NULL value is stored as "", so views and exporters can use a
 * getter's result directly. Notifies only when the text really changes. */
static void
set_text_property (ScholiaTheme  *self,
                   char         **field,
                   const char    *value,
                   int            prop_id)
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
scholia_theme_finalize (GObject *object)
{
  ScholiaTheme *self = (ScholiaTheme *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->colour, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (scholia_theme_parent_class)->finalize (object);
}

static void
scholia_theme_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ScholiaTheme *self = SCHOLIA_THEME (object);

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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_theme_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ScholiaTheme *self = SCHOLIA_THEME (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      scholia_theme_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLOUR:
      scholia_theme_set_colour (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      scholia_theme_set_description (self, g_value_get_string (value));
      break;

    case PROP_POSITION:
      scholia_theme_set_position (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_theme_class_init (ScholiaThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = scholia_theme_finalize;
  object_class->get_property = scholia_theme_get_property;
  object_class->set_property = scholia_theme_set_property;

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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_theme_init (ScholiaTheme *self)
{
  self->name = g_strdup ("");
  self->colour = g_strdup ("");
  self->description = g_strdup ("");
}

ScholiaTheme *
scholia_theme_new (gint64      id,
                   const char *name)
{
  g_return_val_if_fail (id >= 0, NULL);

  return g_object_new (SCHOLIA_TYPE_THEME,
                       "id", id,
                       "name", name,
                       NULL);
}

gint64
scholia_theme_get_id (ScholiaTheme *self)
{
  g_return_val_if_fail (SCHOLIA_IS_THEME (self), 0);

  return self->id;
}

const char *
scholia_theme_get_name (ScholiaTheme *self)
{
  g_return_val_if_fail (SCHOLIA_IS_THEME (self), NULL);

  return self->name;
}

void
scholia_theme_set_name (ScholiaTheme *self,
                        const char   *name)
{
  g_return_if_fail (SCHOLIA_IS_THEME (self));

  set_text_property (self, &self->name, name, PROP_NAME);
}

const char *
scholia_theme_get_colour (ScholiaTheme *self)
{
  g_return_val_if_fail (SCHOLIA_IS_THEME (self), NULL);

  return self->colour;
}

void
scholia_theme_set_colour (ScholiaTheme *self,
                          const char   *colour)
{
  g_return_if_fail (SCHOLIA_IS_THEME (self));

  set_text_property (self, &self->colour, colour, PROP_COLOUR);
}

const char *
scholia_theme_get_description (ScholiaTheme *self)
{
  g_return_val_if_fail (SCHOLIA_IS_THEME (self), NULL);

  return self->description;
}

void
scholia_theme_set_description (ScholiaTheme *self,
                               const char   *description)
{
  g_return_if_fail (SCHOLIA_IS_THEME (self));

  set_text_property (self, &self->description, description, PROP_DESCRIPTION);
}

int
scholia_theme_get_position (ScholiaTheme *self)
{
  g_return_val_if_fail (SCHOLIA_IS_THEME (self), 0);

  return self->position;
}

void
scholia_theme_set_position (ScholiaTheme *self,
                            int           position)
{
  g_return_if_fail (SCHOLIA_IS_THEME (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}
