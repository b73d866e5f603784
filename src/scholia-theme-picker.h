/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-editor.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_THEME_PICKER (scholia_theme_picker_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaThemePicker, scholia_theme_picker, SCHOLIA, THEME_PICKER, GtkPopover)

/* A popover to put an annotation in themes from the keyboard: typing filters the library's
 * themes (ignoring case and accents), a check marks those the annotation is in, and Enter or
 * a click toggles the selected one through the editor (so Undo takes it back). When no theme
 * has the typed name, a last row offers to create it, in the annotation at once. Up and Down
 * move, Escape closes. The search starts afresh each time it pops up. */
GtkWidget         *scholia_theme_picker_new            (ScholiaEditor      *editor);
ScholiaEditor     *scholia_theme_picker_get_editor     (ScholiaThemePicker *self);
ScholiaAnnotation *scholia_theme_picker_get_annotation (ScholiaThemePicker *self);
void               scholia_theme_picker_set_annotation (ScholiaThemePicker *self,
                                                        ScholiaAnnotation  *annotation);

G_END_DECLS
