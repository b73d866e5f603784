/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The matrix's participants × themes mode: each seminar participant's passages per theme, mine
 * included before they are published, filtered by participant, theme and tag, split by tag, and
 * as `scholia-cli matrix --by-participant` prints it. */

#include "config.h"

#include <json-glib/json-glib.h>

#include "cli-runner.h"
#include "scholia-matrix.h"
#include "test-files.h"
#include "test-seminar-fixture.h"

typedef struct
{
  TestLibraryFixture  files;
  ScholiaStore       *store;
  TestSeminar         seminar;
  gint64              famine;
  gint64              memory;
  gint64              evidence;
  gint64              thesis;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_library_fixture_set_up (&fixture->files, data);
  fixture->store = scholia_store_open (fixture->files.library, &error);
  g_assert_no_error (error);
  /* An essay outside the seminar, with a passage on a theme: never a participant's. */
  {
    ScholiaDocument *outside = scholia_store_add_document (fixture->store, "Customs at Vell", "Ruth Alder", "1979",
                                                           "", "The customs house burned twice.", NULL, &error);
    ScholiaLabel *theme;
    gint64 theme_id;

    g_assert_no_error (error);
    theme = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Famine", NULL, NULL, &error);
    g_assert_no_error (error);
    theme_id = scholia_label_get_id (theme);
    g_object_unref (scholia_store_add_annotation (fixture->store, outside, 0, 16, NULL, 0, &theme_id, 1, NULL, &error));
    g_assert_no_error (error);
  }
  test_seminar_populate (fixture->store, &fixture->seminar);
  fixture->famine = scholia_label_get_id (test_seminar_find_label (fixture->store, SCHOLIA_TYPE_THEME, "Famine"));
  fixture->memory = scholia_label_get_id (test_seminar_find_label (fixture->store, SCHOLIA_TYPE_THEME, "Memory"));
  fixture->evidence = scholia_label_get_id (test_seminar_find_label (fixture->store, SCHOLIA_TYPE_TAG, "evidence"));
  fixture->thesis = scholia_label_get_id (test_seminar_find_label (fixture->store, SCHOLIA_TYPE_TAG, "thesis"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_seminar_clear (&fixture->seminar);
  g_clear_object (&fixture->store);
  test_library_fixture_tear_down (&fixture->files, data);
}

/* The matrix as rows of "name: count count …", tags split as "count(evidence,thesis)". */
static char *
render (ScholiaMatrix *matrix,
        Fixture       *fixture,
        gboolean       by_tag)
{
  GString *text = g_string_new (NULL);

  for (guint c = 0; c < scholia_matrix_get_n_themes (matrix); c++)
    g_string_append_printf (text, "%s%s", c > 0 ? " " : "|",
                            scholia_label_get_name (SCHOLIA_LABEL (scholia_matrix_get_theme (matrix, c))));
  g_string_append (text, "\n");
  for (guint r = 0; r < scholia_matrix_get_n_authors (matrix); r++)
    {
      g_string_append_printf (text, "%s:", scholia_matrix_get_author (matrix, r));
      for (guint c = 0; c < scholia_matrix_get_n_themes (matrix); c++)
        {
          g_string_append_printf (text, " %u", scholia_matrix_get_count (matrix, r, c, 0));
          if (by_tag)
            g_string_append_printf (text, "(%u,%u)", scholia_matrix_get_count (matrix, r, c, fixture->evidence),
                                    scholia_matrix_get_count (matrix, r, c, fixture->thesis));
        }
      g_string_append (text, "\n");
    }
  return g_string_free (text, FALSE);
}

static void
test_counts_each_participant (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaMatrix) matrix = scholia_matrix_new_by_participant (fixture->store, FALSE, NULL, &error);
  g_autoptr(ScholiaMatrix) split = NULL;
  g_autofree char *text = NULL;
  g_autofree char *split_text = NULL;

  g_assert_no_error (error);
  text = render (matrix, fixture, FALSE);
  /* The essay outside the seminar counts for nobody; my unpublished passage counts as mine. */
  g_assert_cmpstr (text, ==,
                   "|Famine Memory\n"
                   "Ana Petrov: 1 1\n"
                   "Bruno Sato: 2 1\n"
                   "Clara Vidal: 0 1\n"
                   "Eli Marsh: 0 1\n");
  g_assert_cmpint (scholia_matrix_get_participant_id (matrix, 0), ==, fixture->seminar.ana);
  g_assert_cmpint (scholia_matrix_get_participant_id (matrix, 3), ==, fixture->seminar.me);

  split = scholia_matrix_new_by_participant (fixture->store, TRUE, NULL, &error);
  g_assert_no_error (error);
  split_text = render (split, fixture, TRUE);
  g_assert_cmpstr (split_text, ==,
                   "|Famine Memory\n"
                   "Ana Petrov: 1(1,0) 1(0,1)\n"
                   "Bruno Sato: 2(1,1) 1(1,0)\n"
                   "Clara Vidal: 0(0,0) 1(1,0)\n"
                   "Eli Marsh: 0(0,0) 1(0,1)\n");
}

static void
test_filtered (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  g_autoptr(ScholiaMatrix) matrix = NULL;
  g_autofree char *text = NULL;
  gint64 people[] = { fixture->seminar.bruno, fixture->seminar.clara };

  scholia_annotation_filter_set_participant_ids (filter, people, G_N_ELEMENTS (people));
  scholia_annotation_filter_set_tag_ids (filter, &fixture->evidence, 1);
  matrix = scholia_matrix_new_by_participant (fixture->store, FALSE, filter, &error);
  g_assert_no_error (error);
  text = render (matrix, fixture, FALSE);
  g_assert_cmpstr (text, ==,
                   "|Famine Memory\n"
                   "Bruno Sato: 1 1\n"
                   "Clara Vidal: 0 1\n");
  g_clear_pointer (&matrix, scholia_matrix_free);
  g_clear_pointer (&text, g_free);

  scholia_annotation_filter_set_participant_ids (filter, NULL, 0);
  scholia_annotation_filter_set_tag_ids (filter, NULL, 0);
  scholia_annotation_filter_set_theme_ids (filter, &fixture->memory, 1);
  matrix = scholia_matrix_new_by_participant (fixture->store, FALSE, filter, &error);
  g_assert_no_error (error);
  text = render (matrix, fixture, FALSE);
  g_assert_cmpstr (text, ==,
                   "|Memory\n"
                   "Ana Petrov: 1\n"
                   "Bruno Sato: 1\n"
                   "Clara Vidal: 1\n"
                   "Eli Marsh: 1\n");
}

/* The authors' matrix takes the participant filter too: one reader's passages per author. */
static void
test_authors_by_one_participant (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  g_autoptr(ScholiaMatrix) matrix = NULL;
  g_autofree char *text = NULL;

  scholia_annotation_filter_set_participant_ids (filter, &fixture->seminar.bruno, 1);
  matrix = scholia_matrix_new_filtered (fixture->store, FALSE, filter, &error);
  g_assert_no_error (error);
  text = render (matrix, fixture, FALSE);
  g_assert_cmpstr (text, ==,
                   "|Famine Memory\n"
                   "Ruth Alder: 0 0\n"
                   "Oskar Brandt: 0 0\n"
                   "Hedda Lindqvist: 2 1\n");
}

/* Published, my passage carries my participant id: it is still counted once, as mine. */
static void
test_published_counts_once (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = scholia_store_take_seminar_outbox (fixture->store, fixture->seminar.seminar, &error);
  g_autoptr(ScholiaMatrix) matrix = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  matrix = scholia_matrix_new_by_participant (fixture->store, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scholia_matrix_get_n_authors (matrix), ==, 4);
  g_assert_cmpstr (scholia_matrix_get_author (matrix, 3), ==, "Eli Marsh");
  g_assert_cmpuint (scholia_matrix_get_count (matrix, 3, 1, 0), ==, 1);
}

static void
test_library_without_seminar (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_tmp_dir_new ("scholia-matrix-participants-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "plain.sqlite3", NULL);
  g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
  g_autoptr(ScholiaMatrix) matrix = NULL;

  g_assert_no_error (error);
  scholia_store_add_label (store, SCHOLIA_TYPE_THEME, "Famine", NULL, NULL, &error);
  g_assert_no_error (error);
  matrix = scholia_matrix_new_by_participant (store, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scholia_matrix_get_n_authors (matrix), ==, 0);
  g_assert_cmpuint (scholia_matrix_get_n_themes (matrix), ==, 1);
  g_clear_object (&store);
  test_tmp_dir_remove (dir);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *rows;
  JsonObject *bruno;

  /* The CLI opens the library itself. */
  g_clear_object (&fixture->store);

  cli_run (&run, fixture->files.dir, "--library", fixture->files.library, "matrix", "--by-participant", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "Participant\tFamine\tMemory\n"
                   "Ana Petrov\t1\t1\n"
                   "Bruno Sato\t2\t1\n"
                   "Clara Vidal\t—\t1\n"
                   "Eli Marsh\t—\t1\n");

  cli_run (&run, fixture->files.dir, "--library", fixture->files.library, "matrix", "--by-participant",
           "--by-tag", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  rows = json_object_get_array_member (root, "participants");
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);
  bruno = json_array_get_object_element (rows, 1);
  g_assert_cmpstr (json_object_get_string_member (bruno, "participant"), ==, "Bruno Sato");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (bruno, "counts"), "Famine"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (bruno, "by_tag"),
                                                                              "Memory"),
                                               "evidence"), ==, 1);

  /* Without the option, the authors' matrix as before: the essay outside the seminar counts. */
  cli_run (&run, fixture->files.dir, "--library", fixture->files.library, "matrix", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Author\tFamine\tMemory\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/matrix-participants/counts", Fixture, NULL, fixture_set_up, test_counts_each_participant,
              fixture_tear_down);
  g_test_add ("/matrix-participants/filtered", Fixture, NULL, fixture_set_up, test_filtered, fixture_tear_down);
  g_test_add ("/matrix-participants/published", Fixture, NULL, fixture_set_up, test_published_counts_once,
              fixture_tear_down);
  g_test_add ("/matrix-participants/authors-by-participant", Fixture, NULL, fixture_set_up,
              test_authors_by_one_participant, fixture_tear_down);
  g_test_add_func ("/matrix-participants/no-seminar", test_library_without_seminar);
  g_test_add ("/matrix-participants/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
