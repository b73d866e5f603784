/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-reference-fill.h"

static char *
format_names (GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *name = scholia_reference_name_format (g_ptr_array_index (names, i));

      if (i > 0)
        g_string_append (text, i + 1 == names->len ? " and " : ", ");
      g_string_append (text, name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_source (ScholiaReference *reference)
{
  g_autoptr(GString) line = g_string_new (scholia_reference_get (reference, SCHOLIA_REFERENCE_CONTAINER_TITLE));
  const char *volume = scholia_reference_get (reference, SCHOLIA_REFERENCE_VOLUME);
  const char *issue = scholia_reference_get (reference, SCHOLIA_REFERENCE_ISSUE);
  const char *pages = scholia_reference_get (reference, SCHOLIA_REFERENCE_PAGE);
  const char *place = scholia_reference_get (reference, SCHOLIA_REFERENCE_PUBLISHER_PLACE);
  const char *publisher = scholia_reference_get (reference, SCHOLIA_REFERENCE_PUBLISHER);
  const char *doi = scholia_reference_get (reference, SCHOLIA_REFERENCE_DOI);
  const char *url = scholia_reference_get (reference, SCHOLIA_REFERENCE_URL);
  gboolean article = line->len > 0 && (*volume != '\0' || *issue != '\0');

  /* A journal's "12, no. 3: 118–134"; a book's chapter ", 5–9". */
  if (line->len > 0 && *volume != '\0')
    g_string_append_printf (line, " %s", volume);
  if (line->len > 0 && *issue != '\0')
    g_string_append_printf (line, ", no. %s", issue);
  if (*pages != '\0')
    g_string_append_printf (line, "%s%s", line->len == 0 ? "" : article ? ": " : ", ", pages);
  if (line->len > 0)
    g_string_append_c (line, '.');
  if (*publisher != '\0' || *place != '\0')
    g_string_append_printf (line, "%s%s%s%s.", line->len > 0 ? " " : "", place,
                            *place != '\0' && *publisher != '\0' ? ": " : "", publisher);
  if (*doi != '\0')
    g_string_append_printf (line, "%shttps://doi.org/%s", line->len > 0 ? " " : "", doi);
  else if (*url != '\0')
    g_string_append_printf (line, "%s%s", line->len > 0 ? " " : "", url);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

ScholiaReferenceFill *
scholia_reference_fill_new (ScholiaReference *reference)
{
  ScholiaReferenceFill *fill;
  GPtrArray *names;

  g_return_val_if_fail (SCHOLIA_IS_REFERENCE (reference), NULL);

  fill = g_new0 (ScholiaReferenceFill, 1);
  names = scholia_reference_get_authors (reference);
  if (names->len == 0)
    names = scholia_reference_get_editors (reference);
  fill->values[SCHOLIA_FILL_TITLE] = g_strdup (scholia_reference_get (reference, SCHOLIA_REFERENCE_TITLE));
  fill->values[SCHOLIA_FILL_AUTHOR] = format_names (names);
  fill->values[SCHOLIA_FILL_DATE] = g_strdup (scholia_reference_get (reference, SCHOLIA_REFERENCE_ISSUED));
  fill->values[SCHOLIA_FILL_SOURCE] = format_source (reference);
  fill->author_sort_key = g_strdup ("");
  if (names->len > 0)
    {
      ScholiaReferenceName *first = g_ptr_array_index (names, 0);

      if (*first->literal == '\0' && *first->family != '\0')
        {
          g_free (fill->author_sort_key);
          fill->author_sort_key = *first->given != '\0' ? g_strconcat (first->family, ", ", first->given, NULL)
                                                        : g_strdup (first->family);
        }
    }
  return fill;
}

void
scholia_reference_fill_free (ScholiaReferenceFill *fill)
{
  if (fill == NULL)
    return;
  for (guint i = 0; i < SCHOLIA_FILL_N_FIELDS; i++)
    g_free (fill->values[i]);
  g_free (fill->author_sort_key);
  g_free (fill);
}

const char *
scholia_reference_fill_field_name (ScholiaFillField field)
{
  switch (field)
    {
    /* Translators: the fields of an essay that a reference fills in, as messages name them
     * ("filled in the title and author of …") */
    case SCHOLIA_FILL_TITLE: return _("title");
    case SCHOLIA_FILL_AUTHOR: return _("author");
    case SCHOLIA_FILL_DATE: return _("date");
    case SCHOLIA_FILL_SOURCE: return _("source");
    case SCHOLIA_FILL_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
scholia_reference_fill_current (ScholiaDocument  *document,
                                ScholiaFillField  field)
{
  switch (field)
    {
    case SCHOLIA_FILL_TITLE: return scholia_document_get_title (document);
    case SCHOLIA_FILL_AUTHOR: return scholia_document_get_author (document);
    case SCHOLIA_FILL_DATE: return scholia_document_get_date (document);
    case SCHOLIA_FILL_SOURCE: return scholia_document_get_source (document);
    case SCHOLIA_FILL_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
scholia_reference_fill_is_free (ScholiaReferenceFill *fill,
                                ScholiaDocument      *document,
                                ScholiaFillField      field)
{
  g_return_val_if_fail (fill != NULL && field < SCHOLIA_FILL_N_FIELDS, FALSE);

  return *fill->values[field] != '\0' && *scholia_reference_fill_current (document, field) == '\0';
}

gboolean
scholia_reference_fill_replaces (ScholiaReferenceFill *fill,
                                 ScholiaDocument      *document,
                                 ScholiaFillField      field)
{
  const char *current;

  g_return_val_if_fail (fill != NULL && field < SCHOLIA_FILL_N_FIELDS, FALSE);

  current = scholia_reference_fill_current (document, field);
  return *fill->values[field] != '\0' && *current != '\0' && !g_str_equal (current, fill->values[field]);
}
