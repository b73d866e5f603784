/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scholia-colour-palette.h"
#include "scholia-text-check.h"
#include "scholia-accessible.h"
#include "scholia-theme-picker.h"

#define SWATCH_SIZE 16

struct _ScholiaThemePicker
{
  GtkPopover          parent_instance;

  GtkSearchEntry     *search_entry;
  GtkLabel           *error_label;
  GtkWidget          *empty_label;
  GtkWidget          *scroller;
  GtkListView        *list_view;

  ScholiaEditor      *editor;
  ScholiaAnnotation  *annotation;
  GListModel         *themes;         /* the store's live list */

  /* The rows: the themes whose folded name holds the folded query, then, when no theme has
   * the typed name, one GtkStringObject holding it, to create. */
  GtkFilter          *filter;
  GListStore         *create_item;
  GtkSingleSelection *selection;
  char               *folded_query;

  /* The list items showing a row now, to update their check marks in place. */
  GHashTable         *bound;
};

G_DEFINE_FINAL_TYPE (ScholiaThemePicker, scholia_theme_picker, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_ANNOTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filter_theme (gpointer item,
              gpointer user_data)
{
  ScholiaThemePicker *self = user_data;
  g_autofree char *folded = NULL;

  if (self->folded_query == NULL || self->folded_query[0] == '\0')
    return TRUE;

  folded = scholia_text_fold_bare (scholia_label_get_display_name (item));
  return strstr (folded, self->folded_query) != NULL;
}

static char *
get_typed_name (ScholiaThemePicker *self)
{
  char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return g_strstrip (name);
}

static void
show_error (ScholiaThemePicker *self,
            const GError       *error)
{
  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* Rows. */

static void
get_row_parts (GtkListItem  *list_item,
               GtkWidget   **swatch,
               GtkWidget   **icon,
               GtkLabel    **label,
               GtkWidget   **check)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);

  *swatch = gtk_widget_get_first_child (box);
  *icon = gtk_widget_get_next_sibling (*swatch);
  *label = GTK_LABEL (gtk_widget_get_next_sibling (*icon));
  *check = gtk_widget_get_next_sibling (GTK_WIDGET (*label));
}

static void
draw_swatch_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  gpointer item = gtk_list_item_get_item (GTK_LIST_ITEM (user_data));

  if (SCHOLIA_IS_THEME (item))
    scholia_colour_palette_draw_swatch (cr, width, height, scholia_label_get_colour (item), FALSE);
}

static void
update_row (ScholiaThemePicker *self,
            GtkListItem        *list_item)
{
  gpointer item = gtk_list_item_get_item (list_item);
  GtkWidget *swatch, *icon, *check;
  GtkLabel *label;
  gboolean create = GTK_IS_STRING_OBJECT (item);

  get_row_parts (list_item, &swatch, &icon, &label, &check);
  gtk_widget_set_visible (swatch, !create);
  gtk_widget_set_visible (icon, create);

  if (create)
    {
      g_autofree char *text = NULL;

      /* Translators: the row of the theme picker that creates the theme typed, as in
       * Create Theme “famine” */
      text = g_strdup_printf (_("Create Theme “%s”"), gtk_string_object_get_string (item));
      gtk_label_set_label (label, text);
      gtk_widget_set_visible (check, FALSE);
      return;
    }

  gtk_label_set_label (label, scholia_label_get_display_name (item));
  gtk_widget_set_visible (check, self->annotation != NULL &&
                                 scholia_annotation_has_label (self->annotation, item));
  gtk_widget_queue_draw (swatch);
}

static void
refresh_rows (ScholiaThemePicker *self)
{
  GHashTableIter iter;
  gpointer list_item;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    update_row (self, list_item);
}

static void
on_factory_setup_cb (ScholiaThemePicker *self,
                     GtkListItem        *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), SWATCH_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), SWATCH_SIZE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch_cb, list_item, NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("In this theme"),
                                  -1);

  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (list_item, box);
  scholia_accessible_name_list_item (box, label, NULL);
}

static void
on_factory_bind_cb (ScholiaThemePicker *self,
                    GtkListItem        *list_item)
{
  g_hash_table_add (self->bound, list_item);
  update_row (self, list_item);
}

static void
on_factory_unbind_cb (ScholiaThemePicker *self,
                      GtkListItem        *list_item)
{
  g_hash_table_remove (self->bound, list_item);
}

/* Filtering and the row that creates. */

static void
update_empty_state (ScholiaThemePicker *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0;

  gtk_widget_set_visible (self->empty_label, empty);
  gtk_widget_set_visible (self->scroller, !empty);
}

/* Offers to create the typed name unless a theme already has it (by the store's own rule,
 * which ignores case). */
static void
update_create_item (ScholiaThemePicker *self)
{
  g_autofree char *name = get_typed_name (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->create_item));
  ScholiaStore *store = scholia_editor_get_store (self->editor);

  if (name[0] == '\0' || scholia_store_find_label (store, SCHOLIA_TYPE_THEME, name, NULL) != NULL)
    {
      g_list_store_remove_all (self->create_item);
    }
  else
    {
      g_autoptr(GtkStringObject) item = gtk_string_object_new (name);

      g_list_store_splice (self->create_item, 0, n, (gpointer *) &item, 1);
    }

  update_empty_state (self);
}

static void
select_position (ScholiaThemePicker *self,
                 guint               position)
{
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
on_search_entry_changed_cb (ScholiaThemePicker *self)
{
  g_autofree char *name = get_typed_name (self);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_free (self->folded_query);
  self->folded_query = scholia_text_fold_bare (name);
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_create_item (self);
  /* The best match is the first: Enter takes it. */
  select_position (self, 0);
}

/* A theme renamed while the picker is open may now match, or no longer. */
static void
on_theme_notify_cb (ScholiaThemePicker *self,
                    GParamSpec         *pspec)
{
  if (g_str_equal (g_param_spec_get_name (pspec), "name"))
    {
      gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
      update_create_item (self);
    }
  refresh_rows (self);
}

static void
watch_themes (ScholiaThemePicker *self,
              guint               position,
              guint               added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(ScholiaLabel) theme = g_list_model_get_item (self->themes, i);

      /* A theme moved within the list comes back as added: watch it once. */
      g_signal_handlers_disconnect_by_func (theme, on_theme_notify_cb, self);
      g_signal_connect_object (theme, "notify", G_CALLBACK (on_theme_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
on_themes_items_changed_cb (ScholiaThemePicker *self,
                            guint               position,
                            guint               removed,
                            guint               added)
{
  watch_themes (self, position, added);
  update_create_item (self);
}

/* Toggling and creating. */

static void
toggle_theme (ScholiaThemePicker *self,
              ScholiaLabel       *theme)
{
  g_autoptr(GError) error = NULL;

  if (self->annotation != NULL &&
      !scholia_editor_toggle_label (self->editor, self->annotation, theme, &error))
    show_error (self, error);
}

static void
create_theme (ScholiaThemePicker *self,
              const char         *name)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *theme;
  guint n;

  theme = scholia_editor_create_label (self->editor, SCHOLIA_TYPE_THEME, name, NULL, NULL, &error);
  if (theme == NULL)
    {
      show_error (self, error);
      return;
    }

  if (self->annotation != NULL &&
      !scholia_editor_add_label (self->editor, self->annotation, theme, &error))
    show_error (self, error);

  /* The new theme takes the place of the row that made it. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (item == G_OBJECT (theme))
        select_position (self, i);
    }
}

static void
activate_position (ScholiaThemePicker *self,
                   guint               position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (GTK_IS_STRING_OBJECT (item))
    create_theme (self, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  else
    toggle_theme (self, SCHOLIA_LABEL (item));
}

static void
on_search_entry_activate_cb (ScholiaThemePicker *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  activate_position (self, position);
  /* What is typed next replaces the search rather than extending it. */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
on_list_view_activate_cb (ScholiaThemePicker *self,
                          guint               position)
{
  select_position (self, position);
  activate_position (self, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_search_entry_stop_search_cb (ScholiaThemePicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

/* Up and Down move through the list while the typing stays in the entry. */
static gboolean
on_key_pressed_cb (ScholiaThemePicker *self,
                   guint               keyval,
                   guint               keycode,
                   GdkModifierType     state)
{
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 || n == 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      select_position (self, selected == GTK_INVALID_LIST_POSITION ? 0 : MIN (selected + 1, n - 1));
      return GDK_EVENT_STOP;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      select_position (self, selected == GTK_INVALID_LIST_POSITION || selected == 0 ? 0 : selected - 1);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* Lifecycle. */

static void
scholia_theme_picker_map (GtkWidget *widget)
{
  ScholiaThemePicker *self = SCHOLIA_THEME_PICKER (widget);

  GTK_WIDGET_CLASS (scholia_theme_picker_parent_class)->map (widget);

  /* Each time it pops up, the search starts afresh. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_entry_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
scholia_theme_picker_constructed (GObject *object)
{
  ScholiaThemePicker *self = SCHOLIA_THEME_PICKER (object);
  GtkFilterListModel *matches;
  GListStore *sections;
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (scholia_theme_picker_parent_class)->constructed (object);

  g_assert (SCHOLIA_IS_EDITOR (self->editor));

  self->themes = g_object_ref (scholia_store_get_labels (scholia_editor_get_store (self->editor), SCHOLIA_TYPE_THEME));
  g_signal_connect_object (self->themes, "items-changed",
                           G_CALLBACK (on_themes_items_changed_cb), self, G_CONNECT_SWAPPED);
  watch_themes (self, 0, g_list_model_get_n_items (self->themes));

  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_theme, self, NULL));
  matches = gtk_filter_list_model_new (g_object_ref (self->themes), g_object_ref (self->filter));
  self->create_item = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  sections = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (sections, matches);
  g_list_store_append (sections, self->create_item);
  g_object_unref (matches);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (sections))));
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (update_empty_state), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_empty_state (self);
}

static void
scholia_theme_picker_dispose (GObject *object)
{
  ScholiaThemePicker *self = SCHOLIA_THEME_PICKER (object);

  if (self->annotation != NULL)
    g_signal_handlers_disconnect_by_data (self->annotation, self);
  g_clear_object (&self->annotation);
  if (self->themes != NULL)
    {
      guint n = g_list_model_get_n_items (self->themes);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ScholiaLabel) theme = g_list_model_get_item (self->themes, i);

          g_signal_handlers_disconnect_by_data (theme, self);
        }
      g_signal_handlers_disconnect_by_data (self->themes, self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_THEME_PICKER);

  g_hash_table_remove_all (self->bound);
  g_clear_object (&self->selection);
  g_clear_object (&self->create_item);
  g_clear_object (&self->filter);
  g_clear_object (&self->themes);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (scholia_theme_picker_parent_class)->dispose (object);
}

static void
scholia_theme_picker_finalize (GObject *object)
{
  ScholiaThemePicker *self = SCHOLIA_THEME_PICKER (object);

  g_free (self->folded_query);
  g_hash_table_unref (self->bound);

  G_OBJECT_CLASS (scholia_theme_picker_parent_class)->finalize (object);
}

static void
scholia_theme_picker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ScholiaThemePicker *self = SCHOLIA_THEME_PICKER (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;

    case PROP_ANNOTATION:
      g_value_set_object (value, self->annotation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_theme_picker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ScholiaThemePicker *self = SCHOLIA_THEME_PICKER (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      self->editor = g_value_dup_object (value);
      break;

    case PROP_ANNOTATION:
      scholia_theme_picker_set_annotation (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_theme_picker_class_init (ScholiaThemePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = scholia_theme_picker_constructed;
  object_class->dispose = scholia_theme_picker_dispose;
  object_class->finalize = scholia_theme_picker_finalize;
  object_class->get_property = scholia_theme_picker_get_property;
  object_class->set_property = scholia_theme_picker_set_property;
  widget_class->map = scholia_theme_picker_map;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SCHOLIA_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The annotation whose themes the picker shows and changes; none makes it a list only. */
  properties[PROP_ANNOTATION] =
    g_param_spec_object ("annotation", NULL, NULL, SCHOLIA_TYPE_ANNOTATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-theme-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaThemePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ScholiaThemePicker, error_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaThemePicker, empty_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaThemePicker, scroller);
  gtk_widget_class_bind_template_child (widget_class, ScholiaThemePicker, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
}

static void
scholia_theme_picker_init (ScholiaThemePicker *self)
{
  GtkEventController *keys;

  self->bound = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  /* Before the entry's text, which would take Up and Down for itself. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

/**
 * scholia_theme_picker_new:
 * @editor: the editor through which themes are given and taken
 *
 * Returns: (transfer floating): a theme picker; give it a parent or set it as a menu
 *   button's popover, and an annotation, before popping it up
 */
GtkWidget *
scholia_theme_picker_new (ScholiaEditor *editor)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (editor), NULL);

  return g_object_new (SCHOLIA_TYPE_THEME_PICKER, "editor", editor, NULL);
}

ScholiaEditor *
scholia_theme_picker_get_editor (ScholiaThemePicker *self)
{
  g_return_val_if_fail (SCHOLIA_IS_THEME_PICKER (self), NULL);

  return self->editor;
}

ScholiaAnnotation *
scholia_theme_picker_get_annotation (ScholiaThemePicker *self)
{
  g_return_val_if_fail (SCHOLIA_IS_THEME_PICKER (self), NULL);

  return self->annotation;
}

void
scholia_theme_picker_set_annotation (ScholiaThemePicker *self,
                                     ScholiaAnnotation  *annotation)
{
  g_return_if_fail (SCHOLIA_IS_THEME_PICKER (self));
  g_return_if_fail (annotation == NULL || SCHOLIA_IS_ANNOTATION (annotation));

  if (self->annotation == annotation)
    return;

  if (self->annotation != NULL)
    g_signal_handlers_disconnect_by_data (self->annotation, self);
  g_set_object (&self->annotation, annotation);
  if (annotation != NULL)
    g_signal_connect_object (annotation, "notify::theme-ids", G_CALLBACK (refresh_rows), self,
                             G_CONNECT_SWAPPED);

  refresh_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION]);
}
