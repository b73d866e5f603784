/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The sidebar pane beside the reader and its Compare and Matrix pages: a passage activated in
 * the comparison (or in the side-by-side window) opens its essay there with the passage
 * selected, and a matrix cell opens the comparison on its author and theme. The pane itself is
 * the AdwFlap of the template; the Annotation page is the inspector (scholia-window-annotate.c). */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-side-by-side.h"
#include "scholia-window-private.h"

#define SIDE_BY_SIDE_WIDTH 1100
#define SIDE_BY_SIDE_HEIGHT 700

/**
 * _scholia_window_show_pane:
 * @self: a window
 * @page: "annotation", "compare" or "matrix"
 *
 * Opens the sidebar pane on @page.
 */
void
_scholia_window_show_pane (ScholiaWindow *self,
                           const char    *page)
{
  adw_view_stack_set_visible_child_name (self->pane_stack, page);
  adw_flap_set_reveal_flap (self->inspector_flap, TRUE);
}

void
_scholia_window_update_compare_actions (ScholiaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_store = self->store != NULL;

  gtk_widget_action_set_enabled (widget, "win.show-compare", has_store);
  gtk_widget_action_set_enabled (widget, "win.show-matrix", has_store);
  gtk_widget_action_set_enabled (widget, "win.side-by-side", has_store);
}

static void
on_passage_activated_cb (ScholiaWindow  *self,
                         ScholiaPassage *passage)
{
  scholia_window_show_passage (self, passage);
}

static void
on_matrix_cell_activated_cb (ScholiaWindow     *self,
                             const char        *author,
                             ScholiaTheme      *theme,
                             ScholiaMatrixView *matrix_view)
{
  scholia_comparison_view_set_theme (self->comparison_view, theme);
  scholia_comparison_view_set_author (self->comparison_view, author);
  _scholia_window_show_pane (self, "compare");
}

/* Actions */

static void
show_compare_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _scholia_window_show_pane (SCHOLIA_WINDOW (widget), "compare");
}

static void
show_matrix_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _scholia_window_show_pane (SCHOLIA_WINDOW (widget), "matrix");
}

static void
side_by_side_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  ScholiaTheme *theme = scholia_comparison_view_get_theme (self->comparison_view);
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
        scholia_side_by_side_set_theme (self->side_by_side, theme);
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
  scholia_side_by_side_set_store (SCHOLIA_SIDE_BY_SIDE (side_by_side), self->store);
  if (theme != NULL)
    scholia_side_by_side_set_theme (SCHOLIA_SIDE_BY_SIDE (side_by_side), theme);
  g_signal_connect_object (side_by_side, "passage-activated",
                           G_CALLBACK (on_passage_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), side_by_side);
  adw_window_set_content (window, box);

  g_set_weak_pointer (&self->side_by_side_window, GTK_WINDOW (window));
  g_set_weak_pointer (&self->side_by_side, SCHOLIA_SIDE_BY_SIDE (side_by_side));
  gtk_window_present (GTK_WINDOW (window));
}

/* Life cycle, driven by scholia-window.c */

void
_scholia_window_class_init_compare (GtkWidgetClass *widget_class)
{
  g_type_ensure (SCHOLIA_TYPE_COMPARISON_VIEW);
  g_type_ensure (SCHOLIA_TYPE_MATRIX_VIEW);

  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, pane_box);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, pane_stack);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, comparison_view);
  gtk_widget_class_bind_template_child (widget_class, ScholiaWindow, matrix_view);

  gtk_widget_class_install_action (widget_class, "win.show-compare", NULL, show_compare_action);
  gtk_widget_class_install_action (widget_class, "win.show-matrix", NULL, show_matrix_action);
  gtk_widget_class_install_action (widget_class, "win.side-by-side", NULL, side_by_side_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "win.show-compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "win.show-matrix", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "win.side-by-side", NULL);
}

void
_scholia_window_init_compare (ScholiaWindow *self)
{
  g_object_bind_property (self, "store", self->comparison_view, "store", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "store", self->matrix_view, "store", G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->comparison_view, "passage-activated",
                           G_CALLBACK (on_passage_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matrix_view, "cell-activated",
                           G_CALLBACK (on_matrix_cell_activated_cb), self, G_CONNECT_SWAPPED);
}

void
_scholia_window_dispose_compare (ScholiaWindow *self)
{
  if (self->side_by_side_window != NULL)
    gtk_window_destroy (self->side_by_side_window);
  g_clear_weak_pointer (&self->side_by_side_window);
  g_clear_weak_pointer (&self->side_by_side);
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
  ScholiaAnnotation *annotation;

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

  /* The live annotation knows where the passage is now, should the text have changed since the
   * comparison was listed. */
  annotation = self->reading != NULL
    ? scholia_reading_lookup (self->reading, scholia_passage_get_annotation_id (passage)) : NULL;
  if (annotation != NULL)
    {
      scholia_reading_set_current (self->reading, annotation);
      if (!scholia_annotation_get_orphaned (annotation))
        scholia_reading_view_select_range (self->reading_view,
                                           scholia_annotation_get_start (annotation),
                                           scholia_annotation_get_end (annotation));
    }
  else
    {
      scholia_reading_view_select_range (self->reading_view,
                                         scholia_passage_get_start (passage),
                                         scholia_passage_get_end (passage));
    }

  /* In a narrow window the library and the pane would cover the passage. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  if (adw_flap_get_folded (self->inspector_flap))
    adw_flap_set_reveal_flap (self->inspector_flap, FALSE);

  return TRUE;
}
