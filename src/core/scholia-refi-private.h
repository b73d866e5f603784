/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "scholia-refi.h"

G_BEGIN_DECLS

/* Shared by scholia-refi-export.c, -import.c and -codebook.c. */

#define SCHOLIA_REFI_PROJECT_NS  "urn:QDA-XML:project:1.0"
#define SCHOLIA_REFI_CODEBOOK_NS "urn:QDA-XML:codebook:1.0"
#define SCHOLIA_REFI_TAGS        "Tags"
#define SCHOLIA_REFI_THEMES      "Themes"
/* Between the names of nested codes in the tag a foreign code becomes. */
#define SCHOLIA_REFI_PATH_SEPARATOR " / "

/* A name-based uuid: the same @kind and @name always give the same guid. */
char     *_scholia_refi_guid         (const char        *kind,
                                      const char        *name);
char     *_scholia_refi_label_guid   (ScholiaLabel      *label);

/* The "Tags" and "Themes" codes with the library's labels inside, as <Codes>…</Codes>. */
gboolean  _scholia_refi_write_codes  (xmlTextWriterPtr   writer,
                                      ScholiaStore      *store,
                                      GError           **error);
void      _scholia_refi_writer_error (GError           **error);

/* Codes read: guid → RefiCode, in document order. */
typedef struct
{
  char  *guid;
  GType  type;          /* SCHOLIA_TYPE_TAG or SCHOLIA_TYPE_THEME */
  char  *name;          /* the label's name: its path below Tags or Themes, or its whole path */
  char  *colour;        /* #rrggbb, or NULL */
  char  *description;
  gboolean codable;     /* a label of its own (not only a folder of others) */
  ScholiaLabel *label;  /* once placed in the library */
} ScholiaRefiCode;

typedef struct
{
  GPtrArray  *codes;    /* ScholiaRefiCode, in document order */
  GHashTable *by_guid;  /* normalised guid → ScholiaRefiCode (borrowed) */
} ScholiaRefiCodes;

ScholiaRefiCodes *_scholia_refi_codes_new  (void);
void              _scholia_refi_codes_free (ScholiaRefiCodes *codes);
/* A <Note> of the project, and whether it found a place (an annotation's note, a label's
 * description). */
typedef struct
{
  char     *name;
  char     *text;
  gboolean  used;
} ScholiaRefiNote;

/* Reads the <Code> children of @codes_node (a <Codes> element), @memos (normalised guid →
 * ScholiaRefiNote, may be NULL) giving a code's memo from its NoteRef. */
void      _scholia_refi_read_codes   (ScholiaRefiCodes   *codes,
                                      xmlNode            *codes_node,
                                      GHashTable         *memos,
                                      ScholiaRefiSummary *summary);
/* Finds or creates each codable code's label; inside the caller's transaction. */
gboolean  _scholia_refi_place_codes  (ScholiaStore       *store,
                                      ScholiaRefiCodes   *codes,
                                      ScholiaRefiSummary *summary,
                                      GError            **error);
/* A guid as both forms the schema allows compare: lower case, no braces. */
char     *_scholia_refi_normalise_guid (const char *guid);
/* The first child element of @node named @name (any namespace), or NULL. */
xmlNode  *_scholia_refi_child        (xmlNode           *node,
                                      const char        *name);
char     *_scholia_refi_prop         (xmlNode           *node,
                                      const char        *name);
void      _scholia_refi_report       (ScholiaRefiSummary *summary,
                                      const char         *format,
                                      ...) G_GNUC_PRINTF (2, 3);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaRefiCodes, _scholia_refi_codes_free)

G_END_DECLS
