/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <stdio.h>

#include "scholia-document-page.h"
#include "scholia-reading-view.h"
#include "scholia-startup-probe.h"

#define PROBE_ENVIRONMENT "SCHOLIA_REPORT_TEXT_ON_SCREEN"

/* Whether the frame just painted showed the essay: a frame paints every mapped widget with a
 * size, and a text view lays out the lines on screen before it is drawn. */
static gboolean
essay_text_is_shown (ScholiaWindow *window)
{
  ScholiaDocumentPage *page = scholia_window_get_document_page (window);
  GtkWidget *text_view;
  GtkTextBuffer *buffer;

  if (page == NULL || scholia_document_page_get_document (page) == NULL)
    return FALSE;
  text_view = GTK_WIDGET (scholia_reading_view_get_source_view (scholia_document_page_get_reading_view (page)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  return gtk_widget_get_mapped (text_view) && gtk_widget_get_height (text_view) > 0 &&
         gtk_widget_get_width (text_view) > 0 && gtk_text_buffer_get_char_count (buffer) > 0;
}

static void
on_frame_clock_after_paint_cb (GdkFrameClock *frame_clock,
                               ScholiaWindow *window)
{
  if (!essay_text_is_shown (window))
    return;

  printf ("text-on-screen %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (frame_clock, on_frame_clock_after_paint_cb, window);
}

static void
on_window_realize_cb (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_frame_clock_after_paint_cb), window, 0);
}

void
scholia_startup_probe_watch (ScholiaWindow *window)
{
  g_return_if_fail (SCHOLIA_IS_WINDOW (window));

  if (g_getenv (PROBE_ENVIRONMENT) == NULL)
    return;
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realize_cb (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
}
