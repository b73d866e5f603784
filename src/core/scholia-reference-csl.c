/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-json-scan.h"
#include "scholia-reference-file.h"

/* CSL-JSON as Zotero and Better BibTeX export it: one array of items. Each item is parsed on
 * its own, so that one broken item is skipped, named by its line, and the others are read:
 * a first pass finds where each item of the top-level array starts and ends. */

typedef struct
{
  gsize start;
  gsize end;    /* just past it */
  guint line;
} ItemSpan;

/* The items of the top-level array, by brackets and quotes (strings read as text). FALSE
 * with @error when the text is not an array or its brackets do not close. */
static gboolean
find_items (const char  *data,
            gsize        length,
            GArray      *spans,
            GError     **error)
{
  guint line = 1;
  guint depth = 0;
  gboolean in_string = FALSE;
  ItemSpan span = { 0 };
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    line += data[i++] == '\n';
  if (g_str_has_prefix (data + i, "\xef\xbb\xbf"))
    i += 3;
  while (i < length && g_ascii_isspace (data[i]))
    line += data[i++] == '\n';
  if (i >= length || data[i] != '[')
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED,
                   _("line %u: CSL JSON is an array of items, “[ … ]”"), line);
      return FALSE;
    }

  for (; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\' && i + 1 < length)
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              /* A string in the array itself is an item too, to be reported. */
              if (depth == 1)
                {
                  span.end = i + 1;
                  g_array_append_val (spans, span);
                }
            }
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          if (depth == 1)
            {
              span.start = i;
              span.line = line;
            }
          break;
        case '[':
        case '{':
          if (depth == 1)
            {
              span.start = i;
              span.line = line;
            }
          depth++;
          if (depth > SCHOLIA_JSON_MAX_DEPTH)
            {
              g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE,
                           /* Translators: a line number of a CSL JSON file, then the greatest depth allowed. */
                           g_dngettext (GETTEXT_PACKAGE, "line %u: nested more than %d level deep",
                                        "line %u: nested more than %d levels deep", SCHOLIA_JSON_MAX_DEPTH),
                           line, SCHOLIA_JSON_MAX_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth == 0)
            {
              g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                           _("line %u: “%c” closes nothing"), line, c);
              return FALSE;
            }
          depth--;
          if (depth == 1)
            {
              span.end = i + 1;
              g_array_append_val (spans, span);
            }
          else if (depth == 0)
            {
              for (i++; i < length; i++)
                if (!g_ascii_isspace (data[i]))
                  {
                    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                                 _("line %u: text after the end of the array"), line);
                    return FALSE;
                  }
              return TRUE;
            }
          break;
        default:
          /* A bare value (number, true …) in the array: an item it is not; kept as a span
           * of its own so that it is reported. */
          if (depth == 1 && !g_ascii_isspace (c) && c != ',')
            {
              span.start = i;
              span.line = line;
              while (i + 1 < length && !strchr (",]} \t\r\n", data[i + 1]))
                i++;
              span.end = i + 1;
              g_array_append_val (spans, span);
            }
        }
    }

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
               in_string ? _("line %u: a string is not closed") : _("line %u: the array is not closed"),
               span.line > 0 ? span.line : line);
  return FALSE;
}

static char *
scalar_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strstrip (g_strdup (json_node_get_string (node)));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%g", json_node_get_double (node));
    default:
      return NULL;
    }
}

static char *
member_text (JsonObject *item,
             const char *name)
{
  return json_object_has_member (item, name) ? scalar_text (json_object_get_member (item, name)) : NULL;
}

/* "1998", "1998-04", "1998-04-12" from date-parts; else raw or literal as given. */
static char *
date_text (JsonNode *node)
{
  JsonObject *date;
  JsonArray *parts;
  JsonArray *first;
  GString *text;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    return scalar_text (node);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  date = json_node_get_object (node);
  if (json_object_has_member (date, "date-parts") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (date, "date-parts")) &&
      (parts = json_object_get_array_member (date, "date-parts")) != NULL &&
      json_array_get_length (parts) > 0 &&
      JSON_NODE_HOLDS_ARRAY (json_array_get_element (parts, 0)) &&
      (first = json_array_get_array_element (parts, 0)) != NULL &&
      json_array_get_length (first) > 0)
    {
      text = g_string_new (NULL);
      for (guint i = 0; i < MIN (json_array_get_length (first), 3); i++)
        {
          g_autofree char *part = scalar_text (json_array_get_element (first, i));
          guint64 number;

          if (part == NULL || !g_ascii_string_to_unsigned (part, 10, 0, 9999, &number, NULL))
            break;
          g_string_append_printf (text, i == 0 ? "%04u" : "-%02u", (guint) number);
        }
      if (text->len > 0)
        return g_string_free (text, FALSE);
      g_string_free (text, TRUE);
    }
  if (json_object_has_member (date, "literal"))
    return member_text (date, "literal");
  if (json_object_has_member (date, "raw"))
    return member_text (date, "raw");
  return NULL;
}

static char *
join_nonempty (const char *first,
               const char *second)
{
  if (first == NULL || *first == '\0')
    return g_strdup (second != NULL ? second : "");
  if (second == NULL || *second == '\0')
    return g_strdup (first);
  return g_strconcat (first, " ", second, NULL);
}

static void
read_names (ScholiaReference *reference,
            JsonObject       *item,
            const char       *member,
            gboolean          authors)
{
  JsonArray *names;

  if (!json_object_has_member (item, member) || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (item, member)))
    return;
  names = json_object_get_array_member (item, member);
  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      JsonNode *node = json_array_get_element (names, i);
      JsonObject *name;
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;
      g_autofree char *literal = NULL;
      g_autofree char *particle = NULL;
      g_autofree char *dropping = NULL;
      g_autofree char *suffix = NULL;
      g_autofree char *full_family = NULL;
      g_autofree char *full_given = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      name = json_node_get_object (node);
      family = member_text (name, "family");
      given = member_text (name, "given");
      literal = member_text (name, "literal");
      particle = member_text (name, "non-dropping-particle");
      dropping = member_text (name, "dropping-particle");
      suffix = member_text (name, "suffix");
      /* "van" Beethoven files under B yet is written with the name: kept with the family name;
       * a dropping particle and a suffix follow the given names. */
      full_family = join_nonempty (particle, family);
      full_given = join_nonempty (given, dropping);
      if (suffix != NULL && *suffix != '\0')
        {
          char *with_suffix = g_strconcat (full_given, ", ", suffix, NULL);

          g_free (full_given);
          full_given = with_suffix;
        }
      if (*full_family == '\0' && *full_given == '\0' && (literal == NULL || *literal == '\0'))
        continue;
      if (authors)
        scholia_reference_add_author (reference, full_family, full_given, literal);
      else
        scholia_reference_add_editor (reference, full_family, full_given, literal);
    }
}

static const struct
{
  ScholiaReferenceField field;
  const char           *member;
} text_members[] = {
  { SCHOLIA_REFERENCE_TYPE, "type" },
  { SCHOLIA_REFERENCE_TITLE, "title" },
  { SCHOLIA_REFERENCE_CONTAINER_TITLE, "container-title" },
  { SCHOLIA_REFERENCE_COLLECTION_TITLE, "collection-title" },
  { SCHOLIA_REFERENCE_VOLUME, "volume" },
  { SCHOLIA_REFERENCE_ISSUE, "issue" },
  { SCHOLIA_REFERENCE_PAGE, "page" },
  { SCHOLIA_REFERENCE_PUBLISHER, "publisher" },
  { SCHOLIA_REFERENCE_PUBLISHER_PLACE, "publisher-place" },
  { SCHOLIA_REFERENCE_DOI, "DOI" },
  { SCHOLIA_REFERENCE_URL, "URL" },
  { SCHOLIA_REFERENCE_FILE, "file" },
};

/* One item; NULL and @reason when it is not one. */
static ScholiaReference *
read_item (JsonNode    *node,
           const char **reason)
{
  JsonObject *item;
  g_autofree char *key = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *accessed = NULL;
  ScholiaReference *reference;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *reason = _("an item is an object, “{ … }”");
      return NULL;
    }
  item = json_node_get_object (node);
  /* Better BibTeX writes its key as "citation-key" and Zotero's item URI as "id". */
  key = member_text (item, "citation-key");
  if (key == NULL || *key == '\0')
    {
      g_free (key);
      key = member_text (item, "id");
    }
  if (key == NULL || *key == '\0')
    {
      *reason = _("it has no “id”");
      return NULL;
    }

  reference = scholia_reference_new (key);
  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    {
      g_autofree char *value = member_text (item, text_members[i].member);

      if (value == NULL && g_ascii_isupper (text_members[i].member[0]))
        {
          g_autofree char *lower = g_ascii_strdown (text_members[i].member, -1);

          value = member_text (item, lower);
        }
      if (value != NULL && text_members[i].field == SCHOLIA_REFERENCE_PAGE)
        {
          char *pages = scholia_reference_normalize_pages (value);

          g_free (value);
          value = pages;
        }
      scholia_reference_set (reference, text_members[i].field, value);
    }
  if (!scholia_reference_has (reference, SCHOLIA_REFERENCE_CONTAINER_TITLE))
    {
      g_autofree char *event = member_text (item, "event-title");

      scholia_reference_set (reference, SCHOLIA_REFERENCE_CONTAINER_TITLE, event);
    }
  issued = date_text (json_object_has_member (item, "issued") ? json_object_get_member (item, "issued") : NULL);
  accessed = date_text (json_object_has_member (item, "accessed") ? json_object_get_member (item, "accessed") : NULL);
  scholia_reference_set (reference, SCHOLIA_REFERENCE_ISSUED, issued);
  scholia_reference_set (reference, SCHOLIA_REFERENCE_ACCESSED, accessed);
  read_names (reference, item, "author", TRUE);
  read_names (reference, item, "editor", FALSE);
  scholia_reference_set_source (reference, SCHOLIA_REFERENCE_SOURCE_CSL_JSON);
  {
    g_autofree char *text = json_to_string (node, FALSE);

    scholia_reference_set_csl_json (reference, text);
  }
  return reference;
}

ScholiaReferenceFile *
scholia_reference_file_parse_csl_json (const char  *data,
                                       gsize        length,
                                       GError     **error)
{
  g_autoptr(ScholiaReferenceFile) result = scholia_reference_file_new ();
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (ItemSpan));
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  g_return_val_if_fail (data != NULL, NULL);

  if (!find_items (data, length, spans, error))
    return NULL;

  for (guint i = 0; i < spans->len; i++)
    {
      ItemSpan *span = &g_array_index (spans, ItemSpan, i);
      g_autofree char *text = g_strndup (data + span->start, span->end - span->start);
      g_autoptr(GError) local_error = NULL;
      const char *reason = NULL;
      ScholiaReference *reference;
      guint replaced = 0;

      if (!scholia_json_scan (text, strlen (text), SCHOLIA_JSON_MAX_DEPTH, &replaced, &local_error) ||
          !json_parser_load_from_data (parser, text, -1, &local_error))
        {
          scholia_reference_file_skip (result, span->line, NULL, local_error->message);
          continue;
        }
      reference = read_item (json_parser_get_root (parser), &reason);
      if (reference == NULL)
        scholia_reference_file_skip (result, span->line, NULL, reason);
      else
        scholia_reference_file_take (result, reference, span->line);
    }
  return g_steal_pointer (&result);
}
