/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What a seminar's readers did, from the command line: `seminar participants` (who, their
 * colour, how many annotations each) and `seminar agreement` (where they agree on one tag in
 * one essay: Krippendorff's α and each reader against the majority); and the participants
 * --participant names, for compare, matrix, annotations and export. Everything is read through
 * the store, so what a seminar hides until one has posted stays hidden here too. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "scholia-agreement.h"
#include "scholia-cli.h"
#include "scholia-error.h"
#include "scholia-text-check.h"

ScholiaSeminar *
scholia_cli_seminar_of_document (ScholiaCli       *cli,
                                 ScholiaDocument  *document,
                                 GError          **error)
{
  g_autoptr(GPtrArray) seminars = scholia_store_list_seminars (cli->store, error);

  if (seminars == NULL)
    return NULL;
  for (guint i = 0; i < seminars->len; i++)
    {
      g_autoptr(GArray) essays = scholia_store_list_seminar_essays (cli->store, g_ptr_array_index (seminars, i), error);

      if (essays == NULL)
        return NULL;
      for (guint e = 0; e < essays->len; e++)
        if (g_array_index (essays, gint64, e) == scholia_document_get_id (document))
          return g_ptr_array_steal_index (seminars, i);
    }
  return NULL;
}

/* Participant ids, each once, in the order met. */
static void
add_id (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;
  g_array_append_val (ids, id);
}

gboolean
scholia_cli_filter_participants (ScholiaCli               *cli,
                                 ScholiaAnnotationFilter  *filter,
                                 GStrv                     names,
                                 GError                  **error)
{
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (names == NULL)
    return TRUE;
  seminars = scholia_store_list_seminars (cli->store, error);
  if (seminars == NULL)
    return FALSE;
  for (guint n = 0; names[n] != NULL; n++)
    {
      g_autofree char *wanted = scholia_text_fold (names[n]);
      gboolean me = g_str_equal (names[n], "me");
      gboolean found = FALSE;

      /* Mine not shared yet, and mine outside any seminar, have no participant. */
      if (me)
        add_id (ids, 0);
      for (guint s = 0; s < seminars->len; s++)
        {
          g_autoptr(GPtrArray) participants = scholia_store_list_participants (cli->store, g_ptr_array_index (seminars, s),
                                                                               error);

          if (participants == NULL)
            return FALSE;
          for (guint p = 0; p < participants->len; p++)
            {
              ScholiaParticipant *participant = g_ptr_array_index (participants, p);
              g_autofree char *name = scholia_text_fold (participant->name);

              if (me ? participant->me : g_strcmp0 (name, wanted) == 0)
                {
                  add_id (ids, participant->id);
                  found = TRUE;
                }
            }
        }
      if (!found && !me)
        {
          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                       _("No participant of a seminar in this library is called “%s”"), names[n]);
          return FALSE;
        }
    }
  scholia_annotation_filter_set_participant_ids (filter, (const gint64 *) (gpointer) ids->data, ids->len);
  return TRUE;
}

/* Whose an annotation is: mine when it has no participant yet. */
static gint64
author_of (ScholiaSeminar    *seminar,
           ScholiaAnnotation *annotation)
{
  gint64 id = scholia_annotation_get_participant_id (annotation);

  return id != 0 ? id : seminar->participant_id;
}

/* participant id → how many of the seminar's annotations I see are theirs. */
static GHashTable *
count_annotations (ScholiaCli      *cli,
                   ScholiaSeminar  *seminar,
                   GError         **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) essays = scholia_store_list_seminar_essays (cli->store, seminar, error);

  if (essays == NULL)
    return NULL;
  for (guint e = 0; e < essays->len; e++)
    {
      ScholiaDocument *document = scholia_store_lookup_document (cli->store, g_array_index (essays, gint64, e));
      g_autoptr(GListModel) annotations = NULL;

      if (document == NULL)
        continue;
      annotations = scholia_store_list_annotations (cli->store, document, error);
      if (annotations == NULL)
        return NULL;
      for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
        {
          g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
          gint64 id = author_of (seminar, annotation);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id));

          g_hash_table_replace (counts, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (count + 1));
        }
    }
  return g_steal_pointer (&counts);
}

int
scholia_cli_run_seminar_participants (ScholiaCli  *cli,
                                      int          argc,
                                      char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "seminar participants", N_("NAME"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("seminar participants", _("Name one seminar"));
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (seminar = scholia_store_find_seminar (cli->store, argv[1], &error)) == NULL ||
      (participants = scholia_store_list_participants (cli->store, seminar, &error)) == NULL ||
      (counts = count_annotations (cli, seminar, &error)) == NULL)
    return scholia_cli_fail (error);

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  for (guint i = 0; i < participants->len; i++)
    {
      ScholiaParticipant *participant = g_ptr_array_index (participants, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &participant->id));
      gboolean leader = participant->leader;
      g_autoptr(GString) marks = g_string_new (NULL);

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, participant->name);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, participant->uuid);
          json_builder_set_member_name (builder, "colour");
          json_builder_add_string_value (builder, participant->colour);
          json_builder_set_member_name (builder, "annotations");
          json_builder_add_int_value (builder, count);
          json_builder_set_member_name (builder, "me");
          json_builder_add_boolean_value (builder, participant->me);
          json_builder_set_member_name (builder, "leader");
          json_builder_add_boolean_value (builder, leader);
          json_builder_end_object (builder);
          continue;
        }

      if (participant->me)
        /* Translators: marks the user among a seminar's participants */
        g_string_append (marks, _("me"));
      if (leader)
        g_string_append_printf (marks, "%s%s", marks->len > 0 ? ", " : "", C_("seminar role", "leader"));
      printf ("%s\t%s\t", *participant->name != '\0' ? participant->name : _("(no name)"), participant->colour);
      printf (g_dngettext (GETTEXT_PACKAGE, "%'u annotation", "%'u annotations", count), count);
      printf ("%s%s%s\n", marks->len > 0 ? "\t(" : "", marks->str, marks->len > 0 ? ")" : "");
    }
  if (json)
    {
      json_builder_end_array (builder);
      scholia_cli_print_json (builder);
    }
  return SCHOLIA_CLI_OK;
}

/* The participants who annotated @document at all (as I see it), with their spans with @tag:
 * those who used other tags agree that the tag is not there. */
static ScholiaAgreement *
collect_agreement (ScholiaCli       *cli,
                   ScholiaSeminar   *seminar,
                   ScholiaDocument  *document,
                   ScholiaLabel     *tag,
                   GArray           *asked,
                   GError          **error)
{
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (cli->store, document, error);
  ScholiaAgreement *agreement;
  guint n;

  if (annotations == NULL)
    return NULL;
  n = g_list_model_get_n_items (annotations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      add_id (asked, author_of (seminar, annotation));
    }

  agreement = scholia_agreement_new ((guint) scholia_document_get_characters (document), asked->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
      gint64 author = author_of (seminar, annotation);

      if (scholia_annotation_get_orphaned (annotation) ||
          !scholia_annotation_has_label (annotation, tag))
        continue;
      for (guint p = 0; p < asked->len; p++)
        if (g_array_index (asked, gint64, p) == author)
          scholia_agreement_add_span (agreement, p, scholia_annotation_get_start (annotation),
                                      scholia_annotation_get_end (annotation));
    }
  return agreement;
}

static char *
participant_name (ScholiaCli *cli,
                  gint64      id)
{
  g_autoptr(ScholiaParticipant) participant = scholia_store_get_participant (cli->store, id, NULL);

  return g_strdup (participant != NULL && *participant->name != '\0' ? participant->name : _("(no name)"));
}

static const char *
status_code (ScholiaAgreementAlphaStatus status)
{
  switch (status)
    {
    case SCHOLIA_AGREEMENT_ALPHA_DEFINED:
      return "defined";
    case SCHOLIA_AGREEMENT_ALPHA_TOO_FEW_PARTICIPANTS:
      return "too-few-participants";
    case SCHOLIA_AGREEMENT_ALPHA_EMPTY_TEXT:
      return "empty-text";
    case SCHOLIA_AGREEMENT_ALPHA_NOTHING_MARKED:
      return "nothing-marked";
    case SCHOLIA_AGREEMENT_ALPHA_NO_VARIATION:
      return "no-variation";
    default:
      g_return_val_if_reached ("unknown");
    }
}

static void
print_agreement_json (ScholiaCli            *cli,
                      ScholiaSeminar        *seminar,
                      ScholiaDocument       *document,
                      ScholiaLabel          *tag,
                      ScholiaAgreement      *agreement,
                      GArray                *asked,
                      ScholiaAgreementAlpha *alpha)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *reason = scholia_agreement_alpha_status_describe (alpha->status);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seminar");
  json_builder_add_string_value (builder, seminar->name);
  json_builder_set_member_name (builder, "document");
  json_builder_add_int_value (builder, scholia_document_get_id (document));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, scholia_document_get_title (document));
  json_builder_set_member_name (builder, "tag");
  json_builder_add_string_value (builder, scholia_label_get_name (tag));
  json_builder_set_member_name (builder, "alpha_status");
  json_builder_add_string_value (builder, status_code (alpha->status));
  json_builder_set_member_name (builder, "alpha");
  if (alpha->status == SCHOLIA_AGREEMENT_ALPHA_DEFINED)
    json_builder_add_double_value (builder, alpha->alpha);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "not_computable_because");
  if (reason != NULL)
    json_builder_add_string_value (builder, reason);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "participants");
  json_builder_begin_array (builder);
  for (guint p = 0; p < asked->len; p++)
    {
      g_autofree char *name = participant_name (cli, g_array_index (asked, gint64, p));
      ScholiaAgreementSummary summary;

      scholia_agreement_get_summary (agreement, p, &summary);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "marked");
      json_builder_add_int_value (builder, summary.marked);
      json_builder_set_member_name (builder, "marked_with_majority");
      json_builder_add_int_value (builder, summary.marked_with_majority);
      json_builder_set_member_name (builder, "majority_only");
      json_builder_add_int_value (builder, summary.majority_only);
      json_builder_set_member_name (builder, "agreement");
      json_builder_add_double_value (builder, summary.agreement);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  scholia_cli_print_json (builder);
}

int
scholia_cli_run_seminar_agreement (ScholiaCli  *cli,
                                   int          argc,
                                   char       **argv)
{
  g_autofree char *tag_name = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag_name, N_("The tag whose spans are compared"), N_("TAG") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaSeminar) of_document = NULL;
  g_autoptr(ScholiaAgreement) agreement = NULL;
  g_autoptr(GArray) asked = g_array_new (FALSE, FALSE, sizeof (gint64));
  ScholiaAgreementAlpha alpha;
  ScholiaDocument *document;
  ScholiaLabel *tag;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "seminar agreement", N_("NAME DOC"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    return scholia_cli_usage_error ("seminar agreement", _("Name one seminar and one of its essays"));
  if (tag_name == NULL || *tag_name == '\0')
    return scholia_cli_usage_error ("seminar agreement", _("Name the tag to compare with --tag"));
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (seminar = scholia_store_find_seminar (cli->store, argv[1], &error)) == NULL ||
      (document = scholia_store_find_document (cli->store, argv[2], &error)) == NULL ||
      (tag = scholia_store_find_label (cli->store, SCHOLIA_TYPE_TAG, tag_name, &error)) == NULL)
    return scholia_cli_fail (error);

  of_document = scholia_cli_seminar_of_document (cli, document, &error);
  if (error != NULL)
    return scholia_cli_fail (error);
  if (of_document == NULL || of_document->id != seminar->id)
    {
      g_set_error (&error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND, _("“%s” is not an essay of the seminar “%s”"),
                   scholia_document_get_title (document), seminar->name);
      return scholia_cli_fail (error);
    }

  agreement = collect_agreement (cli, seminar, document, tag, asked, &error);
  if (agreement == NULL)
    return scholia_cli_fail (error);
  scholia_agreement_get_alpha (agreement, &alpha);

  if (json)
    {
      print_agreement_json (cli, seminar, document, tag, agreement, asked, &alpha);
      return SCHOLIA_CLI_OK;
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "“%s” in “%s”: %u participant\n", "“%s” in “%s”: %u participants\n", asked->len),
          scholia_label_get_name (tag), scholia_document_get_title (document), asked->len);
  if (alpha.status == SCHOLIA_AGREEMENT_ALPHA_DEFINED)
    printf (_("Krippendorff’s α: %.3f\n"), alpha.alpha);
  else
    printf (_("Krippendorff’s α cannot be computed: %s\n"), scholia_agreement_alpha_status_describe (alpha.status));
  for (guint p = 0; p < asked->len; p++)
    {
      g_autofree char *name = participant_name (cli, g_array_index (asked, gint64, p));
      ScholiaAgreementSummary summary;

      scholia_agreement_get_summary (agreement, p, &summary);
      /* Translators: a participant's name, a tab, the percentage of their marking that agrees with
       * the majority ("%%" is a percent sign), then a tally of characters: counts after labels, so
       * that no word has to agree with a number. */
      printf (_("%s\t%.0f%% with the majority: characters marked: %u, of them with the majority: %u; "
                "missed where the majority marked: %u\n"),
              name, summary.agreement * 100, summary.marked, summary.marked_with_majority, summary.majority_only);
    }
  return SCHOLIA_CLI_OK;
}
