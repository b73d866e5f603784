/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "scholia-error.h"
#include "scholia-names.h"
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

static const ScholiaMigration migrations[] = {
  { 1, schema_v1, NULL, NULL },
  { 2, NULL, migrate_v2_author_sort_keys, read_v2_author_sort_keys },
  { 3, schema_v3, NULL, read_v3_unplaced_reasons },
  { 4, stemmed_search, NULL, read_v4_stemmed_search },
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
