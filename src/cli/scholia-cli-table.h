/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

/* scholia-cli's tables: rows of cells printed in columns that line up on a terminal whatever the
 * script. printf's "%-13s" pads by bytes, so a Russian or Polish label (two bytes a letter) or an
 * Arabic name with its harakat (marks that take no room) ends its column early; these pad by
 * display width instead: one column a character, none for a combining mark or a format
 * character, two for a wide (East Asian) one.
 *
 * A column is as wide as its widest cell, at least its minimum (so that an English table keeps
 * the layout it always had) and at most its maximum, past which a cell is cut with "…". The last
 * column is never padded. */
typedef struct _ScholiaCliTable ScholiaCliTable;

ScholiaCliTable *scholia_cli_table_new        (guint            n_columns);
void             scholia_cli_table_free       (ScholiaCliTable *table);
/* @maximum 0: no maximum. */
void             scholia_cli_table_set_width  (ScholiaCliTable *table,
                                               guint            column,
                                               int              minimum,
                                               int              maximum);
/* Every row starts with @indent (spaces, say); "" by default. */
void             scholia_cli_table_set_indent (ScholiaCliTable *table,
                                               const char      *indent);
/* One row: as many cells (UTF-8, NULL for an empty one) as the table has columns. */
void             scholia_cli_table_add_row    (ScholiaCliTable *table,
                                               const char      *first_cell,
                                               ...);
void             scholia_cli_table_print      (ScholiaCliTable *table,
                                               FILE            *out);

/* The columns @text takes on a terminal (see above). */
int              scholia_cli_display_width    (const char      *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaCliTable, scholia_cli_table_free)

G_END_DECLS
