/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-json-scan.h"

/* Scans a copy of @json; returns the rewritten text, or NULL with @error set. */
static char *
scan (const char  *json,
      guint        max_depth,
      guint       *replaced,
      GError     **error)
{
  g_autofree char *copy = g_strdup (json);

  if (!scholia_json_scan (copy, strlen (copy), max_depth, replaced, error))
    return NULL;
  return g_steal_pointer (&copy);
}

static char *
nested (guint       depth,
        const char *inner)
{
  GString *json = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (json, i % 2 == 0 ? "[" : "{\"a\":");
  g_string_append (json, inner);
  for (guint i = depth; i > 0; i--)
    g_string_append (json, (i - 1) % 2 == 0 ? "]" : "}");
  return g_string_free (json, FALSE);
}

static void
test_depth_bound (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at_bound = nested (8, "1");
  g_autofree char *over = nested (9, "1");
  g_autofree char *result = NULL;
  guint replaced = 99;

  result = scan (at_bound, 8, &replaced, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, at_bound);
  g_assert_cmpuint (replaced, ==, 0);

  g_assert_null (scan (over, 8, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "more than 8 levels deep, at line 1"));
}

/* Siblings do not add up: only what is open at once counts. */
static void
test_depth_is_nesting_not_count (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("[");
  g_autofree char *result = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append (json, i == 0 ? "[[{}]]" : ",[[{}]]");
  g_string_append (json, "]");
  result = scan (json->str, 4, NULL, &error);
  g_assert_no_error (error);
}

/* Brackets in strings, escaped quotes and escaped backslashes are text, not structure. */
static void
test_brackets_in_strings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  const char *quiet[] = {
    "[\"[[[[[[[[[[{{{{{{{{\"]",
    "[\"a \\\"[[[[[[[[[[\\\" b\"]",
    "[\"\\\\\", \"[[[[[[[[[[\"]",
    "{\"[[[[[[[[[[\": \"}}}}}}}}}}]]]]]]\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (quiet); i++)
    {
      result = scan (quiet[i], 2, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (result, ==, quiet[i]);
      g_clear_pointer (&result, g_free);
    }

  /* After an escaped backslash the quote closes the string, and the brackets count again. */
  g_assert_null (scan ("[\"\\\\\" , [[[1]]]]", 2, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE);
  g_clear_error (&error);
  /* Closing brackets in strings do not lower the count either. */
  g_assert_null (scan ("[[\"]]]]]]\", [1]]]", 2, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE);
}

static void
test_line_of_overflow (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (scan ("{\"a\": \"x\\ny\",\n \"b\":\n  [[[1]]]}", 3, NULL, &error));
  g_assert_nonnull (strstr (error->message, "at line 3"));
}

/* \u0000 and unpaired surrogates become \ufffd in place; real pairs and other escapes stay. */
static void
test_escapes_that_are_no_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  guint replaced = 0;

  result = scan ("[\"a\\u0000b\", \"\\ud800x\", \"\\uDC00\", \"\\ud83d\\ude00\", \"\\ud800\\u0041\","
                 " \"\\\\u0000\", \"\\u00e9\\n\", \"\\ud83d\"]",
                 8, &replaced, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==,
                   "[\"a\\ufffdb\", \"\\ufffdx\", \"\\ufffd\", \"\\ud83d\\ude00\", \"\\ufffd\\u0041\","
                   " \"\\\\u0000\", \"\\u00e9\\n\", \"\\ufffd\"]");
  g_assert_cmpuint (replaced, ==, 5);
}

/* What json-glib makes of the scanned text is whole UTF-8, with nothing after a bad escape lost. */
static void
test_parser_reads_repaired_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *result = scan ("[\"note\\u0000 cut\", \"\\ud800x\", \"\\ud800\"]", 8, NULL, &error);
  JsonArray *array;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, result, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "note\xef\xbf\xbd cut");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "\xef\xbf\xbdx");
  g_assert_cmpstr (json_array_get_string_element (array, 2), ==, "\xef\xbf\xbd");
}

static void
test_nul_byte_refused (void)
{
  g_autoptr(GError) error = NULL;
  char json[] = "[\"a\\\0\"]";
  char outside[] = "[1,\n\0]";

  g_assert_false (scholia_json_scan (json, sizeof json - 1, 8, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (scholia_json_scan (outside, sizeof outside - 1, 8, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "NUL byte at line 2"));
}

/* Cut short anywhere, a text is scanned without reading past its end. */
static void
test_truncated_text (void)
{
  const char *json = "[\"\\ud83d\\ude00\", \"\\u00\", \"\\";

  for (gsize length = 0; length <= strlen (json); length++)
    {
      g_autofree char *copy = g_memdup2 (json, length);

      g_assert_true (scholia_json_scan (copy, length, 8, NULL, NULL));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-scan/depth/refused-over-bound", test_depth_bound);
  g_test_add_func ("/json-scan/depth/counts-nesting-not-siblings", test_depth_is_nesting_not_count);
  g_test_add_func ("/json-scan/depth/brackets-and-escaped-quotes-in-strings", test_brackets_in_strings);
  g_test_add_func ("/json-scan/depth/names-the-line", test_line_of_overflow);
  g_test_add_func ("/json-scan/escapes/nul-and-lone-surrogates-become-fffd", test_escapes_that_are_no_text);
  g_test_add_func ("/json-scan/escapes/parser-keeps-the-rest", test_parser_reads_repaired_text);
  g_test_add_func ("/json-scan/nul-byte-refused", test_nul_byte_refused);
  g_test_add_func ("/json-scan/truncated-text-stays-in-bounds", test_truncated_text);

  return g_test_run ();
}
