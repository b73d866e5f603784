/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "scholia-revision-dialog.h"
#include "test-files.h"
#include "test-ui.h"

static const char first_edition[] =
  "The ferry tolls doubled in the winter of 1902.\n\n"
  "The harbourmaster kept no ledger of the refusals. The council kept one for him.\n\n"
  "Agnès Ferrand counted the carts herself, and her tally is blunt.\n";

/* A new opening paragraph, and the harbourmaster's sentence gone. */
static const char second_edition[] =
  "A preface for the collected edition, written after the council's papers were found.\n\n"
  "The ferry tolls doubled in the winter of 1902.\n\n"
  "The council kept one for him.\n\n"
  "Agnès Ferrand counted the carts herself, and her tally is blunt.\n";

typedef struct
{
  char                  *dir;
  ScholiaStore          *store;
  ScholiaDocument       *document;
  ScholiaRevisionDialog *dialog;
  guint                  replaced;
} Fixture;

static void
annotate (Fixture    *fixture,
          const char *quote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  int start = g_utf8_pointer_to_offset (first_edition, strstr (first_edition, quote));

  annotation = scholia_store_add_annotation (fixture->store, fixture->document, start,
                                             start + g_utf8_strlen (quote, -1), NULL, 0, NULL, 0,
                                             "A note.", &error);
  g_assert_no_error (error);
}

/* Each annotation as "start-end" in document order, orphans marked. */
static char *
describe_annotations (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = NULL;
  GString *description = g_string_new (NULL);

  annotations = scholia_store_list_annotations (fixture->store, fixture->document, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      g_string_append_printf (description, "%d-%d%s ", scholia_annotation_get_start (annotation),
                              scholia_annotation_get_end (annotation),
                              scholia_annotation_get_orphaned (annotation) ? " orphan" : "");
    }

  return g_string_free (description, FALSE);
}

static void
on_replaced_cb (ScholiaRevisionDialog *dialog,
                ScholiaDocument       *document,
                Fixture               *fixture)
{
  g_assert_true (document == fixture->document);
  fixture->replaced++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-revision-dialog-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  fixture->document = scholia_store_add_document (fixture->store, "Ferry Tolls", "Agnès Ferrand",
                                                  "1931", NULL, first_edition, NULL, &error);
  g_assert_no_error (error);
  annotate (fixture, "ferry tolls doubled");
  annotate (fixture, "The harbourmaster kept no ledger of the refusals.");
  annotate (fixture, "her tally is blunt");

  fixture->dialog = SCHOLIA_REVISION_DIALOG (scholia_revision_dialog_new (fixture->store,
                                                                          fixture->document));
  g_signal_connect (fixture->dialog, "replaced", G_CALLBACK (on_replaced_cb), fixture);
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
                                                  SCHOLIA_TYPE_REVISION_DIALOG, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (template_child (fixture, "stack"));
}

static void
replace_and_wait (Fixture *fixture,
                  GFile   *file)
{
  scholia_revision_dialog_replace_from_file (fixture->dialog, file);
  g_assert_true (scholia_revision_dialog_get_busy (fixture->dialog));
  g_assert_cmpstr (visible_page (fixture), ==, "working");

  /* It starts once the spinner has been drawn. */
  while (scholia_revision_dialog_get_busy (fixture->dialog))
    g_main_context_iteration (NULL, TRUE);
}

static char *
load_text (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *text = scholia_store_load_text (fixture->store, fixture->document, &error);

  g_assert_no_error (error);
  return text;
}

static void
test_replace_and_undo (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "second-edition.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = describe_annotations (fixture);
  g_autofree char *original = load_text (fixture);
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (path, second_edition, -1, &error));
  g_assert_no_error (error);

  replace_and_wait (fixture, file);

  g_assert_cmpstr (visible_page (fixture), ==, "done");
  g_assert_cmpstr (adw_status_page_get_description (template_child (fixture, "done_page")), ==,
                   "2 annotations placed exactly, 1 could not be placed.");
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "orphans_label")));
  g_assert_cmpuint (fixture->replaced, ==, 1);
  text = load_text (fixture);
  g_assert_true (g_str_has_prefix (text, "A preface for the collected edition"));
  after = describe_annotations (fixture);
  g_assert_cmpstr (after, !=, before);

  /* Undo puts back the text and every annotation where it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "revision.undo", NULL));
  g_assert_cmpstr (visible_page (fixture), ==, "undone");
  g_assert_cmpuint (fixture->replaced, ==, 2);
  g_clear_pointer (&text, g_free);
  text = load_text (fixture);
  g_assert_cmpstr (text, ==, original);
  restored = describe_annotations (fixture);
  g_assert_cmpstr (restored, ==, before);
}

static void
test_error_names_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing-edition.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = describe_annotations (fixture);
  g_autofree char *original = load_text (fixture);
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  const char *message;

  replace_and_wait (fixture, file);

  g_assert_cmpstr (visible_page (fixture), ==, "error");
  message = adw_status_page_get_description (template_child (fixture, "error_page"));
  g_assert_nonnull (strstr (message, "missing-edition.txt"));
  g_assert_cmpuint (fixture->replaced, ==, 0);
  text = load_text (fixture);
  g_assert_cmpstr (text, ==, original);
  after = describe_annotations (fixture);
  g_assert_cmpstr (after, ==, before);
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

  ADD ("/revision-dialog/replace/reports-counts-and-undo-restores", test_replace_and_undo);
  ADD ("/revision-dialog/replace/error-names-file-and-changes-nothing", test_error_names_file);

#undef ADD

  return g_test_run ();
}
