/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-importer.h"
#include "scholia-store.h"

G_BEGIN_DECLS

/* Metadata the user gave explicitly; NULL fields fall back to what the file offered. */
typedef struct
{
  const char *title;
  const char *author;
  const char *date;
  const char *source;
} ScholiaMetadata;

ScholiaDocument *scholia_library_add_imported (ScholiaStore              *store,
                                               const ScholiaImportedText *imported,
                                               GFile                     *file,
                                               const ScholiaMetadata     *overrides,
                                               GError                   **error);
ScholiaDocument *scholia_library_import_file  (ScholiaStore              *store,
                                               GFile                     *file,
                                               const ScholiaMetadata     *overrides,
                                               GCancellable              *cancellable,
                                               GError                   **error);
gboolean         scholia_library_import_samples (ScholiaStore            *store,
                                                 const char              *samples_dir,
                                                 GPtrArray              **documents,
                                                 GError                 **error);
char            *scholia_library_find_samples (void);

G_END_DECLS
