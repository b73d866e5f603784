/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-command.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_HISTORY (scholia_history_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaHistory, scholia_history, SCHOLIA, HISTORY, GObject)

/* The undo and redo stacks of one library, for every change a user makes, whichever essay or
 * window it was made in. It lives as long as the library is open and is not saved.
 *
 * Properties: "can-undo", "can-redo", "undo-label" ("Undo Add Theme"), "redo-label"; each is
 * notified only when it changes. Signals: "undone" and "redone" (ScholiaCommand *), after a
 * step was taken back or done again, so that a view can show where. */
ScholiaHistory *scholia_history_new            (void);

/* Applies @command and makes it the newest step; anything undone before can no longer be
 * redone. A command that fails changes nothing and leaves the history as it was. A command
 * that can absorb takes in the next of its kind (consecutive note edits) until close_group,
 * undo or redo; steps that cancel out leave nothing to undo. */
gboolean        scholia_history_perform        (ScholiaHistory  *self,
                                                ScholiaCommand  *command,
                                                GError         **error);
/* The same for a change already made (replacing a document's text is applied before it is
 * recorded). */
void            scholia_history_record         (ScholiaHistory  *self,
                                                ScholiaCommand  *command);
void            scholia_history_close_group    (ScholiaHistory  *self);

/* A step that can no longer be undone or redone (its document was deleted meanwhile) fails
 * with an error and is dropped; the steps around it stay available. */
gboolean        scholia_history_undo           (ScholiaHistory  *self,
                                                GError         **error);
gboolean        scholia_history_redo           (ScholiaHistory  *self,
                                                GError         **error);
/* (transfer none) (nullable): the step undo (redo) would take. */
ScholiaCommand *scholia_history_peek_undo      (ScholiaHistory  *self);
ScholiaCommand *scholia_history_peek_redo      (ScholiaHistory  *self);
gboolean        scholia_history_get_can_undo   (ScholiaHistory  *self);
gboolean        scholia_history_get_can_redo   (ScholiaHistory  *self);
const char     *scholia_history_get_undo_label (ScholiaHistory  *self);
const char     *scholia_history_get_redo_label (ScholiaHistory  *self);
void            scholia_history_clear          (ScholiaHistory  *self);

G_END_DECLS
