/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A real WebDAV server for tests: Apache 2 with mod_dav on 127.0.0.1 and a free port, with a
 * throwaway configuration, document root and password file, started and stopped by the test.
 * Should the test process die (a failed assertion aborts it), the kernel stops Apache too.
 *
 * Under the share (webdav_server_get_url ()), four folders answer with faults whatever is
 * asked of them: "full/" 507, "gone/" 410, "moved/" a redirection to http://elsewhere.invalid/,
 * "readonly/" 403 to anything but reading. The rest is plain
 * mod_dav: 409 for a PUT into a missing folder, 412 for a failed condition, 423 for a file
 * locked with webdav_server_lock (), 401 for a wrong password. */
typedef struct _WebdavServer WebdavServer;

/* Fails the test when Apache cannot be started. */
WebdavServer *webdav_server_start          (void);
/* Stops Apache if it runs and removes its files. */
void          webdav_server_free           (WebdavServer *server);
/* Stops Apache, letting it finish the requests it has: the server is down from now on. */
void          webdav_server_stop           (WebdavServer *server);

/* "http://127.0.0.1:PORT/dav/" */
const char   *webdav_server_get_url        (WebdavServer *server);
const char   *webdav_server_get_user       (WebdavServer *server);
const char   *webdav_server_get_password   (WebdavServer *server);
/* "http://USER@127.0.0.1:PORT/dav/FOLDER/", the user escaped, as a seminar's location. */
char         *webdav_server_dup_location   (WebdavServer *server,
                                            const char   *folder);
/* The share's folder on disk, to check what a client wrote. */
const char   *webdav_server_get_root       (WebdavServer *server);

/* Takes an exclusive WebDAV lock on @path (relative to the share), as another client editing
 * the file would: writes without its token are refused with 423 from then on. */
void          webdav_server_lock           (WebdavServer *server,
                                            const char   *path);

/* How many requests with @method (NULL: any) Apache answered, from its access log. Only once
 * it is stopped, when every request it answered is logged. */
guint         webdav_server_count_requests (WebdavServer *server,
                                            const char   *method);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WebdavServer, webdav_server_free)

G_END_DECLS
