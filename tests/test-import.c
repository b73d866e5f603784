/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <time.h>

#include <archive.h>
#include <archive_entry.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "repro.h"
#include "scholia-error.h"
#include "scholia-import-private.h"
#include "scholia-importer.h"
#include "test-files.h"

/* Every fixture is written by the test itself: as bytes, or into a per-test directory. */

static ScholiaImportedText *
import_data (const char  *data,
             gsize        length,
             const char  *filename,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);

  return scholia_import_bytes (bytes, filename, NULL, error);
}

static ScholiaImportedText *
import_string (const char *text,
               const char *filename)
{
  g_autoptr(GError) error = NULL;
  ScholiaImportedText *imported = import_data (text, strlen (text), filename, &error);

  g_assert_no_error (error);
  g_assert_nonnull (imported);
  return imported;
}

static void
assert_refused (const char *data,
                gsize       length,
                const char *filename,
                int         code,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = import_data (data, length, filename, &error);

  g_assert_null (imported);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, SCHOLIA_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, filename));
  if (message_part != NULL)
    g_assert_nonnull (strstr (error->message, message_part));
}

/* A per-test directory, removed with everything in it. */
typedef struct
{
  char *path;
} TmpDir;

static void
tmp_dir_set_up (TmpDir        *tmp,
                gconstpointer  data)
{
  tmp->path = test_tmp_dir_new ("scholia-import-XXXXXX");
}

static void
tmp_dir_tear_down (TmpDir        *tmp,
                   gconstpointer  data)
{
  test_tmp_dir_remove (tmp->path);
  g_free (tmp->path);
}

static char *
tmp_dir_write (TmpDir     *tmp,
               const char *name,
               const char *data,
               gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp->path, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

/* Plain text */

static void
test_text_utf8 (void)
{
  g_autoptr(ScholiaImportedText) imported = NULL;

  imported = import_string ("\n  The Weavers of Lisle\n\nThey wove at night, één by één.\n",
                            "weavers.txt");
  g_assert_cmpstr (imported->text, ==,
                   "The Weavers of Lisle\n\nThey wove at night, één by één.");
  g_assert_cmpstr (imported->title, ==, "The Weavers of Lisle");
  g_assert_cmpstr (imported->format, ==, "text");
  g_assert_null (imported->pages);
}

static void
test_text_utf8_bom (void)
{
  g_autoptr(ScholiaImportedText) imported = import_string ("\xef\xbb\xbf" "Ledger\nCoins: 3",
                                                           "ledger.txt");

  g_assert_cmpstr (imported->text, ==, "Ledger\nCoins: 3");
  g_assert_cmpstr (imported->title, ==, "Ledger");
}

static void
test_text_utf16_le_bom (void)
{
  static const char data[] = "\xff\xfe" "M\0i\0l\0l\0\r\0\n\0\xe9\0t\0\xe9\0";
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = import_data (data, sizeof data - 1, "mill.txt",
                                                         &error);

  g_assert_no_error (error);
  g_assert_cmpstr (imported->text, ==, "Mill\nété");
}

static void
test_text_utf16_be_bom (void)
{
  static const char data[] = "\xfe\xff" "\0M\0i\0l\0l\0\n\0\xe9\0t\0\xe9";
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = import_data (data, sizeof data - 1, "mill.txt",
                                                         &error);

  g_assert_no_error (error);
  g_assert_cmpstr (imported->text, ==, "Mill\nété");
}

static void
test_text_windows_1252 (void)
{
  g_autoptr(ScholiaImportedText) imported = NULL;

  imported = import_string ("Caf\xe9 \x93Le Phare\x94 \x96 1904", "cafe.txt");
  g_assert_cmpstr (imported->text, ==, "Café “Le Phare” – 1904");
}

static void
test_text_latin1 (void)
{
  g_autoptr(ScholiaImportedText) imported = NULL;

  /* 0x81 means nothing in Windows-1252: only Latin-1 reads this file. */
  imported = import_string ("Na\xefve \x81 r\xe9sum\xe9", "naive.txt");
  g_assert_cmpstr (imported->text, ==, "Naïve \xc2\x81 résumé");
}

static void
test_text_line_ends (void)
{
  g_autoptr(ScholiaImportedText) imported = NULL;

  imported = import_string ("one\r\ntwo\rthree\r\n\r\nfour\n\rfive", "ends.txt");
  g_assert_cmpstr (imported->text, ==, "one\ntwo\nthree\n\nfour\n\nfive");
}

static void
test_text_nfc (void)
{
  g_autoptr(ScholiaImportedText) imported = NULL;

  /* e + combining acute, A + combining ring, and Greek with a combining accent. */
  imported = import_string ("Cafe\xcc\x81 A\xcc\x8a\n\xce\xb1\xcc\x81\xce\xb2", "nfd.txt");
  g_assert_cmpstr (imported->text, ==, "Caf\xc3\xa9 \xc3\x85\n\xce\xac\xce\xb2");
}

static void
test_text_sentence_is_no_title (void)
{
  g_autoptr(ScholiaImportedText) imported = NULL;

  imported = import_string ("The dues rose in 1843.\nThe merchants left.\n", "dues.txt");
  g_assert_null (imported->title);
}

static void
test_text_long_first_line_is_no_title (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(ScholiaImportedText) imported = NULL;

  for (int i = 0; i < 20; i++)
    g_string_append (text, "A long opening sentence ");
  imported = import_string (text->str, "long.txt");
  g_assert_null (imported->title);
}

static void
test_text_large (TmpDir        *tmp,
                 gconstpointer  data)
{
  static const char line[] = "The harbour master of Quelle recorded every ship, its cargo "
                             "and its captain's name, with a note on the weather: café, "
                             "naïve.\n";
  const gsize target = 60 * 1024 * 1024;
  gsize n_lines = target / (sizeof line - 1) + 1;
  g_autoptr(GString) text = g_string_sized_new (n_lines * (sizeof line - 1));
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = NULL;
  gint64 started;
  double seconds;

  for (gsize i = 0; i < n_lines; i++)
    g_string_append_len (text, line, sizeof line - 1);
  path = tmp_dir_write (tmp, "harbour.txt", text->str, text->len);
  file = g_file_new_for_path (path);

  started = g_get_monotonic_time ();
  imported = scholia_import_file (file, NULL, &error);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (imported->text), ==, text->len - 1);
  g_assert_true (g_str_has_prefix (imported->text, "The harbour master"));
  g_test_message ("imported %.1f MB of text in %.3f s: %.0f MB/s", text->len / 1e6, seconds,
                  text->len / 1e6 / seconds);
}

/* Refusals */

static void
test_refuse_empty (void)
{
  assert_refused ("", 0, "nothing.txt", SCHOLIA_ERROR_INVALID, "empty");
}

static void
test_refuse_nul (void)
{
  static const char data[] = "Some words\0and a NUL";

  assert_refused (data, sizeof data - 1, "nul.txt", SCHOLIA_ERROR_UNSUPPORTED,
                  "does not look like text");
}

static void
test_refuse_binary (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";

  assert_refused (png, sizeof png - 1, "picture.bin", SCHOLIA_ERROR_UNSUPPORTED,
                  "does not look like text");
}

static void
test_refuse_blank (void)
{
  assert_refused (" \n\n\t\n", 5, "blank.txt", SCHOLIA_ERROR_INVALID, "no text");
}

static void
test_refuse_too_large (void)
{
  gsize length = SCHOLIA_IMPORT_MAX_TEXT_BYTES + 1024;
  char *data = g_malloc (length);

  memset (data, 'a', length);
  for (gsize i = 80; i < length; i += 81)
    data[i] = '\n';
  assert_refused (data, length, "huge.txt", SCHOLIA_ERROR_TOO_LARGE, "MiB");
  g_free (data);
}

static void
test_refuse_directory (TmpDir        *tmp,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (tmp->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = scholia_import_file (file, NULL, &error);

  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, tmp->path));
  g_assert_nonnull (strstr (error->message, "folder"));
}

static void
test_refuse_missing (TmpDir        *tmp,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (tmp->path, "gone.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = scholia_import_file (file, NULL, &error);

  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "gone.txt"));
}

static void
test_refuse_empty_file (TmpDir        *tmp,
                        gconstpointer  data)
{
  g_autofree char *path = tmp_dir_write (tmp, "empty.txt", "", 0);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = scholia_import_file (file, NULL, &error);

  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty.txt"));
  g_assert_nonnull (strstr (error->message, "is empty"));
}

/* Markdown */

static void
test_markdown_structure (void)
{
  static const char markdown[] =
    "# The Salt *Road*\n"
    "\n"
    "An *essay* on **trade** by _Ada_ and __Bo__, see [the map](http://example.org/m.png \"Map\")\n"
    "and `code *here*`. Second line with snake_case, 2 * 3 and \\*stars\\*.\n"
    "\n"
    "## Sources ##\n"
    "\n"
    "- first item\n"
    "- second *item*\n"
    "  continued here\n"
    "1. one\n"
    "2. two\n"
    "\n"
    "> A quoted\n"
    "> passage.\n"
    "\n"
    "---\n"
    "\n"
    "Setext Heading\n"
    "==============\n"
    "\n"
    "```\n"
    "keep  *this*\n"
    "  as is\n"
    "```\n"
    "\n"
    "![A map](map.png) Final words, see note[^1]\\\n"
    "on two lines.\n"
    "\n"
    "[^1]: The note.\n"
    "[ref]: http://example.org\n";
  g_autoptr(ScholiaImportedText) imported = import_string (markdown, "essay.md");

  g_assert_cmpstr (imported->text, ==,
                   "The Salt Road\n"
                   "\n"
                   "An essay on trade by Ada and Bo, see the map and code *here*. Second line "
                   "with snake_case, 2 * 3 and *stars*.\n"
                   "\n"
                   "Sources\n"
                   "\n"
                   "- first item\n"
                   "- second item continued here\n"
                   "1. one\n"
                   "2. two\n"
                   "\n"
                   "A quoted passage.\n"
                   "\n"
                   "Setext Heading\n"
                   "\n"
                   "keep  *this*\n"
                   "  as is\n"
                   "\n"
                   "Final words, see note[1]\n"
                   "on two lines.\n"
                   "\n"
                   "[1] The note. [ref]: http://example.org");
  g_assert_cmpstr (imported->title, ==, "The Salt Road");
  g_assert_cmpstr (imported->format, ==, "markdown");
}

static void
test_markdown_front_matter (void)
{
  g_autoptr(ScholiaImportedText) imported = NULL;

  imported = import_string ("---\ntitle: \"Ropes and Rigging\"\nauthor: Inès Calder\n"
                            "date: 1998\n---\n\n# Chapter One\n\nHemp came by sea.\n",
                            "ropes.markdown");
  g_assert_cmpstr (imported->text, ==, "Chapter One\n\nHemp came by sea.");
  g_assert_cmpstr (imported->title, ==, "Ropes and Rigging");
  g_assert_cmpstr (imported->author, ==, "Inès Calder");
  g_assert_cmpstr (imported->date, ==, "1998");
}

static void
test_markdown_setext_title (void)
{
  g_autoptr(ScholiaImportedText) imported = NULL;

  imported = import_string ("Ropes\r\n=====\r\n\r\nHemp **came** by\r\nsea.\r\n", "r.md");
  g_assert_cmpstr (imported->text, ==, "Ropes\n\nHemp came by sea.");
  g_assert_cmpstr (imported->title, ==, "Ropes");
}

/* Partners are searched once per block, yet found as before: nested brackets, escapes, code
 * spans closed only by a run of as many backticks, tags that vanish and autolinks. */
static void
test_markdown_partners (void)
{
  static const char markdown[] =
    "See [the [old](a) map](b) and \\[not](c), `a`` b` c, ``` x `` y,\n"
    "<b>bold</b> <http://example.org/x> < 3 [^2] and [^open.\n";
  g_autoptr(ScholiaImportedText) imported = import_string (markdown, "partners.md");

  g_assert_cmpstr (imported->text, ==,
                   "See [the old map](b) and [not](c), a`` b c, ``` x `` y, bold http://example.org/x "
                   "< 3 [2] and [^open.");
}

static double
cpu_seconds (void)
{
  return (double) clock () / CLOCKS_PER_SEC;
}

/* CPU seconds to import @text as Markdown; asserts the text comes out as it went in (no
 * markup), but for the spaces at its ends. */
static double
time_markdown_import (const char *text)
{
  g_autoptr(ScholiaImportedText) imported = NULL;
  g_autofree char *expected = g_strstrip (g_strdup (text));
  double start = cpu_seconds ();
  double seconds;

  imported = import_string (text, "timed.md");
  seconds = cpu_seconds () - start;
  g_assert_true (g_str_equal (imported->text, expected));
  return seconds;
}

/* Openers without partners ("[^[^[^…", "< < <…") once cost a scan to the end of the paragraph
 * each: 2 MB took 51 s. Both repro files must now import in linear time: the whole file in less
 * than eight times its first quarter (linear time takes four, quadratic sixteen), CPU time, not
 * wall time: a quarter rather than a half leaves room for a loaded machine. cmark makes a node of
 * each opener, so they cost more than prose, but no more per byte as they grow. */
static void
test_markdown_linear (TmpDir        *tmp,
                      gconstpointer  data)
{
  const char *names[] = { "md-quadratic-footnotes-2MB.md", "md-quadratic-angles-2MB.md" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = repro_copy (names[i], tmp->path);
      g_autofree char *contents = NULL;
      g_autofree char *quarter = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;
      double whole;
      double first_quarter;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      quarter = g_strndup (contents, length / 4);

      /* Every opener without a partner is text to the reader. */
      first_quarter = time_markdown_import (quarter);
      whole = time_markdown_import (contents);
      g_test_message ("%s: %.3f s, its first quarter %.3f s", names[i], whole, first_quarter);
#ifndef __SANITIZE_ADDRESS__
      /* AddressSanitizer's allocator costs more per allocation as the heap grows (it measured
       * ten times the quarter for the angles), which says nothing of the importer: the plain
       * build checks the times. */
      g_assert_cmpfloat (whole, <, 8 * first_quarter + 0.3);
#endif
    }
}

/* The window's Cancel stops a Markdown file at the next line, not once it is all read. */
static void
test_markdown_cancelled (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = g_new0 (ScholiaImportedText, 1);

  for (int i = 0; i < 1000; i++)
    g_string_append (text, "A line of the essay.\n\n");
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  g_cancellable_cancel (cancellable);

  g_assert_false (_scholia_import_markdown (bytes, "long.md", imported, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (imported->text);
}

/* HTML */

static void
test_html_structure (void)
{
  static const char html[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    "<title>Canal Letters &ndash; An Archive</title>\n"
    "<meta name=\"author\" content=\"Tomasz Wirral\">\n"
    "<meta name=\"citation_publication_date\" content=\"2004-06-01\">\n"
    "<style>p { color: red; }</style>\n"
    "<script>var x = \"<p>not text</p>\";</script></head>\n"
    "<body><nav><a href=\"/\">Home</a> <a href=\"/about\">About</a></nav>\n"
    "<h1>Canal Letters</h1>\n"
    "<p>The   lock-keepers&#8217; letters\n"
    "were <em>never</em> sent &amp; never&nbsp;read.</p><!-- a <p>comment</p> -->\n"
    "<div>Second<br>block &#x2014; with &eacute;clat &copy; &lt;tags&gt; <img src=x.png "
    "alt=\"a lock\"></div>\n"
    "<ul><li>one</li><li>two</li></ul><ol start=\"3\"><li>third</li></ol>\n"
    "<pre>keep   this\n  spacing</pre>\n"
    "<table><tr><td>a</td><td>b</td></tr></table>\n"
    "</body></html>\n";
  g_autoptr(ScholiaImportedText) imported = import_string (html, "letters.data");

  g_assert_cmpstr (imported->text, ==,
                   "Canal Letters\n"
                   "\n"
                   "The lock-keepers’ letters were never sent & never read.\n"
                   "\n"
                   "Second\n"
                   "\n"
                   "block — with éclat © <tags>\n"
                   "\n"
                   "- one\n"
                   "\n"
                   "- two\n"
                   "\n"
                   "3. third\n"
                   "\n"
                   "keep   this\n"
                   "  spacing\n"
                   "\n"
                   "a b");
  g_assert_cmpstr (imported->title, ==, "Canal Letters – An Archive");
  g_assert_cmpstr (imported->author, ==, "Tomasz Wirral");
  g_assert_cmpstr (imported->date, ==, "2004-06-01");
  g_assert_cmpstr (imported->format, ==, "html");
}

static void
test_html_charset (void)
{
  g_autoptr(ScholiaImportedText) imported = NULL;

  imported = import_string ("<html><head><meta http-equiv=\"Content-Type\" "
                            "content=\"text/html; charset=windows-1252\"></head>"
                            "<body><p>Caf\xe9 \x93quoted\x94</p></body></html>",
                            "page.htm");
  g_assert_cmpstr (imported->text, ==, "Café “quoted”");
  g_assert_null (imported->title);
}

static void
test_html_by_extension (void)
{
  g_autoptr(ScholiaImportedText) imported = NULL;

  imported = import_string ("<p>Just a <b>fragment</b></p><p>and more</p>", "frag.html");
  g_assert_cmpstr (imported->text, ==, "Just a fragment\n\nand more");
  g_assert_cmpstr (imported->format, ==, "html");
}

/* PDF */

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_line (cairo_t    *cr,
           const char *font,
           double      x,
           double      y,
           const char *text)
{
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  PangoLayout *layout = pango_cairo_create_layout (cr);

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* Two A5 pages with a running header, page numbers in the footer and a word split over two
 * lines; each body line is drawn on its own, so the line breaks are known. */
static GBytes *
make_two_page_pdf (void)
{
  static const char * const page_lines[2][6] = {
    {
      "The salt merchants of Orvena kept careful",
      "ledgers, and every entry names a histo-",
      "rian of the guild who checked the sums.",
      NULL,
      "A second paragraph begins here and it runs",
      "to the end of the page.",
    },
    {
      "The archive burned in the winter of 1821,",
      "yet copies survived in a convent library.",
      NULL, NULL, NULL, NULL,
    },
  };
  GByteArray *pdf = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, pdf,
                                                                  420, 595);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "The Salt Ledgers");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "Mirela Vantass");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                  "2021-04-05T10:00:00");

  for (int page = 0; page < 2; page++)
    {
      g_autofree char *number = g_strdup_printf ("%d", page + 1);

      draw_line (cr, "Serif Italic 9", 60, 30, "Journal of Imaginary History");
      for (int i = 0; i < 6; i++)
        if (page_lines[page][i] != NULL)
          draw_line (cr, "Serif 12", 60, 80 + i * 16, page_lines[page][i]);
      draw_line (cr, "Serif 9", 205, 550, number);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (pdf);
}

static char *
page_text (ScholiaImportedText *imported,
           guint                page)
{
  ScholiaPageRange *range = &g_array_index (imported->pages, ScholiaPageRange, page);

  return g_utf8_substring (imported->text, range->start, range->end);
}

static void
test_pdf_two_pages (void)
{
  g_autoptr(GBytes) pdf = make_two_page_pdf ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = scholia_import_bytes (pdf, "salt.pdf", NULL, &error);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  ScholiaPageRange *ranges;

  g_assert_no_error (error);
  g_assert_cmpstr (imported->text, ==,
                   "The salt merchants of Orvena kept careful ledgers, and every entry names a "
                   "historian of the guild who checked the sums.\n"
                   "\n"
                   "A second paragraph begins here and it runs to the end of the page.\n"
                   "\n"
                   "The archive burned in the winter of 1821, yet copies survived in a convent "
                   "library.");
  g_assert_cmpstr (imported->format, ==, "pdf");
  g_assert_cmpstr (imported->title, ==, "The Salt Ledgers");
  g_assert_cmpstr (imported->author, ==, "Mirela Vantass");
  g_assert_cmpstr (imported->date, ==, "2021");

  g_assert_nonnull (imported->pages);
  g_assert_cmpuint (imported->pages->len, ==, 2);
  ranges = (ScholiaPageRange *) imported->pages->data;
  g_assert_cmpstr (ranges[0].label, ==, "1");
  g_assert_cmpstr (ranges[1].label, ==, "2");
  g_assert_cmpint (ranges[0].start, ==, 0);
  g_assert_cmpint (ranges[0].end, ==, ranges[1].start);
  g_assert_cmpint (ranges[1].end, ==, g_utf8_strlen (imported->text, -1));

  first = page_text (imported, 0);
  second = page_text (imported, 1);
  g_assert_true (g_str_has_prefix (first, "The salt merchants"));
  g_assert_nonnull (strstr (first, "to the end of the page."));
  g_assert_null (strstr (first, "archive"));
  g_assert_true (g_str_has_prefix (second, "The archive burned"));
  g_assert_true (g_str_has_suffix (second, "convent library."));
}

static void
test_pdf_malformed (void)
{
  static const char garbage[] = "%PDF-1.4 garbage";

  assert_refused (garbage, sizeof garbage - 1, "broken.pdf", SCHOLIA_ERROR_INVALID,
                  "not a valid PDF");
}

static void
test_pdf_no_text (void)
{
  GByteArray *pdf = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, pdf,
                                                                  200, 200);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = NULL;

  /* A scan: a picture and no text. */
  cairo_rectangle (cr, 20, 20, 160, 160);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  bytes = g_byte_array_free_to_bytes (pdf);

  imported = scholia_import_bytes (bytes, "scan.pdf", NULL, &error);
  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "scan.pdf"));
  g_assert_nonnull (strstr (error->message, "no text layer"));
}

static void
test_pdf_encrypted (TmpDir        *tmp,
                    gconstpointer  data)
{
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *locked = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = NULL;
  int status = -1;

  if (qpdf == NULL)
    {
      g_test_skip ("qpdf is not installed: cannot make an encrypted PDF");
      return;
    }

  pdf = make_two_page_pdf ();
  plain = tmp_dir_write (tmp, "plain.pdf", g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  locked = g_build_filename (tmp->path, "locked.pdf", NULL);
  {
    const char *argv[] = { qpdf, "--encrypt", "reader", "owner", "256", "--", plain, locked,
                           NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                  NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  file = g_file_new_for_path (locked);
  imported = scholia_import_file (file, NULL, &error);
  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_ENCRYPTED);
  g_assert_nonnull (strstr (error->message, "locked.pdf"));
  g_assert_nonnull (strstr (error->message, "password"));
}

static void
test_pdf_cancelled (void)
{
  g_autoptr(GBytes) pdf = make_two_page_pdf ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = NULL;

  g_cancellable_cancel (cancellable);
  imported = scholia_import_bytes (pdf, "salt.pdf", cancellable, &error);
  g_assert_null (imported);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* DOCX and ODT */

typedef struct
{
  const char *path;
  const char *content;
} ZipEntry;

static GBytes *
make_zip (const ZipEntry *entries,
          gsize           n_entries,
          const char     *passphrase)
{
  struct archive *archive = archive_write_new ();
  gsize size = 256 * 1024;
  g_autofree char *buffer = g_malloc (size);
  size_t used = 0;

  g_assert_cmpint (archive_write_set_format_zip (archive), ==, ARCHIVE_OK);
  if (passphrase != NULL
      && (archive_write_set_options (archive, "zip:encryption=zipcrypt") != ARCHIVE_OK
          || archive_write_set_passphrase (archive, passphrase) != ARCHIVE_OK))
    {
      archive_write_free (archive);
      return NULL;
    }
  g_assert_cmpint (archive_write_open_memory (archive, buffer, size, &used), ==, ARCHIVE_OK);

  for (gsize i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize length = strlen (entries[i].content);

      archive_entry_set_pathname (entry, entries[i].path);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, length);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (archive, entries[i].content, length), ==, length);
      archive_entry_free (entry);
    }

  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);

  return g_bytes_new (buffer, used);
}

static const char docx_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
  "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

static const char docx_document[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
  "<w:body>"
  "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>The Lantern Guilds</w:t></w:r></w:p>"
  "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
  "<w:r><w:t xml:space=\"preserve\">Lamplighters met </w:t></w:r>"
  "<w:r><w:rPr><w:i/></w:rPr><w:t>weekly</w:t></w:r>"
  "<w:r><w:t xml:space=\"preserve\"> in the tannery &amp; argued.</w:t></w:r></w:p>"
  "<w:p><w:r><w:t>Their</w:t></w:r><w:r><w:tab/><w:t>dues rose.</w:t></w:r>"
  "<w:del w:id=\"1\"><w:r><w:delText>Removed words.</w:delText></w:r></w:del></w:p>"
  "<w:p/>"
  "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
  "<w:r><w:t>Wicks</w:t></w:r><w:r><w:br/><w:t>and oil</w:t></w:r></w:p>"
  "<w:sectPr/></w:body></w:document>";

static const char docx_core[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
  "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
  "xmlns:dcterms=\"http://purl.org/dc/terms/\">"
  "<dc:title>Lantern Guilds of Vessmar</dc:title><dc:creator>Odile Farrant</dc:creator>"
  "<dcterms:created>2019-11-02T08:00:00Z</dcterms:created></cp:coreProperties>";

static void
test_docx (void)
{
  const ZipEntry entries[] = {
    { "[Content_Types].xml", docx_types },
    { "word/document.xml", docx_document },
    { "docProps/core.xml", docx_core },
  };
  g_autoptr(GBytes) docx = make_zip (entries, G_N_ELEMENTS (entries), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = scholia_import_bytes (docx, "guilds.docx", NULL,
                                                                  &error);

  g_assert_no_error (error);
  g_assert_cmpstr (imported->text, ==,
                   "The Lantern Guilds\n"
                   "\n"
                   "Lamplighters met weekly in the tannery & argued.\n"
                   "\n"
                   "Their\tdues rose.\n"
                   "\n"
                   "- Wicks\nand oil");
  g_assert_cmpstr (imported->format, ==, "docx");
  g_assert_cmpstr (imported->title, ==, "Lantern Guilds of Vessmar");
  g_assert_cmpstr (imported->author, ==, "Odile Farrant");
  g_assert_cmpstr (imported->date, ==, "2019");
  g_assert_null (imported->pages);
}

static void
test_docx_title_from_style (void)
{
  const ZipEntry entries[] = {
    { "[Content_Types].xml", docx_types },
    { "word/document.xml", docx_document },
  };
  g_autoptr(GBytes) docx = make_zip (entries, G_N_ELEMENTS (entries), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = scholia_import_bytes (docx, "guilds.docx", NULL,
                                                                  &error);

  g_assert_no_error (error);
  g_assert_cmpstr (imported->title, ==, "The Lantern Guilds");
  g_assert_null (imported->author);
}

static void
test_odt (void)
{
  static const char content[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
    "<office:body><office:text>\n"
    "  <text:h text:outline-level=\"1\">The Ferry Tolls</text:h>\n"
    "  <text:p text:style-name=\"P1\">Ferrymen   kept\n <text:span text:style-name=\"T1\">"
    "tallies</text:span>,<text:s text:c=\"2\"/>not books.</text:p>\n"
    "  <text:p>Line one<text:line-break/>line two<text:tab/>tabbed<text:note text:id=\"n1\">"
    "<text:note-citation>1</text:note-citation><text:note-body><text:p>A note.</text:p>"
    "</text:note-body></text:note></text:p>\n"
    "  <text:list><text:list-item><text:p>barges</text:p></text:list-item></text:list>\n"
    "</office:text></office:body></office:document-content>";
  static const char meta[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:meta>"
    "<meta:initial-creator>Bram Okonta</meta:initial-creator><dc:creator>Someone Else"
    "</dc:creator><dc:title>Ferry Tolls on the Issel</dc:title>"
    "<meta:creation-date>2020-02-03T04:05:06</meta:creation-date>"
    "</office:meta></office:document-meta>";
  const ZipEntry entries[] = {
    { "mimetype", "application/vnd.oasis.opendocument.text" },
    { "content.xml", content },
    { "meta.xml", meta },
  };
  g_autoptr(GBytes) odt = make_zip (entries, G_N_ELEMENTS (entries), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = scholia_import_bytes (odt, "tolls.odt", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (imported->text, ==,
                   "The Ferry Tolls\n"
                   "\n"
                   "Ferrymen kept tallies,  not books.\n"
                   "\n"
                   "Line one\nline two\ttabbed\n"
                   "\n"
                   "- barges");
  g_assert_cmpstr (imported->format, ==, "odt");
  g_assert_cmpstr (imported->title, ==, "Ferry Tolls on the Issel");
  g_assert_cmpstr (imported->author, ==, "Bram Okonta");
  g_assert_cmpstr (imported->date, ==, "2020");
}

/* Sets the uncompressed size that the local header and the central directory declare for
 * @path, as a zip bomb would. */
static GBytes *
declare_size (GBytes     *zip,
              const char *path,
              guint32     size)
{
  gsize length;
  const guint8 *original = g_bytes_get_data (zip, &length);
  guint8 *data = g_memdup2 (original, length);
  gsize path_length = strlen (path);
  guint patched = 0;

  for (gsize i = 0; i + 46 + path_length <= length; i++)
    {
      gsize size_offset;
      gsize name_offset;

      if (memcmp (data + i, "PK\x03\x04", 4) == 0)
        {
          size_offset = 22;
          name_offset = 30;
        }
      else if (memcmp (data + i, "PK\x01\x02", 4) == 0)
        {
          size_offset = 24;
          name_offset = 46;
        }
      else
        {
          continue;
        }

      if (memcmp (data + i + name_offset, path, path_length) != 0)
        continue;
      data[i + size_offset] = size & 0xff;
      data[i + size_offset + 1] = (size >> 8) & 0xff;
      data[i + size_offset + 2] = (size >> 16) & 0xff;
      data[i + size_offset + 3] = (size >> 24) & 0xff;
      patched++;
    }
  g_assert_cmpuint (patched, >=, 1);

  return g_bytes_new_take (data, length);
}

static void
test_zip_bomb (void)
{
  const ZipEntry entries[] = {
    { "[Content_Types].xml", docx_types },
    { "word/document.xml", docx_document },
  };
  g_autoptr(GBytes) docx = make_zip (entries, G_N_ELEMENTS (entries), NULL);
  g_autoptr(GBytes) bomb = declare_size (docx, "word/document.xml", 0xf0000000);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = scholia_import_bytes (bomb, "bomb.docx", NULL,
                                                                  &error);

  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "bomb.docx"));
}

static void
test_zip_corrupt (void)
{
  static const char corrupt[] = "PK\x03\x04\x14\0\0\0\x08\0garbage that is no zip at all, "
                                "just words pretending to be compressed data";

  assert_refused (corrupt, sizeof corrupt - 1, "broken.docx", SCHOLIA_ERROR_INVALID, "damaged");
}

/* GMarkup quotes the bytes it stops at: invalid UTF-8 in a part must not reach the message
 * (found by fuzz-import-odt and fuzz-import-docx; the inputs are in tests/fuzz/make-seeds.py). */
static void
test_zip_invalid_bytes_in_xml (void)
{
  static const char body[] = "<?xml\xa0version=\"1.0\"?>\n<w:document>\xc8\xab\x97\x9a</w:document>";
  const ZipEntry docx_entries[] = {
    { "[Content_Types].xml", docx_types },
    { "word/document.xml", body },
  };
  const ZipEntry odt_entries[] = {
    { "mimetype", "application/vnd.oasis.opendocument.text" },
    { "content.xml", body },
  };
  g_autoptr(GBytes) docx = make_zip (docx_entries, G_N_ELEMENTS (docx_entries), NULL);
  g_autoptr(GBytes) odt = make_zip (odt_entries, G_N_ELEMENTS (odt_entries), NULL);

  assert_refused (g_bytes_get_data (docx, NULL), g_bytes_get_size (docx), "bytes.docx",
                  SCHOLIA_ERROR_INVALID, "not well-formed XML");
  assert_refused (g_bytes_get_data (odt, NULL), g_bytes_get_size (odt), "bytes.odt",
                  SCHOLIA_ERROR_INVALID, "not well-formed XML");
}

static void
test_zip_truncated (void)
{
  const ZipEntry entries[] = {
    { "[Content_Types].xml", docx_types },
    { "word/document.xml", docx_document },
  };
  g_autoptr(GBytes) docx = make_zip (entries, G_N_ELEMENTS (entries), NULL);

  assert_refused (g_bytes_get_data (docx, NULL), g_bytes_get_size (docx) / 2, "half.docx",
                  SCHOLIA_ERROR_INVALID, "damaged");
}

static void
test_zip_encrypted (void)
{
  const ZipEntry entries[] = {
    { "[Content_Types].xml", docx_types },
    { "word/document.xml", docx_document },
  };
  g_autoptr(GBytes) docx = make_zip (entries, G_N_ELEMENTS (entries), "secret");

  if (docx == NULL)
    {
      g_test_skip ("this libarchive cannot write encrypted zips");
      return;
    }

  assert_refused (g_bytes_get_data (docx, NULL), g_bytes_get_size (docx), "locked.docx",
                  SCHOLIA_ERROR_ENCRYPTED, "password");
}

static void
test_zip_other (void)
{
  const ZipEntry entries[] = {
    { "photos/readme.txt", "Holiday photos." },
  };
  g_autoptr(GBytes) zip = make_zip (entries, G_N_ELEMENTS (entries), NULL);

  assert_refused (g_bytes_get_data (zip, NULL), g_bytes_get_size (zip), "photos.zip",
                  SCHOLIA_ERROR_UNSUPPORTED, "not a Word");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/text/utf8", test_text_utf8);
  g_test_add_func ("/import/text/utf8-bom", test_text_utf8_bom);
  g_test_add_func ("/import/text/utf16-le-bom", test_text_utf16_le_bom);
  g_test_add_func ("/import/text/utf16-be-bom", test_text_utf16_be_bom);
  g_test_add_func ("/import/text/windows-1252", test_text_windows_1252);
  g_test_add_func ("/import/text/latin1-fallback", test_text_latin1);
  g_test_add_func ("/import/text/line-ends-become-lf", test_text_line_ends);
  g_test_add_func ("/import/text/nfd-becomes-nfc", test_text_nfc);
  g_test_add_func ("/import/text/sentence-is-no-title", test_text_sentence_is_no_title);
  g_test_add_func ("/import/text/long-first-line-is-no-title",
                   test_text_long_first_line_is_no_title);
  g_test_add ("/import/text/60-mb-file", TmpDir, NULL, tmp_dir_set_up, test_text_large,
              tmp_dir_tear_down);

  g_test_add_func ("/import/refuse/empty", test_refuse_empty);
  g_test_add_func ("/import/refuse/nul-bytes", test_refuse_nul);
  g_test_add_func ("/import/refuse/binary", test_refuse_binary);
  g_test_add_func ("/import/refuse/only-whitespace", test_refuse_blank);
  g_test_add_func ("/import/refuse/too-much-text", test_refuse_too_large);
  g_test_add ("/import/refuse/directory", TmpDir, NULL, tmp_dir_set_up, test_refuse_directory,
              tmp_dir_tear_down);
  g_test_add ("/import/refuse/missing-file", TmpDir, NULL, tmp_dir_set_up, test_refuse_missing,
              tmp_dir_tear_down);
  g_test_add ("/import/refuse/empty-file", TmpDir, NULL, tmp_dir_set_up, test_refuse_empty_file,
              tmp_dir_tear_down);

  g_test_add_func ("/import/markdown/structure", test_markdown_structure);
  g_test_add_func ("/import/markdown/front-matter", test_markdown_front_matter);
  g_test_add_func ("/import/markdown/setext-title", test_markdown_setext_title);
  g_test_add_func ("/import/markdown/partners", test_markdown_partners);
  g_test_add ("/import/markdown/linear-on-repro-files", TmpDir, NULL, tmp_dir_set_up,
              test_markdown_linear, tmp_dir_tear_down);
  g_test_add_func ("/import/markdown/cancelled", test_markdown_cancelled);

  g_test_add_func ("/import/html/structure", test_html_structure);
  g_test_add_func ("/import/html/declared-charset", test_html_charset);
  g_test_add_func ("/import/html/by-extension", test_html_by_extension);

  g_test_add_func ("/import/pdf/two-pages", test_pdf_two_pages);
  g_test_add_func ("/import/pdf/malformed", test_pdf_malformed);
  g_test_add_func ("/import/pdf/no-text-layer", test_pdf_no_text);
  g_test_add ("/import/pdf/encrypted", TmpDir, NULL, tmp_dir_set_up, test_pdf_encrypted,
              tmp_dir_tear_down);
  g_test_add_func ("/import/pdf/cancelled", test_pdf_cancelled);

  g_test_add_func ("/import/docx/paragraphs-and-metadata", test_docx);
  g_test_add_func ("/import/docx/title-from-style", test_docx_title_from_style);
  g_test_add_func ("/import/odt/paragraphs-and-metadata", test_odt);
  g_test_add_func ("/import/zip/bomb", test_zip_bomb);
  g_test_add_func ("/import/zip/corrupt", test_zip_corrupt);
  g_test_add_func ("/import/zip/truncated", test_zip_truncated);
  g_test_add_func ("/import/zip/invalid-bytes-in-xml", test_zip_invalid_bytes_in_xml);
  g_test_add_func ("/import/zip/encrypted", test_zip_encrypted);
  g_test_add_func ("/import/zip/not-a-document", test_zip_other);

  return g_test_run ();
}
