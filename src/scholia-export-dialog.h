/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_EXPORT_DIALOG (scholia_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaExportDialog, scholia_export_dialog, SCHOLIA, EXPORT_DIALOG, AdwWindow)

/* The options of a PDF export (page size, type size, justification and margin notes, which are
 * remembered; the tags and themes to include, which are not) and the export itself: "Export…"
 * asks for a file, then writes it in a worker thread with its own connection to the library,
 * with a progress bar and Cancel. On success the dialog emits "exported" (the GFile written)
 * and closes; on failure it says why and stays open. The core replaces the target only with a
 * whole file, so a cancelled or failed export leaves nothing behind. */
GtkWidget *scholia_export_dialog_new_for_document (ScholiaStore        *store,
                                                   ScholiaDocument     *document);
GtkWidget *scholia_export_dialog_new_for_handout  (ScholiaStore        *store,
                                                   ScholiaTheme        *theme,
                                                   const char * const  *authors);

void       scholia_export_dialog_export_to        (ScholiaExportDialog *self,
                                                   GFile               *file);
void       scholia_export_dialog_cancel           (ScholiaExportDialog *self);
gboolean   scholia_export_dialog_get_exporting    (ScholiaExportDialog *self);

G_END_DECLS
