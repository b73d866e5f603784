/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-revision.h"
#include "scholia-schema.h"
#include "scholia-store-private.h"
#include "scholia-w3c.h"
#include "test-files.h"

/* Quotes and context derived from the text (issue 17, schema version 14): an annotation whose
 * quote, prefix and suffix are the essay's text at its offsets stores NULL for them and reads
 * them back cut from the text, code point by code point, clamped at the text's start and end as
 * they were cut when written. Before a text changes, they are kept as they were, so that
 * re-anchoring finds each annotation by what it quoted; notes are indexed only when written.
 * The essay is invented for these tests, with Arabic (with its marks) and emoji in it. */

#define ESSAY \
  "Harbour dues 🚢 rose twice in the wet year of the ledger. " \
  "The clerk wrote فِي السُّوقِ in the margin, and then 🧾🪙 beside the tally. " \
  "Nobody at the customs house could say who had signed the last page."

typedef struct
{
  const char *word;   /* the quote: its first occurrence */
  const char *note;
} Passage;

static const Passage passages[] = {
  { "Harbour dues", "" },                    /* at the text's start: no prefix */
  { "🚢 rose", "ships first" },               /* astral code point */
  { "فِي السُّوقِ", "in the market, vowelled" }, /* Arabic with harakat */
  { "🧾🪙", "" },
  { "last page.", "the final signature" },   /* at the text's end: no suffix */
};

typedef struct
{
  char            *dir;
  char            *path;
  ScholiaStore    *store;
  ScholiaDocument *document;
} Fixture;

/* @word's code-point offset in ESSAY. */
static int
offset_of (const char *word)
{
  const char *at = strstr (ESSAY, word);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (ESSAY, at);
}

/* The context as the product defines it: 32 code points on each side, clamped to the text. */
static char *
cut (int start,
     int end)
{
  int length = g_utf8_strlen (ESSAY, -1);

  start = CLAMP (start, 0, length);
  end = CLAMP (end, start, length);
  return g_utf8_substring (ESSAY, start, end);
}

static void
add_passages (ScholiaStore    *store,
              ScholiaDocument *document)
{
  for (guint i = 0; i < G_N_ELEMENTS (passages); i++)
    {
      g_autoptr(GError) error = NULL;
      int start = offset_of (passages[i].word);
      g_autoptr(ScholiaAnnotation) annotation =
        scholia_store_add_annotation (store, document, start, start + g_utf8_strlen (passages[i].word, -1),
                                      NULL, 0, NULL, 0, passages[i].note, &error);

      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-derived-quotes-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->document = scholia_store_add_document (fixture->store, "Harbour Dues", "Ottoline Varga-Mbeki", "1907",
                                                  NULL, ESSAY, NULL, &error);
  g_assert_no_error (error);
  add_passages (fixture->store, fixture->document);
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

static ScholiaStore *
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 id = scholia_document_get_id (fixture->document);
  ScholiaStore *store;

  g_clear_object (&fixture->store);
  store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->document = scholia_store_lookup_document (store, id);
  g_assert_nonnull (fixture->document);
  return fixture->store = store;
}

/* The store's document's annotation number @index in text order. */
static ScholiaAnnotation *
annotation_at (ScholiaStore    *store,
               ScholiaDocument *document,
               guint            index)
{
  g_autoptr(GError) error = NULL;
  GListModel *list = scholia_store_list_annotations (store, document, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (passages));
  return g_list_model_get_item (list, index);
}

/* Every passage reads back its quote and the text's context; the file stores none of them. */
static void
test_read_back (Fixture       *fixture,
                gconstpointer  data)
{
  ScholiaStore *store = reopen (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (passages); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = annotation_at (store, fixture->document, i);
      int start = offset_of (passages[i].word);
      int end = start + g_utf8_strlen (passages[i].word, -1);
      g_autofree char *prefix = cut (start - 32, start);
      g_autofree char *suffix = cut (end, end + 32);

      g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, passages[i].word);
      g_assert_cmpstr (scholia_annotation_get_prefix (annotation), ==, prefix);
      g_assert_cmpstr (scholia_annotation_get_suffix (annotation), ==, suffix);
    }
  {
    g_autoptr(ScholiaAnnotation) first = annotation_at (store, fixture->document, 0);

    g_assert_cmpstr (scholia_annotation_get_prefix (first), ==, "");
  }
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotations"
                                                " WHERE quote IS NULL AND prefix IS NULL AND suffix IS NULL"),
                   ==, G_N_ELEMENTS (passages));
}

/* Moved to other offsets (re-anchoring), an annotation keeps the quote and context it had:
 * they are stored once they differ from the text there, and derived again once moved back. */
static void
test_offsets_shifted (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = annotation_at (fixture->store, fixture->document, 2);
  g_autoptr(ScholiaAnnotation) reread = NULL;
  int start = offset_of (passages[2].word);
  int end = start + g_utf8_strlen (passages[2].word, -1);
  g_autofree char *prefix = cut (start - 32, start);
  g_autofree char *suffix = cut (end, end + 32);
  gint64 id = scholia_annotation_get_id (annotation);
  g_autofree char *stored_sql = g_strdup_printf ("SELECT quote IS NOT NULL AND prefix IS NOT NULL"
                                                 " AND suffix IS NOT NULL FROM annotations WHERE id = %"
                                                 G_GINT64_FORMAT, id);

  g_assert_true (scholia_store_set_annotation_anchor (fixture->store, annotation, start + 3, end + 3, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (fixture->path, stored_sql), ==, 1);
  reopen (fixture);
  reread = annotation_at (fixture->store, fixture->document, 2);
  g_assert_cmpint (scholia_annotation_get_start (reread), ==, start + 3);
  g_assert_cmpstr (scholia_annotation_get_quote (reread), ==, passages[2].word);
  g_assert_cmpstr (scholia_annotation_get_prefix (reread), ==, prefix);
  g_assert_cmpstr (scholia_annotation_get_suffix (reread), ==, suffix);

  g_assert_true (scholia_store_set_annotation_anchor (fixture->store, reread, start, end, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (fixture->path, stored_sql), ==, 0);
}

/* Replacing the text with nothing re-anchored keeps every quote and context as it was, cut from
 * the old text; a revision re-anchors by them: the passage the new text dropped becomes an
 * orphan with its own quote, the others take the new text's, as before version 14. */
static void
test_text_replaced (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *revised = "A foreword to the second printing.\n\n"
                        "Harbour dues 🚢 rose twice in the wet year of the ledger. "
                        "The clerk wrote فِي السُّوقِ in the margin. "
                        "Nobody at the customs house could say who had signed the last page.";
  g_autoptr(ScholiaRevision) revision = NULL;
  g_autoptr(ScholiaAnnotation) orphan = NULL;
  g_autoptr(ScholiaAnnotation) moved = NULL;
  int start = offset_of (passages[3].word);
  int end = start + g_utf8_strlen (passages[3].word, -1);
  g_autofree char *prefix = cut (start - 32, start);
  g_autofree char *suffix = cut (end, end + 32);
  g_autofree char *moved_prefix = NULL;
  const char *at;

  revision = scholia_revision_apply (fixture->store, fixture->document, revised, NULL, NULL, &error);
  g_assert_no_error (error);
  reopen (fixture);
  {
    GListModel *list = scholia_store_list_annotations (fixture->store, fixture->document, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      {
        g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (list, i);

        if (scholia_annotation_get_orphaned (annotation))
          g_set_object (&orphan, annotation);
        else if (g_strcmp0 (scholia_annotation_get_quote (annotation), passages[2].word) == 0)
          g_set_object (&moved, annotation);
      }
  }
  g_assert_nonnull (orphan);
  g_assert_cmpstr (scholia_annotation_get_quote (orphan), ==, passages[3].word);
  g_assert_cmpstr (scholia_annotation_get_prefix (orphan), ==, prefix);
  g_assert_cmpstr (scholia_annotation_get_suffix (orphan), ==, suffix);
  g_assert_nonnull (moved);
  at = strstr (revised, passages[2].word);
  g_assert_cmpint (scholia_annotation_get_start (moved), ==, g_utf8_pointer_to_offset (revised, at));
  moved_prefix = g_utf8_substring (revised, scholia_annotation_get_start (moved) - 32,
                                   scholia_annotation_get_start (moved));
  g_assert_cmpstr (scholia_annotation_get_prefix (moved), ==, moved_prefix);

  /* The text replaced alone (no anchors given): every passage keeps what it quoted. */
  g_assert_true (scholia_store_replace_text (fixture->store, fixture->document, "An unrelated text.", NULL,
                                             NULL, 0, &error));
  g_assert_no_error (error);
  reopen (fixture);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotations WHERE quote IS NULL"
                                                " OR prefix IS NULL OR suffix IS NULL"), ==, 0);
  {
    GListModel *list = scholia_store_list_annotations (fixture->store, fixture->document, &error);
    gboolean found = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      {
        g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (list, i);

        if (g_strcmp0 (scholia_annotation_get_quote (annotation), passages[2].word) == 0)
          {
            g_assert_cmpstr (scholia_annotation_get_prefix (annotation), ==, moved_prefix);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
}

/* A document deleted and restored (undo) gives its passages back as they were. */
static void
test_deleted_and_restored (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaDeletedDocument *deleted = scholia_store_delete_document_undoable (fixture->store, fixture->document, &error);

  g_assert_no_error (error);
  fixture->document = scholia_store_restore_document (fixture->store, deleted, &error);
  g_assert_no_error (error);
  scholia_deleted_document_free (deleted);
  test_read_back (fixture, data);
}

static char *
export_w3c (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = scholia_w3c_export (store, NULL, &error);
  JsonObject *page;

  g_assert_no_error (error);
  /* The collection and its page have fresh uuids and the export's time: the annotations are
   * what the library holds. */
  page = json_object_get_object_member (json_node_get_object (root), "first");
  return json_to_string (json_object_get_member (page, "items"), TRUE);
}

/* The ids of the annotations whose notes @query finds. */
static char *
note_hits (ScholiaStore *store,
           const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = scholia_store_search (store, query, 50, &error);
  g_autoptr(GString) ids = g_string_new ("");

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      ScholiaSearchResult *result = g_ptr_array_index (results, i);

      if (result->kind == SCHOLIA_SEARCH_NOTE)
        g_string_append_printf (ids, "%" G_GINT64_FORMAT " ", result->annotation_id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* A library of version 13 upgrades: the W3C export is the same to the byte, the notes are
 * found as before, the quotes are derived and the notes' index holds only the written notes;
 * read-only, it answers as it did and is left as it was. */
static void
test_version_13_upgrades (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-derived-quotes-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "v13.sqlite3", NULL);
  g_autofree char *read_only = g_build_filename (dir, "v13-read-only.sqlite3", NULL);
  g_autofree char *before = NULL;            /* the W3C export of each library */
  g_autofree char *before_read_only = NULL;
  g_autofree char *hits_before = NULL;
  guint n_migrations;
  const ScholiaMigration *migrations = scholia_schema_get_migrations (&n_migrations);

  g_assert_cmpint (migrations[12].version, ==, 13);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScholiaStore) store = _scholia_store_open_with_migrations (i == 0 ? path : read_only, migrations, 13,
                                                                          &error);
      ScholiaDocument *document;

      g_assert_no_error (error);
      document = scholia_store_add_document (store, "Harbour Dues", "Ottoline Varga-Mbeki", "1907", NULL, ESSAY,
                                             NULL, &error);
      g_assert_no_error (error);
      add_passages (store, document);
      g_clear_pointer (&hits_before, g_free);
      *(i == 0 ? &before : &before_read_only) = export_w3c (store);
      hits_before = note_hits (store, "signature OR ships OR السوق");
    }
  g_assert_cmpstr (hits_before, !=, "");
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, 13);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM annotations WHERE quote IS NULL"), ==, 0);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
    g_autofree char *after = NULL;
    g_autofree char *hits_after = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
    after = export_w3c (store);
    g_assert_true (g_str_equal (after, before));
    hits_after = note_hits (store, "signature OR ships OR السوق");
    g_assert_cmpstr (hits_after, ==, hits_before);
    g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM annotations WHERE quote IS NULL"
                                         " AND prefix IS NULL AND suffix IS NULL"), ==, G_N_ELEMENTS (passages));
    g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM notes_fts_docsize"), ==, 3);
    test_sql_exec (path, "INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)");
  }

  g_assert_cmpint (g_chmod (read_only, 0444), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) file_before = test_read_bytes (read_only);
    g_autoptr(GBytes) file_after = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open_read_only (read_only, &error);
    g_autofree char *exported = NULL;
    g_autofree char *hits = NULL;

    g_assert_no_error (error);
    exported = export_w3c (store);
    g_assert_true (g_str_equal (exported, before_read_only));
    hits = note_hits (store, "signature OR ships OR السوق");
    g_assert_cmpstr (hits, ==, hits_before);
    g_clear_object (&store);
    file_after = test_read_bytes (read_only);
    g_assert_true (g_bytes_equal (file_before, file_after));
  }
  test_tmp_dir_remove (dir);
}

/* A note is in the index while it has words: emptied, it leaves it; written again, it is found. */
static void
test_notes_indexed_when_written (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = annotation_at (fixture->store, fixture->document, 0);
  g_autofree char *none = NULL;
  g_autofree char *one = NULL;

  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM notes_fts_docsize"), ==, 3);
  g_assert_true (scholia_store_set_annotation_note (fixture->store, annotation, "tariff argument", &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM notes_fts_docsize"), ==, 4);
  one = note_hits (fixture->store, "tariff");
  g_assert_cmpstr (one, !=, "");
  g_assert_true (scholia_store_set_annotation_note (fixture->store, annotation, "", &error));
  g_assert_no_error (error);
  none = note_hits (fixture->store, "tariff");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM notes_fts_docsize"), ==, 3);
  g_assert_true (scholia_store_delete_annotation (fixture->store, annotation, &error));
  g_assert_no_error (error);
  test_sql_exec (fixture->path, "INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/derived-quotes/read-back", test_read_back);
  ADD ("/derived-quotes/offsets-shifted", test_offsets_shifted);
  ADD ("/derived-quotes/text-replaced", test_text_replaced);
  ADD ("/derived-quotes/deleted-and-restored", test_deleted_and_restored);
  ADD ("/derived-quotes/notes-indexed-when-written", test_notes_indexed_when_written);
#undef ADD
  g_test_add_func ("/derived-quotes/version-13", test_version_13_upgrades);

  return g_test_run ();
}
