/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-label.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_TAG (scholia_tag_get_type ())

/* A tag says what kind of passage a highlight marks ("Key claim", "Evidence"); a new library
 * holds four built-in ones. Everything it holds is ScholiaLabel's. */
G_DECLARE_FINAL_TYPE (ScholiaTag, scholia_tag, SCHOLIA, TAG, ScholiaLabel)

G_END_DECLS
