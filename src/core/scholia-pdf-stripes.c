/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-pdf-export-private.h"

/* Coding stripes, as qualitative-analysis programs print them: beside the lines each tag
 * covers, a thin vertical stripe in the tag's colour, its name in small type running down
 * beside it from the stripe's start. They stand in the inner margin, in a band from
 * STRIPE_NEAR to STRIPE_FAR points off the text column (paragraph numbers stand further out),
 * one column per stripe, the columns nearest the text first. Stripes that do not overlap
 * (their labels included) share a column, so three columns hold most pages. A page where four
 * tags overlap narrows its columns, stripes and labels by a quarter (labels of 3.4 pt) to fit
 * four; narrower would not be legible, so beyond four a stripe that finds no column shares
 * the one that frees soonest, drawn over its end. */
#define STRIPE_NEAR        2.0
#define STRIPE_FAR         20.0
#define STRIPE_WIDTH       1.2
#define STRIPE_LABEL_GAP   0.6
#define STRIPE_LABEL_SIZE  4.5
#define COLUMN_PITCH       6.0
/* The writer's layouts round glyph positions to whole points, which at 4.5 pt spaces the
 * letters of a label unevenly: labels are laid out this many times larger and drawn scaled
 * down (narrowed labels, further down). */
#define LABEL_MAGNIFY      10.0
#define MAX_COLUMNS        4

typedef struct
{
  const Stripe *stripe;
  double        length;  /* of the label, along the stripe */
  double        end;     /* where the stripe or its label ends, whichever is lower */
  int           column;
} PlacedStripe;

static void
fill_stripe (cairo_t      *cr,
             const KeyTag *key_tag,
             double        x,
             double        width,
             double        top,
             double        bottom)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, key_tag->rgb[0], key_tag->rgb[1], key_tag->rgb[2]);
  cairo_rectangle (cr, x, top, width, bottom - top);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
scholia_pdf_draw_stripe (cairo_t      *cr,
                         const KeyTag *key_tag,
                         double        x,
                         double        top,
                         double        bottom)
{
  fill_stripe (cr, key_tag, x, STRIPE_WIDTH, top, bottom);
}

static int
compare_stripes_by_tag (gconstpointer a,
                        gconstpointer b)
{
  const Stripe *left = a;
  const Stripe *right = b;

  if (left->key_tag->index != right->key_tag->index)
    return left->key_tag->index < right->key_tag->index ? -1 : 1;
  return (left->top > right->top) - (left->top < right->top);
}

static int
compare_placed_by_top (gconstpointer a,
                       gconstpointer b)
{
  const PlacedStripe *left = a;
  const PlacedStripe *right = b;

  if (left->stripe->top != right->stripe->top)
    return left->stripe->top < right->stripe->top ? -1 : 1;
  return left->stripe->key_tag->index < right->stripe->key_tag->index ? -1 : 1;
}

/* One stripe per tag and run of neighbouring lines: the lines recorded one by one (a line once
 * per span and tag over it) are merged when they overlap or follow each other. */
static void
merge_stripes (Export *export)
{
  GArray *stripes = export->stripes;
  guint kept = 0;

  g_array_sort (stripes, compare_stripes_by_tag);
  for (guint i = 0; i < stripes->len; i++)
    {
      Stripe *stripe = &g_array_index (stripes, Stripe, i);
      Stripe *last = kept > 0 ? &g_array_index (stripes, Stripe, kept - 1) : NULL;

      /* The next line's wash starts about half a line below this one's end. */
      if (last != NULL && last->key_tag == stripe->key_tag && stripe->top <= last->bottom + 0.6 * export->font_size)
        last->bottom = MAX (last->bottom, stripe->bottom);
      else
        g_array_index (stripes, Stripe, kept++) = *stripe;
    }
  g_array_set_size (stripes, kept);
}

/* Gives each stripe, from the top, the column nearest the text that is free at its start;
 * returns how many columns the page needs (at most MAX_COLUMNS). */
static int
assign_columns (GArray *placed)
{
  double column_end[MAX_COLUMNS];
  int n_columns = 0;

  for (guint i = 0; i < placed->len; i++)
    {
      PlacedStripe *place = &g_array_index (placed, PlacedStripe, i);
      int column = -1;

      for (int c = 0; c < n_columns && column < 0; c++)
        if (column_end[c] + 1.0 <= place->stripe->top)
          column = c;
      if (column < 0 && n_columns < MAX_COLUMNS)
        column = n_columns++;
      if (column < 0)
        {
          column = 0;
          for (int c = 1; c < n_columns; c++)
            if (column_end[c] < column_end[column])
              column = c;
        }
      place->column = column;
      column_end[column] = MAX (column_end[column], place->end);
    }
  return n_columns;
}

/* The tag's name, @size points high, runs down beside its stripe from @top, rotated a quarter
 * turn clockwise (the tops of its letters to the right, as on a book's spine) and set off the
 * stripe at @x: its ink ends at @x when it stands left of the stripe, starts there when it
 * stands right. */
static void
draw_label (cairo_t      *cr,
            const KeyTag *key_tag,
            double        size,
            double        x,
            gboolean      beside_left,
            double        top)
{
  double scale = size / (STRIPE_LABEL_SIZE * LABEL_MAGNIFY * PANGO_SCALE);
  PangoRectangle ink;

  pango_layout_get_extents (key_tag->stripe_label, &ink, NULL);
  cairo_save (cr);
  cairo_set_source_rgb (cr, key_tag->rgb[0] * 0.75, key_tag->rgb[1] * 0.75, key_tag->rgb[2] * 0.75);
  if (beside_left)
    cairo_translate (cr, x + ink.y * scale, top - ink.x * scale);
  else
    cairo_translate (cr, x + (ink.y + ink.height) * scale, top - ink.x * scale);
  cairo_rotate (cr, G_PI / 2);
  cairo_scale (cr, scale * PANGO_SCALE, scale * PANGO_SCALE);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, key_tag->stripe_label);
  cairo_restore (cr);
}

void
scholia_pdf_export_draw_stripes (Export               *export,
                                 const ScholiaPdfRect *text,
                                 const ScholiaPdfRect *margin)
{
  g_autoptr(GArray) placed = NULL;
  /* The inner margin is the side away from the notes: left on odd pages and on every page of
   * a one-sided export, right on mirrored even pages. */
  gboolean inner_left = margin->x > text->x;
  double edge = inner_left ? text->x : text->x + text->width;
  double narrowing = 1.0;
  int n_columns;

  if (export->stripes->len == 0)
    return;

  merge_stripes (export);
  placed = g_array_sized_new (FALSE, FALSE, sizeof (PlacedStripe), export->stripes->len);
  for (guint i = 0; i < export->stripes->len; i++)
    {
      const Stripe *stripe = &g_array_index (export->stripes, Stripe, i);
      PlacedStripe place = { stripe, 0, 0, 0 };
      PangoRectangle ink;

      /* Laid out once per tag, for all its stripes. */
      if (stripe->key_tag->stripe_label == NULL)
        {
          stripe->key_tag->stripe_label = scholia_pdf_writer_create_layout (export->writer, -1,
                                                                            STRIPE_LABEL_SIZE * LABEL_MAGNIFY,
                                                                            PANGO_STYLE_NORMAL, PANGO_WEIGHT_NORMAL);
          pango_layout_set_text (stripe->key_tag->stripe_label,
                                 scholia_label_get_display_name (SCHOLIA_LABEL (stripe->key_tag->tag)), -1);
        }
      pango_layout_get_extents (stripe->key_tag->stripe_label, &ink, NULL);
      place.length = ink.width / (double) PANGO_SCALE / LABEL_MAGNIFY;
      place.end = MAX (stripe->bottom, stripe->top + place.length);
      g_array_append_val (placed, place);
    }
  g_array_sort (placed, compare_placed_by_top);
  n_columns = assign_columns (placed);

  /* More columns than the band holds at full size: narrower columns, stripes and labels (which,
   * shorter, cannot make stripes that did not overlap overlap). */
  if (n_columns * COLUMN_PITCH > STRIPE_FAR - STRIPE_NEAR)
    narrowing = (STRIPE_FAR - STRIPE_NEAR) / (n_columns * COLUMN_PITCH);

  for (guint i = 0; i < placed->len; i++)
    {
      PlacedStripe *place = &g_array_index (placed, PlacedStripe, i);
      const KeyTag *key_tag = place->stripe->key_tag;
      double near = STRIPE_NEAR + place->column * COLUMN_PITCH * narrowing;
      double width = STRIPE_WIDTH * narrowing;
      double gap = STRIPE_LABEL_GAP * narrowing;
      double stripe_x = inner_left ? edge - near - width : edge + near;

      fill_stripe (export->cr, key_tag, stripe_x, width, place->stripe->top, place->stripe->bottom);
      if (inner_left)
        draw_label (export->cr, key_tag, STRIPE_LABEL_SIZE * narrowing, stripe_x - gap, TRUE, place->stripe->top);
      else
        draw_label (export->cr, key_tag, STRIPE_LABEL_SIZE * narrowing, stripe_x + width + gap, FALSE,
                    place->stripe->top);
    }
}
