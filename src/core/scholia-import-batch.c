/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-import-batch.h"

struct _ScholiaImportBatch
{
  GObject       parent_instance;

  ScholiaStore *store;
  GPtrArray    *files;
  guint         next;        /* files reported so far */
  guint         next_read;   /* files read or being read */
  gsize         batch_bytes;
  GPtrArray    *documents;   /* ScholiaDocument added so far */
  GPtrArray    *errors;      /* GError, one per file that failed */
  GTask        *task;        /* the whole batch while it runs */
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

static void read_next_batch (ScholiaImportBatch *self);

ScholiaImportRead *
scholia_import_read_new (GFile        *file,
                         GCancellable *cancellable)
{
  ScholiaImportRead *self = g_new0 (ScholiaImportRead, 1);

  self->file = g_object_ref (file);
  self->imported = scholia_import_file (file, cancellable, &self->error);
  if (self->imported != NULL)
    {
      scholia_text_facts_init (&self->facts, self->imported->text);
      self->length = strlen (self->imported->text);
    }
  return self;
}

void
scholia_import_read_free (ScholiaImportRead *self)
{
  g_clear_object (&self->file);
  g_clear_pointer (&self->imported, scholia_imported_text_free);
  scholia_text_facts_clear (&self->facts);
  g_clear_error (&self->error);
  g_free (self);
}

/* The files of the next batch, from the first not read yet until about batch_bytes of text
 * are read: read, converted and with their facts worked out (scholia-text-facts.h), so that
 * the main thread only writes. */
typedef struct
{
  GPtrArray *files;  /* GFile: the batch's files from @first on */
  guint      first;
  gsize      batch_bytes;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_ptr_array_unref (job->files);
  g_free (job);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReadJob *job = task_data;
  g_autoptr(GPtrArray) read_files = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_import_read_free);
  gsize bytes = 0;

  for (guint i = job->first;
       i < job->files->len && bytes < job->batch_bytes && !g_cancellable_is_cancelled (cancellable);
       i++)
    {
      ScholiaImportRead *read = scholia_import_read_new (g_ptr_array_index (job->files, i), cancellable);

      bytes += read->length;
      g_ptr_array_add (read_files, read);
    }
  g_task_return_pointer (task, g_steal_pointer (&read_files), (GDestroyNotify) g_ptr_array_unref);
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

/* Writes the files read in one transaction, the search index built once for all of them
 * (scholia_store_begin_import_batch()), then reports each: a file is reported imported only
 * once its batch is committed. A file the store refuses is undone alone and reported with its
 * reason. FALSE when the batch could not be written at all. */
static gboolean
write_batch (ScholiaImportBatch  *self,
             GPtrArray           *read_files,
             GError             **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();  /* the store's, NULL for a failure */
  gboolean any = FALSE;

  for (guint i = 0; i < read_files->len && !any; i++)
    any = ((ScholiaImportRead *) g_ptr_array_index (read_files, i))->imported != NULL;

  if (any && !scholia_store_begin_import_batch (self->store, error))
    return FALSE;
  for (guint i = 0; i < read_files->len; i++)
    {
      ScholiaImportRead *read = g_ptr_array_index (read_files, i);
      ScholiaDocument *document = NULL;

      if (read->imported != NULL)
        document = scholia_library_add_imported_with_facts (self->store, read->imported, read->file,
                                                            NULL, &read->facts, &read->error);
      g_ptr_array_add (documents, document);
    }
  if (any && !scholia_store_commit_batch (self->store, error))
    return FALSE;

  for (guint i = 0; i < read_files->len; i++)
    {
      ScholiaImportRead *read = g_ptr_array_index (read_files, i);

      finish_file (self, read->file, g_ptr_array_index (documents, i), read->error);
    }
  return TRUE;
}

static void
on_batch_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ScholiaImportBatch) self = user_data;
  g_autoptr(GPtrArray) read_files = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  /* The batch already failed while this one was being read. */
  if (self->task == NULL)
    return;

  /* Cancelled while reading: stop here, before anything of these files reaches the library;
   * the batches written before stay, each whole. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
    {
      task = g_steal_pointer (&self->task);
      g_task_return_error_if_cancelled (task);
      return;
    }

  /* The next files are read while these are written. */
  self->next_read += read_files->len;
  if (self->next_read < self->files->len)
    read_next_batch (self);

  if (!write_batch (self, read_files, &error))
    {
      task = g_steal_pointer (&self->task);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->next >= self->files->len)
    {
      task = g_steal_pointer (&self->task);
      g_task_return_boolean (task, TRUE);
    }
}

static void
read_next_batch (ScholiaImportBatch *self)
{
  g_autoptr(GTask) task = NULL;
  ReadJob *job = g_new0 (ReadJob, 1);

  job->files = g_ptr_array_ref (self->files);
  job->first = self->next_read;
  job->batch_bytes = self->batch_bytes;
  task = g_task_new (NULL, g_task_get_cancellable (self->task), on_batch_read, g_object_ref (self));
  g_task_set_source_tag (task, read_next_batch);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
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
  self->batch_bytes = SCHOLIA_IMPORT_BATCH_BYTES;
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
  if (self->files->len == 0)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      g_task_return_boolean (task, TRUE);
      return;
    }
  read_next_batch (self);
}

void
scholia_import_batch_set_batch_bytes (ScholiaImportBatch *self,
                                      gsize               batch_bytes)
{
  g_return_if_fail (SCHOLIA_IS_IMPORT_BATCH (self));
  g_return_if_fail (self->task == NULL);

  self->batch_bytes = MAX (batch_bytes, 1);
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
