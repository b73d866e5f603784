/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-json-scan.h"

/* The UTF-16 code unit of the \uXXXX escape at @p, or -1 when there is none before @end. */
static int
escaped_unit (const char *p,
              const char *end)
{
  int unit = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }
  return unit;
}

static gboolean
is_high_surrogate (int unit)
{
  return unit >= 0xd800 && unit <= 0xdbff;
}

static gboolean
is_low_surrogate (int unit)
{
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/* The escape at @p (its backslash) inside a string; returns how many bytes it spans, after
 * rewriting a \uXXXX that is no character as \ufffd. */
static gsize
scan_escape (char       *p,
             const char *end,
             guint      *replaced)
{
  int unit = escaped_unit (p, end);

  /* A NUL after the backslash is not skipped: the caller refuses it. */
  if (unit < 0)
    return end - p >= 2 && p[1] != '\0' ? 2 : 1;
  if (is_high_surrogate (unit) && is_low_surrogate (escaped_unit (p + 6, end)))
    return 12;
  if (unit == 0 || is_high_surrogate (unit) || is_low_surrogate (unit))
    {
      memcpy (p + 2, "fffd", 4);
      (*replaced)++;
    }
  return 6;
}

gboolean
scholia_json_scan (char     *data,
                   gsize     length,
                   guint     max_depth,
                   guint    *replaced,
                   GError  **error)
{
  const char *end = data + length;
  gboolean in_string = FALSE;
  guint depth = 0;
  guint line = 1;
  guint count = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  for (char *p = data; p < end;)
    {
      if (*p == '\0')
        {
          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                       _("it holds a NUL byte at line %u, so it is binary data, not JSON text"), line);
          return FALSE;
        }
      if (*p == '\n')
        line++;

      if (in_string)
        {
          if (*p == '\\')
            {
              p += scan_escape (p, end, &count);
              continue;
            }
          in_string = *p != '"';
        }
      else if (*p == '"')
        in_string = TRUE;
      else if ((*p == '[' || *p == '{') && ++depth > max_depth)
        {
          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE,
                       /* Translators: follows a file's name and a colon: the greatest depth
                        * allowed, then a line number. Keep "W3C". */
                       g_dngettext (GETTEXT_PACKAGE,
                                    "its arrays and objects are nested more than %u level deep, at line %u "
                                    "(W3C annotations need about 10 at most)",
                                    "its arrays and objects are nested more than %u levels deep, at line %u "
                                    "(W3C annotations need about 10 at most)", max_depth),
                       max_depth, line);
          return FALSE;
        }
      else if ((*p == ']' || *p == '}') && depth > 0)
        depth--;
      p++;
    }

  if (replaced != NULL)
    *replaced = count;
  return TRUE;
}
