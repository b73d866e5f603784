/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A long annotated document (about 600 KB of text, 1,000 annotations with tags and notes): pages
 * per second of the full export (target ≥ 50), and its cost against the same text laid out and
 * written with bare pango and cairo, without highlights, notes or annotations (target ≤ 1.5×). */
#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>

#include "bench-corpus.h"
#include "scholia-pdf-export.h"

#define N_ANNOTATIONS 1000

static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The baseline: every paragraph a layout in the same column and font, lines paginated one by
 * one and drawn; nothing else. Returns the number of pages. */
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
  PangoFontDescription *font = pango_font_description_from_string ("Noto Serif, DejaVu Serif 11");
  const char *paragraph = text;
  double y;
  int pages = 1;

  scholia_pdf_page_get_size (SCHOLIA_PDF_PAGE_A4, &width, &height);
  scholia_pdf_page_get_geometry (SCHOLIA_PDF_PAGE_A4, SCHOLIA_PDF_LAYOUT_ANNOTATED, 0, &column, NULL);
  surface = cairo_pdf_surface_create_for_stream (write_to_file, file, width, height);
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 72);
  y = column.y;

  while (*paragraph != '\0')
    {
      const char *end = strchr (paragraph, '\n');
      gsize length = end != NULL ? (gsize) (end - paragraph) : strlen (paragraph);
      PangoLayout *layout = pango_layout_new (context);
      PangoLayoutIter *iter;

      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, column.width * PANGO_SCALE);
      pango_layout_set_justify (layout, TRUE);
      pango_layout_set_text (layout, paragraph, length);
      iter = pango_layout_get_iter (layout);
      do
        {
          PangoRectangle logical;
          double line_height;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          line_height = logical.height / (double) PANGO_SCALE;
          if (y + line_height > column.y + column.height)
            {
              cairo_show_page (cr);
              pages++;
              y = column.y;
            }
          cairo_move_to (cr, column.x + logical.x / (double) PANGO_SCALE,
                         y + (pango_layout_iter_get_baseline (iter) - logical.y) / (double) PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
          y += line_height;
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
  cairo_surface_destroy (surface);
  pango_font_description_free (font);
  fclose (file);
  return pages;
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
  g_autofree char *text = bench_corpus_essay (3, 600 * 1024);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  GListModel *tags;
  ScholiaDocument *document;
  gint64 started, full_us, bare_us;
  int length, pages, bare_pages;

  g_assert_no_error (error);
  store = scholia_store_open (library, &error);
  g_assert_no_error (error);
  document = scholia_store_add_document (store, "A Long Essay on Harbours", "Helena Marwick", "1956", NULL, text,
                                         NULL, &error);
  g_assert_no_error (error);
  length = scholia_document_get_characters (document);
  tags = scholia_store_get_tags (store);

  g_assert_true (scholia_store_begin_batch (store, &error));
  for (int i = 0; i < N_ANNOTATIONS; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = NULL;
      g_autoptr(ScholiaTag) tag = g_list_model_get_item (tags, i % g_list_model_get_n_items (tags));
      g_autofree char *note = g_strdup_printf ("Note %d: how this passage bears on the argument.", i + 1);
      gint64 tag_id = scholia_tag_get_id (tag);
      int start = (gint64) i * (length - 400) / N_ANNOTATIONS + g_rand_int_range (rand, 0, 200);

      annotation = scholia_store_add_annotation (store, document, start, start + g_rand_int_range (rand, 20, 160),
                                                 &tag_id, 1, NULL, 0, note, &error);
      g_assert_no_error (error);
    }
  g_assert_true (scholia_store_commit_batch (store, &error));

  started = g_get_monotonic_time ();
  g_assert_true (scholia_pdf_export_document (store, document, NULL, output, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  full_us = g_get_monotonic_time () - started;
  pages = count_pages (output);

  started = g_get_monotonic_time ();
  bare_pages = write_bare (text, bare);
  bare_us = g_get_monotonic_time () - started;

  g_print ("%zu KB of text, %d annotations\n", strlen (text) / 1024, N_ANNOTATIONS);
  g_print ("full export: %d pages in %.2f s = %.0f pages/s (target >= 50)\n",
           pages, full_us / 1e6, pages / (full_us / 1e6));
  g_print ("bare pango/cairo: %d pages in %.2f s = %.0f pages/s\n",
           bare_pages, bare_us / 1e6, bare_pages / (bare_us / 1e6));
  g_print ("ratio full / bare, per page: %.2f (target <= 1.5)\n",
           (full_us / (double) pages) / (bare_us / (double) bare_pages));

  g_assert_true (g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL));
  return 0;
}
