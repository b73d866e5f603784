/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "scholia-reference.h"

G_BEGIN_DECLS

/* Reading a file of references as Zotero exports them: CSL-JSON (Zotero's "CSL JSON", Better
 * BibTeX's auto-exports: an array of items) or BibTeX/BibLaTeX (.bib). An entry that cannot be
 * read is skipped and named by its line; the rest are read. A file that is not one of these at
 * all is refused (error), and then nothing of it is imported. */

/* An entry left out, and why. */
typedef struct
{
  guint  line;    /* where it starts, from 1 */
  char  *key;     /* its citation key, "" when none could be read */
  char  *reason;  /* a sentence for the user */
} ScholiaReferenceProblem;

typedef struct
{
  GPtrArray *references;  /* ScholiaReference, keys valid and distinct, in the file's order */
  GPtrArray *skipped;     /* ScholiaReferenceProblem: malformed entries */
  GPtrArray *duplicates;  /* ScholiaReferenceProblem: a key given earlier in the file, whose
                           * first entry is the one kept */
  GHashTable *keys;       /* private: the keys of references */
} ScholiaReferenceFile;

ScholiaReferenceFile *scholia_reference_file_new   (void);
void                  scholia_reference_file_free  (ScholiaReferenceFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaReferenceFile, scholia_reference_file_free)

/* Reads @file, CSL-JSON or BibTeX by its content (a file whose first character is "[" or "{" is
 * JSON), else by its name. */
ScholiaReferenceFile *scholia_reference_file_load           (GFile         *file,
                                                             GCancellable  *cancellable,
                                                             GError       **error);
/* Whether @path looks like a file of references by its name: .bib, or .json. */
gboolean              scholia_reference_file_is_reference_path (const char *path);
/* @data, @length bytes of CSL-JSON (an array of items); a file that is not JSON, or whose top
 * level is not an array, is refused with its line. */
ScholiaReferenceFile *scholia_reference_file_parse_csl_json (const char    *data,
                                                             gsize          length,
                                                             GError       **error);
/* @data of BibTeX or BibLaTeX. */
ScholiaReferenceFile *scholia_reference_file_parse_bibtex   (const char    *data,
                                                             gsize          length,
                                                             GError       **error);

/* For the parsers: adds @reference (taken), or reports its key as a duplicate of an earlier
 * entry, or as invalid; @line is where its entry starts. */
void                  scholia_reference_file_take          (ScholiaReferenceFile *self,
                                                            ScholiaReference     *reference,
                                                            guint                 line);
void                  scholia_reference_file_skip          (ScholiaReferenceFile *self,
                                                            guint                 line,
                                                            const char           *key,
                                                            const char           *reason);
/* "118--134" and "118-134" as "118–134". */
char                 *scholia_reference_normalize_pages    (const char           *pages);

G_END_DECLS
