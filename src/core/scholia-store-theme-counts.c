/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The authors × themes counts as the library keeps them (schema 19, author_counts: a list of
 * counts by theme per author, kept by triggers and by the seminar merge; schema 15 to 18, a
 * row per author and theme): the matrix reads them instead of counting every annotation at
 * each showing (issue 17: 1,000 authors × 200 themes over a million annotations). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-store-private.h"
#include "scholia-theme-counts.h"

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

/* Gives @func one author's count of a theme, less what is hidden. */
static void
give_count (GHashTable                  *hidden,
            gint64                       author_id,
            gint64                       theme_id,
            gint64                       n,
            ScholiaAuthorThemeCountFunc  func,
            gpointer                     user_data)
{
  ScholiaAuthorThemeCount count = { author_id, theme_id, 0 };

  if (g_hash_table_size (hidden) > 0)
    {
      PairKey key = { author_id, theme_id };

      n -= MIN (n, (gint64) GPOINTER_TO_UINT (g_hash_table_lookup (hidden, &key)));
    }
  if (n <= 0)
    return;
  count.count = (guint) n;
  func (&count, user_data);
}

/* Each author's list of counts (schema 19): a row per author. */
static gboolean
foreach_author_list (ScholiaStore                 *self,
                     GHashTable                   *hidden,
                     ScholiaAuthorThemeCountFunc   func,
                     gpointer                      user_data,
                     GError                      **error)
{
  ScholiaDbStatement *stmt = scholia_db_get_statement (self->db, "SELECT author_id, themes FROM author_counts", error);
  ScholiaDbStep rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 author_id = scholia_db_statement_column_int64 (stmt, 0);
      ScholiaThemeCountsIter iter;
      gint64 theme_id, n;
      gsize size;
      gconstpointer counts = scholia_db_statement_column_blob (stmt, 1, &size);

      scholia_theme_counts_iter_init (&iter, counts, size);
      while (scholia_theme_counts_iter_next (&iter, &theme_id, &n))
        give_count (hidden, author_id, theme_id, n, func, user_data);
      if (!scholia_theme_counts_iter_is_whole (&iter))
        {
          scholia_db_statement_reset (stmt);
          g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT,
                               _("An author’s stored counts of passages by theme are damaged"));
          return FALSE;
        }
    }
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
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
  if (self->schema_version >= SCHOLIA_SCHEMA_AUTHOR_COUNTS)
    return foreach_author_list (self, hidden, func, user_data, error);

  /* A library read at an older version: version 15's rows (a temporary table of them where
   * the library is only read from version 14), or none. */
  stmt = scholia_db_get_statement (self->db,
                                   self->schema_version >= SCHOLIA_SCHEMA_DERIVED_PASSAGES
                                     ? "SELECT author_id, theme_id, count FROM author_theme_counts"
                                     : COUNTED_FROM_ROWS,
                                   error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    give_count (hidden, scholia_db_statement_column_int64 (stmt, 0), scholia_db_statement_column_int64 (stmt, 1),
                scholia_db_statement_column_int64 (stmt, 2), func, user_data);
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
}
