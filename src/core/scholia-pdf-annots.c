/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-pdf-export-private.h"
#include "scholia-pdf-qpdf.h"
#include "scholia-pdf-structure.h"

/* Each span's tint is not painted into the page but is the appearance of its native highlight
 * (the option b). Drawn in the page under an annotation, the passage would be tinted
 * twice wherever the annotation shows: Zotero re-draws every imported highlight itself, from
 * its colour, and hides the file's own, and older pdf.js painted a highlight at full strength
 * whatever its opacity. With the tint only in the annotation, every viewer tints a passage
 * once: poppler, pdf.js and MuPDF draw the appearance stream written here (the wash's colour
 * and alpha, multiplied so that the text above stays black), Zotero its own highlight instead
 * of it, and a print includes it because the Print flag is set. */

#define ANNOT_FLAG_PRINT 4

/* Quads and washes are grouped by page, then span. */
static int
compare_groups (const Quad *left,
                const Quad *right)
{
  if (left->page != right->page)
    return left->page - right->page;
  if (left->span != right->span)
    return left->span < right->span ? -1 : 1;
  return 0;
}

static int
compare_quads (gconstpointer a,
               gconstpointer b)
{
  const Quad *left = a;
  const Quad *right = b;
  int group = compare_groups (left, right);

  if (group != 0)
    return group;
  return left->order < right->order ? -1 : 1;
}

/* How many quads from @from on belong to the same span and page. */
static guint
count_group (GArray *quads,
             guint   from)
{
  const Quad *first = &g_array_index (quads, Quad, from);
  guint n = 1;

  while (from + n < quads->len && compare_groups (&g_array_index (quads, Quad, from + n), first) == 0)
    n++;
  return n;
}

const char *
scholia_pdf_default_annotator (void)
{
  const char *name = g_get_real_name ();

  /* GLib's answer when the password database has no full name. */
  if (name == NULL || *name == '\0' || g_strcmp0 (name, "Unknown") == 0)
    name = g_get_user_name ();
  return name;
}

/* "thesis, evidence · Method — the note": what a reader's list shows for the highlight, and
 * for a source with printed pages where the passage stands in it ("(p. 118)"). */
static char *
format_contents (Export     *export,
                 const Span *span)
{
  const char *note = scholia_annotation_get_note (span->annotation);
  g_autofree char *page = scholia_pdf_export_span_page (export, span);
  GString *contents = g_string_new (span->tag_names);

  if (*span->theme_names != '\0')
    g_string_append_printf (contents, "%s%s", contents->len > 0 ? " · " : "", span->theme_names);
  if (note != NULL && *note != '\0')
    g_string_append_printf (contents, "%s%s", contents->len > 0 ? " — " : "", note);
  if (page != NULL)
    g_string_append_printf (contents, contents->len > 0 ? " (%s)" : "%s", page);
  return g_string_free (contents, FALSE);
}

static qpdf_oh
new_real_array (qpdf_data     qpdf,
                const double *values,
                guint         n_values)
{
  qpdf_oh array = qpdf_oh_new_array (qpdf);

  for (guint i = 0; i < n_values; i++)
    qpdf_oh_append_item (qpdf, array, qpdf_oh_new_real_from_double (qpdf, values[i], 2));
  return array;
}

static void
append_number (GString *content,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (content, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
  g_string_append_c (content, ' ');
}

/* The form a viewer draws for the highlight: the span's washes on this page, in its colour at
 * the wash's alpha, multiplied into the page. */
static qpdf_oh
new_appearance (qpdf_data     qpdf,
                Span         *span,
                const Quad   *washes,
                guint         n_washes,
                double        page_height,
                const double  bounds[4])
{
  g_autoptr(GString) content = g_string_new ("/Wash gs ");
  qpdf_oh stream = qpdf_oh_new_stream (qpdf);
  qpdf_oh dict = qpdf_oh_get_dict (qpdf, stream);
  qpdf_oh resources = qpdf_oh_new_dictionary (qpdf);
  qpdf_oh states = qpdf_oh_new_dictionary (qpdf);
  qpdf_oh wash = qpdf_oh_new_dictionary (qpdf);

  for (guint i = 0; i < 3; i++)
    append_number (content, span->rgb[i]);
  g_string_append (content, "rg\n");
  for (guint i = 0; i < n_washes; i++)
    {
      append_number (content, washes[i].x1);
      append_number (content, page_height - washes[i].y2);
      append_number (content, washes[i].x2 - washes[i].x1);
      append_number (content, washes[i].y2 - washes[i].y1);
      g_string_append (content, "re\n");
    }
  if (n_washes > 0)
    g_string_append (content, "f\n");

  qpdf_oh_replace_key (qpdf, wash, "/Type", qpdf_oh_new_name (qpdf, "/ExtGState"));
  qpdf_oh_replace_key (qpdf, wash, "/ca", qpdf_oh_new_real_from_double (qpdf, FILL_ALPHA, 2));
  qpdf_oh_replace_key (qpdf, wash, "/BM", qpdf_oh_new_name (qpdf, "/Multiply"));
  qpdf_oh_replace_key (qpdf, states, "/Wash", wash);
  qpdf_oh_replace_key (qpdf, resources, "/ExtGState", states);

  qpdf_oh_replace_key (qpdf, dict, "/Type", qpdf_oh_new_name (qpdf, "/XObject"));
  qpdf_oh_replace_key (qpdf, dict, "/Subtype", qpdf_oh_new_name (qpdf, "/Form"));
  qpdf_oh_replace_key (qpdf, dict, "/BBox", new_real_array (qpdf, bounds, 4));
  qpdf_oh_replace_key (qpdf, dict, "/Resources", resources);
  qpdf_oh_replace_stream_data (qpdf, stream, (const unsigned char *) content->str, content->len,
                               qpdf_oh_new_null (qpdf), qpdf_oh_new_null (qpdf));
  return stream;
}

static void
set_date (qpdf_data   qpdf,
          qpdf_oh     annot,
          const char *key,
          gint64      unix_time)
{
  g_autofree char *date = scholia_pdf_qpdf_format_date (unix_time);

  if (unix_time > 0 && date != NULL)
    qpdf_oh_replace_key (qpdf, annot, key, qpdf_oh_new_string (qpdf, date));
}

static qpdf_oh
new_highlight (Export     *export,
               qpdf_data   qpdf,
               qpdf_oh     page,
               const Quad *quads,
               guint       n_quads,
               const Quad *washes,
               guint       n_washes,
               double      page_height)
{
  Span *span = g_ptr_array_index (export->spans, quads[0].span);
  const char *annotator = export->options->annotator;
  g_autoptr(GArray) points = g_array_sized_new (FALSE, FALSE, sizeof (double), 8 * n_quads);
  g_autofree char *contents = format_contents (export, span);
  double bounds[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  qpdf_oh annot = qpdf_oh_new_dictionary (qpdf);
  qpdf_oh appearances = qpdf_oh_new_dictionary (qpdf);

  /* PDF user space has its origin at the bottom left: y is flipped. The quadrilaterals' corners
   * go in the order every viewer reads them, top left, top right, bottom left, bottom right. */
  for (guint i = 0; i < n_quads + n_washes; i++)
    {
      const Quad *quad = i < n_quads ? &quads[i] : &washes[i - n_quads];
      double top = page_height - quad->y1;
      double bottom = page_height - quad->y2;

      if (i < n_quads)
        {
          double corners[8] = { quad->x1, top, quad->x2, top, quad->x1, bottom, quad->x2, bottom };

          g_array_append_vals (points, corners, 8);
        }
      bounds[0] = MIN (bounds[0], quad->x1);
      bounds[1] = MIN (bounds[1], bottom);
      bounds[2] = MAX (bounds[2], quad->x2);
      bounds[3] = MAX (bounds[3], top);
    }

  if (annotator == NULL || *annotator == '\0')
    annotator = scholia_pdf_default_annotator ();

  qpdf_oh_replace_key (qpdf, annot, "/Type", qpdf_oh_new_name (qpdf, "/Annot"));
  qpdf_oh_replace_key (qpdf, annot, "/Subtype", qpdf_oh_new_name (qpdf, "/Highlight"));
  qpdf_oh_replace_key (qpdf, annot, "/Rect", new_real_array (qpdf, bounds, 4));
  qpdf_oh_replace_key (qpdf, annot, "/QuadPoints", new_real_array (qpdf, (double *) points->data, points->len));
  qpdf_oh_replace_key (qpdf, annot, "/P", page);
  qpdf_oh_replace_key (qpdf, annot, "/NM", qpdf_oh_new_string (qpdf, scholia_annotation_get_uuid (span->annotation)));
  qpdf_oh_replace_key (qpdf, annot, "/T", scholia_pdf_qpdf_new_text (qpdf, annotator));
  qpdf_oh_replace_key (qpdf, annot, "/Subj", scholia_pdf_qpdf_new_text (qpdf, span->tag_names));
  qpdf_oh_replace_key (qpdf, annot, "/Contents", scholia_pdf_qpdf_new_text (qpdf, contents));
  set_date (qpdf, annot, "/CreationDate", scholia_annotation_get_created (span->annotation));
  set_date (qpdf, annot, "/M", scholia_annotation_get_modified (span->annotation));
  qpdf_oh_replace_key (qpdf, annot, "/C", new_real_array (qpdf, span->rgb, 3));
  /* The appearance carries the wash's alpha: a viewer multiplying it by /CA must not thin it. */
  qpdf_oh_replace_key (qpdf, annot, "/CA", qpdf_oh_new_real_from_double (qpdf, 1.0, 1));
  qpdf_oh_replace_key (qpdf, annot, "/F", qpdf_oh_new_integer (qpdf, ANNOT_FLAG_PRINT));
  qpdf_oh_replace_key (qpdf, appearances, "/N",
                       new_appearance (qpdf, span, washes, n_washes, page_height, bounds));
  qpdf_oh_replace_key (qpdf, annot, "/AP", appearances);
  return qpdf_make_indirect_object (qpdf, annot);
}

static void
add_to_page (qpdf_data qpdf,
             qpdf_oh   page,
             qpdf_oh   annot)
{
  qpdf_oh annots = qpdf_oh_get_key (qpdf, page, "/Annots");

  /* A page may already hold links. */
  if (!qpdf_oh_is_array (qpdf, annots))
    {
      annots = qpdf_oh_new_array (qpdf);
      qpdf_oh_replace_key (qpdf, page, "/Annots", annots);
    }
  qpdf_oh_append_item (qpdf, annots, annot);
}

/* The catalog's /Lang and one highlight per span and page, its appearance built from the
 * span's washes on that page. */
gboolean
scholia_pdf_export_add_native_annotations (const char  *input_path,
                                           const char  *output_path,
                                           gpointer     user_data,
                                           GError     **error)
{
  Export *export = user_data;
  g_autoptr(GBytes) file = NULL;
  g_auto(qpdf_data) qpdf = scholia_pdf_qpdf_read (input_path, &file, error);
  double page_width, page_height;
  guint i = 0, w = 0;
  int page_index = -1, n_pages;
  qpdf_oh page = 0;
  gboolean have_page = FALSE;

  if (qpdf == NULL || !scholia_pdf_structure_finish (qpdf, error))
    return FALSE;

  n_pages = qpdf_get_num_pages (qpdf);
  scholia_pdf_qpdf_set_language (qpdf, scholia_document_get_language (export->document));
  scholia_pdf_page_get_size (export->options->page_size, &page_width, &page_height);
  g_array_sort (export->quads, compare_quads);
  g_array_sort (export->washes, compare_quads);
  while (i < export->quads->len)
    {
      const Quad *first = &g_array_index (export->quads, Quad, i);
      guint n = count_group (export->quads, i);
      guint n_washes = 0;

      /* A span may have no wash on a page: where it lies inside another span, only that one
       * is washed. */
      while (w < export->washes->len && compare_groups (&g_array_index (export->washes, Quad, w), first) < 0)
        w++;
      if (w < export->washes->len && compare_groups (&g_array_index (export->washes, Quad, w), first) == 0)
        n_washes = count_group (export->washes, w);

      if (first->page != page_index)
        {
          /* The handles of a page's objects are not needed once they are in the page. */
          qpdf_oh_release_all (qpdf);
          page_index = first->page;
          have_page = page_index < n_pages;
          if (have_page)
            page = qpdf_get_page_n (qpdf, page_index);
        }
      if (have_page)
        add_to_page (qpdf, page,
                     new_highlight (export, qpdf, page, first, n, &g_array_index (export->washes, Quad, w),
                                    n_washes, page_height));
      i += n;
      w += n_washes;
    }

  return scholia_pdf_qpdf_check (qpdf, error) && scholia_pdf_qpdf_write (qpdf, output_path, error);
}
