/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test-files.h"
#include "webdav-server.h"

#define MODULES_DIR "/usr/lib/apache2/modules"
/* An e-mail address, as Nextcloud user names often are: its "@" is escaped in a URL. */
#define USER "ana@uni.example"
#define PASSWORD "app-password-1"
/* Deadlines, not delays: each loop below returns as soon as Apache is ready or gone. */
#define START_DEADLINE_US (20 * G_USEC_PER_SEC)
#define STOP_DEADLINE_US (20 * G_USEC_PER_SEC)
#define POLL_INTERVAL_US (10 * 1000)
#define START_ATTEMPTS 3

struct _WebdavServer
{
  char   *dir;     /* configuration, logs, lock database, and the share under "dav/" */
  char   *root;
  char   *url;
  GPid    pid;     /* 0 once stopped */
  guint16 port;
};

static const char *const modules[] = {
  "mpm_event", "authz_core", "authn_core", "authn_file", "auth_basic", "authz_user", "alias",
  "dav", "dav_fs",
};

static char *
find_apache (void)
{
  const char *const names[] = { "apache2", "/usr/sbin/apache2", "httpd", "/usr/sbin/httpd" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      char *path = g_find_program_in_path (names[i]);

      if (path != NULL)
        return path;
    }
  g_error ("Apache 2 is not installed: build-aux/install-deps.sh installs it (Debian: apache2)");
}

/* A port nobody listens on now; Apache may still lose it to another process before it binds,
 * which webdav_server_start () notices and answers with another port. */
static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
write_password_file (WebdavServer *server)
{
  g_autofree char *htpasswd = g_find_program_in_path ("htpasswd");
  g_autofree char *path = g_build_filename (server->dir, "htpasswd", NULL);
  const char *argv[] = { NULL, "-c", "-b", "-B", path, USER, PASSWORD, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (htpasswd == NULL)
    g_error ("htpasswd is not installed: build-aux/install-deps.sh installs it (Debian: apache2-utils)");
  argv[0] = htpasswd;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

/* As root, Apache's workers must run as someone else: it refuses to serve as root. */
static void
append_user (GString *config,
             uid_t   *uid,
             gid_t   *gid)
{
  const char *const users[] = { "www-data", "nobody" };

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      struct passwd *entry = getpwnam (users[i]);
      struct group *group;

      if (entry == NULL)
        continue;
      group = getgrgid (entry->pw_gid);
      g_assert_nonnull (group);
      *uid = entry->pw_uid;
      *gid = entry->pw_gid;
      g_string_append_printf (config, "User %s\nGroup %s\n", users[i], group->gr_name);
      return;
    }
  g_error ("The tests run as root, and neither www-data nor nobody exists to run Apache's workers");
}

static void
chown_tree (const char *path,
            uid_t       uid,
            gid_t       gid)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_cmpint (lchown (path, uid, gid), ==, 0);
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      chown_tree (child, uid, gid);
    }
}

static void
write_config (WebdavServer *server)
{
  g_autoptr(GString) config = g_string_new (NULL);
  g_autofree char *path = g_build_filename (server->dir, "httpd.conf", NULL);
  g_autoptr(GError) error = NULL;
  const char *dir = server->dir;
  uid_t uid = 0;
  gid_t gid = 0;

  g_string_append_printf (config,
                          "ServerRoot \"%s\"\n"
                          "ServerName 127.0.0.1\n"
                          "Listen 127.0.0.1:%u\n"
                          "PidFile \"%s/run/apache2.pid\"\n"
                          "DefaultRuntimeDir \"%s/run\"\n"
                          "ErrorLog \"%s/error.log\"\n"
                          "LogLevel warn\n"
                          "LogFormat \"%%m %%U %%>s\" requests\n"
                          "CustomLog \"%s/access.log\" requests\n",
                          dir, server->port, dir, dir, dir, dir);
  for (guint i = 0; i < G_N_ELEMENTS (modules); i++)
    g_string_append_printf (config, "LoadModule %s_module %s/mod_%s.so\n",
                            modules[i], MODULES_DIR, modules[i]);
  if (getuid () == 0)
    append_user (config, &uid, &gid);

  g_string_append_printf (config,
                          "StartServers 1\n"
                          "DocumentRoot \"%s\"\n"
                          "DavLockDB \"%s/lock/DavLock\"\n"
                          "<Directory />\n"
                          "  Require all denied\n"
                          "</Directory>\n"
                          "Alias /dav/ \"%s/\"\n"
                          "<Directory \"%s\">\n"
                          "  Dav On\n"
                          "  AuthType Basic\n"
                          "  AuthName \"Scholia tests\"\n"
                          "  AuthUserFile \"%s/htpasswd\"\n"
                          "  Require valid-user\n"
                          "</Directory>\n"
                          "<Location \"/dav/readonly/\">\n"
                          "  <LimitExcept GET HEAD OPTIONS PROPFIND>\n"
                          "    Require all denied\n"
                          "  </LimitExcept>\n"
                          "</Location>\n"
                          "RedirectMatch 507 ^/dav/full/\n"
                          "RedirectMatch 410 ^/dav/gone/\n"
                          "RedirectMatch 302 ^/dav/moved/(.*)$ http://elsewhere.invalid/$1\n",
                          server->root, dir, server->root, server->root, dir);

  g_file_set_contents (path, config->str, -1, &error);
  g_assert_no_error (error);
  if (getuid () == 0)
    chown_tree (dir, uid, gid);
}

/* In Apache, before exec: its own process group, so that stopping it reaches its workers too,
 * and the kernel's SIGTERM should the test process die with Apache still running. */
static void
child_setup (gpointer user_data)
{
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
accepts_connections (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

/* TRUE once Apache answers on its port; FALSE when it exited (its port taken). */
static gboolean
wait_until_ready (WebdavServer *server)
{
  gint64 deadline = g_get_monotonic_time () + START_DEADLINE_US;

  while (g_get_monotonic_time () < deadline)
    {
      int status = 0;

      if (waitpid (server->pid, &status, WNOHANG) == server->pid)
        {
          server->pid = 0;
          return FALSE;
        }
      if (accepts_connections (server->port))
        return TRUE;
      g_usleep (POLL_INTERVAL_US);
    }
  g_error ("Apache did not accept connections on port %u within %d s: see %s/error.log",
           server->port, (int) (START_DEADLINE_US / G_USEC_PER_SEC), server->dir);
}

static gboolean
try_start (WebdavServer *server,
           const char   *apache)
{
  g_autofree char *config = g_build_filename (server->dir, "httpd.conf", NULL);
  const char *argv[] = { apache, "-f", config, "-DFOREGROUND", NULL };
  g_autoptr(GError) error = NULL;

  server->port = free_port ();
  g_free (server->url);
  server->url = g_strdup_printf ("http://127.0.0.1:%u/dav/", server->port);
  write_config (server);

  g_spawn_async (server->dir, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 child_setup, NULL, &server->pid, &error);
  g_assert_no_error (error);
  return wait_until_ready (server);
}

WebdavServer *
webdav_server_start (void)
{
  WebdavServer *server = g_new0 (WebdavServer, 1);
  g_autofree char *apache = find_apache ();

  server->dir = test_tmp_dir_new ("scholia-webdav-XXXXXX");
  server->root = g_build_filename (server->dir, "dav", NULL);
  for (guint i = 0; i < 3; i++)
    {
      const char *subdirs[] = { "dav", "run", "lock" };
      g_autofree char *subdir = g_build_filename (server->dir, subdirs[i], NULL);

      g_assert_cmpint (g_mkdir (subdir, 0755), ==, 0);
    }
  g_assert_cmpint (g_chmod (server->dir, 0755), ==, 0);
  write_password_file (server);

  for (guint attempt = 0; attempt < START_ATTEMPTS; attempt++)
    if (try_start (server, apache))
      return server;
  g_error ("Apache could not start: see %s/error.log", server->dir);
}

/* Waits for Apache to exit, leaving it unreaped so that its process group cannot be reused
 * yet; FALSE when it is still running at @deadline. */
static gboolean
wait_for_exit (GPid   pid,
               gint64 deadline)
{
  while (g_get_monotonic_time () < deadline)
    {
      siginfo_t info = { 0 };

      if (waitid (P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid)
        return TRUE;
      g_usleep (POLL_INTERVAL_US);
    }
  return FALSE;
}

/* Stops Apache with @signal, then whatever of it remains. */
static void
stop_with (WebdavServer *server,
           int           signal)
{
  int status = 0;

  if (server->pid == 0)
    return;

  kill (server->pid, signal);
  if (!wait_for_exit (server->pid, g_get_monotonic_time () + STOP_DEADLINE_US))
    {
      kill (-server->pid, SIGKILL);
      g_assert_true (wait_for_exit (server->pid, g_get_monotonic_time () + STOP_DEADLINE_US));
    }
  /* Any worker that outlived its parent: the group is Apache's alone (child_setup). */
  kill (-server->pid, SIGKILL);
  g_assert_cmpint (waitpid (server->pid, &status, 0), ==, server->pid);
  g_spawn_close_pid (server->pid);
  server->pid = 0;
}

void
webdav_server_stop (WebdavServer *server)
{
  /* SIGWINCH is Apache's graceful stop: each worker finishes (and logs) its request first. */
  stop_with (server, SIGWINCH);
}

void
webdav_server_free (WebdavServer *server)
{
  if (server == NULL)
    return;
  /* Nothing more is asked of the server: SIGTERM ends it at once, where a graceful stop waits
   * for Apache's next round of housekeeping, a second later. */
  stop_with (server, SIGTERM);
  test_tmp_dir_remove (server->dir);
  g_free (server->dir);
  g_free (server->root);
  g_free (server->url);
  g_free (server);
}

const char *
webdav_server_get_url (WebdavServer *server)
{
  return server->url;
}

const char *
webdav_server_get_user (WebdavServer *server)
{
  return USER;
}

char *
webdav_server_dup_location (WebdavServer *server,
                            const char   *folder)
{
  g_autofree char *user = g_uri_escape_string (USER, G_URI_RESERVED_CHARS_SUBCOMPONENT_DELIMITERS, FALSE);

  g_assert_true (g_str_has_prefix (server->url, "http://"));
  return g_strdup_printf ("http://%s@%s%s/", user, server->url + strlen ("http://"), folder);
}

const char *
webdav_server_get_password (WebdavServer *server)
{
  return PASSWORD;
}

const char *
webdav_server_get_root (WebdavServer *server)
{
  return server->root;
}

#define LOCK_BODY \
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" \
  "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>" \
  "<D:locktype><D:write/></D:locktype><D:owner>another client</D:owner></D:lockinfo>\n"

void
webdav_server_lock (WebdavServer *server,
                    const char   *path)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) answer = NULL;
  g_autofree char *credentials = g_base64_encode ((const guchar *) USER ":" PASSWORD,
                                                  strlen (USER ":" PASSWORD));
  g_autofree char *request = NULL;
  g_autofree char *status_line = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, &error);
  g_assert_no_error (error);
  request = g_strdup_printf ("LOCK /dav/%s HTTP/1.0\r\nHost: 127.0.0.1:%u\r\n"
                             "Authorization: Basic %s\r\nTimeout: Second-3600\r\n"
                             "Content-Type: application/xml\r\nContent-Length: %zu\r\n\r\n%s",
                             path, server->port, credentials, strlen (LOCK_BODY), LOCK_BODY);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request,
                             strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);

  answer = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  status_line = g_data_input_stream_read_line_utf8 (answer, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (status_line);
  g_assert_true (g_str_has_prefix (status_line, "HTTP/1.1 200")
                 || g_str_has_prefix (status_line, "HTTP/1.0 200"));
}

guint
webdav_server_count_requests (WebdavServer *server,
                              const char   *method)
{
  g_autofree char *path = g_build_filename (server->dir, "access.log", NULL);
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_assert_cmpint (server->pid, ==, 0);
  g_file_get_contents (path, &log, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 2);

      if (fields[0] == NULL || fields[0][0] == '\0')
        continue;
      if (method == NULL || strcmp (fields[0], method) == 0)
        count++;
    }
  return count;
}
