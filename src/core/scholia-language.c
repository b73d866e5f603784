/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "scholia-language.h"

/* Sorted by name in English; the drop-down shows them in this order. */
static const ScholiaLanguage languages[] = {
  { "ar", N_("Arabic") },
  { "hy", N_("Armenian") },
  { "eu", N_("Basque") },
  { "ca", N_("Catalan") },
  { "da", N_("Danish") },
  { "nl", N_("Dutch") },
  { "en", N_("English") },
  { "fi", N_("Finnish") },
  { "fr", N_("French") },
  { "de", N_("German") },
  { "el", N_("Greek") },
  { "hi", N_("Hindi") },
  { "hu", N_("Hungarian") },
  { "id", N_("Indonesian") },
  { "ga", N_("Irish") },
  { "it", N_("Italian") },
  { "lt", N_("Lithuanian") },
  { "ne", N_("Nepali") },
  { "no", N_("Norwegian") },
  { "pt", N_("Portuguese") },
  { "ro", N_("Romanian") },
  { "ru", N_("Russian") },
  { "sr", N_("Serbian") },
  { "es", N_("Spanish") },
  { "sv", N_("Swedish") },
  { "ta", N_("Tamil") },
  { "tr", N_("Turkish") },
  { "yi", N_("Yiddish") },
};

const ScholiaLanguage *
scholia_languages_get (guint *n_languages)
{
  *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

gboolean
scholia_language_is_known (const char *code)
{
  return code != NULL && scholia_language_get_name (code) != NULL;
}

/* The language's name in the user's language, or NULL for a code not listed above. */
const char *
scholia_language_get_name (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (strcmp (languages[i].code, code) == 0)
      return _(languages[i].name);
  return NULL;
}

/* The commonest short words of the languages historians in Europe and the Americas mostly write
 * in, chosen so that no word is common in two of them ("de" is French, Spanish, Dutch and
 * Portuguese: left out). Other languages are chosen in the essay's properties. */
static const struct
{
  const char *code;
  const char *words[12];
} stop_words[] = {
  { "en", { "the", "and", "of", "to", "is", "that", "was", "which", "with", "his", "it", "this" } },
  { "de", { "der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "den", "ein", "zu" } },
  { "fr", { "le", "la", "les", "et", "des", "est", "une", "dans", "qui", "du", "pas", "au" } },
  { "es", { "el", "los", "las", "y", "del", "que", "una", "por", "con", "se", "fue", "su" } },
  { "it", { "il", "di", "che", "è", "della", "non", "per", "gli", "delle", "nel", "si", "sono" } },
  { "pt", { "os", "não", "uma", "do", "da", "em", "com", "foi", "ao", "dos", "ele", "mais" } },
  { "nl", { "het", "een", "van", "en", "niet", "zijn", "dat", "op", "voor", "met", "ook", "werd" } },
  { "ru", { "и", "в", "не", "на", "что", "он", "с", "как", "это", "по", "его", "был" } },
};

/* Enough of an essay to tell its language; the rest would only cost time at import. */
#define GUESS_SAMPLE_BYTES 65536

/* The longest stop word, in bytes: most words of an essay are longer, and need no look-up. */
#define MAX_STOP_WORD_BYTES 6

/* Every stop word → the languages it belongs to (a bit each), built once: an import guesses
 * the language of a thousand essays, and comparing each word with every list took a tenth of
 * it. */
static gpointer
build_stop_word_languages (gpointer data)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  G_STATIC_ASSERT (G_N_ELEMENTS (stop_words) <= 32);
  for (guint l = 0; l < G_N_ELEMENTS (stop_words); l++)
    for (guint w = 0; w < G_N_ELEMENTS (stop_words[l].words); w++)
      if (stop_words[l].words[w] != NULL)
        {
          guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (table, stop_words[l].words[w]));

          g_assert (strlen (stop_words[l].words[w]) <= MAX_STOP_WORD_BYTES);
          g_hash_table_insert (table, (gpointer) stop_words[l].words[w], GUINT_TO_POINTER (mask | 1u << l));
        }
  return table;
}

static guint
stop_word_languages (const char *word)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable *table = g_once (&once, build_stop_word_languages, NULL);

  return GPOINTER_TO_UINT (g_hash_table_lookup (table, word));
}

/* Whether the character at @p (before @end) is a letter; *@next is set past it. Essays are
 * mostly ASCII, where looking each character up in Unicode's tables took a tenth of an
 * import. */
static gboolean
is_alpha_at (const char  *p,
             const char  *end,
             const char **next)
{
  if ((guchar) *p < 0x80)
    {
      *next = p + 1;
      return g_ascii_isalpha (*p);
    }
  *next = g_utf8_find_next_char (p, end);
  if (*next == NULL)
    *next = end;
  return g_unichar_isalpha (g_utf8_get_char_validated (p, end - p));
}

/* @word (@length bytes, at most 16) in lower case, ASCII in @buffer without allocating; NULL
 * when it is too long to be a stop word. */
static const char *
word_down (const char  *word,
           gsize        length,
           char        *buffer,
           char       **allocated)
{
  for (gsize i = 0; i < length; i++)
    {
      if ((guchar) word[i] >= 0x80)
        {
          /* Lower case may change a character's length in UTF-8 ("K", the kelvin sign). */
          *allocated = g_utf8_strdown (word, length);
          return strlen (*allocated) <= MAX_STOP_WORD_BYTES ? *allocated : NULL;
        }
      if (length > MAX_STOP_WORD_BYTES)
        return NULL;
      buffer[i] = g_ascii_tolower (word[i]);
    }
  buffer[length] = '\0';
  return buffer;
}

/* The language whose stop words occur most often in the start of @text: a crude guess, but
 * an essay's commonest words give its language away long before its first page ends. English
 * when no language's words are found (a list of names, a table of figures). */
const char *
scholia_language_guess (const char *text)
{
  guint counts[G_N_ELEMENTS (stop_words)] = { 0 };
  const char *p = text;
  const char *end;
  guint best = 0;

  g_return_val_if_fail (text != NULL, SCHOLIA_LANGUAGE_DEFAULT);

  end = text + strnlen (text, GUESS_SAMPLE_BYTES);
  while (p < end)
    {
      const char *start;
      const char *next;
      char buffer[17];
      g_autofree char *allocated = NULL;
      const char *lower;
      guint mask;

      while (p < end && !is_alpha_at (p, end, &next))
        p = next;
      start = p;
      while (p < end && is_alpha_at (p, end, &next))
        p = next;
      if (p == start || p - start > 16)
        continue;

      lower = word_down (start, p - start, buffer, &allocated);
      mask = lower != NULL ? stop_word_languages (lower) : 0;
      for (guint l = 0; mask != 0; l++, mask >>= 1)
        counts[l] += mask & 1;
    }

  for (guint l = 1; l < G_N_ELEMENTS (stop_words); l++)
    if (counts[l] > counts[best])
      best = l;
  return counts[best] > 0 ? stop_words[best].code : SCHOLIA_LANGUAGE_DEFAULT;
}
