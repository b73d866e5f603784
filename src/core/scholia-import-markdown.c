/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <cmark.h>
#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-import-private.h"

/* Markdown to readable text: the reader sees the words and the paragraph structure, never the
 * markup. cmark, the CommonMark reference parser, builds the tree; a walk over it writes each
 * heading, paragraph and code block as a paragraph, each list as one paragraph of "- " or "1. "
 * lines, quotes as their text; emphasis marks, link targets, images and inline HTML go, and an
 * HTML block reads as the HTML importer reads a page. Pandoc's front matter gives the metadata
 * and its footnotes read as "[1]". */

#define FRONT_MATTER_MAX_BYTES (64 * 1024)
/* The text is fed to cmark in pieces, so that a cancel stops a long file soon. */
#define FEED_BYTES (1024 * 1024)
/* Deeper lists are indented no further: the reader sees the structure, not a staircase. */
#define LIST_INDENT_MAX 4
/* A footnote label is a word or a number, never a sentence. */
#define FOOTNOTE_LABEL_MAX 64
/* cmark holds a node of about 175 bytes for every mark it cannot pair ("[", "<", "*"…) until
 * the whole tree is walked, so a file of nothing but brackets would need two hundred times its
 * size in memory. Past this many marks a file is refused instead; a book-length essay has a
 * few hundred thousand. */
#define MARKS_MAX (3 * 1000 * 1000)

typedef struct
{
  GString  *text;         /* the result */
  GString  *block;        /* the inline text of the paragraph or heading being read */
  GString  *list;         /* the lines of the list being read, one per item */
  GArray   *numbers;      /* of int, one per open list: -1 for bullets, else the next number */
  gboolean  in_item;      /* the block belongs to a list item's line */
  char     *heading;      /* the first heading: the title guess */
} Markdown;

/* Inline text */

/* The length of a footnote reference "[^label]" at @p, or 0. */
static gsize
footnote_length (const char *p,
                 const char *end)
{
  const char *q;

  if (end - p < 4 || p[0] != '[' || p[1] != '^')
    return 0;
  for (q = p + 2; q < end && q - p < FOOTNOTE_LABEL_MAX; q++)
    {
      if (*q == ']')
        return q > p + 2 ? (gsize) (q - p) + 1 : 0;
      if (*q == '[' || *q == ' ' || *q == '\t' || *q == '\n')
        return 0;
    }
  return 0;
}

/* Appends text, with Pandoc's footnote references ("[^1]", which CommonMark leaves as they
 * are) read as "[1]"; a footnote's definition, "[^1]: Its text." at the start of a paragraph,
 * reads as "[1] Its text.". */
static void
append_text (GString    *out,
             const char *s,
             gboolean    starts_block)
{
  const char *end = s + strlen (s);

  for (const char *p = s; p < end;)
    {
      const char *open = memchr (p, '[', end - p);
      gsize length;

      if (open == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }

      g_string_append_len (out, p, open - p);
      length = footnote_length (open, end);
      if (length == 0)
        {
          g_string_append_c (out, '[');
          p = open + 1;
          continue;
        }

      g_string_append_c (out, '[');
      g_string_append_len (out, open + 2, length - 2);
      p = open + length;
      if (starts_block && open == s && p < end && *p == ':')
        p++;
    }
}

/* Ends a block's text: a paragraph of the result, or part of a list item's line. */
static void
end_block (Markdown *md)
{
  if (md->in_item)
    {
      /* An item's paragraphs and code read as one line. */
      g_strdelimit (md->block->str, "\n", ' ');
      g_strstrip (md->block->str);
      if (md->block->str[0] != '\0')
        {
          char last = md->list->len > 0 ? md->list->str[md->list->len - 1] : '\n';

          if (last != ' ' && last != '\n')
            g_string_append_c (md->list, ' ');
          g_string_append (md->list, md->block->str);
        }
    }
  else
    {
      _scholia_import_add_paragraph (md->text, md->block->str, md->block->len);
    }
  g_string_truncate (md->block, 0);
}

/* An HTML block reads as a page does: its tags go, its scripts too. */
static void
append_html_block (Markdown   *md,
                   const char *html)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (html, strlen (html));
  g_autoptr(ScholiaImportedText) fragment = g_new0 (ScholiaImportedText, 1);

  if (_scholia_import_html (bytes, "", fragment, NULL, NULL) && fragment->text[0] != '\0')
    {
      g_string_assign (md->block, fragment->text);
      end_block (md);
    }
}

static void
start_item (Markdown   *md,
            cmark_node *item)
{
  int *number = &g_array_index (md->numbers, int, md->numbers->len - 1);

  if (md->list->len > 0)
    g_string_append_c (md->list, '\n');
  for (guint level = 1; level < MIN (md->numbers->len, LIST_INDENT_MAX + 1); level++)
    g_string_append (md->list, "  ");
  if (*number < 0)
    g_string_append (md->list, "- ");
  else
    g_string_append_printf (md->list, "%d. ", (*number)++);
}

static void
enter_list (Markdown   *md,
            cmark_node *list)
{
  int number = -1;

  if (cmark_node_get_list_type (list) == CMARK_ORDERED_LIST)
    number = cmark_node_get_list_start (list);
  g_array_append_val (md->numbers, number);
  md->in_item = TRUE;
}

static void
leave_list (Markdown   *md,
            cmark_node *list)
{
  cmark_node *next = cmark_node_next (list);

  g_array_set_size (md->numbers, md->numbers->len - 1);
  if (md->numbers->len > 0)
    return;

  md->in_item = FALSE;
  /* Lists side by side, bullets then numbers, read as one. */
  if (next != NULL && cmark_node_get_type (next) == CMARK_NODE_LIST)
    return;
  _scholia_import_add_paragraph (md->text, md->list->str, md->list->len);
  g_string_truncate (md->list, 0);
}

static void
leave_heading (Markdown *md)
{
  g_strstrip (md->block->str);
  g_string_set_size (md->block, strlen (md->block->str));
  if (md->heading == NULL && md->block->len > 0)
    md->heading = g_strdup (md->block->str);
  end_block (md);
}

/* Writes the tree's text; returns FALSE when cancelled. */
static gboolean
walk (Markdown     *md,
      cmark_node   *document,
      GCancellable *cancellable)
{
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;
  guint visited = 0;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      gboolean entering = event == CMARK_EVENT_ENTER;

      if ((++visited & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        break;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_LIST:
          if (entering)
            enter_list (md, node);
          else
            leave_list (md, node);
          break;

        case CMARK_NODE_ITEM:
          if (entering)
            start_item (md, node);
          break;

        case CMARK_NODE_PARAGRAPH:
          if (!entering)
            end_block (md);
          break;

        case CMARK_NODE_HEADING:
          if (!entering)
            leave_heading (md);
          break;

        case CMARK_NODE_CODE_BLOCK:
          {
            const char *code = cmark_node_get_literal (node);
            gsize length = strlen (code);

            g_string_append_len (md->block, code, length > 0 && code[length - 1] == '\n'
                                                  ? length - 1 : length);
            end_block (md);
          }
          break;

        case CMARK_NODE_HTML_BLOCK:
          append_html_block (md, cmark_node_get_literal (node));
          break;

        case CMARK_NODE_TEXT:
          append_text (md->block, cmark_node_get_literal (node),
                       cmark_node_previous (node) == NULL
                       && cmark_node_get_type (cmark_node_parent (node)) == CMARK_NODE_PARAGRAPH);
          break;

        case CMARK_NODE_CODE:
          g_string_append (md->block, cmark_node_get_literal (node));
          break;

        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (md->block, ' ');
          break;

        case CMARK_NODE_LINEBREAK:
          /* "and a \" keeps its space in cmark's text; the line ends at the word. */
          while (md->block->len > 0 && (md->block->str[md->block->len - 1] == ' '
                                        || md->block->str[md->block->len - 1] == '\t'))
            g_string_truncate (md->block, md->block->len - 1);
          g_string_append_c (md->block, '\n');
          break;

        case CMARK_NODE_IMAGE:
          /* The reader has the text, not the picture: its description goes too. */
          cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
          break;

        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_THEMATIC_BREAK:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
        case CMARK_NODE_LINK:
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_CUSTOM_INLINE:
        case CMARK_NODE_NONE:
        default:
          break;
        }
    }

  cmark_iter_free (iter);
  return event == CMARK_EVENT_DONE;
}

/* Front matter */

static void
read_front_matter_value (const char  *line,
                         const char  *end,
                         const char  *key,
                         char       **value)
{
  gsize key_length = strlen (key);
  g_autofree char *found = NULL;

  if (*value != NULL || (gsize) (end - line) <= key_length || line[key_length] != ':'
      || g_ascii_strncasecmp (line, key, key_length) != 0)
    return;

  found = g_strstrip (g_strndup (line + key_length + 1, end - (line + key_length + 1)));
  if (found[0] == '"' || found[0] == '\'')
    {
      gsize length = strlen (found);

      if (length >= 2 && found[length - 1] == found[0])
        {
          found[length - 1] = '\0';
          memmove (found, found + 1, length - 1);
        }
    }

  if (found[0] != '\0')
    *value = g_steal_pointer (&found);
}

/* Pandoc-style metadata between "---" lines at the very top: returns where the body starts. */
static const char *
read_front_matter (const char          *text,
                   ScholiaImportedText *out)
{
  const char *p;
  const char *limit = text + strnlen (text, FRONT_MATTER_MAX_BYTES);

  if (!g_str_has_prefix (text, "---\n"))
    return text;

  for (p = text + 4; p < limit;)
    {
      const char *eol = memchr (p, '\n', limit - p);
      const char *line_end = eol != NULL ? eol : limit;

      if ((line_end - p == 3 && (memcmp (p, "---", 3) == 0 || memcmp (p, "...", 3) == 0)))
        return eol != NULL ? eol + 1 : line_end;

      read_front_matter_value (p, line_end, "title", &out->title);
      read_front_matter_value (p, line_end, "author", &out->author);
      read_front_matter_value (p, line_end, "date", &out->date);
      read_front_matter_value (p, line_end, "source", &out->source);

      if (eol == NULL)
        break;
      p = eol + 1;
    }

  /* No closing line: it was a rule, not metadata. */
  g_clear_pointer (&out->title, g_free);
  g_clear_pointer (&out->author, g_free);
  g_clear_pointer (&out->date, g_free);
  g_clear_pointer (&out->source, g_free);
  return text;
}

/* Counts the marks that may each become a node of their own in cmark's tree. */
static gsize
count_marks (const char *text)
{
  gsize marks = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (strchr ("[]<>*_`!", *p) != NULL)
      marks++;
  return marks;
}

/* Parses @text in pieces, checking @cancellable between them; NULL when cancelled. */
static cmark_node *
parse_markdown (const char   *text,
                GCancellable *cancellable)
{
  cmark_parser *parser = cmark_parser_new (CMARK_OPT_DEFAULT);
  gsize length = strlen (text);
  cmark_node *document = NULL;

  for (gsize offset = 0; offset < length; offset += FEED_BYTES)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      cmark_parser_feed (parser, text + offset, MIN (FEED_BYTES, length - offset));
    }
  if (!g_cancellable_is_cancelled (cancellable))
    document = cmark_parser_finish (parser);
  cmark_parser_free (parser);

  /* "note[^1]" made one text node, for its footnote to be found; a fifth of the time when the
   * text has none. */
  if (document != NULL && strstr (text, "[^") != NULL)
    cmark_consolidate_text_nodes (document);
  return document;
}

gboolean
_scholia_import_markdown (GBytes               *bytes,
                          const char           *name,
                          ScholiaImportedText  *out,
                          GCancellable         *cancellable,
                          GError              **error)
{
  Markdown md = { 0 };
  g_autofree char *decoded = NULL;
  cmark_node *document;
  const char *data;
  gboolean walked;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  decoded = _scholia_import_decode (data, length, NULL, name, error);
  if (decoded == NULL)
    return FALSE;

  if (count_marks (decoded) > MARKS_MAX)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE,
                   /* Translators: the file's name and a number of millions; ".txt" is a file
                    * extension: keep it. */
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” cannot be imported as Markdown: it holds more than %u million "
                                "brackets, asterisks and other marks, more than any essay needs; import it "
                                "as plain text (.txt) instead",
                                "“%s” cannot be imported as Markdown: it holds more than %u million "
                                "brackets, asterisks and other marks, more than any essay needs; import it "
                                "as plain text (.txt) instead", MARKS_MAX / 1000000),
                   name, MARKS_MAX / 1000000);
      return FALSE;
    }

  /* A cancel from the window stops a long file here, not at its end. */
  document = parse_markdown (read_front_matter (decoded, out), cancellable);
  if (document == NULL)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  md.text = g_string_sized_new (strlen (decoded));
  md.block = g_string_new (NULL);
  md.list = g_string_new (NULL);
  md.numbers = g_array_new (FALSE, FALSE, sizeof (int));

  walked = walk (&md, document, cancellable);
  cmark_node_free (document);

  if (walked && out->title == NULL)
    out->title = _scholia_import_guess_title (md.heading, -1);
  if (walked)
    out->text = _scholia_import_finish_text (g_string_free (g_steal_pointer (&md.text), FALSE));
  else
    g_string_free (md.text, TRUE);

  g_string_free (md.block, TRUE);
  g_string_free (md.list, TRUE);
  g_array_unref (md.numbers);
  g_free (md.heading);

  return walked || !g_cancellable_set_error_if_cancelled (cancellable, error);
}
