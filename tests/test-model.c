/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "scholia-annotation.h"
#include "scholia-document.h"
#include "scholia-tag.h"
#include "scholia-theme.h"
#include "scholia-types.h"

/* Records every "notify" an object emits, as property names separated by spaces, so a test can
 * say exactly which notifications a change caused and how many. */
static void
on_object_notify_cb (GObject    *object,
                     GParamSpec *pspec,
                     GString    *log)
{
  if (log->len > 0)
    g_string_append_c (log, ' ');
  g_string_append (log, g_param_spec_get_name (pspec));
}

static GString *
watch_notify (gpointer object)
{
  GString *log = g_string_new (NULL);

  g_signal_connect (object, "notify", G_CALLBACK (on_object_notify_cb), log);

  return log;
}

static void
unwatch_notify (gpointer  object,
                GString  *log)
{
  g_signal_handlers_disconnect_by_func (object, on_object_notify_cb, log);
  g_string_free (log, TRUE);
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* GObject does not promise an order for notifications released by g_object_thaw_notify(), so
 * setters that change several properties at once are checked on the sorted names. */
static char *
sorted_names (GString *log)
{
  g_auto(GStrv) names = g_strsplit (log->str, " ", -1);

  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  return g_strjoinv (" ", names);
}

static void
test_document_notify_once_on_change (void)
{
  ScholiaDocument *document = scholia_document_new (7, "doc-uuid");
  GString *log = watch_notify (document);

  scholia_document_set_title (document, "On the Grain Tax of 1921");
  g_assert_cmpstr (log->str, ==, "title");

  scholia_document_set_title (document, "On the Grain Tax of 1921");
  scholia_document_set_characters (document, 0);
  scholia_document_set_annotation_count (document, 0);
  g_assert_cmpstr (log->str, ==, "title");

  scholia_document_set_author (document, "Vera Maslenko");
  scholia_document_set_characters (document, 5120);
  scholia_document_set_annotation_count (document, 3);
  scholia_document_set_modified (document, 1700000000);
  scholia_document_set_modified (document, 1700000000);
  g_assert_cmpstr (log->str, ==, "title author characters annotation-count modified");

  /* Through GObject too: setting a property to the value it holds stays silent. */
  g_string_truncate (log, 0);
  g_object_set (document, "author", "Vera Maslenko", "characters", (gint64) 5120, NULL);
  g_assert_cmpstr (log->str, ==, "");
  g_object_set (document, "date", "1923", NULL);
  g_assert_cmpstr (log->str, ==, "date");
  g_assert_cmpstr (scholia_document_get_date (document), ==, "1923");

  unwatch_notify (document, log);
  g_assert_finalize_object (document);
}

static void
test_document_null_text_reads_empty (void)
{
  ScholiaDocument *document = scholia_document_new (1, NULL);
  GString *log;
  gint64 id = 0;
  g_autofree char *uuid = NULL;

  g_assert_cmpint (scholia_document_get_id (document), ==, 1);
  g_assert_cmpstr (scholia_document_get_uuid (document), ==, "");
  g_assert_cmpstr (scholia_document_get_title (document), ==, "");
  g_assert_cmpstr (scholia_document_get_author (document), ==, "");
  g_assert_cmpstr (scholia_document_get_date (document), ==, "");
  g_assert_cmpstr (scholia_document_get_source (document), ==, "");
  g_assert_cmpstr (scholia_document_get_checksum (document), ==, "");

  g_object_get (document, "id", &id, "uuid", &uuid, NULL);
  g_assert_cmpint (id, ==, 1);
  g_assert_cmpstr (uuid, ==, "");

  /* NULL and "" are one state: clearing an empty field is not a change. */
  log = watch_notify (document);
  scholia_document_set_source (document, NULL);
  g_assert_cmpstr (log->str, ==, "");

  scholia_document_set_source (document, "essays/grain-tax.md");
  scholia_document_set_source (document, NULL);
  g_assert_cmpstr (scholia_document_get_source (document), ==, "");
  g_assert_cmpstr (log->str, ==, "source source");

  unwatch_notify (document, log);
  g_assert_finalize_object (document);
}

/* Tags and themes are one type: the same body runs over both. */
static void
test_label_notify_once_on_change (gconstpointer data)
{
  GType label_type = GPOINTER_TO_SIZE (data);
  ScholiaLabel *label = scholia_label_new (label_type, 3, NULL);
  GString *log = watch_notify (label);

  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (label, label_type));
  g_assert_cmpint (scholia_label_get_id (label), ==, 3);
  g_assert_cmpstr (scholia_label_get_name (label), ==, "");
  g_assert_cmpstr (scholia_label_get_colour (label), ==, "");
  g_assert_cmpstr (scholia_label_get_description (label), ==, "");
  g_assert_false (scholia_label_get_builtin (label));

  scholia_label_set_name (label, "Rural credit");
  scholia_label_set_name (label, "Rural credit");
  scholia_label_set_position (label, 0);
  scholia_label_set_builtin (label, FALSE);
  /* The name shown (the name itself, but for the built-in tags') says so first. */
  g_assert_cmpstr (log->str, ==, "display-name name");

  scholia_label_set_colour (label, "#f6d32d");
  scholia_label_set_colour (label, "#f6d32d");
  scholia_label_set_description (label, "Loans to smallholders after the famine");
  scholia_label_set_description (label, "Loans to smallholders after the famine");
  scholia_label_set_position (label, 2);
  scholia_label_set_position (label, 2);
  scholia_label_set_builtin (label, TRUE);
  scholia_label_set_builtin (label, 7);
  scholia_label_set_colour (label, NULL);
  scholia_label_set_colour (label, "");
  g_assert_cmpstr (log->str, ==, "display-name name colour description position builtin colour");
  g_assert_cmpstr (scholia_label_get_colour (label), ==, "");
  g_assert_cmpstr (scholia_label_get_description (label), ==, "Loans to smallholders after the famine");
  g_assert_cmpint (scholia_label_get_position (label), ==, 2);
  g_assert_true (scholia_label_get_builtin (label));

  scholia_label_set_name (label, NULL);
  g_assert_cmpstr (scholia_label_get_name (label), ==, "");
  g_assert_cmpstr (log->str, ==, "display-name name colour description position builtin colour display-name name");

  unwatch_notify (label, log);
  g_assert_finalize_object (label);
}

static void
test_annotation_range_notifies_what_changed (void)
{
  ScholiaAnnotation *annotation = scholia_annotation_new (10, "ann-uuid", 7);
  GString *log = watch_notify (annotation);
  g_autofree char *names = NULL;

  g_assert_cmpint (scholia_annotation_get_document_id (annotation), ==, 7);
  g_assert_cmpstr (scholia_annotation_get_uuid (annotation), ==, "ann-uuid");

  scholia_annotation_set_range (annotation, 0, 40);
  g_assert_cmpstr (log->str, ==, "end");

  g_string_truncate (log, 0);
  scholia_annotation_set_range (annotation, 12, 40);
  g_assert_cmpstr (log->str, ==, "start");

  g_string_truncate (log, 0);
  scholia_annotation_set_range (annotation, 12, 40);
  g_assert_cmpstr (log->str, ==, "");

  scholia_annotation_set_range (annotation, 20, 64);
  names = sorted_names (log);
  g_assert_cmpstr (names, ==, "end start");
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, 20);
  g_assert_cmpint (scholia_annotation_get_end (annotation), ==, 64);

  unwatch_notify (annotation, log);
  g_assert_finalize_object (annotation);
}

static void
test_annotation_range_refuses_reversed (void)
{
  ScholiaAnnotation *annotation = scholia_annotation_new (15, "ann-uuid", 7);

  scholia_annotation_set_range (annotation, 4, 8);

  g_test_expect_message ("Scholia", G_LOG_LEVEL_CRITICAL, "*end >= start*");
  scholia_annotation_set_range (annotation, 8, 4);
  g_test_assert_expected_messages ();

  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, 4);
  g_assert_cmpint (scholia_annotation_get_end (annotation), ==, 8);

  g_assert_finalize_object (annotation);
}

static void
test_annotation_context_notifies_what_changed (void)
{
  ScholiaAnnotation *annotation = scholia_annotation_new (11, "ann-uuid", 7);
  GString *log = watch_notify (annotation);
  g_autofree char *names = NULL;

  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "");
  g_assert_cmpstr (scholia_annotation_get_prefix (annotation), ==, "");
  g_assert_cmpstr (scholia_annotation_get_suffix (annotation), ==, "");
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "");

  scholia_annotation_set_context (annotation, "the tax in kind", NULL, " replaced requisition");
  names = sorted_names (log);
  g_assert_cmpstr (names, ==, "quote suffix");

  g_string_truncate (log, 0);
  scholia_annotation_set_context (annotation, "the tax in kind", "In spring ", " replaced requisition");
  g_assert_cmpstr (log->str, ==, "prefix");
  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "the tax in kind");
  g_assert_cmpstr (scholia_annotation_get_prefix (annotation), ==, "In spring ");
  g_assert_cmpstr (scholia_annotation_get_suffix (annotation), ==, " replaced requisition");

  g_string_truncate (log, 0);
  scholia_annotation_set_note (annotation, "Compare with Maslenko, ch. 2");
  scholia_annotation_set_note (annotation, "Compare with Maslenko, ch. 2");
  scholia_annotation_set_orphaned (annotation, TRUE);
  scholia_annotation_set_orphaned (annotation, TRUE);
  scholia_annotation_set_created (annotation, 1700000000);
  scholia_annotation_set_created (annotation, 1700000000);
  g_assert_cmpstr (log->str, ==, "note orphaned created");

  scholia_annotation_set_note (annotation, NULL);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "");

  unwatch_notify (annotation, log);
  g_assert_finalize_object (annotation);
}

static void
test_annotation_tag_ids_round_trip (void)
{
  ScholiaAnnotation *annotation = scholia_annotation_new (12, "ann-uuid", 7);
  const gint64 ids[] = { 5, 2, 9 };
  const gint64 reordered[] = { 2, 5, 9 };
  const gint64 *got;
  guint n_got = G_MAXUINT;
  g_autoptr(GArray) copy = NULL;
  GString *log;

  got = scholia_annotation_get_tag_ids (annotation, &n_got);
  g_assert_cmpuint (n_got, ==, 0);
  g_assert_null (got);
  g_assert_false (scholia_annotation_has_tag (annotation, 5));

  log = watch_notify (annotation);
  scholia_annotation_set_tag_ids (annotation, ids, G_N_ELEMENTS (ids));
  g_assert_cmpstr (log->str, ==, "tag-ids");

  /* The order they were added in is kept. */
  got = scholia_annotation_get_tag_ids (annotation, &n_got);
  g_assert_cmpmem (got, n_got * sizeof (gint64), ids, sizeof ids);
  g_assert_true (scholia_annotation_has_tag (annotation, 2));
  g_assert_true (scholia_annotation_has_tag (annotation, 9));
  g_assert_false (scholia_annotation_has_tag (annotation, 3));
  g_assert_false (scholia_annotation_has_theme (annotation, 2));

  g_object_get (annotation, "tag-ids", &copy, NULL);
  g_assert_cmpmem (copy->data, copy->len * sizeof (gint64), ids, sizeof ids);

  /* The property hands out a copy: later changes do not reach it. */
  scholia_annotation_set_tag_ids (annotation, ids, G_N_ELEMENTS (ids));
  g_assert_cmpstr (log->str, ==, "tag-ids");
  scholia_annotation_set_tag_ids (annotation, reordered, G_N_ELEMENTS (reordered));
  g_assert_cmpstr (log->str, ==, "tag-ids tag-ids");
  g_assert_cmpmem (copy->data, copy->len * sizeof (gint64), ids, sizeof ids);

  scholia_annotation_set_tag_ids (annotation, NULL, 0);
  g_assert_cmpstr (log->str, ==, "tag-ids tag-ids tag-ids");
  scholia_annotation_get_tag_ids (annotation, &n_got);
  g_assert_cmpuint (n_got, ==, 0);
  g_assert_false (scholia_annotation_has_tag (annotation, 2));

  scholia_annotation_set_tag_ids (annotation, NULL, 0);
  g_assert_cmpstr (log->str, ==, "tag-ids tag-ids tag-ids");

  unwatch_notify (annotation, log);
  g_assert_finalize_object (annotation);
}

static void
test_annotation_theme_ids_round_trip (void)
{
  ScholiaAnnotation *annotation = scholia_annotation_new (13, "ann-uuid", 7);
  const gint64 ids[] = { 1, 4 };
  const gint64 *got;
  guint n_got = 0;
  g_autoptr(GArray) copy = NULL;
  GString *log = watch_notify (annotation);

  scholia_annotation_set_theme_ids (annotation, ids, G_N_ELEMENTS (ids));
  scholia_annotation_set_theme_ids (annotation, ids, G_N_ELEMENTS (ids));
  g_assert_cmpstr (log->str, ==, "theme-ids");

  got = scholia_annotation_get_theme_ids (annotation, &n_got);
  g_assert_cmpmem (got, n_got * sizeof (gint64), ids, sizeof ids);
  g_assert_true (scholia_annotation_has_theme (annotation, 4));
  g_assert_false (scholia_annotation_has_theme (annotation, 2));
  g_assert_false (scholia_annotation_has_tag (annotation, 4));

  g_object_get (annotation, "theme-ids", &copy, NULL);
  g_assert_cmpmem (copy->data, copy->len * sizeof (gint64), ids, sizeof ids);

  unwatch_notify (annotation, log);
  g_assert_finalize_object (annotation);
}

static void
test_annotation_finalizes (void)
{
  ScholiaAnnotation *annotation = scholia_annotation_new (14, "ann-uuid", 7);
  const gint64 ids[] = { 1, 2, 3 };
  GArray *copy = NULL;

  scholia_annotation_set_range (annotation, 3, 9);
  scholia_annotation_set_context (annotation, "quote", "before ", " after");
  scholia_annotation_set_note (annotation, "A note");
  scholia_annotation_set_tag_ids (annotation, ids, G_N_ELEMENTS (ids));
  scholia_annotation_set_theme_ids (annotation, ids, 2);

  /* A value read from a property holds no reference to the annotation. */
  g_object_get (annotation, "tag-ids", &copy, NULL);
  g_assert_finalize_object (annotation);

  g_assert_cmpuint (copy->len, ==, 3);
  g_array_unref (copy);
}

static void
test_page_ranges_own_labels (void)
{
  g_autoptr(GArray) ranges = scholia_page_ranges_new ();
  ScholiaPageRange range = { 0, 1200, NULL };

  range.label = g_strdup ("iv");
  g_array_append_val (ranges, range);
  range = (ScholiaPageRange) { 1200, 2500, g_strdup ("1") };
  g_array_append_val (ranges, range);

  g_assert_cmpuint (ranges->len, ==, 2);
  g_assert_cmpstr (g_array_index (ranges, ScholiaPageRange, 1).label, ==, "1");

  /* Removing a range frees its label through the clear function. */
  g_array_remove_index (ranges, 0);
  g_assert_cmpuint (ranges->len, ==, 1);
  g_assert_cmpint (g_array_index (ranges, ScholiaPageRange, 0).start, ==, 1200);

  scholia_page_range_clear (&g_array_index (ranges, ScholiaPageRange, 0));
  g_assert_null (g_array_index (ranges, ScholiaPageRange, 0).label);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/document/notifies-once-on-change", test_document_notify_once_on_change);
  g_test_add_func ("/model/document/null-text-reads-empty", test_document_null_text_reads_empty);
  g_test_add_data_func ("/model/tag/notifies-once-on-change", GSIZE_TO_POINTER (SCHOLIA_TYPE_TAG),
                        test_label_notify_once_on_change);
  g_test_add_data_func ("/model/theme/notifies-once-on-change", GSIZE_TO_POINTER (SCHOLIA_TYPE_THEME),
                        test_label_notify_once_on_change);
  g_test_add_func ("/model/annotation/range/notifies-what-changed",
                   test_annotation_range_notifies_what_changed);
  g_test_add_func ("/model/annotation/range/refuses-reversed", test_annotation_range_refuses_reversed);
  g_test_add_func ("/model/annotation/context/notifies-what-changed",
                   test_annotation_context_notifies_what_changed);
  g_test_add_func ("/model/annotation/tag-ids/round-trip", test_annotation_tag_ids_round_trip);
  g_test_add_func ("/model/annotation/theme-ids/round-trip", test_annotation_theme_ids_round_trip);
  g_test_add_func ("/model/annotation/finalizes", test_annotation_finalizes);
  g_test_add_func ("/model/page-ranges/own-labels", test_page_ranges_own_labels);

  return g_test_run ();
}
