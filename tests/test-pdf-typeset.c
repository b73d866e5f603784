/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 13, item 2: the annotated PDF typeset as a book is. Hyphenation, even word spaces in
 * justified lines, a column that widens with the type, no widows or orphans, and the essay's
 * own title line, headings and notes section recognised, each read back from the PDF. */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>

#include "scholia-essay-structure.h"
#include "scholia-hyphenate.h"
#include "scholia-library-import.h"
#include "scholia-pdf-export.h"
#include "test-pdf.h"

/* An essay of our own in Russian, for Cyrillic hyphenation and spacing. */
static const char russian_essay[] =
  "Город на обмелевшей реке\n"
  "\n"
  "Когда в сороковых годах позапрошлого столетия река начала мелеть, купцы приморского города "
  "поначалу не поверили лоцманам. Их конторские книги, аккуратно заполненные каллиграфическим "
  "почерком, по-прежнему отмечали крупные грузы, и только судовые журналы год за годом "
  "фиксировали, что фарватер постепенно смещается к восточному берегу.\n"
  "\n"
  "Историки долгое время объясняли это промедление самоуверенностью городской верхушки. "
  "Однако протоколы городского совета позволяют предположить другое: хладнокровный расчёт, "
  "согласно которому углубление фарватера обошлось бы дороже, чем сохранённая им торговля. "
  "Железная дорога, построенная южнее, сделала этот расчёт вполне благоразумным и одновременно "
  "разорительным для тех, кто решил остаться.\n"
  "\n"
  "Источники неравномерны. Таможенные ведомости сохранились лишь за одиннадцать лет из сорока, "
  "а купеческая переписка обильна, но пристрастна. С уверенностью можно утверждать только то, "
  "что пошлины росли, суда становились вместительнее, а река не собиралась дожидаться "
  "владельцев прибрежных трактиров и складов.\n"
  "\n"
  "Внимательное чтение нотариальных описей показывает, что капиталы торговых домов уходили из "
  "города задолго до открытия железнодорожного сообщения. Наследники предпочитали вкладывать "
  "средства в пароходные компании побережья, в государственные облигации и в земельные участки "
  "вокруг новой станции, где стоимость аренды возрастала с каждым сезоном.\n"
  "\n"
  "Не менее показательна судьба ремесленных цехов. Бочары, канатчики и корабельные плотники "
  "теряли заказы постепенно, и их прошения в магистрат становились всё настойчивее. "
  "Магистрат отвечал обещаниями, ссылаясь на ограниченность городской казны, на неопределённость "
  "правительственных распоряжений и на необходимость дождаться окончательного решения о "
  "строительстве новой пристани.\n"
  "\n"
  "Таким образом, упадок города был не следствием чьей-то злой воли, а результатом медленного "
  "перераспределения торговых путей. Понимание этого обстоятельства избавляет исследователя от "
  "соблазна искать виноватых и заставляет обратиться к географии издержек, которая оказывается "
  "куда красноречивее любых обвинительных речей.\n";

/* --- Reading lines back ------------------------------------------------------------------ */

typedef struct
{
  int      page;
  double   left;
  double   right;
  double   top;
  double   bottom;
  GString *text;
  GArray  *gaps;   /* double: the width of each word space */
  double   size;   /* the font size of its first character */
  char    *font;
} Line;

static void
line_clear (Line *line)
{
  g_string_free (line->text, TRUE);
  g_array_unref (line->gaps);
  g_free (line->font);
}

static const PopplerTextAttributes *
attributes_at (GList *attributes,
               int    index)
{
  for (GList *l = attributes; l != NULL; l = l->next)
    {
      PopplerTextAttributes *a = l->data;

      if (index >= a->start_index && index <= a->end_index)
        return a;
    }
  return NULL;
}

/* The lines of @page's text column as poppler's character boxes place them: each with its
 * extent, its text and the width of each space between two words. */
static void
collect_lines (PopplerPage          *page,
               int                   page_number,
               const ScholiaPdfRect *column,
               GArray               *lines)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *boxes = NULL;
  guint n_boxes = 0;
  GList *attributes = poppler_page_get_text_attributes (page);
  Line *line = NULL;
  const PopplerRectangle *last = NULL;
  gboolean space = FALSE;
  int i = 0;

  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
  for (const char *p = text; *p != '\0' && (guint) i < n_boxes; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);
      const PopplerRectangle *box = &boxes[i];
      double x = (box->x1 + box->x2) / 2, y = (box->y1 + box->y2) / 2;

      if (c == '\n')
        {
          line = NULL;
          continue;
        }
      if (x < column->x || x > column->x + column->width || y < column->y || y > column->y + column->height)
        continue;
      if (g_unichar_isspace (c))
        {
          space = line != NULL;
          continue;
        }
      if (line != NULL && fabs (box->y2 - line->bottom) > 2)
        line = NULL;
      if (line == NULL)
        {
          const PopplerTextAttributes *a = attributes_at (attributes, i);
          Line fresh = { page_number, box->x1, box->x2, box->y1, box->y2, g_string_new (NULL),
                         g_array_new (FALSE, FALSE, sizeof (double)), a != NULL ? a->font_size : 0,
                         g_strdup (a != NULL ? a->font_name : "") };

          g_array_append_val (lines, fresh);
          line = &g_array_index (lines, Line, lines->len - 1);
          space = FALSE;
          last = NULL;
        }
      if (space && last != NULL)
        {
          double gap = box->x1 - last->x2;

          g_array_append_val (line->gaps, gap);
          g_string_append_c (line->text, ' ');
        }
      space = FALSE;
      g_string_append_unichar (line->text, c);
      line->left = MIN (line->left, box->x1);
      line->right = MAX (line->right, box->x2);
      last = box;
    }
  poppler_page_free_text_attributes (attributes);
}

static GArray *
read_lines (const char              *path,
            const ScholiaPdfOptions *options)
{
  PopplerDocument *pdf = test_pdf_open (path);
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));

  g_array_set_clear_func (lines, (GDestroyNotify) line_clear);
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      ScholiaPdfRect column;

      scholia_pdf_page_get_geometry (options, SCHOLIA_PDF_LAYOUT_ANNOTATED, i, &column, NULL);
      /* A little wider: a justified line's last glyph box may end a hair past the edge. */
      column.x -= 2;
      column.width += 4;
      collect_lines (page, i, &column, lines);
      g_object_unref (page);
    }
  g_object_unref (pdf);
  return lines;
}

static gboolean
reaches_right_edge (const Line              *line,
                    const ScholiaPdfOptions *options)
{
  ScholiaPdfRect column;

  scholia_pdf_page_get_geometry (options, SCHOLIA_PDF_LAYOUT_ANNOTATED, line->page, &column, NULL);
  return line->right > column.x + column.width - 1.0;
}

/* A word space in the export's font and size, as Pango sets it unjustified. */
static double
normal_space (double size)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  PangoLayout *layout;
  PangoFontDescription *font = pango_font_description_from_string ("Noto Serif, DejaVu Serif");
  cairo_font_options_t *font_options = cairo_font_options_create ();
  PangoRectangle with, without;

  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, font_options);
  cairo_font_options_destroy (font_options);
  pango_font_description_set_size (font, size * PANGO_SCALE);
  layout = pango_layout_new (context);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "a b", -1);
  pango_layout_get_extents (layout, NULL, &with);
  pango_layout_set_text (layout, "ab", -1);
  pango_layout_get_extents (layout, NULL, &without);
  pango_font_description_free (font);
  g_object_unref (layout);
  g_object_unref (context);
  return (with.width - without.width) / (double) PANGO_SCALE;
}

/* The share of the justified lines whose every word space is within 1.6 × the normal one. */
static double
even_line_share (const char              *path,
                 const ScholiaPdfOptions *options,
                 double                  *worst)
{
  g_autoptr(GArray) lines = read_lines (path, options);
  double space = normal_space (options->font_size);
  guint justified = 0, even = 0;

  *worst = 0;
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      gboolean ok = TRUE;

      /* A paragraph's last line and the title block are set at their natural width. */
      if (!reaches_right_edge (line, options) || line->gaps->len == 0)
        continue;
      justified++;
      for (guint g = 0; g < line->gaps->len; g++)
        {
          double ratio = g_array_index (line->gaps, double, g) / space;

          *worst = MAX (*worst, ratio);
          ok = ok && ratio <= 1.6;
        }
      if (!ok)
        {
          g_autoptr(GString) ratios = g_string_new (NULL);

          for (guint g = 0; g < line->gaps->len; g++)
            g_string_append_printf (ratios, " %.2f", g_array_index (line->gaps, double, g) / space);
          g_test_message ("uneven: %s:%s", line->text->str, ratios->str);
        }
      even += ok;
    }
  g_assert_cmpuint (justified, >, 10);
  return even / (double) justified;
}

/* --- Fixtures ------------------------------------------------------------------------------ */

static GPtrArray *
import_samples (TestPdfFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *samples = scholia_library_find_samples ();
  GPtrArray *documents = NULL;

  g_assert_true (scholia_library_import_samples (fixture->store, samples, &documents, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, >=, 5);
  return documents;
}

/* The store keeps the document: the reference returned is borrowed. */
static ScholiaDocument *
add_essay (TestPdfFixture *fixture,
           const char     *title,
           const char     *text,
           const char     *language)
{
  g_autoptr(GError) error = NULL;
  ScholiaDocument *document = scholia_store_add_document (fixture->store, title, "Vera Ostrowska", "2026",
                                                          NULL, text, NULL, &error);

  g_assert_no_error (error);
  scholia_document_set_language (document, language);
  return document;
}

static void
export_to (TestPdfFixture          *fixture,
           ScholiaDocument         *document,
           const ScholiaPdfOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (scholia_pdf_export_document (fixture->store, document, options, fixture->output,
                                              NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* --- Hyphenation --------------------------------------------------------------------------- */

/* @text with its soft hyphens as "-", and checks that @inserted says where they went. */
static char *
hyphenate (const char *language,
           const char *text)
{
  ScholiaHyphenator *hyphenator = scholia_hyphenator_get (language);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) inserted = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GString) rebuilt = g_string_new (NULL);
  gsize previous = 0;

  g_assert_nonnull (hyphenator);
  scholia_hyphenator_hyphenate (hyphenator, text, strlen (text), out, inserted);
  for (guint i = 0; i < inserted->len; i++)
    {
      guint32 offset = g_array_index (inserted, guint32, i);

      g_assert_cmpuint (offset, >, previous);
      g_string_append_len (rebuilt, text + previous, offset - previous);
      g_string_append (rebuilt, SCHOLIA_SOFT_HYPHEN);
      previous = offset;
    }
  g_string_append (rebuilt, text + previous);
  g_assert_cmpstr (rebuilt->str, ==, out->str);
  g_string_replace (out, SCHOLIA_SOFT_HYPHEN, "-", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_hyphenate_english (void)
{
  g_autofree char *plain = hyphenate ("en", "The documentation of extraordinary merchants, who offered.");
  g_autofree char *left_alone = hyphenate ("en", "UNESCO sees www.example.org/documentation and 1840s at noon");
  g_autofree char *regional = hyphenate ("en-GB", "hyphenation");

  g_assert_cmpstr (plain, ==, "The doc-u-men-ta-tion of ex-tra-or-di-nary mer-chants, who offered.");
  /* Capitals, addresses, numbers and words too short to split keep their letters together. */
  g_assert_cmpstr (left_alone, ==, "UNESCO sees www.example.org/documentation and 1840s at noon");
  g_assert_cmpstr (regional, ==, "hy-phen-ation");
}

static void
test_hyphenate_languages (void)
{
  /* German's and Russian's dictionaries are in ISO 8859-1 and KOI8-R; the others in UTF-8. */
  const struct { const char *language; const char *word; } cases[] = {
    { "de", "Geschichtswissenschaftlerinnen" },
    { "de", "Übersetzungsmöglichkeiten" },
    { "fr", "particulièrement" },
    { "es", "extraordinariamente" },
    { "it", "particolarmente" },
    { "ru", "исследовательница" },
    { "ru", "Железнодорожного" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = hyphenate (cases[i].language, cases[i].word);
      guint n_hyphens = 0;

      for (const char *p = out; *p != '\0'; p++)
        n_hyphens += *p == '-';
      g_test_message ("%s: %s", cases[i].language, out);
      g_assert_cmpuint (n_hyphens, >=, 2);
      /* Two letters at least before the first break and after the last. */
      g_assert_cmpint (g_utf8_pointer_to_offset (out, strchr (out, '-')), >=, 2);
      g_assert_cmpint (g_utf8_strlen (strrchr (out, '-') + 1, -1), >=, 2);
    }
}

static void
test_hyphenate_unknown_language (void)
{
  g_assert_null (scholia_hyphenator_get ("tr"));
  g_assert_null (scholia_hyphenator_get ("x-"));
  g_assert_null (scholia_hyphenator_get (""));
  g_assert_true (scholia_hyphenator_get ("en") == scholia_hyphenator_get ("en_US"));
}

/* --- Structure ----------------------------------------------------------------------------- */

static ScholiaParagraphRole *
detect (const char * const *paragraphs,
        const char         *title)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_strv_length ((char **) paragraphs);
  g_autofree ScholiaTextRange *ranges = g_new (ScholiaTextRange, n);
  ScholiaParagraphRole *roles = g_new (ScholiaParagraphRole, n);

  for (guint i = 0; i < n; i++)
    {
      ranges[i].start = text->len;
      g_string_append (text, paragraphs[i]);
      ranges[i].end = text->len;
      g_string_append (text, "\n\n");
    }
  scholia_essay_structure_detect (text->str, ranges, n, title, roles);
  return roles;
}

static void
test_structure_roles (void)
{
  const char *essay[] = {
    "THE SILTED STAPLE — Trade, Capital!",
    "The river silted. Nobody believed it at first, and the merchants went on trading as before.",
    "1. The Harbour Accounts",
    "The dues fell by half within twelve years, as the ledgers show in every column.",
    "Who paid for the dredger?",
    "Nobody did, for the Board declined it in 1843 and the barges never came back.",
    "He wrote:",
    "A line of verse",
    "Another line of verse",
    "The end of the argument, which is not a heading for it has a full stop.",
    "Anmerkungen",
    "1 Harbour Board ledgers, vol. 14.",
    "Short note without a stop",
    "2 Customs register, 1838.",
    NULL,
  };
  g_autofree ScholiaParagraphRole *roles = detect (essay, "The Silted Staple: Trade, Capital");

  g_assert_cmpint (roles[0], ==, SCHOLIA_PARAGRAPH_TITLE);
  g_assert_cmpint (roles[1], ==, SCHOLIA_PARAGRAPH_BODY);
  g_assert_cmpint (roles[2], ==, SCHOLIA_PARAGRAPH_HEADING);
  g_assert_cmpint (roles[3], ==, SCHOLIA_PARAGRAPH_BODY);
  g_assert_cmpint (roles[4], ==, SCHOLIA_PARAGRAPH_HEADING);
  /* A line ending in a colon introduces; lines of verse follow one another. */
  g_assert_cmpint (roles[6], ==, SCHOLIA_PARAGRAPH_BODY);
  g_assert_cmpint (roles[7], ==, SCHOLIA_PARAGRAPH_BODY);
  g_assert_cmpint (roles[8], ==, SCHOLIA_PARAGRAPH_HEADING);
  g_assert_cmpint (roles[9], ==, SCHOLIA_PARAGRAPH_BODY);
  g_assert_cmpint (roles[10], ==, SCHOLIA_PARAGRAPH_NOTES_HEADING);
  for (guint i = 11; i < 14; i++)
    g_assert_cmpint (roles[i], ==, SCHOLIA_PARAGRAPH_NOTE);
}

static void
test_structure_titles_and_notes (void)
{
  const char *other_title[] = { "The Harbour at Kessmouth", "It silted.", NULL };
  const char *russian[] = { "Текст", "Он начинается здесь и продолжается долго.", "Примечания", "1 Архив.", NULL };
  const char *last_line[] = { "It silted, and then it silted again.", "References", NULL };
  g_autofree ScholiaParagraphRole *a = detect (other_title, "The Silted Staple");
  g_autofree ScholiaParagraphRole *b = detect (russian, NULL);
  g_autofree ScholiaParagraphRole *c = detect (last_line, NULL);

  /* A first line that is not the title is a heading, not a title to drop. */
  g_assert_cmpint (a[0], ==, SCHOLIA_PARAGRAPH_HEADING);
  g_assert_cmpint (b[0], ==, SCHOLIA_PARAGRAPH_HEADING);
  g_assert_cmpint (b[2], ==, SCHOLIA_PARAGRAPH_NOTES_HEADING);
  g_assert_cmpint (b[3], ==, SCHOLIA_PARAGRAPH_NOTE);
  /* The text's last line heads nothing. */
  g_assert_cmpint (c[1], ==, SCHOLIA_PARAGRAPH_BODY);
}

/* --- Geometry ------------------------------------------------------------------------------ */

static void
test_geometry (void)
{
  ScholiaPdfOptions options;
  ScholiaPdfRect text0, text1, notes0, notes1, large, large_notes;
  double width, height;

  scholia_pdf_options_init (&options);
  scholia_pdf_page_get_size (options.page_size, &width, &height);
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, 0, &text0, &notes0);
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, 1, &text1, &notes1);
  /* Double-sided: the notes on the outside, the text mirrored. */
  g_assert_cmpfloat (notes0.x, >, text0.x);
  g_assert_cmpfloat (notes1.x, <, text1.x);
  g_assert_cmpfloat (fabs (text0.x - (width - text1.x - text1.width)), <, 0.01);

  options.one_sided = TRUE;
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, 1, &text1, &notes1);
  g_assert_cmpfloat (text1.x, ==, text0.x);
  g_assert_cmpfloat (notes1.x, ==, notes0.x);

  /* Larger type, a wider column: from the notes and the outer edge, never the inner margin. */
  options.one_sided = FALSE;
  options.font_size = 16;
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, 0, &large, &large_notes);
  g_assert_cmpfloat (large.width, >, 1.2 * text0.width);
  g_assert_cmpfloat (large.x, >=, text0.x);
  g_assert_cmpfloat (large_notes.width, >=, 0.10 * width - 0.01);
  g_assert_cmpfloat (large_notes.x, >, large.x + large.width);
  g_assert_cmpfloat (large_notes.x + large_notes.width, <, width - 0.02 * width);
  scholia_pdf_page_get_geometry (&options, SCHOLIA_PDF_LAYOUT_ANNOTATED, 1, &large, NULL);
  g_assert_cmpfloat (width - large.x - large.width, >=, text0.x);
}

/* --- The exported PDF ---------------------------------------------------------------------- */

static void
test_word_spaces_samples (TestPdfFixture *fixture,
                          gconstpointer   data)
{
  g_autoptr(GPtrArray) documents = import_samples (fixture);
  ScholiaPdfOptions options;

  scholia_pdf_options_init (&options);
  /* Without margin notes: a note's mark stands in room kept after its passage, drawn, not set
   * as text, so that the room would read here as a wide word space (tests/test-pdf-notes.c
   * checks the marks). */
  options.include_notes = FALSE;
  for (guint i = 0; i < documents->len; i++)
    {
      ScholiaDocument *document = g_ptr_array_index (documents, i);
      double worst, share;

      export_to (fixture, document, &options);
      share = even_line_share (fixture->output, &options, &worst);
      g_test_message ("%s: %.0f%% of justified lines even, worst space %.2f×",
                      scholia_document_get_title (document), 100 * share, worst);
      g_assert_cmpfloat (share, >=, 0.90);
    }
}

static void
test_word_spaces_cyrillic (TestPdfFixture *fixture,
                           gconstpointer   data)
{
  ScholiaDocument *document = add_essay (fixture, "Город на обмелевшей реке", russian_essay, "ru");
  ScholiaPdfOptions options;
  double worst, share;

  scholia_pdf_options_init (&options);
  export_to (fixture, document, &options);
  share = even_line_share (fixture->output, &options, &worst);
  g_test_message ("Russian: %.0f%% of justified lines even, worst space %.2f×", 100 * share, worst);
  g_assert_cmpfloat (share, >=, 0.90);
}

/* Soft hyphens are invisible where no line breaks: copied text has whole words. */
static void
test_extracted_text (TestPdfFixture *fixture,
                     gconstpointer   data)
{
  g_autoptr(GPtrArray) documents = import_samples (fixture);
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  g_autoptr(GArray) lines = NULL;
  guint broken = 0;

  scholia_pdf_options_init (&options);
  export_to (fixture, g_ptr_array_index (documents, 0), &options);
  lines = read_lines (fixture->output, &options);
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      const char *shy = strstr (line->text->str, SCHOLIA_SOFT_HYPHEN);

      /* Only at a line's end, where it shows as a hyphen. */
      if (shy != NULL)
        {
          g_assert_cmpstr (shy, ==, SCHOLIA_SOFT_HYPHEN);
          broken++;
        }
      else if (g_str_has_suffix (line->text->str, "-"))
        broken++;
    }
  g_assert_cmpuint (broken, >, 0);

  pdf = test_pdf_open (fixture->output);
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_auto(GStrv) page_lines = g_strsplit (text, "\n", -1);

      for (guint l = 0; page_lines[l] != NULL; l++)
        {
          const char *shy = strstr (page_lines[l], SCHOLIA_SOFT_HYPHEN);

          g_assert_true (shy == NULL || strcmp (shy, SCHOLIA_SOFT_HYPHEN) == 0);
        }
      g_object_unref (page);
    }
  g_object_unref (pdf);
}

static void
test_column_at_16pt (TestPdfFixture *fixture,
                     gconstpointer   data)
{
  g_autoptr(GPtrArray) documents = import_samples (fixture);
  ScholiaPdfOptions options;

  scholia_pdf_options_init (&options);
  options.font_size = 16;
  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr(GArray) lines = NULL;
      guint full = 0, in_range = 0, total = 0;

      export_to (fixture, g_ptr_array_index (documents, i), &options);
      lines = read_lines (fixture->output, &options);
      for (guint l = 0; l < lines->len; l++)
        {
          const Line *line = &g_array_index (lines, Line, l);
          glong n = g_utf8_strlen (line->text->str, -1);

          if (!reaches_right_edge (line, &options) || line->gaps->len == 0)
            continue;
          full++;
          total += n;
          in_range += n >= 55 && n <= 75;
        }
      g_test_message ("16 pt: %.1f characters a line on average, %u of %u lines within 55–75",
                      total / (double) full, in_range, full);
      g_assert_cmpfloat (total / (double) full, >=, 55);
      g_assert_cmpfloat (total / (double) full, <=, 75);
      /* Justified lines vary by a syllable or two about the mean. */
      g_assert_cmpuint (in_range, >=, full * 6 / 10);
    }
}

/* An essay of paragraphs of many lengths, long enough for several pages. */
static char *
long_essay (guint       n_paragraphs,
            guint       seed,
            const char *heading_every)
{
  static const char *sentences[] = {
    "The harbour dues fell by half within twelve years, as every column of the ledgers shows.",
    "Merchants moved their counting-houses to the coast one family at a time.",
    "The railway reached the southern valley first and never came north.",
    "Pilots' logbooks record the channel moving a fathom a year towards the eastern bank.",
    "Nobody in the council chamber thought the river would outlast their patience.",
  };
  GString *text = g_string_new ("A Long Account\n\n");
  GRand *rand = g_rand_new_with_seed (seed);
  guint every = heading_every != NULL ? 3 : 0;

  for (guint i = 0; i < n_paragraphs; i++)
    {
      guint n = g_rand_int_range (rand, 1, 9);

      if (every > 0 && i > 0 && i % every == 0)
        g_string_append_printf (text, "%s %u\n\n", heading_every, i / every);
      for (guint s = 0; s < n; s++)
        g_string_append_printf (text, "%s%s", s > 0 ? " " : "", sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
      g_string_append (text, "\n\n");
    }
  g_rand_free (rand);
  return g_string_free (text, FALSE);
}

static gboolean
is_indented (const Line              *line,
             const ScholiaPdfOptions *options)
{
  ScholiaPdfRect column;

  scholia_pdf_page_get_geometry (options, SCHOLIA_PDF_LAYOUT_ANNOTATED, line->page, &column, NULL);
  return line->left > column.x + 3;
}

static void
test_widows_and_orphans (TestPdfFixture *fixture,
                         gconstpointer   data)
{
  ScholiaPdfOptions options;
  guint pages_checked = 0;

  scholia_pdf_options_init (&options);
  for (guint seed = 1; seed <= 3; seed++)
    {
      g_autofree char *text = long_essay (60, seed, NULL);
      ScholiaDocument *document = add_essay (fixture, "A Long Account", text, "en");
      g_autoptr(GArray) lines = NULL;

      export_to (fixture, document, &options);
      lines = read_lines (fixture->output, &options);
      for (guint l = 1; l + 1 < lines->len; l++)
        {
          const Line *line = &g_array_index (lines, Line, l);
          const Line *next = &g_array_index (lines, Line, l + 1);

          if (next->page == line->page)
            continue;
          pages_checked++;
          /* Orphan: a paragraph's first line (indented) alone at the foot, its paragraph going
           * on overleaf (not indented). */
          g_assert_false (is_indented (line, &options) && !is_indented (next, &options));
          /* Widow: overleaf, a paragraph's last line (short, not indented) alone at the top. */
          g_assert_false (!is_indented (next, &options) && !reaches_right_edge (next, &options));
        }
    }
  g_assert_cmpuint (pages_checked, >=, 6);
}

static void
test_title_line_not_repeated (TestPdfFixture *fixture,
                              gconstpointer   data)
{
  g_autoptr(GPtrArray) documents = import_samples (fixture);
  ScholiaDocument *document = g_ptr_array_index (documents, 1);
  g_autofree char *text = scholia_store_load_text (fixture->store, document, NULL);
  const char *title = scholia_document_get_title (document);
  ScholiaPdfOptions options;
  PopplerDocument *pdf;
  PopplerPage *page;
  g_autofree char *page_text = NULL;
  g_autofree char *flat_page = NULL;
  g_autofree char *flat_title = test_pdf_without_whitespace (title);
  const char *first;

  /* The sample's text does open with its title line. */
  g_assert_true (g_str_has_prefix (text, title));
  scholia_pdf_options_init (&options);
  export_to (fixture, document, &options);
  pdf = test_pdf_open (fixture->output);
  page = poppler_document_get_page (pdf, 0);
  page_text = poppler_page_get_text (page);
  flat_page = test_pdf_without_whitespace (page_text);
  first = strstr (flat_page, flat_title);
  g_assert_nonnull (first);
  g_assert_null (strstr (first + strlen (flat_title), flat_title));
  g_object_unref (page);
  g_object_unref (pdf);
}

static void
test_headings (TestPdfFixture *fixture,
               gconstpointer   data)
{
  ScholiaPdfOptions options;
  guint headings = 0;

  scholia_pdf_options_init (&options);
  for (guint seed = 1; seed <= 4; seed++)
    {
      g_autofree char *text = long_essay (45, seed, "Part");
      ScholiaDocument *document = add_essay (fixture, "A Long Account", text, "en");
      g_autoptr(GArray) lines = NULL;

      export_to (fixture, document, &options);
      lines = read_lines (fixture->output, &options);
      for (guint l = 0; l < lines->len; l++)
        {
          const Line *line = &g_array_index (lines, Line, l);

          if (!g_str_has_prefix (line->text->str, "Part "))
            continue;
          headings++;
          /* Unindented, bold, and never the last line of its page. */
          g_assert_false (is_indented (line, &options));
          g_assert_nonnull (strstr (line->font, "Bold"));
          g_assert_true (l + 1 < lines->len);
          g_assert_cmpint (g_array_index (lines, Line, l + 1).page, ==, line->page);
          /* The paragraph after a heading starts flush too. */
          g_assert_false (is_indented (&g_array_index (lines, Line, l + 1), &options));
        }
    }
  g_assert_cmpuint (headings, >=, 40);
}

static void
test_notes_section (TestPdfFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(GString) text = g_string_new (test_pdf_essay);
  ScholiaDocument *document = NULL;
  ScholiaPdfOptions options;
  g_autoptr(GArray) lines = NULL;
  double body_size = 0;
  guint note_lines = 0, flush = 0, hanging = 0;
  gboolean in_notes = FALSE;

  g_string_append (text, "\nNotes\n\n");
  for (guint i = 1; i <= 6; i++)
    g_string_append_printf (text, "%u. Harbour Board minutes, volume %u, folios %u to %u, with the pilots’ "
                                  "remarks on the eastern channel and the dredger declined in that year.\n\n",
                            i, 10 + i, 3 * i, 3 * i + 6);
  document = add_essay (fixture, "The Silted Staple", text->str, "en");
  scholia_pdf_options_init (&options);
  export_to (fixture, document, &options);
  lines = read_lines (fixture->output, &options);

  for (guint l = 0; l < lines->len; l++)
    {
      const Line *line = &g_array_index (lines, Line, l);

      if (g_str_has_prefix (line->text->str, "Historians have"))
        body_size = line->size;
      if (strcmp (line->text->str, "Notes") == 0)
        {
          in_notes = TRUE;
          g_assert_false (is_indented (line, &options));
          continue;
        }
      if (!in_notes)
        continue;
      note_lines++;
      g_assert_cmpfloat (line->size, <, body_size - 0.5);
      flush += reaches_right_edge (line, &options);
      /* A note's first line starts with its number; the others hang under its text. */
      if (!g_ascii_isdigit (line->text->str[0]))
        hanging += is_indented (line, &options);
      else
        g_assert_false (is_indented (line, &options));
    }
  g_assert_cmpfloat (body_size, >, 10);
  g_assert_cmpuint (note_lines, >=, 12);
  /* Ragged: hardly a line ends at the column's edge. */
  g_assert_cmpuint (flush, <=, note_lines / 4);
  g_assert_cmpuint (hanging, >=, 6);
}

/* Without a dictionary for the language, justified lines would gape: set ragged right. */
static void
test_ragged_without_dictionary (TestPdfFixture *fixture,
                                gconstpointer   data)
{
  g_autofree char *text = long_essay (12, 7, NULL);
  ScholiaDocument *english = add_essay (fixture, "A Long Account", text, "en");
  ScholiaDocument *turkish = add_essay (fixture, "A Long Account", text, "tr");
  ScholiaPdfOptions options;
  guint flush[2] = { 0, 0 }, total[2] = { 0, 0 };

  scholia_pdf_options_init (&options);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GArray) lines = NULL;

      export_to (fixture, i == 0 ? english : turkish, &options);
      lines = read_lines (fixture->output, &options);
      for (guint l = 0; l < lines->len; l++)
        {
          const Line *line = &g_array_index (lines, Line, l);

          if (line->gaps->len < 5)
            continue;
          total[i]++;
          flush[i] += reaches_right_edge (line, &options);
        }
    }
  g_test_message ("lines at the right edge: English %u of %u, Turkish %u of %u", flush[0], total[0], flush[1], total[1]);
  g_assert_cmpuint (flush[0], >=, total[0] / 2);
  g_assert_cmpuint (flush[1], <=, total[1] / 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pdf-typeset/hyphenate/english", test_hyphenate_english);
  g_test_add_func ("/pdf-typeset/hyphenate/languages", test_hyphenate_languages);
  g_test_add_func ("/pdf-typeset/hyphenate/unknown-language", test_hyphenate_unknown_language);
  g_test_add_func ("/pdf-typeset/structure/roles", test_structure_roles);
  g_test_add_func ("/pdf-typeset/structure/titles-and-notes", test_structure_titles_and_notes);
  g_test_add_func ("/pdf-typeset/geometry/column-and-sides", test_geometry);
  g_test_add ("/pdf-typeset/word-spaces/samples", TestPdfFixture, NULL, test_pdf_fixture_set_up,
              test_word_spaces_samples, test_pdf_fixture_tear_down);
  g_test_add ("/pdf-typeset/word-spaces/cyrillic", TestPdfFixture, NULL, test_pdf_fixture_set_up,
              test_word_spaces_cyrillic, test_pdf_fixture_tear_down);
  g_test_add ("/pdf-typeset/hyphens/extracted-text", TestPdfFixture, NULL, test_pdf_fixture_set_up,
              test_extracted_text, test_pdf_fixture_tear_down);
  g_test_add ("/pdf-typeset/column/16pt-line-length", TestPdfFixture, NULL, test_pdf_fixture_set_up,
              test_column_at_16pt, test_pdf_fixture_tear_down);
  g_test_add ("/pdf-typeset/flow/no-widows-or-orphans", TestPdfFixture, NULL, test_pdf_fixture_set_up,
              test_widows_and_orphans, test_pdf_fixture_tear_down);
  g_test_add ("/pdf-typeset/structure/title-line-not-repeated", TestPdfFixture, NULL, test_pdf_fixture_set_up,
              test_title_line_not_repeated, test_pdf_fixture_tear_down);
  g_test_add ("/pdf-typeset/structure/headings", TestPdfFixture, NULL, test_pdf_fixture_set_up,
              test_headings, test_pdf_fixture_tear_down);
  g_test_add ("/pdf-typeset/structure/notes-section", TestPdfFixture, NULL, test_pdf_fixture_set_up,
              test_notes_section, test_pdf_fixture_tear_down);
  g_test_add ("/pdf-typeset/ragged-without-dictionary", TestPdfFixture, NULL, test_pdf_fixture_set_up,
              test_ragged_without_dictionary, test_pdf_fixture_tear_down);
  return g_test_run ();
}
