/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fuzzes the PDF reader where poppler runs: _scholia_pdf_extract_text(), which the
 * scholia-pdf-text helper process calls for each PDF (scholia_import_bytes only talks to that
 * process, so a fuzzer going through it would never see poppler). No crash, no hang, and either
 * a text with a page map that citations can trust or a clear error. What the helper answers
 * must also be something Scholia reads back: every field UTF-8 (the answer's records are
 * checked for it; metadata is tidied afterwards by scholia_import_bytes, so only its encoding is
 * checked here). */

#include "fuzz-support.h"
#include "scholia-import-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static gboolean
is_utf8_or_null (const char *field)
{
  return field == NULL || g_utf8_validate (field, -1, NULL);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) extracted = g_new0 (ScholiaImportedText, 1);

  if (!_scholia_pdf_extract_text (bytes, "fuzz.pdf", extracted, &error))
    {
      fuzz_check_error (error);
      return 0;
    }

  fuzz_check (error == NULL, "an extraction succeeded and set an error: %s", error->message);
  fuzz_check (is_utf8_or_null (extracted->title) && is_utf8_or_null (extracted->author)
              && is_utf8_or_null (extracted->date), "metadata that is not UTF-8");
  fuzz_check (extracted->pages != NULL, "an extraction without a page map");
  for (guint i = 0; i < extracted->pages->len; i++)
    fuzz_check (is_utf8_or_null (g_array_index (extracted->pages, ScholiaPageRange, i).label),
                "the label of page %u is not UTF-8", i);
  fuzz_check_text (extracted);
  return 0;
}
