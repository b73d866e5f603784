/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scholia-editor.h"

#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_REVISION_DIALOG (scholia_revision_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaRevisionDialog, scholia_revision_dialog, SCHOLIA, REVISION_DIALOG,
                      AdwWindow)

/* "Replace Text from File…": replaces a document's text with a revised edition chosen by the
 * user, moving its annotations to where their passages now are, then says how many were placed
 * exactly, approximately or not at all, and offers Undo. "replaced" (ScholiaDocument) is emitted
 * whenever the document's text changed, by the replacement or by Undo, so that views showing it
 * reload. Errors are shown in the dialog and change nothing. */
GtkWidget *scholia_revision_dialog_new               (ScholiaStore          *store,
                                                      ScholiaDocument       *document);
/* Replaces the text with @file's, as choosing it in the file chooser does. The work starts once
 * the dialog has shown its spinner. */
void       scholia_revision_dialog_set_editor        (ScholiaRevisionDialog *self,
                                                      ScholiaEditor         *editor);
void       scholia_revision_dialog_replace_from_file (ScholiaRevisionDialog *self,
                                                      GFile                 *file);
/* Whether a replacement has started and not finished yet. */
gboolean   scholia_revision_dialog_get_busy          (ScholiaRevisionDialog *self);

G_END_DECLS
