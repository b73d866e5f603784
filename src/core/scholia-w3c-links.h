/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "scholia-store.h"

G_BEGIN_DECLS

/* Links between passages in the W3C export and import (scholia-w3c.c calls these).
 *
 * A link is exported as an Annotation of its own, after the passages' annotations:
 *
 *   "id": "urn:uuid:<link uuid>", "motivation": "linking", "created", "modified",
 *   "target": "urn:uuid:<uuid of the annotation that answers (agrees, contradicts, cites)>",
 *   "body": [ "urn:uuid:<uuid of the other annotation>",
 *             { "type": "TextualBody", "purpose": "classifying", "value": "answers" } ]
 *
 * Both ends are plain IRIs, the ids the passages' annotations have in the same export (the
 * model's External Web Resources); the type is a classifying TextualBody holding the stable id
 * of a built-in type or a user's name, as the model's bodies classify a target. Nothing outside
 * the W3C context is needed, and every body and target is of a kind the model's MUSTs accept.
 *
 * Import reads back any "linking" annotation whose target and first IRI body name
 * annotations, by their urn:uuid (or any other IRI, as scholia-w3c.c derives a uuid from it),
 * its type from its first classifying body ("links to" without one). It is written after the
 * file's annotations, so that a link between two of them finds both; a link already in the
 * library is counted, not added again; one whose ends are not both in the library is listed
 * among the rejected, with its reason. */

typedef struct _ScholiaW3cLinks ScholiaW3cLinks;

/* Appends to @items (an array the caller has begun) one Annotation per link with an end in
 * @documents; adds to @total, and raises @latest to the newest link's modification time. */
gboolean         _scholia_w3c_links_export  (JsonBuilder      *items,
                                             ScholiaStore     *store,
                                             GPtrArray        *documents,
                                             gint64           *total,
                                             gint64           *latest,
                                             GError          **error);

ScholiaW3cLinks *_scholia_w3c_links_new     (void);
void             _scholia_w3c_links_free    (ScholiaW3cLinks  *links);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaW3cLinks, _scholia_w3c_links_free)
/* Whether @annotation (checked against the model already) is a link: then it is kept in
 * @links as the file's @number-th item, with @id its id. */
gboolean         _scholia_w3c_links_read    (ScholiaW3cLinks  *links,
                                             JsonObject       *annotation,
                                             guint             number,
                                             const char       *id,
                                             guint            *replaced);
guint            _scholia_w3c_links_count   (ScholiaW3cLinks  *links);
/* Writes the links read, after the annotations: @added and @present count them, and each that
 * cannot be added goes to @rejected (ScholiaW3cRejection). */
gboolean         _scholia_w3c_links_write   (ScholiaW3cLinks  *links,
                                             ScholiaStore     *store,
                                             GPtrArray        *rejected,
                                             guint            *added,
                                             guint            *present,
                                             GError          **error);

/* The uuid an annotation of the file is kept under, from its id (scholia-w3c.c). */
char            *_scholia_w3c_uuid_for_id   (const char       *id);

G_END_DECLS
