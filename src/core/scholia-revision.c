/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-anchor.h"
#include "scholia-error.h"
#include "scholia-importer.h"
#include "scholia-revision.h"
#include "scholia-text-offsets.h"

/* Where an annotation was before the text changed. */
typedef struct
{
  ScholiaAnnotation *annotation;
  int                start;
  int                end;
  gboolean           orphaned;
  ScholiaUnplacedReason reason;
  char              *source;
  char              *quote;
  char              *prefix;
  char              *suffix;
} SavedAnchor;

struct _ScholiaRevision
{
  ScholiaDocument *document;
  char            *text;
  GArray          *pages;     /* ScholiaPageRange */
  GArray          *anchors;   /* SavedAnchor */
};

static void
saved_anchor_clear (SavedAnchor *saved)
{
  g_clear_object (&saved->annotation);
  g_clear_pointer (&saved->quote, g_free);
  g_clear_pointer (&saved->prefix, g_free);
  g_clear_pointer (&saved->suffix, g_free);
  g_clear_pointer (&saved->source, g_free);
}

void
scholia_revision_free (ScholiaRevision *revision)
{
  if (revision == NULL)
    return;
  g_clear_object (&revision->document);
  g_free (revision->text);
  g_clear_pointer (&revision->pages, g_array_unref);
  g_clear_pointer (&revision->anchors, g_array_unref);
  g_free (revision);
}

ScholiaDocument *
scholia_revision_get_document (ScholiaRevision *revision)
{
  g_return_val_if_fail (revision != NULL, NULL);

  return revision->document;
}

/* Moves every annotation of @document onto @text and writes text and places together. An
 * annotation found in @saved (annotation → SavedAnchor) goes back exactly where it was; the
 * others are located as re-anchoring does, placed ones taking quote and context from @text. */
static gboolean
replace_text (ScholiaStore            *store,
              ScholiaDocument         *document,
              const char              *text,
              GArray                  *pages,
              GHashTable              *saved,
              ScholiaReanchorSummary  *summary,
              GError                 **error)
{
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(GPtrArray) located = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ScholiaAnchorText) anchor_text = NULL;
  g_autoptr(ScholiaTextOffsets) offsets = NULL;
  g_autofree ScholiaAnchorSelector *selectors = NULL;
  g_autofree ScholiaAnchorResult *results = NULL;
  g_autofree ScholiaTextAnchor *anchors = NULL;
  ScholiaReanchorSummary counts = { 0 };
  guint n;

  annotations = scholia_store_list_annotations (store, document, error);
  if (annotations == NULL)
    return FALSE;

  n = g_list_model_get_n_items (annotations);
  anchors = g_new0 (ScholiaTextAnchor, MAX (n, 1));
  located = g_ptr_array_new_full (n, g_object_unref);
  selectors = g_new0 (ScholiaAnchorSelector, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      ScholiaAnnotation *annotation = g_list_model_get_item (annotations, i);
      SavedAnchor *before = saved != NULL ? g_hash_table_lookup (saved, annotation) : NULL;

      anchors[i].annotation = annotation;
      if (before != NULL)
        {
          anchors[i].start = before->start;
          anchors[i].end = before->end;
          anchors[i].orphaned = before->orphaned;
          anchors[i].reason = before->reason;
          anchors[i].source = before->source;
          anchors[i].quote = before->quote;
          anchors[i].prefix = before->prefix;
          anchors[i].suffix = before->suffix;
          g_object_unref (annotation);
          continue;
        }

      selectors[located->len] = (ScholiaAnchorSelector) {
        .start = scholia_annotation_get_start (annotation),
        .end = scholia_annotation_get_end (annotation),
        .quote = scholia_annotation_get_quote (annotation),
        .prefix = scholia_annotation_get_prefix (annotation),
        .suffix = scholia_annotation_get_suffix (annotation),
      };
      g_ptr_array_add (located, annotation);
    }

  results = g_new0 (ScholiaAnchorResult, MAX (located->len, 1));
  if (located->len > 0)
    {
      anchor_text = scholia_anchor_text_new (text, -1);
      offsets = scholia_text_offsets_new (text);
      scholia_anchor_locate_all (anchor_text, selectors, located->len, results);
    }

  for (guint i = 0, j = 0; i < n && j < located->len; i++)
    {
      ScholiaAnnotation *annotation = g_ptr_array_index (located, j);
      ScholiaTextAnchor *anchor = &anchors[i];
      const ScholiaAnchorResult *result = &results[j];
      char *quote, *prefix, *suffix;

      if (anchor->annotation != annotation)
        continue;
      j++;

      switch (result->status)
        {
        case SCHOLIA_ANCHOR_EXACT_POSITION:
          counts.unchanged++;
          break;
        case SCHOLIA_ANCHOR_EXACT_MOVED:
          counts.moved++;
          break;
        case SCHOLIA_ANCHOR_FUZZY:
          counts.fuzzy++;
          break;
        case SCHOLIA_ANCHOR_ORPHAN:
        default:
          if (scholia_annotation_get_orphaned (annotation))
            counts.still_orphaned++;
          else
            counts.orphaned++;
          /* Kept with its quote and old place, so that nothing the user wrote is lost. */
          anchor->orphaned = TRUE;
          /* One already unplaced keeps its reason (an import's file, say). */
          if (scholia_annotation_get_orphaned (annotation))
            {
              anchor->reason = scholia_annotation_get_unplaced_reason (annotation);
              anchor->source = scholia_annotation_get_unplaced_source (annotation);
            }
          anchor->start = scholia_annotation_get_start (annotation);
          anchor->end = scholia_annotation_get_end (annotation);
          continue;
        }

      anchor->start = result->start;
      anchor->end = result->end;
      scholia_text_offsets_context (offsets, result->start, result->end, &quote, &prefix, &suffix);
      g_ptr_array_add (strings, quote);
      g_ptr_array_add (strings, prefix);
      g_ptr_array_add (strings, suffix);
      anchor->quote = quote;
      anchor->prefix = prefix;
      anchor->suffix = suffix;
    }

  if (!scholia_store_replace_text (store, document, text, pages, anchors, n, error))
    return FALSE;

  if (summary != NULL)
    *summary = counts;
  return TRUE;
}

ScholiaRevision *
scholia_revision_apply (ScholiaStore            *store,
                        ScholiaDocument         *document,
                        const char              *text,
                        GArray                  *pages,
                        ScholiaReanchorSummary  *summary,
                        GError                 **error)
{
  g_autoptr(ScholiaRevision) revision = g_new0 (ScholiaRevision, 1);
  g_autoptr(GListModel) annotations = NULL;
  guint n;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  revision->document = g_object_ref (document);
  revision->text = scholia_store_load_text (store, document, error);
  if (revision->text == NULL)
    return NULL;
  revision->pages = scholia_store_load_pages (store, document, error);
  if (revision->pages == NULL)
    return NULL;
  annotations = scholia_store_list_annotations (store, document, error);
  if (annotations == NULL)
    return NULL;

  n = g_list_model_get_n_items (annotations);
  revision->anchors = g_array_sized_new (FALSE, FALSE, sizeof (SavedAnchor), n);
  g_array_set_clear_func (revision->anchors, (GDestroyNotify) saved_anchor_clear);
  for (guint i = 0; i < n; i++)
    {
      ScholiaAnnotation *annotation = g_list_model_get_item (annotations, i);
      SavedAnchor saved = {
        .annotation = annotation,
        .start = scholia_annotation_get_start (annotation),
        .end = scholia_annotation_get_end (annotation),
        .orphaned = scholia_annotation_get_orphaned (annotation),
        .reason = scholia_annotation_get_unplaced_reason (annotation),
        .source = g_strdup (scholia_annotation_get_unplaced_source (annotation)),
        .quote = g_strdup (scholia_annotation_get_quote (annotation)),
        .prefix = g_strdup (scholia_annotation_get_prefix (annotation)),
        .suffix = g_strdup (scholia_annotation_get_suffix (annotation)),
      };

      g_array_append_val (revision->anchors, saved);
    }

  if (!replace_text (store, document, text, pages, NULL, summary, error))
    return NULL;
  return g_steal_pointer (&revision);
}

ScholiaRevision *
scholia_revision_replace_text (ScholiaStore            *store,
                               ScholiaDocument         *document,
                               GFile                   *revised,
                               ScholiaReanchorSummary  *summary,
                               GCancellable            *cancellable,
                               GError                 **error)
{
  g_autoptr(ScholiaImportedText) imported = NULL;
  ScholiaRevision *revision;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (G_IS_FILE (revised), NULL);

  imported = scholia_import_file (revised, cancellable, error);
  if (imported == NULL)
    return NULL;

  revision = scholia_revision_apply (store, document, imported->text, imported->pages, summary, error);
  if (revision == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (revised);

      g_prefix_error (error, _("Could not replace the text of “%s” with “%s”: "),
                      scholia_document_get_title (document), name);
    }
  return revision;
}

gboolean
scholia_revision_restore_text (ScholiaStore     *store,
                               ScholiaRevision  *revision,
                               GError          **error)
{
  g_autoptr(GHashTable) saved = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (revision != NULL, FALSE);

  if (scholia_store_lookup_document (store, scholia_document_get_id (revision->document)) != revision->document)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   _("“%s” is no longer in the library"), scholia_document_get_title (revision->document));
      return FALSE;
    }

  for (guint i = 0; i < revision->anchors->len; i++)
    {
      SavedAnchor *before = &g_array_index (revision->anchors, SavedAnchor, i);

      g_hash_table_insert (saved, before->annotation, before);
    }

  return replace_text (store, revision->document, revision->text, revision->pages, saved, NULL, error);
}
