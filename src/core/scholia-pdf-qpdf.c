/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-error.h"
#include "scholia-pdf-qpdf.h"

/* qpdf keeps its errors until asked: the first one becomes @error. */
gboolean
scholia_pdf_qpdf_check (qpdf_data   qpdf,
                        GError    **error)
{
  qpdf_error qpdf_error;

  if (!qpdf_has_error (qpdf))
    return TRUE;
  qpdf_error = qpdf_get_error (qpdf);
  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO, "%s",
               qpdf_get_error_message_detail (qpdf, qpdf_error));
  return FALSE;
}

void
scholia_pdf_qpdf_set_language (qpdf_data   qpdf,
                               const char *language)
{
  qpdf_oh root;

  if (language == NULL || *language == '\0')
    return;
  root = qpdf_get_root (qpdf);
  qpdf_oh_replace_key (qpdf, root, "/Lang", qpdf_oh_new_string (qpdf, language));
}

char *
scholia_pdf_qpdf_format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  if (time == NULL)
    return NULL;
  return g_date_time_format (time, "D:%Y%m%d%H%M%SZ");
}
