/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The store's type: its life cycle, its signal, the live annotations and lists it keeps up to
 * date, its lists of tags and themes, and batches. The store's other files call this one and it
 * calls none of them; scholia-store-open.c, above them all, opens a library into a store. */

#include "config.h"

#include "scholia-store-private.h"

G_DEFINE_FINAL_TYPE (ScholiaStore, scholia_store, G_TYPE_OBJECT)

enum {
  ANNOTATIONS_CHANGED,
  LINKS_CHANGED,
  CHECK_FINISHED,
  DOCUMENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The ids as a JSON array, bound to one parameter (`IN (SELECT value FROM json_each(?))`) so
 * that a statement does not depend on how many are chosen and stays cached. */
char *
_scholia_store_ids_to_json (const gint64 *ids,
                            guint         n_ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* The annotations and lists someone holds */

static void
forget_live (GHashTable *live,
             GObject    *where_the_object_was)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

/* Weak references are told during the object's dispose, before its finalize: its id can still
 * be read, so an essay of 5,000 highlights closing forgets them by key rather than scanning the
 * table 5,000 times. The scan remains for an annotation whose id changed since it was kept. */
static void
on_annotation_finalized (gpointer  data,
                         GObject  *where_the_object_was)
{
  ScholiaStore *self = data;
  gint64 id = scholia_annotation_get_id ((ScholiaAnnotation *) where_the_object_was);

  if (g_hash_table_lookup (self->live_annotations, &id) == (gpointer) where_the_object_was)
    g_hash_table_remove (self->live_annotations, &id);
  else
    forget_live (self->live_annotations, where_the_object_was);
}

static void
on_list_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  ScholiaStore *self = data;

  forget_live (self->live_lists, where_the_object_was);
}

/* Keeps @annotation up to date with every change until the last one holding it lets it go. */
void
_scholia_store_remember_annotation (ScholiaStore      *self,
                                    ScholiaAnnotation *annotation)
{
  gint64 *key = g_new (gint64, 1);

  *key = scholia_annotation_get_id (annotation);
  g_hash_table_insert (self->live_annotations, key, annotation);
  g_object_weak_ref (G_OBJECT (annotation), on_annotation_finalized, self);
}

/* Likewise a document's list of annotations. */
void
_scholia_store_remember_list (ScholiaStore *self,
                              gint64        document_id,
                              GListStore   *list)
{
  g_hash_table_insert (self->live_lists, g_memdup2 (&document_id, sizeof document_id), list);
  g_object_weak_ref (G_OBJECT (list), on_list_finalized, self);
}

/* Called from the store's finalize: those still holding annotations or lists keep them, but
 * they no longer report back to a store that is gone. */
static void
release_live (ScholiaStore *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live_annotations);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, on_annotation_finalized, self);
  g_hash_table_remove_all (self->live_annotations);

  g_hash_table_iter_init (&iter, self->live_lists);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, on_list_finalized, self);
  g_hash_table_remove_all (self->live_lists);
}

static void
scholia_store_finalize (GObject *object)
{
  ScholiaStore *self = (ScholiaStore *) object;

  release_live (self);
  g_clear_pointer (&self->live_annotations, g_hash_table_unref);
  g_clear_pointer (&self->live_lists, g_hash_table_unref);
  g_clear_pointer (&self->batch_touched, g_hash_table_unref);
  g_clear_pointer (&self->import_trigger, g_free);
  g_clear_pointer (&self->documents_by_id, g_hash_table_unref);
  g_clear_object (&self->documents);
  g_clear_object (&self->tags);
  g_clear_object (&self->themes);
  g_clear_pointer (&self->cached_text, g_free);
  g_clear_pointer (&self->cached_text_index, g_array_unref);
  g_clear_pointer (&self->hidden_essays, g_hash_table_unref);
  g_clear_pointer (&self->annotation_order, g_array_unref);
  /* Before the store's connection: closing that one, the library's last, copies the log. */
  g_clear_pointer (&self->import_checkpointer, scholia_checkpointer_free);
  g_clear_pointer (&self->db, scholia_db_close);
  /* After the connection closed: a damaged library's empty log goes with it. */
  _scholia_store_forget_check (self);
  g_clear_error (&self->damage);

  G_OBJECT_CLASS (scholia_store_parent_class)->finalize (object);
}

static void
scholia_store_class_init (ScholiaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = scholia_store_finalize;

  /* After any committed change that views gathering passages across documents (comparison,
   * matrix) must reflect: annotations added, deleted, moved or re-labelled, tags or themes
   * deleted or merged, documents' metadata edited, documents deleted or restored. The argument
   * is the one document concerned, or 0 when several may be. */
  signals[ANNOTATIONS_CHANGED] =
    g_signal_new ("annotations-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /* After a link between annotations is added, removed or put back (scholia-store-links.c). */
  signals[LINKS_CHANGED] =
    g_signal_new ("links-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* When the check opening left for later has given its result (scholia-store-check.c):
   * scholia_store_get_damage() says whether the library is damaged. */
  signals[CHECK_FINISHED] =
    g_signal_new ("check-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* After a committed change to a document's title, author (or how the author files) or date,
   * once its properties have their new values: one signal for the library, so that a list of
   * 10,000 essays needs no handler on each. */
  signals[DOCUMENT_CHANGED] =
    g_signal_new ("document-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SCHOLIA_TYPE_DOCUMENT);
}

static void
scholia_store_init (ScholiaStore *self)
{
  self->documents_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->tags = g_list_store_new (SCHOLIA_TYPE_TAG);
  self->themes = g_list_store_new (SCHOLIA_TYPE_THEME);
  self->live_annotations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->live_lists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

gboolean
scholia_store_is_read_only (ScholiaStore *self)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), TRUE);

  return scholia_db_is_read_only (self->db);
}

const char *
scholia_store_get_path (ScholiaStore *self)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  return scholia_db_get_path (self->db);
}

int
scholia_store_get_schema_version (ScholiaStore *self)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), 0);

  return self->schema_version;
}

/* Takes the annotations hide until posted keeps from me off @annotations. */
static gboolean
count_hidden (ScholiaStore  *self,
              guint         *annotations,
              GError       **error)
{
  g_autoptr(GHashTable) hidden = _scholia_store_load_hidden_essays (self, 0, error);
  g_autoptr(GHashTable) none = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer document_id;

  if (hidden == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, hidden);
  while (g_hash_table_iter_next (&iter, &document_id, NULL))
    {
      gint64 all, visible;

      if (!_scholia_store_count_visible (self, *(gint64 *) document_id, none, &all, error) ||
          !_scholia_store_count_visible (self, *(gint64 *) document_id, hidden, &visible, error))
        return FALSE;
      *annotations -= (guint) (all - visible);
    }
  return TRUE;
}

gboolean
scholia_store_get_counts (ScholiaStore   *self,
                          ScholiaCounts  *counts,
                          GError        **error)
{
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT (SELECT count(*) FROM documents),"
                                   "       (SELECT count(*) FROM authors),"
                                   "       (SELECT count(*) FROM annotations),"
                                   "       (SELECT count(*) FROM tags),"
                                   "       (SELECT count(*) FROM themes)",
                                   error);
  if (stmt == NULL || scholia_db_statement_step (stmt, error) != SCHOLIA_DB_STEP_ROW)
    return FALSE;

  counts->documents = scholia_db_statement_column_int (stmt, 0);
  counts->authors = scholia_db_statement_column_int (stmt, 1);
  counts->annotations = scholia_db_statement_column_int (stmt, 2);
  counts->tags = scholia_db_statement_column_int (stmt, 3);
  counts->themes = scholia_db_statement_column_int (stmt, 4);
  scholia_db_statement_reset (stmt);
  return count_hidden (self, &counts->annotations, error);
}

void
_scholia_store_emit_annotations_changed (ScholiaStore *self,
                                         gint64        document_id)
{
  g_signal_emit (self, signals[ANNOTATIONS_CHANGED], 0, document_id);
}

gint64
_scholia_store_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Tags and themes: the lists every file of the store reads */

gboolean
_scholia_store_is_label_type (GType label_type)
{
  return label_type == SCHOLIA_TYPE_TAG || label_type == SCHOLIA_TYPE_THEME;
}

GListStore *
_scholia_store_label_list (ScholiaStore *self,
                           GType         label_type)
{
  return label_type == SCHOLIA_TYPE_TAG ? self->tags : self->themes;
}

GListModel *
scholia_store_get_labels (ScholiaStore *self,
                          GType         label_type)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (_scholia_store_is_label_type (label_type), NULL);

  return G_LIST_MODEL (_scholia_store_label_list (self, label_type));
}

ScholiaLabel *
scholia_store_lookup_label (ScholiaStore *self,
                            GType         label_type,
                            gint64        id)
{
  GListModel *labels;
  guint n;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (_scholia_store_is_label_type (label_type), NULL);

  labels = G_LIST_MODEL (_scholia_store_label_list (self, label_type));
  n = g_list_model_get_n_items (labels);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (labels, i);

      if (scholia_label_get_id (label) == id)
        return label;
    }

  return NULL;
}
