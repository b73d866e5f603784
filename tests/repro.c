/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "repro.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

static const char *
repro_dir (void)
{
  const char *dir = g_getenv ("SCHOLIA_REPRO_DIR");

  g_assert_nonnull (dir);
  return dir;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* shared/ is read-only: give the copy the write bits a user's file would have. */
  g_assert_cmpint (g_chmod (to, 0600), ==, 0);
}

char *
repro_copy (const char *name,
            const char *dir)
{
  g_autofree char *from = g_build_filename (repro_dir (), name, NULL);
  char *to = g_build_filename (dir, name, NULL);

  if (g_file_test (from, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) folder = NULL;
      g_autoptr(GError) error = NULL;
      const char *child;

      folder = g_dir_open (from, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
      while ((child = g_dir_read_name (folder)) != NULL)
        {
          g_autofree char *child_from = g_build_filename (from, child, NULL);
          g_autofree char *child_to = g_build_filename (to, child, NULL);

          copy_file (child_from, child_to);
        }
    }
  else
    {
      g_assert_true (g_file_test (from, G_FILE_TEST_IS_REGULAR));
      copy_file (from, to);
    }

  return to;
}
