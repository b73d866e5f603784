/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A participant joins a seminar: seminar.json read in a worker thread, the seminar added to the
 * library with a new participant for me, and a first sync that brings the essays, the tags and
 * themes and everyone's annotations. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-seminar-sync-private.h"

typedef struct
{
  ScholiaStore       *store;
  char               *location;
  char               *my_name;
  ScholiaTransport   *transport;
  ScholiaSeminarInfo *info;
} Joining;

static void
joining_free (Joining *joining)
{
  g_object_unref (joining->store);
  g_free (joining->location);
  g_free (joining->my_name);
  g_clear_object (&joining->transport);
  g_clear_pointer (&joining->info, scholia_seminar_info_free);
  g_free (joining);
}

static void
read_info_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  Joining *joining = task_data;
  g_autoptr(GBytes) contents = NULL;
  GError *error = NULL;
  gsize length;
  const char *data;

  joining->transport = _scholia_seminar_open_transport (joining->location, cancellable, &error);
  if (joining->transport == NULL ||
      scholia_transport_get (joining->transport, SCHOLIA_SEMINAR_INFO_FILE, NULL, &contents, NULL, cancellable,
                             &error) == SCHOLIA_TRANSPORT_GET_FAILED)
    {
      if (g_error_matches (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          g_set_error (&error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                       _("There is no seminar at %s: it holds no %s"), joining->location,
                       SCHOLIA_SEMINAR_INFO_FILE);
        }
      g_task_return_error (task, error);
      return;
    }
  data = g_bytes_get_data (contents, &length);
  joining->info = scholia_seminar_info_from_json (data, length, SCHOLIA_SEMINAR_INFO_FILE, &error);
  if (joining->info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
info_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Joining *joining = g_task_get_task_data (task);
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaSeminar) known = NULL;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  known = scholia_store_find_seminar (joining->store, joining->info->uuid, NULL);
  if (known != NULL && g_str_equal (known->uuid, joining->info->uuid))
    {
      g_task_return_new_error (task, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS,
                               _("This library takes part in the seminar “%s” already"), known->name);
      return;
    }

  /* seminar.json is applied by the first sync, with the essays, as by every later one. */
  seminar = scholia_store_add_seminar (joining->store, joining->info->uuid, joining->info->name, joining->location,
                                       SCHOLIA_SEMINAR_PARTICIPANT, NULL, joining->my_name, NULL, &error);
  if (seminar == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  _scholia_seminar_return_after_sync (task, joining->store, seminar, joining->transport);
}

void
scholia_seminar_join_async (ScholiaStore        *store,
                            const char          *location,
                            const char          *my_name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *worker;
  Joining *joining;

  g_return_if_fail (SCHOLIA_IS_STORE (store));
  g_return_if_fail (location != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, scholia_seminar_join_async);
  g_task_set_name (task, "[scholia] join seminar");

  joining = g_new0 (Joining, 1);
  joining->store = g_object_ref (store);
  joining->location = g_strdup (location);
  joining->my_name = g_strdup (my_name != NULL ? my_name : g_get_real_name ());
  g_task_set_task_data (task, joining, (GDestroyNotify) joining_free);

  worker = g_task_new (store, cancellable, info_read_cb, g_object_ref (task));
  g_task_set_task_data (worker, joining, NULL);
  g_task_run_in_thread (worker, read_info_in_thread);
  g_object_unref (worker);
}

ScholiaSeminar *
scholia_seminar_join_finish (ScholiaStore  *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
