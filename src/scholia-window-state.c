/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the window shows, below every other file of the window: the open essay (loaded into
 * the page, remembered for next time), the header bar's state and title, toasts, and the two
 * things done to an essay from anywhere (its properties, deleting it). It calls no other file
 * of the window; the others learn of a change from the "document" notification. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-document-properties.h"
#include "scholia-window-private.h"

/* Toast titles are markup; messages name files and essays, which may hold "&" or "<". */
void
_scholia_window_add_message_toast (ScholiaWindow *self,
                                   const char    *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  scholia_window_add_toast (self, adw_toast_new (markup));
}

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
  /* Translators: the button of that toast, which opens the exported file (a verb) */
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_exported_clicked_cb), self,
                            G_CONNECT_SWAPPED);
  scholia_window_add_toast (self, toast);
}

/* The window's own actions on the open essay live in the page's "doc." group. */
void
_scholia_window_set_doc_action_enabled (ScholiaWindow *self,
                                        const char    *name,
                                        gboolean       enabled)
{
  GActionGroup *group = scholia_document_page_get_action_group (self->page, "doc");
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (group), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* In a folded window, brings the page forward over the library. */
void
_scholia_window_show_content (ScholiaWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, _scholia_window_child (self, "content_box"));
}

/* Which page the content pane shows follows from the store and the open document alone, so
 * every change funnels here. */
void
_scholia_window_update_state (ScholiaWindow *self)
{
  gboolean has_store = self->store != NULL;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  const char *page;

  if (self->upgrade_cancellable != NULL)
    page = "upgrading";
  else if (!has_store)
    page = "error";
  else if (g_list_model_get_n_items (scholia_store_get_documents (self->store)) == 0)
    page = "empty";
  else
    page = "document";

  gtk_stack_set_visible_child_name (_scholia_window_child (self, "main_stack"), page);

  /* Without a library there is nothing to list, so the content pane stands alone and carries the
   * window buttons itself. */
  gtk_widget_set_visible (_scholia_window_child (self, "sidebar_box"), has_store);
  gtk_widget_set_visible (_scholia_window_child (self, "back_button"), has_store && folded);
  gtk_widget_set_visible (_scholia_window_child (self, "document_menu_button"), self->document != NULL);
  gtk_revealer_set_reveal_child (_scholia_window_child (self, "read_only_revealer"),
                                 has_store && scholia_store_is_read_only (self->store));
  /* The pane compares across the library, so it is there whenever essays are. */
  gtk_widget_set_visible (_scholia_window_child (self, "inspector_button"), g_str_equal (page, "document"));
  gtk_widget_set_visible (_scholia_window_child (self, "undo_button"), has_store);
  gtk_widget_set_visible (_scholia_window_child (self, "redo_button"), has_store);
  adw_header_bar_set_show_start_title_buttons (_scholia_window_child (self, "content_header"),
                                               folded || !has_store);
}

/* The header names the essay being read; the window title follows so that the window list and
 * screen readers say which essay is open. */
static void
update_title (ScholiaWindow *self)
{
  AdwWindowTitle *content_title = _scholia_window_child (self, "content_title");
  const char *title = _("Scholia");
  const char *author = NULL;

  if (self->document != NULL)
    {
      title = scholia_document_get_title (self->document);
      author = scholia_document_get_author (self->document);
    }

  adw_window_title_set_title (content_title, title);
  adw_window_title_set_subtitle (content_title, author != NULL ? author : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
on_document_metadata_changed_cb (ScholiaWindow *self)
{
  update_title (self);
}

/* The open essay's text was replaced (a revised edition, or its undo): show the text the
 * library now holds, with its annotations where they now are. */
static void
on_document_text_changed_cb (ScholiaWindow *self)
{
  g_autoptr(ScholiaDocument) document = self->document != NULL ? g_object_ref (self->document) : NULL;

  if (document == NULL)
    return;
  scholia_window_show_document (self, NULL);
  scholia_window_show_document (self, document);
}

/* Called once, from the window's init. */
GSignalGroup *
_scholia_window_new_document_signals (ScholiaWindow *self)
{
  GSignalGroup *signals = g_signal_group_new (SCHOLIA_TYPE_DOCUMENT);

  g_signal_group_connect_swapped (signals, "notify::title",
                                  G_CALLBACK (on_document_metadata_changed_cb), self);
  g_signal_group_connect_swapped (signals, "notify::author",
                                  G_CALLBACK (on_document_metadata_changed_cb), self);
  g_signal_group_connect_swapped (signals, "notify::checksum",
                                  G_CALLBACK (on_document_text_changed_cb), self);
  return signals;
}

/**
 * scholia_window_add_toast:
 * @self: a window
 * @toast: (transfer full): the toast to show
 *
 * Shows @toast over the window's content.
 */
void
scholia_window_add_toast (ScholiaWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (SCHOLIA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * scholia_window_get_document:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the essay in the reader
 */
ScholiaDocument *
scholia_window_get_document (ScholiaWindow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), NULL);

  return self->document;
}

/**
 * scholia_window_get_document_page:
 * @self: a window
 *
 * Returns: (transfer none): the page that shows the open essay and the pane beside it
 */
ScholiaDocumentPage *
scholia_window_get_document_page (ScholiaWindow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), NULL);

  return self->page;
}

/**
 * scholia_window_get_editor:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the editor every edit of the open library goes through,
 *   with its undo history
 */
ScholiaEditor *
scholia_window_get_editor (ScholiaWindow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), NULL);

  return self->library != NULL ? scholia_library_get_editor (self->library) : NULL;
}

/**
 * scholia_window_get_library:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the open library, or %NULL if it could not be opened
 */
ScholiaLibrary *
scholia_window_get_library (ScholiaWindow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), NULL);

  return self->library;
}

/**
 * scholia_window_get_reading:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the essay in the reader, with its annotations
 */
ScholiaReading *
scholia_window_get_reading (ScholiaWindow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), NULL);

  return scholia_document_page_get_reading (self->page);
}

/**
 * scholia_window_get_sidebar:
 * @self: a window
 *
 * Returns: (transfer none): the library sidebar
 */
GtkWidget *
scholia_window_get_sidebar (ScholiaWindow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), NULL);

  return self->sidebar;
}

/**
 * scholia_window_show_document:
 * @self: a window
 * @document: (nullable): an essay of the window's library, or %NULL to close the reader
 *
 * Loads @document's text into the reader and remembers it as the essay to reopen next time.
 * When its text cannot be read, a toast says why and the reader is left as it was.
 *
 * Returns: whether @document is now shown
 */
gboolean
scholia_window_show_document (ScholiaWindow   *self,
                              ScholiaDocument *document)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (document == NULL || SCHOLIA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (document == NULL || self->store != NULL, FALSE);

  if (self->document == document)
    return TRUE;

  /* The page opens it through the library, which re-anchors its annotations first. */
  if (!scholia_document_page_show_document (self->page, document, &error))
    {
      _scholia_window_add_message_toast (self, error->message);
      return FALSE;
    }

  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);

  if (document != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "last-document", scholia_document_get_uuid (document));

  update_title (self);
  _scholia_window_update_state (self);
  g_object_notify (G_OBJECT (self), "document");

  return TRUE;
}

static void
restore_last_document (ScholiaWindow *self)
{
  g_autofree char *uuid = NULL;

  if (self->settings != NULL)
    uuid = g_settings_get_string (self->settings, "last-document");

  /* A historian reopening Scholia continues where they left off; in a library they have not
   * read from yet, the first essay beats an empty page. Looked up alone, as the list of a
   * large library is read after the essay's first frame. */
  scholia_window_show_document (self, scholia_store_lookup_document_or_first (self->store, uuid));
}

/* The library just opened shows the essay asked for by name before it was (or while it was
 * being upgraded), or the one read last. */
void
_scholia_window_show_first_document (ScholiaWindow *self)
{
  g_autofree char *name = g_steal_pointer (&self->pending_document);

  /* One the library lacks is reported, and the reader is not left empty. */
  if (name == NULL || !scholia_window_show_document_by_name (self, name))
    restore_last_document (self);
}

/**
 * scholia_window_show_document_by_name:
 * @self: a window
 * @id_or_title: an essay's id, uuid or exact title
 *
 * Shows the essay named on the command line; an unknown or ambiguous name is reported in a
 * toast. While no library is open (before the first, or while it is being upgraded), it is
 * shown once the library has opened, instead of the essay read last.
 *
 * Returns: whether the essay is now shown
 */
gboolean
scholia_window_show_document_by_name (ScholiaWindow *self,
                                      const char    *id_or_title)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id_or_title != NULL, FALSE);

  if (self->store == NULL)
    {
      g_free (self->pending_document);
      self->pending_document = g_strdup (id_or_title);
      return FALSE;
    }

  document = scholia_store_find_document (self->store, id_or_title, &error);
  if (document == NULL)
    {
      _scholia_window_add_message_toast (self, error->message);
      return FALSE;
    }

  return scholia_window_show_document (self, document);
}

/**
 * scholia_window_show_properties:
 * @self: a window
 * @document: an essay of the window's library
 *
 * Opens the dialog that edits @document's title, author, date and source.
 */
void
scholia_window_show_properties (ScholiaWindow   *self,
                                ScholiaDocument *document)
{
  GtkWidget *dialog;

  g_return_if_fail (SCHOLIA_IS_WINDOW (self));
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (document));
  g_return_if_fail (self->library != NULL);

  dialog = scholia_document_properties_new (scholia_window_get_editor (self), document);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Deleting is a step of the library's history: Undo takes it back, unless other changes came
 * after it, which Undo in the header bar takes back first. */
static void
on_undo_delete_clicked_cb (ScholiaWindow *self,
                           AdwToast      *toast)
{
  ScholiaCommand *deleting = g_object_get_data (G_OBJECT (toast), "command");
  ScholiaEditor *editor = scholia_window_get_editor (self);
  g_autoptr(GError) error = NULL;
  ScholiaCommandPlace place;
  ScholiaDocument *document;

  /* Another library was opened since. */
  if (editor == NULL || scholia_command_get_store (deleting) != self->store)
    return;

  scholia_command_get_place (deleting, &place);
  if (scholia_store_lookup_document (self->store, place.document_id) == NULL)
    {
      ScholiaHistory *history = scholia_editor_get_history (editor);

      if (scholia_history_peek_undo (history) != deleting)
        {
          _scholia_window_add_message_toast (self, _("Undo the changes made since, then the deletion"));
          return;
        }
      if (!scholia_history_undo (history, &error))
        {
          _scholia_window_add_message_toast (self, error->message);
          return;
        }
    }

  /* Back, by this Undo or the header bar's. */
  document = scholia_store_lookup_document (self->store, place.document_id);
  if (document != NULL)
    scholia_window_show_document (self, document);
}

/**
 * scholia_window_delete_document:
 * @self: a window
 * @document: an essay of the window's library
 *
 * Deletes @document with everything annotated in it, as a step of the library's history, and
 * offers to undo that in a toast.
 */
void
scholia_window_delete_document (ScholiaWindow   *self,
                                ScholiaDocument *document)
{
  ScholiaEditor *editor = scholia_window_get_editor (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  ScholiaHistory *history;
  AdwToast *toast;

  g_return_if_fail (SCHOLIA_IS_WINDOW (self));
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (document));
  g_return_if_fail (editor != NULL);

  /* The store drops the document, so its title is needed before. */
  escaped = g_markup_escape_text (scholia_document_get_title (document), -1);

  if (!scholia_editor_delete_document (editor, document, &error))
    {
      _scholia_window_add_message_toast (self, error->message);
      return;
    }

  /* Translators: a toast; %s is an essay's title */
  title = g_strdup_printf (_("“%s” deleted"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  history = scholia_editor_get_history (editor);
  g_object_set_data_full (G_OBJECT (toast), "command", g_object_ref (scholia_history_peek_undo (history)),
                          g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  scholia_window_add_toast (self, toast);
}
