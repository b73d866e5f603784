/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-refi.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

/* REFI-QDA in the window: Export Annotations… writes a project naming the annotator of the
 * preferences, and Import… (or a drop) takes a .qdpx as a project, not as an essay. */

static void
test_export_and_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_tmp_dir_new ("scholia-window-refi-XXXXXX");
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *project_path = g_build_filename (dir, "library.qdpx", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.sqlite3", NULL);
  g_autofree char *demo_path = g_build_filename (g_getenv ("SCHOLIA_SHARED_DIR"), "refi-qda", "demo.qdpx", NULL);
  g_autoptr(GFile) project = g_file_new_for_path (project_path);
  g_autoptr(GFile) demo = g_file_new_for_path (demo_path);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.scholia.Scholia");
  g_autoptr(ScholiaStore) other = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  ScholiaRefiSummary summary;
  ScholiaDocument *document;
  ScholiaStore *store;
  gint64 tag;
  guint before;
  guint annotations;

  g_settings_set_string (settings, "annotator-name", "Nora Quist");
  g_assert_true (scholia_window_open_library (window, library));
  store = scholia_window_get_store (window);
  document = scholia_store_add_document (store, "Timber", "Adaeze Okafor", "1978", NULL,
                                         "A short essay on timber and tides.\n", NULL, &error);
  g_assert_no_error (error);
  tag = scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "thesis", NULL));
  annotation = scholia_store_add_annotation (store, document, 2, 7, &tag, 1, NULL, 0, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (scholia_window_export_annotations (window, project, "qdpx", TRUE, &error));
  g_assert_no_error (error);
  other = scholia_store_open (other_path, &error);
  g_assert_no_error (error);
  scholia_refi_summary_init (&summary);
  g_assert_true (scholia_refi_import_project (other, project_path, &summary, &error));
  g_assert_cmpuint (summary.annotations, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.messages, 0), "Nora Quist"));
  scholia_refi_summary_clear (&summary);

  /* A project given to the import is read in the background, the window going on meanwhile;
   * its two essays and their annotations arrive together once the main loop has run. */
  before = g_list_model_get_n_items (scholia_store_get_documents (store));
  scholia_window_import_files (window, &demo, 1);
  g_assert_true (scholia_window_get_importing (window));
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, before);
  while (scholia_window_get_importing (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, before + 2);
  annotations = 0;
  for (guint i = before; i < before + 2; i++)
    {
      g_autoptr(ScholiaDocument) imported = g_list_model_get_item (scholia_store_get_documents (store), i);
      g_autoptr(GListModel) list = scholia_store_list_annotations (store, imported, NULL);

      annotations += g_list_model_get_n_items (list);
    }
  g_assert_cmpuint (annotations, ==, 158);  /* the demo's PlainTextSelections */

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  test_tmp_dir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);
  g_test_add_func ("/window/refi-qda/export-and-import", test_export_and_import);
  return g_test_run ();
}
