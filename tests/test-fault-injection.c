/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Faults in the middle of writing: the process killed (kill -9) at random points of a
 * checkpoint, and a full disk during import, annotation and export. Afterwards the library must
 * open, hold every change that was acknowledged, and pass SQLite's integrity check. The kill
 * points come from the test's seeded random numbers (the seed is printed; rerun with --seed);
 * what is asserted holds for every kill point, so the timing cannot make the test flake. */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli-runner.h"
#include "scholia-error.h"
#include "scholia-store-private.h"
#include "test-files.h"

#define KILL_TRIALS 30

static const char sentence[] =
  "The harbour master’s ledger for 1848 ends mid-page — the last entry reads “silt, again”. ";

typedef TestLibraryFixture Fixture;

static char *
make_text (guint sentences)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < sentences; i++)
    {
      g_string_append (text, sentence);
      if (i % 7 == 6)
        g_string_append_printf (text, "(%u)\n\n", i);
    }
  return g_string_free (text, FALSE);
}

/* The library opens through the store, holds every acknowledged annotation (and document), and
 * SQLite finds nothing wrong with it. */
static void
assert_library_whole (const char   *path,
                      GArray       *annotation_ids,
                      const char  **titles)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;

  store = scholia_store_open (path, &error);
  g_assert_no_error (error);

  if (annotation_ids != NULL)
    {
      ScholiaDocument *document = scholia_store_find_document (store, "Ledger", &error);
      g_autoptr(GListModel) annotations = scholia_store_list_annotations (store, document, &error);
      g_autoptr(GHashTable) present = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                             NULL);
      guint n;

      g_assert_no_error (error);
      n = g_list_model_get_n_items (annotations);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

          gint64 id = scholia_annotation_get_id (annotation);

          g_hash_table_add (present, g_memdup2 (&id, sizeof id));
        }
      for (guint i = 0; i < annotation_ids->len; i++)
        g_assert_true (g_hash_table_contains (present, &g_array_index (annotation_ids, gint64, i)));
    }

  for (guint i = 0; titles != NULL && titles[i] != NULL; i++)
    {
      g_assert_nonnull (scholia_store_find_document (store, titles[i], &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);

  integrity = test_sql_text (path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
}

/* Messages from the writing child: an annotation committed, or a checkpoint starting. */
typedef struct
{
  char   kind;  /* 'a' or 'c' */
  gint64 id;
} Message;

static void
send_message (int    fd,
              char   kind,
              gint64 id)
{
  Message message = { kind, id };

  if (write (fd, &message, sizeof message) != sizeof message)
    _exit (3);
}

/* The child: annotate with long notes (so that each checkpoint has many pages to copy and the
 * file grows), acknowledging each annotation only after the store returned it, committed; every
 * 25 annotations, a checkpoint that truncates the log. */
static G_GNUC_NORETURN void
annotate_and_checkpoint (const char *path,
                         int         fd)
{
  g_autoptr(ScholiaStore) store = scholia_store_open (path, NULL);
  g_autofree char *note = NULL;
  ScholiaDocument *document;
  gint64 tag_id;

  /* A forked child inherits GLib's random state, and with it the annotation uuids the previous
   * child made: a process started afresh would not. */
  g_random_set_seed (getpid ());
  if (store == NULL ||
      !scholia_db_exec (store->db, "PRAGMA wal_autocheckpoint = 0", NULL))
    _exit (2);
  document = scholia_store_find_document (store, "Ledger", NULL);
  tag_id = scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "evidence", NULL));
  note = make_text (25);

  for (int i = 0;; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = NULL;
      g_autoptr(GError) error = NULL;

      annotation = scholia_store_add_annotation (store, document, i % 200, i % 200 + 30,
                                                 &tag_id, 1, NULL, 0, note, &error);
      if (annotation == NULL)
        {
          g_printerr ("%s\n", error->message);
          _exit (4);
        }
      send_message (fd, 'a', scholia_annotation_get_id (annotation));

      if (i % 25 == 24)
        {
          send_message (fd, 'c', 0);
          if (!scholia_db_exec (store->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL))
            _exit (5);
        }
    }
}

/* Whether the main file is shorter than its header's page count: the state an interrupted
 * checkpoint leaves, which once locked users out. */
static gboolean
main_file_cut_short (const char *path)
{
  g_autoptr(GBytes) bytes = test_read_bytes (path);
  const guint8 *header = g_bytes_get_data (bytes, NULL);
  guint32 page_size = (header[16] << 8) | header[17];
  guint32 page_count = ((guint32) header[28] << 24) | (header[29] << 16) | (header[30] << 8) |
                       header[31];

  return g_bytes_get_size (bytes) < (gsize) page_count * page_size;
}

static void
test_kill_during_checkpoint (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GArray) acknowledged = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *text = make_text (200);
  guint cut_short = 0;
  guint killed_in_checkpoint = 0;
  gint64 started = g_get_monotonic_time ();

  {
    g_autoptr(ScholiaStore) store = scholia_store_open (fixture->library, NULL);

    g_assert_nonnull (scholia_store_add_document (store, "Ledger", "Helena Marwick", "1848", NULL,
                                                  text, NULL, NULL));
  }

  for (int trial = 0; trial < KILL_TRIALS; trial++)
    {
      /* In the first or second checkpoint, or in the writes after it. */
      int checkpoints_before_kill = g_test_rand_int_range (1, 3);
      int delay_us = g_test_rand_int_range (0, 4000);
      gboolean in_checkpoint = FALSE;
      int checkpoints = 0;
      int fds[2];
      int status;
      pid_t child;
      Message message;

      g_assert_cmpint (pipe (fds), ==, 0);
      child = fork ();
      g_assert_cmpint (child, >=, 0);
      if (child == 0)
        {
          close (fds[0]);
          annotate_and_checkpoint (fixture->library, fds[1]);
        }
      close (fds[1]);

      while (checkpoints < checkpoints_before_kill &&
             read (fds[0], &message, sizeof message) == sizeof message)
        {
          if (message.kind == 'a')
            g_array_append_val (acknowledged, message.id);
          else
            checkpoints++;
        }
      g_usleep (delay_us);
      g_assert_cmpint (kill (child, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (child, &status, 0), ==, child);
      if (!WIFSIGNALED (status))
        g_error ("the writing child exited with %d", WEXITSTATUS (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      /* What the child acknowledged before it died. */
      in_checkpoint = TRUE;
      while (read (fds[0], &message, sizeof message) == sizeof message)
        {
          in_checkpoint = message.kind == 'c';
          if (message.kind == 'a')
            g_array_append_val (acknowledged, message.id);
        }
      close (fds[0]);

      killed_in_checkpoint += in_checkpoint;
      cut_short += main_file_cut_short (fixture->library);
      assert_library_whole (fixture->library, acknowledged, NULL);
    }

  g_test_message ("%d trials in %.1f s: %u killed after a checkpoint began and before the next "
                  "annotation, %u left the main file shorter than its header says; "
                  "%u acknowledged annotations, all present",
                  KILL_TRIALS, (g_get_monotonic_time () - started) / 1e6, killed_in_checkpoint,
                  cut_short, acknowledged->len);
  g_assert_cmpuint (acknowledged->len, >, 0);
}

/* In the scholia-cli child: files may not grow past the limit, and writing past it fails with
 * EFBIG instead of killing the process, as a full disk makes writes fail. */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit;

  limit.rlim_cur = limit.rlim_max = GPOINTER_TO_SIZE (data);
  signal (SIGXFSZ, SIG_IGN);
  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    _exit (125);
}

static void
run_on_full_disk (CliRun     *run,
                  Fixture    *fixture,
                  gsize       file_size_limit,
                  const char *first_arg,
                  ...)
{
  CliRunOptions options = {
    .child_setup = limit_file_size,
    .child_setup_data = GSIZE_TO_POINTER (file_size_limit),
  };
  va_list args;

  va_start (args, first_arg);
  cli_run_valist (run, &options, fixture->dir, fixture->library, first_arg, args);
  va_end (args);
  g_test_message ("%s (files limited to %zu bytes): exit %d, %s", first_arg, file_size_limit,
                  run->status, run->err);
  g_assert_cmpint (run->status, !=, 125);
}

static char *
write_essay (Fixture    *fixture,
             const char *name,
             guint       sentences)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (sentences);
  char *path = g_build_filename (fixture->dir, name, NULL);

  /* Each sentence numbered at random: the library stores texts compressed (schema 17), and a
   * text of one sentence repeated would take next to no room in the file or its log. */
  for (guint i = 0; i < sentences; i++)
    g_string_append_printf (text, "%s(%08x) ", sentence, g_rand_int (rand));
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  return path;
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static void
test_full_disk (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *first = write_essay (fixture, "first.txt", 2000);
  g_autofree char *small = write_essay (fixture, "small.txt", 400);
  g_autofree char *large = write_essay (fixture, "large.txt", 20000);
  g_autofree char *pdf = g_build_filename (fixture->dir, "ledger.pdf", NULL);
  g_autofree char *long_note = make_text (1000);
  g_auto(CliRun) run = { 0 };
  const char *titles[] = { "first", "small", NULL };
  gsize size;

  cli_run (&run, fixture->dir, "--library", fixture->library, "import", first, NULL);
  g_assert_cmpint (run.status, ==, 0);
  size = file_size (fixture->library);

  /* A small import fits in the log, but the main file cannot grow when the log is copied back
   * at exit: the checkpoint is interrupted, as on a disk that filled up in between. */
  run_on_full_disk (&run, fixture, size + 4096, "import", small, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (main_file_cut_short (fixture->library));
  assert_library_whole (fixture->library, NULL, titles);

  /* A large import does not fit in the log: it fails with a message, and is not there. */
  run_on_full_disk (&run, fixture, 256 * 1024, "import", large, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "library.sqlite3"));
  assert_library_whole (fixture->library, NULL, titles);
  cli_run (&run, fixture->dir, "--library", fixture->library, "show", "large", NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* An annotation whose note does not fit. */
  run_on_full_disk (&run, fixture, 64 * 1024, "annotate", "small", "--quote", "silt, again",
                    "--occurrence", "1", "--tag", "evidence", "--note", long_note, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "library.sqlite3"));
  assert_library_whole (fixture->library, NULL, titles);
  cli_run (&run, fixture->dir, "--library", fixture->library, "annotations", "small", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (cli_count_lines (run.out), ==, 0);

  /* An export that does not fit. */
  run_on_full_disk (&run, fixture, 48 * 1024, "export", "first", "--format", "pdf", "-o", pdf,
                    NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "ledger.pdf"));
  assert_library_whole (fixture->library, NULL, titles);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) test_add_with_library (path, func)
  ADD ("/fault-injection/kill-9-during-checkpoint", test_kill_during_checkpoint);
  ADD ("/fault-injection/full-disk", test_full_disk);
#undef ADD

  return g_test_run ();
}
