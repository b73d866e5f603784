/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-command-citation.h"
#include "scholia-command-private.h"
#include "scholia-store-references.h"

struct _ScholiaSetCitationKeyCommand
{
  ScholiaCommand  parent_instance;

  gint64          document_id;
  char           *title;    /* to name it when it is gone */
  char           *before;
  char           *after;
};

G_DEFINE_FINAL_TYPE (ScholiaSetCitationKeyCommand, scholia_set_citation_key_command, SCHOLIA_TYPE_COMMAND)

static gboolean
write_key (ScholiaSetCitationKeyCommand  *self,
           const char                    *key,
           GError                       **error)
{
  ScholiaStore *store = scholia_command_get_store (SCHOLIA_COMMAND (self));
  ScholiaDocument *document = _scholia_command_find_document (store, self->document_id, self->title, error);

  return document != NULL && scholia_store_set_document_citation_key (store, document, key, error);
}

static gboolean
set_citation_key_apply (ScholiaCommand  *command,
                        GError         **error)
{
  ScholiaSetCitationKeyCommand *self = SCHOLIA_SET_CITATION_KEY_COMMAND (command);

  return write_key (self, self->after, error);
}

static gboolean
set_citation_key_revert (ScholiaCommand  *command,
                         GError         **error)
{
  ScholiaSetCitationKeyCommand *self = SCHOLIA_SET_CITATION_KEY_COMMAND (command);

  return write_key (self, self->before, error);
}

static const char *
set_citation_key_get_label (ScholiaCommand *command)
{
  return C_("undo action", "Set Citation Key");
}

static void
set_citation_key_get_place (ScholiaCommand      *command,
                            ScholiaCommandPlace *place)
{
  *place = (ScholiaCommandPlace) {
    .kind = SCHOLIA_COMMAND_PLACE_DOCUMENT,
    .document_id = SCHOLIA_SET_CITATION_KEY_COMMAND (command)->document_id,
    .start = -1,
    .end = -1,
  };
}

static void
scholia_set_citation_key_command_finalize (GObject *object)
{
  ScholiaSetCitationKeyCommand *self = SCHOLIA_SET_CITATION_KEY_COMMAND (object);

  g_free (self->title);
  g_free (self->before);
  g_free (self->after);

  G_OBJECT_CLASS (scholia_set_citation_key_command_parent_class)->finalize (object);
}

static void
scholia_set_citation_key_command_class_init (ScholiaSetCitationKeyCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_set_citation_key_command_finalize;
  command_class->apply = set_citation_key_apply;
  command_class->revert = set_citation_key_revert;
  command_class->get_label = set_citation_key_get_label;
  command_class->get_place = set_citation_key_get_place;
}

static void
scholia_set_citation_key_command_init (ScholiaSetCitationKeyCommand *self)
{
}

ScholiaCommand *
scholia_set_citation_key_command_new (ScholiaStore    *store,
                                      ScholiaDocument *document,
                                      const char      *key)
{
  ScholiaSetCitationKeyCommand *self;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  wanted = g_strstrip (g_strdup (key != NULL ? key : ""));
  if (g_str_equal (wanted, scholia_document_get_citation_key (document)))
    return NULL;

  self = g_object_new (SCHOLIA_TYPE_SET_CITATION_KEY_COMMAND, "store", store, NULL);
  self->document_id = scholia_document_get_id (document);
  self->title = g_strdup (scholia_document_get_title (document));
  self->before = g_strdup (scholia_document_get_citation_key (document));
  self->after = g_steal_pointer (&wanted);
  return SCHOLIA_COMMAND (self);
}
