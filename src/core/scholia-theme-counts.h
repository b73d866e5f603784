/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* An author's placed passages per theme as the library keeps them (schema 19, issue 17): one
 * BLOB per author (author_counts.themes) instead of a row per author and theme, so that the
 * matrix reads 1,000 small values instead of stepping 200,000 rows. The BLOB is the list of
 * (theme id, count) in the order of the ids, each as two varints: the id's distance from the
 * previous one, then the count (zigzag, so that a difference to add may be negative). A theme
 * whose count is 0 is left out; an empty BLOB counts nothing.
 *
 * In SQL (deterministic, registered with the search's functions, which every connection
 * touching the library needs):
 * - scholia_theme_counts(theme_id, n), an aggregate: the BLOB of the rows' n summed per theme;
 * - scholia_theme_counts_add(counts, more) and scholia_theme_counts_add(counts, theme_id, n):
 *   @counts with @more's counts (or @n passages of @theme_id) added; NULL adds nothing.
 * The triggers that keep author_counts write through these (scholia-schema.c). */
typedef struct
{
  const guint8 *at;
  const guint8 *end;
  guint64       theme_id;
  gboolean      started;
} ScholiaThemeCountsIter;

void     scholia_theme_counts_iter_init (ScholiaThemeCountsIter *iter,
                                         gconstpointer           counts,
                                         gsize                   size);
/* The next theme and its count; FALSE at the end, or where the BLOB is not whole (then
 * scholia_theme_counts_iter_is_whole() says so). */
gboolean scholia_theme_counts_iter_next (ScholiaThemeCountsIter *iter,
                                         gint64                 *theme_id,
                                         gint64                 *count);
gboolean scholia_theme_counts_iter_is_whole (const ScholiaThemeCountsIter *iter);

int      scholia_theme_counts_register  (sqlite3                *db);

G_END_DECLS
