/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "scholia-json-scan.h"
#include "scholia-store.h"

G_BEGIN_DECLS

/* W3C Web Annotation Data Model (JSON-LD), for exchanging annotations with other tools.
 *
 * Export: one AnnotationCollection whose first AnnotationPage holds, in document order, one
 * Annotation per highlighted span: "id" urn:uuid:<annotation uuid>, "created"/"modified" in
 * ISO 8601 (UTC), a target whose "source" is the document's IRI (see scholia_w3c_document_iri)
 * with a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (start, end in
 * Unicode code points), and TextualBody bodies: purpose "classifying" per tag, "tagging" per
 * theme, "commenting" for the note. After them, one Annotation per link between passages with
 * an end in the exported documents (motivation "linking"; scholia-w3c-links.h), which the
 * import reads back (counted in the summary's links and links_present).
 *
 * Import accepts a single Annotation, an array of them, an AnnotationPage, or an
 * AnnotationCollection with its pages inline. Each annotation goes to the document its target
 * source names (urn:uuid:<document uuid>, or a URL equal to a document's source), or to
 * @document when one is given; there, one whose quote is not in @document goes to the document
 * its source names, or, when it names none other, is skipped (counted, not imported). It is placed with the re-anchoring rules (its position when the
 * quote is still there, else the quote, else an approximate match); one that cannot be placed
 * is kept as an orphan with its quote. Missing tags and themes are created. An annotation whose
 * id the library already holds on the same document is left as it is, so importing a file twice
 * adds nothing. One whose id the library holds on another document (an export of one essay
 * imported onto another) is left there too, and counted apart; with
 * SCHOLIA_W3C_IMPORT_COPY_FOREIGN it is copied onto its document as a new annotation, whose id
 * is derived from the original's and the document's, so that importing again finds the copy.
 *
 * Export keeps what an import brought (ScholiaAnnotationProvenance): the annotation's
 * "motivation" (else highlighting), "creator" (for an annotation not imported: the participant
 * who wrote it, else the annotator named in the options), "canonical" and "via", and its note's purpose, format and
 * language; an HTML note goes out as the HTML it came as while its text is unchanged. Each
 * annotation names Scholia as its "generator"; the collection has "last", its page "partOf".
 *
 * Import keeps an annotation's identity: its "canonical" (or, without one, its id) as
 * canonical, its id as "via" when that is not the urn:uuid Scholia keeps it under, and an
 * annotation whose canonical the library holds already is not imported again. Text selectors
 * are read where they refine another selector ("refinedBy"). An HTML note is kept as its text,
 * the HTML beside it for the export.
 *
 * The whole file is checked before anything is written, in one transaction. A file that is not
 * valid JSON, nests deeper than SCHOLIA_JSON_MAX_DEPTH, or is not W3C Web Annotation JSON is
 * refused whole. An annotation that breaks a MUST of the model (a wrong "@context", an id that
 * is not one IRI, a date that is not ISO 8601 …; a lone annotation, page or collection needs its
 * "@context", items of a bare array may leave it out), has no usable text selector, lies beyond
 * its text, or names a document the library does not hold is rejected, listed with its reason in
 * the summary, and the others are imported; when none can be, the import fails with the reasons
 * and changes nothing. Text that is not
 * valid Unicode (a \u0000, a UTF-16 surrogate without its other half, invalid UTF-8 in a tree
 * given to scholia_w3c_import()) does not refuse the file: each bad character becomes U+FFFD,
 * counted in the summary, so the rest of the note, tag or quote survives and the store only
 * ever holds valid UTF-8. */

typedef enum
{
  SCHOLIA_W3C_IMPORT_DEFAULT      = 0,
  SCHOLIA_W3C_IMPORT_COPY_FOREIGN = 1 << 0,  /* copy annotations of another document as new */
} ScholiaW3cImportFlags;

typedef struct
{
  guint  exact;        /* where its position said, or at its quote when it gave no position */
  guint  reanchored;   /* moved to where its quote now is, or placed approximately */
  guint  orphaned;     /* kept with its quote, but not placed */
  guint  present;      /* already in the library, on the same document */
  guint  foreign;      /* on another document of the library, and left there */
  guint  copied;       /* of exact + reanchored + orphaned: copies of another document's */
  gint64 foreign_document_id;  /* the document the first foreign or copied one is on */
  guint  foreign_documents;    /* how many documents those are on */
  guint  replaced;     /* characters that were not text, replaced by U+FFFD */
  /* Importing into a chosen document: */
  guint  skipped;      /* their quote is not in it, and their source names no other: not imported */
  guint  elsewhere;    /* of exact + reanchored + orphaned: not in it, so put on the document
                        * their source names */
  GPtrArray *rejected; /* ScholiaW3cRejection: not imported, and why; NULL when none */
  guint  links;          /* links between passages added (scholia-w3c-links.h) */
  guint  links_present;  /* already in the library */
} ScholiaW3cSummary;

typedef struct
{
  guint  number;  /* 1-based, in file order */
  char  *id;      /* the annotation's id, or NULL */
  int    code;    /* a ScholiaError */
  char  *reason;  /* "annotation 3 (http://…): …" */
} ScholiaW3cRejection;

void      scholia_w3c_summary_clear (ScholiaW3cSummary *summary);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScholiaW3cSummary, scholia_w3c_summary_clear)

typedef struct
{
  const char *creator;  /* the annotator's name, for annotations that name no other; NULL: none */
} ScholiaW3cExportOptions;

char     *scholia_w3c_document_iri (ScholiaDocument    *document);

/* @documents: ScholiaDocument; NULL for every document of the library. */
JsonNode *scholia_w3c_export       (ScholiaStore       *store,
                                    GPtrArray          *documents,
                                    GError            **error);
JsonNode *scholia_w3c_export_full  (ScholiaStore                  *store,
                                    GPtrArray                     *documents,
                                    const ScholiaW3cExportOptions *options,
                                    GError                       **error);
gboolean  scholia_w3c_export_file_full (ScholiaStore                  *store,
                                        GPtrArray                     *documents,
                                        const ScholiaW3cExportOptions *options,
                                        GFile                         *file,
                                        GCancellable                  *cancellable,
                                        GError                       **error);
gboolean  scholia_w3c_export_file  (ScholiaStore       *store,
                                    GPtrArray          *documents,
                                    GFile              *file,
                                    GCancellable       *cancellable,
                                    GError            **error);

/* The annotations file @file parsed, after scholia_json_scan(); @replaced (may be NULL) counts
 * the characters that scan replaced. Errors name the file. */
JsonNode *scholia_w3c_read_file    (GFile              *file,
                                    guint              *replaced,
                                    GCancellable       *cancellable,
                                    GError            **error);

gboolean  scholia_w3c_import       (ScholiaStore       *store,
                                    JsonNode           *root,
                                    ScholiaDocument    *document,
                                    ScholiaW3cSummary  *summary,
                                    GError            **error);
gboolean  scholia_w3c_import_full  (ScholiaStore          *store,
                                    JsonNode              *root,
                                    ScholiaDocument       *document,
                                    ScholiaW3cImportFlags  flags,
                                    ScholiaW3cSummary     *summary,
                                    GError               **error);
/* scholia_w3c_import_full() of what scholia_w3c_read_file() read from @file (@replaced being
 * its count of replaced characters), errors naming the file. Reading and importing are apart
 * so that a caller can read before it takes the library's write lock. */
gboolean  scholia_w3c_import_read  (ScholiaStore          *store,
                                    GFile                 *file,
                                    JsonNode              *root,
                                    guint                  replaced,
                                    ScholiaDocument       *document,
                                    ScholiaW3cImportFlags  flags,
                                    ScholiaW3cSummary     *summary,
                                    GError               **error);
gboolean  scholia_w3c_import_file  (ScholiaStore       *store,
                                    GFile              *file,
                                    ScholiaDocument    *document,
                                    ScholiaW3cSummary  *summary,
                                    GCancellable       *cancellable,
                                    GError            **error);
gboolean  scholia_w3c_import_file_full (ScholiaStore          *store,
                                        GFile                 *file,
                                        ScholiaDocument       *document,
                                        ScholiaW3cImportFlags  flags,
                                        ScholiaW3cSummary     *summary,
                                        GCancellable          *cancellable,
                                        GError               **error);

/* Sentences for what a summary says beyond its counts, or NULL when it has nothing to say:
 * "1 annotation belongs to another essay (“Title”)" (or, copied, "1 annotation of another essay
 * (“Title”) was copied as a new one"); "1 character that was not text was replaced by “�”". */
char     *scholia_w3c_describe_foreign  (ScholiaStore            *store,
                                         const ScholiaW3cSummary *summary);
char     *scholia_w3c_describe_replaced (const ScholiaW3cSummary *summary);
/* What became of those whose passage is not in the chosen @document: "1 not in “Title” put on
 * the essay its target names, 2 skipped: their passage is not in “Title”", or NULL. */
char     *scholia_w3c_describe_skipped  (const ScholiaW3cSummary *summary,
                                         ScholiaDocument         *document);

/* Each rejected annotation and its reason, one a line, or NULL when none was. */
char     *scholia_w3c_describe_rejected (const ScholiaW3cSummary *summary);

G_END_DECLS
