/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The FTS5 auxiliary function scholia_rank(fts, 'fts', query, weight…): the score FTS5's
 * bm25(fts, weight…) gives a row, the same number, computed without running a statement per
 * row. bm25() asks for each row's size in tokens through FTS5's xColumnSize, which steps a
 * prepared statement on the index's docsize table; over the 200,000 notes of a large library
 * that matched one word that was nine tenths of the search. scholia_rank() reads the same sizes
 * from that table a block of rows at a time and keeps them until the file changes. Used without ORDER BY
 * (scholia-store-search.c keeps the best rows itself), so that FTS5 does not sort every row
 * either. */
int scholia_search_rank_register (sqlite3 *db);

/* What scholia_rank(fts, 'fts', query, weight…) tells of its query, through @query bound as a
 * pointer of type SCHOLIA_RANK_QUERY_POINTER (sqlite3_bind_pointer()), at its first row. For a
 * query of one phrase (a word, a prefix, a quoted phrase) the function leaves out the phrase's
 * inverse document frequency, which is the same for every row and follows from how many rows
 * match: it spares a pass over them all. Every row's score is then bm25()'s divided by it, which
 * orders them alike; scholia_rank_query_scale() gives bm25()'s number once the rows are
 * counted. With NULL, every score is bm25()'s. */
#define SCHOLIA_RANK_QUERY_POINTER "ScholiaRankQuery"

typedef struct
{
  gint64 n_rows;     /* in the table */
  int    n_phrases;  /* 0 until the first row */
} ScholiaRankQuery;

double scholia_rank_query_scale (const ScholiaRankQuery *query,
                                 double                  unscaled,
                                 gint64                  n_hits);

G_END_DECLS
