/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

/* cairo cannot write what a finished PDF needs beyond its pages (the catalog's /Lang, native
 * annotations with all their fields, artifacts): the closed file is read with qpdf and an
 * incremental update appended to it (scholia-pdf-update.h). These wrap qpdf's C API. */

gboolean  scholia_pdf_qpdf_check        (qpdf_data    qpdf,
                                         GError     **error);
void      scholia_pdf_qpdf_set_language (qpdf_data    qpdf,
                                         const char  *language);
/* "D:20261202172200Z" */
char     *scholia_pdf_qpdf_format_date  (gint64       unix_time);

static inline void
scholia_pdf_qpdf_free (qpdf_data qpdf)
{
  qpdf_cleanup (&qpdf);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (qpdf_data, scholia_pdf_qpdf_free, NULL)

G_END_DECLS
