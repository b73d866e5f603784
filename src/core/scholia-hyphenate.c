/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <hyphen.h>
#include <stdlib.h>
#include <string.h>

#include "scholia-hyphenate.h"

/* Letters kept together at a word's start and end: two and two, three at the end in English
 * and French, as their typesetting wants; a dictionary may ask for more. */
#define LEFT_MIN   2
#define RIGHT_MIN  2
/* Longer runs of letters are not words a reader knows how to split (or not words at all). */
#define MAX_WORD_CHARS 60
#define MAX_CACHED_WORDS 200000

struct _ScholiaHyphenator
{
  HyphenDict *dict;
  /* For a dictionary in a one-byte encoding (German's ISO 8859-1, Russian's KOI8-R): the byte
   * of each non-ASCII character it has; NULL for a UTF-8 dictionary. */
  GHashTable *bytes;
  int         left_min;
  int         right_min;
  GMutex      lock;   /* over words: the hyphenator is shared by threads */
  GHashTable *words;  /* a word as the text spells it → its break points, a guint64 */
};

static GMutex     cache_lock;
static GHashTable *cache;  /* language → ScholiaHyphenator, or NULL when it has none */

/* The dictionary files that may hold @language's patterns: hyph_de.dic, hyph_de_DE.dic …
 * under share/hyphen in the data directories (a Flatpak's /app/share among them), then where
 * distributions put them, whatever XDG_DATA_DIRS says. */
static char *
find_dictionary (const char *language)
{
  g_autoptr(GPtrArray) dirs = g_ptr_array_new ();
  g_autofree char *upper = g_ascii_strup (language, -1);
  g_autofree char *plain = g_strdup_printf ("hyph_%s.dic", language);
  g_autofree char *regional = g_strdup_printf ("hyph_%s_%s.dic", language, upper);
  /* English has no en_EN: its patterns are American. */
  g_autofree char *american = g_strdup_printf ("hyph_%s_US.dic", language);
  const char *names[] = { plain, regional, american };

  for (const char * const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    g_ptr_array_add (dirs, (gpointer) *dir);
  g_ptr_array_add (dirs, (gpointer) "/usr/share");

  for (guint d = 0; d < dirs->len; d++)
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      {
        g_autofree char *path = g_build_filename (g_ptr_array_index (dirs, d), "hyphen", names[n], NULL);

        if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
          return g_steal_pointer (&path);
      }
  return NULL;
}

static GHashTable *
map_charset (const char *charset)
{
  GHashTable *bytes = g_hash_table_new (NULL, NULL);

  for (int b = 0x80; b <= 0xff; b++)
    {
      char byte = (char) b;
      g_autofree char *utf8 = g_convert (&byte, 1, "UTF-8", charset, NULL, NULL, NULL);

      if (utf8 != NULL)
        g_hash_table_insert (bytes, GUINT_TO_POINTER (g_utf8_get_char (utf8)), GINT_TO_POINTER (b));
    }
  return bytes;
}

static ScholiaHyphenator *
load_hyphenator (const char *language)
{
  g_autofree char *path = find_dictionary (language);
  ScholiaHyphenator *self;
  HyphenDict *dict;

  if (path == NULL || (dict = hnj_hyphen_load (path)) == NULL)
    return NULL;

  self = g_new0 (ScholiaHyphenator, 1);
  self->dict = dict;
  g_mutex_init (&self->lock);
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->left_min = MAX (LEFT_MIN, dict->lhmin);
  self->right_min = MAX (g_str_equal (language, "en") || g_str_equal (language, "fr") ? 3 : RIGHT_MIN, dict->rhmin);
  if (!dict->utf8)
    self->bytes = map_charset (dict->cset);
  return self;
}

ScholiaHyphenator *
scholia_hyphenator_get (const char *language)
{
  g_autofree char *code = NULL;
  ScholiaHyphenator *self;
  gpointer found;

  g_return_val_if_fail (language != NULL, NULL);

  /* "de-AT", "pt_BR": the patterns are by language. */
  code = g_ascii_strdown (language, strcspn (language, "-_"));
  if (*code == '\0' || strspn (code, "abcdefghijklmnopqrstuvwxyz") != strlen (code))
    return NULL;

  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_lookup_extended (cache, code, NULL, &found))
    self = found;
  else
    {
      self = load_hyphenator (code);
      g_hash_table_insert (cache, g_steal_pointer (&code), self);
    }
  g_mutex_unlock (&cache_lock);
  return self;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalpha (c) || g_unichar_ismark (c);
}

/* Characters that join a run of letters into something that is not a word to split: a
 * number, an address, a file name. */
static gboolean
is_joiner (gunichar c)
{
  return g_unichar_isdigit (c) || (c < 0x80 && strchr ("/@_\\", (int) c) != NULL);
}

/* Whether the word between @start and @end is one to hyphenate, from it and its neighbours. */
static gboolean
is_plain_word (const char *text,
               const char *text_end,
               const char *start,
               const char *end,
               int         n_chars)
{
  if (start > text)
    {
      gunichar before = g_utf8_get_char (g_utf8_prev_char (start));

      if (is_joiner (before) || before == '.')
        return FALSE;
    }
  if (end < text_end)
    {
      gunichar after = g_utf8_get_char (end);

      if (is_joiner (after))
        return FALSE;
      /* "example.org", not "example." */
      if (after == '.' && end + 1 < text_end && g_unichar_isalnum (g_utf8_get_char (end + 1)))
        return FALSE;
    }
  /* Capitals after the first letter: an acronym or a name in code. */
  for (const char *p = g_utf8_next_char (start); p < end; p = g_utf8_next_char (p))
    if (g_unichar_isupper (g_utf8_get_char (p)))
      return FALSE;
  return n_chars <= MAX_WORD_CHARS;
}

/* @word in lower case and in the dictionary's encoding, into @buffer; FALSE when the
 * dictionary cannot spell it. */
static gboolean
encode_word (ScholiaHyphenator *self,
             const char        *start,
             const char        *end,
             char              *buffer,
             gsize              size,
             gsize             *length)
{
  gsize n = 0;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      if (n + 6 >= size)
        return FALSE;
      if (self->bytes == NULL)
        n += g_unichar_to_utf8 (c, buffer + n);
      else if (c < 0x80)
        buffer[n++] = (char) c;
      else
        {
          gpointer byte;

          if (!g_hash_table_lookup_extended (self->bytes, GUINT_TO_POINTER (c), NULL, &byte))
            return FALSE;
          buffer[n++] = (char) GPOINTER_TO_INT (byte);
        }
    }
  buffer[n] = '\0';
  *length = n;
  return TRUE;
}

/* The break points of the word at @start: bit k set for a break after its character k.
 * libhyphen numbers break points by character (after character k when hyphens[k] is odd), in
 * any encoding. */
static guint64
find_breaks (ScholiaHyphenator *self,
             const char        *start,
             const char        *end,
             int                n_chars)
{
  char word[MAX_WORD_CHARS * 6 + 8];
  char hyphens[sizeof word + 5];
  char **rep = NULL;
  int *pos = NULL;
  int *cut = NULL;
  gsize length = 0;
  const char *p = start;
  guint64 breaks = 0;

  if (!encode_word (self, start, end, word, sizeof word, &length) ||
      hnj_hyphen_hyphenate3 (self->dict, word, (int) length, hyphens, NULL, &rep, &pos, &cut,
                             self->left_min, self->right_min, self->left_min, self->right_min) != 0)
    goto out;

  for (int k = 0; k < n_chars; k++)
    {
      const char *next = g_utf8_next_char (p);

      /* A break that changes the spelling (old German "Schiff-fahrt") cannot be a soft hyphen;
       * nor can one inside a ligature (f-f, f-i, f-l): the font joins the letters across it
       * into one glyph, and the PDF would give that glyph's text with the soft hyphen in it. */
      if (k >= self->left_min - 1 && k < n_chars - self->right_min && (hyphens[k] & 1) &&
          (rep == NULL || rep[k] == NULL) && !(*p == 'f' && strchr ("fil", *next) != NULL))
        breaks |= G_GUINT64_CONSTANT (1) << k;
      p = next;
    }

out:
  if (rep != NULL)
    {
      for (gsize i = 0; i < length; i++)
        free (rep[i]);
      free (rep);
    }
  free (pos);
  free (cut);
  return breaks;
}

/* find_breaks(), asked once for each word: a text repeats its words, and libhyphen's search
 * costs far more than a look-up. Called with self->lock held. */
static guint64
lookup_breaks (ScholiaHyphenator *self,
               const char        *start,
               const char        *end,
               int                n_chars)
{
  char key[MAX_WORD_CHARS * 4 + 1];
  guint64 *found;
  guint64 breaks;

  memcpy (key, start, end - start);
  key[end - start] = '\0';
  found = g_hash_table_lookup (self->words, key);
  if (found != NULL)
    return *found;

  breaks = find_breaks (self, start, end, n_chars);
  /* Any text's vocabulary fits many times over; past that, memory matters more. */
  if (g_hash_table_size (self->words) >= MAX_CACHED_WORDS)
    g_hash_table_remove_all (self->words);
  g_hash_table_insert (self->words, g_strdup (key), g_memdup2 (&breaks, sizeof breaks));
  return breaks;
}

/* Appends the word at @start to @out with its soft hyphens. */
static void
hyphenate_word (ScholiaHyphenator *self,
                const char        *text,
                const char        *start,
                const char        *end,
                int                n_chars,
                GString           *out,
                GArray            *inserted)
{
  guint64 breaks = lookup_breaks (self, start, end, n_chars);
  const char *p = start;

  if (breaks == 0)
    {
      g_string_append_len (out, start, end - start);
      return;
    }
  for (int k = 0; k < n_chars; k++)
    {
      const char *next = g_utf8_next_char (p);

      g_string_append_len (out, p, next - p);
      if (breaks & (G_GUINT64_CONSTANT (1) << k))
        {
          guint32 offset = (guint32) (next - text);

          g_string_append_len (out, SCHOLIA_SOFT_HYPHEN, SCHOLIA_SOFT_HYPHEN_LEN);
          g_array_append_val (inserted, offset);
        }
      p = next;
    }
}

void
scholia_hyphenator_hyphenate (ScholiaHyphenator *self,
                              const char        *text,
                              gsize              length,
                              GString           *out,
                              GArray            *inserted)
{
  const char *text_end = text + length;
  const char *p = text;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL && inserted != NULL);

  g_mutex_lock (&self->lock);
  while (p < text_end)
    {
      const char *start = p;
      int n_chars = 0;

      /* Everything up to the next letter, as it is. */
      while (p < text_end && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      g_string_append_len (out, start, p - start);

      start = p;
      while (p < text_end && is_word_char (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          n_chars++;
        }
      if (n_chars >= self->left_min + self->right_min && is_plain_word (text, text_end, start, p, n_chars))
        hyphenate_word (self, text, start, p, n_chars, out, inserted);
      else
        g_string_append_len (out, start, p - start);
    }
  g_mutex_unlock (&self->lock);
}
