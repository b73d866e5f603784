/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Links between passages, as the window sees them: the inspector's Links section asks to read
 * the other end of a link (its essay opens with the passage selected), or to choose the other
 * end of a new link in the annotation list or the compare sidebar. While the user chooses, a
 * toast says what to choose; the next annotation activated there completes the link (one undo
 * step), and Escape or the toast's Cancel gives up. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-link-list.h"
#include "scholia-window-private.h"

static void
end_choosing (ScholiaWindow *self)
{
  AdwToast *toast = self->link_toast;

  self->link_source_id = 0;
  g_clear_pointer (&self->link_type, g_free);
  g_clear_weak_pointer (&self->link_toast);
  if (toast != NULL)
    adw_toast_dismiss (toast);
}

static void
on_link_toast_dismissed_cb (ScholiaWindow *self,
                            AdwToast      *toast)
{
  /* The toast is the sign that a passage is awaited: gone, nothing is. */
  if (toast == self->link_toast)
    end_choosing (self);
}

static void
on_pick_requested_cb (ScholiaWindow *self,
                      gint64         source_id,
                      const char    *type)
{
  g_autofree char *reading = scholia_link_type_get_reading (type, SCHOLIA_LINK_END_SOURCE);
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  end_choosing (self);
  self->link_source_id = source_id;
  self->link_type = g_strdup (type);

  /* Translators: shown while the user chooses the other end of a link in the annotation list
   * or the compare sidebar; %s is how the link reads, as "answers" or "contradicts" */
  title = g_strdup_printf (_("Choose the passage this one %s"), reading);
  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Cancel"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (end_choosing), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_link_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->link_toast, toast);
  scholia_window_add_toast (self, toast);

  /* Where the passages to choose from are. */
  scholia_document_page_show_pane (self->page, "list");
}

static void
on_link_activated_cb (ScholiaWindow *self,
                      gint64         annotation_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;

  if (self->store == NULL)
    return;

  annotation = scholia_store_get_annotation (self->store, annotation_id, &error);
  if (annotation == NULL)
    {
      _scholia_window_add_message_toast (self, error->message);
      return;
    }
  _scholia_window_show_annotation (self, annotation);
}

static gboolean
on_key_pressed_cb (ScholiaWindow   *self,
                   guint            keyval,
                   guint            keycode,
                   GdkModifierType  state)
{
  if (keyval != GDK_KEY_Escape || self->link_source_id == 0)
    return GDK_EVENT_PROPAGATE;

  end_choosing (self);
  return GDK_EVENT_STOP;
}

/**
 * _scholia_window_show_annotation:
 * @self: a window
 * @annotation: an annotation of the window's library, of any essay
 *
 * Opens the annotation's essay with the annotation selected and shown in the inspector.
 */
void
_scholia_window_show_annotation (ScholiaWindow     *self,
                                 ScholiaAnnotation *annotation)
{
  ScholiaDocument *document = scholia_store_lookup_document (self->store,
                                                             scholia_annotation_get_document_id (annotation));

  if (document == NULL || !scholia_window_show_document (self, document))
    return;
  scholia_document_page_show_annotation (self->page, annotation);
  _scholia_window_show_content (self);
}

/* While the user chooses the other end of a link, the annotation @annotation_id they activated
 * completes it, and TRUE says that it was taken for that; a link that cannot be made says why
 * and the choice goes on. */
gboolean
_scholia_window_complete_link (ScholiaWindow *self,
                               gint64         annotation_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaLink) link = NULL;

  if (self->link_source_id == 0 || self->library == NULL)
    return FALSE;

  link = scholia_editor_link_passages (scholia_library_get_editor (self->library), self->link_source_id,
                                       annotation_id, self->link_type, &error);
  if (link == NULL)
    {
      _scholia_window_add_message_toast (self, error->message);
      return TRUE;
    }

  end_choosing (self);
  _scholia_window_add_message_toast (self, _("Passages linked"));
  return TRUE;
}

/* Whether the user is choosing the other end of a link: for tests. */
gboolean
_scholia_window_is_choosing_link (ScholiaWindow *self)
{
  return self->link_source_id != 0;
}

void
_scholia_window_init_links (ScholiaWindow *self)
{
  GtkWidget *link_list = scholia_annotation_inspector_get_link_list (scholia_document_page_get_inspector (self->page));
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect_object (link_list, "link-activated", G_CALLBACK (on_link_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (link_list, "pick-requested", G_CALLBACK (on_pick_requested_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

void
_scholia_window_dispose_links (ScholiaWindow *self)
{
  end_choosing (self);
}
