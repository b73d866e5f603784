/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_READING (scholia_reading_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaReading, scholia_reading, SCHOLIA, READING, GObject)

/* One open document: its text, its annotations (the store's live list, in text order), an
 * index of the placed ones, the unplaced ones (orphans), and the annotation the reader is
 * looking at ("current", which notifies only when it changes). The index follows the live
 * list and every annotation's range as the store commits, so a lookup never sees a stale
 * place. Lookups take O(log n) plus what they return.
 *
 * Signal "changed" (int start, int end): the placed annotations over [start, end) changed:
 * one was added, removed, moved or retagged there. After a large change it spans everything
 * (0, G_MAXINT). The index is current when it is emitted. */
ScholiaReading    *scholia_reading_new               (ScholiaStore      *store,
                                                      ScholiaDocument   *document,
                                                      GError           **error);

ScholiaStore      *scholia_reading_get_store         (ScholiaReading    *self);
ScholiaDocument   *scholia_reading_get_document      (ScholiaReading    *self);
const char        *scholia_reading_get_text          (ScholiaReading    *self);
GListModel        *scholia_reading_get_annotations   (ScholiaReading    *self);
GListModel        *scholia_reading_get_unplaced      (ScholiaReading    *self);
guint              scholia_reading_get_n_placed      (ScholiaReading    *self);

/* Any annotation of the document, placed or not, by id; NULL when it has none of that id. */
ScholiaAnnotation *scholia_reading_lookup            (ScholiaReading    *self,
                                                      gint64             id);

/* Placed annotations holding the character at @offset (start inclusive, end exclusive):
 * the innermost (shortest; of equal length, the later start) one, or all of them innermost
 * first (transfer container). */
ScholiaAnnotation *scholia_reading_get_innermost_at  (ScholiaReading    *self,
                                                      int                offset);
GPtrArray         *scholia_reading_list_at           (ScholiaReading    *self,
                                                      int                offset);
/* Placed annotations sharing at least one character with [start, end), in text order
 * (transfer container). */
GPtrArray         *scholia_reading_list_overlapping  (ScholiaReading    *self,
                                                      int                start,
                                                      int                end);
/* The placed annotation covering exactly [start, end), if any. */
ScholiaAnnotation *scholia_reading_find_exact        (ScholiaReading    *self,
                                                      int                start,
                                                      int                end);

/* The placed annotation after (before) @annotation in text order: by start, then end, then
 * id. From NULL, the first (last) one; from an orphan, the one after (before) the place it
 * lost. NULL at the document's end (start). */
ScholiaAnnotation *scholia_reading_get_next          (ScholiaReading    *self,
                                                      ScholiaAnnotation *annotation);
ScholiaAnnotation *scholia_reading_get_previous      (ScholiaReading    *self,
                                                      ScholiaAnnotation *annotation);
/* Where @annotation stands among the placed ones, counting from 0. */
gboolean           scholia_reading_get_placed_index  (ScholiaReading    *self,
                                                      ScholiaAnnotation *annotation,
                                                      guint             *index);

ScholiaAnnotation *scholia_reading_get_current       (ScholiaReading    *self);
void               scholia_reading_set_current       (ScholiaReading    *self,
                                                      ScholiaAnnotation *annotation);

G_END_DECLS
