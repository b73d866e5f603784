/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-command.h"

G_BEGIN_DECLS

/* Linking an essay to a reference by its citation key, or unlinking it ("" or NULL), as one
 * step that undo takes back. NULL when the key would not change. */
#define SCHOLIA_TYPE_SET_CITATION_KEY_COMMAND (scholia_set_citation_key_command_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaSetCitationKeyCommand, scholia_set_citation_key_command,
                      SCHOLIA, SET_CITATION_KEY_COMMAND, ScholiaCommand)

ScholiaCommand *scholia_set_citation_key_command_new (ScholiaStore    *store,
                                                      ScholiaDocument *document,
                                                      const char      *key);

G_END_DECLS
