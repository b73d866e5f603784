/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "scholia-hlc.h"
#include "scholia-json-scan.h"
#include "scholia-seminar-log.h"
#include "scholia-w3c-json.h"

ScholiaLogRecord *
scholia_log_record_new (ScholiaLogOp op)
{
  ScholiaLogRecord *record = g_new0 (ScholiaLogRecord, 1);

  record->op = op;
  record->note = g_strdup ("");
  record->tags = g_new0 (char *, 1);
  record->themes = g_new0 (char *, 1);
  return record;
}

ScholiaLogRecord *
scholia_log_record_copy (const ScholiaLogRecord *record)
{
  ScholiaLogRecord *copy = g_memdup2 (record, sizeof *record);

  copy->hlc = g_strdup (record->hlc);
  copy->author = g_strdup (record->author);
  copy->author_name = g_strdup (record->author_name);
  copy->uuid = g_strdup (record->uuid);
  copy->document_uuid = g_strdup (record->document_uuid);
  copy->quote = g_strdup (record->quote);
  copy->prefix = g_strdup (record->prefix);
  copy->suffix = g_strdup (record->suffix);
  copy->note = g_strdup (record->note);
  copy->tags = g_strdupv (record->tags);
  copy->themes = g_strdupv (record->themes);
  copy->target_uuid = g_strdup (record->target_uuid);
  copy->body = g_strdup (record->body);
  return copy;
}

void
scholia_log_record_free (ScholiaLogRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->hlc);
  g_free (record->author);
  g_free (record->author_name);
  g_free (record->uuid);
  g_free (record->document_uuid);
  g_free (record->quote);
  g_free (record->prefix);
  g_free (record->suffix);
  g_free (record->note);
  g_strfreev (record->tags);
  g_strfreev (record->themes);
  g_free (record->target_uuid);
  g_free (record->body);
  g_free (record);
}

void
scholia_log_problem_free (ScholiaLogProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->reason);
  g_free (problem);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
add_creator (JsonBuilder            *builder,
             const ScholiaLogRecord *record,
             const char             *author)
{
  json_builder_set_member_name (builder, "creator");
  json_builder_begin_object (builder);
  scholia_w3c_json_add_string (builder, "id", author);
  scholia_w3c_json_add_string (builder, "type", "Person");
  if (record->author_name != NULL)
    scholia_w3c_json_add_string (builder, "name", record->author_name);
  json_builder_end_object (builder);
}

static void
add_put_annotation (JsonBuilder            *builder,
                    const ScholiaLogRecord *record,
                    const char             *id,
                    const char             *author)
{
  g_autofree char *source = g_strconcat (SCHOLIA_URN_UUID, record->document_uuid, NULL);
  ScholiaW3cSpan span = {
    .id = id,
    .created = record->created,
    .modified = record->modified,
    .source = source,
    .quote = record->quote,
    .prefix = record->prefix,
    .suffix = record->suffix,
    .start = record->start,
    .end = record->end,
    .tags = (const char * const *) record->tags,
    .themes = (const char * const *) record->themes,
    .note = record->note,
  };

  json_builder_begin_object (builder);
  scholia_w3c_json_add_span (builder, &span);
  add_creator (builder, record, author);
  json_builder_end_object (builder);
}

static void
add_put_reply (JsonBuilder            *builder,
               const ScholiaLogRecord *record,
               const char             *id,
               const char             *author)
{
  g_autofree char *target = g_strconcat (SCHOLIA_URN_UUID, record->target_uuid, NULL);

  json_builder_begin_object (builder);
  scholia_w3c_json_add_head (builder, id, "replying", record->created, record->modified);
  add_creator (builder, record, author);
  json_builder_set_member_name (builder, "body");
  scholia_w3c_json_add_body (builder, "replying", record->body != NULL ? record->body : "");
  scholia_w3c_json_add_string (builder, "target", target);
  json_builder_end_object (builder);
}

char *
scholia_log_record_to_line (const ScholiaLogRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *author = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (record->hlc != NULL && record->author != NULL && record->uuid != NULL, NULL);

  author = g_strconcat (SCHOLIA_URN_UUID, record->author, NULL);
  id = g_strconcat (SCHOLIA_URN_UUID, record->uuid, NULL);

  json_builder_begin_object (builder);
  scholia_w3c_json_add_string (builder, "op", record->op == SCHOLIA_LOG_DELETE ? "delete" : "put");
  scholia_w3c_json_add_string (builder, "hlc", record->hlc);
  scholia_w3c_json_add_string (builder, "author", author);
  switch (record->op)
    {
    case SCHOLIA_LOG_PUT_ANNOTATION:
      g_return_val_if_fail (record->document_uuid != NULL && record->quote != NULL, NULL);
      json_builder_set_member_name (builder, "annotation");
      add_put_annotation (builder, record, id, author);
      break;
    case SCHOLIA_LOG_PUT_REPLY:
      g_return_val_if_fail (record->target_uuid != NULL, NULL);
      json_builder_set_member_name (builder, "annotation");
      add_put_reply (builder, record, id, author);
      break;
    case SCHOLIA_LOG_DELETE:
    default:
      scholia_w3c_json_add_string (builder, "id", id);
      break;
    }
  json_builder_end_object (builder);

  /* Not pretty: the generator escapes line breaks inside strings, so one record is one line. */
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* Sets @reason to a translated sentence saying why a line cannot be used; returns FALSE. */
static gboolean
fail (char       **reason,
      const char  *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (char       **reason,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  *reason = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

/* The bare uuid of the "urn:uuid:…" string member @name, or NULL. */
static char *
get_urn_uuid (JsonObject *object,
              const char *name)
{
  return scholia_w3c_json_urn_uuid (scholia_w3c_json_get_string (object, name));
}

static GStrv
steal_strv (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

/* Both selectors, as Scholia writes them: the store places an annotation by its position and
 * checks it by its quote. */
static gboolean
read_selectors (JsonObject        *target,
                ScholiaLogRecord  *record,
                char             **reason)
{
  ScholiaW3cSelectors found;
  ScholiaW3cSelectorsResult result = scholia_w3c_json_read_selectors (target, NULL, &found);
  gboolean read = FALSE;

  if (result == SCHOLIA_W3C_SELECTORS_NO_EXACT)
    fail (reason, _("The annotation’s quote selector has no quoted text"));
  else if (result != SCHOLIA_W3C_SELECTORS_READ)
    fail (reason, _("The annotation’s position selector does not give a passage of the essay"));
  else if (found.quote == NULL || found.start < 0)
    fail (reason, _("The annotation lacks its quote or position selector, so it cannot be placed in the essay"));
  else
    {
      record->quote = g_steal_pointer (&found.quote);
      record->prefix = g_steal_pointer (&found.prefix);
      record->suffix = g_steal_pointer (&found.suffix);
      record->start = found.start;
      record->end = found.end;
      read = TRUE;
    }
  scholia_w3c_selectors_clear (&found);
  return read;
}

/* The creator must be the record's author: only the author writes an annotation. */
static gboolean
read_creator (JsonObject        *annotation,
              ScholiaLogRecord  *record,
              char             **reason)
{
  JsonNode *node = json_object_get_member (annotation, "creator");
  g_autofree char *creator = NULL;
  JsonObject *object;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (reason, _("The annotation’s creator is not a person"));
  object = json_node_get_object (node);
  creator = get_urn_uuid (object, "id");
  if (creator != NULL && !g_str_equal (creator, record->author))
    return fail (reason, _("The annotation’s creator is not the author of the record"));
  record->author_name = scholia_w3c_json_dup_text (object, "name", NULL);
  return TRUE;
}

static gboolean
read_put_annotation (JsonObject        *annotation,
                     ScholiaLogRecord  *record,
                     char             **reason)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) themes = g_ptr_array_new_with_free_func (g_free);
  JsonNode *target_node = json_object_get_member (annotation, "target");
  JsonObject *target;

  if (target_node == NULL || !JSON_NODE_HOLDS_OBJECT (target_node))
    return fail (reason, _("The annotation has no target in an essay"));
  target = json_node_get_object (target_node);
  record->document_uuid = get_urn_uuid (target, "source");
  if (record->document_uuid == NULL)
    return fail (reason, _("The annotation’s target does not name an essay of the seminar"));
  if (!read_selectors (target, record, reason))
    return FALSE;

  g_clear_pointer (&record->note, g_free);
  record->note = scholia_w3c_json_read_bodies (annotation, NULL, tags, themes);
  g_strfreev (record->tags);
  record->tags = steal_strv (g_steal_pointer (&tags));
  g_strfreev (record->themes);
  record->themes = steal_strv (g_steal_pointer (&themes));
  return TRUE;
}

static gboolean
read_put_reply (JsonObject        *annotation,
                ScholiaLogRecord  *record,
                char             **reason)
{
  g_autoptr(GPtrArray) bodies = scholia_w3c_json_get_many (annotation, "body");

  record->target_uuid = get_urn_uuid (annotation, "target");
  if (record->target_uuid == NULL)
    return fail (reason, _("The reply does not name the annotation it answers"));
  for (guint i = 0; i < bodies->len && record->body == NULL; i++)
    {
      JsonNode *node = g_ptr_array_index (bodies, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        record->body = scholia_w3c_json_dup_text (json_node_get_object (node), "value", NULL);
    }
  if (record->body == NULL)
    return fail (reason, _("The reply has no text"));
  return TRUE;
}

static gboolean
read_put (JsonObject        *object,
          ScholiaLogRecord  *record,
          char             **reason)
{
  JsonNode *node = json_object_get_member (object, "annotation");
  JsonObject *annotation;
  const char *motivation;

  if (!scholia_w3c_json_has_type (node, "Annotation"))
    return fail (reason, _("The record holds no W3C annotation"));
  annotation = json_node_get_object (node);
  record->uuid = get_urn_uuid (annotation, "id");
  if (record->uuid == NULL)
    return fail (reason, _("The annotation has no “urn:uuid:” identifier"));
  if (!read_creator (annotation, record, reason))
    return FALSE;
  record->created = scholia_w3c_json_parse_time (scholia_w3c_json_get_string (annotation, "created"), 0);
  record->modified = scholia_w3c_json_parse_time (scholia_w3c_json_get_string (annotation, "modified"),
                                                  record->created);

  motivation = scholia_w3c_json_get_string (annotation, "motivation");
  if (g_strcmp0 (motivation, "replying") == 0)
    {
      record->op = SCHOLIA_LOG_PUT_REPLY;
      return read_put_reply (annotation, record, reason);
    }
  record->op = SCHOLIA_LOG_PUT_ANNOTATION;
  return read_put_annotation (annotation, record, reason);
}

static ScholiaLogRecord *
read_record (JsonNode  *root,
             char     **reason)
{
  g_autoptr(ScholiaLogRecord) record = scholia_log_record_new (SCHOLIA_LOG_DELETE);
  JsonObject *object;
  const char *op;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (reason, _("The line is not a record"));
      return NULL;
    }
  object = json_node_get_object (root);

  op = scholia_w3c_json_get_string (object, "op");
  if (op == NULL || (!g_str_equal (op, "put") && !g_str_equal (op, "delete")))
    {
      fail (reason, _("The record says neither to put nor to delete an annotation"));
      return NULL;
    }
  record->hlc = g_strdup (scholia_w3c_json_get_string (object, "hlc"));
  if (!scholia_hlc_parse (record->hlc, NULL, NULL, NULL))
    {
      fail (reason, _("The record has no valid time stamp"));
      return NULL;
    }
  record->author = get_urn_uuid (object, "author");
  if (record->author == NULL)
    {
      fail (reason, _("The record does not name its author"));
      return NULL;
    }

  if (g_str_equal (op, "delete"))
    {
      record->uuid = get_urn_uuid (object, "id");
      if (record->uuid == NULL)
        {
          fail (reason, _("The deletion does not name the annotation it deletes"));
          return NULL;
        }
    }
  else if (!read_put (object, record, reason))
    return NULL;
  return g_steal_pointer (&record);
}

static void
add_problem (GPtrArray *problems,
             guint      line,
             char      *reason)
{
  ScholiaLogProblem *problem = g_new0 (ScholiaLogProblem, 1);

  problem->line = line;
  problem->reason = reason;
  g_ptr_array_add (problems, problem);
}

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/* The line as JSON: invalid UTF-8 and the escapes that cannot become text are replaced by U+FFFD
 * first, so the store only ever gets valid UTF-8. NULL with @reason when it is not JSON. */
static JsonNode *
parse_line (JsonParser  *parser,
            const char  *text,
            gsize        length,
            char       **reason)
{
  g_autofree char *line = g_utf8_make_valid (text, length);
  g_autoptr(GError) error = NULL;

  if (!scholia_json_scan (line, strlen (line), SCHOLIA_JSON_MAX_DEPTH, NULL, &error) ||
      !json_parser_load_from_data (parser, line, -1, &error))
    {
      fail (reason, _("The line is damaged: it is not valid JSON (%s)"), error->message);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

GPtrArray *
scholia_log_parse (const char  *data,
                   gsize        length,
                   gsize       *complete_bytes,
                   GPtrArray  **problems)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_log_record_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_log_problem_free);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize complete = 0;
  guint number = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  for (gsize start = 0; start < length; number++)
    {
      const char *line = data + start;
      const char *newline = memchr (line, '\n', length - start);
      gsize line_length = newline != NULL ? (gsize) (newline - line) : length - start;
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *reason = NULL;
      ScholiaLogRecord *record;

      start += line_length + (newline != NULL ? 1 : 0);
      if (newline != NULL)
        complete = start;
      if (is_blank (line, line_length))
        continue;

      root = parse_line (parser, line, line_length, &reason);
      /* A last line without its newline that is not JSON is an upload cut short, not damage:
       * the caller reads it again once the log has grown. */
      if (root == NULL && newline == NULL)
        break;
      record = root != NULL ? read_record (root, &reason) : NULL;
      if (record == NULL)
        {
          add_problem (found, number + 1, g_steal_pointer (&reason));
          continue;
        }
      record->line = number + 1;
      g_ptr_array_add (records, record);
    }

  if (complete_bytes != NULL)
    *complete_bytes = complete;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return g_steal_pointer (&records);
}
