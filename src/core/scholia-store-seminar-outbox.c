/* SPDX-License-Identifier: GPL-3.0-or-later */

/* My side of a seminar: my changes, which triggers mark in seminar_outbox whichever part of
 * Scholia made them, become records of my own log; and my replies. The log is kept in the
 * library record by record (seminar_own_log), so that it can always be uploaded whole again;
 * its text is made from the records when it is uploaded (scholia_log_record_to_line()). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-hlc.h"
#include "scholia-passage-sql.h"
#include "scholia-store-seminar-private.h"
#include "scholia-text-check.h"

typedef struct
{
  char     *uuid;
  gboolean  reply;
  gboolean  deleted;
} Pending;

static void
pending_free (Pending *pending)
{
  g_free (pending->uuid);
  g_free (pending);
}

static GPtrArray *
read_pending (ScholiaStore  *self,
              gint64         seminar_id,
              GError       **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT uuid, kind, deleted FROM seminar_outbox WHERE seminar_id = ?"
                                   " ORDER BY kind, uuid",
                                   error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, seminar_id);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      Pending *one = g_new0 (Pending, 1);

      one->uuid = g_strdup (scholia_db_statement_column_text (stmt, 0));
      one->reply = g_str_equal (scholia_db_statement_column_text (stmt, 1), "reply");
      one->deleted = scholia_db_statement_column_int (stmt, 2) != 0;
      g_ptr_array_add (pending, one);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&pending);
}

/* One text column of the row matched by @sql with @key, or NULL (no error) when none. */
static gboolean
query_text (ScholiaStore  *self,
            const char    *sql,
            gint64         key,
            char         **text,
            GError       **error)
{
  ScholiaDbStatement *stmt = scholia_db_get_statement (self->db, sql, error);
  ScholiaDbStep rc;

  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, key);
  rc = scholia_db_statement_step (stmt, error);
  *text = rc == SCHOLIA_DB_STEP_ROW ? g_strdup (scholia_db_statement_column_text (stmt, 0)) : NULL;
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
}

static GStrv
read_label_names (ScholiaStore  *self,
                  const char    *sql,
                  gint64         annotation_id,
                  GError       **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  ScholiaDbStatement *stmt = scholia_db_get_statement (self->db, sql, error);
  ScholiaDbStep rc;

  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, annotation_id);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    g_strv_builder_add (names, scholia_db_statement_column_text (stmt, 0));
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_strv_builder_end (names);
}

/* The annotation's whole state as a put, or a NULL record when it is no longer here. */
static gboolean
read_annotation_state (ScholiaStore       *self,
                       const char         *uuid,
                       ScholiaLogRecord  **record,
                       gint64             *annotation_id,
                       GError            **error)
{
  g_autoptr(ScholiaLogRecord) put = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT a.id, d.uuid, a.start_offset, a.end_offset, " SCHOLIA_QUOTE_SQL ("a.") ","
                                   " " SCHOLIA_PREFIX_SQL ("a.") ", " SCHOLIA_SUFFIX_SQL ("a.") ","
                                   " a.note, a.created, a.modified"
                                   " FROM annotations a JOIN documents d ON d.id = a.document_id WHERE a.uuid_key = scholia_uuid_key(?)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, uuid);
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    {
      put = scholia_log_record_new (SCHOLIA_LOG_PUT_ANNOTATION);
      *annotation_id = scholia_db_statement_column_int64 (stmt, 0);
      put->uuid = g_strdup (uuid);
      put->document_uuid = g_strdup (scholia_db_statement_column_text (stmt, 1));
      put->start = scholia_db_statement_column_int (stmt, 2);
      put->end = scholia_db_statement_column_int (stmt, 3);
      put->quote = g_strdup (scholia_db_statement_column_text (stmt, 4));
      put->prefix = g_strdup (scholia_db_statement_column_text (stmt, 5));
      put->suffix = g_strdup (scholia_db_statement_column_text (stmt, 6));
      g_free (put->note);
      put->note = g_strdup (scholia_db_statement_column_text (stmt, 7));
      put->created = scholia_db_statement_column_int64 (stmt, 8);
      put->modified = scholia_db_statement_column_int64 (stmt, 9);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;

  if (put != NULL)
    {
      g_strfreev (put->tags);
      g_strfreev (put->themes);
      put->tags = read_label_names (self, "SELECT t.name FROM annotation_tags l JOIN tags t ON t.id = l.tag_id"
                                          " WHERE l.annotation_id = ? ORDER BY l.position",
                                    *annotation_id, error);
      put->themes = put->tags == NULL ? NULL :
                    read_label_names (self, "SELECT t.name FROM annotation_themes l JOIN themes t ON t.id = l.theme_id"
                                            " WHERE l.annotation_id = ? ORDER BY l.position",
                                      *annotation_id, error);
      if (put->themes == NULL)
        return FALSE;
    }
  *record = g_steal_pointer (&put);
  return TRUE;
}

static gboolean
read_reply_state (ScholiaStore       *self,
                  const char         *uuid,
                  ScholiaLogRecord  **record,
                  GError            **error)
{
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT annotation_uuid, body, created, modified FROM replies WHERE uuid = ?",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, uuid);
  rc = scholia_db_statement_step (stmt, error);
  *record = NULL;
  if (rc == SCHOLIA_DB_STEP_ROW)
    {
      *record = scholia_log_record_new (SCHOLIA_LOG_PUT_REPLY);
      (*record)->uuid = g_strdup (uuid);
      (*record)->target_uuid = g_strdup (scholia_db_statement_column_text (stmt, 0));
      (*record)->body = g_strdup (scholia_db_statement_column_text (stmt, 1));
      (*record)->created = scholia_db_statement_column_int64 (stmt, 2);
      (*record)->modified = scholia_db_statement_column_int64 (stmt, 3);
    }
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
}

/* Whether a log, mine or another's, has spoken of @uuid: a deletion of something never
 * logged need not be logged either. */
static gboolean
is_logged (ScholiaStore  *self,
           const char    *uuid,
           gboolean      *logged,
           char         **first_hlc,
           GError       **error)
{
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  stmt = scholia_db_get_statement (self->db, "SELECT first_hlc FROM seminar_items WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, uuid);
  rc = scholia_db_statement_step (stmt, error);
  *logged = rc == SCHOLIA_DB_STEP_ROW;
  *first_hlc = *logged ? g_strdup (scholia_db_statement_column_text (stmt, 0)) : NULL;
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
}

static char *
join_names (GStrv names)
{
  return names != NULL ? g_strjoinv ("\n", names) : g_strdup ("");
}

static gboolean
append_to_own_log (ScholiaStore            *self,
                   gint64                   seminar_id,
                   const ScholiaLogRecord  *record,
                   GError                 **error)
{
  g_autofree char *tags = join_names (record->tags);
  g_autofree char *themes = join_names (record->themes);
  ScholiaDbStatement *stmt;

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO seminar_own_log (seminar_id, op, hlc, uuid, created, modified,"
                                   " document_uuid, start_offset, end_offset, quote, prefix, suffix, note, tags,"
                                   " themes, target_uuid, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, seminar_id);
  scholia_db_statement_bind_int64 (stmt, 2, record->op);
  scholia_db_statement_bind_text (stmt, 3, record->hlc);
  scholia_db_statement_bind_text (stmt, 4, record->uuid);
  scholia_db_statement_bind_int64 (stmt, 5, record->created);
  scholia_db_statement_bind_int64 (stmt, 6, record->modified);
  scholia_db_statement_bind_text (stmt, 7, record->document_uuid);
  scholia_db_statement_bind_int64 (stmt, 8, record->start);
  scholia_db_statement_bind_int64 (stmt, 9, record->end);
  scholia_db_statement_bind_text (stmt, 10, record->quote);
  scholia_db_statement_bind_text (stmt, 11, record->prefix);
  scholia_db_statement_bind_text (stmt, 12, record->suffix);
  scholia_db_statement_bind_text (stmt, 13, record->note);
  scholia_db_statement_bind_text (stmt, 14, tags);
  scholia_db_statement_bind_text (stmt, 15, themes);
  scholia_db_statement_bind_text (stmt, 16, record->target_uuid);
  scholia_db_statement_bind_text (stmt, 17, record->body);
  return scholia_db_statement_execute (stmt, error);
}

/* Marks me the author of what I logged, with the record's clock, and remembers the uuid's
 * creator (me) and state for later merges. */
static gboolean
sign_record (ScholiaStore            *self,
             ScholiaSeminar          *seminar,
             const ScholiaLogRecord  *record,
             const char              *first_hlc,
             GError                 **error)
{
  const char *sql = record->op == SCHOLIA_LOG_PUT_ANNOTATION
                    ? "UPDATE annotations SET participant_id = ?, hlc = ? WHERE uuid_key = scholia_uuid_key(?)"
                    : "UPDATE replies SET participant_id = ?, hlc = ? WHERE uuid = ?";
  ScholiaDbStatement *stmt;

  if (record->op != SCHOLIA_LOG_DELETE)
    {
      stmt = scholia_db_get_statement (self->db, sql, error);
      if (stmt == NULL)
        return FALSE;
      scholia_db_statement_bind_int64 (stmt, 1, seminar->participant_id);
      scholia_db_statement_bind_text (stmt, 2, record->hlc);
      scholia_db_statement_bind_text (stmt, 3, record->uuid);
      if (!scholia_db_statement_execute (stmt, error))
        return FALSE;
    }

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT OR REPLACE INTO seminar_items"
                                   " (uuid, seminar_id, participant_id, first_hlc, hlc, deleted)"
                                   " VALUES (?, ?, ?, ?, ?, ?)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, record->uuid);
  scholia_db_statement_bind_int64 (stmt, 2, seminar->id);
  scholia_db_statement_bind_int64 (stmt, 3, seminar->participant_id);
  scholia_db_statement_bind_text (stmt, 4, first_hlc != NULL ? first_hlc : record->hlc);
  scholia_db_statement_bind_text (stmt, 5, record->hlc);
  scholia_db_statement_bind_int64 (stmt, 6, record->op == SCHOLIA_LOG_DELETE);
  return scholia_db_statement_execute (stmt, error);
}

/* The record for one pending change, NULL when there is nothing to log. */
static gboolean
record_pending (ScholiaStore       *self,
                const Pending      *pending,
                ScholiaLogRecord  **record,
                GArray             *annotation_ids,
                GError            **error)
{
  gint64 annotation_id = 0;

  *record = NULL;
  if (!pending->deleted && !pending->reply &&
      !read_annotation_state (self, pending->uuid, record, &annotation_id, error))
    return FALSE;
  if (!pending->deleted && pending->reply && !read_reply_state (self, pending->uuid, record, error))
    return FALSE;
  if (*record == NULL)
    {
      *record = scholia_log_record_new (SCHOLIA_LOG_DELETE);
      (*record)->uuid = g_strdup (pending->uuid);
    }
  if (annotation_id != 0)
    g_array_append_val (annotation_ids, annotation_id);
  return TRUE;
}

static gboolean
take_pending (ScholiaStore     *self,
              ScholiaSeminar   *seminar,
              GPtrArray        *records,
              GArray           *annotation_ids,
              GError          **error)
{
  g_autoptr(GPtrArray) pending = read_pending (self, seminar->id, error);
  g_autofree char *my_uuid = NULL;
  g_autofree char *my_name = NULL;
  g_autofree char *clock_seen = NULL;
  ScholiaDbStatement *stmt;
  ScholiaHlc clock;
  gboolean ok = TRUE;

  if (pending == NULL ||
      !query_text (self, "SELECT uuid FROM participants WHERE id = ?", seminar->participant_id, &my_uuid, error) ||
      !query_text (self, "SELECT name FROM participants WHERE id = ?", seminar->participant_id, &my_name, error) ||
      !query_text (self, "SELECT clock FROM seminars WHERE id = ?", seminar->id, &clock_seen, error))
    return FALSE;
  if (my_uuid == NULL)
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND, _("No such participant"));
      return FALSE;
    }

  /* My clock runs after everything I logged or merged, so my next record wins over them. */
  scholia_hlc_init (&clock, my_uuid);
  if (clock_seen != NULL && *clock_seen != '\0')
    scholia_hlc_observe (&clock, clock_seen, g_get_real_time () / 1000);

  for (guint i = 0; ok && i < pending->len; i++)
    {
      const Pending *one = g_ptr_array_index (pending, i);
      g_autoptr(ScholiaLogRecord) record = NULL;
      g_autofree char *first_hlc = NULL;
      gboolean logged;

      ok = record_pending (self, one, &record, annotation_ids, error) &&
           is_logged (self, one->uuid, &logged, &first_hlc, error);
      if (!ok || (record->op == SCHOLIA_LOG_DELETE && !logged))
        continue;

      record->hlc = scholia_hlc_tick (&clock, g_get_real_time () / 1000);
      record->author = g_strdup (my_uuid);
      record->author_name = g_strdup (my_name);
      ok = append_to_own_log (self, seminar->id, record, error) &&
           sign_record (self, seminar, record, first_hlc, error) &&
           _scholia_store_advance_seminar_clock (self, seminar->id, record->hlc, error);
      if (ok)
        g_ptr_array_add (records, g_steal_pointer (&record));
    }
  scholia_hlc_clear (&clock);
  /* My first clock ranks my colour as the others' libraries rank it from my log. */
  if (!ok || (records->len > 0 &&
              !_scholia_store_note_first_clock (self, seminar->id, seminar->participant_id,
                                                ((ScholiaLogRecord *) g_ptr_array_index (records, 0))->hlc, error)))
    return FALSE;

  stmt = scholia_db_get_statement (self->db, "DELETE FROM seminar_outbox WHERE seminar_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, seminar->id);
  return scholia_db_statement_execute (stmt, error);
}

GPtrArray *
scholia_store_take_seminar_outbox (ScholiaStore    *self,
                                   ScholiaSeminar  *seminar,
                                   GError         **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_log_record_free);
  g_autoptr(GArray) annotation_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (seminar != NULL, NULL);

  if (!scholia_db_begin (self->db, error))
    return NULL;
  /* Signing my annotations must not mark them again. */
  stmt = scholia_db_get_statement (self->db, "INSERT INTO seminar_merging (seminar_id) VALUES (?)", error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_int64 (stmt, 1, seminar->id);
  if (!scholia_db_statement_execute (stmt, error) ||
      !take_pending (self, seminar, records, annotation_ids, error) ||
      !scholia_db_exec (self->db, "DELETE FROM seminar_merging", error) ||
      !scholia_db_commit (self->db, error))
    goto failed;

  for (guint i = 0; i < annotation_ids->len; i++)
    {
      ScholiaAnnotation *annotation = g_hash_table_lookup (self->live_annotations,
                                                           &g_array_index (annotation_ids, gint64, i));

      if (annotation != NULL)
        scholia_annotation_set_participant_id (annotation, seminar->participant_id);
    }
  return g_steal_pointer (&records);

failed:
  scholia_db_rollback (self->db);
  return NULL;
}

static GStrv
split_names (const char *joined)
{
  return *joined == '\0' ? g_new0 (char *, 1) : g_strsplit (joined, "\n", -1);
}

GPtrArray *
scholia_store_list_own_log (ScholiaStore    *self,
                            ScholiaSeminar  *seminar,
                            GError         **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_log_record_free);
  g_autoptr(ScholiaParticipant) me = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (seminar != NULL, NULL);

  me = scholia_store_get_my_participant (self, seminar, error);
  if (me == NULL)
    return NULL;
  stmt = scholia_db_get_statement (self->db,
                                   "SELECT op, hlc, uuid, created, modified, document_uuid, start_offset, end_offset,"
                                   " quote, prefix, suffix, note, tags, themes, target_uuid, body"
                                   " FROM seminar_own_log WHERE seminar_id = ? ORDER BY id",
                                   error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, seminar->id);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      ScholiaLogRecord *record = scholia_log_record_new (scholia_db_statement_column_int (stmt, 0));
      gboolean put_annotation = record->op == SCHOLIA_LOG_PUT_ANNOTATION;
      gboolean put_reply = record->op == SCHOLIA_LOG_PUT_REPLY;

      record->hlc = g_strdup (scholia_db_statement_column_text (stmt, 1));
      record->uuid = g_strdup (scholia_db_statement_column_text (stmt, 2));
      record->author = g_strdup (me->uuid);
      record->author_name = g_strdup (me->name);
      record->created = scholia_db_statement_column_int64 (stmt, 3);
      record->modified = scholia_db_statement_column_int64 (stmt, 4);
      if (put_annotation)
        {
          record->document_uuid = g_strdup (scholia_db_statement_column_text (stmt, 5));
          record->start = scholia_db_statement_column_int (stmt, 6);
          record->end = scholia_db_statement_column_int (stmt, 7);
          record->quote = g_strdup (scholia_db_statement_column_text (stmt, 8));
          record->prefix = g_strdup (scholia_db_statement_column_text (stmt, 9));
          record->suffix = g_strdup (scholia_db_statement_column_text (stmt, 10));
          g_free (record->note);
          record->note = g_strdup (scholia_db_statement_column_text (stmt, 11));
          g_strfreev (record->tags);
          g_strfreev (record->themes);
          record->tags = split_names (scholia_db_statement_column_text (stmt, 12));
          record->themes = split_names (scholia_db_statement_column_text (stmt, 13));
        }
      if (put_reply)
        {
          record->target_uuid = g_strdup (scholia_db_statement_column_text (stmt, 14));
          record->body = g_strdup (scholia_db_statement_column_text (stmt, 15));
        }
      record->line = records->len + 1;
      g_ptr_array_add (records, record);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&records);
}

static ScholiaReply *
read_reply (ScholiaDbStatement *stmt)
{
  ScholiaReply *reply = g_new0 (ScholiaReply, 1);

  reply->id = scholia_db_statement_column_int64 (stmt, 0);
  reply->uuid = g_strdup (scholia_db_statement_column_text (stmt, 1));
  reply->annotation_uuid = g_strdup (scholia_db_statement_column_text (stmt, 2));
  reply->participant_id = scholia_db_statement_column_int64 (stmt, 3);
  reply->body = g_strdup (scholia_db_statement_column_text (stmt, 4));
  reply->created = scholia_db_statement_column_int64 (stmt, 5);
  reply->modified = scholia_db_statement_column_int64 (stmt, 6);
  reply->hlc = g_strdup (scholia_db_statement_column_text (stmt, 7));
  reply->read = scholia_db_statement_column_int (stmt, 8) != 0;
  return reply;
}

#define REPLY_COLUMNS "id, uuid, annotation_uuid, participant_id, body, created, modified, hlc, read"

ScholiaReply *
scholia_store_add_reply (ScholiaStore    *self,
                         ScholiaSeminar  *seminar,
                         const char      *annotation_uuid,
                         const char      *body,
                         GError         **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *clean_body = NULL;
  ScholiaDbStatement *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  ScholiaReply *reply = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (seminar != NULL && annotation_uuid != NULL && body != NULL, NULL);

  clean_body = scholia_text_check_note (body, error);
  if (clean_body == NULL)
    return NULL;
  if (*clean_body == '\0')
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID, _("A reply needs some text"));
      return NULL;
    }

  if (!scholia_db_begin (self->db, error))
    return NULL;
  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO replies (uuid, seminar_id, annotation_uuid, participant_id, body,"
                                   " created, modified, read) VALUES (?, ?, ?, ?, ?, ?, ?, 1)"
                                   " RETURNING " REPLY_COLUMNS,
                                   error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_text (stmt, 1, uuid);
  scholia_db_statement_bind_int64 (stmt, 2, seminar->id);
  scholia_db_statement_bind_text (stmt, 3, annotation_uuid);
  scholia_db_statement_bind_int64 (stmt, 4, seminar->participant_id);
  scholia_db_statement_bind_text (stmt, 5, clean_body);
  scholia_db_statement_bind_int64 (stmt, 6, now);
  scholia_db_statement_bind_int64 (stmt, 7, now);
  if (scholia_db_statement_step (stmt, error) != SCHOLIA_DB_STEP_ROW)
    goto failed;
  reply = read_reply (stmt);
  scholia_db_statement_reset (stmt);
  if (!scholia_db_commit (self->db, error))
    goto failed;
  return reply;

failed:
  scholia_reply_free (reply);
  scholia_db_rollback (self->db);
  return NULL;
}

GPtrArray *
scholia_store_list_replies (ScholiaStore  *self,
                            const char    *annotation_uuid,
                            GError       **error)
{
  g_autoptr(GPtrArray) replies = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_reply_free);
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;
  gboolean hidden;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (annotation_uuid != NULL, NULL);

  /* Replies to an annotation hidden from me (hide until posted) are hidden with it. */
  if (!_scholia_store_is_annotation_hidden (self, annotation_uuid, &hidden, error))
    return NULL;
  if (hidden)
    return g_steal_pointer (&replies);

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT " REPLY_COLUMNS " FROM replies WHERE annotation_uuid = ?"
                                   " ORDER BY created, hlc, uuid",
                                   error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_text (stmt, 1, annotation_uuid);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    g_ptr_array_add (replies, read_reply (stmt));
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&replies);
}

gboolean
scholia_store_mark_replies_read (ScholiaStore  *self,
                                 const char    *annotation_uuid,
                                 GError       **error)
{
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (annotation_uuid != NULL, FALSE);

  stmt = scholia_db_get_statement (self->db, "UPDATE replies SET read = 1 WHERE annotation_uuid = ? AND read = 0",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, annotation_uuid);
  return scholia_db_statement_execute (stmt, error);
}

gboolean
scholia_store_delete_reply (ScholiaStore  *self,
                            ScholiaReply  *reply,
                            GError       **error)
{
  g_autoptr(ScholiaParticipant) author = NULL;
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (reply != NULL, FALSE);

  author = scholia_store_get_participant (self, reply->participant_id, error);
  if (author == NULL)
    return FALSE;
  if (!author->me)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY,
                   /* Translators: %s is a seminar participant’s name */
                   _("Only %s can delete this reply: it is theirs in the seminar"),
                   *author->name != '\0' ? author->name : _("another participant"));
      return FALSE;
    }

  stmt = scholia_db_get_statement (self->db, "DELETE FROM replies WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, reply->id);
  return scholia_db_statement_execute (stmt, error);
}
