/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-command.h"

G_BEGIN_DECLS

/* The changes to one annotation. Each keeps the annotation object, so that one brought back
 * by undo or redo has its id and uuid again. */

#define SCHOLIA_TYPE_CREATE_ANNOTATION_COMMAND (scholia_create_annotation_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaCreateAnnotationCommand, scholia_create_annotation_command,
                      SCHOLIA, CREATE_ANNOTATION_COMMAND, ScholiaCommand)

ScholiaCommand    *scholia_create_annotation_command_new            (ScholiaStore      *store,
                                                                     ScholiaDocument   *document,
                                                                     int                start,
                                                                     int                end,
                                                                     const gint64      *tag_ids,
                                                                     guint              n_tag_ids,
                                                                     const char        *note);
/* The annotation made by the first apply; NULL before. */
ScholiaAnnotation *scholia_create_annotation_command_get_annotation (ScholiaCreateAnnotationCommand *self);

#define SCHOLIA_TYPE_DELETE_ANNOTATION_COMMAND (scholia_delete_annotation_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaDeleteAnnotationCommand, scholia_delete_annotation_command,
                      SCHOLIA, DELETE_ANNOTATION_COMMAND, ScholiaCommand)

ScholiaCommand    *scholia_delete_annotation_command_new            (ScholiaStore      *store,
                                                                     ScholiaAnnotation *annotation);

/* Deleting several annotations as one step (all the unplaced ones of an essay, say): apply
 * takes them all or, when one fails, none; revert puts them all back with their ids. */
#define SCHOLIA_TYPE_DELETE_ANNOTATIONS_COMMAND (scholia_delete_annotations_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaDeleteAnnotationsCommand, scholia_delete_annotations_command,
                      SCHOLIA, DELETE_ANNOTATIONS_COMMAND, ScholiaCommand)

/* @annotations: ScholiaAnnotation, at least one. */
ScholiaCommand    *scholia_delete_annotations_command_new           (ScholiaStore      *store,
                                                                     GPtrArray         *annotations);

/* Adding one tag (theme) to an annotation or taking it off: revert puts back the exact list. */
#define SCHOLIA_TYPE_RELABEL_ANNOTATION_COMMAND (scholia_relabel_annotation_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaRelabelAnnotationCommand, scholia_relabel_annotation_command,
                      SCHOLIA, RELABEL_ANNOTATION_COMMAND, ScholiaCommand)

/* NULL when there is nothing to do (adding a label the annotation carries, or removing one
 * it does not). @label_type is SCHOLIA_TYPE_TAG or SCHOLIA_TYPE_THEME. */
ScholiaCommand    *scholia_relabel_annotation_command_new           (ScholiaStore      *store,
                                                                     ScholiaAnnotation *annotation,
                                                                     GType              label_type,
                                                                     gint64             label_id,
                                                                     gboolean           add);

/* Consecutive edits of one annotation's note absorb each other, as typing does. */
#define SCHOLIA_TYPE_NOTE_COMMAND (scholia_note_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaNoteCommand, scholia_note_command, SCHOLIA, NOTE_COMMAND, ScholiaCommand)

ScholiaCommand    *scholia_note_command_new                         (ScholiaStore      *store,
                                                                     ScholiaAnnotation *annotation,
                                                                     const char        *note);

/* Placing an annotation (an unplaced one, usually) on a passage; revert puts back its old
 * offsets and whether it was unplaced. */
#define SCHOLIA_TYPE_ATTACH_ANNOTATION_COMMAND (scholia_attach_annotation_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaAttachAnnotationCommand, scholia_attach_annotation_command,
                      SCHOLIA, ATTACH_ANNOTATION_COMMAND, ScholiaCommand)

ScholiaCommand    *scholia_attach_annotation_command_new            (ScholiaStore      *store,
                                                                     ScholiaAnnotation *annotation,
                                                                     int                start,
                                                                     int                end);

G_END_DECLS
