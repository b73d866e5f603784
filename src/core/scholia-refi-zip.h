/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A .qdpx opened for import: its project (the one *.qde of any name) and its text files, read
 * into memory with libarchive; rich originals (DOCX, PDF) and media are listed, not read. */
typedef struct _ScholiaRefiZip ScholiaRefiZip;

ScholiaRefiZip *scholia_refi_zip_open        (const char      *path,
                                              GError         **error);
void            scholia_refi_zip_free        (ScholiaRefiZip  *zip);
/* The project's XML, or NULL with an error naming the file when it holds none or several. */
GBytes         *scholia_refi_zip_get_project (ScholiaRefiZip  *zip,
                                              const char      *display_name,
                                              GError         **error);
/* A text file by its path in the zip, or in its sources/ (any case) when @in_sources; borrowed. */
GBytes         *scholia_refi_zip_lookup      (ScholiaRefiZip  *zip,
                                              const char      *path,
                                              gboolean         in_sources);

G_END_DECLS
