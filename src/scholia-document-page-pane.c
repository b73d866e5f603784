/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The pane beside the reader and the current annotation, as the page's callbacks and actions
 * use them: show a page of the pane, inspect an annotation, select it in the reader. It calls
 * nothing else of the page, so every other file of the page may call it. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-document-page-private.h"

/* The pane on @page ("annotation", "compare" or "matrix"), shown. */
void
_scholia_document_page_reveal_pane (ScholiaDocumentPage *self,
                                    const char          *page)
{
  adw_view_stack_set_visible_child_name (self->pane_stack, page);
  adw_flap_set_reveal_flap (self->inspector_flap, TRUE);
}

static void
set_current (ScholiaDocumentPage *self,
             ScholiaAnnotation   *annotation)
{
  if (self->reading != NULL)
    scholia_reading_set_current (self->reading, annotation);
}

/* The current annotation is the reading's; the inspector shows it. */
void
_scholia_document_page_inspect_annotation (ScholiaDocumentPage *self,
                                           ScholiaAnnotation   *annotation)
{
  set_current (self, annotation);
  _scholia_document_page_reveal_pane (self, "annotation");
}

/* The inspector, shown if the pane can sit beside the text. Tagging or stepping through the
 * highlights from the keyboard must not cover the passage just acted on with an overlay (or
 * leave the focus in text hidden behind it): folded, the pane waits to be asked for. */
void
_scholia_document_page_offer_inspector (ScholiaDocumentPage *self)
{
  adw_view_stack_set_visible_child_name (self->pane_stack, "annotation");
  if (!adw_flap_get_folded (self->inspector_flap))
    adw_flap_set_reveal_flap (self->inspector_flap, TRUE);
}

/* As _scholia_document_page_inspect_annotation(), without opening a folded pane. */
void
_scholia_document_page_follow_annotation (ScholiaDocumentPage *self,
                                          ScholiaAnnotation   *annotation)
{
  set_current (self, annotation);
  _scholia_document_page_offer_inspector (self);
}

/* Whether the inspector is on screen, laid out, for a popover to point at it. */
static gboolean
inspector_shown (ScholiaDocumentPage *self)
{
  return gtk_widget_get_mapped (GTK_WIDGET (self->inspector)) &&
         gtk_widget_get_width (GTK_WIDGET (self->inspector)) > 0 &&
         adw_flap_get_reveal_progress (self->inspector_flap) >= 1.0;
}

static gboolean
pick_theme_when_shown_cb (GtkWidget     *widget,
                          GdkFrameClock *frame_clock,
                          gpointer       user_data)
{
  ScholiaDocumentPage *self = user_data;

  if (!adw_flap_get_reveal_flap (self->inspector_flap))
    {
      self->pick_theme_tick = 0;
      return G_SOURCE_REMOVE;
    }
  if (!inspector_shown (self))
    return G_SOURCE_CONTINUE;

  self->pick_theme_tick = 0;
  gtk_widget_activate_action (GTK_WIDGET (self->inspector), "inspector.pick-theme", NULL);
  return G_SOURCE_REMOVE;
}

/* The inspector's theme picker, asked for: the pane opens for it. The picker pops up from the
 * inspector once the pane has slid in (a popover cannot point at a widget not laid out yet). */
void
_scholia_document_page_pick_theme (ScholiaDocumentPage *self)
{
  _scholia_document_page_reveal_pane (self, "annotation");
  if (inspector_shown (self))
    gtk_widget_activate_action (GTK_WIDGET (self->inspector), "inspector.pick-theme", NULL);
  else if (self->pick_theme_tick == 0)
    self->pick_theme_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), pick_theme_when_shown_cb,
                                                          self, NULL);
}

/* A placed annotation's passage, selected in the reader; an unplaced one has none. */
void
_scholia_document_page_select_annotation (ScholiaDocumentPage *self,
                                          ScholiaAnnotation   *annotation)
{
  if (!scholia_annotation_get_orphaned (annotation))
    scholia_reading_view_select_range (self->reading_view,
                                       scholia_annotation_get_start (annotation),
                                       scholia_annotation_get_end (annotation));
}

/* Opening the pane remembers where the focus was; closing it gives the focus back there (most
 * often the text) if it was in the pane, where it would otherwise be lost. */
void
_scholia_document_page_pane_revealed_changed (ScholiaDocumentPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (adw_flap_get_reveal_flap (self->inspector_flap))
    {
      if (!scholia_document_page_pane_contains (self, focus))
        g_set_weak_pointer (&self->focus_before_pane, focus);
      return;
    }

  if (focus == NULL || scholia_document_page_pane_contains (self, focus))
    {
      if (self->focus_before_pane == NULL || !gtk_widget_grab_focus (self->focus_before_pane))
        scholia_document_page_focus_text (self);
    }
  g_clear_weak_pointer (&self->focus_before_pane);
}

/**
 * scholia_document_page_focus_text:
 * @self: a #ScholiaDocumentPage
 *
 * Moves the focus to the text of the open essay.
 *
 * Returns: whether the focus moved
 */
gboolean
scholia_document_page_focus_text (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), FALSE);

  return gtk_widget_grab_focus (GTK_WIDGET (scholia_reading_view_get_source_view (self->reading_view)));
}

static gboolean
focus_first (GtkWidget *widget)
{
  GtkWidget *child;

  for (GtkWidget *parent = widget; (child = gtk_widget_get_focus_child (parent)) != NULL; parent = child)
    gtk_widget_set_focus_child (parent, NULL);

  return gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
}

/**
 * scholia_document_page_focus_pane:
 * @self: a #ScholiaDocumentPage
 *
 * Moves the focus to the first control of the pane beside the reader (of the page it shows), if
 * the pane is shown.
 *
 * Returns: whether the focus moved
 */
gboolean
scholia_document_page_focus_pane (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), FALSE);

  if (!adw_flap_get_reveal_flap (self->inspector_flap))
    return FALSE;

  /* The page shown (the inspector's fields) before the switcher above it, from its first
   * control: a focus child left from the last visit would make Tab go on from there. */
  return focus_first (adw_view_stack_get_visible_child (self->pane_stack)) ||
         focus_first (adw_flap_get_flap (self->inspector_flap));
}

/**
 * scholia_document_page_pane_contains:
 * @self: a #ScholiaDocumentPage
 * @widget: (nullable): a widget, such as the window's focus
 *
 * Returns: whether @widget is in the pane beside the reader
 */
gboolean
scholia_document_page_pane_contains (ScholiaDocumentPage *self,
                                     GtkWidget           *widget)
{
  GtkWidget *pane;

  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), FALSE);

  pane = adw_flap_get_flap (self->inspector_flap);
  return widget != NULL && (widget == pane || gtk_widget_is_ancestor (widget, pane));
}

/* An annotation of the open essay (placed or not), by id. */
ScholiaAnnotation *
_scholia_document_page_lookup_annotation (ScholiaDocumentPage *self,
                                          gint64               annotation_id)
{
  return self->reading != NULL ? scholia_reading_lookup (self->reading, annotation_id) : NULL;
}

/**
 * scholia_document_page_get_annotation_list:
 * @self: a page
 *
 * Returns: (transfer none): the list of annotations in the pane
 */
ScholiaAnnotationList *
scholia_document_page_get_annotation_list (ScholiaDocumentPage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self), NULL);

  return self->annotation_list;
}

void
scholia_document_page_show_annotation (ScholiaDocumentPage *self,
                                       ScholiaAnnotation   *annotation)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT_PAGE (self));
  g_return_if_fail (SCHOLIA_IS_ANNOTATION (annotation));

  /* The reading's own object, should the list hold one from before a reload. */
  annotation = _scholia_document_page_lookup_annotation (self, scholia_annotation_get_id (annotation));
  if (annotation == NULL)
    return;
  scholia_reading_set_current (self->reading, annotation);
  _scholia_document_page_select_annotation (self, annotation);
  /* In a narrow window the pane would cover the passage. */
  if (adw_flap_get_folded (self->inspector_flap))
    adw_flap_set_reveal_flap (self->inspector_flap, FALSE);
  scholia_document_page_focus_text (self);
}

/* The comparison and the matrix read the whole library (a theme's passages, every count):
 * each gets it when first shown or asked for, so that a large library opens as fast as a small
 * one. */
void
_scholia_document_page_bind_comparison (ScholiaDocumentPage *self)
{
  if (self->comparison_bound || self->store == NULL)
    return;
  self->comparison_bound = TRUE;
  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (self->comparison_view), self->store);
}

void
_scholia_document_page_bind_matrix (ScholiaDocumentPage *self)
{
  if (self->matrix_bound || self->store == NULL)
    return;
  self->matrix_bound = TRUE;
  scholia_filtered_view_set_store (SCHOLIA_FILTERED_VIEW (self->matrix_view), self->store);
}

void
_scholia_document_page_pane_page_changed (ScholiaDocumentPage *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->pane_stack);

  if (g_strcmp0 (page, "compare") == 0)
    _scholia_document_page_bind_comparison (self);
  else if (g_strcmp0 (page, "matrix") == 0)
    _scholia_document_page_bind_matrix (self);
}
