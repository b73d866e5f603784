/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-schema.h"
#include "scholia-search-fold.h"
#include "scholia-store-private.h"
#include "cli-runner.h"
#include "test-files.h"

/* Search in Arabic, Persian and Hebrew essays as their readers write: the vowel points and
 * harakat, the tatweel and the letters spelt differently from one keyboard to another are
 * folded on both sides (scholia-search-fold.h), while every hit still points at the word as
 * written, marks included; a library of version 10 gains the folding when it upgrades; and
 * scholia-cli never cuts a snippet between a letter and its marks. The sentences are invented
 * for these tests. */

/* Arabic: a vowelled sentence, a stretched word (tatweel) and one written bare. */
static const char arabic_text[] =
  "فِي الْمَكْتَبَةِ كِتَابٌ عَنْ مِينَاءِ الْمِلْحِ، كَتَبَهُ بَحَّارٌ مَجْهُولٌ.\n"
  "\n"
  "كانت الطالبـــة تقرأ الرسائل في المساء، ثم أعادت الدفتر إلى أمين المدينة.\n";
/* Arabic, unvowelled, for the queries typed with harakat. */
static const char bare_arabic_text[] =
  "اشترى التاجر كتاب الحساب من سوق المدينة القديم.\n";
/* Persian, in its own letters (ک, ی). */
static const char persian_text[] =
  "کتابخانه‌ی شهر یک نسخه‌ی قدیمی از دفتر گمرک دارد.\n";
/* Hebrew: pointed, and bare. */
static const char hebrew_text[] =
  "בַּבֹּקֶר אָמַר הַשּׁוֹמֵר שָׁלוֹם לַדַּיָּגִים.\n";
static const char bare_hebrew_text[] =
  "השומר כתב שלום גדול על דלת המחסן.\n";

typedef struct
{
  char         *dir;
  char         *path;
  ScholiaStore *store;
  gint64        arabic;
  gint64        bare_arabic;
  gint64        persian;
  gint64        hebrew;
  gint64        bare_hebrew;
} Fixture;

static gint64
add_essay (ScholiaStore *store,
           const char   *title,
           const char   *text)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_add_document (store, title, "", "", "", text, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return scholia_document_get_id (document);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-rtl-search-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->arabic = add_essay (fixture->store, "ميناء الملح", arabic_text);
  fixture->bare_arabic = add_essay (fixture->store, "سوق المدينة", bare_arabic_text);
  fixture->persian = add_essay (fixture->store, "دفتر گمرک", persian_text);
  fixture->hebrew = add_essay (fixture->store, "השומר", hebrew_text);
  fixture->bare_hebrew = add_essay (fixture->store, "המחסן", bare_hebrew_text);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static char *
fold (const char *word)
{
  char *out = g_malloc (strlen (word) + 1);

  out[scholia_search_fold_word (word, strlen (word), out)] = '\0';
  return out;
}

/* What is left out and what is made one, and what is kept. */
static void
test_fold_word (void)
{
  const struct { const char *word; const char *folded; } cases[] = {
    { "كِتَابٌ", "كتاب" },
    { "الطالبـــة", "الطالبه" },
    { "أمين", "امين" },
    { "إلى", "الي" },
    { "آثار", "اثار" },
    { "یک", "يك" },
    { "کتابخانه", "كتابخانه" },
    { "مسئول", "مسيول" },
    { "שָׁלוֹם", "שלום" },
    { "הַשּׁוֹמֵר", "השומר" },
    /* Latin is unicode61's to fold; a word of marks alone folds to nothing. */
    { "café", "café" },
    { "\u064B\u0650", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = fold (cases[i].word);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

/* The result of @query in @document: its snippet's first match is @written, as the text has
 * it, and its offset that word's code point in @text. */
static void
assert_finds (Fixture    *fixture,
              const char *query,
              gint64      document,
              const char *text,
              const char *written)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = scholia_store_search (fixture->store, query, 20, &error);
  g_autoptr(GArray) hits = NULL;
  const char *found = strstr (text, written);
  int offset;
  gboolean seen = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (found);
  offset = g_utf8_pointer_to_offset (text, found);
  for (guint i = 0; i < results->len; i++)
    {
      ScholiaSearchResult *result = g_ptr_array_index (results, i);
      const ScholiaSearchRange *range;
      const char *from;
      g_autofree char *matched = NULL;

      if (result->kind != SCHOLIA_SEARCH_TEXT || result->document_id != document)
        continue;
      seen = TRUE;
      g_assert_cmpint (result->offset, ==, offset);
      g_assert_cmpuint (result->matches->len, >=, 1);
      range = &g_array_index (result->matches, ScholiaSearchRange, 0);
      from = g_utf8_offset_to_pointer (result->snippet, range->start);
      matched = g_strndup (from, g_utf8_offset_to_pointer (result->snippet, range->end) - from);
      g_assert_cmpstr (matched, ==, written);
    }
  if (!seen)
    g_error ("“%s” did not find “%s”", query, written);

  /* The hits the reader selects, one by one with Enter: the word with its marks. */
  hits = scholia_store_search_hits (fixture->store, query, document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >=, 1);
  g_assert_cmpint (g_array_index (hits, ScholiaSearchRange, 0).start, ==, offset);
  g_assert_cmpint (g_array_index (hits, ScholiaSearchRange, 0).end, ==, offset + g_utf8_strlen (written, -1));
}

static void
assert_misses (Fixture    *fixture,
               const char *query,
               gint64      document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = scholia_store_search (fixture->store, query, 20, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      ScholiaSearchResult *result = g_ptr_array_index (results, i);

      g_assert_false (result->kind == SCHOLIA_SEARCH_TEXT && result->document_id == document);
    }
}

/* A bare query finds the vowelled word and the stretched one; a vowelled query the bare word. */
static void
test_marks_optional (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_finds (fixture, "كتاب", fixture->arabic, arabic_text, "كِتَابٌ");
  assert_finds (fixture, "كتاب", fixture->bare_arabic, bare_arabic_text, "كتاب");
  assert_finds (fixture, "كِتَابٌ", fixture->bare_arabic, bare_arabic_text, "كتاب");
  assert_finds (fixture, "كِتَابٌ", fixture->arabic, arabic_text, "كِتَابٌ");
  assert_finds (fixture, "بحار", fixture->arabic, arabic_text, "بَحَّارٌ");
  assert_finds (fixture, "الطالبة", fixture->arabic, arabic_text, "الطالبـــة");
  assert_finds (fixture, "שלום", fixture->hebrew, hebrew_text, "שָׁלוֹם");
  assert_finds (fixture, "שָׁלוֹם", fixture->bare_hebrew, bare_hebrew_text, "שלום");
  assert_finds (fixture, "השומר", fixture->hebrew, hebrew_text, "הַשּׁוֹמֵר");
  /* A prefix query is folded too. */
  assert_finds (fixture, "הַמַּחְ*", fixture->bare_hebrew, bare_hebrew_text, "המחסן");
}

/* The letters spelt differently are one: Persian ک and ی typed as Arabic ك and ي (and the
 * reverse), the hamza's alef bare, a taa marbuta typed as heh. */
static void
test_letter_variants (Fixture       *fixture,
                      gconstpointer  data)
{
  assert_finds (fixture, "كتابخانه", fixture->persian, persian_text, "کتابخانه");
  assert_finds (fixture, "يك", fixture->persian, persian_text, "یک");
  assert_finds (fixture, "قديمي", fixture->persian, persian_text, "قدیمی");
  assert_finds (fixture, "گمرک", fixture->persian, persian_text, "گمرک");
  assert_finds (fixture, "امين", fixture->arabic, arabic_text, "أمين");
  assert_finds (fixture, "الى", fixture->arabic, arabic_text, "إلى");
  assert_finds (fixture, "سوق", fixture->bare_arabic, bare_arabic_text, "سوق");
  assert_finds (fixture, "المدينه", fixture->bare_arabic, bare_arabic_text, "المدينة");
  assert_finds (fixture, "اشتري", fixture->bare_arabic, bare_arabic_text, "اشترى");
}

/* A library written by version 10, an Arabic essay in it, finds the vowelled word once
 * upgraded; read-only, it still searches, without the folding (its index is as it was made). */
static void
test_version_10_upgrades (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "v10.sqlite3", NULL);
  g_autofree char *read_only = g_build_filename (fixture->dir, "v10-read-only.sqlite3", NULL);
  guint n_migrations;
  const ScholiaMigration *migrations = scholia_schema_get_migrations (&n_migrations);
  gint64 document = 0;

  g_assert_cmpint (migrations[9].version, ==, 10);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScholiaStore) store = _scholia_store_open_with_migrations (i == 0 ? path : read_only, migrations, 10,
                                                                          &error);
      g_autoptr(GPtrArray) results = NULL;

      g_assert_no_error (error);
      document = add_essay (store, "ميناء الملح", arabic_text);
      /* Version 10 took the harakat for spaces: the bare word is not found. */
      results = scholia_store_search (store, "كتاب", 20, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (results->len, ==, 0);
    }
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, 10);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
    Fixture upgraded = { .store = store };

    g_assert_no_error (error);
    g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
    assert_finds (&upgraded, "كتاب", document, arabic_text, "كِتَابٌ");
    assert_finds (&upgraded, "امين", document, arabic_text, "أمين");
    g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'documents_fts'"
                                         " AND sql LIKE '%fold_marks 1%'"), ==, 1);
  }

  g_assert_cmpint (g_chmod (read_only, 0444), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) before = test_read_bytes (read_only);
    g_autoptr(GBytes) after = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open_read_only (read_only, &error);
    Fixture unchanged = { .store = store };

    g_assert_no_error (error);
    assert_finds (&unchanged, "الرسائل", document, arabic_text, "الرسائل");
    assert_misses (&unchanged, "كتاب", document);
    g_clear_object (&store);
    after = test_read_bytes (read_only);
    g_assert_true (g_bytes_equal (before, after));
  }
}

/* A mark of Arabic or Hebrew (their points and harakat, U+0591–U+06ED): not a letter. */
static gboolean
is_mark (gunichar c)
{
  return g_unichar_ismark (c) && c >= 0x0591 && c <= 0x06ED;
}

/* scholia-cli search prints the vowelled essay's snippets whole: cut around the match, each
 * starts on a letter with its marks and ends after a word's last mark. */
static void
test_cli_snippets_intact (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_auto(CliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;
  guint n_snippets = 0;

  /* Long enough that the snippet is cut at both ends. */
  for (int i = 0; i < 6; i++)
    g_string_append (long_text, "وَقَفَ الْحَارِسُ عِنْدَ بَابِ الْمَخْزَنِ طَوِيلًا، ");
  g_string_append (long_text, "ثُمَّ فَتَحَ الصُّنْدُوقَ الْأَزْرَقَ بِهُدُوءٍ، ");
  for (int i = 0; i < 6; i++)
    g_string_append (long_text, "وَكَتَبَ الْأَرْقَامَ فِي دَفْتَرِهِ الصَّغِيرِ، ");
  g_string_append (long_text, "وَنَامَ.\n");
  add_essay (fixture->store, "الحارس", long_text->str);
  g_clear_object (&fixture->store);

  cli_run (&run, fixture->dir, "--library", fixture->path, "search", "الصندوق", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *snippet = lines[i];
      g_autofree char *piece = NULL;
      const char *found;
      gsize length;

      if (!g_str_has_prefix (snippet, "    …"))
        continue;
      n_snippets++;
      snippet += strlen ("    …");
      g_assert_true (g_str_has_suffix (snippet, "…"));
      length = strlen (snippet) - strlen ("…");
      piece = g_strndup (snippet, length);
      g_assert_nonnull (strstr (piece, "الصُّنْدُوقَ"));
      g_assert_false (is_mark (g_utf8_get_char (piece)));
      found = strstr (long_text->str, piece);
      g_assert_nonnull (found);
      g_assert_false (is_mark (g_utf8_get_char (found + length)));
    }
  g_assert_cmpuint (n_snippets, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rtl-search/fold", test_fold_word);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rtl-search/marks", test_marks_optional);
  ADD ("/rtl-search/letters", test_letter_variants);
  ADD ("/rtl-search/version-10", test_version_10_upgrades);
  ADD ("/rtl-search/cli-snippets", test_cli_snippets_intact);
#undef ADD

  return g_test_run ();
}
