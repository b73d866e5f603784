/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "scholia-error.h"
#include "scholia-language.h"
#include "scholia-search-rank.h"
#include "scholia-stem-tokenizer.h"
#include "scholia-store-private.h"

/* snippet() wraps each matched word in these: Unicode noncharacters, which no text exchanged
 * between programs should hold. A text that holds one anyway (or control characters, which older
 * importers let through, and earlier markers were) gets markers of its own, picked from
 * characters it lacks, so that a marker is never confused with the text. */
#define MATCH_OPEN "\xef\xb7\x90"   /* U+FDD0 */
#define MATCH_CLOSE "\xef\xb7\x91"  /* U+FDD1 */
#define ELLIPSIS "…"

/* Every matching row with its bm25 score (scholia-search-rank.h), in no order: the best are
 * kept in C, which spares FTS5 sorting them all, and snippets and texts are read only for the
 * rows shown. A title match outweighs many in the text: a user who types an essay's title wants
 * it first. Notes hidden from me until I annotate their essay (hide until posted) are not
 * found: their essays are read only when some are hidden. */
#define TEXT_RANK_QUERY \
  "SELECT rowid, scholia_rank(documents_fts, 'documents_fts', ?2, 10.0, 1.0) FROM documents_fts" \
  " WHERE documents_fts MATCH ?1"
#define NOTE_RANK_QUERY \
  "SELECT rowid, scholia_rank(notes_fts, 'notes_fts', ?2) FROM notes_fts WHERE notes_fts MATCH ?1"
#define VISIBLE_NOTE_RANK_QUERY \
  "SELECT f.rowid, scholia_rank(notes_fts, 'notes_fts', ?2), a.document_id, coalesce(a.participant_id, 0)" \
  " FROM notes_fts f JOIN annotations a ON a.id = f.rowid WHERE notes_fts MATCH ?1"
/* One row shown: its snippet and what locates it, and for the window's snippets (cut at the
 * first match) every place the essay matches, which its results list asks for next. */
#define TEXT_QUERY(snippet, places) \
  "SELECT " snippet " '" MATCH_OPEN "', '" MATCH_CLOSE "', '" ELLIPSIS "', 16)," \
  " scholia_text(d.text), " places " FROM documents_fts f JOIN documents d ON d.id = f.rowid" \
  " WHERE documents_fts MATCH ?1 AND f.rowid = ?2"
#define NOTE_QUERY \
  "SELECT snippet(notes_fts, 0, '" MATCH_OPEN "', '" MATCH_CLOSE "', '" ELLIPSIS "', 16)," \
  " a.document_id, a.start_offset, a.note" \
  " FROM notes_fts f JOIN annotations a ON a.id = f.rowid" \
  " WHERE notes_fts MATCH ?1 AND f.rowid = ?2"
/* The same for the rows of a page at once, in one pass between its first and last row: the
 * unary "+" keeps SQLite from handing the list of rows to FTS5, which would run the query once
 * for each. */
#define PAGE_ROWS " AND f.rowid BETWEEN ?2 AND ?3 AND +f.rowid IN (SELECT value FROM json_each(?4))"
#define TEXT_SCAN_QUERY(snippet, places) \
  "SELECT f.rowid, " snippet " '" MATCH_OPEN "', '" MATCH_CLOSE "', '" ELLIPSIS "', 16)," \
  " scholia_text(d.text), " places " FROM documents_fts f JOIN documents d ON d.id = f.rowid" \
  " WHERE documents_fts MATCH ?1" PAGE_ROWS
#define NOTE_SCAN_QUERY \
  "SELECT f.rowid, snippet(notes_fts, 0, '" MATCH_OPEN "', '" MATCH_CLOSE "', '" ELLIPSIS "', 16)," \
  " a.document_id, a.start_offset, a.note" \
  " FROM notes_fts f JOIN annotations a ON a.id = f.rowid" \
  " WHERE notes_fts MATCH ?1" PAGE_ROWS
/* Every match in one document's text, as byte offsets (scholia-stem-tokenizer.h). */
#define HITS_QUERY \
  "SELECT scholia_hits(documents_fts), scholia_text(d.text) FROM documents_fts f JOIN documents d ON d.id = f.rowid" \
  " WHERE documents_fts MATCH ?1 AND f.rowid = ?2"
/* One row's snippet again, with markers that its text lacks. */
#define TEXT_SNIPPET_QUERY(snippet) \
  "SELECT " snippet " ?3, ?4, '" ELLIPSIS "', 16) FROM documents_fts" \
  " WHERE documents_fts MATCH ?1 AND rowid = ?2"
/* The two ways of cutting a text's snippet (ScholiaSearchSnippets). */
#define FIRST_MATCH_SNIPPET "scholia_snippet(documents_fts,"
#define BEST_SNIPPET "snippet(documents_fts, 1,"
#define PLACES "scholia_hits(documents_fts)"
static const char *const text_queries[] = {
  [SCHOLIA_SEARCH_SNIPPETS_FIRST_MATCH] = TEXT_QUERY (FIRST_MATCH_SNIPPET, PLACES),
  [SCHOLIA_SEARCH_SNIPPETS_BEST] = TEXT_QUERY (BEST_SNIPPET, "NULL"),
};
static const char *const text_scan_queries[] = {
  [SCHOLIA_SEARCH_SNIPPETS_FIRST_MATCH] = TEXT_SCAN_QUERY (FIRST_MATCH_SNIPPET, PLACES),
  [SCHOLIA_SEARCH_SNIPPETS_BEST] = TEXT_SCAN_QUERY (BEST_SNIPPET, "NULL"),
};
static const char *const text_snippet_queries[] = {
  [SCHOLIA_SEARCH_SNIPPETS_FIRST_MATCH] = TEXT_SNIPPET_QUERY (FIRST_MATCH_SNIPPET),
  [SCHOLIA_SEARCH_SNIPPETS_BEST] = TEXT_SNIPPET_QUERY (BEST_SNIPPET),
};
#define NOTE_SNIPPET_QUERY \
  "SELECT snippet(notes_fts, 0, ?3, ?4, '" ELLIPSIS "', 16) FROM notes_fts" \
  " WHERE notes_fts MATCH ?1 AND rowid = ?2"

void
scholia_search_result_free (ScholiaSearchResult *result)
{
  if (result == NULL)
    return;
  g_free (result->title);
  g_free (result->author);
  g_free (result->snippet);
  g_clear_pointer (&result->matches, g_array_unref);
  g_free (result);
}

/* Letters that the unicode61 tokenizer does not fold because Unicode gives them no base letter
 * plus accent (a stroke is part of the letter): "Lodz" must still find "Łódź". Each pair is a
 * lower-case letter and the one a user may type instead; rarer ones (Maltese ħ, Sami ŧ) are left
 * out, since every letter listed doubles the spellings tried for words that contain it. */
static const gunichar unfolded[][2] = {
  { 0x0142, 'l' },  /* ł */
  { 0x0111, 'd' },  /* đ */
  { 0x00f8, 'o' },  /* ø */
};

/* Enough variants for a word with four such letters; more are left as typed. */
#define MAX_VARIANT_LETTERS 4

static gunichar
other_letter (gunichar c)
{
  c = g_unichar_tolower (c);
  for (guint i = 0; i < G_N_ELEMENTS (unfolded); i++)
    {
      if (unfolded[i][0] == c)
        return unfolded[i][1];
      if (unfolded[i][1] == c)
        return unfolded[i][0];
    }
  return 0;
}

/* Every spelling of @word with and without those letters, or NULL when it has none. */
static GPtrArray *
spellings (const char *word)
{
  g_autofree gunichar *letters = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  glong n_letters;
  int places[MAX_VARIANT_LETTERS];
  int n_places = 0;

  letters = g_utf8_to_ucs4_fast (word, -1, &n_letters);
  for (glong i = 0; i < n_letters && n_places < MAX_VARIANT_LETTERS; i++)
    if (other_letter (letters[i]) != 0)
      places[n_places++] = i;
  if (n_places == 0)
    return NULL;

  variants = g_ptr_array_new_with_free_func (g_free);
  for (guint mask = 0; mask < (1u << n_places); mask++)
    {
      g_autofree gunichar *variant = g_memdup2 (letters, n_letters * sizeof (gunichar));

      for (int p = 0; p < n_places; p++)
        if (mask & (1u << p))
          variant[places[p]] = other_letter (variant[places[p]]);
      g_ptr_array_add (variants, g_ucs4_to_utf8 (variant, n_letters, NULL, NULL, NULL));
    }
  return g_steal_pointer (&variants);
}

/* Appends @word (a bareword, or a phrase's words when @quote) as a group of its spellings. */
static void
append_spellings (GString    *query,
                  const char *word,
                  gboolean    quote,
                  gboolean    prefix)
{
  g_autoptr(GPtrArray) variants = spellings (word);

  if (variants == NULL)
    {
      g_string_append_printf (query, quote ? "\"%s\"%s" : "%s%s", word, prefix ? "*" : "");
      return;
    }
  g_string_append_c (query, '(');
  for (guint i = 0; i < variants->len; i++)
    g_string_append_printf (query, quote ? "%s\"%s\"%s" : "%s%s%s", i > 0 ? " OR " : "",
                            (char *) g_ptr_array_index (variants, i), prefix ? "*" : "");
  g_string_append_c (query, ')');
}

static gboolean
is_bareword_character (const char *p)
{
  return (guchar) *p >= 0x80 || g_ascii_isalnum (*p) || *p == '_';
}

/* The user's FTS5 query with each bareword that holds such a letter replaced by a group of its
 * spellings. FTS5 joins neighbouring phrases with an implicit AND but not a group, so AND is
 * written out between neighbours. Phrases, operators, column names and NEAR groups are left
 * alone. */
static char *
expand_query (const char *query)
{
  g_autoptr(GString) expanded = g_string_new (NULL);
  gboolean after_operand = FALSE;
  const char *p = query;

  while (*p != '\0')
    {
      const char *start = p;
      g_autofree char *word = NULL;
      gboolean prefix;

      if (*p == '"' || *p == '{')
        {
          /* A phrase ("" stands for a quote inside it), or a list of columns. */
          if (*p == '"')
            {
              for (p++; *p != '\0'; p++)
                if (*p == '"' && *++p != '"')
                  break;
            }
          else
            for (; *p != '\0' && *p++ != '}';)
              ;
          if (after_operand && *start == '"')
            g_string_append (expanded, "AND ");
          g_string_append_len (expanded, start, p - start);
          after_operand = *start == '"';
          continue;
        }
      if (!is_bareword_character (p))
        {
          if (*p == '(' && after_operand)
            g_string_append (expanded, "AND ");
          if (!g_ascii_isspace (*p) && *p != '*')
            after_operand = *p == ')';
          g_string_append_c (expanded, *p++);
          continue;
        }

      while (*p != '\0' && is_bareword_character (p))
        p++;
      word = g_strndup (start, p - start);
      prefix = *p == '*';
      if (*p == ':' || g_str_equal (word, "AND") || g_str_equal (word, "OR") || g_str_equal (word, "NOT"))
        {
          g_string_append (expanded, word);
          after_operand = FALSE;
          continue;
        }
      if (g_str_equal (word, "NEAR"))
        {
          /* NEAR(…) holds phrases only: copied as it is. */
          const char *end = strchr (p, ')');

          end = end != NULL ? end + 1 : p + strlen (p);
          if (after_operand)
            g_string_append (expanded, "AND ");
          g_string_append_len (expanded, start, end - start);
          p = end;
          after_operand = TRUE;
          continue;
        }
      if (after_operand)
        g_string_append (expanded, "AND ");
      append_spellings (expanded, word, FALSE, prefix);
      if (prefix)
        p++;
      after_operand = TRUE;
    }

  return g_string_free (g_steal_pointer (&expanded), FALSE);
}

gboolean
scholia_search_query_has_words (const char *query)
{
  g_return_val_if_fail (query != NULL, FALSE);

  for (const char *p = query; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* The query as the user's words, each a quoted phrase, for input that is not valid FTS5 syntax
 * (a lone quote or bracket). Words without a letter or digit are dropped: FTS5 would find nothing
 * in them. NULL when no word is left. */
static char *
quote_words (const char *query)
{
  g_auto(GStrv) words = g_strsplit_set (query, " \t\n\r", -1);
  g_autoptr(GString) quoted = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_auto(GStrv) pieces = NULL;
      g_autofree char *escaped = NULL;

      if (!scholia_search_query_has_words (words[i]))
        continue;

      /* Quotes inside a word are doubled, as FTS5 reads them within a phrase. */
      pieces = g_strsplit (words[i], "\"", -1);
      escaped = g_strjoinv ("\"\"", pieces);
      if (quoted->len > 0)
        g_string_append (quoted, " AND ");
      append_spellings (quoted, escaped, TRUE, FALSE);
    }

  return quoted->len > 0 ? g_string_free (g_steal_pointer (&quoted), FALSE) : NULL;
}

static int
count_characters (const char *from,
                  const char *to)
{
  int count = 0;

  for (const guchar *p = (const guchar *) from; p < (const guchar *) to; p++)
    count += (*p & 0xc0) != 0x80;
  return count;
}

/* Takes the markers out of a snippet, noting where each matched word lies in code points. */
static char *
parse_snippet (const char *marked,
               const char *open,
               const char *close,
               GArray     *matches)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  ScholiaSearchRange range = { -1, -1 };
  gsize open_length = strlen (open);
  gsize close_length = strlen (close);
  int offset = 0;

  /* A snippet from the start of the text starts with the index's language marker. */
  marked += scholia_stem_marker_length (marked, strlen (marked));
  for (const char *p = marked; *p != '\0';)
    {
      if (strncmp (p, open, open_length) == 0)
        {
          range.start = offset;
          p += open_length;
        }
      else if (strncmp (p, close, close_length) == 0)
        {
          range.end = offset;
          if (range.start >= 0 && range.end > range.start)
            g_array_append_val (matches, range);
          range.start = -1;
          p += close_length;
        }
      else
        {
          g_string_append_len (plain, p, g_utf8_next_char (p) - p);
          offset++;
          p = g_utf8_next_char (p);
        }
    }

  return g_string_free (g_steal_pointer (&plain), FALSE);
}

/* Two private-use characters that @text does not hold, as UTF-8, for markers. */
static void
pick_markers (const char *text,
              char        open[8],
              char        close[8])
{
  char *markers[] = { open, close };
  guint n = 0;

  for (gunichar c = 0xe000; n < G_N_ELEMENTS (markers); c++)
    {
      char encoded[8] = { 0 };

      g_unichar_to_utf8 (c, encoded);
      if (strstr (text, encoded) == NULL)
        memcpy (markers[n++], encoded, sizeof encoded);
    }
}

/* Whether @text holds U+FDD0 or U+FDD1. Texts run to megabytes, so this looks only at the rare
 * lead byte 0xEF that both share (memchr is much faster than strstr). */
static gboolean
holds_markers (const char *text)
{
  const char *end = text + strlen (text);

  for (const char *p = text; (p = memchr (p, MATCH_OPEN[0], end - p)) != NULL; p++)
    if (end - p >= 3 && p[1] == MATCH_OPEN[1] && (p[2] == MATCH_OPEN[2] || p[2] == MATCH_CLOSE[2]))
      return TRUE;
  return FALSE;
}

/* The snippet of row @rowid, markers taken out: with the usual markers when @source (the text
 * the snippet is cut from) lacks them, else with markers picked for it. */
static char *
row_snippet (ScholiaStore          *self,
             ScholiaSearchKind      kind,
             ScholiaSearchSnippets  snippets,
             const char            *match,
             gint64              rowid,
             const char         *marked,
             const char         *source,
             GArray             *matches,
             GError            **error)
{
  char open[8];
  char close[8];
  ScholiaDbStatement *stmt;
  char *snippet = NULL;

  if (!holds_markers (source))
    return parse_snippet (marked, MATCH_OPEN, MATCH_CLOSE, matches);

  pick_markers (source, open, close);
  stmt = scholia_db_get_statement (self->db,
                                   kind == SCHOLIA_SEARCH_TEXT ? text_snippet_queries[snippets] : NOTE_SNIPPET_QUERY,
                                   error);
  if (stmt == NULL)
    return NULL;
  scholia_db_statement_bind_text (stmt, 1, match);
  scholia_db_statement_bind_int64 (stmt, 2, rowid);
  scholia_db_statement_bind_text (stmt, 3, open);
  scholia_db_statement_bind_text (stmt, 4, close);
  if (scholia_db_statement_step (stmt, error) == SCHOLIA_DB_STEP_ROW)
    snippet = parse_snippet (scholia_db_statement_column_text (stmt, 0), open, close, matches);
  scholia_db_statement_reset (stmt);
  return snippet;
}

/* Where the snippet's first match lies in the document text, in code points: the snippet is a
 * verbatim piece of the text, so it is looked for there (ellipses aside), and its first match's
 * offset within it added. -1 when it has no match (only the title matched). */
static int
locate_snippet (const char *text,
                const char *snippet,
                GArray     *matches)
{
  const char *start = snippet;
  g_autofree char *piece = NULL;
  const char *found;
  int skipped = 0;
  gsize length;

  if (text == NULL || matches->len == 0)
    return -1;

  if (g_str_has_prefix (start, ELLIPSIS))
    {
      start += strlen (ELLIPSIS);
      skipped = 1;
    }
  piece = g_strdup (start);
  length = strlen (piece);
  if (g_str_has_suffix (piece, ELLIPSIS))
    piece[length - strlen (ELLIPSIS)] = '\0';

  found = strstr (text, piece);
  if (found == NULL)
    return -1;
  return count_characters (text, found) +
         g_array_index (matches, ScholiaSearchRange, 0).start - skipped;
}

static gboolean
is_syntax_error (ScholiaStore *self)
{
  const char *message = scholia_db_get_error_message (self->db);

  /* FTS5 reports a query it cannot parse as "fts5: syntax error near …", and a bare NEAR or a
   * lone operator as "fts5: …" too; a query starting with "*" is one of its "special queries",
   * and NEAR(… , 6up) a distance that is not a number. */
  return g_str_has_prefix (message, "fts5:") || strstr (message, "unterminated string") != NULL ||
         g_str_has_prefix (message, "unknown special query") ||
         g_str_has_prefix (message, "expected integer, got");
}

static gboolean
is_unknown_column (ScholiaStore *self)
{
  return g_str_has_prefix (scholia_db_get_error_message (self->db), "no such column");
}

/* The languages the essays are in, for the tokenizer to stem a query in those alone; 0 (every
 * language) when one is not among those it knows. Read again after any change. */
static gboolean
load_languages (ScholiaStore  *self,
                guint64       *languages,
                GError       **error)
{
  gint64 changes = scholia_db_total_changes (self->db);
  gint64 data_version;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;
  guint n_known;
  const ScholiaLanguage *known = scholia_languages_get (&n_known);
  guint64 found = 0;
  gboolean all = FALSE;

  if (!scholia_db_query_int (self->db, "PRAGMA data_version", &data_version, error))
    return FALSE;
  if (self->search_languages_known && changes == self->search_languages_changes &&
      data_version == self->search_languages_data_version)
    {
      *languages = self->search_languages;
      return TRUE;
    }

  stmt = scholia_db_get_statement (self->db, "SELECT DISTINCT language FROM documents", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      const char *code = scholia_db_statement_column_text (stmt, 0);
      guint i = 0;

      while (i < n_known && g_strcmp0 (known[i].code, code) != 0)
        i++;
      if (i < n_known && i < 64)
        found |= G_GUINT64_CONSTANT (1) << i;
      else
        all = TRUE;
    }
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;
  scholia_db_statement_reset (stmt);

  self->search_languages = all ? 0 : found;
  self->search_languages_known = TRUE;
  self->search_languages_changes = changes;
  self->search_languages_data_version = data_version;
  *languages = self->search_languages;
  return TRUE;
}

/* A matching row, before its snippet is read. */
typedef struct
{
  double            rank;
  gint64            rowid;
  ScholiaSearchKind kind;
} Candidate;

/* The order results are shown in: by bm25 (lower is better; the two tables' scores are on the
 * same scale only roughly, but close enough to interleave notes with texts), texts before
 * notes, then by row. */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *left = a;
  const Candidate *right = b;

  if (left->rank != right->rank)
    return left->rank < right->rank ? -1 : 1;
  if (left->kind != right->kind)
    return left->kind < right->kind ? -1 : 1;
  return (left->rowid > right->rowid) - (left->rowid < right->rowid);
}

/* Beyond this many kept, candidates are gathered and sorted once rather than kept in order. */
#define MAX_KEPT_IN_ORDER 1024

/* How far behind the last kept candidate another may be and still overtake it once a lone
 * phrase's scores are multiplied by its idf (scholia_rank_query_scale()): two scores that
 * differ by less than a rounding (about 1e-16 of them) may become equal, and the row then
 * decides. */
#define NEAR_TIE 1e-12

/* The best @n_kept matches of one table so far, best first; every match when @n_kept is large,
 * sorted at the end (finish_best). With @near_ties, the scores are a lone phrase's before its
 * idf, and near ties of the last kept are kept too. */
typedef struct
{
  GArray  *best;
  guint    n_kept;
  guint    n_found;
  gboolean near_ties;
} Best;

/* Whether @candidate, which comes after @last (the last one kept), may be left out. */
static gboolean
droppable (const Best      *best,
           const Candidate *candidate,
           const Candidate *last)
{
  /* An equal score stays equal when scaled, and its row still comes after. */
  return !best->near_ties || candidate->rank == last->rank ||
         candidate->rank > last->rank + fabs (last->rank) * NEAR_TIE;
}

static void
offer (Best            *best,
       const Candidate *candidate)
{
  GArray *kept = best->best;
  guint low = 0, high = kept->len;

  best->n_found++;
  if (best->n_kept > MAX_KEPT_IN_ORDER)
    {
      g_array_append_val (kept, *candidate);
      return;
    }
  if (best->n_kept == 0)
    return;
  if (kept->len >= best->n_kept)
    {
      const Candidate *last = &g_array_index (kept, Candidate, best->n_kept - 1);

      if (compare_candidates (candidate, last) >= 0 && droppable (best, candidate, last))
        return;
    }
  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (compare_candidates (&g_array_index (kept, Candidate, middle), candidate) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  g_array_insert_val (kept, low, *candidate);
  while (kept->len > best->n_kept &&
         droppable (best, &g_array_index (kept, Candidate, kept->len - 1),
                    &g_array_index (kept, Candidate, best->n_kept - 1)))
    g_array_set_size (kept, kept->len - 1);
}

/* The kept matches as bm25() scores them, sorted, @n_kept at most. @n_hits rows matched in all,
 * hidden ones too (FTS5 counts them in the idf). */
static void
finish_best (Best                   *best,
             const ScholiaRankQuery *told,
             gint64                  n_hits)
{
  if (best->near_ties)
    for (guint i = 0; i < best->best->len; i++)
      {
        Candidate *candidate = &g_array_index (best->best, Candidate, i);

        candidate->rank = scholia_rank_query_scale (told, candidate->rank, n_hits);
      }
  g_array_sort (best->best, compare_candidates);
  if (best->best->len > best->n_kept)
    g_array_set_size (best->best, best->n_kept);
}

/* Tells a query FTS5 could not run apart: FALSE with *syntax_error set when FTS5 could not parse
 * it, so that the caller may retry with quoted words. A column filter that this table lacks
 * ("title:" for notes, "note:" for texts) finds nothing in it: TRUE, with *unknown_column set. */
static gboolean
query_failed (ScholiaStore  *self,
              GError        *step_error,
              gboolean      *syntax_error,
              gboolean      *unknown_column,
              GError       **error)
{
  /* FTS5 reports a query it cannot run as a plain SQL error: SCHOLIA_ERROR_FAILED. */
  if (g_error_matches (step_error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED) && is_unknown_column (self))
    {
      *unknown_column = TRUE;
      return TRUE;
    }

  *syntax_error = g_error_matches (step_error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED) && is_syntax_error (self);
  scholia_db_set_error (self->db, error, _("could not search the library"));
  return FALSE;
}

/* Keeps the best @n_kept rows of one table that @match finds in @kept, in order, with their
 * bm25 scores; counts them in @n_found. */
static gboolean
rank_rows (ScholiaStore       *self,
           ScholiaSearchKind   kind,
           const char         *match,
           guint               n_kept,
           GArray             *kept,
           guint              *n_found,
           gboolean           *syntax_error,
           gboolean           *unknown_column,
           GError            **error)
{
  ScholiaDbStatement *stmt;
  g_autoptr(GError) step_error = NULL;
  g_autoptr(GHashTable) hidden = NULL;
  ScholiaRankQuery told = { 0, 0 };
  Best best = { kept, n_kept, 0, FALSE };
  gboolean some_hidden;
  gint64 n_hits = 0;
  ScholiaDbStep rc;

  *syntax_error = FALSE;
  *unknown_column = FALSE;
  if (kind == SCHOLIA_SEARCH_NOTE && (hidden = _scholia_store_load_hidden_essays (self, 0, error)) == NULL)
    return FALSE;
  some_hidden = hidden != NULL && g_hash_table_size (hidden) > 0;
  stmt = scholia_db_get_statement (self->db,
                                   kind == SCHOLIA_SEARCH_TEXT ? TEXT_RANK_QUERY
                                   : some_hidden ? VISIBLE_NOTE_RANK_QUERY : NOTE_RANK_QUERY,
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, match);
  scholia_db_statement_bind_pointer (stmt, 2, &told, SCHOLIA_RANK_QUERY_POINTER);

  /* The step's own error is replaced by one that says what failed, and its message told apart. */
  while ((rc = scholia_db_statement_step (stmt, &step_error)) == SCHOLIA_DB_STEP_ROW)
    {
      Candidate candidate = {
        scholia_db_statement_column_double (stmt, 1), scholia_db_statement_column_int64 (stmt, 0), kind
      };

      /* The first row told how it is scored. */
      best.near_ties = told.n_phrases == 1;
      n_hits++;
      if (some_hidden && _scholia_store_is_hidden (hidden, scholia_db_statement_column_int64 (stmt, 2),
                                                   scholia_db_statement_column_int64 (stmt, 3)))
        continue;
      offer (&best, &candidate);
    }
  if (rc == SCHOLIA_DB_STEP_DONE)
    {
      scholia_db_statement_reset (stmt);
      finish_best (&best, &told, n_hits);
      *n_found = best.n_found;
      return TRUE;
    }
  return query_failed (self, step_error, syntax_error, unknown_column, error);
}

static GArray *parse_hits (const char *lines,
                           const char *text);

/* Every place in its text of each essay on the last page of results, read with the page for
 * the results list that asks for them next; kept on the store (PLACES_KEY) for @match, with the
 * languages, the connection's changes and the file's version that load_languages() noted: any
 * change to the library drops them. */
#define PLACES_KEY "scholia-search-places"

typedef struct
{
  char       *match;
  guint64     languages;
  gint64      changes;
  gint64      data_version;
  GHashTable *by_essay;  /* gint64 document id → GArray of ScholiaSearchRange */
} Places;

static void
places_free (Places *places)
{
  g_free (places->match);
  g_hash_table_unref (places->by_essay);
  g_free (places);
}

/* Forgets the places kept, and keeps those of @match's page from now on. */
static void
start_places (ScholiaStore *self,
              const char   *match)
{
  Places *places = g_new0 (Places, 1);

  places->match = g_strdup (match);
  places->languages = self->search_languages;
  places->changes = self->search_languages_changes;
  places->data_version = self->search_languages_data_version;
  places->by_essay = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  g_object_set_data_full (G_OBJECT (self), PLACES_KEY, places, (GDestroyNotify) places_free);
}

/* A copy of the places of essay @document_id that @match finds, if kept; after
 * load_languages(). */
static GArray *
lookup_places (ScholiaStore *self,
               const char   *match,
               gint64        document_id)
{
  Places *places = g_object_get_data (G_OBJECT (self), PLACES_KEY);
  GArray *found;

  if (places == NULL || places->languages != self->search_languages || places->changes != self->search_languages_changes ||
      places->data_version != self->search_languages_data_version || g_strcmp0 (places->match, match) != 0)
    return NULL;
  found = g_hash_table_lookup (places->by_essay, &document_id);
  return found != NULL ? g_array_copy (found) : NULL;
}

/* The result for one row shown from @stmt's row, which holds its snippet and what locates it
 * from column @column on (TEXT_QUERY, NOTE_QUERY); NULL with no error when its essay is gone. */
static ScholiaSearchResult *
result_from_row (ScholiaStore          *self,
                 ScholiaSearchSnippets  snippets,
                 const char            *match,
                 const Candidate       *candidate,
                 ScholiaDbStatement    *stmt,
                 int                    column,
                 GError               **error)
{
  g_autoptr(ScholiaSearchResult) result = g_new0 (ScholiaSearchResult, 1);
  gboolean text = candidate->kind == SCHOLIA_SEARCH_TEXT;
  ScholiaDocument *document;

  result->kind = candidate->kind;
  result->rank = candidate->rank;
  result->matches = g_array_new (FALSE, FALSE, sizeof (ScholiaSearchRange));
  result->snippet = row_snippet (self, candidate->kind, snippets, match, candidate->rowid,
                                 scholia_db_statement_column_text (stmt, column),
                                 scholia_db_statement_column_text (stmt, column + (text ? 1 : 3)),
                                 result->matches, error);
  if (result->snippet == NULL)
    return NULL;
  if (text)
    {
      result->document_id = candidate->rowid;
      result->offset = locate_snippet (scholia_db_statement_column_text (stmt, column + 1), result->snippet,
                                       result->matches);
      Places *places = g_object_get_data (G_OBJECT (self), PLACES_KEY);

      if (!scholia_db_statement_column_is_null (stmt, column + 2) && places != NULL)
        g_hash_table_insert (places->by_essay, g_memdup2 (&candidate->rowid, sizeof (gint64)),
                             parse_hits (scholia_db_statement_column_text (stmt, column + 2),
                                         scholia_db_statement_column_text (stmt, column + 1)));
    }
  else
    {
      result->annotation_id = candidate->rowid;
      result->document_id = scholia_db_statement_column_int64 (stmt, column + 1);
      result->offset = scholia_db_statement_column_int (stmt, column + 2);
    }

  document = scholia_store_lookup_document (self, result->document_id);
  if (document == NULL)
    return NULL;
  result->title = g_strdup (scholia_document_get_title (document));
  result->author = g_strdup (scholia_document_get_author (document));
  return g_steal_pointer (&result);
}

/* Reads the page's rows of one table a row at a time, each found by its rowid: @page's results
 * of that kind are set, in place. */
static gboolean
read_rows (ScholiaStore          *self,
           ScholiaSearchSnippets  snippets,
           const char            *match,
           ScholiaSearchKind      kind,
           GArray                *candidates,
           ScholiaSearchResult  **page,
           GError               **error)
{
  ScholiaDbStatement *stmt = NULL;

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);
      g_autoptr(GError) local_error = NULL;
      ScholiaDbStep rc;

      if (candidate->kind != kind)
        continue;
      if (stmt == NULL &&
          (stmt = scholia_db_get_statement (self->db, kind == SCHOLIA_SEARCH_TEXT ? text_queries[snippets] : NOTE_QUERY,
                                            error)) == NULL)
        return FALSE;
      scholia_db_statement_bind_text (stmt, 1, match);
      scholia_db_statement_bind_int64 (stmt, 2, candidate->rowid);
      rc = scholia_db_statement_step (stmt, error);
      if (rc == SCHOLIA_DB_STEP_ERROR)
        return FALSE;
      if (rc == SCHOLIA_DB_STEP_ROW)
        page[i] = result_from_row (self, snippets, match, candidate, stmt, 0, &local_error);
      scholia_db_statement_reset (stmt);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads the page's rows of one table in one pass over the rows @match finds between the
 * page's first and last rowid. A prefix query is read so: FTS5 gathers every word with the
 * prefix anew at each MATCH, which for a page of rows read one by one costs fifty times what
 * the search does. So are words: each MATCH looks each word up in every segment of the index
 * (25 in a library imported in batches), which for 20 rows costs more than going through the
 * words' rows once. Not a phrase, whose every row in the range would be checked word by word. */
static gboolean
scan_rows (ScholiaStore          *self,
           ScholiaSearchSnippets  snippets,
           const char            *match,
           ScholiaSearchKind      kind,
           GArray                *candidates,
           ScholiaSearchResult  **page,
           GError               **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GString) rowids = g_string_new ("[");
  gint64 first = G_MAXINT64, last = G_MININT64;
  ScholiaDbStatement *stmt;
  ScholiaDbStep rc;

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (candidate->kind != kind)
        continue;
      g_hash_table_insert (wanted, &candidate->rowid, GUINT_TO_POINTER (i));
      g_string_append_printf (rowids, "%s%" G_GINT64_FORMAT, rowids->len > 1 ? "," : "", candidate->rowid);
      first = MIN (first, candidate->rowid);
      last = MAX (last, candidate->rowid);
    }
  if (g_hash_table_size (wanted) == 0)
    return TRUE;
  g_string_append_c (rowids, ']');

  stmt = scholia_db_get_statement (self->db, kind == SCHOLIA_SEARCH_TEXT ? text_scan_queries[snippets] : NOTE_SCAN_QUERY,
                                   error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, match);
  scholia_db_statement_bind_int64 (stmt, 2, first);
  scholia_db_statement_bind_int64 (stmt, 3, last);
  scholia_db_statement_bind_text (stmt, 4, rowids->str);
  while ((rc = scholia_db_statement_step (stmt, error)) == SCHOLIA_DB_STEP_ROW)
    {
      gint64 rowid = scholia_db_statement_column_int64 (stmt, 0);
      gpointer index;
      g_autoptr(GError) local_error = NULL;

      if (!g_hash_table_lookup_extended (wanted, &rowid, NULL, &index))
        continue;
      page[GPOINTER_TO_UINT (index)] =
        result_from_row (self, snippets, match, &g_array_index (candidates, Candidate, GPOINTER_TO_UINT (index)),
                         stmt, 1, &local_error);
      if (local_error != NULL)
        {
          scholia_db_statement_reset (stmt);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (rc == SCHOLIA_DB_STEP_ERROR)
    return FALSE;
  scholia_db_statement_reset (stmt);
  return TRUE;
}

/* Searches texts and notes: the best @offset + @limit matches ranked, then the last @limit of
 * them read. A column neither table has ("19:30", "see:") is not a filter the user meant: that
 * is reported as a syntax error, for the words to be searched instead. */
static gboolean
search (ScholiaStore          *self,
        ScholiaSearchSnippets  snippets,
        const char            *match,
        guint                  offset,
        guint                  limit,
        GPtrArray             *results,
        guint                 *n_found,
        gboolean              *syntax_error,
        GError               **error)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (Candidate));
  guint n_kept = offset > G_MAXUINT - limit ? G_MAXUINT : offset + limit;
  guint n_texts = 0, n_notes = 0;
  g_autofree ScholiaSearchResult **page = NULL;
  gboolean (*read) (ScholiaStore *, ScholiaSearchSnippets, const char *, ScholiaSearchKind, GArray *,
                    ScholiaSearchResult **, GError **);
  gboolean text_lacks_column;
  gboolean note_lacks_column;

  /* Each table's best, then the best of both: a lone phrase's scores are final only once its
   * table's rows are counted. */
  if (!rank_rows (self, SCHOLIA_SEARCH_TEXT, match, n_kept, kept, &n_texts, syntax_error, &text_lacks_column,
                  error) ||
      !rank_rows (self, SCHOLIA_SEARCH_NOTE, match, n_kept, notes, &n_notes, syntax_error, &note_lacks_column,
                  error))
    return FALSE;
  if (text_lacks_column && note_lacks_column)
    {
      *syntax_error = TRUE;
      return FALSE;
    }
  g_array_append_vals (kept, notes->data, notes->len);
  g_array_sort (kept, compare_candidates);
  if (kept->len > n_kept)
    g_array_set_size (kept, n_kept);
  *n_found = n_texts + n_notes;

  if (offset >= kept->len)
    return TRUE;
  g_array_remove_range (kept, 0, offset);
  page = g_new0 (ScholiaSearchResult *, kept->len);
  if (snippets == SCHOLIA_SEARCH_SNIPPETS_FIRST_MATCH)
    start_places (self, match);
  read = strchr (match, '*') != NULL || (strchr (match, '"') == NULL && strstr (match, "NEAR") == NULL)
         ? scan_rows : read_rows;
  if (read (self, snippets, match, SCHOLIA_SEARCH_TEXT, kept, page, error) &&
      read (self, snippets, match, SCHOLIA_SEARCH_NOTE, kept, page, error))
    {
      for (guint i = 0; i < kept->len; i++)
        if (page[i] != NULL)
          g_ptr_array_add (results, g_steal_pointer (&page[i]));
      return TRUE;
    }
  for (guint i = 0; i < kept->len; i++)
    scholia_search_result_free (page[i]);
  return FALSE;
}


GPtrArray *
scholia_store_search (ScholiaStore  *self,
                      const char    *query,
                      guint          limit,
                      GError       **error)
{
  return scholia_store_search_full (self, query, limit, SCHOLIA_SEARCH_SNIPPETS_FIRST_MATCH, error);
}

GPtrArray *
scholia_store_search_full (ScholiaStore          *self,
                           const char            *query,
                           guint                  limit,
                           ScholiaSearchSnippets  snippets,
                           GError               **error)
{
  return scholia_store_search_page (self, query, 0, limit, snippets, NULL, error);
}

GPtrArray *
scholia_store_search_page (ScholiaStore          *self,
                           const char            *query,
                           guint                  offset,
                           guint                  limit,
                           ScholiaSearchSnippets  snippets,
                           guint                 *n_found,
                           GError               **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) scholia_search_result_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *expanded = NULL;
  g_autofree char *quoted = NULL;
  gboolean syntax_error = FALSE;
  gboolean searched;
  guint64 languages;
  guint found = 0;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (limit > 0, NULL);

  if (n_found != NULL)
    *n_found = 0;

  /* FTS5 would read bytes that are not UTF-8 as text; only a command line can send them. */
  if (!g_utf8_validate (query, -1, NULL))
    {
      g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_INVALID,
                           _("The search is not valid UTF-8 text"));
      return NULL;
    }

  /* Punctuation and operators alone ("*", "-") would only give FTS5's own errors. */
  if (!scholia_search_query_has_words (query))
    return g_steal_pointer (&results);

  if (!load_languages (self, &languages, error))
    return NULL;
  expanded = expand_query (query);
  scholia_db_set_query_languages (self->db, languages);
  searched = search (self, snippets, expanded, offset, limit, results, &found, &syntax_error, &local_error);
  if (!searched && syntax_error)
    {
      /* Not FTS5 syntax: the user meant the words. */
      g_clear_error (&local_error);
      g_ptr_array_set_size (results, 0);
      found = 0;
      quoted = quote_words (query);
      searched = quoted == NULL ||
                 search (self, snippets, quoted, offset, limit, results, &found, &syntax_error, &local_error);
    }
  scholia_db_set_query_languages (self->db, 0);
  if (!searched)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (n_found != NULL)
    *n_found = found;
  return g_steal_pointer (&results);
}

/* Reads "start end" lines of byte offsets into @text as code-point ranges, in text order. */
static GArray *
parse_hits (const char *lines,
            const char *text)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (ScholiaSearchRange));
  g_auto(GStrv) pairs = g_strsplit (lines, "\n", -1);
  gsize text_length = strlen (text);
  const char *counted = text;
  int offset = 0;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      guint64 start, end;
      char *rest;
      ScholiaSearchRange range;

      start = g_ascii_strtoull (pairs[i], &rest, 10);
      if (rest == pairs[i] || *rest != ' ')
        continue;
      end = g_ascii_strtoull (rest + 1, NULL, 10);
      if (end > text_length || start >= end || text + start < counted)
        continue;

      /* Offsets grow, so the text is counted once from the last hit on. */
      offset += count_characters (counted, text + start);
      range.start = offset;
      range.end = offset + count_characters (text + start, text + end);
      counted = text + start;
      g_array_append_val (hits, range);
    }
  return g_steal_pointer (&hits);
}

static gboolean
run_hits_query (ScholiaStore  *self,
                const char    *match,
                gint64         document_id,
                GArray       **hits,
                gboolean      *syntax_error,
                GError       **error)
{
  ScholiaDbStatement *stmt;
  g_autoptr(GError) step_error = NULL;
  ScholiaDbStep rc;

  *syntax_error = FALSE;
  if ((*hits = lookup_places (self, match, document_id)) != NULL)
    return TRUE;
  stmt = scholia_db_get_statement (self->db, HITS_QUERY, error);
  if (stmt == NULL)
    return FALSE;
  scholia_db_statement_bind_text (stmt, 1, match);
  scholia_db_statement_bind_int64 (stmt, 2, document_id);

  rc = scholia_db_statement_step (stmt, &step_error);
  if (rc == SCHOLIA_DB_STEP_ROW)
    *hits = parse_hits (scholia_db_statement_column_text (stmt, 0), scholia_db_statement_column_text (stmt, 1));
  else if (rc == SCHOLIA_DB_STEP_DONE)
    *hits = g_array_new (FALSE, FALSE, sizeof (ScholiaSearchRange));
  if (rc != SCHOLIA_DB_STEP_ERROR)
    {
      scholia_db_statement_reset (stmt);
      return TRUE;
    }

  /* A column filter the text lacks ("note:") finds nothing in it. */
  if (g_error_matches (step_error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED) && is_unknown_column (self))
    {
      *hits = g_array_new (FALSE, FALSE, sizeof (ScholiaSearchRange));
      return TRUE;
    }
  *syntax_error = g_error_matches (step_error, SCHOLIA_ERROR, SCHOLIA_ERROR_FAILED) && is_syntax_error (self);
  scholia_db_set_error (self->db, error, _("could not search the library"));
  return FALSE;
}

/* Every place in the text of document @document_id that @query matches, as
 * scholia_store_search() reads the query, in text order: code-point ranges into the text.
 * An empty array when nothing in the text matches (the title alone, or a note). */
GArray *
scholia_store_search_hits (ScholiaStore  *self,
                           const char    *query,
                           gint64         document_id,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *expanded = NULL;
  g_autofree char *quoted = NULL;
  GArray *hits = NULL;
  gboolean syntax_error;
  gboolean searched;
  guint64 languages;

  g_return_val_if_fail (SCHOLIA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!g_utf8_validate (query, -1, NULL) || !scholia_search_query_has_words (query))
    return g_array_new (FALSE, FALSE, sizeof (ScholiaSearchRange));

  if (!load_languages (self, &languages, error))
    return NULL;
  expanded = expand_query (query);
  scholia_db_set_query_languages (self->db, languages);
  searched = run_hits_query (self, expanded, document_id, &hits, &syntax_error, &local_error);
  if (!searched && syntax_error)
    {
      g_clear_error (&local_error);
      quoted = quote_words (query);
      if (quoted == NULL)
        hits = g_array_new (FALSE, FALSE, sizeof (ScholiaSearchRange));
      searched = quoted == NULL || run_hits_query (self, quoted, document_id, &hits, &syntax_error, &local_error);
    }
  scholia_db_set_query_languages (self->db, 0);
  if (!searched)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return hits;
}
