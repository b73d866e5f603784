/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_COMPARISON (scholia_comparison_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaComparison, scholia_comparison, SCHOLIA, COMPARISON, GObject)

/* How the authors of a library treat one theme: the theme's placed passages from every
 * document, ordered by author (by surname; no author last), then by document (by date, then
 * title), then in text order, optionally only those carrying some tags or by some authors. The
 * passages model follows the library: it is refreshed after every change the store reports.
 * The comparison sidebar and the seminar handout both read it. */
ScholiaComparison *scholia_comparison_new               (ScholiaStore       *store);
ScholiaStore      *scholia_comparison_get_store         (ScholiaComparison  *self);
ScholiaTheme      *scholia_comparison_get_theme         (ScholiaComparison  *self);
void               scholia_comparison_set_theme         (ScholiaComparison  *self,
                                                         ScholiaTheme       *theme);
void               scholia_comparison_set_tag_filter    (ScholiaComparison  *self,
                                                         const gint64       *tag_ids,
                                                         guint               n_tag_ids);
void               scholia_comparison_set_author_filter (ScholiaComparison  *self,
                                                         const char * const *authors);
GListModel        *scholia_comparison_get_passages      (ScholiaComparison  *self);
char             **scholia_comparison_list_authors      (ScholiaComparison  *self);
gboolean           scholia_comparison_refresh           (ScholiaComparison  *self,
                                                         GError            **error);

G_END_DECLS
