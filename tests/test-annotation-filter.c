/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-annotation-filter.h"
#include "scholia-comparison.h"
#include "scholia-matrix.h"
#include "test-files.h"

static const char text[] = "The river silted. The railway came late. The dues rose.\n";

/* Marwick's "river" carries thesis and evidence on silt; her "dues", evidence on railway; the
 * anonymous minutes' "railway", thesis on silt and railway. */
typedef struct
{
  char              *dir;
  ScholiaStore      *store;
  ScholiaTheme      *silt;
  ScholiaTheme      *railway;
  gint64             thesis;
  gint64             evidence;
  ScholiaAnnotation *river;
  ScholiaAnnotation *dues;
  ScholiaAnnotation *railway_minutes;
} Fixture;

static ScholiaAnnotation *
add_annotation (Fixture         *fixture,
                ScholiaDocument *document,
                const char      *quote,
                const gint64    *tag_ids,
                guint            n_tag_ids,
                ScholiaTheme    *first_theme,
                ScholiaTheme    *second_theme)
{
  g_autoptr(GError) error = NULL;
  int start = g_utf8_pointer_to_offset (text, strstr (text, quote));
  gint64 theme_ids[2] = { scholia_label_get_id (SCHOLIA_LABEL (first_theme)), 0 };
  ScholiaAnnotation *annotation;

  if (second_theme != NULL)
    theme_ids[1] = scholia_label_get_id (SCHOLIA_LABEL (second_theme));
  annotation = scholia_store_add_annotation (fixture->store, document, start, start + strlen (quote),
                                             tag_ids, n_tag_ids, theme_ids, second_theme != NULL ? 2 : 1,
                                             NULL, &error);
  g_assert_no_error (error);
  return annotation;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ScholiaDocument *marwick, *minutes;
  gint64 both[2];

  fixture->dir = test_tmp_dir_new ("scholia-annotation-filter-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);

  marwick = scholia_store_add_document (fixture->store, "The Silted Staple", "Helena Marwick", "1956", NULL,
                                        text, NULL, &error);
  g_assert_no_error (error);
  minutes = scholia_store_add_document (fixture->store, "Harbour Board Minutes", NULL, "1843", NULL, text, NULL,
                                        &error);
  g_assert_no_error (error);
  fixture->silt = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Silt", NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->railway = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Railway", NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->thesis = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "thesis", NULL));
  fixture->evidence = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "evidence", NULL));
  both[0] = fixture->thesis;
  both[1] = fixture->evidence;

  fixture->river = add_annotation (fixture, marwick, "The river silted", both, 2, fixture->silt, NULL);
  fixture->dues = add_annotation (fixture, marwick, "The dues rose", &fixture->evidence, 1, fixture->railway, NULL);
  fixture->railway_minutes = add_annotation (fixture, minutes, "The railway came late", &fixture->thesis, 1,
                                             fixture->silt, fixture->railway);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->river);
  g_clear_object (&fixture->dues);
  g_clear_object (&fixture->railway_minutes);
  g_assert_finalize_object (fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

/* Which of river, dues and railway the filter lets through, as "RDW" with "-" for left out. */
static char *
matches (Fixture                 *fixture,
         ScholiaAnnotationFilter *filter)
{
  const char *marwick = "Helena Marwick";

  return g_strdup_printf ("%c%c%c",
                          scholia_annotation_filter_match_annotation (filter, fixture->river, marwick) ? 'R' : '-',
                          scholia_annotation_filter_match_annotation (filter, fixture->dues, marwick) ? 'D' : '-',
                          scholia_annotation_filter_match_annotation (filter, fixture->railway_minutes, "") ? 'W' : '-');
}

#define assert_matches(fixture, filter, expected) \
  G_STMT_START { \
    g_autofree char *found = matches (fixture, filter); \
    g_assert_cmpstr (found, ==, expected); \
  } G_STMT_END

static void
test_each_criterion (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  gint64 railway = scholia_label_get_id (SCHOLIA_LABEL (fixture->railway));
  const char *marwick[] = { "Helena Marwick", NULL };
  const char *nobody[] = { NULL };
  const gint64 participants[] = { 7, 9 }, outside = 0;

  g_assert_true (scholia_annotation_filter_is_empty (filter));
  assert_matches (fixture, filter, "RDW");

  /* Any of the tags. */
  scholia_annotation_filter_set_tag_ids (filter, &fixture->thesis, 1);
  g_assert_false (scholia_annotation_filter_is_empty (filter));
  assert_matches (fixture, filter, "R-W");
  scholia_annotation_filter_set_tag_ids (filter, NULL, 0);

  scholia_annotation_filter_set_theme_ids (filter, &railway, 1);
  assert_matches (fixture, filter, "-DW");
  scholia_annotation_filter_set_theme_ids (filter, NULL, 0);

  scholia_annotation_filter_set_authors (filter, marwick);
  assert_matches (fixture, filter, "RD-");
  /* "" is the documents without an author. */
  scholia_annotation_filter_set_author (filter, "");
  assert_matches (fixture, filter, "--W");
  /* One document's export does not ask about authors. */
  g_assert_true (scholia_annotation_filter_match_annotation (filter, fixture->river, NULL));

  /* An empty list of authors is no criterion. */
  scholia_annotation_filter_set_authors (filter, nobody);
  g_assert_null (scholia_annotation_filter_get_authors (filter));
  g_assert_true (scholia_annotation_filter_is_empty (filter));
  assert_matches (fixture, filter, "RDW");

  /* Any of some seminar participants; 0 is the annotations made outside a seminar. */
  scholia_annotation_filter_set_participant_ids (filter, participants, 2);
  g_assert_false (scholia_annotation_filter_is_empty (filter));
  assert_matches (fixture, filter, "---");
  scholia_annotation_set_participant_id (fixture->river, 7);
  scholia_annotation_set_participant_id (fixture->railway_minutes, 9);
  assert_matches (fixture, filter, "R-W");
  scholia_annotation_filter_set_participant_ids (filter, &outside, 1);
  assert_matches (fixture, filter, "-D-");
  scholia_annotation_filter_set_participant_ids (filter, NULL, 0);
  g_assert_true (scholia_annotation_filter_is_empty (filter));
  assert_matches (fixture, filter, "RDW");
}

static void
test_combined (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  g_autoptr(ScholiaPassage) passage = NULL;
  g_autoptr(GPtrArray) passages = NULL;
  g_autoptr(GError) error = NULL;
  gint64 railway = scholia_label_get_id (SCHOLIA_LABEL (fixture->railway));

  /* Every criterion must hold. */
  scholia_annotation_filter_set_tag_ids (filter, &fixture->thesis, 1);
  scholia_annotation_filter_set_theme_ids (filter, &railway, 1);
  assert_matches (fixture, filter, "--W");
  scholia_annotation_filter_set_author (filter, "Helena Marwick");
  assert_matches (fixture, filter, "---");
  scholia_annotation_filter_set_tag_ids (filter, &fixture->evidence, 1);
  assert_matches (fixture, filter, "-D-");

  /* A passage is matched on its tags and author; its theme is the one it was listed for. Listed
   * without its tags, it reads them to be matched. */
  for (int with_tags = 0; with_tags <= 1; with_tags++)
    {
      passages = scholia_store_list_theme_passages (fixture->store, fixture->railway, with_tags, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (passages->len, ==, 2);
      for (guint i = 0; i < passages->len; i++)
        {
          ScholiaPassage *listed = g_ptr_array_index (passages, i);

          g_assert_true (scholia_passage_has_tags (listed) == with_tags);
          g_assert_true (scholia_annotation_filter_match_passage (filter, listed) ==
                         (scholia_passage_get_annotation_id (listed) == scholia_annotation_get_id (fixture->dues)));
          g_assert_true (scholia_passage_has_tags (listed));
        }
      g_clear_pointer (&passages, g_ptr_array_unref);
    }
}

typedef struct
{
  guint changed;
  guint tag_notifies;
  guint author_notifies;
} Counts;

static void
count_changed (ScholiaAnnotationFilter *filter,
               Counts                  *counts)
{
  counts->changed++;
}

static void
count_notify (ScholiaAnnotationFilter *filter,
              GParamSpec              *pspec,
              Counts                  *counts)
{
  if (g_str_equal (pspec->name, "tag-ids"))
    counts->tag_notifies++;
  else if (g_str_equal (pspec->name, "authors"))
    counts->author_notifies++;
}

static void
test_changed_only_on_real_change (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) authors = NULL;
  const char *marwick[] = { "Helena Marwick", NULL };
  const char *empty[] = { NULL };
  gint64 two[2] = { fixture->thesis, fixture->evidence };
  Counts counts = { 0 };

  g_signal_connect (filter, "changed", G_CALLBACK (count_changed), &counts);
  g_signal_connect (filter, "notify", G_CALLBACK (count_notify), &counts);

  scholia_annotation_filter_set_tag_ids (filter, NULL, 0);
  scholia_annotation_filter_set_authors (filter, NULL);
  scholia_annotation_filter_set_authors (filter, empty);
  g_assert_cmpuint (counts.changed, ==, 0);

  scholia_annotation_filter_set_tag_ids (filter, two, 2);
  g_assert_cmpuint (counts.changed, ==, 1);
  g_assert_cmpuint (counts.tag_notifies, ==, 1);
  scholia_annotation_filter_set_tag_ids (filter, two, 2);
  g_assert_cmpuint (counts.changed, ==, 1);
  scholia_annotation_filter_set_tag_ids (filter, two, 1);
  g_assert_cmpuint (counts.changed, ==, 2);

  scholia_annotation_filter_set_authors (filter, marwick);
  scholia_annotation_filter_set_author (filter, "Helena Marwick");
  g_assert_cmpuint (counts.changed, ==, 3);
  g_assert_cmpuint (counts.author_notifies, ==, 1);

  /* The properties carry the same criteria, and setting one to its value is no change. */
  g_array_append_val (ids, fixture->thesis);
  g_object_set (filter, "tag-ids", ids, "authors", marwick, NULL);
  g_assert_cmpuint (counts.changed, ==, 3);
  g_object_get (filter, "authors", &authors, NULL);
  g_assert_cmpstrv (authors, marwick);
  g_assert_cmpuint (counts.tag_notifies, ==, 2);
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *calls)
{
  (*calls)++;
}

static void
test_comparison_follows_filter (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ScholiaComparison) comparison = scholia_comparison_new (fixture->store);
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  GListModel *passages = scholia_comparison_get_passages (comparison);
  gint64 railway = scholia_label_get_id (SCHOLIA_LABEL (fixture->railway));
  g_auto(GStrv) authors = NULL;
  guint calls = 0;

  scholia_comparison_set_filter (comparison, filter);
  g_assert_null (scholia_comparison_get_theme (comparison));

  /* The filter's theme is the theme compared, and the other way round. */
  scholia_annotation_filter_set_theme_ids (filter, &railway, 1);
  g_assert_true (scholia_comparison_get_theme (comparison) == fixture->railway);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 2);
  scholia_comparison_set_theme (comparison, fixture->silt);
  g_assert_cmpuint (scholia_annotation_filter_get_theme_ids (filter, &(guint) { 0 })[0], ==,
                    scholia_label_get_id (SCHOLIA_LABEL (fixture->silt)));
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 2);

  g_signal_connect (passages, "items-changed", G_CALLBACK (count_items_changed), &calls);
  scholia_annotation_filter_set_tag_ids (filter, &fixture->evidence, 1);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 1);

  /* The authors on offer stay while the filter shows none of them. */
  scholia_annotation_filter_set_tag_ids (filter, NULL, 0);
  scholia_annotation_filter_set_author (filter, "Nobody");
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 0);
  authors = scholia_comparison_list_authors (comparison);
  g_assert_cmpuint (g_strv_length (authors), ==, 2);
  g_assert_cmpstr (authors[0], ==, "Helena Marwick");
  g_assert_cmpstr (authors[1], ==, "");
}

static void
test_matrix_under_filter (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  g_autoptr(ScholiaMatrix) everything = NULL;
  g_autoptr(ScholiaMatrix) tagged = NULL;
  g_autoptr(ScholiaMatrix) narrowed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 both[2] = { fixture->thesis, fixture->evidence };
  gint64 silt = scholia_label_get_id (SCHOLIA_LABEL (fixture->silt));

  everything = scholia_matrix_new_filtered (fixture->store, TRUE, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scholia_matrix_get_n_authors (everything), ==, 2);
  g_assert_cmpuint (scholia_matrix_get_n_themes (everything), ==, 2);

  /* Marwick's river carries both tags: counted once on silt, and once under each tag. */
  scholia_annotation_filter_set_tag_ids (filter, both, 2);
  tagged = scholia_matrix_new_filtered (fixture->store, TRUE, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scholia_matrix_get_count (tagged, 0, 0, 0), ==, 1);
  g_assert_cmpuint (scholia_matrix_get_count (tagged, 0, 0, fixture->thesis), ==, 1);
  g_assert_cmpuint (scholia_matrix_get_count (tagged, 0, 0, fixture->evidence), ==, 1);
  g_assert_cmpuint (scholia_matrix_get_count (tagged, 0, 1, 0), ==, 1);
  g_assert_cmpuint (scholia_matrix_get_count (tagged, 1, 1, 0), ==, 1);

  /* Only thesis, only silt, only the minutes: one row, one column, one passage. */
  scholia_annotation_filter_set_tag_ids (filter, &fixture->thesis, 1);
  scholia_annotation_filter_set_theme_ids (filter, &silt, 1);
  scholia_annotation_filter_set_author (filter, "");
  narrowed = scholia_matrix_new_filtered (fixture->store, FALSE, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scholia_matrix_get_n_authors (narrowed), ==, 1);
  g_assert_cmpstr (scholia_matrix_get_author (narrowed, 0), ==, "");
  g_assert_cmpuint (scholia_matrix_get_n_themes (narrowed), ==, 1);
  g_assert_true (scholia_matrix_get_theme (narrowed, 0) == fixture->silt);
  g_assert_cmpuint (scholia_matrix_get_count (narrowed, 0, 0, 0), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/annotation-filter/each-criterion-alone", test_each_criterion);
  ADD ("/annotation-filter/criteria-combined", test_combined);
  ADD ("/annotation-filter/changed-only-on-real-change", test_changed_only_on_real_change);
  ADD ("/annotation-filter/comparison-follows-filter", test_comparison_follows_filter);
  ADD ("/annotation-filter/matrix-under-filter", test_matrix_under_filter);
#undef ADD

  return g_test_run ();
}
