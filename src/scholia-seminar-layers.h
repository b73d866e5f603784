/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scholia-seminar-store.h"

G_BEGIN_DECLS

/* A seminar essay's layers: the colour of each participant whose annotations it shows, by the
 * participant id annotations carry (0, mine not yet published, is mine). A snapshot: make a new
 * one after a merge may have brought new participants. */
typedef struct _ScholiaSeminarLayers ScholiaSeminarLayers;

/* NULL when @document_id is in no seminar of @store, or the seminars cannot be read. */
ScholiaSeminarLayers *scholia_seminar_layers_new         (ScholiaStore         *store,
                                                          gint64                document_id);
void                  scholia_seminar_layers_free        (ScholiaSeminarLayers *self);
/* FALSE when @participant_id is not in the essay's seminar. */
gboolean              scholia_seminar_layers_get_colour  (ScholiaSeminarLayers *self,
                                                          gint64                participant_id,
                                                          GdkRGBA              *colour);

/* NULL when @participant_id is not in the essay's seminar. */
const char           *scholia_seminar_layers_get_name    (ScholiaSeminarLayers *self,
                                                          gint64                participant_id);

/* A participant's colour as a dot beside their name (the participant filter, the matrix), the
 * key to their bands in the margin. @colour NULL keeps the dot's room, empty. */
GtkWidget            *scholia_seminar_layers_new_dot       (void);
void                  scholia_seminar_layers_set_dot_colour (GtkWidget          *dot,
                                                            const char         *colour);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaSeminarLayers, scholia_seminar_layers_free)

G_END_DECLS
