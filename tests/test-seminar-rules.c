/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The seminar's rules in the store: a participant adds no tag the seminar lacks unless the
 * leader allows it (nor does a merge bring one in), and every participant has a colour of their
 * own, unlike any tag's and the same in every library that merged the same logs. */

#include "config.h"

#include <string.h>

#include "scholia-colour.h"
#include "scholia-editor.h"
#include "scholia-error.h"
#include "scholia-seminar-store.h"
#include "scholia-tag.h"
#include "seminar-records.h"
#include "test-files.h"

#define SEMINAR_UUID "5e111a40-0000-4000-8000-00000000ab01"
#define LEADER "1ead0000-0000-4000-8000-000000000001"
#define ME     "e1e1e1e1-0000-4000-8000-0000000000ee"
#define BRUNO  "b2b2b2b2-0000-4000-8000-00000000000b"

static const char pamphlet[] =
  "The pamphlet of 1846 blamed the blight on the moon. Its printer, a man named Ossian Reeve, "
  "sold more copies of it than of the parish almanac, and the rumour outlived both of them.";

typedef struct
{
  char            *dir;
  char            *path;
  ScholiaStore    *store;
  ScholiaSeminar  *seminar;
  ScholiaDocument *essay;      /* the store's */
  ScholiaDocument *outside;    /* in no seminar */
} Fixture;

static void
open_library (Fixture            *fixture,
              ScholiaSeminarRole  role,
              const char         *options)
{
  g_autoptr(GError) error = NULL;

  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->essay = scholia_store_add_document (fixture->store, "A Moon for the Blight", "Nora Quill", "2001", "",
                                               pamphlet, NULL, &error);
  g_assert_no_error (error);
  fixture->outside = scholia_store_add_document (fixture->store, "My Own Notes", "Nora Quill", "2002", "",
                                                 pamphlet, NULL, &error);
  g_assert_no_error (error);
  fixture->seminar = scholia_store_add_seminar (fixture->store, SEMINAR_UUID, "Famine 1840s", "/srv/famine", role,
                                                role == SCHOLIA_SEMINAR_LEADER ? LEADER : ME,
                                                role == SCHOLIA_SEMINAR_LEADER ? "Lena Vogt" : "Eli Marsh",
                                                options, &error);
  g_assert_no_error (error);
  scholia_store_add_seminar_essay (fixture->store, fixture->seminar, fixture->essay, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-seminar-rules-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->seminar, scholia_seminar_free);
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* A participant's options as a sync keeps them: the leader's tags and who leads. */
#define CLOSED_TAGS \
  "{\"participants-add-tags\": false, \"hide-until-posted\": false, \"leader\": \"" LEADER "\"," \
  " \"tags\": [\"thesis\", \"evidence\"]}"
#define OPEN_TAGS \
  "{\"participants-add-tags\": true, \"hide-until-posted\": false, \"leader\": \"" LEADER "\"," \
  " \"tags\": [\"thesis\", \"evidence\"]}"

static gint64
tag_id (ScholiaStore *store,
        const char   *name)
{
  ScholiaLabel *tag = scholia_store_find_label (store, SCHOLIA_TYPE_TAG, name, NULL);

  if (tag == NULL)
    {
      g_autoptr(GError) error = NULL;

      tag = scholia_store_add_label (store, SCHOLIA_TYPE_TAG, name, NULL, "", &error);
      g_assert_no_error (error);
    }
  return scholia_label_get_id (tag);
}

static ScholiaAnnotation *
annotate (Fixture          *fixture,
          ScholiaDocument  *document,
          const char       *tag,
          GError          **error)
{
  gint64 id = tag_id (fixture->store, tag);

  return scholia_store_add_annotation (fixture->store, document, 4, 12, &id, 1, NULL, 0, "", error);
}

static void
test_student_may_not_add_tags (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) refused = NULL;
  g_autoptr(ScholiaAnnotation) allowed = NULL;
  g_autoptr(ScholiaAnnotation) outside = NULL;
  gint64 ids[2];
  guint n;

  open_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, CLOSED_TAGS);

  /* Making the tag is allowed (for essays of one's own); putting it on the seminar's is not. */
  refused = annotate (fixture, fixture->essay, "rumour", &error);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_assert_null (refused);
  g_assert_cmpstr (error->message, ==,
                   "The seminar “Famine 1840s” does not let participants add tags: “rumour” is not one of its tags");
  g_clear_error (&error);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotations"), ==, 0);

  outside = annotate (fixture, fixture->outside, "rumour", &error);
  g_assert_no_error (error);
  /* The seminar's own tags, in any case. */
  allowed = annotate (fixture, fixture->essay, "Evidence", &error);
  g_assert_no_error (error);

  /* Adding it later is refused too, and changes nothing; the tags it has stay allowed. */
  ids[0] = tag_id (fixture->store, "evidence");
  ids[1] = tag_id (fixture->store, "rumour");
  g_assert_false (scholia_store_set_annotation_labels (fixture->store, allowed, SCHOLIA_TYPE_TAG, ids, 2, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_clear_error (&error);
  scholia_annotation_get_tag_ids (allowed, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotation_tags"), ==, 2);
  g_assert_true (scholia_store_set_annotation_labels (fixture->store, allowed, SCHOLIA_TYPE_TAG, ids, 1, &error));
  g_assert_no_error (error);

  /* A tag the essay carried before the rule reached the library is kept when others change. */
  test_sql_exec (fixture->path, "INSERT INTO annotation_tags (annotation_id, tag_id, position)"
                                " SELECT a.id, t.id, 1 FROM annotations a, tags t"
                                " WHERE a.document_id = 1 AND t.name = 'rumour'");
  g_clear_object (&allowed);
  g_clear_pointer (&fixture->seminar, scholia_seminar_free);
  g_clear_object (&fixture->store);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) list = scholia_store_list_annotations (fixture->store,
                                                                 scholia_store_find_document (fixture->store,
                                                                                              "A Moon for the Blight",
                                                                                              NULL),
                                                                 &error);
    g_autoptr(ScholiaAnnotation) kept = g_list_model_get_item (list, 0);
    gint64 reordered[2] = { ids[1], ids[0] };

    g_assert_no_error (error);
    g_assert_true (scholia_store_set_annotation_labels (fixture->store, kept, SCHOLIA_TYPE_TAG, reordered, 2,
                                                        &error));
    g_assert_no_error (error);
  }
}

/* What the window does when a tag is applied (its toasts show the error's message). */
static void
test_editor_refuses_and_changes_nothing (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(ScholiaEditor) editor = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autoptr(ScholiaAnnotation) refused = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rumour, evidence;
  guint n;

  open_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, CLOSED_TAGS);
  editor = scholia_editor_new (fixture->store);
  rumour = tag_id (fixture->store, "rumour");
  evidence = tag_id (fixture->store, "evidence");

  refused = scholia_editor_annotate (editor, fixture->essay, 4, 12, &rumour, 1, NULL, &error);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "“rumour” is not one of its tags"));
  g_clear_error (&error);
  g_assert_null (refused);
  g_assert_false (scholia_editor_get_can_undo (editor));

  annotation = scholia_editor_annotate (editor, fixture->essay, 4, 12, &evidence, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (scholia_editor_toggle_label (editor, annotation,
                                               scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, rumour),
                                               &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_READ_ONLY);
  scholia_annotation_get_tag_ids (annotation, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotation_tags"), ==, 1);
}

static void
test_leader_and_open_seminars_take_any_tag (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;

  open_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, OPEN_TAGS);
  annotation = annotate (fixture, fixture->essay, "rumour", &error);
  g_assert_no_error (error);
  g_clear_object (&annotation);
  g_clear_pointer (&fixture->seminar, scholia_seminar_free);
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  fixture->dir = test_tmp_dir_new ("scholia-seminar-rules-XXXXXX");
  g_free (fixture->path);
  fixture->path = g_build_filename (fixture->dir, "leader.sqlite3", NULL);

  open_library (fixture, SCHOLIA_SEMINAR_LEADER, "{\"participants-add-tags\": false}");
  annotation = annotate (fixture, fixture->essay, "rumour", &error);
  g_assert_no_error (error);
}

static guint
count_tags_named (Fixture    *fixture,
                  const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM tags WHERE name = '%s'", name);

  return test_sql_int (fixture->path, sql);
}

/* A log written by another client (or an older Scholia) with a tag the seminar lacks. */
static void
test_merge_leaves_refused_tags_off (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) bruno = records_new ();
  g_autoptr(GPtrArray) leader = records_new ();
  g_autoptr(GError) error = NULL;
  ScholiaMergeReport report = { 0 };
  const char *essay;

  for (guint role = 0; role < 2; role++)
    {
      open_library (fixture, role == 0 ? SCHOLIA_SEMINAR_PARTICIPANT : SCHOLIA_SEMINAR_LEADER,
                    role == 0 ? CLOSED_TAGS : "{\"participants-add-tags\": false}");
      essay = scholia_document_get_uuid (fixture->essay);
      g_ptr_array_set_size (bruno, 0);
      g_ptr_array_add (bruno, record_put (BRUNO, "b2b2b2b2-0001-4000-8000-000000000001", 1000, essay, pamphlet, 0, 20,
                                          "Moon and blight", "evidence,rumour", ""));
      g_ptr_array_add (bruno, record_put (BRUNO, "b2b2b2b2-0002-4000-8000-000000000002", 1100, essay, pamphlet, 22,
                                          40, "", "Rumour", ""));
      records_number_lines (bruno);
      g_assert_true (scholia_store_merge_log (fixture->store, fixture->seminar, BRUNO, "Bruno Sato", bruno, &report,
                                              &error));
      g_assert_no_error (error);

      /* Both annotations kept, without the tag, which the library did not gain. */
      g_assert_cmpuint (report.applied, ==, 2);
      g_assert_cmpuint (report.refused_tag_lines->len, ==, 2);
      g_assert_cmpuint (g_array_index (report.refused_tag_lines, guint, 0) + g_array_index (report.refused_tag_lines,
                                                                                             guint, 1), ==, 3);
      g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotations WHERE participant_id IS NOT NULL"),
                       ==, 2);
      g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM annotation_tags l JOIN tags t ON t.id = l.tag_id"
                                                    " WHERE t.name = 'evidence'"), ==, 1);
      g_assert_cmpuint (count_tags_named (fixture, "rumour") + count_tags_named (fixture, "Rumour"), ==, 0);
      scholia_merge_report_clear (&report);

      /* The leader's log may bring new tags: theirs reach everyone through seminar.json. */
      if (role == 0)
        {
          g_ptr_array_add (leader, record_put (LEADER, "1ead0000-0001-4000-8000-000000000001", 1200, essay, pamphlet,
                                               50, 70, "", "hearsay", ""));
          records_number_lines (leader);
          g_assert_true (scholia_store_merge_log (fixture->store, fixture->seminar, LEADER, "Lena Vogt", leader,
                                                  &report, &error));
          g_assert_no_error (error);
          g_assert_null (report.refused_tag_lines);
          g_assert_cmpuint (count_tags_named (fixture, "hearsay"), ==, 1);
          scholia_merge_report_clear (&report);
        }

      g_clear_pointer (&fixture->seminar, scholia_seminar_free);
      g_clear_object (&fixture->store);
      g_free (fixture->path);
      fixture->path = g_build_filename (fixture->dir, "leader.sqlite3", NULL);
    }
}

static void
test_participant_palette (void)
{
  guint n_participant, n_tag;
  const ScholiaPaletteColour *participants = scholia_colour_get_participant_palette (&n_participant);
  const ScholiaPaletteColour *tags = scholia_colour_get_palette (&n_tag);

  g_assert_cmpuint (n_participant, >=, 12);
  for (guint i = 0; i < n_participant; i++)
    {
      ScholiaRgb rgb, other_rgb;
      ScholiaLab lab, other_lab;

      g_assert_true (scholia_colour_parse (participants[i].colour, &rgb));
      scholia_colour_to_lab (&rgb, &lab);
      /* A thin band shows on the page of both schemes. */
      for (int dark = 0; dark < 2; dark++)
        {
          ScholiaRgb page;

          g_assert_true (scholia_colour_parse (scholia_colour_get_scheme (dark)->page, &page));
          g_assert_cmpfloat (scholia_colour_contrast (&rgb, &page), >=, SCHOLIA_COLOUR_MIN_BAND_CONTRAST);
        }
      for (guint j = 0; j < n_participant + n_tag + 1; j++)
        {
          const char *other = j < n_participant ? participants[j].colour
                              : j < n_participant + n_tag ? tags[j - n_participant].colour
                              : SCHOLIA_COLOUR_UNTAGGED;

          if (j == i)
            continue;
          g_assert_true (scholia_colour_parse (other, &other_rgb));
          scholia_colour_to_lab (&other_rgb, &other_lab);
          g_assert_cmpfloat (scholia_colour_delta_e_76 (&lab, &other_lab), >=, SCHOLIA_COLOUR_MIN_PARTICIPANT_DELTA_E);
        }
    }
}

#define N_OTHERS 13

static char *
other_uuid (guint i)
{
  /* Uuids in the reverse order of the clocks, so that the rank is the clocks'. */
  return g_strdup_printf ("c0000000-0000-4000-8000-0000000000%02x", 0xff - i);
}

/* Every participant's log: one annotation, clocked in the order they joined. */
static void
merge_others (Fixture     *fixture,
              const guint *order)
{
  const char *essay = scholia_document_get_uuid (fixture->essay);

  for (guint k = 0; k < N_OTHERS; k++)
    {
      guint i = order[k];
      g_autofree char *uuid = other_uuid (i);
      g_autofree char *name = g_strdup_printf ("Student %u", i);
      g_autofree char *annotation = g_strdup_printf ("c0000000-%04x-4000-8000-000000000001", i);
      g_autoptr(GPtrArray) log = records_new ();
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (log, record_put (uuid, annotation, 1000 + 100 * i, essay, pamphlet, i, i + 10, "", "evidence",
                                        ""));
      records_number_lines (log);
      g_assert_true (scholia_store_merge_log (fixture->store, fixture->seminar, uuid, name, log, NULL, &error));
      g_assert_no_error (error);
    }
}

/* uuid → colour, for every participant but me. */
static GHashTable *
colours_of_others (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) participants = scholia_store_list_participants (fixture->store, fixture->seminar, &error);
  GHashTable *colours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < participants->len; i++)
    {
      ScholiaParticipant *participant = g_ptr_array_index (participants, i);

      if (!participant->me)
        g_hash_table_insert (colours, g_strdup (participant->uuid), g_strdup (participant->colour));
    }
  return colours;
}

static void
test_colours_distinct_and_agreed (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const guint forwards[N_OTHERS] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  static const guint shuffled[N_OTHERS] = { 7, 12, 3, 0, 9, 5, 11, 1, 8, 2, 10, 4, 6 };
  g_autoptr(GHashTable) first = NULL;
  g_autoptr(GHashTable) second = NULL;
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *tags;
  GHashTableIter iter;
  gpointer uuid, colour;

  open_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, OPEN_TAGS);
  merge_others (fixture, forwards);
  first = colours_of_others (fixture);
  g_assert_cmpuint (g_hash_table_size (first), ==, N_OTHERS);

  g_hash_table_iter_init (&iter, first);
  while (g_hash_table_iter_next (&iter, NULL, &colour))
    g_hash_table_add (distinct, colour);
  g_assert_cmpuint (g_hash_table_size (distinct), >=, 12);
  tags = scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG);
  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(ScholiaLabel) tag = g_list_model_get_item (tags, i);

      g_assert_false (g_hash_table_contains (distinct, scholia_label_get_colour (tag)));
    }
  /* The first to annotate takes the first colour. */
  {
    g_autofree char *earliest = other_uuid (0);
    guint n;

    g_assert_cmpstr (g_hash_table_lookup (first, earliest), ==, scholia_colour_get_participant_palette (&n)[0].colour);
  }

  /* Another library, merging the same logs in another order, shows the same colours. */
  g_clear_pointer (&fixture->seminar, scholia_seminar_free);
  g_clear_object (&fixture->store);
  g_free (fixture->path);
  fixture->path = g_build_filename (fixture->dir, "other.sqlite3", NULL);
  open_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, OPEN_TAGS);
  merge_others (fixture, shuffled);
  second = colours_of_others (fixture);
  g_hash_table_iter_init (&iter, first);
  while (g_hash_table_iter_next (&iter, &uuid, &colour))
    g_assert_cmpstr (g_hash_table_lookup (second, uuid), ==, colour);
}

/* A library of version 5 ranks its participants from the records it merged. */
static void
test_version_5_library_upgrades (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const guint forwards[N_OTHERS] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  g_autoptr(GError) error = NULL;
  g_autofree char *first = other_uuid (0);
  g_autofree char *sql = g_strdup_printf ("SELECT s.first_clock FROM seminar_participants s"
                                          " JOIN participants p ON p.id = s.participant_id WHERE p.uuid = '%s'",
                                          first);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  open_library (fixture, SCHOLIA_SEMINAR_PARTICIPANT, OPEN_TAGS);
  merge_others (fixture, forwards);
  g_clear_pointer (&fixture->seminar, scholia_seminar_free);
  g_clear_object (&fixture->store);
  before = test_sql_text (fixture->path, sql);
  g_assert_cmpstr (before, ==, "0000000000001000-0000-" "c0000000-0000-4000-8000-0000000000ff");
  /* As version 5 kept them: every merged uuid's clocks in seminar_items, none on the rows. */
  test_sql_exec (fixture->path, "INSERT INTO seminar_items (uuid, seminar_id, participant_id, first_hlc, hlc)"
                                " SELECT a.uuid, e.seminar_id, a.participant_id, a.first_hlc, a.hlc FROM annotations a"
                                "  JOIN seminar_essays e ON e.document_id = a.document_id WHERE a.first_hlc != '';"
                                "INSERT INTO seminar_items (uuid, seminar_id, participant_id, first_hlc, hlc)"
                                " SELECT uuid, seminar_id, participant_id, first_hlc, hlc FROM replies"
                                "  WHERE first_hlc != '';"
                                "ALTER TABLE annotations DROP COLUMN first_hlc;"
                                "ALTER TABLE replies DROP COLUMN first_hlc;"
                                "DROP TABLE annotation_provenance;"
                                "DROP TABLE bib_references;"
                                "DROP TABLE document_citations;"
                                "ALTER TABLE seminar_participants DROP COLUMN first_clock;"
                                "UPDATE participants SET colour = '#a01890';"
                                "PRAGMA user_version = 5;");

  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_store_get_schema_version (fixture->store), ==, SCHOLIA_SCHEMA_VERSION);
  after = test_sql_text (fixture->path, sql);
  g_assert_cmpstr (after, ==, before);

  /* The next sync gives the colours again. */
  fixture->seminar = scholia_store_find_seminar (fixture->store, SEMINAR_UUID, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_update_participant_colours (fixture->store, fixture->seminar, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(DISTINCT colour) FROM participants"), >=, 12);
  g_assert_cmpint (test_sql_int (fixture->path, "SELECT count(*) FROM participants WHERE colour = '#a01890'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/seminar-rules/tags/student-may-not-add", Fixture, NULL, fixture_set_up,
              test_student_may_not_add_tags, fixture_tear_down);
  g_test_add ("/seminar-rules/tags/editor-refuses-and-changes-nothing", Fixture, NULL, fixture_set_up,
              test_editor_refuses_and_changes_nothing, fixture_tear_down);
  g_test_add ("/seminar-rules/tags/leader-and-open-seminars-take-any", Fixture, NULL, fixture_set_up,
              test_leader_and_open_seminars_take_any_tag, fixture_tear_down);
  g_test_add ("/seminar-rules/tags/merge-leaves-refused-off", Fixture, NULL, fixture_set_up,
              test_merge_leaves_refused_tags_off, fixture_tear_down);
  g_test_add_func ("/seminar-rules/colours/participant-palette", test_participant_palette);
  g_test_add ("/seminar-rules/colours/distinct-and-agreed", Fixture, NULL, fixture_set_up,
              test_colours_distinct_and_agreed, fixture_tear_down);
  g_test_add ("/seminar-rules/colours/version-5-library-upgrades", Fixture, NULL, fixture_set_up,
              test_version_5_library_upgrades, fixture_tear_down);

  return g_test_run ();
}
