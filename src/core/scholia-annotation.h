/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-label.h"
#include "scholia-types.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_ANNOTATION (scholia_annotation_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaAnnotation, scholia_annotation, SCHOLIA, ANNOTATION, GObject)

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

G_END_DECLS
