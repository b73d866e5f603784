/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-model-private.h"

gboolean
_scholia_model_replace_text (char       **field,
                             const char  *value)
{
  char *copy;

  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  /* Copy before freeing: value may point into the old string. */
  copy = g_strdup (value);
  g_free (*field);
  *field = copy;

  return TRUE;
}

void
_scholia_model_set_text (GObject     *object,
                         char       **field,
                         const char  *value,
                         GParamSpec  *pspec)
{
  if (_scholia_model_replace_text (field, value))
    g_object_notify_by_pspec (object, pspec);
}

void
_scholia_model_set_int (GObject    *object,
                        int        *field,
                        int         value,
                        GParamSpec *pspec)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

void
_scholia_model_set_int64 (GObject    *object,
                          gint64     *field,
                          gint64      value,
                          GParamSpec *pspec)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
}
