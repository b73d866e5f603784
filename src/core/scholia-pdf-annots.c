/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <poppler.h>

#include "scholia-pdf-export-private.h"

static int
compare_quads (gconstpointer a,
               gconstpointer b)
{
  const Quad *left = a;
  const Quad *right = b;

  if (left->page != right->page)
    return left->page - right->page;
  if (left->span != right->span)
    return left->span < right->span ? -1 : 1;
  return left->order < right->order ? -1 : 1;
}

static PopplerAnnot *
new_highlight (Export          *export,
               PopplerDocument *pdf,
               const Quad      *quads,
               guint            n_quads,
               double           page_height)
{
  Span *span = g_ptr_array_index (export->spans, quads[0].span);
  const char *note = scholia_annotation_get_note (span->annotation);
  g_autoptr(GArray) quadrilaterals = g_array_sized_new (FALSE, FALSE, sizeof (PopplerQuadrilateral), n_quads);
  PopplerRectangle bounds = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  PopplerColor colour = { span->rgb[0] * 65535, span->rgb[1] * 65535, span->rgb[2] * 65535 };
  g_autofree char *contents = NULL;
  g_autofree char *place = NULL;
  g_autofree char *placed = NULL;
  PopplerAnnot *annot;

  /* PDF user space has its origin at the bottom left: y is flipped. */
  for (guint i = 0; i < n_quads; i++)
    {
      double top = page_height - quads[i].y1;
      double bottom = page_height - quads[i].y2;
      PopplerQuadrilateral quad = {
        { quads[i].x1, top }, { quads[i].x2, top }, { quads[i].x1, bottom }, { quads[i].x2, bottom },
      };

      g_array_append_val (quadrilaterals, quad);
      bounds.x1 = MIN (bounds.x1, quads[i].x1);
      bounds.x2 = MAX (bounds.x2, quads[i].x2);
      bounds.y1 = MIN (bounds.y1, bottom);
      bounds.y2 = MAX (bounds.y2, top);
    }

  annot = poppler_annot_text_markup_new_highlight (pdf, &bounds, quadrilaterals);
  if (*span->tag_names != '\0' && note != NULL && *note != '\0')
    contents = g_strdup_printf ("%s — %s", span->tag_names, note);
  else
    contents = g_strdup (*span->tag_names != '\0' ? span->tag_names : note != NULL ? note : "");
  place = scholia_pdf_export_span_place (export, span);
  placed = g_strdup_printf (*contents != '\0' ? "%s (%s)" : "%s%s", contents, place);
  poppler_annot_set_contents (annot, placed);
  poppler_annot_set_color (annot, &colour);
  poppler_annot_markup_set_label (POPPLER_ANNOT_MARKUP (annot), span->tag_names);
  /* Viewers draw a highlight annotation themselves (poppler writes no appearance stream), on
   * top of the wash cairo already printed into the page: the span would show twice, darker,
   * and hide the underline patterns. The wash is what prints everywhere, so the annotation is
   * made fully transparent: poppler and MuPDF then draw nothing for it, while readers still
   * list it and pop up its tags and note. (Hiding it with the Hidden flag would drop it from
   * some readers' lists.) */
  poppler_annot_markup_set_opacity (POPPLER_ANNOT_MARKUP (annot), 0.0);
  return annot;
}

gboolean
scholia_pdf_export_add_native_annotations (const char  *input_path,
                                           const char  *output_path,
                                           gpointer     user_data,
                                           GError     **error)
{
  Export *export = user_data;
  g_autofree char *input_absolute = g_canonicalize_filename (input_path, NULL);
  g_autofree char *output_absolute = g_canonicalize_filename (output_path, NULL);
  g_autofree char *input_uri = g_filename_to_uri (input_absolute, NULL, error);
  g_autofree char *output_uri = NULL;
  PopplerDocument *pdf;
  gboolean saved;
  guint i = 0;

  /* poppler-glib 22.12 declares no autoptr cleanups: references are dropped by hand. */
  if (input_uri == NULL || (output_uri = g_filename_to_uri (output_absolute, NULL, error)) == NULL)
    return FALSE;
  pdf = poppler_document_new_from_file (input_uri, NULL, error);
  if (pdf == NULL)
    return FALSE;

  g_array_sort (export->quads, compare_quads);
  while (i < export->quads->len)
    {
      const Quad *first = &g_array_index (export->quads, Quad, i);
      PopplerPage *page = poppler_document_get_page (pdf, first->page);
      guint n = 1;

      while (i + n < export->quads->len &&
             g_array_index (export->quads, Quad, i + n).page == first->page &&
             g_array_index (export->quads, Quad, i + n).span == first->span)
        n++;

      if (page != NULL)
        {
          PopplerAnnot *annot;
          double width, height;

          poppler_page_get_size (page, &width, &height);
          annot = new_highlight (export, pdf, first, n, height);
          poppler_page_add_annot (page, annot);
          g_object_unref (annot);
          g_object_unref (page);
        }
      i += n;
    }

  saved = poppler_document_save (pdf, output_uri, error);
  g_object_unref (pdf);
  return saved;
}
