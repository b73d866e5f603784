/* SPDX-License-Identifier: GPL-3.0-or-later */

/* "Delete All Unplaced": every unplaced annotation of the open essay goes as one step, and a
 * toast offers to bring them all back. It calls only -toasts.c of the page. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-document-page-private.h"

/* The toast's Undo takes back this deletion only: after another change it says so instead. */
static void
on_undo_clicked_cb (ScholiaDocumentPage *self,
                    AdwToast            *toast)
{
  ScholiaCommand *deleting = g_object_get_data (G_OBJECT (toast), "command");
  g_autoptr(GError) error = NULL;

  if (self->editor == NULL || scholia_command_get_store (deleting) != self->store)
    return;
  if (scholia_history_peek_undo (scholia_editor_get_history (self->editor)) != deleting)
    {
      _scholia_document_page_add_message_toast (self, _("Undo the changes made since, then the deletion"));
      return;
    }
  if (!scholia_editor_undo (self->editor, &error))
    _scholia_document_page_add_message_toast (self, error->message);
}

void
_scholia_document_page_delete_unplaced (ScholiaDocumentPage *self)
{
  g_autoptr(GPtrArray) unplaced = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GListModel *orphans;
  AdwToast *toast;

  if (self->editor == NULL || self->reading == NULL)
    return;

  orphans = scholia_reading_get_unplaced (self->reading);
  for (guint i = 0; i < g_list_model_get_n_items (orphans); i++)
    g_ptr_array_add (unplaced, g_list_model_get_item (orphans, i));
  if (unplaced->len == 0)
    {
      _scholia_document_page_add_message_toast (self, _("This essay has no unplaced annotations"));
      return;
    }

  scholia_editor_close_group (self->editor);
  if (!scholia_editor_delete_annotations (self->editor, unplaced, &error))
    {
      _scholia_document_page_add_message_toast (self, error->message);
      return;
    }

  /* Translators: a toast after "Delete All Unplaced" */
  title = g_strdup_printf (ngettext ("%u unplaced annotation deleted", "%u unplaced annotations deleted",
                                     unplaced->len),
                           unplaced->len);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "command",
                          g_object_ref (scholia_history_peek_undo (scholia_editor_get_history (self->editor))),
                          g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, G_CONNECT_SWAPPED);
  _scholia_document_page_add_toast (self, toast);
}
