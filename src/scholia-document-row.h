/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-document.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_DOCUMENT_ROW (scholia_document_row_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaDocumentRow, scholia_document_row, SCHOLIA, DOCUMENT_ROW, GtkWidget)

/* One row of the library sidebar: either a document (title, date, annotation count, kept current
 * as the document changes) or, when no document is set, an author heading with the number of
 * essays listed under it. */
GtkWidget       *scholia_document_row_new          (void);
ScholiaDocument *scholia_document_row_get_document (ScholiaDocumentRow *self);
void             scholia_document_row_set_document (ScholiaDocumentRow *self,
                                                    ScholiaDocument    *document);
const char      *scholia_document_row_get_author   (ScholiaDocumentRow *self);
void             scholia_document_row_set_author   (ScholiaDocumentRow *self,
                                                    const char         *author);
guint            scholia_document_row_get_count    (ScholiaDocumentRow *self);
void             scholia_document_row_set_count    (ScholiaDocumentRow *self,
                                                    guint               count);

G_END_DECLS
