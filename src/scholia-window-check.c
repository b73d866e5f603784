/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A library opened before its page-by-page check (scholia_store_open_checking_later()) is
 * checked once the window has painted its first frame with it: reading a large file through
 * would hold the essay back for seconds. A large library's essays get their counts of
 * annotations then too. Until the check is done the pointer says the window
 * is busy (a change made meanwhile waits for it); scholia-window.c closes a damaged library. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-window-private.h"

static void
on_check_finished_cb (ScholiaWindow *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

typedef struct
{
  ScholiaWindow *window;
  ScholiaStore  *store;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_object_unref (pending->window);
  g_object_unref (pending->store);
  g_free (pending);
}

static gboolean
count_and_check_cb (gpointer user_data)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;

  /* The window may have closed, or opened another library, since. */
  if (pending->window->store != pending->store)
    return G_SOURCE_REMOVE;
  /* A damaged library may fail here: the check that follows refuses it. */
  if (!scholia_store_load_annotation_counts (pending->store, &error))
    g_debug ("Could not count the essays’ annotations: %s", error->message);
  scholia_store_start_check (pending->store);
  return G_SOURCE_REMOVE;
}

/* Not in the frame's own "after-paint": the essay's text is painted in the first frame, and
 * whatever else watches that frame (the opening benchmark's probe among them) should not wait
 * for 10,000 essays' counts (50 ms of processor time). */
static void
on_frame_clock_after_paint_cb (GdkFrameClock *frame_clock,
                               ScholiaWindow *self)
{
  Pending *pending;

  g_signal_handlers_disconnect_by_func (frame_clock, on_frame_clock_after_paint_cb, self);
  if (self->store == NULL)
    return;
  pending = g_new (Pending, 1);
  pending->window = g_object_ref (self);
  pending->store = g_object_ref (self->store);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, count_and_check_cb, pending, pending_free);
}

static void
watch_first_frame (ScholiaWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, watch_first_frame, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_frame_clock_after_paint_cb), self, 0);
}

void
_scholia_window_check_after_first_frame (ScholiaWindow *self)
{
  g_signal_connect_object (self->store, "check-finished", G_CALLBACK (on_check_finished_cb),
                           self, G_CONNECT_SWAPPED);
  /* Busy, though it still answers: what "progress" says. */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "progress");

  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    watch_first_frame (self);
  else
    g_signal_connect (self, "realize", G_CALLBACK (watch_first_frame), NULL);
}
