/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Since version 8 a merged annotation or reply keeps its creator and first clock on its own row,
 * and seminar_items only tombstones and my own log's uuids: the rules of a merge (the creator's
 * records count, the earliest put makes the creator, a deletion stays deleted) hold as before,
 * whatever the order logs come in, and a library of version 7 keeps what it knew. */
#include "config.h"

#include <string.h>

#include "scholia-seminar-store.h"
#include "test-files.h"

#define ANA "a0000000-0000-4000-8000-00000000000a"
#define BEN "b0000000-0000-4000-8000-00000000000b"
#define PASSAGE "e0000000-0000-4000-8000-000000000001"
#define SECOND "e0000000-0000-4000-8000-000000000002"
#define REPLY "f0000000-0000-4000-8000-000000000001"

static const char essay[] =
  "The mill at Harrowgate paid its weavers by the piece until the flood of 1841. "
  "Afterwards the owners paid by the day, and the weavers' petitions stop complaining of short "
  "measure and start complaining of the hours.";

typedef struct
{
  char            *dir;
  char            *path;
  ScholiaStore    *store;
  ScholiaSeminar  *seminar;
  char            *essay_uuid;
} Fixture;

static char *
clock_of (gint64      millis,
          const char *author)
{
  return g_strdup_printf ("%016" G_GINT64_FORMAT "-0000-%s", millis, author);
}

static ScholiaLogRecord *
put (const char *author,
     const char *uuid,
     gint64      millis,
     const char *document_uuid,
     guint       start,
     const char *note)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_PUT_ANNOTATION);

  record->hlc = clock_of (millis, author);
  record->author = g_strdup (author);
  record->uuid = g_strdup (uuid);
  record->created = record->modified = millis / 1000;
  record->document_uuid = g_strdup (document_uuid);
  record->start = start;
  record->end = start + 12;
  record->quote = g_utf8_substring (essay, record->start, record->end);
  g_free (record->note);
  record->note = g_strdup (note);
  g_strfreev (record->tags);
  record->tags = g_strsplit ("thesis", ",", -1);
  return record;
}

static ScholiaLogRecord *
reply (const char *author,
       const char *uuid,
       gint64      millis,
       const char *target,
       const char *body)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_PUT_REPLY);

  record->hlc = clock_of (millis, author);
  record->author = g_strdup (author);
  record->uuid = g_strdup (uuid);
  record->created = record->modified = millis / 1000;
  record->target_uuid = g_strdup (target);
  record->body = g_strdup (body);
  return record;
}

static ScholiaLogRecord *
deletion (const char *author,
          const char *uuid,
          gint64      millis)
{
  ScholiaLogRecord *record = scholia_log_record_new (SCHOLIA_LOG_DELETE);

  record->hlc = clock_of (millis, author);
  record->author = g_strdup (author);
  record->uuid = g_strdup (uuid);
  return record;
}

static GPtrArray *
records_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_log_record_free);
}

static void
open_library (Fixture    *fixture,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  g_free (fixture->path);
  fixture->path = g_build_filename (fixture->dir, name, NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  document = scholia_store_add_document (fixture->store, "The Harrowgate Petitions", "Tilde Marsh", "2004", "",
                                         essay, NULL, &error);
  g_assert_no_error (error);
  g_free (fixture->essay_uuid);
  fixture->essay_uuid = g_strdup (scholia_document_get_uuid (document));
  fixture->seminar = scholia_store_add_seminar (fixture->store, "c0000000-0000-4000-8000-00000000000c",
                                                "Mill Wages", fixture->dir, SCHOLIA_SEMINAR_PARTICIPANT, NULL,
                                                "Reader", NULL, &error);
  g_assert_no_error (error);
  scholia_store_add_seminar_essay (fixture->store, fixture->seminar, document, &error);
  g_assert_no_error (error);
}

static void
close_library (Fixture *fixture)
{
  g_clear_pointer (&fixture->seminar, scholia_seminar_free);
  g_clear_object (&fixture->store);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-merge-fast-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_library (fixture);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->essay_uuid);
}

static void
merge (Fixture            *fixture,
       const char         *owner,
       GPtrArray          *log,
       ScholiaMergeReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_store_merge_log (fixture->store, fixture->seminar, owner, g_str_equal (owner, ANA) ? "Ana" : "Ben",
                                          log, report, &error));
  g_assert_no_error (error);
}

/* Each uuid's creator and clocks, wherever the library keeps them, and its state. */
static char *
dump (Fixture *fixture)
{
  return test_sql_text (fixture->path,
                        "SELECT group_concat(x, '|') FROM ("
                        " SELECT 'a ' || a.uuid || ' ' || p.uuid || ' ' || a.first_hlc || ' ' || a.hlc || ' '"
                        "  || a.start_offset || ' ' || a.note AS x FROM annotations a"
                        "  JOIN participants p ON p.id = a.participant_id"
                        " UNION ALL SELECT 'r ' || r.uuid || ' ' || p.uuid || ' ' || r.first_hlc || ' ' || r.hlc"
                        "  || ' ' || r.body FROM replies r JOIN participants p ON p.id = r.participant_id"
                        " UNION ALL SELECT 'i ' || i.uuid || ' ' || p.uuid || ' ' || i.first_hlc || ' ' || i.hlc"
                        "  || ' ' || i.deleted FROM seminar_items i JOIN participants p ON p.id = i.participant_id"
                        " ORDER BY x)");
}

/* An edited annotation's row holds its first and latest clocks, a reply's too, and nothing is
 * written beside them; deleted, the uuid's tombstone keeps them. */
static void
test_clocks_on_rows (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) log = records_new ();
  ScholiaMergeReport report = { 0 };
  g_autofree char *first = clock_of (1000, ANA);
  g_autofree char *latest = clock_of (2000, ANA);
  g_autofree char *sql = NULL;

  open_library (fixture, "rows.sqlite3");
  g_ptr_array_add (log, put (ANA, PASSAGE, 1000, fixture->essay_uuid, 4, "Piece rates."));
  g_ptr_array_add (log, put (ANA, PASSAGE, 2000, fixture->essay_uuid, 8, "Piece rates, until the flood."));
  g_ptr_array_add (log, reply (ANA, REPLY, 1500, PASSAGE, "The registers agree."));
  merge (fixture, ANA, log, &report);
  g_assert_cmpuint (report.applied, ==, 2);
  scholia_merge_report_clear (&report);

  sql = g_strdup_printf ("SELECT count(*) FROM annotations WHERE uuid = '" PASSAGE "' AND first_hlc = '%s'"
                         " AND hlc = '%s' AND start_offset = 8", first, latest);
  g_assert_cmpint (test_sql_int (fixture->path, sql), ==, 1);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM replies WHERE uuid = '" REPLY "'"
                                                " AND first_hlc = hlc AND hlc != ''"), ==, 1);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM seminar_items"), ==, 0);

  g_ptr_array_add (log, deletion (ANA, PASSAGE, 3000));
  merge (fixture, ANA, log, &report);
  g_assert_cmpuint (report.applied, ==, 1);
  scholia_merge_report_clear (&report);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotations"), ==, 0);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM seminar_items WHERE uuid = '" PASSAGE "' AND deleted = 1"
                         " AND first_hlc = '%s'", first);
  g_assert_cmpint (test_sql_int (fixture->path, sql), ==, 1);

  /* A put older than the deletion, merged again, does not bring it back. */
  merge (fixture, ANA, log, &report);
  g_assert_cmpuint (report.applied, ==, 0);
  scholia_merge_report_clear (&report);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotations"), ==, 0);
}

/* The creator known from a row: a later put by someone else is forged, an earlier one makes
 * its author the creator; the two logs in either order give the same rows. */
static void
test_creator_from_row (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) ana = records_new ();
  g_autoptr(GPtrArray) ben = records_new ();
  g_autofree char *forwards = NULL;
  g_autofree char *backwards = NULL;
  ScholiaMergeReport report = { 0 };

  g_ptr_array_add (ana, put (ANA, PASSAGE, 1000, NULL, 4, "Ana's reading."));
  g_ptr_array_add (ana, put (ANA, SECOND, 1000, NULL, 30, "Ana's second reading."));
  /* Ben puts PASSAGE later than Ana (forged) and SECOND earlier (his). */
  g_ptr_array_add (ben, put (BEN, PASSAGE, 5000, NULL, 20, "Ben's claim."));
  g_ptr_array_add (ben, put (BEN, SECOND, 500, NULL, 40, "Ben's earlier reading."));

  for (guint order = 0; order < 2; order++)
    {
      GPtrArray *first = order == 0 ? ana : ben;
      GPtrArray *then = order == 0 ? ben : ana;

      open_library (fixture, order == 0 ? "forwards.sqlite3" : "backwards.sqlite3");
      for (guint i = 0; i < ana->len; i++)
        {
          ScholiaLogRecord *record = g_ptr_array_index (ana, i);

          g_free (record->document_uuid);
          record->document_uuid = g_strdup (fixture->essay_uuid);
          record = g_ptr_array_index (ben, i);
          g_free (record->document_uuid);
          record->document_uuid = g_strdup (fixture->essay_uuid);
        }
      merge (fixture, first == ana ? ANA : BEN, first, &report);
      scholia_merge_report_clear (&report);
      merge (fixture, then == ana ? ANA : BEN, then, &report);
      g_assert_cmpuint (report.forged, ==, 1);
      scholia_merge_report_clear (&report);
      if (order == 0)
        forwards = dump (fixture);
      else
        backwards = dump (fixture);
      close_library (fixture);
    }

  g_assert_cmpstr (forwards, ==, backwards);
  g_assert_nonnull (strstr (forwards, "a " PASSAGE " " ANA " 0000000000001000-0000-" ANA));
  g_assert_nonnull (strstr (forwards, "a " SECOND " " BEN " 0000000000000500-0000-" BEN));
  g_assert_null (strstr (forwards, "Ben's claim"));
  g_assert_null (strstr (forwards, "|i "));
}

/* A library of version 7 kept every merged uuid in seminar_items: upgraded, the live ones move
 * onto their rows, the tombstones stay, and merging the same logs again changes nothing. */
static void
test_version_7_library_upgrades (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) log = records_new ();
  g_autoptr(GPtrArray) forged = records_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ScholiaMergeReport report = { 0 };

  open_library (fixture, "v7.sqlite3");
  g_ptr_array_add (log, put (ANA, PASSAGE, 1000, fixture->essay_uuid, 4, "Piece rates."));
  g_ptr_array_add (log, put (ANA, PASSAGE, 2000, fixture->essay_uuid, 6, "Piece rates again."));
  g_ptr_array_add (log, put (ANA, SECOND, 1200, fixture->essay_uuid, 30, "The hours."));
  g_ptr_array_add (log, deletion (ANA, SECOND, 2500));
  g_ptr_array_add (log, reply (ANA, REPLY, 1500, PASSAGE, "The registers agree."));
  merge (fixture, ANA, log, &report);
  scholia_merge_report_clear (&report);
  close_library (fixture);
  before = dump (fixture);

  /* As version 7 kept them: every merged uuid's clocks in seminar_items, none on the rows. */
  test_sql_exec (fixture->path, "INSERT INTO seminar_items (uuid, seminar_id, participant_id, first_hlc, hlc)"
                                " SELECT a.uuid, e.seminar_id, a.participant_id, a.first_hlc, a.hlc FROM annotations a"
                                "  JOIN seminar_essays e ON e.document_id = a.document_id WHERE a.first_hlc != '';"
                                "INSERT INTO seminar_items (uuid, seminar_id, participant_id, first_hlc, hlc)"
                                " SELECT uuid, seminar_id, participant_id, first_hlc, hlc FROM replies"
                                "  WHERE first_hlc != '';"
                                "ALTER TABLE annotations DROP COLUMN first_hlc;"
                                "ALTER TABLE replies DROP COLUMN first_hlc;"
                                "PRAGMA user_version = 7;");
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM seminar_items"), ==, 3);

  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_store_get_schema_version (fixture->store), ==, SCHOLIA_SCHEMA_VERSION);
  fixture->seminar = scholia_store_find_seminar (fixture->store, "c0000000-0000-4000-8000-00000000000c", &error);
  g_assert_no_error (error);
  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM seminar_items WHERE deleted = 0"), ==, 0);

  merge (fixture, ANA, log, &report);
  g_assert_cmpuint (report.applied, ==, 0);
  g_assert_cmpuint (report.unchanged, ==, log->len);
  scholia_merge_report_clear (&report);
  g_ptr_array_add (forged, put (BEN, PASSAGE, 9000, fixture->essay_uuid, 50, "Ben's claim."));
  g_ptr_array_add (forged, put (BEN, SECOND, 9000, fixture->essay_uuid, 50, "Ben's revival."));
  merge (fixture, BEN, forged, &report);
  g_assert_cmpuint (report.forged, ==, 2);
  scholia_merge_report_clear (&report);
  g_clear_pointer (&after, g_free);
  after = dump (fixture);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/seminar-merge-fast/clocks-on-rows", Fixture, NULL, fixture_set_up, test_clocks_on_rows,
              fixture_tear_down);
  g_test_add ("/seminar-merge-fast/creator-from-row", Fixture, NULL, fixture_set_up, test_creator_from_row,
              fixture_tear_down);
  g_test_add ("/seminar-merge-fast/version-7-library-upgrades", Fixture, NULL, fixture_set_up,
              test_version_7_library_upgrades, fixture_tear_down);

  return g_test_run ();
}
