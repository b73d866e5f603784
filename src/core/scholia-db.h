/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A thin wrapper over one SQLite connection: every call reports failure through GError (domain
 * SCHOLIA_ERROR) with the library's file name in the message, and prepared statements are cached
 * by their SQL text. SQL appears only in the store and the schema, and SQLite's own API only
 * in scholia-db.c. */
typedef struct _ScholiaDb ScholiaDb;

/* @path is always a file name, never an SQLite URI: “file:x?mode=memory” names a file.
 * IMMUTABLE reads the main file alone, as if nothing else could change it, and creates no
 * -wal or -shm file beside it: for files that must be left exactly as they are. */
typedef enum
{
  SCHOLIA_DB_READ_ONLY,
  SCHOLIA_DB_READ_WRITE,
  SCHOLIA_DB_CREATE,
  SCHOLIA_DB_IMMUTABLE,
} ScholiaDbMode;

ScholiaDb    *scholia_db_open         (const char    *path,
                                       ScholiaDbMode  mode,
                                       GError       **error);
void          scholia_db_close        (ScholiaDb     *self);
const char   *scholia_db_get_path     (ScholiaDb     *self);
gboolean      scholia_db_is_read_only (ScholiaDb     *self);
gboolean      scholia_db_exec         (ScholiaDb     *self,
                                       const char    *sql,
                                       GError       **error);
gboolean      scholia_db_query_int    (ScholiaDb     *self,
                                       const char    *sql,
                                       gint64        *value,
                                       GError       **error);
/* The first column of every row of @sql, whose one parameter is @param, in the rows' order. */
GArray       *scholia_db_query_ids    (ScholiaDb     *self,
                                       const char    *sql,
                                       gint64         param,
                                       GError       **error);
gboolean      scholia_db_begin        (ScholiaDb     *self,
                                       GError       **error);
gboolean      scholia_db_commit       (ScholiaDb     *self,
                                       GError       **error);
void          scholia_db_rollback     (ScholiaDb     *self);
gboolean      scholia_db_begin_batch  (ScholiaDb     *self,
                                       GError       **error);
/* A batch commits without checkpointing the write-ahead log: call scholia_db_checkpoint()
 * after it. */
gboolean      scholia_db_end_batch    (ScholiaDb     *self,
                                       gboolean       commit,
                                       GError       **error);
/* Copies what the write-ahead log holds into the file, as far as no reader needs it. */
gboolean      scholia_db_checkpoint   (ScholiaDb     *self,
                                       GError       **error);
/* Whether this connection runs the schema's triggers. Off, a caller writes set-wise what they
 * would have written row by row (a seminar merge). Switching expires the cached statements,
 * which prepare again at their next step. */
gboolean      scholia_db_set_triggers (ScholiaDb     *self,
                                       gboolean       enabled,
                                       GError       **error);
/* Holding writes, for a library opened before it was checked: until released, every change
 * (scholia_db_begin(), scholia_db_begin_batch()) first calls @gate, which may wait and fails
 * with its error; SQLite refuses any other change, and closing leaves the file and its
 * write-ahead log as they were. @gate may release the writes before it returns TRUE. */
typedef gboolean (*ScholiaDbWriteGate) (gpointer   user_data,
                                        GError   **error);
gboolean      scholia_db_hold_writes  (ScholiaDb          *self,
                                       ScholiaDbWriteGate  gate,
                                       gpointer            user_data,
                                       GError            **error);
gboolean      scholia_db_release_writes (ScholiaDb     *self,
                                         GError       **error);
/* Whether changes may be made now (after the gate's wait, if writes are held): for a caller
 * writing through a connection of its own. */
gboolean      scholia_db_wait_for_writes (ScholiaDb    *self,
                                          GError      **error);
/* Makes the statement running on @self (from another thread) stop soon with an error. */
void          scholia_db_interrupt    (ScholiaDb     *self);
/* Makes every statement on @self fail soon after @cancellable is cancelled (from any thread),
 * so that a long transaction rolls back; NULL stops watching. */
void          scholia_db_set_cancellable (ScholiaDb    *self,
                                          GCancellable *cancellable);
void          scholia_db_set_error    (ScholiaDb     *self,
                                       GError       **error,
                                       const char    *what);
/* SQLite's own message for the last failed call, for a caller that tells failures apart by it
 * (the search, for FTS5's syntax errors). */
const char   *scholia_db_get_error_message (ScholiaDb *self);
/* Whether the last failed call failed because another connection held the lock it needed
 * (for longer than the connection waits). */
gboolean      scholia_db_is_busy      (ScholiaDb     *self);
gint64        scholia_db_last_insert_id (ScholiaDb   *self);
int           scholia_db_changes      (ScholiaDb     *self);
/* Rows written through this connection since it opened: unchanged, nothing was written. */
gint64        scholia_db_total_changes (ScholiaDb    *self);
/* Stems search queries only in these languages (scholia_stem_tokenizer_set_query_languages()). */
void          scholia_db_set_query_languages (ScholiaDb *self,
                                              guint64    languages);
/* Whether writers store NULL for the quotes and context the text holds (scholia-passage-sql.h). */
void          scholia_db_set_deriving_passages (ScholiaDb *self,
                                                gboolean   deriving);

/* One prepared statement, cached by its SQL text and owned by its ScholiaDb (never freed by
 * the caller). scholia_db_get_statement() hands it out reset, with its bindings cleared.
 * A bind that fails (an index out of range, a value too large) is kept and reported by the
 * next step, so a run of binds needs no checks of its own. Parameters and columns count as
 * in SQL: parameters from 1, columns from 0. */
typedef struct _ScholiaDbStatement ScholiaDbStatement;

typedef enum
{
  SCHOLIA_DB_STEP_ERROR = -1,
  SCHOLIA_DB_STEP_DONE,
  SCHOLIA_DB_STEP_ROW,
} ScholiaDbStep;

ScholiaDbStatement *scholia_db_get_statement (ScholiaDb          *self,
                                              const char         *sql,
                                              GError            **error);

/* bind_text copies @text and binds "" for NULL, as the library's text columns are never NULL;
 * bind_static_text binds without a copy, for a large text that outlives the statement's use. */
void          scholia_db_statement_bind_int64       (ScholiaDbStatement  *self,
                                                     int                  index,
                                                     gint64               value);
void          scholia_db_statement_bind_text        (ScholiaDbStatement  *self,
                                                     int                  index,
                                                     const char          *text);
void          scholia_db_statement_bind_static_text (ScholiaDbStatement  *self,
                                                     int                  index,
                                                     const char          *text);
void          scholia_db_statement_bind_blob        (ScholiaDbStatement  *self,
                                                     int                  index,
                                                     gconstpointer        data,
                                                     gsize                length);
void          scholia_db_statement_bind_null        (ScholiaDbStatement  *self,
                                                     int                  index);
/* A pointer for an SQL function that asks for one of type @type (sqlite3_bind_pointer()). */
void          scholia_db_statement_bind_pointer     (ScholiaDbStatement  *self,
                                                     int                  index,
                                                     gpointer             pointer,
                                                     const char          *type);

/* Returns ROW or DONE, or ERROR with @error set and the statement reset. execute() steps once
 * and resets: for a change, or a query whose rows do not matter. */
ScholiaDbStep scholia_db_statement_step             (ScholiaDbStatement  *self,
                                                     GError             **error);
gboolean      scholia_db_statement_execute          (ScholiaDbStatement  *self,
                                                     GError             **error);
void          scholia_db_statement_reset            (ScholiaDbStatement  *self);

/* Columns of the current row. column_text never returns NULL: "" for NULL, which
 * column_is_null tells apart. */
gint64        scholia_db_statement_column_int64     (ScholiaDbStatement  *self,
                                                     int                  column);
int           scholia_db_statement_column_int       (ScholiaDbStatement  *self,
                                                     int                  column);
double        scholia_db_statement_column_double    (ScholiaDbStatement  *self,
                                                     int                  column);
const char   *scholia_db_statement_column_text      (ScholiaDbStatement  *self,
                                                     int                  column);
gconstpointer scholia_db_statement_column_blob      (ScholiaDbStatement  *self,
                                                     int                  column,
                                                     gsize               *length);
gboolean      scholia_db_statement_column_is_null   (ScholiaDbStatement  *self,
                                                     int                  column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaDb, scholia_db_close)

G_END_DECLS
