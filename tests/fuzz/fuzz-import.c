/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fuzzes the importer of one format (FUZZ_FILENAME names it by extension, as a dropped file
 * would) through scholia_import_bytes: no crash, no hang, and a usable text or a clear error. */

#include "fuzz-support.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = NULL;

  imported = scholia_import_bytes (bytes, FUZZ_FILENAME, NULL, &error);
  fuzz_check_import (imported, error);
  return 0;
}
