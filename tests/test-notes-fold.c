/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-schema.h"
#include "scholia-store-private.h"
#include "test-files.h"

/* Searching the notes of annotations in Arabic, Persian and Hebrew as their writers spell them
 * (issue 16): since schema version 12 the notes' index folds the harakat, the Hebrew points,
 * the tatweel and the letters spelt differently (scholia-search-fold.h) on both sides, as the
 * essays' index does since version 11, while a hit still marks the word as the note has it.
 * A library of version 11 gains the folding when it upgrades; read-only, it searches the index
 * it has, and the file is left as it was. The notes are invented for these tests. */

#define ESSAY "The harbour ledgers of the salt port, and what the clerks wrote in their margins.\n"
/* Arabic with harakat, and bare; Persian letters; Hebrew pointed, and bare. */
#define VOWELLED_NOTE "فِي هَذَا الْكِتَابِ رِسَالَةٌ مِنْ أَمِينِ الْمِينَاءِ."
#define BARE_NOTE "كتاب الحساب عند التاجر في السوق."
#define PERSIAN_NOTE "یک نسخه‌ی قدیمی از دفتر گمرک."
#define POINTED_NOTE "הַשּׁוֹמֵר כָּתַב שָׁלוֹם עַל הַדֶּלֶת."
#define BARE_HEBREW_NOTE "השומר כתב שלום גדול."
/* Latin, to show the notes are not stemmed: "ledger" finds "ledger", not "ledgers". */
#define LATIN_NOTE "The ledgers disagree with the charter."

typedef struct
{
  char            *dir;
  char            *path;
  ScholiaStore    *store;
  ScholiaDocument *document;
} Fixture;

static gint64
add_note (ScholiaStore    *store,
          ScholiaDocument *document,
          const char      *note)
{
  g_autoptr(GError) error = NULL;
  GListModel *tags = scholia_store_get_labels (store, SCHOLIA_TYPE_TAG);
  g_autoptr(ScholiaLabel) tag = g_list_model_get_item (tags, 0);
  gint64 tag_id = scholia_label_get_id (tag);
  g_autoptr(ScholiaAnnotation) annotation = scholia_store_add_annotation (store, document, 4, 11, &tag_id, 1,
                                                                          NULL, 0, note, &error);

  g_assert_no_error (error);
  return scholia_annotation_get_id (annotation);
}

static ScholiaDocument *
add_essay (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_add_document (store, "The Salt Port", "Leyla Haddad-Orn", "1931", NULL,
                                                          ESSAY, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-notes-fold-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->document = add_essay (fixture->store);
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

/* The note result of @query for annotation @id, or NULL; its first match must read @written. */
static gboolean
finds_note (ScholiaStore *store,
            const char   *query,
            gint64        id,
            const char   *written)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = scholia_store_search (store, query, 50, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      ScholiaSearchResult *result = g_ptr_array_index (results, i);
      const ScholiaSearchRange *range;
      const char *from;
      g_autofree char *matched = NULL;

      if (result->kind != SCHOLIA_SEARCH_NOTE || result->annotation_id != id)
        continue;
      /* The hit is the word as the note writes it, marks and all: the offsets are the text's. */
      g_assert_cmpuint (result->matches->len, >=, 1);
      range = &g_array_index (result->matches, ScholiaSearchRange, 0);
      from = g_utf8_offset_to_pointer (result->snippet, range->start);
      matched = g_strndup (from, g_utf8_offset_to_pointer (result->snippet, range->end) - from);
      g_assert_cmpstr (matched, ==, written);
      return TRUE;
    }
  return FALSE;
}

static void
test_arabic (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 vowelled = add_note (fixture->store, fixture->document, VOWELLED_NOTE);
  gint64 bare = add_note (fixture->store, fixture->document, BARE_NOTE);

  /* The bare word finds the vowelled one, and the vowelled word the bare one. */
  g_assert_true (finds_note (fixture->store, "الكتاب", vowelled, "الْكِتَابِ"));
  g_assert_true (finds_note (fixture->store, "كِتَابٌ", bare, "كتاب"));
  g_assert_true (finds_note (fixture->store, "كتاب", bare, "كتاب"));
  /* A hamza on the alef written or not; the taa marbuta typed as heh. */
  g_assert_true (finds_note (fixture->store, "امين", vowelled, "أَمِينِ"));
  g_assert_true (finds_note (fixture->store, "رساله", vowelled, "رِسَالَةٌ"));
  /* A prefix query is folded too. */
  g_assert_true (finds_note (fixture->store, "الحِسَ*", bare, "الحساب"));
  g_assert_false (finds_note (fixture->store, "كتاب", vowelled, "الْكِتَابِ"));
}

static void
test_persian_and_hebrew (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 persian = add_note (fixture->store, fixture->document, PERSIAN_NOTE);
  gint64 pointed = add_note (fixture->store, fixture->document, POINTED_NOTE);
  gint64 bare = add_note (fixture->store, fixture->document, BARE_HEBREW_NOTE);

  g_assert_true (finds_note (fixture->store, "يك", persian, "یک"));
  g_assert_true (finds_note (fixture->store, "قديمي", persian, "قدیمی"));
  g_assert_true (finds_note (fixture->store, "שלום", pointed, "שָׁלוֹם"));
  g_assert_true (finds_note (fixture->store, "השומר", pointed, "הַשּׁוֹמֵר"));
  g_assert_true (finds_note (fixture->store, "שָׁלוֹם", bare, "שלום"));
}

/* The notes keep being searched word for word, as before: no stemming came with the folding. */
static void
test_latin_unchanged (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 latin = add_note (fixture->store, fixture->document, LATIN_NOTE);

  g_assert_true (finds_note (fixture->store, "ledgers", latin, "ledgers"));
  g_assert_true (finds_note (fixture->store, "ledg*", latin, "ledgers"));
  g_assert_false (finds_note (fixture->store, "ledger", latin, "ledgers"));
  g_assert_true (finds_note (fixture->store, "CHARTER", latin, "charter"));
}

/* An edited note is found by its new words only: the index follows the annotations. */
static void
test_edited_note (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_note (fixture->store, fixture->document, BARE_NOTE);
  g_autoptr(ScholiaAnnotation) annotation = scholia_store_get_annotation (fixture->store, id, &error);

  g_assert_no_error (error);
  g_assert_true (scholia_store_set_annotation_note (fixture->store, annotation, POINTED_NOTE, &error));
  g_assert_no_error (error);
  g_assert_false (finds_note (fixture->store, "كتاب", id, "كتاب"));
  g_assert_true (finds_note (fixture->store, "שלום", id, "שָׁלוֹם"));
}

/* A library written by version 11 with an Arabic note: upgraded, the bare word finds the
 * vowelled note; a read-only copy still searches its old index (the note by a word it holds
 * as written) and is not written to. */
static void
test_version_11_upgrades (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "v11.sqlite3", NULL);
  g_autofree char *read_only = g_build_filename (fixture->dir, "v11-read-only.sqlite3", NULL);
  guint n_migrations;
  const ScholiaMigration *migrations = scholia_schema_get_migrations (&n_migrations);
  gint64 vowelled = 0;
  gint64 bare = 0;

  g_assert_cmpint (migrations[10].version, ==, 11);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScholiaStore) store = _scholia_store_open_with_migrations (i == 0 ? path : read_only, migrations, 11,
                                                                          &error);
      ScholiaDocument *document;

      g_assert_no_error (error);
      document = add_essay (store);
      vowelled = add_note (store, document, VOWELLED_NOTE);
      bare = add_note (store, document, BARE_NOTE);
      /* Version 11 took the harakat for spaces: the bare word misses the vowelled note. */
      g_assert_false (finds_note (store, "الكتاب", vowelled, "الْكِتَابِ"));
      g_assert_true (finds_note (store, "كتاب", bare, "كتاب"));
    }
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, 11);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
    g_assert_true (finds_note (store, "الكتاب", vowelled, "الْكِتَابِ"));
    g_assert_true (finds_note (store, "كِتَابٌ", bare, "كتاب"));
    g_assert_true (finds_note (store, "امين", vowelled, "أَمِينِ"));
    g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'notes_fts'"
                                         " AND sql LIKE '%scholia_fold%'"), ==, 1);
    /* The rebuilt index holds every note: an integrity check reads it against the content. */
    g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM annotations"), ==, 2);
    test_sql_exec (path, "INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)");
  }

  g_assert_cmpint (g_chmod (read_only, 0444), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) before = test_read_bytes (read_only);
    g_autoptr(GBytes) after = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open_read_only (read_only, &error);

    g_assert_no_error (error);
    g_assert_true (finds_note (store, "كتاب", bare, "كتاب"));
    g_assert_false (finds_note (store, "الكتاب", vowelled, "الْكِتَابِ"));
    g_clear_object (&store);
    after = test_read_bytes (read_only);
    g_assert_true (g_bytes_equal (before, after));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/notes-fold/arabic", test_arabic);
  ADD ("/notes-fold/persian-and-hebrew", test_persian_and_hebrew);
  ADD ("/notes-fold/latin-unchanged", test_latin_unchanged);
  ADD ("/notes-fold/edited-note", test_edited_note);
  ADD ("/notes-fold/version-11", test_version_11_upgrades);
#undef ADD

  return g_test_run ();
}
