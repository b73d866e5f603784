/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A large library is checked page by page after it shows rather than before (see
 * scholia-store-integrity.c): reading 500 MB would hold the window back for seconds. Damage
 * found then is reported in a toast. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-window-private.h"

static void
on_integrity_checked_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      data)
{
  g_autoptr(ScholiaWindow) self = data;
  g_autoptr(GError) error = NULL;
  gboolean whole = scholia_store_check_integrity_finish (SCHOLIA_STORE (source), result, &error);

  /* Only about the library the window still shows (none once it closed). */
  if (!whole && self->store == SCHOLIA_STORE (source))
    _scholia_window_add_message_toast (self, error->message);
}

static void
on_frame_clock_after_paint_cb (GdkFrameClock *frame_clock,
                               ScholiaWindow *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, on_frame_clock_after_paint_cb, self);
  if (self->store != NULL && !scholia_store_get_integrity_checked (self->store))
    scholia_store_check_integrity_async (self->store, NULL, on_integrity_checked_cb,
                                         g_object_ref (self));
}

static void
watch_first_frame (ScholiaWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, watch_first_frame, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_frame_clock_after_paint_cb), self, 0);
}

void
_scholia_window_check_integrity (ScholiaWindow *self)
{
  if (self->store == NULL || scholia_store_get_integrity_checked (self->store))
    return;

  /* After the window's next frame: the essay shows before the disk is read through. */
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    watch_first_frame (self);
  else
    g_signal_connect (self, "realize", G_CALLBACK (watch_first_frame), NULL);
}
