/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "scholia-cli.h"
#include "scholia-error.h"
#include "scholia-export-file.h"
#include "scholia-revision.h"
#include "scholia-table-export.h"
#include "scholia-w3c.h"

#define SEARCH_LIMIT 20

/* Writes an export to @path, or to standard output for NULL or "-". A file is replaced whole
 * (see scholia-export-file.h), so a failed export never leaves half a file. */
static gboolean
write_output (const char  *path,
              const char  *data,
              gsize        length,
              GError     **error)
{
  if (path == NULL || g_str_equal (path, "-"))
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO, _("Could not write to standard output"));
          return FALSE;
        }
      return TRUE;
    }

  return scholia_export_file_write (path, data, length, error);
}

gboolean
scholia_cli_export_w3c (ScholiaCli  *cli,
                        GPtrArray   *documents,
                        const char  *creator,
                        const char  *path,
                        GError     **error)
{
  ScholiaW3cExportOptions options = { .creator = creator };
  g_autoptr(JsonNode) root = scholia_w3c_export_full (cli->store, documents, &options, error);
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *data = NULL;
  g_autofree char *line = NULL;

  if (root == NULL)
    return FALSE;
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  line = g_strconcat (data, "\n", NULL);
  return write_output (path, line, strlen (line), error);
}

gboolean
scholia_cli_export_csv (ScholiaCli  *cli,
                        GPtrArray   *documents,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *csv = scholia_table_export_csv (cli->store, documents, error);

  return csv != NULL && write_output (path, csv, strlen (csv), error);
}

gboolean
scholia_cli_export_md (ScholiaCli  *cli,
                       GPtrArray   *documents,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *markdown = scholia_table_export_markdown (cli->store, documents, error);

  return markdown != NULL && write_output (path, markdown, strlen (markdown), error);
}

gboolean
scholia_cli_export_theme_md (ScholiaCli    *cli,
                             ScholiaTheme  *theme,
                             const char    *path,
                             GError       **error)
{
  g_autofree char *markdown = scholia_table_export_theme_markdown (cli->store, theme, error);

  return markdown != NULL && write_output (path, markdown, strlen (markdown), error);
}

int
scholia_cli_run_import_annotations (ScholiaCli  *cli,
                                    int          argc,
                                    char       **argv)
{
  g_autofree char *document_name = NULL;
  gboolean copy_foreign = FALSE;
  const GOptionEntry entries[] = {
    { "document", 0, 0, G_OPTION_ARG_STRING, &document_name,
      N_("Put the annotations on this document, whatever their target says; one whose passage "
         "is not in it goes to the document its target names, or is skipped"), N_("DOC") },
    { "copy-foreign", 0, 0, G_OPTION_ARG_NONE, &copy_foreign,
      N_("Copy annotations that belong to another essay as new ones"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *foreign = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *rejected = NULL;
  g_auto(GStrv) lines = NULL;
  guint replaced_count = 0;
  ScholiaDocument *document = NULL;
  g_auto(ScholiaW3cSummary) summary = { 0 };
  gboolean imported;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "import-annotations", N_("FILE"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("import-annotations", _("Name one W3C Web Annotation file (JSON-LD)"));

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL)
    return scholia_cli_fail (error);
  if (document_name != NULL &&
      (document = scholia_store_find_document (cli->store, document_name, &error)) == NULL)
    return scholia_cli_fail (error);

  /* Read before the write lock is taken, so that a large file never keeps other writers out;
   * then one transaction: new tags, themes and annotations reach the file together or not at
   * all. */
  file = g_file_new_for_commandline_arg (argv[1]);
  root = scholia_w3c_read_file (file, &replaced_count, NULL, &error);
  if (root == NULL || !scholia_store_begin_batch (cli->store, &error))
    return scholia_cli_fail (error);
  imported = scholia_w3c_import_read (cli->store, file, root, replaced_count, document,
                                      copy_foreign ? SCHOLIA_W3C_IMPORT_COPY_FOREIGN
                                                   : SCHOLIA_W3C_IMPORT_DEFAULT,
                                      &summary, &error);
  if (!scholia_store_commit_batch (cli->store, imported ? &error : NULL) || !imported)
    return scholia_cli_fail (error);

  printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u annotation: ", "Imported %u annotations: ",
                       summary.exact + summary.reanchored + summary.orphaned),
          summary.exact + summary.reanchored + summary.orphaned);
  /* Translators: after "Imported 12 annotations: ", how many of them landed where: a tally of
   * counts after labels, so that no word has to agree with a number. */
  printf (_("anchored exactly: %u, re-anchored: %u, orphaned: %u, already present: %u\n"),
          summary.exact, summary.reanchored, summary.orphaned, summary.present);
  if (summary.links + summary.links_present > 0)
    printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u link between passages, %u already present\n",
                         "Imported %u links between passages, %u already present\n", summary.links),
            summary.links, summary.links_present);

  foreign = scholia_w3c_describe_foreign (cli->store, &summary);
  if (foreign != NULL && summary.foreign > 0)
    printf ("%s; %s\n", foreign,
            g_dngettext (GETTEXT_PACKAGE, "add --copy-foreign to copy it as a new annotation",
                         "add --copy-foreign to copy them as new annotations", summary.foreign));
  else if (foreign != NULL)
    printf ("%s\n", foreign);
  skipped = scholia_w3c_describe_skipped (&summary, document);
  if (skipped != NULL)
    printf ("%s\n", skipped);
  replaced = scholia_w3c_describe_replaced (&summary);
  if (replaced != NULL)
    fprintf (stderr, "scholia-cli: %s: %s\n", argv[1], replaced);

  /* Each one left out, on a line of its own, so that a script can tell them apart. */
  rejected = scholia_w3c_describe_rejected (&summary);
  if (rejected == NULL)
    return SCHOLIA_CLI_OK;
  lines = g_strsplit (rejected, "\n", -1);
  fprintf (stderr, "scholia-cli: %s: ", argv[1]);
  fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "%u annotation was not imported:\n",
                                "%u annotations were not imported:\n", summary.rejected->len),
           summary.rejected->len);
  for (guint i = 0; lines[i] != NULL; i++)
    fprintf (stderr, "  %s\n", lines[i]);
  return SCHOLIA_CLI_PARTIAL;
}

int
scholia_cli_run_reimport (ScholiaCli  *cli,
                          int          argc,
                          char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ScholiaRevision) revision = NULL;
  ScholiaReanchorSummary summary;
  ScholiaDocument *document;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "reimport", N_("DOC FILE"), NULL, &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    return scholia_cli_usage_error ("reimport", _("Name one document and the file of its revised text"));

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (document = scholia_store_find_document (cli->store, argv[1], &error)) == NULL)
    return scholia_cli_fail (error);

  file = g_file_new_for_commandline_arg (argv[2]);
  revision = scholia_revision_replace_text (cli->store, document, file, &summary, NULL, &error);
  if (revision == NULL)
    return scholia_cli_fail (error);

  /* Translators: the essay's title, then a tally of its annotations: counts after labels, so
   * that no word has to agree with a number. "Orphaned": no longer found in the text. */
  printf (_("Replaced the text of “%s”: annotations moved exactly: %u, moved fuzzily: %u, orphaned: %u"),
          scholia_document_get_title (document), summary.unchanged + summary.moved, summary.fuzzy,
          summary.orphaned);
  if (summary.still_orphaned > 0)
    printf (g_dngettext (GETTEXT_PACKAGE, " (%u still orphaned)", " (%u still orphaned)", summary.still_orphaned),
            summary.still_orphaned);
  printf ("\n");
  return SCHOLIA_CLI_OK;
}

static void
print_result_json (JsonBuilder         *builder,
                   ScholiaSearchResult *result)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "document");
  json_builder_add_int_value (builder, result->document_id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, result->title);
  json_builder_set_member_name (builder, "author");
  json_builder_add_string_value (builder, result->author);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, result->kind == SCHOLIA_SEARCH_NOTE ? "note" : "text");
  if (result->kind == SCHOLIA_SEARCH_NOTE)
    {
      json_builder_set_member_name (builder, "annotation");
      json_builder_add_int_value (builder, result->annotation_id);
    }
  json_builder_set_member_name (builder, "offset");
  json_builder_add_int_value (builder, result->offset);
  json_builder_set_member_name (builder, "rank");
  json_builder_add_double_value (builder, result->rank);
  json_builder_set_member_name (builder, "snippet");
  json_builder_add_string_value (builder, result->snippet);
  json_builder_set_member_name (builder, "matches");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->matches->len; i++)
    {
      ScholiaSearchRange *range = &g_array_index (result->matches, ScholiaSearchRange, i);

      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, range->start);
      json_builder_add_int_value (builder, range->end);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* The snippet on one line, its matches in bold on a terminal. */
static void
print_snippet (ScholiaSearchResult *result,
               gboolean             bold)
{
  g_autofree char *flat = g_strdup (result->snippet);
  const char *p = flat;
  int offset = 0;
  guint next = 0;

  g_strdelimit (flat, "\n\t", ' ');
  fputs ("    ", stdout);
  for (; *p != '\0'; p = g_utf8_next_char (p), offset++)
    {
      ScholiaSearchRange *range = next < result->matches->len ?
                                  &g_array_index (result->matches, ScholiaSearchRange, next) : NULL;

      if (bold && range != NULL && offset == range->start)
        fputs ("\033[1m", stdout);
      fwrite (p, 1, g_utf8_next_char (p) - p, stdout);
      if (range != NULL && offset + 1 == range->end)
        {
          if (bold)
            fputs ("\033[0m", stdout);
          next++;
        }
    }
  fputs ("\n", stdout);
}

int
scholia_cli_run_search (ScholiaCli  *cli,
                        int          argc,
                        char       **argv)
{
  gboolean json = FALSE;
  gboolean all = FALSE;
  int limit = SEARCH_LIMIT;
  guint n_found = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N results (20)"), N_("N") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Show every result"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *query = NULL;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "search", N_("QUERY"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc < 2)
    return scholia_cli_usage_error ("search", _("Give the words to search for"));
  if (limit < 1)
    return scholia_cli_usage_error ("search", _("--limit must be at least 1"));

  /* Several arguments are one query, as a search box would take them. */
  query = g_strjoinv (" ", argv + 1);
  if (!scholia_search_query_has_words (query))
    {
      g_autofree char *message = g_strdup_printf (_("Nothing to search for in “%s”: give a word"), query);

      return scholia_cli_usage_error ("search", message);
    }
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (results = scholia_store_search_page (cli->store, query, 0, all ? G_MAXUINT : (guint) limit,
                                            SCHOLIA_SEARCH_SNIPPETS_BEST, &n_found, &error)) == NULL)
    return scholia_cli_fail (error);
  /* On stderr, so that the results printed stay the same to a script. */
  if (n_found > results->len)
    /* Translators: after a search's results: how many were shown of how many were found */
    fprintf (stderr, ngettext ("%u of %u result shown: --limit N or --all shows more\n",
                               "%u of %u results shown: --limit N or --all shows more\n", n_found),
             results->len, n_found);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < results->len; i++)
        print_result_json (builder, g_ptr_array_index (results, i));
      json_builder_end_array (builder);
      scholia_cli_print_json (builder);
      return SCHOLIA_CLI_OK;
    }

  for (guint i = 0; i < results->len; i++)
    {
      ScholiaSearchResult *result = g_ptr_array_index (results, i);

      printf ("%" G_GINT64_FORMAT "\t%s", result->document_id, result->title);
      if (*result->author != '\0')
        printf (" — %s", result->author);
      if (result->kind == SCHOLIA_SEARCH_NOTE)
        /* Translators: a search result: a tab, the annotation’s id and the character offset of its
         * passage */
        printf (_("\tnote on annotation %lld at %d\n"), (long long) result->annotation_id, result->offset);
      else if (result->offset >= 0)
        /* Translators: a search result: a tab and the character offset of the match in the essay’s
         * text */
        printf (_("\tat %d\n"), result->offset);
      else
        printf (_("\ttitle\n"));
      print_snippet (result, isatty (fileno (stdout)));
    }
  if (results->len == 0)
    fprintf (stderr, _("Nothing matches “%s”\n"), query);
  return SCHOLIA_CLI_OK;
}
