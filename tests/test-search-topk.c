/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The first page of search results is FTS5's own: for many queries (words, two words, phrases,
 * prefixes; in essays, notes or both) over a generated library, the store's first 20 results
 * are the first 20 of FTS5's bm25() order over both tables (ties: texts before notes, then by
 * row), with the same scores to the last bit, and the count is the rows FTS5 matches; and so
 * after essays and notes are added, changed and deleted. The places of an essay shown on a page
 * (read with the page) are those of the essay's text at the time asked. */
#include "config.h"

#include <string.h>

#include "scholia-db.h"
#include "scholia-language.h"
#include "scholia-store.h"
#include "test-files.h"

#define N_ESSAYS 80
#define PAGE 20

/* Invented words: a few common, most rarer, so that queries match many rows or few. */
static const char *const words[] = {
  "brine", "quay", "tallow", "wharf", "cooper", "lantern", "bargeman", "tithe", "sluice", "ferrier",
  "orchard", "pewter", "millrace", "drover", "almanac", "saltpan", "weir", "chandler", "ostler", "beacon",
};

typedef struct
{
  char         *dir;
  char         *path;
  ScholiaStore *store;
  GRand        *rand;
  GPtrArray    *annotations;  /* ScholiaAnnotation, those with notes */
} Fixture;

/* A word, the first ones far more often than the last. */
static const char *
pick_word (GRand *rand)
{
  guint a = g_rand_int_range (rand, 0, G_N_ELEMENTS (words));
  guint b = g_rand_int_range (rand, 0, G_N_ELEMENTS (words));

  return words[MIN (a, b)];
}

static char *
make_text (GRand *rand,
           guint  n_words)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      g_string_append (text, pick_word (rand));
      g_string_append (text, i % 9 == 8 ? ". " : " ");
    }
  g_string_append (text, "The end.\n");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_essay (Fixture *fixture,
           guint    i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("%s Ledger %u", words[i % G_N_ELEMENTS (words)], i);
  g_autofree char *text = make_text (fixture->rand, 20 + g_rand_int_range (fixture->rand, 0, 400));
  ScholiaDocument *document = scholia_store_add_document (fixture->store, title, "Ilse Varnholt", "1850", NULL,
                                                          text, NULL, &error);

  g_assert_no_error (error);
  for (guint n = 0; n < i % 4; n++)
    {
      /* Many notes alike (ties broken by row), some of a few words of their own. */
      g_autofree char *note = n == 0 ? g_strdup ("Compare the quay accounts of that year.")
                                     : make_text (fixture->rand, 3 + g_rand_int_range (fixture->rand, 0, 12));
      ScholiaAnnotation *annotation =
        scholia_store_add_annotation (fixture->store, document, 0, 5, NULL, 0, NULL, 0, note, &error);

      g_assert_no_error (error);
      g_ptr_array_add (fixture->annotations, annotation);
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-search-topk-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->rand = g_rand_new_with_seed (1851);
  fixture->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 1; i <= N_ESSAYS; i++)
    add_essay (fixture, i);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_ptr_array_unref (fixture->annotations);
  g_assert_finalize_object (fixture->store);
  g_rand_free (fixture->rand);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

typedef struct
{
  double            rank;
  ScholiaSearchKind kind;
  gint64            rowid;
} Expected;

static int
compare_expected (gconstpointer a,
                  gconstpointer b)
{
  const Expected *left = a;
  const Expected *right = b;

  if (left->rank != right->rank)
    return left->rank < right->rank ? -1 : 1;
  if (left->kind != right->kind)
    return left->kind < right->kind ? -1 : 1;
  return (left->rowid > right->rowid) - (left->rowid < right->rowid);
}

/* Every row FTS5 matches in both tables with bm25()'s score, read on a connection of its own,
 * in the results' order. */
static GArray *
fts5_order (Fixture    *fixture,
            const char *query)
{
  static const char *const sql[] = {
    [SCHOLIA_SEARCH_TEXT] = "SELECT rowid, bm25(documents_fts, 10.0, 1.0) FROM documents_fts WHERE documents_fts MATCH ?1",
    [SCHOLIA_SEARCH_NOTE] = "SELECT rowid, bm25(notes_fts) FROM notes_fts WHERE notes_fts MATCH ?1",
  };
  g_autoptr(GError) error = NULL;
  GArray *expected = g_array_new (FALSE, FALSE, sizeof (Expected));
  ScholiaDb *db = scholia_db_open (fixture->path, SCHOLIA_DB_READ_ONLY, &error);
  guint n_languages;
  const ScholiaLanguage *languages = scholia_languages_get (&n_languages);
  guint english = 0;

  g_assert_no_error (error);
  while (g_strcmp0 (languages[english].code, "en") != 0)
    english++;
  scholia_db_set_query_languages (db, G_GUINT64_CONSTANT (1) << english);
  for (ScholiaSearchKind kind = SCHOLIA_SEARCH_TEXT; kind <= SCHOLIA_SEARCH_NOTE; kind++)
    {
      ScholiaDbStatement *stmt = scholia_db_get_statement (db, sql[kind], &error);

      g_assert_no_error (error);
      scholia_db_statement_bind_text (stmt, 1, query);
      while (scholia_db_statement_step (stmt, &error) == SCHOLIA_DB_STEP_ROW)
        {
          Expected row = { scholia_db_statement_column_double (stmt, 1), kind,
                           scholia_db_statement_column_int64 (stmt, 0) };

          g_array_append_val (expected, row);
        }
      g_assert_no_error (error);
      scholia_db_statement_reset (stmt);
    }
  scholia_db_close (db);
  g_array_sort (expected, compare_expected);
  return expected;
}

/* The store's first page and count are FTS5's; returns the count. */
static guint
assert_first_page (Fixture    *fixture,
                   const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = fts5_order (fixture, query);
  guint n_found = G_MAXUINT;
  g_autoptr(GPtrArray) page = scholia_store_search_page (fixture->store, query, 0, PAGE,
                                                         SCHOLIA_SEARCH_SNIPPETS_FIRST_MATCH, &n_found, &error);

  g_assert_no_error (error);
  g_test_message ("%s: %u results", query, n_found);
  g_assert_cmpuint (n_found, ==, expected->len);
  g_assert_cmpuint (page->len, ==, MIN (PAGE, expected->len));
  for (guint i = 0; i < page->len; i++)
    {
      const ScholiaSearchResult *result = g_ptr_array_index (page, i);
      const Expected *row = &g_array_index (expected, Expected, i);

      g_assert_cmpint (result->kind, ==, row->kind);
      g_assert_cmpint (row->kind == SCHOLIA_SEARCH_TEXT ? result->document_id : result->annotation_id, ==,
                       row->rowid);
      /* The same number, not a near one: a score computed in another order differs in its
       * last bits, and ties would then fall otherwise. */
      g_assert_cmpfloat (result->rank, ==, row->rank);
    }
  return n_found;
}

/* Words, two words, phrases of words that follow each other, prefixes: common and rare. */
static GPtrArray *
make_queries (void)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      const char *word = words[i];
      const char *next = words[(i + 1) % G_N_ELEMENTS (words)];
      const char *far = words[(i + 7) % G_N_ELEMENTS (words)];

      g_ptr_array_add (queries, g_strdup (word));
      g_ptr_array_add (queries, g_strdup_printf ("%s %s", word, far));
      g_ptr_array_add (queries, g_strdup_printf ("\"%s %s\"", word, next));
      g_ptr_array_add (queries, g_strdup_printf ("%.3s*", word));
    }
  /* In notes alone, in titles, in both, and a phrase every alike note holds. */
  g_ptr_array_add (queries, g_strdup ("accounts"));
  g_ptr_array_add (queries, g_strdup ("ledger"));
  g_ptr_array_add (queries, g_strdup ("quay"));
  g_ptr_array_add (queries, g_strdup ("\"the quay accounts\""));
  g_ptr_array_add (queries, g_strdup ("quay OR brine"));
  return queries;
}

static void
test_first_page_is_fts5s (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) queries = make_queries ();
  guint n_with_many = 0;

  for (guint q = 0; q < queries->len; q++)
    n_with_many += assert_first_page (fixture, g_ptr_array_index (queries, q)) > PAGE;
  /* Most pages are cut from many more results. */
  g_assert_cmpuint (n_with_many, >, queries->len / 2);
}

/* Added, changed and deleted essays and notes: the next searches see them. */
static void
test_first_page_after_edits (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) queries = make_queries ();
  g_autoptr(GError) error = NULL;
  guint before = assert_first_page (fixture, "quay");
  ScholiaDocument *document;

  for (guint q = 0; q < queries->len; q++)
    assert_first_page (fixture, g_ptr_array_index (queries, q));

  for (guint i = N_ESSAYS + 1; i <= N_ESSAYS + 8; i++)
    add_essay (fixture, i);
  for (guint i = 0; i < fixture->annotations->len; i += 5)
    {
      g_autofree char *note = make_text (fixture->rand, 4);

      scholia_store_set_annotation_note (fixture->store, g_ptr_array_index (fixture->annotations, i), note, &error);
      g_assert_no_error (error);
    }
  document = scholia_store_lookup_document (fixture->store, 3);
  scholia_store_delete_document (fixture->store, document, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (assert_first_page (fixture, "quay"), !=, before);
  for (guint q = 0; q < queries->len; q++)
    assert_first_page (fixture, g_ptr_array_index (queries, q));
}

/* The places of an essay on the page are its text's, also once the text changed since. (Texts
 * alone: notes lack the column.) */
static void
test_places_follow_the_text (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = scholia_store_search_page (fixture->store, "text: tallow", 0, PAGE,
                                                         SCHOLIA_SEARCH_SNIPPETS_FIRST_MATCH, NULL, &error);
  const ScholiaSearchResult *first = NULL;
  g_autoptr(GArray) places = NULL;
  g_autoptr(GArray) changed = NULL;
  g_autofree char *text = NULL;
  ScholiaDocument *document;

  g_assert_no_error (error);
  for (guint i = 0; i < page->len && first == NULL; i++)
    if (((ScholiaSearchResult *) g_ptr_array_index (page, i))->kind == SCHOLIA_SEARCH_TEXT)
      first = g_ptr_array_index (page, i);
  g_assert_nonnull (first);
  document = scholia_store_lookup_document (fixture->store, first->document_id);
  text = scholia_store_load_text (fixture->store, document, &error);
  g_assert_no_error (error);

  places = scholia_store_search_hits (fixture->store, "text: tallow", first->document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, >, 0);
  for (guint i = 0; i < places->len; i++)
    {
      const ScholiaSearchRange *range = &g_array_index (places, ScholiaSearchRange, i);
      g_autofree char *word = g_utf8_substring (text, range->start, range->end);

      g_assert_cmpstr (word, ==, "tallow");
    }

  /* Two places now: at the start and after "Tallow and ". */
  scholia_store_replace_text (fixture->store, document, "Tallow and tallow only.", NULL, NULL, 0, &error);
  g_assert_no_error (error);
  changed = scholia_store_search_hits (fixture->store, "text: tallow", first->document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_cmpint (g_array_index (changed, ScholiaSearchRange, 1).start, ==, 11);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/search-topk/first-page-is-fts5s", test_first_page_is_fts5s);
  ADD ("/search-topk/first-page-after-edits", test_first_page_after_edits);
  ADD ("/search-topk/places-follow-the-text", test_places_follow_the_text);

#undef ADD

  return g_test_run ();
}
