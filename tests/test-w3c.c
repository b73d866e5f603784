/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "repro.h"
#include "scholia-error.h"
#include "scholia-w3c.h"
#include "scholia-stem-tokenizer.h"
#include "test-files.h"

static const char essay[] =
  "Varnholm’s harbour dues rose three times after 1843.\n\n"
  "The Twelve Houses blamed the railway; the railway blamed the river.\n\n"
  "Żeleński alone counted the barges, and his count is damning: “forty a day, and none paid”.\n";

static const char letters[] =
  "Dear Aurelia, the mills at Łódź are quiet this winter.\n\n"
  "Nobody speaks of the strike, though everyone remembers it.\n";

/* The passage the annotation of ../shared/repro/w3c-*.json quotes, "Lenin" at 113–118. */
static const char revolution[] =
  "The October Revolution was a revolution in Russia. Its armed rise in the autumn o"
  "f 1917, spearheaded by Vladimir Lenin and the Bolshevik Party, aimed at the Provisional Government.\n";

typedef struct
{
  char            *dir;
  ScholiaStore    *store;
  ScholiaDocument *essay;     /* source: a web address */
  ScholiaDocument *letters;   /* no source */
} Fixture;

static ScholiaStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  ScholiaStore *store = scholia_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static ScholiaAnnotation *
annotate (ScholiaStore    *store,
          ScholiaDocument *document,
          const char      *text,
          const char      *quote,
          const char      *tag,
          const char      *theme,
          const char      *note)
{
  g_autoptr(GError) error = NULL;
  int start = g_utf8_pointer_to_offset (text, strstr (text, quote));
  gint64 tag_id = 0, theme_id = 0;
  ScholiaAnnotation *annotation;

  if (tag != NULL)
    tag_id = scholia_label_get_id (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, tag, NULL));
  if (theme != NULL)
    {
      ScholiaLabel *found = scholia_store_find_label (store, SCHOLIA_TYPE_THEME, theme, NULL);

      if (found == NULL)
        found = scholia_store_add_label (store, SCHOLIA_TYPE_THEME, theme, NULL, NULL, &error);
      g_assert_no_error (error);
      theme_id = scholia_label_get_id (found);
    }

  annotation = scholia_store_add_annotation (store, document, start, start + g_utf8_strlen (quote, -1),
                                             &tag_id, tag != NULL, &theme_id, theme != NULL, note, &error);
  g_assert_no_error (error);
  return annotation;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmp_dir_new ("scholia-w3c-XXXXXX");
  fixture->store = open_store (fixture->dir, "a.sqlite3");
  fixture->essay = scholia_store_add_document (fixture->store, "Dues", "Helena Marwick", "1956",
                                               "https://example.org/essays/dues", essay, NULL, &error);
  g_assert_no_error (error);
  fixture->letters = scholia_store_add_document (fixture->store, "Letters", "Aurelia Voss", "1931",
                                                 NULL, letters, NULL, &error);
  g_assert_no_error (error);

  g_object_unref (annotate (fixture->store, fixture->essay, essay, "harbour dues rose three times",
                            "thesis", "Trade", "The claim the essay rests on."));
  g_object_unref (annotate (fixture->store, fixture->essay, essay, "the railway blamed the river",
                            "counter-argument", NULL, NULL));
  g_object_unref (annotate (fixture->store, fixture->essay, essay, "“forty a day, and none paid”",
                            "evidence", "Trade", "Count, “quoted”, with commas,\nand a second line."));
  g_object_unref (annotate (fixture->store, fixture->letters, letters, "the mills at Łódź are quiet",
                            NULL, "Labour", NULL));
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

static guint
count_annotations (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  ScholiaCounts counts;

  g_assert_true (scholia_store_get_counts (store, &counts, &error));
  g_assert_no_error (error);
  return counts.annotations;
}

static ScholiaAnnotation *
only_annotation (ScholiaStore    *store,
                 ScholiaDocument *document,
                 guint            index)
{
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (store, document, NULL);

  return g_list_model_get_item (annotations, index);
}

static JsonObject *
item (JsonNode *root,
      guint     index)
{
  JsonObject *page = json_object_get_object_member (json_node_get_object (root), "first");

  return json_array_get_object_element (json_object_get_array_member (page, "items"), index);
}

static void
test_export_is_a_collection (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = scholia_w3c_export (fixture->store, NULL, &error);
  g_autoptr(ScholiaAnnotation) first = only_annotation (fixture->store, fixture->essay, 0);
  g_autofree char *id = g_strconcat ("urn:uuid:", scholia_annotation_get_uuid (first), NULL);
  g_autofree char *letters_iri = g_strconcat ("urn:uuid:", scholia_document_get_uuid (fixture->letters), NULL);
  JsonObject *collection, *page, *annotation, *target, *quote, *position;
  JsonArray *selectors, *body;

  g_assert_no_error (error);
  collection = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (collection, "@context"), ==, "http://www.w3.org/ns/anno.jsonld");
  g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==, "AnnotationCollection");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (collection, "id"), "urn:uuid:"));
  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==, 4);
  page = json_object_get_object_member (collection, "first");
  g_assert_cmpstr (json_object_get_string_member (page, "type"), ==, "AnnotationPage");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "items")), ==, 4);

  annotation = item (root, 0);
  g_assert_cmpstr (json_object_get_string_member (annotation, "type"), ==, "Annotation");
  g_assert_cmpstr (json_object_get_string_member (annotation, "id"), ==, id);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (annotation, "created"), "Z"));
  g_assert_nonnull (json_object_get_string_member (annotation, "modified"));

  target = json_object_get_object_member (annotation, "target");
  g_assert_cmpstr (json_object_get_string_member (target, "source"), ==, "https://example.org/essays/dues");
  selectors = json_object_get_array_member (target, "selector");
  quote = json_array_get_object_element (selectors, 0);
  position = json_array_get_object_element (selectors, 1);
  g_assert_cmpstr (json_object_get_string_member (quote, "type"), ==, "TextQuoteSelector");
  g_assert_cmpstr (json_object_get_string_member (quote, "exact"), ==, "harbour dues rose three times");
  g_assert_cmpstr (json_object_get_string_member (quote, "prefix"), ==, "Varnholm’s ");
  g_assert_cmpstr (json_object_get_string_member (quote, "suffix"), ==, " after 1843.\n\nThe Twelve Houses ");
  g_assert_cmpstr (json_object_get_string_member (position, "type"), ==, "TextPositionSelector");
  g_assert_cmpint (json_object_get_int_member (position, "start"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (position, "end"), ==, 40);

  body = json_object_get_array_member (annotation, "body");
  g_assert_cmpuint (json_array_get_length (body), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (body, 0), "purpose"), ==, "classifying");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (body, 0), "value"), ==, "thesis");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (body, 1), "purpose"), ==, "tagging");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (body, 1), "value"), ==, "Trade");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (body, 2), "purpose"), ==, "commenting");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (body, 2), "type"), ==, "TextualBody");

  /* A document from no web address is named by its uuid. */
  target = json_object_get_object_member (item (root, 3), "target");
  g_assert_cmpstr (json_object_get_string_member (target, "source"), ==, letters_iri);
}

/* Everything a user would compare between two copies of an annotation. */
static void
assert_same_annotation (ScholiaStore      *store_a,
                        ScholiaAnnotation *a,
                        ScholiaStore      *store_b,
                        ScholiaAnnotation *b)
{
  const gint64 *ids_a, *ids_b;
  guint n_a, n_b;

  g_assert_cmpstr (scholia_annotation_get_uuid (a), ==, scholia_annotation_get_uuid (b));
  g_assert_cmpint (scholia_annotation_get_start (a), ==, scholia_annotation_get_start (b));
  g_assert_cmpint (scholia_annotation_get_end (a), ==, scholia_annotation_get_end (b));
  g_assert_cmpstr (scholia_annotation_get_quote (a), ==, scholia_annotation_get_quote (b));
  g_assert_cmpstr (scholia_annotation_get_prefix (a), ==, scholia_annotation_get_prefix (b));
  g_assert_cmpstr (scholia_annotation_get_suffix (a), ==, scholia_annotation_get_suffix (b));
  g_assert_cmpstr (scholia_annotation_get_note (a), ==, scholia_annotation_get_note (b));
  g_assert_cmpint (scholia_annotation_get_created (a), ==, scholia_annotation_get_created (b));
  g_assert_false (scholia_annotation_get_orphaned (b));

  ids_a = scholia_annotation_get_tag_ids (a, &n_a);
  ids_b = scholia_annotation_get_tag_ids (b, &n_b);
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    g_assert_cmpstr (scholia_label_get_name (scholia_store_lookup_label (store_a, SCHOLIA_TYPE_TAG, ids_a[i])), ==,
                     scholia_label_get_name (scholia_store_lookup_label (store_b, SCHOLIA_TYPE_TAG, ids_b[i])));

  ids_a = scholia_annotation_get_theme_ids (a, &n_a);
  ids_b = scholia_annotation_get_theme_ids (b, &n_b);
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    g_assert_cmpstr (scholia_label_get_name (scholia_store_lookup_label (store_a, SCHOLIA_TYPE_THEME, ids_a[i])), ==,
                     scholia_label_get_name (scholia_store_lookup_label (store_b, SCHOLIA_TYPE_THEME, ids_b[i])));
}

static void
test_round_trip_to_another_library (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ScholiaStore) other = open_store (fixture->dir, "b.sqlite3");
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(GListModel) original = NULL;
  g_autoptr(GListModel) copied = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "dues.jsonld", NULL);
  ScholiaW3cSummary summary;
  ScholiaDocument *copy;

  g_ptr_array_add (documents, fixture->essay);
  file = g_file_new_for_path (path);
  g_assert_true (scholia_w3c_export_file (fixture->store, documents, file, NULL, &error));
  g_assert_no_error (error);

  /* The same essay, imported into another library on its own: another uuid, no source. */
  copy = scholia_store_add_document (other, "Dues", "Helena Marwick", "1956", NULL, essay, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (scholia_w3c_import_file (other, file, copy, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact, ==, 3);
  g_assert_cmpuint (summary.reanchored + summary.orphaned + summary.present, ==, 0);

  original = scholia_store_list_annotations (fixture->store, fixture->essay, NULL);
  copied = scholia_store_list_annotations (other, copy, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (copied), ==, 3);
  g_assert_cmpuint (scholia_document_get_annotation_count (copy), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ScholiaAnnotation) a = g_list_model_get_item (original, i);
      g_autoptr(ScholiaAnnotation) b = g_list_model_get_item (copied, i);

      assert_same_annotation (fixture->store, a, other, b);
    }
  /* The theme the other library lacked was made. */
  g_assert_nonnull (scholia_store_find_label (other, SCHOLIA_TYPE_THEME, "Trade", NULL));

  /* Importing the same file again adds nothing. */
  g_assert_true (scholia_w3c_import_file (other, file, copy, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.present, ==, 3);
  g_assert_cmpuint (summary.exact + summary.reanchored + summary.orphaned, ==, 0);
  g_assert_cmpuint (count_annotations (other), ==, 3);
}

static void
test_whole_library_goes_back_by_source (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = scholia_w3c_export (fixture->store, NULL, &error);
  g_autoptr(GListModel) annotations = scholia_store_list_annotations (fixture->store, fixture->essay, NULL);
  ScholiaW3cSummary summary;

  g_assert_no_error (error);
  /* Deleting two, then importing the export: they come back, the others are already there. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, 0);

      g_assert_true (scholia_store_delete_annotation (fixture->store, annotation, &error));
    }
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 1);

  g_assert_true (scholia_w3c_import (fixture->store, root, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact, ==, 2);
  g_assert_cmpuint (summary.present, ==, 2);
  /* The list a view holds is brought up to date. */
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 3);
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->essay), ==, 3);
}

static void
test_hand_written_forms (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *letters_iri = g_strconcat ("urn:uuid:", scholia_document_get_uuid (fixture->letters), NULL);
  g_autofree char *json = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GListModel) essay_annotations = NULL;
  g_autoptr(GListModel) letter_annotations = NULL;
  ScholiaW3cSummary summary;
  guint before = count_annotations (fixture->store);

  /* An array: a stale position (the quote moved), a quote only, curly quotes and a position only
   * on the essay (named by its web address); a page of the letters (named by uuid) lies in a
   * second annotation form below. An unknown passage is kept as an orphan. */
  json = g_strdup_printf (
    "["
    " {\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"Annotation\","
    "  \"id\": \"urn:uuid:0b7f4c1e-8d7a-4c59-9a43-2a8f1d2c0001\","
    "  \"created\": \"2021-03-04T05:06:07Z\","
    "  \"body\": [{\"type\": \"TextualBody\", \"purpose\": \"classifying\", \"value\": \"chronology\"},"
    "            {\"type\": \"TextualBody\", \"purpose\": \"commenting\", \"value\": \"Moved.\"}],"
    "  \"target\": {\"source\": \"https://example.org/essays/dues\", \"selector\": ["
    "    {\"type\": \"TextPositionSelector\", \"start\": 0, \"end\": 12},"
    "    {\"type\": \"TextQuoteSelector\", \"exact\": \"Twelve Houses\", \"prefix\": \"The \", \"suffix\": \" blamed\"}]}},"
    " {\"type\": \"Annotation\", \"id\": \"https://annotations.example.org/a/77\","
    "  \"bodyValue\": \"A plain comment.\","
    "  \"target\": {\"source\": \"https://example.org/essays/dues\","
    "    \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"alone counted the barges\"}}},"
    " {\"type\": \"Annotation\","
    "  \"body\": {\"type\": \"TextualBody\", \"purpose\": \"tagging\", \"value\": \"Witnesses\"},"
    "  \"target\": {\"source\": \"https://example.org/essays/dues\","
    "    \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"“forty a day\"}}},"
    " {\"type\": \"Annotation\","
    "  \"target\": {\"source\": \"https://example.org/essays/dues\","
    "    \"selector\": {\"type\": \"TextPositionSelector\", \"start\": 0, \"end\": 10}}},"
    " {\"type\": \"Annotation\","
    "  \"target\": {\"source\": \"%s\", \"selector\": ["
    "    {\"type\": \"TextQuoteSelector\", \"exact\": \"a passage the letters never had\"},"
    "    {\"type\": \"TextPositionSelector\", \"start\": 5, \"end\": 9}]}},"
    " {\"type\": \"Annotation\","
    "  \"target\": {\"source\": \"%s\", \"selector\": ["
    "    {\"type\": \"TextQuoteSelector\", \"exact\": \"Nobody speaks of the strke\"}]}}"
    "]", letters_iri, letters_iri);
  file = write_file (fixture, "hand.json", json);

  g_assert_true (scholia_w3c_import_file (fixture->store, file, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact, ==, 3);       /* quote only, curly quotes, position only */
  g_assert_cmpuint (summary.reanchored, ==, 2);  /* stale position, misspelt quote */
  g_assert_cmpuint (summary.orphaned, ==, 1);
  g_assert_cmpuint (summary.present, ==, 0);
  g_assert_cmpuint (count_annotations (fixture->store), ==, before + 6);

  essay_annotations = scholia_store_list_annotations (fixture->store, fixture->essay, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (essay_annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (essay_annotations, i);
      const char *quote = scholia_annotation_get_quote (annotation);
      g_autofree char *cut = g_utf8_substring (essay, scholia_annotation_get_start (annotation),
                                               scholia_annotation_get_end (annotation));

      g_assert_cmpstr (cut, ==, quote);
      if (g_str_equal (quote, "Twelve Houses"))
        {
          const gint64 *ids;
          guint n;

          g_assert_cmpstr (scholia_annotation_get_uuid (annotation), ==, "0b7f4c1e-8d7a-4c59-9a43-2a8f1d2c0001");
          g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Moved.");
          g_assert_cmpint (scholia_annotation_get_created (annotation), ==, 1614834367);
          ids = scholia_annotation_get_tag_ids (annotation, &n);
          g_assert_cmpuint (n, ==, 1);
          g_assert_cmpstr (scholia_label_get_name (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, ids[0])), ==, "chronology");
        }
      else if (g_str_equal (quote, "alone counted the barges"))
        g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "A plain comment.");
      else if (g_str_equal (quote, "“forty a day"))
        g_assert_true (scholia_annotation_has_theme (annotation,
                                                     scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_THEME, "Witnesses", NULL))));
    }

  letter_annotations = scholia_store_list_annotations (fixture->store, fixture->letters, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (letter_annotations), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (letter_annotations, i);

      if (!scholia_annotation_get_orphaned (annotation))
        continue;
      /* The orphan keeps its quote and the place the file gave. */
      g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "a passage the letters never had");
      g_assert_cmpint (scholia_annotation_get_start (annotation), ==, 5);
      g_assert_cmpint (scholia_annotation_get_end (annotation), ==, 9);
    }

  /* Ids made from other tools' IRIs are stable: the second import finds them all. Two had no id
   * at all and come again. */
  g_assert_true (scholia_w3c_import_file (fixture->store, file, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.present, ==, 2);
}

static void
test_single_annotation_and_page (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) single = write_file (fixture, "one.json",
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"Annotation\","
    " \"id\": \"urn:uuid:5d1c2f0e-1111-4a2b-8c3d-000000000001\","
    " \"target\": {\"source\": \"https://example.org/essays/dues\","
    "  \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"rose three times\"}}}");
  g_autoptr(GFile) page = write_file (fixture, "page.json",
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"AnnotationPage\","
    " \"items\": [{\"type\": \"Annotation\", \"id\": \"urn:uuid:5d1c2f0e-1111-4a2b-8c3d-000000000002\","
    "  \"target\": {\"source\": \"ignored:by-document\","
    "   \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"everyone remembers it\"}}}],"
    " \"next\": {\"type\": \"AnnotationPage\", \"items\": [{\"type\": \"Annotation\","
    "  \"target\": {\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"quiet this winter\"}}}]}}");
  ScholiaW3cSummary summary;

  g_assert_true (scholia_w3c_import_file (fixture->store, single, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact, ==, 1);
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->essay), ==, 4);

  /* An explicit document takes every annotation, whatever its target says. */
  g_assert_true (scholia_w3c_import_file (fixture->store, page, fixture->letters, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact, ==, 2);
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->letters), ==, 3);
}

static void
assert_refused (Fixture    *fixture,
                const char *name,
                const char *contents,
                int         code,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = write_file (fixture, name, contents);
  guint annotations = count_annotations (fixture->store);
  guint tags = g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG));
  guint themes = g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_THEME));
  ScholiaW3cSummary summary = { 0 };

  g_assert_false (scholia_w3c_import_file (fixture->store, file, NULL, &summary, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, code);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_cmpuint (count_annotations (fixture->store), ==, annotations);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG)), ==, tags);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_THEME)), ==, themes);
}

/* Files of which nothing can be imported (each annotation that could be is in
 * test-w3c-fidelity.c: imported beside those that cannot). */
static void
test_bad_files_change_nothing (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *unknown =
    "[{\"type\": \"Annotation\", \"target\": {\"source\": \"https://example.org/elsewhere\","
    " \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"rose\"}}}]";
  const char *no_selector =
    "[{\"type\": \"Annotation\", \"target\": \"https://example.org/essays/dues\"},"
    " {\"type\": \"Annotation\", \"target\": \"https://example.org/essays/dues\"}]";
  const char *beyond =
    "[{\"type\": \"Annotation\", \"target\": {\"source\": \"https://example.org/essays/dues\","
    " \"selector\": {\"type\": \"TextPositionSelector\", \"start\": 5000, \"end\": 5010}}}]";

  assert_refused (fixture, "broken.json", "[{\"type\": \"Annotation\",", SCHOLIA_ERROR_INVALID, "not valid JSON");
  assert_refused (fixture, "unknown.json", unknown, SCHOLIA_ERROR_NOT_FOUND, "https://example.org/elsewhere");
  assert_refused (fixture, "no-selector.json", no_selector, SCHOLIA_ERROR_INVALID, "annotation 1");
  assert_refused (fixture, "no-selector.json", no_selector, SCHOLIA_ERROR_INVALID, "and 1 more annotation");
  assert_refused (fixture, "beyond.json", beyond, SCHOLIA_ERROR_INVALID, "beyond the end");
  assert_refused (fixture, "other.json", "{\"type\": \"Person\"}", SCHOLIA_ERROR_INVALID, "not W3C");
}

/* Every text value in every table of the library at @path is whole UTF-8 without NUL; the
 * library is read with SQLite itself, not through the store that wrote it. */
static void
assert_library_holds_utf8 (const char *dir,
                           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;
  guint values = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (scholia_stem_tokenizer_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &tables, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (const char *) sqlite3_column_text (tables, 0));
      sqlite3_stmt *rows = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        for (int column = 0; column < sqlite3_column_count (rows); column++)
          {
            const char *text;
            int length;

            if (sqlite3_column_type (rows, column) != SQLITE_TEXT)
              continue;
            text = (const char *) sqlite3_column_text (rows, column);
            length = sqlite3_column_bytes (rows, column);
            if (length > 0 && !g_utf8_validate_len (text, length, NULL))
              g_error ("%s, column %s: not UTF-8: %s", sql, sqlite3_column_name (rows, column), text);
            values++;
          }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  g_assert_cmpuint (values, >, 0);
}

static ScholiaDocument *
add_revolution (Fixture    *fixture,
                const char *title)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_add_document (fixture->store, title, "Vera Ostrova", "1967", NULL,
                                                          revolution, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static void
test_deep_nesting_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = repro_copy ("w3c-deep-array-100k.json", fixture->dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint annotations = count_annotations (fixture->store);
  guint tags = g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG));
  ScholiaW3cSummary summary = { 0 };

  /* json-glib would recurse 100,000 times and overflow the stack. */
  g_assert_false (scholia_w3c_import_file (fixture->store, file, fixture->essay, &summary, NULL, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "w3c-deep-array-100k.json"));
  g_assert_nonnull (strstr (error->message, "nested more than 64 levels deep"));
  g_assert_cmpuint (count_annotations (fixture->store), ==, annotations);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (fixture->store, SCHOLIA_TYPE_TAG)), ==, tags);
}

/* A lone UTF-16 surrogate (\ud800) in a tag name becomes U+FFFD, and the "x" after it stays;
 * json-glib alone would store the bytes ED A0 80 and drop the "x". */
static void
test_lone_surrogate_replaced (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = repro_copy ("w3c-lone-surrogate-tag.json", fixture->dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ScholiaDocument *october = add_revolution (fixture, "October");
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  g_autofree char *replaced = NULL;
  ScholiaW3cSummary summary = { 0 };
  const gint64 *ids;
  guint n;

  g_assert_true (scholia_w3c_import_file (fixture->store, file, october, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact, ==, 1);
  g_assert_cmpuint (summary.replaced, ==, 1);
  replaced = scholia_w3c_describe_replaced (&summary);
  g_assert_cmpstr (replaced, ==, "1 character that was not valid Unicode text was replaced by “\xef\xbf\xbd”");

  annotation = only_annotation (fixture->store, october, 0);
  g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "Lenin");
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "A note");
  ids = scholia_annotation_get_tag_ids (annotation, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (scholia_label_get_name (scholia_store_lookup_label (fixture->store, SCHOLIA_TYPE_TAG, ids[0])), ==, "\xef\xbf\xbdx");
  assert_library_holds_utf8 (fixture->dir, "a.sqlite3");
}

/* \u0000 no longer cuts a note, a quote or a tag short. */
static void
test_nul_escapes_replaced (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = write_file (fixture, "nul.json",
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"Annotation\","
    " \"body\": [{\"type\": \"TextualBody\", \"purpose\": \"commenting\", \"value\": \"Before\\u0000after.\"},"
    "          {\"type\": \"TextualBody\", \"purpose\": \"classifying\", \"value\": \"cut\\u0000tag\"}],"
    " \"target\": {\"source\": \"https://example.org/essays/dues\","
    "  \"selector\": [{\"type\": \"TextQuoteSelector\", \"exact\": \"a passage\\u0000 nobody wrote\"},"
    "               {\"type\": \"TextPositionSelector\", \"start\": 0, \"end\": 8}]}}");
  g_autoptr(GListModel) annotations = NULL;
  ScholiaW3cSummary summary = { 0 };
  gboolean found = FALSE;

  g_assert_true (scholia_w3c_import_file (fixture->store, file, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.replaced, ==, 3);
  g_assert_cmpuint (summary.orphaned, ==, 1);

  annotations = scholia_store_list_annotations (fixture->store, fixture->essay, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      if (!scholia_annotation_get_orphaned (annotation))
        continue;
      found = TRUE;
      g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Before\xef\xbf\xbd" "after.");
      g_assert_cmpstr (scholia_annotation_get_quote (annotation), ==, "a passage\xef\xbf\xbd nobody wrote");
    }
  g_assert_true (found);
  g_assert_nonnull (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, "cut\xef\xbf\xbdtag", NULL));
  assert_library_holds_utf8 (fixture->dir, "a.sqlite3");
}

/* A tree handed to the core directly (not parsed from a file) may hold bytes that are no UTF-8
 * at all: each becomes U+FFFD too. */
static void
test_invalid_utf8_in_tree_replaced (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GListModel) annotations = NULL;
  ScholiaW3cSummary summary = { 0 };
  guint before = scholia_document_get_annotation_count (fixture->letters);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "@context");
  json_builder_add_string_value (builder, "http://www.w3.org/ns/anno.jsonld");
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "Annotation");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "https://tool.example.org/\xff");
  json_builder_set_member_name (builder, "bodyValue");
  json_builder_add_string_value (builder, "Latin-1 \xe9t\xe9");
  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "selector");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "TextQuoteSelector");
  json_builder_set_member_name (builder, "exact");
  json_builder_add_string_value (builder, "quiet this winter");
  json_builder_set_member_name (builder, "prefix");
  json_builder_add_string_value (builder, "\xed\xa0\x80");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  g_assert_true (scholia_w3c_import (fixture->store, root, fixture->letters, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact, ==, 1);
  g_assert_cmpuint (summary.replaced, ==, 6);
  annotations = scholia_store_list_annotations (fixture->store, fixture->letters, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, before + 1);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, i);

      if (g_str_equal (scholia_annotation_get_quote (annotation), "quiet this winter"))
        g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Latin-1 \xef\xbf\xbdt\xef\xbf\xbd");
    }
  assert_library_holds_utf8 (fixture->dir, "a.sqlite3");
}

/* An export of one essay imported onto another: its ids are the first essay's annotations, which
 * is not the same as being already present. */
static void
test_foreign_ids_reported (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = repro_copy ("w3c-export-doc1.json", fixture->dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ScholiaDocument *october = add_revolution (fixture, "October");
  ScholiaDocument *reprint = add_revolution (fixture, "October, a Reprint");
  g_autoptr(ScholiaAnnotation) original = NULL;
  g_autoptr(ScholiaAnnotation) copy = NULL;
  g_autofree char *foreign = NULL;
  g_autofree char *copied = NULL;
  ScholiaW3cSummary summary = { 0 };
  guint before;

  g_assert_true (scholia_w3c_import_file (fixture->store, file, october, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact, ==, 1);
  original = only_annotation (fixture->store, october, 0);
  g_assert_cmpstr (scholia_annotation_get_uuid (original), ==, "3671479a-2355-4413-80f4-3602258fbb8e");
  before = count_annotations (fixture->store);

  /* Onto the reprint: left on "October", and said so. */
  g_assert_true (scholia_w3c_import_file (fixture->store, file, reprint, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact + summary.reanchored + summary.orphaned, ==, 0);
  g_assert_cmpuint (summary.present, ==, 0);
  g_assert_cmpuint (summary.foreign, ==, 1);
  g_assert_cmpint (summary.foreign_document_id, ==, scholia_document_get_id (october));
  foreign = scholia_w3c_describe_foreign (fixture->store, &summary);
  g_assert_cmpstr (foreign, ==, "1 annotation belongs to another essay (“October”)");
  g_assert_cmpuint (count_annotations (fixture->store), ==, before);
  g_assert_cmpuint (scholia_document_get_annotation_count (reprint), ==, 0);

  /* Asked to, it copies it onto the reprint as a new annotation, with everything the file says. */
  g_assert_true (scholia_w3c_import_file_full (fixture->store, file, reprint, SCHOLIA_W3C_IMPORT_COPY_FOREIGN,
                                               &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact, ==, 1);
  g_assert_cmpuint (summary.copied, ==, 1);
  g_assert_cmpuint (summary.foreign + summary.present, ==, 0);
  copied = scholia_w3c_describe_foreign (fixture->store, &summary);
  g_assert_cmpstr (copied, ==, "1 annotation of another essay (“October”) was copied as a new one");
  g_assert_cmpuint (count_annotations (fixture->store), ==, before + 1);
  copy = only_annotation (fixture->store, reprint, 0);
  g_assert_cmpstr (scholia_annotation_get_uuid (copy), !=, scholia_annotation_get_uuid (original));
  g_assert_true (g_uuid_string_is_valid (scholia_annotation_get_uuid (copy)));
  g_assert_cmpstr (scholia_annotation_get_quote (copy), ==, "Lenin");
  g_assert_cmpint (scholia_annotation_get_start (copy), ==, 113);
  g_assert_cmpstr (scholia_annotation_get_note (copy), ==, "A note");
  g_assert_true (scholia_annotation_has_theme (copy, scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_THEME, "Harbour", NULL))));
  /* The original stays as it was. */
  g_assert_cmpuint (scholia_document_get_annotation_count (october), ==, 1);

  /* Copying again finds the copy: nothing more. */
  g_assert_true (scholia_w3c_import_file_full (fixture->store, file, reprint, SCHOLIA_W3C_IMPORT_COPY_FOREIGN,
                                               &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.present, ==, 1);
  g_assert_cmpuint (summary.exact + summary.copied + summary.foreign, ==, 0);
  g_assert_cmpuint (count_annotations (fixture->store), ==, before + 1);

  /* Onto the essay that holds it, it is simply present, copies asked for or not. */
  g_assert_true (scholia_w3c_import_file_full (fixture->store, file, october, SCHOLIA_W3C_IMPORT_COPY_FOREIGN,
                                               &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.present, ==, 1);
  g_assert_cmpuint (summary.copied + summary.foreign, ==, 0);
}

/* A file holding two essays' annotations, imported into one chosen essay: what quotes a passage
 * of that essay goes there; what the file says belongs to the other essay goes to it; what is
 * in neither is skipped and reported, not stored as an unplaced annotation of the chosen one. */
static void
test_into_one_essay_skips_the_rest (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *letters_iri = g_strconcat ("urn:uuid:", scholia_document_get_uuid (fixture->letters), NULL);
  g_autofree char *json = NULL;
  g_autofree char *skipped = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ScholiaAnnotation) moved = NULL;
  ScholiaW3cSummary summary = { 0 };
  guint before = count_annotations (fixture->store);

  json = g_strdup_printf (
    "["
    " {\"type\": \"Annotation\", \"id\": \"urn:uuid:5a0e1c2d-0000-4000-8000-000000000001\","
    "  \"target\": {\"source\": \"https://example.org/essays/dues\","
    "    \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"The Twelve Houses\"}}},"
    " {\"type\": \"Annotation\", \"id\": \"urn:uuid:5a0e1c2d-0000-4000-8000-000000000002\","
    "  \"target\": {\"source\": \"https://example.org/essays/dues\","
    "    \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"Żeleński alone\"}}},"
    " {\"type\": \"Annotation\", \"id\": \"urn:uuid:5a0e1c2d-0000-4000-8000-000000000003\","
    "  \"target\": {\"source\": \"%s\","
    "    \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"Nobody speaks of the strike\"}}},"
    " {\"type\": \"Annotation\", \"id\": \"urn:uuid:5a0e1c2d-0000-4000-8000-000000000004\","
    "  \"target\": {\"source\": \"https://example.org/essays/not-in-this-library\","
    "    \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"a passage of an essay nobody imported\"}}},"
    " {\"type\": \"Annotation\", \"id\": \"urn:uuid:5a0e1c2d-0000-4000-8000-000000000005\","
    "  \"target\": {\"source\": \"https://example.org/essays/dues\","
    "    \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"words the essay never held\"}}}"
    "]", letters_iri);
  file = write_file (fixture, "two-essays.json", json);

  g_assert_true (scholia_w3c_import_file (fixture->store, file, fixture->essay, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact, ==, 3);
  g_assert_cmpuint (summary.orphaned, ==, 0);
  g_assert_cmpuint (summary.elsewhere, ==, 1);
  g_assert_cmpuint (summary.skipped, ==, 2);
  skipped = scholia_w3c_describe_skipped (&summary, fixture->essay);
  g_assert_cmpstr (skipped, ==, "1 not in “Dues” put on the essay its target names, "
                                "2 skipped: their passage is not in “Dues”");

  /* Rows: two more on the essay, one more on the letters, no unplaced one anywhere. */
  g_assert_cmpuint (count_annotations (fixture->store), ==, before + 3);
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->essay), ==, 5);
  g_assert_cmpuint (scholia_document_get_annotation_count (fixture->letters), ==, 2);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = only_annotation (fixture->store, fixture->essay, i);

      g_assert_false (scholia_annotation_get_orphaned (annotation));
    }
  moved = only_annotation (fixture->store, fixture->letters, 1);
  g_assert_cmpstr (scholia_annotation_get_uuid (moved), ==, "5a0e1c2d-0000-4000-8000-000000000003");
  g_assert_cmpstr (scholia_annotation_get_quote (moved), ==, "Nobody speaks of the strike");
  g_assert_cmpint (scholia_annotation_get_start (moved), ==, 56);

  /* Again: the placed ones are present, the skipped ones skipped again, nothing added. */
  g_assert_true (scholia_w3c_import_file (fixture->store, file, fixture->essay, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.skipped, ==, 2);
  g_assert_cmpuint (summary.exact + summary.reanchored + summary.orphaned, ==, 0);
  g_assert_cmpuint (count_annotations (fixture->store), ==, before + 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/w3c/export/collection-of-annotations", test_export_is_a_collection);
  ADD ("/w3c/round-trip/another-library-then-idempotent", test_round_trip_to_another_library);
  ADD ("/w3c/import/by-source-merges-by-id", test_whole_library_goes_back_by_source);
  ADD ("/w3c/import/hand-written-selectors", test_hand_written_forms);
  ADD ("/w3c/import/single-annotation-and-pages", test_single_annotation_and_page);
  ADD ("/w3c/import/bad-file-changes-nothing", test_bad_files_change_nothing);
  ADD ("/w3c/import/deep-nesting-refused", test_deep_nesting_refused);
  ADD ("/w3c/import/lone-surrogate-replaced-store-utf8", test_lone_surrogate_replaced);
  ADD ("/w3c/import/nul-escape-replaced-not-truncated", test_nul_escapes_replaced);
  ADD ("/w3c/import/invalid-utf8-in-tree-replaced", test_invalid_utf8_in_tree_replaced);
  ADD ("/w3c/import/foreign-ids-reported-then-copied", test_foreign_ids_reported);
  ADD ("/w3c/import/into-one-essay-skips-what-is-not-there", test_into_one_essay_skips_the_rest);
#undef ADD

  return g_test_run ();
}
