/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Between a seminar's folder and the library: seminar.json made from the library's tags and
 * themes and applied back to it, essays added with the uuid they have in the seminar, the
 * options the library keeps, and the transport opened with the user's credentials. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "scholia-credentials.h"
#include "scholia-error.h"
#include "scholia-language.h"
#include "scholia-seminar-sync-private.h"
#include "scholia-tag.h"
#include "scholia-theme.h"

void
_scholia_seminar_options_clear (ScholiaSeminarOptions *options)
{
  g_clear_pointer (&options->instructions, g_free);
  g_clear_pointer (&options->info_etag, g_free);
  g_clear_pointer (&options->info_checksum, g_free);
  g_clear_pointer (&options->tags, g_strfreev);
  g_clear_pointer (&options->leader, g_free);
}

static char *
dup_member_string (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return g_strdup ("");
  return g_strdup (json_node_get_string (node));
}

static gboolean
get_member_boolean (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN
         && json_node_get_boolean (node);
}

static GStrv
dup_member_names (JsonObject *object,
                  const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  g_autoptr(GStrvBuilder) names = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  names = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (names, json_node_get_string (element));
    }
  return g_strv_builder_end (names);
}

/* Tolerant: options the library cannot read count as the defaults, so that a sync fetches
 * seminar.json again and writes them afresh. */
void
_scholia_seminar_options_read (const char            *json,
                               ScholiaSeminarOptions *options)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = NULL;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    object = json_node_get_object (json_parser_get_root (parser));

  options->participants_add_tags = get_member_boolean (object, "participants-add-tags");
  options->hide_until_posted = get_member_boolean (object, "hide-until-posted");
  options->instructions = dup_member_string (object, "instructions");
  options->info_etag = dup_member_string (object, "info-etag");
  options->info_checksum = dup_member_string (object, "info-sha256");
  options->tags = dup_member_names (object, "tags");
  options->leader = dup_member_string (object, "leader");
}

char *
_scholia_seminar_options_write (const ScholiaSeminarOptions *options)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "participants-add-tags");
  json_builder_add_boolean_value (builder, options->participants_add_tags);
  json_builder_set_member_name (builder, "hide-until-posted");
  json_builder_add_boolean_value (builder, options->hide_until_posted);
  json_builder_set_member_name (builder, "instructions");
  json_builder_add_string_value (builder, options->instructions != NULL ? options->instructions : "");
  json_builder_set_member_name (builder, "info-etag");
  json_builder_add_string_value (builder, options->info_etag != NULL ? options->info_etag : "");
  json_builder_set_member_name (builder, "info-sha256");
  json_builder_add_string_value (builder, options->info_checksum != NULL ? options->info_checksum : "");
  json_builder_set_member_name (builder, "leader");
  json_builder_add_string_value (builder, options->leader != NULL ? options->leader : "");
  if (options->tags != NULL)
    {
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint i = 0; options->tags[i] != NULL; i++)
        json_builder_add_string_value (builder, options->tags[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

ScholiaTransport *
_scholia_seminar_open_transport (const char    *location,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *password = NULL;
  const char *user = NULL;

  if (g_ascii_strncasecmp (location, "http://", 7) == 0 || g_ascii_strncasecmp (location, "https://", 8) == 0)
    uri = g_uri_parse (location, G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (uri != NULL)
    user = g_uri_get_user (uri);

  if (user != NULL && *user != '\0')
    {
      g_autoptr(GError) keyring_error = NULL;

      password = scholia_credentials_lookup (location, user, cancellable, &keyring_error);
      if (keyring_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&keyring_error));
          return NULL;
        }
    }
  return scholia_transport_new_for_location (location, user, password, error);
}

static void
add_labels (GPtrArray   *labels,
            GListModel  *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (model, i);

      g_ptr_array_add (labels, scholia_seminar_label_new (scholia_label_get_name (label),
                                                          scholia_label_get_colour (label),
                                                          scholia_label_get_description (label),
                                                          i));
    }
}

ScholiaSeminarInfo *
_scholia_seminar_info_from_library (ScholiaStore                 *store,
                                    const char                   *uuid,
                                    const char                   *name,
                                    const char                   *leader_uuid,
                                    const char                   *leader_name,
                                    const ScholiaSeminarOptions  *options,
                                    GArray                       *document_ids,
                                    GError                      **error)
{
  g_autoptr(ScholiaSeminarInfo) info = scholia_seminar_info_new ();

  g_free (info->uuid);
  info->uuid = g_strdup (uuid);
  g_free (info->name);
  info->name = g_strdup (name);
  g_free (info->leader_uuid);
  info->leader_uuid = g_strdup (leader_uuid);
  g_free (info->leader_name);
  info->leader_name = g_strdup (leader_name != NULL ? leader_name : "");
  g_free (info->instructions);
  info->instructions = g_strdup (options->instructions != NULL ? options->instructions : "");
  info->participants_add_tags = options->participants_add_tags;
  info->hide_until_posted = options->hide_until_posted;
  add_labels (info->tags, scholia_store_get_labels (store, SCHOLIA_TYPE_TAG));
  add_labels (info->themes, scholia_store_get_labels (store, SCHOLIA_TYPE_THEME));

  for (guint i = 0; i < document_ids->len; i++)
    {
      ScholiaDocument *document = scholia_store_lookup_document (store, g_array_index (document_ids, gint64, i));

      if (document == NULL)
        {
          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                       _("The library has no essay with the id %lld"),
                       (long long) g_array_index (document_ids, gint64, i));
          return NULL;
        }
      g_ptr_array_add (info->essays, scholia_seminar_essay_new_from_document (document));
    }
  return g_steal_pointer (&info);
}

/* The leader's labels of one type: missing ones added, colours and descriptions as the leader
 * set them. Labels of the library's own stay. */
static gboolean
apply_labels (ScholiaStore  *store,
              GType          label_type,
              GPtrArray     *labels,
              GError       **error)
{
  for (guint i = 0; i < labels->len; i++)
    {
      const ScholiaSeminarLabel *wanted = g_ptr_array_index (labels, i);
      ScholiaLabel *label = scholia_store_find_label (store, label_type, wanted->name, NULL);

      if (label == NULL)
        {
          if (scholia_store_add_label (store, label_type, wanted->name, wanted->colour,
                                       wanted->description, error) == NULL)
            return FALSE;
        }
      else if (g_strcmp0 (scholia_label_get_colour (label), wanted->colour) != 0
               || g_strcmp0 (scholia_label_get_description (label), wanted->description) != 0)
        {
          if (!scholia_store_update_seminar_label (store, label, wanted->colour, wanted->description, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
_scholia_seminar_apply_info (ScholiaStore              *store,
                             ScholiaSeminar            *seminar,
                             const ScholiaSeminarInfo  *info,
                             GError                   **error)
{
  ScholiaSeminarOptions options = { 0 };
  g_autofree char *json = NULL;
  gboolean ok;

  if (!apply_labels (store, SCHOLIA_TYPE_TAG, info->tags, error) ||
      !apply_labels (store, SCHOLIA_TYPE_THEME, info->themes, error))
    return FALSE;

  _scholia_seminar_options_read (seminar->options, &options);
  options.participants_add_tags = info->participants_add_tags;
  options.hide_until_posted = info->hide_until_posted;
  g_free (options.instructions);
  options.instructions = g_strdup (info->instructions);
  g_clear_pointer (&options.tags, g_strfreev);
  options.tags = g_new0 (char *, info->tags->len + 1);
  for (guint i = 0; i < info->tags->len; i++)
    options.tags[i] = g_strdup (((ScholiaSeminarLabel *) g_ptr_array_index (info->tags, i))->name);
  /* Whatever the transport: the participants' list marks the leader from this uuid. */
  g_free (options.leader);
  options.leader = g_strdup (info->leader_uuid);
  json = _scholia_seminar_options_write (&options);
  ok = (g_strcmp0 (json, seminar->options) == 0 || scholia_store_set_seminar_options (store, seminar, json, error))
       && scholia_store_add_seminar_leader (store, seminar, info->leader_uuid, info->leader_name, error);
  _scholia_seminar_options_clear (&options);
  return ok;
}

GHashTable *
_scholia_seminar_document_uuids (ScholiaStore *store)
{
  GListModel *documents = scholia_store_get_documents (store);
  GHashTable *uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

      g_hash_table_add (uuids, g_strdup (scholia_document_get_uuid (document)));
    }
  return uuids;
}

gboolean
_scholia_seminar_add_essay (ScholiaStore               *store,
                            ScholiaSeminar             *seminar,
                            const ScholiaSeminarEssay  *essay,
                            const char                 *text,
                            GError                    **error)
{
  ScholiaDocument *document = scholia_store_find_document (store, essay->uuid, NULL);

  if (document == NULL)
    {
      document = scholia_store_add_document_with_uuid (store, essay->uuid, essay->title, essay->author,
                                                        essay->date, essay->source, text, NULL, error);
      if (document == NULL)
        return FALSE;
      if (essay->language != NULL && scholia_language_is_known (essay->language)
          && g_strcmp0 (essay->language, scholia_document_get_language (document)) != 0
          && !scholia_store_set_document_language (store, document, essay->language, error))
        return FALSE;
    }
  return scholia_store_add_seminar_essay (store, seminar, document, error);
}

char *
_scholia_seminar_log_path (const char *participant_uuid)
{
  return g_strconcat ("logs/", participant_uuid, ".jsonl", NULL);
}

GBytes *
_scholia_seminar_log_text (GPtrArray *records)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *line = scholia_log_record_to_line (g_ptr_array_index (records, i));

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }
  return g_string_free_to_bytes (text);
}
