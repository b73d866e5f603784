/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "test-files.h"
#include "test-pdf.h"

/* An original test_pdf_essay with the multi-byte characters real ones have: curly quotes, dashes,
 * accented and Nordic letters. */
const char test_pdf_essay[] =
  "The Harbour at Kessmouth, 1840–1880\n"
  "\n"
  "When the river began to silt in the 1840s, the merchants of Kessmouth did not at first believe it. "
  "Their ledgers, kept in a careful copperplate, record cargoes as large as ever; only the pilots’ "
  "logbooks note, year after year, that the channel had moved “a fathom nearer the Øster bank”.\n"
  "\n"
  "Historians have long read this delay as complacency. Yet the minutes suggest something else: a "
  "calculation that dredging would cost more than the trade it saved. The railway, which reached "
  "Brønnby in 1858, made that calculation look prudent — and ruinous to those who stayed.\n"
  "\n"
  "The evidence is uneven. Customs returns survive for only eleven of the forty years; the "
  "merchants’ letters are abundant but self-serving. What one can say is that the dues rose, the "
  "ships grew larger, and the river did not wait for the café owners of the quay.\n";

int
test_pdf_offset_of (const char *text,
                    const char *quote)
{
  const char *found = strstr (text, quote);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (text, found);
}

void
test_pdf_annotate (TestPdfFixture  *fixture,
                   ScholiaDocument *document,
                   const char      *text,
                   const char      *quote,
                   gint64           tag_id,
                   ScholiaTheme    *theme,
                   const char      *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  int start = test_pdf_offset_of (text, quote);
  gint64 theme_id = theme != NULL ? scholia_label_get_id (SCHOLIA_LABEL (theme)) : 0;

  annotation = scholia_store_add_annotation (fixture->store, document, start, start + g_utf8_strlen (quote, -1),
                                             &tag_id, 1, &theme_id, theme != NULL ? 1 : 0, note, &error);
  g_assert_no_error (error);
}

void
test_pdf_fixture_set_up (TestPdfFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;
  g_autofree char *folder = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-pdf-XXXXXX");
  library = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->output = g_build_filename (fixture->dir, "out", "essay.pdf", NULL);
  folder = g_path_get_dirname (fixture->output);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  fixture->store = scholia_store_open (library, &error);
  g_assert_no_error (error);

  fixture->document = scholia_store_add_document (fixture->store, "The Silted Staple", "Helena Marwick", "1956",
                                                  "Journal of Maritime History 12", test_pdf_essay, NULL, &error);
  g_assert_no_error (error);
  fixture->silt = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Silt", "#986a44", "How rivers shape ports", &error));
  g_assert_no_error (error);
  fixture->thesis = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "thesis", NULL));
  fixture->evidence = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "evidence", NULL));
  fixture->source = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "source-reference", NULL));

  test_pdf_annotate (fixture, fixture->document, test_pdf_essay,
                     "the merchants of Kessmouth did not at first believe it", fixture->thesis, fixture->silt, "Disbelief, or calculation?");
  test_pdf_annotate (fixture, fixture->document, test_pdf_essay,
                     "the channel had moved “a fathom nearer the Øster bank”", fixture->evidence, NULL, "Pilots’ logs, vols. 3–9.");
  test_pdf_annotate (fixture, fixture->document, test_pdf_essay,
                     "Customs returns survive for only eleven of the forty years", fixture->source, fixture->silt, "What survives, and why?");
}

void
test_pdf_fixture_tear_down (TestPdfFixture *fixture,
                            gconstpointer   data)
{
  g_clear_object (&fixture->store);
  /* A test leaves a read-only folder: this makes it writable first. */
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->output);
  g_free (fixture->dir);
}

ScholiaDocument *
test_pdf_add_second_author (TestPdfFixture          *fixture,
                            ScholiaAnnotationFilter *filter)
{
  g_autoptr(GError) error = NULL;
  const char *authors[] = { "Helena Marwick", "Adaeze Okafor", NULL };
  ScholiaDocument *other;

  scholia_annotation_filter_set_authors (filter, authors);
  other = scholia_store_add_document (fixture->store, "A River Grown Tired", "Adaeze Okafor", "1978", NULL,
                                      test_pdf_essay, NULL, &error);
  g_assert_no_error (error);
  return other;
}

PopplerDocument *
test_pdf_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *pdf;

  g_assert_no_error (error);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return pdf;
}

void
test_pdf_export (TestPdfFixture          *fixture,
                 const ScholiaPdfOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_pdf_export_document (fixture->store, fixture->document, options, fixture->output,
                                              NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

char *
test_pdf_without_whitespace (const char *text)
{
  GString *out = g_string_new (NULL);

  /* A word broken at a line's end keeps its soft hyphen there, which a reader does not see
   * once the lines are joined. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)) && g_utf8_get_char (p) != 0xad)
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* The characters of @page whose boxes lie within @rect, in reading order: a crop, unlike
 * poppler_page_get_text_for_area, which follows a selection through the page. */
char *
test_pdf_text_in (PopplerPage          *page,
                  const ScholiaPdfRect *rect)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *boxes = NULL;
  GString *out = g_string_new (NULL);
  guint n_boxes = 0, i = 0;

  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes) || *text == '\0');
  for (const char *p = text; *p != '\0' && i < n_boxes; p = g_utf8_next_char (p), i++)
    {
      double x = (boxes[i].x1 + boxes[i].x2) / 2;
      double y = (boxes[i].y1 + boxes[i].y2) / 2;

      if (x >= rect->x && x <= rect->x + rect->width && y >= rect->y && y <= rect->y + rect->height)
        g_string_append_unichar (out, g_utf8_get_char (p));
      else if (*p == '\n')
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The text column of every page, in order. */
char *
test_pdf_column_text (PopplerDocument         *pdf,
                      const ScholiaPdfOptions *options,
                      gboolean                 margin)
{
  GString *out = g_string_new (NULL);
  ScholiaPdfOptions defaults;

  if (options == NULL)
    {
      scholia_pdf_options_init (&defaults);
      options = &defaults;
    }

  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      ScholiaPdfRect text, notes;
      g_autofree char *found = NULL;

      scholia_pdf_page_get_geometry (options, SCHOLIA_PDF_LAYOUT_ANNOTATED, i, &text, &notes);
      found = test_pdf_text_in (page, margin ? &notes : &text);
      g_string_append (out, found);
      g_string_append_c (out, '\n');
      g_object_unref (page);
    }
  return g_string_free (out, FALSE);
}

GList *
test_pdf_highlights_on (PopplerPage *page)
{
  GList *mappings = poppler_page_get_annot_mapping (page);
  GList *highlights = NULL;

  for (GList *l = mappings; l != NULL; l = l->next)
    {
      PopplerAnnotMapping *mapping = l->data;

      if (poppler_annot_get_annot_type (mapping->annot) == POPPLER_ANNOT_HIGHLIGHT)
        highlights = g_list_append (highlights, g_object_ref (mapping->annot));
    }
  poppler_page_free_annot_mapping (mappings);
  return highlights;
}

cairo_surface_t *
test_pdf_render_page (PopplerPage *page,
                      double       scale,
                      gboolean     annotations)
{
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;

  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, ceil (width * scale), ceil (height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  if (annotations)
    poppler_page_render (page, cr);
  else
    poppler_page_render_for_printing_with_options (page, cr, POPPLER_PRINT_DOCUMENT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

guint32
test_pdf_quad_colour (cairo_surface_t      *surface,
                      double                page_height,
                      PopplerQuadrilateral *quad)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  unsigned char *pixels = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int x1 = (int) (quad->p1.x * 2) + 2;
  int x2 = (int) (quad->p2.x * 2) - 2;
  int y1 = (int) ((page_height - quad->p1.y) * 2) + 2;
  int y2 = (int) ((page_height - quad->p3.y) * 2) - 2;
  guint32 best = 0;
  guint best_count = 0;

  g_assert_cmpint (x2, >, x1);
  g_assert_cmpint (y2, >, y1);
  for (int y = y1; y < y2; y++)
    for (int x = x1; x < x2; x++)
      {
        guint32 pixel = *(guint32 *) (pixels + y * stride + 4 * x) & 0xffffff;
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (pixel))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (pixel), GUINT_TO_POINTER (count));
        if (count > best_count)
          {
            best = pixel;
            best_count = count;
          }
      }
  return best;
}

GStrv
test_pdf_highlight_labels (const char *path)
{
  PopplerDocument *pdf = test_pdf_open (path);
  PopplerPage *page = poppler_document_get_page (pdf, 0);
  GList *highlights = test_pdf_highlights_on (page);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

  for (GList *l = highlights; l != NULL; l = l->next)
    {
      g_autofree char *label = poppler_annot_markup_get_label (l->data);

      g_strv_builder_add (labels, label);
    }
  g_list_free_full (highlights, g_object_unref);
  g_object_unref (page);
  g_object_unref (pdf);
  return g_strv_builder_end (labels);
}

/* Runs @argv, asserting it exits with @status; returns what it printed, stderr after stdout. */
char *
test_pdf_run_tool (const char * const *argv,
                   int                 status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                               &wait_status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL) || status != 0)
    g_assert_cmpint (WEXITSTATUS (wait_status), ==, status);
  return g_strconcat (out, err, NULL);
}

#define INK_SCALE 8.0

gboolean
test_pdf_find_mark_ink (PopplerPage            *page,
                        const PopplerRectangle *area,
                        PopplerRectangle       *ink)
{
  int width = (area->x2 - area->x1) * INK_SCALE, height = (area->y2 - area->y1) * INK_SCALE;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  gboolean found = FALSE;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, INK_SCALE, INK_SCALE);
  cairo_translate (cr, -area->x1, -area->y1);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = ((guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface)))[x];
        int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;
        int high = MAX (r, MAX (g, b)), low = MIN (r, MIN (g, b));

        if (high - low < 40 || high > 190)
          continue;
        if (!found)
          *ink = (PopplerRectangle) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
        found = TRUE;
        ink->x1 = MIN (ink->x1, area->x1 + x / INK_SCALE);
        ink->y1 = MIN (ink->y1, area->y1 + y / INK_SCALE);
        ink->x2 = MAX (ink->x2, area->x1 + (x + 1) / INK_SCALE);
        ink->y2 = MAX (ink->y2, area->y1 + (y + 1) / INK_SCALE);
      }
  cairo_surface_destroy (surface);
  return found;
}
