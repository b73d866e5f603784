/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scholia-application.h"
#include "scholia-document-page.h"
#include "scholia-library.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_WINDOW (scholia_window_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaWindow, scholia_window, SCHOLIA, WINDOW, AdwApplicationWindow)

ScholiaWindow   *scholia_window_new                   (ScholiaApplication *application);
ScholiaStore    *scholia_window_get_store             (ScholiaWindow      *self);
void             scholia_window_set_store             (ScholiaWindow      *self,
                                                       ScholiaStore       *store);
gboolean         scholia_window_open_library          (ScholiaWindow      *self,
                                                       const char         *path);
ScholiaLibrary  *scholia_window_get_library           (ScholiaWindow      *self);
ScholiaReading  *scholia_window_get_reading           (ScholiaWindow      *self);
void             scholia_window_add_toast             (ScholiaWindow      *self,
                                                       AdwToast           *toast);

ScholiaDocument *scholia_window_get_document          (ScholiaWindow      *self);
ScholiaDocumentPage *scholia_window_get_document_page (ScholiaWindow      *self);
ScholiaEditor   *scholia_window_get_editor            (ScholiaWindow      *self);
GtkWidget       *scholia_window_get_sidebar           (ScholiaWindow      *self);
gboolean         scholia_window_show_document         (ScholiaWindow      *self,
                                                       ScholiaDocument    *document);
gboolean         scholia_window_show_document_by_name (ScholiaWindow      *self,
                                                       const char         *id_or_title);
gboolean         scholia_window_show_passage          (ScholiaWindow      *self,
                                                       ScholiaPassage     *passage);
void             scholia_window_show_properties       (ScholiaWindow      *self,
                                                       ScholiaDocument    *document);
void             scholia_window_delete_document       (ScholiaWindow      *self,
                                                       ScholiaDocument    *document);

void             scholia_window_import_files          (ScholiaWindow      *self,
                                                       GFile             **files,
                                                       guint               n_files);
gboolean         scholia_window_import_samples        (ScholiaWindow      *self);
gboolean         scholia_window_get_importing         (ScholiaWindow      *self);
gboolean         scholia_window_export_annotations    (ScholiaWindow      *self,
                                                       GFile              *file,
                                                       const char         *format,
                                                       gboolean            whole_library,
                                                       GError            **error);

G_END_DECLS
