/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-types.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_TAG (scholia_tag_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaTag, scholia_tag, SCHOLIA, TAG, GObject)

/* A tag as the library holds it; colour is "#rrggbb". Only ScholiaStore calls the setters, after
 * the change is committed. Setters notify only on a real change. */
ScholiaTag *scholia_tag_new             (gint64      id,
                                         const char *name);
gint64      scholia_tag_get_id          (ScholiaTag *self);
const char *scholia_tag_get_name        (ScholiaTag *self);
void        scholia_tag_set_name        (ScholiaTag *self,
                                         const char *name);
const char *scholia_tag_get_colour      (ScholiaTag *self);
void        scholia_tag_set_colour      (ScholiaTag *self,
                                         const char *colour);
const char *scholia_tag_get_description (ScholiaTag *self);
void        scholia_tag_set_description (ScholiaTag *self,
                                         const char *description);
int         scholia_tag_get_position    (ScholiaTag *self);
void        scholia_tag_set_position    (ScholiaTag *self,
                                         int         position);
gboolean    scholia_tag_get_builtin     (ScholiaTag *self);
void        scholia_tag_set_builtin     (ScholiaTag *self,
                                         gboolean    builtin);

G_END_DECLS
