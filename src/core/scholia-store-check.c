/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Whether a library is whole, page by page (PRAGMA quick_check), which reads the whole file:
 * for 10,000 essays and a million annotations, 560 MB. Opening checks a library before it
 * reads anything from it, except when the window opens one at the current version: then the
 * essay shows first, and the check runs on a worker thread through a read-only connection of
 * its own (the write-ahead log lets it read beside the store's). Until it has passed, the
 * store's connection holds its writes (scholia_db_hold_writes()): a change waits for the
 * check's result and fails when it found damage, SQLite refuses any other write, and closing
 * copies nothing from the log into the file; a damaged library is left exactly as it was.
 * Calls none of the store's other files. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "scholia-error.h"
#include "scholia-store-private.h"
#include "scholia-wal.h"

struct _ScholiaStoreCheck
{
  gatomicrefcount  ref_count;
  char            *path;
  GMainContext    *context;
  GWeakRef         store;
  GCancellable    *cancellable;
  /* Whether the library had a write-ahead log when it opened: if not, the empty one (and its
   * index) that SQLite made for the store's connection goes when a damaged library closes. */
  gboolean         had_log;

  GMutex           mutex;
  GCond            cond;
  gboolean         started;
  gboolean         done;
  GError          *error;
  ScholiaDb       *running;  /* the worker's connection, for interrupting it */
};

/* How to read a library without changing anything beside it: a database in WAL mode read
 * through an ordinary read-only connection gets -wal and -shm files created next to it, which
 * another program's database must not. Without a log beside it the main file holds everything,
 * and SQLite can read it as immutable; a log with frames must be read through SQLite's own
 * recovery. */
ScholiaDbMode
_scholia_store_read_only_mode (const char *path)
{
  return scholia_wal_has_frames (path) ? SCHOLIA_DB_READ_ONLY : SCHOLIA_DB_IMMUTABLE;
}

ScholiaDb *
_scholia_store_open_own (const char  *path,
                         gint64      *version,
                         GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(ScholiaDb) db = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 application_id = 0;

  db = scholia_db_open (path, _scholia_store_read_only_mode (path), &local_error);
  if (db == NULL ||
      !scholia_db_query_int (db, "PRAGMA application_id", &application_id, &local_error) ||
      !scholia_db_query_int (db, "PRAGMA user_version", version, &local_error))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT,
                   _("“%s” is damaged or not a Scholia library: %s"),
                   display, local_error->message);
      return NULL;
    }

  if (application_id != SCHOLIA_APPLICATION_ID)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_A_LIBRARY,
                   _("“%s” is a database of another program, not a Scholia library"), display);
      return NULL;
    }
  return g_steal_pointer (&db);
}

gboolean
_scholia_store_quick_check (ScholiaDb   *db,
                            const char  *path,
                            GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GError) local_error = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;
  gboolean whole;

  stmt = scholia_db_get_statement (db, "PRAGMA quick_check", &local_error);
  rc = stmt != NULL ? scholia_db_statement_step (stmt, &local_error) : SCHOLIA_DB_STEP_ERROR;
  whole = rc == SCHOLIA_DB_STEP_ROW && g_strcmp0 (scholia_db_statement_column_text (stmt, 0), "ok") == 0;
  if (!whole)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT,
                 _("“%s” is damaged: %s"), display,
                 local_error != NULL ? local_error->message : scholia_db_statement_column_text (stmt, 0));
  if (stmt != NULL)
    scholia_db_statement_reset (stmt);
  return whole;
}

GStrv
scholia_store_check_integrity (const char  *path,
                               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GStrvBuilder) problems = g_strv_builder_new ();
  g_autoptr(ScholiaDb) db = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  db = _scholia_store_open_own (path, &version, error);
  if (db == NULL)
    return NULL;

  stmt = scholia_db_get_statement (db, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = scholia_db_statement_step (stmt, &local_error)) == SCHOLIA_DB_STEP_ROW)
    {
      const char *row = scholia_db_statement_column_text (stmt, 0);

      if (g_strcmp0 (row, "ok") != 0)
        g_strv_builder_add (problems, row);
    }
  scholia_db_statement_reset (stmt);
  /* A page too damaged to walk stops the check: that is a problem found, not a failure. */
  if (rc == SCHOLIA_DB_STEP_ERROR)
    g_strv_builder_add (problems, local_error->message);
  return g_strv_builder_end (problems);
}

static ScholiaStoreCheck *
check_ref (ScholiaStoreCheck *check)
{
  g_atomic_ref_count_inc (&check->ref_count);
  return check;
}

static void
check_unref (ScholiaStoreCheck *check)
{
  if (check == NULL || !g_atomic_ref_count_dec (&check->ref_count))
    return;
  g_free (check->path);
  g_main_context_unref (check->context);
  g_weak_ref_clear (&check->store);
  g_object_unref (check->cancellable);
  g_mutex_clear (&check->mutex);
  g_cond_clear (&check->cond);
  g_clear_error (&check->error);
  g_free (check);
}

static void
on_cancelled_cb (GCancellable      *cancellable,
                 ScholiaStoreCheck *check)
{
  g_mutex_lock (&check->mutex);
  if (check->running != NULL)
    scholia_db_interrupt (check->running);
  g_mutex_unlock (&check->mutex);
}

/* The store's thread: the check is over (its result taken or not yet), say so once. */
static gboolean
report_cb (gpointer data)
{
  ScholiaStoreCheck *check = data;
  g_autoptr(ScholiaStore) self = g_weak_ref_get (&check->store);
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return G_SOURCE_REMOVE;
  /* Taking the result releases the writes of a whole library (a change may have taken it
   * already, waiting for it). */
  if (self->check == check)
    _scholia_store_wait_for_check (self, &error);
  g_signal_emit_by_name (self, "check-finished");
  return G_SOURCE_REMOVE;
}

static gpointer
check_thread (gpointer data)
{
  ScholiaStoreCheck *check = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) source = NULL;
  g_autoptr(ScholiaDb) db = scholia_db_open (check->path, SCHOLIA_DB_READ_ONLY, &error);

  if (db != NULL)
    {
      g_mutex_lock (&check->mutex);
      check->running = g_cancellable_is_cancelled (check->cancellable) ? NULL : db;
      g_mutex_unlock (&check->mutex);
      /* Cancelled: the store is gone, and nobody reads the result. */
      if (check->running != NULL)
        _scholia_store_quick_check (db, check->path, &error);
      g_mutex_lock (&check->mutex);
      check->running = NULL;
      g_mutex_unlock (&check->mutex);
    }
  else
    {
      g_autofree char *display = g_filename_display_name (check->path);
      GError *damage = g_error_new (SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT,
                                    _("“%s” is damaged or not a Scholia library: %s"),
                                    display, error->message);

      g_clear_error (&error);
      error = damage;
    }

  g_mutex_lock (&check->mutex);
  check->error = g_steal_pointer (&error);
  check->done = TRUE;
  g_cond_broadcast (&check->cond);
  g_mutex_unlock (&check->mutex);

  /* Always through a source: g_main_context_invoke() would run it here when the store's
   * thread is not iterating its context (waiting for this check, say). */
  source = g_idle_source_new ();
  g_source_set_callback (source, report_cb, check, (GDestroyNotify) check_unref);
  g_source_attach (source, check->context);
  return NULL;
}

static void
start (ScholiaStoreCheck *check)
{
  gboolean start_now;

  g_mutex_lock (&check->mutex);
  start_now = !check->started;
  check->started = TRUE;
  g_mutex_unlock (&check->mutex);
  if (start_now)
    g_thread_unref (g_thread_new ("scholia-check", check_thread, check_ref (check)));
}

/* The gate of the store's writes (scholia_db_hold_writes()). */
static gboolean
gate_cb (gpointer   data,
         GError   **error)
{
  return _scholia_store_wait_for_check (data, error);
}

gboolean
_scholia_store_defer_check (ScholiaStore  *self,
                            gboolean       had_log,
                            GError       **error)
{
  ScholiaStoreCheck *check;

  g_return_val_if_fail (self->check == NULL, FALSE);

  if (!scholia_db_hold_writes (self->db, gate_cb, self, error))
    return FALSE;

  check = g_new0 (ScholiaStoreCheck, 1);
  g_atomic_ref_count_init (&check->ref_count);
  check->path = g_strdup (scholia_db_get_path (self->db));
  check->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&check->store, self);
  check->cancellable = g_cancellable_new ();
  check->had_log = had_log;
  g_mutex_init (&check->mutex);
  g_cond_init (&check->cond);
  g_cancellable_connect (check->cancellable, G_CALLBACK (on_cancelled_cb), check, NULL);
  self->check = check;
  return TRUE;
}

/* Waits for the check's result (starting it if it has not started) and keeps it: writes are
 * released when the library is whole; when it is damaged, every change fails with why. */
gboolean
_scholia_store_wait_for_check (ScholiaStore  *self,
                               GError       **error)
{
  ScholiaStoreCheck *check = self->check;
  g_autoptr(GError) local_error = NULL;

  if (self->damage != NULL)
    {
      g_propagate_error (error, g_error_copy (self->damage));
      return FALSE;
    }
  if (check == NULL)
    return TRUE;

  start (check);
  g_mutex_lock (&check->mutex);
  while (!check->done)
    g_cond_wait (&check->cond, &check->mutex);
  local_error = check->error != NULL ? g_error_copy (check->error) : NULL;
  g_mutex_unlock (&check->mutex);

  /* Whatever kept the check from reading the file through (scholia_db_open() failing too)
   * refuses the library, as opening does when it checks first. */
  if (local_error != NULL)
    {
      self->damage = g_error_copy (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!scholia_db_release_writes (self->db, error))
    return FALSE;
  self->check = NULL;
  check_unref (check);
  return TRUE;
}

/* From the store's finalize, after its connection closed. */
void
_scholia_store_forget_check (ScholiaStore *self)
{
  ScholiaStoreCheck *check = g_steal_pointer (&self->check);

  if (check == NULL)
    return;
  g_cancellable_cancel (check->cancellable);
  if (!check->had_log)
    {
      g_autofree char *log = g_strconcat (check->path, "-wal", NULL);
      g_autofree char *index = g_strconcat (check->path, "-shm", NULL);
      GStatBuf st;

      /* Nothing was written: the log SQLite made when the store's connection opened is empty. */
      if (g_stat (log, &st) == 0 && st.st_size == 0)
        {
          g_unlink (log);
          g_unlink (index);
        }
    }
  check_unref (check);
}

/**
 * scholia_store_start_check:
 * @self: a store
 *
 * Starts the page-by-page check that opening left for later
 * (scholia_store_open_checking_later()), on a worker thread; "check-finished" says when it is
 * done. Nothing happens when there is none left.
 */
void
scholia_store_start_check (ScholiaStore *self)
{
  g_return_if_fail (SCHOLIA_IS_STORE (self));

  if (self->check != NULL)
    start (self->check);
}

/**
 * scholia_store_is_check_pending:
 * @self: a store
 *
 * Returns: whether the library's check has not given its result yet (changes wait for it)
 */
gboolean
scholia_store_is_check_pending (ScholiaStore *self)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);

  return self->check != NULL && self->damage == NULL;
}

/**
 * scholia_store_get_damage:
 * @self: a store
 *
 * Returns: (nullable): why the library is damaged, when its check after opening found it so:
 *   every change then fails, and the library should be closed
 */
const GError *
scholia_store_get_damage (ScholiaStore *self)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  return self->damage;
}
