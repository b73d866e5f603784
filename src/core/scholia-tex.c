/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-tex.h"

/* The accent commands and the combining characters they put on the next letter. */
static gunichar
accent_mark (char command)
{
  switch (command)
    {
    case '"': return 0x0308;
    case '\'': return 0x0301;
    case '`': return 0x0300;
    case '^': return 0x0302;
    case '~': return 0x0303;
    case '=': return 0x0304;
    case '.': return 0x0307;
    case 'u': return 0x0306;
    case 'v': return 0x030c;
    case 'H': return 0x030b;
    case 'c': return 0x0327;
    case 'k': return 0x0328;
    case 'r': return 0x030a;
    case 'd': return 0x0323;
    case 'b': return 0x0331;
    default: return 0;
    }
}

/* Commands that stand for a letter or a sign. */
static const struct
{
  const char *name;
  const char *text;
} symbols[] = {
  { "ss", "ß" }, { "SS", "SS" }, { "o", "ø" }, { "O", "Ø" }, { "l", "ł" }, { "L", "Ł" },
  { "ae", "æ" }, { "AE", "Æ" }, { "oe", "œ" }, { "OE", "Œ" }, { "aa", "å" }, { "AA", "Å" },
  { "i", "ı" }, { "j", "ȷ" }, { "dh", "ð" }, { "DH", "Ð" }, { "th", "þ" }, { "TH", "Þ" },
  { "dj", "đ" }, { "DJ", "Đ" }, { "ng", "ŋ" }, { "NG", "Ŋ" },
  { "textendash", "–" }, { "textemdash", "—" }, { "ldots", "…" }, { "dots", "…" },
  { "textellipsis", "…" }, { "S", "§" }, { "P", "¶" }, { "dag", "†" }, { "ddag", "‡" },
  { "textquoteleft", "‘" }, { "textquoteright", "’" }, { "textquotedblleft", "“" },
  { "textquotedblright", "”" }, { "guillemotleft", "«" }, { "guillemotright", "»" },
  { "textasciitilde", "~" }, { "textbackslash", "\\" }, { "copyright", "©" },
  { "textregistered", "®" }, { "pounds", "£" }, { "euro", "€" }, { "textdegree", "°" },
  { "LaTeX", "LaTeX" }, { "TeX", "TeX" },
};

static const char *
symbol_text (const char *name,
             gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (strlen (symbols[i].name) == length && strncmp (symbols[i].name, name, length) == 0)
      return symbols[i].text;
  return NULL;
}

static void
append_space (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != ' ')
    g_string_append_c (out, ' ');
}

/* The letter an accent goes on, at *@p: "o", "{o}", "{\i}", "\i", " o"; moves *@p past it.
 * Appends the letter and @mark. */
static void
append_accented (GString     *out,
                 const char **p,
                 gunichar     mark)
{
  const char *s = *p;
  gboolean braced;

  while (*s == ' ')
    s++;
  braced = *s == '{';
  if (braced)
    s++;
  if (s[0] == '\\' && (s[1] == 'i' || s[1] == 'j') && !g_ascii_isalpha (s[2]))
    {
      g_string_append_c (out, s[1]);  /* the dotless i takes the accent as i does */
      s += 2;
    }
  else if (*s != '\0' && *s != '}')
    {
      const char *next = g_utf8_next_char (s);

      g_string_append_len (out, s, next - s);
      s = next;
    }
  g_string_append_unichar (out, mark);
  if (braced)
    {
      while (*s == ' ')
        s++;
      if (*s == '}')
        s++;
    }
  *p = s;
}

char *
scholia_tex_to_unicode (const char *tex)
{
  g_autoptr(GString) out = NULL;
  const char *p;

  g_return_val_if_fail (tex != NULL, NULL);

  out = g_string_sized_new (strlen (tex));
  p = tex;
  while (*p != '\0')
    {
      if (*p == '\\')
        {
          const char *name = p + 1;
          gsize length = 0;
          gunichar mark = accent_mark (*name);
          const char *symbol;

          while (g_ascii_isalpha (name[length]))
            length++;
          /* \"o, \'e, \^{o}; a letter accent (\v, \u, \c …) only when a name of one letter. */
          if (mark != 0 && (!g_ascii_isalpha (*name) || length == 1))
            {
              p = name + 1;
              append_accented (out, &p, mark);
              continue;
            }
          if (length == 0)
            {
              /* An escaped character: \& \% \$ \# \_ \{ \} ; "\ " and "\\" a space. */
              if (*name == '\0')
                break;
              if (*name == ' ' || *name == '\\')
                append_space (out);
              else
                g_string_append_c (out, *name);
              p = name + 1;
              continue;
            }
          symbol = symbol_text (name, length);
          if (symbol != NULL)
            g_string_append (out, symbol);
          p = name + length;
          /* A command ends at the first non-letter; the space that ends it is no space. */
          if (*p == ' ' )
            p++;
          else if (symbol != NULL && p[0] == '{' && p[1] == '}')
            p += 2;
          continue;
        }
      switch (*p)
        {
        case '{':
        case '}':
          p++;
          break;
        case '~':
          g_string_append (out, "\u00a0");
          p++;
          break;
        case '-':
          if (g_str_has_prefix (p, "---"))
            {
              g_string_append (out, "—");
              p += 3;
            }
          else if (g_str_has_prefix (p, "--"))
            {
              g_string_append (out, "–");
              p += 2;
            }
          else
            g_string_append_c (out, *p++);
          break;
        case '`':
          if (p[1] == '`')
            {
              g_string_append (out, "“");
              p += 2;
            }
          else
            {
              g_string_append (out, "‘");
              p++;
            }
          break;
        case '\'':
          if (p[1] == '\'')
            {
              g_string_append (out, "”");
              p += 2;
            }
          else
            {
              g_string_append (out, "’");
              p++;
            }
          break;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
          append_space (out);
          p++;
          break;
        default:
          g_string_append_c (out, *p++);
        }
    }

  g_strstrip (out->str);
  {
    g_autofree char *valid = g_utf8_make_valid (out->str, -1);

    return g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  }
}
