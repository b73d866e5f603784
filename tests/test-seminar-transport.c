/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-credentials.h"
#include "scholia-error.h"
#include "scholia-transport.h"
#include "scholia-webdav-multistatus.h"
#include "test-files.h"
#include "webdav-server.h"

/* Each transport test runs twice: on a folder, and on a real Apache with mod_dav. */
typedef struct
{
  WebdavServer     *server;     /* NULL for the folder */
  char             *folder;     /* the folder transport's folder, NULL for WebDAV */
  ScholiaTransport *transport;
  const char       *root;       /* where the seminar's files are on disk */
  char             *location;
} Fixture;

static void
fixture_set_up_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = test_tmp_dir_new ("scholia-seminar-XXXXXX");
  fixture->root = fixture->folder;
  fixture->location = g_strdup (fixture->folder);
  fixture->transport = scholia_transport_new_for_location (fixture->location, NULL, NULL, &error);
  g_assert_no_error (error);
}

static ScholiaTransport *
new_webdav_transport (Fixture    *fixture,
                      const char *location,
                      const char *password)
{
  g_autoptr(GError) error = NULL;
  ScholiaTransport *transport;

  transport = scholia_transport_new_for_location (location,
                                                  webdav_server_get_user (fixture->server),
                                                  password, &error);
  g_assert_no_error (error);
  return transport;
}

static void
fixture_set_up_webdav (Fixture       *fixture,
                       gconstpointer  data)
{
  fixture->server = webdav_server_start ();
  fixture->root = webdav_server_get_root (fixture->server);
  fixture->location = g_strdup (webdav_server_get_url (fixture->server));
  fixture->transport = new_webdav_transport (fixture, fixture->location,
                                             webdav_server_get_password (fixture->server));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->transport);
  g_clear_pointer (&fixture->server, webdav_server_free);
  if (fixture->folder != NULL)
    test_tmp_dir_remove (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->location);
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* The file as it lies in the seminar's folder, NULL when there is none. */
static char *
read_on_disk (Fixture    *fixture,
              const char *path)
{
  g_autofree char *file = g_build_filename (fixture->root, path, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (file, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static char *
put_new (ScholiaTransport *transport,
         const char       *path,
         const char       *text)
{
  g_autoptr(GBytes) contents = bytes_of (text);
  g_autoptr(GError) error = NULL;
  char *etag = NULL;

  g_assert_true (scholia_transport_put (transport, path, contents, NULL, &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (etag);
  return etag;
}

static char *
put_replacing (ScholiaTransport *transport,
               const char       *path,
               const char       *text,
               const char       *if_match)
{
  g_autoptr(GBytes) contents = bytes_of (text);
  g_autoptr(GError) error = NULL;
  char *etag = NULL;

  g_assert_true (scholia_transport_put (transport, path, contents, if_match, &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (etag);
  return etag;
}

static void
make_folder (ScholiaTransport *transport,
             const char       *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_transport_make_folder (transport, path, NULL, &error));
  g_assert_no_error (error);
}

static const ScholiaTransportEntry *
find_entry (GPtrArray  *entries,
            const char *name)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const ScholiaTransportEntry *entry = g_ptr_array_index (entries, i);

      if (strcmp (entry->name, name) == 0)
        return entry;
    }
  return NULL;
}

/* Where a message names the seminar: its folder, or the server. */
static void
assert_names_location (Fixture    *fixture,
                       const char *message)
{
  if (fixture->server != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (fixture->location, G_URI_FLAGS_NONE, NULL);
      g_autofree char *server = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));

      g_assert_nonnull (strstr (message, server));
    }
  else
    g_assert_nonnull (strstr (message, fixture->folder));
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *read_etag = NULL;
  g_autofree char *on_disk = NULL;
  const ScholiaTransportEntry *entry;
  const char *log = "{\"id\":\"a1\",\"note\":\"The second paragraph overstates the grain trade.\"}\n";

  make_folder (fixture->transport, "logs");
  /* A folder that exists already is no error: every participant makes "logs/" on joining. */
  make_folder (fixture->transport, "logs/");
  make_folder (fixture->transport, "essays");

  etag = put_new (fixture->transport, "logs/ana.jsonl", log);
  on_disk = read_on_disk (fixture, "logs/ana.jsonl");
  g_assert_cmpstr (on_disk, ==, log);

  entries = scholia_transport_list (fixture->transport, "logs/", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = find_entry (entries, "ana.jsonl");
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->etag, ==, etag);
  g_assert_cmpuint (entry->size, ==, strlen (log));
  g_assert_false (entry->is_folder);

  top = scholia_transport_list (fixture->transport, "", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (top->len, ==, 2);
  g_assert_true (find_entry (top, "logs")->is_folder);
  g_assert_true (find_entry (top, "essays")->is_folder);

  g_assert_cmpint (scholia_transport_get (fixture->transport, "logs/ana.jsonl", NULL, &contents,
                                          &read_etag, NULL, &error),
                   ==, SCHOLIA_TRANSPORT_GET_FETCHED);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                   log, strlen (log));
  g_assert_cmpstr (read_etag, ==, etag);
}

static void
test_not_modified (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *same = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *fetched_etag = NULL;
  const char *revised = "{\"name\":\"Early modern ports, revised\"}";

  etag = put_new (fixture->transport, "seminar.json", "{\"name\":\"Early modern ports\"}");

  g_assert_cmpint (scholia_transport_get (fixture->transport, "seminar.json", etag, &contents,
                                          &same, NULL, &error),
                   ==, SCHOLIA_TRANSPORT_GET_NOT_MODIFIED);
  g_assert_no_error (error);
  g_assert_null (contents);
  g_assert_cmpstr (same, ==, etag);

  newer = put_replacing (fixture->transport, "seminar.json", revised, etag);
  g_assert_cmpstr (newer, !=, etag);
  g_assert_cmpint (scholia_transport_get (fixture->transport, "seminar.json", etag, &contents,
                                          &fetched_etag, NULL, &error),
                   ==, SCHOLIA_TRANSPORT_GET_FETCHED);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                   revised, strlen (revised));
  g_assert_cmpstr (fetched_etag, ==, newer);
}

static void
assert_put_refused (Fixture    *fixture,
                    const char *path,
                    const char *text,
                    const char *if_match,
                    int         code)
{
  g_autoptr(GBytes) contents = bytes_of (text);
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  g_assert_false (scholia_transport_put (fixture->transport, path, contents, if_match, &etag,
                                         NULL, &error));
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, code);
  g_assert_null (etag);
  assert_names_location (fixture, error->message);
  if (code == SCHOLIA_TRANSPORT_ERROR_FAILED)
    g_assert_nonnull (strstr (error->message, "410"));
  g_test_message ("%s", error->message);
}

static void
test_stale_etag (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *on_disk = NULL;

  make_folder (fixture->transport, "logs");
  first = put_new (fixture->transport, "logs/ben.jsonl", "one\n");
  second = put_replacing (fixture->transport, "logs/ben.jsonl", "one\ntwo\n", first);

  /* Another device of Ben's wrote "two" since this one read "one": its upload must not win. */
  assert_put_refused (fixture, "logs/ben.jsonl", "one\nthree\n", first,
                      SCHOLIA_TRANSPORT_ERROR_CHANGED);
  /* Nor may a first upload replace a log that exists. */
  assert_put_refused (fixture, "logs/ben.jsonl", "four\n", NULL, SCHOLIA_TRANSPORT_ERROR_CHANGED);

  on_disk = read_on_disk (fixture, "logs/ben.jsonl");
  g_assert_cmpstr (on_disk, ==, "one\ntwo\n");
}

/* Apache gives W/ ETags for about a second after a write, and refuses If-Match on them: a log
 * appended to twice within a second must still upload, and a stale weak ETag must still fail. */
static void
test_weak_etag_window (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *etag = NULL;
  g_autofree char *first = NULL;
  g_autofree char *on_disk = NULL;
  g_autoptr(GString) log = g_string_new ("line 0\n");
  gboolean saw_weak = FALSE;

  make_folder (fixture->transport, "logs");
  etag = put_new (fixture->transport, "logs/cleo.jsonl", log->str);
  first = g_strdup (etag);
  for (int i = 1; i <= 5; i++)
    {
      char *next;

      saw_weak |= g_str_has_prefix (etag, "W/");
      g_string_append_printf (log, "line %d\n", i);
      next = put_replacing (fixture->transport, "logs/cleo.jsonl", log->str, etag);
      g_free (etag);
      etag = next;
    }
  if (fixture->server != NULL && !saw_weak)
    g_test_message ("Apache gave no weak ETag: the machine was too slow to write within a second");

  assert_put_refused (fixture, "logs/cleo.jsonl", "line 0\nforged\n", first,
                      SCHOLIA_TRANSPORT_ERROR_CHANGED);
  on_disk = read_on_disk (fixture, "logs/cleo.jsonl");
  g_assert_cmpstr (on_disk, ==, log->str);
}

static void
test_missing_and_no_parent (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_cmpint (scholia_transport_get (fixture->transport, "logs/nobody.jsonl", NULL,
                                          &contents, NULL, NULL, &error),
                   ==, SCHOLIA_TRANSPORT_GET_FAILED);
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "logs/nobody.jsonl"));
  assert_names_location (fixture, error->message);
  g_clear_error (&error);

  entries = scholia_transport_list (fixture->transport, "essays/", NULL, &error);
  g_assert_null (entries);
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assert_put_refused (fixture, "logs/dara.jsonl", "x\n", NULL, SCHOLIA_TRANSPORT_ERROR_NO_PARENT);
  g_assert_false (scholia_transport_make_folder (fixture->transport, "essays/old", NULL, &error));
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_NO_PARENT);
  g_clear_error (&error);

  /* A replacement for a log that was removed since it was read is a change like any other. */
  make_folder (fixture->transport, "logs");
  assert_put_refused (fixture, "logs/dara.jsonl", "x\n", "\"0123-4567\"",
                      SCHOLIA_TRANSPORT_ERROR_CHANGED);
  g_assert_null (read_on_disk (fixture, "logs/dara.jsonl"));
}

static void
test_names_outside_ascii (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *folder = "Séminaire 17 – Häfen";
  const char *name = "Zoë Ørsted #2 (draft?) 100%.jsonl";
  g_autofree char *path = g_strconcat (folder, "/", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *on_disk = NULL;

  make_folder (fixture->transport, folder);
  etag = put_new (fixture->transport, path, "ü\n");
  on_disk = read_on_disk (fixture, path);
  g_assert_cmpstr (on_disk, ==, "ü\n");

  entries = scholia_transport_list (fixture->transport, folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((ScholiaTransportEntry *) entries->pdata[0])->name, ==, name);
  g_assert_cmpstr (((ScholiaTransportEntry *) entries->pdata[0])->etag, ==, etag);

  /* The seminar's own folder may have such a name too. */
  if (fixture->server != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (folder, NULL, FALSE);
      g_autofree char *inner_url = g_strconcat (fixture->location, escaped, "/", NULL);
      g_autoptr(ScholiaTransport) inner = new_webdav_transport (fixture, inner_url,
                                                                webdav_server_get_password (fixture->server));
      g_autoptr(GPtrArray) inner_entries = scholia_transport_list (inner, "", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (inner_entries->len, ==, 1);
      g_assert_cmpstr (((ScholiaTransportEntry *) inner_entries->pdata[0])->name, ==, name);
      g_assert_cmpint (scholia_transport_get (inner, name, NULL, &contents, NULL, NULL, &error),
                       ==, SCHOLIA_TRANSPORT_GET_FETCHED);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), "ü\n", 3);
    }
}

static void
test_paths_outside_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = bytes_of ("x");
  const char *paths[] = { "../escape.jsonl", "logs/../../escape.jsonl", "/etc/passwd", "logs//a" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_assert_false (scholia_transport_put (fixture->transport, paths[i], contents, NULL, NULL,
                                             NULL, &error));
      g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_INVALID);
      g_clear_error (&error);
    }
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_cancellable_cancel (cancellable);
  entries = scholia_transport_list (fixture->transport, "", cancellable, &error);
  g_assert_null (entries);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  ScholiaTransport *transport;
  char             *path;
} Upload;

static gpointer
upload_in_thread (gpointer data)
{
  Upload *upload = data;
  g_autofree char *etag = put_new (upload->transport, upload->path, upload->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = scholia_transport_list (upload->transport, "logs", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (find_entry (entries, upload->path + strlen ("logs/")));
  return NULL;
}

/* A sync runs on a worker thread, with the window's thread, or a second sync, using the same
 * transport. */
static void
test_from_threads (Fixture       *fixture,
                   gconstpointer  data)
{
  Upload uploads[4];
  GThread *threads[4];

  make_folder (fixture->transport, "logs");
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      uploads[i].transport = fixture->transport;
      uploads[i].path = g_strdup_printf ("logs/participant-%u.jsonl", i);
      threads[i] = g_thread_new ("upload", upload_in_thread, &uploads[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autofree char *on_disk = NULL;

      g_thread_join (threads[i]);
      on_disk = read_on_disk (fixture, uploads[i].path);
      g_assert_cmpstr (on_disk, ==, uploads[i].path);
      g_free (uploads[i].path);
    }
}

/* An incremental sync with nothing new: the listing's ETags are those the uploads returned, so
 * the client can tell without reading a single log. */
static void
test_unchanged_logs_need_no_get (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  make_folder (fixture->transport, "logs");
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *path = g_strdup_printf ("logs/participant-%02u.jsonl", i);
      g_autofree char *text = g_strdup_printf ("{\"participant\":%u}\n", i);

      g_ptr_array_add (known, put_new (fixture->transport, path, text));
    }

  entries = scholia_transport_list (fixture->transport, "logs/", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 30);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("participant-%02u.jsonl", i);
      const ScholiaTransportEntry *entry = find_entry (entries, name);

      g_assert_nonnull (entry);
      g_assert_true (scholia_transport_etag_equal (entry->etag, g_ptr_array_index (known, i)));
    }

  if (fixture->server != NULL)
    {
      webdav_server_stop (fixture->server);
      /* Setting up: one MKCOL, and each upload a PUT and a HEAD for its ETag. Checking: one
       * PROPFIND, and not one GET. */
      g_assert_cmpuint (webdav_server_count_requests (fixture->server, "PROPFIND"), ==, 1);
      g_assert_cmpuint (webdav_server_count_requests (fixture->server, "GET"), ==, 0);
      g_assert_cmpuint (webdav_server_count_requests (fixture->server, NULL), ==, 1 + 30 + 30 + 1);
    }
}

/* WebDAV only: the server's answers. */

static void
assert_error_names_server (Fixture    *fixture,
                           GError     *error,
                           int         code)
{
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, code);
  assert_names_location (fixture, error->message);
  g_test_message ("%s", error->message);
}

static void
test_webdav_wrong_password (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ScholiaTransport) revoked = new_webdav_transport (fixture, fixture->location,
                                                              "revoked-app-password");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = scholia_transport_list (revoked, "", NULL, &error);

  g_assert_null (entries);
  assert_error_names_server (fixture, error, SCHOLIA_TRANSPORT_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "app password"));
}

static void
test_webdav_refusals (Fixture       *fixture,
                      gconstpointer  data)
{
  assert_put_refused (fixture, "readonly/ana.jsonl", "x\n", NULL,
                      SCHOLIA_TRANSPORT_ERROR_FORBIDDEN);
  assert_put_refused (fixture, "full/ana.jsonl", "x\n", NULL, SCHOLIA_TRANSPORT_ERROR_FULL);
  /* Any other answer: the status in the message, for the user to quote to the server's admin. */
  assert_put_refused (fixture, "gone/ana.jsonl", "x\n", NULL, SCHOLIA_TRANSPORT_ERROR_FAILED);
  g_assert_null (read_on_disk (fixture, "readonly/ana.jsonl"));
}

/* A redirection is not followed: the password would go with it to another server. */
static void
test_webdav_redirection_not_followed (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = scholia_transport_list (fixture->transport, "moved/", NULL,
                                                         &error);

  g_assert_null (entries);
  assert_error_names_server (fixture, error, SCHOLIA_TRANSPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "http://elsewhere.invalid/"));
}

/* Another client holds a WebDAV lock on the log: the upload waits for a later sync. */
static void
test_webdav_locked_by_another_client (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *etag = NULL;
  g_autofree char *on_disk = NULL;

  make_folder (fixture->transport, "logs");
  etag = put_new (fixture->transport, "logs/fay.jsonl", "one\n");
  webdav_server_lock (fixture->server, "logs/fay.jsonl");

  assert_put_refused (fixture, "logs/fay.jsonl", "one\ntwo\n", etag,
                      SCHOLIA_TRANSPORT_ERROR_LOCKED);
  on_disk = read_on_disk (fixture, "logs/fay.jsonl");
  g_assert_cmpstr (on_disk, ==, "one\n");
}

static void
test_webdav_server_down (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *etag = NULL;

  make_folder (fixture->transport, "logs");
  etag = put_new (fixture->transport, "logs/eli.jsonl", "one\n");

  webdav_server_stop (fixture->server);

  g_assert_cmpint (scholia_transport_get (fixture->transport, "logs/eli.jsonl", etag, &contents,
                                          NULL, NULL, &error),
                   ==, SCHOLIA_TRANSPORT_GET_FAILED);
  assert_error_names_server (fixture, error, SCHOLIA_TRANSPORT_ERROR_OFFLINE);
  g_clear_error (&error);
  assert_put_refused (fixture, "logs/eli.jsonl", "one\ntwo\n", etag,
                      SCHOLIA_TRANSPORT_ERROR_OFFLINE);
  entries = scholia_transport_list (fixture->transport, "logs", NULL, &error);
  g_assert_null (entries);
  assert_error_names_server (fixture, error, SCHOLIA_TRANSPORT_ERROR_OFFLINE);
}

/* Transports without a server. */

static void
test_locations (void)
{
  const char *refused_plain[] = { "http://cloud.example.edu/remote.php/dav/files/ana/S/",
                                  "http://10.0.0.5/dav/" };
  const char *accepted[] = { "https://cloud.example.edu/remote.php/dav/files/ana/S/",
                             "http://127.0.0.1:8080/dav/", "http://localhost/dav/",
                             "http://[::1]/dav/" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused_plain); i++)
    {
      g_autoptr(ScholiaTransport) transport =
        scholia_transport_new_for_location (refused_plain[i], "ana", "secret", &error);

      g_assert_null (transport);
      g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_INSECURE);
      g_assert_nonnull (strstr (error->message, "https://"));
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(ScholiaTransport) transport =
        scholia_transport_new_for_location (accepted[i], "ana", "secret", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (scholia_transport_get_location (transport), ==, accepted[i]);
    }

  /* Without a password, plain http to a server that asks for none is fine. */
  {
    g_autoptr(ScholiaTransport) anonymous =
      scholia_transport_new_for_location (refused_plain[0], NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (anonymous);
  }

  g_assert_null (scholia_transport_new_for_location ("Seminar-17", NULL, NULL, &error));
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (scholia_transport_new_for_location ("https:///dav/", "ana", "x", &error));
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_INVALID);
}

/* Nobody listens: the code a sync reads as "offline, try later". */
static void
test_nobody_listening (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaTransport) transport = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *url = NULL;

  /* A port bound but never listened on refuses connections. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/dav/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  transport = scholia_transport_new_for_location (url, "ana", "secret", &error);
  g_assert_no_error (error);
  entries = scholia_transport_list (transport, "logs/", NULL, &error);
  g_assert_null (entries);
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

/* What Nextcloud answers (hrefs percent-encoded, the folder itself first, a property it does
 * not have in a 404 propstat) and what a hostile server might slip in. */
static void
test_multistatus (void)
{
  const char *body =
    "<?xml version=\"1.0\"?>\n"
    "<d:multistatus xmlns:d=\"DAV:\" xmlns:oc=\"http://owncloud.org/ns\">\n"
    " <d:response><d:href>/remote.php/dav/files/ana/Seminar%2017/logs/</d:href>\n"
    "  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype>"
    "<d:getetag>\"692ea0\"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>\n"
    " </d:response>\n"
    " <d:response><d:href>/remote.php/dav/files/ana/Seminar%2017/logs/Jos%C3%A9%20M.jsonl</d:href>\n"
    "  <d:propstat><d:prop><d:resourcetype/><d:getetag>&quot;5f1c&quot;</d:getetag>"
    "<d:getcontentlength>1234</d:getcontentlength></d:prop>"
    "<d:status>HTTP/1.1 200 OK</d:status></d:propstat>\n"
    "  <d:propstat><d:prop><d:getetag>\"wrong\"</d:getetag></d:prop>"
    "<d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>\n"
    " </d:response>\n"
    " <D:response xmlns:D=\"DAV:\"><D:href>https://cloud.example.edu/remote.php/dav/files/ana/Seminar%2017/logs/b.jsonl</D:href>\n"
    "  <D:propstat><D:prop><D:getetag>W/\"77\"</D:getetag></D:prop></D:propstat></D:response>\n"
    " <d:response><d:href>/remote.php/dav/files/ana/Seminar%2017/logs/.syncthing.x.tmp</d:href></d:response>\n"
    " <d:response><d:href>/remote.php/dav/files/ana/Seminar%2017/logs/sub/deeper.jsonl</d:href></d:response>\n"
    " <d:response><d:href>/remote.php/dav/files/ana/other/x.jsonl</d:href></d:response>\n"
    " <d:response><d:href>/remote.php/dav/files/ana/Seminar%2017/logs/..</d:href></d:response>\n"
    " <oc:response><d:href>/remote.php/dav/files/ana/Seminar%2017/logs/foreign</d:href></oc:response>\n"
    "</d:multistatus>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const ScholiaTransportEntry *entry;

  entries = scholia_webdav_multistatus_parse (body, strlen (body),
                                              "/remote.php/dav/files/ana/Seminar 17/logs/", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = find_entry (entries, "José M.jsonl");
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->etag, ==, "\"5f1c\"");
  g_assert_cmpuint (entry->size, ==, 1234);
  g_assert_false (entry->is_folder);
  entry = find_entry (entries, "b.jsonl");
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->etag, ==, "W/\"77\"");

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = scholia_webdav_multistatus_parse ("<html>Login</html>", 18, "/", &error);
  g_assert_null (entries);
  g_assert_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FAILED);
}

static void
test_etag_equal (void)
{
  g_assert_true (scholia_transport_etag_equal ("\"5-661ad1a213c5c\"", "\"5-661ad1a213c5c\""));
  /* The same version, seen within a second of its writing and after. */
  g_assert_true (scholia_transport_etag_equal ("W/\"5-661ad1a213c5c\"", "\"5-661ad1a213c5c\""));
  g_assert_true (scholia_transport_etag_equal ("\"5-661ad1a213c5c\"", "W/\"5-661ad1a213c5c\""));
  g_assert_false (scholia_transport_etag_equal ("W/\"5-661ad1a213c5c\"", "W/\"6-661ad1a2a353c\""));
  g_assert_false (scholia_transport_etag_equal ("\"5\"", NULL));
  g_assert_false (scholia_transport_etag_equal (NULL, NULL));
}

/* Credentials. */

static void
test_credentials_from_environment (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  if (g_test_subprocess ())
    {
      g_setenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE, "from-a-script", TRUE);
      /* No bus at all: the variable is read before the keyring is asked. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/scholia-test-bus", TRUE);
      password = scholia_credentials_lookup ("https://cloud.example.edu/dav/S/", "ana", NULL,
                                             &error);
      g_assert_no_error (error);
      g_assert_cmpstr (password, ==, "from-a-script");
      return;
    }
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
assert_keyring_unavailable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  const char *url = "https://cloud.example.edu/dav/S/";

  g_unsetenv (SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE);
  password = scholia_credentials_lookup (url, "ana", NULL, &error);
  g_assert_null (password);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "keyring"));
  g_assert_nonnull (strstr (error->message, url));
  g_assert_nonnull (strstr (error->message, SCHOLIA_CREDENTIALS_PASSWORD_VARIABLE));
  g_clear_error (&error);

  g_assert_false (scholia_credentials_store (url, "ana", "secret", NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (scholia_credentials_clear (url, "ana", NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED);
}

/* No session bus: the keyring's absence is an error, at once. */
static void
test_credentials_without_bus (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/scholia-test-bus", TRUE);
      assert_keyring_unavailable ();
      return;
    }
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A session bus on which no Secret Service runs, nor can be started: the desktop of a machine
 * without GNOME Keyring or KWallet. The lookup fails without hanging. */
static void
test_credentials_without_secret_service (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *config = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      assert_keyring_unavailable ();
      return;
    }

  dir = test_tmp_dir_new ("scholia-bus-XXXXXX");
  config = g_strdup_printf ("<busconfig><type>session</type><listen>unix:dir=%s</listen>"
                            "<auth>EXTERNAL</auth><policy context=\"default\">"
                            "<allow send_destination=\"*\" eavesdrop=\"true\"/>"
                            "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>",
                            dir);
  g_free (test_write_file (dir, "bus.conf", config));
  {
    g_autofree char *config_path = g_build_filename (dir, "bus.conf", NULL);
    g_autofree char *config_arg = g_strconcat ("--config-file=", config_path, NULL);

    daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error, "dbus-daemon",
                               config_arg, "--nofork", "--print-address", NULL);
  }
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
  address = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_subprocess_force_exit (daemon);
  g_subprocess_wait (daemon, NULL, NULL);
  test_tmp_dir_remove (dir);
  g_test_trap_assert_passed ();
}

static void
add_transport_test (const char *name,
                    void      (*test) (Fixture *, gconstpointer),
                    gboolean    folder_too)
{
  g_autofree char *webdav_path = g_strconcat ("/seminar-transport/webdav/", name, NULL);

  if (folder_too)
    {
      g_autofree char *folder_path = g_strconcat ("/seminar-transport/folder/", name, NULL);

      g_test_add (folder_path, Fixture, NULL, fixture_set_up_folder, test, fixture_tear_down);
    }
  g_test_add (webdav_path, Fixture, NULL, fixture_set_up_webdav, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  /* The desktop's proxy settings live in GSettings schemas the isolated directories hide. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_transport_test ("round-trip", test_round_trip, TRUE);
  add_transport_test ("if-none-match-gives-not-modified", test_not_modified, TRUE);
  add_transport_test ("stale-etag-changes-nothing", test_stale_etag, TRUE);
  add_transport_test ("replace-just-written-weak-etag", test_weak_etag_window, TRUE);
  add_transport_test ("missing-file-and-missing-folder", test_missing_and_no_parent, TRUE);
  add_transport_test ("names-outside-ascii", test_names_outside_ascii, TRUE);
  add_transport_test ("paths-outside-refused", test_paths_outside_refused, TRUE);
  add_transport_test ("cancelled", test_cancelled, TRUE);
  add_transport_test ("from-worker-threads", test_from_threads, TRUE);
  add_transport_test ("unchanged-logs-need-one-propfind-no-get", test_unchanged_logs_need_no_get, TRUE);
  add_transport_test ("wrong-password-401", test_webdav_wrong_password, FALSE);
  add_transport_test ("forbidden-403-full-507-other", test_webdav_refusals, FALSE);
  add_transport_test ("redirection-not-followed", test_webdav_redirection_not_followed, FALSE);
  add_transport_test ("locked-by-another-client-423", test_webdav_locked_by_another_client, FALSE);
  add_transport_test ("server-down-is-offline", test_webdav_server_down, FALSE);
  g_test_add_func ("/seminar-transport/locations", test_locations);
  g_test_add_func ("/seminar-transport/nobody-listening-is-offline", test_nobody_listening);
  g_test_add_func ("/seminar-transport/multistatus", test_multistatus);
  g_test_add_func ("/seminar-transport/etag-equal", test_etag_equal);
  g_test_add_func ("/seminar-transport/credentials/environment-overrides",
                   test_credentials_from_environment);
  g_test_add_func ("/seminar-transport/credentials/no-bus", test_credentials_without_bus);
  g_test_add_func ("/seminar-transport/credentials/no-secret-service",
                   test_credentials_without_secret_service);

  return g_test_run ();
}
