/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-document-list.h"

struct _ScholiaDocumentList
{
  GObject                    parent_instance;

  ScholiaDocumentListLoader  loader;
  gpointer                   user_data;
  GPtrArray                 *items;     /* ScholiaDocument, by id; NULL until read */
  guint                      n_items;   /* expected until read */
};

static void scholia_document_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScholiaDocumentList, scholia_document_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      scholia_document_list_model_init))

static GType
scholia_document_list_get_item_type (GListModel *model)
{
  return SCHOLIA_TYPE_DOCUMENT;
}

static guint
scholia_document_list_get_n_items (GListModel *model)
{
  return SCHOLIA_DOCUMENT_LIST (model)->n_items;
}

static gpointer
scholia_document_list_get_item (GListModel *model,
                                guint       position)
{
  ScholiaDocumentList *self = SCHOLIA_DOCUMENT_LIST (model);
  g_autoptr(GError) error = NULL;

  /* A view asking cannot be told why the file could not be read: it gets no item, as past
   * the end, and the reason goes to the log (the store's own calls load first and report). */
  if (!_scholia_document_list_load (self, &error))
    {
      g_warning ("The library's essays could not be read: %s", error->message);
      return NULL;
    }
  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
scholia_document_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = scholia_document_list_get_item_type;
  iface->get_n_items = scholia_document_list_get_n_items;
  iface->get_item = scholia_document_list_get_item;
}

static void
scholia_document_list_finalize (GObject *object)
{
  ScholiaDocumentList *self = SCHOLIA_DOCUMENT_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (scholia_document_list_parent_class)->finalize (object);
}

static void
scholia_document_list_class_init (ScholiaDocumentListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = scholia_document_list_finalize;
}

static void
scholia_document_list_init (ScholiaDocumentList *self)
{
}

ScholiaDocumentList *
_scholia_document_list_new (ScholiaDocumentListLoader loader,
                            gpointer                  user_data)
{
  ScholiaDocumentList *self = g_object_new (SCHOLIA_TYPE_DOCUMENT_LIST, NULL);

  self->loader = loader;
  self->user_data = user_data;
  return self;
}

void
_scholia_document_list_reset (ScholiaDocumentList *self,
                              guint                n_items)
{
  guint removed = self->n_items;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->n_items = n_items;
  if (removed > 0 || n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, n_items);
}

gboolean
_scholia_document_list_is_loaded (ScholiaDocumentList *self)
{
  return self->items != NULL;
}

gboolean
_scholia_document_list_load (ScholiaDocumentList  *self,
                             GError              **error)
{
  g_autoptr(GPtrArray) items = NULL;
  guint expected = self->n_items;

  if (self->items != NULL)
    return TRUE;

  items = self->loader (self->user_data, error);
  if (items == NULL)
    return FALSE;
  self->items = g_steal_pointer (&items);
  self->n_items = self->items->len;
  /* Only when the count read at the start is no longer the file's (another program wrote
   * between the count and the list): views are told as of a change. */
  if (self->n_items != expected)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, expected, self->n_items);
  return TRUE;
}

/* Where @id is, or would go, among the essays read. */
static gboolean
find_position (ScholiaDocumentList *self,
               gint64               id,
               guint               *position)
{
  guint low = 0;
  guint high = self->items->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      gint64 here = scholia_document_get_id (g_ptr_array_index (self->items, middle));

      if (here == id)
        {
          *position = middle;
          return TRUE;
        }
      if (here < id)
        low = middle + 1;
      else
        high = middle;
    }
  *position = low;
  return FALSE;
}

gboolean
_scholia_document_list_insert (ScholiaDocumentList  *self,
                               ScholiaDocument      *document,
                               GError              **error)
{
  guint position;

  if (!_scholia_document_list_load (self, error))
    return FALSE;
  /* Read from the file just now, with the essay already in it. */
  if (find_position (self, scholia_document_get_id (document), &position))
    return TRUE;
  g_ptr_array_insert (self->items, position, g_object_ref (document));
  self->n_items++;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  return TRUE;
}

gboolean
_scholia_document_list_remove (ScholiaDocumentList  *self,
                               gint64                id,
                               GError              **error)
{
  guint position;

  if (!_scholia_document_list_load (self, error))
    return FALSE;
  if (!find_position (self, id, &position))
    return TRUE;
  g_ptr_array_remove_index (self->items, position);
  self->n_items--;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return TRUE;
}
