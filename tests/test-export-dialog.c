/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "scholia-export-dialog.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-pdf.h"
#include "test-ui.h"

#define HARBOUR_TITLE "Harbour Ledgers of Varnholm"
#define HARBOUR_TEXT \
  "The harbour ledgers show a town older than its charter.\n\n" \
  "The railway came late and stopped short of the quays.\n"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);

  fixture->dir = test_tmp_dir_new ("scholia-export-dialog-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);

  /* Each test starts from the defaults; the memory backend lives as long as the process. */
  g_settings_reset (settings, "export-page-size");
  g_settings_reset (settings, "export-font-size");
  g_settings_reset (settings, "export-ragged");
  g_settings_reset (settings, "export-include-notes");
  g_settings_reset (settings, "export-one-sided");
  g_settings_reset (settings, "export-course");
  g_settings_reset (settings, "annotator-name");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

typedef struct
{
  ScholiaWindow   *window;
  ScholiaDocument *document;
  ScholiaTheme    *railway;
  ScholiaTheme    *charter;
} Library;

static void
annotate (ScholiaStore    *store,
          ScholiaDocument *document,
          const char      *passage,
          ScholiaTheme    *theme)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaTag) tag = g_list_model_get_item (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG), 0);
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  const char *found = strstr (HARBOUR_TEXT, passage);
  gint64 tag_id = scholia_label_get_id (SCHOLIA_LABEL (tag));
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (theme));
  int start;

  g_assert_nonnull (found);
  start = (int) g_utf8_pointer_to_offset (HARBOUR_TEXT, found);
  annotation = scholia_store_add_annotation (store, document, start,
                                             start + (int) g_utf8_strlen (passage, -1),
                                             &tag_id, 1, &theme_id, 1, NULL, &error);
  g_assert_no_error (error);
}

static void
library_open (Fixture *fixture,
              Library *library)
{
  g_autoptr(GError) error = NULL;
  ScholiaStore *store;

  library->window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_assert_true (scholia_window_open_library (library->window, fixture->path));
  store = scholia_window_get_store (library->window);

  library->document = scholia_store_add_document (store, HARBOUR_TITLE, "Ines Varga", "1961", NULL,
                                                  HARBOUR_TEXT, NULL, &error);
  g_assert_no_error (error);
  library->railway = SCHOLIA_THEME (scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Railway", NULL, NULL, &error));
  g_assert_no_error (error);
  library->charter = SCHOLIA_THEME (scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Charter", NULL, NULL, &error));
  g_assert_no_error (error);
  annotate (store, library->document, "The railway came late", library->railway);
  annotate (store, library->document, "older than its charter", library->charter);

  gtk_window_present (GTK_WINDOW (library->window));
  g_assert_true (scholia_window_show_document (library->window, library->document));
  wait_for_layout (library->window);
}

static void
library_close (Library *library)
{
  gtk_window_destroy (GTK_WINDOW (library->window));
  g_assert_finalize_object (library->window);
}

static ScholiaExportDialog *
open_export_dialog (ScholiaWindow *window,
                    const char    *action)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  drain_main_context ();
  dialog = find_transient (GTK_WINDOW (window), SCHOLIA_TYPE_EXPORT_DIALOG);
  g_assert_true (SCHOLIA_IS_EXPORT_DIALOG (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));

  return SCHOLIA_EXPORT_DIALOG (dialog);
}

/* A finished export closes the dialog, so the reference keeps it to ask. */
static void
wait_for_export (ScholiaExportDialog *dialog)
{
  g_autoptr(ScholiaExportDialog) held = g_object_ref (dialog);

  while (scholia_export_dialog_get_exporting (held))
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
}

/* Lets a cancelled export's thread finish: the task holds the dialog until then. */
static void
wait_for_dialog_to_go (ScholiaExportDialog *dialog)
{
  GtkWindow *weak = GTK_WINDOW (dialog);

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_destroy (weak);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *pdf;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_object_unref (page);
    }
  g_object_unref (pdf);

  return g_string_free (text, FALSE);
}

/* The files in @dir other than the library's own. */
static guint
count_exported_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (!g_str_has_prefix (name, "library.sqlite3"))
      n++;

  return n;
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == parent)
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static void
test_settings_round_trip (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  Library library = { 0 };
  ScholiaExportDialog *dialog;
  GObject *page_size_row, *font_size_spin, *justify_switch, *notes_switch;

  library_open (fixture, &library);
  dialog = open_export_dialog (library.window, "doc.export-pdf");

#define CHILD(name) gtk_widget_get_template_child (GTK_WIDGET (dialog), SCHOLIA_TYPE_EXPORT_DIALOG, name)
  page_size_row = CHILD ("page_size_row");
  font_size_spin = CHILD ("font_size_spin");
  justify_switch = CHILD ("justify_switch");
  notes_switch = CHILD ("notes_switch");

  /* The defaults: A4, 11 pt, justified, with notes. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (page_size_row)), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (font_size_spin)), ==, 11);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (justify_switch)));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (notes_switch)));

  adw_combo_row_set_selected (ADW_COMBO_ROW (page_size_row), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (font_size_spin), 14);
  gtk_switch_set_active (GTK_SWITCH (justify_switch), FALSE);
  gtk_switch_set_active (GTK_SWITCH (notes_switch), FALSE);

  g_assert_cmpstr (g_settings_get_string (settings, "export-page-size"), ==, "letter");
  g_assert_cmpint (g_settings_get_int (settings, "export-font-size"), ==, 14);
  g_assert_true (g_settings_get_boolean (settings, "export-ragged"));
  g_assert_false (g_settings_get_boolean (settings, "export-include-notes"));

  /* The next export starts where the last one left off. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = open_export_dialog (library.window, "doc.export-pdf");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (CHILD ("page_size_row"))), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (CHILD ("font_size_spin"))), ==, 14);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (CHILD ("justify_switch"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (CHILD ("notes_switch"))));

  /* And follows the settings as they change. */
  g_settings_set_string (settings, "export-page-size", "a4");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (CHILD ("page_size_row"))), ==, 0);
#undef CHILD

  library_close (&library);
}

/* The course typed and the one-sided switch are remembered, and the course heads the PDF. */
static void
test_course_and_one_sided (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  Library library = { 0 };
  g_autofree char *target = g_build_filename (fixture->dir, "course.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autofree char *text = NULL;
  ScholiaExportDialog *dialog;

  library_open (fixture, &library);
  dialog = open_export_dialog (library.window, "doc.export-pdf");

#define CHILD(name) gtk_widget_get_template_child (GTK_WIDGET (dialog), SCHOLIA_TYPE_EXPORT_DIALOG, name)
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (CHILD ("one_sided_switch"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD ("course_row"))), ==, "");
  gtk_switch_set_active (GTK_SWITCH (CHILD ("one_sided_switch")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("course_row")), "Harbours and Trade, Autumn Term ");
  g_assert_true (g_settings_get_boolean (settings, "export-one-sided"));
  g_assert_cmpstr (g_settings_get_string (settings, "export-course"), ==, "Harbours and Trade, Autumn Term ");
#undef CHILD

  scholia_export_dialog_export_to (dialog, file);
  wait_for_export (dialog);
  text = pdf_text (target);
  g_assert_nonnull (strstr (text, "Harbours and Trade, Autumn Term\n"));

  dialog = open_export_dialog (library.window, "doc.export-pdf");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                    SCHOLIA_TYPE_EXPORT_DIALOG, "one_sided_switch"))));
  gtk_window_destroy (GTK_WINDOW (dialog));
  library_close (&library);
}

/* The name set in Preferences is the highlights' author. */
static void
test_annotator_from_preferences (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  Library library = { 0 };
  g_autofree char *target = g_build_filename (fixture->dir, "annotator.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_auto(GStrv) labels = NULL;
  ScholiaExportDialog *dialog;

  g_settings_set_string (settings, "annotator-name", "Dr. Ilse Varga");
  library_open (fixture, &library);
  dialog = open_export_dialog (library.window, "doc.export-pdf");
  scholia_export_dialog_export_to (dialog, file);
  wait_for_export (dialog);

  labels = test_pdf_highlight_labels (target);
  g_assert_cmpuint (g_strv_length (labels), >, 0);
  for (guint i = 0; labels[i] != NULL; i++)
    g_assert_cmpstr (labels[i], ==, "Dr. Ilse Varga");
  library_close (&library);
}

static void
test_export_writes_pdf_and_reports_it (Fixture       *fixture,
                                       gconstpointer  data)
{
  Library library = { 0 };
  g_autofree char *target = g_build_filename (fixture->dir, "ledgers.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autofree char *text = NULL;
  ScholiaExportDialog *dialog;

  library_open (fixture, &library);
  dialog = open_export_dialog (library.window, "doc.export-pdf");

  scholia_export_dialog_export_to (dialog, file);
  g_assert_true (scholia_export_dialog_get_exporting (dialog));
  wait_for_export (dialog);

  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  text = pdf_text (target);
  g_assert_nonnull (strstr (text, "Harbour Ledgers"));
  g_assert_nonnull (strstr (text, "railway came late"));
  g_assert_cmpuint (count_exported_files (fixture->dir), ==, 1);

  /* The dialog is done; the window says so, with a button to open the file. */
  g_assert_null (find_transient (GTK_WINDOW (library.window), SCHOLIA_TYPE_EXPORT_DIALOG));
  g_assert_true (shows_label (GTK_WIDGET (window_child (library.window, "toast_overlay")), "Exported “ledgers.pdf”"));

  library_close (&library);
}

static void
test_cancel_leaves_no_file (Fixture       *fixture,
                            gconstpointer  data)
{
  Library library = { 0 };
  g_autofree char *target = g_build_filename (fixture->dir, "cancelled.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  ScholiaExportDialog *dialog;

  library_open (fixture, &library);
  dialog = open_export_dialog (library.window, "doc.export-pdf");

  scholia_export_dialog_export_to (dialog, file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  g_assert_false (scholia_export_dialog_get_exporting (dialog));
  /* Cancelled, the dialog stays for another try. */
  drain_main_context ();
  g_assert_true (find_transient (GTK_WINDOW (library.window), SCHOLIA_TYPE_EXPORT_DIALOG) == GTK_WINDOW (dialog));

  wait_for_dialog_to_go (dialog);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_exported_files (fixture->dir), ==, 0);

  library_close (&library);
}

static void
test_unwritable_target_shows_error (Fixture       *fixture,
                                    gconstpointer  data)
{
  Library library = { 0 };
  g_autofree char *blocker = g_build_filename (fixture->dir, "not-a-folder", NULL);
  g_autofree char *target = g_build_filename (blocker, "ledgers.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autoptr(GError) error = NULL;
  ScholiaExportDialog *dialog;
  AdwMessageDialog *message;

  /* A file where the folder should be: refused whoever runs the test, root included. */
  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);

  library_open (fixture, &library);
  dialog = open_export_dialog (library.window, "doc.export-pdf");
  scholia_export_dialog_export_to (dialog, file);
  wait_for_export (dialog);

  message = find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Export");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "ledgers.pdf"));

  /* The dialog stays, for another file. */
  g_assert_true (find_transient (GTK_WINDOW (library.window), SCHOLIA_TYPE_EXPORT_DIALOG) == GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_exported_files (fixture->dir), ==, 1);   /* the blocker */

  library_close (&library);
}

static void
test_handout_exports_current_theme (Fixture       *fixture,
                                    gconstpointer  data)
{
  Library library = { 0 };
  g_autofree char *target = g_build_filename (fixture->dir, "railway.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autofree char *text = NULL;
  ScholiaExportDialog *dialog;

  library_open (fixture, &library);
  scholia_comparison_view_set_theme (window_comparison (library.window), library.railway);
  drain_main_context ();

  dialog = open_export_dialog (library.window, "library.export-handout");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Export Handout");
  scholia_export_dialog_export_to (dialog, file);
  wait_for_export (dialog);

  text = pdf_text (target);
  g_assert_nonnull (strstr (text, "Railway"));
  g_assert_nonnull (strstr (text, "railway came late"));
  g_assert_null (strstr (text, "older than its charter"));

  library_close (&library);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/export-dialog/settings/round-trip", test_settings_round_trip);
  ADD ("/export-dialog/settings/course-and-one-sided", test_course_and_one_sided);
  ADD ("/export-dialog/settings/annotator-from-preferences", test_annotator_from_preferences);
  ADD ("/export-dialog/document/writes-pdf-and-reports-it", test_export_writes_pdf_and_reports_it);
  ADD ("/export-dialog/document/cancel-leaves-no-file", test_cancel_leaves_no_file);
  ADD ("/export-dialog/document/unwritable-target-shows-error", test_unwritable_target_shows_error);
  ADD ("/export-dialog/handout/exports-current-theme", test_handout_exports_current_theme);

#undef ADD

  return g_test_run ();
}
