/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-colour-palette.h"
#include "scholia-colour.h"

#define SWATCH_SIZE 24
#define N_COLUMNS   6

/* The palette is the core's (src/core/scholia-colour.c), whose first colours are those the
 * store hands to new tags, and whose washes are tested to stay apart from each other and from
 * the text selection. */
typedef ScholiaPaletteColour PaletteColour;

struct _ScholiaColourPalette
{
  GtkWidget  parent_instance;

  char      *colour;
  /* One per palette colour, in its order. */
  GtkWidget **buttons;
  guint       n_buttons;
  gboolean   syncing;
};

G_DEFINE_FINAL_TYPE (ScholiaColourPalette, scholia_colour_palette, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLOUR,
  N_PROPS
};

enum {
  COLOUR_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static int
find_colour (const char *colour)
{
  guint n_colours;
  const PaletteColour *palette = scholia_colour_get_palette (&n_colours);

  if (colour == NULL)
    return -1;

  for (guint i = 0; i < n_colours; i++)
    if (g_ascii_strcasecmp (palette[i].colour, colour) == 0)
      return (int) i;

  return -1;
}

static void
draw_palette_swatch_cb (GtkDrawingArea *area,
                        cairo_t        *cr,
                        int             width,
                        int             height,
                        gpointer        user_data)
{
  const PaletteColour *entry = user_data;
  GtkWidget *button = gtk_widget_get_parent (GTK_WIDGET (area));

  scholia_colour_palette_draw_swatch (cr, width, height, entry->colour,
                                      gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
}

/* Marks the button of the current colour, without telling anyone: only a click is a choice. */
static void
sync_buttons (ScholiaColourPalette *self)
{
  int current = find_colour (self->colour);

  self->syncing = TRUE;
  for (guint i = 0; i < self->n_buttons; i++)
    {
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[i]), (int) i == current);
      gtk_widget_queue_draw (gtk_button_get_child (GTK_BUTTON (self->buttons[i])));
    }
  self->syncing = FALSE;
}

static void
on_button_toggled_cb (GtkToggleButton      *button,
                      ScholiaColourPalette *self)
{
  const PaletteColour *entry;

  if (self->syncing)
    return;

  entry = g_object_get_data (G_OBJECT (button), "palette-colour");
  /* Clicking the current colour again keeps it chosen rather than leaving none marked. */
  scholia_colour_palette_set_colour (self, entry->colour);
  sync_buttons (self);
  g_signal_emit (self, signals[COLOUR_ACTIVATED], 0, entry->colour);
}

static void
scholia_colour_palette_dispose (GObject *object)
{
  ScholiaColourPalette *self = SCHOLIA_COLOUR_PALETTE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (scholia_colour_palette_parent_class)->dispose (object);
}

static void
scholia_colour_palette_finalize (GObject *object)
{
  ScholiaColourPalette *self = SCHOLIA_COLOUR_PALETTE (object);

  g_free (self->colour);
  g_free (self->buttons);

  G_OBJECT_CLASS (scholia_colour_palette_parent_class)->finalize (object);
}

static void
scholia_colour_palette_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ScholiaColourPalette *self = SCHOLIA_COLOUR_PALETTE (object);

  switch (prop_id)
    {
    case PROP_COLOUR:
      g_value_set_string (value, self->colour);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_colour_palette_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ScholiaColourPalette *self = SCHOLIA_COLOUR_PALETTE (object);

  switch (prop_id)
    {
    case PROP_COLOUR:
      scholia_colour_palette_set_colour (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_colour_palette_class_init (ScholiaColourPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_colour_palette_dispose;
  object_class->finalize = scholia_colour_palette_finalize;
  object_class->get_property = scholia_colour_palette_get_property;
  object_class->set_property = scholia_colour_palette_set_property;

  properties[PROP_COLOUR] =
    g_param_spec_string ("colour", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[COLOUR_ACTIVATED] =
    g_signal_new ("colour-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "palette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
scholia_colour_palette_init (ScholiaColourPalette *self)
{
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  const PaletteColour *palette = scholia_colour_get_palette (&self->n_buttons);

  self->buttons = g_new0 (GtkWidget *, self->n_buttons);
  gtk_grid_layout_set_row_spacing (layout, 6);
  gtk_grid_layout_set_column_spacing (layout, 6);
  gtk_grid_layout_set_row_homogeneous (layout, TRUE);
  gtk_grid_layout_set_column_homogeneous (layout, TRUE);

  for (guint i = 0; i < self->n_buttons; i++)
    {
      const char *name = g_dgettext (GETTEXT_PACKAGE, palette[i].name);
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkLayoutChild *child;

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), SWATCH_SIZE);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), SWATCH_SIZE);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_palette_swatch_cb,
                                      (gpointer) &palette[i], NULL);
      gtk_button_set_child (GTK_BUTTON (button), swatch);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_object_set_data (G_OBJECT (button), "palette-colour", (gpointer) &palette[i]);
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_button_toggled_cb), self, 0);

      gtk_widget_set_parent (button, GTK_WIDGET (self));
      child = gtk_layout_manager_get_layout_child (GTK_LAYOUT_MANAGER (layout), button);
      gtk_grid_layout_child_set_column (GTK_GRID_LAYOUT_CHILD (child), i % N_COLUMNS);
      gtk_grid_layout_child_set_row (GTK_GRID_LAYOUT_CHILD (child), i / N_COLUMNS);
      self->buttons[i] = button;
    }
}

GtkWidget *
scholia_colour_palette_new (void)
{
  return g_object_new (SCHOLIA_TYPE_COLOUR_PALETTE, NULL);
}

const char *
scholia_colour_palette_get_colour (ScholiaColourPalette *self)
{
  g_return_val_if_fail (SCHOLIA_IS_COLOUR_PALETTE (self), NULL);

  return self->colour;
}

void
scholia_colour_palette_set_colour (ScholiaColourPalette *self,
                                   const char           *colour)
{
  g_return_if_fail (SCHOLIA_IS_COLOUR_PALETTE (self));

  if (g_strcmp0 (self->colour, colour) == 0)
    return;

  g_free (self->colour);
  self->colour = g_strdup (colour);
  sync_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR]);
}

const char *
scholia_colour_palette_get_colour_name (const char *colour)
{
  guint n_colours;
  const PaletteColour *palette = scholia_colour_get_palette (&n_colours);
  int index = find_colour (colour);

  return index >= 0 ? g_dgettext (GETTEXT_PACKAGE, palette[index].name) : NULL;
}

void
scholia_colour_palette_draw_swatch (cairo_t    *cr,
                                    int         width,
                                    int         height,
                                    const char *colour,
                                    gboolean    checked)
{
  GdkRGBA rgba;
  double radius = MIN (width, height) / 2.0;
  double cx = width / 2.0;
  double cy = height / 2.0;
  double luminance;

  if (colour == NULL || !gdk_rgba_parse (&rgba, colour))
    return;

  cairo_arc (cr, cx, cy, radius - 0.5, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);
  /* A faint ring keeps a swatch apart from a background of nearly its own colour. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  if (!checked)
    return;

  /* A check mark in whichever of black or white stands out from the swatch. */
  luminance = 0.2126 * rgba.red + 0.7152 * rgba.green + 0.0722 * rgba.blue;
  if (luminance > 0.6)
    cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, MAX (2.0, radius / 5));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, cx - radius * 0.45, cy + radius * 0.02);
  cairo_line_to (cr, cx - radius * 0.12, cy + radius * 0.35);
  cairo_line_to (cr, cx + radius * 0.45, cy - radius * 0.3);
  cairo_stroke (cr);
}
