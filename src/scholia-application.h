/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SCHOLIA_TYPE_APPLICATION (scholia_application_get_type ())

G_DECLARE_FINAL_TYPE (ScholiaApplication, scholia_application, SCHOLIA, APPLICATION, AdwApplication)

ScholiaApplication *scholia_application_new                  (void);
const char         *scholia_application_get_library_path     (ScholiaApplication *self);
const char         *scholia_application_get_initial_document (ScholiaApplication *self);

G_END_DECLS
