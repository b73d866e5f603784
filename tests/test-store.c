/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "repro.h"
#include "test-files.h"
#include "scholia-error.h"
#include "scholia-store-private.h"

/* An essay with the characters that break byte-based offsets: curly quotes, dashes, accents,
 * Cyrillic, and one character outside the Basic Multilingual Plane. */
static const char essay[] =
  "The harbour at Varnholm silted up “within a generation” — so wrote Mikołaj Żeleński in 1851.\n\n"
  "Ни один купец не остался. Les négociants partirent vers l’est. The ledger closes with 𝔉inis.";

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-store-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static ScholiaStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  ScholiaStore *store = scholia_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static ScholiaDocument *
add_essay (ScholiaStore *store,
           const char   *title,
           const char   *author)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  document = scholia_store_add_document (store, title, author, "c. 1925", "Harbour Board minutes",
                                         essay, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

/* Opening must fail with @code, name the file, and leave every byte of it as it was. */
static void
assert_refused_unchanged (const char *path,
                          int         code)
{
  g_autoptr(GBytes) before = test_read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = NULL;
  g_autofree char *basename = g_path_get_basename (path);

  store = scholia_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SCHOLIA_ERROR, code);
  g_assert_nonnull (strstr (error->message, basename));

  after = test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_open_creates_library (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autofree char *nested = g_build_filename (fixture->dir, "a", "b", "library.sqlite3", NULL);
  const char *expected[] = { "thesis", "evidence", "source-reference", "counter-argument" };
  GListModel *tags;
  ScholiaCounts counts;
  GStatBuf st;

  store = open_store (nested);
  g_assert_cmpint (scholia_store_get_schema_version (store), ==, SCHOLIA_SCHEMA_VERSION);
  g_assert_cmpstr (scholia_store_get_path (store), ==, nested);

  g_assert_cmpint (g_stat (nested, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  tags = scholia_store_get_labels (store, SCHOLIA_TYPE_TAG);
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(ScholiaLabel) tag = g_list_model_get_item (tags, i);

      g_assert_cmpstr (scholia_label_get_name (tag), ==, expected[i]);
      g_assert_true (scholia_label_get_builtin (tag));
      g_assert_cmpuint (strlen (scholia_label_get_colour (tag)), ==, 7);
    }

  g_assert_true (scholia_store_get_counts (store, &counts, NULL));
  g_assert_cmpuint (counts.documents, ==, 0);
  g_assert_cmpuint (counts.tags, ==, 4);
  g_assert_cmpuint (counts.themes, ==, 0);
  g_assert_cmpuint (counts.annotations, ==, 0);

  g_clear_object (&store);
  g_assert_cmpint (test_sql_int (nested, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
  g_assert_cmpint (test_sql_int (nested, "PRAGMA application_id"), ==, SCHOLIA_APPLICATION_ID);
  g_assert_cmpint (test_sql_int (nested, "PRAGMA foreign_keys"), ==, 0);
}

static void
test_open_reopens_library (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  ScholiaDocument *document;

  add_essay (store, "On the Silting of Varnholm", "Helena Marwick");
  g_clear_object (&store);

  store = open_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 1);
  document = scholia_store_find_document (store, "On the Silting of Varnholm", NULL);
  g_assert_nonnull (document);
  g_assert_cmpstr (scholia_document_get_author (document), ==, "Helena Marwick");
}

static void
test_open_empty_file_becomes_library (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = NULL;

  write_file (fixture->path, "", 0);
  store = open_store (fixture->path);
  g_assert_cmpint (scholia_store_get_schema_version (store), ==, SCHOLIA_SCHEMA_VERSION);
}

static void
test_open_refuses_newer_schema (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *newer = NULL;

  add_essay (store, "An Essay", "Helena Marwick");
  g_clear_object (&store);
  newer = g_strdup_printf ("PRAGMA user_version = %d", SCHOLIA_SCHEMA_VERSION + 1);
  test_sql_exec (fixture->path, newer);

  assert_refused_unchanged (fixture->path, SCHOLIA_ERROR_NEWER_LIBRARY);

  store = scholia_store_open (fixture->path, &error);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NEWER_LIBRARY);
  g_assert_nonnull (strstr (error->message, "newer version of Scholia"));
}

static void
test_open_refuses_foreign_database (Fixture       *fixture,
                                    gconstpointer  data)
{
  test_sql_exec (fixture->path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
  assert_refused_unchanged (fixture->path, SCHOLIA_ERROR_NOT_A_LIBRARY);
}

static void
test_open_refuses_text_file (Fixture       *fixture,
                             gconstpointer  data)
{
  write_file (fixture->path, "These are my lecture notes, not a library.\n", -1);
  assert_refused_unchanged (fixture->path, SCHOLIA_ERROR_NOT_A_LIBRARY);
}

static void
test_open_refuses_folder (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->dir, &error);

  g_assert_null (store);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_A_LIBRARY);
}

/* A library big enough to span many pages, closed so that everything is in the main file. */
static void
make_large_library (const char *path)
{
  g_autoptr(ScholiaStore) store = open_store (path);

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Essay %d", i);

      add_essay (store, title, "Tomasz Lindqvist");
    }
}

static void
test_open_refuses_truncated_file (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GBytes) whole = NULL;
  gsize size;

  make_large_library (fixture->path);
  whole = test_read_bytes (fixture->path);
  size = g_bytes_get_size (whole);
  g_assert_cmpuint (size, >, 8192);
  write_file (fixture->path, g_bytes_get_data (whole, NULL), size / 2);

  assert_refused_unchanged (fixture->path, SCHOLIA_ERROR_CORRUPT);
}

static void
test_open_refuses_corrupt_file (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GBytes) whole = NULL;
  g_autofree char *damaged = NULL;
  gsize size;

  make_large_library (fixture->path);
  whole = test_read_bytes (fixture->path);
  size = g_bytes_get_size (whole);
  damaged = g_memdup2 (g_bytes_get_data (whole, NULL), size);
  /* Scribble over the b-tree pages after the header page, keeping the length. */
  for (gsize i = 4096; i < size; i += 7)
    damaged[i] = (char) (i * 31);
  write_file (fixture->path, damaged, size);

  assert_refused_unchanged (fixture->path, SCHOLIA_ERROR_CORRUPT);
}

/* A checkpoint interrupted by a full disk: the main file's header already counts 714 pages,
 * the file holds 676, the rest are in the write-ahead log beside it. */
static char *
copy_interrupted_checkpoint (Fixture *fixture)
{
  g_autofree char *folder = repro_copy ("diskfull-library", fixture->dir);

  return g_build_filename (folder, "lib.sqlite3", NULL);
}

static void
test_open_recovers_interrupted_checkpoint (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autofree char *path = copy_interrupted_checkpoint (fixture);
  g_autoptr(ScholiaStore) store = open_store (path);
  g_autofree char *integrity = NULL;
  ScholiaCounts counts;
  GStatBuf st;

  g_assert_true (scholia_store_get_counts (store, &counts, NULL));
  g_assert_cmpuint (counts.documents, ==, 13);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 13);
  g_assert_false (scholia_store_is_read_only (store));
  g_assert_nonnull (scholia_store_add_label (store, SCHOLIA_TYPE_TAG, "harbour", NULL, NULL, NULL));
  g_clear_object (&store);

  integrity = test_sql_text (path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  /* Closing completed the checkpoint: the main file alone is whole again. */
  test_assert_nothing_beside (path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, test_sql_int (path, "PRAGMA page_count") * 4096);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM documents"), ==, 13);
}

static void
test_open_refuses_truncated_file_beside_log (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autofree char *path = copy_interrupted_checkpoint (fixture);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GBytes) whole = test_read_bytes (path);
  g_autoptr(GBytes) log = test_read_bytes (wal);
  g_autoptr(GBytes) log_after = NULL;

  /* Cut well below what the log holds: pages are missing from both. */
  write_file (path, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole) / 2);
  assert_refused_unchanged (path, SCHOLIA_ERROR_CORRUPT);
  log_after = test_read_bytes (wal);
  g_assert_true (g_bytes_equal (log, log_after));

  /* The same cut short file without its log. */
  write_file (path, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole));
  g_assert_cmpint (g_remove (wal), ==, 0);
  g_assert_cmpint (g_remove (shm), ==, 0);
  assert_refused_unchanged (path, SCHOLIA_ERROR_CORRUPT);
  test_assert_nothing_beside (path);
}

static void
test_open_leaves_foreign_wal_database_alone (Fixture       *fixture,
                                             gconstpointer  data)
{
  test_sql_exec (fixture->path, "PRAGMA journal_mode = WAL; CREATE TABLE recipes (name TEXT);");
  test_assert_nothing_beside (fixture->path);
  assert_refused_unchanged (fixture->path, SCHOLIA_ERROR_NOT_A_LIBRARY);
  test_assert_nothing_beside (fixture->path);
}

static void
test_open_read_only (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;
  gint64 tag_id;

  add_essay (store, "An Essay", "Helena Marwick");
  g_clear_object (&store);
  before = test_read_bytes (fixture->path);

  store = scholia_store_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_is_read_only (store));
  document = scholia_store_find_document (store, "An Essay", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_author (document), ==, "Helena Marwick");
  tag_id = scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "evidence", NULL));

  g_assert_null (scholia_store_add_annotation (store, document, 0, 11, &tag_id, 1, NULL, 0,
                                               NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "“library.sqlite3” is read-only"));
  g_clear_error (&error);
  g_assert_null (scholia_store_add_label (store, SCHOLIA_TYPE_TAG, "harbour", NULL, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (scholia_store_begin_batch (store, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);

  after = test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  test_assert_nothing_beside (fixture->path);

  /* Nothing is created for a library that is not there. */
  g_assert_null (scholia_store_open_read_only (fixture->dir, &error));
  g_clear_error (&error);
  g_assert_cmpint (g_remove (fixture->path), ==, 0);
  g_assert_null (scholia_store_open_read_only (fixture->path, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* A library whose last changes are still in its log is read through it. */
static void
test_open_read_only_reads_log (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = copy_interrupted_checkpoint (fixture);
  g_autoptr(GBytes) before = test_read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = scholia_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 13);
  g_clear_object (&store);

  after = test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static const char schema_next[] = "CREATE TABLE reading_lists (id INTEGER PRIMARY KEY, name TEXT);";
static const char broken_next[] =
  "CREATE TABLE reading_lists (id INTEGER PRIMARY KEY);"
  "INSERT INTO no_such_table VALUES (1);";

/* Scholia's migrations and one more, after the current version. */
static GArray *
migrations_and (const char *next_sql)
{
  const ScholiaMigration *current;
  ScholiaMigration next = { SCHOLIA_SCHEMA_VERSION + 1, next_sql, NULL };
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (ScholiaMigration));
  guint n;

  current = scholia_schema_get_migrations (&n);
  g_assert_cmpint (current[n - 1].version, ==, SCHOLIA_SCHEMA_VERSION);
  g_array_append_vals (steps, current, n);
  g_array_append_val (steps, next);
  return steps;
}

static void
test_migrate_runs_pending_steps (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GArray) steps = migrations_and (schema_next);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = open_store (fixture->path);
  add_essay (store, "Kept Across the Upgrade", "Adaeze Okafor");
  g_clear_object (&store);

  store = _scholia_store_open_with_migrations (fixture->path, (ScholiaMigration *) steps->data,
                                               steps->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_store_get_schema_version (store), ==, SCHOLIA_SCHEMA_VERSION + 1);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 1);
  g_clear_object (&store);

  g_assert_cmpint (test_sql_int (fixture->path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION + 1);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM sqlite_master WHERE name = 'reading_lists'"), ==, 1);
}

static void
test_migrate_failure_leaves_library_unchanged (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(GArray) steps = migrations_and (broken_next);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *version = g_strdup_printf ("version %d", SCHOLIA_SCHEMA_VERSION + 1);

  store = open_store (fixture->path);
  add_essay (store, "Kept Across the Failed Upgrade", "Adaeze Okafor");
  g_clear_object (&store);
  before = test_read_bytes (fixture->path);

  store = _scholia_store_open_with_migrations (fixture->path, (ScholiaMigration *) steps->data,
                                               steps->len, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, version));

  after = test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (test_sql_int (fixture->path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM sqlite_master WHERE name = 'reading_lists'"), ==, 0);
}

static void
test_documents_round_trip (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  g_autoptr(GArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *uuid = NULL;
  ScholiaDocument *document;
  ScholiaPageRange first = { 0, 95, g_strdup ("12") };
  ScholiaPageRange second = { 95, 0, g_strdup ("13") };
  gint64 id;

  second.end = g_utf8_strlen (essay, -1);
  g_array_append_val (pages, first);
  g_array_append_val (pages, second);

  document = scholia_store_add_document (store, "  The Silting of Varnholm ", "Helena Marwick",
                                         "spring 1917", "Journal of Northern Urban History 12",
                                         essay, pages, &error);
  g_assert_no_error (error);
  id = scholia_document_get_id (document);
  uuid = g_strdup (scholia_document_get_uuid (document));
  g_clear_object (&store);

  store = open_store (fixture->path);
  document = scholia_store_lookup_document (store, id);
  g_assert_nonnull (document);
  g_assert_cmpstr (scholia_document_get_uuid (document), ==, uuid);
  g_assert_cmpstr (scholia_document_get_title (document), ==, "The Silting of Varnholm");
  g_assert_cmpstr (scholia_document_get_author (document), ==, "Helena Marwick");
  g_assert_cmpstr (scholia_document_get_date (document), ==, "spring 1917");
  g_assert_cmpstr (scholia_document_get_source (document), ==, "Journal of Northern Urban History 12");
  g_assert_cmpint (scholia_document_get_characters (document), ==, g_utf8_strlen (essay, -1));
  g_assert_cmpuint (strlen (scholia_document_get_checksum (document)), ==, 64);
  g_assert_cmpint (scholia_document_get_created (document), >, 0);

  text = scholia_store_load_text (store, document, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, essay);

  loaded = scholia_store_load_pages (store, document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 2);
  g_assert_cmpint (g_array_index (loaded, ScholiaPageRange, 1).start, ==, 95);
  g_assert_cmpstr (g_array_index (loaded, ScholiaPageRange, 1).label, ==, "13");
}

static void
test_documents_refuse_bad_text (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;

  g_assert_null (scholia_store_add_document (store, "Empty", NULL, NULL, NULL, "", NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (scholia_store_add_document (store, "Broken", NULL, NULL, NULL, "caf\xe9", NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 0);
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *calls)
{
  (*calls)++;
}

static void
count_store_changes (guint  *calls,
                     gint64  document_id)
{
  (*calls)++;
}

static void
test_documents_update_and_shared_authors (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) authors = NULL;
  ScholiaDocument *first = add_essay (store, "First", "Jules Ferrand");
  ScholiaDocument *second = add_essay (store, "Second", "Jules Ferrand");
  ScholiaDocument *third = add_essay (store, "Third", "Margarethe Voß");
  gint64 second_id = scholia_document_get_id (second);

  g_assert_true (scholia_store_update_document (store, first, "First, Revised", NULL, "1991", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_title (first), ==, "First, Revised");
  g_assert_cmpstr (scholia_document_get_date (first), ==, "1991");
  g_assert_cmpstr (scholia_document_get_source (first), ==, "Harbour Board minutes");

  g_assert_false (scholia_store_update_document (store, first, "  ", NULL, NULL, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);

  /* Rename once: every document follows. */
  g_assert_true (scholia_store_rename_author (store, "Jules Ferrand", "Jules Ferrand-Baptiste", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_author (first), ==, "Jules Ferrand-Baptiste");
  g_assert_cmpstr (scholia_document_get_author (second), ==, "Jules Ferrand-Baptiste");

  /* Renaming onto an existing author merges them. */
  g_assert_true (scholia_store_rename_author (store, "Margarethe Voß", "jules ferrand-baptiste", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_author (third), ==, "Jules Ferrand-Baptiste");
  authors = scholia_store_list_authors (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (authors), ==, 1);

  g_clear_object (&store);
  store = open_store (fixture->path);
  g_assert_cmpstr (scholia_document_get_author (scholia_store_lookup_document (store, second_id)), ==,
                   "Jules Ferrand-Baptiste");
}

static void
test_documents_find (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  ScholiaDocument *document = add_essay (store, "Harbours and Hinterlands", "Helena Marwick");

  id = g_strdup_printf ("%" G_GINT64_FORMAT, scholia_document_get_id (document));
  g_assert_true (scholia_store_find_document (store, id, NULL) == document);
  g_assert_true (scholia_store_find_document (store, "harbours and hinterlands", NULL) == document);
  g_assert_true (scholia_store_find_document (store, scholia_document_get_uuid (document), NULL) == document);

  g_assert_null (scholia_store_find_document (store, "No Such Essay", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  add_essay (store, "Harbours and Hinterlands", "Tomasz Lindqvist");
  g_assert_null (scholia_store_find_document (store, "Harbours and Hinterlands", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_AMBIGUOUS);
}

static void
test_documents_delete_cascades (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  ScholiaDocument *document = add_essay (store, "Doomed", "Helena Marwick");
  ScholiaDocument *kept = add_essay (store, "Kept", "Tomasz Lindqvist");
  ScholiaLabel *theme = scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Trade", NULL, NULL, &error);
  gint64 tag_id = scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "thesis", NULL));
  gint64 theme_id = scholia_label_get_id (theme);
  guint changes = 0;
  ScholiaCounts counts;

  annotation = scholia_store_add_annotation (store, document, 0, 11, &tag_id, 1, &theme_id, 1, "note", &error);
  g_assert_no_error (error);
  g_clear_object (&annotation);
  annotation = scholia_store_add_annotation (store, kept, 0, 11, &tag_id, 1, NULL, 0, NULL, &error);
  g_assert_no_error (error);

  g_signal_connect (scholia_store_get_documents (store), "items-changed",
                    G_CALLBACK (count_items_changed), &changes);
  g_assert_true (scholia_store_delete_document (store, document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 1);

  g_assert_true (scholia_store_get_counts (store, &counts, &error));
  g_assert_cmpuint (counts.documents, ==, 1);
  g_assert_cmpuint (counts.annotations, ==, 1);
  g_assert_cmpuint (counts.authors, ==, 1);
  g_clear_object (&annotation);
  g_clear_object (&store);

  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotation_tags"), ==, 1);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotation_themes"), ==, 0);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'note'"), ==, 0);
}

static void
test_documents_delete_and_restore (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(ScholiaDeletedDocument) deleted = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ScholiaAnnotation) restored_annotation = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *text = NULL;
  ScholiaDocument *first = add_essay (store, "First", "Helena Marwick");
  ScholiaDocument *second = add_essay (store, "Second", "Adaeze Okafor");
  ScholiaDocument *restored;
  ScholiaLabel *theme = scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Silt", NULL, NULL, NULL);
  ScholiaLabel *tag = scholia_store_add_label (store, SCHOLIA_TYPE_TAG, "doomed", NULL, NULL, NULL);
  gint64 tag_ids[2] = { scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "evidence", NULL)), scholia_label_get_id (tag) };
  gint64 theme_id = scholia_label_get_id (theme);
  gint64 id = scholia_document_get_id (first);
  gint64 annotation_id;
  guint n_ids;

  annotation = scholia_store_add_annotation (store, first, 4, 11, tag_ids, 2, &theme_id, 1, "A note", &error);
  g_assert_no_error (error);
  annotation_id = scholia_annotation_get_id (annotation);
  uuid = g_strdup (scholia_document_get_uuid (first));

  deleted = scholia_store_delete_document_undoable (store, first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_null (scholia_store_lookup_document (store, id));
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotations"), ==, 0);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM authors"), ==, 1);

  /* A tag deleted in the meantime is simply not restored. */
  g_assert_true (scholia_store_delete_label (store, tag, &error));

  restored = scholia_store_restore_document (store, deleted, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpint (scholia_document_get_id (restored), ==, id);
  g_assert_cmpstr (scholia_document_get_uuid (restored), ==, uuid);
  g_assert_cmpstr (scholia_document_get_author (restored), ==, "Helena Marwick");
  g_assert_cmpuint (scholia_document_get_annotation_count (restored), ==, 1);
  g_assert_true (scholia_store_lookup_document (store, scholia_document_get_id (second)) == second);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 2);

  text = scholia_store_load_text (store, restored, &error);
  g_assert_cmpstr (text, ==, essay);
  list = scholia_store_list_annotations (store, restored, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  restored_annotation = g_list_model_get_item (list, 0);
  g_assert_cmpint (scholia_annotation_get_id (restored_annotation), ==, annotation_id);
  g_assert_cmpstr (scholia_annotation_get_note (restored_annotation), ==, "A note");
  scholia_annotation_get_tag_ids (restored_annotation, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_true (scholia_annotation_has_theme (restored_annotation, theme_id));
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Zelenski'"), ==, 2);
}

static void
test_batch_commits_together (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_store_begin_batch (store, &error));
  add_essay (store, "First of the batch", "Helena Marwick");
  /* A failing change inside a batch is undone alone. */
  g_assert_null (scholia_store_add_document (store, "Empty", NULL, NULL, NULL, "", NULL, &error));
  g_clear_error (&error);
  add_essay (store, "Second of the batch", "Helena Marwick");
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM documents"), ==, 0);
  g_assert_true (scholia_store_commit_batch (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM documents"), ==, 2);

  /* A batch never committed (the process ends) leaves nothing behind. */
  g_assert_true (scholia_store_begin_batch (store, &error));
  add_essay (store, "Lost with its batch", "Tomasz Lindqvist");
  g_clear_object (&store);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM documents"), ==, 2);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM authors"), ==, 1);
}

static void
test_tags_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  ScholiaLabel *tag;
  gint64 id;

  tag = scholia_store_add_label (store, SCHOLIA_TYPE_TAG, " periodisation ", "#9141AC", "Where eras begin", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_label_get_name (tag), ==, "periodisation");
  g_assert_cmpint (scholia_label_get_position (tag), ==, 4);
  g_assert_false (scholia_label_get_builtin (tag));
  id = scholia_label_get_id (tag);

  g_assert_null (scholia_store_add_label (store, SCHOLIA_TYPE_TAG, "Thesis", NULL, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (scholia_store_add_label (store, SCHOLIA_TYPE_TAG, "colourless", "blue", NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (scholia_store_update_label (store, scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "thesis", NULL),
                                           "claim", "#1c71d8", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (fixture->path);
  tag = scholia_store_lookup_label (store, SCHOLIA_TYPE_TAG, id);
  g_assert_cmpstr (scholia_label_get_colour (tag), ==, "#9141ac");
  g_assert_cmpstr (scholia_label_get_description (tag), ==, "Where eras begin");
  g_assert_null (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "thesis", NULL));
  tag = scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "claim", NULL);
  g_assert_cmpstr (scholia_label_get_colour (tag), ==, "#1c71d8");
  g_assert_true (scholia_label_get_builtin (tag));

  g_assert_true (scholia_store_delete_label (store, scholia_store_lookup_label (store, SCHOLIA_TYPE_TAG, id), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG)), ==, 4);
}

static const char *
tag_name_at (ScholiaStore *store,
             guint         index)
{
  g_autoptr(ScholiaLabel) tag = g_list_model_get_item (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG), index);

  return scholia_label_get_name (tag);
}

static void
test_tags_move_merge_restore (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) both = NULL;
  g_autoptr(ScholiaAnnotation) only_evidence = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(ScholiaLabel) deleted = NULL;
  ScholiaDocument *document = add_essay (store, "Varnholm", "Helena Marwick");
  ScholiaLabel *thesis = scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "thesis", NULL);
  ScholiaLabel *evidence = scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "evidence", NULL);
  gint64 pair[2] = { scholia_label_get_id (thesis), scholia_label_get_id (evidence) };
  gint64 evidence_id = pair[1];
  gint64 thesis_id = pair[0];
  const gint64 *tag_ids;
  guint n_ids;

  both = scholia_store_add_annotation (store, document, 0, 10, pair, 2, NULL, 0, NULL, &error);
  only_evidence = scholia_store_add_annotation (store, document, 20, 30, &pair[1], 1, NULL, 0, NULL, &error);
  g_assert_no_error (error);

  /* Reorder: evidence first. */
  g_assert_true (scholia_store_move_label (store, evidence, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tag_name_at (store, 0), ==, "evidence");
  g_assert_cmpstr (tag_name_at (store, 1), ==, "thesis");
  g_assert_cmpint (scholia_label_get_position (evidence), ==, 0);

  ids = scholia_store_get_label_annotation_ids (store, evidence, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  /* Merge evidence into thesis: the annotation with both keeps one thesis. */
  g_assert_true (scholia_store_merge_labels (store, evidence, thesis, &error));
  g_assert_no_error (error);
  g_assert_null (scholia_store_lookup_label (store, SCHOLIA_TYPE_TAG, evidence_id));
  tag_ids = scholia_annotation_get_tag_ids (both, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_cmpint (tag_ids[0], ==, thesis_id);
  tag_ids = scholia_annotation_get_tag_ids (only_evidence, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_cmpint (tag_ids[0], ==, thesis_id);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotation_tags"), ==, 2);

  /* Delete thesis, then restore it in its place with its annotations. */
  deleted = g_object_ref (thesis);
  ids = scholia_store_get_label_annotation_ids (store, thesis, &error);
  g_assert_true (scholia_store_delete_label (store, thesis, &error));
  g_assert_false (scholia_annotation_has_tag (both, thesis_id));
  g_assert_true (scholia_store_restore_label (store, deleted, ids, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_store_lookup_label (store, SCHOLIA_TYPE_TAG, thesis_id) == deleted);
  g_assert_cmpstr (tag_name_at (store, 0), ==, "thesis");
  g_assert_true (scholia_annotation_has_tag (both, thesis_id));
  g_assert_true (scholia_annotation_has_tag (only_evidence, thesis_id));
  g_clear_object (&both);
  g_clear_object (&only_evidence);
  g_clear_object (&store);

  store = open_store (fixture->path);
  g_assert_cmpstr (tag_name_at (store, 0), ==, "thesis");
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG)), ==, 3);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotation_tags"), ==, 2);
}

static void
test_annotations_restore_and_anchor (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(ScholiaAnnotation) first = NULL;
  g_autoptr(GListModel) list = NULL;
  ScholiaDocument *document = add_essay (store, "Varnholm", "Helena Marwick");
  gint64 tag_id = scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "evidence", NULL));
  g_autofree char *uuid = NULL;
  gint64 id;

  list = scholia_store_list_annotations (store, document, &error);
  annotation = scholia_store_add_annotation (store, document, 40, 50, &tag_id, 1, NULL, 0, "Kept", &error);
  g_assert_no_error (error);
  id = scholia_annotation_get_id (annotation);
  uuid = g_strdup (scholia_annotation_get_uuid (annotation));

  g_assert_true (scholia_store_delete_annotation (store, annotation, &error));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_true (scholia_store_restore_annotation (store, annotation, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpuint (scholia_document_get_annotation_count (document), ==, 1);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotation_tags"), ==, 1);

  g_assert_true (scholia_store_set_annotation_anchor (store, annotation, 2, 12, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, 2);
  g_assert_true (scholia_store_set_annotation_anchor (store, annotation, -1, -1, TRUE, &error));
  g_assert_true (scholia_annotation_get_orphaned (annotation));
  g_assert_cmpint (scholia_annotation_get_end (annotation), ==, 12);
  g_clear_object (&annotation);
  g_clear_object (&list);
  g_clear_object (&store);

  store = open_store (fixture->path);
  list = scholia_store_list_annotations (store, scholia_store_find_document (store, "Varnholm", NULL), &error);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpint (scholia_annotation_get_id (first), ==, id);
  g_assert_cmpstr (scholia_annotation_get_uuid (first), ==, uuid);
  g_assert_cmpstr (scholia_annotation_get_note (first), ==, "Kept");
  g_assert_true (scholia_annotation_get_orphaned (first));
  g_assert_cmpint (scholia_annotation_get_start (first), ==, 2);
}

static void
test_themes_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  ScholiaLabel *theme;
  gint64 id;

  theme = scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "The railway", NULL, "Trains and towns", &error);
  g_assert_no_error (error);
  id = scholia_label_get_id (theme);
  g_assert_true (scholia_store_update_label (store, theme, "Railways", "#26a269", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "railways", NULL, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS);
  g_clear_object (&store);

  store = open_store (fixture->path);
  theme = scholia_store_lookup_label (store, SCHOLIA_TYPE_THEME, id);
  g_assert_cmpstr (scholia_label_get_name (theme), ==, "Railways");
  g_assert_cmpstr (scholia_label_get_colour (theme), ==, "#26a269");
  g_assert_cmpstr (scholia_label_get_description (theme), ==, "Trains and towns");
  g_assert_true (scholia_store_find_label (store, SCHOLIA_TYPE_THEME, "RAILWAYS", NULL) == theme);
}

static void
test_annotations_round_trip (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ScholiaAnnotation) loaded = NULL;
  ScholiaDocument *document = add_essay (store, "Varnholm", "Helena Marwick");
  ScholiaLabel *theme = scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Decline", NULL, NULL, NULL);
  gint64 tags[2];
  gint64 theme_id = scholia_label_get_id (theme);
  const gint64 *ids;
  guint n_ids;
  const char *text_start = g_utf8_offset_to_pointer (essay, 0);
  int start = g_utf8_pointer_to_offset (text_start, strstr (essay, "“within"));
  int end = g_utf8_pointer_to_offset (text_start, strstr (essay, " — so"));
  gint64 document_id = scholia_document_get_id (document);

  tags[0] = scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "evidence", NULL));
  tags[1] = scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "thesis", NULL));

  annotation = scholia_store_add_annotation (store, document, start, end, tags, 2, &theme_id, 1,
                                             "Żeleński is the only witness", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "“within a generation”");
  g_assert_cmpstr (scholia_annotation_get_prefix (annotation), ==, "e harbour at Varnholm silted up ");
  g_assert_cmpint (g_utf8_strlen (scholia_annotation_get_suffix (annotation), -1), ==, 32);
  g_assert_cmpstr (scholia_annotation_get_suffix (annotation), ==, " — so wrote Mikołaj Żeleński in ");
  g_assert_cmpuint (scholia_document_get_annotation_count (document), ==, 1);
  g_clear_object (&annotation);
  g_clear_object (&store);

  store = open_store (fixture->path);
  document = scholia_store_lookup_document (store, document_id);
  g_assert_cmpuint (scholia_document_get_annotation_count (document), ==, 1);
  list = scholia_store_list_annotations (store, document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  loaded = g_list_model_get_item (list, 0);
  g_assert_cmpint (scholia_annotation_get_start (loaded), ==, start);
  g_assert_cmpint (scholia_annotation_get_end (loaded), ==, end);
  g_assert_cmpstr (scholia_annotation_get_note (loaded), ==, "Żeleński is the only witness");
  ids = scholia_annotation_get_tag_ids (loaded, &n_ids);
  g_assert_cmpuint (n_ids, ==, 2);
  g_assert_cmpint (ids[0], ==, tags[0]);
  g_assert_cmpint (ids[1], ==, tags[1]);
  g_assert_true (scholia_annotation_has_theme (loaded, theme_id));

  g_assert_true (scholia_store_set_annotation_note (store, loaded, "Corroborated in 1852", &error));
  g_assert_true (scholia_store_set_annotation_labels (store, loaded, SCHOLIA_TYPE_TAG, &tags[1], 1, &error));
  g_assert_true (scholia_store_set_annotation_labels (store, loaded, SCHOLIA_TYPE_THEME, NULL, 0, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  g_clear_object (&list);
  g_clear_object (&store);

  store = open_store (fixture->path);
  document = scholia_store_lookup_document (store, document_id);
  list = scholia_store_list_annotations (store, document, &error);
  loaded = g_list_model_get_item (list, 0);
  g_assert_cmpstr (scholia_annotation_get_note (loaded), ==, "Corroborated in 1852");
  scholia_annotation_get_tag_ids (loaded, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_true (scholia_annotation_has_tag (loaded, tags[1]));
  scholia_annotation_get_theme_ids (loaded, &n_ids);
  g_assert_cmpuint (n_ids, ==, 0);

  g_assert_true (scholia_store_delete_annotation (store, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpuint (scholia_document_get_annotation_count (document), ==, 0);
}

static void
test_annotations_refuse_bad_spans (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = add_essay (store, "Varnholm", "Helena Marwick");
  int length = g_utf8_strlen (essay, -1);
  int paragraph_break = g_utf8_pointer_to_offset (essay, strstr (essay, "\n\n"));
  gint64 missing_tag = 999;

  g_assert_null (scholia_store_add_annotation (store, document, 5, 5, NULL, 0, NULL, 0, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (scholia_store_add_annotation (store, document, length - 2, length + 1, NULL, 0, NULL, 0, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (scholia_store_add_annotation (store, document, paragraph_break, paragraph_break + 2,
                                               NULL, 0, NULL, 0, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (scholia_store_add_annotation (store, document, 0, 3, &missing_tag, 1, NULL, 0, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The last character, outside the BMP, is one code point. */
  g_assert_nonnull (scholia_store_add_annotation (store, document, length - 6, length - 1, NULL, 0, NULL, 0,
                                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotations"), ==, 1);
}

static void
test_annotations_live_list (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ScholiaAnnotation) later = NULL;
  g_autoptr(ScholiaAnnotation) earlier = NULL;
  g_autoptr(ScholiaAnnotation) first = NULL;
  ScholiaDocument *document = add_essay (store, "Varnholm", "Helena Marwick");
  ScholiaLabel *tag = scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "evidence", NULL);
  gint64 tag_id = scholia_label_get_id (tag);
  guint changes = 0;
  guint store_changes = 0;

  list = scholia_store_list_annotations (store, document, &error);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_items_changed), &changes);
  g_signal_connect_swapped (store, "annotations-changed", G_CALLBACK (count_store_changes), &store_changes);

  /* Every caller shares the one live list, and each holds its own reference. */
  {
    GListModel *again = scholia_store_list_annotations (store, document, &error);

    g_assert_true (again == list);
    g_object_unref (again);
  }

  later = scholia_store_add_annotation (store, document, 40, 50, &tag_id, 1, NULL, 0, NULL, &error);
  earlier = scholia_store_add_annotation (store, document, 10, 20, &tag_id, 1, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (store_changes, ==, 2);
  first = g_list_model_get_item (list, 0);
  g_assert_true (first == earlier);

  /* Deleting a tag takes it off the annotations that views are showing. */
  g_assert_true (scholia_store_delete_label (store, tag, &error));
  g_assert_cmpuint (store_changes, ==, 3);
  g_assert_false (scholia_annotation_has_tag (later, tag_id));
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotation_tags"), ==, 0);
}

/* An annotation nobody holds any more is forgotten: asking for it again reads it afresh (the
 * store does not hand out the freed object, which AddressSanitizer would catch), while one
 * still held is the same object, following every change. */
static void
test_annotations_forgotten_when_dropped (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ScholiaAnnotation) kept = NULL;
  ScholiaDocument *document = add_essay (store, "Varnholm", "Helena Marwick");

  for (int i = 0; i < 200; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = scholia_store_add_annotation (store, document, i % 40, i % 40 + 3,
                                                                              NULL, 0, NULL, 0, NULL, &error);
      gint64 id;

      g_assert_no_error (error);
      id = scholia_annotation_get_id (annotation);
      g_array_append_val (ids, id);
    }
  kept = scholia_store_get_annotation (store, g_array_index (ids, gint64, 100), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(ScholiaAnnotation) again = NULL;

      {
        g_autoptr(ScholiaAnnotation) annotation = scholia_store_get_annotation (store, id, &error);

        g_assert_no_error (error);
        g_assert_true (scholia_store_set_annotation_note (store, annotation, "Read again.", &error));
        g_assert_no_error (error);
      }
      again = scholia_store_get_annotation (store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (scholia_annotation_get_id (again), ==, id);
      g_assert_cmpstr (scholia_annotation_get_note (again), ==, "Read again.");
      if (i == 100)
        g_assert_true (again == kept);
    }
}

/* A library written by schema version 1, the one before authors had sort keys. */
static void
write_v1_library (const char *path)
{
  const ScholiaMigration *migrations;
  guint n;

  migrations = scholia_schema_get_migrations (&n);
  g_assert_cmpint (migrations[0].version, ==, 1);
  test_sql_exec (path, migrations[0].sql);
  test_sql_exec (path,
                 "INSERT INTO authors (id, name) VALUES (1, 'Anonymous (excerpt A)'),"
                 "  (2, 'Clara van Dijk'), (3, 'Tomas Berg');"
                 "INSERT INTO documents (id, uuid, title, author_id, date, source, text, characters,"
                 "  checksum, created, modified) VALUES"
                 "  (1, 'u1', 'Excerpt', 1, '1924', '', 'Grain left the port.', 20, 'c1', 10, 11),"
                 "  (2, 'u2', 'Barges', 2, '1925', '', 'Barges left the port.', 21, 'c2', 12, 13),"
                 "  (3, 'u3', 'Ledgers', 3, '1926', '', 'Ledgers closed.', 15, 'c3', 14, 15),"
                 "  (4, 'u4', 'Unsigned', NULL, '', '', 'No one signed.', 14, 'c4', 16, 17);"
                 "INSERT INTO annotations (id, uuid, document_id, start_offset, end_offset, quote,"
                 "  created, modified) VALUES (1, 'a1', 2, 0, 6, 'Barges', 20, 21);"
                 "PRAGMA user_version = 1;"
                 "PRAGMA application_id = 1399023724;");
}

#define V1_CONTENT \
  "SELECT (SELECT group_concat(id || '|' || uuid || '|' || title || '|' || coalesce(author_id, '-')" \
  "  || '|' || date || '|' || text || '|' || modified, ';') FROM documents)" \
  " || (SELECT group_concat(id || '|' || name, ';') FROM authors)" \
  " || (SELECT group_concat(id || '|' || scholia_passage(0, quote, document_id, start_offset, end_offset) || '|' || start_offset, ';')" \
  "     FROM annotations)"

/* Issue 12: the migration to schema 2 gives every author a guessed sort key, and nothing else
 * in the library changes. */
static void
test_migrate_guesses_author_sort_keys (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaDocument) unsigned_document = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *keys = NULL;

  write_v1_library (fixture->path);
  before = test_sql_text (fixture->path, V1_CONTENT);

  store = open_store (fixture->path);
  g_assert_cmpint (scholia_store_get_schema_version (store), ==, SCHOLIA_SCHEMA_VERSION);
  g_assert_cmpstr (scholia_document_get_author_sort_key (scholia_store_lookup_document (store, 1)), ==, "Anonymous");
  g_assert_cmpstr (scholia_document_get_author_sort_key (scholia_store_lookup_document (store, 2)), ==, "Dijk, Clara van");
  g_assert_cmpstr (scholia_document_get_author_sort_key (scholia_store_lookup_document (store, 3)), ==, "Berg, Tomas");
  g_assert_cmpstr (scholia_document_get_author_sort_key (scholia_store_lookup_document (store, 4)), ==, "");
  g_clear_object (&store);

  g_assert_cmpint (test_sql_int (fixture->path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
  keys = test_sql_text (fixture->path, "SELECT group_concat(sort_key, ';') FROM (SELECT sort_key FROM authors ORDER BY id)");
  g_assert_cmpstr (keys, ==, "Anonymous;Dijk, Clara van;Berg, Tomas");
  after = test_sql_text (fixture->path, V1_CONTENT);
  g_assert_cmpstr (after, ==, before);

  store = open_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 4);
}

/* A version 1 library that cannot be written reads with guessed keys, untouched. */
static void
test_migrate_read_only_guesses_author_sort_keys (Fixture       *fixture,
                                                 gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  write_v1_library (fixture->path);
  before = test_read_bytes (fixture->path);

  store = scholia_store_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_store_get_schema_version (store), ==, 1);
  g_assert_cmpstr (scholia_document_get_author_sort_key (scholia_store_lookup_document (store, 2)), ==, "Dijk, Clara van");
  g_clear_object (&store);

  after = test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* The migration to schema 2 moves built-in tags still on version 1's colours (a blue thesis
 * all but the colour of a selection) to the palette's; a colour the user chose stays. */
static void
test_migrate_recolours_builtin_tags (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *colours = NULL;

  write_v1_library (fixture->path);
  test_sql_exec (fixture->path, "UPDATE tags SET colour = '#613583' WHERE name = 'evidence'");
  before = test_read_bytes (fixture->path);

  /* Read without writing: the new colours, the file untouched. */
  store = scholia_store_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_label_get_colour (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "thesis", NULL)),
                   ==, "#a01890");
  g_clear_object (&store);
  after = test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));

  store = open_store (fixture->path);
  g_assert_cmpstr (scholia_label_get_colour (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "thesis", NULL)),
                   ==, "#a01890");
  g_clear_object (&store);
  colours = test_sql_text (fixture->path, "SELECT group_concat(colour, ';') FROM (SELECT colour FROM tags ORDER BY id)");
  g_assert_cmpstr (colours, ==, "#a01890;#613583;#d07020;#ff0008");
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_author_sort_key_set (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ScholiaDocument *first, *second, *other;
  g_autofree char *stored = NULL;
  guint notified = 0;

  store = open_store (fixture->path);
  first = add_essay (store, "Ledgers", "Tomas Berg");
  second = add_essay (store, "Barges", "tomas berg");
  other = add_essay (store, "Grain", "Clara van Dijk");
  g_assert_cmpstr (scholia_document_get_author_sort_key (first), ==, "Berg, Tomas");
  g_assert_cmpstr (scholia_document_get_author_sort_key (second), ==, "Berg, Tomas");
  g_assert_cmpstr (scholia_document_get_author_sort_key (other), ==, "Dijk, Clara van");

  g_signal_connect (first, "notify::author-sort-key", G_CALLBACK (count_notify_cb), &notified);
  g_signal_connect (second, "notify::author-sort-key", G_CALLBACK (count_notify_cb), &notified);
  g_assert_true (scholia_store_set_author_sort_key (store, "Tomas Berg", "  Zed, Tomas ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (scholia_document_get_author_sort_key (first), ==, "Zed, Tomas");
  g_assert_cmpstr (scholia_document_get_author_sort_key (second), ==, "Zed, Tomas");
  g_assert_cmpstr (scholia_document_get_author_sort_key (other), ==, "Dijk, Clara van");
  stored = scholia_store_dup_author_sort_key (store, "Tomas Berg");
  g_assert_cmpstr (stored, ==, "Zed, Tomas");
  g_assert_null (scholia_store_dup_author_sort_key (store, "No One"));

  /* The same key again is no change. */
  g_assert_true (scholia_store_set_author_sort_key (store, "Tomas Berg", "Zed, Tomas", &error));
  g_assert_cmpuint (notified, ==, 2);

  g_assert_false (scholia_store_set_author_sort_key (store, "No One", "One, No", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Kept across a rename, since the user chose it; a guessed key follows the name. */
  g_assert_true (scholia_store_rename_author (store, "Tomas Berg", "Tomas Bergman", &error));
  g_assert_cmpstr (scholia_document_get_author_sort_key (first), ==, "Zed, Tomas");
  g_assert_true (scholia_store_rename_author (store, "Clara van Dijk", "Clara van Dyke", &error));
  g_assert_cmpstr (scholia_document_get_author_sort_key (other), ==, "Dyke, Clara van");
  g_assert_no_error (error);
  g_clear_object (&store);

  g_free (stored);
  stored = test_sql_text (fixture->path, "SELECT sort_key FROM authors WHERE name = 'Tomas Bergman'");
  g_assert_cmpstr (stored, ==, "Zed, Tomas");
  store = open_store (fixture->path);
  g_assert_cmpstr (scholia_document_get_author_sort_key (scholia_store_lookup_document (store, 1)), ==, "Zed, Tomas");

  /* A blank key asks for the guess again. */
  g_assert_true (scholia_store_set_author_sort_key (store, "Tomas Bergman", "", &error));
  g_assert_cmpstr (scholia_document_get_author_sort_key (scholia_store_lookup_document (store, 1)), ==, "Bergman, Tomas");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/open/creates-library", test_open_creates_library);
  ADD ("/store/open/reopens-library", test_open_reopens_library);
  ADD ("/store/open/empty-file-becomes-library", test_open_empty_file_becomes_library);
  ADD ("/store/open/refuses-newer-schema", test_open_refuses_newer_schema);
  ADD ("/store/open/refuses-foreign-database", test_open_refuses_foreign_database);
  ADD ("/store/open/refuses-text-file", test_open_refuses_text_file);
  ADD ("/store/open/refuses-folder", test_open_refuses_folder);
  ADD ("/store/open/refuses-truncated-file", test_open_refuses_truncated_file);
  ADD ("/store/open/refuses-corrupt-file", test_open_refuses_corrupt_file);
  ADD ("/store/open/recovers-interrupted-checkpoint", test_open_recovers_interrupted_checkpoint);
  ADD ("/store/open/refuses-truncated-file-beside-log", test_open_refuses_truncated_file_beside_log);
  ADD ("/store/open/leaves-foreign-wal-database-alone", test_open_leaves_foreign_wal_database_alone);
  ADD ("/store/open/read-only", test_open_read_only);
  ADD ("/store/open/read-only-reads-log", test_open_read_only_reads_log);
  ADD ("/store/migrate/runs-pending-steps", test_migrate_runs_pending_steps);
  ADD ("/store/migrate/failure-leaves-library-unchanged", test_migrate_failure_leaves_library_unchanged);
  ADD ("/store/migrate/guesses-author-sort-keys", test_migrate_guesses_author_sort_keys);
  ADD ("/store/migrate/read-only-guesses-author-sort-keys", test_migrate_read_only_guesses_author_sort_keys);
  ADD ("/store/migrate/recolours-builtin-tags", test_migrate_recolours_builtin_tags);
  ADD ("/store/authors/set-sort-key", test_author_sort_key_set);
  ADD ("/store/documents/round-trip", test_documents_round_trip);
  ADD ("/store/documents/refuse-bad-text", test_documents_refuse_bad_text);
  ADD ("/store/documents/update-and-shared-authors", test_documents_update_and_shared_authors);
  ADD ("/store/documents/find", test_documents_find);
  ADD ("/store/documents/delete-cascades", test_documents_delete_cascades);
  ADD ("/store/documents/delete-and-restore", test_documents_delete_and_restore);
  ADD ("/store/batch/commits-together", test_batch_commits_together);
  ADD ("/store/tags/round-trip", test_tags_round_trip);
  ADD ("/store/tags/move-merge-restore", test_tags_move_merge_restore);
  ADD ("/store/themes/round-trip", test_themes_round_trip);
  ADD ("/store/annotations/restore-and-anchor", test_annotations_restore_and_anchor);
  ADD ("/store/annotations/round-trip", test_annotations_round_trip);
  ADD ("/store/annotations/refuse-bad-spans", test_annotations_refuse_bad_spans);
  ADD ("/store/annotations/live-list", test_annotations_live_list);
  ADD ("/store/annotations/forgotten-when-dropped", test_annotations_forgotten_when_dropped);
#undef ADD

  return g_test_run ();
}
