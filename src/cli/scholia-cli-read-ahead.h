/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-import-batch.h"

G_BEGIN_DECLS

/* Reads and converts the files an import names in a thread of its own, a few megabytes ahead
 * of the writer, so that reading the next batch's files takes place while the last one is
 * indexed and committed. */
typedef struct _ScholiaCliReadAhead ScholiaCliReadAhead;

ScholiaCliReadAhead *scholia_cli_read_ahead_new  (char                **paths,
                                                  guint                 n_paths);
/* The next file, in the order given, read or with the reason it could not be (to free); NULL
 * once every file was handed out. */
ScholiaImportRead   *scholia_cli_read_ahead_next (ScholiaCliReadAhead  *self);
/* Stops reading (a file being read is given up) and frees what was read and not taken. */
void                 scholia_cli_read_ahead_free (ScholiaCliReadAhead  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaCliReadAhead, scholia_cli_read_ahead_free)

G_END_DECLS
