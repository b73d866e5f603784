/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-comparison.h"
#include "scholia-error.h"
#include "scholia-matrix.h"
#include "scholia-import-batch.h"
#include "test-files.h"

typedef struct
{
  char         *dir;
  ScholiaStore *store;
  GPtrArray    *files;
  guint         finished;
  guint         failed;
  gboolean      done;
  GError       *error;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-import-batch-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  fixture->files = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_ptr_array_unref (fixture->files);
  g_clear_error (&fixture->error);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static void
add_file (Fixture    *fixture,
          const char *name,
          const char *contents,
          gssize      length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_ptr_array_add (fixture->files, g_file_new_for_path (path));
}

static void
on_file_finished (ScholiaImportBatch *batch,
                  GFile              *file,
                  ScholiaDocument    *document,
                  const GError       *error,
                  Fixture            *fixture)
{
  fixture->finished++;
  if (document == NULL)
    {
      g_assert_nonnull (error);
      fixture->failed++;
    }
}

static void
on_batch_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fixture *fixture = user_data;

  scholia_import_batch_run_finish (SCHOLIA_IMPORT_BATCH (source), result, &fixture->error);
  fixture->done = TRUE;
}

static void
cancel_after_first (ScholiaImportBatch *batch,
                    GFile              *file,
                    ScholiaDocument    *document,
                    const GError       *error,
                    GCancellable       *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
run_batch (Fixture            *fixture,
           ScholiaImportBatch *batch,
           GCancellable       *cancellable)
{
  g_signal_connect (batch, "file-finished", G_CALLBACK (on_file_finished), fixture);
  scholia_import_batch_run_async (batch, cancellable, on_batch_done, fixture);
  while (!fixture->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_batch_goes_on_after_bad_file (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(ScholiaImportBatch) batch = NULL;
  GListModel *documents = scholia_store_get_documents (fixture->store);
  const GError *error;

  add_file (fixture, "first.txt", "The first essay.\n", -1);
  add_file (fixture, "empty.txt", "", 0);
  add_file (fixture, "third.md", "# The Third Essay\n\nBody.\n", -1);

  batch = scholia_import_batch_new (fixture->store, (GFile **) fixture->files->pdata, fixture->files->len);
  g_assert_cmpfloat (scholia_import_batch_get_fraction (batch), ==, 0.0);
  run_batch (fixture, batch, NULL);

  g_assert_no_error (fixture->error);
  g_assert_cmpuint (fixture->finished, ==, 3);
  g_assert_cmpuint (fixture->failed, ==, 1);
  g_assert_cmpfloat (scholia_import_batch_get_fraction (batch), ==, 1.0);
  g_assert_cmpuint (scholia_import_batch_get_documents (batch)->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 2);

  error = g_ptr_array_index (scholia_import_batch_get_errors (batch), 0);
  g_assert_nonnull (strstr (error->message, "empty.txt"));
}

static void
test_batch_cancel_keeps_whole_documents (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(ScholiaImportBatch) batch = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("essay-%d.txt", i);

      add_file (fixture, name, "A paragraph about the harbour.\n", -1);
    }

  batch = scholia_import_batch_new (fixture->store, (GFile **) fixture->files->pdata, fixture->files->len);
  /* A file per transaction: cancelling stops before the next one (test-import-speedpath.c
   * cancels between batches of several). */
  scholia_import_batch_set_batch_bytes (batch, 1);
  g_signal_connect (batch, "file-finished", G_CALLBACK (cancel_after_first), cancellable);
  run_batch (fixture, batch, cancellable);

  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->finished, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (fixture->store)), ==, 1);
}

static void
test_samples_import_with_metadata (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *samples = scholia_library_find_samples ();
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) authors = NULL;

  g_assert_true (scholia_library_import_samples (fixture->store, samples, &documents, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, >=, 4);
  g_assert_cmpuint (documents->len, <=, 6);

  authors = scholia_store_list_authors (fixture->store, &error);
  g_assert_cmpuint (g_strv_length (authors), ==, documents->len);
  for (guint i = 0; i < documents->len; i++)
    {
      ScholiaDocument *document = g_ptr_array_index (documents, i);

      g_assert_cmpstr (scholia_document_get_date (document), !=, "");
      g_assert_cmpstr (scholia_document_get_source (document), !=, "");
      g_assert_cmpint (scholia_document_get_characters (document), >, 2000);
    }
}

static GPtrArray *
import_samples (Fixture *fixture)
{
  g_autofree char *samples = scholia_library_find_samples ();
  g_autoptr(GError) error = NULL;
  GPtrArray *documents = NULL;

  g_assert_true (scholia_library_import_samples (fixture->store, samples, &documents, &error));
  g_assert_no_error (error);
  return documents;
}

/* Checks that every annotation of @document sits on its quote, carries a tag and a note, and
 * returns how many there are. */
static guint
assert_sample_annotations (Fixture         *fixture,
                           ScholiaDocument *document)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = scholia_store_load_text (fixture->store, document, &error);
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (fixture->store, document, &error);
  guint n;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (annotations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
      const char *start = g_utf8_offset_to_pointer (text, scholia_annotation_get_start (annotation));
      const char *end = g_utf8_offset_to_pointer (text, scholia_annotation_get_end (annotation));
      g_autofree char *at_offsets = g_strndup (start, end - start);
      guint n_tags;

      g_assert_false (scholia_annotation_get_orphaned (annotation));
      g_assert_cmpstr (at_offsets, ==, scholia_annotation_get_quote (annotation));
      g_assert_cmpuint (strlen (scholia_annotation_get_note (annotation)), >, 10);
      scholia_annotation_get_tag_ids (annotation, &n_tags);
      g_assert_cmpuint (n_tags, >=, 1);
    }
  return n;
}

/* The samples arrive annotated: every essay has a handful of tagged notes on its own words, and
 * the themes they share make Compare and the matrix show several authors at once. */
static void
test_samples_arrive_annotated (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = import_samples (fixture);
  g_autoptr(ScholiaComparison) comparison = scholia_comparison_new (fixture->store);
  g_autoptr(ScholiaMatrix) matrix = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *themes = scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_THEME);
  guint n_filled = 0;

  for (guint i = 0; i < documents->len; i++)
    {
      guint n = assert_sample_annotations (fixture, g_ptr_array_index (documents, i));

      g_assert_cmpuint (n, >=, 5);
      g_assert_cmpuint (n, <=, 8);
    }

  g_assert_cmpuint (g_list_model_get_n_items (themes), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(ScholiaTheme) theme = g_list_model_get_item (themes, i);
      g_auto(GStrv) authors = NULL;

      scholia_comparison_set_theme (comparison, theme);
      g_assert_true (scholia_comparison_refresh (comparison, &error));
      g_assert_no_error (error);
      authors = scholia_comparison_list_authors (comparison);
      g_assert_cmpuint (g_strv_length (authors), >=, 3);
      g_assert_cmpuint (g_list_model_get_n_items (scholia_comparison_get_passages (comparison)), >=, 3);
    }

  matrix = scholia_matrix_new (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scholia_matrix_get_n_authors (matrix), ==, documents->len);
  for (guint row = 0; row < scholia_matrix_get_n_authors (matrix); row++)
    for (guint column = 0; column < scholia_matrix_get_n_themes (matrix); column++)
      n_filled += scholia_matrix_get_count (matrix, row, column, 0) > 0;
  g_assert_cmpuint (n_filled, >=, 10);
}

/* Importing the samples a second time adds a second copy of each essay, as before, annotated
 * once like the first; the first copy keeps its annotations unchanged. */
static void
test_samples_import_twice (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) first = import_samples (fixture);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_themes = g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_THEME));
  guint n_tags = g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG));

  for (guint i = 0; i < first->len; i++)
    {
      guint n = assert_sample_annotations (fixture, g_ptr_array_index (first, i));

      g_array_append_val (counts, n);
    }

  second = import_samples (fixture);
  g_assert_cmpuint (second->len, ==, first->len);
  for (guint i = 0; i < first->len; i++)
    {
      g_assert_cmpuint (assert_sample_annotations (fixture, g_ptr_array_index (first, i)), ==,
                        g_array_index (counts, guint, i));
      g_assert_cmpuint (assert_sample_annotations (fixture, g_ptr_array_index (second, i)), ==,
                        g_array_index (counts, guint, i));
    }
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_THEME)), ==,
                    n_themes);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG)), ==,
                    n_tags);
}

/* A damaged annotations file refuses the samples before any essay is added. */
static void
test_samples_bad_annotations_add_nothing (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autofree char *samples = scholia_library_find_samples ();
  g_autofree char *index = g_build_filename (samples, "samples.json", NULL);
  g_autofree char *copy_index = g_build_filename (fixture->dir, "samples.json", NULL);
  g_autofree char *annotations = g_build_filename (fixture->dir, "annotations.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (index, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (copy_index, contents, -1, NULL));
  g_assert_true (g_file_set_contents (annotations, "{ \"01-marwick.md\": [", -1, NULL));

  g_assert_false (scholia_library_import_samples (fixture->store, fixture->dir, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "annotations.json"));
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (fixture->store)), ==, 0);
}

static void
test_filename_gives_title (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "harbour_dues-1843.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ScholiaMetadata metadata = { .author = "Adaeze Okafor" };
  ScholiaDocument *document;

  /* A first line too long to be a title. */
  g_assert_true (g_file_set_contents (path,
    "The harbour dues were raised three times between the spring of 1843 and the autumn of 1846, "
    "and each time the Board minuted its regret and its resolve in the same breath.\n", -1, NULL));
  document = scholia_library_import_file (fixture->store, file, &metadata, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_title (document), ==, "harbour dues-1843");
  g_assert_cmpstr (scholia_document_get_author (document), ==, "Adaeze Okafor");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/library-import/batch/goes-on-after-bad-file", test_batch_goes_on_after_bad_file);
  ADD ("/library-import/batch/cancel-keeps-whole-documents", test_batch_cancel_keeps_whole_documents);
  ADD ("/library-import/samples/import-with-metadata", test_samples_import_with_metadata);
  ADD ("/library-import/samples/arrive-annotated", test_samples_arrive_annotated);
  ADD ("/library-import/samples/import-twice", test_samples_import_twice);
  ADD ("/library-import/samples/bad-annotations-add-nothing", test_samples_bad_annotations_add_nothing);
  ADD ("/library-import/filename-gives-title", test_filename_gives_title);
#undef ADD

  return g_test_run ();
}
