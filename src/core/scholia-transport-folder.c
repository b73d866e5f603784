/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scholia-transport-folder.h"

#define ETAG_ATTRIBUTES G_FILE_ATTRIBUTE_ETAG_VALUE "," G_FILE_ATTRIBUTE_STANDARD_SIZE "," \
                        G_FILE_ATTRIBUTE_UNIX_INODE
#define LIST_ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," \
                        ETAG_ATTRIBUTES

struct _ScholiaTransportFolder
{
  ScholiaTransport  parent_instance;

  GFile            *folder;
};

G_DEFINE_FINAL_TYPE (ScholiaTransportFolder, scholia_transport_folder, SCHOLIA_TYPE_TRANSPORT)

static const char *
location_of (ScholiaTransportFolder *self)
{
  return scholia_transport_get_location (SCHOLIA_TRANSPORT (self));
}

/* GIO's errors turned into the codes a sync acts on, with the folder named. */
static void
set_error_from_io (ScholiaTransportFolder  *self,
                   const char              *path,
                   GError                  *io_error,
                   GError                 **error)
{
  const char *location = location_of (self);

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (io_error));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_NOT_FOUND,
                 _("There is no “%s” in the seminar’s folder %s"), path, location);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
           || g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FORBIDDEN,
                 _("You may not change “%s” in the seminar’s folder %s"), path, location);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FULL,
                 _("The disk holding the seminar’s folder %s is full"), location);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG)
           || g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_CHANGED,
                 _("“%s” was changed in the seminar’s folder %s since Scholia last read it"),
                 path, location);
  else
    g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FAILED,
                 _("Could not use “%s” in the seminar’s folder %s: %s"),
                 path, location, io_error->message);
}

/* GIO's ETag is the modification time, which the kernel keeps to its clock tick (4 ms on
 * many machines): two writes within a tick would share it. The size and the inode join it
 * (each replacement is a new file, renamed over the old), and replace_file () moves the time
 * on past the old one's, so that every write of Scholia's gives a new ETag. */
static char *
etag_from_info (GFileInfo *info)
{
  return g_strdup_printf ("%s:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                          g_file_info_get_etag (info),
                          (guint64) g_file_info_get_size (info),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE));
}

static GPtrArray *
scholia_transport_folder_list (ScholiaTransport  *transport,
                               const char        *path,
                               GCancellable      *cancellable,
                               GError           **error)
{
  ScholiaTransportFolder *self = SCHOLIA_TRANSPORT_FOLDER (transport);
  g_autoptr(GFile) dir = g_file_resolve_relative_path (self->folder, path);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_transport_entry_free);
  g_autoptr(GError) io_error = NULL;

  children = g_file_enumerate_children (dir, LIST_ATTRIBUTES, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        cancellable, &io_error);
  if (children == NULL)
    {
      set_error_from_io (self, path, io_error, error);
      return NULL;
    }

  for (;;)
    {
      GFileInfo *info = NULL;
      ScholiaTransportEntry *entry;

      if (!g_file_enumerator_iterate (children, &info, NULL, cancellable, &io_error))
        {
          set_error_from_io (self, path, io_error, error);
          return NULL;
        }
      if (info == NULL)
        break;
      if (g_file_info_get_name (info)[0] == '.')
        continue;

      entry = g_new0 (ScholiaTransportEntry, 1);
      entry->name = g_strdup (g_file_info_get_name (info));
      entry->etag = etag_from_info (info);
      entry->size = g_file_info_get_size (info);
      entry->is_folder = g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY;
      g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}

static char *
query_etag (GFile         *file,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, ETAG_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                                 cancellable, error);

  return info != NULL ? etag_from_info (info) : NULL;
}

static GBytes *
read_all (GInputStream  *stream,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                              | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, cancellable, error) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static ScholiaTransportGetResult
scholia_transport_folder_get (ScholiaTransport  *transport,
                              const char        *path,
                              const char        *if_none_match,
                              GBytes           **contents,
                              char             **etag,
                              GCancellable      *cancellable,
                              GError           **error)
{
  ScholiaTransportFolder *self = SCHOLIA_TRANSPORT_FOLDER (transport);
  g_autoptr(GFile) file = g_file_resolve_relative_path (self->folder, path);
  g_autoptr(GError) io_error = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) contents_read = NULL;

  if (if_none_match != NULL)
    {
      g_autofree char *current = query_etag (file, cancellable, &io_error);

      if (current == NULL)
        {
          set_error_from_io (self, path, io_error, error);
          return SCHOLIA_TRANSPORT_GET_FAILED;
        }
      if (g_strcmp0 (current, if_none_match) == 0)
        {
          if (etag != NULL)
            *etag = g_steal_pointer (&current);
          return SCHOLIA_TRANSPORT_GET_NOT_MODIFIED;
        }
    }

  /* The ETag of the file this stream reads, even if it is replaced meanwhile. */
  stream = g_file_read (file, cancellable, &io_error);
  info = stream != NULL ? g_file_input_stream_query_info (stream, ETAG_ATTRIBUTES, cancellable,
                                                          &io_error)
                        : NULL;
  contents_read = info != NULL ? read_all (G_INPUT_STREAM (stream), cancellable, &io_error) : NULL;
  if (contents_read == NULL)
    {
      set_error_from_io (self, path, io_error, error);
      return SCHOLIA_TRANSPORT_GET_FAILED;
    }
  *contents = g_steal_pointer (&contents_read);
  if (etag != NULL)
    *etag = etag_from_info (info);
  return SCHOLIA_TRANSPORT_GET_FETCHED;
}

/* A file written within the same clock tick as the one it replaces gets a later time stamp. */
static void
move_time_past (const char            *path,
                const struct timespec *old)
{
  struct stat now;
  struct timespec times[2] = { { 0, UTIME_OMIT }, *old };

  if (g_stat (path, &now) != 0)
    return;
  if (now.st_mtim.tv_sec > old->tv_sec
      || (now.st_mtim.tv_sec == old->tv_sec && now.st_mtim.tv_nsec > old->tv_nsec))
    return;
  times[1].tv_nsec++;
  if (times[1].tv_nsec == 1000000000)
    {
      times[1].tv_sec++;
      times[1].tv_nsec = 0;
    }
  utimensat (AT_FDCWD, path, times, 0);
}

/* Replaces an existing file: GIO compares its part of the ETag again when it opens the file,
 * writes a temporary file beside it and renames it over the old one when the stream closes. */
static gboolean
replace_file (ScholiaTransportFolder  *self,
              const char              *path,
              GFile                   *file,
              GBytes                  *contents,
              const char              *if_match,
              GCancellable            *cancellable,
              GError                 **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *current = NULL;
  g_autofree char *file_path = g_file_get_path (file);
  g_autoptr(GError) io_error = NULL;
  struct stat before;
  gsize written = 0;

  /* GIO creates a missing file without looking at the ETag; the file having gone since it was
   * read is a change like any other. */
  info = g_file_query_info (file, ETAG_ATTRIBUTES, G_FILE_QUERY_INFO_NONE, cancellable, &io_error);
  if (info == NULL)
    {
      if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_CHANGED,
                     _("“%s” was removed from the seminar’s folder %s since Scholia last read it"),
                     path, location_of (self));
      else
        set_error_from_io (self, path, io_error, error);
      return FALSE;
    }
  current = etag_from_info (info);
  if (strcmp (current, if_match) != 0 || g_stat (file_path, &before) != 0)
    {
      io_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_WRONG_ETAG, "");
      set_error_from_io (self, path, io_error, error);
      return FALSE;
    }

  stream = g_file_replace (file, g_file_info_get_etag (info), FALSE, G_FILE_CREATE_NONE,
                           cancellable, &io_error);
  if (stream == NULL
      || !g_output_stream_write_all (G_OUTPUT_STREAM (stream), g_bytes_get_data (contents, NULL),
                                     g_bytes_get_size (contents), &written, cancellable, &io_error)
      || !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &io_error))
    {
      set_error_from_io (self, path, io_error, error);
      return FALSE;
    }
  move_time_past (file_path, &before.st_mtim);
  return TRUE;
}

/* Creates a file that must not exist yet, all at once: the contents go to a hidden temporary
 * file beside it, then link(2) gives it its name, which fails if the name is taken. Where the
 * file system has no hard links (FAT on a USB stick), an exclusive create writes in place. */
static gboolean
create_file (ScholiaTransportFolder  *self,
             const char              *path,
             GFile                   *file,
             GBytes                  *contents,
             GCancellable            *cancellable,
             GError                 **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *temp_name = g_strdup_printf (".scholia-%s.part", uuid);
  g_autoptr(GFile) temp = g_file_get_child (parent, temp_name);
  g_autofree char *temp_path = g_file_get_path (temp);
  g_autofree char *target_path = g_file_get_path (file);
  g_autoptr(GError) io_error = NULL;
  int saved_errno;
  int linked;

  if (!g_file_set_contents_full (temp_path, g_bytes_get_data (contents, NULL),
                                 g_bytes_get_size (contents), G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, &io_error))
    {
      if (g_error_matches (io_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_NO_PARENT,
                     _("Could not write “%s”: its folder does not exist in the seminar’s folder %s"),
                     path, location_of (self));
      else
        {
          g_autoptr(GError) as_io = g_error_new_literal (G_IO_ERROR,
                                                         g_io_error_from_file_error (io_error->code),
                                                         io_error->message);
          set_error_from_io (self, path, as_io, error);
        }
      return FALSE;
    }

  linked = link (temp_path, target_path);
  saved_errno = errno;
  g_unlink (temp_path);
  if (linked == 0)
    return TRUE;

  if (saved_errno == EPERM || saved_errno == ENOTSUP || saved_errno == EOPNOTSUPP)
    {
      g_autoptr(GFileOutputStream) stream = g_file_create (file, G_FILE_CREATE_NONE, cancellable,
                                                           &io_error);
      gsize written = 0;

      if (stream != NULL
          && g_output_stream_write_all (G_OUTPUT_STREAM (stream), g_bytes_get_data (contents, NULL),
                                        g_bytes_get_size (contents), &written, cancellable,
                                        &io_error)
          && g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &io_error))
        return TRUE;
    }
  else
    io_error = g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                    g_strerror (saved_errno));
  set_error_from_io (self, path, io_error, error);
  return FALSE;
}

static gboolean
scholia_transport_folder_put (ScholiaTransport  *transport,
                              const char        *path,
                              GBytes            *contents,
                              const char        *if_match,
                              char             **new_etag,
                              GCancellable      *cancellable,
                              GError           **error)
{
  ScholiaTransportFolder *self = SCHOLIA_TRANSPORT_FOLDER (transport);
  g_autoptr(GFile) file = g_file_resolve_relative_path (self->folder, path);
  g_autoptr(GError) io_error = NULL;
  gboolean written;

  if (if_match != NULL)
    written = replace_file (self, path, file, contents, if_match, cancellable, error);
  else
    written = create_file (self, path, file, contents, cancellable, error);
  if (!written)
    return FALSE;

  if (new_etag != NULL)
    {
      *new_etag = query_etag (file, cancellable, &io_error);
      if (*new_etag == NULL)
        {
          set_error_from_io (self, path, io_error, error);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
scholia_transport_folder_make_folder (ScholiaTransport  *transport,
                                      const char        *path,
                                      GCancellable      *cancellable,
                                      GError           **error)
{
  ScholiaTransportFolder *self = SCHOLIA_TRANSPORT_FOLDER (transport);
  g_autoptr(GFile) dir = g_file_resolve_relative_path (self->folder, path);
  g_autoptr(GError) io_error = NULL;

  if (g_file_make_directory (dir, cancellable, &io_error))
    return TRUE;

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_EXISTS)
      && g_file_query_file_type (dir, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    return TRUE;

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_set_error (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_NO_PARENT,
                   _("Could not make the folder “%s”: its parent does not exist in the seminar’s folder %s"),
                   path, location_of (self));
      return FALSE;
    }
  set_error_from_io (self, path, io_error, error);
  return FALSE;
}

static void
scholia_transport_folder_finalize (GObject *object)
{
  ScholiaTransportFolder *self = SCHOLIA_TRANSPORT_FOLDER (object);

  g_clear_object (&self->folder);

  G_OBJECT_CLASS (scholia_transport_folder_parent_class)->finalize (object);
}

static void
scholia_transport_folder_class_init (ScholiaTransportFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ScholiaTransportClass *transport_class = SCHOLIA_TRANSPORT_CLASS (klass);

  object_class->finalize = scholia_transport_folder_finalize;

  transport_class->list = scholia_transport_folder_list;
  transport_class->get = scholia_transport_folder_get;
  transport_class->put = scholia_transport_folder_put;
  transport_class->make_folder = scholia_transport_folder_make_folder;
}

static void
scholia_transport_folder_init (ScholiaTransportFolder *self)
{
}

ScholiaTransport *
scholia_transport_folder_new (GFile      *folder,
                              const char *location)
{
  ScholiaTransportFolder *self;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  self = g_object_new (SCHOLIA_TYPE_TRANSPORT_FOLDER, "location", location, NULL);
  self->folder = g_object_ref (folder);
  return SCHOLIA_TRANSPORT (self);
}
