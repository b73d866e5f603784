/* SPDX-License-Identifier: GPL-3.0-or-later */

/* `scholia-cli seminar create|join|sync|status`: a seminar's folder or WebDAV share from the
 * command line. Passwords never come from the command line: SCHOLIA_WEBDAV_PASSWORD or the
 * keyring (scholia-credentials.h). */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "scholia-cli.h"
#include "scholia-cli-table.h"
#include "scholia-error.h"
#include "scholia-seminar-sync.h"

typedef struct
{
  const char    *name;
  const char    *usage;
  ScholiaCliRun  run;
} ScholiaCliSeminarCommand;

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs the default main context until @result is set by store_result_cb. */
static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* A folder given as a relative path is made absolute: the seminar keeps it. */
static char *
location_from_argument (const char *argument)
{
  if (g_str_has_prefix (argument, "http://") || g_str_has_prefix (argument, "https://") ||
      g_str_has_prefix (argument, "file://"))
    return g_strdup (argument);
  return g_canonicalize_filename (argument, NULL);
}

static void
print_sync_problems (ScholiaSeminar *seminar)
{
  if (*seminar->last_error != '\0')
    fprintf (stderr, _("scholia-cli: the seminar “%s” did not sync: %s\n"), seminar->name, seminar->last_error);
}

static int
run_create (ScholiaCli  *cli,
            int          argc,
            char       **argv)
{
  g_autofree char *folder = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) essays = NULL;
  g_autofree char *instructions = NULL;
  g_autofree char *my_name = NULL;
  g_autofree char *location = NULL;
  gboolean add_tags = FALSE;
  gboolean hide = FALSE;
  const GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder, N_("Make the seminar in this folder (a synced folder works)"), N_("PATH") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("Make the seminar on this WebDAV share (https://NAME@cloud.example.edu/…)"), N_("URL") },
    { "essay", 0, 0, G_OPTION_ARG_STRING_ARRAY, &essays, N_("An essay to read in the seminar (repeat for several)"), N_("DOC") },
    { "instructions", 0, 0, G_OPTION_ARG_STRING, &instructions, N_("What the participants are asked to do"), N_("TEXT") },
    { "participants-add-tags", 0, 0, G_OPTION_ARG_NONE, &add_tags, N_("Let participants add tags"), NULL },
    { "hide-until-posted", 0, 0, G_OPTION_ARG_NONE, &hide, N_("Hide others’ annotations of an essay until a participant has annotated it"), NULL },
    { "my-name", 0, 0, G_OPTION_ARG_STRING, &my_name, N_("Your name as participants see it"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScholiaSeminar) seminar = NULL;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "seminar create", N_("NAME"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("seminar create", _("Name the seminar"));
  if ((folder == NULL) == (url == NULL))
    return scholia_cli_usage_error ("seminar create", _("Give either --folder or --url"));
  location = folder != NULL ? location_from_argument (folder) : g_strdup (url);

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL)
    return scholia_cli_fail (error);
  for (guint i = 0; essays != NULL && essays[i] != NULL; i++)
    {
      ScholiaDocument *document = scholia_store_find_document (cli->store, essays[i], &error);
      gint64 id;

      if (document == NULL)
        return scholia_cli_fail (error);
      id = scholia_document_get_id (document);
      g_array_append_val (ids, id);
    }

  scholia_seminar_create_async (cli->store, argv[1], location, (const gint64 *) ids->data, ids->len, instructions,
                                add_tags, hide, my_name, NULL, store_result_cb, &result);
  wait_for (&result);
  seminar = scholia_seminar_create_finish (cli->store, result, &error);
  if (seminar == NULL)
    return scholia_cli_fail (error);
  printf (ngettext ("Created the seminar “%s” at %s with %u essay.\n",
                    "Created the seminar “%s” at %s with %u essays.\n", ids->len),
          seminar->name, seminar->location, ids->len);
  print_sync_problems (seminar);
  return *seminar->last_error == '\0' ? SCHOLIA_CLI_OK : SCHOLIA_CLI_FAILED;
}

static int
run_join (ScholiaCli  *cli,
          int          argc,
          char       **argv)
{
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Your name as the other participants see it"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(GArray) essays = NULL;
  g_autofree char *location = NULL;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "seminar join", N_("PATH|URL"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("seminar join", _("Give the seminar’s folder or WebDAV address"));
  if (name == NULL || *g_strstrip (name) == '\0')
    return scholia_cli_usage_error ("seminar join", _("Give your name with --name"));
  location = location_from_argument (argv[1]);

  if (scholia_cli_open_store (cli, TRUE, &error) == NULL)
    return scholia_cli_fail (error);
  scholia_seminar_join_async (cli->store, location, name, NULL, store_result_cb, &result);
  wait_for (&result);
  seminar = scholia_seminar_join_finish (cli->store, result, &error);
  if (seminar == NULL || (essays = scholia_store_list_seminar_essays (cli->store, seminar, &error)) == NULL)
    return scholia_cli_fail (error);
  printf (ngettext ("Joined the seminar “%s”: %u essay.\n", "Joined the seminar “%s”: %u essays.\n", essays->len),
          seminar->name, essays->len);
  print_sync_problems (seminar);
  return *seminar->last_error == '\0' ? SCHOLIA_CLI_OK : SCHOLIA_CLI_FAILED;
}

/* The seminar named, or every seminar of the library. */
static GPtrArray *
find_seminars (ScholiaCli  *cli,
               const char  *name,
               GError     **error)
{
  GPtrArray *seminars;
  ScholiaSeminar *seminar;

  if (name == NULL)
    return scholia_store_list_seminars (cli->store, error);
  seminar = scholia_store_find_seminar (cli->store, name, error);
  if (seminar == NULL)
    return NULL;
  seminars = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_seminar_free);
  g_ptr_array_add (seminars, seminar);
  return seminars;
}

static int
run_sync (ScholiaCli  *cli,
          int          argc,
          char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seminars = NULL;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "seminar sync", N_("[NAME]"), NULL, &argc, &argv)) >= 0)
    return status;
  if (argc > 2)
    return scholia_cli_usage_error ("seminar sync", _("Name one seminar, or none to sync them all"));
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (seminars = find_seminars (cli, argc == 2 ? argv[1] : NULL, &error)) == NULL)
    return scholia_cli_fail (error);

  status = SCHOLIA_CLI_OK;
  for (guint i = 0; i < seminars->len; i++)
    {
      ScholiaSeminar *seminar = g_ptr_array_index (seminars, i);
      g_autoptr(ScholiaSeminarSync) sync = scholia_seminar_sync_new (cli->store, seminar);
      g_autoptr(GError) sync_error = NULL;
      GPtrArray *problems;

      if (!scholia_seminar_sync_run (sync, NULL, &sync_error))
        {
          fprintf (stderr, _("scholia-cli: the seminar “%s” did not sync: %s\n"), seminar->name, sync_error->message);
          status = SCHOLIA_CLI_FAILED;
        }
      else
        /* Translators: the seminar's name, then a tally of one sync: counts after labels, so that
         * no word has to agree with a number. */
        printf (_("%s: your changes uploaded: %u, the others’ changes merged: %u, essays added: %u\n"), seminar->name,
                scholia_seminar_sync_get_n_uploaded (sync), scholia_seminar_sync_get_n_merged (sync),
                scholia_seminar_sync_get_n_essays (sync));
      problems = scholia_seminar_sync_get_problems (sync);
      for (guint j = 0; j < problems->len; j++)
        printf ("  %s\n", (const char *) g_ptr_array_index (problems, j));
    }
  return status;
}

static char *
format_time (gint64 when)
{
  /* Translators: the time of a seminar's last sync, when it has never synced */
  return when == 0 ? g_strdup (_("never")) : scholia_cli_format_time (when);
}

static int
run_status (ScholiaCli  *cli,
            int          argc,
            char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "seminar status", N_("[NAME]"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc > 2)
    return scholia_cli_usage_error ("seminar status", _("Name one seminar, or none for them all"));
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (seminars = find_seminars (cli, argc == 2 ? argv[1] : NULL, &error)) == NULL)
    return scholia_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < seminars->len; i++)
    {
      ScholiaSeminar *seminar = g_ptr_array_index (seminars, i);
      g_autoptr(GPtrArray) participants = scholia_store_list_participants (cli->store, seminar, &error);
      g_autofree char *last_sync = format_time (seminar->last_sync);
      g_autofree char *pending_text = NULL;
      g_autofree char *participants_text = NULL;
      g_autoptr(ScholiaCliTable) table = NULL;
      guint pending;

      if (participants == NULL || !scholia_seminar_count_pending (cli->store, seminar, &pending, &error))
        return scholia_cli_fail (error);
      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, seminar->name);
          json_builder_set_member_name (builder, "location");
          json_builder_add_string_value (builder, seminar->location);
          json_builder_set_member_name (builder, "role");
          json_builder_add_string_value (builder, seminar->role == SCHOLIA_SEMINAR_LEADER ? "leader" : "participant");
          json_builder_set_member_name (builder, "last-sync");
          json_builder_add_int_value (builder, seminar->last_sync);
          json_builder_set_member_name (builder, "pending-uploads");
          json_builder_add_int_value (builder, pending);
          json_builder_set_member_name (builder, "participants");
          json_builder_add_int_value (builder, participants->len);
          json_builder_set_member_name (builder, "last-error");
          json_builder_add_string_value (builder, seminar->last_error);
          json_builder_end_object (builder);
          continue;
        }
      pending_text = g_strdup_printf ("%u", pending);
      participants_text = g_strdup_printf ("%u", participants->len);
      printf ("%s%s\n", i > 0 ? "\n" : "", seminar->name);
      table = scholia_cli_table_new (2);
      scholia_cli_table_set_indent (table, "  ");
      scholia_cli_table_set_width (table, 0, 18, 0);
      scholia_cli_table_add_row (table, _("Location:"), seminar->location);
      scholia_cli_table_add_row (table, _("Role:"),
                                 /* Translators: the user's role in a seminar: its leader or a participant */
                                 seminar->role == SCHOLIA_SEMINAR_LEADER ? C_("seminar role", "leader")
                                                                         : C_("seminar role", "participant"));
      scholia_cli_table_add_row (table, _("Last sync:"), last_sync);
      scholia_cli_table_add_row (table, _("Pending uploads:"), pending_text);
      scholia_cli_table_add_row (table, _("Participants:"), participants_text);
      if (*seminar->last_error != '\0')
        scholia_cli_table_add_row (table, _("Last error:"), seminar->last_error);
      scholia_cli_table_print (table, stdout);
    }
  json_builder_end_array (builder);
  if (json)
    scholia_cli_print_json (builder);
  return SCHOLIA_CLI_OK;
}

static const ScholiaCliSeminarCommand seminar_commands[] = {
  /* Translators: a synopsis (scholia-cli seminar --help): translate the placeholders (NAME,
   * PATH, DOC…) and keep the options and their values as they are */
  { "create", N_("NAME --folder PATH|--url URL [--essay DOC…] [--instructions TEXT] [--participants-add-tags] [--hide-until-posted] [--my-name NAME]"), run_create },
  /* Translators: a synopsis (scholia-cli seminar --help): translate the placeholders (NAME,
   * PATH, DOC…) and keep the options and their values as they are */
  { "join", N_("PATH|URL --name NAME"), run_join },
  /* Translators: a synopsis (scholia-cli seminar --help): translate the placeholders (NAME,
   * PATH, DOC…) and keep the options and their values as they are */
  { "sync", N_("[NAME]"), run_sync },
  /* Translators: a synopsis (scholia-cli seminar --help): translate the placeholders (NAME,
   * PATH, DOC…) and keep the options and their values as they are */
  { "status", N_("[NAME] [--json]"), run_status },
  /* Translators: a synopsis (scholia-cli seminar --help): translate the placeholders (NAME,
   * PATH, DOC…) and keep the options and their values as they are */
  { "participants", N_("NAME [--json]"), scholia_cli_run_seminar_participants },
  /* Translators: a synopsis (scholia-cli seminar --help): translate the placeholders (NAME,
   * PATH, DOC…) and keep the options and their values as they are */
  { "agreement", N_("NAME DOC --tag TAG [--json]"), scholia_cli_run_seminar_agreement },
};

int
scholia_cli_run_seminar (ScholiaCli  *cli,
                         int          argc,
                         char       **argv)
{
  gboolean help;
  FILE *out;

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (seminar_commands); i++)
      if (g_str_equal (argv[1], seminar_commands[i].name))
        return seminar_commands[i].run (cli, argc - 1, argv + 1);

  help = argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"));
  out = help ? stdout : stderr;
  fprintf (out, "%s\n", _("Usage:"));
  for (guint i = 0; i < G_N_ELEMENTS (seminar_commands); i++)
    fprintf (out, "  scholia-cli seminar %s %s\n", seminar_commands[i].name, _(seminar_commands[i].usage));
  return help ? SCHOLIA_CLI_OK : SCHOLIA_CLI_USAGE;
}
