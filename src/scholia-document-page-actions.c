/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The page's actions. "doc." acts on the open essay: find in it, tag the selection (Ctrl+1 …
 * Ctrl+9), step from annotation to annotation, show the pane; the window adds its own actions on
 * the essay to the same group (export, replace text, properties, delete). "annotation." acts on
 * an annotation: the one selected or under the caret for themes, the inspector's otherwise. The
 * window inserts both groups, so that its menus and shortcuts reach them wherever the focus is;
 * the keys are registered there (scholia-window-actions.c). */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-citation-styles.h"
#include "scholia-document-page-private.h"
#include "scholia-store-references.h"

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
get_selected_passage (ScholiaDocumentPage *self,
                      int                 *start,
                      int                 *end)
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

/* The placed annotation covering exactly [start, end), if any: tagging the same passage again
 * adds to it rather than stacking a second highlight on top. */
static ScholiaAnnotation *
find_annotation_at (ScholiaDocumentPage *self,
                    int                  start,
                    int                  end)
{
  return self->reading != NULL ? scholia_reading_find_exact (self->reading, start, end) : NULL;
}

static void
reveal_inspector (ScholiaDocumentPage *self)
{
  _scholia_document_page_reveal_pane (self, "annotation");
}

static void
apply_tag (ScholiaDocumentPage *self,
           guint                index)
{
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaTag) tag = NULL;
  ScholiaAnnotation *existing;
  gint64 tag_id;
  int start, end;

  if (self->editor == NULL || self->reading == NULL)
    return;

  tag = g_list_model_get_item (scholia_store_get_labels (self->store, SCHOLIA_TYPE_TAG), index);
  if (tag == NULL)
    return;

  scholia_reading_view_snap_selection (self->reading_view);
  if (!get_selected_passage (self, &start, &end))
    {
      _scholia_document_page_add_message_toast (self, _("Select some text to tag"));
      return;
    }

  existing = find_annotation_at (self, start, end);
  if (existing != NULL)
    {
      annotation = g_object_ref (existing);
      if (!scholia_editor_toggle_label (self->editor, annotation, SCHOLIA_LABEL (tag), &error))
        {
          _scholia_document_page_add_message_toast (self, error->message);
          return;
        }
    }
  else
    {
      tag_id = scholia_label_get_id (SCHOLIA_LABEL (tag));
      annotation = scholia_editor_annotate (self->editor, scholia_reading_get_document (self->reading),
                                            start, end, &tag_id, 1, NULL, &error);
      if (annotation == NULL)
        {
          _scholia_document_page_add_message_toast (self, error->message);
          return;
        }
    }

  _scholia_document_page_follow_annotation (self, annotation);
}

/* Themes hold annotations, not bare text: a selected passage must be tagged first. Without a
 * selection, the highlight holding the caret is meant, or else the annotation in the
 * inspector. */
static void
pick_theme (ScholiaDocumentPage *self)
{
  ScholiaAnnotation *annotation;
  int start, end;

  if (self->editor == NULL || self->reading == NULL)
    return;

  if (get_selected_passage (self, &start, &end))
    {
      annotation = find_annotation_at (self, start, end);
      if (annotation == NULL)
        {
          _scholia_document_page_add_message_toast (self, _("Tag the passage first, then add it to themes"));
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
      _scholia_document_page_add_message_toast (self, _("Select a tagged passage to add it to themes"));
      return;
    }

  _scholia_document_page_pick_theme (self);
}

static void
set_enabled (GSimpleActionGroup *group,
             const char         *name,
             gboolean            enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (group), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The context menu's "Add to Theme…" only applies to a selection that is an annotation. */
static void
update_selection_actions (ScholiaDocumentPage *self)
{
  gboolean annotated = FALSE;
  int start, end;

  if (self->editor != NULL && self->reading != NULL &&
      scholia_reading_view_get_selection (self->reading_view, &start, &end))
    annotated = find_annotation_at (self, start, end) != NULL;

  set_enabled (self->annotation_actions, "add-selection-to-theme", annotated);
}

/* The inspector's annotation is the one "annotation.delete", "note" and "add-tag" act on. */
static void
update_inspected_actions (ScholiaDocumentPage *self)
{
  gboolean inspected = self->editor != NULL &&
                       scholia_annotation_inspector_get_annotation (self->inspector) != NULL;

  set_enabled (self->annotation_actions, "delete", inspected);
  /* The annotation under the caret will do, too. */
  set_enabled (self->annotation_actions, "note",
               inspected || (self->editor != NULL && self->reading != NULL));
  set_enabled (self->annotation_actions, "add-tag", inspected);
  set_enabled (self->annotation_actions, "add-link", inspected);
}

void
_scholia_document_page_update_actions (ScholiaDocumentPage *self)
{
  gboolean annotating = self->editor != NULL && self->reading != NULL;

  set_enabled (self->doc_actions, "find", self->reading != NULL);
  set_enabled (self->doc_actions, "copy-citation", self->reading != NULL);
  set_enabled (self->doc_actions, "focus-text", self->reading != NULL);
  set_enabled (self->doc_actions, "show-line-annotations", self->reading != NULL);
  set_enabled (self->doc_actions, "tag", annotating);
  set_enabled (self->doc_actions, "toggle-pane", self->editor != NULL);
  set_enabled (self->doc_actions, "show-inspector", annotating);
  set_enabled (self->doc_actions, "previous-annotation", annotating);
  set_enabled (self->doc_actions, "next-annotation", annotating);
  set_enabled (self->doc_actions, "delete-unplaced", annotating);
  set_enabled (self->annotation_actions, "add-theme", annotating);
  set_enabled (self->annotation_actions, "attach", annotating);
  update_selection_actions (self);
  update_inspected_actions (self);
}

static void
on_buffer_mark_set_cb (ScholiaDocumentPage *self,
                       GtkTextIter         *location,
                       GtkTextMark         *mark,
                       GtkTextBuffer       *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer))
    _scholia_document_page_describe_caret (self);
  if (mark == gtk_text_buffer_get_insert (buffer) ||
      mark == gtk_text_buffer_get_selection_bound (buffer))
    update_selection_actions (self);
}

/* Follows what the selection and the inspector show, for the actions that depend on them. */
void
_scholia_document_page_watch_selection (ScholiaDocumentPage *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (self->reading_view));

  g_signal_connect_object (buffer, "mark-set", G_CALLBACK (on_buffer_mark_set_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_group_connect_swapped (self->reading_signals, "changed",
                                  G_CALLBACK (update_selection_actions), self);
  g_signal_group_connect_swapped (self->reading_signals, "changed",
                                  G_CALLBACK (_scholia_document_page_describe_caret), self);
  g_signal_connect_object (self->inspector, "notify::annotation",
                           G_CALLBACK (update_inspected_actions), self, G_CONNECT_SWAPPED);
}

/* doc. */

static void
find_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ScholiaDocumentPage *self = user_data;

  gtk_widget_activate_action (GTK_WIDGET (self->reading_view), "reader.find", NULL);
}

static void
apply_tag_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  int index = g_variant_get_int32 (parameter);

  if (index >= 0)
    apply_tag (user_data, index);
}

static void
toggle_pane_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ScholiaDocumentPage *self = user_data;

  adw_flap_set_reveal_flap (self->inspector_flap, !adw_flap_get_reveal_flap (self->inspector_flap));
}

static void
show_inspector_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  reveal_inspector (user_data);
}

static void
step_annotation_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  ScholiaDocumentPage *self = user_data;
  gboolean next = g_str_equal (g_action_get_name (G_ACTION (action)), "next-annotation");

  _scholia_document_page_offer_inspector (self);
  gtk_widget_activate_action (GTK_WIDGET (self->inspector),
                              next ? "inspector.next" : "inspector.previous", NULL);
}

/* The passage to cite: the selection, else the highlight holding the caret, else the current
 * annotation (the inspector's). FALSE when there is none or it is not in the text. */
static gboolean
get_passage_to_cite (ScholiaDocumentPage *self,
                     int                 *start,
                     int                 *end)
{
  ScholiaAnnotation *annotation;

  if (get_selected_passage (self, start, end))
    return TRUE;

  annotation = scholia_reading_get_innermost_at (self->reading, *start);
  if (annotation == NULL)
    annotation = scholia_reading_get_current (self->reading);
  if (annotation == NULL || scholia_annotation_get_orphaned (annotation))
    return FALSE;

  *start = scholia_annotation_get_start (annotation);
  *end = scholia_annotation_get_end (annotation);
  return TRUE;
}

/* What the clipboard offers for a citation: plain text, and HTML with its italics for a word
 * processor (the Pango markup's <i> and escapes are HTML's too). */
static GdkContentProvider *
citation_content_new (const char *text,
                      const char *markup)
{
  g_autoptr(GString) html = g_string_new ("<meta charset=\"utf-8\">");
  g_autoptr(GBytes) html_bytes = NULL;
  GdkContentProvider *providers[2];

  for (const char *p = markup; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (html, "<br>");
      else
        g_string_append_c (html, *p);
    }
  html_bytes = g_string_free_to_bytes (g_steal_pointer (&html));
  providers[0] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  providers[1] = gdk_content_provider_new_for_bytes ("text/html", html_bytes);
  return gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
}

/* Ctrl+Shift+C: the passage with its citation in the style Preferences chose (a Chicago note by
 * default), from the essay's reference when its citation key names one, else its metadata. */
static void
copy_citation_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  ScholiaDocumentPage *self = user_data;
  ScholiaDocument *document;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(ScholiaReference) reference = NULL;
  g_autoptr(GdkContentProvider) content = NULL;
  g_autofree char *style_name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  ScholiaCitationStyle style = SCHOLIA_CITATION_STYLE_CHICAGO;
  const char *essay;
  int start, end;

  if (self->reading == NULL)
    return;

  if (!get_passage_to_cite (self, &start, &end))
    {
      _scholia_document_page_add_message_toast (self, _("Select a passage or an annotation to copy"));
      return;
    }

  document = scholia_reading_get_document (self->reading);
  pages = scholia_store_load_pages (self->store, document, &error);
  if (pages != NULL)
    reference = scholia_store_get_document_reference (self->store, document, &error);
  if (error != NULL)
    {
      _scholia_document_page_add_message_toast (self, error->message);
      return;
    }

  settings = g_settings_new (SETTINGS_SCHEMA_ID);
  style_name = g_settings_get_string (settings, "citation-style");
  scholia_citation_style_parse (style_name, &style);
  essay = scholia_reading_get_text (self->reading);
  /* A Pandoc citation is pasted into Markdown: its italics are Markdown's. */
  text = scholia_citation_format_styled (document, reference, essay, pages, start, end, style, FALSE,
                                         style == SCHOLIA_CITATION_STYLE_PANDOC ? SCHOLIA_CITATION_MARKUP_MARKDOWN
                                                                                : SCHOLIA_CITATION_MARKUP_TEXT);
  markup = scholia_citation_format_styled (document, reference, essay, pages, start, end, style, FALSE,
                                           SCHOLIA_CITATION_MARKUP_PANGO);
  content = citation_content_new (text, markup);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), content);
  _scholia_document_page_add_message_toast (self, _("Copied with citation"));
}

/* annotation. */

static void
pick_theme_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  pick_theme (user_data);
}

static void
delete_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  ScholiaDocumentPage *self = user_data;

  gtk_widget_activate_action (GTK_WIDGET (self->inspector), "inspector.delete", NULL);
}

/* The note of the annotation under the caret (or the selected one), in one key from the text:
 * the pane shows that annotation and the focus goes to its note; Escape there goes back. */
static void
note_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ScholiaDocumentPage *self = user_data;
  ScholiaAnnotation *annotation = NULL;
  int start, end;

  if (self->reading != NULL)
    annotation = get_selected_passage (self, &start, &end)
                 ? find_annotation_at (self, start, end)
                 : scholia_reading_get_innermost_at (self->reading, start);
  if (annotation != NULL)
    scholia_reading_set_current (self->reading, annotation);
  else if (scholia_annotation_inspector_get_annotation (self->inspector) == NULL)
    {
      _scholia_document_page_add_message_toast (self, _("Move the caret into a highlighted passage to read its note"));
      return;
    }

  reveal_inspector (self);
  gtk_widget_activate_action (GTK_WIDGET (self->inspector), "inspector.edit-note", NULL);
}

/* The margin's marks, from the keyboard: what clicking the caret line's marks does. */
static void
show_line_annotations_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  ScholiaDocumentPage *self = user_data;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (self->reading_view));
  GtkTextIter caret;

  gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
  if (scholia_annotation_gutter_activate_line (scholia_highlighter_get_gutter (self->highlighter),
                                               gtk_text_iter_get_line (&caret)) == 0)
    _scholia_document_page_add_message_toast (self, _("No annotations on this line"));
}

static void
focus_text_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  scholia_document_page_focus_text (user_data);
}

static void
add_tag_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ScholiaDocumentPage *self = user_data;

  gtk_widget_activate_action_variant (GTK_WIDGET (self->inspector), "inspector.add-tag", parameter);
}

/* The link picker, a dialog of its own: the pane need not be open. */
static void
add_link_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ScholiaDocumentPage *self = user_data;

  gtk_widget_activate_action (scholia_annotation_inspector_get_link_list (self->inspector), "links.add", NULL);
}

/* An unplaced annotation goes where the reader's selection is. */
static void
attach_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  ScholiaDocumentPage *self = user_data;
  ScholiaAnnotation *annotation = _scholia_document_page_lookup_annotation (self, g_variant_get_int64 (parameter));
  g_autoptr(GError) error = NULL;
  int start, end;

  if (self->editor == NULL || annotation == NULL)
    return;

  if (!get_selected_passage (self, &start, &end))
    {
      _scholia_document_page_add_message_toast (self, _("Select the passage to attach the annotation to"));
      return;
    }

  if (!scholia_editor_attach_annotation (self->editor, annotation, start, end, &error))
    {
      _scholia_document_page_add_message_toast (self, error->message);
      return;
    }

  _scholia_document_page_follow_annotation (self, annotation);
}

static void
delete_unplaced_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  _scholia_document_page_delete_unplaced (user_data);
}

static const GActionEntry doc_entries[] = {
  { "find", find_action },
  { "tag", apply_tag_action, "i" },
  { "toggle-pane", toggle_pane_action },
  { "show-inspector", show_inspector_action },
  { "previous-annotation", step_annotation_action },
  { "next-annotation", step_annotation_action },
  { "copy-citation", copy_citation_action },
  { "delete-unplaced", delete_unplaced_action },
  { "focus-text", focus_text_action },
  { "show-line-annotations", show_line_annotations_action },
};

static const GActionEntry annotation_entries[] = {
  { "add-theme", pick_theme_action },
  { "add-selection-to-theme", pick_theme_action },
  { "delete", delete_action },
  { "note", note_action },
  { "add-tag", add_tag_action, "x" },
  { "add-link", add_link_action },
  { "attach", attach_action, "x" },
};

void
_scholia_document_page_init_actions (ScholiaDocumentPage *self)
{
  GtkEventController *text_shortcuts = gtk_shortcut_controller_new ();

  self->doc_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->doc_actions), doc_entries,
                                   G_N_ELEMENTS (doc_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "doc", G_ACTION_GROUP (self->doc_actions));

  self->annotation_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->annotation_actions), annotation_entries,
                                   G_N_ELEMENTS (annotation_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "annotation",
                                  G_ACTION_GROUP (self->annotation_actions));

  /* In the text only: elsewhere Ctrl+Enter belongs to the focused field. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (text_shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("doc.show-line-annotations")));
  gtk_widget_add_controller (GTK_WIDGET (scholia_reading_view_get_source_view (self->reading_view)),
                             text_shortcuts);

  _scholia_document_page_update_actions (self);
}
