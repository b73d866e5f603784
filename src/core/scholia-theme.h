/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-types.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_THEME (scholia_theme_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaTheme, scholia_theme, SCHOLIA, THEME, GObject)

/* A theme groups passages across documents ("the New Economic Policy", "terror"). Only
 * ScholiaStore calls the setters, after the change is committed. */
ScholiaTheme *scholia_theme_new             (gint64        id,
                                             const char   *name);
gint64        scholia_theme_get_id          (ScholiaTheme *self);
const char   *scholia_theme_get_name        (ScholiaTheme *self);
void          scholia_theme_set_name        (ScholiaTheme *self,
                                             const char   *name);
const char   *scholia_theme_get_colour      (ScholiaTheme *self);
void          scholia_theme_set_colour      (ScholiaTheme *self,
                                             const char   *colour);
const char   *scholia_theme_get_description (ScholiaTheme *self);
void          scholia_theme_set_description (ScholiaTheme *self,
                                             const char   *description);
int           scholia_theme_get_position    (ScholiaTheme *self);
void          scholia_theme_set_position    (ScholiaTheme *self,
                                             int           position);

G_END_DECLS
