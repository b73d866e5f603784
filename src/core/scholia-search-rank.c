/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "scholia-search-rank.h"
#include "scholia-stem-tokenizer.h"

/* FTS5's bm25 constants. */
#define K1 1.2
#define B 0.75

/* Row sizes are read from the docsize table a block of rowids at a time and kept until the
 * database changes: a search that matches most notes reads the table once, in order, rather
 * than seeking a row at a time, and the next search reads it not at all. */
#define BLOCK_ROWS 4096

/* One index's sizes: per block of rowids an array of sizes, -1 for a rowid the table lacks. */
typedef struct
{
  char          *name;     /* "schema"."table_docsize" */
  unsigned int   version;  /* SQLITE_FCNTL_DATA_VERSION when the blocks were read */
  GHashTable    *blocks;   /* block number → int[BLOCK_ROWS] */
} SizeCache;

static void
size_cache_free (gpointer data)
{
  SizeCache *cache = data;

  g_hash_table_unref (cache->blocks);
  g_free (cache->name);
  g_free (cache);
}

/* What one query's rows share: computed at its first row and kept as FTS5 auxiliary data. */
typedef struct
{
  int           n_phrases;
  double        average_size;
  double       *idf;        /* per phrase */
  double       *frequency;  /* per phrase, the current row's */
  SizeCache    *sizes;      /* NULL to ask FTS5 for each row */
  gboolean      unscaled;   /* one phrase: its idf left to the caller (ScholiaRankQuery) */
  sqlite3      *db;
  sqlite3_stmt *read;       /* a block of sizes, prepared when one is missing */
  sqlite3_int64 last_block; /* the block the last row was in, and its sizes: rows come in order */
  int          *last_sizes;
} RankQuery;

static void
rank_query_free (void *data)
{
  RankQuery *query = data;

  sqlite3_finalize (query->read);
  g_free (query->idf);
  g_free (query->frequency);
  g_free (query);
}

static int
count_row_cb (const Fts5ExtensionApi *api,
              Fts5Context            *fts,
              void                   *user_data)
{
  (*(sqlite3_int64 *) user_data)++;
  return SQLITE_OK;
}

/* The sizes of FTS5 table @table, kept in @caches (the connection's, by table) and emptied
 * when the database changed. The table is found in the schema that holds it, temp first: a
 * read-only library searches a temporary index (scholia-schema.c, version 4), which the
 * unqualified name in the query resolves to first. */
static SizeCache *
find_sizes (sqlite3    *db,
            GHashTable *caches,
            const char *table)
{
  static const char *const schemas[] = { "temp", "main" };
  g_autofree char *docsize = g_strdup_printf ("%s_docsize", table);
  SizeCache *cache;
  const char *schema = NULL;
  unsigned int version = 0;

  for (guint i = 0; i < G_N_ELEMENTS (schemas) && schema == NULL; i++)
    if (sqlite3_table_column_metadata (db, schemas[i], docsize, "sz", NULL, NULL, NULL, NULL, NULL) == SQLITE_OK)
      schema = schemas[i];
  if (schema == NULL || sqlite3_file_control (db, schema, SQLITE_FCNTL_DATA_VERSION, &version) != SQLITE_OK)
    return NULL;

  cache = g_hash_table_lookup (caches, table);
  if (cache != NULL && !g_str_has_prefix (cache->name, schema))
    {
      g_hash_table_remove (caches, table);
      cache = NULL;
    }
  if (cache == NULL)
    {
      cache = g_new0 (SizeCache, 1);
      cache->name = g_strdup_printf ("%s.\"%s\"", schema, docsize);
      cache->blocks = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      cache->version = version;
      g_hash_table_insert (caches, g_strdup (table), cache);
    }
  else if (cache->version != version)
    {
      g_hash_table_remove_all (cache->blocks);
      cache->version = version;
    }
  return cache;
}

/* A docsize blob's sizes added up: a varint per column, as SQLite writes them (seven bits a
 * byte, most significant first, the high bit set on all but the last). */
static int
add_sizes (const unsigned char *blob,
           int                  length)
{
  int total = 0;

  for (int i = 0; i < length;)
    {
      guint64 value = 0;

      while (i < length)
        {
          value = (value << 7) | (blob[i] & 0x7f);
          if ((blob[i++] & 0x80) == 0)
            break;
        }
      total += (int) value;
    }
  return total;
}

static int *
read_block (RankQuery     *query,
            sqlite3_int64  block)
{
  SizeCache *cache = query->sizes;
  sqlite3_stmt *read;
  int *sizes;
  int rc;

  if (query->read == NULL)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id, sz FROM %s WHERE id >= ?1 AND id < ?2", cache->name);

      if (sqlite3_prepare_v2 (query->db, sql, -1, &query->read, NULL) != SQLITE_OK)
        return NULL;
    }
  read = query->read;
  sizes = g_new (int, BLOCK_ROWS);

  for (guint i = 0; i < BLOCK_ROWS; i++)
    sizes[i] = -1;
  sqlite3_bind_int64 (read, 1, block * BLOCK_ROWS);
  sqlite3_bind_int64 (read, 2, (block + 1) * BLOCK_ROWS);
  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    sizes[sqlite3_column_int64 (read, 0) - block * BLOCK_ROWS] =
      add_sizes (sqlite3_column_blob (read, 1), sqlite3_column_bytes (read, 1));
  sqlite3_reset (read);
  if (rc != SQLITE_DONE)
    {
      g_free (sizes);
      return NULL;
    }
  g_hash_table_insert (cache->blocks, GSIZE_TO_POINTER (block), sizes);
  return sizes;
}

/* A phrase's inverse document frequency, as bm25() has it. */
static double
idf (gint64 n_rows,
     gint64 n_hits)
{
  double value = log ((n_rows - n_hits + 0.5) / (n_hits + 0.5));

  return value <= 0.0 ? 1e-6 : value;
}

static int
make_query (const Fts5ExtensionApi  *api,
            Fts5Context             *fts,
            sqlite3                 *db,
            GHashTable              *caches,
            const char              *table,
            ScholiaRankQuery        *told,
            RankQuery              **out)
{
  RankQuery *query = g_new0 (RankQuery, 1);
  sqlite3_int64 n_rows = 0, n_tokens = 0;
  int rc;

  query->db = db;
  query->n_phrases = api->xPhraseCount (fts);
  query->idf = g_new0 (double, MAX (query->n_phrases, 1));
  query->frequency = g_new0 (double, MAX (query->n_phrases, 1));
  rc = api->xRowCount (fts, &n_rows);
  if (rc == SQLITE_OK)
    rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  query->average_size = n_rows > 0 ? (double) n_tokens / n_rows : 1.0;
  if (told != NULL)
    {
      told->n_rows = n_rows;
      told->n_phrases = query->n_phrases;
    }
  query->unscaled = told != NULL && query->n_phrases == 1;

  /* The inverse document frequency of each phrase, as bm25() has it: the rows it is in are
   * counted once per query, in a pass of their own, except for a lone phrase, whose rows are
   * those the query finds (the caller counts them). */
  for (int i = 0; rc == SQLITE_OK && !query->unscaled && i < query->n_phrases; i++)
    {
      sqlite3_int64 n_hits = 0;

      rc = api->xQueryPhrase (fts, i, &n_hits, count_row_cb);
      query->idf[i] = idf (n_rows, n_hits);
    }
  if (rc == SQLITE_OK)
    query->sizes = find_sizes (db, caches, table);
  if (rc != SQLITE_OK)
    {
      rank_query_free (query);
      return rc;
    }
  /* FTS5 frees it at the query's end, or at once when it cannot keep it. */
  rc = api->xSetAuxdata (fts, query, rank_query_free);
  *out = rc == SQLITE_OK ? query : NULL;
  return rc;
}

/* The current row's size in tokens, all columns together. */
static int
row_size (const Fts5ExtensionApi *api,
          Fts5Context            *fts,
          RankQuery              *query,
          int                    *size)
{
  sqlite3_int64 rowid = api->xRowid (fts);
  sqlite3_int64 block = rowid / BLOCK_ROWS;
  int *sizes = NULL;

  if (query->sizes != NULL && rowid >= 0)
    {
      if (query->last_sizes != NULL && query->last_block == block)
        sizes = query->last_sizes;
      else if ((sizes = g_hash_table_lookup (query->sizes->blocks, GSIZE_TO_POINTER (block))) == NULL)
        sizes = read_block (query, block);
      query->last_block = block;
      query->last_sizes = sizes;
    }
  if (sizes == NULL || sizes[rowid - block * BLOCK_ROWS] < 0)
    return api->xColumnSize (fts, -1, size);  /* FTS5 knows it, a statement at a time */
  *size = sizes[rowid - block * BLOCK_ROWS];
  return SQLITE_OK;
}

/* scholia_rank(fts, 'fts', query, weight…): the first argument after the table is the table's
 * name, which FTS5 does not tell an auxiliary function, the second a ScholiaRankQuery pointer or
 * NULL; the weights are bm25()'s, one per column. */
static void
rank_function (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               sqlite3_context        *context,
               int                     n_values,
               sqlite3_value         **values)
{
  RankQuery *query = api->xGetAuxdata (fts, 0);
  int n_instances = 0, size = 0;
  double score = 0.0;
  int rc = SQLITE_OK;

  if (n_values < 2 || sqlite3_value_type (values[0]) != SQLITE_TEXT)
    {
      sqlite3_result_error (context, "scholia_rank: give the table's name and the query", -1);
      return;
    }
  if (query == NULL)
    rc = make_query (api, fts, sqlite3_context_db_handle (context), api->xUserData (fts),
                     (const char *) sqlite3_value_text (values[0]),
                     sqlite3_value_pointer (values[1], SCHOLIA_RANK_QUERY_POINTER), &query);

  /* How often each phrase occurs in the row, each occurrence counted at its column's weight: a
   * lone phrase's occurrences read straight from its list, without FTS5 gathering them in an
   * array first. */
  if (rc == SQLITE_OK)
    memset (query->frequency, 0, sizeof (double) * MAX (query->n_phrases, 1));
  if (rc == SQLITE_OK && query->n_phrases == 1)
    {
      Fts5PhraseIter iter;
      int column, offset;

      rc = api->xPhraseFirst (fts, 0, &iter, &column, &offset);
      for (; rc == SQLITE_OK && column >= 0; api->xPhraseNext (fts, &iter, &column, &offset))
        query->frequency[0] += column + 2 < n_values ? sqlite3_value_double (values[column + 2]) : 1.0;
    }
  else if (rc == SQLITE_OK)
    rc = api->xInstCount (fts, &n_instances);
  for (int i = 0; rc == SQLITE_OK && i < n_instances; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK)
        query->frequency[phrase] += column + 2 < n_values ? sqlite3_value_double (values[column + 2]) : 1.0;
    }
  if (rc == SQLITE_OK)
    rc = row_size (api, fts, query, &size);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  /* As bm25() adds it up, operation for operation, so that the scores are the same numbers. */
  for (int i = 0; i < query->n_phrases; i++)
    {
      double term = (query->frequency[i] * (K1 + 1.0)) /
                    (query->frequency[i] + K1 * (1.0 - B + B * size / query->average_size));

      score += query->unscaled ? term : query->idf[i] * term;
    }
  sqlite3_result_double (context, -score);
}

double
scholia_rank_query_scale (const ScholiaRankQuery *query,
                          double                  unscaled,
                          gint64                  n_hits)
{
  g_return_val_if_fail (query->n_phrases == 1, unscaled);

  /* bm25() starts from 0.0 and negates its sum: the same steps give the same number. */
  return -1.0 * (0.0 + idf (query->n_rows, n_hits) * -unscaled);
}

int
scholia_search_rank_register (sqlite3 *db)
{
  fts5_api *api = scholia_fts5_api (db);

  if (api == NULL)
    return SQLITE_ERROR;
  /* The sizes are the connection's: they are freed with it. */
  return api->xCreateFunction (api, "scholia_rank",
                               g_hash_table_new_full (g_str_hash, g_str_equal, g_free, size_cache_free),
                               rank_function, (void (*) (void *)) g_hash_table_unref);
}
