/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "scholia-transport.h"
#include "scholia-webdav-multistatus.h"

#define DAV_NAMESPACE "DAV:"

static gboolean
is_dav_element (xmlNode    *node,
                const char *name)
{
  return node->type == XML_ELEMENT_NODE
         && node->ns != NULL
         && strcmp ((const char *) node->ns->href, DAV_NAMESPACE) == 0
         && strcmp ((const char *) node->name, name) == 0;
}

static xmlNode *
find_dav_child (xmlNode    *parent,
                const char *name)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (is_dav_element (child, name))
      return child;
  return NULL;
}

static char *
text_of (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strstrip (g_strdup ((const char *) content));

  xmlFree (content);
  return text;
}

/* A propstat's status line, "HTTP/1.1 200 OK": only its 2xx properties exist. */
static gboolean
propstat_found (xmlNode *propstat)
{
  xmlNode *status = find_dav_child (propstat, "status");
  g_autofree char *line = NULL;
  const char *code;

  if (status == NULL)
    return TRUE;
  line = text_of (status);
  code = strchr (line, ' ');
  return code != NULL && code[1] == '2';
}

static void
read_properties (xmlNode               *response,
                 ScholiaTransportEntry *entry)
{
  for (xmlNode *propstat = response->children; propstat != NULL; propstat = propstat->next)
    {
      xmlNode *prop;
      xmlNode *node;

      if (!is_dav_element (propstat, "propstat") || !propstat_found (propstat))
        continue;
      prop = find_dav_child (propstat, "prop");
      if (prop == NULL)
        continue;

      if ((node = find_dav_child (prop, "getetag")) != NULL)
        {
          g_free (entry->etag);
          entry->etag = text_of (node);
          if (entry->etag[0] == '\0')
            g_clear_pointer (&entry->etag, g_free);
        }
      if ((node = find_dav_child (prop, "getcontentlength")) != NULL)
        {
          g_autofree char *length = text_of (node);

          entry->size = g_ascii_strtoull (length, NULL, 10);
        }
      if ((node = find_dav_child (prop, "resourcetype")) != NULL)
        entry->is_folder = find_dav_child (node, "collection") != NULL;
    }
}

/* The decoded path of an href, which servers write as an absolute path or a whole URL. */
static char *
decoded_path_of (const char *href)
{
  g_autoptr(GUri) uri = NULL;

  if (href[0] == '/')
    return g_uri_unescape_string (href, NULL);
  uri = g_uri_parse (href, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;
  return g_uri_unescape_string (g_uri_get_path (uri), NULL);
}

static char *
without_trailing_slash (const char *path)
{
  gsize length = strlen (path);

  while (length > 0 && path[length - 1] == '/')
    length--;
  return g_strndup (path, length);
}

/* The name of @href when it lies directly in @folder (both without a trailing slash). */
static char *
child_name (const char *href,
            const char *folder)
{
  g_autofree char *decoded = decoded_path_of (href);
  g_autofree char *path = NULL;
  const char *slash;

  if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
    return NULL;
  path = without_trailing_slash (decoded);
  slash = strrchr (path, '/');
  if (slash == NULL
      || (gsize) (slash - path) != strlen (folder)
      || strncmp (path, folder, slash - path) != 0)
    return NULL;
  if (slash[1] == '\0' || slash[1] == '.')
    return NULL;
  return g_strdup (slash + 1);
}

GPtrArray *
scholia_webdav_multistatus_parse (const char  *body,
                                  gsize        length,
                                  const char  *folder_path,
                                  GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_transport_entry_free);
  g_autofree char *folder = without_trailing_slash (folder_path);
  xmlDoc *doc;
  xmlNode *root;

  g_return_val_if_fail (folder_path != NULL, NULL);

  /* No network, no entity expansion: the answer comes from a server we do not control. */
  doc = xmlReadMemory (body, (int) MIN (length, G_MAXINT), NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || !is_dav_element (root, "multistatus"))
    {
      g_set_error_literal (error, SCHOLIA_TRANSPORT_ERROR, SCHOLIA_TRANSPORT_ERROR_FAILED,
                           _("The server’s list of files could not be read: it is not a WebDAV answer"));
      xmlFreeDoc (doc);
      return NULL;
    }

  for (xmlNode *response = root->children; response != NULL; response = response->next)
    {
      xmlNode *href_node;
      g_autofree char *href = NULL;
      g_autofree char *name = NULL;
      ScholiaTransportEntry *entry;

      if (!is_dav_element (response, "response")
          || (href_node = find_dav_child (response, "href")) == NULL)
        continue;
      href = text_of (href_node);
      name = child_name (href, folder);
      if (name == NULL)
        continue;

      entry = g_new0 (ScholiaTransportEntry, 1);
      entry->name = g_steal_pointer (&name);
      read_properties (response, entry);
      g_ptr_array_add (entries, entry);
    }

  xmlFreeDoc (doc);
  return g_steal_pointer (&entries);
}
