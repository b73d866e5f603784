/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inputs found by fuzzing that once crashed the importers or slipped past them (issue 10): each
 * gives its text or a clear error naming the file, never a crash, a hang or a GLib-CRITICAL
 * (g_test_init() makes criticals fatal). */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "repro.h"
#include "scholia-error.h"
#include "scholia-import-batch.h"
#include "test-files.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-import-hostile-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static ScholiaImportedText *
import_path (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return scholia_import_file (file, NULL, error);
}

static ScholiaImportedText *
import_repro (Fixture     *fixture,
              const char  *name,
              GError     **error)
{
  g_autofree char *path = repro_copy (name, fixture->dir);

  return import_path (path, error);
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)) && *p != '\n' && *p != '\t')
      return TRUE;
  return FALSE;
}

/* The body of a DOCX or ODT is an empty file: refused, naming the file and the part. */
static void
assert_empty_body_refused (Fixture    *fixture,
                           const char *name,
                           const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = import_repro (fixture, name, &error);

  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, part));
  g_assert_nonnull (strstr (error->message, "empty"));
}

static void
test_empty_document_xml (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_empty_body_refused (fixture, "empty-document-xml.docx", "word/document.xml");
}

static void
test_empty_content_xml (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_empty_body_refused (fixture, "empty-content-xml.odt", "content.xml");
}

/* Metadata is optional: an empty metadata part costs only the guesses it would have given. */
static void
assert_text_without_metadata (Fixture    *fixture,
                              const char *name,
                              const char *text,
                              const char *format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = import_repro (fixture, name, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (imported->text, ==, text);
  g_assert_cmpstr (imported->format, ==, format);
  g_assert_null (imported->author);
  g_assert_null (imported->date);
}

static void
test_empty_core_xml (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_text_without_metadata (fixture, "empty-core-xml.docx", "Hello essay", "docx");
}

static void
test_empty_meta_xml (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_text_without_metadata (fixture, "empty-meta-xml.odt", "Hello", "odt");
}

/* A blank mimetype entry beside an OpenDocument body: read as the ODT it is. */
static void
test_empty_mimetype (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_text_without_metadata (fixture, "empty-mimetype.odt", "Hello", "odt");
}

/* &#27; in a title would print an escape sequence wherever the title is shown. */
static void
test_html_title_controls (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = import_repro (fixture, "html-escape-title.html", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (imported->title, ==, "Evil [2J]0;pwned title");
  g_assert_cmpstr (imported->text, ==, "Body with marker and harbour text.");
}

/* STX and ETX are what the search marks its matches with. */
static void
test_text_controls (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = import_repro (fixture, "text-stx-etx.txt", &error);

  g_assert_no_error (error);
  g_assert_false (has_control_characters (imported->text));
  g_assert_cmpstr (imported->text, ==,
                   "Intro line about ports.\n\nThe harbour of Varnholm silted. Another harbour "
                   "sentence.");
}

/* Tabs and line ends are the text's layout and form feeds end lines too; every other C0
 * control goes (C1 may be what a Latin-1 file holds). In metadata no control at all stays, C0,
 * DEL or C1: whitespace becomes a space. */
static void
test_controls_in_every_format (void)
{
  static const struct
  {
    const char *filename;
    const char *data;
    const char *text;
    const char *title;
  } cases[] = {
    { "a.txt", "Col\x01umn\x7f\tone\fpage\vtwo\n",
      "Column\x7f\tone\npage\ntwo", "Column one" },
    { "b.md", "# The\x1b[31m Red\tTitle\n\nBo\x02" "dy\x03 text, long enough not to be taken for "
      "binary data.\n",
      "The[31m Red\tTitle\n\nBody text, long enough not to be taken for binary data.",
      "The[31m Red Title" },
    { "c.html", "<title>Old&#9;Port&#127;\xc2\x9b" "1m\xc2\x85" "Essay&#27;</title><p>A&#1;B</p>",
      "AB", "Old Port1m Essay" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].data, strlen (cases[i].data));
      g_autoptr(GError) error = NULL;
      g_autoptr(ScholiaImportedText) imported = NULL;

      imported = scholia_import_bytes (bytes, cases[i].filename, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (imported->text, ==, cases[i].text);
      g_assert_cmpstr (imported->title, ==, cases[i].title);
    }
}

static void
assert_not_regular (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = import_path (path, &error);

  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
}

/* A pipe with no writer would block a read for ever: it must be refused before it is opened. */
static void
test_fifo_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "essay.txt", NULL);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  assert_not_regular (path);
}

/* Devices report no size, so they used to be called empty; /dev/zero never ends. */
static void
test_devices_refused (void)
{
  assert_not_regular ("/dev/zero");
  assert_not_regular ("/dev/urandom");
}

/* The GUI's batch: a damaged file between two good ones costs only itself. */
static void
on_batch_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (scholia_import_batch_run_finish (SCHOLIA_IMPORT_BATCH (source), result, NULL));
  *done = TRUE;
}

static void
test_batch_keeps_good_files (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *library = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  g_autofree char *first = g_build_filename (fixture->dir, "first.txt", NULL);
  g_autofree char *damaged = repro_copy ("empty-document-xml.docx", fixture->dir);
  g_autofree char *third = g_build_filename (fixture->dir, "third.txt", NULL);
  g_autoptr(ScholiaStore) store = NULL;
  g_autoptr(ScholiaImportBatch) batch = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GPtrArray *errors;
  gboolean done = FALSE;

  g_assert_true (g_file_set_contents (first, "The first essay.\n", -1, NULL));
  g_assert_true (g_file_set_contents (third, "The third essay.\n", -1, NULL));
  g_ptr_array_add (files, g_file_new_for_path (first));
  g_ptr_array_add (files, g_file_new_for_path (damaged));
  g_ptr_array_add (files, g_file_new_for_path (third));

  store = scholia_store_open (library, &error);
  g_assert_no_error (error);
  batch = scholia_import_batch_new (store, (GFile **) files->pdata, files->len);
  scholia_import_batch_run_async (batch, NULL, on_batch_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  errors = scholia_import_batch_get_errors (batch);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (errors, 0))->message,
                            "empty-document-xml.docx"));
  g_assert_cmpuint (scholia_import_batch_get_documents (batch)->len, ==, 2);

  /* Committed: another connection sees them. */
  g_clear_object (&store);
  store = scholia_store_open (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scholia_store_get_documents (store)), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import-hostile/zip/empty-document-xml-refused", test_empty_document_xml);
  ADD ("/import-hostile/zip/empty-content-xml-refused", test_empty_content_xml);
  ADD ("/import-hostile/zip/empty-core-xml-costs-metadata-only", test_empty_core_xml);
  ADD ("/import-hostile/zip/empty-meta-xml-costs-metadata-only", test_empty_meta_xml);
  ADD ("/import-hostile/zip/empty-mimetype-no-critical", test_empty_mimetype);
  ADD ("/import-hostile/controls/html-title-escape", test_html_title_controls);
  ADD ("/import-hostile/controls/text-stx-etx", test_text_controls);
  ADD ("/import-hostile/not-regular/fifo", test_fifo_refused);
  ADD ("/import-hostile/batch/keeps-good-files", test_batch_keeps_good_files);
#undef ADD
  g_test_add_func ("/import-hostile/controls/every-format", test_controls_in_every_format);
  g_test_add_func ("/import-hostile/not-regular/devices", test_devices_refused);

  return g_test_run ();
}
