/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's share of moving work between tools and editions: full-text search results from
 * the library sidebar, replacing an essay's text with a revised edition, and importing W3C Web
 * Annotations. The work itself is in the core and in the two dialogs. */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "scholia-annotation-import-dialog.h"
#include "scholia-export-file.h"
#include "scholia-library-sidebar.h"
#include "scholia-revision-dialog.h"
#include "scholia-table-export.h"
#include "scholia-pdf-export.h"
#include "scholia-w3c.h"
#include "scholia-window-private.h"

static void
on_annotations_imported_cb (ScholiaWindow *self)
{
  ScholiaDocument *document = self->document;

  /* Imported annotations may be orphans the open essay should list, or new highlights. */
  if (document != NULL)
    {
      g_object_ref (document);
      scholia_window_show_document (self, NULL);
      scholia_window_show_document (self, document);
      g_object_unref (document);
    }
}

void
_scholia_window_replace_text_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  ScholiaWindow *self = user_data;
  GtkWidget *dialog;

  if (self->store == NULL || self->document == NULL)
    return;

  dialog = scholia_revision_dialog_new (self->store, self->document);
  scholia_revision_dialog_set_editor (SCHOLIA_REVISION_DIALOG (dialog),
                                      scholia_window_get_editor (self));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_scholia_window_import_annotations_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  GtkWidget *dialog;

  if (self->store == NULL)
    return;

  dialog = scholia_annotation_import_dialog_new (self->store, self->document);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_annotations_imported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A match in the text or a note: open the essay with the match selected; a match in the title
 * (offset -1) only opens it. */
static void
on_search_result_activated_cb (ScholiaWindow   *self,
                               ScholiaDocument *document,
                               int              offset,
                               int              length)
{
  if (!scholia_window_show_document (self, document))
    return;

  if (offset >= 0 && length > 0)
    scholia_reading_view_select_range (scholia_document_page_get_reading_view (self->page),
                                       offset, offset + length);
  scholia_library_sidebar_select_document (SCHOLIA_LIBRARY_SIDEBAR (self->sidebar), document);

  _scholia_window_show_content (self);
  /* The reader goes on from the passage found, with the keyboard, as after Ctrl+F. */
  scholia_document_page_focus_text (self->page);
}

/**
 * scholia_window_export_annotations:
 * @self: a window with a library
 * @file: the file to write
 * @format: "csv", "md", "w3c", "qdpx" (a REFI-QDA project) or "qdc" (the codebook alone)
 * @whole_library: every essay rather than the open one
 * @error: return location for a #GError
 *
 * Annotations for other tools: CSV for spreadsheets, Markdown for notes, W3C Web Annotations
 * for annotation tools. The file is replaced whole or not at all (see scholia-export-file.h).
 *
 * Returns: whether @file was written
 */
gboolean
scholia_window_export_annotations (ScholiaWindow  *self,
                                   GFile          *file,
                                   const char     *format,
                                   gboolean        whole_library,
                                   GError        **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *data = NULL;

  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (!whole_library && self->document != NULL)
    {
      documents = g_ptr_array_new ();
      g_ptr_array_add (documents, self->document);
    }

  if (g_str_equal (format, "w3c"))
    {
      /* The annotator Preferences name (as in a PDF), else the user's name. */
      g_autofree char *annotator = self->settings != NULL
                                   ? g_strstrip (g_settings_get_string (self->settings, "annotator-name"))
                                   : NULL;
      ScholiaW3cExportOptions options = {
        .creator = annotator != NULL && *annotator != '\0' ? annotator : scholia_pdf_default_annotator (),
      };

      return scholia_w3c_export_file_full (self->store, documents, &options, file, NULL, error);
    }
  if (g_str_equal (format, "qdpx") || g_str_equal (format, "qdc"))
    return _scholia_window_export_refi (self, file, format, documents, error);

  data = g_str_equal (format, "md") ? scholia_table_export_markdown (self->store, documents, error)
                                    : scholia_table_export_csv (self->store, documents, error);
  return data != NULL && scholia_export_file_write_gfile (file, data, strlen (data), NULL, error);
}

static void
on_export_annotations_response_cb (ScholiaWindow        *self,
                                   int                   response,
                                   GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *format;
  const char *scope;

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");
      scope = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "scope");

      if (scholia_window_export_annotations (self, file, format != NULL ? format : "csv",
                                             g_strcmp0 (scope, "library") == 0, &error))
        _scholia_window_show_exported_toast (self, file);
      else
        _scholia_window_add_message_toast (self, error->message);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

void
_scholia_window_export_annotations_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  const char *format_ids[] = { "csv", "md", "w3c", "qdpx", "qdc", NULL };
  const char *format_labels[] = { N_("CSV Table"), N_("Markdown Notes"), N_("W3C Web Annotations (JSON-LD)"),
                                  N_("REFI-QDA Project (NVivo, MAXQDA, ATLAS.ti, QualCoder)"),
                                  N_("REFI-QDA Codebook (tags and themes)"), NULL };
  const char *scope_ids[] = { "document", "library", NULL };
  const char *scope_labels[] = { N_("This Essay"), N_("Every Essay"), NULL };
  g_autofree char *name = NULL;
  const char *translated_formats[G_N_ELEMENTS (format_ids)];
  const char *translated_scopes[3];
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (format_ids); i++)
    translated_formats[i] = format_labels[i] != NULL ? _(format_labels[i]) : NULL;
  for (guint i = 0; i < 3; i++)
    translated_scopes[i] = scope_labels[i] != NULL ? _(scope_labels[i]) : NULL;

  chooser = gtk_file_chooser_native_new (_("Export Annotations"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format",
                               /* Translators: the file chooser's choice of the export format (a noun) */
                               _("Format"),
                               format_ids, translated_formats);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "csv");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "scope", _("Annotations of"),
                               scope_ids, translated_scopes);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "scope", self->document != NULL ? "document" : "library");
  name = g_strdup_printf ("%s.csv", self->document != NULL ? scholia_document_get_title (self->document)
                                                           : _("Annotations"));
  g_strdelimit (name, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_annotations_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_scholia_window_init_interop (ScholiaWindow *self)
{
  g_signal_connect_object (self->sidebar, "search-result-activated",
                           G_CALLBACK (on_search_result_activated_cb), self, G_CONNECT_SWAPPED);
}
