/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "scholia-annotation.h"
#include "scholia-model-private.h"
#include "scholia-tag.h"
#include "scholia-theme.h"

struct _ScholiaAnnotation
{
  GObject   parent_instance;

  gint64    id;
  char     *uuid;
  gint64    document_id;
  int       start;
  int       end;
  char     *quote;
  char     *prefix;
  char     *suffix;
  char     *note;
  GArray   *tag_ids;
  GArray   *theme_ids;
  gint64    created;
  gint64    modified;
  gint64    participant_id;
  gboolean  orphaned;
  ScholiaUnplacedReason unplaced_reason;
  char     *unplaced_source;
};

G_DEFINE_FINAL_TYPE (ScholiaAnnotation, scholia_annotation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_DOCUMENT_ID,
  PROP_START,
  PROP_END,
  PROP_QUOTE,
  PROP_PREFIX,
  PROP_SUFFIX,
  PROP_NOTE,
  PROP_ORPHANED,
  PROP_UNPLACED_REASON,
  PROP_TAG_IDS,
  PROP_THEME_IDS,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_PARTICIPANT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Replaces the ids in array with ids, keeping their order (the order they were added in, which
 * views show). Notifies only when the list differs. */
static void
set_ids_property (ScholiaAnnotation *self,
                  GArray            *array,
                  const gint64      *ids,
                  guint              n_ids,
                  int                prop_id)
{
  if (array->len == n_ids &&
      (n_ids == 0 || memcmp (array->data, ids, n_ids * sizeof (gint64)) == 0))
    return;

  g_array_set_size (array, 0);
  g_array_append_vals (array, ids, n_ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static gboolean
array_contains_id (GArray *array,
                   gint64  id)
{
  for (guint i = 0; i < array->len; i++)
    {
      if (g_array_index (array, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

static void
scholia_annotation_finalize (GObject *object)
{
  ScholiaAnnotation *self = (ScholiaAnnotation *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->quote, g_free);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->suffix, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->unplaced_source, g_free);
  g_clear_pointer (&self->tag_ids, g_array_unref);
  g_clear_pointer (&self->theme_ids, g_array_unref);

  G_OBJECT_CLASS (scholia_annotation_parent_class)->finalize (object);
}

static void
scholia_annotation_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ScholiaAnnotation *self = SCHOLIA_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_DOCUMENT_ID:
      g_value_set_int64 (value, self->document_id);
      break;

    case PROP_START:
      g_value_set_int (value, self->start);
      break;

    case PROP_END:
      g_value_set_int (value, self->end);
      break;

    case PROP_QUOTE:
      g_value_set_string (value, self->quote);
      break;

    case PROP_PREFIX:
      g_value_set_string (value, self->prefix);
      break;

    case PROP_SUFFIX:
      g_value_set_string (value, self->suffix);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_ORPHANED:
      g_value_set_boolean (value, self->orphaned);
      break;

    case PROP_UNPLACED_REASON:
      g_value_set_int (value, self->unplaced_reason);
      break;

    /* A copy, so a caller holding the value never sees the list change under it. */
    case PROP_TAG_IDS:
      g_value_take_boxed (value, g_array_copy (self->tag_ids));
      break;

    case PROP_THEME_IDS:
      g_value_take_boxed (value, g_array_copy (self->theme_ids));
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_int64 (value, self->modified);
      break;

    case PROP_PARTICIPANT_ID:
      g_value_set_int64 (value, self->participant_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_annotation_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ScholiaAnnotation *self = SCHOLIA_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_UUID:
      _scholia_model_replace_text (&self->uuid, g_value_get_string (value));
      break;

    case PROP_DOCUMENT_ID:
      self->document_id = g_value_get_int64 (value);
      break;

    /* GObject sets properties one at a time, so "start" may pass "end" for a moment; only
     * scholia_annotation_set_range(), which sets both, checks their order. */
    case PROP_START:
      _scholia_model_set_int (G_OBJECT (self), &self->start, g_value_get_int (value), properties[PROP_START]);
      break;

    case PROP_END:
      _scholia_model_set_int (G_OBJECT (self), &self->end, g_value_get_int (value), properties[PROP_END]);
      break;

    case PROP_QUOTE:
      _scholia_model_set_text (G_OBJECT (self), &self->quote, g_value_get_string (value), properties[PROP_QUOTE]);
      break;

    case PROP_PREFIX:
      _scholia_model_set_text (G_OBJECT (self), &self->prefix, g_value_get_string (value), properties[PROP_PREFIX]);
      break;

    case PROP_SUFFIX:
      _scholia_model_set_text (G_OBJECT (self), &self->suffix, g_value_get_string (value), properties[PROP_SUFFIX]);
      break;

    case PROP_NOTE:
      scholia_annotation_set_note (self, g_value_get_string (value));
      break;

    case PROP_ORPHANED:
      scholia_annotation_set_orphaned (self, g_value_get_boolean (value));
      break;

    case PROP_CREATED:
      scholia_annotation_set_created (self, g_value_get_int64 (value));
      break;

    case PROP_MODIFIED:
      scholia_annotation_set_modified (self, g_value_get_int64 (value));
      break;

    case PROP_PARTICIPANT_ID:
      scholia_annotation_set_participant_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_annotation_class_init (ScholiaAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | flags;
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | flags;

  object_class->finalize = scholia_annotation_finalize;
  object_class->get_property = scholia_annotation_get_property;
  object_class->set_property = scholia_annotation_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, construct);
  properties[PROP_DOCUMENT_ID] =
    g_param_spec_int64 ("document-id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_START] =
    g_param_spec_int ("start", NULL, NULL, 0, G_MAXINT, 0, rw);
  properties[PROP_END] =
    g_param_spec_int ("end", NULL, NULL, 0, G_MAXINT, 0, rw);
  properties[PROP_QUOTE] =
    g_param_spec_string ("quote", NULL, NULL, NULL, rw);
  properties[PROP_PREFIX] =
    g_param_spec_string ("prefix", NULL, NULL, NULL, rw);
  properties[PROP_SUFFIX] =
    g_param_spec_string ("suffix", NULL, NULL, NULL, rw);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, rw);
  /* TRUE when the quote could no longer be found in the document's text. */
  properties[PROP_ORPHANED] =
    g_param_spec_boolean ("orphaned", NULL, NULL, FALSE, rw);
  /* A ScholiaUnplacedReason; notified when it or the source changes. */
  properties[PROP_UNPLACED_REASON] =
    g_param_spec_int ("unplaced-reason", NULL, NULL, SCHOLIA_UNPLACED_NONE, SCHOLIA_UNPLACED_IMPORTED,
                      SCHOLIA_UNPLACED_NONE, G_PARAM_READABLE | flags);
  /* Read-only: a GArray of gint64 can only be replaced whole, through the setters. */
  properties[PROP_TAG_IDS] =
    g_param_spec_boxed ("tag-ids", NULL, NULL, G_TYPE_ARRAY, G_PARAM_READABLE | flags);
  properties[PROP_THEME_IDS] =
    g_param_spec_boxed ("theme-ids", NULL, NULL, G_TYPE_ARRAY, G_PARAM_READABLE | flags);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_PARTICIPANT_ID] =
    g_param_spec_int64 ("participant-id", NULL, NULL, 0, G_MAXINT64, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_annotation_init (ScholiaAnnotation *self)
{
  self->uuid = g_strdup ("");
  self->quote = g_strdup ("");
  self->prefix = g_strdup ("");
  self->suffix = g_strdup ("");
  self->unplaced_source = g_strdup ("");
  self->note = g_strdup ("");
  self->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->theme_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

ScholiaAnnotation *
scholia_annotation_new (gint64      id,
                        const char *uuid,
                        gint64      document_id)
{
  g_return_val_if_fail (id >= 0, NULL);
  g_return_val_if_fail (document_id >= 0, NULL);

  return g_object_new (SCHOLIA_TYPE_ANNOTATION,
                       "id", id,
                       "uuid", uuid,
                       "document-id", document_id,
                       NULL);
}

gint64
scholia_annotation_get_id (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), 0);

  return self->id;
}

const char *
scholia_annotation_get_uuid (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), NULL);

  return self->uuid;
}

gint64
scholia_annotation_get_document_id (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), 0);

  return self->document_id;
}

int
scholia_annotation_get_start (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), 0);

  return self->start;
}

int
scholia_annotation_get_end (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), 0);

  return self->end;
}

void
scholia_annotation_set_range (ScholiaAnnotation *self,
                              int                start,
                              int                end)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION (self));
  g_return_if_fail (start >= 0);
  g_return_if_fail (end >= start);

  /* Frozen so that a handler of "start" already sees the new end. */
  g_object_freeze_notify (G_OBJECT (self));
  _scholia_model_set_int (G_OBJECT (self), &self->start, start, properties[PROP_START]);
  _scholia_model_set_int (G_OBJECT (self), &self->end, end, properties[PROP_END]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
scholia_annotation_get_quote (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), NULL);

  return self->quote;
}

const char *
scholia_annotation_get_prefix (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), NULL);

  return self->prefix;
}

const char *
scholia_annotation_get_suffix (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), NULL);

  return self->suffix;
}

void
scholia_annotation_set_context (ScholiaAnnotation *self,
                                const char        *quote,
                                const char        *prefix,
                                const char        *suffix)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION (self));

  /* Frozen so that a handler of one sees all three new values. */
  g_object_freeze_notify (G_OBJECT (self));
  _scholia_model_set_text (G_OBJECT (self), &self->quote, quote, properties[PROP_QUOTE]);
  _scholia_model_set_text (G_OBJECT (self), &self->prefix, prefix, properties[PROP_PREFIX]);
  _scholia_model_set_text (G_OBJECT (self), &self->suffix, suffix, properties[PROP_SUFFIX]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
scholia_annotation_get_note (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), NULL);

  return self->note;
}

void
scholia_annotation_set_note (ScholiaAnnotation *self,
                             const char        *note)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION (self));

  _scholia_model_set_text (G_OBJECT (self), &self->note, note, properties[PROP_NOTE]);
}

gboolean
scholia_annotation_get_orphaned (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), FALSE);

  return self->orphaned;
}

void
scholia_annotation_set_orphaned (ScholiaAnnotation *self,
                                 gboolean           orphaned)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION (self));

  orphaned = !!orphaned;

  if (self->orphaned == orphaned)
    return;

  self->orphaned = orphaned;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORPHANED]);
}

static const char *const unplaced_codes[] = {
  [SCHOLIA_UNPLACED_NONE] = "",
  [SCHOLIA_UNPLACED_UNKNOWN] = "unknown",
  [SCHOLIA_UNPLACED_TEXT_CHANGED] = "text-changed",
  [SCHOLIA_UNPLACED_IMPORTED] = "imported",
};

const char *
scholia_unplaced_reason_to_code (ScholiaUnplacedReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (unplaced_codes), "unknown");

  return unplaced_codes[reason];
}

ScholiaUnplacedReason
scholia_unplaced_reason_from_code (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (unplaced_codes); i++)
    if (g_strcmp0 (code, unplaced_codes[i]) == 0)
      return i;
  /* A code written by a later version still says the annotation is unplaced. */
  return SCHOLIA_UNPLACED_UNKNOWN;
}

ScholiaUnplacedReason
scholia_annotation_get_unplaced_reason (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), SCHOLIA_UNPLACED_NONE);

  return self->unplaced_reason;
}

const char *
scholia_annotation_get_unplaced_source (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), "");

  return self->unplaced_source;
}

void
scholia_annotation_set_unplaced_reason (ScholiaAnnotation     *self,
                                        ScholiaUnplacedReason  reason,
                                        const char            *source)
{
  gboolean changed;

  g_return_if_fail (SCHOLIA_IS_ANNOTATION (self));

  changed = _scholia_model_replace_text (&self->unplaced_source, source);
  if (self->unplaced_reason != reason)
    {
      self->unplaced_reason = reason;
      changed = TRUE;
    }
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNPLACED_REASON]);
}

char *
scholia_annotation_describe_unplaced (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), NULL);

  if (!self->orphaned)
    return NULL;

  switch (self->unplaced_reason)
    {
    case SCHOLIA_UNPLACED_TEXT_CHANGED:
      return g_strdup (_("The essay’s text changed and this passage could not be found again."));
    case SCHOLIA_UNPLACED_IMPORTED:
      if (self->unplaced_source[0] != '\0')
        return g_strdup_printf (_("Imported from “%s”, but this passage is not in the essay’s text."),
                                self->unplaced_source);
      return g_strdup (_("Imported from an annotations file, but this passage is not in the essay’s text."));
    case SCHOLIA_UNPLACED_NONE:
    case SCHOLIA_UNPLACED_UNKNOWN:
    default:
      return g_strdup (_("This passage could not be found in the essay’s text."));
    }
}

/* Returns the ids in the order they were added; NULL when there are none. The array belongs to
 * the annotation and is valid until the next change. n_ids may be NULL. */
const gint64 *
scholia_annotation_get_tag_ids (ScholiaAnnotation *self,
                                guint             *n_ids)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), NULL);

  if (n_ids != NULL)
    *n_ids = self->tag_ids->len;

  return self->tag_ids->len > 0 ? (const gint64 *) (gpointer) self->tag_ids->data : NULL;
}

void
scholia_annotation_set_tag_ids (ScholiaAnnotation *self,
                                const gint64      *ids,
                                guint              n_ids)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  set_ids_property (self, self->tag_ids, ids, n_ids, PROP_TAG_IDS);
}

gboolean
scholia_annotation_has_tag (ScholiaAnnotation *self,
                            gint64             tag_id)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), FALSE);

  return array_contains_id (self->tag_ids, tag_id);
}

/* Like scholia_annotation_get_tag_ids(). */
const gint64 *
scholia_annotation_get_theme_ids (ScholiaAnnotation *self,
                                  guint             *n_ids)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), NULL);

  if (n_ids != NULL)
    *n_ids = self->theme_ids->len;

  return self->theme_ids->len > 0 ? (const gint64 *) (gpointer) self->theme_ids->data : NULL;
}

void
scholia_annotation_set_theme_ids (ScholiaAnnotation *self,
                                  const gint64      *ids,
                                  guint              n_ids)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  set_ids_property (self, self->theme_ids, ids, n_ids, PROP_THEME_IDS);
}

gboolean
scholia_annotation_has_theme (ScholiaAnnotation *self,
                              gint64             theme_id)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), FALSE);

  return array_contains_id (self->theme_ids, theme_id);
}

const gint64 *
scholia_annotation_get_label_ids (ScholiaAnnotation *self,
                                  GType              label_type,
                                  guint             *n_ids)
{
  g_return_val_if_fail (label_type == SCHOLIA_TYPE_TAG || label_type == SCHOLIA_TYPE_THEME, NULL);

  if (label_type == SCHOLIA_TYPE_THEME)
    return scholia_annotation_get_theme_ids (self, n_ids);
  return scholia_annotation_get_tag_ids (self, n_ids);
}

void
scholia_annotation_set_label_ids (ScholiaAnnotation *self,
                                  GType              label_type,
                                  const gint64      *ids,
                                  guint              n_ids)
{
  g_return_if_fail (label_type == SCHOLIA_TYPE_TAG || label_type == SCHOLIA_TYPE_THEME);

  if (label_type == SCHOLIA_TYPE_THEME)
    scholia_annotation_set_theme_ids (self, ids, n_ids);
  else
    scholia_annotation_set_tag_ids (self, ids, n_ids);
}

gboolean
scholia_annotation_has_label (ScholiaAnnotation *self,
                              ScholiaLabel      *label)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return array_contains_id (SCHOLIA_IS_THEME (label) ? self->theme_ids : self->tag_ids,
                            scholia_label_get_id (label));
}

gint64
scholia_annotation_get_created (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), 0);

  return self->created;
}

void
scholia_annotation_set_created (ScholiaAnnotation *self,
                                gint64             created)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION (self));

  _scholia_model_set_int64 (G_OBJECT (self), &self->created, created, properties[PROP_CREATED]);
}

gint64
scholia_annotation_get_modified (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), 0);

  return self->modified;
}

void
scholia_annotation_set_modified (ScholiaAnnotation *self,
                                 gint64             modified)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION (self));

  _scholia_model_set_int64 (G_OBJECT (self), &self->modified, modified, properties[PROP_MODIFIED]);
}

gint64
scholia_annotation_get_participant_id (ScholiaAnnotation *self)
{
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (self), 0);

  return self->participant_id;
}

void
scholia_annotation_set_participant_id (ScholiaAnnotation *self,
                                       gint64             participant_id)
{
  g_return_if_fail (SCHOLIA_IS_ANNOTATION (self));

  _scholia_model_set_int64 (G_OBJECT (self), &self->participant_id, participant_id,
                            properties[PROP_PARTICIPANT_ID]);
}
