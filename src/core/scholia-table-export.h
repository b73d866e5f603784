/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-store.h"

G_BEGIN_DECLS

/* Annotations as a table (CSV) and as readable notes (Markdown), for spreadsheets, reference
 * managers and word processors. @documents: ScholiaDocument; NULL for every document.
 *
 * CSV (RFC 4180): a header row, then one row per annotation in document and text order with the
 * columns document, author, date, source, page, tags, themes, quote, note, start, end, orphaned
 * (offsets in Unicode code points; several tags or themes joined by "; "; orphaned is "yes" for
 * an annotation whose passage is no longer found in the text, whose page, start and end are
 * then only where it last was, else "no"; it comes last so that the earlier columns keep their
 * places for spreadsheets and scripts made for older exports). Fields holding a comma, a double
 * quote, CR or LF are quoted, quotes doubled; lines end in CRLF. The text is UTF-8 and begins
 * with a byte-order mark, without which Excel reads accented letters as Latin-1 (LibreOffice
 * and Python's "utf-8-sig" read it as UTF-8 either way).
 *
 * Markdown, per document: "# Title", a line with author, date and source, then each annotation
 * as a block quote with its tags in bold, themes and page, its note below, and its links to
 * other passages, a list item each, read from its end ("- Answers: “quote…” (Author, Title)",
 * "- Answered by: …"). Per theme: the
 * theme's passages grouped by author ("## Author") and document ("### Title (date)"), each a
 * block quote with its citation and note. */
char *scholia_table_export_csv            (ScholiaStore  *store,
                                           GPtrArray     *documents,
                                           GError       **error);
char *scholia_table_export_markdown       (ScholiaStore  *store,
                                           GPtrArray     *documents,
                                           GError       **error);
char *scholia_table_export_theme_markdown (ScholiaStore  *store,
                                           ScholiaTheme  *theme,
                                           GError       **error);

G_END_DECLS
