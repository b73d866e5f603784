/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-command.h"
#include "scholia-revision.h"

G_BEGIN_DECLS

/* The changes to a whole document. They find it by id: a document deleted and put back is
 * another object with the same id. */

/* Its title, author, date, source and language (an ISO 639-1 code: search follows it), and the
 * sort key of its author ("" for the guess); NULL keeps a field. */
#define SCHOLIA_TYPE_UPDATE_DOCUMENT_COMMAND (scholia_update_document_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaUpdateDocumentCommand, scholia_update_document_command,
                      SCHOLIA, UPDATE_DOCUMENT_COMMAND, ScholiaCommand)

/* NULL when every field given is already the document's. */
ScholiaCommand *scholia_update_document_command_new (ScholiaStore    *store,
                                                     ScholiaDocument *document,
                                                     const char      *title,
                                                     const char      *author,
                                                     const char      *date,
                                                     const char      *source,
                                                     const char      *author_sort_key,
                                                     const char      *language);

/* Deleting it with everything annotated in it; revert puts all of it back, ids and uuids
 * included. */
#define SCHOLIA_TYPE_DELETE_DOCUMENT_COMMAND (scholia_delete_document_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaDeleteDocumentCommand, scholia_delete_document_command,
                      SCHOLIA, DELETE_DOCUMENT_COMMAND, ScholiaCommand)

ScholiaCommand *scholia_delete_document_command_new (ScholiaStore    *store,
                                                     ScholiaDocument *document);

/* Replacing its text with a revised edition, already applied: revert puts the old text and
 * the annotations' places back; apply again applies the revised text anew. */
#define SCHOLIA_TYPE_REPLACE_TEXT_COMMAND (scholia_replace_text_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaReplaceTextCommand, scholia_replace_text_command,
                      SCHOLIA, REPLACE_TEXT_COMMAND, ScholiaCommand)

/* Takes @revision; NULL with @error set when the revised text cannot be read back. */
ScholiaCommand *scholia_replace_text_command_new    (ScholiaStore    *store,
                                                     ScholiaRevision *revision,
                                                     GError         **error);

G_END_DECLS
