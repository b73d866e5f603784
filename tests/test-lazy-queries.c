/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The library-wide queries of issue 17 read what orders and counts their rows up front and a
 * row's quote and note only when it is shown: a theme compared (deferred passages) and the
 * whole library's annotations by a tag (places, then pages). On a generated library of a few
 * hundred essays, they must list the same rows, in the same order, with the same quotes, notes
 * and tags as reading every annotation whole does, follow edits and their undoing, and read a
 * library of the version before the index of places (written, read-only, then upgraded). */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-annotation-pages.h"
#include "scholia-comparison.h"
#include "scholia-dates.h"
#include "scholia-editor.h"
#include "scholia-names.h"
#include "scholia-schema.h"
#include "scholia-store-private.h"
#include "test-files.h"

#define N_ESSAYS 240
#define N_THEMES 3

static const char *const surnames[] = {
  "Marrow", "Quillfeather", "Ostrander", "Belcourt", "Nakagawa-Reyes", "Thistlewood", "Abernathy",
  "Vossberg", "Ilunga", "de Saint-Aubin", "Kovalenko", "Heathcote", "Oyelaran", "Lindgren",
};
static const char *const given[] = { "Ada", "Bram", "Cosima", "Desmond", "Eira", "Florin" };
static const char *const words[] = {
  "harbour", "ledger", "tithe", "wool", "guild", "ferry", "salt", "charter", "mill", "levy",
  "pilgrim", "granary", "toll", "beacon", "quarry", "dyer", "almanac", "weir", "cooper", "reeve",
};

typedef struct
{
  char         *dir;
  char         *path;
  ScholiaStore *store;
  gint64        tag_ids[4];
  ScholiaTheme *themes[N_THEMES];
} Fixture;

/* An essay of invented sentences, different for each seed. */
static char *
make_essay (GRand *rand)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint sentences = g_rand_int_range (rand, 8, 16);

  for (guint s = 0; s < sentences; s++)
    {
      guint n = g_rand_int_range (rand, 5, 11);

      g_string_append (text, "The");
      for (guint w = 0; w < n; w++)
        g_string_append_printf (text, " %s", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append (text, s % 4 == 3 ? ".\n\n" : ". ");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_library (ScholiaStore *store,
              gint64       *tag_ids,
              ScholiaTheme **themes)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1717);

  for (guint i = 0; i < N_ESSAYS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = make_essay (rand);
      g_autofree char *title = g_strdup_printf ("On the %s, part %u", words[i % G_N_ELEMENTS (words)], i);
      g_autofree char *author = i % 17 == 0 ? NULL
                                : g_strdup_printf ("%s %s", given[i % G_N_ELEMENTS (given)],
                                                   surnames[(i / 3) % G_N_ELEMENTS (surnames)]);
      g_autofree char *date = g_strdup_printf ("%u", 1850 + (i * 7) % 120);
      ScholiaDocument *document = scholia_store_add_document (store, title, author, date, NULL,
                                                              text, NULL, &error);
      int length = g_utf8_strlen (text, -1);

      g_assert_no_error (error);
      for (guint a = 0; a < 6; a++)
        {
          int start = g_rand_int_range (rand, 0, length - 12);
          int end = start + g_rand_int_range (rand, 3, MIN (60, length - start));
          gint64 tags[2], theme_ids[2];
          guint n_tags = 0, n_themes = 0;
          g_autofree char *note = g_rand_boolean (rand) ? g_strdup_printf ("Note %u.%u on the %s", i, a, words[a]) : NULL;
          g_autoptr(ScholiaAnnotation) annotation = NULL;

          /* Some annotations carry two of the tags, or two themes: listed once. */
          if (g_rand_int_range (rand, 0, 4) > 0)
            tags[n_tags++] = tag_ids[g_rand_int_range (rand, 0, 4)];
          if (g_rand_int_range (rand, 0, 5) == 0 && (n_tags == 0 || tags[0] != tag_ids[3]))
            tags[n_tags++] = tag_ids[3];
          if (g_rand_int_range (rand, 0, 3) > 0)
            theme_ids[n_themes++] = scholia_label_get_id (SCHOLIA_LABEL (themes[g_rand_int_range (rand, 0, N_THEMES - 1)]));
          if (g_rand_int_range (rand, 0, 6) == 0)
            theme_ids[n_themes++] = scholia_label_get_id (SCHOLIA_LABEL (themes[N_THEMES - 1]));
          annotation = scholia_store_add_annotation (store, document, start, end, tags, n_tags, theme_ids, n_themes,
                                                     note, &error);
          g_assert_no_error (error);
        }
    }
}

static void
add_labels (Fixture *fixture)
{
  static const char *const tag_names[] = { "thesis", "evidence", "Salt trade", "Guild law" };

  for (guint i = 0; i < G_N_ELEMENTS (tag_names); i++)
    {
      g_autoptr(GError) error = NULL;
      ScholiaLabel *tag = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, tag_names[i], NULL);

      if (tag == NULL)
        tag = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_TAG, tag_names[i], NULL, NULL, &error);
      g_assert_no_error (error);
      fixture->tag_ids[i] = scholia_label_get_id (tag);
    }
  for (guint i = 0; i < N_THEMES; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("Theme of the %s", words[i]);
      ScholiaLabel *theme = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_THEME, name, NULL);

      if (theme == NULL)
        theme = scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, name, NULL, NULL, &error);
      g_assert_no_error (error);
      fixture->themes[i] = SCHOLIA_THEME (theme);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-lazy-queries-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  add_labels (fixture);
  fill_library (fixture->store, fixture->tag_ids, fixture->themes);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Every annotation of the library, read whole, each with its document. */
typedef struct
{
  ScholiaAnnotation *annotation;
  ScholiaDocument   *document;
  char              *author_key;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_object_unref (row->annotation);
  g_free (row->author_key);
}

static GArray *
read_every_annotation (ScholiaStore *store)
{
  GListModel *documents = scholia_store_get_documents (store);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));

  g_array_set_clear_func (rows, row_clear);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) list = scholia_store_list_annotations (store, document, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < g_list_model_get_n_items (list); j++)
        {
          Row row = {
            g_list_model_get_item (list, j),
            document,
            scholia_names_collate_key (scholia_document_get_author_sort_key (document)),
          };

          g_array_append_val (rows, row);
        }
    }
  return rows;
}

static gboolean
has_label (const gint64 *ids,
           guint         n_ids,
           gint64        id)
{
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] == id)
      return TRUE;
  return FALSE;
}

/* The comparison's order as documented (scholia-comparison.h): by author (no author last),
 * then by document (year, date, title), then in text order. */
static int
compare_by_author (gconstpointer a,
                   gconstpointer b)
{
  const Row *l = a, *r = b;
  const char *la = scholia_document_get_author (l->document), *ra = scholia_document_get_author (r->document);
  int result;

  if ((*la == '\0') != (*ra == '\0'))
    return (*la == '\0') - (*ra == '\0');
  if ((result = strcmp (l->author_key, r->author_key)) != 0 || (result = strcmp (la, ra)) != 0)
    return result;
  if (scholia_dates_year (scholia_document_get_date (l->document)) != scholia_dates_year (scholia_document_get_date (r->document)))
    return scholia_dates_year (scholia_document_get_date (l->document)) < scholia_dates_year (scholia_document_get_date (r->document)) ? -1 : 1;
  if ((result = scholia_dates_compare (scholia_document_get_date (l->document), scholia_document_get_date (r->document))) != 0 ||
      (result = g_utf8_collate (scholia_document_get_title (l->document), scholia_document_get_title (r->document))) != 0)
    return result;
  if (l->document != r->document)
    return scholia_document_get_id (l->document) < scholia_document_get_id (r->document) ? -1 : 1;
  /* Passages starting together come as the theme's links list them, by id. */
  if (scholia_annotation_get_start (l->annotation) != scholia_annotation_get_start (r->annotation))
    return scholia_annotation_get_start (l->annotation) - scholia_annotation_get_start (r->annotation);
  return scholia_annotation_get_id (l->annotation) < scholia_annotation_get_id (r->annotation) ? -1 : 1;
}

/* The list's order: by document, then offsets, then id. */
static int
compare_by_place (gconstpointer a,
                  gconstpointer b)
{
  const Row *l = a, *r = b;
  gint64 ld = scholia_document_get_id (l->document), rd = scholia_document_get_id (r->document);
  ScholiaAnnotation *la = l->annotation, *ra = r->annotation;

  if (ld != rd)
    return ld < rd ? -1 : 1;
  if (scholia_annotation_get_start (la) != scholia_annotation_get_start (ra))
    return scholia_annotation_get_start (la) - scholia_annotation_get_start (ra);
  if (scholia_annotation_get_end (la) != scholia_annotation_get_end (ra))
    return scholia_annotation_get_end (la) - scholia_annotation_get_end (ra);
  return scholia_annotation_get_id (la) < scholia_annotation_get_id (ra) ? -1 : 1;
}

/* The rows on @theme_id (placed) carrying @tag_id (0: any), in the comparison's order. */
static GArray *
eager_comparison (ScholiaStore *store,
                  gint64        theme_id,
                  gint64        tag_id)
{
  g_autoptr(GArray) all = read_every_annotation (store);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));

  g_array_set_clear_func (rows, row_clear);
  for (guint i = 0; i < all->len; i++)
    {
      Row *row = &g_array_index (all, Row, i);
      guint n_themes, n_tags;
      const gint64 *themes = scholia_annotation_get_theme_ids (row->annotation, &n_themes);
      const gint64 *tags = scholia_annotation_get_tag_ids (row->annotation, &n_tags);

      if (scholia_annotation_get_orphaned (row->annotation) || !has_label (themes, n_themes, theme_id) ||
          (tag_id != 0 && !has_label (tags, n_tags, tag_id)))
        continue;
      g_array_append_val (rows, ((Row) { g_object_ref (row->annotation), row->document, g_strdup (row->author_key) }));
    }
  g_array_sort (rows, compare_by_author);
  return rows;
}

/* Asserts the passages are @expected's, row by row; the quotes and notes are read last, and
 * only those of the rows asked for. */
static void
assert_same_passages (GListModel *passages,
                      GArray     *expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);
      Row *row = &g_array_index (expected, Row, i);
      guint n_tags, n_expected;
      const gint64 *tags = scholia_passage_get_tag_ids (passage, &n_tags);
      const gint64 *expected_tags = scholia_annotation_get_tag_ids (row->annotation, &n_expected);

      g_assert_cmpint (scholia_passage_get_annotation_id (passage), ==, scholia_annotation_get_id (row->annotation));
      g_assert_cmpstr (scholia_passage_get_author (passage), ==, scholia_document_get_author (row->document));
      g_assert_cmpstr (scholia_passage_get_title (passage), ==, scholia_document_get_title (row->document));
      g_assert_cmpint (scholia_passage_get_start (passage), ==, scholia_annotation_get_start (row->annotation));
      g_assert_cmpuint (n_tags, ==, n_expected);
      for (guint t = 0; t < n_tags; t++)
        g_assert_cmpint (tags[t], ==, expected_tags[t]);
    }
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);
      Row *row = &g_array_index (expected, Row, i);

      g_assert_cmpstr (scholia_passage_get_quote (passage), ==, scholia_annotation_get_quote (row->annotation));
      g_assert_cmpstr (scholia_passage_get_note (passage), ==, scholia_annotation_get_note (row->annotation));
      g_assert_true (scholia_passage_has_text (passage));
    }
}

static guint
count_read (GListModel *passages)
{
  guint read = 0;

  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);

      read += scholia_passage_has_text (passage);
    }
  return read;
}

static void
test_compare_same_as_eager (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ScholiaComparison) comparison = scholia_comparison_new (fixture->store);
  GListModel *passages = scholia_comparison_get_passages (comparison);

  for (guint t = 0; t < N_THEMES; t++)
    {
      gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (fixture->themes[t]));
      g_autoptr(GArray) expected = eager_comparison (fixture->store, theme_id, 0);
      g_autoptr(GArray) tagged = eager_comparison (fixture->store, theme_id, fixture->tag_ids[2]);
      g_auto(GStrv) authors = NULL;
      const char *previous = NULL;
      guint n_authors = 0;

      g_assert_cmpuint (expected->len, >, 50);
      scholia_comparison_set_theme (comparison, fixture->themes[t]);
      /* Counted, grouped and ordered without a quote read. */
      g_assert_cmpuint (count_read (passages), ==, 0);
      authors = scholia_comparison_list_authors (comparison);
      for (guint i = 0; i < expected->len; i++)
        {
          const char *author = scholia_document_get_author (g_array_index (expected, Row, i).document);

          if (previous == NULL || strcmp (previous, author) != 0)
            g_assert_cmpstr (authors[n_authors++], ==, author);
          previous = author;
        }
      g_assert_null (authors[n_authors]);
      assert_same_passages (passages, expected);

      /* Under a tag of the filter. */
      scholia_annotation_filter_set_tag_ids (scholia_comparison_get_filter (comparison), &fixture->tag_ids[2], 1);
      assert_same_passages (passages, tagged);
      scholia_annotation_filter_set_tag_ids (scholia_comparison_get_filter (comparison), NULL, 0);
    }
}

static void
test_compare_follows_edits (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ScholiaEditor) editor = scholia_editor_new (fixture->store);
  g_autoptr(ScholiaComparison) comparison = scholia_comparison_new (fixture->store);
  GListModel *passages = scholia_comparison_get_passages (comparison);
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (fixture->themes[0]));
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaPassage) shown = NULL;
  g_autoptr(ScholiaPassage) unseen = NULL;
  g_autoptr(ScholiaAnnotation) shown_annotation = NULL;
  g_autoptr(ScholiaAnnotation) unseen_annotation = NULL;
  g_autoptr(ScholiaAnnotation) deleted = NULL;
  g_autofree char *shown_note = NULL;
  g_autoptr(GArray) expected = NULL;
  guint n;

  scholia_comparison_set_theme (comparison, fixture->themes[0]);
  n = g_list_model_get_n_items (passages);
  shown = g_list_model_get_item (passages, 3);
  unseen = g_list_model_get_item (passages, n - 2);
  shown_note = g_strdup (scholia_passage_get_note (shown));
  g_assert_false (scholia_passage_has_text (unseen));
  shown_annotation = scholia_store_get_annotation (fixture->store, scholia_passage_get_annotation_id (shown), &error);
  g_assert_no_error (error);
  unseen_annotation = scholia_store_get_annotation (fixture->store, scholia_passage_get_annotation_id (unseen), &error);
  g_assert_no_error (error);

  /* A note changed on a row shown and on one never shown: both rows say the new note. */
  g_assert_true (scholia_editor_set_note (editor, shown_annotation, "Reread: the levy came first", &error));
  g_assert_no_error (error);
  scholia_editor_close_group (editor);
  g_assert_true (scholia_editor_set_note (editor, unseen_annotation, "A second hand wrote this", &error));
  g_assert_no_error (error);
  scholia_editor_close_group (editor);
  {
    g_autoptr(ScholiaPassage) row = g_list_model_get_item (passages, 3);
    g_autoptr(ScholiaPassage) later = g_list_model_get_item (passages, n - 2);

    g_assert_cmpstr (scholia_passage_get_note (row), ==, "Reread: the levy came first");
    g_assert_cmpstr (scholia_passage_get_note (later), ==, "A second hand wrote this");
  }

  /* Undone, the rows say the notes they had. */
  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ScholiaPassage) row = g_list_model_get_item (passages, 3);

    g_assert_cmpstr (scholia_passage_get_note (row), ==, shown_note);
  }
  expected = eager_comparison (fixture->store, theme_id, 0);
  assert_same_passages (passages, expected);
  g_clear_pointer (&expected, g_array_unref);

  /* A passage deleted goes, and comes back with its quote when undone. */
  {
    g_autoptr(ScholiaPassage) first = g_list_model_get_item (passages, 0);

    deleted = scholia_store_get_annotation (fixture->store, scholia_passage_get_annotation_id (first), &error);
    g_assert_no_error (error);
  }
  g_assert_true (scholia_editor_delete_annotation (editor, deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, n - 1);
  expected = eager_comparison (fixture->store, theme_id, 0);
  assert_same_passages (passages, expected);
  g_clear_pointer (&expected, g_array_unref);
  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, n);
  expected = eager_comparison (fixture->store, theme_id, 0);
  assert_same_passages (passages, expected);
}

/* Tags added and removed: a new comparison reads each passage's tags in the order they were
 * given, also when that is not the order of their ids, and a passage with no tag left. */
static void
test_compare_follows_tag_edits (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ScholiaEditor) editor = scholia_editor_new (fixture->store);
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (fixture->themes[1]));
  g_autoptr(GArray) before = eager_comparison (fixture->store, theme_id, 0);
  ScholiaLabel *first_tag = scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, fixture->tag_ids[0]);
  guint reordered = 0, emptied = 0;

  g_assert_cmpint (fixture->tag_ids[0], <, fixture->tag_ids[3]);
  for (guint i = 0; i < before->len; i++)
    {
      ScholiaAnnotation *annotation = g_array_index (before, Row, i).annotation;
      guint n_tags;
      const gint64 *tags = scholia_annotation_get_tag_ids (annotation, &n_tags);
      g_autoptr(GError) error = NULL;

      /* The last tag first, the first after it. */
      if (n_tags == 1 && tags[0] == fixture->tag_ids[3] && reordered < 5)
        {
          g_assert_true (scholia_editor_add_label (editor, annotation, first_tag, &error));
          reordered++;
        }
      else if (n_tags == 2 && emptied < 5)
        {
          gint64 both[2] = { tags[0], tags[1] };

          for (guint t = 0; t < 2 && error == NULL; t++)
            g_assert_true (scholia_editor_remove_label (editor, annotation,
                                                        scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, both[t]),
                                                        &error));
          emptied++;
        }
      g_assert_no_error (error);
      scholia_editor_close_group (editor);
    }
  g_assert_cmpuint (reordered, >, 0);
  g_assert_cmpuint (emptied, >, 0);

  {
    g_autoptr(ScholiaComparison) comparison = scholia_comparison_new (fixture->store);
    g_autoptr(GArray) expected = eager_comparison (fixture->store, theme_id, 0);
    guint n_reordered = 0;

    scholia_comparison_set_theme (comparison, fixture->themes[1]);
    assert_same_passages (scholia_comparison_get_passages (comparison), expected);
    for (guint i = 0; i < expected->len; i++)
      {
        guint n_tags;
        const gint64 *tags = scholia_annotation_get_tag_ids (g_array_index (expected, Row, i).annotation, &n_tags);

        n_reordered += n_tags == 2 && tags[0] == fixture->tag_ids[3] && tags[1] == fixture->tag_ids[0];
      }
    g_assert_cmpuint (n_reordered, ==, reordered);
  }
}

/* The library's annotations with any of @tag_ids (none: any) on any of @theme_ids (none: any),
 * by place. */
static GArray *
eager_list (ScholiaStore *store,
            const gint64 *tag_ids,
            guint         n_tag_ids,
            const gint64 *theme_ids,
            guint         n_theme_ids)
{
  g_autoptr(GArray) all = read_every_annotation (store);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));

  g_array_set_clear_func (rows, row_clear);
  for (guint i = 0; i < all->len; i++)
    {
      Row *row = &g_array_index (all, Row, i);
      guint n_themes, n_tags;
      const gint64 *themes = scholia_annotation_get_theme_ids (row->annotation, &n_themes);
      const gint64 *tags = scholia_annotation_get_tag_ids (row->annotation, &n_tags);
      gboolean tagged = n_tag_ids == 0, themed = n_theme_ids == 0;

      for (guint t = 0; t < n_tag_ids; t++)
        tagged |= has_label (tags, n_tags, tag_ids[t]);
      for (guint t = 0; t < n_theme_ids; t++)
        themed |= has_label (themes, n_themes, theme_ids[t]);
      if (tagged && themed)
        g_array_append_val (rows, ((Row) { g_object_ref (row->annotation), row->document, NULL }));
    }
  g_array_sort (rows, compare_by_place);
  return rows;
}

/* The rows are @expected's; the annotations are built for the last rows first, as when the
 * list is scrolled to its end, then for the first. */
static void
assert_same_list (ScholiaStore *store,
                  const gint64 *tag_ids,
                  guint         n_tag_ids,
                  const gint64 *theme_ids,
                  guint         n_theme_ids)
{
  g_autoptr(GArray) expected = eager_list (store, tag_ids, n_tag_ids, theme_ids, n_theme_ids);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) places = scholia_store_list_annotation_places (store, tag_ids, n_tag_ids, theme_ids, n_theme_ids,
                                                                   NULL, 0, &error);
  g_autoptr(ScholiaAnnotationPages) pages = scholia_annotation_pages_new (store);

  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >, 40);
  g_assert_cmpuint (places->len, ==, expected->len);
  scholia_annotation_pages_set_places (pages, places);
  for (guint i = expected->len; i-- > 0;)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (pages), i);
      Row *row = &g_array_index (expected, Row, i);

      g_assert_cmpint (scholia_annotation_pages_get_id (pages, i), ==, scholia_annotation_get_id (row->annotation));
      g_assert_cmpint (scholia_annotation_get_id (annotation), ==, scholia_annotation_get_id (row->annotation));
      g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, scholia_annotation_get_quote (row->annotation));
      g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, scholia_annotation_get_note (row->annotation));
    }
}

static void
test_list_same_as_eager (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 two_tags[] = { fixture->tag_ids[1], fixture->tag_ids[3] };
  gint64 theme_ids[] = { scholia_label_get_id (SCHOLIA_LABEL (fixture->themes[0])),
                         scholia_label_get_id (SCHOLIA_LABEL (fixture->themes[N_THEMES - 1])) };

  for (guint t = 0; t < G_N_ELEMENTS (fixture->tag_ids); t++)
    assert_same_list (fixture->store, &fixture->tag_ids[t], 1, NULL, 0);
  /* An annotation with both tags, or both themes, is one row. */
  assert_same_list (fixture->store, two_tags, 2, NULL, 0);
  assert_same_list (fixture->store, NULL, 0, theme_ids, 2);
  assert_same_list (fixture->store, two_tags, 2, theme_ids, 1);
  assert_same_list (fixture->store, NULL, 0, NULL, 0);
}

static void
test_list_follows_edits (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ScholiaEditor) editor = scholia_editor_new (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) places = scholia_store_list_annotation_places (fixture->store, &fixture->tag_ids[0], 1, NULL, 0,
                                                                   NULL, 0, &error);
  g_autoptr(ScholiaAnnotation) last = NULL;
  ScholiaLabel *tag = scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, fixture->tag_ids[0]);

  g_assert_no_error (error);
  last = scholia_store_get_annotation (fixture->store, g_array_index (places, ScholiaAnnotationPlace, places->len - 1).annotation_id,
                                       &error);
  g_assert_no_error (error);

  g_assert_true (scholia_editor_remove_label (editor, last, tag, &error));
  g_assert_no_error (error);
  assert_same_list (fixture->store, &fixture->tag_ids[0], 1, NULL, 0);
  g_assert_true (scholia_editor_set_note (editor, last, "Written later, in pencil", &error));
  g_assert_no_error (error);
  assert_same_list (fixture->store, &fixture->tag_ids[1], 1, NULL, 0);
  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  g_assert_true (scholia_editor_undo (editor, &error));
  g_assert_no_error (error);
  assert_same_list (fixture->store, &fixture->tag_ids[0], 1, NULL, 0);
}

static char *
describe_queries (ScholiaStore *store,
                  ScholiaTheme *theme,
                  gint64        tag_id)
{
  g_autoptr(ScholiaComparison) comparison = scholia_comparison_new (store);
  GListModel *passages = scholia_comparison_get_passages (comparison);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) places = scholia_store_list_annotation_places (store, &tag_id, 1, NULL, 0, NULL, 0, &error);

  g_assert_no_error (error);
  scholia_comparison_set_theme (comparison, theme);
  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(ScholiaPassage) passage = g_list_model_get_item (passages, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT " %s|%s\n", scholia_passage_get_annotation_id (passage),
                              scholia_passage_get_quote (passage), scholia_passage_get_note (passage));
    }
  for (guint i = 0; i < places->len; i++)
    g_string_append_printf (out, "%" G_GINT64_FORMAT ",", g_array_index (places, ScholiaAnnotationPlace, i).annotation_id);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A library of the version before the index of places lists the same rows written, read-only
 * (from the annotations' rows) and upgraded (from the index). */
static void
test_upgrade_and_read_only (void)
{
  g_autofree char *dir = test_tmp_dir_new ("scholia-lazy-queries-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *read_only = g_build_filename (dir, "read-only.sqlite3", NULL);
  g_autofree char *before = NULL;
  g_autofree char *emulated = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const ScholiaMigration *migrations;
  guint n_migrations, n_before = 0;
  Fixture fixture = { 0 };

  migrations = scholia_schema_get_migrations (&n_migrations);
  while (migrations[n_before].version < SCHOLIA_SCHEMA_ANNOTATION_PLACES)
    n_before++;
  {
    g_autoptr(GError) error = NULL;

    fixture.store = _scholia_store_open_with_migrations (path, migrations, n_before, &error);
    g_assert_no_error (error);
    add_labels (&fixture);
    fill_library (fixture.store, fixture.tag_ids, fixture.themes);
    before = describe_queries (fixture.store, fixture.themes[1], fixture.tag_ids[2]);
    g_clear_object (&fixture.store);
  }
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_ANNOTATION_PLACES - 1);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'annotations_places'"), ==, 0);

  bytes = test_copy_read_only (path, read_only);
  {
    g_autoptr(GError) error = NULL;

    fixture.store = scholia_store_open_read_only (read_only, &error);
    g_assert_no_error (error);
    add_labels (&fixture);
    emulated = describe_queries (fixture.store, fixture.themes[1], fixture.tag_ids[2]);
    g_clear_object (&fixture.store);
  }
  g_assert_cmpstr (emulated, ==, before);

  {
    g_autoptr(GError) error = NULL;

    fixture.store = scholia_store_open (path, &error);
    g_assert_no_error (error);
    add_labels (&fixture);
    after = describe_queries (fixture.store, fixture.themes[1], fixture.tag_ids[2]);
    g_clear_object (&fixture.store);
  }
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), >=, SCHOLIA_SCHEMA_ANNOTATION_PLACES);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'annotations_places'"), ==, 1);
  g_assert_cmpstr (after, ==, before);
  test_tmp_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/lazy-queries/compare/same-as-eager", Fixture, NULL, fixture_set_up, test_compare_same_as_eager,
              fixture_tear_down);
  g_test_add ("/lazy-queries/compare/follows-edits-and-undo", Fixture, NULL, fixture_set_up,
              test_compare_follows_edits, fixture_tear_down);
  g_test_add ("/lazy-queries/compare/follows-tag-edits", Fixture, NULL, fixture_set_up,
              test_compare_follows_tag_edits, fixture_tear_down);
  g_test_add ("/lazy-queries/list/same-as-eager", Fixture, NULL, fixture_set_up, test_list_same_as_eager,
              fixture_tear_down);
  g_test_add ("/lazy-queries/list/follows-edits-and-undo", Fixture, NULL, fixture_set_up, test_list_follows_edits,
              fixture_tear_down);
  g_test_add_func ("/lazy-queries/upgrade-and-read-only", test_upgrade_and_read_only);
  return g_test_run ();
}
