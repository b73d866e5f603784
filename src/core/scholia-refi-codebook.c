/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "scholia-colour.h"
#include "scholia-error.h"
#include "scholia-export-file.h"
#include "scholia-refi-private.h"
#include "scholia-uuid.h"

/* The codebook both ways: the "Tags" and "Themes" codes written into a project or a .qdc, codes
 * read from either and placed in the library as labels, and what the three REFI-QDA files
 * share (guids, the summary, small XML helpers). */

#define MAX_QDC_BYTES (64 * 1024 * 1024)

void
scholia_refi_summary_init (ScholiaRefiSummary *summary)
{
  memset (summary, 0, sizeof *summary);
  summary->messages = g_ptr_array_new_with_free_func (g_free);
}

void
scholia_refi_summary_clear (ScholiaRefiSummary *summary)
{
  g_clear_pointer (&summary->messages, g_ptr_array_unref);
}

void
_scholia_refi_report (ScholiaRefiSummary *summary,
                      const char         *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (summary->messages, g_strdup_vprintf (format, args));
  va_end (args);
  summary->skipped++;
}

char *
_scholia_refi_guid (const char *kind,
                    const char *name)
{
  g_autofree char *name_space = g_strconcat ("scholia:refi:", kind, ":", NULL);

  return scholia_uuid_from_name (name_space, name);
}

char *
_scholia_refi_label_guid (ScholiaLabel *label)
{
  return _scholia_refi_guid (SCHOLIA_IS_THEME (label) ? "theme" : "tag", scholia_label_get_name (label));
}

char *
_scholia_refi_normalise_guid (const char *guid)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (guid != NULL ? guid : ""));
  gsize length = strlen (trimmed);

  if (length >= 2 && trimmed[0] == '{' && trimmed[length - 1] == '}')
    {
      trimmed[length - 1] = '\0';
      return g_ascii_strdown (trimmed + 1, -1);
    }
  return g_ascii_strdown (trimmed, -1);
}

xmlNode *
_scholia_refi_child (xmlNode    *node,
                     const char *name)
{
  for (xmlNode *child = node != NULL ? node->children : NULL; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && strcmp ((const char *) child->name, name) == 0)
      return child;
  return NULL;
}

char *
_scholia_refi_prop (xmlNode    *node,
                    const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

void
_scholia_refi_writer_error (GError **error)
{
  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED,
               _("The REFI-QDA file could not be written (out of memory)"));
}

/* Writing */

static gboolean
write_label_codes (xmlTextWriterPtr   writer,
                   ScholiaStore      *store,
                   GType              type,
                   const char        *parent)
{
  GListModel *labels = scholia_store_get_labels (store, type);
  guint n = g_list_model_get_n_items (labels);
  g_autofree char *parent_guid = _scholia_refi_guid ("parent", parent);
  gboolean ok;

  ok = xmlTextWriterStartElement (writer, BAD_CAST "Code") >= 0 &&
       xmlTextWriterWriteAttribute (writer, BAD_CAST "guid", BAD_CAST parent_guid) >= 0 &&
       xmlTextWriterWriteAttribute (writer, BAD_CAST "name", BAD_CAST parent) >= 0 &&
       xmlTextWriterWriteAttribute (writer, BAD_CAST "isCodable", BAD_CAST "false") >= 0;
  for (guint i = 0; ok && i < n; i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (labels, i);
      g_autofree char *guid = _scholia_refi_label_guid (label);
      const char *colour = scholia_label_get_colour (label);
      const char *description = scholia_label_get_description (label);

      ok = xmlTextWriterStartElement (writer, BAD_CAST "Code") >= 0 &&
           xmlTextWriterWriteAttribute (writer, BAD_CAST "guid", BAD_CAST guid) >= 0 &&
           xmlTextWriterWriteAttribute (writer, BAD_CAST "name", BAD_CAST scholia_label_get_name (label)) >= 0 &&
           xmlTextWriterWriteAttribute (writer, BAD_CAST "isCodable", BAD_CAST "true") >= 0 &&
           (colour == NULL || *colour == '\0' ||
            xmlTextWriterWriteAttribute (writer, BAD_CAST "color", BAD_CAST colour) >= 0) &&
           (description == NULL || *description == '\0' ||
            xmlTextWriterWriteElement (writer, BAD_CAST "Description", BAD_CAST description) >= 0) &&
           xmlTextWriterEndElement (writer) >= 0;
    }
  return ok && xmlTextWriterEndElement (writer) >= 0;
}

gboolean
_scholia_refi_write_codes (xmlTextWriterPtr   writer,
                           ScholiaStore      *store,
                           GError           **error)
{
  if (xmlTextWriterStartElement (writer, BAD_CAST "Codes") < 0 ||
      !write_label_codes (writer, store, SCHOLIA_TYPE_TAG, SCHOLIA_REFI_TAGS) ||
      !write_label_codes (writer, store, SCHOLIA_TYPE_THEME, SCHOLIA_REFI_THEMES) ||
      xmlTextWriterEndElement (writer) < 0)
    {
      _scholia_refi_writer_error (error);
      return FALSE;
    }
  return TRUE;
}

char *
scholia_refi_codebook_xml (ScholiaStore  *store,
                           GError       **error)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  xmlTextWriterPtr writer = xmlNewTextWriterMemory (buffer, 0);
  char *xml = NULL;
  gboolean ok;

  ok = xmlTextWriterStartDocument (writer, NULL, "UTF-8", NULL) >= 0 &&
       xmlTextWriterStartElement (writer, BAD_CAST "CodeBook") >= 0 &&
       xmlTextWriterWriteAttribute (writer, BAD_CAST "xmlns", BAD_CAST SCHOLIA_REFI_CODEBOOK_NS) >= 0 &&
       xmlTextWriterWriteAttribute (writer, BAD_CAST "origin", BAD_CAST "Scholia " PACKAGE_VERSION) >= 0;
  if (!ok)
    _scholia_refi_writer_error (error);
  else
    ok = _scholia_refi_write_codes (writer, store, error);
  if (ok && xmlTextWriterEndDocument (writer) < 0)
    {
      _scholia_refi_writer_error (error);
      ok = FALSE;
    }
  xmlFreeTextWriter (writer);
  if (ok)
    xml = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return xml;
}

gboolean
scholia_refi_export_codebook (ScholiaStore  *store,
                              const char    *path,
                              GError       **error)
{
  g_autofree char *xml = scholia_refi_codebook_xml (store, error);

  return xml != NULL && scholia_export_file_write (path, xml, strlen (xml), error);
}

/* Reading */

static void
refi_code_free (ScholiaRefiCode *code)
{
  g_free (code->guid);
  g_free (code->name);
  g_free (code->colour);
  g_free (code->description);
  g_free (code);
}

ScholiaRefiCodes *
_scholia_refi_codes_new (void)
{
  ScholiaRefiCodes *codes = g_new0 (ScholiaRefiCodes, 1);

  codes->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) refi_code_free);
  codes->by_guid = g_hash_table_new (g_str_hash, g_str_equal);
  return codes;
}

void
_scholia_refi_codes_free (ScholiaRefiCodes *codes)
{
  g_hash_table_unref (codes->by_guid);
  g_ptr_array_unref (codes->codes);
  g_free (codes);
}

/* "#abc" and "#AABBCC" as the store keeps colours, "#aabbcc"; NULL for anything else. */
static char *
normalise_colour (const char *colour)
{
  g_autofree char *lower = NULL;
  ScholiaRgb rgb;

  if (colour == NULL)
    return NULL;
  lower = g_ascii_strdown (colour, -1);
  if (strlen (lower) == 4 && lower[0] == '#')
    {
      g_free (lower);
      lower = g_strdup_printf ("#%c%c%c%c%c%c", g_ascii_tolower (colour[1]), g_ascii_tolower (colour[1]),
                               g_ascii_tolower (colour[2]), g_ascii_tolower (colour[2]),
                               g_ascii_tolower (colour[3]), g_ascii_tolower (colour[3]));
    }
  return scholia_colour_parse (lower, &rgb) ? g_steal_pointer (&lower) : NULL;
}

static gboolean
is_true (const char *value)
{
  return g_strcmp0 (value, "true") == 0 || g_strcmp0 (value, "1") == 0;
}

static void
read_code (ScholiaRefiCodes   *codes,
           xmlNode            *node,
           GType               type,
           const char         *path,
           GHashTable         *memos,
           ScholiaRefiSummary *summary)
{
  g_autofree char *guid = _scholia_refi_prop (node, "guid");
  g_autofree char *name = _scholia_refi_prop (node, "name");
  g_autofree char *codable = _scholia_refi_prop (node, "isCodable");
  g_autofree char *colour = _scholia_refi_prop (node, "color");
  g_autofree char *child_path = NULL;
  ScholiaRefiCode *code;
  xmlNode *description;
  gboolean has_children = FALSE;
  gboolean is_parent = FALSE;

  summary->codes++;
  if (name == NULL || *g_strstrip (name) == '\0')
    /* Translators: the name given to a REFI-QDA code that has none (a code becomes a tag) */
    name = g_strdup (_("Unnamed code"));

  /* The two top-level codes Scholia writes say which labels are themes. */
  if (path == NULL && g_strcmp0 (name, SCHOLIA_REFI_THEMES) == 0 && !is_true (codable))
    {
      type = SCHOLIA_TYPE_THEME;
      is_parent = TRUE;
    }
  else if (path == NULL && g_strcmp0 (name, SCHOLIA_REFI_TAGS) == 0 && !is_true (codable))
    is_parent = TRUE;
  else
    child_path = path != NULL ? g_strconcat (path, SCHOLIA_REFI_PATH_SEPARATOR, name, NULL) : g_strdup (name);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && strcmp ((const char *) child->name, "Code") == 0)
      {
        has_children = TRUE;
        read_code (codes, child, type, child_path, memos, summary);
      }
  if (is_parent)
    return;

  code = g_new0 (ScholiaRefiCode, 1);
  code->guid = _scholia_refi_normalise_guid (guid);
  code->type = type;
  code->name = g_steal_pointer (&child_path);
  code->colour = normalise_colour (colour);
  /* A code that is a folder of others becomes no label of its own. */
  code->codable = is_true (codable) || !has_children;
  description = _scholia_refi_child (node, "Description");
  if (description != NULL)
    {
      xmlChar *text = xmlNodeGetContent (description);
      code->description = g_strdup ((const char *) text);
      xmlFree (text);
    }
  if ((code->description == NULL || *code->description == '\0') && memos != NULL)
    {
      xmlNode *note_ref = _scholia_refi_child (node, "NoteRef");
      g_autofree char *target = note_ref != NULL ? _scholia_refi_prop (note_ref, "targetGUID") : NULL;
      g_autofree char *key = target != NULL ? _scholia_refi_normalise_guid (target) : NULL;
      ScholiaRefiNote *memo = key != NULL ? g_hash_table_lookup (memos, key) : NULL;

      if (memo != NULL)
        {
          g_free (code->description);
          code->description = g_strdup (memo->text);
          memo->used = TRUE;
        }
    }
  g_ptr_array_add (codes->codes, code);
  g_hash_table_insert (codes->by_guid, code->guid, code);
}

void
_scholia_refi_read_codes (ScholiaRefiCodes   *codes,
                          xmlNode            *codes_node,
                          GHashTable         *memos,
                          ScholiaRefiSummary *summary)
{
  for (xmlNode *child = codes_node != NULL ? codes_node->children : NULL; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && strcmp ((const char *) child->name, "Code") == 0)
      read_code (codes, child, SCHOLIA_TYPE_TAG, NULL, memos, summary);
}

/* The store caps names; a deep path keeps its last parts, which say most. */
static char *
fit_name (const char *name)
{
  const char *rest = name;

  while (g_utf8_strlen (rest, -1) > 100)
    {
      const char *next = strstr (rest, SCHOLIA_REFI_PATH_SEPARATOR);

      if (next == NULL)
        return g_utf8_substring (rest, 0, 100);
      rest = next + strlen (SCHOLIA_REFI_PATH_SEPARATOR);
    }
  return g_strdup (rest);
}

gboolean
_scholia_refi_place_codes (ScholiaStore       *store,
                           ScholiaRefiCodes   *codes,
                           ScholiaRefiSummary *summary,
                           GError            **error)
{
  for (guint i = 0; i < codes->codes->len; i++)
    {
      ScholiaRefiCode *code = g_ptr_array_index (codes->codes, i);
      g_autofree char *name = NULL;

      if (!code->codable)
        continue;
      name = fit_name (code->name);
      /* Renamed, not left out: said, but not counted as skipped. */
      if (g_strcmp0 (name, code->name) != 0)
        g_ptr_array_add (summary->messages,
                         g_strdup_printf (_("The code “%s” is named “%s”: a tag’s name has at most 100 characters"),
                                          code->name, name));
      code->label = scholia_store_find_label (store, code->type, name, NULL);
      if (code->label != NULL)
        continue;
      code->label = scholia_store_add_label (store, code->type, name, code->colour, code->description, error);
      if (code->label == NULL)
        {
          g_prefix_error (error, _("The code “%s” could not be added: "), code->name);
          return FALSE;
        }
      summary->labels_added++;
    }
  return TRUE;
}

static xmlDoc *
read_codebook (const char  *path,
               GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  gsize length;
  xmlDoc *doc;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length > MAX_QDC_BYTES)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE,
                   _("“%s” is too large for a codebook"), name);
      return NULL;
    }
  doc = xmlReadMemory (contents, (int) length, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                       XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL ||
      strcmp ((const char *) xmlDocGetRootElement (doc)->name, "CodeBook") != 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” is not a REFI-QDA codebook: it holds no <CodeBook> in XML"), name);
      xmlFreeDoc (doc);
      return NULL;
    }
  return doc;
}

gboolean
scholia_refi_import_codebook (ScholiaStore        *store,
                              const char          *path,
                              ScholiaRefiSummary  *summary,
                              GError             **error)
{
  xmlDoc *doc = read_codebook (path, error);
  g_autoptr(ScholiaRefiCodes) codes = NULL;
  gboolean ok;

  if (doc == NULL)
    return FALSE;
  codes = _scholia_refi_codes_new ();
  _scholia_refi_read_codes (codes, _scholia_refi_child (xmlDocGetRootElement (doc), "Codes"), NULL, summary);
  xmlFreeDoc (doc);

  if (!scholia_store_begin_batch (store, error))
    return FALSE;
  ok = _scholia_refi_place_codes (store, codes, summary, error);
  if (!ok)
    {
      scholia_store_abort_batch (store);
      return FALSE;
    }
  return scholia_store_commit_batch (store, error);
}
