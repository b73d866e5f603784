/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Imports a generated corpus of 1,000 essays (10 MB) through scholia-cli, as a user would, and
 * prints the throughput. Target: ≥ 20 MB/s. Then the same for 50 PDFs of 12 pages each, the
 * size of a journal article, to show what reading PDFs costs per file. */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <cairo-pdf.h>

#include "bench-corpus.h"

#define N_ESSAYS 1000
#define ESSAY_BYTES (10 * 1024)
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

static double
run_import (GPtrArray *args)
{
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  int wait_status;

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
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
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  g_autofree char *pdf_library = g_build_filename (dir, "pdfs.sqlite3", NULL);
  g_autoptr(GPtrArray) args = import_args (library);
  g_autoptr(GPtrArray) pdf_args = import_args (pdf_library);
  gsize total_bytes = 0;
  double seconds;

  g_assert_no_error (error);

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

  seconds = run_import (args);
  g_print ("import %d essays, %.1f MB through scholia-cli: %.2f s, %.1f MB/s (target >= 20 MB/s)\n",
           N_ESSAYS, total_bytes / 1e6, seconds, total_bytes / 1e6 / seconds);

  for (int i = 0; i < N_PDFS; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%02d.pdf", i);
      char *path = g_build_filename (dir, name, NULL);

      write_pdf (path, 5000 + i);
      g_ptr_array_add (pdf_args, path);
    }
  g_ptr_array_add (pdf_args, NULL);

  seconds = run_import (pdf_args);
  g_print ("import %d PDFs of %d pages through scholia-cli: %.2f s, %.1f ms per PDF, "
           "%.0f pages/s\n",
           N_PDFS, PDF_PAGES, seconds, seconds * 1000 / N_PDFS, N_PDFS * PDF_PAGES / seconds);

  g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL);
  return 0;
}
