/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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
  ScholiaStore *store; /* set while the quote and note are still to be read */
  char    *title;
  char    *date;
  char    *author;
  char    *author_sort_key;
  char    *page;
  gint64   participant_id;
  GArray  *tag_ids;
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
  g_free (self->title);
  g_free (self->date);
  g_free (self->author);
  g_free (self->author_sort_key);
  g_free (self->page);
  g_clear_pointer (&self->tag_ids, g_array_unref);

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

  if (self->store == NULL)
    return;
  if (!scholia_store_load_annotation_text (self->store, self->annotation_id, &self->quote, &self->note, &error))
    {
      g_warning ("Could not read the passage of annotation %" G_GINT64_FORMAT ": %s", self->annotation_id,
                 error->message);
      self->quote = g_strdup ("");
      self->note = g_strdup ("");
    }
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

static ScholiaPassage *
new_passage (const ScholiaPassageInfo *info,
             const gint64             *tag_ids,
             guint                     n_tag_ids)
{
  ScholiaPassage *self = g_object_new (SCHOLIA_TYPE_PASSAGE, NULL);

  self->annotation_id = info->annotation_id;
  self->document_id = info->document_id;
  self->start = info->start;
  self->end = info->end;
  self->title = g_strdup (info->title != NULL ? info->title : "");
  self->date = g_strdup (info->date != NULL ? info->date : "");
  self->author = g_strdup (info->author != NULL ? info->author : "");
  self->author_sort_key = g_strdup (info->author_sort_key != NULL ? info->author_sort_key : "");
  self->page = g_strdup (info->page != NULL ? info->page : "");
  self->participant_id = info->participant_id;
  self->tag_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_tag_ids);
  if (n_tag_ids > 0)
    g_array_append_vals (self->tag_ids, tag_ids, n_tag_ids);
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

  self = new_passage (info, tag_ids, n_tag_ids);
  self->store = g_object_ref (store);
  return self;
}

gboolean
scholia_passage_has_text (ScholiaPassage *self)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), FALSE);
  return self->store == NULL;
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
  if (n_tag_ids != NULL)
    *n_tag_ids = self->tag_ids->len;
  return (const gint64 *) self->tag_ids->data;
}

gboolean
scholia_passage_has_tag (ScholiaPassage *self,
                         gint64          tag_id)
{
  g_return_val_if_fail (SCHOLIA_IS_PASSAGE (self), FALSE);
  for (guint i = 0; i < self->tag_ids->len; i++)
    if (g_array_index (self->tag_ids, gint64, i) == tag_id)
      return TRUE;
  return FALSE;
}
