/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-error.h"
#include "scholia-library.h"
#include "test-files.h"

static const char essay[] =
  "Varnholm’s harbour dues rose three times after 1843.\n\n"
  "The Twelve Houses blamed the railway; the railway blamed the river.\n\n"
  "Żeleński alone counted the barges, and his count is damning.\n";

static ScholiaLibrary *
open_library (const char *path)
{
  g_autoptr(GError) error = NULL;
  ScholiaLibrary *library = scholia_library_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (library);
  return library;
}

static void
test_open_new (TestLibraryFixture *fixture,
               gconstpointer       data)
{
  g_autoptr(ScholiaLibrary) library = NULL;
  ScholiaStore *store;
  ScholiaEditor *editor;

  g_assert_false (g_file_test (fixture->library, G_FILE_TEST_EXISTS));
  library = open_library (fixture->library);
  store = scholia_library_get_store (library);
  editor = scholia_library_get_editor (library);

  g_assert_true (g_file_test (fixture->library, G_FILE_TEST_IS_REGULAR));
  g_assert_true (SCHOLIA_IS_STORE (store));
  g_assert_true (SCHOLIA_IS_EDITOR (editor));
  /* Every change the editor makes goes to this library's store. */
  g_assert_true (scholia_editor_get_store (editor) == store);
  g_assert_cmpstr (scholia_library_get_path (library), ==, fixture->library);
  g_assert_false (scholia_library_is_read_only (library));
  g_assert_null (scholia_library_get_import_batch (library));
  g_assert_cmpint (test_sql_int (fixture->library, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
}

static void
test_open_existing (TestLibraryFixture *fixture,
                    gconstpointer       data)
{
  g_autoptr(ScholiaLibrary) library = open_library (fixture->library);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  ScholiaDocument *document;

  document = scholia_store_add_document (scholia_library_get_store (library), "Dues",
                                         "Helena Marwick", "1956", NULL, essay, NULL, &error);
  g_assert_no_error (error);
  annotation = scholia_editor_annotate (scholia_library_get_editor (library), document, 0, 8,
                                        NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_editor_get_can_undo (scholia_library_get_editor (library)));
  g_clear_object (&annotation);
  g_clear_object (&library);

  /* What was written is there; the history is not (it lives as long as the library is open). */
  library = open_library (fixture->library);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (scholia_library_get_store (library))),
                    ==, 1);
  document = scholia_store_find_document (scholia_library_get_store (library), "Dues", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scholia_document_get_annotation_count (document), ==, 1);
  g_assert_false (scholia_editor_get_can_undo (scholia_library_get_editor (library)));
}

static void
assert_refused_unchanged (const char *path,
                          int         code)
{
  g_autoptr(GBytes) before = test_read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  ScholiaLibrary *library;

  library = scholia_library_open (path, &error);
  g_assert_null (library);
  g_assert_error (error, SCHOLIA_ERROR, code);
  /* The message names the file, so the user knows which one was refused. */
  g_assert_nonnull (strstr (error->message, display));

  after = test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  test_assert_nothing_beside (path);
}

static void
test_refuses_foreign_file (TestLibraryFixture *fixture,
                           gconstpointer       data)
{
  g_autofree char *path = test_write_file (fixture->dir, "notes.sqlite3",
                                           "These are my lecture notes, not a library.\n");

  assert_refused_unchanged (path, SCHOLIA_ERROR_NOT_A_LIBRARY);
}

static void
test_refuses_newer_library (TestLibraryFixture *fixture,
                            gconstpointer       data)
{
  g_autofree char *newer = g_strdup_printf ("PRAGMA user_version = %d", SCHOLIA_SCHEMA_VERSION + 1);

  g_object_unref (open_library (fixture->library));
  test_sql_exec (fixture->library, newer);

  assert_refused_unchanged (fixture->library, SCHOLIA_ERROR_NEWER_LIBRARY);
}

static void
test_open_document_reanchors (TestLibraryFixture *fixture,
                              gconstpointer       data)
{
  g_autoptr(ScholiaLibrary) library = open_library (fixture->library);
  g_autoptr(ScholiaReading) reading = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reanchor_error = NULL;
  g_autofree char *revised = NULL;
  const char *quote = "the railway blamed the river";
  ScholiaReanchorSummary summary;
  ScholiaDocument *document;
  ScholiaAnnotation *annotation;
  gint64 document_id, annotation_id;
  int start = g_utf8_pointer_to_offset (essay, strstr (essay, quote));
  int shifted;

  document = scholia_store_add_document (scholia_library_get_store (library), "Dues",
                                         "Helena Marwick", "1956", NULL, essay, NULL, &error);
  g_assert_no_error (error);
  document_id = scholia_document_get_id (document);
  annotation = scholia_store_add_annotation (scholia_library_get_store (library), document, start,
                                             start + g_utf8_strlen (quote, -1), NULL, 0, NULL, 0,
                                             NULL, &error);
  g_assert_no_error (error);
  annotation_id = scholia_annotation_get_id (annotation);
  g_object_unref (annotation);
  g_clear_object (&library);

  /* The text changed behind Scholia's back, as a revised edition replaced on disk would. */
  revised = g_strconcat ("A preface, written in 1960.\n\n", essay, NULL);
  shifted = g_utf8_pointer_to_offset (revised, strstr (revised, quote));
  test_sql_exec_with_text (fixture->library, "UPDATE documents SET text = ?", revised);

  library = open_library (fixture->library);
  document = scholia_store_lookup_document (scholia_library_get_store (library), document_id);
  reading = scholia_library_open_document (library, document, &summary, &reanchor_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (reanchor_error);
  g_assert_nonnull (reading);
  g_assert_cmpuint (summary.moved, ==, 1);
  g_assert_cmpstr (scholia_reading_get_text (reading), ==, revised);

  /* The reading finds the annotation where the text now holds it, and so does the file. */
  annotation = scholia_reading_get_innermost_at (reading, shifted);
  g_assert_nonnull (annotation);
  g_assert_cmpint (scholia_annotation_get_id (annotation), ==, annotation_id);
  g_assert_null (scholia_reading_get_innermost_at (reading, start));
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT start_offset FROM annotations"), ==, shifted);

  /* Opening it again finds nothing to move. */
  g_clear_object (&reading);
  reading = scholia_library_open_document (library, document, &summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.moved, ==, 0);
  g_assert_cmpuint (summary.unchanged, ==, 1);
}

/* A library that can only be read still opens its essays; re-anchoring them cannot be written,
 * says why, and changes nothing. */
static void
test_open_document_read_only (TestLibraryFixture *fixture,
                              gconstpointer       data)
{
  g_autoptr(ScholiaLibrary) library = open_library (fixture->library);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaReading) reading = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reanchor_error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *revised = g_strconcat ("A preface, written in 1960.\n\n", essay, NULL);
  ScholiaReanchorSummary summary;
  ScholiaDocument *document;
  gint64 document_id;

  document = scholia_store_add_document (scholia_library_get_store (library), "Dues",
                                         "Helena Marwick", "1956", NULL, essay, NULL, &error);
  g_assert_no_error (error);
  document_id = scholia_document_get_id (document);
  g_object_unref (scholia_store_add_annotation (scholia_library_get_store (library), document, 0, 8,
                                                NULL, 0, NULL, 0, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&library);
  test_sql_exec_with_text (fixture->library, "UPDATE documents SET text = ?", revised);
  before = test_read_bytes (fixture->library);

  store = scholia_store_open_read_only (fixture->library, &error);
  g_assert_no_error (error);
  library = scholia_library_new_for_store (store);
  g_assert_true (scholia_library_is_read_only (library));
  document = scholia_store_lookup_document (store, document_id);
  reading = scholia_library_open_document (library, document, &summary, &reanchor_error, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reading);
  g_assert_error (reanchor_error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_assert_cmpuint (summary.moved, ==, 0);
  g_assert_cmpstr (scholia_reading_get_text (reading), ==, revised);

  g_clear_object (&reading);
  g_clear_object (&library);
  g_clear_object (&store);
  after = test_read_bytes (fixture->library);
  g_assert_true (g_bytes_equal (before, after));
}

static void
on_import_finished_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_import_batch_run_finish (SCHOLIA_IMPORT_BATCH (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_import_batch (TestLibraryFixture *fixture,
                   gconstpointer       data)
{
  g_autoptr(ScholiaLibrary) library = open_library (fixture->library);
  g_autofree char *path = test_write_file (fixture->dir, "dues.txt", essay);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ScholiaImportBatch *batch;
  gboolean done = FALSE;

  batch = scholia_library_start_import (library, &file, 1, NULL, on_import_finished_cb, &done);
  g_assert_true (scholia_library_get_import_batch (library) == batch);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  /* Done: the library holds no batch any more, and the essay is in it. */
  g_assert_null (scholia_library_get_import_batch (library));
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (scholia_library_get_store (library))),
                    ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  test_add_with_library ("/library/open/new", test_open_new);
  test_add_with_library ("/library/open/existing", test_open_existing);
  test_add_with_library ("/library/open/refuses-foreign-file", test_refuses_foreign_file);
  test_add_with_library ("/library/open/refuses-newer-library", test_refuses_newer_library);
  test_add_with_library ("/library/open-document/reanchors", test_open_document_reanchors);
  test_add_with_library ("/library/open-document/read-only", test_open_document_read_only);
  test_add_with_library ("/library/import-batch", test_import_batch);

  return g_test_run ();
}
