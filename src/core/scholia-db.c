/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-db.h"
#include "scholia-error.h"

struct _ScholiaDb
{
  sqlite3    *handle;
  char       *path;
  GHashTable *statements;  /* SQL text → sqlite3_stmt*, finalized on close */
  /* Inside a batch, each change is a savepoint of the one batch transaction. */
  gboolean    in_batch;
  gboolean    read_only;
};

static int
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return SCHOLIA_ERROR_NOT_A_LIBRARY;
    case SQLITE_CORRUPT:
      return SCHOLIA_ERROR_CORRUPT;
    case SQLITE_CONSTRAINT:
      return SCHOLIA_ERROR_EXISTS;
    case SQLITE_READONLY:
      return SCHOLIA_ERROR_READ_ONLY;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SCHOLIA_ERROR_IO;
    default:
      return SCHOLIA_ERROR_FAILED;
    }
}

void
scholia_db_set_error (ScholiaDb   *self,
                      GError     **error,
                      const char  *what)
{
  int rc = sqlite3_extended_errcode (self->handle);
  g_autofree char *basename = g_path_get_basename (self->path);

  g_set_error (error, SCHOLIA_ERROR, error_code_for_sqlite (rc),
               /* Translators: “library.sqlite3”: could not save the tag: disk I/O error */
               _("“%s”: %s: %s"), basename, what, sqlite3_errmsg (self->handle));
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

/* Debian's SQLite is built with SQLITE_USE_URI, so a name starting with “file:” would be read as
 * a URI (“file:x?mode=memory” keeps nothing; “file:other.db” opens another file than the one
 * checked). A relative name is given as “./name”, which SQLite always takes as a file name. */
static char *
sqlite_file_name (const char *path)
{
  if (g_path_is_absolute (path))
    return g_strdup (path);
  return g_build_filename (".", path, NULL);
}

/* A URI that SQLite reads as @path itself (every character that means something in a URI
 * escaped), opened read-only and immutable. */
static char *
immutable_uri (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

  return g_strconcat ("file:", escaped, "?immutable=1", NULL);
}

ScholiaDb *
scholia_db_open (const char     *path,
                 ScholiaDbMode   mode,
                 GError        **error)
{
  g_autoptr(ScholiaDb) self = NULL;
  g_autofree char *name = NULL;
  int flags = SQLITE_OPEN_NOMUTEX;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  switch (mode)
    {
    case SCHOLIA_DB_READ_ONLY:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case SCHOLIA_DB_READ_WRITE:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case SCHOLIA_DB_CREATE:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
    case SCHOLIA_DB_IMMUTABLE:
      flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
      break;
    default:
      g_assert_not_reached ();
    }

  self = g_new0 (ScholiaDb, 1);
  self->path = g_strdup (path);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->read_only = mode == SCHOLIA_DB_READ_ONLY || mode == SCHOLIA_DB_IMMUTABLE;

  name = mode == SCHOLIA_DB_IMMUTABLE ? immutable_uri (path) : sqlite_file_name (path);
  rc = sqlite3_open_v2 (name, &self->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      scholia_db_set_error (self, error, _("could not open the file"));
      return NULL;
    }

  sqlite3_extended_result_codes (self->handle, TRUE);
  /* Another Scholia (or the CLI) may hold a write lock for a moment. */
  sqlite3_busy_timeout (self->handle, 5000);

  return g_steal_pointer (&self);
}

void
scholia_db_close (ScholiaDb *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close (self->handle);
  g_free (self->path);
  g_free (self);
}

sqlite3 *
scholia_db_get_handle (ScholiaDb *self)
{
  return self->handle;
}

const char *
scholia_db_get_path (ScholiaDb *self)
{
  return self->path;
}

gboolean
scholia_db_is_read_only (ScholiaDb *self)
{
  return self->read_only;
}

/* Every change starts a transaction here: on a read-only library, say so before SQLite would
 * answer with a less helpful “attempt to write a readonly database”. */
static gboolean
check_writable (ScholiaDb  *self,
                GError    **error)
{
  g_autofree char *basename = NULL;

  if (!self->read_only)
    return TRUE;

  basename = g_path_get_basename (self->path);
  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY,
               _("“%s” is read-only: it can be read and exported, but not changed"), basename);
  return FALSE;
}

gboolean
scholia_db_exec (ScholiaDb   *self,
                 const char  *sql,
                 GError     **error)
{
  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      scholia_db_set_error (self, error, _("could not update the library"));
      return FALSE;
    }

  return TRUE;
}

/* Returns a cached statement, reset and with its bindings cleared; owned by @self. */
sqlite3_stmt *
scholia_db_prepare (ScholiaDb   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      scholia_db_set_error (self, error, _("could not read the library"));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Returns SQLITE_ROW, SQLITE_DONE, or -1 with @error set. */
int
scholia_db_step (ScholiaDb     *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  scholia_db_set_error (self, error, _("could not update the library"));
  sqlite3_reset (stmt);
  return -1;
}

gboolean
scholia_db_step_done (ScholiaDb     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = scholia_db_step (self, stmt, error);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

gboolean
scholia_db_query_int (ScholiaDb   *self,
                      const char  *sql,
                      gint64      *value,
                      GError     **error)
{
  sqlite3_stmt *stmt = scholia_db_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = scholia_db_step (self, stmt, error);
  if (rc < 0)
    return FALSE;

  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
scholia_db_begin (ScholiaDb  *self,
                  GError    **error)
{
  if (!check_writable (self, error))
    return FALSE;

  if (self->in_batch)
    return scholia_db_exec (self, "SAVEPOINT scholia_change", error);

  /* IMMEDIATE takes the write lock up front, so a transaction never fails half-way because
   * another process started writing. */
  return scholia_db_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
scholia_db_commit (ScholiaDb  *self,
                   GError    **error)
{
  if (!scholia_db_exec (self, self->in_batch ? "RELEASE scholia_change" : "COMMIT", error))
    {
      scholia_db_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
scholia_db_rollback (ScholiaDb *self)
{
  if (self->in_batch)
    {
      /* Undo this change only; the batch's earlier changes stay. */
      sqlite3_exec (self->handle, "ROLLBACK TO scholia_change; RELEASE scholia_change", NULL, NULL, NULL);
      return;
    }

  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

/* Many changes in one transaction: the full-text index is built once per batch instead of
 * once per change, which makes bulk imports several times faster. Nothing of a batch reaches
 * the file before scholia_db_end_batch() commits it, and a failed change inside it is undone
 * alone. */
gboolean
scholia_db_begin_batch (ScholiaDb  *self,
                        GError    **error)
{
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!check_writable (self, error) || !scholia_db_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_batch = TRUE;
  return TRUE;
}

gboolean
scholia_db_end_batch (ScholiaDb  *self,
                      gboolean    commit,
                      GError    **error)
{
  g_return_val_if_fail (self->in_batch, FALSE);

  self->in_batch = FALSE;
  if (!commit)
    {
      scholia_db_rollback (self);
      return TRUE;
    }
  return scholia_db_commit (self, error);
}

gint64
scholia_db_last_insert_id (ScholiaDb *self)
{
  return sqlite3_last_insert_rowid (self->handle);
}

int
scholia_db_changes (ScholiaDb *self)
{
  return sqlite3_changes (self->handle);
}

const char *
scholia_db_column_text (sqlite3_stmt *stmt,
                        int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

void
scholia_db_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}
