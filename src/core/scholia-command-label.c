/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-command-label.h"
#include "scholia-command-private.h"

static void
get_label_place (ScholiaLabel        *label,
                 ScholiaCommandPlace *place)
{
  _scholia_command_place_label (G_OBJECT_TYPE (label), scholia_label_get_id (label), place);
}

/* Create */

struct _ScholiaCreateLabelCommand
{
  ScholiaCommand  parent_instance;

  GType           label_type;
  char           *name;
  char           *colour;
  char           *description;
  ScholiaLabel   *label;        /* once applied */
};

G_DEFINE_FINAL_TYPE (ScholiaCreateLabelCommand, scholia_create_label_command, SCHOLIA_TYPE_COMMAND)

/* The first time makes the label; again, it puts the same one back with its id and place. */
static gboolean
create_label_apply (ScholiaCommand  *command,
                    GError         **error)
{
  ScholiaCreateLabelCommand *self = SCHOLIA_CREATE_LABEL_COMMAND (command);
  ScholiaStore *store = scholia_command_get_store (command);
  ScholiaLabel *label;

  if (self->label != NULL)
    return scholia_store_restore_label (store, self->label, NULL, error);

  label = scholia_store_add_label (store, self->label_type, self->name, self->colour, self->description, error);
  if (label == NULL)
    return FALSE;
  self->label = g_object_ref (label);
  return TRUE;
}

static gboolean
create_label_revert (ScholiaCommand  *command,
                     GError         **error)
{
  ScholiaCreateLabelCommand *self = SCHOLIA_CREATE_LABEL_COMMAND (command);
  ScholiaStore *store = scholia_command_get_store (command);

  return _scholia_label_check (store, self->label, error) &&
         scholia_store_delete_label (store, self->label, error);
}

static const char *
create_label_get_label (ScholiaCommand *command)
{
  ScholiaCreateLabelCommand *self = SCHOLIA_CREATE_LABEL_COMMAND (command);

  return self->label_type == SCHOLIA_TYPE_THEME ? C_("undo action", "New Theme") : C_("undo action", "New Tag");
}

static void
create_label_get_place (ScholiaCommand      *command,
                        ScholiaCommandPlace *place)
{
  ScholiaCreateLabelCommand *self = SCHOLIA_CREATE_LABEL_COMMAND (command);

  _scholia_command_place_label (self->label_type,
                                self->label != NULL ? scholia_label_get_id (self->label) : 0, place);
}

static void
scholia_create_label_command_finalize (GObject *object)
{
  ScholiaCreateLabelCommand *self = SCHOLIA_CREATE_LABEL_COMMAND (object);

  g_free (self->name);
  g_free (self->colour);
  g_free (self->description);
  g_clear_object (&self->label);

  G_OBJECT_CLASS (scholia_create_label_command_parent_class)->finalize (object);
}

static void
scholia_create_label_command_class_init (ScholiaCreateLabelCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_create_label_command_finalize;
  command_class->apply = create_label_apply;
  command_class->revert = create_label_revert;
  command_class->get_label = create_label_get_label;
  command_class->get_place = create_label_get_place;
}

static void
scholia_create_label_command_init (ScholiaCreateLabelCommand *self)
{
}

ScholiaCommand *
scholia_create_label_command_new (ScholiaStore *store,
                                  GType         label_type,
                                  const char   *name,
                                  const char   *colour,
                                  const char   *description)
{
  ScholiaCreateLabelCommand *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (label_type == SCHOLIA_TYPE_TAG || label_type == SCHOLIA_TYPE_THEME, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (SCHOLIA_TYPE_CREATE_LABEL_COMMAND, "store", store, NULL);
  self->label_type = label_type;
  self->name = g_strdup (name);
  self->colour = g_strdup (colour);
  self->description = g_strdup (description);
  return SCHOLIA_COMMAND (self);
}

ScholiaLabel *
scholia_create_label_command_get_label (ScholiaCreateLabelCommand *self)
{
  g_return_val_if_fail (SCHOLIA_IS_CREATE_LABEL_COMMAND (self), NULL);

  return self->label;
}

/* Update */

typedef struct
{
  char *name;
  char *colour;
  char *description;
} LabelFields;

static void
label_fields_clear (LabelFields *fields)
{
  g_clear_pointer (&fields->name, g_free);
  g_clear_pointer (&fields->colour, g_free);
  g_clear_pointer (&fields->description, g_free);
}

struct _ScholiaUpdateLabelCommand
{
  ScholiaCommand  parent_instance;

  ScholiaLabel   *label;
  LabelFields     before;       /* only the fields that change are set */
  LabelFields     after;
};

G_DEFINE_FINAL_TYPE (ScholiaUpdateLabelCommand, scholia_update_label_command, SCHOLIA_TYPE_COMMAND)

static gboolean
update_label_write (ScholiaUpdateLabelCommand  *self,
                    LabelFields                *fields,
                    GError                    **error)
{
  ScholiaStore *store = scholia_command_get_store (SCHOLIA_COMMAND (self));

  return _scholia_label_check (store, self->label, error) &&
         scholia_store_update_label (store, self->label, fields->name, fields->colour, fields->description, error);
}

static gboolean
update_label_apply (ScholiaCommand  *command,
                    GError         **error)
{
  ScholiaUpdateLabelCommand *self = SCHOLIA_UPDATE_LABEL_COMMAND (command);

  return update_label_write (self, &self->after, error);
}

static gboolean
update_label_revert (ScholiaCommand  *command,
                     GError         **error)
{
  ScholiaUpdateLabelCommand *self = SCHOLIA_UPDATE_LABEL_COMMAND (command);

  return update_label_write (self, &self->before, error);
}

static const char *
update_label_get_label (ScholiaCommand *command)
{
  ScholiaUpdateLabelCommand *self = SCHOLIA_UPDATE_LABEL_COMMAND (command);
  gboolean theme = SCHOLIA_IS_THEME (self->label);
  guint n_fields = (self->after.name != NULL) + (self->after.colour != NULL) + (self->after.description != NULL);

  if (n_fields > 1)
    return theme ? C_("undo action", "Edit Theme") : C_("undo action", "Edit Tag");
  if (self->after.name != NULL)
    return theme ? C_("undo action", "Rename Theme") : C_("undo action", "Rename Tag");
  if (self->after.colour != NULL)
    return theme ? C_("undo action", "Recolour Theme") : C_("undo action", "Recolour Tag");
  return theme ? C_("undo action", "Describe Theme") : C_("undo action", "Describe Tag");
}

static void
update_label_get_place (ScholiaCommand      *command,
                        ScholiaCommandPlace *place)
{
  get_label_place (SCHOLIA_UPDATE_LABEL_COMMAND (command)->label, place);
}

static void
scholia_update_label_command_finalize (GObject *object)
{
  ScholiaUpdateLabelCommand *self = SCHOLIA_UPDATE_LABEL_COMMAND (object);

  g_clear_object (&self->label);
  label_fields_clear (&self->before);
  label_fields_clear (&self->after);

  G_OBJECT_CLASS (scholia_update_label_command_parent_class)->finalize (object);
}

static void
scholia_update_label_command_class_init (ScholiaUpdateLabelCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_update_label_command_finalize;
  command_class->apply = update_label_apply;
  command_class->revert = update_label_revert;
  command_class->get_label = update_label_get_label;
  command_class->get_place = update_label_get_place;
}

static void
scholia_update_label_command_init (ScholiaUpdateLabelCommand *self)
{
}

ScholiaCommand *
scholia_update_label_command_new (ScholiaStore *store,
                                  ScholiaLabel *label,
                                  const char   *name,
                                  const char   *colour,
                                  const char   *description)
{
  ScholiaUpdateLabelCommand *self;
  g_autofree char *current_name = NULL;
  g_autofree char *current_colour = NULL;
  g_autofree char *current_description = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), NULL);

  g_object_get (label, "name", &current_name, "colour", &current_colour,
                "description", &current_description, NULL);
  self = g_object_new (SCHOLIA_TYPE_UPDATE_LABEL_COMMAND, "store", store, NULL);
  self->label = g_object_ref (label);
  changed |= _scholia_command_note_field (current_name, name, &self->before.name, &self->after.name);
  changed |= _scholia_command_note_field (current_colour, colour, &self->before.colour, &self->after.colour);
  changed |= _scholia_command_note_field (current_description, description, &self->before.description,
                         &self->after.description);
  if (!changed)
    g_clear_object (&self);
  return SCHOLIA_COMMAND (self);
}

/* Move */

struct _ScholiaMoveLabelCommand
{
  ScholiaCommand  parent_instance;

  ScholiaLabel   *label;
  guint           from;
  guint           to;
};

G_DEFINE_FINAL_TYPE (ScholiaMoveLabelCommand, scholia_move_label_command, SCHOLIA_TYPE_COMMAND)

static gboolean
move_label_to (ScholiaMoveLabelCommand  *self,
               guint                     index,
               GError                  **error)
{
  ScholiaStore *store = scholia_command_get_store (SCHOLIA_COMMAND (self));

  return _scholia_label_check (store, self->label, error) &&
         scholia_store_move_label (store, self->label, index, error);
}

static gboolean
move_label_apply (ScholiaCommand  *command,
                  GError         **error)
{
  ScholiaMoveLabelCommand *self = SCHOLIA_MOVE_LABEL_COMMAND (command);

  return move_label_to (self, self->to, error);
}

static gboolean
move_label_revert (ScholiaCommand  *command,
                   GError         **error)
{
  ScholiaMoveLabelCommand *self = SCHOLIA_MOVE_LABEL_COMMAND (command);

  return move_label_to (self, self->from, error);
}

static const char *
move_label_get_label (ScholiaCommand *command)
{
  return SCHOLIA_IS_THEME (SCHOLIA_MOVE_LABEL_COMMAND (command)->label) ? C_("undo action", "Move Theme") : C_("undo action", "Move Tag");
}

static void
move_label_get_place (ScholiaCommand      *command,
                      ScholiaCommandPlace *place)
{
  get_label_place (SCHOLIA_MOVE_LABEL_COMMAND (command)->label, place);
}

static void
scholia_move_label_command_finalize (GObject *object)
{
  g_clear_object (&SCHOLIA_MOVE_LABEL_COMMAND (object)->label);

  G_OBJECT_CLASS (scholia_move_label_command_parent_class)->finalize (object);
}

static void
scholia_move_label_command_class_init (ScholiaMoveLabelCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_move_label_command_finalize;
  command_class->apply = move_label_apply;
  command_class->revert = move_label_revert;
  command_class->get_label = move_label_get_label;
  command_class->get_place = move_label_get_place;
}

static void
scholia_move_label_command_init (ScholiaMoveLabelCommand *self)
{
}

ScholiaCommand *
scholia_move_label_command_new (ScholiaStore *store,
                                ScholiaLabel *label,
                                guint         index)
{
  ScholiaMoveLabelCommand *self;
  GListModel *labels;
  guint from = G_MAXUINT;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), NULL);

  labels = scholia_store_get_labels (store, G_OBJECT_TYPE (label));
  for (guint i = 0; i < g_list_model_get_n_items (labels) && from == G_MAXUINT; i++)
    {
      g_autoptr(ScholiaLabel) item = g_list_model_get_item (labels, i);

      if (item == label)
        from = i;
    }
  if (from == index)
    return NULL;

  self = g_object_new (SCHOLIA_TYPE_MOVE_LABEL_COMMAND, "store", store, NULL);
  self->label = g_object_ref (label);
  self->from = from;
  self->to = index;
  return SCHOLIA_COMMAND (self);
}

/* Delete and merge: the annotations that carried the label, and the order of their labels. */

typedef struct
{
  ScholiaAnnotation *annotation;
  GArray            *label_ids;
} Membership;

typedef struct
{
  GArray *ids;          /* of the annotations that carried the label */
  GArray *memberships;  /* Membership of each */
} Carriers;

static void
membership_clear (Membership *membership)
{
  g_clear_object (&membership->annotation);
  g_clear_pointer (&membership->label_ids, g_array_unref);
}

static void
carriers_clear (Carriers *carriers)
{
  g_clear_pointer (&carriers->ids, g_array_unref);
  g_clear_pointer (&carriers->memberships, g_array_unref);
}

/* Notes which annotations carry @label, and their label lists, before it goes away. */
static gboolean
carriers_note (Carriers      *carriers,
               ScholiaStore  *store,
               ScholiaLabel  *label,
               GError       **error)
{
  g_autoptr(GArray) ids = scholia_store_get_label_annotation_ids (store, label, error);
  g_autoptr(GArray) memberships = NULL;

  if (ids == NULL)
    return FALSE;

  memberships = g_array_sized_new (FALSE, TRUE, sizeof (Membership), ids->len);
  g_array_set_clear_func (memberships, (GDestroyNotify) membership_clear);
  for (guint i = 0; i < ids->len; i++)
    {
      Membership membership = { NULL, NULL };

      membership.annotation = scholia_store_get_annotation (store, g_array_index (ids, gint64, i), error);
      if (membership.annotation == NULL)
        return FALSE;
      membership.label_ids = _scholia_command_copy_label_ids (membership.annotation, G_OBJECT_TYPE (label));
      g_array_append_val (memberships, membership);
    }

  carriers_clear (carriers);
  carriers->ids = g_steal_pointer (&ids);
  carriers->memberships = g_steal_pointer (&memberships);
  return TRUE;
}

/* Puts @label back in its list and on its annotations, then gives each annotation its labels
 * in their old order (which also takes off a merge target it did not carry before). The store
 * has no transaction spanning several calls, so this is one step per annotation whose list
 * differs; annotations deleted since are left alone. */
static gboolean
carriers_restore (Carriers      *carriers,
                  ScholiaStore  *store,
                  ScholiaLabel  *label,
                  GError       **error)
{
  GType type = G_OBJECT_TYPE (label);
  g_autoptr(GArray) present = NULL;
  g_autoptr(GHashTable) linked = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (!scholia_store_restore_label (store, label, carriers->ids, error))
    return FALSE;

  present = scholia_store_get_label_annotation_ids (store, label, error);
  if (present == NULL)
    return FALSE;
  for (guint i = 0; i < present->len; i++)
    g_hash_table_add (linked, &g_array_index (present, gint64, i));

  for (guint i = 0; i < carriers->memberships->len; i++)
    {
      Membership *membership = &g_array_index (carriers->memberships, Membership, i);
      gint64 id = scholia_annotation_get_id (membership->annotation);
      g_autoptr(GArray) wanted = NULL;

      if (!g_hash_table_contains (linked, &id))
        continue;

      wanted = _scholia_command_existing_labels (store, membership->label_ids, type);
      if (!_scholia_command_write_labels (store, membership->annotation, type, wanted, error))
        return FALSE;
    }

  return TRUE;
}

struct _ScholiaDeleteLabelCommand
{
  ScholiaCommand  parent_instance;

  ScholiaLabel   *label;
  Carriers        carriers;
};

G_DEFINE_FINAL_TYPE (ScholiaDeleteLabelCommand, scholia_delete_label_command, SCHOLIA_TYPE_COMMAND)

static gboolean
delete_label_apply (ScholiaCommand  *command,
                    GError         **error)
{
  ScholiaDeleteLabelCommand *self = SCHOLIA_DELETE_LABEL_COMMAND (command);
  ScholiaStore *store = scholia_command_get_store (command);

  return _scholia_label_check (store, self->label, error) &&
         carriers_note (&self->carriers, store, self->label, error) &&
         scholia_store_delete_label (store, self->label, error);
}

static gboolean
delete_label_revert (ScholiaCommand  *command,
                     GError         **error)
{
  ScholiaDeleteLabelCommand *self = SCHOLIA_DELETE_LABEL_COMMAND (command);

  return carriers_restore (&self->carriers, scholia_command_get_store (command), self->label, error);
}

static const char *
delete_label_get_label (ScholiaCommand *command)
{
  return SCHOLIA_IS_THEME (SCHOLIA_DELETE_LABEL_COMMAND (command)->label) ? C_("undo action", "Delete Theme") : C_("undo action", "Delete Tag");
}

static void
delete_label_get_place (ScholiaCommand      *command,
                        ScholiaCommandPlace *place)
{
  get_label_place (SCHOLIA_DELETE_LABEL_COMMAND (command)->label, place);
}

static void
scholia_delete_label_command_finalize (GObject *object)
{
  ScholiaDeleteLabelCommand *self = SCHOLIA_DELETE_LABEL_COMMAND (object);

  g_clear_object (&self->label);
  carriers_clear (&self->carriers);

  G_OBJECT_CLASS (scholia_delete_label_command_parent_class)->finalize (object);
}

static void
scholia_delete_label_command_class_init (ScholiaDeleteLabelCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_delete_label_command_finalize;
  command_class->apply = delete_label_apply;
  command_class->revert = delete_label_revert;
  command_class->get_label = delete_label_get_label;
  command_class->get_place = delete_label_get_place;
}

static void
scholia_delete_label_command_init (ScholiaDeleteLabelCommand *self)
{
}

ScholiaCommand *
scholia_delete_label_command_new (ScholiaStore *store,
                                  ScholiaLabel *label)
{
  ScholiaDeleteLabelCommand *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), NULL);

  self = g_object_new (SCHOLIA_TYPE_DELETE_LABEL_COMMAND, "store", store, NULL);
  self->label = g_object_ref (label);
  return SCHOLIA_COMMAND (self);
}

/* Merge */

struct _ScholiaMergeLabelsCommand
{
  ScholiaCommand  parent_instance;

  ScholiaLabel   *from;
  ScholiaLabel   *into;
  Carriers        carriers;
};

G_DEFINE_FINAL_TYPE (ScholiaMergeLabelsCommand, scholia_merge_labels_command, SCHOLIA_TYPE_COMMAND)

static gboolean
merge_labels_apply (ScholiaCommand  *command,
                    GError         **error)
{
  ScholiaMergeLabelsCommand *self = SCHOLIA_MERGE_LABELS_COMMAND (command);
  ScholiaStore *store = scholia_command_get_store (command);

  return _scholia_label_check (store, self->from, error) &&
         _scholia_label_check (store, self->into, error) &&
         carriers_note (&self->carriers, store, self->from, error) &&
         scholia_store_merge_labels (store, self->from, self->into, error);
}

static gboolean
merge_labels_revert (ScholiaCommand  *command,
                     GError         **error)
{
  ScholiaMergeLabelsCommand *self = SCHOLIA_MERGE_LABELS_COMMAND (command);

  return carriers_restore (&self->carriers, scholia_command_get_store (command), self->from, error);
}

static const char *
merge_labels_get_label (ScholiaCommand *command)
{
  return SCHOLIA_IS_THEME (SCHOLIA_MERGE_LABELS_COMMAND (command)->from) ? C_("undo action", "Theme Merge") : C_("undo action", "Tag Merge");
}

static void
merge_labels_get_place (ScholiaCommand      *command,
                        ScholiaCommandPlace *place)
{
  get_label_place (SCHOLIA_MERGE_LABELS_COMMAND (command)->into, place);
}

static void
scholia_merge_labels_command_finalize (GObject *object)
{
  ScholiaMergeLabelsCommand *self = SCHOLIA_MERGE_LABELS_COMMAND (object);

  g_clear_object (&self->from);
  g_clear_object (&self->into);
  carriers_clear (&self->carriers);

  G_OBJECT_CLASS (scholia_merge_labels_command_parent_class)->finalize (object);
}

static void
scholia_merge_labels_command_class_init (ScholiaMergeLabelsCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_merge_labels_command_finalize;
  command_class->apply = merge_labels_apply;
  command_class->revert = merge_labels_revert;
  command_class->get_label = merge_labels_get_label;
  command_class->get_place = merge_labels_get_place;
}

static void
scholia_merge_labels_command_init (ScholiaMergeLabelsCommand *self)
{
}

ScholiaCommand *
scholia_merge_labels_command_new (ScholiaStore *store,
                                  ScholiaLabel *from,
                                  ScholiaLabel *into)
{
  ScholiaMergeLabelsCommand *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (from), NULL);
  g_return_val_if_fail (G_OBJECT_TYPE (from) == G_OBJECT_TYPE (into), NULL);

  self = g_object_new (SCHOLIA_TYPE_MERGE_LABELS_COMMAND, "store", store, NULL);
  self->from = g_object_ref (from);
  self->into = g_object_ref (into);
  return SCHOLIA_COMMAND (self);
}
