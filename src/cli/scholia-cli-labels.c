/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "scholia-cli.h"

/* `tags`/`tag …` and `themes`/`theme …` are the same commands over two kinds of label; each
 * kind supplies its store calls through this table. */
typedef struct
{
  const char *command;
  GListModel *(*list)        (ScholiaStore *store);
  GObject    *(*find)        (ScholiaStore *store, const char *name, GError **error);
  GObject    *(*add)         (ScholiaStore *store, const char *name, const char *colour,
                              const char *description, GError **error);
  gboolean    (*update)      (ScholiaStore *store, GObject *label, const char *name,
                              const char *colour, const char *description, GError **error);
  gboolean    (*merge)       (ScholiaStore *store, GObject *from, GObject *into, GError **error);
  gboolean    (*remove)      (ScholiaStore *store, GObject *label, GError **error);
  GArray     *(*annotations) (ScholiaStore *store, GObject *label, GError **error);
  /* The annotation's labels of this kind, and setting them. */
  const gint64 *(*get_ids)   (ScholiaAnnotation *annotation, guint *n_ids);
  gboolean    (*set_ids)     (ScholiaStore *store, ScholiaAnnotation *annotation, const gint64 *ids,
                              guint n_ids, GError **error);
} LabelKind;

static GObject *
find_tag (ScholiaStore *store, const char *name, GError **error)
{
  return G_OBJECT (scholia_store_find_tag (store, name, error));
}

static GObject *
add_tag (ScholiaStore *store, const char *name, const char *colour, const char *description, GError **error)
{
  return G_OBJECT (scholia_store_add_tag (store, name, colour, description, error));
}

static gboolean
update_tag (ScholiaStore *store, GObject *label, const char *name, const char *colour,
            const char *description, GError **error)
{
  return scholia_store_update_tag (store, SCHOLIA_TAG (label), name, colour, description, error);
}

static gboolean
merge_tags (ScholiaStore *store, GObject *from, GObject *into, GError **error)
{
  return scholia_store_merge_tags (store, SCHOLIA_TAG (from), SCHOLIA_TAG (into), error);
}

static gboolean
delete_tag (ScholiaStore *store, GObject *label, GError **error)
{
  return scholia_store_delete_tag (store, SCHOLIA_TAG (label), error);
}

static GArray *
tag_annotations (ScholiaStore *store, GObject *label, GError **error)
{
  return scholia_store_get_tag_annotation_ids (store, SCHOLIA_TAG (label), error);
}

static GObject *
find_theme (ScholiaStore *store, const char *name, GError **error)
{
  return G_OBJECT (scholia_store_find_theme (store, name, error));
}

static GObject *
add_theme (ScholiaStore *store, const char *name, const char *colour, const char *description, GError **error)
{
  return G_OBJECT (scholia_store_add_theme (store, name, colour, description, error));
}

static gboolean
update_theme (ScholiaStore *store, GObject *label, const char *name, const char *colour,
              const char *description, GError **error)
{
  return scholia_store_update_theme (store, SCHOLIA_THEME (label), name, colour, description, error);
}

static gboolean
merge_themes (ScholiaStore *store, GObject *from, GObject *into, GError **error)
{
  return scholia_store_merge_themes (store, SCHOLIA_THEME (from), SCHOLIA_THEME (into), error);
}

static gboolean
delete_theme (ScholiaStore *store, GObject *label, GError **error)
{
  return scholia_store_delete_theme (store, SCHOLIA_THEME (label), error);
}

static GArray *
theme_annotations (ScholiaStore *store, GObject *label, GError **error)
{
  return scholia_store_get_theme_annotation_ids (store, SCHOLIA_THEME (label), error);
}

static const LabelKind tag_kind = {
  "tag", scholia_store_get_tags, find_tag, add_tag, update_tag, merge_tags, delete_tag, tag_annotations,
  scholia_annotation_get_tag_ids, scholia_store_set_annotation_tags,
};

static const LabelKind theme_kind = {
  "theme", scholia_store_get_themes, find_theme, add_theme, update_theme, merge_themes, delete_theme,
  theme_annotations, scholia_annotation_get_theme_ids, scholia_store_set_annotation_themes,
};

static gint64
label_id (GObject *label)
{
  gint64 id;

  g_object_get (label, "id", &id, NULL);
  return id;
}

/* assign ID NAME / unassign ID NAME: puts the label on one annotation or takes it off. */
static int
assign_label (ScholiaCli       *cli,
              const LabelKind  *kind,
              const char       *annotation_arg,
              const char       *name,
              gboolean          assign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const gint64 *current;
  GObject *label;
  char *end = NULL;
  gint64 annotation_id = g_ascii_strtoll (annotation_arg, &end, 10);
  gint64 id;
  guint n_current;

  if (end == annotation_arg || *end != '\0' || annotation_id <= 0)
    return scholia_cli_usage_error (kind->command, _("An annotation id is a whole number"));

  if ((label = kind->find (cli->store, name, &error)) == NULL ||
      (annotation = scholia_store_get_annotation (cli->store, annotation_id, &error)) == NULL)
    return scholia_cli_fail (error);

  id = label_id (label);
  current = kind->get_ids (annotation, &n_current);
  for (guint i = 0; i < n_current; i++)
    if (current[i] != id)
      g_array_append_val (ids, current[i]);
  if (assign)
    g_array_append_val (ids, id);

  if (!kind->set_ids (cli->store, annotation, (gint64 *) ids->data, ids->len, &error))
    return scholia_cli_fail (error);
  return SCHOLIA_CLI_OK;
}

static char *
label_string (GObject    *label,
              const char *property)
{
  char *value = NULL;

  g_object_get (label, property, &value, NULL);
  return value;
}

static int
list_labels (ScholiaCli       *cli,
             const LabelKind  *kind,
             const char       *command,
             int               argc,
             char            **argv)
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

  labels = kind->list (cli->store);
  n = g_list_model_get_n_items (labels);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) label = g_list_model_get_item (labels, i);
      g_autoptr(GArray) uses = kind->annotations (cli->store, label, &error);
      g_autofree char *name = label_string (label, "name");
      g_autofree char *colour = label_string (label, "colour");
      g_autofree char *description = label_string (label, "description");

      if (uses == NULL)
        return scholia_cli_fail (error);

      if (!json)
        {
          printf ("%s\t%s\t%u\t%s\n", name, colour, uses->len, description);
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
      json_builder_add_int_value (builder, uses->len);
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
edit_labels (ScholiaCli       *cli,
             const LabelKind  *kind,
             int               argc,
             char            **argv)
{
  g_autofree char *colour = NULL;
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "colour", 0, 0, G_OPTION_ARG_STRING, &colour, N_("Colour as #rrggbb (add)"), N_("COLOUR") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What it marks (add)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = g_strdup_printf ("add NAME | rename OLD NEW | recolour NAME COLOUR | "
                                                 "describe NAME TEXT | merge FROM INTO | delete NAME | "
                                                 "assign ID NAME | unassign ID NAME");
  GObject *label = NULL;
  const char *verb;
  int status;

  if ((status = scholia_cli_parse (cli, kind->command, parameters, entries, &argc, &argv)) >= 0)
    return status;
  if (argc < 3)
    return scholia_cli_usage_error (kind->command, _("Say what to do: add, rename, recolour, describe, merge, delete, assign or unassign"));

  verb = argv[1];
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL)
    return scholia_cli_fail (error);

  if (g_str_equal (verb, "add") && argc == 3)
    {
      if (kind->add (cli->store, argv[2], colour, description, &error) == NULL)
        return scholia_cli_fail (error);
      return SCHOLIA_CLI_OK;
    }

  if ((g_str_equal (verb, "rename") || g_str_equal (verb, "recolour") ||
       g_str_equal (verb, "describe") || g_str_equal (verb, "merge")) && argc == 4)
    {
      const char *value = argv[3];

      if ((label = kind->find (cli->store, argv[2], &error)) == NULL)
        return scholia_cli_fail (error);

      if (g_str_equal (verb, "merge"))
        {
          GObject *into = kind->find (cli->store, value, &error);

          if (into == NULL || !kind->merge (cli->store, label, into, &error))
            return scholia_cli_fail (error);
          return SCHOLIA_CLI_OK;
        }

      if (!kind->update (cli->store, label,
                         g_str_equal (verb, "rename") ? value : NULL,
                         g_str_equal (verb, "recolour") ? value : NULL,
                         g_str_equal (verb, "describe") ? value : NULL,
                         &error))
        return scholia_cli_fail (error);
      return SCHOLIA_CLI_OK;
    }

  if ((g_str_equal (verb, "assign") || g_str_equal (verb, "unassign")) && argc == 4)
    return assign_label (cli, kind, argv[2], argv[3], g_str_equal (verb, "assign"));

  if (g_str_equal (verb, "delete") && argc == 3)
    {
      g_autoptr(GArray) uses = NULL;
      g_autofree char *name = NULL;

      if ((label = kind->find (cli->store, argv[2], &error)) == NULL ||
          (uses = kind->annotations (cli->store, label, &error)) == NULL)
        return scholia_cli_fail (error);
      name = label_string (label, "name");
      if (!kind->remove (cli->store, label, &error))
        return scholia_cli_fail (error);
      printf (g_dngettext (GETTEXT_PACKAGE, "Deleted “%s”, which %u annotation carried\n",
                           "Deleted “%s”, which %u annotations carried\n", uses->len),
              name, uses->len);
      return SCHOLIA_CLI_OK;
    }

  return scholia_cli_usage_error (kind->command, _("Unknown action or wrong number of arguments"));
}

int
scholia_cli_run_tags (ScholiaCli  *cli,
                      int          argc,
                      char       **argv)
{
  return list_labels (cli, &tag_kind, "tags", argc, argv);
}

int
scholia_cli_run_tag (ScholiaCli  *cli,
                     int          argc,
                     char       **argv)
{
  return edit_labels (cli, &tag_kind, argc, argv);
}

int
scholia_cli_run_themes (ScholiaCli  *cli,
                        int          argc,
                        char       **argv)
{
  return list_labels (cli, &theme_kind, "themes", argc, argv);
}

int
scholia_cli_run_theme (ScholiaCli  *cli,
                       int          argc,
                       char       **argv)
{
  return edit_labels (cli, &theme_kind, argc, argv);
}
