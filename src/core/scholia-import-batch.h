/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-library-import.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_IMPORT_BATCH (scholia_import_batch_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaImportBatch, scholia_import_batch, SCHOLIA, IMPORT_BATCH, GObject)

/* Text read per transaction by an import (the window's and scholia-cli's): its search index is
 * written once per batch, several times faster than essay by essay. */
#define SCHOLIA_IMPORT_BATCH_BYTES (8 * 1000 * 1000)

/* A file read for an import batch, in a thread that reads ahead of the one that writes. */
typedef struct
{
  GFile               *file;
  ScholiaImportedText *imported;  /* NULL when it could not be read: @error says why */
  ScholiaTextFacts     facts;     /* worked out from the text, ready for the store */
  gsize                length;    /* of the text, in bytes */
  GError              *error;
} ScholiaImportRead;

/* Reads and converts @file (scholia_import_file()) and works out its text's facts. */
ScholiaImportRead  *scholia_import_read_new  (GFile             *file,
                                              GCancellable      *cancellable);
void                scholia_import_read_free (ScholiaImportRead *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaImportRead, scholia_import_read_free)

/* Imports files without blocking the main loop: the files are read and converted in a worker
 * thread, about SCHOLIA_IMPORT_BATCH_BYTES of text at a time, the next batch's while the last
 * is written, then each batch is added to the store on the main thread in one transaction
 * (scholia_store_begin_import_batch()). Each file is reported through "file-finished" once its
 * batch is committed; a file that fails is reported with the reason and the batch goes on.
 * Cancelling stops before the next batch is written, so that the batches written stay, each
 * whole, no document is ever half imported, and the batch finishes with G_IO_ERROR_CANCELLED.
 * "fraction" (0–1) notifies as files are reported. */
ScholiaImportBatch *scholia_import_batch_new           (ScholiaStore         *store,
                                                        GFile               **files,
                                                        guint                 n_files);
/* Text per transaction; SCHOLIA_IMPORT_BATCH_BYTES unless set before the batch runs. */
void                scholia_import_batch_set_batch_bytes (ScholiaImportBatch *self,
                                                          gsize               batch_bytes);
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
