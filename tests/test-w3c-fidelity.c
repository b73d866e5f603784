/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A W3C import that keeps what it is given (issue 15, section 2), checked against the W3C's own
 * data in ../shared/w3c-annotation-model: the Working Group's correct examples, retargeted onto
 * a passage of an essay, import and export again with their id (as via and canonical),
 * motivation and body details; the incorrect ones are refused with a reason; collection1.json
 * imports what can be placed and lists the rest; every exported annotation passes the suite's
 * MUSTs (w3c-musts.c, and the import's own check) and the SHOULDs Scholia can meet. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-runner.h"
#include "scholia-error.h"
#include "scholia-schema.h"
#include "scholia-store-private.h"
#include "scholia-w3c.h"
#include "scholia-w3c-check.h"
#include "scholia-w3c-json.h"
#include "test-files.h"
#include "w3c-musts.h"

#define ESSAY_SOURCE "https://example.org/essays/saltworks"

/* Invented for this test. */
static const char essay[] =
  "The saltworks at Brennecke closed in the spring of 1862, and the town never said why.\n\n"
  "Ottilie Garsten, who kept the works' accounts for eleven years, left a ledger in which the "
  "last entries are written in pencil: the ink had run out before the money did.\n\n"
  "Whoever reads the ledger now sees a careful hand giving way to a hurried one.";

/* The passage every retargeted example points at. */
static const char passage[] = "the ink had run out before the money did";

typedef struct
{
  char            *dir;
  ScholiaStore    *store;
  ScholiaDocument *essay;
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

static ScholiaDocument *
add_essay (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_add_document (store, "The Brennecke Ledger", "Jonas Veldt", "1974",
                                                          ESSAY_SOURCE, essay, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-w3c-fidelity-XXXXXX");
  fixture->store = open_store (fixture->dir, "a.sqlite3");
  fixture->essay = add_essay (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static char *
shared_path (const char *relative)
{
  const char *dir = g_getenv ("SCHOLIA_SHARED_DIR");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "w3c-annotation-model", relative, NULL);
}

/* The example files of ../shared/w3c-annotation-model/@folder, in their numbers' order. */
static GPtrArray *
list_examples (const char *folder,
               const char *prefix)
{
  g_autofree char *dir_path = shared_path (folder);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  for (guint n = 1; n < 100; n++)
    {
      g_autofree char *file = g_strdup_printf ("%s%u.json", prefix, n);
      g_autofree char *path = g_build_filename (dir_path, file, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  /* Every file of the folder is one of them: none is left out of the loops below. */
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, prefix) || g_str_equal (name, "collection1.json"));
  return paths;
}

static JsonNode *
parse_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
is_text_selector (JsonNode *node)
{
  JsonObject *object;
  const char *type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  type = json_object_has_member (object, "type") ? json_object_get_string_member (object, "type") : "";
  if (g_str_equal (type, "TextQuoteSelector") || g_str_equal (type, "TextPositionSelector"))
    return TRUE;
  return json_object_has_member (object, "refinedBy") &&
         is_text_selector (json_object_get_member (object, "refinedBy"));
}

/* Points every text selector inside @node (refinements too) at the passage. */
static void
aim_selectors (JsonNode *node)
{
  JsonObject *object;
  const char *type;
  int start = g_utf8_pointer_to_offset (essay, strstr (essay, passage));

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  object = json_node_get_object (node);
  type = json_object_has_member (object, "type") ? json_object_get_string_member (object, "type") : "";
  if (g_str_equal (type, "TextQuoteSelector"))
    {
      json_object_set_string_member (object, "exact", passage);
      json_object_set_string_member (object, "prefix", "pencil: ");
      json_object_set_string_member (object, "suffix", ".\n\n");
    }
  else if (g_str_equal (type, "TextPositionSelector"))
    {
      json_object_set_int_member (object, "start", start);
      json_object_set_int_member (object, "end", start + g_utf8_strlen (passage, -1));
    }
  if (json_object_has_member (object, "refinedBy"))
    aim_selectors (json_object_get_member (object, "refinedBy"));
}

/* An example's target moved onto the passage: a text selector it has (as in anno23, 24, 29,
 * 38) is kept in its form and aimed at the passage; any other target becomes a
 * TextQuoteSelector of it. */
static void
retarget (JsonObject *annotation)
{
  JsonNode *target = json_object_get_member (annotation, "target");
  g_autoptr(JsonNode) selector = NULL;
  JsonObject *fresh = json_object_new ();

  if (target != NULL && JSON_NODE_HOLDS_OBJECT (target) &&
      json_object_has_member (json_node_get_object (target), "selector") &&
      is_text_selector (json_object_get_member (json_node_get_object (target), "selector")))
    selector = json_node_copy (json_object_get_member (json_node_get_object (target), "selector"));
  else
    {
      JsonObject *quote = json_object_new ();

      json_object_set_string_member (quote, "type", "TextQuoteSelector");
      selector = json_node_init_object (json_node_alloc (), quote);
      json_object_unref (quote);
    }
  aim_selectors (selector);
  json_object_set_string_member (fresh, "source", ESSAY_SOURCE);
  json_object_set_member (fresh, "selector", g_steal_pointer (&selector));
  json_object_set_object_member (annotation, "target", fresh);
}

/* For an incorrect example: the passage as a second target, beside the target as the W3C
 * wrote it, whose mistake (anno11, anno38-40) must still be found. */
static void
add_text_target (JsonObject *annotation)
{
  g_autoptr(JsonNode) original = json_node_copy (json_object_get_member (annotation, "target"));
  JsonArray *targets = json_array_new ();

  retarget (annotation);
  json_array_add_element (targets, g_steal_pointer (&original));
  json_array_add_element (targets, json_node_copy (json_object_get_member (annotation, "target")));
  json_object_set_array_member (annotation, "target", targets);
}

static char *
write_node (Fixture    *fixture,
            const char *name,
            JsonNode   *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, NULL);
  return test_write_file (fixture->dir, name, data);
}

static gboolean
import_path (ScholiaStore       *store,
             const char         *path,
             ScholiaW3cSummary  *summary,
             GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return scholia_w3c_import_file (store, file, NULL, summary, NULL, error);
}

static guint
count_annotations (ScholiaStore    *store,
                   ScholiaDocument *document)
{
  g_autoptr(GListModel) list = scholia_store_list_annotations (store, document, NULL);

  return g_list_model_get_n_items (list);
}

static JsonNode *
export_all (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  ScholiaW3cExportOptions options = { .creator = "Maren Holt" };
  JsonNode *root = scholia_w3c_export_full (store, NULL, &options, &error);

  g_assert_no_error (error);
  return root;
}

static JsonArray *
export_items (JsonNode *root)
{
  return json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "first"), "items");
}

/* The exported annotation whose "via" is @via. */
static JsonObject *
find_by_via (JsonNode   *root,
             const char *via)
{
  JsonArray *items = export_items (root);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (json_object_has_member (item, "via") && g_str_equal (json_object_get_string_member (item, "via"), via))
        return item;
    }
  return NULL;
}

static const char *
string_or_null (JsonObject *object,
                const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

/* The body an example's note comes from: bodyValue's stand-in, the first textual body that is
 * no label, or a Choice's first textual item. */
static JsonObject *
note_body (JsonObject *annotation,
           gboolean   *from_body_value)
{
  JsonNode *bodies = json_object_get_member (annotation, "body");
  g_autoptr(GList) list = NULL;

  *from_body_value = json_object_has_member (annotation, "bodyValue");
  if (bodies == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (bodies))
    list = json_array_get_elements (json_node_get_array (bodies));
  else
    list = g_list_append (NULL, bodies);
  for (GList *l = list; l != NULL; l = l->next)
    {
      JsonObject *body;

      if (!JSON_NODE_HOLDS_OBJECT (l->data))
        continue;
      body = json_node_get_object (l->data);
      if (g_strcmp0 (string_or_null (body, "type"), "Choice") == 0)
        body = json_array_get_object_element (json_object_get_array_member (body, "items"), 0);
      if (string_or_null (body, "value") != NULL &&
          g_strcmp0 (string_or_null (body, "purpose"), "tagging") != 0 &&
          g_strcmp0 (string_or_null (body, "purpose"), "classifying") != 0)
        return body;
    }
  return NULL;
}

static JsonObject *
exported_note_body (JsonObject *exported)
{
  JsonArray *bodies;

  if (!json_object_has_member (exported, "body"))
    return NULL;
  bodies = json_object_get_array_member (exported, "body");
  for (guint i = 0; i < json_array_get_length (bodies); i++)
    {
      JsonObject *body = json_array_get_object_element (bodies, i);
      const char *purpose = string_or_null (body, "purpose");

      if (g_strcmp0 (purpose, "tagging") != 0 && g_strcmp0 (purpose, "classifying") != 0)
        return body;
    }
  return NULL;
}

static gboolean
has_label_body (JsonObject *exported,
                const char *purpose,
                const char *value)
{
  JsonArray *bodies = json_object_get_array_member (exported, "body");

  for (guint i = 0; i < json_array_get_length (bodies); i++)
    {
      JsonObject *body = json_array_get_object_element (bodies, i);

      if (g_strcmp0 (string_or_null (body, "purpose"), purpose) == 0 &&
          g_strcmp0 (string_or_null (body, "value"), value) == 0)
        return TRUE;
    }
  return FALSE;
}

/* What the model lets Scholia keep of @example, and the export of it, agree. */
static void
assert_kept (JsonObject *example,
             JsonObject *exported)
{
  const char *id = string_or_null (example, "id");
  const char *canonical = string_or_null (example, "canonical");
  gboolean from_body_value;
  JsonObject *given = note_body (example, &from_body_value);
  JsonObject *kept = exported_note_body (exported);
  JsonNode *creator = json_object_get_member (example, "creator");
  JsonNode *bodies = json_object_get_member (example, "body");

  g_test_message ("%s", id);
  g_assert_true (g_str_has_prefix (string_or_null (exported, "id"), "urn:uuid:"));
  g_assert_cmpstr (string_or_null (exported, "via"), ==, id);
  g_assert_cmpstr (string_or_null (exported, "canonical"), ==, canonical != NULL ? canonical : id);
  g_assert_cmpstr (string_or_null (exported, "motivation"), ==,
                   json_object_has_member (example, "motivation") ? string_or_null (example, "motivation")
                                                                 : "highlighting");

  if (from_body_value)
    {
      g_assert_cmpstr (string_or_null (kept, "value"), ==, string_or_null (example, "bodyValue"));
      g_assert_null (string_or_null (kept, "purpose"));
      g_assert_cmpstr (string_or_null (kept, "format"), ==, "text/plain");
    }
  else if (given != NULL)
    {
      g_assert_nonnull (kept);
      g_assert_cmpstr (string_or_null (kept, "value"), ==, string_or_null (given, "value"));
      g_assert_cmpstr (string_or_null (kept, "purpose"), ==, string_or_null (given, "purpose"));
      g_assert_cmpstr (string_or_null (kept, "language"), ==, string_or_null (given, "language"));
      g_assert_cmpstr (string_or_null (kept, "format"), ==,
                       string_or_null (given, "format") != NULL ? string_or_null (given, "format") : "text/plain");
    }
  else
    g_assert_null (kept);

  /* Tags and themes: "classifying" and "tagging" bodies come back as they went. */
  if (bodies != NULL && JSON_NODE_HOLDS_ARRAY (bodies))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (bodies)); i++)
      {
        JsonNode *node = json_array_get_element (json_node_get_array (bodies), i);
        JsonObject *body = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        const char *purpose = string_or_null (body, "purpose");

        if (g_strcmp0 (purpose, "tagging") == 0 || g_strcmp0 (purpose, "classifying") == 0)
          g_assert_true (has_label_body (exported, purpose, string_or_null (body, "value")));
      }

  if (creator != NULL && JSON_NODE_HOLDS_OBJECT (creator))
    g_assert_cmpstr (string_or_null (json_object_get_object_member (exported, "creator"), "name"), ==,
                     string_or_null (json_node_get_object (creator), "name"));
  else if (creator != NULL)
    g_assert_cmpstr (string_or_null (exported, "creator"), ==, json_node_get_string (creator));
  else
    g_assert_false (json_object_has_member (exported, "creator"));
}

/* The SHOULDs (and MAYs) of annotationOptionals.test and annotationsAgentOptionals.test that
 * Scholia's annotations can meet. */
static void
assert_shoulds (JsonObject *annotation)
{
  JsonNode *creator = json_object_get_member (annotation, "creator");
  JsonObject *generator = json_object_get_object_member (annotation, "generator");
  JsonObject *note = exported_note_body (annotation);

  g_assert_nonnull (string_or_null (annotation, "motivation"));
  /* An imported annotation that named no creator names none: it is not the annotator's. */
  g_assert_true (creator != NULL || json_object_has_member (annotation, "via"));
  if (creator != NULL && JSON_NODE_HOLDS_OBJECT (creator))
    {
      g_assert_cmpstr (string_or_null (json_node_get_object (creator), "type"), ==, "Person");
      g_assert_nonnull (string_or_null (json_node_get_object (creator), "name"));
    }
  g_assert_cmpstr (string_or_null (generator, "type"), ==, "Software");
  g_assert_true (g_str_has_prefix (string_or_null (generator, "name"), "Scholia "));
  g_assert_true (g_str_has_prefix (string_or_null (generator, "homepage"), "https://"));
  g_assert_true (g_str_has_prefix (string_or_null (generator, "id"), "https://"));
  if (note != NULL)
    {
      g_assert_cmpstr (string_or_null (note, "type"), ==, "TextualBody");
      g_assert_nonnull (string_or_null (note, "format"));
    }
}

static void
assert_collection (JsonNode *root,
                   guint     total)
{
  JsonObject *collection = json_node_get_object (root);
  JsonObject *page = json_object_get_object_member (collection, "first");
  JsonArray *items = export_items (root);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (string_or_null (collection, "type"), ==, "AnnotationCollection");
  g_assert_nonnull (string_or_null (collection, "label"));
  g_assert_nonnull (string_or_null (collection, "created"));
  if (total > 0)
    g_assert_nonnull (string_or_null (collection, "modified"));
  g_assert_cmpstr (string_or_null (json_object_get_object_member (collection, "creator"), "name"), ==, "Maren Holt");
  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==, total);
  g_assert_cmpstr (string_or_null (collection, "last"), ==, string_or_null (page, "id"));
  g_assert_cmpstr (string_or_null (page, "partOf"), ==, string_or_null (collection, "id"));
  g_assert_cmpint (json_object_get_int_member (page, "startIndex"), ==, 0);
  g_assert_cmpuint (json_array_get_length (items), ==, total);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      test_w3c_assert_musts (item);
      g_assert_true (scholia_w3c_check_annotation (item, TRUE, &error));
      g_assert_no_error (error);
      assert_shoulds (item);
    }
}

/* Every correct example, retargeted onto the passage, imports; its export keeps its id as via
 * (and canonical), its motivation and its note's body; importing it again adds nothing. */
static void
test_correct_examples_round_trip (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = list_examples ("w3c-examples/correct", "anno");
  g_autoptr(GPtrArray) examples = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpuint (paths->len, ==, 43);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(JsonNode) example = parse_file (g_ptr_array_index (paths, i));
      g_autoptr(GError) error = NULL;
      g_autofree char *written = NULL;
      g_auto(ScholiaW3cSummary) summary = { 0 };
      g_auto(ScholiaW3cSummary) again = { 0 };
      guint before = count_annotations (fixture->store, fixture->essay);

      g_assert_nonnull (example);
      retarget (json_node_get_object (example));
      written = write_node (fixture, "example.jsonld", example);

      g_assert_true (import_path (fixture->store, written, &summary, &error));
      g_assert_no_error (error);
      g_assert_null (summary.rejected);
      g_assert_cmpuint (summary.exact + summary.reanchored, ==, 1);
      g_assert_cmpuint (count_annotations (fixture->store, fixture->essay), ==, before + 1);

      g_assert_true (import_path (fixture->store, written, &again, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (again.present, ==, 1);
      g_assert_cmpuint (count_annotations (fixture->store, fixture->essay), ==, before + 1);
      g_ptr_array_add (examples, g_steal_pointer (&example));
    }

  root = export_all (fixture->store);
  assert_collection (root, paths->len);
  for (guint i = 0; i < examples->len; i++)
    {
      JsonObject *example = json_node_get_object (g_ptr_array_index (examples, i));
      JsonObject *exported = find_by_via (root, json_object_get_string_member (example, "id"));

      g_assert_nonnull (exported);
      assert_kept (example, exported);
    }
}

/* Exported, then imported into another library: the identity goes with it, and neither that
 * export nor the original file adds anything there a second time. */
static void
test_identity_survives_another_library (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *anno17 = shared_path ("w3c-examples/correct/anno17.json");
  g_autoptr(JsonNode) example = parse_file (anno17);
  g_autoptr(JsonNode) exported = NULL;
  g_autoptr(JsonNode) exported_b = NULL;
  g_autoptr(ScholiaStore) other = open_store (fixture->dir, "b.sqlite3");
  ScholiaDocument *other_essay = add_essay (other);
  g_autofree char *example_path = NULL;
  g_autofree char *export_path = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ScholiaW3cSummary) summary = { 0 };
  JsonObject *item;

  retarget (json_node_get_object (example));
  example_path = write_node (fixture, "anno17.jsonld", example);
  g_assert_true (import_path (fixture->store, example_path, &summary, &error));
  g_assert_no_error (error);
  exported = export_all (fixture->store);
  export_path = write_node (fixture, "export.jsonld", exported);

  for (guint round = 0; round < 2; round++)
    {
      scholia_w3c_summary_clear (&summary);
      g_assert_true (import_path (other, export_path, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (summary.exact, ==, round == 0 ? 1 : 0);
      g_assert_cmpuint (count_annotations (other, other_essay), ==, 1);
    }
  scholia_w3c_summary_clear (&summary);
  g_assert_true (import_path (other, example_path, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.present, ==, 1);
  g_assert_cmpuint (count_annotations (other, other_essay), ==, 1);

  exported_b = export_all (other);
  item = json_array_get_object_element (export_items (exported_b), 0);
  g_assert_cmpstr (string_or_null (item, "canonical"), ==, "urn:uuid:dbfb1861-0ecf-41ad-be94-a584e5c4f1df");
  g_assert_cmpstr (string_or_null (item, "via"), ==, "http://example.org/anno17");
  g_assert_cmpstr (string_or_null (item, "id"), ==,
                   string_or_null (json_array_get_object_element (export_items (exported), 0), "id"));

  /* The same id with another canonical IRI: the annotation is there already, and the canonical
   * IRI it was given first is kept (the model: never changed once set). */
  json_object_set_string_member (json_node_get_object (example), "canonical", "urn:uuid:00000000-0000-4000-8000-000000000017");
  g_free (example_path);
  example_path = write_node (fixture, "recanonised.jsonld", example);
  scholia_w3c_summary_clear (&summary);
  g_assert_true (import_path (other, example_path, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.present, ==, 1);
  g_clear_pointer (&exported_b, json_node_unref);
  exported_b = export_all (other);
  item = json_array_get_object_element (export_items (exported_b), 0);
  g_assert_cmpstr (string_or_null (item, "canonical"), ==, "urn:uuid:dbfb1861-0ecf-41ad-be94-a584e5c4f1df");
  json_object_set_string_member (json_node_get_object (example), "canonical", "urn:uuid:dbfb1861-0ecf-41ad-be94-a584e5c4f1df");

  /* Another id with the same canonical IRI is the same annotation: nothing is added, and the
   * canonical IRI kept is not changed. */
  json_object_set_string_member (json_node_get_object (example), "id", "http://mirror.example.net/copy-of-17");
  g_free (example_path);
  example_path = write_node (fixture, "mirror.jsonld", example);
  scholia_w3c_summary_clear (&summary);
  g_assert_true (import_path (other, example_path, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.present, ==, 1);
  g_assert_cmpuint (count_annotations (other, other_essay), ==, 1);
}

/* collection1.json holds annotations of every kind: those retargeted onto the passage are
 * imported, and each of the others is listed with its number, id and reason; the file as the
 * W3C wrote it has nothing to place, and changes nothing. */
static void
test_collection_imports_what_it_can (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *path = shared_path ("w3c-examples/correct/collection1.json");
  g_autoptr(JsonNode) collection = parse_file (path);
  JsonArray *items = json_object_get_array_member (json_object_get_object_member (json_node_get_object (collection), "first"),
                                                   "items");
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ScholiaW3cSummary) summary = { 0 };
  guint n = json_array_get_length (items);
  guint left = 0;

  /* As the W3C wrote it: no target is in a text. */
  g_assert_false (import_path (fixture->store, path, &summary, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "http://example.org/anno1"));
  g_assert_nonnull (strstr (error->message, "no selector"));
  g_assert_nonnull (strstr (error->message, "and 42 more annotations"));
  g_assert_cmpuint (count_annotations (fixture->store, fixture->essay), ==, 0);
  g_clear_error (&error);

  /* Every third left as it is. */
  for (guint i = 0; i < n; i++)
    if (i % 3 != 0)
      retarget (json_array_get_object_element (items, i));
    else
      left++;
  written = write_node (fixture, "collection.jsonld", collection);
  g_assert_true (import_path (fixture->store, written, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact + summary.reanchored, ==, n - left);
  g_assert_cmpuint (count_annotations (fixture->store, fixture->essay), ==, n - left);
  g_assert_nonnull (summary.rejected);
  g_assert_cmpuint (summary.rejected->len, ==, left);
  for (guint i = 0; i < summary.rejected->len; i++)
    {
      ScholiaW3cRejection *rejection = g_ptr_array_index (summary.rejected, i);
      g_autofree char *id = g_strdup_printf ("http://example.org/anno%u", 3 * i + 1);
      g_autofree char *what = g_strdup_printf ("annotation %u (%s)", 3 * i + 1, id);

      g_assert_cmpuint (rejection->number, ==, 3 * i + 1);
      g_assert_cmpstr (rejection->id, ==, id);
      g_assert_nonnull (strstr (rejection->reason, what));
    }
}

/* Each incorrect example is refused, with a message that says why, as the W3C wrote it and
 * with the passage as a second target (so that what is wrong is what the W3C meant, not that
 * nothing points into a text); nothing is written. */
static void
test_incorrect_examples_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = list_examples ("w3c-examples/incorrect", "anno");

  g_assert_cmpuint (paths->len, ==, 40);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(JsonNode) example = parse_file (path);
      g_autoptr(GError) error = NULL;
      g_auto(ScholiaW3cSummary) summary = { 0 };
      g_autofree char *base = g_path_get_basename (path);

      g_test_message ("%s", path);
      g_assert_false (import_path (fixture->store, path, &summary, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, base));
      g_clear_error (&error);

      /* Not JSON at all (most of anno10-25), or no annotation ({}): refused whole above. */
      if (example == NULL || !JSON_NODE_HOLDS_OBJECT (example) ||
          !json_object_has_member (json_node_get_object (example), "type"))
        continue;
      add_text_target (json_node_get_object (example));
      /* Most of them also give two ids (anno7's mistake): one, so that their own mistake is
       * the one found. */
      if (!g_str_equal (base, "anno7.json") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (example), "id")))
        json_object_set_string_member (json_node_get_object (example), "id", "http://example.org/one");
      {
        g_autofree char *written = write_node (fixture, base, example);

        g_assert_false (import_path (fixture->store, written, &summary, &error));
        g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
        g_test_message ("%s", error->message);
        g_assert_true (strstr (error->message, "breaks the W3C Web Annotation model") != NULL ||
                       strstr (error->message, "not W3C Web Annotation JSON") != NULL);
      }
    }
  g_assert_cmpuint (count_annotations (fixture->store, fixture->essay), ==, 0);
}

/* The test suite's samples (the specification's examples 1-20) and every shipped example, as
 * they are and retargeted: imported or refused with a reason, never a crash. */
static void
test_every_file_imports_or_is_refused (Fixture       *fixture,
                                       gconstpointer  data)
{
  const char *const folders[][2] = { { "samples", "example" }, { "w3c-examples/correct", "anno" },
                                     { "w3c-examples/incorrect", "anno" } };

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autoptr(GPtrArray) paths = list_examples (folders[f][0], folders[f][1]);

      for (guint i = 0; i < paths->len; i++)
        {
          const char *path = g_ptr_array_index (paths, i);
          g_autoptr(JsonNode) example = parse_file (path);
          g_autoptr(GError) error = NULL;
          g_auto(ScholiaW3cSummary) summary = { 0 };

          if (!import_path (fixture->store, path, &summary, &error))
            g_assert_cmpuint (strlen (error->message), >, 0);
          g_clear_error (&error);
          scholia_w3c_summary_clear (&summary);
          if (example != NULL && JSON_NODE_HOLDS_OBJECT (example) &&
              scholia_w3c_json_has_type (example, "Annotation"))
            {
              g_autofree char *written = NULL;

              retarget (json_node_get_object (example));
              written = write_node (fixture, "retargeted.jsonld", example);
              if (!import_path (fixture->store, written, &summary, &error))
                g_assert_cmpuint (strlen (error->message), >, 0);
            }
        }
    }
  assert_collection (export_all (fixture->store), count_annotations (fixture->store, fixture->essay));
}

static char *
import_one (Fixture    *fixture,
            const char *json)
{
  g_autofree char *path = test_write_file (fixture->dir, "one.jsonld", json);
  g_autoptr(GError) error = NULL;
  g_auto(ScholiaW3cSummary) summary = { 0 };
  g_autoptr(GListModel) list = scholia_store_list_annotations (fixture->store, fixture->essay, NULL);
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char *quote = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (list, i);

      g_hash_table_add (before, g_strdup (scholia_annotation_get_uuid (annotation)));
    }
  g_assert_true (import_path (fixture->store, path, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.exact, ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (list, i);

      if (!g_hash_table_contains (before, scholia_annotation_get_uuid (annotation)))
        quote = g_strdup (scholia_annotation_get_quote (annotation));
    }
  g_assert_nonnull (quote);
  return quote;
}

/* Text selectors refining another selector are read: a quote inside a FragmentSelector, a
 * position inside one, and a quote two refinements down. */
static void
test_refined_selectors_read (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *quote = NULL;

  quote = import_one (fixture,
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"id\": \"http://example.org/r1\", \"type\": \"Annotation\","
    " \"target\": {\"source\": \"" ESSAY_SOURCE "\", \"selector\": {\"type\": \"FragmentSelector\","
    "  \"value\": \"para2\", \"refinedBy\": {\"type\": \"TextQuoteSelector\", \"exact\": \"a careful hand\"}}}}");
  g_assert_cmpstr (quote, ==, "a careful hand");
  g_free (quote);
  quote = import_one (fixture,
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"id\": \"http://example.org/r2\", \"type\": \"Annotation\","
    " \"target\": {\"source\": \"" ESSAY_SOURCE "\", \"selector\": {\"type\": \"FragmentSelector\","
    "  \"value\": \"char=4,13\", \"refinedBy\": {\"type\": \"TextPositionSelector\", \"start\": 4, \"end\": 13}}}}");
  g_assert_cmpstr (quote, ==, "saltworks");
  g_free (quote);
  quote = import_one (fixture,
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"id\": \"http://example.org/r3\", \"type\": \"Annotation\","
    " \"target\": {\"source\": \"" ESSAY_SOURCE "\", \"selector\": {\"type\": \"CssSelector\", \"value\": \"p\","
    "  \"refinedBy\": {\"type\": \"FragmentSelector\", \"value\": \"x\","
    "   \"refinedBy\": {\"type\": \"TextQuoteSelector\", \"exact\": \"Ottilie Garsten\"}}}}}");
  g_assert_cmpstr (quote, ==, "Ottilie Garsten");
}

/* An HTML note is read as its text and goes out as the HTML it came as, with its language;
 * once edited in Scholia it is plain text. Its creator and motivation go out as they came. */
static void
test_html_note_kept (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *quote = import_one (fixture,
    "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"id\": \"http://example.org/h1\", \"type\": \"Annotation\","
    " \"motivation\": \"questioning\", \"creator\": {\"type\": \"Person\", \"name\": \"Lise Amberg\"},"
    " \"body\": {\"type\": \"TextualBody\", \"purpose\": \"questioning\", \"language\": \"de\", \"format\": \"text/html\","
    "  \"value\": \"<p>Warum <em>Bleistift</em>?</p><p>Tinte &amp; Geld &#8212; beides fehlte.</p>\"},"
    " \"target\": {\"source\": \"" ESSAY_SOURCE "\", \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"pencil\"}}}");
  g_autoptr(GListModel) list = scholia_store_list_annotations (fixture->store, fixture->essay, NULL);
  g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (list, 0);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *item, *note;

  g_assert_cmpstr (quote, ==, "pencil");
  g_assert_cmpstr (scholia_annotation_get_note (annotation), ==, "Warum Bleistift?\n\nTinte & Geld — beides fehlte.");
  root = export_all (fixture->store);
  item = json_array_get_object_element (export_items (root), 0);
  note = exported_note_body (item);
  g_assert_cmpstr (string_or_null (item, "motivation"), ==, "questioning");
  g_assert_cmpstr (string_or_null (json_object_get_object_member (item, "creator"), "name"), ==, "Lise Amberg");
  g_assert_cmpstr (string_or_null (note, "format"), ==, "text/html");
  g_assert_cmpstr (string_or_null (note, "language"), ==, "de");
  g_assert_cmpstr (string_or_null (note, "purpose"), ==, "questioning");
  g_assert_cmpstr (string_or_null (note, "value"), ==,
                   "<p>Warum <em>Bleistift</em>?</p><p>Tinte &amp; Geld &#8212; beides fehlte.</p>");

  g_assert_true (scholia_store_set_annotation_note (fixture->store, annotation, "Bleistift, weil die Tinte fehlte.", &error));
  g_assert_no_error (error);
  g_clear_pointer (&root, json_node_unref);
  root = export_all (fixture->store);
  note = exported_note_body (json_array_get_object_element (export_items (root), 0));
  g_assert_cmpstr (string_or_null (note, "format"), ==, "text/plain");
  g_assert_cmpstr (string_or_null (note, "value"), ==, "Bleistift, weil die Tinte fehlte.");
}

/* Scholia's own annotations name the annotator the export is given, keep "highlighting" and
 * a "commenting" note in plain text, and pass the MUSTs and SHOULDs like imported ones. */
static void
test_own_annotations_exported (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = scholia_store_add_annotation (fixture->store, fixture->essay, 4, 13, NULL, 0,
                                                                         NULL, 0, "Which saltworks?", &error);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *item, *note;

  g_assert_no_error (error);
  root = export_all (fixture->store);
  assert_collection (root, 1);
  item = json_array_get_object_element (export_items (root), 0);
  note = exported_note_body (item);
  g_assert_cmpstr (string_or_null (item, "motivation"), ==, "highlighting");
  g_assert_cmpstr (string_or_null (json_object_get_object_member (item, "creator"), "name"), ==, "Maren Holt");
  g_assert_false (json_object_has_member (item, "canonical"));
  g_assert_false (json_object_has_member (item, "via"));
  g_assert_cmpstr (string_or_null (note, "purpose"), ==, "commenting");
  g_assert_cmpstr (string_or_null (note, "format"), ==, "text/plain");
}

/* A version-5 library gains the table that keeps what imports brought; read-only, it is
 * read (and exported) as if it had it, and left as it was. */
static void
test_version_5_library_upgrades (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "v5.sqlite3", NULL);
  g_autofree char *read_only = g_build_filename (fixture->dir, "v5-read-only.sqlite3", NULL);
  guint n_migrations;
  const ScholiaMigration *migrations = scholia_schema_get_migrations (&n_migrations);

  g_assert_cmpint (migrations[4].version, ==, 5);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScholiaStore) store = _scholia_store_open_with_migrations (i == 0 ? path : read_only, migrations, 5,
                                                                          &error);
      g_autoptr(ScholiaAnnotation) annotation = NULL;

      g_assert_no_error (error);
      annotation = scholia_store_add_annotation (store, add_essay (store), 4, 13, NULL, 0, NULL, 0, "Kept", &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, 5);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open (path, &error);
    g_autoptr(JsonNode) root = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (scholia_store_get_schema_version (store), ==, SCHOLIA_SCHEMA_VERSION);
    root = export_all (store);
    g_assert_cmpstr (string_or_null (exported_note_body (json_array_get_object_element (export_items (root), 0)), "value"),
                     ==, "Kept");
  }
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, SCHOLIA_SCHEMA_VERSION);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM annotation_provenance"), ==, 0);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM annotations"), ==, 1);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) before = test_read_bytes (read_only);
    g_autoptr(GBytes) after = NULL;
    g_autoptr(ScholiaStore) store = scholia_store_open_read_only (read_only, &error);
    g_autoptr(JsonNode) root = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (scholia_store_get_schema_version (store), ==, 5);
    root = export_all (store);
    g_assert_cmpuint (json_array_get_length (export_items (root)), ==, 1);
    g_clear_object (&store);
    after = test_read_bytes (read_only);
    g_assert_true (g_bytes_equal (before, after));
  }
}

/* scholia-cli import-annotations: 0 when everything was imported, 3 when some were (each of
 * the others on a line of its own), 1 when none could be, and then nothing is written. */
static void
test_cli_exit_status (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *library = g_build_filename (fixture->dir, "a.sqlite3", NULL);
  g_autofree char *collection_path = shared_path ("w3c-examples/correct/collection1.json");
  g_autoptr(JsonNode) collection = parse_file (collection_path);
  JsonArray *items = json_object_get_array_member (json_object_get_object_member (json_node_get_object (collection), "first"),
                                                   "items");
  g_autofree char *partial = NULL;
  g_autofree char *whole = NULL;
  g_auto(CliRun) run = { 0 };

  g_clear_object (&fixture->store);
  cli_run (&run, fixture->dir, "--library", library, "import-annotations", collection_path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no selector"));
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM annotations"), ==, 0);

  for (guint i = 2; i < json_array_get_length (items); i++)
    retarget (json_array_get_object_element (items, i));
  partial = write_node (fixture, "partial.jsonld", collection);
  cli_run (&run, fixture->dir, "--library", library, "import-annotations", partial, NULL);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "Imported 41 annotations"));
  g_assert_nonnull (strstr (run.err, "2 annotations were not imported"));
  g_assert_nonnull (strstr (run.err, "\n  The target of annotation 1 (http://example.org/anno1) has no selector"));
  g_assert_nonnull (strstr (run.err, "\n  The target of annotation 2 (http://example.org/anno2) has no selector"));
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM annotations"), ==, 41);
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM annotation_provenance"), ==, 41);

  retarget (json_array_get_object_element (items, 0));
  retarget (json_array_get_object_element (items, 1));
  whole = write_node (fixture, "whole.jsonld", collection);
  cli_run (&run, fixture->dir, "--library", library, "import-annotations", whole, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported 2 annotations"));
  g_assert_nonnull (strstr (run.out, "already present: 41"));
  g_assert_cmpint (test_sql_int (library, "SELECT count(*) FROM annotations"), ==, 43);

  cli_run (&run, fixture->dir, "--library", library, "export", "--all", "--format", "w3c", "--annotator", "Maren Holt",
           "-o", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"via\" : \"http://example.org/anno43\""));
  g_assert_nonnull (strstr (run.out, "\"name\" : \"Maren Holt\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/w3c-fidelity/examples/correct-round-trip", test_correct_examples_round_trip);
  ADD ("/w3c-fidelity/examples/incorrect-refused", test_incorrect_examples_refused);
  ADD ("/w3c-fidelity/examples/every-file-imports-or-is-refused", test_every_file_imports_or_is_refused);
  ADD ("/w3c-fidelity/import/collection-imports-what-it-can", test_collection_imports_what_it_can);
  ADD ("/w3c-fidelity/import/refined-selectors-read", test_refined_selectors_read);
  ADD ("/w3c-fidelity/identity/survives-another-library", test_identity_survives_another_library);
  ADD ("/w3c-fidelity/export/html-note-kept", test_html_note_kept);
  ADD ("/w3c-fidelity/export/own-annotations", test_own_annotations_exported);
  ADD ("/w3c-fidelity/schema/version-5-library-upgrades", test_version_5_library_upgrades);
  ADD ("/w3c-fidelity/cli/exit-status", test_cli_exit_status);
#undef ADD

  return g_test_run ();
}
