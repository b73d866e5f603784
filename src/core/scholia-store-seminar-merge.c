/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Merging a participant's log into the library. Every annotation or reply uuid has a creator,
 * the author of its earliest put, and only the creator's records count: per uuid the record
 * with the greatest clock is the state, a deletion included. Clocks hold the participant's
 * uuid, so two participants never write the same one, and the order logs are merged in never
 * matters. What the library knows of a uuid (creator, first clock, clock of the state) is its
 * annotation's or reply's row; seminar_items holds it only for a deleted uuid (its tombstone)
 * and for what my own log holds (see scholia-store-seminar-outbox.c), and then has the say:
 * a first sync writes each annotation once instead of once more in seminar_items. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-db-rows.h"
#include "scholia-error.h"
#include "scholia-passage-sql.h"
#include "scholia-store-seminar-private.h"

/* The records of one uuid in the log being merged. */
typedef struct
{
  const ScholiaLogRecord *first_put;  /* the earliest put, NULL when there is none */
  const ScholiaLogRecord *latest;     /* the greatest clock */
  GPtrArray              *records;
} Item;

/* Where the library knows a uuid from: merge_items.existed. */
enum
{
  KNOWN_NOWHERE,
  KNOWN_FROM_ROW,    /* its annotation's or reply's row */
  KNOWN_FROM_ITEMS,  /* seminar_items, which is then written again */
};

/* What the library knows of a uuid. */
typedef struct
{
  int       known;
  gint64    creator_id;
  char     *first_hlc;
  char     *hlc;
  gint64    annotation_id;  /* its annotation's row, whatever its clocks; 0 when none */
} Known;

typedef struct
{
  ScholiaStore       *store;
  ScholiaSeminar     *seminar;
  gint64              owner_id;
  ScholiaMergeReport *report;
  GHashTable         *documents;      /* uuid → ScholiaDocument (borrowed) */
  GHashTable         *tag_ids;        /* name → gint64 id, 0 when it could not be made */
  GHashTable         *theme_ids;
  GHashTable         *touched;        /* gint64 document id set */
  const char         *max_hlc;        /* the greatest clock of the owner's records */
  guint               n_existed;      /* staged uuids the library knew before */
  guint               n_rewritten;    /* staged annotations whose rows are written again */
  gint64              next_id;        /* the id a new annotation's row is given */
  GHashTable         *allowed_tags;   /* casefolded names; NULL when any tag may be put */
  const char         *min_hlc;        /* the least clock of the owner's records */
  GHashTable         *known;          /* uuid → Known, see lookup_known() */
  ScholiaDbRows      *staged_items;   /* the staging tables' rows, see write_staged() */
  ScholiaDbRows      *staged_annotations;
  ScholiaDbRows      *staged_links;
  ScholiaDbRows      *staged_replies;
} Merge;

static void
item_free (Item *item)
{
  g_ptr_array_unref (item->records);
  g_free (item);
}

void
scholia_merge_report_clear (ScholiaMergeReport *report)
{
  g_clear_pointer (&report->forged_lines, g_array_unref);
  g_clear_pointer (&report->refused_tag_lines, g_array_unref);
  g_clear_pointer (&report->refused_tags, g_ptr_array_unref);
  memset (report, 0, sizeof *report);
}

static void
count_forged (Merge                  *merge,
              const ScholiaLogRecord *record)
{
  merge->report->forged++;
  if (merge->report->forged_lines == NULL)
    merge->report->forged_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (merge->report->forged_lines, record->line);
}

/* A tag the seminar does not have, in a log whose owner may not add tags. */
static gboolean
is_refused_tag (Merge      *merge,
                const char *name)
{
  g_autofree char *folded = NULL;

  if (merge->allowed_tags == NULL)
    return FALSE;
  folded = g_utf8_casefold (name, -1);
  return !g_hash_table_contains (merge->allowed_tags, folded);
}

static void
count_refused_tags (Merge                  *merge,
                    const ScholiaLogRecord *record)
{
  ScholiaMergeReport *report = merge->report;

  for (guint i = 0; record->tags != NULL && record->tags[i] != NULL; i++)
    {
      if (!is_refused_tag (merge, record->tags[i]))
        continue;
      if (report->refused_tag_lines == NULL)
        {
          report->refused_tag_lines = g_array_new (FALSE, FALSE, sizeof (guint));
          report->refused_tags = g_ptr_array_new_with_free_func (g_free);
        }
      g_array_append_val (report->refused_tag_lines, record->line);
      g_ptr_array_add (report->refused_tags, g_strdup (record->tags[i]));
    }
}

static gboolean
is_put (const ScholiaLogRecord *record)
{
  return record->op != SCHOLIA_LOG_DELETE;
}

/* Groups the owner's records by uuid; those by anyone else are forged. */
static GHashTable *
group_records (Merge      *merge,
               GPtrArray  *records,
               const char *owner_uuid)
{
  GHashTable *items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) item_free);

  for (guint i = 0; i < records->len; i++)
    {
      const ScholiaLogRecord *record = g_ptr_array_index (records, i);
      Item *item;

      if (g_strcmp0 (record->author, owner_uuid) != 0 || record->uuid == NULL || record->hlc == NULL)
        {
          count_forged (merge, record);
          continue;
        }

      item = g_hash_table_lookup (items, record->uuid);
      if (item == NULL)
        {
          item = g_new0 (Item, 1);
          item->records = g_ptr_array_new ();
          g_hash_table_insert (items, record->uuid, item);
        }
      g_ptr_array_add (item->records, (gpointer) record);
      if (item->latest == NULL || strcmp (record->hlc, item->latest->hlc) > 0)
        item->latest = record;
      if (is_put (record) && (item->first_put == NULL || strcmp (record->hlc, item->first_put->hlc) < 0))
        item->first_put = record;
      if (merge->max_hlc == NULL || strcmp (record->hlc, merge->max_hlc) > 0)
        merge->max_hlc = record->hlc;
      if (merge->min_hlc == NULL || strcmp (record->hlc, merge->min_hlc) < 0)
        merge->min_hlc = record->hlc;
    }
  return items;
}

/* Finds or makes the labels the states to apply name, before the merge's transaction: a label
 * made for a merge that then fails is kept, and found by the next one. A new label's colour
 * comes from its name, so that it is the same whichever log made it first. A name that cannot
 * be a label's is dropped from the annotation. */
static void
resolve_labels (Merge      *merge,
                GHashTable *items)
{
  GHashTableIter iter;
  Item *item;

  g_hash_table_iter_init (&iter, items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
    {
      if (item->latest->op != SCHOLIA_LOG_PUT_ANNOTATION)
        continue;
      for (guint kind = 0; kind < 2; kind++)
        {
          GType type = kind == 0 ? SCHOLIA_TYPE_TAG : SCHOLIA_TYPE_THEME;
          GHashTable *ids = kind == 0 ? merge->tag_ids : merge->theme_ids;
          GStrv names = kind == 0 ? item->latest->tags : item->latest->themes;

          for (guint i = 0; names != NULL && names[i] != NULL; i++)
            {
              ScholiaLabel *label;
              gint64 *id;

              if (g_hash_table_contains (ids, names[i]) || (kind == 0 && is_refused_tag (merge, names[i])))
                continue;
              label = scholia_store_find_label (merge->store, type, names[i], NULL);
              if (label == NULL)
                label = scholia_store_add_label (merge->store, type, names[i],
                                                 scholia_seminar_colour_for (names[i]), "", NULL);
              id = g_new (gint64, 1);
              *id = label != NULL ? scholia_label_get_id (label) : 0;
              g_hash_table_insert (ids, g_strdup (names[i]), id);
            }
        }
    }
}

static void
known_free (Known *known)
{
  g_free (known->first_hlc);
  g_free (known->hlc);
  g_free (known);
}

/* Appends @text to @json as a JSON string. */
static void
append_json_string (GString    *json,
                    const char *text)
{
  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (json, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

/* seminar_items, when it has the uuid, has the say (see the top of this file). The log's uuids
 * come as one JSON array: one statement looks them all up, where one a uuid cost each its
 * start, its three probes and its sort. */
static const char known_sql[] =
  "SELECT j.value, s.participant_id, s.first_hlc, s.hlc, 2, 0 FROM json_each (?1) j"
  "  JOIN seminar_items s ON s.uuid = j.value"
  " UNION ALL SELECT j.value, a.participant_id, a.first_hlc, a.hlc, a.first_hlc != '', a.id FROM json_each (?1) j"
  "  JOIN annotations a ON a.uuid_key = scholia_uuid_key(j.value)"
  " UNION ALL SELECT j.value, r.participant_id, r.first_hlc, r.hlc, 1, 0 FROM json_each (?1) j"
  "  JOIN replies r ON r.uuid = j.value WHERE r.first_hlc != ''";

/* What the library knows of the uuids of @sorted's items: uuid → Known, none for a uuid it has
 * no row of. An annotation's row without clocks (not merged, made here) tells no creator, but
 * its id is where the annotation is written. */
static GHashTable *
lookup_known (Merge      *merge,
              GPtrArray  *sorted,
              GError    **error)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) known_free);
  g_autoptr(GString) uuids = g_string_new ("[");
  ScholiaDbStatement *stmt = scholia_db_get_statement (merge->store->db, known_sql, error);
  ScholiaDbStep rc;

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < sorted->len; i++)
    {
      const Item *item = g_ptr_array_index (sorted, i);

      if (i > 0)
        g_string_append_c (uuids, ',');
      append_json_string (uuids, item->latest->uuid);
    }
  g_string_append_c (uuids, ']');

  scholia_db_statement_bind_static_text (stmt, 1, uuids->str);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      const char *uuid = scholia_db_statement_column_text (stmt, 0);
      int kind = scholia_db_statement_column_int (stmt, 4);
      gint64 annotation_id = scholia_db_statement_column_int64 (stmt, 5);
      Known *entry = g_hash_table_lookup (known, uuid);

      if (entry == NULL)
        {
          entry = g_new0 (Known, 1);
          g_hash_table_insert (known, g_strdup (uuid), entry);
        }
      if (annotation_id != 0)
        entry->annotation_id = annotation_id;
      if (entry->known >= kind)
        continue;
      entry->known = kind;
      entry->creator_id = scholia_db_statement_column_int64 (stmt, 1);
      g_free (entry->first_hlc);
      g_free (entry->hlc);
      entry->first_hlc = g_strdup (scholia_db_statement_column_text (stmt, 2));
      entry->hlc = g_strdup (scholia_db_statement_column_text (stmt, 3));
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&known);
}

static gboolean
execute_with_id (ScholiaDb   *db,
                 const char  *sql,
                 gint64       id,
                 GError     **error)
{
  ScholiaDbStatement *stmt = scholia_db_get_statement (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, id);
  return scholia_db_statement_execute (stmt, error);
}

/* The states to write are staged in temporary tables, then written by a few statements over
 * all of them: one INSERT … SELECT of 2,000 annotations costs a fraction of 2,000 INSERTs, each
 * with its statement journal, its triggers' set-up and the full-text index's. The staging
 * tables need no key: each uuid is staged once, in uuid order, which is also the order the
 * library's uuid indexes are then written in. */
static const char staging_tables[] =
  "CREATE TEMP TABLE IF NOT EXISTS merge_items ("
  "  uuid TEXT, first_hlc TEXT, hlc TEXT, kind INTEGER, existed INTEGER);"
  "CREATE TEMP TABLE IF NOT EXISTS merge_annotations ("
  "  id INTEGER, uuid TEXT, document_id INTEGER, start_offset INTEGER, end_offset INTEGER, quote TEXT,"
  "  prefix TEXT, suffix TEXT, note TEXT, created INTEGER, modified INTEGER, first_hlc TEXT, hlc TEXT);"
  "CREATE TEMP TABLE IF NOT EXISTS merge_links ("
  "  annotation_id INTEGER, kind INTEGER, label_id INTEGER, position INTEGER);"
  "CREATE TEMP TABLE IF NOT EXISTS merge_replies ("
  "  uuid TEXT, annotation_uuid TEXT, body TEXT, created INTEGER, modified INTEGER, first_hlc TEXT, hlc TEXT);"
  "DELETE FROM temp.merge_items;"
  "DELETE FROM temp.merge_annotations;"
  "DELETE FROM temp.merge_links;"
  "DELETE FROM temp.merge_replies;";

/* merge_items.kind */
enum
{
  STAGED_ANNOTATION,
  STAGED_REPLY,
  STAGED_DELETION,
};

static gboolean
stage_item (Merge                   *merge,
            const ScholiaLogRecord  *record,
            const char              *first_hlc,
            int                      kind,
            int                      existed,
            GError                 **error)
{
  ScholiaDbRows *rows = merge->staged_items;

  /* What write_staged() reads of merge_items: the uuids known before and the tombstones. A
   * first sync stages none. */
  if (existed == KNOWN_NOWHERE && kind != STAGED_DELETION)
    return TRUE;
  merge->n_existed += existed != KNOWN_NOWHERE ? 1 : 0;
  scholia_db_rows_add_text (rows, record->uuid);
  /* The library's first clock, which merge_item() frees before the rows are written. */
  scholia_db_rows_add_text_copy (rows, first_hlc);
  scholia_db_rows_add_text (rows, record->hlc);
  scholia_db_rows_add_int64 (rows, kind);
  scholia_db_rows_add_int64 (rows, existed);
  return scholia_db_rows_end_row (rows, error);
}

static gboolean
stage_links (Merge       *merge,
             gint64       annotation_id,
             GStrv        names,
             GHashTable  *ids,
             int          kind,
             GError     **error)
{
  g_autoptr(GArray) linked = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      gint64 *id = g_hash_table_lookup (ids, names[i]);
      ScholiaDbRows *rows = merge->staged_links;
      gboolean seen = FALSE;

      /* A name given twice, or two spellings of one label, link it once. */
      for (guint j = 0; id != NULL && j < linked->len; j++)
        seen |= g_array_index (linked, gint64, j) == *id;
      if (id == NULL || *id == 0 || seen)
        continue;
      scholia_db_rows_add_int64 (rows, annotation_id);
      scholia_db_rows_add_int64 (rows, kind);
      scholia_db_rows_add_int64 (rows, *id);
      scholia_db_rows_add_int64 (rows, linked->len);
      if (!scholia_db_rows_end_row (rows, error))
        return FALSE;
      g_array_append_val (linked, *id);
    }
  return TRUE;
}

/* Stages an annotation's whole state, in the row @annotation_id or (0) a new one. Not staged (no
 * error) when its essay is not here or its span does not fit the essay. */
static gboolean
stage_annotation (Merge                   *merge,
                  const ScholiaLogRecord  *record,
                  const char              *first_hlc,
                  gint64                   annotation_id,
                  gboolean                *staged,
                  GError                 **error)
{
  ScholiaDocument *document = g_hash_table_lookup (merge->documents,
                                                   record->document_uuid != NULL ? record->document_uuid : "");
  ScholiaDbRows *rows = merge->staged_annotations;
  gint64 document_id;

  *staged = FALSE;
  if (document == NULL || record->end <= record->start ||
      record->end > (guint) scholia_document_get_characters (document))
    {
      merge->report->unknown_document++;
      return TRUE;
    }

  /* Its id given here, its labels and its note's full-text row name it without looking its
   * uuid up again. */
  if (annotation_id != 0)
    merge->n_rewritten++;
  else
    annotation_id = merge->next_id++;
  document_id = scholia_document_get_id (document);
  if (!g_hash_table_contains (merge->touched, &document_id))
    g_hash_table_add (merge->touched, g_memdup2 (&document_id, sizeof document_id));
  scholia_db_rows_add_int64 (rows, annotation_id);
  scholia_db_rows_add_text (rows, record->uuid);
  scholia_db_rows_add_int64 (rows, document_id);
  scholia_db_rows_add_int64 (rows, record->start);
  scholia_db_rows_add_int64 (rows, record->end);
  scholia_db_rows_add_text (rows, record->quote);
  scholia_db_rows_add_text (rows, record->prefix);
  scholia_db_rows_add_text (rows, record->suffix);
  scholia_db_rows_add_text (rows, record->note);
  scholia_db_rows_add_int64 (rows, record->created);
  scholia_db_rows_add_int64 (rows, record->modified);
  scholia_db_rows_add_text_copy (rows, first_hlc);
  scholia_db_rows_add_text (rows, record->hlc);
  count_refused_tags (merge, record);
  if (!scholia_db_rows_end_row (rows, error) ||
      !stage_links (merge, annotation_id, record->tags, merge->tag_ids, 0, error) ||
      !stage_links (merge, annotation_id, record->themes, merge->theme_ids, 1, error))
    return FALSE;
  *staged = TRUE;
  return TRUE;
}

static gboolean
stage_reply (Merge                   *merge,
             const ScholiaLogRecord  *record,
             const char              *first_hlc,
             GError                 **error)
{
  ScholiaDbRows *rows = merge->staged_replies;

  scholia_db_rows_add_text (rows, record->uuid);
  scholia_db_rows_add_text (rows, record->target_uuid);
  scholia_db_rows_add_text (rows, record->body);
  scholia_db_rows_add_int64 (rows, record->created);
  scholia_db_rows_add_int64 (rows, record->modified);
  scholia_db_rows_add_text_copy (rows, first_hlc);
  scholia_db_rows_add_text (rows, record->hlc);
  if (!scholia_db_rows_end_row (rows, error))
    return FALSE;
  merge->report->replies++;
  return TRUE;
}

/* Makes @item's latest record the uuid's state: staged, written by write_staged(). */
static gboolean
apply_item (Merge        *merge,
            Item         *item,
            const char   *first_hlc,
            const Known  *known,
            GError      **error)
{
  const ScholiaLogRecord *latest = item->latest;
  gboolean staged = TRUE;
  int kind;

  switch (latest->op)
    {
    case SCHOLIA_LOG_PUT_ANNOTATION:
      kind = STAGED_ANNOTATION;
      if (!stage_annotation (merge, latest, first_hlc, known->annotation_id, &staged, error))
        return FALSE;
      break;

    case SCHOLIA_LOG_PUT_REPLY:
      kind = STAGED_REPLY;
      if (!stage_reply (merge, latest, first_hlc, error))
        return FALSE;
      break;

    case SCHOLIA_LOG_DELETE:
      kind = STAGED_DELETION;
      break;

    default:
      g_assert_not_reached ();
    }

  if (!staged)
    return TRUE;
  merge->report->applied++;
  merge->report->unchanged += item->records->len - 1;
  return stage_item (merge, latest, first_hlc, kind, known->known, error);
}

static gboolean
collect_documents (Merge       *merge,
                   const char  *sql,
                   GError     **error)
{
  ScholiaDbStatement *stmt = scholia_db_get_statement (merge->store->db, sql, error);
  ScholiaDbStep rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 document_id = scholia_db_statement_column_int64 (stmt, 0);

      g_hash_table_add (merge->touched, g_memdup2 (&document_id, sizeof document_id));
    }
  scholia_db_statement_reset (stmt);
  return rc != SCHOLIA_DB_STEP_ERROR;
}

/* The schema's triggers on the tables write_rows() writes, and what it does instead of each,
 * set-wise: the full-text rows of the notes (notes_fts_insert, notes_fts_update), the links set
 * aside while an end was deleted (annotation_links_put_back_on_insert), the passages counted
 * per author and theme (author_counts_theme_insert). The outbox's triggers
 * do nothing while seminar_merging has a row. A trigger added to these tables must be added
 * here and its work to write_rows(): tests/test-seminar-merge-writes.c compares the schema's
 * triggers with this list. */
const char *const _scholia_merge_replaced_triggers[] = {
  "notes_fts_insert",
  "notes_fts_update",
  "annotation_links_put_back_on_insert",
  "seminar_outbox_annotation_insert",
  "seminar_outbox_annotation_update",
  "seminar_outbox_annotation_tags_INSERT",
  "seminar_outbox_annotation_themes_INSERT",
  "seminar_outbox_reply_insert",
  "seminar_outbox_reply_update",
  "author_counts_theme_insert",
  /* An annotation the merge writes again has lost its theme links already (deleted with the
   * triggers on): moving it or placing it again changes no count. */
  "author_counts_annotation_update",
  NULL
};

static gboolean
put_back_links (Merge   *merge,
                GError **error)
{
  ScholiaDb *db = merge->store->db;
  gint64 n_set_aside = 0;

  if (!scholia_db_query_int (db, "SELECT EXISTS (SELECT 1 FROM annotation_links_set_aside)", &n_set_aside, error))
    return FALSE;
  return n_set_aside == 0 ||
         scholia_db_exec (db,
                          "INSERT OR IGNORE INTO annotation_links (id, uuid, source_id, target_id, type, created,"
                          " modified)"
                          " SELECT k.id, k.uuid, s.id, t.id, k.type, k.created, k.modified"
                          "  FROM annotation_links_set_aside k"
                          "  JOIN annotations s ON s.uuid_key = scholia_uuid_key(k.source_uuid)"
                          "  JOIN annotations t ON t.uuid_key = scholia_uuid_key(k.target_uuid)"
                          "  WHERE k.source_uuid IN (SELECT uuid FROM temp.merge_annotations)"
                          "   OR k.target_uuid IN (SELECT uuid FROM temp.merge_annotations);"
                          "DELETE FROM annotation_links_set_aside"
                          " WHERE (source_uuid IN (SELECT uuid FROM temp.merge_annotations)"
                          "   OR target_uuid IN (SELECT uuid FROM temp.merge_annotations))"
                          "  AND EXISTS (SELECT 1 FROM annotations s, annotations t"
                          "   WHERE s.uuid_key = scholia_uuid_key(annotation_links_set_aside.source_uuid)"
                          "   AND t.uuid_key = scholia_uuid_key(annotation_links_set_aside.target_uuid));",
                          error);
}

/* Writes the annotations, their labels, the replies and each uuid's creator and clock, with
 * the schema's triggers off: fired for every row, they cost more than the rows themselves (a
 * tag link three times its own writing), and their work is done here once per statement (see
 * _scholia_merge_replaced_triggers). */
static gboolean
write_rows (Merge   *merge,
            GError **error)
{
  ScholiaDb *db = merge->store->db;
  ScholiaDbStatement *stmt;

  /* The notes written again leave the full-text index before their rows change. */
  if (merge->n_rewritten > 0 &&
      !scholia_db_exec (db,
                        "INSERT INTO notes_fts (notes_fts, rowid, note)"
                        " SELECT 'delete', a.id, a.note FROM temp.merge_annotations m"
                        "  JOIN annotations a ON a.id = m.id WHERE a.note != '' ORDER BY a.id",
                        error))
    return FALSE;

  stmt = scholia_db_get_statement (db,
                                   "INSERT INTO annotations (id, uuid_key, document_id, start_offset, end_offset, quote,"
                                   " prefix, suffix, note, created, modified, participant_id, first_hlc, hlc)"
                                   " SELECT id, scholia_uuid_key(uuid), document_id, start_offset, end_offset,"
                                   "  " SCHOLIA_STORED_PASSAGE_SQL ("0", "quote", "document_id", "start_offset", "end_offset") ","
                                   "  " SCHOLIA_STORED_PASSAGE_SQL ("1", "prefix", "document_id", "start_offset", "end_offset") ","
                                   "  " SCHOLIA_STORED_PASSAGE_SQL ("2", "suffix", "document_id", "start_offset", "end_offset") ","
                                   "  note,"
                                   "  created, modified, ?, first_hlc, hlc FROM temp.merge_annotations WHERE true"
                                   " ON CONFLICT (uuid_key) DO UPDATE SET document_id = excluded.document_id,"
                                   "  start_offset = excluded.start_offset, end_offset = excluded.end_offset,"
                                   "  quote = excluded.quote, prefix = excluded.prefix, suffix = excluded.suffix,"
                                   "  note = excluded.note, orphaned = 0, unplaced_reason = '',"
                                   "  created = excluded.created, modified = excluded.modified,"
                                   "  participant_id = excluded.participant_id, first_hlc = excluded.first_hlc,"
                                   "  hlc = excluded.hlc",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, merge->owner_id);
  if (!scholia_db_statement_execute (stmt, error) ||
      !scholia_db_exec (db,
                        /* FTS5 writes what it holds whenever a rowid comes before the last one:
                         * in the ids' order, or once per annotation. The new ones are staged in
                         * that order already. */
                        merge->n_rewritten > 0
                          ? "INSERT INTO notes_fts (rowid, note) SELECT id, note FROM temp.merge_annotations"
                            " WHERE note != '' ORDER BY id"
                          : "INSERT INTO notes_fts (rowid, note) SELECT id, note FROM temp.merge_annotations WHERE note != ''",
                        error) ||
      !scholia_db_exec (db,
                        "INSERT INTO annotation_tags (annotation_id, tag_id, position)"
                        " SELECT annotation_id, label_id, position FROM temp.merge_links WHERE kind = 0;"
                        "INSERT INTO annotation_themes (annotation_id, theme_id, position)"
                        " SELECT annotation_id, label_id, position FROM temp.merge_links WHERE kind = 1;"
                        /* Counted per essay first: a merge's thousands of links are on a
                         * few essays, whose authors are then read once each. */
                        "INSERT INTO author_counts (author_id, themes)"
                        " SELECT coalesce(d.author_id, 0), scholia_theme_counts(e.theme_id, e.n)"
                        "  FROM (SELECT a.document_id, l.label_id AS theme_id, count(*) AS n FROM temp.merge_links l"
                        "   JOIN annotations a ON a.id = l.annotation_id WHERE l.kind = 1 AND a.orphaned = 0"
                        "   GROUP BY 1, 2) e JOIN documents d ON d.id = e.document_id WHERE true GROUP BY 1"
                        " ON CONFLICT DO UPDATE SET themes = scholia_theme_counts_add(themes, excluded.themes);",
                        error) ||
      !put_back_links (merge, error))
    return FALSE;

  stmt = scholia_db_get_statement (db,
                                   "INSERT INTO replies (uuid, seminar_id, annotation_uuid, participant_id, body,"
                                   " created, modified, first_hlc, hlc)"
                                   " SELECT uuid, ?1, annotation_uuid, ?2, body, created, modified, first_hlc, hlc"
                                   "  FROM temp.merge_replies WHERE true"
                                   " ON CONFLICT (uuid) DO UPDATE SET annotation_uuid = excluded.annotation_uuid,"
                                   "  participant_id = excluded.participant_id, body = excluded.body,"
                                   "  created = excluded.created, modified = excluded.modified,"
                                   "  first_hlc = excluded.first_hlc, hlc = excluded.hlc",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, merge->seminar->id);
  scholia_db_statement_bind_int64 (stmt, 2, merge->owner_id);
  if (!scholia_db_statement_execute (stmt, error))
    return FALSE;

  /* Tombstones, and what seminar_items knew already. */
  stmt = scholia_db_get_statement (db,
                                   "INSERT OR REPLACE INTO seminar_items"
                                   " (uuid, seminar_id, participant_id, first_hlc, hlc, deleted)"
                                   " SELECT uuid, ?1, ?2, first_hlc, hlc, kind = 2 FROM temp.merge_items"
                                   "  WHERE kind = 2 OR existed = 2",
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_int64 (stmt, 1, merge->seminar->id);
  scholia_db_statement_bind_int64 (stmt, 2, merge->owner_id);
  return scholia_db_statement_execute (stmt, error);
}

/* Writes what is staged: what goes (deletions, an annotation become a reply or the reverse,
 * the labels of annotations written again), with the triggers that keep the full-text index
 * and the links, then the rest (write_rows()). */
static gboolean
write_staged (Merge   *merge,
              GError **error)
{
  ScholiaDb *db = merge->store->db;
  gboolean ok;

  if (!scholia_db_rows_flush (merge->staged_items, error) ||
      !scholia_db_rows_flush (merge->staged_annotations, error) ||
      !scholia_db_rows_flush (merge->staged_links, error) ||
      !scholia_db_rows_flush (merge->staged_replies, error))
    return FALSE;

  /* A first sync knows none of the uuids: nothing to take away. An annotation's row the library
   * holds without clocks (made here) is written again too, so its labels go as well. */
  if ((merge->n_existed > 0 || merge->n_rewritten > 0) &&
      (!collect_documents (merge, "SELECT a.document_id FROM temp.merge_items m"
                                  " JOIN annotations a ON a.uuid_key = scholia_uuid_key(m.uuid) WHERE m.existed"
                                  " UNION SELECT a.document_id FROM temp.merge_annotations m"
                                  " JOIN annotations a ON a.id = m.id",
                           error) ||
       !scholia_db_exec (db,
                         "DELETE FROM annotation_tags WHERE annotation_id IN (SELECT a.id FROM temp.merge_items m"
                         "  JOIN annotations a ON a.uuid_key = scholia_uuid_key(m.uuid) WHERE m.existed UNION SELECT id FROM temp.merge_annotations);"
                         "DELETE FROM annotation_themes WHERE annotation_id IN (SELECT a.id FROM temp.merge_items m"
                         "  JOIN annotations a ON a.uuid_key = scholia_uuid_key(m.uuid) WHERE m.existed UNION SELECT id FROM temp.merge_annotations);"
                         "DELETE FROM annotations WHERE id IN (SELECT a.id FROM temp.merge_items m"
                         "  JOIN annotations a ON a.uuid_key = scholia_uuid_key(m.uuid) WHERE m.existed AND m.kind != 0);"
                         "DELETE FROM replies WHERE id IN (SELECT r.id FROM temp.merge_items m"
                         "  JOIN replies r ON r.uuid = m.uuid WHERE m.existed AND m.kind != 1);",
                         error)))
    return FALSE;

  if (!scholia_db_set_triggers (db, FALSE, error))
    return FALSE;
  ok = write_rows (merge, error);
  /* On, whatever happened: every other write needs them. */
  if (!scholia_db_set_triggers (db, TRUE, ok ? error : NULL))
    ok = FALSE;
  return ok;
}

/* Decides, for one uuid, whether the log's owner is its creator, and applies its latest record
 * when it is newer than what the library has. */
static gboolean
merge_item (Merge       *merge,
            Item        *item,
            GError     **error)
{
  static const Known nowhere = { KNOWN_NOWHERE, 0, NULL, NULL, 0 };
  const Known *found = g_hash_table_lookup (merge->known, item->latest->uuid);
  const Known known = found != NULL ? *found : nowhere;
  const char *first = item->first_put != NULL ? item->first_put->hlc : NULL;
  gboolean ok = TRUE;

  if (known.known == KNOWN_NOWHERE)
    ok = apply_item (merge, item, first != NULL ? first : item->latest->hlc, &known, error);
  else if (known.creator_id == merge->owner_id)
    {
      const char *earliest = first != NULL && strcmp (first, known.first_hlc) < 0 ? first : known.first_hlc;

      if (strcmp (item->latest->hlc, known.hlc) > 0)
        ok = apply_item (merge, item, earliest, &known, error);
      else
        merge->report->unchanged += item->records->len;
    }
  else if (first != NULL && strcmp (first, known.first_hlc) < 0)
    /* An earlier put than the one taken for the creation: the owner created it, and whatever
     * the other participant logged of it never counted. */
    ok = apply_item (merge, item, first, &known, error);
  else
    for (guint i = 0; i < item->records->len; i++)
      count_forged (merge, g_ptr_array_index (item->records, i));
  return ok;
}

static GHashTable *
index_documents (ScholiaStore *self)
{
  GListModel *documents = scholia_store_get_documents (self);
  GHashTable *by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

      g_hash_table_insert (by_uuid, (gpointer) scholia_document_get_uuid (document), document);
    }
  return by_uuid;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *left = *(const Item **) a;
  const Item *right = *(const Item **) b;

  return strcmp (left->latest->uuid, right->latest->uuid);
}

static gboolean
merge_items (Merge       *merge,
             GHashTable  *items,
             const char  *owner_uuid,
             const char  *owner_name,
             GError     **error)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (g_hash_table_size (items));
  ScholiaDb *db = merge->store->db;
  g_autoptr(ScholiaDbRows) staged_items = scholia_db_rows_new (db, "temp.merge_items",
                                                                "uuid, first_hlc, hlc, kind, existed", "tttii");
  g_autoptr(ScholiaDbRows) staged_annotations =
    scholia_db_rows_new (db, "temp.merge_annotations",
                         "id, uuid, document_id, start_offset, end_offset, quote, prefix, suffix, note,"
                         " created, modified, first_hlc, hlc",
                         "itiiittttiitt");
  g_autoptr(ScholiaDbRows) staged_links = scholia_db_rows_new (db, "temp.merge_links",
                                                                "annotation_id, kind, label_id, position", "iiii");
  g_autoptr(ScholiaDbRows) staged_replies = scholia_db_rows_new (db, "temp.merge_replies",
                                                                  "uuid, annotation_uuid, body, created, modified,"
                                                                  " first_hlc, hlc",
                                                                  "tttiitt");
  g_autoptr(GHashTable) known = NULL;
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, items);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    g_ptr_array_add (sorted, item);

  /* By uuid, so that the rows are written in the same order whatever the log's order. */
  g_ptr_array_sort (sorted, compare_items);
  merge->staged_items = staged_items;
  merge->staged_annotations = staged_annotations;
  merge->staged_links = staged_links;
  merge->staged_replies = staged_replies;
  if (!scholia_db_exec (db, staging_tables, error) ||
      !execute_with_id (db, "INSERT INTO seminar_merging (seminar_id) VALUES (?)", merge->seminar->id, error) ||
      !_scholia_store_ensure_participant (merge->store, merge->seminar->id, owner_uuid, owner_name, FALSE,
                                          &merge->owner_id, error) ||
      !(known = lookup_known (merge, sorted, error)) ||
      !scholia_db_query_int (db, "SELECT coalesce(max(id), 0) + 1 FROM annotations", &merge->next_id, error))
    return FALSE;
  merge->known = known;
  for (guint i = 0; i < sorted->len; i++)
    if (!merge_item (merge, g_ptr_array_index (sorted, i), error))
      return FALSE;
  return write_staged (merge, error) &&
         (merge->max_hlc == NULL ||
          (_scholia_store_advance_seminar_clock (merge->store, merge->seminar->id, merge->max_hlc, error) &&
           _scholia_store_note_first_clock (merge->store, merge->seminar->id, merge->owner_id, merge->min_hlc,
                                            error))) &&
         scholia_db_exec (db, "DELETE FROM seminar_merging", error);
}

gboolean
scholia_store_merge_log (ScholiaStore        *self,
                         ScholiaSeminar      *seminar,
                         const char          *owner_uuid,
                         const char          *owner_name,
                         GPtrArray           *records,
                         ScholiaMergeReport  *report,
                         GError             **error)
{
  ScholiaMergeReport scratch = { 0 };
  g_autoptr(GHashTable) items = NULL;
  g_autoptr(GHashTable) documents = NULL;
  g_autoptr(GHashTable) tag_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) theme_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) allowed_tags = NULL;
  Merge merge = { 0 };
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (seminar != NULL && owner_uuid != NULL && records != NULL, FALSE);

  if (!_scholia_store_seminar_allowed_tags (self, seminar, owner_uuid, &allowed_tags, error))
    return FALSE;
  documents = index_documents (self);
  merge = (Merge) { .store = self, .seminar = seminar, .report = report != NULL ? report : &scratch,
                    .documents = documents, .tag_ids = tag_ids, .theme_ids = theme_ids, .touched = touched,
                    .allowed_tags = allowed_tags };
  items = group_records (&merge, records, owner_uuid);
  resolve_labels (&merge, items);

  if (!scholia_db_begin (self->db, error))
    {
      scholia_merge_report_clear (&scratch);
      return FALSE;
    }
  if (!merge_items (&merge, items, owner_uuid, owner_name, error) || !scholia_db_commit (self->db, error))
    {
      scholia_db_rollback (self->db);
      scholia_merge_report_clear (&scratch);
      return FALSE;
    }
  scholia_merge_report_clear (&scratch);

  if (self->batch_touched == NULL)
    return _scholia_store_follow_merge (self, touched, error);
  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (self->batch_touched, g_memdup2 (key, sizeof (gint64)));
  return TRUE;
}

gboolean
_scholia_store_follow_merge (ScholiaStore  *self,
                             GHashTable    *touched,
                             GError       **error)
{
  GHashTableIter iter;
  gpointer key;
  gboolean ok = TRUE;

  /* Committed: what views hold follows, essay by essay. */
  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GError) local_error = NULL;

      if (ok && !_scholia_store_reload_annotations (self, *(gint64 *) key, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
      _scholia_store_emit_annotations_changed (self, *(gint64 *) key);
    }
  return ok;
}
