/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Imports a generated corpus of about 100 MB of plain text (9,600 essays of 10 KB and five of
 * 1 MB) through scholia-cli, as a user would, into a new library each time, and prints the
 * median throughput of three runs, with the processor time the command took and the load
 * average. Target (issue 17): ≥ 40 MB/s. Then 50 PDFs of 12 pages each, the size of a journal
 * article, to show what reading PDFs costs per file. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <cairo-pdf.h>

#include "bench-corpus.h"

#define N_ESSAYS 9600
#define ESSAY_BYTES (10 * 1024)
#define N_LONG_ESSAYS 5
#define LONG_ESSAY_BYTES (1000 * 1000)
#define RUNS 3
#define TARGET_MB_PER_S 40.0
#define N_PDFS 50
#define PDF_PAGES 12

/* One essay set in lines of about 80 characters, 45 lines a page, with a page number. */
static void
write_pdf (const char *path,
           guint32     seed)
{
  g_autofree char *text = bench_corpus_essay (seed, PDF_PAGES * 45 * 80);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  const char *p = text;

  cairo_select_font_face (cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  for (int page = 0; page < PDF_PAGES; page++)
    {
      g_autofree char *number = g_strdup_printf ("%d", page + 1);

      for (int line = 0; line < 45 && *p != '\0'; line++)
        {
          const char *end = g_utf8_offset_to_pointer (p, MIN (80, g_utf8_strlen (p, -1)));
          g_autofree char *chunk = NULL;

          /* Break at a space, as a typesetter would. */
          while (*end != '\0' && end > p && *end != ' ')
            end--;
          if (end == p)
            end = p + strlen (p);
          chunk = g_strndup (p, end - p);
          g_strdelimit (chunk, "\n", ' ');
          cairo_move_to (cr, 72, 80 + line * 15);
          cairo_show_text (cr, chunk);
          p = *end == '\0' ? end : end + 1;
        }
      cairo_move_to (cr, 290, 800);
      cairo_show_text (cr, number);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Processor time (user and system) of the children waited for so far, in seconds. */
static double
children_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Wall-clock seconds; the processor time it took in @cpu_seconds. */
static double
run_import (GPtrArray *args,
            double    *cpu_seconds)
{
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  double cpu_before = children_cpu_seconds ();
  int wait_status;

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
  if (cpu_seconds != NULL)
    *cpu_seconds = children_cpu_seconds () - cpu_before;
  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

static GPtrArray *
import_args (const char *library)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup (SCHOLIA_CLI_PATH));
  g_ptr_array_add (args, g_strdup ("--library"));
  g_ptr_array_add (args, g_strdup (library));
  g_ptr_array_add (args, g_strdup ("import"));
  return args;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scholia-bench-import-XXXXXX", &error);
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *remove_library = g_strdup_printf ("rm -f '%s' '%s-wal' '%s-shm'", library, library, library);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  g_autofree char *pdf_library = g_build_filename (dir, "pdfs.sqlite3", NULL);
  g_autoptr(GPtrArray) args = import_args (library);
  g_autoptr(GPtrArray) pdf_args = import_args (pdf_library);
  gsize total_bytes = 0;
  double seconds;
  double wall[RUNS];
  double cpu[RUNS];
  double load[3] = { 0 };
  double mb;

  g_assert_no_error (error);

  for (int i = 0; i < N_ESSAYS + N_LONG_ESSAYS; i++)
    {
      g_autofree char *text = bench_corpus_essay (i, i < N_ESSAYS ? ESSAY_BYTES : LONG_ESSAY_BYTES);
      g_autofree char *name = g_strdup_printf ("essay-%05d.txt", i);
      char *path = g_build_filename (dir, name, NULL);

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      total_bytes += strlen (text);
      g_ptr_array_add (args, path);
    }
  g_ptr_array_add (args, NULL);

  mb = total_bytes / 1e6;
  for (int run = 0; run < RUNS; run++)
    {
      g_spawn_command_line_sync (remove_library, NULL, NULL, NULL, NULL);
      wall[run] = run_import (args, &cpu[run]);
      g_print ("run %d: %.2f s, %.1f MB/s; processor %.2f s (%.1f MB/s of processor time)\n",
               run + 1, wall[run], mb / wall[run], cpu[run], mb / cpu[run]);
    }
  seconds = bench_median (wall, RUNS);
  getloadavg (load, 3);
  g_print ("import %d essays of 10 KB and %d of 1 MB, %.1f MB of text, through scholia-cli: "
           "median %.2f s, %.1f MB/s (target >= %.0f MB/s, ratio %.2f); processor time median "
           "%.2f s; load average %.2f %.2f %.2f on %u processors\n",
           N_ESSAYS, N_LONG_ESSAYS, mb, seconds, mb / seconds, TARGET_MB_PER_S,
           mb / seconds / TARGET_MB_PER_S, bench_median (cpu, RUNS), load[0], load[1], load[2],
           g_get_num_processors ());

  for (int i = 0; i < N_PDFS; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%02d.pdf", i);
      char *path = g_build_filename (dir, name, NULL);

      write_pdf (path, 5000 + i);
      g_ptr_array_add (pdf_args, path);
    }
  g_ptr_array_add (pdf_args, NULL);

  seconds = run_import (pdf_args, NULL);
  g_print ("import %d PDFs of %d pages through scholia-cli: %.2f s, %.1f ms per PDF, "
           "%.0f pages/s\n",
           N_PDFS, PDF_PAGES, seconds, seconds * 1000 / N_PDFS, N_PDFS * PDF_PAGES / seconds);

  g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL);
  return 0;
}
