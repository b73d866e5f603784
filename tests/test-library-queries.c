/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Library-wide queries (issue 17) on a small library counted by hand: the seminar of
 * seminar-views.c (two essays, Ana's and Bruno's annotations) and an essay of mine with an
 * orphan. The whole library's annotation list read in pages of ids gives the rows, in the
 * order, that building every annotation and filtering them gives; the comparison of a theme
 * and the matrix give the passages and counts they gave before, with essays hidden until
 * posted and orphans left out as the comparison and matrix tests define them. */

#include "config.h"

#include "scholia-annotation-filter.h"
#include "scholia-annotation-pages.h"
#include "scholia-comparison.h"
#include "scholia-matrix.h"
#include "seminar-views.h"
#include "test-files.h"

#define THESIS   1
#define EVIDENCE 2

static const char ferry_text[] =
  "The ferry timetable of the spring season was printed twice: once for the town hall, once for "
  "the pier, and the two disagreed about the evening crossing by a full quarter of an hour.";

typedef struct
{
  char         *dir;
  ViewsLibrary  library;
  gint64        trade;
  gint64        mine[4];   /* in text order: the orphan (5–25), 10–30, 40–60, 70–90 */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-library-queries-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  views_library_close (&fixture->library);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static gint64
add_mine (ScholiaStore    *store,
          ScholiaDocument *document,
          int              start,
          const gint64    *tag_ids,
          guint            n_tag_ids,
          gint64           theme_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation =
    scholia_store_add_annotation (store, document, start, start + 20, tag_ids, n_tag_ids, &theme_id,
                                  theme_id != 0 ? 1 : 0, NULL, &error);

  g_assert_no_error (error);
  return scholia_annotation_get_id (annotation);
}

/* The seminar's essays (Tidewater by Maren Holt, the Almanac by Idris Vane), hidden until I
 * post or not, and my essay by Clara Dunmore, outside the seminar: thesis and Trade at 10–30,
 * evidence and Trade at 40–60, evidence and thesis at 70–90, and an orphan with evidence and
 * Trade at 5–25. */
static void
open_library (Fixture  *fixture,
              gboolean  hide_until_posted)
{
  g_autofree char *path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  ScholiaLabel *trade;
  g_autoptr(ScholiaAnnotation) orphan = NULL;
  ScholiaStore *store;
  ScholiaDocument *ferry;
  const gint64 thesis = THESIS, evidence = EVIDENCE, both[] = { EVIDENCE, THESIS };

  views_library_open (&fixture->library, path, SCHOLIA_SEMINAR_PARTICIPANT, hide_until_posted);
  store = fixture->library.store;
  trade = scholia_store_find_label (store, SCHOLIA_TYPE_THEME, "Trade", &error);
  g_assert_no_error (error);
  fixture->trade = scholia_label_get_id (trade);

  ferry = scholia_store_add_document (store, "The Ferry Timetables", "Clara Dunmore", "1975", "", ferry_text,
                                      NULL, &error);
  g_assert_no_error (error);
  fixture->mine[1] = add_mine (store, ferry, 10, &thesis, 1, fixture->trade);
  fixture->mine[2] = add_mine (store, ferry, 40, &evidence, 1, fixture->trade);
  fixture->mine[3] = add_mine (store, ferry, 70, both, 2, 0);
  fixture->mine[0] = add_mine (store, ferry, 5, &evidence, 1, fixture->trade);
  orphan = scholia_store_get_annotation (store, fixture->mine[0], &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_set_annotation_anchor (store, orphan, 5, 25, TRUE, &error));
  g_assert_no_error (error);
}

static gint64
seminar_id (Fixture    *fixture,
            const char *uuid)
{
  return views_annotation_id (&fixture->library, uuid);
}

/* The rows as the list built them before: every document's annotations, filtered one by one. */
static GArray *
eager_rows (ScholiaStore            *store,
            ScholiaAnnotationFilter *filter)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *documents = scholia_store_get_documents (store);

  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, d);
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) list = scholia_store_list_annotations (store, document, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (list, i);
          gint64 id = scholia_annotation_get_id (annotation);

          if (scholia_annotation_filter_match_annotation (filter, annotation, NULL))
            g_array_append_val (ids, id);
        }
    }
  return ids;
}

/* The places @filter lets through, as the list shows them. */
static void
show_places (ScholiaStore            *store,
             ScholiaAnnotationPages  *pages,
             ScholiaAnnotationFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) places = NULL;
  const gint64 *tags, *themes, *participants;
  guint n_tags, n_themes, n_participants;

  tags = scholia_annotation_filter_get_tag_ids (filter, &n_tags);
  themes = scholia_annotation_filter_get_theme_ids (filter, &n_themes);
  participants = scholia_annotation_filter_get_participant_ids (filter, &n_participants);
  places = scholia_store_list_annotation_places (store, tags, n_tags, themes, n_themes, participants,
                                                 n_participants, &error);
  g_assert_no_error (error);
  scholia_annotation_pages_set_places (pages, places);
}

/* The rows read in pages: the ids first, then each annotation as its row is asked for,
 * from the last row up, so that documents are read out of order. */
static GArray *
paged_rows (ScholiaStore            *store,
            ScholiaAnnotationFilter *filter)
{
  g_autoptr(ScholiaAnnotationPages) pages = scholia_annotation_pages_new (store);
  guint n;
  GArray *ids;

  show_places (store, pages, filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (pages));
  ids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), n);
  g_array_set_size (ids, n);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (pages), i - 1);
      guint found;

      g_assert_nonnull (annotation);
      g_assert_cmpint (scholia_annotation_get_id (annotation), ==, scholia_annotation_pages_get_id (pages, i - 1));
      g_assert_true (scholia_annotation_pages_find (pages, scholia_annotation_get_id (annotation), &found));
      g_assert_cmpuint (found, ==, i - 1);
      g_array_index (ids, gint64, i - 1) = scholia_annotation_get_id (annotation);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (pages), n));
  return ids;
}

static void
assert_ids (GArray       *ids,
            const gint64 *expected,
            guint         n_expected)
{
  g_assert_cmpuint (ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

/* Both ways, and the hand-counted rows. */
static void
assert_rows (ScholiaStore            *store,
             ScholiaAnnotationFilter *filter,
             const gint64            *expected,
             guint                    n_expected)
{
  g_autoptr(GArray) eager = eager_rows (store, filter);
  g_autoptr(GArray) paged = paged_rows (store, filter);

  assert_ids (eager, expected, n_expected);
  assert_ids (paged, expected, n_expected);
}

static void
test_paged_rows_match_eager (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  ScholiaStore *store;
  gint64 a1, a2, aw, b1, evidence = EVIDENCE, thesis = THESIS, ana;

  open_library (fixture, FALSE);
  store = fixture->library.store;
  a1 = seminar_id (fixture, VIEWS_ANA_FIRST);
  a2 = seminar_id (fixture, VIEWS_ANA_SECOND);
  aw = seminar_id (fixture, VIEWS_ANA_WINTER);
  b1 = seminar_id (fixture, VIEWS_BRUNO_SPAN);
  ana = fixture->library.ana;

  /* By document, then in text order: Tidewater 0–48, 21–48, 185–210; the Almanac; mine, the
   * orphan first at its old place. */
  assert_rows (store, filter, (gint64[]) { a1, b1, a2, aw, fixture->mine[0], fixture->mine[1], fixture->mine[2],
                                           fixture->mine[3] }, 8);
  scholia_annotation_filter_set_tag_ids (filter, &evidence, 1);
  assert_rows (store, filter, (gint64[]) { a1, b1, a2, aw, fixture->mine[0], fixture->mine[2], fixture->mine[3] }, 7);
  scholia_annotation_filter_set_tag_ids (filter, (gint64[]) { THESIS, EVIDENCE }, 2);
  assert_rows (store, filter, (gint64[]) { a1, b1, a2, aw, fixture->mine[0], fixture->mine[1], fixture->mine[2],
                                           fixture->mine[3] }, 8);
  scholia_annotation_filter_set_tag_ids (filter, NULL, 0);
  scholia_annotation_filter_set_theme_ids (filter, &fixture->trade, 1);
  assert_rows (store, filter, (gint64[]) { a1, b1, aw, fixture->mine[0], fixture->mine[1], fixture->mine[2] }, 6);
  scholia_annotation_filter_set_tag_ids (filter, &thesis, 1);
  assert_rows (store, filter, (gint64[]) { fixture->mine[1] }, 1);
  scholia_annotation_filter_set_tag_ids (filter, NULL, 0);
  scholia_annotation_filter_set_theme_ids (filter, NULL, 0);
  scholia_annotation_filter_set_participant_ids (filter, &ana, 1);
  assert_rows (store, filter, (gint64[]) { a1, a2, aw }, 3);
  /* 0: outside any seminar, mine. */
  scholia_annotation_filter_set_participant_ids (filter, (gint64[]) { 0 }, 1);
  assert_rows (store, filter, fixture->mine, 4);
}

/* Hidden until I post: none of the others' annotations on the two seminar essays, which I have
 * not annotated. */
static void
test_paged_rows_hide_until_posted (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  gint64 evidence = EVIDENCE;

  open_library (fixture, TRUE);
  assert_rows (fixture->library.store, filter, fixture->mine, 4);
  scholia_annotation_filter_set_tag_ids (filter, &evidence, 1);
  assert_rows (fixture->library.store, filter, (gint64[]) { fixture->mine[0], fixture->mine[2], fixture->mine[3] }, 3);
}

/* The rows' annotations read in pages, all of them, in row order. */
static GPtrArray *
paged_items (ScholiaAnnotationPages *pages)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      ScholiaAnnotation *annotation = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_nonnull (annotation);
      g_ptr_array_add (items, annotation);
    }
  return items;
}

static void
assert_same_ids (const gint64 *left,
                 guint         n_left,
                 const gint64 *right,
                 guint         n_right)
{
  g_assert_cmpuint (n_left, ==, n_right);
  for (guint i = 0; i < n_left; i++)
    g_assert_cmpint (left[i], ==, right[i]);
}

/* The list's pages give, row for row, what a second connection reads document by document and
 * filters: the same ids, quotes, notes, tags and themes (not the same objects, which would
 * agree whatever the pages read). */
static void
assert_items (ScholiaStore            *store,
              ScholiaStore            *eager_store,
              ScholiaAnnotationPages  *pages,
              ScholiaAnnotationFilter *filter,
              guint                    n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GListModel *documents = scholia_store_get_documents (eager_store);
  guint row = 0;

  show_places (store, pages, filter);
  items = paged_items (pages);
  g_assert_cmpuint (items->len, ==, n_expected);

  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, d);
      g_autoptr(GListModel) list = scholia_store_list_annotations (eager_store, document, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(ScholiaAnnotation) eager = g_list_model_get_item (list, i);
          ScholiaAnnotation *paged;
          const gint64 *left, *right;
          guint n_left, n_right;

          if (!scholia_annotation_filter_match_annotation (filter, eager, NULL))
            continue;
          g_assert_cmpuint (row, <, items->len);
          paged = g_ptr_array_index (items, row++);
          g_assert_true (paged != eager);
          g_assert_cmpint (scholia_annotation_get_id (paged), ==, scholia_annotation_get_id (eager));
          g_assert_cmpint (scholia_annotation_get_document_id (paged), ==, scholia_annotation_get_document_id (eager));
          g_assert_cmpstr (scholia_annotation_get_quote (paged), ==, scholia_annotation_get_quote (eager));
          g_assert_cmpstr (scholia_annotation_get_note (paged), ==, scholia_annotation_get_note (eager));
          g_assert_cmpint (scholia_annotation_get_start (paged), ==, scholia_annotation_get_start (eager));
          left = scholia_annotation_get_tag_ids (paged, &n_left);
          right = scholia_annotation_get_tag_ids (eager, &n_right);
          assert_same_ids (left, n_left, right, n_right);
          left = scholia_annotation_get_theme_ids (paged, &n_left);
          right = scholia_annotation_get_theme_ids (eager, &n_right);
          assert_same_ids (left, n_left, right, n_right);
        }
    }
  g_assert_cmpuint (row, ==, items->len);
}

/* 150 more annotations of mine, so that the rows span three pages of 64: each annotation's
 * items equal the eager ones under several filters, and again after a tag is added and one
 * removed, a note changed and an annotation deleted, on rows read before the edit (the objects
 * shown follow it) and on rows not read yet. */
static void
test_paged_items_match_eager (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  g_autoptr(ScholiaAnnotationFilter) filter = scholia_annotation_filter_new ();
  g_autoptr(ScholiaAnnotationPages) pages = NULL;
  g_autoptr(ScholiaStore) eager_store = NULL;
  g_autoptr(ScholiaAnnotation) shown = NULL;
  g_autoptr(ScholiaAnnotation) unread = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (gint64));
  ScholiaDocument *ferry = NULL;
  ScholiaStore *store;
  GListModel *documents;
  const gint64 thesis = THESIS, evidence = EVIDENCE, both[] = { EVIDENCE, THESIS };
  guint n_evidence = 0;

  open_library (fixture, FALSE);
  store = fixture->library.store;
  documents = scholia_store_get_documents (store);
  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, d);

      if (g_str_equal (scholia_document_get_title (document), "The Ferry Timetables"))
        ferry = document;
    }
  g_assert_nonnull (ferry);
  for (guint i = 0; i < 150; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation =
        scholia_store_add_annotation (store, ferry, i, i + 12 + i % 7, i % 3 == 0 ? &thesis : i % 3 == 1 ? &evidence : both,
                                      i % 3 == 2 ? 2 : 1, &fixture->trade, i % 2, i % 4 == 0 ? "Printed twice." : NULL,
                                      &error);
      gint64 id;

      g_assert_no_error (error);
      id = scholia_annotation_get_id (annotation);
      g_array_append_val (mine, id);
    }
  /* Seven rows of the seminar's and mine before, then these (thesis: 50, evidence: 50, both: 50). */
  eager_store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  pages = scholia_annotation_pages_new (store);

  assert_items (store, eager_store, pages, filter, 158);
  scholia_annotation_filter_set_tag_ids (filter, &evidence, 1);
  n_evidence = 7 + 100;
  assert_items (store, eager_store, pages, filter, n_evidence);
  scholia_annotation_filter_set_theme_ids (filter, &fixture->trade, 1);
  assert_items (store, eager_store, pages, filter, 7 - 2 + 50);
  scholia_annotation_filter_set_theme_ids (filter, NULL, 0);
  assert_items (store, eager_store, pages, filter, n_evidence);

  /* Row 70 (the second page) is shown; the last row's annotation was never read. */
  shown = g_list_model_get_item (G_LIST_MODEL (pages), 70);
  g_assert_true (scholia_store_set_annotation_note (store, shown, "Read at the pier.", &error));
  g_assert_no_error (error);
  g_assert_true (scholia_store_set_annotation_labels (store, shown, SCHOLIA_TYPE_TAG, both, 2, &error));
  g_assert_no_error (error);
  assert_items (store, eager_store, pages, filter, n_evidence);
  g_assert_cmpstr (scholia_annotation_get_note (shown), ==, "Read at the pier.");

  /* A thesis annotation of mine gets evidence too, one loses it, one is deleted. */
  unread = scholia_store_get_annotation (store, g_array_index (mine, gint64, 147), &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_set_annotation_labels (store, unread, SCHOLIA_TYPE_TAG, both, 2, &error));
  g_assert_no_error (error);
  g_clear_object (&unread);
  unread = scholia_store_get_annotation (store, g_array_index (mine, gint64, 1), &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_set_annotation_labels (store, unread, SCHOLIA_TYPE_TAG, &thesis, 1, &error));
  g_assert_no_error (error);
  g_clear_object (&unread);
  unread = scholia_store_get_annotation (store, g_array_index (mine, gint64, 100), &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_delete_annotation (store, unread, &error));
  g_assert_no_error (error);
  g_clear_object (&unread);
  assert_items (store, eager_store, pages, filter, n_evidence + 1 - 1 - 1);
  scholia_annotation_filter_set_tag_ids (filter, NULL, 0);
  assert_items (store, eager_store, pages, filter, 157);
}

/* The places of one filter, read by @store. */
static GArray *
list_places (ScholiaStore *store,
             const gint64 *tags,
             guint         n_tags,
             const gint64 *themes,
             guint         n_themes)
{
  g_autoptr(GError) error = NULL;
  GArray *places = scholia_store_list_annotation_places (store, tags, n_tags, themes, n_themes, NULL, 0, &error);

  g_assert_no_error (error);
  return places;
}

/* @store's places (from the unfiltered list it keeps, once read) are, place for place, those
 * @fresh reads through the links' and places' indexes, its first list of all. */
static void
assert_same_places (ScholiaStore *store,
                    ScholiaStore *fresh,
                    const gint64 *tags,
                    guint         n_tags,
                    const gint64 *themes,
                    guint         n_themes,
                    guint         n_expected)
{
  g_autoptr(GArray) kept = list_places (store, tags, n_tags, themes, n_themes);
  g_autoptr(GArray) read = list_places (fresh, tags, n_tags, themes, n_themes);

  g_assert_cmpuint (kept->len, ==, n_expected);
  g_assert_cmpuint (read->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_assert_cmpint (g_array_index (kept, ScholiaAnnotationPlace, i).annotation_id, ==,
                       g_array_index (read, ScholiaAnnotationPlace, i).annotation_id);
      g_assert_cmpint (g_array_index (kept, ScholiaAnnotationPlace, i).document_id, ==,
                       g_array_index (read, ScholiaAnnotationPlace, i).document_id);
    }
}

/* Once the unfiltered list is read, a tag's or theme's rows are picked out of it while nothing
 * is written: the same places, in the same order, as the indexes give; an annotation added here
 * or deleted by another process is (or is no longer) listed. */
static void
test_kept_order_follows_changes (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) other = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(ScholiaAnnotation) gone = NULL;
  const gint64 thesis = THESIS, evidence = EVIDENCE, both[] = { THESIS, EVIDENCE };
  ScholiaStore *store;
  ScholiaDocument *ferry;
  gint64 added;

  open_library (fixture, TRUE);
  store = fixture->library.store;
  other = scholia_store_open (path, &error);
  g_assert_no_error (error);

  all = list_places (store, NULL, 0, NULL, 0);
  g_assert_cmpuint (all->len, ==, 4);
  assert_same_places (store, other, &evidence, 1, NULL, 0, 3);
  assert_same_places (store, other, both, 2, NULL, 0, 4);
  assert_same_places (store, other, NULL, 0, &fixture->trade, 1, 3);
  assert_same_places (store, other, &evidence, 1, &fixture->trade, 1, 2);
  assert_same_places (store, other, &thesis, 1, &fixture->trade, 1, 1);

  /* Added here, before the other annotations of the essay. */
  g_clear_pointer (&all, g_array_unref);
  all = list_places (store, NULL, 0, NULL, 0);
  ferry = scholia_store_lookup_document (store, g_array_index (all, ScholiaAnnotationPlace, 0).document_id);
  added = add_mine (store, ferry, 0, &evidence, 1, 0);
  assert_same_places (store, other, &evidence, 1, NULL, 0, 4);
  g_clear_pointer (&all, g_array_unref);
  all = list_places (store, &evidence, 1, NULL, 0);
  g_assert_cmpint (g_array_index (all, ScholiaAnnotationPlace, 0).annotation_id, ==, added);

  /* Added and deleted by another connection, after the list was read again here. */
  g_clear_pointer (&all, g_array_unref);
  all = list_places (store, NULL, 0, NULL, 0);
  added = add_mine (other, scholia_store_lookup_document (other, scholia_document_get_id (ferry)), 1, &evidence, 1,
                    fixture->trade);
  gone = scholia_store_get_annotation (other, fixture->mine[2], &error);
  g_assert_no_error (error);
  g_assert_true (scholia_store_delete_annotation (other, gone, &error));
  g_assert_no_error (error);
  assert_same_places (store, other, &evidence, 1, NULL, 0, 4);
  assert_same_places (store, other, NULL, 0, &fixture->trade, 1, 3);
  g_clear_pointer (&all, g_array_unref);
  all = list_places (store, &evidence, 1, NULL, 0);
  g_assert_cmpint (g_array_index (all, ScholiaAnnotationPlace, 1).annotation_id, ==, added);
}

static void
assert_comparison (Fixture      *fixture,
                   const gint64 *expected,
                   guint         n_expected)
{
  g_autoptr(ScholiaComparison) comparison = scholia_comparison_new (fixture->library.store);
  ScholiaLabel *trade = scholia_store_lookup_label (fixture->library.store, SCHOLIA_TYPE_THEME, fixture->trade);
  GListModel *passages;

  scholia_comparison_set_theme (comparison, SCHOLIA_THEME (trade));
  passages = scholia_comparison_get_passages (comparison);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);

      g_assert_cmpint (scholia_passage_get_annotation_id (passage), ==, expected[i]);
    }
}

/* Trade, by author (Dunmore, Holt, Vane), document and text order; the orphan left out. */
static void
test_comparison_counted_by_hand (Fixture       *fixture,
                                 gconstpointer  data)
{
  open_library (fixture, FALSE);
  assert_comparison (fixture, (gint64[]) { fixture->mine[1], fixture->mine[2], seminar_id (fixture, VIEWS_ANA_FIRST),
                                           seminar_id (fixture, VIEWS_BRUNO_SPAN),
                                           seminar_id (fixture, VIEWS_ANA_WINTER) }, 5);
}

static void
test_comparison_hide_until_posted (Fixture       *fixture,
                                   gconstpointer  data)
{
  open_library (fixture, TRUE);
  assert_comparison (fixture, (gint64[]) { fixture->mine[1], fixture->mine[2] }, 2);
}

/* Rows Dunmore, Holt, Vane; the Trade column, in all and by evidence. */
static void
assert_matrix (Fixture     *fixture,
               const guint  trade[3],
               const guint  trade_evidence[3])
{
  g_autoptr(GError) error = NULL;
  ScholiaMatrix *matrix = scholia_matrix_new (fixture->library.store, TRUE, &error);
  const char *authors[] = { "Clara Dunmore", "Maren Holt", "Idris Vane" };
  guint column = G_MAXUINT;

  g_assert_no_error (error);
  g_assert_cmpuint (scholia_matrix_get_n_authors (matrix), ==, 3);
  for (guint c = 0; c < scholia_matrix_get_n_themes (matrix); c++)
    if (scholia_label_get_id (SCHOLIA_LABEL (scholia_matrix_get_theme (matrix, c))) == fixture->trade)
      column = c;
  g_assert_cmpuint (column, !=, G_MAXUINT);
  for (guint row = 0; row < 3; row++)
    {
      g_assert_cmpstr (scholia_matrix_get_author (matrix, row), ==, authors[row]);
      g_assert_cmpuint (scholia_matrix_get_count (matrix, row, column, 0), ==, trade[row]);
      g_assert_cmpuint (scholia_matrix_get_count (matrix, row, column, EVIDENCE), ==, trade_evidence[row]);
      g_assert_cmpuint (scholia_matrix_get_count (matrix, row, column, THESIS), ==, row == 0 ? 1 : 0);
    }
  scholia_matrix_free (matrix);
}

static void
test_matrix_counted_by_hand (Fixture       *fixture,
                             gconstpointer  data)
{
  open_library (fixture, FALSE);
  assert_matrix (fixture, (guint[]) { 2, 2, 1 }, (guint[]) { 1, 2, 1 });
}

static void
test_matrix_hide_until_posted (Fixture       *fixture,
                               gconstpointer  data)
{
  open_library (fixture, TRUE);
  assert_matrix (fixture, (guint[]) { 2, 0, 0 }, (guint[]) { 1, 0, 0 });
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/library-queries/list/paged-rows-match-eager", test_paged_rows_match_eager);
  add_test ("/library-queries/list/paged-rows-hide-until-posted", test_paged_rows_hide_until_posted);
  add_test ("/library-queries/list/paged-items-match-eager", test_paged_items_match_eager);
  add_test ("/library-queries/list/kept-order-follows-changes", test_kept_order_follows_changes);
  add_test ("/library-queries/comparison/counted-by-hand", test_comparison_counted_by_hand);
  add_test ("/library-queries/comparison/hide-until-posted", test_comparison_hide_until_posted);
  add_test ("/library-queries/matrix/counted-by-hand", test_matrix_counted_by_hand);
  add_test ("/library-queries/matrix/hide-until-posted", test_matrix_hide_until_posted);

  return g_test_run ();
}
