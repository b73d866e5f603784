/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-editor.h"

G_BEGIN_DECLS

/* Tags and themes are the same shape to the user (a unique name, a colour, a description, an
 * order, the annotations they are on), so the widgets that manage or pick them take either.
 * A "label" below is a ScholiaTag or a ScholiaTheme; which one decides every store call. */
typedef enum
{
  SCHOLIA_LABEL_KIND_TAG,
  SCHOLIA_LABEL_KIND_THEME,
} ScholiaLabelKind;

#define SCHOLIA_TYPE_LABEL_KIND (scholia_label_kind_get_type ())

GType             scholia_label_kind_get_type       (void) G_GNUC_CONST;

GListModel       *scholia_label_kind_get_labels     (ScholiaLabelKind   kind,
                                                     ScholiaStore      *store);
gpointer          scholia_label_kind_lookup         (ScholiaLabelKind   kind,
                                                     ScholiaStore      *store,
                                                     gint64             id);
gpointer          scholia_label_kind_add            (ScholiaLabelKind   kind,
                                                     ScholiaEditor     *editor,
                                                     const char        *name,
                                                     GError           **error);

ScholiaLabelKind  scholia_label_get_kind            (gpointer           label);
gint64            scholia_label_get_id              (gpointer           label);
const char       *scholia_label_get_name            (gpointer           label);
const char       *scholia_label_get_colour          (gpointer           label);
const char       *scholia_label_get_description     (gpointer           label);
/* Only tags can be built in; a theme never is. */
gboolean          scholia_label_get_builtin         (gpointer           label);

/* Through the editor, as one undoable step each (adding, above, too). */
gboolean          scholia_label_update              (ScholiaEditor     *editor,
                                                     gpointer           label,
                                                     const char        *name,
                                                     const char        *colour,
                                                     const char        *description,
                                                     GError           **error);
gboolean          scholia_label_move                (ScholiaEditor     *editor,
                                                     gpointer           label,
                                                     guint              index,
                                                     GError           **error);
/* Straight to the store. */
GArray           *scholia_label_get_annotation_ids  (ScholiaStore      *store,
                                                     gpointer           label,
                                                     GError           **error);

/* Through the editor, as one undoable step each. */
gboolean          scholia_label_delete              (ScholiaEditor     *editor,
                                                     gpointer           label,
                                                     GError           **error);
gboolean          scholia_label_merge               (ScholiaEditor     *editor,
                                                     gpointer           from,
                                                     gpointer           into,
                                                     GError           **error);

G_END_DECLS
