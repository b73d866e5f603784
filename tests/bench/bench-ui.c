/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bench-ui.h"

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

void
bench_wait_for_paint (GtkWidget *window)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong handler;

  handler = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (frame_clock, handler);
}

gboolean
bench_caret_is_visible (GtkTextView *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GdkRectangle visible, location;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_location (text_view, &iter, &location);

  return location.y >= visible.y && location.y + location.height <= visible.y + visible.height;
}
