/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-import-batch.h"

struct _ScholiaImportBatch
{
  GObject       parent_instance;

  ScholiaStore *store;
  GPtrArray    *files;
  guint         next;
  GPtrArray    *documents;  /* ScholiaDocument added so far */
  GPtrArray    *errors;     /* GError, one per file that failed */
  GTask        *task;       /* the whole batch while it runs */
};

G_DEFINE_FINAL_TYPE (ScholiaImportBatch, scholia_import_batch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

enum {
  FILE_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void import_next (ScholiaImportBatch *self);

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  ScholiaImportedText *imported = scholia_import_file (task_data, cancellable, &error);

  if (imported == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, imported, (GDestroyNotify) scholia_imported_text_free);
}

static void
finish_file (ScholiaImportBatch *self,
             GFile              *file,
             ScholiaDocument    *document,
             GError             *error)
{
  if (document != NULL)
    g_ptr_array_add (self->documents, g_object_ref (document));
  else
    g_ptr_array_add (self->errors, g_error_copy (error));

  self->next++;
  g_signal_emit (self, signals[FILE_FINISHED], 0, file, document, error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
on_file_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ScholiaImportBatch) self = user_data;
  g_autoptr(ScholiaImportedText) imported = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  GFile *file = g_ptr_array_index (self->files, self->next);
  ScholiaDocument *document = NULL;

  imported = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancelled while reading: stop here, before anything reaches the library. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      g_task_return_error_if_cancelled (task);
      return;
    }

  if (imported != NULL)
    document = scholia_library_add_imported (self->store, imported, file, NULL, &error);

  finish_file (self, file, document, error);
  import_next (self);
}

static void
import_next (ScholiaImportBatch *self)
{
  g_autoptr(GTask) task = NULL;
  GCancellable *cancellable = g_task_get_cancellable (self->task);

  if (self->next >= self->files->len)
    {
      g_autoptr(GTask) batch = g_steal_pointer (&self->task);

      g_task_return_boolean (batch, TRUE);
      return;
    }

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GTask) batch = g_steal_pointer (&self->task);

      g_task_return_error_if_cancelled (batch);
      return;
    }

  task = g_task_new (NULL, cancellable, on_file_read, g_object_ref (self));
  g_task_set_source_tag (task, import_next);
  g_task_set_task_data (task, g_object_ref (g_ptr_array_index (self->files, self->next)), g_object_unref);
  g_task_run_in_thread (task, read_in_thread);
}

static void
scholia_import_batch_finalize (GObject *object)
{
  ScholiaImportBatch *self = (ScholiaImportBatch *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);

  G_OBJECT_CLASS (scholia_import_batch_parent_class)->finalize (object);
}

static void
scholia_import_batch_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ScholiaImportBatch *self = SCHOLIA_IMPORT_BATCH (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, scholia_import_batch_get_fraction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_import_batch_class_init (ScholiaImportBatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = scholia_import_batch_finalize;
  object_class->get_property = scholia_import_batch_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (file, document or NULL, error or NULL) */
  signals[FILE_FINISHED] =
    g_signal_new ("file-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_FILE, SCHOLIA_TYPE_DOCUMENT, G_TYPE_ERROR);
}

static void
scholia_import_batch_init (ScholiaImportBatch *self)
{
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->documents = g_ptr_array_new_with_free_func (g_object_unref);
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

ScholiaImportBatch *
scholia_import_batch_new (ScholiaStore  *store,
                          GFile        **files,
                          guint          n_files)
{
  ScholiaImportBatch *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  self = g_object_new (SCHOLIA_TYPE_IMPORT_BATCH, NULL);
  self->store = g_object_ref (store);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (self->files, g_object_ref (files[i]));
  return self;
}

void
scholia_import_batch_run_async (ScholiaImportBatch  *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SCHOLIA_IS_IMPORT_BATCH (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, scholia_import_batch_run_async);
  import_next (self);
}

gboolean
scholia_import_batch_run_finish (ScholiaImportBatch  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

double
scholia_import_batch_get_fraction (ScholiaImportBatch *self)
{
  g_return_val_if_fail (SCHOLIA_IS_IMPORT_BATCH (self), 0.0);

  return self->files->len > 0 ? (double) self->next / self->files->len : 1.0;
}

guint
scholia_import_batch_get_n_files (ScholiaImportBatch *self)
{
  g_return_val_if_fail (SCHOLIA_IS_IMPORT_BATCH (self), 0);

  return self->files->len;
}

GPtrArray *
scholia_import_batch_get_documents (ScholiaImportBatch *self)
{
  g_return_val_if_fail (SCHOLIA_IS_IMPORT_BATCH (self), NULL);

  return self->documents;
}

GPtrArray *
scholia_import_batch_get_errors (ScholiaImportBatch *self)
{
  g_return_val_if_fail (SCHOLIA_IS_IMPORT_BATCH (self), NULL);

  return self->errors;
}
