/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-seminar-store.h"
#include "scholia-store-private.h"

G_BEGIN_DECLS

/* Shared by the seminar files of the store: -seminar-merge.c and -seminar-outbox.c call
 * -seminars.c, never the other way. */

/* The participant with @uuid, added (to the seminar too) when missing; a non-empty @name
 * replaces the one known. Inside the caller's transaction. */
gboolean _scholia_store_ensure_participant (ScholiaStore  *self,
                                            gint64         seminar_id,
                                            const char    *uuid,
                                            const char    *name,
                                            gboolean       me,
                                            gint64        *id,
                                            GError       **error);
/* Notes @clock as @participant_id's first in the seminar when it is earlier than the one known,
 * and then ranks the participants' colours again. Inside a transaction. */
gboolean _scholia_store_note_first_clock (ScholiaStore  *self,
                                          gint64         seminar_id,
                                          gint64         participant_id,
                                          const char    *clock,
                                          GError       **error);
/* The tags a merge of @owner_uuid's log may put on annotations: NULL (no error) when any, else
 * the names, casefolded, of the seminar's tags. */
gboolean _scholia_store_seminar_allowed_tags (ScholiaStore    *self,
                                              ScholiaSeminar  *seminar,
                                              const char      *owner_uuid,
                                              GHashTable     **allowed,
                                              GError         **error);
/* Keeps the seminar's clock at the greatest of its own and @stamp. Inside a transaction. */
gboolean _scholia_store_advance_seminar_clock (ScholiaStore  *self,
                                               gint64         seminar_id,
                                               const char    *stamp,
                                               GError       **error);
/* After a merge's commit, or its batch's: what views hold of the essays in @touched (gint64*
 * document ids) takes the rows as they now are, and the essays' changes are signalled. */
gboolean _scholia_store_follow_merge (ScholiaStore  *self,
                                      GHashTable    *touched,
                                      GError       **error);
/* The triggers on the tables a merge writes with triggers off, whose work it does itself
 * (scholia-store-seminar-merge.c), NULL-terminated. */
extern const char *const _scholia_merge_replaced_triggers[];

G_END_DECLS
