/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-theme.h"

struct _ScholiaTheme
{
  ScholiaLabel parent_instance;
};

G_DEFINE_FINAL_TYPE (ScholiaTheme, scholia_theme, SCHOLIA_TYPE_LABEL)

static void
scholia_theme_class_init (ScholiaThemeClass *klass)
{
}

static void
scholia_theme_init (ScholiaTheme *self)
{
}
