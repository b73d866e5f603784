/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-colour-palette.h"
#include "scholia-count-format.h"
#include "scholia-accessible.h"
#include "scholia-tag-chip.h"
#include "scholia-tag-row.h"

struct _ScholiaTagRow
{
  AdwExpanderRow  parent_instance;

  ScholiaEditor  *editor;
  ScholiaStore   *store;        /* the editor's */
  ScholiaLabel   *label;
  guint           count;

  GtkWidget      *context_menu;
  GtkWidget      *header;

  GtkMenuButton  *swatch_button;
  GtkPopover     *palette_popover;
  ScholiaColourPalette *palette;
  GtkDrawingArea *swatch;
  GtkLabel       *count_label;
  GtkWidget      *move_up_button;
  GtkWidget      *move_down_button;
  AdwEntryRow    *name_row;
  AdwEntryRow    *description_row;
  AdwActionRow   *manage_row;
  GtkMenuButton  *merge_button;
  GtkWidget      *delete_button;
  GMenu          *merge_menu;
};

G_DEFINE_FINAL_TYPE (ScholiaTagRow, scholia_tag_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_LABEL,
  N_PROPS
};

enum {
  EDIT_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
report_error (ScholiaTagRow *self,
              AdwEntryRow   *row,
              const GError  *error)
{
  if (row != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  g_signal_emit (self, signals[EDIT_FAILED], 0, error->message);
}

static void
draw_swatch_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  ScholiaTagRow *self = user_data;

  scholia_colour_palette_draw_swatch (cr, width, height, scholia_label_get_colour (self->label), FALSE);
}

static void
sync_name (ScholiaTagRow *self)
{
  const char *name = scholia_label_get_display_name (self->label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  /* libadwaita 1.2's expander row does not name itself after its title. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
sync_description (ScholiaTagRow *self)
{
  const char *description = scholia_label_get_display_description (self->label);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), description != NULL ? description : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), description != NULL ? description : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->description_row), "error");
}

static void
sync_colour (ScholiaTagRow *self)
{
  const char *colour = scholia_label_get_colour (self->label);
  const char *colour_name = scholia_colour_palette_get_colour_name (colour);
  g_autofree char *label = NULL;

  /* Translators: the accessible name of the button showing a tag's or theme's colour, e.g.
   * "Colour: Blue" */
  label = g_strdup_printf (_("Colour: %s"), colour_name != NULL ? colour_name : colour);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->swatch_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  scholia_colour_palette_set_colour (self->palette, colour);
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));
}

static void
on_label_notify_cb (ScholiaTagRow *self,
                    GParamSpec    *pspec,
                    GObject       *label)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "name"))
    sync_name (self);
  else if (g_str_equal (name, "description"))
    sync_description (self);
  else if (g_str_equal (name, "colour"))
    sync_colour (self);
}

static void
rebuild_merge_menu (ScholiaTagRow *self)
{
  GListModel *labels = scholia_store_get_labels (self->store, G_OBJECT_TYPE (self->label));
  guint n = g_list_model_get_n_items (labels);

  g_menu_remove_all (self->merge_menu);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaLabel) other = g_list_model_get_item (labels, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *text = NULL;

      if (other == self->label)
        continue;

      text = scholia_tag_chip_menu_label (scholia_label_get_display_name (other));
      item = g_menu_item_new (text, NULL);
      g_menu_item_set_action_and_target_value (item, "row.merge-into",
                                               g_variant_new_int64 (scholia_label_get_id (other)));
      g_menu_append_item (self->merge_menu, item);
    }
}

static void
create_merge_popup_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  rebuild_merge_menu (SCHOLIA_TAG_ROW (user_data));
}

static void
on_palette_colour_activated_cb (ScholiaTagRow *self,
                                const char    *colour)
{
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (self->palette_popover);
  if (!scholia_editor_update_label (self->editor, self->label, NULL, colour, NULL, &error))
    {
      /* The palette shows the colour picked; put it back to the label's. */
      sync_colour (self);
      report_error (self, NULL, error);
    }
}

static void
on_name_row_apply_cb (ScholiaTagRow *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  if (g_strcmp0 (text, scholia_label_get_display_name (self->label)) == 0)
    return;

  if (!scholia_editor_update_label (self->editor, self->label, text, NULL, NULL, &error))
    report_error (self, self->name_row, error);
}

static void
on_description_row_apply_cb (ScholiaTagRow *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->description_row));

  if (g_strcmp0 (text, scholia_label_get_display_description (self->label)) == 0)
    return;

  if (!scholia_editor_update_label (self->editor, self->label, NULL, NULL, text, &error))
    report_error (self, self->description_row, error);
}

static void
on_entry_row_changed_cb (GtkEditable   *editable,
                         ScholiaTagRow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

/* Opening the row from the keyboard is the way to rename: the name is ready to type over. */
static void
on_expanded_changed_cb (ScholiaTagRow *self)
{
  if (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    return;

  sync_name (self);
  sync_description (self);
  if (gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_FOCUS_WITHIN)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
popup_context_menu (ScholiaTagRow *self,
                    double         x,
                    double         y)
{
  rebuild_merge_menu (self);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
on_secondary_pressed_cb (ScholiaTagRow *self,
                         int            n_press,
                         double         x,
                         double         y,
                         GtkGesture    *gesture)
{
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  popup_context_menu (self, x, y);
}

static void
show_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ScholiaTagRow *self = SCHOLIA_TAG_ROW (widget);

  /* From the keyboard the menu opens at the row's title, where the eye already is. */
  popup_context_menu (self, 48, 28);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScholiaTagRow *self = SCHOLIA_TAG_ROW (widget);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScholiaTagRow *self = SCHOLIA_TAG_ROW (widget);
  int delta = g_str_equal (action_name, "row.move-up") ? -1 : 1;

  gtk_widget_activate_action (widget, "labels.move", "(xi)", scholia_label_get_id (self->label), delta);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScholiaTagRow *self = SCHOLIA_TAG_ROW (widget);

  gtk_widget_activate_action (widget, "labels.delete", "x", scholia_label_get_id (self->label));
}

static void
merge_into_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ScholiaTagRow *self = SCHOLIA_TAG_ROW (widget);

  gtk_widget_activate_action (widget, "labels.merge", "(xx)",
                              scholia_label_get_id (self->label), g_variant_get_int64 (parameter));
}

static GtkWidget *
find_first_action_row (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ACTION_ROW (child))
        return child;
      found = find_first_action_row (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The row itself does not take focus in an expander; its header, which toggles it, does. */
static gboolean
scholia_tag_row_grab_focus (GtkWidget *widget)
{
  ScholiaTagRow *self = SCHOLIA_TAG_ROW (widget);

  return self->header != NULL && gtk_widget_grab_focus (self->header);
}

static void
scholia_tag_row_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  ScholiaTagRow *self = SCHOLIA_TAG_ROW (widget);

  GTK_WIDGET_CLASS (scholia_tag_row_parent_class)->size_allocate (widget, width, height, baseline);

  /* A popover parented to a widget must be placed by that widget's allocation. */
  gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static void
scholia_tag_row_constructed (GObject *object)
{
  ScholiaTagRow *self = SCHOLIA_TAG_ROW (object);
  gboolean builtin;

  G_OBJECT_CLASS (scholia_tag_row_parent_class)->constructed (object);

  g_assert (SCHOLIA_IS_EDITOR (self->editor));
  self->store = g_object_ref (scholia_editor_get_store (self->editor));
  g_assert (SCHOLIA_IS_LABEL (self->label));

  g_signal_connect_object (self->label, "notify", G_CALLBACK (on_label_notify_cb), self,
                           G_CONNECT_SWAPPED);
  sync_name (self);
  sync_description (self);
  sync_colour (self);
  scholia_tag_row_refresh_count (self);

  /* Built-in tags anchor the default palette and the export legend: they stay. */
  builtin = scholia_label_get_builtin (self->label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.delete", !builtin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.merge-into", !builtin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button), !builtin);
  if (builtin)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->manage_row), _("Built-in Tag"));
      adw_action_row_set_subtitle (self->manage_row,
                                   _("Can be renamed and recoloured, but not merged or deleted"));
    }
  else
    {
      /* The row has only buttons to show, but a screen reader needs a name for it. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->manage_row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Move, Merge or Delete"),
                                      -1);
    }
}

static void
scholia_tag_row_dispose (GObject *object)
{
  ScholiaTagRow *self = SCHOLIA_TAG_ROW (object);

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  self->header = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_TAG_ROW);
  g_clear_object (&self->label);
  g_clear_object (&self->store);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (scholia_tag_row_parent_class)->dispose (object);
}

static void
scholia_tag_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ScholiaTagRow *self = SCHOLIA_TAG_ROW (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;

    case PROP_LABEL:
      g_value_set_object (value, self->label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_tag_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ScholiaTagRow *self = SCHOLIA_TAG_ROW (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      self->editor = g_value_dup_object (value);
      break;

    case PROP_LABEL:
      self->label = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_tag_row_class_init (ScholiaTagRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = scholia_tag_row_constructed;
  object_class->dispose = scholia_tag_row_dispose;
  object_class->get_property = scholia_tag_row_get_property;
  object_class->set_property = scholia_tag_row_set_property;
  widget_class->size_allocate = scholia_tag_row_size_allocate;
  widget_class->grab_focus = scholia_tag_row_grab_focus;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL,
                         SCHOLIA_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* A ScholiaTag or a ScholiaTheme. */
  properties[PROP_LABEL] =
    g_param_spec_object ("label", NULL, NULL,
                         SCHOLIA_TYPE_LABEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EDIT_FAILED] =
    g_signal_new ("edit-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SCHOLIA_TYPE_COLOUR_PALETTE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-tag-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, swatch_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, palette_popover);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, palette);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, move_up_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, move_down_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, description_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, manage_row);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, merge_button);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagRow, merge_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_palette_colour_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_description_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_expanded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_secondary_pressed_cb);

  gtk_widget_class_install_action (widget_class, "row.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "row.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "row.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "row.merge-into", "x", merge_into_action);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "row.show-menu", NULL, show_menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "row.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "row.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "row.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "row.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "row.show-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "row.show-menu", NULL);
}

static void
scholia_tag_row_init (ScholiaTagRow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edit_section = g_menu_new ();
  g_autoptr(GMenu) remove_section = g_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  scholia_accessible_fix_mnemonic_labels (GTK_WIDGET (self));

  /* libadwaita 1.2 does not pass use-markup on to the expander's header row, which would read
   * a tag called "dues & tolls" as broken markup; later versions bind it themselves. */
  self->header = find_first_action_row (GTK_WIDGET (self));
  g_assert (self->header != NULL);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->header), FALSE);

  gtk_drawing_area_set_draw_func (self->swatch, draw_swatch_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->merge_button, create_merge_popup_cb, self, NULL);

  g_menu_append (edit_section, _("_Rename"), "row.rename");
  g_menu_append (edit_section, _("Move _Up"), "row.move-up");
  g_menu_append (edit_section, _("Move Do_wn"), "row.move-down");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit_section));
  g_menu_append_submenu (remove_section, _("_Merge Into"), G_MENU_MODEL (self->merge_menu));
  g_menu_append (remove_section, _("_Delete…"), "row.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove_section));

  self->context_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
}

/**
 * scholia_tag_row_new:
 * @editor: the editor of the library holding @label
 * @label: the ScholiaTag or ScholiaTheme to show
 *
 * Returns: (transfer floating): a row for @label
 */
GtkWidget *
scholia_tag_row_new (ScholiaEditor *editor,
                     ScholiaLabel  *label)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), NULL);

  return g_object_new (SCHOLIA_TYPE_TAG_ROW,
                       "editor", editor,
                       "label", label,
                       NULL);
}

/**
 * scholia_tag_row_get_label:
 *
 * Returns: (transfer none): the ScholiaTag or ScholiaTheme the row shows
 */
ScholiaLabel *
scholia_tag_row_get_label (ScholiaTagRow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG_ROW (self), NULL);

  return self->label;
}

guint
scholia_tag_row_get_count (ScholiaTagRow *self)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG_ROW (self), 0);

  return self->count;
}

void
scholia_tag_row_refresh_count (ScholiaTagRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint count;

  g_return_if_fail (SCHOLIA_IS_TAG_ROW (self));

  /* What I see: hide until posted leaves others' annotations out of the count too. */
  if (!scholia_store_count_label_annotations (self->store, self->label, &count, &error))
    {
      /* A count is a hint, not a reason to interrupt: leave the last one shown. */
      g_warning ("Could not count the annotations of “%s”: %s",
                 scholia_label_get_display_name (self->label), error->message);
      return;
    }

  self->count = count;
  if (self->count == 0)
    text = g_strdup (_("No annotations"));
  else
    text = scholia_count_format (ngettext ("%'u annotation", "%'u annotations", self->count), self->count);
  gtk_label_set_label (self->count_label, text);
}

void
scholia_tag_row_set_position (ScholiaTagRow *self,
                              guint          index,
                              guint          n_labels)
{
  g_return_if_fail (SCHOLIA_IS_TAG_ROW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-up", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-down", index + 1 < n_labels);
}
