/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Citations for copied passages (issue 12): author, title, date and page or paragraph. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "scholia-citation.h"
#include "scholia-names.h"
#include "scholia-paragraphs.h"

/* The surname the author files under: the sort key up to its comma ("Anderson, Perry"), or the
 * whole key for single names ("Plato", "Anonymous"). */
static char *
dup_surname (const char *author,
             const char *key)
{
  g_autofree char *guessed = NULL;
  const char *comma;

  if (author == NULL || *author == '\0')
    return NULL;
  if (key == NULL || *key == '\0')
    key = guessed = scholia_names_guess_sort_key (author);
  if (*key == '\0')
    return g_strdup (author);

  comma = strchr (key, ',');
  return comma != NULL ? g_strndup (key, comma - key) : g_strdup (key);
}

char *
scholia_citation_format_pages (const char *first,
                               const char *last)
{
  g_return_val_if_fail (first != NULL, NULL);

  if (last == NULL || g_str_equal (first, last))
    /* Translators: the abbreviation of “page” in a citation, as in “p. 12”; %s is the page number */
    return g_strdup_printf (_("p. %s"), first);
  /* TRANSLATORS: a passage running over two or more printed pages, from the first to the last */
  return g_strdup_printf (_("pp. %s–%s"), first, last);
}

char *
scholia_citation_format_paragraph (guint number)
{
  /* TRANSLATORS: the paragraph a passage stands in, when the essay has no printed pages */
  return g_strdup_printf (_("¶ %u"), number);
}

char *
scholia_citation_format_place (const char *text,
                               GArray     *pages,
                               int         start,
                               int         end)
{
  g_autoptr(GArray) paragraphs = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* A passage starting outside the page map is placed by its paragraph. */
  if (pages != NULL && pages->len > 0 && scholia_page_ranges_lookup (pages, start) != NULL)
    return scholia_citation_format_pages (scholia_page_ranges_lookup (pages, start),
                                          scholia_page_ranges_lookup (pages, MAX (start, end - 1)));
  paragraphs = scholia_paragraphs_split (text);
  return scholia_citation_format_paragraph (scholia_paragraphs_number_at (paragraphs, start));
}

char *
scholia_citation_format_source (const char *author,
                                const char *author_sort_key,
                                const char *title,
                                const char *date,
                                const char *place)
{
  g_autoptr(GString) source = g_string_new (NULL);
  g_autofree char *surname = dup_surname (author, author_sort_key);

  if (surname != NULL)
    g_string_append_printf (source, "%s, ", surname);
  g_string_append (source, title);
  if (date != NULL && *date != '\0')
    g_string_append_printf (source, " (%s)", date);
  if (place != NULL && *place != '\0')
    g_string_append_printf (source, ", %s", place);
  return g_utf8_normalize (source->str, -1, G_NORMALIZE_NFC);
}

char *
scholia_citation_dup_quote (const char *text,
                            int         start,
                            int         end)
{
  const char *from;
  const char *to;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (0 <= start && start <= end, NULL);

  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (text, end);
  return g_strstrip (g_strndup (from, to - from));
}

char *
scholia_citation_format (ScholiaDocument *document,
                         const char      *text,
                         GArray          *pages,
                         int              start,
                         int              end)
{
  g_autoptr(GString) citation = g_string_new (NULL);
  g_autofree char *surname = NULL;
  g_autofree char *place = NULL;
  g_autofree char *quote = NULL;
  const char *date;

  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (0 <= start && start <= end, NULL);

  quote = scholia_citation_dup_quote (text, start, end);
  place = scholia_citation_format_place (text, pages, start, end);

  g_string_append_printf (citation, "“%s” (", quote);
  surname = dup_surname (scholia_document_get_author (document), scholia_document_get_author_sort_key (document));
  if (surname != NULL)
    g_string_append_printf (citation, "%s, ", surname);
  g_string_append_printf (citation, "“%s”, ", scholia_document_get_title (document));
  date = scholia_document_get_date (document);
  if (date != NULL && *date != '\0')
    g_string_append_printf (citation, "%s, ", date);
  g_string_append_printf (citation, "%s)", place);

  return g_utf8_normalize (citation->str, -1, G_NORMALIZE_NFC);
}
