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
