/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-command-annotation.h"
#include "scholia-command-private.h"

/* An annotation that is taken out of the library and put back. Its tags and themes are noted
 * when it goes: the object stays in the store's memory while deleted, and deleting or merging
 * a tag meanwhile would rewrite its lists. */
typedef struct
{
  ScholiaAnnotation *annotation;
  GArray            *saved_tags;
  GArray            *saved_themes;
} Presence;

static void
presence_clear (Presence *presence)
{
  g_clear_object (&presence->annotation);
  g_clear_pointer (&presence->saved_tags, g_array_unref);
  g_clear_pointer (&presence->saved_themes, g_array_unref);
}

static gboolean
presence_take (Presence      *presence,
               ScholiaStore  *store,
               GError       **error)
{
  g_autoptr(GArray) tags = _scholia_command_copy_label_ids (presence->annotation, SCHOLIA_TYPE_TAG);
  g_autoptr(GArray) themes = _scholia_command_copy_label_ids (presence->annotation, SCHOLIA_TYPE_THEME);

  if (!_scholia_command_check_annotation (store, presence->annotation, error) ||
      !scholia_store_delete_annotation (store, presence->annotation, error))
    return FALSE;

  g_clear_pointer (&presence->saved_tags, g_array_unref);
  g_clear_pointer (&presence->saved_themes, g_array_unref);
  presence->saved_tags = g_steal_pointer (&tags);
  presence->saved_themes = g_steal_pointer (&themes);
  return TRUE;
}

/* Writes the annotation back with its id and uuid, then its tags and themes as noted when it
 * was taken, where the object's own lists have drifted since. */
static gboolean
presence_put_back (Presence      *presence,
                   ScholiaStore  *store,
                   GError       **error)
{
  g_autoptr(GArray) tags = _scholia_command_existing_labels (store, presence->saved_tags, SCHOLIA_TYPE_TAG);
  g_autoptr(GArray) themes = _scholia_command_existing_labels (store, presence->saved_themes, SCHOLIA_TYPE_THEME);

  return _scholia_command_check_annotation (store, presence->annotation, error) &&
         scholia_store_restore_annotation (store, presence->annotation, error) &&
         _scholia_command_write_labels (store, presence->annotation, SCHOLIA_TYPE_TAG, tags, error) &&
         _scholia_command_write_labels (store, presence->annotation, SCHOLIA_TYPE_THEME, themes, error);
}

/* Create */

struct _ScholiaCreateAnnotationCommand
{
  ScholiaCommand   parent_instance;

  ScholiaDocument *document;
  int              start;
  int              end;
  GArray          *tag_ids;
  char            *note;
  Presence         presence;   /* once applied */
};

G_DEFINE_FINAL_TYPE (ScholiaCreateAnnotationCommand, scholia_create_annotation_command, SCHOLIA_TYPE_COMMAND)

static gboolean
create_apply (ScholiaCommand  *command,
              GError         **error)
{
  ScholiaCreateAnnotationCommand *self = SCHOLIA_CREATE_ANNOTATION_COMMAND (command);
  ScholiaStore *store = scholia_command_get_store (command);

  if (self->presence.annotation != NULL)
    return presence_put_back (&self->presence, store, error);

  self->presence.annotation =
    scholia_store_add_annotation (store, self->document, self->start, self->end,
                                  (gint64 *) self->tag_ids->data, self->tag_ids->len,
                                  NULL, 0, self->note, error);
  return self->presence.annotation != NULL;
}

static gboolean
create_revert (ScholiaCommand  *command,
               GError         **error)
{
  ScholiaCreateAnnotationCommand *self = SCHOLIA_CREATE_ANNOTATION_COMMAND (command);

  return presence_take (&self->presence, scholia_command_get_store (command), error);
}

static const char *
create_get_label (ScholiaCommand *command)
{
  return C_("undo action", "Highlight");
}

static void
create_get_place (ScholiaCommand      *command,
                  ScholiaCommandPlace *place)
{
  ScholiaCreateAnnotationCommand *self = SCHOLIA_CREATE_ANNOTATION_COMMAND (command);

  if (self->presence.annotation != NULL)
    {
      _scholia_command_place_annotation (self->presence.annotation, place);
      return;
    }
  *place = (ScholiaCommandPlace) {
    .kind = SCHOLIA_COMMAND_PLACE_DOCUMENT,
    .document_id = scholia_document_get_id (self->document),
    .start = self->start,
    .end = self->end,
  };
}

static void
scholia_create_annotation_command_finalize (GObject *object)
{
  ScholiaCreateAnnotationCommand *self = SCHOLIA_CREATE_ANNOTATION_COMMAND (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->tag_ids, g_array_unref);
  g_free (self->note);
  presence_clear (&self->presence);

  G_OBJECT_CLASS (scholia_create_annotation_command_parent_class)->finalize (object);
}

static void
scholia_create_annotation_command_class_init (ScholiaCreateAnnotationCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_create_annotation_command_finalize;
  command_class->apply = create_apply;
  command_class->revert = create_revert;
  command_class->get_label = create_get_label;
  command_class->get_place = create_get_place;
}

static void
scholia_create_annotation_command_init (ScholiaCreateAnnotationCommand *self)
{
}

ScholiaCommand *
scholia_create_annotation_command_new (ScholiaStore    *store,
                                       ScholiaDocument *document,
                                       int              start,
                                       int              end,
                                       const gint64    *tag_ids,
                                       guint            n_tag_ids,
                                       const char      *note)
{
  ScholiaCreateAnnotationCommand *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (tag_ids != NULL || n_tag_ids == 0, NULL);

  self = g_object_new (SCHOLIA_TYPE_CREATE_ANNOTATION_COMMAND, "store", store, NULL);
  self->document = g_object_ref (document);
  self->start = start;
  self->end = end;
  self->tag_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_tag_ids);
  g_array_append_vals (self->tag_ids, tag_ids, n_tag_ids);
  self->note = g_strdup (note);
  return SCHOLIA_COMMAND (self);
}

ScholiaAnnotation *
scholia_create_annotation_command_get_annotation (ScholiaCreateAnnotationCommand *self)
{
  g_return_val_if_fail (SCHOLIA_IS_CREATE_ANNOTATION_COMMAND (self), NULL);

  return self->presence.annotation;
}

/* Delete */

struct _ScholiaDeleteAnnotationCommand
{
  ScholiaCommand parent_instance;

  Presence       presence;
};

G_DEFINE_FINAL_TYPE (ScholiaDeleteAnnotationCommand, scholia_delete_annotation_command, SCHOLIA_TYPE_COMMAND)

static gboolean
delete_apply (ScholiaCommand  *command,
              GError         **error)
{
  ScholiaDeleteAnnotationCommand *self = SCHOLIA_DELETE_ANNOTATION_COMMAND (command);

  return presence_take (&self->presence, scholia_command_get_store (command), error);
}

static gboolean
delete_revert (ScholiaCommand  *command,
               GError         **error)
{
  ScholiaDeleteAnnotationCommand *self = SCHOLIA_DELETE_ANNOTATION_COMMAND (command);

  return presence_put_back (&self->presence, scholia_command_get_store (command), error);
}

static const char *
delete_get_label (ScholiaCommand *command)
{
  return C_("undo action", "Delete Highlight");
}

static void
delete_get_place (ScholiaCommand      *command,
                  ScholiaCommandPlace *place)
{
  _scholia_command_place_annotation (SCHOLIA_DELETE_ANNOTATION_COMMAND (command)->presence.annotation, place);
}

static void
scholia_delete_annotation_command_finalize (GObject *object)
{
  presence_clear (&SCHOLIA_DELETE_ANNOTATION_COMMAND (object)->presence);

  G_OBJECT_CLASS (scholia_delete_annotation_command_parent_class)->finalize (object);
}

static void
scholia_delete_annotation_command_class_init (ScholiaDeleteAnnotationCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_delete_annotation_command_finalize;
  command_class->apply = delete_apply;
  command_class->revert = delete_revert;
  command_class->get_label = delete_get_label;
  command_class->get_place = delete_get_place;
}

static void
scholia_delete_annotation_command_init (ScholiaDeleteAnnotationCommand *self)
{
}

ScholiaCommand *
scholia_delete_annotation_command_new (ScholiaStore      *store,
                                       ScholiaAnnotation *annotation)
{
  ScholiaDeleteAnnotationCommand *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), NULL);

  self = g_object_new (SCHOLIA_TYPE_DELETE_ANNOTATION_COMMAND, "store", store, NULL);
  self->presence.annotation = g_object_ref (annotation);
  return SCHOLIA_COMMAND (self);
}

/* Relabel */

struct _ScholiaRelabelAnnotationCommand
{
  ScholiaCommand     parent_instance;

  ScholiaAnnotation *annotation;
  GType              label_type;
  gboolean           add;
  GArray            *before;      /* label ids, in order */
  GArray            *after;
};

G_DEFINE_FINAL_TYPE (ScholiaRelabelAnnotationCommand, scholia_relabel_annotation_command, SCHOLIA_TYPE_COMMAND)

static gboolean
relabel_set (ScholiaRelabelAnnotationCommand  *self,
             GArray                           *ids,
             GError                          **error)
{
  ScholiaStore *store = scholia_command_get_store (SCHOLIA_COMMAND (self));
  g_autoptr(GArray) kept = _scholia_command_existing_labels (store, ids, self->label_type);

  return _scholia_command_check_annotation (store, self->annotation, error) &&
         _scholia_command_write_labels (store, self->annotation, self->label_type, kept, error);
}

static gboolean
relabel_apply (ScholiaCommand  *command,
               GError         **error)
{
  ScholiaRelabelAnnotationCommand *self = SCHOLIA_RELABEL_ANNOTATION_COMMAND (command);

  return relabel_set (self, self->after, error);
}

static gboolean
relabel_revert (ScholiaCommand  *command,
                GError         **error)
{
  ScholiaRelabelAnnotationCommand *self = SCHOLIA_RELABEL_ANNOTATION_COMMAND (command);

  return relabel_set (self, self->before, error);
}

static const char *
relabel_get_label (ScholiaCommand *command)
{
  ScholiaRelabelAnnotationCommand *self = SCHOLIA_RELABEL_ANNOTATION_COMMAND (command);

  if (self->label_type == SCHOLIA_TYPE_THEME)
    return self->add ? C_("undo action", "Add Theme") : C_("undo action", "Remove Theme");
  return self->add ? C_("undo action", "Add Tag") : C_("undo action", "Remove Tag");
}

static void
relabel_get_place (ScholiaCommand      *command,
                   ScholiaCommandPlace *place)
{
  _scholia_command_place_annotation (SCHOLIA_RELABEL_ANNOTATION_COMMAND (command)->annotation, place);
}

static void
scholia_relabel_annotation_command_finalize (GObject *object)
{
  ScholiaRelabelAnnotationCommand *self = SCHOLIA_RELABEL_ANNOTATION_COMMAND (object);

  g_clear_object (&self->annotation);
  g_clear_pointer (&self->before, g_array_unref);
  g_clear_pointer (&self->after, g_array_unref);

  G_OBJECT_CLASS (scholia_relabel_annotation_command_parent_class)->finalize (object);
}

static void
scholia_relabel_annotation_command_class_init (ScholiaRelabelAnnotationCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_relabel_annotation_command_finalize;
  command_class->apply = relabel_apply;
  command_class->revert = relabel_revert;
  command_class->get_label = relabel_get_label;
  command_class->get_place = relabel_get_place;
}

static void
scholia_relabel_annotation_command_init (ScholiaRelabelAnnotationCommand *self)
{
}

ScholiaCommand *
scholia_relabel_annotation_command_new (ScholiaStore      *store,
                                        ScholiaAnnotation *annotation,
                                        GType              label_type,
                                        gint64             label_id,
                                        gboolean           add)
{
  ScholiaRelabelAnnotationCommand *self;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  gboolean present = FALSE;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), NULL);
  g_return_val_if_fail (label_type == SCHOLIA_TYPE_TAG || label_type == SCHOLIA_TYPE_THEME, NULL);

  before = _scholia_command_copy_label_ids (annotation, label_type);
  for (guint i = 0; i < before->len; i++)
    present |= g_array_index (before, gint64, i) == label_id;
  if (present == add)
    return NULL;

  after = g_array_copy (before);
  if (add)
    g_array_append_val (after, label_id);
  for (guint i = after->len; !add && i > 0; i--)
    if (g_array_index (after, gint64, i - 1) == label_id)
      g_array_remove_index (after, i - 1);

  self = g_object_new (SCHOLIA_TYPE_RELABEL_ANNOTATION_COMMAND, "store", store, NULL);
  self->annotation = g_object_ref (annotation);
  self->label_type = label_type;
  self->add = add;
  self->before = g_steal_pointer (&before);
  self->after = g_steal_pointer (&after);
  return SCHOLIA_COMMAND (self);
}

/* Note */

struct _ScholiaNoteCommand
{
  ScholiaCommand     parent_instance;

  ScholiaAnnotation *annotation;
  char              *old_note;
  char              *new_note;
};

G_DEFINE_FINAL_TYPE (ScholiaNoteCommand, scholia_note_command, SCHOLIA_TYPE_COMMAND)

static gboolean
note_set (ScholiaNoteCommand  *self,
          const char          *note,
          GError             **error)
{
  ScholiaStore *store = scholia_command_get_store (SCHOLIA_COMMAND (self));

  return _scholia_command_check_annotation (store, self->annotation, error) &&
         scholia_store_set_annotation_note (store, self->annotation, note, error);
}

static gboolean
note_apply (ScholiaCommand  *command,
            GError         **error)
{
  ScholiaNoteCommand *self = SCHOLIA_NOTE_COMMAND (command);

  return note_set (self, self->new_note, error);
}

static gboolean
note_revert (ScholiaCommand  *command,
             GError         **error)
{
  ScholiaNoteCommand *self = SCHOLIA_NOTE_COMMAND (command);

  return note_set (self, self->old_note, error);
}

static const char *
note_get_label (ScholiaCommand *command)
{
  return C_("undo action", "Note Edit");
}

static void
note_get_place (ScholiaCommand      *command,
                ScholiaCommandPlace *place)
{
  _scholia_command_place_annotation (SCHOLIA_NOTE_COMMAND (command)->annotation, place);
}

/* The next edit of the same note, already written, becomes part of this one. */
static gboolean
note_absorb (ScholiaCommand *command,
             ScholiaCommand *next)
{
  ScholiaNoteCommand *self = SCHOLIA_NOTE_COMMAND (command);

  if (!SCHOLIA_IS_NOTE_COMMAND (next) || SCHOLIA_NOTE_COMMAND (next)->annotation != self->annotation)
    return FALSE;

  g_free (self->new_note);
  self->new_note = g_strdup (SCHOLIA_NOTE_COMMAND (next)->new_note);
  return TRUE;
}

/* Typing back what was there leaves nothing to undo. */
static gboolean
note_is_empty (ScholiaCommand *command)
{
  ScholiaNoteCommand *self = SCHOLIA_NOTE_COMMAND (command);

  return g_str_equal (self->old_note, self->new_note);
}

static void
scholia_note_command_finalize (GObject *object)
{
  ScholiaNoteCommand *self = SCHOLIA_NOTE_COMMAND (object);

  g_clear_object (&self->annotation);
  g_free (self->old_note);
  g_free (self->new_note);

  G_OBJECT_CLASS (scholia_note_command_parent_class)->finalize (object);
}

static void
scholia_note_command_class_init (ScholiaNoteCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_note_command_finalize;
  command_class->apply = note_apply;
  command_class->revert = note_revert;
  command_class->get_label = note_get_label;
  command_class->get_place = note_get_place;
  command_class->absorb = note_absorb;
  command_class->is_empty = note_is_empty;
}

static void
scholia_note_command_init (ScholiaNoteCommand *self)
{
}

ScholiaCommand *
scholia_note_command_new (ScholiaStore      *store,
                          ScholiaAnnotation *annotation,
                          const char        *note)
{
  ScholiaNoteCommand *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), NULL);

  self = g_object_new (SCHOLIA_TYPE_NOTE_COMMAND, "store", store, NULL);
  self->annotation = g_object_ref (annotation);
  self->old_note = g_strdup (scholia_annotation_get_note (annotation));
  /* The store keeps "no note" as an empty one. */
  self->new_note = g_strdup (note != NULL ? note : "");
  return SCHOLIA_COMMAND (self);
}

/* Attach */

struct _ScholiaAttachAnnotationCommand
{
  ScholiaCommand     parent_instance;

  ScholiaAnnotation *annotation;
  int                old_start;
  int                old_end;
  gboolean           old_orphaned;
  ScholiaUnplacedReason old_reason;
  char              *old_source;
  int                start;
  int                end;
};

G_DEFINE_FINAL_TYPE (ScholiaAttachAnnotationCommand, scholia_attach_annotation_command, SCHOLIA_TYPE_COMMAND)

static gboolean
attach_apply (ScholiaCommand  *command,
              GError         **error)
{
  ScholiaAttachAnnotationCommand *self = SCHOLIA_ATTACH_ANNOTATION_COMMAND (command);
  ScholiaStore *store = scholia_command_get_store (command);

  return _scholia_command_check_annotation (store, self->annotation, error) &&
         scholia_store_set_annotation_anchor (store, self->annotation, self->start, self->end, FALSE, error);
}

/* An orphan keeps whatever offsets it has when it is orphaned: the old ones go back first. */
static gboolean
attach_revert (ScholiaCommand  *command,
               GError         **error)
{
  ScholiaAttachAnnotationCommand *self = SCHOLIA_ATTACH_ANNOTATION_COMMAND (command);
  ScholiaStore *store = scholia_command_get_store (command);
  ScholiaAnchorUpdate unplace = {
    self->annotation, self->old_start, self->old_end, TRUE, self->old_reason, self->old_source,
  };

  if (!_scholia_command_check_annotation (store, self->annotation, error) ||
      !scholia_store_set_annotation_anchor (store, self->annotation, self->old_start, self->old_end,
                                            FALSE, error))
    return FALSE;
  /* Unplaced again for the reason it had. */
  return !self->old_orphaned || scholia_store_update_anchors (store, &unplace, 1, error);
}

static const char *
attach_get_label (ScholiaCommand *command)
{
  return C_("undo action", "Attach Annotation");
}

static void
attach_get_place (ScholiaCommand      *command,
                  ScholiaCommandPlace *place)
{
  _scholia_command_place_annotation (SCHOLIA_ATTACH_ANNOTATION_COMMAND (command)->annotation, place);
}

static void
scholia_attach_annotation_command_finalize (GObject *object)
{
  g_clear_object (&SCHOLIA_ATTACH_ANNOTATION_COMMAND (object)->annotation);
  g_clear_pointer (&SCHOLIA_ATTACH_ANNOTATION_COMMAND (object)->old_source, g_free);

  G_OBJECT_CLASS (scholia_attach_annotation_command_parent_class)->finalize (object);
}

static void
scholia_attach_annotation_command_class_init (ScholiaAttachAnnotationCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_attach_annotation_command_finalize;
  command_class->apply = attach_apply;
  command_class->revert = attach_revert;
  command_class->get_label = attach_get_label;
  command_class->get_place = attach_get_place;
}

static void
scholia_attach_annotation_command_init (ScholiaAttachAnnotationCommand *self)
{
}

ScholiaCommand *
scholia_attach_annotation_command_new (ScholiaStore      *store,
                                       ScholiaAnnotation *annotation,
                                       int                start,
                                       int                end)
{
  ScholiaAttachAnnotationCommand *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), NULL);

  self = g_object_new (SCHOLIA_TYPE_ATTACH_ANNOTATION_COMMAND, "store", store, NULL);
  self->annotation = g_object_ref (annotation);
  self->old_start = scholia_annotation_get_start (annotation);
  self->old_end = scholia_annotation_get_end (annotation);
  self->old_orphaned = scholia_annotation_get_orphaned (annotation);
  self->old_reason = scholia_annotation_get_unplaced_reason (annotation);
  self->old_source = g_strdup (scholia_annotation_get_unplaced_source (annotation));
  self->start = start;
  self->end = end;
  return SCHOLIA_COMMAND (self);
}
