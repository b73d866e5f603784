/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "scholia-import-private.h"

/* HTML to readable text: libxml2's HTML parser, which forgives what saved web pages get wrong,
 * builds the tree; a walk over it keeps the prose. Scripts, styles, the head, navigation, the
 * page's banner and footer and side boxes go; block elements end paragraphs; whitespace
 * collapses; the title and <meta> tags give the metadata. Nothing is ever fetched: the parser
 * runs without network, never loads a DTD or an entity, and images are never followed. */

#define CHARSET_SNIFF_BYTES 4096

/* Everything Scholia asks of the parser. HUGE lifts libxml2's limits of 256 nested elements and
 * 10 MB of text in one element: beyond them it stops reading and the rest of the page would be
 * lost without a word, while a page Scholia accepts may hold 64 MB of text. Depth costs nothing
 * here, as the walk below keeps no stack; in libxml2 an end tag that matches nothing open costs
 * a look through every open element, so a page built of deep nesting and stray end tags is slow
 * (100,000 of each: 30 s), and the Cancel that on_error() checks is what ends it. IGNORE_ENC: the text is UTF-8 by then (see
 * decode_page()), whatever the page declares. */
#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR \
                       | HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC \
                       | XML_PARSE_HUGE)

/* Numeric references in 0x80–0x9F mean Windows-1252, as browsers read them. */
static const gunichar windows_1252_c1[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/* HTML reads "&#147;" as the Windows-1252 quote and "&#0;" as U+FFFD; libxml2 2.9 gives the C1
 * control and drops the other. Such references are rewritten to what a browser shows before
 * the page is parsed. Returns NULL when there are none, which is nearly always. */
static GString *
rewrite_numeric_references (const char *html,
                            gsize       length)
{
  const char *end = html + length;
  const char *done = html;
  GString *rewritten = NULL;

  for (const char *p = html; (p = g_strstr_len (p, end - p, "&#")) != NULL;)
    {
      const char *digits = p + 2;
      gboolean hex = digits < end && (*digits == 'x' || *digits == 'X');
      const char *q;
      guint64 value = 0;
      gunichar c;

      if (hex)
        digits++;
      for (q = digits; q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)); q++)
        value = MIN (value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*q) : *q - '0'),
                     G_MAXUINT32);
      if (q == digits)
        {
          p = digits;
          continue;
        }

      if (value >= 0x80 && value <= 0x9f)
        c = windows_1252_c1[value - 0x80];
      else if (value == 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
        c = 0xfffd;
      else
        {
          p = q;
          continue;
        }

      if (rewritten == NULL)
        rewritten = g_string_sized_new (length + 16);
      g_string_append_len (rewritten, done, p - done);
      g_string_append_printf (rewritten, "&#x%X;", c);
      p = done = q < end && *q == ';' ? q + 1 : q;
    }

  if (rewritten != NULL)
    g_string_append_len (rewritten, done, end - done);
  return rewritten;
}

/* Parsing */

typedef struct
{
  startElementSAXFunc  start_element;
  GCancellable        *cancellable;
  gboolean             cancelled;
} Parse;

/* Called for every start tag and every error (an unmatched end tag is one), so that a cancel
 * stops even a page built to keep the parser busy. */
static gboolean
check_cancelled (xmlParserCtxtPtr ctxt)
{
  Parse *parse = ctxt->_private;

  if (!parse->cancelled && g_cancellable_is_cancelled (parse->cancellable))
    {
      parse->cancelled = TRUE;
      xmlStopParser (ctxt);
    }
  return parse->cancelled;
}

static void
on_start_element (void           *user_data,
                  const xmlChar  *name,
                  const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = user_data;
  Parse *parse = ctxt->_private;

  if (!check_cancelled (ctxt))
    parse->start_element (user_data, name, attributes);
}

static void
on_error (void       *user_data,
          const char *message,
          ...)
{
  check_cancelled (user_data);
}

/* Parses @html (UTF-8, without a BOM) into a tree; NULL when cancelled, or when there is no
 * tree to build (libxml2 makes no parser for empty input). */
static htmlDocPtr
parse_html (const char    *html,
            gsize          length,
            GCancellable  *cancellable)
{
  Parse parse = { NULL, cancellable, FALSE };
  htmlParserCtxtPtr ctxt;
  htmlDocPtr doc;

  ctxt = htmlCreateMemoryParserCtxt (html, (int) MIN (length, G_MAXINT));
  if (ctxt == NULL)
    return NULL;

  htmlCtxtUseOptions (ctxt, PARSE_OPTIONS);
  xmlSwitchEncoding (ctxt, XML_CHAR_ENCODING_UTF8);
  ctxt->_private = &parse;
  parse.start_element = ctxt->sax->startElement;
  ctxt->sax->startElement = on_start_element;
  ctxt->sax->error = on_error;

  htmlParseDocument (ctxt);
  doc = g_steal_pointer (&ctxt->myDoc);
  htmlFreeParserCtxt (ctxt);

  if (parse.cancelled)
    g_clear_pointer (&doc, xmlFreeDoc);
  return doc;
}

/* Attributes */

static gboolean
is_element (const xmlNode *node,
            const char    *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static char *
get_attribute (const xmlNode *node,
               const char    *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* The charset a page declares in a <meta charset> or <meta http-equiv="Content-Type"> near its
 * top, or NULL. */
static char *
sniff_charset (const char *data,
               gsize       length)
{
  htmlDocPtr doc;
  char *charset = NULL;

  /* Latin-1 reads any byte, and the declaration is ASCII in every charset a page may use. */
  doc = htmlReadMemory (data, (int) MIN (length, CHARSET_SNIFF_BYTES), NULL, "ISO-8859-1",
                        PARSE_OPTIONS);
  for (xmlNode *node = xmlDocGetRootElement (doc); node != NULL && charset == NULL;)
    {
      if (is_element (node, "meta"))
        {
          g_autofree char *declared = get_attribute (node, "charset");
          g_autofree char *http_equiv = get_attribute (node, "http-equiv");
          g_autofree char *content = get_attribute (node, "content");

          if (declared == NULL && http_equiv != NULL && content != NULL
              && g_ascii_strcasecmp (http_equiv, "content-type") == 0)
            {
              g_autofree char *lower = g_ascii_strdown (content, -1);
              const char *value = strstr (lower, "charset=");

              if (value != NULL)
                declared = g_strndup (value + strlen ("charset="),
                                      strcspn (value + strlen ("charset="), "; \t\"'"));
            }
          if (declared != NULL)
            {
              g_strstrip (declared);
              charset = declared[0] != '\0' ? g_steal_pointer (&declared) : NULL;
            }
        }

      /* Depth first, without a stack: the prefix may be cut anywhere. */
      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        node = node->children;
      else
        {
          while (node != NULL && node->next == NULL)
            node = node->parent != (xmlNode *) doc ? node->parent : NULL;
          node = node != NULL ? node->next : NULL;
        }
    }
  xmlFreeDoc (doc);

  /* Browsers read Latin-1 and ASCII pages as Windows-1252; so do the pages' authors. */
  if (charset != NULL
      && (g_ascii_strcasecmp (charset, "iso-8859-1") == 0
          || g_ascii_strcasecmp (charset, "latin1") == 0
          || g_ascii_strcasecmp (charset, "us-ascii") == 0))
    {
      g_free (charset);
      charset = g_strdup ("WINDOWS-1252");
    }

  return charset;
}

/* The walk */

typedef struct
{
  GString  *text;         /* the result */
  GString  *paragraph;    /* the paragraph being gathered, whitespace collapsed */
  gboolean  pending_space;
  int       pre_depth;
  int       head_depth;
  int       section_depth; /* inside <article>, <main> or <section> */
  GArray   *lists;        /* of int, one per open list: -1 for <ul>, else the next number */
  gboolean  in_h1;
  char     *h1;
  char     *title;        /* from <title> */
  char     *meta_title;   /* from <meta>: more precise than <title>, which has the site name */
  char     *author;
  char     *date;
  char     *source;
} Html;

static const char * const block_tags[] = {
  "address", "article", "blockquote", "body", "br", "caption", "center", "dd",
  "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "ol", "p", "pre",
  "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
};

/* Their content is never the essay: code, data, menus, drawings, forms, side boxes. */
static const char * const skipped_tags[] = {
  "aside", "button", "canvas", "iframe", "map", "math", "nav", "noembed", "noframes", "noscript",
  "object", "script", "select", "style", "svg", "template", "textarea", "xmp",
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

/* Appends text, collapsing whitespace unless inside <pre>. A no-break space is a space to the
 * reader. */
static void
append_text (GString    *out,
             gboolean   *pending_space,
             gboolean    preformatted,
             const char *s,
             const char *end)
{
  while (s < end)
    {
      if (!preformatted && g_ascii_isspace (*s))
        {
          *pending_space = TRUE;
          s++;
          continue;
        }

      if (*pending_space && out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');
      *pending_space = FALSE;

      if (end - s >= 2 && memcmp (s, "\xc2\xa0", 2) == 0)
        {
          g_string_append_c (out, ' ');
          s += 2;
        }
      else
        {
          if (*s != '\r')
            g_string_append_c (out, *s);
          s++;
        }
    }
}

/* A text node's text; a CDATA section, which libxml2's HTML parser leaves as it is, reads as
 * its content (as in XHTML). */
static void
append_text_node (Html          *html,
                  const xmlNode *node)
{
  const char *s = (const char *) node->content;
  const char *end = s + strlen (s);
  gboolean preformatted = html->pre_depth > 0;

  for (const char *open; (open = g_strstr_len (s, end - s, "<![CDATA[")) != NULL;)
    {
      const char *content = open + strlen ("<![CDATA[");
      const char *close = g_strstr_len (content, end - content, "]]>");

      append_text (html->paragraph, &html->pending_space, preformatted, s, open);
      append_text (html->paragraph, &html->pending_space, preformatted, content,
                   close != NULL ? close : end);
      s = close != NULL ? close + strlen ("]]>") : end;
    }
  append_text (html->paragraph, &html->pending_space, preformatted, s, end);
}

/* An element's text with whitespace collapsed, for the title. */
static char *
collapsed_content (const xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  GString *collapsed = g_string_new (NULL);
  gboolean pending_space = FALSE;

  if (content != NULL)
    append_text (collapsed, &pending_space, FALSE, (const char *) content,
                 (const char *) content + strlen ((const char *) content));
  xmlFree (content);
  return g_strstrip (g_string_free (collapsed, FALSE));
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

static void
take_meta (Html          *html,
           const xmlNode *node)
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
  g_autofree char *key = get_attribute (node, "name");
  g_autofree char *content = get_attribute (node, "content");
  g_autofree char *lower = NULL;
  char **field = NULL;

  if (key == NULL)
    key = get_attribute (node, "property");
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
    *field = g_strstrip (g_steal_pointer (&content));
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

/* The page's banner and footer, as opposed to an article's own header (the ARIA rule: a header
 * or footer is the page's unless inside an article, main or section). */
static gboolean
is_page_furniture (Html       *html,
                   const char *tag)
{
  return html->section_depth == 0 && (strcmp (tag, "header") == 0 || strcmp (tag, "footer") == 0);
}

/* Handles an element's start; returns whether its content is to be read. */
static gboolean
enter_element (Html          *html,
               const xmlNode *node)
{
  const char *tag = (const char *) node->name;

  if (strcmp (tag, "meta") == 0)
    {
      take_meta (html, node);
      return FALSE;
    }
  if (strcmp (tag, "title") == 0)
    {
      if (html->title == NULL)
        html->title = collapsed_content (node);
      return FALSE;
    }
  if (tag_in (tag, skipped_tags, G_N_ELEMENTS (skipped_tags)) || is_page_furniture (html, tag))
    return FALSE;

  if (strcmp (tag, "head") == 0)
    html->head_depth++;
  else if (strcmp (tag, "article") == 0 || strcmp (tag, "main") == 0
           || strcmp (tag, "section") == 0)
    html->section_depth++;

  if (tag_in (tag, block_tags, G_N_ELEMENTS (block_tags)))
    end_paragraph (html);
  else if (strcmp (tag, "td") == 0 || strcmp (tag, "th") == 0)
    html->pending_space = TRUE;

  if (strcmp (tag, "ul") == 0)
    {
      int bullet = -1;

      g_array_append_val (html->lists, bullet);
    }
  else if (strcmp (tag, "ol") == 0)
    {
      g_autofree char *start = get_attribute (node, "start");
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

  return TRUE;
}

/* Handles the end of an element whose content was read. */
static void
leave_element (Html          *html,
               const xmlNode *node)
{
  const char *tag = (const char *) node->name;

  if (tag_in (tag, block_tags, G_N_ELEMENTS (block_tags)))
    end_paragraph (html);

  if (strcmp (tag, "ul") == 0 || strcmp (tag, "ol") == 0)
    g_array_set_size (html->lists, html->lists->len - 1);
  else if (strcmp (tag, "pre") == 0)
    html->pre_depth--;
  else if (strcmp (tag, "h1") == 0)
    html->in_h1 = FALSE;
  else if (strcmp (tag, "head") == 0)
    html->head_depth--;
  else if (strcmp (tag, "article") == 0 || strcmp (tag, "main") == 0
           || strcmp (tag, "section") == 0)
    html->section_depth--;
}

/* Walks the tree depth first through the nodes' parent links, keeping no stack: a page of
 * 100,000 nested <div>s costs no more than 100,000 paragraphs. */
static void
walk (Html    *html,
      xmlNode *top)
{
  xmlNode *node = top;

  while (node != NULL)
    {
      gboolean read_content = FALSE;

      if (node->type == XML_ELEMENT_NODE)
        read_content = enter_element (html, node);
      else if (node->type == XML_TEXT_NODE && node->content != NULL && html->head_depth == 0)
        append_text_node (html, node);

      if (read_content && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      if (read_content)
        leave_element (html, node);

      /* Up to the first ancestor with a next sibling, ending each element on the way. */
      while (node != top && node->next == NULL)
        {
          node = node->parent;
          leave_element (html, node);
        }
      node = node != top ? node->next : NULL;
    }

  end_paragraph (html);
}

/* The page's text as UTF-8: a BOM, or valid UTF-8, or the charset the page declares, or
 * Windows-1252 (see _scholia_import_decode()). */
static char *
decode_page (const char  *data,
             gsize        length,
             const char  *name,
             GError     **error)
{
  g_autofree char *charset = NULL;
  gboolean has_bom = length >= 2 && (memcmp (data, "\xff\xfe", 2) == 0
                                     || memcmp (data, "\xfe\xff", 2) == 0
                                     || (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0));

  /* The declaration matters only when the bytes are not UTF-8 already. */
  if (!has_bom && !g_utf8_validate_len (data, length, NULL))
    charset = sniff_charset (data, length);

  return _scholia_import_decode (data, length, charset, name, error);
}

gboolean
_scholia_import_html (GBytes               *bytes,
                      const char           *name,
                      ScholiaImportedText  *out,
                      GCancellable         *cancellable,
                      GError              **error)
{
  Html html = { 0 };
  g_autofree char *decoded = NULL;
  g_autoptr(GString) rewritten = NULL;
  const char *data;
  gsize length;
  htmlDocPtr doc;

  data = g_bytes_get_data (bytes, &length);
  decoded = decode_page (data, length, name, error);
  if (decoded == NULL)
    return FALSE;

  length = strlen (decoded);
  rewritten = rewrite_numeric_references (decoded, length);
  doc = parse_html (rewritten != NULL ? rewritten->str : decoded,
                    rewritten != NULL ? rewritten->len : length, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      return FALSE;
    }

  html.text = g_string_sized_new (length / 2);
  html.paragraph = g_string_new (NULL);
  html.lists = g_array_new (FALSE, FALSE, sizeof (int));

  if (doc != NULL && xmlDocGetRootElement (doc) != NULL)
    walk (&html, xmlDocGetRootElement (doc));
  g_clear_pointer (&doc, xmlFreeDoc);

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
