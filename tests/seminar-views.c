/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-store-private.h"
#include "seminar-records.h"
#include "seminar-views.h"

#define ME    "e1e1e1e1-0000-4000-8000-0000000000ee"
#define ANA   "a1a1a1a1-0000-4000-8000-00000000000a"
#define BRUNO "b2b2b2b2-0000-4000-8000-00000000000b"

const char views_tidewater[] =
  "The customs house at Tidewater kept two ledgers. The first, shown to inspectors, recorded "
  "modest cargoes of salt and timber. The second, kept in the harbour master's own hand, "
  "recorded what actually came ashore: brandy, lace and tobacco, landed after dark.";
const char views_almanac[] =
  "The almanac for the hard winter lists the price of peat week by week, and beside each entry "
  "someone has pencilled the number of boats that did not return.";

static void
merge (ViewsLibrary *library,
       const char   *owner,
       const char   *name,
       GPtrArray    *records)
{
  g_autoptr(GError) error = NULL;

  records_number_lines (records);
  g_assert_true (scholia_store_merge_log (library->store, library->seminar, owner, name, records, NULL, &error));
  g_assert_no_error (error);
}

static gint64
participant_id (ViewsLibrary *library,
                const char   *uuid)
{
  g_autoptr(GPtrArray) participants = scholia_store_list_participants (library->store, library->seminar, NULL);

  for (guint i = 0; i < participants->len; i++)
    {
      ScholiaParticipant *participant = g_ptr_array_index (participants, i);

      if (g_str_equal (participant->uuid, uuid))
        return participant->id;
    }
  g_assert_not_reached ();
}

void
views_library_open (ViewsLibrary        *library,
                    const char          *path,
                    ScholiaSeminarRole   role,
                    gboolean             hide_until_posted)
{
  g_autoptr(GPtrArray) ana = records_new ();
  g_autoptr(GPtrArray) bruno = records_new ();
  g_autoptr(GError) error = NULL;
  const char *tidewater, *almanac;

  library->path = g_strdup (path);
  library->store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  library->tidewater = scholia_store_add_document (library->store, "The Tidewater Accounts", "Maren Holt",
                                                   "1987", "", views_tidewater, NULL, &error);
  g_assert_no_error (error);
  library->almanac = scholia_store_add_document (library->store, "A Winter Almanac", "Idris Vane", "1992", "",
                                                 views_almanac, NULL, &error);
  g_assert_no_error (error);
  library->seminar = scholia_store_add_seminar (library->store, NULL, VIEWS_SEMINAR, "/srv/coastal", role, ME,
                                                VIEWS_ME_NAME,
                                                hide_until_posted ? "{\"participants-add-tags\": false,"
                                                                    " \"hide-until-posted\": true}"
                                                                  : "{\"hide-until-posted\": false}",
                                                &error);
  g_assert_no_error (error);
  scholia_store_add_seminar_essay (library->store, library->seminar, library->tidewater, &error);
  g_assert_no_error (error);
  scholia_store_add_seminar_essay (library->store, library->seminar, library->almanac, &error);
  g_assert_no_error (error);

  tidewater = scholia_document_get_uuid (library->tidewater);
  almanac = scholia_document_get_uuid (library->almanac);
  g_ptr_array_add (ana, record_put (ANA, VIEWS_ANA_FIRST, 1000, tidewater, views_tidewater, 0, 48,
                                    "Two books, two truths", "evidence", "Trade"));
  g_ptr_array_add (ana, record_put (ANA, VIEWS_ANA_SECOND, 1100, tidewater, views_tidewater, 185, 210,
                                    "", "evidence", ""));
  g_ptr_array_add (ana, record_put (ANA, VIEWS_ANA_WINTER, 1200, almanac, views_almanac, 38, 68,
                                    "Peat prices", "evidence", "Trade"));
  merge (library, ANA, VIEWS_ANA_NAME, ana);

  g_ptr_array_add (bruno, record_put (BRUNO, VIEWS_BRUNO_SPAN, 1500, tidewater, views_tidewater, 21, 48,
                                      "Smugglers' bookkeeping", "evidence", "Trade"));
  g_ptr_array_add (bruno, record_reply (BRUNO, VIEWS_BRUNO_REPLY, 1600, VIEWS_ANA_FIRST,
                                        "Were both ledgers in the same hand?"));
  merge (library, BRUNO, VIEWS_BRUNO_NAME, bruno);

  library->ana = participant_id (library, ANA);
  library->bruno = participant_id (library, BRUNO);
  library->me = library->seminar->participant_id;
}

void
views_library_close (ViewsLibrary *library)
{
  g_clear_pointer (&library->seminar, scholia_seminar_free);
  g_clear_object (&library->store);
  g_clear_pointer (&library->path, g_free);
}

gint64
views_annotation_id (ViewsLibrary *library,
                     const char   *uuid)
{
  ScholiaDbStatement *stmt = scholia_db_get_statement (library->store->db, "SELECT id FROM annotations WHERE uuid = ?",
                                                       NULL);
  gint64 id = 0;

  g_assert_nonnull (stmt);
  scholia_db_statement_bind_text (stmt, 1, uuid);
  if (scholia_db_statement_step (stmt, NULL) == SCHOLIA_DB_STEP_ROW)
    id = scholia_db_statement_column_int64 (stmt, 0);
  scholia_db_statement_reset (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}
