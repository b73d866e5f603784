/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Seminars, their participants and essays, and the state of each remote log: the rows the
 * merge and the outbox build on (scholia-store-seminar-private.h). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-colour.h"
#include "scholia-error.h"
#include "scholia-store-seminar-private.h"
#include "scholia-tag.h"

#define SEMINAR_COLUMNS \
  "id, uuid, name, location, role, participant_id, options, last_sync, last_error"
/* The leader: me in a seminar I lead, or the uuid seminar.json names (kept in the options). */
#define PARTICIPANT_COLUMNS \
  "p.id, p.uuid, p.name, p.colour, p.me," \
  " EXISTS (SELECT 1 FROM seminar_participants lp JOIN seminars ls ON ls.id = lp.seminar_id" \
  "  WHERE lp.participant_id = p.id AND ((ls.role = 'leader' AND p.me != 0)" \
  "  OR (json_valid (ls.options) AND json_extract (ls.options, '$.leader') = p.uuid)))"

void
scholia_seminar_free (ScholiaSeminar *seminar)
{
  if (seminar == NULL)
    return;
  g_free (seminar->uuid);
  g_free (seminar->name);
  g_free (seminar->location);
  g_free (seminar->options);
  g_free (seminar->last_error);
  g_free (seminar);
}

void
scholia_participant_free (ScholiaParticipant *participant)
{
  if (participant == NULL)
    return;
  g_free (participant->uuid);
  g_free (participant->name);
  g_free (participant->colour);
  g_free (participant);
}

char *
scholia_participant_dup_label (const ScholiaParticipant *participant)
{
  g_return_val_if_fail (participant != NULL, NULL);

  if (!participant->leader)
    return g_strdup (participant->name);
  /* Translators: a seminar participant's name, marked as the seminar's leader */
  return g_strdup_printf (_("%s (leader)"), participant->name);
}

void
scholia_reply_free (ScholiaReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->uuid);
  g_free (reply->annotation_uuid);
  g_free (reply->body);
  g_free (reply->hlc);
  g_free (reply);
}

/* g_str_hash is djb2, fixed by GLib's API, so every library picks the same colour. */
const char *
scholia_seminar_colour_for (const char *key)
{
  guint n_colours;
  const ScholiaPaletteColour *palette = scholia_colour_get_palette (&n_colours);

  g_return_val_if_fail (key != NULL, NULL);

  return palette[g_str_hash (key) % n_colours].colour;
}

static const char *
first_participant_colour (void)
{
  guint n_colours;

  return scholia_colour_get_participant_palette (&n_colours)[0].colour;
}

/* The participants' colours in a seminar: ranked by their first clock in it (those whose first
 * record is not here yet last), then by uuid, the participant of rank r takes the r-th colour of
 * the participants' palette, round it again past its end. So colours are distinct up to the
 * palette's size (12), never a tag's, and the same in every library that merged the same logs:
 * each library knows every first clock once all logs are synced. Limits: until then (or with
 * more than 12 participants) two libraries may differ; a log that arrives late with a first
 * clock earlier than others' (a participant who annotated offline long ago) moves the later
 * ones' colours one place; and a participant is one row for the library, so one taking part in
 * two seminars shows the colour of the one ranked last (join gives a new uuid per seminar, so
 * this only happens to a library's own user who leads or joins twice with one uuid). Inside the
 * caller's transaction. */
static gboolean
rank_participants (ScholiaStore  *self,
                   gint64         seminar_id,
                   GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) colours = g_ptr_array_new_with_free_func (g_free);
  const ScholiaPaletteColour *palette;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;
  guint n_colours;

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT p.id, p.colour FROM seminar_participants s"
                                   " JOIN participants p ON p.id = s.participant_id WHERE s.seminar_id = ?"
                                   " ORDER BY s.first_clock = '', s.first_clock, p.uuid",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, seminar_id);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 id = scholia_db_statement_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (colours, g_strdup (scholia_db_statement_column_text (stmt, 1)));
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;

  palette = scholia_colour_get_participant_palette (&n_colours);
  for (guint rank = 0; rank < ids->len; rank++)
    {
      const char *colour = palette[rank % n_colours].colour;

      if (g_str_equal (colour, g_ptr_array_index (colours, rank)))
        continue;
      stmt = scholia_db_get_statement (self->db, "UPDATE participants SET colour = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      scholia_db_statement_bind_text (stmt, 1, colour);
      scholia_db_statement_bind_int64 (stmt, 2, g_array_index (ids, gint64, rank));
      if (!scholia_db_statement_execute (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static ScholiaSeminar *
read_seminar (ScholiaDbStatement *stmt)
{
  ScholiaSeminar *seminar = g_new0 (ScholiaSeminar, 1);

  seminar->id = scholia_db_statement_column_int64 (stmt, 0);
  seminar->uuid = g_strdup (scholia_db_statement_column_text (stmt, 1));
  seminar->name = g_strdup (scholia_db_statement_column_text (stmt, 2));
  seminar->location = g_strdup (scholia_db_statement_column_text (stmt, 3));
  seminar->role = g_str_equal (scholia_db_statement_column_text (stmt, 4), "leader")
                  ? SCHOLIA_SEMINAR_LEADER : SCHOLIA_SEMINAR_PARTICIPANT;
  seminar->participant_id = scholia_db_statement_column_int64 (stmt, 5);
  seminar->options = g_strdup (scholia_db_statement_column_text (stmt, 6));
  seminar->last_sync = scholia_db_statement_column_int64 (stmt, 7);
  seminar->last_error = g_strdup (scholia_db_statement_column_text (stmt, 8));
  return seminar;
}

static ScholiaParticipant *
read_participant (ScholiaDbStatement *stmt)
{
  ScholiaParticipant *participant = g_new0 (ScholiaParticipant, 1);

  participant->id = scholia_db_statement_column_int64 (stmt, 0);
  participant->uuid = g_strdup (scholia_db_statement_column_text (stmt, 1));
  participant->name = g_strdup (scholia_db_statement_column_text (stmt, 2));
  participant->colour = g_strdup (scholia_db_statement_column_text (stmt, 3));
  participant->me = scholia_db_statement_column_int (stmt, 4) != 0;
  participant->leader = scholia_db_statement_column_int (stmt, 5) != 0;
  return participant;
}

/* Every row of @stmt (bound by the caller) read by @read, or NULL on error. */
static GPtrArray *
read_rows (ScholiaDbStatement  *stmt,
           gpointer           (*read) (ScholiaDbStatement *),
           GDestroyNotify       free_func,
           GError             **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  ScholiaDbStep rc;

  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    g_ptr_array_add (rows, read (stmt));
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&rows);
}

/* The one row of @stmt, or NULL with SCHOLIA_ERROR_NOT_FOUND and @missing. */
static gpointer
read_one (ScholiaDbStatement  *stmt,
          gpointer           (*read) (ScholiaDbStatement *),
          const char          *missing,
          GError             **error)
{
  gpointer row = NULL;
  ScholiaDbStep rc = scholia_db_statement_step (stmt, error);

  if (rc == SCHOLIA_DB_STEP_ROW)
    row = read (stmt);
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_DONE)
    g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND, missing);
  return row;
}

gboolean
_scholia_store_ensure_participant (ScholiaStore  *self,
                                   gint64         seminar_id,
                                   const char    *uuid,
                                   const char    *name,
                                   gboolean       me,
                                   gint64        *id,
                                   GError       **error)
{
  g_autofree char *clean_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO participants (uuid, name, colour, me) VALUES (?, ?, ?, ?)"
                                   " ON CONFLICT (uuid) DO UPDATE SET"
                                   "  name = CASE WHEN excluded.name != '' THEN excluded.name ELSE name END,"
                                   "  me = max (me, excluded.me)"
                                   " RETURNING id",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, uuid);
  scholia_db_statement_bind_text (stmt, 2, clean_name);
  scholia_db_statement_bind_text (stmt, 3, first_participant_colour ());
  scholia_db_statement_bind_int64 (stmt, 4, me ? 1 : 0);
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    *id = scholia_db_statement_column_int64 (stmt, 0);
  scholia_db_statement_reset (stmt);
  if (rc != SCHOLIA_DB_STEP_ROW)
    return FALSE;

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT OR IGNORE INTO seminar_participants (seminar_id, participant_id)"
                                   " VALUES (?, ?)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, seminar_id);
  scholia_db_statement_bind_int64 (stmt, 2, *id);
  if (!scholia_db_statement_execute (stmt, error))
    return FALSE;
  /* A newcomer takes a colour, ranked last until their first clock is known. */
  return scholia_db_changes (self->db) == 0 || rank_participants (self, seminar_id, error);
}

gboolean
_scholia_store_note_first_clock (ScholiaStore  *self,
                                 gint64         seminar_id,
                                 gint64         participant_id,
                                 const char    *clock,
                                 GError       **error)
{
  ScholiaDbStatement *stmt;

  stmt = scholia_db_get_statement (self->db,
                                   "UPDATE seminar_participants SET first_clock = ?3"
                                   " WHERE seminar_id = ?1 AND participant_id = ?2"
                                   " AND (first_clock = '' OR first_clock > ?3)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, seminar_id);
  scholia_db_statement_bind_int64 (stmt, 2, participant_id);
  scholia_db_statement_bind_text (stmt, 3, clock);
  if (!scholia_db_statement_execute (stmt, error))
    return FALSE;
  return scholia_db_changes (self->db) == 0 || rank_participants (self, seminar_id, error);
}

gboolean
_scholia_store_advance_seminar_clock (ScholiaStore  *self,
                                      gint64         seminar_id,
                                      const char    *stamp,
                                      GError       **error)
{
  ScholiaDbStatement *stmt;

  stmt = scholia_db_get_statement (self->db, "UPDATE seminars SET clock = ? WHERE id = ? AND clock < ?",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, stamp);
  scholia_db_statement_bind_int64 (stmt, 2, seminar_id);
  scholia_db_statement_bind_text (stmt, 3, stamp);
  return scholia_db_statement_execute (stmt, error);
}

ScholiaSeminar *
scholia_store_add_seminar (ScholiaStore        *self,
                           const char          *uuid,
                           const char          *name,
                           const char          *location,
                           ScholiaSeminarRole   role,
                           const char          *my_uuid,
                           const char          *my_name,
                           const char          *options,
                           GError             **error)
{
  g_autofree char *new_uuid = uuid == NULL ? g_uuid_string_random () : NULL;
  g_autofree char *new_my_uuid = my_uuid == NULL ? g_uuid_string_random () : NULL;
  g_autofree char *clean_name = NULL;
  ScholiaDbStatement *stmt;
  gint64 participant_id;
  gint64 seminar_id;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL && location != NULL, NULL);

  clean_name = g_strstrip (g_strdup (name));
  if (*clean_name == '\0')
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID, _("A seminar needs a name"));
      return NULL;
    }

  if (!scholia_db_begin (self->db, error))
    return NULL;
  /* The participant first joins no seminar: the seminar row needs its id. */
  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO participants (uuid, name, colour, me) VALUES (?, ?, ?, 1)"
                                   " ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, me = 1"
                                   " RETURNING id",
                                   error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_text (stmt, 1, my_uuid != NULL ? my_uuid : new_my_uuid);
  scholia_db_statement_bind_text (stmt, 2, my_name);
  scholia_db_statement_bind_text (stmt, 3, first_participant_colour ());
  if (scholia_db_statement_step (stmt, error) != SCHOLIA_DB_STEP_ROW)
    goto failed;
  participant_id = scholia_db_statement_column_int64 (stmt, 0);
  scholia_db_statement_reset (stmt);

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO seminars (uuid, name, location, role, participant_id, options)"
                                   " VALUES (?, ?, ?, ?, ?, ?)",
                                   error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_text (stmt, 1, uuid != NULL ? uuid : new_uuid);
  scholia_db_statement_bind_text (stmt, 2, clean_name);
  scholia_db_statement_bind_text (stmt, 3, location);
  scholia_db_statement_bind_text (stmt, 4, role == SCHOLIA_SEMINAR_LEADER ? "leader" : "participant");
  scholia_db_statement_bind_int64 (stmt, 5, participant_id);
  scholia_db_statement_bind_text (stmt, 6, options != NULL ? options : "{}");
  if (!scholia_db_statement_execute (stmt, error))
    goto failed;
  seminar_id = scholia_db_last_insert_id (self->db);

  if (!_scholia_store_ensure_participant (self, seminar_id, my_uuid != NULL ? my_uuid : new_my_uuid,
                                          my_name, TRUE, &participant_id, error) ||
      !scholia_db_commit (self->db, error))
    goto failed;

  return scholia_store_find_seminar (self, uuid != NULL ? uuid : new_uuid, error);

failed:
  scholia_db_rollback (self->db);
  return NULL;
}

GPtrArray *
scholia_store_list_seminars (ScholiaStore  *self,
                             GError       **error)
{
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  stmt = scholia_db_get_statement (self->db, "SELECT " SEMINAR_COLUMNS " FROM seminars ORDER BY name, id",
                                   error);
  if (stmt == NULL)
    return NULL;
  return read_rows (stmt, (gpointer) read_seminar, (GDestroyNotify) scholia_seminar_free, error);
}

ScholiaSeminar *
scholia_store_find_seminar (ScholiaStore  *self,
                            const char    *uuid_or_name,
                            GError       **error)
{
  g_autofree char *missing = NULL;
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid_or_name != NULL, NULL);

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT " SEMINAR_COLUMNS " FROM seminars"
                                   " WHERE uuid = ?1 OR name = ?1 COLLATE NOCASE ORDER BY uuid != ?1, id LIMIT 1",
                                   error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_text (stmt, 1, uuid_or_name);
  missing = g_strdup_printf (_("No seminar is called “%s”"), uuid_or_name);
  return read_one (stmt, (gpointer) read_seminar, missing, error);
}

gboolean
scholia_store_add_seminar_essay (ScholiaStore     *self,
                                 ScholiaSeminar   *seminar,
                                 ScholiaDocument  *document,
                                 GError          **error)
{
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (seminar != NULL, FALSE);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), FALSE);

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT OR IGNORE INTO seminar_essays (seminar_id, document_id) VALUES (?, ?)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, seminar->id);
  scholia_db_statement_bind_int64 (stmt, 2, scholia_document_get_id (document));
  return scholia_db_statement_execute (stmt, error);
}

GArray *
scholia_store_list_seminar_essays (ScholiaStore    *self,
                                   ScholiaSeminar  *seminar,
                                   GError         **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (seminar != NULL, NULL);

  return scholia_db_query_ids (self->db, "SELECT document_id FROM seminar_essays WHERE seminar_id = ? ORDER BY document_id",
                               seminar->id, error);
}

ScholiaSeminar *
scholia_store_find_essay_seminar (ScholiaStore  *self,
                                  gint64         document_id,
                                  GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  /* An essay is in one seminar; were it given to two, the first joined speaks for it. */
  stmt = scholia_db_get_statement (self->db,
                                   "SELECT " SEMINAR_COLUMNS " FROM seminars WHERE id IN"
                                   " (SELECT seminar_id FROM seminar_essays WHERE document_id = ?)"
                                   " ORDER BY id LIMIT 1",
                                   error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, document_id);
  rows = read_rows (stmt, (gpointer) read_seminar, (GDestroyNotify) scholia_seminar_free, error);
  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

gboolean
scholia_store_set_seminar_sync (ScholiaStore    *self,
                                ScholiaSeminar  *seminar,
                                gint64           when,
                                const char      *error_message,
                                GError         **error)
{
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (seminar != NULL, FALSE);

  stmt = scholia_db_get_statement (self->db, "UPDATE seminars SET last_sync = ?, last_error = ? WHERE id = ?",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, when);
  scholia_db_statement_bind_text (stmt, 2, error_message);
  scholia_db_statement_bind_int64 (stmt, 3, seminar->id);
  if (!scholia_db_statement_execute (stmt, error))
    return FALSE;

  seminar->last_sync = when;
  g_free (seminar->last_error);
  seminar->last_error = g_strdup (error_message != NULL ? error_message : "");
  return TRUE;
}

gboolean
scholia_store_set_seminar_options (ScholiaStore    *self,
                                   ScholiaSeminar  *seminar,
                                   const char      *options,
                                   GError         **error)
{
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (seminar != NULL && options != NULL, FALSE);

  stmt = scholia_db_get_statement (self->db, "UPDATE seminars SET options = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, options);
  scholia_db_statement_bind_int64 (stmt, 2, seminar->id);
  if (!scholia_db_statement_execute (stmt, error))
    return FALSE;

  g_free (seminar->options);
  seminar->options = g_strdup (options);
  return TRUE;
}

gboolean
scholia_store_check_seminar_label (ScholiaStore  *self,
                                   ScholiaLabel  *label,
                                   GError       **error)
{
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;
  g_autofree char *seminar = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LABEL (label), FALSE);

  if (!SCHOLIA_IS_TAG (label))
    return TRUE;
  stmt = scholia_db_get_statement (self->db,
                                   "SELECT s.name FROM seminars s, json_each (s.options, '$.tags') t"
                                   " WHERE s.role = 'participant' AND json_valid (s.options)"
                                   " AND json_extract (s.options, '$.participants-add-tags') IS NOT 1"
                                   " AND t.value = ? COLLATE NOCASE ORDER BY s.name LIMIT 1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, scholia_label_get_name (label));
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    seminar = g_strdup (scholia_db_statement_column_text (stmt, 0));
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;
  if (seminar != NULL)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY,
                   _("The tag “%s” belongs to the seminar “%s”: only its leader can change it"),
                   scholia_label_get_name (label), seminar);
      return FALSE;
    }
  return TRUE;
}

gboolean
scholia_store_count_seminar_outbox (ScholiaStore    *self,
                                    ScholiaSeminar  *seminar,
                                    guint           *count,
                                    GError         **error)
{
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (seminar != NULL && count != NULL, FALSE);

  stmt = scholia_db_get_statement (self->db, "SELECT count(*) FROM seminar_outbox WHERE seminar_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, seminar->id);
  rc = scholia_db_statement_step (stmt, error);
  *count = rc == SCHOLIA_DB_STEP_ROW ? scholia_db_statement_column_int (stmt, 0) : 0;
  scholia_db_statement_reset (stmt);
  return rc == SCHOLIA_DB_STEP_ROW;
}

GPtrArray *
scholia_store_list_participants (ScholiaStore    *self,
                                 ScholiaSeminar  *seminar,
                                 GError         **error)
{
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (seminar != NULL, NULL);

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT " PARTICIPANT_COLUMNS " FROM participants p"
                                   " JOIN seminar_participants s ON s.participant_id = p.id"
                                   " WHERE s.seminar_id = ? ORDER BY p.name COLLATE NOCASE, p.uuid",
                                   error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, seminar->id);
  return read_rows (stmt, (gpointer) read_participant, (GDestroyNotify) scholia_participant_free, error);
}

GPtrArray *
scholia_store_list_all_participants (ScholiaStore  *self,
                                     GError       **error)
{
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT " PARTICIPANT_COLUMNS " FROM participants p"
                                   " WHERE p.id IN (SELECT participant_id FROM seminar_participants)"
                                   " ORDER BY p.name COLLATE NOCASE, p.uuid",
                                   error);
  if (stmt == NULL)
    return NULL;
  return read_rows (stmt, (gpointer) read_participant, (GDestroyNotify) scholia_participant_free, error);
}

GPtrArray *
scholia_store_list_essay_seminars (ScholiaStore  *self,
                                   gint64         document_id,
                                   GError       **error)
{
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT " SEMINAR_COLUMNS " FROM seminars"
                                   " WHERE id IN (SELECT seminar_id FROM seminar_essays WHERE document_id = ?)"
                                   " ORDER BY name, id",
                                   error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, document_id);
  return read_rows (stmt, (gpointer) read_seminar, (GDestroyNotify) scholia_seminar_free, error);
}

ScholiaParticipant *
scholia_store_get_participant (ScholiaStore  *self,
                               gint64         id,
                               GError       **error)
{
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  stmt = scholia_db_get_statement (self->db, "SELECT " PARTICIPANT_COLUMNS " FROM participants p WHERE p.id = ?",
                                   error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, id);
  return read_one (stmt, (gpointer) read_participant, _("No such participant"), error);
}

ScholiaParticipant *
scholia_store_get_my_participant (ScholiaStore    *self,
                                  ScholiaSeminar  *seminar,
                                  GError         **error)
{
  g_return_val_if_fail (seminar != NULL, NULL);

  return scholia_store_get_participant (self, seminar->participant_id, error);
}

gboolean
scholia_store_get_remote_log (ScholiaStore    *self,
                              ScholiaSeminar  *seminar,
                              const char      *participant_uuid,
                              char           **etag,
                              gint64          *merged_bytes,
                              GError         **error)
{
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (seminar != NULL && participant_uuid != NULL, FALSE);

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT l.etag, l.merged_bytes FROM seminar_logs l"
                                   " JOIN participants p ON p.id = l.participant_id"
                                   " WHERE l.seminar_id = ? AND p.uuid = ?",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, seminar->id);
  scholia_db_statement_bind_text (stmt, 2, participant_uuid);
  rc = scholia_db_statement_step (stmt, error);
  *etag = g_strdup (rc == SCHOLIA_DB_STEP_ROW ? scholia_db_statement_column_text (stmt, 0) : "");
  *merged_bytes = rc == SCHOLIA_DB_STEP_ROW ? scholia_db_statement_column_int64 (stmt, 1) : 0;
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
}

gboolean
scholia_store_set_remote_log (ScholiaStore    *self,
                              ScholiaSeminar  *seminar,
                              const char      *participant_uuid,
                              const char      *etag,
                              gint64           merged_bytes,
                              GError         **error)
{
  ScholiaDbStatement *stmt;
  gint64 participant_id;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (seminar != NULL && participant_uuid != NULL, FALSE);

  if (!scholia_db_begin (self->db, error))
    return FALSE;
  if (!_scholia_store_ensure_participant (self, seminar->id, participant_uuid, NULL, FALSE,
                                          &participant_id, error))
    goto failed;
  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO seminar_logs (seminar_id, participant_id, etag, merged_bytes)"
                                   " VALUES (?, ?, ?, ?) ON CONFLICT (seminar_id, participant_id)"
                                   " DO UPDATE SET etag = excluded.etag, merged_bytes = excluded.merged_bytes",
                                   error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_int64 (stmt, 1, seminar->id);
  scholia_db_statement_bind_int64 (stmt, 2, participant_id);
  scholia_db_statement_bind_text (stmt, 3, etag);
  scholia_db_statement_bind_int64 (stmt, 4, merged_bytes);
  if (!scholia_db_statement_execute (stmt, error) || !scholia_db_commit (self->db, error))
    goto failed;
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

gboolean
scholia_store_update_participant_colours (ScholiaStore    *self,
                                          ScholiaSeminar  *seminar,
                                          GError         **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (seminar != NULL, FALSE);

  if (!scholia_db_begin (self->db, error))
    return FALSE;
  if (!rank_participants (self, seminar->id, error) || !scholia_db_commit (self->db, error))
    {
      scholia_db_rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

gboolean
scholia_store_add_seminar_leader (ScholiaStore    *self,
                                  ScholiaSeminar  *seminar,
                                  const char      *uuid,
                                  const char      *name,
                                  GError         **error)
{
  gint64 id;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (seminar != NULL, FALSE);

  if (uuid == NULL || *uuid == '\0')
    return TRUE;
  if (!scholia_db_begin (self->db, error))
    return FALSE;
  if (!_scholia_store_ensure_participant (self, seminar->id, uuid, name, FALSE, &id, error) ||
      !scholia_db_commit (self->db, error))
    {
      scholia_db_rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

/* Casefolded names of the rows of @stmt's first column, added to @names. */
static gboolean
collect_names (ScholiaDbStatement  *stmt,
               GHashTable          *names,
               GError             **error)
{
  ScholiaDbStep rc;

  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    g_hash_table_add (names, g_utf8_casefold (scholia_db_statement_column_text (stmt, 0), -1));
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
}

/* The leader's records may carry any tag: theirs reach everyone through seminar.json. When the
 * library does not know who leads (options from before it kept that), nothing is refused
 * rather than the leader's tags lost. The leader's library has every tag of its own in
 * seminar.json, a participant's the "tags" of the options. */
gboolean
_scholia_store_seminar_allowed_tags (ScholiaStore    *self,
                                     ScholiaSeminar  *seminar,
                                     const char      *owner_uuid,
                                     GHashTable     **allowed,
                                     GError         **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *leader = NULL;
  gboolean restricted = FALSE;
  gboolean leading = FALSE;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  *allowed = NULL;
  stmt = scholia_db_get_statement (self->db,
                                   "SELECT s.role = 'leader',"
                                   " CASE WHEN s.role = 'leader' THEN p.uuid"
                                   "  ELSE coalesce (json_extract (s.options, '$.leader'), '') END,"
                                   " json_extract (s.options, '$.participants-add-tags') IS NOT 1"
                                   "  AND (s.role = 'leader' OR json_type (s.options, '$.tags') = 'array')"
                                   " FROM seminars s JOIN participants p ON p.id = s.participant_id"
                                   " WHERE s.id = ? AND json_valid (s.options)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, seminar->id);
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    {
      leading = scholia_db_statement_column_int (stmt, 0) != 0;
      leader = g_strdup (scholia_db_statement_column_text (stmt, 1));
      restricted = scholia_db_statement_column_int (stmt, 2) != 0;
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;
  if (!restricted || leader == NULL || *leader == '\0' || g_strcmp0 (owner_uuid, leader) == 0)
    return TRUE;

  stmt = scholia_db_get_statement (self->db,
                                   leading ? "SELECT name FROM tags WHERE ?1 = ?1"
                                           : "SELECT t.value FROM seminars s, json_each (s.options, '$.tags') t"
                                             " WHERE s.id = ?1 AND t.type = 'text'",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, seminar->id);
  if (!collect_names (stmt, names, error))
    return FALSE;
  *allowed = g_steal_pointer (&names);
  return TRUE;
}
