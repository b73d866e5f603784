/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Copies a library's write-ahead log into its file on a thread of its own, with a connection
 * of its own, while the store's connection goes on writing: an import's checkpoint (the log
 * synced, a batch's pages copied, the file synced: a tenth of an import's time on the
 * writer, mostly waiting for the disk) overlaps the next batch. The log can only start again
 * from its beginning when a batch begins after a checkpoint finished, so the writer waits for
 * one every other batch (scholia_checkpointer_before_batch()): the log holds at most two
 * batches. */
typedef struct _ScholiaCheckpointer ScholiaCheckpointer;

/* NULL (and @error) when the library cannot be opened a second time. */
ScholiaCheckpointer *scholia_checkpointer_new          (const char           *path,
                                                        GError              **error);
/* Waits for the checkpoint asked for, if any, then closes the connection. */
void                 scholia_checkpointer_free         (ScholiaCheckpointer  *self);
/* After a batch committed: a PASSIVE checkpoint (as far as no reader needs the log), soon. */
void                 scholia_checkpointer_request      (ScholiaCheckpointer  *self);
/* Before a batch begins: waits for the checkpoint asked for when the batch before this one
 * already began while one ran, so that this one starts the log again. */
void                 scholia_checkpointer_before_batch (ScholiaCheckpointer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaCheckpointer, scholia_checkpointer_free)

G_END_DECLS
