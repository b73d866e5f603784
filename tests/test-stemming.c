/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-editor.h"
#include "scholia-error.h"
#include "scholia-language.h"
#include "scholia-store-private.h"
#include "scholia-store.h"
#include "test-files.h"

static const char english_betrayed[] =
  "Trotsky wrote that Stalin betrayed the revolution, and the Opposition said so in every cell.\n";
static const char english_betrayal[] =
  "The betrayal of Lenin's legacy is the theme of the whole debate about the NEP.\n";
static const char english_betrays[] =
  "Each of these histories betrays the hand of the historian who wrote it.\n";
static const char english_better[] =
  "The peasants were better fed under the NEP than they were after it, and this was known.\n";
static const char german_text[] =
  "Die Bauern und die Arbeiter sprachen nicht von den Revolutionen, die sie gemacht hatten. "
  "Der Staat war mit sich selbst beschäftigt, und das Dorf blieb auf sich gestellt.\n";
static const char french_text[] =
  "Les paysans et les ouvriers ne parlaient pas des trahisons de la révolution. "
  "Le parti est resté dans une position qui lui était propre, et le village aussi.\n";
static const char spanish_text[] =
  "Los campesinos y los obreros no hablaban de la revolución que habían hecho. "
  "El partido se quedó con las tierras del pueblo, y su historia fue olvidada por todos.\n";

typedef struct
{
  char         *dir;
  char         *path;
  ScholiaStore *store;
} Fixture;

static gint64
add (Fixture    *fixture,
     const char *title,
     const char *text)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  document = scholia_store_add_document (fixture->store, title, "Perry Anderson", "1976", NULL, text, NULL, &error);
  g_assert_no_error (error);
  return scholia_document_get_id (document);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-stemming-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* The ids of the documents whose text or title @query finds. */
static GArray *
found (Fixture    *fixture,
       const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = scholia_store_search (fixture->store, query, 50, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      ScholiaSearchResult *result = g_ptr_array_index (results, i);

      g_array_append_val (ids, result->document_id);
    }
  return ids;
}

static gboolean
holds (GArray *ids,
       gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_english_stems (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 betrayed = add (fixture, "Trotsky", english_betrayed);
  gint64 betrayal = add (fixture, "Legacy", english_betrayal);
  gint64 betrays = add (fixture, "Hands", english_betrays);
  gint64 better = add (fixture, "Fed", english_better);
  g_autoptr(GArray) ids = found (fixture, "betray");

  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_true (holds (ids, betrayed));
  g_assert_true (holds (ids, betrayal));
  g_assert_true (holds (ids, betrays));
  g_assert_false (holds (ids, better));
}

static void
test_snippet_marks_stemmed_word (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  ScholiaSearchResult *result;
  const ScholiaSearchRange *range;
  g_autofree char *word = NULL;

  add (fixture, "Trotsky", english_betrayed);
  results = scholia_store_search (fixture->store, "betray", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  /* The snippet starts at the text's start, where the index's language marker lies: it is not
   * shown, and offsets are the text's own. */
  g_assert_true (g_str_has_prefix (result->snippet, "Trotsky wrote"));
  range = &g_array_index (result->matches, ScholiaSearchRange, 0);
  word = g_utf8_substring (result->snippet, range->start, range->end);
  g_assert_cmpstr (word, ==, "betrayed");
  g_assert_cmpint (result->offset, ==, g_utf8_pointer_to_offset (english_betrayed, strstr (english_betrayed, "betrayed")));
}

static void
test_phrases_and_prefixes (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 betrayed = add (fixture, "Trotsky", english_betrayed);
  g_autoptr(GArray) phrase = found (fixture, "\"betray the revolution\"");
  g_autoptr(GArray) reversed = found (fixture, "\"revolution betrayed\"");
  g_autoptr(GArray) prefix = found (fixture, "opposit*");

  g_assert_cmpuint (phrase->len, ==, 1);
  g_assert_true (holds (phrase, betrayed));
  g_assert_cmpuint (reversed->len, ==, 0);
  g_assert_cmpuint (prefix->len, ==, 1);
}

static void
test_german_and_french (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 german = add (fixture, "Dorf", german_text);
  gint64 french = add (fixture, "Village", french_text);
  g_autoptr(GArray) revolution = found (fixture, "Revolution");
  g_autoptr(GArray) trahison = found (fixture, "trahison");

  g_assert_cmpstr (test_sql_text (fixture->path, "SELECT language FROM documents WHERE title = 'Dorf'"), ==, "de");
  g_assert_cmpstr (test_sql_text (fixture->path, "SELECT language FROM documents WHERE title = 'Village'"), ==, "fr");
  /* German "Revolutionen" and French "révolution" both stem to what "Revolution" does in their
   * language; French "trahisons" is found by the singular. */
  g_assert_true (holds (revolution, german));
  g_assert_true (holds (revolution, french));
  g_assert_cmpuint (trahison->len, ==, 1);
  g_assert_true (holds (trahison, french));
}

static void
test_guess_language (void)
{
  g_assert_cmpstr (scholia_language_guess (english_better), ==, "en");
  g_assert_cmpstr (scholia_language_guess (german_text), ==, "de");
  g_assert_cmpstr (scholia_language_guess (french_text), ==, "fr");
  g_assert_cmpstr (scholia_language_guess (spanish_text), ==, "es");
  /* Nothing to tell by: English. */
  g_assert_cmpstr (scholia_language_guess ("1917 1921 1924"), ==, "en");
  g_assert_cmpstr (scholia_language_guess (""), ==, "en");
  g_assert_true (scholia_language_is_known ("de"));
  g_assert_false (scholia_language_is_known ("xx"));
}

/* Every match in the text, in order and in code points, for the results list. */
static void
test_hits_in_one_document (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char text[] =
    "Łódź’s weavers were betrayed. The betrayal was public; the betrayers were not. Betray!\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = NULL;
  gint64 id = add (fixture, "Łódź", text);
  const char *expected[] = { "betrayed", "betrayal", "betrayers", "Betray" };

  hits = scholia_store_search_hits (fixture->store, "betray", id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < hits->len; i++)
    {
      const ScholiaSearchRange *range = &g_array_index (hits, ScholiaSearchRange, i);
      g_autofree char *word = g_utf8_substring (text, range->start, range->end);

      g_assert_cmpstr (word, ==, expected[i]);
    }

  g_clear_pointer (&hits, g_array_unref);
  hits = scholia_store_search_hits (fixture->store, "\"betray", id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 4);
}

/* Issue 12: an essay's language, set in its properties through the editor as one undoable step,
 * re-indexes it: "Revolution" finds the German "Revolutionen" only while the essay is German. */
static void
test_language_change_reindexes (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ScholiaEditor) editor = scholia_editor_new (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) as_german = NULL;
  g_autoptr(GArray) as_english = NULL;
  g_autoptr(GArray) undone = NULL;
  g_autofree char *check = NULL;
  ScholiaDocument *document;
  gint64 id = add (fixture, "Dorf", german_text);

  document = scholia_store_lookup_document (fixture->store, id);
  g_assert_cmpstr (scholia_document_get_language (document), ==, "de");
  as_german = found (fixture, "Revolution");
  g_assert_cmpuint (as_german->len, ==, 1);

  g_assert_true (scholia_editor_update_document (editor, document, NULL, NULL, NULL, NULL, NULL, "en", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_language (document), ==, "en");
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM documents WHERE language = 'en'"), ==, 1);
  as_english = found (fixture, "Revolution");
  g_assert_cmpuint (as_english->len, ==, 0);

  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_language (scholia_store_lookup_document (fixture->store, id)), ==, "de");
  undone = found (fixture, "Revolution");
  g_assert_cmpuint (undone->len, ==, 1);

  /* The index holds exactly what the essays' rows give, under their languages' stems. */
  test_sql_exec (fixture->path, "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')");

  /* A code libstemmer does not know is refused, the essay unchanged. */
  g_assert_false (scholia_editor_update_document (editor, document, NULL, NULL, NULL, NULL, NULL, "xx", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_cmpstr (scholia_document_get_language (document), ==, "de");
}

/* A library as version 2 wrote it (an unstemmed index, essays without a language): the real
 * migrations up to version 2, then two essays put in by hand. */
static void
write_version_2_library (const char *path)
{
  g_autofree char *insert = NULL;

  test_write_library_at_version (path, 2);
  insert = g_strdup_printf ("INSERT INTO documents (uuid, title, text, characters, checksum, created, modified) VALUES"
                            " ('u1', 'Trotsky', '%s', 90, 'x', 0, 0),"
                            " ('u2', 'Dorf', '%s', 150, 'x', 0, 0);",
                            english_betrayed, german_text);
  test_sql_exec (path, insert);
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'betray'"), ==, 0);
}

#define VERSION_2_CONTENT \
  "SELECT group_concat(id || '|' || uuid || '|' || title || '|' || text || '|' || modified, ';') FROM documents"

/* Version 2's library is upgraded on opening: each essay gets the language its text is in,
 * the index is rebuilt with stems, and nothing else changes. */
static void
test_migration_from_version_2 (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) betray = NULL;
  g_autoptr(GArray) revolution = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *english = NULL;
  g_autofree char *german = NULL;

  g_clear_object (&fixture->store);
  g_remove (fixture->path);
  write_version_2_library (fixture->path);
  before = test_sql_text (fixture->path, VERSION_2_CONTENT);

  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_store_get_schema_version (fixture->store), ==, SCHOLIA_SCHEMA_VERSION);
  betray = found (fixture, "betray");
  revolution = found (fixture, "Revolution");
  g_assert_cmpuint (betray->len, ==, 1);
  g_assert_cmpuint (revolution->len, ==, 2);
  g_clear_object (&fixture->store);

  english = test_sql_text (fixture->path, "SELECT language FROM documents WHERE uuid = 'u1'");
  german = test_sql_text (fixture->path, "SELECT language FROM documents WHERE uuid = 'u2'");
  g_assert_cmpstr (english, ==, "en");
  g_assert_cmpstr (german, ==, "de");
  after = test_sql_text (fixture->path, VERSION_2_CONTENT);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (test_sql_int (fixture->path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
}

/* Version 2's library that cannot be written opens, and searches as an upgraded one would
 * (stems, every hit in an essay), the file untouched. */
static void
test_read_only_version_2 (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GArray) betray = NULL;
  g_autoptr(GArray) revolution = NULL;
  g_autoptr(GArray) hits = NULL;

  g_clear_object (&fixture->store);
  g_remove (fixture->path);
  write_version_2_library (fixture->path);
  before = test_read_bytes (fixture->path);

  fixture->store = scholia_store_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_is_read_only (fixture->store));
  g_assert_cmpint (scholia_store_get_schema_version (fixture->store), ==, 2);
  betray = found (fixture, "betrayal");
  revolution = found (fixture, "Revolution");
  g_assert_cmpuint (betray->len, ==, 1);
  g_assert_cmpuint (revolution->len, ==, 2);
  hits = scholia_store_search_hits (fixture->store, "betrayal", g_array_index (betray, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (g_array_index (hits, ScholiaSearchRange, 0).start, ==, 26);
  g_clear_object (&fixture->store);

  after = test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/stemming/english", Fixture, NULL, fixture_set_up, test_english_stems, fixture_tear_down);
  g_test_add ("/stemming/snippet", Fixture, NULL, fixture_set_up, test_snippet_marks_stemmed_word, fixture_tear_down);
  g_test_add ("/stemming/phrases-and-prefixes", Fixture, NULL, fixture_set_up, test_phrases_and_prefixes,
              fixture_tear_down);
  g_test_add ("/stemming/german-and-french", Fixture, NULL, fixture_set_up, test_german_and_french, fixture_tear_down);
  g_test_add_func ("/stemming/guess-language", test_guess_language);
  g_test_add ("/stemming/hits", Fixture, NULL, fixture_set_up, test_hits_in_one_document, fixture_tear_down);
  g_test_add ("/stemming/language-change-reindexes", Fixture, NULL, fixture_set_up, test_language_change_reindexes,
              fixture_tear_down);
  g_test_add ("/stemming/migration-from-version-2", Fixture, NULL, fixture_set_up, test_migration_from_version_2,
              fixture_tear_down);
  g_test_add ("/stemming/read-only-version-2", Fixture, NULL, fixture_set_up, test_read_only_version_2,
              fixture_tear_down);

  return g_test_run ();
}
