/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scholia-error.h"
#include "scholia-export-file.h"

/* As the kernel does: a chain of links longer than this is a loop. */
#define MAX_LINKS 40
/* g_mkstemp() puts this many letters and digits in place of "XXXXXX". */
#define TEMP_SUFFIX_LENGTH 6
/* A temporary file untouched this long belongs to no running export: even one of thousands of
 * pages is laid out and written in minutes. */
#define STALE_SECONDS (60 * 60)

static gboolean
set_error (const char  *path,
           int          saved_errno,
           GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO, _("Could not write “%s”: %s"), display,
               g_strerror (saved_errno));
  return FALSE;
}

/* @path with its symbolic links followed, so that the file they point to is replaced and the
 * links stay; NULL on a loop. The file itself need not exist. */
static char *
resolve_links (const char *path)
{
  g_autofree char *current = g_strdup (path);

  for (int i = 0; i < MAX_LINKS; i++)
    {
      GStatBuf st;
      g_autofree char *link = NULL;
      g_autofree char *dir = NULL;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      link = g_file_read_link (current, NULL);
      if (link == NULL)
        return g_steal_pointer (&current);
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_path_is_absolute (link) ? g_steal_pointer (&link) : g_build_filename (dir, link, NULL);
    }
  errno = ELOOP;
  return NULL;
}

static gboolean
is_temp_name (const char *name,
              const char *prefix)
{
  gsize prefix_length = strlen (prefix);

  if (strlen (name) != prefix_length + TEMP_SUFFIX_LENGTH || !g_str_has_prefix (name, prefix))
    return FALSE;
  for (const char *p = name + prefix_length; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

/* Removes what a killed export to @base left in @dir: only regular files of ours named as our
 * temporary files for @base, and only once they are stale. */
static void
remove_stale_temps (const char *dir,
                    const char *base)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!is_temp_name (name, prefix))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == getuid ()
          && now - st.st_mtime > STALE_SECONDS)
        g_unlink (path);
    }
}

int
scholia_export_file_open_temp (const char  *path,
                               char       **target_path,
                               char       **temp_path,
                               GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *template = NULL;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, -1);

  target = resolve_links (path);
  if (target == NULL)
    {
      set_error (path, errno, error);
      return -1;
    }
  /* A device or a folder is not replaced by a file. */
  if (g_stat (target, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO,
                   _("Could not write “%s”: it is not a regular file"), display);
      return -1;
    }

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  remove_stale_temps (dir, base);

  /* Hidden, and beside the target so that the final rename stays within one file system. */
  name = g_strdup_printf (".%s.XXXXXX", base);
  template = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_error (path, errno, error);
      return -1;
    }

  *target_path = g_steal_pointer (&target);
  *temp_path = g_steal_pointer (&template);
  return fd;
}

gboolean
scholia_export_file_commit (const char  *path,
                            const char  *target_path,
                            const char  *temp_path,
                            GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL && target_path != NULL && temp_path != NULL, FALSE);

  /* The file's readers stay its readers: a private file stays private. */
  if ((g_stat (target_path, &st) == 0 && g_chmod (temp_path, st.st_mode & 0777) != 0)
      || g_rename (temp_path, target_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp_path);
      return set_error (path, saved_errno, error);
    }
  return TRUE;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        return FALSE;
      data += written;
      length -= written;
    }
  return TRUE;
}

gboolean
scholia_export_file_write (const char  *path,
                           const char  *data,
                           gsize        length,
                           GError     **error)
{
  g_autofree char *target_path = NULL;
  g_autofree char *temp_path = NULL;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  fd = scholia_export_file_open_temp (path, &target_path, &temp_path, error);
  if (fd < 0)
    return FALSE;

  /* A full disk may only tell at fsync or close. */
  if (!write_all (fd, data, length) || fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      g_unlink (temp_path);
      return set_error (path, saved_errno, error);
    }

  return scholia_export_file_commit (path, target_path, temp_path, error);
}

gboolean
scholia_export_file_write_gfile (GFile         *file,
                                 const char    *data,
                                 gsize          length,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path != NULL)
    return scholia_export_file_write (path, data, length, error);

  if (!g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                cancellable, error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      /* Translators: the start of an error message (%s is a file name); the reason follows */
      g_prefix_error (error, _("Could not write “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}
