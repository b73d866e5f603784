/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-store.h"

G_BEGIN_DECLS

/* What a change concerns, so that undoing it can show it: a passage (or the whole) of one
 * document, one tag or theme, or the library as a whole. */
typedef enum
{
  SCHOLIA_COMMAND_PLACE_LIBRARY,
  SCHOLIA_COMMAND_PLACE_DOCUMENT,
  SCHOLIA_COMMAND_PLACE_LABEL,
} ScholiaCommandPlaceKind;

typedef struct
{
  ScholiaCommandPlaceKind kind;
  gint64                  document_id;  /* DOCUMENT */
  int                     start;        /* DOCUMENT: the passage, or -1, -1 for the whole */
  int                     end;
  GType                   label_type;   /* LABEL: SCHOLIA_TYPE_TAG or SCHOLIA_TYPE_THEME */
  gint64                  label_id;
} ScholiaCommandPlace;

#define SCHOLIA_TYPE_COMMAND (scholia_command_get_type ())

G_DECLARE_DERIVABLE_TYPE (ScholiaCommand, scholia_command, SCHOLIA, COMMAND, GObject)

/* One change a user can make, able to go either way. apply does it (the first time, or again
 * after revert); revert takes it back. Either leaves the library as it was when it fails.
 * label names the change for the Undo menu item ("Add Theme"); get_place says where it is.
 * absorb, when set, lets a command of the same kind that follows it join it as one step (the
 * next one already applied): it returns whether it took it; is_empty then says whether the
 * two cancelled out. */
struct _ScholiaCommandClass
{
  GObjectClass parent_class;

  gboolean     (*apply)     (ScholiaCommand       *self,
                             GError              **error);
  gboolean     (*revert)    (ScholiaCommand       *self,
                             GError              **error);
  const char  *(*get_label) (ScholiaCommand       *self);
  void         (*get_place) (ScholiaCommand       *self,
                             ScholiaCommandPlace  *place);
  gboolean     (*absorb)    (ScholiaCommand       *self,
                             ScholiaCommand       *next);
  gboolean     (*is_empty)  (ScholiaCommand       *self);
};

ScholiaStore *scholia_command_get_store    (ScholiaCommand       *self);
gboolean      scholia_command_apply        (ScholiaCommand       *self,
                                            GError              **error);
gboolean      scholia_command_revert       (ScholiaCommand       *self,
                                            GError              **error);
/* Translated, e.g. "Add Theme". */
const char   *scholia_command_get_label    (ScholiaCommand       *self);
void          scholia_command_get_place    (ScholiaCommand       *self,
                                            ScholiaCommandPlace  *place);
gboolean      scholia_command_can_absorb   (ScholiaCommand       *self);
gboolean      scholia_command_absorb       (ScholiaCommand       *self,
                                            ScholiaCommand       *next);
gboolean      scholia_command_is_empty     (ScholiaCommand       *self);

G_END_DECLS
