/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "scholia-db.h"

G_BEGIN_DECLS

/* An annotation's quote, prefix and suffix are stored NULL when they are the document's text
 * at its offsets (since schema version 14; issue 17: they were two thirds of a large library's
 * annotations). SQL reads them through the function
 *
 *   scholia_passage(part, stored, document_id, start_offset, end_offset)
 *
 * which gives @stored when it is not NULL and otherwise cuts the part (0 quote, 1 prefix,
 * 2 suffix) out of the document's current text exactly as the store cuts it when it writes an
 * annotation (SCHOLIA_ANCHOR_CONTEXT_LENGTH code points of context, clamped to the text). The
 * texts last cut from are kept with an index of their code points, so that 5,000 annotations of
 * one essay read its text once; a kept text is checked against the document's checksum whenever
 * anything may have changed it. Writers store nullif(value, scholia_passage(part, NULL, …)). */
#define SCHOLIA_PASSAGE_SQL(part, column, row) \
  "scholia_passage(" part ", " row column ", " row "document_id, " row "start_offset, " row "end_offset)"
#define SCHOLIA_QUOTE_SQL(row)  SCHOLIA_PASSAGE_SQL ("0", "quote", row)
#define SCHOLIA_PREFIX_SQL(row) SCHOLIA_PASSAGE_SQL ("1", "prefix", row)
#define SCHOLIA_SUFFIX_SQL(row) SCHOLIA_PASSAGE_SQL ("2", "suffix", row)

/* The value a writer stores for the part given as parameter @value of an annotation whose
 * document, start and end are the parameters that follow: NULL when the text has it and the
 * library derives passages (scholia_passage_sql_set_deriving()); @value otherwise. */
#define SCHOLIA_STORED_PASSAGE_SQL(part, value, document, start, end) \
  "scholia_stored_passage(" part ", " value ", " document ", " start ", " end ")"

typedef struct _ScholiaPassageSql ScholiaPassageSql;

/* Registers the function on @handle, the connection of @db, whose statements it uses; the
 * texts it keeps are freed with the connection, which owns what @passages points to. */
int  scholia_passage_sql_register (ScholiaDb          *db,
                                   sqlite3            *handle,
                                   ScholiaPassageSql **passages);
/* Whether writers store NULL for what the text holds: only a library whose schema lets them
 * (version 14 on; a store opened at an older version by the upgrade tests writes as it did). */
void scholia_passage_sql_set_deriving (ScholiaPassageSql  *self,
                                       gboolean            deriving);
/* Forgets the texts kept: a rollback (to a savepoint too) may have put back older ones, which
 * nothing else would tell. */
void scholia_passage_sql_forget   (ScholiaPassageSql  *self);

G_END_DECLS
