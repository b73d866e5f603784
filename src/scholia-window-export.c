/* SPDX-License-Identifier: GPL-3.0-or-later */

/* PDF exports from the window: the open essay with its annotations (Ctrl+E) and a seminar
 * handout on the comparison's theme. The dialog does the work (scholia-export-dialog.c); the
 * window opens it and reports a finished file in a toast that can open it. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-export-dialog.h"
#include "scholia-window-private.h"

static void
on_open_exported_clicked_cb (ScholiaWindow *self,
                             AdwToast      *toast)
{
  GFile *file = g_object_get_data (G_OBJECT (toast), "file");
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* "Exported “x”" with a button that opens the file: after every export, whatever the format. */
void
_scholia_window_show_exported_toast (ScholiaWindow *self,
                                     GFile         *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *escaped = g_markup_escape_text (basename, -1);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: a toast; %s is the name of the file written */
  title = g_strdup_printf (_("Exported “%s”"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_exported_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  scholia_window_add_toast (self, toast);
}

static void
present_export_dialog (ScholiaWindow *self,
                       GtkWidget     *dialog)
{
  if (self->export_dialog != NULL)
    gtk_window_destroy (self->export_dialog);

  g_signal_connect_object (dialog, "exported", G_CALLBACK (_scholia_window_show_exported_toast), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_set_weak_pointer (&self->export_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_scholia_window_export_pdf_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  ScholiaWindow *self = user_data;

  if (self->store == NULL || self->document == NULL)
    return;

  /* The export reads the library from its own connection: a note still being typed must be
   * in the file first. */
  scholia_document_page_flush (self->page);
  present_export_dialog (self, scholia_export_dialog_new_for_document (self->store, self->document));
}

void
_scholia_window_export_handout_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  ScholiaComparisonView *comparison_view = scholia_document_page_get_comparison_view (self->page);
  ScholiaTheme *theme;
  const char *author;
  const char *authors[2] = { NULL, NULL };

  if (self->store == NULL)
    return;

  theme = scholia_comparison_view_get_theme (comparison_view);
  if (theme == NULL)
    {
      scholia_document_page_show_pane (self->page, "compare");
      _scholia_window_add_message_toast (self, _("Choose a theme to compare, then export its handout"));
      return;
    }

  /* The handout follows the comparison: one author's passages while it shows one author. */
  author = scholia_comparison_view_get_author (comparison_view);
  authors[0] = author;

  scholia_document_page_flush (self->page);
  present_export_dialog (self, scholia_export_dialog_new_for_handout (self->store, theme,
                                                                      author != NULL ? authors : NULL));
}

void
_scholia_window_dispose_export (ScholiaWindow *self)
{
  if (self->export_dialog != NULL)
    gtk_window_destroy (self->export_dialog);
  g_clear_weak_pointer (&self->export_dialog);
}
