/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "scholia-library.h"

struct _ScholiaLibrary
{
  GObject             parent_instance;

  ScholiaStore       *store;
  ScholiaEditor      *editor;
  ScholiaImportBatch *import_batch;
};

G_DEFINE_FINAL_TYPE (ScholiaLibrary, scholia_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IMPORT_BATCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
scholia_library_dispose (GObject *object)
{
  ScholiaLibrary *self = SCHOLIA_LIBRARY (object);

  g_clear_object (&self->import_batch);
  g_clear_object (&self->editor);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (scholia_library_parent_class)->dispose (object);
}

static void
scholia_library_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ScholiaLibrary *self = SCHOLIA_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_IMPORT_BATCH:
      g_value_set_object (value, self->import_batch);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_library_class_init (ScholiaLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scholia_library_dispose;
  object_class->get_property = scholia_library_get_property;

  properties[PROP_IMPORT_BATCH] =
    g_param_spec_object ("import-batch", NULL, NULL, SCHOLIA_TYPE_IMPORT_BATCH,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_library_init (ScholiaLibrary *self)
{
}

/**
 * scholia_library_new_for_store:
 * @store: an open store
 *
 * Returns: (transfer full): a library working on @store, with a fresh undo history
 */
ScholiaLibrary *
scholia_library_new_for_store (ScholiaStore *store)
{
  ScholiaLibrary *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  self = g_object_new (SCHOLIA_TYPE_LIBRARY, NULL);
  self->store = g_object_ref (store);
  self->editor = scholia_editor_new (store);

  return self;
}

static ScholiaLibrary *
open_library (const char  *path,
              gboolean     check_later,
              GError     **error)
{
  g_autoptr(ScholiaStore) store = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  store = check_later ? scholia_store_open_checking_later (path, error) : scholia_store_open (path, error);
  if (store == NULL)
    return NULL;

  return scholia_library_new_for_store (store);
}

/**
 * scholia_library_open:
 * @path: the library file; a missing file becomes a new library
 * @error: where to say why it cannot be opened
 *
 * Returns: (transfer full) (nullable): the open library, or %NULL when @path cannot be opened
 *   as one (the file is then left untouched)
 */
ScholiaLibrary *
scholia_library_open (const char  *path,
                      GError     **error)
{
  return open_library (path, FALSE, error);
}

/**
 * scholia_library_open_checking_later:
 * @path: the library file; a missing file becomes a new library
 * @error: where to say why it cannot be opened
 *
 * As scholia_library_open(), leaving the page-by-page check of a library that needs no
 * migration for later (scholia_store_open_checking_later()): for the window, which shows the
 * essay first.
 *
 * Returns: (transfer full) (nullable): the open library
 */
ScholiaLibrary *
scholia_library_open_checking_later (const char  *path,
                                     GError     **error)
{
  return open_library (path, TRUE, error);
}

/**
 * scholia_library_get_store:
 * @self: a library
 *
 * Returns: (transfer none): the library's store
 */
ScholiaStore *
scholia_library_get_store (ScholiaLibrary *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LIBRARY (self), NULL);

  return self->store;
}

/**
 * scholia_library_get_editor:
 * @self: a library
 *
 * Returns: (transfer none): the editor holding the library's undo history
 */
ScholiaEditor *
scholia_library_get_editor (ScholiaLibrary *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LIBRARY (self), NULL);

  return self->editor;
}

const char *
scholia_library_get_path (ScholiaLibrary *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LIBRARY (self), NULL);

  return scholia_store_get_path (self->store);
}

gboolean
scholia_library_is_read_only (ScholiaLibrary *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LIBRARY (self), TRUE);

  return scholia_store_is_read_only (self->store);
}

/**
 * scholia_library_open_document:
 * @self: a library
 * @document: one of its documents
 * @summary: (out caller-allocates) (optional): what re-anchoring moved
 * @reanchor_error: (optional): why re-anchoring failed, if it did
 * @error: why the document cannot be opened
 *
 * Returns: (transfer full) (nullable): a reading of @document
 */
ScholiaReading *
scholia_library_open_document (ScholiaLibrary          *self,
                               ScholiaDocument         *document,
                               ScholiaReanchorSummary  *summary,
                               GError                 **reanchor_error,
                               GError                 **error)
{
  g_autoptr(ScholiaReading) reading = NULL;
  ScholiaReanchorSummary counts = { 0 };

  g_return_val_if_fail (SCHOLIA_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  reading = scholia_reading_new (self->store, document, error);
  if (reading == NULL)
    return NULL;

  /* The reading follows what re-anchoring moves, as it follows any change. */
  if (!scholia_reanchor_document (self->store, document, scholia_reading_get_text (reading),
                                  &counts, reanchor_error))
    counts = (ScholiaReanchorSummary) { 0 };

  if (summary != NULL)
    *summary = counts;

  return g_steal_pointer (&reading);
}

typedef struct
{
  ScholiaLibrary      *library;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} ImportData;

static void
on_import_finished_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autofree ImportData *data = user_data;
  g_autoptr(ScholiaLibrary) self = data->library;

  /* Done before the callback says so, which may start the next batch. */
  if (self->import_batch == SCHOLIA_IMPORT_BATCH (source))
    {
      g_clear_object (&self->import_batch);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORT_BATCH]);
    }

  if (data->callback != NULL)
    data->callback (source, result, data->user_data);
}

/**
 * scholia_library_start_import:
 * @self: a library
 * @files: (array length=n_files): the files to import
 * @n_files: how many
 * @cancellable: (nullable): to stop the batch before its next file
 * @callback: called once the batch is done
 * @user_data: for @callback
 *
 * Returns: (transfer none): the batch, for its progress and "file-finished"
 */
ScholiaImportBatch *
scholia_library_start_import (ScholiaLibrary      *self,
                              GFile              **files,
                              guint                n_files,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ScholiaImportBatch *batch;
  ImportData *data;

  g_return_val_if_fail (SCHOLIA_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  batch = scholia_import_batch_new (self->store, files, n_files);
  g_set_object (&self->import_batch, batch);
  g_object_unref (batch);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORT_BATCH]);

  data = g_new0 (ImportData, 1);
  data->library = g_object_ref (self);
  data->callback = callback;
  data->user_data = user_data;
  scholia_import_batch_run_async (batch, cancellable, on_import_finished_cb, data);

  return batch;
}

/**
 * scholia_library_get_import_batch:
 * @self: a library
 *
 * Returns: (transfer none) (nullable): the import batch running in the library
 */
ScholiaImportBatch *
scholia_library_get_import_batch (ScholiaLibrary *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LIBRARY (self), NULL);

  return self->import_batch;
}
