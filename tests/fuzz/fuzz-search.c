/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fuzzes the search box: whatever a user types is turned into an FTS5 query (letters such as
 * ł expanded to their spellings; input that is not FTS5 syntax searched as its words). No
 * query may end in an error: FTS5 must never see syntax it refuses without Scholia falling
 * back to the words. Results must point into their snippets and the document text. */

#include "fuzz-support.h"
#include "scholia-annotation.h"

#define LIMIT 20

static ScholiaStore *store;
static ScholiaDocument *document;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;

  store = fuzz_open_store (&document);
  annotation = scholia_store_add_annotation (store, document, 4, 11, NULL, 0, NULL, 0,
                                             "Marwick's dues: a \"decline\" before Łódź took the trade?",
                                             &error);
  fuzz_check (annotation != NULL, "%s", error->message);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  FuzzInput input = { data, size };
  g_autofree char *query = fuzz_input_take_rest (&input);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = scholia_store_search (store, query, LIMIT, &error);
  gint64 length = scholia_document_get_characters (document);

  fuzz_check (results != NULL, "the query \"%s\" failed: %s", query, error->message);
  fuzz_check (results->len <= LIMIT, "%u results", results->len);
  for (guint i = 0; i < results->len; i++)
    {
      ScholiaSearchResult *result = g_ptr_array_index (results, i);
      glong snippet_length = g_utf8_strlen (result->snippet, -1);

      fuzz_check (result->offset >= -1 && result->offset <= length, "a result at %d", result->offset);
      for (guint j = 0; j < result->matches->len; j++)
        {
          ScholiaSearchRange *range = &g_array_index (result->matches, ScholiaSearchRange, j);

          fuzz_check (0 <= range->start && range->start < range->end && range->end <= snippet_length,
                      "a match at %d-%d in a snippet of %ld", range->start, range->end, snippet_length);
        }
    }
  return 0;
}
