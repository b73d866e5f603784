/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reading an SQLite write-ahead log (the “-wal” file beside a database) without SQLite, to tell
 * a library whose last checkpoint was interrupted (its main file shorter than the database,
 * the missing pages still in the log) from one that was cut short. */

/* Whether the committed frames of @db_path's log hold every page of the database past the
 * first @pages_in_file pages (those the main file holds whole), in a log of @page_size pages.
 * FALSE when there is no log, or it is empty, damaged or misses a page. */
gboolean scholia_wal_covers_missing_pages (const char *db_path,
                                           guint32     page_size,
                                           guint64     pages_in_file);

/* Whether a log with at least one frame lies beside @db_path. */
gboolean scholia_wal_has_frames           (const char *db_path);

G_END_DECLS
