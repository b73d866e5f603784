/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Links between passages (issue 15, section 4): `link` makes one, `links` lists them (a
 * document's or all), `unlink` removes one. Annotations are named by the ids `annotations`
 * prints, links by the ids `links` prints. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "scholia-cli.h"
#include "scholia-error.h"
#include "scholia-store-links.h"

#define QUOTE_WIDTH 60

/* The whole number @text, or 0 (after a usage error in *@status) when it is none. */
static gint64
parse_id (const char *command,
          const char *text,
          const char *message,
          int        *status)
{
  char *end = NULL;
  gint64 id = g_ascii_strtoll (text, &end, 10);

  if (end == text || *end != '\0' || id <= 0)
    {
      *status = scholia_cli_usage_error (command, message);
      return 0;
    }
  return id;
}

static char *
describe_end (ScholiaLink    *link,
              ScholiaLinkEnd  end)
{
  return scholia_link_describe_end (link, end, QUOTE_WIDTH);
}

/* “…” (A, T) answers “…” (B, U) */
static char *
describe_link (ScholiaLink *link)
{
  g_autofree char *source = describe_end (link, SCHOLIA_LINK_END_SOURCE);
  g_autofree char *target = describe_end (link, SCHOLIA_LINK_END_TARGET);
  g_autofree char *reading = scholia_link_get_reading (link, SCHOLIA_LINK_END_SOURCE);

  return g_strdup_printf ("%s %s %s", source, reading, target);
}

int
scholia_cli_run_link (ScholiaCli  *cli,
                      int          argc,
                      char       **argv)
{
  g_autofree char *type = NULL;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type,
      N_("How the first passage relates to the second: answers, agrees-with, contradicts, same-source, or a word of your own"),
      N_("TYPE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaLink) link = NULL;
  g_autofree char *description = NULL;
  gint64 source_id, target_id;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "link", N_("ID ID --type TYPE"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    return scholia_cli_usage_error ("link", _("Name two annotations by id: first the one that answers, agrees, "
                                              "contradicts or cites, then the other"));
  if (type == NULL)
    return scholia_cli_usage_error ("link", _("Say how they are linked with --type: answers, agrees-with, "
                                              "contradicts, same-source, or a word of your own"));
  if ((source_id = parse_id ("link", argv[1], _("An annotation id is a whole number"), &status)) == 0 ||
      (target_id = parse_id ("link", argv[2], _("An annotation id is a whole number"), &status)) == 0)
    return status;

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (link = scholia_store_add_link (cli->store, source_id, target_id, type, &error)) == NULL)
    return scholia_cli_fail (error);

  description = describe_link (link);
  /* Translators: the link’s id and a description of the two passages it links */
  printf (_("Link %lld: %s\n"), (long long) scholia_link_get_id (link), description);
  return SCHOLIA_CLI_OK;
}

static void
add_end_json (JsonBuilder    *builder,
              ScholiaLink    *link,
              ScholiaLinkEnd  end)
{
  g_autofree char *reading = scholia_link_get_reading (link, end);

  json_builder_set_member_name (builder, end == SCHOLIA_LINK_END_SOURCE ? "source" : "target");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "annotation");
  json_builder_add_int_value (builder, scholia_link_get_annotation_id (link, end));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, scholia_link_get_annotation_uuid (link, end));
  json_builder_set_member_name (builder, "reading");
  json_builder_add_string_value (builder, reading);
  json_builder_set_member_name (builder, "quote");
  json_builder_add_string_value (builder, scholia_link_get_quote (link, end));
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, scholia_link_get_start (link, end));
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, scholia_link_get_end (link, end));
  json_builder_set_member_name (builder, "document");
  json_builder_add_int_value (builder, scholia_link_get_document_id (link, end));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, scholia_link_get_document_title (link, end));
  json_builder_set_member_name (builder, "author");
  json_builder_add_string_value (builder, scholia_link_get_document_author (link, end));
  json_builder_end_object (builder);
}

static void
add_link_json (JsonBuilder *builder,
               ScholiaLink *link)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, scholia_link_get_id (link));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, scholia_link_get_uuid (link));
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, scholia_link_get_link_type (link));
  json_builder_set_member_name (builder, "builtin");
  json_builder_add_boolean_value (builder, scholia_link_type_is_builtin (scholia_link_get_link_type (link)));
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, scholia_link_get_created (link));
  add_end_json (builder, link, SCHOLIA_LINK_END_SOURCE);
  add_end_json (builder, link, SCHOLIA_LINK_END_TARGET);
  json_builder_end_object (builder);
}

int
scholia_cli_run_links (ScholiaCli  *cli,
                       int          argc,
                       char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) links = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  ScholiaDocument *document = NULL;
  guint n;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "links", N_("[DOC] [--json]"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc > 2)
    return scholia_cli_usage_error ("links", _("Name at most one document"));
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (argc == 2 && (document = scholia_store_find_document (cli->store, argv[1], &error)) == NULL))
    return scholia_cli_fail (error);

  links = document != NULL ?
    scholia_store_list_document_links (cli->store, scholia_document_get_id (document), &error) :
    scholia_store_list_links (cli->store, &error);
  if (links == NULL)
    return scholia_cli_fail (error);

  n = g_list_model_get_n_items (links);
  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ScholiaLink) link = g_list_model_get_item (links, i);

          add_link_json (builder, link);
        }
      json_builder_end_array (builder);
      scholia_cli_print_json (builder);
      return SCHOLIA_CLI_OK;
    }

  /* id, source annotation and passage, how it reads, target annotation and passage */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaLink) link = g_list_model_get_item (links, i);
      g_autofree char *source = describe_end (link, SCHOLIA_LINK_END_SOURCE);
      g_autofree char *target = describe_end (link, SCHOLIA_LINK_END_TARGET);
      g_autofree char *reading = scholia_link_get_reading (link, SCHOLIA_LINK_END_SOURCE);

      printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT " %s\t%s\t%" G_GINT64_FORMAT " %s\n",
              scholia_link_get_id (link),
              scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_SOURCE), source, reading,
              scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_TARGET), target);
    }
  return SCHOLIA_CLI_OK;
}

int
scholia_cli_run_unlink (ScholiaCli  *cli,
                        int          argc,
                        char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaLink) link = NULL;
  g_autofree char *description = NULL;
  gint64 id;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "unlink", N_("LINK_ID"), NULL, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("unlink", _("Name one link by the id `links` shows"));
  if ((id = parse_id ("unlink", argv[1], _("A link id is a whole number"), &status)) == 0)
    return status;

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (link = scholia_store_get_link (cli->store, id, &error)) == NULL ||
      !scholia_store_remove_link (cli->store, link, &error))
    return scholia_cli_fail (error);

  description = describe_link (link);
  printf (_("Removed link %lld: %s\n"), (long long) id, description);
  return SCHOLIA_CLI_OK;
}
