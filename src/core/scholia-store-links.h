/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-link.h"
#include "scholia-store.h"

G_BEGIN_DECLS

/* Links between annotations (scholia-link.h), in the library's annotation_links table.
 *
 * Signal: the store emits "links-changed" (no argument) after a link is added, removed or put
 * back through the calls below. An annotation deleted or put back takes its links with it or
 * brings them back (see scholia-schema.c, version 8) and emits only "annotations-changed": a
 * view of links listens to both.
 *
 * Lists hold ScholiaLink objects, oldest first, each with both ends filled in (quote, span,
 * essay id, title and author), and leave out links with an end hidden from me (hide until
 * posted, scholia-store-visibility.c). Lists and links are returned with a reference the
 * caller owns. */

/* Links @source_id to @target_id (annotation ids) with @type, a built-in id or any name
 * (normalized by scholia_link_type_normalize()). Fails with NOT_FOUND when an annotation is
 * not in the library, INVALID for a passage linked to itself or a bad type, EXISTS when the
 * two are already linked so (for a type that reads the same both ways, either way round). */
ScholiaLink *scholia_store_add_link             (ScholiaStore  *self,
                                                 gint64         source_id,
                                                 gint64         target_id,
                                                 const char    *type,
                                                 GError       **error);
/* Fails with NOT_FOUND when it is no longer in the library. */
gboolean     scholia_store_remove_link          (ScholiaStore  *self,
                                                 ScholiaLink   *link,
                                                 GError       **error);
/* Writes a removed link back with its id and uuid (undo, redo). Fails with NOT_FOUND when one
 * of its annotations is gone, EXISTS when an equal link was made meanwhile. */
gboolean     scholia_store_restore_link         (ScholiaStore  *self,
                                                 ScholiaLink   *link,
                                                 GError       **error);
/* The link @id; NULL with NOT_FOUND when there is none. */
ScholiaLink *scholia_store_get_link             (ScholiaStore  *self,
                                                 gint64         id,
                                                 GError       **error);
/* Every link. */
GListModel  *scholia_store_list_links           (ScholiaStore  *self,
                                                 GError       **error);
/* The links with either end in the document @document_id. */
GListModel  *scholia_store_list_document_links  (ScholiaStore  *self,
                                                 gint64         document_id,
                                                 GError       **error);
/* The links with either end at the annotation @annotation_id (scholia_link_find_end() says
 * which end it is; the other end's essay and quote are filled in for display). */
GListModel  *scholia_store_list_annotation_links (ScholiaStore *self,
                                                  gint64        annotation_id,
                                                  GError      **error);
/* The user-defined types the library's links use, sorted without case, for a type chooser
 * (which offers scholia_link_builtin_types() first). */
GStrv        scholia_store_list_link_types      (ScholiaStore  *self,
                                                 GError       **error);

/* Imports (W3C, REFI-QDA): links whose ends are named by their annotations' uuids. */
typedef struct
{
  const char *uuid;          /* kept when free; NULL or taken: a new one */
  const char *source_uuid;
  const char *target_uuid;
  const char *type;          /* normalized as scholia_store_add_link() does */
  gint64      created;       /* 0: now */
  gint64      modified;      /* 0: created */
} ScholiaLinkRecord;

typedef enum
{
  SCHOLIA_LINK_IMPORT_ADDED,
  SCHOLIA_LINK_IMPORT_PRESENT,   /* the library holds it (its uuid, or the same ends and type) */
  SCHOLIA_LINK_IMPORT_MISSING,   /* an end is not in the library: not added */
  SCHOLIA_LINK_IMPORT_INVALID,   /* a passage linked to itself, or a type that is no name */
} ScholiaLinkImportResult;

/* Adds what it can of @records in one transaction and says in @results (@n_records of them)
 * what became of each; importing the same records again adds nothing. FALSE only when the
 * library could not be written, and then nothing is. "links-changed" is emitted once. */
gboolean     scholia_store_import_links         (ScholiaStore             *self,
                                                 const ScholiaLinkRecord  *records,
                                                 guint                     n_records,
                                                 ScholiaLinkImportResult  *results,
                                                 GError                  **error);

G_END_DECLS
