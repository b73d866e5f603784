/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Annotating in the window: the tag palette and Ctrl+1 … Ctrl+9, the reader's context menu,
 * the highlights, the inspector beside the reader, themes (Ctrl+T and the theme manager),
 * what re-anchoring on open did, and undo. Every edit goes through the library's ScholiaEditor,
 * which commits before it returns; the highlighter and the inspector follow the open
 * document's ScholiaReading, so what is shown is what is stored. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-tag-manager.h"
#include "scholia-window-private.h"

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* The passage selected in the reader, unless nothing but white space is selected. */
static gboolean
get_selected_passage (ScholiaWindow *self,
                      int           *start,
                      int           *end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (self->reading_view));
  GtkTextIter start_iter, end_iter;
  g_autofree char *text = NULL;

  if (!scholia_reading_view_get_selection (self->reading_view, start, end))
    return FALSE;

  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, *start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, *end);
  text = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, FALSE);

  return !is_blank (text);
}

static ScholiaEditor *
get_editor (ScholiaWindow *self)
{
  return self->library != NULL ? scholia_library_get_editor (self->library) : NULL;
}

/* The placed annotation covering exactly [start, end), if any: tagging the same passage again
 * adds to it rather than stacking a second highlight on top. */
static ScholiaAnnotation *
find_annotation_at (ScholiaWindow *self,
                    int            start,
                    int            end)
{
  return self->reading != NULL ? scholia_reading_find_exact (self->reading, start, end) : NULL;
}

static void
reveal_inspector (ScholiaWindow *self)
{
  _scholia_window_show_pane (self, "annotation");
}

static void
inspect_annotation (ScholiaWindow     *self,
                    ScholiaAnnotation *annotation)
{
  if (self->reading != NULL)
    scholia_reading_set_current (self->reading, annotation);
  reveal_inspector (self);
}

static void
select_annotation (ScholiaWindow     *self,
                   ScholiaAnnotation *annotation)
{
  if (!scholia_annotation_get_orphaned (annotation))
    scholia_reading_view_select_range (self->reading_view,
                                       scholia_annotation_get_start (annotation),
                                       scholia_annotation_get_end (annotation));
}

static void
apply_tag (ScholiaWindow *self,
           guint          index)
{
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaTag) tag = NULL;
  ScholiaAnnotation *existing;
  gint64 tag_id;
  int start, end;

  if (get_editor (self) == NULL || self->document == NULL)
    return;

  tag = g_list_model_get_item (scholia_store_get_tags (self->store), index);
  if (tag == NULL)
    return;

  if (!get_selected_passage (self, &start, &end))
    {
      _scholia_window_add_message_toast (self, _("Select some text to tag"));
      return;
    }

  existing = find_annotation_at (self, start, end);
  if (existing != NULL)
    {
      annotation = g_object_ref (existing);
      if (!scholia_editor_toggle_tag (get_editor (self), annotation, tag, &error))
        {
          _scholia_window_add_message_toast (self, error->message);
          return;
        }
    }
  else
    {
      tag_id = scholia_tag_get_id (tag);
      annotation = scholia_editor_annotate (get_editor (self), self->document, start, end,
                                            &tag_id, 1, NULL, &error);
      if (annotation == NULL)
        {
          _scholia_window_add_message_toast (self, error->message);
          return;
        }
    }

  inspect_annotation (self, annotation);
}

/* Themes hold annotations, not bare text: a selected passage must be tagged first. Without a
 * selection, the highlight holding the caret is meant, or else the annotation in the
 * inspector. */
static void
pick_theme (ScholiaWindow *self)
{
  ScholiaAnnotation *annotation;
  int start, end;

  if (get_editor (self) == NULL || self->document == NULL)
    return;

  if (get_selected_passage (self, &start, &end))
    {
      annotation = find_annotation_at (self, start, end);
      if (annotation == NULL)
        {
          _scholia_window_add_message_toast (self, _("Tag the passage first, then add it to themes"));
          return;
        }
      scholia_reading_set_current (self->reading, annotation);
    }
  else if ((annotation = scholia_reading_get_innermost_at (self->reading, start)) != NULL)
    {
      scholia_reading_set_current (self->reading, annotation);
    }
  else
    {
      annotation = scholia_reading_get_current (self->reading);
    }

  if (annotation == NULL)
    {
      _scholia_window_add_message_toast (self, _("Select a tagged passage to add it to themes"));
      return;
    }

  reveal_inspector (self);
  gtk_widget_activate_action (GTK_WIDGET (self->inspector), "inspector.pick-theme", NULL);
}

/* The context menu's "Add to Theme…" only applies to a selection that is an annotation. */
static void
update_selection_actions (ScholiaWindow *self)
{
  gboolean annotated = FALSE;
  int start, end;

  if (get_editor (self) != NULL && self->document != NULL &&
      scholia_reading_view_get_selection (self->reading_view, &start, &end))
    annotated = find_annotation_at (self, start, end) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-to-theme", annotated);
}

static void
on_buffer_mark_set_cb (ScholiaWindow *self,
                       GtkTextIter   *location,
                       GtkTextMark   *mark,
                       GtkTextBuffer *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer) ||
      mark == gtk_text_buffer_get_selection_bound (buffer))
    update_selection_actions (self);
}

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
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (focus_is_editable_text (self))
    {
      gtk_widget_activate_action (gtk_root_get_focus (GTK_ROOT (self)),
                                  redo ? "text.redo" : "text.undo", NULL);
      return;
    }

  if (get_editor (self) == NULL)
    return;

  /* A note being typed is saved first, so that undo takes back the latest edit. */
  scholia_annotation_inspector_flush (self->inspector);

  done = redo ? scholia_editor_redo (get_editor (self), &error) : scholia_editor_undo (get_editor (self), &error);
  if (!done)
    _scholia_window_add_message_toast (self, error->message);
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
  ScholiaEditor *editor = get_editor (self);

  gtk_widget_action_set_enabled (widget, "win.undo",
                                 editor != NULL && scholia_editor_get_can_undo (editor));
  gtk_widget_action_set_enabled (widget, "win.redo",
                                 editor != NULL && scholia_editor_get_can_redo (editor));
  label_button (self->undo_button, editor != NULL ? scholia_editor_get_undo_label (editor) : NULL,
                _("Undo"));
  label_button (self->redo_button, editor != NULL ? scholia_editor_get_redo_label (editor) : NULL,
                _("Redo"));
}

void
_scholia_window_update_annotate_actions (ScholiaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean annotating = get_editor (self) != NULL && self->document != NULL;

  gtk_widget_action_set_enabled (widget, "win.apply-tag", annotating);
  gtk_widget_action_set_enabled (widget, "win.toggle-inspector", get_editor (self) != NULL);
  gtk_widget_action_set_enabled (widget, "win.show-inspector", annotating);
  gtk_widget_action_set_enabled (widget, "win.previous-annotation", annotating);
  gtk_widget_action_set_enabled (widget, "win.next-annotation", annotating);
  gtk_widget_action_set_enabled (widget, "win.manage-tags", get_editor (self) != NULL);
  gtk_widget_action_set_enabled (widget, "win.manage-themes", get_editor (self) != NULL);
  gtk_widget_action_set_enabled (widget, "win.pick-theme", annotating);
  update_selection_actions (self);
  update_undo_state (self);
}

/* The reader's context menu */

static char *
escape_mnemonic (const char *label)
{
  g_auto(GStrv) parts = g_strsplit (label, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
rebuild_tag_menu (ScholiaWindow *self)
{
  GListModel *tags = self->store != NULL ? scholia_store_get_tags (self->store) : NULL;
  guint n = tags != NULL ? g_list_model_get_n_items (tags) : 0;

  for (guint i = 0; i < self->menu_tags->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->menu_tags, i),
                                          rebuild_tag_menu, self);
  g_ptr_array_set_size (self->menu_tags, 0);
  g_menu_remove_all (self->tag_menu);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaTag) tag = g_list_model_get_item (tags, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = escape_mnemonic (scholia_tag_get_name (tag));

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.apply-tag", g_variant_new_int32 (i));
      if (i < SCHOLIA_TAG_PALETTE_MAX_TAGS)
        {
          g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);

          g_menu_item_set_attribute (item, "accel", "s", accel);
        }
      g_menu_append_item (self->tag_menu, item);

      g_signal_connect_object (tag, "notify::name", G_CALLBACK (rebuild_tag_menu), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->menu_tags, g_steal_pointer (&tag));
    }
}

/* Callbacks */

static void
on_highlighter_annotation_activated_cb (ScholiaWindow     *self,
                                        ScholiaAnnotation *annotation)
{
  inspect_annotation (self, annotation);
  select_annotation (self, annotation);
}

static void
on_inspector_reveal_annotation_cb (ScholiaWindow     *self,
                                   ScholiaAnnotation *annotation)
{
  select_annotation (self, annotation);
}

static void
on_inspector_attach_requested_cb (ScholiaWindow     *self,
                                  ScholiaAnnotation *annotation)
{
  g_autoptr(GError) error = NULL;
  int start, end;

  if (self->store == NULL)
    return;

  if (!get_selected_passage (self, &start, &end))
    {
      _scholia_window_add_message_toast (self, _("Select the passage to attach the annotation to"));
      return;
    }

  if (!scholia_store_set_annotation_anchor (self->store, annotation, start, end, FALSE, &error))
    {
      _scholia_window_add_message_toast (self, error->message);
      return;
    }

  inspect_annotation (self, annotation);
}

/* Actions */

static void
apply_tag_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  int index = g_variant_get_int32 (parameter);

  if (index >= 0)
    apply_tag (SCHOLIA_WINDOW (widget), index);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_or_redo (SCHOLIA_WINDOW (widget), FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_or_redo (SCHOLIA_WINDOW (widget), TRUE);
}

static void
toggle_inspector_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);

  adw_flap_set_reveal_flap (self->inspector_flap, !adw_flap_get_reveal_flap (self->inspector_flap));
}

static void
show_inspector_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  reveal_inspector (SCHOLIA_WINDOW (widget));
}

static void
step_annotation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  gboolean next = g_str_equal (action_name, "win.next-annotation");

  reveal_inspector (self);
  gtk_widget_activate_action (GTK_WIDGET (self->inspector),
                              next ? "inspector.next" : "inspector.previous", NULL);
}

static void
manage_tags_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  gboolean themes = g_str_equal (action_name, "win.manage-themes");
  ScholiaTagManager *manager;

  if (get_editor (self) == NULL)
    return;

  manager = themes ? scholia_tag_manager_new_for_themes (get_editor (self))
                   : scholia_tag_manager_new (get_editor (self));
  gtk_window_set_transient_for (GTK_WINDOW (manager), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (manager));
}

static void
pick_theme_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  pick_theme (SCHOLIA_WINDOW (widget));
}

/* Re-anchoring */

static void
report_reanchoring (ScholiaWindow                *self,
                    const ScholiaReanchorSummary *summary)
{
  guint moved = summary->moved + summary->fuzzy;
  guint orphaned = summary->orphaned;
  g_autofree char *message = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  if (moved == 0 && orphaned == 0)
    return;

  if (orphaned == 0)
    {
      /* Translators: a toast shown when an essay's text changed since it was annotated */
      message = g_strdup_printf (ngettext ("%u annotation moved with the changed text",
                                           "%u annotations moved with the changed text", moved),
                                 moved);
    }
  else if (moved == 0)
    {
      /* Translators: a toast shown when an essay's text changed since it was annotated */
      message = g_strdup_printf (ngettext ("%u annotation could not be placed — see the inspector",
                                           "%u annotations could not be placed — see the inspector",
                                           orphaned),
                                 orphaned);
    }
  else
    {
      g_autofree char *moved_text = NULL;
      g_autofree char *orphaned_text = NULL;

      /* Translators: the first half of a toast shown when an essay's text changed */
      moved_text = g_strdup_printf (ngettext ("%u annotation moved", "%u annotations moved", moved),
                                    moved);
      /* Translators: the second half of a toast shown when an essay's text changed, after
       * "3 annotations moved" */
      orphaned_text = g_strdup_printf (ngettext ("%u could not be placed — see the inspector",
                                                 "%u could not be placed — see the inspector",
                                                 orphaned),
                                       orphaned);
      /* Translators: joins the two halves of a toast, as in "3 annotations moved; 1 could not be
       * placed — see the inspector" */
      message = g_strdup_printf (_("%s; %s"), moved_text, orphaned_text);
    }

  markup = g_markup_escape_text (message, -1);
  toast = adw_toast_new (markup);
  if (orphaned > 0)
    {
      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_action_name (toast, "win.show-inspector");
    }
  scholia_window_add_toast (self, toast);
}

/* Life cycle, driven by scholia-window.c */

void
_scholia_window_annotate_set_store (ScholiaWindow *self)
{
  GListModel *tags = self->store != NULL ? scholia_store_get_tags (self->store) : NULL;

  /* Each library has its own history: undoing into another library makes no sense. */
  g_signal_group_set_target (self->editor_signals, get_editor (self));
  g_signal_group_set_target (self->tags_signals, tags);
  scholia_annotation_inspector_set_editor (self->inspector, get_editor (self));
  scholia_tag_palette_set_tags (self->tag_palette, tags);
  rebuild_tag_menu (self);
  _scholia_window_update_annotate_actions (self);
}

/* What was typed into a note belongs to the essay being left. */
void
_scholia_window_annotate_leave_document (ScholiaWindow *self)
{
  scholia_annotation_inspector_flush (self->inspector);
}

/* Called once the reader holds the reading's text (and with no reading when the reader was
 * closed); @summary and @reanchor_error tell what re-anchoring it on opening did. */
void
_scholia_window_annotate_show_document (ScholiaWindow                *self,
                                        const ScholiaReanchorSummary *summary,
                                        const GError                 *reanchor_error)
{
  g_signal_group_set_target (self->reading_signals, self->reading);
  scholia_highlighter_set_reading (self->highlighter, self->reading);
  scholia_annotation_inspector_set_reading (self->inspector, self->reading);

  if (reanchor_error != NULL)
    _scholia_window_add_message_toast (self, reanchor_error->message);
  else if (self->reading != NULL)
    report_reanchoring (self, summary);

  _scholia_window_update_annotate_actions (self);
}

static gboolean
scholia_window_close_request (GtkWindow *window)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (window);

  /* A note typed in the last moment is saved before the window goes. */
  scholia_annotation_inspector_flush (self->inspector);

  return GTK_WINDOW_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (window)))->close_request (window);
}

void
_scholia_window_class_init_annotate (GtkWidgetClass *widget_class)
{
  GTK_WINDOW_CLASS (widget_class)->close_request = scholia_window_close_request;

  g_type_ensure (SCHOLIA_TYPE_ANNOTATION_INSPECTOR);
  g_type_ensure (SCHOLIA_TYPE_TAG_PALETTE);

  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, inspector_flap);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, palette_revealer);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, tag_palette);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, selection_menu);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, tag_menu);

  gtk_widget_class_install_action (widget_class, "win.apply-tag", "i", apply_tag_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-inspector", NULL,
                                   toggle_inspector_action);
  gtk_widget_class_install_action (widget_class, "win.show-inspector", NULL,
                                   show_inspector_action);
  gtk_widget_class_install_action (widget_class, "win.previous-annotation", NULL,
                                   step_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.next-annotation", NULL,
                                   step_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.manage-tags", NULL, manage_tags_action);
  gtk_widget_class_install_action (widget_class, "win.manage-themes", NULL, manage_tags_action);
  gtk_widget_class_install_action (widget_class, "win.pick-theme", NULL, pick_theme_action);
  gtk_widget_class_install_action (widget_class, "win.add-to-theme", NULL, pick_theme_action);
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

/* The annotating keys are handled before the focused widget sees them: the reader's source
 * view would otherwise take Ctrl+Z and Alt+Up/Down for editing it does not allow. A disabled
 * action lets the key through, so with nothing to undo Ctrl+Z still reaches a text field. */
static void
add_shortcuts (ScholiaWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);

  for (int i = 0; i < SCHOLIA_TAG_PALETTE_MAX_TAGS; i++)
    {
      g_autofree char *trigger = g_strdup_printf ("<Control>%d", i + 1);
      g_autofree char *keypad = g_strdup_printf ("<Control>KP_%d", i + 1);

      add_shortcut (shortcuts, trigger, "win.apply-tag", g_variant_new_int32 (i));
      add_shortcut (shortcuts, keypad, "win.apply-tag", g_variant_new_int32 (i));
    }
  add_shortcut (shortcuts, "<Control>z", "win.undo", NULL);
  add_shortcut (shortcuts, "<Control><Shift>z", "win.redo", NULL);
  add_shortcut (shortcuts, "<Control>y", "win.redo", NULL);
  add_shortcut (shortcuts, "F9", "win.toggle-inspector", NULL);
  add_shortcut (shortcuts, "<Alt>Up", "win.previous-annotation", NULL);
  add_shortcut (shortcuts, "<Alt>Down", "win.next-annotation", NULL);
  add_shortcut (shortcuts, "<Control>bracketleft", "win.previous-annotation", NULL);
  add_shortcut (shortcuts, "<Control>bracketright", "win.next-annotation", NULL);
  add_shortcut (shortcuts, "<Control><Shift>t", "win.manage-tags", NULL);
  add_shortcut (shortcuts, "<Control>t", "win.pick-theme", NULL);
  add_shortcut (shortcuts, "<Control><Shift>m", "win.manage-themes", NULL);

  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_scholia_window_init_annotate (ScholiaWindow *self)
{
  GtkSourceView *source_view = scholia_reading_view_get_source_view (self->reading_view);

  self->menu_tags = g_ptr_array_new_with_free_func (g_object_unref);

  self->highlighter = scholia_highlighter_new (source_view);
  g_signal_connect_object (self->highlighter, "annotation-activated",
                           G_CALLBACK (on_highlighter_annotation_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (source_view), G_MENU_MODEL (self->selection_menu));
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (source_view)), "mark-set",
                           G_CALLBACK (on_buffer_mark_set_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->inspector, "reveal-annotation",
                           G_CALLBACK (on_inspector_reveal_annotation_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector, "attach-requested",
                           G_CALLBACK (on_inspector_attach_requested_cb), self, G_CONNECT_SWAPPED);

  self->editor_signals = g_signal_group_new (SCHOLIA_TYPE_EDITOR);
  g_signal_group_connect_swapped (self->editor_signals, "notify::can-undo",
                                  G_CALLBACK (update_undo_state), self);
  g_signal_group_connect_swapped (self->editor_signals, "notify::can-redo",
                                  G_CALLBACK (update_undo_state), self);
  g_signal_group_connect_swapped (self->editor_signals, "notify::undo-label",
                                  G_CALLBACK (update_undo_state), self);
  g_signal_group_connect_swapped (self->editor_signals, "notify::redo-label",
                                  G_CALLBACK (update_undo_state), self);

  self->tags_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->tags_signals, "items-changed",
                                  G_CALLBACK (rebuild_tag_menu), self);

  self->reading_signals = g_signal_group_new (SCHOLIA_TYPE_READING);
  g_signal_group_connect_swapped (self->reading_signals, "changed",
                                  G_CALLBACK (update_selection_actions), self);

  add_shortcuts (self);
}

void
_scholia_window_dispose_annotate (ScholiaWindow *self)
{
  if (self->menu_tags != NULL)
    {
      for (guint i = 0; i < self->menu_tags->len; i++)
        g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->menu_tags, i),
                                              rebuild_tag_menu, self);
      g_clear_pointer (&self->menu_tags, g_ptr_array_unref);
    }

  g_clear_object (&self->highlighter);
  g_clear_object (&self->reading);
  g_clear_object (&self->editor_signals);
  g_clear_object (&self->tags_signals);
  g_clear_object (&self->reading_signals);
}
