/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-comparison.h"
#include "scholia-matrix.h"
#include "test-files.h"

static const char essay[] =
  "The river silted. The railway came late. The dues rose. The merchants left for Kessmouth.\n";

typedef struct
{
  char              *dir;
  ScholiaStore      *store;
  ScholiaDocument   *marwick;
  ScholiaDocument   *lindqvist_late;
  ScholiaDocument   *lindqvist_early;
  ScholiaDocument   *anonymous;
  ScholiaDocument   *okafor;
  ScholiaTheme      *silt;
  ScholiaTheme      *railway;
  gint64             thesis;
  gint64             evidence;
  ScholiaComparison *comparison;
} Fixture;

static ScholiaDocument *
add_document (Fixture    *fixture,
              const char *title,
              const char *author,
              const char *date)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_add_document (fixture->store, title, author, date, NULL,
                                                          essay, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static ScholiaAnnotation *
annotate (Fixture         *fixture,
          ScholiaDocument *document,
          const char      *quote,
          gint64           tag_id,
          ScholiaTheme    *theme)
{
  g_autoptr(GError) error = NULL;
  int start = g_utf8_pointer_to_offset (essay, strstr (essay, quote));
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (theme));
  ScholiaAnnotation *annotation;

  annotation = scholia_store_add_annotation (fixture->store, document, start, start + strlen (quote),
                                             &tag_id, 1, &theme_id, 1, "a note", &error);
  g_assert_no_error (error);
  return annotation;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-comparison-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);

  fixture->marwick = add_document (fixture, "The Silted Staple", "Helena Marwick", "1956");
  fixture->lindqvist_late = add_document (fixture, "The Twelve Houses", "Tomasz Lindqvist", "c. 1925");
  fixture->lindqvist_early = add_document (fixture, "A Letter on the Harbour", "Tomasz Lindqvist", "spring 1917");
  fixture->anonymous = add_document (fixture, "Harbour Board Minutes", NULL, "1843");
  fixture->okafor = add_document (fixture, "A River Grown Tired", "Adaeze Okafor", "spring 1978");
  fixture->silt = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Silt", NULL, NULL, &error));
  fixture->railway = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Railway", NULL, NULL, &error));
  fixture->thesis = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "thesis", NULL));
  fixture->evidence = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "evidence", NULL));

  g_object_unref (annotate (fixture, fixture->marwick, "The dues rose", fixture->evidence, fixture->silt));
  g_object_unref (annotate (fixture, fixture->marwick, "The river silted", fixture->thesis, fixture->silt));
  g_object_unref (annotate (fixture, fixture->lindqvist_late, "The river silted", fixture->thesis, fixture->silt));
  g_object_unref (annotate (fixture, fixture->lindqvist_early, "The merchants left", fixture->evidence, fixture->silt));
  g_object_unref (annotate (fixture, fixture->anonymous, "The dues rose", fixture->evidence, fixture->silt));
  g_object_unref (annotate (fixture, fixture->marwick, "The railway came late", fixture->thesis, fixture->railway));

  fixture->comparison = scholia_comparison_new (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->comparison);
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

/* "author | title | quote" per passage, one line each, to compare orders at a glance. */
static char *
describe (Fixture *fixture)
{
  GListModel *passages = scholia_comparison_get_passages (fixture->comparison);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);

      g_string_append_printf (out, "%s | %s | %s\n", scholia_passage_get_author (passage),
                              scholia_passage_get_title (passage), scholia_passage_get_quote (passage));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_grouping_and_order (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *order = NULL;
  g_auto(GStrv) authors = NULL;

  scholia_comparison_set_theme (fixture->comparison, fixture->silt);
  order = describe (fixture);
  /* By surname; within an author by date ("spring 1917" before "c. 1925"); in text order
   * within a document; no author last. */
  g_assert_cmpstr (order, ==,
                   "Tomasz Lindqvist | A Letter on the Harbour | The merchants left\n"
                   "Tomasz Lindqvist | The Twelve Houses | The river silted\n"
                   "Helena Marwick | The Silted Staple | The river silted\n"
                   "Helena Marwick | The Silted Staple | The dues rose\n"
                   " | Harbour Board Minutes | The dues rose\n");

  authors = scholia_comparison_list_authors (fixture->comparison);
  g_assert_cmpuint (g_strv_length (authors), ==, 3);
  g_assert_cmpstr (authors[0], ==, "Tomasz Lindqvist");
  g_assert_cmpstr (authors[2], ==, "");
}

/* Issue 12: authors file by their stored sort key, in the comparison and the matrix alike, and
 * a new key reorders a live comparison. Two authors filed alike stay apart. */
static void
test_author_sort_keys (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaMatrix) matrix = NULL;
  g_auto(GStrv) authors = NULL;
  g_auto(GStrv) resorted = NULL;
  g_autofree char *joined = NULL;
  const char *names[] = {
    "Clara van Dijk", "Anonymous student (MLA essay)", "Anonymous (excerpt B)", "Anonymous (excerpt A)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_unref (annotate (fixture, add_document (fixture, names[i], names[i], "1990"),
                              "The river silted", fixture->thesis, fixture->silt));
  scholia_comparison_set_theme (fixture->comparison, fixture->silt);

  authors = scholia_comparison_list_authors (fixture->comparison);
  joined = g_strjoinv ("; ", authors);
  g_assert_cmpstr (joined, ==,
                   "Anonymous (excerpt A); Anonymous (excerpt B); Anonymous student (MLA essay); "
                   "Clara van Dijk; Tomasz Lindqvist; Helena Marwick; ");
  matrix = scholia_matrix_new (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_matrix_get_author (matrix, 0), ==, "Anonymous (excerpt A)");
  g_assert_cmpstr (scholia_matrix_get_author (matrix, 3), ==, "Clara van Dijk");
  g_assert_cmpstr (scholia_matrix_get_author_sort_key (matrix, 3), ==, "Dijk, Clara van");
  g_clear_pointer (&matrix, scholia_matrix_free);

  g_assert_true (scholia_store_set_author_sort_key (fixture->store, "Helena Marwick", "Aardvark", &error));
  g_assert_no_error (error);
  resorted = scholia_comparison_list_authors (fixture->comparison);
  g_assert_cmpstr (resorted[0], ==, "Helena Marwick");
  matrix = scholia_matrix_new (fixture->store, FALSE, &error);
  g_assert_cmpstr (scholia_matrix_get_author (matrix, 0), ==, "Helena Marwick");
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  GListModel *passages = scholia_comparison_get_passages (fixture->comparison);
  ScholiaAnnotationFilter *filter = scholia_comparison_get_filter (fixture->comparison);
  const char *marwick[] = { "Helena Marwick", NULL };

  scholia_comparison_set_theme (fixture->comparison, fixture->silt);
  scholia_annotation_filter_set_tag_ids (filter, &fixture->thesis, 1);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 2);

  scholia_annotation_filter_set_authors (filter, marwick);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 1);

  scholia_annotation_filter_set_tag_ids (filter, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 2);
  scholia_annotation_filter_set_authors (filter, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 5);
}

typedef struct
{
  guint removed;
  guint added;
} Change;

static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Change     *change)
{
  change->removed = removed;
  change->added = added;
}

static void
test_live_updates (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *passages = scholia_comparison_get_passages (fixture->comparison);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) added = NULL;
  g_autoptr(ScholiaPassage) first = NULL;
  Change change = { 0 };

  scholia_comparison_set_theme (fixture->comparison, fixture->silt);
  scholia_annotation_filter_set_tag_ids (scholia_comparison_get_filter (fixture->comparison), &fixture->evidence, 1);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 3);

  g_signal_connect (passages, "items-changed", G_CALLBACK (record_change), &change);
  added = annotate (fixture, fixture->okafor, "The river silted", fixture->evidence, fixture->silt);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 4);
  /* Only the new passage is inserted; the rest keep their rows. */
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);

  /* Retagged as a thesis, it leaves the evidence-only view… */
  g_assert_true (scholia_store_set_annotation_labels (fixture->store, added, SCHOLIA_TYPE_TAG, &fixture->thesis, 1, &error));
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 3);
  g_assert_true (scholia_store_set_annotation_labels (fixture->store, added, SCHOLIA_TYPE_TAG, &fixture->evidence, 1, &error));
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 4);

  /* …and a renamed author regroups at once: Okafor becomes "Aalto", first by surname. */
  g_assert_true (scholia_store_update_document (fixture->store, fixture->okafor, NULL, "Adaeze Aalto",
                                                NULL, NULL, &error));
  first = g_list_model_get_item (passages, 0);
  g_assert_cmpstr (scholia_passage_get_author (first), ==, "Adaeze Aalto");

  g_assert_true (scholia_store_delete_annotation (fixture->store, added, &error));
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 3);

  /* Orphans have no place to open: they leave the comparison. */
  g_clear_object (&first);
  first = g_list_model_get_item (passages, 0);
  {
    g_autoptr(ScholiaAnnotation) annotation = scholia_store_get_annotation (fixture->store,
                                                                            scholia_passage_get_annotation_id (first),
                                                                            &error);

    g_assert_true (scholia_store_set_annotation_anchor (fixture->store, annotation, -1, -1, TRUE, &error));
  }
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 2);

  g_assert_true (scholia_store_delete_label (fixture->store, SCHOLIA_LABEL (fixture->silt), &error));
  g_assert_null (scholia_comparison_get_theme (fixture->comparison));
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 0);
}

static void
test_matrix_counts (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaMatrix) matrix = scholia_matrix_new (fixture->store, TRUE, &error);

  g_assert_no_error (error);
  /* Every author is a row, Okafor too, though silent on both themes; no author last. */
  g_assert_cmpuint (scholia_matrix_get_n_authors (matrix), ==, 4);
  g_assert_cmpstr (scholia_matrix_get_author (matrix, 0), ==, "Tomasz Lindqvist");
  g_assert_cmpstr (scholia_matrix_get_author (matrix, 1), ==, "Helena Marwick");
  g_assert_cmpstr (scholia_matrix_get_author (matrix, 2), ==, "Adaeze Okafor");
  g_assert_cmpstr (scholia_matrix_get_author (matrix, 3), ==, "");
  g_assert_cmpuint (scholia_matrix_get_n_themes (matrix), ==, 2);
  g_assert_true (scholia_matrix_get_theme (matrix, 0) == fixture->silt);

  g_assert_cmpuint (scholia_matrix_get_count (matrix, 0, 0, 0), ==, 2);
  g_assert_cmpuint (scholia_matrix_get_count (matrix, 1, 0, 0), ==, 2);
  g_assert_cmpuint (scholia_matrix_get_count (matrix, 1, 1, 0), ==, 1);
  g_assert_cmpuint (scholia_matrix_get_count (matrix, 2, 0, 0), ==, 0);
  g_assert_cmpuint (scholia_matrix_get_count (matrix, 2, 1, 0), ==, 0);
  g_assert_cmpuint (scholia_matrix_get_count (matrix, 3, 0, 0), ==, 1);
  g_assert_cmpuint (scholia_matrix_get_count (matrix, 1, 0, fixture->thesis), ==, 1);
  g_assert_cmpuint (scholia_matrix_get_count (matrix, 1, 0, fixture->evidence), ==, 1);
  g_assert_cmpuint (scholia_matrix_get_count (matrix, 0, 1, fixture->thesis), ==, 0);
}

/* With no tag in the filter, the passages are listed without their tags (no seek into the tag
 * links per passage), and each reads them when shown: the same tags, in the user's order, as a
 * passage listed with them; a shown passage whose tags then change is replaced, and the rows
 * around it are kept. */
static void
test_tags_read_when_shown (Fixture       *fixture,
                           gconstpointer  data)
{
  GListModel *passages = scholia_comparison_get_passages (fixture->comparison);
  gint64 both[2] = { fixture->evidence, fixture->thesis };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) tagged = NULL;
  g_autoptr(ScholiaPassage) shown = NULL;
  g_autoptr(ScholiaPassage) other = NULL;
  g_autoptr(ScholiaPassage) changed = NULL;
  g_autoptr(ScholiaPassage) other_after = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  const gint64 *tags;
  guint n_tags, position = G_MAXUINT;

  tagged = annotate (fixture, fixture->okafor, "The railway came late", fixture->thesis, fixture->silt);
  g_assert_true (scholia_store_set_annotation_labels (fixture->store, tagged, SCHOLIA_TYPE_TAG, both, 2, &error));
  g_assert_no_error (error);
  scholia_comparison_set_theme (fixture->comparison, fixture->silt);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 6);

  listed = scholia_store_list_theme_passages (fixture->store, fixture->silt, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 6);
  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);
      ScholiaPassage *eager = NULL;
      const gint64 *eager_tags;
      guint n_eager;

      g_assert_false (scholia_passage_has_tags (passage));
      for (guint j = 0; j < listed->len; j++)
        if (scholia_passage_get_annotation_id (g_ptr_array_index (listed, j)) ==
            scholia_passage_get_annotation_id (passage))
          eager = g_ptr_array_index (listed, j);
      g_assert_nonnull (eager);
      g_assert_true (scholia_passage_has_tags (eager));
      eager_tags = scholia_passage_get_tag_ids (eager, &n_eager);
      tags = scholia_passage_get_tag_ids (passage, &n_tags);
      g_assert_true (scholia_passage_has_tags (passage));
      g_assert_cmpuint (n_tags, ==, n_eager);
      for (guint t = 0; t < n_tags; t++)
        g_assert_cmpint (tags[t], ==, eager_tags[t]);
      if (scholia_passage_get_annotation_id (passage) == scholia_annotation_get_id (tagged))
        position = i;
    }
  g_assert_cmpuint (position, <, 6);

  /* A new comparison of the same theme: one row shown, then its tags changed by the user. */
  g_object_unref (fixture->comparison);
  fixture->comparison = scholia_comparison_new (fixture->store);
  passages = scholia_comparison_get_passages (fixture->comparison);
  scholia_comparison_set_theme (fixture->comparison, fixture->silt);
  shown = g_list_model_get_item (passages, position);
  other = g_list_model_get_item (passages, position == 0 ? 1 : 0);
  tags = scholia_passage_get_tag_ids (shown, &n_tags);
  g_assert_cmpuint (n_tags, ==, 2);
  g_assert_cmpint (tags[0], ==, fixture->evidence);
  g_assert_cmpint (tags[1], ==, fixture->thesis);
  g_assert_true (scholia_store_set_annotation_labels (fixture->store, tagged, SCHOLIA_TYPE_TAG, &fixture->thesis, 1, &error));
  g_assert_no_error (error);
  changed = g_list_model_get_item (passages, position);
  other_after = g_list_model_get_item (passages, position == 0 ? 1 : 0);
  g_assert_true (changed != shown);
  g_assert_true (other_after == other);
  tags = scholia_passage_get_tag_ids (changed, &n_tags);
  g_assert_cmpuint (n_tags, ==, 1);
  g_assert_cmpint (tags[0], ==, fixture->thesis);

  /* A tag in the filter: the passages are listed with their tags, and matched on them. */
  scholia_annotation_filter_set_tag_ids (scholia_comparison_get_filter (fixture->comparison), &fixture->thesis, 1);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);

      g_assert_true (scholia_passage_has_tags (passage));
      g_assert_true (scholia_passage_has_tag (passage, fixture->thesis));
    }
}

/* The printed page a passage starts on: none in a library without pages, and once an essay
 * with pages is added, its passages' pages while the other essays' passages still have none. */
static void
test_page_labels (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *passages = scholia_comparison_get_passages (fixture->comparison);
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  int second = g_utf8_pointer_to_offset (essay, strstr (essay, "The dues rose"));
  ScholiaPageRange first_page = { 0, second, g_strdup ("118") };
  ScholiaPageRange next_page = { second, g_utf8_strlen (essay, -1), g_strdup ("119") };
  g_autoptr(GError) error = NULL;
  ScholiaDocument *paged;
  g_autofree char *before = NULL;
  guint n_paged = 0;

  scholia_comparison_set_theme (fixture->comparison, fixture->silt);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 5);
  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);

      g_assert_cmpstr (scholia_passage_get_page (passage), ==, "");
    }
  before = describe (fixture);

  g_array_append_val (pages, first_page);
  g_array_append_val (pages, next_page);
  paged = scholia_store_add_document (fixture->store, "Tolls and Tides", "Ines Varga", "1961", NULL, essay, pages,
                                      &error);
  g_assert_no_error (error);
  g_object_unref (annotate (fixture, paged, "The river silted", fixture->thesis, fixture->silt));
  g_object_unref (annotate (fixture, paged, "The dues rose", fixture->thesis, fixture->silt));
  g_object_unref (annotate (fixture, paged, "The merchants left", fixture->thesis, fixture->silt));
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 8);
  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);
      const char *page = scholia_passage_get_page (passage);

      if (scholia_passage_get_document_id (passage) != scholia_document_get_id (paged))
        {
          g_assert_cmpstr (page, ==, "");
          continue;
        }
      g_assert_cmpstr (page, ==, scholia_passage_get_start (passage) < second ? "118" : "119");
      n_paged++;
    }
  g_assert_cmpuint (n_paged, ==, 3);

  /* The essays without pages keep their passages and order. */
  {
    g_autofree char *after = describe (fixture);
    g_auto(GStrv) lines = g_strsplit (after, "\n", -1);
    g_autoptr(GString) others = g_string_new (NULL);

    for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
      if (strstr (lines[i], "Tolls and Tides") == NULL)
        g_string_append_printf (others, "%s\n", lines[i]);
    g_assert_cmpstr (others->str, ==, before);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/comparison/grouping-and-order", test_grouping_and_order);
  ADD ("/comparison/filters", test_filters);
  ADD ("/comparison/author-sort-keys", test_author_sort_keys);
  ADD ("/comparison/live-updates", test_live_updates);
  ADD ("/comparison/matrix-counts-with-empty-cells", test_matrix_counts);
  ADD ("/comparison/tags-read-when-shown", test_tags_read_when_shown);
  ADD ("/comparison/page-labels", test_page_labels);
#undef ADD

  return g_test_run ();
}
