/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The pane beside the reader and the current annotation, as the page's callbacks and actions
 * use them: show a page of the pane, inspect an annotation, select it in the reader. It calls
 * nothing else of the page, so every other file of the page may call it. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-document-page-private.h"

/* The pane on @page ("annotation", "compare" or "matrix"), shown. */
void
_scholia_document_page_reveal_pane (ScholiaDocumentPage *self,
                                    const char          *page)
{
  adw_view_stack_set_visible_child_name (self->pane_stack, page);
  adw_flap_set_reveal_flap (self->inspector_flap, TRUE);
}

/* The current annotation is the reading's; the inspector shows it. */
void
_scholia_document_page_inspect_annotation (ScholiaDocumentPage *self,
                                           ScholiaAnnotation   *annotation)
{
  if (self->reading != NULL)
    scholia_reading_set_current (self->reading, annotation);
  _scholia_document_page_reveal_pane (self, "annotation");
}

/* A placed annotation's passage, selected in the reader; an unplaced one has none. */
void
_scholia_document_page_select_annotation (ScholiaDocumentPage *self,
                                          ScholiaAnnotation   *annotation)
{
  if (!scholia_annotation_get_orphaned (annotation))
    scholia_reading_view_select_range (self->reading_view,
                                       scholia_annotation_get_start (annotation),
                                       scholia_annotation_get_end (annotation));
}

/* An annotation of the open essay (placed or not), by id. */
ScholiaAnnotation *
_scholia_document_page_lookup_annotation (ScholiaDocumentPage *self,
                                          gint64               annotation_id)
{
  return self->reading != NULL ? scholia_reading_lookup (self->reading, annotation_id) : NULL;
}
