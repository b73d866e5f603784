/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "scholia-cli.h"

/* `tags`/`tag …` and `themes`/`theme …` are the same commands over the two label types; the
 * type picks the store's list and the command's name. */
static const char *
command_name (GType label_type)
{
  return label_type == SCHOLIA_TYPE_TAG ? "tag" : "theme";
}

/* assign ID NAME / unassign ID NAME: puts the label on one annotation or takes it off. */
static int
assign_label (ScholiaCli  *cli,
              GType        label_type,
              const char  *annotation_arg,
              const char  *name,
              gboolean     assign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  ScholiaLabel *label;
  char *end = NULL;
  gint64 annotation_id = g_ascii_strtoll (annotation_arg, &end, 10);
  gboolean done;

  if (end == annotation_arg || *end != '\0' || annotation_id <= 0)
    return scholia_cli_usage_error (command_name (label_type), _("An annotation id is a whole number"));

  if ((label = scholia_store_find_label (cli->store, label_type, name, &error)) == NULL ||
      (annotation = scholia_store_get_annotation (cli->store, annotation_id, &error)) == NULL)
    return scholia_cli_fail (error);

  done = assign ? scholia_store_assign_label (cli->store, annotation, label, &error)
                : scholia_store_unassign_label (cli->store, annotation, label, &error);
  if (!done)
    return scholia_cli_fail (error);
  return SCHOLIA_CLI_OK;
}

static int
list_labels (ScholiaCli  *cli,
             GType        label_type,
             const char  *command,
             int          argc,
             char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *labels;
  guint n;
  int status;

  if ((status = scholia_cli_parse (cli, command, "", entries, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return scholia_cli_usage_error (command, _("This command takes no arguments"));
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL)
    return scholia_cli_fail (error);

  labels = scholia_store_get_labels (cli->store, label_type);
  n = g_list_model_get_n_items (labels);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (labels, i);
      const char *name = scholia_label_get_name (label);
      const char *colour = scholia_label_get_colour (label);
      const char *description = scholia_label_get_description (label);
      guint uses;

      if (!scholia_store_count_label_annotations (cli->store, label, &uses, &error))
        return scholia_cli_fail (error);

      if (!json)
        {
          printf ("%s\t%s\t%u\t%s\n", name, colour, uses, description);
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "colour");
      json_builder_add_string_value (builder, colour);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, description);
      json_builder_set_member_name (builder, "position");
      json_builder_add_int_value (builder, i);
      json_builder_set_member_name (builder, "annotations");
      json_builder_add_int_value (builder, uses);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (json)
    scholia_cli_print_json (builder);
  return SCHOLIA_CLI_OK;
}

/* tag add NAME [--colour C] [--description D] | rename OLD NEW | recolour NAME COLOUR |
 * describe NAME TEXT | merge FROM INTO | delete NAME */
static int
edit_labels (ScholiaCli  *cli,
             GType        label_type,
             int          argc,
             char       **argv)
{
  g_autofree char *colour = NULL;
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "colour", 0, 0, G_OPTION_ARG_STRING, &colour, N_("Colour as #rrggbb (add)"), N_("COLOUR") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What it marks (add)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  /* Translators: a synopsis (scholia-cli tag --help): translate the placeholders (NAME, OLD,
   * NEW…) and keep the actions (add, rename…) as they are */
  const char *parameters = N_("add NAME | rename OLD NEW | recolour NAME COLOUR | describe NAME TEXT | "
                              "merge FROM INTO | delete NAME | assign ID NAME | unassign ID NAME");
  const char *command = command_name (label_type);
  ScholiaLabel *label = NULL;
  const char *verb;
  int status;

  if ((status = scholia_cli_parse (cli, command, parameters, entries, &argc, &argv)) >= 0)
    return status;
  if (argc < 3)
    return scholia_cli_usage_error (command, _("Say what to do: add, rename, recolour, describe, merge, delete, assign or unassign"));

  verb = argv[1];
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL)
    return scholia_cli_fail (error);

  if (g_str_equal (verb, "add") && argc == 3)
    {
      if (scholia_store_add_label (cli->store, label_type, argv[2], colour, description, &error) == NULL)
        return scholia_cli_fail (error);
      return SCHOLIA_CLI_OK;
    }

  if ((g_str_equal (verb, "rename") || g_str_equal (verb, "recolour") ||
       g_str_equal (verb, "describe") || g_str_equal (verb, "merge")) && argc == 4)
    {
      const char *value = argv[3];

      if ((label = scholia_store_find_label (cli->store, label_type, argv[2], &error)) == NULL)
        return scholia_cli_fail (error);

      if (g_str_equal (verb, "merge"))
        {
          ScholiaLabel *into = scholia_store_find_label (cli->store, label_type, value, &error);

          if (into == NULL || !scholia_store_merge_labels (cli->store, label, into, &error))
            return scholia_cli_fail (error);
          return SCHOLIA_CLI_OK;
        }

      if (!scholia_store_update_label (cli->store, label,
                                       g_str_equal (verb, "rename") ? value : NULL,
                                       g_str_equal (verb, "recolour") ? value : NULL,
                                       g_str_equal (verb, "describe") ? value : NULL,
                                       &error))
        return scholia_cli_fail (error);
      return SCHOLIA_CLI_OK;
    }

  if ((g_str_equal (verb, "assign") || g_str_equal (verb, "unassign")) && argc == 4)
    return assign_label (cli, label_type, argv[2], argv[3], g_str_equal (verb, "assign"));

  if (g_str_equal (verb, "delete") && argc == 3)
    {
      g_autoptr(GArray) uses = NULL;
      g_autofree char *name = NULL;

      if ((label = scholia_store_find_label (cli->store, label_type, argv[2], &error)) == NULL ||
          (uses = scholia_store_get_label_annotation_ids (cli->store, label, &error)) == NULL)
        return scholia_cli_fail (error);
      name = g_strdup (scholia_label_get_name (label));
      if (!scholia_store_delete_label (cli->store, label, &error))
        return scholia_cli_fail (error);
      printf (g_dngettext (GETTEXT_PACKAGE, "Deleted “%s”, which %u annotation carried\n",
                           "Deleted “%s”, which %u annotations carried\n", uses->len),
              name, uses->len);
      return SCHOLIA_CLI_OK;
    }

  return scholia_cli_usage_error (command, _("Unknown action or wrong number of arguments"));
}

/* `tags` and `themes` list; `tag …` and `theme …` edit. */
int
scholia_cli_run_labels (ScholiaCli  *cli,
                        int          argc,
                        char       **argv)
{
  const char *command = argv[0];
  GType label_type = g_str_has_prefix (command, "theme") ? SCHOLIA_TYPE_THEME : SCHOLIA_TYPE_TAG;

  if (g_str_has_suffix (command, "s"))
    return list_labels (cli, label_type, command, argc, argv);
  return edit_labels (cli, label_type, argc, argv);
}
