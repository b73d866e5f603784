/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A seminar synced through a real Apache with mod_dav on loopback: 30 participants' logs of
 * 2,000 annotations each (60,000 records) on 20 essays. Times a student's join into an empty
 * library, which is the first full sync (seminar.json, 20 essays, 31 logs downloaded, parsed
 * and merged; target < 3 s), then an incremental sync with nothing new, whose requests are
 * counted: one PROPFIND of logs/ and seminar.json's conditional GET, nothing else. */
#include "config.h"

#include <string.h>

#include "bench-corpus.h"
#include "counting-transport.h"
#include "scholia-credentials.h"
#include "scholia-seminar-sync-private.h"
#include "webdav-server.h"

#define N_ESSAYS 20
#define N_PARTICIPANTS 30
#define N_PER_PARTICIPANT 2000

static const char *tags[] = { "thesis", "evidence", "source-reference", "method" };

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

/* One participant's log as its library would upload it: puts on random passages. */
static char *
participant_log (GRand       *rand,
                 const char  *author,
                 char       **essay_uuids,
                 char       **texts,
                 glong       *lengths)
{
  GString *log = g_string_new (NULL);

  for (guint n = 0; n < N_PER_PARTICIPANT; n++)
    {
      g_autoptr(ScholiaLogRecord) record = scholia_log_record_new (SCHOLIA_LOG_PUT_ANNOTATION);
      guint essay = g_rand_int_range (rand, 0, N_ESSAYS);
      guint start = g_rand_int_range (rand, 0, lengths[essay] - 200);
      g_autofree char *line = NULL;

      record->hlc = g_strdup_printf ("%016" G_GINT64_FORMAT "-0000-%s", (gint64) 1764700000000 + n, author);
      record->author = g_strdup (author);
      record->author_name = g_strdup_printf ("Reader %.8s", author);
      record->uuid = g_uuid_string_random ();
      record->created = record->modified = 1764700000 + n;
      record->document_uuid = g_strdup (essay_uuids[essay]);
      record->start = start;
      record->end = start + g_rand_int_range (rand, 20, 200);
      record->quote = g_utf8_substring (texts[essay], record->start, record->end);
      record->prefix = g_utf8_substring (texts[essay], record->start >= 32 ? record->start - 32 : 0, record->start);
      record->suffix = g_utf8_substring (texts[essay], record->end, record->end + 32);
      g_free (record->note);
      record->note = n % 3 == 0 ? g_strdup_printf ("Note %u on this passage, which the reader doubts.", n)
                                 : g_strdup ("");
      g_strfreev (record->tags);
      record->tags = g_strsplit (tags[n % G_N_ELEMENTS (tags)], ",", -1);
      line = scholia_log_record_to_line (record);
      g_string_append (log, line);
      g_string_append_c (log, '\n');
    }
  return g_string_free (log, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scholia-bench-seminar-sync-XXXXXX", &error);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  g_autoptr(WebdavServer) server = webdav_server_start ();
  g_autofree char *location = NULL;
  g_autofree char *leader_path = NULL;
  g_autofree char *student_path = NULL;
  g_autoptr(ScholiaStore) leader = NULL;
  g_autoptr(ScholiaStore) student = NULL;
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaSeminar) joined = NULL;
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1414);
  g_autoptr(ScholiaTransport) inner = NULL;
  g_autoptr(CountingTransport) counting = NULL;
  g_autoptr(ScholiaSeminarSync) sync = NULL;
  char *essay_uuids[N_ESSAYS];
  char *texts[N_ESSAYS];
  glong lengths[N_ESSAYS];
  gint64 ids[N_ESSAYS];
  gint64 started;
  double join_ms, incremental_ms;

  g_assert_no_error (error);
  g_setenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE, webdav_server_get_password (server), TRUE);
  location = webdav_server_dup_location (server, "bench");

  leader_path = g_build_filename (dir, "leader.sqlite3", NULL);
  leader = scholia_store_open (leader_path, &error);
  g_assert_no_error (error);
  for (guint e = 0; e < N_ESSAYS; e++)
    {
      g_autofree char *title = g_strdup_printf ("Essay %u", e);
      ScholiaDocument *document;

      texts[e] = bench_corpus_essay (2300 + e, 30 * 1024);
      lengths[e] = g_utf8_strlen (texts[e], -1);
      document = scholia_store_add_document (leader, title, "Marit Olsen", "", "", texts[e], NULL, &error);
      g_assert_no_error (error);
      essay_uuids[e] = g_strdup (scholia_document_get_uuid (document));
      ids[e] = scholia_document_get_id (document);
    }
  scholia_seminar_create_async (leader, "Benchmark Seminar", location, ids, N_ESSAYS, "", FALSE, FALSE, "Leader",
                                NULL, store_result_cb, &created);
  seminar = scholia_seminar_create_finish (leader, wait_for (&created), &error);
  g_assert_no_error (error);

  /* The participants' logs, put straight into the share as their libraries would have. */
  for (guint p = 0; p < N_PARTICIPANTS; p++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *file = g_strdup_printf ("%s.jsonl", uuid);
      g_autofree char *path = g_build_filename (webdav_server_get_root (server), "bench", "logs", file, NULL);
      g_autofree char *log = participant_log (rand, uuid, essay_uuids, texts, lengths);

      g_file_set_contents (path, log, -1, &error);
      g_assert_no_error (error);
    }

  student_path = g_build_filename (dir, "student.sqlite3", NULL);
  student = scholia_store_open (student_path, &error);
  g_assert_no_error (error);
  started = g_get_monotonic_time ();
  scholia_seminar_join_async (student, location, "Student", NULL, store_result_cb, &result);
  joined = scholia_seminar_join_finish (student, wait_for (&result), &error);
  join_ms = (g_get_monotonic_time () - started) / 1000.0;
  g_assert_no_error (error);
  g_assert_cmpstr (joined->last_error, ==, "");
  g_assert_cmpint (g_list_model_get_n_items (scholia_store_get_documents (student)), ==, N_ESSAYS);

  inner = _scholia_seminar_open_transport (location, NULL, &error);
  g_assert_no_error (error);
  counting = counting_transport_new (inner);
  sync = scholia_seminar_sync_new (student, joined);
  scholia_seminar_sync_set_transport (sync, SCHOLIA_TRANSPORT (counting));
  started = g_get_monotonic_time ();
  scholia_seminar_sync_run (sync, NULL, &error);
  incremental_ms = (g_get_monotonic_time () - started) / 1000.0;
  g_assert_no_error (error);
  g_assert_cmpuint (scholia_seminar_sync_get_n_merged (sync), ==, 0);
  g_assert_cmpuint (counting_transport_count (counting, "list"), ==, 1);
  g_assert_cmpuint (counting_transport_count (counting, "get"), ==, 1);
  g_assert_cmpuint (counting_transport_count (counting, "get-not-modified"), ==, 1);
  g_assert_cmpuint (counting_transport_count (counting, NULL), ==, 2);

  g_print ("seminar sync: %u participants x %u annotations (%u records) on %u essays, Apache on loopback\n"
           "  first full sync into an empty library (join): %.0f ms (target < 3000 ms)\n"
           "  incremental sync, nothing new: %.0f ms, %u PROPFIND + %u conditional GET (%u not modified), "
           "%u PUT\n",
           N_PARTICIPANTS, N_PER_PARTICIPANT, N_PARTICIPANTS * N_PER_PARTICIPANT, N_ESSAYS, join_ms,
           incremental_ms, counting_transport_count (counting, "list"), counting_transport_count (counting, "get"),
           counting_transport_count (counting, "get-not-modified"), counting_transport_count (counting, "put"));

  for (guint e = 0; e < N_ESSAYS; e++)
    {
      g_free (essay_uuids[e]);
      g_free (texts[e]);
    }
  g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL);
  return 0;
}
