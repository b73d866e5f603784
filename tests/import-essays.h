/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-store.h"

G_BEGIN_DECLS

/* About @bytes of text for essay @n, in English, French or German by @n, with Arabic now and
 * then, and a word of its own ("vellomirN") to search for; it ends "The end of vellomirN.". */
char       *import_essays_text   (guint         n,
                                  gsize         bytes);
/* @n essays written to @dir as essay-NNNN.txt; their paths. */
GPtrArray  *import_essays_write  (const char   *dir,
                                  guint         n,
                                  gsize         bytes);
/* The library's essays as rows of text (id, title, language, length, checksum, text), to
 * compare two libraries. */
char       *import_essays_rows   (const char   *library);
/* What a search finds, document by document, with its hits: what the results list shows. */
char       *import_essays_search (ScholiaStore *store,
                                  const char   *query);
/* FTS5's own check that the index holds exactly what its content gives, word by word. */
void        import_essays_assert_index (const char *library);

/* Queries that find words of each language, stems, a phrase, a prefix and folded Arabic. */
extern const char *const import_essays_queries[];
extern const guint       import_essays_n_queries;

G_END_DECLS
