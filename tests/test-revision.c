/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-error.h"
#include "scholia-revision.h"
#include "test-files.h"

static const char first_edition[] =
  "Varnholm’s harbour dues rose three times after 1843.\n\n"
  "The Twelve Houses blamed the railway for every lost barge. The railway blamed the river.\n\n"
  "Żeleński alone countd the bargs, and his count is damning.\n";

/* The second edition: a new opening paragraph, the typos fixed, one sentence gone. */
static const char second_edition[] =
  "A preface to the second edition — written in Gdańsk in 1960 — opens the essay.\n\n"
  "Varnholm’s harbour dues rose three times after 1843.\n\n"
  "The railway blamed the river.\n\n"
  "Żeleński alone counted the barges, and his count is damning.\n";

typedef struct
{
  char            *dir;
  ScholiaStore    *store;
  ScholiaDocument *document;
} Fixture;

static void
annotate (Fixture    *fixture,
          const char *quote,
          const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  int start = g_utf8_pointer_to_offset (first_edition, strstr (first_edition, quote));

  annotation = scholia_store_add_annotation (fixture->store, fixture->document, start,
                                             start + g_utf8_strlen (quote, -1), NULL, 0, NULL, 0, note, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-revision-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  fixture->document = scholia_store_add_document (fixture->store, "Dues", "Helena Marwick", "1956",
                                                  "Varnholm Review 3", first_edition, NULL, &error);
  g_assert_no_error (error);
  annotate (fixture, "harbour dues rose three times", "The thesis.");
  annotate (fixture, "The Twelve Houses blamed the railway for every lost barge.", "Their excuse.");
  annotate (fixture, "Żeleński alone countd the bargs", NULL);
  annotate (fixture, "his count is damning", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = test_write_file (fixture->dir, name, contents);

  return g_file_new_for_path (path);
}

/* Each placed annotation's offsets must cut its quote out of the text the library now holds. */
static guint
assert_quotes_hold (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = scholia_store_load_text (fixture->store, fixture->document, &error);
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (fixture->store, fixture->document, &error);
  guint placed = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);
      g_autofree char *cut = NULL;

      g_assert_cmpint (scholia_annotation_get_end (annotation), <=, scholia_document_get_characters (fixture->document));
      if (scholia_annotation_get_orphaned (annotation))
        continue;
      cut = g_utf8_substring (text, scholia_annotation_get_start (annotation), scholia_annotation_get_end (annotation));
      g_assert_cmpstr (cut, ==, scholia_annotation_get_quote (annotation));
      placed++;
    }
  return placed;
}

static ScholiaAnnotation *
find (Fixture    *fixture,
      const char *note)
{
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (fixture->store, fixture->document, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      if (g_str_equal (scholia_annotation_get_note (annotation), note))
        return g_steal_pointer (&annotation);
    }
  g_assert_not_reached ();
}

static void
test_revised_edition_moves_annotations (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = write_file (fixture, "dues-2nd.txt", second_edition);
  g_autoptr(ScholiaRevision) revision = NULL;
  g_autoptr(ScholiaAnnotation) excuse = NULL;
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (fixture->store, fixture->document, NULL);
  g_autofree char *text = NULL;
  g_autofree char *old_checksum = g_strdup (scholia_document_get_checksum (fixture->document));
  ScholiaReanchorSummary summary;

  revision = scholia_revision_replace_text (fixture->store, fixture->document, file, &summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (revision);
  g_assert_true (scholia_revision_get_document (revision) == fixture->document);

  g_assert_cmpuint (summary.unchanged + summary.moved, ==, 2);
  g_assert_cmpuint (summary.fuzzy, ==, 1);
  g_assert_cmpuint (summary.orphaned, ==, 1);

  /* The text is the new edition's; the metadata the user gave stays. */
  text = scholia_store_load_text (fixture->store, fixture->document, &error);
  g_assert_nonnull (strstr (text, "A preface to the second edition"));
  g_assert_cmpint (scholia_document_get_characters (fixture->document), ==, g_utf8_strlen (text, -1));
  g_assert_cmpstr (scholia_document_get_checksum (fixture->document), !=, old_checksum);
  g_assert_cmpstr (scholia_document_get_title (fixture->document), ==, "Dues");
  g_assert_cmpstr (scholia_document_get_author (fixture->document), ==, "Helena Marwick");
  g_assert_cmpstr (scholia_document_get_source (fixture->document), ==, "Varnholm Review 3");

  /* Placed annotations hold the new text's words: the typo fix is in the quote now. */
  g_assert_cmpuint (assert_quotes_hold (fixture), ==, 3);
  excuse = find (fixture, "Their excuse.");
  g_assert_true (scholia_annotation_get_orphaned (excuse));
  g_assert_cmpstr (scholia_annotation_get_quote (excuse), ==, "The Twelve Houses blamed the railway for every lost barge.");
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      g_assert_null (strstr (scholia_annotation_get_quote (annotation), "countd"));
    }

  /* The list a view holds stays in text order. */
  for (guint i = 1; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) previous = g_list_model_get_item (annotations, i - 1);
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      g_assert_cmpint (scholia_annotation_get_start (previous), <=, scholia_annotation_get_start (annotation));
    }
}

static void
test_restore_puts_everything_back (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaRevision) revision = NULL;
  g_autoptr(ScholiaAnnotation) excuse = NULL;
  g_autoptr(ScholiaAnnotation) later = NULL;
  g_autofree char *text = NULL;
  g_autofree char *old_checksum = g_strdup (scholia_document_get_checksum (fixture->document));
  ScholiaReanchorSummary summary;
  int start;

  revision = scholia_revision_apply (fixture->store, fixture->document, second_edition, NULL, &summary, &error);
  g_assert_no_error (error);

  /* An annotation made on the second edition, before the user changes their mind. */
  start = g_utf8_pointer_to_offset (second_edition, strstr (second_edition, "The railway blamed the river."));
  later = scholia_store_add_annotation (fixture->store, fixture->document, start, start + 29,
                                        NULL, 0, NULL, 0, "Made later.", &error);
  g_assert_no_error (error);

  g_assert_true (scholia_revision_restore_text (fixture->store, revision, &error));
  g_assert_no_error (error);

  text = scholia_store_load_text (fixture->store, fixture->document, &error);
  g_assert_cmpstr (text, ==, first_edition);
  g_assert_cmpstr (scholia_document_get_checksum (fixture->document), ==, old_checksum);
  g_assert_cmpuint (assert_quotes_hold (fixture), ==, 5);
  excuse = find (fixture, "Their excuse.");
  g_assert_false (scholia_annotation_get_orphaned (excuse));
  g_assert_cmpstr (scholia_annotation_get_quote (later), ==, "The railway blamed the river.");
}

static void
test_failure_changes_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_path = g_build_filename (fixture->dir, "no-such-edition.txt", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) empty = write_file (fixture, "empty.txt", "");
  g_autoptr(ScholiaRevision) revision = NULL;
  g_autofree char *text = NULL;
  ScholiaReanchorSummary summary;

  revision = scholia_revision_replace_text (fixture->store, fixture->document, missing, &summary, NULL, &error);
  g_assert_null (revision);
  g_assert_nonnull (error);
  g_clear_error (&error);

  revision = scholia_revision_replace_text (fixture->store, fixture->document, empty, &summary, NULL, &error);
  g_assert_null (revision);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "empty.txt"));
  g_clear_error (&error);

  text = scholia_store_load_text (fixture->store, fixture->document, &error);
  g_assert_cmpstr (text, ==, first_edition);
  g_assert_cmpuint (assert_quotes_hold (fixture), ==, 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/revision/second-edition/moves-annotations", test_revised_edition_moves_annotations);
  ADD ("/revision/undo/restores-text-and-places", test_restore_puts_everything_back);
  ADD ("/revision/failure/changes-nothing", test_failure_changes_nothing);
#undef ADD

  return g_test_run ();
}
