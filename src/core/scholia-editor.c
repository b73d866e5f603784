/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-editor.h"
#include "scholia-error.h"

/* Enough for a long session; the oldest steps go first. */
#define MAX_HISTORY 500

typedef enum
{
  EDIT_ANNOTATE,
  EDIT_DELETE_ANNOTATION,
  EDIT_SET_NOTE,
  EDIT_REPLACE_TEXT,
  /* Steps on tags and themes alike; the step's label type picks the wording. */
  EDIT_ADD_LABEL,
  EDIT_REMOVE_LABEL,
  EDIT_DELETE_LABEL,
  EDIT_MERGE_LABELS,
} EditKind;

typedef struct
{
  const char *undo;
  const char *redo;
} EditLabel;

static const EditLabel edit_labels[] = {
  [EDIT_ANNOTATE] = { N_("Undo Highlight"), N_("Redo Highlight") },
  [EDIT_DELETE_ANNOTATION] = { N_("Undo Delete Highlight"), N_("Redo Delete Highlight") },
  [EDIT_SET_NOTE] = { N_("Undo Note Edit"), N_("Redo Note Edit") },
  [EDIT_REPLACE_TEXT] = { N_("Undo Replace Text"), N_("Redo Replace Text") },
};

/* [kind - EDIT_ADD_LABEL][0 for a tag, 1 for a theme] */
static const EditLabel label_edit_labels[][2] = {
  { { N_("Undo Add Tag"), N_("Redo Add Tag") }, { N_("Undo Add Theme"), N_("Redo Add Theme") } },
  { { N_("Undo Remove Tag"), N_("Redo Remove Tag") },
    { N_("Undo Remove Theme"), N_("Redo Remove Theme") } },
  { { N_("Undo Delete Tag"), N_("Redo Delete Tag") },
    { N_("Undo Delete Theme"), N_("Redo Delete Theme") } },
  { { N_("Undo Tag Merge"), N_("Redo Tag Merge") }, { N_("Undo Theme Merge"), N_("Redo Theme Merge") } },
};

/* An annotation's tags (or themes), in order, as they were before one it carried was deleted
 * or merged away: restoring the label alone would put it last. */
typedef struct
{
  ScholiaAnnotation *annotation;
  GArray            *label_ids;
} Membership;

/* One undo step: what is needed to go either way. Which fields are set depends on the kind. */
typedef struct
{
  EditKind           kind;
  GType              label_type;    /* *_LABEL(S): SCHOLIA_TYPE_TAG or SCHOLIA_TYPE_THEME */

  ScholiaAnnotation *annotation;
  GArray            *before;        /* ADD/REMOVE_LABEL: label ids, in order */
  GArray            *after;
  char              *old_note;      /* SET_NOTE */
  char              *new_note;
  GArray            *saved_tags;    /* ANNOTATE, DELETE_ANNOTATION: links when last removed */
  GArray            *saved_themes;

  ScholiaLabel      *label;         /* DELETE_LABEL; MERGE_LABELS: the one merged away */
  ScholiaLabel      *into;          /* MERGE_LABELS */
  GArray            *carriers;      /* ids of the annotations that carried label */
  GArray            *memberships;   /* Membership of each of them */

  ScholiaRevision   *revision;      /* REPLACE_TEXT: what undo puts back */
  ScholiaDocument   *document;      /* REPLACE_TEXT: the document, its revised text and pages */
  char              *new_text;
  GArray            *new_pages;
} Edit;

struct _ScholiaEditor
{
  GObject       parent_instance;

  ScholiaStore *store;
  GQueue        undo;               /* Edit, newest first */
  GQueue        redo;               /* Edit, next to redo first */

  /* Whether the next note edit of the annotation on top of the undo stack joins its step. */
  gboolean      note_group_open;
};

G_DEFINE_FINAL_TYPE (ScholiaEditor, scholia_editor, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the history looked like before a change, to notify exactly what changed. */
typedef struct
{
  gboolean    can_undo;
  gboolean    can_redo;
  const char *undo_label;
  const char *redo_label;
} HistoryState;

static void
membership_clear (Membership *membership)
{
  g_clear_object (&membership->annotation);
  g_clear_pointer (&membership->label_ids, g_array_unref);
}

static Edit *
edit_new (EditKind           kind,
          ScholiaAnnotation *annotation)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->kind = kind;
  if (annotation != NULL)
    edit->annotation = g_object_ref (annotation);
  return edit;
}

static void
edit_free (Edit *edit)
{
  g_clear_object (&edit->annotation);
  g_clear_pointer (&edit->before, g_array_unref);
  g_clear_pointer (&edit->after, g_array_unref);
  g_free (edit->old_note);
  g_free (edit->new_note);
  g_clear_pointer (&edit->saved_tags, g_array_unref);
  g_clear_pointer (&edit->saved_themes, g_array_unref);
  g_clear_object (&edit->label);
  g_clear_object (&edit->into);
  g_clear_pointer (&edit->carriers, g_array_unref);
  g_clear_pointer (&edit->memberships, g_array_unref);
  g_clear_pointer (&edit->revision, scholia_revision_free);
  g_clear_object (&edit->document);
  g_free (edit->new_text);
  g_clear_pointer (&edit->new_pages, g_array_unref);
  g_free (edit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Edit, edit_free)

static GArray *
ids_new (const gint64 *ids,
         guint         n_ids)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);

  g_array_append_vals (array, ids, n_ids);
  return array;
}

static gboolean
ids_equal (const gint64 *a,
           guint         n_a,
           const gint64 *b,
           guint         n_b)
{
  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (a[i] != b[i])
      return FALSE;
  return TRUE;
}

/* The annotation's tags, or its themes, in order. */
static GArray *
copy_label_ids (ScholiaAnnotation *annotation,
                GType              label_type)
{
  const gint64 *ids;
  guint n_ids;

  ids = scholia_annotation_get_label_ids (annotation, label_type, &n_ids);
  return ids_new (ids, n_ids);
}

/* Gives the annotation these tags (or themes), writing only when they differ from its own. */
static gboolean
write_labels (ScholiaEditor      *self,
              ScholiaAnnotation  *annotation,
              GType               label_type,
              GArray             *ids,
              GError            **error)
{
  g_autoptr(GArray) current = copy_label_ids (annotation, label_type);

  if (ids_equal ((gint64 *) current->data, current->len, (gint64 *) ids->data, ids->len))
    return TRUE;
  return scholia_store_set_annotation_labels (self->store, annotation, label_type,
                                              (gint64 *) ids->data, ids->len, error);
}

/* Tags or themes deleted since a step was recorded are left out rather than failing it. */
static GArray *
existing_labels (ScholiaEditor *self,
                 GArray        *ids,
                 GType          label_type)
{
  GArray *kept = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (scholia_store_lookup_label (self->store, label_type, id) != NULL)
        g_array_append_val (kept, id);
    }
  return kept;
}

/* The store accepts note and tag changes to annotations whose document is gone (nothing is
 * updated); a step that would silently do nothing must fail instead. */
static gboolean
check_annotation (ScholiaEditor      *self,
                  ScholiaAnnotation  *annotation,
                  GError            **error)
{
  if (scholia_store_lookup_document (self->store, scholia_annotation_get_document_id (annotation)) != NULL)
    return TRUE;

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
               _("The document of the highlight “%s” is no longer in the library"),
               scholia_annotation_get_quote (annotation));
  return FALSE;
}

/* Whether the tag or theme is still the library's own (not deleted, nor from another one). */
static gboolean
check_label (ScholiaEditor  *self,
             ScholiaLabel   *label,
             GError        **error)
{
  const char *name = scholia_label_get_name (label);

  if (scholia_store_lookup_label (self->store, G_OBJECT_TYPE (label), scholia_label_get_id (label)) == label)
    return TRUE;

  if (SCHOLIA_IS_THEME (label))
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                 _("The theme “%s” is no longer in the library"), name);
  else
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                 _("The tag “%s” is no longer in the library"), name);
  return FALSE;
}

/* Deletes the annotation, first noting its tags and themes: the object stays in the store's
 * memory while deleted, and deleting or merging a tag meanwhile would rewrite its lists. */
static gboolean
take_annotation (ScholiaEditor  *self,
                 Edit           *edit,
                 GError        **error)
{
  g_autoptr(GArray) tags = copy_label_ids (edit->annotation, SCHOLIA_TYPE_TAG);
  g_autoptr(GArray) themes = copy_label_ids (edit->annotation, SCHOLIA_TYPE_THEME);

  if (!check_annotation (self, edit->annotation, error) ||
      !scholia_store_delete_annotation (self->store, edit->annotation, error))
    return FALSE;

  g_clear_pointer (&edit->saved_tags, g_array_unref);
  g_clear_pointer (&edit->saved_themes, g_array_unref);
  edit->saved_tags = g_steal_pointer (&tags);
  edit->saved_themes = g_steal_pointer (&themes);
  return TRUE;
}

/* Writes the annotation back with its id and uuid, then its tags and themes as noted when it
 * was deleted, where the object's own lists have drifted since. */
static gboolean
put_back_annotation (ScholiaEditor  *self,
                     Edit           *edit,
                     GError        **error)
{
  g_autoptr(GArray) tags = existing_labels (self, edit->saved_tags, SCHOLIA_TYPE_TAG);
  g_autoptr(GArray) themes = existing_labels (self, edit->saved_themes, SCHOLIA_TYPE_THEME);

  return check_annotation (self, edit->annotation, error) &&
         scholia_store_restore_annotation (self->store, edit->annotation, error) &&
         write_labels (self, edit->annotation, SCHOLIA_TYPE_TAG, tags, error) &&
         write_labels (self, edit->annotation, SCHOLIA_TYPE_THEME, themes, error);
}

static gboolean
set_labels (ScholiaEditor  *self,
            Edit           *edit,
            GArray         *ids,
            GError        **error)
{
  g_autoptr(GArray) kept = existing_labels (self, ids, edit->label_type);

  return check_annotation (self, edit->annotation, error) &&
         write_labels (self, edit->annotation, edit->label_type, kept, error);
}

/* Notes which annotations carry edit->label, and their tag (or theme) lists, before it goes
 * away. */
static gboolean
note_carriers (ScholiaEditor  *self,
               Edit           *edit,
               GError        **error)
{
  g_autoptr(GArray) carriers = NULL;
  g_autoptr(GArray) memberships = NULL;

  carriers = scholia_store_get_label_annotation_ids (self->store, edit->label, error);
  if (carriers == NULL)
    return FALSE;

  memberships = g_array_sized_new (FALSE, TRUE, sizeof (Membership), carriers->len);
  g_array_set_clear_func (memberships, (GDestroyNotify) membership_clear);
  for (guint i = 0; i < carriers->len; i++)
    {
      Membership membership = { NULL, NULL };

      membership.annotation = scholia_store_get_annotation (self->store,
                                                            g_array_index (carriers, gint64, i),
                                                            error);
      if (membership.annotation == NULL)
        return FALSE;
      membership.label_ids = copy_label_ids (membership.annotation, edit->label_type);
      g_array_append_val (memberships, membership);
    }

  g_clear_pointer (&edit->carriers, g_array_unref);
  g_clear_pointer (&edit->memberships, g_array_unref);
  edit->carriers = g_steal_pointer (&carriers);
  edit->memberships = g_steal_pointer (&memberships);
  return TRUE;
}

/* Puts edit->label back in its list and on its annotations, then gives each annotation its
 * labels in their old order (which also takes off a merge target it did not carry before).
 * The store has no transaction spanning several calls, so this is one step per annotation
 * whose list differs; annotations deleted since are left alone. */
static gboolean
restore_carriers (ScholiaEditor  *self,
                  Edit           *edit,
                  GError        **error)
{
  g_autoptr(GArray) present = NULL;
  g_autoptr(GHashTable) linked = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (!scholia_store_restore_label (self->store, edit->label, edit->carriers, error))
    return FALSE;

  present = scholia_store_get_label_annotation_ids (self->store, edit->label, error);
  if (present == NULL)
    return FALSE;
  for (guint i = 0; i < present->len; i++)
    g_hash_table_add (linked, &g_array_index (present, gint64, i));

  for (guint i = 0; i < edit->memberships->len; i++)
    {
      Membership *membership = &g_array_index (edit->memberships, Membership, i);
      gint64 id = scholia_annotation_get_id (membership->annotation);
      g_autoptr(GArray) wanted = NULL;

      if (!g_hash_table_contains (linked, &id))
        continue;

      wanted = existing_labels (self, membership->label_ids, edit->label_type);
      if (!write_labels (self, membership->annotation, edit->label_type, wanted, error))
        return FALSE;
    }

  return TRUE;
}

/* A revised text: undo puts the old text back; redo applies the revised text again, which
 * gives a fresh revision to undo next time. */
static gboolean
replace_text (ScholiaEditor  *self,
              Edit           *edit,
              gboolean        forward,
              GError        **error)
{
  ScholiaRevision *revision;

  if (scholia_store_lookup_document (self->store, scholia_document_get_id (edit->document)) == NULL)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   _("“%s” is no longer in the library"), scholia_document_get_title (edit->document));
      return FALSE;
    }

  if (!forward)
    return scholia_revision_restore_text (self->store, edit->revision, error);

  revision = scholia_revision_apply (self->store, edit->document, edit->new_text, edit->new_pages, NULL, error);
  if (revision == NULL)
    return FALSE;
  g_clear_pointer (&edit->revision, scholia_revision_free);
  edit->revision = revision;
  return TRUE;
}

/* Does (forward) or undoes one step. The first run of a step goes through here too, except
 * annotate, which creates the annotation it then records. */
static gboolean
edit_apply (ScholiaEditor  *self,
            Edit           *edit,
            gboolean        forward,
            GError        **error)
{
  switch (edit->kind)
    {
    case EDIT_ANNOTATE:
      return forward ? put_back_annotation (self, edit, error) : take_annotation (self, edit, error);

    case EDIT_DELETE_ANNOTATION:
      return forward ? take_annotation (self, edit, error) : put_back_annotation (self, edit, error);

    case EDIT_ADD_LABEL:
    case EDIT_REMOVE_LABEL:
      return set_labels (self, edit, forward ? edit->after : edit->before, error);

    case EDIT_SET_NOTE:
      return check_annotation (self, edit->annotation, error) &&
             scholia_store_set_annotation_note (self->store, edit->annotation,
                                                forward ? edit->new_note : edit->old_note, error);

    case EDIT_DELETE_LABEL:
      if (forward)
        return note_carriers (self, edit, error) &&
               scholia_store_delete_label (self->store, edit->label, error);
      return restore_carriers (self, edit, error);

    case EDIT_REPLACE_TEXT:
      return replace_text (self, edit, forward, error);

    case EDIT_MERGE_LABELS:
      if (forward)
        return check_label (self, edit->into, error) &&
               note_carriers (self, edit, error) &&
               scholia_store_merge_labels (self->store, edit->label, edit->into, error);
      return restore_carriers (self, edit, error);

    default:
      g_assert_not_reached ();
    }
}

static const EditLabel *
edit_get_label (Edit *edit)
{
  if (edit->kind < EDIT_ADD_LABEL)
    return &edit_labels[edit->kind];
  return &label_edit_labels[edit->kind - EDIT_ADD_LABEL][edit->label_type == SCHOLIA_TYPE_THEME];
}

static void
history_clear (GQueue *queue)
{
  Edit *edit;

  while ((edit = g_queue_pop_head (queue)) != NULL)
    edit_free (edit);
}

static void
get_history_state (ScholiaEditor *self,
                   HistoryState  *state)
{
  state->can_undo = scholia_editor_get_can_undo (self);
  state->can_redo = scholia_editor_get_can_redo (self);
  state->undo_label = scholia_editor_get_undo_label (self);
  state->redo_label = scholia_editor_get_redo_label (self);
}

static void
notify_history (ScholiaEditor      *self,
                const HistoryState *before)
{
  HistoryState after;

  get_history_state (self, &after);
  if (before->can_undo != after.can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (before->can_redo != after.can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (g_strcmp0 (before->undo_label, after.undo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if (g_strcmp0 (before->redo_label, after.redo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

static void
push_undo (ScholiaEditor *self,
           Edit          *edit)
{
  g_queue_push_head (&self->undo, edit);
  if (g_queue_get_length (&self->undo) > MAX_HISTORY)
    edit_free (g_queue_pop_tail (&self->undo));
}

/* A new step: it is already applied; anything undone before it can no longer be redone. */
static void
record (ScholiaEditor *self,
        Edit          *edit)
{
  HistoryState before;

  get_history_state (self, &before);
  history_clear (&self->redo);
  self->note_group_open = edit->kind == EDIT_SET_NOTE;
  push_undo (self, edit);
  notify_history (self, &before);
}

static gboolean
apply_and_record (ScholiaEditor  *self,
                  Edit           *edit,
                  GError        **error)
{
  g_autoptr(Edit) owned = edit;

  if (!edit_apply (self, edit, TRUE, error))
    return FALSE;
  record (self, g_steal_pointer (&owned));
  return TRUE;
}

/* A new step on @label (ADD/REMOVE_LABEL, DELETE_LABEL, MERGE_LABELS). */
static Edit *
label_edit_new (EditKind           kind,
                ScholiaAnnotation *annotation,
                ScholiaLabel      *label)
{
  Edit *edit = edit_new (kind, annotation);

  edit->label_type = G_OBJECT_TYPE (label);
  return edit;
}

/* Adds (add) or removes @label from the annotation's list of its type. */
static gboolean
change_labels (ScholiaEditor      *self,
               ScholiaAnnotation  *annotation,
               ScholiaLabel       *label,
               gboolean            add,
               GError            **error)
{
  g_autoptr(Edit) edit = NULL;
  gint64 id = scholia_label_get_id (label);

  if (scholia_annotation_has_label (annotation, label) == add)
    return TRUE;

  edit = label_edit_new (add ? EDIT_ADD_LABEL : EDIT_REMOVE_LABEL, annotation, label);
  edit->before = copy_label_ids (annotation, edit->label_type);
  edit->after = copy_label_ids (annotation, edit->label_type);
  if (add)
    {
      g_array_append_val (edit->after, id);
    }
  else
    {
      for (guint i = edit->after->len; i > 0; i--)
        if (g_array_index (edit->after, gint64, i - 1) == id)
          g_array_remove_index (edit->after, i - 1);
    }

  return apply_and_record (self, g_steal_pointer (&edit), error);
}

static void
scholia_editor_dispose (GObject *object)
{
  ScholiaEditor *self = SCHOLIA_EDITOR (object);

  history_clear (&self->undo);
  history_clear (&self->redo);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (scholia_editor_parent_class)->dispose (object);
}

static void
scholia_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ScholiaEditor *self = SCHOLIA_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, scholia_editor_get_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, scholia_editor_get_can_redo (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, scholia_editor_get_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, scholia_editor_get_redo_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ScholiaEditor *self = SCHOLIA_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_editor_class_init (ScholiaEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = scholia_editor_dispose;
  object_class->get_property = scholia_editor_get_property;
  object_class->set_property = scholia_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SCHOLIA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_editor_init (ScholiaEditor *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

ScholiaEditor *
scholia_editor_new (ScholiaStore *store)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);

  return g_object_new (SCHOLIA_TYPE_EDITOR, "store", store, NULL);
}

ScholiaStore *
scholia_editor_get_store (ScholiaEditor *self)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), NULL);

  return self->store;
}

ScholiaAnnotation *
scholia_editor_annotate (ScholiaEditor    *self,
                         ScholiaDocument  *document,
                         int               start,
                         int               end,
                         const gint64     *tag_ids,
                         guint             n_tag_ids,
                         const char       *note,
                         GError          **error)
{
  ScholiaAnnotation *annotation;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (tag_ids != NULL || n_tag_ids == 0, NULL);

  annotation = scholia_store_add_annotation (self->store, document, start, end, tag_ids, n_tag_ids,
                                             NULL, 0, note, error);
  if (annotation == NULL)
    return NULL;

  record (self, edit_new (EDIT_ANNOTATE, annotation));
  return annotation;
}

gboolean
scholia_editor_delete_annotation (ScholiaEditor      *self,
                                  ScholiaAnnotation  *annotation,
                                  GError            **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);

  return apply_and_record (self, edit_new (EDIT_DELETE_ANNOTATION, annotation), error);
}

gboolean
scholia_editor_add_label (ScholiaEditor      *self,
                          ScholiaAnnotation  *annotation,
                          ScholiaLabel       *label,
                          GError            **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return check_label (self, label, error) &&
         change_labels (self, annotation, label, TRUE, error);
}

gboolean
scholia_editor_remove_label (ScholiaEditor      *self,
                             ScholiaAnnotation  *annotation,
                             ScholiaLabel       *label,
                             GError            **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return change_labels (self, annotation, label, FALSE, error);
}

gboolean
scholia_editor_toggle_label (ScholiaEditor      *self,
                             ScholiaAnnotation  *annotation,
                             ScholiaLabel       *label,
                             GError            **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  if (scholia_annotation_has_label (annotation, label))
    return scholia_editor_remove_label (self, annotation, label, error);
  return scholia_editor_add_label (self, annotation, label, error);
}

gboolean
scholia_editor_set_note (ScholiaEditor      *self,
                         ScholiaAnnotation  *annotation,
                         const char         *note,
                         GError            **error)
{
  g_autoptr(Edit) edit = NULL;
  Edit *top;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);

  /* The store keeps "no note" as an empty one. */
  if (note == NULL)
    note = "";
  if (g_str_equal (note, scholia_annotation_get_note (annotation)))
    return TRUE;

  top = g_queue_peek_head (&self->undo);
  if (self->note_group_open && top != NULL && top->kind == EDIT_SET_NOTE && top->annotation == annotation)
    {
      HistoryState before;

      if (!check_annotation (self, annotation, error) ||
          !scholia_store_set_annotation_note (self->store, annotation, note, error))
        return FALSE;

      /* Typing back what was there leaves nothing to undo. */
      get_history_state (self, &before);
      if (g_str_equal (note, top->old_note))
        edit_free (g_queue_pop_head (&self->undo));
      else
        {
          g_free (top->new_note);
          top->new_note = g_strdup (note);
        }
      notify_history (self, &before);
      return TRUE;
    }

  edit = edit_new (EDIT_SET_NOTE, annotation);
  edit->old_note = g_strdup (scholia_annotation_get_note (annotation));
  edit->new_note = g_strdup (note);
  return apply_and_record (self, g_steal_pointer (&edit), error);
}

void
scholia_editor_close_group (ScholiaEditor *self)
{
  g_return_if_fail (SCHOLIA_IS_EDITOR (self));

  self->note_group_open = FALSE;
}

gboolean
scholia_editor_delete_label (ScholiaEditor  *self,
                             ScholiaLabel   *label,
                             GError        **error)
{
  g_autoptr(Edit) edit = NULL;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  if (!check_label (self, label, error))
    return FALSE;

  edit = label_edit_new (EDIT_DELETE_LABEL, NULL, label);
  edit->label = g_object_ref (label);
  return apply_and_record (self, g_steal_pointer (&edit), error);
}

gboolean
scholia_editor_merge_labels (ScholiaEditor  *self,
                             ScholiaLabel   *from,
                             ScholiaLabel   *into,
                             GError        **error)
{
  g_autoptr(Edit) edit = NULL;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (from), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (into), FALSE);
  g_return_val_if_fail (G_OBJECT_TYPE (from) == G_OBJECT_TYPE (into), FALSE);

  if (from == into)
    return TRUE;
  if (!check_label (self, from, error))
    return FALSE;

  edit = label_edit_new (EDIT_MERGE_LABELS, NULL, from);
  edit->label = g_object_ref (from);
  edit->into = g_object_ref (into);
  return apply_and_record (self, g_steal_pointer (&edit), error);
}

/* Moves the newest step of @from to @to, doing or undoing it. A step that fails is dropped:
 * keeping it would leave the other steps waiting behind one that cannot run. */
static gboolean
travel (ScholiaEditor  *self,
        GQueue         *from,
        GQueue         *to,
        gboolean        forward,
        GError        **error)
{
  HistoryState before;
  Edit *edit;
  gboolean done;

  self->note_group_open = FALSE;
  if (g_queue_is_empty (from))
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                           forward ? _("There is nothing to redo") : _("There is nothing to undo"));
      return FALSE;
    }

  get_history_state (self, &before);
  edit = g_queue_pop_head (from);
  done = edit_apply (self, edit, forward, error);
  if (done)
    g_queue_push_head (to, edit);
  else
    edit_free (edit);
  notify_history (self, &before);
  return done;
}

gboolean
scholia_editor_undo (ScholiaEditor  *self,
                     GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);

  return travel (self, &self->undo, &self->redo, FALSE, error);
}

gboolean
scholia_editor_redo (ScholiaEditor  *self,
                     GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);

  return travel (self, &self->redo, &self->undo, TRUE, error);
}

gboolean
scholia_editor_get_can_undo (ScholiaEditor *self)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);

  return !g_queue_is_empty (&self->undo);
}

gboolean
scholia_editor_get_can_redo (ScholiaEditor *self)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);

  return !g_queue_is_empty (&self->redo);
}

const char *
scholia_editor_get_undo_label (ScholiaEditor *self)
{
  Edit *edit;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), NULL);

  edit = g_queue_peek_head (&self->undo);
  return edit != NULL ? _(edit_get_label (edit)->undo) : NULL;
}

const char *
scholia_editor_get_redo_label (ScholiaEditor *self)
{
  Edit *edit;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), NULL);

  edit = g_queue_peek_head (&self->redo);
  return edit != NULL ? _(edit_get_label (edit)->redo) : NULL;
}

void
scholia_editor_clear_history (ScholiaEditor *self)
{
  HistoryState before;

  g_return_if_fail (SCHOLIA_IS_EDITOR (self));

  get_history_state (self, &before);
  history_clear (&self->undo);
  history_clear (&self->redo);
  self->note_group_open = FALSE;
  notify_history (self, &before);
}

/**
 * scholia_editor_record_revision:
 * @self: an editor
 * @revision: (transfer full): a revision already applied with scholia_revision_replace_text()
 *   or scholia_revision_apply()
 *
 * Makes replacing a document's text one step of the history, so that Undo puts the old text
 * and the annotations' places back, and Redo applies the revised text again.
 *
 * Returns: whether the step was recorded (the revised text could be read back)
 */
gboolean
scholia_editor_record_revision (ScholiaEditor    *self,
                                ScholiaRevision  *revision,
                                GError          **error)
{
  g_autoptr(ScholiaRevision) owned = revision;
  g_autoptr(Edit) edit = NULL;
  ScholiaDocument *document;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (revision != NULL, FALSE);

  document = scholia_revision_get_document (revision);
  edit = edit_new (EDIT_REPLACE_TEXT, NULL);
  edit->document = g_object_ref (document);
  edit->new_text = scholia_store_load_text (self->store, document, error);
  if (edit->new_text == NULL)
    return FALSE;
  edit->new_pages = scholia_store_load_pages (self->store, document, error);
  if (edit->new_pages == NULL)
    return FALSE;
  edit->revision = g_steal_pointer (&owned);

  record (self, g_steal_pointer (&edit));
  return TRUE;
}
