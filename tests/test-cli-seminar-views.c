/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A seminar by participant from the command line: --participant on annotations, compare,
 * matrix and export, who wrote each annotation, replies, the participants and their agreement
 * on a tag, and what hide-until-posted keeps from a participant who has not annotated yet. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-runner.h"
#include "seminar-views.h"
#include "test-files.h"

typedef struct
{
  char   *dir;
  char   *library;
  gint64  ana_first;     /* annotation ids */
  gint64  almanac_id;    /* document id */
} Fixture;

static void
make_library (Fixture            *fixture,
              ScholiaSeminarRole  role,
              gboolean            hide_until_posted)
{
  ViewsLibrary library = { 0 };

  views_library_open (&library, fixture->library, role, hide_until_posted);
  fixture->ana_first = views_annotation_id (&library, VIEWS_ANA_FIRST);
  fixture->almanac_id = scholia_document_get_id (library.almanac);
  views_library_close (&library);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-cli-seminar-views-XXXXXX");
  fixture->library = g_build_filename (fixture->dir, "library.sqlite3", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->library);
}

static void
run (Fixture    *fixture,
     CliRun     *result,
     const char *first_arg,
     ...)
{
  va_list args;

  va_start (args, first_arg);
  cli_run_valist (result, NULL, fixture->dir, fixture->library, first_arg, args);
  va_end (args);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* The member @name of each object of the JSON array @text, joined by "|". */
static char *
members (const char *text,
         const char *name)
{
  g_autoptr(JsonNode) root = parse_json (text);
  JsonArray *array = json_node_get_array (root);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *member = json_object_get_member (json_array_get_object_element (array, i), name);

      g_string_append_printf (joined, "%s%s", i > 0 ? "|" : "",
                              member == NULL ? "-" :
                              JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING
                              ? json_node_get_string (member) : json_to_string (member, FALSE));
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
test_annotations_by_participant (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_auto(CliRun) result = { 0 };
  g_autofree char *who = NULL;

  make_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, FALSE);
  run (fixture, &result, "annotations", "The Tidewater Accounts", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpint (cli_count_lines (result.out), ==, 3);
  g_assert_nonnull (strstr (result.out, "0–48\t" VIEWS_ANA_NAME "\tevidence [Trade]\t“The customs house"));
  g_assert_nonnull (strstr (result.out, "21–48\t" VIEWS_BRUNO_NAME "\t"));

  run (fixture, &result, "annotations", "The Tidewater Accounts", "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  who = members (result.out, "participant");
  g_assert_cmpstr (who, ==, VIEWS_ANA_NAME "|" VIEWS_BRUNO_NAME "|" VIEWS_ANA_NAME);

  /* Names are matched as names are, whatever their case. */
  run (fixture, &result, "annotations", "The Tidewater Accounts", "--participant", "bruno okafor", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpint (cli_count_lines (result.out), ==, 1);
  g_assert_nonnull (strstr (result.out, "Smugglers' bookkeeping"));

  run (fixture, &result, "annotations", "The Tidewater Accounts", "--participant", "Nadia Quill", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "No participant of a seminar in this library is called “Nadia Quill”"));

  /* Mine, not shared yet, are "me". */
  run (fixture, &result, "annotate", "The Tidewater Accounts", "--quote", "salt and timber", "--tag", "evidence",
       "--theme", "Trade", "--note", "Cover cargo", NULL);
  g_assert_cmpint (result.status, ==, 0);
  run (fixture, &result, "annotations", "The Tidewater Accounts", "--participant", "me", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpint (cli_count_lines (result.out), ==, 1);
  g_assert_nonnull (strstr (result.out, "\t" VIEWS_ME_NAME "\t"));
  g_assert_nonnull (strstr (result.out, "Cover cargo"));
}

/* The notes of compare's JSON passages, in its order. */
static char *
compared_notes (const char *text)
{
  g_autoptr(JsonNode) root = parse_json (text);
  JsonArray *authors = json_node_get_array (root);
  g_autoptr(GString) notes = g_string_new (NULL);

  for (guint a = 0; a < json_array_get_length (authors); a++)
    {
      JsonArray *documents = json_object_get_array_member (json_array_get_object_element (authors, a), "documents");

      for (guint d = 0; d < json_array_get_length (documents); d++)
        {
          JsonArray *passages = json_object_get_array_member (json_array_get_object_element (documents, d), "passages");

          for (guint p = 0; p < json_array_get_length (passages); p++)
            g_string_append_printf (notes, "%s%s", notes->len > 0 ? "|" : "",
                                    json_object_get_string_member (json_array_get_object_element (passages, p), "note"));
        }
    }
  return g_string_free (g_steal_pointer (&notes), FALSE);
}

static void
test_compare_and_matrix_by_participant (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_auto(CliRun) result = { 0 };
  g_autofree char *everyone = NULL;
  g_autofree char *hers = NULL;
  g_autofree char *both = NULL;

  make_library (fixture, SCHOLIA_SEMINAR_LEADER, FALSE);
  run (fixture, &result, "compare", "Trade", "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  everyone = compared_notes (result.out);
  g_assert_cmpstr (everyone, ==, "Two books, two truths|Smugglers' bookkeeping|Peat prices");
  run (fixture, &result, "compare", "Trade", "--participant", VIEWS_ANA_NAME, "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  hers = compared_notes (result.out);
  g_assert_cmpstr (hers, ==, "Two books, two truths|Peat prices");
  run (fixture, &result, "compare", "Trade", "--participant", VIEWS_BRUNO_NAME, "--participant", VIEWS_ANA_NAME,
       "--json", NULL);
  both = compared_notes (result.out);
  g_assert_cmpstr (both, ==, everyone);

  run (fixture, &result, "matrix", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Maren Holt\t2\n"));
  run (fixture, &result, "matrix", "--participant", VIEWS_BRUNO_NAME, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Maren Holt\t1\n"));
  g_assert_nonnull (strstr (result.out, "Idris Vane\t—\n"));
}

static void
test_export_by_participant (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(CliRun) result = { 0 };
  g_autofree char *pdf = g_build_filename (fixture->dir, "bruno.pdf", NULL);
  g_autofree char *text = NULL;
  const char *args[] = { "pdftotext", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  make_library (fixture, SCHOLIA_SEMINAR_LEADER, FALSE);
  run (fixture, &result, "export", "The Tidewater Accounts", "--format", "pdf", "-o", pdf,
       "--participant", VIEWS_BRUNO_NAME, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text,
                NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Smugglers"));
  g_assert_nonnull (strstr (text, "By: " VIEWS_BRUNO_NAME));
  g_assert_null (strstr (text, "Two books"));
}

static void
test_reply_and_replies (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(CliRun) result = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *bodies = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *essay = g_build_filename (fixture->dir, "plain.txt", NULL);

  make_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, FALSE);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->ana_first);
  run (fixture, &result, "replies", id, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "\t" VIEWS_BRUNO_NAME " (unread)\tWere both ledgers in the same hand?\n"));

  run (fixture, &result, "reply", id, "--note", "Yes: the same clerk, a year apart.", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "“" VIEWS_SEMINAR "”"));
  run (fixture, &result, "replies", id, "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  bodies = members (result.out, "body");
  g_assert_cmpstr (bodies, ==, "Were both ledgers in the same hand?|Yes: the same clerk, a year apart.");
  mine = members (result.out, "me");
  g_assert_cmpstr (mine, ==, "false|true");

  run (fixture, &result, "reply", id, NULL);
  g_assert_cmpint (result.status, ==, 2);

  /* An annotation outside any seminar has no discussion. */
  g_assert_true (g_file_set_contents (essay, "A plain essay, in no seminar at all.\n", -1, NULL));
  run (fixture, &result, "import", "--title", "Plain", essay, NULL);
  g_assert_cmpint (result.status, ==, 0);
  run (fixture, &result, "annotate", "Plain", "--quote", "plain essay", "--tag", "evidence", NULL);
  g_assert_cmpint (result.status, ==, 0);
  run (fixture, &result, "annotations", "Plain", "--json", NULL);
  {
    g_autofree char *ids = members (result.out, "id");
    g_autofree char *who = members (result.out, "participant");

    g_assert_cmpstr (who, ==, "-");
    run (fixture, &result, "reply", ids, "--note", "Anyone?", NULL);
  }
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "is not on an essay of a seminar"));
}

static void
test_participants (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(CliRun) result = { 0 };
  g_autofree char *names = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *me = NULL;
  g_autofree char *leader = NULL;
  g_autofree char *colours = NULL;

  make_library (fixture, SCHOLIA_SEMINAR_LEADER, FALSE);
  run (fixture, &result, "seminar", "participants", VIEWS_SEMINAR, "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  names = members (result.out, "name");
  g_assert_cmpstr (names, ==, VIEWS_ANA_NAME "|" VIEWS_BRUNO_NAME "|" VIEWS_ME_NAME);
  counts = members (result.out, "annotations");
  g_assert_cmpstr (counts, ==, "3|1|0");
  me = members (result.out, "me");
  g_assert_cmpstr (me, ==, "false|false|true");
  leader = members (result.out, "leader");
  g_assert_cmpstr (leader, ==, "false|false|true");
  colours = members (result.out, "colour");
  g_assert_true (g_regex_match_simple ("^#[0-9a-f]{6}\\|#[0-9a-f]{6}\\|#[0-9a-f]{6}$", colours, G_REGEX_CASELESS, 0));

  run (fixture, &result, "seminar", "participants", VIEWS_SEMINAR, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, VIEWS_ANA_NAME "\t#"));
  g_assert_nonnull (strstr (result.out, "\t3 annotations\n"));
  g_assert_nonnull (strstr (result.out, "\t1 annotation\n"));
  g_assert_nonnull (strstr (result.out, "\t0 annotations\t(me, leader)\n"));

  run (fixture, &result, "seminar", "participants", "No Such Seminar", NULL);
  g_assert_cmpint (result.status, ==, 1);
  run (fixture, &result, "seminar", "rename", VIEWS_SEMINAR, NULL);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "seminar participants NAME"));
}

static void
test_agreement (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(CliRun) result = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report;
  JsonArray *participants;
  JsonObject *ana, *bruno;

  make_library (fixture, SCHOLIA_SEMINAR_LEADER, FALSE);
  run (fixture, &result, "seminar", "agreement", VIEWS_SEMINAR, "The Tidewater Accounts", "--tag", "evidence",
       "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  root = parse_json (result.out);
  report = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (report, "alpha_status"), ==, "defined");
  g_assert_cmpfloat (json_object_get_double_member (report, "alpha"), <, 1);
  g_assert_cmpfloat (json_object_get_double_member (report, "alpha"), >, -1);
  participants = json_object_get_array_member (report, "participants");
  g_assert_cmpuint (json_array_get_length (participants), ==, 2);
  ana = json_array_get_object_element (participants, 0);
  bruno = json_array_get_object_element (participants, 1);
  /* The majority (both) marked 21–48: all of Bruno's span, 27 of Ana's 48 + 25 characters. */
  g_assert_cmpstr (json_object_get_string_member (ana, "name"), ==, VIEWS_ANA_NAME);
  g_assert_cmpint (json_object_get_int_member (ana, "marked"), ==, 73);
  g_assert_cmpint (json_object_get_int_member (ana, "marked_with_majority"), ==, 27);
  g_assert_cmpint (json_object_get_int_member (ana, "majority_only"), ==, 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ana, "agreement"), 27.0 / 73.0, 1e-9);
  g_assert_cmpint (json_object_get_int_member (bruno, "marked"), ==, 27);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (bruno, "agreement"), 1.0, 1e-9);

  run (fixture, &result, "seminar", "agreement", VIEWS_SEMINAR, "The Tidewater Accounts", "--tag", "evidence", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Krippendorff’s α: "));
  g_assert_nonnull (strstr (result.out, VIEWS_BRUNO_NAME "\t100% with the majority"));

  /* One reader alone: nobody to agree with, said in words. */
  run (fixture, &result, "seminar", "agreement", VIEWS_SEMINAR, "A Winter Almanac", "--tag", "evidence", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Krippendorff’s α cannot be computed: "));
  run (fixture, &result, "seminar", "agreement", VIEWS_SEMINAR, "A Winter Almanac", "--tag", "evidence", "--json",
       NULL);
  g_assert_nonnull (strstr (result.out, "\"alpha\" : null"));
  g_assert_nonnull (strstr (result.out, "\"alpha_status\" : \"too-few-participants\""));

  run (fixture, &result, "seminar", "agreement", VIEWS_SEMINAR, "The Tidewater Accounts", NULL);
  g_assert_cmpint (result.status, ==, 2);
}

/* A participant who has not annotated an essay sees nothing of the others' there, in every
 * command; once they have, everything. */
static void
test_hidden_until_posted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(CliRun) result = { 0 };
  g_autofree char *id = NULL;

  make_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, TRUE);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->ana_first);
  run (fixture, &result, "annotations", "The Tidewater Accounts", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "");
  run (fixture, &result, "replies", id, NULL);
  g_assert_cmpint (result.status, ==, 1);
  run (fixture, &result, "compare", "Trade", NULL);
  g_assert_cmpstr (result.out, ==, "");
  run (fixture, &result, "seminar", "participants", VIEWS_SEMINAR, "--json", NULL);
  {
    g_autofree char *counts = members (result.out, "annotations");

    g_assert_cmpstr (counts, ==, "0|0|0");
  }

  run (fixture, &result, "annotate", "The Tidewater Accounts", "--quote", "salt and timber", "--tag", "evidence",
       NULL);
  g_assert_cmpint (result.status, ==, 0);
  run (fixture, &result, "annotations", "The Tidewater Accounts", NULL);
  g_assert_cmpint (cli_count_lines (result.out), ==, 4);
  run (fixture, &result, "replies", id, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Were both ledgers in the same hand?"));
  /* The almanac still hides Ana's. */
  run (fixture, &result, "compare", "Trade", "--json", NULL);
  {
    g_autofree char *notes = compared_notes (result.out);

    g_assert_cmpstr (notes, ==, "Two books, two truths|Smugglers' bookkeeping");
  }
}

static void
test_leader_sees_all (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(CliRun) result = { 0 };

  make_library (fixture, SCHOLIA_SEMINAR_LEADER, TRUE);
  run (fixture, &result, "annotations", "A Winter Almanac", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpint (cli_count_lines (result.out), ==, 1);
  g_assert_nonnull (strstr (result.out, "Peat prices"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-seminar-views/annotations", test_annotations_by_participant);
  ADD ("/cli-seminar-views/compare-and-matrix", test_compare_and_matrix_by_participant);
  ADD ("/cli-seminar-views/export", test_export_by_participant);
  ADD ("/cli-seminar-views/reply", test_reply_and_replies);
  ADD ("/cli-seminar-views/participants", test_participants);
  ADD ("/cli-seminar-views/agreement", test_agreement);
  ADD ("/cli-seminar-views/hidden-until-posted", test_hidden_until_posted);
  ADD ("/cli-seminar-views/leader-sees-all", test_leader_sees_all);
#undef ADD

  return g_test_run ();
}
