/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "scholia-editor.h"
#include "seminar-records.h"
#include "test-seminar-fixture.h"

#define SEMINAR_UUID "5e111a40-0000-4000-8000-0000000000a1"
#define ME    "00000000-0000-4000-8000-0000000000e1"
#define ANA   "a0000000-0000-4000-8000-0000000000a1"
#define BRUNO "b0000000-0000-4000-8000-0000000000b1"
#define CLARA "c0000000-0000-4000-8000-0000000000c1"

static const char salt_roads[] =
  "Salt left the marshes of Oderik on carts that paid no toll at the river gate.\n"
  "\n"
  "The toll books are silent about salt because the carters paid the clerks to forget them.\n"
  "\n"
  "When the marshes flooded in the wet decade, the price of fish doubled within a season.";
static const char fishwives[] =
  "The fishwives of Oderik kept no books, but their songs remember every flood by its price.";

/* A put of @passage, found in @text. */
static ScholiaLogRecord *
put (const char *author,
     const char *uuid,
     gint64      wall_ms,
     const char *document_uuid,
     const char *text,
     const char *passage,
     const char *tags,
     const char *themes)
{
  const char *found = strstr (text, passage);
  guint start;

  g_assert_nonnull (found);
  start = (guint) g_utf8_pointer_to_offset (text, found);
  return record_put (author, uuid, wall_ms, document_uuid, text, start, start + (guint) g_utf8_strlen (passage, -1),
                     "", tags, themes);
}

static gint64
merge (ScholiaStore   *store,
       ScholiaSeminar *seminar,
       const char     *owner,
       const char     *name,
       GPtrArray      *records)
{
  g_autoptr(GError) error = NULL;
  ScholiaMergeReport report = { 0 };
  g_autoptr(GPtrArray) participants = NULL;
  gint64 id = 0;

  records_number_lines (records);
  g_assert_true (scholia_store_merge_log (store, seminar, owner, name, records, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.applied, ==, records->len);
  scholia_merge_report_clear (&report);

  participants = scholia_store_list_participants (store, seminar, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < participants->len; i++)
    if (strcmp (((ScholiaParticipant *) g_ptr_array_index (participants, i))->uuid, owner) == 0)
      id = ((ScholiaParticipant *) g_ptr_array_index (participants, i))->id;
  g_assert_cmpint (id, !=, 0);
  return id;
}

ScholiaLabel *
test_seminar_find_label (ScholiaStore *store,
                         GType         type,
                         const char   *name)
{
  GListModel *labels = scholia_store_get_labels (store, type);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(ScholiaLabel) label = g_list_model_get_item (labels, i);

      if (strcmp (scholia_label_get_name (label), name) == 0)
        return label;
    }
  g_assert_not_reached ();
}

void
test_seminar_populate (ScholiaStore *store,
                       TestSeminar  *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaEditor) editor = scholia_editor_new (store);
  g_autoptr(ScholiaParticipant) me = NULL;
  g_autoptr(ScholiaAnnotation) mine = NULL;
  g_autoptr(GPtrArray) ana = records_new ();
  g_autoptr(GPtrArray) bruno = records_new ();
  g_autoptr(GPtrArray) clara = records_new ();
  const char *essay_uuid, *second_uuid;
  gint64 thesis;
  const char *found = strstr (salt_roads, "the price of fish doubled");
  int start = (int) g_utf8_pointer_to_offset (salt_roads, found);

  memset (fixture, 0, sizeof *fixture);
  fixture->essay = scholia_store_add_document (store, "The Salt Roads of Oderik", "Hedda Lindqvist", "1987",
                                               "", salt_roads, NULL, &error);
  g_assert_no_error (error);
  fixture->second = scholia_store_add_document (store, "Songs of the Fishwives", "Oskar Brandt", "1993",
                                                "", fishwives, NULL, &error);
  g_assert_no_error (error);
  essay_uuid = scholia_document_get_uuid (fixture->essay);
  second_uuid = scholia_document_get_uuid (fixture->second);

  fixture->seminar = scholia_store_add_seminar (store, SEMINAR_UUID, "Salt and Memory", "/srv/salt",
                                                SCHOLIA_SEMINAR_PARTICIPANT, ME, "Eli Marsh", NULL, &error);
  g_assert_no_error (error);
  scholia_store_add_seminar_essay (store, fixture->seminar, fixture->essay, &error);
  g_assert_no_error (error);
  scholia_store_add_seminar_essay (store, fixture->seminar, fixture->second, &error);
  g_assert_no_error (error);

  g_ptr_array_add (ana, put (ANA, "aaaaaaaa-0001-4000-8000-0000000000a1", 1000, essay_uuid, salt_roads,
                             "carts that paid no toll", "evidence", "Famine"));
  g_ptr_array_add (ana, put (ANA, "aaaaaaaa-0002-4000-8000-0000000000a1", 1100, second_uuid, fishwives,
                             "remember every flood by its price", "thesis", "Memory"));
  g_ptr_array_add (bruno, put (BRUNO, "bbbbbbbb-0001-4000-8000-0000000000b1", 1200, essay_uuid, salt_roads,
                               "silent about salt", "thesis", "Famine"));
  g_ptr_array_add (bruno, put (BRUNO, "bbbbbbbb-0002-4000-8000-0000000000b1", 1300, essay_uuid, salt_roads,
                               "paid the clerks to forget them", "evidence", "Famine,Memory"));
  g_ptr_array_add (clara, put (CLARA, "cccccccc-0001-4000-8000-0000000000c1", 1400, essay_uuid, salt_roads,
                               "When the marshes flooded", "evidence", "Memory"));
  fixture->ana = merge (store, fixture->seminar, ANA, "Ana Petrov", ana);
  fixture->bruno = merge (store, fixture->seminar, BRUNO, "Bruno Sato", bruno);
  fixture->clara = merge (store, fixture->seminar, CLARA, "Clara Vidal", clara);

  /* Mine, as the reading view makes it: not published until the next sync. */
  thesis = scholia_label_get_id (test_seminar_find_label (store, SCHOLIA_TYPE_TAG, "thesis"));
  mine = scholia_editor_annotate (editor, fixture->essay, start, start + (int) strlen ("the price of fish doubled"),
                                  &thesis, 1, NULL, &error);
  g_assert_no_error (error);
  scholia_editor_add_label (editor, mine, test_seminar_find_label (store, SCHOLIA_TYPE_THEME, "Memory"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_annotation_get_participant_id (mine), ==, 0);

  me = scholia_store_get_my_participant (store, fixture->seminar, &error);
  g_assert_no_error (error);
  fixture->me = me->id;
}

void
test_seminar_clear (TestSeminar *fixture)
{
  g_clear_pointer (&fixture->seminar, scholia_seminar_free);
}
