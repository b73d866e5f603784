/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-search-hit.h"

#include <string.h>

struct _ScholiaSearchHit
{
  GObject            parent_instance;

  ScholiaDocument   *document;
  ScholiaSearchKind  kind;
  char              *snippet;
  GArray            *matches;
  int                offset;
  int                length;
  guint              n_matches;  /* in the essay's whole text, for a text match */
  gboolean           place;      /* one of those matches, listed under its essay */
};

G_DEFINE_FINAL_TYPE (ScholiaSearchHit, scholia_search_hit, G_TYPE_OBJECT)

static void
scholia_search_hit_finalize (GObject *object)
{
  ScholiaSearchHit *self = SCHOLIA_SEARCH_HIT (object);

  g_clear_object (&self->document);
  g_free (self->snippet);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (scholia_search_hit_parent_class)->finalize (object);
}

static void
scholia_search_hit_class_init (ScholiaSearchHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = scholia_search_hit_finalize;
}

static void
scholia_search_hit_init (ScholiaSearchHit *self)
{
}

ScholiaSearchHit *
scholia_search_hit_new (ScholiaDocument           *document,
                        const ScholiaSearchResult *result,
                        int                        length)
{
  ScholiaSearchHit *self;

  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  self = g_object_new (SCHOLIA_TYPE_SEARCH_HIT, NULL);
  self->document = g_object_ref (document);
  self->kind = result->kind;
  self->snippet = g_strdup (result->snippet != NULL ? result->snippet : "");
  self->matches = result->matches != NULL ? g_array_ref (result->matches)
                                          : g_array_new (FALSE, FALSE, sizeof (ScholiaSearchRange));
  self->offset = result->offset;
  self->length = result->offset >= 0 ? MAX (length, 0) : 0;

  return self;
}

/* How much of the text a place shows around its match, in characters. */
#define PLACE_BEFORE 30
#define PLACE_AFTER 50

/* The start of the word at or after @p, when @p is not the start of the text. */
static const char *
word_start (const char *text,
            const char *p,
            const char *limit)
{
  const char *q = p;

  if (p == text)
    return p;
  while (q < limit && !g_unichar_isspace (g_utf8_get_char (q)))
    q = g_utf8_next_char (q);
  return q < limit ? g_utf8_next_char (q) : p;
}

/* The end of the word at or before @p, when @p is not the end of the text. */
static const char *
word_end (const char *p,
          const char *limit)
{
  const char *q = p;

  if (*p == '\0')
    return p;
  while (q > limit && !g_unichar_isspace (g_utf8_get_char (q)))
    q = g_utf8_prev_char (q);
  return q > limit ? q : p;
}

/* Appends @from up to @to on one line: each run of spaces and line breaks becomes one space,
 * none after the start or an ellipsis. */
static void
append_one_line (GString    *line,
                 const char *from,
                 const char *to)
{
  for (const char *p = from; p < to; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        g_string_append_len (line, p, g_utf8_next_char (p) - p);
      else if (line->len > 0 && !g_str_has_suffix (line->str, " ") && !g_str_has_suffix (line->str, "…"))
        g_string_append_c (line, ' ');
    }
}

/**
 * scholia_search_hit_new_place:
 * @document: the essay
 * @text: its text
 * @match_start: where one match starts in @text
 * @match_end: where it ends
 * @offset: @match_start in code points
 *
 * One match of a search in @document's text, to be listed under the essay: its snippet is the
 * line of text around it, cut at spaces, "…" where cut.
 */
ScholiaSearchHit *
scholia_search_hit_new_place (ScholiaDocument *document,
                              const char      *text,
                              const char      *match_start,
                              const char      *match_end,
                              int              offset)
{
  ScholiaSearchHit *self;
  GString *snippet = g_string_new (NULL);
  const char *start = match_start;
  const char *end = match_end;
  ScholiaSearchRange range;

  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (text <= match_start && match_start <= match_end, NULL);

  for (int i = 0; i < PLACE_BEFORE && start > text; i++)
    start = g_utf8_prev_char (start);
  start = word_start (text, start, match_start);
  for (int i = 0; i < PLACE_AFTER && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  end = word_end (end, match_end);

  if (start > text)
    g_string_append (snippet, "…");
  append_one_line (snippet, start, match_start);
  range.start = g_utf8_strlen (snippet->str, -1);
  append_one_line (snippet, match_start, match_end);
  range.end = g_utf8_strlen (snippet->str, -1);
  append_one_line (snippet, match_end, end);
  if (g_str_has_suffix (snippet->str, " "))
    g_string_truncate (snippet, snippet->len - 1);
  if (*end != '\0')
    g_string_append (snippet, "…");

  self = g_object_new (SCHOLIA_TYPE_SEARCH_HIT, NULL);
  self->document = g_object_ref (document);
  self->kind = SCHOLIA_SEARCH_TEXT;
  self->snippet = g_string_free (snippet, FALSE);
  self->matches = g_array_new (FALSE, FALSE, sizeof (ScholiaSearchRange));
  g_array_append_val (self->matches, range);
  self->offset = offset;
  self->length = g_utf8_pointer_to_offset (match_start, match_end);
  self->place = TRUE;
  return self;
}

/* Whether @self is one match of its essay's, listed under it, rather than the essay. */
gboolean
scholia_search_hit_is_place (ScholiaSearchHit *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_HIT (self), FALSE);

  return self->place;
}

ScholiaDocument *
scholia_search_hit_get_document (ScholiaSearchHit *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_HIT (self), NULL);

  return self->document;
}

ScholiaSearchKind
scholia_search_hit_get_kind (ScholiaSearchHit *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_HIT (self), SCHOLIA_SEARCH_TEXT);

  return self->kind;
}

const char *
scholia_search_hit_get_snippet (ScholiaSearchHit *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_HIT (self), NULL);

  return self->snippet;
}

char *
scholia_search_hit_dup_snippet_markup (ScholiaSearchHit *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_HIT (self), NULL);

  return scholia_search_snippet_markup (self->snippet, self->matches);
}

int
scholia_search_hit_get_offset (ScholiaSearchHit *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_HIT (self), -1);

  return self->offset;
}

int
scholia_search_hit_get_length (ScholiaSearchHit *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_HIT (self), 0);

  return self->length;
}

static void
append_escaped (GString    *markup,
                const char *start,
                const char *end)
{
  g_autofree char *escaped = NULL;

  if (end <= start)
    return;

  escaped = g_markup_escape_text (start, end - start);
  g_string_append (markup, escaped);
}

/* Pango markup for @snippet with each matched word in bold. Every piece of text is escaped on
 * its own, so "&" or "<" in an essay can never break the markup; ranges that overlap or run past
 * the snippet (they should not) are clamped rather than trusted. */
char *
scholia_search_snippet_markup (const char *snippet,
                               GArray     *matches)
{
  GString *markup = g_string_new (NULL);
  const char *end_of_snippet;
  const char *position;
  glong n_chars;

  g_return_val_if_fail (snippet != NULL, NULL);

  n_chars = g_utf8_strlen (snippet, -1);
  end_of_snippet = snippet + strlen (snippet);
  position = snippet;

  for (guint i = 0; matches != NULL && i < matches->len; i++)
    {
      const ScholiaSearchRange *range = &g_array_index (matches, ScholiaSearchRange, i);
      const char *match_start;
      const char *match_end;

      if (range->start < 0 || range->end <= range->start || range->start >= n_chars)
        continue;

      match_start = g_utf8_offset_to_pointer (snippet, range->start);
      match_end = g_utf8_offset_to_pointer (snippet, MIN (range->end, n_chars));
      if (match_start < position)
        continue;

      append_escaped (markup, position, match_start);
      g_string_append (markup, "<b>");
      append_escaped (markup, match_start, match_end);
      g_string_append (markup, "</b>");
      position = match_end;
    }

  append_escaped (markup, position, end_of_snippet);

  return g_string_free (markup, FALSE);
}

/* How many places in the essay's text the search matched (a text match), for the results list
 * to say how much of the essay is about it. */
guint
scholia_search_hit_get_n_matches (ScholiaSearchHit *self)
{
  g_return_val_if_fail (SCHOLIA_IS_SEARCH_HIT (self), 0);

  return self->n_matches;
}

void
scholia_search_hit_set_n_matches (ScholiaSearchHit *self,
                                  guint             n_matches)
{
  g_return_if_fail (SCHOLIA_IS_SEARCH_HIT (self));

  self->n_matches = n_matches;
}
