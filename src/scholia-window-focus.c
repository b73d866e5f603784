/* SPDX-License-Identifier: GPL-3.0-or-later */

/* F6 and Shift+F6, as in GNOME apps: the focus goes round the window's regions, the library, the
 * text and the pane (when it is shown), in one key each instead of a run of Tabs. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-library-sidebar.h"
#include "scholia-window-private.h"

typedef enum
{
  REGION_LIBRARY,
  REGION_TEXT,
  REGION_PANE,
  N_REGIONS
} Region;

/* The region holding the focus; anywhere else (the header bar) counts as the library, so that
 * F6 from there goes on to the text. */
static Region
focused_region (ScholiaWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->page)))
    return REGION_LIBRARY;
  if (scholia_document_page_pane_contains (self->page, focus))
    return REGION_PANE;
  return REGION_TEXT;
}

static gboolean
focus_region (ScholiaWindow *self,
              Region         region)
{
  switch (region)
    {
    case REGION_LIBRARY:
      /* On a narrow window the library is a page of the leaflet; it comes into view first. */
      adw_leaflet_set_visible_child (self->leaflet, _scholia_window_child (self, "sidebar_box"));
      return scholia_library_sidebar_focus (SCHOLIA_LIBRARY_SIDEBAR (self->sidebar));
    case REGION_TEXT:
      if (self->document == NULL)
        return FALSE;
      adw_leaflet_set_visible_child (self->leaflet, _scholia_window_child (self, "content_box"));
      return scholia_document_page_focus_text (self->page);
    case REGION_PANE:
      if (self->document == NULL)
        return FALSE;
      adw_leaflet_set_visible_child (self->leaflet, _scholia_window_child (self, "content_box"));
      return scholia_document_page_focus_pane (self->page);
    case N_REGIONS:
    default:
      g_assert_not_reached ();
    }
}

void
_scholia_window_focus_region_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  ScholiaWindow *self = SCHOLIA_WINDOW (widget);
  int step = g_str_equal (action_name, "library.focus-previous-region") ? N_REGIONS - 1 : 1;
  Region start = focused_region (self);

  /* A region that cannot take the focus (no essay open, the pane hidden) is skipped. */
  for (Region region = (start + step) % N_REGIONS; region != start; region = (region + step) % N_REGIONS)
    if (focus_region (self, region))
      return;
}
