/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-import-private.h"

/* HTML to readable text with a small tokenizer: HTML is not XML, and a saved web page is rarely
 * well-formed, so this walks tags and text forgivingly. Scripts, styles, the head and
 * navigation go; block elements end paragraphs; whitespace collapses; entities decode; the
 * title and <meta> tags give the metadata. Nothing is ever fetched. */

#define CHARSET_SNIFF_BYTES 4096
#define ENTITY_NAME_MAX 8

typedef struct
{
  const char *name;
  gunichar    code;
} Entity;

/* The HTML 4 entities (Latin-1, symbols, Greek, typography) and &apos;, sorted by name in
 * byte order for a binary search. */
static const Entity entities[] = {
  { "AElig", 0x00C6 }, { "Aacute", 0x00C1 }, { "Acirc", 0x00C2 }, { "Agrave", 0x00C0 },
  { "Alpha", 0x0391 }, { "Aring", 0x00C5 }, { "Atilde", 0x00C3 }, { "Auml", 0x00C4 },
  { "Beta", 0x0392 }, { "Ccedil", 0x00C7 }, { "Chi", 0x03A7 }, { "Dagger", 0x2021 },
  { "Delta", 0x0394 }, { "ETH", 0x00D0 }, { "Eacute", 0x00C9 }, { "Ecirc", 0x00CA },
  { "Egrave", 0x00C8 }, { "Epsilon", 0x0395 }, { "Eta", 0x0397 }, { "Euml", 0x00CB },
  { "Gamma", 0x0393 }, { "Iacute", 0x00CD }, { "Icirc", 0x00CE }, { "Igrave", 0x00CC },
  { "Iota", 0x0399 }, { "Iuml", 0x00CF }, { "Kappa", 0x039A }, { "Lambda", 0x039B },
  { "Mu", 0x039C }, { "Ntilde", 0x00D1 }, { "Nu", 0x039D }, { "OElig", 0x0152 },
  { "Oacute", 0x00D3 }, { "Ocirc", 0x00D4 }, { "Ograve", 0x00D2 }, { "Omega", 0x03A9 },
  { "Omicron", 0x039F }, { "Oslash", 0x00D8 }, { "Otilde", 0x00D5 }, { "Ouml", 0x00D6 },
  { "Phi", 0x03A6 }, { "Pi", 0x03A0 }, { "Prime", 0x2033 }, { "Psi", 0x03A8 }, { "Rho", 0x03A1 },
  { "Scaron", 0x0160 }, { "Sigma", 0x03A3 }, { "THORN", 0x00DE }, { "Tau", 0x03A4 },
  { "Theta", 0x0398 }, { "Uacute", 0x00DA }, { "Ucirc", 0x00DB }, { "Ugrave", 0x00D9 },
  { "Upsilon", 0x03A5 }, { "Uuml", 0x00DC }, { "Xi", 0x039E }, { "Yacute", 0x00DD },
  { "Yuml", 0x0178 }, { "Zeta", 0x0396 }, { "aacute", 0x00E1 }, { "acirc", 0x00E2 },
  { "acute", 0x00B4 }, { "aelig", 0x00E6 }, { "agrave", 0x00E0 }, { "alefsym", 0x2135 },
  { "alpha", 0x03B1 }, { "amp", 0x0026 }, { "and", 0x2227 }, { "ang", 0x2220 },
  { "apos", 0x0027 }, { "aring", 0x00E5 }, { "asymp", 0x2248 }, { "atilde", 0x00E3 },
  { "auml", 0x00E4 }, { "bdquo", 0x201E }, { "beta", 0x03B2 }, { "brvbar", 0x00A6 },
  { "bull", 0x2022 }, { "cap", 0x2229 }, { "ccedil", 0x00E7 }, { "cedil", 0x00B8 },
  { "cent", 0x00A2 }, { "chi", 0x03C7 }, { "circ", 0x02C6 }, { "clubs", 0x2663 },
  { "cong", 0x2245 }, { "copy", 0x00A9 }, { "crarr", 0x21B5 }, { "cup", 0x222A },
  { "curren", 0x00A4 }, { "dArr", 0x21D3 }, { "dagger", 0x2020 }, { "darr", 0x2193 },
  { "deg", 0x00B0 }, { "delta", 0x03B4 }, { "diams", 0x2666 }, { "divide", 0x00F7 },
  { "eacute", 0x00E9 }, { "ecirc", 0x00EA }, { "egrave", 0x00E8 }, { "empty", 0x2205 },
  { "emsp", 0x2003 }, { "ensp", 0x2002 }, { "epsilon", 0x03B5 }, { "equiv", 0x2261 },
  { "eta", 0x03B7 }, { "eth", 0x00F0 }, { "euml", 0x00EB }, { "euro", 0x20AC },
  { "exist", 0x2203 }, { "fnof", 0x0192 }, { "forall", 0x2200 }, { "frac12", 0x00BD },
  { "frac14", 0x00BC }, { "frac34", 0x00BE }, { "frasl", 0x2044 }, { "gamma", 0x03B3 },
  { "ge", 0x2265 }, { "gt", 0x003E }, { "hArr", 0x21D4 }, { "harr", 0x2194 },
  { "hearts", 0x2665 }, { "hellip", 0x2026 }, { "iacute", 0x00ED }, { "icirc", 0x00EE },
  { "iexcl", 0x00A1 }, { "igrave", 0x00EC }, { "image", 0x2111 }, { "infin", 0x221E },
  { "int", 0x222B }, { "iota", 0x03B9 }, { "iquest", 0x00BF }, { "isin", 0x2208 },
  { "iuml", 0x00EF }, { "kappa", 0x03BA }, { "lArr", 0x21D0 }, { "lambda", 0x03BB },
  { "lang", 0x2329 }, { "laquo", 0x00AB }, { "larr", 0x2190 }, { "lceil", 0x2308 },
  { "ldquo", 0x201C }, { "le", 0x2264 }, { "lfloor", 0x230A }, { "lowast", 0x2217 },
  { "loz", 0x25CA }, { "lrm", 0x200E }, { "lsaquo", 0x2039 }, { "lsquo", 0x2018 },
  { "lt", 0x003C }, { "macr", 0x00AF }, { "mdash", 0x2014 }, { "micro", 0x00B5 },
  { "middot", 0x00B7 }, { "minus", 0x2212 }, { "mu", 0x03BC }, { "nabla", 0x2207 },
  { "nbsp", 0x00A0 }, { "ndash", 0x2013 }, { "ne", 0x2260 }, { "ni", 0x220B }, { "not", 0x00AC },
  { "notin", 0x2209 }, { "nsub", 0x2284 }, { "ntilde", 0x00F1 }, { "nu", 0x03BD },
  { "oacute", 0x00F3 }, { "ocirc", 0x00F4 }, { "oelig", 0x0153 }, { "ograve", 0x00F2 },
  { "oline", 0x203E }, { "omega", 0x03C9 }, { "omicron", 0x03BF }, { "oplus", 0x2295 },
  { "or", 0x2228 }, { "ordf", 0x00AA }, { "ordm", 0x00BA }, { "oslash", 0x00F8 },
  { "otilde", 0x00F5 }, { "otimes", 0x2297 }, { "ouml", 0x00F6 }, { "para", 0x00B6 },
  { "part", 0x2202 }, { "permil", 0x2030 }, { "perp", 0x22A5 }, { "phi", 0x03C6 },
  { "pi", 0x03C0 }, { "piv", 0x03D6 }, { "plusmn", 0x00B1 }, { "pound", 0x00A3 },
  { "prime", 0x2032 }, { "prod", 0x220F }, { "prop", 0x221D }, { "psi", 0x03C8 },
  { "quot", 0x0022 }, { "rArr", 0x21D2 }, { "radic", 0x221A }, { "rang", 0x232A },
  { "raquo", 0x00BB }, { "rarr", 0x2192 }, { "rceil", 0x2309 }, { "rdquo", 0x201D },
  { "real", 0x211C }, { "reg", 0x00AE }, { "rfloor", 0x230B }, { "rho", 0x03C1 },
  { "rlm", 0x200F }, { "rsaquo", 0x203A }, { "rsquo", 0x2019 }, { "sbquo", 0x201A },
  { "scaron", 0x0161 }, { "sdot", 0x22C5 }, { "sect", 0x00A7 }, { "shy", 0x00AD },
  { "sigma", 0x03C3 }, { "sigmaf", 0x03C2 }, { "sim", 0x223C }, { "spades", 0x2660 },
  { "sub", 0x2282 }, { "sube", 0x2286 }, { "sum", 0x2211 }, { "sup", 0x2283 }, { "sup1", 0x00B9 },
  { "sup2", 0x00B2 }, { "sup3", 0x00B3 }, { "supe", 0x2287 }, { "szlig", 0x00DF },
  { "tau", 0x03C4 }, { "there4", 0x2234 }, { "theta", 0x03B8 }, { "thetasym", 0x03D1 },
  { "thinsp", 0x2009 }, { "thorn", 0x00FE }, { "tilde", 0x02DC }, { "times", 0x00D7 },
  { "trade", 0x2122 }, { "uArr", 0x21D1 }, { "uacute", 0x00FA }, { "uarr", 0x2191 },
  { "ucirc", 0x00FB }, { "ugrave", 0x00F9 }, { "uml", 0x00A8 }, { "upsih", 0x03D2 },
  { "upsilon", 0x03C5 }, { "uuml", 0x00FC }, { "weierp", 0x2118 }, { "xi", 0x03BE },
  { "yacute", 0x00FD }, { "yen", 0x00A5 }, { "yuml", 0x00FF }, { "zeta", 0x03B6 },
  { "zwj", 0x200D }, { "zwnj", 0x200C },
};

/* Numeric references in 0x80–0x9F mean Windows-1252, as browsers read them. */
static const gunichar windows_1252_c1[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static gunichar
lookup_entity (const char *name,
               gsize       length)
{
  gsize low = 0;
  gsize high = G_N_ELEMENTS (entities);

  while (low < high)
    {
      gsize middle = (low + high) / 2;
      int cmp = strncmp (entities[middle].name, name, length);

      if (cmp == 0 && entities[middle].name[length] != '\0')
        cmp = 1;
      if (cmp == 0)
        return entities[middle].code;
      if (cmp < 0)
        low = middle + 1;
      else
        high = middle;
    }

  return 0;
}

gsize
_scholia_import_decode_entity (const char *s,
                               gsize       length,
                               GString    *out)
{
  const char *semicolon = memchr (s, ';', MIN (length, ENTITY_NAME_MAX + 2));
  gunichar c = 0;

  if (semicolon == NULL || semicolon == s)
    return 0;

  if (*s == '#')
    {
      const char *digits = s + 1;
      gboolean hex = digits < semicolon && (*digits == 'x' || *digits == 'X');
      guint64 value = 0;

      if (hex)
        digits++;
      if (digits == semicolon)
        return 0;
      for (const char *p = digits; p < semicolon; p++)
        {
          if (hex ? !g_ascii_isxdigit (*p) : !g_ascii_isdigit (*p))
            return 0;
          value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*p) : *p - '0');
        }

      if (value >= 0x80 && value <= 0x9f)
        c = windows_1252_c1[value - 0x80];
      else if (value == 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
        c = 0xfffd;
      else
        c = (gunichar) value;
    }
  else
    {
      c = lookup_entity (s, semicolon - s);
      if (c == 0)
        return 0;
    }

  g_string_append_unichar (out, c);
  return semicolon - s + 1;
}

/* The tokenizer */

typedef struct
{
  GString    *text;         /* the result */
  GString    *paragraph;    /* the paragraph being gathered, whitespace collapsed */
  gboolean    pending_space;
  gboolean    in_head;
  int         pre_depth;
  const char *skip_tag;     /* an element whose content is dropped, while inside it */
  int         skip_depth;
  GArray     *lists;        /* of int, one per open list: -1 for <ul>, else the next number */
  gboolean    in_h1;
  char       *h1;
  char       *title;        /* from <title> */
  char       *meta_title;   /* from <meta>: more precise than <title>, which has the site name */
  char       *author;
  char       *date;
  char       *source;
} Html;

static const char * const block_tags[] = {
  "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
  "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "ol", "p", "pre",
  "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
};

/* Their text is code or data, never prose; read to their end tag without parsing. */
static const char * const raw_text_tags[] = {
  "iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "xmp",
};

/* Their content is markup the reader does not want: menus, drawings, forms. */
static const char * const skipped_tags[] = {
  "button", "canvas", "map", "math", "nav", "object", "select", "svg", "template",
};

static gboolean
tag_in (const char         *tag,
        const char * const *tags,
        gsize               n_tags)
{
  for (gsize i = 0; i < n_tags; i++)
    if (strcmp (tag, tags[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Appends text with entities decoded; collapsing whitespace unless inside <pre>. */
static void
append_text (GString    *out,
             gboolean   *pending_space,
             gboolean    preformatted,
             const char *s,
             const char *end)
{
  while (s < end)
    {
      gsize used;

      if (!preformatted && g_ascii_isspace (*s))
        {
          *pending_space = TRUE;
          s++;
          continue;
        }

      if (*pending_space && out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');
      *pending_space = FALSE;

      if (*s == '&' && (used = _scholia_import_decode_entity (s + 1, end - (s + 1), out)) > 0)
        {
          /* A no-break space is a space to the reader. */
          if (out->len >= 2 && memcmp (out->str + out->len - 2, "\xc2\xa0", 2) == 0)
            {
              g_string_truncate (out, out->len - 2);
              g_string_append_c (out, ' ');
            }
          s += 1 + used;
        }
      else if (*s == '\r')
        {
          s++;
        }
      else
        {
          g_string_append_c (out, *s);
          s++;
        }
    }
}

static char *
decode_attribute (const char *value,
                  gsize       length)
{
  GString *decoded = g_string_sized_new (length);
  gboolean pending_space = FALSE;

  append_text (decoded, &pending_space, FALSE, value, value + length);
  return g_string_free (decoded, FALSE);
}

static void
end_paragraph (Html *html)
{
  if (html->in_h1 && html->h1 == NULL && html->paragraph->len > 0)
    html->h1 = g_strdup (html->paragraph->str);

  _scholia_import_add_paragraph (html->text, html->paragraph->str, html->paragraph->len);
  g_string_truncate (html->paragraph, 0);
  html->pending_space = FALSE;
}

/* Attributes */

typedef struct
{
  char *name;
  char *value;
} Attribute;

static void
attribute_clear (Attribute *attribute)
{
  g_free (attribute->name);
  g_free (attribute->value);
}

static const char *
get_attribute (GArray     *attributes,
               const char *name)
{
  for (guint i = 0; i < attributes->len; i++)
    {
      Attribute *attribute = &g_array_index (attributes, Attribute, i);

      if (strcmp (attribute->name, name) == 0)
        return attribute->value;
    }
  return NULL;
}

/* Parses a tag from just after its name to its '>': attributes with quoted, unquoted or no
 * values. Returns where the tag ends. */
static const char *
parse_attributes (const char *p,
                  const char *end,
                  GArray     *attributes,
                  gboolean   *self_closing)
{
  *self_closing = FALSE;

  while (p < end)
    {
      const char *name;
      Attribute attribute = { NULL, NULL };

      while (p < end && (g_ascii_isspace (*p) || *p == '/'))
        {
          *self_closing = *p == '/';
          p++;
        }
      if (p >= end)
        break;
      if (*p == '>')
        return p + 1;
      *self_closing = FALSE;

      name = p;
      while (p < end && !g_ascii_isspace (*p) && *p != '=' && *p != '>' && *p != '/')
        p++;
      attribute.name = g_ascii_strdown (name, p - name);

      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p < end && *p == '=')
        {
          const char *value;

          p++;
          while (p < end && g_ascii_isspace (*p))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              const char *close = memchr (p + 1, *p, end - (p + 1));

              value = p + 1;
              p = close != NULL ? close : end;
              attribute.value = decode_attribute (value, p - value);
              if (p < end)
                p++;
            }
          else
            {
              value = p;
              while (p < end && !g_ascii_isspace (*p) && *p != '>')
                p++;
              attribute.value = decode_attribute (value, p - value);
            }
        }
      else
        {
          attribute.value = g_strdup ("");
        }

      g_array_append_val (attributes, attribute);
    }

  return end;
}

static void
take_meta (Html   *html,
           GArray *attributes)
{
  static const char * const title_names[] = { "citation_title", "dc.title", "dcterms.title",
                                              "og:title" };
  static const char * const author_names[] = { "author", "citation_author", "dc.creator",
                                               "dcterms.creator" };
  static const char * const date_names[] = { "citation_publication_date", "citation_date",
                                             "dc.date", "dcterms.date", "dcterms.created",
                                             "dc.date.issued", "date",
                                             "article:published_time" };
  static const char * const source_names[] = { "citation_journal_title", "dc.source",
                                               "dc.publisher", "citation_publisher",
                                               "og:site_name" };
  const char *key = get_attribute (attributes, "name");
  const char *content = get_attribute (attributes, "content");
  g_autofree char *lower = NULL;
  char **field = NULL;

  if (key == NULL)
    key = get_attribute (attributes, "property");
  if (key == NULL || content == NULL || content[0] == '\0')
    return;

  lower = g_ascii_strdown (key, -1);
  if (tag_in (lower, title_names, G_N_ELEMENTS (title_names)))
    field = &html->meta_title;
  else if (tag_in (lower, author_names, G_N_ELEMENTS (author_names)))
    field = &html->author;
  else if (tag_in (lower, date_names, G_N_ELEMENTS (date_names)))
    field = &html->date;
  else if (tag_in (lower, source_names, G_N_ELEMENTS (source_names)))
    field = &html->source;

  if (field != NULL && *field == NULL)
    *field = g_strstrip (g_strdup (content));
}

static void
start_list_item (Html *html)
{
  int *number;

  if (html->lists->len == 0)
    {
      g_string_append (html->paragraph, "- ");
      return;
    }

  number = &g_array_index (html->lists, int, html->lists->len - 1);
  if (*number < 0)
    g_string_append (html->paragraph, "- ");
  else
    g_string_append_printf (html->paragraph, "%d. ", (*number)++);
}

static void
handle_start_tag (Html       *html,
                  const char *tag,
                  GArray     *attributes)
{
  if (html->skip_tag != NULL)
    {
      if (strcmp (tag, html->skip_tag) == 0)
        html->skip_depth++;
      return;
    }

  if (strcmp (tag, "meta") == 0)
    {
      take_meta (html, attributes);
      return;
    }
  if (strcmp (tag, "head") == 0)
    {
      html->in_head = TRUE;
      return;
    }

  if (tag_in (tag, skipped_tags, G_N_ELEMENTS (skipped_tags)))
    {
      html->skip_tag = g_intern_string (tag);
      html->skip_depth = 1;
      return;
    }

  if (tag_in (tag, block_tags, G_N_ELEMENTS (block_tags)))
    {
      html->in_head = FALSE;
      end_paragraph (html);
    }
  else if (strcmp (tag, "td") == 0 || strcmp (tag, "th") == 0)
    {
      html->pending_space = TRUE;
    }

  if (strcmp (tag, "ul") == 0)
    {
      int bullet = -1;

      g_array_append_val (html->lists, bullet);
    }
  else if (strcmp (tag, "ol") == 0)
    {
      const char *start = get_attribute (attributes, "start");
      int number = 1;

      if (start != NULL)
        number = (int) CLAMP (g_ascii_strtoll (start, NULL, 10), 0, G_MAXINT / 2);

      g_array_append_val (html->lists, number);
    }
  else if (strcmp (tag, "li") == 0)
    {
      start_list_item (html);
    }
  else if (strcmp (tag, "pre") == 0)
    {
      html->pre_depth++;
    }
  else if (strcmp (tag, "h1") == 0)
    {
      html->in_h1 = TRUE;
    }
}

static void
handle_end_tag (Html       *html,
                const char *tag)
{
  if (html->skip_tag != NULL)
    {
      if (strcmp (tag, html->skip_tag) == 0 && --html->skip_depth == 0)
        html->skip_tag = NULL;
      return;
    }

  if (strcmp (tag, "head") == 0)
    {
      html->in_head = FALSE;
      return;
    }

  if (tag_in (tag, block_tags, G_N_ELEMENTS (block_tags)) || strcmp (tag, "head") == 0)
    end_paragraph (html);

  if ((strcmp (tag, "ul") == 0 || strcmp (tag, "ol") == 0) && html->lists->len > 0)
    g_array_set_size (html->lists, html->lists->len - 1);
  else if (strcmp (tag, "pre") == 0 && html->pre_depth > 0)
    html->pre_depth--;
  else if (strcmp (tag, "h1") == 0)
    html->in_h1 = FALSE;
}

/* Where the end tag "</tag" closing a raw text element starts, or @end. */
static const char *
find_end_tag (const char *p,
              const char *end,
              const char *tag)
{
  gsize tag_length = strlen (tag);

  for (; (p = memchr (p, '<', end - p)) != NULL; p++)
    {
      if ((gsize) (end - p) >= tag_length + 2 && p[1] == '/'
          && g_ascii_strncasecmp (p + 2, tag, tag_length) == 0
          && (p + 2 + tag_length == end || !g_ascii_isalnum (p[2 + tag_length])))
        return p;
    }

  return end;
}

static void
walk (Html       *html,
      const char *p,
      const char *end)
{
  g_autoptr(GArray) attributes = g_array_new (FALSE, FALSE, sizeof (Attribute));

  g_array_set_clear_func (attributes, (GDestroyNotify) attribute_clear);

  while (p < end)
    {
      const char *lt = memchr (p, '<', end - p);
      const char *text_end = lt != NULL ? lt : end;
      const char *name;
      g_autofree char *tag = NULL;
      gboolean closing;
      gboolean self_closing;

      if (text_end > p && html->skip_tag == NULL && !html->in_head)
        append_text (html->paragraph, &html->pending_space, html->pre_depth > 0, p, text_end);
      p = text_end;
      if (p >= end)
        break;

      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - (p + 4), "-->");

          p = close != NULL ? close + 3 : end;
          continue;
        }

      closing = p + 1 < end && p[1] == '/';
      name = p + (closing ? 2 : 1);
      if (name < end && (*name == '!' || *name == '?'))
        {
          const char *close = memchr (name, '>', end - name);

          p = close != NULL ? close + 1 : end;
          continue;
        }
      if (name >= end || !g_ascii_isalpha (*name))
        {
          /* A lone '<' is text. */
          if (html->skip_tag == NULL && !html->in_head)
            append_text (html->paragraph, &html->pending_space, html->pre_depth > 0, p, p + 1);
          p++;
          continue;
        }

      p = name;
      while (p < end && (g_ascii_isalnum (*p) || *p == '-' || *p == ':'))
        p++;
      tag = g_ascii_strdown (name, p - name);

      g_array_set_size (attributes, 0);
      p = parse_attributes (p, end, attributes, &self_closing);

      if (closing)
        {
          handle_end_tag (html, tag);
          continue;
        }

      if (html->skip_tag == NULL && strcmp (tag, "title") == 0)
        {
          const char *close = find_end_tag (p, end, tag);

          if (html->title == NULL)
            html->title = g_strstrip (decode_attribute (p, close - p));
          p = close;
          continue;
        }
      if (html->skip_tag == NULL && tag_in (tag, raw_text_tags, G_N_ELEMENTS (raw_text_tags)))
        {
          p = find_end_tag (p, end, tag);
          continue;
        }

      handle_start_tag (html, tag, attributes);
      if (self_closing && html->skip_tag != NULL && strcmp (tag, html->skip_tag) == 0
          && --html->skip_depth == 0)
        html->skip_tag = NULL;
    }

  end_paragraph (html);
}

/* The charset a page declares in a <meta> near its top, or NULL. */
static char *
sniff_charset (const char *data,
               gsize       length)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (length, CHARSET_SNIFF_BYTES));
  const char *meta;

  for (meta = strstr (head, "<meta"); meta != NULL; meta = strstr (meta + 1, "<meta"))
    {
      const char *tag_end = strchr (meta, '>');
      const char *charset = strstr (meta, "charset=");
      const char *value_end;

      if (charset == NULL || (tag_end != NULL && charset > tag_end))
        continue;

      charset += strlen ("charset=");
      while (*charset == '"' || *charset == '\'' || *charset == ' ')
        charset++;
      value_end = charset;
      while (g_ascii_isalnum (*value_end) || *value_end == '-' || *value_end == '_'
             || *value_end == ':' || *value_end == '.')
        value_end++;
      if (value_end == charset)
        continue;

      /* Browsers read Latin-1 and ASCII pages as Windows-1252; so do the pages' authors. */
      if (strncmp (charset, "iso-8859-1", value_end - charset) == 0
          || strncmp (charset, "latin1", value_end - charset) == 0
          || strncmp (charset, "us-ascii", value_end - charset) == 0)
        return g_strdup ("WINDOWS-1252");

      return g_strndup (charset, value_end - charset);
    }

  return NULL;
}

gboolean
_scholia_import_html (GBytes               *bytes,
                      const char           *name,
                      ScholiaImportedText  *out,
                      GCancellable         *cancellable,
                      GError              **error)
{
  Html html = { 0 };
  g_autofree char *charset = NULL;
  g_autofree char *decoded = NULL;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  charset = sniff_charset (data, length);
  decoded = _scholia_import_decode (data, length, charset, name, error);
  if (decoded == NULL)
    return FALSE;

  html.text = g_string_sized_new (strlen (decoded) / 2);
  html.paragraph = g_string_new (NULL);
  html.lists = g_array_new (FALSE, FALSE, sizeof (int));

  walk (&html, decoded, decoded + strlen (decoded));

  out->text = _scholia_import_finish_text (g_string_free (html.text, FALSE));
  if (html.meta_title != NULL)
    out->title = _scholia_import_guess_title (html.meta_title, -1);
  if (out->title == NULL && html.title != NULL)
    out->title = _scholia_import_guess_title (html.title, -1);
  if (out->title == NULL && html.h1 != NULL)
    out->title = _scholia_import_guess_title (html.h1, -1);
  out->author = g_steal_pointer (&html.author);
  out->date = g_steal_pointer (&html.date);
  out->source = g_steal_pointer (&html.source);

  g_string_free (html.paragraph, TRUE);
  g_array_unref (html.lists);
  g_free (html.h1);
  g_free (html.title);
  g_free (html.meta_title);

  return TRUE;
}
