/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-command.h"
#include "scholia-link.h"

G_BEGIN_DECLS

/* Linking two passages and removing a link, one undo step each. Each keeps the link, so that
 * one brought back by undo or redo has its id and uuid again. Their place is the source
 * passage. */

#define SCHOLIA_TYPE_LINK_COMMAND (scholia_link_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaLinkCommand, scholia_link_command, SCHOLIA, LINK_COMMAND, ScholiaCommand)

/* Links the annotation @source_id to @target_id with @type (scholia_store_add_link()). */
ScholiaCommand *scholia_link_command_new      (ScholiaStore       *store,
                                               gint64              source_id,
                                               gint64              target_id,
                                               const char         *type);
/* The link made by the first apply; NULL before. */
ScholiaLink    *scholia_link_command_get_link (ScholiaLinkCommand *self);

#define SCHOLIA_TYPE_UNLINK_COMMAND (scholia_unlink_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaUnlinkCommand, scholia_unlink_command, SCHOLIA, UNLINK_COMMAND, ScholiaCommand)

ScholiaCommand *scholia_unlink_command_new    (ScholiaStore       *store,
                                               ScholiaLink        *link);

G_END_DECLS
