/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A WebDAV password lives in the desktop keyring (the Secret Service: GNOME Keyring, KWallet),
 * stored under the seminar's address and the user name; never in the library or the seminar's
 * folder. For scripts, SCHOLIA_WEBDAV_PASSWORD in the environment overrides the keyring. */

#define SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE "SCHOLIA_WEBDAV_PASSWORD"

/* The password for @user at @url: SCHOLIA_WEBDAV_PASSWORD when it is set, else the keyring's.
 * NULL without an error when the keyring holds none; NULL and an error when the keyring cannot
 * be asked (no Secret Service running). */
char     *scholia_credentials_lookup (const char    *url,
                                      const char    *user,
                                      GCancellable  *cancellable,
                                      GError       **error);
gboolean  scholia_credentials_store  (const char    *url,
                                      const char    *user,
                                      const char    *password,
                                      GCancellable  *cancellable,
                                      GError       **error);
/* The same without blocking, for the window: the keyring may ask the user to unlock it. */
void      scholia_credentials_store_async  (const char          *url,
                                            const char          *user,
                                            const char          *password,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  scholia_credentials_store_finish (GAsyncResult        *result,
                                            GError             **error);
/* Forgets the password; one that was never stored is no error. */
gboolean  scholia_credentials_clear  (const char    *url,
                                      const char    *user,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
