/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_ANNOTATION_PAGES (scholia_annotation_pages_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaAnnotationPages, scholia_annotation_pages, SCHOLIA, ANNOTATION_PAGES, GObject)

/* A list model of annotations across the whole library that holds only their places
 * (scholia_store_list_annotation_places) and builds the annotations of 64 rows when one of
 * them is first asked for (scholia_store_get_annotations: objects the store keeps current, read
 * in one statement): a list of a million annotations costs the rows on screen. */
ScholiaAnnotationPages *scholia_annotation_pages_new        (ScholiaStore           *store);
/* Replaces every row. */
void                    scholia_annotation_pages_set_places (ScholiaAnnotationPages *self,
                                                             GArray                 *places);
/* The annotation id at @position, without building the annotation; 0 past the end. */
gint64                  scholia_annotation_pages_get_id     (ScholiaAnnotationPages *self,
                                                             guint                   position);
/* Where the annotation @id is listed, or FALSE. */
gboolean                scholia_annotation_pages_find       (ScholiaAnnotationPages *self,
                                                             gint64                  id,
                                                             guint                  *position);

G_END_DECLS
