/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-store-links.h"
#include "scholia-w3c.h"
#include "scholia-w3c-json.h"
#include "scholia-w3c-links.h"

/* Export */

static void
add_link (JsonBuilder *items,
          ScholiaLink *link)
{
  g_autofree char *id = g_strconcat (SCHOLIA_URN_UUID, scholia_link_get_uuid (link), NULL);
  g_autofree char *source = g_strconcat (SCHOLIA_URN_UUID,
                                         scholia_link_get_annotation_uuid (link, SCHOLIA_LINK_END_SOURCE), NULL);
  g_autofree char *target = g_strconcat (SCHOLIA_URN_UUID,
                                         scholia_link_get_annotation_uuid (link, SCHOLIA_LINK_END_TARGET), NULL);

  json_builder_begin_object (items);
  scholia_w3c_json_add_head (items, id, "linking", scholia_link_get_created (link), scholia_link_get_modified (link));
  scholia_w3c_json_add_string (items, "target", source);
  json_builder_set_member_name (items, "body");
  json_builder_begin_array (items);
  json_builder_add_string_value (items, target);
  scholia_w3c_json_add_body (items, "classifying", scholia_link_get_link_type (link));
  json_builder_end_array (items);
  json_builder_end_object (items);
}

gboolean
_scholia_w3c_links_export (JsonBuilder   *items,
                           ScholiaStore  *store,
                           GPtrArray     *documents,
                           gint64        *total,
                           gint64        *latest,
                           GError       **error)
{
  g_autoptr(GListModel) links = scholia_store_list_links (store, error);
  g_autoptr(GHashTable) exported = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n;

  if (links == NULL)
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    {
      gint64 id = scholia_document_get_id (g_ptr_array_index (documents, i));

      g_hash_table_add (exported, g_memdup2 (&id, sizeof id));
    }

  n = g_list_model_get_n_items (links);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaLink) link = g_list_model_get_item (links, i);
      gint64 source = scholia_link_get_document_id (link, SCHOLIA_LINK_END_SOURCE);
      gint64 target = scholia_link_get_document_id (link, SCHOLIA_LINK_END_TARGET);

      if (!g_hash_table_contains (exported, &source) && !g_hash_table_contains (exported, &target))
        continue;
      add_link (items, link);
      *total += 1;
      *latest = MAX (*latest, scholia_link_get_modified (link));
    }
  return TRUE;
}

/* Import */

typedef struct
{
  guint  number;
  char  *id;
  char  *uuid;
  char  *source;       /* the ends' IRIs, as the file gave them */
  char  *target;
  char  *source_uuid;
  char  *target_uuid;
  char  *type;
  gint64 created;
  gint64 modified;
} IncomingLink;

struct _ScholiaW3cLinks
{
  GPtrArray *incoming;   /* IncomingLink */
};

static void
incoming_link_free (IncomingLink *link)
{
  g_free (link->id);
  g_free (link->uuid);
  g_free (link->source);
  g_free (link->target);
  g_free (link->source_uuid);
  g_free (link->target_uuid);
  g_free (link->type);
  g_free (link);
}

ScholiaW3cLinks *
_scholia_w3c_links_new (void)
{
  ScholiaW3cLinks *links = g_new0 (ScholiaW3cLinks, 1);

  links->incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) incoming_link_free);
  return links;
}

void
_scholia_w3c_links_free (ScholiaW3cLinks *links)
{
  if (links == NULL)
    return;
  g_ptr_array_unref (links->incoming);
  g_free (links);
}

guint
_scholia_w3c_links_count (ScholiaW3cLinks *links)
{
  return links->incoming->len;
}

static gboolean
has_motivation (JsonObject *annotation,
                const char *motivation)
{
  g_autoptr(GPtrArray) motivations = scholia_w3c_json_get_many (annotation, "motivation");

  for (guint i = 0; i < motivations->len; i++)
    {
      JsonNode *node = g_ptr_array_index (motivations, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (node), motivation))
        return TRUE;
    }
  return FALSE;
}

/* The IRI of a body or target given as a string or as an External Web Resource ("id" and no
 * text of its own); NULL for anything else. */
static char *
resource_iri (JsonNode *node,
              guint    *replaced)
{
  JsonObject *object;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_utf8_make_valid (json_node_get_string (node), -1);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (json_object_has_member (object, "value") || json_object_has_member (object, "selector") ||
      scholia_w3c_json_has_type (node, "TextualBody"))
    return NULL;
  return scholia_w3c_json_dup_text (object, "id", replaced);
}

gboolean
_scholia_w3c_links_read (ScholiaW3cLinks *links,
                         JsonObject      *annotation,
                         guint            number,
                         const char      *id,
                         guint           *replaced)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  g_autofree char *source = NULL;
  g_autofree char *target = NULL;
  g_autofree char *type = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  IncomingLink *link;

  if (!has_motivation (annotation, "linking"))
    return FALSE;
  targets = scholia_w3c_json_get_many (annotation, "target");
  bodies = scholia_w3c_json_get_many (annotation, "body");
  if (targets->len != 1 || (source = resource_iri (g_ptr_array_index (targets, 0), replaced)) == NULL)
    return FALSE;
  for (guint i = 0; i < bodies->len; i++)
    {
      JsonNode *body = g_ptr_array_index (bodies, i);

      if (target == NULL)
        target = resource_iri (body, replaced);
      if (type == NULL && scholia_w3c_json_has_type (body, "TextualBody") &&
          g_strcmp0 (scholia_w3c_json_get_string (json_node_get_object (body), "purpose"), "classifying") == 0)
        type = scholia_w3c_json_dup_text (json_node_get_object (body), "value", replaced);
    }
  if (target == NULL)
    return FALSE;

  link = g_new0 (IncomingLink, 1);
  link->number = number;
  link->id = g_strdup (id);
  link->uuid = id != NULL ? _scholia_w3c_uuid_for_id (id) : NULL;
  link->source_uuid = _scholia_w3c_uuid_for_id (source);
  link->target_uuid = _scholia_w3c_uuid_for_id (target);
  link->source = g_steal_pointer (&source);
  link->target = g_steal_pointer (&target);
  /* A link another tool made says only that the two are linked. */
  link->type = type != NULL ? g_steal_pointer (&type) : g_strdup ("links to");
  link->created = scholia_w3c_json_parse_time (scholia_w3c_json_get_string (annotation, "created"), now);
  link->modified = scholia_w3c_json_parse_time (scholia_w3c_json_get_string (annotation, "modified"), link->created);
  g_ptr_array_add (links->incoming, link);
  return TRUE;
}

static void
reject_link (GPtrArray    *rejected,
             IncomingLink *link,
             int           code,
             char         *reason)
{
  ScholiaW3cRejection *rejection = g_new0 (ScholiaW3cRejection, 1);

  rejection->number = link->number;
  rejection->id = g_strdup (link->id);
  rejection->code = code;
  rejection->reason = reason;
  g_ptr_array_add (rejected, rejection);
}

gboolean
_scholia_w3c_links_write (ScholiaW3cLinks  *links,
                          ScholiaStore     *store,
                          GPtrArray        *rejected,
                          guint            *added,
                          guint            *present,
                          GError          **error)
{
  guint n = links->incoming->len;
  g_autofree ScholiaLinkRecord *records = g_new0 (ScholiaLinkRecord, MAX (n, 1));
  g_autofree ScholiaLinkImportResult *results = g_new0 (ScholiaLinkImportResult, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      IncomingLink *link = g_ptr_array_index (links->incoming, i);

      records[i] = (ScholiaLinkRecord) {
        .uuid = link->uuid,
        .source_uuid = link->source_uuid,
        .target_uuid = link->target_uuid,
        .type = link->type,
        .created = link->created,
        .modified = link->modified,
      };
    }
  if (!scholia_store_import_links (store, records, n, results, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      IncomingLink *link = g_ptr_array_index (links->incoming, i);
      /* Translators: how a message names a link of an imported W3C file: its number in the file
       * and its id */
      g_autofree char *what = link->id != NULL ? g_strdup_printf (_("link %u (%s)"), link->number, link->id)
                                               : g_strdup_printf (_("link %u"), link->number);

      switch (results[i])
        {
        case SCHOLIA_LINK_IMPORT_ADDED:
          (*added)++;
          break;
        case SCHOLIA_LINK_IMPORT_PRESENT:
          (*present)++;
          break;
        case SCHOLIA_LINK_IMPORT_MISSING:
          reject_link (rejected, link, SCHOLIA_ERROR_NOT_FOUND,
                       g_strdup_printf (_("%s joins %s and %s, which are not both in the library: left out"),
                                        what, link->source, link->target));
          break;
        case SCHOLIA_LINK_IMPORT_INVALID:
        default:
          reject_link (rejected, link, SCHOLIA_ERROR_INVALID,
                       g_strdup_printf (_("%s links a passage to itself, or its type “%s” is no name: left out"),
                                        what, link->type));
          break;
        }
    }
  return TRUE;
}
