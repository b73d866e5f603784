/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <libxml/parser.h>
#include <string.h>

#include "scholia-transport-webdav.h"
#include "scholia-webdav-multistatus.h"

/* A server that accepted the connection but says nothing for this long is treated as down. */
#define TIMEOUT_SECONDS 60

#define PROPFIND_BODY \
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" \
  "<d:propfind xmlns:d=\"DAV:\"><d:prop>" \
  "<d:resourcetype/><d:getetag/><d:getcontentlength/>" \
  "</d:prop></d:propfind>\n"

/* Everything here is set in the constructor and never changed, and libsoup (3.2 and later)
 * lets any thread send messages on a session: the transport may be used from any thread. */
struct _ScholiaTransportWebdav
{
  ScholiaTransport  parent_instance;

  SoupSession      *session;
  char             *base;           /* encoded, ending in "/" */
  char             *base_path;      /* decoded path of the base, ending in "/" */
  char             *server;         /* host[:port], to name the server in messages */
  char             *authorization;  /* "Basic …", or NULL without a user */
};

G_DEFINE_FINAL_TYPE (ScholiaTransportWebdav, scholia_transport_webdav, SCHOLIA_TYPE_TRANSPORT)

static const char *
location_of (ScholiaTransportWebdav *self)
{
  return scholia_transport_get_location (SCHOLIA_TRANSPORT (self));
}

/* Each segment percent-encoded on its own, so that a name with spaces, "#", "?" or letters
 * outside ASCII reaches the server as that one name. */
static char *
encode_path (const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    {
      char *encoded = g_uri_escape_string (segments[i], NULL, FALSE);

      g_free (segments[i]);
      segments[i] = encoded;
    }
  return g_strjoinv ("/", segments);
}

static SoupMessage *
new_message (ScholiaTransportWebdav *self,
             const char             *method,
             const char             *path)
{
  g_autofree char *encoded = encode_path (path);
  g_autofree char *url = g_strconcat (self->base, encoded, NULL);
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  SoupMessage *message;

  /* The base was parsed and each segment encoded: the concatenation is a valid URL. */
  g_assert (uri != NULL);
  message = soup_message_new_from_uri (method, uri);
  /* The password goes with every request: a redirection could hand it to another server. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  if (self->authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  self->authorization);
  return message;
}

static void
set_error_from_network (ScholiaTransportWebdav  *self,
                        GError                  *network_error,
                        GError                 **error)
{
  if (g_error_matches (network_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (network_error));
  else if (network_error->domain == G_TLS_ERROR)
    g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FAILED,
                 _("Could not make a secure connection to the server %s: %s"),
                 self->server, network_error->message);
  else if (network_error->domain == SOUP_SESSION_ERROR)
    g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FAILED,
                 _("The server %s gave an answer Scholia could not read: %s"),
                 self->server, network_error->message);
  else
    g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_OFFLINE,
                 _("Could not reach the server %s: %s"), self->server, network_error->message);
}

/* An HTTP status that is not the one hoped for, in words. */
static void
set_error_from_status (ScholiaTransportWebdav  *self,
                       SoupMessage             *message,
                       const char              *path,
                       GError                 **error)
{
  guint status = soup_message_get_status (message);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                       "Location");

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_UNAUTHORIZED,
                   _("The server %s did not accept the user name or password — an app password may have expired or been revoked"),
                   self->server);
      break;
    case SOUP_STATUS_FORBIDDEN:
      g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FORBIDDEN,
                   _("The server %s refused access to “%s”: your account may not change it"),
                   self->server, path);
      break;
    case SOUP_STATUS_NOT_FOUND:
      g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_NOT_FOUND,
                   _("There is no “%s” in the seminar’s folder at %s"), path, location_of (self));
      break;
    case SOUP_STATUS_CONFLICT:
      g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_NO_PARENT,
                   _("Could not write “%s”: its folder does not exist in the seminar’s folder at %s"),
                   path, location_of (self));
      break;
    case SOUP_STATUS_PRECONDITION_FAILED:
      g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_CHANGED,
                   _("“%s” was changed on the server %s since Scholia last read it"),
                   path, self->server);
      break;
    case SOUP_STATUS_LOCKED:
      g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_LOCKED,
                   _("“%s” is locked on the server %s while someone else changes it: try again later"),
                   path, self->server);
      break;
    case SOUP_STATUS_INSUFFICIENT_STORAGE:
      g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FULL,
                   _("The server %s is full: there is no room for “%s”"), self->server, path);
      break;
    default:
      if (SOUP_STATUS_IS_REDIRECTION (status) && location != NULL)
        g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FAILED,
                     _("The server %s sends Scholia to %s instead: use that address for the seminar"),
                     self->server, location);
      else
        g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FAILED,
                     /* Translators: the server’s address, the HTTP status code and its English
                      * reason phrase (“404 Not Found”) and the file asked for */
                     _("The server %s answered “%u %s” for “%s”"), self->server, status,
                     soup_message_get_reason_phrase (message), path);
    }
}

/* Sends @message and reads the whole answer; NULL only when no answer came. */
static GBytes *
send_message (ScholiaTransportWebdav  *self,
              SoupMessage             *message,
              GCancellable            *cancellable,
              GError                 **error)
{
  g_autoptr(GError) network_error = NULL;
  GBytes *body = soup_session_send_and_read (self->session, message, cancellable, &network_error);

  if (body == NULL)
    set_error_from_network (self, network_error, error);
  return body;
}

static char *
etag_of (SoupMessage *message)
{
  const char *etag = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                   "ETag");

  return etag != NULL && etag[0] != '\0' ? g_strdup (etag) : NULL;
}

/* A folder's address ends in "/": without it, servers answer with a redirection or a 301. */
static char *
as_folder (const char *path)
{
  if (path[0] == '\0' || g_str_has_suffix (path, "/"))
    return g_strdup (path);
  return g_strconcat (path, "/", NULL);
}

static GPtrArray *
scholia_transport_webdav_list (ScholiaTransport  *transport,
                               const char        *path,
                               GCancellable      *cancellable,
                               GError           **error)
{
  ScholiaTransportWebdav *self = SCHOLIA_TRANSPORT_WEBDAV (transport);
  g_autofree char *folder = as_folder (path);
  g_autoptr(SoupMessage) message = new_message (self, "PROPFIND", folder);
  g_autoptr(GBytes) request = g_bytes_new_static (PROPFIND_BODY, strlen (PROPFIND_BODY));
  g_autoptr(GBytes) body = NULL;
  g_autofree char *folder_path = g_strconcat (self->base_path, folder, NULL);
  const char *data;
  gsize length;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Depth", "1");
  soup_message_set_request_body_from_bytes (message, "application/xml; charset=utf-8", request);

  body = send_message (self, message, cancellable, error);
  if (body == NULL)
    return NULL;
  if (soup_message_get_status (message) != SOUP_STATUS_MULTI_STATUS)
    {
      set_error_from_status (self, message, folder, error);
      return NULL;
    }

  data = g_bytes_get_data (body, &length);
  return scholia_webdav_multistatus_parse (data, length, folder_path, error);
}

static ScholiaTransportGetResult
scholia_transport_webdav_get (ScholiaTransport  *transport,
                              const char        *path,
                              const char        *if_none_match,
                              GBytes           **contents,
                              char             **etag,
                              GCancellable      *cancellable,
                              GError           **error)
{
  ScholiaTransportWebdav *self = SCHOLIA_TRANSPORT_WEBDAV (transport);
  g_autoptr(SoupMessage) message = new_message (self, "GET", path);
  g_autoptr(GBytes) body = NULL;
  guint status;

  /* GET compares ETags weakly (RFC 9110, 13.1.2): a W/ ETag still saves the download. */
  if (if_none_match != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "If-None-Match",
                                  if_none_match);

  body = send_message (self, message, cancellable, error);
  if (body == NULL)
    return SCHOLIA_TRANSPORT_GET_FAILED;

  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_NOT_MODIFIED && if_none_match != NULL)
    {
      if (etag != NULL)
        {
          *etag = etag_of (message);
          if (*etag == NULL)
            *etag = g_strdup (if_none_match);
        }
      return SCHOLIA_TRANSPORT_GET_NOT_MODIFIED;
    }
  if (status != SOUP_STATUS_OK)
    {
      set_error_from_status (self, message, path, error);
      return SCHOLIA_TRANSPORT_GET_FAILED;
    }

  *contents = g_steal_pointer (&body);
  if (etag != NULL)
    *etag = etag_of (message);
  return SCHOLIA_TRANSPORT_GET_FETCHED;
}

/* The ETag of @path as the server has it now: PUT answers carry none on many servers
 * (Apache's mod_dav among them). */
static gboolean
head_etag (ScholiaTransportWebdav  *self,
           const char              *path,
           char                   **etag,
           GCancellable            *cancellable,
           GError                 **error)
{
  g_autoptr(SoupMessage) message = new_message (self, "HEAD", path);
  g_autoptr(GBytes) body = send_message (self, message, cancellable, error);

  if (body == NULL)
    return FALSE;
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    {
      set_error_from_status (self, message, path, error);
      return FALSE;
    }
  *etag = etag_of (message);
  return TRUE;
}

/* The condition a PUT carries.
 *
 * If-Match compares ETags strongly (RFC 9110, 13.1.1), so a weak ETag never matches: Apache
 * hands out W/ ETags for about a second after a write (it cannot tell two writes within the
 * same second apart by their time stamps), and an If-Match on one is always refused. A weak
 * ETag goes in WebDAV's own If header instead (RFC 4918, 10.4), which every class 1 WebDAV
 * server evaluates: Apache compares its ETags there without the W/, so the file written a
 * moment ago can be replaced at once, and any other change still fails with 412. */
static void
add_condition (SoupMessage *message,
               const char  *if_match)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  if (if_match == NULL)
    soup_message_headers_replace (headers, "If-None-Match", "*");
  else if (g_str_has_prefix (if_match, "W/"))
    {
      g_autofree char *condition = g_strdup_printf ("([%s])", if_match);

      soup_message_headers_replace (headers, "If", condition);
    }
  else
    soup_message_headers_replace (headers, "If-Match", if_match);
}

static gboolean
scholia_transport_webdav_put (ScholiaTransport  *transport,
                              const char        *path,
                              GBytes            *contents,
                              const char        *if_match,
                              char             **new_etag,
                              GCancellable      *cancellable,
                              GError           **error)
{
  ScholiaTransportWebdav *self = SCHOLIA_TRANSPORT_WEBDAV (transport);
  g_autoptr(SoupMessage) message = new_message (self, "PUT", path);
  g_autoptr(GBytes) body = NULL;

  add_condition (message, if_match);
  soup_message_set_request_body_from_bytes (message, "application/octet-stream", contents);

  body = send_message (self, message, cancellable, error);
  if (body == NULL)
    return FALSE;
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    {
      set_error_from_status (self, message, path, error);
      return FALSE;
    }

  if (new_etag == NULL)
    return TRUE;
  *new_etag = etag_of (message);
  return *new_etag != NULL || head_etag (self, path, new_etag, cancellable, error);
}

static gboolean
scholia_transport_webdav_make_folder (ScholiaTransport  *transport,
                                      const char        *path,
                                      GCancellable      *cancellable,
                                      GError           **error)
{
  ScholiaTransportWebdav *self = SCHOLIA_TRANSPORT_WEBDAV (transport);
  g_autofree char *folder = as_folder (path);
  g_autoptr(SoupMessage) message = new_message (self, "MKCOL", folder);
  g_autoptr(GBytes) body = send_message (self, message, cancellable, error);
  guint status;

  if (body == NULL)
    return FALSE;

  /* 405: MKCOL is not allowed where something exists already (RFC 4918, 9.3.1). */
  status = soup_message_get_status (message);
  if (SOUP_STATUS_IS_SUCCESSFUL (status) || status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    return TRUE;
  set_error_from_status (self, message, folder, error);
  return FALSE;
}

static void
scholia_transport_webdav_finalize (GObject *object)
{
  ScholiaTransportWebdav *self = SCHOLIA_TRANSPORT_WEBDAV (object);

  g_clear_object (&self->session);
  g_free (self->base);
  g_free (self->base_path);
  g_free (self->server);
  g_free (self->authorization);

  G_OBJECT_CLASS (scholia_transport_webdav_parent_class)->finalize (object);
}

static void
scholia_transport_webdav_class_init (ScholiaTransportWebdavClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ScholiaTransportClass *transport_class = SCHOLIA_TRANSPORT_CLASS (klass);

  object_class->finalize = scholia_transport_webdav_finalize;

  transport_class->list = scholia_transport_webdav_list;
  transport_class->get = scholia_transport_webdav_get;
  transport_class->put = scholia_transport_webdav_put;
  transport_class->make_folder = scholia_transport_webdav_make_folder;

  /* libxml2 must be set up once before threads parse with it; class_init runs once, under
   * the type system's lock. */
  xmlInitParser ();
}

static void
scholia_transport_webdav_init (ScholiaTransportWebdav *self)
{
}

static gboolean
is_this_machine (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static char *
basic_authorization (const char *user,
                     const char *password)
{
  g_autofree char *credentials = g_strconcat (user, ":", password != NULL ? password : "", NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));

  return g_strconcat ("Basic ", encoded, NULL);
}

ScholiaTransport *
scholia_transport_webdav_new (const char  *url,
                              const char  *user,
                              const char  *password,
                              GError     **error)
{
  g_autoptr(ScholiaTransportWebdav) self = NULL;
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GUri) base = NULL;
  g_autofree char *path = NULL;
  const char *host;

  g_return_val_if_fail (url != NULL, NULL);

  parsed = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  host = parsed != NULL ? g_uri_get_host (parsed) : NULL;
  if (host == NULL || host[0] == '\0'
      || (g_strcmp0 (g_uri_get_scheme (parsed), "http") != 0
          && g_strcmp0 (g_uri_get_scheme (parsed), "https") != 0))
    {
      g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_INVALID,
                   _("“%s” is not a WebDAV address like https://cloud.example.edu/remote.php/dav/files/NAME/Seminar/"),
                   url);
      return NULL;
    }

  if (user != NULL && user[0] != '\0' && strcmp (g_uri_get_scheme (parsed), "http") == 0
      && !is_this_machine (host))
    {
      g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_INSECURE,
                   _("Scholia will not send your password to %s without encryption: use its https:// address"),
                   host);
      return NULL;
    }

  /* The folder's address ends in "/", so that names resolve inside it; any user name or
   * password written into the URL is dropped: those come from the keyring. */
  path = g_uri_get_path (parsed)[0] == '\0' ? g_strdup ("/") : as_folder (g_uri_get_path (parsed));
  base = g_uri_build (SOUP_HTTP_URI_FLAGS, g_uri_get_scheme (parsed), NULL, host,
                      g_uri_get_port (parsed), path, NULL, NULL);

  self = g_object_new (SCHOLIA_TYPE_TRANSPORT_WEBDAV, "location", url, NULL);
  self->base = g_uri_to_string (base);
  self->base_path = g_uri_unescape_string (path, NULL);
  if (self->base_path == NULL)
    self->base_path = g_strdup (path);
  self->server = g_uri_get_port (parsed) > 0
                 ? g_strdup_printf ("%s:%d", host, g_uri_get_port (parsed)) : g_strdup (host);
  if (user != NULL && user[0] != '\0')
    self->authorization = basic_authorization (user, password);

  /* Configured here, before any request, as libsoup requires of a session shared by threads. */
  self->session = soup_session_new_with_options ("timeout", TIMEOUT_SECONDS,
                                                 "idle-timeout", TIMEOUT_SECONDS,
                                                 "user-agent", "Scholia/" PACKAGE_VERSION " ",
                                                 NULL);
  return SCHOLIA_TRANSPORT (g_steal_pointer (&self));
}
