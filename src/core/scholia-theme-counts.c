/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-theme-counts.h"

/* A varint of 64 bits takes at most ten bytes of seven. */
#define VARINT_MAX 10

typedef struct
{
  guint64 theme_id;
  gint64  count;
} Entry;

static gboolean
read_varint (const guint8 **at,
             const guint8  *end,
             guint64       *value)
{
  guint64 result = 0;

  for (guint shift = 0; shift < 7 * VARINT_MAX && *at < end; shift += 7)
    {
      guint8 byte = *(*at)++;

      result |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = result;
          return TRUE;
        }
    }
  return FALSE;
}

/* Writes @value at @out, which has room for VARINT_MAX bytes; returns how many it took. */
static guint
write_varint (guint8  *out,
              guint64  value)
{
  guint n = 0;

  do
    {
      out[n] = value & 0x7f;
      value >>= 7;
      if (value != 0)
        out[n] |= 0x80;
      n++;
    }
  while (value != 0);
  return n;
}

/* An entry as the list holds it: its id's distance from the previous one, its count. */
static guint
write_entry (guint8  *out,
             guint64  distance,
             gint64   count)
{
  guint n = write_varint (out, distance);

  return n + write_varint (out + n, ((guint64) count << 1) ^ (guint64) (count >> 63));
}

void
scholia_theme_counts_iter_init (ScholiaThemeCountsIter *iter,
                                gconstpointer           counts,
                                gsize                   size)
{
  iter->at = counts;
  /* SQLite gives an empty BLOB as NULL, to which no offset may be added. */
  iter->end = counts != NULL ? iter->at + size : NULL;
  iter->theme_id = 0;
  iter->started = FALSE;
}

gboolean
scholia_theme_counts_iter_next (ScholiaThemeCountsIter *iter,
                                gint64                 *theme_id,
                                gint64                 *count)
{
  guint64 distance, zigzag;

  if (iter->at == NULL || iter->at == iter->end)
    return FALSE;
  /* Ids come in order, each once: only the first may be at no distance (id 0). */
  if (!read_varint (&iter->at, iter->end, &distance) || !read_varint (&iter->at, iter->end, &zigzag) ||
      (distance == 0 && iter->started))
    {
      iter->at = NULL;
      return FALSE;
    }
  iter->started = TRUE;
  iter->theme_id += distance;
  *theme_id = (gint64) iter->theme_id;
  *count = (gint64) (zigzag >> 1) ^ -(gint64) (zigzag & 1);
  return TRUE;
}

gboolean
scholia_theme_counts_iter_is_whole (const ScholiaThemeCountsIter *iter)
{
  return iter->at == iter->end;
}

/* Writes the entries in order of their ids (each once), leaving out those that count 0. */
typedef struct
{
  GByteArray *out;
  guint64     previous;
} Writer;

static void
writer_add (Writer  *writer,
            guint64  theme_id,
            gint64   count)
{
  guint8 entry[2 * VARINT_MAX];

  if (count == 0)
    return;
  g_byte_array_append (writer->out, entry, write_entry (entry, theme_id - writer->previous, count));
  writer->previous = theme_id;
}

static void
result_writer (sqlite3_context *context,
               Writer          *writer)
{
  guint size = writer->out->len;

  /* An empty list is an empty BLOB, not NULL: the column is NOT NULL. */
  if (size == 0)
    {
      g_byte_array_unref (writer->out);
      sqlite3_result_zeroblob (context, 0);
      return;
    }
  sqlite3_result_blob (context, g_byte_array_free (writer->out, FALSE), size, g_free);
}

static void
result_malformed (sqlite3_context *context)
{
  sqlite3_result_error (context, "not an author's theme counts", -1);
}

/* The aggregate's step: the rows' (theme, n) gathered, summed at the end. */
static void
counts_step (sqlite3_context  *context,
             int               n_values,
             sqlite3_value   **values)
{
  GArray **entries = sqlite3_aggregate_context (context, sizeof (GArray *));
  Entry entry;

  if (entries == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  if (sqlite3_value_type (values[0]) == SQLITE_NULL)
    return;
  if (*entries == NULL)
    *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  entry.theme_id = (guint64) sqlite3_value_int64 (values[0]);
  entry.count = sqlite3_value_int64 (values[1]);
  g_array_append_val (*entries, entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *left = a;
  const Entry *right = b;

  return (left->theme_id > right->theme_id) - (left->theme_id < right->theme_id);
}

static void
counts_final (sqlite3_context *context)
{
  GArray **entries = sqlite3_aggregate_context (context, 0);
  Writer writer;

  /* No row: NULL, which adds nothing. */
  if (entries == NULL || *entries == NULL)
    return;
  g_array_sort (*entries, compare_entries);
  writer = (Writer) { g_byte_array_sized_new ((*entries)->len * 3), 0 };
  for (guint i = 0; i < (*entries)->len;)
    {
      Entry *entry = &g_array_index (*entries, Entry, i);
      gint64 count = 0;

      for (; i < (*entries)->len && g_array_index (*entries, Entry, i).theme_id == entry->theme_id; i++)
        count += g_array_index (*entries, Entry, i).count;
      writer_add (&writer, entry->theme_id, count);
    }
  g_clear_pointer (entries, g_array_unref);
  result_writer (context, &writer);
}

static void
iter_init_value (ScholiaThemeCountsIter *iter,
                 sqlite3_value          *value)
{
  scholia_theme_counts_iter_init (iter, sqlite3_value_blob (value), sqlite3_value_bytes (value));
}

/* scholia_theme_counts_add(counts, more) and (counts, theme_id, n): the two lists merged in one
 * pass, as both are in the order of their ids. */
static void
add_function (sqlite3_context  *context,
              int               n_values,
              sqlite3_value   **values)
{
  ScholiaThemeCountsIter counts, more;
  gint64 counts_theme = 0, counts_n = 0, more_theme = 0, more_n = 0;
  gboolean in_counts, in_more;
  guint8 one[2 * VARINT_MAX];
  Writer writer;

  if (sqlite3_value_type (values[1]) == SQLITE_NULL)
    {
      sqlite3_result_value (context, values[0]);
      return;
    }
  iter_init_value (&counts, values[0]);
  if (n_values == 2)
    iter_init_value (&more, values[1]);
  else
    scholia_theme_counts_iter_init (&more, one, write_entry (one, (guint64) sqlite3_value_int64 (values[1]),
                                                             sqlite3_value_int64 (values[2])));
  writer = (Writer) { g_byte_array_sized_new (counts.end - counts.at + sizeof one), 0 };
  in_counts = scholia_theme_counts_iter_next (&counts, &counts_theme, &counts_n);
  in_more = scholia_theme_counts_iter_next (&more, &more_theme, &more_n);
  while (in_counts || in_more)
    {
      if (in_counts && (!in_more || (guint64) counts_theme < (guint64) more_theme))
        {
          writer_add (&writer, counts_theme, counts_n);
          in_counts = scholia_theme_counts_iter_next (&counts, &counts_theme, &counts_n);
        }
      else if (in_more && (!in_counts || (guint64) more_theme < (guint64) counts_theme))
        {
          writer_add (&writer, more_theme, more_n);
          in_more = scholia_theme_counts_iter_next (&more, &more_theme, &more_n);
        }
      else
        {
          writer_add (&writer, counts_theme, counts_n + more_n);
          in_counts = scholia_theme_counts_iter_next (&counts, &counts_theme, &counts_n);
          in_more = scholia_theme_counts_iter_next (&more, &more_theme, &more_n);
        }
    }
  if (!scholia_theme_counts_iter_is_whole (&counts) || !scholia_theme_counts_iter_is_whole (&more))
    {
      g_byte_array_unref (writer.out);
      result_malformed (context);
      return;
    }
  result_writer (context, &writer);
}

int
scholia_theme_counts_register (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function (db, "scholia_theme_counts", 2, flags, NULL, NULL, counts_step, counts_final);

  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "scholia_theme_counts_add", 2, flags, NULL, add_function, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "scholia_theme_counts_add", 3, flags, NULL, add_function, NULL, NULL);
  return rc;
}
