/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-names.h"
#include "scholia-passage-sql.h"
#include "scholia-passage-sql.h"
#include "scholia-schema.h"

/* Version 1: everything the product needs, so that later features add behaviour, not tables.
 * Offsets are Unicode code points into documents.text. The FTS5 tables index document text and
 * annotation notes with diacritics folded ("Zelenski" finds "Żeleński"; letters such as ł that have
 * no unaccented form are matched by the search itself), kept current by triggers. */
static const char schema_v1[] =
  "CREATE TABLE authors ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)"
  ");"
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  author_id INTEGER REFERENCES authors (id),"
  "  date TEXT NOT NULL DEFAULT '',"
  "  source TEXT NOT NULL DEFAULT '',"
  "  text TEXT NOT NULL,"
  "  characters INTEGER NOT NULL,"
  "  checksum TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL"
  ");"
  "CREATE INDEX documents_author ON documents (author_id);"
  "CREATE TABLE document_pages ("
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  start_offset INTEGER NOT NULL,"
  "  end_offset INTEGER NOT NULL,"
  "  label TEXT NOT NULL,"
  "  PRIMARY KEY (document_id, start_offset)"
  ") WITHOUT ROWID;"
  "CREATE TABLE tags ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  colour TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL,"
  "  builtin INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE themes ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  colour TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE TABLE annotations ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  start_offset INTEGER NOT NULL CHECK (start_offset >= 0),"
  "  end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),"
  "  quote TEXT NOT NULL,"
  "  prefix TEXT NOT NULL DEFAULT '',"
  "  suffix TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT '',"
  "  orphaned INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL"
  ");"
  "CREATE INDEX annotations_document ON annotations (document_id, start_offset, end_offset);"
  /* Counting placed passages (the matrix) reads this small index instead of every annotation
   * row with its quote and context. */
  "CREATE INDEX annotations_placed ON annotations (orphaned, document_id);"
  "CREATE TABLE annotation_tags ("
  "  annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (annotation_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX annotation_tags_tag ON annotation_tags (tag_id);"
  "CREATE TABLE annotation_themes ("
  "  annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  theme_id INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (annotation_id, theme_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX annotation_themes_theme ON annotation_themes (theme_id);"
  "CREATE VIRTUAL TABLE documents_fts USING fts5 ("
  "  title, text, content='documents', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
  "  INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);"
  "END;"
  "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
  "  INSERT INTO documents_fts (documents_fts, rowid, title, text)"
  "    VALUES ('delete', old.id, old.title, old.text);"
  "END;"
  "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN"
  "  INSERT INTO documents_fts (documents_fts, rowid, title, text)"
  "    VALUES ('delete', old.id, old.title, old.text);"
  "  INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);"
  "END;"
  "CREATE VIRTUAL TABLE notes_fts USING fts5 ("
  "  note, content='annotations', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER notes_fts_insert AFTER INSERT ON annotations BEGIN"
  "  INSERT INTO notes_fts (rowid, note) VALUES (new.id, new.note);"
  "END;"
  "CREATE TRIGGER notes_fts_delete AFTER DELETE ON annotations BEGIN"
  "  INSERT INTO notes_fts (notes_fts, rowid, note) VALUES ('delete', old.id, old.note);"
  "END;"
  "CREATE TRIGGER notes_fts_update AFTER UPDATE OF note ON annotations BEGIN"
  "  INSERT INTO notes_fts (notes_fts, rowid, note) VALUES ('delete', old.id, old.note);"
  "  INSERT INTO notes_fts (rowid, note) VALUES (new.id, new.note);"
  "END;"
  /* The four tags every new library starts with; the user may rename and recolour them.
   * Version 2 gives them the palette's colours. */
  "INSERT INTO tags (name, colour, description, position, builtin) VALUES"
  "  ('thesis', '#3584e4', 'A claim the author argues for', 0, 1),"
  "  ('evidence', '#2ec27e', 'Facts, figures or testimony offered in support', 1, 1),"
  "  ('source-reference', '#e5a50a', 'A citation of an archive, text or witness', 2, 1),"
  "  ('counter-argument', '#e01b24', 'A position the author argues against', 3, 1);";

/* Version 2 also moves the built-in tags still on version 1's colours to the palette's first
 * four (src/core/scholia-colour.c): version 1's blue thesis was all but the colour of a
 * selection. A colour the user chose is kept. */
static const char recolour_builtin_tags[] =
  "UPDATE tags SET colour = '#a01890' WHERE id = 1 AND builtin = 1 AND lower(colour) = '#3584e4';"
  "UPDATE tags SET colour = '#38a010' WHERE id = 2 AND builtin = 1 AND lower(colour) = '#2ec27e';"
  "UPDATE tags SET colour = '#d07020' WHERE id = 3 AND builtin = 1 AND lower(colour) = '#e5a50a';"
  "UPDATE tags SET colour = '#ff0008' WHERE id = 4 AND builtin = 1 AND lower(colour) = '#e01b24';";

/* Version 2: each author's "sort as" key (issue 12: authors sorted by their last word, which
 * scattered "Anonymous (excerpt A)"), guessed from the name for the authors already there. */
static gboolean
guess_author_sort_keys (ScholiaDb  *db,
                        GError    **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  stmt = scholia_db_get_statement (db, "SELECT id, name FROM authors", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 id = scholia_db_statement_column_int64 (stmt, 0);

      g_ptr_array_add (ids, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (keys, scholia_names_guess_sort_key (scholia_db_statement_column_text (stmt, 1)));
    }
  scholia_db_statement_reset (stmt);
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      stmt = scholia_db_get_statement (db, "UPDATE authors SET sort_key = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      scholia_db_statement_bind_text (stmt, 1, g_ptr_array_index (keys, i));
      scholia_db_statement_bind_int64 (stmt, 2, *(gint64 *) g_ptr_array_index (ids, i));
      if (!scholia_db_statement_execute (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
migrate_v2_author_sort_keys (ScholiaDb  *db,
                             GError    **error)
{
  return scholia_db_exec (db, "ALTER TABLE authors ADD COLUMN sort_key TEXT NOT NULL DEFAULT ''", error) &&
         guess_author_sort_keys (db, error) &&
         scholia_db_exec (db, recolour_builtin_tags, error);
}

/* A library that cannot be written reads the guesses (and the new colours) from temporary
 * copies of its authors and tags, which hide the file's tables for this connection only. */
static gboolean
read_v2_author_sort_keys (ScholiaDb  *db,
                          GError    **error)
{
  return scholia_db_exec (db, "CREATE TEMP TABLE authors AS"
                              " SELECT id, name, '' AS sort_key FROM main.authors", error) &&
         guess_author_sort_keys (db, error) &&
         scholia_db_exec (db, "CREATE TEMP TABLE tags AS SELECT * FROM main.tags", error) &&
         scholia_db_exec (db, recolour_builtin_tags, error);
}

/* Version 3: why each unplaced annotation is unplaced (issue 12: annotations imported from a
 * file whose quote is not in the essay said "The text changed…"). The code is
 * scholia_unplaced_reason_to_code()'s, the source the name of the file an import came from.
 * Orphans already there get "unknown": they may have lost their place to an edit or come from
 * an import, and the library did not say which. */
static const char schema_v3[] =
  "ALTER TABLE annotations ADD COLUMN unplaced_reason TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE annotations ADD COLUMN unplaced_source TEXT NOT NULL DEFAULT '';"
  "UPDATE annotations SET unplaced_reason = 'unknown' WHERE orphaned != 0;";

/* Read-only, a temporary view adds the two columns as the migration would have filled them. */
static gboolean
read_v3_unplaced_reasons (ScholiaDb  *db,
                          GError    **error)
{
  return scholia_db_exec (db, "CREATE TEMP VIEW annotations AS SELECT *,"
                              " CASE WHEN orphaned != 0 THEN 'unknown' ELSE '' END AS unplaced_reason,"
                              " '' AS unplaced_source FROM main.annotations", error);
}

/* Version 4: each essay has a language (an ISO 639-1 code, see scholia-language.h), guessed
 * from its text for the essays already there, and the documents' index stems every word in its
 * essay's language (the "scholia_stem" tokenizer, registered on every connection by
 * scholia-db.c; see scholia-stem-tokenizer.h for the design). FTS5 gives a tokenizer the text
 * alone, so the index reads its content through a view that puts the language in front of the
 * title and the text as a marker (U+FDD2 code U+FDD2, char(64978)), which the tokenizer reads
 * and skips. Self-contained: a later migration may come before or after it. */
#define LANGUAGE_MARKER(row, column) \
  "char(64978) || " row ".language || char(64978) || " row "." column
#define STEMMED_INDEX(schema) \
  "CREATE VIEW " schema "documents_fts_source AS SELECT id, " \
  LANGUAGE_MARKER ("documents", "title") " AS title, " LANGUAGE_MARKER ("documents", "text") " AS text" \
  "  FROM documents;" \
  "CREATE VIRTUAL TABLE " schema "documents_fts USING fts5 (" \
  "  title, text, content='documents_fts_source', content_rowid='id'," \
  "  tokenize='scholia_stem remove_diacritics 2');"
static const char stemmed_search[] =
  "ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT 'en';"
  "UPDATE documents SET language = scholia_guess_language(text);"
  "DROP TRIGGER documents_fts_insert;"
  "DROP TRIGGER documents_fts_delete;"
  "DROP TRIGGER documents_fts_update;"
  "DROP TABLE documents_fts;"
  STEMMED_INDEX ("")
  "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
  "  INSERT INTO documents_fts (rowid, title, text)"
  "    VALUES (new.id, " LANGUAGE_MARKER ("new", "title") ", " LANGUAGE_MARKER ("new", "text") ");"
  "END;"
  "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
  "  INSERT INTO documents_fts (documents_fts, rowid, title, text)"
  "    VALUES ('delete', old.id, " LANGUAGE_MARKER ("old", "title") ", " LANGUAGE_MARKER ("old", "text") ");"
  "END;"
  "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text, language ON documents BEGIN"
  "  INSERT INTO documents_fts (documents_fts, rowid, title, text)"
  "    VALUES ('delete', old.id, " LANGUAGE_MARKER ("old", "title") ", " LANGUAGE_MARKER ("old", "text") ");"
  "  INSERT INTO documents_fts (rowid, title, text)"
  "    VALUES (new.id, " LANGUAGE_MARKER ("new", "title") ", " LANGUAGE_MARKER ("new", "text") ");"
  "END;"
  "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');";

/* A library that cannot be written searches as the latest version does, so that a query finds
 * the same essays and every place the results list shows: its essays, with guessed languages,
 * and a stemmed index of them are built in temporary tables, which hide the file's for this
 * connection only (FTS5 keeps a temporary index's rows in the temporary database too). The old
 * index in the file is left unread: it holds words unstemmed. */
static const char read_stemmed_search[] =
  "CREATE TEMP TABLE documents AS"
  "  SELECT *, scholia_guess_language(text) AS language FROM main.documents;"
  STEMMED_INDEX ("temp.")
  "INSERT INTO temp.documents_fts (documents_fts) VALUES ('rebuild');";

static gboolean
read_v4_stemmed_search (ScholiaDb  *db,
                        GError    **error)
{
  return scholia_db_exec (db, read_stemmed_search, error);
}

/* Version 5: seminars (issue 14). A seminar is a shared folder of essays and one append-only log
 * per participant; the library is each participant's cache of all the logs merged.
 *
 * - participants: everyone whose log was read, and this library's user (me = 1), each with a
 *   colour (since version 6 from the participants' palette, by rank: see scholia-store-seminars.c;
 *   before, from the tag palette picked from the uuid), so that every library shows a participant
 *   in the same colour.
 * - seminars: the folder or WebDAV URL (location), this library's role and participant, the
 *   leader's options as JSON, the clock last seen or made (so that my next record sorts after
 *   everything seen), and how the last sync went.
 * - seminar_participants, seminar_essays: who and what a seminar holds.
 * - annotations.participant_id: who wrote it (NULL: this library's user outside any seminar, or
 *   not yet published); annotations.hlc: the clock of the record that set its state.
 * - replies: answers to an annotation, by uuid as text, since the annotation may arrive later.
 * - seminar_items: for every annotation or reply uuid a log has spoken of, its creator (the
 *   author of its earliest put: only the creator's records count), that put's clock, the clock
 *   of the state applied, and whether that state is a deletion: a deleted uuid's row is its
 *   tombstone, which a late put with an older clock cannot resurrect.
 * - seminar_logs: per remote log, its ETag and how many bytes of it were merged, so that an
 *   unchanged log is not fetched again.
 * - seminar_own_log: every record this library's user logged, in order, in columns (the line is
 *   serialised from them when the log is uploaded), committed before any upload, so that the
 *   log can be uploaded whole again and is never lost.
 * - seminar_outbox: my changes not logged yet, marked by triggers, so that the editor, the GUI
 *   and the CLI need not know about seminars. Writes made while seminar_merging holds a row
 *   (only inside a merge's transaction) are the merge's own and are not marked. */
static const char schema_v5[] =
  "CREATE TABLE participants ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  colour TEXT NOT NULL,"
  "  me INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE seminars ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  location TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('leader', 'participant')),"
  "  participant_id INTEGER NOT NULL REFERENCES participants (id),"
  "  options TEXT NOT NULL DEFAULT '{}',"
  "  clock TEXT NOT NULL DEFAULT '',"
  "  last_sync INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE seminar_participants ("
  "  seminar_id INTEGER NOT NULL REFERENCES seminars (id) ON DELETE CASCADE,"
  "  participant_id INTEGER NOT NULL REFERENCES participants (id),"
  "  PRIMARY KEY (seminar_id, participant_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE seminar_essays ("
  "  seminar_id INTEGER NOT NULL REFERENCES seminars (id) ON DELETE CASCADE,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (seminar_id, document_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX seminar_essays_document ON seminar_essays (document_id);"
  "ALTER TABLE annotations ADD COLUMN participant_id INTEGER REFERENCES participants (id);"
  "ALTER TABLE annotations ADD COLUMN hlc TEXT NOT NULL DEFAULT '';"
  "CREATE TABLE replies ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  seminar_id INTEGER NOT NULL REFERENCES seminars (id) ON DELETE CASCADE,"
  "  annotation_uuid TEXT NOT NULL,"
  "  participant_id INTEGER NOT NULL REFERENCES participants (id),"
  "  body TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  hlc TEXT NOT NULL DEFAULT '',"
  "  read INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX replies_annotation ON replies (annotation_uuid, created);"
  "CREATE TABLE seminar_items ("
  "  uuid TEXT PRIMARY KEY,"
  "  seminar_id INTEGER NOT NULL REFERENCES seminars (id) ON DELETE CASCADE,"
  "  participant_id INTEGER NOT NULL REFERENCES participants (id),"
  "  first_hlc TEXT NOT NULL,"
  "  hlc TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"
  "CREATE TABLE seminar_logs ("
  "  seminar_id INTEGER NOT NULL REFERENCES seminars (id) ON DELETE CASCADE,"
  "  participant_id INTEGER NOT NULL REFERENCES participants (id),"
  "  etag TEXT NOT NULL DEFAULT '',"
  "  merged_bytes INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (seminar_id, participant_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE seminar_own_log ("
  "  id INTEGER PRIMARY KEY,"
  "  seminar_id INTEGER NOT NULL REFERENCES seminars (id) ON DELETE CASCADE,"
  "  op INTEGER NOT NULL,"
  "  hlc TEXT NOT NULL,"
  "  uuid TEXT NOT NULL,"
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  modified INTEGER NOT NULL DEFAULT 0,"
  "  document_uuid TEXT NOT NULL DEFAULT '',"
  "  start_offset INTEGER NOT NULL DEFAULT 0,"
  "  end_offset INTEGER NOT NULL DEFAULT 0,"
  "  quote TEXT NOT NULL DEFAULT '',"
  "  prefix TEXT NOT NULL DEFAULT '',"
  "  suffix TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT '',"
  "  tags TEXT NOT NULL DEFAULT '',"   /* names joined by newlines, which names never hold */
  "  themes TEXT NOT NULL DEFAULT '',"
  "  target_uuid TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX seminar_own_log_seminar ON seminar_own_log (seminar_id, id);"
  "CREATE TABLE seminar_outbox ("
  "  seminar_id INTEGER NOT NULL REFERENCES seminars (id) ON DELETE CASCADE,"
  "  uuid TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('annotation', 'reply')),"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (seminar_id, uuid)"
  ") WITHOUT ROWID;"
  "CREATE TABLE seminar_merging (seminar_id INTEGER NOT NULL);"
#define NOT_MERGING "NOT EXISTS (SELECT 1 FROM seminar_merging)"
#define IS_MINE(row) \
  "(" row ".participant_id IS NULL OR" \
  " EXISTS (SELECT 1 FROM participants p WHERE p.id = " row ".participant_id AND p.me != 0))"
  "CREATE TRIGGER seminar_outbox_annotation_insert AFTER INSERT ON annotations"
  "  WHEN " NOT_MERGING " AND " IS_MINE ("new") " BEGIN"
  "  INSERT INTO seminar_outbox (seminar_id, uuid, kind, deleted)"
  "    SELECT seminar_id, new.uuid, 'annotation', 0 FROM seminar_essays WHERE document_id = new.document_id"
  "    ON CONFLICT (seminar_id, uuid) DO UPDATE SET deleted = 0;"
  "END;"
  "CREATE TRIGGER seminar_outbox_annotation_update"
  "  AFTER UPDATE OF note, start_offset, end_offset, modified ON annotations"
  "  WHEN " NOT_MERGING " AND " IS_MINE ("new") " BEGIN"
  "  INSERT INTO seminar_outbox (seminar_id, uuid, kind, deleted)"
  "    SELECT seminar_id, new.uuid, 'annotation', 0 FROM seminar_essays WHERE document_id = new.document_id"
  "    ON CONFLICT (seminar_id, uuid) DO NOTHING;"
  "END;"
  "CREATE TRIGGER seminar_outbox_annotation_delete AFTER DELETE ON annotations"
  "  WHEN " NOT_MERGING " AND " IS_MINE ("old") " BEGIN"
  "  INSERT INTO seminar_outbox (seminar_id, uuid, kind, deleted)"
  "    SELECT seminar_id, old.uuid, 'annotation', 1 FROM seminar_essays WHERE document_id = old.document_id"
  "    ON CONFLICT (seminar_id, uuid) DO UPDATE SET deleted = 1;"
  "END;"
#define LINK_TRIGGER(table, event, row) \
  "CREATE TRIGGER seminar_outbox_" table "_" event " AFTER " event " ON " table \
  "  WHEN " NOT_MERGING " BEGIN" \
  "  INSERT INTO seminar_outbox (seminar_id, uuid, kind, deleted)" \
  "    SELECT e.seminar_id, a.uuid, 'annotation', 0 FROM annotations a" \
  "      JOIN seminar_essays e ON e.document_id = a.document_id" \
  "      WHERE a.id = " row ".annotation_id AND " IS_MINE ("a") \
  "    ON CONFLICT (seminar_id, uuid) DO NOTHING;" \
  "END;"
  LINK_TRIGGER ("annotation_tags", "INSERT", "new")
  LINK_TRIGGER ("annotation_tags", "DELETE", "old")
  LINK_TRIGGER ("annotation_themes", "INSERT", "new")
  LINK_TRIGGER ("annotation_themes", "DELETE", "old")
  "CREATE TRIGGER seminar_outbox_reply_insert AFTER INSERT ON replies"
  "  WHEN " NOT_MERGING " AND " IS_MINE ("new") " BEGIN"
  "  INSERT INTO seminar_outbox (seminar_id, uuid, kind, deleted) VALUES (new.seminar_id, new.uuid, 'reply', 0)"
  "    ON CONFLICT (seminar_id, uuid) DO UPDATE SET deleted = 0;"
  "END;"
  "CREATE TRIGGER seminar_outbox_reply_update AFTER UPDATE OF body ON replies"
  "  WHEN " NOT_MERGING " AND " IS_MINE ("new") " BEGIN"
  "  INSERT INTO seminar_outbox (seminar_id, uuid, kind, deleted) VALUES (new.seminar_id, new.uuid, 'reply', 0)"
  "    ON CONFLICT (seminar_id, uuid) DO NOTHING;"
  "END;"
  "CREATE TRIGGER seminar_outbox_reply_delete AFTER DELETE ON replies"
  "  WHEN " NOT_MERGING " AND " IS_MINE ("old") " BEGIN"
  "  INSERT INTO seminar_outbox (seminar_id, uuid, kind, deleted) VALUES (old.seminar_id, old.uuid, 'reply', 1)"
  "    ON CONFLICT (seminar_id, uuid) DO UPDATE SET deleted = 1;"
  "END;";
#undef LINK_TRIGGER
#undef IS_MINE
#undef NOT_MERGING

/* Read-only, a library of version 4 or older has no seminars: empty temporary tables, and the
 * annotations seen with the two new columns, NULL and "". */
static const char read_seminar_tables[] =
  "CREATE TEMP TABLE participants (id INTEGER PRIMARY KEY, uuid TEXT, name TEXT, colour TEXT, me INTEGER);"
  "CREATE TEMP TABLE seminars (id INTEGER PRIMARY KEY, uuid TEXT, name TEXT, location TEXT, role TEXT,"
  "  participant_id INTEGER, options TEXT, clock TEXT, last_sync INTEGER, last_error TEXT);"
  "CREATE TEMP TABLE seminar_participants (seminar_id INTEGER, participant_id INTEGER);"
  "CREATE TEMP TABLE seminar_essays (seminar_id INTEGER, document_id INTEGER);"
  "CREATE TEMP TABLE replies (id INTEGER PRIMARY KEY, uuid TEXT, seminar_id INTEGER,"
  "  annotation_uuid TEXT, participant_id INTEGER, body TEXT, created INTEGER, modified INTEGER,"
  "  hlc TEXT, read INTEGER);"
  "CREATE TEMP TABLE seminar_items (uuid TEXT PRIMARY KEY, seminar_id INTEGER, participant_id INTEGER,"
  "  first_hlc TEXT, hlc TEXT, deleted INTEGER);"
  "CREATE TEMP TABLE seminar_logs (seminar_id INTEGER, participant_id INTEGER, etag TEXT,"
  "  merged_bytes INTEGER);"
  "CREATE TEMP TABLE seminar_own_log (id INTEGER PRIMARY KEY, seminar_id INTEGER, op INTEGER,"
  "  hlc TEXT, uuid TEXT, created INTEGER, modified INTEGER, document_uuid TEXT,"
  "  start_offset INTEGER, end_offset INTEGER, quote TEXT, prefix TEXT, suffix TEXT, note TEXT,"
  "  tags TEXT, themes TEXT, target_uuid TEXT, body TEXT);"
  "CREATE TEMP TABLE seminar_outbox (seminar_id INTEGER, uuid TEXT, kind TEXT, deleted INTEGER);"
  "CREATE TEMP TABLE seminar_merging (seminar_id INTEGER);";

/* Read-only, the annotations seen through a temporary view with @columns added to the file's.
 * A library read through an earlier version's emulation has a view of that name already: its
 * rows are copied into @copy, as the view cannot be replaced by one that reads itself. */
static gboolean
view_annotations_with (ScholiaDb   *db,
                       const char  *columns,
                       const char  *copy,
                       GError     **error)
{
  g_autofree char *sql = NULL;
  gint64 emulated = 0;

  if (!scholia_db_query_int (db, "SELECT count(*) FROM temp.sqlite_master WHERE name = 'annotations'",
                             &emulated, error))
    return FALSE;
  if (emulated == 0)
    sql = g_strdup_printf ("CREATE TEMP VIEW annotations AS SELECT *, %s FROM main.annotations", columns);
  else
    sql = g_strdup_printf ("CREATE TEMP TABLE %s AS SELECT * FROM temp.annotations;"
                           "DROP VIEW temp.annotations;"
                           "CREATE TEMP VIEW annotations AS SELECT *, %s FROM temp.%s", copy, columns, copy);
  return scholia_db_exec (db, sql, error);
}

static gboolean
read_v5_seminars (ScholiaDb  *db,
                  GError    **error)
{
  return scholia_db_exec (db, read_seminar_tables, error) &&
         view_annotations_with (db, "NULL AS participant_id, '' AS hlc", "annotations_v4", error);
}

/* Version 6: each participant's first clock in a seminar, the earliest of the records their log
 * created ("" while none is known), which ranks the participants for their colours the same way
 * in every library that merged the same logs (scholia-store-seminars.c). */
static const char schema_v6[] =
  "ALTER TABLE seminar_participants ADD COLUMN first_clock TEXT NOT NULL DEFAULT '';"
  "UPDATE seminar_participants SET first_clock = coalesce ((SELECT min (i.first_hlc) FROM seminar_items i"
  "  WHERE i.seminar_id = seminar_participants.seminar_id"
  "  AND i.participant_id = seminar_participants.participant_id), '');";

/* Read-only: the column, empty, on a copy of the table (or on version 5's emulated one). */
static gboolean
read_v6_first_clocks (ScholiaDb  *db,
                      GError    **error)
{
  gint64 emulated = 0;

  if (!scholia_db_query_int (db, "SELECT count(*) FROM temp.sqlite_master WHERE name = 'seminar_participants'",
                             &emulated, error))
    return FALSE;
  if (emulated != 0)
    return scholia_db_exec (db, "ALTER TABLE temp.seminar_participants"
                                " ADD COLUMN first_clock TEXT NOT NULL DEFAULT ''", error);
  return scholia_db_exec (db, "CREATE TEMP TABLE seminar_participants AS"
                              " SELECT *, '' AS first_clock FROM main.seminar_participants", error);
}

/* Version 7 keeps what a W3C Web Annotation brought with it that the annotations table has no
 * column for: its identity elsewhere ("canonical", which the model says no system may change
 * or drop once set, and "via", the id it had where it came from), its motivation, its
 * creator's name and its note's purpose, language and format (with the HTML it was given).
 * Keyed by the annotation's uuid, not its row id, so that what undo or a restore writes back
 * under the same uuid keeps its identity; rows are only ever added. */
#define ANNOTATION_PROVENANCE_COLUMNS \
  "  uuid TEXT PRIMARY KEY," \
  "  canonical TEXT," \
  "  via TEXT," \
  "  motivation TEXT," \
  "  creator TEXT," \
  "  note_purpose TEXT," \
  "  note_language TEXT," \
  "  note_format TEXT," \
  "  note_html TEXT"

static const char schema_v7[] =
  "CREATE TABLE annotation_provenance (" ANNOTATION_PROVENANCE_COLUMNS ");"
  "CREATE INDEX annotation_provenance_canonical ON annotation_provenance (canonical);";

/* Read-only, a library of version 6 or older has kept nothing of that: an empty table. */
static gboolean
read_v7_provenance (ScholiaDb  *db,
                    GError    **error)
{
  return scholia_db_exec (db, "CREATE TEMP TABLE annotation_provenance (" ANNOTATION_PROVENANCE_COLUMNS ");",
                          error);
}
#undef ANNOTATION_PROVENANCE_COLUMNS

/* Version 8: a merged annotation's or reply's first clock is kept on its row, and seminar_items
 * keeps only tombstones and my own log's uuids (scholia-store-seminar-merge.c): a first sync
 * of 60,000 annotations no longer writes 60,000 rows more, each in a random place of a large
 * table. What seminar_items knew of the others' live rows moves onto those rows. */
static const char schema_v8_move[] =
  "CREATE TEMP TABLE v8_moved AS SELECT i.uuid, i.first_hlc FROM seminar_items i"
  "  JOIN participants p ON p.id = i.participant_id"
  "  WHERE i.deleted = 0 AND p.me = 0 AND (EXISTS (SELECT 1 FROM annotations a WHERE a.uuid = i.uuid"
  "    AND a.participant_id IS i.participant_id AND a.hlc = i.hlc)"
  "   OR EXISTS (SELECT 1 FROM replies r WHERE r.uuid = i.uuid"
  "    AND r.participant_id = i.participant_id AND r.hlc = i.hlc));"
  "UPDATE annotations SET first_hlc = (SELECT m.first_hlc FROM temp.v8_moved m WHERE m.uuid = annotations.uuid)"
  "  WHERE uuid IN (SELECT uuid FROM temp.v8_moved);"
  "UPDATE replies SET first_hlc = (SELECT m.first_hlc FROM temp.v8_moved m WHERE m.uuid = replies.uuid)"
  "  WHERE uuid IN (SELECT uuid FROM temp.v8_moved);"
  "DELETE FROM seminar_items WHERE uuid IN (SELECT uuid FROM temp.v8_moved);"
  "DROP TABLE temp.v8_moved;";

/* Adds @table's first_hlc column unless it has it: a library set back to an earlier version by
 * its user_version alone (as the upgrade tests do) still has it. */
static gboolean
add_first_clock_column (ScholiaDb   *db,
                        const char  *table,
                        GError     **error)
{
  g_autofree char *has_sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s')"
                                              " WHERE name = 'first_hlc'", table);
  g_autofree char *add_sql = g_strdup_printf ("ALTER TABLE %s ADD COLUMN first_hlc TEXT NOT NULL DEFAULT ''",
                                              table);
  gint64 has = 0;

  return scholia_db_query_int (db, has_sql, &has, error) &&
         (has != 0 || scholia_db_exec (db, add_sql, error));
}

static gboolean
migrate_v8_first_clocks (ScholiaDb  *db,
                         GError    **error)
{
  return add_first_clock_column (db, "annotations", error) &&
         add_first_clock_column (db, "replies", error) &&
         scholia_db_exec (db, schema_v8_move, error);
}

/* Read-only, nothing is to emulate: only a merge reads the new column, and a library that
 * cannot be written is never merged into. */
static gboolean
read_v8_first_clocks (ScholiaDb  *db,
                      GError    **error)
{
  return TRUE;
}

/* Version 9: bibliographic references (issue 15), imported from Zotero's CSL-JSON or BibTeX and
 * keyed by citation key (scholia-store-references.c): the fields a citation needs, the authors
 * and editors as CSL-JSON name arrays, the item's CSL-JSON as given (for round trips) and the
 * folded words of key, names and title that searching as one types reads. An essay's citation
 * key is kept apart from the reference, by the essay's uuid, so that a key may name a reference
 * not imported yet, stays when its reference is imported again, and comes back with an essay
 * restored by undo. */
#define BIB_REFERENCES_COLUMNS \
  "  citation_key TEXT PRIMARY KEY," \
  "  csl_type TEXT NOT NULL DEFAULT ''," \
  "  authors TEXT NOT NULL DEFAULT '[]'," \
  "  editors TEXT NOT NULL DEFAULT '[]'," \
  "  title TEXT NOT NULL DEFAULT ''," \
  "  container_title TEXT NOT NULL DEFAULT ''," \
  "  collection_title TEXT NOT NULL DEFAULT ''," \
  "  volume TEXT NOT NULL DEFAULT ''," \
  "  issue TEXT NOT NULL DEFAULT ''," \
  "  page TEXT NOT NULL DEFAULT ''," \
  "  publisher TEXT NOT NULL DEFAULT ''," \
  "  publisher_place TEXT NOT NULL DEFAULT ''," \
  "  issued TEXT NOT NULL DEFAULT ''," \
  "  doi TEXT NOT NULL DEFAULT ''," \
  "  url TEXT NOT NULL DEFAULT ''," \
  "  accessed TEXT NOT NULL DEFAULT ''," \
  "  file TEXT NOT NULL DEFAULT ''," \
  "  source TEXT NOT NULL DEFAULT ''," \
  "  csl_json TEXT NOT NULL DEFAULT ''," \
  "  search_text TEXT NOT NULL DEFAULT ''," \
  "  imported INTEGER NOT NULL DEFAULT 0," \
  "  modified INTEGER NOT NULL DEFAULT 0"
#define DOCUMENT_CITATIONS_COLUMNS \
  "  document_uuid TEXT PRIMARY KEY," \
  "  citation_key TEXT NOT NULL"

/* IF NOT EXISTS: a library marked older than it is (as test-seminar-rules' version-5 upgrade
 * makes one) keeps its references when the step runs again. */
static const char schema_v9_references[] =
  "CREATE TABLE IF NOT EXISTS bib_references (" BIB_REFERENCES_COLUMNS ") WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS document_citations (" DOCUMENT_CITATIONS_COLUMNS ") WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS document_citations_key ON document_citations (citation_key);";

/* Read-only, a library of version 8 or older has no references and no keys: empty tables. */
static gboolean
read_v9_references (ScholiaDb  *db,
                    GError    **error)
{
  return scholia_db_exec (db, "CREATE TEMP TABLE bib_references (" BIB_REFERENCES_COLUMNS ");"
                              "CREATE TEMP TABLE document_citations (" DOCUMENT_CITATIONS_COLUMNS ");",
                          error);
}
#undef BIB_REFERENCES_COLUMNS
#undef DOCUMENT_CITATIONS_COLUMNS

/* Version 10: typed links between annotations (issue 15, section 4; scholia-link.h). A link
 * goes from the passage that answers (agrees with, contradicts, cites the same source as) to
 * the other, once per type, never from a passage to itself; the type is a built-in id or a
 * user's name, compared without case. Ids are AUTOINCREMENT so that a link put back (undo)
 * finds its id free.
 *
 * Deleting an annotation deletes its links (ON DELETE CASCADE), and sets them aside first, by
 * their ends' uuids: when an annotation comes back with its uuid (undo, a document restored,
 * a re-import), the links whose ends are both here again come back with their ids and uuids,
 * whatever path deleted and restored it. Only links lost that way are set aside; removing a
 * link removes it. */
#define ANNOTATION_LINK_COLUMNS \
  "  id INTEGER PRIMARY KEY AUTOINCREMENT," \
  "  uuid TEXT NOT NULL UNIQUE," \
  "  source_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE," \
  "  target_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE," \
  "  type TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(type)) > 0)," \
  "  created INTEGER NOT NULL," \
  "  modified INTEGER NOT NULL," \
  "  CHECK (source_id != target_id)," \
  "  UNIQUE (source_id, target_id, type)"
#define SET_ASIDE_LINK_COLUMNS \
  "  id INTEGER NOT NULL," \
  "  uuid TEXT PRIMARY KEY," \
  "  source_uuid TEXT NOT NULL," \
  "  target_uuid TEXT NOT NULL," \
  "  type TEXT NOT NULL," \
  "  created INTEGER NOT NULL," \
  "  modified INTEGER NOT NULL"

/* IF NOT EXISTS: tests that write an older library by dropping the newer versions' tables
 * from a new one need not know of these. */
static const char schema_v10_links[] =
  "CREATE TABLE IF NOT EXISTS annotation_links (" ANNOTATION_LINK_COLUMNS ");"
  "CREATE INDEX IF NOT EXISTS annotation_links_target ON annotation_links (target_id);"
  "CREATE TABLE IF NOT EXISTS annotation_links_set_aside (" SET_ASIDE_LINK_COLUMNS ") WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS annotation_links_set_aside_source ON annotation_links_set_aside (source_uuid);"
  "CREATE INDEX IF NOT EXISTS annotation_links_set_aside_target ON annotation_links_set_aside (target_uuid);"
  /* The WHEN clauses keep the triggers to one look-up in an empty table while a library has
   * no links (or none set aside): an import of 100,000 annotations runs them 100,000 times. */
  "CREATE TRIGGER IF NOT EXISTS annotation_links_set_aside_on_delete BEFORE DELETE ON annotations"
  "  WHEN EXISTS (SELECT 1 FROM annotation_links) BEGIN"
  "  INSERT OR REPLACE INTO annotation_links_set_aside"
  "    (id, uuid, source_uuid, target_uuid, type, created, modified)"
  "    SELECT l.id, l.uuid, s.uuid, t.uuid, l.type, l.created, l.modified FROM annotation_links l"
  "      JOIN annotations s ON s.id = l.source_id JOIN annotations t ON t.id = l.target_id"
  "      WHERE l.source_id = old.id OR l.target_id = old.id;"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS annotation_links_put_back_on_insert AFTER INSERT ON annotations"
  "  WHEN EXISTS (SELECT 1 FROM annotation_links_set_aside) BEGIN"
  "  INSERT OR IGNORE INTO annotation_links (id, uuid, source_id, target_id, type, created, modified)"
  "    SELECT k.id, k.uuid, s.id, t.id, k.type, k.created, k.modified FROM annotation_links_set_aside k"
  "      JOIN annotations s ON s.uuid = k.source_uuid JOIN annotations t ON t.uuid = k.target_uuid"
  "      WHERE k.source_uuid = new.uuid OR k.target_uuid = new.uuid;"
  "  DELETE FROM annotation_links_set_aside"
  "    WHERE (source_uuid = new.uuid OR target_uuid = new.uuid)"
  "    AND EXISTS (SELECT 1 FROM annotations s, annotations t"
  "      WHERE s.uuid = annotation_links_set_aside.source_uuid AND t.uuid = annotation_links_set_aside.target_uuid);"
  "END;";

/* Read-only, a library of version 9 or older has no links: empty tables. */
static gboolean
read_v10_links (ScholiaDb  *db,
               GError    **error)
{
  return scholia_db_exec (db, "CREATE TEMP TABLE annotation_links (" ANNOTATION_LINK_COLUMNS ");"
                              "CREATE TEMP TABLE annotation_links_set_aside (" SET_ASIDE_LINK_COLUMNS ");",
                          error);
}
#undef SET_ASIDE_LINK_COLUMNS
#undef ANNOTATION_LINK_COLUMNS

/* Version 11: the documents' index folds Arabic, Persian and Hebrew words (the tokenizer's
 * "fold_marks 1", see scholia-stem-tokenizer.h and scholia-search-fold.h): the index is made
 * again with it from the same content view, which the triggers keep filling. */
static const char schema_v11_folded_search[] =
  "DROP TABLE documents_fts;"
  "CREATE VIRTUAL TABLE documents_fts USING fts5 ("
  "  title, text, content='documents_fts_source', content_rowid='id',"
  "  tokenize='scholia_stem fold_marks 1 remove_diacritics 2');"
  "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');";

/* Read-only, a library of version 10 or older searches its index as it was made, without the
 * folding: making the index again would cost, at every opening, as long as the upgrade does. */
static gboolean
read_v11_folded_search (ScholiaDb  *db,
                        GError    **error)
{
  return TRUE;
}

/* Version 12: the notes' index folds Arabic, Persian and Hebrew words as the documents' does
 * since version 11, but stems none, as before ("scholia_fold", scholia-stem-tokenizer.h): made
 * again from the annotations, which its triggers keep reading by name. */
static const char schema_v12_folded_notes[] =
  "DROP TABLE notes_fts;"
  "CREATE VIRTUAL TABLE notes_fts USING fts5 ("
  "  note, content='annotations', content_rowid='id',"
  "  tokenize='scholia_fold remove_diacritics 2');"
  "INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');";

/* Read-only, a library of version 11 or older searches its notes' index as it was made. */
static gboolean
read_v12_folded_notes (ScholiaDb  *db,
                       GError    **error)
{
  return TRUE;
}

/* Version 13: the sidebar's columns of every essay in an index of their own, so that opening a
 * library reads them without walking each essay's text (stored in the same row, before the
 * columns that follow it): for 10,000 essays, 2 MB read instead of 100 MB. */
static const char schema_v13_document_listing[] =
  "CREATE INDEX IF NOT EXISTS documents_listing ON documents"
  "  (id, uuid, title, author_id, date, source, characters, checksum, created, modified, language);";

/* Read-only, a library of version 12 or older lists its essays from the table itself. */
static gboolean
read_v13_document_listing (ScholiaDb  *db,
                           GError    **error)
{
  return TRUE;
}

/* Version 14: a library of 10,000 essays and a million annotations kept within 2.5 times its
 * text (issue 17). An annotation's quote, prefix and suffix are NULL when the document's text
 * holds them at its offsets, and read through scholia_passage() (scholia-passage-sql.h); before
 * anything changes a text, the trigger keeps every such value as it was, cut from the old text,
 * so that re-anchoring still finds each annotation by what it quoted. The notes' index holds
 * only the notes written (4 annotations in 5 have none). */
#define KEEP_PASSAGES_TRIGGER \
  "CREATE TRIGGER IF NOT EXISTS annotations_keep_passages BEFORE UPDATE OF text ON documents" \
  "  WHEN new.text IS NOT old.text BEGIN" \
  "  UPDATE annotations SET quote = " SCHOLIA_QUOTE_SQL ("") ", prefix = " SCHOLIA_PREFIX_SQL ("") "," \
  "    suffix = " SCHOLIA_SUFFIX_SQL ("") \
  "    WHERE document_id = old.id AND (quote IS NULL OR prefix IS NULL OR suffix IS NULL);" \
  "END;"
static const char schema_v14_passages[] =
  "UPDATE annotations SET"
  "  quote = " SCHOLIA_STORED_PASSAGE_SQL ("0", "quote", "document_id", "start_offset", "end_offset") ","
  "  prefix = " SCHOLIA_STORED_PASSAGE_SQL ("1", "prefix", "document_id", "start_offset", "end_offset") ","
  "  suffix = " SCHOLIA_STORED_PASSAGE_SQL ("2", "suffix", "document_id", "start_offset", "end_offset") ";"
  KEEP_PASSAGES_TRIGGER
  "DROP TRIGGER IF EXISTS notes_fts_insert;"
  "DROP TRIGGER IF EXISTS notes_fts_delete;"
  "DROP TRIGGER IF EXISTS notes_fts_update;"
  "CREATE TRIGGER notes_fts_insert AFTER INSERT ON annotations WHEN new.note != '' BEGIN"
  "  INSERT INTO notes_fts (rowid, note) VALUES (new.id, new.note);"
  "END;"
  "CREATE TRIGGER notes_fts_delete AFTER DELETE ON annotations WHEN old.note != '' BEGIN"
  "  INSERT INTO notes_fts (notes_fts, rowid, note) VALUES ('delete', old.id, old.note);"
  "END;"
  "CREATE TRIGGER notes_fts_update AFTER UPDATE OF note ON annotations BEGIN"
  "  INSERT INTO notes_fts (notes_fts, rowid, note) SELECT 'delete', old.id, old.note WHERE old.note != '';"
  "  INSERT INTO notes_fts (rowid, note) SELECT new.id, new.note WHERE new.note != '';"
  "END;"
  /* FTS5 checks an index against all its content's rows: the content is a view of the notes. */
  "DROP TABLE notes_fts;"
  "CREATE VIEW IF NOT EXISTS notes_fts_source AS SELECT id, note FROM annotations WHERE note != '';"
  "CREATE VIRTUAL TABLE notes_fts USING fts5 ("
  "  note, content='notes_fts_source', content_rowid='id',"
  "  tokenize='scholia_fold remove_diacritics 2');"
  "INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');";

/* Edits the annotations table's definition in place, as SQLite's manual allows for a change
 * that keeps the rows' format: @definition (an SQL expression of the old `sql`) is written into
 * the schema and the schema's version raised, inside the migration's transaction; @check (a
 * count) must then give @expected, or the definition was not the one expected and nothing was
 * changed. */
static gboolean
edit_annotations_definition (ScholiaDb   *db,
                             const char  *definition,
                             const char  *check,
                             gint64       expected,
                             GError     **error)
{
  g_autofree char *bump = NULL;
  g_autofree char *edit = NULL;
  gint64 schema_version = 0;
  gint64 found = -1;

  if (!scholia_db_query_int (db, "PRAGMA schema_version", &schema_version, error))
    return FALSE;
  bump = g_strdup_printf ("PRAGMA schema_version = %" G_GINT64_FORMAT, schema_version + 1);
  edit = g_strdup_printf ("UPDATE sqlite_schema SET sql = %s WHERE type = 'table' AND name = 'annotations'",
                          definition);
  if (!scholia_db_exec (db, "PRAGMA writable_schema = ON", error))
    return FALSE;
  if (!scholia_db_exec (db, edit, error) || !scholia_db_exec (db, bump, error))
    {
      scholia_db_exec (db, "PRAGMA writable_schema = OFF", NULL);
      return FALSE;
    }
  if (!scholia_db_exec (db, "PRAGMA writable_schema = OFF", error) ||
      !scholia_db_query_int (db, check, &found, error))
    return FALSE;
  if (found != expected)
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED, _("could not update the library"));
      return FALSE;
    }
  return TRUE;
}

/* The columns lose their NOT NULL as SQLite's manual says a constraint may be dropped. */
static gboolean
make_passages_nullable (ScholiaDb  *db,
                        GError    **error)
{
  return edit_annotations_definition (db,
                                      "replace(replace(replace(sql, 'quote TEXT NOT NULL,', 'quote TEXT,'),"
                                      "  'prefix TEXT NOT NULL DEFAULT ''''', 'prefix TEXT DEFAULT '''''),"
                                      "  'suffix TEXT NOT NULL DEFAULT ''''', 'suffix TEXT DEFAULT ''''')",
                                      "SELECT count(*) FROM pragma_table_info('annotations')"
                                      " WHERE name IN ('quote', 'prefix', 'suffix') AND \"notnull\" != 0",
                                      0, error);
}

static gboolean
migrate_v14_passages (ScholiaDb  *db,
                      GError    **error)
{
  scholia_db_set_deriving_passages (db, TRUE);
  return make_passages_nullable (db, error) &&
         scholia_db_exec (db, schema_v14_passages, error);
}

/* A step whose library is read as it is when it cannot be written. */
static gboolean
read_as_it_is (ScholiaDb  *db,
               GError    **error)
{
  return TRUE;
}

/* Read-only, a library of version 13 or older has every quote stored, which scholia_passage()
 * gives as it is, and its notes' index finds the same notes with the empty ones in it. */
#define read_v14_passages read_as_it_is

/* Version 15: how many placed passages each author has on each theme, kept by triggers as
 * annotations, their themes and essays change, so that the authors × themes matrix reads at
 * most a row per pair (1,000 authors × 200 themes: 200,000 rows) instead of counting a
 * million annotations at each showing (issue 17). Author 0: essays without an author. A row
 * may hold 0 once its last passage went. Theme links are inserted and deleted, never updated. Orphans do not count; an essay's deletion takes its
 * annotations' counts before the cascade (whose annotation rows no longer find their essay),
 * and an annotation's before its themes' cascade (whose rows no longer find it). Writes with
 * the triggers off do their work themselves: the seminar merge (scholia-store-seminar-merge.c,
 * _scholia_merge_replaced_triggers). */
#define AUTHOR_THEME_COUNTS_COLUMNS \
  "  author_id INTEGER NOT NULL," \
  "  theme_id INTEGER NOT NULL," \
  "  count INTEGER NOT NULL," \
  "  PRIMARY KEY (author_id, theme_id)"
/* Every placed passage of the library, per author and theme, computed from the rows. */
#define AUTHOR_THEME_COUNTS_FILL \
  "SELECT coalesce(d.author_id, 0), th.theme_id, count(*) FROM annotations a" \
  "  JOIN annotation_themes th ON th.annotation_id = a.id JOIN documents d ON d.id = a.document_id" \
  "  WHERE a.orphaned = 0 GROUP BY 1, 2"
/* One essay's passages per theme, taken from @author's row (its author before a change, or
 * the essay deleted) and given to the new author's. */
#define TAKE_DOCUMENT_COUNTS(row, author) \
  "  UPDATE author_theme_counts SET count = count - (SELECT count(*) FROM annotations a" \
  "    JOIN annotation_themes th ON th.annotation_id = a.id" \
  "    WHERE a.document_id = " row ".id AND a.orphaned = 0 AND th.theme_id = author_theme_counts.theme_id)" \
  "    WHERE author_id = coalesce(" author ", 0) AND theme_id IN (SELECT th.theme_id FROM annotations a" \
  "    JOIN annotation_themes th ON th.annotation_id = a.id WHERE a.document_id = " row ".id AND a.orphaned = 0);"
static const char schema_v15_theme_counts[] =
  "CREATE TABLE IF NOT EXISTS author_theme_counts (" AUTHOR_THEME_COUNTS_COLUMNS ") WITHOUT ROWID;"
  "DELETE FROM author_theme_counts;"
  "INSERT INTO author_theme_counts (author_id, theme_id, count) " AUTHOR_THEME_COUNTS_FILL ";"
  "CREATE TRIGGER IF NOT EXISTS author_theme_counts_theme_insert AFTER INSERT ON annotation_themes BEGIN"
  "  INSERT INTO author_theme_counts (author_id, theme_id, count)"
  "    SELECT coalesce(d.author_id, 0), new.theme_id, 1 FROM annotations a JOIN documents d ON d.id = a.document_id"
  "    WHERE a.id = new.annotation_id AND a.orphaned = 0"
  "    ON CONFLICT DO UPDATE SET count = count + 1;"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS author_theme_counts_theme_delete AFTER DELETE ON annotation_themes BEGIN"
  "  UPDATE author_theme_counts SET count = count - 1 WHERE theme_id = old.theme_id"
  "    AND author_id = (SELECT coalesce(d.author_id, 0) FROM annotations a JOIN documents d ON d.id = a.document_id"
  "    WHERE a.id = old.annotation_id AND a.orphaned = 0);"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS author_theme_counts_annotation_delete BEFORE DELETE ON annotations"
  "  WHEN old.orphaned = 0 BEGIN"
  "  UPDATE author_theme_counts SET count = count - 1"
  "    WHERE author_id = (SELECT coalesce(author_id, 0) FROM documents WHERE id = old.document_id)"
  "    AND theme_id IN (SELECT theme_id FROM annotation_themes WHERE annotation_id = old.id);"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS author_theme_counts_annotation_update AFTER UPDATE OF orphaned, document_id"
  "  ON annotations WHEN (old.orphaned = 0) != (new.orphaned = 0) OR old.document_id != new.document_id BEGIN"
  "  UPDATE author_theme_counts SET count = count - 1 WHERE old.orphaned = 0"
  "    AND author_id = (SELECT coalesce(author_id, 0) FROM documents WHERE id = old.document_id)"
  "    AND theme_id IN (SELECT theme_id FROM annotation_themes WHERE annotation_id = old.id);"
  "  INSERT INTO author_theme_counts (author_id, theme_id, count)"
  "    SELECT coalesce(d.author_id, 0), th.theme_id, 1 FROM annotation_themes th JOIN documents d ON d.id = new.document_id"
  "    WHERE th.annotation_id = new.id AND new.orphaned = 0"
  "    ON CONFLICT DO UPDATE SET count = count + 1;"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS author_theme_counts_document_author AFTER UPDATE OF author_id ON documents"
  "  WHEN old.author_id IS NOT new.author_id BEGIN"
  TAKE_DOCUMENT_COUNTS ("new", "old.author_id")
  "  INSERT INTO author_theme_counts (author_id, theme_id, count)"
  "    SELECT coalesce(new.author_id, 0), th.theme_id, count(*) FROM annotations a"
  "    JOIN annotation_themes th ON th.annotation_id = a.id WHERE a.document_id = new.id AND a.orphaned = 0"
  "    GROUP BY th.theme_id ON CONFLICT DO UPDATE SET count = count + excluded.count;"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS author_theme_counts_document_delete BEFORE DELETE ON documents BEGIN"
  TAKE_DOCUMENT_COUNTS ("old", "old.author_id")
  "END;";

/* Read-only, the counts are computed once into a temporary table, which nothing writes. */
static gboolean
read_v15_theme_counts (ScholiaDb  *db,
                       GError    **error)
{
  return scholia_db_exec (db, "CREATE TEMP TABLE author_theme_counts (" AUTHOR_THEME_COUNTS_COLUMNS ");"
                              "INSERT INTO temp.author_theme_counts (author_id, theme_id, count) "
                              AUTHOR_THEME_COUNTS_FILL ";",
                          error);
}
#undef TAKE_DOCUMENT_COUNTS
#undef AUTHOR_THEME_COUNTS_FILL
#undef AUTHOR_THEME_COUNTS_COLUMNS

/* Version 16: each annotation's place (document, offsets, whether placed, participant) in an
 * index keyed by its id, so that the library-wide lists reached through a tag's or a theme's
 * links (a theme compared, the annotation list by a tag) read these few columns from a 22 MB
 * index instead of each annotation's row, with its quote, context and note, from a table of
 * 260 MB (issue 17: 55,000 rows of a tag, 5,000 of a theme, each on a page of its own). */
static const char schema_v16_annotation_places[] =
  "CREATE INDEX IF NOT EXISTS annotations_places ON annotations"
  "  (id, document_id, start_offset, end_offset, orphaned, participant_id);";

/* Read-only, a library of version 13 or older reads the places from the annotations' rows. */
#define read_v16_annotation_places read_as_it_is

/* Version 17 (issue 17, the file's size): counting the placed passages (the matrix split by
 * tag) scans the index of places (schema 16), which holds whether each is placed, instead of an
 * index of its own (annotations_placed: 14 MB of 1,000,000 annotations' 380 MB). */
static const char schema_v17_no_placed_index[] =
  "DROP INDEX IF EXISTS annotations_placed;";

/* Version 17 also stores each essay's text compressed when that pays (scholia-text-pack.h: a
 * zstd frame as a BLOB, or the TEXT as it was), which every reader unpacks through
 * scholia_text(): the documents' index reads its content through its view and its triggers
 * (the words indexed are the same, so the index stays as it is). The text's triggers are off
 * while the texts are packed: nothing in them changed. */
#define PACKED_TEXT_MARKER(row) "char(64978) || " row ".language || char(64978) || scholia_text(" row ".text)"
static const char schema_v17_packed_text[] =
  "DROP TRIGGER IF EXISTS documents_fts_insert;"
  "DROP TRIGGER IF EXISTS documents_fts_delete;"
  "DROP TRIGGER IF EXISTS documents_fts_update;"
  "DROP TRIGGER IF EXISTS annotations_keep_passages;"
  "DROP VIEW IF EXISTS documents_fts_source;"
  "UPDATE documents SET text = scholia_pack(text);"
  "CREATE VIEW documents_fts_source AS SELECT id, " LANGUAGE_MARKER ("documents", "title") " AS title, "
  PACKED_TEXT_MARKER ("documents") " AS text FROM documents;"
  "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
  "  INSERT INTO documents_fts (rowid, title, text)"
  "    VALUES (new.id, " LANGUAGE_MARKER ("new", "title") ", " PACKED_TEXT_MARKER ("new") ");"
  "END;"
  "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
  "  INSERT INTO documents_fts (documents_fts, rowid, title, text)"
  "    VALUES ('delete', old.id, " LANGUAGE_MARKER ("old", "title") ", " PACKED_TEXT_MARKER ("old") ");"
  "END;"
  "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text, language ON documents BEGIN"
  "  INSERT INTO documents_fts (documents_fts, rowid, title, text)"
  "    VALUES ('delete', old.id, " LANGUAGE_MARKER ("old", "title") ", " PACKED_TEXT_MARKER ("old") ");"
  "  INSERT INTO documents_fts (rowid, title, text)"
  "    VALUES (new.id, " LANGUAGE_MARKER ("new", "title") ", " PACKED_TEXT_MARKER ("new") ");"
  "END;"
  KEEP_PASSAGES_TRIGGER;
#undef PACKED_TEXT_MARKER

static gboolean
migrate_v17_compact_library (ScholiaDb  *db,
                             GError    **error)
{
  return scholia_db_exec (db, schema_v17_no_placed_index, error) &&
         scholia_db_exec (db, schema_v17_packed_text, error);
}

/* Read-only, a library of version 16 or older keeps its index of placed passages (which
 * scholia-store-compare.c reads there) and its plain texts, which scholia_text() gives as they
 * are. */
#define read_v17_compact_library read_as_it_is

/* Version 18 (issue 17, the file's size): an annotation's uuid is stored as its 16 bytes
 * (scholia-uuid-key.h: a BLOB; an id that is not a canonical uuid as the TEXT it is) in
 * `uuid_key`, which the unique index holds, and read as text from `uuid`, a column generated
 * from it (never stored), so that every reader, view and trigger of `a.uuid` reads what it did;
 * writes and look-ups go through `uuid_key = scholia_uuid_key(?)`. For a million annotations,
 * 40 MB less. The column is renamed in place as SQLite's manual allows for a change that keeps
 * the rows' format (the table is not copied: other tables' foreign keys and the triggers stay
 * as they are), then each value converted. The links' trigger that finds annotations by uuid
 * looks them up by key. Self-contained: the table is left as it is when it has the key already
 * (a library set back to an earlier version by its user_version alone). */
#define PUT_LINKS_BACK_TRIGGER \
  "CREATE TRIGGER annotation_links_put_back_on_insert AFTER INSERT ON annotations" \
  "  WHEN EXISTS (SELECT 1 FROM annotation_links_set_aside) BEGIN" \
  "  INSERT OR IGNORE INTO annotation_links (id, uuid, source_id, target_id, type, created, modified)" \
  "    SELECT k.id, k.uuid, s.id, t.id, k.type, k.created, k.modified FROM annotation_links_set_aside k" \
  "      JOIN annotations s ON s.uuid_key = scholia_uuid_key(k.source_uuid)" \
  "      JOIN annotations t ON t.uuid_key = scholia_uuid_key(k.target_uuid)" \
  "      WHERE k.source_uuid = new.uuid OR k.target_uuid = new.uuid;" \
  "  DELETE FROM annotation_links_set_aside" \
  "    WHERE (source_uuid = new.uuid OR target_uuid = new.uuid)" \
  "    AND EXISTS (SELECT 1 FROM annotations s, annotations t" \
  "      WHERE s.uuid_key = scholia_uuid_key(annotation_links_set_aside.source_uuid)" \
  "      AND t.uuid_key = scholia_uuid_key(annotation_links_set_aside.target_uuid));" \
  "END;"
static const char schema_v18_uuid_keys[] =
  "ALTER TABLE annotations ADD COLUMN uuid TEXT GENERATED ALWAYS AS (scholia_uuid_text(uuid_key)) VIRTUAL;"
  "UPDATE annotations SET uuid_key = scholia_uuid_key(uuid_key);";
static const char schema_v18_links_trigger[] =
  "DROP TRIGGER annotation_links_put_back_on_insert;"
  PUT_LINKS_BACK_TRIGGER;
#undef PUT_LINKS_BACK_TRIGGER

/* The links' trigger, where there is one (version 10 on), in its form by key: a library marked
 * older than it is may have had version 10's made again. */
static gboolean
key_links_trigger (ScholiaDb  *db,
                   GError    **error)
{
  gint64 by_uuid = 0;

  return scholia_db_query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                   " AND name = 'annotation_links_put_back_on_insert' AND sql NOT LIKE '%uuid_key%'",
                               &by_uuid, error) &&
         (by_uuid == 0 || scholia_db_exec (db, schema_v18_links_trigger, error));
}

#define HAS_UUID_KEY "SELECT count(*) FROM pragma_table_info('annotations') WHERE name = 'uuid_key'"
static gboolean
migrate_v18_uuid_keys (ScholiaDb  *db,
                       GError    **error)
{
  gint64 keyed = 0;

  if (!scholia_db_query_int (db, HAS_UUID_KEY, &keyed, error))
    return FALSE;
  if (keyed != 0)
    return key_links_trigger (db, error);
  return edit_annotations_definition (db, "replace(sql, 'uuid TEXT NOT NULL UNIQUE,', 'uuid_key BLOB NOT NULL UNIQUE,')",
                                      HAS_UUID_KEY, 1, error) &&
         scholia_db_exec (db, schema_v18_uuid_keys, error) &&
         key_links_trigger (db, error);
}

/* Read-only, a library of version 17 or older is seen through a view that adds the key
 * (computed, so a look-up by key reads every row: such a library is only read). */
static gboolean
read_v18_uuid_keys (ScholiaDb  *db,
                    GError    **error)
{
  gint64 keyed = 0;

  if (!scholia_db_query_int (db, HAS_UUID_KEY, &keyed, error))
    return FALSE;
  return keyed != 0 || view_annotations_with (db, "scholia_uuid_key(uuid) AS uuid_key", "annotations_v17", error);
}

#undef HAS_UUID_KEY

/* Version 19 (issue 17, the matrix): the passages per author and theme kept as one BLOB per
 * author (scholia-theme-counts.h) instead of version 15's row per author and theme: the matrix
 * reads 1,000 values instead of stepping 200,000 rows (15 ms of its 20). The triggers are
 * version 15's, each adding to or taking from the author's list through
 * scholia_theme_counts_add(): a theme link made or deleted, an annotation deleted, moved,
 * orphaned or placed again, an essay given another author or deleted (taking its counts before
 * the cascades, as in version 15). Writes with the triggers off do their work themselves (the
 * seminar merge). Author 0: essays without an author. */
#define AUTHOR_COUNTS_UPSERT \
  " ON CONFLICT (author_id) DO UPDATE SET themes = scholia_theme_counts_add(themes, excluded.themes);"
/* An essay's counts per theme taken from @author (its author before a change, or the essay
 * deleted). */
#define TAKE_DOCUMENT_THEME_COUNTS(row, author) \
  "  UPDATE author_counts SET themes = scholia_theme_counts_add(themes," \
  "    (SELECT scholia_theme_counts(th.theme_id, -1) FROM annotations a" \
  "     JOIN annotation_themes th ON th.annotation_id = a.id WHERE a.document_id = " row ".id AND a.orphaned = 0))" \
  "    WHERE author_id = coalesce(" author ", 0);"
/* An annotation's themes taken from the author of @row's essay. */
#define TAKE_ANNOTATION_THEME_COUNTS(row) \
  "  UPDATE author_counts SET themes = scholia_theme_counts_add(themes," \
  "    (SELECT scholia_theme_counts(theme_id, -1) FROM annotation_themes WHERE annotation_id = " row ".id))" \
  "    WHERE author_id = (SELECT coalesce(author_id, 0) FROM documents WHERE id = " row ".document_id)"
static const char schema_v19_author_counts[] =
  "DROP TRIGGER IF EXISTS author_theme_counts_theme_insert;"
  "DROP TRIGGER IF EXISTS author_theme_counts_theme_delete;"
  "DROP TRIGGER IF EXISTS author_theme_counts_annotation_delete;"
  "DROP TRIGGER IF EXISTS author_theme_counts_annotation_update;"
  "DROP TRIGGER IF EXISTS author_theme_counts_document_author;"
  "DROP TRIGGER IF EXISTS author_theme_counts_document_delete;"
  "DROP TABLE IF EXISTS author_theme_counts;"
  "CREATE TRIGGER IF NOT EXISTS author_counts_theme_insert AFTER INSERT ON annotation_themes BEGIN"
  "  INSERT INTO author_counts (author_id, themes)"
  "    SELECT coalesce(d.author_id, 0), scholia_theme_counts(new.theme_id, 1) FROM annotations a"
  "    JOIN documents d ON d.id = a.document_id WHERE a.id = new.annotation_id AND a.orphaned = 0 GROUP BY 1"
  AUTHOR_COUNTS_UPSERT
  "END;"
  "CREATE TRIGGER IF NOT EXISTS author_counts_theme_delete AFTER DELETE ON annotation_themes BEGIN"
  "  UPDATE author_counts SET themes = scholia_theme_counts_add(themes, old.theme_id, -1)"
  "    WHERE author_id = (SELECT coalesce(d.author_id, 0) FROM annotations a JOIN documents d ON d.id = a.document_id"
  "    WHERE a.id = old.annotation_id AND a.orphaned = 0);"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS author_counts_annotation_delete BEFORE DELETE ON annotations"
  "  WHEN old.orphaned = 0 AND EXISTS (SELECT 1 FROM annotation_themes WHERE annotation_id = old.id) BEGIN"
  TAKE_ANNOTATION_THEME_COUNTS ("old") ";"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS author_counts_annotation_update AFTER UPDATE OF orphaned, document_id ON annotations"
  "  WHEN ((old.orphaned = 0) != (new.orphaned = 0) OR old.document_id != new.document_id)"
  "  AND EXISTS (SELECT 1 FROM annotation_themes WHERE annotation_id = new.id) BEGIN"
  TAKE_ANNOTATION_THEME_COUNTS ("old") " AND old.orphaned = 0;"
  "  INSERT INTO author_counts (author_id, themes)"
  "    SELECT coalesce(d.author_id, 0), scholia_theme_counts(th.theme_id, 1) FROM annotation_themes th"
  "    JOIN documents d ON d.id = new.document_id WHERE th.annotation_id = new.id AND new.orphaned = 0 GROUP BY 1"
  AUTHOR_COUNTS_UPSERT
  "END;"
  "CREATE TRIGGER IF NOT EXISTS author_counts_document_author AFTER UPDATE OF author_id ON documents"
  "  WHEN old.author_id IS NOT new.author_id BEGIN"
  TAKE_DOCUMENT_THEME_COUNTS ("new", "old.author_id")
  "  INSERT INTO author_counts (author_id, themes)"
  "    SELECT coalesce(new.author_id, 0), scholia_theme_counts(th.theme_id, 1) FROM annotations a"
  "    JOIN annotation_themes th ON th.annotation_id = a.id WHERE a.document_id = new.id AND a.orphaned = 0"
  "    GROUP BY 1"
  AUTHOR_COUNTS_UPSERT
  "END;"
  "CREATE TRIGGER IF NOT EXISTS author_counts_document_delete BEFORE DELETE ON documents BEGIN"
  TAKE_DOCUMENT_THEME_COUNTS ("old", "old.author_id")
  "END;";
#undef TAKE_ANNOTATION_THEME_COUNTS
#undef TAKE_DOCUMENT_THEME_COUNTS
#undef AUTHOR_COUNTS_UPSERT

/* The lists are made from version 15's rows, which its triggers kept exact (a second per
 * million annotations less than counting them again), or, where a library set back to an
 * earlier version by its user_version alone has none, from the annotations. */
static gboolean
migrate_v19_author_counts (ScholiaDb  *db,
                           GError    **error)
{
  gint64 kept = 0;

  return scholia_db_exec (db, "CREATE TABLE IF NOT EXISTS author_counts ("
                              "  author_id INTEGER PRIMARY KEY,"
                              "  themes BLOB NOT NULL);"
                              "DELETE FROM author_counts;",
                          error) &&
         scholia_db_query_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'author_theme_counts'",
                               &kept, error) &&
         scholia_db_exec (db,
                          kept != 0
                            ? "INSERT INTO author_counts (author_id, themes)"
                              " SELECT author_id, scholia_theme_counts(theme_id, count) FROM author_theme_counts"
                              "  GROUP BY author_id"
                            : "INSERT INTO author_counts (author_id, themes)"
                              " SELECT coalesce(d.author_id, 0), scholia_theme_counts(th.theme_id, 1) FROM annotations a"
                              "  JOIN annotation_themes th ON th.annotation_id = a.id"
                              "  JOIN documents d ON d.id = a.document_id WHERE a.orphaned = 0 GROUP BY 1",
                          error) &&
         scholia_db_exec (db, schema_v19_author_counts, error);
}

/* Read-only, a library of version 18 or older is counted from version 15's rows, or from its
 * annotations (scholia-store-theme-counts.c reads by the library's version). */
#define read_v19_author_counts read_as_it_is

static const ScholiaMigration migrations[] = {
  { 1, schema_v1, NULL, NULL },
  { 2, NULL, migrate_v2_author_sort_keys, read_v2_author_sort_keys },
  { 3, schema_v3, NULL, read_v3_unplaced_reasons },
  { 4, stemmed_search, NULL, read_v4_stemmed_search },
  { 5, schema_v5, NULL, read_v5_seminars },
  { 6, schema_v6, NULL, read_v6_first_clocks },
  { 7, schema_v7, NULL, read_v7_provenance },
  { 8, NULL, migrate_v8_first_clocks, read_v8_first_clocks },
  { SCHOLIA_SCHEMA_REFERENCES, schema_v9_references, NULL, read_v9_references },
  { 10, schema_v10_links, NULL, read_v10_links },
  { 11, schema_v11_folded_search, NULL, read_v11_folded_search },
  { 12, schema_v12_folded_notes, NULL, read_v12_folded_notes },
  { 13, schema_v13_document_listing, NULL, read_v13_document_listing },
  { SCHOLIA_SCHEMA_DERIVED_PASSAGES, NULL, migrate_v14_passages, read_v14_passages },
  { 15, schema_v15_theme_counts, NULL, read_v15_theme_counts },
  { SCHOLIA_SCHEMA_ANNOTATION_PLACES, schema_v16_annotation_places, NULL, read_v16_annotation_places },
  { SCHOLIA_SCHEMA_PACKED_TEXT, NULL, migrate_v17_compact_library, read_v17_compact_library },
  { SCHOLIA_SCHEMA_UUID_KEYS, NULL, migrate_v18_uuid_keys, read_v18_uuid_keys },
  { SCHOLIA_SCHEMA_AUTHOR_COUNTS, NULL, migrate_v19_author_counts, read_v19_author_counts },
};

const ScholiaMigration *
scholia_schema_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

/* Runs every migration above @from_version in ONE transaction, so that a library is either
 * wholly at the new version or untouched. */
gboolean
scholia_schema_migrate (ScholiaDb               *db,
                        int                      from_version,
                        const ScholiaMigration  *steps,
                        guint                    n_steps,
                        GError                 **error)
{
  int version = from_version;
  g_autofree char *set_version = NULL;
  g_autofree char *set_application = NULL;

  if (!scholia_db_begin (db, error))
    return FALSE;

  for (guint i = 0; i < n_steps; i++)
    {
      if (steps[i].version <= from_version)
        continue;

      if ((steps[i].sql != NULL && !scholia_db_exec (db, steps[i].sql, error)) ||
          (steps[i].run != NULL && !steps[i].run (db, error)))
        {
          /* Translators: the start of an error message; the reason follows */
          g_prefix_error (error, _("Could not upgrade the library to version %d: "), steps[i].version);
          scholia_db_rollback (db);
          return FALSE;
        }
      version = steps[i].version;
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
  set_application = g_strdup_printf ("PRAGMA application_id = %d", SCHOLIA_APPLICATION_ID);
  if (!scholia_db_exec (db, set_version, error) ||
      !scholia_db_exec (db, set_application, error))
    {
      scholia_db_rollback (db);
      return FALSE;
    }

  return scholia_db_commit (db, error);
}

/* Whether a library at @from_version that cannot be written can still be read: every step
 * after it knows how to be emulated. */
gboolean
scholia_schema_read_as_latest (ScholiaDb              *db,
                               int                     from_version,
                               const ScholiaMigration *steps,
                               guint                   n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    if (steps[i].version > from_version && steps[i].run_read_only == NULL)
      return FALSE;
  return TRUE;
}

/* Makes a library at @from_version read, on this connection, as the latest version, writing
 * nothing to the file. */
gboolean
scholia_schema_emulate (ScholiaDb               *db,
                        int                      from_version,
                        const ScholiaMigration  *steps,
                        guint                    n_steps,
                        GError                 **error)
{
  g_return_val_if_fail (scholia_schema_read_as_latest (db, from_version, steps, n_steps), FALSE);

  for (guint i = 0; i < n_steps; i++)
    if (steps[i].version > from_version && !steps[i].run_read_only (db, error))
      return FALSE;
  return TRUE;
}
