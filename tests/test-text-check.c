/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "scholia-anchor.h"
#include "scholia-error.h"
#include "scholia-store.h"
#include "scholia-text-check.h"
#include "test-files.h"

static const char essay[] =
  "Le café au lait du port était amer. Un autre café, plus loin, ne l’était pas.\n";

typedef struct
{
  char            *dir;
  char            *path;
  ScholiaStore    *store;
  ScholiaDocument *document;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-text-check-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->document = scholia_store_add_document (fixture->store, "Le port", "Helena Marwick", "1956",
                                                  NULL, essay, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return TRUE;
    }
  return FALSE;
}

/* What the user would find opening the file with any SQLite tool: every text value of every
 * table is valid UTF-8, and names and metadata hold no control character. */
static void
assert_library_holds_clean_text (Fixture *fixture)
{
  static const char * const queries[] = {
    "SELECT name FROM tags", "SELECT description FROM tags",
    "SELECT name FROM themes", "SELECT description FROM themes",
    "SELECT name FROM authors",
    "SELECT title FROM documents", "SELECT coalesce(date, '') FROM documents",
    "SELECT coalesce(source, '') FROM documents",
    "SELECT note FROM annotations", "SELECT quote FROM annotations",
  };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[i], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, 0);

          if (value == NULL)
            continue;
          g_assert_true (g_utf8_validate (value, sqlite3_column_bytes (stmt, 0), NULL));
          /* Notes and descriptions may hold line breaks and tabs, nothing else. */
          if (strstr (queries[i], "note") != NULL || strstr (queries[i], "description") != NULL)
            {
              g_autofree char *flat = g_strdup (value);

              g_strdelimit (flat, "\t\n\r", ' ');
              g_assert_false (has_control (flat));
            }
          else if (strstr (queries[i], "quote") == NULL)
            g_assert_false (has_control (value));
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
}

static void
test_name_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *padded = scholia_text_check_name ("  harbour dues\u00a0\n", &error);
  g_autofree char *decomposed = scholia_text_check_name ("cafe\xcc\x81", &error);
  g_autofree char *longest = g_strnfill (SCHOLIA_TEXT_NAME_MAX_LENGTH, 'a');
  g_autofree char *too_long = g_strnfill (SCHOLIA_TEXT_NAME_MAX_LENGTH + 1, 'a');
  g_autofree char *kept = scholia_text_check_name (longest, &error);
  const char *refused[] = { "esc\x1b[31m", "two\nlines", "tab\tbed", "del\x7f", "c1\xc2\x9b", "bad\xff", too_long };

  g_assert_no_error (error);
  g_assert_cmpstr (padded, ==, "harbour dues");
  g_assert_cmpstr (decomposed, ==, "café");
  g_assert_cmpstr (kept, ==, longest);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *name = scholia_text_check_name (refused[i], &error);

      g_assert_null (name);
      g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
      /* The message can be shown anywhere: valid UTF-8 without the control characters. */
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_false (has_control (error->message));
      g_clear_error (&error);
    }
}

static void
test_note_and_field_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = scholia_text_check_note ("first\x07 line\n\tsecond\x1b[0m\r\nthird\xc2\x85", &error);
  g_autofree char *field = scholia_text_check_field (" The\tPort\nof Varnholm\x1b ", &error);
  g_autofree char *bad_note = NULL;
  g_autofree char *bad_field = NULL;
  g_autofree char *shown = scholia_text_printable ("a\x1b\xff\nb");

  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, "first line\n\tsecond[0m\r\nthird");
  g_assert_cmpstr (field, ==, "The Port of Varnholm");
  g_assert_null (scholia_text_check_note (NULL, &error));
  g_assert_no_error (error);

  bad_note = scholia_text_check_note ("caf\xe9", &error);
  g_assert_null (bad_note);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  bad_field = scholia_text_check_field ("\xc3", &error);
  g_assert_null (bad_field);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);

  g_assert_cmpstr (shown, ==, "a\uFFFD\uFFFD\uFFFDb");
  g_assert_null (scholia_text_fold ("Caf\xff"));
}

static void
test_store_labels (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *too_long = g_strnfill (10000, 'x');
  const char *refused[] = { "esc\x1b[31mred", "two\nlines", "bad\xff", "\xc3", too_long, "   " };

  const GType label_types[] = { SCHOLIA_TYPE_TAG, SCHOLIA_TYPE_THEME };

  for (guint k = 0; k < G_N_ELEMENTS (label_types); k++)
    {
      GListModel *labels = scholia_store_get_labels (fixture->store, label_types[k]);
      guint before = g_list_model_get_n_items (labels);
      g_autoptr(GError) error = NULL;
      ScholiaLabel *label;

      /* Creating: refused names add nothing. */
      for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
        {
          g_assert_null (scholia_store_add_label (fixture->store, label_types[k], refused[i], NULL, NULL, &error));
          g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
          g_clear_error (&error);
        }
      g_assert_cmpuint (g_list_model_get_n_items (labels), ==, before);

      label = scholia_store_add_label (fixture->store, label_types[k], " Harbour\u00a0", NULL,
                                       "What \x01the\x7f port\n\tdid", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (scholia_label_get_name (label), ==, "Harbour");
      g_assert_cmpstr (scholia_label_get_description (label), ==, "What the port\n\tdid");

      /* Renaming and describing: refused text leaves the label as it was. */
      for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
        {
          g_assert_false (scholia_store_update_label (fixture->store, label, refused[i], NULL, NULL, &error));
          g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
          g_clear_error (&error);
        }
      g_assert_false (scholia_store_update_label (fixture->store, label, NULL, NULL, "bad\xff", &error));
      g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_cmpstr (scholia_label_get_name (label), ==, "Harbour");

      g_assert_true (scholia_store_update_label (fixture->store, label, "Harbour\t", NULL, "\x1b[2J", &error));
      g_assert_no_error (error);
      g_assert_cmpstr (scholia_label_get_description (label), ==, "[2J");

      /* Looking up by bytes that are not text finds nothing, and says so in text; a decomposed
       * name finds the composed one. */
      g_assert_null (scholia_store_find_label (fixture->store, label_types[k], "Harb\xffour", &error));
      g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
      g_assert_nonnull (scholia_store_add_label (fixture->store, label_types[k], "café", NULL, NULL, &error));
      g_assert_nonnull (scholia_store_find_label (fixture->store, label_types[k], "CAFE\xcc\x81", &error));
      g_assert_no_error (error);
    }

  assert_library_holds_clean_text (fixture);
}

static void
test_store_document_metadata (Fixture       *fixture,
                              gconstpointer  data)
{
  GListModel *documents = scholia_store_get_documents (fixture->store);
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document;

  g_assert_null (scholia_store_add_document (fixture->store, "Bad \xff title", NULL, NULL, NULL, essay, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (scholia_store_add_document (fixture->store, "Title", "Auth\xc3", NULL, NULL, essay, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);

  document = scholia_store_add_document (fixture->store, "Two\nLines\x1b[1m", "Ansel\tKorvik\x07", "c.\x01 1925",
                                         "Archive\x7f", essay, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_title (document), ==, "Two Lines[1m");
  g_assert_cmpstr (scholia_document_get_author (document), ==, "Ansel Korvik");
  g_assert_cmpstr (scholia_document_get_date (document), ==, "c. 1925");
  g_assert_cmpstr (scholia_document_get_source (document), ==, "Archive");

  /* Editing (the CLI's edit, the GUI's properties): refused, then repaired. */
  g_assert_false (scholia_store_update_document (fixture->store, document, NULL, NULL, "19\xff", NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (scholia_document_get_date (document), ==, "c. 1925");
  g_assert_true (scholia_store_update_document (fixture->store, document, "New\x1btitle", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_title (document), ==, "Newtitle");

  g_assert_false (scholia_store_rename_author (fixture->store, "Ansel Korvik", "Ans\xff" "el", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (scholia_store_rename_author (fixture->store, "Ansel Korvik", "Ansel\x1b K.\n", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_author (document), ==, "Ansel K.");

  g_assert_null (scholia_store_find_document (fixture->store, "Le\xff", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_NOT_FOUND);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  assert_library_holds_clean_text (fixture);
}

static void
test_store_notes (Fixture       *fixture,
                  gconstpointer  data)
{
  ScholiaLabel *evidence = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "evidence", NULL);
  gint64 tag_id = scholia_label_get_id (evidence);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = NULL;
  ScholiaAnnotationRecord record = { 0 };
  ScholiaAnnotation *annotation;

  g_assert_null (scholia_store_add_annotation (fixture->store, fixture->document, 3, 7, &tag_id, 1, NULL, 0,
                                               "bad \xff note", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->document), ==, 0);

  annotation = scholia_store_add_annotation (fixture->store, fixture->document, 3, 7, &tag_id, 1, NULL, 0,
                                             "line one\x1b[31m\n\tline two", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "line one[31m\n\tline two");

  g_assert_false (scholia_store_set_annotation_note (fixture->store, annotation, "\xed\xa0\x80", &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "line one[31m\n\tline two");
  g_assert_true (scholia_store_set_annotation_note (fixture->store, annotation, "beep\x07!", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "beep!");

  /* Annotations made elsewhere (W3C import) go through the same check. */
  record.document = fixture->document;
  record.start = 3;
  record.end = 7;
  record.quote = "café";
  record.note = "lone \xed\xa0\x80 surrogate";
  g_assert_false (scholia_store_add_annotations_full (fixture->store, &record, 1, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_clear_error (&error);
  record.note = "imported\x1b note";
  g_assert_true (scholia_store_add_annotations_full (fixture->store, &record, 1, &error));
  g_assert_no_error (error);

  annotations = scholia_store_list_annotations (fixture->store, fixture->document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 2);
  assert_library_holds_clean_text (fixture);
}

/* Text pasted from macOS is often decomposed (NFD); documents are NFC. */
static void
test_decomposed_quote_spans_its_characters (Fixture       *fixture,
                                            gconstpointer  data)
{
  const char *decomposed = "cafe\xcc\x81 au";
  g_autoptr(ScholiaAnchorText) text = scholia_anchor_text_new (essay, -1);
  g_autoptr(GArray) starts = scholia_anchor_find_all (text, decomposed);
  ScholiaLabel *evidence = scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "evidence", NULL);
  gint64 tag_id = scholia_label_get_id (evidence);
  g_autoptr(GError) error = NULL;
  ScholiaAnnotation *annotation;
  int start;
  int end;

  g_assert_cmpint (scholia_anchor_quote_length (decomposed), ==, 7);
  g_assert_cmpint (scholia_anchor_quote_length ("café au"), ==, 7);
  g_assert_cmpint (scholia_anchor_quote_length ("caf\xff"), ==, -1);
  g_assert_cmpuint (starts->len, ==, 1);

  start = g_array_index (starts, int, 0);
  end = start + scholia_anchor_quote_length (decomposed);
  annotation = scholia_store_add_annotation (fixture->store, fixture->document, start, end, &tag_id, 1,
                                             NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scholia_annotation_get_start (annotation), ==, 3);
  g_assert_cmpint (scholia_annotation_get_end (annotation), ==, 10);
  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "café au");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-check/name/trimmed-controls-and-length-refused", test_name_rules);
  g_test_add_func ("/text-check/note-and-field/controls-dropped-utf8-required", test_note_and_field_rules);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/text-check/store/tag-and-theme-names-and-descriptions", test_store_labels);
  ADD ("/text-check/store/document-metadata-and-authors", test_store_document_metadata);
  ADD ("/text-check/store/notes", test_store_notes);
  ADD ("/text-check/anchor/decomposed-quote-spans-its-characters", test_decomposed_quote_spans_its_characters);
#undef ADD

  return g_test_run ();
}
