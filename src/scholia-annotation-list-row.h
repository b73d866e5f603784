/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_ANNOTATION_LIST_ROW (scholia_annotation_list_row_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaAnnotationListRow, scholia_annotation_list_row, SCHOLIA, ANNOTATION_LIST_ROW, GtkWidget)

/* One row of the annotation list: the quote (one line, edged in its first tag's colour), its
 * tags (a dot in each colour) and themes, the first line of its note, and where it stands: the
 * printed page where known, and the essay's title when the list spans the library. Its
 * accessible name says the same in words. */
GtkWidget *scholia_annotation_list_row_new  (void);
void       scholia_annotation_list_row_bind (ScholiaAnnotationListRow *self,
                                             ScholiaStore             *store,
                                             ScholiaAnnotation        *annotation,
                                             const char               *essay,
                                             const char               *page);

G_END_DECLS
