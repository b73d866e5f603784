/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-document.h"

G_BEGIN_DECLS

/* A passage as a historian pastes it into a paper: the quote in curly quotes, then author's
 * surname, title, date and where in the essay it stands:
 *   “…quote…” (Anderson, “Did Stalin betray Lenin's legacy?”, 1998, p. 14)
 * @text is the essay's whole text and [@start, @end) the passage in code points. The place is
 * the printed page from @pages (scholia_store_load_pages(); "pp. 3–4" when the passage runs on),
 * or, when the essay has no page map (@pages NULL or empty), its paragraph "¶ 14": paragraphs
 * are separated by blank lines. Missing author or date are left out. The result is NFC. */
char *scholia_citation_format (ScholiaDocument *document,
                               const char      *text,
                               GArray          *pages,
                               int              start,
                               int              end);

/* The passage [@start, @end) of @text (code points), without the white space around it. */
char *scholia_citation_dup_quote (const char *text,
                                  int         start,
                                  int         end);

/* Where a passage stands: "p. 3" or "pp. 3–4" from @pages, else "¶ 14", as above. */
char *scholia_citation_format_place  (const char *text,
                                      GArray     *pages,
                                      int         start,
                                      int         end);

/* "p. 118" for a passage printed on one page, "pp. 118–119" from @first to @last (NULL: the
 * same page). */
char *scholia_citation_format_pages     (const char *first,
                                         const char *last);
/* "¶ 14": paragraph @number as scholia_paragraphs_split() counts them. */
char *scholia_citation_format_paragraph (guint       number);

/* A source as a handout names it under a quote it has already set: "Anderson, Title (1998),
 * p. 14" (the author's surname; missing author or date left out, @place may be NULL). NFC. */
char *scholia_citation_format_source (const char *author,
                                      const char *author_sort_key,
                                      const char *title,
                                      const char *date,
                                      const char *place);

G_END_DECLS
