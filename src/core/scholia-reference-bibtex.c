/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <btparse.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-reference-file.h"
#include "scholia-tex.h"

/* BibTeX and BibLaTeX through libbtparse. The file is first cut into entries ("@type{ … }")
 * here, so that each is parsed on its own with the line it starts on: a broken one is skipped
 * and named, and one whose braces never close ends where the next entry begins. btparse keeps
 * its state in globals (the @string macros among them): one file at a time. */

G_LOCK_DEFINE_STATIC (btparse);

typedef struct
{
  gsize start;
  gsize end;
  guint line;
  gboolean closed;
} EntrySpan;

/* Whether a line starting at @p begins an entry: "@word{" or "@word(". */
static gboolean
starts_entry (const char *p)
{
  if (*p != '@')
    return FALSE;
  p++;
  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '_')
    p++;
  while (*p == ' ' || *p == '\t')
    p++;
  return *p == '{' || *p == '(';
}

static void
find_entries (const char *data,
              gsize       length,
              GArray     *spans)
{
  guint line = 1;
  gsize i = 0;

  while (i < length)
    {
      EntrySpan span = { 0 };
      gboolean at_line_start = TRUE;
      int depth = 0;
      char close;

      /* Text between entries is a comment, as BibTeX reads it. */
      while (i < length && data[i] != '@')
        line += data[i++] == '\n';
      if (i >= length)
        break;
      span.start = i;
      span.line = line;
      while (i < length && data[i] != '{' && data[i] != '(' && data[i] != '\n')
        i++;
      if (i >= length || data[i] == '\n')
        {
          /* "@" in a comment, not an entry. */
          continue;
        }
      close = data[i] == '{' ? '}' : ')';
      for (; i < length; i++)
        {
          char c = data[i];

          if (c == '\n')
            {
              line++;
              at_line_start = TRUE;
              /* An entry whose braces never closed ends where the next one begins. */
              if (i + 1 < length && depth > 0 && starts_entry (data + i + 1))
                {
                  i++;
                  break;
                }
              continue;
            }
          if (c == '{' || (c == '(' && close == ')' && depth == 0))
            depth++;
          else if (c == '}' || (c == ')' && close == ')' && depth == 1))
            {
              depth--;
              if (depth == 0)
                {
                  i++;
                  span.closed = TRUE;
                  break;
                }
            }
          at_line_start = FALSE;
        }
      (void) at_line_start;
      span.end = i;
      g_array_append_val (spans, span);
    }
}

/* ---- fields ---- */

static char *
decode (const char *tex)
{
  return tex != NULL ? scholia_tex_to_unicode (tex) : NULL;
}

static char *
join_tokens (char **tokens,
             int    n_tokens)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < n_tokens; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, tokens[i]);
    }
  return scholia_tex_to_unicode (text->str);
}

/* "Kowal, Anna and {Society of Invented Studies} and Piet de Vries". */
static void
read_names (ScholiaReference *reference,
            char             *value,
            guint             line,
            gboolean          authors)
{
  bt_stringlist *list = bt_split_list (value, "and", NULL, (int) line, "name");

  for (int i = 0; list != NULL && i < list->num_items; i++)
    {
      char *item = list->items[i];
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;
      g_autofree char *literal = NULL;
      bt_name *name;
      gsize length;

      if (item == NULL)
        continue;
      length = strlen (item);
      /* A name wholly in braces is an institution's, not to be split. */
      if (length > 1 && item[0] == '{' && item[length - 1] == '}')
        {
          int depth = 0;
          gboolean whole = TRUE;

          for (gsize j = 0; j < length - 1; j++)
            {
              depth += item[j] == '{' ? 1 : item[j] == '}' ? -1 : 0;
              if (depth == 0)
                whole = FALSE;
            }
          if (whole)
            literal = scholia_tex_to_unicode (item);
        }
      if (literal == NULL)
        {
          g_autofree char *von = NULL;
          g_autofree char *last = NULL;
          g_autofree char *first = NULL;
          g_autofree char *jr = NULL;

          name = bt_split_name (item, NULL, (int) line, i);
          if (name == NULL)
            continue;
          first = join_tokens (name->parts[BTN_FIRST], name->part_len[BTN_FIRST]);
          von = join_tokens (name->parts[BTN_VON], name->part_len[BTN_VON]);
          last = join_tokens (name->parts[BTN_LAST], name->part_len[BTN_LAST]);
          jr = join_tokens (name->parts[BTN_JR], name->part_len[BTN_JR]);
          bt_free_name (name);
          family = *von != '\0' ? g_strconcat (von, " ", last, NULL) : g_strdup (last);
          given = *jr != '\0' ? g_strconcat (first, ", ", jr, NULL) : g_strdup (first);
        }
      if (authors)
        scholia_reference_add_author (reference, family, given, literal);
      else
        scholia_reference_add_editor (reference, family, given, literal);
    }
  if (list != NULL)
    bt_free_list (list);
}

static const struct
{
  const char *bibtex;
  const char *csl;
} types[] = {
  { "article", "article-journal" },
  { "book", "book" }, { "mvbook", "book" }, { "collection", "book" }, { "mvcollection", "book" },
  { "proceedings", "book" }, { "manual", "book" }, { "booklet", "pamphlet" },
  { "inbook", "chapter" }, { "incollection", "chapter" }, { "bookinbook", "chapter" },
  { "suppbook", "chapter" }, { "suppcollection", "chapter" },
  { "inproceedings", "paper-conference" }, { "conference", "paper-conference" },
  { "phdthesis", "thesis" }, { "mastersthesis", "thesis" }, { "thesis", "thesis" },
  { "techreport", "report" }, { "report", "report" },
  { "unpublished", "manuscript" }, { "online", "webpage" }, { "electronic", "webpage" },
  { "www", "webpage" }, { "periodical", "periodical" }, { "inreference", "entry-encyclopedia" },
  { "reference", "book" }, { "patent", "patent" }, { "dataset", "dataset" },
  { "software", "software" }, { "misc", "document" },
};

static const char *
csl_type (const char *bibtex_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (types[i].bibtex, bibtex_type) == 0)
      return types[i].csl;
  return "document";
}

/* "4", "04", "apr", "April" as "04"; NULL when it is none of these. */
static char *
month_number (const char *month)
{
  static const char * const names[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  };
  guint64 number;

  if (g_ascii_string_to_unsigned (month, 10, 1, 12, &number, NULL))
    return g_strdup_printf ("%02u", (guint) number);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strncasecmp (month, names[i], 3) == 0)
      return g_strdup_printf ("%02u", i + 1);
  return NULL;
}

/* Zotero's file field: "Full Text PDF:/home/me/Zotero/storage/AB12/kowal.pdf:application/pdf",
 * several separated by ";", colons and backslashes in the path escaped; or a bare path. The
 * first file's path. */
static char *
file_path (const char *value)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) part = g_string_new (NULL);

  for (const char *p = value; *p != '\0' && *p != ';'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        g_string_append_c (part, *++p);
      else if (*p == ':')
        {
          g_ptr_array_add (parts, g_string_free (g_steal_pointer (&part), FALSE));
          part = g_string_new (NULL);
        }
      else
        g_string_append_c (part, *p);
    }
  g_ptr_array_add (parts, g_string_free (g_steal_pointer (&part), FALSE));

  /* desc:path:mime; a Windows path "C:\…" split at its drive is joined again. */
  if (parts->len == 3)
    return g_strdup (g_ptr_array_index (parts, 1));
  if (parts->len == 4 && strlen (g_ptr_array_index (parts, 1)) == 1)
    return g_strconcat (g_ptr_array_index (parts, 1), ":", g_ptr_array_index (parts, 2), NULL);
  return g_strstrip (g_strdup (value));
}

static ScholiaReference *
read_entry (AST   *entry,
            guint  line)
{
  g_autofree char *year = NULL;
  g_autofree char *month = NULL;
  g_autofree char *date = NULL;
  g_autofree char *container = NULL;
  g_autofree char *institution = NULL;
  const char *type = bt_entry_type (entry);
  ScholiaReference *reference;
  char *name = NULL;
  AST *field = NULL;

  reference = scholia_reference_new (bt_entry_key (entry) != NULL ? bt_entry_key (entry) : "");
  scholia_reference_set (reference, SCHOLIA_REFERENCE_TYPE, csl_type (type != NULL ? type : "misc"));
  scholia_reference_set_source (reference, SCHOLIA_REFERENCE_SOURCE_BIBTEX);

  while ((field = bt_next_field (entry, field, &name)) != NULL)
    {
      bt_nodetype nodetype;
      char *raw = NULL;
      g_autofree char *value = NULL;

      bt_next_value (field, NULL, &nodetype, &raw);
      if (raw == NULL || name == NULL)
        continue;
      if (g_ascii_strcasecmp (name, "author") == 0)
        read_names (reference, raw, line, TRUE);
      else if (g_ascii_strcasecmp (name, "editor") == 0)
        read_names (reference, raw, line, FALSE);
      else if (g_ascii_strcasecmp (name, "file") == 0)
        {
          g_autofree char *path = file_path (raw);

          scholia_reference_set (reference, SCHOLIA_REFERENCE_FILE, path);
        }
      else if (g_ascii_strcasecmp (name, "url") == 0 || g_ascii_strcasecmp (name, "doi") == 0)
        {
          /* Kept as written: a URL's "~" or "--" is no TeX. */
          g_autofree char *bare = g_strstrip (g_strdelimit (g_strdup (raw), "{}", ' '));

          scholia_reference_set (reference, g_ascii_strcasecmp (name, "url") == 0 ? SCHOLIA_REFERENCE_URL
                                                                                 : SCHOLIA_REFERENCE_DOI,
                                 bare);
        }
      else if ((value = decode (raw)) == NULL)
        continue;
      else if (g_ascii_strcasecmp (name, "title") == 0)
        scholia_reference_set (reference, SCHOLIA_REFERENCE_TITLE, value);
      else if (g_ascii_strcasecmp (name, "journal") == 0 || g_ascii_strcasecmp (name, "journaltitle") == 0)
        scholia_reference_set (reference, SCHOLIA_REFERENCE_CONTAINER_TITLE, value);
      else if (g_ascii_strcasecmp (name, "booktitle") == 0 || g_ascii_strcasecmp (name, "maintitle") == 0)
        {
          if (container == NULL)
            container = g_strdup (value);
        }
      else if (g_ascii_strcasecmp (name, "series") == 0)
        scholia_reference_set (reference, SCHOLIA_REFERENCE_COLLECTION_TITLE, value);
      else if (g_ascii_strcasecmp (name, "volume") == 0)
        scholia_reference_set (reference, SCHOLIA_REFERENCE_VOLUME, value);
      else if (g_ascii_strcasecmp (name, "number") == 0 || g_ascii_strcasecmp (name, "issue") == 0)
        scholia_reference_set (reference, SCHOLIA_REFERENCE_ISSUE, value);
      else if (g_ascii_strcasecmp (name, "pages") == 0)
        {
          /* Decoding made "--" an en dash already; a lone "-" becomes one too. */
          g_autofree char *pages = scholia_reference_normalize_pages (value);

          scholia_reference_set (reference, SCHOLIA_REFERENCE_PAGE, pages);
        }
      else if (g_ascii_strcasecmp (name, "publisher") == 0)
        scholia_reference_set (reference, SCHOLIA_REFERENCE_PUBLISHER, value);
      else if (g_ascii_strcasecmp (name, "institution") == 0 || g_ascii_strcasecmp (name, "school") == 0 ||
               g_ascii_strcasecmp (name, "organization") == 0)
        {
          if (institution == NULL)
            institution = g_strdup (value);
        }
      else if (g_ascii_strcasecmp (name, "address") == 0 || g_ascii_strcasecmp (name, "location") == 0)
        scholia_reference_set (reference, SCHOLIA_REFERENCE_PUBLISHER_PLACE, value);
      else if (g_ascii_strcasecmp (name, "date") == 0)
        {
          /* BibLaTeX's ISO date, or a range "1998/1999" whose start is the date. */
          char *slash = strchr (value, '/');

          if (slash != NULL)
            *slash = '\0';
          g_free (date);
          date = g_strdup (value);
        }
      else if (g_ascii_strcasecmp (name, "year") == 0)
        year = g_strdup (value);
      else if (g_ascii_strcasecmp (name, "month") == 0)
        month = g_strdup (value);
      else if (g_ascii_strcasecmp (name, "urldate") == 0)
        scholia_reference_set (reference, SCHOLIA_REFERENCE_ACCESSED, value);
    }

  if (container != NULL && !scholia_reference_has (reference, SCHOLIA_REFERENCE_CONTAINER_TITLE))
    scholia_reference_set (reference, SCHOLIA_REFERENCE_CONTAINER_TITLE, container);
  if (institution != NULL && !scholia_reference_has (reference, SCHOLIA_REFERENCE_PUBLISHER))
    scholia_reference_set (reference, SCHOLIA_REFERENCE_PUBLISHER, institution);
  if (date == NULL && year != NULL)
    {
      g_autofree char *number = month != NULL ? month_number (month) : NULL;

      date = number != NULL ? g_strconcat (year, "-", number, NULL) : g_strdup (year);
    }
  scholia_reference_set (reference, SCHOLIA_REFERENCE_ISSUED, date);
  return reference;
}

/* BibTeX's styles define the months' three-letter macros (month = apr); btparse does not. */
static void
define_months (void)
{
  static const char * const months[][2] = {
    { "jan", "January" }, { "feb", "February" }, { "mar", "March" }, { "apr", "April" },
    { "may", "May" }, { "jun", "June" }, { "jul", "July" }, { "aug", "August" },
    { "sep", "September" }, { "oct", "October" }, { "nov", "November" }, { "dec", "December" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    bt_add_macro_text ((char *) months[i][0], (char *) months[i][1], NULL, 0);
}

ScholiaReferenceFile *
scholia_reference_file_parse_bibtex (const char  *data,
                                     gsize        length,
                                     GError     **error)
{
  g_autoptr(ScholiaReferenceFile) result = scholia_reference_file_new ();
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (EntrySpan));
  guint regular = 0;
  gboolean parsed = FALSE;

  g_return_val_if_fail (data != NULL, NULL);

  find_entries (data, length, spans);

  G_LOCK (btparse);
  bt_initialize ();
  define_months ();
  for (guint i = 0; i < spans->len; i++)
    {
      EntrySpan *span = &g_array_index (spans, EntrySpan, i);
      g_autofree char *text = g_strndup (data + span->start, span->end - span->start);
      boolean ok = FALSE;
      AST *entry;

      if (!span->closed)
        {
          scholia_reference_file_skip (result, span->line, NULL, _("its braces do not close"));
          continue;
        }
      entry = bt_parse_entry_s (text, NULL, (int) span->line, 0, &ok);
      parsed = TRUE;
      if (entry == NULL || !ok)
        {
          g_autofree char *key = NULL;

          /* The key, when the entry has one, helps the user find it. */
          {
            const char *open = strpbrk (text, "{(");
            const char *comma = open != NULL ? strchr (open, ',') : NULL;

            if (comma != NULL && comma - open < 200)
              key = g_strstrip (g_strndup (open + 1, comma - open - 1));
          }
          scholia_reference_file_skip (result, span->line, key, _("it is not valid BibTeX"));
        }
      else if (bt_entry_metatype (entry) == BTE_REGULAR)
        {
          regular++;
          scholia_reference_file_take (result, read_entry (entry, span->line), span->line);
        }
      if (entry != NULL)
        bt_free_ast (entry);
    }
  /* The call that frees the parser's buffer, which aborts when none was made. */
  if (parsed)
    bt_parse_entry_s (NULL, NULL, 1, 0, NULL);
  bt_cleanup ();
  G_UNLOCK (btparse);

  if (regular == 0 && result->skipped->len == 0)
    {
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_UNSUPPORTED,
                   _("it holds no BibTeX entries"));
      return NULL;
    }
  return g_steal_pointer (&result);
}
