/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Looking at a library file from outside Scholia, as a test checks what a user would find. */

/* The whole file. */
GBytes *test_read_bytes            (const char *path);
/* Copies @path to @copy, made read-only (0444), and returns the bytes copied: a test then opens
 * the copy where it cannot be written and checks it is left byte for byte as it was. */
GBytes *test_copy_read_only        (const char *path,
                                    const char *copy);
/* The first column of the first row of @query, run by SQLite directly on @path. */
char   *test_sql_text              (const char *path,
                                    const char *query);
gint64  test_sql_int               (const char *path,
                                    const char *query);
/* Runs @statements on @path (creating it), and closes it cleanly. */
void    test_sql_exec              (const char *path,
                                    const char *statements);
/* Runs @statement, whose one parameter is @text, on @path behind Scholia's back. */
void    test_sql_exec_with_text    (const char *path,
                                    const char *statement,
                                    const char *text);
/* Fails the test when a -wal, -shm or -journal file lies beside @path. */
void    test_assert_nothing_beside (const char *path);
/* An empty library as the schema's migrations up to @version wrote it, for tests of the
 * upgrades after it (a store cannot open it: it reads the latest version's columns). */
void    test_write_library_at_version (const char *path,
                                       int         version);
/* A library written by an earlier Scholia (schema version 12, so every later step upgrades
 * it, whichever is the current one) holding @n_essays essays of 3 kB ("Salt tolls 00"…), closed
 * so that it is all in the main file: for tests of upgrading one. */
#define TEST_OLDER_VERSION 12
void    test_write_older_library   (const char *path,
                                    guint       n_essays);

/* Overwrites the page in the middle of the essays' table's leaves with a pattern that is not a
 * b-tree page, leaving the header and the index that lists the essays as they were. */
void    test_damage_middle_page    (const char *path);

/* Writes @contents into @dir/@name and returns that path. */
char   *test_write_file     (const char *dir,
                             const char *name,
                             const char *contents);

/* A fresh folder in the temporary folder, named after @template ("scholia-NAME-XXXXXX"). */
char   *test_tmp_dir_new    (const char *template);
/* Removes @path and everything in it, in this process and without following symbolic links.
 * Folders a test left read-only (0555) are made writable first. */
void    test_tmp_dir_remove (const char *path);

/* A fresh folder (0755, so that a test may run scholia-cli in it as another user) and the path
 * of a library in it, not created yet; the folder goes with everything in it. */
typedef struct
{
  char *dir;
  char *library;
} TestLibraryFixture;

void    test_library_fixture_set_up    (TestLibraryFixture *fixture,
                                        gconstpointer       data);
void    test_library_fixture_tear_down (TestLibraryFixture *fixture,
                                        gconstpointer       data);

/* Adds the test @func (a TestFunc taking a TestLibraryFixture), run in a fresh fixture. */
#define test_add_with_library(path, func) \
  g_test_add (path, TestLibraryFixture, NULL, test_library_fixture_set_up, func, \
              test_library_fixture_tear_down)

G_END_DECLS
