/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A seminar's first sync, without the transport: 30 participants' logs of 2,000 annotations each
 * (60,000 records) on 20 essays, merged into a library that holds the essays and nothing else
 * (target < 1 s). The records are built before the clock starts: only the merge is timed. */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "bench-corpus.h"
#include "scholia-seminar-store.h"

#define N_ESSAYS 20
#define N_PARTICIPANTS 30
#define N_PER_PARTICIPANT 2000

static const char *tag_names[] = { "thesis", "evidence", "source-reference", "counter-argument",
                                   "method", "rhetoric" };
static const char *theme_names[] = { "Famine", "Trade", "Memory", "Law" };

/* The process's user and system CPU time in ms: on a shared machine the wall time also counts
 * the other processes, the CPU time does not. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* Bytes this process has handed to write() and its kin so far (Linux's /proc/self/io), 0 when
 * unknown: the journals and the write-ahead log a merge writes are work the CPU time counts
 * only in part. */
static guint64
written_bytes (void)
{
  g_autofree char *io = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/io", &io, NULL, NULL) || (line = strstr (io, "wchar: ")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("wchar: "), NULL, 10);
}

/* Byte offsets of every character of @text and of its end: cutting 180,000 quotes and contexts
 * with g_utf8_substring() would walk each essay from its start every time. */
static glong *
character_offsets (const char *text,
                   glong       length)
{
  glong *offsets = g_new (glong, length + 1);
  const char *p = text;

  for (glong i = 0; i < length; i++, p = g_utf8_next_char (p))
    offsets[i] = p - text;
  offsets[length] = p - text;
  return offsets;
}

static char *
cut (const char  *text,
     const glong *offsets,
     glong        start,
     glong        end)
{
  return g_strndup (text + offsets[start], offsets[end] - offsets[start]);
}

static ScholiaLogRecord *
random_put (GRand       *rand,
            const char  *author,
            guint        n,
            char       **essay_uuids,
            char       **texts,
            glong       *lengths,
            glong      **offsets)
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
  record->quote = cut (texts[essay], offsets[essay], start, end);
  record->prefix = cut (texts[essay], offsets[essay], start >= 32 ? start - 32 : 0, start);
  record->suffix = cut (texts[essay], offsets[essay], end, MIN (end + 32, (guint) lengths[essay]));
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
  glong *offsets[N_ESSAYS];
  GPtrArray *logs[N_PARTICIPANTS];
  char *participants[N_PARTICIPANTS];
  ScholiaMergeReport report = { 0 };
  gint64 started;
  double ms;
  double cpu_started;
  guint64 written;

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
      offsets[e] = character_offsets (texts[e], lengths[e]);
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
        g_ptr_array_add (logs[p], random_put (rand, participants[p], n, essay_uuids, texts, lengths, offsets));
    }

  /* As a first sync merges: every log, in one batch. */
  started = g_get_monotonic_time ();
  cpu_started = cpu_ms ();
  written = written_bytes ();
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
  cpu_started = cpu_ms () - cpu_started;
  written = written_bytes () - written;

  g_assert_cmpuint (report.applied, ==, N_PARTICIPANTS * N_PER_PARTICIPANT);
  /* On a shared machine judge by the CPU time: the wall time counts the others' processes too. */
  g_print ("seminar merge: %u participants x %u annotations (%u records) on %u essays into an empty "
           "library: %.0f ms of CPU (user + system), %.0f ms wall, target < 1000 ms: %s; %.1f MB written\n",
           N_PARTICIPANTS, N_PER_PARTICIPANT, report.applied, N_ESSAYS, cpu_started, ms,
           cpu_started < 1000 && ms < 1000 ? "met" : cpu_started < 1000 ? "met in CPU time, not in wall time" : "missed",
           written / 1e6);
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
      g_free (offsets[e]);
    }
  g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL);
  return 0;
}
