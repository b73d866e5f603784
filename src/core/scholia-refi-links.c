/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "scholia-refi-links.h"
#include "scholia-refi-private.h"
#include "scholia-store-links.h"

typedef struct
{
  char *guid;
  char *name;
  char *origin;   /* normalised guids */
  char *target;
} RefiLink;

struct _ScholiaRefiLinks
{
  GPtrArray *links;   /* RefiLink */
};

static void
refi_link_free (RefiLink *link)
{
  g_free (link->guid);
  g_free (link->name);
  g_free (link->origin);
  g_free (link->target);
  g_free (link);
}

void
_scholia_refi_links_free (ScholiaRefiLinks *links)
{
  if (links == NULL)
    return;
  g_ptr_array_unref (links->links);
  g_free (links);
}

static char *
guid_prop (xmlNode    *node,
           const char *name)
{
  g_autofree char *value = _scholia_refi_prop (node, name);

  return value != NULL ? _scholia_refi_normalise_guid (value) : NULL;
}

/* "“name”", or "a link" for one without. */
static char *
describe (const char *name)
{
  /* Translators: how a message names a link of a REFI-QDA project: by its name, or “A link” when
   * it has none; a message continues after it */
  return name != NULL && *name != '\0' ? g_strdup_printf (_("The link “%s”"), name) : g_strdup (_("A link"));
}

ScholiaRefiLinks *
_scholia_refi_links_read (xmlNode            *links_node,
                          GHashTable         *selections,
                          ScholiaRefiSummary *summary)
{
  ScholiaRefiLinks *links = g_new0 (ScholiaRefiLinks, 1);

  links->links = g_ptr_array_new_with_free_func ((GDestroyNotify) refi_link_free);
  for (xmlNode *node = links_node != NULL ? links_node->children : NULL; node != NULL; node = node->next)
    {
      RefiLink *link;

      if (node->type != XML_ELEMENT_NODE || strcmp ((const char *) node->name, "Link") != 0)
        continue;
      link = g_new0 (RefiLink, 1);
      link->guid = guid_prop (node, "guid");
      link->name = _scholia_refi_prop (node, "name");
      link->origin = guid_prop (node, "originGUID");
      link->target = guid_prop (node, "targetGUID");
      if (link->origin == NULL || link->target == NULL ||
          !g_hash_table_contains (selections, link->origin) || !g_hash_table_contains (selections, link->target))
        {
          g_autofree char *what = describe (link->name);

          _scholia_refi_report (summary, _("%s joins things other than two passages of a text (codes, sources, "
                                           "notes): Scholia links passages only, left out"), what);
          refi_link_free (link);
          continue;
        }
      g_ptr_array_add (links->links, link);
    }
  return links;
}

static const char *
uuid_of (GHashTable *uuids,
         const char *guid)
{
  const char *uuid = g_hash_table_lookup (uuids, guid);

  return uuid != NULL ? uuid : guid;
}

gboolean
_scholia_refi_links_write (ScholiaRefiLinks    *links,
                           ScholiaStore        *store,
                           GHashTable          *uuids,
                           ScholiaRefiSummary  *summary,
                           GError             **error)
{
  guint n = links->links->len;
  g_autofree ScholiaLinkRecord *records = g_new0 (ScholiaLinkRecord, MAX (n, 1));
  g_autofree ScholiaLinkImportResult *results = g_new0 (ScholiaLinkImportResult, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      RefiLink *link = g_ptr_array_index (links->links, i);

      records[i] = (ScholiaLinkRecord) {
        .uuid = link->guid,
        .source_uuid = uuid_of (uuids, link->origin),
        .target_uuid = uuid_of (uuids, link->target),
        .type = link->name != NULL && *link->name != '\0' ? link->name : "links to",
      };
    }
  if (!scholia_store_import_links (store, records, n, results, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      RefiLink *link = g_ptr_array_index (links->links, i);
      g_autofree char *what = describe (link->name);

      if (results[i] == SCHOLIA_LINK_IMPORT_ADDED)
        summary->links++;
      else if (results[i] == SCHOLIA_LINK_IMPORT_MISSING)
        _scholia_refi_report (summary, _("%s joins a passage that could not be imported: left out"), what);
      else if (results[i] == SCHOLIA_LINK_IMPORT_INVALID)
        _scholia_refi_report (summary, _("%s links a passage to itself, or its name is too long for a link type: "
                                         "left out"), what);
    }
  return TRUE;
}
