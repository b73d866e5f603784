/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Where the pane goes. It sits beside the text at its own width whenever the page can hold a
 * readable column (READABLE_CHARS characters of the reading font) beside it; below that it
 * folds into an overlay, which only opens when asked for and which folding closes, so that
 * narrowing the window never leaves it over the text.
 *
 * The page also tells the window's leaflet how wide it would like to be: the widest text column
 * plus the pane when the pane is open. The leaflet (its fold threshold policy is "natural")
 * brings the library in beside the page only when that much room is left, so that the text
 * column never gets narrower because the window got wider.
 *
 * It calls nothing else of the page; scholia-document-page.c installs it. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-document-page-private.h"

/* A column narrower than this many characters a line is hard to read. */
#define READABLE_CHARS 45

static int
measure_width (GtkWidget *widget)
{
  int minimum = 0;

  if (widget != NULL && gtk_widget_get_visible (widget))
    gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);

  return minimum;
}

/* The room the pane takes beside the text, its separator included. */
static int
pane_width (ScholiaDocumentPage *self)
{
  return measure_width (adw_flap_get_flap (self->inspector_flap)) +
         measure_width (adw_flap_get_separator (self->inspector_flap));
}

static void
measure_page (GtkWidget      *widget,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural,
              int            *minimum_baseline,
              int            *natural_baseline)
{
  ScholiaDocumentPage *self = SCHOLIA_DOCUMENT_PAGE (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);
  int widest;

  gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation != GTK_ORIENTATION_HORIZONTAL)
    return;

  /* As narrow as the folded page: with the pane open beside the text, the window must still
   * get narrower (the pane then folds, see allocate_page()). */
  *minimum = MAX (measure_width (GTK_WIDGET (self->palette_revealer)),
                  MAX (measure_width (adw_flap_get_content (self->inspector_flap)),
                       measure_width (adw_flap_get_flap (self->inspector_flap))));

  /* Not the children's own natural widths (the comparison's, the palette's), which would move
   * the point where the library folds from one essay to the next. */
  scholia_reading_view_measure_column (self->reading_view, READABLE_CHARS, NULL, &widest);
  if (adw_flap_get_reveal_flap (self->inspector_flap))
    widest += pane_width (self);
  *natural = MAX (*minimum, widest);
}

static void
allocate_page (GtkWidget *widget,
               int        width,
               int        height,
               int        baseline)
{
  ScholiaDocumentPage *self = SCHOLIA_DOCUMENT_PAGE (widget);
  AdwFlapFoldPolicy policy;
  int readable;

  /* Set here rather than left to the flap, whose own threshold is the content's minimum width:
   * a readable minimum would keep the window from getting narrow at all. Beside the pane, the
   * content never gets less than its minimum either. */
  scholia_reading_view_measure_column (self->reading_view, READABLE_CHARS, &readable, NULL);
  readable = MAX (readable, measure_width (adw_flap_get_content (self->inspector_flap)));
  policy = width < readable + pane_width (self) ? ADW_FLAP_FOLD_POLICY_ALWAYS : ADW_FLAP_FOLD_POLICY_NEVER;
  if (adw_flap_get_fold_policy (self->inspector_flap) != policy)
    adw_flap_set_fold_policy (self->inspector_flap, policy);

  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

/* The pane folds into an overlay as the window narrows: closed, it leaves the text in view. It
 * does not open by itself when the window widens again (the flap is locked). */
static void
on_flap_folded_cb (ScholiaDocumentPage *self)
{
  if (adw_flap_get_folded (self->inspector_flap))
    adw_flap_set_reveal_flap (self->inspector_flap, FALSE);
}

void
_scholia_document_page_init_layout (ScholiaDocumentPage *self)
{
  gtk_widget_set_layout_manager (GTK_WIDGET (self), gtk_custom_layout_new (NULL, measure_page, allocate_page));
  g_signal_connect_object (self->inspector_flap, "notify::folded",
                           G_CALLBACK (on_flap_folded_cb), self, G_CONNECT_SWAPPED);
  /* Opening or closing the pane changes the width the page asks the leaflet for. */
  g_signal_connect_object (self->inspector_flap, "notify::reveal-flap",
                           G_CALLBACK (gtk_widget_queue_resize), self, G_CONNECT_SWAPPED);
}
