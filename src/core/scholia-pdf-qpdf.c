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

qpdf_data
scholia_pdf_qpdf_read (const char  *path,
                       GError     **error)
{
  g_auto(qpdf_data) qpdf = qpdf_init ();

  /* Errors come back as GErrors; cairo's files give no warnings worth printing. */
  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);
  qpdf_read (qpdf, path, NULL);
  if (!scholia_pdf_qpdf_check (qpdf, error))
    return NULL;
  return g_steal_pointer (&qpdf);
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

/* Written to memory and then to @path by GLib, whose write reports a full disk, which qpdf's
 * own file output does not check when it closes the file. */
gboolean
scholia_pdf_qpdf_write (qpdf_data    qpdf,
                        const char  *path,
                        GError     **error)
{
  qpdf_init_write_memory (qpdf);
  /* Cairo's compressed streams are copied as they are: decoding and compressing them again
   * would take most of the time of the whole export. New streams are compressed. */
  qpdf_set_decode_level (qpdf, qpdf_dl_none);
  qpdf_set_compress_streams (qpdf, QPDF_TRUE);
  qpdf_set_object_stream_mode (qpdf, qpdf_o_preserve);
  qpdf_write (qpdf);
  if (!scholia_pdf_qpdf_check (qpdf, error))
    return FALSE;
  return g_file_set_contents_full (path, (const char *) qpdf_get_buffer (qpdf), qpdf_get_buffer_length (qpdf),
                                   G_FILE_SET_CONTENTS_NONE, 0600, error);
}

char *
scholia_pdf_qpdf_format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  if (time == NULL)
    return NULL;
  return g_date_time_format (time, "D:%Y%m%d%H%M%SZ");
}

gboolean
scholia_pdf_qpdf_rewrite_language (const char  *input_path,
                                   const char  *output_path,
                                   gpointer     user_data,
                                   GError     **error)
{
  g_auto(qpdf_data) qpdf = scholia_pdf_qpdf_read (input_path, error);

  if (qpdf == NULL)
    return FALSE;
  scholia_pdf_qpdf_set_language (qpdf, user_data);
  return scholia_pdf_qpdf_write (qpdf, output_path, error);
}
