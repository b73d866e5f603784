/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "scholia-cli.h"
#include "scholia-comparison.h"
#include "scholia-matrix.h"

static const char *
author_or_unknown (const char *author)
{
  return *author != '\0' ? author : _("Unknown Author");
}

static char *
tag_names (ScholiaStore   *store,
           ScholiaPassage *passage)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const gint64 *ids;
  guint n_ids;

  ids = scholia_passage_get_tag_ids (passage, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaLabel *tag = scholia_store_lookup_label (store, SCHOLIA_TYPE_TAG, ids[i]);

      if (tag != NULL)
        g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", scholia_label_get_name (SCHOLIA_LABEL (tag)));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Passages come grouped already (author, then document); a group starts where the value
 * differs from the previous passage's. */
static void
print_text (ScholiaStore      *store,
            ScholiaComparison *comparison)
{
  GListModel *passages = scholia_comparison_get_passages (comparison);
  g_autoptr(ScholiaPassage) previous = NULL;
  guint n = g_list_model_get_n_items (passages);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);
      g_autofree char *tags = tag_names (store, passage);
      g_autofree char *place = scholia_comparison_dup_place (comparison, passage);
      gboolean new_author = previous == NULL ||
                            g_strcmp0 (scholia_passage_get_author (previous), scholia_passage_get_author (passage)) != 0;

      if (new_author)
        printf ("%s%s\n", i > 0 ? "\n" : "", author_or_unknown (scholia_passage_get_author (passage)));
      if (new_author || scholia_passage_get_document_id (previous) != scholia_passage_get_document_id (passage))
        printf ("  %s%s%s%s\n", scholia_passage_get_title (passage),
                *scholia_passage_get_date (passage) != '\0' ? " (" : "",
                scholia_passage_get_date (passage),
                *scholia_passage_get_date (passage) != '\0' ? ")" : "");

      printf ("    “%s”", scholia_passage_get_quote (passage));
      if (*tags != '\0')
        printf (" [%s]", tags);
      /* "p. 3", or "¶ 14" as the PDF and citations number paragraphs. */
      if (place != NULL)
        printf (" %s", place);
      printf ("\n");
      if (*scholia_passage_get_note (passage) != '\0')
        printf ("      %s\n", scholia_passage_get_note (passage));

      g_set_object (&previous, passage);
    }
}

static void
build_json (ScholiaStore *store,
            JsonBuilder  *builder,
            GListModel   *passages)
{
  g_autoptr(ScholiaPassage) previous = NULL;
  guint n = g_list_model_get_n_items (passages);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);
      gboolean new_author = previous == NULL ||
                            g_strcmp0 (scholia_passage_get_author (previous), scholia_passage_get_author (passage)) != 0;
      gboolean new_document = new_author ||
                              scholia_passage_get_document_id (previous) != scholia_passage_get_document_id (passage);
      const gint64 *ids;
      guint n_ids;

      if (new_document && previous != NULL)
        {
          json_builder_end_array (builder);   /* passages */
          json_builder_end_object (builder);  /* document */
        }
      if (new_author && previous != NULL)
        {
          json_builder_end_array (builder);   /* documents */
          json_builder_end_object (builder);  /* author */
        }
      if (new_author)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "author");
          json_builder_add_string_value (builder, scholia_passage_get_author (passage));
          json_builder_set_member_name (builder, "documents");
          json_builder_begin_array (builder);
        }
      if (new_document)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, scholia_passage_get_document_id (passage));
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, scholia_passage_get_title (passage));
          json_builder_set_member_name (builder, "date");
          json_builder_add_string_value (builder, scholia_passage_get_date (passage));
          json_builder_set_member_name (builder, "passages");
          json_builder_begin_array (builder);
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "annotation");
      json_builder_add_int_value (builder, scholia_passage_get_annotation_id (passage));
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, scholia_passage_get_start (passage));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, scholia_passage_get_end (passage));
      json_builder_set_member_name (builder, "page");
      json_builder_add_string_value (builder, scholia_passage_get_page (passage));
      json_builder_set_member_name (builder, "quote");
      json_builder_add_string_value (builder, scholia_passage_get_quote (passage));
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, scholia_passage_get_note (passage));
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      ids = scholia_passage_get_tag_ids (passage, &n_ids);
      for (guint t = 0; t < n_ids; t++)
        {
          ScholiaLabel *tag = scholia_store_lookup_label (store, SCHOLIA_TYPE_TAG, ids[t]);

          if (tag != NULL)
            json_builder_add_string_value (builder, scholia_label_get_name (SCHOLIA_LABEL (tag)));
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      g_set_object (&previous, passage);
    }
  if (previous != NULL)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

int
scholia_cli_run_compare (ScholiaCli  *cli,
                         int          argc,
                         char       **argv)
{
  g_auto(GStrv) tag_names_arg = NULL;
  g_auto(GStrv) authors = NULL;
  g_auto(GStrv) participants = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tag_names_arg, N_("Only passages with this tag (repeat for any of several)"), N_("TAG") },
    { "author", 0, 0, G_OPTION_ARG_STRING_ARRAY, &authors, N_("Only this author (repeat for several)"), N_("AUTHOR") },
    { "participant", 0, 0, G_OPTION_ARG_STRING_ARRAY, &participants, N_("Only this seminar participant’s passages (“me” for yours; repeat for several)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaComparison) comparison = NULL;
  g_autoptr(ScholiaAnnotationFilter) filter = NULL;
  ScholiaTheme *theme;
  int status;

  /* Translators: a synopsis (scholia-cli COMMAND --help): translate the placeholders (DOC,
   * FILE, NAME…) and keep the options and their values as they are */
  if ((status = scholia_cli_parse (cli, "compare", N_("THEME"), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return scholia_cli_usage_error ("compare", _("Name one theme"));

  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (theme = SCHOLIA_THEME (scholia_store_find_label (cli->store, SCHOLIA_TYPE_THEME, argv[1], &error))) == NULL ||
      (filter = scholia_cli_build_filter (cli, tag_names_arg, NULL, authors, &error)) == NULL ||
      !scholia_cli_filter_participants (cli, filter, participants, &error))
    return scholia_cli_fail (error);

  comparison = scholia_comparison_new (cli->store);
  scholia_comparison_set_filter (comparison, filter);
  scholia_comparison_set_theme (comparison, theme);
  /* Every passage is printed: their quotes, notes and tags are read in one pass. */
  if (!scholia_passages_read_model (scholia_comparison_get_passages (comparison), &error))
    return scholia_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      build_json (cli->store, builder, scholia_comparison_get_passages (comparison));
      scholia_cli_print_json (builder);
    }
  else
    print_text (cli->store, comparison);

  return SCHOLIA_CLI_OK;
}

static char *
cell_text (ScholiaStore  *store,
           ScholiaMatrix *matrix,
           guint          row,
           guint          column,
           gboolean       by_tag)
{
  guint total = scholia_matrix_get_count (matrix, row, column, 0);
  GListModel *tags = scholia_store_get_labels (store, SCHOLIA_TYPE_TAG);
  g_autoptr(GString) text = NULL;

  /* Silence on a theme is a finding: it shows as a dash, not as a blank. */
  if (total == 0)
    return g_strdup ("—");
  text = g_string_new (NULL);
  g_string_append_printf (text, "%u", total);
  if (!by_tag)
    return g_string_free (g_steal_pointer (&text), FALSE);

  g_string_append (text, " (");
  for (guint i = 0, shown = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(ScholiaTag) tag = g_list_model_get_item (tags, i);
      guint count = scholia_matrix_get_count (matrix, row, column, scholia_label_get_id (SCHOLIA_LABEL (tag)));

      if (count > 0)
        g_string_append_printf (text, "%s%s %u", shown++ > 0 ? ", " : "", scholia_label_get_name (SCHOLIA_LABEL (tag)), count);
    }
  g_string_append (text, ")");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
scholia_cli_run_matrix (ScholiaCli  *cli,
                        int          argc,
                        char       **argv)
{
  gboolean json = FALSE;
  gboolean by_tag = FALSE;
  gboolean by_participant = FALSE;
  g_auto(GStrv) participants = NULL;
  const GOptionEntry entries[] = {
    { "by-tag", 0, 0, G_OPTION_ARG_NONE, &by_tag, N_("Split each count by tag"), NULL },
    { "by-participant", 0, 0, G_OPTION_ARG_NONE, &by_participant,
      N_("Count each seminar participant’s passages rather than each author’s"), NULL },
    { "participant", 0, 0, G_OPTION_ARG_STRING_ARRAY, &participants, N_("Count only this seminar participant’s passages (“me” for yours; repeat for several)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaMatrix) matrix = NULL;
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  guint rows, columns;
  int status;

  if ((status = scholia_cli_parse (cli, "matrix", "", entries, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return scholia_cli_usage_error ("matrix", _("matrix takes no arguments"));
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      !scholia_cli_filter_participants (cli, filter, participants, &error) ||
      (matrix = by_participant ? scholia_matrix_new_by_participant (cli->store, by_tag, filter, &error)
                               : scholia_matrix_new_filtered (cli->store, by_tag, filter, &error)) == NULL)
    return scholia_cli_fail (error);

  rows = scholia_matrix_get_n_authors (matrix);
  columns = scholia_matrix_get_n_themes (matrix);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      GListModel *tags = scholia_store_get_labels (cli->store, SCHOLIA_TYPE_TAG);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "themes");
      json_builder_begin_array (builder);
      for (guint c = 0; c < columns; c++)
        json_builder_add_string_value (builder, scholia_label_get_name (SCHOLIA_LABEL (scholia_matrix_get_theme (matrix, c))));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, by_participant ? "participants" : "authors");
      json_builder_begin_array (builder);
      for (guint r = 0; r < rows; r++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, by_participant ? "participant" : "author");
          json_builder_add_string_value (builder, scholia_matrix_get_author (matrix, r));
          json_builder_set_member_name (builder, "counts");
          json_builder_begin_object (builder);
          for (guint c = 0; c < columns; c++)
            {
              json_builder_set_member_name (builder, scholia_label_get_name (SCHOLIA_LABEL (scholia_matrix_get_theme (matrix, c))));
              json_builder_add_int_value (builder, scholia_matrix_get_count (matrix, r, c, 0));
            }
          json_builder_end_object (builder);
          if (by_tag)
            {
              json_builder_set_member_name (builder, "by_tag");
              json_builder_begin_object (builder);
              for (guint c = 0; c < columns; c++)
                {
                  json_builder_set_member_name (builder, scholia_label_get_name (SCHOLIA_LABEL (scholia_matrix_get_theme (matrix, c))));
                  json_builder_begin_object (builder);
                  for (guint t = 0; t < g_list_model_get_n_items (tags); t++)
                    {
                      g_autoptr(ScholiaTag) tag = g_list_model_get_item (tags, t);

                      json_builder_set_member_name (builder, scholia_label_get_name (SCHOLIA_LABEL (tag)));
                      json_builder_add_int_value (builder, scholia_matrix_get_count (matrix, r, c, scholia_label_get_id (SCHOLIA_LABEL (tag))));
                    }
                  json_builder_end_object (builder);
                }
              json_builder_end_object (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      scholia_cli_print_json (builder);
      return SCHOLIA_CLI_OK;
    }

  printf ("%s", by_participant ? _("Participant") : _("Author"));
  for (guint c = 0; c < columns; c++)
    printf ("\t%s", scholia_label_get_name (SCHOLIA_LABEL (scholia_matrix_get_theme (matrix, c))));
  printf ("\n");
  for (guint r = 0; r < rows; r++)
    {
      printf ("%s", by_participant ? scholia_matrix_get_author (matrix, r)
                                   : author_or_unknown (scholia_matrix_get_author (matrix, r)));
      for (guint c = 0; c < columns; c++)
        {
          g_autofree char *cell = cell_text (cli->store, matrix, r, c, by_tag);

          printf ("\t%s", cell);
        }
      printf ("\n");
    }
  return SCHOLIA_CLI_OK;
}
