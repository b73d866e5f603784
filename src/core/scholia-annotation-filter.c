/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-annotation-filter.h"

struct _ScholiaAnnotationFilter
{
  GObject  parent_instance;

  GArray  *tag_ids;    /* gint64; empty: every tag */
  GArray  *theme_ids;  /* gint64; empty: every theme */
  GStrv    authors;    /* NULL: every author */
  GArray  *participant_ids;  /* gint64; empty: everyone's */
};

G_DEFINE_FINAL_TYPE (ScholiaAnnotationFilter, scholia_annotation_filter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TAG_IDS,
  PROP_THEME_IDS,
  PROP_AUTHORS,
  PROP_PARTICIPANT_IDS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
contains_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Any of @ids in @wanted, or @wanted empty. */
static gboolean
match_ids (GArray       *wanted,
           const gint64 *ids,
           guint         n_ids)
{
  if (wanted->len == 0)
    return TRUE;
  for (guint i = 0; i < n_ids; i++)
    if (contains_id (wanted, ids[i]))
      return TRUE;
  return FALSE;
}

/* Replaces @ids, notifying @property, when they differ. */
static void
set_ids (ScholiaAnnotationFilter *self,
         GArray                  *ids,
         const gint64            *new_ids,
         guint                    n_new_ids,
         guint                    property)
{
  if (ids->len == n_new_ids && (n_new_ids == 0 || memcmp (ids->data, new_ids, n_new_ids * sizeof (gint64)) == 0))
    return;

  g_array_set_size (ids, 0);
  if (n_new_ids > 0)
    g_array_append_vals (ids, new_ids, n_new_ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[property]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GArray *
copy_ids (GArray *ids)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);

  g_array_append_vals (copy, ids->data, ids->len);
  return copy;
}

static void
scholia_annotation_filter_finalize (GObject *object)
{
  ScholiaAnnotationFilter *self = SCHOLIA_ANNOTATION_FILTER (object);

  g_clear_pointer (&self->tag_ids, g_array_unref);
  g_clear_pointer (&self->theme_ids, g_array_unref);
  g_clear_pointer (&self->authors, g_strfreev);
  g_clear_pointer (&self->participant_ids, g_array_unref);

  G_OBJECT_CLASS (scholia_annotation_filter_parent_class)->finalize (object);
}

static void
scholia_annotation_filter_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  ScholiaAnnotationFilter *self = SCHOLIA_ANNOTATION_FILTER (object);

  switch (prop_id)
    {
    case PROP_TAG_IDS:
      g_value_take_boxed (value, copy_ids (self->tag_ids));
      break;
    case PROP_THEME_IDS:
      g_value_take_boxed (value, copy_ids (self->theme_ids));
      break;
    case PROP_AUTHORS:
      g_value_set_boxed (value, self->authors);
      break;
    case PROP_PARTICIPANT_IDS:
      g_value_take_boxed (value, copy_ids (self->participant_ids));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_annotation_filter_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  ScholiaAnnotationFilter *self = SCHOLIA_ANNOTATION_FILTER (object);
  GArray *ids;

  switch (prop_id)
    {
    case PROP_TAG_IDS:
      ids = g_value_get_boxed (value);
      scholia_annotation_filter_set_tag_ids (self, ids != NULL ? (gint64 *) ids->data : NULL,
                                             ids != NULL ? ids->len : 0);
      break;
    case PROP_THEME_IDS:
      ids = g_value_get_boxed (value);
      scholia_annotation_filter_set_theme_ids (self, ids != NULL ? (gint64 *) ids->data : NULL,
                                               ids != NULL ? ids->len : 0);
      break;
    case PROP_AUTHORS:
      scholia_annotation_filter_set_authors (self, g_value_get_boxed (value));
      break;
    case PROP_PARTICIPANT_IDS:
      ids = g_value_get_boxed (value);
      scholia_annotation_filter_set_participant_ids (self, ids != NULL ? (gint64 *) ids->data : NULL,
                                                     ids != NULL ? ids->len : 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_annotation_filter_class_init (ScholiaAnnotationFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = scholia_annotation_filter_finalize;
  object_class->get_property = scholia_annotation_filter_get_property;
  object_class->set_property = scholia_annotation_filter_set_property;

  /* GArray of gint64, as in the store's queries. */
  properties[PROP_TAG_IDS] =
    g_param_spec_boxed ("tag-ids", NULL, NULL, G_TYPE_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THEME_IDS] =
    g_param_spec_boxed ("theme-ids", NULL, NULL, G_TYPE_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHORS] =
    g_param_spec_boxed ("authors", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* GArray of gint64: rows of the store's seminar participants. */
  properties[PROP_PARTICIPANT_IDS] =
    g_param_spec_boxed ("participant-ids", NULL, NULL, G_TYPE_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After a criterion really changed, once. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
scholia_annotation_filter_init (ScholiaAnnotationFilter *self)
{
  self->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->theme_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->participant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

ScholiaAnnotationFilter *
scholia_annotation_filter_new (void)
{
  return g_object_new (SCHOLIA_TYPE_ANNOTATION_FILTER, NULL);
}

const gint64 *
scholia_annotation_filter_get_tag_ids (ScholiaAnnotationFilter *self,
                                       guint                   *n_ids)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self), NULL);

  *n_ids = self->tag_ids->len;
  return (const gint64 *) (gpointer) self->tag_ids->data;
}

void
scholia_annotation_filter_set_tag_ids (ScholiaAnnotationFilter *self,
                                       const gint64            *ids,
                                       guint                    n_ids)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self));

  set_ids (self, self->tag_ids, ids, n_ids, PROP_TAG_IDS);
}

const gint64 *
scholia_annotation_filter_get_theme_ids (ScholiaAnnotationFilter *self,
                                         guint                   *n_ids)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self), NULL);

  *n_ids = self->theme_ids->len;
  return (const gint64 *) (gpointer) self->theme_ids->data;
}

void
scholia_annotation_filter_set_theme_ids (ScholiaAnnotationFilter *self,
                                         const gint64            *ids,
                                         guint                    n_ids)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self));

  set_ids (self, self->theme_ids, ids, n_ids, PROP_THEME_IDS);
}

const char * const *
scholia_annotation_filter_get_authors (ScholiaAnnotationFilter *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self), NULL);

  return (const char * const *) self->authors;
}

/* An empty list is no criterion, like NULL. */
void
scholia_annotation_filter_set_authors (ScholiaAnnotationFilter *self,
                                       const char * const      *authors)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self));

  if (authors != NULL && authors[0] == NULL)
    authors = NULL;
  if (authors == NULL ? self->authors == NULL
                      : self->authors != NULL && g_strv_equal (authors, (const char * const *) self->authors))
    return;

  g_strfreev (self->authors);
  self->authors = g_strdupv ((char **) authors);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORS]);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
scholia_annotation_filter_set_author (ScholiaAnnotationFilter *self,
                                      const char              *author)
{
  const char *authors[] = { author, NULL };

  scholia_annotation_filter_set_authors (self, authors);
}

const gint64 *
scholia_annotation_filter_get_participant_ids (ScholiaAnnotationFilter *self,
                                               guint                   *n_ids)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self), NULL);

  *n_ids = self->participant_ids->len;
  return (const gint64 *) (gpointer) self->participant_ids->data;
}

void
scholia_annotation_filter_set_participant_ids (ScholiaAnnotationFilter *self,
                                               const gint64            *ids,
                                               guint                    n_ids)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self));

  set_ids (self, self->participant_ids, ids, n_ids, PROP_PARTICIPANT_IDS);
}

gboolean
scholia_annotation_filter_match_participant (ScholiaAnnotationFilter *self,
                                             gint64                   participant_id)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self), FALSE);

  return self->participant_ids->len == 0 || contains_id (self->participant_ids, participant_id);
}

gboolean
scholia_annotation_filter_is_empty (ScholiaAnnotationFilter *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self), TRUE);

  return self->tag_ids->len == 0 && self->theme_ids->len == 0 && self->authors == NULL &&
         self->participant_ids->len == 0;
}

gboolean
scholia_annotation_filter_match_tags (ScholiaAnnotationFilter *self,
                                      const gint64            *tag_ids,
                                      guint                    n_tag_ids)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self), FALSE);

  return match_ids (self->tag_ids, tag_ids, n_tag_ids);
}

gboolean
scholia_annotation_filter_match_themes (ScholiaAnnotationFilter *self,
                                        const gint64            *theme_ids,
                                        guint                    n_theme_ids)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self), FALSE);

  return match_ids (self->theme_ids, theme_ids, n_theme_ids);
}

gboolean
scholia_annotation_filter_match_author (ScholiaAnnotationFilter *self,
                                        const char              *author)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self), FALSE);

  return self->authors == NULL || g_strv_contains ((const char * const *) self->authors, author != NULL ? author : "");
}

gboolean
scholia_annotation_filter_match_annotation (ScholiaAnnotationFilter *self,
                                            ScholiaAnnotation       *annotation,
                                            const char              *author)
{
  const gint64 *tag_ids, *theme_ids;
  guint n_tag_ids, n_theme_ids;

  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self), FALSE);

  tag_ids = scholia_annotation_get_tag_ids (annotation, &n_tag_ids);
  theme_ids = scholia_annotation_get_theme_ids (annotation, &n_theme_ids);
  return scholia_annotation_filter_match_tags (self, tag_ids, n_tag_ids) &&
         scholia_annotation_filter_match_themes (self, theme_ids, n_theme_ids) &&
         scholia_annotation_filter_match_participant (self, scholia_annotation_get_participant_id (annotation)) &&
         (author == NULL || scholia_annotation_filter_match_author (self, author));
}

gboolean
scholia_annotation_filter_match_passage (ScholiaAnnotationFilter *self,
                                         ScholiaPassage          *passage)
{
  const gint64 *tag_ids;
  guint n_tag_ids;

  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION_FILTER (self), FALSE);

  /* Without tags to match, a passage's tags are not asked for (a passage listed without them
   * would read them). */
  if (self->tag_ids->len > 0)
    {
      tag_ids = scholia_passage_get_tag_ids (passage, &n_tag_ids);
      if (!scholia_annotation_filter_match_tags (self, tag_ids, n_tag_ids))
        return FALSE;
    }
  return scholia_annotation_filter_match_participant (self, scholia_passage_get_participant_id (passage)) &&
         scholia_annotation_filter_match_author (self, scholia_passage_get_author (passage));
}
