/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-label.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_THEME (scholia_theme_get_type ())

/* A theme groups passages across documents ("the New Economic Policy", "terror"). Everything
 * it holds is ScholiaLabel's; a theme is never built in. */
G_DECLARE_FINAL_TYPE (ScholiaTheme, scholia_theme, SCHOLIA, THEME, ScholiaLabel)

G_END_DECLS
