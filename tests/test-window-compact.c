/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Compact Library in the window (issue 17): the action runs behind a modal dialog with a
 * spinner, the toast after it says how much was saved, the library keeps every essay and takes
 * changes again; a read-only library has the action disabled. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-window.h"
#include "test-files.h"
#include "test-ui.h"

typedef TestLibraryFixture Fixture;

static const char sentence[] =
  "The lock keepers of the Almer canal were paid in salt until 1790, and complained of it. ";

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_size;
}

/* Twelve essays, eight of them deleted: free pages for the compaction to give back. */
static void
write_library (const char *path)
{
  g_autoptr(ScholiaStore) store = scholia_store_open (path, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  for (guint i = 0; i < 300; i++)
    g_string_append (text, sentence);
  for (guint d = 0; d < 12; d++)
    {
      g_autofree char *title = g_strdup_printf ("Canal accounts %u", d);
      ScholiaDocument *document = scholia_store_add_document (store, title, "Wendel Aarsen", "1790", "",
                                                              text->str, NULL, &error);

      g_assert_no_error (error);
      for (int a = 0; a < 50; a++)
        {
          g_autoptr(ScholiaAnnotation) annotation =
            scholia_store_add_annotation (store, document, a * 80, a * 80 + 30, NULL, 0, NULL, 0,
                                          "Salt as wages", &error);

          g_assert_no_error (error);
        }
      if (d >= 4)
        g_ptr_array_add (doomed, document);
    }
  for (guint i = 0; i < doomed->len; i++)
    {
      scholia_store_delete_document (store, doomed->pdata[i], &error);
      g_assert_no_error (error);
    }
}

static GtkLabel *
find_label_starting (GtkWidget  *widget,
                     const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label_starting (child, prefix);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static ScholiaWindow *
open_window (const char *library)
{
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));

  g_assert_true (scholia_window_open_library (window, library));
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();
  return window;
}

static void
window_destroy (ScholiaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_compact (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  ScholiaWindow *window;
  GtkWindow *busy;
  GtkWidget *toasts;
  ScholiaStore *store;
  gint64 before;

  write_library (fixture->library);
  before = file_size (fixture->library);
  window = open_window (fixture->library);
  toasts = window_child (window, "toast_overlay");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "library.compact", NULL));
  /* The window takes no input while the library is rewritten: a modal dialog says why. */
  busy = find_transient (GTK_WINDOW (window), ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (busy);
  g_assert_true (gtk_window_get_modal (busy));
  g_assert_nonnull (find_descendant (GTK_WIDGET (busy), GTK_TYPE_SPINNER));
  g_object_add_weak_pointer (G_OBJECT (busy), (gpointer *) &busy);
  gtk_window_close (busy);
  g_assert_nonnull (busy);

  while (find_label_starting (toasts, "Saved ") == NULL)
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();
  g_assert_null (busy);
  g_assert_cmpint (file_size (fixture->library), <, before * 3 / 4);

  /* The library goes on as before: every essay there, a change taken. */
  store = scholia_window_get_store (window);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 4);
  annotation = scholia_store_add_annotation (store, scholia_store_find_document (store, "Canal accounts 2", NULL),
                                             5, 20, NULL, 0, NULL, 0, "After compacting", &error);
  g_assert_no_error (error);
  g_clear_object (&annotation);
  window_destroy (window);

  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM annotations"), ==, 201);
  integrity = test_sql_text (fixture->library, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  ScholiaWindow *window = g_object_ref (g_object_new (SCHOLIA_TYPE_WINDOW, NULL));
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  write_library (fixture->library);
  store = scholia_store_open_read_only (fixture->library, &error);
  g_assert_no_error (error);
  scholia_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();

  /* Disabled: activating it does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "library.compact", NULL);
  drain_main_context ();
  g_assert_null (find_transient (GTK_WINDOW (window), ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (find_label_starting (window_child (window, "toast_overlay"), "Saved "));
  window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

  test_add_with_library ("/window/compact/saves-and-keeps-every-essay", test_compact);
  test_add_with_library ("/window/compact/disabled-read-only", test_read_only);

  return g_test_run ();
}
