/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Annotations' uuids kept as 16-byte keys (schema 18, issue 17): whatever id an annotation was
 * given (a canonical uuid in either case, or an id an import brought that is no uuid at all),
 * the store gives it back byte for byte, finds it by it, and a deleted annotation comes back
 * under it; a version-17 library written without this build's store is read as it is where it
 * cannot be written, and upgraded with every id the same text; the look-ups by uuid read the
 * keys' index, not a million rows. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-schema.h"
#include "scholia-store-private.h"
#include "test-files.h"

#define TEXT "The salt roads ran north from Cullerne to the fairs of Ashby, past the weir and the mill."

/* Each id, and how the library stores it (typeof and length of uuid_key). */
static const struct
{
  const char *id;
  const char *stored;
} ids[] = {
  { "5f0c3a1e-2b4d-4c6e-8f10-123456789abc", "blob16" },
  { "5F0C3A1E-2B4D-4C6E-8F10-123456789ABD", "blob17" },
  { "5f0C3a1e-2b4d-4c6e-8f10-123456789abe", "text36" },  /* both cases: kept as it is */
  { "urn:x-refi:selection/12", "text23" },
  { "0123456789abcdef", "text16" },                     /* as long as a key */
  { "5f0c3a1e2b4d4c6e8f10123456789abf", "text32" },     /* no hyphens */
  { "{5f0c3a1e-2b4d-4c6e-8f10-123456789ac0}", "text38" },
  { "00000000-0000-0000-0000-000000000000", "blob16" },
};

static char *
expected_storage (void)
{
  GString *stored = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_string_append_printf (stored, "%s%s", i > 0 ? " " : "", ids[i].stored);
  return g_string_free (stored, FALSE);
}

static char *
stored_keys (const char *path)
{
  return test_sql_text (path, "SELECT group_concat(k, ' ') FROM"
                              " (SELECT typeof(uuid_key) || length(uuid_key) AS k FROM annotations ORDER BY id)");
}

/* The uuids of the essay's annotations, in their order in the text (which is the ids'). */
static void
assert_ids (ScholiaStore    *store,
            ScholiaDocument *essay)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GListModel) list = scholia_store_list_annotations (store, essay, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (list, i);

      g_assert_cmpstr (scholia_annotation_get_uuid (annotation), ==, ids[i].id);
      g_ptr_array_add (uuids, (gpointer) ids[i].id);
    }
  /* Found by each id, and not by the other case of one. */
  g_ptr_array_add (uuids, "5f0c3a1e-2b4d-4c6e-8f10-123456789abd");
  found = scholia_store_find_annotation_uuids (store, uuids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (found), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_true (g_hash_table_contains (found, ids[i].id));
}

static void
test_round_trip (TestLibraryFixture *fixture,
                 gconstpointer       data)
{
  g_autofree char *expected = expected_storage ();
  g_autofree char *stored = NULL;
  g_autofree char *restored = NULL;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
    ScholiaAnnotationRecord records[G_N_ELEMENTS (ids)] = { 0 };
    char quotes[G_N_ELEMENTS (ids)][4] = { { 0 } };
    ScholiaDocument *essay;

    g_assert_no_error (error);
    essay = scholia_store_add_document (store, "Salt Roads", "Ilse Marrow", "1911", "", TEXT, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        memcpy (quotes[i], TEXT + i * 4, 3);
        records[i] = (ScholiaAnnotationRecord) { .document = essay, .uuid = ids[i].id, .start = i * 4,
                                                 .end = i * 4 + 3, .quote = quotes[i], .note = "" };
      }
    g_assert_true (scholia_store_add_annotations_full (store, records, G_N_ELEMENTS (ids), &error));
    g_assert_no_error (error);
    assert_ids (store, essay);
  }
  stored = stored_keys (fixture->library);
  g_assert_cmpstr (stored, ==, expected);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
    ScholiaDocument *essay;
    g_autoptr(GListModel) list = NULL;

    g_assert_no_error (error);
    essay = scholia_store_find_document (store, "Salt Roads", &error);
    g_assert_no_error (error);
    assert_ids (store, essay);

    /* Deleted and brought back (undo): under the same id, byte for byte. */
    list = scholia_store_list_annotations (store, essay, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < 4; i++)
      {
        g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (list, 0);

        g_assert_true (scholia_store_delete_annotation (store, annotation, &error));
        g_assert_no_error (error);
        g_assert_true (scholia_store_restore_annotation (store, annotation, &error));
        g_assert_no_error (error);
      }
    assert_ids (store, essay);
  }
  restored = stored_keys (fixture->library);
  g_assert_cmpstr (restored, ==, expected);
}

/* The look-ups by uuid the store makes (an id, a log's ids as JSON, a canonical id's annotation,
 * a set-aside link's ends) each read the keys' index once per annotation they find, and never
 * walk the table. */
static void
test_plans (TestLibraryFixture *fixture,
            gconstpointer       data)
{
  static const struct
  {
    const char *sql;
    guint       seeks;
  } lookups[] = {
    { "SELECT id FROM annotations WHERE uuid_key = scholia_uuid_key(?)", 1 },
    { "SELECT j.value FROM json_each (?1) j JOIN annotations a ON a.uuid_key = scholia_uuid_key(j.value)", 1 },
    { "SELECT p.uuid FROM annotation_provenance p JOIN annotations a ON a.uuid_key = scholia_uuid_key(p.uuid)"
      " WHERE p.canonical = ? LIMIT 1", 1 },
    { "SELECT k.id FROM annotation_links_set_aside k"
      " JOIN annotations s ON s.uuid_key = scholia_uuid_key(k.source_uuid)"
      " JOIN annotations t ON t.uuid_key = scholia_uuid_key(k.target_uuid) WHERE k.source_uuid = ?", 2 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
    {
      g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", lookups[i].sql, NULL);
      ScholiaDbStatement *stmt = scholia_db_get_statement (store->db, sql, &error);
      ScholiaDbStep rc;
      guint seeks = 0;

      g_assert_no_error (error);
      while ((rc = scholia_db_statement_step (stmt, &error)) == SCHOLIA_DB_STEP_ROW)
        {
          const char *detail = scholia_db_statement_column_text (stmt, 3);

          if (strstr (detail, "INDEX sqlite_autoindex_annotations_1 (uuid_key=?)") != NULL)
            seeks++;
          g_assert_false (g_str_has_prefix (detail, "SCAN a") || g_str_has_prefix (detail, "SCAN s") ||
                          g_str_has_prefix (detail, "SCAN t"));
        }
      g_assert_cmpint (rc, ==, SCHOLIA_DB_STEP_DONE);
      scholia_db_statement_reset (stmt);
      g_assert_cmpuint (seeks, ==, lookups[i].seeks);
    }
}

/* The library-wide lists (a theme compared, its counts, the places by theme and of the whole
 * library) have every annotation. */
static void
assert_lists (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaTheme) theme = g_list_model_get_item (scholia_store_get_labels (store, SCHOLIA_TYPE_THEME), 0);
  g_autoptr(GPtrArray) passages = scholia_store_list_theme_passages (store, theme, TRUE, &error);
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GArray) places = NULL;
  g_autoptr(GArray) all = NULL;
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (theme));

  g_assert_no_error (error);
  g_assert_cmpuint (passages->len, ==, G_N_ELEMENTS (ids));
  counts = scholia_store_count_theme_passages (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (counts);
  places = scholia_store_list_annotation_places (store, NULL, 0, &theme_id, 1, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, ==, G_N_ELEMENTS (ids));
  all = scholia_store_list_annotation_places (store, NULL, 0, NULL, 0, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (ids));
}

/* A version-17 library as the previous release wrote it (ids as text), without this build's
 * store: its essay, a theme and annotations in it written by SQL. */
static void
write_version_17 (const char *path)
{
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, TEXT, -1);
  g_autoptr(GString) sql = g_string_new (NULL);

  test_write_library_at_version (path, SCHOLIA_SCHEMA_PACKED_TEXT);
  g_string_append_printf (sql, "INSERT INTO authors (id, name, sort_key) VALUES (1, 'Ilse Marrow', 'Marrow, Ilse');"
                               "INSERT INTO documents (id, uuid, title, author_id, text, characters, checksum,"
                               " created, modified, language)"
                               " VALUES (1, 'e0e0e0e0-1111-4222-8333-444455556666', 'Salt Roads', 1, '%s', %ld,"
                               " '%s', 1, 1, 'en');",
                          TEXT, g_utf8_strlen (TEXT, -1), checksum);
  g_string_append (sql, "INSERT INTO themes (id, name, colour, position) VALUES (1, 'Roads', '#38a010', 0);");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_string_append_printf (sql, "INSERT INTO annotations (id, uuid, document_id, start_offset, end_offset, quote,"
                                 " created, modified) VALUES (%u, '%s', 1, %u, %u, NULL, 1, 1);"
                                 "INSERT INTO annotation_themes (annotation_id, theme_id, position) VALUES (%u, 1, 0);",
                            i + 1, ids[i].id, i * 4, i * 4 + 3, i + 1);
  test_sql_exec (path, sql->str);
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, 17);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM annotations WHERE typeof(uuid) = 'text'"), ==,
                   G_N_ELEMENTS (ids));
}

static void
test_upgrade_from_17 (TestLibraryFixture *fixture,
                      gconstpointer       data)
{
  g_autofree char *read_only = g_build_filename (fixture->dir, "read-only.sqlite3", NULL);
  g_autofree char *expected = expected_storage ();
  g_autofree char *stored = NULL;
  g_autoptr(GBytes) bytes = NULL;

  write_version_17 (fixture->library);

  /* Read where it cannot be written: as it is, unchanged. */
  bytes = test_copy_read_only (fixture->library, read_only);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open_read_only (read_only, &error);
    g_autoptr(GBytes) after = NULL;

    g_assert_no_error (error);
    assert_ids (store, scholia_store_find_document (store, "Salt Roads", NULL));
    assert_lists (store);
    g_clear_object (&store);
    after = test_read_bytes (read_only);
    g_assert_true (g_bytes_equal (after, bytes));
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, &error);
    g_autoptr(ScholiaAnnotation) annotation = NULL;
    g_autoptr(GListModel) list = NULL;
    ScholiaDocument *essay;

    g_assert_no_error (error);
    essay = scholia_store_find_document (store, "Salt Roads", &error);
    g_assert_no_error (error);
    assert_ids (store, essay);
    assert_lists (store);
    /* Quotes still cut from the text. */
    list = scholia_store_list_annotations (store, essay, &error);
    g_assert_no_error (error);
    annotation = g_list_model_get_item (list, 1);
    g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "sal");
  }
  g_assert_cmpint (test_sql_int (fixture->library, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
  stored = stored_keys (fixture->library);
  g_assert_cmpstr (stored, ==, expected);
  g_assert_cmpstr (test_sql_text (fixture->library, "PRAGMA integrity_check"), ==, "ok");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  test_add_with_library ("/uuid-keys/round-trip", test_round_trip);
  test_add_with_library ("/uuid-keys/plans", test_plans);
  test_add_with_library ("/uuid-keys/upgrade-from-17", test_upgrade_from_17);
  return g_test_run ();
}
