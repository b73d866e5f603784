/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-matrix-cell.h"

#include <glib/gi18n.h>

#include "scholia-passage-row.h"
#include "scholia-seminar-layers.h"
#include "scholia-tag-chip.h"

/* A theme's name is shown up to this width; its tooltip says it whole. */
#define MAX_HEADER_WIDTH 160

/* Tooltips are given when GTK asks for them (the pointer resting on a widget), not set at each
 * binding: GTK 4.8's gtk_widget_set_tooltip_text() asks the X server where the pointer is, a
 * round trip, whenever a shown widget's tooltip changes, and binding a screenful of the grid
 * (about 400 cells) spent 40 % of the matrix's first frame there. */
static GQuark
tooltip_quark (void)
{
  return g_quark_from_static_string ("scholia-matrix-tooltip");
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  const char *text = scholia_matrix_cell_get_tooltip (widget);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
ask_for_tooltip (GtkWidget *widget)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

/* Takes @text. */
static void
set_tooltip (GtkWidget *widget,
             char      *text)
{
  g_object_set_qdata_full (G_OBJECT (widget), tooltip_quark (), text, g_free);
}

/* GTK 4.8 lays a label out again even when given the text it shows: a cell bound again to the
 * same count (the matrix rebuilt after an edit elsewhere) keeps its layout. */
static void
set_label_text (GtkWidget  *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), text) != 0)
    gtk_label_set_label (GTK_LABEL (label), text);
}

/* A flat button the grid places: the grid holds the focus and moves its cursor over them. */
static GtkWidget *
new_grid_button (GtkWidget  *child,
                 const char *css_class)
{
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), child);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, css_class);
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  ask_for_tooltip (button);
  return button;
}

/* A cell holds its count alone, in a label, until it is first bound to tag numbers: then a box
 * of the count and the numbers (a screenful of cells is a few hundred buttons, and each widget
 * less in them is a few hundred less to style, lay out and draw). */
GtkWidget *
scholia_matrix_cell_new (void)
{
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_add_css_class (count, "numeric");
  return new_grid_button (count, "matrix-cell");
}

static GtkWidget *
cell_count_label (GtkWidget *cell)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (cell));

  return GTK_IS_LABEL (child) ? child : gtk_widget_get_first_child (child);
}

/* The box of tag numbers, made when first needed. */
static GtkWidget *
cell_tags (GtkWidget *cell)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (cell));
  GtkWidget *box, *tags;

  if (!GTK_IS_LABEL (child))
    return gtk_widget_get_last_child (child);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  tags = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  g_object_ref (child);
  gtk_button_set_child (GTK_BUTTON (cell), box);
  gtk_box_append (GTK_BOX (box), child);
  g_object_unref (child);
  gtk_box_append (GTK_BOX (box), tags);
  return tags;
}

static gboolean
has_tags (GtkWidget *cell)
{
  return !GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (cell)));
}

static void
clear_tags (GtkWidget *tags)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (tags)) != NULL)
    gtk_box_remove (GTK_BOX (tags), child);
}

static GtkWidget *
new_tag_number (const char *text,
                const char *colour_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "tag-chip");
  gtk_widget_add_css_class (label, "passage-tag");
  gtk_widget_add_css_class (label, "numeric");
  if (colour_class != NULL)
    gtk_widget_add_css_class (label, colour_class);
  return label;
}

void
scholia_matrix_cell_bind (GtkWidget        *cell,
                          ScholiaMatrixRow *row,
                          ScholiaTheme     *theme,
                          guint             column)
{
  guint count = scholia_matrix_row_get_count (row, column);
  GArray *tag_counts = scholia_matrix_row_get_tag_counts (row, column);
  GtkWidget *tags = tag_counts != NULL || has_tags (cell) ? cell_tags (cell) : NULL;
  const char *theme_name = theme != NULL ? scholia_label_get_display_name (SCHOLIA_LABEL (theme)) : "";
  g_autofree char *author = scholia_passage_row_author_display_name (scholia_matrix_row_get_author (row));
  g_autofree char *tooltip = NULL;

  if (tags != NULL)
    clear_tags (tags);
  if (count == 0)
    {
      /* Silence is part of the answer: the cell stays, dim, and opens nothing. */
      set_label_text (cell_count_label (cell), "—");
      gtk_widget_add_css_class (cell, "silent");
      gtk_widget_set_sensitive (cell, FALSE);
      /* Translators: a cell of the authors × themes table; author, then theme */
      tooltip = g_strdup_printf (_("%s has no passages on “%s”"), author, theme_name);
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%u", count);
      g_autoptr(GString) tag_text = g_string_new (NULL);

      set_label_text (cell_count_label (cell), text);
      gtk_widget_remove_css_class (cell, "silent");
      gtk_widget_set_sensitive (cell, TRUE);

      for (guint i = 0; tag_counts != NULL && i < tag_counts->len; i++)
        {
          ScholiaMatrixTagCount *tag_count = &g_array_index (tag_counts, ScholiaMatrixTagCount, i);
          ScholiaLabel *tag = SCHOLIA_LABEL (tag_count->tag);
          g_autofree char *colour_class = scholia_tag_chip_colour_css_class (scholia_label_get_colour (tag));
          g_autofree char *number = g_strdup_printf ("%u", tag_count->count);

          gtk_box_append (GTK_BOX (tags), new_tag_number (number, colour_class));
          /* Translators: one tag's share in a cell's tooltip, as in "thesis: 3" */
          g_string_append_printf (tag_text, _("\n%s: %u"), scholia_label_get_display_name (tag), tag_count->count);
        }

      /* Translators: a cell of the authors × themes table: author, number, theme */
      tooltip = g_strdup_printf (ngettext ("%s: %u passage on “%s”", "%s: %u passages on “%s”", count),
                                 author, count, theme_name);
      if (tag_text->len > 0)
        {
          char *with_tags = g_strconcat (tooltip, tag_text->str, NULL);

          g_free (tooltip);
          tooltip = with_tags;
        }
    }

  if (tags != NULL)
    gtk_widget_set_visible (tags, gtk_widget_get_first_child (tags) != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  set_tooltip (cell, g_steal_pointer (&tooltip));
}

void
scholia_matrix_cell_measure (GtkWidget *cell,
                             guint      n_chips,
                             int       *width,
                             int       *height)
{
  GtkWidget *tags = cell_tags (cell);

  clear_tags (tags);
  gtk_label_set_label (GTK_LABEL (cell_count_label (cell)), "9999");
  for (guint i = 0; i < n_chips; i++)
    gtk_box_append (GTK_BOX (tags), new_tag_number ("99", NULL));
  gtk_widget_set_visible (tags, n_chips > 0);
  gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, NULL, width, NULL, NULL);
  gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, -1, NULL, height, NULL, NULL);
}

GtkWidget *
scholia_matrix_row_header_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = scholia_seminar_layers_new_dot ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "matrix-row-header");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  /* The name whole, where the label ellipsizes it. */
  ask_for_tooltip (label);
  return box;
}

void
scholia_matrix_row_header_bind (GtkWidget        *header,
                                ScholiaMatrixRow *row)
{
  GtkWidget *dot = gtk_widget_get_first_child (header);
  GtkWidget *label = gtk_widget_get_next_sibling (dot);
  const char *author = scholia_matrix_row_get_author (row);
  const char *colour = scholia_matrix_row_get_colour (row);
  g_autofree char *name = scholia_passage_row_author_display_name (author);

  /* A participant's row shows their colour, the key to the margin's bands. */
  scholia_seminar_layers_set_dot_colour (dot, colour);
  gtk_widget_set_visible (dot, colour != NULL);

  set_label_text (label, name);
  set_tooltip (label, g_steal_pointer (&name));
  if (author[0] == '\0')
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

GtkWidget *
scholia_matrix_column_header_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *arrow = gtk_image_new ();

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), arrow);
  return new_grid_button (box, "matrix-column-header");
}

void
scholia_matrix_column_header_bind (GtkWidget   *header,
                                   const char  *title,
                                   gboolean     sorted,
                                   GtkSortType  order)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_button_get_child (GTK_BUTTON (header)));
  GtkWidget *arrow = gtk_widget_get_next_sibling (label);
  g_autofree char *description = NULL;

  set_label_text (label, title);
  gtk_image_set_from_icon_name (GTK_IMAGE (arrow), order == GTK_SORT_ASCENDING ? "pan-up-symbolic" : "pan-down-symbolic");
  gtk_widget_set_visible (arrow, sorted);
  /* Translators: the tooltip of a column's title in the authors × themes table */
  description = g_strdup_printf (_("Sort by “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (header),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  GTK_ACCESSIBLE_PROPERTY_SORT,
                                  !sorted ? GTK_ACCESSIBLE_SORT_NONE :
                                  order == GTK_SORT_ASCENDING ? GTK_ACCESSIBLE_SORT_ASCENDING : GTK_ACCESSIBLE_SORT_DESCENDING,
                                  -1);
  set_tooltip (header, g_steal_pointer (&description));
}

/* The header's natural width for a title, at most MAX_HEADER_WIDTH: measured with a layout of
 * the title in the header's font, not by binding it (200 themes, every time the rows change). */
int
scholia_matrix_column_header_measure (GtkWidget  *header,
                                      const char *title)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_button_get_child (GTK_BUTTON (header)));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, title);
  int padding, text_width;

  gtk_label_set_label (GTK_LABEL (label), "");
  gtk_widget_set_visible (gtk_widget_get_next_sibling (label), TRUE);
  gtk_widget_measure (header, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &padding, NULL, NULL);
  pango_layout_get_pixel_size (layout, &text_width, NULL);
  return MIN (padding + text_width, MAX_HEADER_WIDTH);
}

/* The tooltip a user hovering a cell, a row's name or a column's title reads; NULL before it
 * is first bound. */
const char *
scholia_matrix_cell_get_tooltip (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());
}
