/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The setters' shared steps for the model types (ScholiaDocument, ScholiaAnnotation,
 * ScholiaLabel). Text fields are never NULL: a NULL value is stored as "", so views and
 * exporters can use a getter's result directly and "no author" and "empty author" are one
 * state, not two. Each setter notifies @pspec on @object only when the value really changed. */

/* Returns whether the field changed. */
gboolean _scholia_model_replace_text (char         **field,
                                      const char    *value);
void     _scholia_model_set_text     (GObject       *object,
                                      char         **field,
                                      const char    *value,
                                      GParamSpec    *pspec);
void     _scholia_model_set_int      (GObject       *object,
                                      int           *field,
                                      int            value,
                                      GParamSpec    *pspec);
void     _scholia_model_set_int64    (GObject       *object,
                                      gint64        *field,
                                      gint64         value,
                                      GParamSpec    *pspec);

G_END_DECLS
