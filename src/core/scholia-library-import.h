/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-importer.h"
#include "scholia-store.h"
#include "scholia-text-facts.h"

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
/* The same, with what the store works out from the text worked out beforehand (NULL: here). */
ScholiaDocument *scholia_library_add_imported_with_facts (ScholiaStore              *store,
                                                          const ScholiaImportedText *imported,
                                                          GFile                     *file,
                                                          const ScholiaMetadata     *overrides,
                                                          const ScholiaTextFacts    *facts,
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
