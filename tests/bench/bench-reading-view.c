/* SPDX-License-Identifier: GPL-3.0-or-later */

/* How long a reader waits between asking for a long essay and seeing it,
 * and between jumping to its end and seeing that. */

#include "config.h"

#include <adwaita.h>

#include "scholia-reading-view.h"

#define DOCUMENT_BYTES (1024 * 1024)

static const char * const words[] = {
  "archive", "ledger", "parish", "harvest", "council", "merchant", "river",
  "charter", "abbey", "witness", "grain", "tithe", "market", "winter",
  "quarrel", "bishop", "weaver", "toll", "bridge", "record", "the", "of",
  "and", "a", "in", "was", "were", "by", "its", "after", "before", "under",
};

/* Original filler: sentences of five to sixteen words picked from the
 * list above, six to a paragraph, from a fixed seed so every run reads
 * the same text. */
static char *
generate_document (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1848);
  GString *text = g_string_sized_new (DOCUMENT_BYTES + 256);
  int sentence = 0;

  while (text->len < DOCUMENT_BYTES)
    {
      int n_words = g_rand_int_range (rand, 5, 17);

      for (int i = 0; i < n_words; i++)
        {
          const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

          if (i == 0)
            {
              g_string_append_unichar (text, g_unichar_toupper (word[0]));
              g_string_append (text, word + 1);
            }
          else
            {
              g_string_append_c (text, ' ');
              g_string_append (text, word);
            }
        }

      g_string_append (text, ++sentence % 6 == 0 ? ".\n\n" : ". ");
    }

  return g_string_free (text, FALSE);
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  gboolean *painted = user_data;

  *painted = TRUE;
}

/* Iterates until the window has painted a frame after this call. */
static void
wait_for_paint (GtkWidget *window)
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

static gboolean
insert_is_visible (GtkTextView *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GdkRectangle visible, location;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_location (text_view, &iter, &location);

  return location.y >= visible.y && location.y + location.height <= visible.y + visible.height;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *text = NULL;
  ScholiaReadingView *view;
  GtkWidget *window;
  gint64 begin;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: skipping the reading view benchmark\n");
      return 77;
    }

  gtk_init ();
  adw_init ();

  text = generate_document ();

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  view = SCHOLIA_READING_VIEW (scholia_reading_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (window);

  begin = g_get_monotonic_time ();
  scholia_reading_view_set_document (view, "A Benchmark Essay", "Nobody", text);
  wait_for_paint (window);
  g_print ("open 1 MB document: %" G_GINT64_FORMAT " ms\n", (g_get_monotonic_time () - begin) / 1000);

  begin = g_get_monotonic_time ();
  scholia_reading_view_select_range (view, g_utf8_strlen (text, -1) - 10, g_utf8_strlen (text, -1));
  /* Scrolling into unmeasured text can take several frames. */
  do
    wait_for_paint (window);
  while (!insert_is_visible (GTK_TEXT_VIEW (scholia_reading_view_get_source_view (view))));
  g_print ("jump to end of 1 MB document: %" G_GINT64_FORMAT " ms\n", (g_get_monotonic_time () - begin) / 1000);

  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}
