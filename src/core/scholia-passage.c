/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-passage.h"
#include "scholia-store.h"

struct _ScholiaPassage
{
  GObject  parent_instance;

  gint64   annotation_id;
  gint64   document_id;
  int      start;
  int      end;
  char    *quote;    /* with the note, NULL until read from @store */
  char    *note;
  ScholiaStore *store; /* set while the quote and note, or the tags, are still to be read */
  gboolean text_deferred;
  gboolean tags_deferred;
  gint64   participant_id;
  /* One allocation holds the tag ids and, after them, the strings below (a comparison of a
   * theme makes 5,000 passages: seven allocations each were a sixth of its time, issue 17);
   * tags read later are held apart, in @read_tag_ids. */
  gint64  *tag_ids;
  guint    n_tag_ids;
  GArray  *read_tag_ids;
  const char *title;
  const char *date;
  const char *author;
  const char *author_sort_key;
  const char *page;
};

G_DEFINE_FINAL_TYPE (ScholiaPassage, scholia_passage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_QUOTE,
  PROP_NOTE,
  PROP_TITLE,
  PROP_DATE,
  PROP_AUTHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
scholia_passage_finalize (GObject *object)
{
  ScholiaPassage *self = SCHOLIA_PASSAGE (object);

  g_free (self->quote);
  g_free (self->note);
  g_clear_object (&self->store);
  g_free (self->tag_ids);
  g_clear_pointer (&self->read_tag_ids, g_array_unref);

  G_OBJECT_CLASS (scholia_passage_parent_class)->finalize (object);
}

static void
scholia_passage_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ScholiaPassage *self = SCHOLIA_PASSAGE (object);

  switch (prop_id)
    {
    case PROP_QUOTE:
      g_value_set_string (value, scholia_passage_get_quote (self));
      break;
    case PROP_NOTE:
      g_value_set_string (value, scholia_passage_get_note (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Passages being read, in annotation id order, as the store hands their rows: @next is the
 * first whose annotation has not been passed yet. */
typedef struct
{
  ScholiaPassage **sorted;
  guint            n;
  guint            next;
} ReadWalk;

static int
compare_annotation_ids (gconstpointer a,
                        gconstpointer b)
{
  const ScholiaPassage *left = *(ScholiaPassage * const *) a;
  const ScholiaPassage *right = *(ScholiaPassage * const *) b;

  return (left->annotation_id > right->annotation_id) - (left->annotation_id < right->annotation_id);
}

/* The first of the passages of @annotation_id, or NULL; the ones before it are passed. */
static ScholiaPassage **
walk_to (ReadWalk *walk,
         gint64    annotation_id)
{
  while (walk->next < walk->n && walk->sorted[walk->next]->annotation_id < annotation_id)
    walk->next++;
  return walk->next < walk->n && walk->sorted[walk->next]->annotation_id == annotation_id
         ? &walk->sorted[walk->next] : NULL;
}

static void
take_text (gint64      annotation_id,
           const char *quote,
           const char *note,
           gpointer    user_data)
{
  ReadWalk *walk = user_data;
  ScholiaPassage **passage = walk_to (walk, annotation_id);

  for (; passage != NULL && passage < walk->sorted + walk->n && (*passage)->annotation_id == annotation_id; passage++)
    {
      (*passage)->quote = g_strdup (quote != NULL ? quote : "");
      (*passage)->note = g_strdup (note != NULL ? note : "");
      (*passage)->text_deferred = FALSE;
    }
}

static void
take_tag (gint64   annotation_id,
          gint64   tag_id,
          gpointer user_data)
{
  ReadWalk *walk = user_data;
  ScholiaPassage **passage = walk_to (walk, annotation_id);

  for (; passage != NULL && passage < walk->sorted + walk->n && (*passage)->annotation_id == annotation_id; passage++)
    g_array_append_val ((*passage)->read_tag_ids, tag_id);
}

/* The quotes and notes (@text) or the tags of @passages, each deferred on @store, in one
 * statement for them all. */
static gboolean
read_deferred (ScholiaStore     *store,
               GPtrArray        *passages,
               gboolean          text,
               GError          **error)
{
  g_autofree gint64 *ids = g_new (gint64, MAX (passages->len, 1));
  ReadWalk walk = { (ScholiaPassage **) passages->pdata, passages->len, 0 };

  if (passages->len == 0)
    return TRUE;
  g_ptr_array_sort (passages, compare_annotation_ids);
  for (guint i = 0; i < passages->len; i++)
    ids[i] = walk.sorted[i]->annotation_id;
  if (text)
    return scholia_store_read_annotation_texts (store, ids, passages->len, take_text, &walk, error);

  for (guint i = 0; i < passages->len; i++)
    walk.sorted[i]->read_tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!scholia_store_read_annotation_tags (store, ids, passages->len, take_tag, &walk, error))
    {
      for (guint i = 0; i < passages->len; i++)
        g_clear_pointer (&walk.sorted[i]->read_tag_ids, g_array_unref);
      return FALSE;
    }
  for (guint i = 0; i < passages->len; i++)
    walk.sorted[i]->tags_deferred = FALSE;
  return TRUE;
}

/* The store is let go once nothing is left to read from it. */
static void
forget_store (ScholiaPassage *self)
{
  if (!self->text_deferred && !self->tags_deferred)
    g_clear_object (&self->store);
}

/* A passage whose annotation is gone meanwhile (the comparison drops it at the store's next
 * change) shows nothing. */
static void
blank_unread_text (ScholiaPassage *self)
{
  if (!self->text_deferred)
    return;
  g_warning ("Could not read the passage of annotation %" G_GINT64_FORMAT ": it is no longer in the library",
             self->annotation_id);
  self->quote = g_strdup ("");
  self->note = g_strdup ("");
  self->text_deferred = FALSE;
}

static gboolean
read_parts (ScholiaPassage **passages,
            guint            n_passages,
            gboolean         text,
            gboolean         tags,
            GError         **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GPtrArray) tag_lists = g_ptr_array_new ();
  g_autoptr(ScholiaStore) store = NULL;

  for (guint i = 0; i < n_passages; i++)
    {
      g_return_val_if_fail (SCHOLIA_IS_PASSAGE (passages[i]), FALSE);
      if (passages[i]->store == NULL)
        continue;
      if (store == NULL)
        store = g_object_ref (passages[i]->store);
      g_return_val_if_fail (passages[i]->store == store, FALSE);
      if (text && passages[i]->text_deferred)
        g_ptr_array_add (texts, passages[i]);
      if (tags && passages[i]->tags_deferred)
        g_ptr_array_add (tag_lists, passages[i]);
    }
  if (store == NULL)
    return TRUE;

  if (!read_deferred (store, texts, TRUE, error) || !read_deferred (store, tag_lists, FALSE, error))
    return FALSE;
  for (guint i = 0; i < texts->len; i++)
    {
      blank_unread_text (g_ptr_array_index (texts, i));
      forget_store (g_ptr_array_index (texts, i));
    }
  for (guint i = 0; i < tag_lists->len; i++)
    forget_store (g_ptr_array_index (tag_lists, i));
  return TRUE;
}

gboolean
scholia_passages_read (ScholiaPassage **passages,
                       guint            n_passages,
                       GError         **error)
{
  g_return_val_if_fail (passages != NULL || n_passages == 0, FALSE);

  return read_parts (passages, n_passages, TRUE, TRUE, error);
}

gboolean
scholia_passages_read_model (GListModel  *passages,
                             GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (passages), FALSE);

  n = g_list_model_get_n_items (passages);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (passages, i));
  return scholia_passages_read ((ScholiaPassage **) items->pdata, items->len, error);
}

/* A passage shown one by one reads its quote and note (@text), or its tags, when first asked. */
static void
read_one (ScholiaPassage *self,
          gboolean        text)
{
  g_autoptr(GError) error = NULL;

  if ((text ? !self->text_deferred : !self->tags_deferred) || read_parts (&self, 1, text, !text, &error))
    return;
  g_warning ("Could not read the passage of annotation %" G_GINT64_FORMAT ": %s", self->annotation_id,
             error->message);
  if (text)
    {
      self->quote = g_strdup ("");
      self->note = g_strdup ("");
      self->text_deferred = FALSE;
    }
  else
    {
      self->read_tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      self->tags_deferred = FALSE;
    }
  forget_store (self);
}

static void
scholia_passage_class_init (ScholiaPassageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = scholia_passage_finalize;
  object_class->get_property = scholia_passage_get_property;

  /* Read-only: a passage is a snapshot (its quote and note read when first asked for),
   * replaced when the comparison is refreshed. */
  properties[PROP_QUOTE] = g_param_spec_string ("quote", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_passage_init (ScholiaPassage *self)
{
}

/* Copies @value (NULL as "") to @cursor, returning the copy and moving @cursor past it. */
static const char *
copy_string (char       **cursor,
             const char  *value,
             gsize        length)
{
  char *copy = *cursor;

  if (length > 0)
    memcpy (copy, value, length);
  copy[length] = '\0';
  *cursor += length + 1;
  return copy;
}

static ScholiaPassage *
new_passage (const ScholiaPassageInfo *info,
             const gint64             *tag_ids,
             guint                     n_tag_ids)
{
  ScholiaPassage *self = g_object_new (SCHOLIA_TYPE_PASSAGE, NULL);
  const char *strings[] = { info->title, info->date, info->author, info->author_sort_key, info->page };
  const char **fields[] = { &self->title, &self->date, &self->author, &self->author_sort_key, &self->page };
  gsize lengths[G_N_ELEMENTS (strings)];
  gsize size = n_tag_ids * sizeof (gint64);
  char *cursor;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      lengths[i] = strings[i] != NULL ? strlen (strings[i]) : 0;
      size += lengths[i] + 1;
    }
  self->tag_ids = g_malloc (size);
  self->n_tag_ids = n_tag_ids;
  if (n_tag_ids > 0)
    memcpy (self->tag_ids, tag_ids, n_tag_ids * sizeof (gint64));
  cursor = (char *) (self->tag_ids + n_tag_ids);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    *fields[i] = copy_string (&cursor, strings[i], lengths[i]);

  self->annotation_id = info->annotation_id;
  self->document_id = info->document_id;
  self->start = info->start;
  self->end = info->end;
  self->participant_id = info->participant_id;
  return self;
}

ScholiaPassage *
scholia_passage_new (const ScholiaPassageInfo *info,
                     const gint64             *tag_ids,
                     guint                     n_tag_ids)
{
  ScholiaPassage *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = new_passage (info, tag_ids, n_tag_ids);
  self->quote = g_strdup (info->quote != NULL ? info->quote : "");
  self->note = g_strdup (info->note != NULL ? info->note : "");
  return self;
}

ScholiaPassage *
scholia_passage_new_deferred (const ScholiaPassageInfo *info,
                              const gint64             *tag_ids,
                              guint                     n_tag_ids,
                              ScholiaStore             *store)
{
  ScholiaPassage *self;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  self = new_passage (info, tag_ids, tag_ids != NULL ? n_tag_ids : 0);
  self->store = g_object_ref (store);
  self->text_deferred = TRUE;
  self->tags_deferred = tag_ids == NULL;
  return self;
}

gboolean
scholia_passage_has_text (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), FALSE);
  return !self->text_deferred;
}

gboolean
scholia_passage_has_tags (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), FALSE);
  return !self->tags_deferred;
}

gint64
scholia_passage_get_annotation_id (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), 0);
  return self->annotation_id;
}

gint64
scholia_passage_get_document_id (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), 0);
  return self->document_id;
}

int
scholia_passage_get_start (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), 0);
  return self->start;
}

int
scholia_passage_get_end (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), 0);
  return self->end;
}

const char *
scholia_passage_get_quote (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), NULL);
  read_one (self, TRUE);
  return self->quote;
}

const char *
scholia_passage_get_note (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), NULL);
  read_one (self, TRUE);
  return self->note;
}

const char *
scholia_passage_get_title (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), NULL);
  return self->title;
}

const char *
scholia_passage_get_date (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), NULL);
  return self->date;
}

const char *
scholia_passage_get_author (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), NULL);
  return self->author;
}

const char *
scholia_passage_get_author_sort_key (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), NULL);

  return self->author_sort_key;
}

const char *
scholia_passage_get_page (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), NULL);
  return self->page;
}

gint64
scholia_passage_get_participant_id (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), 0);
  return self->participant_id;
}

const gint64 *
scholia_passage_get_tag_ids (ScholiaPassage *self,
                             guint          *n_tag_ids)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), NULL);
  read_one (self, FALSE);
  if (self->read_tag_ids != NULL)
    {
      if (n_tag_ids != NULL)
        *n_tag_ids = self->read_tag_ids->len;
      return (const gint64 *) self->read_tag_ids->data;
    }
  if (n_tag_ids != NULL)
    *n_tag_ids = self->n_tag_ids;
  return self->tag_ids;
}

gboolean
scholia_passage_has_tag (ScholiaPassage *self,
                         gint64          tag_id)
{
  const gint64 *tag_ids;
  guint n_tag_ids;

  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), FALSE);
  tag_ids = scholia_passage_get_tag_ids (self, &n_tag_ids);
  for (guint i = 0; i < n_tag_ids; i++)
    if (tag_ids[i] == tag_id)
      return TRUE;
  return FALSE;
}
