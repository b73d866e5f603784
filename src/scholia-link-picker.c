/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-link-picker.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scholia-accessible.h"
#include "scholia-passage.h"
#include "scholia-store-links.h"

/* What a row shows of a quote before it is cut. */
#define QUOTE_MAX_CHARS 160

struct _ScholiaLinkPicker
{
  AdwWindow           parent_instance;

  ScholiaEditor      *editor;
  ScholiaAnnotation  *source;

  GtkLabel           *source_label;
  GtkDropDown        *type_drop_down;
  GPtrArray          *types;          /* char *, one per entry of the drop down; NULL: "New type…" */
  GtkEntry           *new_type_entry;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkLabel           *error_label;

  GListStore         *all_passages;   /* ScholiaPassage: every annotation but the source */
  GtkFilterListModel *passages;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;
  char               *search;         /* case folded */
};

G_DEFINE_FINAL_TYPE (ScholiaLinkPicker, scholia_link_picker, ADW_TYPE_WINDOW)

enum {
  PICK_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ScholiaLinkPicker *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
contains_folded (const char *text,
                 const char *folded_needle)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);

  return strstr (folded, folded_needle) != NULL;
}

static gboolean
match_passage (gpointer item,
               gpointer user_data)
{
  ScholiaLinkPicker *self = user_data;
  ScholiaPassage *passage = item;

  if (self->search == NULL || *self->search == '\0')
    return TRUE;

  return contains_folded (scholia_passage_get_quote (passage), self->search) ||
         contains_folded (scholia_passage_get_author (passage), self->search) ||
         contains_folded (scholia_passage_get_title (passage), self->search);
}

/* Every annotation of the library but the source, essay by essay. */
static void
load_passages (ScholiaLinkPicker *self)
{
  ScholiaStore *store = scholia_editor_get_store (self->editor);
  GListModel *documents = scholia_store_get_documents (store);
  guint n_documents = g_list_model_get_n_items (documents);
  gint64 source_id = scholia_annotation_get_id (self->source);

  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) annotations = scholia_store_list_annotations (store, document, &error);
      guint n;

      if (annotations == NULL)
        {
          show_error (self, error->message);
          continue;
        }

      n = g_list_model_get_n_items (annotations);
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, j);
          g_autoptr(ScholiaPassage) passage = NULL;
          ScholiaPassageInfo info = {
            .annotation_id = scholia_annotation_get_id (annotation),
            .document_id = scholia_document_get_id (document),
            .start = scholia_annotation_get_start (annotation),
            .end = scholia_annotation_get_end (annotation),
            .quote = scholia_annotation_get_quote (annotation),
            .note = scholia_annotation_get_note (annotation),
            .title = scholia_document_get_title (document),
            .date = "",
            .author = scholia_document_get_author (document),
            .author_sort_key = "",
            .page = "",
          };

          if (info.annotation_id == source_id)
            continue;
          passage = scholia_passage_new (&info, NULL, 0);
          g_list_store_append (self->all_passages, passage);
        }
    }
}

static void
show_source (ScholiaLinkPicker *self)
{
  /* Translators: the passage a link starts from, in quotes, above the link's type */
  g_autofree char *quoted = g_strdup_printf (_("“%s”"), scholia_annotation_get_quote (self->source));

  gtk_label_set_label (self->source_label, quoted);
}

static void
load_types (ScholiaLinkPicker *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) used = scholia_store_list_link_types (scholia_editor_get_store (self->editor), &error);
  const char * const *builtin = scholia_link_builtin_types ();

  for (guint i = 0; builtin[i] != NULL; i++)
    g_ptr_array_add (self->types, g_strdup (builtin[i]));
  for (guint i = 0; used != NULL && used[i] != NULL; i++)
    g_ptr_array_add (self->types, g_strdup (used[i]));
  if (used == NULL)
    show_error (self, error->message);

  for (guint i = 0; i < self->types->len; i++)
    {
      g_autofree char *label = scholia_link_type_get_label (g_ptr_array_index (self->types, i));

      gtk_string_list_append (labels, label);
    }
  g_ptr_array_add (self->types, NULL);
  gtk_string_list_append (labels, _("New Type…"));

  gtk_drop_down_set_model (self->type_drop_down, G_LIST_MODEL (labels));
}

static void
on_type_selected_cb (ScholiaLinkPicker *self)
{
  guint selected = gtk_drop_down_get_selected (self->type_drop_down);
  gboolean new_type = selected < self->types->len && g_ptr_array_index (self->types, selected) == NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->new_type_entry), new_type);
  if (new_type)
    gtk_widget_grab_focus (GTK_WIDGET (self->new_type_entry));
}

static void
on_search_changed_cb (ScholiaLinkPicker *self)
{
  g_free (self->search);
  self->search = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Enter in the search links to the passage selected, the first match unless the user moved. */
static void
on_search_activate_cb (ScholiaLinkPicker *self)
{
  guint position;

  /* Enter may come before the entry's delayed "search-changed". */
  on_search_changed_cb (self);
  position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    scholia_link_picker_link (self, position);
}

static void
on_list_activate_cb (ScholiaLinkPicker *self,
                     guint              position)
{
  scholia_link_picker_link (self, position);
}

static void
on_link_clicked_cb (ScholiaLinkPicker *self)
{
  on_search_activate_cb (self);
}

static void
on_pick_clicked_cb (ScholiaLinkPicker *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *type = scholia_link_picker_dup_type (self, &error);

  if (type == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[PICK_REQUESTED], 0, type);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *quote = gtk_label_new (NULL);
  GtkWidget *source = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (quote), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (quote), 2);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_xalign (GTK_LABEL (source), 0);
  gtk_label_set_ellipsize (GTK_LABEL (source), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (source, "dim-label");
  gtk_widget_add_css_class (source, "caption");
  gtk_box_append (GTK_BOX (box), quote);
  gtk_box_append (GTK_BOX (box), source);
  gtk_list_item_set_child (list_item, box);
}

/* "Author, Title", or the title alone. */
static char *
describe_source (const char *author,
                 const char *title)
{
  if (author == NULL || *author == '\0')
    return g_strdup (title);
  /* Translators: an essay as a link names it: its author, then its title */
  return g_strdup_printf (_("%s, %s"), author, title);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  ScholiaPassage *passage = gtk_list_item_get_item (list_item);
  GtkWidget *quote = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *source = gtk_widget_get_next_sibling (quote);
  g_autofree char *where = describe_source (scholia_passage_get_author (passage),
                                            scholia_passage_get_title (passage));
  const char *text = scholia_passage_get_quote (passage);
  /* g_utf8_substring() reads past the end of a shorter string (GLib 2.74). */
  g_autofree char *cut = g_utf8_strlen (text, -1) > QUOTE_MAX_CHARS ? g_utf8_substring (text, 0, QUOTE_MAX_CHARS)
                                                                     : g_strdup (text);
  g_autofree char *accessible = NULL;

  gtk_label_set_label (GTK_LABEL (quote), cut);
  gtk_label_set_label (GTK_LABEL (source), where);
  /* Translators: a passage the link picker lists: its quote, then its author and essay */
  accessible = g_strdup_printf (_("“%s” — %s"), cut, where);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (list_item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static GtkWidget *
add_heading (GtkBox     *box,
             const char *text,
             GtkWidget  *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_widget);
  gtk_box_append (box, label);
  return label;
}

static void
build_content (ScholiaLinkPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  /* Translators: the button that links the two passages (a verb) */
  GtkWidget *link = gtk_button_new_with_mnemonic (C_("verb", "_Link"));
  GtkWidget *pick = gtk_button_new_with_mnemonic (_("_Pick in the Annotation List or Compare Sidebar"));
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  gtk_widget_add_css_class (link, "suggested-action");
  g_signal_connect_object (link, "clicked", G_CALLBACK (on_link_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), link);
  gtk_box_append (GTK_BOX (toolbar), header);

  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 12);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (toolbar), body);

  /* Which passage "this passage" is. */
  self->source_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->source_label, TRUE);
  gtk_label_set_wrap_mode (self->source_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->source_label, 2);
  gtk_label_set_ellipsize (self->source_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->source_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->source_label), "dim-label");

  self->type_drop_down = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_name (GTK_WIDGET (self->type_drop_down), "link-type");
  gtk_widget_set_halign (GTK_WIDGET (self->type_drop_down), GTK_ALIGN_START);
  add_heading (GTK_BOX (body), _("_This passage"), GTK_WIDGET (self->type_drop_down));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->source_label));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->type_drop_down));

  self->new_type_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->new_type_entry, _("Name of the new type, as “paraphrases”"));
  gtk_entry_set_max_length (self->new_type_entry, SCHOLIA_LINK_TYPE_MAX_LENGTH);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_type_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Link Type"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->new_type_entry), FALSE);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->new_type_entry));

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Search quotes, authors and titles"), NULL);
  gtk_widget_set_margin_top (add_heading (GTK_BOX (body), _("_The other passage"),
                                          GTK_WIDGET (self->search_entry)), 12);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->search_entry));
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (on_search_activate_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                      g_steal_pointer (&factory)));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Passages of the Library"), -1);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_list_activate_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_box_append (GTK_BOX (body), frame);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->error_label));

  gtk_widget_set_halign (pick, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (pick, _("Close this and choose the other passage where you read it"));
  g_signal_connect_object (pick, "clicked", G_CALLBACK (on_pick_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (body), pick);

  /* Down from the search goes to the list, as in every search dialog. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  adw_window_set_content (ADW_WINDOW (self), toolbar);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->type_drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Link Type"), -1);
  scholia_accessible_name_inner_button (GTK_WIDGET (self->type_drop_down));
  scholia_accessible_fix_mnemonic_labels (GTK_WIDGET (self));
}

static void
scholia_link_picker_dispose (GObject *object)
{
  ScholiaLinkPicker *self = SCHOLIA_LINK_PICKER (object);

  g_clear_object (&self->editor);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (scholia_link_picker_parent_class)->dispose (object);
}

static void
scholia_link_picker_finalize (GObject *object)
{
  ScholiaLinkPicker *self = SCHOLIA_LINK_PICKER (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->all_passages);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  g_free (self->search);

  G_OBJECT_CLASS (scholia_link_picker_parent_class)->finalize (object);
}

static void
scholia_link_picker_class_init (ScholiaLinkPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scholia_link_picker_dispose;
  object_class->finalize = scholia_link_picker_finalize;

  signals[PICK_REQUESTED] =
    g_signal_new ("pick-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
scholia_link_picker_init (ScholiaLinkPicker *self)
{
  self->types = g_ptr_array_new_with_free_func (g_free);
  self->all_passages = g_list_store_new (SCHOLIA_TYPE_PASSAGE);
  self->filter = gtk_custom_filter_new (match_passage, self, NULL);
  self->passages = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->all_passages)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->passages));

  gtk_window_set_title (GTK_WINDOW (self), _("Link Passages"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 560);
  build_content (self);
  g_signal_connect_object (self->type_drop_down, "notify::selected", G_CALLBACK (on_type_selected_cb),
                           self, G_CONNECT_SWAPPED);
}

ScholiaLinkPicker *
scholia_link_picker_new (ScholiaEditor     *editor,
                         ScholiaAnnotation *source)
{
  ScholiaLinkPicker *self;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (source), NULL);

  self = g_object_new (SCHOLIA_TYPE_LINK_PICKER, NULL);
  self->editor = g_object_ref (editor);
  self->source = g_object_ref (source);
  show_source (self);
  load_types (self);
  load_passages (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}

char *
scholia_link_picker_dup_type (ScholiaLinkPicker  *self,
                              GError            **error)
{
  guint selected;
  const char *type;

  g_return_val_if_fail (SCHOLIA_IS_LINK_PICKER (self), NULL);

  selected = gtk_drop_down_get_selected (self->type_drop_down);
  type = selected < self->types->len ? g_ptr_array_index (self->types, selected) : NULL;
  if (type == NULL)
    type = gtk_editable_get_text (GTK_EDITABLE (self->new_type_entry));
  return scholia_link_type_normalize (type, error);
}

GListModel *
scholia_link_picker_get_passages (ScholiaLinkPicker *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LINK_PICKER (self), NULL);

  return G_LIST_MODEL (self->passages);
}

void
scholia_link_picker_set_search (ScholiaLinkPicker *self,
                                const char        *text)
{
  g_return_if_fail (SCHOLIA_IS_LINK_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* The entry reports a change only after a delay, for typing: apply it now. */
  on_search_changed_cb (self);
}

/* @type: a type id or a user type's name; one not offered selects "New Type…" with it. */
void
scholia_link_picker_select_type (ScholiaLinkPicker *self,
                                 const char        *type)
{
  g_return_if_fail (SCHOLIA_IS_LINK_PICKER (self));

  for (guint i = 0; i < self->types->len; i++)
    {
      const char *offered = g_ptr_array_index (self->types, i);

      if (offered == NULL)
        {
          gtk_drop_down_set_selected (self->type_drop_down, i);
          gtk_editable_set_text (GTK_EDITABLE (self->new_type_entry), type);
          return;
        }
      if (g_utf8_collate (offered, type) == 0)
        {
          gtk_drop_down_set_selected (self->type_drop_down, i);
          return;
        }
    }
}

gboolean
scholia_link_picker_link (ScholiaLinkPicker *self,
                          guint              position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaPassage) target = NULL;
  g_autoptr(ScholiaLink) link = NULL;
  g_autofree char *type = NULL;

  g_return_val_if_fail (SCHOLIA_IS_LINK_PICKER (self), FALSE);

  target = g_list_model_get_item (G_LIST_MODEL (self->passages), position);
  if (target == NULL)
    return FALSE;

  type = scholia_link_picker_dup_type (self, &error);
  if (type != NULL)
    link = scholia_editor_link_passages (self->editor, scholia_annotation_get_id (self->source),
                                         scholia_passage_get_annotation_id (target), type, &error);
  if (link == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
