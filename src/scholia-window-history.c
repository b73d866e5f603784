/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Undo and redo in the window: the header's buttons name the edit they would undo, and Ctrl+Z
 * undoes the library's last annotation edit unless a text field has typing to undo. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-window-private.h"

/* Ctrl+Z in a text field undoes typing there, as everywhere else; elsewhere it undoes the last
 * annotation edit. Key presses reach the window before the focused widget, so the window
 * decides. */
static gboolean
focus_is_editable_text (ScholiaWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return FALSE;
  if (GTK_IS_EDITABLE (focus))
    return gtk_editable_get_editable (GTK_EDITABLE (focus));
  if (GTK_IS_TEXT_VIEW (focus))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (focus));

  return FALSE;
}

static void
undo_or_redo (ScholiaWindow *self,
              gboolean       redo)
{
  ScholiaEditor *editor = scholia_window_get_editor (self);
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (focus_is_editable_text (self))
    {
      gtk_widget_activate_action (gtk_root_get_focus (GTK_ROOT (self)),
                                  redo ? "text.redo" : "text.undo", NULL);
      return;
    }

  if (editor == NULL)
    return;

  /* A note being typed is saved first, so that undo takes back the latest edit. */
  scholia_document_page_flush (self->page);

  done = redo ? scholia_editor_redo (editor, &error) : scholia_editor_undo (editor, &error);
  if (!done)
    _scholia_window_add_message_toast (self, error->message);
}

void
_scholia_window_undo_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  undo_or_redo (SCHOLIA_WINDOW (widget), FALSE);
}

void
_scholia_window_redo_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  undo_or_redo (SCHOLIA_WINDOW (widget), TRUE);
}

/* Undo state */

static void
label_button (GtkWidget  *button,
              const char *label,
              const char *fallback)
{
  const char *text = label != NULL ? label : fallback;

  gtk_widget_set_tooltip_text (button, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
update_undo_state (ScholiaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ScholiaEditor *editor = scholia_window_get_editor (self);

  gtk_widget_action_set_enabled (widget, "library.undo",
                                 editor != NULL && scholia_editor_get_can_undo (editor));
  gtk_widget_action_set_enabled (widget, "library.redo",
                                 editor != NULL && scholia_editor_get_can_redo (editor));
  label_button (_scholia_window_child (self, "undo_button"),
                editor != NULL ? scholia_editor_get_undo_label (editor) : NULL, _("Undo"));
  label_button (_scholia_window_child (self, "redo_button"),
                editor != NULL ? scholia_editor_get_redo_label (editor) : NULL, _("Redo"));
}

/* A new library comes with a new editor, whose history the buttons follow from then on. */
static void
on_store_changed_cb (ScholiaWindow *self)
{
  static const char * const notifications[] = {
    "notify::can-undo", "notify::can-redo", "notify::undo-label", "notify::redo-label",
  };
  ScholiaEditor *editor = scholia_window_get_editor (self);

  for (guint i = 0; editor != NULL && i < G_N_ELEMENTS (notifications); i++)
    g_signal_connect_object (editor, notifications[i], G_CALLBACK (update_undo_state), self,
                             G_CONNECT_SWAPPED);
  update_undo_state (self);
}

void
_scholia_window_init_history (ScholiaWindow *self)
{
  g_signal_connect (self, "notify::store", G_CALLBACK (on_store_changed_cb), NULL);
  update_undo_state (self);
}
