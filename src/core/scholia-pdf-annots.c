/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-pdf-export-private.h"
#include "scholia-pdf-qpdf.h"
#include "scholia-pdf-update.h"

/* Each span's tint is not painted into the page but is the appearance of its native highlight
 * (the issue's option b). Drawn in the page under an annotation, the passage would be tinted
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

static void
append_numbers (GString      *out,
                const double *values,
                guint         n_values)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n_values; i++)
    scholia_pdf_append_number (out, values[i]);
  g_string_append_c (out, ']');
}

/* The form a viewer draws for the highlight: the span's washes on this page, in its colour at
 * the wash's alpha (the graphics state @wash_state, one for all), multiplied into the page. */
static guint
add_appearance (ScholiaPdfUpdate *update,
                guint             wash_state,
                Span             *span,
                const Quad       *washes,
                guint             n_washes,
                double            page_height,
                const double      bounds[4])
{
  g_autoptr(GString) content = g_string_new ("/Wash gs ");
  g_autoptr(GString) entries = g_string_new ("/Type /XObject /Subtype /Form /BBox ");

  append_numbers (entries, bounds, 4);
  g_string_append_printf (entries, " /Resources << /ExtGState << /Wash %u 0 R >> >>", wash_state);
  for (guint i = 0; i < 3; i++)
    scholia_pdf_append_number (content, span->rgb[i]);
  g_string_append (content, "rg\n");
  for (guint i = 0; i < n_washes; i++)
    {
      scholia_pdf_append_number (content, washes[i].x1);
      scholia_pdf_append_number (content, page_height - washes[i].y2);
      scholia_pdf_append_number (content, washes[i].x2 - washes[i].x1);
      scholia_pdf_append_number (content, washes[i].y2 - washes[i].y1);
      g_string_append (content, "re\n");
    }
  if (n_washes > 0)
    g_string_append (content, "f\n");
  return scholia_pdf_update_add_stream (update, entries->str, content->str, content->len);
}

static void
append_date (GString    *out,
             const char *key,
             gint64      unix_time)
{
  g_autofree char *date = scholia_pdf_qpdf_format_date (unix_time);

  if (unix_time > 0 && date != NULL)
    g_string_append_printf (out, " %s (%s)", key, date);
}

static guint
add_highlight (Export           *export,
               ScholiaPdfUpdate *update,
               guint             wash_state,
               const char       *page_ref,
               const Quad       *quads,
               guint             n_quads,
               const Quad       *washes,
               guint             n_washes,
               double            page_height)
{
  Span *span = g_ptr_array_index (export->spans, quads[0].span);
  const char *annotator = export->options->annotator;
  g_autoptr(GArray) points = g_array_sized_new (FALSE, FALSE, sizeof (double), 8 * n_quads);
  g_autofree char *contents = format_contents (export, span);
  g_autoptr(GString) annot = g_string_new ("<< /Type /Annot /Subtype /Highlight /Rect ");
  double bounds[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  guint appearance;

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

  appearance = add_appearance (update, wash_state, span, washes, n_washes, page_height, bounds);
  append_numbers (annot, bounds, 4);
  g_string_append (annot, " /QuadPoints ");
  append_numbers (annot, (double *) points->data, points->len);
  g_string_append_printf (annot, " /P %s /NM ", page_ref);
  scholia_pdf_append_text_string (annot, scholia_annotation_get_uuid (span->annotation));
  g_string_append (annot, " /T ");
  scholia_pdf_append_text_string (annot, annotator);
  g_string_append (annot, " /Subj ");
  scholia_pdf_append_text_string (annot, span->tag_names);
  g_string_append (annot, " /Contents ");
  scholia_pdf_append_text_string (annot, contents);
  append_date (annot, "/CreationDate", scholia_annotation_get_created (span->annotation));
  append_date (annot, "/M", scholia_annotation_get_modified (span->annotation));
  g_string_append (annot, " /C ");
  append_numbers (annot, span->rgb, 3);
  /* The appearance carries the wash's alpha: a viewer multiplying it by /CA must not thin it. */
  g_string_append_printf (annot, " /CA 1 /F %d /AP << /N %u 0 R >> >>", ANNOT_FLAG_PRINT, appearance);
  return scholia_pdf_update_add (update, annot->str);
}

/* The page written again with its highlights after the links it may already hold. */
static void
replace_page (ScholiaPdfUpdate *update,
              qpdf_oh           page,
              GArray           *annots)
{
  qpdf_data qpdf = scholia_pdf_update_get_qpdf (update);
  qpdf_oh old = qpdf_oh_get_key (qpdf, page, "/Annots");
  g_autoptr(GString) extra = g_string_new ("/Annots [");

  for (int i = 0; qpdf_oh_is_array (qpdf, old) && i < qpdf_oh_get_array_n_items (qpdf, old); i++)
    g_string_append_printf (extra, " %s", qpdf_oh_unparse (qpdf, qpdf_oh_get_array_item (qpdf, old, i)));
  for (guint i = 0; i < annots->len; i++)
    g_string_append_printf (extra, " %u 0 R", g_array_index (annots, guint, i));
  g_string_append (extra, " ]");
  qpdf_oh_remove_key (qpdf, page, "/Annots");
  scholia_pdf_update_replace (update, page, extra->str);
}

/* The catalog's /Lang and one highlight per span and page, its appearance built from the
 * span's washes on that page, added to the update of the file cairo wrote. */
gboolean
scholia_pdf_export_add_native_annotations (ScholiaPdfUpdate  *update,
                                           gpointer           user_data,
                                           GError           **error)
{
  Export *export = user_data;
  g_autoptr(GArray) annots = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) wash = g_string_new ("<< /Type /ExtGState /ca ");
  double page_width, page_height;
  guint i = 0, w = 0, wash_state;
  int page_index = -1, n_pages;
  qpdf_oh page = 0;
  qpdf_data qpdf = scholia_pdf_update_get_qpdf (update);

  n_pages = qpdf_get_num_pages (qpdf);
  scholia_pdf_update_set_language (update, scholia_document_get_language (export->document));
  scholia_pdf_append_number (wash, FILL_ALPHA);
  g_string_append (wash, "/BM /Multiply >>");
  /* Shared by the highlights' appearances; none without highlights. */
  wash_state = export->quads->len > 0 ? scholia_pdf_update_add (update, wash->str) : 0;
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
          if (annots->len > 0)
            replace_page (update, page, annots);
          g_array_set_size (annots, 0);
          /* The handles of a page's objects are not needed once it is written. */
          qpdf_oh_release_all (qpdf);
          page_index = first->page;
          if (page_index < n_pages)
            page = qpdf_get_page_n (qpdf, page_index);
        }
      if (page_index < n_pages)
        {
          /* "12 0 R": qpdf's string lasts until its next one. */
          g_autofree char *page_ref = g_strdup (qpdf_oh_unparse (qpdf, page));
          guint annot = add_highlight (export, update, wash_state, page_ref, first, n,
                                       &g_array_index (export->washes, Quad, w), n_washes, page_height);

          g_array_append_val (annots, annot);
        }
      i += n;
      w += n_washes;
    }
  if (annots->len > 0)
    replace_page (update, page, annots);

  return scholia_pdf_qpdf_check (qpdf, error);
}
