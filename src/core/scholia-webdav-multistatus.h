/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads a WebDAV server's answer to PROPFIND with Depth: 1 (RFC 4918 multistatus) into
 * ScholiaTransportEntry items. @folder_path is the decoded path of the folder asked about
 * ("/remote.php/dav/files/ana/Seminar 17/logs/"): its own entry, and any that is not directly
 * in it, is left out, as are names beginning with ".". NULL and an error when @body is not a
 * multistatus document. */
GPtrArray *scholia_webdav_multistatus_parse (const char  *body,
                                             gsize        length,
                                             const char  *folder_path,
                                             GError     **error);

G_END_DECLS
