/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-library-import.h"
#include "scholia-w3c.h"

/* A file called "harbour-trade_1851.txt" is titled "harbour trade 1851" when it offers no title
 * of its own. */
static char *
title_from_file (GFile *file)
{
  g_autofree char *basename = file != NULL ? g_file_get_basename (file) : NULL;
  g_autofree char *display = NULL;
  char *dot;

  if (basename == NULL)
    return g_strdup (_("Untitled Essay"));

  display = g_filename_display_name (basename);
  dot = strrchr (display, '.');
  if (dot != NULL && dot != display)
    *dot = '\0';
  g_strdelimit (display, "_", ' ');
  return g_steal_pointer (&display);
}

static const char *
pick (const char *given,
      const char *guessed)
{
  return given != NULL ? given : guessed;
}

ScholiaDocument *
scholia_library_add_imported (ScholiaStore               *store,
                              const ScholiaImportedText  *imported,
                              GFile                      *file,
                              const ScholiaMetadata      *overrides,
                              GError                    **error)
{
  return scholia_library_add_imported_with_facts (store, imported, file, overrides, NULL, error);
}

ScholiaDocument *
scholia_library_add_imported_with_facts (ScholiaStore               *store,
                                         const ScholiaImportedText  *imported,
                                         GFile                      *file,
                                         const ScholiaMetadata      *overrides,
                                         const ScholiaTextFacts     *facts,
                                         GError                    **error)
{
  static const ScholiaMetadata none = { 0 };
  g_autofree char *fallback_title = NULL;
  const char *title;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (imported != NULL, NULL);

  if (overrides == NULL)
    overrides = &none;

  title = pick (overrides->title, imported->title);
  if (title == NULL || *title == '\0')
    title = fallback_title = title_from_file (file);

  if (facts != NULL)
    return scholia_store_add_document_with_facts (store, title,
                                                  pick (overrides->author, imported->author),
                                                  pick (overrides->date, imported->date),
                                                  pick (overrides->source, imported->source),
                                                  imported->text, imported->pages, facts, error);
  return scholia_store_add_document (store, title,
                                     pick (overrides->author, imported->author),
                                     pick (overrides->date, imported->date),
                                     pick (overrides->source, imported->source),
                                     imported->text, imported->pages, error);
}

ScholiaDocument *
scholia_library_import_file (ScholiaStore           *store,
                             GFile                  *file,
                             const ScholiaMetadata  *overrides,
                             GCancellable           *cancellable,
                             GError                **error)
{
  g_autoptr(ScholiaImportedText) imported = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  imported = scholia_import_file (file, cancellable, error);
  if (imported == NULL)
    return NULL;

  return scholia_library_add_imported (store, imported, file, overrides, error);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_string_member (object, name) : NULL;
}

/* The samples' annotations.json maps each essay's file to the annotations it arrives with, as an
 * array of W3C Web Annotations (placed by their quotes). Read before any essay is added, so a
 * damaged file adds nothing; a samples folder without one gives plain essays. */
static JsonObject *
read_sample_annotations (const char  *samples_dir,
                         JsonParser  *parser,
                         GError     **error)
{
  g_autofree char *path = g_build_filename (samples_dir, "annotations.json", NULL);
  JsonNode *root;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  if (!json_parser_load_from_file (parser, path, error))
    {
      g_prefix_error (error, _("Could not read “%s”: "), path);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” does not hold the sample essays’ annotations"), path);
      return NULL;
    }
  return json_node_get_object (root);
}

/* Annotations already on @document are left as they are; those on an earlier copy of the same
 * essay are copied, so that importing the samples twice annotates both copies once. */
static gboolean
annotate_sample (ScholiaStore     *store,
                 JsonObject       *annotations,
                 const char       *file_name,
                 ScholiaDocument  *document,
                 GError          **error)
{
  JsonNode *node = annotations != NULL ? json_object_get_member (annotations, file_name) : NULL;
  ScholiaW3cSummary summary;

  if (node == NULL)
    return TRUE;

  return scholia_w3c_import_full (store, node, document, SCHOLIA_W3C_IMPORT_COPY_FOREIGN, &summary, error);
}

/* The sample essays ship with samples.json, which gives each file its title, author, date and
 * source, and with annotations.json, so that comparing them shows something from the start. */
gboolean
scholia_library_import_samples (ScholiaStore  *store,
                                const char    *samples_dir,
                                GPtrArray    **documents,
                                GError       **error)
{
  g_autofree char *index_path = g_build_filename (samples_dir, "samples.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) annotations_parser = json_parser_new ();
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  JsonObject *annotations;
  JsonNode *root;
  JsonArray *entries;

  g_return_val_if_fail (SCHOLIA_IS_STORE (store), FALSE);

  if (!json_parser_load_from_file (parser, index_path, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” does not list the sample essays"), index_path);
      return FALSE;
    }

  annotations = read_sample_annotations (samples_dir, annotations_parser, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  entries = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *file_name = entry != NULL ? member_string (entry, "file") : NULL;
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      ScholiaDocument *document;
      ScholiaMetadata metadata;

      if (file_name == NULL)
        continue;

      metadata = (ScholiaMetadata) {
        .title = member_string (entry, "title"),
        .author = member_string (entry, "author"),
        .date = member_string (entry, "date"),
        .source = member_string (entry, "source"),
      };
      path = g_build_filename (samples_dir, file_name, NULL);
      file = g_file_new_for_path (path);
      document = scholia_library_import_file (store, file, &metadata, NULL, error);
      if (document == NULL)
        return FALSE;
      g_ptr_array_add (added, g_object_ref (document));
      if (!annotate_sample (store, annotations, file_name, document, error))
        return FALSE;
    }

  if (documents != NULL)
    *documents = g_steal_pointer (&added);
  return TRUE;
}

/* Installed under pkgdatadir; a build run from its tree (and the tests) reads the source copy. */
char *
scholia_library_find_samples (void)
{
  const char *override = g_getenv ("SCHOLIA_SAMPLES_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "samples", NULL);

  if (override != NULL && *override != '\0')
    return g_strdup (override);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  return g_strdup (SOURCE_SAMPLES_DIR);
}
