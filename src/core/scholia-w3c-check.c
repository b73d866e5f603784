/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-w3c-check.h"
#include "scholia-w3c-json.h"

/* Deeper refinements are not checked: the reader does not follow them either. */
#define MAX_DEPTH 16

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* The test suite's "uri": a scheme, a colon, and no white space after it. */
static gboolean
is_iri (JsonNode *node)
{
  const char *text;

  if (!is_string (node))
    return FALSE;
  text = json_node_get_string (node);
  if (!g_ascii_isalpha (*text))
    return FALSE;
  while (g_ascii_isalnum (*text) || *text == '+' || *text == '-' || *text == '.')
    text++;
  if (*text != ':')
    return FALSE;
  for (; *text != '\0'; text++)
    if (g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
is_digits (const char *text,
           guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* RFC 3339, as the test suite's "date-time": 2015-01-28T12:00:00Z, fractions and offsets too. */
static gboolean
is_date_time (JsonNode *node)
{
  const char *t;

  if (!is_string (node))
    return FALSE;
  t = json_node_get_string (node);
  if (strlen (t) < 20 || !is_digits (t, 4) || t[4] != '-' || !is_digits (t + 5, 2) || t[7] != '-' ||
      !is_digits (t + 8, 2) || (t[10] != 'T' && t[10] != 't' && t[10] != ' ') || !is_digits (t + 11, 2) ||
      t[13] != ':' || !is_digits (t + 14, 2) || t[16] != ':' || !is_digits (t + 17, 2))
    return FALSE;
  t += 19;
  if (*t == '.')
    {
      if (!g_ascii_isdigit (*++t))
        return FALSE;
      while (g_ascii_isdigit (*t))
        t++;
    }
  if (*t == 'Z' || *t == 'z')
    return t[1] == '\0';
  return (*t == '+' || *t == '-') && is_digits (t + 1, 2) && t[3] == ':' && is_digits (t + 4, 2) && t[6] == '\0';
}

static gboolean
fail (GError    **error,
      const char *message)
{
  g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID, message);
  return FALSE;
}

/* @member, when there, is one value @valid accepts or an array of exactly one, or with @many
 * an array of any number of them. */
static gboolean
check_member (JsonObject   *object,
              const char   *member,
              gboolean    (*valid) (JsonNode *node),
              gboolean      many,
              const char   *message,
              GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      if (n == 0 || (!many && n > 1))
        return fail (error, message);
      for (guint i = 0; i < n; i++)
        if (!valid (json_array_get_element (array, i)))
          return fail (error, message);
      return TRUE;
    }
  return valid (node) ? TRUE : fail (error, message);
}

static gboolean
is_agent (JsonNode *node)
{
  return is_iri (node) || JSON_NODE_HOLDS_OBJECT (node);
}

static gboolean
is_resource (JsonNode *node)
{
  return is_iri (node) || JSON_NODE_HOLDS_OBJECT (node);
}

gboolean
scholia_w3c_check_context (JsonObject  *object,
                           gboolean     required,
                           GError     **error)
{
  JsonNode *context = json_object_get_member (object, "@context");

  if (context == NULL)
    return !required ? TRUE : fail (error, _("it has no “@context”: it needs \"http://www.w3.org/ns/anno.jsonld\""));
  if (is_string (context) && g_str_equal (json_node_get_string (context), SCHOLIA_W3C_CONTEXT))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (context))
    {
      JsonArray *array = json_node_get_array (context);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (is_string (item) && g_str_equal (json_node_get_string (item), SCHOLIA_W3C_CONTEXT))
            return TRUE;
        }
    }
  return fail (error, _("its “@context” is not the Web Annotation context \"http://www.w3.org/ns/anno.jsonld\""));
}

/* A selector, and what refines it: a FragmentSelector (and the CSS, XPath and SVG ones that
 * share its "value") has exactly one value, and at most one "conformsTo". */
static gboolean
check_selector (JsonNode  *node,
                guint      depth,
                GError   **error)
{
  static const char *const valued[] = { "FragmentSelector", "CssSelector", "XPathSelector" };
  g_autoptr(GPtrArray) refinements = NULL;
  JsonObject *selector;

  if (!JSON_NODE_HOLDS_OBJECT (node) || depth > MAX_DEPTH)
    return TRUE;
  selector = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (valued); i++)
    {
      if (!scholia_w3c_json_has_type (node, valued[i]))
        continue;
      if (!is_string (json_object_get_member (selector, "value")))
        return fail (error, _("a selector has not exactly one text “value”"));
      if (!check_member (selector, "conformsTo", is_iri, FALSE, _("a selector’s “conformsTo” is not one IRI"), error))
        return FALSE;
    }
  refinements = scholia_w3c_json_get_many (selector, "refinedBy");
  for (guint i = 0; i < refinements->len; i++)
    if (!check_selector (g_ptr_array_index (refinements, i), depth + 1, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_target (JsonNode  *node,
              GError   **error)
{
  g_autoptr(GPtrArray) selectors = NULL;

  if (!is_resource (node))
    return fail (error, _("a “target” is neither an IRI nor an object"));
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  selectors = scholia_w3c_json_get_many (json_node_get_object (node), "selector");
  for (guint i = 0; i < selectors->len; i++)
    if (!check_selector (g_ptr_array_index (selectors, i), 0, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_identity (JsonObject  *annotation,
                GError     **error)
{
  return check_member (annotation, "id", is_iri, FALSE, _("its “id” is not one IRI"), error) &&
         check_member (annotation, "canonical", is_iri, FALSE, _("its “canonical” is not one IRI"), error) &&
         check_member (annotation, "via", is_iri, TRUE, _("its “via” is not an IRI"), error) &&
         check_member (annotation, "rights", is_iri, TRUE, _("its “rights” is not an IRI"), error);
}

static gboolean
check_provenance (JsonObject  *annotation,
                  GError     **error)
{
  return check_member (annotation, "created", is_date_time, FALSE,
                       _("its “created” is not one date and time such as 2015-01-28T12:00:00Z"), error) &&
         check_member (annotation, "modified", is_date_time, FALSE,
                       _("its “modified” is not one date and time such as 2015-01-28T12:00:00Z"), error) &&
         check_member (annotation, "generated", is_date_time, FALSE,
                       _("its “generated” is not one date and time such as 2015-01-28T12:00:00Z"), error) &&
         check_member (annotation, "creator", is_agent, TRUE,
                       _("its “creator” is neither an IRI nor an agent object"), error) &&
         check_member (annotation, "generator", is_agent, TRUE,
                       _("its “generator” is neither an IRI nor an agent object"), error);
}

gboolean
scholia_w3c_check_annotation (JsonObject  *annotation,
                              gboolean     needs_context,
                              GError     **error)
{
  g_autoptr(GPtrArray) targets = scholia_w3c_json_get_many (annotation, "target");
  g_autoptr(GPtrArray) bodies = scholia_w3c_json_get_many (annotation, "body");

  if (!scholia_w3c_check_context (annotation, needs_context, error) ||
      !check_identity (annotation, error) ||
      !check_provenance (annotation, error))
    return FALSE;

  if (targets->len == 0)
    return fail (error, _("it has no “target”"));
  for (guint i = 0; i < targets->len; i++)
    if (!check_target (g_ptr_array_index (targets, i), error))
      return FALSE;
  for (guint i = 0; i < bodies->len; i++)
    if (!is_resource (g_ptr_array_index (bodies, i)))
      return fail (error, _("a “body” is neither an IRI nor an object"));
  if (json_object_has_member (annotation, "body") && json_object_has_member (annotation, "bodyValue"))
    return fail (error, _("it has both “body” and “bodyValue”"));
  if (json_object_has_member (annotation, "bodyValue") && !is_string (json_object_get_member (annotation, "bodyValue")))
    return fail (error, _("its “bodyValue” is not one text"));
  return TRUE;
}
