/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>

#include "scholia-error.h"
#include "scholia-store-compact.h"
#include "scholia-store-private.h"

/* The steps, in order. Each is atomic on its own: SQLite writes a transaction to the log and
 * marks it committed with its last frame, and a checkpoint copies committed frames that a
 * later opening would copy again. VACUUM runs in place rather than INTO a copy renamed over
 * the file: another connection (the store's, another window's) keeps the file it opened, and
 * would write on into a file that is no longer the library. */
static const struct
{
  const char *name;   /* for SCHOLIA_COMPACT_KILL_AT */
  const char *sql;
  const char *what;
} steps[] = {
  /* FTS5 indexes grow by segments that merge now and then; "optimize" merges each into one. */
  { "documents-index", "INSERT INTO documents_fts (documents_fts) VALUES ('optimize')",
    N_("could not merge the search index of essays") },
  { "notes-index", "INSERT INTO notes_fts (notes_fts) VALUES ('optimize')",
    N_("could not merge the search index of notes") },
  { "vacuum", "VACUUM", N_("could not compact the library") },
};

/* Tests kill the process at a named point (after the step of that name, or "checkpoint",
 * "optimize") to show that the library survives it; see tests/test-compact.c. */
static void
kill_here_if_asked (const char *point)
{
  const char *asked = g_getenv ("SCHOLIA_COMPACT_KILL_AT");

  if (asked != NULL && g_str_equal (asked, point))
    raise (SIGKILL);
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (gint64) buf.st_size : 0;
}

static gint64
size_on_disk (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  return file_size (path) + file_size (wal);
}

static void
explain_failure (ScholiaDb   *db,
                 const char  *display,
                 const char  *what,
                 GError     **error)
{
  if (scholia_db_is_busy (db))
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO,
                 _("The library “%s” is in use by another program that is changing it; "
                   "compact it when that program has finished"), display);
  else
    scholia_db_set_error (db, error, _(what));
}

gboolean
scholia_store_compact (ScholiaStore         *self,
                       ScholiaCompactSizes  *sizes,
                       GError              **error)
{
  const char *path;
  g_autofree char *display = NULL;
  g_autoptr(ScholiaDb) db = NULL;
  gint64 busy = 0;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (sizes != NULL, FALSE);

  path = scholia_store_get_path (self);
  display = g_filename_display_name (path);
  if (scholia_store_is_read_only (self))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY,
                   _("The library “%s” is open read-only: it cannot be compacted"), display);
      return FALSE;
    }

  /* A library opened before its check is rewritten only once the check has passed. */
  if (!scholia_db_wait_for_writes (self->db, error))
    return FALSE;

  sizes->size_before = size_on_disk (path);
  db = scholia_db_open (path, SCHOLIA_DB_READ_WRITE, error);
  if (db == NULL)
    return FALSE;

  /* The copy VACUUM builds goes to a temporary file, not to memory (the store's setting): a
   * large library would take as much memory as its file. */
  if (!scholia_db_exec (db, "PRAGMA temp_store = FILE", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (!scholia_db_exec (db, steps[i].sql, NULL))
        {
          explain_failure (db, display, steps[i].what, error);
          return FALSE;
        }
      kill_here_if_asked (steps[i].name);
    }

  /* VACUUM left the new file in the log; the file shrinks when a checkpoint has copied all of
   * it, which waits for readers of older pages (busy: it is left to a later checkpoint). */
  if (!scholia_db_query_int (db, "PRAGMA wal_checkpoint(TRUNCATE)", &busy, NULL))
    {
      explain_failure (db, display, N_("could not write the compacted library"), error);
      return FALSE;
    }
  kill_here_if_asked ("checkpoint");

  /* Statistics for the query planner, for the tables whose queries would use them. */
  if (!scholia_db_exec (db, "PRAGMA optimize", NULL))
    {
      explain_failure (db, display, N_("could not compact the library"), error);
      return FALSE;
    }
  kill_here_if_asked ("optimize");

  g_clear_pointer (&db, scholia_db_close);
  sizes->size_after = size_on_disk (path);
  return TRUE;
}
