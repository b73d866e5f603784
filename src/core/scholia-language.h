/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The languages an essay can be in: those the Snowball stemmers (libstemmer) know, by ISO 639-1
 * code, which is what the library stores and what libstemmer accepts. */
#define SCHOLIA_LANGUAGE_DEFAULT "en"

typedef struct
{
  const char *code;  /* "en" */
  const char *name;  /* "English", untranslated: scholia_language_get_name() translates */
} ScholiaLanguage;

const ScholiaLanguage *scholia_languages_get        (guint      *n_languages);
gboolean               scholia_language_is_known    (const char *code);
const char            *scholia_language_get_name    (const char *code);
const char            *scholia_language_guess       (const char *text);

G_END_DECLS
