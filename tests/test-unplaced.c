/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-editor.h"
#include "scholia-reanchor.h"
#include "scholia-store-private.h"
#include "scholia-w3c.h"
#include "test-files.h"

/* Issue 12, defect 9: every unplaced annotation keeps why it is unplaced, and all of an essay's
 * unplaced annotations can be deleted as one undoable step. */

static const char tolls_text[] =
  "The toll-keepers of Orsava wrote down every barge that passed the lock.\n\n"
  "Their ledgers stop in the winter of 1871, when the river froze.\n";

typedef struct
{
  char         *dir;
  char         *path;
  ScholiaStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-unplaced-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
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

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static ScholiaDocument *
add_tolls (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  reopen (fixture);
  document = scholia_store_add_document (fixture->store, "Tolls", "Ilse Varga", "1960",
                                         "https://example.org/essays/tolls", tolls_text, NULL, &error);
  g_assert_no_error (error);
  return document;
}

static ScholiaAnnotation *
annotate (ScholiaStore    *store,
          ScholiaDocument *document,
          const char      *quote,
          const gint64    *tag_ids,
          guint            n_tag_ids)
{
  g_autoptr(GError) error = NULL;
  int start = g_utf8_pointer_to_offset (tolls_text, strstr (tolls_text, quote));
  ScholiaAnnotation *annotation;

  annotation = scholia_store_add_annotation (store, document, start, start + g_utf8_strlen (quote, -1),
                                             tag_ids, n_tag_ids, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  return annotation;
}

/* The annotations of the document @id, in the order the store lists them. */
static GListModel *
list (ScholiaStore *store,
      gint64        id)
{
  g_autoptr(GError) error = NULL;
  GListModel *annotations = scholia_store_list_annotations (store, scholia_store_lookup_document (store, id), &error);

  g_assert_no_error (error);
  return annotations;
}

static ScholiaAnnotation *
first_orphan (GListModel *annotations)
{
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      if (scholia_annotation_get_orphaned (annotation))
        return annotation;
    }
  g_assert_not_reached ();
}

/* Re-anchoring after the text changed: the reason is "the text changed", in the file too. */
static void
test_reason_text_changed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GListModel) annotations = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *stored = NULL;
  ScholiaDocument *document = add_tolls (fixture);
  gint64 id = scholia_document_get_id (document);

  annotation = annotate (fixture->store, document, "every barge that passed the lock", NULL, 0);
  g_assert_true (scholia_reanchor_document (fixture->store, document,
                                            "Nothing of the old ledgers is left in this edition.", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_annotation_get_orphaned (annotation));
  g_assert_cmpint (scholia_annotation_get_unplaced_reason (annotation), ==, SCHOLIA_UNPLACED_TEXT_CHANGED);
  g_clear_object (&annotation);

  stored = test_sql_text (fixture->path, "SELECT unplaced_reason FROM annotations");
  g_assert_cmpstr (stored, ==, "text-changed");

  reopen (fixture);
  annotations = list (fixture->store, id);
  reason = scholia_annotation_describe_unplaced (first_orphan (annotations));
  g_assert_nonnull (strstr (reason, "text changed"));
}

static char *
write_annotations_file (Fixture *fixture)
{
  return test_write_file (fixture->dir, "seminar-notes.json",
    "[{\"type\": \"Annotation\", \"bodyValue\": \"Check the harbour-master's copy.\","
    "  \"target\": {\"source\": \"https://example.org/essays/tolls\","
    "    \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"a sentence the essay never had\"}}},"
    " {\"type\": \"Annotation\","
    "  \"target\": {\"source\": \"https://example.org/essays/tolls\","
    "    \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"the river froze\"}}}]");
}

/* An import whose quote is not in the essay: the reason names the file. Placing it and undoing
 * that brings the reason back. */
static void
test_reason_imported (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(ScholiaEditor) editor = NULL;
  g_autofree char *path = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *stored = NULL;
  ScholiaW3cSummary summary = { 0 };
  ScholiaAnnotation *orphan;
  gint64 id = scholia_document_get_id (add_tolls (fixture));

  path = write_annotations_file (fixture);
  file = g_file_new_for_path (path);
  g_assert_true (scholia_w3c_import_file (fixture->store, file, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.orphaned, ==, 1);
  g_assert_cmpuint (summary.exact, ==, 1);

  stored = test_sql_text (fixture->path,
                          "SELECT group_concat(orphaned || ':' || unplaced_reason || ':' || unplaced_source, ';')"
                          " FROM (SELECT * FROM annotations ORDER BY orphaned)");
  g_assert_cmpstr (stored, ==, "0::;1:imported:seminar-notes.json");

  reopen (fixture);
  annotations = list (fixture->store, id);
  orphan = first_orphan (annotations);
  g_assert_cmpint (scholia_annotation_get_unplaced_reason (orphan), ==, SCHOLIA_UNPLACED_IMPORTED);
  g_assert_cmpstr (scholia_annotation_get_unplaced_source (orphan), ==, "seminar-notes.json");
  reason = scholia_annotation_describe_unplaced (orphan);
  g_assert_nonnull (strstr (reason, "“seminar-notes.json”"));

  editor = scholia_editor_new (fixture->store);
  g_assert_true (scholia_editor_attach_annotation (editor, orphan, 0, 3, &error));
  g_assert_no_error (error);
  g_assert_null (scholia_annotation_describe_unplaced (orphan));
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotations WHERE unplaced_reason != ''"), ==, 0);
  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_annotation_get_orphaned (orphan));
  g_assert_cmpint (scholia_annotation_get_unplaced_reason (orphan), ==, SCHOLIA_UNPLACED_IMPORTED);
  g_assert_cmpstr (scholia_annotation_get_unplaced_source (orphan), ==, "seminar-notes.json");
}

/* A library as version 2 wrote it: one placed annotation and one unplaced. */
static void
write_v2_library (const char *path)
{
  test_write_library_at_version (path, 2);
  test_sql_exec (path,
                 "INSERT INTO documents (id, uuid, title, author_id, date, source, text, characters,"
                 "  checksum, created, modified) VALUES"
                 "  (1, 'u1', 'Locks', NULL, '1931', '', 'The lock was rebuilt twice.', 27, 'c1', 10, 11);"
                 "INSERT INTO annotations (id, uuid, document_id, start_offset, end_offset, quote, orphaned,"
                 "  created, modified) VALUES (1, 'a1', 1, 4, 8, 'lock', 0, 20, 21),"
                 "  (2, 'a2', 1, 9, 12, 'a gate that went', 1, 22, 23);");
}

/* The migration gives version 2's orphans an honest reason, and nothing else changes. */
static void
test_migrate_from_v2 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GListModel) annotations = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *reason = NULL;
  ScholiaAnnotation *orphan;
  const char *content = "SELECT group_concat(id || '|' || scholia_passage(0, quote, document_id, start_offset, end_offset)"
                        " || '|' || start_offset || '|' || orphaned, ';')"
                        " FROM annotations";

  write_v2_library (fixture->path);
  before = test_sql_text (fixture->path, content);

  reopen (fixture);
  g_assert_cmpint (scholia_store_get_schema_version (fixture->store), ==, SCHOLIA_SCHEMA_VERSION);
  annotations = list (fixture->store, 1);
  orphan = first_orphan (annotations);
  g_assert_cmpint (scholia_annotation_get_unplaced_reason (orphan), ==, SCHOLIA_UNPLACED_UNKNOWN);
  reason = scholia_annotation_describe_unplaced (orphan);
  g_assert_nonnull (strstr (reason, "could not be found"));
  g_clear_object (&annotations);
  g_clear_object (&fixture->store);

  g_assert_cmpint (test_sql_int (fixture->path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
  reasons = test_sql_text (fixture->path, "SELECT group_concat(id || ':' || unplaced_reason, ';') FROM annotations");
  g_assert_cmpstr (reasons, ==, "1:;2:unknown");
  after = test_sql_text (fixture->path, content);
  g_assert_cmpstr (after, ==, before);
}

/* A version 2 library that cannot be written still opens, reads the same reason, and is left
 * byte for byte as it was. */
static void
test_read_only_v2 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  write_v2_library (fixture->path);
  before = test_read_bytes (fixture->path);

  fixture->store = scholia_store_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_store_get_schema_version (fixture->store), ==, 2);
  annotations = list (fixture->store, 1);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 2);
  g_assert_cmpint (scholia_annotation_get_unplaced_reason (first_orphan (annotations)), ==, SCHOLIA_UNPLACED_UNKNOWN);
  g_clear_object (&annotations);
  g_clear_object (&fixture->store);

  after = test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* Deleting several annotations is one step; its undo brings them all back with their ids,
 * tags and reasons, its redo takes them all again. */
static void
test_delete_several_one_step (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaEditor) editor = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ScholiaAnnotation) kept = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ScholiaDocument *document = add_tolls (fixture);
  ScholiaLabel *tag = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "evidence", NULL);
  gint64 tag_id = scholia_label_get_id (tag);
  const char *content = "SELECT (SELECT group_concat(id || '|' || uuid || '|' || orphaned || '|' || unplaced_reason, ';')"
                        "  FROM annotations) || '/' || (SELECT group_concat(annotation_id || '|' || tag_id, ';')"
                        "  FROM annotation_tags)";

  g_ptr_array_add (doomed, annotate (fixture->store, document, "toll-keepers", &tag_id, 1));
  g_ptr_array_add (doomed, annotate (fixture->store, document, "Their ledgers stop", NULL, 0));
  kept = annotate (fixture->store, document, "the river froze", &tag_id, 1);
  g_assert_true (scholia_store_set_annotation_anchor (fixture->store, doomed->pdata[1], 0, 1, TRUE, &error));
  before = test_sql_text (fixture->path, content);

  editor = scholia_editor_new (fixture->store);
  g_assert_true (scholia_editor_delete_annotations (editor, doomed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotations"), ==, 1);
  g_assert_cmpstr (scholia_editor_get_undo_label (editor), ==, "Undo Delete Highlights");

  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  g_assert_false (scholia_editor_get_can_undo (editor));
  after = test_sql_text (fixture->path, content);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (scholia_annotation_get_unplaced_reason (doomed->pdata[1]), ==, SCHOLIA_UNPLACED_TEXT_CHANGED);

  g_assert_true (scholia_editor_redo (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotations"), ==, 1);

  /* Nothing to delete is no step. */
  g_ptr_array_set_size (doomed, 0);
  g_assert_true (scholia_editor_delete_annotations (editor, doomed, &error));
  g_assert_cmpstr (scholia_editor_get_undo_label (editor), ==, "Undo Delete Highlights");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/unplaced/reason/text-changed", test_reason_text_changed);
  ADD ("/unplaced/reason/imported", test_reason_imported);
  ADD ("/unplaced/migrate/from-v2", test_migrate_from_v2);
  ADD ("/unplaced/migrate/read-only-v2", test_read_only_v2);
  ADD ("/unplaced/delete-several/one-step", test_delete_several_one_step);
#undef ADD

  return g_test_run ();
}
