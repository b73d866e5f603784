/* SPDX-License-Identifier: GPL-3.0-or-later */

/* GtkTextView measures lines lazily, in idle time, and counts lines it has
 * not measured yet as zero pixels high. gtk_text_view_scroll_to_mark() on a
 * long document therefore stops short of a far target: the scrollable
 * height is still an underestimate when it runs. Scrolling again on each
 * frame, until the caret is on screen, reaches the target as the
 * measurements come in; once it is on screen the view keeps it there. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-text-view-scroll.h"

#define SCROLL_TICK_KEY "scholia-scroll-to-insert-tick"

/* About ten seconds at 60 frames per second: a bound so that a target the
 * view can never show does not keep the frame clock running. */
#define MAX_SCROLL_FRAMES 600

typedef struct
{
  GtkTextView *text_view;
  guint        frames;
} ScrollTick;

static void
scroll_tick_free (gpointer data)
{
  ScrollTick *tick = data;

  g_object_set_data (G_OBJECT (tick->text_view), SCROLL_TICK_KEY, NULL);
  g_free (tick);
}

static gboolean
insert_is_visible (GtkTextView *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GdkRectangle visible, location;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_location (text_view, &iter, &location);

  return location.y >= visible.y &&
         location.y + location.height <= visible.y + visible.height;
}

static void
scroll_once (GtkTextView *text_view)
{
  gtk_text_view_scroll_to_mark (text_view,
                                gtk_text_buffer_get_insert (gtk_text_view_get_buffer (text_view)),
                                0.1, FALSE, 0.0, 0.0);
}

static gboolean
on_scroll_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  ScrollTick *tick = user_data;

  if (insert_is_visible (tick->text_view) || ++tick->frames > MAX_SCROLL_FRAMES)
    return G_SOURCE_REMOVE;

  scroll_once (tick->text_view);
  return G_SOURCE_CONTINUE;
}

/**
 * scholia_text_view_scroll_to_insert:
 * @text_view: a #GtkTextView
 *
 * Scrolls @text_view until its caret is on screen, over as many frames as
 * the view needs to measure the lines before it.
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
      return;
    }

  tick = g_new0 (ScrollTick, 1);
  tick->text_view = text_view;
  gtk_widget_add_tick_callback (GTK_WIDGET (text_view), on_scroll_tick_cb, tick, scroll_tick_free);
  g_object_set_data (G_OBJECT (text_view), SCROLL_TICK_KEY, tick);
}
