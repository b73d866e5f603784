/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Repairs of what GTK 4.8 tells assistive technology about some controls. */

/* Gives the button GTK builds inside @widget (a GtkDropDown, GtkFontButton or GtkMenuButton)
 * the name of @widget itself, which screen readers otherwise hear as "GtkToggleButton". */
void scholia_accessible_name_inner_button   (GtkWidget *widget);
/* Drops the raw label GTK 4.8 gives every button under @root whose label has a mnemonic: the
 * button is also labelled by its label widget, so screen readers heard "_Save Save". */
void scholia_accessible_fix_mnemonic_labels (GtkWidget *root);
/* Names each button under @root that shows only an icon by its tooltip: for libadwaita's
 * windows (the about window's back buttons), whose buttons Scholia does not build. */
void scholia_accessible_name_icon_buttons   (GtkWidget *root);

/* Names the first widget under @root of @type (and, if not NULL, with @css_class): for the
 * controls libadwaita and GTK build inside their own widgets, which have no name of their own
 * (a preferences window's search entry, a search bar's close button). */
void scholia_accessible_label_descendant    (GtkWidget  *root,
                                             GType       type,
                                             const char *css_class,
                                             const char *label);

/* Names the list row GTK builds around @child (a GtkListView's item) by @label, and describes it
 * by @description (may be NULL): rows of list views otherwise have no name at all. */
void scholia_accessible_name_list_item      (GtkWidget  *child,
                                             GtkWidget  *label,
                                             GtkWidget  *description);

/* Names the list rows of @row (the value it shows and its pop-up's choices) after their text:
 * libadwaita 1.2's default factory leaves them unnamed. */
void scholia_accessible_name_combo_row_items (AdwComboRow *row);

G_END_DECLS
