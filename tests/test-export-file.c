/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "scholia-error.h"
#include "scholia-export-file.h"
#include "test-files.h"

typedef struct
{
  char *dir;
  char *target;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-export-file-XXXXXX");
  fixture->target = g_build_filename (fixture->dir, "notes.csv", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->target);
  g_free (fixture->dir);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static int
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (folder);
  while (g_dir_read_name (folder) != NULL)
    n++;
  return n;
}

static void
export (Fixture    *fixture,
        const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_export_file_write (fixture->target, contents, strlen (contents), &error));
  g_assert_no_error (error);
}

/* A re-export over a private file once made it readable by everyone (0644). */
static void
test_mode_kept (Fixture       *fixture,
                gconstpointer  data)
{
  write_file (fixture->target, "old");
  g_assert_cmpint (g_chmod (fixture->target, 0600), ==, 0);
  export (fixture, "new");
  assert_contents (fixture->target, "new");
  g_assert_cmpint (mode_of (fixture->target), ==, 0600);

  g_assert_cmpint (g_chmod (fixture->target, 0640), ==, 0);
  export (fixture, "newer");
  g_assert_cmpint (mode_of (fixture->target), ==, 0640);
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

/* A new file follows the umask, as other GNOME applications' files do. */
static void
test_new_file_follows_umask (Fixture       *fixture,
                             gconstpointer  data)
{
  mode_t saved = umask (077);

  export (fixture, "private");
  umask (022);
  g_assert_cmpint (mode_of (fixture->target), ==, 0600);
  g_assert_cmpint (g_unlink (fixture->target), ==, 0);
  export (fixture, "shared");
  umask (saved);
  g_assert_cmpint (mode_of (fixture->target), ==, 0644);
}

/* A link at the target stays a link; the file it points to (relatively, through a second
 * link) gets the export. */
static void
test_symlink_followed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "real", NULL);
  g_autofree char *real = g_build_filename (sub, "notes.csv", NULL);
  g_autofree char *middle = g_build_filename (fixture->dir, "middle.csv", NULL);
  g_autofree char *link = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  write_file (real, "old");
  g_assert_cmpint (g_chmod (real, 0600), ==, 0);
  g_assert_cmpint (symlink ("real/notes.csv", middle), ==, 0);
  g_assert_cmpint (symlink (middle, fixture->target), ==, 0);

  export (fixture, "new");

  g_assert_cmpint (g_lstat (fixture->target, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  link = g_file_read_link (fixture->target, NULL);
  g_assert_cmpstr (link, ==, middle);
  g_assert_cmpint (g_lstat (middle, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  assert_contents (real, "new");
  g_assert_cmpint (mode_of (real), ==, 0600);
  g_assert_cmpuint (count_entries (sub), ==, 1);
}

/* A write the disk refuses leaves the old file and no temporary file. */
static void
test_failure_leaves_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (64 * 1024, 'x');
  struct rlimit saved, limited;
  gboolean done;

  write_file (fixture->target, "old");
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, SIG_IGN);
  limited = saved;
  limited.rlim_cur = 4096;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  done = scholia_export_file_write (fixture->target, big, strlen (big), &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  g_assert_false (done);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, fixture->target));
  assert_contents (fixture->target, "old");
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

static char *
make_temp (Fixture    *fixture,
           const char *name,
           gint64      age_seconds)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  struct utimbuf times;

  write_file (path, "%PDF-1.5 half");
  times.actime = times.modtime = g_get_real_time () / G_USEC_PER_SEC - age_seconds;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
  return path;
}

/* A killed export leaves its temporary file: the next export to that file removes it, but
 * neither one that may belong to an export still running nor a file of another name. */
static void
test_stale_temp_removed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *stale = make_temp (fixture, ".notes.csv.aB3dE9", 2 * 60 * 60);
  g_autofree char *running = make_temp (fixture, ".notes.csv.Zz0Yy1", 5);
  g_autofree char *other = make_temp (fixture, ".other.csv.aB3dE9", 2 * 60 * 60);
  g_autofree char *not_ours = make_temp (fixture, ".notes.csv.old", 2 * 60 * 60);

  export (fixture, "new");

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (running, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (not_ours, G_FILE_TEST_EXISTS));
  assert_contents (fixture->target, "new");
}

/* A folder or a device at the target is not replaced by a file. */
static void
test_not_regular_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (fixture->target, 0700), ==, 0);
  g_assert_false (scholia_export_file_write (fixture->target, "x", 1, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_assert_true (g_file_test (fixture->target, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export-file/mode-kept", test_mode_kept);
  ADD ("/export-file/new-file-follows-umask", test_new_file_follows_umask);
  ADD ("/export-file/symlink-kept-target-replaced", test_symlink_followed);
  ADD ("/export-file/failure-leaves-old-file-and-no-temp", test_failure_leaves_nothing);
  ADD ("/export-file/stale-temp-removed", test_stale_temp_removed);
  ADD ("/export-file/not-a-regular-file", test_not_regular_refused);
#undef ADD

  return g_test_run ();
}
