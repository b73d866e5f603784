/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-transport.h"

G_BEGIN_DECLS

/* A seminar in a WebDAV folder (Nextcloud, ownCloud, Apache mod_dav, …), spoken to with
 * libsoup: PROPFIND Depth 1 to list, GET, PUT and MKCOL, ETags for conditions, HTTP Basic
 * authentication sent with every request. */
#define SCHOLIA_TYPE_TRANSPORT_WEBDAV (scholia_transport_webdav_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaTransportWebdav, scholia_transport_webdav, SCHOLIA, TRANSPORT_WEBDAV,
                      ScholiaTransport)

/* @url: http(s):// address of the seminar's folder. A password is refused over plain http
 * unless the host is this machine. */
ScholiaTransport *scholia_transport_webdav_new (const char  *url,
                                                const char  *user,
                                                const char  *password,
                                                GError     **error);

G_END_DECLS
