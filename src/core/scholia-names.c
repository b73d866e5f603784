/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-names.h"

/* Words that join a surname ("van", "de", "von der"). Following the Chicago Manual of Style's
 * usual practice (8.5), a particle written in lower case files after the given names
 * ("Ludwig van Beethoven" → "Beethoven, Ludwig van", "Charles de Gaulle" → "Gaulle, Charles de"),
 * and one written with a capital is part of the surname ("Martin Van Buren" → "Van Buren,
 * Martin", "W. E. B. Du Bois" → "Du Bois, W. E. B."). */
static const char * const particles[] = {
  "al", "da", "das", "de", "degli", "del", "della", "dei", "den", "der", "des", "di", "do", "dos",
  "du", "la", "le", "les", "lo", "ten", "ter", "van", "vander", "von", "zu", "zum", "zur",
};

/* Generational suffixes name no one on their own: "Martin Luther King Jr." files under King. */
static const char * const suffixes[] = {
  "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "esq.",
};

static gboolean
word_in (const char         *word,
         const char * const *list,
         gsize               n_list)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);

  for (gsize i = 0; i < n_list; i++)
    if (strcmp (folded, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_particle (const char *word)
{
  return word_in (word, particles, G_N_ELEMENTS (particles));
}

static gboolean
is_suffix (const char *word)
{
  return word_in (word, suffixes, G_N_ELEMENTS (suffixes));
}

static gboolean
starts_lower (const char *word)
{
  return g_unichar_islower (g_utf8_get_char (word));
}

/* The name without its bracketed qualifiers ("Anonymous (excerpt A)", "Smith [attrib.]"),
 * in words. */
static GPtrArray *
split_words (const char *name)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;
  int depth = 0;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '(' || *p == '[')
        depth++;
      else if ((*p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (plain, g_ascii_isspace (*p) ? ' ' : *p);
    }

  parts = g_strsplit (plain->str, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (words, g_strdup (parts[i]));
  return words;
}

static char *
join_words (GPtrArray *words,
            guint      from,
            guint      to)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    {
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, g_ptr_array_index (words, i));
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Moves a lower-case elided particle ("d'Alembert") after the given names, as above. */
static char *
split_elision (const char  *surname,
               char       **particle)
{
  if (g_str_has_prefix (surname, "d'") && surname[2] != '\0')
    {
      *particle = g_strdup ("d'");
      return g_strdup (surname + 2);
    }
  if (g_str_has_prefix (surname, "d’") && surname[strlen ("d’")] != '\0')
    {
      *particle = g_strdup ("d’");
      return g_strdup (surname + strlen ("d’"));
    }
  *particle = NULL;
  return g_strdup (surname);
}

/* "Given Names Surname" → "Surname, Given Names particles". The rules: bracketed qualifiers
 * are ignored; a name already written "Surname, Given" is kept; "Anonymous …" files under
 * Anonymous (with what follows it, so that two anonymous authors stay apart); a single name is
 * kept as it is; suffixes ("Jr.", "III") are dropped; particles as described above. */
char *
scholia_names_guess_sort_key (const char *name)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *surname = NULL;
  g_autofree char *given = NULL;
  g_autofree char *elided = NULL;
  g_autoptr(GString) key = NULL;
  guint end, start, lower_start;

  g_return_val_if_fail (name != NULL, NULL);

  words = split_words (name);
  end = words->len;
  while (end > 1 && is_suffix (g_ptr_array_index (words, end - 1)))
    end--;
  if (end == 0)
    return g_strdup ("");
  /* The comma of "King, Jr." went with the suffix. */
  if (end < words->len)
    {
      char *last = g_ptr_array_index (words, end - 1);
      gsize len = strlen (last);

      if (len > 1 && last[len - 1] == ',')
        last[len - 1] = '\0';
    }

  key = g_string_new (NULL);
  for (guint i = 0; i < end; i++)
    g_string_append_printf (key, "%s%s", i > 0 ? " " : "", (char *) g_ptr_array_index (words, i));
  if (end == 1 || strchr (key->str, ',') != NULL ||
      g_ascii_strcasecmp (g_ptr_array_index (words, 0), "Anonymous") == 0)
    return g_string_free (g_steal_pointer (&key), FALSE);

  /* The surname and the particles before it: capitalised ones belong to it, lower-case ones
   * to the given names. */
  start = end - 1;
  while (start > 0 && is_particle (g_ptr_array_index (words, start - 1)))
    start--;
  lower_start = start;
  while (lower_start < end - 1 && starts_lower (g_ptr_array_index (words, lower_start)))
    lower_start++;

  surname = join_words (words, lower_start, end);
  if (lower_start == end - 1)
    {
      g_autofree char *whole = g_steal_pointer (&surname);

      surname = split_elision (whole, &elided);
    }

  /* What follows the comma: the given names, then the lower-case particles. */
  given = join_words (words, 0, lower_start);
  g_string_assign (key, surname);
  if (*given != '\0' || elided != NULL)
    g_string_append_printf (key, ", %s%s%s", given, *given != '\0' && elided != NULL ? " " : "",
                            elided != NULL ? elided : "");
  return g_string_free (g_steal_pointer (&key), FALSE);
}

char *
scholia_names_collate_key (const char *sort_key)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (sort_key != NULL, NULL);

  folded = g_utf8_casefold (sort_key, -1);
  return g_utf8_collate_key (folded, -1);
}

const char *
scholia_names_intern_collate_key (const char *sort_key)
{
  static GMutex lock;
  static GHashTable *keys;
  const char *key;

  g_return_val_if_fail (sort_key != NULL, NULL);

  g_mutex_lock (&lock);
  if (keys == NULL)
    keys = g_hash_table_new (g_str_hash, g_str_equal);
  key = g_hash_table_lookup (keys, sort_key);
  if (key == NULL)
    {
      key = scholia_names_collate_key (sort_key);
      g_hash_table_insert (keys, g_strdup (sort_key), (gpointer) key);
    }
  g_mutex_unlock (&lock);
  return key;
}
