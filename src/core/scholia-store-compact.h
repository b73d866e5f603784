/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-store.h"

G_BEGIN_DECLS

/* Compacting a library (issue 17): its full-text indexes merged into one segment each, the
 * file rewritten without free pages (SQLite's VACUUM, in place) and its write-ahead log
 * emptied. The bytes a library takes on disk: its file and the log beside it. */
typedef struct
{
  gint64 size_before;
  gint64 size_after;
} ScholiaCompactSizes;

/* Compacts @self's library on a connection of its own, so it may run in a worker thread while
 * the store is open: the store may read meanwhile, but must not write (a write waits for the
 * compaction's lock, and fails after a few seconds). Row ids do not change, so nothing the
 * store holds goes stale. Every step is one SQLite transaction or a checkpoint of the log: a
 * process killed at any point leaves the library as it was or compacted, never in between.
 * Fails with READ_ONLY for a library that cannot be written and with IO when another program
 * keeps it busy. */
gboolean scholia_store_compact (ScholiaStore         *self,
                                ScholiaCompactSizes  *sizes,
                                GError              **error);

G_END_DECLS
