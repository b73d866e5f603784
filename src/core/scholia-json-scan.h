/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Nesting deeper than this is refused: W3C annotations nest about 10 levels at most (the
 * deepest example of the specification, a collection of annotations, nests 10). */
#define SCHOLIA_JSON_MAX_DEPTH 64

/* One linear pass over JSON text from elsewhere, before a parser sees it. json-glib parses
 * recursively, so deep nesting overflows the stack, and it turns some escapes into strings that
 * are not UTF-8 text; this pass guards against both:
 *
 * - arrays and objects nested deeper than @max_depth are refused (SCHOLIA_ERROR_TOO_LARGE);
 * - a NUL byte, which JSON text never holds, is refused (SCHOLIA_ERROR_INVALID);
 * - inside strings, the escapes that cannot become UTF-8 text are rewritten in place as \ufffd,
 *   the replacement character, and counted in @replaced: \u0000, which would cut a C string
 *   short, and a UTF-16 surrogate without its other half.
 *
 * Brackets, quotes and escapes inside strings are read as text. Syntax errors are left to the
 * parser, which reports them with a line and column. The error message is a clause to follow
 * the file's name ("its arrays and objects are nested more than 64 levels deep, at line 1"). */
gboolean scholia_json_scan (char     *data,
                            gsize     length,
                            guint     max_depth,
                            guint    *replaced,
                            GError  **error);

G_END_DECLS
