/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Pandoc citations and a small Chicago notes-bibliography formatter (17th edition) for the
 * fields a ScholiaReference holds. Not a CSL engine: it knows the handful of types historians
 * cite most, writes titles as given (no headline-style recapitalisation) and has no "ibid."
 * (the caller chooses the short note for a source cited before). The style's words ("ed.",
 * "et al.", month names) are English, as Chicago is an English style. */

#define G_LOG_DOMAIN "Scholia"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "scholia-citation.h"
#include "scholia-citation-styles.h"
#include "scholia-names.h"
#include "scholia-paragraphs.h"

/* More bibliography authors than this are cut to the first seven and "et al." (CMOS 14.76). */
#define MAX_BIBLIOGRAPHY_AUTHORS 10
#define SHOWN_OF_MANY_AUTHORS 7

static const char *const style_names[] = { "plain", "pandoc", "chicago" };

gboolean
scholia_citation_style_parse (const char           *name,
                              ScholiaCitationStyle *style)
{
  g_return_val_if_fail (style != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (style_names); i++)
    if (g_str_equal (name, style_names[i]))
      {
        *style = (ScholiaCitationStyle) i;
        return TRUE;
      }
  return FALSE;
}

const char *
scholia_citation_style_to_string (ScholiaCitationStyle style)
{
  g_return_val_if_fail (style <= SCHOLIA_CITATION_STYLE_CHICAGO, NULL);

  return style_names[style];
}

char *
scholia_citation_format_pandoc (const char *key,
                                const char *place)
{
  g_return_val_if_fail (key != NULL && *key != '\0', NULL);

  if (place == NULL || *place == '\0')
    return g_strdup_printf ("[@%s]", key);
  return g_strdup_printf ("[@%s, %s]", key, place);
}

/* ------------------------------------------------------------------------------------------ */
/* Page numbers                                                                                 */
/* ------------------------------------------------------------------------------------------ */

static gboolean
parse_page_number (const char *text,
                   guint64    *number)
{
  char *end = NULL;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  *number = g_ascii_strtoull (text, &end, 10);
  return *end == '\0' && *number > 0;
}

/* CMOS 9.61: the second number keeps only the digits that change, at least two of them unless
 * the first lies in 101–109 (of its hundred); numbers under 100 and multiples of 100 in full. */
static char *
abbreviate_range (const char *first,
                  const char *last)
{
  g_autofree char *first_digits = NULL;
  g_autofree char *last_digits = NULL;
  guint64 from;
  guint64 to;
  gsize keep;
  gsize length;

  if (!parse_page_number (first, &from) || !parse_page_number (last, &to) || to <= from ||
      from < 100 || from % 100 == 0)
    return g_strdup_printf ("%s–%s", first, last);

  first_digits = g_strdup_printf ("%" G_GUINT64_FORMAT, from);
  last_digits = g_strdup_printf ("%" G_GUINT64_FORMAT, to);
  length = strlen (last_digits);
  if (strlen (first_digits) != length)
    return g_strdup_printf ("%s–%s", first_digits, last_digits);

  keep = length;
  for (gsize i = 0; i < length && first_digits[i] == last_digits[i]; i++)
    keep = length - i - 1;
  keep = MAX (keep, from % 100 < 10 ? 1 : 2);
  /* "1496–1504": three changed digits of four are all given. */
  if (length == 4 && keep == 3)
    keep = 4;
  return g_strdup_printf ("%s–%s", first_digits, last_digits + length - MIN (keep, length));
}

char *
scholia_citation_abbreviate_pages (const char *pages)
{
  const char *dash;
  g_autofree char *first = NULL;

  g_return_val_if_fail (pages != NULL, NULL);

  dash = strstr (pages, "–");
  if (dash == NULL || strchr (pages, ',') != NULL)
    return g_strdup (pages);
  first = g_strndup (pages, dash - pages);
  return abbreviate_range (first, dash + strlen ("–"));
}

char *
scholia_citation_format_chicago_place (const char *text,
                                       GArray     *pages,
                                       int         start,
                                       int         end)
{
  const char *first;
  const char *last;

  g_return_val_if_fail (text != NULL, NULL);

  first = pages != NULL && pages->len > 0 ? scholia_page_ranges_lookup (pages, start) : NULL;
  if (first == NULL)
    return scholia_citation_format_place (text, NULL, start, end);
  last = scholia_page_ranges_lookup (pages, MAX (start, end - 1));
  if (last == NULL || g_str_equal (first, last))
    return g_strdup (first);
  return abbreviate_range (first, last);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing with marked italics                                                                  */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  GString *out;
  ScholiaCitationMarkup markup;
  gunichar last;  /* the last character a reader sees, for the punctuation that follows */
} Note;

static void
put (Note       *note,
     const char *text)
{
  if (text == NULL || *text == '\0')
    return;

  switch (note->markup)
    {
    case SCHOLIA_CITATION_MARKUP_MARKDOWN:
      for (const char *p = text; *p != '\0'; p++)
        {
          if (strchr ("\\`*_[]<>^", *p) != NULL)
            g_string_append_c (note->out, '\\');
          g_string_append_c (note->out, *p);
        }
      break;
    case SCHOLIA_CITATION_MARKUP_PANGO:
      {
        g_autofree char *escaped = g_markup_escape_text (text, -1);

        g_string_append (note->out, escaped);
      }
      break;
    case SCHOLIA_CITATION_MARKUP_TEXT:
    default:
      g_string_append (note->out, text);
      break;
    }
  note->last = g_utf8_get_char (g_utf8_find_prev_char (text, text + strlen (text)));
}

static void
put_italic (Note       *note,
            const char *text)
{
  const char *open[] = { "", "*", "<i>" };
  const char *close[] = { "", "*", "</i>" };

  if (text == NULL || *text == '\0')
    return;
  g_string_append (note->out, open[note->markup]);
  put (note, text);
  g_string_append (note->out, close[note->markup]);
}

/* A period or comma after a question or exclamation mark (a title's "…legacy?") is dropped,
 * as is a period after an abbreviation's ("et al."); CMOS 6.119, 6.122. */
static void
put_punctuation (Note       *note,
                 const char *punctuation)
{
  /* The space after the dropped mark stays: "*Why?* 9", "et al. Title". */
  if ((note->last == '?' || note->last == '!') && (*punctuation == ',' || *punctuation == '.'))
    punctuation++;
  else if (note->last == '.' && *punctuation == '.')
    punctuation++;
  put (note, punctuation);
}

/* A title in quotation marks with the punctuation that follows it inside them, as American
 * usage has it: “Title,” — unless the title ends with its own question mark. */
static void
put_quoted (Note       *note,
            const char *title,
            const char *punctuation)
{
  gunichar inside;

  put (note, "“");
  put (note, title);
  if (punctuation != NULL)
    put_punctuation (note, punctuation);
  inside = note->last;
  put (note, "”");
  /* What follows sees the period inside the marks: “Title.” takes no second one. */
  note->last = inside;
}

/* ------------------------------------------------------------------------------------------ */
/* Names and dates                                                                              */
/* ------------------------------------------------------------------------------------------ */

static char *
format_name (const ScholiaReferenceName *name,
             gboolean                    inverted)
{
  if (*name->literal != '\0' || *name->given == '\0')
    return g_strdup (*name->literal != '\0' ? name->literal : name->family);
  if (inverted)
    return g_strdup_printf ("%s, %s", name->family, name->given);
  return g_strdup_printf ("%s %s", name->given, name->family);
}

static const char *
surname (const ScholiaReferenceName *name)
{
  return *name->literal != '\0' ? name->literal : name->family;
}

/* Names in running order: "A", "A and B", "A, B, and C", and for notes "A et al." from four on;
 * the bibliography inverts the first and lists up to ten. @short_names gives surnames only. */
static void
put_names (Note      *note,
           GPtrArray *names,
           gboolean   bibliography,
           gboolean   short_names)
{
  guint shown = names->len;
  gboolean et_al = FALSE;
  gboolean first_inverted = FALSE;

  if (!bibliography && names->len >= 4)
    shown = 1, et_al = TRUE;
  else if (bibliography && names->len > MAX_BIBLIOGRAPHY_AUTHORS)
    shown = SHOWN_OF_MANY_AUTHORS, et_al = TRUE;

  for (guint i = 0; i < shown; i++)
    {
      const ScholiaReferenceName *name = g_ptr_array_index (names, i);
      gboolean inverted = bibliography && !short_names && i == 0 && *name->literal == '\0' && *name->given != '\0';
      g_autofree char *formatted = short_names ? g_strdup (surname (name)) : format_name (name, inverted);

      /* "Kowal, Anna, and Jan Nowak": the inverted first name's comma calls for the serial one. */
      if (i > 0 && i + 1 == shown && !et_al)
        put (note, shown > 2 || first_inverted ? ", and " : " and ");
      else if (i > 0)
        put (note, ", ");
      put (note, formatted);
      first_inverted = first_inverted || inverted;
    }
  if (et_al)
    put (note, bibliography ? ", et al." : " et al.");
}

static const char *const months[] = { "January", "February", "March", "April", "May", "June", "July",
                                      "August", "September", "October", "November", "December" };

/* "2024-03-02" as "March 2, 2024", "2024-03" as "March 2024"; anything else as given. */
static char *
format_date (const char *date)
{
  int year, month, day;
  char tail;

  if (sscanf (date, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3 && month >= 1 && month <= 12 &&
      day >= 1 && day <= 31)
    return g_strdup_printf ("%s %d, %d", months[month - 1], day, year);
  if (sscanf (date, "%4d-%2d%c", &year, &month, &tail) == 2 && month >= 1 && month <= 12)
    return g_strdup_printf ("%s %d", months[month - 1], year);
  return g_strdup (date);
}

/* ------------------------------------------------------------------------------------------ */
/* Chicago                                                                                      */
/* ------------------------------------------------------------------------------------------ */

typedef enum
{
  KIND_BOOK,
  KIND_CHAPTER,
  KIND_JOURNAL,
  KIND_PERIODICAL,
  KIND_THESIS,
  KIND_SHORT_WORK,  /* web pages, and essays cited from their own metadata */
} Kind;

static Kind
kind_of (ScholiaReference *reference)
{
  const char *type = scholia_reference_get (reference, SCHOLIA_REFERENCE_TYPE);

  if (g_str_equal (type, "article-journal"))
    return KIND_JOURNAL;
  if (g_str_equal (type, "article-newspaper") || g_str_equal (type, "article-magazine"))
    return KIND_PERIODICAL;
  if (g_str_equal (type, "thesis"))
    return KIND_THESIS;
  if (g_str_equal (type, "chapter") || g_str_has_prefix (type, "entry") ||
      (g_str_equal (type, "paper-conference") && scholia_reference_has (reference, SCHOLIA_REFERENCE_CONTAINER_TITLE)))
    return KIND_CHAPTER;
  if (g_str_equal (type, "webpage") || g_str_has_prefix (type, "post") || g_str_equal (type, "article"))
    return KIND_SHORT_WORK;
  return KIND_BOOK;
}

static const char *
field (ScholiaReference      *reference,
       ScholiaReferenceField  which)
{
  return scholia_reference_get (reference, which);
}

/* The title a short note uses: the main title, without its subtitle. */
static char *
short_title (const char *title)
{
  const char *colon = strchr (title, ':');

  return colon != NULL && colon > title ? g_strndup (title, colon - title) : g_strdup (title);
}

/* The year of a book's imprint, or ISSUED as given when it holds no year ("n.d." when empty). */
static char *
imprint_year (ScholiaReference *reference)
{
  g_autofree char *year = scholia_reference_dup_year (reference);

  if (*year != '\0' && g_regex_match_simple ("^[0-9]{4}(-[0-9]{2}){0,2}$", field (reference, SCHOLIA_REFERENCE_ISSUED), 0, 0))
    return g_steal_pointer (&year);
  if (scholia_reference_has (reference, SCHOLIA_REFERENCE_ISSUED))
    return g_strdup (field (reference, SCHOLIA_REFERENCE_ISSUED));
  return g_strdup ("n.d.");
}

/* "Place: Publisher, Year" with whatever of the three the reference has. */
static void
put_imprint (Note             *note,
             ScholiaReference *reference)
{
  g_autofree char *year = imprint_year (reference);
  const char *place = field (reference, SCHOLIA_REFERENCE_PUBLISHER_PLACE);
  const char *publisher = field (reference, SCHOLIA_REFERENCE_PUBLISHER);

  put (note, place);
  if (*place != '\0')
    put (note, *publisher != '\0' ? ": " : ", ");
  if (*publisher != '\0')
    {
      put (note, publisher);
      put (note, ", ");
    }
  put (note, year);
}

/* The DOI as a link, else the URL; nothing without either. */
static char *
dup_link (ScholiaReference *reference)
{
  if (scholia_reference_has (reference, SCHOLIA_REFERENCE_DOI))
    return g_strconcat ("https://doi.org/", field (reference, SCHOLIA_REFERENCE_DOI), NULL);
  return g_strdup (field (reference, SCHOLIA_REFERENCE_URL));
}

/* The author(s), else the editors marked "ed."/"eds.", then the separator; nothing when the
 * reference names neither. Returns whether the editors stood in for the authors. */
static gboolean
put_creators (Note             *note,
              ScholiaReference *reference,
              ScholiaChicagoForm form)
{
  GPtrArray *authors = scholia_reference_get_authors (reference);
  GPtrArray *editors = scholia_reference_get_editors (reference);
  gboolean bibliography = form == SCHOLIA_CHICAGO_BIBLIOGRAPHY;
  gboolean short_names = form == SCHOLIA_CHICAGO_SHORT_NOTE;
  const char *separator = bibliography ? ". " : ", ";

  if (authors->len > 0)
    {
      put_names (note, authors, bibliography, short_names);
      put_punctuation (note, separator);
      return FALSE;
    }
  if (editors->len > 0 && kind_of (reference) != KIND_CHAPTER)
    {
      put_names (note, editors, bibliography, short_names);
      if (!short_names)
        put (note, editors->len > 1 ? ", eds." : ", ed.");
      put_punctuation (note, separator);
      return TRUE;
    }
  return FALSE;
}

/* A book's or report's editors after its title: "ed. A B" in a note, "Edited by A B" in the
 * bibliography. */
static void
put_secondary_editors (Note             *note,
                       GPtrArray        *editors,
                       gboolean          bibliography,
                       const char       *before)
{
  if (editors->len == 0)
    return;
  put_punctuation (note, before);
  put (note, bibliography ? "Edited by " : "ed. ");
  put_names (note, editors, FALSE, FALSE);
}

static void
put_locator (Note       *note,
             const char *separator,
             const char *locator)
{
  if (locator == NULL || *locator == '\0')
    return;
  put_punctuation (note, separator);
  put (note, locator);
}

static void
put_short_note (Note             *note,
                ScholiaReference *reference,
                const char       *locator)
{
  g_autofree char *title = short_title (field (reference, SCHOLIA_REFERENCE_TITLE));
  Kind kind = kind_of (reference);

  put_creators (note, reference, SCHOLIA_CHICAGO_SHORT_NOTE);
  if (kind == KIND_BOOK)
    put_italic (note, title);
  else
    put_quoted (note, title, locator != NULL && *locator != '\0' ? "," : ".");
  if (kind == KIND_BOOK)
    put_locator (note, ", ", locator);
  else if (locator != NULL && *locator != '\0')
    {
      put (note, " ");
      put (note, locator);
    }
  put_punctuation (note, ".");
}

static void
put_book (Note             *note,
          ScholiaReference *reference,
          gboolean          bibliography,
          gboolean          editors_as_authors,
          const char       *locator)
{
  const char *series = field (reference, SCHOLIA_REFERENCE_COLLECTION_TITLE);

  put_italic (note, field (reference, SCHOLIA_REFERENCE_TITLE));
  if (!editors_as_authors)
    put_secondary_editors (note, scholia_reference_get_editors (reference), bibliography, bibliography ? ". " : ", ");
  if (bibliography)
    {
      if (*series != '\0')
        {
          put_punctuation (note, ". ");
          put (note, series);
        }
      put_punctuation (note, ". ");
      put_imprint (note, reference);
    }
  else
    {
      put (note, " (");
      if (*series != '\0')
        {
          put (note, series);
          put (note, "; ");
        }
      put_imprint (note, reference);
      put (note, ")");
      put_locator (note, ", ", locator);
    }
}

static void
put_chapter (Note             *note,
             ScholiaReference *reference,
             gboolean          bibliography,
             const char       *locator)
{
  GPtrArray *editors = scholia_reference_get_editors (reference);
  const char *pages = field (reference, SCHOLIA_REFERENCE_PAGE);

  put_quoted (note, field (reference, SCHOLIA_REFERENCE_TITLE), bibliography ? "." : ",");
  put (note, bibliography ? " In " : " in ");
  put_italic (note, field (reference, SCHOLIA_REFERENCE_CONTAINER_TITLE));
  if (editors->len > 0)
    {
      put (note, bibliography ? ", edited by " : ", ed. ");
      put_names (note, editors, FALSE, FALSE);
    }
  if (bibliography)
    {
      if (*pages != '\0')
        {
          g_autofree char *range = scholia_citation_abbreviate_pages (pages);

          put (note, ", ");
          put (note, range);
        }
      put_punctuation (note, ". ");
      put_imprint (note, reference);
    }
  else
    {
      put (note, " (");
      put_imprint (note, reference);
      put (note, ")");
      put_locator (note, ", ", locator);
    }
}

static void
put_journal (Note             *note,
             ScholiaReference *reference,
             gboolean          bibliography,
             const char       *locator)
{
  const char *volume = field (reference, SCHOLIA_REFERENCE_VOLUME);
  const char *issue = field (reference, SCHOLIA_REFERENCE_ISSUE);
  const char *pages = field (reference, SCHOLIA_REFERENCE_PAGE);
  g_autofree char *year = imprint_year (reference);

  put_quoted (note, field (reference, SCHOLIA_REFERENCE_TITLE), bibliography ? "." : ",");
  put (note, " ");
  put_italic (note, field (reference, SCHOLIA_REFERENCE_CONTAINER_TITLE));
  if (*volume != '\0')
    {
      put (note, " ");
      put (note, volume);
    }
  if (*issue != '\0')
    {
      put (note, ", no. ");
      put (note, issue);
    }
  put (note, " (");
  put (note, year);
  put (note, ")");
  if (bibliography && *pages != '\0')
    {
      g_autofree char *range = scholia_citation_abbreviate_pages (pages);

      put (note, ": ");
      put (note, range);
    }
  else if (!bibliography)
    /* A page follows the colon as the article's pages do; a paragraph reads better set apart. */
    put_locator (note, locator != NULL && g_ascii_isdigit (*locator) ? ": " : ", ", locator);
}

static gboolean
is_website (ScholiaReference *reference)
{
  const char *type = scholia_reference_get (reference, SCHOLIA_REFERENCE_TYPE);

  return g_str_equal (type, "webpage") || g_str_has_prefix (type, "post");
}

/* Newspapers, magazines and web pages: the work's title in quotation marks, where it appeared
 * (a periodical in italics, a website as it is), its full date and, for a web page, when it
 * was read. */
static void
put_short_work (Note             *note,
                ScholiaReference *reference,
                gboolean          bibliography,
                gboolean          periodical,
                const char       *locator)
{
  const char *separator = bibliography ? ". " : ", ";
  const char *container = field (reference, SCHOLIA_REFERENCE_CONTAINER_TITLE);

  /* A note's title closes with a comma when something follows it, a period otherwise. */
  gboolean more = *container != '\0' || scholia_reference_has (reference, SCHOLIA_REFERENCE_ISSUED) ||
                  (locator != NULL && *locator != '\0') || scholia_reference_has (reference, SCHOLIA_REFERENCE_URL) ||
                  scholia_reference_has (reference, SCHOLIA_REFERENCE_DOI) ||
                  scholia_reference_has (reference, SCHOLIA_REFERENCE_ACCESSED);

  put_quoted (note, field (reference, SCHOLIA_REFERENCE_TITLE), bibliography || !more ? "." : ",");
  if (*container != '\0')
    {
      put (note, " ");
      if (periodical)
        put_italic (note, container);
      else
        put (note, container);
    }
  if (scholia_reference_has (reference, SCHOLIA_REFERENCE_ISSUED))
    {
      g_autofree char *date = format_date (field (reference, SCHOLIA_REFERENCE_ISSUED));

      /* A website's bibliography entry sets its date apart (CMOS 14.206); a periodical's and an
       * essay's follow where it appeared. */
      if (*container != '\0')
        put_punctuation (note, bibliography && is_website (reference) ? separator : ", ");
      else
        put (note, " ");
      put (note, date);
    }
  if (!bibliography)
    put_locator (note, ", ", locator);
  if (!periodical && scholia_reference_has (reference, SCHOLIA_REFERENCE_ACCESSED))
    {
      g_autofree char *accessed = format_date (field (reference, SCHOLIA_REFERENCE_ACCESSED));

      put_punctuation (note, separator);
      put (note, bibliography ? "Accessed " : "accessed ");
      put (note, accessed);
    }
}

static void
put_thesis (Note             *note,
            ScholiaReference *reference,
            gboolean          bibliography,
            const char       *locator)
{
  g_autofree char *year = imprint_year (reference);
  const char *university = field (reference, SCHOLIA_REFERENCE_PUBLISHER);

  put_quoted (note, field (reference, SCHOLIA_REFERENCE_TITLE), bibliography ? "." : NULL);
  put (note, bibliography ? " Thesis, " : " (thesis, ");
  if (*university != '\0')
    {
      put (note, university);
      put (note, ", ");
    }
  put (note, year);
  if (!bibliography)
    {
      put (note, ")");
      put_locator (note, ", ", locator);
    }
}

char *
scholia_citation_format_chicago (ScholiaReference      *reference,
                                 ScholiaChicagoForm     form,
                                 const char            *locator,
                                 ScholiaCitationMarkup  markup)
{
  g_autoptr(GString) out = g_string_new (NULL);
  Note note = { out, markup, 0 };
  gboolean bibliography = form == SCHOLIA_CHICAGO_BIBLIOGRAPHY;
  gboolean editors_as_authors;
  g_autofree char *link = NULL;

  g_return_val_if_fail (SCHOLIA_IS_REFERENCE (reference), NULL);
  g_return_val_if_fail (markup <= SCHOLIA_CITATION_MARKUP_PANGO, NULL);

  if (form == SCHOLIA_CHICAGO_SHORT_NOTE)
    {
      put_short_note (&note, reference, locator);
      return g_utf8_normalize (out->str, -1, G_NORMALIZE_NFC);
    }

  editors_as_authors = put_creators (&note, reference, form);
  switch (kind_of (reference))
    {
    case KIND_CHAPTER:
      put_chapter (&note, reference, bibliography, locator);
      break;
    case KIND_JOURNAL:
      put_journal (&note, reference, bibliography, locator);
      break;
    case KIND_PERIODICAL:
      put_short_work (&note, reference, bibliography, TRUE, locator);
      break;
    case KIND_SHORT_WORK:
      put_short_work (&note, reference, bibliography, FALSE, locator);
      break;
    case KIND_THESIS:
      put_thesis (&note, reference, bibliography, locator);
      break;
    case KIND_BOOK:
    default:
      put_book (&note, reference, bibliography, editors_as_authors, locator);
      break;
    }

  link = dup_link (reference);
  if (*link != '\0')
    {
      put_punctuation (&note, bibliography ? ". " : ", ");
      /* A link is never escaped into Markdown's \_: it would no longer lead anywhere. */
      if (markup == SCHOLIA_CITATION_MARKUP_PANGO)
        put (&note, link);
      else
        {
          g_string_append (out, link);
          note.last = link[strlen (link) - 1];
        }
    }
  put_punctuation (&note, ".");
  return g_utf8_normalize (out->str, -1, G_NORMALIZE_NFC);
}

ScholiaReference *
scholia_citation_reference_from_document (ScholiaDocument *document)
{
  const char *key;
  const char *author;
  const char *source;
  g_autofree char *guessed = NULL;
  const char *sort_key;
  g_autoptr(ScholiaReference) reference = NULL;

  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);

  key = scholia_document_get_citation_key (document);
  reference = scholia_reference_new (key != NULL && *key != '\0' ? key : scholia_document_get_uuid (document));
  scholia_reference_set (reference, SCHOLIA_REFERENCE_TYPE, "article");
  scholia_reference_set (reference, SCHOLIA_REFERENCE_TITLE, scholia_document_get_title (document));
  scholia_reference_set (reference, SCHOLIA_REFERENCE_ISSUED, scholia_document_get_date (document));

  author = scholia_document_get_author (document);
  if (author != NULL && *author != '\0')
    {
      const char *comma;

      sort_key = scholia_document_get_author_sort_key (document);
      if (sort_key == NULL || *sort_key == '\0')
        sort_key = guessed = scholia_names_guess_sort_key (author);
      comma = strchr (sort_key, ',');
      if (comma != NULL)
        {
          g_autofree char *family = g_strndup (sort_key, comma - sort_key);
          g_autofree char *given = g_strdup (comma + 1);

          scholia_reference_add_author (reference, g_strstrip (family), g_strstrip (given), NULL);
        }
      else
        scholia_reference_add_author (reference, NULL, NULL, author);
    }

  source = scholia_document_get_source (document);
  if (source != NULL && (g_str_has_prefix (source, "http://") || g_str_has_prefix (source, "https://")))
    scholia_reference_set (reference, SCHOLIA_REFERENCE_URL, source);
  else
    scholia_reference_set (reference, SCHOLIA_REFERENCE_CONTAINER_TITLE, source);
  return g_steal_pointer (&reference);
}

/* ------------------------------------------------------------------------------------------ */
/* A passage with its citation                                                                  */
/* ------------------------------------------------------------------------------------------ */

char *
scholia_citation_format_styled (ScholiaDocument       *document,
                                ScholiaReference      *reference,
                                const char            *text,
                                GArray                *pages,
                                int                    start,
                                int                    end,
                                ScholiaCitationStyle   style,
                                gboolean               short_note,
                                ScholiaCitationMarkup  markup)
{
  g_autoptr(ScholiaReference) own = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  Note note = { out, markup, 0 };
  g_autofree char *quote = NULL;
  g_autofree char *place = NULL;
  g_autofree char *cited = NULL;
  const char *key;

  g_return_val_if_fail (SCHOLIA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (reference == NULL || SCHOLIA_IS_REFERENCE (reference), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (0 <= start && start <= end, NULL);

  if (style == SCHOLIA_CITATION_STYLE_PLAIN)
    {
      g_autofree char *plain = scholia_citation_format (document, text, pages, start, end);

      put (&note, plain);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  quote = scholia_citation_dup_quote (text, start, end);
  put (&note, "“");
  put (&note, quote);
  put (&note, "”");

  if (reference == NULL)
    reference = own = scholia_citation_reference_from_document (document);
  key = scholia_document_get_citation_key (document);

  if (style == SCHOLIA_CITATION_STYLE_PANDOC && key != NULL && *key != '\0')
    {
      place = scholia_citation_format_place (text, pages, start, end);
      cited = scholia_citation_format_pandoc (key, place);
      put (&note, " ");
      /* The citation is Pandoc's own syntax, never escaped. */
      g_string_append (out, cited);
    }
  else
    {
      place = scholia_citation_format_chicago_place (text, pages, start, end);
      cited = scholia_citation_format_chicago (reference, short_note ? SCHOLIA_CHICAGO_SHORT_NOTE : SCHOLIA_CHICAGO_NOTE,
                                               place, markup);
      g_string_append (out, style == SCHOLIA_CITATION_STYLE_PANDOC ? "^[" : "\n\n");
      g_string_append (out, cited);
      if (style == SCHOLIA_CITATION_STYLE_PANDOC)
        g_string_append (out, "]");
    }
  return g_utf8_normalize (out->str, -1, G_NORMALIZE_NFC);
}
