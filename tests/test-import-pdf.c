/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PDF import: the page map that page citations come from, and the reader process that a
 * hostile file cannot hang or crash Scholia through. The other PDF tests are in test-import.c. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "repro.h"
#include "scholia-error.h"
#include "scholia-importer.h"
#include "test-files.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_tmp_dir_new ("scholia-import-pdf-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  scholia_import_set_time_limit (SCHOLIA_IMPORT_DEFAULT_TIME_LIMIT);
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

/* The page map: ranges in text order, each starting where the last one ended, none empty, the
 * first at the start of the text and the last at its end. */
static void
assert_page_map_sound (const ScholiaImportedText *imported)
{
  int length = g_utf8_strlen (imported->text, -1);
  const ScholiaPageRange *ranges;

  g_assert_nonnull (imported->pages);
  g_assert_cmpuint (imported->pages->len, >, 0);
  ranges = (const ScholiaPageRange *) imported->pages->data;

  g_assert_cmpint (ranges[0].start, ==, 0);
  for (guint i = 0; i < imported->pages->len; i++)
    {
      g_assert_cmpint (ranges[i].start, <, ranges[i].end);
      if (i + 1 < imported->pages->len)
        g_assert_cmpint (ranges[i].end, ==, ranges[i + 1].start);
    }
  g_assert_cmpint (ranges[imported->pages->len - 1].end, ==, length);
}

/* The label of the page the character at @offset (in code points) was printed on. */
static const char *
page_at (const ScholiaImportedText *imported,
         int                        offset)
{
  for (guint i = 0; i < imported->pages->len; i++)
    {
      const ScholiaPageRange *range = &g_array_index (imported->pages, ScholiaPageRange, i);

      if (offset >= range->start && offset < range->end)
        return range->label;
    }
  return NULL;
}

/* The page that the only occurrence of @needle starts on, plus @skip characters. */
static const char *
page_of_text (const ScholiaImportedText *imported,
              const char                *needle,
              int                        skip)
{
  const char *found = strstr (imported->text, needle);

  g_assert_nonnull (found);
  g_assert_null (strstr (found + 1, needle));
  return page_at (imported, g_utf8_pointer_to_offset (imported->text, found) + skip);
}

/* hyphen-blank-page.pdf: "histo-" ends page 1, page 2 is a plate, "rian of the Baltic…" starts
 * page 3. The word is whole in the text, "histo" on page 1 and "rian" on page 3; the plate has
 * nothing to cite, so it has no range. */
static void
test_hyphen_across_blank_page (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = import_repro (fixture, "hyphen-blank-page.pdf",
                                                          &error);
  const ScholiaPageRange *ranges;

  g_assert_no_error (error);
  assert_page_map_sound (imported);
  g_assert_cmpuint (imported->pages->len, ==, 2);
  ranges = (const ScholiaPageRange *) imported->pages->data;
  g_assert_cmpstr (ranges[0].label, ==, "1");
  g_assert_cmpstr (ranges[1].label, ==, "3");

  g_assert_cmpstr (page_of_text (imported, "As every careful historian", 0), ==, "1");
  g_assert_cmpstr (page_of_text (imported, "historian of the Baltic", 0), ==, "1");
  g_assert_cmpstr (page_of_text (imported, "historian of the Baltic", 5), ==, "3");
  g_assert_cmpstr (page_of_text (imported, "harbour silted up after 1720", 0), ==, "3");
  g_assert_cmpstr (page_of_text (imported, "the decline, line 11.", 0), ==, "3");
  g_assert_cmpstr (page_of_text (imported, "century, line 11.", 0), ==, "1");
}

/* pdf-pagerange-fuzz.pdf, a fuzzed file of the same shape with printed labels "p-1" and "p-3":
 * its last range used to run past the text. */
static void
test_fuzzed_page_labels (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = import_repro (fixture, "pdf-pagerange-fuzz.pdf",
                                                          &error);
  const ScholiaPageRange *ranges;

  g_assert_no_error (error);
  assert_page_map_sound (imported);
  g_assert_cmpuint (imported->pages->len, ==, 2);
  ranges = (const ScholiaPageRange *) imported->pages->data;
  g_assert_cmpstr (ranges[0].label, ==, "p-1");
  g_assert_cmpstr (ranges[1].label, ==, "p-3");

  g_assert_cmpstr (page_of_text (imported, "Line 17 of page 0", 0), ==, "p-1");
  g_assert_cmpstr (page_of_text (imported, "qine 1 of page 2", 0), ==, "p-3");
  g_assert_cmpstr (page_of_text (imported, "qine 19 of page 2", 0), ==, "p-3");
}

/* The property: for PDFs with any number of pages, blank pages, plates, pages holding only
 * spaces, and words split by a hyphen across them, the page map is sound and every word is on
 * the page it was printed on. Each word is made up and used once, so it can be found again. */

typedef struct
{
  char *word;
  char *label;     /* of the page it was drawn on */
} PlacedWord;

typedef struct
{
  char *head;      /* "head-" ends one page's text, "tail" starts the next page's */
  char *tail;
  char *head_label;
  char *tail_label;
} SplitWord;

typedef enum
{
  PAGE_TEXT,
  PAGE_BLANK,
  PAGE_SPACES,
  PAGE_PLATE,
} PageKind;

static void
placed_word_clear (PlacedWord *placed)
{
  g_free (placed->word);
  g_free (placed->label);
}

static void
split_word_clear (SplitWord *split)
{
  g_free (split->head);
  g_free (split->tail);
  g_free (split->head_label);
  g_free (split->tail_label);
}

static char *
new_word (GHashTable *used)
{
  for (;;)
    {
      char word[8];

      for (guint i = 0; i < 7; i++)
        word[i] = 'a' + g_test_rand_int_range (0, 26);
      word[7] = '\0';
      if (!g_hash_table_contains (used, word))
        {
          g_hash_table_add (used, g_strdup (word));
          return g_strdup (word);
        }
    }
}

static void
draw_text_page (cairo_t    *cr,
                const char *label,
                const char *tail,
                gboolean    split_at_end,
                GHashTable *used,
                GArray     *words,
                SplitWord  *split)
{
  int n_lines = g_test_rand_int_range (1, 13);

  for (int line = 0; line < n_lines; line++)
    {
      g_autoptr(GString) text = g_string_new (line == 0 && tail != NULL ? tail : NULL);
      int n_words = g_test_rand_int_range (3, 8);

      for (int i = 0; i < n_words; i++)
        {
          PlacedWord placed = { new_word (used), g_strdup (label) };

          if (text->len > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, placed.word);
          g_array_append_val (words, placed);
        }
      if (line == n_lines - 1 && split_at_end)
        {
          split->head = new_word (used);
          split->head_label = g_strdup (label);
          g_string_append_printf (text, " %s-", split->head);
        }

      cairo_move_to (cr, 72, 80 + line * 15);
      cairo_show_text (cr, text->str);
    }
}

static void
draw_other_page (cairo_t  *cr,
                 PageKind  kind)
{
  if (kind == PAGE_SPACES)
    {
      cairo_move_to (cr, 72, 80);
      cairo_show_text (cr, "      \t   ");
    }
  else if (kind == PAGE_PLATE)
    {
      cairo_rectangle (cr, 60, 60, 470, 700);
      cairo_fill (cr);
    }
}

/* Writes a random PDF to @path and returns what it holds. */
static void
write_random_pdf (const char *path,
                  GArray     *words,
                  GArray     *splits)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  int n_pages = g_test_rand_int_range (1, 8);
  g_autofree PageKind *kinds = g_new0 (PageKind, n_pages);
  g_autofree char *pending_tail = NULL;
  int last_text = -1;

  for (int i = 0; i < n_pages; i++)
    {
      kinds[i] = g_test_rand_bit () ? PAGE_TEXT : g_test_rand_int_range (PAGE_BLANK, PAGE_PLATE + 1);
      if (kinds[i] == PAGE_TEXT)
        last_text = i;
    }
  /* At least one page has text, or there would be nothing to import. */
  if (last_text < 0)
    {
      last_text = g_test_rand_int_range (0, n_pages);
      kinds[last_text] = PAGE_TEXT;
    }

  cairo_select_font_face (cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", i + 1);

      if (kinds[i] == PAGE_TEXT)
        {
          SplitWord split = { NULL, NULL, NULL, NULL };
          gboolean split_at_end = i < last_text && g_test_rand_bit ();

          if (pending_tail != NULL)
            {
              SplitWord *open = &g_array_index (splits, SplitWord, splits->len - 1);

              open->tail = g_strdup (pending_tail);
              open->tail_label = g_strdup (label);
            }
          draw_text_page (cr, label, pending_tail, split_at_end, used, words, &split);
          g_clear_pointer (&pending_tail, g_free);
          if (split_at_end)
            {
              pending_tail = new_word (used);
              g_array_append_val (splits, split);
            }
        }
      else
        {
          draw_other_page (cr, kinds[i]);
        }
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
test_page_map_property (Fixture       *fixture,
                        gconstpointer  data)
{
  for (int n = 0; n < 30; n++)
    {
      g_autofree char *name = g_strdup_printf ("random-%02d.pdf", n);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (PlacedWord));
      g_autoptr(GArray) splits = g_array_new (FALSE, FALSE, sizeof (SplitWord));
      g_autoptr(ScholiaImportedText) imported = NULL;
      g_autoptr(GError) error = NULL;

      g_array_set_clear_func (words, (GDestroyNotify) placed_word_clear);
      g_array_set_clear_func (splits, (GDestroyNotify) split_word_clear);
      write_random_pdf (path, words, splits);

      imported = import_path (path, &error);
      g_assert_no_error (error);
      assert_page_map_sound (imported);

      for (guint i = 0; i < words->len; i++)
        {
          const PlacedWord *placed = &g_array_index (words, PlacedWord, i);

          g_assert_cmpstr (page_of_text (imported, placed->word, 0), ==, placed->label);
        }
      for (guint i = 0; i < splits->len; i++)
        {
          const SplitWord *split = &g_array_index (splits, SplitWord, i);
          g_autofree char *joined = g_strconcat (split->head, split->tail, NULL);

          g_assert_cmpstr (page_of_text (imported, joined, 0), ==, split->head_label);
          g_assert_cmpstr (page_of_text (imported, joined, strlen (split->head)), ==,
                           split->tail_label);
        }
    }
}

static void
test_zero_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = import_repro (fixture, "zero-pages.pdf", &error);

  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "zero-pages.pdf"));
  g_assert_nonnull (strstr (error->message, "has no pages"));
  g_assert_null (strstr (error->message, "scan"));
}

/* A font whose ToUnicode map turns two glyphs into BEL and ESC, as a damaged or hostile PDF can:
 * the text keeps its words and loses the controls, and the page map still covers it. */
static const char control_glyphs_pdf[] =
  "%PDF-1.4\n"
  "1 0 obj\n"
  "<< /Type /Catalog /Pages 2 0 R >>\n"
  "endobj\n"
  "2 0 obj\n"
  "<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n"
  "endobj\n"
  "3 0 obj\n"
  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>\n"
  "endobj\n"
  "4 0 obj\n"
  "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>\n"
  "endobj\n"
  "5 0 obj\n"
  "<< /Length 58 >>\n"
  "stream\n"
  "BT /F1 12 Tf 72 700 Td (The harbourAsilted Bslowly.) Tj ET\n"
  "endstream\n"
  "endobj\n"
  "6 0 obj\n"
  "<< /Length 237 >>\n"
  "stream\n"
  "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n"
  "1 begincodespacerange <00> <FF> endcodespacerange\n"
  "2 beginbfchar <41> <0007> <42> <001B> endbfchar\n"
  "endcmap CMapName currentdict /CMap defineresource pop end end\n"
  "endstream\n"
  "endobj\n"
  "xref\n"
  "0 7\n"
  "0000000000 65535 f \n"
  "0000000009 00000 n \n"
  "0000000058 00000 n \n"
  "0000000115 00000 n \n"
  "0000000241 00000 n \n"
  "0000000328 00000 n \n"
  "0000000436 00000 n \n"
  "trailer\n"
  "<< /Size 7 /Root 1 0 R >>\n"
  "startxref\n"
  "724\n"
  "%%EOF\n"
  "\n";

static void
test_control_characters_dropped (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "controls.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = NULL;

  g_file_set_contents (path, control_glyphs_pdf, sizeof control_glyphs_pdf - 1, &error);
  g_assert_no_error (error);
  imported = import_path (path, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (imported->text, ==, "The harboursilted slowly.");
  assert_page_map_sound (imported);
}

/* The reader process */

/* How many processes this one has started and not yet reaped, zombies included. */
static guint
count_children (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint children = 0;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *after_name;
      char state;
      int parent;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* "PID (COMMAND) STATE PPID …", where COMMAND may hold anything. */
      after_name = strrchr (stat, ')');
      if (after_name != NULL && sscanf (after_name + 1, " %c %d", &state, &parent) == 2
          && parent == getpid ())
        children++;
    }

  return children;
}

/* pdf-textbomb-2KB.pdf keeps poppler busy for minutes: the time limit stops it, and the import
 * says so, naming the file. */
static void
test_time_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaImportedText) imported = NULL;
  gint64 started;
  double seconds;

  scholia_import_set_time_limit (1);
  started = g_get_monotonic_time ();
  imported = import_repro (fixture, "pdf-textbomb-2KB.pdf", &error);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "pdf-textbomb-2KB.pdf"));
  g_assert_nonnull (strstr (error->message, "took longer than 1 second to read and was skipped"));
  g_assert_cmpfloat (seconds, <, 10);
  g_assert_cmpuint (count_children (), ==, 0);
}

typedef struct
{
  GCancellable *cancellable;
  GError       *error;
  gboolean      done;
  guint         children_at_cancel;
} CancelRun;

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  ScholiaImportedText *imported = scholia_import_file (task_data, cancellable, &error);

  if (imported != NULL)
    g_task_return_pointer (task, imported, (GDestroyNotify) scholia_imported_text_free);
  else
    g_task_return_error (task, error);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CancelRun *run = user_data;
  ScholiaImportedText *imported = g_task_propagate_pointer (G_TASK (result), &run->error);

  g_assert_null (imported);
  run->done = TRUE;
}

static gboolean
on_cancel_timeout (gpointer user_data)
{
  CancelRun *run = user_data;

  run->children_at_cancel = count_children ();
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

/* Cancelling an import (as the GUI's Cancel button does) stops poppler at once, even in the
 * middle of a page: the reader process is killed and reaped. */
static void
test_cancel_stops_reader (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = repro_copy ("pdf-textbomb-2KB.pdf", fixture->dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  CancelRun run = { cancellable, NULL, FALSE, 0 };
  gint64 started;
  double seconds;

  scholia_import_set_time_limit (0);
  task = g_task_new (NULL, cancellable, on_import_done, &run);
  g_task_set_task_data (task, g_file_new_for_path (path), g_object_unref);
  g_task_run_in_thread (task, import_in_thread);
  g_timeout_add (500, on_cancel_timeout, &run);

  started = g_get_monotonic_time ();
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  g_assert_cmpuint (run.children_at_cancel, ==, 1);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds, <, 5);
  g_assert_cmpuint (count_children (), ==, 0);
  g_clear_error (&run.error);
}

/* A reader that crashes, or is missing, is an error for that file, not a crash of Scholia; the
 * next PDF gets a new reader. */
static void
test_reader_failures (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *helper = g_strdup (g_getenv ("SCHOLIA_PDF_HELPER"));
  g_autofree char *crashing = g_build_filename (fixture->dir, "crashing-reader", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing-reader", NULL);
  g_autofree char *pdf = repro_copy ("hyphen-blank-page.pdf", fixture->dir);
  g_autoptr(ScholiaImportedText) imported = NULL;
  g_autoptr(GError) error = NULL;

  /* It reads the request (lengths, then the name and the PDF), and dies as poppler would. */
  g_assert_true (g_file_set_contents (crashing,
                                      "#!/bin/sh\n"
                                      "read -r name_length pdf_length\n"
                                      "head -c $((name_length + pdf_length)) >/dev/null\n"
                                      "kill -SEGV $$\n",
                                      -1, NULL));
  g_assert_cmpint (g_chmod (crashing, 0700), ==, 0);

  g_setenv ("SCHOLIA_PDF_HELPER", crashing, TRUE);
  imported = import_path (pdf, &error);
  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "hyphen-blank-page.pdf"));
  g_assert_nonnull (strstr (error->message, "the PDF reader stopped on it"));
  g_clear_error (&error);

  g_setenv ("SCHOLIA_PDF_HELPER", missing, TRUE);
  imported = import_path (pdf, &error);
  g_assert_null (imported);
  g_assert_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "hyphen-blank-page.pdf"));
  g_assert_nonnull (strstr (error->message, "could not be started"));
  g_clear_error (&error);

  /* The real reader again: it reads both PDFs, and is kept for the next one. */
  g_setenv ("SCHOLIA_PDF_HELPER", helper, TRUE);
  imported = import_path (pdf, &error);
  g_assert_no_error (error);
  g_clear_pointer (&imported, scholia_imported_text_free);
  imported = import_repro (fixture, "pdf-pagerange-fuzz.pdf", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_children (), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import-pdf/page-map/hyphen-across-blank-page", test_hyphen_across_blank_page);
  ADD ("/import-pdf/page-map/fuzzed-page-labels", test_fuzzed_page_labels);
  ADD ("/import-pdf/page-map/every-word-on-its-page", test_page_map_property);
  ADD ("/import-pdf/zero-pages-has-no-pages", test_zero_pages);
  ADD ("/import-pdf/text/control-characters-dropped", test_control_characters_dropped);
  ADD ("/import-pdf/reader/time-limit-skips-file", test_time_limit);
  ADD ("/import-pdf/reader/cancel-kills-reader", test_cancel_stops_reader);
  ADD ("/import-pdf/reader/crash-or-missing-is-an-error", test_reader_failures);
#undef ADD

  return g_test_run ();
}
