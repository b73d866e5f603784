/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-annotation-import-dialog.h"
#include "scholia-revision-dialog.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

static const char original[] =
  "The ledgers of Varnholm end in 1851.\n\nŻeleński counted the barges — too few to matter.\n";
static const char revised[] =
  "A preface added in the second edition.\n\n"
  "The ledgers of Varnholm end in 1851.\n\nŻeleński counted the barges — too few to matter.\n";

typedef struct
{
  char            *dir;
  ScholiaWindow   *window;
  ScholiaDocument *ledgers;
  ScholiaDocument *other;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ScholiaStore *store;

  fixture->dir = test_tmp_dir_new ("scholia-window-interop-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);

  fixture->window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_assert_true (scholia_window_open_library (fixture->window, path));
  store = scholia_window_get_store (fixture->window);
  fixture->ledgers = scholia_store_add_document (store, "Ledgers", "Helena Marwick", "1956", NULL,
                                                 original, NULL, &error);
  g_assert_no_error (error);
  fixture->other = scholia_store_add_document (store, "Other", "Adaeze Okafor", "1978", NULL,
                                               "A short essay on timber.\n", NULL, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (scholia_window_show_document (fixture->window, fixture->other));
  drain_main_context ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static void
test_search_result_opens_match_selected (Fixture       *fixture,
                                         gconstpointer  data)
{
  int offset = g_utf8_pointer_to_offset (original, strstr (original, "Żeleński"));
  int start, end;

  g_signal_emit_by_name (scholia_window_get_sidebar (fixture->window), "search-result-activated", fixture->ledgers, offset, 8);
  drain_main_context ();

  g_assert_true (scholia_window_get_document (fixture->window) == fixture->ledgers);
  g_assert_true (scholia_reading_view_get_selection (window_reader (fixture->window), &start, &end));
  g_assert_cmpint (start, ==, offset);
  g_assert_cmpint (end, ==, offset + 8);
}

static void
test_replace_text_moves_annotations_and_reloads (Fixture       *fixture,
                                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autofree char *revised_path = g_build_filename (fixture->dir, "revised.txt", NULL);
  g_autoptr(GFile) revised_file = g_file_new_for_path (revised_path);
  ScholiaStore *store = scholia_window_get_store (fixture->window);
  int start = g_utf8_pointer_to_offset (original, strstr (original, "counted the barges"));
  GtkWindow *dialog;
  GtkTextIter begin, finish;
  g_autofree char *shown = NULL;

  g_assert_true (g_file_set_contents (revised_path, revised, -1, NULL));
  annotation = scholia_store_add_annotation (store, fixture->ledgers, start, start + 18, NULL, 0, NULL, 0,
                                             NULL, &error);
  g_assert_no_error (error);

  /* Only with an essay open. */
  g_assert_true (scholia_window_show_document (fixture->window, fixture->ledgers));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "doc.replace-text", NULL));
  drain_main_context ();
  dialog = find_toplevel (SCHOLIA_TYPE_REVISION_DIALOG);
  g_assert_nonnull (dialog);

  scholia_revision_dialog_replace_from_file (SCHOLIA_REVISION_DIALOG (dialog), revised_file);
  while (scholia_annotation_get_start (annotation) == start)
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();

  /* The annotation moved with its passage, and the reader shows the revised text. */
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==,
                   g_utf8_pointer_to_offset (revised, strstr (revised, "counted the barges")));
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (window_reader (fixture->window))),
                              &begin, &finish);
  shown = gtk_text_iter_get_text (&begin, &finish);
  g_assert_true (g_str_has_prefix (shown, "A preface added"));

  /* The replacement is a step of the window's history: Ctrl+Z puts the old text back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "library.undo", NULL));
  drain_main_context ();
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, start);
  g_clear_pointer (&shown, g_free);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (window_reader (fixture->window))),
                              &begin, &finish);
  shown = gtk_text_iter_get_text (&begin, &finish);
  g_assert_cmpstr (shown, ==, original);

  gtk_window_destroy (dialog);
  drain_main_context ();
}

static void
test_import_annotations_presents_dialog (Fixture       *fixture,
                                         gconstpointer  data)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "library.import-annotations", NULL));
  drain_main_context ();
  dialog = find_toplevel (SCHOLIA_TYPE_ANNOTATION_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->window));
  gtk_window_destroy (dialog);
  drain_main_context ();
}

static void
test_export_annotations_formats (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autofree char *csv_path = g_build_filename (fixture->dir, "notes.csv", NULL);
  g_autofree char *md_path = g_build_filename (fixture->dir, "notes.md", NULL);
  g_autofree char *w3c_path = g_build_filename (fixture->dir, "notes.json", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) md = g_file_new_for_path (md_path);
  g_autoptr(GFile) w3c = g_file_new_for_path (w3c_path);
  g_autofree char *contents = NULL;
  ScholiaStore *store = scholia_window_get_store (fixture->window);

  annotation = scholia_store_add_annotation (store, fixture->ledgers, 4, 11, NULL, 0, NULL, 0,
                                             "On the ledgers, “and” more", &error);
  g_assert_no_error (error);
  g_assert_true (scholia_window_show_document (fixture->window, fixture->ledgers));

  g_assert_true (scholia_window_export_annotations (fixture->window, csv, "csv", FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"On the ledgers, “and” more\""));
  g_clear_pointer (&contents, g_free);

  g_assert_true (scholia_window_export_annotations (fixture->window, md, "md", FALSE, &error));
  g_assert_true (g_file_get_contents (md_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "# Ledgers"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (scholia_window_export_annotations (fixture->window, w3c, "w3c", TRUE, &error));
  g_assert_true (g_file_get_contents (w3c_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"AnnotationCollection\""));
  g_assert_nonnull (strstr (contents, scholia_annotation_get_uuid (annotation)));
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/interop/search-result-opens-match-selected", test_search_result_opens_match_selected);
  ADD ("/window/interop/replace-text-moves-annotations-and-reloads",
       test_replace_text_moves_annotations_and_reloads);
  ADD ("/window/interop/import-annotations-presents-dialog", test_import_annotations_presents_dialog);
  ADD ("/window/interop/export-annotations-formats", test_export_annotations_formats);
#undef ADD

  return g_test_run ();
}
