/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The FTS5 auxiliary function scholia_rank(fts, weight…): the score FTS5's bm25(fts, weight…)
 * gives a row, the same number, computed without running a statement per row. bm25() asks
 * for each row's size in tokens through FTS5's xColumnSize, which steps a prepared statement
 * on the index's docsize table; over the 200,000 notes of a large library that matched one
 * word that was nine tenths of the search. scholia_rank() reads the same sizes through one
 * incremental blob handle on that table, moved from row to row. Used without ORDER BY
 * (scholia-store-search.c keeps the best rows itself), so that FTS5 does not sort every row
 * either. */
int scholia_search_rank_register (sqlite3 *db);

G_END_DECLS
