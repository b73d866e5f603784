/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-annotation-filter.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_COMPARISON (scholia_comparison_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaComparison, scholia_comparison, SCHOLIA, COMPARISON, GObject)

/* How the authors of a library treat one theme: the theme's placed passages from every
 * document, ordered by author (by surname; no author last), then by document (by date, then
 * title), then in text order, only those its filter lets through (tags, authors). The filter's
 * first theme is the theme compared: setting either sets the other. The passages model follows
 * the library and the filter: it is refreshed after every change the store reports and every
 * "changed" of the filter. The comparison sidebar, the side-by-side window, the handout, the
 * theme's Markdown and the command line read it. */
ScholiaComparison *scholia_comparison_new               (ScholiaStore       *store);
ScholiaStore      *scholia_comparison_get_store         (ScholiaComparison  *self);
ScholiaTheme      *scholia_comparison_get_theme         (ScholiaComparison  *self);
void               scholia_comparison_set_theme         (ScholiaComparison  *self,
                                                         ScholiaTheme       *theme);
ScholiaAnnotationFilter *scholia_comparison_get_filter (ScholiaComparison       *self);
void               scholia_comparison_set_filter        (ScholiaComparison       *self,
                                                         ScholiaAnnotationFilter *filter);
GListModel        *scholia_comparison_get_passages      (ScholiaComparison  *self);
char             **scholia_comparison_list_authors      (ScholiaComparison  *self);
/* Where @passage stands in its document, as a citation names it: "p. 118" (the printed page it
 * starts on) or "¶ 14"; NULL when its text cannot be read. Each document's paragraphs are
 * counted once, when one of its passages is first placed. */
char              *scholia_comparison_dup_place         (ScholiaComparison  *self,
                                                         ScholiaPassage     *passage);
gboolean           scholia_comparison_refresh           (ScholiaComparison  *self,
                                                         GError            **error);

G_END_DECLS
