/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-importer.h"
#include "scholia-text-check.h"
#include "scholia-import-private.h"

/* The one entry point: picks the importer for a file by its content, then by its name, and
 * checks what every format shares. The per-format work lives in scholia-import-*.c. */

/* Markup and UTF-16 take more bytes than the text they hold; beyond this no file can yield a
 * text under the limit, so it is refused before it is read. PDFs and zipped documents carry
 * images and fonts, so they may be much larger than their text. */
#define MAX_MARKUP_FILE_BYTES   ((goffset) SCHOLIA_IMPORT_MAX_TEXT_BYTES * 4)
#define MAX_DOCUMENT_FILE_BYTES ((goffset) 1024 * 1024 * 1024)
#define SNIFF_BYTES             1024

typedef gboolean (*ImportFunc) (GBytes               *bytes,
                                const char           *name,
                                ScholiaImportedText  *out,
                                GCancellable         *cancellable,
                                GError              **error);

typedef struct
{
  const char *format;     /* NULL for zip, whose importer tells DOCX from ODT */
  ImportFunc  import;
  gboolean    is_markup;  /* text in, text out: the file size bounds the text size */
} Importer;

static const Importer text_importer = { "text", _scholia_import_text, TRUE };
static const Importer markdown_importer = { "markdown", _scholia_import_markdown, TRUE };
static const Importer html_importer = { "html", _scholia_import_html, TRUE };
static const Importer pdf_importer = { "pdf", _scholia_import_pdf, FALSE };
static const Importer zip_importer = { NULL, _scholia_import_zip, FALSE };

static gboolean
has_prefix_ascii_nocase (const char *data,
                         gsize       length,
                         const char *prefix)
{
  gsize prefix_length = strlen (prefix);

  return length >= prefix_length && g_ascii_strncasecmp (data, prefix, prefix_length) == 0;
}

/* HTML announces itself at the top, after perhaps a BOM, blank space, an XML declaration and
 * comments. */
static gboolean
looks_like_html (const char *data,
                 gsize       length)
{
  const char *p = data;
  const char *end = data + MIN (length, SNIFF_BYTES);

  if (has_prefix_ascii_nocase (p, end - p, "\xef\xbb\xbf"))
    p += 3;

  for (;;)
    {
      const char *close = NULL;

      while (p < end && g_ascii_isspace (*p))
        p++;

      if (has_prefix_ascii_nocase (p, end - p, "<?xml"))
        close = g_strstr_len (p, end - p, "?>");
      else if (has_prefix_ascii_nocase (p, end - p, "<!--"))
        close = g_strstr_len (p, end - p, "-->");
      else
        break;

      if (close == NULL)
        return FALSE;
      p = strchr (close, '>') + 1;
    }

  return has_prefix_ascii_nocase (p, end - p, "<!doctype html")
         || (has_prefix_ascii_nocase (p, end - p, "<html")
             && (end - p == 5 || g_ascii_isspace (p[5]) || p[5] == '>'));
}

static gboolean
has_extension (const char *basename,
               const char *extension)
{
  const char *dot = strrchr (basename, '.');

  return dot != NULL && g_ascii_strcasecmp (dot + 1, extension) == 0;
}

static const Importer *
pick_importer (const char *data,
               gsize       length,
               const char *basename)
{
  if (length >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return &pdf_importer;
  if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    return &zip_importer;
  if (looks_like_html (data, length))
    return &html_importer;

  if (has_extension (basename, "md") || has_extension (basename, "markdown"))
    return &markdown_importer;
  if (has_extension (basename, "html") || has_extension (basename, "htm")
      || has_extension (basename, "xhtml"))
    return &html_importer;
  if (has_extension (basename, "pdf"))
    return &pdf_importer;
  if (has_extension (basename, "docx") || has_extension (basename, "odt"))
    return &zip_importer;

  return &text_importer;
}

static gboolean
check_input_size (goffset      size,
                  const char  *name,
                  GError     **error)
{
  g_autofree char *limit = NULL;

  if (size == 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” is empty: there is no text to import"), name);
      return FALSE;
    }

  if (size <= MAX_DOCUMENT_FILE_BYTES)
    return TRUE;

  limit = g_format_size_full (MAX_DOCUMENT_FILE_BYTES, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE,
               /* Translators: the file’s name and a size such as “64 MB” */
               _("“%s” is too large to import: files of up to %s can be imported"), name, limit);
  return FALSE;
}

static void
set_too_much_text_error (const char  *name,
                         GError     **error)
{
  g_autofree char *limit = NULL;

  limit = g_format_size_full (SCHOLIA_IMPORT_MAX_TEXT_BYTES, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE,
               /* Translators: the file’s name and a size such as “16 MB” */
               _("“%s” holds too much text to import: documents of up to %s of text can be "
                 "imported; split it into parts"), name, limit);
}

/* Metadata comes from wherever the file kept it: give it the form the store keeps (NFC, one
 * line, no control characters: a title is printed in terminals too), and drop what is not text
 * or is empty, as a guess it is worth nothing. */
static void
tidy_metadata (char **value)
{
  g_autofree char *field = scholia_text_check_field (*value, NULL);

  g_free (*value);
  *value = field != NULL && field[0] != '\0' ? g_steal_pointer (&field) : NULL;
}

static ScholiaImportedText *
import_bytes (GBytes        *bytes,
              const char    *name,
              const char    *basename,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(ScholiaImportedText) imported = NULL;
  const Importer *importer;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  if (!check_input_size (length, name, error))
    return NULL;

  importer = pick_importer (data, length, basename);
  if (importer->is_markup && (goffset) length > MAX_MARKUP_FILE_BYTES)
    {
      set_too_much_text_error (name, error);
      return NULL;
    }

  imported = g_new0 (ScholiaImportedText, 1);
  if (importer->format != NULL)
    imported->format = g_strdup (importer->format);

  if (!importer->import (bytes, name, imported, cancellable, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_assert (imported->text != NULL);
  g_assert (imported->format != NULL);

  if (imported->text[0] == '\0')
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” contains no text to import"), name);
      return NULL;
    }
  if (strlen (imported->text) > SCHOLIA_IMPORT_MAX_TEXT_BYTES)
    {
      set_too_much_text_error (name, error);
      return NULL;
    }

  tidy_metadata (&imported->title);
  tidy_metadata (&imported->author);
  tidy_metadata (&imported->date);
  tidy_metadata (&imported->source);

  return g_steal_pointer (&imported);
}

void
_scholia_import_wait_for_test_gate (void)
{
  const char *gate = g_getenv ("SCHOLIA_TEST_READ_GATE");
  char byte;
  int fd;

  if (gate == NULL)
    return;

  /* Opening a pipe for reading waits for its writer; reading ends when the writer closes it. */
  fd = open (gate, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  while (read (fd, &byte, 1) > 0)
    ;
  close (fd);
}

/* A local file is read in one go, several times faster for large files than GIO's streams,
 * which grow their buffer a few kilobytes at a time. */
static GBytes *
load_bytes (GFile         *file,
            GCancellable  *cancellable,
            GError       **error)
{
  const char *path = g_file_peek_path (file);
  char *contents = NULL;
  gsize length = 0;

  if (path == NULL)
    return g_file_load_bytes (file, cancellable, NULL, error);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  return g_bytes_new_take (contents, length);
}

/**
 * scholia_import_file:
 * @file: the file to import
 * @cancellable: (nullable): checked between pages and archive entries
 * @error: set with a SCHOLIA_ERROR naming the file when it cannot be imported
 *
 * Reads a text, Markdown, HTML, PDF, DOCX or ODT file and extracts its readable text and
 * metadata. Blocking: call it from a worker thread.
 *
 * Returns: (transfer full): the text, or %NULL on error
 */
ScholiaImportedText *
scholia_import_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  basename = g_file_get_basename (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO,
                     _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” is a folder: choose a document inside it to import"), name);
      return NULL;
    }
  /* Checked before opening: a pipe would block the read until someone writes to it, and a
   * device such as /dev/zero reports no size but never ends. */
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED,
                   _("“%s” is not a regular file (it is a device, a pipe or a socket): choose a "
                     "document file to import"), name);
      return NULL;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
      && !check_input_size (g_file_info_get_size (info), name, error))
    return NULL;

  _scholia_import_wait_for_test_gate ();
  bytes = load_bytes (file, cancellable, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO,
                     _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }

  return import_bytes (bytes, name, basename != NULL ? basename : name, cancellable, error);
}

/**
 * scholia_import_bytes:
 * @bytes: the content of a file
 * @filename: the file's name, for error messages and to tell formats apart by extension
 * @cancellable: (nullable): checked between pages and archive entries
 * @error: set with a SCHOLIA_ERROR naming the file when it cannot be imported
 *
 * Like scholia_import_file() for data already in memory, as from a drop.
 *
 * Returns: (transfer full): the text, or %NULL on error
 */
ScholiaImportedText *
scholia_import_bytes (GBytes        *bytes,
                      const char    *filename,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *basename = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  basename = g_path_get_basename (filename);
  return import_bytes (bytes, filename, basename, cancellable, error);
}

void
scholia_imported_text_free (ScholiaImportedText *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->title);
  g_free (self->author);
  g_free (self->date);
  g_free (self->source);
  g_free (self->format);
  g_clear_pointer (&self->pages, g_array_unref);
  g_free (self);
}
