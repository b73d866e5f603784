/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-passage-sql.h"
#include "scholia-store-private.h"
#include "scholia-text-check.h"

/* How much text on each side of a quote is kept to re-anchor it when the text changes. */
#define CONTEXT_LENGTH 32

static int
compare_annotations (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  ScholiaAnnotation *left = (ScholiaAnnotation *) a;
  ScholiaAnnotation *right = (ScholiaAnnotation *) b;
  int diff;

  diff = scholia_annotation_get_start (left) - scholia_annotation_get_start (right);
  if (diff == 0)
    diff = scholia_annotation_get_end (left) - scholia_annotation_get_end (right);
  if (diff == 0)
    diff = (scholia_annotation_get_id (left) > scholia_annotation_get_id (right)) -
           (scholia_annotation_get_id (left) < scholia_annotation_get_id (right));
  return diff;
}

static char *
cut (ScholiaStore *self,
     int           start,
     int           end)
{
  const char *from = _scholia_store_text_pointer (self, start);
  const char *to = _scholia_store_text_pointer (self, end);

  return g_strndup (from, to - from);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
insert_links (ScholiaStore  *self,
              const char    *sql,
              gint64         annotation_id,
              const gint64  *ids,
              guint          n_ids,
              GError       **error)
{
  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaDbStatement *stmt = scholia_db_get_statement (self->db, sql, error);

      if (stmt == NULL)
        return FALSE;
      scholia_db_statement_bind_int64 (stmt, 1, annotation_id);
      scholia_db_statement_bind_int64 (stmt, 2, ids[i]);
      scholia_db_statement_bind_int64 (stmt, 3, i);
      if (!scholia_db_statement_execute (stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Seminars (issue 14): participants may add tags only when the leader allows it. In a seminar
 * where I am a participant and "participants-add-tags" is off, a tag that is not one of its tags
 * (the "tags" names of the options) may not go on an essay of the seminar; @kept_ids (those an
 * annotation carries already) are not checked again. The leader's library, and essays in no
 * seminar, take any tag; creating the tag in the library stays allowed. */
static gboolean
check_seminar_tags (ScholiaStore  *self,
                    gint64         document_id,
                    const gint64  *tag_ids,
                    guint          n_tag_ids,
                    const gint64  *kept_ids,
                    guint          n_kept_ids,
                    GError       **error)
{
  /* A library from before seminars (kept at its version by a test) has none. */
  if (self->schema_version < 5)
    return TRUE;
  for (guint i = 0; i < n_tag_ids; i++)
    {
      g_autofree char *seminar = NULL;
      g_autofree char *tag = NULL;
      ScholiaDbStatement *stmt;
      ScholiaDbStep rc;
      gboolean kept = FALSE;

      for (guint k = 0; k < n_kept_ids && !kept; k++)
        kept = kept_ids[k] == tag_ids[i];
      if (kept)
        continue;
      stmt = scholia_db_get_statement (self->db,
                                       "SELECT s.name, g.name FROM tags g, seminar_essays e"
                                       " JOIN seminars s ON s.id = e.seminar_id"
                                       " WHERE g.id = ?2 AND e.document_id = ?1 AND s.role = 'participant'"
                                       " AND json_valid (s.options)"
                                       " AND json_extract (s.options, '$.participants-add-tags') IS NOT 1"
                                       " AND json_type (s.options, '$.tags') = 'array'"
                                       " AND NOT EXISTS (SELECT 1 FROM json_each (s.options, '$.tags') t"
                                       "  WHERE t.value = g.name COLLATE NOCASE)"
                                       " ORDER BY s.name LIMIT 1",
                                       error);
      if (stmt == NULL)
        return FALSE;
      scholia_db_statement_bind_int64 (stmt, 1, document_id);
      scholia_db_statement_bind_int64 (stmt, 2, tag_ids[i]);
      rc = scholia_db_statement_step (stmt, error);
      if (rc == SCHOLIA_DB_STEP_ROW)
        {
          seminar = g_strdup (scholia_db_statement_column_text (stmt, 0));
          tag = g_strdup (scholia_db_statement_column_text (stmt, 1));
        }
      scholia_db_statement_reset (stmt);
      if (rc == SCHOLIA_DB_STEP_ERROR)
        return FALSE;
      if (seminar != NULL)
        {
          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY,
                       _("The seminar “%s” does not let participants add tags: “%s” is not one of its tags"),
                       seminar, tag);
          return FALSE;
        }
    }
  return TRUE;
}

/* The tags @annotation does not carry yet must be its seminar's, when that is the rule. */
static gboolean
check_new_seminar_tags (ScholiaStore       *self,
                        ScholiaAnnotation  *annotation,
                        const gint64       *tag_ids,
                        guint               n_tag_ids,
                        GError            **error)
{
  guint n_kept;
  const gint64 *kept = scholia_annotation_get_tag_ids (annotation, &n_kept);

  return check_seminar_tags (self, scholia_annotation_get_document_id (annotation), tag_ids, n_tag_ids, kept,
                             n_kept, error);
}

static gboolean
check_labels (ScholiaStore  *self,
              const gint64  *tag_ids,
              guint          n_tag_ids,
              const gint64  *theme_ids,
              guint          n_theme_ids,
              GError       **error)
{
  for (guint i = 0; i < n_tag_ids; i++)
    if (scholia_store_lookup_label (self, SCHOLIA_TYPE_TAG, tag_ids[i]) == NULL)
      {
        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                     _("No tag has the id %lld"), (long long) tag_ids[i]);
        return FALSE;
      }

  for (guint i = 0; i < n_theme_ids; i++)
    if (scholia_store_lookup_label (self, SCHOLIA_TYPE_THEME, theme_ids[i]) == NULL)
      {
        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                     _("No theme has the id %lld"), (long long) theme_ids[i]);
        return FALSE;
      }

  return TRUE;
}

/* Seminars (issue 14): an annotation another participant wrote is theirs alone to change; the
 * merge of their log is the only way it changes here. */
static gboolean
check_may_change (ScholiaStore       *self,
                  ScholiaAnnotation  *annotation,
                  gboolean            deleting,
                  GError            **error)
{
  g_autofree char *name = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  stmt = scholia_db_get_statement (self->db,
                                   "SELECT p.name FROM annotations a JOIN participants p ON p.id = a.participant_id"
                                   " WHERE a.id = ? AND p.me = 0",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, scholia_annotation_get_id (annotation));
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    name = g_strdup (scholia_db_statement_column_text (stmt, 0));
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;
  if (name == NULL)
    return TRUE;

  if (*name == '\0')
    name = g_strdup (_("another participant"));
  g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY,
               /* Translators: %s is a seminar participant’s name */
               deleting ? _("Only %s can delete this annotation: it is theirs in the seminar")
                        : _("Only %s can change this annotation: it is theirs in the seminar"),
               name);
  return FALSE;
}

static void
adjust_annotation_count (ScholiaStore *self,
                         gint64        document_id,
                         int           delta)
{
  ScholiaDocument *document = scholia_store_lookup_document (self, document_id);

  if (document != NULL)
    scholia_document_set_annotation_count (document,
                                           scholia_document_get_annotation_count (document) + delta);
}

static void
list_insert (ScholiaStore      *self,
             ScholiaAnnotation *annotation)
{
  gint64 document_id = scholia_annotation_get_document_id (annotation);
  GListStore *list = g_hash_table_lookup (self->live_lists, &document_id);

  if (list != NULL)
    g_list_store_insert_sorted (list, annotation, compare_annotations, NULL);
}

static void
list_remove (ScholiaStore      *self,
             ScholiaAnnotation *annotation)
{
  gint64 document_id = scholia_annotation_get_document_id (annotation);
  GListStore *list = g_hash_table_lookup (self->live_lists, &document_id);
  guint position;

  if (list != NULL && g_list_store_find (list, annotation, &position))
    g_list_store_remove (list, position);
}

/* Hide until posted: my first annotation on an essay shows me the others', and deleting my last
 * one hides them again, so the essay's list is read again after a change to mine there. The
 * rows are committed: a list that cannot be read again is only stale until reopened. */
static void
follow_visibility (ScholiaStore *self,
                   gint64        document_id)
{
  g_autoptr(GError) error = NULL;

  if (_scholia_store_may_hide (self, document_id) &&
      !_scholia_store_reload_annotations (self, document_id, &error))
    g_warning ("Could not show the seminar's annotations: %s", error->message);
}

ScholiaAnnotation *
scholia_store_add_annotation (ScholiaStore     *self,
                              ScholiaDocument  *document,
                              int               start,
                              int               end,
                              const gint64     *tag_ids,
                              guint             n_tag_ids,
                              const gint64     *theme_ids,
                              guint             n_theme_ids,
                              const char       *note,
                              GError          **error)
{
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *clean_note = NULL;
  gint64 characters;
  gint64 document_id;
  gint64 now = _scholia_store_now ();
  ScholiaDbStatement *stmt;
  gint64 id;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  if (note != NULL && (clean_note = scholia_text_check_note (note, error)) == NULL)
    return NULL;
  note = clean_note;

  characters = scholia_document_get_characters (document);
  document_id = scholia_document_get_id (document);
  if (start < 0 || end <= start || end > characters)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   /* Translators: a span's start and end offsets in characters, the essay's title
                    * and its length. */
                   g_dngettext (GETTEXT_PACKAGE, "The span %d–%d does not lie within “%s”, which has %lld character",
                                "The span %d–%d does not lie within “%s”, which has %lld characters", characters),
                   start, end, scholia_document_get_title (document), (long long) characters);
      return NULL;
    }

  if (!check_labels (self, tag_ids, n_tag_ids, theme_ids, n_theme_ids, error) ||
      !check_seminar_tags (self, document_id, tag_ids, n_tag_ids, NULL, 0, error))
    return NULL;

  if (_scholia_store_get_cached_text (self, document, error) == NULL)
    return NULL;

  quote = cut (self, start, end);
  if (is_blank (quote))
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                           _("Only white space is selected: select some text to annotate"));
      return NULL;
    }
  prefix = cut (self, MAX (0, start - CONTEXT_LENGTH), start);
  suffix = cut (self, end, MIN (characters, end + CONTEXT_LENGTH));

  if (!scholia_db_begin (self->db, error))
    return NULL;

  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO annotations (uuid_key, document_id, start_offset, end_offset,"
                                   " quote, prefix, suffix, note, created, modified)"
                                   " VALUES (scholia_uuid_key(?1), ?2, ?3, ?4,"
                                   " " SCHOLIA_STORED_PASSAGE_SQL ("0", "?5", "?2", "?3", "?4") ","
                                   " " SCHOLIA_STORED_PASSAGE_SQL ("1", "?6", "?2", "?3", "?4") ","
                                   " " SCHOLIA_STORED_PASSAGE_SQL ("2", "?7", "?2", "?3", "?4") ","
                                   " ?8, ?9, ?10)",
                                   error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_text (stmt, 1, uuid);
  scholia_db_statement_bind_int64 (stmt, 2, document_id);
  scholia_db_statement_bind_int64 (stmt, 3, start);
  scholia_db_statement_bind_int64 (stmt, 4, end);
  scholia_db_statement_bind_text (stmt, 5, quote);
  scholia_db_statement_bind_text (stmt, 6, prefix);
  scholia_db_statement_bind_text (stmt, 7, suffix);
  scholia_db_statement_bind_text (stmt, 8, note);
  scholia_db_statement_bind_int64 (stmt, 9, now);
  scholia_db_statement_bind_int64 (stmt, 10, now);
  if (!scholia_db_statement_execute (stmt, error))
    goto failed;
  id = scholia_db_last_insert_id (self->db);

  if (!insert_links (self, "INSERT INTO annotation_tags (annotation_id, tag_id, position) VALUES (?, ?, ?)",
                     id, tag_ids, n_tag_ids, error) ||
      !insert_links (self, "INSERT INTO annotation_themes (annotation_id, theme_id, position) VALUES (?, ?, ?)",
                     id, theme_ids, n_theme_ids, error) ||
      !scholia_db_commit (self->db, error))
    goto failed;

  annotation = scholia_annotation_new (id, uuid, document_id);
  scholia_annotation_set_range (annotation, start, end);
  scholia_annotation_set_context (annotation, quote, prefix, suffix);
  scholia_annotation_set_note (annotation, note);
  scholia_annotation_set_tag_ids (annotation, tag_ids, n_tag_ids);
  scholia_annotation_set_theme_ids (annotation, theme_ids, n_theme_ids);
  scholia_annotation_set_created (annotation, now);
  scholia_annotation_set_modified (annotation, now);
  _scholia_store_remember_annotation (self, annotation);
  list_insert (self, annotation);
  adjust_annotation_count (self, document_id, 1);
  follow_visibility (self, document_id);
  _scholia_store_emit_annotations_changed (self, document_id);

  return g_steal_pointer (&annotation);

failed:
  scholia_db_rollback (self->db);
  return NULL;
}

/* annotation id → GArray of label ids, in the order they were added, for the annotations @stmt
 * (bound) selects, as (annotation id, label id) rows. */
static GHashTable *
step_links (ScholiaDbStatement  *stmt,
            GError             **error)
{
  g_autoptr(GHashTable) links = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  ScholiaDbStep rc;

  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 annotation_id = scholia_db_statement_column_int64 (stmt, 0);
      gint64 label_id = scholia_db_statement_column_int64 (stmt, 1);
      GArray *ids = g_hash_table_lookup (links, &annotation_id);

      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (links, g_memdup2 (&annotation_id, sizeof annotation_id), ids);
        }
      g_array_append_val (ids, label_id);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&links);
}

/* The links of the annotations a query with one parameter (a document or a theme) selects. */
static GHashTable *
load_links (ScholiaStore  *self,
            const char    *sql,
            gint64         document_id,
            GError       **error)
{
  ScholiaDbStatement *stmt = scholia_db_get_statement (self->db, sql, error);

  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, document_id);
  return step_links (stmt, error);
}

/* The links of the annotations whose ids the JSON array @ids_json holds. */
static GHashTable *
load_links_by_id (ScholiaStore  *self,
                  const char    *sql,
                  const char    *ids_json,
                  GError       **error)
{
  ScholiaDbStatement *stmt = scholia_db_get_statement (self->db, sql, error);

  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_text (stmt, 1, ids_json);
  return step_links (stmt, error);
}

static void
apply_links (ScholiaAnnotation *annotation,
             GHashTable        *tags,
             GHashTable        *themes)
{
  gint64 id = scholia_annotation_get_id (annotation);
  GArray *tag_ids = g_hash_table_lookup (tags, &id);
  GArray *theme_ids = g_hash_table_lookup (themes, &id);

  scholia_annotation_set_tag_ids (annotation, tag_ids != NULL ? (gint64 *) tag_ids->data : NULL,
                                  tag_ids != NULL ? tag_ids->len : 0);
  scholia_annotation_set_theme_ids (annotation, theme_ids != NULL ? (gint64 *) theme_ids->data : NULL,
                                    theme_ids != NULL ? theme_ids->len : 0);
}

#define ANNOTATION_COLUMNS \
  "SELECT id, uuid, start_offset, end_offset, " SCHOLIA_QUOTE_SQL ("") ", " SCHOLIA_PREFIX_SQL ("") "," \
  " " SCHOLIA_SUFFIX_SQL ("") ", note, orphaned, created," \
  " modified, unplaced_reason, unplaced_source, participant_id, document_id FROM annotations"
#define SELECT_ANNOTATIONS \
  ANNOTATION_COLUMNS " WHERE document_id = ? ORDER BY start_offset, end_offset, id"
#define SELECT_ANNOTATIONS_BY_ID \
  ANNOTATION_COLUMNS " WHERE id IN (SELECT value FROM json_each(?))"
#define SELECT_TAG_LINKS_BY_ID \
  "SELECT annotation_id, tag_id FROM annotation_tags" \
  " WHERE annotation_id IN (SELECT value FROM json_each(?)) ORDER BY annotation_id, position"
#define SELECT_THEME_LINKS_BY_ID \
  "SELECT annotation_id, theme_id FROM annotation_themes" \
  " WHERE annotation_id IN (SELECT value FROM json_each(?)) ORDER BY annotation_id, position"
#define SELECT_TAG_LINKS \
  "SELECT l.annotation_id, l.tag_id FROM annotation_tags l" \
  " JOIN annotations a ON a.id = l.annotation_id" \
  " WHERE a.document_id = ? ORDER BY l.annotation_id, l.position"
#define SELECT_THEME_LINKS \
  "SELECT l.annotation_id, l.theme_id FROM annotation_themes l" \
  " JOIN annotations a ON a.id = l.annotation_id" \
  " WHERE a.document_id = ? ORDER BY l.annotation_id, l.position"

/* An annotation takes a row of SELECT_ANNOTATIONS; its setters notify only what changed. */
static void
fill_annotation (ScholiaAnnotation  *annotation,
                 ScholiaDbStatement *stmt,
                 GHashTable         *tags,
                 GHashTable         *themes)
{
  scholia_annotation_set_range (annotation, scholia_db_statement_column_int (stmt, 2),
                                scholia_db_statement_column_int (stmt, 3));
  scholia_annotation_set_context (annotation, scholia_db_statement_column_text (stmt, 4),
                                  scholia_db_statement_column_text (stmt, 5),
                                  scholia_db_statement_column_text (stmt, 6));
  scholia_annotation_set_note (annotation, scholia_db_statement_column_text (stmt, 7));
  scholia_annotation_set_orphaned (annotation, scholia_db_statement_column_int (stmt, 8) != 0);
  scholia_annotation_set_unplaced_reason (annotation,
                                          scholia_unplaced_reason_from_code (scholia_db_statement_column_text (stmt, 11)),
                                          scholia_db_statement_column_text (stmt, 12));
  scholia_annotation_set_created (annotation, scholia_db_statement_column_int64 (stmt, 9));
  scholia_annotation_set_modified (annotation, scholia_db_statement_column_int64 (stmt, 10));
  scholia_annotation_set_participant_id (annotation, scholia_db_statement_column_int64 (stmt, 13));
  apply_links (annotation, tags, themes);
}

/* Returns the document's annotations in text order. The list is shared and kept current by the
 * store while anyone holds it. */
GListModel *
scholia_store_list_annotations (ScholiaStore     *self,
                                ScholiaDocument  *document,
                                GError          **error)
{
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GHashTable) tags = NULL;
  g_autoptr(GHashTable) themes = NULL;
  g_autoptr(GHashTable) hidden = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  ScholiaDbStatement *stmt;
  gint64 document_id;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  document_id = scholia_document_get_id (document);
  list = g_hash_table_lookup (self->live_lists, &document_id);
  if (list != NULL)
    return G_LIST_MODEL (g_object_ref (g_steal_pointer (&list)));

  tags = load_links (self, SELECT_TAG_LINKS, document_id, error);
  if (tags == NULL)
    return NULL;
  themes = load_links (self, SELECT_THEME_LINKS, document_id, error);
  if (themes == NULL)
    return NULL;
  hidden = _scholia_store_load_hidden_essays (self, document_id, error);
  if (hidden == NULL)
    return NULL;

  stmt = scholia_db_get_statement (self->db, SELECT_ANNOTATIONS, error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, document_id);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 id = scholia_db_statement_column_int64 (stmt, 0);
      ScholiaAnnotation *annotation = g_hash_table_lookup (self->live_annotations, &id);

      if (_scholia_store_is_hidden (hidden, document_id, scholia_db_statement_column_int64 (stmt, 13)))
        continue;
      if (annotation != NULL)
        {
          g_ptr_array_add (loaded, g_object_ref (annotation));
          continue;
        }

      annotation = scholia_annotation_new (id, scholia_db_statement_column_text (stmt, 1), document_id);
      fill_annotation (annotation, stmt, tags, themes);
      _scholia_store_remember_annotation (self, annotation);
      g_ptr_array_add (loaded, annotation);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;

  list = g_list_store_new (SCHOLIA_TYPE_ANNOTATION);
  g_list_store_splice (list, 0, 0, loaded->pdata, loaded->len);
  _scholia_store_remember_list (self, document_id, list);

  return G_LIST_MODEL (g_steal_pointer (&list));
}

GPtrArray *
scholia_store_get_annotations (ScholiaStore  *self,
                               const gint64  *ids,
                               guint          n_ids,
                               GError       **error)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_full (n_ids, g_object_unref);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr(GArray) unread = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) tags = NULL;
  g_autoptr(GHashTable) themes = NULL;
  g_autoptr(GHashTable) hidden = NULL;
  g_autofree char *unread_json = NULL;
  ScholiaDbStatement *stmt = NULL;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  /* An annotation someone holds is kept current by the store: only the others are read. */
  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaAnnotation *annotation = g_hash_table_lookup (self->live_annotations, &ids[i]);

      if (annotation != NULL)
        g_hash_table_replace (found, g_memdup2 (&ids[i], sizeof ids[i]), g_object_ref (annotation));
      else
        g_array_append_val (unread, ids[i]);
    }

  if (unread->len > 0)
    {
      unread_json = _scholia_store_ids_to_json ((const gint64 *) unread->data, unread->len);
      if ((tags = load_links_by_id (self, SELECT_TAG_LINKS_BY_ID, unread_json, error)) == NULL ||
          (themes = load_links_by_id (self, SELECT_THEME_LINKS_BY_ID, unread_json, error)) == NULL ||
          (hidden = _scholia_store_load_hidden_essays (self, 0, error)) == NULL ||
          (stmt = scholia_db_get_statement (self->db, SELECT_ANNOTATIONS_BY_ID, error)) == NULL)
        return NULL;
      scholia_db_statement_bind_text (stmt, 1, unread_json);
      while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
        {
          gint64 id = scholia_db_statement_column_int64 (stmt, 0);
          gint64 document_id = scholia_db_statement_column_int64 (stmt, 14);
          ScholiaAnnotation *annotation;

          if (_scholia_store_is_hidden (hidden, document_id, scholia_db_statement_column_int64 (stmt, 13)))
            continue;
          annotation = scholia_annotation_new (id, scholia_db_statement_column_text (stmt, 1), document_id);
          fill_annotation (annotation, stmt, tags, themes);
          _scholia_store_remember_annotation (self, annotation);
          g_hash_table_replace (found, g_memdup2 (&id, sizeof id), annotation);
        }
      scholia_db_statement_reset (stmt);
      if (rc == SCHOLIA_DB_STEP_ERROR)
        return NULL;
    }

  for (guint i = 0; i < n_ids; i++)
    {
      ScholiaAnnotation *annotation = g_hash_table_lookup (found, &ids[i]);

      if (annotation != NULL)
        g_ptr_array_add (annotations, g_object_ref (annotation));
    }
  return g_steal_pointer (&annotations);
}

static gboolean
has_live_annotation_on (ScholiaStore *self,
                        gint64        document_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live_annotations);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (scholia_annotation_get_document_id (value) == document_id)
      return TRUE;
  return FALSE;
}

/* After changes written beneath the annotation calls (a seminar log's merge): what anyone holds
 * of the document, its live annotations and its list, takes the rows as they now are, and its
 * annotation count follows. Call after the commit. */
gboolean
_scholia_store_reload_annotations (ScholiaStore  *self,
                                   gint64         document_id,
                                   GError       **error)
{
  GListStore *list = g_hash_table_lookup (self->live_lists, &document_id);
  ScholiaDocument *document = scholia_store_lookup_document (self, document_id);
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) tags = NULL;
  g_autoptr(GHashTable) themes = NULL;
  g_autoptr(GHashTable) hidden = _scholia_store_load_hidden_essays (self, document_id, error);
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;
  gint64 count = 0;

  if (hidden == NULL)
    return FALSE;
  if (list == NULL && !has_live_annotation_on (self, document_id))
    {
      if (!_scholia_store_count_visible (self, document_id, hidden, &count, error))
        return FALSE;
      if (document != NULL)
        scholia_document_set_annotation_count (document, (guint) count);
      return TRUE;
    }

  tags = load_links (self, SELECT_TAG_LINKS, document_id, error);
  themes = tags != NULL ? load_links (self, SELECT_THEME_LINKS, document_id, error) : NULL;
  stmt = themes != NULL ? scholia_db_get_statement (self->db, SELECT_ANNOTATIONS, error) : NULL;
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, document_id);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 id = scholia_db_statement_column_int64 (stmt, 0);
      ScholiaAnnotation *annotation = g_hash_table_lookup (self->live_annotations, &id);

      if (_scholia_store_is_hidden (hidden, document_id, scholia_db_statement_column_int64 (stmt, 13)))
        continue;
      count++;
      if (annotation == NULL && list == NULL)
        continue;
      if (annotation == NULL)
        {
          annotation = scholia_annotation_new (id, scholia_db_statement_column_text (stmt, 1), document_id);
          _scholia_store_remember_annotation (self, annotation);
        }
      else
        g_object_ref (annotation);
      fill_annotation (annotation, stmt, tags, themes);
      g_ptr_array_add (loaded, annotation);
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;

  if (list != NULL)
    g_list_store_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), loaded->pdata, loaded->len);
  if (document != NULL)
    scholia_document_set_annotation_count (document, (guint) count);
  return TRUE;
}

/* One annotation by id, wherever it is: the live object if anyone holds it, else loaded with
 * the rest of its document's annotations. */
ScholiaAnnotation *
scholia_store_get_annotation (ScholiaStore  *self,
                              gint64         id,
                              GError       **error)
{
  g_autoptr(GListModel) list = NULL;
  ScholiaAnnotation *annotation;
  ScholiaDocument *document = NULL;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);

  annotation = g_hash_table_lookup (self->live_annotations, &id);
  if (annotation != NULL)
    return g_object_ref (annotation);

  stmt = scholia_db_get_statement (self->db, "SELECT document_id FROM annotations WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_int64 (stmt, 1, id);
  rc = scholia_db_statement_step (stmt, error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    document = scholia_store_lookup_document (self, scholia_db_statement_column_int64 (stmt, 0));
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;

  if (document == NULL)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   _("No annotation has the id %lld"), (long long) id);
      return NULL;
    }

  list = scholia_store_list_annotations (self, document, error);
  if (list == NULL)
    return NULL;
  /* Not in the list: hidden from me until I annotate the essay (hide until posted). */
  annotation = g_hash_table_lookup (self->live_annotations, &id);
  if (annotation == NULL)
    g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                 _("No annotation has the id %lld"), (long long) id);
  return annotation != NULL ? g_object_ref (annotation) : NULL;
}

static gboolean
touch_annotation (ScholiaStore      *self,
                  ScholiaAnnotation *annotation,
                  gint64             now,
                  GError           **error)
{
  ScholiaDbStatement *stmt = scholia_db_get_statement (self->db, "UPDATE annotations SET modified = ? WHERE id = ?",
                                                       error);

  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, now);
  scholia_db_statement_bind_int64 (stmt, 2, scholia_annotation_get_id (annotation));
  return scholia_db_statement_execute (stmt, error);
}

gboolean
scholia_store_set_annotation_note (ScholiaStore       *self,
                                   ScholiaAnnotation  *annotation,
                                   const char         *note,
                                   GError            **error)
{
  g_autofree char *clean_note = NULL;
  ScholiaDbStatement *stmt;
  gint64 now = _scholia_store_now ();

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);

  if (note != NULL && (clean_note = scholia_text_check_note (note, error)) == NULL)
    return FALSE;
  note = clean_note;

  if (!check_may_change (self, annotation, FALSE, error) || !scholia_db_begin (self->db, error))
    return FALSE;
  stmt = scholia_db_get_statement (self->db, "UPDATE annotations SET note = ?, modified = ? WHERE id = ?",
                                   error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_text (stmt, 1, note);
  scholia_db_statement_bind_int64 (stmt, 2, now);
  scholia_db_statement_bind_int64 (stmt, 3, scholia_annotation_get_id (annotation));
  if (!scholia_db_statement_execute (stmt, error) || !scholia_db_commit (self->db, error))
    goto failed;

  scholia_annotation_set_note (annotation, note);
  scholia_annotation_set_modified (annotation, now);
  _scholia_store_emit_annotations_changed (self, scholia_annotation_get_document_id (annotation));
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

static gboolean
replace_links (ScholiaStore      *self,
               ScholiaAnnotation *annotation,
               const char        *delete_sql,
               const char        *insert_sql,
               const gint64      *ids,
               guint              n_ids,
               gint64             now,
               GError           **error)
{
  ScholiaDbStatement *stmt;

  if (!scholia_db_begin (self->db, error))
    return FALSE;
  stmt = scholia_db_get_statement (self->db, delete_sql, error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_int64 (stmt, 1, scholia_annotation_get_id (annotation));
  if (!scholia_db_statement_execute (stmt, error) ||
      !insert_links (self, insert_sql, scholia_annotation_get_id (annotation), ids, n_ids, error) ||
      !touch_annotation (self, annotation, now, error) ||
      !scholia_db_commit (self->db, error))
    goto failed;
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

gboolean
scholia_store_set_annotation_labels (ScholiaStore       *self,
                                     ScholiaAnnotation  *annotation,
                                     GType               label_type,
                                     const gint64       *label_ids,
                                     guint               n_label_ids,
                                     GError            **error)
{
  gboolean themes = label_type == SCHOLIA_TYPE_THEME;
  gint64 now = _scholia_store_now ();

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (label_type == SCHOLIA_TYPE_TAG || themes, FALSE);

  if (!check_may_change (self, annotation, FALSE, error) ||
      !check_labels (self, themes ? NULL : label_ids, themes ? 0 : n_label_ids,
                     themes ? label_ids : NULL, themes ? n_label_ids : 0, error) ||
      (!themes && !check_new_seminar_tags (self, annotation, label_ids, n_label_ids, error)) ||
      !replace_links (self, annotation,
                      themes ? "DELETE FROM annotation_themes WHERE annotation_id = ?"
                             : "DELETE FROM annotation_tags WHERE annotation_id = ?",
                      themes ? "INSERT INTO annotation_themes (annotation_id, theme_id, position) VALUES (?, ?, ?)"
                             : "INSERT INTO annotation_tags (annotation_id, tag_id, position) VALUES (?, ?, ?)",
                      label_ids, n_label_ids, now, error))
    return FALSE;

  scholia_annotation_set_label_ids (annotation, label_type, label_ids, n_label_ids);
  scholia_annotation_set_modified (annotation, now);
  _scholia_store_emit_annotations_changed (self, scholia_annotation_get_document_id (annotation));
  return TRUE;
}

gboolean
scholia_store_delete_annotation (ScholiaStore       *self,
                                 ScholiaAnnotation  *annotation,
                                 GError            **error)
{
  ScholiaDbStatement *stmt;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);

  if (!check_may_change (self, annotation, TRUE, error) || !scholia_db_begin (self->db, error))
    return FALSE;
  stmt = scholia_db_get_statement (self->db, "DELETE FROM annotations WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_int64 (stmt, 1, scholia_annotation_get_id (annotation));
  if (!scholia_db_statement_execute (stmt, error))
    goto failed;
  if (scholia_db_changes (self->db) == 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   _("The annotation “%s” is no longer in the library"),
                   scholia_annotation_get_quote (annotation));
      goto failed;
    }
  if (!scholia_db_commit (self->db, error))
    goto failed;

  list_remove (self, annotation);
  adjust_annotation_count (self, scholia_annotation_get_document_id (annotation), -1);
  follow_visibility (self, scholia_annotation_get_document_id (annotation));
  _scholia_store_emit_annotations_changed (self, scholia_annotation_get_document_id (annotation));
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

/* Rewrites one kind of label id list on a live annotation: @from_id is removed, and
 * @into_id (when not 0) takes its place unless the annotation already carries it. */
static void
replace_label_id (ScholiaAnnotation *annotation,
                  GType              label_type,
                  gint64             from_id,
                  gint64             into_id)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_into = FALSE;
  gboolean changed = FALSE;
  const gint64 *ids;
  guint n_ids;

  ids = scholia_annotation_get_label_ids (annotation, label_type, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    has_into |= into_id != 0 && ids[i] == into_id;

  for (guint i = 0; i < n_ids; i++)
    {
      if (ids[i] != from_id)
        {
          g_array_append_val (kept, ids[i]);
          continue;
        }
      changed = TRUE;
      if (into_id != 0 && !has_into)
        g_array_append_val (kept, into_id);
    }

  if (!changed)
    return;
  scholia_annotation_set_label_ids (annotation, label_type, (gint64 *) kept->data, kept->len);
}

void
_scholia_store_relabel (ScholiaStore *self,
                        GType         label_type,
                        gint64        from_id,
                        gint64        into_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live_annotations);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    replace_label_id (value, label_type, from_id, into_id);
}

void
_scholia_store_forget_label (ScholiaStore *self,
                             GType         label_type,
                             gint64        label_id)
{
  _scholia_store_relabel (self, label_type, label_id, 0);
}

static gboolean
contains_id (const gint64 *ids,
             guint         n_ids,
             gint64        id)
{
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] == id)
      return TRUE;
  return FALSE;
}

void
_scholia_store_link_label (ScholiaStore *self,
                           GType         label_type,
                           gint64        label_id,
                           const gint64 *annotation_ids,
                           guint         n_annotation_ids)
{

  for (guint i = 0; i < n_annotation_ids; i++)
    {
      ScholiaAnnotation *annotation = g_hash_table_lookup (self->live_annotations, &annotation_ids[i]);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      const gint64 *current;
      guint n_current;

      if (annotation == NULL)
        continue;

      current = scholia_annotation_get_label_ids (annotation, label_type, &n_current);
      if (contains_id (current, n_current, label_id))
        continue;
      g_array_append_vals (ids, current, n_current);
      g_array_append_val (ids, label_id);
      scholia_annotation_set_label_ids (annotation, label_type, (gint64 *) ids->data, ids->len);
    }
}

/* The annotation's labels of one type that are still in the library. */
static GArray *
existing_ids (ScholiaStore      *self,
              ScholiaAnnotation *annotation,
              GType              label_type)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_ids;
  const gint64 *ids = scholia_annotation_get_label_ids (annotation, label_type, &n_ids);

  for (guint i = 0; i < n_ids; i++)
    if (scholia_store_lookup_label (self, label_type, ids[i]) != NULL)
      g_array_append_val (kept, ids[i]);
  return kept;
}

gboolean
scholia_store_restore_annotation (ScholiaStore       *self,
                                  ScholiaAnnotation  *annotation,
                                  GError            **error)
{
  g_autoptr(GArray) tags = NULL;
  g_autoptr(GArray) themes = NULL;
  ScholiaDocument *document;
  ScholiaDbStatement *stmt;
  gint64 id;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);

  document = scholia_store_lookup_document (self, scholia_annotation_get_document_id (annotation));
  if (document == NULL)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND,
                   _("The document of “%s” is no longer in the library"),
                   scholia_annotation_get_quote (annotation));
      return FALSE;
    }

  tags = existing_ids (self, annotation, SCHOLIA_TYPE_TAG);
  themes = existing_ids (self, annotation, SCHOLIA_TYPE_THEME);
  id = scholia_annotation_get_id (annotation);

  if (!scholia_db_begin (self->db, error))
    return FALSE;
  stmt = scholia_db_get_statement (self->db,
                                   "INSERT INTO annotations (id, uuid_key, document_id, start_offset, end_offset,"
                                   " quote, prefix, suffix, note, orphaned, created, modified,"
                                   " unplaced_reason, unplaced_source)"
                                   " VALUES (?1, scholia_uuid_key(?2), ?3, ?4, ?5,"
                                   " " SCHOLIA_STORED_PASSAGE_SQL ("0", "?6", "?3", "?4", "?5") ","
                                   " " SCHOLIA_STORED_PASSAGE_SQL ("1", "?7", "?3", "?4", "?5") ","
                                   " " SCHOLIA_STORED_PASSAGE_SQL ("2", "?8", "?3", "?4", "?5") ","
                                   " ?9, ?10, ?11, ?12, ?13, ?14)",
                                   error);
  if (stmt == NULL)
    goto failed;
  scholia_db_statement_bind_int64 (stmt, 1, id);
  scholia_db_statement_bind_text (stmt, 2, scholia_annotation_get_uuid (annotation));
  scholia_db_statement_bind_int64 (stmt, 3, scholia_annotation_get_document_id (annotation));
  scholia_db_statement_bind_int64 (stmt, 4, scholia_annotation_get_start (annotation));
  scholia_db_statement_bind_int64 (stmt, 5, scholia_annotation_get_end (annotation));
  scholia_db_statement_bind_text (stmt, 6, scholia_annotation_get_quote (annotation));
  scholia_db_statement_bind_text (stmt, 7, scholia_annotation_get_prefix (annotation));
  scholia_db_statement_bind_text (stmt, 8, scholia_annotation_get_suffix (annotation));
  scholia_db_statement_bind_text (stmt, 9, scholia_annotation_get_note (annotation));
  scholia_db_statement_bind_int64 (stmt, 10, scholia_annotation_get_orphaned (annotation));
  scholia_db_statement_bind_int64 (stmt, 11, scholia_annotation_get_created (annotation));
  scholia_db_statement_bind_int64 (stmt, 12, scholia_annotation_get_modified (annotation));
  scholia_db_statement_bind_text (stmt, 13, scholia_annotation_get_orphaned (annotation) ?
                                  scholia_unplaced_reason_to_code (scholia_annotation_get_unplaced_reason (annotation)) : "");
  scholia_db_statement_bind_text (stmt, 14, scholia_annotation_get_unplaced_source (annotation));
  if (!scholia_db_statement_execute (stmt, error) ||
      !insert_links (self, "INSERT INTO annotation_tags (annotation_id, tag_id, position) VALUES (?, ?, ?)",
                     id, (gint64 *) tags->data, tags->len, error) ||
      !insert_links (self, "INSERT INTO annotation_themes (annotation_id, theme_id, position) VALUES (?, ?, ?)",
                     id, (gint64 *) themes->data, themes->len, error) ||
      !scholia_db_commit (self->db, error))
    goto failed;

  scholia_annotation_set_tag_ids (annotation, (gint64 *) tags->data, tags->len);
  scholia_annotation_set_theme_ids (annotation, (gint64 *) themes->data, themes->len);
  if (g_hash_table_lookup (self->live_annotations, &id) == NULL)
    _scholia_store_remember_annotation (self, annotation);
  list_insert (self, annotation);
  adjust_annotation_count (self, scholia_annotation_get_document_id (annotation), 1);
  follow_visibility (self, scholia_annotation_get_document_id (annotation));
  _scholia_store_emit_annotations_changed (self, scholia_annotation_get_document_id (annotation));
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

static int
compare_annotation_pointers (gconstpointer a,
                             gconstpointer b)
{
  return compare_annotations (*(ScholiaAnnotation **) a, *(ScholiaAnnotation **) b, NULL);
}

static void
resort_list (ScholiaStore *self,
             gint64        document_id)
{
  GListStore *list = g_hash_table_lookup (self->live_lists, &document_id);
  g_autoptr(GPtrArray) items = NULL;
  gboolean sorted = TRUE;
  guint n;

  if (list == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (list), i));
      if (i > 0 && compare_annotations (items->pdata[i - 1], items->pdata[i], NULL) > 0)
        sorted = FALSE;
    }
  if (sorted)
    return;

  g_ptr_array_sort (items, compare_annotation_pointers);
  g_list_store_splice (list, 0, n, items->pdata, n);
}

gboolean
scholia_store_update_anchors (ScholiaStore               *self,
                              const ScholiaAnchorUpdate  *updates,
                              guint                       n_updates,
                              GError                    **error)
{
  g_autofree ScholiaAnchorUpdate *resolved = NULL;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (updates != NULL || n_updates == 0, FALSE);

  /* An orphan keeps the offsets it had, so that its old place can still be shown and tried. */
  resolved = g_new (ScholiaAnchorUpdate, MAX (n_updates, 1));
  for (guint i = 0; i < n_updates; i++)
    {
      resolved[i] = updates[i];
      if (!updates[i].orphaned)
        {
          resolved[i].reason = SCHOLIA_UNPLACED_NONE;
          resolved[i].source = NULL;
        }
      else if (updates[i].reason == SCHOLIA_UNPLACED_NONE)
        resolved[i].reason = SCHOLIA_UNPLACED_TEXT_CHANGED;
      if (updates[i].orphaned)
        {
          resolved[i].start = scholia_annotation_get_start (updates[i].annotation);
          resolved[i].end = scholia_annotation_get_end (updates[i].annotation);
        }
      else if (updates[i].start < 0 || updates[i].end <= updates[i].start)
        {
          g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                       _("The span %d–%d is not a place in the text"), updates[i].start, updates[i].end);
          return FALSE;
        }
    }

  if (!scholia_db_begin (self->db, error))
    return FALSE;
  for (guint i = 0; i < n_updates; i++)
    {
      ScholiaDbStatement *stmt = scholia_db_get_statement (self->db,
                                               /* The quote and context stay what they were, cut
                                                * from the text at the old offsets if not stored. */
                                               "UPDATE annotations SET"
                                               " quote = " SCHOLIA_STORED_PASSAGE_SQL ("0", SCHOLIA_QUOTE_SQL (""),
                                                                                   "document_id", "?1", "?2") ","
                                               " prefix = " SCHOLIA_STORED_PASSAGE_SQL ("1", SCHOLIA_PREFIX_SQL (""),
                                                                                   "document_id", "?1", "?2") ","
                                               " suffix = " SCHOLIA_STORED_PASSAGE_SQL ("2", SCHOLIA_SUFFIX_SQL (""),
                                                                                   "document_id", "?1", "?2") ","
                                               " start_offset = ?1, end_offset = ?2,"
                                               " orphaned = ?3, unplaced_reason = ?4, unplaced_source = ?5"
                                               " WHERE id = ?6",
                                               error);
      if (stmt == NULL)
        goto failed;
      scholia_db_statement_bind_int64 (stmt, 1, resolved[i].start);
      scholia_db_statement_bind_int64 (stmt, 2, resolved[i].end);
      scholia_db_statement_bind_int64 (stmt, 3, resolved[i].orphaned);
      scholia_db_statement_bind_text (stmt, 4, scholia_unplaced_reason_to_code (resolved[i].reason));
      scholia_db_statement_bind_text (stmt, 5, resolved[i].source != NULL ? resolved[i].source : "");
      scholia_db_statement_bind_int64 (stmt, 6, scholia_annotation_get_id (resolved[i].annotation));
      if (!scholia_db_statement_execute (stmt, error))
        goto failed;
    }
  if (!scholia_db_commit (self->db, error))
    goto failed;

  /* Each list stays in text order: one annotation moves within its list; many (a re-anchored
   * document) re-sort their lists once, rather than one search and insertion each. */
  if (n_updates == 1)
    {
      list_remove (self, resolved[0].annotation);
      scholia_annotation_set_range (resolved[0].annotation, resolved[0].start, resolved[0].end);
      scholia_annotation_set_orphaned (resolved[0].annotation, resolved[0].orphaned);
      scholia_annotation_set_unplaced_reason (resolved[0].annotation, resolved[0].reason, resolved[0].source);
      list_insert (self, resolved[0].annotation);
      _scholia_store_emit_annotations_changed (self, scholia_annotation_get_document_id (resolved[0].annotation));
      return TRUE;
    }

  for (guint i = 0; i < n_updates; i++)
    {
      scholia_annotation_set_range (resolved[i].annotation, resolved[i].start, resolved[i].end);
      scholia_annotation_set_orphaned (resolved[i].annotation, resolved[i].orphaned);
      scholia_annotation_set_unplaced_reason (resolved[i].annotation, resolved[i].reason, resolved[i].source);
    }
  {
    g_autoptr(GHashTable) resorted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

    for (guint i = 0; i < n_updates; i++)
      {
        gint64 document_id = scholia_annotation_get_document_id (resolved[i].annotation);

        if (g_hash_table_add (resorted, g_memdup2 (&document_id, sizeof document_id)))
          resort_list (self, document_id);
      }
    _scholia_store_emit_annotations_changed (self, g_hash_table_size (resorted) == 1 ?
                                             scholia_annotation_get_document_id (resolved[0].annotation) : 0);
  }
  return TRUE;

failed:
  scholia_db_rollback (self->db);
  return FALSE;
}

gboolean
scholia_store_set_annotation_anchor (ScholiaStore       *self,
                                     ScholiaAnnotation  *annotation,
                                     int                 start,
                                     int                 end,
                                     gboolean            orphaned,
                                     GError            **error)
{
  ScholiaAnchorUpdate update = { annotation, start, end, orphaned };

  g_return_val_if_fail (SCHOLIA_IS_ANNOTATION (annotation), FALSE);

  return check_may_change (self, annotation, FALSE, error) &&
         scholia_store_update_anchors (self, &update, 1, error);
}
