/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-term-cache.h"

typedef struct
{
  guint32 hash;          /* 0: the slot is free */
  guint32 word_length;
  guint32 term_length;
  char   *word;
  char   *term;
} Entry;

struct _ScholiaTermCache
{
  Entry        *entries;
  guint         mask;      /* slots - 1; slots at least twice the capacity, a power of two */
  guint         n_entries;
  guint         capacity;
  GStringChunk *texts;     /* every entry's word and term, freed at once when the cache is emptied */
};

/* FNV-1a: words are short, so a simple byte-at-a-time hash beats any set-up a faster one
 * needs. Never 0, which marks a free slot. */
static guint32
hash_word (const char *word,
           gsize       length)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar) word[i]) * 16777619u;
  return hash != 0 ? hash : 1;
}

ScholiaTermCache *
scholia_term_cache_new (guint capacity)
{
  ScholiaTermCache *self = g_new0 (ScholiaTermCache, 1);
  guint slots = 16;

  while (slots < capacity * 2)
    slots *= 2;
  self->entries = g_new0 (Entry, slots);
  self->mask = slots - 1;
  self->capacity = capacity;
  self->texts = g_string_chunk_new (64 * 1024);
  return self;
}

void
scholia_term_cache_free (ScholiaTermCache *self)
{
  g_free (self->entries);
  g_string_chunk_free (self->texts);
  g_free (self);
}

/* The slot holding @word, or the free one where it would go. */
static Entry *
find_slot (ScholiaTermCache *self,
           const char       *word,
           gsize             length,
           guint32           hash)
{
  for (guint i = hash & self->mask;; i = (i + 1) & self->mask)
    {
      Entry *entry = &self->entries[i];

      if (entry->hash == 0 ||
          (entry->hash == hash && entry->word_length == length && memcmp (entry->word, word, length) == 0))
        return entry;
    }
}

const char *
scholia_term_cache_lookup (ScholiaTermCache *self,
                           const char       *word,
                           gsize             length,
                           gsize            *term_length)
{
  Entry *entry = find_slot (self, word, length, hash_word (word, length));

  if (entry->hash == 0)
    return NULL;
  *term_length = entry->term_length;
  return entry->term;
}

const char *
scholia_term_cache_insert (ScholiaTermCache *self,
                           const char       *word,
                           gsize             length,
                           const char       *term,
                           gsize             term_length)
{
  guint32 hash = hash_word (word, length);
  Entry *entry;

  if (self->n_entries >= self->capacity)
    {
      memset (self->entries, 0, (self->mask + 1) * sizeof (Entry));
      g_string_chunk_clear (self->texts);
      self->n_entries = 0;
    }

  entry = find_slot (self, word, length, hash);
  g_assert (entry->hash == 0);
  entry->hash = hash;
  entry->word_length = length;
  entry->term_length = term_length;
  entry->word = g_string_chunk_insert_len (self->texts, word, length);
  entry->term = g_string_chunk_insert_len (self->texts, term, term_length);
  self->n_entries++;
  return entry->term;
}
