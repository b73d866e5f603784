/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-tag-palette.h"

#include <glib/gi18n.h>

#include "scholia-colour-palette.h"
#include "scholia-tag.h"

#define DOT_SIZE        12
/* Long enough for the built-in tags, short enough that nine fit beside the title. */
#define NAME_MAX_CHARS  20

struct _ScholiaTagPalette
{
  GtkWidget   parent_instance;

  GListModel *tags;
  /* The first nine of @tags: the buttons mirror it one to one. */
  GListModel *shown;
};

G_DEFINE_FINAL_TYPE (ScholiaTagPalette, scholia_tag_palette, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static ScholiaTag *
button_get_tag (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), "scholia-tag");
}

/* What a button says depends on its place: its shortcut is Ctrl+<place>. Places change as tags
 * are added, moved or deleted, so every button is brought up to date after each change. */
static void
update_buttons (ScholiaTagPalette *self)
{
  guint index = 0;

  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self));
       button != NULL;
       button = gtk_widget_get_next_sibling (button), index++)
    {
      const char *name = scholia_label_get_display_name (SCHOLIA_LABEL (button_get_tag (button)));
      g_autofree char *tooltip = NULL;
      g_autofree char *label = NULL;
      g_autofree char *shortcut = NULL;

      /* Translators: a tag palette button's tooltip; %s is a tag name, %u a digit */
      tooltip = g_strdup_printf (_("Tag as “%s” (Ctrl+%u)"), name, index + 1);
      /* Translators: a tag palette button's accessible name; %s is a tag name */
      label = g_strdup_printf (_("Tag as “%s”"), name);
      shortcut = g_strdup_printf ("Control+%u", index + 1);

      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (index));
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, shortcut,
                                      -1);
    }
}

static void
on_tag_name_changed_cb (GtkWidget *button)
{
  GtkWidget *palette = gtk_widget_get_ancestor (button, SCHOLIA_TYPE_TAG_PALETTE);

  if (palette != NULL)
    update_buttons (SCHOLIA_TAG_PALETTE (palette));
}

static void
draw_dot_cb (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  scholia_colour_palette_draw_swatch (cr, width, height, scholia_label_get_colour (SCHOLIA_LABEL (user_data)), FALSE);
}

static GtkWidget *
create_button (ScholiaTag *tag)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), DOT_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), DOT_SIZE);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot_cb, g_object_ref (tag),
                                  g_object_unref);
  g_signal_connect_object (tag, "notify::colour", G_CALLBACK (gtk_widget_queue_draw), dot,
                           G_CONNECT_SWAPPED);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), NAME_MAX_CHARS);
  g_object_bind_property (tag, "name", label, "label", G_BINDING_SYNC_CREATE);

  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  /* The reader keeps the focus, so that the next passage can be selected right away. */
  gtk_widget_set_focus_on_click (button, FALSE);
  /* The place is a placeholder until update_buttons() knows it; a target of the action's type
   * is needed before the action is named. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (0));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "doc.tag");

  g_object_set_data_full (G_OBJECT (button), "scholia-tag", g_object_ref (tag), g_object_unref);
  g_signal_connect_object (tag, "notify::name", G_CALLBACK (on_tag_name_changed_cb), button,
                           G_CONNECT_SWAPPED);

  return button;
}

static GtkWidget *
nth_button (ScholiaTagPalette *self,
            guint              position)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self));

  for (guint i = 0; button != NULL && i < position; i++)
    button = gtk_widget_get_next_sibling (button);

  return button;
}

static void
on_shown_items_changed_cb (ScholiaTagPalette *self,
                           guint              position,
                           guint              removed,
                           guint              added,
                           GListModel        *shown)
{
  GtkWidget *before;

  for (guint i = 0; i < removed; i++)
    gtk_widget_unparent (nth_button (self, position));

  before = nth_button (self, position);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(ScholiaTag) tag = g_list_model_get_item (shown, position + i);

      gtk_widget_insert_before (create_button (tag), GTK_WIDGET (self), before);
    }

  update_buttons (self);
}

static void
scholia_tag_palette_dispose (GObject *object)
{
  ScholiaTagPalette *self = SCHOLIA_TAG_PALETTE (object);
  GtkWidget *child;

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_func (self->shown, on_shown_items_changed_cb, self);
  g_clear_object (&self->shown);
  g_clear_object (&self->tags);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_TAG_PALETTE);

  G_OBJECT_CLASS (scholia_tag_palette_parent_class)->dispose (object);
}

static void
scholia_tag_palette_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ScholiaTagPalette *self = SCHOLIA_TAG_PALETTE (object);

  switch (prop_id)
    {
    case PROP_TAGS:
      g_value_set_object (value, self->tags);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_tag_palette_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ScholiaTagPalette *self = SCHOLIA_TAG_PALETTE (object);

  switch (prop_id)
    {
    case PROP_TAGS:
      scholia_tag_palette_set_tags (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_tag_palette_class_init (ScholiaTagPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_tag_palette_dispose;
  object_class->get_property = scholia_tag_palette_get_property;
  object_class->set_property = scholia_tag_palette_set_property;

  /**
   * ScholiaTagPalette:tags:
   *
   * The tag list whose first nine tags the palette offers, or %NULL for none.
   */
  properties[PROP_TAGS] =
    g_param_spec_object ("tags", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-tag-palette.ui");
  gtk_widget_class_set_css_name (widget_class, "scholiatagpalette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
scholia_tag_palette_init (ScholiaTagPalette *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
scholia_tag_palette_new (void)
{
  return g_object_new (SCHOLIA_TYPE_TAG_PALETTE, NULL);
}

GListModel *
scholia_tag_palette_get_tags (ScholiaTagPalette *self)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG_PALETTE (self), NULL);

  return self->tags;
}

/**
 * scholia_tag_palette_set_tags:
 * @self: a palette
 * @tags: (nullable): a list of #ScholiaTag, kept current by its owner
 *
 * Offers the first nine tags of @tags, following the list as it changes.
 */
void
scholia_tag_palette_set_tags (ScholiaTagPalette *self,
                              GListModel        *tags)
{
  guint old_n;

  g_return_if_fail (SCHOLIA_IS_TAG_PALETTE (self));
  g_return_if_fail (tags == NULL || G_IS_LIST_MODEL (tags));

  if (self->tags == tags)
    return;

  if (self->shown != NULL)
    {
      old_n = g_list_model_get_n_items (self->shown);
      g_signal_handlers_disconnect_by_func (self->shown, on_shown_items_changed_cb, self);
      g_clear_object (&self->shown);
      on_shown_items_changed_cb (self, 0, old_n, 0, NULL);
    }

  g_set_object (&self->tags, tags);

  if (tags != NULL)
    {
      self->shown = G_LIST_MODEL (gtk_slice_list_model_new (g_object_ref (tags), 0,
                                                            SCHOLIA_TAG_PALETTE_MAX_TAGS));
      g_signal_connect_object (self->shown, "items-changed",
                               G_CALLBACK (on_shown_items_changed_cb), self, G_CONNECT_SWAPPED);
      on_shown_items_changed_cb (self, 0, 0, g_list_model_get_n_items (self->shown), self->shown);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}
