/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Imports a generated corpus of 1,000 essays (10 MB) through scholia-cli, as a user would, and
 * prints the throughput. Target: ≥ 20 MB/s. */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "bench-corpus.h"

#define N_ESSAYS 1000
#define ESSAY_BYTES (10 * 1024)

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scholia-bench-import-XXXXXX", &error);
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  gsize total_bytes = 0;
  gint64 started;
  double seconds;
  int wait_status;

  g_assert_no_error (error);

  g_ptr_array_add (args, g_strdup (SCHOLIA_CLI_PATH));
  g_ptr_array_add (args, g_strdup ("--library"));
  g_ptr_array_add (args, g_strdup (library));
  g_ptr_array_add (args, g_strdup ("import"));
  for (int i = 0; i < N_ESSAYS; i++)
    {
      g_autofree char *text = bench_corpus_essay (i, ESSAY_BYTES);
      g_autofree char *name = g_strdup_printf ("essay-%04d.txt", i);
      char *path = g_build_filename (dir, name, NULL);

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      total_bytes += strlen (text);
      g_ptr_array_add (args, path);
    }
  g_ptr_array_add (args, NULL);

  started = g_get_monotonic_time ();
  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &wait_status, &error);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);

  g_print ("import %d essays, %.1f MB through scholia-cli: %.2f s, %.1f MB/s (target >= 20 MB/s)\n",
           N_ESSAYS, total_bytes / 1e6, seconds, total_bytes / 1e6 / seconds);

  g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL);
  return 0;
}
