/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-annotation.h"
#include "scholia-passage.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_ANNOTATION_FILTER (scholia_annotation_filter_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaAnnotationFilter, scholia_annotation_filter, SCHOLIA, ANNOTATION_FILTER, GObject)

/* Which annotations a view, an export or a command looks at: those carrying any of some tags,
 * in any of some themes, by any of some authors ("" for documents without one), written by any
 * of some seminar participants. A criterion left empty lets every annotation through. The
 * comparison, the matrix, the exports, the handout, the command line and the filter bar all
 * read one.
 *
 * Each criterion is a property; "changed" is emitted once after any of them really changed,
 * so a view refreshes once per user action. The ids are handed as they are to store queries
 * and to the exporters' options. */
ScholiaAnnotationFilter *scholia_annotation_filter_new               (void);

const gint64            *scholia_annotation_filter_get_tag_ids       (ScholiaAnnotationFilter *self,
                                                                      guint                   *n_ids);
void                     scholia_annotation_filter_set_tag_ids       (ScholiaAnnotationFilter *self,
                                                                      const gint64            *ids,
                                                                      guint                    n_ids);
const gint64            *scholia_annotation_filter_get_theme_ids     (ScholiaAnnotationFilter *self,
                                                                      guint                   *n_ids);
void                     scholia_annotation_filter_set_theme_ids     (ScholiaAnnotationFilter *self,
                                                                      const gint64            *ids,
                                                                      guint                    n_ids);
/* NULL: every author. */
const char * const      *scholia_annotation_filter_get_authors       (ScholiaAnnotationFilter *self);
void                     scholia_annotation_filter_set_authors       (ScholiaAnnotationFilter *self,
                                                                      const char * const      *authors);
/* One author, or NULL for every author: the comparison view's author menu. */
void                     scholia_annotation_filter_set_author        (ScholiaAnnotationFilter *self,
                                                                      const char              *author);
/* Rows of the store's seminar participants (scholia_annotation_get_participant_id(); 0 is an
 * annotation made outside any seminar). */
const gint64            *scholia_annotation_filter_get_participant_ids (ScholiaAnnotationFilter *self,
                                                                        guint                   *n_ids);
void                     scholia_annotation_filter_set_participant_ids (ScholiaAnnotationFilter *self,
                                                                        const gint64            *ids,
                                                                        guint                    n_ids);
gboolean                 scholia_annotation_filter_match_participant   (ScholiaAnnotationFilter *self,
                                                                        gint64                   participant_id);
gboolean                 scholia_annotation_filter_is_empty          (ScholiaAnnotationFilter *self);

gboolean                 scholia_annotation_filter_match_tags        (ScholiaAnnotationFilter *self,
                                                                      const gint64            *tag_ids,
                                                                      guint                    n_tag_ids);
gboolean                 scholia_annotation_filter_match_themes      (ScholiaAnnotationFilter *self,
                                                                      const gint64            *theme_ids,
                                                                      guint                    n_theme_ids);
gboolean                 scholia_annotation_filter_match_author      (ScholiaAnnotationFilter *self,
                                                                      const char              *author);
/* @author: that of the annotation's document; NULL when the caller does not filter by author
 * (an export of one document). */
gboolean                 scholia_annotation_filter_match_annotation  (ScholiaAnnotationFilter *self,
                                                                      ScholiaAnnotation       *annotation,
                                                                      const char              *author);
/* A passage is listed for one theme already: its tags, participant and author are matched. */
gboolean                 scholia_annotation_filter_match_passage     (ScholiaAnnotationFilter *self,
                                                                      ScholiaPassage          *passage);

G_END_DECLS
