/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-store.h"

G_BEGIN_DECLS

/* REFI-QDA (QDA-XML 1.0) project exchange (.qdpx) and codebooks (.qdc), the format NVivo,
 * MAXQDA, ATLAS.ti and QualCoder share.
 *
 * A .qdpx is a zip of project.qde (namespace urn:QDA-XML:project:1.0) and sources/. How a
 * library maps onto it, both ways:
 *
 *   essay          TextSource guid = the essay's uuid, name = its title, its text as
 *                  sources/<uuid>.txt (plainTextPath "internal://<uuid>.txt"); author, date and
 *                  source as VariableValues of the Variables "Author", "Date", "Source"
 *   author         a Case named after the author, with a SourceRef to each of their essays
 *   tag, theme     a Code under the top-level Code "Tags" or "Themes" (not codable), with its
 *                  colour and description; a guid derived from the label's type and name, so
 *                  the same library exports the same guids
 *   annotation     a PlainTextSelection (guid = its uuid, positions in Unicode code points,
 *                  as the standard counts characters) with one Coding per tag and theme
 *   note           a Note (PlainTextContent), linked from its selection by a NoteRef
 *   annotator      the one User, creatingUser of every selection and coding
 *   link           a Link (guid = its uuid) from one PlainTextSelection (originGUID) to another
 *                  (targetGUID), named by its type; OneWay, or Bidirectional for the types
 *                  that read the same both ways; only between selections the project holds
 *
 * Importing reads the same and what other programs write: any single *.qde in the zip,
 * sources/ or Sources/, text given by plainTextPath (internal://, or a path inside the zip), by
 * PlainTextContent, or by the plain-text Representation of a PDFSource; a DOCX or PDF original
 * beside its plain text is not needed. Codes under "Tags" and "Themes" become tags and themes;
 * any other code becomes a tag named by its path ("concepts / abstraction"). A code memo
 * becomes the label's description when it has none; notes referenced by a selection or its
 * codings become the annotation's note. Positions are checked against the text: a selection
 * outside it is reported, never moved. What Scholia cannot keep (who coded what: Scholia keeps
 * no annotator per annotation; notes on a whole source; pictures, audio, video, PDF regions;
 * sets, graphs, links between things other than passages) is counted and named in the summary's messages. The import is one
 * transaction: an error leaves the library as it was. */

typedef struct
{
  guint      sources;          /* essays added */
  guint      codes;            /* Code elements read */
  guint      labels_added;     /* tags and themes created */
  guint      codings;          /* codings placed on an annotation */
  guint      annotations;      /* annotations added */
  guint      notes;            /* notes attached to an annotation */
  guint      links;            /* links between passages added (scholia-refi-links.h) */
  guint      skipped;          /* things left out, each named in messages */
  GPtrArray *messages;         /* char *: what was left out (or renamed), and why */
} ScholiaRefiSummary;

void      scholia_refi_summary_init   (ScholiaRefiSummary *summary);
void      scholia_refi_summary_clear  (ScholiaRefiSummary *summary);

/* project.qde for @documents (ScholiaDocument; NULL for the whole library), @annotator the
 * User's name (NULL: none is written). Orphaned annotations, whose place is not known, are left
 * out and counted in @left_out (may be NULL). */
char     *scholia_refi_project_xml    (ScholiaStore        *store,
                                       GPtrArray           *documents,
                                       const char          *annotator,
                                       guint               *left_out,
                                       GError             **error);
gboolean  scholia_refi_export_project (ScholiaStore        *store,
                                       GPtrArray           *documents,
                                       const char          *annotator,
                                       const char          *path,
                                       guint               *left_out,
                                       GError             **error);
gboolean  scholia_refi_import_project (ScholiaStore        *store,
                                       const char          *path,
                                       ScholiaRefiSummary  *summary,
                                       GError             **error);

/* The project import in two halves, for a caller that reads in a worker thread. Reading
 * (GTK-free, no store: any thread) parses and checks the whole project into a plan, counting
 * in @summary what is left out; writing (on the store's thread) adds the plan in one batch, as
 * scholia_refi_import_project() does, and adds to the same @summary. A plan is written once. */
typedef struct _ScholiaRefiPlan ScholiaRefiPlan;

ScholiaRefiPlan *scholia_refi_plan_read  (const char          *path,
                                          ScholiaRefiSummary  *summary,
                                          GError             **error);
gboolean         scholia_refi_plan_write (ScholiaRefiPlan     *plan,
                                          ScholiaStore        *store,
                                          ScholiaRefiSummary  *summary,
                                          GError             **error);
void             scholia_refi_plan_free  (ScholiaRefiPlan     *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScholiaRefiPlan, scholia_refi_plan_free)

/* The tags and themes alone, as a .qdc (urn:QDA-XML:codebook:1.0), mapped as above. */
char     *scholia_refi_codebook_xml   (ScholiaStore        *store,
                                       GError             **error);
gboolean  scholia_refi_export_codebook (ScholiaStore       *store,
                                        const char         *path,
                                        GError            **error);
gboolean  scholia_refi_import_codebook (ScholiaStore       *store,
                                        const char         *path,
                                        ScholiaRefiSummary *summary,
                                        GError            **error);

G_END_DECLS
