/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Looking at a library file from outside Scholia, as a test checks what a user would find. */

/* The whole file. */
GBytes *test_read_bytes            (const char *path);
/* The first column of the first row of @query, run by SQLite directly on @path. */
char   *test_sql_text              (const char *path,
                                    const char *query);
/* Runs @statements on @path (creating it), and closes it cleanly. */
void    test_sql_exec              (const char *path,
                                    const char *statements);
/* Fails the test when a -wal, -shm or -journal file lies beside @path. */
void    test_assert_nothing_beside (const char *path);

G_END_DECLS
