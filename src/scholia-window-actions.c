/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's actions and keys. "library." acts on the open library: importing, searching,
 * exporting every essay, the tag and theme managers, comparing, undo. The document page owns
 * "doc." (the open essay) and "annotation."; the window inserts those groups so that its
 * header's menus reach them, and adds its own actions on the essay to "doc." (export, replace
 * text, properties, delete). Keys live in one shortcut controller of global scope, so they work
 * wherever the focus is in the window; the few a focused widget may want first (Delete,
 * Alt+Return) are bindings, which come after it. Which action is enabled follows from the
 * window's library and essay alone. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-library-sidebar.h"
#include "scholia-tag-manager.h"
#include "scholia-window-private.h"

static void
manage_tags_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  gboolean themes = g_str_equal (action_name, "library.manage-themes");
  ScholiaEditor *editor = scholia_window_get_editor (self);
  ScholiaTagManager *manager;

  if (editor == NULL)
    return;

  manager = scholia_tag_manager_new (editor, themes ? SCHOLIA_TYPE_THEME : SCHOLIA_TYPE_TAG);
  gtk_window_set_transient_for (GTK_WINDOW (manager), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (manager));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, _scholia_window_child (self, "sidebar_box"));
  gtk_widget_activate_action (self->sidebar, "sidebar.focus-filter", NULL);
}

/* The sidebar names the essay it means by id: the one selected there, not always the one open. */
static ScholiaDocument *
lookup_document (ScholiaWindow *self,
                 GVariant      *parameter)
{
  if (self->store == NULL)
    return NULL;

  return scholia_store_lookup_document (self->store, g_variant_get_int64 (parameter));
}

static void
edit_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  ScholiaDocument *document = lookup_document (self, parameter);

  if (document != NULL)
    scholia_window_show_properties (self, document);
}

static void
delete_document_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  g_autoptr(ScholiaDocument) document = NULL;

  /* Deleting clears the sidebar's selection and may drop its last reference. */
  document = lookup_document (self, parameter);
  if (document != NULL)
    {
      g_object_ref (document);
      scholia_window_delete_document (self, document);
    }
}

static void
document_properties_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  ScholiaWindow *self = user_data;

  if (self->document != NULL)
    scholia_window_show_properties (self, self->document);
}

static void
delete_open_document_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  ScholiaWindow *self = user_data;

  if (self->document != NULL)
    scholia_window_delete_document (self, self->document);
}

typedef struct
{
  const char                   *name;
  const char                   *parameter_type;
  GtkWidgetActionActivateFunc   activate;
} LibraryAction;

static const LibraryAction library_actions[] = {
  { "library.import", NULL, _scholia_window_import_action },
  { "library.import-samples", NULL, _scholia_window_import_samples_action },
  { "library.show-import-errors", NULL, _scholia_window_show_import_errors_action },
  { "library.search", NULL, search_action },
  { "library.import-annotations", NULL, _scholia_window_import_annotations_action },
  { "library.export-annotations", NULL, _scholia_window_export_annotations_action },
  { "library.manage-tags", NULL, manage_tags_action },
  { "library.manage-themes", NULL, manage_tags_action },
  { "library.show-compare", NULL, _scholia_window_show_compare_action },
  { "library.show-matrix", NULL, _scholia_window_show_matrix_action },
  { "library.show-annotations", NULL, _scholia_window_show_annotations_action },
  { "library.side-by-side", NULL, _scholia_window_side_by_side_action },
  { "library.export-handout", NULL, _scholia_window_export_handout_action },
  { "library.compact", NULL, _scholia_window_compact_action },
  { "library.undo", NULL, _scholia_window_undo_action },
  { "library.redo", NULL, _scholia_window_redo_action },
  { "library.edit-document", "x", edit_document_action },
  { "library.delete-document", "x", delete_document_action },
  { "library.focus-next-region", NULL, _scholia_window_focus_region_action },
  { "library.focus-previous-region", NULL, _scholia_window_focus_region_action },
};

/* The window's actions on the open essay, added to the page's "doc." group. */
static const GActionEntry doc_entries[] = {
  { "export-pdf", _scholia_window_export_pdf_action },
  { "replace-text", _scholia_window_replace_text_action },
  { "properties", document_properties_action },
  { "delete", delete_open_document_action },
};

/* Keys that must reach the window before the focused widget: the reader's source view would
 * otherwise take Ctrl+Z and Alt+Up/Down for editing it does not allow, and the library's list
 * would keep Ctrl+F. A disabled action lets the key through, so with nothing to undo Ctrl+Z
 * still reaches a text field. */
static const struct
{
  const char *trigger;
  const char *action;
} shortcuts[] = {
  { "<Control>f", "doc.find" },
  { "<Control>z", "library.undo" },
  { "<Control><Shift>z", "library.redo" },
  { "<Control>y", "library.redo" },
  { "F9", "doc.toggle-pane" },
  { "<Control><Alt>a", "doc.show-agreement" },
  { "<Alt>Up", "doc.previous-annotation" },
  { "<Alt>Down", "doc.next-annotation" },
  { "<Control><Shift>c", "doc.copy-citation" },
  { "<Control>bracketleft", "doc.previous-annotation" },
  { "<Control>bracketright", "doc.next-annotation" },
  { "<Control><Shift>t", "library.manage-tags" },
  { "<Control>t", "annotation.add-theme" },
  { "<Control>k", "annotation.add-link" },
  { "<Control><Shift>n", "annotation.note" },
  { "<Control><Shift>m", "library.manage-themes" },
  { "F6", "library.focus-next-region" },
  { "<Shift>F6", "library.focus-previous-region" },
};

static void
update_actions (ScholiaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_store = self->store != NULL;
  gboolean has_document = self->document != NULL;
  /* A read-only library can be read and exported; what would only fail is disabled. */
  gboolean writable = has_store && !scholia_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (widget, "library.open-library", !has_store);
  gtk_widget_action_set_enabled (widget, "library.new-library", !has_store);
  gtk_widget_action_set_enabled (widget, "library.import", writable);
  gtk_widget_action_set_enabled (widget, "library.import-samples", writable);
  gtk_widget_action_set_enabled (widget, "library.compact", writable);
  gtk_widget_action_set_enabled (widget, "library.search", has_store);
  gtk_widget_action_set_enabled (widget, "library.import-annotations", has_store);
  gtk_widget_action_set_enabled (widget, "library.export-annotations", has_store);
  gtk_widget_action_set_enabled (widget, "library.manage-tags", self->library != NULL);
  gtk_widget_action_set_enabled (widget, "library.manage-themes", self->library != NULL);
  gtk_widget_action_set_enabled (widget, "library.show-compare", has_store);
  gtk_widget_action_set_enabled (widget, "library.show-matrix", has_store);
  gtk_widget_action_set_enabled (widget, "library.show-annotations", has_store);
  gtk_widget_action_set_enabled (widget, "library.side-by-side", has_store);
  gtk_widget_action_set_enabled (widget, "library.export-handout", has_store);
  gtk_widget_action_set_enabled (widget, "library.edit-document", has_store);
  gtk_widget_action_set_enabled (widget, "library.delete-document", writable);

  _scholia_window_set_doc_action_enabled (self, "export-pdf", has_store && has_document);
  _scholia_window_set_doc_action_enabled (self, "replace-text", has_store && has_document);
  _scholia_window_set_doc_action_enabled (self, "properties", has_document);
  _scholia_window_set_doc_action_enabled (self, "delete", has_document && writable);
}

void
_scholia_window_class_init_actions (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (library_actions); i++)
    gtk_widget_class_install_action (widget_class, library_actions[i].name,
                                     library_actions[i].parameter_type,
                                     library_actions[i].activate);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "library.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "library.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "library.show-compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "library.show-matrix", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "library.side-by-side", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "library.show-annotations", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "doc.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "doc.properties", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_ALT_MASK,
                                       "doc.properties", NULL);
  /* Text fields and the sidebar's list see the key first, so Delete only reaches the window
   * when nothing closer has a use for it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "doc.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "doc.delete", NULL);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *trigger,
              const char            *action_name,
              GVariant              *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                            gtk_named_action_new (action_name));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
add_shortcuts (ScholiaWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcut_controller = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_name (controller, "scholia-window-shortcuts");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (shortcut_controller, GTK_SHORTCUT_SCOPE_GLOBAL);

  for (int i = 0; i < SCHOLIA_TAG_PALETTE_MAX_TAGS; i++)
    {
      g_autofree char *trigger = g_strdup_printf ("<Control>%d", i + 1);
      g_autofree char *keypad = g_strdup_printf ("<Control>KP_%d", i + 1);

      add_shortcut (shortcut_controller, trigger, "doc.tag", g_variant_new_int32 (i));
      add_shortcut (shortcut_controller, keypad, "doc.tag", g_variant_new_int32 (i));
    }
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    add_shortcut (shortcut_controller, shortcuts[i].trigger, shortcuts[i].action, NULL);

  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_scholia_window_init_actions (ScholiaWindow *self)
{
  GActionGroup *doc = scholia_document_page_get_action_group (self->page, "doc");

  g_action_map_add_action_entries (G_ACTION_MAP (doc), doc_entries, G_N_ELEMENTS (doc_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "doc", doc);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "annotation",
                                  scholia_document_page_get_action_group (self->page, "annotation"));

  g_signal_connect (self, "notify::store", G_CALLBACK (update_actions), NULL);
  g_signal_connect (self, "notify::document", G_CALLBACK (update_actions), NULL);
  add_shortcuts (self);
  update_actions (self);
}

/* The page's groups point back at the page and the window: they go before either does. */
void
_scholia_window_dispose_actions (ScholiaWindow *self)
{
  gtk_widget_insert_action_group (GTK_WIDGET (self), "doc", NULL);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "annotation", NULL);
}
