/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-annotation-import-dialog.h"
#include "scholia-accessible.h"

#include <glib/gi18n.h>

#include "scholia-w3c.h"

struct _ScholiaAnnotationImportDialog
{
  AdwWindow             parent_instance;

  ScholiaStore         *store;
  GFile                *file;
  GtkFileChooserNative *chooser;

  GtkStack             *stack;
  GtkWidget            *error_box;
  GtkLabel             *error_title;
  GtkLabel             *error_message;
  AdwActionRow         *file_row;
  GtkWidget            *choose_button;
  GtkCheckButton       *document_check;
  GtkDropDown          *document_dropdown;
  GtkCheckButton       *copy_foreign_check;
  AdwStatusPage        *done_page;
  GtkWidget            *rejected_box;
  GtkLabel             *rejected_title;
  GtkListBox           *rejected_list;
};

G_DEFINE_FINAL_TYPE (ScholiaAnnotationImportDialog, scholia_annotation_import_dialog,
                     ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "3 annotations placed exactly, 1 re-anchored, 1 could not be placed, 2 already in the
 * library, 1 annotation belongs to another essay (“Title”). Choose …" Parts that would say
 * zero are left out. */
static char *
describe_summary (ScholiaStore            *store,
                  ScholiaDocument         *document,
                  const ScholiaW3cSummary *summary)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  g_autofree char *foreign = scholia_w3c_describe_foreign (store, summary);
  g_autofree char *replaced = scholia_w3c_describe_replaced (summary);
  g_autofree char *skipped = scholia_w3c_describe_skipped (summary, document);
  g_autoptr(GString) description = g_string_new (NULL);

  if (summary->exact > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u annotation placed exactly",
                                                       "%u annotations placed exactly",
                                                       summary->exact),
                                             summary->exact));
  if (summary->reanchored > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u moved to where its passage now is",
                                                       "%u moved to where their passages now are",
                                                       summary->reanchored),
                                             summary->reanchored));
  if (summary->orphaned > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u could not be placed",
                                                       "%u could not be placed",
                                                       summary->orphaned),
                                             summary->orphaned));
  if (summary->present > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u already in the library",
                                                       "%u already in the library",
                                                       summary->present),
                                             summary->present));
  if (foreign != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&foreign));
  if (skipped != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&skipped));

  if (parts->len == 0)
    return g_strdup (_("The file held no annotations."));

  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  /* Translators: the list of what happened to the annotations, ending a sentence. */
  g_string_printf (description, _("%s."), joined);
  if (summary->foreign > 0)
    g_string_append_printf (description, " %s",
                            ngettext ("Import it again with “Copy annotations that belong to another essay as "
                                      "new ones” to copy it here.",
                                      "Import them again with “Copy annotations that belong to another essay as "
                                      "new ones” to copy them here.",
                                      summary->foreign));
  if (replaced != NULL)
    /* Translators: a sentence saying that characters were replaced. */
    g_string_append_printf (description, _(" %s."), replaced);
  return g_string_free (g_steal_pointer (&description), FALSE);
}

static void
set_file (ScholiaAnnotationImportDialog *self,
          GFile                         *file)
{
  g_autofree char *name = NULL;

  if (!g_set_object (&self->file, file))
    return;

  name = file != NULL ? g_file_get_basename (file) : NULL;
  adw_action_row_set_subtitle (self->file_row, name != NULL ? name : _("No file chosen"));
  gtk_widget_set_visible (self->error_box, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", file != NULL);
}

static ScholiaDocument *
chosen_document (ScholiaAnnotationImportDialog *self)
{
  if (!gtk_check_button_get_active (self->document_check))
    return NULL;

  return gtk_drop_down_get_selected_item (self->document_dropdown);
}

/* Each annotation the file held that was not imported, with its reason, one a row. */
static void
show_rejected (ScholiaAnnotationImportDialog *self,
               const ScholiaW3cSummary       *summary)
{
  g_autofree char *title = NULL;

  if (summary->rejected == NULL || summary->rejected->len == 0)
    return;
  title = g_strdup_printf (ngettext ("%u annotation was not imported",
                                     "%u annotations were not imported",
                                     summary->rejected->len),
                           summary->rejected->len);
  gtk_label_set_text (self->rejected_title, title);
  for (guint i = 0; i < summary->rejected->len; i++)
    {
      ScholiaW3cRejection *rejection = g_ptr_array_index (summary->rejected, i);
      GtkWidget *label = gtk_label_new (rejection->reason);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_list_box_append (self->rejected_list, label);
    }
  gtk_widget_set_visible (self->rejected_box, TRUE);
}

static gboolean
run_import (ScholiaAnnotationImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_auto(ScholiaW3cSummary) summary = { 0 };
  ScholiaW3cImportFlags flags = gtk_check_button_get_active (self->copy_foreign_check) ?
                                SCHOLIA_W3C_IMPORT_COPY_FOREIGN : SCHOLIA_W3C_IMPORT_DEFAULT;

  if (!scholia_w3c_import_file_full (self->store, self->file, chosen_document (self), flags,
                                     &summary, NULL, &error))
    {
      title = g_strdup_printf (_("Nothing was imported from “%s”"), name);
      gtk_label_set_text (self->error_title, title);
      gtk_label_set_text (self->error_message, error->message);
      gtk_widget_set_visible (self->error_box, TRUE);
      return FALSE;
    }

  description = describe_summary (self->store, chosen_document (self), &summary);
  adw_status_page_set_description (self->done_page, description);
  show_rejected (self, &summary);
  if (summary.exact + summary.reanchored + summary.orphaned == 0)
    {
      adw_status_page_set_title (self->done_page, _("No Annotations Imported"));
      adw_status_page_set_icon_name (self->done_page, "dialog-information-symbolic");
    }
  else if (summary.rejected != NULL)
    {
      adw_status_page_set_title (self->done_page, _("Some Annotations Imported"));
      adw_status_page_set_icon_name (self->done_page, "dialog-warning-symbolic");
    }
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-file", FALSE);

  g_signal_emit (self, signals[IMPORTED], 0);
  return TRUE;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScholiaAnnotationImportDialog *self = SCHOLIA_ANNOTATION_IMPORT_DIALOG (widget);

  g_return_if_fail (self->file != NULL);

  run_import (self);
}

static void
on_chooser_response_cb (ScholiaAnnotationImportDialog *self,
                        int                            response,
                        GtkNativeDialog               *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file != NULL)
    set_file (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ScholiaAnnotationImportDialog *self = SCHOLIA_ANNOTATION_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose an Annotations File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (json, _("Web Annotations (JSON-LD)"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_mime_type (json, "application/ld+json");
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_filter_add_suffix (json, "jsonld");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
scholia_annotation_import_dialog_dispose (GObject *object)
{
  ScholiaAnnotationImportDialog *self = SCHOLIA_ANNOTATION_IMPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->file);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_ANNOTATION_IMPORT_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (scholia_annotation_import_dialog_parent_class)->dispose (object);
}

static void
scholia_annotation_import_dialog_class_init (ScholiaAnnotationImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_annotation_import_dialog_dispose;

  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-annotation-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, error_title);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, error_message);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, document_check);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, document_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, copy_foreign_check);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, rejected_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, rejected_title);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationImportDialog, rejected_list);
}

static void
scholia_annotation_import_dialog_init (ScholiaAnnotationImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_accessible_name_inner_button (GTK_WIDGET (self->document_dropdown));
  scholia_accessible_fix_mnemonic_labels (GTK_WIDGET (self));

  gtk_drop_down_set_expression (self->document_dropdown,
                                gtk_property_expression_new (SCHOLIA_TYPE_DOCUMENT, NULL, "title"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
  /* The first field, rather than the header's Cancel that GTK would focus first. */
  gtk_widget_grab_focus (self->choose_button);
}

GtkWidget *
scholia_annotation_import_dialog_new (ScholiaStore    *store,
                                      ScholiaDocument *preselected)
{
  ScholiaAnnotationImportDialog *self;
  GListModel *documents;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (preselected == NULL || SCHOLIA_IS_DOCUMENT (preselected), NULL);

  self = g_object_new (SCHOLIA_TYPE_ANNOTATION_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);

  documents = scholia_store_get_documents (store);
  gtk_drop_down_set_model (self->document_dropdown, documents);

  for (guint i = 0; preselected != NULL && i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

      if (document == preselected)
        {
          gtk_drop_down_set_selected (self->document_dropdown, i);
          gtk_check_button_set_active (self->document_check, TRUE);
          break;
        }
    }

  /* An empty library has no essay to pick. */
  gtk_widget_set_sensitive (GTK_WIDGET (gtk_widget_get_ancestor (GTK_WIDGET (self->document_check),
                                                                 ADW_TYPE_ACTION_ROW)),
                            g_list_model_get_n_items (documents) > 0);

  return GTK_WIDGET (self);
}

gboolean
scholia_annotation_import_dialog_import_file (ScholiaAnnotationImportDialog *self,
                                              GFile                         *file)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  set_file (self, file);
  return run_import (self);
}
