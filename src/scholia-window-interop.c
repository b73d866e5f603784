/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's share of moving work between tools and editions: full-text search results from
 * the library sidebar, replacing an essay's text with a revised edition, and importing W3C Web
 * Annotations. The work itself is in the core and in the two dialogs. */
#include "config.h"

#include <glib/gi18n.h>

#include "scholia-annotation-import-dialog.h"
#include "scholia-library-sidebar.h"
#include "scholia-revision-dialog.h"
#include "scholia-window-private.h"

void
_scholia_window_update_interop_actions (ScholiaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.replace-text", self->store != NULL && self->document != NULL);
  gtk_widget_action_set_enabled (widget, "win.import-annotations", self->store != NULL);
}

/* The text changed under the reader (or went back on Undo): show it afresh, with its
 * annotations where the revision put them. */
static void
on_text_replaced_cb (ScholiaWindow   *self,
                     ScholiaDocument *document)
{
  if (self->document != document)
    return;

  scholia_window_show_document (self, NULL);
  scholia_window_show_document (self, document);
}

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

static void
replace_text_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  GtkWidget *dialog;

  if (self->store == NULL || self->document == NULL)
    return;

  dialog = scholia_revision_dialog_new (self->store, self->document);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "replaced", G_CALLBACK (on_text_replaced_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_annotations_action (GtkWidget  *widget,
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
    scholia_reading_view_select_range (self->reading_view, offset, offset + length);
  scholia_library_sidebar_select_document (SCHOLIA_LIBRARY_SIDEBAR (self->sidebar), document);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

void
_scholia_window_class_init_interop (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.replace-text", NULL, replace_text_action);
  gtk_widget_class_install_action (widget_class, "win.import-annotations", NULL, import_annotations_action);
}

void
_scholia_window_init_interop (ScholiaWindow *self)
{
  g_signal_connect_object (self->sidebar, "search-result-activated",
                           G_CALLBACK (on_search_result_activated_cb), self, G_CONNECT_SWAPPED);
}
