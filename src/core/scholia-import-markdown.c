/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-import-private.h"

/* Markdown to readable text: the reader sees the words and the paragraph structure, never the
 * markup. Blocks are found line by line (headings, paragraphs, lists, quotes, code fences),
 * then each block's inline markup is removed, with emphasis delimiters matched roughly as
 * CommonMark does, so that "2 * 3" and snake_case survive. */

#define FRONT_MATTER_MAX_BYTES (64 * 1024)
/* Bounds on the length of a link and on links in links, so that a link's text, rendered again
 * on its own, costs little time and stack. */
#define LINK_MAX_BYTES (4 * 1024)
#define LINK_MAX_DEPTH 4
/* Longer runs of backticks never open a code span (as in cmark), so that what a search for a
 * closing run found can be remembered per length. */
#define CODE_SPAN_MAX_TICKS 80

typedef enum
{
  BLOCK_NONE,
  BLOCK_PARAGRAPH,
  BLOCK_LIST,
  BLOCK_CODE,
} BlockKind;

typedef struct
{
  GString   *text;         /* the result */
  GString   *block;        /* raw text of the paragraph, list item or code being gathered */
  GString   *list;         /* rendered items of the current list, one per line */
  GString   *item_prefix;  /* "- " or "3. ", indented for nested lists */
  BlockKind  kind;
  char       fence_char;
  gsize      fence_length;
  gboolean   after_blank;
  gboolean   hard_break;   /* the previous line ended with two spaces or a backslash */
  char      *heading;      /* the first heading: the title guess */
} Markdown;

/* What one block's inline scan has learnt about the text ahead of it. Every search for a
 * partner (a "]" for "[^", a ">" for "<", a closing bracket or backtick run) is answered from
 * here or by a scan whose result is kept, so that a block full of openers without partners
 * ("[^[^[^…", "< < <…") costs linear time, not a scan to the end per opener. */
typedef struct
{
  const char *start;
  const char *end;
  const char *next_close_bracket;   /* the next "]" and ">" found so far: NULL before the */
  const char *next_close_angle;     /* first search, @end once there are none left */
  guint32    *partner;              /* for each "[" and "(", its closing offset + 1, or 0 */
  gsize       last_run[CODE_SPAN_MAX_TICKS + 1];  /* offset + 1 of the last run of n ticks seen */
  gboolean    all_ticks_seen;       /* a search for a closing run went to the end */
} Inline;

/* Inline markup */

typedef struct
{
  char     delimiter;  /* '*' or '_'; 0 for literal text */
  gsize    offset;     /* of literal text in the scratch string */
  gsize    length;
  gsize    count;      /* delimiters of the run not yet matched */
  gboolean can_open;
  gboolean can_close;
  guint    jump;       /* for a matched closer, its opener + 1: what lies between is done */
} Piece;

static void render_inline (const char *s,
                           gsize       length,
                           int         depth,
                           GString    *out);

static gunichar
char_before (const char *s,
             const char *p)
{
  const char *prev = g_utf8_find_prev_char (s, p);

  return prev != NULL ? g_utf8_get_char_validated (prev, p - prev) : ' ';
}

static gunichar
char_at (const char *p,
         const char *end)
{
  return p < end ? g_utf8_get_char_validated (p, end - p) : ' ';
}

static gboolean
is_space_or_invalid (gunichar c)
{
  return c == (gunichar) -1 || c == (gunichar) -2 || g_unichar_isspace (c);
}

static void
add_literal (GArray     *pieces,
             GString    *scratch,
             const char *s,
             gsize       length)
{
  Piece *last = pieces->len > 0 ? &g_array_index (pieces, Piece, pieces->len - 1) : NULL;

  if (last == NULL || last->delimiter != 0)
    {
      Piece piece = { 0, scratch->len, 0, 0, FALSE, FALSE, 0 };

      g_array_append_val (pieces, piece);
      last = &g_array_index (pieces, Piece, pieces->len - 1);
    }

  g_string_append_len (scratch, s, length);
  last->length += length;
}

/* The next @c at or after @p, remembered in @cache: the answer moves forward only. */
static const char *
find_next (const char  *p,
           const char  *end,
           char         c,
           const char **cache)
{
  if (*cache == NULL || (*cache < p && *cache < end))
    {
      const char *found = memchr (p, c, end - p);

      *cache = found != NULL ? found : end;
    }
  return *cache < end ? *cache : NULL;
}

/* Pairs every bracket and parenthesis of the block with its partner in one pass, allowing
 * nesting and escapes; the two kinds nest independently, as links need. */
static void
match_brackets (Inline *in)
{
  gsize length = in->end - in->start;
  g_autoptr(GArray) brackets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) parentheses = g_array_new (FALSE, FALSE, sizeof (guint32));

  in->partner = g_new0 (guint32, length + 1);
  for (gsize i = 0; i < length; i++)
    {
      char c = in->start[i];
      GArray *open = (c == '[' || c == ']') ? brackets : parentheses;
      guint32 offset = i;

      if (c == '\\' && i + 1 < length)
        i++;
      else if (c == '[' || c == '(')
        g_array_append_val (open, offset);
      else if ((c == ']' || c == ')') && open->len > 0)
        {
          in->partner[g_array_index (open, guint32, open->len - 1)] = offset + 1;
          g_array_set_size (open, open->len - 1);
        }
    }
}

/* The bracket or parenthesis closing the one at @open, or NULL. */
static const char *
find_closing (Inline     *in,
              const char *open)
{
  guint32 partner;

  if (in->partner == NULL)
    match_brackets (in);
  partner = in->partner[open - in->start];
  if (partner == 0 || partner - 1 - (gsize) (open - in->start) >= LINK_MAX_BYTES)
    return NULL;
  return in->start + partner - 1;
}

/* A link or image at @p ("[text](url)", "[text][ref]"): returns where it ends, and the range
 * of its text, or NULL when @p starts none. */
static const char *
parse_link (Inline      *in,
            const char  *p,
            const char **text_start,
            const char **text_end)
{
  const char *close_bracket = find_closing (in, p);
  const char *close;

  if (close_bracket == NULL || close_bracket + 1 >= in->end)
    return NULL;

  if (close_bracket[1] == '(' || close_bracket[1] == '[')
    close = find_closing (in, close_bracket + 1);
  else
    return NULL;

  if (close == NULL)
    return NULL;

  *text_start = p + 1;
  *text_end = close_bracket;
  return close + 1;
}

static gboolean
has_prefix (const char *p,
            const char *end,
            const char *prefix)
{
  gsize length = strlen (prefix);

  return (gsize) (end - p) >= length && g_ascii_strncasecmp (p, prefix, length) == 0;
}

/* An autolink or an inline HTML tag at @p: returns where it ends, and the length of the URL
 * of an autolink, which starts at @p + 1, in @url_length; tags vanish (length 0). NULL when @p
 * starts neither. */
static const char *
parse_angle (Inline     *in,
             const char *p,
             gsize      *url_length)
{
  const char *inner = p + 1;
  const char *close;

  if (has_prefix (inner, in->end, "http://") || has_prefix (inner, in->end, "https://")
      || has_prefix (inner, in->end, "mailto:"))
    {
      /* An autolink holds no space or angle bracket: the scan stops at the next "<". */
      const char *q = inner;

      while (q < in->end && *q != '>' && *q != '<' && *q != ' ')
        q++;
      if (q >= in->end || *q != '>')
        return NULL;
      *url_length = q - inner;
      return q + 1;
    }

  if (inner < in->end && (g_ascii_isalpha (*inner) || *inner == '/' || *inner == '!'))
    {
      close = find_next (inner, in->end, '>', &in->next_close_angle);
      *url_length = 0;
      return close != NULL ? close + 1 : NULL;
    }

  return NULL;
}

/* The run of exactly @ticks backticks closing a code span whose opening run ends at @from, or
 * NULL. Each run met on the way is recorded, and once a search reached the end, a length whose
 * last run lies behind @from has no closer: so the block is scanned once for all its openers. */
static const char *
find_closing_ticks (Inline     *in,
                    const char *from,
                    gsize       ticks)
{
  const char *q;

  if (ticks > CODE_SPAN_MAX_TICKS)
    return NULL;
  if (in->all_ticks_seen && in->last_run[ticks] <= (gsize) (from - in->start))
    return NULL;

  for (q = from; q < in->end;)
    {
      const char *run = memchr (q, '`', in->end - q);
      gsize length = 0;

      if (run == NULL)
        break;
      while (run + length < in->end && run[length] == '`')
        length++;
      q = run + length;
      if (length <= CODE_SPAN_MAX_TICKS)
        in->last_run[length] = run - in->start + 1;
      if (length == ticks)
        return run;
    }
  in->all_ticks_seen = TRUE;
  return NULL;
}

static void
add_delimiter_run (GArray     *pieces,
                   const char *s,
                   const char *run,
                   const char *run_end,
                   const char *end)
{
  gunichar before = run > s ? char_before (s, run) : ' ';
  gunichar after = char_at (run_end, end);
  gboolean before_space = is_space_or_invalid (before);
  gboolean after_space = is_space_or_invalid (after);
  gboolean before_punct = !before_space && g_unichar_ispunct (before);
  gboolean after_punct = !after_space && g_unichar_ispunct (after);
  gboolean left_flanking = !after_space && (!after_punct || before_space || before_punct);
  gboolean right_flanking = !before_space && (!before_punct || after_space || after_punct);
  Piece piece = { *run, 0, 0, run_end - run, FALSE, FALSE, 0 };

  if (*run == '*')
    {
      piece.can_open = left_flanking;
      piece.can_close = right_flanking;
    }
  else
    {
      /* Underscores inside words (snake_case) are never emphasis. */
      piece.can_open = left_flanking && (!right_flanking || before_punct);
      piece.can_close = right_flanking && (!left_flanking || after_punct);
    }

  g_array_append_val (pieces, piece);
}

/* Pairs emphasis delimiters as CommonMark does, without its finer rules: each closer takes the
 * nearest opener of its kind; delimiters between a pair are left as they are. */
static void
match_emphasis (GArray *pieces)
{
  /* Below these, a search for an opener of '*' or '_' already failed. */
  guint bottom[2] = { 0, 0 };

  for (guint closer = 0; closer < pieces->len; closer++)
    {
      Piece *c = &g_array_index (pieces, Piece, closer);
      guint *floor = &bottom[c->delimiter == '_'];

      if (c->delimiter == 0 || !c->can_close)
        continue;

      while (c->count > 0)
        {
          Piece *o = NULL;
          guint opener = closer;
          gsize used;

          while (opener > *floor)
            {
              Piece *candidate = &g_array_index (pieces, Piece, opener - 1);

              if (candidate->delimiter == c->delimiter && candidate->can_open
                  && candidate->count > 0)
                {
                  o = candidate;
                  opener--;
                  break;
                }
              opener = candidate->jump > 0 ? candidate->jump : opener - 1;
            }
          if (o == NULL)
            {
              *floor = closer;
              break;
            }

          used = (o->count >= 2 && c->count >= 2) ? 2 : 1;
          o->count -= used;
          c->count -= used;
          c->jump = opener + 1;
        }
    }
}

static void
render_inline (const char *s,
               gsize       length,
               int         depth,
               GString    *out)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_autoptr(GString) scratch = g_string_sized_new (length);
  Inline in = { .start = s, .end = s + length };
  const char *end = s + length;
  const char *p = s;

  while (p < end)
    {
      const char *special = p;
      const char *text_start;
      const char *text_end;
      const char *next;

      while (special < end && strchr ("\\`![<&*_", *special) == NULL)
        special++;
      if (special > p)
        add_literal (pieces, scratch, p, special - p);
      p = special;
      if (p >= end)
        break;

      if (*p == '\\' && p + 1 < end && g_ascii_ispunct (p[1]))
        {
          add_literal (pieces, scratch, p + 1, 1);
          p += 2;
        }
      else if (*p == '`')
        {
          const char *run_end = p;
          const char *close;

          while (run_end < end && *run_end == '`')
            run_end++;

          /* The code ends at the next run of exactly as many backticks. */
          close = find_closing_ticks (&in, run_end, run_end - p);
          if (close == NULL)
            {
              add_literal (pieces, scratch, p, run_end - p);
              p = run_end;
            }
          else
            {
              const char *code = run_end;
              const char *code_end = close;

              if (code_end - code >= 2 && *code == ' ' && code_end[-1] == ' ')
                {
                  code++;
                  code_end--;
                }
              add_literal (pieces, scratch, code, code_end - code);
              p = close + (run_end - p);
            }
        }
      else if (*p == '!' && p + 1 < end && p[1] == '[' && depth < LINK_MAX_DEPTH
               && (next = parse_link (&in, p + 1, &text_start, &text_end)) != NULL)
        {
          /* Images are dropped: the reader has the text, not the picture. */
          p = next;
        }
      else if (*p == '[' && p + 2 < end && p[1] == '^'
               && (next = find_next (p, end, ']', &in.next_close_bracket)) != NULL)
        {
          /* A footnote reference reads as "[1]". */
          add_literal (pieces, scratch, "[", 1);
          add_literal (pieces, scratch, p + 2, next - (p + 2));
          add_literal (pieces, scratch, "]", 1);
          p = next + 1;
        }
      else if (*p == '[' && depth < LINK_MAX_DEPTH
               && (next = parse_link (&in, p, &text_start, &text_end)) != NULL)
        {
          g_autoptr(GString) link_text = g_string_new (NULL);

          render_inline (text_start, text_end - text_start, depth + 1, link_text);
          add_literal (pieces, scratch, link_text->str, link_text->len);
          p = next;
        }
      else if (*p == '<')
        {
          gsize url_length;

          next = parse_angle (&in, p, &url_length);
          if (next != NULL)
            {
              add_literal (pieces, scratch, p + 1, url_length);
              p = next;
            }
          else
            {
              add_literal (pieces, scratch, p, 1);
              p++;
            }
        }
      else if (*p == '&')
        {
          g_autoptr(GString) decoded = g_string_new (NULL);
          gsize used = _scholia_import_decode_entity (p + 1, end - (p + 1), decoded);

          if (used > 0)
            {
              add_literal (pieces, scratch, decoded->str, decoded->len);
              p += 1 + used;
            }
          else
            {
              add_literal (pieces, scratch, p, 1);
              p++;
            }
        }
      else if (*p == '*' || *p == '_')
        {
          const char *run_end = p;

          while (run_end < end && *run_end == *p)
            run_end++;
          add_delimiter_run (pieces, s, p, run_end, end);
          p = run_end;
        }
      else
        {
          add_literal (pieces, scratch, p, 1);
          p++;
        }
    }

  g_free (in.partner);
  match_emphasis (pieces);

  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *piece = &g_array_index (pieces, Piece, i);

      if (piece->delimiter == 0)
        g_string_append_len (out, scratch->str + piece->offset, piece->length);
      else
        for (gsize n = 0; n < piece->count; n++)
          g_string_append_c (out, piece->delimiter);
    }
}

/* Blocks */

static void
finish_list_item (Markdown *md)
{
  g_autoptr(GString) item = g_string_new (md->item_prefix->str);

  render_inline (md->block->str, md->block->len, 0, item);
  if (md->list->len > 0)
    g_string_append_c (md->list, '\n');
  g_string_append (md->list, item->str);
  g_string_truncate (md->block, 0);
}

static void
flush_block (Markdown *md)
{
  switch (md->kind)
    {
    case BLOCK_PARAGRAPH:
      {
        g_autoptr(GString) rendered = g_string_sized_new (md->block->len);

        render_inline (md->block->str, md->block->len, 0, rendered);
        _scholia_import_add_paragraph (md->text, rendered->str, rendered->len);
      }
      break;

    case BLOCK_LIST:
      finish_list_item (md);
      _scholia_import_add_paragraph (md->text, md->list->str, md->list->len);
      g_string_truncate (md->list, 0);
      break;

    case BLOCK_CODE:
      _scholia_import_add_paragraph (md->text, md->block->str, md->block->len);
      break;

    case BLOCK_NONE:
    default:
      break;
    }

  g_string_truncate (md->block, 0);
  md->kind = BLOCK_NONE;
  md->hard_break = FALSE;
}

static void
add_heading (Markdown   *md,
             const char *raw,
             gsize       length)
{
  g_autoptr(GString) rendered = g_string_new (NULL);

  render_inline (raw, length, 0, rendered);
  g_strstrip (rendered->str);
  rendered->len = strlen (rendered->str);
  if (md->heading == NULL && rendered->len > 0)
    md->heading = g_strdup (rendered->str);
  _scholia_import_add_paragraph (md->text, rendered->str, rendered->len);
}

static void
append_to_block (Markdown   *md,
                 const char *line,
                 gsize       length)
{
  const char *end = line + length;
  gboolean hard_break;

  while (line < end && (*line == ' ' || *line == '\t'))
    line++;

  /* Two trailing spaces or a backslash end a line inside a paragraph, as in verse. */
  hard_break = (end - line >= 2 && end[-1] == ' ' && end[-2] == ' ')
               || (end > line && end[-1] == '\\');
  if (end > line && end[-1] == '\\')
    end--;
  while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
    end--;

  if (md->block->len > 0)
    g_string_append_c (md->block, md->hard_break ? '\n' : ' ');
  g_string_append_len (md->block, line, end - line);
  md->hard_break = hard_break;
}

static gsize
count_indent (const char *line,
              const char *end,
              const char **content)
{
  gsize indent = 0;
  const char *p = line;

  for (; p < end && (*p == ' ' || *p == '\t'); p++)
    indent += *p == '\t' ? 4 - indent % 4 : 1;

  *content = p;
  return indent;
}

static gboolean
is_blank (const char *p,
          const char *end)
{
  for (; p < end; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* A line of only @c (and spaces), at least @minimum of them. */
static gboolean
is_rule_of (const char *p,
            const char *end,
            char        c,
            gsize       minimum)
{
  gsize count = 0;

  for (; p < end; p++)
    {
      if (*p == c)
        count++;
      else if (*p != ' ' && *p != '\t')
        return FALSE;
    }
  return count >= minimum;
}

static gsize
fence_length (const char *p,
              const char *end)
{
  gsize n = 0;

  if (p >= end || (*p != '`' && *p != '~'))
    return 0;
  while (p + n < end && p[n] == *p)
    n++;
  return n >= 3 ? n : 0;
}

/* "- ", "* ", "+ ", "1. " or "1) ": returns the length of the marker and its spaces, and the
 * marker as the reader will see it. */
static gsize
list_marker (const char *p,
             const char *end,
             GString    *marker)
{
  const char *q = p;

  if (q < end && (*q == '-' || *q == '*' || *q == '+'))
    {
      q++;
      g_string_assign (marker, "- ");
    }
  else
    {
      while (q < end && q - p < 9 && g_ascii_isdigit (*q))
        q++;
      if (q == p || q >= end || (*q != '.' && *q != ')'))
        return 0;
      g_string_truncate (marker, 0);
      g_string_append_len (marker, p, q - p);
      g_string_append (marker, ". ");
      q++;
    }

  if (q < end && *q != ' ' && *q != '\t')
    return 0;
  while (q < end && (*q == ' ' || *q == '\t'))
    q++;

  return q - p;
}

static gboolean
is_reference_definition (const char *p,
                         const char *end)
{
  const char *close;

  if (p >= end || *p != '[')
    return FALSE;
  close = memchr (p, ']', end - p);
  return close != NULL && close + 1 < end && close[1] == ':';
}

static void
process_line (Markdown   *md,
              const char *line,
              const char *end)
{
  g_autoptr(GString) marker = g_string_new (NULL);
  const char *content;
  gsize indent;
  gsize marker_length;
  gsize fence;

  if (md->kind == BLOCK_CODE)
    {
      indent = count_indent (line, end, &content);
      fence = fence_length (content, end);
      if (indent < 4 && *content == md->fence_char && fence >= md->fence_length
          && is_blank (content + fence, end))
        {
          flush_block (md);
          return;
        }
      if (md->block->len > 0)
        g_string_append_c (md->block, '\n');
      g_string_append_len (md->block, line, end - line);
      return;
    }

  /* Quotes read as their text. */
  indent = count_indent (line, end, &content);
  while (indent < 4 && content < end && *content == '>')
    {
      content++;
      if (content < end && *content == ' ')
        content++;
      line = content;
      indent = count_indent (line, end, &content);
    }

  if (is_blank (content, end))
    {
      if (md->kind != BLOCK_LIST)
        flush_block (md);
      md->after_blank = TRUE;
      return;
    }

  marker_length = indent < 4 ? list_marker (content, end, marker) : 0;

  /* A list goes on over blank lines while items or indented lines follow. */
  if (md->kind == BLOCK_LIST && md->after_blank && marker_length == 0 && indent < 2)
    flush_block (md);
  md->after_blank = FALSE;

  fence = indent < 4 ? fence_length (content, end) : 0;
  if (fence > 0)
    {
      flush_block (md);
      md->kind = BLOCK_CODE;
      md->fence_char = *content;
      md->fence_length = fence;
      return;
    }

  if (indent < 4 && *content == '#')
    {
      const char *text = content;
      const char *text_end = end;
      const char *closing;

      while (text < end && *text == '#')
        text++;
      if (text - content <= 6 && (text == end || *text == ' ' || *text == '\t'))
        {
          /* A closing run of #s after a space is decoration too. */
          while (text_end > text && g_ascii_isspace (text_end[-1]))
            text_end--;
          closing = text_end;
          while (closing > text && closing[-1] == '#')
            closing--;
          if (closing == text || closing[-1] == ' ' || closing[-1] == '\t')
            text_end = closing;

          flush_block (md);
          add_heading (md, text, text_end - text);
          return;
        }
    }

  if (md->kind == BLOCK_PARAGRAPH && indent < 4
      && (is_rule_of (content, end, '=', 1) || is_rule_of (content, end, '-', 2)))
    {
      g_autofree char *heading = g_strndup (md->block->str, md->block->len);

      g_string_truncate (md->block, 0);
      md->kind = BLOCK_NONE;
      add_heading (md, heading, strlen (heading));
      return;
    }

  if (indent < 4 && (is_rule_of (content, end, '-', 3) || is_rule_of (content, end, '*', 3)
                     || is_rule_of (content, end, '_', 3)))
    {
      flush_block (md);
      return;
    }

  if (indent < 4 && content + 2 < end && content[0] == '[' && content[1] == '^'
      && is_reference_definition (content, end))
    {
      const char *close = memchr (content, ']', end - content);

      /* A footnote reads as "[1] Its text.", as a paragraph of its own. */
      flush_block (md);
      md->kind = BLOCK_PARAGRAPH;
      g_string_append_c (md->block, '[');
      g_string_append_len (md->block, content + 2, close - (content + 2));
      g_string_append (md->block, "]");
      append_to_block (md, close + 2, end - (close + 2));
      return;
    }

  if (indent < 4 && is_reference_definition (content, end))
    {
      flush_block (md);
      return;
    }

  if (marker_length > 0)
    {
      if (md->kind == BLOCK_LIST)
        finish_list_item (md);
      else
        flush_block (md);

      md->kind = BLOCK_LIST;
      g_string_truncate (md->item_prefix, 0);
      for (gsize level = 0; level < MIN (indent / 2, 4); level++)
        g_string_append (md->item_prefix, "  ");
      g_string_append (md->item_prefix, marker->str);
      md->hard_break = FALSE;
      append_to_block (md, content + marker_length, end - (content + marker_length));
      return;
    }

  if (md->kind == BLOCK_NONE)
    md->kind = BLOCK_PARAGRAPH;
  append_to_block (md, content, end - content);
}

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

static void
markdown_clear (Markdown *md)
{
  if (md->text != NULL)
    g_string_free (md->text, TRUE);
  g_string_free (md->block, TRUE);
  g_string_free (md->list, TRUE);
  g_string_free (md->item_prefix, TRUE);
  g_free (md->heading);
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
  const char *data;
  const char *p;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  decoded = _scholia_import_decode (data, length, NULL, name, error);
  if (decoded == NULL)
    return FALSE;

  md.text = g_string_sized_new (strlen (decoded));
  md.block = g_string_new (NULL);
  md.list = g_string_new (NULL);
  md.item_prefix = g_string_new (NULL);

  p = read_front_matter (decoded, out);
  while (*p != '\0')
    {
      const char *eol = strchr (p, '\n');
      const char *end = eol != NULL ? eol : p + strlen (p);

      /* A cancel from the window stops a long file here, not at its end. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          markdown_clear (&md);
          return FALSE;
        }

      process_line (&md, p, end);
      p = eol != NULL ? eol + 1 : end;
    }
  flush_block (&md);

  if (out->title == NULL)
    out->title = _scholia_import_guess_title (md.heading, -1);
  out->text = _scholia_import_finish_text (g_string_free (g_steal_pointer (&md.text), FALSE));
  markdown_clear (&md);

  return TRUE;
}
