/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Imports the two pathological Markdown files of the reliability issue (2 MB of "[^" and of
 * "< ", which once took 51 s each) and 2 MB of ordinary Markdown prose, and prints MB/s for
 * each: the best of a few runs, in CPU time. Markdown import must stay linear (issue 10). */
#include "config.h"

#include <string.h>
#include <time.h>

#include "scholia-importer.h"

#define N_RUNS 5

static double
cpu_seconds (void)
{
  return (double) clock () / CLOCKS_PER_SEC;
}

static void
measure (const char *label,
         GBytes     *bytes)
{
  double best = G_MAXDOUBLE;

  for (int run = 0; run < N_RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScholiaImportedText) imported = NULL;
      double start = cpu_seconds ();

      imported = scholia_import_bytes (bytes, "bench.md", NULL, &error);
      g_assert_no_error (error);
      best = MIN (best, cpu_seconds () - start);
    }

  g_print ("%-32s %5.2f MB in %7.1f ms: %7.1f MB/s\n", label, g_bytes_get_size (bytes) / 1e6,
           best * 1000, g_bytes_get_size (bytes) / 1e6 / MAX (best, 1e-6));
}

int
main (int    argc,
      char **argv)
{
  const char *names[] = { "md-quadratic-footnotes-2MB.md", "md-quadratic-angles-2MB.md" };
  const char *dir = g_getenv ("SCHOLIA_REPRO_DIR");
  g_autoptr(GString) prose = g_string_new (NULL);
  g_autoptr(GBytes) prose_bytes = NULL;

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      char *contents;
      gsize length;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      bytes = g_bytes_new_take (contents, length);
      measure (names[i], bytes);
    }

  while (prose->len < 2000000)
    g_string_append (prose, "The *harbour* silted, and the merchants left for [Lisle](l.html).\n\n");
  prose_bytes = g_string_free_to_bytes (g_steal_pointer (&prose));
  measure ("ordinary Markdown prose", prose_bytes);
  return 0;
}
