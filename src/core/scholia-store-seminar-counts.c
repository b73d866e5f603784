/* SPDX-License-Identifier: GPL-3.0-or-later */

/* How many placed passages each seminar participant has on each theme: the matrix's participants
 * × themes mode (scholia-matrix.c). */

#include "config.h"


#include "scholia-store-seminar-private.h"

/* The tag filter travels as one JSON array, so that one cached statement serves any number of
 * tags. An annotation of mine not yet published has no participant: it counts as mine in the
 * seminar whose essay it is on. */
#define COUNT_PARTICIPANT \
  "coalesce(a.participant_id," \
  " (SELECT s.participant_id FROM seminar_essays se JOIN seminars s ON s.id = se.seminar_id" \
  "  WHERE se.document_id = a.document_id ORDER BY s.id LIMIT 1))"
#define COUNT_FROM \
  " FROM annotations a" \
  " JOIN annotation_themes th ON th.annotation_id = a.id"
#define COUNT_WHERE \
  " WHERE a.orphaned = 0" \
  " AND a.document_id IN (SELECT document_id FROM seminar_essays)" \
  " AND (?1 = '[]' OR EXISTS (SELECT 1 FROM annotation_tags f WHERE f.annotation_id = a.id" \
  "      AND f.tag_id IN (SELECT value FROM json_each (?1))))"

GArray *
scholia_store_count_participant_passages (ScholiaStore  *self,
                                          gboolean       by_tag,
                                          const gint64  *tag_ids,
                                          guint          n_tag_ids,
                                          GError       **error)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (ScholiaParticipantCount));
  g_autofree char *tags_json = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  tags_json = _scholia_store_ids_to_json (tag_ids, n_tag_ids);
  if (by_tag)
    stmt = scholia_db_get_statement (self->db,
                                     "SELECT " COUNT_PARTICIPANT ", th.theme_id, t.tag_id, count(*)"
                                     COUNT_FROM " JOIN annotation_tags t ON t.annotation_id = a.id"
                                     COUNT_WHERE " GROUP BY 1, 2, 3",
                                     error);
  else
    stmt = scholia_db_get_statement (self->db,
                                     "SELECT " COUNT_PARTICIPANT ", th.theme_id, 0, count(*)"
                                     COUNT_FROM COUNT_WHERE " GROUP BY 1, 2",
                                     error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_text (stmt, 1, tags_json);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      ScholiaParticipantCount count = {
        .participant_id = scholia_db_statement_column_int64 (stmt, 0),
        .theme_id = scholia_db_statement_column_int64 (stmt, 1),
        .tag_id = scholia_db_statement_column_int64 (stmt, 2),
        .count = (guint) scholia_db_statement_column_int64 (stmt, 3),
      };

      g_array_append_val (counts, count);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&counts);
}
