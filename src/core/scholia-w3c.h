/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "scholia-store.h"

G_BEGIN_DECLS

/* W3C Web Annotation Data Model (JSON-LD), for exchanging annotations with other tools.
 *
 * Export: one AnnotationCollection whose first AnnotationPage holds, in document order, one
 * Annotation per highlighted span: "id" urn:uuid:<annotation uuid>, "created"/"modified" in
 * ISO 8601 (UTC), a target whose "source" is the document's IRI (see scholia_w3c_document_iri)
 * with a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (start, end in
 * Unicode code points), and TextualBody bodies: purpose "classifying" per tag, "tagging" per
 * theme, "commenting" for the note.
 *
 * Import accepts a single Annotation, an array of them, an AnnotationPage, or an
 * AnnotationCollection with its pages inline. Each annotation goes to the document its target
 * source names (urn:uuid:<document uuid>, or a URL equal to a document's source), or to
 * @document when one is given. It is placed with the re-anchoring rules (its position when the
 * quote is still there, else the quote, else an approximate match); one that cannot be placed
 * is kept as an orphan with its quote. Missing tags and themes are created. An annotation whose
 * id the library already holds is left as it is, so importing a file twice adds nothing.
 * Everything is checked before anything is written: a file that is not valid JSON, an
 * annotation without a usable selector, or one whose document is not in the library changes
 * nothing. */

typedef struct
{
  guint exact;       /* where its position said, or at its quote when it gave no position */
  guint reanchored;  /* moved to where its quote now is, or placed approximately */
  guint orphaned;    /* kept with its quote, but not placed */
  guint present;     /* already in the library */
} ScholiaW3cSummary;

char     *scholia_w3c_document_iri (ScholiaDocument    *document);

/* @documents: ScholiaDocument; NULL for every document of the library. */
JsonNode *scholia_w3c_export       (ScholiaStore       *store,
                                    GPtrArray          *documents,
                                    GError            **error);
gboolean  scholia_w3c_export_file  (ScholiaStore       *store,
                                    GPtrArray          *documents,
                                    GFile              *file,
                                    GCancellable       *cancellable,
                                    GError            **error);

gboolean  scholia_w3c_import       (ScholiaStore       *store,
                                    JsonNode           *root,
                                    ScholiaDocument    *document,
                                    ScholiaW3cSummary  *summary,
                                    GError            **error);
/* Reading and parsing a file is kept apart from importing it, so that a caller can read
 * before it takes the library's write lock (scholia-cli import-annotations). */
JsonNode *scholia_w3c_load_file    (GFile              *file,
                                    GCancellable       *cancellable,
                                    GError            **error);
/* scholia_w3c_import() of what scholia_w3c_load_file() read from @file, errors naming it. */
gboolean  scholia_w3c_import_loaded (ScholiaStore      *store,
                                     GFile             *file,
                                     JsonNode          *root,
                                     ScholiaDocument   *document,
                                     ScholiaW3cSummary *summary,
                                     GError           **error);
gboolean  scholia_w3c_import_file  (ScholiaStore       *store,
                                    GFile              *file,
                                    ScholiaDocument    *document,
                                    ScholiaW3cSummary  *summary,
                                    GCancellable       *cancellable,
                                    GError            **error);

G_END_DECLS
