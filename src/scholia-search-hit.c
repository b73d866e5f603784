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
