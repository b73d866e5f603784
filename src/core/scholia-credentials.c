/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "scholia-credentials.h"
#include "scholia-error.h"

static const SecretSchema *
webdav_schema (void)
{
  static const SecretSchema schema = {
    "io.github.scholia.Scholia.WebDAV", SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* "https://host/dav/Seminar" and "https://host/dav/Seminar/" are one folder, one password. */
static char *
folder_key (const char *url)
{
  return g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
}

static void
set_keyring_error (const char  *url,
                   GError      *secret_error,
                   GError     **error)
{
  if (g_error_matches (secret_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (secret_error));
  else
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED,
                 /* Translators: the WebDAV address, the keyring’s error and the name of an
                  * environment variable, which must not be translated */
                 _("The desktop keyring could not be reached for the password of %s (%s): start a keyring such as GNOME Keyring, or set %s for scripts"),
                 url, secret_error->message, SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE);
}

char *
scholia_credentials_lookup (const char    *url,
                            const char    *user,
                            GCancellable  *cancellable,
                            GError       **error)
{
  const char *from_environment = g_getenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE);
  g_autofree char *key = NULL;
  g_autoptr(GError) secret_error = NULL;
  char *stored;
  char *password;

  g_return_val_if_fail (url != NULL && user != NULL, NULL);

  if (from_environment != NULL && from_environment[0] != '\0')
    return g_strdup (from_environment);

  key = folder_key (url);
  stored = secret_password_lookup_sync (webdav_schema (), cancellable, &secret_error,
                                        "url", key, "user", user, NULL);
  if (secret_error != NULL)
    {
      set_keyring_error (url, secret_error, error);
      return NULL;
    }
  /* libsecret's copy lives in non-pageable memory and must go back through its own free. */
  password = g_strdup (stored);
  secret_password_free (stored);
  return password;
}

/* What the keyring's window calls the password. */
static char *
password_label (const char *user,
                const char *key)
{
  /* TRANSLATORS: the name of the password in the keyring's window: user name, then address. */
  return g_strdup_printf (_("Scholia seminar: %s at %s"), user, key);
}

gboolean
scholia_credentials_store (const char    *url,
                           const char    *user,
                           const char    *password,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) secret_error = NULL;

  g_return_val_if_fail (url != NULL && user != NULL && password != NULL, FALSE);

  key = folder_key (url);
  label = password_label (user, key);
  if (!secret_password_store_sync (webdav_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                   cancellable, &secret_error,
                                   "url", key, "user", user, NULL))
    {
      set_keyring_error (url, secret_error, error);
      return FALSE;
    }
  return TRUE;
}

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) secret_error = NULL;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &secret_error))
    {
      set_keyring_error (g_task_get_task_data (task), secret_error, &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
scholia_credentials_store_async (const char          *url,
                                 const char          *user,
                                 const char          *password,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (url != NULL && user != NULL && password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, scholia_credentials_store_async);
  g_task_set_task_data (task, g_strdup (url), g_free);

  key = folder_key (url);
  label = password_label (user, key);
  secret_password_store (webdav_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, on_password_stored_cb, task,
                         "url", key, "user", user, NULL);
}

gboolean
scholia_credentials_store_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
scholia_credentials_clear (const char    *url,
                           const char    *user,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GError) secret_error = NULL;

  g_return_val_if_fail (url != NULL && user != NULL, FALSE);

  key = folder_key (url);
  /* FALSE without an error: there was nothing to forget. */
  secret_password_clear_sync (webdav_schema (), cancellable, &secret_error,
                              "url", key, "user", user, NULL);
  if (secret_error != NULL)
    {
      set_keyring_error (url, secret_error, error);
      return FALSE;
    }
  return TRUE;
}
