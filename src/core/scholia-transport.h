/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where a seminar's files live: a folder (local, or one a sync client keeps in step) or a
 * WebDAV share. Paths are relative to the seminar's folder, segments separated by "/":
 * "seminar.json", "logs/", "logs/<uuid>.jsonl". Every method blocks, may be cancelled, and may
 * be called from any thread, so that a worker thread can run a whole sync while the window
 * stays responsive.
 *
 * ETags are opaque strings: hand back exactly the one a listing, a get or a put returned. */

#define SCHOLIA_TRANSPORT_ERROR (scholia_transport_error_quark ())

/* What a sync can act on. Cancelling gives G_IO_ERROR_CANCELLED instead. */
typedef enum
{
  SCHOLIA_TRANSPORT_ERROR_FAILED,        /* anything else: try again later, show the message */
  SCHOLIA_TRANSPORT_ERROR_OFFLINE,       /* cannot connect: offline, or the server is down */
  SCHOLIA_TRANSPORT_ERROR_UNAUTHORIZED,  /* 401: wrong user name or password */
  SCHOLIA_TRANSPORT_ERROR_FORBIDDEN,     /* 403: no right to read or write here */
  SCHOLIA_TRANSPORT_ERROR_NOT_FOUND,     /* 404: no such file or folder */
  SCHOLIA_TRANSPORT_ERROR_NO_PARENT,     /* 409: the folder to write into does not exist */
  SCHOLIA_TRANSPORT_ERROR_CHANGED,       /* 412: changed (or created) since it was last read */
  SCHOLIA_TRANSPORT_ERROR_LOCKED,        /* 423: locked by someone else */
  SCHOLIA_TRANSPORT_ERROR_FULL,          /* 507: no space left on the server or disk */
  SCHOLIA_TRANSPORT_ERROR_INSECURE,      /* a password would travel unencrypted */
  SCHOLIA_TRANSPORT_ERROR_INVALID,       /* a location or path that cannot be used */
} ScholiaTransportError;

GQuark scholia_transport_error_quark (void);

/* One file or folder of a listing. */
typedef struct
{
  char     *name;          /* the name alone, decoded: "Ana Müller.jsonl" */
  char     *etag;          /* NULL when the server gave none */
  guint64   size;
  gboolean  is_folder;
} ScholiaTransportEntry;

#define SCHOLIA_TYPE_TRANSPORT_ENTRY (scholia_transport_entry_get_type ())
GType                  scholia_transport_entry_get_type (void) G_GNUC_CONST;
ScholiaTransportEntry *scholia_transport_entry_copy     (const ScholiaTransportEntry *entry);
void                   scholia_transport_entry_free     (ScholiaTransportEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaTransportEntry, scholia_transport_entry_free)

typedef enum
{
  SCHOLIA_TRANSPORT_GET_FAILED,
  SCHOLIA_TRANSPORT_GET_FETCHED,       /* *contents holds the file */
  SCHOLIA_TRANSPORT_GET_NOT_MODIFIED,  /* the file still has the ETag given: nothing to read */
} ScholiaTransportGetResult;

#define SCHOLIA_TYPE_TRANSPORT (scholia_transport_get_type ())
G_DECLARE_DERIVABLE_TYPE (ScholiaTransport, scholia_transport, SCHOLIA, TRANSPORT, GObject)

struct _ScholiaTransportClass
{
  GObjectClass parent_class;

  GPtrArray                 *(*list)          (ScholiaTransport  *self,
                                               const char        *path,
                                               GCancellable      *cancellable,
                                               GError           **error);
  ScholiaTransportGetResult  (*get)           (ScholiaTransport  *self,
                                               const char        *path,
                                               const char        *if_none_match,
                                               GBytes           **contents,
                                               char             **etag,
                                               GCancellable      *cancellable,
                                               GError           **error);
  gboolean                   (*put)           (ScholiaTransport  *self,
                                               const char        *path,
                                               GBytes            *contents,
                                               const char        *if_match,
                                               char             **new_etag,
                                               GCancellable      *cancellable,
                                               GError           **error);
  gboolean                   (*make_folder)   (ScholiaTransport  *self,
                                               const char        *path,
                                               GCancellable      *cancellable,
                                               GError           **error);
};

/* @location: an absolute path, a file:// URI, or an http(s):// URL of a WebDAV folder.
 * @user and @password are for WebDAV only (HTTP Basic; a Nextcloud app password works); they
 * are refused over plain http to any host but this machine. */
ScholiaTransport          *scholia_transport_new_for_location (const char        *location,
                                                               const char        *user,
                                                               const char        *password,
                                                               GError           **error);

/* The location as the user gave it, for messages. */
const char                *scholia_transport_get_location     (ScholiaTransport  *self);

/* The files and folders directly in the folder @path ("" for the seminar's folder itself),
 * names beginning with "." left out (sync clients' and editors' temporary files). Returns a
 * GPtrArray of ScholiaTransportEntry, in no particular order. */
GPtrArray                 *scholia_transport_list             (ScholiaTransport  *self,
                                                               const char        *path,
                                                               GCancellable      *cancellable,
                                                               GError           **error);
/* Reads the file @path. With @if_none_match (an ETag from before), a file that still has it is
 * not read again and SCHOLIA_TRANSPORT_GET_NOT_MODIFIED comes back. @etag receives the file's
 * ETag either way (NULL when the server gives none). */
ScholiaTransportGetResult  scholia_transport_get              (ScholiaTransport  *self,
                                                               const char        *path,
                                                               const char        *if_none_match,
                                                               GBytes           **contents,
                                                               char             **etag,
                                                               GCancellable      *cancellable,
                                                               GError           **error);
/* Writes @contents as the file @path, whole, so that nobody ever reads half of it.
 * @if_match NULL: the file must not exist yet. Otherwise the file must still have that ETag.
 * Either way a mismatch fails with SCHOLIA_TRANSPORT_ERROR_CHANGED and changes nothing.
 * @new_etag receives the written file's ETag. When the connection fails after the server got
 * the file, the file may be written all the same: the next put with the old ETag then fails
 * with SCHOLIA_TRANSPORT_ERROR_CHANGED, and a get tells which version is there. */
gboolean                   scholia_transport_put              (ScholiaTransport  *self,
                                                               const char        *path,
                                                               GBytes            *contents,
                                                               const char        *if_match,
                                                               char             **new_etag,
                                                               GCancellable      *cancellable,
                                                               GError           **error);
/* Makes the folder @path; one that exists already is fine. Its parent must exist. */
gboolean                   scholia_transport_make_folder      (ScholiaTransport  *self,
                                                               const char        *path,
                                                               GCancellable      *cancellable,
                                                               GError           **error);

/* Whether two ETags name the same version of a file, compared as RFC 9110 does weakly: the W/
 * prefix aside. Apache hands out a W/ ETag for about a second after a write and the same tag
 * without W/ afterwards, so an ETag kept from an upload and one from a later listing differ
 * only by it; a sync deciding which logs to download compares with this, not strcmp (). NULL
 * (no ETag known) matches nothing. */
gboolean                   scholia_transport_etag_equal       (const char        *a,
                                                               const char        *b);

/* For the subclasses: whether @path is a relative path the transport may use (no "..", no
 * empty segment, no leading "/"); sets SCHOLIA_TRANSPORT_ERROR_INVALID otherwise. */
gboolean                   scholia_transport_check_path       (ScholiaTransport  *self,
                                                               const char        *path,
                                                               gboolean           folder,
                                                               GError           **error);

G_END_DECLS
