/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "w3c-musts.h"

static void
assert_date_time (JsonObject *object,
                  const char *name)
{
  const char *text = json_object_get_string_member (object, name);
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);
  g_assert_true (g_str_has_suffix (text, "Z"));
}

static void
assert_iri (const char *text)
{
  g_assert_nonnull (text);
  g_assert_nonnull (g_uri_peek_scheme (text));
  g_assert_null (strpbrk (text, " \t\n"));
}

static void
assert_selectors (JsonObject *target)
{
  JsonArray *selectors = json_object_get_array_member (target, "selector");

  for (guint i = 0; i < json_array_get_length (selectors); i++)
    {
      JsonObject *selector = json_array_get_object_element (selectors, i);
      const char *type = json_object_get_string_member (selector, "type");

      if (g_str_equal (type, "TextQuoteSelector"))
        {
          g_assert_cmpuint (strlen (json_object_get_string_member (selector, "exact")), >, 0);
          g_assert_nonnull (json_object_get_string_member (selector, "prefix"));
          g_assert_nonnull (json_object_get_string_member (selector, "suffix"));
        }
      else
        {
          g_assert_cmpstr (type, ==, "TextPositionSelector");
          g_assert_cmpint (json_object_get_int_member (selector, "start"), >=, 0);
          g_assert_cmpint (json_object_get_int_member (selector, "end"), >, json_object_get_int_member (selector, "start"));
        }
    }
}

void
test_w3c_assert_musts (JsonObject *annotation)
{
  JsonNode *body = json_object_get_member (annotation, "body");
  JsonNode *target = json_object_get_member (annotation, "target");

  g_assert_cmpstr (json_object_get_string_member (annotation, "@context"), ==, "http://www.w3.org/ns/anno.jsonld");
  assert_iri (json_object_get_string_member (annotation, "id"));
  g_assert_cmpstr (json_object_get_string_member (annotation, "type"), ==, "Annotation");
  g_assert_nonnull (target);
  g_assert_false (body != NULL && json_object_has_member (annotation, "bodyValue"));
  assert_date_time (annotation, "created");
  assert_date_time (annotation, "modified");
  if (json_object_has_member (annotation, "canonical"))
    assert_iri (json_object_get_string_member (annotation, "canonical"));
  if (json_object_has_member (annotation, "via"))
    assert_iri (json_object_get_string_member (annotation, "via"));

  if (body != NULL && JSON_NODE_HOLDS_ARRAY (body))
    {
      JsonArray *bodies = json_node_get_array (body);

      for (guint i = 0; i < json_array_get_length (bodies); i++)
        {
          JsonNode *node = json_array_get_element (bodies, i);
          JsonObject *one;

          /* A link's other end: a resource named by its IRI alone (model 3.2). */
          if (JSON_NODE_HOLDS_VALUE (node))
            {
              assert_iri (json_node_get_string (node));
              continue;
            }
          one = json_node_get_object (node);
          g_assert_cmpstr (json_object_get_string_member (one, "type"), ==, "TextualBody");
          g_assert_true (json_object_has_member (one, "value"));
        }
    }
  if (JSON_NODE_HOLDS_VALUE (target))
    assert_iri (json_node_get_string (target));
  if (JSON_NODE_HOLDS_OBJECT (target) && json_object_has_member (json_node_get_object (target), "selector"))
    {
      assert_iri (json_object_get_string_member (json_node_get_object (target), "source"));
      assert_selectors (json_node_get_object (target));
    }
}
