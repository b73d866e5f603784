/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The seminar's rules from the command line: the leader marked in `seminar participants` for a
 * seminar on WebDAV (a real Apache), a tag the seminar does not allow refused by `annotate` and
 * left off by `seminar sync`, and `tags` and `info` counting only what hide-until-posted shows. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-runner.h"
#include "scholia-credentials.h"
#include "scholia-seminar-log.h"
#include "seminar-records.h"
#include "seminar-views.h"
#include "test-files.h"
#include "webdav-server.h"

typedef TestLibraryFixture Fixture;

/* Runs scholia-cli on @library; with @must_succeed, fails the test when it does not. */
static void
run (Fixture    *fixture,
     CliRun     *result,
     const char *library,
     gboolean    must_succeed,
     const char *first_arg,
     ...)
{
  va_list args;

  va_start (args, first_arg);
  cli_run_valist (result, NULL, fixture->dir, library, first_arg, args);
  va_end (args);
  if (must_succeed && result->status != 0)
    g_printerr ("%s%s", result->out, result->err);
  g_assert_true (!must_succeed || result->status == 0);
}

/* The "annotations" of the tag @name in `tags --json`. */
static gint64
tag_uses (const char *json,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (json, &error);
  JsonArray *tags;

  g_assert_no_error (error);
  tags = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonObject *tag = json_array_get_object_element (tags, i);

      if (g_str_equal (json_object_get_string_member (tag, "name"), name))
        return json_object_get_int_member (tag, "annotations");
    }
  g_assert_not_reached ();
}

static void
assert_counts (Fixture    *fixture,
               const char *library,
               gint64      evidence,
               guint       annotations)
{
  g_auto(CliRun) tags = { 0 };
  g_auto(CliRun) info = { 0 };
  g_autofree char *line = g_strdup_printf ("%-16s %u\n", "Annotations:", annotations);

  run (fixture, &tags, library, TRUE, "tags", "--json", NULL);
  g_assert_cmpint (tag_uses (tags.out, "evidence"), ==, evidence);
  run (fixture, &info, library, TRUE, "info", NULL);
  g_assert_nonnull (strstr (info.out, line));
}

/* Ana and Bruno marked four passages "evidence" (three on the Tidewater essay, one on the
 * almanac); I have annotated neither essay yet. */
static void
test_counts_honour_hide_until_posted (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *leader = g_build_filename (fixture->dir, "leader.sqlite3", NULL);
  ViewsLibrary library = { 0 };
  g_auto(CliRun) annotated = { 0 };

  views_library_open (&library, fixture->library, SCHOLIA_SEMINAR_PARTICIPANT, TRUE);
  views_library_close (&library);
  assert_counts (fixture, fixture->library, 0, 0);

  /* Once I post on the Tidewater essay, its annotations count; the almanac's still do not. */
  run (fixture, &annotated, fixture->library, TRUE, "annotate", "The Tidewater Accounts", "--quote", "two ledgers",
       "--tag", "evidence", NULL);
  assert_counts (fixture, fixture->library, 4, 4);

  /* The leader sees everything. */
  views_library_open (&library, leader, SCHOLIA_SEMINAR_LEADER, TRUE);
  views_library_close (&library);
  assert_counts (fixture, leader, 4, 4);
}

static const char broadsheet[] =
  "The broadsheet sold at Carrow fair claimed that the potatoes rotted where a comet's tail had "
  "passed. A curate answered it in a letter that nobody printed.";

#define STRANGER      "5a5a5a5a-0000-4000-8000-00000000005a"
#define STRANGER_NOTE "5a5a5a5a-0001-4000-8000-000000000001"

/* The leader makes a seminar on WebDAV (participants may not add tags); a student joins. */
static void
test_leader_and_tags_over_webdav (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(WebdavServer) server = webdav_server_start ();
  g_autofree char *location = webdav_server_dup_location (server, "famine");
  g_autofree char *leader_library = g_build_filename (fixture->dir, "leader.sqlite3", NULL);
  g_autofree char *essay_path = test_write_file (fixture->dir, "broadsheet.txt", broadsheet);
  g_autofree char *essay_uuid = NULL;
  g_autofree char *line = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *log_text = NULL;
  g_autoptr(ScholiaLogRecord) record = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) imported = { 0 };
  g_auto(CliRun) created = { 0 };
  g_auto(CliRun) joined = { 0 };
  g_auto(CliRun) participants = { 0 };
  g_auto(CliRun) added = { 0 };
  g_auto(CliRun) refused = { 0 };
  g_auto(CliRun) allowed = { 0 };
  g_auto(CliRun) assigned = { 0 };
  g_autofree char *id = NULL;
  g_auto(CliRun) synced = { 0 };
  g_auto(CliRun) listed = { 0 };
  JsonArray *people;
  gboolean leader_seen = FALSE;

  g_setenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE, webdav_server_get_password (server), TRUE);
  run (fixture, &imported, leader_library, TRUE, "import", essay_path, NULL);
  run (fixture, &created, leader_library, TRUE, "seminar", "create", "Famine 1840s", "--url", location, "--essay",
       "broadsheet", "--my-name", "Lena Vogt", NULL);
  run (fixture, &joined, fixture->library, TRUE, "seminar", "join", location, "--name", "Eli Marsh", NULL);

  /* The leader has not annotated yet: seminar.json alone says who leads. */
  run (fixture, &participants, fixture->library, TRUE, "seminar", "participants", "Famine 1840s", "--json", NULL);
  root = json_from_string (participants.out, &error);
  g_assert_no_error (error);
  people = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      JsonObject *person = json_array_get_object_element (people, i);
      gboolean leader = json_object_get_boolean_member (person, "leader");

      g_assert_cmpint (leader, ==, g_str_equal (json_object_get_string_member (person, "name"), "Lena Vogt"));
      leader_seen |= leader;
    }
  g_assert_true (leader_seen);
  cli_run_clear (&participants);
  run (fixture, &participants, fixture->library, TRUE, "seminar", "participants", "Famine 1840s", NULL);
  g_assert_nonnull (strstr (participants.out, "(leader)"));

  /* A tag of my own is mine to make, not to put on the seminar's essay. */
  run (fixture, &added, fixture->library, TRUE, "tag", "add", "rumour", NULL);
  run (fixture, &refused, fixture->library, FALSE, "annotate", "broadsheet", "--quote", "comet's tail", "--tag", "rumour",
       NULL);
  g_assert_cmpint (refused.status, !=, 0);
  g_assert_nonnull (strstr (refused.err, "The seminar “Famine 1840s” does not let participants add tags: “rumour” "
                                         "is not one of its tags"));
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM annotations"), ==, 0);
  /* Nor later, on an annotation with the seminar's tag. */
  run (fixture, &allowed, fixture->library, TRUE, "annotate", "broadsheet", "--quote", "comet's tail", "--tag",
       "evidence", NULL);
  id = g_strndup (allowed.out, strcspn (allowed.out, "\t"));
  run (fixture, &assigned, fixture->library, FALSE, "tag", "assign", id, "rumour", NULL);
  g_assert_cmpint (assigned.status, !=, 0);
  g_assert_nonnull (strstr (assigned.err, "“rumour” is not one of its tags"));
  g_assert_cmpint (test_sql_int (fixture->library, "SELECT count(*) FROM annotation_tags"), ==, 1);

  /* Another client's log carries it all the same: the sync keeps the annotation without it. */
  essay_uuid = test_sql_text (fixture->library, "SELECT uuid FROM documents");
  record = record_put (STRANGER, STRANGER_NOTE, 1000, essay_uuid, broadsheet, 0, 14, "", "evidence,rumour", "");
  record->author_name = g_strdup ("Ossian Reeve");
  record->line = 1;
  line = scholia_log_record_to_line (record);
  log_text = g_strconcat (line, "\n", NULL);
  log_path = g_build_filename (webdav_server_get_root (server), "famine", "logs", STRANGER ".jsonl", NULL);
  g_file_set_contents (log_path, log_text, -1, &error);
  g_assert_no_error (error);
  run (fixture, &synced, fixture->library, TRUE, "seminar", "sync", "Famine 1840s", NULL);
  g_assert_nonnull (strstr (synced.out, "Line 1 of Ossian Reeve’s log puts the tag “rumour”"));
  run (fixture, &listed, fixture->library, TRUE, "annotations", "broadsheet", NULL);
  g_assert_nonnull (strstr (listed.out, "evidence"));
  g_assert_null (strstr (listed.out, "rumour"));
  g_unsetenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add_with_library ("/cli-seminar-rules/counts/honour-hide-until-posted", test_counts_honour_hide_until_posted);
  test_add_with_library ("/cli-seminar-rules/leader-and-tags-over-webdav", test_leader_and_tags_over_webdav);

  return g_test_run ();
}
