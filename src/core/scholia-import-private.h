/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-importer.h"

G_BEGIN_DECLS

/* The per-format importers. Each fills in @out (text and whatever metadata it finds) or sets
 * @error with a message naming @name, the file as the user knows it. The entry point in
 * scholia-importer.c picks the importer, then checks what every format shares: cancellation,
 * an empty result, the size limit. */
gboolean  _scholia_import_text      (GBytes               *bytes,
                                     const char           *name,
                                     ScholiaImportedText  *out,
                                     GCancellable         *cancellable,
                                     GError              **error);
gboolean  _scholia_import_markdown  (GBytes               *bytes,
                                     const char           *name,
                                     ScholiaImportedText  *out,
                                     GCancellable         *cancellable,
                                     GError              **error);
gboolean  _scholia_import_html      (GBytes               *bytes,
                                     const char           *name,
                                     ScholiaImportedText  *out,
                                     GCancellable         *cancellable,
                                     GError              **error);
gboolean  _scholia_import_pdf       (GBytes               *bytes,
                                     const char           *name,
                                     ScholiaImportedText  *out,
                                     GCancellable         *cancellable,
                                     GError              **error);
/* PDF text extraction runs in a helper process (scholia-pdf-reader.c), and this is what it runs,
 * in scholia-import-pdf.c: poppler cannot be interrupted, so only a process can be stopped. */
gboolean  _scholia_pdf_extract_text (GBytes               *bytes,
                                     const char           *name,
                                     ScholiaImportedText  *out,
                                     GError              **error);
/* The helper's answer on its standard output, read back by _scholia_import_pdf(). */
void      _scholia_pdf_write_text   (GString                   *frames,
                                     const ScholiaImportedText *text);
void      _scholia_pdf_write_error  (GString              *frames,
                                     const GError         *error);
/* DOCX or ODT: which one is decided from the archive's entries, and out->format set. */
/* "“NAME” is damaged: it could not be read as a zip archive (libarchive's reason)", for every
 * zip Scholia reads (DOCX, ODT, REFI-QDA projects). */
struct archive;
void      _scholia_zip_set_damaged_error (struct archive  *archive,
                                          const char      *name,
                                          GError         **error);
gboolean  _scholia_import_zip       (GBytes               *bytes,
                                     const char           *name,
                                     ScholiaImportedText  *out,
                                     GCancellable         *cancellable,
                                     GError              **error);

/* In scholia-importer.c, for tests that need a file to take a while to read: when the
 * environment variable SCHOLIA_TEST_READ_GATE names a pipe, waits until a test has opened it
 * and closed it again. Called before a file is read; does nothing in normal use. */
void      _scholia_import_wait_for_test_gate (void);

/* Shared helpers, in scholia-import-text.c. */

/* Decodes the bytes of a text file to UTF-8 with LF line ends: a UTF-8 or UTF-16 byte order
 * mark wins, then valid UTF-8, then @charset_hint (a charset a file declared, may be NULL), then
 * Windows-1252, then Latin-1. Refuses data with NUL bytes, which no text file has. Not yet NFC:
 * see _scholia_import_finish_text(). */
char     *_scholia_import_decode    (const char           *data,
                                     gsize                 length,
                                     const char           *charset_hint,
                                     const char           *name,
                                     GError              **error);
/* Turns CRLF and lone CR into LF in place, in one pass; returns the new length. */
gsize     _scholia_import_normalize_line_ends (char       *text,
                                               gsize       length);
/* Strips C0 control characters but tab and line end (CR, FF, VT become line ends: ESC would
 * start a terminal's escape sequences, STX and ETX once marked search matches), normalizes @text
 * (taken) to NFC, trims blank lines and trailing spaces at its ends, and returns it. Only lines
 * that can change are normalized, so ASCII and Latin text costs one scan. */
char     *_scholia_import_finish_text (char               *text);
/* Adds a line to a paragraph being built: joined with a space, or directly when the paragraph
 * ends with a hyphen that splits a word ("histo-" + "rian"). Whitespace at the line's ends goes. */
void      _scholia_import_join_line (GString              *paragraph,
                                     const char           *line,
                                     gssize                length);
/* Ends a paragraph: appends @paragraph to @text after a blank line, unless it is empty. */
void      _scholia_import_add_paragraph (GString          *text,
                                         const char       *paragraph,
                                         gssize            length);
/* A title guess: @line stripped, when it has content and fewer than 120 characters; else NULL. */
char     *_scholia_import_guess_title (const char         *line,
                                       gssize              length);
/* The same for the first line of unmarked text, which is often a sentence: a line ending with
 * a full stop, comma, semicolon or colon is not taken for a title. */
char     *_scholia_import_guess_title_from_prose (const char *line,
                                                  gssize      length);

G_END_DECLS
