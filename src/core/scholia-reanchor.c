/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-anchor.h"
#include "scholia-reanchor.h"

/* Checks every annotation of @document against @text, its current text, and writes what moved
 * in one transaction. Annotations whose offsets still hold their quote are not touched;
 * orphans are tried again, so a passage that comes back is found. */
gboolean
scholia_reanchor_document (ScholiaStore            *store,
                           ScholiaDocument         *document,
                           const char              *text,
                           ScholiaReanchorSummary  *summary,
                           GError                 **error)
{
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(ScholiaAnchorText) anchor_text = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autofree ScholiaAnchorSelector *selectors = NULL;
  g_autofree ScholiaAnchorResult *results = NULL;
  g_autoptr(GArray) updates = g_array_new (FALSE, FALSE, sizeof (ScholiaAnchorUpdate));
  ScholiaReanchorSummary counts = { 0 };
  guint n;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  annotations = scholia_store_list_annotations (store, document, error);
  if (annotations == NULL)
    return FALSE;

  n = g_list_model_get_n_items (annotations);
  held = g_ptr_array_new_full (n, g_object_unref);
  selectors = g_new0 (ScholiaAnchorSelector, MAX (n, 1));
  results = g_new0 (ScholiaAnchorResult, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      ScholiaAnnotation *annotation = g_list_model_get_item (annotations, i);

      g_ptr_array_add (held, annotation);
      selectors[i] = (ScholiaAnchorSelector) {
        .start = scholia_annotation_get_start (annotation),
        .end = scholia_annotation_get_end (annotation),
        .quote = scholia_annotation_get_quote (annotation),
        .prefix = scholia_annotation_get_prefix (annotation),
        .suffix = scholia_annotation_get_suffix (annotation),
      };
    }

  anchor_text = scholia_anchor_text_new (text, -1);
  scholia_anchor_locate_all (anchor_text, selectors, n, results);

  for (guint i = 0; i < n; i++)
    {
      ScholiaAnnotation *annotation = g_ptr_array_index (held, i);
      gboolean was_orphan = scholia_annotation_get_orphaned (annotation);
      ScholiaAnchorUpdate update = { annotation, results[i].start, results[i].end, FALSE };

      switch (results[i].status)
        {
        case SCHOLIA_ANCHOR_EXACT_POSITION:
          counts.unchanged++;
          if (!was_orphan)
            continue;
          break;
        case SCHOLIA_ANCHOR_EXACT_MOVED:
          counts.moved++;
          break;
        case SCHOLIA_ANCHOR_FUZZY:
          counts.fuzzy++;
          break;
        case SCHOLIA_ANCHOR_ORPHAN:
        default:
          if (was_orphan)
            {
              counts.still_orphaned++;
              continue;
            }
          counts.orphaned++;
          update.orphaned = TRUE;
          break;
        }
      g_array_append_val (updates, update);
    }

  if (updates->len > 0 &&
      !scholia_store_update_anchors (store, (ScholiaAnchorUpdate *) updates->data, updates->len, error))
    return FALSE;

  if (summary != NULL)
    *summary = counts;
  return TRUE;
}
