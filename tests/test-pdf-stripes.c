/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <poppler.h>
#include <string.h>

#include "scholia-pdf-export.h"
#include "test-pdf.h"

/* Overlapping spans as a reader of the printed page sees them (rendered by poppler): one wash
 * per character in a colour of the key, coding stripes in the inner margin beside exactly the
 * lines each tag covers, underline patterns that differ at print size and stay clear of the
 * next line. */

/* Three more tags, so that six patterns are in use. */
static const struct
{
  const char *name;
  const char *colour;
} extra_tags[] = {
  { "method", "#c01c28" },
  { "context", "#813d9c" },
  { "counterpoint", "#865e3c" },
};

/* Our own text, longer than a page: a fictional survey of a canal town's ledgers. */
static const char *filler[] = {
  "The lock-keepers of Aldwater kept their tallies on slate until the winter of 1871, when the "
  "company sent bound books and a clerk to teach their use.",
  "Each barge paid by the ton and by the lock, and the keepers noted both, though rarely in the "
  "same hand or on the same day.",
  "Three books survive from the upper lock and none from the lower, which flooded twice before "
  "anyone thought to move the shelf.",
  "What the tallies show is a trade that did not so much decline as move, barge by barge, to the "
  "new siding at Penholt.",
  "The clerk's own letters complain of damp, of ink that froze, and of keepers who counted in "
  "dozens when the company wanted tens.",
  "No one at the time described the change as a loss; the minutes speak of economies, and the "
  "keepers of their pensions.",
};

/* @paragraphs paragraphs of @sentences sentences each, the n-th opening with filler[n]. */
static char *
long_essay (guint paragraphs,
            guint sentences)
{
  GString *text = g_string_new ("Ledgers of the Aldwater Locks\n\n");

  for (guint p = 0; p < paragraphs; p++)
    {
      for (guint s = 0; s < sentences; s++)
        g_string_append_printf (text, "%s%s", s > 0 ? " " : "", filler[(p + s) % G_N_ELEMENTS (filler)]);
      g_string_append (text, "\n\n");
    }
  return g_string_free (text, FALSE);
}

static gint64
add_tag (TestPdfFixture *fixture,
         const char     *name,
         const char     *colour)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *label = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_TAG, name, colour, NULL, &error);

  g_assert_no_error (error);
  return scholia_label_get_id (label);
}

static void
tag_colour (TestPdfFixture *fixture,
            const char     *name,
            double          rgb[3])
{
  ScholiaLabel *label = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, name, NULL);

  g_assert_nonnull (label);
  scholia_pdf_parse_colour (scholia_label_get_colour (label), rgb);
}

static void
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y,
          double           rgb[3])
{
  guint32 pixel = *(guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + 4 * x);

  rgb[0] = ((pixel >> 16) & 0xff) / 255.0;
  rgb[1] = ((pixel >> 8) & 0xff) / 255.0;
  rgb[2] = (pixel & 0xff) / 255.0;
}

static gboolean
same_colour (const double a[3],
             const double b[3],
             double       tolerance)
{
  return fabs (a[0] - b[0]) <= tolerance && fabs (a[1] - b[1]) <= tolerance && fabs (a[2] - b[2]) <= tolerance;
}

static double
grey_of (const double rgb[3])
{
  return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
}

/* A highlight's quadrilaterals as cairo rectangles (y down), in points. */
static GArray *
highlight_rects (PopplerPage  *page,
                 PopplerAnnot *annot)
{
  GArray *quads = poppler_annot_text_markup_get_quadrilaterals (POPPLER_ANNOT_TEXT_MARKUP (annot));
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (ScholiaPdfRect));
  double width, height;

  poppler_page_get_size (page, &width, &height);
  for (guint i = 0; i < quads->len; i++)
    {
      PopplerQuadrilateral *quad = &g_array_index (quads, PopplerQuadrilateral, i);
      ScholiaPdfRect rect = { quad->p1.x, height - quad->p1.y, quad->p2.x - quad->p1.x, quad->p1.y - quad->p3.y };

      g_array_append_val (rects, rect);
    }
  g_array_unref (quads);
  return rects;
}

/* Tags the @length bytes of the fixture's document at @at, a place in its @text. */
static void
annotate_at (TestPdfFixture *fixture,
             const char     *text,
             const char     *at,
             gsize           length,
             gint64          tag_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  int start = g_utf8_pointer_to_offset (text, at);

  annotation = scholia_store_add_annotation (fixture->store, fixture->document, start,
                                             start + g_utf8_strlen (at, length), &tag_id, 1, NULL, 0, NULL, &error);
  g_assert_no_error (error);
}

/* Three spans of three tags, nested in the essay's second paragraph, beside the fixture's. */
static void
add_nested_spans (TestPdfFixture *fixture)
{
  test_pdf_annotate (fixture, fixture->document, test_pdf_essay,
                     "Yet the minutes suggest something else: a calculation that dredging would cost more than "
                     "the trade it saved. The railway, which reached Brønnby in 1858",
                     fixture->thesis, NULL, NULL);
  test_pdf_annotate (fixture, fixture->document, test_pdf_essay,
                     "a calculation that dredging would cost more than the trade it saved", fixture->evidence,
                     NULL, NULL);
  test_pdf_annotate (fixture, fixture->document, test_pdf_essay, "cost more than the trade", fixture->source,
                     NULL, NULL);
}

/* Every tint in a highlight's lines is one of the key's washes: read along a row through the
 * top of each line's washes, above the letters and the underlines, where nothing but washes
 * is drawn. A pixel where two washes meet (its neighbours differ) may blend them. Returns how
 * many pixels had a wash colour. */
static guint
check_key_colours_only (TestPdfFixture  *fixture,
                        PopplerPage     *page,
                        cairo_surface_t *surface,
                        double           scale)
{
  static const char *names[] = { "thesis", "evidence", "source-reference" };
  double washes[G_N_ELEMENTS (names)][3];
  GList *highlights = test_pdf_highlights_on (page);
  guint washed = 0;

  for (guint t = 0; t < G_N_ELEMENTS (names); t++)
    {
      double rgb[3];

      tag_colour (fixture, names[t], rgb);
      for (int c = 0; c < 3; c++)
        washes[t][c] = 1.0 - 0.30 * (1.0 - rgb[c]);
    }

  for (GList *l = highlights; l != NULL; l = l->next)
    {
      g_autoptr(GArray) rects = highlight_rects (page, l->data);

      for (guint r = 0; r < rects->len; r++)
        {
          ScholiaPdfRect *rect = &g_array_index (rects, ScholiaPdfRect, r);
          int y = (rect->y + 0.08 * rect->height) * scale;
          int x1 = rect->x * scale + 1, x2 = (rect->x + rect->width) * scale - 1;

          for (int x = x1; x < x2; x++)
            {
              double found[3], before[3], after[3];
              gboolean known = FALSE;

              pixel_at (surface, x, y, found);
              pixel_at (surface, x - 1, y, before);
              pixel_at (surface, x + 1, y, after);
              for (guint t = 0; t < G_N_ELEMENTS (names) && !known; t++)
                known = same_colour (found, washes[t], 3.0 / 255);
              if (known)
                washed++;
              /* A tint is light (a wash over white): darker pixels are glyphs, such as a
               * note's raised mark at the passage's end. */
              else if (!same_colour (found, (double[3]) { 1, 1, 1 }, 3.0 / 255) &&
                       found[0] > 0.65 && found[1] > 0.65 && found[2] > 0.65 &&
                       same_colour (before, found, 1.0 / 255) && same_colour (after, found, 1.0 / 255))
                g_error ("#%02x%02x%02x tints %.1f, %.1f pt: a colour the key does not show",
                         (int) (found[0] * 255), (int) (found[1] * 255), (int) (found[2] * 255), x / scale, y / scale);
            }
        }
    }
  g_list_free_full (highlights, g_object_unref);
  return washed;
}

/* The tints are the key's whether the native highlights are shown or not: the washes are the
 * highlights' appearances, so the page shown with them must hold no other tint, and the page
 * printed without them none at all. */
static void
test_washes_in_key_colours (TestPdfFixture *fixture,
                            gconstpointer   data)
{
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  PopplerPage *page;
  cairo_surface_t *shown, *printed;

  add_nested_spans (fixture);
  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);

  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  shown = test_pdf_render_page (page, 4, TRUE);
  printed = test_pdf_render_page (page, 4, FALSE);
  g_assert_cmpuint (check_key_colours_only (fixture, page, shown, 4), >, 2000);
  check_key_colours_only (fixture, page, printed, 4);

  cairo_surface_destroy (shown);
  cairo_surface_destroy (printed);
  g_object_unref (page);
  g_object_unref (pdf);
}

/* The rows of the band in which some pixels have @rgb. */
static GArray *
stripe_rows (cairo_surface_t *surface,
             double           band_x,
             double           band_width,
             double           scale,
             const double     rgb[3])
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (int));
  int height = cairo_image_surface_get_height (surface);

  for (int y = 0; y < height; y++)
    {
      int count = 0;

      for (int x = band_x * scale; x < (band_x + band_width) * scale; x++)
        {
          double found[3];

          pixel_at (surface, x, y, found);
          count += same_colour (found, rgb, 8.0 / 255);
        }
      if (count >= 2)
        g_array_append_val (rows, y);
    }
  return rows;
}

/* On @page, the stripe of tag @name lies in the band and runs beside exactly the lines its
 * highlights cover (lines less than 0.6 of the font size apart making one run), and its name
 * stands in the band. */
static void
check_stripe (TestPdfFixture *fixture,
              PopplerPage    *page,
              const char     *name,
              double          band_x,
              double          font_size)
{
  const double scale = 4;
  cairo_surface_t *surface = test_pdf_render_page (page, scale, TRUE);
  GList *highlights = test_pdf_highlights_on (page);
  g_autoptr(GArray) covered = g_array_new (FALSE, FALSE, sizeof (ScholiaPdfRect));
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (ScholiaPdfRect));
  g_autoptr(GArray) rows = NULL;
  ScholiaPdfRect band = { band_x, 0, 18, 2000 };
  g_autofree char *band_text = NULL;
  g_autofree char *flat = NULL;
  double rgb[3];

  for (GList *l = highlights; l != NULL; l = l->next)
    {
      g_autofree char *tags = poppler_annot_markup_get_subject (POPPLER_ANNOT_MARKUP (l->data));
      g_autoptr(GArray) rects = NULL;

      if (g_strcmp0 (tags, name) != 0)
        continue;
      rects = highlight_rects (page, l->data);
      g_array_append_vals (covered, rects->data, rects->len);
    }
  g_assert_cmpuint (covered->len, >, 0);

  /* The covered lines, top to bottom, merged into runs. */
  for (guint i = 0; i < covered->len; i++)
    {
      ScholiaPdfRect line = g_array_index (covered, ScholiaPdfRect, i);
      gboolean merged = FALSE;

      for (guint r = 0; r < runs->len && !merged; r++)
        {
          ScholiaPdfRect *run = &g_array_index (runs, ScholiaPdfRect, r);

          if (line.y <= run->y + run->height + 0.6 * font_size && line.y + line.height >= run->y - 0.6 * font_size)
            {
              double bottom = MAX (run->y + run->height, line.y + line.height);

              run->y = MIN (run->y, line.y);
              run->height = bottom - run->y;
              merged = TRUE;
            }
        }
      if (!merged)
        g_array_append_val (runs, line);
    }

  tag_colour (fixture, name, rgb);
  rows = stripe_rows (surface, band_x, 18, scale, rgb);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      double y = (g_array_index (rows, int, i) + 0.5) / scale;
      gboolean beside = FALSE;

      for (guint r = 0; r < runs->len; r++)
        {
          ScholiaPdfRect *run = &g_array_index (runs, ScholiaPdfRect, r);

          beside |= y >= run->y - 0.5 && y <= run->y + run->height + 0.5;
        }
      if (!beside)
        g_error ("the stripe of %s reaches %.1f pt, beside no line it covers", name, y);
    }
  for (guint r = 0; r < runs->len; r++)
    {
      ScholiaPdfRect *run = &g_array_index (runs, ScholiaPdfRect, r);
      int from = ceil ((run->y + 0.5) * scale), to = floor ((run->y + run->height - 0.5) * scale);
      guint found = 0;

      for (guint i = 0; i < rows->len; i++)
        found += g_array_index (rows, int, i) >= from && g_array_index (rows, int, i) <= to;
      g_assert_cmpuint (found, ==, to - from + 1);
    }

  band_text = test_pdf_text_in (page, &band);
  flat = test_pdf_without_whitespace (band_text);
  g_assert_nonnull (strstr (flat, name));

  g_list_free_full (highlights, g_object_unref);
  cairo_surface_destroy (surface);
}

static void
test_stripes_beside_lines (TestPdfFixture *fixture,
                           gconstpointer   data)
{
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  PopplerPage *page;
  ScholiaPdfRect text;

  add_nested_spans (fixture);
  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);

  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  /* The first page's inner margin is on the left. */
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, 0, &text, NULL);
  check_stripe (fixture, page, "thesis", text.x - 20, options.font_size);
  check_stripe (fixture, page, "evidence", text.x - 20, options.font_size);
  check_stripe (fixture, page, "source-reference", text.x - 20, options.font_size);
  g_object_unref (page);
  g_object_unref (pdf);
}

/* On the second page the inner margin is on the right, unless the export is one-sided. */
static void
test_stripes_in_inner_margin (TestPdfFixture *fixture,
                              gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = long_essay (8, G_N_ELEMENTS (filler));
  const char *quote = filler[3];

  fixture->document = scholia_store_add_document (fixture->store, "Aldwater", "Ines Calloway", "1998", NULL, text,
                                                  NULL, &error);
  g_assert_no_error (error);

  /* The last paragraphs' passages land on the second page. */
  for (const char *p = strstr (text, quote); p != NULL; p = strstr (p + 1, quote))
    if (p - text > (long) strlen (text) * 3 / 4)
      annotate_at (fixture, text, p, strlen (quote), fixture->evidence);

  for (int sided = 0; sided < 2; sided++)
    {
      ScholiaPdfOptions options;
      PopplerDocument *pdf;
      PopplerPage *page;
      ScholiaPdfRect column;

      scholia_pdf_options_init (&options);
      options.one_sided = sided;
      test_pdf_export (fixture, &options);
      pdf = test_pdf_open (fixture->output);
      g_assert_cmpint (poppler_document_get_n_pages (pdf), >=, 2);
      page = poppler_document_get_page (pdf, 1);
      scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, 1, &column, NULL);
      check_stripe (fixture, page, "evidence", sided ? column.x - 20 : column.x + column.width + 2, options.font_size);
      g_object_unref (page);
      g_object_unref (pdf);
    }
}

typedef struct
{
  guint  n_dashes;
  double dashes[4];
  guint  n_gaps;
  double gaps[4];
  double coverage;  /* the share of the track that is dark */
} Signature;

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The typical lengths among @runs: lengths within 2 px of their neighbours make one group, and
 * a group of at least three runs and a tenth of them counts, by its median. */
static guint
typical_lengths (GArray *runs,
                 double *lengths,
                 guint   max_lengths)
{
  guint n = 0, first = 0;

  g_array_sort (runs, compare_ints);
  for (guint i = 1; i <= runs->len; i++)
    if (i == runs->len || g_array_index (runs, int, i) - g_array_index (runs, int, i - 1) > 2)
      {
        guint size = i - first;

        if (size >= 3 && size * 10 >= runs->len && n < max_lengths)
          lengths[n++] = g_array_index (runs, int, first + size / 2);
        first = i;
      }
  return n;
}

/* Whether a reader could take one set of lengths for the other: as many, each less than 40 %
 * longer than its counterpart (a printer's dot gain blurs finer differences). */
static gboolean
same_lengths (const double *a,
              guint         n_a,
              const double *b,
              guint         n_b)
{
  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (MAX (a[i], b[i]) >= 1.4 * MIN (a[i], b[i]))
      return FALSE;
  return TRUE;
}

/* The dash and gap lengths of the underline under @rect, read in grey at @scale: the track is
 * the row with most pixels of @underline (the tag's underline colour); along it, pixels darker
 * than halfway between the wash and the underline are dashes. Columns where a glyph's
 * descender crosses the track are left out with the runs they cut. */
static Signature
read_signature (cairo_surface_t      *surface,
                const ScholiaPdfRect *rect,
                double                scale,
                const double          underline[3])
{
  int x1 = rect->x * scale + 1, x2 = (rect->x + rect->width) * scale - 1;
  int best_row = -1, best_count = 0;
  double dark, light = 0, threshold;
  g_autoptr(GArray) dashes = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (int));
  Signature signature = { 0 };
  int run_start = x1, off = 3;
  gboolean run_dark = FALSE, run_clean = FALSE;

  for (int y = (rect->y + rect->height / 2) * scale; y < (rect->y + rect->height + 4) * scale; y++)
    {
      int count = 0;

      for (int x = x1; x < x2; x++)
        {
          double found[3];

          pixel_at (surface, x, y, found);
          count += same_colour (found, underline, 10.0 / 255);
        }
      if (count > best_count)
        {
          best_count = count;
          best_row = y;
        }
    }
  g_assert_cmpint (best_row, >=, 0);

  /* Between the baseline and the track there is only the wash, and descenders. */
  dark = grey_of (underline);
  for (int x = x1; x < x2; x++)
    {
      double found[3];

      pixel_at (surface, x, best_row - off, found);
      light = MAX (light, grey_of (found));
    }
  threshold = (dark + light) / 2;
  for (int x = x1; x < x2; x++)
    {
      double found[3];

      pixel_at (surface, x, best_row, found);
      signature.coverage += (grey_of (found) < threshold) / (double) (x2 - x1);
    }

  for (int x = x1; x <= x2; x++)
    {
      double here[3], above[3], below[3];
      gboolean is_dark = FALSE, clean = x < x2;

      if (x < x2)
        {
          pixel_at (surface, x, best_row, here);
          pixel_at (surface, x, best_row - off, above);
          pixel_at (surface, x, best_row + off, below);
          is_dark = grey_of (here) < threshold;
          clean = grey_of (above) >= threshold && grey_of (below) >= threshold;
        }
      if (x == x1)
        {
          run_dark = is_dark;
          run_clean = FALSE;  /* the first run may be cut by the span's start */
          continue;
        }
      if (x < x2 && is_dark == run_dark)
        {
          run_clean &= clean;
          continue;
        }
      if (run_clean)
        {
          int length = x - run_start;

          g_array_append_val (run_dark ? dashes : gaps, length);
        }
      run_start = x;
      run_dark = is_dark;
      run_clean = clean;
    }

  signature.n_dashes = typical_lengths (dashes, signature.dashes, G_N_ELEMENTS (signature.dashes));
  signature.n_gaps = typical_lengths (gaps, signature.gaps, G_N_ELEMENTS (signature.gaps));
  return signature;
}

/* Six tags, each on a passage of its own, printed at 300 dpi and read in grey: no two
 * underlines have the same dashes and gaps. */
static void
test_patterns_differ_in_print (TestPdfFixture *fixture,
                               gconstpointer   data)
{
  const double scale = 300.0 / 72;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = long_essay (6, 2);
  gint64 tags[6] = { fixture->thesis, fixture->evidence, fixture->source };
  const char *names[6] = { "thesis", "evidence", "source-reference" };
  Signature signatures[6];
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  PopplerPage *page;
  cairo_surface_t *surface;
  GList *highlights;

  for (guint i = 0; i < G_N_ELEMENTS (extra_tags); i++)
    {
      tags[3 + i] = add_tag (fixture, extra_tags[i].name, extra_tags[i].colour);
      names[3 + i] = extra_tags[i].name;
    }
  fixture->document = scholia_store_add_document (fixture->store, "Aldwater", "Ines Calloway", "1998", NULL, text,
                                                  NULL, &error);
  g_assert_no_error (error);

  /* Each paragraph opens with another sentence: its first words carry one tag. */
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *opening = g_strdup_printf ("\n\n%s", filler[i]);
      const char *at = strstr (text, opening);

      g_assert_nonnull (at);
      annotate_at (fixture, text, at + 2, 38, tags[i]);
    }

  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  surface = test_pdf_render_page (page, scale, FALSE);
  highlights = test_pdf_highlights_on (page);
  g_assert_cmpuint (g_list_length (highlights), ==, 6);

  for (GList *l = highlights; l != NULL; l = l->next)
    {
      g_autofree char *label = poppler_annot_markup_get_subject (POPPLER_ANNOT_MARKUP (l->data));
      g_autoptr(GArray) rects = highlight_rects (page, l->data);
      double rgb[3], underline[3];
      guint t = 0;

      while (g_strcmp0 (names[t], label) != 0)
        t++;
      tag_colour (fixture, label, rgb);
      for (int c = 0; c < 3; c++)
        underline[c] = 0.75 * rgb[c];
      g_assert_cmpuint (rects->len, ==, 1);
      signatures[t] = read_signature (surface, &g_array_index (rects, ScholiaPdfRect, 0), scale, underline);
      g_test_message ("%s: %u dashes (%.0f %.0f px), %u gaps (%.0f %.0f px), %.0f %% dark", label,
                      signatures[t].n_dashes, signatures[t].dashes[0], signatures[t].dashes[1],
                      signatures[t].n_gaps, signatures[t].gaps[0], signatures[t].gaps[1], 100 * signatures[t].coverage);
      /* A line either is read as dashes and gaps or is solid. */
      g_assert_true ((signatures[t].n_dashes > 0 && signatures[t].n_gaps > 0) || signatures[t].coverage > 0.9);
    }

  for (guint a = 0; a < 6; a++)
    for (guint b = a + 1; b < 6; b++)
      if (same_lengths (signatures[a].dashes, signatures[a].n_dashes, signatures[b].dashes, signatures[b].n_dashes) &&
          same_lengths (signatures[a].gaps, signatures[a].n_gaps, signatures[b].gaps, signatures[b].n_gaps))
        g_error ("the underlines of %s and %s look the same in grey", names[a], names[b]);

  g_list_free_full (highlights, g_object_unref);
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (pdf);
}

/* Four nested spans of four tags need four tracks; at 9, 11 and 16 pt none of the underlines
 * reaches into the glyph boxes of the line below (above its baseline, where its own
 * underlines are not). */
static void
test_underlines_clear_next_line (TestPdfFixture *fixture,
                                 gconstpointer   data)
{
  static const double sizes[] = { 9, 11, 16 };
  static const char *names[] = { "thesis", "evidence", "source-reference", "method" };
  gint64 method = add_tag (fixture, "method", "#c01c28");
  const double scale = 4;

  test_pdf_annotate (fixture, fixture->document, test_pdf_essay,
                     "Historians have long read this delay as complacency. Yet the minutes suggest something "
                     "else: a calculation that dredging would cost more than the trade it saved. The railway",
                     fixture->thesis, NULL, NULL);
  test_pdf_annotate (fixture, fixture->document, test_pdf_essay,
                     "this delay as complacency. Yet the minutes suggest something else: a calculation that "
                     "dredging would cost more than the trade", fixture->evidence, NULL, NULL);
  test_pdf_annotate (fixture, fixture->document, test_pdf_essay,
                     "complacency. Yet the minutes suggest something else: a calculation that dredging would",
                     fixture->source, NULL, NULL);
  test_pdf_annotate (fixture, fixture->document, test_pdf_essay,
                     "Yet the minutes suggest something else: a calculation", method, NULL, NULL);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      ScholiaPdfOptions options;
      PopplerDocument *pdf;

      scholia_pdf_options_init (&options);
      options.font_size = sizes[s];
      /* Notes' leaders, which run from a passage's end under the line below it, are not
       * underlines. */
      options.include_notes = FALSE;
      test_pdf_export (fixture, &options);
      pdf = test_pdf_open (fixture->output);

      for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
        {
          PopplerPage *page = poppler_document_get_page (pdf, p);
          cairo_surface_t *surface = test_pdf_render_page (page, scale, FALSE);
          g_autofree PopplerRectangle *boxes = NULL;
          g_autofree char *page_text = poppler_page_get_text (page);
          guint n_boxes = 0;
          ScholiaPdfRect column;
          double underlines[G_N_ELEMENTS (names)][3];
          guint checked = 0;

          for (guint t = 0; t < G_N_ELEMENTS (names); t++)
            {
              tag_colour (fixture, names[t], underlines[t]);
              for (int c = 0; c < 3; c++)
                underlines[t][c] *= 0.75;
            }
          scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, p, &column, NULL);
          g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));

          /* Poppler's boxes are in points, y down, as cairo's. */
          for (guint b = 0; b < n_boxes; b++)
            {
              PopplerRectangle *box = &boxes[b];
              double middle = (box->y1 + box->y2) / 2;

              if ((box->x1 + box->x2) / 2 < column.x || (box->x1 + box->x2) / 2 > column.x + column.width ||
                  box->x2 - box->x1 < 0.5)
                continue;
              for (int y = box->y1 * scale; y < middle * scale; y++)
                for (int x = box->x1 * scale; x < box->x2 * scale; x++)
                  {
                    double found[3];

                    pixel_at (surface, x, y, found);
                    for (guint t = 0; t < G_N_ELEMENTS (names); t++)
                      if (same_colour (found, underlines[t], 12.0 / 255))
                        g_error ("at %.0f pt, the underline of %s reaches a glyph of the line below at %.1f, %.1f pt",
                                 sizes[s], names[t], x / scale, y / scale);
                  }
              checked++;
            }
          g_assert_cmpuint (checked, >, 100);
          cairo_surface_destroy (surface);
          g_object_unref (page);
        }
      g_object_unref (pdf);
    }
}

/* The key shows each tag as the text does: beside the tag's name, its stripe in its colour,
 * its wash and its underline. */
static void
test_key_shows_stripe_wash_and_pattern (TestPdfFixture *fixture,
                                        gconstpointer   data)
{
  static const char *names[] = { "thesis", "evidence", "source-reference" };
  const double scale = 4;
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  PopplerPage *page;
  cairo_surface_t *surface;
  g_autofree PopplerRectangle *boxes = NULL;
  g_autofree char *page_text = NULL;
  guint n_boxes = 0;
  ScholiaPdfRect column;

  scholia_pdf_options_init (&options);
  test_pdf_export (fixture, &options);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  surface = test_pdf_render_page (page, scale, TRUE);
  page_text = poppler_page_get_text (page);
  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, 0, &column, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (names); t++)
    {
      /* The key's line: the tag's name followed by " — ". */
      g_autofree char *entry = g_strdup_printf ("%s — ", names[t]);
      const char *found = strstr (page_text, entry);
      PopplerRectangle *box;
      double rgb[3], wash[3], underline[3];
      guint stripe = 0, washed = 0, underlined = 0;

      g_assert_nonnull (found);
      box = &boxes[g_utf8_pointer_to_offset (page_text, found)];
      tag_colour (fixture, names[t], rgb);
      for (int c = 0; c < 3; c++)
        {
          wash[c] = 1.0 - 0.30 * (1.0 - rgb[c]);
          underline[c] = 0.75 * rgb[c];
        }
      for (int y = box->y1 * scale; y < box->y2 * scale; y++)
        for (int x = column.x * scale; x < (box->x1 - 1) * scale; x++)
          {
            double pixel[3];

            pixel_at (surface, x, y, pixel);
            stripe += same_colour (pixel, rgb, 3.0 / 255);
            washed += same_colour (pixel, wash, 3.0 / 255);
            underlined += same_colour (pixel, underline, 3.0 / 255);
          }
      g_assert_cmpuint (stripe, >, 50);
      g_assert_cmpuint (washed, >, 1000);
      g_assert_cmpuint (underlined, >, 50);
    }

  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (pdf);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, TestPdfFixture, NULL, test_pdf_fixture_set_up, func, test_pdf_fixture_tear_down)
  ADD ("/pdf-stripes/washes/one-key-colour-per-character", test_washes_in_key_colours);
  ADD ("/pdf-stripes/stripes/beside-exactly-the-covered-lines", test_stripes_beside_lines);
  ADD ("/pdf-stripes/stripes/in-the-inner-margin", test_stripes_in_inner_margin);
  ADD ("/pdf-stripes/underlines/patterns-differ-at-300-dpi-in-grey", test_patterns_differ_in_print);
  ADD ("/pdf-stripes/underlines/clear-of-the-next-line", test_underlines_clear_next_line);
  ADD ("/pdf-stripes/key/stripe-wash-and-pattern", test_key_shows_stripe_wash_and_pattern);
#undef ADD

  return g_test_run ();
}
