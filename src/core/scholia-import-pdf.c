/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "scholia-error.h"
#include "scholia-import-private.h"
#include "scholia-text-check.h"

/* PDF to readable text with poppler: each page's text in reading order, with its running
 * headers, footers and page numbers dropped, lines joined into paragraphs (words split at a
 * line end rejoined), and a page map so that citations can name the printed page. Paragraphs
 * are found from the lines' geometry: a wider gap, a change of font size, an indented first
 * line, or a short line ending a sentence. */

/* How many lines at the top and the bottom of a page can be a running header or footer. */
#define EDGE_LINES 2

typedef struct
{
  char     *text;    /* NFC, stripped */
  gboolean  has_geometry;
  double    top;
  double    bottom;
  double    left;
  double    right;
} Line;

typedef struct
{
  GArray *lines;    /* of Line */
  char   *label;
  guint   first;    /* the body: lines[first, last) once headers and footers are dropped */
  guint   last;
} Page;

static void
line_clear (Line *line)
{
  g_free (line->text);
}

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->lines, g_array_unref);
  g_free (page->label);
}

/* Reading the pages */

static void
add_line (GArray                 *lines,
          const char             *text,
          gsize                   length,
          const PopplerRectangle *rects,
          gsize                   n_rects)
{
  g_autofree char *raw = g_strndup (text, length);
  Line line = { NULL, FALSE, 0, 0, 0, 0 };
  const char *p = raw;

  for (gsize i = 0; i < n_rects; i++, p = g_utf8_next_char (p))
    {
      const PopplerRectangle *r = &rects[i];

      if (g_unichar_isspace (g_utf8_get_char (p)))
        continue;
      if (!line.has_geometry)
        {
          line.top = r->y1;
          line.bottom = r->y2;
          line.left = r->x1;
          line.right = r->x2;
          line.has_geometry = TRUE;
        }
      line.top = MIN (line.top, r->y1);
      line.bottom = MAX (line.bottom, r->y2);
      line.left = MIN (line.left, r->x1);
      line.right = MAX (line.right, r->x2);
    }

  /* A PDF can map glyphs to control characters: they go here, before offsets are counted for
   * the page map, as the other importers drop them from their text. A line stays one line. */
  line.text = scholia_text_check_field (raw, NULL);
  if (line.text == NULL || line.text[0] == '\0')
    {
      g_free (line.text);
      return;
    }

  g_array_append_val (lines, line);
}

static void
read_page (PopplerPage *poppler_page,
           guint        index,
           Page        *page)
{
  g_autofree char *text = poppler_page_get_text (poppler_page);
  g_autofree PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  gboolean have_layout;
  const char *p;
  gsize offset = 0;

  page->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_array_set_clear_func (page->lines, (GDestroyNotify) line_clear);
  page->label = poppler_page_get_label (poppler_page);
  if (page->label == NULL || page->label[0] == '\0')
    {
      g_free (page->label);
      page->label = g_strdup_printf ("%u", index + 1);
    }

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;

  /* One rectangle per character of the text; without them lines still read, only the
   * paragraph guesses get poorer. */
  have_layout = poppler_page_get_text_layout (poppler_page, &rects, &n_rects)
                && n_rects == (guint) g_utf8_strlen (text, -1);

  for (p = text; *p != '\0';)
    {
      const char *eol = strchr (p, '\n');
      const char *end = eol != NULL ? eol : p + strlen (p);
      gsize chars = g_utf8_strlen (p, end - p);

      add_line (page->lines, p, end - p, have_layout ? rects + offset : NULL,
                have_layout ? chars : 0);
      offset += chars + 1;
      p = eol != NULL ? eol + 1 : end;
    }
}

/* Running headers, footers and page numbers */

/* Lines that differ only by their numbers ("Journal of History 12", "… 13") are the same
 * running header. */
static char *
edge_key (const char *text)
{
  GString *key = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        {
          if (key->len == 0 || key->str[key->len - 1] != '#')
            g_string_append_c (key, '#');
        }
      else
        {
          g_string_append_unichar (key, g_unichar_tolower (c));
        }
    }

  return g_string_free (key, FALSE);
}

static gboolean
is_page_number (const char *text)
{
  static GRegex *roman = NULL;

  if (g_once_init_enter (&roman))
    {
      GRegex *regex = g_regex_new ("^(?=[mdclxvi])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})"
                                   "(ix|iv|v?i{0,3})$",
                                   G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&roman, regex);
    }

  if (text[0] == '\0')
    return FALSE;
  if (strspn (text, "0123456789") == strlen (text))
    return TRUE;
  return g_regex_match (roman, text, 0, NULL);
}

/* How often a line recurs at the edge of a page. */
typedef struct
{
  guint    pages;
  guint    last_page;
  gboolean nearby;     /* seen on pages at most two apart, as chapter headers are */
} EdgeCount;

static void
count_edge_keys (Page       *page,
                 guint       index,
                 GHashTable *counts)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = page->lines->len;

  for (guint i = 0; i < n; i++)
    {
      Line *line = &g_array_index (page->lines, Line, i);
      char *key;
      EdgeCount *count;

      if (i >= EDGE_LINES && i + EDGE_LINES < n)
        continue;

      key = edge_key (line->text);
      if (g_hash_table_contains (seen, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (seen, key);

      count = g_hash_table_lookup (counts, key);
      if (count == NULL)
        {
          count = g_new0 (EdgeCount, 1);
          g_hash_table_insert (counts, g_strdup (key), count);
        }
      else if (index - count->last_page <= 2)
        {
          count->nearby = TRUE;
        }
      count->pages++;
      count->last_page = index;
    }
}

static gboolean
has_letter (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* A running header or footer recurs on at least half of the pages; one that changes with the
 * chapter recurs on nearby pages, and has words (numbers alone could be a table's rows). */
static gboolean
is_running (GHashTable *counts,
            guint       n_pages,
            const char *text)
{
  g_autofree char *key = edge_key (text);
  EdgeCount *count = g_hash_table_lookup (counts, key);

  if (count == NULL || count->pages < 2)
    return FALSE;

  return count->pages * 2 >= n_pages || (count->nearby && has_letter (key));
}

static void
drop_page_furniture (Page  *pages,
                     guint  n_pages)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < n_pages; i++)
    count_edge_keys (&pages[i], i, counts);

  for (guint i = 0; i < n_pages; i++)
    {
      Page *page = &pages[i];

      page->first = 0;
      page->last = page->lines->len;

      for (guint n = 0; n < EDGE_LINES && page->first < page->last; n++)
        {
          const char *text = g_array_index (page->lines, Line, page->first).text;

          if (!is_running (counts, n_pages, text) && !is_page_number (text))
            break;
          page->first++;
        }
      for (guint n = 0; n < EDGE_LINES && page->first < page->last; n++)
        {
          const char *text = g_array_index (page->lines, Line, page->last - 1).text;

          if (!is_running (counts, n_pages, text) && !is_page_number (text))
            break;
          page->last--;
        }
    }
}

/* Paragraphs */

typedef struct
{
  double pitch;       /* usual distance from one line's top to the next one's */
  double height;      /* usual line height */
  double left;        /* the column's edges */
  double right;
  gsize  longest;     /* in characters, when there is no geometry */
} PageMetrics;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static void
measure_page (const Page  *page,
              PageMetrics *metrics)
{
  g_autoptr(GArray) pitches = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean have_edges = FALSE;

  memset (metrics, 0, sizeof *metrics);

  for (guint i = page->first; i < page->last; i++)
    {
      const Line *line = &g_array_index (page->lines, Line, i);
      double height = line->bottom - line->top;

      metrics->longest = MAX (metrics->longest, (gsize) g_utf8_strlen (line->text, -1));
      if (!line->has_geometry)
        continue;

      g_array_append_val (heights, height);
      if (!have_edges)
        {
          metrics->left = line->left;
          metrics->right = line->right;
          have_edges = TRUE;
        }
      metrics->left = MIN (metrics->left, line->left);
      metrics->right = MAX (metrics->right, line->right);

      if (i + 1 < page->last)
        {
          const Line *next = &g_array_index (page->lines, Line, i + 1);
          double pitch = next->top - line->top;

          if (next->has_geometry && pitch > 0)
            g_array_append_val (pitches, pitch);
        }
    }

  metrics->pitch = median (pitches);
  metrics->height = median (heights);
}

static gboolean
ends_sentence (const char *text)
{
  const char *end = text + strlen (text);

  /* Closing quotes and brackets may follow the full stop. */
  while (end > text)
    {
      const char *prev = g_utf8_find_prev_char (text, end);
      gunichar c = g_utf8_get_char (prev);

      if (c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019
          || c == 0x00BB)
        end = prev;
      else
        return c == '.' || c == '!' || c == '?' || c == 0x2026;
    }

  return FALSE;
}

static gboolean
starts_with_bullet (const char *text)
{
  gunichar c = g_utf8_get_char (text);

  return c == 0x2022 || c == 0x25E6 || c == 0x25AA || c == 0x2023 || c == 0x2043
         || c == 0x25CF || c == 0x25A0;
}

static gboolean
ends_paragraph (const Line        *line,
                const Line        *next,
                const PageMetrics *m)
{
  double height;
  double next_height;

  /* Each item of a list is a paragraph of its own. */
  if (starts_with_bullet (next->text))
    return TRUE;

  if (!line->has_geometry || !next->has_geometry || m->height <= 0)
    return ends_sentence (line->text)
           && (gsize) g_utf8_strlen (line->text, -1) * 5 < m->longest * 4;

  height = line->bottom - line->top;
  next_height = next->bottom - next->top;

  /* A wider gap than between the lines of a paragraph. */
  if (m->pitch > 0 && next->top - line->top > m->pitch * 1.4)
    return TRUE;
  /* Another font size: a heading, or the text after it. */
  if (fabs (height - next_height) > MAX (height, next_height) * 0.2)
    return TRUE;
  /* An indented first line. */
  if (next->left > m->left + m->height && line->left <= m->left + m->height / 2)
    return TRUE;
  /* A sentence ending well short of the margin. */
  return ends_sentence (line->text) && line->right < m->right - 2 * m->height;
}

typedef struct
{
  GString  *text;
  gboolean  open;   /* the text ends with a paragraph that may go on */
} Builder;

/* Adds a line and returns the byte offset where its text starts. */
static gsize
builder_add (Builder    *builder,
             const char *line,
             gboolean    continues)
{
  if (continues && builder->open)
    {
      _scholia_import_join_line (builder->text, line, -1);
      return builder->text->len - strlen (line);
    }

  if (builder->text->len > 0)
    g_string_append (builder->text, "\n\n");
  g_string_append (builder->text, line);
  builder->open = TRUE;
  return builder->text->len - strlen (line);
}

/* A paragraph goes on over a page break when its last line neither ends a sentence nor
 * leaves the next page starting with a capital. */
static gboolean
continues_across_pages (const char *last,
                        const char *first)
{
  return !ends_sentence (last) && g_unichar_islower (g_utf8_get_char (first));
}

static GArray *
build_text (Page     *pages,
            guint     n_pages,
            GString **text_out)
{
  Builder builder = { g_string_new (NULL), FALSE };
  g_autofree gsize *starts = g_new0 (gsize, n_pages);
  const char *last_line = NULL;
  GArray *ranges = scholia_page_ranges_new ();
  gsize offset = 0;
  gsize counted = 0;

  for (guint i = 0; i < n_pages; i++)
    {
      Page *page = &pages[i];
      PageMetrics metrics;

      measure_page (page, &metrics);

      for (guint j = page->first; j < page->last; j++)
        {
          const Line *line = &g_array_index (page->lines, Line, j);
          gboolean continues;
          gsize start;

          if (j == page->first)
            continues = last_line != NULL && continues_across_pages (last_line, line->text);
          else
            continues = !ends_paragraph (&g_array_index (page->lines, Line, j - 1), line,
                                         &metrics);

          start = builder_add (&builder, line->text, continues);
          if (j == page->first)
            starts[i] = start;
          last_line = line->text;
        }
    }

  /* Byte offsets to code points, in one pass since they only grow. A page with no text of its
   * own (a plate, a blank page, only a header) gets no range: it has nothing to cite, and a
   * range recorded for it could end after the next page's start, since a word split by a
   * hyphen across it loses its hyphen once the next page's first line is joined on. */
  for (guint i = 0; i < n_pages; i++)
    {
      ScholiaPageRange range = { 0, 0, NULL };

      if (pages[i].first == pages[i].last)
        continue;

      g_assert (starts[i] >= offset);
      counted += g_utf8_strlen (builder.text->str + offset, starts[i] - offset);
      offset = starts[i];

      /* A page whose only text was the hyphen of a split word keeps nothing of its own. */
      if (ranges->len > 0
          && g_array_index (ranges, ScholiaPageRange, ranges->len - 1).start == (int) counted)
        g_array_remove_index (ranges, ranges->len - 1);

      range.start = counted;
      range.label = g_strdup (pages[i].label);
      g_array_append_val (ranges, range);
    }
  for (guint i = 0; i < ranges->len; i++)
    {
      ScholiaPageRange *range = &g_array_index (ranges, ScholiaPageRange, i);

      range->end = i + 1 < ranges->len
                   ? g_array_index (ranges, ScholiaPageRange, i + 1).start
                   : (int) (counted + g_utf8_strlen (builder.text->str + offset, -1));
    }

  *text_out = builder.text;
  return ranges;
}

/* Metadata */

static char *
metadata_string (char *value)
{
  if (value != NULL && g_strstrip (value)[0] == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static void
read_metadata (PopplerDocument     *document,
               ScholiaImportedText *out)
{
  g_autoptr(GDateTime) created = poppler_document_get_creation_date_time (document);

  out->title = metadata_string (poppler_document_get_title (document));
  out->author = metadata_string (poppler_document_get_author (document));
  if (created != NULL)
    out->date = g_date_time_format (created, "%Y");
}

/* Runs in the scholia-pdf-text helper process (see scholia-pdf-reader.c): poppler cannot be
 * interrupted, and a file can keep it busy for hours or crash it. */
gboolean
_scholia_pdf_extract_text (GBytes               *bytes,
                           const char           *name,
                           ScholiaImportedText  *out,
                           GError              **error)
{
  PopplerDocument *document;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) text = NULL;
  Page *pages;
  int n_pages;

  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_ENCRYPTED,
                     _("“%s” is protected by a password: open it in a PDF viewer, save an "
                       "unprotected copy and import that"), name);
      else
        g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                     _("“%s” is not a valid PDF document: it may be damaged or incomplete (%s)"),
                     name, local_error->message);
      return FALSE;
    }

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” has no pages: there is no text to import"), name);
      g_object_unref (document);
      return FALSE;
    }
  pages = g_new0 (Page, n_pages);

  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);

      if (page != NULL)
        {
          read_page (page, i, &pages[i]);
          g_object_unref (page);
        }
      else
        {
          pages[i].lines = g_array_new (FALSE, FALSE, sizeof (Line));
          pages[i].label = g_strdup_printf ("%d", i + 1);
        }
    }

  drop_page_furniture (pages, n_pages);
  out->pages = build_text (pages, n_pages, &text);

  for (int i = 0; i < n_pages; i++)
    page_clear (&pages[i]);
  g_free (pages);
  read_metadata (document, out);
  g_object_unref (document);

  if (text->len == 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                   _("“%s” has no text layer: its pages are images (a scan?). Run it through "
                     "text recognition (OCR) first, then import the result"), name);
      return FALSE;
    }

  if (out->title == NULL)
    {
      const char *eol = strstr (text->str, "\n\n");

      out->title = _scholia_import_guess_title_from_prose (text->str,
                                                           eol != NULL ? eol - text->str : -1);
    }
  out->text = g_string_free (g_steal_pointer (&text), FALSE);

  return TRUE;
}
