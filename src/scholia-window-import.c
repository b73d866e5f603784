/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Every way essays come into the window's library: the file chooser, files dropped on the
 * window, files named on the command line, and the sample essays. All of them but the samples
 * go through scholia_window_import_files(), which imports in the background and reports once. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-library-import.h"
#include "scholia-window-private.h"

/* A single file usually imports in a blink; the progress bar only appears for one that takes
 * longer, so it does not flash. */
#define REVEAL_DELAY_MS 400

/* How many failed files the details dialog lists before it scrolls. */
#define MAX_LISTED_FAILURES 3

typedef struct
{
  char *name;     /* the file as the user chose it */
  char *message;  /* why it could not be imported */
} ImportFailure;

static void start_batch (ScholiaWindow *self);

/* "Details" in the toast lists the failures of the last run, while there are some. */
static void
update_errors_action (ScholiaWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.show-import-errors",
                                 self->import_failures != NULL && self->import_failures->len > 0);
}

static void
import_failure_free (ImportFailure *failure)
{
  g_free (failure->name);
  g_free (failure->message);
  g_free (failure);
}

static void
update_progress (ScholiaWindow *self)
{
  ScholiaImportBatch *batch = scholia_library_get_import_batch (self->library);
  guint n_files = scholia_import_batch_get_n_files (batch);
  guint n_done = scholia_import_batch_get_documents (batch)->len
                 + scholia_import_batch_get_errors (batch)->len;
  g_autofree char *label = NULL;

  /* Translators: shown while importing; the first %u is the file being read, the second how
   * many files there are */
  label = g_strdup_printf (_("Importing %u of %u…"), MIN (n_done + 1, n_files), n_files);
  gtk_label_set_label (_scholia_window_child (self, "import_label"), label);
  gtk_progress_bar_set_fraction (_scholia_window_child (self, "import_progress"),
                                 scholia_import_batch_get_fraction (batch));
}

static void
on_batch_file_finished_cb (ScholiaWindow      *self,
                           GFile              *file,
                           ScholiaDocument    *document,
                           GError             *error,
                           ScholiaImportBatch *batch)
{
  if (self->library == NULL || batch != scholia_library_get_import_batch (self->library))
    return;

  if (document == NULL && error != NULL)
    {
      ImportFailure *failure = g_new0 (ImportFailure, 1);

      failure->name = g_file_get_basename (file);
      failure->message = g_strdup (error->message);
      g_ptr_array_add (self->import_failures, failure);
      update_errors_action (self);
    }

  update_progress (self);
}

static gboolean
reveal_import_bar_cb (gpointer user_data)
{
  ScholiaWindow *self = user_data;

  self->import_reveal_id = 0;
  gtk_action_bar_set_revealed (_scholia_window_child (self, "import_bar"), TRUE);
  return G_SOURCE_REMOVE;
}

static void
report_batch (ScholiaWindow      *self,
              ScholiaImportBatch *batch,
              const GError       *error)
{
  guint n_imported = scholia_import_batch_get_documents (batch)->len;
  guint n_failed = scholia_import_batch_get_errors (batch)->len;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && n_imported > 0)
    title = g_strdup_printf (ngettext ("Import cancelled after %u essay",
                                       "Import cancelled after %u essays", n_imported),
                             n_imported);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    title = g_strdup (_("Import cancelled"));
  else if (error != NULL)
    title = g_markup_escape_text (error->message, -1);
  else if (n_failed > 0)
    title = g_strdup_printf (ngettext ("%u file could not be imported",
                                       "%u files could not be imported", n_failed),
                             n_failed);
  else
    title = g_strdup_printf (ngettext ("Imported %u essay", "Imported %u essays", n_imported),
                             n_imported);

  toast = adw_toast_new (title);
  if (n_failed > 0)
    {
      /* Translators: a toast’s button that shows which files could not be imported */
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "library.show-import-errors");
      /* The user has to read which files failed before the toast goes. */
      adw_toast_set_timeout (toast, 0);
    }
  scholia_window_add_toast (self, toast);
}

static void
on_batch_finished_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ScholiaWindow) self = user_data;
  ScholiaImportBatch *batch = SCHOLIA_IMPORT_BATCH (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *documents;

  scholia_import_batch_run_finish (batch, result, &error);

  /* The window was closed meanwhile: it has nothing left to show the result in. */
  if (self->import_cancellable == NULL)
    return;

  g_clear_object (&self->import_cancellable);
  g_clear_handle_id (&self->import_reveal_id, g_source_remove);

  report_batch (self, batch, error);

  documents = scholia_import_batch_get_documents (batch);
  if (documents->len > 0)
    scholia_window_show_document (self, g_ptr_array_index (documents, documents->len - 1));

  if (error != NULL)
    g_ptr_array_set_size (self->import_queue, 0);

  if (self->import_queue->len > 0 && self->store != NULL)
    {
      start_batch (self);
      return;
    }

  /* A REFI-QDA project still being read keeps the bar. */
  if (self->refi_running == 0)
    gtk_action_bar_set_revealed (_scholia_window_child (self, "import_bar"), FALSE);
  g_object_notify (G_OBJECT (self), "importing");
}

static void
start_batch (ScholiaWindow *self)
{
  g_autoptr(GPtrArray) files = g_steal_pointer (&self->import_queue);
  ScholiaImportBatch *batch;

  g_assert (self->import_cancellable == NULL);

  self->import_queue = g_ptr_array_new_with_free_func (g_object_unref);
  self->import_cancellable = g_cancellable_new ();
  batch = scholia_library_start_import (self->library, (GFile **) files->pdata, files->len,
                                        self->import_cancellable, on_batch_finished_cb,
                                        g_object_ref (self));

  g_signal_connect_object (batch, "file-finished",
                           G_CALLBACK (on_batch_file_finished_cb), self, G_CONNECT_SWAPPED);
  update_progress (self);

  if (files->len > 1)
    gtk_action_bar_set_revealed (_scholia_window_child (self, "import_bar"), TRUE);
  else if (self->import_reveal_id == 0 && !gtk_action_bar_get_revealed (_scholia_window_child (self, "import_bar")))
    self->import_reveal_id = g_timeout_add (REVEAL_DELAY_MS, reveal_import_bar_cb, self);
}

void
_scholia_window_on_import_cancel_button_clicked_cb (ScholiaWindow *self,
                                                    GtkButton     *button)
{
  g_ptr_array_set_size (self->import_queue, 0);
  g_cancellable_cancel (self->import_cancellable);
  g_cancellable_cancel (self->refi_cancellable);
}

static void
on_import_chooser_response_cb (ScholiaWindow   *self,
                               int              response,
                               GtkNativeDialog *chooser)
{
  g_autoptr(GtkNativeDialog) owned = g_steal_pointer (&self->chooser);
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  n = g_list_model_get_n_items (chosen);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (files, g_list_model_get_item (chosen, i));

  scholia_window_import_files (self, (GFile **) files->pdata, files->len);
}

static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char * const *mime_types,
            const char * const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
_scholia_window_import_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  static const char * const text_types[] = { "text/plain", NULL };
  static const char * const text_patterns[] = { "*.txt", NULL };
  static const char * const markdown_types[] = { "text/markdown", NULL };
  static const char * const markdown_patterns[] = { "*.md", "*.markdown", NULL };
  static const char * const html_types[] = { "text/html", NULL };
  static const char * const html_patterns[] = { "*.html", "*.htm", NULL };
  static const char * const pdf_types[] = { "application/pdf", NULL };
  static const char * const pdf_patterns[] = { "*.pdf", NULL };
  static const char * const docx_types[] = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", NULL
  };
  static const char * const docx_patterns[] = { "*.docx", NULL };
  static const char * const odt_types[] = { "application/vnd.oasis.opendocument.text", NULL };
  static const char * const odt_patterns[] = { "*.odt", NULL };
  static const char * const refi_types[] = { NULL };
  static const char * const refi_patterns[] = { "*.qdpx", "*.qdc", NULL };
  static const char * const reference_types[] = { NULL };
  static const char * const reference_patterns[] = { "*.bib", "*.json", NULL };
  static const char * const all_patterns[] = { "*", NULL };
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  g_autoptr(GStrvBuilder) supported_types = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) supported_patterns = g_strv_builder_new ();
  const char * const *type_lists[] = { text_types, markdown_types, html_types, pdf_types,
                                       docx_types, odt_types, refi_types, reference_types };
  const char * const *pattern_lists[] = { text_patterns, markdown_patterns, html_patterns,
                                          pdf_patterns, docx_patterns, odt_patterns, refi_patterns,
                                          reference_patterns };
  g_auto(GStrv) all_types = NULL;
  g_auto(GStrv) all_supported_patterns = NULL;
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  native = gtk_file_chooser_native_new (_("Import Essays"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (native);
  gtk_file_chooser_set_select_multiple (chooser, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (type_lists); i++)
    {
      g_strv_builder_addv (supported_types, (const char **) type_lists[i]);
      g_strv_builder_addv (supported_patterns, (const char **) pattern_lists[i]);
    }
  all_types = g_strv_builder_end (supported_types);
  all_supported_patterns = g_strv_builder_end (supported_patterns);

  add_filter (chooser, _("All Supported Essays"), (const char * const *) all_types,
              (const char * const *) all_supported_patterns);
  add_filter (chooser, _("Plain Text"), text_types, text_patterns);
  add_filter (chooser, _("Markdown"), markdown_types, markdown_patterns);
  add_filter (chooser, _("Web Pages"), html_types, html_patterns);
  add_filter (chooser, _("PDF Documents"), pdf_types, pdf_patterns);
  add_filter (chooser, _("Word Documents"), docx_types, docx_patterns);
  add_filter (chooser, _("OpenDocument Texts"), odt_types, odt_patterns);
  add_filter (chooser, _("REFI-QDA Projects and Codebooks (NVivo, MAXQDA, ATLAS.ti, QualCoder)"), NULL, refi_patterns);
  add_filter (chooser, _("References (BibTeX, CSL JSON)"), NULL, reference_patterns);
  add_filter (chooser, _("All Files"), NULL, all_patterns);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (on_import_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);

  self->chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->chooser);
}

void
_scholia_window_import_samples_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  scholia_window_import_samples (SCHOLIA_WINDOW (widget));
}

void
_scholia_window_show_import_errors_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  guint n_failed = self->import_failures->len;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *scrolled;

  heading = g_strdup_printf (ngettext ("%u File Could Not Be Imported",
                                       "%u Files Could Not Be Imported", n_failed),
                             n_failed);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   ngettext ("This file was left out; everything else was "
                                             "imported.",
                                             "These files were left out; everything else was "
                                             "imported.", n_failed));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint i = 0; i < n_failed; i++)
    {
      ImportFailure *failure = g_ptr_array_index (self->import_failures, i);
      g_autofree char *name = g_markup_escape_text (failure->name, -1);
      g_autofree char *message = g_markup_escape_text (failure->message, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  /* A scrolled window measures wrapped rows too short and would clip them, so it only holds a
   * list too long to show whole. */
  if (n_failed > MAX_LISTED_FAILURES)
    {
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
    }
  else
    {
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
    }

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
on_drop_target_drop_cb (ScholiaWindow *self,
                        const GValue  *value,
                        double         x,
                        double         y,
                        GtkDropTarget *target)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  GdkFileList *file_list;
  GSList *list;

  if (self->store == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  file_list = g_value_get_boxed (value);
  list = gdk_file_list_get_files (file_list);
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (list);

  scholia_window_import_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

void
_scholia_window_init_import (ScholiaWindow *self)
{
  GtkDropTarget *target;

  self->import_queue = g_ptr_array_new_with_free_func (g_object_unref);
  self->import_failures = g_ptr_array_new_with_free_func ((GDestroyNotify) import_failure_free);
  update_errors_action (self);

  /* Dropping files anywhere on the window imports them; while they hover, the theme outlines the
   * content (:drop(active)). */
  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_target_drop_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (target));
}

void
_scholia_window_dispose_import (ScholiaWindow *self)
{
  /* The running batch stops before its next file; its callback then finds the window no
   * longer waits for it and leaves the window alone. */
  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_handle_id (&self->import_reveal_id, g_source_remove);
  g_cancellable_cancel (self->refi_cancellable);
  g_clear_object (&self->refi_cancellable);
  g_clear_handle_id (&self->refi_pulse_id, g_source_remove);
  g_clear_pointer (&self->import_queue, g_ptr_array_unref);
  g_clear_pointer (&self->import_failures, g_ptr_array_unref);
}

/**
 * scholia_window_import_files:
 * @self: a window
 * @files: (array length=n_files): the files to import
 * @n_files: how many
 *
 * Imports @files into the window's library in the background, with a progress bar for more
 * than one file and a cancel button. A file that cannot be read is skipped, the others go on;
 * a toast sums up the result and offers the reasons for the failures. Once done, the last
 * imported essay opens. Files given while an import runs follow it.
 */
void
scholia_window_import_files (ScholiaWindow  *self,
                             GFile         **files,
                             guint           n_files)
{
  g_return_if_fail (SCHOLIA_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0)
    return;

  if (self->store == NULL)
    {
      _scholia_window_add_message_toast (self, _("Open a library before importing essays"));
      return;
    }

  for (guint i = 0; i < n_files; i++)
    if (_scholia_window_is_refi_file (files[i]))
      _scholia_window_import_refi (self, files[i]);  /* a project, not an essay */
    else if (_scholia_window_is_reference_file (files[i]))
      _scholia_window_import_references (self, files[i]);
    else
      g_ptr_array_add (self->import_queue, g_object_ref (files[i]));
  if (self->import_queue->len == 0)
    return;

  if (self->import_cancellable != NULL)
    return;

  /* A new run: the details offered afterwards are about this run only. */
  g_ptr_array_set_size (self->import_failures, 0);
  update_errors_action (self);

  start_batch (self);
  g_object_notify (G_OBJECT (self), "importing");
}

/**
 * scholia_window_import_samples:
 * @self: a window
 *
 * Imports the sample essays that ship with Scholia and opens the first one.
 *
 * Returns: whether they were imported; a toast says why not
 */
gboolean
scholia_window_import_samples (ScholiaWindow *self)
{
  g_autofree char *samples_dir = scholia_library_find_samples ();
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  if (!scholia_library_import_samples (self->store, samples_dir, &documents, &error))
    {
      _scholia_window_add_message_toast (self, error->message);
      return FALSE;
    }

  if (documents->len > 0)
    scholia_window_show_document (self, g_ptr_array_index (documents, 0));

  return TRUE;
}

/**
 * scholia_window_get_importing:
 * @self: a window
 *
 * Returns: whether essays (or a REFI-QDA project) are being imported
 */
gboolean
scholia_window_get_importing (ScholiaWindow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), FALSE);

  return self->import_cancellable != NULL || self->refi_running > 0;
}
