/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Undo and redo in the window: the header's buttons name the change they would undo, Ctrl+Z
 * undoes the library's last change unless a text field has typing to undo, and an undone or
 * redone change is brought into view (its essay opened at the passage) and named in a toast. */

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

/* A toast on its way out takes no new words. */
static void
on_history_toast_dismissed_cb (ScholiaWindow *self,
                               AdwToast      *toast)
{
  if (self->history_toast == toast)
    g_clear_weak_pointer (&self->history_toast);
}

/* Undo never acts out of sight: the essay a change concerns is opened, in the reader even when
 * the sidebar covers it, with the passage selected; the toast names the change and where it was. */
static void
reveal_change (ScholiaWindow  *self,
               ScholiaCommand *command,
               gboolean        redo)
{
  ScholiaStore *store = scholia_command_get_store (command);
  const char *change = scholia_command_get_label (command);
  g_autofree char *message = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;
  ScholiaCommandPlace place;

  scholia_command_get_place (command, &place);

  if (place.kind == SCHOLIA_COMMAND_PLACE_DOCUMENT &&
      scholia_store_lookup_document (store, place.document_id) != NULL)
    {
      ScholiaDocument *document = scholia_store_lookup_document (store, place.document_id);

      if (!scholia_window_show_document (self, document))
        return;
      adw_leaflet_set_visible_child (self->leaflet, _scholia_window_child (self, "content_box"));
      if (place.start >= 0)
        {
          ScholiaDocumentPage *page = scholia_window_get_document_page (self);
          ScholiaReading *reading = scholia_document_page_get_reading (page);

          scholia_reading_view_select_range (scholia_document_page_get_reading_view (page),
                                             place.start, place.end);
          if (reading != NULL)
            scholia_reading_set_current (reading,
                                         scholia_reading_find_exact (reading, place.start, place.end));
        }
      /* Translators: a toast; the first %s names a change ("Add Theme"), the second an essay */
      message = g_strdup_printf (redo ? _("Redid “%s” in %s") : _("Undid “%s” in %s"),
                                 change, scholia_document_get_title (document));
    }
  else if (place.kind == SCHOLIA_COMMAND_PLACE_LABEL &&
           scholia_store_lookup_label (store, place.label_type, place.label_id) != NULL)
    {
      ScholiaLabel *label = scholia_store_lookup_label (store, place.label_type, place.label_id);

      /* Translators: a toast; the first %s names a change ("Rename Tag"), the second the tag or theme */
      message = g_strdup_printf (redo ? _("Redid “%s”: %s") : _("Undid “%s”: %s"),
                                 change, scholia_label_get_display_name (label));
    }
  else
    {
      /* Translators: a toast; %s names a change ("Delete Essay") */
      message = g_strdup_printf (redo ? _("Redid “%s”") : _("Undid “%s”"), change);
    }

  /* One toast for a run of Ctrl+Z, saying where the latest one went: the toast shown takes the
   * new words. Dismissing it for a new one while it still slides in can crash libadwaita 1.2. */
  markup = g_markup_escape_text (message, -1);
  if (self->history_toast != NULL)
    {
      adw_toast_set_title (self->history_toast, markup);
      return;
    }
  toast = adw_toast_new (markup);
  g_set_weak_pointer (&self->history_toast, toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_history_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  scholia_window_add_toast (self, toast);
}

static void
undo_or_redo (ScholiaWindow *self,
              gboolean       redo)
{
  ScholiaEditor *editor = scholia_window_get_editor (self);
  g_autoptr(ScholiaCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  ScholiaHistory *history;
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

  history = scholia_editor_get_history (editor);
  command = redo ? scholia_history_peek_redo (history) : scholia_history_peek_undo (history);
  if (command == NULL)
    return;
  g_object_ref (command);

  done = redo ? scholia_history_redo (history, &error) : scholia_history_undo (history, &error);
  if (!done)
    {
      _scholia_window_add_message_toast (self, error->message);
      return;
    }
  reveal_change (self, command, redo);
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
_scholia_window_dispose_history (ScholiaWindow *self)
{
  g_clear_weak_pointer (&self->history_toast);
}

void
_scholia_window_init_history (ScholiaWindow *self)
{
  g_signal_connect (self, "notify::store", G_CALLBACK (on_store_changed_cb), NULL);
  update_undo_state (self);
}
