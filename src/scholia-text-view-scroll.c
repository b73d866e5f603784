/* SPDX-License-Identifier: GPL-3.0-or-later */

/* GtkTextView measures lines lazily, in idle time, from the top of the text down, and counts a
 * line it has not measured yet as zero pixels high. In a 1 MB essay that takes seconds, and
 * gtk_text_view_scroll_to_mark() only scrolls once it has measured the lines around the target,
 * which GTK 4.8 leaves pending until the whole text is measured: Ctrl+End took 2-4 s.
 *
 * So a far jump goes in two steps, a frame each. First, while the caret's line is unmeasured,
 * the scroll is queued and a new allocation forced, in which the view measures a few screens
 * around the caret (only those: the lines between stay zero high). Then, the caret's line being
 * measured and every line on screen with it, the adjustment is set directly, from the caret's
 * position among lines that are measured. The lines above, measured later, push everything down
 * together; GTK moves the view with them, except at the foot of the text, where it clamps the
 * view to the old height: there the view is kept at the foot until the measuring is done or the
 * reader scrolls. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-text-view-scroll.h"

#define SCROLL_TICK_KEY "scholia-scroll-to-insert-tick"

typedef struct
{
  GtkTextView *text_view;
  guint        frames;
  /* Once the caret is on screen at the foot of the text: the adjustment value that keeps it
   * there, and how many frames the text's height has not changed. */
  gboolean     at_foot;
  double       foot_value;
  guint        steady_frames;
} ScrollTick;

/* About ten seconds at 60 frames per second: a bound so that a target the
 * view can never show does not keep the frame clock running. */
#define MAX_SCROLL_FRAMES 600

/* A second without a line measured: the view has measured the whole text. */
#define STEADY_FRAMES 60

static void
scroll_tick_free (gpointer data)
{
  ScrollTick *tick = data;

  g_object_set_data (G_OBJECT (tick->text_view), SCROLL_TICK_KEY, NULL);
  g_free (tick);
}

static void
get_insert_iter (GtkTextView *text_view,
                 GtkTextIter *iter)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);

  gtk_text_buffer_get_iter_at_mark (buffer, iter, gtk_text_buffer_get_insert (buffer));
}

/* How far to scroll down (negative: up) to show the caret a tenth of the view away from the
 * edges, as gtk_text_view_scroll_to_mark() does with that margin. */
static double
distance_to_insert (GtkTextView *text_view)
{
  GdkRectangle visible, location;
  GtkTextIter iter;
  double margin;

  get_insert_iter (text_view, &iter);
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_location (text_view, &iter, &location);
  margin = 0.1 * visible.height;

  if (location.y < visible.y + margin)
    return location.y - (visible.y + margin);
  if (location.y + location.height > visible.y + visible.height - margin)
    return location.y + location.height - (visible.y + visible.height - margin);
  return 0;
}

static gboolean
insert_is_visible (GtkTextView *text_view)
{
  GdkRectangle visible, location;
  GtkTextIter iter;

  get_insert_iter (text_view, &iter);
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_location (text_view, &iter, &location);

  return location.y >= visible.y &&
         location.y + location.height <= visible.y + visible.height;
}

static double
foot_value (GtkAdjustment *adjustment)
{
  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
}

static void
scroll_once (GtkTextView *text_view)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (text_view));
  GtkTextIter iter;
  int line_y, line_height;
  double distance;

  get_insert_iter (text_view, &iter);
  gtk_text_view_get_line_yrange (text_view, &iter, &line_y, &line_height);
  if (line_height == 0 || vadjustment == NULL)
    {
      gtk_text_view_scroll_to_mark (text_view,
                                    gtk_text_buffer_get_insert (gtk_text_view_get_buffer (text_view)),
                                    0.1, FALSE, 0.0, 0.0);
      gtk_widget_queue_resize (GTK_WIDGET (text_view));
      return;
    }

  distance = distance_to_insert (text_view);
  if (distance != 0)
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + distance);
}

/* Keeps a caret shown at the foot of the text there while the lines above it are measured:
 * FALSE once they are, or once the reader has scrolled away. */
static gboolean
keep_at_foot (ScrollTick *tick)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (tick->text_view));
  double value = gtk_adjustment_get_value (vadjustment);

  if (value < tick->foot_value - 1)
    return FALSE;

  if (foot_value (vadjustment) == tick->foot_value)
    return ++tick->steady_frames < STEADY_FRAMES;

  tick->steady_frames = 0;
  tick->foot_value = foot_value (vadjustment);
  gtk_adjustment_set_value (vadjustment, tick->foot_value);
  return TRUE;
}

static gboolean
on_scroll_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  ScrollTick *tick = user_data;
  GtkAdjustment *vadjustment;

  if (tick->at_foot)
    return keep_at_foot (tick) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;

  if (++tick->frames > MAX_SCROLL_FRAMES)
    return G_SOURCE_REMOVE;

  if (!insert_is_visible (tick->text_view))
    {
      scroll_once (tick->text_view);
      return G_SOURCE_CONTINUE;
    }

  /* Shown; only a caret at the foot of a text taller than the view needs more. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (tick->text_view));
  if (vadjustment == NULL || foot_value (vadjustment) <= 0 ||
      gtk_adjustment_get_value (vadjustment) < foot_value (vadjustment) - 1)
    return G_SOURCE_REMOVE;

  tick->at_foot = TRUE;
  tick->foot_value = foot_value (vadjustment);
  tick->steady_frames = 0;
  return G_SOURCE_CONTINUE;
}

/**
 * scholia_text_view_scroll_to_insert:
 * @text_view: a #GtkTextView
 *
 * Scrolls @text_view until its caret is on screen, over as many frames as
 * the view needs to measure the lines around it.
 */
void
scholia_text_view_scroll_to_insert (GtkTextView *text_view)
{
  ScrollTick *tick;

  g_return_if_fail (GTK_IS_TEXT_VIEW (text_view));

  scroll_once (text_view);

  tick = g_object_get_data (G_OBJECT (text_view), SCROLL_TICK_KEY);
  if (tick != NULL)
    {
      tick->frames = 0;
      tick->at_foot = FALSE;
      return;
    }

  tick = g_new0 (ScrollTick, 1);
  tick->text_view = text_view;
  gtk_widget_add_tick_callback (GTK_WIDGET (text_view), on_scroll_tick_cb, tick, scroll_tick_free);
  g_object_set_data (G_OBJECT (text_view), SCROLL_TICK_KEY, tick);
}
