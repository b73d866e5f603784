/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

/* An incremental update of a finished PDF (PDF 1.7, 7.5.6), appended to the file: the new and
 * changed objects and a cross-reference stream pointing back to the file's own cross-reference.
 * Only what changes is read and written: adding a highlight to a page of a long document reads
 * and writes that page's dictionary, not the whole file, which rewriting it with qpdf did (most
 * of the export's time spent after its pages were drawn). The file is read with qpdf, lazily,
 * for the objects the update changes; objects are written as PDF syntax. What an object was
 * before stays in the file, unused: the pages' old content when their artifacts are marked
 * (scholia-pdf-structure.h) is the one that weighs. */
typedef struct _ScholiaPdfUpdate ScholiaPdfUpdate;

ScholiaPdfUpdate *scholia_pdf_update_new         (const char        *path,
                                                  GError           **error);
void              scholia_pdf_update_free        (ScholiaPdfUpdate  *update);
/* The original file, to look objects up and change them before scholia_pdf_update_replace(). */
qpdf_data         scholia_pdf_update_get_qpdf    (ScholiaPdfUpdate  *update);
/* The catalog's /Lang, a BCP 47 code ("en"); nothing when @language is NULL or empty. */
void              scholia_pdf_update_set_language (ScholiaPdfUpdate *update,
                                                   const char       *language);
/* A new object holding @body ("<< /Type … >>"); returns its number. */
guint             scholia_pdf_update_add         (ScholiaPdfUpdate  *update,
                                                  const char        *body);
/* A new stream with @entries in its dictionary ("/Type /XObject …", without /Length) and
 * @data as it is, unfiltered; returns its number. */
guint             scholia_pdf_update_add_stream  (ScholiaPdfUpdate  *update,
                                                  const char        *entries,
                                                  const char        *data,
                                                  gsize              length);
/* @object of the original file, written again as it is now, with @extra appended inside its
 * dictionary ("/Annots [ 12 0 R ]") when not NULL. */
void              scholia_pdf_update_replace     (ScholiaPdfUpdate  *update,
                                                  qpdf_oh            object,
                                                  const char        *extra);
/* @stream of the original file, written again with its dictionary and @deflated, its new
 * data compressed by scholia_pdf_update_deflate(), in place of the old data. */
void              scholia_pdf_update_replace_stream (ScholiaPdfUpdate *update,
                                                     qpdf_oh           stream,
                                                     GBytes           *deflated);
/* @data compressed for /FlateDecode; NULL on failure. Safe to call from any thread: the pages'
 * new content is compressed in as many as there are. */
GBytes           *scholia_pdf_update_deflate     (const char        *data,
                                                  gsize              length,
                                                  GError           **error);
/* The update appended to the file, and flushed to the disk. */
gboolean          scholia_pdf_update_write       (ScholiaPdfUpdate  *update,
                                                  GError           **error);

/* A PDF text string: ASCII as a literal string, anything else in UTF-16BE with its byte order
 * mark, which every reader decodes. */
void              scholia_pdf_append_text_string (GString           *out,
                                                  const char        *utf8);
/* @value with two decimals in the C locale, and a space. */
void              scholia_pdf_append_number      (GString           *out,
                                                  double             value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaPdfUpdate, scholia_pdf_update_free)

G_END_DECLS
