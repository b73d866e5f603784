/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The MUSTs of the W3C Web Annotation Data Model that an imported annotation is checked
 * against, with the forms the W3C test suite accepts ("uri": a scheme, then no white space;
 * "date-time": RFC 3339). What Scholia does not read is checked too: a file that breaks the
 * model there is as wrong as one that breaks it where Scholia looks. No store, no GTK. */

/* "@context" is the annotation context, or an array holding it; with @required, it must be
 * there. Errors say what is wrong, not where: the caller names the annotation. */
gboolean scholia_w3c_check_context    (JsonObject  *object,
                                       gboolean     required,
                                       GError     **error);
gboolean scholia_w3c_check_annotation (JsonObject  *annotation,
                                       gboolean     needs_context,
                                       GError     **error);

G_END_DECLS
