/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "scholia-db.h"
#include "scholia-error.h"
#include "scholia-passage-sql.h"
#include "scholia-search-rank.h"
#include "scholia-stem-tokenizer.h"

struct _ScholiaDb
{
  sqlite3    *handle;
  char       *path;
  GHashTable *statements;  /* SQL text → ScholiaDbStatement*, finalized on close */
  /* Inside a batch, each change is a savepoint of the one batch transaction. */
  gboolean    in_batch;
  gboolean    read_only;
  /* While set, every change asks it first (scholia_db_hold_writes()). */
  ScholiaDbWriteGate gate;
  gpointer           gate_data;
  ScholiaPassageSql *passages;  /* the connection's */
  GCancellable      *cancellable;  /* ends a running statement when cancelled, or NULL */
};

struct _ScholiaDbStatement
{
  ScholiaDb    *db;
  sqlite3_stmt *stmt;
  /* The first failed bind since the statement was handed out: its result code and SQLite's
   * message, kept because a later successful bind clears the connection's error. */
  int           bind_rc;
  char         *bind_message;
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

static void
set_error_full (ScholiaDb   *self,
                GError     **error,
                int          rc,
                const char  *what,
                const char  *message)
{
  g_autofree char *basename = g_path_get_basename (self->path);

  g_set_error (error, SCHOLIA_ERROR, error_code_for_sqlite (rc),
               /* Translators: “library.sqlite3”: could not save the tag: disk I/O error */
               _("“%s”: %s: %s"), basename, what, message);
}

void
scholia_db_set_error (ScholiaDb   *self,
                      GError     **error,
                      const char  *what)
{
  set_error_full (self, error, sqlite3_extended_errcode (self->handle), what,
                  sqlite3_errmsg (self->handle));
}

const char *
scholia_db_get_error_message (ScholiaDb *self)
{
  return sqlite3_errmsg (self->handle);
}

gboolean
scholia_db_is_busy (ScholiaDb *self)
{
  int rc = sqlite3_extended_errcode (self->handle) & 0xff;

  return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

static void
clear_bind_error (ScholiaDbStatement *self)
{
  self->bind_rc = SQLITE_OK;
  g_clear_pointer (&self->bind_message, g_free);
}

static void
free_statement (gpointer data)
{
  ScholiaDbStatement *self = data;

  sqlite3_finalize (self->stmt);
  g_free (self->bind_message);
  g_free (self);
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
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_statement);
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

  /* The documents' full-text index stems with it: a connection without it could not read or
   * write that index. */
  if (scholia_stem_tokenizer_register (self->handle) != SQLITE_OK ||
      scholia_search_rank_register (self->handle) != SQLITE_OK)
    {
      scholia_db_set_error (self, error, _("could not set up searching"));
      return NULL;
    }
  /* Annotations read their quotes and context through it (and write them with it). */
  if (scholia_passage_sql_register (self, self->handle, &self->passages) != SQLITE_OK)
    {
      scholia_db_set_error (self, error, _("could not read the library"));
      return NULL;
    }

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
  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self);
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
    return self->gate == NULL || self->gate (self->gate_data, error);

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

ScholiaDbStatement *
scholia_db_get_statement (ScholiaDb   *self,
                          const char  *sql,
                          GError     **error)
{
  ScholiaDbStatement *statement = g_hash_table_lookup (self->statements, sql);
  sqlite3_stmt *stmt = NULL;

  if (statement != NULL)
    {
      sqlite3_reset (statement->stmt);
      sqlite3_clear_bindings (statement->stmt);
      clear_bind_error (statement);
      return statement;
    }

  if (sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      scholia_db_set_error (self, error, _("could not read the library"));
      return NULL;
    }

  statement = g_new0 (ScholiaDbStatement, 1);
  statement->db = self;
  statement->stmt = stmt;
  g_hash_table_insert (self->statements, g_strdup (sql), statement);
  return statement;
}

static void
check_bind (ScholiaDbStatement *self,
            int                 rc)
{
  if (G_LIKELY (rc == SQLITE_OK) || self->bind_rc != SQLITE_OK)
    return;

  self->bind_rc = rc;
  self->bind_message = g_strdup (sqlite3_errmsg (self->db->handle));
}

void
scholia_db_statement_bind_int64 (ScholiaDbStatement *self,
                                 int                 index,
                                 gint64              value)
{
  check_bind (self, sqlite3_bind_int64 (self->stmt, index, value));
}

void
scholia_db_statement_bind_text (ScholiaDbStatement *self,
                                int                 index,
                                const char         *text)
{
  check_bind (self, sqlite3_bind_text (self->stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT));
}

void
scholia_db_statement_bind_static_text (ScholiaDbStatement *self,
                                       int                 index,
                                       const char         *text)
{
  check_bind (self, sqlite3_bind_text (self->stmt, index, text != NULL ? text : "", -1, SQLITE_STATIC));
}

void
scholia_db_statement_bind_blob (ScholiaDbStatement *self,
                                int                 index,
                                gconstpointer       data,
                                gsize               length)
{
  /* An empty blob is a blob, not NULL: SQLite binds NULL for a NULL pointer. */
  check_bind (self, sqlite3_bind_blob64 (self->stmt, index, data != NULL ? data : "", length,
                                         SQLITE_TRANSIENT));
}

void
scholia_db_statement_bind_null (ScholiaDbStatement *self,
                                int                 index)
{
  check_bind (self, sqlite3_bind_null (self->stmt, index));
}

void
scholia_db_statement_bind_pointer (ScholiaDbStatement *self,
                                   int                 index,
                                   gpointer            pointer,
                                   const char         *type)
{
  check_bind (self, sqlite3_bind_pointer (self->stmt, index, pointer, type, NULL));
}

ScholiaDbStep
scholia_db_statement_step (ScholiaDbStatement  *self,
                           GError             **error)
{
  int rc;

  if (G_UNLIKELY (self->bind_rc != SQLITE_OK))
    {
      set_error_full (self->db, error, self->bind_rc, _("could not update the library"),
                      self->bind_message);
      clear_bind_error (self);
      sqlite3_reset (self->stmt);
      return SCHOLIA_DB_STEP_ERROR;
    }

  rc = sqlite3_step (self->stmt);
  if (G_LIKELY (rc == SQLITE_ROW))
    return SCHOLIA_DB_STEP_ROW;
  if (rc == SQLITE_DONE)
    return SCHOLIA_DB_STEP_DONE;

  scholia_db_set_error (self->db, error, _("could not update the library"));
  sqlite3_reset (self->stmt);
  return SCHOLIA_DB_STEP_ERROR;
}

gboolean
scholia_db_statement_execute (ScholiaDbStatement  *self,
                              GError             **error)
{
  ScholiaDbStep step = scholia_db_statement_step (self, error);

  sqlite3_reset (self->stmt);
  return step != SCHOLIA_DB_STEP_ERROR;
}

void
scholia_db_statement_reset (ScholiaDbStatement *self)
{
  sqlite3_reset (self->stmt);
}

gint64
scholia_db_statement_column_int64 (ScholiaDbStatement *self,
                                   int                 column)
{
  return sqlite3_column_int64 (self->stmt, column);
}

int
scholia_db_statement_column_int (ScholiaDbStatement *self,
                                 int                 column)
{
  return sqlite3_column_int (self->stmt, column);
}

double
scholia_db_statement_column_double (ScholiaDbStatement *self,
                                    int                 column)
{
  return sqlite3_column_double (self->stmt, column);
}

const char *
scholia_db_statement_column_text (ScholiaDbStatement *self,
                                  int                 column)
{
  const char *text = (const char *) sqlite3_column_text (self->stmt, column);

  return text != NULL ? text : "";
}

gconstpointer
scholia_db_statement_column_blob (ScholiaDbStatement *self,
                                  int                 column,
                                  gsize              *length)
{
  /* The pointer first, then the length, as SQLite asks. */
  gconstpointer data = sqlite3_column_blob (self->stmt, column);

  *length = sqlite3_column_bytes (self->stmt, column);
  return data;
}

gboolean
scholia_db_statement_column_is_null (ScholiaDbStatement *self,
                                     int                 column)
{
  return sqlite3_column_type (self->stmt, column) == SQLITE_NULL;
}

gboolean
scholia_db_query_int (ScholiaDb   *self,
                      const char  *sql,
                      gint64      *value,
                      GError     **error)
{
  ScholiaDbStatement *statement = scholia_db_get_statement (self, sql, error);
  ScholiaDbStep step;

  if (statement == NULL)
    return FALSE;

  step = scholia_db_statement_step (statement, error);
  if (step == SCHOLIA_DB_STEP_ERROR)
    return FALSE;

  *value = step == SCHOLIA_DB_STEP_ROW ? scholia_db_statement_column_int64 (statement, 0) : 0;
  scholia_db_statement_reset (statement);
  return TRUE;
}

GArray *
scholia_db_query_ids (ScholiaDb   *self,
                      const char  *sql,
                      gint64       param,
                      GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ScholiaDbStatement *statement = scholia_db_get_statement (self, sql, error);
  ScholiaDbStep step;

  if (statement == NULL)
    return NULL;

  scholia_db_statement_bind_int64 (statement, 1, param);
  while ((step = scholia_db_statement_step (statement, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 id = scholia_db_statement_column_int64 (statement, 0);

      g_array_append_val (ids, id);
    }
  scholia_db_statement_reset (statement);
  if (step == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&ids);
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
  scholia_passage_sql_forget (self->passages);
  if (self->in_batch)
    {
      /* Undo this change only; the batch's earlier changes stay. */
      sqlite3_exec (self->handle, "ROLLBACK TO scholia_change; RELEASE scholia_change", NULL, NULL, NULL);
      return;
    }

  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

/* Commits without the checkpoint that a commit making the write-ahead log longer than its
 * limit runs: a batch's is tens of megabytes, copied into the file after the batch
 * (scholia_db_checkpoint()) instead of inside it. */
static gboolean
commit_without_checkpoint (ScholiaDb  *self,
                           GError    **error)
{
  gint64 pages = 0;
  g_autofree char *restore = NULL;
  gboolean ok;

  if (!scholia_db_query_int (self, "PRAGMA wal_autocheckpoint", &pages, error))
    {
      scholia_db_rollback (self);
      return FALSE;
    }
  restore = g_strdup_printf ("PRAGMA wal_autocheckpoint = %" G_GINT64_FORMAT, pages);
  if (!scholia_db_exec (self, "PRAGMA wal_autocheckpoint = 0", error))
    {
      scholia_db_rollback (self);
      return FALSE;
    }
  ok = scholia_db_commit (self, error);
  if (!scholia_db_exec (self, restore, ok ? error : NULL))
    ok = FALSE;
  return ok;
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
  return commit_without_checkpoint (self, error);
}

gboolean
scholia_db_checkpoint (ScholiaDb  *self,
                       GError    **error)
{
  /* Inside a transaction (another batch begun meanwhile) it could not run: that transaction's
   * own commit checkpoints. */
  if (self->read_only || self->gate != NULL || !sqlite3_get_autocommit (self->handle))
    return TRUE;
  return scholia_db_exec (self, "PRAGMA wal_checkpoint(PASSIVE)", error);
}

gboolean
scholia_db_set_triggers (ScholiaDb  *self,
                         gboolean    enabled,
                         GError    **error)
{
  int now = -1;

  if (sqlite3_db_config (self->handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, enabled ? 1 : 0, &now) != SQLITE_OK ||
      now != (enabled ? 1 : 0))
    {
      scholia_db_set_error (self, error, enabled ? "enabling triggers" : "disabling triggers");
      return FALSE;
    }
  return TRUE;
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

gint64
scholia_db_total_changes (ScholiaDb *self)
{
  return sqlite3_total_changes64 (self->handle);
}

void
scholia_db_set_deriving_passages (ScholiaDb *self,
                                  gboolean   deriving)
{
  scholia_passage_sql_set_deriving (self->passages, deriving);
}

void
scholia_db_set_query_languages (ScholiaDb *self,
                                guint64    languages)
{
  scholia_stem_tokenizer_set_query_languages (self->handle, languages);
}

/* query_only refuses every change SQLite is asked for, whichever way it comes; without a
 * checkpoint on close, closing copies nothing from the write-ahead log into the file either
 * (a log left by a crash stays as it was). */
static gboolean
set_writes_held (ScholiaDb  *self,
                 gboolean    held,
                 GError    **error)
{
  int now = -1;

  if (!scholia_db_exec (self, held ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0", error))
    return FALSE;
  if (sqlite3_db_config (self->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, held ? 1 : 0, &now) != SQLITE_OK ||
      now != (held ? 1 : 0))
    {
      scholia_db_set_error (self, error, held ? "holding writes" : "releasing writes");
      return FALSE;
    }
  return TRUE;
}

gboolean
scholia_db_hold_writes (ScholiaDb           *self,
                        ScholiaDbWriteGate   gate,
                        gpointer             user_data,
                        GError             **error)
{
  g_return_val_if_fail (gate != NULL, FALSE);
  g_return_val_if_fail (!self->read_only, FALSE);

  if (!set_writes_held (self, TRUE, error))
    return FALSE;
  self->gate = gate;
  self->gate_data = user_data;
  return TRUE;
}

gboolean
scholia_db_release_writes (ScholiaDb  *self,
                           GError    **error)
{
  if (self->gate == NULL)
    return TRUE;
  if (!set_writes_held (self, FALSE, error))
    return FALSE;
  self->gate = NULL;
  self->gate_data = NULL;
  return TRUE;
}

gboolean
scholia_db_wait_for_writes (ScholiaDb  *self,
                            GError    **error)
{
  return check_writable (self, error);
}

void
scholia_db_interrupt (ScholiaDb *self)
{
  sqlite3_interrupt (self->handle);
}

/* Asked between virtual machine steps on the connection's own thread: unlike
 * sqlite3_interrupt(), a cancellation between two statements is not lost. */
static int
on_progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

void
scholia_db_set_cancellable (ScholiaDb    *self,
                            GCancellable *cancellable)
{
  g_set_object (&self->cancellable, cancellable);
  /* Every 1,000 steps: a microsecond or so apart, and costing nothing measurable. */
  sqlite3_progress_handler (self->handle, cancellable != NULL ? 1000 : 0,
                            cancellable != NULL ? on_progress_cb : NULL, cancellable);
}
