/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A seminar's first sync, without the transport: 30 participants' logs of 2,000 annotations each
 * (60,000 records) on 20 essays, merged into a library that holds the essays and nothing else
 * (target < 1 s). The records are built before the clock starts: only the merge is timed. */
#include "config.h"

#include "bench-corpus.h"
#include "scholia-seminar-store.h"

#define N_ESSAYS 20
#define N_PARTICIPANTS 30
#define N_PER_PARTICIPANT 2000

static const char *tag_names[] = { "thesis", "evidence", "source-reference", "counter-argument",
                                   "method", "rhetoric" };
static const char *theme_names[] = { "Famine", "Trade", "Memory", "Law" };

static ScholiaLogRecord *
random_put (GRand       *rand,
            const char  *author,
            guint        n,
            char       **essay_uuids,
            char       **texts,
            glong       *lengths)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_PUT_ANNOTATION);
  guint essay = g_rand_int_range (rand, 0, N_ESSAYS);
  guint start = g_rand_int_range (rand, 0, lengths[essay] - 200);
  guint end = start + g_rand_int_range (rand, 20, 200);
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) themes = g_strv_builder_new ();

  record->hlc = g_strdup_printf ("%016" G_GINT64_FORMAT "-0000-%s", (gint64) 1764700000000 + n, author);
  record->author = g_strdup (author);
  record->uuid = g_uuid_string_random ();
  record->created = record->modified = 1764700000 + n / 1000;
  record->document_uuid = g_strdup (essay_uuids[essay]);
  record->start = start;
  record->end = end;
  record->quote = g_utf8_substring (texts[essay], start, end);
  record->prefix = g_utf8_substring (texts[essay], start >= 32 ? start - 32 : 0, start);
  record->suffix = g_utf8_substring (texts[essay], end, end + 32);
  if (n % 2 == 0)
    {
      g_free (record->note);
      record->note = g_strdup_printf ("Reading note %u: the author leans on this passage more than on any other.", n);
    }
  g_strv_builder_add (tags, tag_names[n % G_N_ELEMENTS (tag_names)]);
  if (n % 3 == 0)
    g_strv_builder_add (tags, tag_names[(n / 3) % G_N_ELEMENTS (tag_names)]);
  if (n % 4 == 0)
    g_strv_builder_add (themes, theme_names[(n / 4) % G_N_ELEMENTS (theme_names)]);
  g_strfreev (record->tags);
  g_strfreev (record->themes);
  record->tags = g_strv_builder_end (tags);
  record->themes = g_strv_builder_end (themes);
  return record;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scholia-bench-seminar-XXXXXX", &error);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  g_autofree char *path = NULL;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  char *essay_uuids[N_ESSAYS];
  char *texts[N_ESSAYS];
  glong lengths[N_ESSAYS];
  GPtrArray *logs[N_PARTICIPANTS];
  char *participants[N_PARTICIPANTS];
  ScholiaMergeReport report = { 0 };
  gint64 started;
  double ms;

  g_assert_no_error (error);
  path = g_build_filename (dir, "seminar.sqlite3", NULL);
  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  seminar = scholia_store_add_seminar (store, NULL, "Benchmark Seminar", dir, SCHOLIA_SEMINAR_PARTICIPANT,
                                       NULL, "Reader", NULL, &error);
  g_assert_no_error (error);
  for (guint e = 0; e < N_ESSAYS; e++)
    {
      g_autofree char *title = g_strdup_printf ("Essay %u", e);
      ScholiaDocument *document;

      texts[e] = bench_corpus_essay (1400 + e, 30 * 1024);
      lengths[e] = g_utf8_strlen (texts[e], -1);
      document = scholia_store_add_document (store, title, "Nadia Kern", "", "", texts[e], NULL, &error);
      g_assert_no_error (error);
      essay_uuids[e] = g_strdup (scholia_document_get_uuid (document));
      scholia_store_add_seminar_essay (store, seminar, document, &error);
      g_assert_no_error (error);
    }

  for (guint p = 0; p < N_PARTICIPANTS; p++)
    {
      participants[p] = g_uuid_string_random ();
      logs[p] = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_log_record_free);
      for (guint n = 0; n < N_PER_PARTICIPANT; n++)
        g_ptr_array_add (logs[p], random_put (rand, participants[p], n, essay_uuids, texts, lengths));
    }

  /* As a first sync merges: every log, in one batch. */
  started = g_get_monotonic_time ();
  scholia_store_begin_batch (store, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < N_PARTICIPANTS; p++)
    {
      g_autofree char *name = g_strdup_printf ("Participant %u", p);

      scholia_store_merge_log (store, seminar, participants[p], name, logs[p], &report, &error);
      g_assert_no_error (error);
    }
  scholia_store_commit_batch (store, &error);
  g_assert_no_error (error);
  ms = (g_get_monotonic_time () - started) / 1000.0;

  g_assert_cmpuint (report.applied, ==, N_PARTICIPANTS * N_PER_PARTICIPANT);
  g_print ("seminar merge: %u participants x %u annotations (%u records) on %u essays into an empty "
           "library: %.0f ms (target < 1000 ms)\n",
           N_PARTICIPANTS, N_PER_PARTICIPANT, report.applied, N_ESSAYS, ms);
  scholia_merge_report_clear (&report);

  for (guint p = 0; p < N_PARTICIPANTS; p++)
    {
      g_ptr_array_unref (logs[p]);
      g_free (participants[p]);
    }
  for (guint e = 0; e < N_ESSAYS; e++)
    {
      g_free (essay_uuids[e]);
      g_free (texts[e]);
    }
  g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL);
  return 0;
}
