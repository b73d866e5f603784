/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "seminar-records.h"

/* Every record is created at this time; edits are told apart by their modification time. */
#define CREATED 1764700000

char *
record_stamp (gint64      wall_ms,
                      const char *node)
{
  return g_strdup_printf ("%016" G_GINT64_FORMAT "-0000-%s", wall_ms, node);
}

ScholiaLogRecord *
record_put (const char *author,
                    const char *uuid,
                    gint64      wall_ms,
                    const char *document_uuid,
                    const char *text,
                    guint       start,
                    guint       end,
                    const char *note,
                    const char *tags,
                    const char *themes)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_PUT_ANNOTATION);

  record->hlc = record_stamp (wall_ms, author);
  record->author = g_strdup (author);
  record->uuid = g_strdup (uuid);
  record->created = CREATED;
  record->modified = CREATED + wall_ms / 1000;
  record->document_uuid = g_strdup (document_uuid);
  record->start = start;
  record->end = end;
  record->quote = g_utf8_substring (text, start, end);
  record->prefix = g_strdup ("");
  record->suffix = g_strdup ("");
  g_free (record->note);
  record->note = g_strdup (note);
  g_strfreev (record->tags);
  g_strfreev (record->themes);
  record->tags = g_strsplit (tags, ",", -1);
  record->themes = g_strsplit (themes, ",", -1);
  return record;
}

ScholiaLogRecord *
record_delete (const char *author,
                       const char *uuid,
                       gint64      wall_ms)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_DELETE);

  record->hlc = record_stamp (wall_ms, author);
  record->author = g_strdup (author);
  record->uuid = g_strdup (uuid);
  return record;
}

ScholiaLogRecord *
record_reply (const char *author,
                      const char *uuid,
                      gint64      wall_ms,
                      const char *target,
                      const char *body)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_PUT_REPLY);

  record->hlc = record_stamp (wall_ms, author);
  record->author = g_strdup (author);
  record->uuid = g_strdup (uuid);
  record->created = CREATED + wall_ms / 1000;
  record->modified = record->created;
  record->target_uuid = g_strdup (target);
  record->body = g_strdup (body);
  return record;
}

GPtrArray *
records_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_log_record_free);
}

void
records_number_lines (GPtrArray *log)
{
  for (guint i = 0; i < log->len; i++)
    ((ScholiaLogRecord *) g_ptr_array_index (log, i))->line = i + 1;
}
