/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-store.h"

G_BEGIN_DECLS

/* What re-anchoring a document did: annotations still where they were, moved to an exact copy
 * of their quote, placed by an approximate match, newly left as orphans for the user, and
 * orphans from before that still cannot be placed (so a view reports only what changed). */
typedef struct
{
  guint unchanged;
  guint moved;
  guint fuzzy;
  guint orphaned;
  guint still_orphaned;
} ScholiaReanchorSummary;

gboolean scholia_reanchor_document (ScholiaStore           *store,
                                    ScholiaDocument        *document,
                                    const char             *text,
                                    ScholiaReanchorSummary *summary,
                                    GError                **error);

G_END_DECLS
