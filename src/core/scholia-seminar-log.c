/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-seminar-log.h"

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
