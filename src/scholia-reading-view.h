/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "scholia-paragraph-gutter.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_READING_VIEW (scholia_reading_view_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaReadingView, scholia_reading_view, SCHOLIA, READING_VIEW, AdwBin)

GtkWidget       *scholia_reading_view_new             (void);
void             scholia_reading_view_set_document    (ScholiaReadingView *self,
                                                       const char         *title,
                                                       const char         *author,
                                                       const char         *text);
const char      *scholia_reading_view_get_title       (ScholiaReadingView *self);
const char      *scholia_reading_view_get_author      (ScholiaReadingView *self);
GtkSourceView   *scholia_reading_view_get_source_view (ScholiaReadingView *self);
ScholiaParagraphGutter *scholia_reading_view_get_paragraph_gutter (ScholiaReadingView *self);
GtkSourceBuffer *scholia_reading_view_get_buffer      (ScholiaReadingView *self);
void             scholia_reading_view_select_range    (ScholiaReadingView *self,
                                                       int                 start,
                                                       int                 end);
gboolean         scholia_reading_view_get_selection   (ScholiaReadingView *self,
                                                       int                *start,
                                                       int                *end);
gboolean         scholia_reading_view_get_selected_by_pointer (ScholiaReadingView *self);
void             scholia_reading_view_set_selected_by_pointer (ScholiaReadingView *self,
                                                               gboolean            by_pointer);
void             scholia_reading_view_snap_selection  (ScholiaReadingView *self);
void             scholia_reading_view_measure_column  (ScholiaReadingView *self,
                                                       int                 n_chars,
                                                       int                *readable,
                                                       int                *widest);

G_END_DECLS
