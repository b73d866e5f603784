/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-history.h"

/* Enough for a long session; the oldest steps go first. */
#define MAX_HISTORY 500

struct _ScholiaHistory
{
  GObject   parent_instance;

  GQueue    undo;                 /* ScholiaCommand, newest first */
  GQueue    redo;                 /* ScholiaCommand, next to redo first */
  char     *undo_label;
  char     *redo_label;

  /* Whether the next command may join the newest step. */
  gboolean  group_open;
};

G_DEFINE_FINAL_TYPE (ScholiaHistory, scholia_history, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum
{
  UNDONE,
  REDONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
queue_clear (GQueue *queue)
{
  g_queue_clear_full (queue, g_object_unref);
}

static char *
format_label (GQueue     *queue,
              gboolean    redo)
{
  ScholiaCommand *command = g_queue_peek_head (queue);

  if (command == NULL)
    return NULL;
  if (redo)
    /* Translators: the Redo menu item; %s names the change, e.g. "Add Theme" (one of the strings
     * with the context "undo action", which name changes as nouns or short phrases that read well
     * after "Undo" and in "Undid “%s”") */
    return g_strdup_printf (_("Redo %s"), scholia_command_get_label (command));
  /* Translators: the Undo menu item; %s names the change, e.g. "Add Theme" */
  return g_strdup_printf (_("Undo %s"), scholia_command_get_label (command));
}

/* Brings the properties up to date with the stacks, notifying what changed. */
static void
update_state (ScholiaHistory *self,
              gboolean        could_undo,
              gboolean        could_redo)
{
  g_autofree char *undo_label = format_label (&self->undo, FALSE);
  g_autofree char *redo_label = format_label (&self->redo, TRUE);

  g_object_freeze_notify (G_OBJECT (self));
  if (could_undo != scholia_history_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != scholia_history_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (g_strcmp0 (undo_label, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (redo_label, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
scholia_history_dispose (GObject *object)
{
  ScholiaHistory *self = SCHOLIA_HISTORY (object);

  queue_clear (&self->undo);
  queue_clear (&self->redo);

  G_OBJECT_CLASS (scholia_history_parent_class)->dispose (object);
}

static void
scholia_history_finalize (GObject *object)
{
  ScholiaHistory *self = SCHOLIA_HISTORY (object);

  g_free (self->undo_label);
  g_free (self->redo_label);

  G_OBJECT_CLASS (scholia_history_parent_class)->finalize (object);
}

static void
scholia_history_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ScholiaHistory *self = SCHOLIA_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, scholia_history_get_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, scholia_history_get_can_redo (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_history_class_init (ScholiaHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = scholia_history_dispose;
  object_class->finalize = scholia_history_finalize;
  object_class->get_property = scholia_history_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[UNDONE] = g_signal_new ("undone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SCHOLIA_TYPE_COMMAND);
  signals[REDONE] = g_signal_new ("redone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SCHOLIA_TYPE_COMMAND);
}

static void
scholia_history_init (ScholiaHistory *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

ScholiaHistory *
scholia_history_new (void)
{
  return g_object_new (SCHOLIA_TYPE_HISTORY, NULL);
}

/* @command, already applied, joins the newest step when that takes it. */
static gboolean
absorb (ScholiaHistory *self,
        ScholiaCommand *command)
{
  ScholiaCommand *top = g_queue_peek_head (&self->undo);

  if (!self->group_open || top == NULL || !scholia_command_absorb (top, command))
    return FALSE;

  if (scholia_command_is_empty (top))
    g_object_unref (g_queue_pop_head (&self->undo));
  return TRUE;
}

gboolean
scholia_history_perform (ScholiaHistory  *self,
                         ScholiaCommand  *command,
                         GError         **error)
{
  g_return_val_if_fail (SCHOLIA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_COMMAND (command), FALSE);

  if (!scholia_command_apply (command, error))
    return FALSE;
  scholia_history_record (self, command);
  return TRUE;
}

void
scholia_history_record (ScholiaHistory *self,
                        ScholiaCommand *command)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (SCHOLIA_IS_HISTORY (self));
  g_return_if_fail (SCHOLIA_IS_COMMAND (command));

  could_undo = scholia_history_get_can_undo (self);
  could_redo = scholia_history_get_can_redo (self);
  if (!absorb (self, command))
    {
      queue_clear (&self->redo);
      g_queue_push_head (&self->undo, g_object_ref (command));
      if (g_queue_get_length (&self->undo) > MAX_HISTORY)
        g_object_unref (g_queue_pop_tail (&self->undo));
      self->group_open = scholia_command_can_absorb (command);
    }
  update_state (self, could_undo, could_redo);
}

void
scholia_history_close_group (ScholiaHistory *self)
{
  g_return_if_fail (SCHOLIA_IS_HISTORY (self));

  self->group_open = FALSE;
}

/* Moves the newest step of @from to @to, doing or undoing it. A step that fails is dropped:
 * keeping it would leave the other steps waiting behind one that cannot run. */
static gboolean
travel (ScholiaHistory  *self,
        GQueue          *from,
        GQueue          *to,
        gboolean         forward,
        GError         **error)
{
  g_autoptr(ScholiaCommand) command = NULL;
  gboolean could_undo, could_redo;
  gboolean done;

  self->group_open = FALSE;
  if (g_queue_is_empty (from))
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                           forward ? _("There is nothing to redo") : _("There is nothing to undo"));
      return FALSE;
    }

  could_undo = scholia_history_get_can_undo (self);
  could_redo = scholia_history_get_can_redo (self);
  command = g_queue_pop_head (from);
  done = forward ? scholia_command_apply (command, error) : scholia_command_revert (command, error);
  if (done)
    g_queue_push_head (to, g_object_ref (command));
  update_state (self, could_undo, could_redo);
  if (done)
    g_signal_emit (self, signals[forward ? REDONE : UNDONE], 0, command);
  return done;
}

gboolean
scholia_history_undo (ScholiaHistory  *self,
                      GError         **error)
{
  g_return_val_if_fail (SCHOLIA_IS_HISTORY (self), FALSE);

  return travel (self, &self->undo, &self->redo, FALSE, error);
}

gboolean
scholia_history_redo (ScholiaHistory  *self,
                      GError         **error)
{
  g_return_val_if_fail (SCHOLIA_IS_HISTORY (self), FALSE);

  return travel (self, &self->redo, &self->undo, TRUE, error);
}

ScholiaCommand *
scholia_history_peek_undo (ScholiaHistory *self)
{
  g_return_val_if_fail (SCHOLIA_IS_HISTORY (self), NULL);

  return g_queue_peek_head (&self->undo);
}

ScholiaCommand *
scholia_history_peek_redo (ScholiaHistory *self)
{
  g_return_val_if_fail (SCHOLIA_IS_HISTORY (self), NULL);

  return g_queue_peek_head (&self->redo);
}

gboolean
scholia_history_get_can_undo (ScholiaHistory *self)
{
  g_return_val_if_fail (SCHOLIA_IS_HISTORY (self), FALSE);

  return !g_queue_is_empty (&self->undo);
}

gboolean
scholia_history_get_can_redo (ScholiaHistory *self)
{
  g_return_val_if_fail (SCHOLIA_IS_HISTORY (self), FALSE);

  return !g_queue_is_empty (&self->redo);
}

const char *
scholia_history_get_undo_label (ScholiaHistory *self)
{
  g_return_val_if_fail (SCHOLIA_IS_HISTORY (self), NULL);

  return self->undo_label;
}

const char *
scholia_history_get_redo_label (ScholiaHistory *self)
{
  g_return_val_if_fail (SCHOLIA_IS_HISTORY (self), NULL);

  return self->redo_label;
}

void
scholia_history_clear (ScholiaHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (SCHOLIA_IS_HISTORY (self));

  could_undo = scholia_history_get_can_undo (self);
  could_redo = scholia_history_get_can_redo (self);
  queue_clear (&self->undo);
  queue_clear (&self->redo);
  self->group_open = FALSE;
  update_state (self, could_undo, could_redo);
}
