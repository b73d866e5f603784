/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

/* cairo cannot write what a finished PDF needs beyond its pages (the catalog's /Lang, native
 * annotations with all their fields): the closed file is read with qpdf, changed and written
 * anew. These wrap qpdf's C API in GError. */

qpdf_data scholia_pdf_qpdf_read         (const char  *path,
                                         GError     **error);
gboolean  scholia_pdf_qpdf_check        (qpdf_data    qpdf,
                                         GError     **error);
void      scholia_pdf_qpdf_set_language (qpdf_data    qpdf,
                                         const char  *language);
gboolean  scholia_pdf_qpdf_write        (qpdf_data    qpdf,
                                         const char  *path,
                                         GError     **error);
/* "D:20261202172200Z" */
char     *scholia_pdf_qpdf_format_date  (gint64       unix_time);

/* A ScholiaPdfRewriteFunc that only sets /Lang: @user_data is the BCP 47 code, "en". */
gboolean  scholia_pdf_qpdf_rewrite_language (const char  *input_path,
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
