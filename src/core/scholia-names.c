/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "scholia-names.h"

char *
scholia_names_collate_key (const char *name)
{
  const char *space;
  g_autofree char *surname_first = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  space = strrchr (name, ' ');
  if (space == NULL)
    return g_utf8_collate_key (name, -1);

  surname_first = g_strdup_printf ("%s %.*s", space + 1, (int) (space - name), name);
  return g_utf8_collate_key (surname_first, -1);
}
