/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "scholia-document-properties.h"
#include "scholia-store-references.h"
#include "scholia-window.h"
#include "test-files.h"
#include "test-keys.h"
#include "test-ui.h"

/* References in the window (issue 15): Import… takes a .bib or CSL JSON file as references,
 * and the essay's properties link it to one by searching as one types, fill its empty fields,
 * ask before replacing what was typed, and save it all as one undoable step. */

static guint
count_references (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_assert_true (scholia_store_count_references (store, &count, &error));
  g_assert_no_error (error);
  return count;
}

static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static const char *
row_text (GtkWidget  *dialog,
          const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_template_child (dialog, SCHOLIA_TYPE_DOCUMENT_PROPERTIES, name)));
}

static void
test_import_and_link (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_tmp_dir_new ("scholia-window-references-XXXXXX");
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "references", "library.json", NULL);
  g_autofree char *broken_path = g_test_build_filename (G_TEST_DIST, "references", "broken.bib", NULL);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  ScholiaDocument *document;
  ScholiaStore *store;
  GtkWidget *dialog;
  GtkListBox *list;
  GtkListBoxRow *row;
  AdwMessageDialog *question;

  g_assert_true (scholia_window_open_library (window, library));
  store = scholia_window_get_store (window);
  document = scholia_store_add_document (store, "My own title", "", "", NULL,
                                         "A short essay on ledgers and ports.\n", NULL, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));

  /* Read in the background; no essay is made of it. */
  scholia_window_import_files (window, &json, 1);
  while (count_references (store) < 3)
    g_main_context_iteration (NULL, TRUE);
  scholia_window_import_files (window, &broken, 1);
  while (count_references (store) < 5)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 1);

  dialog = scholia_document_properties_new (scholia_library_get_editor (scholia_window_get_library (window)), document);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  list = GTK_LIST_BOX (gtk_widget_get_template_child (dialog, SCHOLIA_TYPE_DOCUMENT_PROPERTIES, "reference_list"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (list)));

  /* An author's name, without its accent marks, finds the reference. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (dialog, SCHOLIA_TYPE_DOCUMENT_PROPERTIES,
                                                                      "citation_key_row")), "kowal gra");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "kowal2019 — Anna Kowal and Pieter de Vries 2019");

  /* Picking it fills the empty fields at once and asks about the typed title. */
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpstr (row_text (dialog, "citation_key_row"), ==, "kowal2019");
  g_assert_cmpstr (row_text (dialog, "author_row"), ==, "Anna Kowal and Pieter de Vries");
  g_assert_cmpstr (row_text (dialog, "author_sort_row"), ==, "Kowal, Anna");
  g_assert_cmpstr (row_text (dialog, "date_row"), ==, "2019-04-12");
  g_assert_cmpstr (row_text (dialog, "title_row"), ==, "My own title");
  question = find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question),
                            "Replace the title “My own title” with “Grain ledgers of a river port, 1780–1795”?"));
  adw_message_dialog_response (question, "replace");
  drain_main_context ();
  g_assert_cmpstr (row_text (dialog, "title_row"), ==, "Grain ledgers of a river port, 1780–1795");

  /* Saved as one step: the key and the fields; one undo takes both back. */
  g_assert_true (gtk_widget_activate_action (dialog, "properties.save", NULL));
  g_assert_cmpstr (scholia_document_get_citation_key (document), ==, "kowal2019");
  g_assert_cmpstr (scholia_document_get_title (document), ==, "Grain ledgers of a river port, 1780–1795");
  g_assert_cmpstr (scholia_document_get_source (document), ==,
                   "Journal of Imaginary Archives 12, no. 3: 118–134. https://doi.org/10.5555/jia.2019.118");
  g_assert_true (scholia_editor_undo (scholia_library_get_editor (scholia_window_get_library (window)), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_citation_key (document), ==, "");
  g_assert_cmpstr (scholia_document_get_title (document), ==, "My own title");
  g_assert_cmpstr (scholia_document_get_author (document), ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  test_tmp_dir_remove (dir);
}

typedef struct
{
  GtkWidget *dialog;
  const char *row;
  const char *text;
} RowWait;

static gboolean
row_has_text (gpointer data)
{
  RowWait *wait = data;

  return g_str_equal (row_text (wait->dialog, wait->row), wait->text);
}

static gboolean
question_shown (gpointer data)
{
  return find_message_dialog (data) != NULL;
}

static gboolean
question_gone (gpointer data)
{
  return find_message_dialog (data) == NULL;
}

/* The keyboard path: type in the key, Down to choose among the matches, Enter picks; Escape
 * keeps what was typed. */
static void
test_keyboard (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_tmp_dir_new ("scholia-window-references-XXXXXX");
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "references", "library.json", NULL);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  ScholiaWindow *window;
  ScholiaDocument *document;
  ScholiaStore *store;
  GtkWidget *dialog;
  RowWait wait;

  if (!test_keys_available ())
    return;
  window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_assert_true (scholia_window_open_library (window, library));
  store = scholia_window_get_store (window);
  document = scholia_store_add_document (store, "Typed title", "", "", NULL, "Ports and printers.\n", NULL, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  scholia_window_import_files (window, &json, 1);
  while (count_references (store) < 3)
    g_main_context_iteration (NULL, TRUE);

  dialog = scholia_document_properties_new (scholia_library_get_editor (scholia_window_get_library (window)), document);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  test_keys_focus (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (gtk_widget_get_template_child (dialog, SCHOLIA_TYPE_DOCUMENT_PROPERTIES,
                                                                    "citation_key_row")));
  test_keys_type ("emigre");
  wait = (RowWait) { dialog, "citation_key_row", "emigre" };
  g_assert_true (test_keys_wait (row_has_text, &wait));
  test_keys_press ("Down");
  test_keys_press ("Return");
  wait = (RowWait) { dialog, "author_row", "Chidi Okafor" };
  g_assert_true (test_keys_wait (row_has_text, &wait));
  g_assert_cmpstr (row_text (dialog, "citation_key_row"), ==, "okafor2011");
  g_assert_true (test_keys_wait (question_shown, dialog));
  test_keys_focus (GTK_WINDOW (find_message_dialog (GTK_WINDOW (dialog))));
  test_keys_press ("Escape");
  g_assert_true (test_keys_wait (question_gone, dialog));
  g_assert_cmpstr (row_text (dialog, "title_row"), ==, "Typed title");

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
  g_test_add_func ("/window/references/import-and-link", test_import_and_link);
  g_test_add_func ("/window/references/keyboard", test_keyboard);
  return g_test_run ();
}
