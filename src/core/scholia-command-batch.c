/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-command-batch.h"

struct _ScholiaBatchCommand
{
  ScholiaCommand  parent_instance;

  char           *label;
  GPtrArray      *commands;
};

G_DEFINE_FINAL_TYPE (ScholiaBatchCommand, scholia_batch_command, SCHOLIA_TYPE_COMMAND)

/* Applies the commands in order (@forward) or reverts them from the last; on a failure runs
 * those already done the other way again, so that nothing of the step stays. */
static gboolean
run (ScholiaBatchCommand  *self,
     gboolean              forward,
     GError              **error)
{
  guint n = self->commands->len;
  guint done;

  for (done = 0; done < n; done++)
    {
      ScholiaCommand *command = g_ptr_array_index (self->commands, forward ? done : n - 1 - done);
      gboolean ok = forward ? scholia_command_apply (command, error)
                            : scholia_command_revert (command, error);

      if (!ok)
        break;
    }
  if (done == n)
    return TRUE;

  while (done-- > 0)
    {
      ScholiaCommand *command = g_ptr_array_index (self->commands, forward ? done : n - 1 - done);
      g_autoptr(GError) local_error = NULL;
      gboolean ok = forward ? scholia_command_revert (command, &local_error)
                            : scholia_command_apply (command, &local_error);

      /* The first failure is the one to report; one here means the library itself failed. */
      if (!ok)
        g_warning ("Could not take back part of “%s”: %s", self->label, local_error->message);
    }
  return FALSE;
}

static gboolean
batch_apply (ScholiaCommand  *command,
             GError         **error)
{
  return run (SCHOLIA_BATCH_COMMAND (command), TRUE, error);
}

static gboolean
batch_revert (ScholiaCommand  *command,
              GError         **error)
{
  return run (SCHOLIA_BATCH_COMMAND (command), FALSE, error);
}

static const char *
batch_get_label (ScholiaCommand *command)
{
  return SCHOLIA_BATCH_COMMAND (command)->label;
}

/* Undo shows where the first change was: the top of the list the user acted on. */
static void
batch_get_place (ScholiaCommand      *command,
                 ScholiaCommandPlace *place)
{
  scholia_command_get_place (g_ptr_array_index (SCHOLIA_BATCH_COMMAND (command)->commands, 0), place);
}

static void
scholia_batch_command_finalize (GObject *object)
{
  ScholiaBatchCommand *self = SCHOLIA_BATCH_COMMAND (object);

  g_free (self->label);
  g_clear_pointer (&self->commands, g_ptr_array_unref);

  G_OBJECT_CLASS (scholia_batch_command_parent_class)->finalize (object);
}

static void
scholia_batch_command_class_init (ScholiaBatchCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_batch_command_finalize;
  command_class->apply = batch_apply;
  command_class->revert = batch_revert;
  command_class->get_label = batch_get_label;
  command_class->get_place = batch_get_place;
}

static void
scholia_batch_command_init (ScholiaBatchCommand *self)
{
}

ScholiaCommand *
scholia_batch_command_new (ScholiaStore *store,
                           const char   *label,
                           GPtrArray    *commands)
{
  ScholiaBatchCommand *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (commands != NULL, NULL);

  if (commands->len == 0)
    return NULL;

  self = g_object_new (SCHOLIA_TYPE_BATCH_COMMAND, "store", store, NULL);
  self->label = g_strdup (label);
  self->commands = g_ptr_array_new_full (commands->len, g_object_unref);
  for (guint i = 0; i < commands->len; i++)
    g_ptr_array_add (self->commands, g_object_ref (g_ptr_array_index (commands, i)));
  return SCHOLIA_COMMAND (self);
}
