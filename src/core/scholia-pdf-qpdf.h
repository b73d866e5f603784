/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

/* cairo cannot write what a finished PDF needs beyond its pages (the catalog's /Lang, native
 * annotations with all their fields): the closed file is read with qpdf, changed and written
 * anew. These wrap qpdf's C API in GError. */

/* @file receives the file's bytes, which qpdf reads from: it must outlive the qpdf_data (declare
 * it first, so that it is freed last). */
qpdf_data scholia_pdf_qpdf_read         (const char  *path,
                                         GBytes     **file,
                                         GError     **error);
gboolean  scholia_pdf_qpdf_check        (qpdf_data    qpdf,
                                         GError     **error);
void      scholia_pdf_qpdf_set_language (qpdf_data    qpdf,
                                         const char  *language);
gboolean  scholia_pdf_qpdf_write        (qpdf_data    qpdf,
                                         const char  *path,
                                         GError     **error);
/* A PDF text string: ASCII as it is, anything else in UTF-16BE, which every reader decodes
 * (qpdf's own choice, PDFDocEncoding where it can, loses "—" in poppler). */
qpdf_oh   scholia_pdf_qpdf_new_text     (qpdf_data    qpdf,
                                         const char  *utf8);
/* "D:20261202172200Z" */
char     *scholia_pdf_qpdf_format_date  (gint64       unix_time);

/* A ScholiaPdfRewriteFunc that finishes the structure (scholia-pdf-structure.h) and sets /Lang
 * when @user_data, the BCP 47 code ("en"), is not NULL. */
gboolean  scholia_pdf_qpdf_rewrite_structure (const char  *input_path,
                                              const char  *output_path,
                                              gpointer     user_data,
                                              GError     **error);

static inline void
scholia_pdf_qpdf_free (qpdf_data qpdf)
{
  qpdf_cleanup (&qpdf);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (qpdf_data, scholia_pdf_qpdf_free, NULL)

G_END_DECLS
