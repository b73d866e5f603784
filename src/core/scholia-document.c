/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-document.h"
#include "scholia-language.h"
#include "scholia-model-private.h"

struct _ScholiaDocument
{
  GObject  parent_instance;

  gint64   id;
  char    *uuid;
  char    *title;
  char    *author;
  char    *author_sort_key;
  char    *language;
  char    *date;
  char    *source;
  char    *checksum;
  gint64   characters;
  guint    annotation_count;
  gint64   created;
  gint64   modified;
  char    *citation_key;
};

G_DEFINE_FINAL_TYPE (ScholiaDocument, scholia_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_TITLE,
  PROP_AUTHOR,
  PROP_AUTHOR_SORT_KEY,
  PROP_LANGUAGE,
  PROP_DATE,
  PROP_SOURCE,
  PROP_CHECKSUM,
  PROP_CHARACTERS,
  PROP_ANNOTATION_COUNT,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_CITATION_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
scholia_document_finalize (GObject *object)
{
  ScholiaDocument *self = (ScholiaDocument *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->author_sort_key, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->checksum, g_free);
  g_clear_pointer (&self->citation_key, g_free);

  G_OBJECT_CLASS (scholia_document_parent_class)->finalize (object);
}

static void
scholia_document_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ScholiaDocument *self = SCHOLIA_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_AUTHOR_SORT_KEY:
      g_value_set_string (value, self->author_sort_key);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_CHECKSUM:
      g_value_set_string (value, self->checksum);
      break;

    case PROP_CHARACTERS:
      g_value_set_int64 (value, self->characters);
      break;

    case PROP_ANNOTATION_COUNT:
      g_value_set_uint (value, self->annotation_count);
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_int64 (value, self->modified);
      break;

    case PROP_CITATION_KEY:
      g_value_set_string (value, self->citation_key);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_document_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ScholiaDocument *self = SCHOLIA_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_UUID:
      _scholia_model_replace_text (&self->uuid, g_value_get_string (value));
      break;

    case PROP_TITLE:
      scholia_document_set_title (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR:
      scholia_document_set_author (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR_SORT_KEY:
      scholia_document_set_author_sort_key (self, g_value_get_string (value));
      break;

    case PROP_LANGUAGE:
      scholia_document_set_language (self, g_value_get_string (value));
      break;

    case PROP_DATE:
      scholia_document_set_date (self, g_value_get_string (value));
      break;

    case PROP_SOURCE:
      scholia_document_set_source (self, g_value_get_string (value));
      break;

    case PROP_CHECKSUM:
      scholia_document_set_checksum (self, g_value_get_string (value));
      break;

    case PROP_CHARACTERS:
      scholia_document_set_characters (self, g_value_get_int64 (value));
      break;

    case PROP_ANNOTATION_COUNT:
      scholia_document_set_annotation_count (self, g_value_get_uint (value));
      break;

    case PROP_CREATED:
      scholia_document_set_created (self, g_value_get_int64 (value));
      break;

    case PROP_MODIFIED:
      scholia_document_set_modified (self, g_value_get_int64 (value));
      break;

    case PROP_CITATION_KEY:
      scholia_document_set_citation_key (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_document_class_init (ScholiaDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                                G_PARAM_STATIC_STRINGS;

  object_class->finalize = scholia_document_finalize;
  object_class->get_property = scholia_document_get_property;
  object_class->set_property = scholia_document_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, construct);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL, rw);
  /* How the author files: "Beethoven, Ludwig van"; "" without an author. */
  properties[PROP_AUTHOR_SORT_KEY] =
    g_param_spec_string ("author-sort-key", NULL, NULL, NULL, rw);
  /* What its words are stemmed in for search: an ISO 639-1 code (scholia-language.h). */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL, rw);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL, rw);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, rw);
  properties[PROP_CHECKSUM] =
    g_param_spec_string ("checksum", NULL, NULL, NULL, rw);
  properties[PROP_CHARACTERS] =
    g_param_spec_int64 ("characters", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_ANNOTATION_COUNT] =
    g_param_spec_uint ("annotation-count", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  /* The citation key of its bibliographic reference ("kowal2019"), "" without one; the
   * reference itself may not be imported yet (scholia-store-references.h). */
  properties[PROP_CITATION_KEY] =
    g_param_spec_string ("citation-key", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_document_init (ScholiaDocument *self)
{
  self->uuid = g_strdup ("");
  self->title = g_strdup ("");
  self->author = g_strdup ("");
  self->author_sort_key = g_strdup ("");
  self->language = g_strdup (SCHOLIA_LANGUAGE_DEFAULT);
  self->date = g_strdup ("");
  self->source = g_strdup ("");
  self->checksum = g_strdup ("");
  self->citation_key = g_strdup ("");
}

ScholiaDocument *
scholia_document_new (gint64      id,
                      const char *uuid)
{
  g_return_val_if_fail (id >= 0, NULL);

  return g_object_new (SCHOLIA_TYPE_DOCUMENT,
                       "id", id,
                       "uuid", uuid,
                       NULL);
}

gint64
scholia_document_get_id (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), 0);

  return self->id;
}

const char *
scholia_document_get_uuid (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), NULL);

  return self->uuid;
}

const char *
scholia_document_get_title (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), NULL);

  return self->title;
}

void
scholia_document_set_title (ScholiaDocument *self,
                            const char      *title)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (self));

  _scholia_model_set_text (G_OBJECT (self), &self->title, title, properties[PROP_TITLE]);
}

const char *
scholia_document_get_author (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), NULL);

  return self->author;
}

void
scholia_document_set_author (ScholiaDocument *self,
                             const char      *author)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (self));

  _scholia_model_set_text (G_OBJECT (self), &self->author, author, properties[PROP_AUTHOR]);
}

const char *
scholia_document_get_author_sort_key (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), NULL);

  return self->author_sort_key;
}

void
scholia_document_set_author_sort_key (ScholiaDocument *self,
                                      const char      *sort_key)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (self));

  _scholia_model_set_text (G_OBJECT (self), &self->author_sort_key, sort_key, properties[PROP_AUTHOR_SORT_KEY]);
}

const char *
scholia_document_get_language (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), NULL);

  return self->language;
}

void
scholia_document_set_language (ScholiaDocument *self,
                               const char      *language)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (self));

  _scholia_model_set_text (G_OBJECT (self), &self->language, language, properties[PROP_LANGUAGE]);
}

const char *
scholia_document_get_date (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), NULL);

  return self->date;
}

void
scholia_document_set_date (ScholiaDocument *self,
                           const char      *date)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (self));

  _scholia_model_set_text (G_OBJECT (self), &self->date, date, properties[PROP_DATE]);
}

const char *
scholia_document_get_source (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), NULL);

  return self->source;
}

void
scholia_document_set_source (ScholiaDocument *self,
                             const char      *source)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (self));

  _scholia_model_set_text (G_OBJECT (self), &self->source, source, properties[PROP_SOURCE]);
}

const char *
scholia_document_get_checksum (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), NULL);

  return self->checksum;
}

void
scholia_document_set_checksum (ScholiaDocument *self,
                               const char      *checksum)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (self));

  _scholia_model_set_text (G_OBJECT (self), &self->checksum, checksum, properties[PROP_CHECKSUM]);
}

gint64
scholia_document_get_characters (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), 0);

  return self->characters;
}

void
scholia_document_set_characters (ScholiaDocument *self,
                                 gint64           characters)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (self));
  g_return_if_fail (characters >= 0);

  _scholia_model_set_int64 (G_OBJECT (self), &self->characters, characters, properties[PROP_CHARACTERS]);
}

guint
scholia_document_get_annotation_count (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), 0);

  return self->annotation_count;
}

void
scholia_document_set_annotation_count (ScholiaDocument *self,
                                       guint            count)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (self));

  if (self->annotation_count == count)
    return;

  self->annotation_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION_COUNT]);
}

gint64
scholia_document_get_created (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), 0);

  return self->created;
}

void
scholia_document_set_created (ScholiaDocument *self,
                              gint64           created)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (self));

  _scholia_model_set_int64 (G_OBJECT (self), &self->created, created, properties[PROP_CREATED]);
}

gint64
scholia_document_get_modified (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), 0);

  return self->modified;
}

void
scholia_document_set_modified (ScholiaDocument *self,
                               gint64           modified)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (self));

  _scholia_model_set_int64 (G_OBJECT (self), &self->modified, modified, properties[PROP_MODIFIED]);
}

const char *
scholia_document_get_citation_key (ScholiaDocument *self)
{
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (self), NULL);

  return self->citation_key;
}

void
scholia_document_set_citation_key (ScholiaDocument *self,
                                   const char      *citation_key)
{
  g_return_if_fail (SCHOLIA_IS_DOCUMENT (self));

  _scholia_model_set_text (G_OBJECT (self), &self->citation_key, citation_key, properties[PROP_CITATION_KEY]);
}
