/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "scholia-anchor.h"
#include "scholia-cli.h"
#include "scholia-editor.h"
#include "scholia-error.h"

/* Resolves --tag names (or --theme names) to ids, in the order given. */
static GArray *
resolve_labels (ScholiaCli   *cli,
                char        **names,
                GType         label_type,
                GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      ScholiaLabel *label = scholia_store_find_label (cli->store, label_type, names[i], error);
      gint64 id;

      if (label == NULL)
        return NULL;
      id = scholia_label_get_id (label);
      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

/* The code-point span of the quote: it must occur exactly once, or --occurrence must say which. */
static gboolean
locate_quote (ScholiaDocument  *document,
              const char       *text,
              const char       *quote,
              int               occurrence,
              int              *start,
              int              *end,
              GError          **error)
{
  g_autoptr(ScholiaAnchorText) anchor_text = scholia_anchor_text_new (text, -1);
  g_autoptr(GArray) starts = scholia_anchor_find_all (anchor_text, quote);
  const char *title = scholia_document_get_title (document);

  if (starts->len == 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   _("“%s” does not occur in “%s”"), quote, title);
      return FALSE;
    }

  if (occurrence == 0 && starts->len > 1)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_AMBIGUOUS,
                   /* Translators: the quoted words, how often they occur, the essay's title and
                    * the same count again; --occurrence is an option of the command: keep it. */
                   g_dngettext (GETTEXT_PACKAGE, "“%s” occurs %u time in “%s”: choose one with --occurrence 1 to %u",
                                "“%s” occurs %u times in “%s”: choose one with --occurrence 1 to %u", starts->len),
                   quote, starts->len, title, starts->len);
      return FALSE;
    }

  if (occurrence > (int) starts->len)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   /* Translators: the quoted words, how often they occur and the essay's title. */
                   g_dngettext (GETTEXT_PACKAGE, "“%s” occurs only %u time in “%s”", "“%s” occurs only %u times in “%s”",
                                starts->len),
                   quote, starts->len, title);
      return FALSE;
    }

  *start = g_array_index (starts, int, MAX (occurrence, 1) - 1);
  *end = *start + scholia_anchor_quote_length (quote);
  return TRUE;
}

int
scholia_cli_run_annotate (ScholiaCli  *cli,
                          int          argc,
                          char       **argv)
{
  g_autofree char *quote = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) tag_names = NULL;
  g_auto(GStrv) theme_names = NULL;
  int occurrence = 0;
  const GOptionEntry entries[] = {
    { "quote", 0, 0, G_OPTION_ARG_STRING, &quote, N_("The exact text to annotate"), N_("TEXT") },
    { "occurrence", 0, 0, G_OPTION_ARG_INT, &occurrence, N_("Which occurrence of the quote, from 1"), N_("N") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tag_names, N_("A tag (repeat for several)"), N_("TAG") },
    { "theme", 0, 0, G_OPTION_ARG_STRING_ARRAY, &theme_names, N_("A theme (repeat for several)"), N_("THEME") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) tag_ids = NULL;
  g_autoptr(GArray) theme_ids = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autofree char *text = NULL;
  ScholiaDocument *document;
  int status;
  int start;
  int end;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "annotate", N_("DOC"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("annotate", _("Name one document by id or title"));
  if (quote == NULL || *quote == '\0')
    return scholia_cli_usage_error ("annotate", _("Give the passage with --quote"));
  if (tag_names == NULL)
    return scholia_cli_usage_error ("annotate", _("Give at least one --tag"));
  if (occurrence < 0)
    return scholia_cli_usage_error ("annotate", _("--occurrence counts from 1"));

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (document = scholia_store_find_document (cli->store, argv[1], &error)) == NULL ||
      (tag_ids = resolve_labels (cli, tag_names, SCHOLIA_TYPE_TAG, &error)) == NULL ||
      (theme_ids = resolve_labels (cli, theme_names, SCHOLIA_TYPE_THEME, &error)) == NULL ||
      (text = scholia_store_load_text (cli->store, document, &error)) == NULL ||
      !locate_quote (document, text, quote, occurrence, &start, &end, &error))
    return scholia_cli_fail (error);

  annotation = scholia_store_add_annotation (cli->store, document, start, end,
                                             (gint64 *) tag_ids->data, tag_ids->len,
                                             (gint64 *) theme_ids->data, theme_ids->len,
                                             note, &error);
  if (annotation == NULL)
    return scholia_cli_fail (error);

  printf ("%" G_GINT64_FORMAT "\t%d\t%d\n", scholia_annotation_get_id (annotation),
          scholia_annotation_get_start (annotation), scholia_annotation_get_end (annotation));
  return SCHOLIA_CLI_OK;
}

/* The same text Ctrl+Shift+C copies in the reader: the quote with its citation, in the style
 * --style names (plain by default, as before styles: scripts keep their output). The passage is
 * an annotation by id, or with --quote a quote in a document. */
int
scholia_cli_run_cite (ScholiaCli  *cli,
                      int          argc,
                      char       **argv)
{
  g_autofree char *quote = NULL;
  g_autofree char *style_name = NULL;
  gboolean short_note = FALSE;
  gboolean json = FALSE;
  int occurrence = 0;
  const GOptionEntry entries[] = {
    { "quote", 0, 0, G_OPTION_ARG_STRING, &quote, N_("The exact text to cite, in the document named instead of an annotation"), N_("TEXT") },
    { "occurrence", 0, 0, G_OPTION_ARG_INT, &occurrence, N_("Which occurrence of the quote, from 1"), N_("N") },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style_name, N_("plain (the default), pandoc or chicago"), N_("STYLE") },
    { "short", 0, 0, G_OPTION_ARG_NONE, &short_note, N_("The short note, for a source cited before"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autofree char *text = NULL;
  ScholiaCitationStyle style;
  ScholiaDocument *document;
  int status;
  int start;
  int end;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "cite", N_("ANNOTATION_ID|DOC"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("cite", _("Name one annotation by id, or one document by id or title with --quote"));
  if (!scholia_cli_parse_citation_style (style_name, &style))
    return scholia_cli_usage_error ("cite", _("--style is plain, pandoc or chicago"));
  if (quote == NULL)
    return scholia_cli_cite_annotation (cli, argv[1], style, short_note, json);
  if (*quote == '\0')
    return scholia_cli_usage_error ("cite", _("Give the passage with --quote"));
  if (occurrence < 0)
    return scholia_cli_usage_error ("cite", _("--occurrence counts from 1"));

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (document = scholia_store_find_document (cli->store, argv[1], &error)) == NULL ||
      (text = scholia_store_load_text (cli->store, document, &error)) == NULL ||
      (pages = scholia_store_load_pages (cli->store, document, &error)) == NULL ||
      !locate_quote (document, text, quote, occurrence, &start, &end, &error))
    return scholia_cli_fail (error);

  return scholia_cli_print_citation (cli, document, text, pages, start, end, 0, style, short_note, json);
}

static char *
label_names (ScholiaCli        *cli,
             ScholiaAnnotation *annotation,
             GType              label_type,
             JsonBuilder       *builder)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const gint64 *ids;
  guint n_ids;

  ids = scholia_annotation_get_label_ids (annotation, label_type, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      const char *name = scholia_label_get_name (scholia_store_lookup_label (cli->store, label_type, ids[i]));

      if (builder != NULL)
        json_builder_add_string_value (builder, name);
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Who wrote @annotation in @seminar (NULL: the essay is in none): names by participant id,
 * mine for an annotation not shared yet. */
static const char *
participant_of (ScholiaCli        *cli,
                ScholiaSeminar    *seminar,
                GHashTable        *names,
                ScholiaAnnotation *annotation)
{
  gint64 id;
  char *name;

  if (seminar == NULL)
    return NULL;
  id = scholia_annotation_get_participant_id (annotation);
  if (id == 0)
    id = seminar->participant_id;
  name = g_hash_table_lookup (names, &id);
  if (name == NULL)
    {
      g_autoptr(ScholiaParticipant) participant = scholia_store_get_participant (cli->store, id, NULL);

      name = g_strdup (participant != NULL && *participant->name != '\0' ? participant->name : _("(no name)"));
      g_hash_table_insert (names, g_memdup2 (&id, sizeof id), name);
    }
  return name;
}

static void
build_annotation (ScholiaCli        *cli,
                  JsonBuilder       *builder,
                  ScholiaAnnotation *annotation,
                  const char        *participant)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, scholia_annotation_get_id (annotation));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, scholia_annotation_get_uuid (annotation));
  if (participant != NULL)
    {
      json_builder_set_member_name (builder, "participant");
      json_builder_add_string_value (builder, participant);
    }
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, scholia_annotation_get_start (annotation));
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, scholia_annotation_get_end (annotation));
  json_builder_set_member_name (builder, "quote");
  json_builder_add_string_value (builder, scholia_annotation_get_quote (annotation));
  json_builder_set_member_name (builder, "prefix");
  json_builder_add_string_value (builder, scholia_annotation_get_prefix (annotation));
  json_builder_set_member_name (builder, "suffix");
  json_builder_add_string_value (builder, scholia_annotation_get_suffix (annotation));
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, scholia_annotation_get_note (annotation));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  g_free (label_names (cli, annotation, SCHOLIA_TYPE_TAG, builder));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "themes");
  json_builder_begin_array (builder);
  g_free (label_names (cli, annotation, SCHOLIA_TYPE_THEME, builder));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "orphaned");
  json_builder_add_boolean_value (builder, scholia_annotation_get_orphaned (annotation));
  if (scholia_annotation_get_orphaned (annotation))
    {
      g_autofree char *why = scholia_annotation_describe_unplaced (annotation);

      json_builder_set_member_name (builder, "unplaced_reason");
      json_builder_add_string_value (builder,
                                     scholia_unplaced_reason_to_code (scholia_annotation_get_unplaced_reason (annotation)));
      json_builder_set_member_name (builder, "unplaced_source");
      json_builder_add_string_value (builder, scholia_annotation_get_unplaced_source (annotation));
      json_builder_set_member_name (builder, "unplaced_why");
      json_builder_add_string_value (builder, why);
    }
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, scholia_annotation_get_created (annotation));
  json_builder_set_member_name (builder, "modified");
  json_builder_add_int_value (builder, scholia_annotation_get_modified (annotation));
  json_builder_end_object (builder);
}

int
scholia_cli_run_annotations (ScholiaCli  *cli,
                             int          argc,
                             char       **argv)
{
  gboolean json = FALSE;
  g_auto(GStrv) participants = NULL;
  const GOptionEntry entries[] = {
    { "participant", 0, 0, G_OPTION_ARG_STRING_ARRAY, &participants, N_("Only this seminar participant’s annotations (“me” for yours; repeat for several)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonBuilder) builder = NULL;
  ScholiaDocument *document;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "annotations", N_("DOC"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("annotations", _("Name one document by id or title"));

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (document = scholia_store_find_document (cli->store, argv[1], &error)) == NULL ||
      !scholia_cli_filter_participants (cli, filter, participants, &error) ||
      (annotations = scholia_store_list_annotations (cli->store, document, &error)) == NULL)
    return scholia_cli_fail (error);
  seminar = scholia_cli_seminar_of_document (cli, document, &error);
  if (error != NULL)
    return scholia_cli_fail (error);

  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      if (scholia_annotation_filter_match_participant (filter, scholia_annotation_get_participant_id (annotation)))
        g_ptr_array_add (shown, g_steal_pointer (&annotation));
    }

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
      for (guint i = 0; i < shown->len; i++)
        {
          ScholiaAnnotation *annotation = g_ptr_array_index (shown, i);

          build_annotation (cli, builder, annotation, participant_of (cli, seminar, names, annotation));
        }
      json_builder_end_array (builder);
      scholia_cli_print_json (builder);
      return SCHOLIA_CLI_OK;
    }

  for (guint i = 0; i < shown->len; i++)
    {
      ScholiaAnnotation *annotation = g_ptr_array_index (shown, i);
      g_autofree char *tags = label_names (cli, annotation, SCHOLIA_TYPE_TAG, NULL);
      g_autofree char *themes = label_names (cli, annotation, SCHOLIA_TYPE_THEME, NULL);
      g_autofree char *quote = scholia_cli_excerpt (scholia_annotation_get_quote (annotation), 60);
      g_autofree char *why = scholia_annotation_describe_unplaced (annotation);
      const char *participant = participant_of (cli, seminar, names, annotation);

      /* In a seminar's essay, who wrote it comes after the span. */
      printf ("%" G_GINT64_FORMAT "\t%d–%d\t%s%s%s%s%s%s\t“%s”%s%s\n",
              scholia_annotation_get_id (annotation),
              scholia_annotation_get_start (annotation), scholia_annotation_get_end (annotation),
              participant != NULL ? participant : "", participant != NULL ? "\t" : "",
              tags, *themes != '\0' ? " [" : "", themes, *themes != '\0' ? "]" : "",
              quote,
              *scholia_annotation_get_note (annotation) != '\0' ? "\t" : "",
              scholia_annotation_get_note (annotation));
      /* An unplaced one says why on a line of its own, so placed ones print as they always did. */
      if (why != NULL)
        printf ("\t%s %s\n", _("Unplaced:"), why);
    }
  return SCHOLIA_CLI_OK;
}

/* unannotate --unplaced DOC: every unplaced annotation of one document, all or none. */
static int
unannotate_unplaced (ScholiaCli *cli,
                     const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(GPtrArray) unplaced = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ScholiaEditor) editor = NULL;
  ScholiaDocument *document;

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (document = scholia_store_find_document (cli->store, name, &error)) == NULL ||
      (annotations = scholia_store_list_annotations (cli->store, document, &error)) == NULL)
    return scholia_cli_fail (error);

  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      if (scholia_annotation_get_orphaned (annotation))
        g_ptr_array_add (unplaced, g_steal_pointer (&annotation));
    }
  editor = scholia_editor_new (cli->store);
  if (!scholia_editor_delete_annotations (editor, unplaced, &error))
    return scholia_cli_fail (error);

  printf (g_dngettext (GETTEXT_PACKAGE, "Deleted %u unplaced annotation of “%s”\n",
                       "Deleted %u unplaced annotations of “%s”\n", unplaced->len),
          unplaced->len, scholia_document_get_title (document));
  return SCHOLIA_CLI_OK;
}

int
scholia_cli_run_unannotate (ScholiaCli  *cli,
                            int          argc,
                            char       **argv)
{
  g_autofree char *unplaced = NULL;
  const GOptionEntry entries[] = {
    { "unplaced", 0, 0, G_OPTION_ARG_STRING, &unplaced,
      N_("Delete every unplaced annotation of DOC instead"), N_("DOC") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  char *end = NULL;
  gint64 id;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "unannotate", N_("ID"), entries, &argc, &argv)) >= 0)
    return status;
  if (unplaced != NULL)
    return argc == 1 ? unannotate_unplaced (cli, unplaced)
                     : scholia_cli_usage_error ("unannotate", _("Name an annotation id or --unplaced DOC, not both"));
  if (argc != 2)
    return scholia_cli_usage_error ("unannotate", _("Name one annotation by id"));
  id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || id <= 0)
    return scholia_cli_usage_error ("unannotate", _("An annotation id is a whole number"));

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (annotation = scholia_store_get_annotation (cli->store, id, &error)) == NULL ||
      !scholia_store_delete_annotation (cli->store, annotation, &error))
    return scholia_cli_fail (error);

  printf (_("Deleted annotation %lld\n"), (long long) id);
  return SCHOLIA_CLI_OK;
}
