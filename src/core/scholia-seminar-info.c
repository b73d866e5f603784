/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "scholia-colour.h"
#include "scholia-error.h"
#include "scholia-json-scan.h"
#include "scholia-seminar-info.h"
#include "scholia-w3c-json.h"

#define SHA256_DIGITS 64

ScholiaSeminarLabel *
scholia_seminar_label_new (const char *name,
                           const char *colour,
                           const char *description,
                           guint       order)
{
  ScholiaSeminarLabel *label = g_new0 (ScholiaSeminarLabel, 1);

  label->name = g_strdup (name);
  label->colour = g_strdup (colour);
  label->description = g_strdup (description != NULL ? description : "");
  label->order = order;
  return label;
}

void
scholia_seminar_label_free (ScholiaSeminarLabel *label)
{
  if (label == NULL)
    return;
  g_free (label->name);
  g_free (label->colour);
  g_free (label->description);
  g_free (label);
}

ScholiaSeminarEssay *
scholia_seminar_essay_new (const char *uuid)
{
  ScholiaSeminarEssay *essay = g_new0 (ScholiaSeminarEssay, 1);

  essay->uuid = g_strdup (uuid);
  essay->title = g_strdup ("");
  essay->author = g_strdup ("");
  essay->date = g_strdup ("");
  essay->source = g_strdup ("");
  essay->language = g_strdup ("");
  essay->checksum = g_strdup ("");
  return essay;
}

ScholiaSeminarEssay *
scholia_seminar_essay_copy (const ScholiaSeminarEssay *essay)
{
  ScholiaSeminarEssay *copy = g_new0 (ScholiaSeminarEssay, 1);

  copy->uuid = g_strdup (essay->uuid);
  copy->title = g_strdup (essay->title);
  copy->author = g_strdup (essay->author);
  copy->date = g_strdup (essay->date);
  copy->source = g_strdup (essay->source);
  copy->language = g_strdup (essay->language);
  copy->characters = essay->characters;
  copy->checksum = g_strdup (essay->checksum);
  return copy;
}

void
scholia_seminar_essay_free (ScholiaSeminarEssay *essay)
{
  if (essay == NULL)
    return;
  g_free (essay->uuid);
  g_free (essay->title);
  g_free (essay->author);
  g_free (essay->date);
  g_free (essay->source);
  g_free (essay->language);
  g_free (essay->checksum);
  g_free (essay);
}

static void
replace_text (char       **field,
              const char  *value)
{
  g_free (*field);
  *field = g_strdup (value != NULL ? value : "");
}

ScholiaSeminarEssay *
scholia_seminar_essay_new_from_document (ScholiaDocument *document)
{
  ScholiaSeminarEssay *essay;

  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  essay = scholia_seminar_essay_new (scholia_document_get_uuid (document));
  replace_text (&essay->title, scholia_document_get_title (document));
  replace_text (&essay->author, scholia_document_get_author (document));
  replace_text (&essay->date, scholia_document_get_date (document));
  replace_text (&essay->source, scholia_document_get_source (document));
  replace_text (&essay->language, scholia_document_get_language (document));
  replace_text (&essay->checksum, scholia_document_get_checksum (document));
  essay->characters = scholia_document_get_characters (document);
  return essay;
}

char *
scholia_seminar_essay_text_path (const ScholiaSeminarEssay *essay)
{
  return g_strconcat ("essays/", essay->uuid, ".txt", NULL);
}

char *
scholia_seminar_essay_metadata_path (const ScholiaSeminarEssay *essay)
{
  return g_strconcat ("essays/", essay->uuid, ".json", NULL);
}

static const char *
essay_name (const ScholiaSeminarEssay *essay)
{
  return essay->title != NULL && *essay->title != '\0' ? essay->title : essay->uuid;
}

gboolean
scholia_seminar_essay_verify_text (const ScholiaSeminarEssay  *essay,
                                   const char                 *text,
                                   gsize                       length,
                                   GError                    **error)
{
  g_autofree char *checksum = NULL;
  gint64 characters;

  g_return_val_if_fail (essay != NULL, FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT,
                   _("The text of “%s” in the seminar folder is damaged: it is not UTF-8 text"),
                   essay_name (essay));
      return FALSE;
    }
  characters = g_utf8_strlen (text, length);
  if (characters != essay->characters)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT,
                   /* Translators: the essay's name, the length found and the length the seminar
                    * recorded, in characters. */
                   g_dngettext (GETTEXT_PACKAGE,
                                "The text of “%s” in the seminar folder is not the seminar’s: it has %lld character, not %lld",
                                "The text of “%s” in the seminar folder is not the seminar’s: it has %lld characters, not %lld",
                                characters),
                   essay_name (essay), (long long) characters, (long long) essay->characters);
      return FALSE;
    }
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
  if (g_ascii_strcasecmp (checksum, essay->checksum) != 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT,
                   _("The text of “%s” in the seminar folder is not the seminar’s: its checksum differs, "
                     "so its words have changed"),
                   essay_name (essay));
      return FALSE;
    }
  return TRUE;
}

ScholiaSeminarInfo *
scholia_seminar_info_new (void)
{
  ScholiaSeminarInfo *info = g_new0 (ScholiaSeminarInfo, 1);

  info->format_major = SCHOLIA_SEMINAR_FORMAT_MAJOR;
  info->format_minor = SCHOLIA_SEMINAR_FORMAT_MINOR;
  info->name = g_strdup ("");
  info->leader_name = g_strdup ("");
  info->instructions = g_strdup ("");
  info->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_seminar_label_free);
  info->themes = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_seminar_label_free);
  info->essays = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_seminar_essay_free);
  return info;
}

void
scholia_seminar_info_free (ScholiaSeminarInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uuid);
  g_free (info->name);
  g_free (info->leader_uuid);
  g_free (info->leader_name);
  g_free (info->instructions);
  g_ptr_array_unref (info->tags);
  g_ptr_array_unref (info->themes);
  g_ptr_array_unref (info->essays);
  g_free (info);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_text (JsonBuilder *builder,
          const char  *name,
          const char  *value)
{
  scholia_w3c_json_add_string (builder, name, value != NULL ? value : "");
}

static void
add_labels (JsonBuilder *builder,
            const char  *name,
            GPtrArray   *labels)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < labels->len; i++)
    {
      ScholiaSeminarLabel *label = g_ptr_array_index (labels, i);

      json_builder_begin_object (builder);
      add_text (builder, "name", label->name);
      add_text (builder, "colour", label->colour);
      add_text (builder, "description", label->description);
      add_int (builder, "order", label->order);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_essay (JsonBuilder               *builder,
           const ScholiaSeminarEssay *essay)
{
  json_builder_begin_object (builder);
  add_text (builder, "uuid", essay->uuid);
  add_text (builder, "title", essay->title);
  add_text (builder, "author", essay->author);
  add_text (builder, "date", essay->date);
  add_text (builder, "source", essay->source);
  add_text (builder, "language", essay->language);
  add_int (builder, "characters", essay->characters);
  add_text (builder, "sha256", essay->checksum);
  json_builder_end_object (builder);
}

static char *
to_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  return g_strconcat (data, "\n", NULL);
}

char *
scholia_seminar_essay_to_json (const ScholiaSeminarEssay *essay)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (essay != NULL, NULL);

  add_essay (builder, essay);
  return to_json (builder);
}

char *
scholia_seminar_info_to_json (const ScholiaSeminarInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *version = NULL;

  g_return_val_if_fail (info != NULL, NULL);

  version = g_strdup_printf ("%u.%u", info->format_major, info->format_minor);
  json_builder_begin_object (builder);
  add_text (builder, "version", version);
  add_text (builder, "uuid", info->uuid);
  add_text (builder, "name", info->name);
  json_builder_set_member_name (builder, "leader");
  json_builder_begin_object (builder);
  add_text (builder, "uuid", info->leader_uuid);
  add_text (builder, "name", info->leader_name);
  json_builder_end_object (builder);
  add_text (builder, "instructions", info->instructions);
  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  add_boolean (builder, "participants-add-tags", info->participants_add_tags);
  add_boolean (builder, "hide-until-posted", info->hide_until_posted);
  json_builder_end_object (builder);
  add_labels (builder, "tags", info->tags);
  add_labels (builder, "themes", info->themes);
  json_builder_set_member_name (builder, "essays");
  json_builder_begin_array (builder);
  for (guint i = 0; i < info->essays->len; i++)
    add_essay (builder, g_ptr_array_index (info->essays, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return to_json (builder);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* Where a value is read from, for errors that name the file and the field ("tags[2].colour"). */
typedef struct
{
  const char  *file_name;
  GError     **error;
} Reader;

static gboolean
refuse (Reader     *reader,
        const char *prefix,
        const char *name,
        const char *expected)
{
  g_set_error (reader->error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
               /* Translators: a seminar file's name, the JSON field's name in two parts (keep them
                * together, untranslated) and what the field must be: "a text", "an object" or
                * "a list" (JSON's string, object and array) */
               _("“%s” cannot be used: its field “%s%s” must be %s"),
               reader->file_name, prefix, name, expected);
  return FALSE;
}

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/* An optional text member; "" when missing. */
static gboolean
read_text (Reader      *reader,
           JsonObject  *object,
           const char  *prefix,
           const char  *name,
           char       **value)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    {
      replace_text (value, "");
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    /* Translators: what a JSON field must be, in “its field “x” must be %s”: a JSON string */
    return refuse (reader, prefix, name, _("a text"));
  g_free (*value);
  *value = scholia_w3c_json_dup_text (object, name, NULL);
  return TRUE;
}

static gboolean
read_name (Reader      *reader,
           JsonObject  *object,
           const char  *prefix,
           const char  *name,
           char       **value)
{
  if (!read_text (reader, object, prefix, name, value))
    return FALSE;
  g_strstrip (*value);
  if (**value == '\0')
    return refuse (reader, prefix, name, _("a name that is not empty"));
  return TRUE;
}

static gboolean
read_uuid (Reader      *reader,
           JsonObject  *object,
           const char  *prefix,
           const char  *name,
           char       **value)
{
  const char *text = scholia_w3c_json_get_string (object, name);

  if (text == NULL || !g_uuid_string_is_valid (text))
    return refuse (reader, prefix, name, _("a uuid like “5f0c4a2e-8d1b-4c3a-9e7f-2b6d1a0c9e84”"));
  g_free (*value);
  *value = g_ascii_strdown (text, -1);
  return TRUE;
}

static gboolean
read_boolean (Reader      *reader,
              JsonObject  *object,
              const char  *prefix,
              const char  *name,
              gboolean    *value)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    {
      *value = FALSE;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return refuse (reader, prefix, name, _("true or false"));
  *value = json_node_get_boolean (node);
  return TRUE;
}

/* A whole number from 0 to @max; @fallback when missing. */
static gboolean
read_count (Reader      *reader,
            JsonObject  *object,
            const char  *prefix,
            const char  *name,
            gint64       max,
            gint64       fallback,
            gint64      *value)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL && fallback >= 0)
    {
      *value = fallback;
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0 || json_node_get_int (node) > max)
    return refuse (reader, prefix, name, _("a whole number, not negative"));
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_colour (Reader      *reader,
             JsonObject  *object,
             const char  *prefix,
             const char  *name,
             char       **value)
{
  const char *text = scholia_w3c_json_get_string (object, name);
  ScholiaRgb rgb;

  if (!scholia_colour_parse (text, &rgb))
    return refuse (reader, prefix, name, _("a colour like “#1f6feb”"));
  g_free (*value);
  *value = g_ascii_strdown (text, -1);
  return TRUE;
}

static gboolean
read_checksum (Reader      *reader,
               JsonObject  *object,
               const char  *prefix,
               const char  *name,
               char       **value)
{
  const char *text = scholia_w3c_json_get_string (object, name);
  gboolean valid = text != NULL && strlen (text) == SHA256_DIGITS;

  for (guint i = 0; valid && i < SHA256_DIGITS; i++)
    valid = g_ascii_isxdigit (text[i]);
  if (!valid)
    return refuse (reader, prefix, name, _("a SHA-256 checksum (64 hexadecimal digits)"));
  g_free (*value);
  *value = g_ascii_strdown (text, -1);
  return TRUE;
}

/* The object member @name; @optional ones may be missing (NULL, TRUE). */
static gboolean
read_object (Reader      *reader,
             JsonObject  *object,
             const char  *name,
             gboolean     optional,
             JsonObject **value)
{
  JsonNode *node = get_member (object, name);

  *value = NULL;
  if (node == NULL && optional)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: what a JSON field must be, in “its field “x” must be %s”: a JSON object */
    return refuse (reader, "", name, _("an object"));
  *value = json_node_get_object (node);
  return TRUE;
}

/* The array member @name, missing meaning empty; NULL (with the error set) when not a list. */
static JsonArray *
read_list (Reader     *reader,
           JsonObject *object,
           const char *name,
           gboolean   *ok)
{
  JsonNode *node = get_member (object, name);

  *ok = TRUE;
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    /* Translators: what a JSON field must be, in “its field “x” must be %s”: a JSON array */
    *ok = refuse (reader, "", name, _("a list"));
  return *ok ? json_node_get_array (node) : NULL;
}

static ScholiaSeminarEssay *
read_essay (Reader     *reader,
            JsonObject *object,
            const char *prefix)
{
  g_autoptr(ScholiaSeminarEssay) essay = scholia_seminar_essay_new (NULL);

  if (!read_uuid (reader, object, prefix, "uuid", &essay->uuid) ||
      !read_text (reader, object, prefix, "title", &essay->title) ||
      !read_text (reader, object, prefix, "author", &essay->author) ||
      !read_text (reader, object, prefix, "date", &essay->date) ||
      !read_text (reader, object, prefix, "source", &essay->source) ||
      !read_text (reader, object, prefix, "language", &essay->language) ||
      !read_count (reader, object, prefix, "characters", G_MAXINT, -1, &essay->characters) ||
      !read_checksum (reader, object, prefix, "sha256", &essay->checksum))
    return NULL;
  return g_steal_pointer (&essay);
}

static gboolean
read_labels (Reader     *reader,
             JsonObject *object,
             const char *name,
             GPtrArray  *labels)
{
  gboolean ok;
  JsonArray *array = read_list (reader, object, name, &ok);

  for (guint i = 0; ok && array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s[%u].", name, i);
      g_autoptr(ScholiaSeminarLabel) label = scholia_seminar_label_new (NULL, NULL, NULL, 0);
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item;
      gint64 order;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *field = g_strdup_printf ("%s[%u]", name, i);

          return refuse (reader, "", field, _("an object"));
        }
      item = json_node_get_object (node);
      if (!read_name (reader, item, prefix, "name", &label->name) ||
          !read_colour (reader, item, prefix, "colour", &label->colour) ||
          !read_text (reader, item, prefix, "description", &label->description) ||
          !read_count (reader, item, prefix, "order", G_MAXINT, i, &order))
        return FALSE;
      label->order = order;
      g_ptr_array_add (labels, g_steal_pointer (&label));
    }
  return ok;
}

/* "1.0" → 1, 0 */
static gboolean
read_version (Reader     *reader,
              JsonObject *object,
              guint      *major,
              guint      *minor)
{
  const char *text = scholia_w3c_json_get_string (object, "version");
  g_auto(GStrv) parts = text != NULL ? g_strsplit (text, ".", 2) : NULL;
  guint64 values[2];

  if (parts == NULL || g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT, &values[0], NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT, &values[1], NULL))
    return refuse (reader, "", "version", _("a format version like “1.0”"));
  if (values[0] > SCHOLIA_SEMINAR_FORMAT_MAJOR)
    {
      g_set_error (reader->error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED,
                   _("“%s” was written by a newer version of Scholia (seminar format %s; this version "
                     "reads format %d): update Scholia to take part in this seminar"),
                   reader->file_name, text, SCHOLIA_SEMINAR_FORMAT_MAJOR);
      return FALSE;
    }
  *major = values[0];
  *minor = values[1];
  return TRUE;
}

/* The root object of @data, after scholia_json_scan() has guarded the parser. */
static JsonNode *
parse_object (Reader     *reader,
              const char *data,
              gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *text = g_strndup (data, length);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if ((length > 0 && memchr (data, '\0', length) != NULL) ||
      !scholia_json_scan (text, length, SCHOLIA_JSON_MAX_DEPTH, NULL, &local_error) ||
      !json_parser_load_from_data (parser, text, length, &local_error))
    {
      g_set_error (reader->error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” cannot be used: it is not valid JSON (%s)"), reader->file_name,
                   local_error != NULL ? local_error->message : _("it holds a NUL byte"));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (reader->error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” cannot be used: it holds no JSON object"), reader->file_name);
      return NULL;
    }
  return json_node_ref (root);
}

ScholiaSeminarEssay *
scholia_seminar_essay_from_json (const char  *data,
                                 gsize        length,
                                 const char  *file_name,
                                 GError     **error)
{
  Reader reader = { file_name, error };
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  root = parse_object (&reader, data, length);
  if (root == NULL)
    return NULL;
  return read_essay (&reader, json_node_get_object (root), "");
}

static gboolean
read_info (Reader             *reader,
           JsonObject         *object,
           ScholiaSeminarInfo *info)
{
  JsonObject *leader, *options;
  JsonArray *essays;
  gboolean ok;

  if (!read_version (reader, object, &info->format_major, &info->format_minor) ||
      !read_uuid (reader, object, "", "uuid", &info->uuid) ||
      !read_name (reader, object, "", "name", &info->name) ||
      !read_object (reader, object, "leader", FALSE, &leader) ||
      !read_uuid (reader, leader, "leader.", "uuid", &info->leader_uuid) ||
      !read_text (reader, leader, "leader.", "name", &info->leader_name) ||
      !read_text (reader, object, "", "instructions", &info->instructions) ||
      !read_object (reader, object, "options", TRUE, &options))
    return FALSE;
  if (options != NULL &&
      (!read_boolean (reader, options, "options.", "participants-add-tags", &info->participants_add_tags) ||
       !read_boolean (reader, options, "options.", "hide-until-posted", &info->hide_until_posted)))
    return FALSE;
  if (!read_labels (reader, object, "tags", info->tags) ||
      !read_labels (reader, object, "themes", info->themes))
    return FALSE;

  essays = read_list (reader, object, "essays", &ok);
  for (guint i = 0; ok && essays != NULL && i < json_array_get_length (essays); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("essays[%u].", i);
      JsonNode *node = json_array_get_element (essays, i);
      ScholiaSeminarEssay *essay;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *field = g_strdup_printf ("essays[%u]", i);

          return refuse (reader, "", field, _("an object"));
        }
      essay = read_essay (reader, json_node_get_object (node), prefix);
      if (essay == NULL)
        return FALSE;
      g_ptr_array_add (info->essays, essay);
    }
  return ok;
}

ScholiaSeminarInfo *
scholia_seminar_info_from_json (const char  *data,
                                gsize        length,
                                const char  *file_name,
                                GError     **error)
{
  Reader reader = { file_name, error };
  g_autoptr(ScholiaSeminarInfo) info = scholia_seminar_info_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  root = parse_object (&reader, data, length);
  if (root == NULL || !read_info (&reader, json_node_get_object (root), info))
    return NULL;
  return g_steal_pointer (&info);
}
