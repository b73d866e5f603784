/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-command.h"

G_BEGIN_DECLS

/* The changes to tags and themes. Each type serves both: a "label" is a ScholiaTag or a
 * ScholiaTheme, and @label_type is SCHOLIA_TYPE_TAG or SCHOLIA_TYPE_THEME. Undo keeps ids,
 * so a label that comes back is the same object, in its old place in its list. */

#define SCHOLIA_TYPE_CREATE_LABEL_COMMAND (scholia_create_label_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaCreateLabelCommand, scholia_create_label_command,
                      SCHOLIA, CREATE_LABEL_COMMAND, ScholiaCommand)

ScholiaCommand *scholia_create_label_command_new       (ScholiaStore              *store,
                                                        GType                      label_type,
                                                        const char                *name,
                                                        const char                *colour,
                                                        const char                *description);
/* The tag or theme made by the first apply; NULL before. */
ScholiaLabel   *scholia_create_label_command_get_label (ScholiaCreateLabelCommand *self);

/* Renaming, recolouring or describing: NULL keeps a field. */
#define SCHOLIA_TYPE_UPDATE_LABEL_COMMAND (scholia_update_label_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaUpdateLabelCommand, scholia_update_label_command,
                      SCHOLIA, UPDATE_LABEL_COMMAND, ScholiaCommand)

/* NULL when every field given is already the label's. */
ScholiaCommand *scholia_update_label_command_new       (ScholiaStore              *store,
                                                        ScholiaLabel              *label,
                                                        const char                *name,
                                                        const char                *colour,
                                                        const char                *description);

#define SCHOLIA_TYPE_MOVE_LABEL_COMMAND (scholia_move_label_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaMoveLabelCommand, scholia_move_label_command,
                      SCHOLIA, MOVE_LABEL_COMMAND, ScholiaCommand)

/* NULL when the label is at @index already. */
ScholiaCommand *scholia_move_label_command_new         (ScholiaStore              *store,
                                                        ScholiaLabel              *label,
                                                        guint                      index);

/* Deleting a label, or merging it into another of its type. Revert puts it back in its place
 * and on the annotations that carried it, in the order they carried their labels. */
#define SCHOLIA_TYPE_DELETE_LABEL_COMMAND (scholia_delete_label_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaDeleteLabelCommand, scholia_delete_label_command,
                      SCHOLIA, DELETE_LABEL_COMMAND, ScholiaCommand)

ScholiaCommand *scholia_delete_label_command_new       (ScholiaStore              *store,
                                                        ScholiaLabel              *label);

#define SCHOLIA_TYPE_MERGE_LABELS_COMMAND (scholia_merge_labels_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaMergeLabelsCommand, scholia_merge_labels_command,
                      SCHOLIA, MERGE_LABELS_COMMAND, ScholiaCommand)

ScholiaCommand *scholia_merge_labels_command_new       (ScholiaStore              *store,
                                                        ScholiaLabel              *from,
                                                        ScholiaLabel              *into);

G_END_DECLS
