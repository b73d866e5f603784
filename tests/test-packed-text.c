/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Essays' text compressed in the library (schema 17, issue 17): a long essay is stored packed
 * and a short one as it is, and whatever the store gives back (the text, an annotation's quote
 * cut from it, a search's snippet) is the plain text; a library of version 16 with essays and
 * annotations upgrades in place (its index of the text still true to it, the annotations'
 * quotes unchanged, the placed-passages index folded into the index of places in essays) and is
 * still read as it is when it cannot be written; a damaged packed text is refused with an
 * error, not read as garbage. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-schema.h"
#include "scholia-store-private.h"
#include "scholia-text-pack.h"
#include "test-files.h"

#define SHORT_ESSAY "A short note on the weir at Ashby."

/* About 20 kB of sentences about a harbour, which compress well. */
static char *
long_essay (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "The ledger of the harbour at Cullerne counts %u tithes of salt. ", i);
  g_string_append (text, "At the end the almanac names a beacon.");
  return g_string_free (text, FALSE);
}

typedef struct
{
  char            *dir;
  char            *path;
  char            *text;
  ScholiaDocument *essay;  /* owned by the store */
  gint64           annotation_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-packed-text-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->text = long_essay ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->text);
}

/* Adds the two essays and an annotation on the long one's last words. */
static void
fill (Fixture      *fixture,
      ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  ScholiaDocument *short_essay;
  int end = g_utf8_strlen (fixture->text, -1);

  fixture->essay = scholia_store_add_document (store, "Cullerne", "Ilse Marrow", "1911", "", fixture->text, NULL,
                                               &error);
  g_assert_no_error (error);
  short_essay = scholia_store_add_document (store, "Ashby", "Ilse Marrow", "1912", "", SHORT_ESSAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (short_essay);
  annotation = scholia_store_add_annotation (store, fixture->essay, end - 7, end - 1, NULL, 0, NULL, 0, "", &error);
  g_assert_no_error (error);
  fixture->annotation_id = scholia_annotation_get_id (annotation);
}

/* How the file holds an essay's text: "blob" packed, "text" as it is. */
static void
assert_stored_as (const char *path,
                  const char *title,
                  const char *type)
{
  g_autofree char *sql = g_strdup_printf ("SELECT typeof(text) FROM documents WHERE title = '%s'", title);
  g_autofree char *stored = test_sql_text (path, sql);

  g_assert_cmpstr (stored, ==, type);
}

/* What a user reads back: the texts, the annotation's quote and a search's snippet. */
static void
assert_reads_plain (Fixture      *fixture,
                    ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *essay = scholia_store_find_document (store, "Cullerne", &error);
  ScholiaDocument *short_essay;
  g_autofree char *text = NULL;
  g_autofree char *short_text = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) results = NULL;
  ScholiaSearchResult *result;

  g_assert_no_error (error);
  text = scholia_store_load_text (store, essay, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, fixture->text);
  short_essay = scholia_store_find_document (store, "Ashby", &error);
  g_assert_no_error (error);
  short_text = scholia_store_load_text (store, short_essay, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (short_text, ==, SHORT_ESSAY);

  annotation = scholia_store_get_annotation (store, fixture->annotation_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "beacon");

  results = scholia_store_search (store, "beacon", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (result->document_id, ==, scholia_document_get_id (essay));
  g_assert_nonnull (strstr (result->snippet, "names a beacon."));
  g_assert_cmpint (result->offset, ==, g_utf8_strlen (fixture->text, -1) - 7);
}

static void
test_new_library (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->path, &error);

  g_assert_no_error (error);
  fill (fixture, store);
  assert_reads_plain (fixture, store);
  g_clear_object (&store);

  assert_stored_as (fixture->path, "Cullerne", "blob");
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT length(text) FROM documents WHERE title = 'Cullerne'"), <,
                   (gint64) strlen (fixture->text) / 3);
  assert_stored_as (fixture->path, "Ashby", "text");
  /* The index's content is read through scholia_text(): it agrees with every row. */
  test_sql_exec (fixture->path, "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')");
}

/* Replacing the text (a revision re-anchored) keeps it packed and readable, and the annotation
 * its quote from the old text. */
static void
test_replace (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->path, &error);
  g_autofree char *revised = NULL;
  g_autofree char *text = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;

  g_assert_no_error (error);
  fill (fixture, store);
  revised = g_strconcat ("A preface of a few words. ", fixture->text, NULL);
  g_assert_true (scholia_store_replace_text (store, fixture->essay, revised, NULL, NULL, 0, &error));
  g_assert_no_error (error);
  text = scholia_store_load_text (store, fixture->essay, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, revised);
  /* Until it is re-anchored, the annotation keeps what it quoted, taken from the old text. */
  annotation = scholia_store_get_annotation (store, fixture->annotation_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "beacon");
  g_clear_object (&store);
  assert_stored_as (fixture->path, "Cullerne", "blob");
  test_sql_exec (fixture->path, "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')");
}

static void
test_upgrade_from_16 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *read_only = g_build_filename (fixture->dir, "read-only.sqlite3", NULL);
  g_autoptr(GBytes) bytes = NULL;
  const ScholiaMigration *migrations;
  guint n_migrations, n_before = 0;

  migrations = scholia_schema_get_migrations (&n_migrations);
  while (migrations[n_before].version <= SCHOLIA_SCHEMA_ANNOTATION_PLACES)
    n_before++;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = _scholia_store_open_with_migrations (fixture->path, migrations, n_before,
                                                                         &error);

    g_assert_no_error (error);
    fill (fixture, store);
  }
  g_assert_cmpint (test_sql_int (fixture->path, "PRAGMA user_version"), ==, 16);
  assert_stored_as (fixture->path, "Cullerne", "text");

  /* Read where it cannot be written: as it is, unchanged. */
  bytes = test_copy_read_only (fixture->path, read_only);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open_read_only (read_only, &error);
    g_autoptr(GBytes) after = NULL;

    g_assert_no_error (error);
    assert_reads_plain (fixture, store);
    g_clear_object (&store);
    after = test_read_bytes (read_only);
    g_assert_true (g_bytes_equal (after, bytes));
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (fixture->path, &error);

    g_assert_no_error (error);
    assert_reads_plain (fixture, store);
  }
  g_assert_cmpint (test_sql_int (fixture->path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
  assert_stored_as (fixture->path, "Cullerne", "blob");
  assert_stored_as (fixture->path, "Ashby", "text");
  /* The quote is still derived from the text, not written into the row by the upgrade. */
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotations WHERE quote IS NULL"), ==, 1);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM sqlite_master WHERE name = 'annotations_placed'"),
                   ==, 0);
  test_sql_exec (fixture->path, "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')");
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->path, &error);
  g_autoptr(GBytes) packed = NULL;
  g_autofree char *text = NULL;
  const guint8 *bytes;
  gsize size;

  g_assert_no_error (error);
  fill (fixture, store);
  g_clear_object (&store);
  /* The packed text cut short behind Scholia's back. */
  packed = scholia_text_pack (fixture->text, strlen (fixture->text));
  g_assert_nonnull (packed);
  bytes = g_bytes_get_data (packed, &size);
  g_assert_null (scholia_text_unpack (bytes, size - 4, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT);
  g_clear_error (&error);
  test_sql_exec (fixture->path, "DROP TRIGGER documents_fts_update; DROP TRIGGER annotations_keep_passages;"
                                "UPDATE documents SET text = substr(text, 1, 40) WHERE title = 'Cullerne'");

  store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  text = scholia_store_load_text (store, scholia_store_find_document (store, "Cullerne", NULL), &error);
  g_assert_null (text);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/packed-text/new-library", Fixture, NULL, fixture_set_up, test_new_library, fixture_tear_down);
  g_test_add ("/packed-text/replace", Fixture, NULL, fixture_set_up, test_replace,
              fixture_tear_down);
  g_test_add ("/packed-text/upgrade-from-16", Fixture, NULL, fixture_set_up, test_upgrade_from_16, fixture_tear_down);
  g_test_add ("/packed-text/damaged", Fixture, NULL, fixture_set_up, test_damaged, fixture_tear_down);
  return g_test_run ();
}
