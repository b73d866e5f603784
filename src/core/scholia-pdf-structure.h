/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <qpdf/qpdf-c.h>

#include "scholia-pdf-premark.h"
#include "scholia-pdf-update.h"

G_BEGIN_DECLS

/* What cairo 1.16 cannot write into a tagged PDF, finished on the closed file with qpdf: the
 * drawing outside the structure (running heads, folios, rules, stripes, leaders) marked as
 * artifacts, and an element that a page break split joined again into one, written as an
 * incremental update of the file. */

/* cairo 1.16 begins a new element at each cairo_tag_begin, and accepts only the standard
 * types. A piece of a split element is begun inside a wrapper saying which it is: "NonStruct"
 * when the element goes on to a later page, "Private" when it goes on from an earlier one (a
 * piece in between has both, Private outermost). The finished file has one element where the
 * first piece stood, and no wrappers. The export uses these two types for nothing else. */
void      scholia_pdf_structure_begin_piece (cairo_t     *cr,
                                             const char  *type,
                                             gboolean     continued,
                                             gboolean     continues);
void      scholia_pdf_structure_end_piece   (cairo_t     *cr,
                                             const char  *type,
                                             gboolean     continued,
                                             gboolean     continues);
/* Written into @update: each page's content with its artifacts marked (the old content left
 * unused in the file), those @premark did while the pages were drawn taken from it, and the
 * elements and parent tree changed by the joining. */
gboolean  scholia_pdf_structure_finish      (ScholiaPdfUpdate   *update,
                                             ScholiaPdfPremark  *premark,
                                             GError            **error);
/* A ScholiaPdfAppendFunc for a file without highlights (the handout): /Lang set to @user_data,
 * a BCP 47 code ("en"), unless NULL. */
gboolean  scholia_pdf_structure_append      (ScholiaPdfUpdate   *update,
                                             gpointer            user_data,
                                             GError            **error);
/* One page's content, decoded, with every run of drawing outside a tagged or artifact
 * sequence wrapped in /Artifact BMC … EMC (scholia-pdf-artifacts.c). Safe to call from any
 * thread. */
GBytes   *scholia_pdf_mark_artifacts        (const char  *content,
                                             gsize        length,
                                             GError     **error);

G_END_DECLS
