/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Opening a library file: what is at the path (nothing, an empty file, a database, or something
 * else), creating it, refusing what is not a library, migrating its schema, then loading its
 * essays and labels. This file sits above the store's other files and calls them; none of them
 * calls it. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "scholia-error.h"
#include "scholia-store-private.h"
#include "scholia-store-seminar-private.h"
#include "scholia-store-upgrade.h"
#include "scholia-wal.h"

/* The first bytes of every SQLite 3 database file. */
#define SQLITE_HEADER "SQLite format 3"
#define SQLITE_HEADER_SIZE 100

typedef enum
{
  FILE_IS_MISSING,
  FILE_IS_EMPTY,
  FILE_IS_DATABASE,
} FileState;

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) |
         ((guint32) bytes[2] << 8) | (guint32) bytes[3];
}

/* Looks at an existing file without letting SQLite near it, so that a text file, a folder or a
 * truncated library is refused before anything could write to it. */
static gboolean
inspect_file (const char  *path,
              FileState   *state,
              gboolean    *wal,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  guint8 header[SQLITE_HEADER_SIZE];
  GStatBuf st;
  gssize n_read;
  guint32 page_size;
  guint64 page_count;
  int fd;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        {
          *state = FILE_IS_MISSING;
          return TRUE;
        }

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO,
                   _("Could not open “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_A_LIBRARY,
                   _("“%s” is a folder, not a Scholia library"), display);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_A_LIBRARY,
                   _("“%s” is not a regular file, so it cannot be a Scholia library"), display);
      return FALSE;
    }

  if (st.st_size == 0)
    {
      *state = FILE_IS_EMPTY;
      return TRUE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO,
                   _("Could not open “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  n_read = read (fd, header, sizeof header);
  close (fd);

  if (n_read < (gssize) strlen (SQLITE_HEADER) ||
      memcmp (header, SQLITE_HEADER, strlen (SQLITE_HEADER) + 1) != 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_A_LIBRARY,
                   _("“%s” is not a Scholia library: it is not a database file"), display);
      return FALSE;
    }

  if (n_read < SQLITE_HEADER_SIZE)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT,
                   _("“%s” is damaged: the file is cut short"), display);
      return FALSE;
    }

  /* A file shorter than the page count its header promises was cut short (a failed copy or
   * sync), unless the pages it lacks are in the write-ahead log beside it: a checkpoint that a
   * full disk or a crash interrupted leaves the header already counting pages it could not
   * write, and SQLite reads them from the log. The count is only valid when the two change
   * counters agree. */
  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = read_be32 (header + 28);
  if (read_be32 (header + 24) == read_be32 (header + 92) &&
      (guint64) st.st_size < page_count * page_size &&
      !scholia_wal_covers_missing_pages (path, page_size, (guint64) st.st_size / page_size))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT,
                   _("“%s” is damaged: the file is cut short"), display);
      return FALSE;
    }

  /* The file format's write and read versions: 2 in write-ahead log mode. */
  *wal = header[18] == 2 && header[19] == 2;
  *state = FILE_IS_DATABASE;
  return TRUE;
}

/* Read-only checks of an existing database: is it ours, is it from a version we understand,
 * and is it whole? Returns its schema version. A library at @check_later_at (its version
 * needs no migration) is not checked page by page: the caller checks it after it opened. */
static gboolean
check_database (const char    *path,
                int            check_later_at,
                GCancellable  *cancellable,
                int           *version,
                gboolean      *checked,
                GError       **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(ScholiaDb) db = NULL;
  gint64 user_version = 0;

  db = _scholia_store_open_own (path, &user_version, error);
  if (db == NULL)
    return FALSE;

  if (user_version > SCHOLIA_SCHEMA_VERSION)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NEWER_LIBRARY,
                   _("“%s” was written by a newer version of Scholia (library version %d; this "
                     "version reads up to %d). Update Scholia to open it."),
                   display, (int) user_version, SCHOLIA_SCHEMA_VERSION);
      return FALSE;
    }

  *checked = user_version != check_later_at;
  scholia_db_set_cancellable (db, cancellable);
  if (*checked && !_scholia_store_quick_check (db, path, error))
    return FALSE;

  *version = (int) user_version;
  return TRUE;
}

/* A new library holds notes a user may not want others to read: 0600, in a 0700 folder. */
static gboolean
create_library_file (const char  *path,
                     GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *folder = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO,
                   _("Could not create the folder for “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO,
                   _("Could not create “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Whether changes could be saved: SQLite must be able to write the library and to create its
 * -wal and -shm files beside it. */
static gboolean
library_is_writable (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (folder, W_OK) == 0;
}

/* Library-wide lists read rows scattered through the file (a theme's 5,000 passages, a tag's
 * 55,000 places: a page each). Mapped, a page read is a memory read rather than a system call
 * copying it into the page cache: a third of the processor time of those queries (issue 17).
 * The file is mapped from the first such list on, not as the library opens: every page touched
 * while mapped counts in the resident size (the 10,000-essay library mapped from the start
 * peaked at 254 MB at opening instead of 155), and mapping it for each list only would pay a
 * page fault per page at every list (142 ms instead of 27 for a theme's passages). SQLite
 * clamps the size to the 2 GB it is built for; failing costs only speed. */
void
_scholia_store_map_file (ScholiaStore *self)
{
  scholia_db_exec (self->db, "PRAGMA mmap_size = 2147483648", NULL);
}

#define CONNECTION_CACHE_SIZE "PRAGMA cache_size = -16384"

static gboolean
configure_connection (ScholiaDb  *db,
                      GError    **error)
{
  /* 16 MB of page cache keeps the full-text index's merges in memory during imports. Temporary
   * files in memory: inside a batch, every change and every INSERT with triggers copies the
   * pages it touches to a statement journal, which on disk meant a system call per page (nearly
   * a million for a REFI-QDA import of 100,000 annotations). */
  if (!scholia_db_exec (db, "PRAGMA foreign_keys = ON", error) ||
      !scholia_db_exec (db, CONNECTION_CACHE_SIZE, error) ||
      /* The temporary tables (a seminar merge's staging) are journalled in memory, not in a
       * file: a merge's savepoint wrote about 40 MB of their pages there in 60,000 records. */
      !scholia_db_exec (db, "PRAGMA temp.journal_mode = MEMORY", error) ||
      !scholia_db_exec (db, "PRAGMA temp_store = MEMORY", error))
    return FALSE;

  /* WAL with synchronous=NORMAL: a committed change survives the app being killed at any
   * moment; only a power cut can lose the last commits, never corrupt the file. */
  return scholia_db_is_read_only (db) ||
         (scholia_db_exec (db, "PRAGMA journal_mode = WAL", error) &&
          scholia_db_exec (db, "PRAGMA synchronous = NORMAL", error));
}

static gboolean
migrate (ScholiaStore            *self,
         const char              *path,
         int                      version,
         const ScholiaMigration  *migrations,
         guint                    n_migrations,
         GError                 **error)
{
  g_autofree char *display = NULL;

  if (version >= migrations[n_migrations - 1].version)
    return TRUE;

  if (!scholia_db_is_read_only (self->db))
    return scholia_db_exec (self->db, "PRAGMA cache_size = -" G_STRINGIFY (SCHOLIA_STORE_BULK_CACHE_KIB), error) &&
           scholia_schema_migrate (self->db, version, migrations, n_migrations, error) &&
           scholia_db_exec (self->db, CONNECTION_CACHE_SIZE, error);
  if (scholia_schema_read_as_latest (self->db, version, migrations, n_migrations))
    return scholia_schema_emulate (self->db, version, migrations, n_migrations, error);

  display = g_filename_display_name (path);
  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY,
               _("“%s” is read-only, and this version of Scholia must update it before it can "
                 "be read: make it writable and open it again"), display);
  return FALSE;
}

/* Opens the library at @path, migrating it to the last of @migrations, then (when @load)
 * lists its essays and labels; @cancellable stops the check and the migration, which then
 * leave the file as it was. */
static ScholiaStore *
open_store (const char              *path,
            gboolean                 read_only,
            gboolean                 check_later,
            const ScholiaMigration  *migrations,
            guint                    n_migrations,
            GCancellable            *cancellable,
            gboolean                 load,
            GError                 **error)
{
  g_autoptr(ScholiaStore) self = NULL;
  g_autofree char *log = g_strconcat (path, "-wal", NULL);
  gboolean had_log, wal = FALSE, checked = TRUE;
  FileState state;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!inspect_file (path, &state, &wal, error))
    return NULL;

  if (state == FILE_IS_MISSING && read_only)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   _("There is no library at “%s”"), display);
      return NULL;
    }

  if (state == FILE_IS_MISSING && !create_library_file (path, error))
    return NULL;

  /* A library that cannot be written is opened read-only, so that it can still be read and
   * exported, and nothing appears beside it. */
  read_only = read_only || !library_is_writable (path);

  /* Checked later only when opening writes nothing: no migration, already in WAL mode. */
  check_later = check_later && !read_only && wal;
  if (state == FILE_IS_DATABASE &&
      !check_database (path, check_later ? migrations[n_migrations - 1].version : -1,
                       cancellable, &version, &checked, error))
    return NULL;
  had_log = g_file_test (log, G_FILE_TEST_EXISTS);

  self = g_object_new (SCHOLIA_TYPE_STORE, NULL);
  /* Only a library checked later counts its annotations later: the window that asked for one
   * asks for the other after its first frame. */
  self->counts_pending = !checked;
  self->db = scholia_db_open (path, read_only ? _scholia_store_read_only_mode (path) : SCHOLIA_DB_READ_WRITE,
                              error);
  if (self->db == NULL || !configure_connection (self->db, error) ||
      (!checked && !_scholia_store_defer_check (self, had_log, error)))
    return NULL;
  /* A statement too short for the progress handler to ask would miss a cancellation. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  scholia_db_set_cancellable (self->db, cancellable);
  if (!migrate (self, path, version, migrations, n_migrations, error))
    return NULL;
  scholia_db_set_cancellable (self->db, NULL);
  if (!load)
    return g_steal_pointer (&self);

  /* A library read without being written keeps its version (and reads as the latest). */
  self->schema_version = scholia_db_is_read_only (self->db) && version > 0
                         ? version : MAX (version, migrations[n_migrations - 1].version);
  scholia_db_set_deriving_passages (self->db, self->schema_version >= SCHOLIA_SCHEMA_DERIVED_PASSAGES);

  if (!_scholia_store_load_documents (self, error) || !_scholia_store_load_labels (self, error))
    {
      g_autoptr(GError) damage = NULL;

      /* Damage met before the check: refused with what the check says, as when it comes
       * first. */
      if (!checked && error != NULL && g_error_matches (*error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT) &&
          !_scholia_store_quick_check (self->db, path, &damage))
        {
          g_clear_error (error);
          g_propagate_error (error, g_steal_pointer (&damage));
        }
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* The store writes and finds annotations by their uuids' keys (schema 18): a library a test
 * makes at an earlier version through the store gets the keys too, in the same transaction as
 * its last step and under that step's number, so that the store can fill it; all else is that
 * version's. (test-uuid-keys writes a version-17 library without the store.) */
ScholiaStore *
_scholia_store_open_with_migrations (const char              *path,
                                     const ScholiaMigration  *migrations,
                                     guint                    n_migrations,
                                     GError                 **error)
{
  g_autofree ScholiaMigration *steps = NULL;
  const ScholiaMigration *all;
  guint n_all;

  if (migrations[n_migrations - 1].version >= SCHOLIA_SCHEMA_UUID_KEYS)
    return open_store (path, FALSE, FALSE, migrations, n_migrations, NULL, TRUE, error);
  all = scholia_schema_get_migrations (&n_all);
  steps = g_new (ScholiaMigration, n_migrations + 1);
  memcpy (steps, migrations, n_migrations * sizeof *steps);
  for (guint i = 0; i < n_all; i++)
    if (all[i].version == SCHOLIA_SCHEMA_UUID_KEYS)
      steps[n_migrations] = all[i];
  steps[n_migrations].version = migrations[n_migrations - 1].version;
  return open_store (path, FALSE, FALSE, steps, n_migrations + 1, NULL, TRUE, error);
}

static ScholiaStore *
open_with_schema (const char  *path,
                  gboolean     read_only,
                  gboolean     check_later,
                  GError     **error)
{
  const ScholiaMigration *migrations;
  guint n_migrations;

  migrations = scholia_schema_get_migrations (&n_migrations);
  return open_store (path, read_only, check_later, migrations, n_migrations, NULL, TRUE, error);
}

ScholiaStore *
scholia_store_open (const char  *path,
                    GError     **error)
{
  return open_with_schema (path, FALSE, FALSE, error);
}

ScholiaStore *
scholia_store_open_checking_later (const char  *path,
                                   GError     **error)
{
  return open_with_schema (path, FALSE, TRUE, error);
}

ScholiaStore *
scholia_store_open_read_only (const char  *path,
                              GError     **error)
{
  return open_with_schema (path, TRUE, FALSE, error);
}

gboolean
scholia_store_needs_upgrade (const char *path)
{
  const ScholiaMigration *migrations;
  guint n_migrations;
  g_autoptr(ScholiaDb) db = NULL;
  gint64 user_version = 0;
  FileState state;
  gboolean wal;

  g_return_val_if_fail (path != NULL, FALSE);

  /* Whatever opening would refuse, or open read-only without writing, is left to it. */
  if (!inspect_file (path, &state, &wal, NULL) || state != FILE_IS_DATABASE ||
      !library_is_writable (path))
    return FALSE;
  db = _scholia_store_open_own (path, &user_version, NULL);
  migrations = scholia_schema_get_migrations (&n_migrations);
  return db != NULL && user_version < migrations[n_migrations - 1].version;
}

gboolean
scholia_store_upgrade (const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  const ScholiaMigration *migrations;
  guint n_migrations;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  migrations = scholia_schema_get_migrations (&n_migrations);
  store = open_store (path, FALSE, FALSE, migrations, n_migrations, cancellable, FALSE,
                      &local_error);
  if (store != NULL)
    return TRUE;
  /* Interrupted, the transaction rolled back: say why rather than SQLite's "interrupted". */
  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
scholia_store_begin_batch (ScholiaStore  *self,
                           GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);

  if (!scholia_db_begin_batch (self->db, error))
    return FALSE;
  self->batch_touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return TRUE;
}

static gpointer
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static gboolean
checkpoint_cb (gpointer data)
{
  g_autoptr(ScholiaStore) self = g_weak_ref_get (data);
  g_autoptr(GError) error = NULL;

  /* Nothing is lost when it fails: the next commit past the log's limit, or closing, does it. */
  if (self != NULL && !scholia_db_checkpoint (self->db, &error))
    g_debug ("The batch's checkpoint is left to a later commit: %s", error->message);
  return G_SOURCE_REMOVE;
}

gboolean
scholia_store_commit_batch (ScholiaStore  *self,
                            GError       **error)
{
  g_autoptr(GHashTable) touched = g_steal_pointer (&self->batch_touched);
  gboolean importing = self->import_trigger != NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);

  if (importing && !_scholia_store_finish_import_batch (self, error))
    {
      scholia_store_abort_batch (self);
      return FALSE;
    }
  if (!scholia_db_end_batch (self->db, TRUE, error))
    return FALSE;
  /* The batch's checkpoint, once the caller is done with it (an import's, on a thread while
   * the next batch is written); a store closed before then checkpoints as it closes. */
  if (!importing || !_scholia_store_checkpoint_import_batch (self))
    g_idle_add_full (G_PRIORITY_LOW, checkpoint_cb, weak_ref_new (self), weak_ref_free);
  return touched == NULL || _scholia_store_follow_merge (self, touched, error);
}

gboolean
scholia_store_begin_import_batch (ScholiaStore  *self,
                                  GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->import_trigger == NULL, FALSE);

  _scholia_store_bound_import_log (self);
  if (!scholia_store_begin_batch (self, error))
    return FALSE;
  if (!_scholia_store_set_aside_index_trigger (self, error))
    {
      scholia_store_abort_batch (self);
      return FALSE;
    }
  return TRUE;
}

void
scholia_store_abort_batch (ScholiaStore *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SCHOLIA_IS_STORE (self));

  scholia_db_end_batch (self->db, FALSE, NULL);
  _scholia_store_forget_import_batch (self);
  /* What seminar merges wrote is gone, and views never took it. */
  g_clear_pointer (&self->batch_touched, g_hash_table_unref);
  /* The rolled-back rows' ids may be given again: forget the text cached under one. */
  _scholia_store_forget_document (self, self->cached_text_id);
  if (!_scholia_store_load_documents (self, &error) || !_scholia_store_load_labels (self, &error))
    g_warning ("The library could not be read again after an import was undone: %s", error->message);
}
