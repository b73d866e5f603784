/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_SEARCH_HIT (scholia_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaSearchHit, scholia_search_hit, SCHOLIA, SEARCH_HIT, GObject)

/* One full-text search result as a list item: the document it is in, whether the words are in
 * the text or in a note, the snippet with its matched words, and the passage to show: the first
 * matched word for a text match, the annotated passage for a note (offset -1 when only the title
 * matched). Offsets and lengths are in code points of the document text. */
ScholiaSearchHit  *scholia_search_hit_new                (ScholiaDocument           *document,
                                                          const ScholiaSearchResult *result,
                                                          int                        length);
ScholiaSearchHit  *scholia_search_hit_new_place          (ScholiaDocument           *document,
                                                          const char                *text,
                                                          const char                *match_start,
                                                          const char                *match_end,
                                                          int                        offset);
gboolean           scholia_search_hit_is_place           (ScholiaSearchHit          *self);
ScholiaDocument   *scholia_search_hit_get_document       (ScholiaSearchHit          *self);
ScholiaSearchKind  scholia_search_hit_get_kind           (ScholiaSearchHit          *self);
const char        *scholia_search_hit_get_snippet        (ScholiaSearchHit          *self);
char              *scholia_search_hit_dup_snippet_markup (ScholiaSearchHit          *self);
int                scholia_search_hit_get_offset         (ScholiaSearchHit          *self);
int                scholia_search_hit_get_length         (ScholiaSearchHit          *self);
guint              scholia_search_hit_get_n_matches      (ScholiaSearchHit          *self);
void               scholia_search_hit_set_n_matches      (ScholiaSearchHit          *self,
                                                          guint                      n_matches);

char              *scholia_search_snippet_markup         (const char                *snippet,
                                                          GArray                    *matches);

G_END_DECLS
