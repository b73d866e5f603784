/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-tag-chip.h"

#include <glib/gi18n.h>
#include <string.h>

struct _ScholiaTagChip
{
  GtkWidget   parent_instance;

  GtkLabel   *name_label;
  GtkButton  *remove_button;

  ScholiaLabel *label;
  char       *colour_class;
};

G_DEFINE_FINAL_TYPE (ScholiaTagChip, scholia_tag_chip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LABEL,
  N_PROPS
};

enum {
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One pair of rules per colour in use; the shape of chips and quotes is in ui/style.css. Colours
 * are keys rather than tag ids so that tags of two libraries, or a tag whose colour changes,
 * never share a stale rule. */
static GtkCssProvider *colour_provider;
static GHashTable *styled_colours;

void
scholia_tag_chip_ensure_style (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (colour_provider != NULL || display == NULL)
    return;

  colour_provider = gtk_css_provider_new ();
  styled_colours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (colour_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

char *
scholia_tag_chip_menu_label (const char *name)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  parts = g_strsplit (name, "_", -1);
  return g_strjoinv ("__", parts);
}

char *
scholia_tag_chip_colour_css_class (const char *colour)
{
  g_autoptr(GString) css = NULL;
  GHashTableIter iter;
  const char *key;
  char *css_class;
  GdkRGBA rgba;

  g_return_val_if_fail (colour != NULL, NULL);

  if (!gdk_rgba_parse (&rgba, colour))
    return NULL;

  css_class = g_strdup_printf ("tag-colour-%02x%02x%02x",
                               (guint) (rgba.red * 255 + 0.5),
                               (guint) (rgba.green * 255 + 0.5),
                               (guint) (rgba.blue * 255 + 0.5));

  scholia_tag_chip_ensure_style ();
  if (colour_provider == NULL || !g_hash_table_add (styled_colours, g_strdup (css_class)))
    return css_class;

  css = g_string_new (NULL);
  g_hash_table_iter_init (&iter, styled_colours);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    {
      const char *hex = key + strlen ("tag-colour-");

      g_string_append_printf (css,
                              ".tag-chip.%s { background-color: alpha(#%s, 0.25);"
                              " border-color: #%s; }\n"
                              ".quote.%s { border-left-color: #%s; }\n",
                              key, hex, hex, key, hex);
    }
  gtk_css_provider_load_from_data (colour_provider, css->str, css->len);

  return css_class;
}

static void
update_colour (ScholiaTagChip *self)
{
  g_autofree char *colour_class = scholia_tag_chip_colour_css_class (scholia_label_get_colour (self->label));

  if (g_strcmp0 (colour_class, self->colour_class) == 0)
    return;

  if (self->colour_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->colour_class);
  g_free (self->colour_class);
  self->colour_class = g_steal_pointer (&colour_class);
  if (self->colour_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), self->colour_class);
}

static void
update_name (ScholiaTagChip *self)
{
  const char *name = scholia_label_get_display_name (self->label);
  const char *description = scholia_label_get_display_description (self->label);
  g_autofree char *remove_label = NULL;

  gtk_label_set_label (self->name_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               description != NULL && description[0] != '\0' ? description : NULL);

  if (SCHOLIA_IS_THEME (self->label))
    /* Translators: the accessible label of the button on a theme chip, as in
     * Remove from Theme “famine” */
    remove_label = g_strdup_printf (_("Remove from Theme “%s”"), name);
  else
    /* Translators: the accessible label of the button on a tag chip, as in Remove Tag “evidence” */
    remove_label = g_strdup_printf (_("Remove Tag “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove_label);
}

static void
on_remove_button_clicked_cb (ScholiaTagChip *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
scholia_tag_chip_dispose (GObject *object)
{
  ScholiaTagChip *self = SCHOLIA_TAG_CHIP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_TAG_CHIP);
  g_clear_object (&self->label);

  G_OBJECT_CLASS (scholia_tag_chip_parent_class)->dispose (object);
}

static void
scholia_tag_chip_finalize (GObject *object)
{
  ScholiaTagChip *self = SCHOLIA_TAG_CHIP (object);

  g_free (self->colour_class);

  G_OBJECT_CLASS (scholia_tag_chip_parent_class)->finalize (object);
}

static void
scholia_tag_chip_constructed (GObject *object)
{
  ScholiaTagChip *self = SCHOLIA_TAG_CHIP (object);

  G_OBJECT_CLASS (scholia_tag_chip_parent_class)->constructed (object);

  g_return_if_fail (SCHOLIA_IS_LABEL (self->label));

  g_signal_connect_object (self->label, "notify::name", G_CALLBACK (update_name), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->label, "notify::description", G_CALLBACK (update_name), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->label, "notify::colour", G_CALLBACK (update_colour), self,
                           G_CONNECT_SWAPPED);
  update_name (self);
  update_colour (self);
}

static void
scholia_tag_chip_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ScholiaTagChip *self = SCHOLIA_TAG_CHIP (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_object (value, self->label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_tag_chip_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ScholiaTagChip *self = SCHOLIA_TAG_CHIP (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      self->label = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_tag_chip_class_init (ScholiaTagChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = scholia_tag_chip_constructed;
  object_class->dispose = scholia_tag_chip_dispose;
  object_class->finalize = scholia_tag_chip_finalize;
  object_class->get_property = scholia_tag_chip_get_property;
  object_class->set_property = scholia_tag_chip_set_property;

  properties[PROP_LABEL] =
    g_param_spec_object ("label", NULL, NULL, SCHOLIA_TYPE_LABEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user clicked the chip's remove button. */
  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-tag-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagChip, name_label);
  gtk_widget_class_bind_template_child (widget_class, ScholiaTagChip, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_button_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "scholiatagchip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
scholia_tag_chip_init (ScholiaTagChip *self)
{
  scholia_tag_chip_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
scholia_tag_chip_new (ScholiaLabel *label)
{
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), NULL);

  return g_object_new (SCHOLIA_TYPE_TAG_CHIP, "label", label, NULL);
}

ScholiaLabel *
scholia_tag_chip_get_label (ScholiaTagChip *self)
{
  g_return_val_if_fail (SCHOLIA_IS_TAG_CHIP (self), NULL);

  return self->label;
}

void
scholia_tag_chip_set_removable (ScholiaTagChip *self,
                                gboolean        removable)
{
  g_return_if_fail (SCHOLIA_IS_TAG_CHIP (self));

  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), removable);
}
