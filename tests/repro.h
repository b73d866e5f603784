/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Inputs that once broke Scholia live in ../shared/repro/ beside the project (read-only in CI).
 * Copies @name (a file, or a folder whose files are copied alongside each other) into @dir and
 * returns the copy's path. Fails the test when the file is missing: a regression test that
 * cannot find its input must not pass. */
char *repro_copy (const char *name,
                  const char *dir);

G_END_DECLS
