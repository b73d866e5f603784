/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libstemmer.h>
#include <string.h>

#include "scholia-language.h"
#include "scholia-search-fold.h"
#include "scholia-stem-tokenizer.h"
#include "scholia-text-pack.h"
#include "scholia-theme-counts.h"
#include "scholia-uuid-key.h"
#include "scholia-term-cache.h"

#define MARKER "\xef\xb7\x92"  /* U+FDD2 */
#define MARKER_LENGTH 3
/* Longest language code a marker holds. */
#define MAX_CODE_LENGTH 3
/* Longer words are indexed as they are: no stemmer shortens them usefully, and the buffer
 * stays on the stack. */
#define MAX_WORD_LENGTH 256
/* A term: the language's code, a colon and a stem. */
#define MAX_TERM_LENGTH (MAX_CODE_LENGTH + 1 + MAX_WORD_LENGTH * 4)
/* Terms a tokenizer keeps per language before it forgets them all (a few megabytes). */
#define MAX_CACHED_TERMS 65536

/* What the tokenizer shares on one connection: the languages a query is stemmed in. */
typedef struct
{
  fts5_api *api;
  guint64   query_languages;  /* by index in scholia_languages_get(); 0 for every one */
} Registration;

typedef struct
{
  Registration     *registration;
  fts5_tokenizer    unicode61;
  Fts5Tokenizer    *inner;
  struct sb_stemmer *stemmers[64];  /* by index in scholia_languages_get(), made when needed */
  ScholiaTermCache *terms[64];     /* by language: a word as written → its term, see emit_cached() */
  gboolean          fold_marks;  /* words folded by scholia_search_fold_word() */
  gboolean          stem;        /* FALSE for scholia_fold: words handed on folded, unstemmed */
} StemTokenizer;

typedef struct
{
  StemTokenizer *tokenizer;
  void          *context;
  int          (*callback) (void *, int, const char *, int, int, int);
  int            language;   /* index, or -1 for every language (a query) */
  gboolean       prefix;     /* words handed back unstemmed */
  int            base;       /* bytes of marker skipped before the text unicode61 sees */
} TokenizeCall;

fts5_api *
scholia_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

static int
language_index (const char *code,
                gsize       length)
{
  guint n_languages;
  const ScholiaLanguage *languages = scholia_languages_get (&n_languages);

  for (guint i = 0; i < n_languages; i++)
    if (strlen (languages[i].code) == length && strncmp (languages[i].code, code, length) == 0)
      return i;
  return -1;
}

gsize
scholia_stem_marker_length (const char *text,
                            gsize       length)
{
  const char *end;

  if (length < 2 * MARKER_LENGTH || memcmp (text, MARKER, MARKER_LENGTH) != 0)
    return 0;
  end = g_strstr_len (text + MARKER_LENGTH, MIN (length - MARKER_LENGTH, MAX_CODE_LENGTH + MARKER_LENGTH),
                      MARKER);
  return end != NULL ? (gsize) (end - text) + MARKER_LENGTH : 0;
}

static struct sb_stemmer *
get_stemmer (StemTokenizer *self,
             int            language)
{
  guint n_languages;
  const ScholiaLanguage *languages = scholia_languages_get (&n_languages);

  if (self->stemmers[language] == NULL)
    self->stemmers[language] = sb_stemmer_new (languages[language].code, "UTF_8");
  return self->stemmers[language];
}

/* The term of @token in @language, "code:stem" (the word itself when @prefix), written into
 * @term (MAX_TERM_LENGTH bytes); its length, or -1 when memory ran out. */
static int
make_term (StemTokenizer *self,
           int            language,
           gboolean       prefix,
           const char    *token,
           int            length,
           char          *term)
{
  guint n_languages;
  const ScholiaLanguage *languages = scholia_languages_get (&n_languages);
  const char *code = languages[language].code;
  struct sb_stemmer *stemmer = get_stemmer (self, language);
  gsize code_length = strlen (code);
  const char *stem = token;
  int stem_length = length;

  if (!prefix && stemmer != NULL && length <= MAX_WORD_LENGTH)
    {
      stem = (const char *) sb_stemmer_stem (stemmer, (const sb_symbol *) token, length);
      stem_length = sb_stemmer_length (stemmer);
      if (stem == NULL)
        return -1;
    }
  if (stem_length > MAX_WORD_LENGTH * 4)
    stem_length = MAX_WORD_LENGTH * 4;

  memcpy (term, code, code_length);
  term[code_length] = ':';
  memcpy (term + code_length + 1, stem, stem_length);
  return code_length + 1 + stem_length;
}

/* Emits "code:stem" of @token in @language. */
static int
emit (TokenizeCall *call,
      int           language,
      int           flags,
      const char   *token,
      int           length,
      int           start,
      int           end)
{
  char term[MAX_TERM_LENGTH];
  int term_length = make_term (call->tokenizer, language, call->prefix, token, length, term);

  if (term_length < 0)
    return SQLITE_NOMEM;
  return call->callback (call->context, flags, term, term_length, start + call->base, end + call->base);
}

/* @token folded as the index wants it (see the header), in @folded (MAX_WORD_LENGTH * 4 bytes)
 * when it changes; its length. */
static int
fold_token (StemTokenizer  *self,
            const char    **token,
            int             length,
            char           *folded)
{
  gsize folded_length;

  /* A word of marks alone stays as it is, since every word must keep its place. */
  if (!self->fold_marks || (gsize) length > MAX_WORD_LENGTH * 4)
    return length;
  folded_length = scholia_search_fold_word (*token, length, folded);
  if (folded_length == 0)
    return length;
  *token = folded;
  return folded_length;
}

/* Indexing stems every word of every essay, most of them seen thousands of times in a library
 * (folding and stemming took a third of an import): the term a word as written gives in a
 * language is kept, so that they run once per distinct word. The term is the one emit()
 * gives. */
static int
emit_cached (TokenizeCall *call,
             int           flags,
             const char   *token,
             int           length,
             int           start,
             int           end)
{
  StemTokenizer *self = call->tokenizer;
  ScholiaTermCache **cache = &self->terms[call->language];
  gsize term_length;
  const char *term;

  if (*cache == NULL)
    *cache = scholia_term_cache_new (MAX_CACHED_TERMS);
  term = scholia_term_cache_lookup (*cache, token, length, &term_length);
  if (term == NULL)
    {
      char folded[MAX_WORD_LENGTH * 4];
      char made[MAX_TERM_LENGTH];
      const char *bare = token;
      int bare_length = fold_token (self, &bare, length, folded);
      int made_length = make_term (self, call->language, FALSE, bare, bare_length, made);

      if (made_length < 0)
        return SQLITE_NOMEM;
      term = scholia_term_cache_insert (*cache, token, length, made, made_length);
      term_length = made_length;
    }
  return call->callback (call->context, flags, term, term_length, start + call->base, end + call->base);
}

static int
token_cb (void       *user_data,
          int         flags,
          const char *token,
          int         length,
          int         start,
          int         end)
{
  TokenizeCall *call = user_data;
  char folded[MAX_WORD_LENGTH * 4];
  guint n_languages;
  int rc;

  if (call->tokenizer->stem && call->language >= 0 && !call->prefix && length <= MAX_WORD_LENGTH)
    return emit_cached (call, flags, token, length, start, end);

  /* Folded before stemming, so that a stemmer sees the word bare whichever way it was
   * written. */
  length = fold_token (call->tokenizer, &token, length, folded);

  if (!call->tokenizer->stem)
    return call->callback (call->context, flags, token, length, start + call->base, end + call->base);
  if (call->language >= 0)
    return emit (call, call->language, flags, token, length, start, end);

  /* A query's word in each language the index may hold, as alternatives at one place: one
   * term per language, each looked up in every segment of the index. */
  scholia_languages_get (&n_languages);
  rc = SQLITE_OK;
  for (guint i = 0, n_emitted = 0; rc == SQLITE_OK && i < n_languages; i++)
    if (call->tokenizer->registration->query_languages == 0 ||
        (call->tokenizer->registration->query_languages & (G_GUINT64_CONSTANT (1) << i)) != 0)
      rc = emit (call, i, n_emitted++ > 0 ? flags | FTS5_TOKEN_COLOCATED : flags, token, length, start, end);
  return rc;
}

static int
stem_tokenize (Fts5Tokenizer *tokenizer,
               void          *context,
               int            flags,
               const char    *text,
               int            length,
               int          (*callback) (void *, int, const char *, int, int, int))
{
  StemTokenizer *self = (StemTokenizer *) tokenizer;
  TokenizeCall call = { self, context, callback, -1, FALSE, 0 };
  gsize marker = length > 0 ? scholia_stem_marker_length (text, length) : 0;

  if (marker > 0)
    {
      call.language = language_index (text + MARKER_LENGTH, marker - 2 * MARKER_LENGTH);
      call.base = marker;
    }
  if (call.language < 0 && (flags & FTS5_TOKENIZE_QUERY) == 0)
    call.language = language_index (SCHOLIA_LANGUAGE_DEFAULT, strlen (SCHOLIA_LANGUAGE_DEFAULT));
  /* Snippets and scholia_hits() match by position, not by the words handed back: a text
   * they tokenize (FTS5_TOKENIZE_AUX) is not stemmed, which makes them several times faster. */
  call.prefix = (flags & (FTS5_TOKENIZE_PREFIX | FTS5_TOKENIZE_AUX)) != 0;

  return self->unicode61.xTokenize (self->inner, &call, flags, text + call.base, length - call.base,
                                    token_cb);
}

static void
stem_delete (Fts5Tokenizer *tokenizer)
{
  StemTokenizer *self = (StemTokenizer *) tokenizer;

  if (self->inner != NULL)
    self->unicode61.xDelete (self->inner);
  for (guint i = 0; i < G_N_ELEMENTS (self->stemmers); i++)
    if (self->stemmers[i] != NULL)
      sb_stemmer_delete (self->stemmers[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->terms); i++)
    g_clear_pointer (&self->terms[i], scholia_term_cache_free);
  g_free (self);
}

/* The tokenizer takes unicode61's arguments and one of its own, "fold_marks 1" (since schema
 * version 11): words are folded by scholia_search_fold_word(), and the combining marks (Mn),
 * which unicode61 takes for separators, are kept inside the words, so that "كِتَابٌ" is one word
 * (folded "كتاب") rather than three pieces, and a hit or a snippet never ends between a letter
 * and its marks. An index made without it reads as it was made. */
static int
create_tokenizer (Registration   *registration,
                  gboolean        stem,
                  const char    **arguments,
                  int             n_arguments,
                  Fts5Tokenizer **out)
{
  fts5_api *api = registration->api;
  StemTokenizer *self = g_new0 (StemTokenizer, 1);
  g_autoptr(GPtrArray) inner_arguments = g_ptr_array_new ();
  void *unicode61_data = NULL;
  int rc;

  self->registration = registration;
  self->stem = stem;
  self->fold_marks = !stem;

  for (int i = 0; i < n_arguments; i++)
    {
      if (i + 1 < n_arguments && strcmp (arguments[i], "fold_marks") == 0)
        {
          self->fold_marks = !stem || strcmp (arguments[++i], "1") == 0;
          continue;
        }
      g_ptr_array_add (inner_arguments, (gpointer) arguments[i]);
    }
  if (self->fold_marks)
    {
      g_ptr_array_add (inner_arguments, (gpointer) "categories");
      g_ptr_array_add (inner_arguments, (gpointer) "L* N* Co Mn");
    }

  rc = api->xFindTokenizer (api, "unicode61", &unicode61_data, &self->unicode61);
  if (rc == SQLITE_OK)
    rc = self->unicode61.xCreate (unicode61_data, (const char **) inner_arguments->pdata,
                                  inner_arguments->len, &self->inner);
  if (rc != SQLITE_OK)
    {
      stem_delete ((Fts5Tokenizer *) self);
      return rc;
    }
  *out = (Fts5Tokenizer *) self;
  return SQLITE_OK;
}

static int
stem_create (void           *user_data,
             const char    **arguments,
             int             n_arguments,
             Fts5Tokenizer **out)
{
  return create_tokenizer (user_data, TRUE, arguments, n_arguments, out);
}

/* "scholia_fold" (the notes' index since schema version 12): the same without the stemming, and
 * always folding, as if given "fold_marks 1"; words are indexed as unicode61 makes them, with no
 * language code, so that a note is searched as before, Arabic and Hebrew aside. */
static int
fold_create (void           *user_data,
             const char    **arguments,
             int             n_arguments,
             Fts5Tokenizer **out)
{
  return create_tokenizer (user_data, FALSE, arguments, n_arguments, out);
}

typedef struct
{
  GArray *positions;  /* of int: token positions of the matches, ascending */
  guint   next;       /* the next position looked for */
  int     position;   /* of the token now seen */
  int     base;
  GString *out;
} HitsCall;

static int
hits_token_cb (void       *user_data,
               int         flags,
               const char *token,
               int         length,
               int         start,
               int         end)
{
  HitsCall *call = user_data;

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;
  while (call->next < call->positions->len &&
         g_array_index (call->positions, int, call->next) == call->position)
    {
      g_string_append_printf (call->out, "%d %d\n", start - call->base, end - call->base);
      call->next++;
    }
  call->position++;
  return SQLITE_OK;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The token positions of every phrase instance in the text column (1), in text order. */
static int
text_match_positions (const Fts5ExtensionApi *api,
                      Fts5Context            *fts,
                      GArray                 *positions)
{
  int n_instances = 0;
  int rc = api->xInstCount (fts, &n_instances);

  for (int i = 0; rc == SQLITE_OK && i < n_instances; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK && column == 1)
        g_array_append_val (positions, offset);
    }
  g_array_sort (positions, compare_ints);
  return rc;
}

/* scholia_hits(documents_fts): every match in the text column (1), found by position in the
 * phrase instances, then located by tokenizing the text once. */
static void
hits_function (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               sqlite3_context        *context,
               int                     n_values,
               sqlite3_value         **values)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GString) out = g_string_new (NULL);
  HitsCall call = { positions, 0, 0, 0, out };
  const char *text = NULL;
  int length = 0;
  int rc;

  rc = text_match_positions (api, fts, positions);
  if (rc == SQLITE_OK && positions->len > 0)
    rc = api->xColumnText (fts, 1, &text, &length);
  if (rc == SQLITE_OK && text != NULL)
    {
      call.base = scholia_stem_marker_length (text, length);
      rc = api->xTokenize (fts, text, length, &call, hits_token_cb);
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  sqlite3_result_text (context, out->str, out->len, SQLITE_TRANSIENT);
}

typedef struct
{
  int     first;   /* the window of tokens to keep */
  int     last;
  int     position;
  GArray *starts;  /* byte offsets of the window's tokens */
  GArray *ends;
  gboolean more;   /* a token follows the window */
} WindowCall;

static int
window_token_cb (void       *user_data,
                 int         flags,
                 const char *token,
                 int         length,
                 int         start,
                 int         end)
{
  WindowCall *call = user_data;

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;
  if (call->position > call->last)
    {
      call->more = TRUE;
      return SQLITE_DONE;  /* the rest of the text is not needed */
    }
  if (call->position >= call->first)
    {
      g_array_append_val (call->starts, start);
      g_array_append_val (call->ends, end);
    }
  call->position++;
  return SQLITE_OK;
}

/* scholia_snippet(documents_fts, open, close, ellipsis, tokens): what snippet() gives for the
 * text column, a window of @tokens tokens around the first match (the start of the text when
 * none matched there) with every match in it between
 * @open and @close, but read only as far as that window: snippet() tokenizes the whole text of
 * every row to choose its window, which for long essays costs more than the search. */
static void
snippet_function (const Fts5ExtensionApi *api,
                  Fts5Context            *fts,
                  sqlite3_context        *context,
                  int                     n_values,
                  sqlite3_value         **values)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GString) out = g_string_new (NULL);
  const char *open, *close, *ellipsis;
  WindowCall call = { 0, 0, 0, starts, ends, FALSE };
  const char *text = NULL;
  int length = 0, n_tokens, base, copied, match = 0, first, last;
  gboolean more;
  guint next = 0;
  int rc;

  if (n_values != 4)
    {
      sqlite3_result_error (context, "scholia_snippet: wrong number of arguments", -1);
      return;
    }
  open = (const char *) sqlite3_value_text (values[0]);
  close = (const char *) sqlite3_value_text (values[1]);
  ellipsis = (const char *) sqlite3_value_text (values[2]);
  n_tokens = MAX (sqlite3_value_int (values[3]), 1);

  rc = text_match_positions (api, fts, positions);
  if (rc == SQLITE_OK)
    rc = api->xColumnText (fts, 1, &text, &length);
  if (rc != SQLITE_OK || text == NULL)
    {
      sqlite3_result_error_code (context, rc != SQLITE_OK ? rc : SQLITE_ERROR);
      return;
    }

  /* Read from a window's length before the first match to a window's length after it, then
   * show the first match a quarter into the window, as snippet() centres what it shows, or the
   * text's last tokens when it ends sooner. */
  if (positions->len > 0)
    match = g_array_index (positions, int, 0);
  call.first = MAX (0, match - n_tokens + 1);
  call.last = match + n_tokens - 1;
  base = scholia_stem_marker_length (text, length);
  rc = api->xTokenize (fts, text, length, &call, window_token_cb);
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  if (starts->len == 0)
    {
      sqlite3_result_text (context, "", 0, SQLITE_STATIC);
      return;
    }

  last = call.first + (int) starts->len - 1;
  first = MAX (0, match - n_tokens / 4);
  if (first + n_tokens - 1 > last)
    first = MAX (call.first, last - n_tokens + 1);
  last = MIN (last, first + n_tokens - 1);
  more = call.more || last < call.first + (int) starts->len - 1;

  copied = first > 0 ? g_array_index (starts, int, first - call.first) : base;
  if (first > 0)
    g_string_append (out, ellipsis);
  for (int position = first; position <= last; position++)
    {
      int start = g_array_index (starts, int, position - call.first);
      int end = g_array_index (ends, int, position - call.first);
      gboolean matched = FALSE;

      while (next < positions->len && g_array_index (positions, int, next) <= position)
        matched |= g_array_index (positions, int, next++) == position;
      g_string_append_len (out, text + copied, start - copied);
      if (matched)
        g_string_append (out, open);
      g_string_append_len (out, text + start, end - start);
      if (matched)
        g_string_append (out, close);
      copied = end;
    }
  if (more)
    g_string_append (out, ellipsis);
  else
    g_string_append_len (out, text + copied, length - copied);
  sqlite3_result_text (context, out->str, out->len, SQLITE_TRANSIENT);
}

void
scholia_stem_tokenizer_set_query_languages (sqlite3 *db,
                                            guint64  languages)
{
  fts5_api *api = scholia_fts5_api (db);
  fts5_tokenizer tokenizer;
  void *user_data = NULL;

  if (api != NULL && api->xFindTokenizer (api, "scholia_stem", &user_data, &tokenizer) == SQLITE_OK)
    ((Registration *) user_data)->query_languages = languages;
}

/* scholia_guess_language(text), for the migration that gives existing essays a language. */
static void
guess_language_function (sqlite3_context  *context,
                         int               n_values,
                         sqlite3_value   **values)
{
  const char *text = (const char *) sqlite3_value_text (values[0]);

  sqlite3_result_text (context, scholia_language_guess (text != NULL ? text : ""), -1, SQLITE_STATIC);
}

/* Registers them all on @db, whose lifetime the FTS5 API shares. */
int
scholia_stem_tokenizer_register (sqlite3 *db)
{
  fts5_tokenizer tokenizer = { stem_create, stem_delete, stem_tokenize };
  fts5_tokenizer fold_tokenizer = { fold_create, stem_delete, stem_tokenize };
  fts5_api *api = scholia_fts5_api (db);
  Registration *registration;
  int rc;

  if (api == NULL)
    return SQLITE_ERROR;
  registration = g_new0 (Registration, 1);
  registration->api = api;
  rc = api->xCreateTokenizer (api, "scholia_stem", registration, &tokenizer, g_free);
  if (rc == SQLITE_OK)
    rc = api->xCreateTokenizer (api, "scholia_fold", registration, &fold_tokenizer, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "scholia_hits", NULL, hits_function, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "scholia_snippet", NULL, snippet_function, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "scholia_guess_language", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                  guess_language_function, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = scholia_text_pack_register (db);
  if (rc == SQLITE_OK)
    rc = scholia_uuid_key_register (db);
  if (rc == SQLITE_OK)
    rc = scholia_theme_counts_register (db);
  return rc;
}
