/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "scholia-pdf-export.h"
#include "scholia-refi.h"
#include "scholia-window-private.h"

/* REFI-QDA in the window: a .qdpx project or .qdc codebook given to Import… (or dropped) is
 * imported whole, and a toast says what arrived and names what was left out; Export
 * Annotations… writes either. A project is read in a worker thread, with the import bar
 * pulsing, and written on the main thread; the export runs on the main thread. */

#define TOAST_MESSAGES 2

static gboolean
has_suffix (GFile      *file,
            const char *suffix)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folded = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  return folded != NULL && g_str_has_suffix (folded, suffix);
}

gboolean
_scholia_window_is_refi_file (GFile *file)
{
  return has_suffix (file, ".qdpx") || has_suffix (file, ".qdc");
}

/* "…; left out: A; B and 3 more" when the summary names anything. */
static void
append_left_out (GString                  *text,
                 const ScholiaRefiSummary *summary)
{
  guint n = summary->messages->len;

  if (n == 0)
    return;
  /* Translators: continues an import's toast; a list of what was not kept follows */
  g_string_append (text, _("; left out or renamed: "));
  for (guint i = 0; i < MIN (n, TOAST_MESSAGES); i++)
    {
      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, g_ptr_array_index (summary->messages, i));
    }
  if (n > TOAST_MESSAGES)
    /* Translators: ends the list above: how many more things were left out or renamed */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", n - TOAST_MESSAGES),
                            n - TOAST_MESSAGES);
}

static void
report_import (ScholiaWindow            *self,
               const char               *name,
               gboolean                  project,
               const ScholiaRefiSummary *summary)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (project)
    /* Translators: a toast: how many essays, the REFI-QDA project's file name, then the count of
     * annotations after a label, so that no word has to agree with that number */
    g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Imported %u essay from “%s” (annotations: %u)",
                                        "Imported %u essays from “%s” (annotations: %u)", summary->sources),
                     summary->sources, name, summary->annotations);
  else
    g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Imported %u new tag or theme from “%s”",
                                        "Imported %u new tags and themes from “%s”", summary->labels_added),
                     summary->labels_added, name);
  append_left_out (text, summary);
  _scholia_window_add_message_toast (self, text->str);
}

/* A project is read and checked in a worker thread (the parse of a whole library's project
 * takes seconds), then written on the main thread, the store's, in one batch. */
typedef struct
{
  char               *path;
  char               *name;
  ScholiaStore       *store;    /* the library it goes into: another one opened meanwhile is not it */
  ScholiaRefiPlan    *plan;
  ScholiaRefiSummary  summary;
} RefiImport;

static void
refi_import_free (RefiImport *import)
{
  g_free (import->path);
  g_free (import->name);
  g_object_unref (import->store);
  g_clear_pointer (&import->plan, scholia_refi_plan_free);
  scholia_refi_summary_clear (&import->summary);
  g_free (import);
}

static void
read_plan_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RefiImport *import = task_data;
  GError *error = NULL;

  import->plan = scholia_refi_plan_read (import->path, &import->summary, &error);
  if (import->plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
pulse_cb (gpointer user_data)
{
  ScholiaWindow *self = user_data;

  gtk_progress_bar_pulse (_scholia_window_child (self, "import_progress"));
  return G_SOURCE_CONTINUE;
}

static void
show_reading (ScholiaWindow *self,
              const char    *name)
{
  g_autofree char *label = NULL;

  /* An essay batch running owns the bar's label and fraction. */
  if (self->import_cancellable == NULL)
    {
      /* Translators: shown while a REFI-QDA project is read; %s is its file name */
      label = g_strdup_printf (_("Reading “%s”…"), name);
      gtk_label_set_label (_scholia_window_child (self, "import_label"), label);
      if (self->refi_pulse_id == 0)
        self->refi_pulse_id = g_timeout_add (100, pulse_cb, self);
    }
  gtk_action_bar_set_revealed (_scholia_window_child (self, "import_bar"), TRUE);
}

static void
on_plan_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (source);
  GTask *task = G_TASK (result);
  RefiImport *import = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The window was closed, or another library opened: nothing to write into or report in. */
  if (self->store != import->store || self->refi_running == 0)
    return;

  if (!g_task_propagate_boolean (task, &error))
    _scholia_window_add_message_toast (self, error->message);
  else if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    _scholia_window_add_message_toast (self, _("Import cancelled"));
  else if (!scholia_refi_plan_write (import->plan, self->store, &import->summary, &error))
    _scholia_window_add_message_toast (self, error->message);
  else
    report_import (self, import->name, TRUE, &import->summary);

  if (--self->refi_running > 0)
    return;
  g_clear_object (&self->refi_cancellable);
  g_clear_handle_id (&self->refi_pulse_id, g_source_remove);
  if (self->import_cancellable == NULL)
    gtk_action_bar_set_revealed (_scholia_window_child (self, "import_bar"), FALSE);
  g_object_notify (G_OBJECT (self), "importing");
}

static void
start_project_import (ScholiaWindow *self,
                      const char    *path,
                      const char    *name)
{
  RefiImport *import = g_new0 (RefiImport, 1);
  g_autoptr(GTask) task = NULL;

  import->path = g_strdup (path);
  import->name = g_strdup (name);
  import->store = g_object_ref (self->store);
  scholia_refi_summary_init (&import->summary);
  if (self->refi_cancellable == NULL)
    self->refi_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->refi_cancellable, on_plan_read_cb, NULL);
  g_task_set_source_tag (task, start_project_import);
  g_task_set_task_data (task, import, (GDestroyNotify) refi_import_free);
  g_task_run_in_thread (task, read_plan_thread);

  self->refi_running++;
  show_reading (self, name);
  if (self->refi_running == 1)
    g_object_notify (G_OBJECT (self), "importing");
}

/* A codebook is a few hundred codes at most: read and written at once. */
void
_scholia_window_import_refi (ScholiaWindow *self,
                             GFile         *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  ScholiaRefiSummary summary;

  if (path == NULL)
    {
      _scholia_window_add_message_toast (self, _("A REFI-QDA file must be on this computer to be imported"));
      return;
    }
  if (has_suffix (file, ".qdpx"))
    {
      start_project_import (self, path, name);
      return;
    }
  scholia_refi_summary_init (&summary);
  if (!scholia_refi_import_codebook (self->store, path, &summary, &error))
    _scholia_window_add_message_toast (self, error->message);
  else
    report_import (self, name, FALSE, &summary);
  scholia_refi_summary_clear (&summary);
}

gboolean
_scholia_window_export_refi (ScholiaWindow  *self,
                             GFile          *file,
                             const char     *format,
                             GPtrArray      *documents,
                             GError        **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *annotator = NULL;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("A REFI-QDA file can only be written on this computer"));
      return FALSE;
    }
  if (g_str_equal (format, "qdc"))
    return scholia_refi_export_codebook (self->store, path, error);

  annotator = g_strstrip (g_settings_get_string (self->settings, "annotator-name"));
  return scholia_refi_export_project (self->store, documents,
                                      *annotator != '\0' ? annotator : scholia_pdf_default_annotator (),
                                      path, NULL, error);
}
