/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The authors × themes counts as the library keeps them (schema 15, author_theme_counts, kept
 * by triggers and by the seminar merge): the matrix reads a row per author and theme instead of
 * counting every annotation at each showing (issue 17: 1,000 authors × 200 themes over a
 * million annotations). */
#include "config.h"

#include "scholia-store-private.h"

/* What the kept rows hold, computed from the annotations: a store opened at an older version
 * (the tests of upgrades) has no such table. */
#define COUNTED_FROM_ROWS \
  "SELECT coalesce(d.author_id, 0), th.theme_id, count(*) FROM annotations a" \
  " JOIN annotation_themes th ON th.annotation_id = a.id JOIN documents d ON d.id = a.document_id" \
  " WHERE a.orphaned = 0 GROUP BY 1, 2"

typedef struct
{
  gint64 author_id;
  gint64 theme_id;
} PairKey;

static guint
pair_key_hash (gconstpointer key)
{
  const PairKey *k = key;

  return (guint) (k->author_id * 1000003 ^ k->theme_id);
}

static gboolean
pair_key_equal (gconstpointer a,
                gconstpointer b)
{
  const PairKey *l = a;
  const PairKey *r = b;

  return l->author_id == r->author_id && l->theme_id == r->theme_id;
}

/* Hide until posted: the counts of the others' passages on the essays hidden from me, per
 * author and theme, to take from the kept ones. Read essay by essay, through the index by
 * document: only those essays are read. */
static GHashTable *
count_hidden (ScholiaStore  *self,
              GError       **error)
{
  g_autoptr(GHashTable) hidden = _scholia_store_load_hidden_essays (self, 0, error);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (pair_key_hash, pair_key_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer document_id, me;

  if (hidden == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, hidden);
  while (g_hash_table_iter_next (&iter, &document_id, &me))
    {
      ScholiaDbStatement *stmt;
      ScholiaDbStep rc;

      stmt = scholia_db_get_statement (self->db,
                                       "SELECT coalesce(d.author_id, 0), th.theme_id, count(*) FROM annotations a"
                                       " JOIN annotation_themes th ON th.annotation_id = a.id"
                                       " JOIN documents d ON d.id = a.document_id"
                                       " WHERE a.document_id = ?1 AND a.orphaned = 0"
                                       "  AND a.participant_id IS NOT NULL AND a.participant_id != ?2"
                                       " GROUP BY 1, 2",
                                       error);
      if (stmt == NULL)
        return NULL;
      scholia_db_statement_bind_int64 (stmt, 1, *(gint64 *) document_id);
      scholia_db_statement_bind_int64 (stmt, 2, *(gint64 *) me);
      while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
        {
          PairKey key = { scholia_db_statement_column_int64 (stmt, 0), scholia_db_statement_column_int64 (stmt, 1) };
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (taken, &key));

          g_hash_table_replace (taken, g_memdup2 (&key, sizeof key),
                                GUINT_TO_POINTER (count + scholia_db_statement_column_int (stmt, 2)));
        }
      scholia_db_statement_reset (stmt);
      if (rc == SCHOLIA_DB_STEP_ERROR)
        return NULL;
    }
  return g_steal_pointer (&taken);
}

GHashTable *
scholia_store_get_author_names_by_id (ScholiaStore  *self,
                                      GError       **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gint64 anonymous = 0;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_hash_table_insert (names, g_memdup2 (&anonymous, sizeof anonymous), g_strdup (""));
  stmt = scholia_db_get_statement (self->db, "SELECT id, name FROM authors", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 id = scholia_db_statement_column_int64 (stmt, 0);

      g_hash_table_insert (names, g_memdup2 (&id, sizeof id), g_strdup (scholia_db_statement_column_text (stmt, 1)));
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&names);
}

gboolean
scholia_store_foreach_author_theme_count (ScholiaStore                 *self,
                                          ScholiaAuthorThemeCountFunc   func,
                                          gpointer                      user_data,
                                          GError                      **error)
{
  g_autoptr(GHashTable) hidden = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  hidden = count_hidden (self, error);
  if (hidden == NULL)
    return FALSE;

  stmt = scholia_db_get_statement (self->db,
                                   self->schema_version >= 14
                                     ? "SELECT author_id, theme_id, count FROM author_theme_counts WHERE count > 0"
                                     : COUNTED_FROM_ROWS,
                                   error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      ScholiaAuthorThemeCount count = {
        .author_id = scholia_db_statement_column_int64 (stmt, 0),
        .theme_id = scholia_db_statement_column_int64 (stmt, 1),
        .count = scholia_db_statement_column_int (stmt, 2),
      };

      if (g_hash_table_size (hidden) > 0)
        {
          PairKey key = { count.author_id, count.theme_id };

          count.count -= MIN (count.count, GPOINTER_TO_UINT (g_hash_table_lookup (hidden, &key)));
          if (count.count == 0)
            continue;
        }
      func (&count, user_data);
    }
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
}
