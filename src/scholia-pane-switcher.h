/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The document page's pane switcher: one toggle button per page of an AdwViewStack, its icon
 * above its title, as AdwViewSwitcher's narrow mode draws them, except that a title too long
 * for its button wraps onto a second line instead of being cut short. The pane is 360 px wide
 * for four pages; libadwaita 1.2's switcher ellipsizes titles a translation makes longer. */
#define SCHOLIA_TYPE_PANE_SWITCHER (scholia_pane_switcher_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaPaneSwitcher, scholia_pane_switcher, SCHOLIA, PANE_SWITCHER, GtkWidget)

AdwViewStack *scholia_pane_switcher_get_stack (ScholiaPaneSwitcher *self);
void          scholia_pane_switcher_set_stack (ScholiaPaneSwitcher *self,
                                               AdwViewStack        *stack);

G_END_DECLS
