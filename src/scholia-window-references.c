/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "scholia-reference-file.h"
#include "scholia-store-references.h"
#include "scholia-window-private.h"

/* Bibliographic references in the window (issue 15): a .bib or CSL JSON file given to
 * Import… (or dropped) is read in a worker thread and imported into the library in one
 * transaction on the main thread, the store's; a toast says how many arrived, and its Details
 * button lists each entry skipped or key repeated, with its line. */

typedef struct
{
  GFile                *file;
  char                 *name;
  ScholiaStore         *store;   /* the library it goes into: another one opened meanwhile is not it */
  ScholiaReferenceFile *read;
} ReferenceImport;

static void
reference_import_free (ReferenceImport *import)
{
  g_object_unref (import->file);
  g_free (import->name);
  g_object_unref (import->store);
  g_clear_pointer (&import->read, scholia_reference_file_free);
  g_free (import);
}

gboolean
_scholia_window_is_reference_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && scholia_reference_file_is_reference_path (name);
}

static void
read_references_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  ReferenceImport *import = task_data;
  GError *error = NULL;

  import->read = scholia_reference_file_load (import->file, cancellable, &error);
  if (import->read == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
append_problems (GtkListBox *list,
                 GPtrArray  *problems,
                 gboolean    duplicates)
{
  for (guint i = 0; i < problems->len; i++)
    {
      ScholiaReferenceProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *title = NULL;
      g_autofree char *reason = g_markup_escape_text (problem->reason, -1);
      GtkWidget *row = adw_action_row_new ();

      if (duplicates)
        /* Translators: a skipped entry of a file of references: its line and citation key */
        title = g_strdup_printf (_("Line %u: “%s” again"), problem->line, problem->key);
      else if (*problem->key != '\0')
        title = g_strdup_printf (_("Line %u: “%s”"), problem->line, problem->key);
      else
        title = g_strdup_printf (_("Line %u"), problem->line);
      {
        g_autofree char *escaped = g_markup_escape_text (title, -1);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
      gtk_list_box_append (list, row);
    }
}

static void
on_details_clicked_cb (ScholiaWindow *self,
                       AdwToast      *toast)
{
  ScholiaReferenceFile *read = g_object_get_data (G_OBJECT (toast), "read");
  const char *name = g_object_get_data (G_OBJECT (toast), "name");
  guint n = read->skipped->len + read->duplicates->len;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *scrolled;

  heading = g_strdup_printf (ngettext ("%u Reference Left Out", "%u References Left Out", n), n);
  body = g_strdup_printf (_("These entries of “%s” were not imported; everything else was."), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("References left out"), -1);
  append_problems (GTK_LIST_BOX (list), read->skipped, FALSE);
  append_problems (GTK_LIST_BOX (list), read->duplicates, TRUE);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
report_import (ScholiaWindow           *self,
               ReferenceImport         *import,
               ScholiaReferenceChanges *changes)
{
  guint n = import->read->references->len;
  guint left_out = import->read->skipped->len + import->read->duplicates->len;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  /* Translators: a toast: how many references, the file's name, then a tally of counts after
   * labels, so that no word has to agree with a number */
  g_string_printf (text, ngettext ("Imported %u reference from “%s” (new: %u, updated: %u)",
                                   "Imported %u references from “%s” (new: %u, updated: %u)", n),
                   n, import->name, changes->added->len, changes->updated->len);
  if (left_out > 0)
    /* Translators: continues the toast above: how many references were not imported */
    g_string_append_printf (text, ngettext ("; %u left out", "; %u left out", left_out), left_out);
  escaped = g_markup_escape_text (text->str, -1);
  toast = adw_toast_new (escaped);
  if (left_out > 0)
    {
      /* Translators: a toast’s button that shows which references were left out */
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_timeout (toast, 10);
      g_object_set_data_full (G_OBJECT (toast), "read", g_steal_pointer (&import->read),
                              (GDestroyNotify) scholia_reference_file_free);
      g_object_set_data_full (G_OBJECT (toast), "name", g_strdup (import->name), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_details_clicked_cb), self,
                               G_CONNECT_SWAPPED);
    }
  scholia_window_add_toast (self, toast);
}

static void
on_references_read_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (source);
  GTask *task = G_TASK (result);
  ReferenceImport *import = g_task_get_task_data (task);
  g_autoptr(ScholiaReferenceChanges) changes = scholia_reference_changes_new ();
  g_autoptr(GError) error = NULL;

  /* Another library opened meanwhile: this one is not the one the user imported into. */
  if (self->store != import->store)
    return;

  if (!g_task_propagate_boolean (task, &error))
    _scholia_window_add_message_toast (self, error->message);
  else if (import->read->references->len == 0)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” holds no reference that could be imported"), import->name);

      _scholia_window_add_message_toast (self, message);
    }
  else if (!scholia_store_import_references (self->store, import->read->references, changes, &error))
    _scholia_window_add_message_toast (self, error->message);
  else
    report_import (self, import, changes);
}

void
_scholia_window_import_references (ScholiaWindow *self,
                                   GFile         *file)
{
  ReferenceImport *import = g_new0 (ReferenceImport, 1);
  g_autoptr(GTask) task = NULL;

  import->file = g_object_ref (file);
  import->name = g_file_get_basename (file);
  import->store = g_object_ref (self->store);
  task = g_task_new (self, NULL, on_references_read_cb, NULL);
  g_task_set_source_tag (task, _scholia_window_import_references);
  g_task_set_task_data (task, import, (GDestroyNotify) reference_import_free);
  g_task_run_in_thread (task, read_references_thread);
}
