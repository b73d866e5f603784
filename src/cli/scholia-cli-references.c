/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "scholia-cli.h"
#include "scholia-error.h"
#include "scholia-library-import.h"
#include "scholia-reference-file.h"
#include "scholia-reference-fill.h"
#include "scholia-store-references.h"

/* Bibliographic references on the command line (issue 15): import-references, references, and
 * edit --key (through scholia-cli-documents.c). What an import left out goes to standard
 * error, one line each, after the counts. Exit status: 0 when every entry was imported, 3 when
 * some were (the others listed), 1 when the file was refused or none could be imported, and
 * then the library is as it was. */

static void
print_problems (const char *path,
                GPtrArray  *skipped,
                GPtrArray  *duplicates)
{
  for (guint i = 0; i < skipped->len; i++)
    {
      ScholiaReferenceProblem *problem = g_ptr_array_index (skipped, i);

      if (*problem->key != '\0')
        /* Translators: the file’s name, a line number, the citation key and the reason; keep
         * “scholia-cli” */
        fprintf (stderr, _("scholia-cli: %s: line %u: “%s” skipped: %s\n"), path, problem->line, problem->key,
                 problem->reason);
      else
        fprintf (stderr, _("scholia-cli: %s: line %u: skipped: %s\n"), path, problem->line, problem->reason);
    }
  for (guint i = 0; i < duplicates->len; i++)
    {
      ScholiaReferenceProblem *problem = g_ptr_array_index (duplicates, i);

      fprintf (stderr, _("scholia-cli: %s: line %u: duplicate key “%s”: %s\n"), path, problem->line, problem->key,
               problem->reason);
    }
}

static void
add_problems (JsonBuilder *builder,
              const char  *member,
              GPtrArray   *problems)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      ScholiaReferenceProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, problem->line);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, problem->key);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, problem->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_keys (JsonBuilder *builder,
          const char  *member,
          GPtrArray   *keys)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < keys->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (keys, i));
  json_builder_end_array (builder);
}

/* The attached file's path, relative ones read from the folder of the file of references. */
static GFile *
attached_file (GFile            *references_file,
               ScholiaReference *reference)
{
  const char *path = scholia_reference_get (reference, SCHOLIA_REFERENCE_FILE);
  g_autoptr(GFile) folder = g_file_get_parent (references_file);

  if (g_path_is_absolute (path) || folder == NULL)
    return g_file_new_for_path (path);
  return g_file_resolve_relative_path (folder, path);
}

/* Imports each reference's attached file as an essay with its key and metadata; one that is
 * missing or cannot be read is reported and the rest go on. Returns how many failed. */
static guint
import_attached_files (ScholiaCli   *cli,
                       GFile        *references_file,
                       GPtrArray    *references,
                       JsonBuilder  *builder)
{
  guint failures = 0;

  if (builder != NULL)
    {
      json_builder_set_member_name (builder, "files");
      json_builder_begin_array (builder);
    }
  for (guint i = 0; i < references->len; i++)
    {
      ScholiaReference *reference = g_ptr_array_index (references, i);
      const char *key = scholia_reference_get_key (reference);
      g_autoptr(GPtrArray) holders = NULL;
      g_autoptr(ScholiaReferenceFill) fill = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = NULL;
      ScholiaDocument *document = NULL;
      ScholiaMetadata metadata;

      if (!scholia_reference_has (reference, SCHOLIA_REFERENCE_FILE))
        continue;
      /* Imported already: re-importing the references must not add the essay twice. */
      holders = scholia_store_find_documents_by_citation_key (cli->store, key);
      if (holders->len > 0)
        continue;

      fill = scholia_reference_fill_new (reference);
      metadata = (ScholiaMetadata) {
        .title = *fill->values[SCHOLIA_FILL_TITLE] != '\0' ? fill->values[SCHOLIA_FILL_TITLE] : NULL,
        .author = *fill->values[SCHOLIA_FILL_AUTHOR] != '\0' ? fill->values[SCHOLIA_FILL_AUTHOR] : NULL,
        .date = fill->values[SCHOLIA_FILL_DATE],
        .source = fill->values[SCHOLIA_FILL_SOURCE],
      };
      file = attached_file (references_file, reference);
      shown = g_file_get_parse_name (file);
      document = scholia_library_import_file (cli->store, file, &metadata, NULL, &error);
      if (document != NULL &&
          (!scholia_store_set_document_citation_key (cli->store, document, key, &error) ||
           (*fill->author_sort_key != '\0' &&
            !scholia_store_set_author_sort_key (cli->store, scholia_document_get_author (document),
                                                fill->author_sort_key, &error))))
        document = NULL;

      if (document == NULL)
        {
          failures++;
          fprintf (stderr, _("scholia-cli: “%s”: its file %s was not imported: %s\n"), key, shown, error->message);
        }
      else if (builder == NULL)
        /* Translators: the citation key, the new essay’s id, a tab and its title */
        printf (_("Imported the file of “%s” as %lld\t%s\n"), key,
                (long long) scholia_document_get_id (document), scholia_document_get_title (document));

      if (builder != NULL)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, key);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, shown);
          if (document != NULL)
            {
              json_builder_set_member_name (builder, "document");
              json_builder_add_int_value (builder, scholia_document_get_id (document));
            }
          else
            {
              json_builder_set_member_name (builder, "error");
              json_builder_add_string_value (builder, error->message);
            }
          json_builder_end_object (builder);
        }
    }
  if (builder != NULL)
    json_builder_end_array (builder);
  return failures;
}

int
scholia_cli_run_import_references (ScholiaCli  *cli,
                                   int          argc,
                                   char       **argv)
{
  gboolean json = FALSE;
  gboolean with_files = FALSE;
  const GOptionEntry entries[] = {
    { "with-files", 0, 0, G_OPTION_ARG_NONE, &with_files,
      N_("Import each reference’s attached file as an essay, with its key and metadata"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ScholiaReferenceFile) read = NULL;
  g_autoptr(ScholiaReferenceChanges) changes = scholia_reference_changes_new ();
  g_autoptr(JsonBuilder) builder = NULL;
  guint file_failures = 0;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "import-references", N_("FILE.json|FILE.bib"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("import-references", _("Name one file of references (CSL JSON or BibTeX)"));

  /* Read before the library is opened: a refused file leaves it untouched, not even created. */
  file = g_file_new_for_commandline_arg (argv[1]);
  read = scholia_reference_file_load (file, NULL, &error);
  if (read == NULL)
    return scholia_cli_fail (error);
  if (read->references->len == 0)
    {
      print_problems (argv[1], read->skipped, read->duplicates);
      g_set_error (&error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID, _("%s holds no reference that could be imported"),
                   argv[1]);
      return scholia_cli_fail (error);
    }
  if (scholia_cli_open_store (cli, TRUE, &error) == NULL ||
      !scholia_store_import_references (cli->store, read->references, changes, &error))
    return scholia_cli_fail (error);

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      add_keys (builder, "added", changes->added);
      add_keys (builder, "updated", changes->updated);
      add_keys (builder, "unchanged", changes->unchanged);
      add_problems (builder, "skipped", read->skipped);
      add_problems (builder, "duplicates", read->duplicates);
    }
  else
    {
      printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u reference: ", "Imported %u references: ",
                           read->references->len), read->references->len);
      /* Translators: after "Imported 40 references: ", a tally of counts after labels, so that
       * no word has to agree with a number; "keys" are citation keys. */
      printf (_("new: %u, updated: %u, unchanged: %u, skipped: %u, duplicate keys: %u\n"),
              changes->added->len, changes->updated->len, changes->unchanged->len, read->skipped->len,
              read->duplicates->len);
      for (guint i = 0; i < changes->updated->len; i++)
        printf (_("Updated “%s”: the library held it with other fields\n"),
                (const char *) g_ptr_array_index (changes->updated, i));
    }

  if (with_files)
    file_failures = import_attached_files (cli, file, read->references, builder);

  if (json)
    {
      json_builder_end_object (builder);
      scholia_cli_print_json (builder);
    }
  print_problems (argv[1], read->skipped, read->duplicates);
  return read->skipped->len > 0 || read->duplicates->len > 0 || file_failures > 0 ? SCHOLIA_CLI_PARTIAL
                                                                                  : SCHOLIA_CLI_OK;
}

static char *
format_authors_short (ScholiaReference *reference)
{
  g_autoptr(ScholiaReferenceFill) fill = scholia_reference_fill_new (reference);

  return g_strdup (fill->values[SCHOLIA_FILL_AUTHOR]);
}

int
scholia_cli_run_references (ScholiaCli  *cli,
                            int          argc,
                            char       **argv)
{
  gboolean json = FALSE;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *query = NULL;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "references", N_("[SEARCH]"), entries, &argc, &argv)) >= 0)
    return status;
  if (limit < 0)
    return scholia_cli_usage_error ("references", _("--limit takes a number of references, 1 or more"));
  query = g_strjoinv (" ", argv + 1);
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (found = scholia_store_search_references (cli->store, query, (guint) limit, &error)) == NULL)
    return scholia_cli_fail (error);

  if (json)
    builder = json_builder_new ();
  if (json)
    json_builder_begin_array (builder);
  for (guint i = 0; i < found->len; i++)
    {
      ScholiaReference *reference = g_ptr_array_index (found, i);
      g_autofree char *authors = format_authors_short (reference);
      g_autofree char *year = scholia_reference_dup_year (reference);
      g_autoptr(GPtrArray) holders = scholia_store_find_documents_by_citation_key (cli->store,
                                                                                   scholia_reference_get_key (reference));

      if (!json)
        {
          printf ("%s\t%s%s%s%s\t%s\n", scholia_reference_get_key (reference), authors,
                  *year != '\0' ? " (" : "", year, *year != '\0' ? ")" : "",
                  scholia_reference_get (reference, SCHOLIA_REFERENCE_TITLE));
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, scholia_reference_get_key (reference));
      for (guint f = 0; f < SCHOLIA_REFERENCE_N_FIELDS; f++)
        if (scholia_reference_has (reference, f))
          {
            json_builder_set_member_name (builder, scholia_reference_field_get_name (f));
            json_builder_add_string_value (builder, scholia_reference_get (reference, f));
          }
      json_builder_set_member_name (builder, "authors");
      json_builder_add_string_value (builder, authors);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, scholia_reference_get_source (reference));
      json_builder_set_member_name (builder, "documents");
      json_builder_begin_array (builder);
      for (guint d = 0; d < holders->len; d++)
        json_builder_add_int_value (builder, scholia_document_get_id (g_ptr_array_index (holders, d)));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  if (json)
    {
      json_builder_end_array (builder);
      scholia_cli_print_json (builder);
    }
  return SCHOLIA_CLI_OK;
}

gboolean
scholia_cli_set_citation_key (ScholiaCli       *cli,
                              ScholiaDocument  *document,
                              const char       *key,
                              gboolean          replace,
                              GError          **error)
{
  g_autoptr(ScholiaReference) reference = NULL;
  g_autoptr(ScholiaReferenceFill) fill = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *values[SCHOLIA_FILL_N_FIELDS] = { NULL };
  gboolean any = FALSE;

  if (key != NULL && !scholia_store_set_document_citation_key (cli->store, document, key, error))
    return FALSE;
  if (*scholia_document_get_citation_key (document) == '\0')
    return TRUE;

  reference = scholia_store_get_document_reference (cli->store, document, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (reference == NULL)
    {
      fprintf (stderr, _("scholia-cli: no reference has the key “%s” yet: import it with import-references to fill the metadata\n"),
               scholia_document_get_citation_key (document));
      return TRUE;
    }

  fill = scholia_reference_fill_new (reference);
  for (guint f = 0; f < SCHOLIA_FILL_N_FIELDS; f++)
    {
      if (scholia_reference_fill_is_free (fill, document, f) ||
          (replace && scholia_reference_fill_replaces (fill, document, f)))
        {
          values[f] = fill->values[f];
          any = TRUE;
          /* Translators: the field (“title”, “author”, “date” or “source”), the citation key and
           * the new value */
          printf (_("Filled the %s from “%s”: %s\n"), scholia_reference_fill_field_name (f),
                  scholia_document_get_citation_key (document), fill->values[f]);
        }
      else if (scholia_reference_fill_replaces (fill, document, f))
        /* Translators: the field (“title”, “author”, “date” or “source”), its value and the
         * reference’s; keep the option --fill-from-reference */
        printf (_("Kept the %s “%s” (the reference has “%s”; add --fill-from-reference to replace it)\n"),
                scholia_reference_fill_field_name (f), scholia_reference_fill_current (document, f),
                fill->values[f]);
    }
  if (!any)
    return TRUE;
  if (!scholia_store_update_document (cli->store, document, values[SCHOLIA_FILL_TITLE], values[SCHOLIA_FILL_AUTHOR],
                                      values[SCHOLIA_FILL_DATE], values[SCHOLIA_FILL_SOURCE], error))
    return FALSE;
  if (values[SCHOLIA_FILL_AUTHOR] != NULL && *fill->author_sort_key != '\0')
    return scholia_store_set_author_sort_key (cli->store, values[SCHOLIA_FILL_AUTHOR], fill->author_sort_key, error);
  return TRUE;
}
