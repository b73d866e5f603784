/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scholia-author-group.h"
#include "scholia-document.h"
#include "scholia-names.h"

struct _ScholiaAuthorGroup
{
  GObject           parent_instance;

  char             *key;
  char             *name;
  char             *collate_key;
  /* The group's essays, whether or not the search lists them, in no order. */
  GListStore       *members;
  /* The members the filter keeps, sorted. */
  GtkSortListModel *documents;
  guint             count;
  /* Whether the sidebar shows the group, as its filter of groups last saw it. */
  gboolean          listed;
};

G_DEFINE_FINAL_TYPE (ScholiaAuthorGroup, scholia_author_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_count (ScholiaAuthorGroup *self,
           guint               count)
{
  if (count == self->count)
    return;

  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

static void
on_documents_items_changed_cb (ScholiaAuthorGroup *self,
                               guint               position,
                               guint               removed,
                               guint               added,
                               GListModel         *documents)
{
  set_count (self, g_list_model_get_n_items (documents));
}

static void
scholia_author_group_dispose (GObject *object)
{
  ScholiaAuthorGroup *self = SCHOLIA_AUTHOR_GROUP (object);

  g_clear_object (&self->documents);
  g_clear_object (&self->members);

  G_OBJECT_CLASS (scholia_author_group_parent_class)->dispose (object);
}

static void
scholia_author_group_finalize (GObject *object)
{
  ScholiaAuthorGroup *self = SCHOLIA_AUTHOR_GROUP (object);

  g_free (self->key);
  g_free (self->name);
  g_free (self->collate_key);

  G_OBJECT_CLASS (scholia_author_group_parent_class)->finalize (object);
}

static void
scholia_author_group_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ScholiaAuthorGroup *self = SCHOLIA_AUTHOR_GROUP (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scholia_author_group_class_init (ScholiaAuthorGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scholia_author_group_dispose;
  object_class->finalize = scholia_author_group_finalize;
  object_class->get_property = scholia_author_group_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scholia_author_group_init (ScholiaAuthorGroup *self)
{
}

/* A group of @members (ScholiaDocument), listed as @filter keeps them, sorted by @sorter. */
ScholiaAuthorGroup *
scholia_author_group_new (const char *key,
                          const char *sort_key,
                          GPtrArray  *members,
                          GtkFilter  *filter,
                          GtkSorter  *sorter)
{
  ScholiaAuthorGroup *self = g_object_new (SCHOLIA_TYPE_AUTHOR_GROUP, NULL);
  GtkFilterListModel *filtered;

  self->key = g_strdup (key);
  if (g_str_has_prefix (key, SCHOLIA_SEMINAR_MARK))
    /* Translators: a row of the library sidebar: %s is the seminar’s name */
    self->name = g_strdup_printf (_("Seminar: %s"), key + strlen (SCHOLIA_SEMINAR_MARK));
  else
    self->name = g_strdup (*key != '\0' ? key : _("Unknown Author"));
  scholia_author_group_set_sort_key (self, sort_key);
  self->members = g_list_store_new (SCHOLIA_TYPE_DOCUMENT);
  g_list_store_splice (self->members, 0, 0, members->pdata, members->len);

  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->members)),
                                        g_object_ref (filter));
  self->documents = gtk_sort_list_model_new (G_LIST_MODEL (filtered), g_object_ref (sorter));
  self->count = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  g_signal_connect_object (self->documents, "items-changed",
                           G_CALLBACK (on_documents_items_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

const char *
scholia_author_group_get_key (ScholiaAuthorGroup *self)
{
  g_return_val_if_fail (SCHOLIA_IS_AUTHOR_GROUP (self), NULL);

  return self->key;
}

const char *
scholia_author_group_get_name (ScholiaAuthorGroup *self)
{
  g_return_val_if_fail (SCHOLIA_IS_AUTHOR_GROUP (self), NULL);

  return self->name;
}

guint
scholia_author_group_get_count (ScholiaAuthorGroup *self)
{
  g_return_val_if_fail (SCHOLIA_IS_AUTHOR_GROUP (self), 0);

  return self->count;
}

gboolean
scholia_author_group_is_seminar (ScholiaAuthorGroup *self)
{
  g_return_val_if_fail (SCHOLIA_IS_AUTHOR_GROUP (self), FALSE);

  return g_str_has_prefix (self->key, SCHOLIA_SEMINAR_MARK);
}

/* Where the group files: its author's sort key, which the user may change. Returns whether
 * the group files elsewhere now. */
gboolean
scholia_author_group_set_sort_key (ScholiaAuthorGroup *self,
                                   const char         *sort_key)
{
  g_autofree char *collate_key = scholia_names_collate_key (sort_key);

  g_return_val_if_fail (SCHOLIA_IS_AUTHOR_GROUP (self), FALSE);

  if (g_strcmp0 (collate_key, self->collate_key) == 0)
    return FALSE;
  g_free (self->collate_key);
  self->collate_key = g_steal_pointer (&collate_key);
  return TRUE;
}

/* Adds @documents (ScholiaDocument) in one change. */
void
scholia_author_group_add (ScholiaAuthorGroup *self,
                          GPtrArray          *documents)
{
  g_return_if_fail (SCHOLIA_IS_AUTHOR_GROUP (self));

  g_list_store_splice (self->members, g_list_model_get_n_items (G_LIST_MODEL (self->members)), 0,
                       documents->pdata, documents->len);
}

void
scholia_author_group_remove (ScholiaAuthorGroup *self,
                             gpointer            document)
{
  guint position;

  g_return_if_fail (SCHOLIA_IS_AUTHOR_GROUP (self));

  if (!g_list_store_find (self->members, document, &position))
    return;
  g_list_store_remove (self->members, position);
}

gboolean
scholia_author_group_get_listed (ScholiaAuthorGroup *self)
{
  g_return_val_if_fail (SCHOLIA_IS_AUTHOR_GROUP (self), FALSE);

  return self->listed;
}

void
scholia_author_group_set_listed (ScholiaAuthorGroup *self,
                                 gboolean            listed)
{
  g_return_if_fail (SCHOLIA_IS_AUTHOR_GROUP (self));

  self->listed = listed;
}

/* Members, whether or not the search lists them: a group lasts as long as it has any, so that
 * clearing the search only has to show groups again. */
guint
scholia_author_group_get_n_members (ScholiaAuthorGroup *self)
{
  g_return_val_if_fail (SCHOLIA_IS_AUTHOR_GROUP (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->members));
}

/* The members the filter keeps, in the sorter's order: the group's rows under its heading. */
GListModel *
scholia_author_group_get_documents (ScholiaAuthorGroup *self)
{
  g_return_val_if_fail (SCHOLIA_IS_AUTHOR_GROUP (self), NULL);

  return G_LIST_MODEL (self->documents);
}

/* The groups' order: seminars first, then authors by their sort keys, essays without an author
 * last. */
int
scholia_author_group_compare (gconstpointer a,
                              gconstpointer b,
                              gpointer      user_data)
{
  const ScholiaAuthorGroup *first = a;
  const ScholiaAuthorGroup *second = b;
  gboolean first_unknown = *first->key == '\0';
  gboolean second_unknown = *second->key == '\0';
  gboolean first_seminar = g_str_has_prefix (first->key, SCHOLIA_SEMINAR_MARK);
  gboolean second_seminar = g_str_has_prefix (second->key, SCHOLIA_SEMINAR_MARK);
  int result;

  /* A seminar's reading is what its participant opens Scholia for: it comes first. */
  if (first_seminar != second_seminar)
    return (int) second_seminar - (int) first_seminar;

  /* Essays without an author are the odd ones out: they come after every named author. */
  if (first_unknown != second_unknown)
    return (int) first_unknown - (int) second_unknown;

  result = strcmp (first->collate_key, second->collate_key);
  /* Two authors filed alike ("Anonymous") stay apart. */
  return result != 0 ? result : strcmp (first->key, second->key);
}
