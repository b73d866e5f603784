/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-revision-dialog.h"

#include <glib/gi18n.h>

#include "scholia-editor.h"
#include "scholia-revision.h"

struct _ScholiaRevisionDialog
{
  AdwWindow             parent_instance;

  ScholiaStore         *store;
  ScholiaDocument      *document;
  /* What the text was before the last replacement, for Undo. */
  ScholiaRevision      *revision;
  /* With an editor, the replacement is a step of the window's history, and Undo here is the
   * same as Undo there; without one, this dialog keeps the revision for its own Undo. */
  ScholiaEditor        *editor;
  gboolean              recorded;
  /* The file to read once the spinner is on screen; set while busy. */
  GFile                *pending_file;
  GdkFrameClock        *waiting_clock;
  gulong                after_paint_handler;
  guint                 replace_source;
  GtkFileChooserNative *chooser;

  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwStatusPage        *choose_page;
  AdwStatusPage        *done_page;
  GtkLabel             *orphans_label;
  AdwStatusPage        *error_page;
  GtkButton            *undo_button;
  GtkWidget            *choose_button;
};

G_DEFINE_FINAL_TYPE (ScholiaRevisionDialog, scholia_revision_dialog, ADW_TYPE_WINDOW)

enum {
  REPLACED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "12 annotations placed exactly, 2 placed approximately, 1 could not be placed." Parts that
 * would say zero are left out. */
static char *
describe_summary (const ScholiaReanchorSummary *summary)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint exact = summary->unchanged + summary->moved;
  guint orphans = summary->orphaned + summary->still_orphaned;
  g_autofree char *joined = NULL;

  if (exact > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u annotation placed exactly",
                                                       "%u annotations placed exactly", exact),
                                             exact));
  if (summary->fuzzy > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u placed approximately",
                                                       "%u placed approximately", summary->fuzzy),
                                             summary->fuzzy));
  if (orphans > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u could not be placed",
                                                       "%u could not be placed", orphans),
                                             orphans));

  if (parts->len == 0)
    return g_strdup (_("The essay had no annotations to move."));

  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  /* Translators: the list of what happened to the annotations, ending a sentence. */
  return g_strdup_printf (_("%s."), joined);
}

static void
show_error (ScholiaRevisionDialog *self,
            const GError          *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
replace_now (ScholiaRevisionDialog *self,
             GFile                 *file)
{
  g_autoptr(GError) error = NULL;
  ScholiaReanchorSummary summary = { 0 };
  ScholiaRevision *revision;
  g_autofree char *description = NULL;

  revision = scholia_revision_replace_text (self->store, self->document, file, &summary, NULL,
                                            &error);
  if (revision == NULL)
    {
      show_error (self, error);
      return;
    }

  g_clear_pointer (&self->revision, scholia_revision_free);
  self->recorded = FALSE;
  if (self->editor != NULL)
    {
      g_autoptr(GError) record_error = NULL;

      /* Recorded or not, the text is replaced: a failure here only loses the Undo step. */
      self->recorded = scholia_editor_record_revision (self->editor, revision, &record_error);
      if (!self->recorded)
        g_warning ("Could not record the revision for Undo: %s", record_error->message);
    }
  else
    self->revision = revision;

  description = describe_summary (&summary);
  adw_status_page_set_description (self->done_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->orphans_label),
                          summary.orphaned + summary.still_orphaned > 0);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_grab_focus (GTK_WIDGET (self->undo_button));

  g_signal_emit (self, signals[REPLACED], 0, self->document);
}

static gboolean
replace_cb (gpointer user_data)
{
  ScholiaRevisionDialog *self = user_data;
  g_autoptr(GFile) file = g_object_ref (self->pending_file);

  self->replace_source = 0;
  replace_now (self, file);
  g_clear_object (&self->pending_file);
  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_frame (ScholiaRevisionDialog *self)
{
  if (self->waiting_clock == NULL)
    return;

  /* By id: GtkNative has its own handler on the clock, with the window as its data. */
  g_clear_signal_handler (&self->after_paint_handler, self->waiting_clock);
  g_clear_object (&self->waiting_clock);
}

static void
on_frame_clock_after_paint_cb (ScholiaRevisionDialog *self,
                               GdkFrameClock         *clock)
{
  stop_waiting_for_frame (self);
  self->replace_source = g_idle_add (replace_cb, self);
}

static void
on_chooser_response_cb (ScholiaRevisionDialog *self,
                        int                    response,
                        GtkNativeDialog       *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file != NULL)
    scholia_revision_dialog_replace_from_file (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ScholiaRevisionDialog *self = SCHOLIA_REVISION_DIALOG (widget);
  g_autoptr(GtkFileFilter) texts = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose the Revised Text"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Replace"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  /* The formats the importers read. */
  gtk_file_filter_set_name (texts, _("Texts"));
  gtk_file_filter_add_mime_type (texts, "text/plain");
  gtk_file_filter_add_mime_type (texts, "text/markdown");
  gtk_file_filter_add_mime_type (texts, "text/html");
  gtk_file_filter_add_mime_type (texts, "application/pdf");
  gtk_file_filter_add_suffix (texts, "md");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), texts);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScholiaRevisionDialog *self = SCHOLIA_REVISION_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->revision != NULL || self->recorded);

  if (self->recorded ? !scholia_editor_undo (self->editor, &error)
                     : !scholia_revision_restore_text (self->store, self->revision, &error))
    {
      show_error (self, error);
      return;
    }
  self->recorded = FALSE;

  g_clear_pointer (&self->revision, scholia_revision_free);
  gtk_stack_set_visible_child_name (self->stack, "undone");
  g_signal_emit (self, signals[REPLACED], 0, self->document);
}

static void
scholia_revision_dialog_dispose (GObject *object)
{
  ScholiaRevisionDialog *self = SCHOLIA_REVISION_DIALOG (object);

  g_clear_handle_id (&self->replace_source, g_source_remove);
  stop_waiting_for_frame (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->pending_file);
  g_clear_pointer (&self->revision, scholia_revision_free);
  g_clear_object (&self->editor);
  g_clear_object (&self->document);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_REVISION_DIALOG);

  G_OBJECT_CLASS (scholia_revision_dialog_parent_class)->dispose (object);
}

static void
scholia_revision_dialog_class_init (ScholiaRevisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_revision_dialog_dispose;

  signals[REPLACED] =
    g_signal_new ("replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SCHOLIA_TYPE_DOCUMENT);

  gtk_widget_class_install_action (widget_class, "revision.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "revision.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-revision-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaRevisionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ScholiaRevisionDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaRevisionDialog, choose_page);
  gtk_widget_class_bind_template_child (widget_class, ScholiaRevisionDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, ScholiaRevisionDialog, orphans_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaRevisionDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, ScholiaRevisionDialog, undo_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaRevisionDialog, choose_button);
}

static void
scholia_revision_dialog_init (ScholiaRevisionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Choosing the file is the first step: Enter or Space takes it. */
  gtk_widget_grab_focus (self->choose_button);
}

GtkWidget *
scholia_revision_dialog_new (ScholiaStore    *store,
                             ScholiaDocument *document)
{
  ScholiaRevisionDialog *self;
  g_autofree char *description = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  self = g_object_new (SCHOLIA_TYPE_REVISION_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->document = g_object_ref (document);

  adw_window_title_set_subtitle (self->window_title, scholia_document_get_title (document));
  description = g_strdup_printf (_("Choose a revised edition of “%s”. Its annotations move to "
                                   "where their passages are in the new text; title, author and "
                                   "date stay as they are."),
                                 scholia_document_get_title (document));
  adw_status_page_set_description (self->choose_page, description);

  return GTK_WIDGET (self);
}

/* Makes the replacement a step of @editor's history (Ctrl+Z in the window undoes it). */
void
scholia_revision_dialog_set_editor (ScholiaRevisionDialog *self,
                                    ScholiaEditor         *editor)
{
  g_return_if_fail (SCHOLIA_IS_REVISION_DIALOG (self));
  g_return_if_fail (editor == NULL || SCHOLIA_IS_EDITOR (editor));

  g_set_object (&self->editor, editor);
}

void
scholia_revision_dialog_replace_from_file (ScholiaRevisionDialog *self,
                                           GFile                 *file)
{
  g_return_if_fail (SCHOLIA_IS_REVISION_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->pending_file == NULL);

  g_set_object (&self->pending_file, file);
  gtk_stack_set_visible_child_name (self->stack, "working");

  /* The work runs on the main thread (the store's connection is not shared between threads), so
   * it waits until the spinner has been painted; a dialog not on screen has nothing to paint. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->waiting_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
      self->after_paint_handler =
        g_signal_connect_swapped (self->waiting_clock, "after-paint",
                                  G_CALLBACK (on_frame_clock_after_paint_cb), self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    {
      self->replace_source = g_idle_add (replace_cb, self);
    }
}

gboolean
scholia_revision_dialog_get_busy (ScholiaRevisionDialog *self)
{
  g_return_val_if_fail (SCHOLIA_IS_REVISION_DIALOG (self), FALSE);

  return self->pending_file != NULL;
}
