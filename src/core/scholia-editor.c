/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-command-annotation.h"
#include "scholia-command-batch.h"
#include "scholia-command-citation.h"
#include "scholia-command-document.h"
#include "scholia-command-label.h"
#include "scholia-command-link.h"
#include "scholia-command-private.h"
#include "scholia-editor.h"

/* The facade the interface calls: each function makes the command for one change and hands
 * it to the history, which applies and records it. */

struct _ScholiaEditor
{
  GObject         parent_instance;

  ScholiaStore   *store;
  ScholiaHistory *history;
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

/* Takes @command (NULL for a change that is no change) to the history. */
static gboolean
perform (ScholiaEditor   *self,
         ScholiaCommand  *command,
         GError         **error)
{
  g_autoptr(ScholiaCommand) owned = command;

  return owned == NULL || scholia_history_perform (self->history, owned, error);
}

/* The history's state is the editor's, for the views bound to it. */
static void
on_history_notify_cb (ScholiaEditor *self,
                      GParamSpec    *pspec)
{
  g_object_notify (G_OBJECT (self), g_param_spec_get_name (pspec));
}

static void
scholia_editor_constructed (GObject *object)
{
  ScholiaEditor *self = SCHOLIA_EDITOR (object);

  G_OBJECT_CLASS (scholia_editor_parent_class)->constructed (object);

  self->history = scholia_history_new ();
  g_signal_connect_object (self->history, "notify", G_CALLBACK (on_history_notify_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
scholia_editor_dispose (GObject *object)
{
  ScholiaEditor *self = SCHOLIA_EDITOR (object);

  g_clear_object (&self->history);
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

  object_class->constructed = scholia_editor_constructed;
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

ScholiaHistory *
scholia_editor_get_history (ScholiaEditor *self)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), NULL);

  return self->history;
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
  g_autoptr(ScholiaCommand) command = NULL;
  ScholiaAnnotation *annotation;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (tag_ids != NULL || n_tag_ids == 0, NULL);

  command = scholia_create_annotation_command_new (self->store, document, start, end,
                                                   tag_ids, n_tag_ids, note);
  if (!scholia_history_perform (self->history, command, error))
    return NULL;

  annotation = scholia_create_annotation_command_get_annotation (SCHOLIA_CREATE_ANNOTATION_COMMAND (command));
  return g_object_ref (annotation);
}

gboolean
scholia_editor_delete_annotation (ScholiaEditor      *self,
                                  ScholiaAnnotation  *annotation,
                                  GError            **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);

  return perform (self, scholia_delete_annotation_command_new (self->store, annotation), error);
}

/**
 * scholia_editor_delete_annotations:
 * @self: an editor
 * @annotations: (element-type ScholiaAnnotation): the annotations to delete
 *
 * Deletes every annotation of @annotations as one step: one undo puts them all back, with
 * their ids, tags, themes and notes.
 *
 * Returns: whether they were deleted (none was, on failure)
 */
gboolean
scholia_editor_delete_annotations (ScholiaEditor  *self,
                                   GPtrArray      *annotations,
                                   GError        **error)
{
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  for (guint i = 0; i < annotations->len; i++)
    g_ptr_array_add (commands, scholia_delete_annotation_command_new (self->store,
                                                                      g_ptr_array_index (annotations, i)));
  return perform (self, scholia_batch_command_new (self->store, C_("undo action", "Delete Highlights"), commands), error);
}

static const char *
bulk_relabel_label (GType    label_type,
                    gboolean add)
{
  if (label_type == SCHOLIA_TYPE_THEME)
    return add ? _("Add to Theme") : _("Remove from Theme");
  return add ? C_("undo action", "Add Tag") : C_("undo action", "Remove Tag");
}

/* One relabel command per annotation that changes, as one step. */
static gboolean
relabel_all (ScholiaEditor  *self,
             GPtrArray      *annotations,
             ScholiaLabel   *label,
             gboolean        add,
             GError        **error)
{
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func (g_object_unref);
  GType type = G_OBJECT_TYPE (label);

  if (add && !_scholia_label_check (self->store, label, error))
    return FALSE;

  for (guint i = 0; i < annotations->len; i++)
    {
      ScholiaCommand *command =
        scholia_relabel_annotation_command_new (self->store, g_ptr_array_index (annotations, i), type,
                                                scholia_label_get_id (label), add);

      if (command != NULL)
        g_ptr_array_add (commands, command);
    }
  return perform (self, scholia_batch_command_new (self->store, bulk_relabel_label (type, add), commands),
                  error);
}

gboolean
scholia_editor_add_label_to_all (ScholiaEditor  *self,
                                 GPtrArray      *annotations,
                                 ScholiaLabel   *label,
                                 GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return relabel_all (self, annotations, label, TRUE, error);
}

gboolean
scholia_editor_remove_label_from_all (ScholiaEditor  *self,
                                      GPtrArray      *annotations,
                                      ScholiaLabel   *label,
                                      GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return relabel_all (self, annotations, label, FALSE, error);
}

/* Adds (add) or removes a tag or theme on the annotation; one it may not carry yet must still
 * be the library's. */
static gboolean
relabel (ScholiaEditor      *self,
         ScholiaAnnotation  *annotation,
         ScholiaLabel       *label,
         gboolean            add,
         GError            **error)
{
  if (add && !_scholia_label_check (self->store, label, error))
    return FALSE;

  return perform (self,
                  scholia_relabel_annotation_command_new (self->store, annotation, G_OBJECT_TYPE (label),
                                                          scholia_label_get_id (label), add),
                  error);
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

  return relabel (self, annotation, label, TRUE, error);
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

  return relabel (self, annotation, label, FALSE, error);
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

  return relabel (self, annotation, label, !scholia_annotation_has_label (annotation, label), error);
}

gboolean
scholia_editor_set_note (ScholiaEditor      *self,
                         ScholiaAnnotation  *annotation,
                         const char         *note,
                         GError            **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);

  /* The store keeps "no note" as an empty one. */
  if (g_str_equal (note != NULL ? note : "", scholia_annotation_get_note (annotation)))
    return TRUE;

  return perform (self, scholia_note_command_new (self->store, annotation, note), error);
}

void
scholia_editor_close_group (ScholiaEditor *self)
{
  g_return_if_fail (SCHOLIA_IS_EDITOR (self));

  scholia_history_close_group (self->history);
}

ScholiaLabel *
scholia_editor_create_label (ScholiaEditor  *self,
                             GType           label_type,
                             const char     *name,
                             const char     *colour,
                             const char     *description,
                             GError        **error)
{
  g_autoptr(ScholiaCommand) command = NULL;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), NULL);
  g_return_val_if_fail (g_type_is_a (label_type, SCHOLIA_TYPE_LABEL), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  command = scholia_create_label_command_new (self->store, label_type, name, colour, description);
  if (!scholia_history_perform (self->history, command, error))
    return NULL;

  return scholia_create_label_command_get_label (SCHOLIA_CREATE_LABEL_COMMAND (command));
}

gboolean
scholia_editor_update_label (ScholiaEditor  *self,
                             ScholiaLabel   *label,
                             const char     *name,
                             const char     *colour,
                             const char     *description,
                             GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return perform (self, scholia_update_label_command_new (self->store, label, name, colour, description),
                  error);
}

gboolean
scholia_editor_move_label (ScholiaEditor  *self,
                           ScholiaLabel   *label,
                           guint           index,
                           GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return perform (self, scholia_move_label_command_new (self->store, label, index), error);
}

gboolean
scholia_editor_delete_label (ScholiaEditor  *self,
                             ScholiaLabel   *label,
                             GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  return perform (self, scholia_delete_label_command_new (self->store, label), error);
}

/* Merging a label into itself is nothing to undo. */
gboolean
scholia_editor_merge_labels (ScholiaEditor  *self,
                             ScholiaLabel   *from,
                             ScholiaLabel   *into,
                             GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (from), FALSE);
  g_return_val_if_fail (G_OBJECT_TYPE (from) == G_OBJECT_TYPE (into), FALSE);

  if (from == into)
    return TRUE;
  return perform (self, scholia_merge_labels_command_new (self->store, from, into), error);
}

gboolean
scholia_editor_update_document (ScholiaEditor    *self,
                                ScholiaDocument  *document,
                                const char       *title,
                                const char       *author,
                                const char       *date,
                                const char       *source,
                                const char       *author_sort_key,
                                const char       *language,
                                GError          **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);

  return perform (self,
                  scholia_update_document_command_new (self->store, document, title, author, date, source,
                                                       author_sort_key, language),
                  error);
}

gboolean
scholia_editor_update_document_with_key (ScholiaEditor    *self,
                                         ScholiaDocument  *document,
                                         const char       *title,
                                         const char       *author,
                                         const char       *date,
                                         const char       *source,
                                         const char       *author_sort_key,
                                         const char       *language,
                                         const char       *citation_key,
                                         GError          **error)
{
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func (g_object_unref);
  ScholiaCommand *command;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);

  /* The key first: a key refused leaves the fields unwritten. */
  command = scholia_set_citation_key_command_new (self->store, document, citation_key);
  if (command != NULL)
    g_ptr_array_add (commands, command);
  command = scholia_update_document_command_new (self->store, document, title, author, date, source,
                                                 author_sort_key, language);
  if (command != NULL)
    g_ptr_array_add (commands, command);
  /* Nothing changed: no empty step in the history. */
  if (commands->len == 0)
    return TRUE;
  if (commands->len == 1)
    return perform (self, g_object_ref (g_ptr_array_index (commands, 0)), error);
  return perform (self, scholia_batch_command_new (self->store, C_("undo action", "Edit Properties"), commands), error);
}

gboolean
scholia_editor_delete_document (ScholiaEditor    *self,
                                ScholiaDocument  *document,
                                GError          **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);

  return perform (self, scholia_delete_document_command_new (self->store, document), error);
}

gboolean
scholia_editor_attach_annotation (ScholiaEditor      *self,
                                  ScholiaAnnotation  *annotation,
                                  int                 start,
                                  int                 end,
                                  GError            **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);

  return perform (self, scholia_attach_annotation_command_new (self->store, annotation, start, end), error);
}

gboolean
scholia_editor_undo (ScholiaEditor  *self,
                     GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);

  return scholia_history_undo (self->history, error);
}

gboolean
scholia_editor_redo (ScholiaEditor  *self,
                     GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);

  return scholia_history_redo (self->history, error);
}

gboolean
scholia_editor_get_can_undo (ScholiaEditor *self)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);

  return scholia_history_get_can_undo (self->history);
}

gboolean
scholia_editor_get_can_redo (ScholiaEditor *self)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);

  return scholia_history_get_can_redo (self->history);
}

const char *
scholia_editor_get_undo_label (ScholiaEditor *self)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), NULL);

  return scholia_history_get_undo_label (self->history);
}

const char *
scholia_editor_get_redo_label (ScholiaEditor *self)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), NULL);

  return scholia_history_get_redo_label (self->history);
}

void
scholia_editor_clear_history (ScholiaEditor *self)
{
  g_return_if_fail (SCHOLIA_IS_EDITOR (self));

  scholia_history_clear (self->history);
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
  g_autoptr(ScholiaCommand) command = NULL;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (revision != NULL, FALSE);

  command = scholia_replace_text_command_new (self->store, revision, error);
  if (command == NULL)
    return FALSE;
  scholia_history_record (self->history, command);
  return TRUE;
}

ScholiaLink *
scholia_editor_link_passages (ScholiaEditor  *self,
                              gint64          source_id,
                              gint64          target_id,
                              const char     *type,
                              GError        **error)
{
  g_autoptr(ScholiaCommand) command = NULL;

  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  command = scholia_link_command_new (self->store, source_id, target_id, type);
  if (!scholia_history_perform (self->history, command, error))
    return NULL;

  return g_object_ref (scholia_link_command_get_link (SCHOLIA_LINK_COMMAND (command)));
}

gboolean
scholia_editor_remove_link (ScholiaEditor  *self,
                            ScholiaLink    *link,
                            GError        **error)
{
  g_return_val_if_fail (SCHOLIA_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LINK (link), FALSE);

  return perform (self, scholia_unlink_command_new (self->store, link), error);
}
