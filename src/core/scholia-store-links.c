/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Links between annotations (scholia-store-links.h): adding, removing, putting back, listing.
 * Deleting an annotation removes and sets aside its links in SQL (scholia-schema.c, version 8),
 * so nothing here follows annotations. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-store-links.h"
#include "scholia-passage-sql.h"
#include "scholia-store-private.h"

/* The schema version that made the table: a store opened at an older one (the tests of the
 * upgrades before it) has no links. */
#define LINKS_SCHEMA_VERSION 10

/* Both ends of each link with what shows them; ?1 is the one parameter of each filter. */
#define SELECT_LINKS \
  "SELECT l.id, l.uuid, l.type, l.created, l.modified," \
  "  s.id, s.uuid, " SCHOLIA_QUOTE_SQL ("s.") ", s.start_offset, s.end_offset, s.document_id, sd.title," \
  "  coalesce (sa.name, ''), coalesce (s.participant_id, 0)," \
  "  t.id, t.uuid, " SCHOLIA_QUOTE_SQL ("t.") ", t.start_offset, t.end_offset, t.document_id, td.title," \
  "  coalesce (ta.name, ''), coalesce (t.participant_id, 0)" \
  " FROM annotation_links l" \
  " JOIN annotations s ON s.id = l.source_id" \
  " JOIN documents sd ON sd.id = s.document_id LEFT JOIN authors sa ON sa.id = sd.author_id" \
  " JOIN annotations t ON t.id = l.target_id" \
  " JOIN documents td ON td.id = t.document_id LEFT JOIN authors ta ON ta.id = td.author_id"

static const char select_all_links[] = SELECT_LINKS " WHERE ?1 = 0 ORDER BY l.id";
static const char select_document_links[] =
  SELECT_LINKS " WHERE s.document_id = ?1 OR t.document_id = ?1 ORDER BY l.id";
static const char select_annotation_links[] =
  SELECT_LINKS " WHERE l.source_id = ?1 OR l.target_id = ?1 ORDER BY l.id";
static const char select_link[] = SELECT_LINKS " WHERE l.id = ?1";

static gboolean
has_links (ScholiaStore *self)
{
  return self->schema_version >= LINKS_SCHEMA_VERSION;
}

static void
emit_links_changed (ScholiaStore *self)
{
  g_signal_emit_by_name (self, "links-changed");
}

/* Reads the columns of SELECT_LINKS from @first on into one end of @link; returns the end's
 * participant (0: mine) for hide until posted. */
static gint64
read_end (ScholiaDbStatement *stmt,
          int                 first,
          ScholiaLink        *link,
          ScholiaLinkEnd      end)
{
  scholia_link_set_end (link, end,
                        scholia_db_statement_column_int64 (stmt, first),
                        scholia_db_statement_column_text (stmt, first + 1),
                        scholia_db_statement_column_text (stmt, first + 2),
                        scholia_db_statement_column_int (stmt, first + 3),
                        scholia_db_statement_column_int (stmt, first + 4),
                        scholia_db_statement_column_int64 (stmt, first + 5),
                        scholia_db_statement_column_text (stmt, first + 6),
                        scholia_db_statement_column_text (stmt, first + 7));
  return scholia_db_statement_column_int64 (stmt, first + 8);
}

static gboolean
is_end_hidden (GHashTable     *hidden,
               ScholiaLink    *link,
               ScholiaLinkEnd  end,
               gint64          participant_id)
{
  return _scholia_store_is_hidden (hidden, scholia_link_get_document_id (link, end), participant_id);
}

static GListStore *
load_links (ScholiaStore  *self,
            const char    *sql,
            gint64         parameter,
            GError       **error)
{
  g_autoptr(GListStore) links = g_list_store_new (SCHOLIA_TYPE_LINK);
  g_autoptr(GHashTable) hidden = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  if (!has_links (self))
    return g_steal_pointer (&links);

  hidden = _scholia_store_load_hidden_essays (self, 0, error);
  if (hidden == NULL)
    return NULL;

  stmt = scholia_db_get_statement (self->db, sql, error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, parameter);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      g_autoptr(ScholiaLink) link = scholia_link_new (scholia_db_statement_column_int64 (stmt, 0),
                                                      scholia_db_statement_column_text (stmt, 1),
                                                      scholia_db_statement_column_text (stmt, 2),
                                                      scholia_db_statement_column_int64 (stmt, 3),
                                                      scholia_db_statement_column_int64 (stmt, 4));
      gint64 source_participant = read_end (stmt, 5, link, SCHOLIA_LINK_END_SOURCE);
      gint64 target_participant = read_end (stmt, 14, link, SCHOLIA_LINK_END_TARGET);

      if (is_end_hidden (hidden, link, SCHOLIA_LINK_END_SOURCE, source_participant) ||
          is_end_hidden (hidden, link, SCHOLIA_LINK_END_TARGET, target_participant))
        continue;
      g_list_store_append (links, link);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&links);
}

ScholiaLink *
scholia_store_get_link (ScholiaStore  *self,
                        gint64         id,
                        GError       **error)
{
  g_autoptr(GListStore) links = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  links = load_links (self, select_link, id, error);
  if (links == NULL)
    return NULL;
  if (g_list_model_get_n_items (G_LIST_MODEL (links)) == 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   _("There is no link %lld in the library"), (long long) id);
      return NULL;
    }
  return g_list_model_get_item (G_LIST_MODEL (links), 0);
}

GListModel *
scholia_store_list_links (ScholiaStore  *self,
                          GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  return G_LIST_MODEL (load_links (self, select_all_links, 0, error));
}

GListModel *
scholia_store_list_document_links (ScholiaStore  *self,
                                   gint64         document_id,
                                   GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  return G_LIST_MODEL (load_links (self, select_document_links, document_id, error));
}

GListModel *
scholia_store_list_annotation_links (ScholiaStore  *self,
                                     gint64         annotation_id,
                                     GError       **error)
{
  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  return G_LIST_MODEL (load_links (self, select_annotation_links, annotation_id, error));
}

GStrv
scholia_store_list_link_types (ScholiaStore  *self,
                               GError       **error)
{
  g_autoptr(GStrvBuilder) types = g_strv_builder_new ();
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  if (!has_links (self))
    return g_strv_builder_end (types);

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT DISTINCT type FROM annotation_links ORDER BY type COLLATE NOCASE",
                                   error);
  if (stmt == NULL)
    return NULL;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      const char *type = scholia_db_statement_column_text (stmt, 0);

      if (!scholia_link_type_is_builtin (type))
        g_strv_builder_add (types, type);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_strv_builder_end (types);
}

static gboolean
check_has_links (ScholiaStore  *self,
                GError       **error)
{
  if (has_links (self))
    return TRUE;
  g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY,
                       _("This library is too old to hold links between passages"));
  return FALSE;
}

/* Fails with NOT_FOUND unless the annotation @id is in the library (and shown to me). */
static gboolean
check_annotation (ScholiaStore  *self,
                  gint64         id,
                  GError       **error)
{
  g_autofree char *uuid = NULL;
  gboolean hidden = FALSE;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  stmt = scholia_db_get_statement (self->db, "SELECT uuid FROM annotations WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, id);
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    uuid = g_strdup (scholia_db_statement_column_text (stmt, 0));
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR ||
      (uuid != NULL && !_scholia_store_is_annotation_hidden (self, uuid, &hidden, error)))
    return FALSE;
  if (uuid != NULL && !hidden)
    return TRUE;

  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
               _("There is no annotation %lld in the library"), (long long) id);
  return FALSE;
}

/* Fails with EXISTS when @source_id is linked to @target_id with @type already, or, for a type
 * that reads the same both ways, the other way round. */
static gboolean
check_not_linked (ScholiaStore  *self,
                  gint64         source_id,
                  gint64         target_id,
                  const char    *type,
                  GError       **error)
{
  g_autofree char *label = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT 1 FROM annotation_links WHERE type = ?3 AND"
                                   " ((source_id = ?1 AND target_id = ?2) OR (?4 AND source_id = ?2 AND target_id = ?1))",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, source_id);
  scholia_db_statement_bind_int64 (stmt, 2, target_id);
  scholia_db_statement_bind_text (stmt, 3, type);
  scholia_db_statement_bind_int64 (stmt, 4, scholia_link_type_is_symmetric (type));
  rc = scholia_db_statement_step (stmt, error);
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;
  if (rc == SCHOLIA_DB_STEP_DONE)
    return TRUE;

  label = scholia_link_type_get_label (type);
  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS,
               _("These two passages are already linked as “%s”"), label);
  return FALSE;
}

static gboolean
insert_link (ScholiaStore  *self,
             gint64         id,
             const char    *uuid,
             gint64         source_id,
             gint64         target_id,
             const char    *type,
             gint64         created,
             gint64         modified,
             gint64        *inserted_id,
             GError       **error)
{
  ScholiaDbStatement *stmt;

  if (!check_annotation (self, source_id, error) ||
      !check_annotation (self, target_id, error) ||
      !check_not_linked (self, source_id, target_id, type, error) ||
      !scholia_db_begin (self->db, error))
    return FALSE;

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO annotation_links (id, uuid, source_id, target_id, type, created, modified)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   error);
  if (stmt == NULL)
    goto failed;
  if (id > 0)
    scholia_db_statement_bind_int64 (stmt, 1, id);
  else
    scholia_db_statement_bind_null (stmt, 1);
  scholia_db_statement_bind_text (stmt, 2, uuid);
  scholia_db_statement_bind_int64 (stmt, 3, source_id);
  scholia_db_statement_bind_int64 (stmt, 4, target_id);
  scholia_db_statement_bind_text (stmt, 5, type);
  scholia_db_statement_bind_int64 (stmt, 6, created);
  scholia_db_statement_bind_int64 (stmt, 7, modified);
  if (!scholia_db_statement_execute (stmt, error))
    goto failed;
  *inserted_id = scholia_db_last_insert_id (self->db);
  if (!scholia_db_commit (self->db, error))
    goto failed;
  emit_links_changed (self);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

ScholiaLink *
scholia_store_add_link (ScholiaStore  *self,
                        gint64         source_id,
                        gint64         target_id,
                        const char    *type,
                        GError       **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 now = _scholia_store_now ();
  gint64 id = 0;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  if (!check_has_links (self, error))
    return NULL;
  if (source_id == target_id)
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                           _("A passage cannot be linked to itself: choose another passage"));
      return NULL;
    }
  normalized = scholia_link_type_normalize (type, error);
  if (normalized == NULL ||
      !insert_link (self, 0, uuid, source_id, target_id, normalized, now, now, &id, error))
    return NULL;
  return scholia_store_get_link (self, id, error);
}

gboolean
scholia_store_restore_link (ScholiaStore  *self,
                            ScholiaLink   *link,
                            GError       **error)
{
  gint64 id = 0;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LINK (link), FALSE);

  return check_has_links (self, error) &&
         insert_link (self, scholia_link_get_id (link), scholia_link_get_uuid (link),
                      scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_SOURCE),
                      scholia_link_get_annotation_id (link, SCHOLIA_LINK_END_TARGET),
                      scholia_link_get_link_type (link),
                      scholia_link_get_created (link), scholia_link_get_modified (link), &id, error);
}

gboolean
scholia_store_remove_link (ScholiaStore  *self,
                           ScholiaLink   *link,
                           GError       **error)
{
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_LINK (link), FALSE);

  if (!check_has_links (self, error) || !scholia_db_begin (self->db, error))
    return FALSE;
  stmt = scholia_db_get_statement (self->db, "DELETE FROM annotation_links WHERE uuid = ?", error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_text (stmt, 1, scholia_link_get_uuid (link));
  if (!scholia_db_statement_execute (stmt, error))
    goto failed;
  if (scholia_db_changes (self->db) == 0)
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                           _("The link is no longer in the library"));
      goto failed;
    }
  if (!scholia_db_commit (self->db, error))
    goto failed;
  emit_links_changed (self);
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

/* The annotation @uuid's id, 0 when there is none; -1 on error. */
static gint64
annotation_id_of (ScholiaStore  *self,
                  const char    *uuid,
                  GError       **error)
{
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;
  gint64 id = 0;

  if (uuid == NULL)
    return 0;
  stmt = scholia_db_get_statement (self->db, "SELECT id FROM annotations WHERE uuid_key = scholia_uuid_key(?)", error);
  if (stmt == NULL)
    return -1;
  scholia_db_statement_bind_text (stmt, 1, uuid);
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    id = scholia_db_statement_column_int64 (stmt, 0);
  scholia_db_statement_reset (stmt);
  return rc == SCHOLIA_DB_STEP_ERROR ? -1 : id;
}

static gboolean
link_uuid_taken (ScholiaStore  *self,
                 const char    *uuid,
                 gboolean      *taken,
                 GError       **error)
{
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  *taken = FALSE;
  if (uuid == NULL)
    return TRUE;
  stmt = scholia_db_get_statement (self->db, "SELECT 1 FROM annotation_links WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, uuid);
  rc = scholia_db_statement_step (stmt, error);
  scholia_db_statement_reset (stmt);
  *taken = rc == SCHOLIA_DB_STEP_ROW;
  return rc != SCHOLIA_DB_STEP_ERROR;
}

/* One record, inside the caller's transaction. FALSE only when the library failed. */
static gboolean
import_one (ScholiaStore             *self,
            const ScholiaLinkRecord  *record,
            ScholiaLinkImportResult  *result,
            GError                  **error)
{
  g_autoptr(GError) refused = NULL;
  g_autofree char *type = scholia_link_type_normalize (record->type, NULL);
  g_autofree char *fresh = NULL;
  gint64 source_id, target_id;
  gint64 created = record->created > 0 ? record->created : _scholia_store_now ();
  gboolean taken;
  ScholiaDbStatement *stmt;

  if ((source_id = annotation_id_of (self, record->source_uuid, error)) < 0 ||
      (target_id = annotation_id_of (self, record->target_uuid, error)) < 0 ||
      !link_uuid_taken (self, record->uuid, &taken, error))
    return FALSE;
  if (source_id == 0 || target_id == 0)
    {
      *result = SCHOLIA_LINK_IMPORT_MISSING;
      return TRUE;
    }
  if (type == NULL || source_id == target_id)
    {
      *result = SCHOLIA_LINK_IMPORT_INVALID;
      return TRUE;
    }
  if (!check_not_linked (self, source_id, target_id, type, &refused))
    {
      if (!g_error_matches (refused, SCHOLIA_ERROR, SCHOLIA_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&refused));
          return FALSE;
        }
      *result = SCHOLIA_LINK_IMPORT_PRESENT;
      return TRUE;
    }
  if (taken)
    {
      /* The same uuid on other ends or another type: the file's link changed since, or another
       * tool reused the id. It is added as a link of its own. */
      fresh = g_uuid_string_random ();
    }

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO annotation_links (uuid, source_id, target_id, type, created, modified)"
                                   " VALUES (?, ?, ?, ?, ?, ?)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  if (fresh == NULL && record->uuid == NULL)
    fresh = g_uuid_string_random ();
  scholia_db_statement_bind_text (stmt, 1, fresh != NULL ? fresh : record->uuid);
  scholia_db_statement_bind_int64 (stmt, 2, source_id);
  scholia_db_statement_bind_int64 (stmt, 3, target_id);
  scholia_db_statement_bind_text (stmt, 4, type);
  scholia_db_statement_bind_int64 (stmt, 5, created);
  scholia_db_statement_bind_int64 (stmt, 6, MAX (created, record->modified));
  if (!scholia_db_statement_execute (stmt, error))
    return FALSE;
  *result = SCHOLIA_LINK_IMPORT_ADDED;
  return TRUE;
}

gboolean
scholia_store_import_links (ScholiaStore             *self,
                            const ScholiaLinkRecord  *records,
                            guint                     n_records,
                            ScholiaLinkImportResult  *results,
                            GError                  **error)
{
  gboolean added = FALSE;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);
  g_return_val_if_fail (results != NULL || n_records == 0, FALSE);

  if (n_records == 0)
    return TRUE;
  if (!check_has_links (self, error) || !scholia_db_begin (self->db, error))
    return FALSE;
  for (guint i = 0; i < n_records; i++)
    {
      if (!import_one (self, &records[i], &results[i], error))
        {
          scholia_db_rollback (self->db);
          return FALSE;
        }
      added |= results[i] == SCHOLIA_LINK_IMPORT_ADDED;
    }
  if (!scholia_db_commit (self->db, error))
    return FALSE;
  if (added)
    emit_links_changed (self);
  return TRUE;
}
