/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

/* An update of a finished PDF: the new and changed objects, with a cross-reference stream.
 * Only what changes is parsed and written as PDF syntax: adding a highlight to a page of a long
 * document reads and writes that page's dictionary, not the whole file, which rewriting it with
 * qpdf did (most of the export's time spent after its pages were drawn). The file is read with
 * qpdf, lazily, for the objects the update changes. When the file has a cross-reference table
 * as cairo writes it, the file is written again with the update in place of the objects it
 * replaces, the others copied byte for byte (the pages' old content, once their artifacts are
 * marked, would otherwise stay in it unused, half as large as the file again); otherwise the
 * update is appended as an incremental update (PDF 1.7, 7.5.6). */
typedef struct _ScholiaPdfUpdate ScholiaPdfUpdate;

ScholiaPdfUpdate *scholia_pdf_update_new         (const char        *path,
                                                  GError           **error);
void              scholia_pdf_update_free        (ScholiaPdfUpdate  *update);
/* The file as it was before the update, @length bytes. */
const char       *scholia_pdf_update_get_original (ScholiaPdfUpdate *update,
                                                   gsize            *length);
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
 * new content is compressed in two. */
GBytes           *scholia_pdf_update_deflate     (const char        *data,
                                                  gsize              length,
                                                  GError           **error);
/* The update written into the file (in place of the objects it replaces, or appended), and
 * flushed to the disk. */
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
