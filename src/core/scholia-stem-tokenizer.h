/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The FTS5 tokenizer "scholia_stem": unicode61 (its arguments passed on), each word then
 * reduced to its Snowball stem, so that "betray" finds "betrayed" and "betrayal".
 *
 * One index holds essays in many languages, and FTS5 hands a tokenizer only the text, never the
 * row, so the language travels in the text: the documents_fts content view puts a marker
 * (U+FDD2, the ISO code, U+FDD2) before the title and the text, and the tokenizer stems what
 * follows in that language. Each indexed word is the code and the stem ("en:betray"), so
 * that a stem in one language never matches a word of another. A query, which has no
 * language, asks for its words' stems in every language at once (colocated tokens, which
 * FTS5 takes as alternatives); a prefix query ("betr*") is not stemmed. Without a marker a
 * text is stemmed as English. With the argument "fold_marks 1" (the index since schema
 * version 11) each word is first folded as scholia-search-fold.h says, on both sides, so that
 * "كتاب" finds "كِتَابٌ"; the offsets handed back stay those of the word as written, marks
 * included.
 *
 * The tokenizer "scholia_fold" (the notes' index since schema version 12) folds every word so,
 * always, and stems none: a note's words are indexed as unicode61 makes them, folded.
 *
 * Also registers the auxiliary function scholia_hits(documents_fts), which gives every match in
 * the text column as "start end" pairs of byte offsets into the text without its marker, one
 * pair per line; scholia_snippet(documents_fts, open, close, ellipsis, tokens), a snippet of the
 * text column around its first match that reads the text only that far; and the SQL function scholia_guess_language(text) (scholia_language_guess()). */
int         scholia_stem_tokenizer_register (sqlite3    *db);

/* The connection's FTS5 API, for registering tokenizers and functions; NULL without FTS5. */
fts5_api   *scholia_fts5_api                (sqlite3    *db);

/* Stems a query's words on @db only in @languages (bits by index in scholia_languages_get()),
 * or in every language when 0: a library whose essays are all in one or two languages looks
 * each word up once or twice rather than once per language. The words of languages no essay
 * is in could not match. */
void        scholia_stem_tokenizer_set_query_languages (sqlite3 *db,
                                                        guint64  languages);

/* The length in bytes of the marker at the start of @text, 0 when there is none. */
gsize       scholia_stem_marker_length      (const char *text,
                                             gsize       length);

G_END_DECLS
