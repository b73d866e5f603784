/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scholia-editor.h"

G_BEGIN_DECLS

#define SCHOLIA_TYPE_DOCUMENT_PROPERTIES (scholia_document_properties_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaDocumentProperties, scholia_document_properties,
                      SCHOLIA, DOCUMENT_PROPERTIES, AdwWindow)

GtkWidget       *scholia_document_properties_new          (ScholiaEditor             *editor,
                                                           ScholiaDocument           *document);
ScholiaDocument *scholia_document_properties_get_document (ScholiaDocumentProperties *self);

G_END_DECLS
