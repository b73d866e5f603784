/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scholia-wal.h"

/* https://www.sqlite.org/fileformat2.html#walformat */
#define WAL_HEADER_SIZE 32
#define WAL_FRAME_HEADER_SIZE 24
#define WAL_MAGIC 0x377f0682  /* the low bit says whether checksums read words big-endian */

typedef struct
{
  gboolean big_endian;
  guint32  s0;
  guint32  s1;
} WalChecksum;

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) |
         ((guint32) bytes[2] << 8) | (guint32) bytes[3];
}

static guint32
read_word (const guint8 *bytes,
           gboolean      big_endian)
{
  if (big_endian)
    return read_be32 (bytes);
  return ((guint32) bytes[3] << 24) | ((guint32) bytes[2] << 16) |
         ((guint32) bytes[1] << 8) | (guint32) bytes[0];
}

/* SQLite's running checksum over pairs of 32-bit words. */
static void
checksum_add (WalChecksum  *sum,
              const guint8 *bytes,
              gsize         length)
{
  for (gsize i = 0; i + 8 <= length; i += 8)
    {
      sum->s0 += read_word (bytes + i, sum->big_endian) + sum->s1;
      sum->s1 += read_word (bytes + i + 4, sum->big_endian) + sum->s0;
    }
}

static char *
wal_path (const char *db_path)
{
  return g_strconcat (db_path, "-wal", NULL);
}

gboolean
scholia_wal_has_frames (const char *db_path)
{
  g_autofree char *path = wal_path (db_path);
  GStatBuf st;

  return g_stat (path, &st) == 0 && S_ISREG (st.st_mode) &&
         st.st_size >= WAL_HEADER_SIZE + WAL_FRAME_HEADER_SIZE;
}

gboolean
scholia_wal_covers_missing_pages (const char *db_path,
                                  guint32     page_size,
                                  guint64     pages_in_file)
{
  g_autofree char *path = wal_path (db_path);
  g_autoptr(GMappedFile) mapped = NULL;
  /* Page numbers (never 0), as pointers. */
  g_autoptr(GHashTable) committed = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guint8 *bytes;
  gsize length;
  WalChecksum sum = { 0 };
  guint32 magic;
  guint64 database_pages = 0;
  gsize frame_size = WAL_FRAME_HEADER_SIZE + (gsize) page_size;

  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped == NULL)
    return FALSE;
  bytes = (const guint8 *) g_mapped_file_get_contents (mapped);
  length = g_mapped_file_get_length (mapped);
  if (bytes == NULL || length < WAL_HEADER_SIZE)
    return FALSE;

  magic = read_be32 (bytes);
  if ((magic & ~1u) != WAL_MAGIC || read_be32 (bytes + 8) != page_size)
    return FALSE;
  sum.big_endian = (magic & 1) != 0;
  checksum_add (&sum, bytes, 24);
  if (sum.s0 != read_be32 (bytes + 24) || sum.s1 != read_be32 (bytes + 28))
    return FALSE;

  /* A frame counts when its salts are the log's current ones and the checksum running from the
   * log's start holds; only frames up to the last commit frame are part of the database. */
  for (gsize offset = WAL_HEADER_SIZE; offset + frame_size <= length; offset += frame_size)
    {
      const guint8 *frame = bytes + offset;
      guint32 page = read_be32 (frame);
      guint32 commit_size = read_be32 (frame + 4);

      if (memcmp (frame + 8, bytes + 16, 8) != 0)
        break;
      checksum_add (&sum, frame, 8);
      checksum_add (&sum, frame + WAL_FRAME_HEADER_SIZE, page_size);
      if (sum.s0 != read_be32 (frame + 16) || sum.s1 != read_be32 (frame + 20) || page == 0)
        break;

      g_array_append_val (pending, page);
      if (commit_size != 0)
        {
          for (guint i = 0; i < pending->len; i++)
            g_hash_table_add (committed, GUINT_TO_POINTER (g_array_index (pending, guint32, i)));
          g_array_set_size (pending, 0);
          database_pages = commit_size;
        }
    }

  if (database_pages == 0)
    return FALSE;

  for (guint64 page = pages_in_file + 1; page <= database_pages; page++)
    if (!g_hash_table_contains (committed, GUINT_TO_POINTER ((guint32) page)))
      return FALSE;

  return TRUE;
}
