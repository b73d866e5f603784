/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-link.h"

/* Types */

typedef struct
{
  const char *id;
  const char *source_reading;   /* N_(): translated when read */
  const char *target_reading;
  gboolean    symmetric;
} BuiltinType;

/* Translators: the built-in link types between two passages, as a sentence reads them with the
 * passages around them: "A answers B", "B is answered by A" (shown as "answered by"), "A agrees
 * with B", "A contradicts B", "A cites the same source as B". Lower case: they are capitalised
 * where a line begins with them. */
static const BuiltinType builtin_types[] = {
  { SCHOLIA_LINK_TYPE_ANSWERS, N_("answers"), N_("answered by"), FALSE },
  { SCHOLIA_LINK_TYPE_AGREES_WITH, N_("agrees with"), N_("agrees with"), TRUE },
  { SCHOLIA_LINK_TYPE_CONTRADICTS, N_("contradicts"), N_("contradicts"), TRUE },
  { SCHOLIA_LINK_TYPE_SAME_SOURCE, N_("cites the same source as"), N_("cites the same source as"), TRUE },
};

static const char * const builtin_ids[] = {
  SCHOLIA_LINK_TYPE_ANSWERS,
  SCHOLIA_LINK_TYPE_AGREES_WITH,
  SCHOLIA_LINK_TYPE_CONTRADICTS,
  SCHOLIA_LINK_TYPE_SAME_SOURCE,
  NULL
};

static const BuiltinType *
find_builtin (const char *type)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (builtin_types); i++)
    if (g_strcmp0 (builtin_types[i].id, type) == 0)
      return &builtin_types[i];
  return NULL;
}

const char * const *
scholia_link_builtin_types (void)
{
  return builtin_ids;
}

gboolean
scholia_link_type_is_builtin (const char *type)
{
  return find_builtin (type) != NULL;
}

gboolean
scholia_link_type_is_symmetric (const char *type)
{
  const BuiltinType *builtin = find_builtin (type);

  return builtin != NULL && builtin->symmetric;
}

/* Whether @folded (case folded, hyphens made spaces) is one of @candidates so folded. */
static gboolean
is_one_of (const char *folded,
           const char *candidates[],
           guint       n_candidates)
{
  for (guint i = 0; i < n_candidates; i++)
    {
      g_autofree char *candidate = g_utf8_casefold (candidates[i], -1);

      g_strdelimit (candidate, "-", ' ');
      if (strcmp (candidate, folded) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether @folded names @builtin: its id, or its reading from the source in English or in the
 * user's language, with a hyphen or a space alike ("same source", "agrees-with"). */
static gboolean
names_builtin (const char        *folded,
               const BuiltinType *builtin)
{
  const char *candidates[] = { builtin->id, builtin->source_reading, _(builtin->source_reading) };

  return is_one_of (folded, candidates, G_N_ELEMENTS (candidates));
}

/* Whether @folded is @builtin's reading from the target, for a type that reads otherwise from
 * the source ("answered by"): taken as its type, the link would point the wrong way. */
static gboolean
names_inverse (const char        *folded,
               const BuiltinType *builtin)
{
  const char *candidates[] = { builtin->target_reading, _(builtin->target_reading) };

  return !builtin->symmetric && is_one_of (folded, candidates, G_N_ELEMENTS (candidates));
}

char *
scholia_link_type_normalize (const char  *name,
                             GError     **error)
{
  g_autoptr(GString) kept = g_string_new (NULL);
  g_autofree char *folded = NULL;
  gboolean blank = FALSE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID, _("A link type must be text"));
      return NULL;
    }

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          blank = kept->len > 0;
          continue;
        }
      if (g_unichar_iscntrl (c))
        {
          g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                               _("A link type cannot hold control characters"));
          return NULL;
        }
      if (blank)
        g_string_append_c (kept, ' ');
      blank = FALSE;
      g_string_append_unichar (kept, c);
    }

  if (kept->len == 0)
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID, _("A link needs a type"));
      return NULL;
    }
  if (g_utf8_strlen (kept->str, -1) > SCHOLIA_LINK_TYPE_MAX_LENGTH)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "A link type can be at most %d character long",
                                "A link type can be at most %d characters long", SCHOLIA_LINK_TYPE_MAX_LENGTH),
                   SCHOLIA_LINK_TYPE_MAX_LENGTH);
      return NULL;
    }

  folded = g_utf8_casefold (kept->str, -1);
  g_strdelimit (folded, "-", ' ');
  for (guint i = 0; i < G_N_ELEMENTS (builtin_types); i++)
    {
      if (names_builtin (folded, &builtin_types[i]))
        return g_strdup (builtin_types[i].id);
      if (names_inverse (folded, &builtin_types[i]))
        {
          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                       _("“%s” reads from the other passage: link that one first, with “%s”"),
                       kept->str, builtin_types[i].id);
          return NULL;
        }
    }
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

char *
scholia_link_type_get_reading (const char     *type,
                               ScholiaLinkEnd  end)
{
  const BuiltinType *builtin = find_builtin (type);

  g_return_val_if_fail (type != NULL, NULL);

  if (builtin != NULL)
    return g_strdup (end == SCHOLIA_LINK_END_SOURCE ? _(builtin->source_reading) : _(builtin->target_reading));
  if (end == SCHOLIA_LINK_END_SOURCE)
    return g_strdup (type);
  /* TRANSLATORS: how a link of a type the user named reads from its other end, e.g.
   * "paraphrases (reverse)": the passage shown is the one the other paraphrases. */
  return g_strdup_printf (_("%s (reverse)"), type);
}

char *
scholia_link_capitalize (const char *reading)
{
  GString *capitalized;

  g_return_val_if_fail (reading != NULL, NULL);

  if (*reading == '\0')
    return g_strdup ("");
  capitalized = g_string_new (NULL);
  g_string_append_unichar (capitalized, g_unichar_totitle (g_utf8_get_char (reading)));
  g_string_append (capitalized, g_utf8_next_char (reading));
  return g_string_free (capitalized, FALSE);
}

char *
scholia_link_type_get_label (const char *type)
{
  g_autofree char *reading = NULL;

  g_return_val_if_fail (type != NULL, NULL);

  reading = scholia_link_type_get_reading (type, SCHOLIA_LINK_END_SOURCE);
  if (!scholia_link_type_is_builtin (type))
    return g_steal_pointer (&reading);
  return scholia_link_capitalize (reading);
}

/* The object */

typedef struct
{
  gint64  annotation_id;
  char   *annotation_uuid;
  char   *quote;
  int     start;
  int     end;
  gint64  document_id;
  char   *document_title;
  char   *document_author;
} LinkEnd;

struct _ScholiaLink
{
  GObject  parent_instance;

  gint64   id;
  char    *uuid;
  char    *type;
  gint64   created;
  gint64   modified;
  LinkEnd  ends[2];
};

G_DEFINE_FINAL_TYPE (ScholiaLink, scholia_link, G_TYPE_OBJECT)

static void
link_end_clear (LinkEnd *end)
{
  g_clear_pointer (&end->annotation_uuid, g_free);
  g_clear_pointer (&end->quote, g_free);
  g_clear_pointer (&end->document_title, g_free);
  g_clear_pointer (&end->document_author, g_free);
}

static void
scholia_link_finalize (GObject *object)
{
  ScholiaLink *self = SCHOLIA_LINK (object);

  g_free (self->uuid);
  g_free (self->type);
  link_end_clear (&self->ends[0]);
  link_end_clear (&self->ends[1]);

  G_OBJECT_CLASS (scholia_link_parent_class)->finalize (object);
}

static void
scholia_link_class_init (ScholiaLinkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = scholia_link_finalize;
}

static void
scholia_link_init (ScholiaLink *self)
{
}

ScholiaLink *
scholia_link_new (gint64      id,
                  const char *uuid,
                  const char *type,
                  gint64      created,
                  gint64      modified)
{
  ScholiaLink *self;

  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);

  self = g_object_new (SCHOLIA_TYPE_LINK, NULL);
  self->id = id;
  self->uuid = g_strdup (uuid);
  self->type = g_strdup (type);
  self->created = created;
  self->modified = modified;
  return self;
}

gint64
scholia_link_get_id (ScholiaLink *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LINK (self), 0);
  return self->id;
}

const char *
scholia_link_get_uuid (ScholiaLink *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LINK (self), NULL);
  return self->uuid;
}

const char *
scholia_link_get_link_type (ScholiaLink *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LINK (self), NULL);
  return self->type;
}

gint64
scholia_link_get_created (ScholiaLink *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LINK (self), 0);
  return self->created;
}

gint64
scholia_link_get_modified (ScholiaLink *self)
{
  g_return_val_if_fail (SCHOLIA_IS_LINK (self), 0);
  return self->modified;
}

void
scholia_link_set_end (ScholiaLink    *self,
                      ScholiaLinkEnd  end,
                      gint64          annotation_id,
                      const char     *annotation_uuid,
                      const char     *quote,
                      int             start,
                      int             end_offset,
                      gint64          document_id,
                      const char     *document_title,
                      const char     *document_author)
{
  LinkEnd *slot;

  g_return_if_fail (SCHOLIA_IS_LINK (self));
  g_return_if_fail (end == SCHOLIA_LINK_END_SOURCE || end == SCHOLIA_LINK_END_TARGET);

  slot = &self->ends[end];
  link_end_clear (slot);
  slot->annotation_id = annotation_id;
  slot->annotation_uuid = g_strdup (annotation_uuid != NULL ? annotation_uuid : "");
  slot->quote = g_strdup (quote != NULL ? quote : "");
  slot->start = start;
  slot->end = end_offset;
  slot->document_id = document_id;
  slot->document_title = g_strdup (document_title != NULL ? document_title : "");
  slot->document_author = g_strdup (document_author != NULL ? document_author : "");
}

static const LinkEnd *
get_end (ScholiaLink    *self,
         ScholiaLinkEnd  end)
{
  g_return_val_if_fail (SCHOLIA_IS_LINK (self), NULL);
  g_return_val_if_fail (end == SCHOLIA_LINK_END_SOURCE || end == SCHOLIA_LINK_END_TARGET, NULL);
  return &self->ends[end];
}

gint64
scholia_link_get_annotation_id (ScholiaLink    *self,
                                ScholiaLinkEnd  end)
{
  const LinkEnd *slot = get_end (self, end);

  return slot != NULL ? slot->annotation_id : 0;
}

const char *
scholia_link_get_annotation_uuid (ScholiaLink    *self,
                                  ScholiaLinkEnd  end)
{
  const LinkEnd *slot = get_end (self, end);

  return slot != NULL && slot->annotation_uuid != NULL ? slot->annotation_uuid : "";
}

const char *
scholia_link_get_quote (ScholiaLink    *self,
                        ScholiaLinkEnd  end)
{
  const LinkEnd *slot = get_end (self, end);

  return slot != NULL && slot->quote != NULL ? slot->quote : "";
}

int
scholia_link_get_start (ScholiaLink    *self,
                        ScholiaLinkEnd  end)
{
  const LinkEnd *slot = get_end (self, end);

  return slot != NULL ? slot->start : 0;
}

int
scholia_link_get_end (ScholiaLink    *self,
                      ScholiaLinkEnd  end)
{
  const LinkEnd *slot = get_end (self, end);

  return slot != NULL ? slot->end : 0;
}

gint64
scholia_link_get_document_id (ScholiaLink    *self,
                              ScholiaLinkEnd  end)
{
  const LinkEnd *slot = get_end (self, end);

  return slot != NULL ? slot->document_id : 0;
}

const char *
scholia_link_get_document_title (ScholiaLink    *self,
                                 ScholiaLinkEnd  end)
{
  const LinkEnd *slot = get_end (self, end);

  return slot != NULL && slot->document_title != NULL ? slot->document_title : "";
}

const char *
scholia_link_get_document_author (ScholiaLink    *self,
                                  ScholiaLinkEnd  end)
{
  const LinkEnd *slot = get_end (self, end);

  return slot != NULL && slot->document_author != NULL ? slot->document_author : "";
}

gboolean
scholia_link_find_end (ScholiaLink    *self,
                       gint64          annotation_id,
                       ScholiaLinkEnd *end)
{
  g_return_val_if_fail (SCHOLIA_IS_LINK (self), FALSE);

  for (ScholiaLinkEnd i = SCHOLIA_LINK_END_SOURCE; i <= SCHOLIA_LINK_END_TARGET; i++)
    if (self->ends[i].annotation_id == annotation_id)
      {
        if (end != NULL)
          *end = i;
        return TRUE;
      }
  return FALSE;
}

ScholiaLinkEnd
scholia_link_end_opposite (ScholiaLinkEnd end)
{
  return end == SCHOLIA_LINK_END_SOURCE ? SCHOLIA_LINK_END_TARGET : SCHOLIA_LINK_END_SOURCE;
}

char *
scholia_link_get_reading (ScholiaLink    *self,
                          ScholiaLinkEnd  end)
{
  g_return_val_if_fail (SCHOLIA_IS_LINK (self), NULL);
  return scholia_link_type_get_reading (self->type, end);
}

char *
scholia_link_describe_end (ScholiaLink    *self,
                           ScholiaLinkEnd  end,
                           guint           max_quote_chars)
{
  g_autoptr(GString) quote = NULL;
  const char *author;
  const char *title;

  g_return_val_if_fail (SCHOLIA_IS_LINK (self), NULL);

  quote = g_string_new (scholia_link_get_quote (self, end));
  g_strstrip (quote->str);
  g_string_set_size (quote, strlen (quote->str));
  if (max_quote_chars > 0 && g_utf8_strlen (quote->str, -1) > max_quote_chars)
    {
      g_string_truncate (quote, g_utf8_offset_to_pointer (quote->str, max_quote_chars) - quote->str);
      g_string_append (quote, "…");
    }
  author = scholia_link_get_document_author (self, end);
  title = scholia_link_get_document_title (self, end);
  if (*author == '\0')
    /* Translators: a linked passage: its quote, then its essay's title */
    return g_strdup_printf (_("“%s” (%s)"), quote->str, title);
  /* Translators: a linked passage: its quote, its essay's author and title */
  return g_strdup_printf (_("“%s” (%s, %s)"), quote->str, author, title);
}
