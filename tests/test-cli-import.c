/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scholia-cli import and import-annotations against damaged and unusual files, and beside
 * another writer (issue 10). */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "cli-runner.h"
#include "repro.h"
#include "scholia-store.h"
#include "test-files.h"

typedef struct
{
  char *dir;
  char *library;
  char *good;
  char *good2;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-cli-import-XXXXXX");
  fixture->library = g_build_filename (fixture->dir, "x.sqlite3", NULL);
  fixture->good = test_write_file (fixture->dir, "good.txt", "Harbour Dues\n\nThe dues rose in 1843.\n");
  fixture->good2 = test_write_file (fixture->dir, "good2.txt", "Timber\n\nThe barges carried timber.\n");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->library);
  g_free (fixture->good);
  g_free (fixture->good2);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

/* good.txt, @bad, good2.txt: the good files are imported and committed, the bad one named. */
static void
assert_bad_file_between_good_ones (Fixture    *fixture,
                                   const char *bad,
                                   const char *reason)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *basename = g_path_get_basename (bad);

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", fixture->good, bad,
           fixture->good2, NULL);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "1\tHarbour Dues\n2\tTimber\n");
  g_assert_cmpint (cli_count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, basename));
  g_assert_nonnull (strstr (run.err, reason));

  cli_run (&run, fixture->dir, "--library", fixture->library, "show", "--text", "Timber", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Timber\n\nThe barges carried timber.\n");
}

static void
test_empty_document_xml (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *bad = repro_copy ("empty-document-xml.docx", fixture->dir);

  assert_bad_file_between_good_ones (fixture, bad, "its part “word/document.xml” is empty");
}

static void
test_empty_content_xml (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *bad = repro_copy ("empty-content-xml.odt", fixture->dir);

  assert_bad_file_between_good_ones (fixture, bad, "its part “content.xml” is empty");
}

/* An empty metadata part costs only the metadata: the text is imported. */
static void
test_empty_metadata_parts (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *core = repro_copy ("empty-core-xml.docx", fixture->dir);
  g_autofree char *meta = repro_copy ("empty-meta-xml.odt", fixture->dir);
  g_autofree char *mimetype = repro_copy ("empty-mimetype.odt", fixture->dir);

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", fixture->good, core,
           meta, mimetype, fixture->good2, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "1\tHarbour Dues\n2\tempty-core-xml\n3\tempty-meta-xml\n4\tempty-mimetype\n"
                   "5\tTimber\n");

  cli_run (&run, fixture->dir, "--library", fixture->library, "show", "--text", "2", NULL);
  g_assert_cmpstr (run.out, ==, "Hello essay\n");
  cli_run (&run, fixture->dir, "--library", fixture->library, "show", "--text", "4", NULL);
  g_assert_cmpstr (run.out, ==, "Hello\n");
}

/* A pipe and devices are refused at once, before anything is read (a pipe without a writer
 * would block for ever). */
static void
test_not_regular_files (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *fifo = g_build_filename (fixture->dir, "pipe.txt", NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "import", fixture->good, fifo,
           "/dev/zero", "/dev/urandom", fixture->good2, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "1\tHarbour Dues\n2\tTimber\n");
  lines = g_strsplit (run.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_nonnull (strstr (lines[0], "pipe.txt"));
  g_assert_nonnull (strstr (lines[1], "/dev/zero"));
  g_assert_nonnull (strstr (lines[2], "/dev/urandom"));
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (strstr (lines[i], "not a regular file"));
}

/* &#27; in a title: `list` prints no escape sequence. */
static void
test_title_without_escape (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *html = repro_copy ("html-escape-title.html", fixture->dir);

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", html, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "1\tEvil [2J]0;pwned title\n");

  cli_run (&run, fixture->dir, "--library", fixture->library, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strchr (run.out, '\033'));
  g_assert_null (strchr (run.out, '\a'));
  g_assert_nonnull (strstr (run.out, "Evil [2J]0;pwned title"));
}

/* STX and ETX in a text no longer break the search's match markers: the snippet holds no
 * control character, its match is the word, and the offset points at the word in the text. */
static void
test_search_after_control_characters (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *path = repro_copy ("text-stx-etx.txt", fixture->dir);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonObject *result;
  JsonArray *match;
  const char *snippet;
  const char *at;
  gint64 offset;

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, fixture->dir, "--library", fixture->library, "show", "--text", "1", NULL);
  text = g_strdup (run.out);
  g_assert_null (strchr (text, '\002'));
  g_assert_null (strchr (text, '\003'));

  cli_run (&run, fixture->dir, "--library", fixture->library, "search", "harbour", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  result = json_array_get_object_element (json_node_get_array (root), 0);
  snippet = json_object_get_string_member (result, "snippet");
  g_assert_null (strchr (snippet, '\002'));
  g_assert_null (strchr (snippet, '\003'));

  match = json_array_get_array_element (json_object_get_array_member (result, "matches"), 0);
  at = g_utf8_offset_to_pointer (snippet, json_array_get_int_element (match, 0));
  g_assert_cmpint (json_array_get_int_element (match, 1) - json_array_get_int_element (match, 0),
                   ==, strlen ("harbour"));
  g_assert_true (g_str_has_prefix (at, "harbour"));

  offset = json_object_get_int_member (result, "offset");
  g_assert_cmpint (offset, ==, strlen ("Intro line about ports.\n\nThe "));
  g_assert_true (g_str_has_prefix (g_utf8_offset_to_pointer (text, offset), "harbour of Varnholm"));
}

/* Another writer during an import */

/* Runs scholia-cli with SCHOLIA_TEST_READ_GATE: it stops before reading its file until the test
 * has opened the gate (a pipe) and closed it again. */
static GSubprocess *
spawn_cli_at_gate (Fixture    *fixture,
                   const char *gate,
                   const char *command,
                   const char *path,
                   const char *option)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "SCHOLIA_TEST_READ_GATE", gate, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, SCHOLIA_CLI_PATH, "--library",
                                         fixture->library, command, path, option, NULL);
  g_assert_no_error (error);
  return process;
}

/* While the CLI is reading its file, this process writes to the library through its own
 * connection: it must not wait for the CLI, let alone fail with "database is locked". Returns
 * what the CLI printed once the gate is closed. */
static char *
annotate_while_cli_reads (Fixture    *fixture,
                          const char *command,
                          const char *path,
                          const char *option)
{
  g_autofree char *gate = g_build_filename (fixture->dir, "gate", NULL);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  ScholiaDocument *document;
  int fd;

  store = scholia_store_open (fixture->library, &error);
  g_assert_no_error (error);
  document = scholia_store_lookup_document (store, 1);
  g_assert_nonnull (document);

  g_assert_cmpint (mkfifo (gate, 0600), ==, 0);
  process = spawn_cli_at_gate (fixture, gate, command, path, option);

  /* Returns once the CLI has opened the gate, that is, while it is reading. */
  fd = open (gate, O_WRONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  annotation = scholia_store_add_annotation (store, document, 4, 8, NULL, 0, NULL, 0,
                                             "Written during the import", &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  close (fd);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return g_steal_pointer (&out);
}

static void
test_import_leaves_library_writable (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *out = NULL;

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", fixture->good, NULL);
  g_assert_cmpint (run.status, ==, 0);

  out = annotate_while_cli_reads (fixture, "import", fixture->good2, NULL);
  g_assert_cmpstr (out, ==, "2\tTimber\n");

  cli_run (&run, fixture->dir, "--library", fixture->library, "annotations", "1", NULL);
  g_assert_nonnull (strstr (run.out, "Written during the import"));
}

static void
test_import_annotations_leaves_library_writable (Fixture       *fixture,
                                                 gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *json = test_write_file (fixture->dir, "notes.json",
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"Annotation\","
    " \"id\": \"urn:uuid:6f1c1b7e-9a64-4c49-9d5c-0b1f3c2a7e11\","
    " \"body\": {\"type\": \"TextualBody\", \"purpose\": \"commenting\", \"value\": \"Imported\"},"
    " \"target\": {\"source\": \"urn:x-test:elsewhere\", \"selector\":"
    " {\"type\": \"TextQuoteSelector\", \"exact\": \"dues rose\"}}}");

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", fixture->good, NULL);
  g_assert_cmpint (run.status, ==, 0);

  out = annotate_while_cli_reads (fixture, "import-annotations", json, "--document=1");
  g_assert_nonnull (strstr (out, "Imported 1 annotation"));

  cli_run (&run, fixture->dir, "--library", fixture->library, "annotations", "1", NULL);
  g_assert_nonnull (strstr (run.out, "Written during the import"));
  g_assert_nonnull (strstr (run.out, "Imported"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-import/empty-document-xml-between-good-files", test_empty_document_xml);
  ADD ("/cli-import/empty-content-xml-between-good-files", test_empty_content_xml);
  ADD ("/cli-import/empty-metadata-parts-keep-text", test_empty_metadata_parts);
  ADD ("/cli-import/fifo-and-devices-not-regular-files", test_not_regular_files);
  ADD ("/cli-import/controls/title-without-escape", test_title_without_escape);
  ADD ("/cli-import/controls/search-snippet-offsets", test_search_after_control_characters);
  ADD ("/cli-import/concurrency/import-leaves-library-writable",
       test_import_leaves_library_writable);
  ADD ("/cli-import/concurrency/import-annotations-leaves-library-writable",
       test_import_annotations_leaves_library_writable);
#undef ADD

  return g_test_run ();
}
