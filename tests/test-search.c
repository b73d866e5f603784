/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "repro.h"
#include "scholia-store.h"
#include "test-files.h"

static const char mills_text[] =
  "The mills of Łódź grew faster than any city in the empire.\n\n"
  "By 1880 Łódź spun more cotton than the weavers of Ivanovo, and its owners said so.\n";
static const char harbour_text[] =
  "Varnholm’s harbour dues rose three times after 1843, and cloth bound for Łódź paid the most.\n";
static const char weavers_text[] =
  "Nobody remembers the weavers’ strike of 1892 — except the textile clerks who kept its ledgers.\n";

typedef struct
{
  char         *dir;
  ScholiaStore *store;
  gint64        mills;
  gint64        harbour;
  gint64        weavers;
} Fixture;

static gint64
add (Fixture    *fixture,
     const char *title,
     const char *text)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  document = scholia_store_add_document (fixture->store, title, "Helena Marwick", "1956", NULL, text, NULL, &error);
  g_assert_no_error (error);
  return scholia_document_get_id (document);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-search-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  fixture->harbour = add (fixture, "Harbour Dues", harbour_text);
  fixture->mills = add (fixture, "The Mills of Łódź", mills_text);
  fixture->weavers = add (fixture, "Weavers", weavers_text);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
search (Fixture    *fixture,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = scholia_store_search (fixture->store, query, 20, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static const char *
text_of (Fixture *fixture,
         gint64   document_id)
{
  if (document_id == fixture->mills)
    return mills_text;
  if (document_id == fixture->harbour)
    return harbour_text;
  return weavers_text;
}

/* The snippet's first match, as the user sees it highlighted. */
static char *
first_match (ScholiaSearchResult *result)
{
  ScholiaSearchRange *range;

  g_assert_cmpuint (result->matches->len, >, 0);
  range = &g_array_index (result->matches, ScholiaSearchRange, 0);
  return g_utf8_substring (result->snippet, range->start, range->end);
}

static void
test_diacritics_are_folded (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) results = search (fixture, "Lodz");
  guint texts = 0;

  for (guint i = 0; i < results->len; i++)
    {
      ScholiaSearchResult *result = g_ptr_array_index (results, i);
      g_autofree char *match = first_match (result);

      g_assert_cmpint (result->kind, ==, SCHOLIA_SEARCH_TEXT);
      g_assert_cmpstr (match, ==, "Łódź");
      g_assert_nonnull (strstr (result->snippet, "Łódź"));
      texts++;
    }
  g_assert_cmpuint (texts, ==, 2);
}

static void
test_title_and_frequency_rank_first (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) results = search (fixture, "lodz");
  ScholiaSearchResult *best = g_ptr_array_index (results, 0);
  ScholiaSearchResult *second = g_ptr_array_index (results, 1);

  g_assert_cmpint (best->document_id, ==, fixture->mills);
  g_assert_cmpstr (best->title, ==, "The Mills of Łódź");
  g_assert_cmpstr (best->author, ==, "Helena Marwick");
  g_assert_cmpint (second->document_id, ==, fixture->harbour);
  g_assert_cmpfloat (best->rank, <, second->rank);
}

static void
test_offset_is_in_code_points (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) results = search (fixture, "cloth");
  ScholiaSearchResult *result;
  g_autofree char *at = NULL;

  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (result->document_id, ==, fixture->harbour);
  /* “Varnholm’s” has a three-byte apostrophe before the match: bytes and code points differ. */
  g_assert_cmpint (result->offset, ==, g_utf8_pointer_to_offset (harbour_text, strstr (harbour_text, "cloth")));
  at = g_utf8_substring (text_of (fixture, result->document_id), result->offset, result->offset + 5);
  g_assert_cmpstr (at, ==, "cloth");

  g_clear_pointer (&results, g_ptr_array_unref);
  results = search (fixture, "Lodz");
  for (guint i = 0; i < results->len; i++)
    {
      g_autofree char *found = NULL;

      result = g_ptr_array_index (results, i);
      found = g_utf8_substring (text_of (fixture, result->document_id), result->offset, result->offset + 4);
      g_assert_cmpstr (found, ==, "Łódź");
    }
}

static void
test_phrase_and_prefix_queries (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) phrase = search (fixture, "\"weavers strike\"");
  g_autoptr(GPtrArray) reversed = search (fixture, "\"strike weavers\"");
  g_autoptr(GPtrArray) prefix = search (fixture, "text*");
  g_autoptr(GPtrArray) whole_word = search (fixture, "text");
  g_autoptr(GPtrArray) either = search (fixture, "Ivanovo OR Varnholm");
  ScholiaSearchResult *result;
  g_autofree char *match = NULL;

  g_assert_cmpuint (phrase->len, ==, 1);
  g_assert_cmpint (((ScholiaSearchResult *) g_ptr_array_index (phrase, 0))->document_id, ==, fixture->weavers);
  g_assert_cmpuint (reversed->len, ==, 0);

  g_assert_cmpuint (prefix->len, ==, 1);
  result = g_ptr_array_index (prefix, 0);
  match = first_match (result);
  g_assert_cmpstr (match, ==, "textile");
  g_assert_cmpuint (whole_word->len, ==, 0);

  g_assert_cmpuint (either->len, ==, 2);
}

static void
test_notes_are_found (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) results = NULL;
  ScholiaDocument *document = scholia_store_lookup_document (fixture->store, fixture->weavers);
  ScholiaSearchResult *result;
  g_autofree char *match = NULL;

  annotation = scholia_store_add_annotation (fixture->store, document, 20, 38, NULL, 0, NULL, 0,
                                             "Compare the Kraków ledgers of the same year.", &error);
  g_assert_no_error (error);

  /* “ledgers” is in the text and in the note: both are found. */
  results = search (fixture, "ledgers");
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpint (((ScholiaSearchResult *) g_ptr_array_index (results, 0))->kind, !=,
                   ((ScholiaSearchResult *) g_ptr_array_index (results, 1))->kind);
  g_clear_pointer (&results, g_ptr_array_unref);

  results = search (fixture, "krakow ledgers");
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (result->kind, ==, SCHOLIA_SEARCH_NOTE);
  g_assert_cmpint (result->annotation_id, ==, scholia_annotation_get_id (annotation));
  g_assert_cmpint (result->document_id, ==, fixture->weavers);
  g_assert_cmpint (result->offset, ==, 20);
  g_assert_cmpstr (result->snippet, ==, "Compare the Kraków ledgers of the same year.");
  match = first_match (result);
  g_assert_cmpstr (match, ==, "Kraków");
}

static void
test_invalid_syntax_searches_the_words (Fixture       *fixture,
                                        gconstpointer  data)
{
  /* The last found by fuzz-search: FTS5 refuses a NEAR distance that is not a number with a
   * message of its own, without "fts5:". */
  const char *queries[] = { "\"Lodz", "Lodz)", "(Lodz", "Lodz AND", "mills: Lodz", "Lodz \"", "NEAR(",
                            "NEAR(harboup port, 6up )" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = scholia_store_search (fixture->store, queries[i], 20, &error);

      g_assert_no_error (error);
      g_assert_nonnull (results);
      if (i < 6)
        g_assert_cmpuint (results->len, >=, 1);
    }
}

static void
test_blank_query_finds_nothing (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) empty = search (fixture, "");
  g_autoptr(GPtrArray) blank = search (fixture, "   ");
  g_autoptr(GPtrArray) punctuation = search (fixture, "\" ( )");

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (punctuation->len, ==, 0);
}

static void
test_replaced_text_is_searched (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  ScholiaDocument *document = scholia_store_lookup_document (fixture->store, fixture->weavers);

  g_assert_true (scholia_store_replace_text (fixture->store, document,
                                             "A second edition speaks of spinners instead.\n", NULL, NULL, 0, &error));
  g_assert_no_error (error);
  before = search (fixture, "textile");
  after = search (fixture, "spinners");
  g_assert_cmpuint (before->len, ==, 0);
  g_assert_cmpuint (after->len, ==, 1);
}

/* "*" alone was read by FTS5 as a "special query" and failed with its own message. */
static void
test_punctuation_only_finds_nothing (Fixture       *fixture,
                                     gconstpointer  data)
{
  const char *queries[] = { "*", "**", "-", "^", "+", ":", "{}", "\"*\"", "* -" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) results = search (fixture, queries[i]);

      g_assert_cmpuint (results->len, ==, 0);
      g_assert_false (scholia_search_query_has_words (queries[i]));
    }
  g_assert_true (scholia_search_query_has_words ("*Łódź"));
}

static gboolean
only_document (GPtrArray *results,
               gint64     document_id)
{
  for (guint i = 0; i < results->len; i++)
    if (((ScholiaSearchResult *) g_ptr_array_index (results, i))->document_id != document_id)
      return FALSE;
  return results->len > 0;
}

/* "title:" used to find nothing: the notes, which have no title, made the query fail. */
static void
test_column_filters (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) title = search (fixture, "title:weavers");
  g_autoptr(GPtrArray) folded_title = search (fixture, "title:lodz");
  g_autoptr(GPtrArray) text = NULL;
  g_autoptr(GPtrArray) note = NULL;
  g_autoptr(GPtrArray) unknown = search (fixture, "ledger:weavers");
  ScholiaDocument *weavers = scholia_store_lookup_document (fixture->store, fixture->weavers);

  /* The mills' text names weavers and the harbour's names Łódź, but not in their titles. */
  g_assert_true (only_document (title, fixture->weavers));
  g_assert_true (only_document (folded_title, fixture->mills));
  /* A column neither table has is taken as words. */
  g_assert_cmpuint (unknown->len, ==, 0);

  annotation = scholia_store_add_annotation (fixture->store, weavers, 20, 38, NULL, 0, NULL, 0,
                                             "The weavers again, from the Kraków ledgers.", &error);
  g_assert_no_error (error);
  text = search (fixture, "text:weavers");
  note = search (fixture, "note:weavers");
  g_assert_cmpuint (text->len, ==, 2);
  for (guint i = 0; i < text->len; i++)
    g_assert_cmpint (((ScholiaSearchResult *) g_ptr_array_index (text, i))->kind, ==, SCHOLIA_SEARCH_TEXT);
  g_assert_cmpuint (note->len, ==, 1);
  g_assert_cmpint (((ScholiaSearchResult *) g_ptr_array_index (note, 0))->kind, ==, SCHOLIA_SEARCH_NOTE);
}

static int
offset_of (const char *text,
           const char *word)
{
  const char *found = strstr (text, word);

  g_assert_nonnull (found);
  return (int) g_utf8_pointer_to_offset (text, found);
}

/* Checks that the one result of @query in @document_id shows @word highlighted where it is. */
static void
assert_match_is (Fixture    *fixture,
                 const char *query,
                 gint64      document_id,
                 const char *text,
                 const char *word)
{
  g_autoptr(GPtrArray) results = search (fixture, query);
  ScholiaSearchResult *result = NULL;
  g_autofree char *match = NULL;

  for (guint i = 0; i < results->len; i++)
    if (((ScholiaSearchResult *) g_ptr_array_index (results, i))->document_id == document_id)
      result = g_ptr_array_index (results, i);
  g_assert_nonnull (result);
  match = first_match (result);
  g_assert_cmpstr (match, ==, word);
  g_assert_cmpint (result->offset, ==, offset_of (text, word));
  /* The snippet is the text itself: nothing taken out, nothing added. */
  g_assert_nonnull (strstr (text, result->snippet));
}

/* Older libraries hold control characters that the importers of the time let through, and a
 * text may hold any character: snippet markers must never be taken for the text's own. */
static void
test_snippet_markers_never_collide (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = repro_copy ("text-stx-etx.txt", fixture->dir);
  g_autofree char *stx_text = NULL;
  const char *marked_text = "The \uFDD0 quay \uFDD1 of \uE000Varnholm\uE001 flooded.\n";
  ScholiaDocument *stx;
  ScholiaDocument *marked;

  g_assert_true (g_file_get_contents (path, &stx_text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strchr (stx_text, '\x02'));
  stx = scholia_store_add_document (fixture->store, "Controls", NULL, NULL, NULL, stx_text, NULL, &error);
  g_assert_no_error (error);
  marked = scholia_store_add_document (fixture->store, "Marked", NULL, NULL, NULL, marked_text, NULL, &error);
  g_assert_no_error (error);

  assert_match_is (fixture, "harbour", scholia_document_get_id (stx), stx_text, "harbour");
  assert_match_is (fixture, "silted", scholia_document_get_id (stx), stx_text, "silted");
  assert_match_is (fixture, "quay", scholia_document_get_id (marked), marked_text, "quay");
  assert_match_is (fixture, "flooded", scholia_document_get_id (marked), marked_text, "flooded");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/search/diacritics/folded", test_diacritics_are_folded);
  ADD ("/search/rank/title-and-frequency-first", test_title_and_frequency_rank_first);
  ADD ("/search/offset/code-points", test_offset_is_in_code_points);
  ADD ("/search/syntax/phrase-prefix-or", test_phrase_and_prefix_queries);
  ADD ("/search/notes/found", test_notes_are_found);
  ADD ("/search/syntax/invalid-searches-words", test_invalid_syntax_searches_the_words);
  ADD ("/search/syntax/blank-finds-nothing", test_blank_query_finds_nothing);
  ADD ("/search/text/replaced-text-is-searched", test_replaced_text_is_searched);
  ADD ("/search/syntax/punctuation-only-finds-nothing", test_punctuation_only_finds_nothing);
  ADD ("/search/syntax/column-filters", test_column_filters);
  ADD ("/search/snippets/markers-never-collide-with-text", test_snippet_markers_never_collide);
#undef ADD

  return g_test_run ();
}
