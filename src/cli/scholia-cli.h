/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "scholia-annotation-filter.h"
#include "scholia-citation-styles.h"
#include "scholia-library.h"
#include "scholia-seminar-store.h"

G_BEGIN_DECLS

/* Exit codes: 0 done, 1 a failure the message explains, 2 the command line was wrong, 3 done
 * in part (import-annotations: some annotations were imported, the others are listed). */
enum
{
  SCHOLIA_CLI_OK = 0,
  SCHOLIA_CLI_FAILED = 1,
  SCHOLIA_CLI_USAGE = 2,
  SCHOLIA_CLI_PARTIAL = 3,
};

typedef struct
{
  char           *library_path;
  ScholiaLibrary *library;
  ScholiaStore   *store;          /* the library's, once it is open */
} ScholiaCli;

typedef int (*ScholiaCliRun) (ScholiaCli *cli,
                              int         argc,
                              char      **argv);

/* One row per command: adding a command is one function and one row in scholia-cli.c. */
typedef struct
{
  const char    *name;
  const char    *parameters;
  const char    *summary;
  ScholiaCliRun  run;
} ScholiaCliCommand;

/* The whole tool: global options, then the command named (main() is this alone, so that a
 * benchmark can run the commands as the tool does). */
int           scholia_cli_main        (int              argc,
                                       char           **argv);
ScholiaStore *scholia_cli_open_store  (ScholiaCli      *cli,
                                       gboolean         create,
                                       GError         **error);
int           scholia_cli_parse       (ScholiaCli      *cli,
                                       const char      *command,
                                       const char      *parameters,
                                       const GOptionEntry *entries,
                                       int             *argc,
                                       char          ***argv);
int           scholia_cli_fail        (const GError    *error);
void          scholia_cli_print_json  (JsonBuilder     *builder);
char         *scholia_cli_excerpt     (const char      *text,
                                       glong            width);
int           scholia_cli_usage_error (const char      *command,
                                       const char      *message);

int scholia_cli_run_init (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_info (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_compact (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_check (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_import (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_list (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_show (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_edit (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_delete (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_annotate (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_cite (ScholiaCli *cli, int argc, char **argv);
/* `cite` (scholia-cli-cite.c): --style's name (NULL: plain); FALSE for an unknown style. */
gboolean scholia_cli_parse_citation_style (const char *name, ScholiaCitationStyle *style);
/* Prints [@start, @end) of @document's @text with its citation (its reference's when its key
 * names an imported one); @annotation_id 0 when the passage is no annotation. */
int scholia_cli_print_citation (ScholiaCli *cli, ScholiaDocument *document, const char *text, GArray *pages,
                                int start, int end, gint64 annotation_id, ScholiaCitationStyle style,
                                gboolean short_note, gboolean json);
/* `cite ANNOTATION_ID`: the annotation's passage; an unknown or orphaned one fails, saying so. */
int scholia_cli_cite_annotation (ScholiaCli *cli, const char *id_text, ScholiaCitationStyle style,
                                 gboolean short_note, gboolean json);
int scholia_cli_run_annotations (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_unannotate (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_labels (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_compare (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_matrix (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_import_annotations (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_reimport (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_search (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_seminar (ScholiaCli *cli, int argc, char **argv);

/* Exports for `export --format w3c|csv|md` (documents NULL: all; path NULL or "-": stdout). */
/* @creator: the annotator's name, for the annotations that name no other. */
gboolean scholia_cli_export_w3c (ScholiaCli *cli, GPtrArray *documents, const char *creator, const char *path,
                                 GError **error);
gboolean scholia_cli_export_csv (ScholiaCli *cli, GPtrArray *documents, const char *path, GError **error);
gboolean scholia_cli_export_md (ScholiaCli *cli, GPtrArray *documents, const char *path, GError **error);
gboolean scholia_cli_export_theme_md (ScholiaCli *cli, ScholiaTheme *theme, const char *path, GError **error);
int scholia_cli_run_export (ScholiaCli *cli, int argc, char **argv);
/* REFI-QDA (scholia-cli-refi.c). */
gboolean scholia_cli_export_qdpx (ScholiaCli *cli, GPtrArray *documents, const char *path, const char *annotator, GError **error);
int scholia_cli_run_import_project (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_export_codebook (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_import_codebook (ScholiaCli *cli, int argc, char **argv);
ScholiaAnnotationFilter *scholia_cli_build_filter (ScholiaCli  *cli,
                                                   GStrv        tag_names,
                                                   GStrv        theme_names,
                                                   GStrv        authors,
                                                   GError     **error);
int scholia_cli_run_handout (ScholiaCli *cli, int argc, char **argv);
/* Bibliographic references (scholia-cli-references.c). */
int scholia_cli_run_import_references (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_references (ScholiaCli *cli, int argc, char **argv);
/* Sets @document's citation key (@key NULL: keeps it; "" removes it), then fills its empty
 * metadata from the key's reference, or every field it differs in when @replace, saying what
 * it filled and what it kept. */
gboolean scholia_cli_set_citation_key (ScholiaCli *cli, ScholiaDocument *document, const char *key, gboolean replace,
                                       GError **error);

/* Seminars (issue 14). The seminar @document is an essay of, or NULL (error set only when the
 * store failed). */
ScholiaSeminar *scholia_cli_seminar_of_document (ScholiaCli *cli, ScholiaDocument *document, GError **error);
/* Sets on @filter the participants --participant named (NULL: leaves it), in any seminar of the
 * library; "me" is myself, with my annotations not shared yet or outside seminars. */
gboolean scholia_cli_filter_participants (ScholiaCli *cli, ScholiaAnnotationFilter *filter, GStrv names, GError **error);
/* @seconds since the epoch as local "YYYY-MM-DD HH:MM"; "" when it cannot be shown. */
char *scholia_cli_format_time (gint64 seconds);
/* seminar participants, seminar agreement (scholia-cli-seminar-report.c). */
int scholia_cli_run_seminar_participants (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_seminar_agreement (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_reply (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_replies (ScholiaCli *cli, int argc, char **argv);
/* Links between passages (scholia-cli-links.c). */
int scholia_cli_run_link (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_links (ScholiaCli *cli, int argc, char **argv);
int scholia_cli_run_unlink (ScholiaCli *cli, int argc, char **argv);

G_END_DECLS
