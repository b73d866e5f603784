/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <string.h>

#include "scholia-count-format.h"

static gboolean
is_c_locale (void)
{
  const char *numeric = setlocale (LC_NUMERIC, NULL);

  return numeric == NULL || strcmp (numeric, "C") == 0 || strcmp (numeric, "POSIX") == 0 ||
         g_str_has_prefix (numeric, "C.");
}

/* In a real locale %'u groups as the locale says, a locale without a separator included (GNOME
 * applications print counts so). The C and POSIX locales have none: they are the locale of no
 * locale set (containers, minimal systems, LANG=C.UTF-8 sessions), whose messages are Scholia's
 * English, and an English reader takes "12345" for a code rather than a count; the comma is
 * what the English messages' own locale (en_US) would give. */
static void
append_count (GString *text,
              guint    count)
{
  g_autofree char *digits = NULL;
  gsize length;

  if (!is_c_locale ())
    {
      g_string_append_printf (text, "%'u", count);
      return;
    }
  digits = g_strdup_printf ("%u", count);
  length = strlen (digits);
  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
}

char *
scholia_count_format (const char *format,
                      ...)
{
  GString *text;
  va_list args;

  g_return_val_if_fail (format != NULL, NULL);

  text = g_string_sized_new (strlen (format) + 16);
  va_start (args, format);
  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == '%')
        {
          g_string_append_c (text, '%');
          p++;
        }
      else if (p[0] == '%' && p[1] == '\'' && p[2] == 'u')
        {
          append_count (text, va_arg (args, guint));
          p += 2;
        }
      else
        g_string_append_c (text, *p);
    }
  va_end (args);
  return g_string_free (text, FALSE);
}
