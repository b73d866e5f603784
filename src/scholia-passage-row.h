/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-passage.h"
#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_PASSAGE_ROW (scholia_passage_row_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaPassageRow, scholia_passage_row, SCHOLIA, PASSAGE_ROW, GtkWidget)

/* One passage of a comparison: its quote (four lines at most, the whole of it in the tooltip),
 * its tags as small coloured chips and its note. GtkListView has no sections in GTK 4.8, so the
 * row also carries the headings of the groups it opens: the author's name above the first
 * passage of an author, the document's title, date and page above the first of a document. The
 * list decides which headings a row shows; the row only draws them. "Large" is the projected
 * layout of the side-by-side view: bigger type, more air. */
GtkWidget      *scholia_passage_row_new                   (void);
ScholiaPassage *scholia_passage_row_get_passage           (ScholiaPassageRow *self);
void            scholia_passage_row_set_passage           (ScholiaPassageRow *self,
                                                           ScholiaPassage    *passage,
                                                           ScholiaStore      *store);
/* Where the passage stands in its document, "p. 118" or "¶ 14" (scholia_comparison_dup_place());
 * NULL hides it. Setting a passage clears it. */
void            scholia_passage_row_set_place             (ScholiaPassageRow *self,
                                                           const char        *place);
void            scholia_passage_row_set_headings          (ScholiaPassageRow *self,
                                                           gboolean           author_heading,
                                                           gboolean           document_heading);
gboolean        scholia_passage_row_get_author_heading    (ScholiaPassageRow *self);
gboolean        scholia_passage_row_get_document_heading  (ScholiaPassageRow *self);
void            scholia_passage_row_set_large             (ScholiaPassageRow *self,
                                                           gboolean           large);

/* Which headings the passage at `position` of `passages` opens: the author's when the previous
 * passage is by someone else (or there is none), the document's when it comes from another
 * document. Shared by every list of passages so that they group alike. */
void            scholia_passage_row_find_headings         (GListModel        *passages,
                                                           guint              position,
                                                           gboolean          *author_heading,
                                                           gboolean          *document_heading);

/* "Unknown Author" for the documents that have none, the name otherwise. */
char           *scholia_passage_row_author_display_name   (const char        *author);

G_END_DECLS
