/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `scholia-cli seminar create|join|sync|status` as a leader and a student use them, on a folder
 * and on a real WebDAV server, the password only ever from SCHOLIA_WEBDAV_PASSWORD. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-runner.h"
#include "scholia-credentials.h"
#include "test-files.h"
#include "webdav-server.h"

static const char essay[] =
  "The mill at Torvik ground oats for the abbey until 1622, when the abbey's rolls fall silent.\n\n"
  "The miller's own book goes on for eleven years more, in a hand that grows careful.\n";

typedef TestLibraryFixture Fixture;

/* scholia-cli with the library @name in the fixture's folder. */
static void
run (CliRun     *run,
     Fixture    *fixture,
     const char *name,
     const char *first_arg,
     ...)
{
  g_autofree char *library = g_build_filename (fixture->dir, name, NULL);
  va_list args;

  va_start (args, first_arg);
  cli_run_valist (run, NULL, fixture->dir, library, first_arg, args);
  va_end (args);
}

static void
make_leader_library (Fixture *fixture)
{
  g_autofree char *path = test_write_file (fixture->dir, "mill.txt", essay);
  g_auto(CliRun) out = { 0 };

  run (&out, fixture, "leader.sqlite3", "import", "--title", "The Torvik Mill", "--author", "Runa Hess", path, NULL);
  g_assert_cmpint (out.status, ==, 0);
}

static JsonObject *
status_json (Fixture    *fixture,
             const char *library,
             JsonParser *parser)
{
  g_auto(CliRun) out = { 0 };
  g_autoptr(GError) error = NULL;
  JsonArray *seminars;

  run (&out, fixture, library, "seminar", "status", "--json", NULL);
  g_assert_cmpstr (out.err, ==, "");
  g_assert_cmpint (out.status, ==, 0);
  json_parser_load_from_data (parser, out.out, -1, &error);
  g_assert_no_error (error);
  seminars = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (seminars), ==, 1);
  return json_array_get_object_element (seminars, 0);
}

static void
leader_and_student (Fixture    *fixture,
                    const char *location,
                    const char *create_option)
{
  g_auto(CliRun) out = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *status;

  make_leader_library (fixture);
  run (&out, fixture, "leader.sqlite3", "seminar", "create", "Mills", create_option, location,
       "--essay", "The Torvik Mill", "--hide-until-posted", "--my-name", "Runa Hess", NULL);
  g_assert_cmpstr (out.err, ==, "");
  g_assert_cmpint (out.status, ==, 0);
  g_assert_nonnull (strstr (out.out, "Created the seminar “Mills”"));

  run (&out, fixture, "student.sqlite3", "seminar", "join", location, "--name", "Sami Lund", NULL);
  g_assert_cmpstr (out.err, ==, "");
  g_assert_cmpint (out.status, ==, 0);
  g_assert_nonnull (strstr (out.out, "Joined the seminar “Mills”: 1 essay"));

  run (&out, fixture, "student.sqlite3", "annotate", "The Torvik Mill", "--quote", "grows careful", "--tag",
       "evidence", "--note", "Fear of the abbey?", NULL);
  g_assert_cmpint (out.status, ==, 0);
  status = status_json (fixture, "student.sqlite3", parser);
  g_assert_cmpint (json_object_get_int_member (status, "pending-uploads"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (status, "role"), ==, "participant");

  run (&out, fixture, "student.sqlite3", "seminar", "sync", NULL);
  g_assert_cmpint (out.status, ==, 0);
  g_assert_nonnull (strstr (out.out, "Mills: 1 of your changes uploaded"));
  status = status_json (fixture, "student.sqlite3", parser);
  g_assert_cmpint (json_object_get_int_member (status, "pending-uploads"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (status, "participants"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (status, "last-sync"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (status, "last-error"), ==, "");

  run (&out, fixture, "leader.sqlite3", "seminar", "sync", "Mills", NULL);
  g_assert_cmpint (out.status, ==, 0);
  g_assert_nonnull (strstr (out.out, "the others’ changes merged: 1"));
  run (&out, fixture, "leader.sqlite3", "annotations", "The Torvik Mill", NULL);
  g_assert_nonnull (strstr (out.out, "Fear of the abbey?"));

  run (&out, fixture, "leader.sqlite3", "seminar", "status", NULL);
  g_assert_cmpint (out.status, ==, 0);
  g_assert_nonnull (strstr (out.out, "Pending uploads:   0"));
  g_assert_nonnull (strstr (out.out, "Participants:      2"));
}

static void
test_folder (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "Mills seminar", NULL);
  g_auto(CliRun) out = { 0 };

  leader_and_student (fixture, folder, "--folder");

  /* A second seminar cannot take the same folder; an unknown seminar is an error. */
  run (&out, fixture, "leader.sqlite3", "seminar", "create", "Again", "--folder", folder, NULL);
  g_assert_cmpint (out.status, ==, 1);
  g_assert_nonnull (strstr (out.err, "is not empty"));
  run (&out, fixture, "leader.sqlite3", "seminar", "sync", "Nonesuch", NULL);
  g_assert_cmpint (out.status, ==, 1);
  g_assert_nonnull (strstr (out.err, "No seminar is called “Nonesuch”"));
}

static void
test_webdav (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(WebdavServer) server = webdav_server_start ();
  g_autofree char *url = webdav_server_dup_location (server, "mills");
  g_auto(CliRun) out = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *status;

  g_setenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE, webdav_server_get_password (server), TRUE);
  leader_and_student (fixture, url, "--url");

  /* No password on the command line. */
  run (&out, fixture, "student.sqlite3", "seminar", "sync", "--password", "secret", NULL);
  g_assert_cmpint (out.status, ==, 2);

  /* An expired password: a plain message, kept in the status, and a failing exit. */
  g_setenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE, "expired", TRUE);
  run (&out, fixture, "student.sqlite3", "seminar", "sync", NULL);
  g_assert_cmpint (out.status, ==, 1);
  g_assert_nonnull (strstr (out.err, "did not accept the user name or password"));
  status = status_json (fixture, "student.sqlite3", parser);
  g_assert_nonnull (strstr (json_object_get_string_member (status, "last-error"), "password"));
  g_unsetenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  test_add_with_library ("/cli-seminar/folder", test_folder);
  test_add_with_library ("/cli-seminar/webdav", test_webdav);

  return g_test_run ();
}
