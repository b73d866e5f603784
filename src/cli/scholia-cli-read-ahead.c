/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-cli-read-ahead.h"

/* How far the reader may get ahead of the writer: two of the import's batches, so that the
 * writer always finds the next one read, while a library of long files never sits in memory
 * whole. */
#define AHEAD_BYTES (16 * 1000 * 1000)

struct _ScholiaCliReadAhead
{
  char        **paths;
  guint         n_paths;
  GThread      *thread;
  GCancellable *cancellable;

  GMutex        lock;
  GCond         changed;
  GQueue        read;         /* ScholiaImportRead, not taken yet */
  gsize         bytes_ahead;  /* of text in @read */
  gboolean      finished;     /* every file is in @read or was taken */
};

static gpointer
read_files (gpointer data)
{
  ScholiaCliReadAhead *self = data;

  for (guint i = 0; i < self->n_paths && !g_cancellable_is_cancelled (self->cancellable); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (self->paths[i]);
      ScholiaImportRead *read = scholia_import_read_new (file, self->cancellable);

      g_mutex_lock (&self->lock);
      g_queue_push_tail (&self->read, read);
      self->bytes_ahead += read->length;
      g_cond_signal (&self->changed);
      while (self->bytes_ahead > AHEAD_BYTES && !g_cancellable_is_cancelled (self->cancellable))
        g_cond_wait (&self->changed, &self->lock);
      g_mutex_unlock (&self->lock);
    }

  g_mutex_lock (&self->lock);
  self->finished = TRUE;
  g_cond_signal (&self->changed);
  g_mutex_unlock (&self->lock);
  return NULL;
}

ScholiaCliReadAhead *
scholia_cli_read_ahead_new (char  **paths,
                            guint   n_paths)
{
  ScholiaCliReadAhead *self = g_new0 (ScholiaCliReadAhead, 1);

  self->paths = g_new0 (char *, n_paths + 1);
  for (guint i = 0; i < n_paths; i++)
    self->paths[i] = g_strdup (paths[i]);
  self->n_paths = n_paths;
  self->cancellable = g_cancellable_new ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  g_queue_init (&self->read);
  self->thread = g_thread_new ("scholia-read-ahead", read_files, self);
  return self;
}

ScholiaImportRead *
scholia_cli_read_ahead_next (ScholiaCliReadAhead *self)
{
  ScholiaImportRead *read;

  g_mutex_lock (&self->lock);
  while (g_queue_is_empty (&self->read) && !self->finished)
    g_cond_wait (&self->changed, &self->lock);
  read = g_queue_pop_head (&self->read);
  if (read != NULL)
    {
      self->bytes_ahead -= read->length;
      g_cond_signal (&self->changed);
    }
  g_mutex_unlock (&self->lock);

  return read;
}

void
scholia_cli_read_ahead_free (ScholiaCliReadAhead *self)
{
  g_mutex_lock (&self->lock);
  g_cancellable_cancel (self->cancellable);
  g_cond_signal (&self->changed);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);

  g_queue_clear_full (&self->read, (GDestroyNotify) scholia_import_read_free);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  g_object_unref (self->cancellable);
  g_strfreev (self->paths);
  g_free (self);
}
