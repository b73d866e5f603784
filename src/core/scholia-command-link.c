/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-command-link.h"
#include "scholia-store-links.h"

static void
place_link (ScholiaLink         *link,
            ScholiaCommandPlace *place)
{
  *place = (ScholiaCommandPlace) {
    .kind = SCHOLIA_COMMAND_PLACE_DOCUMENT,
    .document_id = scholia_link_get_document_id (link, SCHOLIA_LINK_END_SOURCE),
    .start = scholia_link_get_start (link, SCHOLIA_LINK_END_SOURCE),
    .end = scholia_link_get_end (link, SCHOLIA_LINK_END_SOURCE),
  };
}

/* Link */

struct _ScholiaLinkCommand
{
  ScholiaCommand  parent_instance;

  gint64          source_id;
  gint64          target_id;
  char           *type;
  ScholiaLink    *link;   /* once applied */
};

G_DEFINE_FINAL_TYPE (ScholiaLinkCommand, scholia_link_command, SCHOLIA_TYPE_COMMAND)

static gboolean
link_apply (ScholiaCommand  *command,
            GError         **error)
{
  ScholiaLinkCommand *self = SCHOLIA_LINK_COMMAND (command);
  ScholiaStore *store = scholia_command_get_store (command);

  if (self->link != NULL)
    return scholia_store_restore_link (store, self->link, error);

  self->link = scholia_store_add_link (store, self->source_id, self->target_id, self->type, error);
  return self->link != NULL;
}

static gboolean
link_revert (ScholiaCommand  *command,
             GError         **error)
{
  ScholiaLinkCommand *self = SCHOLIA_LINK_COMMAND (command);

  return scholia_store_remove_link (scholia_command_get_store (command), self->link, error);
}

static const char *
link_get_label (ScholiaCommand *command)
{
  return C_("undo action", "Link Passages");
}

static void
link_get_place (ScholiaCommand      *command,
                ScholiaCommandPlace *place)
{
  ScholiaLinkCommand *self = SCHOLIA_LINK_COMMAND (command);

  if (self->link != NULL)
    place_link (self->link, place);
  else
    *place = (ScholiaCommandPlace) { .kind = SCHOLIA_COMMAND_PLACE_LIBRARY };
}

static void
scholia_link_command_finalize (GObject *object)
{
  ScholiaLinkCommand *self = SCHOLIA_LINK_COMMAND (object);

  g_free (self->type);
  g_clear_object (&self->link);

  G_OBJECT_CLASS (scholia_link_command_parent_class)->finalize (object);
}

static void
scholia_link_command_class_init (ScholiaLinkCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_link_command_finalize;
  command_class->apply = link_apply;
  command_class->revert = link_revert;
  command_class->get_label = link_get_label;
  command_class->get_place = link_get_place;
}

static void
scholia_link_command_init (ScholiaLinkCommand *self)
{
}

ScholiaCommand *
scholia_link_command_new (ScholiaStore *store,
                          gint64        source_id,
                          gint64        target_id,
                          const char   *type)
{
  ScholiaLinkCommand *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  self = g_object_new (SCHOLIA_TYPE_LINK_COMMAND, "store", store, NULL);
  self->source_id = source_id;
  self->target_id = target_id;
  self->type = g_strdup (type);
  return SCHOLIA_COMMAND (self);
}

ScholiaLink *
scholia_link_command_get_link (ScholiaLinkCommand *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LINK_COMMAND (self), NULL);

  return self->link;
}

/* Unlink */

struct _ScholiaUnlinkCommand
{
  ScholiaCommand  parent_instance;

  ScholiaLink    *link;
};

G_DEFINE_FINAL_TYPE (ScholiaUnlinkCommand, scholia_unlink_command, SCHOLIA_TYPE_COMMAND)

static gboolean
unlink_apply (ScholiaCommand  *command,
              GError         **error)
{
  return scholia_store_remove_link (scholia_command_get_store (command),
                                    SCHOLIA_UNLINK_COMMAND (command)->link, error);
}

static gboolean
unlink_revert (ScholiaCommand  *command,
               GError         **error)
{
  return scholia_store_restore_link (scholia_command_get_store (command),
                                     SCHOLIA_UNLINK_COMMAND (command)->link, error);
}

static const char *
unlink_get_label (ScholiaCommand *command)
{
  return C_("undo action", "Remove Link");
}

static void
unlink_get_place (ScholiaCommand      *command,
                  ScholiaCommandPlace *place)
{
  place_link (SCHOLIA_UNLINK_COMMAND (command)->link, place);
}

static void
scholia_unlink_command_finalize (GObject *object)
{
  g_clear_object (&SCHOLIA_UNLINK_COMMAND (object)->link);

  G_OBJECT_CLASS (scholia_unlink_command_parent_class)->finalize (object);
}

static void
scholia_unlink_command_class_init (ScholiaUnlinkCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_unlink_command_finalize;
  command_class->apply = unlink_apply;
  command_class->revert = unlink_revert;
  command_class->get_label = unlink_get_label;
  command_class->get_place = unlink_get_place;
}

static void
scholia_unlink_command_init (ScholiaUnlinkCommand *self)
{
}

ScholiaCommand *
scholia_unlink_command_new (ScholiaStore *store,
                            ScholiaLink  *link)
{
  ScholiaUnlinkCommand *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_LINK (link), NULL);

  self = g_object_new (SCHOLIA_TYPE_UNLINK_COMMAND, "store", store, NULL);
  self->link = g_object_ref (link);
  return SCHOLIA_COMMAND (self);
}
