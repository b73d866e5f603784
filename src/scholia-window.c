/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-document-properties.h"
#include "scholia-library-sidebar.h"
#include "scholia-window-private.h"

/* The schema id stays the same in a development build, so both share one window size. */

G_DEFINE_FINAL_TYPE (ScholiaWindow, scholia_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DOCUMENT,
  PROP_IMPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_scholia_window_update_actions (ScholiaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_store = self->store != NULL;
  gboolean has_document = self->document != NULL;
  /* A read-only library can be read and exported; what would only fail is disabled. */
  gboolean writable = has_store && !scholia_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (widget, "win.open-library", !has_store);
  gtk_widget_action_set_enabled (widget, "win.new-library", !has_store);
  gtk_widget_action_set_enabled (widget, "win.import", writable);
  gtk_widget_action_set_enabled (widget, "win.import-samples", writable);
  gtk_widget_action_set_enabled (widget, "win.show-import-errors",
                                 self->import_failures != NULL && self->import_failures->len > 0);
  gtk_widget_action_set_enabled (widget, "win.filter-library", has_store);
  gtk_widget_action_set_enabled (widget, "win.document-properties", has_document);
  gtk_widget_action_set_enabled (widget, "win.delete-document", has_document && writable);
  _scholia_window_update_annotate_actions (self);
  _scholia_window_update_compare_actions (self);
  _scholia_window_update_export_actions (self);
  _scholia_window_update_interop_actions (self);
}

void
_scholia_window_notify_importing (ScholiaWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
}

/* Toast titles are markup; messages name files and essays, which may hold "&" or "<". */
void
_scholia_window_add_message_toast (ScholiaWindow *self,
                                   const char    *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  scholia_window_add_toast (self, adw_toast_new (markup));
}

/* Which page the content pane shows follows from the store and the open document alone, so
 * every change funnels here. */
static void
update_state (ScholiaWindow *self)
{
  gboolean has_store = self->store != NULL;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  const char *page;

  if (!has_store)
    page = "error";
  else if (g_list_model_get_n_items (scholia_store_get_documents (self->store)) == 0)
    page = "empty";
  else
    page = "document";

  gtk_stack_set_visible_child_name (self->main_stack, page);
  gtk_stack_set_visible_child_name (self->document_stack,
                                    self->document != NULL ? "reader" : "choose");

  /* Without a library there is nothing to list, so the content pane stands alone and carries the
   * window buttons itself. */
  gtk_widget_set_visible (self->sidebar_box, has_store);
  gtk_widget_set_visible (self->back_button, has_store && folded);
  gtk_widget_set_visible (self->document_menu_button, self->document != NULL);
  gtk_revealer_set_reveal_child (self->palette_revealer, self->document != NULL);
  gtk_revealer_set_reveal_child (self->read_only_revealer,
                                 has_store && scholia_store_is_read_only (self->store));
  /* The pane compares across the library, so it is there whenever essays are. */
  gtk_widget_set_visible (GTK_WIDGET (self->inspector_button), g_str_equal (page, "document"));
  gtk_widget_set_visible (self->undo_button, has_store);
  gtk_widget_set_visible (self->redo_button, has_store);
  adw_header_bar_set_show_start_title_buttons (self->content_header, folded || !has_store);

  _scholia_window_update_actions (self);
}

/* The header names the essay being read; the window title follows so that the window list and
 * screen readers say which essay is open. */
static void
update_title (ScholiaWindow *self)
{
  const char *title = _("Scholia");
  const char *author = NULL;

  if (self->document != NULL)
    {
      title = scholia_document_get_title (self->document);
      author = scholia_document_get_author (self->document);
    }

  adw_window_title_set_title (self->content_title, title);
  adw_window_title_set_subtitle (self->content_title, author != NULL ? author : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
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

static void
on_document_metadata_changed_cb (ScholiaWindow *self)
{
  update_title (self);
}

static gboolean
store_holds_document (ScholiaStore    *store,
                      ScholiaDocument *document)
{
  GListModel *documents = scholia_store_get_documents (store);
  guint n = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaDocument) item = g_list_model_get_item (documents, i);

      if (item == document)
        return TRUE;
    }

  return FALSE;
}

static void
on_documents_items_changed_cb (ScholiaWindow *self,
                               guint          position,
                               guint          removed,
                               guint          added,
                               GListModel    *documents)
{
  /* However the open essay left the library, the reader must not keep showing it. */
  if (removed > 0 && self->document != NULL && !store_holds_document (self->store, self->document))
    scholia_window_show_document (self, NULL);

  update_state (self);
}

static void
on_leaflet_folded_cb (ScholiaWindow *self,
                      GParamSpec    *pspec,
                      AdwLeaflet    *leaflet)
{
  update_state (self);
}

static void
on_back_button_clicked_cb (ScholiaWindow *self,
                           GtkButton     *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_sidebar_document_activated_cb (ScholiaWindow   *self,
                                  ScholiaDocument *document)
{
  if (scholia_window_show_document (self, document))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
on_sidebar_edit_requested_cb (ScholiaWindow   *self,
                              ScholiaDocument *document)
{
  scholia_window_show_properties (self, document);
}

static void
on_sidebar_delete_requested_cb (ScholiaWindow   *self,
                                ScholiaDocument *document)
{
  scholia_window_delete_document (self, document);
}

static void
on_chooser_response_cb (ScholiaWindow   *self,
                        int              response,
                        GtkNativeDialog *chooser)
{
  g_autoptr(GtkNativeDialog) owned = g_steal_pointer (&self->chooser);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);

  /* SQLite needs a real file: a location that is only a URI (a remote share) cannot hold one. */
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = NULL;
      g_autofree char *markup = NULL;

      message = g_strdup_printf (_("“%s” is not a local file: choose a library on this computer."),
                                 uri);
      markup = g_markup_escape_text (message, -1);
      adw_status_page_set_description (self->error_page, markup);
      return;
    }

  scholia_window_open_library (self, path);
}

static void
run_library_chooser (ScholiaWindow        *self,
                     GtkFileChooserAction  action)
{
  g_autoptr(GtkFileFilter) libraries = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_files = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    chooser = gtk_file_chooser_native_new (_("Create New Library"), GTK_WINDOW (self), action,
                                           _("_Create"), _("_Cancel"));
  else
    chooser = gtk_file_chooser_native_new (_("Open Library"), GTK_WINDOW (self), action,
                                           _("_Open"), _("_Cancel"));

  gtk_file_filter_set_name (libraries, _("Scholia Libraries"));
  gtk_file_filter_add_pattern (libraries, "*.sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), libraries);

  gtk_file_filter_set_name (all_files, _("All Files"));
  gtk_file_filter_add_pattern (all_files, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_files);

  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "library.sqlite3");

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
open_library_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  run_library_chooser (SCHOLIA_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

/* The store never overwrites an existing file, so choosing one here opens it when it is a library
 * and is refused untouched otherwise. */
static void
new_library_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_library_chooser (SCHOLIA_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
bind_window_state (ScholiaWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);

  /* An uninstalled build run without GSETTINGS_SCHEMA_DIR has no schema: the window still works,
   * it just does not remember its size. */
  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed: the window size will not be kept",
                 SETTINGS_SCHEMA_ID);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
document_properties_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);

  if (self->document != NULL)
    scholia_window_show_properties (self, self->document);
}

static void
filter_library_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
  gtk_widget_activate_action (self->sidebar, "sidebar.focus-filter", NULL);
}

static void
delete_document_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);

  if (self->document != NULL)
    scholia_window_delete_document (self, self->document);
}

/* The deleted essay lives in the toast until it is dismissed: Undo puts it back whole. */
static void
on_undo_delete_clicked_cb (ScholiaWindow *self,
                           AdwToast      *toast)
{
  g_autoptr(ScholiaDeletedDocument) deleted = g_object_steal_data (G_OBJECT (toast), "deleted");
  ScholiaStore *store = g_object_get_data (G_OBJECT (toast), "store");
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  if (deleted == NULL || store != self->store)
    return;

  document = scholia_store_restore_document (self->store, deleted, &error);
  if (document == NULL)
    {
      _scholia_window_add_message_toast (self, error->message);
      return;
    }

  scholia_window_show_document (self, document);
}

static void
restore_last_document (ScholiaWindow *self)
{
  GListModel *documents = scholia_store_get_documents (self->store);
  g_autoptr(ScholiaDocument) document = NULL;
  g_autofree char *uuid = NULL;
  guint n = g_list_model_get_n_items (documents);

  if (n == 0)
    return;

  if (self->settings != NULL)
    uuid = g_settings_get_string (self->settings, "last-document");

  for (guint i = 0; uuid != NULL && *uuid != '\0' && i < n && document == NULL; i++)
    {
      g_autoptr(ScholiaDocument) item = g_list_model_get_item (documents, i);

      if (g_strcmp0 (scholia_document_get_uuid (item), uuid) == 0)
        document = g_steal_pointer (&item);
    }

  /* A historian reopening Scholia continues where they left off; in a library they have not
   * read from yet, the first essay beats an empty page. */
  if (document == NULL)
    document = g_list_model_get_item (documents, 0);

  scholia_window_show_document (self, document);
}

static void
scholia_window_dispose (GObject *object)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (object);

  _scholia_window_dispose_import (self);
  _scholia_window_dispose_annotate (self);
  _scholia_window_dispose_compare (self);
  _scholia_window_dispose_export (self);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (scholia_store_get_documents (self->store),
                                          on_documents_items_changed_cb, self);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  self->store = NULL;
  g_clear_object (&self->library);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_WINDOW);

  G_OBJECT_CLASS (scholia_window_parent_class)->dispose (object);
}

static void
scholia_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_IMPORTING:
      g_value_set_boolean (value, scholia_window_get_importing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      scholia_window_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_window_class_init (ScholiaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_window_dispose;
  object_class->get_property = scholia_window_get_property;
  object_class->set_property = scholia_window_set_property;

  /**
   * ScholiaWindow:store:
   *
   * The open library, or %NULL when it could not be opened and the window shows why.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SCHOLIA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ScholiaWindow:document:
   *
   * The essay shown in the reader, or %NULL.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SCHOLIA_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ScholiaWindow:importing:
   *
   * Whether essays are being imported (files may be waiting for the running batch).
   */
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SCHOLIA_TYPE_READING_VIEW);
  g_type_ensure (SCHOLIA_TYPE_LIBRARY_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, sidebar_bin);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, document_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, document_stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, document_bin);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, import_bar);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, import_progress);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.open-library", NULL, open_library_action);
  gtk_widget_class_install_action (widget_class, "win.new-library", NULL, new_library_action);
  gtk_widget_class_install_action (widget_class, "win.document-properties", NULL,
                                   document_properties_action);
  gtk_widget_class_install_action (widget_class, "win.delete-document", NULL,
                                   delete_document_action);

  gtk_widget_class_install_action (widget_class, "win.filter-library", NULL,
                                   filter_library_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.filter-library", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "win.document-properties", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_ALT_MASK,
                                       "win.document-properties", NULL);
  /* Text fields and the sidebar's list see the key first, so Delete only reaches the window
   * when nothing closer has a use for it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "win.delete-document", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "win.delete-document", NULL);

  _scholia_window_class_init_import (widget_class);
  _scholia_window_class_init_annotate (widget_class);
  _scholia_window_class_init_compare (widget_class);
  _scholia_window_class_init_interop (widget_class);
  _scholia_window_class_init_export (widget_class);
}

static void
scholia_window_init (ScholiaWindow *self)
{
  g_autofree char *icon_name = g_strconcat (APPLICATION_ID, "-symbolic", NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  _scholia_window_init_import (self);

  self->reading_view = SCHOLIA_READING_VIEW (scholia_reading_view_new ());
  adw_bin_set_child (self->document_bin, GTK_WIDGET (self->reading_view));
  _scholia_window_init_annotate (self);
  _scholia_window_init_compare (self);

  self->sidebar = g_object_new (SCHOLIA_TYPE_LIBRARY_SIDEBAR, NULL);
  adw_bin_set_child (self->sidebar_bin, self->sidebar);
  g_object_bind_property (self, "store", self->sidebar, "store", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "document", self->sidebar, "selected-document",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->sidebar, "document-activated",
                           G_CALLBACK (on_sidebar_document_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "edit-requested",
                           G_CALLBACK (on_sidebar_edit_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "delete-requested",
                           G_CALLBACK (on_sidebar_delete_requested_cb), self, G_CONNECT_SWAPPED);
  _scholia_window_init_interop (self);

  self->document_signals = g_signal_group_new (SCHOLIA_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "notify::title",
                                  G_CALLBACK (on_document_metadata_changed_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::author",
                                  G_CALLBACK (on_document_metadata_changed_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::checksum",
                                  G_CALLBACK (on_document_text_changed_cb), self);

  adw_status_page_set_icon_name (self->empty_page, icon_name);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_leaflet_folded_cb),
                           self, G_CONNECT_SWAPPED);

  bind_window_state (self);
  update_state (self);
}

/**
 * scholia_window_new:
 * @application: the application the window belongs to
 *
 * Creates a window without a library; open one with scholia_window_open_library().
 *
 * Returns: (transfer floating): a new window
 */
ScholiaWindow *
scholia_window_new (ScholiaApplication *application)
{
  g_return_val_if_fail (SCHOLIA_IS_APPLICATION (application), NULL);

  return g_object_new (SCHOLIA_TYPE_WINDOW, "application", application, NULL);
}

/**
 * scholia_window_get_store:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the open library, or %NULL if it could not be opened
 */
ScholiaStore *
scholia_window_get_store (ScholiaWindow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), NULL);

  return self->store;
}

/* Shows @library: the essay read last (or its first one), or the invitation to import some
 * while it has none. */
static void
set_library (ScholiaWindow  *self,
             ScholiaLibrary *library)
{
  if (self->library == library)
    return;

  scholia_window_show_document (self, NULL);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (scholia_store_get_documents (self->store),
                                          on_documents_items_changed_cb, self);

  g_set_object (&self->library, library);
  self->store = library != NULL ? scholia_library_get_store (library) : NULL;
  _scholia_window_annotate_set_store (self);

  /* After the sidebar's models have seen the change: closing the reader moves the sidebar's
   * selection, which must not happen while its models still hold the removed essay. */
  if (self->store != NULL)
    g_signal_connect_object (scholia_store_get_documents (self->store), "items-changed",
                             G_CALLBACK (on_documents_items_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  /* Once the sidebar lists the library, so that it can select the essay too. */
  if (self->store != NULL)
    restore_last_document (self);
}

/**
 * scholia_window_set_store:
 * @self: a window
 * @store: (nullable): the library to show
 *
 * Shows @store, as a library of its own with a fresh undo history: the essay read last (or its
 * first one), or the invitation to import some while it has none.
 */
void
scholia_window_set_store (ScholiaWindow *self,
                          ScholiaStore  *store)
{
  g_autoptr(ScholiaLibrary) library = NULL;

  g_return_if_fail (SCHOLIA_IS_WINDOW (self));
  g_return_if_fail (store == NULL || SCHOLIA_IS_STORE (store));

  if (self->store == store)
    return;

  if (store != NULL)
    library = scholia_library_new_for_store (store);
  set_library (self, library);
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

  return self->reading;
}

/**
 * scholia_window_open_library:
 * @self: a window
 * @path: the library file; a missing file becomes a new library
 *
 * Opens the library at @path and shows it. When it cannot be opened the window shows why
 * instead, and offers to open or create another; the file itself is left untouched.
 *
 * Returns: whether the library was opened
 */
gboolean
scholia_window_open_library (ScholiaWindow *self,
                             const char    *path)
{
  g_autoptr(ScholiaLibrary) library = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  library = scholia_library_open (path, &error);

  if (library == NULL)
    {
      /* The status page reads its description as markup; a path may hold "&" or "<". */
      g_autofree char *markup = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, markup);
      set_library (self, NULL);
      return FALSE;
    }

  set_library (self, library);
  return TRUE;
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
  g_autoptr(ScholiaReading) reading = NULL;
  g_autoptr(GError) reanchor_error = NULL;
  ScholiaReanchorSummary summary = { 0 };

  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (document == NULL || SCHOLIA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (document == NULL || self->store != NULL, FALSE);

  if (self->document == document)
    return TRUE;

  _scholia_window_annotate_leave_document (self);

  if (document != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Re-anchored before the highlights are drawn, so that none is drawn where its passage
       * no longer is. */
      reading = scholia_library_open_document (self->library, document, &summary,
                                               &reanchor_error, &error);
      if (reading == NULL)
        {
          _scholia_window_add_message_toast (self, error->message);
          return FALSE;
        }
    }

  g_set_object (&self->document, document);
  g_set_object (&self->reading, reading);
  g_signal_group_set_target (self->document_signals, document);

  if (document != NULL)
    {
      scholia_reading_view_set_document (self->reading_view,
                                         scholia_document_get_title (document),
                                         scholia_document_get_author (document),
                                         scholia_reading_get_text (reading));
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "last-document",
                               scholia_document_get_uuid (document));
    }
  else
    {
      scholia_reading_view_set_document (self->reading_view, NULL, NULL, NULL);
    }

  _scholia_window_annotate_show_document (self, &summary, reanchor_error);

  update_title (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);

  return TRUE;
}

/**
 * scholia_window_show_document_by_name:
 * @self: a window
 * @id_or_title: an essay's id, uuid or exact title
 *
 * Shows the essay named on the command line; an unknown or ambiguous name is reported in a
 * toast.
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
    return FALSE;

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
  g_return_if_fail (self->store != NULL);

  dialog = scholia_document_properties_new (self->store, document);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * scholia_window_delete_document:
 * @self: a window
 * @document: an essay of the window's library
 *
 * Deletes @document with everything annotated in it, and offers to undo that in a toast.
 */
void
scholia_window_delete_document (ScholiaWindow   *self,
                                ScholiaDocument *document)
{
  g_autoptr(ScholiaDeletedDocument) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (SCHOLIA_IS_WINDOW (self));
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (document));
  g_return_if_fail (self->store != NULL);

  /* The store drops the document, so its title is needed before. */
  escaped = g_markup_escape_text (scholia_document_get_title (document), -1);

  deleted = scholia_store_delete_document_undoable (self->store, document, &error);
  if (deleted == NULL)
    {
      _scholia_window_add_message_toast (self, error->message);
      return;
    }

  /* Translators: a toast; %s is an essay's title */
  title = g_strdup_printf (_("“%s” deleted"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "deleted", g_steal_pointer (&deleted),
                          (GDestroyNotify) scholia_deleted_document_free);
  g_object_set_data_full (G_OBJECT (toast), "store", g_object_ref (self->store), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  scholia_window_add_toast (self, toast);
}
