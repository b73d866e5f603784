/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-checkpointer.h"
#include "scholia-db.h"

/* Batches that may begin, one after another, while a checkpoint runs: each of them is
 * appended to the log instead of starting it again. */
#define MAX_BATCHES_APPENDED 1

struct _ScholiaCheckpointer
{
  ScholiaDb *db;       /* used by the thread alone once it runs */
  GThread   *thread;

  GMutex     lock;
  GCond      changed;
  gboolean   wanted;   /* a checkpoint asked for and not begun yet */
  gboolean   running;
  gboolean   closing;
  guint      appended; /* batches begun while a checkpoint was wanted or running */
};

static gpointer
run_checkpoints (gpointer data)
{
  ScholiaCheckpointer *self = data;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      g_autoptr(GError) error = NULL;

      while (!self->wanted && !self->closing)
        g_cond_wait (&self->changed, &self->lock);
      if (!self->wanted)
        break;
      self->wanted = FALSE;
      self->running = TRUE;
      g_mutex_unlock (&self->lock);

      /* Nothing is lost when it fails (another checkpoint running, a reader of old pages): the
       * next one, or closing the library, copies what is left. */
      if (!scholia_db_exec (self->db, "PRAGMA wal_checkpoint(PASSIVE)", &error))
        g_debug ("The batch's checkpoint is left to a later one: %s", error->message);

      g_mutex_lock (&self->lock);
      self->running = FALSE;
      g_cond_broadcast (&self->changed);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

ScholiaCheckpointer *
scholia_checkpointer_new (const char  *path,
                          GError     **error)
{
  ScholiaCheckpointer *self;
  ScholiaDb *db = scholia_db_open (path, SCHOLIA_DB_READ_WRITE, error);

  /* As the store's own connection syncs: the log before it is copied, the file after. */
  if (db == NULL || !scholia_db_exec (db, "PRAGMA synchronous = NORMAL", error))
    {
      g_clear_pointer (&db, scholia_db_close);
      return NULL;
    }

  self = g_new0 (ScholiaCheckpointer, 1);
  self->db = db;
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  self->thread = g_thread_new ("scholia-checkpoint", run_checkpoints, self);
  return self;
}

void
scholia_checkpointer_free (ScholiaCheckpointer *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->closing = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);

  /* Not the library's last connection: closing it copies nothing, the store's does. */
  scholia_db_close (self->db);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  g_free (self);
}

void
scholia_checkpointer_request (ScholiaCheckpointer *self)
{
  g_mutex_lock (&self->lock);
  self->wanted = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
}

void
scholia_checkpointer_before_batch (ScholiaCheckpointer *self)
{
  g_mutex_lock (&self->lock);
  if (!self->wanted && !self->running)
    self->appended = 0;
  else if (self->appended < MAX_BATCHES_APPENDED)
    self->appended++;
  else
    {
      while (self->wanted || self->running)
        g_cond_wait (&self->changed, &self->lock);
      self->appended = 0;
    }
  g_mutex_unlock (&self->lock);
}
