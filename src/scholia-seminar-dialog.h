/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scholia-seminar-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_SEMINAR_DIALOG (scholia_seminar_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaSeminarDialog, scholia_seminar_dialog, SCHOLIA, SEMINAR_DIALOG,
                      AdwWindow)

/* "New Seminar…" and "Join Seminar…": the seminar's location (a folder, or a WebDAV address
 * with a user name and a password that goes to the keyring), my display name and, for a new
 * seminar, its name, essays, instructions and options. The work runs in the background with a
 * progress bar that Cancel stops; a failure is said in the dialog, which stays open to correct
 * it; success emits "done" (the ScholiaSeminar, owned by the dialog for the emission) and
 * closes it. */
GtkWidget  *scholia_seminar_dialog_new_create      (ScholiaStore         *store,
                                                    const gint64         *selected_ids,
                                                    guint                 n_selected_ids);
GtkWidget  *scholia_seminar_dialog_new_join        (ScholiaStore         *store);

/* What the user would type or choose, for tests and for the window to prefill. A location
 * starting with http:// or https:// is a WebDAV address, anything else a folder's path. */
void        scholia_seminar_dialog_set_name        (ScholiaSeminarDialog *self,
                                                    const char           *name);
void        scholia_seminar_dialog_set_location    (ScholiaSeminarDialog *self,
                                                    const char           *location);
/* For a WebDAV address: the user name and password typed beside it. */
void        scholia_seminar_dialog_set_credentials (ScholiaSeminarDialog *self,
                                                    const char           *user,
                                                    const char           *password);
void        scholia_seminar_dialog_set_my_name     (ScholiaSeminarDialog *self,
                                                    const char           *my_name);
void        scholia_seminar_dialog_set_essay_included (ScholiaSeminarDialog *self,
                                                    gint64                document_id,
                                                    gboolean              included);
gboolean    scholia_seminar_dialog_get_essay_included (ScholiaSeminarDialog *self,
                                                    gint64                document_id);
/* What the dialog says of the essays ticked: "3 essays will be shared". */
const char *scholia_seminar_dialog_get_essays_summary (ScholiaSeminarDialog *self);
/* Whether the seminar is being created or joined now. */
gboolean    scholia_seminar_dialog_get_busy        (ScholiaSeminarDialog *self);
/* The message shown for the last failure, or NULL. */
const char *scholia_seminar_dialog_get_error       (ScholiaSeminarDialog *self);

G_END_DECLS
