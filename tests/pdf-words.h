/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <poppler.h>

#include "scholia-pdf-export.h"
#include "test-pdf.h"

G_BEGIN_DECLS

/* Helpers of the right-to-left PDF tests (test-rtl.c, test-rtl-pdf.c): an essay added and
 * exported, and the words of its pages as pdftotext -bbox reads them. In a right-to-left line
 * each letter comes out as a word of its own, with its own box, which is what a highlight's
 * test needs. */
typedef struct
{
  double  x1, y1, x2, y2;  /* cairo's coordinates: y downwards */
  char   *text;
} PdfWord;

/* The first page's words, of PdfWord. */
GArray *pdf_words_read           (const char           *path);
/* Page @page's (0-based). */
GArray *pdf_words_read_page      (const char           *path,
                                  int                   page);
/* The first of the page's highlights whose quads hold exactly @quote's letters (in any order,
 * see sorted_letters()), its quads; NULL when none does. */
GArray *pdf_words_find_highlight (PopplerPage          *page,
                                  const GArray         *words,
                                  const char           *quote);
/* Whether @text holds @expected's letters, whatever their order and shaped forms, white
 * space and direction controls aside. */
gboolean pdf_words_same_letters  (const char           *text,
                                  const char           *expected);
/* The words in @rect, joined without their spaces. */
char   *pdf_words_in_rect        (const GArray         *words,
                                  const ScholiaPdfRect *rect);

/* Adds an essay of 2024 to the fixture's library. */
ScholiaDocument *pdf_words_add_essay    (TestPdfFixture  *fixture,
                                         const char      *title,
                                         const char      *author,
                                         const char      *text);
/* Exports @document's annotated PDF as @name beside fixture->output, checked by pdfinfo
 * (tagged) and qpdf (no warning); returns its path. */
char            *pdf_words_export_essay (TestPdfFixture  *fixture,
                                         ScholiaDocument *document,
                                         const char      *name);

G_END_DECLS
