/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-uuid.h"

char *
scholia_uuid_from_name (const char *name_space,
                        const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_return_val_if_fail (name_space != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) name_space, -1);
  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &length);
  /* RFC 4122's version 5 and variant bits. */
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}
