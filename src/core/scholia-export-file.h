/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How every export (PDF, handout, CSV, Markdown, W3C) replaces its file: written whole to a
 * hidden temporary file ".NAME.XXXXXX" beside the file, then renamed over it, so that the file
 * is either the whole new export or untouched. A symbolic link at the target is kept and the
 * file it points to replaced; a replaced file keeps its permissions, a new one follows the
 * umask. Temporary files a killed export left beside the file are removed by the next export
 * to it once they are old enough not to belong to one still running. Every error names @path
 * as the user gave it. */

/* Opens the temporary file (mode 0666 less the umask). Returns its descriptor and sets
 * @target_path to the file to replace (@path with its links followed) and @temp_path; or -1
 * with @error set. */
int       scholia_export_file_open_temp (const char  *path,
                                         char       **target_path,
                                         char       **temp_path,
                                         GError     **error);
/* Gives the written and closed @temp_path the permissions of @target_path, when it exists,
 * and renames it over it. On failure @temp_path is removed. */
gboolean  scholia_export_file_commit    (const char  *path,
                                         const char  *target_path,
                                         const char  *temp_path,
                                         GError     **error);
/* The whole: @data written to @path and flushed to the disk, or nothing changed. */
gboolean  scholia_export_file_write     (const char  *path,
                                         const char  *data,
                                         gsize        length,
                                         GError     **error);
/* The same for a GFile; one without a local path (a remote location) is replaced by GIO. */
gboolean  scholia_export_file_write_gfile (GFile        *file,
                                           const char   *data,
                                           gsize         length,
                                           GCancellable *cancellable,
                                           GError      **error);

G_END_DECLS
