/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-annotation-inspector.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "scholia-focus-return.h"
#include "scholia-link-list.h"
#include "scholia-reply-thread.h"
#include "scholia-seminar-store.h"
#include "scholia-tag-chip.h"
#include "scholia-theme-picker.h"
#include "scholia-time-format.h"

/* Long enough that a burst of typing is one write, short enough that a note is on disk
 * before the user can reach for the close button. */
#define NOTE_SAVE_DELAY_MS 400

/* A quote longer than this many lines is cut, with a Show More toggle. Lines are estimated
 * from the text (about this many characters fit on a line of the sidebar): the label wraps
 * only once allocated, too late to decide whether the toggle should be there. */
#define QUOTE_MAX_LINES     8
#define QUOTE_CHARS_PER_LINE 42

struct _ScholiaAnnotationInspector
{
  GtkWidget           parent_instance;

  AdwToastOverlay    *toast_overlay;
  GtkLabel           *position_label;
  GtkStack           *content_stack;
  GtkLabel           *quote_label;
  GtkLabel           *author_label;
  GtkToggleButton    *show_more_button;
  GtkFlowBox         *tags_box;
  GtkMenuButton      *add_tag_button;
  GMenu              *add_tag_menu;
  GtkFlowBox         *themes_box;
  GtkMenuButton      *add_theme_button;
  ScholiaLinkList    *link_list;
  GtkTextView        *note_view;
  GtkWidget          *note_hint;
  GtkLabel           *created_label;
  GtkLabel           *modified_label;
  GtkWidget          *delete_button;
  ScholiaReplyThread *reply_thread;
  GtkWidget          *orphans_group;
  GtkListBox         *orphans_list;

  ScholiaEditor      *editor;
  /* The open document: its annotations, and the current one, which is the one shown. */
  ScholiaReading     *reading;
  ScholiaAnnotation  *annotation;
  /* The reading's unplaced annotations, whichever reading that is. */
  GtkFilterListModel *orphans;
  guint               presence_idle_id;
  /* In a seminar, the annotation shown is another participant's: theirs alone to change. */
  gboolean            read_only;

  GListModel         *palette;
  GListStore         *annotation_tags;
  GListModel         *themes;           /* the library's, to follow renames and recolouring */
  GListStore         *annotation_themes;
  ScholiaThemePicker *theme_picker;     /* the add_theme_button's popover */
  char               *quote_colour_class;
  GSettings          *settings;
  PangoAttrList      *quote_attributes;

  GtkTextBuffer      *note_buffer;
  /* The note as last loaded or saved: the buffer differs from it while the user is typing. */
  char               *saved_note;
  guint               note_timeout_id;
  gboolean            loading_note;
};

G_DEFINE_FINAL_TYPE (ScholiaAnnotationInspector, scholia_annotation_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_READING,
  PROP_ANNOTATION,
  N_PROPS
};

enum {
  REVEAL_ANNOTATION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_navigation (ScholiaAnnotationInspector *self);
static void show_annotation   (ScholiaAnnotationInspector *self,
                               ScholiaAnnotation          *annotation);

static ScholiaStore *
get_store (ScholiaAnnotationInspector *self)
{
  return self->editor != NULL ? scholia_editor_get_store (self->editor) : NULL;
}

static void
show_error (ScholiaAnnotationInspector *self,
            const GError               *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static char *
get_buffer_text (ScholiaAnnotationInspector *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->note_buffer, &start, &end);
  return gtk_text_buffer_get_text (self->note_buffer, &start, &end, FALSE);
}

/* The nearest placed annotation before (step -1) or after (step 1) the shown one in text
 * order; from no annotation, the last or the first. Orphans have no place to go to. */
static ScholiaAnnotation *
find_placed_neighbour (ScholiaAnnotationInspector *self,
                       int                         step)
{
  if (self->reading == NULL)
    return NULL;

  return step > 0 ? scholia_reading_get_next (self->reading, self->annotation)
                  : scholia_reading_get_previous (self->reading, self->annotation);
}

static ScholiaAnnotation *
lookup_annotation (ScholiaAnnotationInspector *self,
                   gint64                      id)
{
  return self->reading != NULL ? scholia_reading_lookup (self->reading, id) : NULL;
}

/* Note saving. */

static gboolean
save_note (ScholiaAnnotationInspector *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);

  if (self->annotation == NULL || self->editor == NULL)
    return TRUE;

  text = get_buffer_text (self);
  if (g_strcmp0 (text, self->saved_note) == 0)
    return TRUE;

  if (!scholia_editor_set_note (self->editor, self->annotation, text, &error))
    {
      show_error (self, error);
      return FALSE;
    }

  g_free (self->saved_note);
  self->saved_note = g_steal_pointer (&text);
  return TRUE;
}

static gboolean
on_note_timeout_cb (gpointer user_data)
{
  ScholiaAnnotationInspector *self = user_data;

  self->note_timeout_id = 0;
  save_note (self);

  return G_SOURCE_REMOVE;
}

static void
update_note_hint (ScholiaAnnotationInspector *self)
{
  gtk_widget_set_visible (self->note_hint, gtk_text_buffer_get_char_count (self->note_buffer) == 0);
}

static void
on_note_buffer_changed_cb (ScholiaAnnotationInspector *self)
{
  update_note_hint (self);

  if (self->loading_note || self->annotation == NULL)
    return;

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  self->note_timeout_id = g_timeout_add (NOTE_SAVE_DELAY_MS, on_note_timeout_cb, self);
}

static void
load_note (ScholiaAnnotationInspector *self)
{
  const char *note = self->annotation != NULL ? scholia_annotation_get_note (self->annotation) : "";

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  g_free (self->saved_note);
  self->saved_note = g_strdup (note);

  self->loading_note = TRUE;
  gtk_text_buffer_set_text (self->note_buffer, note, -1);
  self->loading_note = FALSE;
}

/* The note changed in the store: by our own save, or by undo, redo or another view. What the
 * user is typing wins; otherwise the text view follows. */
static void
on_annotation_note_changed_cb (ScholiaAnnotationInspector *self)
{
  const char *note = scholia_annotation_get_note (self->annotation);
  g_autofree char *text = get_buffer_text (self);

  if (g_str_equal (note, text))
    {
      g_free (self->saved_note);
      self->saved_note = g_steal_pointer (&text);
    }
  else if (g_strcmp0 (text, self->saved_note) == 0)
    load_note (self);
}

static void
on_note_focus_leave_cb (ScholiaAnnotationInspector *self)
{
  /* Leaving the note ends its undo step: the next visit's typing is undone separately. */
  save_note (self);
  if (self->editor != NULL)
    scholia_editor_close_group (self->editor);
}

/* Quote, tags and dates. */

static void
update_quote_length (ScholiaAnnotationInspector *self)
{
  gboolean expanded = gtk_toggle_button_get_active (self->show_more_button);

  gtk_label_set_lines (self->quote_label, expanded ? -1 : QUOTE_MAX_LINES);
  gtk_label_set_ellipsize (self->quote_label, expanded ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_button_set_label (GTK_BUTTON (self->show_more_button), expanded ? _("Show Less") : _("Show More"));
}

static void
on_show_more_button_notify_active_cb (ScholiaAnnotationInspector *self)
{
  update_quote_length (self);
}

static guint
estimate_lines (const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);
  guint lines = 0;

  for (guint i = 0; paragraphs[i] != NULL; i++)
    lines += MAX (1, (g_utf8_strlen (paragraphs[i], -1) + QUOTE_CHARS_PER_LINE - 1) / QUOTE_CHARS_PER_LINE);

  return lines;
}

static void
update_quote (ScholiaAnnotationInspector *self)
{
  const char *quote = self->annotation != NULL ? scholia_annotation_get_quote (self->annotation) : "";

  gtk_label_set_label (self->quote_label, quote);
  gtk_toggle_button_set_active (self->show_more_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->show_more_button), estimate_lines (quote) > QUOTE_MAX_LINES);
  update_quote_length (self);
}

static void
apply_reading_font (ScholiaAnnotationInspector *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "reading-font");
  PangoFontDescription *desc = pango_font_description_from_string (font);
  GtkListBoxRow *row;

  g_clear_pointer (&self->quote_attributes, pango_attr_list_unref);
  self->quote_attributes = pango_attr_list_new ();

  /* The reading font's face, at the sidebar's size. */
  pango_font_description_unset_fields (desc, PANGO_FONT_MASK_SIZE);
  pango_attr_list_insert (self->quote_attributes, pango_attr_font_desc_new (desc));
  pango_font_description_free (desc);

  gtk_label_set_attributes (self->quote_label, self->quote_attributes);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->orphans_list, i)) != NULL; i++)
    gtk_label_set_attributes (GTK_LABEL (gtk_widget_get_first_child (gtk_list_box_row_get_child (row))),
                              self->quote_attributes);
}

static void
set_quote_colour (ScholiaAnnotationInspector *self,
                  ScholiaLabel               *tag)
{
  g_autofree char *colour_class = NULL;

  if (tag != NULL)
    colour_class = scholia_tag_chip_colour_css_class (scholia_label_get_colour (tag));

  if (g_strcmp0 (colour_class, self->quote_colour_class) == 0)
    return;

  if (self->quote_colour_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->quote_label), self->quote_colour_class);
  g_free (self->quote_colour_class);
  self->quote_colour_class = g_steal_pointer (&colour_class);
  if (self->quote_colour_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->quote_label), self->quote_colour_class);
}

/* The shown annotation's tags (or themes) that the library still has, in its order; they
 * replace the contents of @chips, whose chips follow their labels from then on. */
static GPtrArray *
show_labels (ScholiaAnnotationInspector *self,
             GType                       label_type,
             GListStore                 *chips)
{
  GPtrArray *labels = g_ptr_array_new ();
  ScholiaStore *store = get_store (self);

  if (self->annotation != NULL && store != NULL)
    {
      const gint64 *ids;
      guint n_ids;

      ids = scholia_annotation_get_label_ids (self->annotation, label_type, &n_ids);
      for (guint i = 0; i < n_ids; i++)
        {
          ScholiaLabel *label = scholia_store_lookup_label (store, label_type, ids[i]);

          if (label != NULL)
            g_ptr_array_add (labels, label);
        }
    }

  g_list_store_splice (chips, 0, g_list_model_get_n_items (G_LIST_MODEL (chips)),
                       labels->pdata, labels->len);
  return labels;
}

static void
update_tags (ScholiaAnnotationInspector *self)
{
  g_autoptr(GPtrArray) tags = show_labels (self, SCHOLIA_TYPE_TAG, self->annotation_tags);
  guint n_palette;

  g_menu_remove_all (self->add_tag_menu);

  if (self->annotation != NULL && get_store (self) != NULL)
    {
      n_palette = self->palette != NULL ? g_list_model_get_n_items (self->palette) : 0;
      for (guint i = 0; i < n_palette; i++)
        {
          g_autoptr(ScholiaLabel) tag = g_list_model_get_item (self->palette, i);
          g_autoptr(GMenuItem) item = NULL;

          if (scholia_annotation_has_label (self->annotation, tag))
            continue;

          item = g_menu_item_new (scholia_label_get_display_name (tag), NULL);
          g_menu_item_set_action_and_target_value (item, "inspector.add-tag",
                                                   g_variant_new_int64 (scholia_label_get_id (tag)));
          g_menu_append_item (self->add_tag_menu, item);
        }
    }

  set_quote_colour (self, tags->len > 0 ? g_ptr_array_index (tags, 0) : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_tag_button),
                            !self->read_only && g_menu_model_get_n_items (G_MENU_MODEL (self->add_tag_menu)) > 0);
}

/* A renamed or recoloured tag changes the menu and the quote's border; a renamed, recoloured
 * or described theme, its chip. @update runs on any change of a tag (theme) of @labels. */
static void
watch_labels (ScholiaAnnotationInspector *self,
              GListModel                 *labels,
              guint                       position,
              guint                       added,
              GCallback                   update)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) label = g_list_model_get_item (labels, i);

      /* A label moved within its list comes back as added: watch it once. */
      g_signal_handlers_disconnect_by_data (label, self);
      g_signal_connect_object (label, "notify", update, self, G_CONNECT_SWAPPED);
    }
}

static void
unwatch_labels (ScholiaAnnotationInspector  *self,
                GListModel                 **labels)
{
  guint n;

  if (*labels == NULL)
    return;

  n = g_list_model_get_n_items (*labels);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) label = g_list_model_get_item (*labels, i);

      g_signal_handlers_disconnect_by_data (label, self);
    }
  g_signal_handlers_disconnect_by_data (*labels, self);
  g_clear_object (labels);
}

static void
on_palette_items_changed_cb (ScholiaAnnotationInspector *self,
                             guint                       position,
                             guint                       removed,
                             guint                       added)
{
  watch_labels (self, self->palette, position, added, G_CALLBACK (update_tags));
  update_tags (self);
}

/* Themes. */

static void
update_themes (ScholiaAnnotationInspector *self)
{
  g_autoptr(GPtrArray) themes = show_labels (self, SCHOLIA_TYPE_THEME, self->annotation_themes);

  gtk_widget_set_visible (GTK_WIDGET (self->themes_box), themes->len > 0);
}

static void
on_themes_items_changed_cb (ScholiaAnnotationInspector *self,
                            guint                       position,
                            guint                       removed,
                            guint                       added)
{
  watch_labels (self, self->themes, position, added, G_CALLBACK (update_themes));
  update_themes (self);
}

/* Tags and themes: chips in the label's colour, each with a button that takes the annotation
 * off the tag (out of the theme). */
static void
on_chip_remove_cb (ScholiaAnnotationInspector *self,
                   ScholiaTagChip             *chip)
{
  ScholiaLabel *label = scholia_tag_chip_get_label (chip);

  gtk_widget_activate_action (GTK_WIDGET (self),
                              SCHOLIA_IS_THEME (label) ? "inspector.remove-theme" : "inspector.remove-tag",
                              "x", scholia_label_get_id (label));
}

static GtkWidget *
create_label_chip (gpointer item,
                   gpointer user_data)
{
  ScholiaAnnotationInspector *self = user_data;
  GtkWidget *chip = scholia_tag_chip_new (SCHOLIA_LABEL (item));

  scholia_tag_chip_set_removable (SCHOLIA_TAG_CHIP (chip), !self->read_only);

  g_signal_connect_object (chip, "remove", G_CALLBACK (on_chip_remove_cb), self, G_CONNECT_SWAPPED);

  return chip;
}

static void
set_date_label (GtkLabel *label,
                gboolean  created,
                gint64    unix_time)
{
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (unix_time <= 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      return;
    }

  date = scholia_time_format (unix_time, SCHOLIA_TIME_DATE_TIME);
  if (created)
    /* Translators: %s is a date and time */
    text = g_strdup_printf (_("Created %s"), date);
  else
    /* Translators: %s is a date and time */
    text = g_strdup_printf (_("Modified %s"), date);
  gtk_label_set_label (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
update_dates (ScholiaAnnotationInspector *self)
{
  gint64 created = 0;
  gint64 modified = 0;

  if (self->annotation != NULL)
    {
      created = scholia_annotation_get_created (self->annotation);
      modified = scholia_annotation_get_modified (self->annotation);
    }

  set_date_label (self->created_label, TRUE, created);
  set_date_label (self->modified_label, FALSE, modified != created ? modified : 0);
}

/* In a seminar, another participant's annotation can only be read here: the store would
 * refuse any change, so the inspector offers none and says whose it is. */
static void
update_author (ScholiaAnnotationInspector *self)
{
  g_autoptr(ScholiaParticipant) author = NULL;
  g_autofree char *text = NULL;
  ScholiaStore *store = get_store (self);
  gint64 participant_id = self->annotation != NULL ? scholia_annotation_get_participant_id (self->annotation) : 0;

  if (participant_id != 0 && store != NULL)
    {
      g_autoptr(GError) error = NULL;

      author = scholia_store_get_participant (store, participant_id, &error);
      if (author == NULL)
        show_error (self, error);
    }

  self->read_only = author != NULL && !author->me;
  if (self->read_only)
    /* Translators: %s is the seminar participant who wrote the annotation shown */
    text = g_strdup_printf (_("Annotation by %s"), *author->name != '\0' ? author->name : _("another participant"));
  gtk_label_set_label (self->author_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->author_label), self->read_only);
  gtk_label_set_label (GTK_LABEL (self->note_hint), self->read_only ? _("No note") : _("Add a note…"));
}

/* The document's annotations. */

/* An annotation that left the list for good (deleted, or its annotate undone) is shown no
 * more. Checked when the main loop is idle: re-anchoring moves an annotation by removing and
 * inserting it again. */
static gboolean
check_presence_cb (gpointer user_data)
{
  ScholiaAnnotationInspector *self = user_data;

  self->presence_idle_id = 0;

  if (self->annotation != NULL &&
      lookup_annotation (self, scholia_annotation_get_id (self->annotation)) != self->annotation)
    {
      /* Nothing left to save the note to: what the buffer holds counts as saved. */
      g_clear_handle_id (&self->note_timeout_id, g_source_remove);
      g_free (self->saved_note);
      self->saved_note = get_buffer_text (self);
      scholia_annotation_inspector_set_annotation (self, NULL);
    }

  return G_SOURCE_REMOVE;
}

static void
on_annotations_items_changed_cb (ScholiaAnnotationInspector *self)
{
  update_navigation (self);

  if (self->presence_idle_id == 0)
    self->presence_idle_id = g_idle_add (check_presence_cb, self);
}

static void
on_orphans_items_changed_cb (ScholiaAnnotationInspector *self)
{
  gtk_widget_set_visible (self->orphans_group,
                          g_list_model_get_n_items (G_LIST_MODEL (self->orphans)) > 0);
}

static gboolean
transform_note_to_visible (GBinding     *binding,
                           const GValue *from_value,
                           GValue       *to_value,
                           gpointer      user_data)
{
  const char *note = g_value_get_string (from_value);

  g_value_set_boolean (to_value, note != NULL && note[0] != '\0');
  return TRUE;
}

/* Why it is unplaced: the text changed, or the file it came from does not match the essay. */
static GtkWidget *
create_unplaced_reason_label (ScholiaAnnotation *annotation)
{
  g_autofree char *reason = scholia_annotation_describe_unplaced (annotation);
  GtkWidget *label = gtk_label_new (reason);

  gtk_widget_set_name (label, "unplaced-reason");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
create_orphan_row (gpointer item,
                   gpointer user_data)
{
  ScholiaAnnotationInspector *self = user_data;
  ScholiaAnnotation *annotation = SCHOLIA_ANNOTATION (item);
  ScholiaStore *store = get_store (self);
  const gint64 *tag_ids;
  guint n_tag_ids;
  GVariant *target = g_variant_new_int64 (scholia_annotation_get_id (annotation));
  GtkWidget *box;
  GtkWidget *quote;
  GtkWidget *note;
  GtkWidget *buttons;
  GtkWidget *attach;
  GtkWidget *delete;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  quote = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (quote), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (quote), 3);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_widget_add_css_class (quote, "quote");
  gtk_label_set_attributes (GTK_LABEL (quote), self->quote_attributes);
  g_object_bind_property (annotation, "quote", quote, "label", G_BINDING_SYNC_CREATE);
  /* Coloured as its highlight would be, to tell orphans apart at a glance. */
  tag_ids = scholia_annotation_get_tag_ids (annotation, &n_tag_ids);
  if (n_tag_ids > 0 && store != NULL && scholia_store_lookup_label (store, SCHOLIA_TYPE_TAG, tag_ids[0]) != NULL)
    {
      g_autofree char *colour_class =
        scholia_tag_chip_colour_css_class (scholia_label_get_colour (scholia_store_lookup_label (store, SCHOLIA_TYPE_TAG, tag_ids[0])));

      if (colour_class != NULL)
        gtk_widget_add_css_class (quote, colour_class);
    }
  gtk_box_append (GTK_BOX (box), quote);
  gtk_box_append (GTK_BOX (box), create_unplaced_reason_label (annotation));

  note = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (note), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (note), 3);
  gtk_label_set_ellipsize (GTK_LABEL (note), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  g_object_bind_property (annotation, "note", note, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (annotation, "note", note, "visible", G_BINDING_SYNC_CREATE,
                               transform_note_to_visible, NULL, NULL, NULL);
  gtk_box_append (GTK_BOX (box), note);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), buttons);

  delete = gtk_button_new_with_mnemonic (_("_Delete"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "inspector.delete-annotation");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (delete), target);
  gtk_widget_set_tooltip_text (delete, _("Delete this unplaced annotation"));
  gtk_widget_add_css_class (delete, "flat");
  gtk_box_append (GTK_BOX (buttons), delete);

  attach = gtk_button_new_with_mnemonic (_("_Attach to Selection"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (attach), "inspector.attach");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (attach), target);
  gtk_widget_set_tooltip_text (attach, _("Place this annotation on the text selected in the essay"));
  gtk_box_append (GTK_BOX (buttons), attach);

  return box;
}

static void
on_orphans_list_row_activated_cb (ScholiaAnnotationInspector *self,
                                  GtkListBoxRow              *row)
{
  g_autoptr(ScholiaAnnotation) annotation =
    g_list_model_get_item (G_LIST_MODEL (self->orphans), gtk_list_box_row_get_index (row));

  /* An orphan has nowhere to scroll to, but its note and tags can still be edited here. */
  scholia_annotation_inspector_set_annotation (self, annotation);
}

/* Navigation and actions. */

static void
update_navigation (ScholiaAnnotationInspector *self)
{
  g_autofree char *position_text = NULL;
  guint placed = self->reading != NULL ? scholia_reading_get_n_placed (self->reading) : 0;
  guint index = 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.previous",
                                 find_placed_neighbour (self, -1) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.next",
                                 find_placed_neighbour (self, 1) != NULL);

  if (self->annotation != NULL && self->reading != NULL &&
      scholia_reading_get_placed_index (self->reading, self->annotation, &index))
    index++;

  if (index > 0)
    /* Translators: which annotation of the essay is shown, as in "2 of 5" */
    position_text = g_strdup_printf (_("%u of %u"), index, placed);
  gtk_label_set_label (self->position_label, position_text != NULL ? position_text : "");
}

static void
go_to (ScholiaAnnotationInspector *self,
       int                         step)
{
  ScholiaAnnotation *target = find_placed_neighbour (self, step);

  if (target == NULL)
    return;

  scholia_annotation_inspector_set_annotation (self, target);
  g_signal_emit (self, signals[REVEAL_ANNOTATION], 0, target);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  go_to (SCHOLIA_ANNOTATION_INSPECTOR (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  go_to (SCHOLIA_ANNOTATION_INSPECTOR (widget), 1);
}

/* Adds (add) or removes the tag or theme of type @label_type whose id is @parameter. */
static void
change_label (ScholiaAnnotationInspector *self,
              GType                       label_type,
              GVariant                   *parameter,
              gboolean                    add)
{
  g_autoptr(GError) error = NULL;
  ScholiaStore *store = get_store (self);
  ScholiaLabel *label;
  gboolean ok;

  if (self->annotation == NULL || store == NULL)
    return;

  label = scholia_store_lookup_label (store, label_type, g_variant_get_int64 (parameter));
  if (label == NULL)
    return;

  if (add)
    ok = scholia_editor_add_label (self->editor, self->annotation, label, &error);
  else
    ok = scholia_editor_remove_label (self->editor, self->annotation, label, &error);
  if (!ok)
    show_error (self, error);
}

static void
remove_theme_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  change_label (SCHOLIA_ANNOTATION_INSPECTOR (widget), SCHOLIA_TYPE_THEME, parameter, FALSE);
}

/* The picker is made as it first opens: it lists every theme of the library (200 in a large one),
 * 3 % of the processor time before a large library's first frame when it was made with the
 * inspector. The menu button owns it. */
static void
ensure_theme_picker (ScholiaAnnotationInspector *self)
{
  if (self->theme_picker != NULL || self->editor == NULL)
    return;

  gtk_menu_button_set_create_popup_func (self->add_theme_button, NULL, NULL, NULL);
  self->theme_picker = SCHOLIA_THEME_PICKER (scholia_theme_picker_new (self->editor));
  scholia_theme_picker_set_annotation (self->theme_picker, self->annotation);
  gtk_menu_button_set_popover (self->add_theme_button, GTK_WIDGET (self->theme_picker));
}

static void
create_theme_picker_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  ensure_theme_picker (SCHOLIA_ANNOTATION_INSPECTOR (user_data));
}

static void
pick_theme_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ScholiaAnnotationInspector *self = SCHOLIA_ANNOTATION_INSPECTOR (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  ensure_theme_picker (self);
  /* Opened from the text (Ctrl+T), the picker gives the focus back to it when it closes. */
  if (self->theme_picker != NULL)
    scholia_focus_return_when_closed (GTK_WIDGET (self->theme_picker),
                                      focus != NULL && !gtk_widget_is_ancestor (focus, widget) ? focus : NULL);
  gtk_menu_button_popup (self->add_theme_button);
}

static void
add_tag_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  change_label (SCHOLIA_ANNOTATION_INSPECTOR (widget), SCHOLIA_TYPE_TAG, parameter, TRUE);
}

static void
remove_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  change_label (SCHOLIA_ANNOTATION_INSPECTOR (widget), SCHOLIA_TYPE_TAG, parameter, FALSE);
}

static void
delete_annotation (ScholiaAnnotationInspector *self,
                   ScholiaAnnotation          *annotation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) doomed = g_object_ref (annotation);
  ScholiaAnnotation *successor = NULL;
  gboolean shown = annotation == self->annotation;

  if (self->editor == NULL)
    return;

  /* The note as typed goes with it, so that undo brings it back whole. */
  save_note (self);
  scholia_editor_close_group (self->editor);

  if (shown && !scholia_annotation_get_orphaned (annotation))
    {
      successor = find_placed_neighbour (self, 1);
      if (successor == NULL)
        successor = find_placed_neighbour (self, -1);
    }

  if (!scholia_editor_delete_annotation (self->editor, doomed, &error))
    {
      show_error (self, error);
      return;
    }

  if (!shown)
    return;

  scholia_annotation_inspector_set_annotation (self, successor);
  if (successor != NULL)
    g_signal_emit (self, signals[REVEAL_ANNOTATION], 0, successor);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScholiaAnnotationInspector *self = SCHOLIA_ANNOTATION_INSPECTOR (widget);

  if (self->annotation != NULL)
    delete_annotation (self, self->annotation);
}

static void
delete_annotation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ScholiaAnnotationInspector *self = SCHOLIA_ANNOTATION_INSPECTOR (widget);
  ScholiaAnnotation *annotation = lookup_annotation (self, g_variant_get_int64 (parameter));

  if (annotation != NULL)
    delete_annotation (self, annotation);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScholiaAnnotationInspector *self = SCHOLIA_ANNOTATION_INSPECTOR (widget);
  ScholiaAnnotation *annotation = lookup_annotation (self, g_variant_get_int64 (parameter));

  /* Attaching needs the reader's selection, which the page holding the inspector has. */
  if (annotation != NULL)
    gtk_widget_activate_action (widget, "annotation.attach", "x", scholia_annotation_get_id (annotation));
}

static void
edit_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ScholiaAnnotationInspector *self = SCHOLIA_ANNOTATION_INSPECTOR (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

static void
update_actions (ScholiaAnnotationInspector *self)
{
  gboolean shown = self->annotation != NULL && self->editor != NULL;
  gboolean editable = shown && !self->read_only;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.delete", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.add-tag", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.remove-tag", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.remove-theme", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.pick-theme", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.edit-note", editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_theme_button), editable);
  /* Another's note stays readable: not greyed out, only closed to typing. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_view), shown);
  gtk_text_view_set_editable (self->note_view, !self->read_only);
  gtk_text_view_set_cursor_visible (self->note_view, !self->read_only);
  gtk_widget_set_visible (self->delete_button, !self->read_only);
  update_navigation (self);
}

/* Lifecycle. */

static void
scholia_annotation_inspector_unmap (GtkWidget *widget)
{
  ScholiaAnnotationInspector *self = SCHOLIA_ANNOTATION_INSPECTOR (widget);

  scholia_annotation_inspector_flush (self);

  GTK_WIDGET_CLASS (scholia_annotation_inspector_parent_class)->unmap (widget);
}

static void
scholia_annotation_inspector_dispose (GObject *object)
{
  ScholiaAnnotationInspector *self = SCHOLIA_ANNOTATION_INSPECTOR (object);

  /* Last chance for a note typed just before the window went away. */
  if (self->annotation != NULL)
    {
      save_note (self);
      g_signal_handlers_disconnect_by_data (self->annotation, self);
      g_clear_object (&self->annotation);
    }
  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  g_clear_handle_id (&self->presence_idle_id, g_source_remove);

  if (self->reading != NULL)
    {
      g_signal_handlers_disconnect_by_data (scholia_reading_get_annotations (self->reading), self);
      g_signal_handlers_disconnect_by_data (self->reading, self);
      g_clear_object (&self->reading);
    }
  unwatch_labels (self, &self->palette);
  unwatch_labels (self, &self->themes);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_ANNOTATION_INSPECTOR);
  /* It went with the menu button that owned it. */
  self->theme_picker = NULL;

  g_clear_object (&self->orphans);
  g_clear_object (&self->annotation_tags);
  g_clear_object (&self->annotation_themes);
  g_clear_object (&self->settings);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (scholia_annotation_inspector_parent_class)->dispose (object);
}

static void
scholia_annotation_inspector_finalize (GObject *object)
{
  ScholiaAnnotationInspector *self = SCHOLIA_ANNOTATION_INSPECTOR (object);

  g_free (self->saved_note);
  g_free (self->quote_colour_class);
  g_clear_pointer (&self->quote_attributes, pango_attr_list_unref);

  G_OBJECT_CLASS (scholia_annotation_inspector_parent_class)->finalize (object);
}

static void
scholia_annotation_inspector_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  ScholiaAnnotationInspector *self = SCHOLIA_ANNOTATION_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;

    case PROP_READING:
      g_value_set_object (value, self->reading);
      break;

    case PROP_ANNOTATION:
      g_value_set_object (value, self->annotation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_annotation_inspector_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  ScholiaAnnotationInspector *self = SCHOLIA_ANNOTATION_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      scholia_annotation_inspector_set_editor (self, g_value_get_object (value));
      break;

    case PROP_READING:
      scholia_annotation_inspector_set_reading (self, g_value_get_object (value));
      break;

    case PROP_ANNOTATION:
      scholia_annotation_inspector_set_annotation (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_annotation_inspector_class_init (ScholiaAnnotationInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = scholia_annotation_inspector_dispose;
  object_class->finalize = scholia_annotation_inspector_finalize;
  object_class->get_property = scholia_annotation_inspector_get_property;
  object_class->set_property = scholia_annotation_inspector_set_property;
  widget_class->unmap = scholia_annotation_inspector_unmap;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SCHOLIA_TYPE_EDITOR, flags);
  properties[PROP_READING] =
    g_param_spec_object ("reading", NULL, NULL, SCHOLIA_TYPE_READING, flags);
  properties[PROP_ANNOTATION] =
    g_param_spec_object ("annotation", NULL, NULL, SCHOLIA_TYPE_ANNOTATION, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user moved to another annotation: the reading view should scroll to it and select it. */
  signals[REVEAL_ANNOTATION] =
    g_signal_new ("reveal-annotation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SCHOLIA_TYPE_ANNOTATION);
  /* The user wants an unplaced annotation on the text selected in the reading view, which
   * only the window knows. */
  gtk_widget_class_install_action (widget_class, "inspector.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "inspector.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "inspector.add-tag", "x", add_tag_action);
  gtk_widget_class_install_action (widget_class, "inspector.remove-tag", "x", remove_tag_action);
  gtk_widget_class_install_action (widget_class, "inspector.remove-theme", "x", remove_theme_action);
  gtk_widget_class_install_action (widget_class, "inspector.pick-theme", NULL, pick_theme_action);
  gtk_widget_class_install_action (widget_class, "inspector.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "inspector.delete-annotation", "x",
                                   delete_annotation_action);
  gtk_widget_class_install_action (widget_class, "inspector.attach", "x", attach_action);
  gtk_widget_class_install_action (widget_class, "inspector.edit-note", NULL, edit_note_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "inspector.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "inspector.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, GDK_CONTROL_MASK,
                                       "inspector.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, GDK_CONTROL_MASK,
                                       "inspector.next", NULL);

  g_type_ensure (SCHOLIA_TYPE_TAG_CHIP);
  g_type_ensure (SCHOLIA_TYPE_REPLY_THREAD);
  g_type_ensure (SCHOLIA_TYPE_LINK_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-annotation-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, position_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, quote_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, author_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, delete_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, reply_thread);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, show_more_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, tags_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, add_tag_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, add_tag_menu);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, themes_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, add_theme_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, link_list);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, note_view);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, note_hint);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, created_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, modified_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, orphans_group);
  gtk_widget_class_bind_template_child (widget_class, ScholiaAnnotationInspector, orphans_list);
  /* Not used by the code, named for the tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "previous_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "next_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_show_more_button_notify_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_orphans_list_row_activated_cb);

  gtk_widget_class_set_css_name (widget_class, "scholiaannotationinspector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
scholia_annotation_inspector_init (ScholiaAnnotationInspector *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_tag_chip_ensure_style ();

  self->annotation_tags = g_list_store_new (SCHOLIA_TYPE_TAG);
  gtk_flow_box_bind_model (self->tags_box, G_LIST_MODEL (self->annotation_tags),
                           create_label_chip, self, NULL);
  self->annotation_themes = g_list_store_new (SCHOLIA_TYPE_THEME);
  gtk_flow_box_bind_model (self->themes_box, G_LIST_MODEL (self->annotation_themes),
                           create_label_chip, self, NULL);

  self->orphans = gtk_filter_list_model_new (NULL, NULL);
  g_signal_connect_object (self->orphans, "items-changed",
                           G_CALLBACK (on_orphans_items_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->orphans_list, G_LIST_MODEL (self->orphans),
                           create_orphan_row, self, NULL);

  self->note_buffer = gtk_text_view_get_buffer (self->note_view);
  g_signal_connect_object (self->note_buffer, "changed",
                           G_CALLBACK (on_note_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_note_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), focus);

  /* The quote reads in the essay's face. Without the schema (a test, an uninstalled build)
   * the label keeps the interface font. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      g_signal_connect_object (self->settings, "changed::reading-font",
                               G_CALLBACK (apply_reading_font), self, G_CONNECT_SWAPPED);
      apply_reading_font (self);
    }

  update_note_hint (self);
  update_actions (self);
}

ScholiaAnnotationInspector *
scholia_annotation_inspector_new (void)
{
  return g_object_new (SCHOLIA_TYPE_ANNOTATION_INSPECTOR, NULL);
}

ScholiaEditor *
scholia_annotation_inspector_get_editor (ScholiaAnnotationInspector *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_INSPECTOR (self), NULL);

  return self->editor;
}

void
scholia_annotation_inspector_set_editor (ScholiaAnnotationInspector *self,
                                         ScholiaEditor              *editor)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION_INSPECTOR (self));
  g_return_if_fail (editor == NULL || SCHOLIA_IS_EDITOR (editor));

  if (self->editor == editor)
    return;

  scholia_annotation_inspector_flush (self);

  unwatch_labels (self, &self->palette);
  unwatch_labels (self, &self->themes);
  gtk_menu_button_set_create_popup_func (self->add_theme_button, NULL, NULL, NULL);
  gtk_menu_button_set_popover (self->add_theme_button, NULL);
  self->theme_picker = NULL;

  g_set_object (&self->editor, editor);

  if (editor != NULL)
    {
      ScholiaStore *store = scholia_editor_get_store (editor);

      self->palette = g_object_ref (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG));
      g_signal_connect_object (self->palette, "items-changed",
                               G_CALLBACK (on_palette_items_changed_cb), self, G_CONNECT_SWAPPED);
      watch_labels (self, self->palette, 0, g_list_model_get_n_items (self->palette),
                    G_CALLBACK (update_tags));

      self->themes = g_object_ref (scholia_store_get_labels (store, SCHOLIA_TYPE_THEME));
      g_signal_connect_object (self->themes, "items-changed",
                               G_CALLBACK (on_themes_items_changed_cb), self, G_CONNECT_SWAPPED);
      watch_labels (self, self->themes, 0, g_list_model_get_n_items (self->themes),
                    G_CALLBACK (update_themes));

      gtk_menu_button_set_create_popup_func (self->add_theme_button, create_theme_picker_cb,
                                             self, NULL);
    }

  update_author (self);
  update_tags (self);
  update_themes (self);
  update_actions (self);
  scholia_reply_thread_set_annotation (self->reply_thread, get_store (self), self->annotation);
  scholia_link_list_set_editor (self->link_list, editor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

ScholiaReading *
scholia_annotation_inspector_get_reading (ScholiaAnnotationInspector *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_INSPECTOR (self), NULL);

  return self->reading;
}

static void
on_reading_current_changed_cb (ScholiaAnnotationInspector *self)
{
  show_annotation (self, scholia_reading_get_current (self->reading));
}

/**
 * scholia_annotation_inspector_set_reading:
 * @self: an inspector
 * @reading: (nullable): the open document
 *
 * Shows @reading's current annotation, follows it as it changes, and steps through
 * @reading's placed annotations.
 */
void
scholia_annotation_inspector_set_reading (ScholiaAnnotationInspector *self,
                                          ScholiaReading             *reading)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION_INSPECTOR (self));
  g_return_if_fail (reading == NULL || SCHOLIA_IS_READING (reading));

  if (self->reading == reading)
    return;

  if (self->reading != NULL)
    {
      g_signal_handlers_disconnect_by_data (scholia_reading_get_annotations (self->reading), self);
      g_signal_handlers_disconnect_by_data (self->reading, self);
    }
  g_set_object (&self->reading, reading);

  if (reading != NULL)
    {
      g_signal_connect_object (reading, "notify::current",
                               G_CALLBACK (on_reading_current_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (reading, "changed", G_CALLBACK (update_navigation), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (scholia_reading_get_annotations (reading), "items-changed",
                               G_CALLBACK (on_annotations_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_filter_list_model_set_model (self->orphans,
                                   reading != NULL ? scholia_reading_get_unplaced (reading) : NULL);
  show_annotation (self, reading != NULL ? scholia_reading_get_current (reading) : NULL);
  update_navigation (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READING]);
}

ScholiaAnnotation *
scholia_annotation_inspector_get_annotation (ScholiaAnnotationInspector *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_INSPECTOR (self), NULL);

  return self->annotation;
}

/* Shows @annotation, which is the reading's current one. */
static void
show_annotation (ScholiaAnnotationInspector *self,
                 ScholiaAnnotation          *annotation)
{
  if (self->annotation == annotation)
    return;

  /* What was typed belongs to the annotation it was typed for, and is its own undo step. */
  scholia_annotation_inspector_flush (self);

  if (self->annotation != NULL)
    g_signal_handlers_disconnect_by_data (self->annotation, self);
  g_set_object (&self->annotation, annotation);

  if (annotation != NULL)
    {
      g_signal_connect_object (annotation, "notify::quote", G_CALLBACK (update_quote), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (annotation, "notify::note",
                               G_CALLBACK (on_annotation_note_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (annotation, "notify::tag-ids", G_CALLBACK (update_tags), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (annotation, "notify::theme-ids", G_CALLBACK (update_themes), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (annotation, "notify::created", G_CALLBACK (update_dates), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (annotation, "notify::modified", G_CALLBACK (update_dates), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_stack_set_visible_child_name (self->content_stack, annotation != NULL ? "annotation" : "empty");
  if (self->theme_picker != NULL)
    scholia_theme_picker_set_annotation (self->theme_picker, annotation);

  update_author (self);
  update_quote (self);
  update_tags (self);
  update_themes (self);
  load_note (self);
  update_dates (self);
  update_actions (self);
  scholia_reply_thread_set_annotation (self->reply_thread, get_store (self), annotation);
  scholia_link_list_set_annotation (self->link_list, annotation);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION]);
}

/**
 * scholia_annotation_inspector_set_annotation:
 * @self: an inspector
 * @annotation: (nullable): an annotation of the reading's document
 *
 * Makes @annotation the reading's current annotation, and so the one shown.
 */
void
scholia_annotation_inspector_set_annotation (ScholiaAnnotationInspector *self,
                                             ScholiaAnnotation          *annotation)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION_INSPECTOR (self));
  g_return_if_fail (annotation == NULL || SCHOLIA_IS_ANNOTATION (annotation));

  if (self->reading != NULL)
    scholia_reading_set_current (self->reading, annotation);
  else
    show_annotation (self, annotation);
}

void
scholia_annotation_inspector_flush (ScholiaAnnotationInspector *self)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION_INSPECTOR (self));

  save_note (self);
  if (self->editor != NULL)
    scholia_editor_close_group (self->editor);
}

/* The Links section, whose "link-activated" and "pick-requested" the window follows. */
GtkWidget *
scholia_annotation_inspector_get_link_list (ScholiaAnnotationInspector *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_INSPECTOR (self), NULL);

  return GTK_WIDGET (self->link_list);
}
