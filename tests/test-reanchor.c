/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-reanchor.h"
#include "test-files.h"

static const char original[] =
  "Varnholm’s harbour dues rose three times after 1843.\n\n"
  "The Twelve Houses blamed the railway; the railway blamed the river.\n\n"
  "Żeleński alone counted the barges, and his count is damning.\n";

typedef struct
{
  char         *dir;
  char         *path;
  ScholiaStore *store;
  gint64        document_id;
} Fixture;

static void
annotate (Fixture    *fixture,
          const char *quote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  ScholiaDocument *document = scholia_store_lookup_document (fixture->store, fixture->document_id);
  int start = g_utf8_pointer_to_offset (original, strstr (original, quote));

  annotation = scholia_store_add_annotation (fixture->store, document, start, start + g_utf8_strlen (quote, -1),
                                             NULL, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  fixture->dir = test_tmp_dir_new ("scholia-reanchor-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  document = scholia_store_add_document (fixture->store, "Dues", "Helena Marwick", "1956", NULL,
                                         original, NULL, &error);
  g_assert_no_error (error);
  fixture->document_id = scholia_document_get_id (document);
  annotate (fixture, "harbour dues rose three times");
  annotate (fixture, "the railway blamed the river");
  annotate (fixture, "Żeleński alone counted the barges");
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

/* A revised text written behind Scholia's back, as an edition replaced on disk would be. */
static void
replace_text (Fixture    *fixture,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  test_sql_exec_with_text (fixture->path, "UPDATE documents SET text = ?", text);

  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static ScholiaReanchorSummary
reanchor (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ScholiaDocument *document = scholia_store_lookup_document (fixture->store, fixture->document_id);
  ScholiaReanchorSummary summary;

  text = scholia_store_load_text (fixture->store, document, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_reanchor_document (fixture->store, document, text, &summary, &error));
  g_assert_no_error (error);
  return summary;
}

/* Each annotation's offsets must cut its quote out of the current text. */
static void
assert_quotes_hold (Fixture *fixture,
                    guint    expected_placed)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_lookup_document (fixture->store, fixture->document_id);
  g_autofree char *text = scholia_store_load_text (fixture->store, document, &error);
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (fixture->store, document, &error);
  guint placed = 0;

  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
      g_autofree char *cut = NULL;

      if (scholia_annotation_get_orphaned (annotation))
        continue;
      cut = g_utf8_substring (text, scholia_annotation_get_start (annotation),
                              scholia_annotation_get_end (annotation));
      g_assert_cmpstr (cut, ==, scholia_annotation_get_quote (annotation));
      placed++;
    }
  g_assert_cmpuint (placed, ==, expected_placed);
}

static void
test_unchanged_text_is_left_alone (Fixture       *fixture,
                                   gconstpointer  data)
{
  ScholiaReanchorSummary summary = reanchor (fixture);

  g_assert_cmpuint (summary.unchanged, ==, 3);
  g_assert_cmpuint (summary.moved + summary.fuzzy + summary.orphaned, ==, 0);
  assert_quotes_hold (fixture, 3);
}

static void
test_new_opening_moves_every_annotation (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autofree char *revised = g_strconcat ("A new preface — written in 1960 — opens the essay.\n\n", original, NULL);
  ScholiaReanchorSummary summary;

  replace_text (fixture, revised);
  summary = reanchor (fixture);
  g_assert_cmpuint (summary.moved, ==, 3);
  assert_quotes_hold (fixture, 3);

  /* Written to the file: a fresh store sees the new places without re-anchoring. */
  replace_text (fixture, revised);
  assert_quotes_hold (fixture, 3);
}

static void
test_deleted_passage_becomes_orphan_and_returns (Fixture       *fixture,
                                                 gconstpointer  data)
{
  g_autoptr(GString) cut = g_string_new (original);
  const char *sentence = "The Twelve Houses blamed the railway; the railway blamed the river.\n\n";
  ScholiaReanchorSummary summary;

  g_string_replace (cut, sentence, "", 1);
  replace_text (fixture, cut->str);
  summary = reanchor (fixture);
  g_assert_cmpuint (summary.orphaned, ==, 1);
  g_assert_cmpuint (summary.moved, ==, 1);
  g_assert_cmpuint (summary.unchanged, ==, 1);
  assert_quotes_hold (fixture, 2);

  /* Opening it again reports nothing new: the orphan was already one. */
  summary = reanchor (fixture);
  g_assert_cmpuint (summary.orphaned, ==, 0);
  g_assert_cmpuint (summary.still_orphaned, ==, 1);

  /* The orphan is kept, with its quote, and placed again when the passage comes back. */
  replace_text (fixture, original);
  summary = reanchor (fixture);
  g_assert_cmpuint (summary.orphaned, ==, 0);
  assert_quotes_hold (fixture, 3);
}

static void
test_typo_fix_is_fuzzy (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) fixed = g_string_new (original);
  ScholiaReanchorSummary summary;

  g_string_replace (fixed, "alone counted the barges", "alone counted all the barges", 1);
  replace_text (fixture, fixed->str);
  summary = reanchor (fixture);
  g_assert_cmpuint (summary.fuzzy, ==, 1);
  g_assert_cmpuint (summary.orphaned, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reanchor/unchanged-text-is-left-alone", test_unchanged_text_is_left_alone);
  ADD ("/reanchor/new-opening-moves-every-annotation", test_new_opening_moves_every_annotation);
  ADD ("/reanchor/deleted-passage-becomes-orphan-and-returns", test_deleted_passage_becomes_orphan_and_returns);
  ADD ("/reanchor/typo-fix-is-fuzzy", test_typo_fix_is_fuzzy);
#undef ADD

  return g_test_run ();
}
