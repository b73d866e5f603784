/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SCHOLIA_TYPE_PREFERENCES (scholia_preferences_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaPreferences, scholia_preferences, SCHOLIA, PREFERENCES, AdwPreferencesWindow)

/* The reading font and line spacing, bound to GSettings: the reading view follows every change
 * as it is made. */
ScholiaPreferences *scholia_preferences_new (GtkWindow *parent);

G_END_DECLS
