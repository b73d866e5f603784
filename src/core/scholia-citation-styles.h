/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-document.h"
#include "scholia-reference.h"

G_BEGIN_DECLS

/* How a passage is cited (issue 15): Scholia's own "(Author, Title, date, p. N)", a Pandoc
 * citation "[@key, p. N]", or a note in Chicago notes-bibliography style (17th edition). */
typedef enum
{
  SCHOLIA_CITATION_STYLE_PLAIN,
  SCHOLIA_CITATION_STYLE_PANDOC,
  SCHOLIA_CITATION_STYLE_CHICAGO,
} ScholiaCitationStyle;

/* How a formatted citation marks its italics (and escapes the rest): none, for the clipboard's
 * plain text; *…* with Markdown's punctuation escaped; <i>…</i> with the text escaped, which is
 * both Pango markup and an HTML fragment. */
typedef enum
{
  SCHOLIA_CITATION_MARKUP_TEXT,
  SCHOLIA_CITATION_MARKUP_MARKDOWN,
  SCHOLIA_CITATION_MARKUP_PANGO,
} ScholiaCitationMarkup;

/* The three forms of a Chicago citation: the first, full note; the short note of later
 * citations; the bibliography entry (first author inverted). */
typedef enum
{
  SCHOLIA_CHICAGO_NOTE,
  SCHOLIA_CHICAGO_SHORT_NOTE,
  SCHOLIA_CHICAGO_BIBLIOGRAPHY,
} ScholiaChicagoForm;

/* "plain", "pandoc" or "chicago" (the GSettings and command-line names); FALSE for another. */
gboolean    scholia_citation_style_parse     (const char           *name,
                                              ScholiaCitationStyle *style);
const char *scholia_citation_style_to_string (ScholiaCitationStyle  style);

/* A Pandoc citation: "[@kowal2019, p. 118]", "[@kowal2019, ¶ 14]"; @place may be NULL or "". */
char *scholia_citation_format_pandoc (const char *key,
                                      const char *place);

/* Where a passage stands as a Chicago note gives it: the bare page "118" or range "118–19"
 * (inclusive numbers abbreviated, CMOS 9.61) from @pages, else the paragraph "¶ 14". */
char *scholia_citation_format_chicago_place (const char *text,
                                             GArray     *pages,
                                             int         start,
                                             int         end);
/* A page range as Chicago abbreviates it: "118–134" gives "118–34", "101–108" "101–8". */
char *scholia_citation_abbreviate_pages (const char *pages);

/* @reference as a Chicago note or bibliography entry, ending with a period. @locator ("118",
 * "¶ 14"; NULL or "" for none) is where in the work the notes point; the bibliography gives
 * a chapter's or an article's page range instead. Covers books (authored, edited, with
 * editors), chapters in edited books, journal, newspaper and magazine articles, theses,
 * reports and web pages; any other type is cited as a book. */
char *scholia_citation_format_chicago (ScholiaReference      *reference,
                                       ScholiaChicagoForm     form,
                                       const char            *locator,
                                       ScholiaCitationMarkup  markup);

/* A reference made of @document's own metadata (author, title, date, source), for an essay
 * whose citation key names no imported reference: cited as a short work, its title in
 * quotation marks, its source as where it appeared (or its URL). */
ScholiaReference *scholia_citation_reference_from_document (ScholiaDocument *document);

/* A passage ([@start, @end) of @text, in code points) with its citation in @style, as the
 * reader copies it and `scholia-cli cite` prints it:
 * - plain: scholia_citation_format();
 * - pandoc: “quote” [@key, p. 118]; an essay without a key has no Pandoc name, so its note
 *   goes in a Pandoc inline footnote: “quote”^[Perry Anderson, “Title,” 1998, ¶ 2.];
 * - chicago: “quote”, a blank line, then the note (@short_note: the short form).
 * @reference is the essay's reference (NULL: the essay's own metadata is cited). NFC. */
char *scholia_citation_format_styled (ScholiaDocument       *document,
                                      ScholiaReference      *reference,
                                      const char            *text,
                                      GArray                *pages,
                                      int                    start,
                                      int                    end,
                                      ScholiaCitationStyle   style,
                                      gboolean               short_note,
                                      ScholiaCitationMarkup  markup);

G_END_DECLS
