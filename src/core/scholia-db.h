/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A thin wrapper over one SQLite connection: every call reports failure through GError (domain
 * SCHOLIA_ERROR) with the library's file name in the message, and prepared statements are cached
 * by their SQL text. SQL appears only in the store and the schema. */
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
sqlite3      *scholia_db_get_handle   (ScholiaDb     *self);
const char   *scholia_db_get_path     (ScholiaDb     *self);
gboolean      scholia_db_is_read_only (ScholiaDb     *self);
gboolean      scholia_db_exec         (ScholiaDb     *self,
                                       const char    *sql,
                                       GError       **error);
sqlite3_stmt *scholia_db_prepare      (ScholiaDb     *self,
                                       const char    *sql,
                                       GError       **error);
int           scholia_db_step         (ScholiaDb     *self,
                                       sqlite3_stmt  *stmt,
                                       GError       **error);
gboolean      scholia_db_step_done    (ScholiaDb     *self,
                                       sqlite3_stmt  *stmt,
                                       GError       **error);
gboolean      scholia_db_query_int    (ScholiaDb     *self,
                                       const char    *sql,
                                       gint64        *value,
                                       GError       **error);
gboolean      scholia_db_begin        (ScholiaDb     *self,
                                       GError       **error);
gboolean      scholia_db_commit       (ScholiaDb     *self,
                                       GError       **error);
void          scholia_db_rollback     (ScholiaDb     *self);
gboolean      scholia_db_begin_batch  (ScholiaDb     *self,
                                       GError       **error);
gboolean      scholia_db_end_batch    (ScholiaDb     *self,
                                       gboolean       commit,
                                       GError       **error);
void          scholia_db_set_error    (ScholiaDb     *self,
                                       GError       **error,
                                       const char    *what);
gint64        scholia_db_last_insert_id (ScholiaDb   *self);
int           scholia_db_changes      (ScholiaDb     *self);

/* Column helpers that never return NULL for text. */
const char   *scholia_db_column_text  (sqlite3_stmt  *stmt,
                                       int            column);
void          scholia_db_bind_text    (sqlite3_stmt  *stmt,
                                       int            index,
                                       const char    *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaDb, scholia_db_close)

G_END_DECLS
