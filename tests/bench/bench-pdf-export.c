/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A long annotated document (about 300 pages: 850 KB of text, 1,000 annotations with tags and
 * notes): pages per second of the full export (target ≥ 50), and its time against the same text
 * laid out and written with bare pango and cairo, without highlights, notes or annotations
 * (target ≤ 1.5×). Each is run a few times, alternately, and its best time kept: the first run
 * of either would otherwise pay alone for loading fonts, and other work on the machine for
 * whichever it happened to slow down. */
#include "config.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>

#include "bench-corpus.h"
#include "scholia-hyphenate.h"
#include "scholia-pdf-export.h"

#define N_ANNOTATIONS 1000
#define CORPUS_BYTES  (850 * 1024)
#define N_ROUNDS      3

static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The baseline lays out and writes the same text as the export, with the same soft hyphens
 * (found before the clock starts: finding them is the export's cost), in the same column,
 * font, font options, wrapping, justification and indents, and paginates it the same way
 * (mirrored columns, no first line alone at the foot of a page); it draws nothing else: no title block,
 * running heads, washes, underlines, notes or annotations, and like the export it syncs its file
 * to the disk. Returns the number of pages. */
static int
write_bare (const char *text,
            const char *path)
{
  FILE *file = fopen (path, "wb");
  double width, height;
  ScholiaPdfRect column;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  cairo_font_options_t *font_options;
  PangoFontDescription *font = pango_font_description_from_string ("Noto Serif, DejaVu Serif");
  const char *paragraph = text;
  gboolean first = TRUE;
  double y;
  int page = 0;
  ScholiaPdfOptions options;

  g_assert_nonnull (file);
  scholia_pdf_options_init (&options);
  pango_font_description_set_size (font, SCHOLIA_PDF_DEFAULT_FONT_SIZE * PANGO_SCALE);
  scholia_pdf_page_get_size (SCHOLIA_PDF_PAGE_A4, &width, &height);
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, page, &column, NULL);
  surface = cairo_pdf_surface_create_for_stream (write_to_file, file, width, height);
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 72);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, font_options);
  cairo_font_options_destroy (font_options);
  y = column.y;

  while (*paragraph != '\0')
    {
      const char *end = strchr (paragraph, '\n');
      gsize length = end != NULL ? (gsize) (end - paragraph) : strlen (paragraph);
      PangoLayout *layout;
      PangoLayoutIter *iter;
      int n_lines, index = 0;

      /* The export's paragraphs are the text's non-empty lines. */
      if (length == 0)
        {
          paragraph = end != NULL ? end + 1 : paragraph + length;
          continue;
        }

      layout = pango_layout_new (context);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, column.width * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_justify (layout, TRUE);
      if (!first)
        pango_layout_set_indent (layout, 1.5 * SCHOLIA_PDF_DEFAULT_FONT_SIZE * PANGO_SCALE);
      first = FALSE;
      pango_layout_set_text (layout, paragraph, length);
      n_lines = pango_layout_get_line_count (layout);
      iter = pango_layout_get_iter (layout);
      do
        {
          PangoRectangle logical;
          double line_height, needed;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          line_height = logical.height / (double) PANGO_SCALE;
          needed = line_height;
          if (index == 0 && n_lines > 1)
            {
              PangoRectangle second;

              pango_layout_line_get_extents (pango_layout_get_line_readonly (layout, 1), NULL, &second);
              needed += second.height / (double) PANGO_SCALE;
            }
          if (y + needed > column.y + column.height && y > column.y)
            {
              cairo_show_page (cr);
              page++;
              scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, page, &column, NULL);
              y = column.y;
            }
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          cairo_move_to (cr, column.x + logical.x / (double) PANGO_SCALE,
                         y + (pango_layout_iter_get_baseline (iter) - logical.y) / (double) PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
          y += line_height;
          index++;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      g_object_unref (layout);
      paragraph = end != NULL ? end + 1 : paragraph + length;
    }

  cairo_show_page (cr);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  pango_font_description_free (font);
  /* Written as any careful program writes a file it hands to a user: flushed to the disk, as
   * the export does before it renames its file into place. */
  g_assert_cmpint (fflush (file), ==, 0);
  g_assert_cmpint (fsync (fileno (file)), ==, 0);
  g_assert_cmpint (fclose (file), ==, 0);
  return page + 1;
}

/* The CPU time the process has used so far, all its threads: on a busy machine the wall-clock
 * times say as much about the other work as about this. */
static gint64
cpu_time (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC + usage.ru_utime.tv_usec +
         usage.ru_stime.tv_usec;
}

static int
count_pages (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *pdf = poppler_document_new_from_file (uri, NULL, NULL);
  int pages;

  g_assert_nonnull (pdf);
  pages = poppler_document_get_n_pages (pdf);
  g_object_unref (pdf);
  return pages;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scholia-bench-pdf-XXXXXX", &error);
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *output = g_build_filename (dir, "export.pdf", NULL);
  g_autofree char *bare = g_build_filename (dir, "bare.pdf", NULL);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  g_autofree char *text = bench_corpus_essay (3, CORPUS_BYTES);
  g_autoptr(GString) hyphenated = g_string_new (NULL);
  g_autoptr(GArray) hyphens = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  GListModel *tags;
  ScholiaDocument *document;
  gint64 full_us = G_MAXINT64, bare_us = G_MAXINT64, full_cpu = G_MAXINT64, bare_cpu = G_MAXINT64;
  int length, pages, bare_pages = 0;

  g_assert_no_error (error);
  store = scholia_store_open (library, &error);
  g_assert_no_error (error);
  document = scholia_store_add_document (store, "A Long Essay on Harbours", "Helena Marwick", "1956", NULL, text,
                                         NULL, &error);
  g_assert_no_error (error);
  length = scholia_document_get_characters (document);
  tags = scholia_store_get_labels (store, SCHOLIA_TYPE_TAG);

  g_assert_true (scholia_store_begin_batch (store, &error));
  for (int i = 0; i < N_ANNOTATIONS; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = NULL;
      g_autoptr(ScholiaTag) tag = g_list_model_get_item (tags, i % g_list_model_get_n_items (tags));
      g_autofree char *note = g_strdup_printf ("Note %d: how this passage bears on the argument.", i + 1);
      gint64 tag_id = scholia_label_get_id (SCHOLIA_LABEL (tag));
      int start = (gint64) i * (length - 400) / N_ANNOTATIONS + g_rand_int_range (rand, 0, 200);

      annotation = scholia_store_add_annotation (store, document, start, start + g_rand_int_range (rand, 20, 160),
                                                 &tag_id, 1, NULL, 0, note, &error);
      g_assert_no_error (error);
    }
  g_assert_true (scholia_store_commit_batch (store, &error));
  scholia_hyphenator_hyphenate (scholia_hyphenator_get ("en"), text, strlen (text), hyphenated, hyphens);

  for (int round = 0; round < N_ROUNDS; round++)
    {
      gint64 started = g_get_monotonic_time ();
      gint64 cpu = cpu_time ();

      /* Everything the export does: layout, washes, underlines, notes, endnotes, the native
       * annotations' pass through poppler, the temporary file and its rename. */
      g_assert_true (scholia_pdf_export_document (store, document, NULL, output, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      full_us = MIN (full_us, g_get_monotonic_time () - started);
      full_cpu = MIN (full_cpu, cpu_time () - cpu);

      started = g_get_monotonic_time ();
      cpu = cpu_time ();
      bare_pages = write_bare (hyphenated->str, bare);
      bare_us = MIN (bare_us, g_get_monotonic_time () - started);
      bare_cpu = MIN (bare_cpu, cpu_time () - cpu);
    }
  pages = count_pages (output);
  g_assert_cmpint (count_pages (bare), ==, bare_pages);

  g_print ("%zu KB of text, %d annotations, best of %d runs each\n", strlen (text) / 1024, N_ANNOTATIONS,
           N_ROUNDS);
  g_print ("full export: %d pages in %.2f s = %.0f pages/s (target >= 50)\n",
           pages, full_us / 1e6, pages / (full_us / 1e6));
  g_print ("bare pango/cairo, same text and column: %d pages in %.2f s = %.0f pages/s\n",
           bare_pages, bare_us / 1e6, bare_pages / (bare_us / 1e6));
  /* The same text either way: the export's extra pages (title block, endnotes) are part of
   * its cost, not a discount. */
  g_print ("ratio full / bare, same text: %.2f (target <= 1.5)\n", full_us / (double) bare_us);
  /* The export uses a second core for part of its work: its CPU time is more than its
   * wall-clock time on an idle machine, and about the same on a busy one. */
  g_print ("CPU time: full export %.2f s, bare %.2f s, ratio %.2f\n", full_cpu / 1e6, bare_cpu / 1e6,
           full_cpu / (double) bare_cpu);

  g_assert_true (g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL));
  return 0;
}
