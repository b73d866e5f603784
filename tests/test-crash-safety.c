/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An acknowledged annotation must survive the process being killed (kill -9) immediately
 * afterwards: the store commits before it returns, and the GUI shows an annotation only after
 * the store returned it, so this is the guarantee the app gives its users. */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scholia-store.h"
#include "test-files.h"

static const char essay[] =
  "The harbour master’s ledger for 1848 ends mid-page — the last entry reads “silt, again”.\n";

static void
annotate_then_wait_for_death (const char *path,
                              int         ack_fd,
                              int         rounds)
{
  g_autoptr(ScholiaStore) store = scholia_store_open (path, NULL);
  ScholiaDocument *document;
  gint64 tag_id;

  if (store == NULL)
    _exit (2);
  document = scholia_store_find_document (store, "Ledger", NULL);
  tag_id = scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "evidence", NULL));

  for (int i = 0; i < rounds; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = NULL;
      g_autofree char *note = g_strdup_printf ("note %d", i);
      char ack = 'a';

      annotation = scholia_store_add_annotation (store, document, i % 40, i % 40 + 10, &tag_id, 1,
                                                 NULL, 0, note, NULL);
      if (annotation == NULL || write (ack_fd, &ack, 1) != 1)
        _exit (3);
    }

  /* Acknowledged: now wait to be killed, with the connection still open. */
  for (;;)
    pause ();
}

static void
test_annotation_survives_kill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_tmp_dir_new ("scholia-crash-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GListModel) annotations = NULL;
  ScholiaCounts counts;
  const int rounds = 25;
  int fds[2];
  int received = 0;
  int status;
  pid_t child;

  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scholia_store_add_document (store, "Ledger", "Helena Marwick", "1848", NULL, essay, NULL, &error));
  g_clear_object (&store);

  g_assert_cmpint (pipe (fds), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      close (fds[0]);
      annotate_then_wait_for_death (path, fds[1], rounds);
    }
  close (fds[1]);

  /* Kill the moment the last acknowledgement arrives. */
  while (received < rounds)
    {
      char ack;

      g_assert_cmpint (read (fds[0], &ack, 1), ==, 1);
      received++;
    }
  g_assert_cmpint (kill (child, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFSIGNALED (status));
  close (fds[0]);

  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_get_counts (store, &counts, &error));
  g_assert_cmpuint (counts.annotations, ==, rounds);
  annotations = scholia_store_list_annotations (store, scholia_store_find_document (store, "Ledger", NULL), &error);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, rounds);

  g_clear_object (&annotations);
  g_clear_object (&store);
  test_tmp_dir_remove (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash-safety/annotation-survives-kill-9", test_annotation_survives_kill);
  return g_test_run ();
}
