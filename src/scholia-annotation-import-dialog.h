/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scholia-store.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_ANNOTATION_IMPORT_DIALOG (scholia_annotation_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaAnnotationImportDialog, scholia_annotation_import_dialog, SCHOLIA,
                      ANNOTATION_IMPORT_DIALOG, AdwWindow)

/* "Import Annotations…": W3C Web Annotations (JSON-LD) from a file the user chooses, attached to
 * the documents they name or to one essay picked from the library, then a summary of how many
 * were placed exactly, re-anchored, left unplaced or already present. The import is all or
 * nothing: on an error the dialog names the file and says why, and the library is unchanged.
 * "imported" is emitted after a successful import. */
GtkWidget *scholia_annotation_import_dialog_new         (ScholiaStore                  *store,
                                                         ScholiaDocument               *preselected);
/* Imports @file with the target chosen in the dialog, as choosing it and pressing Import does. */
gboolean   scholia_annotation_import_dialog_import_file (ScholiaAnnotationImportDialog *self,
                                                         GFile                         *file);

G_END_DECLS
