/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The leader makes a seminar: its folder, essays/ and logs/, the essays and seminar.json
 * written in a worker thread; then the library holds the seminar, with the leader as its
 * first participant, and a first sync puts the leader's (empty) log beside the others. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-seminar-sync-private.h"

typedef struct
{
  ScholiaStore          *store;
  char                  *name;
  char                  *location;
  char                  *my_uuid;
  char                  *my_name;
  ScholiaSeminarOptions  options;
  GArray                *document_ids;
  ScholiaSeminarInfo    *info;
  GPtrArray             *files;       /* File, written in this order */
  ScholiaTransport      *transport;
} Creation;

typedef struct
{
  char   *path;
  GBytes *contents;
} File;

static void
file_free (File *file)
{
  g_free (file->path);
  g_bytes_unref (file->contents);
  g_free (file);
}

static void
creation_free (Creation *creation)
{
  g_object_unref (creation->store);
  g_free (creation->name);
  g_free (creation->location);
  g_free (creation->my_uuid);
  g_free (creation->my_name);
  _scholia_seminar_options_clear (&creation->options);
  g_array_unref (creation->document_ids);
  g_clear_pointer (&creation->info, scholia_seminar_info_free);
  g_ptr_array_unref (creation->files);
  g_clear_object (&creation->transport);
  g_free (creation);
}

static void
add_file (Creation   *creation,
          char       *path,
          char       *contents)
{
  File *file = g_new0 (File, 1);
  gsize length = strlen (contents);

  file->path = path;
  file->contents = g_bytes_new_take (contents, length);
  g_ptr_array_add (creation->files, file);
}

/* Refuses a folder that holds anything: a seminar's folder is the seminar's alone, and
 * another's logs or essays in it would be taken for this one's. */
static gboolean
make_empty_folder (ScholiaTransport  *transport,
                   const char        *location,
                   GCancellable      *cancellable,
                   GError           **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) list_error = NULL;

  entries = scholia_transport_list (transport, "", cancellable, &list_error);
  if (entries == NULL && !g_error_matches (list_error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&list_error));
      return FALSE;
    }
  if (entries != NULL && entries->len > 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS,
                   _("The folder %s is not empty: choose an empty or new folder for the seminar"), location);
      return FALSE;
    }
  return scholia_transport_make_folder (transport, "", cancellable, error);
}

static void
create_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Creation *creation = task_data;
  GError *error = NULL;
  g_autofree char *etag = NULL;

  creation->transport = _scholia_seminar_open_transport (creation->location, cancellable, &error);
  if (creation->transport == NULL ||
      !make_empty_folder (creation->transport, creation->location, cancellable, &error) ||
      !scholia_transport_make_folder (creation->transport, "essays", cancellable, &error) ||
      !scholia_transport_make_folder (creation->transport, "logs", cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* seminar.json last: a folder without it is no seminar yet, so nobody joins a half-made one. */
  for (guint i = 0; i < creation->files->len; i++)
    {
      File *file = g_ptr_array_index (creation->files, i);
      char **new_etag = i + 1 == creation->files->len ? &etag : NULL;

      if (!scholia_transport_put (creation->transport, file->path, file->contents, NULL, new_etag,
                                  cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&etag), g_free);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Creation *creation = g_task_get_task_data (task);
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *options = NULL;
  File *info_file = g_ptr_array_index (creation->files, creation->files->len - 1);
  GError *error = NULL;

  etag = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  creation->options.info_etag = g_strdup (etag != NULL ? etag : "");
  creation->options.info_checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, info_file->contents);
  options = _scholia_seminar_options_write (&creation->options);
  seminar = scholia_store_add_seminar (creation->store, creation->info->uuid, creation->name, creation->location,
                                       SCHOLIA_SEMINAR_LEADER, creation->my_uuid, creation->my_name, options,
                                       &error);
  if (seminar == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < creation->document_ids->len; i++)
    {
      ScholiaDocument *document = scholia_store_lookup_document (creation->store,
                                                                 g_array_index (creation->document_ids, gint64, i));

      if (!scholia_store_add_seminar_essay (creation->store, seminar, document, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  _scholia_seminar_return_after_sync (task, creation->store, seminar, creation->transport);
}

/* The essays' texts and metadata, and seminar.json, as they will be written. */
static gboolean
prepare_files (Creation  *creation,
               GError   **error)
{
  for (guint i = 0; i < creation->info->essays->len; i++)
    {
      const ScholiaSeminarEssay *essay = g_ptr_array_index (creation->info->essays, i);
      ScholiaDocument *document = scholia_store_lookup_document (creation->store,
                                                                 g_array_index (creation->document_ids, gint64, i));
      char *text = scholia_store_load_text (creation->store, document, error);

      if (text == NULL)
        return FALSE;
      add_file (creation, scholia_seminar_essay_text_path (essay), text);
      add_file (creation, scholia_seminar_essay_metadata_path (essay), scholia_seminar_essay_to_json (essay));
    }
  add_file (creation, g_strdup (SCHOLIA_SEMINAR_INFO_FILE), scholia_seminar_info_to_json (creation->info));
  return TRUE;
}

void
scholia_seminar_create_async (ScholiaStore        *store,
                              const char          *name,
                              const char          *location,
                              const gint64        *document_ids,
                              guint                n_document_ids,
                              const char          *instructions,
                              gboolean             participants_add_tags,
                              gboolean             hide_until_posted,
                              const char          *my_name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *clean_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  Creation *creation;
  GError *error = NULL;

  g_return_if_fail (SCHOLIA_IS_STORE (store));
  g_return_if_fail (location != NULL);
  g_return_if_fail (document_ids != NULL || n_document_ids == 0);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, scholia_seminar_create_async);
  g_task_set_name (task, "[scholia] create seminar");

  creation = g_new0 (Creation, 1);
  creation->store = g_object_ref (store);
  creation->name = g_strdup (clean_name);
  creation->location = g_strdup (location);
  creation->my_uuid = g_uuid_string_random ();
  creation->my_name = g_strdup (my_name != NULL ? my_name : g_get_real_name ());
  creation->options.participants_add_tags = participants_add_tags;
  creation->options.hide_until_posted = hide_until_posted;
  creation->options.instructions = g_strdup (instructions != NULL ? instructions : "");
  creation->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (creation->document_ids, document_ids, n_document_ids);
  creation->files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_free);
  g_task_set_task_data (task, creation, (GDestroyNotify) creation_free);

  if (*clean_name == '\0')
    {
      g_task_return_new_error (task, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID, _("A seminar needs a name"));
      return;
    }
  creation->info = _scholia_seminar_info_from_library (store, uuid, clean_name, creation->my_uuid,
                                                       creation->my_name, &creation->options,
                                                       creation->document_ids, &error);
  if (creation->info == NULL || !prepare_files (creation, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  {
    GTask *worker = g_task_new (store, cancellable, created_cb, g_object_ref (task));

    g_task_set_task_data (worker, creation, NULL);
    g_task_run_in_thread (worker, create_in_thread);
    g_object_unref (worker);
  }
}

ScholiaSeminar *
scholia_seminar_create_finish (ScholiaStore  *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
