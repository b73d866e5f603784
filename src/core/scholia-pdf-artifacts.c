/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-pdf-structure.h"

/* cairo 1.16 marks what is drawn inside a structure element (BDC with an /MCID … EMC) and
 * leaves everything else unmarked, which accessibility checkers flag as content missing from
 * the structure. Reading a page's content token by token, this wraps each run of drawing
 * outside any tagged or artifact sequence in /Artifact BMC … EMC. A run holds whole operators
 * only, and ends only where a tagged sequence begins outside a text object, so the sequences it
 * adds nest with the page's own; marked content that is neither tagged nor an artifact
 * (cairo's /Span with /ActualText) goes inside the run. A run that only sets the graphics state
 * is left as it is, and so is one that the page's own marking makes impossible to wrap (a
 * tagged sequence inside it), rather than hide real content as an artifact. cairo ≥ 1.17.6
 * marks some artifacts itself: those sequences are kept as they are, never wrapped twice.
 *
 * The tokens are read here rather than by qpdf's tokenizer, which took ten times as long: only
 * operators, names and where a dictionary opens matter, the rest (numbers, strings, arrays) is
 * skipped whole. */

typedef enum
{
  TOKEN_END,
  TOKEN_BAD,
  TOKEN_OPERATOR,
  TOKEN_NAME,
  TOKEN_DICT_OPEN,
  TOKEN_OTHER,
} TokenType;

typedef struct
{
  const char *content;
  gsize       length;
  gsize       at;            /* the next token starts here or after white space */
  gsize       start;         /* the last token's bounds */
  gsize       end;
} Scanner;

static gboolean
is_white (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static gboolean
is_delimiter (char c)
{
  return strchr ("()<>[]{}/%", c) != NULL;
}

static gboolean
is_regular (char c)
{
  return !is_white (c) && !is_delimiter (c);
}

static gboolean
token_is (const Scanner *scanner,
          const char    *word)
{
  gsize n = strlen (word);

  return scanner->end - scanner->start == n && memcmp (scanner->content + scanner->start, word, n) == 0;
}

/* A literal string, its parentheses balanced unless escaped; the scanner is after its "(". */
static gboolean
skip_string (Scanner *scanner)
{
  int depth = 1;

  while (scanner->at < scanner->length && depth > 0)
    {
      char c = scanner->content[scanner->at++];

      if (c == '\\')
        scanner->at++;
      else if (c == '(')
        depth++;
      else if (c == ')')
        depth--;
    }
  return depth == 0 && scanner->at <= scanner->length;
}

static TokenType
next_token (Scanner *scanner)
{
  const char *s = scanner->content;
  char c;

  for (;;)
    {
      while (scanner->at < scanner->length && is_white (s[scanner->at]))
        scanner->at++;
      if (scanner->at >= scanner->length || s[scanner->at] != '%')
        break;
      while (scanner->at < scanner->length && s[scanner->at] != '\n' && s[scanner->at] != '\r')
        scanner->at++;
    }
  scanner->start = scanner->at;
  if (scanner->at >= scanner->length)
    return TOKEN_END;

  c = s[scanner->at++];
  switch (c)
    {
    case '(':
      if (!skip_string (scanner))
        return TOKEN_BAD;
      break;
    case '<':
      if (scanner->at < scanner->length && s[scanner->at] == '<')
        {
          scanner->at++;
          scanner->end = scanner->at;
          return TOKEN_DICT_OPEN;
        }
      while (scanner->at < scanner->length && s[scanner->at] != '>')
        scanner->at++;
      if (scanner->at++ >= scanner->length)
        return TOKEN_BAD;
      break;
    case '>':
      if (scanner->at >= scanner->length || s[scanner->at++] != '>')
        return TOKEN_BAD;
      break;
    case ')':
      return TOKEN_BAD;
    case '[': case ']': case '{': case '}':
      break;
    case '/':
      while (scanner->at < scanner->length && is_regular (s[scanner->at]))
        scanner->at++;
      scanner->end = scanner->at;
      return TOKEN_NAME;
    default:
      while (scanner->at < scanner->length && is_regular (s[scanner->at]))
        scanner->at++;
      scanner->end = scanner->at;
      /* Numbers and the keywords that are values are operands. */
      if (g_ascii_isdigit (c) || c == '+' || c == '-' || c == '.' || token_is (scanner, "true") ||
          token_is (scanner, "false") || token_is (scanner, "null"))
        return TOKEN_OTHER;
      return TOKEN_OPERATOR;
    }
  scanner->end = scanner->at;
  return TOKEN_OTHER;
}

/* An inline image's data, after its ID, runs to an EI between white space. */
static gboolean
skip_inline_image (Scanner *scanner)
{
  const char *s = scanner->content;

  for (gsize i = scanner->at + 1; i + 2 <= scanner->length; i++)
    if (s[i] == 'E' && s[i + 1] == 'I' && is_white (s[i - 1]) && (i + 2 == scanner->length || is_white (s[i + 2])))
      {
        scanner->at = i;
        return TRUE;
      }
  return FALSE;
}

static const char *const painting_operators[] = {
  "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Tj", "TJ", "'", "\"", "Do", "sh", "BI",
};

static gboolean
is_painting (const Scanner *scanner)
{
  for (guint i = 0; i < G_N_ELEMENTS (painting_operators); i++)
    if (token_is (scanner, painting_operators[i]))
      return TRUE;
  return FALSE;
}

/* The output is the input's stretches, with the artifacts' operators between them. */
typedef struct
{
  Scanner   scanner;
  GString  *output;
  gsize     copied;          /* the input up to here is in the output */
  gsize     run_start;       /* where the run began: the end of the last sequence apart */

  gsize     tag_start;       /* the first name since the last operator: a sequence's tag */
  gsize     tag_end;
  gboolean  operand_dict;    /* an inline property list since the last operator */
  gboolean  operand_mcid;    /* … with an /MCID: the sequence is tagged content */

  int       run_depth;       /* marked sequences open inside the run */
  gboolean  run_paints;
  gboolean  run_unsafe;

  int       depth;           /* marked sequences open outside any run */
  gboolean  in_text;
} Marker;

static gboolean
tag_is_artifact (const Marker *marker)
{
  static const char artifact[] = "/Artifact";

  return marker->tag_end - marker->tag_start == strlen (artifact) &&
         memcmp (marker->scanner.content + marker->tag_start, artifact, strlen (artifact)) == 0;
}

/* Ends the run at @end, wrapped when it draws anything. */
static void
flush_run (Marker *marker,
           gsize   end)
{
  const char *content = marker->scanner.content;

  if (marker->run_paints && !marker->run_unsafe && marker->run_depth == 0 && !marker->in_text)
    {
      g_string_append_len (marker->output, content + marker->copied, marker->run_start - marker->copied);
      g_string_append (marker->output, "\n/Artifact BMC\n");
      g_string_append_len (marker->output, content + marker->run_start, end - marker->run_start);
      g_string_append (marker->output, "\nEMC\n");
      marker->copied = end;
    }
  marker->run_depth = 0;
  marker->run_paints = FALSE;
  marker->run_unsafe = FALSE;
}

static void
handle_operator (Marker *marker,
                 gsize   operands_start)
{
  const Scanner *scanner = &marker->scanner;
  gboolean has_tag = marker->tag_end > marker->tag_start;
  gboolean bdc = token_is (scanner, "BDC");
  gboolean begins = bdc || token_is (scanner, "BMC");
  gboolean ends = token_is (scanner, "EMC");
  /* Tagged content, an artifact already, or a property list named in the resources that could
   * hold an /MCID. */
  gboolean apart = begins && ((has_tag && tag_is_artifact (marker)) ||
                              (bdc && (!marker->operand_dict || marker->operand_mcid)));

  if (marker->depth == 0 && apart && marker->run_depth == 0 && !marker->in_text)
    {
      flush_run (marker, operands_start);
      marker->depth = 1;
    }
  else if (marker->depth > 0)
    {
      if (begins)
        marker->depth++;
      else if (ends && --marker->depth == 0)
        marker->run_start = scanner->end;
    }
  else if (begins)
    {
      marker->run_depth++;
      if (apart && !(has_tag && tag_is_artifact (marker)))
        marker->run_unsafe = TRUE;
    }
  else if (ends)
    {
      if (marker->run_depth == 0)
        marker->run_unsafe = TRUE;
      else
        marker->run_depth--;
    }
  else if (is_painting (scanner))
    marker->run_paints = TRUE;

  if (token_is (scanner, "BT"))
    marker->in_text = TRUE;
  else if (token_is (scanner, "ET"))
    marker->in_text = FALSE;
  marker->tag_start = marker->tag_end = 0;
  marker->operand_dict = FALSE;
  marker->operand_mcid = FALSE;
}

GBytes *
scholia_pdf_mark_artifacts (const char  *content,
                            gsize        length,
                            GError     **error)
{
  Marker marker = { .scanner = { content, length, 0, 0, 0 } };
  gsize operands_start = 0;
  TokenType type;

  marker.output = g_string_sized_new (length + length / 64);
  while ((type = next_token (&marker.scanner)) != TOKEN_END)
    {
      if (type == TOKEN_BAD)
        {
          g_string_free (marker.output, TRUE);
          g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT,
                               _("a page’s content could not be read to mark its running heads and folios"));
          return NULL;
        }
      if (type == TOKEN_OPERATOR)
        {
          handle_operator (&marker, operands_start);
          operands_start = marker.scanner.end;
          if (token_is (&marker.scanner, "ID") && !skip_inline_image (&marker.scanner))
            marker.scanner.at = length;
        }
      else if (type == TOKEN_NAME)
        {
          if (marker.tag_end == marker.tag_start)
            {
              marker.tag_start = marker.scanner.start;
              marker.tag_end = marker.scanner.end;
            }
          else if (token_is (&marker.scanner, "/MCID"))
            marker.operand_mcid = TRUE;
        }
      else if (type == TOKEN_DICT_OPEN)
        marker.operand_dict = TRUE;
    }
  flush_run (&marker, length);
  g_string_append_len (marker.output, content + marker.copied, length - marker.copied);
  return g_string_free_to_bytes (marker.output);
}
