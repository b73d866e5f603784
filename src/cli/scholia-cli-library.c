/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "scholia-cli.h"
#include "scholia-cli-table.h"
#include "scholia-store-compact.h"

int
scholia_cli_run_init (ScholiaCli  *cli,
                      int          argc,
                      char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  gboolean existed;
  int status;

  if ((status = scholia_cli_parse (cli, "init", "", NULL, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return scholia_cli_usage_error ("init", _("init takes no arguments"));

  existed = g_file_test (cli->library_path, G_FILE_TEST_EXISTS);
  if (scholia_cli_open_store (cli, TRUE, &error) == NULL)
    return scholia_cli_fail (error);

  display = g_filename_display_name (scholia_store_get_path (cli->store));
  if (existed)
    /* Translators: the library’s file name and the version of its database layout */
    printf (_("The library “%s” is ready (schema version %d)\n"), display,
            scholia_store_get_schema_version (cli->store));
  else
    printf (_("Created the library “%s” (schema version %d)\n"), display,
            scholia_store_get_schema_version (cli->store));
  return SCHOLIA_CLI_OK;
}

static char *
join_names (GListModel *model)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *name = NULL;

      g_object_get (item, "name", &name, NULL);
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

int
scholia_cli_run_info (ScholiaCli  *cli,
                      int          argc,
                      char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *themes = NULL;
  g_autofree char *version = NULL;
  g_autofree char *documents = NULL;
  g_autofree char *authors = NULL;
  g_autofree char *annotations = NULL;
  g_autofree char *tag_summary = NULL;
  g_autofree char *theme_summary = NULL;
  g_autoptr(ScholiaCliTable) table = NULL;
  ScholiaCounts counts;
  int status;

  if ((status = scholia_cli_parse (cli, "info", "", NULL, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return scholia_cli_usage_error ("info", _("info takes no arguments"));

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      !scholia_store_get_counts (cli->store, &counts, &error))
    return scholia_cli_fail (error);

  display = g_filename_display_name (scholia_store_get_path (cli->store));
  tags = join_names (scholia_store_get_labels (cli->store, SCHOLIA_TYPE_TAG));
  themes = join_names (scholia_store_get_labels (cli->store, SCHOLIA_TYPE_THEME));

  version = g_strdup_printf ("%d", scholia_store_get_schema_version (cli->store));
  documents = g_strdup_printf ("%u", counts.documents);
  authors = g_strdup_printf ("%u", counts.authors);
  annotations = g_strdup_printf ("%u", counts.annotations);
  tag_summary = g_strdup_printf ("%u (%s)", counts.tags, tags);
  theme_summary = g_strdup_printf ("%u%s%s%s", counts.themes, counts.themes > 0 ? " (" : "", themes,
                                   counts.themes > 0 ? ")" : "");

  table = scholia_cli_table_new (2);
  scholia_cli_table_set_width (table, 0, 16, 0);
  scholia_cli_table_add_row (table, _("Library:"), display);
  scholia_cli_table_add_row (table, _("Schema version:"), version);
  scholia_cli_table_add_row (table, _("Documents:"), documents);
  scholia_cli_table_add_row (table, _("Authors:"), authors);
  scholia_cli_table_add_row (table, _("Annotations:"), annotations);
  scholia_cli_table_add_row (table, _("Tags:"), tag_summary);
  scholia_cli_table_add_row (table, _("Themes:"), theme_summary);
  scholia_cli_table_print (table, stdout);
  return SCHOLIA_CLI_OK;
}

int
scholia_cli_run_compact (ScholiaCli  *cli,
                         int          argc,
                         char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ScholiaCompactSizes sizes;
  int status;

  if ((status = scholia_cli_parse (cli, "compact", "", entries, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return scholia_cli_usage_error ("compact", _("compact takes no arguments"));

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      !scholia_store_compact (cli->store, &sizes, &error))
    return scholia_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "size_before");
      json_builder_add_int_value (builder, sizes.size_before);
      json_builder_set_member_name (builder, "size_after");
      json_builder_add_int_value (builder, sizes.size_after);
      json_builder_end_object (builder);
      scholia_cli_print_json (builder);
      return SCHOLIA_CLI_OK;
    }

  before = g_format_size (sizes.size_before);
  after = g_format_size (sizes.size_after);
  /* Translators: the library's size on disk before and after compacting, e.g. “560.2 MB” */
  printf (_("Compacted the library: %s before, %s now\n"), before, after);
  return SCHOLIA_CLI_OK;
}

/* The library checked whole with Scholia's SQL functions registered, which the sqlite3 shell
 * lacks (its PRAGMA integrity_check stops at the annotations' computed uuids). Prints "ok", or
 * each problem on a line and exits with 1. Opens nothing else: a damaged library, which the
 * other commands refuse, is what it is for. */
int
scholia_cli_run_check (ScholiaCli  *cli,
                       int          argc,
                       char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  int status;

  if ((status = scholia_cli_parse (cli, "check", "", NULL, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return scholia_cli_usage_error ("check", _("check takes no arguments"));
  if (!g_file_test (cli->library_path, G_FILE_TEST_EXISTS))
    return scholia_cli_open_store (cli, FALSE, &error) == NULL ? scholia_cli_fail (error) : SCHOLIA_CLI_FAILED;

  problems = scholia_store_check_integrity (cli->library_path, &error);
  if (problems == NULL)
    return scholia_cli_fail (error);
  /* SQLite's own word for a whole database, untranslated as the problems it lists are. */
  if (problems[0] == NULL)
    printf ("ok\n");
  for (guint i = 0; problems[i] != NULL; i++)
    printf ("%s\n", problems[i]);
  return problems[0] == NULL ? SCHOLIA_CLI_OK : SCHOLIA_CLI_FAILED;
}
