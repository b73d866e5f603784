/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-types.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_DOCUMENT (scholia_document_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaDocument, scholia_document, SCHOLIA, DOCUMENT, GObject)

/* A document's metadata as the library holds it. The text itself is large and loaded on demand
 * with scholia_store_load_text(). Only ScholiaStore calls the setters, after the change is
 * committed, so that what a view shows is always what the file holds. Setters notify only when
 * the value really changes. */
ScholiaDocument *scholia_document_new                  (gint64           id,
                                                        const char      *uuid);
gint64           scholia_document_get_id               (ScholiaDocument *self);
const char      *scholia_document_get_uuid             (ScholiaDocument *self);
const char      *scholia_document_get_title            (ScholiaDocument *self);
void             scholia_document_set_title            (ScholiaDocument *self,
                                                        const char      *title);
const char      *scholia_document_get_author           (ScholiaDocument *self);
void             scholia_document_set_author           (ScholiaDocument *self,
                                                        const char      *author);
const char      *scholia_document_get_author_sort_key  (ScholiaDocument *self);
void             scholia_document_set_author_sort_key  (ScholiaDocument *self,
                                                        const char      *sort_key);
const char      *scholia_document_get_language         (ScholiaDocument *self);
void             scholia_document_set_language         (ScholiaDocument *self,
                                                        const char      *language);
const char      *scholia_document_get_date             (ScholiaDocument *self);
void             scholia_document_set_date             (ScholiaDocument *self,
                                                        const char      *date);
const char      *scholia_document_get_source           (ScholiaDocument *self);
void             scholia_document_set_source           (ScholiaDocument *self,
                                                        const char      *source);
const char      *scholia_document_get_checksum         (ScholiaDocument *self);
void             scholia_document_set_checksum         (ScholiaDocument *self,
                                                        const char      *checksum);
gint64           scholia_document_get_characters       (ScholiaDocument *self);
void             scholia_document_set_characters       (ScholiaDocument *self,
                                                        gint64           characters);
guint            scholia_document_get_annotation_count (ScholiaDocument *self);
void             scholia_document_set_annotation_count (ScholiaDocument *self,
                                                        guint            count);
gint64           scholia_document_get_created          (ScholiaDocument *self);
void             scholia_document_set_created          (ScholiaDocument *self,
                                                        gint64           created);
gint64           scholia_document_get_modified         (ScholiaDocument *self);
void             scholia_document_set_modified         (ScholiaDocument *self,
                                                        gint64           modified);
/* "" without one; set by the store (scholia_store_set_document_citation_key()). */
const char      *scholia_document_get_citation_key     (ScholiaDocument *self);
void             scholia_document_set_citation_key     (ScholiaDocument *self,
                                                        const char      *citation_key);

G_END_DECLS
