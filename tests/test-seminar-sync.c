/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Seminars synced end to end, on a real Apache with mod_dav and on a plain folder: a leader and
 * two students in three libraries annotate offline and sync in any order and end with the same
 * rows; edits, deletions, replies, the leader's tags and themes and options propagate; damaged
 * and forged logs, clock skew, a server going down mid-sync, wrong passwords, locks, refused
 * and full folders, and a log changed underneath lose nothing and say what happened. */

#include "config.h"

#include <string.h>

#include "counting-transport.h"
#include "scholia-credentials.h"
#include "scholia-error.h"
#include "scholia-seminar-sync-private.h"
#include "scholia-tag.h"
#include "scholia-theme.h"
#include "seminar-records.h"
#include "test-files.h"
#include "webdav-server.h"

enum { LEADER, ANA, BRUNO, N_LIBRARIES };

static const char *names[N_LIBRARIES] = { "Lena Vogt", "Ana Ferreira", "Bruno Lind" };

static const char essay_one[] =
  "The toll books of Ardmere list salt, wool and pepper until the winter of 1407. After that "
  "the clerk writes only salt. Older accounts speak of a plague; the toll books speak of a road "
  "that the river took.";
static const char essay_two[] =
  "Hedda Sorn ran the ferry at Kells for thirty years. Her letters to the bishop ask for a new "
  "rope every spring and are answered every autumn, when the river is low and the rope no longer "
  "matters.";

typedef struct
{
  WebdavServer   *server;                   /* NULL on a folder */
  char           *dir;                      /* libraries, and the folder seminar */
  char           *location;                 /* the seminar's */
  char           *root;                     /* the seminar's folder on disk */
  char           *essays[2];                /* uuids */
  ScholiaStore   *stores[N_LIBRARIES];
  ScholiaSeminar *seminars[N_LIBRARIES];
} Fixture;

static void
set_up_common (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "leader.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  ScholiaDocument *one;
  ScholiaDocument *two;

  fixture->stores[LEADER] = scholia_store_open (path, &error);
  g_assert_no_error (error);
  one = scholia_store_add_document (fixture->stores[LEADER], "The Ardmere Toll Books", "Oda Brenner", "2011", "",
                                    essay_one, NULL, &error);
  g_assert_no_error (error);
  two = scholia_store_add_document (fixture->stores[LEADER], "The Ferry at Kells", "Piet Amsel", "1996", "",
                                    essay_two, NULL, &error);
  g_assert_no_error (error);
  fixture->essays[0] = g_strdup (scholia_document_get_uuid (one));
  fixture->essays[1] = g_strdup (scholia_document_get_uuid (two));
  scholia_store_add_label (fixture->stores[LEADER], SCHOLIA_TYPE_THEME, "Rivers", "#3080c0", "Water as a cause",
                           &error);
  g_assert_no_error (error);
  /* Its own tag, which the students do not have until they join. */
  scholia_store_add_label (fixture->stores[LEADER], SCHOLIA_TYPE_TAG, "silence", "#505050",
                           "What a source stops saying", &error);
  g_assert_no_error (error);
}

static void
fixture_set_up_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-seminar-sync-XXXXXX");
  fixture->location = g_build_filename (fixture->dir, "seminar", NULL);
  fixture->root = g_strdup (fixture->location);
  set_up_common (fixture);
}

static void
fixture_set_up_webdav (Fixture       *fixture,
                       gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-seminar-sync-XXXXXX");
  fixture->server = webdav_server_start ();
  g_setenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE, webdav_server_get_password (fixture->server), TRUE);
  fixture->location = webdav_server_dup_location (fixture->server, "reading");
  fixture->root = g_build_filename (webdav_server_get_root (fixture->server), "reading", NULL);
  set_up_common (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < N_LIBRARIES; i++)
    {
      g_clear_pointer (&fixture->seminars[i], scholia_seminar_free);
      g_clear_object (&fixture->stores[i]);
    }
  g_clear_pointer (&fixture->server, webdav_server_free);
  g_unsetenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->location);
  g_free (fixture->root);
  g_free (fixture->essays[0]);
  g_free (fixture->essays[1]);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static ScholiaSeminar *
create_seminar (Fixture     *fixture,
                const char  *location,
                gboolean     participants_add_tags,
                gboolean     hide_until_posted,
                GError     **error)
{
  ScholiaStore *store = fixture->stores[LEADER];
  gint64 ids[2] = {
    scholia_document_get_id (scholia_store_find_document (store, fixture->essays[0], NULL)),
    scholia_document_get_id (scholia_store_find_document (store, fixture->essays[1], NULL)),
  };
  g_autoptr(GAsyncResult) result = NULL;

  scholia_seminar_create_async (store, "Rivers and Roads", location, ids, 2, "Tag every cause the author names.",
                                participants_add_tags, hide_until_posted, names[LEADER], NULL, store_result_cb,
                                &result);
  return scholia_seminar_create_finish (store, wait_for (&result), error);
}

static void
join (Fixture *fixture,
      guint    who)
{
  g_autofree char *file = g_strdup_printf ("%s.sqlite3", names[who]);
  g_autofree char *path = g_build_filename (fixture->dir, file, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->stores[who] = scholia_store_open (path, &error);
  g_assert_no_error (error);
  scholia_seminar_join_async (fixture->stores[who], fixture->location, names[who], NULL, store_result_cb, &result);
  fixture->seminars[who] = scholia_seminar_join_finish (fixture->stores[who], wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->seminars[who]->last_error, ==, "");
}

/* The leader makes the seminar (others' annotations hidden until one has posted); both
 * students join. */
static void
start_seminar (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->seminars[LEADER] = create_seminar (fixture, fixture->location, FALSE, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->seminars[LEADER]->last_error, ==, "");
  join (fixture, ANA);
  join (fixture, BRUNO);
}

static ScholiaSeminarSync *
run_sync (Fixture           *fixture,
          guint              who,
          ScholiaTransport  *transport,
          GError           **error)
{
  ScholiaSeminarSync *sync = scholia_seminar_sync_new (fixture->stores[who], fixture->seminars[who]);

  scholia_seminar_sync_set_transport (sync, transport);
  scholia_seminar_sync_run (sync, NULL, error);
  return sync;
}

static ScholiaSeminarSync *
sync_ok (Fixture *fixture,
         guint    who)
{
  g_autoptr(GError) error = NULL;
  ScholiaSeminarSync *sync = run_sync (fixture, who, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (scholia_seminar_sync_get_fraction (sync), ==, 1.0);
  return sync;
}

static void
sync_in_order (Fixture     *fixture,
               const guint *order,
               guint        n)
{
  for (guint i = 0; i < n; i++)
    g_object_unref (sync_ok (fixture, order[i]));
}

static ScholiaDocument *
essay (Fixture *fixture,
       guint    who,
       guint    which)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_find_document (fixture->stores[who], fixture->essays[which], &error);

  g_assert_no_error (error);
  return document;
}

static gint64
label_id (ScholiaStore *store,
          GType         type,
          const char   *name)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *label = scholia_store_find_label (store, type, name, &error);

  g_assert_no_error (error);
  return scholia_label_get_id (label);
}

static ScholiaAnnotation *
annotate (Fixture    *fixture,
          guint       who,
          guint       which,
          int         start,
          int         end,
          const char *tag,
          const char *theme,
          const char *note)
{
  ScholiaStore *store = fixture->stores[who];
  gint64 tag_id = label_id (store, SCHOLIA_TYPE_TAG, tag);
  gint64 theme_id = theme != NULL ? label_id (store, SCHOLIA_TYPE_THEME, theme) : 0;
  g_autoptr(GError) error = NULL;
  ScholiaAnnotation *annotation;

  annotation = scholia_store_add_annotation (store, essay (fixture, who, which), start, end, &tag_id, 1,
                                             &theme_id, theme != NULL ? 1 : 0, note, &error);
  g_assert_no_error (error);
  return annotation;
}

static guint
pending (Fixture *fixture,
         guint    who)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  scholia_seminar_count_pending (fixture->stores[who], fixture->seminars[who], &n, &error);
  g_assert_no_error (error);
  return n;
}

/* What a user could see of the seminar, in an order that does not depend on ids. */
static char *
dump (ScholiaStore *store)
{
  static const char *queries[] = {
    "SELECT group_concat(x, '|') FROM (SELECT a.uuid || ' ' || d.uuid || ' ' || a.start_offset || '-' ||"
    " a.end_offset || ' ' || scholia_passage(0, a.quote, a.document_id, a.start_offset, a.end_offset) || ' ' || a.note || ' ' || ifnull(p.uuid, '-') AS x"
    " FROM annotations a JOIN documents d ON d.id = a.document_id"
    " LEFT JOIN participants p ON p.id = a.participant_id ORDER BY a.uuid)",
    "SELECT group_concat(x, '|') FROM (SELECT a.uuid || ' ' || t.name || ' ' || t.colour || ' ' || l.position AS x"
    " FROM annotation_tags l JOIN annotations a ON a.id = l.annotation_id JOIN tags t ON t.id = l.tag_id"
    " ORDER BY a.uuid, l.position)",
    "SELECT group_concat(x, '|') FROM (SELECT a.uuid || ' ' || t.name || ' ' || l.position AS x"
    " FROM annotation_themes l JOIN annotations a ON a.id = l.annotation_id JOIN themes t ON t.id = l.theme_id"
    " ORDER BY a.uuid, l.position)",
    "SELECT group_concat(x, '|') FROM (SELECT r.uuid || ' ' || r.annotation_uuid || ' ' || p.uuid || ' ' ||"
    " r.body AS x FROM replies r JOIN participants p ON p.id = r.participant_id ORDER BY r.uuid)",
    "SELECT group_concat(x, '|') FROM (SELECT name || ' ' || colour || ' ' || description AS x FROM tags"
    " ORDER BY name)",
    "SELECT group_concat(x, '|') FROM (SELECT name || ' ' || colour AS x FROM themes ORDER BY name)",
    "SELECT group_concat(x, '|') FROM (SELECT uuid || ' ' || title || ' ' || checksum AS x FROM documents"
    " ORDER BY uuid)",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = test_sql_text (scholia_store_get_path (store), queries[i]);

      g_string_append_printf (text, "%s\n", rows != NULL ? rows : "");
    }
  return g_string_free (text, FALSE);
}

static gint64
count (ScholiaStore *store,
       const char   *sql)
{
  return test_sql_int (scholia_store_get_path (store), sql);
}

static void
assert_all_alike (Fixture *fixture)
{
  g_autofree char *leader = dump (fixture->stores[LEADER]);

  for (guint who = ANA; who < N_LIBRARIES; who++)
    {
      g_autofree char *rows = dump (fixture->stores[who]);

      g_assert_cmpstr (rows, ==, leader);
      g_assert_cmpint (count (fixture->stores[who], "SELECT count(*) - count(DISTINCT uuid) FROM annotations"), ==, 0);
      g_assert_cmpint (count (fixture->stores[who], "SELECT count(*) - count(DISTINCT uuid) FROM replies"), ==, 0);
    }
}

static void
set_note (Fixture           *fixture,
          guint              who,
          ScholiaAnnotation *annotation,
          const char        *note)
{
  g_autoptr(GError) error = NULL;

  scholia_store_set_annotation_note (fixture->stores[who], annotation, note, &error);
  g_assert_no_error (error);
}

static ScholiaAnnotation *
find_annotation (Fixture    *fixture,
                 guint       who,
                 const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM annotations WHERE uuid = '%s'", uuid);
  gint64 id = test_sql_int (scholia_store_get_path (fixture->stores[who]), sql);
  ScholiaAnnotation *annotation = scholia_store_get_annotation (fixture->stores[who], id, &error);

  g_assert_no_error (error);
  return annotation;
}

static void
test_three_libraries_converge (Fixture       *fixture,
                               gconstpointer  data)
{
  static const guint first_round[] = { BRUNO, ANA, LEADER, BRUNO, ANA };
  static const guint second_round[] = { LEADER, ANA, BRUNO, LEADER, ANA, BRUNO };
  g_autoptr(ScholiaAnnotation) lena = NULL;
  g_autoptr(ScholiaAnnotation) ana = NULL;
  g_autoptr(ScholiaAnnotation) bruno = NULL;
  g_autoptr(ScholiaAnnotation) lena_at_ana = NULL;
  g_autoptr(ScholiaReply) reply = NULL;
  g_autoptr(ScholiaSeminarSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  start_seminar (fixture);
  g_assert_cmpint (count (fixture->stores[ANA], "SELECT count(*) FROM documents"), ==, 2);
  g_assert_cmpint (count (fixture->stores[ANA], "SELECT count(*) FROM seminar_essays"), ==, 2);

  /* Offline, each on their own. */
  lena = annotate (fixture, LEADER, 0, 0, 30, "thesis", "Rivers", "The road, not the plague");
  ana = annotate (fixture, ANA, 0, 90, 110, "evidence", NULL, "Only salt");
  bruno = annotate (fixture, BRUNO, 1, 0, 48, "silence", "Rivers", "");
  g_assert_cmpuint (pending (fixture, ANA), ==, 1);

  sync_in_order (fixture, first_round, G_N_ELEMENTS (first_round));
  g_assert_cmpuint (pending (fixture, ANA), ==, 0);
  assert_all_alike (fixture);

  /* Replies, an edit, a deletion, a new annotation; another's annotation cannot be changed. */
  lena_at_ana = find_annotation (fixture, ANA, scholia_annotation_get_uuid (lena));
  scholia_store_set_annotation_note (fixture->stores[ANA], lena_at_ana, "Mine now", &error);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_clear_error (&error);
  reply = scholia_store_add_reply (fixture->stores[ANA], fixture->seminars[ANA], scholia_annotation_get_uuid (lena),
                                   "Which road, though?", &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, scholia_reply_free);
  reply = scholia_store_add_reply (fixture->stores[LEADER], fixture->seminars[LEADER],
                                   scholia_annotation_get_uuid (bruno), "Good eye.", &error);
  g_assert_no_error (error);
  set_note (fixture, ANA, ana, "Only salt, and no pepper");
  scholia_store_delete_annotation (fixture->stores[BRUNO], bruno, &error);
  g_assert_no_error (error);
  g_object_unref (annotate (fixture, LEADER, 1, 100, 140, "evidence", NULL, "Spring and autumn"));

  sync_in_order (fixture, second_round, G_N_ELEMENTS (second_round));
  assert_all_alike (fixture);

  rows = dump (fixture->stores[BRUNO]);
  g_assert_nonnull (strstr (rows, "Only salt, and no pepper"));
  g_assert_cmpint (count (fixture->stores[LEADER], "SELECT count(*) FROM annotations WHERE note = ''"), ==, 0);
  g_assert_nonnull (strstr (rows, "Which road, though?"));
  g_assert_nonnull (strstr (rows, "Good eye."));
  g_assert_nonnull (strstr (rows, "Spring and autumn"));
  g_assert_nonnull (strstr (rows, "silence #505050 What a source stops saying"));
  g_assert_cmpint (count (fixture->stores[BRUNO], "SELECT count(*) FROM annotations"), ==, 3);
  g_assert_cmpint (count (fixture->stores[BRUNO], "SELECT count(*) FROM replies"), ==, 2);
  g_assert_cmpint (count (fixture->stores[LEADER], "SELECT count(*) FROM participants"), ==, 3);

  /* Nothing new anywhere: a sync changes nothing. */
  sync = sync_ok (fixture, ANA);
  g_assert_cmpuint (scholia_seminar_sync_get_n_uploaded (sync), ==, 0);
  g_assert_cmpuint (scholia_seminar_sync_get_n_merged (sync), ==, 0);
  g_assert_cmpuint (scholia_seminar_sync_get_problems (sync)->len, ==, 0);
}

static void
test_create_refuses_a_folder_in_use (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaSeminar) second = NULL;

  start_seminar (fixture);
  second = create_seminar (fixture, fixture->location, FALSE, FALSE, &error);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS);
  g_assert_null (second);
  g_assert_nonnull (strstr (error->message, "not empty"));
}

/* A student whose library holds one of the essays already (same uuid, same text) gets it
 * linked to the seminar, not a second copy. */
static void
test_join_with_an_essay_already_here (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bruno.sqlite3", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaSeminarSync) sync = NULL;

  fixture->seminars[LEADER] = create_seminar (fixture, fixture->location, FALSE, FALSE, &error);
  g_assert_no_error (error);
  fixture->stores[BRUNO] = scholia_store_open (path, &error);
  g_assert_no_error (error);
  scholia_store_add_document_with_uuid (fixture->stores[BRUNO], fixture->essays[1], "My copy of the ferry essay",
                                        "Piet Amsel", "", "", essay_two, NULL, &error);
  g_assert_no_error (error);

  scholia_seminar_join_async (fixture->stores[BRUNO], fixture->location, names[BRUNO], NULL, store_result_cb,
                              &result);
  fixture->seminars[BRUNO] = scholia_seminar_join_finish (fixture->stores[BRUNO], wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->stores[BRUNO], "SELECT count(*) FROM documents"), ==, 2);
  g_assert_cmpint (count (fixture->stores[BRUNO], "SELECT count(*) FROM seminar_essays"), ==, 2);
  g_assert_cmpint (count (fixture->stores[BRUNO], "SELECT count(*) FROM documents"
                                                  " WHERE title = 'My copy of the ferry essay'"), ==, 1);

  /* Annotated there, the essay reaches the leader like any other. */
  g_object_unref (annotate (fixture, BRUNO, 1, 0, 10, "evidence", NULL, "on my copy"));
  g_object_unref (sync_ok (fixture, BRUNO));
  sync = sync_ok (fixture, LEADER);
  g_assert_cmpuint (scholia_seminar_sync_get_n_merged (sync), ==, 1);
}

/* A log written by hand, as a broken client or a forger would leave it. */
static char *
put_line (const char *author,
          const char *author_name,
          const char *uuid,
          gint64      wall_ms,
          const char *document_uuid,
          const char *text,
          guint       start,
          guint       end,
          const char *note)
{
  g_autoptr(ScholiaLogRecord) record = record_put (author, uuid, wall_ms, document_uuid, text, start, end, note,
                                                   "evidence", "");

  record->author_name = g_strdup (author_name);
  return scholia_log_record_to_line (record);
}

static char *
delete_line (const char *author,
             const char *uuid,
             gint64      wall_ms)
{
  g_autoptr(ScholiaLogRecord) record = record_delete (author, uuid, wall_ms);

  return scholia_log_record_to_line (record);
}

static void
write_log (Fixture    *fixture,
           const char *owner,
           const char *text)
{
  g_autofree char *file = g_strdup_printf ("%s.jsonl", owner);
  g_autofree char *path = g_build_filename (fixture->root, "logs", file, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

#define DORA     "d0000000-0000-4000-8000-00000000000d"
#define EVE      "e0000000-0000-4000-8000-00000000000e"
#define DORA_ONE "d0000000-0001-4000-8000-000000000001"
#define DORA_TWO "d0000000-0002-4000-8000-000000000002"
#define DORA_CUT "d0000000-0003-4000-8000-000000000003"
#define FORGED   "f0000000-0001-4000-8000-000000000001"
#define EVE_GONE "e0000000-0001-4000-8000-000000000001"
#define EVE_KEPT "e0000000-0002-4000-8000-000000000002"

static gboolean
has_problem (ScholiaSeminarSync *sync,
             const char         *first,
             const char         *second)
{
  GPtrArray *problems = scholia_seminar_sync_get_problems (sync);

  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), first) != NULL &&
        (second == NULL || strstr (g_ptr_array_index (problems, i), second) != NULL))
      return TRUE;
  return FALSE;
}

static void
test_damaged_and_forged_logs (Fixture       *fixture,
                              gconstpointer  data)
{
  gint64 now = g_get_real_time () / 1000;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *text = NULL;
  g_autofree char *whole = NULL;
  g_autoptr(ScholiaSeminarSync) sync = NULL;
  const char *ana_uuid;
  g_autoptr(ScholiaParticipant) ana = NULL;
  g_autoptr(GError) error = NULL;

  start_seminar (fixture);
  ana = scholia_store_get_my_participant (fixture->stores[ANA], fixture->seminars[ANA], &error);
  g_assert_no_error (error);
  ana_uuid = ana->uuid;

  one = put_line (DORA, "Dora Quist", DORA_ONE, now, fixture->essays[0], essay_one, 0, 12, "first");
  two = put_line (DORA, "Dora Quist", DORA_TWO, now + 1, fixture->essays[0], essay_one, 13, 20, "second");
  /* In Dora's log, an annotation in Ana's name. */
  forged = put_line (ana_uuid, "Ana Ferreira", FORGED, now + 2, fixture->essays[1], essay_two, 0, 10, "forged");
  cut = put_line (DORA, "Dora Quist", DORA_CUT, now + 3, fixture->essays[1], essay_two, 11, 30, "cut");
  text = g_strdup_printf ("%s\n{\"op\": \"put\", \"hlc\": \n%s\n%s\n%.*s", one, forged, two, (int) strlen (cut) / 2,
                          cut);
  write_log (fixture, DORA, text);

  sync = sync_ok (fixture, ANA);
  g_assert_cmpuint (scholia_seminar_sync_get_n_merged (sync), ==, 2);
  g_assert_true (has_problem (sync, "Line 2 ", "Dora Quist"));
  g_assert_true (has_problem (sync, "Line 3 ", "not its author"));
  g_assert_false (has_problem (sync, "Line 5 ", NULL));
  g_assert_cmpuint (scholia_seminar_sync_get_problems (sync)->len, ==, 2);
  g_assert_cmpint (count (fixture->stores[ANA], "SELECT count(*) FROM annotations"), ==, 2);
  g_assert_cmpint (count (fixture->stores[ANA], "SELECT count(*) FROM annotations WHERE note = 'forged'"), ==, 0);
  g_clear_object (&sync);

  /* The cut line, once whole, is merged at the next sync. */
  whole = g_strdup_printf ("%s\n{\"op\": \"put\", \"hlc\": \n%s\n%s\n%s\n", one, forged, two, cut);
  write_log (fixture, DORA, whole);
  sync = sync_ok (fixture, ANA);
  g_assert_cmpuint (scholia_seminar_sync_get_n_merged (sync), ==, 1);
  g_assert_cmpint (count (fixture->stores[ANA], "SELECT count(*) FROM annotations WHERE note = 'cut'"), ==, 1);
  g_assert_cmpint (count (fixture->stores[ANA], "SELECT count(*) FROM annotations"), ==, 3);
}

/* Dora's clock runs six hours ahead, Eve's six hours behind: every record still counts, in each
 * author's own order, and a participant who has seen Dora's clock still edits after it. */
static void
test_clock_skew_loses_nothing (Fixture       *fixture,
                               gconstpointer  data)
{
  gint64 now = g_get_real_time () / 1000;
  gint64 hours = 6 * 3600 * 1000;
  g_autofree char *dora = NULL;
  g_autofree char *eve = NULL;
  g_autoptr(ScholiaAnnotation) ana = NULL;

  start_seminar (fixture);
  dora = g_strdup_printf ("%s\n%s\n",
                          put_line (DORA, "Dora Quist", DORA_ONE, now + hours, fixture->essays[0], essay_one, 0, 12,
                                    "ahead"),
                          put_line (DORA, "Dora Quist", DORA_ONE, now + hours + 1000, fixture->essays[0], essay_one,
                                    0, 12, "ahead, edited"));
  eve = g_strdup_printf ("%s\n%s\n%s\n",
                         put_line (EVE, "Eve Marr", EVE_GONE, now - hours, fixture->essays[1], essay_two, 0, 5, "gone"),
                         delete_line (EVE, EVE_GONE, now - hours + 1000),
                         put_line (EVE, "Eve Marr", EVE_KEPT, now - hours + 2000, fixture->essays[1], essay_two, 6, 20,
                                   "behind"));
  write_log (fixture, DORA, dora);
  write_log (fixture, EVE, eve);

  ana = annotate (fixture, ANA, 0, 40, 60, "thesis", NULL, "before");
  g_object_unref (sync_ok (fixture, ANA));
  g_object_unref (sync_ok (fixture, LEADER));
  /* Ana, whose clock has seen Dora's, edits: the edit is later than the hours-ahead records. */
  set_note (fixture, ANA, ana, "after");
  g_object_unref (sync_ok (fixture, ANA));
  g_object_unref (sync_ok (fixture, LEADER));
  g_object_unref (sync_ok (fixture, BRUNO));

  for (guint who = 0; who < N_LIBRARIES; who++)
    {
      ScholiaStore *store = fixture->stores[who];

      g_assert_cmpint (count (store, "SELECT count(*) FROM annotations WHERE note = 'ahead, edited'"), ==, 1);
      g_assert_cmpint (count (store, "SELECT count(*) FROM annotations WHERE note = 'behind'"), ==, 1);
      g_assert_cmpint (count (store, "SELECT count(*) FROM annotations WHERE note = 'after'"), ==, 1);
      g_assert_cmpint (count (store, "SELECT count(*) FROM annotations"), ==, 3);
    }
  assert_all_alike (fixture);
}

static void
test_leader_changes_labels (Fixture       *fixture,
                            gconstpointer  data)
{
  ScholiaStore *leader;
  g_autoptr(GError) error = NULL;
  g_autoptr(CountingTransport) counting = NULL;
  g_autoptr(ScholiaTransport) inner = NULL;
  g_autoptr(ScholiaSeminarSync) sync = NULL;
  ScholiaSeminarOptions options = { 0 };

  start_seminar (fixture);
  leader = fixture->stores[LEADER];

  /* The option the leader chose reached the student. */
  _scholia_seminar_options_read (fixture->seminars[ANA]->options, &options);
  g_assert_true (options.hide_until_posted);
  g_assert_false (options.participants_add_tags);
  g_assert_cmpstr (options.instructions, ==, "Tag every cause the author names.");
  _scholia_seminar_options_clear (&options);
  g_assert_cmpint (count (fixture->stores[ANA], "SELECT count(*) FROM tags WHERE name = 'silence'"
                                                " AND colour = '#505050'"), ==, 1);

  /* The seminar's tags are the leader's: the student can neither recolour nor delete them, but
   * her own tags stay hers. */
  {
    ScholiaStore *ana = fixture->stores[ANA];
    ScholiaLabel *own;

    scholia_store_update_label (ana, scholia_store_find_label (ana, SCHOLIA_TYPE_TAG, "evidence", NULL), NULL,
                                "#000000", NULL, &error);
    g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "Rivers and Roads"));
    g_clear_error (&error);
    scholia_store_delete_label (ana, scholia_store_find_label (ana, SCHOLIA_TYPE_TAG, "silence", NULL), &error);
    g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
    g_clear_error (&error);
    own = scholia_store_add_label (ana, SCHOLIA_TYPE_TAG, "hunch", "#101010", "", &error);
    g_assert_no_error (error);
    scholia_store_update_label (ana, own, NULL, "#202020", NULL, &error);
    g_assert_no_error (error);
  }

  /* Nothing changed: the leader's sync does not write seminar.json again. */
  inner = _scholia_seminar_open_transport (fixture->location, NULL, &error);
  g_assert_no_error (error);
  counting = counting_transport_new (inner);
  sync = run_sync (fixture, LEADER, SCHOLIA_TRANSPORT (counting), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counting_transport_count (counting, "put"), ==, 0);
  g_clear_object (&sync);

  scholia_store_update_label (leader, scholia_store_find_label (leader, SCHOLIA_TYPE_TAG, "evidence", NULL),
                              NULL, "#c02020", NULL, &error);
  g_assert_no_error (error);
  scholia_store_add_label (leader, SCHOLIA_TYPE_THEME, "Roads", "#806040", "", &error);
  g_assert_no_error (error);
  counting_transport_fail_after (counting, G_MAXUINT);
  sync = run_sync (fixture, LEADER, SCHOLIA_TRANSPORT (counting), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counting_transport_count (counting, "put"), ==, 1);

  g_object_unref (sync_ok (fixture, ANA));
  g_assert_cmpint (count (fixture->stores[ANA], "SELECT count(*) FROM tags WHERE name = 'evidence'"
                                                " AND colour = '#c02020'"), ==, 1);
  g_assert_cmpint (count (fixture->stores[ANA], "SELECT count(*) FROM themes WHERE name = 'Roads'"), ==, 1);
  g_assert_cmpint (count (fixture->stores[BRUNO], "SELECT count(*) FROM themes WHERE name = 'Roads'"), ==, 0);
}

/* With participants-add-tags the leader's tags are the students' to change too. */
static void
test_participants_may_change_tags (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaStore *ana;

  fixture->seminars[LEADER] = create_seminar (fixture, fixture->location, TRUE, FALSE, &error);
  g_assert_no_error (error);
  join (fixture, ANA);
  ana = fixture->stores[ANA];
  scholia_store_update_label (ana, scholia_store_find_label (ana, SCHOLIA_TYPE_TAG, "evidence", NULL), NULL,
                              "#000000", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (ana, "SELECT count(*) FROM tags WHERE name = 'evidence' AND colour = '#000000'"), ==, 1);
}

static void
test_incremental_sync_asks_little (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaTransport) inner = NULL;
  g_autoptr(CountingTransport) counting = NULL;
  g_autoptr(ScholiaSeminarSync) sync = NULL;

  start_seminar (fixture);
  g_object_unref (annotate (fixture, BRUNO, 0, 0, 10, "thesis", NULL, ""));
  g_object_unref (sync_ok (fixture, BRUNO));
  g_object_unref (sync_ok (fixture, ANA));

  inner = _scholia_seminar_open_transport (fixture->location, NULL, &error);
  g_assert_no_error (error);
  counting = counting_transport_new (inner);
  sync = run_sync (fixture, ANA, SCHOLIA_TRANSPORT (counting), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counting_transport_count (counting, "list"), ==, 1);
  g_assert_cmpuint (counting_transport_count (counting, "get"), ==, 1);
  g_assert_cmpuint (counting_transport_count (counting, "get-not-modified"), ==, 1);
  g_assert_cmpuint (counting_transport_count (counting, NULL), ==, 2);
}

/* The server goes down after each number of requests in turn: every interrupted sync says so,
 * and the next one completes with nothing lost. */
static void
test_server_down_mid_sync (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaTransport) inner = NULL;
  g_autoptr(CountingTransport) counting = NULL;
  g_autofree char *reference = NULL;
  gboolean done = FALSE;

  start_seminar (fixture);
  g_object_unref (annotate (fixture, LEADER, 0, 0, 30, "thesis", NULL, "Lena's"));
  g_object_unref (annotate (fixture, BRUNO, 1, 0, 30, "evidence", NULL, "Bruno's"));
  g_object_unref (sync_ok (fixture, LEADER));
  g_object_unref (sync_ok (fixture, BRUNO));
  g_object_unref (annotate (fixture, ANA, 0, 50, 70, "thesis", NULL, "Ana's"));

  inner = _scholia_seminar_open_transport (fixture->location, NULL, &error);
  g_assert_no_error (error);
  counting = counting_transport_new (inner);
  for (guint n = 0; !done; n++)
    {
      g_autoptr(ScholiaSeminarSync) sync = NULL;
      g_autoptr(GError) sync_error = NULL;
      g_autoptr(ScholiaSeminar) seminar = NULL;

      g_assert_cmpuint (n, <, 20);
      counting_transport_fail_after (counting, n);
      sync = run_sync (fixture, ANA, SCHOLIA_TRANSPORT (counting), &sync_error);
      seminar = scholia_store_find_seminar (fixture->stores[ANA], fixture->seminars[ANA]->uuid, &error);
      g_assert_no_error (error);
      done = sync_error == NULL;
      if (!done)
        {
          g_assert_error (sync_error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_OFFLINE);
          g_assert_cmpstr (seminar->last_error, ==, sync_error->message);
          g_assert_cmpstr (scholia_seminar_sync_get_status (sync), ==, sync_error->message);
        }
      else
        g_assert_cmpstr (seminar->last_error, ==, "");
    }
  g_assert_cmpuint (pending (fixture, ANA), ==, 0);
  g_object_unref (sync_ok (fixture, LEADER));
  g_object_unref (sync_ok (fixture, BRUNO));
  assert_all_alike (fixture);
  g_assert_cmpint (count (fixture->stores[ANA], "SELECT count(*) FROM annotations"), ==, 3);
}

static void
test_server_stopped (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaSeminarSync) sync = NULL;
  g_autoptr(ScholiaSeminar) seminar = NULL;

  start_seminar (fixture);
  g_object_unref (annotate (fixture, ANA, 0, 50, 70, "thesis", NULL, "Ana's"));
  webdav_server_stop (fixture->server);
  sync = run_sync (fixture, ANA, NULL, &error);
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  seminar = scholia_store_find_seminar (fixture->stores[ANA], "Rivers and Roads", NULL);
  g_assert_cmpstr (seminar->last_error, ==, error->message);
  g_assert_cmpint (seminar->last_sync, >, 0);
  /* Her change waits for the server. */
  g_assert_cmpuint (pending (fixture, ANA), ==, 1);
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaSeminarSync) sync = NULL;
  g_autoptr(ScholiaSeminar) seminar = NULL;

  start_seminar (fixture);
  g_object_unref (annotate (fixture, ANA, 0, 50, 70, "thesis", NULL, "Ana's"));
  g_setenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE, "an-expired-app-password", TRUE);
  sync = run_sync (fixture, ANA, NULL, &error);
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "password"));
  seminar = scholia_store_find_seminar (fixture->stores[ANA], "Rivers and Roads", NULL);
  g_assert_cmpstr (seminar->last_error, ==, error->message);
  g_assert_cmpuint (pending (fixture, ANA), ==, 1);

  g_setenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE, webdav_server_get_password (fixture->server), TRUE);
  g_object_unref (sync_ok (fixture, ANA));
  g_assert_cmpuint (pending (fixture, ANA), ==, 0);
  g_object_unref (sync_ok (fixture, LEADER));
  g_assert_cmpint (count (fixture->stores[LEADER], "SELECT count(*) FROM annotations WHERE note = 'Ana''s'"), ==, 1);
}

static void
test_refused_and_full_folders (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *readonly = webdav_server_dup_location (fixture->server, "readonly/seminar");
  g_autofree char *full = webdav_server_dup_location (fixture->server, "full/seminar");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaSeminar) seminar = NULL;

  seminar = create_seminar (fixture, readonly, FALSE, FALSE, &error);
  g_assert_null (seminar);
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "refused"));
  g_clear_error (&error);

  seminar = create_seminar (fixture, full, FALSE, FALSE, &error);
  g_assert_null (seminar);
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_assert_cmpint (count (fixture->stores[LEADER], "SELECT count(*) FROM seminars"), ==, 0);
}

/* Another library with Ana's uuid wrote her log: her sync learns the new ETag and writes her
 * own log back, whole. */
static void
test_own_log_changed_underneath (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaTransport) inner = NULL;
  g_autoptr(CountingTransport) counting = NULL;
  g_autoptr(ScholiaSeminarSync) sync = NULL;
  g_autoptr(ScholiaParticipant) ana = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) on_server = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *intruder = NULL;

  start_seminar (fixture);
  ana = scholia_store_get_my_participant (fixture->stores[ANA], fixture->seminars[ANA], &error);
  g_assert_no_error (error);
  g_object_unref (annotate (fixture, ANA, 0, 50, 70, "thesis", NULL, "first"));
  g_object_unref (sync_ok (fixture, ANA));

  intruder = g_strdup_printf ("%s\n", put_line (ana->uuid, "Ana Ferreira", FORGED, g_get_real_time () / 1000,
                                                fixture->essays[0], essay_one, 0, 9, "from elsewhere"));
  write_log (fixture, ana->uuid, intruder);
  g_object_unref (annotate (fixture, ANA, 0, 80, 90, "thesis", NULL, "second"));

  inner = _scholia_seminar_open_transport (fixture->location, NULL, &error);
  g_assert_no_error (error);
  counting = counting_transport_new (inner);
  sync = run_sync (fixture, ANA, SCHOLIA_TRANSPORT (counting), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counting_transport_count (counting, "put"), ==, 2);
  g_assert_cmpuint (scholia_seminar_sync_get_n_uploaded (sync), ==, 1);

  own = scholia_store_list_own_log (fixture->stores[ANA], fixture->seminars[ANA], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (own->len, ==, 2);
  expected = _scholia_seminar_log_text (own);
  file = g_strdup_printf ("%s.jsonl", ana->uuid);
  path = g_build_filename (fixture->root, "logs", file, NULL);
  on_server = test_read_bytes (path);
  g_assert_true (g_bytes_equal (on_server, expected));

  g_object_unref (sync_ok (fixture, LEADER));
  g_assert_cmpint (count (fixture->stores[LEADER], "SELECT count(*) FROM annotations"), ==, 2);
  g_assert_cmpint (count (fixture->stores[LEADER], "SELECT count(*) FROM annotations WHERE note = 'from elsewhere'"),
                   ==, 0);
}

static void
test_locked_log (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaSeminarSync) sync = NULL;
  g_autoptr(ScholiaParticipant) ana = NULL;
  g_autofree char *path = NULL;

  start_seminar (fixture);
  ana = scholia_store_get_my_participant (fixture->stores[ANA], fixture->seminars[ANA], &error);
  g_assert_no_error (error);
  path = g_strdup_printf ("reading/logs/%s.jsonl", ana->uuid);
  webdav_server_lock (fixture->server, path);

  g_object_unref (annotate (fixture, ANA, 0, 50, 70, "thesis", NULL, "locked out"));
  sync = run_sync (fixture, ANA, NULL, &error);
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_assert_cmpuint (pending (fixture, ANA), ==, 1);
}

/* 404: nothing to join where there is no seminar; 409: the logs folder was removed. */
static void
test_missing_seminar_and_folder (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *nowhere = webdav_server_dup_location (fixture->server, "nowhere");
  g_autofree char *logs = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "lost.sqlite3", NULL);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaSeminarSync) sync = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  scholia_seminar_join_async (store, nowhere, "Nobody", NULL, store_result_cb, &result);
  seminar = scholia_seminar_join_finish (store, wait_for (&result), &error);
  g_assert_null (seminar);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "There is no seminar at"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM seminars"), ==, 0);
  g_clear_error (&error);

  start_seminar (fixture);
  logs = g_build_filename (fixture->root, "logs", NULL);
  test_tmp_dir_remove (logs);
  g_object_unref (annotate (fixture, ANA, 0, 50, 70, "thesis", NULL, "nowhere to go"));
  sync = run_sync (fixture, ANA, NULL, &error);
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_NO_PARENT);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_cmpuint (pending (fixture, ANA), ==, 1);
}

static void
add_both (const char *name,
          void      (*test) (Fixture *, gconstpointer))
{
  g_autofree char *folder = g_strdup_printf ("/seminar-sync/folder/%s", name);
  g_autofree char *webdav = g_strdup_printf ("/seminar-sync/webdav/%s", name);

  g_test_add (folder, Fixture, NULL, fixture_set_up_folder, test, fixture_tear_down);
  g_test_add (webdav, Fixture, NULL, fixture_set_up_webdav, test, fixture_tear_down);
}

static void
add_webdav (const char *name,
            void      (*test) (Fixture *, gconstpointer))
{
  g_autofree char *webdav = g_strdup_printf ("/seminar-sync/webdav/%s", name);

  g_test_add (webdav, Fixture, NULL, fixture_set_up_webdav, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_both ("three-libraries-converge", test_three_libraries_converge);
  add_both ("create-refuses-a-folder-in-use", test_create_refuses_a_folder_in_use);
  add_both ("join-with-an-essay-already-here", test_join_with_an_essay_already_here);
  add_both ("damaged-and-forged-logs", test_damaged_and_forged_logs);
  add_both ("clock-skew-loses-nothing", test_clock_skew_loses_nothing);
  add_both ("leader-changes-labels", test_leader_changes_labels);
  add_both ("participants-may-change-tags", test_participants_may_change_tags);
  add_both ("incremental-sync-asks-little", test_incremental_sync_asks_little);
  add_both ("server-down-mid-sync", test_server_down_mid_sync);
  add_webdav ("server-stopped", test_server_stopped);
  add_webdav ("wrong-password", test_wrong_password);
  add_webdav ("refused-and-full-folders", test_refused_and_full_folders);
  add_both ("own-log-changed-underneath", test_own_log_changed_underneath);
  add_webdav ("locked-log", test_locked_log);
  add_webdav ("missing-seminar-and-folder", test_missing_seminar_and_folder);

  return g_test_run ();
}
