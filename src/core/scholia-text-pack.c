/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <zstd.h>

#include "scholia-error.h"
#include "scholia-text-pack.h"

/* zstd's level 3 (its default) packs prose three to one at several hundred MB/s; higher levels
 * gain a few per cent for several times the time, and the import compresses every essay. */
#define PACK_LEVEL 3

GBytes *
scholia_text_pack (const char *text,
                   gsize       length)
{
  size_t bound, size;
  char *packed;

  if (length < SCHOLIA_TEXT_PACK_MIN)
    return NULL;
  bound = ZSTD_compressBound (length);
  packed = g_malloc (bound);
  size = ZSTD_compress (packed, bound, text, length, PACK_LEVEL);
  /* A text that hardly compresses is kept readable as it is. */
  if (ZSTD_isError (size) || size > length / 10 * 9)
    {
      g_free (packed);
      return NULL;
    }
  return g_bytes_new_take (g_realloc (packed, size), size);
}

char *
scholia_text_unpack (const void  *data,
                     gsize        size,
                     gsize       *length,
                     GError     **error)
{
  unsigned long long content = ZSTD_getFrameContentSize (data, size);
  g_autofree char *text = NULL;
  size_t unpacked;

  /* The frame says its size (scholia_text_pack() compresses in one call), which bounds the
   * allocation by the file's own claim: refused past what a 32-bit length could hold. */
  if (content == ZSTD_CONTENTSIZE_UNKNOWN || content == ZSTD_CONTENTSIZE_ERROR || content >= G_MAXINT32)
    goto damaged;
  text = g_malloc (content + 1);
  unpacked = ZSTD_decompress (text, content, data, size);
  if (ZSTD_isError (unpacked) || unpacked != content || !g_utf8_validate_len (text, unpacked, NULL))
    goto damaged;
  text[unpacked] = '\0';
  if (length != NULL)
    *length = unpacked;
  return g_steal_pointer (&text);

damaged:
  g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT, _("An essay’s stored text is damaged"));
  return NULL;
}

static void
text_function (sqlite3_context  *context,
               int               n_values,
               sqlite3_value   **values)
{
  g_autoptr(GError) error = NULL;
  char *text;
  gsize length = 0;

  if (sqlite3_value_type (values[0]) != SQLITE_BLOB)
    {
      sqlite3_result_value (context, values[0]);
      return;
    }
  text = scholia_text_unpack (sqlite3_value_blob (values[0]), sqlite3_value_bytes (values[0]), &length, &error);
  if (text == NULL)
    {
      sqlite3_result_error (context, error->message, -1);
      return;
    }
  sqlite3_result_text64 (context, text, length, g_free, SQLITE_UTF8);
}

static void
pack_function (sqlite3_context  *context,
               int               n_values,
               sqlite3_value   **values)
{
  g_autoptr(GBytes) packed = NULL;
  gsize size;
  gconstpointer data;

  if (sqlite3_value_type (values[0]) != SQLITE_TEXT)
    {
      sqlite3_result_value (context, values[0]);
      return;
    }
  packed = scholia_text_pack ((const char *) sqlite3_value_text (values[0]), sqlite3_value_bytes (values[0]));
  if (packed == NULL)
    {
      sqlite3_result_value (context, values[0]);
      return;
    }
  data = g_bytes_get_data (packed, &size);
  sqlite3_result_blob64 (context, data, size, SQLITE_TRANSIENT);
}

int
scholia_text_pack_register (sqlite3 *db)
{
  int rc = sqlite3_create_function (db, "scholia_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                    NULL, text_function, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "scholia_pack", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, pack_function, NULL, NULL);
  return rc;
}
