/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "cli-runner.h"
#include "test-files.h"

/* Strings as they reach scholia-cli from a shell: decomposed accents pasted from macOS,
 * arguments under LANG=C, bytes that are not UTF-8 at all, control characters. */

static const char essay[] =
  "Le café au lait du port était amer. Un autre café, plus loin, ne l’était pas.\n";

typedef TestLibraryFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *path = NULL;

  test_library_fixture_set_up (fixture, data);
  path = test_write_file (fixture->dir, "le_port.txt", essay);
  cli_run (&run, fixture->dir, "--library", fixture->library, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static JsonArray *
annotations_json (Fixture    *fixture,
                  JsonParser *parser)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(GError) error = NULL;

  cli_run (&run, fixture->dir, "--library", fixture->library, "annotations", "1", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_decomposed_quote (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *annotation;

  cli_run (&run, fixture->dir, "--library", fixture->library, "annotate", "1",
           "--quote", "cafe\xcc\x81 au", "--tag", "evidence", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (strchr (run.out, '\t'), ==, "\t3\t10\n");

  annotation = json_array_get_object_element (annotations_json (fixture, parser), 0);
  g_assert_cmpstr (json_object_get_string_member (annotation, "quote"), ==, "café au");
}

static void
test_utf8_arguments_in_c_locale (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *annotate[] = { "--library", fixture->library, "annotate", "1", "--quote", "café au",
                             "--tag", "evidence", "--theme", "Café", "--note", "déjà vu", NULL };
  const char *theme[] = { "--library", fixture->library, "theme", "add", "Café",
                          "--description", "Où l’on boit", NULL };
  const char *edit[] = { "--library", fixture->library, "edit", "1", "--author", "Żeleński", NULL };
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *annotation;

  cli_run_in_locale (&run, fixture->dir, "C", theme);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  cli_run_in_locale (&run, fixture->dir, "C", annotate);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  cli_run_in_locale (&run, fixture->dir, "POSIX", edit);
  g_assert_cmpint (run.status, ==, 0);

  annotation = json_array_get_object_element (annotations_json (fixture, parser), 0);
  g_assert_cmpstr (json_object_get_string_member (annotation, "note"), ==, "déjà vu");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (annotation, "themes"), 0),
                   ==, "Café");

  cli_run (&run, fixture->dir, "--library", fixture->library, "show", "1", NULL);
  g_assert_nonnull (strstr (run.out, "Żeleński"));
}

static char *
library_state (Fixture *fixture)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(GString) state = g_string_new (NULL);
  const char *commands[] = { "tags", "themes", "list" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      cli_run (&run, fixture->dir, "--library", fixture->library, commands[i], "--json", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_utf8_validate (run.out, -1, NULL));
      g_string_append (state, run.out);
    }
  return g_string_free (g_steal_pointer (&state), FALSE);
}

/* Bytes that are not UTF-8 were read past their end (search, compare, tag rename) or stored. */
static void
test_invalid_utf8_arguments_refused (Fixture       *fixture,
                                     gconstpointer  data)
{
  static const struct
  {
    const char *args[9];
    const char *named;  /* what the message names */
  } cases[] = {
    { { "annotate", "1", "--quote", "café", "--tag", "evidence", "--note", "bad\xff", NULL }, "--note" },
    { { "annotate", "1", "--quote", "caf\xc3", "--tag", "evidence", NULL }, "--quote" },
    { { "annotate", "1", "--quote", "café", "--tag", "evid\xe9nce", NULL }, "--tag" },
    { { "edit", "1", "--title", "T\xff", NULL }, "--title" },
    { { "import", "--author", "\xed\xa0\x80", "x.txt", NULL }, "--author" },
    { { "tag", "add", "new\xff", NULL }, "new\xef\xbf\xbd" },
    { { "tag", "rename", "evidence", "ev\xffidence", NULL }, "ev\xef\xbf\xbdidence" },
    { { "theme", "add", "\xc0\xaf", NULL }, "\xef\xbf\xbd" },
    { { "search", "harb\xf0\x9f", NULL }, "harb\xef\xbf\xbd" },
    { { "compare", "\xfe", NULL }, "\xef\xbf\xbd" },
    { { "show", "\xff", NULL }, "\xef\xbf\xbd" },
  };
  g_autofree char *before = library_state (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { 0 };
      const char * const *args = cases[i].args;

      cli_run (&run, fixture->dir, "--library", fixture->library, args[0], args[1], args[2], args[3],
               args[4], args[5], args[6], args[7], args[8], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_utf8_validate (run.err, -1, NULL));
      g_assert_nonnull (strstr (run.err, "not valid UTF-8"));
      g_assert_nonnull (strstr (run.err, cases[i].named));
      g_assert_cmpstr (run.out, ==, "");
    }

  {
    g_autofree char *after = library_state (fixture);
    g_auto(CliRun) run = { 0 };

    g_assert_cmpstr (after, ==, before);

    /* Usage messages quote what was typed as text, without its escape sequences. */
    cli_run (&run, fixture->dir, "--library", fixture->library, "ta\xffg\x1b[2J", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (g_utf8_validate (run.err, -1, NULL));
    g_assert_null (strchr (run.err, '\x1b'));
    cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "--x\xff\x1b", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (g_utf8_validate (run.err, -1, NULL));
    g_assert_null (strchr (run.err, '\x1b'));
  }
}

/* A file name is any bytes: it is imported, and shown and titled as text. */
static void
test_file_name_not_utf8 (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *path = g_build_filename (fixture->dir, "caf\xe9_notes.txt", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *document;

  g_assert_true (g_file_set_contents (path, "The quay was rebuilt in 1851.\n", -1, NULL));
  cli_run (&run, fixture->dir, "--library", fixture->library, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_utf8_validate (run.out, -1, NULL));

  cli_run (&run, fixture->dir, "--library", fixture->library, "list", "--json", NULL);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  document = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 1);
  g_assert_cmpstr (json_object_get_string_member (document, "title"), ==, "caf\xef\xbf\xbd notes");
}

static void
test_names_checked (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *long_name = g_strnfill (10000, 'x');
  g_autofree char *before = library_state (fixture);
  g_autofree char *after = NULL;

  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "add", "red\x1b[31m", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "control character"));
  /* The message itself holds no escape sequence. */
  g_assert_null (strchr (run.err, '\x1b'));
  cli_run (&run, fixture->dir, "--library", fixture->library, "theme", "add", "two\nlines", NULL);
  g_assert_cmpint (run.status, ==, 1);
  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "add", long_name, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "at most 100"));
  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "rename", "evidence", long_name, NULL);
  g_assert_cmpint (run.status, ==, 1);
  after = library_state (fixture);
  g_assert_cmpstr (after, ==, before);

  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "add", "  harbour dues \n", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "tag", "describe", "harbour dues",
           "Dues\x07 paid\n\tat the quay", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "tags", NULL);
  g_assert_nonnull (strstr (run.out, "harbour dues\t#"));
  g_assert_nonnull (strstr (run.out, "\tDues paid\n\tat the quay\n"));
}

static void
test_search_messages (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, fixture->dir, "--library", fixture->library, "search", "*", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Nothing to search for"));
  g_assert_null (strstr (run.err, "special query"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "search", "title:port", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "1\tle port\ttitle\n"));
  cli_run (&run, fixture->dir, "--library", fixture->library, "search", "title:lait", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, \
                                    test_library_fixture_tear_down)
  ADD ("/cli-strings/annotate/decomposed-quote-spans-its-characters", test_decomposed_quote);
  ADD ("/cli-strings/arguments/utf8-accepted-in-c-locale", test_utf8_arguments_in_c_locale);
  ADD ("/cli-strings/arguments/invalid-utf8-refused-naming-option", test_invalid_utf8_arguments_refused);
  ADD ("/cli-strings/import/file-name-not-utf8-shown-as-text", test_file_name_not_utf8);
  ADD ("/cli-strings/names/controls-and-length-refused", test_names_checked);
  ADD ("/cli-strings/search/punctuation-and-title-filter", test_search_messages);
#undef ADD

  return g_test_run ();
}
