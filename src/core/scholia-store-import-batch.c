/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-store-private.h"

/* The trigger that indexes each essay as it is added (scholia-schema.c). */
#define INDEX_TRIGGER "documents_fts_insert"

/* FTS5 writes what it has gathered at every savepoint, and each essay of a batch is added in
 * one (so that a bad file is undone alone): essay by essay, the index grew by a small segment
 * each time, and merging those took most of an import. So an import batch drops the trigger,
 * inside its transaction, and its commit indexes the batch's essays in one statement, then
 * puts the trigger back as it was, before anything is committed: another connection never sees
 * the library without it, and a batch killed half-way leaves the file as it was. Called by
 * scholia_store_begin_import_batch() in the batch it began; FALSE: the caller aborts it. */
gboolean
_scholia_store_set_aside_index_trigger (ScholiaStore  *self,
                                        GError       **error)
{
  ScholiaDbStatement *stmt;

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT (SELECT coalesce(max(id), 0) FROM documents),"
                                   " (SELECT sql FROM sqlite_master WHERE type = 'trigger'"
                                   "  AND name = '" INDEX_TRIGGER "')",
                                   error);
  if (stmt == NULL || scholia_db_statement_step (stmt, error) != SCHOLIA_DB_STEP_ROW)
    return FALSE;
  self->import_after_id = scholia_db_statement_column_int64 (stmt, 0);
  self->import_trigger = g_strdup (scholia_db_statement_column_text (stmt, 1));
  scholia_db_statement_reset (stmt);

  if (!scholia_db_query_int (self->db, "PRAGMA cache_size", &self->import_cache_size, error) ||
      !scholia_db_exec (self->db, "PRAGMA cache_size = -" G_STRINGIFY (SCHOLIA_STORE_BULK_CACHE_KIB), error))
    return FALSE;

  if (*self->import_trigger == '\0')
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID, _("“%s” is damaged: its part “%s” is missing"),
                   scholia_db_get_path (self->db), INDEX_TRIGGER);
      return FALSE;
    }
  return scholia_db_exec (self->db, "DROP TRIGGER " INDEX_TRIGGER, error);
}

/* Gives the connection back the page cache it had before the batch (a library the window keeps
 * open should not hold 64 MB once the import is over). */
static gboolean
restore_cache_size (ScholiaStore  *self,
                    GError       **error)
{
  g_autofree char *sql = NULL;

  if (self->import_cache_size == 0)
    return TRUE;
  sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, self->import_cache_size);
  self->import_cache_size = 0;
  return scholia_db_exec (self->db, sql, error);
}

/* Indexes the essays added since the batch began, through the view the index reads its
 * content from, so that each gets the words its trigger would have given it, and puts the
 * trigger back. */
gboolean
_scholia_store_finish_import_batch (ScholiaStore  *self,
                                    GError       **error)
{
  g_autofree char *trigger = g_steal_pointer (&self->import_trigger);
  ScholiaDbStatement *stmt;

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO documents_fts (rowid, title, text)"
                                   " SELECT id, title, text FROM documents_fts_source WHERE id > ?",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, self->import_after_id);
  return scholia_db_statement_execute (stmt, error) && scholia_db_exec (self->db, trigger, error) &&
         restore_cache_size (self, error);
}

void
_scholia_store_forget_import_batch (ScholiaStore *self)
{
  g_clear_pointer (&self->import_trigger, g_free);
  restore_cache_size (self, NULL);
}

gboolean
_scholia_store_checkpoint_import_batch (ScholiaStore *self)
{
  g_autoptr(GError) error = NULL;

  if (self->import_checkpointer == NULL)
    self->import_checkpointer = scholia_checkpointer_new (scholia_db_get_path (self->db), &error);
  if (self->import_checkpointer == NULL)
    {
      g_debug ("The import's checkpoints stay on the writer: %s", error->message);
      return FALSE;
    }
  scholia_checkpointer_request (self->import_checkpointer);
  return TRUE;
}

void
_scholia_store_bound_import_log (ScholiaStore *self)
{
  if (self->import_checkpointer != NULL)
    scholia_checkpointer_before_batch (self->import_checkpointer);
}
