/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-citation.h"
#include "scholia-citation-styles.h"
#include "scholia-comparison.h"
#include "scholia-store-links.h"
#include "scholia-store-references.h"
#include "scholia-table-export.h"

#define UTF8_BOM "\xef\xbb\xbf"

static GPtrArray *
documents_or_all (ScholiaStore *store,
                  GPtrArray    *documents)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  if (documents != NULL)
    {
      for (guint i = 0; i < documents->len; i++)
        g_ptr_array_add (list, g_object_ref (g_ptr_array_index (documents, i)));
      return list;
    }

  for (guint i = 0; i < g_list_model_get_n_items (scholia_store_get_documents (store)); i++)
    g_ptr_array_add (list, g_list_model_get_item (scholia_store_get_documents (store), i));
  return list;
}

/* The printed page a passage starts on, "" when the document has no pages. */
static const char *
page_of (GArray *pages,
         int     offset)
{
  const char *label = scholia_page_ranges_lookup (pages, offset);

  return label != NULL ? label : "";
}

/* @shown: the names a person reads (Markdown), with the built-in tags' translated; else the
 * stored names (CSV), which stay the same in every language. */
static char *
join_labels (ScholiaStore      *store,
             ScholiaAnnotation *annotation,
             GType              label_type,
             gboolean           shown,
             const char        *separator,
             const char        *before,
             const char        *after)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  const gint64 *ids;
  guint n_ids;

  ids = scholia_annotation_get_label_ids (annotation, label_type, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaLabel *label = scholia_store_lookup_label (store, label_type, ids[i]);

      if (label == NULL)
        continue;
      g_string_append_printf (joined, "%s%s%s%s", joined->len > 0 ? separator : "", before,
                              shown ? scholia_label_get_display_name (label) : scholia_label_get_name (label), after);
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* CSV                                                                                          */
/* ------------------------------------------------------------------------------------------ */

static void
append_field (GString    *csv,
              const char *field,
              gboolean    last)
{
  if (strpbrk (field, ",\"\r\n") != NULL)
    {
      g_string_append_c (csv, '"');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (csv, '"');
          g_string_append_c (csv, *p);
        }
      g_string_append_c (csv, '"');
    }
  else
    g_string_append (csv, field);
  g_string_append (csv, last ? "\r\n" : ",");
}

char *
scholia_table_export_csv (ScholiaStore  *store,
                          GPtrArray     *documents,
                          GError       **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) csv = g_string_new (UTF8_BOM);
  const char *header[] = { "document", "author", "date", "source", "page", "tags", "themes", "quote",
                           "note", "start", "end", "orphaned" };

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    append_field (csv, header[i], i + 1 == G_N_ELEMENTS (header));

  list = documents_or_all (store, documents);
  for (guint d = 0; d < list->len; d++)
    {
      ScholiaDocument *document = g_ptr_array_index (list, d);
      g_autoptr(GListModel) annotations = scholia_store_list_annotations (store, document, error);
      g_autoptr(GArray) pages = NULL;

      if (annotations == NULL || (pages = scholia_store_load_pages (store, document, error)) == NULL)
        return NULL;

      for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
        {
          g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
          g_autofree char *tags = join_labels (store, annotation, SCHOLIA_TYPE_TAG, FALSE, "; ", "", "");
          g_autofree char *themes = join_labels (store, annotation, SCHOLIA_TYPE_THEME, FALSE, "; ", "", "");
          g_autofree char *start = g_strdup_printf ("%d", scholia_annotation_get_start (annotation));
          g_autofree char *end = g_strdup_printf ("%d", scholia_annotation_get_end (annotation));

          append_field (csv, scholia_document_get_title (document), FALSE);
          append_field (csv, scholia_document_get_author (document), FALSE);
          append_field (csv, scholia_document_get_date (document), FALSE);
          append_field (csv, scholia_document_get_source (document), FALSE);
          append_field (csv, page_of (pages, scholia_annotation_get_start (annotation)), FALSE);
          append_field (csv, tags, FALSE);
          append_field (csv, themes, FALSE);
          append_field (csv, scholia_annotation_get_quote (annotation), FALSE);
          append_field (csv, scholia_annotation_get_note (annotation), FALSE);
          append_field (csv, start, FALSE);
          append_field (csv, end, FALSE);
          append_field (csv, scholia_annotation_get_orphaned (annotation) ? "yes" : "no", TRUE);
        }
    }

  return g_string_free (g_steal_pointer (&csv), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Markdown                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* Text that Markdown shows as written: punctuation that could start emphasis, a link, code,
 * HTML or a table cell is escaped, as are a heading, list or quote marker at a line's start. */
static void
append_escaped (GString    *markdown,
                const char *text)
{
  gboolean line_start = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>|", *p) != NULL ||
          (line_start && strchr ("#-+=", *p) != NULL) ||
          (line_start && g_ascii_isdigit (*p) && (p[1] == '.' || p[1] == ')')))
        {
          if (g_ascii_isdigit (*p))
            {
              g_string_append_c (markdown, *p++);
              g_string_append_c (markdown, '\\');
            }
          else
            g_string_append_c (markdown, '\\');
        }
      g_string_append_c (markdown, *p);
      line_start = *p == '\n';
    }
}

/* @text as a block quote: every line, blank ones too, keeps the marker. */
static void
append_block_quote (GString    *markdown,
                    const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_string_append (markdown, *lines[i] != '\0' ? "> " : ">");
      append_escaped (markdown, lines[i]);
      g_string_append_c (markdown, '\n');
    }
  g_string_append_c (markdown, '\n');
}

static void
append_note (GString    *markdown,
             const char *note)
{
  if (note == NULL || *note == '\0')
    return;
  append_escaped (markdown, note);
  g_string_append (markdown, "\n\n");
}

static void
append_metadata_line (GString    *markdown,
                      const char *author,
                      const char *date,
                      const char *source)
{
  const char *parts[] = { author, date, source };
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (any)
        g_string_append (markdown, " · ");
      if (i == 0)
        g_string_append_c (markdown, '*');
      append_escaped (markdown, parts[i]);
      if (i == 0)
        g_string_append_c (markdown, '*');
      any = TRUE;
    }
  if (any)
    g_string_append (markdown, "\n\n");
}

/* annotation id → GPtrArray of its links (borrowed from @links). */
static GHashTable *
links_by_annotation (GListModel *links)
{
  GHashTable *by_annotation = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                     (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(ScholiaLink) link = g_list_model_get_item (links, i);

      for (ScholiaLinkEnd end = SCHOLIA_LINK_END_SOURCE; end <= SCHOLIA_LINK_END_TARGET; end++)
        {
          gint64 id = scholia_link_get_annotation_id (link, end);
          GPtrArray *list = g_hash_table_lookup (by_annotation, &id);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (by_annotation, g_memdup2 (&id, sizeof id), list);
            }
          g_ptr_array_add (list, link);   /* @links holds it */
        }
    }
  return by_annotation;
}

/* "- Answers: “quote…” (Author, Title)", a line per link, read from the annotation's end. */
static void
append_links (GString    *markdown,
              GHashTable *by_annotation,
              gint64      annotation_id)
{
  GPtrArray *links = g_hash_table_lookup (by_annotation, &annotation_id);

  if (links == NULL)
    return;
  for (guint i = 0; i < links->len; i++)
    {
      ScholiaLink *link = g_ptr_array_index (links, i);
      ScholiaLinkEnd end = SCHOLIA_LINK_END_SOURCE;
      g_autofree char *reading = NULL;
      g_autofree char *label = NULL;
      g_autofree char *other = NULL;

      scholia_link_find_end (link, annotation_id, &end);
      reading = scholia_link_get_reading (link, end);
      label = scholia_link_capitalize (reading);
      other = scholia_link_describe_end (link, scholia_link_end_opposite (end), 80);
      g_string_append (markdown, "- ");
      append_escaped (markdown, label);
      g_string_append (markdown, ": ");
      append_escaped (markdown, other);
      g_string_append_c (markdown, '\n');
    }
  g_string_append_c (markdown, '\n');
}

/* Issue 15: an essay with a citation key is cited as a historian's Markdown cites it. Its source
 * line is its Chicago bibliography entry (of its reference, else of its own metadata), ready
 * for a bibliography; each placed passage gets its Pandoc citation "[@key, p. 3]". */
static gboolean
append_reference_line (GString          *markdown,
                       ScholiaStore     *store,
                       ScholiaDocument  *document,
                       GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ScholiaReference) reference = scholia_store_get_document_reference (store, document, &local_error);
  g_autofree char *entry = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (reference == NULL)
    reference = scholia_citation_reference_from_document (document);
  entry = scholia_citation_format_chicago (reference, SCHOLIA_CHICAGO_BIBLIOGRAPHY, NULL, SCHOLIA_CITATION_MARKUP_MARKDOWN);
  g_string_append_printf (markdown, "%s\n\n", entry);
  return TRUE;
}

static char *
dup_pandoc_citation (ScholiaDocument   *document,
                     ScholiaAnnotation *annotation,
                     const char        *text,
                     GArray            *pages)
{
  g_autofree char *place = NULL;

  if (text == NULL || scholia_annotation_get_orphaned (annotation))
    return NULL;
  place = scholia_citation_format_place (text, pages, scholia_annotation_get_start (annotation),
                                         scholia_annotation_get_end (annotation));
  return scholia_citation_format_pandoc (scholia_document_get_citation_key (document), place);
}

char *
scholia_table_export_markdown (ScholiaStore  *store,
                               GPtrArray     *documents,
                               GError       **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) markdown = g_string_new (NULL);

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  list = documents_or_all (store, documents);
  for (guint d = 0; d < list->len; d++)
    {
      ScholiaDocument *document = g_ptr_array_index (list, d);
      g_autoptr(GListModel) annotations = scholia_store_list_annotations (store, document, error);
      g_autoptr(GArray) pages = NULL;
      g_autoptr(GListModel) links = NULL;
      g_autoptr(GHashTable) by_annotation = NULL;
      g_autofree char *text = NULL;
      gboolean keyed = *scholia_document_get_citation_key (document) != '\0';

      if (annotations == NULL || (pages = scholia_store_load_pages (store, document, error)) == NULL ||
          (links = scholia_store_list_document_links (store, scholia_document_get_id (document), error)) == NULL ||
          (keyed && (text = scholia_store_load_text (store, document, error)) == NULL))
        return NULL;
      by_annotation = links_by_annotation (links);

      if (d > 0)
        g_string_append (markdown, "\n");
      g_string_append (markdown, "# ");
      append_escaped (markdown, scholia_document_get_title (document));
      g_string_append (markdown, "\n\n");
      if (keyed)
        {
          if (!append_reference_line (markdown, store, document, error))
            return NULL;
        }
      else
        append_metadata_line (markdown, scholia_document_get_author (document),
                              scholia_document_get_date (document), scholia_document_get_source (document));

      for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
        {
          g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
          g_autofree char *tags = join_labels (store, annotation, SCHOLIA_TYPE_TAG, TRUE, ", ", "**", "**");
          g_autofree char *themes = join_labels (store, annotation, SCHOLIA_TYPE_THEME, TRUE, ", ", "", "");
          const char *page = page_of (pages, scholia_annotation_get_start (annotation));
          g_autofree char *pandoc = dup_pandoc_citation (document, annotation, text, pages);
          g_autoptr(GString) line = g_string_new (NULL);

          append_block_quote (markdown, scholia_annotation_get_quote (annotation));
          if (*tags != '\0')
            g_string_append (line, tags);
          if (*themes != '\0')
            {
              g_string_append_printf (line, "%s%s ", line->len > 0 ? " · " : "", _("Themes:"));
              append_escaped (line, themes);
            }
          if (pandoc != NULL)
            g_string_append_printf (line, "%s%s", line->len > 0 ? " · " : "", pandoc);
          else if (*page != '\0')
            {
              g_string_append_printf (line, "%s", line->len > 0 ? " · " : "");
              g_string_append_printf (line, _("p. %s"), page);
            }
          if (scholia_annotation_get_orphaned (annotation))
            g_string_append_printf (line, "%s%s", line->len > 0 ? " · " : "",
                                    _("(no longer found in the text)"));
          if (line->len > 0)
            g_string_append_printf (markdown, "%s\n\n", line->str);
          append_note (markdown, scholia_annotation_get_note (annotation));
          append_links (markdown, by_annotation, scholia_annotation_get_id (annotation));
        }
    }

  return g_string_free (g_steal_pointer (&markdown), FALSE);
}

static const char *
author_or_unknown (const char *author)
{
  return author != NULL && *author != '\0' ? author : _("Unknown Author");
}

/* After a theme's passage from an essay with a citation key, its Pandoc citation. */
static void
append_passage_pandoc (GString           *markdown,
                       ScholiaStore      *store,
                       ScholiaComparison *comparison,
                       ScholiaPassage    *passage)
{
  ScholiaDocument *document = scholia_store_lookup_document (store, scholia_passage_get_document_id (passage));
  g_autofree char *place = NULL;
  g_autofree char *pandoc = NULL;

  if (document == NULL || *scholia_document_get_citation_key (document) == '\0')
    return;
  place = scholia_comparison_dup_place (comparison, passage);
  pandoc = scholia_citation_format_pandoc (scholia_document_get_citation_key (document), place);
  g_string_append_printf (markdown, " %s", pandoc);
}

char *
scholia_table_export_theme_markdown (ScholiaStore  *store,
                                     ScholiaTheme  *theme,
                                     GError       **error)
{
  g_autoptr(ScholiaComparison) comparison = NULL;
  g_autoptr(GString) markdown = g_string_new (NULL);
  g_autoptr(ScholiaPassage) previous = NULL;
  GListModel *passages;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_THEME (theme), NULL);

  comparison = scholia_comparison_new (store);
  scholia_comparison_set_theme (comparison, theme);
  passages = scholia_comparison_get_passages (comparison);
  if (!scholia_comparison_refresh (comparison, error) || !scholia_passages_read_model (passages, error))
    return NULL;

  g_string_append (markdown, "# ");
  append_escaped (markdown, scholia_label_get_name (SCHOLIA_LABEL (theme)));
  g_string_append (markdown, "\n\n");
  if (*scholia_label_get_description (SCHOLIA_LABEL (theme)) != '\0')
    {
      append_escaped (markdown, scholia_label_get_description (SCHOLIA_LABEL (theme)));
      g_string_append (markdown, "\n\n");
    }

  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);
      const char *author = author_or_unknown (scholia_passage_get_author (passage));
      const char *date = scholia_passage_get_date (passage);
      const char *page = scholia_passage_get_page (passage);
      gboolean new_author = previous == NULL ||
                            g_strcmp0 (scholia_passage_get_author (previous), scholia_passage_get_author (passage)) != 0;
      const gint64 *tag_ids;
      guint n_tag_ids;

      if (new_author)
        {
          g_string_append (markdown, "## ");
          append_escaped (markdown, author);
          g_string_append (markdown, "\n\n");
        }
      if (new_author || scholia_passage_get_document_id (previous) != scholia_passage_get_document_id (passage))
        {
          g_string_append (markdown, "### ");
          append_escaped (markdown, scholia_passage_get_title (passage));
          if (*date != '\0')
            {
              g_string_append (markdown, " (");
              append_escaped (markdown, date);
              g_string_append (markdown, ")");
            }
          g_string_append (markdown, "\n\n");
        }

      append_block_quote (markdown, scholia_passage_get_quote (passage));

      /* The citation: tags first, then author, title, date and page as a footnote would. */
      tag_ids = scholia_passage_get_tag_ids (passage, &n_tag_ids);
      for (guint t = 0; t < n_tag_ids; t++)
        {
          ScholiaLabel *tag = scholia_store_lookup_label (store, SCHOLIA_TYPE_TAG, tag_ids[t]);

          if (tag != NULL)
            g_string_append_printf (markdown, "**%s** ", scholia_label_get_display_name (tag));
        }
      g_string_append (markdown, "— ");
      append_escaped (markdown, author);
      g_string_append (markdown, ", *");
      append_escaped (markdown, scholia_passage_get_title (passage));
      g_string_append (markdown, "*");
      if (*date != '\0')
        {
          g_string_append (markdown, " (");
          append_escaped (markdown, date);
          g_string_append (markdown, ")");
        }
      if (*page != '\0')
        {
          g_string_append (markdown, ", ");
          g_string_append_printf (markdown, _("p. %s"), page);
        }
      append_passage_pandoc (markdown, store, comparison, passage);
      g_string_append (markdown, "\n\n");
      append_note (markdown, scholia_passage_get_note (passage));

      g_set_object (&previous, passage);
    }

  return g_string_free (g_steal_pointer (&markdown), FALSE);
}
