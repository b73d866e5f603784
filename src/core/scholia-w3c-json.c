/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-import-private.h"
#include "scholia-w3c-json.h"

void
scholia_w3c_json_add_string (JsonBuilder *builder,
                             const char  *name,
                             const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
scholia_w3c_json_add_body (JsonBuilder *builder,
                           const char  *purpose,
                           const char  *value)
{
  json_builder_begin_object (builder);
  scholia_w3c_json_add_string (builder, "type", "TextualBody");
  scholia_w3c_json_add_string (builder, "purpose", purpose);
  scholia_w3c_json_add_string (builder, "value", value);
  if (g_str_equal (purpose, "commenting") || g_str_equal (purpose, "replying"))
    scholia_w3c_json_add_string (builder, "format", "text/plain");
  json_builder_end_object (builder);
}

static void
add_bodies (JsonBuilder        *builder,
            const char         *purpose,
            const char * const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    scholia_w3c_json_add_body (builder, purpose, values[i]);
}

static gboolean
has_values (const char * const *values)
{
  return values != NULL && values[0] != NULL;
}

static void
add_target (JsonBuilder          *builder,
            const ScholiaW3cSpan *span)
{
  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  scholia_w3c_json_add_string (builder, "source", span->source);
  json_builder_set_member_name (builder, "selector");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  scholia_w3c_json_add_string (builder, "type", "TextQuoteSelector");
  scholia_w3c_json_add_string (builder, "exact", span->quote);
  scholia_w3c_json_add_string (builder, "prefix", span->prefix != NULL ? span->prefix : "");
  scholia_w3c_json_add_string (builder, "suffix", span->suffix != NULL ? span->suffix : "");
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  scholia_w3c_json_add_string (builder, "type", "TextPositionSelector");
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, span->start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, span->end);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
scholia_w3c_json_add_head (JsonBuilder *builder,
                           const char  *id,
                           const char  *motivation,
                           gint64       created,
                           gint64       modified)
{
  g_autofree char *created_text = scholia_w3c_json_format_time (created);
  g_autofree char *modified_text = scholia_w3c_json_format_time (modified);

  scholia_w3c_json_add_string (builder, "@context", SCHOLIA_W3C_CONTEXT);
  scholia_w3c_json_add_string (builder, "id", id);
  scholia_w3c_json_add_string (builder, "type", "Annotation");
  scholia_w3c_json_add_string (builder, "motivation", motivation);
  if (created_text != NULL)
    scholia_w3c_json_add_string (builder, "created", created_text);
  if (modified_text != NULL)
    scholia_w3c_json_add_string (builder, "modified", modified_text);
}

/* An agent given by IRI stays one; a name becomes a Person with that name. */
static void
add_agent (JsonBuilder *builder,
           const char  *member,
           const char  *agent)
{
  json_builder_set_member_name (builder, member);
  if (strchr (agent, ' ') == NULL && g_uri_is_valid (agent, G_URI_FLAGS_NONE, NULL))
    {
      json_builder_add_string_value (builder, agent);
      return;
    }
  json_builder_begin_object (builder);
  scholia_w3c_json_add_string (builder, "type", "Person");
  scholia_w3c_json_add_string (builder, "name", agent);
  json_builder_end_object (builder);
}

static void
add_note_body (JsonBuilder          *builder,
               const ScholiaW3cSpan *span)
{
  const char *purpose = span->note_purpose != NULL ? span->note_purpose : "commenting";

  json_builder_begin_object (builder);
  scholia_w3c_json_add_string (builder, "type", "TextualBody");
  if (*purpose != '\0')
    scholia_w3c_json_add_string (builder, "purpose", purpose);
  scholia_w3c_json_add_string (builder, "value", span->note);
  scholia_w3c_json_add_string (builder, "format", span->note_format != NULL ? span->note_format : "text/plain");
  if (span->note_language != NULL)
    scholia_w3c_json_add_string (builder, "language", span->note_language);
  json_builder_end_object (builder);
}

void
scholia_w3c_json_add_span (JsonBuilder          *builder,
                           const ScholiaW3cSpan *span)
{
  gboolean has_note = span->note != NULL && *span->note != '\0';

  scholia_w3c_json_add_head (builder, span->id, span->motivation != NULL ? span->motivation : "highlighting",
                             span->created, span->modified);
  if (span->creator != NULL)
    add_agent (builder, "creator", span->creator);
  if (span->canonical != NULL)
    scholia_w3c_json_add_string (builder, "canonical", span->canonical);
  if (span->via != NULL)
    scholia_w3c_json_add_string (builder, "via", span->via);

  if (has_values (span->tags) || has_values (span->themes) || has_note)
    {
      json_builder_set_member_name (builder, "body");
      json_builder_begin_array (builder);
      add_bodies (builder, "classifying", span->tags);
      add_bodies (builder, "tagging", span->themes);
      if (has_note)
        add_note_body (builder, span);
      json_builder_end_array (builder);
    }

  add_target (builder, span);
}

char *
scholia_w3c_json_format_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

gint64
scholia_w3c_json_parse_time (const char *text,
                             gint64      fallback)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return fallback;
  time = g_date_time_new_from_iso8601 (text, utc);
  return time != NULL ? g_date_time_to_unix (time) : fallback;
}

const char *
scholia_w3c_json_get_string (JsonObject *object,
                             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* How many U+FFFD g_utf8_make_valid() puts in @text: one per byte that begins no character. */
static guint
count_invalid (const char *text)
{
  const char *invalid;
  guint count = 0;

  while (!g_utf8_validate (text, -1, &invalid))
    {
      count++;
      text = invalid + 1;
    }
  return count;
}

static char *
dup_valid (const char *value,
           guint      *replaced)
{
  if (g_utf8_validate (value, -1, NULL))
    return g_strdup (value);
  if (replaced != NULL)
    *replaced += count_invalid (value);
  return g_utf8_make_valid (value, -1);
}

/* A parsed file holds no invalid UTF-8 (json-glib refuses it, and scholia_json_scan() rewrites
 * the escapes that would make it), but a tree built by a caller may: it is repaired here. */
char *
scholia_w3c_json_dup_text (JsonObject *object,
                           const char *name,
                           guint      *replaced)
{
  const char *value = scholia_w3c_json_get_string (object, name);

  return value != NULL ? dup_valid (value, replaced) : NULL;
}

/* JSON-LD allows a type to be one string or an array of them. */
gboolean
scholia_w3c_json_has_type (JsonNode   *node,
                           const char *type)
{
  JsonObject *object;
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  member = json_object_get_member (object, "type");
  if (member == NULL)
    member = json_object_get_member (object, "@type");
  if (member == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (member))
    return g_strcmp0 (json_node_get_string (member), type) == 0;
  if (JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *types = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (types); i++)
        if (g_strcmp0 (json_node_get_string (json_array_get_element (types, i)), type) == 0)
          return TRUE;
    }
  return FALSE;
}

GPtrArray *
scholia_w3c_json_get_many (JsonObject *object,
                           const char *name)
{
  GPtrArray *nodes = g_ptr_array_new ();
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return nodes;
  if (JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (nodes, json_array_get_element (array, i));
    }
  else
    g_ptr_array_add (nodes, member);
  return nodes;
}

char *
scholia_w3c_json_urn_uuid (const char *id)
{
  if (id == NULL || !g_str_has_prefix (id, SCHOLIA_URN_UUID) ||
      !g_uuid_string_is_valid (id + strlen (SCHOLIA_URN_UUID)))
    return NULL;
  return g_ascii_strdown (id + strlen (SCHOLIA_URN_UUID), -1);
}

static char *
dup_text_or_empty (JsonObject *object,
                   const char *name,
                   guint      *replaced)
{
  char *text = scholia_w3c_json_dup_text (object, name, replaced);

  return text != NULL ? text : g_strdup ("");
}

static ScholiaW3cSelectorsResult
read_position (JsonObject          *selector,
               ScholiaW3cSelectors *selectors)
{
  JsonNode *start = json_object_get_member (selector, "start");
  JsonNode *end = json_object_get_member (selector, "end");

  if (start == NULL || end == NULL || json_node_get_value_type (start) != G_TYPE_INT64 ||
      json_node_get_value_type (end) != G_TYPE_INT64)
    return SCHOLIA_W3C_SELECTORS_NOT_NUMBERS;
  selectors->start = json_node_get_int (start);
  selectors->end = json_node_get_int (end);
  if (selectors->start < 0 || selectors->end <= selectors->start || selectors->end > G_MAXINT)
    return SCHOLIA_W3C_SELECTORS_NOT_A_SPAN;
  return SCHOLIA_W3C_SELECTORS_READ;
}

/* Deeper refinements than this are not followed: a file could nest them without end. */
#define MAX_REFINEMENTS 16

static ScholiaW3cSelectorsResult
read_selector_list (GPtrArray           *nodes,
                    guint                depth,
                    guint               *replaced,
                    ScholiaW3cSelectors *selectors)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      JsonNode *node = g_ptr_array_index (nodes, i);
      g_autoptr(GPtrArray) refinements = NULL;
      ScholiaW3cSelectorsResult result;
      JsonObject *selector;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      selector = json_node_get_object (node);

      if (scholia_w3c_json_has_type (node, "TextQuoteSelector") && selectors->quote == NULL)
        {
          selectors->quote = scholia_w3c_json_dup_text (selector, "exact", replaced);
          if (selectors->quote == NULL || *selectors->quote == '\0')
            return SCHOLIA_W3C_SELECTORS_NO_EXACT;
          selectors->prefix = dup_text_or_empty (selector, "prefix", replaced);
          selectors->suffix = dup_text_or_empty (selector, "suffix", replaced);
        }
      else if (scholia_w3c_json_has_type (node, "TextPositionSelector") && selectors->start < 0)
        {
          result = read_position (selector, selectors);
          if (result != SCHOLIA_W3C_SELECTORS_READ)
            return result;
        }

      /* Scholia cannot resolve the fragment, element or range a text selector refines; what
       * it quotes finds the passage in the text (a position there is taken from the text's
       * start, and the quote corrects it). */
      if (depth >= MAX_REFINEMENTS)
        continue;
      refinements = scholia_w3c_json_get_many (selector, "refinedBy");
      result = read_selector_list (refinements, depth + 1, replaced, selectors);
      if (result != SCHOLIA_W3C_SELECTORS_READ)
        return result;
    }
  return SCHOLIA_W3C_SELECTORS_READ;
}

ScholiaW3cSelectorsResult
scholia_w3c_json_read_selectors (JsonObject          *target,
                                 guint               *replaced,
                                 ScholiaW3cSelectors *selectors)
{
  g_autoptr(GPtrArray) nodes = scholia_w3c_json_get_many (target, "selector");

  *selectors = (ScholiaW3cSelectors) { NULL, NULL, NULL, -1, -1 };
  return read_selector_list (nodes, 0, replaced, selectors);
}

void
scholia_w3c_selectors_clear (ScholiaW3cSelectors *selectors)
{
  g_clear_pointer (&selectors->quote, g_free);
  g_clear_pointer (&selectors->prefix, g_free);
  g_clear_pointer (&selectors->suffix, g_free);
}

/* The first string of a member that may hold one or an array of them, or NULL. */
static char *
dup_first_text (JsonObject *object,
                const char *name,
                guint      *replaced)
{
  g_autoptr(GPtrArray) nodes = scholia_w3c_json_get_many (object, name);

  for (guint i = 0; i < nodes->len; i++)
    {
      JsonNode *node = g_ptr_array_index (nodes, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return dup_valid (json_node_get_string (node), replaced);
    }
  return NULL;
}

/* The first purpose of @body that Scholia files as a label, or NULL. */
static const char *
label_purpose (JsonObject *body)
{
  g_autoptr(GPtrArray) purposes = scholia_w3c_json_get_many (body, "purpose");

  for (guint p = 0; p < purposes->len; p++)
    {
      JsonNode *node = g_ptr_array_index (purposes, p);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *candidate = json_node_get_string (node);

          if (g_str_equal (candidate, "classifying") || g_str_equal (candidate, "tagging"))
            return candidate;
        }
    }
  return NULL;
}

void
scholia_w3c_note_body_clear (ScholiaW3cNoteBody *note_body)
{
  g_clear_pointer (&note_body->purpose, g_free);
  g_clear_pointer (&note_body->language, g_free);
  g_clear_pointer (&note_body->format, g_free);
  g_clear_pointer (&note_body->html, g_free);
}

static gboolean
is_html (const char *format)
{
  return format != NULL && (g_ascii_strcasecmp (format, "text/html") == 0 ||
                            g_ascii_strcasecmp (format, "application/xhtml+xml") == 0);
}

/* Of a Choice, the first item with a text value: the one a client shows by default. */
static JsonObject *
first_choice (JsonObject *choice)
{
  g_autoptr(GPtrArray) items = scholia_w3c_json_get_many (choice, "items");

  for (guint i = 0; i < items->len; i++)
    {
      JsonNode *item = g_ptr_array_index (items, i);

      if (JSON_NODE_HOLDS_OBJECT (item) &&
          scholia_w3c_json_get_string (json_node_get_object (item), "value") != NULL)
        return json_node_get_object (item);
    }
  return NULL;
}

char *
scholia_w3c_json_read_bodies_full (JsonObject         *annotation,
                                   guint              *replaced,
                                   GPtrArray          *tags,
                                   GPtrArray          *themes,
                                   ScholiaW3cNoteBody *note_body)
{
  g_autoptr(GPtrArray) bodies = scholia_w3c_json_get_many (annotation, "body");
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *body_value = scholia_w3c_json_dup_text (annotation, "bodyValue", replaced);
  gboolean described = FALSE;

  if (body_value != NULL && *body_value != '\0')
    {
      g_string_append (note, body_value);
      if (note_body != NULL)
        note_body->purpose = g_strdup ("");
      described = TRUE;
    }

  for (guint i = 0; i < bodies->len; i++)
    {
      JsonNode *node = g_ptr_array_index (bodies, i);
      JsonObject *body;
      g_autofree char *value = NULL;
      g_autofree char *format = NULL;
      const char *purpose;

      /* A body given only by IRI (a linked resource) carries nothing Scholia can keep. */
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      body = json_node_get_object (node);
      if (scholia_w3c_json_has_type (node, "Choice") && (body = first_choice (body)) == NULL)
        continue;
      value = scholia_w3c_json_dup_text (body, "value", replaced);
      if (value == NULL)
        continue;
      purpose = label_purpose (body);

      if (purpose != NULL)
        {
          g_autofree char *name = g_strstrip (g_strdup (value));

          if (*name != '\0')
            g_ptr_array_add (g_str_equal (purpose, "classifying") ? tags : themes, g_steal_pointer (&name));
          continue;
        }
      if (*value == '\0')
        continue;

      /* Commenting, describing, or no purpose at all: text a reader wrote, kept as the note. */
      format = dup_first_text (body, "format", replaced);
      if (note_body != NULL && !described)
        {
          char *first_purpose = dup_first_text (body, "purpose", replaced);

          note_body->purpose = first_purpose != NULL ? first_purpose : g_strdup ("");
          note_body->language = dup_first_text (body, "language", replaced);
          note_body->format = g_strdup (format);
          if (is_html (format))
            note_body->html = g_strdup (value);
        }
      described = TRUE;
      if (note->len > 0)
        g_string_append (note, "\n\n");
      if (is_html (format))
        {
          g_autofree char *text = scholia_w3c_json_html_to_text (value);

          g_string_append (note, text);
        }
      else
        g_string_append (note, value);
    }

  return g_string_free (g_steal_pointer (&note), FALSE);
}

char *
scholia_w3c_json_read_bodies (JsonObject *annotation,
                              guint      *replaced,
                              GPtrArray  *tags,
                              GPtrArray  *themes)
{
  return scholia_w3c_json_read_bodies_full (annotation, replaced, tags, themes, NULL);
}

char *
scholia_w3c_json_read_agent (JsonObject *object,
                             const char *name,
                             guint      *replaced)
{
  g_autoptr(GPtrArray) agents = scholia_w3c_json_get_many (object, name);

  for (guint i = 0; i < agents->len; i++)
    {
      JsonNode *node = g_ptr_array_index (agents, i);
      static const char *const members[] = { "name", "nickname", "id", "@id" };

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return dup_valid (json_node_get_string (node), replaced);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        {
          char *value = dup_first_text (json_node_get_object (node), members[m], replaced);

          if (value != NULL && *value != '\0')
            return value;
          g_free (value);
        }
    }
  return NULL;
}

char *
scholia_w3c_json_html_to_text (const char *html)
{
  g_autoptr(GBytes) bytes = NULL;
  ScholiaImportedText out = { 0 };
  char *text;

  g_return_val_if_fail (html != NULL, NULL);

  /* The essay importer's reading of HTML: the same paragraphs, entities and skipped scripts. */
  bytes = g_bytes_new_static (html, strlen (html));
  if (!_scholia_import_html (bytes, "", &out, NULL, NULL))
    return g_utf8_make_valid (html, -1);
  text = g_steal_pointer (&out.text);
  g_free (out.title);
  g_free (out.author);
  g_free (out.date);
  g_free (out.source);
  g_free (out.format);
  g_clear_pointer (&out.pages, g_array_unref);
  return text;
}
