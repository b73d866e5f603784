/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-focus-return.h"

#define RETURN_KEY "scholia-focus-return"

/* Where the focus goes back to, and, for a text view, the selection it had: on X11 another
 * widget selecting text (the picker's entry after Enter) takes the PRIMARY selection, and the
 * text view drops its own. */
typedef struct
{
  GWeakRef widget;
  int      selection_start;
  int      selection_end;   /* == selection_start: none */
} Return;

static void
return_free (Return *ret)
{
  g_weak_ref_clear (&ret->widget);
  g_free (ret);
}

static void
restore_selection (GtkTextView *view,
                   Return      *ret)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  if (ret->selection_end == ret->selection_start ||
      gtk_text_buffer_get_has_selection (buffer) ||
      ret->selection_end > gtk_text_buffer_get_char_count (buffer))
    return;
  gtk_text_buffer_get_iter_at_offset (buffer, &start, ret->selection_start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, ret->selection_end);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

/* After GTK has settled the focus itself (a popover gives it to its button). */
static gboolean
return_focus_cb (gpointer data)
{
  Return *ret = data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&ret->widget);
  GtkRoot *root;

  if (widget == NULL || (root = gtk_widget_get_root (widget)) == NULL || !gtk_widget_is_visible (widget))
    return G_SOURCE_REMOVE;

  if (GTK_IS_WINDOW (root) && !gtk_window_is_active (GTK_WINDOW (root)))
    gtk_window_present (GTK_WINDOW (root));
  gtk_widget_grab_focus (widget);
  if (GTK_IS_TEXT_VIEW (widget))
    restore_selection (GTK_TEXT_VIEW (widget), ret);
  return G_SOURCE_REMOVE;
}

static void
on_closed_cb (GtkWidget *surface)
{
  Return *ret = g_object_steal_data (G_OBJECT (surface), RETURN_KEY);

  if (ret != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, return_focus_cb, ret, (GDestroyNotify) return_free);
}

void
scholia_focus_return_when_closed (GtkWidget *surface,
                                  GtkWidget *widget)
{
  Return *ret;

  g_return_if_fail (GTK_IS_POPOVER (surface) || GTK_IS_WINDOW (surface));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (widget == NULL)
    {
      g_object_set_data (G_OBJECT (surface), RETURN_KEY, NULL);
      return;
    }

  if (g_object_get_data (G_OBJECT (surface), RETURN_KEY "-watched") == NULL)
    {
      g_signal_connect (surface, GTK_IS_POPOVER (surface) ? "closed" : "destroy", G_CALLBACK (on_closed_cb), NULL);
      g_object_set_data (G_OBJECT (surface), RETURN_KEY "-watched", GINT_TO_POINTER (TRUE));
    }

  ret = g_new0 (Return, 1);
  g_weak_ref_init (&ret->widget, widget);
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextIter start, end;

      if (gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), &start, &end))
        {
          ret->selection_start = gtk_text_iter_get_offset (&start);
          ret->selection_end = gtk_text_iter_get_offset (&end);
        }
    }
  g_object_set_data_full (G_OBJECT (surface), RETURN_KEY, ret, (GDestroyNotify) return_free);
}
