/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-command.h"

G_BEGIN_DECLS

/* Several changes made as one step (a bulk action on many annotations): apply runs them in
 * order, revert takes them back in reverse order. When one fails, those already done are
 * taken back, so the library is as it was and the step either happened whole or not at all. */
#define SCHOLIA_TYPE_BATCH_COMMAND (scholia_batch_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaBatchCommand, scholia_batch_command, SCHOLIA, BATCH_COMMAND, ScholiaCommand)

/* @commands: (element-type ScholiaCommand): the changes, not yet applied; @label names the
 * whole ("Delete Highlights"), translated. NULL when @commands is empty: nothing to do. */
ScholiaCommand *scholia_batch_command_new (ScholiaStore *store,
                                           const char   *label,
                                           GPtrArray    *commands);

G_END_DECLS
