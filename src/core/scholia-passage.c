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

/* A passage shown (or exported) reads its quote and note then; one whose annotation is gone
 * meanwhile (the comparison drops it at the store's next change) shows nothing. */
static void
read_text (ScholiaPassage *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->text_deferred)
    return;
  if (!scholia_store_load_annotation_text (self->store, self->annotation_id, &self->quote, &self->note, &error))
    {
      g_warning ("Could not read the passage of annotation %" G_GINT64_FORMAT ": %s", self->annotation_id,
                 error->message);
      self->quote = g_strdup ("");
      self->note = g_strdup ("");
    }
  self->text_deferred = FALSE;
  if (!self->tags_deferred)
    g_clear_object (&self->store);
}

/* Likewise the tags, when the passage was listed without them. */
static void
read_tags (ScholiaPassage *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->tags_deferred)
    return;
  self->read_tag_ids = scholia_store_load_annotation_tag_ids (self->store, self->annotation_id, &error);
  if (self->read_tag_ids == NULL)
    {
      g_warning ("Could not read the tags of annotation %" G_GINT64_FORMAT ": %s", self->annotation_id,
                 error->message);
      self->read_tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  self->tags_deferred = FALSE;
  if (!self->text_deferred)
    g_clear_object (&self->store);
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
  read_text (self);
  return self->quote;
}

const char *
scholia_passage_get_note (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), NULL);
  read_text (self);
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
  read_tags (self);
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
