/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-search-bar.h"
#include "scholia-accessible.h"

#include <glib/gi18n.h>

#include "scholia-text-view-scroll.h"

/* The longest selection that begin() copies into the entry: anything longer
 * is a passage the reader is working on, not a word to look for. */
#define MAX_PREFILL_CHARS 80

struct _ScholiaSearchBar
{
  GtkWidget                parent_instance;

  GtkSearchBar            *search_bar;
  GtkSearchEntry          *entry;
  GtkLabel                *count_label;

  GtkSourceView           *view;
  GtkSourceBuffer         *buffer;
  GtkSourceSearchSettings *settings;
  GtkSourceSearchContext  *context;
  /* Where the reader was when the search began: each new query looks
   * forward from here, so typing more letters refines the same match
   * instead of skipping ahead. */
  GtkTextMark             *start_mark;
  GCancellable            *cancellable;
};

G_DEFINE_FINAL_TYPE (ScholiaSearchBar, scholia_search_bar, GTK_TYPE_WIDGET)

static gboolean
has_query (ScholiaSearchBar *self)
{
  const char *text = gtk_source_search_settings_get_search_text (self->settings);

  return self->context != NULL && text != NULL && text[0] != '\0';
}

static void
update_count_label (ScholiaSearchBar *self)
{
  g_autofree char *label = NULL;
  GtkTextIter start, end;
  int count;
  int position;

  if (!has_query (self))
    {
      gtk_label_set_label (self->count_label, "");
      return;
    }

  /* -1 means the context is still counting: show nothing rather than a
   * figure that is about to change. */
  count = gtk_source_search_context_get_occurrences_count (self->context);
  if (count < 0)
    {
      gtk_label_set_label (self->count_label, "");
      return;
    }

  if (count == 0)
    {
      gtk_label_set_label (self->count_label, _("No matches"));
      return;
    }

  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  position = gtk_source_search_context_get_occurrence_position (self->context, &start, &end);

  if (position > 0)
    /* Translators: the current match and how many there are, as in "3 of 12" */
    label = g_strdup_printf (ngettext ("%d of %d", "%d of %d", count), position, count);
  else
    label = g_strdup_printf (ngettext ("%d match", "%d matches", count), count);

  gtk_label_set_label (self->count_label, label);
}

static void
reset_cancellable (ScholiaSearchBar *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
select_match (ScholiaSearchBar  *self,
              const GtkTextIter *match_start,
              const GtkTextIter *match_end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  gtk_text_buffer_select_range (buffer, match_start, match_end);
  scholia_text_view_scroll_to_insert (GTK_TEXT_VIEW (self->view));
  update_count_label (self);
}

static void
on_search_finished_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data,
                       gboolean      forward)
{
  GtkSourceSearchContext *context = GTK_SOURCE_SEARCH_CONTEXT (object);
  g_autoptr(GError) error = NULL;
  GtkTextIter match_start, match_end;
  gboolean found;

  if (forward)
    found = gtk_source_search_context_forward_finish (context, result, &match_start, &match_end,
                                                      NULL, &error);
  else
    found = gtk_source_search_context_backward_finish (context, result, &match_start, &match_end,
                                                       NULL, &error);

  /* A cancelled search may outlive the bar: touch user_data only after
   * ruling that out. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (found)
    select_match (SCHOLIA_SEARCH_BAR (user_data), &match_start, &match_end);
  else
    update_count_label (SCHOLIA_SEARCH_BAR (user_data));
}

static void
on_forward_finished_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  on_search_finished_cb (object, result, user_data, TRUE);
}

static void
on_backward_finished_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  on_search_finished_cb (object, result, user_data, FALSE);
}

static void
search_forward_from (ScholiaSearchBar  *self,
                     const GtkTextIter *iter)
{
  reset_cancellable (self);
  gtk_source_search_context_forward_async (self->context, iter, self->cancellable,
                                           on_forward_finished_cb, self);
}

static void
on_entry_changed_cb (ScholiaSearchBar *self)
{
  const char *text;
  GtkTextIter iter;

  if (self->context == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  gtk_source_search_settings_set_search_text (self->settings, text[0] != '\0' ? text : NULL);
  update_count_label (self);

  if (!has_query (self))
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->buffer), &iter, self->start_mark);
  search_forward_from (self, &iter);
}

static void
on_entry_previous_match_cb (ScholiaSearchBar *self)
{
  scholia_search_bar_move_previous (self);
}

static void
on_entry_next_match_cb (ScholiaSearchBar *self)
{
  scholia_search_bar_move_next (self);
}

static void
on_search_bar_search_mode_enabled_cb (ScholiaSearchBar *self)
{
  gboolean enabled = gtk_search_bar_get_search_mode (self->search_bar);

  if (self->context != NULL)
    gtk_source_search_context_set_highlight (self->context, enabled);

  /* However the bar closed (Escape, its close button, an action), the
   * reader goes back to the text they were reading. */
  if (!enabled)
    {
      g_cancellable_cancel (self->cancellable);
      if (self->view != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->view));
    }
}

static void
scholia_search_bar_dispose (GObject *object)
{
  ScholiaSearchBar *self = SCHOLIA_SEARCH_BAR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->start_mark != NULL)
    gtk_text_buffer_delete_mark (GTK_TEXT_BUFFER (self->buffer), self->start_mark);
  self->start_mark = NULL;

  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_object (&self->buffer);
  g_clear_object (&self->view);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCHOLIA_TYPE_SEARCH_BAR);

  G_OBJECT_CLASS (scholia_search_bar_parent_class)->dispose (object);
}

static void
scholia_search_bar_class_init (ScholiaSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scholia_search_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/scholia/Scholia/scholia-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, ScholiaSearchBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSearchBar, entry);
  gtk_widget_class_bind_template_child (widget_class, ScholiaSearchBar, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_previous_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_bar_search_mode_enabled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
scholia_search_bar_init (ScholiaSearchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
  scholia_accessible_label_descendant (GTK_WIDGET (self->search_bar), GTK_TYPE_BUTTON, "close",
                                       _("Close Find Bar"));

  self->cancellable = g_cancellable_new ();
  self->settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_case_sensitive (self->settings, FALSE);
  gtk_source_search_settings_set_wrap_around (self->settings, TRUE);
}

GtkWidget *
scholia_search_bar_new (void)
{
  return g_object_new (SCHOLIA_TYPE_SEARCH_BAR, NULL);
}

/**
 * scholia_search_bar_set_view:
 * @self: a #ScholiaSearchBar
 * @view: the view whose buffer to search
 *
 * Makes the bar search @view's buffer. The buffer must stay the view's
 * buffer for as long as the bar is used.
 */
void
scholia_search_bar_set_view (ScholiaSearchBar *self,
                             GtkSourceView    *view)
{
  GtkTextIter start;

  g_return_if_fail (SCHOLIA_IS_SEARCH_BAR (self));
  g_return_if_fail (GTK_SOURCE_IS_VIEW (view));
  g_return_if_fail (self->view == NULL);

  self->view = g_object_ref (view);
  self->buffer = g_object_ref (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))));
  self->context = gtk_source_search_context_new (self->buffer, self->settings);
  gtk_source_search_context_set_highlight (self->context, FALSE);

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
  self->start_mark = gtk_text_buffer_create_mark (GTK_TEXT_BUFFER (self->buffer), NULL, &start, TRUE);

  g_signal_connect_object (self->context, "notify::occurrences-count",
                           G_CALLBACK (update_count_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "cursor-moved",
                           G_CALLBACK (update_count_label), self, G_CONNECT_SWAPPED);
}

gboolean
scholia_search_bar_get_search_mode (ScholiaSearchBar *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_BAR (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

/**
 * scholia_search_bar_begin:
 * @self: a #ScholiaSearchBar
 *
 * Shows the bar and focuses its entry. A short selection becomes the
 * query, so selecting a word and pressing Ctrl+F finds its other uses.
 */
void
scholia_search_bar_begin (ScholiaSearchBar *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_if_fail (SCHOLIA_IS_SEARCH_BAR (self));
  g_return_if_fail (self->view != NULL);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  gtk_text_buffer_move_mark (buffer, self->start_mark, &start);

  if (!gtk_text_iter_equal (&start, &end) &&
      gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end) &&
      gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start) <= MAX_PREFILL_CHARS)
    {
      g_autofree char *selected = gtk_text_iter_get_visible_text (&start, &end);

      gtk_editable_set_text (GTK_EDITABLE (self->entry), selected);
    }

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  update_count_label (self);
}

/**
 * scholia_search_bar_end:
 * @self: a #ScholiaSearchBar
 *
 * Hides the bar, clears the match highlights and gives the focus back to
 * the text, leaving the current match selected.
 */
void
scholia_search_bar_end (ScholiaSearchBar *self)
{
  g_return_if_fail (SCHOLIA_IS_SEARCH_BAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

void
scholia_search_bar_move_next (ScholiaSearchBar *self)
{
  GtkTextIter start, end;

  g_return_if_fail (SCHOLIA_IS_SEARCH_BAR (self));

  if (!has_query (self))
    return;

  /* From the end of the selection, so the current match is skipped. */
  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  search_forward_from (self, &end);
}

void
scholia_search_bar_move_previous (ScholiaSearchBar *self)
{
  GtkTextIter start, end;

  g_return_if_fail (SCHOLIA_IS_SEARCH_BAR (self));

  if (!has_query (self))
    return;

  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  reset_cancellable (self);
  gtk_source_search_context_backward_async (self->context, &start, self->cancellable,
                                            on_backward_finished_cb, self);
}
