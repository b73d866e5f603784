/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "scholia-reading.h"

/* A change touching more annotations than this is reported as a change of the whole text
 * rather than one range per annotation. */
#define MAX_LOCAL_CHANGES 64

/* One annotation of the live list. start and end are its range as indexed, so that a move can
 * find it in the index and report where it was. */
typedef struct
{
  ScholiaAnnotation *annotation;
  gint64             id;
  int                start;
  int                end;
  gboolean           placed;
} Entry;

struct _ScholiaReading
{
  GObject            parent_instance;

  ScholiaStore      *store;
  ScholiaDocument   *document;
  char              *text;

  /* The store's live list, and its items mirrored so items-changed can tell which went. */
  GListModel        *annotations;
  GPtrArray         *items;
  /* ScholiaAnnotation → Entry, and id → Entry, for every item. */
  GHashTable        *entries;
  GHashTable        *entries_by_id;
  /* The placed entries, by start, end and id. */
  GPtrArray         *placed;
  /* No placed entry is longer: how far back a range query must look. */
  int                max_length;
  /* The orphans, in the list's order. */
  GListStore        *unplaced;

  ScholiaAnnotation *current;
};

G_DEFINE_FINAL_TYPE (ScholiaReading, scholia_reading, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CURRENT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void on_annotation_notify_cb (ScholiaReading    *self,
                                     GParamSpec        *pspec,
                                     ScholiaAnnotation *annotation);

/* Index order, the store's text order: start, end, id. */
static int
compare_keys (int    start_a,
              int    end_a,
              gint64 id_a,
              int    start_b,
              int    end_b,
              gint64 id_b)
{
  if (start_a != start_b)
    return start_a < start_b ? -1 : 1;
  if (end_a != end_b)
    return end_a < end_b ? -1 : 1;
  if (id_a != id_b)
    return id_a < id_b ? -1 : 1;
  return 0;
}

static int
compare_entry_with_annotation (const Entry       *entry,
                               ScholiaAnnotation *annotation)
{
  return compare_keys (entry->start, entry->end, entry->id,
                       scholia_annotation_get_start (annotation),
                       scholia_annotation_get_end (annotation),
                       scholia_annotation_get_id (annotation));
}

static int
compare_orphans (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  ScholiaAnnotation *left = (ScholiaAnnotation *) a;
  ScholiaAnnotation *right = (ScholiaAnnotation *) b;

  return compare_keys (scholia_annotation_get_start (left), scholia_annotation_get_end (left),
                       scholia_annotation_get_id (left),
                       scholia_annotation_get_start (right), scholia_annotation_get_end (right),
                       scholia_annotation_get_id (right));
}

/* Innermost first: shorter ranges, then later starts, then index order. */
static int
compare_lengths (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(Entry * const *) a;
  const Entry *y = *(Entry * const *) b;

  if (x->end - x->start != y->end - y->start)
    return (x->end - x->start) < (y->end - y->start) ? -1 : 1;
  if (x->start != y->start)
    return x->start > y->start ? -1 : 1;

  return compare_keys (x->start, x->end, x->id, y->start, y->end, y->id);
}

/* The index of the first placed entry that does not sort before the key. */
static guint
lower_bound (ScholiaReading *self,
             int             start,
             int             end,
             gint64          id)
{
  guint low = 0;
  guint high = self->placed->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      Entry *entry = g_ptr_array_index (self->placed, middle);

      if (compare_keys (entry->start, entry->end, entry->id, start, end, id) < 0)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

/* The placed entries sharing a character with [start, end), in index order. */
static void
collect_overlapping (ScholiaReading *self,
                     int             start,
                     int             end,
                     GPtrArray      *out)
{
  guint first = lower_bound (self, MAX (start - self->max_length, 0), G_MININT, G_MININT64);

  for (guint i = first; i < self->placed->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->placed, i);

      if (entry->start >= end)
        break;
      if (entry->end > start && entry->end > entry->start)
        g_ptr_array_add (out, entry);
    }
}

static void
emit_changed (ScholiaReading *self,
              int             start,
              int             end)
{
  g_signal_emit (self, signals[CHANGED], 0, start, end);
}

/* Tracking the list */

static void
index_entry (ScholiaReading *self,
             Entry          *entry)
{
  entry->start = scholia_annotation_get_start (entry->annotation);
  entry->end = scholia_annotation_get_end (entry->annotation);
  entry->placed = !scholia_annotation_get_orphaned (entry->annotation);

  if (entry->placed)
    {
      g_ptr_array_insert (self->placed, lower_bound (self, entry->start, entry->end, entry->id),
                          entry);
      self->max_length = MAX (self->max_length, entry->end - entry->start);
    }
  else
    {
      g_list_store_insert_sorted (self->unplaced, entry->annotation, compare_orphans, NULL);
    }
}

static void
unindex_entry (ScholiaReading *self,
               Entry          *entry)
{
  guint position;

  if (entry->placed)
    {
      position = lower_bound (self, entry->start, entry->end, entry->id);
      g_assert (position < self->placed->len && g_ptr_array_index (self->placed, position) == entry);
      g_ptr_array_remove_index (self->placed, position);
    }
  else if (g_list_store_find (self->unplaced, entry->annotation, &position))
    {
      g_list_store_remove (self->unplaced, position);
    }
}

static void
entry_free (Entry *entry)
{
  g_object_unref (entry->annotation);
  g_free (entry);
}

static Entry *
track (ScholiaReading    *self,
       ScholiaAnnotation *annotation)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->annotation = g_object_ref (annotation);
  entry->id = scholia_annotation_get_id (annotation);
  g_hash_table_insert (self->entries, annotation, entry);
  g_hash_table_insert (self->entries_by_id, &entry->id, entry);
  /* A plain handler: untrack() and dispose disconnect it. Tying it to the reading's life with
   * g_signal_connect_object() would cost a closure watch per annotation on the reading, and
   * thousands of those make opening and closing a long essay slow. */
  g_signal_connect_swapped (annotation, "notify", G_CALLBACK (on_annotation_notify_cb), self);
  index_entry (self, entry);

  return entry;
}

static void
untrack (ScholiaReading *self,
         Entry          *entry)
{
  g_signal_handlers_disconnect_by_func (entry->annotation, on_annotation_notify_cb, self);
  unindex_entry (self, entry);
  g_hash_table_remove (self->entries_by_id, &entry->id);
  g_hash_table_remove (self->entries, entry->annotation);
}

static void
on_annotation_notify_cb (ScholiaReading    *self,
                         GParamSpec        *pspec,
                         ScholiaAnnotation *annotation)
{
  Entry *entry = g_hash_table_lookup (self->entries, annotation);
  const char *name = g_param_spec_get_name (pspec);
  int old_start, old_end;
  gboolean was_placed;

  if (entry == NULL)
    return;

  if (g_str_equal (name, "tag-ids"))
    {
      if (entry->placed)
        emit_changed (self, entry->start, entry->end);
      return;
    }

  if (!g_str_equal (name, "start") && !g_str_equal (name, "end") && !g_str_equal (name, "orphaned"))
    return;

  /* A new range notifies start and end together: the second finds nothing left to do. */
  if (compare_entry_with_annotation (entry, annotation) == 0 &&
      entry->placed == !scholia_annotation_get_orphaned (annotation))
    return;

  old_start = entry->start;
  old_end = entry->end;
  was_placed = entry->placed;
  unindex_entry (self, entry);
  index_entry (self, entry);

  if (was_placed)
    emit_changed (self, old_start, old_end);
  if (entry->placed)
    emit_changed (self, entry->start, entry->end);
}

static void
on_annotations_items_changed_cb (ScholiaReading *self,
                                 guint           position,
                                 guint           removed,
                                 guint           added,
                                 GListModel     *model)
{
  g_autoptr(GHashTable) kept = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (int));

  /* The store re-sorts a list by taking its items out and putting them back: those stay
   * indexed, as their notifications already moved them. */
  for (guint i = 0; i < added; i++)
    g_hash_table_add (kept, g_list_model_get_item (model, position + i));

  for (guint i = 0; i < removed; i++)
    {
      ScholiaAnnotation *annotation = g_ptr_array_index (self->items, position + i);
      Entry *entry = g_hash_table_lookup (self->entries, annotation);

      if (entry == NULL || g_hash_table_contains (kept, annotation))
        continue;
      if (entry->placed)
        {
          g_array_append_val (ranges, entry->start);
          g_array_append_val (ranges, entry->end);
        }
      untrack (self, entry);
    }
  g_ptr_array_remove_range (self->items, position, removed);

  for (guint i = 0; i < added; i++)
    {
      ScholiaAnnotation *annotation = g_list_model_get_item (model, position + i);
      Entry *entry = g_hash_table_lookup (self->entries, annotation);

      g_ptr_array_insert (self->items, position + i, annotation);
      if (entry != NULL)
        continue;
      entry = track (self, annotation);
      if (entry->placed)
        {
          g_array_append_val (ranges, entry->start);
          g_array_append_val (ranges, entry->end);
        }
    }

  if (ranges->len / 2 > MAX_LOCAL_CHANGES)
    {
      emit_changed (self, 0, G_MAXINT);
      return;
    }
  for (guint i = 0; i + 1 < ranges->len; i += 2)
    emit_changed (self, g_array_index (ranges, int, i), g_array_index (ranges, int, i + 1));
}

/* Object */

static void
scholia_reading_dispose (GObject *object)
{
  ScholiaReading *self = SCHOLIA_READING (object);
  GHashTableIter iter;
  gpointer annotation;

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_func (self->annotations, on_annotations_items_changed_cb, self);
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &annotation, NULL))
    g_signal_handlers_disconnect_by_func (annotation, on_annotation_notify_cb, self);

  g_hash_table_remove_all (self->entries_by_id);
  g_hash_table_remove_all (self->entries);
  g_ptr_array_set_size (self->placed, 0);
  g_ptr_array_set_size (self->items, 0);
  g_list_store_remove_all (self->unplaced);
  g_clear_object (&self->annotations);
  g_clear_object (&self->current);
  g_clear_object (&self->document);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (scholia_reading_parent_class)->dispose (object);
}

static void
scholia_reading_finalize (GObject *object)
{
  ScholiaReading *self = SCHOLIA_READING (object);

  g_hash_table_unref (self->entries_by_id);
  g_hash_table_unref (self->entries);
  g_ptr_array_unref (self->placed);
  g_ptr_array_unref (self->items);
  g_object_unref (self->unplaced);
  g_free (self->text);

  G_OBJECT_CLASS (scholia_reading_parent_class)->finalize (object);
}

static void
scholia_reading_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ScholiaReading *self = SCHOLIA_READING (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_reading_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ScholiaReading *self = SCHOLIA_READING (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      scholia_reading_set_current (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_reading_class_init (ScholiaReadingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scholia_reading_dispose;
  object_class->finalize = scholia_reading_finalize;
  object_class->get_property = scholia_reading_get_property;
  object_class->set_property = scholia_reading_set_property;

  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, SCHOLIA_TYPE_ANNOTATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
}

static void
scholia_reading_init (ScholiaReading *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) entry_free);
  self->entries_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->placed = g_ptr_array_new ();
  self->unplaced = g_list_store_new (SCHOLIA_TYPE_ANNOTATION);
}

/**
 * scholia_reading_new:
 * @store: the library holding @document
 * @document: the document to read
 * @error: where to say why it cannot be opened
 *
 * Loads @document's text and annotations.
 *
 * Returns: (transfer full) (nullable): a new reading, or %NULL when the text or the
 *   annotations cannot be read
 */
ScholiaReading *
scholia_reading_new (ScholiaStore     *store,
                     ScholiaDocument  *document,
                     GError          **error)
{
  g_autoptr(ScholiaReading) self = NULL;
  guint n;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  self = g_object_new (SCHOLIA_TYPE_READING, NULL);
  self->store = g_object_ref (store);
  self->document = g_object_ref (document);

  self->text = scholia_store_load_text (store, document, error);
  if (self->text == NULL)
    return NULL;
  self->annotations = scholia_store_list_annotations (store, document, error);
  if (self->annotations == NULL)
    return NULL;

  n = g_list_model_get_n_items (self->annotations);
  for (guint i = 0; i < n; i++)
    {
      ScholiaAnnotation *annotation = g_list_model_get_item (self->annotations, i);

      g_ptr_array_add (self->items, annotation);
      track (self, annotation);
    }
  g_signal_connect_object (self->annotations, "items-changed",
                           G_CALLBACK (on_annotations_items_changed_cb), self, G_CONNECT_SWAPPED);

  return g_steal_pointer (&self);
}

ScholiaStore *
scholia_reading_get_store (ScholiaReading *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);

  return self->store;
}

ScholiaDocument *
scholia_reading_get_document (ScholiaReading *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);

  return self->document;
}

/**
 * scholia_reading_get_text:
 * @self: a reading
 *
 * Returns: (transfer none): the document's text, as it was when the reading was opened
 */
const char *
scholia_reading_get_text (ScholiaReading *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);

  return self->text;
}

/**
 * scholia_reading_get_annotations:
 * @self: a reading
 *
 * Returns: (transfer none): the document's #ScholiaAnnotation list, placed or not, in text
 *   order, kept current by the store
 */
GListModel *
scholia_reading_get_annotations (ScholiaReading *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);

  return self->annotations;
}

/**
 * scholia_reading_get_unplaced:
 * @self: a reading
 *
 * Returns: (transfer none): the annotations that lost their place in the text, in the order of
 *   the places they had
 */
GListModel *
scholia_reading_get_unplaced (ScholiaReading *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);

  return G_LIST_MODEL (self->unplaced);
}

guint
scholia_reading_get_n_placed (ScholiaReading *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING (self), 0);

  return self->placed->len;
}

/**
 * scholia_reading_lookup:
 * @self: a reading
 * @id: an annotation's id
 *
 * Returns: (transfer none) (nullable): the document's annotation of that id
 */
ScholiaAnnotation *
scholia_reading_lookup (ScholiaReading *self,
                        gint64          id)
{
  Entry *entry;

  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);

  entry = g_hash_table_lookup (self->entries_by_id, &id);
  return entry != NULL ? entry->annotation : NULL;
}

static GPtrArray *
entries_to_annotations (GPtrArray *entries)
{
  GPtrArray *annotations = g_ptr_array_sized_new (entries->len);

  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (annotations, ((Entry *) g_ptr_array_index (entries, i))->annotation);

  return annotations;
}

/**
 * scholia_reading_list_at:
 * @self: a reading
 * @offset: a code-point offset into the text
 *
 * Returns: (transfer container) (element-type ScholiaAnnotation): the placed annotations
 *   holding the character at @offset, innermost first
 */
GPtrArray *
scholia_reading_list_at (ScholiaReading *self,
                         int             offset)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);

  collect_overlapping (self, offset, offset + 1, entries);
  g_ptr_array_sort (entries, compare_lengths);

  return entries_to_annotations (entries);
}

/**
 * scholia_reading_get_innermost_at:
 * @self: a reading
 * @offset: a code-point offset into the text
 *
 * Returns: (transfer none) (nullable): the shortest placed annotation holding the character at
 *   @offset
 */
ScholiaAnnotation *
scholia_reading_get_innermost_at (ScholiaReading *self,
                                  int             offset)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  Entry *innermost = NULL;

  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);

  collect_overlapping (self, offset, offset + 1, entries);
  for (guint i = 0; i < entries->len; i++)
    if (innermost == NULL || compare_lengths (&entries->pdata[i], &innermost) < 0)
      innermost = g_ptr_array_index (entries, i);

  return innermost != NULL ? innermost->annotation : NULL;
}

/**
 * scholia_reading_list_overlapping:
 * @self: a reading
 * @start: where the range starts, a code-point offset
 * @end: where it ends (exclusive)
 *
 * Returns: (transfer container) (element-type ScholiaAnnotation): the placed annotations
 *   sharing a character with [@start, @end), in text order
 */
GPtrArray *
scholia_reading_list_overlapping (ScholiaReading *self,
                                  int             start,
                                  int             end)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);

  collect_overlapping (self, start, end, entries);
  return entries_to_annotations (entries);
}

/**
 * scholia_reading_find_exact:
 * @self: a reading
 * @start: where the passage starts
 * @end: where it ends (exclusive)
 *
 * Tagging a passage already annotated adds to that annotation, rather than stacking a second
 * highlight on it: this finds it.
 *
 * Returns: (transfer none) (nullable): the placed annotation covering exactly [@start, @end)
 */
ScholiaAnnotation *
scholia_reading_find_exact (ScholiaReading *self,
                            int             start,
                            int             end)
{
  guint position;
  Entry *entry;

  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);

  position = lower_bound (self, start, end, G_MININT64);
  if (position >= self->placed->len)
    return NULL;

  entry = g_ptr_array_index (self->placed, position);
  return entry->start == start && entry->end == end ? entry->annotation : NULL;
}

/* Where @annotation's key falls in the index: its own place if it is placed there, else the
 * first entry after it. */
static guint
position_of (ScholiaReading    *self,
             ScholiaAnnotation *annotation,
             gboolean          *found)
{
  Entry *entry = g_hash_table_lookup (self->entries, annotation);
  guint position;

  /* An orphan keeps the range it had, which is where it would sort. */
  if (entry != NULL)
    position = lower_bound (self, entry->start, entry->end, entry->id);
  else
    position = lower_bound (self, scholia_annotation_get_start (annotation),
                            scholia_annotation_get_end (annotation),
                            scholia_annotation_get_id (annotation));

  *found = position < self->placed->len &&
           ((Entry *) g_ptr_array_index (self->placed, position))->annotation == annotation;
  return position;
}

/**
 * scholia_reading_get_next:
 * @self: a reading
 * @annotation: (nullable): an annotation of the document
 *
 * Returns: (transfer none) (nullable): the placed annotation after @annotation in text order,
 *   or the first one when @annotation is %NULL
 */
ScholiaAnnotation *
scholia_reading_get_next (ScholiaReading    *self,
                          ScholiaAnnotation *annotation)
{
  guint position = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);
  g_return_val_if_fail (annotation == NULL || SCHOLIA_IS_ANNOTATION (annotation), NULL);

  if (annotation != NULL)
    position = position_of (self, annotation, &found);
  if (found)
    position++;

  return position < self->placed->len
    ? ((Entry *) g_ptr_array_index (self->placed, position))->annotation : NULL;
}

/**
 * scholia_reading_get_previous:
 * @self: a reading
 * @annotation: (nullable): an annotation of the document
 *
 * Returns: (transfer none) (nullable): the placed annotation before @annotation in text order,
 *   or the last one when @annotation is %NULL
 */
ScholiaAnnotation *
scholia_reading_get_previous (ScholiaReading    *self,
                              ScholiaAnnotation *annotation)
{
  guint position = self->placed->len;
  gboolean found = FALSE;

  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);
  g_return_val_if_fail (annotation == NULL || SCHOLIA_IS_ANNOTATION (annotation), NULL);

  if (annotation != NULL)
    position = position_of (self, annotation, &found);

  return position > 0 ? ((Entry *) g_ptr_array_index (self->placed, position - 1))->annotation : NULL;
}

/**
 * scholia_reading_get_placed_index:
 * @self: a reading
 * @annotation: an annotation of the document
 * @index: (out) (optional): where it stands among the placed annotations, from 0
 *
 * Returns: whether @annotation is placed in the text
 */
gboolean
scholia_reading_get_placed_index (ScholiaReading    *self,
                                  ScholiaAnnotation *annotation,
                                  guint             *index)
{
  gboolean found;
  guint position;

  g_return_val_if_fail (SCHOLIA_IS_READING (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);

  position = position_of (self, annotation, &found);
  if (found && index != NULL)
    *index = position;

  return found;
}

/**
 * scholia_reading_get_current:
 * @self: a reading
 *
 * Returns: (transfer none) (nullable): the annotation the reader is looking at
 */
ScholiaAnnotation *
scholia_reading_get_current (ScholiaReading *self)
{
  g_return_val_if_fail (SCHOLIA_IS_READING (self), NULL);

  return self->current;
}

void
scholia_reading_set_current (ScholiaReading    *self,
                             ScholiaAnnotation *annotation)
{
  g_return_if_fail (SCHOLIA_IS_READING (self));
  g_return_if_fail (annotation == NULL || SCHOLIA_IS_ANNOTATION (annotation));

  if (g_set_object (&self->current, annotation))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}
