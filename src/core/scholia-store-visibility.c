/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Hide until posted (issue 14): when a seminar's leader sets the option "hide-until-posted", a
 * participant who is not the leader sees only their own annotations on an essay until they have
 * annotated it at least once; then everyone's. The store applies it where it reads annotations
 * (a document's list, the theme passages and counts, note search, an annotation's replies), so
 * the reading view, the lists, the comparison, the matrix, the exports and the command line all
 * obey it without knowing it. Nothing is removed: the rows stay, and show once I have posted.
 *
 * My own annotations are those with no participant yet (written here, not logged yet) or with
 * my participant in the essay's seminar. */

#include "config.h"

#include "scholia-seminar-store.h"
#include "scholia-store-private.h"

/* The essays of seminars that hide, where this library's user is not the leader, with my
 * participant; @document_id 0 for all. `CASE` guards json_extract, which fails on text that is
 * not JSON (the options come from a file anyone in the seminar could have damaged). */
#define HIDING_ESSAYS \
  "SELECT e.document_id, s.participant_id FROM seminar_essays e JOIN seminars s ON s.id = e.seminar_id" \
  " WHERE (?1 = 0 OR e.document_id = ?1) AND s.role != 'leader'" \
  "  AND CASE WHEN json_valid (s.options)" \
  "        THEN json_extract (s.options, '$.\"hide-until-posted\"') = 1 ELSE 0 END"

static GHashTable *
load_essays (ScholiaStore  *self,
             const char    *sql,
             gint64         document_id,
             GError       **error)
{
  g_autoptr(GHashTable) essays = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  /* Before version 5 there are no seminars (a store opened at an older version by the tests of
   * the upgrades, or read only). */
  if (self->schema_version < 5)
    return g_steal_pointer (&essays);
  stmt = scholia_db_get_statement (self->db, sql, error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, document_id);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 id = scholia_db_statement_column_int64 (stmt, 0);
      gint64 me = scholia_db_statement_column_int64 (stmt, 1);

      g_hash_table_insert (essays, g_memdup2 (&id, sizeof id), g_memdup2 (&me, sizeof me));
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&essays);
}

/* Of one essay: its own annotations, through the index by document. */
#define HIDDEN_ESSAY \
  HIDING_ESSAYS \
  "  AND NOT EXISTS (SELECT 1 FROM annotations o WHERE o.document_id = e.document_id" \
  "                  AND (o.participant_id IS NULL OR o.participant_id = s.participant_id))"
/* Of all: the essays I annotated in one pass over the annotations, which costs a fifth of
 * asking each essay's through the index (60,000 annotations on 20 essays). */
#define HIDDEN_ESSAYS \
  HIDING_ESSAYS \
  "  AND e.document_id NOT IN (SELECT o.document_id FROM annotations o" \
  "                            WHERE o.participant_id IS NULL" \
  "                               OR o.participant_id IN (SELECT participant_id FROM seminars))"

GHashTable *
_scholia_store_load_hidden_essays (ScholiaStore  *self,
                                   gint64         document_id,
                                   GError       **error)
{
  gint64 changes, data_version;

  if (document_id != 0)
    return load_essays (self, HIDDEN_ESSAY, document_id, error);

  /* Every essay's, asked for by each query of a refresh (passages, counts, the matrix's two),
   * is kept until anything is written, here or by another process. */
  changes = scholia_db_total_changes (self->db);
  if (!scholia_db_query_int (self->db, "PRAGMA data_version", &data_version, error))
    return NULL;
  if (self->hidden_essays == NULL || changes != self->hidden_changes || data_version != self->hidden_data_version)
    {
      GHashTable *essays = load_essays (self, HIDDEN_ESSAYS, 0, error);

      if (essays == NULL)
        return NULL;
      g_clear_pointer (&self->hidden_essays, g_hash_table_unref);
      self->hidden_essays = essays;
      self->hidden_changes = changes;
      self->hidden_data_version = data_version;
    }
  return g_hash_table_ref (self->hidden_essays);
}

gboolean
_scholia_store_is_hidden (GHashTable *hidden,
                          gint64      document_id,
                          gint64      participant_id)
{
  const gint64 *me;

  if (participant_id == 0 || g_hash_table_size (hidden) == 0)
    return FALSE;
  me = g_hash_table_lookup (hidden, &document_id);
  return me != NULL && *me != participant_id;
}

gboolean
_scholia_store_count_visible (ScholiaStore  *self,
                              gint64         document_id,
                              GHashTable    *hidden,
                              gint64        *count,
                              GError       **error)
{
  const gint64 *me = g_hash_table_lookup (hidden, &document_id);
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  /* Nothing hidden: the count is read from the index on document_id alone, without a row's
   * quote and context (a seminar's merge counts each essay's thousands of annotations). */
  if (me == NULL || *me == 0)
    stmt = scholia_db_get_statement (self->db, "SELECT count(*) FROM annotations WHERE document_id = ?1", error);
  else
    stmt = scholia_db_get_statement (self->db,
                                     "SELECT count(*) FROM annotations WHERE document_id = ?1"
                                     " AND (participant_id IS NULL OR participant_id = ?2)",
                                     error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, document_id);
  if (me != NULL && *me != 0)
    scholia_db_statement_bind_int64 (stmt, 2, *me);
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    *count = scholia_db_statement_column_int64 (stmt, 0);
  scholia_db_statement_reset (stmt);
  return rc == SCHOLIA_DB_STEP_ROW;
}

gboolean
_scholia_store_may_hide (ScholiaStore *self,
                         gint64        document_id)
{
  g_autoptr(GHashTable) essays = load_essays (self, HIDING_ESSAYS, document_id, NULL);

  return essays != NULL && g_hash_table_size (essays) > 0;
}

gboolean
_scholia_store_is_annotation_hidden (ScholiaStore  *self,
                                     const char    *uuid,
                                     gboolean      *hidden,
                                     GError       **error)
{
  g_autoptr(GHashTable) essays = NULL;
  ScholiaDbStatement *stmt;
  gint64 document_id = 0, participant_id = 0;
  ScholiaDbStep rc;

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT document_id, coalesce (participant_id, 0) FROM annotations"
                                   " WHERE uuid_key = scholia_uuid_key(?)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, uuid);
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    {
      document_id = scholia_db_statement_column_int64 (stmt, 0);
      participant_id = scholia_db_statement_column_int64 (stmt, 1);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;

  *hidden = FALSE;
  if (participant_id == 0)
    return TRUE;
  essays = _scholia_store_load_hidden_essays (self, document_id, error);
  if (essays == NULL)
    return FALSE;
  *hidden = _scholia_store_is_hidden (essays, document_id, participant_id);
  return TRUE;
}

gboolean
scholia_store_is_hiding_others (ScholiaStore     *self,
                                ScholiaDocument  *document,
                                GError          **error)
{
  g_autoptr(GHashTable) essays = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);

  essays = _scholia_store_load_hidden_essays (self, scholia_document_get_id (document), error);
  return essays != NULL && g_hash_table_size (essays) > 0;
}
