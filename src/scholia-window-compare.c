/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The sidebar pane beside the reader and its Compare, Matrix and Annotations pages: a passage
 * activated in the comparison (or in the side-by-side window), or an annotation in the list,
 * opens its essay there with the passage selected. The pane itself is the document page's
 * (scholia-document-page.c). */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-focus-return.h"
#include "scholia-side-by-side.h"
#include "scholia-window-private.h"

#define SIDE_BY_SIDE_WIDTH 1100
#define SIDE_BY_SIDE_HEIGHT 700

/* While the user chooses the other end of a link, the passage chosen completes it. */
static void
on_passage_activated_cb (ScholiaWindow  *self,
                         ScholiaPassage *passage)
{
  if (!_scholia_window_complete_link (self, scholia_passage_get_annotation_id (passage)))
    scholia_window_show_passage (self, passage);
}

/* An annotation activated in the pane's list, of this essay or another, is shown in its essay
 * with the focus in the text. */
static void
on_annotation_activated_cb (ScholiaWindow     *self,
                            ScholiaAnnotation *annotation)
{
  if (!_scholia_window_complete_link (self, scholia_annotation_get_id (annotation)))
    _scholia_window_show_annotation (self, annotation);
}

/* Actions */

void
_scholia_window_show_compare_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  scholia_document_page_show_pane (SCHOLIA_WINDOW (widget)->page, "compare");
}

void
_scholia_window_show_matrix_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  scholia_document_page_show_pane (SCHOLIA_WINDOW (widget)->page, "matrix");
}

/* The list of annotations, with the focus in it, for the keyboard. */
void
_scholia_window_show_annotations_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);

  scholia_document_page_show_pane (self->page, "list");
  scholia_annotation_list_focus_rows (scholia_document_page_get_annotation_list (self->page));
}

void
_scholia_window_side_by_side_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  ScholiaComparisonView *comparison_view = scholia_document_page_get_comparison_view (self->page);
  ScholiaTheme *theme = scholia_comparison_view_get_theme (comparison_view);
  GtkEventController *shortcuts;
  GtkWidget *side_by_side;
  GtkWidget *header;
  GtkWidget *box;
  AdwWindow *window;

  if (self->store == NULL)
    return;

  /* One projection at a time: asking again brings it forward on the comparison's theme. */
  if (self->side_by_side_window != NULL)
    {
      if (theme != NULL)
        scholia_side_by_side_set_theme (g_object_get_data (G_OBJECT (self->side_by_side_window),
                                                           "side-by-side"), theme);
      gtk_window_present (self->side_by_side_window);
      return;
    }

  window = ADW_WINDOW (adw_window_new ());
  gtk_window_set_title (GTK_WINDOW (window), _("Side by Side"));
  gtk_window_set_default_size (GTK_WINDOW (window), SIDE_BY_SIDE_WIDTH, SIDE_BY_SIDE_HEIGHT);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  /* Projected in a seminar, it goes away as quickly as it came. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (window), shortcuts);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  side_by_side = scholia_side_by_side_new ();
  gtk_widget_set_vexpand (side_by_side, TRUE);
  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (side_by_side), self->store);
  if (theme != NULL)
    scholia_side_by_side_set_theme (SCHOLIA_SIDE_BY_SIDE (side_by_side), theme);
  g_signal_connect_object (side_by_side, "passage-activated",
                           G_CALLBACK (on_passage_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), side_by_side);
  adw_window_set_content (window, box);

  /* Closed, it gives the focus back where it was in the essay's window. */
  scholia_focus_return_when_closed (GTK_WIDGET (window), gtk_root_get_focus (GTK_ROOT (self)));
  g_set_weak_pointer (&self->side_by_side_window, GTK_WINDOW (window));
  g_object_set_data (G_OBJECT (window), "side-by-side", side_by_side);
  gtk_window_present (GTK_WINDOW (window));
}

/* Life cycle, driven by scholia-window.c */

void
_scholia_window_init_compare (ScholiaWindow *self)
{
  g_signal_connect_object (scholia_document_page_get_comparison_view (self->page), "passage-activated",
                           G_CALLBACK (on_passage_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scholia_document_page_get_annotation_list (self->page), "annotation-activated",
                           G_CALLBACK (on_annotation_activated_cb), self, G_CONNECT_SWAPPED);
}

void
_scholia_window_dispose_compare (ScholiaWindow *self)
{
  if (self->side_by_side_window != NULL)
    gtk_window_destroy (self->side_by_side_window);
  g_clear_weak_pointer (&self->side_by_side_window);
}

/**
 * scholia_window_show_passage:
 * @self: a window
 * @passage: a passage of the window's library, as a comparison lists it
 *
 * Opens the passage's essay in the reader, scrolled to the passage with it selected, and shows
 * its annotation in the inspector; the sidebar stays on the page it shows, so that the user can
 * go on through the comparison.
 *
 * Returns: whether the passage is now shown
 */
gboolean
scholia_window_show_passage (ScholiaWindow  *self,
                             ScholiaPassage *passage)
{
  ScholiaDocument *document;

  g_return_val_if_fail (SCHOLIA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (passage), FALSE);

  if (self->store == NULL)
    return FALSE;

  document = scholia_store_lookup_document (self->store, scholia_passage_get_document_id (passage));
  if (document == NULL)
    {
      _scholia_window_add_message_toast (self, _("The essay of this passage is no longer in the library"));
      return FALSE;
    }

  if (!scholia_window_show_document (self, document))
    return FALSE;

  scholia_document_page_show_passage (self->page, passage);

  /* In a narrow window the library would cover the passage. */
  _scholia_window_show_content (self);

  return TRUE;
}
