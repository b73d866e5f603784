/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-command-private.h"
#include "scholia-error.h"

typedef struct
{
  ScholiaStore *store;
} ScholiaCommandPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ScholiaCommand, scholia_command, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
scholia_command_real_get_place (ScholiaCommand      *self,
                                ScholiaCommandPlace *place)
{
  *place = (ScholiaCommandPlace) { .kind = SCHOLIA_COMMAND_PLACE_LIBRARY, .start = -1, .end = -1 };
}

static void
scholia_command_dispose (GObject *object)
{
  ScholiaCommandPrivate *priv = scholia_command_get_instance_private (SCHOLIA_COMMAND (object));

  g_clear_object (&priv->store);

  G_OBJECT_CLASS (scholia_command_parent_class)->dispose (object);
}

static void
scholia_command_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ScholiaCommandPrivate *priv = scholia_command_get_instance_private (SCHOLIA_COMMAND (object));

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_command_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ScholiaCommandPrivate *priv = scholia_command_get_instance_private (SCHOLIA_COMMAND (object));

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_command_class_init (ScholiaCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scholia_command_dispose;
  object_class->get_property = scholia_command_get_property;
  object_class->set_property = scholia_command_set_property;
  klass->get_place = scholia_command_real_get_place;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SCHOLIA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_command_init (ScholiaCommand *self)
{
}

ScholiaStore *
scholia_command_get_store (ScholiaCommand *self)
{
  ScholiaCommandPrivate *priv = scholia_command_get_instance_private (self);

  g_return_val_if_fail (SCHOLIA_IS_COMMAND (self), NULL);

  return priv->store;
}

gboolean
scholia_command_apply (ScholiaCommand  *self,
                       GError         **error)
{
  g_return_val_if_fail (SCHOLIA_IS_COMMAND (self), FALSE);

  return SCHOLIA_COMMAND_GET_CLASS (self)->apply (self, error);
}

gboolean
scholia_command_revert (ScholiaCommand  *self,
                        GError         **error)
{
  g_return_val_if_fail (SCHOLIA_IS_COMMAND (self), FALSE);

  return SCHOLIA_COMMAND_GET_CLASS (self)->revert (self, error);
}

const char *
scholia_command_get_label (ScholiaCommand *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMMAND (self), NULL);

  return SCHOLIA_COMMAND_GET_CLASS (self)->get_label (self);
}

void
scholia_command_get_place (ScholiaCommand      *self,
                           ScholiaCommandPlace *place)
{
  g_return_if_fail (SCHOLIA_IS_COMMAND (self));
  g_return_if_fail (place != NULL);

  SCHOLIA_COMMAND_GET_CLASS (self)->get_place (self, place);
}

gboolean
scholia_command_can_absorb (ScholiaCommand *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COMMAND (self), FALSE);

  return SCHOLIA_COMMAND_GET_CLASS (self)->absorb != NULL;
}

gboolean
scholia_command_absorb (ScholiaCommand *self,
                        ScholiaCommand *next)
{
  ScholiaCommandClass *klass;

  g_return_val_if_fail (SCHOLIA_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_COMMAND (next), FALSE);

  klass = SCHOLIA_COMMAND_GET_CLASS (self);
  return klass->absorb != NULL && klass->absorb (self, next);
}

gboolean
scholia_command_is_empty (ScholiaCommand *self)
{
  ScholiaCommandClass *klass;

  g_return_val_if_fail (SCHOLIA_IS_COMMAND (self), FALSE);

  klass = SCHOLIA_COMMAND_GET_CLASS (self);
  return klass->is_empty != NULL && klass->is_empty (self);
}

/* Helpers shared by the command types. */

gboolean
_scholia_label_check (ScholiaStore  *store,
                      ScholiaLabel  *label,
                      GError       **error)
{
  GType type = G_OBJECT_TYPE (label);

  if (scholia_store_lookup_label (store, type, scholia_label_get_id (label)) == label)
    return TRUE;

  if (type == SCHOLIA_TYPE_THEME)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                 _("The theme “%s” is no longer in the library"), scholia_label_get_display_name (label));
  else
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                 _("The tag “%s” is no longer in the library"), scholia_label_get_display_name (label));
  return FALSE;
}

gboolean
_scholia_command_check_annotation (ScholiaStore       *store,
                                   ScholiaAnnotation  *annotation,
                                   GError            **error)
{
  if (scholia_store_lookup_document (store, scholia_annotation_get_document_id (annotation)) != NULL)
    return TRUE;

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
               _("The document of the highlight “%s” is no longer in the library"),
               scholia_annotation_get_quote (annotation));
  return FALSE;
}

GArray *
_scholia_command_copy_label_ids (ScholiaAnnotation *annotation,
                                 GType              type)
{
  guint n_ids;
  const gint64 *ids = scholia_annotation_get_label_ids (annotation, type, &n_ids);
  GArray *array;

  array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (array, ids, n_ids);
  return array;
}

GArray *
_scholia_command_existing_labels (ScholiaStore *store,
                                  GArray       *ids,
                                  GType         type)
{
  GArray *kept = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (scholia_store_lookup_label (store, type, id) != NULL)
        g_array_append_val (kept, id);
    }
  return kept;
}

gboolean
_scholia_command_write_labels (ScholiaStore       *store,
                               ScholiaAnnotation  *annotation,
                               GType               type,
                               GArray             *ids,
                               GError            **error)
{
  g_autoptr(GArray) current = _scholia_command_copy_label_ids (annotation, type);

  if (current->len == ids->len &&
      (ids->len == 0 || memcmp (current->data, ids->data, ids->len * sizeof (gint64)) == 0))
    return TRUE;
  return scholia_store_set_annotation_labels (store, annotation, type,
                                              (gint64 *) ids->data, ids->len, error);
}

void
_scholia_command_place_annotation (ScholiaAnnotation   *annotation,
                                   ScholiaCommandPlace *place)
{
  *place = (ScholiaCommandPlace) {
    .kind = SCHOLIA_COMMAND_PLACE_DOCUMENT,
    .document_id = scholia_annotation_get_document_id (annotation),
    .start = scholia_annotation_get_start (annotation),
    .end = scholia_annotation_get_end (annotation),
  };
}

void
_scholia_command_place_label (GType                type,
                              gint64               id,
                              ScholiaCommandPlace *place)
{
  *place = (ScholiaCommandPlace) {
    .kind = SCHOLIA_COMMAND_PLACE_LABEL,
    .start = -1,
    .end = -1,
    .label_type = type,
    .label_id = id,
  };
}

ScholiaDocument *
_scholia_command_find_document (ScholiaStore  *store,
                                gint64         id,
                                const char    *title,
                                GError       **error)
{
  ScholiaDocument *document = scholia_store_lookup_document (store, id);

  if (document == NULL)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                 _("“%s” is no longer in the library"), title);
  return document;
}

gboolean
_scholia_command_note_field (const char  *current,
                             const char  *wanted,
                             char       **before,
                             char       **after)
{
  if (wanted == NULL || g_strcmp0 (current != NULL ? current : "", wanted) == 0)
    return FALSE;

  *before = g_strdup (current != NULL ? current : "");
  *after = g_strdup (wanted);
  return TRUE;
}
