/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-error.h"
#include "scholia-pdf-qpdf.h"
#include "scholia-pdf-structure.h"

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

/* From memory: qpdf reads each object as it needs it, and from a file that is a system call
 * for each, which took longer than all the rest of its reading. */
qpdf_data
scholia_pdf_qpdf_read (const char  *path,
                       GBytes     **file,
                       GError     **error)
{
  g_auto(qpdf_data) qpdf = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (file != NULL && *file == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  *file = g_bytes_new_take (contents, length);
  qpdf = qpdf_init ();
  /* Errors come back as GErrors; cairo's files give no warnings worth printing. */
  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);
  qpdf_read_memory (qpdf, path, contents, length, NULL);
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

qpdf_oh
scholia_pdf_qpdf_new_text (qpdf_data   qpdf,
                           const char *utf8)
{
  g_autofree gunichar2 *utf16 = NULL;
  g_autofree char *bytes = NULL;
  glong n_units = 0;

  if (utf8 == NULL)
    utf8 = "";
  if (g_str_is_ascii (utf8))
    return qpdf_oh_new_string (qpdf, utf8);

  utf16 = g_utf8_to_utf16 (utf8, -1, NULL, &n_units, NULL);
  if (utf16 == NULL)
    return qpdf_oh_new_string (qpdf, "");
  bytes = g_malloc (2 * n_units + 2);
  /* The byte order mark, then each unit big-endian. */
  bytes[0] = (char) 0xfe;
  bytes[1] = (char) 0xff;
  for (glong i = 0; i < n_units; i++)
    {
      bytes[2 + 2 * i] = (char) (utf16[i] >> 8);
      bytes[3 + 2 * i] = (char) (utf16[i] & 0xff);
    }
  return qpdf_oh_new_binary_string (qpdf, bytes, 2 * n_units + 2);
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
scholia_pdf_qpdf_rewrite_structure (const char  *input_path,
                                    const char  *output_path,
                                    gpointer     user_data,
                                    GError     **error)
{
  g_autoptr(GBytes) file = NULL;
  g_auto(qpdf_data) qpdf = scholia_pdf_qpdf_read (input_path, &file, error);

  if (qpdf == NULL || !scholia_pdf_structure_finish (qpdf, error))
    return FALSE;
  scholia_pdf_qpdf_set_language (qpdf, user_data);
  return scholia_pdf_qpdf_write (qpdf, output_path, error);
}
