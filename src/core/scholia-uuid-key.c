/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "scholia-uuid-key.h"

#define UUID_LENGTH 36
#define KEY_LENGTH 16
/* The byte after the 16 that says the letters were upper case. */
#define UPPER_CASE_FLAG 1

/* Whether @text is a uuid whose hex letters are all of one case (digits alone count as lower). */
static gboolean
parse_uuid (const char *text,
            int         length,
            guint8      key[KEY_LENGTH],
            gboolean   *upper)
{
  gboolean lower_seen = FALSE, upper_seen = FALSE;
  guint n = 0;

  if (length != UUID_LENGTH)
    return FALSE;
  for (int i = 0; i < UUID_LENGTH; i += 2)
    {
      int high, low;

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
          i--;
          continue;
        }
      high = g_ascii_xdigit_value (text[i]);
      low = g_ascii_xdigit_value (text[i + 1]);
      if (high < 0 || low < 0)
        return FALSE;
      for (int j = i; j < i + 2; j++)
        {
          lower_seen |= g_ascii_islower (text[j]);
          upper_seen |= g_ascii_isupper (text[j]);
        }
      key[n++] = (guint8) (high << 4 | low);
    }
  *upper = upper_seen;
  return n == KEY_LENGTH && !(lower_seen && upper_seen);
}

static void
key_function (sqlite3_context  *context,
              int               n_values,
              sqlite3_value   **values)
{
  guint8 key[KEY_LENGTH + 1];
  gboolean upper = FALSE;
  const char *text;

  if (sqlite3_value_type (values[0]) == SQLITE_NULL)
    return;
  text = (const char *) sqlite3_value_text (values[0]);
  if (text == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  if (!parse_uuid (text, sqlite3_value_bytes (values[0]), key, &upper))
    {
      sqlite3_result_text (context, text, sqlite3_value_bytes (values[0]), SQLITE_TRANSIENT);
      return;
    }
  key[KEY_LENGTH] = UPPER_CASE_FLAG;
  sqlite3_result_blob (context, key, upper ? KEY_LENGTH + 1 : KEY_LENGTH, SQLITE_TRANSIENT);
}

static void
text_function (sqlite3_context  *context,
               int               n_values,
               sqlite3_value   **values)
{
  const char *digits;
  const guint8 *key;
  char text[UUID_LENGTH];
  int size, n = 0;

  if (sqlite3_value_type (values[0]) != SQLITE_BLOB)
    {
      sqlite3_result_value (context, values[0]);
      return;
    }
  key = sqlite3_value_blob (values[0]);
  size = sqlite3_value_bytes (values[0]);
  if (size != KEY_LENGTH && !(size == KEY_LENGTH + 1 && key[KEY_LENGTH] == UPPER_CASE_FLAG))
    {
      sqlite3_result_error (context, "not an annotation's uuid key", -1);
      return;
    }
  digits = size == KEY_LENGTH ? "0123456789abcdef" : "0123456789ABCDEF";
  for (int i = 0; i < KEY_LENGTH; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        text[n++] = '-';
      text[n++] = digits[key[i] >> 4];
      text[n++] = digits[key[i] & 0xf];
    }
  sqlite3_result_text (context, text, UUID_LENGTH, SQLITE_TRANSIENT);
}

int
scholia_uuid_key_register (sqlite3 *db)
{
  int rc = sqlite3_create_function (db, "scholia_uuid_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                    NULL, key_function, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "scholia_uuid_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, text_function, NULL, NULL);
  return rc;
}
