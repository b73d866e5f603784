/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The index's term of each word as written, kept by the stemming tokenizer
 * (scholia-stem-tokenizer.c) so that folding and stemming run once per distinct word: indexing
 * looks a term up for every word of every essay, and a GHashTable of strings (a copy of the
 * word to make it a key, a hash, then strcmp) took a third of an import's writing. Open
 * addressing over the words' bytes, their lengths and hashes kept: most look-ups compare one
 * entry. Holds at most @capacity words, then forgets them all. */
typedef struct _ScholiaTermCache ScholiaTermCache;

ScholiaTermCache *scholia_term_cache_new    (guint             capacity);
void              scholia_term_cache_free   (ScholiaTermCache *self);

/* The term of @word (@length bytes), its length in @term_length; NULL when not kept. */
const char       *scholia_term_cache_lookup (ScholiaTermCache *self,
                                             const char       *word,
                                             gsize             length,
                                             gsize            *term_length);
/* Keeps @term (@term_length bytes) for @word, which is not kept yet; the kept copy. */
const char       *scholia_term_cache_insert (ScholiaTermCache *self,
                                             const char       *word,
                                             gsize             length,
                                             const char       *term,
                                             gsize             term_length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaTermCache, scholia_term_cache_free)

G_END_DECLS
