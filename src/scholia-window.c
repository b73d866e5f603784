/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window: a shell holding the header bar, the library sidebar, the toast overlay and the
 * document page. This file defines the type, sets up its parts (each in its own file, see
 * scholia-window-private.h) and opens libraries; it is the only file that calls into all the
 * others, and none calls into it. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-library-sidebar.h"
#include "scholia-accessible.h"
#include "scholia-store-upgrade.h"
#include "scholia-window-private.h"

G_DEFINE_FINAL_TYPE (ScholiaWindow, scholia_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DOCUMENT,
  PROP_IMPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_documents_items_changed_cb (ScholiaWindow *self,
                               guint          position,
                               guint          removed,
                               guint          added,
                               GListModel    *documents)
{
  /* However the open essay left the library, the reader must not keep showing it. */
  if (removed > 0 && self->document != NULL &&
      scholia_store_lookup_document (self->store, scholia_document_get_id (self->document)) != self->document)
    scholia_window_show_document (self, NULL);

  _scholia_window_update_state (self);
}

static void
on_leaflet_folded_cb (ScholiaWindow *self,
                      GParamSpec    *pspec,
                      AdwLeaflet    *leaflet)
{
  _scholia_window_update_state (self);
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
    adw_leaflet_set_visible_child (self->leaflet, _scholia_window_child (self, "content_box"));
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
      adw_status_page_set_description (_scholia_window_child (self, "error_page"), markup);
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
scholia_window_dispose (GObject *object)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (object);

  _scholia_window_dispose_seminars (self);
  _scholia_window_dispose_import (self);
  _scholia_window_dispose_compare (self);
  _scholia_window_dispose_links (self);
  _scholia_window_dispose_export (self);
  _scholia_window_dispose_actions (self);
  _scholia_window_dispose_history (self);
  _scholia_window_cancel_upgrade (self);
  g_clear_pointer (&self->pending_document, g_free);

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

static gboolean
scholia_window_close_request (GtkWindow *window)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (window);

  /* A note typed in the last moment is saved before the window goes. */
  scholia_document_page_flush (self->page);

  return GTK_WINDOW_CLASS (scholia_window_parent_class)->close_request (window);
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
  /* Looked up by name where they are needed (see _scholia_window_child). */
  static const char * const named_children[] = {
    "sidebar_box", "content_box", "content_header", "content_title", "read_only_revealer",
    "back_button", "document_menu_button", "main_stack", "empty_page", "error_page", "upgrade_page",
    "undo_button", "redo_button", "inspector_button", "import_bar", "import_label",
    "import_progress", "primary_menu_button", "seminar_button", "seminar_icon",
    "seminar_spinner", "seminar_status_label", "seminar_progress", "seminar_problems_label",
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_window_dispose;
  object_class->get_property = scholia_window_get_property;
  object_class->set_property = scholia_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = scholia_window_close_request;

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

  g_type_ensure (SCHOLIA_TYPE_DOCUMENT_PAGE);
  g_type_ensure (SCHOLIA_TYPE_LIBRARY_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, page);
  for (guint i = 0; i < G_N_ELEMENTS (named_children); i++)
    gtk_widget_class_bind_template_child_full (widget_class, named_children[i], FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_import_cancel_button_clicked_cb",
                                                G_CALLBACK (_scholia_window_on_import_cancel_button_clicked_cb));

  gtk_widget_class_install_action (widget_class, "library.open-library", NULL, open_library_action);
  gtk_widget_class_install_action (widget_class, "library.new-library", NULL, new_library_action);

  _scholia_window_class_init_actions (widget_class);
  _scholia_window_class_init_seminars (widget_class);
}

static void
scholia_window_init (ScholiaWindow *self)
{
  g_autofree char *icon_name = g_strconcat (APPLICATION_ID, "-symbolic", NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_accessible_fix_mnemonic_labels (GTK_WIDGET (self));

  g_object_bind_property (self, "store", self->sidebar, "store", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "document", self->sidebar, "selected-document",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->sidebar, "document-activated",
                           G_CALLBACK (on_sidebar_document_activated_cb), self, G_CONNECT_SWAPPED);

  self->document_signals = _scholia_window_new_document_signals (self);

  adw_status_page_set_icon_name (_scholia_window_child (self, "empty_page"), icon_name);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_leaflet_folded_cb),
                           self, G_CONNECT_SWAPPED);

  _scholia_window_init_import (self);
  _scholia_window_init_compare (self);
  _scholia_window_init_links (self);
  _scholia_window_init_interop (self);
  _scholia_window_init_history (self);
  _scholia_window_init_actions (self);

  bind_window_state (self);
  _scholia_window_init_seminars (self);
  _scholia_window_update_state (self);
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

static void set_library (ScholiaWindow  *self,
                         ScholiaLibrary *library);

/* Shows why a library cannot be opened (or was closed), in place of it. */
static void
refuse_library (ScholiaWindow *self,
                const char    *message)
{
  /* The status page reads its description as markup; a path may hold "&" or "<". */
  g_autofree char *markup = g_markup_escape_text (message, -1);

  adw_status_page_set_description (_scholia_window_child (self, "error_page"), markup);
  /* The essay asked for belonged to this library, not to the next one the reader opens. */
  g_clear_pointer (&self->pending_document, g_free);
  set_library (self, NULL);
  /* Also when there was no library to close: an upgrade that failed leaves its page. */
  _scholia_window_update_state (self);
}

/* The check opening left for later found the library damaged: nothing was written to it, and
 * it closes with the message opening would have given. */
static void
on_check_finished_cb (ScholiaWindow *self,
                      ScholiaStore  *store)
{
  if (self->store == store && scholia_store_get_damage (store) != NULL)
    refuse_library (self, scholia_store_get_damage (store)->message);
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
  scholia_document_page_set_library (self->page, library);

  /* After the sidebar's models have seen the change: closing the reader moves the sidebar's
   * selection, which must not happen while its models still hold the removed essay. */
  if (self->store != NULL)
    g_signal_connect_object (scholia_store_get_documents (self->store), "items-changed",
                             G_CALLBACK (on_documents_items_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  if (self->store != NULL && scholia_store_is_check_pending (self->store))
    {
      g_signal_connect_object (self->store, "check-finished", G_CALLBACK (on_check_finished_cb),
                               self, G_CONNECT_SWAPPED);
      _scholia_window_check_after_first_frame (self);
    }

  _scholia_window_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  /* Once the sidebar lists the library, so that it can select the essay too. */
  if (self->store != NULL)
    _scholia_window_show_first_document (self);
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

/* Opens a library that needs no upgrade (or refuses it), here on the main thread: a large
 * library's page-by-page check would hold the window back for seconds, so it runs once the
 * essay shows, and changes wait for it. */
static gboolean
open_now (ScholiaWindow *self,
          const char    *path)
{
  g_autoptr(ScholiaLibrary) library = NULL;
  g_autoptr(GError) error = NULL;

  library = scholia_library_open_checking_later (path, &error);
  if (library == NULL)
    {
      refuse_library (self, error->message);
      return FALSE;
    }

  set_library (self, library);
  return TRUE;
}

static void
on_library_upgraded (ScholiaWindow *self,
                     const char    *path,
                     const GError  *error)
{
  if (path != NULL)
    open_now (self, path);
  else
    refuse_library (self, error->message);
}

/**
 * scholia_window_open_library:
 * @self: a window
 * @path: the library file; a missing file becomes a new library
 *
 * Opens the library at @path and shows it. When it cannot be opened the window shows why
 * instead, and offers to open or create another; the file itself is left untouched. A library
 * written by an earlier version is upgraded in a worker thread first, the window saying so
 * meanwhile; it shows once upgraded, or the window says why it could not be.
 *
 * Returns: whether the library was opened, or is being upgraded to open
 */
gboolean
scholia_window_open_library (ScholiaWindow *self,
                             const char    *path)
{
  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  _scholia_window_cancel_upgrade (self);
  if (!scholia_store_needs_upgrade (path))
    return open_now (self, path);

  set_library (self, NULL);
  _scholia_window_upgrade_library (self, path, on_library_upgraded);
  return TRUE;
}
