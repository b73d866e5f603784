/* SPDX-License-Identifier: GPL-3.0-or-later */

/* `cite`: a passage with its citation in the style asked for (issue 15), the same text the
 * reader's Ctrl+Shift+C copies. The passage is an annotation, by id, or a quote in a document. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "scholia-citation-styles.h"
#include "scholia-cli.h"
#include "scholia-error.h"
#include "scholia-store-references.h"

gboolean
scholia_cli_parse_citation_style (const char           *name,
                                  ScholiaCitationStyle *style)
{
  *style = SCHOLIA_CITATION_STYLE_PLAIN;
  return name == NULL || scholia_citation_style_parse (name, style);
}

int
scholia_cli_print_citation (ScholiaCli           *cli,
                            ScholiaDocument      *document,
                            const char           *text,
                            GArray               *pages,
                            int                   start,
                            int                   end,
                            gint64                annotation_id,
                            ScholiaCitationStyle  style,
                            gboolean              short_note,
                            gboolean              json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaReference) reference = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *citation = NULL;

  reference = scholia_store_get_document_reference (cli->store, document, &error);
  if (error != NULL)
    return scholia_cli_fail (error);
  /* Markdown's marks: a Pandoc citation goes into Markdown, and *italics* read as such in a
   * terminal; the plain style has none to mark. */
  citation = scholia_citation_format_styled (document, reference, text, pages, start, end, style, short_note,
                                             style == SCHOLIA_CITATION_STYLE_PLAIN ? SCHOLIA_CITATION_MARKUP_TEXT
                                                                                   : SCHOLIA_CITATION_MARKUP_MARKDOWN);
  if (!json)
    {
      printf ("%s\n", citation);
      return SCHOLIA_CLI_OK;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  if (annotation_id > 0)
    {
      json_builder_set_member_name (builder, "annotation");
      json_builder_add_int_value (builder, annotation_id);
    }
  json_builder_set_member_name (builder, "document");
  json_builder_add_int_value (builder, scholia_document_get_id (document));
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, scholia_document_get_citation_key (document));
  json_builder_set_member_name (builder, "reference");
  json_builder_add_boolean_value (builder, reference != NULL);
  json_builder_set_member_name (builder, "style");
  json_builder_add_string_value (builder, scholia_citation_style_to_string (style));
  json_builder_set_member_name (builder, "citation");
  json_builder_add_string_value (builder, citation);
  json_builder_end_object (builder);
  scholia_cli_print_json (builder);
  return SCHOLIA_CLI_OK;
}

int
scholia_cli_cite_annotation (ScholiaCli           *cli,
                             const char           *id_text,
                             ScholiaCitationStyle  style,
                             gboolean              short_note,
                             gboolean              json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autofree char *text = NULL;
  ScholiaDocument *document;
  char *end = NULL;
  gint64 id = g_ascii_strtoll (id_text, &end, 10);

  if (end == id_text || *end != '\0' || id <= 0)
    return scholia_cli_usage_error ("cite", _("Name an annotation by its id (a whole number), or a document with --quote"));
  if (scholia_cli_open_store (cli, FALSE, &error) == NULL ||
      (annotation = scholia_store_get_annotation (cli->store, id, &error)) == NULL)
    return scholia_cli_fail (error);

  document = scholia_store_lookup_document (cli->store, scholia_annotation_get_document_id (annotation));
  if (document == NULL)
    {
      g_set_error (&error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   _("Annotation %lld belongs to no document in this library"), (long long) id);
      return scholia_cli_fail (error);
    }
  if (scholia_annotation_get_orphaned (annotation))
    {
      g_set_error (&error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("Annotation %lld is no longer found in the text of “%s”, so it has no place to cite; "
                     "place it again in the reader first"),
                   (long long) id, scholia_document_get_title (document));
      return scholia_cli_fail (error);
    }
  if ((text = scholia_store_load_text (cli->store, document, &error)) == NULL ||
      (pages = scholia_store_load_pages (cli->store, document, &error)) == NULL)
    return scholia_cli_fail (error);

  return scholia_cli_print_citation (cli, document, text, pages, scholia_annotation_get_start (annotation),
                                     scholia_annotation_get_end (annotation), id, style, short_note, json);
}
