/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include "scholia-refi.h"
#include "scholia-store.h"

G_BEGIN_DECLS

/* A REFI-QDA project's Links, read into the library as links between passages
 * (scholia-store-links.h): a Link from one PlainTextSelection to another becomes a link from
 * the first passage to the second, its name the type (a built-in type's id or label, or any
 * other name as a type of the user's; "links to" when it has none). The export writes them
 * back the same way (scholia-refi-export.c). Links between other things (codes, sources,
 * notes) have no place in Scholia and are reported. */

typedef struct _ScholiaRefiLinks ScholiaRefiLinks;

/* The Link children of @links_node (a <Links> element, or NULL); @selections holds the guids
 * (normalised) of the project's PlainTextSelections. */
ScholiaRefiLinks *_scholia_refi_links_read  (xmlNode            *links_node,
                                             GHashTable         *selections,
                                             ScholiaRefiSummary *summary);
void              _scholia_refi_links_free  (ScholiaRefiLinks   *links);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaRefiLinks, _scholia_refi_links_free)
/* Writes them once the passages are in the library; @uuids maps a selection's guid to the
 * uuid its annotation was given (a selection without one kept its guid, or was in the library
 * already under it). Links already there are not added again; those that cannot be are
 * reported in @summary. */
gboolean          _scholia_refi_links_write (ScholiaRefiLinks   *links,
                                             ScholiaStore       *store,
                                             GHashTable         *uuids,
                                             ScholiaRefiSummary *summary,
                                             GError            **error);

G_END_DECLS
