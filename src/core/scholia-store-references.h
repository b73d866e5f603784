/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-reference.h"
#include "scholia-store.h"

G_BEGIN_DECLS

/* Bibliographic references in the library (schema 8, issue 15), keyed by citation key, and the
 * citation key of each essay. An essay's key is kept apart from the references: it may be set
 * before its reference is imported, and stays when the reference is imported again. References
 * are returned with a reference the caller owns (transfer full): plain values read from the file,
 * not live objects. */

/* What scholia_store_import_references() did, key by key. */
typedef struct
{
  GPtrArray *added;      /* char *: keys new to the library */
  GPtrArray *updated;    /* char *: keys the library held with other fields, now replaced */
  GPtrArray *unchanged;  /* char *: keys the library held already just so */
} ScholiaReferenceChanges;

ScholiaReferenceChanges *scholia_reference_changes_new  (void);
void                     scholia_reference_changes_free (ScholiaReferenceChanges *changes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaReferenceChanges, scholia_reference_changes_free)

/* The reference whose key is @key (compared exactly, as BibTeX and Pandoc do); NULL without
 * setting @error when the library holds none, NULL with @error when it cannot be read. */
ScholiaReference *scholia_store_lookup_reference       (ScholiaStore      *self,
                                                        const char        *key,
                                                        GError           **error);
/* References for searching as one types: each word of @query (case and diacritics folded,
 * punctuation ignored: "zelenski 19" finds "Żeleński" of 1998) must begin a word of the key,
 * of an author's or editor's name or of the title. Those whose key begins with the first word
 * come first, then by key; at most @limit (0: all). An empty @query gives every reference, by
 * key. Returns ScholiaReference (transfer full). */
GPtrArray        *scholia_store_search_references      (ScholiaStore      *self,
                                                        const char        *query,
                                                        guint              limit,
                                                        GError           **error);
/* How many references the library holds. */
gboolean          scholia_store_count_references       (ScholiaStore      *self,
                                                        guint             *count,
                                                        GError           **error);

/* Imports @references (ScholiaReference, their keys valid and distinct: a parser reports and
 * drops duplicates before) in ONE transaction: all land or, on any error, none, and the library
 * is as it was. A key the library holds already has its reference replaced (a re-export from
 * Zotero updates it), essays keep their keys. @changes (may be NULL) says which keys were added,
 * updated or unchanged. */
gboolean          scholia_store_import_references      (ScholiaStore             *self,
                                                        GPtrArray                *references,
                                                        ScholiaReferenceChanges  *changes,
                                                        GError                  **error);

/* The reference @document's citation key names: NULL without @error when it has no key or the
 * key's reference is not imported. */
ScholiaReference *scholia_store_get_document_reference (ScholiaStore      *self,
                                                        ScholiaDocument   *document,
                                                        GError           **error);
/* Sets @document's citation key ("kowal2019"; NULL or "" removes it), which need not name an
 * imported reference yet; refused (SCHOLIA_ERROR_INVALID) when scholia_reference_key_is_valid()
 * says no. Notifies ScholiaDocument:citation-key after the commit. Only the key changes: filling
 * the essay's metadata from the reference is the caller's. */
gboolean          scholia_store_set_document_citation_key (ScholiaStore    *self,
                                                           ScholiaDocument *document,
                                                           const char      *key,
                                                           GError         **error);
/* The essays whose citation key is @key, in the documents' order (transfer none). */
GPtrArray        *scholia_store_find_documents_by_citation_key (ScholiaStore  *self,
                                                                const char    *key);

G_END_DECLS
