/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scholia-pdf-text: reads PDFs' text and page maps for Scholia in a process of its own, so that
 * Scholia can stop it (poppler calls cannot be interrupted) and outlive it when poppler crashes.
 * It answers requests on its standard input, one after the other, until that input ends; the
 * requests and answers are described in src/core/scholia-pdf-reader.c. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "scholia-import-private.h"

static gboolean
read_exactly (guint8 *buffer,
              gsize   length)
{
  while (length > 0)
    {
      ssize_t n = read (STDIN_FILENO, buffer, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      buffer += n;
      length -= n;
    }

  return TRUE;
}

/* "NAME_LENGTH PDF_LENGTH\n", the name, the PDF. FALSE at the end of the input. */
static gboolean
read_request (char   **name,
              GBytes **pdf)
{
  char header[64];
  gsize used = 0;
  guint64 name_length;
  guint64 pdf_length;
  char *end;
  g_autofree char *name_data = NULL;
  g_autofree guint8 *pdf_data = NULL;

  /* Byte by byte up to the newline: nothing of the request's body may be read ahead. */
  do
    {
      if (used == sizeof header - 1 || !read_exactly ((guint8 *) header + used, 1))
        return FALSE;
    }
  while (header[used++] != '\n');
  header[used] = '\0';

  name_length = g_ascii_strtoull (header, &end, 10);
  if (*end != ' ')
    return FALSE;
  pdf_length = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\n' || name_length > 64 * 1024 || pdf_length > G_MAXSIZE)
    return FALSE;

  name_data = g_malloc0 (name_length + 1);
  pdf_data = g_malloc (pdf_length);
  if (!read_exactly ((guint8 *) name_data, name_length)
      || !read_exactly (pdf_data, pdf_length))
    return FALSE;

  *name = g_steal_pointer (&name_data);
  *pdf = g_bytes_new_take (g_steal_pointer (&pdf_data), pdf_length);
  return TRUE;
}

static gboolean
write_output (const char *data,
              gsize       length)
{
  while (length > 0)
    {
      ssize_t n = write (STDOUT_FILENO, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      length -= n;
    }

  return TRUE;
}

static gboolean
answer_request (const char *name,
                GBytes     *pdf)
{
  g_autoptr(ScholiaImportedText) text = g_new0 (ScholiaImportedText, 1);
  g_autoptr(GString) frames = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (_scholia_pdf_extract_text (pdf, name, text, &error))
    _scholia_pdf_write_text (frames, text);
  else
    _scholia_pdf_write_error (frames, error);

  return write_output (frames->str, frames->len);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (;;)
    {
      g_autofree char *name = NULL;
      g_autoptr(GBytes) pdf = NULL;

      if (!read_request (&name, &pdf))
        return 0;
      if (!answer_request (name, pdf))
        return 1;
    }
}
