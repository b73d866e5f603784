/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "scholia-cli.h"
#include "scholia-cli-read-ahead.h"
#include "scholia-cli-table.h"
#include "scholia-import-batch.h"
#include "scholia-language.h"
#include "scholia-library-import.h"

/* Writes the files read so far in one transaction (the full-text index is built once per
 * batch, several times faster than once per file), then prints their lines: a file's line is
 * printed only once its document is committed. */
static gboolean
write_read_files (ScholiaCli             *cli,
                  GPtrArray              *read_files,
                  const ScholiaMetadata  *overrides,
                  int                    *failures,
                  GError                **error)
{
  g_autoptr(GString) lines = g_string_new (NULL);

  if (read_files->len == 0)
    return TRUE;

  if (!scholia_store_begin_import_batch (cli->store, error))
    return FALSE;
  for (guint i = 0; i < read_files->len; i++)
    {
      ScholiaImportRead *read = g_ptr_array_index (read_files, i);
      g_autoptr(GError) file_error = NULL;
      ScholiaDocument *document;

      document = scholia_library_add_imported_with_facts (cli->store, read->imported, read->file,
                                                          overrides, &read->facts, &file_error);
      if (document == NULL)
        {
          scholia_cli_fail (file_error);
          (*failures)++;
          continue;
        }
      g_string_append_printf (lines, "%" G_GINT64_FORMAT "\t%s\n", scholia_document_get_id (document),
                              scholia_document_get_title (document));
    }
  if (!scholia_store_commit_batch (cli->store, error))
    return FALSE;

  g_ptr_array_set_size (read_files, 0);
  fputs (lines->str, stdout);
  fflush (stdout);
  /* The store copies a batch's write-ahead log into the file on a thread of its own, or, when
   * it could not open the library a second time, when its main loop is idle, which a command
   * never is: without this the log grew by the whole import, twice its size. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return TRUE;
}

int
scholia_cli_run_import (ScholiaCli  *cli,
                        int          argc,
                        char       **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *date = NULL;
  g_autofree char *source = NULL;
  int timeout = SCHOLIA_IMPORT_DEFAULT_TIME_LIMIT;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title of the essay (one file only)"), N_("TITLE") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("Author of the essays"), N_("AUTHOR") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date, as free text: 1956, c. 1925, spring 1917"), N_("DATE") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Source or citation"), N_("SOURCE") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Skip a PDF that takes longer than this to read (default 60, 0 for no limit)"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read_files = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_import_read_free);
  g_autoptr(ScholiaCliReadAhead) reader = NULL;
  ScholiaImportRead *read;
  ScholiaMetadata overrides;
  gsize read_bytes = 0;
  int failures = 0;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "import", N_("FILE…"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc < 2)
    return scholia_cli_usage_error ("import", _("Name at least one file to import"));
  if (title != NULL && argc > 2)
    return scholia_cli_usage_error ("import", _("--title applies to one file only"));
  if (timeout < 0)
    return scholia_cli_usage_error ("import", _("--timeout takes a number of seconds, 0 for no limit"));
  scholia_import_set_time_limit (timeout);

  if (scholia_cli_open_store (cli, TRUE, &error) == NULL)
    return scholia_cli_fail (error);

  overrides = (ScholiaMetadata) { title, author, date, source };

  /* Files are read and converted outside any transaction, in a thread ahead of the writer, so
   * that however long a file takes the library stays open to other writers (the GUI); the
   * write lock is taken only to write what was read, in batches of a few megabytes. A bad file
   * is reported, after what was read before it is written, and the rest goes on. */
  reader = scholia_cli_read_ahead_new (argv + 1, argc - 1);
  while ((read = scholia_cli_read_ahead_next (reader)) != NULL)
    {
      if (read->imported == NULL)
        {
          g_autoptr(ScholiaImportRead) unread = read;

          if (!write_read_files (cli, read_files, &overrides, &failures, &error))
            return scholia_cli_fail (error);
          scholia_cli_fail (unread->error);
          failures++;
          continue;
        }

      if (read_files->len == 0)
        read_bytes = 0;
      read_bytes += read->length;
      g_ptr_array_add (read_files, read);
      if (read_bytes >= SCHOLIA_IMPORT_BATCH_BYTES
          && !write_read_files (cli, read_files, &overrides, &failures, &error))
        return scholia_cli_fail (error);
    }

  if (!write_read_files (cli, read_files, &overrides, &failures, &error))
    return scholia_cli_fail (error);

  return failures > 0 ? SCHOLIA_CLI_FAILED : SCHOLIA_CLI_OK;
}

static void
add_document_members (JsonBuilder     *builder,
                      ScholiaDocument *document)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, scholia_document_get_id (document));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, scholia_document_get_uuid (document));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, scholia_document_get_title (document));
  json_builder_set_member_name (builder, "author");
  json_builder_add_string_value (builder, scholia_document_get_author (document));
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, scholia_document_get_date (document));
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, scholia_document_get_source (document));
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, scholia_document_get_language (document));
  json_builder_set_member_name (builder, "citation_key");
  json_builder_add_string_value (builder, scholia_document_get_citation_key (document));
  json_builder_set_member_name (builder, "characters");
  json_builder_add_int_value (builder, scholia_document_get_characters (document));
  json_builder_set_member_name (builder, "annotations");
  json_builder_add_int_value (builder, scholia_document_get_annotation_count (document));
}

int
scholia_cli_run_list (ScholiaCli  *cli,
                      int          argc,
                      char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  static const int widths[] = { 5, 40, 24, 12, 10 };
  g_autoptr(ScholiaCliTable) table = NULL;
  GListModel *documents;
  guint n;
  int status;

  if ((status = scholia_cli_parse (cli, "list", "", entries, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return scholia_cli_usage_error ("list", _("list takes no arguments"));
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL)
    return scholia_cli_fail (error);

  documents = scholia_store_get_documents (cli->store);
  n = g_list_model_get_n_items (documents);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

          json_builder_begin_object (builder);
          add_document_members (builder, document);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      scholia_cli_print_json (builder);
      return SCHOLIA_CLI_OK;
    }

  /* Fixed columns, wide enough for most titles and authors, so that the list reads the same
   * from one library to the next; longer ones are cut. */
  table = scholia_cli_table_new (G_N_ELEMENTS (widths) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    scholia_cli_table_set_width (table, i, widths[i], widths[i]);
  scholia_cli_table_add_row (table, _("ID"), _("Title"), _("Author"), _("Date"), _("Characters"), _("Annotations"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, scholia_document_get_id (document));
      g_autofree char *characters = g_strdup_printf ("%" G_GINT64_FORMAT, scholia_document_get_characters (document));

      g_autofree char *annotations = g_strdup_printf ("%u", scholia_document_get_annotation_count (document));

      scholia_cli_table_add_row (table, id, scholia_document_get_title (document),
                                 scholia_document_get_author (document), scholia_document_get_date (document),
                                 characters, annotations);
    }
  scholia_cli_table_print (table, stdout);

  return SCHOLIA_CLI_OK;
}

static ScholiaDocument *
find_document (ScholiaCli  *cli,
               const char  *id_or_title,
               GError     **error)
{
  if (scholia_cli_open_store (cli, FALSE, error) == NULL)
    return NULL;
  return scholia_store_find_document (cli->store, id_or_title, error);
}

int
scholia_cli_run_show (ScholiaCli  *cli,
                      int          argc,
                      char       **argv)
{
  gboolean text_only = FALSE;
  const GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_NONE, &text_only, N_("Print the document’s text only"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autofree char *added_text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *language = NULL;
  g_autofree char *characters = NULL;
  g_autofree char *annotations = NULL;
  g_autoptr(ScholiaCliTable) table = NULL;
  ScholiaDocument *document;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "show", N_("DOC"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("show", _("Name one document by id or title"));

  document = find_document (cli, argv[1], &error);
  if (document == NULL)
    return scholia_cli_fail (error);

  if (text_only)
    {
      g_autofree char *text = scholia_store_load_text (cli->store, document, &error);

      if (text == NULL)
        return scholia_cli_fail (error);
      fputs (text, stdout);
      if (!g_str_has_suffix (text, "\n"))
        fputc ('\n', stdout);
      return SCHOLIA_CLI_OK;
    }

  pages = scholia_store_load_pages (cli->store, document, &error);
  if (pages == NULL)
    return scholia_cli_fail (error);
  added_text = scholia_cli_format_time (scholia_document_get_created (document));

  id = g_strdup_printf ("%" G_GINT64_FORMAT, scholia_document_get_id (document));
  language = g_strdup_printf ("%s (%s)", scholia_language_get_name (scholia_document_get_language (document)),
                              scholia_document_get_language (document));
  characters = g_strdup_printf ("%" G_GINT64_FORMAT, scholia_document_get_characters (document));
  annotations = g_strdup_printf ("%u", scholia_document_get_annotation_count (document));

  table = scholia_cli_table_new (2);
  scholia_cli_table_set_width (table, 0, 13, 0);
  scholia_cli_table_add_row (table, _("ID:"), id);
  scholia_cli_table_add_row (table, _("Title:"), scholia_document_get_title (document));
  scholia_cli_table_add_row (table, _("Author:"), scholia_document_get_author (document));
  scholia_cli_table_add_row (table, _("Date:"), scholia_document_get_date (document));
  /* Translators: a field of an essay: where it was published or found (a noun) */
  scholia_cli_table_add_row (table, _("Source:"), scholia_document_get_source (document));
  if (*scholia_document_get_citation_key (document) != '\0')
    scholia_cli_table_add_row (table, _("Citation key:"), scholia_document_get_citation_key (document));
  scholia_cli_table_add_row (table, _("Language:"), language);
  scholia_cli_table_add_row (table, _("Characters:"), characters);
  scholia_cli_table_add_row (table, _("Annotations:"), annotations);
  if (pages->len > 0)
    {
      g_autofree char *range = g_strdup_printf ("%s–%s", g_array_index (pages, ScholiaPageRange, 0).label,
                                                g_array_index (pages, ScholiaPageRange, pages->len - 1).label);

      scholia_cli_table_add_row (table, _("Pages:"), range);
    }
  scholia_cli_table_add_row (table, _("Added:"), added_text);
  scholia_cli_table_add_row (table, _("UUID:"), scholia_document_get_uuid (document));
  scholia_cli_table_print (table, stdout);
  return SCHOLIA_CLI_OK;
}

int
scholia_cli_run_edit (ScholiaCli  *cli,
                      int          argc,
                      char       **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *date = NULL;
  g_autofree char *source = NULL;
  g_autofree char *language = NULL;
  g_autofree char *key = NULL;
  gboolean fill_from_reference = FALSE;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("New title"), N_("TITLE") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("New author (\"\" for none)"), N_("AUTHOR") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("New date, as free text"), N_("DATE") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("New source or citation"), N_("SOURCE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("The language search stems its words in, as a code: en, de, fr…"), N_("CODE") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key,
      N_("The citation key of its reference (\"\" for none); its empty fields are filled from the reference"),
      N_("KEY") },
    { "fill-from-reference", 0, 0, G_OPTION_ARG_NONE, &fill_from_reference,
      N_("Fill every field from the reference, replacing what it holds"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "edit", N_("DOC"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("edit", _("Name one document by id or title"));
  if (title == NULL && author == NULL && date == NULL && source == NULL && language == NULL && key == NULL &&
      !fill_from_reference)
    return scholia_cli_usage_error ("edit", _("Give at least one of --title, --author, --date, --source, --language, --key"));

  /* The language first: a code it does not know leaves the document as it was. */
  document = find_document (cli, argv[1], &error);
  if (document == NULL ||
      (language != NULL && !scholia_store_set_document_language (cli->store, document, language, &error)) ||
      ((title != NULL || author != NULL || date != NULL || source != NULL) &&
       !scholia_store_update_document (cli->store, document, title, author, date, source, &error)) ||
      ((key != NULL || fill_from_reference) &&
       !scholia_cli_set_citation_key (cli, document, key, fill_from_reference, &error)))
    return scholia_cli_fail (error);

  printf ("%" G_GINT64_FORMAT "\t%s\n", scholia_document_get_id (document),
          scholia_document_get_title (document));
  return SCHOLIA_CLI_OK;
}

int
scholia_cli_run_delete (ScholiaCli  *cli,
                        int          argc,
                        char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  ScholiaDocument *document;
  guint annotations;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "delete", N_("DOC"), NULL, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("delete", _("Name one document by id or title"));

  document = find_document (cli, argv[1], &error);
  if (document == NULL)
    return scholia_cli_fail (error);

  title = g_strdup (scholia_document_get_title (document));
  annotations = scholia_document_get_annotation_count (document);
  if (!scholia_store_delete_document (cli->store, document, &error))
    return scholia_cli_fail (error);

  printf (g_dngettext (GETTEXT_PACKAGE, "Deleted “%s” and its %u annotation\n",
                       "Deleted “%s” and its %u annotations\n", annotations),
          title, annotations);
  return SCHOLIA_CLI_OK;
}
