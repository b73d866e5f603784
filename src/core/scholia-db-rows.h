/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-db.h"

G_BEGIN_DECLS

/* Rows for one table, written by INSERTs of many rows each: thousands of one-row INSERTs cost
 * mostly each statement's own start and end, which one INSERT of 64 rows pays once. A row's
 * values are given in the column order, and texts are not copied: they must live until the
 * next scholia_db_rows_flush() or scholia_db_rows_end_row() that returns. */
typedef struct _ScholiaDbRows ScholiaDbRows;

/* @columns as in SQL ("uuid, kind"); @types one letter a column: 't' text, 'i' integer, 'u' an
 * annotation's uuid given as text, stored as its key (scholia-uuid-key.h). */
ScholiaDbRows *scholia_db_rows_new       (ScholiaDb      *db,
                                          const char     *table,
                                          const char     *columns,
                                          const char     *types);
void           scholia_db_rows_free      (ScholiaDbRows  *self);
void           scholia_db_rows_add_text  (ScholiaDbRows  *self,
                                          const char     *text);
/* A text that may be freed before the rows are written: a copy is kept until they are. */
void           scholia_db_rows_add_text_copy (ScholiaDbRows *self,
                                              const char    *text);
void           scholia_db_rows_add_int64 (ScholiaDbRows  *self,
                                          gint64          value);
/* Ends the row being given; writes the rows held when they fill one INSERT. */
gboolean       scholia_db_rows_end_row   (ScholiaDbRows  *self,
                                          GError        **error);
/* Writes every row held. */
gboolean       scholia_db_rows_flush     (ScholiaDbRows  *self,
                                          GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaDbRows, scholia_db_rows_free)

G_END_DECLS
