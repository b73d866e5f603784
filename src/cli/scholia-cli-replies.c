/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A seminar's discussion under an annotation: `reply` adds mine (logged and uploaded at the next
 * sync, like any change of mine), `replies` lists the thread. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "scholia-cli.h"
#include "scholia-error.h"

/* The annotation whose id is @text; NULL with *@status the exit code when @text is no id or
 * names no annotation I can see. */
static ScholiaAnnotation *
find_annotation (ScholiaCli  *cli,
                 const char  *command,
                 const char  *text,
                 int         *status)
{
  g_autoptr(GError) error = NULL;
  ScholiaAnnotation *annotation;
  char *end = NULL;
  gint64 id = g_ascii_strtoll (text, &end, 10);

  if (end == text || *end != '\0' || id <= 0)
    {
      *status = scholia_cli_usage_error (command, _("An annotation id is a whole number"));
      return NULL;
    }
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (annotation = scholia_store_get_annotation (cli->store, id, &error)) == NULL)
    {
      *status = scholia_cli_fail (error);
      return NULL;
    }
  return annotation;
}

int
scholia_cli_run_reply (ScholiaCli  *cli,
                       int          argc,
                       char       **argv)
{
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("The reply’s text"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaReply) reply = NULL;
  ScholiaDocument *document;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "reply", N_("ANNOTATION_ID"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("reply", _("Name one annotation by id"));
  if (note == NULL || *g_strstrip (note) == '\0')
    return scholia_cli_usage_error ("reply", _("Write the reply with --note"));
  if ((annotation = find_annotation (cli, "reply", argv[1], &status)) == NULL)
    return status;

  document = scholia_store_lookup_document (cli->store, scholia_annotation_get_document_id (annotation));
  seminar = document != NULL ? scholia_cli_seminar_of_document (cli, document, &error) : NULL;
  if (error != NULL)
    return scholia_cli_fail (error);
  if (seminar == NULL)
    {
      g_set_error (&error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("Annotation %lld is not on an essay of a seminar: replies are a seminar’s discussion"),
                   (long long) scholia_annotation_get_id (annotation));
      return scholia_cli_fail (error);
    }

  reply = scholia_store_add_reply (cli->store, seminar, scholia_annotation_get_uuid (annotation), note, &error);
  if (reply == NULL)
    return scholia_cli_fail (error);
  printf (_("Replied to annotation %lld in “%s”; the reply goes out with the next sync\n"),
          (long long) scholia_annotation_get_id (annotation), seminar->name);
  return SCHOLIA_CLI_OK;
}

int
scholia_cli_run_replies (ScholiaCli  *cli,
                         int          argc,
                         char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "replies", N_("ANNOTATION_ID"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("replies", _("Name one annotation by id"));
  if ((annotation = find_annotation (cli, "replies", argv[1], &status)) == NULL)
    return status;
  replies = scholia_store_list_replies (cli->store, scholia_annotation_get_uuid (annotation), &error);
  if (replies == NULL)
    return scholia_cli_fail (error);

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  for (guint i = 0; i < replies->len; i++)
    {
      ScholiaReply *reply = g_ptr_array_index (replies, i);
      g_autoptr(ScholiaParticipant) participant = scholia_store_get_participant (cli->store, reply->participant_id, NULL);
      const char *name = participant != NULL && *participant->name != '\0' ? participant->name : _("(no name)");
      g_autofree char *when = scholia_cli_format_time (reply->created);

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, reply->uuid);
          json_builder_set_member_name (builder, "participant");
          json_builder_add_string_value (builder, name);
          json_builder_set_member_name (builder, "me");
          json_builder_add_boolean_value (builder, participant != NULL && participant->me);
          json_builder_set_member_name (builder, "body");
          json_builder_add_string_value (builder, reply->body);
          json_builder_set_member_name (builder, "created");
          json_builder_add_int_value (builder, reply->created);
          json_builder_set_member_name (builder, "modified");
          json_builder_add_int_value (builder, reply->modified);
          json_builder_set_member_name (builder, "read");
          json_builder_add_boolean_value (builder, reply->read);
          json_builder_end_object (builder);
          continue;
        }
      printf ("%s\t%s%s\t%s\n", when, name, reply->read ? "" : _(" (unread)"), reply->body);
    }
  if (json)
    {
      json_builder_end_array (builder);
      scholia_cli_print_json (builder);
    }
  return SCHOLIA_CLI_OK;
}
