/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What a highlight means, for assistive technology: a highlight is a background colour, which a
 * screen reader does not say. GTK 4.8 has no accessible text attributes, so the reader's
 * accessible description tells the tags (and whether there is a note) of the passage the caret
 * is in. It calls nothing else of the page. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>

#include "scholia-document-page-private.h"

/* "Highlighted: thesis, evidence; has a note" for the annotations holding @offset, or NULL. */
static char *
describe_offset (ScholiaDocumentPage *self,
                 int                  offset)
{
  g_autoptr(GPtrArray) annotations = scholia_reading_list_at (self->reading, offset);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *tags = NULL;
  gboolean has_note = FALSE;

  if (annotations->len == 0)
    return NULL;

  for (guint i = 0; i < annotations->len; i++)
    {
      ScholiaAnnotation *annotation = g_ptr_array_index (annotations, i);
      const char *note = scholia_annotation_get_note (annotation);
      guint n_tags = 0;
      const gint64 *tag_ids = scholia_annotation_get_tag_ids (annotation, &n_tags);

      has_note |= note != NULL && *note != '\0';
      for (guint t = 0; t < n_tags; t++)
        {
          ScholiaLabel *tag = scholia_store_lookup_label (self->store, SCHOLIA_TYPE_TAG, tag_ids[t]);
          const char *name = tag != NULL ? scholia_label_get_display_name (tag) : NULL;

          if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_ptr_array_add (names, (gpointer) name);
        }
    }
  g_ptr_array_add (names, NULL);
  tags = g_strjoinv (", ", (char **) names->pdata);

  /* Translators: what a screen reader says of the passage at the caret; %s lists its tags */
  return has_note ? g_strdup_printf (_("Highlighted: %s; has a note"), tags)
                  /* Translators: read by a screen reader: %s is a list of the tags of the passage
                   * under the cursor */
                  : g_strdup_printf (_("Highlighted: %s"), tags);
}

/* Called when the caret moves or the annotations change. */
void
_scholia_document_page_describe_caret (ScholiaDocumentPage *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (scholia_reading_view_get_buffer (self->reading_view));
  GtkAccessible *view = GTK_ACCESSIBLE (scholia_reading_view_get_source_view (self->reading_view));
  g_autofree char *description = NULL;
  GtkTextIter caret;

  if (self->reading != NULL && self->store != NULL)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
      description = describe_offset (self, gtk_text_iter_get_offset (&caret));
    }

  if (description != NULL)
    gtk_accessible_update_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}
