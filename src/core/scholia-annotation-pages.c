/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include "scholia-annotation-pages.h"

/* Rows are built a page at a time: GTK 4.8's list view asks for about 200 rows around the
 * one on screen, which are about four pages, read by four statements. */
#define PAGE_ROWS 64

struct _ScholiaAnnotationPages
{
  GObject       parent_instance;

  ScholiaStore *store;
  GArray       *places;     /* ScholiaAnnotationPlace, in row order */
  GHashTable   *positions;  /* annotation id → row + 1, made when first asked */
  /* Page number → GPtrArray of its PAGE_ROWS rows' annotations (NULL where one is gone), for
   * the pages read since the places were set or forgotten. */
  GHashTable   *pages;
};

static void scholia_annotation_pages_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScholiaAnnotationPages, scholia_annotation_pages, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, scholia_annotation_pages_list_model_init))

static void
unref_row (gpointer annotation)
{
  if (annotation != NULL)
    g_object_unref (annotation);
}

/* Reads the annotations of page @page's rows from the store, in one statement. */
static GPtrArray *
read_page (ScholiaAnnotationPages *self,
           guint                   page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = NULL;
  guint first = page * PAGE_ROWS, n = MIN (PAGE_ROWS, self->places->len - first);
  g_autofree gint64 *ids = g_new (gint64, n);
  GPtrArray *rows = g_ptr_array_new_full (n, unref_row);
  guint next = 0;

  for (guint i = 0; i < n; i++)
    ids[i] = g_array_index (self->places, ScholiaAnnotationPlace, first + i).annotation_id;
  read = scholia_store_get_annotations (self->store, ids, n, &error);
  if (read == NULL)
    g_warning ("Could not read the library’s annotations: %s", error->message);
  /* In the order asked for, without those gone since the places were read. */
  for (guint i = 0; i < n; i++)
    {
      ScholiaAnnotation *annotation = read != NULL && next < read->len ? g_ptr_array_index (read, next) : NULL;

      if (annotation != NULL && scholia_annotation_get_id (annotation) == ids[i])
        {
          g_ptr_array_add (rows, g_object_ref (annotation));
          next++;
        }
      else
        g_ptr_array_add (rows, NULL);
    }
  return rows;
}

static GType
scholia_annotation_pages_get_item_type (GListModel *model)
{
  return SCHOLIA_TYPE_ANNOTATION;
}

static guint
scholia_annotation_pages_get_n_items (GListModel *model)
{
  return SCHOLIA_ANNOTATION_PAGES (model)->places->len;
}

/* An annotation added or deleted since the places were read is set right by the refresh that
 * the store's "annotations-changed" brings (new places). */
static gpointer
scholia_annotation_pages_get_item (GListModel *model,
                                   guint       position)
{
  ScholiaAnnotationPages *self = SCHOLIA_ANNOTATION_PAGES (model);
  guint page = position / PAGE_ROWS;
  GPtrArray *rows;
  ScholiaAnnotation *annotation;

  if (position >= self->places->len)
    return NULL;
  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      rows = read_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
    }
  annotation = g_ptr_array_index (rows, position % PAGE_ROWS);
  return annotation != NULL ? g_object_ref (annotation) : NULL;
}

static void
scholia_annotation_pages_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = scholia_annotation_pages_get_item_type;
  iface->get_n_items = scholia_annotation_pages_get_n_items;
  iface->get_item = scholia_annotation_pages_get_item;
}

static void
scholia_annotation_pages_dispose (GObject *object)
{
  ScholiaAnnotationPages *self = SCHOLIA_ANNOTATION_PAGES (object);

  g_hash_table_remove_all (self->pages);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (scholia_annotation_pages_parent_class)->dispose (object);
}

static void
scholia_annotation_pages_finalize (GObject *object)
{
  ScholiaAnnotationPages *self = SCHOLIA_ANNOTATION_PAGES (object);

  g_clear_pointer (&self->places, g_array_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (scholia_annotation_pages_parent_class)->finalize (object);
}

static void
scholia_annotation_pages_class_init (ScholiaAnnotationPagesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scholia_annotation_pages_dispose;
  object_class->finalize = scholia_annotation_pages_finalize;
}

static void
scholia_annotation_pages_init (ScholiaAnnotationPages *self)
{
  self->places = g_array_new (FALSE, FALSE, sizeof (ScholiaAnnotationPlace));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

ScholiaAnnotationPages *
scholia_annotation_pages_new (ScholiaStore *store)
{
  ScholiaAnnotationPages *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  self = g_object_new (SCHOLIA_TYPE_ANNOTATION_PAGES, NULL);
  self->store = g_object_ref (store);
  return self;
}

void
scholia_annotation_pages_set_places (ScholiaAnnotationPages *self,
                                     GArray                 *places)
{
  guint removed;

  g_return_if_fail (SCHOLIA_IS_ANNOTATION_PAGES (self));
  g_return_if_fail (places != NULL);

  /* Emptied, then filled, in two changes: given both at once, GTK 4.8's list view asks for
   * every new row to find the widgets it could keep, which would build them all. */
  removed = self->places->len;
  g_hash_table_remove_all (self->pages);
  g_array_unref (self->places);
  self->places = g_array_new (FALSE, FALSE, sizeof (ScholiaAnnotationPlace));
  g_clear_pointer (&self->positions, g_hash_table_unref);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  g_array_unref (self->places);
  self->places = g_array_ref (places);
  if (places->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, places->len);
}

gint64
scholia_annotation_pages_get_id (ScholiaAnnotationPages *self,
                                 guint                   position)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_PAGES (self), 0);

  return position < self->places->len
         ? g_array_index (self->places, ScholiaAnnotationPlace, position).annotation_id : 0;
}

gboolean
scholia_annotation_pages_find (ScholiaAnnotationPages *self,
                               gint64                  id,
                               guint                  *position)
{
  gpointer row;

  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_PAGES (self), FALSE);

  if (self->positions == NULL)
    {
      self->positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < self->places->len; i++)
        g_hash_table_insert (self->positions,
                             g_memdup2 (&g_array_index (self->places, ScholiaAnnotationPlace, i).annotation_id,
                                        sizeof (gint64)),
                             GUINT_TO_POINTER (i + 1));
    }
  row = g_hash_table_lookup (self->positions, &id);
  if (row == NULL)
    return FALSE;
  if (position != NULL)
    *position = GPOINTER_TO_UINT (row) - 1;
  return TRUE;
}
