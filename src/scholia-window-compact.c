/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "scholia-store-compact.h"
#include "scholia-window-private.h"

/* Compact Library (issue 17): the store's compaction runs in a worker thread, on a connection
 * of its own, behind a modal dialog with a spinner that the user cannot close: the window
 * takes no input meanwhile, so no change is tried while the library is locked (and none is
 * lost: the note being typed is saved first). A large library asks first, as it takes a
 * while. The toast after it says how much was saved. */

/* Above this size a library asks before it compacts: about ten seconds of rewriting. */
#define ASK_ABOVE_BYTES (100 * 1000 * 1000)

typedef struct
{
  ScholiaStore        *store;   /* the library compacted: another one opened meanwhile is not it */
  GtkWindow           *busy;    /* weak: the dialog shown while it runs */
  ScholiaCompactSizes  sizes;
} Compaction;

static void
close_busy_dialog (Compaction *compaction)
{
  GtkWindow *busy = g_steal_pointer (&compaction->busy);

  if (busy == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (busy), (gpointer *) &compaction->busy);
  gtk_window_destroy (busy);
}

static void
compaction_free (Compaction *compaction)
{
  g_object_unref (compaction->store);
  close_busy_dialog (compaction);
  g_free (compaction);
}

static gint64
library_size (ScholiaStore *store)
{
  g_autoptr(GFile) file = g_file_new_for_path (scholia_store_get_path (store));
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_file_info_get_size (info) : 0;
}

static void
compact_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Compaction *compaction = task_data;
  GError *error = NULL;

  if (!scholia_store_compact (compaction->store, &compaction->sizes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_compacted_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (source);
  GTask *task = G_TASK (result);
  Compaction *compaction = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *now = NULL;
  g_autofree char *message = NULL;

  close_busy_dialog (compaction);
  if (!g_task_propagate_boolean (task, &error))
    {
      _scholia_window_add_message_toast (self, error->message);
      return;
    }

  saved = g_format_size (MAX (compaction->sizes.size_before - compaction->sizes.size_after, 0));
  now = g_format_size (compaction->sizes.size_after);
  /* Translators: the bytes the library's file lost, then its size now: “Saved 310 MB: the
   * library takes 250 MB” */
  message = g_strdup_printf (_("Saved %s: the library takes %s"), saved, now);
  _scholia_window_add_message_toast (self, message);
}

/* The dialog is closed by the compaction's end only. */
static gboolean
on_busy_close_request_cb (GtkWindow *window)
{
  return TRUE;
}

static GtkWindow *
new_busy_dialog (ScholiaWindow *self,
                 gint64         size)
{
  g_autofree char *formatted = g_format_size (size);
  AdwMessageDialog *dialog;
  GtkWidget *spinner = gtk_spinner_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Compacting the Library…"), NULL));
  /* Translators: the library's size on disk, e.g. “560.2 MB” */
  adw_message_dialog_format_body (dialog, _("Scholia is rewriting the library’s %s file. "
                                            "The window waits until it has finished."), formatted);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Compacting"), -1);
  adw_message_dialog_set_extra_child (dialog, spinner);
  gtk_window_set_deletable (GTK_WINDOW (dialog), FALSE);
  g_signal_connect (dialog, "close-request", G_CALLBACK (on_busy_close_request_cb), NULL);
  return GTK_WINDOW (dialog);
}

static void
start_compaction (ScholiaWindow *self)
{
  Compaction *compaction = g_new0 (Compaction, 1);
  g_autoptr(GTask) task = NULL;

  /* A note being typed is saved now, before the library is locked. */
  scholia_document_page_flush (self->page);

  compaction->store = g_object_ref (self->store);
  compaction->busy = new_busy_dialog (self, library_size (self->store));
  g_object_add_weak_pointer (G_OBJECT (compaction->busy), (gpointer *) &compaction->busy);
  gtk_window_present (compaction->busy);

  task = g_task_new (self, NULL, on_compacted_cb, NULL);
  g_task_set_source_tag (task, start_compaction);
  g_task_set_task_data (task, compaction, (GDestroyNotify) compaction_free);
  g_task_run_in_thread (task, compact_thread);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        ScholiaWindow    *self)
{
  if (g_str_equal (response, "compact") && self->store != NULL)
    start_compaction (self);
}

void
_scholia_window_compact_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  g_autofree char *formatted = NULL;
  AdwMessageDialog *dialog;
  gint64 size;

  if (self->store == NULL)
    return;
  if (self->import_cancellable != NULL)
    {
      _scholia_window_add_message_toast (self, _("Compact the library when the import has finished"));
      return;
    }

  size = library_size (self->store);
  if (size <= ASK_ABOVE_BYTES)
    {
      start_compaction (self);
      return;
    }

  formatted = g_format_size (size);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Compact the Library?"), NULL));
  /* Translators: the library's size on disk, e.g. “560.2 MB” */
  adw_message_dialog_format_body (dialog, _("The library takes %s. Compacting rewrites it, which "
                                            "may take a minute or more; the window waits until it "
                                            "has finished."), formatted);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "compact", _("C_ompact"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "compact", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "compact");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
