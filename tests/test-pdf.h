/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <poppler.h>

#include "scholia-pdf-export.h"

G_BEGIN_DECLS

/* What the tests of the PDF exports share: a library in a temporary folder holding one essay of
 * three paragraphs with three annotations (thesis in theme Silt, evidence, source-reference in
 * Silt), and ways to read an exported PDF back with poppler. */

extern const char test_pdf_essay[];

typedef struct
{
  char            *dir;
  char            *output;   /* dir/out/essay.pdf; dir/out exists */
  ScholiaStore    *store;
  ScholiaDocument *document;
  ScholiaTheme    *silt;
  gint64           thesis;
  gint64           evidence;
  gint64           source;
} TestPdfFixture;

void             test_pdf_fixture_set_up    (TestPdfFixture          *fixture,
                                             gconstpointer            data);
void             test_pdf_fixture_tear_down (TestPdfFixture          *fixture,
                                             gconstpointer            data);
/* The code-point offset of @quote in @text, which must hold it. */
int              test_pdf_offset_of         (const char              *text,
                                             const char              *quote);
/* Adds an annotation on @quote with one tag, @theme (or none) and @note. */
void             test_pdf_annotate          (TestPdfFixture          *fixture,
                                             ScholiaDocument         *document,
                                             const char              *text,
                                             const char              *quote,
                                             gint64                   tag_id,
                                             ScholiaTheme            *theme,
                                             const char              *note);
/* Exports the fixture's document to fixture->output, asserting success. */
void             test_pdf_export            (TestPdfFixture          *fixture,
                                             const ScholiaPdfOptions *options);
/* Adds the essay again as "A River Grown Tired" by Adaeze Okafor; @filter then lets through
 * Helena Marwick's passages and hers, as a side-by-side handout chooses them. */
ScholiaDocument *test_pdf_add_second_author (TestPdfFixture          *fixture,
                                             ScholiaAnnotationFilter *filter);
PopplerDocument *test_pdf_open              (const char              *path);
/* @text without its white space and soft hyphens: the words as a reader joins them. */
char            *test_pdf_without_whitespace (const char             *text);
/* The characters of @page whose boxes lie within @rect, in reading order. */
char            *test_pdf_text_in           (PopplerPage             *page,
                                             const ScholiaPdfRect    *rect);
/* The text column (or, with @margin, the notes' margin) of every page, in order, as @options
 * (NULL: the defaults) laid them out. */
char            *test_pdf_column_text       (PopplerDocument         *pdf,
                                             const ScholiaPdfOptions *options,
                                             gboolean                 margin);
/* The page's highlight annotations, each a reference, in the page's order. */
GList           *test_pdf_highlights_on     (PopplerPage             *page);
/* @page rendered on white at @scale pixels a point, as RGB24, with its annotations or as
 * printed without them. */
cairo_surface_t *test_pdf_render_page       (PopplerPage             *page,
                                             double                   scale,
                                             gboolean                 annotations);

/* The authors (/T) of the highlights on the first page of the PDF at @path, in its order. */
GStrv            test_pdf_highlight_labels  (const char              *path);
/* The most frequent colour of @surface (rendered at scale 2) inside @quad, 2 pixels in from
 * its edges: text pixels vary, a tint is flat. */
guint32          test_pdf_quad_colour       (cairo_surface_t         *surface,
                                             double                   page_height,
                                             PopplerQuadrilateral    *quad);
/* The box of the ink of a mark's colour in @area, from the page rendered there: pixels
 * saturated and darker than a wash; the text is grey or black. */
gboolean         test_pdf_find_mark_ink     (PopplerPage             *page,
                                             const PopplerRectangle  *area,
                                             PopplerRectangle        *ink);
/* Runs @argv, asserting it exits with @status; returns what it printed, stderr after stdout. */
char            *test_pdf_run_tool          (const char * const      *argv,
                                             int                      status);

G_END_DECLS
