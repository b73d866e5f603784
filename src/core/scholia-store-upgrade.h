/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Bringing a library written by an earlier Scholia to the current schema before it opens, so
 * that a window can show why it waits while a worker thread does it (issue 17: 12–27 s for
 * 10,000 essays). Opening (scholia_store_open()) still upgrades by itself; these let a caller
 * know first, and do it elsewhere. Implemented in scholia-store-open.c. */

/* Whether opening the library at @path would upgrade it to the current schema (a writable
 * Scholia library of an earlier version, whichever steps it lacks): cheap, it reads the file's
 * header. Anything else, including what opening refuses, gives FALSE. */
gboolean scholia_store_needs_upgrade (const char    *path);
/* Brings the library at @path to the current schema in one transaction, checking it page by
 * page first, without listing anything: for a worker thread (it takes a connection of its own
 * and closes it before it returns). Refuses what opening refuses, with the same message;
 * cancelled (G_IO_ERROR_CANCELLED) or failing, it leaves the file as it was. */
gboolean scholia_store_upgrade       (const char    *path,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
