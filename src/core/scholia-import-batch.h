/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-library-import.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_IMPORT_BATCH (scholia_import_batch_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaImportBatch, scholia_import_batch, SCHOLIA, IMPORT_BATCH, GObject)

/* Imports files one after another without blocking the main loop: each file is read and
 * converted in a worker thread, then added to the store on the main thread in one
 * transaction. A file that fails is reported through "file-finished" and the batch goes on;
 * cancelling stops before the next file is added, so no document is ever half imported, and
 * the batch finishes with G_IO_ERROR_CANCELLED.
 * "fraction" (0–1) notifies as files finish. */
ScholiaImportBatch *scholia_import_batch_new           (ScholiaStore         *store,
                                                        GFile               **files,
                                                        guint                 n_files);
void                scholia_import_batch_run_async     (ScholiaImportBatch   *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            scholia_import_batch_run_finish    (ScholiaImportBatch   *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
double              scholia_import_batch_get_fraction  (ScholiaImportBatch   *self);
guint               scholia_import_batch_get_n_files   (ScholiaImportBatch   *self);
GPtrArray          *scholia_import_batch_get_documents (ScholiaImportBatch   *self);
GPtrArray          *scholia_import_batch_get_errors    (ScholiaImportBatch   *self);

G_END_DECLS
