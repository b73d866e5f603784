/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-label.h"
#include "scholia-types.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_ANNOTATION (scholia_annotation_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaAnnotation, scholia_annotation, SCHOLIA, ANNOTATION, GObject)

/* Why an annotation is unplaced (orphaned), so that the unplaced list can say so: its essay's
 * text changed (an edit or a revised edition) and its quote was not found again; it came from
 * an annotations file (the source names the file) whose quote is not in the essay's text; or
 * it was unplaced before Scholia kept a reason (UNKNOWN). NONE for a placed annotation. */
typedef enum
{
  SCHOLIA_UNPLACED_NONE,
  SCHOLIA_UNPLACED_UNKNOWN,
  SCHOLIA_UNPLACED_TEXT_CHANGED,
  SCHOLIA_UNPLACED_IMPORTED,
} ScholiaUnplacedReason;

/* The reason as the library stores it ("" for NONE), and back (unknown codes read as UNKNOWN). */
const char           *scholia_unplaced_reason_to_code   (ScholiaUnplacedReason reason);
ScholiaUnplacedReason scholia_unplaced_reason_from_code (const char           *code);

/* A highlighted span. start and end are Unicode code-point offsets into the document text; quote
 * is the exact text between them, prefix and suffix the (up to) 32 code points around it, kept
 * so the span can be re-anchored when the text changes. Tags and themes are held as the ids of
 * ScholiaTag and ScholiaTheme rows, in the order they were added. Only ScholiaStore calls the
 * setters, after the change is committed. */
ScholiaAnnotation *scholia_annotation_new             (gint64             id,
                                                       const char        *uuid,
                                                       gint64             document_id);
gint64             scholia_annotation_get_id          (ScholiaAnnotation *self);
const char        *scholia_annotation_get_uuid        (ScholiaAnnotation *self);
gint64             scholia_annotation_get_document_id (ScholiaAnnotation *self);
int                scholia_annotation_get_start       (ScholiaAnnotation *self);
int                scholia_annotation_get_end         (ScholiaAnnotation *self);
void               scholia_annotation_set_range       (ScholiaAnnotation *self,
                                                       int                start,
                                                       int                end);
const char        *scholia_annotation_get_quote       (ScholiaAnnotation *self);
const char        *scholia_annotation_get_prefix      (ScholiaAnnotation *self);
const char        *scholia_annotation_get_suffix      (ScholiaAnnotation *self);
void               scholia_annotation_set_context     (ScholiaAnnotation *self,
                                                       const char        *quote,
                                                       const char        *prefix,
                                                       const char        *suffix);
const char        *scholia_annotation_get_note        (ScholiaAnnotation *self);
void               scholia_annotation_set_note        (ScholiaAnnotation *self,
                                                       const char        *note);
gboolean           scholia_annotation_get_orphaned    (ScholiaAnnotation *self);
void               scholia_annotation_set_orphaned    (ScholiaAnnotation *self,
                                                       gboolean           orphaned);
/* The reason is only read while the annotation is orphaned; @source is the file it was
 * imported from (its name), "" otherwise. */
ScholiaUnplacedReason scholia_annotation_get_unplaced_reason (ScholiaAnnotation *self);
const char        *scholia_annotation_get_unplaced_source (ScholiaAnnotation *self);
void               scholia_annotation_set_unplaced_reason (ScholiaAnnotation *self,
                                                           ScholiaUnplacedReason reason,
                                                           const char        *source);
/* One translated sentence saying why it is unplaced; NULL when it is placed. */
char              *scholia_annotation_describe_unplaced (ScholiaAnnotation *self);
const gint64      *scholia_annotation_get_tag_ids     (ScholiaAnnotation *self,
                                                       guint             *n_ids);
void               scholia_annotation_set_tag_ids     (ScholiaAnnotation *self,
                                                       const gint64      *ids,
                                                       guint              n_ids);
gboolean           scholia_annotation_has_tag         (ScholiaAnnotation *self,
                                                       gint64             tag_id);
const gint64      *scholia_annotation_get_theme_ids   (ScholiaAnnotation *self,
                                                       guint             *n_ids);
void               scholia_annotation_set_theme_ids   (ScholiaAnnotation *self,
                                                       const gint64      *ids,
                                                       guint              n_ids);
gboolean           scholia_annotation_has_theme       (ScholiaAnnotation *self,
                                                       gint64             theme_id);
/* The ids of its tags (label_type SCHOLIA_TYPE_TAG) or its themes, as the two above. */
const gint64      *scholia_annotation_get_label_ids   (ScholiaAnnotation *self,
                                                       GType              label_type,
                                                       guint             *n_ids);
void               scholia_annotation_set_label_ids   (ScholiaAnnotation *self,
                                                       GType              label_type,
                                                       const gint64      *ids,
                                                       guint              n_ids);
gboolean           scholia_annotation_has_label       (ScholiaAnnotation *self,
                                                       ScholiaLabel      *label);
gint64             scholia_annotation_get_created     (ScholiaAnnotation *self);
void               scholia_annotation_set_created     (ScholiaAnnotation *self,
                                                       gint64             created);
gint64             scholia_annotation_get_modified    (ScholiaAnnotation *self);
void               scholia_annotation_set_modified    (ScholiaAnnotation *self,
                                                       gint64             modified);
/* The seminar participant who wrote it (a row of the store's participants, see
 * scholia-seminar-store.h); 0 for this library's user outside any seminar. */
gint64             scholia_annotation_get_participant_id (ScholiaAnnotation *self);
void               scholia_annotation_set_participant_id (ScholiaAnnotation *self,
                                                          gint64             participant_id);

G_END_DECLS
