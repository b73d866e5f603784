/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "scholia-error.h"
#include "scholia-refi.h"
#include "test-files.h"

/* Essays of our own, with characters outside ASCII before the passages, so that positions in
 * bytes and in code points differ. */
static const char harbour[] =
  "Żeleński’s ledger of the Varnholm harbour runs from 1841 to 1849.\n\n"
  "The dues rose three times; the Twelve Houses blamed the railway, the railway the river.\n\n"
  "Nobody counted the barges but Żeleński: “forty a day, and none paid”.\n";
static const char mills[] =
  "Dear Aurelia, the mills at Łódź are quiet this winter.\n\n"
  "Nobody speaks of the strike, though everyone remembers it.\n";

#define SHARED_REFI "refi-qda"

static char *
shared_path (const char *name)
{
  const char *shared = g_getenv ("SCHOLIA_SHARED_DIR");

  g_assert_nonnull (shared);
  return g_build_filename (shared, SHARED_REFI, name, NULL);
}

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

/* Every entry of a zip, by path. */
static GHashTable *
read_zip (const char *path)
{
  GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;

  archive_read_support_format_zip (archive);
  g_assert_cmpint (archive_read_open_filename (archive, path, 65536), ==, ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      guint8 block[8192];
      la_ssize_t n;

      while ((n = archive_read_data (archive, block, sizeof block)) > 0)
        g_byte_array_append (data, block, n);
      g_assert_cmpint (n, ==, 0);
      g_hash_table_insert (entries, g_strdup (archive_entry_pathname (entry)),
                           g_byte_array_free_to_bytes (g_steal_pointer (&data)));
    }
  archive_read_free (archive);
  return entries;
}

/* A zip of @n_entries pairs of name and contents. */
static void
write_zip (const char  *path,
           const char **entries,
           guint        n_entries)
{
  struct archive *archive = archive_write_new ();

  archive_write_set_format_zip (archive);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize length = strlen (entries[2 * i + 1]);

      archive_entry_set_pathname (entry, entries[2 * i]);
      archive_entry_set_size (entry, length);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (archive, entries[2 * i + 1], length), ==, (la_ssize_t) length);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

static xmlDoc *
parse (GBytes *bytes)
{
  xmlDoc *doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                               "project.qde", NULL, XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

static void
assert_valid (xmlDoc     *doc,
              const char *schema_name)
{
  g_autofree char *schema_path = shared_path (schema_name);
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt (schema_path);
  xmlSchemaPtr schema = xmlSchemaParse (parser);
  xmlSchemaValidCtxtPtr validator;

  g_assert_nonnull (schema);
  validator = xmlSchemaNewValidCtxt (schema);
  g_assert_cmpint (xmlSchemaValidateDoc (validator, doc), ==, 0);
  xmlSchemaFreeValidCtxt (validator);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);
}

/* count(@expression) in a project or codebook, the namespace bound to q. */
static guint
xpath_count (xmlDoc     *doc,
             const char *expression)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result;
  guint n;

  xmlXPathRegisterNs (context, BAD_CAST "q", xmlDocGetRootElement (doc)->ns != NULL
                      ? xmlDocGetRootElement (doc)->ns->href : BAD_CAST "");
  result = xmlXPathEvalExpression (BAD_CAST expression, context);
  g_assert_nonnull (result);
  n = result->nodesetval != NULL ? (guint) result->nodesetval->nodeNr : 0;
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return n;
}

static char *
xpath_string (xmlDoc     *doc,
              const char *expression)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result;
  char *value;

  xmlXPathRegisterNs (context, BAD_CAST "q", xmlDocGetRootElement (doc)->ns->href);
  result = xmlXPathEvalExpression (BAD_CAST expression, context);
  g_assert_nonnull (result);
  value = g_strdup ((const char *) xmlXPathCastToString (result));
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return value;
}

static gint64
label_id (ScholiaStore *store,
          GType         type,
          const char   *name,
          const char   *colour)
{
  g_autoptr(GError) error = NULL;
  ScholiaLabel *label = scholia_store_find_label (store, type, name, NULL);

  if (label == NULL)
    label = scholia_store_add_label (store, type, name, colour, NULL, &error);
  g_assert_no_error (error);
  return scholia_label_get_id (label);
}

static ScholiaAnnotation *
annotate (ScholiaStore    *store,
          ScholiaDocument *document,
          const char      *text,
          const char      *quote,
          gint64           tag,
          gint64           theme,
          const char      *note)
{
  g_autoptr(GError) error = NULL;
  int start = g_utf8_pointer_to_offset (text, strstr (text, quote));
  ScholiaAnnotation *annotation;

  annotation = scholia_store_add_annotation (store, document, start, start + g_utf8_strlen (quote, -1),
                                             &tag, tag != 0, &theme, theme != 0, note, &error);
  g_assert_no_error (error);
  return annotation;
}

/* Two essays by two authors, a tag of our own with its colour and description, two themes,
 * four annotations (one with two tags and a theme, two with notes). */
static void
fill_library (ScholiaStore *store)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *ledger, *letter;
  gint64 evidence = label_id (store, SCHOLIA_TYPE_TAG, "Evidence", NULL);
  gint64 counting = label_id (store, SCHOLIA_TYPE_TAG, "Counting", "#2a9d8f");
  gint64 trade = label_id (store, SCHOLIA_TYPE_THEME, "Trade", "#e76f51");
  gint64 labour = label_id (store, SCHOLIA_TYPE_THEME, "Labour", NULL);
  g_autoptr(ScholiaAnnotation) a = NULL, b = NULL, c = NULL, d = NULL;
  gint64 ids[2];

  g_assert_true (scholia_store_update_label (store, scholia_store_lookup_label (store, SCHOLIA_TYPE_TAG, counting),
                                             NULL, NULL, "Numbers someone wrote down", &error));
  g_assert_no_error (error);
  ledger = scholia_store_add_document (store, "The Varnholm ledger", "Irena Sobczak", "1850",
                                       "Varnholm town archive", harbour, NULL, &error);
  g_assert_no_error (error);
  letter = scholia_store_add_document (store, "A letter from Łódź", "Tomasz Wieczorek", "spring 1905",
                                       NULL, mills, NULL, &error);
  g_assert_no_error (error);

  a = annotate (store, ledger, harbour, "The dues rose three times", evidence, trade, "Three rises in eight years.");
  b = annotate (store, ledger, harbour, "“forty a day, and none paid”", counting, 0, NULL);
  ids[0] = counting;
  ids[1] = evidence;
  g_assert_true (scholia_store_set_annotation_labels (store, b, SCHOLIA_TYPE_TAG, ids, 2, &error));
  g_assert_true (scholia_store_set_annotation_labels (store, b, SCHOLIA_TYPE_THEME, &trade, 1, &error));
  g_assert_no_error (error);
  c = annotate (store, letter, mills, "the mills at Łódź are quiet", 0, labour, NULL);
  d = annotate (store, letter, mills, "everyone remembers it", evidence, labour, "Memory, not record.");
}

static char *
export_project (ScholiaStore *store,
                const char   *dir,
                const char   *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  guint left_out = 99;

  g_assert_true (scholia_refi_export_project (store, NULL, "Marta Kowalczyk", path, &left_out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (left_out, ==, 0);
  return path;
}

static void
test_export_valid (TestLibraryFixture *fixture,
                   gconstpointer       data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->dir, "library.sqlite3");
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autofree char *ledger_entry = NULL;
  g_autofree char *value = NULL;
  GListModel *documents;
  g_autoptr(ScholiaDocument) ledger = NULL;
  xmlDoc *doc;
  GBytes *text;
  int start;

  fill_library (store);
  path = export_project (store, fixture->dir, "library.qdpx");
  entries = read_zip (path);
  g_assert_cmpuint (g_hash_table_size (entries), ==, 3);
  doc = parse (g_hash_table_lookup (entries, "project.qde"));
  assert_valid (doc, "Project.xsd");

  /* What the library holds, where the standard puts it. */
  g_assert_cmpuint (xpath_count (doc, "/q:Project/q:Sources/q:TextSource"), ==, 2);
  g_assert_cmpuint (xpath_count (doc, "//q:PlainTextSelection"), ==, 4);
  g_assert_cmpuint (xpath_count (doc, "//q:PlainTextSelection/q:Coding"), ==, 2 + 3 + 1 + 2);
  g_assert_cmpuint (xpath_count (doc, "/q:Project/q:Notes/q:Note"), ==, 2);
  g_assert_cmpuint (xpath_count (doc, "//q:PlainTextSelection/q:NoteRef[@targetGUID = /q:Project/q:Notes/q:Note/@guid]"), ==, 2);
  g_assert_cmpuint (xpath_count (doc, "//q:Coding/q:CodeRef[@targetGUID = //q:Code/@guid]"), ==, 8);
  g_assert_cmpuint (xpath_count (doc, "/q:Project/q:Cases/q:Case[q:SourceRef]"), ==, 2);
  g_assert_cmpuint (xpath_count (doc, "/q:Project/q:Users/q:User[@name = 'Marta Kowalczyk']"), ==, 1);
  g_assert_cmpuint (xpath_count (doc, "//q:PlainTextSelection[@creatingUser = /q:Project/q:Users/q:User/@guid]"), ==, 4);
  g_assert_cmpuint (xpath_count (doc, "//q:Code[@name = 'Tags' and @isCodable = 'false']/q:Code[@name = 'Counting' and @color = '#2a9d8f']"), ==, 1);
  g_assert_cmpuint (xpath_count (doc, "//q:Code[@name = 'Themes']/q:Code[@name = 'Trade' and @color = '#e76f51']"), ==, 1);
  value = xpath_string (doc, "//q:Code[@name = 'Counting']/q:Description");
  g_assert_cmpstr (value, ==, "Numbers someone wrote down");
  g_clear_pointer (&value, g_free);
  value = xpath_string (doc, "//q:TextSource[@name = 'The Varnholm ledger']/q:VariableValue"
                             "[q:VariableRef/@targetGUID = //q:Variable[@name = 'Date']/@guid]/q:TextValue");
  g_assert_cmpstr (value, ==, "1850");
  g_clear_pointer (&value, g_free);

  /* The text beside it, and the positions in code points into it. */
  documents = scholia_store_get_documents (store);
  ledger = g_list_model_get_item (documents, 0);
  ledger_entry = g_strconcat ("sources/", scholia_document_get_uuid (ledger), ".txt", NULL);
  text = g_hash_table_lookup (entries, ledger_entry);
  g_assert_nonnull (text);
  g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text), harbour, strlen (harbour));
  value = xpath_string (doc, "//q:TextSource[@name = 'The Varnholm ledger']/@plainTextPath");
  g_assert_true (g_str_has_prefix (value, "internal://"));
  g_assert_cmpstr (value + strlen ("internal://"), ==, ledger_entry + strlen ("sources/"));
  g_clear_pointer (&value, g_free);
  value = xpath_string (doc, "//q:PlainTextSelection[q:NoteRef]/@startPosition");
  start = g_utf8_pointer_to_offset (harbour, strstr (harbour, "The dues rose"));
  g_assert_cmpint (atoi (value), ==, start);
  g_assert_cmpint (start, <, (int) (strstr (harbour, "The dues rose") - harbour));
  xmlFreeDoc (doc);
}

static void
test_codebook (TestLibraryFixture *fixture,
               gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = open_store (fixture->dir, "library.sqlite3");
  g_autoptr(ScholiaStore) other = open_store (fixture->dir, "other.sqlite3");
  g_autofree char *path = g_build_filename (fixture->dir, "codes.qdc", NULL);
  g_autofree char *xml = NULL;
  g_autoptr(GBytes) bytes = NULL;
  ScholiaRefiSummary summary;
  ScholiaLabel *label;
  xmlDoc *doc;

  fill_library (store);
  g_assert_true (scholia_refi_export_codebook (store, path, &error));
  g_assert_no_error (error);
  bytes = test_read_bytes (path);
  doc = parse (bytes);
  assert_valid (doc, "Codebook.xsd");
  g_assert_cmpuint (xpath_count (doc, "//q:Code[@name = 'Tags']/q:Code"), ==,
                    g_list_model_get_n_items (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG)));
  xmlFreeDoc (doc);

  scholia_refi_summary_init (&summary);
  g_assert_true (scholia_refi_import_codebook (other, path, &summary, &error));
  g_assert_no_error (error);
  /* The built-in tags ("evidence" among them) are there already; "Counting" and both themes
   * are new. */
  g_assert_cmpuint (summary.labels_added, ==, 3);
  label = scholia_store_find_label (other, SCHOLIA_TYPE_TAG, "Counting", NULL);
  g_assert_nonnull (label);
  g_assert_cmpstr (scholia_label_get_colour (label), ==, "#2a9d8f");
  g_assert_cmpstr (scholia_label_get_description (label), ==, "Numbers someone wrote down");
  label = scholia_store_find_label (other, SCHOLIA_TYPE_THEME, "Trade", NULL);
  g_assert_nonnull (label);
  g_assert_cmpstr (scholia_label_get_colour (label), ==, "#e76f51");
  scholia_refi_summary_clear (&summary);

  /* The same again adds nothing. */
  scholia_refi_summary_init (&summary);
  g_assert_true (scholia_refi_import_codebook (other, path, &summary, &error));
  g_assert_cmpuint (summary.labels_added, ==, 0);
  scholia_refi_summary_clear (&summary);
}

/* Scholia → qdpx → new library → qdpx: the same project, byte for byte. */
static void
test_round_trip (TestLibraryFixture *fixture,
                 gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = open_store (fixture->dir, "library.sqlite3");
  g_autoptr(ScholiaStore) copy = open_store (fixture->dir, "copy.sqlite3");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GHashTable) first_entries = NULL;
  g_autoptr(GHashTable) second_entries = NULL;
  ScholiaRefiSummary summary;
  GHashTableIter iter;
  gpointer key, value;

  fill_library (store);
  first = export_project (store, fixture->dir, "first.qdpx");
  scholia_refi_summary_init (&summary);
  g_assert_true (scholia_refi_import_project (copy, first, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.sources, ==, 2);
  g_assert_cmpuint (summary.annotations, ==, 4);
  g_assert_cmpuint (summary.codings, ==, 8);
  g_assert_cmpuint (summary.notes, ==, 2);
  /* Who coded is all that is left out, and it is said. */
  g_assert_cmpuint (summary.messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.messages, 0), "Marta Kowalczyk"));
  scholia_refi_summary_clear (&summary);

  second = export_project (copy, fixture->dir, "second.qdpx");
  first_entries = read_zip (first);
  second_entries = read_zip (second);
  g_assert_cmpuint (g_hash_table_size (first_entries), ==, g_hash_table_size (second_entries));
  g_hash_table_iter_init (&iter, first_entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GBytes *other = g_hash_table_lookup (second_entries, key);

      g_assert_nonnull (other);
      g_assert_cmpmem (g_bytes_get_data (value, NULL), g_bytes_get_size (value),
                       g_bytes_get_data (other, NULL), g_bytes_get_size (other));
    }
}

/* The two real projects: every source, code and coding the XML holds arrives. */
static void
import_real (TestLibraryFixture *fixture,
             const char         *name,
             ScholiaRefiSummary *summary,
             ScholiaStore      **store_out,
             xmlDoc            **doc_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = shared_path (name);
  g_autoptr(GHashTable) entries = read_zip (path);
  ScholiaStore *store = open_store (fixture->dir, "real.sqlite3");

  scholia_refi_summary_init (summary);
  g_assert_true (scholia_refi_import_project (store, path, summary, &error));
  g_assert_no_error (error);
  *doc_out = parse (g_hash_table_lookup (entries, "project.qde"));
  *store_out = store;
}

static void
test_import_demo (TestLibraryFixture *fixture,
                  gconstpointer       data)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ScholiaRefiSummary summary;
  ScholiaCounts counts;
  xmlDoc *doc;
  guint codable;
  GListModel *documents;
  gboolean found = FALSE;

  import_real (fixture, "demo.qdpx", &summary, &store, &doc);
  g_assert_cmpuint (summary.sources, ==, xpath_count (doc, "//q:Sources/q:TextSource"));
  g_assert_cmpuint (summary.sources, ==, 2);
  g_assert_cmpuint (summary.codes, ==, xpath_count (doc, "//q:Code"));
  g_assert_cmpuint (summary.codings, ==, xpath_count (doc, "//q:PlainTextSelection/q:Coding"));
  g_assert_cmpuint (summary.annotations, ==, xpath_count (doc, "//q:PlainTextSelection"));
  g_assert_true (scholia_store_get_counts (store, &counts, &error));
  g_assert_cmpuint (counts.documents, ==, 2);
  g_assert_cmpuint (counts.annotations, ==, summary.annotations);
  /* Every code is codable here: each is a tag, named by its path, beside the four built in. */
  codable = xpath_count (doc, "//q:Code[@isCodable = 'true']");
  g_assert_cmpuint (codable, ==, summary.codes);
  g_assert_cmpuint (counts.tags, ==, codable + 4);
  g_assert_nonnull (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "rq1_definition / concepts / abstraction", NULL));
  /* Positions count characters: the selection named "line:6" of board_2017.txt starts line 6. */
  documents = scholia_store_get_documents (store);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(ScholiaDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(GListModel) annotations = scholia_store_list_annotations (store, document, &error);

      for (guint j = 0; j < g_list_model_get_n_items (annotations); j++)
        {
          g_autoptr(ScholiaAnnotation) annotation = g_list_model_get_item (annotations, j);

          if (scholia_annotation_get_start (annotation) == 320 &&
              g_strcmp0 (scholia_document_get_title (document), "board_2017.txt") == 0)
            {
              g_assert_true (g_str_has_prefix (scholia_annotation_get_quote (annotation), "This district goal is"));
              found = TRUE;
            }
        }
    }
  g_assert_true (found);
  /* Who coded is reported, not silently lost. */
  g_assert_cmpuint (summary.messages->len, >=, 1);
  scholia_refi_summary_clear (&summary);
  xmlFreeDoc (doc);
}

static void
test_import_nvivo (TestLibraryFixture *fixture,
                   gconstpointer       data)
{
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ScholiaRefiSummary summary;
  ScholiaCounts counts;
  xmlDoc *doc;

  import_real (fixture, "nvivo_project.qdpx", &summary, &store, &doc);
  /* Two sources given as DOCX with a plain-text representation beside: the plain text is read. */
  g_assert_cmpuint (summary.sources, ==, xpath_count (doc, "//q:Sources/q:TextSource[@richTextPath]"));
  g_assert_cmpuint (summary.sources, ==, 2);
  g_assert_cmpuint (summary.codes, ==, xpath_count (doc, "//q:Code"));
  g_assert_cmpuint (summary.codings, ==, xpath_count (doc, "//q:Coding"));
  g_assert_true (scholia_store_get_counts (store, &counts, &error));
  g_assert_cmpuint (counts.documents, ==, 2);
  g_assert_nonnull (scholia_store_find_document (store, "d097e6fd-7671-4d95-a8b6-7795fa4a72e1", NULL));
  g_assert_nonnull (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "rq1_definition / framings / cs_as_programming / programming", NULL));
  scholia_refi_summary_clear (&summary);
  xmlFreeDoc (doc);
}

/* What other programs write: Sources/ in capitals, a .qde of another name, text inline and as
 * a PDF's representation, notes, a selection outside its text, a picture. */
static const char lenient_qde[] =
  "<?xml version='1.0' encoding='utf-8'?>"
  "<Project xmlns='urn:QDA-XML:project:1.0' name='Field notes'>"
  "<Users><User guid='{11111111-1111-1111-1111-111111111111}' name='Ada Pirelli'/></Users>"
  "<CodeBook><Codes>"
  "<Code guid='22222222-2222-2222-2222-222222222222' name='places' isCodable='false' color='#F00'>"
  "<Code guid='22222222-2222-2222-2222-222222222223' name='harbour' isCodable='true'/></Code>"
  "<Code guid='22222222-2222-2222-2222-222222222224' name='people' isCodable='true'><NoteRef targetGUID='55555555-5555-5555-5555-555555555553'/></Code>"
  "</Codes></CodeBook>"
  "<Variables><Variable guid='66666666-6666-6666-6666-666666666661' name='author' typeOfVariable='Text'/>"
  "<Variable guid='66666666-6666-6666-6666-666666666662' name='Weather' typeOfVariable='Text'/></Variables>"
  "<Sources>"
  "<TextSource guid='33333333-3333-3333-3333-333333333331' name='Quay diary' plainTextPath='internal://quay.txt'>"
  "<PlainTextSelection guid='44444444-4444-4444-4444-444444444441' startPosition='9' endPosition='15'>"
  "<Coding guid='44444444-4444-4444-4444-444444444451' creatingUser='11111111-1111-1111-1111-111111111111'>"
  "<CodeRef targetGUID='22222222-2222-2222-2222-222222222223'/></Coding>"
  "<NoteRef targetGUID='55555555-5555-5555-5555-555555555551'/></PlainTextSelection>"
  "<PlainTextSelection guid='44444444-4444-4444-4444-444444444442' startPosition='10' endPosition='900'>"
  "<Coding guid='44444444-4444-4444-4444-444444444452'><CodeRef targetGUID='22222222-2222-2222-2222-222222222224'/></Coding>"
  "</PlainTextSelection>"
  "<VariableValue><VariableRef targetGUID='66666666-6666-6666-6666-666666666661'/><TextValue>Ada Pirelli</TextValue></VariableValue>"
  "<VariableValue><VariableRef targetGUID='66666666-6666-6666-6666-666666666662'/><TextValue>rain</TextValue></VariableValue>"
  "</TextSource>"
  "<TextSource guid='33333333-3333-3333-3333-333333333332' name='Inline'><PlainTextContent>Ships, ropes and tar.</PlainTextContent>"
  "<PlainTextSelection guid='44444444-4444-4444-4444-444444444443' startPosition='0' endPosition='5'>"
  "<Coding guid='44444444-4444-4444-4444-444444444453'><CodeRef targetGUID='22222222-2222-2222-2222-222222222222'/></Coding>"
  "</PlainTextSelection></TextSource>"
  "<PDFSource guid='33333333-3333-3333-3333-333333333333' name='Harbour report' path='internal://report.pdf'>"
  "<PDFSelection guid='44444444-4444-4444-4444-444444444444' page='1' firstX='1' firstY='1' secondX='2' secondY='2'/>"
  "<Representation guid='33333333-3333-3333-3333-333333333334' plainTextPath='internal://report.txt'>"
  "<PlainTextSelection guid='44444444-4444-4444-4444-444444444445' startPosition='0' endPosition='6'>"
  "<Coding guid='44444444-4444-4444-4444-444444444455'><CodeRef targetGUID='22222222-2222-2222-2222-222222222224'/></Coding>"
  "</PlainTextSelection></Representation></PDFSource>"
  "<PictureSource guid='33333333-3333-3333-3333-333333333335' name='Quay photograph' path='internal://quay.jpg'/>"
  "</Sources>"
  "<Notes><Note guid='55555555-5555-5555-5555-555555555551' name='n1'><PlainTextContent>Where the barges tied up.</PlainTextContent></Note>"
  "<Note guid='55555555-5555-5555-5555-555555555552' name='Stray thought'><PlainTextContent>Ask the archivist.</PlainTextContent></Note>"
  "<Note guid='55555555-5555-5555-5555-555555555553' name='memo'><PlainTextContent>Anyone named.</PlainTextContent></Note></Notes>"
  "</Project>";

static gboolean
has_message (ScholiaRefiSummary *summary,
             const char         *part)
{
  for (guint i = 0; i < summary->messages->len; i++)
    if (strstr (g_ptr_array_index (summary->messages, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_import_lenient (TestLibraryFixture *fixture,
                     gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaStore) store = open_store (fixture->dir, "library.sqlite3");
  g_autofree char *path = g_build_filename (fixture->dir, "field.qdpx", NULL);
  const char *entries[] = {
    "Field notes.qde", lenient_qde,
    "Sources/quay.txt", "\xef\xbb\xbf" "At dawn, Łódź barges waited at the quay.",
    "Sources/report.txt", "Report of the harbour master.",
    "Sources/report.pdf", "%PDF-1.4 not read",
  };
  ScholiaRefiSummary summary;
  ScholiaDocument *quay, *report;
  g_autoptr(GListModel) annotations = NULL;
  g_autoptr(ScholiaAnnotation) first = NULL;
  ScholiaLabel *people;

  write_zip (path, entries, G_N_ELEMENTS (entries) / 2);
  scholia_refi_summary_init (&summary);
  g_assert_true (scholia_refi_import_project (store, path, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.sources, ==, 3);
  g_assert_cmpuint (summary.annotations, ==, 3);
  g_assert_cmpuint (summary.codings, ==, 3);
  g_assert_cmpuint (summary.notes, ==, 1);

  quay = scholia_store_find_document (store, "Quay diary", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_author (quay), ==, "Ada Pirelli");
  annotations = scholia_store_list_annotations (store, quay, &error);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 1);
  first = g_list_model_get_item (annotations, 0);
  /* Counted in characters after the byte order mark: "Łódź" is 4 characters, 7 bytes. */
  g_assert_cmpstr (scholia_annotation_get_quote (first), ==, "Łódź b");
  g_assert_cmpstr (scholia_annotation_get_note (first), ==, "Where the barges tied up.");
  g_assert_cmpstr (scholia_annotation_get_uuid (first), ==, "44444444-4444-4444-4444-444444444441");
  g_assert_nonnull (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "places / harbour", NULL));
  /* The folder "places" codes a passage itself, so it is a tag too, with its colour. */
  g_assert_cmpstr (scholia_label_get_colour (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "places", NULL)), ==, "#ff0000");
  people = scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "people", NULL);
  g_assert_cmpstr (scholia_label_get_description (people), ==, "Anyone named.");
  report = scholia_store_find_document (store, "Harbour report", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scholia_document_get_uuid (report), ==, "33333333-3333-3333-3333-333333333333");

  /* Each thing left out is named. */
  g_assert_true (has_message (&summary, "10–900"));
  g_assert_true (has_message (&summary, "Quay photograph"));
  g_assert_true (has_message (&summary, "Stray thought"));
  g_assert_true (has_message (&summary, "Weather"));
  g_assert_true (has_message (&summary, "Ada Pirelli"));
  g_assert_true (has_message (&summary, "1 region"));
  g_assert_cmpuint (summary.skipped, ==, summary.messages->len);
  scholia_refi_summary_clear (&summary);
}

static void
assert_unchanged (ScholiaStore        *store,
                  const ScholiaCounts *before)
{
  g_autoptr(GError) error = NULL;
  ScholiaCounts after;

  g_assert_true (scholia_store_get_counts (store, &after, &error));
  g_assert_cmpuint (after.documents, ==, before->documents);
  g_assert_cmpuint (after.annotations, ==, before->annotations);
  g_assert_cmpuint (after.tags, ==, before->tags);
  g_assert_cmpuint (after.themes, ==, before->themes);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, before->documents);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_labels (store, SCHOLIA_TYPE_TAG)), ==, before->tags);
}

static void
test_import_refused (TestLibraryFixture *fixture,
                     gconstpointer       data)
{
  g_autoptr(ScholiaStore) store = open_store (fixture->dir, "library.sqlite3");
  g_autofree char *corrupt = test_write_file (fixture->dir, "corrupt.qdpx", "PK\x03\x04" " this is no zip at all");
  g_autofree char *empty_path = g_build_filename (fixture->dir, "no-project.qdpx", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "bad-code.qdpx", NULL);
  const char *no_project[] = { "sources/a.txt", "A text without its project." };
  const char *bad_code[] = {
    "project.qde",
    "<Project xmlns='urn:QDA-XML:project:1.0' name='p'><CodeBook><Codes>"
    "<Code guid='22222222-2222-2222-2222-222222222221' name='fine' isCodable='true'/>"
    "<Code guid='22222222-2222-2222-2222-222222222222' name='bad&#9;name' isCodable='true'/>"
    "</Codes></CodeBook><Sources><TextSource guid='33333333-3333-3333-3333-333333333331' name='t'>"
    "<PlainTextContent>Some text.</PlainTextContent></TextSource></Sources></Project>",
  };
  ScholiaCounts before;
  ScholiaRefiSummary summary;
  GError *error = NULL;

  fill_library (store);
  g_assert_true (scholia_store_get_counts (store, &before, &error));

  scholia_refi_summary_init (&summary);
  g_assert_false (scholia_refi_import_project (store, corrupt, &summary, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "corrupt.qdpx"));
  g_assert_nonnull (strstr (error->message, "zip"));
  g_clear_error (&error);
  assert_unchanged (store, &before);

  write_zip (empty_path, no_project, 1);
  g_assert_false (scholia_refi_import_project (store, empty_path, &summary, &error));
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no-project.qdpx"));
  g_assert_nonnull (strstr (error->message, ".qde"));
  g_clear_error (&error);
  assert_unchanged (store, &before);

  /* A code the library refuses, after another was added: nothing of the project stays. */
  write_zip (bad_path, bad_code, 1);
  g_assert_false (scholia_refi_import_project (store, bad_path, &summary, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "bad"));
  g_clear_error (&error);
  assert_unchanged (store, &before);
  g_assert_null (scholia_store_find_label (store, SCHOLIA_TYPE_TAG, "fine", NULL));
  scholia_refi_summary_clear (&summary);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add_with_library ("/refi-qda/export/valid", test_export_valid);
  test_add_with_library ("/refi-qda/codebook", test_codebook);
  test_add_with_library ("/refi-qda/round-trip", test_round_trip);
  test_add_with_library ("/refi-qda/import/demo", test_import_demo);
  test_add_with_library ("/refi-qda/import/nvivo", test_import_nvivo);
  test_add_with_library ("/refi-qda/import/lenient", test_import_lenient);
  test_add_with_library ("/refi-qda/import/refused", test_import_refused);

  return g_test_run ();
}
