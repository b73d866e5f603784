/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-import-private.h"

/* Plain text, and the helpers every importer shares: decoding, line ends, NFC, paragraphs. */

#define TITLE_MAX_CHARS 120
#define CONTROL_SAMPLE_BYTES (64 * 1024)

/* Text files hold tabs, line ends, form feeds and the odd escape; a file where other control
 * bytes are common is binary even without a NUL. */
static gboolean
looks_binary (const char *data,
              gsize       length)
{
  gsize sample = MIN (length, CONTROL_SAMPLE_BYTES);
  gsize controls = 0;

  if (memchr (data, '\0', length) != NULL)
    return TRUE;

  for (gsize i = 0; i < sample; i++)
    {
      guchar c = data[i];

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b)
        controls++;
    }

  return controls * 20 > sample;
}

static void
set_not_text_error (const char  *name,
                    GError     **error)
{
  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED,
               _("“%s” does not look like text: it holds binary data. Import a text, Markdown, "
                 "HTML, PDF, DOCX or ODT file."), name);
}

static char *
convert_utf16 (const char  *data,
               gsize        length,
               const char  *charset,
               const char  *name,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize written = 0;
  char *converted;

  converted = g_convert (data, length, "UTF-8", charset, NULL, &written, &local_error);
  if (converted == NULL)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” is damaged: it is marked as UTF-16 text but could not be decoded (%s)"),
                   name, local_error->message);
      return NULL;
    }

  if (memchr (converted, '\0', written) != NULL)
    {
      g_free (converted);
      set_not_text_error (name, error);
      return NULL;
    }

  _scholia_import_normalize_line_ends (converted, written);
  return converted;
}

char *
_scholia_import_decode (const char  *data,
                        gsize        length,
                        const char  *charset_hint,
                        const char  *name,
                        GError     **error)
{
  static const char * const legacy[] = { "WINDOWS-1252", "ISO-8859-1" };
  char *decoded = NULL;
  gsize written = 0;

  if (length >= 2 && memcmp (data, "\xff\xfe", 2) == 0)
    return convert_utf16 (data + 2, length - 2, "UTF-16LE", name, error);
  if (length >= 2 && memcmp (data, "\xfe\xff", 2) == 0)
    return convert_utf16 (data + 2, length - 2, "UTF-16BE", name, error);
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (looks_binary (data, length))
    {
      set_not_text_error (name, error);
      return NULL;
    }

  if (g_utf8_validate_len (data, length, NULL))
    {
      decoded = g_malloc (length + 1);
      memcpy (decoded, data, length);
      decoded[length] = '\0';
      written = length;
    }

  /* A declared charset first (HTML says what it is), then the usual suspects: Windows-1252 is a
   * superset of Latin-1 in the bytes people type, and Latin-1 decodes any byte at all. */
  if (decoded == NULL && charset_hint != NULL && g_ascii_strcasecmp (charset_hint, "UTF-8") != 0)
    decoded = g_convert (data, length, "UTF-8", charset_hint, NULL, &written, NULL);
  for (guint i = 0; decoded == NULL && i < G_N_ELEMENTS (legacy); i++)
    decoded = g_convert (data, length, "UTF-8", legacy[i], NULL, &written, NULL);

  if (decoded == NULL)
    {
      set_not_text_error (name, error);
      return NULL;
    }

  _scholia_import_normalize_line_ends (decoded, written);
  return decoded;
}

gsize
_scholia_import_normalize_line_ends (char  *text,
                                     gsize  length)
{
  char *cr = memchr (text, '\r', length);
  char *end = text + length;
  char *dst;

  if (cr == NULL)
    return length;

  /* Copy down from the first CR only: most files have none, CRLF files pay one pass. */
  dst = cr;
  for (const char *src = cr; src < end; src++)
    {
      if (*src == '\r')
        {
          *dst++ = '\n';
          if (src + 1 < end && src[1] == '\n')
            src++;
        }
      else
        {
          *dst++ = *src;
        }
    }
  *dst = '\0';

  return dst - text;
}

/* Every code point below U+0300 is NFC on its own (combining marks and all NFC_Quick_Check
 * No/Maybe characters come later), and their UTF-8 lead bytes are below 0xCC. So are the
 * dashes, quotes and ellipsis of U+2010–U+206F (E2 80 90 – E2 81 AF), which essays are full
 * of; skipping them keeps typographic English off the slow path. */
static inline gboolean
may_change_under_nfc (const char *s,
                      gsize       length)
{
  const guchar *p = (const guchar *) s;
  const guchar *end = p + length;

  while (p < end)
    {
      if (*p < 0xcc)
        {
          p++;
          continue;
        }
      if (*p == 0xe2 && end - p >= 3 &&
          ((p[1] == 0x80 && p[2] >= 0x90) || (p[1] == 0x81 && p[2] <= 0xaf)))
        {
          p += 3;
          continue;
        }
      return TRUE;
    }
  return FALSE;
}

static char *
normalize_nfc (char *text)
{
  gsize length = strlen (text);
  GString *normalized;
  const char *p = text;
  const char *end = text + length;

  if (!may_change_under_nfc (text, length))
    return text;

  /* Normalization never reaches across a line end, so lines are done one at a time and those
   * in scripts that cannot change are copied as they are. */
  normalized = g_string_sized_new (length + length / 16);
  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *line_end = eol != NULL ? eol + 1 : end;

      if (may_change_under_nfc (p, line_end - p))
        {
          g_autofree char *nfc = g_utf8_normalize (p, line_end - p, G_NORMALIZE_NFC);

          if (nfc != NULL)
            g_string_append (normalized, nfc);
          else
            g_string_append_len (normalized, p, line_end - p);
        }
      else
        {
          g_string_append_len (normalized, p, line_end - p);
        }
      p = line_end;
    }

  g_free (text);
  return g_string_free (normalized, FALSE);
}

/* Removes C0 control characters but tab and LF from @text in place; CR, FF and VT become LF
 * (they still end lines). C1 characters stay: in a text they can be what a Latin-1 file really
 * holds. */
static void
strip_controls (char *text)
{
  const char *p = text;
  char *out;

  while (*p != '\0' && ((guchar) *p >= 0x20 || *p == '\t' || *p == '\n'))
    p++;
  for (out = (char *) p; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x20 || *p == '\t' || *p == '\n')
        *out++ = *p;
      else if (strchr ("\r\f\v", *p) != NULL)
        *out++ = '\n';
    }
  *out = '\0';
}

char *
_scholia_import_finish_text (char *text)
{
  gsize length;
  gsize start = 0;

  strip_controls (text);
  text = normalize_nfc (text);
  length = strlen (text);

  /* Not g_strstrip(): it moves the whole text even when nothing leads it. */
  while (length > 0 && g_ascii_isspace (text[length - 1]))
    length--;
  while (start < length && g_ascii_isspace (text[start]))
    start++;
  if (start > 0)
    memmove (text, text + start, length - start);
  text[length - start] = '\0';

  return text;
}

static gboolean
ends_with_split_word (const GString *paragraph)
{
  const char *hyphen;
  const char *before;

  if (paragraph->len < 2 || paragraph->str[paragraph->len - 1] != '-')
    return FALSE;

  hyphen = paragraph->str + paragraph->len - 1;
  before = g_utf8_find_prev_char (paragraph->str, hyphen);
  return before != NULL && g_unichar_isalpha (g_utf8_get_char (before));
}

void
_scholia_import_join_line (GString    *paragraph,
                           const char *line,
                           gssize      length)
{
  const char *end;

  if (length < 0)
    length = strlen (line);
  end = line + length;

  while (line < end && g_ascii_isspace (*line))
    line++;
  while (end > line && g_ascii_isspace (end[-1]))
    end--;
  if (line == end)
    return;

  if (paragraph->len == 0)
    {
      g_string_append_len (paragraph, line, end - line);
      return;
    }

  /* A soft hyphen at a line end only ever marked where a word was split. */
  if (paragraph->len >= 2 && memcmp (paragraph->str + paragraph->len - 2, "\xc2\xad", 2) == 0)
    {
      g_string_truncate (paragraph, paragraph->len - 2);
    }
  else if (ends_with_split_word (paragraph) && g_unichar_islower (g_utf8_get_char (line)))
    {
      g_string_truncate (paragraph, paragraph->len - 1);
    }
  else if (paragraph->str[paragraph->len - 1] != '\n')
    {
      g_string_append_c (paragraph, ' ');
    }

  g_string_append_len (paragraph, line, end - line);
}

void
_scholia_import_add_paragraph (GString    *text,
                               const char *paragraph,
                               gssize      length)
{
  const char *end;

  if (length < 0)
    length = strlen (paragraph);
  end = paragraph + length;

  while (paragraph < end && g_ascii_isspace (*paragraph))
    paragraph++;
  while (end > paragraph && g_ascii_isspace (end[-1]))
    end--;
  if (paragraph == end)
    return;

  if (text->len > 0)
    g_string_append (text, "\n\n");
  g_string_append_len (text, paragraph, end - paragraph);
}

char *
_scholia_import_guess_title (const char *line,
                             gssize      length)
{
  g_autofree char *title = NULL;

  if (line == NULL)
    return NULL;
  if (length < 0)
    length = strlen (line);
  /* Bound the work before counting characters: a title is never kilobytes long. */
  if (length > TITLE_MAX_CHARS * 4)
    return NULL;

  title = g_strstrip (g_strndup (line, length));
  if (*title == '\0' || g_utf8_strlen (title, -1) >= TITLE_MAX_CHARS)
    return NULL;

  return g_steal_pointer (&title);
}

char *
_scholia_import_guess_title_from_prose (const char *line,
                                        gssize      length)
{
  g_autofree char *title = _scholia_import_guess_title (line, length);

  if (title == NULL || strchr (".,;:", title[strlen (title) - 1]) != NULL)
    return NULL;

  return g_steal_pointer (&title);
}

gboolean
_scholia_import_text (GBytes               *bytes,
                      const char           *name,
                      ScholiaImportedText  *out,
                      GCancellable         *cancellable,
                      GError              **error)
{
  const char *data;
  gsize length;
  char *decoded;
  const char *eol;

  data = g_bytes_get_data (bytes, &length);
  decoded = _scholia_import_decode (data, length, NULL, name, error);
  if (decoded == NULL)
    return FALSE;

  out->text = _scholia_import_finish_text (decoded);
  eol = strchr (out->text, '\n');
  out->title = _scholia_import_guess_title_from_prose (out->text,
                                                       eol != NULL ? eol - out->text : -1);

  return TRUE;
}
