/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-annotation-filter.h"
#include "scholia-store.h"

G_BEGIN_DECLS

/* Authors × themes: how many placed passages each author has on each theme, and, when built
 * by_tag, how many of them carry each tag (get_count with a tag id; 0 for the total). Every author of the library is a row and every theme a column, so that an author's
 * silence on a theme shows as an empty cell. Authors come by their sort key (no author last), themes
 * in the user's order. A snapshot: build a new one after changes.
 *
 * Filtered, only the filter's authors are rows and its themes columns, and only passages with
 * any of its tags, by any of its seminar participants, are counted. */
typedef struct _ScholiaMatrix ScholiaMatrix;

ScholiaMatrix *scholia_matrix_new            (ScholiaStore  *store,
                                              gboolean       by_tag,
                                              GError       **error);
ScholiaMatrix *scholia_matrix_new_filtered   (ScholiaStore            *store,
                                              gboolean                 by_tag,
                                              ScholiaAnnotationFilter *filter,
                                              GError                 **error);
/* Participants × themes, for the library's seminars: see the function's comment. */
ScholiaMatrix *scholia_matrix_new_by_participant (ScholiaStore            *store,
                                                  gboolean                 by_tag,
                                                  ScholiaAnnotationFilter *filter,
                                                  GError                 **error);
ScholiaMatrix *scholia_matrix_ref            (ScholiaMatrix *self);
void           scholia_matrix_free           (ScholiaMatrix *self);
guint          scholia_matrix_get_n_authors  (ScholiaMatrix *self);
const char    *scholia_matrix_get_author     (ScholiaMatrix *self,
                                              guint          row);
const char    *scholia_matrix_get_author_sort_key (ScholiaMatrix *self,
                                                   guint          row);
const char    *scholia_matrix_get_author_collate_key (ScholiaMatrix *self,
                                                      guint          row);
gint64         scholia_matrix_get_participant_id (ScholiaMatrix *self,
                                                  guint          row);
guint          scholia_matrix_get_n_themes   (ScholiaMatrix *self);
ScholiaTheme  *scholia_matrix_get_theme      (ScholiaMatrix *self,
                                              guint          column);
guint          scholia_matrix_get_count      (ScholiaMatrix *self,
                                              guint          row,
                                              guint          column,
                                              gint64         tag_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaMatrix, scholia_matrix_free)

G_END_DECLS
