/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-reading.h"
#include "scholia-reanchor.h"
#include "test-files.h"

/* Offsets below count code points in this text; no range of it is blank, so any is a passage
 * the store accepts. The opening and closing sentences are unique, for re-anchoring. */
#define OPENING "Varnholm’s harbour dues rose three times after 1843. "
#define LINE "Grain prices at Évreux rose while the clerks counted the tolls again "
#define CLOSING "Żeleński alone counted the barges, and his count is damning."
#define N_LINES 12

typedef struct
{
  char            *dir;
  char            *path;
  char            *text;
  ScholiaStore    *store;
  ScholiaDocument *document;
  ScholiaReading  *reading;
  /* Ranges reported by "changed", two ints each. */
  GArray          *changes;
  guint            current_notifies;
  /* What annotate() made, held as a view holding what it shows would. */
  GPtrArray       *held;
} Fixture;

static void
on_changed_cb (ScholiaReading *reading,
               int             start,
               int             end,
               Fixture        *fixture)
{
  g_array_append_val (fixture->changes, start);
  g_array_append_val (fixture->changes, end);
}

static void
on_notify_current_cb (ScholiaReading *reading,
                      GParamSpec     *pspec,
                      Fixture        *fixture)
{
  fixture->current_notifies++;
}

static void
open_reading (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->reading);
  fixture->reading = scholia_reading_new (fixture->store, fixture->document, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->reading, "changed", G_CALLBACK (on_changed_cb), fixture);
  g_signal_connect (fixture->reading, "notify::current", G_CALLBACK (on_notify_current_cb), fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append (text, OPENING);
  for (guint i = 0; i < N_LINES; i++)
    g_string_append (text, LINE);
  g_string_append (text, CLOSING);
  fixture->text = g_string_free (g_steal_pointer (&text), FALSE);
  fixture->dir = test_tmp_dir_new ("scholia-reading-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->document = scholia_store_add_document (fixture->store, "Tolls", "Ilse Marren", "1931",
                                                  NULL, fixture->text, NULL, &error);
  g_assert_no_error (error);
  fixture->changes = g_array_new (FALSE, FALSE, sizeof (int));
  fixture->held = g_ptr_array_new_with_free_func (g_object_unref);
  open_reading (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->reading);
  /* Annotations go before their store. */
  g_ptr_array_unref (fixture->held);
  g_clear_object (&fixture->store);
  g_array_unref (fixture->changes);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->text);
}

static ScholiaAnnotation *
annotate (Fixture *fixture,
          int      start,
          int      end)
{
  g_autoptr(GError) error = NULL;
  ScholiaAnnotation *annotation;

  annotation = scholia_store_add_annotation (fixture->store, fixture->document, start, end,
                                             NULL, 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (fixture->held, annotation);
  return annotation;
}

static void
assert_list (GPtrArray         *found,
             ScholiaAnnotation *first,
             ...)
{
  va_list args;
  guint i = 0;

  va_start (args, first);
  for (ScholiaAnnotation *expected = first; expected != NULL;
       expected = va_arg (args, ScholiaAnnotation *))
    {
      g_assert_cmpuint (i, <, found->len);
      g_assert_true (g_ptr_array_index (found, i) == expected);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (found->len, ==, i);
  g_ptr_array_unref (found);
}

static void
test_at_offset (Fixture       *fixture,
                gconstpointer  data)
{
  ScholiaAnnotation *outer = annotate (fixture, 10, 20);
  ScholiaAnnotation *inner = annotate (fixture, 12, 15);

  /* Start inclusive, end exclusive, as the highlight covers the text. */
  g_assert_null (scholia_reading_get_innermost_at (fixture->reading, 9));
  g_assert_true (scholia_reading_get_innermost_at (fixture->reading, 10) == outer);
  g_assert_true (scholia_reading_get_innermost_at (fixture->reading, 11) == outer);
  g_assert_true (scholia_reading_get_innermost_at (fixture->reading, 12) == inner);
  g_assert_true (scholia_reading_get_innermost_at (fixture->reading, 14) == inner);
  g_assert_true (scholia_reading_get_innermost_at (fixture->reading, 15) == outer);
  g_assert_true (scholia_reading_get_innermost_at (fixture->reading, 19) == outer);
  g_assert_null (scholia_reading_get_innermost_at (fixture->reading, 20));
  g_assert_null (scholia_reading_get_innermost_at (fixture->reading, 0));
  g_assert_null (scholia_reading_get_innermost_at (fixture->reading, -1));

  assert_list (scholia_reading_list_at (fixture->reading, 13), inner, outer, NULL);
  assert_list (scholia_reading_list_at (fixture->reading, 15), outer, NULL);
  assert_list (scholia_reading_list_at (fixture->reading, 20), NULL);

  g_assert_true (scholia_reading_find_exact (fixture->reading, 10, 20) == outer);
  g_assert_true (scholia_reading_find_exact (fixture->reading, 12, 15) == inner);
  g_assert_null (scholia_reading_find_exact (fixture->reading, 10, 15));
  g_assert_null (scholia_reading_find_exact (fixture->reading, 12, 20));
}

static void
test_overlapping_range (Fixture       *fixture,
                        gconstpointer  data)
{
  ScholiaAnnotation *a = annotate (fixture, 10, 20);
  ScholiaAnnotation *b = annotate (fixture, 12, 15);
  ScholiaAnnotation *c = annotate (fixture, 18, 30);
  ScholiaAnnotation *d = annotate (fixture, 40, 50);
  /* Long and early: a query far to its right must still look back to it. */
  ScholiaAnnotation *e = annotate (fixture, 1, 200);

  assert_list (scholia_reading_list_overlapping (fixture->reading, 15, 19), e, a, c, NULL);
  assert_list (scholia_reading_list_overlapping (fixture->reading, 20, 40), e, c, NULL);
  assert_list (scholia_reading_list_overlapping (fixture->reading, 0, 1), NULL);
  assert_list (scholia_reading_list_overlapping (fixture->reading, 0, 11), e, a, NULL);
  assert_list (scholia_reading_list_overlapping (fixture->reading, 49, 300), e, d, NULL);
  assert_list (scholia_reading_list_overlapping (fixture->reading, 200, 300), NULL);
  assert_list (scholia_reading_list_overlapping (fixture->reading, 0, G_MAXINT), e, a, b, c, d, NULL);
  assert_list (scholia_reading_list_at (fixture->reading, 45), d, e, NULL);
}

static void
test_next_previous (Fixture       *fixture,
                    gconstpointer  data)
{
  ScholiaAnnotation *last = annotate (fixture, 40, 50);
  ScholiaAnnotation *outer = annotate (fixture, 10, 20);
  ScholiaAnnotation *inner = annotate (fixture, 12, 15);
  /* Same start as outer, shorter: it comes first. */
  ScholiaAnnotation *first = annotate (fixture, 10, 12);
  /* The same passage twice: the older one first. */
  ScholiaAnnotation *twin = annotate (fixture, 12, 15);
  ScholiaAnnotation *order[] = { first, outer, inner, twin, last };
  guint index;

  g_assert_cmpuint (scholia_reading_get_n_placed (fixture->reading), ==, G_N_ELEMENTS (order));
  g_assert_true (scholia_reading_get_next (fixture->reading, NULL) == first);
  g_assert_true (scholia_reading_get_previous (fixture->reading, NULL) == last);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      ScholiaAnnotation *next = i + 1 < G_N_ELEMENTS (order) ? order[i + 1] : NULL;
      ScholiaAnnotation *previous = i > 0 ? order[i - 1] : NULL;

      g_assert_true (scholia_reading_get_next (fixture->reading, order[i]) == next);
      g_assert_true (scholia_reading_get_previous (fixture->reading, order[i]) == previous);
      g_assert_true (scholia_reading_get_placed_index (fixture->reading, order[i], &index));
      g_assert_cmpuint (index, ==, i);
    }
}

static void
test_empty_document (Fixture       *fixture,
                     gconstpointer  data)
{
  g_assert_null (scholia_reading_get_next (fixture->reading, NULL));
  g_assert_null (scholia_reading_get_previous (fixture->reading, NULL));
  g_assert_null (scholia_reading_get_innermost_at (fixture->reading, 0));
  assert_list (scholia_reading_list_overlapping (fixture->reading, 0, G_MAXINT), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_reading_get_unplaced (fixture->reading)), ==, 0);
  g_assert_cmpstr (scholia_reading_get_text (fixture->reading), ==, fixture->text);
  g_assert_true (scholia_reading_get_document (fixture->reading) == fixture->document);
  g_assert_true (scholia_reading_get_store (fixture->reading) == fixture->store);
}

static void
assert_changed (Fixture *fixture,
                int      start,
                int      end)
{
  for (guint i = 0; i + 1 < fixture->changes->len; i += 2)
    if (g_array_index (fixture->changes, int, i) == start &&
        g_array_index (fixture->changes, int, i + 1) == end)
      return;

  g_error ("no change reported over [%d, %d)", start, end);
}

static void
test_insert_delete (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaAnnotation *a = annotate (fixture, 10, 20);
  ScholiaAnnotation *b;

  assert_changed (fixture, 10, 20);
  g_array_set_size (fixture->changes, 0);

  /* Added through the store: found at once, no main-loop iteration needed. */
  b = annotate (fixture, 15, 25);
  assert_changed (fixture, 15, 25);
  /* Of equal length, the later start is the inner one. */
  assert_list (scholia_reading_list_at (fixture->reading, 16), b, a, NULL);
  g_assert_true (scholia_reading_lookup (fixture->reading, scholia_annotation_get_id (b)) == b);

  g_array_set_size (fixture->changes, 0);
  g_object_ref (a);
  g_assert_true (scholia_store_delete_annotation (fixture->store, a, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 10, 20);
  assert_list (scholia_reading_list_at (fixture->reading, 16), b, NULL);
  g_assert_null (scholia_reading_get_innermost_at (fixture->reading, 12));
  g_assert_true (scholia_reading_get_next (fixture->reading, NULL) == b);
  g_assert_null (scholia_reading_lookup (fixture->reading, scholia_annotation_get_id (a)));
  /* A deleted annotation sorts where it was: its neighbours are still found. */
  g_assert_true (scholia_reading_get_next (fixture->reading, a) == b);
  g_assert_null (scholia_reading_get_previous (fixture->reading, a));
  g_object_unref (a);

  /* Retagging is a change of what is drawn there. */
  {
    g_autoptr(ScholiaTag) tag = g_object_ref (SCHOLIA_TAG (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "thesis", &error)));
    gint64 id = scholia_label_get_id (SCHOLIA_LABEL (tag));

    g_assert_no_error (error);
    g_array_set_size (fixture->changes, 0);
    g_assert_true (scholia_store_set_annotation_labels (fixture->store, b, SCHOLIA_TYPE_TAG, &id, 1, &error));
    g_assert_no_error (error);
    assert_changed (fixture, 15, 25);
  }
}

static void
test_move_and_orphan (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScholiaAnnotation *a = annotate (fixture, 10, 20);
  ScholiaAnnotation *b = annotate (fixture, 30, 40);
  ScholiaAnnotation *c = annotate (fixture, 50, 60);
  GListModel *unplaced = scholia_reading_get_unplaced (fixture->reading);

  /* Attached elsewhere: the index follows. */
  g_array_set_size (fixture->changes, 0);
  g_assert_true (scholia_store_set_annotation_anchor (fixture->store, a, 70, 80, FALSE, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 10, 20);
  assert_changed (fixture, 70, 80);
  g_assert_null (scholia_reading_get_innermost_at (fixture->reading, 15));
  g_assert_true (scholia_reading_get_innermost_at (fixture->reading, 75) == a);
  g_assert_true (scholia_reading_get_next (fixture->reading, c) == a);
  g_assert_true (scholia_reading_get_next (fixture->reading, NULL) == b);

  /* An orphan leaves the index for the unplaced list, and comes back when placed. */
  g_assert_true (scholia_store_set_annotation_anchor (fixture->store, b, 0, 0, TRUE, &error));
  g_assert_no_error (error);
  g_assert_null (scholia_reading_get_innermost_at (fixture->reading, 35));
  g_assert_cmpuint (scholia_reading_get_n_placed (fixture->reading), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (unplaced), ==, 1);
  g_assert_true (g_list_model_get_item (unplaced, 0) == (gpointer) b);
  g_object_unref (b);
  g_assert_false (scholia_reading_get_placed_index (fixture->reading, b, NULL));
  /* From an orphan, next and previous go from the place it lost. */
  g_assert_true (scholia_reading_get_next (fixture->reading, NULL) == c);
  g_assert_true (scholia_reading_get_next (fixture->reading, b) == c);
  g_assert_null (scholia_reading_get_previous (fixture->reading, b));

  g_assert_true (scholia_store_set_annotation_anchor (fixture->store, b, 5, 8, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (unplaced), ==, 0);
  g_assert_true (scholia_reading_get_innermost_at (fixture->reading, 5) == b);
  g_assert_true (scholia_reading_get_next (fixture->reading, NULL) == b);
}

/* A revised text written behind Scholia's back, as an edition replaced on disk would be. */
static void
replace_text (Fixture    *fixture,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = scholia_document_get_id (fixture->document);

  g_clear_object (&fixture->reading);
  g_ptr_array_set_size (fixture->held, 0);
  g_clear_object (&fixture->store);
  test_sql_exec_with_text (fixture->path, "UPDATE documents SET text = ?", text);

  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->document = scholia_store_lookup_document (fixture->store, id);
  g_assert_nonnull (fixture->document);
  open_reading (fixture);
}

static int
offset_of (const char *text,
           const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return (int) g_utf8_pointer_to_offset (text, found);
}

static gint64
annotate_quote (Fixture    *fixture,
                const char *quote)
{
  int start = offset_of (fixture->text, quote);

  return scholia_annotation_get_id (annotate (fixture, start, start + g_utf8_strlen (quote, -1)));
}

static void
test_reanchor (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) revised = NULL;
  ScholiaReanchorSummary summary;
  ScholiaAnnotation *moved, *lost;
  const char *dues = "harbour dues rose three times";
  int old_start = offset_of (fixture->text, dues);
  int new_start;
  gint64 moved_id = annotate_quote (fixture, dues);
  gint64 lost_id = annotate_quote (fixture, "Żeleński alone counted the barges");

  /* A preface shifts everything; the closing sentence is gone. */
  revised = g_string_new ("A preface, written in 1960, opens the essay now. ");
  g_string_append (revised, fixture->text);
  g_string_replace (revised, CLOSING, "", 1);
  new_start = offset_of (revised->str, dues);
  replace_text (fixture, revised->str);

  moved = scholia_reading_lookup (fixture->reading, moved_id);
  lost = scholia_reading_lookup (fixture->reading, lost_id);
  g_assert_true (scholia_reading_get_innermost_at (fixture->reading, old_start) == moved);

  g_assert_true (scholia_reanchor_document (fixture->store, fixture->document,
                                            scholia_reading_get_text (fixture->reading),
                                            &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.moved, ==, 1);
  g_assert_cmpuint (summary.orphaned, ==, 1);

  /* Found where the text now has it, and nowhere else. */
  g_assert_null (scholia_reading_get_innermost_at (fixture->reading, old_start));
  g_assert_true (scholia_reading_get_innermost_at (fixture->reading, new_start) == moved);
  g_assert_true (scholia_reading_find_exact (fixture->reading, new_start,
                                             new_start + (int) g_utf8_strlen (dues, -1)) == moved);
  g_assert_true (scholia_reading_get_next (fixture->reading, NULL) == moved);
  g_assert_null (scholia_reading_get_next (fixture->reading, moved));
  g_assert_cmpuint (scholia_reading_get_n_placed (fixture->reading), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_reading_get_unplaced (fixture->reading)), ==, 1);
  g_assert_true (g_list_model_get_item (scholia_reading_get_unplaced (fixture->reading), 0) == (gpointer) lost);
  g_object_unref (lost);
}

static void
test_current (Fixture       *fixture,
              gconstpointer  data)
{
  ScholiaAnnotation *a = annotate (fixture, 10, 20);
  ScholiaAnnotation *b = annotate (fixture, 30, 40);
  g_autoptr(ScholiaAnnotation) got = NULL;

  g_assert_null (scholia_reading_get_current (fixture->reading));
  scholia_reading_set_current (fixture->reading, a);
  g_assert_cmpuint (fixture->current_notifies, ==, 1);
  scholia_reading_set_current (fixture->reading, a);
  g_assert_cmpuint (fixture->current_notifies, ==, 1);
  g_object_set (fixture->reading, "current", b, NULL);
  g_assert_cmpuint (fixture->current_notifies, ==, 2);
  g_object_get (fixture->reading, "current", &got, NULL);
  g_assert_true (got == b);
  scholia_reading_set_current (fixture->reading, NULL);
  scholia_reading_set_current (fixture->reading, NULL);
  g_assert_cmpuint (fixture->current_notifies, ==, 3);
  g_assert_null (scholia_reading_get_current (fixture->reading));
}

/* Against a plain scan of the live list, after many random changes. */
static void
test_matches_scan (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  GListModel *list = scholia_reading_get_annotations (fixture->reading);
  int length = g_utf8_strlen (scholia_reading_get_text (fixture->reading), -1);

  for (guint round = 0; round < 300; round++)
    {
      guint n = g_list_model_get_n_items (list);
      int start = g_rand_int_range (rand, 0, length - 2);
      int span = g_rand_int_range (rand, 2, 60);
      int end = MIN (start + span, length);
      int action = g_rand_int_range (rand, 0, 10);
      g_autoptr(GPtrArray) scan = g_ptr_array_new ();
      g_autoptr(GPtrArray) found = NULL;
      ScholiaAnnotation *previous = NULL;

      if (action < 6 || n == 0)
        {
          annotate (fixture, start, end);
        }
      else
        {
          g_autoptr(ScholiaAnnotation) victim = g_list_model_get_item (list, g_rand_int_range (rand, 0, n));

          if (action < 8)
            g_assert_true (scholia_store_delete_annotation (fixture->store, victim, &error));
          else
            g_assert_true (scholia_store_set_annotation_anchor (fixture->store, victim, start, end,
                                                                action == 9, &error));
          g_assert_no_error (error);
        }

      n = g_list_model_get_n_items (list);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ScholiaAnnotation) item = g_list_model_get_item (list, i);

          if (scholia_annotation_get_orphaned (item))
            continue;
          g_assert_true (scholia_reading_get_previous (fixture->reading, item) == previous);
          if (previous != NULL)
            g_assert_true (scholia_reading_get_next (fixture->reading, previous) == item);
          previous = item;
          if (scholia_annotation_get_start (item) < end && scholia_annotation_get_end (item) > start)
            g_ptr_array_add (scan, item);
        }
      g_assert_true (scholia_reading_get_previous (fixture->reading, NULL) == previous);

      found = scholia_reading_list_overlapping (fixture->reading, start, end);
      g_assert_cmpuint (found->len, ==, scan->len);
      for (guint i = 0; i < scan->len; i++)
        g_assert_true (g_ptr_array_index (found, i) == g_ptr_array_index (scan, i));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reading/at-offset", test_at_offset);
  ADD ("/reading/overlapping-range", test_overlapping_range);
  ADD ("/reading/next-previous", test_next_previous);
  ADD ("/reading/empty-document", test_empty_document);
  ADD ("/reading/insert-delete", test_insert_delete);
  ADD ("/reading/move-and-orphan", test_move_and_orphan);
  ADD ("/reading/reanchor", test_reanchor);
  ADD ("/reading/current", test_current);
  ADD ("/reading/matches-scan", test_matches_scan);
#undef ADD

  return g_test_run ();
}
