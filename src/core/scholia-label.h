/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-types.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_LABEL (scholia_label_get_type ())

G_DECLARE_DERIVABLE_TYPE (ScholiaLabel, scholia_label, SCHOLIA, LABEL, GObject)

/* What tags and themes have in common, which is all they hold: a name unique among labels of
 * the same type, a colour ("#rrggbb"), a description, a place in the user's order and whether
 * it came with the library (only built-in tags do). The concrete types are ScholiaTag and
 * ScholiaTheme; the store keeps one list of each, and every store, editor and view call takes
 * a ScholiaLabel or a label type. Only ScholiaStore calls the setters, after the change is
 * committed. Text fields are never NULL, and setters notify only on a real change. */
struct _ScholiaLabelClass
{
  GObjectClass parent_class;
};

ScholiaLabel *scholia_label_new             (GType         label_type,
                                             gint64        id,
                                             const char   *name);
gint64        scholia_label_get_id          (ScholiaLabel *self);
const char   *scholia_label_get_name        (ScholiaLabel *self);
void          scholia_label_set_name        (ScholiaLabel *self,
                                             const char   *name);
const char   *scholia_label_get_colour      (ScholiaLabel *self);
void          scholia_label_set_colour      (ScholiaLabel *self,
                                             const char   *colour);
const char   *scholia_label_get_description (ScholiaLabel *self);
void          scholia_label_set_description (ScholiaLabel *self,
                                             const char   *description);
int           scholia_label_get_position    (ScholiaLabel *self);
void          scholia_label_set_position    (ScholiaLabel *self,
                                             int           position);
gboolean      scholia_label_get_builtin     (ScholiaLabel *self);
void          scholia_label_set_builtin     (ScholiaLabel *self,
                                             gboolean      builtin);

/* The name and description a person reads: a built-in tag's, as the library holds them in
 * English, translated into the user's language; every other label's as they are. Lists, the
 * inspector, filters and PDFs show these; the store, the W3C, CSV and REFI-QDA exports and the
 * CLI's --json keep the stored ones. */
const char   *scholia_label_get_display_name        (ScholiaLabel *self);
const char   *scholia_label_get_display_description (ScholiaLabel *self);

G_END_DECLS
