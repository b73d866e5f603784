/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "scholia-pdf-layout.h"
#include "scholia-pdf-premark.h"
#include "scholia-pdf-qpdf.h"
#include "scholia-pdf-structure.h"
#include "scholia-pdf-update.h"

/* The pages' content marked while cairo is still writing the file (scholia-pdf-premark.h): every
 * page found, in whatever pieces cairo hands the file over, and marked exactly as finishing the
 * file would have done it; anything not a whole content stream of cairo's left alone; and the
 * content compressed once, by the finishing, not first by cairo. */

#define N_PAGES 3

typedef struct
{
  GByteArray        *file;
  ScholiaPdfPremark *premark;
  guint              piece;  /* fed in pieces this long, so keywords fall across them */
} Sink;

static cairo_status_t
write_to_sink (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  Sink *sink = closure;

  g_byte_array_append (sink->file, data, length);
  for (unsigned int at = 0; at < length; at += sink->piece)
    scholia_pdf_premark_feed (sink->premark, data + at, MIN (sink->piece, length - at));
  return CAIRO_STATUS_SUCCESS;
}

/* A tagged paragraph and an untagged rule and folio on each page, as the export draws them. */
static void
write_pages (Sink *sink)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_to_sink, sink, 300, 400);
  cairo_t *cr = cairo_create (surface);

  cairo_tag_begin (cr, "Document", "");
  for (int page = 0; page < N_PAGES; page++)
    {
      g_autofree char *folio = g_strdup_printf ("%d", page + 1);

      cairo_select_font_face (cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 11);
      cairo_tag_begin (cr, "P", "");
      cairo_move_to (cr, 30, 60);
      cairo_show_text (cr, "The ferry ledgers of Orrin Vale name every crossing.");
      cairo_tag_end (cr, "P");
      cairo_rectangle (cr, 30, 350, 240, 0.5);
      cairo_fill (cr);
      cairo_move_to (cr, 150, 380);
      cairo_show_text (cr, folio);
      cairo_show_page (cr);
    }
  cairo_tag_end (cr, "Document");
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* What finishing the file does to @page's content when it was not marked ahead. */
static GBytes *
mark_at_the_end (qpdf_data qpdf,
                 qpdf_oh   page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) marked = NULL;
  unsigned char *content = NULL;
  size_t length = 0;
  GBytes *deflated;
  gsize marked_length;
  const char *text;

  g_assert_cmpint (qpdf_oh_get_page_content_data (qpdf, page, &content, &length), ==, QPDF_SUCCESS);
  marked = scholia_pdf_mark_artifacts ((const char *) content, length, &error);
  g_assert_no_error (error);
  free (content);
  text = g_bytes_get_data (marked, &marked_length);
  /* The artifacts are there to be marked: the rule and the folio. */
  g_assert_nonnull (g_strstr_len (text, marked_length, "/Artifact BMC"));
  deflated = scholia_pdf_update_deflate (text, marked_length, &error);
  g_assert_no_error (error);
  return deflated;
}

static void
check_every_page (guint piece)
{
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(ScholiaPdfPremark) premark = scholia_pdf_premark_new ();
  Sink sink = { file, premark, piece };
  g_auto(qpdf_data) qpdf = qpdf_init ();

  write_pages (&sink);
  qpdf_silence_errors (qpdf);
  qpdf_read_memory (qpdf, "test.pdf", (const char *) file->data, file->len, NULL);
  g_assert_false (qpdf_has_error (qpdf));
  g_assert_cmpint (qpdf_get_num_pages (qpdf), ==, N_PAGES);

  for (int i = 0; i < N_PAGES; i++)
    {
      qpdf_oh page = qpdf_get_page_n (qpdf, i);
      qpdf_oh stream = qpdf_oh_get_key (qpdf, page, "/Contents");
      guint number = qpdf_oh_get_object_id (qpdf, stream);
      gsize length = qpdf_oh_get_int_value (qpdf, qpdf_oh_get_key (qpdf, qpdf_oh_get_dict (qpdf, stream), "/Length"));
      g_autoptr(GBytes) expected = mark_at_the_end (qpdf, page);
      g_autoptr(GBytes) taken = NULL;

      /* A stream of another length is another stream. */
      g_assert_null (scholia_pdf_premark_take (premark, number, length + 1));
      taken = scholia_pdf_premark_take (premark, number, length);
      g_assert_nonnull (taken);
      g_assert_true (g_bytes_equal (taken, expected));
    }
}

static void
test_every_page_whole (void)
{
  check_every_page (G_MAXUINT);
}

static void
test_every_page_in_pieces (void)
{
  check_every_page (7);
}

/* A stream that does not inflate to its end, one with a dictionary of its own (a font's, a
 * form's) and one that is not over when the file is: none is taken; the content stream among
 * them is. */
static void
test_only_content_streams (void)
{
  static const char content[] = "0 0 m 10 10 l S BT /f-0-0 1 Tf (x) Tj ET";
  g_autoptr(ScholiaPdfPremark) premark = scholia_pdf_premark_new ();
  g_autoptr(GBytes) deflated = scholia_pdf_update_deflate (content, strlen (content), NULL);
  g_autoptr(GBytes) taken = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GString) file = g_string_new ("%PDF-1.5\n");
  gsize length;
  const char *data = g_bytes_get_data (deflated, &length);

  g_string_append (file, "4 0 obj\n<< /Length 5 0 R\n   /Filter /FlateDecode\n>>\nstream\n");
  g_string_append_len (file, data, length - 1);
  g_string_append (file, "\nendstream\nendobj\n");
  g_string_append (file, "6 0 obj\n<< /Length 7 0 R\n   /Filter /FlateDecode\n   /Type /XObject\n>>\nstream\n");
  g_string_append_len (file, data, length);
  g_string_append (file, "\nendstream\nendobj\n");
  g_string_append (file, "8 0 obj\n<< /Length 9 0 R\n   /Filter /FlateDecode\n>>\nstream\n");
  g_string_append_len (file, data, length);
  g_string_append (file, "\nendstream\nendobj\n");
  g_string_append (file, "12 0 obj\n<< /Length 13 0 R\n>>\nstream\n");
  g_string_append (file, content);
  g_string_append (file, "\nendstream\nendobj\n");
  g_string_append (file, "10 0 obj\n<< /Length 11 0 R\n   /Filter /FlateDecode\n>>\nstream\n");
  g_string_append_len (file, data, length);
  scholia_pdf_premark_feed (premark, (const guchar *) file->str, file->len);

  g_assert_null (scholia_pdf_premark_take (premark, 4, length - 1));
  g_assert_null (scholia_pdf_premark_take (premark, 6, length));
  g_assert_null (scholia_pdf_premark_take (premark, 10, length));
  taken = scholia_pdf_premark_take (premark, 8, length);
  g_assert_nonnull (taken);
  g_assert_false (g_bytes_equal (taken, deflated));
  /* Not compressed, as the writer has cairo write it: the same content marked the same. */
  g_assert_null (scholia_pdf_premark_take (premark, 12, strlen (content) + 1));
  plain = scholia_pdf_premark_take (premark, 12, strlen (content));
  g_assert_nonnull (plain);
  g_assert_true (g_bytes_equal (plain, taken));
}

typedef struct
{
  gboolean compressed;  /* cairo compressed the page's content */
} Original;

/* A ScholiaPdfAppendFunc noting how cairo wrote the page's content. */
static gboolean
look_at_original (ScholiaPdfUpdate  *update,
                  gpointer           user_data,
                  GError           **error)
{
  Original *original = user_data;
  gsize length;
  const char *data = scholia_pdf_update_get_original (update, &length);
  g_auto(qpdf_data) qpdf = qpdf_init ();
  qpdf_oh stream;

  qpdf_silence_errors (qpdf);
  qpdf_read_memory (qpdf, "original.pdf", data, length, NULL);
  g_assert_false (qpdf_has_error (qpdf));
  stream = qpdf_oh_get_key (qpdf, qpdf_get_page_n (qpdf, 0), "/Contents");
  original->compressed = qpdf_oh_has_key (qpdf, qpdf_oh_get_dict (qpdf, stream), "/Filter");
  return TRUE;
}

/* cairo writes the writer's pages uncompressed, compressed once they are marked; no other PDF
 * of the process is left uncompressed. */
static void
test_writer_compresses_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scholia-pdf-ratio-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "pages.pdf", NULL);
  Original original = { TRUE };
  ScholiaPdfOptions options;
  ScholiaPdfWriter *writer;
  PangoLayout *layout;
  g_auto(qpdf_data) qpdf = qpdf_init ();
  qpdf_oh stream;

  g_assert_no_error (error);
  scholia_pdf_options_init (&options);
  writer = scholia_pdf_writer_new (path, &options, SCHOLIA_PDF_LAYOUT_ANNOTATED, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (g_getenv ("CAIRO_DEBUG_PDF"));
  scholia_pdf_writer_set_running_head (writer, "Tamsin Obrel", "Ferry Ledgers");
  layout = scholia_pdf_writer_create_layout (writer, 300, 11, PANGO_STYLE_NORMAL, PANGO_WEIGHT_NORMAL);
  pango_layout_set_text (layout, "The ferry ledgers of Orrin Vale name every crossing.", -1);
  cairo_move_to (scholia_pdf_writer_get_cairo (writer), 100, 100);
  pango_cairo_show_layout (scholia_pdf_writer_get_cairo (writer), layout);
  g_object_unref (layout);
  g_assert_true (scholia_pdf_writer_show_page (writer, 1.0, &error));
  g_assert_true (scholia_pdf_writer_close (writer, &error));
  g_assert_true (scholia_pdf_writer_append (writer, look_at_original, &original, &error));
  g_assert_true (scholia_pdf_writer_commit (writer, &error));
  g_assert_no_error (error);
  scholia_pdf_writer_free (writer);
  g_assert_false (original.compressed);

  qpdf_silence_errors (qpdf);
  qpdf_read (qpdf, path, NULL);
  g_assert_false (qpdf_has_error (qpdf));
  stream = qpdf_oh_get_key (qpdf, qpdf_get_page_n (qpdf, 0), "/Contents");
  g_assert_true (qpdf_oh_is_name_and_equals (qpdf, qpdf_oh_get_key (qpdf, qpdf_oh_get_dict (qpdf, stream), "/Filter"),
                                             "/FlateDecode"));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf-ratio/premark/every-page", test_every_page_whole);
  g_test_add_func ("/pdf-ratio/premark/every-page-in-pieces", test_every_page_in_pieces);
  g_test_add_func ("/pdf-ratio/premark/only-content-streams", test_only_content_streams);
  g_test_add_func ("/pdf-ratio/writer/compresses-once", test_writer_compresses_once);
  return g_test_run ();
}
