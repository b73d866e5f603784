/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-export-dialog.h"
#include "scholia-accessible.h"

#include <glib/gi18n.h>

#include "scholia-error.h"
#include "scholia-pdf-export.h"
#include "scholia-pdf-handout.h"

/* The schema id stays the same in a development build, so both share one set of options. */

/* Characters that may not stand in a file name on some file system a PDF may be saved to. */
#define UNSAFE_FILE_NAME_CHARACTERS "/\\:*?\"<>|"

struct _ScholiaExportDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkWidget            *export_button;
  GtkWidget            *options_scroller;
  AdwComboRow          *page_size_row;
  GtkSpinButton        *font_size_spin;
  GtkSwitch            *justify_switch;
  GtkWidget            *notes_row;
  GtkSwitch            *notes_switch;
  GtkWidget            *one_sided_row;
  GtkSwitch            *one_sided_switch;
  GtkWidget            *course_row;
  AdwPreferencesGroup  *tags_group;
  AdwPreferencesGroup  *themes_group;
  GtkActionBar         *progress_bar_area;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;

  ScholiaStore         *store;
  ScholiaDocument      *document;   /* exporting a document, or */
  ScholiaTheme         *theme;      /* a handout on a theme */
  char                **authors;    /* whose passages the handout quotes; NULL: everyone's */

  GSettings            *settings;
  GtkNativeDialog      *chooser;
  GtkWidget            *error_dialog;
  GPtrArray            *tag_checks;   /* GtkCheckButton, data "scholia-id" */
  GPtrArray            *theme_checks;
  GCancellable         *cancellable;  /* of the export running now, or NULL */
};

G_DEFINE_FINAL_TYPE (ScholiaExportDialog, scholia_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DOCUMENT,
  PROP_THEME,
  PROP_AUTHORS,
  PROP_EXPORTING,
  N_PROPS
};

enum {
  EXPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the worker thread needs, copied on the main thread: it opens the library itself, since a
 * ScholiaStore (and its SQLite connection) belongs to the thread that made it. */
typedef struct
{
  char      *library_path;
  gint64     document_id;   /* 0 for a handout */
  gint64     theme_id;
  char      *path;
  ScholiaPdfOptions options;  /* its filter, course and annotator are the job's own, changed by nobody */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->library_path);
  g_free (job->path);
  g_free ((char *) job->options.course);
  g_free ((char *) job->options.annotator);
  g_clear_object (&job->options.filter);
  g_free (job);
}

typedef struct
{
  ScholiaExportDialog *dialog;
  GCancellable        *cancellable;
  double               fraction;
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->dialog);
  g_object_unref (progress->cancellable);
  g_free (progress);
}

/* Settings mappings: the page size is stored by name so that the list may grow. */

static gboolean
get_page_size_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "letter") ? 1 : 0);
  return TRUE;
}

static GVariant *
set_page_size_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "letter" : "a4");
}

static void
set_exporting (ScholiaExportDialog *self,
               GCancellable        *cancellable)
{
  gboolean exporting = cancellable != NULL;

  if (g_set_object (&self->cancellable, cancellable))
    {
      gtk_widget_set_sensitive (self->options_scroller, !exporting);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", !exporting);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", exporting);
      gtk_action_bar_set_revealed (self->progress_bar_area, exporting);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORTING]);
    }
}

static GArray *
collect_checked_ids (GPtrArray *checks)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean all = TRUE;

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);
      gint64 *id = g_object_get_data (G_OBJECT (check), "scholia-id");

      if (gtk_check_button_get_active (check))
        g_array_append_val (ids, *id);
      else
        all = FALSE;
    }

  /* The options read no ids as "all"; with every box checked that is what the user means,
   * and it also takes in tags made while the dialog was open. With none checked, nothing
   * qualifies: 0 is no row id SQLite ever hands out. */
  if (all)
    g_array_set_size (ids, 0);
  else if (ids->len == 0)
    {
      gint64 none = 0;

      g_array_append_val (ids, none);
    }

  return ids;
}

/* A handout quotes the authors it was opened for; a document keeps the annotations checked. */
static ScholiaAnnotationFilter *
export_filter (ScholiaExportDialog *self)
{
  ScholiaAnnotationFilter *filter = scholia_annotation_filter_new ();
  g_autoptr(GArray) tag_ids = NULL;
  g_autoptr(GArray) theme_ids = NULL;

  if (self->theme != NULL)
    {
      scholia_annotation_filter_set_authors (filter, (const char * const *) self->authors);
      return filter;
    }

  tag_ids = collect_checked_ids (self->tag_checks);
  theme_ids = collect_checked_ids (self->theme_checks);
  scholia_annotation_filter_set_tag_ids (filter, (const gint64 *) (gpointer) tag_ids->data, tag_ids->len);
  scholia_annotation_filter_set_theme_ids (filter, (const gint64 *) (gpointer) theme_ids->data, theme_ids->len);
  return filter;
}

/* The worker */

static gboolean
report_progress_cb (gpointer user_data)
{
  Progress *progress = user_data;

  /* A report from an export that has since ended or been cancelled is stale. */
  if (progress->dialog->cancellable == progress->cancellable &&
      !g_cancellable_is_cancelled (progress->cancellable))
    gtk_progress_bar_set_fraction (progress->dialog->progress_bar, progress->fraction);

  return G_SOURCE_REMOVE;
}

static void
on_export_progress (double   fraction,
                    gpointer user_data)
{
  GTask *task = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->dialog = g_object_ref (g_task_get_source_object (task));
  progress->cancellable = g_object_ref (g_task_get_cancellable (task));
  progress->fraction = fraction;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, report_progress_cb,
                              progress, (GDestroyNotify) progress_free);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportJob *job = task_data;
  ScholiaPdfOptions options = job->options;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done;

  store = scholia_store_open (job->library_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->document_id != 0)
    {
      ScholiaDocument *document = scholia_store_lookup_document (store, job->document_id);

      if (document == NULL)
        {
          g_task_return_new_error (task, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                                   _("Could not export “%s”: the essay is no longer in the library"),
                                   job->path);
          return;
        }
      done = scholia_pdf_export_document (store, document, &options, job->path, cancellable,
                                          on_export_progress, task, &error);
    }
  else
    {
      ScholiaTheme *theme = SCHOLIA_THEME (scholia_store_lookup_label (store, SCHOLIA_TYPE_THEME, job->theme_id));

      if (theme == NULL)
        {
          g_task_return_new_error (task, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                                   _("Could not export “%s”: the theme is no longer in the library"),
                                   job->path);
          return;
        }
      done = scholia_pdf_export_handout (store, theme, &options, job->path, cancellable,
                                         on_export_progress, task, &error);
    }

  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
show_error (ScholiaExportDialog *self,
            const char          *message)
{
  GtkWidget *dialog;

  if (self->error_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->error_dialog));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_set_weak_pointer (&self->error_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_finished_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ScholiaExportDialog *self = SCHOLIA_EXPORT_DIALOG (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  /* Only the export running now may change the dialog; an older one was cancelled. */
  if (cancellable == self->cancellable)
    set_exporting (self, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_cancellable_is_cancelled (cancellable))
        show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[EXPORTED], 0, file);
  gtk_window_close (GTK_WINDOW (self));
}

/* The file chooser */

static char *
suggest_file_name (ScholiaExportDialog *self)
{
  g_autofree char *name = NULL;

  if (self->document != NULL)
    name = g_strdup (scholia_document_get_title (self->document));
  else
    /* Translators: the file name suggested for a handout; %s is a theme's name */
    name = g_strdup_printf (_("%s — Handout"), scholia_label_get_display_name (SCHOLIA_LABEL (self->theme)));

  g_strdelimit (name, UNSAFE_FILE_NAME_CHARACTERS, '-');
  g_strstrip (name);
  if (*name == '\0' || *name == '.')
    {
      g_free (name);
      name = g_strdup (_("Export"));
    }

  return g_strconcat (name, ".pdf", NULL);
}

static void
on_chooser_response_cb (ScholiaExportDialog *self,
                        int                  response,
                        GtkNativeDialog     *chooser)
{
  g_autoptr(GtkNativeDialog) owned = g_steal_pointer (&self->chooser);
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  scholia_export_dialog_export_to (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ScholiaExportDialog *self = SCHOLIA_EXPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) pdfs = gtk_file_filter_new ();
  g_autofree char *name = suggest_file_name (self);
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  chooser = gtk_file_chooser_native_new (_("Export as PDF"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (pdfs, _("PDF Documents"));
  gtk_file_filter_add_mime_type (pdfs, "application/pdf");
  gtk_file_filter_add_pattern (pdfs, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdfs);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  scholia_export_dialog_cancel (SCHOLIA_EXPORT_DIALOG (widget));
}

/* The tag and theme lists */

static void
add_check_rows (AdwPreferencesGroup *group,
                GPtrArray           *checks,
                GListModel          *labels)
{
  guint n = g_list_model_get_n_items (labels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (labels, i);
      const char *name = scholia_label_get_display_name (label);
      gint64 *id = g_new (gint64, 1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      *id = scholia_label_get_id (label);
      g_object_set_data_full (G_OBJECT (check), "scholia-id", id, g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);

      /* Names are the user's: not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (checks, check);
    }

  gtk_widget_set_visible (GTK_WIDGET (group), n > 0);
}

static void
scholia_export_dialog_constructed (GObject *object)
{
  ScholiaExportDialog *self = SCHOLIA_EXPORT_DIALOG (object);

  G_OBJECT_CLASS (scholia_export_dialog_parent_class)->constructed (object);

  g_assert (SCHOLIA_IS_STORE (self->store));
  g_assert ((self->document != NULL) != (self->theme != NULL));

  if (self->document != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Export as PDF"));
      adw_window_title_set_title (self->window_title, _("Export as PDF"));
      adw_window_title_set_subtitle (self->window_title, scholia_document_get_title (self->document));
      add_check_rows (self->tags_group, self->tag_checks, scholia_store_get_labels (self->store, SCHOLIA_TYPE_TAG));
      add_check_rows (self->themes_group, self->theme_checks, scholia_store_get_labels (self->store, SCHOLIA_TYPE_THEME));
    }
  else
    {
      /* A handout quotes every passage on its theme, with their tags and notes in the text. */
      gtk_window_set_title (GTK_WINDOW (self), _("Export Handout"));
      adw_window_title_set_title (self->window_title, _("Export Handout"));
      adw_window_title_set_subtitle (self->window_title, scholia_label_get_display_name (SCHOLIA_LABEL (self->theme)));
      gtk_widget_set_visible (self->notes_row, FALSE);
      gtk_widget_set_visible (self->one_sided_row, FALSE);
      gtk_widget_set_visible (self->course_row, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->tags_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->themes_group), FALSE);
    }
}

static gboolean
scholia_export_dialog_close_request (GtkWindow *window)
{
  ScholiaExportDialog *self = SCHOLIA_EXPORT_DIALOG (window);

  /* Closing means the user no longer wants the file. */
  scholia_export_dialog_cancel (self);

  return GTK_WINDOW_CLASS (scholia_export_dialog_parent_class)->close_request (window);
}

static void
scholia_export_dialog_dispose (GObject *object)
{
  ScholiaExportDialog *self = SCHOLIA_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->error_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->error_dialog));
  g_clear_weak_pointer (&self->error_dialog);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->document);
  g_clear_object (&self->theme);
  g_clear_pointer (&self->authors, g_strfreev);
  g_clear_pointer (&self->tag_checks, g_ptr_array_unref);
  g_clear_pointer (&self->theme_checks, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (scholia_export_dialog_parent_class)->dispose (object);
}

static void
scholia_export_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ScholiaExportDialog *self = SCHOLIA_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_EXPORTING:
      g_value_set_boolean (value, scholia_export_dialog_get_exporting (self));
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_THEME:
      g_value_set_object (value, self->theme);
      break;

    case PROP_AUTHORS:
      g_value_set_boxed (value, self->authors);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_export_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ScholiaExportDialog *self = SCHOLIA_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_THEME:
      self->theme = g_value_dup_object (value);
      break;

    case PROP_AUTHORS:
      self->authors = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_export_dialog_class_init (ScholiaExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = scholia_export_dialog_constructed;
  object_class->dispose = scholia_export_dialog_dispose;
  object_class->get_property = scholia_export_dialog_get_property;
  object_class->set_property = scholia_export_dialog_set_property;
  window_class->close_request = scholia_export_dialog_close_request;

  /**
   * ScholiaExportDialog:store:
   *
   * The library exported from.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SCHOLIA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ScholiaExportDialog:document:
   *
   * The essay exported with its annotations, or %NULL for a handout.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SCHOLIA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ScholiaExportDialog:theme:
   *
   * The theme of the handout, or %NULL for a document.
   */
  properties[PROP_THEME] =
    g_param_spec_object ("theme", NULL, NULL,
                         SCHOLIA_TYPE_THEME,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ScholiaExportDialog:authors:
   *
   * Whose passages the handout quotes, or %NULL for everyone's.
   */
  properties[PROP_AUTHORS] =
    g_param_spec_boxed ("authors", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ScholiaExportDialog:exporting:
   *
   * Whether a PDF is being written.
   */
  properties[PROP_EXPORTING] =
    g_param_spec_boolean ("exporting", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScholiaExportDialog::exported:
   * @file: the PDF written
   *
   * The whole file is written; the dialog closes next.
   */
  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, options_scroller);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, page_size_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, font_size_spin);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, justify_switch);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, notes_switch);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, one_sided_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, one_sided_switch);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, course_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, tags_group);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, themes_group);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, progress_bar_area);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaExportDialog, progress_bar);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
scholia_export_dialog_init (ScholiaExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_accessible_fix_mnemonic_labels (GTK_WIDGET (self));
  scholia_accessible_name_combo_row_items (self->page_size_row);

  self->tag_checks = g_ptr_array_new ();
  self->theme_checks = g_ptr_array_new ();

  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_settings_bind_with_mapping (self->settings, "export-page-size", self->page_size_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, get_page_size_mapping,
                                set_page_size_mapping, NULL, NULL);
  g_settings_bind (self->settings, "export-font-size",
                   gtk_spin_button_get_adjustment (self->font_size_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-ragged", self->justify_switch, "active",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_INVERT_BOOLEAN);
  g_settings_bind (self->settings, "export-include-notes", self->notes_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-one-sided", self->one_sided_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-course", self->course_row, "text", G_SETTINGS_BIND_DEFAULT);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", FALSE);
  /* The first field, rather than the header's Cancel that GTK would focus first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->page_size_row));
}

/**
 * scholia_export_dialog_new_for_document:
 * @store: the library
 * @document: an essay of @store
 *
 * Returns: (transfer floating): a dialog exporting @document with its annotations; make it
 *   transient for the main window and present it
 */
GtkWidget *
scholia_export_dialog_new_for_document (ScholiaStore    *store,
                                        ScholiaDocument *document)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  return g_object_new (SCHOLIA_TYPE_EXPORT_DIALOG, "store", store, "document", document, NULL);
}

/**
 * scholia_export_dialog_new_for_handout:
 * @store: the library
 * @theme: a theme of @store
 * @authors: (nullable) (array zero-terminated=1): whose passages to quote; %NULL for everyone's
 *
 * Returns: (transfer floating): a dialog exporting a seminar handout on @theme
 */
GtkWidget *
scholia_export_dialog_new_for_handout (ScholiaStore       *store,
                                       ScholiaTheme       *theme,
                                       const char * const *authors)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_THEME (theme), NULL);

  return g_object_new (SCHOLIA_TYPE_EXPORT_DIALOG,
                       "store", store,
                       "theme", theme,
                       "authors", authors,
                       NULL);
}

/**
 * scholia_export_dialog_export_to:
 * @self: an export dialog
 * @file: the PDF to write; replaced only once the whole export is written
 *
 * Exports with the options shown, in the background. The file chooser ends here; tests call
 * it directly.
 */
void
scholia_export_dialog_export_to (ScholiaExportDialog *self,
                                 GFile               *file)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *label = NULL;
  ExportJob *job;

  g_return_if_fail (SCHOLIA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->cancellable != NULL)
    return;

  job = g_new0 (ExportJob, 1);
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = NULL;

      export_job_free (job);
      message = g_strdup_printf (_("Could not export to “%s”: choose a folder on this computer"), uri);
      show_error (self, message);
      return;
    }

  job->library_path = g_strdup (scholia_store_get_path (self->store));
  job->document_id = self->document != NULL ? scholia_document_get_id (self->document) : 0;
  job->theme_id = self->theme != NULL ? scholia_label_get_id (SCHOLIA_LABEL (self->theme)) : 0;

  scholia_pdf_options_init (&job->options);
  job->options.filter = export_filter (self);
  job->options.page_size = adw_combo_row_get_selected (self->page_size_row) == 1
                             ? SCHOLIA_PDF_PAGE_LETTER : SCHOLIA_PDF_PAGE_A4;
  job->options.font_size = gtk_spin_button_get_value_as_int (self->font_size_spin);
  job->options.ragged = !gtk_switch_get_active (self->justify_switch);
  job->options.include_notes = gtk_switch_get_active (self->notes_switch);
  job->options.one_sided = gtk_switch_get_active (self->one_sided_switch);
  job->options.course = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->course_row))));
  /* Empty: the core names the user. */
  job->options.annotator = g_strstrip (g_settings_get_string (self->settings, "annotator-name"));

  basename = g_file_get_basename (file);
  /* Translators: shown while exporting; %s is the name of the PDF being written */
  label = g_strdup_printf (_("Writing “%s”…"), basename);
  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);

  cancellable = g_cancellable_new ();
  set_exporting (self, cancellable);

  task = g_task_new (self, cancellable, on_export_finished_cb, g_object_ref (file));
  g_task_set_source_tag (task, scholia_export_dialog_export_to);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

/**
 * scholia_export_dialog_cancel:
 * @self: an export dialog
 *
 * Stops the export running, if any; the target file is left as it was.
 */
void
scholia_export_dialog_cancel (ScholiaExportDialog *self)
{
  g_return_if_fail (SCHOLIA_IS_EXPORT_DIALOG (self));

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  set_exporting (self, NULL);
}

/**
 * scholia_export_dialog_get_exporting:
 * @self: an export dialog
 *
 * Returns: whether a PDF is being written
 */
gboolean
scholia_export_dialog_get_exporting (ScholiaExportDialog *self)
{
  g_return_val_if_fail (SCHOLIA_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}
