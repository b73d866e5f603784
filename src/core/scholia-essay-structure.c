/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-essay-structure.h"

/* A heading is a line a reader takes in at a glance. */
#define MAX_HEADING_CHARS 80
#define MAX_HEADING_WORDS 12

/* How a notes section is headed, casefolded, letters and spaces only, in the languages
 * Scholia stems. */
static const char * const notes_headings[] = {
  "notes", "note", "endnotes", "footnotes", "references", "reference list", "bibliography",
  "works cited", "sources", "literature", "notes and references",
  "anmerkungen", "fußnoten", "endnoten", "literatur", "literaturverzeichnis", "quellen",
  "bibliographie", "références", "références bibliographiques", "notas", "referencias",
  "bibliografía", "bibliografia", "riferimenti", "riferimenti bibliografici", "noten",
  "примечания", "сноски", "литература", "список литературы", "библиография",
};

/* @text's letters and digits, casefolded, words separated by one space: "Notes:" and
 * "NOTES" compare equal. */
static char *
normalize (const char *text,
           gsize       length)
{
  g_autofree char *folded = g_utf8_casefold (text, length);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_unichar (out, c);
          space = FALSE;
        }
      else if (g_unichar_isspace (c) || g_unichar_ispunct (c))
        space = TRUE;
    }
  return g_string_free (out, FALSE);
}

/* "3 Notes", "IV. References": the number before a heading says nothing of what it heads. */
static const char *
skip_numbering (const char *normalized)
{
  const char *p = normalized;

  while (*p != '\0' && *p != ' ' && (g_ascii_isdigit (*p) || strchr ("ivxlc", *p) != NULL))
    p++;
  if (p > normalized && *p == ' ')
    return p + 1;
  return normalized;
}

static gboolean
is_notes_heading (const char *normalized)
{
  const char *name = skip_numbering (normalized);

  for (guint i = 0; i < G_N_ELEMENTS (notes_headings); i++)
    if (strcmp (name, notes_headings[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A short line that does not end as a sentence does, and does not start as a sentence's
 * continuation would. */
static gboolean
looks_like_heading (const char *text,
                    gsize       length)
{
  const char *end = text + length;
  const char *last;
  gunichar first, final;
  int n_chars = 0, n_words = 0;
  gboolean in_word = FALSE;

  while (end > text && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  if (end == text)
    return FALSE;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* A paragraph of body text is long: no need to count all of it. */
      if (++n_chars > MAX_HEADING_CHARS)
        return FALSE;
      if (g_unichar_isspace (c))
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          n_words++;
        }
    }
  if (n_chars > MAX_HEADING_CHARS || n_words > MAX_HEADING_WORDS)
    return FALSE;

  first = g_utf8_get_char (text);
  if (g_unichar_islower (first))
    return FALSE;

  last = g_utf8_prev_char (end);
  final = g_utf8_get_char (last);
  /* A sentence, a clause, or a line that introduces what follows. */
  if (strchr (".,;:!", (int) (final < 0x80 ? final : ' ')) != NULL && final < 0x80)
    return FALSE;
  if (final == 0x2026 /* … */)
    return FALSE;
  /* A quotation's closing mark after its full stop. */
  if ((final == '"' || final == 0x201d || final == 0xbb || final == 0x2019) && last > text)
    {
      gunichar before = g_utf8_get_char (g_utf8_prev_char (last));

      if (before == '.' || before == ',' || before == '!')
        return FALSE;
    }
  return TRUE;
}

void
scholia_essay_structure_detect (const char             *text,
                                const ScholiaTextRange *paragraphs,
                                guint                   n_paragraphs,
                                const char             *title,
                                ScholiaParagraphRole   *roles)
{
  g_autofree char *normalized_title = NULL;
  gboolean in_notes = FALSE;

  g_return_if_fail (text != NULL);
  g_return_if_fail (n_paragraphs == 0 || (paragraphs != NULL && roles != NULL));

  if (title != NULL)
    normalized_title = normalize (title, -1);

  for (guint i = 0; i < n_paragraphs; i++)
    {
      const char *start = text + paragraphs[i].start;
      gsize length = paragraphs[i].end - paragraphs[i].start;
      /* A heading heads something: not the text's last paragraph, nor one before another
       * heading-like line (a list, a poem, an address). */
      gboolean heading = looks_like_heading (start, length) && i + 1 < n_paragraphs;
      /* Only a title or a heading is compared: body paragraphs, most of the text, are not
       * normalized. */
      g_autofree char *normalized = heading || i == 0 ? normalize (start, length) : NULL;

      heading = heading && *normalized != '\0';

      roles[i] = SCHOLIA_PARAGRAPH_BODY;
      if (in_notes)
        roles[i] = SCHOLIA_PARAGRAPH_NOTE;
      else if (i == 0 && normalized_title != NULL && *normalized_title != '\0' &&
               strcmp (normalized, normalized_title) == 0)
        roles[i] = SCHOLIA_PARAGRAPH_TITLE;
      else if (heading && is_notes_heading (normalized))
        {
          roles[i] = SCHOLIA_PARAGRAPH_NOTES_HEADING;
          in_notes = TRUE;
        }
      else if (heading)
        {
          const char *next = text + paragraphs[i + 1].start;
          gsize next_length = paragraphs[i + 1].end - paragraphs[i + 1].start;

          if (!looks_like_heading (next, next_length))
            roles[i] = SCHOLIA_PARAGRAPH_HEADING;
        }
    }
}
