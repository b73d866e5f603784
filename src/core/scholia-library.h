/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-editor.h"
#include "scholia-import-batch.h"
#include "scholia-reading.h"
#include "scholia-reanchor.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_LIBRARY (scholia_library_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaLibrary, scholia_library, SCHOLIA, LIBRARY, GObject)

/* An open library, as the GUI and scholia-cli work with it: the store, the editor every change
 * from the interface goes through (one undo history per library), and the import batch
 * running in it.
 *
 * Opening follows the store: a missing file becomes a new library; a file that is not a Scholia
 * library, was written by a newer Scholia or is damaged is refused untouched, with a message
 * naming it; one that cannot be written is opened read-only. */
ScholiaLibrary     *scholia_library_open              (const char          *path,
                                                       GError             **error);
ScholiaLibrary     *scholia_library_open_checking_later (const char          *path,
                                                         GError             **error);
ScholiaLibrary     *scholia_library_new_for_store     (ScholiaStore        *store);

ScholiaStore       *scholia_library_get_store         (ScholiaLibrary      *self);
ScholiaEditor      *scholia_library_get_editor        (ScholiaLibrary      *self);
const char         *scholia_library_get_path          (ScholiaLibrary      *self);
gboolean            scholia_library_is_read_only      (ScholiaLibrary      *self);

/* Opens @document for reading. Its annotations are first re-anchored to its text, so that none
 * is shown where its passage no longer is; @summary says what moved. Re-anchoring that fails
 * (a read-only library) does not keep the document from opening: @reanchor_error says why
 * and nothing moved. Returns NULL, with @error set, only when the text or the annotations
 * cannot be read. */
ScholiaReading     *scholia_library_open_document     (ScholiaLibrary          *self,
                                                       ScholiaDocument         *document,
                                                       ScholiaReanchorSummary  *summary,
                                                       GError                 **reanchor_error,
                                                       GError                 **error);

/* Runs a batch importing @files (see scholia-import-batch.h) and holds it as the library's
 * import batch while it runs: scholia_library_get_import_batch() returns it until it finishes.
 * Then @callback gets the batch as its source and calls scholia_import_batch_run_finish(); it
 * may start the next batch. */
ScholiaImportBatch *scholia_library_start_import      (ScholiaLibrary      *self,
                                                       GFile              **files,
                                                       guint                n_files,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
ScholiaImportBatch *scholia_library_get_import_batch  (ScholiaLibrary      *self);

G_END_DECLS
