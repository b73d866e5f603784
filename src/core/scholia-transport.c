/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-transport.h"
#include "scholia-transport-folder.h"
#include "scholia-transport-webdav.h"

typedef struct
{
  char *location;
} ScholiaTransportPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ScholiaTransport, scholia_transport, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LOCATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (scholia-transport-error-quark, scholia_transport_error)

G_DEFINE_BOXED_TYPE (ScholiaTransportEntry, scholia_transport_entry,
                     scholia_transport_entry_copy, scholia_transport_entry_free)

ScholiaTransportEntry *
scholia_transport_entry_copy (const ScholiaTransportEntry *entry)
{
  ScholiaTransportEntry *copy = g_new0 (ScholiaTransportEntry, 1);

  copy->name = g_strdup (entry->name);
  copy->etag = g_strdup (entry->etag);
  copy->size = entry->size;
  copy->is_folder = entry->is_folder;
  return copy;
}

void
scholia_transport_entry_free (ScholiaTransportEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->etag);
  g_free (entry);
}

static void
scholia_transport_finalize (GObject *object)
{
  ScholiaTransport *self = SCHOLIA_TRANSPORT (object);
  ScholiaTransportPrivate *priv = scholia_transport_get_instance_private (self);

  g_free (priv->location);

  G_OBJECT_CLASS (scholia_transport_parent_class)->finalize (object);
}

static void
scholia_transport_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ScholiaTransport *self = SCHOLIA_TRANSPORT (object);
  ScholiaTransportPrivate *priv = scholia_transport_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_string (value, priv->location);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_transport_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ScholiaTransport *self = SCHOLIA_TRANSPORT (object);
  ScholiaTransportPrivate *priv = scholia_transport_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_LOCATION:
      priv->location = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_transport_class_init (ScholiaTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = scholia_transport_finalize;
  object_class->get_property = scholia_transport_get_property;
  object_class->set_property = scholia_transport_set_property;

  properties[PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_transport_init (ScholiaTransport *self)
{
}

static gboolean
is_web_location (const char *location)
{
  return g_ascii_strncasecmp (location, "http://", 7) == 0
         || g_ascii_strncasecmp (location, "https://", 8) == 0;
}

ScholiaTransport *
scholia_transport_new_for_location (const char  *location,
                                    const char  *user,
                                    const char  *password,
                                    GError     **error)
{
  g_autoptr(GFile) folder = NULL;

  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_web_location (location))
    return scholia_transport_webdav_new (location, user, password, error);

  if (g_str_has_prefix (location, "file://"))
    folder = g_file_new_for_uri (location);
  else if (g_path_is_absolute (location))
    folder = g_file_new_for_path (location);
  else
    {
      g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_INVALID,
                   _("“%s” is neither a folder’s full path nor a WebDAV address (https://…)"),
                   location);
      return NULL;
    }
  return scholia_transport_folder_new (folder, location);
}

const char *
scholia_transport_get_location (ScholiaTransport *self)
{
  ScholiaTransportPrivate *priv = scholia_transport_get_instance_private (self);

  g_return_val_if_fail (SCHOLIA_IS_TRANSPORT (self), NULL);

  return priv->location;
}

static const char *
without_weak_prefix (const char *etag)
{
  return g_str_has_prefix (etag, "W/") ? etag + 2 : etag;
}

gboolean
scholia_transport_etag_equal (const char *a,
                              const char *b)
{
  if (a == NULL || b == NULL)
    return FALSE;
  return strcmp (without_weak_prefix (a), without_weak_prefix (b)) == 0;
}

gboolean
scholia_transport_check_path (ScholiaTransport  *self,
                              const char        *path,
                              gboolean           folder,
                              GError           **error)
{
  g_auto(GStrv) segments = NULL;
  g_autofree char *trimmed = NULL;

  trimmed = g_strdup (path);
  if (folder && g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';

  if (folder && trimmed[0] == '\0')
    return TRUE;

  segments = g_strsplit (trimmed, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (segments[i][0] == '\0' || strcmp (segments[i], ".") == 0
          || strcmp (segments[i], "..") == 0)
        {
          g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_INVALID,
                       _("“%s” is not a name inside the seminar’s folder at %s"),
                       path, scholia_transport_get_location (self));
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
scholia_transport_list (ScholiaTransport  *self,
                        const char        *path,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_return_val_if_fail (SCHOLIA_IS_TRANSPORT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!scholia_transport_check_path (self, path, TRUE, error))
    return NULL;
  return SCHOLIA_TRANSPORT_GET_CLASS (self)->list (self, path, cancellable, error);
}

ScholiaTransportGetResult
scholia_transport_get (ScholiaTransport  *self,
                       const char        *path,
                       const char        *if_none_match,
                       GBytes           **contents,
                       char             **etag,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_return_val_if_fail (SCHOLIA_IS_TRANSPORT (self), SCHOLIA_TRANSPORT_GET_FAILED);
  g_return_val_if_fail (path != NULL, SCHOLIA_TRANSPORT_GET_FAILED);
  g_return_val_if_fail (contents != NULL, SCHOLIA_TRANSPORT_GET_FAILED);
  g_return_val_if_fail (error == NULL || *error == NULL, SCHOLIA_TRANSPORT_GET_FAILED);

  *contents = NULL;
  if (etag != NULL)
    *etag = NULL;
  if (!scholia_transport_check_path (self, path, FALSE, error))
    return SCHOLIA_TRANSPORT_GET_FAILED;
  return SCHOLIA_TRANSPORT_GET_CLASS (self)->get (self, path, if_none_match, contents, etag,
                                                  cancellable, error);
}

gboolean
scholia_transport_put (ScholiaTransport  *self,
                       const char        *path,
                       GBytes            *contents,
                       const char        *if_match,
                       char             **new_etag,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_return_val_if_fail (SCHOLIA_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (new_etag != NULL)
    *new_etag = NULL;
  if (!scholia_transport_check_path (self, path, FALSE, error))
    return FALSE;
  return SCHOLIA_TRANSPORT_GET_CLASS (self)->put (self, path, contents, if_match, new_etag,
                                                  cancellable, error);
}

gboolean
scholia_transport_make_folder (ScholiaTransport  *self,
                               const char        *path,
                               GCancellable      *cancellable,
                               GError           **error)
{
  g_return_val_if_fail (SCHOLIA_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!scholia_transport_check_path (self, path, TRUE, error))
    return FALSE;
  return SCHOLIA_TRANSPORT_GET_CLASS (self)->make_folder (self, path, cancellable, error);
}
