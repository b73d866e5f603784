/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The HTML and Markdown importers on libxml2 and cmark: what pages and notes that other tools
 * write, broken or hostile, read as; that nothing is ever fetched; that depth costs no stack. */
#include "config.h"

#include <pthread.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parserInternals.h>

#include "scholia-error.h"
#include "scholia-import-private.h"
#include "scholia-importer.h"
#include "scholia-w3c-json.h"

static ScholiaImportedText *
import_data (const char *data,
             gssize      length,
             const char *filename)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length < 0 ? strlen (data) : (gsize) length);
  g_autoptr(GError) error = NULL;
  ScholiaImportedText *imported = scholia_import_bytes (bytes, filename, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (imported);
  return imported;
}

static void
assert_text (const char *data,
             const char *filename,
             const char *expected)
{
  g_autoptr(ScholiaImportedText) imported = import_data (data, -1, filename);

  g_assert_cmpstr (imported->text, ==, expected);
}

/* HTML */

/* Misnested inline tags, stray end tags. libxml2 follows HTML 4, not HTML 5's adoption rules:
 * the stray </em> ends the paragraph, so "lock" is one of its own (a browser keeps it). */
static void
test_html_tag_soup (void)
{
  assert_text ("<p>The <b>canal <i>froze</b> that</i> winter</span></div>"
               "<p>Barges <em>waited<p>at Lowmoor</em> lock",
               "soup.html",
               "The canal froze that winter\n\nBarges waited\n\nat Lowmoor\n\nlock");
}

/* Nothing closed at all: paragraphs and items end where the next begins. */
static void
test_html_unclosed (void)
{
  assert_text ("<html><body><div><p>One keeper<p>Two keepers<ul><li>sluice<li>weir"
               "<ol><li>first<li>second",
               "open.html",
               "One keeper\n\nTwo keepers\n\n- sluice\n\n- weir\n\n1. first\n\n2. second");
}

/* A table in a table's cell: cells read in order, rows as paragraphs. */
static void
test_html_nested_tables (void)
{
  assert_text ("<table><tr><td>Toll<td><table><tr><td>inner a<td>inner b</table>"
               "<td>after</tr><tr><td>second row</table>",
               "tables.html",
               "Toll\n\ninner a inner b\n\nafter\n\nsecond row");
}

/* A CDATA section (XHTML's way to hold text with "<" in it) reads as its content. */
static void
test_html_cdata (void)
{
  assert_text ("<p>Depth <![CDATA[x < 3 && y > 2]]> was noted</p>"
               "<svg><![CDATA[drawing]]></svg><p>End</p>",
               "cdata.xhtml",
               "Depth x < 3 && y > 2 was noted\n\nEnd");
}

/* Entities without a semicolon or a name, numbers out of range, Windows-1252 numbers. */
static void
test_html_broken_entities (void)
{
  assert_text ("<p>Tom &amp Jerry &ampx; &unknown; &#147;quoted&#148; &#0; &#x110000; "
               "&#8217s &#xD800; &eacute &lt;b&gt; 5&nbsp;km</p>",
               "entities.html",
               "Tom &amp Jerry &ampx; &unknown; “quoted” \xef\xbf\xbd \xef\xbf\xbd ’s "
               "\xef\xbf\xbd &eacute <b> 5 km");
}

/* The page's banner, menus, side boxes and footer go; an article's own header stays. */
static void
test_html_page_furniture (void)
{
  assert_text ("<body><header>Site banner</header><nav>Menu</nav>"
               "<article><header><h1>The Lock Keepers</h1></header><p>Body text.</p>"
               "<footer>Filed under canals</footer></article>"
               "<aside>Related posts</aside><footer>Copyright</footer></body>",
               "page.html",
               "The Lock Keepers\n\nBody text.\n\nFiled under canals");
}

typedef struct
{
  GBytes              *bytes;
  ScholiaImportedText *imported;
  GError              *error;
} DeepImport;

static void *
import_on_small_stack (void *data)
{
  DeepImport *deep = data;

  deep->imported = scholia_import_bytes (deep->bytes, "deep.html", NULL, &deep->error);
  return NULL;
}

/* 10 MB of 100,000 nested <div>s, each with a sentence, imported on a thread with 256 KiB of
 * stack: every sentence is there, in order, and what follows the nest too. */
static void
test_html_deep_nesting (void)
{
  g_autoptr(GString) page = g_string_new ("<!DOCTYPE html><html><body>");
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new ();
  const char *text;
  DeepImport deep = { NULL, NULL, NULL };
  pthread_attr_t attributes;
  pthread_t thread;

  for (int i = 0; i < 100000; i++)
    g_string_append_printf (page, "<div>Level %06d of the nest, where the clerk kept a ledger "
                            "of every barge that passed through.", i);
  for (int i = 0; i < 100000; i++)
    g_string_append (page, "</div>");
  g_string_append (page, "<p>After the nest.</p></body></html>");
  g_assert_cmpuint (page->len, >, 10 * 1000 * 1000);
  deep.bytes = g_bytes_new (page->str, page->len);

  pthread_attr_init (&attributes);
  pthread_attr_setstacksize (&attributes, 256 * 1024);
  g_assert_cmpint (pthread_create (&thread, &attributes, import_on_small_stack, &deep), ==, 0);
  pthread_join (thread, NULL);
  pthread_attr_destroy (&attributes);

  g_assert_no_error (deep.error);
  /* Paragraphs found by hand: g_strsplit's strstr calls are quadratic under AddressSanitizer,
   * whose interceptor measures the whole rest of this 10 MB text at each of 100,000 calls. */
  text = deep.imported->text;
  g_ptr_array_add (paragraphs, (gpointer) text);
  for (gsize i = 0; text[i] != '\0'; i++)
    if (text[i] == '\n' && text[i + 1] == '\n')
      {
        i++;
        g_ptr_array_add (paragraphs, (gpointer) (text + i + 1));
      }
  g_assert_cmpuint (paragraphs->len, ==, 100001);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (paragraphs, 0), "Level 000000 of the nest"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (paragraphs, 99999), "Level 099999 of the nest"));
  g_assert_cmpstr (g_ptr_array_index (paragraphs, 100000), ==, "After the nest.");

  scholia_imported_text_free (deep.imported);
  g_bytes_unref (deep.bytes);
}

static guint entity_loads;

static xmlParserInputPtr
count_entity_load (const char       *url,
                   const char       *id,
                   xmlParserCtxtPtr  ctxt)
{
  entity_loads++;
  return NULL;
}

/* A DTD, an external entity, an image, a frame and a style sheet naming a file: none is read.
 * The file's words never appear, and libxml2 never asks to load anything. */
static void
test_html_nothing_fetched (void)
{
  static const char * const templates[] = {
    "<!DOCTYPE html SYSTEM \"FILE\"><p>Page &secret; end</p>",
    "<!DOCTYPE html [<!ENTITY secret SYSTEM \"FILE\">]><p>Page &secret; end</p>",
    "<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
    "\"FILE\"><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Page end</p></body></html>",
    "<p>Page <img src=\"FILE\" alt=\"\"> end</p>",
    "<p>Page <iframe src=\"FILE\"></iframe><object data=\"FILE\"></object> end</p>",
    "<link rel=\"stylesheet\" href=\"FILE\"><p>Page <xi:include "
    "xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"FILE\"/> end</p>",
  };
  g_autofree char *dir = g_dir_make_tmp ("scholia-import-libs-XXXXXX", NULL);
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  xmlExternalEntityLoader loader = xmlGetExternalEntityLoader ();

  g_assert_true (g_file_set_contents (secret, "Quartermaster Velloway's private ledger", -1,
                                      NULL));
  xmlSetExternalEntityLoader (count_entity_load);

  for (gsize i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autofree char *url = g_strconcat ("file://", secret, NULL);
      g_autoptr(GString) page = g_string_new (templates[i]);
      g_autoptr(ScholiaImportedText) imported = NULL;

      g_string_replace (page, "FILE", url, 0);
      imported = import_data (page->str, -1, "hostile.xhtml");
      g_test_message ("%s -> %s", page->str, imported->text);
      g_assert_null (strstr (imported->text, "Velloway"));
      g_assert_nonnull (strstr (imported->text, "Page"));
      g_assert_true (g_str_has_suffix (imported->text, "end"));
    }

  xmlSetExternalEntityLoader (loader);
  g_assert_cmpuint (entity_loads, ==, 0);
  g_unlink (secret);
  g_rmdir (dir);
}

/* A declared Windows-1252 page, one declaring Latin-1 (read as browsers do), a BOM that
 * overrules the declaration, UTF-16, and undeclared bytes that are not UTF-8. */
static void
test_html_charsets (void)
{
  static const struct
  {
    const char *data;
    gssize      length;
    const char *text;
  } cases[] = {
    { "<meta charset=\"windows-1252\"><p>Caf\xe9 \x93quoted\x94 \x80</p>", -1,
      "Café “quoted” €" },
    { "<meta http-equiv=\"content-type\" content=\"text/html;charset=ISO-8859-1\">"
      "<p>Na\xefve \x93quote\x94</p>", -1, "Naïve “quote”" },
    { "\xef\xbb\xbf<meta charset=\"iso-8859-1\"><p>Caf\xc3\xa9</p>", -1, "Café" },
    { "\xff\xfe<\0p\0>\0\xe9\0t\0\xe9\0<\0/\0p\0>\0", 20, "été" },
    { "<p>Stra\xdf" "e</p>", -1, "Straße" },
    { "<meta charset=\"koi8-r\"><p>\xf0\xd2\xc9\xd3\xd4\xc1\xd7</p>", -1, "Пристав" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ScholiaImportedText) imported = import_data (cases[i].data, cases[i].length,
                                                             "charset.html");

      g_assert_cmpstr (imported->text, ==, cases[i].text);
    }
}

/* An empty HTML note, or one of only blanks or a comment, is an empty text, not a failure. */
static void
test_html_empty (void)
{
  static const char * const notes[] = { "", "   \n", "<!-- nothing -->", "<p></p>" };

  for (gsize i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autofree char *text = scholia_w3c_json_html_to_text (notes[i]);

      g_assert_cmpstr (text, ==, "");
    }
}

/* The window's Cancel stops the parser. */
static void
test_html_cancelled (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("<p>A page</p>", 13);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = g_new0 (ScholiaImportedText, 1);

  g_cancellable_cancel (cancellable);
  g_assert_false (_scholia_import_html (bytes, "page.html", imported, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (imported->text);
}

/* Markdown: CommonMark's edge cases */

static void
test_markdown_setext (void)
{
  g_autoptr(ScholiaImportedText) imported = NULL;

  imported = import_data ("Tolls of the\nOld Canal\n===\n\nA *first* paragraph.\n\n"
                          "Second heading\n---\n\nText.\n", -1, "setext.md");
  g_assert_cmpstr (imported->text, ==,
                   "Tolls of the Old Canal\n\nA first paragraph.\n\nSecond heading\n\nText.");
  g_assert_cmpstr (imported->title, ==, "Tolls of the Old Canal");
}

/* A quote's and an item's following lines may drop their markers. */
static void
test_markdown_lazy_continuation (void)
{
  assert_text ("> The keeper wrote\nthat the ice held.\n\n- a barge\nstuck fast\n- a sloop\n",
               "lazy.md",
               "The keeper wrote that the ice held.\n\n- a barge stuck fast\n- a sloop");
}

/* An HTML block reads as HTML does: tags and scripts go, entities decode. */
static void
test_markdown_html_blocks (void)
{
  assert_text ("<div class=\"note\">\n<p>Note &amp; <b>aside</b></p>\n"
               "<script>alert('no')</script>\n</div>\n\nAfter *it*, <span>inline</span>.\n"
               "<!-- a comment -->\n",
               "html.md",
               "Note & aside\n\nAfter it, inline.");
}

/* Links by reference read as their text; the definitions go. */
static void
test_markdown_reference_links (void)
{
  assert_text ("See [the ledger][l], [Lowmoor] and [gone][none].\n\n"
               "[l]: http://example.org/ledger \"The ledger\"\n"
               "[lowmoor]: <http://example.org/lowmoor>\n",
               "refs.md",
               "See the ledger, Lowmoor and [gone][none].");
}

/* Lists in lists, indented by how deep they are; numbers counted as a reader sees them. */
static void
test_markdown_nested_lists (void)
{
  assert_text ("- canals\n    - locks\n        - gates\n    - weirs\n- rivers\n\n"
               "3. third\n1. fourth\n",
               "nested.md",
               "- canals\n  - locks\n    - gates\n  - weirs\n- rivers\n3. third\n4. fourth");
}

/* A hard break, by two spaces or a backslash, ends the line at its last word. */
static void
test_markdown_hard_breaks (void)
{
  assert_text ("The ferry ran  \nat dawn, and \\\nat dusk.\n", "breaks.md",
               "The ferry ran\nat dawn, and\nat dusk.");
}

/* Fenced code keeps its lines and blank lines; its markup is text. */
static void
test_markdown_fenced_code (void)
{
  assert_text ("Before.\n\n~~~ text\ntoll = *weight* * rate\n\n  [not a link](x)\n~~~\n\n"
               "````\n```\ninner fence\n```\n````\n",
               "fenced.md",
               "Before.\n\ntoll = *weight* * rate\n\n  [not a link](x)\n\n```\ninner fence\n```");
}

/* A file of unpaired marks would make cmark hold a node for each: refused with the file's name
 * before parsing, instead of exhausting memory. */
static void
test_markdown_too_many_marks (void)
{
  gsize length = 3 * 1000 * 1000 + 1;
  g_autofree char *data = g_malloc (length);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  ScholiaImportedText *imported;

  memset (data, '[', length);
  bytes = g_bytes_new_take (g_steal_pointer (&data), length);
  imported = scholia_import_bytes (bytes, "brackets.md", NULL, &error);
  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "brackets.md"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-libs/html/tag-soup", test_html_tag_soup);
  g_test_add_func ("/import-libs/html/unclosed-tags", test_html_unclosed);
  g_test_add_func ("/import-libs/html/nested-tables", test_html_nested_tables);
  g_test_add_func ("/import-libs/html/cdata", test_html_cdata);
  g_test_add_func ("/import-libs/html/broken-entities", test_html_broken_entities);
  g_test_add_func ("/import-libs/html/page-furniture", test_html_page_furniture);
  g_test_add_func ("/import-libs/html/100000-nested-divs", test_html_deep_nesting);
  g_test_add_func ("/import-libs/html/nothing-fetched", test_html_nothing_fetched);
  g_test_add_func ("/import-libs/html/charsets", test_html_charsets);
  g_test_add_func ("/import-libs/html/empty", test_html_empty);
  g_test_add_func ("/import-libs/html/cancelled", test_html_cancelled);
  g_test_add_func ("/import-libs/markdown/setext-headings", test_markdown_setext);
  g_test_add_func ("/import-libs/markdown/lazy-continuation", test_markdown_lazy_continuation);
  g_test_add_func ("/import-libs/markdown/html-blocks", test_markdown_html_blocks);
  g_test_add_func ("/import-libs/markdown/reference-links", test_markdown_reference_links);
  g_test_add_func ("/import-libs/markdown/nested-lists", test_markdown_nested_lists);
  g_test_add_func ("/import-libs/markdown/hard-breaks", test_markdown_hard_breaks);
  g_test_add_func ("/import-libs/markdown/fenced-code", test_markdown_fenced_code);
  g_test_add_func ("/import-libs/markdown/too-many-marks", test_markdown_too_many_marks);

  return g_test_run ();
}
