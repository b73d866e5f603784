/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "scholia-annotation-import-dialog.h"
#include "scholia-w3c.h"
#include "test-files.h"
#include "test-ui.h"

static const char tolls_text[] =
  "The ferry tolls doubled in the winter of 1902.\n\n"
  "The harbourmaster kept no ledger of the refusals. The council kept one for him.\n";

typedef struct
{
  char                          *dir;
  ScholiaStore                  *store;
  ScholiaDocument               *letters;
  ScholiaDocument               *tolls;
  ScholiaAnnotationImportDialog *dialog;
  guint                          imported;
} Fixture;

static void
on_imported_cb (ScholiaAnnotationImportDialog *dialog,
                Fixture                       *fixture)
{
  fixture->imported++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-import-dialog-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  fixture->letters = scholia_store_add_document (fixture->store, "Customs Letters",
                                                 "Zeno Whitlock", "1950", NULL,
                                                 "Letters kept in a biscuit tin.", NULL, &error);
  g_assert_no_error (error);
  fixture->tolls = scholia_store_add_document (fixture->store, "Ferry Tolls", "Agnès Ferrand",
                                               "1931", NULL, tolls_text, NULL, &error);
  g_assert_no_error (error);
}

static void
open_dialog (Fixture         *fixture,
             ScholiaDocument *preselected)
{
  fixture->dialog = SCHOLIA_ANNOTATION_IMPORT_DIALOG (
    scholia_annotation_import_dialog_new (fixture->store, preselected));
  g_signal_connect (fixture->dialog, "imported", G_CALLBACK (on_imported_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  drain_main_context ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  drain_main_context ();
  g_assert_finalize_object (fixture->store);

  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static gpointer
template_child (Fixture    *fixture,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->dialog),
                                                  SCHOLIA_TYPE_ANNOTATION_IMPORT_DIALOG, name);

  g_assert_nonnull (child);
  return child;
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = test_write_file (fixture->dir, name, contents);

  return g_file_new_for_path (path);
}

static guint
count_annotations (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ScholiaCounts counts;

  g_assert_true (scholia_store_get_counts (fixture->store, &counts, &error));
  g_assert_no_error (error);
  return counts.annotations;
}

static int
code_point_of (const char *needle)
{
  return (int) g_utf8_pointer_to_offset (tolls_text, strstr (tolls_text, needle));
}

static void
test_preselected (Fixture       *fixture,
                  gconstpointer  data)
{
  open_dialog (fixture, fixture->tolls);

  g_assert_true (gtk_check_button_get_active (template_child (fixture, "document_check")));
  g_assert_true (gtk_drop_down_get_selected_item (template_child (fixture, "document_dropdown")) ==
                 fixture->tolls);
  /* Nothing to import until a file is chosen. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.import", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture, "stack")), ==, "form");
  g_assert_cmpuint (fixture->imported, ==, 0);
}

static void
test_import_onto_chosen_document (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *json = NULL;
  int tolls = code_point_of ("ferry tolls doubled");
  int council = code_point_of ("The council kept one");

  /* They name a page the library does not hold: only the chosen essay can take them. The
   * second one's position is stale, from an edition without the harbourmaster's sentence. */
  json = g_strdup_printf (
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"AnnotationPage\", \"items\": ["
    " {\"type\": \"Annotation\", \"id\": \"urn:uuid:6a1d8e0c-3f2b-4d7e-9c1a-5b4e3d2c1f01\","
    "  \"bodyValue\": \"The first rise.\","
    "  \"target\": {\"source\": \"https://example.org/elsewhere/tolls\", \"selector\": ["
    "   {\"type\": \"TextPositionSelector\", \"start\": %d, \"end\": %d},"
    "   {\"type\": \"TextQuoteSelector\", \"exact\": \"ferry tolls doubled\"}]}},"
    " {\"type\": \"Annotation\", \"id\": \"urn:uuid:6a1d8e0c-3f2b-4d7e-9c1a-5b4e3d2c1f02\","
    "  \"target\": {\"source\": \"https://example.org/elsewhere/tolls\", \"selector\": ["
    "   {\"type\": \"TextPositionSelector\", \"start\": %d, \"end\": %d},"
    "   {\"type\": \"TextQuoteSelector\", \"exact\": \"The council kept one\"}]}}"
    "]}",
    tolls, tolls + 19, council - 50, council - 30);
  file = write_file (fixture, "tolls.jsonld", json);

  open_dialog (fixture, NULL);
  g_assert_false (gtk_check_button_get_active (template_child (fixture, "document_check")));
  gtk_drop_down_set_selected (template_child (fixture, "document_dropdown"), 1);
  gtk_check_button_set_active (template_child (fixture, "document_check"), TRUE);

  g_assert_true (scholia_annotation_import_dialog_import_file (fixture->dialog, file));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture, "stack")), ==, "done");
  g_assert_cmpstr (adw_status_page_get_description (template_child (fixture, "done_page")), ==,
                   "1 annotation placed exactly, 1 moved to where its passage now is.");
  g_assert_cmpuint (fixture->imported, ==, 1);
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->tolls), ==, 2);
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->letters), ==, 0);
}

static void
test_malformed_changes_nothing (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "broken.json",
                                      "[{\"type\": \"Annotation\", \"target\": ");
  guint before = count_annotations (fixture);

  open_dialog (fixture, NULL);
  g_assert_false (scholia_annotation_import_dialog_import_file (fixture->dialog, file));

  g_assert_true (gtk_widget_get_visible (template_child (fixture, "error_box")));
  g_assert_nonnull (strstr (gtk_label_get_text (template_child (fixture, "error_title")),
                            "broken.json"));
  g_assert_cmpstr (gtk_label_get_text (template_child (fixture, "error_message")), !=, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture, "stack")), ==, "form");
  g_assert_cmpuint (fixture->imported, ==, 0);
  g_assert_cmpuint (count_annotations (fixture), ==, before);
}

/* An export of the letters imported onto the tolls: the annotation is the letters', said so;
 * with the check box it is copied onto the tolls as a new one. */
static void
test_another_essays_annotations (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = write_file (fixture, "letters.jsonld",
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"Annotation\","
    " \"id\": \"urn:uuid:6a1d8e0c-3f2b-4d7e-9c1a-5b4e3d2c1f03\","
    " \"body\": {\"type\": \"TextualBody\", \"purpose\": \"commenting\", \"value\": \"Kept.\"},"
    " \"target\": {\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"kept\"}}}");
  ScholiaW3cSummary summary;
  const char *description;

  g_assert_true (scholia_w3c_import_file (fixture->store, file, fixture->letters, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->letters), ==, 1);

  /* Left alone: the letters keep it, the tolls get nothing, and the dialog says why. */
  open_dialog (fixture, fixture->tolls);
  g_assert_false (gtk_check_button_get_active (template_child (fixture, "copy_foreign_check")));
  g_assert_true (scholia_annotation_import_dialog_import_file (fixture->dialog, file));
  description = adw_status_page_get_description (template_child (fixture, "done_page"));
  g_assert_cmpstr (description, ==,
                   "1 annotation belongs to another essay (“Customs Letters”). Import it again with "
                   "“Copy annotations that belong to another essay as new ones” to copy it here.");
  g_assert_cmpstr (adw_status_page_get_title (template_child (fixture, "done_page")), ==, "No Annotations Imported");
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->tolls), ==, 0);
  g_assert_cmpuint (count_annotations (fixture), ==, 1);
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  drain_main_context ();

  /* Ticked: copied onto the tolls as a new annotation. */
  open_dialog (fixture, fixture->tolls);
  gtk_check_button_set_active (template_child (fixture, "copy_foreign_check"), TRUE);
  g_assert_true (scholia_annotation_import_dialog_import_file (fixture->dialog, file));
  g_assert_cmpstr (adw_status_page_get_description (template_child (fixture, "done_page")), ==,
                   "1 annotation placed exactly, 1 annotation of another essay (“Customs Letters”) was copied "
                   "as a new one.");
  g_assert_cmpstr (adw_status_page_get_title (template_child (fixture, "done_page")), ==, "Annotations Imported");
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->tolls), ==, 1);
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->letters), ==, 1);
  g_assert_cmpuint (fixture->imported, ==, 2);
}

/* A \u0000 in a note is kept as U+FFFD, not a note cut short, and the page says so. */
static void
test_replaced_characters_told (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "nul.jsonld",
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"Annotation\", \"bodyValue\": \"Before\\u0000after.\","
    " \"target\": {\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"ferry tolls\"}}}");
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;

  open_dialog (fixture, fixture->tolls);
  g_assert_true (scholia_annotation_import_dialog_import_file (fixture->dialog, file));
  g_assert_cmpstr (adw_status_page_get_description (template_child (fixture, "done_page")), ==,
                   "1 annotation placed exactly. 1 character that was not valid Unicode text was replaced by “\xef\xbf\xbd”.");
  annotations = scholia_store_list_annotations (fixture->store, fixture->tolls, NULL);
  annotation = g_list_model_get_item (annotations, 0);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Before\xef\xbf\xbd" "after.");
}

/* Of a file whose second annotation cannot be placed, the first is imported, and the window
 * lists the second with its reason. */
static void
test_rejected_listed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "partial.jsonld",
    "[{\"type\": \"Annotation\", \"id\": \"http://example.org/fine\","
    "  \"target\": {\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"ferry tolls\"}}},"
    " {\"type\": \"Annotation\", \"id\": \"http://example.org/elsewhere\", \"target\": \"http://example.org/page\"}]");
  GtkWidget *row;

  open_dialog (fixture, fixture->tolls);
  g_assert_true (scholia_annotation_import_dialog_import_file (fixture->dialog, file));
  g_assert_cmpuint (count_annotations (fixture), ==, 1);
  g_assert_cmpstr (adw_status_page_get_title (template_child (fixture, "done_page")), ==, "Some Annotations Imported");
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "rejected_box")));
  g_assert_cmpstr (gtk_label_get_text (template_child (fixture, "rejected_title")), ==, "1 annotation was not imported");
  row = gtk_widget_get_first_child (template_child (fixture, "rejected_list"));
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)))), ==,
                   "The target of annotation 2 (http://example.org/elsewhere) has no selector, so it cannot be placed in a text");
  g_assert_null (gtk_widget_get_next_sibling (row));
}

/* A file of two essays' annotations imported into "One essay": what is not in it is not stored
 * as its unplaced annotations, and the summary says where it went. */
static void
test_one_essay_skips_the_others (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *letters_iri = g_strconcat ("urn:uuid:", scholia_document_get_uuid (fixture->letters), NULL);
  g_autofree char *json = NULL;
  g_autoptr(GFile) file = NULL;

  json = g_strdup_printf (
    "[{\"type\": \"Annotation\", \"target\": {\"source\": \"https://example.org/tolls\","
    "   \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"ferry tolls doubled\"}}},"
    " {\"type\": \"Annotation\", \"target\": {\"source\": \"%s\","
    "   \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"kept in a biscuit tin\"}}},"
    " {\"type\": \"Annotation\", \"target\": {\"source\": \"https://example.org/tolls\","
    "   \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"a sentence of another essay\"}}}]",
    letters_iri);
  file = write_file (fixture, "two-essays.jsonld", json);

  open_dialog (fixture, fixture->tolls);
  g_assert_true (scholia_annotation_import_dialog_import_file (fixture->dialog, file));

  g_assert_cmpstr (adw_status_page_get_description (template_child (fixture, "done_page")), ==,
                   "2 annotations placed exactly, 1 not in “Ferry Tolls” put on the essay its target "
                   "names, 1 skipped: its passage is not in “Ferry Tolls”.");
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->tolls), ==, 1);
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->letters), ==, 1);
  g_assert_cmpuint (count_annotations (fixture), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/annotation-import-dialog/target/preselected-document", test_preselected);
  ADD ("/annotation-import-dialog/import/onto-chosen-document-with-counts",
       test_import_onto_chosen_document);
  ADD ("/annotation-import-dialog/import/malformed-file-changes-nothing",
       test_malformed_changes_nothing);
  ADD ("/annotation-import-dialog/import/another-essays-annotations-copied-when-asked",
       test_another_essays_annotations);
  ADD ("/annotation-import-dialog/import/replaced-characters-told", test_replaced_characters_told);
  ADD ("/annotation-import-dialog/import/one-essay-skips-what-is-not-in-it", test_one_essay_skips_the_others);
  ADD ("/annotation-import-dialog/import/rejected-annotations-listed", test_rejected_listed);

#undef ADD

  return g_test_run ();
}
