/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-command-document.h"
#include "scholia-command-private.h"
#include "scholia-names.h"

static void
place_document (gint64               document_id,
                ScholiaCommandPlace *place)
{
  *place = (ScholiaCommandPlace) {
    .kind = SCHOLIA_COMMAND_PLACE_DOCUMENT,
    .document_id = document_id,
    .start = -1,
    .end = -1,
  };
}

/* Update */

typedef struct
{
  char *title;
  char *author;
  char *date;
  char *source;
  char *author_sort_key;   /* of the document's author, set after (and reverted before) it */
  char *language;
} DocumentFields;

static void
document_fields_clear (DocumentFields *fields)
{
  g_clear_pointer (&fields->title, g_free);
  g_clear_pointer (&fields->author, g_free);
  g_clear_pointer (&fields->date, g_free);
  g_clear_pointer (&fields->source, g_free);
  g_clear_pointer (&fields->author_sort_key, g_free);
  g_clear_pointer (&fields->language, g_free);
}

struct _ScholiaUpdateDocumentCommand
{
  ScholiaCommand  parent_instance;

  gint64          document_id;
  char           *title;        /* to name it when it is gone */
  DocumentFields  before;       /* only the fields that change are set */
  DocumentFields  after;
};

G_DEFINE_FINAL_TYPE (ScholiaUpdateDocumentCommand, scholia_update_document_command, SCHOLIA_TYPE_COMMAND)

static gboolean
update_document_write (ScholiaUpdateDocumentCommand  *self,
                       DocumentFields                *fields,
                       GError                       **error)
{
  ScholiaStore *store = scholia_command_get_store (SCHOLIA_COMMAND (self));
  ScholiaDocument *document = _scholia_command_find_document (store, self->document_id, self->title, error);

  if (document == NULL)
    return FALSE;
  if (fields->language != NULL &&
      !scholia_store_set_document_language (store, document, fields->language, error))
    return FALSE;
  if (fields->title == NULL && fields->author == NULL && fields->date == NULL && fields->source == NULL)
    return TRUE;
  return scholia_store_update_document (store, document, fields->title, fields->author,
                                        fields->date, fields->source, error);
}

/* The sort key of the document's author (as the store spells it). */
static gboolean
update_author_sort_key_write (ScholiaUpdateDocumentCommand  *self,
                              DocumentFields                *fields,
                              GError                       **error)
{
  ScholiaStore *store = scholia_command_get_store (SCHOLIA_COMMAND (self));
  ScholiaDocument *document;

  if (fields->author_sort_key == NULL)
    return TRUE;
  document = _scholia_command_find_document (store, self->document_id, self->title, error);
  return document != NULL &&
         scholia_store_set_author_sort_key (store, scholia_document_get_author (document),
                                            fields->author_sort_key, error);
}

static gboolean
update_document_apply (ScholiaCommand  *command,
                       GError         **error)
{
  ScholiaUpdateDocumentCommand *self = SCHOLIA_UPDATE_DOCUMENT_COMMAND (command);

  return update_document_write (self, &self->after, error) &&
         update_author_sort_key_write (self, &self->after, error);
}

static gboolean
update_document_revert (ScholiaCommand  *command,
                        GError         **error)
{
  ScholiaUpdateDocumentCommand *self = SCHOLIA_UPDATE_DOCUMENT_COMMAND (command);

  return update_author_sort_key_write (self, &self->before, error) &&
         update_document_write (self, &self->before, error);
}

static const char *
update_document_get_label (ScholiaCommand *command)
{
  return C_("undo action", "Edit Properties");
}

static void
update_document_get_place (ScholiaCommand      *command,
                           ScholiaCommandPlace *place)
{
  place_document (SCHOLIA_UPDATE_DOCUMENT_COMMAND (command)->document_id, place);
}

static void
scholia_update_document_command_finalize (GObject *object)
{
  ScholiaUpdateDocumentCommand *self = SCHOLIA_UPDATE_DOCUMENT_COMMAND (object);

  g_free (self->title);
  document_fields_clear (&self->before);
  document_fields_clear (&self->after);

  G_OBJECT_CLASS (scholia_update_document_command_parent_class)->finalize (object);
}

static void
scholia_update_document_command_class_init (ScholiaUpdateDocumentCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_update_document_command_finalize;
  command_class->apply = update_document_apply;
  command_class->revert = update_document_revert;
  command_class->get_label = update_document_get_label;
  command_class->get_place = update_document_get_place;
}

static void
scholia_update_document_command_init (ScholiaUpdateDocumentCommand *self)
{
}

ScholiaCommand *
scholia_update_document_command_new (ScholiaStore    *store,
                                     ScholiaDocument *document,
                                     const char      *title,
                                     const char      *author,
                                     const char      *date,
                                     const char      *source,
                                     const char      *author_sort_key,
                                     const char      *language)
{
  ScholiaUpdateDocumentCommand *self;
  gboolean changed = FALSE;
  g_autofree char *author_after = NULL;
  g_autofree char *sort_before = NULL;
  g_autofree char *sort_after = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  self = g_object_new (SCHOLIA_TYPE_UPDATE_DOCUMENT_COMMAND, "store", store, NULL);
  self->document_id = scholia_document_get_id (document);
  self->title = g_strdup (scholia_document_get_title (document));
  changed |= _scholia_command_note_field (scholia_document_get_title (document), title, &self->before.title, &self->after.title);
  changed |= _scholia_command_note_field (scholia_document_get_author (document), author, &self->before.author, &self->after.author);
  changed |= _scholia_command_note_field (scholia_document_get_date (document), date, &self->before.date, &self->after.date);
  changed |= _scholia_command_note_field (scholia_document_get_source (document), source, &self->before.source, &self->after.source);
  changed |= _scholia_command_note_field (scholia_document_get_language (document), language, &self->before.language, &self->after.language);

  /* The key belongs to the author the document will have; one new to the library starts with
   * the guess (and goes when undone), so there is nothing to put back. "" asks for the guess. */
  author_after = g_strstrip (g_strdup (self->after.author != NULL ? self->after.author
                                                                 : scholia_document_get_author (document)));
  if (author_sort_key != NULL && *author_after != '\0')
    {
      g_autofree char *guess = scholia_names_guess_sort_key (author_after);

      sort_before = scholia_store_dup_author_sort_key (store, author_after);
      sort_after = g_strdup (*author_sort_key != '\0' ? author_sort_key : guess);
      if (g_strcmp0 (sort_before != NULL ? sort_before : guess, sort_after) != 0)
        {
          self->before.author_sort_key = g_steal_pointer (&sort_before);
          self->after.author_sort_key = g_steal_pointer (&sort_after);
          changed = TRUE;
        }
    }
  if (!changed)
    g_clear_object (&self);
  return SCHOLIA_COMMAND (self);
}

/* Delete */

struct _ScholiaDeleteDocumentCommand
{
  ScholiaCommand          parent_instance;

  gint64                  document_id;
  char                   *title;
  ScholiaDeletedDocument *deleted;     /* while deleted */
};

G_DEFINE_FINAL_TYPE (ScholiaDeleteDocumentCommand, scholia_delete_document_command, SCHOLIA_TYPE_COMMAND)

static gboolean
delete_document_apply (ScholiaCommand  *command,
                       GError         **error)
{
  ScholiaDeleteDocumentCommand *self = SCHOLIA_DELETE_DOCUMENT_COMMAND (command);
  ScholiaStore *store = scholia_command_get_store (command);
  ScholiaDocument *document = _scholia_command_find_document (store, self->document_id, self->title, error);

  if (document == NULL)
    return FALSE;
  self->deleted = scholia_store_delete_document_undoable (store, document, error);
  return self->deleted != NULL;
}

static gboolean
delete_document_revert (ScholiaCommand  *command,
                        GError         **error)
{
  ScholiaDeleteDocumentCommand *self = SCHOLIA_DELETE_DOCUMENT_COMMAND (command);

  if (scholia_store_restore_document (scholia_command_get_store (command), self->deleted, error) == NULL)
    return FALSE;
  g_clear_pointer (&self->deleted, scholia_deleted_document_free);
  return TRUE;
}

static const char *
delete_document_get_label (ScholiaCommand *command)
{
  return C_("undo action", "Delete Essay");
}

static void
delete_document_get_place (ScholiaCommand      *command,
                           ScholiaCommandPlace *place)
{
  place_document (SCHOLIA_DELETE_DOCUMENT_COMMAND (command)->document_id, place);
}

static void
scholia_delete_document_command_finalize (GObject *object)
{
  ScholiaDeleteDocumentCommand *self = SCHOLIA_DELETE_DOCUMENT_COMMAND (object);

  g_free (self->title);
  g_clear_pointer (&self->deleted, scholia_deleted_document_free);

  G_OBJECT_CLASS (scholia_delete_document_command_parent_class)->finalize (object);
}

static void
scholia_delete_document_command_class_init (ScholiaDeleteDocumentCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_delete_document_command_finalize;
  command_class->apply = delete_document_apply;
  command_class->revert = delete_document_revert;
  command_class->get_label = delete_document_get_label;
  command_class->get_place = delete_document_get_place;
}

static void
scholia_delete_document_command_init (ScholiaDeleteDocumentCommand *self)
{
}

ScholiaCommand *
scholia_delete_document_command_new (ScholiaStore    *store,
                                     ScholiaDocument *document)
{
  ScholiaDeleteDocumentCommand *self;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  self = g_object_new (SCHOLIA_TYPE_DELETE_DOCUMENT_COMMAND, "store", store, NULL);
  self->document_id = scholia_document_get_id (document);
  self->title = g_strdup (scholia_document_get_title (document));
  return SCHOLIA_COMMAND (self);
}

/* Replace text */

struct _ScholiaReplaceTextCommand
{
  ScholiaCommand   parent_instance;

  gint64           document_id;
  char            *title;
  ScholiaRevision *revision;    /* what revert puts back */
  char            *new_text;
  GArray          *new_pages;
};

G_DEFINE_FINAL_TYPE (ScholiaReplaceTextCommand, scholia_replace_text_command, SCHOLIA_TYPE_COMMAND)

/* Applying the revised text again gives a fresh revision to revert next time. */
static gboolean
replace_text_apply (ScholiaCommand  *command,
                    GError         **error)
{
  ScholiaReplaceTextCommand *self = SCHOLIA_REPLACE_TEXT_COMMAND (command);
  ScholiaStore *store = scholia_command_get_store (command);
  ScholiaDocument *document = _scholia_command_find_document (store, self->document_id, self->title, error);
  ScholiaRevision *revision;

  if (document == NULL)
    return FALSE;
  revision = scholia_revision_apply (store, document, self->new_text, self->new_pages, NULL, error);
  if (revision == NULL)
    return FALSE;
  g_clear_pointer (&self->revision, scholia_revision_free);
  self->revision = revision;
  return TRUE;
}

static gboolean
replace_text_revert (ScholiaCommand  *command,
                     GError         **error)
{
  ScholiaReplaceTextCommand *self = SCHOLIA_REPLACE_TEXT_COMMAND (command);
  ScholiaStore *store = scholia_command_get_store (command);

  return _scholia_command_find_document (store, self->document_id, self->title, error) != NULL &&
         scholia_revision_restore_text (store, self->revision, error);
}

static const char *
replace_text_get_label (ScholiaCommand *command)
{
  return C_("undo action", "Replace Text");
}

static void
replace_text_get_place (ScholiaCommand      *command,
                        ScholiaCommandPlace *place)
{
  place_document (SCHOLIA_REPLACE_TEXT_COMMAND (command)->document_id, place);
}

static void
scholia_replace_text_command_finalize (GObject *object)
{
  ScholiaReplaceTextCommand *self = SCHOLIA_REPLACE_TEXT_COMMAND (object);

  g_free (self->title);
  g_clear_pointer (&self->revision, scholia_revision_free);
  g_free (self->new_text);
  g_clear_pointer (&self->new_pages, g_array_unref);

  G_OBJECT_CLASS (scholia_replace_text_command_parent_class)->finalize (object);
}

static void
scholia_replace_text_command_class_init (ScholiaReplaceTextCommandClass *klass)
{
  ScholiaCommandClass *command_class = SCHOLIA_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = scholia_replace_text_command_finalize;
  command_class->apply = replace_text_apply;
  command_class->revert = replace_text_revert;
  command_class->get_label = replace_text_get_label;
  command_class->get_place = replace_text_get_place;
}

static void
scholia_replace_text_command_init (ScholiaReplaceTextCommand *self)
{
}

ScholiaCommand *
scholia_replace_text_command_new (ScholiaStore     *store,
                                  ScholiaRevision  *revision,
                                  GError          **error)
{
  g_autoptr(ScholiaRevision) owned = revision;
  g_autoptr(ScholiaReplaceTextCommand) self = NULL;
  ScholiaDocument *document;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (revision != NULL, NULL);

  document = scholia_revision_get_document (revision);
  self = g_object_new (SCHOLIA_TYPE_REPLACE_TEXT_COMMAND, "store", store, NULL);
  self->document_id = scholia_document_get_id (document);
  self->title = g_strdup (scholia_document_get_title (document));
  self->new_text = scholia_store_load_text (store, document, error);
  if (self->new_text == NULL)
    return NULL;
  self->new_pages = scholia_store_load_pages (store, document, error);
  if (self->new_pages == NULL)
    return NULL;
  self->revision = g_steal_pointer (&owned);
  return SCHOLIA_COMMAND (g_steal_pointer (&self));
}
