/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reader's context menu: "Tag" with the library's tags. It calls nothing else of the page,
 * so the page's other files may call it. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-document-page-private.h"
#include "scholia-tag-chip.h"

/* Stops following the names of the tags in the menu, and lets them go. */
static void
forget_menu_tags (ScholiaDocumentPage *self)
{
  for (guint i = 0; i < self->menu_tags->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->menu_tags, i),
                                          _scholia_document_page_rebuild_tag_menu, self);
  g_ptr_array_set_size (self->menu_tags, 0);
}

/* One item a tag of the library ("doc.tag" with its index, Ctrl+1 … Ctrl+9 for the first
 * nine), rebuilt when a tag is added, removed, moved or renamed. */
void
_scholia_document_page_rebuild_tag_menu (ScholiaDocumentPage *self)
{
  GListModel *tags = self->store != NULL ? scholia_store_get_labels (self->store, SCHOLIA_TYPE_TAG) : NULL;
  guint n = tags != NULL ? g_list_model_get_n_items (tags) : 0;

  forget_menu_tags (self);
  g_menu_remove_all (self->tag_menu);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaTag) tag = g_list_model_get_item (tags, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = scholia_tag_chip_menu_label (scholia_label_get_display_name (SCHOLIA_LABEL (tag)));

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "doc.tag", g_variant_new_int32 (i));
      if (i < SCHOLIA_TAG_PALETTE_MAX_TAGS)
        {
          g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);

          g_menu_item_set_attribute (item, "accel", "s", accel);
        }
      g_menu_append_item (self->tag_menu, item);

      g_signal_connect_object (tag, "notify::name",
                               G_CALLBACK (_scholia_document_page_rebuild_tag_menu), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->menu_tags, g_steal_pointer (&tag));
    }
}

void
_scholia_document_page_dispose_tag_menu (ScholiaDocumentPage *self)
{
  if (self->menu_tags == NULL)
    return;

  forget_menu_tags (self);
  g_clear_pointer (&self->menu_tags, g_ptr_array_unref);
}
