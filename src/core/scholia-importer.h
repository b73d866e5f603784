/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "scholia-types.h"

G_BEGIN_DECLS

/* What an import produces: the readable text of a document and whatever metadata its file
 * offered. The text is UTF-8 in NFC with LF line ends, paragraphs separated by a blank line. */
typedef struct
{
  char   *text;
  char   *title;   /* guesses; NULL when none */
  char   *author;
  char   *date;
  char   *source;
  char   *format;  /* "text", "markdown", "html", "pdf", "docx", "odt" */
  GArray *pages;   /* of ScholiaPageRange, in code points of text; NULL unless the source had
                    * pages */
} ScholiaImportedText;

/* The largest text an import produces; at least 50 MB of text must import. */
#define SCHOLIA_IMPORT_MAX_TEXT_BYTES (64 * 1024 * 1024)

/* How long reading one PDF may take before it is given up, in seconds; a few kilobytes of
 * nested forms can keep the PDF library busy for hours. */
#define SCHOLIA_IMPORT_DEFAULT_TIME_LIMIT 60

/* Sets that limit for every import in this process; 0 means none. */
void                 scholia_import_set_time_limit (guint             seconds);

ScholiaImportedText *scholia_import_file        (GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
ScholiaImportedText *scholia_import_bytes       (GBytes              *bytes,
                                                 const char          *filename,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
void                 scholia_imported_text_free (ScholiaImportedText *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaImportedText, scholia_imported_text_free)

G_END_DECLS
