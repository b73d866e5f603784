/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A seminar's data in the library: participants' logs merged in any order give the same rows,
 * edits and deletions propagate, forged records are refused, my own changes become records,
 * other participants' annotations cannot be changed here, and version 4 libraries upgrade. */

#include "config.h"

#include <string.h>

#include "scholia-editor.h"
#include "scholia-error.h"
#include "scholia-schema.h"
#include "scholia-seminar-store.h"
#include "scholia-store-private.h"
#include "seminar-records.h"
#include "test-files.h"

#define SEMINAR_UUID "5e111a40-0000-4000-8000-000000000017"
#define ME    "00000000-0000-4000-8000-0000000000ee"
#define ANA   "a0000000-0000-4000-8000-00000000000a"
#define BRUNO "b0000000-0000-4000-8000-00000000000b"
#define CLARA "c0000000-0000-4000-8000-00000000000c"

static const char essay_one[] =
  "The harbour ledgers of Vellmar record grain arriving in every month of the famine year. "
  "Historians who blamed the shortage on the weather never opened them. The ledgers show the "
  "grain was sold on, at night, to merchants from the coast.";
static const char essay_two[] =
  "Miriam Osei kept a diary through the siege. Her entries are short, and they grow shorter. "
  "By the third month she writes only the price of bread and the names of the dead.";

typedef struct
{
  char *dir;
  char *template;     /* a library with the two essays, which each test copies */
  char *essay_one;    /* their uuids */
  char *essay_two;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ScholiaDocument *one;
  ScholiaDocument *two;

  fixture->dir = test_tmp_dir_new ("scholia-seminar-store-XXXXXX");
  fixture->template = g_build_filename (fixture->dir, "template.sqlite3", NULL);
  store = scholia_store_open (fixture->template, &error);
  g_assert_no_error (error);
  one = scholia_store_add_document (store, "The Vellmar Ledgers", "Ines Harrow", "1998", "", essay_one, NULL, &error);
  g_assert_no_error (error);
  two = scholia_store_add_document (store, "A Siege Diary", "Tomas Reiner", "2004", "", essay_two, NULL, &error);
  g_assert_no_error (error);
  fixture->essay_one = g_strdup (scholia_document_get_uuid (one));
  fixture->essay_two = g_strdup (scholia_document_get_uuid (two));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->template);
  g_free (fixture->essay_one);
  g_free (fixture->essay_two);
}

/* A copy of the template, opened, with the seminar holding both essays. */
static ScholiaStore *
open_copy (Fixture         *fixture,
           const char      *name,
           ScholiaSeminar **seminar)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (fixture->template);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ScholiaStore *store;
  GListModel *documents;

  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  *seminar = scholia_store_add_seminar (store, SEMINAR_UUID, "Famine and Memory", "/srv/seminar",
                                        SCHOLIA_SEMINAR_PARTICIPANT, ME, "Eli Marsh", NULL, &error);
  g_assert_no_error (error);
  documents = scholia_store_get_documents (store);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);

      scholia_store_add_seminar_essay (store, *seminar, document, &error);
      g_assert_no_error (error);
    }
  return store;
}

#define ANA_THESIS   "aaaaaaaa-0001-4000-8000-000000000001"
#define ANA_DIARY    "aaaaaaaa-0002-4000-8000-000000000002"
#define BRUNO_NIGHT  "bbbbbbbb-0001-4000-8000-000000000001"
#define BRUNO_GONE   "bbbbbbbb-0002-4000-8000-000000000002"
#define CLARA_BREAD  "cccccccc-0001-4000-8000-000000000001"
#define BRUNO_REPLY  "bbbbbbbb-00ff-4000-8000-0000000000ff"
#define CLARA_REPLY  "cccccccc-00ff-4000-8000-0000000000ff"

/* Three participants' logs: puts, an edit, a deletion, replies (one to an annotation in a log
 * that may come later), a tag and a theme no library has yet. */
static GPtrArray **
three_logs (Fixture *fixture)
{
  GPtrArray **logs = g_new0 (GPtrArray *, 3);

  logs[0] = records_new ();
  g_ptr_array_add (logs[0], record_put (ANA, ANA_THESIS, 1000, fixture->essay_one, essay_one, 88, 156,
                                        "Weather as an alibi", "thesis", "Famine"));
  g_ptr_array_add (logs[0], record_put (ANA, ANA_DIARY, 2000, fixture->essay_two, essay_two, 0, 43,
                                        "", "source-reference", ""));
  g_ptr_array_add (logs[0], record_put (ANA, ANA_THESIS, 5000, fixture->essay_one, essay_one, 88, 156,
                                        "Weather as an alibi: the ledgers say otherwise", "thesis,evidence",
                                        "Famine,Memory"));
  records_number_lines (logs[0]);

  logs[1] = records_new ();
  g_ptr_array_add (logs[1], record_put (BRUNO, BRUNO_NIGHT, 1500, fixture->essay_one, essay_one, 178, 234,
                                        "", "evidence,smuggling", "Trade"));
  g_ptr_array_add (logs[1], record_put (BRUNO, BRUNO_GONE, 1600, fixture->essay_two, essay_two, 44, 89, "Too short?",
                                        "", ""));
  g_ptr_array_add (logs[1], record_reply (BRUNO, BRUNO_REPLY, 2500, CLARA_BREAD, "Bread is the whole argument here."));
  g_ptr_array_add (logs[1], record_delete (BRUNO, BRUNO_GONE, 3000));
  records_number_lines (logs[1]);

  logs[2] = records_new ();
  g_ptr_array_add (logs[2], record_put (CLARA, CLARA_BREAD, 1200, fixture->essay_two, essay_two, 90, 170,
                                        "Counting as mourning", "evidence", "Memory"));
  g_ptr_array_add (logs[2], record_reply (CLARA, CLARA_REPLY, 4000, ANA_THESIS, "Which ledgers, exactly?"));
  records_number_lines (logs[2]);
  return logs;
}

static void
free_logs (GPtrArray **logs)
{
  for (guint i = 0; i < 3; i++)
    g_ptr_array_unref (logs[i]);
  g_free (logs);
}

static const char *owners[] = { ANA, BRUNO, CLARA };
static const char *names[] = { "Ana Petrov", "Bruno Sato", "Clara Vidal" };

static void
merge (ScholiaStore        *store,
       ScholiaSeminar      *seminar,
       GPtrArray          **logs,
       guint                which,
       ScholiaMergeReport  *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_store_merge_log (store, seminar, owners[which], names[which], logs[which],
                                          report, &error));
  g_assert_no_error (error);
}

/* Every row a user could see, in an order that does not depend on ids. */
static char *
dump (const char *path)
{
  static const char *queries[] = {
    "SELECT group_concat(x, '|') FROM (SELECT a.uuid || ' ' || d.uuid || ' ' || a.start_offset || '-' ||"
    " a.end_offset || ' ' || scholia_passage(0, a.quote, a.document_id, a.start_offset, a.end_offset) || ' ' || a.note || ' ' || p.uuid || ' ' || a.hlc AS x"
    " FROM annotations a JOIN documents d ON d.id = a.document_id"
    " LEFT JOIN participants p ON p.id = a.participant_id ORDER BY a.uuid)",
    "SELECT group_concat(x, '|') FROM (SELECT a.uuid || ' ' || t.name || ' ' || t.colour || ' ' || l.position AS x"
    " FROM annotation_tags l JOIN annotations a ON a.id = l.annotation_id JOIN tags t ON t.id = l.tag_id"
    " ORDER BY a.uuid, l.position)",
    "SELECT group_concat(x, '|') FROM (SELECT a.uuid || ' ' || t.name || ' ' || l.position AS x"
    " FROM annotation_themes l JOIN annotations a ON a.id = l.annotation_id JOIN themes t ON t.id = l.theme_id"
    " ORDER BY a.uuid, l.position)",
    "SELECT group_concat(x, '|') FROM (SELECT r.uuid || ' ' || r.annotation_uuid || ' ' || p.uuid || ' ' ||"
    " r.body || ' ' || r.hlc || ' ' || r.read AS x FROM replies r JOIN participants p ON p.id = r.participant_id"
    " ORDER BY r.uuid)",
    "SELECT group_concat(x, '|') FROM (SELECT i.uuid || ' ' || p.uuid || ' ' || i.first_hlc || ' ' || i.hlc ||"
    " ' ' || i.deleted AS x FROM seminar_items i JOIN participants p ON p.id = i.participant_id ORDER BY i.uuid)",
    "SELECT group_concat(x, '|') FROM (SELECT name || ' ' || colour AS x FROM tags ORDER BY name)",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = test_sql_text (path, queries[i]);

      g_string_append_printf (text, "%s\n", rows != NULL ? rows : "");
    }
  return g_string_free (text, FALSE);
}

static void
test_merge_any_order (Fixture       *fixture,
                      gconstpointer  data)
{
  static const guint orders[][3] = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };
  GPtrArray **logs = three_logs (fixture);
  g_autofree char *first = NULL;

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autofree char *name = g_strdup_printf ("order-%u.sqlite3", o);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(ScholiaSeminar) seminar = NULL;
      g_autoptr(ScholiaStore) store = open_copy (fixture, name, &seminar);
      g_autofree char *rows = NULL;
      ScholiaMergeReport report = { 0 };

      for (guint i = 0; i < 3; i++)
        merge (store, seminar, logs, orders[o][i], &report);
      g_assert_cmpuint (report.applied, ==, 7);
      g_assert_cmpuint (report.unchanged, ==, 2);
      g_assert_cmpuint (report.forged, ==, 0);
      g_assert_cmpuint (report.replies, ==, 2);
      scholia_merge_report_clear (&report);

      /* Twice more, and in reverse: nothing changes. */
      for (guint i = 0; i < 3; i++)
        merge (store, seminar, logs, orders[o][2 - i], &report);
      for (guint i = 0; i < 3; i++)
        merge (store, seminar, logs, orders[o][i], &report);
      g_assert_cmpuint (report.applied, ==, 0);
      g_assert_cmpuint (report.unchanged, ==, 2 * 9);
      scholia_merge_report_clear (&report);
      g_clear_object (&store);

      rows = dump (path);
      if (first == NULL)
        first = g_steal_pointer (&rows);
      else
        g_assert_cmpstr (rows, ==, first);
    }

  /* What every order gives: Ana's edit, Bruno's deletion, both replies, the new labels. */
  g_assert_nonnull (strstr (first, ANA_THESIS));
  g_assert_nonnull (strstr (first, "the ledgers say otherwise"));
  g_assert_null (strstr (first, "Too short?"));
  g_assert_nonnull (strstr (first, BRUNO_GONE " " BRUNO));
  g_assert_nonnull (strstr (first, "Bread is the whole argument here."));
  g_assert_nonnull (strstr (first, "smuggling"));
  g_assert_nonnull (strstr (first, ANA_THESIS " Memory 1"));
  free_logs (logs);
}

static int annotations_changed;

static void
on_annotations_changed_cb (ScholiaStore *store,
                           gint64        document_id,
                           gpointer      user_data)
{
  annotations_changed++;
}

static void
test_merge_edit_and_delete_reach_views (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaStore) store = open_copy (fixture, "views.sqlite3", &seminar);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) log = records_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(ScholiaParticipant) ana = NULL;
  ScholiaDocument *document = scholia_store_find_document (store, fixture->essay_one, &error);

  g_assert_no_error (error);
  list = scholia_store_list_annotations (store, document, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "annotations-changed", G_CALLBACK (on_annotations_changed_cb), NULL);
  annotations_changed = 0;

  g_ptr_array_add (log, record_put (ANA, ANA_THESIS, 1000, fixture->essay_one, essay_one, 88, 156, "First", "thesis", ""));
  scholia_store_merge_log (store, seminar, ANA, "Ana Petrov", log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (annotations_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpuint (scholia_document_get_annotation_count (document), ==, 1);
  annotation = g_list_model_get_item (list, 0);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "First");
  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "Historians who blamed the shortage on the weather never opened them.");
  ana = scholia_store_get_participant (store, scholia_annotation_get_participant_id (annotation), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ana->name, ==, "Ana Petrov");
  /* Ranked first (my first clock is not known yet): the participants' palette's first colour. */
  g_assert_cmpstr (ana->colour, ==, "#d9214f");
  g_assert_false (ana->me);

  g_ptr_array_add (log, record_put (ANA, ANA_THESIS, 2000, fixture->essay_one, essay_one, 88, 156, "Second", "", "Famine"));
  scholia_store_merge_log (store, seminar, ANA, "Ana Petrov", log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Second");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    g_autoptr(ScholiaAnnotation) same = g_list_model_get_item (list, 0);
    guint n_tags, n_themes;

    g_assert_true (same == annotation);
    scholia_annotation_get_tag_ids (annotation, &n_tags);
    scholia_annotation_get_theme_ids (annotation, &n_themes);
    g_assert_cmpuint (n_tags, ==, 0);
    g_assert_cmpuint (n_themes, ==, 1);
  }

  g_ptr_array_add (log, record_delete (ANA, ANA_THESIS, 3000));
  scholia_store_merge_log (store, seminar, ANA, "Ana Petrov", log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpuint (scholia_document_get_annotation_count (document), ==, 0);
  g_assert_cmpint (annotations_changed, ==, 3);
}

static void
test_merge_refuses_forged_records (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaStore) store = open_copy (fixture, "forged.sqlite3", &seminar);
  g_autofree char *path = g_strdup (scholia_store_get_path (store));
  g_autoptr(GPtrArray) ana = records_new ();
  g_autoptr(GPtrArray) bruno = records_new ();
  g_autoptr(GError) error = NULL;
  ScholiaMergeReport report = { 0 };

  g_ptr_array_add (ana, record_put (ANA, ANA_THESIS, 1000, fixture->essay_one, essay_one, 88, 156, "Mine", "thesis", ""));
  records_number_lines (ana);
  /* Bruno's log: his own annotation, a record claiming to be Ana's, and his put and delete on
   * her annotation. */
  g_ptr_array_add (bruno, record_put (BRUNO, BRUNO_NIGHT, 1500, fixture->essay_one, essay_one, 178, 234, "", "", ""));
  g_ptr_array_add (bruno, record_put (ANA, ANA_DIARY, 1600, fixture->essay_two, essay_two, 0, 43, "Not Ana", "", ""));
  g_ptr_array_add (bruno, record_put (BRUNO, ANA_THESIS, 2000, fixture->essay_one, essay_one, 88, 156, "Bruno's now", "", ""));
  g_ptr_array_add (bruno, record_delete (BRUNO, ANA_THESIS, 2500));
  records_number_lines (bruno);

  scholia_store_merge_log (store, seminar, ANA, "Ana Petrov", ana, &report, &error);
  g_assert_no_error (error);
  scholia_store_merge_log (store, seminar, BRUNO, "Bruno Sato", bruno, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.applied, ==, 2);
  g_assert_cmpuint (report.forged, ==, 3);
  g_assert_cmpuint (report.forged_lines->len, ==, 3);
  g_assert_cmpuint (g_array_index (report.forged_lines, guint, 0), ==, 2);
  scholia_merge_report_clear (&report);
  g_clear_object (&store);

  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM annotations"), ==, 2);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM annotations WHERE uuid = '" ANA_DIARY "'"), ==, 0);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM annotations WHERE note = 'Mine'"), ==, 1);
}

static void
test_merge_late_older_put_stays_deleted (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaStore) store = open_copy (fixture, "late.sqlite3", &seminar);
  g_autoptr(GPtrArray) deletion = records_new ();
  g_autoptr(GPtrArray) creation = records_new ();
  g_autoptr(GError) error = NULL;
  ScholiaMergeReport report = { 0 };

  /* The log read first holds only the deletion (an incremental read of its end); the put comes
   * later, from an older copy of the same log. */
  g_ptr_array_add (deletion, record_delete (ANA, ANA_THESIS, 3000));
  g_ptr_array_add (creation, record_put (ANA, ANA_THESIS, 1000, fixture->essay_one, essay_one, 88, 156, "", "", ""));
  scholia_store_merge_log (store, seminar, ANA, "Ana Petrov", deletion, &report, &error);
  g_assert_no_error (error);
  scholia_store_merge_log (store, seminar, ANA, "Ana Petrov", creation, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.applied, ==, 1);
  g_assert_cmpuint (report.unchanged, ==, 1);
  g_assert_cmpuint (scholia_document_get_annotation_count (scholia_store_find_document (store, fixture->essay_one, NULL)), ==, 0);
  g_assert_cmpint (test_sql_int (scholia_store_get_path (store), "SELECT count(*) FROM annotations"), ==, 0);
  g_assert_cmpint (test_sql_int (scholia_store_get_path (store),
                                 "SELECT deleted FROM seminar_items WHERE uuid = '" ANA_THESIS "'"), ==, 1);
  scholia_merge_report_clear (&report);
}

static void
test_merge_unknown_essay_is_reported (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaStore) store = open_copy (fixture, "unknown.sqlite3", &seminar);
  g_autoptr(GPtrArray) log = records_new ();
  g_autoptr(GError) error = NULL;
  ScholiaMergeReport report = { 0 };

  g_ptr_array_add (log, record_put (ANA, ANA_THESIS, 1000, "99999999-9999-4999-8999-999999999999", essay_one, 0, 10,
                                    "", "", ""));
  /* One label named twice, in two spellings, is carried once. */
  g_ptr_array_add (log, record_put (ANA, ANA_DIARY, 1000, fixture->essay_two, essay_two, 0, 43, "", "thesis,Thesis,thesis",
                                    "Memory,memory"));
  scholia_store_merge_log (store, seminar, ANA, "Ana Petrov", log, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.unknown_document, ==, 1);
  g_assert_cmpuint (report.applied, ==, 1);
  g_assert_cmpint (test_sql_int (scholia_store_get_path (store), "SELECT count(*) FROM annotation_tags"), ==, 1);
  g_assert_cmpint (test_sql_int (scholia_store_get_path (store), "SELECT count(*) FROM annotation_themes"), ==, 1);
  /* Skipped, not remembered: merged again once the essay is here, it lands. */
  g_assert_cmpint (test_sql_int (scholia_store_get_path (store),
                                 "SELECT count(*) FROM seminar_items WHERE uuid = '" ANA_THESIS "'"), ==, 0);
  scholia_merge_report_clear (&report);
}

static ScholiaLabel *
find_tag (ScholiaStore *store,
          const char   *name)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *label = scholia_store_find_label (store, SCHOLIA_TYPE_TAG, name, &error);

  g_assert_no_error (error);
  return label;
}

static void
test_outbox_logs_editor_changes (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaStore) store = open_copy (fixture, "outbox.sqlite3", &seminar);
  g_autoptr(ScholiaEditor) editor = scholia_editor_new (store);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(ScholiaReply) my_reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  ScholiaDocument *document = scholia_store_find_document (store, fixture->essay_two, &error);
  gint64 thesis = scholia_label_get_id (find_tag (store, "thesis"));
  const ScholiaLogRecord *record;

  g_assert_no_error (error);
  records = scholia_store_take_seminar_outbox (store, seminar, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* As the reading view annotates: a span, a tag, then a note typed in the inspector. */
  annotation = scholia_editor_annotate (editor, document, 0, 43, &thesis, 1, NULL, &error);
  g_assert_no_error (error);
  scholia_editor_set_note (editor, annotation, "A diary as a ledger", &error);
  g_assert_no_error (error);
  scholia_editor_add_label (editor, annotation, find_tag (store, "evidence"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_annotation_get_participant_id (annotation), ==, 0);

  records = scholia_store_take_seminar_outbox (store, seminar, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpint (record->op, ==, SCHOLIA_LOG_PUT_ANNOTATION);
  g_assert_cmpstr (record->uuid, ==, scholia_annotation_get_uuid (annotation));
  g_assert_cmpstr (record->author, ==, ME);
  g_assert_cmpstr (record->author_name, ==, "Eli Marsh");
  g_assert_cmpstr (record->document_uuid, ==, fixture->essay_two);
  g_assert_cmpuint (record->start, ==, 0);
  g_assert_cmpuint (record->end, ==, 43);
  g_assert_cmpstr (record->quote, ==, "Miriam Osei kept a diary through the siege.");
  g_assert_cmpstr (record->note, ==, "A diary as a ledger");
  g_assert_cmpuint (g_strv_length (record->tags), ==, 2);
  g_assert_cmpstr (record->tags[0], ==, "thesis");
  g_assert_cmpstr (record->tags[1], ==, "evidence");
  g_assert_true (g_str_has_suffix (record->hlc, ME));
  g_assert_cmpint (scholia_annotation_get_participant_id (annotation), ==, seminar->participant_id);
  g_clear_pointer (&records, g_ptr_array_unref);

  records = scholia_store_take_seminar_outbox (store, seminar, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* A deletion, and a reply. */
  scholia_editor_delete_annotation (editor, annotation, &error);
  g_assert_no_error (error);
  my_reply = scholia_store_add_reply (store, seminar, ANA_THESIS, "Is the weather really an alibi?", &error);
  g_assert_no_error (error);
  g_assert_true (my_reply->read);
  records = scholia_store_take_seminar_outbox (store, seminar, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpint (record->op, ==, SCHOLIA_LOG_DELETE);
  g_assert_cmpstr (record->uuid, ==, scholia_annotation_get_uuid (annotation));
  record = g_ptr_array_index (records, 1);
  g_assert_cmpint (record->op, ==, SCHOLIA_LOG_PUT_REPLY);
  g_assert_cmpstr (record->target_uuid, ==, ANA_THESIS);
  g_assert_cmpstr (record->body, ==, "Is the weather really an alibi?");

  /* My whole log, in order, each clock after the one before. */
  own = scholia_store_list_own_log (store, seminar, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (own->len, ==, 3);
  for (guint i = 1; i < own->len; i++)
    g_assert_cmpint (strcmp (((ScholiaLogRecord *) g_ptr_array_index (own, i - 1))->hlc,
                             ((ScholiaLogRecord *) g_ptr_array_index (own, i))->hlc), <, 0);
  g_assert_cmpstr (((ScholiaLogRecord *) g_ptr_array_index (own, 0))->note, ==, "A diary as a ledger");
  g_assert_cmpstr (((ScholiaLogRecord *) g_ptr_array_index (own, 0))->tags[1], ==, "evidence");
  g_assert_cmpuint (((ScholiaLogRecord *) g_ptr_array_index (own, 2))->line, ==, 3);

  /* Merged into another library, my log gives my annotation back, as mine. */
  {
    g_autoptr(ScholiaSeminar) other_seminar = NULL;
    g_autoptr(ScholiaStore) other = open_copy (fixture, "other.sqlite3", &other_seminar);
    g_autoptr(GPtrArray) first = g_ptr_array_new ();

    g_ptr_array_add (first, g_ptr_array_index (own, 0));
    scholia_store_merge_log (other, other_seminar, ME, "Eli Marsh", first, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (test_sql_int (scholia_store_get_path (other),
                                   "SELECT count(*) FROM annotations WHERE note = 'A diary as a ledger'"), ==, 1);
    scholia_store_merge_log (other, other_seminar, ME, "Eli Marsh", own, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (test_sql_int (scholia_store_get_path (other), "SELECT count(*) FROM annotations"), ==, 0);
    g_assert_cmpint (test_sql_int (scholia_store_get_path (other), "SELECT count(*) FROM replies"), ==, 1);
  }
}

static void
test_merged_changes_are_not_logged (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaStore) store = open_copy (fixture, "quiet.sqlite3", &seminar);
  GPtrArray **logs = three_logs (fixture);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    merge (store, seminar, logs, i, NULL);
  records = scholia_store_take_seminar_outbox (store, seminar, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
  free_logs (logs);
}

static void
test_others_annotations_are_refused (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaStore) store = open_copy (fixture, "permission.sqlite3", &seminar);
  g_autoptr(ScholiaEditor) editor = scholia_editor_new (store);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray **logs = three_logs (fixture);
  ScholiaDocument *document = scholia_store_find_document (store, fixture->essay_one, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  merge (store, seminar, logs, 0, NULL);
  merge (store, seminar, logs, 2, NULL);
  before = dump (scholia_store_get_path (store));
  list = scholia_store_list_annotations (store, document, &error);
  g_assert_no_error (error);
  annotation = g_list_model_get_item (list, 0);

  g_assert_false (scholia_editor_set_note (editor, annotation, "Overwritten", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, "Only Ana Petrov can change this annotation: it is theirs in the seminar");
  g_clear_error (&error);
  g_assert_false (scholia_editor_add_label (editor, annotation, find_tag (store, "counter-argument"), &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (scholia_editor_delete_annotation (editor, annotation, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "Only Ana Petrov can delete"));
  g_clear_error (&error);
  g_assert_false (scholia_store_set_annotation_anchor (store, annotation, 0, 10, FALSE, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Weather as an alibi: the ledgers say otherwise");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_false (scholia_history_get_can_undo (scholia_editor_get_history (editor)));

  /* Clara's reply to it is hers too; it arrived unread, and reading it marks it read. */
  replies = scholia_store_list_replies (store, ANA_THESIS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replies->len, ==, 1);
  g_assert_false (((ScholiaReply *) g_ptr_array_index (replies, 0))->read);
  g_assert_false (scholia_store_delete_reply (store, g_ptr_array_index (replies, 0), &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "Clara Vidal"));
  g_clear_error (&error);
  scholia_store_mark_replies_read (store, ANA_THESIS, &error);
  g_assert_no_error (error);
  g_clear_pointer (&replies, g_ptr_array_unref);
  replies = scholia_store_list_replies (store, ANA_THESIS, &error);
  g_assert_true (((ScholiaReply *) g_ptr_array_index (replies, 0))->read);

  /* Annotations, their tags and themes as they were. */
  after = dump (scholia_store_get_path (store));
  {
    g_auto(GStrv) old_rows = g_strsplit (before, "\n", -1);
    g_auto(GStrv) new_rows = g_strsplit (after, "\n", -1);

    for (guint i = 0; i < 3; i++)
      g_assert_cmpstr (new_rows[i], ==, old_rows[i]);
    g_assert_true (g_str_has_prefix (new_rows[0], ANA_THESIS));
  }
  records = scholia_store_take_seminar_outbox (store, seminar, &error);
  g_assert_cmpuint (records->len, ==, 0);
  free_logs (logs);
}

static void
test_seminar_queries (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ScholiaSeminar) seminar = NULL;
  g_autoptr(ScholiaStore) store = open_copy (fixture, "queries.sqlite3", &seminar);
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(ScholiaParticipant) me = NULL;
  g_autoptr(ScholiaSeminar) found = NULL;
  g_autoptr(GArray) essays = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  GPtrArray **logs = three_logs (fixture);
  gint64 bytes;

  for (guint i = 0; i < 3; i++)
    merge (store, seminar, logs, i, NULL);

  seminars = scholia_store_list_seminars (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seminars->len, ==, 1);
  g_assert_cmpstr (((ScholiaSeminar *) g_ptr_array_index (seminars, 0))->location, ==, "/srv/seminar");
  found = scholia_store_find_seminar (store, "famine and memory", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->uuid, ==, SEMINAR_UUID);
  g_assert_cmpint (found->role, ==, SCHOLIA_SEMINAR_PARTICIPANT);
  g_assert_null (scholia_store_find_seminar (store, "Nothing", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  participants = scholia_store_list_participants (store, seminar, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (participants->len, ==, 4);
  g_assert_cmpstr (((ScholiaParticipant *) g_ptr_array_index (participants, 0))->name, ==, "Ana Petrov");
  g_assert_cmpstr (((ScholiaParticipant *) g_ptr_array_index (participants, 3))->name, ==, "Eli Marsh");
  me = scholia_store_get_my_participant (store, seminar, &error);
  g_assert_no_error (error);
  g_assert_true (me->me);
  g_assert_cmpstr (me->uuid, ==, ME);

  essays = scholia_store_list_seminar_essays (store, seminar, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (essays->len, ==, 2);

  scholia_store_set_remote_log (store, seminar, BRUNO, "\"abc\"", 812, &error);
  g_assert_no_error (error);
  scholia_store_get_remote_log (store, seminar, BRUNO, &etag, &bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (etag, ==, "\"abc\"");
  g_assert_cmpint (bytes, ==, 812);
  g_clear_pointer (&etag, g_free);
  scholia_store_get_remote_log (store, seminar, CLARA, &etag, &bytes, &error);
  g_assert_cmpstr (etag, ==, "");

  scholia_store_set_seminar_sync (store, seminar, 1764700123, "The server refused the upload", &error);
  g_assert_no_error (error);
  g_clear_pointer (&found, scholia_seminar_free);
  found = scholia_store_find_seminar (store, SEMINAR_UUID, &error);
  g_assert_cmpint (found->last_sync, ==, 1764700123);
  g_assert_cmpstr (found->last_error, ==, "The server refused the upload");
  free_logs (logs);
}

/* A library as this code wrote it at version 4, with an annotated essay. */
static void
write_version_4_library (const char *path)
{
  guint n_migrations;
  const ScholiaMigration *migrations = scholia_schema_get_migrations (&n_migrations);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  ScholiaDocument *document;
  ScholiaLabel *theme;
  gint64 ids[2];

  g_assert_cmpint (migrations[3].version, ==, 4);
  store = _scholia_store_open_with_migrations (path, migrations, 4, &error);
  g_assert_no_error (error);
  document = scholia_store_add_document (store, "The Vellmar Ledgers", "Ines Harrow", "1998", "", essay_one, NULL, &error);
  g_assert_no_error (error);
  theme = scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Famine", NULL, "", &error);
  g_assert_no_error (error);
  ids[0] = scholia_label_get_id (find_tag (store, "thesis"));
  ids[1] = scholia_label_get_id (theme);
  annotation = scholia_store_add_annotation (store, document, 88, 156, ids, 1, ids + 1, 1, "Kept", &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, 4);
}

static void
test_version_4_library_upgrades (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *original = g_build_filename (fixture->dir, "v4.sqlite3", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "v4-copy.sqlite3", NULL);
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  static const char *tables[] = { "documents", "annotations", "annotation_tags", "annotation_themes", "tags",
                                  "themes", "authors" };
  gint64 counts[G_N_ELEMENTS (tables)];

  write_version_4_library (original);
  from = g_file_new_for_path (original);
  to = g_file_new_for_path (copy);
  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      counts[i] = test_sql_int (copy, sql);
      g_assert_cmpint (counts[i], >, 0);
    }

  store = scholia_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_store_get_schema_version (store), ==, SCHOLIA_SCHEMA_VERSION);
  list = scholia_store_list_annotations (store, scholia_store_find_document (store, "The Vellmar Ledgers", NULL), &error);
  g_assert_no_error (error);
  annotation = g_list_model_get_item (list, 0);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Kept");
  g_assert_cmpint (scholia_annotation_get_participant_id (annotation), ==, 0);
  g_clear_object (&annotation);
  g_clear_object (&list);
  g_clear_object (&store);

  g_assert_cmpint (test_sql_int (copy, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_assert_cmpint (test_sql_int (copy, sql), ==, counts[i]);
    }
  g_assert_cmpint (test_sql_int (copy, "SELECT count(*) FROM annotations WHERE participant_id IS NULL AND hlc = ''"), ==, 1);
  g_assert_cmpint (test_sql_int (copy, "SELECT count(*) FROM seminars"), ==, 0);
}

static void
test_read_only_version_4_library_reads (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "v4-read-only.sqlite3", NULL);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  write_version_4_library (path);
  before = test_read_bytes (path);

  store = scholia_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_is_read_only (store));
  g_assert_cmpint (scholia_store_get_schema_version (store), ==, 4);
  list = scholia_store_list_annotations (store, scholia_store_find_document (store, "The Vellmar Ledgers", NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  annotation = g_list_model_get_item (list, 0);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Kept");
  seminars = scholia_store_list_seminars (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seminars->len, ==, 0);
  replies = scholia_store_list_replies (store, scholia_annotation_get_uuid (annotation), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replies->len, ==, 0);
  g_clear_object (&annotation);
  g_clear_object (&list);
  g_clear_object (&store);

  after = test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  test_assert_nothing_beside (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/seminar-store/merge/any-order-same-rows", test_merge_any_order);
  ADD ("/seminar-store/merge/edit-and-delete-reach-views", test_merge_edit_and_delete_reach_views);
  ADD ("/seminar-store/merge/refuses-forged-records", test_merge_refuses_forged_records);
  ADD ("/seminar-store/merge/late-older-put-stays-deleted", test_merge_late_older_put_stays_deleted);
  ADD ("/seminar-store/merge/unknown-essay-is-reported", test_merge_unknown_essay_is_reported);
  ADD ("/seminar-store/outbox/logs-editor-changes", test_outbox_logs_editor_changes);
  ADD ("/seminar-store/outbox/merged-changes-are-not-logged", test_merged_changes_are_not_logged);
  ADD ("/seminar-store/permission/others-annotations-are-refused", test_others_annotations_are_refused);
  ADD ("/seminar-store/queries", test_seminar_queries);
  ADD ("/seminar-store/schema/version-4-library-upgrades", test_version_4_library_upgrades);
  ADD ("/seminar-store/schema/read-only-version-4-library-reads", test_read_only_version_4_library_reads);
#undef ADD

  return g_test_run ();
}
