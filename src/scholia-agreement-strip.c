/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-agreement-strip.h"

#include <glib/gi18n.h>

#define STRIP_WIDTH 6
#define STRIP_GAP   2
/* The faintest shade, for one participant among many: still visible on any background. */
#define MIN_ALPHA   0.15

struct _ScholiaAgreementStrip
{
  GtkSourceGutterRenderer  parent_instance;

  ScholiaAgreement        *agreement;
  GdkRGBA                  colour;
};

G_DEFINE_FINAL_TYPE (ScholiaAgreementStrip, scholia_agreement_strip, GTK_SOURCE_TYPE_GUTTER_RENDERER)

double
scholia_agreement_strip_get_share (ScholiaAgreementStrip *self,
                                   guint                  start,
                                   guint                  end)
{
  const ScholiaAgreementSegment *segments;
  guint n_segments;
  guint low = 0;
  guint high;
  guint most = 0;

  g_return_val_if_fail (SCHOLIA_IS_AGREEMENT_STRIP (self), 0);

  if (self->agreement == NULL || scholia_agreement_get_n_participants (self->agreement) == 0)
    return 0;

  segments = scholia_agreement_get_segments (self->agreement, &n_segments);
  /* The first segment ending after @start: segments are in text order and do not overlap. */
  high = n_segments;
  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (segments[middle].end <= start)
        low = middle + 1;
      else
        high = middle;
    }
  for (guint i = low; i < n_segments && segments[i].start < end; i++)
    most = MAX (most, segments[i].n_marking);

  return (double) most / scholia_agreement_get_n_participants (self->agreement);
}

static void
scholia_agreement_strip_snapshot_line (GtkSourceGutterRenderer *renderer,
                                       GtkSnapshot             *snapshot,
                                       GtkSourceGutterLines    *lines,
                                       guint                    line)
{
  ScholiaAgreementStrip *self = SCHOLIA_AGREEMENT_STRIP (renderer);
  GtkTextView *view = gtk_source_gutter_lines_get_view (lines);
  GtkTextIter iter;
  int cell_y, cell_height;
  int line_y, line_height;

  if (self->agreement == NULL)
    return;

  gtk_source_gutter_lines_get_line_yrange (lines, line, GTK_SOURCE_GUTTER_RENDERER_ALIGNMENT_MODE_CELL,
                                           &cell_y, &cell_height);
  gtk_source_gutter_lines_get_iter_at_line (lines, &iter, line);
  gtk_text_view_get_line_yrange (view, &iter, &line_y, &line_height);

  /* One shade per display line of a wrapped paragraph: agreement changes within it. */
  while (TRUE)
    {
      GtkTextIter next = iter;
      gboolean last = !gtk_text_view_forward_display_line (view, &next) ||
                      gtk_text_iter_get_line (&next) != (int) line;
      GdkRectangle location;
      GdkRGBA shade = self->colour;
      guint start = gtk_text_iter_get_offset (&iter);
      guint end;
      double share;

      if (last)
        {
          next = iter;
          if (!gtk_text_iter_ends_line (&next))
            gtk_text_iter_forward_to_line_end (&next);
        }
      end = gtk_text_iter_get_offset (&next);

      share = scholia_agreement_strip_get_share (self, start, MAX (end, start + 1));
      if (share > 0)
        {
          gtk_text_view_get_iter_location (view, &iter, &location);
          shade.alpha = MIN_ALPHA + (1 - MIN_ALPHA) * share;
          gtk_snapshot_append_color (snapshot, &shade,
                                     &GRAPHENE_RECT_INIT (STRIP_GAP, cell_y + (location.y - line_y),
                                                          STRIP_WIDTH, location.height));
        }

      if (last)
        break;
      iter = next;
    }
}

static void
scholia_agreement_strip_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = STRIP_WIDTH + 2 * STRIP_GAP;
  else
    *minimum = *natural = 0;
}

static void
scholia_agreement_strip_finalize (GObject *object)
{
  ScholiaAgreementStrip *self = SCHOLIA_AGREEMENT_STRIP (object);

  g_clear_pointer (&self->agreement, scholia_agreement_free);

  G_OBJECT_CLASS (scholia_agreement_strip_parent_class)->finalize (object);
}

static void
scholia_agreement_strip_class_init (ScholiaAgreementStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkSourceGutterRendererClass *renderer_class = GTK_SOURCE_GUTTER_RENDERER_CLASS (klass);

  object_class->finalize = scholia_agreement_strip_finalize;
  widget_class->measure = scholia_agreement_strip_measure;
  renderer_class->snapshot_line = scholia_agreement_strip_snapshot_line;
}

static void
scholia_agreement_strip_init (ScholiaAgreementStrip *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agreement map"),
                                  -1);
}

GtkSourceGutterRenderer *
scholia_agreement_strip_new (void)
{
  return g_object_new (SCHOLIA_TYPE_AGREEMENT_STRIP, NULL);
}

void
scholia_agreement_strip_set_agreement (ScholiaAgreementStrip *self,
                                       ScholiaAgreement      *agreement,
                                       const char            *colour)
{
  g_return_if_fail (SCHOLIA_IS_AGREEMENT_STRIP (self));

  g_clear_pointer (&self->agreement, scholia_agreement_free);
  self->agreement = agreement;
  if (colour == NULL || !gdk_rgba_parse (&self->colour, colour))
    gdk_rgba_parse (&self->colour, "#3584e4");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

ScholiaAgreement *
scholia_agreement_strip_get_agreement (ScholiaAgreementStrip *self)
{
  g_return_val_if_fail (SCHOLIA_IS_AGREEMENT_STRIP (self), NULL);

  return self->agreement;
}

const GdkRGBA *
scholia_agreement_strip_get_colour (ScholiaAgreementStrip *self)
{
  g_return_val_if_fail (SCHOLIA_IS_AGREEMENT_STRIP (self), NULL);

  return &self->colour;
}
