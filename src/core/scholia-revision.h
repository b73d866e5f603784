/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-reanchor.h"

G_BEGIN_DECLS

/* A revised edition of a document: its text is replaced by the revised file's (title, author,
 * date and source stay), and every annotation is moved to where its passage now is, as
 * re-anchoring does (exactly, fuzzily, or left an orphan with its quote). Placed annotations take
 * their quote and context from the new text. Text and annotations change in one transaction: a
 * failure leaves both as they were.
 *
 * The returned ScholiaRevision holds what the document was (text, pages, every annotation's
 * place, quote and context) so that the change can be undone. */
typedef struct _ScholiaRevision ScholiaRevision;

ScholiaRevision *scholia_revision_replace_text  (ScholiaStore            *store,
                                                 ScholiaDocument         *document,
                                                 GFile                   *revised,
                                                 ScholiaReanchorSummary  *summary,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
/* The same for a text at hand (UTF-8, NFC, as importers produce it); @pages may be NULL. */
ScholiaRevision *scholia_revision_apply         (ScholiaStore            *store,
                                                 ScholiaDocument         *document,
                                                 const char              *text,
                                                 GArray                  *pages,
                                                 ScholiaReanchorSummary  *summary,
                                                 GError                 **error);
/* Undo: puts the old text back, and the annotations where they were. Annotations deleted since
 * stay deleted; those made since on the new text are re-anchored onto the old one. */
gboolean         scholia_revision_restore_text  (ScholiaStore            *store,
                                                 ScholiaRevision         *revision,
                                                 GError                 **error);
ScholiaDocument *scholia_revision_get_document  (ScholiaRevision         *revision);
void             scholia_revision_free          (ScholiaRevision         *revision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaRevision, scholia_revision_free)

G_END_DECLS
