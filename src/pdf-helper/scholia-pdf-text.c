/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scholia-pdf-text NAME < FILE.pdf
 *
 * Reads a PDF's text and page map for Scholia in a process of its own, so that Scholia can stop
 * it (poppler calls cannot be interrupted) and outlive it when poppler crashes. NAME is the file
 * as the user knows it, for messages. The answer's format is described in
 * src/core/scholia-pdf-reader.c. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "scholia-import-private.h"

static GBytes *
read_input (void)
{
  GByteArray *data = g_byte_array_new ();
  guint8 buffer[64 * 1024];
  ssize_t n;

  while ((n = read (STDIN_FILENO, buffer, sizeof buffer)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_byte_array_unref (data);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }

  return g_byte_array_free_to_bytes (data);
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

int
main (int    argc,
      char **argv)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ScholiaImportedText) text = NULL;
  g_autoptr(GString) frames = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc != 2)
    {
      g_printerr ("Usage: %s NAME < FILE.pdf\n", argv[0]);
      return 2;
    }

  bytes = read_input ();
  if (bytes == NULL)
    return 1;

  text = g_new0 (ScholiaImportedText, 1);
  if (_scholia_pdf_extract_text (bytes, argv[1], text, &error))
    _scholia_pdf_write_text (frames, text);
  else
    _scholia_pdf_write_error (frames, error);

  return write_output (frames->str, frames->len) ? 0 : 1;
}
