/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-table-export.h"
#include "test-files.h"

static const char essay[] =
  "Varnholm’s harbour dues rose three times after 1843.\n\n"
  "Żeleński alone counted the barges, and his count is damning.\n";

static const char letters[] =
  "Dear Aurelia, the mills at Łódź are quiet this winter.\n";

typedef struct
{
  char            *dir;
  ScholiaStore    *store;
  ScholiaDocument *essay;
  ScholiaDocument *letters;
  ScholiaTheme    *trade;
} Fixture;

static void
annotate (Fixture         *fixture,
          ScholiaDocument *document,
          const char      *text,
          const char      *quote,
          const char      *tag,
          const char      *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScholiaAnnotation) annotation = NULL;
  int start = g_utf8_pointer_to_offset (text, strstr (text, quote));
  gint64 tag_id = scholia_label_get_id (scholia_store_find_label (fixture->store, SCHOLIA_TYPE_TAG, tag, NULL));
  gint64 theme_id = scholia_label_get_id (SCHOLIA_LABEL (fixture->trade));

  annotation = scholia_store_add_annotation (fixture->store, document, start, start + g_utf8_strlen (quote, -1),
                                             &tag_id, 1, &theme_id, 1, note, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = scholia_page_ranges_new ();
  g_autofree char *path = NULL;
  ScholiaPageRange first = { 0, 54, g_strdup ("17") };
  ScholiaPageRange second = { 54, g_utf8_strlen (essay, -1), g_strdup ("18") };

  g_array_append_val (pages, first);
  g_array_append_val (pages, second);
  fixture->dir = test_tmp_dir_new ("scholia-table-export-XXXXXX");
  path = g_build_filename (fixture->dir, "library.sqlite3", NULL);
  fixture->store = scholia_store_open (path, &error);
  g_assert_no_error (error);
  fixture->essay = scholia_store_add_document (fixture->store, "Dues, Tolls and Rivers", "Helena Marwick", "1956",
                                               "Varnholm Review 3", essay, pages, &error);
  g_assert_no_error (error);
  fixture->letters = scholia_store_add_document (fixture->store, "Letters", "Aurelia Voss", "1931",
                                                 NULL, letters, NULL, &error);
  g_assert_no_error (error);
  fixture->trade = SCHOLIA_THEME (scholia_store_add_label (fixture->store, SCHOLIA_TYPE_THEME, "Trade", NULL, NULL, &error));
  g_assert_no_error (error);

  annotate (fixture, fixture->essay, essay, "harbour dues rose three times", "thesis",
            "She says “three”, not \"four\",\r\nand means it.");
  annotate (fixture, fixture->essay, essay, "alone counted the barges", "evidence", "");
  annotate (fixture, fixture->letters, letters, "the mills at Łódź are quiet", "evidence", "# not a heading");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

/* A strict RFC 4180 reader: rows of fields, CRLF line ends, quoted fields with doubled quotes.
 * Any deviation fails the test. */
static GPtrArray *
parse_csv (const char *csv)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  const char *p = csv;

  while (*p != '\0')
    {
      g_autoptr(GString) field = g_string_new (NULL);

      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
        }
      else
        for (; *p != ',' && *p != '\r' && *p != '\0'; p++)
          {
            g_assert_true (*p != '"' && *p != '\n');
            g_string_append_c (field, *p);
          }

      g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      row,
      guint      column)
{
  return g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, row), column);
}

static void
test_csv_reads_back (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = scholia_table_export_csv (fixture->store, NULL, &error);
  g_autoptr(GPtrArray) rows = NULL;
  const char *header[] = { "document", "author", "date", "source", "page", "tags", "themes", "quote",
                           "note", "start", "end", "orphaned" };

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf"));
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  rows = parse_csv (csv + 3);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, i))->len, ==, G_N_ELEMENTS (header));
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    g_assert_cmpstr (cell (rows, 0, i), ==, header[i]);

  g_assert_cmpstr (cell (rows, 1, 0), ==, "Dues, Tolls and Rivers");
  g_assert_cmpstr (cell (rows, 1, 1), ==, "Helena Marwick");
  g_assert_cmpstr (cell (rows, 1, 2), ==, "1956");
  g_assert_cmpstr (cell (rows, 1, 3), ==, "Varnholm Review 3");
  g_assert_cmpstr (cell (rows, 1, 4), ==, "17");
  g_assert_cmpstr (cell (rows, 1, 5), ==, "thesis");
  g_assert_cmpstr (cell (rows, 1, 6), ==, "Trade");
  g_assert_cmpstr (cell (rows, 1, 7), ==, "harbour dues rose three times");
  g_assert_cmpstr (cell (rows, 1, 8), ==, "She says “three”, not \"four\",\r\nand means it.");
  g_assert_cmpstr (cell (rows, 1, 9), ==, "11");
  g_assert_cmpstr (cell (rows, 1, 10), ==, "40");
  g_assert_cmpstr (cell (rows, 1, 11), ==, "no");
  g_assert_cmpstr (cell (rows, 2, 4), ==, "18");
  g_assert_cmpstr (cell (rows, 2, 8), ==, "");
  g_assert_cmpstr (cell (rows, 3, 0), ==, "Letters");
  g_assert_cmpstr (cell (rows, 3, 3), ==, "");
  g_assert_cmpstr (cell (rows, 3, 7), ==, "the mills at Łódź are quiet");
}

static void
test_csv_of_chosen_documents (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_ptr_array_add (documents, fixture->letters);
  csv = scholia_table_export_csv (fixture->store, documents, &error);
  g_assert_no_error (error);
  rows = parse_csv (csv + 3);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (cell (rows, 1, 0), ==, "Letters");
}

/* An annotation whose passage the text no longer holds says so in its own column: its page and
 * offsets are only where it last was. */
static void
test_csv_marks_orphans (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  ScholiaAnnotationRecord orphan = {
    .document = fixture->letters,
    .start = 5,
    .end = 12,
    .quote = "the looms at Bielsko",
    .prefix = "",
    .suffix = "",
    .note = "",
    .orphaned = TRUE,
  };

  g_assert_true (scholia_store_add_annotations_full (fixture->store, &orphan, 1, &error));
  g_assert_no_error (error);
  g_ptr_array_add (documents, fixture->letters);
  csv = scholia_table_export_csv (fixture->store, documents, &error);
  g_assert_no_error (error);
  rows = parse_csv (csv + 3);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (cell (rows, 0, 11), ==, "orphaned");
  for (guint i = 1; i < rows->len; i++)
    {
      gboolean is_orphan = g_str_equal (cell (rows, i, 7), "the looms at Bielsko");

      g_assert_cmpstr (cell (rows, i, 11), ==, is_orphan ? "yes" : "no");
    }
}

static void
test_markdown_per_document (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = scholia_table_export_markdown (fixture->store, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (markdown, "# Dues, Tolls and Rivers\n\n*Helena Marwick* · 1956 · Varnholm Review 3\n\n"));
  g_assert_nonnull (strstr (markdown, "> harbour dues rose three times\n\n**thesis** · Themes: Trade · p. 17\n\n"
                                      "She says “three”, not \"four\",\r\nand means it.\n\n"));
  g_assert_nonnull (strstr (markdown, "> alone counted the barges\n\n**evidence** · Themes: Trade · p. 18\n\n"));
  g_assert_nonnull (strstr (markdown, "\n# Letters\n\n*Aurelia Voss* · 1931\n\n"));
  /* A note that looks like Markdown stays text. */
  g_assert_nonnull (strstr (markdown, "\\# not a heading"));
}

static void
test_markdown_per_theme (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = scholia_table_export_theme_markdown (fixture->store, fixture->trade, &error);
  const char *voss, *marwick;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (markdown, "# Trade\n\n"));
  marwick = strstr (markdown, "## Helena Marwick\n\n### Dues, Tolls and Rivers (1956)\n\n> harbour dues rose three times\n\n"
                              "**thesis** — Helena Marwick, *Dues, Tolls and Rivers* (1956), p. 17\n\n");
  voss = strstr (markdown, "## Aurelia Voss\n\n### Letters (1931)\n\n> the mills at Łódź are quiet\n\n"
                           "**evidence** — Aurelia Voss, *Letters* (1931)\n\n");
  g_assert_nonnull (marwick);
  g_assert_nonnull (voss);
  /* Authors come by surname: Marwick before Voss. */
  g_assert_true (marwick < voss);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/table-export/csv/reads-back-rfc4180", test_csv_reads_back);
  ADD ("/table-export/csv/chosen-documents", test_csv_of_chosen_documents);
  ADD ("/table-export/csv/orphaned-column", test_csv_marks_orphans);
  ADD ("/table-export/markdown/per-document", test_markdown_per_document);
  ADD ("/table-export/markdown/per-theme-by-author", test_markdown_per_theme);
#undef ADD

  return g_test_run ();
}
