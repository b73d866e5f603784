/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-text-check.h"

/* C0 controls, DEL and the C1 controls: none has a place in a name, and on a terminal ESC and
 * CSI start escape sequences. */
static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/* @text as NFC, or NULL with an error when it is not UTF-8. */
static char *
normalize (const char  *text,
           GError     **error)
{
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *shown = scholia_text_printable (text);

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” is not valid UTF-8 text"), shown);
      return NULL;
    }
  return g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
}

/* Removes leading and trailing white space, Unicode spaces such as U+00A0 included. */
static char *
trim (char *text)
{
  char *start = text;
  char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      char *previous = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (previous)))
        break;
      end = previous;
    }
  memmove (text, start, end - start);
  text[end - start] = '\0';
  return text;
}

/* Copies @text without its control characters, except that tab and line ends (LF, CR) are
 * kept when @keep_tab_and_newline, and that white-space controls (tab, LF, CR, FF, VT and NEL,
 * the C1 line end) not kept become @line_break when it is not 0: they still part words. */
static char *
filter_controls (const char *text,
                 gboolean    keep_tab_and_newline,
                 gunichar    line_break)
{
  GString *filtered = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_control (c))
        g_string_append_unichar (filtered, c);
      else if (keep_tab_and_newline && (c == '\t' || c == '\n' || c == '\r'))
        g_string_append_c (filtered, c);
      else if (line_break != 0 && (strchr ("\t\n\r\f\v", c) != NULL || c == 0x85))
        g_string_append_unichar (filtered, line_break);
    }
  return g_string_free (filtered, FALSE);
}

char *
scholia_text_check_name (const char  *name,
                         GError     **error)
{
  g_autofree char *clean = NULL;
  glong length;

  g_return_val_if_fail (name != NULL, NULL);

  if ((clean = normalize (name, error)) == NULL)
    return NULL;
  trim (clean);

  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    if (is_control (g_utf8_get_char (p)))
      {
        g_autofree char *shown = scholia_text_printable (clean);

        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                     _("“%s” holds a control character (such as a line break): a name cannot"),
                     shown);
        return NULL;
      }

  length = g_utf8_strlen (clean, -1);
  if (length > SCHOLIA_TEXT_NAME_MAX_LENGTH)
    {
      g_autofree char *start = g_utf8_substring (clean, 0, 20);

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   /* Translators: the start of the name, its length and the greatest length
                    * allowed, all in characters. */
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s…” is %ld character long: a name can have at most %d (put more in the description)",
                                "“%s…” is %ld characters long: a name can have at most %d (put more in the description)",
                                length),
                   start, length, SCHOLIA_TEXT_NAME_MAX_LENGTH);
      return NULL;
    }

  return g_steal_pointer (&clean);
}

char *
scholia_text_check_field (const char  *value,
                          GError     **error)
{
  g_autofree char *clean = NULL;

  if (value == NULL)
    return NULL;
  if ((clean = normalize (value, error)) == NULL)
    return NULL;
  return trim (filter_controls (clean, FALSE, ' '));
}

char *
scholia_text_check_note (const char  *text,
                         GError     **error)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return NULL;
  if ((clean = normalize (text, error)) == NULL)
    return NULL;
  return filter_controls (clean, TRUE, 0);
}

char *
scholia_text_fold (const char *text)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  return g_utf8_casefold (normalized, -1);
}

/* The letters that carry their mark in the letter itself: NFD leaves them whole. */
static const char *
bare_letter (gunichar c)
{
  switch (c)
    {
    case 0x0141: case 0x0142: return "l";   /* Ł ł */
    case 0x00d8: case 0x00f8: return "o";   /* Ø ø */
    case 0x0110: case 0x0111: return "d";   /* Đ đ */
    case 0x00c6: case 0x00e6: return "ae";  /* Æ æ */
    case 0x0152: case 0x0153: return "oe";  /* Œ œ */
    case 0x0131: return "i";                /* ı */
    default: return NULL;
    }
}

char *
scholia_text_fold_bare (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return NULL;
  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *letter = bare_letter (c);

      if (letter != NULL)
        g_string_append (bare, letter);
      else if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, -1);
}

char *
scholia_text_printable (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *shown = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (shown, is_control (c) ? 0xfffd : c);
    }
  return g_string_free (shown, FALSE);
}
