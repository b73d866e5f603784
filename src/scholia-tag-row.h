/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scholia-editor.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_TAG_ROW (scholia_tag_row_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaTagRow, scholia_tag_row, SCHOLIA, TAG_ROW, AdwExpanderRow)

/* One tag or theme (a ScholiaLabel) in the tag manager: its colour, name,
 * description and the number of annotations carrying it, kept current as it changes.
 * Renaming, describing and recolouring go through the editor, one undoable step each; a refusal is reported
 * through "edit-failed" with a message for the user. Moving, merging and deleting are asked
 * of an ancestor through the actions "labels.move" ((xi): id, +1 or -1), "labels.merge"
 * ((xx): from, into) and "labels.delete" (x), since they need confirmation or change the
 * rows around this one. */
GtkWidget    *scholia_tag_row_new           (ScholiaEditor *editor,
                                             ScholiaLabel  *label);
ScholiaLabel *scholia_tag_row_get_label     (ScholiaTagRow *self);
guint         scholia_tag_row_get_count     (ScholiaTagRow *self);

/* Reads again how many annotations carry the label (after a merge, delete or undo). */
void          scholia_tag_row_refresh_count (ScholiaTagRow *self);

/* Where the row stands in the list: the first cannot move up, the last cannot move down. */
void          scholia_tag_row_set_position  (ScholiaTagRow *self,
                                             guint          index,
                                             guint          n_labels);

G_END_DECLS
